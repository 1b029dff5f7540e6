/* boxed.c: boxed types, plain structs and unions (boxed.h).
 *
 * A wrapper is a plain object with a token in BoxedBase's private field
 * (js/object.js); the token holds a SproutBoxed: the memory, the info that
 * describes it, and how to free it. One class per info, with GI methods as
 * stubs on the prototype and constructors/static functions on the class.
 *
 * Construction: `new X(...args)` calls the type's `new` constructor when GI
 * has one (as GJS does); otherwise a struct of known size is zero-allocated.
 * Memory we allocate ourselves is freed with g_free; memory from C that we
 * own is freed with g_boxed_free for registered types, g_free otherwise.
 */
#include "gi-private.h"

#include <string.h>

#include "boxed.h"
#include "gtype.h"
#include "gvalue.h"
#include "js-util.h"
#include "token.h"
#include "variant.h"

typedef struct {
  gpointer data;
  GIBaseInfo *info;   /* owned */
  GType gtype;
  gboolean owned;
  gboolean allocated; /* ours from g_malloc0: g_free, never g_boxed_free */
} SproutBoxed;

static GHashTable *sprout_boxed_classes; /* "NS.Name" -> protected class */
static JSGlobalContextRef sprout_boxed_owner;

static void
sprout_boxed_free (SproutBoxed *boxed)
{
  if (boxed->owned && boxed->data) {
    if (!boxed->allocated && G_TYPE_IS_BOXED (boxed->gtype) &&
        boxed->gtype != G_TYPE_NONE)
      g_boxed_free (boxed->gtype, boxed->data);
    else
      g_free (boxed->data);
  }
  g_base_info_unref (boxed->info);
  g_free (boxed);
}

static void
sprout_boxed_release (gpointer native, guint generation)
{
  sprout_boxed_free (native);
}

static const SproutTokenKind sprout_boxed_token = {
  "Boxed", sprout_boxed_release,
};

void
sprout_boxed_forget_context (void)
{
  g_clear_pointer (&sprout_boxed_classes, g_hash_table_unref);
  sprout_boxed_owner = NULL;
}

static gsize
sprout_boxed_size (GIBaseInfo *info)
{
  if (GI_IS_STRUCT_INFO (info))
    return g_struct_info_get_size ((GIStructInfo *) info);
  if (GI_IS_UNION_INFO (info))
    return g_union_info_get_size ((GIUnionInfo *) info);
  return 0;
}

static GType
sprout_boxed_gtype (GIBaseInfo *info)
{
  return g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) info);
}

static gboolean
sprout_boxed_same_type (GIBaseInfo *a, GIBaseInfo *b)
{
  GType ga = sprout_boxed_gtype (a), gb = sprout_boxed_gtype (b);

  if (ga != G_TYPE_NONE && gb != G_TYPE_NONE)
    return g_type_is_a (ga, gb);
  return g_base_info_equal (a, b) ||
         (g_str_equal (g_base_info_get_namespace (a),
                       g_base_info_get_namespace (b)) &&
          g_str_equal (g_base_info_get_name (a), g_base_info_get_name (b)));
}

/* Copies @data for ownership; NULL if this type cannot be copied. */
static gpointer
sprout_boxed_copy (GIBaseInfo *info, gpointer data, gboolean *allocated)
{
  GType gtype = sprout_boxed_gtype (info);
  gsize size = sprout_boxed_size (info);

  *allocated = FALSE;
  if (G_TYPE_IS_BOXED (gtype) && gtype != G_TYPE_NONE)
    return g_boxed_copy (gtype, data);
  if (size == 0)
    return NULL;
  *allocated = TRUE;
  return g_memdup2 (data, size);
}

/* ---- classes ------------------------------------------------------------ */

static JSValueRef
sprout_boxed_helper_call (JSContextRef ctx, const char *name, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  JSObjectRef helpers = sprout_object_helpers (ctx, exception);
  JSValueRef helper = helpers ? sprout_js_get (ctx, helpers, name, exception)
                              : NULL;

  if (helper == NULL)
    return NULL;
  return JSObjectCallAsFunction (ctx, (JSObjectRef) helper, NULL, argc, argv,
                                 exception);
}

