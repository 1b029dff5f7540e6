/* roots.h: keeping wrappers alive for their GObjects' other holders.
 *
 * A wrapper whose GObject someone besides the wrapper holds must survive
 * collections. JSValueProtect() would do, but JSC keeps protected values in
 * a hash table that costs about 110 bytes of memory per protected wrapper
 * (measured with 300k wrappers: the table and its rehash leftovers), and
 * in a GTK program most wrappers are rooted. Instead, rooted links sit in a
 * plain array that a marking constraint walks in every collection: 8 bytes
 * per rooted wrapper, no hash update per toggle. Without the engine's
 * marking constraints (a degraded engine), rooting falls back to
 * JSValueProtect(). The same constraint keeps lazy wrappers that gained
 * state (gc/toggle.h, sprout_toggle_attach_link_lazy()).
 *
 * Main thread only, except the marking constraint, which JSC may run on a
 * collector thread while the main thread runs: the array, the links'
 * `rooted` bits and wrappers change only under the lock here.
 */
#pragma once

#include "engine.h"
#include "toggle.h"

G_BEGIN_DECLS

/* Makes sure that the constraint runs in @ctx's collections (main thread;
 * sprout_roots_add() does it too). */
void sprout_roots_ensure_constraint (JSContextRef ctx);

/* Roots @link's live @wrapper (@link is not rooted). */
void sprout_roots_add (SproutLink *link, JSObjectRef wrapper);

/* Unroots @link (which is rooted). */
void sprout_roots_remove (SproutLink *link);

/* Detaches @link from its context, which is going away: no JSC call. */
void sprout_roots_forget (SproutLink *link);

/* Forgets @ctx's context group, which goes away with it (call before the
 * context is released, after sprout_roots_forget() of its links). */
void sprout_roots_forget_context (JSContextRef ctx);

/* The lock the constraint holds: gc/toggle.c takes it to change what the
 * constraint reads of lazy links. Never call JSC while holding it. */
void sprout_roots_lock (void);
void sprout_roots_unlock (void);

/* Lazy links (sprout_toggle_attach_link_lazy()): a wrapper whose shape, the
 * JSC structure in its cell's first word, changed since it was made has
 * state of its own (an own property, another prototype); the constraint
 * marks it while anyone besides the wrapper holds its object. TRUE if this
 * engine's cells start with a structure that changes so (checked once
 * with @ctx: two fresh objects share it, a new property changes it). */
gboolean sprout_roots_can_trace_shapes (JSContextRef ctx);

static inline guint32
sprout_roots_shape (JSObjectRef object)
{
  /* A C API object reference is the cell's address. */
  return g_atomic_int_get ((const gint *) object);
}

/* Notes a link of @ctx that just got a wrapper, for the next collections
 * (call with the lock held, after sprout_roots_ensure_constraint()): the
 * constraint looks at it if it is lazy, and the end of an eden collection
 * at whether its wrapper was collected. */
void sprout_roots_note_young (JSContextRef ctx, SproutLink *link);

/* Provided by gc/toggle.c, called by the constraint with the lock held:
 * marks the wrappers of @group's lazy links that must live, and notes
 * which of the wrappers it may collect are marked (of every link, or of
 * @link alone); @first: the first look in this collection. */
void sprout_toggle_trace (SproutJSMarker *marker, void *group, gboolean first);
void sprout_toggle_trace_link (SproutJSMarker *marker, void *group,
                               SproutLink *link, gboolean first);

/* Provided by gc/toggle.c, called at the end of a collection of @group
 * with the lock held: clears the wrapper of each link whose wrapper it
 * collected (every link, or @link alone) and queues its release. */
void sprout_toggle_reap (void *group);
void sprout_toggle_reap_link (void *group, SproutLink *link);

/* sprout_roots_remove() with the lock held. */
void sprout_roots_unroot_locked (SproutLink *link);

/* Number of rooted links (tests). */
guint sprout_roots_count (void);

G_END_DECLS
