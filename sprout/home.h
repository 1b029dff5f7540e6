/* home.h: whether a JS context is still there, asked from anywhere.
 *
 * Native structures that outlive a JS call (libffi closures, GClosures) keep
 * a reference on their context's home. A hidden token on the global object
 * clears `alive` when the VM is destroyed (its finalizer calls no JSC), so a
 * late callback or release can tell, from any thread, that it must not touch
 * the engine.
 */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gatomicrefcount ref_count;
  gint alive; /* atomic; cleared when the VM goes */
  JSGlobalContextRef ctx;
} SproutHome;

/* The home of @ctx's context, with a new reference. */
SproutHome *sprout_home_ref_for (JSContextRef ctx);
SproutHome *sprout_home_ref (SproutHome *home);
void sprout_home_unref (SproutHome *home);

/* TRUE if the VM lives and is still this thread's Sprout context. */
gboolean sprout_home_usable (SproutHome *home);

G_END_DECLS
