/* legacy-script.c: GJS module scoping for legacy `imports.*` modules.
 *
 * GJS evaluates a legacy module with the module object as its variables
 * object, so top-level `var`s and function declarations are the module's
 * properties. JSC's C API cannot evaluate with a custom variables object, so
 * the module runs inside a function and the names that the shared lexer's
 * scanner finds are exported as accessors that read and write the function's
 * own bindings: the module object and the module's code see the same values,
 * including while a module is still loading (mutual imports). Accessors for
 * top-level let/const/class are passed separately so the importer can warn,
 * as GJS does, when code reads them through the module object.
 */
#include "legacy-script.h"

#include <string.h>

#include "script-scan.h"

static void
sprout_legacy_script_append_accessors (GString *out, GPtrArray *names,
                                       gboolean writable)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index (names, i);
    g_string_append_printf (out, "get %s(){return %s},", name, name);
    if (writable)
      g_string_append_printf (
        out, "set %s(__sprout_value__){%s=__sprout_value__},", name, name);
  }
  g_string_append_c (out, '}');
}

/* TRUE if the first line holds only a line comment or a #! line. */
static gboolean
sprout_legacy_script_first_line_is_comment (const char *source, gsize length)
{
  return length >= 2 && ((source[0] == '/' && source[1] == '/') ||
                         (source[0] == '#' && source[1] == '!'));
}

static gsize
sprout_legacy_script_first_line_end (const char *source, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (source[i] == '\n' || source[i] == '\r')
      return i;
  return length;
}

char *
sprout_legacy_script_wrap (const char *source, gsize length, GError **error)
{
  g_auto (SproutScriptScan) scan = { 0 };
  GString *out;
  gsize split;

  if (!sprout_script_scan (source, length, &scan, error))
    return NULL;

  out = g_string_sized_new (length + 256);
  g_string_append (out, "(function(__sprout_bind__){");
  if (scan.prologue_end == 0 &&
      sprout_legacy_script_first_line_is_comment (source, length))
    split = sprout_legacy_script_first_line_end (source, length);
  else {
    split = scan.prologue_end;
    g_string_append_len (out, source, (gssize) split);
  }
  g_string_append (out, "__sprout_bind__(");
  sprout_legacy_script_append_accessors (out, scan.vars, TRUE);
  g_string_append_c (out, ',');
  sprout_legacy_script_append_accessors (out, scan.lexicals, FALSE);
  g_string_append (out, ");");
  g_string_append_len (out, source + split, (gssize) (length - split));
  g_string_append (out, "\n})");
  return g_string_free (out, FALSE);
}
