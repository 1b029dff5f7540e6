/* toggle.c: GObject <-> wrapper links with toggle references (toggle.h).
 *
 * Each wrapped GObject carries a SproutLink in its qdata: the JS context, a
 * JSC weak reference to the wrapper (which finds it while it lives, rooted
 * or not), the number of attached tokens whose release is still to come,
 * and the rooted/disposed/toggle flags. Rooting protects the wrapper.
 *
 * A new wrapper for an object whose old wrapper was collected (but whose
 * token release is still queued) attaches a second token: the toggle
 * reference is dropped only when the last attached token was released and
 * the wrapper is not rooted, so the stale release leaves it alone.
 *
 * Toggle notifications arrive on whatever thread drops or takes the
 * reference. On the main thread they root/unroot at once. Elsewhere they only
 * put the link in a pending set and wake the main context: the main thread
 * then reads the reference count and applies the state it implies, so an
 * "up" and a "down" pending together cancel out by construction, and a link
 * is pending at most once however often other threads toggle it. GLib calls
 * a toggle notifier after releasing its lock, so a notification can still be
 * on its way while the main thread drops our toggle ref and frees the link.
 * Links therefore live in slabs that are never returned to the system (a
 * freed link has no object and waits on a free list), so a late entry in the
 * queue always points at a SproutLink: the flush skips free ones, and a link
 * reused for another object meanwhile is merely re-evaluated. The slabs also
 * spare a malloc header and a table entry per wrapper.
 */
#include "toggle.h"

#include <string.h>

#include "engine.h"

typedef struct {
  JSGlobalContextRef ctx; /* NULL once the context is gone */
  GObject *object;
  /* A weak reference to the wrapper; without JSC's weak references (a
   * degraded engine) the wrapper itself, kept rooted for good. */
  gpointer weak;
  guint tokens : 30; /* attached tokens not released yet; main thread */
  guint rooted : 1;
  guint has_toggle : 1;
  /* Apart from the bit-fields: dispose may run on another thread. */
  gboolean disposed;
} SproutLink;

/* Memory per wrapper matters (benchmarks/memory.js): keep it at 32 bytes. */
G_STATIC_ASSERT (sizeof (SproutLink) <= 32);

#define SPROUT_LINK_SLAB 512

static GQuark sprout_link_quark;
static GPtrArray *sprout_link_slabs;   /* of SproutLink[SPROUT_LINK_SLAB] */
static SproutLink *sprout_link_free;   /* chained through `weak` */
static guint sprout_link_count;        /* links in use */
static GThread *sprout_main_thread;
static GMutex sprout_toggle_lock;
static GHashTable *sprout_toggle_pending; /* set of SproutLink*, under lock */
static guint sprout_toggle_idle;
static SproutToggleDisposeHook sprout_dispose_hook;

void
sprout_toggle_set_dispose_hook (SproutToggleDisposeHook hook)
{
  sprout_dispose_hook = hook;
}

static SproutLink *
sprout_link_get (GObject *object)
{
  if (G_UNLIKELY (sprout_link_quark == 0))
    return NULL;
  return g_object_get_qdata (object, sprout_link_quark);
}

static gboolean
sprout_link_has_weak_api (void)
{
  return sprout_engine.weak_create && sprout_engine.weak_get_object &&
         sprout_engine.weak_release;
}

static JSObjectRef
sprout_link_wrapper (SproutLink *link)
{
  if (link->ctx == NULL || link->weak == NULL)
    return NULL; /* its context is gone */
  if (!sprout_link_has_weak_api ())
    return link->weak;
  return sprout_engine.weak_get_object (link->weak);
}

JSObjectRef
sprout_toggle_get_wrapper (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  return link ? sprout_link_wrapper (link) : NULL;
}

gboolean
sprout_toggle_is_disposed (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  return link && link->disposed;
}

gboolean
sprout_toggle_is_rooted (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  return link && link->rooted;
}

guint
sprout_toggle_count_links (void)
{
  return sprout_link_count;
}

guint
sprout_toggle_count_pending (void)
{
  guint n;

  g_mutex_lock (&sprout_toggle_lock);
  n = sprout_toggle_pending ? g_hash_table_size (sprout_toggle_pending) : 0;
  g_mutex_unlock (&sprout_toggle_lock);
  return n;
}

