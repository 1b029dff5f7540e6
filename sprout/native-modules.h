/* native-modules.h: modules written in C that `imports.NAME` (and later
 * `import ... from 'NAME'`) resolve before the search path. */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

/* Builds the module object; NULL with @exception set on failure. */
typedef JSObjectRef (*SproutNativeModuleDefine) (JSContextRef ctx,
                                                 JSValueRef *exception);

void sprout_native_module_register (const char *name,
                                    SproutNativeModuleDefine define);

/* The registered definer for @name, or NULL. */
SproutNativeModuleDefine sprout_native_module_lookup (const char *name);

G_END_DECLS
