/* console.c: the interactive console that `sprout` runs without a script.
 *
 * Lines are read from standard input and collected until they form a
 * syntactically complete script (so a function can span several lines), then
 * evaluated in the global scope; the result, if not undefined, is printed.
 * Exceptions are logged and the console goes on, as in gjs-console.
 */
#include "context-private.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "js-util.h"

static gboolean
sprout_console_is_complete (JSContextRef ctx, const char *source)
{
  g_autoptr (SproutJSString) script = sprout_js_string_new (source);
  JSValueRef exception = NULL;
  g_autofree char *message = NULL;

  if (JSCheckScriptSyntax (ctx, script, NULL, 1, &exception))
    return TRUE;
  /* An error at the very end means the input is unfinished. */
  message = sprout_js_value_describe (ctx, exception);
  return !(g_str_has_suffix (message, "Unexpected end of script") ||
           g_strrstr (message, "Unterminated") != NULL);
}

static void
sprout_console_eval (SproutContext *context, const char *source, int line)
{
  JSValueRef exception = NULL;
  JSValueRef result =
    sprout_js_evaluate (context->js, source, -1, "typein", line, &exception);

  if (exception) {
    sprout_context_log_exception (context->js, exception, NULL,
                                  G_LOG_LEVEL_WARNING);
  } else if (result && !JSValueIsUndefined (context->js, result)) {
    g_autofree char *text = sprout_js_value_describe (context->js, result);
    g_print ("%s\n", text);
  }
  sprout_context_spin (context);
}

int
sprout_context_run_console (SproutContext *context)
{
  gboolean interactive = isatty (STDIN_FILENO);
  GString *pending = g_string_new (NULL);
  char buffer[4096];
  int line = 1, start_line = 1;

  for (;;) {
    if (interactive) {
      fputs (pending->len ? "....... " : "sprout> ", stdout);
      fflush (stdout);
    }
    if (fgets (buffer, sizeof buffer, stdin) == NULL)
      break;
    g_string_append (pending, buffer);
    if (buffer[strlen (buffer) - 1] != '\n')
      continue;
    line++;
    if (!sprout_console_is_complete (context->js, pending->str))
      continue;
    sprout_console_eval (context, pending->str, start_line);
    g_string_truncate (pending, 0);
    start_line = line;
  }
  if (pending->len)
    sprout_console_eval (context, pending->str, start_line);
  g_string_free (pending, TRUE);
  if (interactive)
    fputc ('\n', stdout);
  return 0;
}
