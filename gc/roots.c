/* roots.c: the marking constraint that keeps wrappers alive (roots.h).
 *
 * Rooted links (toggle references: someone besides the wrapper holds the
 * object) sit in an array of links, not wrappers. Unrooting only
 * clears the link's `rooted` bit, so that a wrapper toggled often costs no
 * array work; the link stays in the array (its `in_roots` bit says so, and
 * survives the link's reuse, so a link is never in the array twice) until
 * a compaction, which runs when stale entries outnumber rooted ones.
 *
 * Lazy links (a plain reference, no toggle reference) are looked at in the
 * slabs of gc/toggle.c: the constraint marks a wrapper whose shape changed
 * while its object has another holder. Looking at every lazy link in every
 * collection made a GC-heavy loop with 150k wrappers 3-4x slower, so only
 * full collections do; an eden collection only collects objects made since
 * the previous collection, so it looks at the links attached since the end
 * of the collection before the last one. Sentinel objects that only this
 * constraint marks tell them apart: the first time the constraint runs in
 * a collection, they are still marked in an eden one (old objects keep
 * their marks) and not in a full one. A full collection taken for an eden
 * one would leave the pointers of old dead wrappers uncleared, so there
 * are two, made apart: a stale copy of one's address on a stack (the scan
 * is conservative) cannot make a full collection look like an eden one.
 *
 * The same looks note which wrappers the collection may take are marked
 * (gc/toggle.c's bitmaps): JSC runs API marking constraints in every
 * collection, and again whenever anything was marked since ("greyed by
 * marking"), until a round of all constraints marks nothing more. So the
 * constraint's last look sees the collection's final marks, which are what
 * JSC's own weak references go by too; the end of the collection (the
 * heap finalizer below) clears the wrappers left unmarked. Between the end
 * of marking and that finalizer the engine runs no JS, but C code may run
 * on the main thread without the engine's lock: gc/toggle.c reads a
 * wrapper only while holding that lock, which runs a finalizer that is due
 * first. A wrapper rooted while a collection is under way is marked by the
 * constraint's next look, and one only a C local holds is found by the
 * conservative scan of the main thread's stack. The constraint may run on a collector thread: it takes
 * the lock, and the main thread never calls JSC while holding it, so a
 * collection cannot wait for the main thread to let go of it.
 */
#include "roots.h"

#include "engine.h"

static GMutex sprout_roots_mutex;
static GPtrArray *sprout_roots;  /* of SproutLink *, under the lock */
static guint sprout_roots_rooted; /* entries whose link is rooted */

/* What the constraint keeps for one context group. Never freed: JSC may
 * run the constraint until the group itself goes (a few bytes a context). */
typedef struct {
  JSContextGroupRef group; /* NULL once its context was forgotten */
  /* Objects that only this constraint marks, their addresses masked so
   * that the copies here never pass for references: unmarked when the
   * constraint first runs in a collection, they tell a full collection
   * from an eden one (which keeps old objects marked). 0 until made. */
  guintptr sentinels[2];
  gboolean collecting; /* a collection is under way (constraint ran) */
  gboolean full;
  /* Lazy links attached since the last collection ended, and during the
   * one before (see sprout_roots_on_collected()); under the lock. */
  GPtrArray *young;
  GPtrArray *young_before;
} SproutRootsGroup;

#define SPROUT_ROOTS_MASK ((guintptr) 0x5a5a5a5a5a5a5a5a)

/* Entries a young array keeps room for across collections (256 kB). */
#define SPROUT_ROOTS_YOUNG_KEPT 32768

/* Of SproutRootsGroup *; main thread. */
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

static void
sprout_roots_trace_young (SproutJSMarker *marker, void *group, GPtrArray *young,
                          gboolean first)
{
  for (guint i = 0; young && i < young->len; i++)
    sprout_toggle_trace_link (marker, group, young->pdata[i], first);
}

/* TRUE if every sentinel of @roots_group is made and marked already. */
static gboolean
sprout_roots_sentinels_marked (SproutJSMarker *marker,
                               SproutRootsGroup *roots_group)
{
  for (guint i = 0; i < G_N_ELEMENTS (roots_group->sentinels); i++) {
    guintptr masked = roots_group->sentinels[i];

    if (masked == 0 ||
        !marker->is_marked (marker, (JSObjectRef) (masked ^ SPROUT_ROOTS_MASK)))
      return FALSE;
  }
  return TRUE;
}

