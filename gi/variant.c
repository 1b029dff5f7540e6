/* variant.c: GLib.Variant wrappers (variant.h).
 *
 * A wrapper is a plain object whose private field (VariantBase in
 * js/object.js) holds a token of kind "Variant": the token's native pointer
 * is a GVariant on which the wrapper owns one strong reference, dropped by
 * the token's deferred release. Wrappers carry no identity: wrapping the same
 * GVariant twice gives two wrappers (as in GJS); equal() compares values.
 *
 * The class GLib.Variant is built here rather than by boxed.c (which routes
 * G_TYPE_VARIANT to sprout_variant_class): a subclass of VariantBase with the
 * GI methods of the GLib.Variant struct info as small stubs on the prototype
 * (makeVariantMethod -> native.variantInvoke) and its static functions
 * (new_string, new_int32, ...) on the class. The class, its prototype and
 * the JS helpers used on every wrap are cached per context, so wrapping a
 * GVariant costs one token and one JS call.
 */
#include "gi-private.h"

#include <string.h>

#include "js-util.h"
#include "native-size.h"
#include "token.h"
#include "variant.h"

static void
sprout_variant_release (gpointer native, guint generation)
{
  g_variant_unref (native);
}

static const SproutTokenKind sprout_variant_token = {
  "Variant",
  sprout_variant_release,
};

/* Per-context cache; reset when js/object.js's helpers change (a new
 * context). Values are protected, as boxed.c's classes are. */
static struct {
  JSGlobalContextRef owner;
  guint epoch; /* sprout_gi_epoch when made */
  JSObjectRef helpers; /* what the cache was built from (not protected) */
  JSObjectRef klass;
  JSObjectRef prototype;
  JSObjectRef wrap;     /* wrapVariant(prototype, token) */
  JSObjectRef token_of; /* variantTokenOf(object) */
} sprout_variants;

static JSObjectRef
sprout_variant_helper (JSContextRef ctx, JSObjectRef helpers, const char *name,
                       JSValueRef *exception)
{
  JSValueRef value = sprout_js_get (ctx, helpers, name, exception);

  if (value == NULL)
    return NULL;
  if (!JSValueIsObject (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError", "js/object.js has no %s",
                     name);
    return NULL;
  }
  JSValueProtect (ctx, value);
  return (JSObjectRef) value;
}

static void
sprout_variant_define_methods (JSContextRef ctx, JSObjectRef helpers,
                               GIStructInfo *info)
{
  JSObjectRef make_method =
    sprout_variant_helper (ctx, helpers, "makeVariantMethod", NULL);
  gint n = g_struct_info_get_n_methods (info);

  if (make_method == NULL)
    return;
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method = g_struct_info_get_method (info, i);
    const char *name = g_base_info_get_name (method);
    JSObjectRef function = sprout_gi_function_new (ctx, method);

    if (g_function_info_get_flags (method) & GI_FUNCTION_IS_METHOD) {
      JSValueRef args[2] = { function, sprout_js_value_from_utf8 (ctx, name) };
      JSValueRef stub =
        JSObjectCallAsFunction (ctx, make_method, NULL, 2, args, NULL);
      if (stub)
        sprout_js_set (ctx, sprout_variants.prototype, name, stub,
                       kJSPropertyAttributeDontEnum, NULL);
    } else {
      sprout_js_set (ctx, sprout_variants.klass, name, function,
                     kJSPropertyAttributeDontEnum, NULL);
    }
  }
  JSValueUnprotect (ctx, make_method);
}

/* Builds the class and the cache for the current context. */
static gboolean
sprout_variant_ensure (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef helpers = sprout_object_helpers (ctx, exception);
  g_autoptr (SproutGIInfo) info = NULL;
  JSObjectRef make_class;
  JSValueRef gtype, klass;

  if (helpers == NULL)
    return FALSE;
  if (helpers == sprout_variants.helpers && sprout_variants.klass &&
      sprout_variants.owner == JSContextGetGlobalContext (ctx) &&
      sprout_variants.epoch == sprout_gi_epoch)
    return TRUE;
  /* A new context: the old values died with it. */
  memset (&sprout_variants, 0, sizeof sprout_variants);

  if (!g_irepository_require (NULL, "GLib", "2.0", 0, NULL) ||
      (info = g_irepository_find_by_name (NULL, "GLib", "Variant")) == NULL ||
      !GI_IS_STRUCT_INFO (info)) {
    sprout_js_throw (ctx, exception, "Error",
                     "GLib.Variant: no introspection data for GLib 2.0");
    return FALSE;
  }
  make_class =
    sprout_variant_helper (ctx, helpers, "makeVariantClass", exception);
  if (make_class == NULL)
    return FALSE;
  gtype = JSValueMakeNumber (ctx, (double) G_TYPE_VARIANT);
  klass = JSObjectCallAsFunction (ctx, make_class, NULL, 1, &gtype, exception);
  JSValueUnprotect (ctx, make_class);
  if (klass == NULL || !JSValueIsObject (ctx, klass))
    return FALSE;
  sprout_variants.wrap =
    sprout_variant_helper (ctx, helpers, "wrapVariant", exception);
  sprout_variants.token_of =
    sprout_variant_helper (ctx, helpers, "variantTokenOf", exception);
  if (sprout_variants.wrap == NULL || sprout_variants.token_of == NULL)
    return FALSE;
  JSValueProtect (ctx, klass);
  sprout_variants.klass = (JSObjectRef) klass;
  sprout_variants.prototype =
    (JSObjectRef) sprout_js_get (ctx, sprout_variants.klass, "prototype", NULL);
  JSValueProtect (ctx, sprout_variants.prototype);
  sprout_variants.helpers = helpers;
  sprout_variants.owner = JSContextGetGlobalContext (ctx);
  sprout_variants.epoch = sprout_gi_epoch;
  sprout_variant_define_methods (ctx, helpers, (GIStructInfo *) info);
  return TRUE;
}