static void
sprout_boxed_define_functions (JSContextRef ctx, JSObjectRef klass,
                               JSObjectRef prototype, GIBaseInfo *info)
{
  gboolean is_union = GI_IS_UNION_INFO (info);
  gint n = is_union ? g_union_info_get_n_methods ((GIUnionInfo *) info)
                    : g_struct_info_get_n_methods ((GIStructInfo *) info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method =
      is_union ? g_union_info_get_method ((GIUnionInfo *) info, i)
               : g_struct_info_get_method ((GIStructInfo *) info, i);
    const char *name = g_base_info_get_name (method);
    JSObjectRef function = sprout_gi_function_new (ctx, method);

    if (g_function_info_get_flags (method) & GI_FUNCTION_IS_METHOD) {
      JSValueRef args[2] = { function, sprout_js_value_from_utf8 (ctx, name) };
      JSValueRef stub =
        sprout_boxed_helper_call (ctx, "makeBoxedMethod", 2, args, NULL);
      if (stub)
        sprout_js_set (ctx, prototype, name, stub,
                       kJSPropertyAttributeDontEnum, NULL);
    } else {
      sprout_js_set (ctx, klass, name, function, kJSPropertyAttributeDontEnum,
                     NULL);
    }
  }
}

/* Remembers the info of a class (for construction) in a hidden token. */
static const SproutTokenKind sprout_boxed_info_token = { "BoxedInfo", NULL };

static JSObjectRef
sprout_boxed_class_new (JSContextRef ctx, GIBaseInfo *info,
                        JSValueRef *exception)
{
  JSValueRef args[2];
  JSObjectRef klass, prototype;

  args[0] = sprout_js_value_from_utf8 (ctx, g_base_info_get_name (info));
  args[1] = sprout_gtype_to_js (ctx, sprout_boxed_gtype (info));
  klass = (JSObjectRef) sprout_boxed_helper_call (ctx, "makeBoxedClass", 2,
                                                  args, exception);
  if (klass == NULL)
    return NULL;
  prototype = (JSObjectRef) sprout_js_get (ctx, klass, "prototype", NULL);
  sprout_boxed_define_functions (ctx, klass, prototype, info);
  if (sprout_boxed_gtype (info) == G_TYPE_VALUE)
    sprout_gvalue_class_setup (ctx, prototype, info); /* GObject.Value */
  /* The info lives as long as the class: the typelib keeps it anyway. */
  sprout_js_set (ctx, klass, "$sproutInfo",
                 sprout_token_new (ctx, &sprout_boxed_info_token,
                                   g_base_info_ref (info), 0),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly |
                   kJSPropertyAttributeDontDelete,
                 NULL);
  return klass;
}

JSValueRef
sprout_boxed_class_for_info (JSContextRef ctx, GIBaseInfo *info,
                             JSValueRef *exception)
{
  g_autofree char *key = g_strdup_printf ("%s.%s",
                                          g_base_info_get_namespace (info),
                                          g_base_info_get_name (info));
  JSObjectRef klass;

  if (sprout_boxed_gtype (info) == G_TYPE_VARIANT) /* not boxed: variant.c */
    return sprout_variant_class (ctx, exception);
  /* First, since setting up the helpers resets this cache. */
  if (sprout_object_helpers (ctx, exception) == NULL)
    return NULL;
  if (sprout_boxed_owner != JSContextGetGlobalContext (ctx))
    sprout_boxed_forget_context ();
  if (sprout_boxed_classes == NULL) {
    sprout_boxed_classes = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                  g_free, NULL);
    sprout_boxed_owner = JSContextGetGlobalContext (ctx);
  }
  klass = g_hash_table_lookup (sprout_boxed_classes, key);
  if (klass)
    return klass;
  klass = sprout_boxed_class_new (ctx, info, exception);
  if (klass == NULL)
    return NULL;
  JSValueProtect (ctx, klass);
  g_hash_table_insert (sprout_boxed_classes, g_steal_pointer (&key), klass);
  return klass;
}

/* ---- wrappers ----------------------------------------------------------- */

static JSValueRef
sprout_boxed_wrap (JSContextRef ctx, SproutBoxed *boxed, JSValueRef *exception)
{
  JSValueRef klass = sprout_boxed_class_for_info (ctx, boxed->info, exception);
  JSValueRef args[2];

  if (klass == NULL) {
    sprout_boxed_free (boxed);
    return NULL;
  }
  args[0] = sprout_js_get (ctx, (JSObjectRef) klass, "prototype", NULL);
  args[1] = sprout_token_new (ctx, &sprout_boxed_token, boxed, 0);
  return sprout_boxed_helper_call (ctx, "wrapBoxed", 2, args, exception);
}

