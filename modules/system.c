/* system.c: the `system` module (imports.system), GJS's process-level API. */
#include "modules-private.h"

#include "context.h"
#include "engine.h"
#include "js-util.h"
#include "modules.h"

#include <math.h>

static JSValueRef
sprout_system_exit (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                    size_t argc, const JSValueRef argv[],
                    JSValueRef *exception)
{
  double code = 0;

  if (argc > 0 && !JSValueIsUndefined (ctx, argv[0])) {
    JSValueRef local = NULL;
    code = JSValueToNumber (ctx, argv[0], &local);
    if (local) {
      *exception = local;
      return NULL;
    }
    if (isnan (code) || code != floor (code) || code < G_MININT32 ||
        code > G_MAXINT32)
      return sprout_js_throw (ctx, exception, "TypeError",
                              "exit(): argument 1 must be an integer");
  }
  sprout_context_exit (sprout_context_from_js (ctx), (int) code);
}

static JSValueRef
sprout_system_gc (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                  size_t argc, const JSValueRef argv[], JSValueRef *exception)
{
  sprout_engine_collect_garbage (ctx);
  return JSValueMakeUndefined (ctx);
}

static void
sprout_system_constant (JSContextRef ctx, JSObjectRef module, const char *name,
                        JSValueRef value)
{
  sprout_js_set (ctx, module, name, value,
                 kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete,
                 NULL);
}

JSObjectRef
sprout_module_system_define (JSContextRef ctx, JSValueRef *exception)
{
  SproutContext *context = sprout_context_from_js (ctx);
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);

  sprout_js_define_function (ctx, module, "exit", sprout_system_exit);
  sprout_js_define_function (ctx, module, "gc", sprout_system_gc);
  sprout_system_constant (
    ctx, module, "programInvocationName",
    sprout_js_value_from_utf8 (
      ctx, sprout_context_get_program_invocation_name (context)));
  sprout_system_constant (
    ctx, module, "programPath",
    sprout_js_value_from_utf8 (ctx,
                               sprout_context_get_program_path (context)));
  sprout_system_constant (
    ctx, module, "programArgs",
    sprout_js_array_from_strv (ctx, sprout_context_get_argv (context)));
  sprout_system_constant (ctx, module, "version",
                          JSValueMakeNumber (ctx, SPROUT_GJS_API_VERSION));
  return module;
}
