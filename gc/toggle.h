/* toggle.h: the link between a GObject and its JS wrapper.
 *
 * The wrapper holds one toggle reference on its GObject. While anything else
 * holds the object too, the wrapper is rooted (JSValueProtect); when only the
 * wrapper does, it is unrooted and the GC may collect it, after which its
 * token's deferred release drops the toggle reference. Toggle notifications
 * from other threads are queued and re-evaluated on the main thread.
 * Main thread only, except where said.
 */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* The wrapper of @object while it lives, else NULL. */
JSObjectRef sprout_toggle_get_wrapper (GObject *object);

/* Makes @wrapper the wrapper of @object and returns the (non-zero)
 * generation to store in its token: the token is now attached, and its
 * release counts. Adds the toggle reference if the object has none yet; the
 * caller keeps whatever reference it had. */
guint sprout_toggle_attach (JSContextRef ctx, GObject *object,
                            JSObjectRef wrapper);

/* The same for an object being constructed, whose creator's reference
 * goes right after: the wrapper is left unrooted (it lives on the stack of
 * the construction) instead of rooted now and unrooted a moment later, and
 * sprout_toggle_settle() decides once the creator's reference is gone. */
guint sprout_toggle_attach_unsettled (JSContextRef ctx, GObject *object,
                                      JSObjectRef wrapper);
void sprout_toggle_settle (GObject *object);

/* Token release (deferred, main thread): forgets one attached token of
 * @object (@generation 0: a token never attached, ignored) and drops the
 * toggle reference once no attached token is left and the wrapper is not
 * rooted (a newer wrapper keeps it). */
void sprout_toggle_release (gpointer object, guint generation);

/* Called on the main thread when a wrapped object is disposed while its
 * wrapper lives (gi/ uses it to make later expando writes warn). */
typedef void (*SproutToggleDisposeHook) (JSContextRef ctx, GObject *object,
                                         JSObjectRef wrapper);
void sprout_toggle_set_dispose_hook (SproutToggleDisposeHook hook);

/* TRUE once @object has been disposed while we held it. */
gboolean sprout_toggle_is_disposed (GObject *object);

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
