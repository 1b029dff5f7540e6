/* test-gvalue.c: GValue <-> JS conversions (gi/gvalue.c) that need no
 * object wrappers: every fundamental type both ways, the range and type
 * checks (a TypeError or RangeError naming the value's role and type, never
 * a silent 0), enums and flags checked against their class, GStrv, GType,
 * GValue-in-a-GValue, GByteArray, and the types that are not supported yet.
 */
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "context.h"
#include "gvalue.h"
#include "js-util.h"

static SproutContext *context;

static JSContextRef
js (void)
{
  return sprout_context_get_js (context);
}

static JSValueRef
eval (const char *code)
{
  JSValueRef exception = NULL;
  JSValueRef value =
    sprout_js_evaluate (js (), code, -1, "test", 1, &exception);

  if (exception) {
    g_autofree char *text = sprout_js_value_describe (js (), exception);
    g_error ("unexpected exception from %s: %s", code, text);
  }
  return value;
}

/* Converts @code's value into a GValue of @gtype; asserts success. */
static void
from_js (const char *code, GType gtype, GValue *gvalue)
{
  JSValueRef exception = NULL;

  g_value_init (gvalue, gtype);
  if (!sprout_gvalue_from_js (js (), eval (code), gvalue, "Value 'v'",
                              &exception)) {
    g_autofree char *text = sprout_js_value_describe (js (), exception);
    g_error ("converting %s to %s failed: %s", code, g_type_name (gtype), text);
  }
}

/* Asserts that converting @code to @gtype throws @error_name with a message
 * containing @fragment (and naming the value). */
static void
assert_from_js_fails (const char *code, GType gtype, const char *error_name,
                      const char *fragment)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;
  JSValueRef exception = NULL;
  g_autofree char *name = NULL, *message = NULL;

  g_value_init (&gvalue, gtype);
  g_assert_false (sprout_gvalue_from_js (js (), eval (code), &gvalue,
                                         "Value 'v'", &exception));
  g_assert_nonnull (exception);
  name = sprout_js_value_to_utf8 (
    js (), sprout_js_get (js (), (JSObjectRef) exception, "name", NULL), NULL);
  message = sprout_js_value_to_utf8 (
    js (), sprout_js_get (js (), (JSObjectRef) exception, "message", NULL),
    NULL);
  g_test_message ("%s -> %s: %s: %s", code, g_type_name (gtype), name, message);
  g_assert_cmpstr (name, ==, error_name);
  g_assert_nonnull (strstr (message, "Value 'v'"));
  g_assert_nonnull (strstr (message, fragment));
}

/* @gvalue converted to JS, checked by the JS predicate @check(v). */
static void
assert_to_js (const GValue *gvalue, const char *check)
{
  JSValueRef exception = NULL, value, args[1];
  JSObjectRef predicate;

  value = sprout_gvalue_to_js (js (), gvalue, &exception);
  g_assert_null (exception);
  g_assert_nonnull (value);
  predicate = (JSObjectRef) eval (check);
  args[0] = value;
  value = JSObjectCallAsFunction (js (), predicate, NULL, 1, args, &exception);
  g_assert_null (exception);
  if (!JSValueToBoolean (js (), value)) {
    g_autofree char *text = sprout_js_value_describe (js (), args[0]);
    g_error ("%s failed for %s", check, text);
  }
}

static void
test_booleans (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("true", G_TYPE_BOOLEAN, &v);
  g_assert_true (g_value_get_boolean (&v));
  assert_to_js (&v, "v => v === true");
  g_value_unset (&v);
  from_js ("0", G_TYPE_BOOLEAN, &v);
  g_assert_false (g_value_get_boolean (&v));
  g_value_unset (&v);
  from_js ("'x'", G_TYPE_BOOLEAN, &v); /* ToBoolean, as GJS */
  g_assert_true (g_value_get_boolean (&v));
}

