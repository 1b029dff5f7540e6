/* test-foreign.c: the foreign struct hook (gi/foreign.h), exercised with a
 * converter for cairo.Context and cairo.Surface registered here the way
 * the cairo module will register its own: GI functions of the Regress
 * library that take and return cairo structs go through it, in and out,
 * with transfer none and full, null and wrong values; the loader is asked
 * once per namespace, and a struct nobody implements stays a boxed struct.
 * Needs the Regress and cairo typelibs (GI_TYPELIB_PATH, set by meson).
 */
#include <girepository.h>
#include <glib-object.h>

#include "context.h"
#include "foreign.h"
#include "js-util.h"

static SproutContext *context;
static GType context_gtype, surface_gtype;
static guint loader_calls;
static GHashTable *held; /* pointer -> GType, references JS values own */

/* A JS value standing for a cairo struct: {cairo: "Context", address}. */
static JSValueRef
make_value (JSContextRef ctx, gpointer pointer, GType gtype,
            gboolean transfer_full)
{
  JSObjectRef object = JSObjectMake (ctx, NULL, NULL);
  g_autofree char *address = NULL;

  if (!transfer_full)
    pointer = g_boxed_copy (gtype, pointer);
  /* Freed when the test ends, to count what the values own. */
  g_hash_table_insert (held, pointer, GSIZE_TO_POINTER (gtype));
  sprout_js_set (ctx, object, "cairo",
                 sprout_js_value_from_utf8 (ctx, gtype == context_gtype
                                                     ? "Context"
                                                     : "Surface"),
                 kJSPropertyAttributeNone, NULL);
  address = g_strdup_printf ("%p", pointer);
  sprout_js_set (ctx, object, "address",
                 sprout_js_value_from_utf8 (ctx, address),
                 kJSPropertyAttributeNone, NULL);
  return object;
}

static gboolean
read_value (JSContextRef ctx, JSValueRef value, const char *kind,
            const char *what, gpointer *out, JSValueRef *exception)
{
  JSValueRef tag = NULL, address = NULL;
  g_autofree char *tag_text = NULL, *address_text = NULL;

  if (JSValueIsObject (ctx, value)) {
    tag = sprout_js_get (ctx, (JSObjectRef) value, "cairo", NULL);
    address = sprout_js_get (ctx, (JSObjectRef) value, "address", NULL);
  }
  if (tag && JSValueIsString (ctx, tag))
    tag_text = sprout_js_value_to_utf8 (ctx, tag, NULL);
  if (!tag_text || !g_str_equal (tag_text, kind) || !address ||
      !JSValueIsString (ctx, address)) {
    sprout_js_throw (ctx, exception, "TypeError", "%s: expected a cairo.%s",
                     what, kind);
    return FALSE;
  }
  address_text = sprout_js_value_to_utf8 (ctx, address, NULL);
  *out = (gpointer) (guintptr) g_ascii_strtoull (address_text, NULL, 16);
  return TRUE;
}

static JSValueRef
context_to_js (JSContextRef ctx, gpointer pointer, gboolean transfer_full,
               JSValueRef *exception)
{
  return make_value (ctx, pointer, context_gtype, transfer_full);
}

static gboolean
context_from_js (JSContextRef ctx, JSValueRef value, const char *what,
                 gpointer *out, JSValueRef *exception)
{
  return read_value (ctx, value, "Context", what, out, exception);
}

static gpointer
context_ref (gpointer pointer)
{
  return g_boxed_copy (context_gtype, pointer);
}

static void
context_unref (gpointer pointer)
{
  g_boxed_free (context_gtype, pointer);
}

static JSValueRef
surface_to_js (JSContextRef ctx, gpointer pointer, gboolean transfer_full,
               JSValueRef *exception)
{
  return make_value (ctx, pointer, surface_gtype, transfer_full);
}

static gboolean
surface_from_js (JSContextRef ctx, JSValueRef value, const char *what,
                 gpointer *out, JSValueRef *exception)
{
  return read_value (ctx, value, "Surface", what, out, exception);
}

static gpointer
surface_ref (gpointer pointer)
{
  return g_boxed_copy (surface_gtype, pointer);
}

static void
surface_unref (gpointer pointer)
{
  g_boxed_free (surface_gtype, pointer);
}

