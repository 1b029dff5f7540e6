/* toggle.c: GObject <-> wrapper links with toggle references (toggle.h).
 *
 * Each wrapped GObject carries a SproutLink in its qdata: the JS context,
 * the wrapper (while it lives, rooted or not), the number of attached
 * wrappers whose release is still to come,
 * and the rooted/disposed/toggle flags. Rooting keeps the wrapper alive
 * through gc/roots.c.
 *
 * Wrappers of JS types, and wrappers with signal handlers, hold a toggle
 * reference. Others start lazy (sprout_toggle_attach_link_lazy()), as GJS's
 * do: the wrapper holds a plain reference and is never rooted; gc/roots.c's
 * constraint keeps it only once it has state of its own and someone else
 * holds the object, so a lazy wrapper costs neither the toggle reference's
 * memory (96 bytes of GLib qdata, measured) nor any work on toggles. The
 * constraint reads lazy links on a collector thread: what it reads (the
 * `has_ref` bit, the wrapper, the context, the shape, the slabs and their
 * bitmaps, the fate) changes under gc/roots.c's lock.
 *
 * Wrappers carry no finalizer, and links no JSC weak reference (about 53
 * bytes of memory each, a sixth of a wrapped object): the link points at
 * its wrapper. While a collection marks, its constraint (gc/roots.c) notes
 * in the slab's bitmap which of the wrappers it may collect are marked
 * (sprout_toggle_trace_link(): a wrapper's first look in a collection sets
 * its bit, later ones only add marks, which never go away while a
 * collection runs). JSC runs the constraint again after any new marking
 * until nothing changes, so the last look sees the final marks; the end of
 * the collection then clears the pointer of each unmarked wrapper and
 * queues its release (sprout_toggle_reap_link()). A new wrapper for an
 * object whose old one was collected attaches a second one, whose count
 * the old one's queued release does not touch. The toggle reference is
 * dropped only when the last wrapper was released and none is rooted.
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
 *
 * Finalization while a wrapper lives (an explicit unref() from JS, or C code
 * dropping the reference the wrapper relied on) is a memory-management bug
 * of the program, which GJS reports and survives; so do we. Tokens name the
 * link, and every wrapper counts in `tokens`, so the link outlives the
 * object until the last wrapper's release. The link's qdata has a destroy notify,
 * run by g_object_finalize() on whatever thread finalizes: it records the
 * type in `fate` (a plain atomic store, no JSC call), so that every later
 * access through a token sees "finalized" and never the freed pointer. The
 * wrapper's rooting is settled on the main thread (at once, or through the
 * pending set), and the last release logs GJS's critical and frees the link
 * without touching the object.
 */
#include "toggle.h"

#include <string.h>

#include "engine.h"
#include "roots.h"
#include "token.h"

/* Memory per wrapper matters (benchmarks/memory.js): keep it at 32 bytes. */
G_STATIC_ASSERT (sizeof (SproutLink) <= 32);

/* The queued release of a collected wrapper (gc/token.c's queue). */
static const SproutTokenKind sprout_link_release_kind = {
  "GObject wrapper",
  sprout_toggle_release_link,
};

#define SPROUT_LINK_SLAB 512

/* Links and, for each, whether the collection under way marked its
 * wrapper (under gc/roots.c's lock). */
typedef struct {
  SproutLink links[SPROUT_LINK_SLAB];
  guint64 marked[SPROUT_LINK_SLAB / 64];
} SproutLinkSlab;

static GQuark sprout_link_quark;
static GPtrArray *sprout_link_slabs;   /* of SproutLinkSlab * */
static SproutLink *sprout_link_free;   /* chained through `next_free` */
static guint sprout_link_count;        /* links in use */
static GThread *sprout_main_thread;
static GMutex sprout_toggle_lock;
static GHashTable *sprout_toggle_pending; /* set of SproutLink*, under lock */
/* Links of objects finalized under their wrapper, not reported yet (see
 * sprout_toggle_report_finalized()); under the lock. */
static GPtrArray *sprout_finalized_links;
static guint sprout_toggle_idle;
static SproutToggleDisposeHook sprout_dispose_hook;
static gboolean (*sprout_notes_dispose) (GObject *object);