JSValueRef
sprout_boxed_to_js (JSContextRef ctx, GIBaseInfo *info, gpointer data,
                    SproutBoxedMode mode, JSValueRef *exception)
{
  SproutBoxed *boxed;

  if (data == NULL)
    return JSValueMakeNull (ctx);
  boxed = g_new0 (SproutBoxed, 1);
  boxed->info = g_base_info_ref (info);
  boxed->gtype = sprout_boxed_gtype (info);
  boxed->data = data;
  boxed->owned = mode != SPROUT_BOXED_BORROW;
  boxed->allocated = mode == SPROUT_BOXED_OWN_ALLOCATED;
  if (mode == SPROUT_BOXED_COPY) {
    boxed->data = sprout_boxed_copy (info, data, &boxed->allocated);
    if (boxed->data == NULL) {
      /* Not copyable: GJS shares the memory too. */
      boxed->data = data;
      boxed->owned = FALSE;
    }
  }
  return sprout_boxed_wrap (ctx, boxed, exception);
}

static SproutBoxed *
sprout_boxed_lookup (JSContextRef ctx, JSValueRef value, JSValueRef *exception)
{
  JSValueRef token =
    sprout_boxed_helper_call (ctx, "boxedTokenOf", 1, &value, exception);

  return token ? sprout_token_get (ctx, token, &sprout_boxed_token) : NULL;
}

gpointer
sprout_boxed_from_js (JSContextRef ctx, JSValueRef value, GIBaseInfo *info,
                      const char *what, JSValueRef *exception)
{
  SproutBoxed *boxed = sprout_boxed_lookup (ctx, value, exception);

  if (boxed == NULL || !sprout_boxed_same_type (boxed->info, info)) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s: expected a %s.%s", what,
                       g_base_info_get_namespace (info),
                       g_base_info_get_name (info));
    return NULL;
  }
  return boxed->data;
}

gpointer
sprout_boxed_from_token (JSContextRef ctx, JSValueRef token, GType *gtype)
{
  SproutBoxed *boxed = sprout_token_get (ctx, token, &sprout_boxed_token);

  if (boxed == NULL)
    return NULL;
  *gtype = boxed->gtype;
  return boxed->data;
}

gpointer
sprout_boxed_peek (JSContextRef ctx, JSValueRef value, GType *gtype)
{
  JSValueRef exception = NULL;
  SproutBoxed *boxed;

  if (!JSValueIsObject (ctx, value))
    return NULL;
  boxed = sprout_boxed_lookup (ctx, value, &exception);
  if (boxed == NULL)
    return NULL;
  *gtype = boxed->gtype;
  return boxed->data;
}

/* ---- natives for js/object.js ------------------------------------------- */

static GIBaseInfo *
sprout_boxed_info_of_class (JSContextRef ctx, JSValueRef klass,
                            JSValueRef *exception)
{
  JSValueRef token = JSValueIsObject (ctx, klass)
                       ? sprout_js_get (ctx, (JSObjectRef) klass,
                                        "$sproutInfo", exception)
                       : NULL;

  return token ? sprout_token_get (ctx, token, &sprout_boxed_info_token)
               : NULL;
}

/* Runs the type's `new` constructor and takes the memory it made. */
static SproutBoxed *
sprout_boxed_construct_with_new (JSContextRef ctx, GIFunctionInfo *ctor,
                                 JSObjectRef args, JSValueRef *exception)
{
  JSObjectRef function = sprout_gi_function_new (ctx, ctor);
  JSValueRef length = sprout_js_get (ctx, args, "length", NULL);
  size_t argc = (size_t) JSValueToNumber (ctx, length, NULL);
  g_autofree JSValueRef *argv = g_new0 (JSValueRef, argc + 1);
  JSValueRef result, token;
  SproutBoxed *boxed;

  for (size_t i = 0; i < argc; i++)
    argv[i] = JSObjectGetPropertyAtIndex (ctx, args, (unsigned) i, NULL);
  result = JSObjectCallAsFunction (ctx, function, NULL, argc, argv, exception);
  if (result == NULL)
    return NULL;
  boxed = sprout_boxed_lookup (ctx, result, exception);
  token = boxed ? sprout_boxed_helper_call (ctx, "getBoxedToken", 1, &result,
                                            exception)
                : NULL;
  if (boxed == NULL || token == NULL) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s did not return a new value",
                       g_base_info_get_name (ctor));
    return NULL;
  }
  /* The temporary wrapper gives its memory up to the one being built. */
  sprout_token_clear (ctx, token);
  return boxed;
}

