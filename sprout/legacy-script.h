/* legacy-script.h: turns the source of an `imports.*` module into a function
 * expression that runs it with GJS's module scoping. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the source of a function expression
 *   (function (__sprout_bind__) { <source> })
 * that, when called with `this` = the module object, first calls
 * __sprout_bind__(vars, lexicals) with two objects of accessors — one per
 * top-level var/function name and one per top-level let/const/class name —
 * and then runs the module's code. Every line of @source keeps its line
 * number; when the first line is a comment (or #!), the wrapper replaces it
 * so that no column moves either. */
char *sprout_legacy_script_wrap (const char *source, gsize length,
                                 GError **error);

G_END_DECLS