/* The marking constraint of @data, a SproutRootsGroup. An eden collection
 * only collects objects made since the last collection, so only the links
 * attached since then need looking at (and those of the collection
 * before, whose wrappers may have been made while it ran); a full one
 * looks at every link. */
static void
sprout_roots_mark (SproutJSMarker *marker, void *data)
{
  SproutRootsGroup *roots_group = data;
  void *group = (void *) roots_group->group;
  gboolean first;

  g_mutex_lock (&sprout_roots_mutex);
  if (group == NULL) {
    g_mutex_unlock (&sprout_roots_mutex);
    return;
  }
  for (guint i = 0; sprout_roots && i < sprout_roots->len; i++) {
    SproutLink *link = g_ptr_array_index (sprout_roots, i);

    if (!link->rooted || link->context == 0 || link->wrapper == NULL ||
        (void *) JSContextGetGroup (sprout_link_ctx (link)) != group)
      continue;
    marker->mark (marker, link->wrapper);
  }
  first = !roots_group->collecting;
  if (first) {
    roots_group->collecting = TRUE;
    /* Without the end-of-collection callback, every collection is full. */
    roots_group->full = !sprout_engine.add_heap_finalizer ||
                        !sprout_roots_sentinels_marked (marker, roots_group);
  }
  if (roots_group->full) {
    sprout_toggle_trace (marker, group, first);
  } else {
    sprout_roots_trace_young (marker, group, roots_group->young, first);
    sprout_roots_trace_young (marker, group, roots_group->young_before, first);
  }
  for (guint i = 0; i < G_N_ELEMENTS (roots_group->sentinels); i++)
    if (roots_group->sentinels[i])
      marker->mark (marker, (JSObjectRef) (roots_group->sentinels[i] ^
                                           SPROUT_ROOTS_MASK));
  g_mutex_unlock (&sprout_roots_mutex);
}

/* The end of a collection of @data's group (main thread, before any JS
 * runs): clears the wrappers it collected and queues their releases (an
 * eden collection can only have collected those attached since the
 * collection before the last ended), then whatever it did not collect is
 * old, except maybe what was made while it ran. No JSC call. */
static void
sprout_roots_on_collected (JSContextGroupRef group, void *data)
{
  SproutRootsGroup *roots_group = data;
  GPtrArray *recycled;

  g_mutex_lock (&sprout_roots_mutex);
  /* JSC runs every constraint in every collection: without a look of ours
   * (no wrapper yet), nothing is known to be dead, and nothing reaped. */
  if (roots_group->group != NULL && roots_group->collecting) {
    void *vm = (void *) roots_group->group;

    if (roots_group->full) {
      sprout_toggle_reap (vm);
    } else {
      for (guint i = 0; i < roots_group->young->len; i++)
        sprout_toggle_reap_link (vm, roots_group->young->pdata[i]);
      for (guint i = 0; i < roots_group->young_before->len; i++)
        sprout_toggle_reap_link (vm, roots_group->young_before->pdata[i]);
    }
  }
  roots_group->collecting = FALSE;
  recycled = roots_group->young_before;
  roots_group->young_before = roots_group->young;
  /* A burst of wrappers would otherwise keep its array's size for good;
   * below that, the array is reused: a loop making wrappers fills it
   * between any two collections, and freeing and regrowing it each time
   * (realloc copies, malloc consolidating its free lists) cost 10% of a
   * JS subclass construction. */
  if (recycled->len > SPROUT_ROOTS_YOUNG_KEPT) {
    g_ptr_array_unref (recycled);
    recycled = g_ptr_array_new ();
  }
  g_ptr_array_set_size (recycled, 0);
  roots_group->young = recycled;
  g_mutex_unlock (&sprout_roots_mutex);
}

static SproutRootsGroup *
sprout_roots_group_of (JSContextRef ctx)
{
  JSContextGroupRef group = JSContextGetGroup (ctx);

  for (guint i = 0; sprout_roots_groups && i < sprout_roots_groups->len; i++)
    if (((SproutRootsGroup *) sprout_roots_groups->pdata[i])->group == group)
      return sprout_roots_groups->pdata[i];
  return NULL;
}