static const SproutForeignOps context_ops = {
  context_to_js, context_from_js, context_ref, context_unref,
};
static const SproutForeignOps surface_ops = {
  surface_to_js, surface_from_js, surface_ref, surface_unref,
};

/* Registers the converters when asked, as importing a module would. */
static gboolean
load_cairo (JSContextRef ctx, const char *ns, JSValueRef *exception)
{
  loader_calls++;
  if (!g_str_equal (ns, "cairo"))
    return FALSE;
  sprout_gi_foreign_register ("cairo", "Context", &context_ops);
  sprout_gi_foreign_register ("cairo", "Surface", &surface_ops);
  return TRUE;
}

static JSValueRef
eval (const char *code, JSValueRef *exception)
{
  return sprout_js_evaluate (sprout_context_get_js (context), code, -1, "test",
                             1, exception);
}

static char *
eval_string (const char *code)
{
  JSContextRef ctx = sprout_context_get_js (context);
  JSValueRef exception = NULL;
  JSValueRef value = eval (code, &exception);

  if (exception) {
    g_autofree char *text = sprout_js_value_describe (ctx, exception);
    g_error ("unexpected exception from %s: %s", code, text);
  }
  return sprout_js_value_to_utf8 (ctx, value, NULL);
}

static void
assert_throws (const char *code, const char *fragment)
{
  JSContextRef ctx = sprout_context_get_js (context);
  JSValueRef exception = NULL;
  g_autofree char *text = NULL;

  eval (code, &exception);
  g_assert_nonnull (exception);
  text = sprout_js_value_describe (ctx, exception);
  g_assert_nonnull (strstr (text, fragment));
}

#define PRELUDE "var {Regress} = imports.gi; "

static void
test_through_converters (void)
{
  g_autofree char *kind = NULL, *surface = NULL, *out = NULL;

  kind = eval_string (PRELUDE
                      "var cr = Regress.test_cairo_context_full_return();"
                      "cr.cairo");
  g_assert_cmpstr (kind, ==, "Context");
  g_assert_cmpuint (loader_calls, ==, 1);
  /* The C function checks the context's target: the same context. */
  g_free (eval_string (PRELUDE "Regress.test_cairo_context_none_in(cr); 'ok'"));
  surface = eval_string (PRELUDE
                         "var s = Regress.test_cairo_surface_none_return();"
                         "Regress.test_cairo_surface_none_in(s);"
                         "s.cairo");
  g_assert_cmpstr (surface, ==, "Surface");
  out = eval_string (PRELUDE "Regress.test_cairo_surface_full_out().cairo");
  g_assert_cmpstr (out, ==, "Surface");
  g_assert_cmpuint (loader_calls, ==, 1);
}

static void
test_bad_values (void)
{
  assert_throws (PRELUDE "Regress.test_cairo_context_none_in({})",
                 "expected a cairo.Context");
  assert_throws (PRELUDE "Regress.test_cairo_context_none_in(null)",
                 "context");
  assert_throws (PRELUDE "Regress.test_cairo_surface_none_in("
                         "Regress.test_cairo_context_full_return())",
                 "expected a cairo.Surface");
}

static void
free_held (gpointer pointer, gpointer gtype, gpointer data)
{
  g_boxed_free (GPOINTER_TO_SIZE (gtype), pointer);
}

int
main (int argc, char **argv)
{
  GIBaseInfo *info;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_irepository_require (NULL, "cairo", NULL, 0, NULL));
  info = g_irepository_find_by_name (NULL, "cairo", "Context");
  context_gtype = g_registered_type_info_get_g_type (info);
  g_base_info_unref (info);
  info = g_irepository_find_by_name (NULL, "cairo", "Surface");
  surface_gtype = g_registered_type_info_get_g_type (info);
  g_base_info_unref (info);
  g_assert_true (G_TYPE_IS_BOXED (context_gtype));
  held = g_hash_table_new (NULL, NULL);
  context = sprout_context_new (NULL);
  sprout_gi_foreign_set_loader (load_cairo);
  g_test_add_func ("/foreign/through-converters", test_through_converters);
  g_test_add_func ("/foreign/bad-values", test_bad_values);
  status = g_test_run ();
  g_clear_pointer (&context, sprout_context_free);
  g_hash_table_foreach (held, free_held, NULL);
  g_hash_table_unref (held);
  return status;
}
