/* globals.c: the global functions GJS scripts expect everywhere: print,
 * printerr, log, logError, plus ARGV and window. */
#include "context-private.h"

#include "js-util.h"

/* Joins ToString() of every argument with spaces, as GJS's print does. */
static char *
sprout_globals_join_args (JSContextRef ctx, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  GString *out = g_string_new (NULL);

  for (size_t i = 0; i < argc; i++) {
    g_autofree char *text = sprout_js_value_to_utf8 (ctx, argv[i], exception);
    if (text == NULL) {
      g_string_free (out, TRUE);
      return NULL;
    }
    if (i > 0)
      g_string_append_c (out, ' ');
    g_string_append (out, text);
  }
  return g_string_free (out, FALSE);
}

static JSValueRef
sprout_globals_print (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                      size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  g_autofree char *text =
    sprout_globals_join_args (ctx, argc, argv, exception);

  if (text == NULL)
    return NULL;
  g_print ("%s\n", text);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_globals_printerr (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc,
                         const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *text =
    sprout_globals_join_args (ctx, argc, argv, exception);

  if (text == NULL)
    return NULL;
  g_printerr ("%s\n", text);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_globals_log (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                    size_t argc, const JSValueRef argv[],
                    JSValueRef *exception)
{
  g_autofree char *text = NULL;

  if (argc < 1)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "log() requires 1 argument, but only 0 were passed");
  text = sprout_js_value_to_utf8 (ctx, argv[0], exception);
  if (text == NULL)
    return NULL;
  g_message ("JS LOG: %s", text);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_globals_log_error (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *prefix = NULL;

  if (argc < 1)
    return sprout_js_throw (
      ctx, exception, "TypeError",
      "logError() requires 1 argument, but only 0 were passed");
  if (argc > 1 && !JSValueIsUndefined (ctx, argv[1])) {
    prefix = sprout_js_value_to_utf8 (ctx, argv[1], exception);
    if (prefix == NULL)
      return NULL;
  }
  sprout_context_log_exception (ctx, argv[0], prefix, G_LOG_LEVEL_WARNING);
  return JSValueMakeUndefined (ctx);
}

/* Code that detects GJS (jasmine among it) checks for [object GjsGlobal]. */
static void
sprout_globals_define_to_string_tag (JSContextRef ctx, JSObjectRef global)
{
  JSValueRef symbol = sprout_js_get (ctx, global, "Symbol", NULL);
  JSValueRef tag = sprout_js_get (ctx, (JSObjectRef) symbol, "toStringTag", NULL);

  JSObjectSetPropertyForKey (ctx, global, tag,
                             sprout_js_value_from_utf8 (ctx, "GjsGlobal"),
                             kJSPropertyAttributeDontEnum |
                               kJSPropertyAttributeReadOnly,
                             NULL);
}

void
sprout_globals_define (SproutContext *context)
{
  JSContextRef ctx = context->js;
  JSObjectRef global = context->global;

  sprout_js_define_function (ctx, global, "print", sprout_globals_print);
  sprout_js_define_function (ctx, global, "printerr", sprout_globals_printerr);
  sprout_js_define_function (ctx, global, "log", sprout_globals_log);
  sprout_js_define_function (ctx, global, "logError",
                             sprout_globals_log_error);
  sprout_js_set (ctx, global, "ARGV",
                 sprout_js_array_from_strv (ctx, sprout_context_get_argv (context)),
                 kJSPropertyAttributeNone, NULL);
  sprout_js_set (ctx, global, "window", global, kJSPropertyAttributeNone, NULL);
  sprout_globals_define_to_string_tag (ctx, global);
}