static SproutBoxed *
sprout_boxed_construct_zeroed (JSContextRef ctx, GIBaseInfo *info,
                               JSObjectRef args, JSValueRef *exception)
{
  gsize size = sprout_boxed_size (info);
  JSValueRef first = JSObjectGetPropertyAtIndex (ctx, args, 0, NULL);
  SproutBoxed *boxed;

  if (size == 0) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Cannot construct %s.%s: it has no constructor and an "
                     "unknown size",
                     g_base_info_get_namespace (info),
                     g_base_info_get_name (info));
    return NULL;
  }
  if (JSValueIsObject (ctx, first)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Cannot construct %s.%s from a property object: field "
                     "initialisers are not supported yet",
                     g_base_info_get_namespace (info),
                     g_base_info_get_name (info));
    return NULL;
  }
  boxed = g_new0 (SproutBoxed, 1);
  boxed->info = g_base_info_ref (info);
  boxed->gtype = sprout_boxed_gtype (info);
  boxed->data = g_malloc0 (size);
  boxed->owned = TRUE;
  /* g_boxed_free() unsets a GValue before freeing it; g_free would leak
   * what it holds. */
  boxed->allocated = boxed->gtype != G_TYPE_VALUE;
  return boxed;
}

/* native.boxedConstruct(wrapper, newTarget, args) -> token */
static JSValueRef
sprout_boxed_native_construct (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  GIBaseInfo *info = argc > 2 ? sprout_boxed_info_of_class (ctx, argv[1],
                                                            exception)
                              : NULL;
  g_autoptr (SproutGIInfo) ctor = NULL;
  SproutBoxed *boxed;

  if (info == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot construct: not a struct class");
  ctor = GI_IS_STRUCT_INFO (info)
           ? g_struct_info_find_method ((GIStructInfo *) info, "new")
           : GI_IS_UNION_INFO (info)
               ? g_union_info_find_method ((GIUnionInfo *) info, "new")
               : NULL;
  if (ctor && (g_function_info_get_flags (ctor) & GI_FUNCTION_IS_CONSTRUCTOR))
    boxed = sprout_boxed_construct_with_new (ctx, ctor, (JSObjectRef) argv[2],
                                             exception);
  else
    boxed = sprout_boxed_construct_zeroed (ctx, info, (JSObjectRef) argv[2],
                                           exception);
  if (boxed == NULL)
    return NULL;
  return sprout_token_new (ctx, &sprout_boxed_token, boxed, 0);
}

/* native.boxedInvoke(method, token, ...args) */
static JSValueRef
sprout_boxed_native_invoke (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxed *boxed = argc > 1 ? sprout_token_get (ctx, argv[1],
                                                    &sprout_boxed_token)
                                : NULL;

  if (boxed == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Method called on a struct that no longer has "
                            "its memory");
  return sprout_gi_function_call_method (ctx, argv[0], boxed->data,
                                         boxed->gtype, boxed->info, argc - 2,
                                         argv + 2, exception);
}

/* native.boxedDescribe(token, wrapper): toString() as GJS prints it. */
static JSValueRef
sprout_boxed_native_describe (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxed *boxed = argc > 1 ? sprout_token_get (ctx, argv[0],
                                                    &sprout_boxed_token)
                                : NULL;
  g_autofree char *text = NULL;

  if (boxed == NULL)
    return sprout_js_value_from_utf8 (ctx, "[boxed instance wrapper]");
  text = g_strdup_printf ("[%s instance wrapper GIName:%s.%s jsobj@%p "
                          "native@%p]",
                          GI_IS_UNION_INFO (boxed->info) ? "union" : "boxed",
                          g_base_info_get_namespace (boxed->info),
                          g_base_info_get_name (boxed->info), (void *) argv[1],
                          boxed->data);
  return sprout_js_value_from_utf8 (ctx, text);
}

void
sprout_boxed_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "boxedDescribe",
                             sprout_boxed_native_describe);
  sprout_js_define_function (ctx, native, "boxedConstruct",
                             sprout_boxed_native_construct);
  sprout_js_define_function (ctx, native, "boxedInvoke",
                             sprout_boxed_native_invoke);
}
