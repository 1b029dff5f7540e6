/* gclosure.h: JS functions as GClosures. */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* A new floating GClosure that calls @function with its parameters
 * converted to JS; with @instance_as_this, the first parameter is `this`
 * (class closures). */
GClosure *sprout_gclosure_new (JSContextRef ctx, JSObjectRef function,
                               gboolean instance_as_this);

G_END_DECLS
