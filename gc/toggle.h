/* toggle.h: the link between a GObject and its JS wrapper.
 *
 * The wrapper holds one toggle reference on its GObject. While anything else
 * holds the object too, the wrapper is rooted (gc/roots.h); when only the
 * wrapper does, it is unrooted and the GC may collect it. Toggle
 * notifications from other threads are queued and re-evaluated on the main
 * thread. A lazy wrapper (sprout_toggle_attach_link_lazy()) holds a plain
 * reference until it needs a toggle reference.
 *
 * A wrapper's token is its link's index (sprout_link_index()), a number in
 * the wrapper's private field: no allocation, and natives read it without
 * calling the engine. The link outlives the object if C code (or an
 * explicit unref() from JS) finalizes it while the wrapper lives, and then
 * answers "finalized" instead of a freed pointer.
 *
 * A link keeps its wrapper as a plain pointer. The collector records, for
 * every wrapper it may collect, whether it marked it (gc/roots.c's
 * constraint, which runs again after any marking until the collection
 * converges), and the end of the collection clears the pointers of the
 * unmarked ones and queues their releases (gc/token.h), which drop the
 * reference once they run on the main context. A lookup reads the pointer
 * under the engine's lock, which runs that end first if it is due, so a
 * dead wrapper is never handed out. Eden collections
 * look only at the links attached since the collection before the last,
 * full ones at every link. A link counts its wrappers not released yet: a
 * new wrapper may be attached before an old one's release ran.
 * Main thread only, except where said.
 */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* One wrapped object's link. Lives in toggle.c's slabs, which are never
 * freed, and stays allocated until the release of its last token: a token
 * may always read it. Outside toggle.c, use the accessors below. */
typedef struct _SproutLink {
  /* The object; once finalized, only the address it had (for messages). */
  GObject *object;
  /* The wrapper while it lives, NULL once it was collected (see above);
   * changed under gc/roots.c's lock. A degraded engine's (no marking
   * constraints) is protected for good. A free link chains the free list. */
  union {
    JSObjectRef wrapper;
    struct _SproutLink *next_free;
  };
  guint tokens : 18; /* wrappers not released yet; main thread */
  /* Its context: see sprout_link_ctx(). 0 once the context is gone. */
  guint context : 8;
  /* The object's class tells us of its disposal (see
   * sprout_toggle_set_dispose_noter()): no weak reference to watch it. */
  guint noted : 1;
  guint rooted : 1;  /* changed under gc/roots.c's lock */
  guint in_roots : 1; /* in gc/roots.c's array; kept while the link is free */
  guint has_toggle : 1;
  /* A plain reference instead (a lazy link, see sprout_toggle_attach_link_lazy);
   * changed under gc/roots.c's lock. */
  guint has_ref : 1;
  guint reported : 1; /* finalized, and GJS's critical was logged */
  /* Apart from the bit-fields, atomic: dispose and finalize may run on any
   * thread. Bit 0: disposed; bits 1-31: the GType name's quark of a
   * finalized object, 0 while it lives. */
  gint fate;
  /* A lazy link's wrapper's shape (JSC structure) when it had no state of
   * its own yet: see gc/roots.h. */
  guint32 shape;
  guint32 index; /* the token: see sprout_link_from_index() */
} SproutLink;

#define SPROUT_LINK_DISPOSED 1

/* The contexts of links, by the number a link keeps (a pointer would make
 * every link 8 bytes bigger); entry 0 is always NULL. Changed under
 * gc/roots.c's lock. */
extern JSGlobalContextRef sprout_link_contexts[256];

/* The context of @link's wrapper, NULL once it is gone. */
static inline JSGlobalContextRef
sprout_link_ctx (SproutLink *link)
{
  return sprout_link_contexts[link->context];
}

/* TRUE once @link's object was finalized (any thread may have done it). */
static inline gboolean
sprout_link_is_finalized (SproutLink *link)
{
  return ((guint) g_atomic_int_get (&link->fate) >> 1) != 0;
}

/* The object of @link, or NULL once it was finalized. */
static inline GObject *
sprout_link_object (SproutLink *link)
{
  return G_LIKELY (!sprout_link_is_finalized (link)) ? link->object : NULL;
}

/* TRUE once @link's object was disposed (or finalized) while linked. */
static inline gboolean
sprout_link_is_disposed (SproutLink *link)
{
  return (g_atomic_int_get (&link->fate) & SPROUT_LINK_DISPOSED) != 0;
}

/* The address @link's object has or had, for messages only. */
static inline gconstpointer
sprout_link_address (SproutLink *link)
{
  return link->object;
}

/* The type of @link's object, alive or finalized. */
GType sprout_link_gtype (SproutLink *link);

/* The link of @object, made if it has none, with one more wrapper counted:
 * the caller attaches one (whose collection gives the count back), or
 * calls sprout_toggle_release_link() if it cannot. */
SproutLink *sprout_toggle_reserve (JSContextRef ctx, GObject *object);

/* A wrapper's token: @link's index, for the wrapper's private field. */
static inline guint32
sprout_link_index (SproutLink *link)
{
  return link->index;
}

