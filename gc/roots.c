/* roots.c: rooted wrappers, marked by a marking constraint (roots.h).
 *
 * The array holds links, not wrappers: a link's wrapper is found through
 * its weak reference when the constraint runs. Unrooting only clears the
 * link's `rooted` bit, so that a wrapper toggled often costs no array work;
 * the link stays in the array (its `in_roots` bit says so, and survives the
 * link's reuse, so a link is never in the array twice) until a compaction,
 * which runs when stale entries outnumber rooted ones. The constraint skips
 * entries whose link is not rooted.
 *
 * JSC runs API marking constraints in every collection, again whenever the
 * mutator ran since (they are "greyed by execution", as the protected-value
 * set is), so a wrapper rooted while a collection is under way is marked
 * before it ends. The constraint may run on a collector thread: it takes
 * the lock, and the main thread never calls JSC while holding it, so a
 * collection cannot wait for the main thread to let go of it.
 */
#include "roots.h"

#include "engine.h"

static GMutex sprout_roots_mutex;
static gboolean sprout_roots_traced (void);
static GPtrArray *sprout_roots;  /* of SproutLink *, under the lock */
static guint sprout_roots_rooted; /* entries whose link is rooted */
/* Context groups that have our constraint; main thread. A group lives as
 * long as its context here (one group per context). */
static GPtrArray *sprout_roots_groups;

guint
sprout_roots_count (void)
{
  return sprout_roots_rooted;
}

static gboolean
sprout_roots_traced (void)
{
  return sprout_engine.add_marking_constraint != NULL;
}

/* The marking constraint of @data, a context group. */
static void
sprout_roots_mark (SproutJSMarker *marker, void *data)
{
  g_mutex_lock (&sprout_roots_mutex);
  for (guint i = 0; sprout_roots && i < sprout_roots->len; i++) {
    SproutLink *link = g_ptr_array_index (sprout_roots, i);
    JSObjectRef wrapper;

    if (!link->rooted || link->ctx == NULL || link->weak == NULL ||
        (void *) JSContextGetGroup (link->ctx) != data)
      continue;
    wrapper = sprout_engine.weak_get_object (link->weak);
    if (wrapper)
      marker->mark (marker, wrapper);
  }
  sprout_toggle_mark_lazy (marker, data);
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_lock (void)
{
  g_mutex_lock (&sprout_roots_mutex);
}

void
sprout_roots_unlock (void)
{
  g_mutex_unlock (&sprout_roots_mutex);
}

gboolean
sprout_roots_can_trace_shapes (JSContextRef ctx)
{
  static int verdict = -1;
  JSObjectRef a, b;
  JSStringRef name;
  guint32 before;

  if (verdict >= 0)
    return verdict;
  verdict = FALSE;
  if (!sprout_roots_traced () || !sprout_engine.weak_create)
    return FALSE;
  a = JSObjectMake (ctx, NULL, NULL);
  b = JSObjectMake (ctx, NULL, NULL);
  before = sprout_roots_shape (b);
  name = JSStringCreateWithUTF8CString ("sproutShapeProbe");
  JSObjectSetProperty (ctx, b, name, JSValueMakeNull (ctx),
                       kJSPropertyAttributeNone, NULL);
  JSStringRelease (name);
  verdict = sprout_roots_shape (a) == before && sprout_roots_shape (b) != before;
  if (!verdict)
    g_warning ("JavaScriptCore's object layout is not the expected one: "
               "every GObject wrapper holds a toggle reference");
  return verdict;
}

void
sprout_roots_ensure_constraint (JSContextRef ctx)
{
  JSContextGroupRef group = JSContextGetGroup (ctx);

  if (sprout_roots_groups == NULL)
    sprout_roots_groups = g_ptr_array_new ();
  if (g_ptr_array_find (sprout_roots_groups, group, NULL))
    return;
  sprout_engine.add_marking_constraint (group, sprout_roots_mark,
                                        (void *) group);
  g_ptr_array_add (sprout_roots_groups, (gpointer) group);
}

/* Drops the entries of unrooted links once they outnumber the rooted ones
 * (amortised: each unrooting pays for one entry). Under the lock. */
static void
sprout_roots_compact (void)
{
  guint kept = 0;

  if (sprout_roots->len < 64 || sprout_roots->len < 2 * sprout_roots_rooted)
    return;
  for (guint i = 0; i < sprout_roots->len; i++) {
    SproutLink *link = g_ptr_array_index (sprout_roots, i);

    if (link->rooted)
      sprout_roots->pdata[kept++] = link;
    else
      link->in_roots = FALSE;
  }
  g_ptr_array_set_size (sprout_roots, kept);
}

void
sprout_roots_add (SproutLink *link, JSObjectRef wrapper)
{
  if (!sprout_roots_traced ()) {
    JSValueProtect (link->ctx, wrapper);
    link->rooted = TRUE;
    return;
  }
  sprout_roots_ensure_constraint (link->ctx);
  g_mutex_lock (&sprout_roots_mutex);
  if (sprout_roots == NULL)
    sprout_roots = g_ptr_array_new ();
  if (!link->in_roots) {
    g_ptr_array_add (sprout_roots, link);
    link->in_roots = TRUE;
  }
  link->rooted = TRUE;
  sprout_roots_rooted++;
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_remove (SproutLink *link, JSObjectRef wrapper)
{
  if (!sprout_roots_traced ()) {
    JSValueUnprotect (link->ctx, wrapper);
    link->rooted = FALSE;
    return;
  }
  g_mutex_lock (&sprout_roots_mutex);
  link->rooted = FALSE;
  sprout_roots_rooted--;
  sprout_roots_compact ();
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_forget (SproutLink *link)
{
  g_mutex_lock (&sprout_roots_mutex);
  if (link->rooted && link->in_roots)
    sprout_roots_rooted--;
  link->ctx = NULL;
  link->weak = NULL;
  link->rooted = FALSE;
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_forget_context (JSContextRef ctx)
{
  /* The group goes with its context: a later one at the same address needs
   * the constraint again. */
  if (sprout_roots_groups)
    g_ptr_array_remove_fast (sprout_roots_groups,
                             (gpointer) JSContextGetGroup (ctx));
}
