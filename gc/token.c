/* token.c: token objects and their deferred releases (see token.h).
 *
 * JSC runs a JSClass finalizer on the thread holding the engine lock,
 * inside whatever allocating API call triggered the collection. Unreffing a
 * GObject there could run dispose, which may call back into JS. So the
 * finalizer appends (kind, pointer, generation) to a mutex-protected queue
 * and makes sure one idle source on the default main context will drain it.
 *
 * A token's private slot holds a SproutToken (kind, native pointer,
 * generation), allocated here or, for embedded kinds, the head of the
 * native structure itself. GObject wrappers have no token object at all
 * (gc/toggle.h): their releases come through the same queue.
 */
#include "token.h"

#include "js-fast.h"

typedef SproutTokenRecord SproutToken;

typedef struct {
  const SproutTokenKind *kind;
  gpointer native;
  guint generation;
} SproutRelease;

static JSClassRef sprout_token_class;
static GMutex sprout_release_lock;
static GArray *sprout_releases; /* of SproutRelease */
/* The array drained last, emptied and kept for the next queue: a loop
 * making wrappers drains thousands after each collection, and freeing and
 * regrowing the array each time cost page faults and realloc copies. */
static GArray *sprout_releases_spare;

/* Releases a kept array has room for at most (384 kB). */
#define SPROUT_RELEASES_KEPT 16384
static guint sprout_release_idle;
static gint sprout_release_count; /* atomic mirror of the queue length */

void
sprout_token_drain_releases (void)
{
  GArray *batch;

  g_mutex_lock (&sprout_release_lock);
  batch = sprout_releases;
  sprout_releases = NULL;
  if (sprout_release_idle)
    g_source_remove (sprout_release_idle);
  sprout_release_idle = 0;
  g_atomic_int_set (&sprout_release_count, 0);
  g_mutex_unlock (&sprout_release_lock);
  if (batch == NULL)
    return;
  for (guint i = 0; i < batch->len; i++) {
    SproutRelease *release = &g_array_index (batch, SproutRelease, i);
    release->kind->release (release->native, release->generation);
  }
  if (batch->len > SPROUT_RELEASES_KEPT) {
    g_array_unref (batch);
    return;
  }
  g_array_set_size (batch, 0);
  g_mutex_lock (&sprout_release_lock);
  if (sprout_releases_spare == NULL)
    sprout_releases_spare = g_steal_pointer (&batch);
  g_mutex_unlock (&sprout_release_lock);
  if (batch)
    g_array_unref (batch);
}

guint
sprout_token_pending_releases (void)
{
  guint n;

  g_mutex_lock (&sprout_release_lock);
  n = sprout_releases ? sprout_releases->len : 0;
  g_mutex_unlock (&sprout_release_lock);
  return n;
}

void
sprout_token_drain_if_pending (void)
{
  if (g_atomic_int_get (&sprout_release_count) > 0)
    sprout_token_drain_releases ();
}

static gboolean
sprout_token_on_idle (gpointer data)
{
  g_mutex_lock (&sprout_release_lock);
  sprout_release_idle = 0; /* this source ends now; drain must not remove it */
  g_mutex_unlock (&sprout_release_lock);
  sprout_token_drain_releases ();
  return G_SOURCE_REMOVE;
}

void
sprout_token_queue_release (const SproutTokenKind *kind, gpointer native,
                            guint generation)
{
  SproutRelease release = { kind, native, generation };

  g_mutex_lock (&sprout_release_lock);
  if (sprout_releases == NULL)
    sprout_releases = sprout_releases_spare
                        ? g_steal_pointer (&sprout_releases_spare)
                        : g_array_new (FALSE, FALSE, sizeof (SproutRelease));
  g_array_append_val (sprout_releases, release);
  g_atomic_int_inc (&sprout_release_count);
  if (sprout_release_idle == 0)
    sprout_release_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE,
                                           sprout_token_on_idle, NULL, NULL);
  g_mutex_unlock (&sprout_release_lock);
}

/* A token's record: what it stands for. */
typedef struct {
  const SproutTokenKind *kind;
  gpointer native;
  guint generation;
  SproutToken *token;
} SproutTokenView;

static gboolean
sprout_token_view (gpointer slot, SproutTokenView *view)
{
  if (slot == NULL)
    return FALSE;
  view->token = slot;
  view->kind = view->token->kind;
  view->native = view->token->native;
  view->generation = view->token->generation;
  return TRUE;
}

static void
sprout_token_finalize (JSObjectRef object)
{
  SproutTokenView view;

  if (!sprout_token_view (JSObjectGetPrivate (object), &view))
    return;
  /* An embedded record goes with its native structure: not ours. */
  if (view.token && !view.kind->embedded)
    g_free (view.token);
  if (view.native == NULL || view.kind->release == NULL)
    return;
  if (view.kind->release_now == NULL ||
      !view.kind->release_now (view.native, view.generation))
    sprout_token_queue_release (view.kind, view.native, view.generation);
}

JSObjectRef
sprout_token_new (JSContextRef ctx, const SproutTokenKind *kind,
                  gpointer native, guint generation)
{
  gpointer slot;

  if (sprout_token_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "SproutToken";
    /* Tokens are never seen by scripts: without a prototype of their own,
     * JSObjectMake skips a per-object prototype switch (a structure
     * transition) and a look-up of the class's data in the context. */
    definition.attributes = kJSClassAttributeNoAutomaticPrototype;
    definition.finalize = sprout_token_finalize;
    sprout_token_class = JSClassCreate (&definition);
  }
  if (native && kind->embedded) {
    SproutToken *token = native;
    token->kind = kind;
    token->native = native;
    token->generation = generation;
    slot = token;
  } else {
    SproutToken *token = g_new0 (SproutToken, 1);
    token->kind = kind;
    token->native = native;
    token->generation = generation;
    slot = token;
  }
  return JSObjectMake (ctx, sprout_token_class, slot);
}

#define SPROUT_JS_NOT_CELL_MASK G_GUINT64_CONSTANT (0xfffe000000000002)

/* The private slot of @value if it is an object, else NULL. */
static gpointer
sprout_token_slot (JSContextRef ctx, JSValueRef value)
{
  /* Only objects may be asked for private data (JSObjectGetPrivate answers
   * NULL for objects that are not callback objects). */
  if (value == NULL)
    return NULL;
  if (G_LIKELY (sprout_js_fast_values)) {
    guint64 bits = sprout_js_bits (value);
    if (bits == 0 || (bits & SPROUT_JS_NOT_CELL_MASK) != 0)
      return NULL;
  } else if (!JSValueIsObject (ctx, value)) {
    return NULL;
  }
  return JSObjectGetPrivate ((JSObjectRef) value);
}

gpointer
sprout_token_get (JSContextRef ctx, JSValueRef value,
                  const SproutTokenKind *kind)
{
  gpointer slot = sprout_token_slot (ctx, value);

  if (slot == NULL || ((SproutToken *) slot)->kind != kind)
    return NULL;
  return ((SproutToken *) slot)->native;
}

void
sprout_token_clear (JSContextRef ctx, JSValueRef value)
{
  SproutTokenView view;

  if (!sprout_token_view (sprout_token_slot (ctx, value), &view))
    return;
  if (view.token && !view.kind->embedded)
    view.token->native = NULL;
  else
    JSObjectSetPrivate ((JSObjectRef) value, NULL);
}