static void
sprout_link_set_rooted (SproutLink *link, gboolean rooted)
{
  JSObjectRef wrapper;

  if (link->rooted == rooted || link->ctx == NULL)
    return;
  if (!sprout_link_has_weak_api ())
    return; /* rooted for good */
  wrapper = sprout_link_wrapper (link);
  if (wrapper == NULL)
    return; /* collected; its queued release will settle things */
  if (rooted)
    JSValueProtect (link->ctx, wrapper);
  else
    JSValueUnprotect (link->ctx, wrapper);
  link->rooted = rooted;
}

/* Roots the wrapper exactly when someone besides us holds the object. */
static void
sprout_link_update (SproutLink *link)
{
  sprout_link_set_rooted (link,
                          g_atomic_int_get (&link->object->ref_count) > 1);
}

static gboolean
sprout_toggle_on_idle (gpointer data)
{
  sprout_toggle_flush ();
  return G_SOURCE_REMOVE;
}

void
sprout_toggle_flush (void)
{
  GHashTable *pending;
  GHashTableIter iter;
  SproutLink *link;

  g_mutex_lock (&sprout_toggle_lock);
  pending = g_steal_pointer (&sprout_toggle_pending);
  sprout_toggle_idle = 0;
  g_mutex_unlock (&sprout_toggle_lock);
  if (pending == NULL)
    return;
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, (gpointer *) &link, NULL)) {
    if (link->object != NULL) /* else freed since it was queued */
      sprout_link_update (link);
  }
  g_hash_table_unref (pending);
}

static void
sprout_toggle_queue (SproutLink *link)
{
  g_mutex_lock (&sprout_toggle_lock);
  if (sprout_toggle_pending == NULL)
    sprout_toggle_pending = g_hash_table_new (NULL, NULL);
  g_hash_table_add (sprout_toggle_pending, link);
  if (sprout_toggle_idle == 0)
    sprout_toggle_idle = g_idle_add_full (G_PRIORITY_HIGH, sprout_toggle_on_idle,
                                          NULL, NULL);
  g_mutex_unlock (&sprout_toggle_lock);
}

static void
sprout_toggle_notify (gpointer data, GObject *object, gboolean is_last_ref)
{
  SproutLink *link = data;

  if (g_thread_self () == sprout_main_thread)
    sprout_link_set_rooted (link, !is_last_ref);
  else
    sprout_toggle_queue (link); /* not dereferenced off the main thread */
}

static void
sprout_toggle_on_dispose (gpointer data, GObject *where_the_object_was)
{
  SproutLink *link = data;
  JSObjectRef wrapper;

  link->disposed = TRUE;
  if (sprout_dispose_hook == NULL || g_thread_self () != sprout_main_thread)
    return;
  wrapper = sprout_link_wrapper (link);
  if (wrapper)
    sprout_dispose_hook (link->ctx, where_the_object_was, wrapper);
}

/* Forgets the wrapper (weak reference) of @link. */
static void
sprout_link_release_weak (SproutLink *link)
{
  if (link->weak && link->ctx && sprout_link_has_weak_api ())
    sprout_engine.weak_release (JSContextGetGroup (link->ctx), link->weak);
  link->weak = NULL;
}

/* Links come from slabs that are never freed (see the top of the file). */
static SproutLink *
sprout_link_alloc (void)
{
  SproutLink *link;

  if (sprout_link_free == NULL) {
    SproutLink *slab = g_new0 (SproutLink, SPROUT_LINK_SLAB);

    if (sprout_link_slabs == NULL)
      sprout_link_slabs = g_ptr_array_new ();
    g_ptr_array_add (sprout_link_slabs, slab);
    for (guint i = SPROUT_LINK_SLAB; i-- > 0;) {
      slab[i].weak = sprout_link_free;
      sprout_link_free = &slab[i];
    }
  }
  link = sprout_link_free;
  sprout_link_free = link->weak;
  memset (link, 0, sizeof *link);
  sprout_link_count++;
  return link;
}

static void
sprout_link_dealloc (SproutLink *link)
{
  memset (link, 0, sizeof *link); /* object = NULL: free */
  link->weak = sprout_link_free;
  sprout_link_free = link;
  sprout_link_count--;
}

