/* context-private.h: what the runtime's own files share about a context.
 * Not for gc/, gi/ or modules/ (they use context.h). */
#pragma once

#include "context.h"

G_BEGIN_DECLS

struct _SproutContext {
  JSGlobalContextRef js;
  JSObjectRef global;
  char *program_invocation_name;
  char *program_path;
  GStrv argv;
  GStrv include_path;
  guint hold_count;
  gboolean exiting;
  gboolean bootstrapped; /* bootstrap.js ran (importer.c) */
  JSObjectRef override_loader; /* protected; set by bootstrap.js */
  GHashTable *timers; /* id -> SproutTimer (timers.c) */
};

/* globals.c: print, printerr, log, logError, queueMicrotask, ARGV, window */
void sprout_globals_define (SproutContext *context);

/* timers.c: setTimeout, setInterval, clearTimeout, clearInterval */
void sprout_timers_define (SproutContext *context);
/* Cancels the context's pending timers. */
void sprout_timers_clear (SproutContext *context);

/* importer.c: creates `imports` (and GjsFileImporter); FALSE on exception */
gboolean sprout_importer_define (SproutContext *context, JSValueRef *exception);

/* errors.c: the unhandled promise rejection hook */
void sprout_errors_install_rejection_tracker (SproutContext *context);

/* Formats a syntax error as `SyntaxError: msg @ file:line`, or NULL if
 * @exception is not a syntax error with a location. */
char *sprout_errors_format_syntax_error (JSContextRef ctx,
                                         JSValueRef exception);

G_END_DECLS