void
sprout_toggle_set_dispose_noter (gboolean (*notes_dispose) (GObject *))
{
  sprout_notes_dispose = notes_dispose;
}

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

/* Collectable wrappers need the marking constraint that records their
 * marks and the end-of-collection callback that reaps them; without either
 * (a degraded engine), wrappers are protected for good. */
static gboolean
sprout_link_collectable (void)
{
  return sprout_engine.add_marking_constraint &&
         sprout_engine.add_heap_finalizer;
}

static guint64 *
sprout_link_marked_word (SproutLink *link, guint64 *bit)
{
  SproutLinkSlab *slab =
    g_ptr_array_index (sprout_link_slabs, link->index / SPROUT_LINK_SLAB);
  guint offset = link->index % SPROUT_LINK_SLAB;

  *bit = G_GUINT64_CONSTANT (1) << (offset % 64);
  return &slab->marked[offset / 64];
}

/* The live wrapper of @link, or NULL (main thread; never with gc/roots.c's
 * lock held). A rooted wrapper is marked in every collection, and its
 * pointer is read as is. Another is read under the engine's lock
 * (engine.h), which a thread outside JS does not hold: taking it runs the
 * end of a collection that is due, which clears the wrappers it took, and
 * makes the collection under way scan this stack again, where it finds the
 * wrapper returned. Without it, a wrapper that the collection had not
 * marked yet was freed while C held it (test-toggle-concurrent.c). */
static JSObjectRef
sprout_link_wrapper (SproutLink *link)
{
  JSContextRef ctx;
  JSObjectRef wrapper;

  if (link->context == 0 || link->wrapper == NULL)
    return NULL; /* its context is gone, or it was collected */
  if (link->rooted)
    return link->wrapper;
  ctx = sprout_link_ctx (link);
  sprout_engine_lock (ctx);
  wrapper = link->wrapper;
  sprout_engine_unlock (ctx);
  return wrapper;
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

  return link && sprout_link_is_disposed (link);
}

GType
sprout_link_gtype (SproutLink *link)
{
  guint quark = (guint) g_atomic_int_get (&link->fate) >> 1;

  if (quark == 0)
    return G_OBJECT_TYPE (link->object);
  /* Type names are never unregistered: the quark finds the type again. */
  return g_type_from_name (g_quark_to_string (quark));
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

  if (link->rooted == rooted || link->context == 0)
    return;
  if (!sprout_link_collectable ())
    return; /* rooted for good */
  if (!rooted) {
    sprout_roots_remove (link);
    return;
  }
  wrapper = sprout_link_wrapper (link);
  if (wrapper != NULL) /* else collected: its queued release settles things */
    sprout_roots_add (link, wrapper);
}

/* Roots the wrapper exactly when someone besides us holds the object (a
 * finalized object: nobody does). */