static void
test_integers (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("-128", G_TYPE_CHAR, &v);
  g_assert_cmpint (g_value_get_schar (&v), ==, -128);
  assert_to_js (&v, "v => v === -128");
  g_value_unset (&v);
  from_js ("255", G_TYPE_UCHAR, &v);
  g_assert_cmpuint (g_value_get_uchar (&v), ==, 255);
  g_value_unset (&v);
  from_js ("-2147483648", G_TYPE_INT, &v);
  g_assert_cmpint (g_value_get_int (&v), ==, G_MININT32);
  assert_to_js (&v, "v => v === -2147483648");
  g_value_unset (&v);
  from_js ("4294967295", G_TYPE_UINT, &v);
  g_assert_cmpuint (g_value_get_uint (&v), ==, G_MAXUINT32);
  assert_to_js (&v, "v => v === 4294967295");
  g_value_unset (&v);
  from_js ("'42'", G_TYPE_INT, &v); /* numeric strings convert */
  g_assert_cmpint (g_value_get_int (&v), ==, 42);
  g_value_unset (&v);
  from_js ("null", G_TYPE_INT, &v);
  g_assert_cmpint (g_value_get_int (&v), ==, 0);
  g_value_unset (&v);
  from_js ("-(2 ** 53)", G_TYPE_LONG, &v);
  g_assert_cmpint (g_value_get_long (&v), ==, -(G_GINT64_CONSTANT (1) << 53));
  assert_to_js (&v, "v => v === -(2 ** 53)");
  g_value_unset (&v);
  from_js ("2 ** 53", G_TYPE_ULONG, &v);
  g_assert_cmpuint (g_value_get_ulong (&v), ==, G_GUINT64_CONSTANT (1) << 53);
  g_value_unset (&v);

  assert_from_js_fails ("128", G_TYPE_CHAR, "RangeError", "out of range");
  assert_from_js_fails ("-1", G_TYPE_UCHAR, "RangeError", "guchar");
  assert_from_js_fails ("-1", G_TYPE_UINT, "RangeError", "guint");
  /* A gint wraps modulo 2^32 as in GJS, with a warning. */
  g_test_expect_message ("Gjs", G_LOG_LEVEL_WARNING,
                         "*value 2147483648 is out of range for gint; "
                         "converted to -2147483648*");
  from_js ("2 ** 31", G_TYPE_INT, &v);
  g_test_assert_expected_messages ();
  g_assert_cmpint (g_value_get_int (&v), ==, G_MININT);
  g_value_unset (&v);
  assert_from_js_fails ("'abc'", G_TYPE_INT, "TypeError", "gint");
  assert_from_js_fails ("({})", G_TYPE_UINT, "TypeError", "guint");
  assert_from_js_fails ("[1, 2]", G_TYPE_INT, "TypeError", "'object'");
  /* Objects that convert to a number do, as in GJS. */
  from_js ("[9]", G_TYPE_INT, &v);
  g_assert_cmpint (g_value_get_int (&v), ==, 9);
  g_value_unset (&v);
  assert_from_js_fails ("1n", G_TYPE_INT, "TypeError", "BigInt");
}

static void
test_64_bit (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("-(2n ** 63n)", G_TYPE_INT64, &v);
  g_assert_cmpint (g_value_get_int64 (&v), ==, G_MININT64);
  g_value_unset (&v);
  from_js ("2n ** 64n - 1n", G_TYPE_UINT64, &v);
  g_assert_cmpuint (g_value_get_uint64 (&v), ==, G_MAXUINT64);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                         "*18446744073709551615*rounded*");
  assert_to_js (&v, "v => v === 2 ** 64");
  g_test_assert_expected_messages ();
  g_value_unset (&v);
  from_js ("Number.MAX_SAFE_INTEGER", G_TYPE_INT64, &v);
  g_assert_cmpint (g_value_get_int64 (&v), ==,
                   (G_GINT64_CONSTANT (1) << 53) - 1);
  assert_to_js (&v, "v => v === Number.MAX_SAFE_INTEGER");
  g_value_unset (&v);

  assert_from_js_fails ("2 ** 63", G_TYPE_INT64, "RangeError", "out of range");
  assert_from_js_fails ("2n ** 63n", G_TYPE_INT64, "RangeError", "gint64");
  assert_from_js_fails ("-1n", G_TYPE_UINT64, "RangeError", "guint64");
  assert_from_js_fails ("2 ** 64", G_TYPE_UINT64, "RangeError", "guint64");
}

