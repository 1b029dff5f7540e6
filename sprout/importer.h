/* importer.h: what other layers use of the legacy importer. */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

/* Runs the JS overrides of GI namespace @name, if any: the module
 * imports.overrides[@name] and its _init() with @ns as `this`. FALSE with
 * @exception if loading the module or _init() throws, or _init is not a
 * function. */
gboolean sprout_importer_load_overrides (JSContextRef ctx, const char *name,
                                         JSObjectRef ns,
                                         JSValueRef *exception);

G_END_DECLS