static void
sprout_link_update (SproutLink *link)
{
  if (sprout_link_is_finalized (link) || !link->has_toggle)
    sprout_link_set_rooted (link, FALSE);
  else
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

/* Unrooting waits for the queue's flush (an idle, System.gc(), or a full
 * queue) even on the main thread: a temporary reference (C taking and
 * dropping one in g_object_get_property() or a signal emission) would
 * otherwise protect and unprotect the wrapper each time, two hash table
 * updates in JSC, where now the second toggle finds it still rooted. */
#define SPROUT_TOGGLE_QUEUE_MAX 1024

static void
sprout_toggle_notify (gpointer data, GObject *object, gboolean is_last_ref)
{
  SproutLink *link = data;

  if (g_thread_self () != sprout_main_thread) {
    sprout_toggle_queue (link); /* not dereferenced off the main thread */
    return;
  }
  if (!is_last_ref) {
    sprout_link_set_rooted (link, TRUE);
    return;
  }
  if (!link->rooted)
    return;
  sprout_toggle_queue (link);
  if (sprout_toggle_count_pending () > SPROUT_TOGGLE_QUEUE_MAX)
    sprout_toggle_flush ();
}

static void
sprout_toggle_on_dispose (gpointer data, GObject *where_the_object_was)
{
  SproutLink *link = data;
  JSObjectRef wrapper;

  g_atomic_int_or (&link->fate, SPROUT_LINK_DISPOSED);
  if (sprout_dispose_hook == NULL || g_thread_self () != sprout_main_thread)
    return;
  wrapper = sprout_link_wrapper (link);
  if (wrapper)
    sprout_dispose_hook (sprout_link_ctx (link), where_the_object_was, wrapper);
}

void
sprout_toggle_note_disposed (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  if (link != NULL && link->noted)
    sprout_toggle_on_dispose (link, object);
}

/* The qdata destroy notify: g_object_finalize() runs it, on any thread,
 * while the object's memory and class are still there. Nothing here may
 * call JSC off the main thread: record the fate, then settle the rooting
 * at once or through the pending set. */
static void
sprout_link_on_finalize (gpointer data)
{
  SproutLink *link = data;
  guint quark = g_type_qname (G_OBJECT_TYPE (link->object));

  /* Under the lock: the main thread frees a finalized link only after
   * taking it off the list. */
  g_mutex_lock (&sprout_toggle_lock);
  if (sprout_finalized_links == NULL)
    sprout_finalized_links = g_ptr_array_new ();
  g_ptr_array_add (sprout_finalized_links, link);
  /* Under the roots' lock too: the collector reads a lazy link's object
   * only while it is not finalized (sprout_link_mark_lazy()). */
  sprout_roots_lock ();
  g_atomic_int_set (&link->fate, (gint) ((quark << 1) | SPROUT_LINK_DISPOSED));
  sprout_roots_unlock ();
  g_mutex_unlock (&sprout_toggle_lock);
  if (g_thread_self () == sprout_main_thread)
    sprout_link_set_rooted (link, FALSE);
  else if (link->rooted)
    sprout_toggle_queue (link);
}

/* Forgets the wrapper of @link. */
static void
sprout_link_forget_wrapper (SproutLink *link)
{
  sprout_link_set_rooted (link, FALSE);
  sprout_roots_lock ();
  link->wrapper = NULL;
  sprout_roots_unlock ();
}

/* Stops the roots' constraint from looking at @link as a lazy one. */
static void
sprout_link_clear_ref (SproutLink *link)
{
  sprout_roots_lock ();
  link->has_ref = FALSE;
  sprout_roots_unlock ();
}

/* Links come from slabs that are never freed (see the top of the file). */
static SproutLink *
sprout_link_alloc (void)
{
  SproutLink *link;
  gboolean in_roots;
  guint32 index;

  if (sprout_link_free == NULL) {
    SproutLink *slab = ((SproutLinkSlab *) g_new0 (SproutLinkSlab, 1))->links;
    guint32 first;

    /* The roots' constraint walks the slabs. */
    sprout_roots_lock ();
    if (sprout_link_slabs == NULL)
      sprout_link_slabs = g_ptr_array_new ();
    first = sprout_link_slabs->len * SPROUT_LINK_SLAB;
    g_ptr_array_add (sprout_link_slabs, slab);
    sprout_roots_unlock ();
    for (guint i = SPROUT_LINK_SLAB; i-- > 0;) {
      slab[i].index = first + i;
      slab[i].next_free = sprout_link_free;
      sprout_link_free = &slab[i];
    }
  }
  link = sprout_link_free;
  sprout_link_free = link->next_free;
  in_roots = link->in_roots;
  index = link->index;
  memset (link, 0, sizeof *link);
  link->in_roots = in_roots; /* the roots' array may still hold it */
  link->index = index;
  sprout_link_count++;
  return link;
}

static void
sprout_link_dealloc (SproutLink *link)
{
  gboolean in_roots = link->in_roots;
  guint32 index = link->index;

  memset (link, 0, sizeof *link); /* object = NULL: free */
  link->in_roots = in_roots; /* the roots' array may still hold it */
  link->index = index;
  link->next_free = sprout_link_free;
  sprout_link_free = link;
  sprout_link_count--;
}

JSGlobalContextRef sprout_link_contexts[256];

/* The number of @ctx's context in sprout_link_contexts, given one if it has
 * none (main thread; do not hold the roots' lock). */
static guint
sprout_link_context_id (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);
  guint free_id = 0;

  for (guint id = 1; id < G_N_ELEMENTS (sprout_link_contexts); id++) {
    if (sprout_link_contexts[id] == global)
      return id;
    if (free_id == 0 && sprout_link_contexts[id] == NULL)
      free_id = id;
  }
  if (free_id == 0)
    g_error ("More than %u JS contexts hold GObject wrappers at once",
             (guint) G_N_ELEMENTS (sprout_link_contexts) - 1);
  sprout_roots_lock ();
  sprout_link_contexts[free_id] = global;
  sprout_roots_unlock ();
  return free_id;
}