static SproutLink *
sprout_link_new (JSContextRef ctx, GObject *object)
{
  SproutLink *link = sprout_link_alloc ();

  if (sprout_link_quark == 0) {
    sprout_link_quark = g_quark_from_static_string ("sprout-js-link");
    sprout_main_thread = g_thread_self ();
  }
  link->ctx = JSContextGetGlobalContext (ctx);
  link->object = object;
  g_object_set_qdata (object, sprout_link_quark, link);
  g_object_weak_ref (object, sprout_toggle_on_dispose, link);
  return link;
}

static guint sprout_toggle_attach_full (JSContextRef ctx, GObject *object,
                                        JSObjectRef wrapper, gboolean settle);

guint
sprout_toggle_attach (JSContextRef ctx, GObject *object, JSObjectRef wrapper)
{
  return sprout_toggle_attach_full (ctx, object, wrapper, TRUE);
}

guint
sprout_toggle_attach_unsettled (JSContextRef ctx, GObject *object,
                                JSObjectRef wrapper)
{
  return sprout_toggle_attach_full (ctx, object, wrapper, FALSE);
}

void
sprout_toggle_settle (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  if (link && g_thread_self () == sprout_main_thread)
    sprout_link_update (link);
}

static guint
sprout_toggle_attach_full (JSContextRef ctx, GObject *object,
                           JSObjectRef wrapper, gboolean settle)
{
  SproutLink *link = sprout_link_get (object);

  if (link == NULL)
    link = sprout_link_new (ctx, object);
  /* Callers replace only wrappers that were collected (so unrooted). */
  sprout_link_set_rooted (link, FALSE);
  link->ctx = JSContextGetGlobalContext (ctx);
  link->tokens++;
  sprout_link_release_weak (link);
  if (sprout_link_has_weak_api ()) {
    link->weak = sprout_engine.weak_create (JSContextGetGroup (ctx), wrapper);
  } else {
    link->weak = wrapper; /* degraded: never collected */
    JSValueProtect (ctx, wrapper);
    link->rooted = TRUE;
  }
  if (!link->has_toggle) {
    g_object_add_toggle_ref (object, sprout_toggle_notify, link);
    link->has_toggle = TRUE;
  }
  if (settle)
    sprout_link_update (link);
  return 1;
}

/* Forgets queued notifications for @link once it is freed (an optimisation:
 * the flush would skip it anyway). */
static void
sprout_toggle_cancel (SproutLink *link)
{
  g_mutex_lock (&sprout_toggle_lock);
  if (sprout_toggle_pending)
    g_hash_table_remove (sprout_toggle_pending, link);
  g_mutex_unlock (&sprout_toggle_lock);
}

void
sprout_toggle_release (gpointer data, guint generation)
{
  GObject *object = data;
  SproutLink *link;

  if (generation == 0)
    return; /* the token was never attached */
  link = sprout_link_get (object);
  if (link == NULL || link->tokens == 0)
    return;
  if (--link->tokens > 0 || link->rooted)
    return; /* a newer wrapper lives */
  g_object_set_qdata (object, sprout_link_quark, NULL);
  if (!link->disposed)
    g_object_weak_unref (object, sprout_toggle_on_dispose, link);
  sprout_toggle_cancel (link);
  sprout_link_release_weak (link);
  sprout_link_dealloc (link);
  /* Last: this may finalize the object. */
  g_object_remove_toggle_ref (object, sprout_toggle_notify, link);
}

/* Detaches @link from @global's VM, which is going away: drops what points
 * into it without calling it. The object keeps our toggle ref until its
 * token's release (queued by the VM's finalizers) drops it. */
static void
sprout_link_forget_context (SproutLink *link, JSGlobalContextRef global)
{
  if (link->object == NULL || link->ctx != global)
    return;
  link->ctx = NULL;
  link->weak = NULL;
  link->rooted = FALSE;
}

void
sprout_toggle_forget_context (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  for (guint i = 0; sprout_link_slabs && i < sprout_link_slabs->len; i++) {
    SproutLink *slab = g_ptr_array_index (sprout_link_slabs, i);

    for (guint j = 0; j < SPROUT_LINK_SLAB; j++)
      sprout_link_forget_context (&slab[j], global);
  }
}
