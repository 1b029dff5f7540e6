/* context.c: creation of the runtime and evaluation of the main script.
 *
 * A context owns one JSC global object. Its globals are plain JS objects and
 * native functions; the global's Symbol.toStringTag is "GjsGlobal" so that
 * code detecting GJS (jasmine among it) sees `[object GjsGlobal]` without
 * the global being a JSClass callback object, whose every property access
 * would be an uncached slow path.
 *
 * After the main script, the context "spins": it dispatches whatever main
 * context sources are ready without blocking, and blocks only while something
 * holds the context. JSC itself drains microtasks when the outermost API call
 * returns, so jobs queued by the script run before the spin starts.
 */
#include "context-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "js-fast.h"
#include "js-util.h"
#include "gi.h"
#include "toggle.h"
#include "modules.h"

static GPrivate current_context;

static char **
sprout_strv_copy_or_empty (const char *const *strv)
{
  return strv ? g_strdupv ((char **) strv) : g_new0 (char *, 1);
}

SproutContext *
sprout_context_new (const SproutContextOptions *options)
{
  SproutContext *context = g_new0 (SproutContext, 1);
  JSValueRef exception = NULL;

  sprout_engine_init ();
  sprout_modules_init ();
  sprout_gi_init ();
  g_return_val_if_fail (g_private_get (&current_context) == NULL, NULL);

  context->program_invocation_name =
    g_strdup (options && options->program_invocation_name
                ? options->program_invocation_name
                : g_get_prgname ());
  context->argv = sprout_strv_copy_or_empty (options ? options->argv : NULL);
  context->include_path =
    sprout_strv_copy_or_empty (options ? options->include_path : NULL);

  context->js = JSGlobalContextCreate (NULL);
  context->global = JSContextGetGlobalObject (context->js);
  sprout_js_fast_init (context->js);
  sprout_engine_host_probe (context->js);
  g_private_set (&current_context, context);

  sprout_globals_define (context);
  sprout_timers_define (context);
  sprout_errors_install_rejection_tracker (context);
  if (!sprout_importer_define (context, &exception)) {
    sprout_context_log_exception (context->js, exception,
                                  "Failed to set up the importer",
                                  G_LOG_LEVEL_CRITICAL);
    abort ();
  }
  return context;
}

void
sprout_context_free (SproutContext *context)
{
  if (context == NULL)
    return;
  g_private_set (&current_context, NULL);
  sprout_gi_forget_context ();
  sprout_js_fast_forget_context ();
  sprout_toggle_forget_context (context->js);
  sprout_timers_clear (context);
  if (context->override_loader)
    JSValueUnprotect (context->js, context->override_loader);
  JSGlobalContextRelease (context->js);
  g_free (context->program_invocation_name);
  g_free (context->program_path);
  g_strfreev (context->argv);
  g_strfreev (context->include_path);
  g_free (context);
}

JSGlobalContextRef
sprout_context_get_js (SproutContext *context)
{
  return context->js;
}

SproutContext *
sprout_context_from_js (JSContextRef ctx)
{
  return g_private_get (&current_context);
}

void
sprout_context_set_program_path (SproutContext *context, const char *path)
{
  g_free (context->program_path);
  context->program_path = g_strdup (path);
}

const char *
sprout_context_get_program_path (SproutContext *context)
{
  return context->program_path;
}

const char *
sprout_context_get_program_invocation_name (SproutContext *context)
{
  return context->program_invocation_name;
}

const char *const *
sprout_context_get_argv (SproutContext *context)
{
  return (const char *const *) context->argv;
}

const char *const *
sprout_context_get_include_path (SproutContext *context)
{
  return (const char *const *) context->include_path;
}

/* A leading `#!` line is not JavaScript; keep its line as a comment. */
static char *
sprout_context_strip_hashbang (const char *source, gssize length)
{
  gsize len = length < 0 ? strlen (source) : (gsize) length;
  char *copy = g_strndup (source, len);

  if (len >= 2 && copy[0] == '#' && copy[1] == '!')
    copy[0] = copy[1] = '/';
  return copy;
}

int
sprout_context_eval_main (SproutContext *context, const char *source,
                          gssize length, const char *filename)
{
  JSValueRef exception = NULL;
  g_autofree char *script = sprout_context_strip_hashbang (source, length);

  sprout_js_evaluate (context->js, script, -1, filename, 1, &exception);
  if (exception != NULL) {
    sprout_context_log_exception (context->js, exception, NULL,
                                  G_LOG_LEVEL_CRITICAL);
    return 1;
  }
  sprout_context_spin (context);
  return 0;
}

int
sprout_context_eval_main_file (SproutContext *context, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *absolute = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error)) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  absolute = g_canonicalize_filename (path, NULL);
  if (context->program_path == NULL)
    sprout_context_set_program_path (context, absolute);
  return sprout_context_eval_main (context, contents, (gssize) length, path);
}

void
sprout_context_spin (SproutContext *context)
{
  GMainContext *main_context = g_main_context_ref_thread_default ();

  for (;;) {
    if (context->hold_count > 0)
      g_main_context_iteration (main_context, TRUE);
    else if (!g_main_context_iteration (main_context, FALSE))
      break;
  }
  g_main_context_unref (main_context);
}

void
sprout_context_hold (SproutContext *context)
{
  context->hold_count++;
}

void
sprout_context_release (SproutContext *context)
{
  g_return_if_fail (context->hold_count > 0);
  context->hold_count--;
  if (context->hold_count == 0)
    g_main_context_wakeup (NULL);
}

G_NORETURN void
sprout_context_exit (SproutContext *context, int code)
{
  context->exiting = TRUE;
  fflush (stdout);
  fflush (stderr);
  /* Not exit(): static destructors in JavaScriptCore must not run while this
   * thread is inside the engine. */
  _exit (code);
}

static guint sprout_jobs_idle;

static gboolean
sprout_context_run_jobs (gpointer data)
{
  SproutContext *context = g_private_get (&current_context);

  sprout_jobs_idle = 0;
  if (context)
    sprout_engine_drain_microtasks (context->js);
  return G_SOURCE_REMOVE;
}

void
sprout_context_schedule_jobs (JSContextRef ctx)
{
  /* One idle per main-loop turn: cheap, and harmless when JSC already
   * drained the queue at the end of an outermost API call. */
  if (G_UNLIKELY (sprout_jobs_idle == 0))
    sprout_jobs_idle = g_idle_add_full (G_PRIORITY_DEFAULT,
                                        sprout_context_run_jobs, NULL, NULL);
}