SproutLink *
sprout_link_from_index (double index)
{
  guint slab;
  SproutLink *link;

  if (!(index >= 0) || sprout_link_slabs == NULL ||
      index >= (double) sprout_link_slabs->len * SPROUT_LINK_SLAB ||
      index != (double) (guint32) index)
    return NULL;
  slab = (guint32) index / SPROUT_LINK_SLAB;
  link = &((SproutLinkSlab *) g_ptr_array_index (sprout_link_slabs, slab))
            ->links[(guint32) index % SPROUT_LINK_SLAB];
  return link->object != NULL ? link : NULL;
}

static SproutLink *
sprout_link_new (JSContextRef ctx, GObject *object)
{
  SproutLink *link = sprout_link_alloc ();

  if (sprout_link_quark == 0) {
    sprout_link_quark = g_quark_from_static_string ("sprout-js-link");
    sprout_main_thread = g_thread_self ();
  }
  link->context = sprout_link_context_id (ctx);
  link->object = object;
  g_object_set_qdata_full (object, sprout_link_quark, link,
                           sprout_link_on_finalize);
  link->noted = sprout_notes_dispose && sprout_notes_dispose (object);
  if (!link->noted)
    g_object_weak_ref (object, sprout_toggle_on_dispose, link);
  return link;
}

SproutLink *
sprout_toggle_reserve (JSContextRef ctx, GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  if (link == NULL)
    link = sprout_link_new (ctx, object);
  link->tokens++;
  return link;
}

/* Publishes @link's context, wrapper and (lazy) shape to the roots'
 * constraint. */
static void
sprout_link_publish (SproutLink *link, JSContextRef ctx, JSObjectRef wrapper,
                     gboolean lazy)
{
  guint context = sprout_link_context_id (ctx);
  guint64 bit, *word = sprout_link_marked_word (link, &bit);

  sprout_roots_lock ();
  link->context = context;
  link->wrapper = wrapper;
  /* Not seen marked yet: the constraint's next look decides. */
  *word &= ~bit;
  if (lazy) {
    link->shape = sprout_roots_shape (wrapper);
    link->has_ref = TRUE;
  }
  sprout_roots_note_young (ctx, link);
  sprout_roots_unlock ();
}

/* Turns @link's plain reference into a toggle reference. */
static void
sprout_link_take_toggle (SproutLink *link)
{
  if (!link->has_toggle) {
    g_object_add_toggle_ref (link->object, sprout_toggle_notify, link);
    link->has_toggle = TRUE;
  }
  if (link->has_ref) {
    sprout_link_clear_ref (link);
    g_object_unref (link->object); /* the toggle reference remains */
  }
}

static void
sprout_toggle_attach_full (JSContextRef ctx, SproutLink *link,
                           JSObjectRef wrapper, gboolean settle,
                           gboolean lazy)
{
  g_return_if_fail (!sprout_link_is_finalized (link));
  /* Callers attach a wrapper only to a link whose wrapper was collected
   * (its pointer cleared then) or that never had one. */
  g_return_if_fail (link->wrapper == NULL);

  sprout_roots_ensure_constraint (ctx);
  if (!sprout_link_collectable ()) {
    JSValueProtect (ctx, wrapper); /* degraded: never collected */
    link->rooted = TRUE;
    lazy = FALSE;
  }
  /* A link that had a toggle reference keeps it. */
  lazy = lazy && !link->has_toggle && sprout_roots_can_trace_shapes (ctx);
  if (lazy && !link->has_ref)
    g_object_ref (link->object);
  sprout_link_publish (link, ctx, wrapper, lazy);
  if (lazy)
    return;
  sprout_link_take_toggle (link);
  if (settle)
    sprout_link_update (link);
}

void
sprout_toggle_attach_link (JSContextRef ctx, SproutLink *link,
                           JSObjectRef wrapper)
{
  sprout_toggle_attach_full (ctx, link, wrapper, TRUE, FALSE);
}

