/* roots.h: keeping rooted wrappers alive (gc/toggle.c's rooting).
 *
 * A wrapper whose GObject someone besides the wrapper holds must survive
 * collections. JSValueProtect() would do, but JSC keeps protected values in
 * a hash table that costs about 110 bytes of memory per protected wrapper
 * (measured with 300k wrappers: the table and its rehash leftovers), and
 * in a GTK program most wrappers are rooted. Instead, rooted links sit in a
 * plain array that a marking constraint walks in every collection: 8 bytes
 * per rooted wrapper, no hash update per toggle. Without the engine's
 * marking constraints (a degraded engine), rooting falls back to
 * JSValueProtect().
 *
 * Main thread only, except the marking constraint, which JSC may run on a
 * collector thread while the main thread runs: the array, the links'
 * `rooted` bits and the weak references of rooted links change only under
 * the lock here.
 */
#pragma once

#include "toggle.h"

G_BEGIN_DECLS

/* Roots @link's live @wrapper (@link is not rooted). */
void sprout_roots_add (SproutLink *link, JSObjectRef wrapper);

/* Unroots @link's live @wrapper (@link is rooted). */
void sprout_roots_remove (SproutLink *link, JSObjectRef wrapper);

/* Detaches @link from its context, which is going away: no JSC call. */
void sprout_roots_forget (SproutLink *link);

/* Forgets @ctx's context group, which goes away with it (call before the
 * context is released, after sprout_roots_forget() of its links). */
void sprout_roots_forget_context (JSContextRef ctx);

/* Number of rooted links (tests). */
guint sprout_roots_count (void);

G_END_DECLS
