/* test-legacy-script.c: the legacy-module wrapper keeps every line in place
 * and exports what GJS exports. */
#include <glib.h>
#include <string.h>

#include "legacy-script.h"
#include "module-source.h"

static guint
count_lines (const char *text)
{
  guint lines = 1;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      lines++;
  return lines;
}

static char *
wrap (const char *source)
{
  g_autoptr (GError) error = NULL;
  char *wrapped = sprout_legacy_script_wrap (source, strlen (source), &error);

  g_assert_no_error (error);
  g_assert_nonnull (wrapped);
  return wrapped;
}

static void
test_keeps_lines (void)
{
  const char *source = "// header comment\nvar a = 1;\nlet b = 2;\n"
                       "function f() { var inner; }\n";
  g_autofree char *wrapped = wrap (source);

  /* The wrapper adds one line break of its own, after the source. */
  g_assert_cmpuint (count_lines (wrapped), ==, count_lines (source) + 1);
  g_assert_true (g_str_has_prefix (wrapped, "(function(__sprout_bind__){"));
  /* The comment on line 1 is replaced, so the bind call costs no column. */
  g_assert_null (strstr (wrapped, "header comment"));
  g_assert_nonnull (strstr (wrapped, "get a(){return a}"));
  g_assert_nonnull (strstr (wrapped, "get f(){return f}"));
  g_assert_nonnull (strstr (wrapped, "get b(){return b}"));
  g_assert_null (strstr (wrapped, "set b("));
  g_assert_null (strstr (wrapped, "inner"  "(){"));
}

static void
test_keeps_directive_prologue (void)
{
  g_autofree char *wrapped = wrap ("'use strict';\nvar x = 1;\n");
  const char *directive = strstr (wrapped, "'use strict'");
  const char *bind = strstr (wrapped, "__sprout_bind__(");

  g_assert_nonnull (directive);
  g_assert_nonnull (bind);
  /* The bind call comes after the directive, which must open the body. */
  g_assert_true (bind > directive);
  g_assert_true (g_str_has_prefix (wrapped, "(function(__sprout_bind__){'use strict';"));
}

static void
test_hashbang_replaced (void)
{
  g_autofree char *wrapped = wrap ("#!/usr/bin/env gjs\nvar x = 1;\n");

  g_assert_null (strstr (wrapped, "#!"));
}

static void
test_module_source_child (void)
{
  g_autofree char *a = sprout_module_source_child ("/usr/share/", "x.js");
  g_autofree char *b =
    sprout_module_source_child ("resource:///org/gnome/sprout/", "x.js");
  g_autofree char *c = sprout_module_source_child ("file:///tmp", "x.js");

  g_assert_cmpstr (a, ==, "/usr/share/x.js");
  g_assert_cmpstr (b, ==, "resource:///org/gnome/sprout/x.js");
  g_assert_cmpstr (c, ==, "file:///tmp/x.js");
}

static void
test_module_source_kinds (void)
{
  g_assert_cmpint (sprout_module_source_kind ("/"), ==,
                   SPROUT_MODULE_SOURCE_DIRECTORY);
  g_assert_cmpint (sprout_module_source_kind ("file:///"), ==,
                   SPROUT_MODULE_SOURCE_DIRECTORY);
  g_assert_cmpint (sprout_module_source_kind ("/nonexistent/sprout"), ==,
                   SPROUT_MODULE_SOURCE_MISSING);
  g_assert_cmpint (sprout_module_source_kind ("resource:///no/such/thing"),
                   ==, SPROUT_MODULE_SOURCE_MISSING);
  g_assert_cmpint (sprout_module_source_kind ("http://example.com/x.js"), ==,
                   SPROUT_MODULE_SOURCE_MISSING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/legacy-script/keeps-lines", test_keeps_lines);
  g_test_add_func ("/legacy-script/keeps-directive-prologue",
                   test_keeps_directive_prologue);
  g_test_add_func ("/legacy-script/hashbang-replaced", test_hashbang_replaced);
  g_test_add_func ("/module-source/child", test_module_source_child);
  g_test_add_func ("/module-source/kinds", test_module_source_kinds);
  return g_test_run ();
}