void
sprout_toggle_attach_link_unsettled (JSContextRef ctx, SproutLink *link,
                                     JSObjectRef wrapper)
{
  sprout_toggle_attach_full (ctx, link, wrapper, FALSE, FALSE);
}

void
sprout_toggle_attach_link_lazy (JSContextRef ctx, SproutLink *link,
                                JSObjectRef wrapper)
{
  sprout_toggle_attach_full (ctx, link, wrapper, TRUE, TRUE);
}

void
sprout_toggle_use_toggle_ref (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  if (link == NULL || !link->has_ref || sprout_link_is_finalized (link))
    return;
  sprout_link_take_toggle (link);
  sprout_link_update (link);
}

gboolean
sprout_toggle_is_lazy (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  return link && link->has_ref;
}

/* Marks the wrapper of a lazy @link that must live (see toggle.h). */
static void
sprout_link_mark_lazy (SproutJSMarker *marker, SproutLink *link)
{
  /* Alive: we hold a reference, and finalization would have to take the
   * lock that the caller holds. */
  if (sprout_link_is_finalized (link) ||
      g_atomic_int_get (&link->object->ref_count) <= 1)
    return;
  if (sprout_roots_shape (link->wrapper) != link->shape)
    marker->mark (marker, link->wrapper);
}

void
sprout_toggle_trace_link (SproutJSMarker *marker, void *group,
                          SproutLink *link, gboolean first)
{
  guint64 bit, *word;

  if (link->wrapper == NULL || link->context == 0 ||
      (void *) JSContextGetGroup (sprout_link_ctx (link)) != group)
    return;
  if (link->has_ref)
    sprout_link_mark_lazy (marker, link);
  word = sprout_link_marked_word (link, &bit);
  if (first)
    *word &= ~bit;
  if (!(*word & bit) && marker->is_marked (marker, link->wrapper))
    *word |= bit;
}

void
sprout_toggle_trace (SproutJSMarker *marker, void *group, gboolean first)
{
  for (guint i = 0; sprout_link_slabs && i < sprout_link_slabs->len; i++) {
    SproutLinkSlab *slab = g_ptr_array_index (sprout_link_slabs, i);

    for (guint j = 0; j < SPROUT_LINK_SLAB; j++)
      sprout_toggle_trace_link (marker, group, &slab->links[j], first);
  }
}

void
sprout_toggle_settle (GObject *object)
{
  SproutLink *link = sprout_link_get (object);

  if (link && g_thread_self () == sprout_main_thread)
    sprout_link_update (link);
}

guint
sprout_toggle_attach (JSContextRef ctx, GObject *object, JSObjectRef wrapper)
{
  sprout_toggle_attach_link (ctx, sprout_toggle_reserve (ctx, object), wrapper);
  return 1;
}