/* The link in use whose index is @index, or NULL (main thread). */
SproutLink *sprout_link_from_index (double index);

/* Makes @wrapper the wrapper of @link's object (live). Adds the toggle
 * reference if the object has none yet; the caller keeps whatever
 * reference it had. */
void sprout_toggle_attach_link (JSContextRef ctx, SproutLink *link,
                                JSObjectRef wrapper);

/* The same for an object being constructed, whose creator's reference
 * goes right after: the wrapper is left unrooted (it lives on the stack of
 * the construction) instead of rooted now and unrooted a moment later, and
 * sprout_toggle_settle() decides once the creator's reference is gone. */
void sprout_toggle_attach_link_unsettled (JSContextRef ctx, SproutLink *link,
                                          JSObjectRef wrapper);

/* Makes @wrapper the wrapper of @link's object, holding a plain reference
 * on it instead of a toggle reference while the wrapper has no state of its
 * own (GJS does the same): such a wrapper may be collected while C still
 * holds the object, and a new one made later, which nobody can tell apart.
 * The collector keeps it (gc/roots.c) once it has state (an own property,
 * another prototype) and anyone besides the wrapper holds the object.
 * Signal handlers are state that the wrapper's shape does not show: their
 * connection calls sprout_toggle_use_toggle_ref(). Falls back to
 * sprout_toggle_attach_link() where the engine cannot tell the shape. The
 * wrapper must be complete (its token stamped). */
void sprout_toggle_attach_link_lazy (JSContextRef ctx, SproutLink *link,
                                     JSObjectRef wrapper);

/* Switches a lazy link of @object to a toggle reference (no-op for others):
 * its wrapper then lives as long as anyone holds the object. */
void sprout_toggle_use_toggle_ref (GObject *object);

/* TRUE while @object's wrapper holds a plain reference (tests). */
gboolean sprout_toggle_is_lazy (GObject *object);
void sprout_toggle_settle (GObject *object);

/* A wrapper's release (deferred, main thread): gives back one wrapper of
 * @link (@generation 0: ignored) and, once none is left and the wrapper is
 * not rooted, drops the toggle reference and frees the link. A finalized
 * object's link logs GJS's critical then, and is freed without touching
 * the object. Queued for collected wrappers; called directly for one that
 * was reserved but never attached. */
void sprout_toggle_release_link (gpointer link, guint generation);

/* The wrapper of @object while it lives, else NULL. */
JSObjectRef sprout_toggle_get_wrapper (GObject *object);

/* reserve + attach_link for C tests: returns the generation (1) that
 * sprout_toggle_release() takes to stand for the wrapper's collection. */
guint sprout_toggle_attach (JSContextRef ctx, GObject *object,
                            JSObjectRef wrapper);
guint sprout_toggle_attach_unsettled (JSContextRef ctx, GObject *object,
                                      JSObjectRef wrapper);

/* sprout_toggle_release_link() of the live @object's link, if any. */
void sprout_toggle_release (gpointer object, guint generation);

/* Called on the main thread when a wrapped object is disposed while its
 * wrapper lives (gi/ uses it to make later expando writes warn). */
typedef void (*SproutToggleDisposeHook) (JSContextRef ctx, GObject *object,
                                         JSObjectRef wrapper);
void sprout_toggle_set_dispose_hook (SproutToggleDisposeHook hook);

/* Lets gi/ say which objects tell of their own disposal by calling
 * sprout_toggle_note_disposed() (instances of JS types, whose class's
 * dispose is gi's): their links need no GLib weak reference (about 60
 * bytes and two reallocs per object). Main thread, once. */
void sprout_toggle_set_dispose_noter (gboolean (*notes_dispose) (GObject *));

/* What the weak reference of other objects does when they are disposed:
 * marks @object's link disposed (any thread). */
void sprout_toggle_note_disposed (GObject *object);

/* TRUE once @object has been disposed while we held it. */
gboolean sprout_toggle_is_disposed (GObject *object);

/* Logs GJS's critical ("Object 0x... of type T has been finalized while it
 * was still owned by gjs ...") for every object finalized under a living
 * wrapper that was not reported yet. GJS logs it when the collector takes
 * such a wrapper; JSC scans the stack conservatively and may keep a dead
 * wrapper for a while, so System.gc() calls this after collecting, and
 * the report does not depend on that. Each object is reported once. */
void sprout_toggle_report_finalized (void);

/* Applies queued toggle notifications from other threads now. */
void sprout_toggle_flush (void);

/* Detaches every link of @ctx's context before it is released, so that
 * later toggles and releases never call into the dead VM. */
void sprout_toggle_forget_context (JSContextRef ctx);

/* Number of objects with a live link (tests). */
guint sprout_toggle_count_links (void);

/* TRUE while @object's wrapper is rooted (tests). */
gboolean sprout_toggle_is_rooted (GObject *object);

/* Number of links with toggle notifications from other threads waiting for
 * the main context (tests): each link waits at most once. */
guint sprout_toggle_count_pending (void);

G_END_DECLS