static void
test_floats (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("0.5", G_TYPE_FLOAT, &v);
  g_assert_cmpfloat (g_value_get_float (&v), ==, 0.5);
  assert_to_js (&v, "v => v === 0.5");
  g_value_unset (&v);
  from_js ("Math.PI", G_TYPE_DOUBLE, &v);
  g_assert_cmpfloat (g_value_get_double (&v), ==, G_PI);
  assert_to_js (&v, "v => v === Math.PI");
  g_value_unset (&v);
  from_js ("NaN", G_TYPE_DOUBLE, &v);
  g_assert_true (isnan (g_value_get_double (&v)));
  assert_to_js (&v, "v => Number.isNaN(v)");
  g_value_unset (&v);
  from_js ("-Infinity", G_TYPE_FLOAT, &v);
  g_assert_true (isinf (g_value_get_float (&v)));

  assert_from_js_fails ("1e300", G_TYPE_FLOAT, "RangeError", "gfloat");
  assert_from_js_fails ("'x'", G_TYPE_DOUBLE, "TypeError", "gdouble");
}

static void
test_strings (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("'h\\u00e9llo'", G_TYPE_STRING, &v);
  g_assert_cmpstr (g_value_get_string (&v), ==, "h\xc3\xa9llo");
  assert_to_js (&v, "v => v === 'h\\u00e9llo'");
  g_value_unset (&v);
  from_js ("null", G_TYPE_STRING, &v);
  g_assert_null (g_value_get_string (&v));
  assert_to_js (&v, "v => v === null");

  assert_from_js_fails ("undefined", G_TYPE_STRING, "TypeError", "gchararray");
  assert_from_js_fails ("5", G_TYPE_STRING, "TypeError", "'number'");
}

static void
test_enums_and_flags (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("2", G_TYPE_FILE_TYPE, &v); /* G_FILE_TYPE_DIRECTORY */
  g_assert_cmpint (g_value_get_enum (&v), ==, G_FILE_TYPE_DIRECTORY);
  assert_to_js (&v, "v => v === 2");
  g_value_unset (&v);
  from_js ("4 | 8", G_TYPE_APPLICATION_FLAGS, &v);
  g_assert_cmpuint (g_value_get_flags (&v), ==,
                    G_APPLICATION_HANDLES_OPEN |
                      G_APPLICATION_HANDLES_COMMAND_LINE);
  assert_to_js (&v, "v => v === 12");

  assert_from_js_fails ("99", G_TYPE_FILE_TYPE, "TypeError",
                        "not a valid value for enumeration GFileType");
  assert_from_js_fails ("1.5", G_TYPE_FILE_TYPE, "TypeError", "GFileType");
  assert_from_js_fails ("'1'", G_TYPE_FILE_TYPE, "TypeError", "GFileType");
  assert_from_js_fails ("0x1000000", G_TYPE_APPLICATION_FLAGS, "TypeError",
                        "0x1000000 is not a valid value for flags "
                        "GApplicationFlags");
  assert_from_js_fails ("undefined", G_TYPE_APPLICATION_FLAGS, "TypeError",
                        "GApplicationFlags");
}

