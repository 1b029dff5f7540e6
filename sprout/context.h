/* context.h: the Sprout runtime — one JavaScriptCore global per context, the
 * GJS globals, the importer, evaluation of scripts and the main-loop spin that
 * runs a script's pending work before the program exits.
 */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _SproutContext SproutContext;

typedef struct {
  /* argv[0] of the process, for System.programInvocationName */
  const char *program_invocation_name;
  /* Folders given with -I, in order; they come first on imports.searchPath. */
  const char *const *include_path;
  /* The script's arguments (ARGV); may be NULL. */
  const char *const *argv;
} SproutContextOptions;

SproutContext *sprout_context_new (const SproutContextOptions *options);
void sprout_context_free (SproutContext *context);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SproutContext, sprout_context_free)

JSGlobalContextRef sprout_context_get_js (SproutContext *context);

/* The context owning @ctx (there is one per thread at most). */
SproutContext *sprout_context_from_js (JSContextRef ctx);

/* Sets System.programPath (an absolute path or NULL). */
void sprout_context_set_program_path (SproutContext *context,
                                      const char *path);
const char *sprout_context_get_program_path (SproutContext *context);
const char *sprout_context_get_program_invocation_name (SproutContext *context);
const char *const *sprout_context_get_argv (SproutContext *context);
const char *const *sprout_context_get_include_path (SproutContext *context);

/* Evaluates @source as the main script named @filename (a path or a URI),
 * then spins the main context until no work is pending (see
 * sprout_context_spin()). Uncaught exceptions are logged as GJS does.
 * Returns the process exit status: 0, 1 after an uncaught exception, or the
 * code given to System.exit(). */
int sprout_context_eval_main (SproutContext *context, const char *source,
                              gssize length, const char *filename);

/* Reads and evaluates @path as the main script. */
int sprout_context_eval_main_file (SproutContext *context, const char *path);

/* Runs ready main-context sources (non-blocking) until none is ready, and
 * blocks while anything holds the context (sprout_context_hold()). */
void sprout_context_spin (SproutContext *context);
void sprout_context_hold (SproutContext *context);
void sprout_context_release (SproutContext *context);

/* Logs an uncaught @exception as GJS does (`JS ERROR: ...` with the stack)
 * at @level, prefixed by @prefix if not NULL. */
void sprout_context_log_exception (JSContextRef ctx, JSValueRef exception,
                                   const char *prefix, GLogLevelFlags level);

/* Reports an exception thrown by a callback that has nobody to throw to
 * (a timer, a microtask, a signal handler): logs it as uncaught. */
void sprout_context_report_exception (JSContextRef ctx, JSValueRef exception);

/* Runs the interactive console on standard input; returns the exit status. */
int sprout_context_run_console (SproutContext *context);

/* Makes sure pending promise jobs run once control is back in the main loop,
 * as GJS does, even while JS waits in a nested loop (GLib.MainLoop.run(),
 * MainContext.iteration()). Called after JS callbacks for C events and
 * before GI calls, which may run a loop. */
void sprout_context_schedule_jobs (JSContextRef ctx);

/* Ends the process with @code after flushing stdio, as System.exit() does. */
G_NORETURN void sprout_context_exit (SproutContext *context, int code);

G_END_DECLS