guint
sprout_toggle_attach_unsettled (JSContextRef ctx, GObject *object,
                                JSObjectRef wrapper)
{
  sprout_toggle_attach_link_unsettled (ctx, sprout_toggle_reserve (ctx, object),
                                       wrapper);
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

/* GJS's critical for @link, once. The object is gone: only its address and
 * type name are left. */
static void
sprout_link_report_finalized (SproutLink *link)
{
  guint quark = (guint) g_atomic_int_get (&link->fate) >> 1;

  if (link->reported)
    return;
  link->reported = TRUE;
  g_critical ("Object %p of type %s has been finalized while it was still "
              "owned by gjs, this is due to invalid memory management.",
              sprout_link_address (link), g_quark_to_string (quark));
}

void
sprout_toggle_report_finalized (void)
{
  g_autoptr (GPtrArray) links = NULL;

  g_mutex_lock (&sprout_toggle_lock);
  links = g_steal_pointer (&sprout_finalized_links);
  g_mutex_unlock (&sprout_toggle_lock);
  for (guint i = 0; links && i < links->len; i++)
    sprout_link_report_finalized (links->pdata[i]);
}

/* The last token of a finalized object's link is gone (GJS reports the bug
 * now): frees the link. */
static void
sprout_link_free_finalized (SproutLink *link)
{
  sprout_link_report_finalized (link);
  g_mutex_lock (&sprout_toggle_lock);
  if (sprout_finalized_links)
    g_ptr_array_remove_fast (sprout_finalized_links, link);
  g_mutex_unlock (&sprout_toggle_lock);
  sprout_toggle_cancel (link);
  sprout_link_clear_ref (link); /* the object is gone: nothing to drop */
  sprout_link_forget_wrapper (link);
  sprout_link_dealloc (link);
}

/* No token is left: unlinks the live object of @link and drops our toggle
 * reference, if we took it. */
static void
sprout_link_free_live (SproutLink *link)
{
  GObject *object = link->object;
  gboolean has_toggle = link->has_toggle, has_ref = link->has_ref;

  if (g_object_steal_qdata (object, sprout_link_quark) != link) {
    /* Another thread is finalizing the object (a reference it did not
     * own): its notify is on its way to this link, so leak the link. */
    return;
  }
  if (!sprout_link_is_disposed (link) && !link->noted)
    g_object_weak_unref (object, sprout_toggle_on_dispose, link);
  sprout_toggle_cancel (link);
  sprout_link_clear_ref (link);
  sprout_link_forget_wrapper (link);
  sprout_link_dealloc (link);
  /* Last: this may finalize the object. */
  if (has_toggle)
    g_object_remove_toggle_ref (object, sprout_toggle_notify, link);
  else if (has_ref)
    g_object_unref (object);
}

void
sprout_toggle_release_link (gpointer data, guint generation)
{
  SproutLink *link = data;

  if (generation == 0 || link->tokens == 0)
    return; /* the wrapper was never counted */
  if (--link->tokens > 0)
    return; /* a newer wrapper's release is still to come */
  if (link->rooted && !sprout_link_is_finalized (link))
    sprout_link_update (link); /* an unrooting may still be queued */
  if (sprout_link_is_finalized (link))
    sprout_link_free_finalized (link);
  else if (!link->rooted) /* else a degraded engine's wrapper */
    sprout_link_free_live (link);
}

void
sprout_toggle_reap_link (void *group, SproutLink *link)
{
  guint64 bit;

  if (link->object == NULL || link->context == 0 || link->wrapper == NULL ||
      (void *) JSContextGetGroup (sprout_link_ctx (link)) != group ||
      (*sprout_link_marked_word (link, &bit) & bit))
    return;
  /* Collected: nothing may read the pointer any more. The constraint marks
   * rooted wrappers; should one not have been, it is gone all the same. */
  link->wrapper = NULL;
  if (link->rooted)
    sprout_roots_unroot_locked (link);
  sprout_token_queue_release (&sprout_link_release_kind, link, 1);
}

void
sprout_toggle_reap (void *group)
{
  for (guint i = 0; sprout_link_slabs && i < sprout_link_slabs->len; i++) {
    SproutLinkSlab *slab = g_ptr_array_index (sprout_link_slabs, i);

    for (guint j = 0; j < SPROUT_LINK_SLAB; j++)
      sprout_toggle_reap_link (group, &slab->links[j]);
  }
}

void
sprout_toggle_release (gpointer object, guint generation)
{
  SproutLink *link = sprout_link_get (object);

  if (link != NULL)
    sprout_toggle_release_link (link, generation);
}

/* Detaches @link from @global's VM, which is going away: drops what points
 * into it without calling it, and queues the release of its wrapper, which
 * drops our toggle ref when it runs. */
static void
sprout_link_forget_context (SproutLink *link, JSGlobalContextRef global)
{
  if (link->object == NULL || sprout_link_ctx (link) != global)
    return;
  /* The wrapper goes with the VM: its release, unless already queued. */
  if (link->wrapper != NULL)
    sprout_token_queue_release (&sprout_link_release_kind, link, 1);
  sprout_roots_forget (link);
}

void
sprout_toggle_forget_context (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  for (guint i = 0; sprout_link_slabs && i < sprout_link_slabs->len; i++) {
    SproutLinkSlab *slab = g_ptr_array_index (sprout_link_slabs, i);

    for (guint j = 0; j < SPROUT_LINK_SLAB; j++)
      sprout_link_forget_context (&slab->links[j], global);
  }
  /* No link names it any more: the number is free for another context. */
  sprout_roots_lock ();
  for (guint id = 1; id < G_N_ELEMENTS (sprout_link_contexts); id++)
    if (sprout_link_contexts[id] == global)
      sprout_link_contexts[id] = NULL;
  sprout_roots_unlock ();
  sprout_roots_forget_context (ctx);
}