JSValueRef
sprout_variant_class (JSContextRef ctx, JSValueRef *exception)
{
  if (!sprout_variant_ensure (ctx, exception))
    return NULL;
  return sprout_variants.klass;
}

/* A token owning the caller's strong reference on @variant, with the
 * variant's size reported to the collector (native-size.c). */
static JSObjectRef
sprout_variant_token_new (JSContextRef ctx, GVariant *variant)
{
  sprout_gi_report_native_size (ctx, G_TYPE_VARIANT, variant);
  return sprout_token_new (ctx, &sprout_variant_token, variant, 0);
}

/* Wraps @variant, on which the caller gives the wrapper one strong,
 * non-floating reference. */
static JSValueRef
sprout_variant_wrap_owned (JSContextRef ctx, GVariant *variant,
                           JSValueRef *exception)
{
  JSValueRef args[2];

  if (!sprout_variant_ensure (ctx, exception)) {
    g_variant_unref (variant);
    return NULL;
  }
  args[0] = sprout_variants.prototype;
  args[1] = sprout_variant_token_new (ctx, variant);
  return JSObjectCallAsFunction (ctx, sprout_variants.wrap, NULL, 2, args,
                                 exception);
}

JSValueRef
sprout_variant_to_js (JSContextRef ctx, GVariant *variant, gboolean owned,
                      JSValueRef *exception)
{
  if (variant == NULL)
    return JSValueMakeNull (ctx);
  /* take_ref keeps a full reference and turns a floating one into ours;
   * ref_sink takes the floating reference or adds one. */
  variant = owned ? g_variant_take_ref (variant) : g_variant_ref_sink (variant);
  return sprout_variant_wrap_owned (ctx, variant, exception);
}

GVariant *
sprout_variant_from_js (JSContextRef ctx, JSValueRef value, const char *what,
                        JSValueRef *exception)
{
  GVariant *variant = NULL;
  JSValueRef token;

  if (!sprout_variant_ensure (ctx, exception))
    return NULL;
  if (JSValueIsObject (ctx, value)) {
    token = JSObjectCallAsFunction (ctx, sprout_variants.token_of, NULL, 1,
                                    &value, exception);
    if (token == NULL)
      return NULL;
    variant = sprout_token_get (ctx, token, &sprout_variant_token);
  }
  if (variant == NULL) {
    g_autofree char *text = sprout_js_value_describe (ctx, value);
    sprout_js_throw (
      ctx, exception, "TypeError", "%s: expected a GLib.Variant, got %s (%s)",
      what ? what : "Value", sprout_js_type_name (ctx, value), text);
  }
  return variant;
}

/* ---- natives for js/object.js ------------------------------------------- */

/* native.variantNew(signature, value) -> token */
static JSValueRef
sprout_variant_native_new (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *signature = NULL;
  GVariant *variant;

  if (argc < 1 || !JSValueIsString (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "new GLib.Variant(signature, value): the "
                            "signature must be a string");
  signature = sprout_js_value_to_utf8 (ctx, argv[0], exception);
  if (signature == NULL)
    return NULL;
  /* Variants freed by collections go now, not at the next idle: a loop
   * making big ones would otherwise keep every one until it ends. */
  sprout_token_drain_if_pending ();
  variant = sprout_variant_pack (
    ctx, signature, argc > 1 ? argv[1] : JSValueMakeUndefined (ctx), exception);
  if (variant == NULL)
    return NULL;
  return sprout_variant_token_new (ctx, variant);
}

static GVariant *
sprout_variant_of_token (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                         size_t index, JSValueRef *exception)
{
  GVariant *variant =
    argc > index ? sprout_token_get (ctx, argv[index], &sprout_variant_token)
                 : NULL;

  if (variant == NULL)
    sprout_js_throw (ctx, exception, "TypeError",
                     "Method called on a GLib.Variant that has no value");
  return variant;
}

/* native.variantInvoke(method, token, ...args) */
static JSValueRef
sprout_variant_native_invoke (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  GVariant *variant = sprout_variant_of_token (ctx, argc, argv, 1, exception);

  if (variant == NULL)
    return NULL;
  return sprout_gi_function_call_method (ctx, argv[0], variant, G_TYPE_VARIANT,
                                         NULL, argc - 2, argv + 2, exception);
}

/* native.variantUnpack(token, mode) */
static JSValueRef
sprout_variant_native_unpack (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  GVariant *variant = sprout_variant_of_token (ctx, argc, argv, 0, exception);
  double mode = argc > 1 ? JSValueToNumber (ctx, argv[1], NULL) : 0;

  if (variant == NULL)
    return NULL;
  return sprout_variant_unpack (ctx, variant, (SproutVariantUnpack) mode,
                                exception);
}

void
sprout_variant_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "variantNew",
                             sprout_variant_native_new);
  sprout_js_define_function (ctx, native, "variantInvoke",
                             sprout_variant_native_invoke);
  sprout_js_define_function (ctx, native, "variantUnpack",
                             sprout_variant_native_unpack);
}
