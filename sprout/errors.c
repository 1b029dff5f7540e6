/* errors.c: how uncaught exceptions and unhandled promise rejections are
 * reported, in GJS's formats.
 *
 * An uncaught exception becomes one log record:
 *   JS ERROR: [prefix: ]Name: message
 *   fn@file:line:column ...
 * JavaScriptCore's stack strings already use SpiderMonkey's `fn@file:line:col`
 * frame syntax; we only drop its "global code"/"module code" names (GJS shows
 * top-level frames as `@file:line:col`) and frames of native code, which
 * SpiderMonkey does not list. Syntax errors have no stack, so they are shown
 * as `SyntaxError: message @ file:line`.
 */
#include "context-private.h"

#include <string.h>

#include "engine.h"
#include "js-util.h"

static char *
sprout_errors_clean_stack (const char *stack)
{
  g_auto (GStrv) frames = g_strsplit (stack, "\n", -1);
  GString *out = g_string_new (NULL);

  for (char **frame = frames; *frame; frame++) {
    const char *line = *frame;
    if (*line == '\0' || strstr (line, "@[native code]") ||
        strcmp (line, "[native code]") == 0)
      continue;
    if (g_str_has_prefix (line, "global code@"))
      line += strlen ("global code");
    else if (g_str_has_prefix (line, "module code@"))
      line += strlen ("module code");
    if (out->len)
      g_string_append_c (out, '\n');
    g_string_append (out, line);
  }
  return g_string_free (out, FALSE);
}

char *
sprout_errors_format_syntax_error (JSContextRef ctx, JSValueRef exception)
{
  JSObjectRef error;
  JSValueRef line, url, name;
  g_autofree char *name_text = NULL;

  if (!JSValueIsObject (ctx, exception))
    return NULL;
  error = (JSObjectRef) exception;
  name = sprout_js_get (ctx, error, "name", NULL);
  name_text = name ? sprout_js_value_to_utf8 (ctx, name, NULL) : NULL;
  if (g_strcmp0 (name_text, "SyntaxError") != 0)
    return NULL;
  line = sprout_js_get (ctx, error, "line", NULL);
  url = sprout_js_get (ctx, error, "sourceURL", NULL);
  if (!line || !JSValueIsNumber (ctx, line) || !url ||
      !JSValueIsString (ctx, url))
    return NULL;

  g_autofree char *message = sprout_js_value_describe (ctx, exception);
  g_autofree char *file = sprout_js_value_describe (ctx, url);
  return g_strdup_printf ("%s @ %s:%d", message, file,
                          (int) JSValueToNumber (ctx, line, NULL));
}

static char *
sprout_errors_format (JSContextRef ctx, JSValueRef exception)
{
  g_autofree char *syntax = sprout_errors_format_syntax_error (ctx, exception);
  g_autofree char *message = NULL;
  g_autofree char *stack = NULL;
  JSValueRef stack_value = NULL;

  if (syntax)
    return g_steal_pointer (&syntax);
  message = sprout_js_value_describe (ctx, exception);
  if (JSValueIsObject (ctx, exception))
    stack_value = sprout_js_get (ctx, (JSObjectRef) exception, "stack", NULL);
  if (stack_value && JSValueIsString (ctx, stack_value)) {
    g_autofree char *raw = sprout_js_value_to_utf8 (ctx, stack_value, NULL);
    stack = raw ? sprout_errors_clean_stack (raw) : NULL;
  }
  if (stack && *stack)
    return g_strdup_printf ("%s\n%s", message, stack);
  return g_steal_pointer (&message);
}

void
sprout_context_log_exception (JSContextRef ctx, JSValueRef exception,
                              const char *prefix, GLogLevelFlags level)
{
  g_autofree char *text = sprout_errors_format (ctx, exception);

  if (prefix)
    g_log (G_LOG_DOMAIN, level, "JS ERROR: %s: %s", prefix, text);
  else
    g_log (G_LOG_DOMAIN, level, "JS ERROR: %s", text);
}

void
sprout_context_report_exception (JSContextRef ctx, JSValueRef exception)
{
  sprout_context_log_exception (ctx, exception, NULL, G_LOG_LEVEL_CRITICAL);
}

/* Called by JSC (promise, reason) for each rejection still unhandled when the
 * microtask queue drains. */
static JSValueRef
sprout_errors_on_unhandled_rejection (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception)
{
  JSValueRef reason = argc > 1 ? argv[1] : JSValueMakeUndefined (ctx);
  JSValueRef stack = NULL;
  g_autofree char *stack_text = NULL;
  g_autofree char *description = sprout_js_value_describe (ctx, reason);

  if (JSValueIsObject (ctx, reason))
    stack = sprout_js_get (ctx, (JSObjectRef) reason, "stack", NULL);
  if (stack && JSValueIsString (ctx, stack)) {
    g_autofree char *raw = sprout_js_value_to_utf8 (ctx, stack, NULL);
    stack_text = raw ? sprout_errors_clean_stack (raw) : NULL;
  }
  g_warning ("Unhandled promise rejection. To suppress this warning, add an "
             "error handler to your promise chain with .catch() or a "
             "try-catch block around your await expression. %s%s%s%s",
             stack_text ? "Stack trace of the failed promise:\n" : "",
             stack_text ? description : "",
             stack_text ? "\n" : "",
             stack_text ? stack_text : description);
  return JSValueMakeUndefined (ctx);
}

void
sprout_errors_install_rejection_tracker (SproutContext *context)
{
  g_autoptr (SproutJSString) name =
    sprout_js_string_new ("unhandledRejection");
  JSObjectRef callback = JSObjectMakeFunctionWithCallback (
    context->js, name, sprout_errors_on_unhandled_rejection);

  if (sprout_engine.set_unhandled_rejection_callback)
    sprout_engine.set_unhandled_rejection_callback (context->js, callback,
                                                    NULL);
}