static void
test_strv (void)
{
  g_auto (GValue) v = G_VALUE_INIT;
  const char *const *strv;

  from_js ("['a', 'b\\u00e9']", G_TYPE_STRV, &v);
  strv = g_value_get_boxed (&v);
  g_assert_cmpuint (g_strv_length ((char **) strv), ==, 2);
  g_assert_cmpstr (strv[0], ==, "a");
  g_assert_cmpstr (strv[1], ==, "b\xc3\xa9");
  assert_to_js (&v, "v => Array.isArray(v) && v.join() === 'a,b\\u00e9'");
  g_value_unset (&v);
  from_js ("[]", G_TYPE_STRV, &v);
  g_assert_cmpuint (g_strv_length (g_value_get_boxed (&v)), ==, 0);
  g_value_unset (&v);
  from_js ("null", G_TYPE_STRV, &v);
  g_assert_null (g_value_get_boxed (&v));
  assert_to_js (&v, "v => Array.isArray(v) && v.length === 0");

  assert_from_js_fails ("'abc'", G_TYPE_STRV, "TypeError", "GStrv");
  assert_from_js_fails ("['a', 1]", G_TYPE_STRV, "TypeError", "element 1");
}

static void
test_gtype (void)
{
  g_auto (GValue) v = G_VALUE_INIT;
  g_autofree char *code =
    g_strdup_printf ("({$gtype: %" G_GSIZE_FORMAT "})", G_TYPE_APPLICATION);

  from_js (code, G_TYPE_GTYPE, &v);
  g_assert_cmpuint (g_value_get_gtype (&v), ==, G_TYPE_APPLICATION);
  g_value_unset (&v);
  g_free (code);
  code = g_strdup_printf ("%" G_GSIZE_FORMAT, G_TYPE_STRING);
  from_js (code, G_TYPE_GTYPE, &v);
  g_assert_cmpuint (g_value_get_gtype (&v), ==, G_TYPE_STRING);
  g_clear_pointer (&code, g_free);
  /* GTypes come back as GType objects (gtype.h). */
  assert_to_js (&v, "v => String(v) === \"[object GType for 'gchararray']\" "
                    "&& v.name === 'gchararray'");

  assert_from_js_fails ("'gint'", G_TYPE_GTYPE, "TypeError", "GType");
}

static void
test_value_in_value (void)
{
  g_auto (GValue) v = G_VALUE_INIT;
  const GValue *inner;

  from_js ("42", G_TYPE_VALUE, &v);
  inner = g_value_get_boxed (&v);
  g_assert_true (G_VALUE_HOLDS_INT (inner));
  g_assert_cmpint (g_value_get_int (inner), ==, 42);
  assert_to_js (&v, "v => v === 42");
  g_value_unset (&v);
  from_js ("4.5", G_TYPE_VALUE, &v);
  g_assert_true (G_VALUE_HOLDS_DOUBLE (g_value_get_boxed (&v)));
  g_value_unset (&v);
  from_js ("'foo'", G_TYPE_VALUE, &v);
  g_assert_cmpstr (g_value_get_string (g_value_get_boxed (&v)), ==, "foo");
  assert_to_js (&v, "v => v === 'foo'");
  g_value_unset (&v);
  from_js ("false", G_TYPE_VALUE, &v);
  g_assert_true (G_VALUE_HOLDS_BOOLEAN (g_value_get_boxed (&v)));
  g_value_unset (&v);
  from_js ("2n ** 64n - 1n", G_TYPE_VALUE, &v);
  g_assert_true (G_VALUE_HOLDS_UINT64 (g_value_get_boxed (&v)));
  g_value_unset (&v);
  from_js ("-5n", G_TYPE_VALUE, &v);
  g_assert_true (G_VALUE_HOLDS_INT64 (g_value_get_boxed (&v)));
  g_value_unset (&v);
  from_js ("null", G_TYPE_VALUE, &v);
  g_assert_null (g_value_get_boxed (&v));
  assert_to_js (&v, "v => v === null");

  assert_from_js_fails ("[1]", G_TYPE_VALUE, "TypeError", "cannot guess");
}

