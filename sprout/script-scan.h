/* script-scan.h: finds the names a legacy (imports.*) script declares at its
 * top level, so the importer can expose them on the module object the way
 * GJS does. Built on the shared lexer (lexer.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* Names that become properties of the module object in GJS: `var`
   * declarations anywhere outside a function body (including inside blocks,
   * loops and `for (var ...)` heads, and all names bound by destructuring
   * patterns), and function declarations (incl. async and generator) that are
   * not nested inside another function. Each name appears once, in source
   * order. */
  GPtrArray *vars;      /* (element-type utf8) */
  /* Top-level (outside any block and function) `let`, `const` and `class`
   * declarations, including destructured names. GJS warns when these are read
   * through the module object. */
  GPtrArray *lexicals;  /* (element-type utf8) */
  /* Byte offset just after the directive prologue: after the last
   * directive's `;` (or after its string if it has none), or 0 if the script
   * has no prologue. Code inserted here keeps the directives in force. */
  gsize prologue_end;
} SproutScriptScan;

void sprout_script_scan_clear (SproutScriptScan *scan);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SproutScriptScan, sprout_script_scan_clear)

/* Scans @source. Returns FALSE and sets @error (G_IO_ERROR_INVALID_DATA) only
 * when the lexer cannot tokenize the source; syntax errors beyond that are left
 * to the engine, which reports them with line numbers. */
gboolean sprout_script_scan (const char *source, gsize length,
                             SproutScriptScan *scan, GError **error);

G_END_DECLS
