/* toggle.c: GObject <-> wrapper links with toggle references (toggle.h).
 *
 * Each wrapped GObject carries a SproutLink in its qdata: the JS context,
 * the wrapper (strong while rooted), a JSC weak reference to find the wrapper
 * while it lives unrooted, and a generation number. A new wrapper for an
 * object whose old wrapper was collected (but whose release is still queued)
 * bumps the generation, so the stale release leaves the toggle ref alone.
 *
 * Toggle notifications arrive on whatever thread drops or takes the
 * reference. On the main thread they root/unroot at once. Elsewhere they only
 * mark the object for re-evaluation and wake the main context: the main
 * thread then reads the reference count and applies the state it implies,
 * so a pending "up" and "down" cancel out by construction. Our toggle ref
 * keeps the object alive while it waits, unless the wrapper's release drops
 * that ref first; the release then takes the object off the queue.
 */
#include "toggle.h"

#include "engine.h"

typedef struct {
  JSGlobalContextRef ctx;
  JSObjectRef wrapper;     /* valid while rooted, or while `weak` says so */
  SproutJSWeakRef weak;
  guint generation;
  gboolean rooted;
  gboolean disposed;
  gboolean has_toggle;
} SproutLink;

static GQuark sprout_link_quark;
static GHashTable *sprout_links; /* every SproutLink, for context teardown */
static GThread *sprout_main_thread;
static guint sprout_link_count;
static GMutex sprout_toggle_lock;
static GPtrArray *sprout_toggle_pending; /* of GObject*, main thread reads */
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

static JSObjectRef
sprout_link_wrapper (SproutLink *link)
{
  if (link->ctx == NULL)
    return NULL; /* its context is gone */
  if (link->rooted)
    return link->wrapper;
  if (link->weak && sprout_engine.weak_get_object)
    return sprout_engine.weak_get_object (link->weak);
  return NULL;
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

guint
sprout_toggle_count_links (void)
{
  return sprout_link_count;
}

static void
sprout_link_set_rooted (SproutLink *link, gboolean rooted)
{
  JSObjectRef wrapper;

  if (link->rooted == rooted || link->ctx == NULL)
    return;
  if (rooted) {
    wrapper = sprout_link_wrapper (link);
    if (wrapper == NULL)
      return; /* collected; its queued release will settle things */
    link->wrapper = wrapper;
    JSValueProtect (link->ctx, wrapper);
    link->rooted = TRUE;
  } else {
    JSValueUnprotect (link->ctx, link->wrapper);
    link->rooted = FALSE;
  }
}

/* Roots the wrapper exactly when someone besides us holds the object. */
static void
sprout_link_update (GObject *object, SproutLink *link)
{
  sprout_link_set_rooted (link, g_atomic_int_get (&object->ref_count) > 1);
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
  GPtrArray *pending;

  g_mutex_lock (&sprout_toggle_lock);
  pending = sprout_toggle_pending;
  sprout_toggle_pending = NULL;
  sprout_toggle_idle = 0;
  g_mutex_unlock (&sprout_toggle_lock);
  if (pending == NULL)
    return;
  for (guint i = 0; i < pending->len; i++) {
    GObject *object = g_ptr_array_index (pending, i);
    SproutLink *link = sprout_link_get (object);
    if (link)
      sprout_link_update (object, link);
  }
  g_ptr_array_unref (pending);
}

static void
sprout_toggle_queue (GObject *object)
{
  g_mutex_lock (&sprout_toggle_lock);
  if (sprout_toggle_pending == NULL)
    sprout_toggle_pending = g_ptr_array_new ();
  g_ptr_array_add (sprout_toggle_pending, object);
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
    sprout_toggle_queue (object);
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

static void
sprout_link_release_weak (SproutLink *link)
{
  if (link->weak && link->ctx && sprout_engine.weak_release)
    sprout_engine.weak_release (JSContextGetGroup (link->ctx), link->weak);
  link->weak = NULL;
}

static SproutLink *
sprout_link_new (JSContextRef ctx, GObject *object)
{
  SproutLink *link = g_new0 (SproutLink, 1);

  if (sprout_link_quark == 0) {
    sprout_link_quark = g_quark_from_static_string ("sprout-js-link");
    sprout_main_thread = g_thread_self ();
  }
  link->ctx = JSContextGetGlobalContext (ctx);
  g_object_set_qdata (object, sprout_link_quark, link);
  g_object_weak_ref (object, sprout_toggle_on_dispose, link);
  if (sprout_links == NULL)
    sprout_links = g_hash_table_new (NULL, NULL);
  g_hash_table_add (sprout_links, link);
  sprout_link_count++;
  return link;
}

guint
sprout_toggle_attach (JSContextRef ctx, GObject *object, JSObjectRef wrapper)
{
  SproutLink *link = sprout_link_get (object);

  if (link == NULL)
    link = sprout_link_new (ctx, object);
  link->ctx = JSContextGetGlobalContext (ctx);
  link->generation++;
  link->wrapper = wrapper;
  sprout_link_release_weak (link);
  if (sprout_engine.weak_create)
    link->weak = sprout_engine.weak_create (JSContextGetGroup (ctx), wrapper);
  link->rooted = FALSE;
  if (!link->has_toggle) {
    g_object_add_toggle_ref (object, sprout_toggle_notify, link);
    link->has_toggle = TRUE;
  }
  sprout_link_update (object, link);
  return link->generation;
}

/* Forgets queued notifications for @object once it has lost its link: the
 * toggle ref we just dropped may have been the last one, and the queue must
 * not hand a finalized object to sprout_toggle_flush(). Comparing pointers
 * is safe after the free, and no other object can take the address and
 * queue itself meanwhile: links are made on this (the main) thread. */
static void
sprout_toggle_cancel (GObject *object)
{
  g_mutex_lock (&sprout_toggle_lock);
  while (sprout_toggle_pending &&
         g_ptr_array_remove_fast (sprout_toggle_pending, object))
    ;
  g_mutex_unlock (&sprout_toggle_lock);
}

void
sprout_toggle_release (gpointer data, guint generation)
{
  GObject *object = data;
  SproutLink *link = sprout_link_get (object);

  if (link == NULL || link->generation != generation)
    return;
  if (link->rooted)
    return; /* a rooted wrapper cannot have been collected */
  g_object_set_qdata (object, sprout_link_quark, NULL);
  if (!link->disposed)
    g_object_weak_unref (object, sprout_toggle_on_dispose, link);
  sprout_link_count--;
  g_hash_table_remove (sprout_links, link);
  sprout_link_release_weak (link);
  /* Last: this may finalize the object. */
  g_object_remove_toggle_ref (object, sprout_toggle_notify, link);
  sprout_toggle_cancel (object);
  g_free (link);
}

void
sprout_toggle_forget_context (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);
  GHashTableIter iter;
  SproutLink *link;

  if (sprout_links == NULL)
    return;
  g_hash_table_iter_init (&iter, sprout_links);
  while (g_hash_table_iter_next (&iter, (gpointer *) &link, NULL)) {
    if (link->ctx != global)
      continue;
    /* The VM is going away with every wrapper: drop what points into it
     * without calling it. Objects keep our toggle ref until their token
     * releases (queued by the VM's finalizers) drop it. */
    link->ctx = NULL;
    link->wrapper = NULL;
    link->weak = NULL;
    link->rooted = FALSE;
  }
}