static void
test_byte_array (void)
{
  g_auto (GValue) v = G_VALUE_INIT;
  GByteArray *bytes;

  /* A view into the middle of a buffer: only the view's bytes. */
  from_js ("new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4)", G_TYPE_BYTE_ARRAY,
           &v);
  bytes = g_value_get_boxed (&v);
  g_assert_cmpmem (bytes->data, bytes->len, "\1\2\3", 3);
  assert_to_js (&v, "v => v instanceof Uint8Array && v.join() === '1,2,3'");

  assert_from_js_fails ("[1, 2]", G_TYPE_BYTE_ARRAY, "TypeError", "GByteArray");
}

static void
test_pointers_and_unsupported (void)
{
  g_auto (GValue) v = G_VALUE_INIT;

  from_js ("null", G_TYPE_POINTER, &v);
  g_assert_null (g_value_get_pointer (&v));
  assert_to_js (&v, "v => v === null");
  g_value_unset (&v);
  from_js ("null", G_TYPE_VARIANT, &v);
  g_assert_null (g_value_get_variant (&v));
  assert_to_js (&v, "v => v === null");
  g_value_unset (&v);
  from_js ("null", G_TYPE_HASH_TABLE, &v);
  assert_to_js (&v, "v => v === null");
  g_value_unset (&v);

  assert_from_js_fails ("({})", G_TYPE_POINTER, "TypeError", "gpointer");
  assert_from_js_fails ("({})", G_TYPE_VARIANT, "TypeError",
                        "expected a GLib.Variant");
  /* "GHashTable is not supported yet", or once GLib's typelib is loaded
   * (variant.c loads it) a boxed type error naming GLib.HashTable. */
  assert_from_js_fails ("({})", G_TYPE_HASH_TABLE, "TypeError", "HashTable");

  /* A GVariant is a GLib.Variant wrapper (variant.h). */
  {
    g_auto (GValue) variant = G_VALUE_INIT;

    g_value_init (&variant, G_TYPE_VARIANT);
    g_value_set_variant (&variant, g_variant_new_boolean (TRUE));
    assert_to_js (&variant, "v => v.get_boolean() === true && "
                            "v.deepUnpack() === true");
  }
}

static void
test_param_spec (void)
{
  GValue v = G_VALUE_INIT;
  GParamSpec *pspec = g_param_spec_int ("some-int", "Some int", "An int", 0, 10,
                                        3, G_PARAM_READWRITE);

  g_param_spec_ref_sink (pspec);
  g_value_init (&v, G_TYPE_PARAM);
  g_value_set_param (&v, pspec);
  assert_to_js (&v, "v => v.name === 'some-int' && v.nick === 'Some int' && "
                    "v.blurb === 'An int' && v.default_value === 3 && "
                    "v.flags === 3");
  g_value_unset (&v);
  g_param_spec_unref (pspec);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = sprout_context_new (NULL);
  g_test_add_func ("/gvalue/booleans", test_booleans);
  g_test_add_func ("/gvalue/integers", test_integers);
  g_test_add_func ("/gvalue/64-bit", test_64_bit);
  g_test_add_func ("/gvalue/floats", test_floats);
  g_test_add_func ("/gvalue/strings", test_strings);
  g_test_add_func ("/gvalue/enums-and-flags", test_enums_and_flags);
  g_test_add_func ("/gvalue/strv", test_strv);
  g_test_add_func ("/gvalue/gtype", test_gtype);
  g_test_add_func ("/gvalue/value-in-value", test_value_in_value);
  g_test_add_func ("/gvalue/byte-array", test_byte_array);
  g_test_add_func ("/gvalue/pointers-and-unsupported",
                   test_pointers_and_unsupported);
  g_test_add_func ("/gvalue/param-spec", test_param_spec);
  status = g_test_run ();
  g_clear_pointer (&context, sprout_context_free);
  return status;
}