void
sprout_roots_note_young (JSContextRef ctx, SproutLink *link)
{
  SproutRootsGroup *roots_group = sprout_roots_group_of (ctx);

  /* Without the end-of-collection callback every collection looks at all
   * lazy links (see sprout_roots_mark()), and none reaps. */
  if (roots_group && sprout_engine.add_heap_finalizer)
    g_ptr_array_add (roots_group->young, link);
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
  if (!sprout_roots_traced () || !sprout_engine.add_heap_finalizer)
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

/* A new sentinel's masked address. Its own frame, gone on return, holds
 * the plain one. */
static G_GNUC_NO_INLINE guintptr
sprout_roots_make_sentinel (JSContextRef ctx)
{
  return (guintptr) JSObjectMake (ctx, NULL, NULL) ^ SPROUT_ROOTS_MASK;
}

void
sprout_roots_ensure_constraint (JSContextRef ctx)
{
  JSContextGroupRef group = JSContextGetGroup (ctx);
  SproutRootsGroup *roots_group;

  if (sprout_roots_group_of (ctx))
    return;
  if (sprout_roots_groups == NULL)
    sprout_roots_groups = g_ptr_array_new ();
  roots_group = g_new0 (SproutRootsGroup, 1);
  roots_group->group = group;
  roots_group->young = g_ptr_array_new ();
  roots_group->young_before = g_ptr_array_new ();
  g_ptr_array_add (sprout_roots_groups, roots_group);
  sprout_engine.add_marking_constraint (group, sprout_roots_mark, roots_group);
  if (sprout_engine.add_heap_finalizer)
    sprout_engine.add_heap_finalizer (group, sprout_roots_on_collected,
                                      roots_group);
  /* After the constraint: from now on it keeps the sentinels alive. */
  for (guint i = 0; i < G_N_ELEMENTS (roots_group->sentinels); i++)
    roots_group->sentinels[i] = sprout_roots_make_sentinel (ctx);
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
  if (sprout_roots->len > 4096 && kept < sprout_roots->len / 4) {
    /* Give back what a burst of rooted wrappers left. */
    GPtrArray *smaller = g_ptr_array_sized_new (kept);

    for (guint i = 0; i < kept; i++)
      g_ptr_array_add (smaller, sprout_roots->pdata[i]);
    g_ptr_array_unref (sprout_roots);
    sprout_roots = smaller;
    return;
  }
  g_ptr_array_set_size (sprout_roots, kept);
}

void
sprout_roots_add (SproutLink *link, JSObjectRef wrapper)
{
  if (!sprout_roots_traced ()) {
    JSValueProtect (sprout_link_ctx (link), wrapper);
    link->rooted = TRUE;
    return;
  }
  sprout_roots_ensure_constraint (sprout_link_ctx (link));
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
sprout_roots_unroot_locked (SproutLink *link)
{
  link->rooted = FALSE;
  sprout_roots_rooted--;
  sprout_roots_compact ();
}

void
sprout_roots_remove (SproutLink *link)
{
  g_mutex_lock (&sprout_roots_mutex);
  sprout_roots_unroot_locked (link);
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_forget (SproutLink *link)
{
  g_mutex_lock (&sprout_roots_mutex);
  if (link->rooted && link->in_roots)
    sprout_roots_rooted--;
  link->context = 0;
  link->wrapper = NULL;
  link->rooted = FALSE;
  g_mutex_unlock (&sprout_roots_mutex);
}

void
sprout_roots_forget_context (JSContextRef ctx)
{
  JSContextGroupRef group = JSContextGetGroup (ctx);

  /* The group goes with its context: a later one at the same address needs
   * the constraint again. */
  for (guint i = 0; sprout_roots_groups && i < sprout_roots_groups->len; i++) {
    SproutRootsGroup *roots_group = sprout_roots_groups->pdata[i];

    if (roots_group->group != group)
      continue;
    g_mutex_lock (&sprout_roots_mutex);
    roots_group->group = NULL;
    g_ptr_array_set_size (roots_group->young, 0);
    g_ptr_array_set_size (roots_group->young_before, 0);
    g_mutex_unlock (&sprout_roots_mutex);
    g_ptr_array_remove_index_fast (sprout_roots_groups, i);
    return;
  }
}
