/* boxed.c: boxed types, plain structs and unions (boxed.h).
 *
 * A wrapper is a plain object with a token in BoxedBase's private field
 * (js/object.js); the token holds a SproutBoxed: the memory, the info that
 * describes it, and how to free it. One class per info, with GI methods as
 * stubs on the prototype, constructors/static functions on the class, and
 * field accessors on the prototype (boxed-fields.c). The class keeps a
 * SproutBoxedType (boxed-type.c): what construction and fields need,
 * worked out once.
 *
 * Construction follows GJS 1.74, in this order:
 *   1. `new X(x)` with x an X: a copy (g_boxed_copy, or memcpy for simple
 *      structs); otherwise on to the next steps;
 *   2. a registered type with a zero-argument constructor: call it;
 *   3. a simple struct (boxed-private.h) without pointers: zero-allocate;
 *   4. else the default constructor (`new`, else another) gets all the
 *      arguments and its result is the instance;
 *   5. else a simple struct with pointers: zero-allocate it;
 *   6. else an error.
 * After 2, 3 or 5 (type->constructs_fresh), `new X({field: value, ...})`
 * sets those fields; more than one argument is an error. When every key
 * names a field, js/object.js does this itself (a fresh instance, then
 * boxedFieldSet per key): no reading of the object through the C API.
 * Memory we allocate ourselves lives in the same allocation as its record
 * (sprout_boxed_new_inline); memory from C that we own is freed with
 * g_boxed_free for registered types, g_free otherwise.
 */
#include "boxed-private.h"

#include <string.h>

#include "gtype.h"
#include "gvalue.h"
#include "js-util.h"
#include "native-size.h"
#include "token.h"
#include "variant.h"

static GHashTable *sprout_boxed_classes; /* "NS.Name" -> protected class */
static JSGlobalContextRef sprout_boxed_owner;

static void
sprout_boxed_free (SproutBoxed *boxed)
{
  if (boxed->owned && boxed->data) {
    if (!boxed->allocated && boxed->is_boxed) {
      g_boxed_free (boxed->gtype, boxed->data);
      if (boxed->gtype == G_TYPE_MATCH_INFO)
        sprout_regex_string_forget (boxed->data);
    } else {
      /* A GValue we allocated may hold a value of its own. */
      if (boxed->gtype == G_TYPE_VALUE && G_IS_VALUE (boxed->data))
        g_value_unset (boxed->data);
      if (!boxed->inline_data)
        g_free (boxed->data);
    }
  }
  if (boxed->owns_info)
    g_base_info_unref (boxed->info);
  g_free (boxed);
}

static void
sprout_boxed_release (gpointer native, guint generation)
{
  sprout_boxed_free (native);
}

/* In the finalizer: memory that is only memory (ours, or a plain struct's
 * from C). What g_boxed_free or g_value_unset frees may run any code:
 * that waits for the queue. */
static gboolean
sprout_boxed_release_now (gpointer native, guint generation)
{
  SproutBoxed *boxed = native;

  if (boxed->owned && boxed->data &&
      ((boxed->is_boxed && !boxed->allocated) || boxed->gtype == G_TYPE_VALUE))
    return FALSE;
  sprout_boxed_free (boxed);
  return TRUE;
}

static const SproutTokenKind sprout_boxed_token = {
  .name = "Boxed",
  .release = sprout_boxed_release,
  .embedded = TRUE,
  .release_now = sprout_boxed_release_now,
};

/* A token for @boxed (consumed). A GBytes reports its size to the
 * collector (native-size.c): a loop of big ones must collect in time. */
static JSObjectRef
sprout_boxed_token_new (JSContextRef ctx, SproutBoxed *boxed)
{
  static GType bytes_type; /* G_TYPE_BYTES is a call, made for every wrapper */

  if (G_UNLIKELY (bytes_type == 0))
    bytes_type = G_TYPE_BYTES;
  if (G_UNLIKELY (boxed->gtype == bytes_type))
    sprout_gi_report_native_size (ctx, bytes_type, boxed->data);
  return sprout_token_new (ctx, &sprout_boxed_token, boxed, 0);
}

SproutBoxed *
sprout_boxed_of_token (JSContextRef ctx, JSValueRef token)
{
  return sprout_token_get (ctx, token, &sprout_boxed_token);
}

/* Wrapping a returned struct needs its GType (GI finds it through dlsym
 * each time) and its class's prototype (a formatted name and a hash
 * lookup): both kept per info here. Infos of call plans live for the
 * process, so their addresses are stable keys; a collision or another
 * context just recomputes. */
typedef struct {
  GIBaseInfo *info;
  JSGlobalContextRef owner;
  SproutBoxedType *type; /* the class's (its token owns it) */
  JSObjectRef prototype; /* kept alive by its class (sprout_boxed_classes) */
} SproutBoxedWrapCache;

#define SPROUT_BOXED_WRAP_CACHE 64
static SproutBoxedWrapCache sprout_boxed_wrap_cache[SPROUT_BOXED_WRAP_CACHE];

/* js/object.js helpers by the address of their (literal) name: members of
 * the helpers object, which keeps them alive. Cleared with the context. */
static struct {
  const char *name;
  JSObjectRef helper;
} sprout_boxed_helpers[16];

void
sprout_boxed_forget_context (void)
{
  g_clear_pointer (&sprout_boxed_classes, g_hash_table_unref);
  sprout_boxed_owner = NULL;
  memset (sprout_boxed_wrap_cache, 0, sizeof sprout_boxed_wrap_cache);
  memset (sprout_boxed_helpers, 0, sizeof sprout_boxed_helpers);
}

static gboolean
sprout_boxed_same_type (GIBaseInfo *a, GIBaseInfo *b)
{
  GType ga, gb;

  /* Equal infos first: GI finds a GType through dlsym each time. */
  if (a == b || g_base_info_equal (a, b))
    return TRUE;
  ga = sprout_boxed_info_gtype (a);
  gb = sprout_boxed_info_gtype (b);
  if (ga != G_TYPE_NONE && gb != G_TYPE_NONE)
    return g_type_is_a (ga, gb);
  return g_base_info_equal (a, b) ||
         (g_str_equal (g_base_info_get_namespace (a),
                       g_base_info_get_namespace (b)) &&
          g_str_equal (g_base_info_get_name (a), g_base_info_get_name (b)));
}

static void
sprout_boxed_type_release (gpointer native, guint generation)
{
  sprout_boxed_type_free (native);
}

/* The class keeps its type data in a hidden token. */
static const SproutTokenKind sprout_boxed_type_token = {
  "BoxedType",
  sprout_boxed_type_release,
};

/* ---- classes ------------------------------------------------------------ */

/* A JS string for @name, made once: property names on hot paths (helper
 * names, "prototype", "length") are string literals, so the cache is keyed
 * by address. Strings belong to no context. */
static JSStringRef
sprout_boxed_name (const char *name)
{
  static struct {
    const char *name;
    JSStringRef string;
  } cache[32];

  for (gsize i = 0; i < G_N_ELEMENTS (cache); i++) {
    if (cache[i].name == name)
      return cache[i].string;
    if (cache[i].name == NULL) {
      cache[i].name = name;
      cache[i].string = JSStringCreateWithUTF8CString (name);
      return cache[i].string;
    }
  }
  /* Not reached with the names boxed*.c uses; leaking beats failing. */
  g_warning_once ("sprout_boxed_name: cache too small (%s)", name);
  return JSStringCreateWithUTF8CString (name);
}

/* @object[@name] for a literal @name. */
static JSValueRef
sprout_boxed_get (JSContextRef ctx, JSObjectRef object, const char *name,
                  JSValueRef *exception)
{
  return JSObjectGetProperty (ctx, object, sprout_boxed_name (name), exception);
}

static JSObjectRef
sprout_boxed_helper (JSContextRef ctx, const char *name, JSValueRef *exception)
{
  /* First: finding the helpers of another context resets the cache (and
   * a freed context's helpers are forgotten with it, object.c). */
  JSObjectRef helpers = sprout_object_helpers (ctx, exception);
  JSValueRef helper;
  gsize i;

  if (helpers == NULL)
    return NULL;
  for (i = 0; i < G_N_ELEMENTS (sprout_boxed_helpers); i++) {
    if (sprout_boxed_helpers[i].name == name)
      return sprout_boxed_helpers[i].helper;
    if (sprout_boxed_helpers[i].name == NULL)
      break;
  }
  helper = sprout_boxed_get (ctx, helpers, name, exception);
  if (helper == NULL)
    return NULL;
  if (!JSValueIsObject (ctx, helper))
    return (JSObjectRef) sprout_js_throw (ctx, exception, "TypeError",
                                          "object.js has no helper %s", name);
  if (i < G_N_ELEMENTS (sprout_boxed_helpers)) {
    sprout_boxed_helpers[i].name = name;
    sprout_boxed_helpers[i].helper = (JSObjectRef) helper;
  }
  return (JSObjectRef) helper;
}

JSValueRef
sprout_boxed_helper_call (JSContextRef ctx, const char *name, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  JSObjectRef helper = sprout_boxed_helper (ctx, name, exception);

  if (helper == NULL)
    return NULL;
  return JSObjectCallAsFunction (ctx, helper, NULL, argc, argv, exception);
}

static void
sprout_boxed_define_functions (JSContextRef ctx, JSObjectRef klass,
                               JSObjectRef prototype, SproutBoxedType *type)
{
  gint n = sprout_boxed_info_n_methods (type->info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method = sprout_boxed_info_method (type->info, i);
    const char *name = g_base_info_get_name (method);
    JSObjectRef function = sprout_gi_function_new (ctx, method);

    if (g_function_info_get_flags (method) & GI_FUNCTION_IS_METHOD) {
      JSValueRef args[2] = { function, sprout_js_value_from_utf8 (ctx, name) };
      JSValueRef stub =
        sprout_boxed_helper_call (ctx, "makeBoxedMethod", 2, args, NULL);
      if (stub)
        sprout_js_set (ctx, prototype, name, stub, kJSPropertyAttributeDontEnum,
                       NULL);
    } else {
      sprout_js_set (ctx, klass, name, function, kJSPropertyAttributeDontEnum,
                     NULL);
    }
  }
}

static JSObjectRef
sprout_boxed_class_new (JSContextRef ctx, GIBaseInfo *info,
                        JSValueRef *exception)
{
  JSValueRef args[2];
  JSObjectRef klass, prototype;
  SproutBoxedType *type;
  JSObjectRef token;

  args[0] = sprout_js_value_from_utf8 (ctx, g_base_info_get_name (info));
  args[1] = sprout_gtype_to_js (ctx, sprout_boxed_info_gtype (info));
  klass = (JSObjectRef) sprout_boxed_helper_call (ctx, "makeBoxedClass", 2,
                                                  args, exception);
  if (klass == NULL)
    return NULL;
  prototype = (JSObjectRef) sprout_js_get (ctx, klass, "prototype", NULL);
  type = sprout_boxed_type_new (info);
  /* The token owns the type data; the class keeps the token. */
  token = sprout_token_new (ctx, &sprout_boxed_type_token, type, 0);
  sprout_js_set (ctx, klass, "$sproutInfo", token,
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly |
                   kJSPropertyAttributeDontDelete,
                 NULL);
  sprout_boxed_define_functions (ctx, klass, prototype, type);
  if (type->gtype == G_TYPE_VALUE)
    sprout_gvalue_class_setup (ctx, prototype, info); /* GObject.Value */
  /* Fields last: where a field and a method share a name, GJS's field
   * wins. */
  if (!sprout_boxed_fields_define (ctx, prototype, type, exception))
    return NULL;
  return klass;
}

JSValueRef
sprout_boxed_class_for_info (JSContextRef ctx, GIBaseInfo *info,
                             JSValueRef *exception)
{
  g_autofree char *key = g_strdup_printf (
    "%s.%s", g_base_info_get_namespace (info), g_base_info_get_name (info));
  JSObjectRef klass;

  /* GLib.Variant is no boxed wrapper: variant.c. */
  if (sprout_boxed_info_gtype (info) == G_TYPE_VARIANT)
    return sprout_variant_class (ctx, exception);
  /* First, since setting up the helpers resets this cache. */
  if (sprout_object_helpers (ctx, exception) == NULL)
    return NULL;
  if (sprout_boxed_owner != JSContextGetGlobalContext (ctx))
    sprout_boxed_forget_context ();
  if (sprout_boxed_classes == NULL) {
    sprout_boxed_classes =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

static SproutBoxed *
sprout_boxed_new_full (GIBaseInfo *info, GType gtype, gboolean is_boxed,
                       gpointer data, gboolean owned, gboolean allocated)
{
  SproutBoxed *boxed = g_new0 (SproutBoxed, 1);

  boxed->info = info;
  boxed->gtype = gtype;
  boxed->is_boxed = is_boxed;
  boxed->data = data;
  boxed->owned = owned;
  boxed->allocated = allocated;
  return boxed;
}

/* Where the memory of an inline record starts: malloc's alignment. */
#define SPROUT_BOXED_INLINE_OFFSET                                             \
  ((sizeof (SproutBoxed) + 2 * sizeof (gpointer) - 1) &                        \
   ~(2 * sizeof (gpointer) - 1))

/* A record with @size bytes of memory of its own, zeroed or copied from
 * @source. */
static SproutBoxed *
sprout_boxed_new_inline (GIBaseInfo *info, GType gtype, gsize size,
                         gconstpointer source)
{
  SproutBoxed *boxed = g_malloc0 (SPROUT_BOXED_INLINE_OFFSET + size);

  boxed->info = info;
  boxed->gtype = gtype;
  boxed->data = (guint8 *) boxed + SPROUT_BOXED_INLINE_OFFSET;
  boxed->owned = TRUE;
  boxed->allocated = TRUE;
  boxed->inline_data = TRUE;
  if (source)
    memcpy (boxed->data, source, size);
  return boxed;
}

/* For construction: the class knows the GType already. */
static SproutBoxed *
sprout_boxed_new_of_type (SproutBoxedType *type, gpointer data,
                          gboolean allocated)
{
  return sprout_boxed_new_full (type->info, type->gtype, type->is_boxed, data,
                                TRUE, allocated);
}

/* The type record of a class (or of a JS subclass: statics inherit). */
static SproutBoxedType *
sprout_boxed_class_type (JSContextRef ctx, JSObjectRef klass)
{
  JSValueRef token = sprout_boxed_get (ctx, klass, "$sproutInfo", NULL);

  return token ? sprout_token_get (ctx, token, &sprout_boxed_type_token) : NULL;
}

/* A wrapper of @prototype for @boxed (consumed). */
static JSValueRef
sprout_boxed_wrap_with (JSContextRef ctx, JSObjectRef prototype,
                        SproutBoxed *boxed, JSValueRef *exception)
{
  JSValueRef args[2];

  args[0] = prototype;
  args[1] = sprout_boxed_token_new (ctx, boxed);
  return sprout_boxed_helper_call (ctx, "wrapBoxed", 2, args, exception);
}

static JSValueRef
sprout_boxed_wrap (JSContextRef ctx, SproutBoxed *boxed, JSValueRef *exception)
{
  JSValueRef klass = sprout_boxed_class_for_info (ctx, boxed->info, exception);
  JSValueRef prototype =
    klass ? sprout_boxed_get (ctx, (JSObjectRef) klass, "prototype", exception)
          : NULL;

  if (prototype == NULL || !JSValueIsObject (ctx, prototype)) {
    if (prototype && *exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError", "%s has no prototype",
                       g_base_info_get_name (boxed->info));
    sprout_boxed_free (boxed);
    return NULL;
  }
  return sprout_boxed_wrap_with (ctx, (JSObjectRef) prototype, boxed,
                                 exception);
}

JSObjectRef
sprout_boxed_prototype_for_info (JSContextRef ctx, GIBaseInfo *info,
                                 JSValueRef *exception)
{
  JSValueRef klass = sprout_boxed_class_for_info (ctx, info, exception);
  JSValueRef prototype =
    klass ? sprout_boxed_get (ctx, (JSObjectRef) klass, "prototype", exception)
          : NULL;

  if (prototype && !JSValueIsObject (ctx, prototype))
    return (JSObjectRef) sprout_js_throw (ctx, exception, "TypeError",
                                          "%s has no prototype",
                                          g_base_info_get_name (info));
  return (JSObjectRef) prototype;
}

JSValueRef
sprout_boxed_wrap_nested (JSContextRef ctx, JSObjectRef prototype,
                          GIBaseInfo *info, GType gtype, gpointer data,
                          JSObjectRef parent, JSValueRef *exception)
{
  JSValueRef args[3];

  args[0] = prototype;
  args[1] = sprout_token_new (
    ctx, &sprout_boxed_token,
    sprout_boxed_new_full (info, gtype, FALSE, data, FALSE, FALSE), 0);
  args[2] = parent;
  return sprout_boxed_helper_call (ctx, "wrapNestedBoxed", 3, args, exception);
}

static SproutBoxedWrapCache *
sprout_boxed_wrap_cache_get (JSContextRef ctx, GIBaseInfo *info)
{
  guint slot = (guint) (((guintptr) info >> 4) % SPROUT_BOXED_WRAP_CACHE);
  SproutBoxedWrapCache *entry = &sprout_boxed_wrap_cache[slot];
  JSValueRef klass, prototype;
  SproutBoxedType *type;

  /* A callback's context is its global context, so the pointer compare
   * usually answers without JSContextGetGlobalContext (which locks). */
  if (entry->info == info && entry->owner == sprout_boxed_owner &&
      (entry->owner == (JSGlobalContextRef) ctx ||
       entry->owner == JSContextGetGlobalContext (ctx)))
    return entry;
  /* GLib.Variant's class is variant.c's, not in sprout_boxed_classes. */
  if (sprout_boxed_info_gtype (info) == G_TYPE_VARIANT)
    return NULL;
  klass = sprout_boxed_class_for_info (ctx, info, NULL);
  if (klass == NULL || !JSValueIsObject (ctx, klass))
    return NULL;
  prototype = sprout_boxed_get (ctx, (JSObjectRef) klass, "prototype", NULL);
  type = sprout_boxed_class_type (ctx, (JSObjectRef) klass);
  if (prototype == NULL || !JSValueIsObject (ctx, prototype) || type == NULL)
    return NULL;
  entry->info = info;
  entry->owner = JSContextGetGlobalContext (ctx);
  entry->type = type;
  entry->prototype = (JSObjectRef) prototype;
  return entry;
}

/* A record for @data as @mode says, of a type known from its class. */
static SproutBoxed *
sprout_boxed_new_for_mode (GIBaseInfo *info, SproutBoxedType *type,
                           gpointer data, SproutBoxedMode mode)
{
  if (mode != SPROUT_BOXED_COPY)
    return sprout_boxed_new_full (info, type->gtype, type->is_boxed, data,
                                  mode != SPROUT_BOXED_BORROW,
                                  mode == SPROUT_BOXED_OWN_ALLOCATED);
  /* Plain structs of known size are copied with memcpy, as GJS does for
   * simple ones; GJS refuses the others, Sprout copies them shallowly (the
   * copy's pointers are as valid as the original's). */
  if (type->is_boxed)
    return sprout_boxed_new_full (
      info, type->gtype, TRUE, g_boxed_copy (type->gtype, data), TRUE, FALSE);
  if (type->size)
    return sprout_boxed_new_inline (info, type->gtype, type->size, data);
  /* Not copyable (opaque, unregistered): share the memory, as GJS does
   * where it does not copy. */
  return sprout_boxed_new_full (info, type->gtype, FALSE, data, FALSE, FALSE);
}

/* sprout_boxed_to_js without a class of ours (GLib.Variant) or when none
 * could be made: wrapping reports why. */
static JSValueRef
sprout_boxed_to_js_slow (JSContextRef ctx, GIBaseInfo *info, gpointer data,
                         SproutBoxedMode mode, JSValueRef *exception)
{
  SproutBoxedType type = { 0 };
  SproutBoxed *boxed;

  type.gtype = sprout_boxed_info_gtype (info);
  type.size = sprout_boxed_size (info);
  type.is_boxed = G_TYPE_IS_BOXED (type.gtype) && type.gtype != G_TYPE_NONE;
  boxed = sprout_boxed_new_for_mode (info, &type, data, mode);
  /* No class keeps this info alive for the record. */
  boxed->info = g_base_info_ref (info);
  boxed->owns_info = TRUE;
  return sprout_boxed_wrap (ctx, boxed, exception);
}

JSValueRef
sprout_boxed_to_js (JSContextRef ctx, GIBaseInfo *info, gpointer data,
                    SproutBoxedMode mode, JSValueRef *exception)
{
  SproutBoxedWrapCache *cached;
  JSObjectRef wrap;
  JSValueRef args[2];

  if (data == NULL)
    return JSValueMakeNull (ctx);
  /* A safe point to free what collected wrappers held, so that a loop
   * making structs reuses their memory instead of piling it up. */
  sprout_token_drain_if_pending ();
  /* Before the cache: in a new context this forgets the old one's. */
  wrap = sprout_boxed_helper (ctx, "wrapBoxed", exception);
  if (wrap == NULL)
    return NULL;
  cached = sprout_boxed_wrap_cache_get (ctx, info);
  if (cached == NULL)
    return sprout_boxed_to_js_slow (ctx, info, data, mode, exception);
  args[0] = cached->prototype;
  args[1] = sprout_boxed_token_new (
    ctx,
    sprout_boxed_new_for_mode (cached->type->info, cached->type, data, mode));
  return JSObjectCallAsFunction (ctx, wrap, NULL, 2, args, exception);
}

static SproutBoxed *
sprout_boxed_lookup (JSContextRef ctx, JSValueRef value, JSValueRef *exception)
{
  JSValueRef token =
    sprout_boxed_helper_call (ctx, "boxedTokenOf", 1, &value, exception);

  return token ? sprout_token_get (ctx, token, &sprout_boxed_token) : NULL;
}

gpointer
sprout_boxed_try_from_js (JSContextRef ctx, JSValueRef value, GIBaseInfo *info,
                          JSValueRef *exception)
{
  SproutBoxed *boxed = sprout_boxed_lookup (ctx, value, exception);

  if (boxed == NULL || boxed->data == NULL ||
      !sprout_boxed_same_type (boxed->info, info))
    return NULL;
  return boxed->data;
}

gpointer
sprout_boxed_from_js (JSContextRef ctx, JSValueRef value, GIBaseInfo *info,
                      const char *what, JSValueRef *exception)
{
  gpointer data = sprout_boxed_try_from_js (ctx, value, info, exception);

  if (data == NULL && *exception == NULL)
    sprout_js_throw (ctx, exception, "TypeError", "%s: expected a %s.%s", what,
                     g_base_info_get_namespace (info),
                     g_base_info_get_name (info));
  return data;
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

/* ---- construction ------------------------------------------------------- */

static char *
sprout_boxed_type_name (SproutBoxedType *type)
{
  return g_strdup_printf ("%s.%s", g_base_info_get_namespace (type->info),
                          g_base_info_get_name (type->info));
}

/* Calls the static constructor @name of the class with @args and takes
 * the memory of the wrapper it returns. */
static SproutBoxed *
sprout_boxed_construct_with (JSContextRef ctx, SproutBoxedType *type,
                             const char *name, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  JSValueRef klass = sprout_boxed_class_for_info (ctx, type->info, exception);
  JSValueRef function =
    klass ? sprout_js_get (ctx, (JSObjectRef) klass, name, exception) : NULL;
  JSValueRef result, token;
  SproutBoxed *boxed;

  if (function == NULL)
    return NULL;
  if (!JSValueIsObject (ctx, function) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) function)) {
    g_autofree char *type_name = sprout_boxed_type_name (type);
    sprout_js_throw (ctx, exception, "TypeError",
                     "Cannot construct %s: its constructor %s is gone",
                     type_name, name);
    return NULL;
  }
  result = JSObjectCallAsFunction (ctx, (JSObjectRef) function, NULL, argc,
                                   argv, exception);
  if (result == NULL)
    return NULL;
  token = sprout_boxed_helper_call (ctx, "boxedTokenOf", 1, &result, exception);
  boxed = token ? sprout_token_get (ctx, token, &sprout_boxed_token) : NULL;
  if (boxed == NULL || boxed->data == NULL ||
      !sprout_boxed_same_type (boxed->info, type->info)) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s.%s did not return a new %s",
                       g_base_info_get_name (type->info), name,
                       g_base_info_get_name (type->info));
    return NULL;
  }
  /* The temporary wrapper gives its memory up to the one being built. */
  sprout_token_clear (ctx, token);
  return boxed;
}

/* The zero-args constructor: through libffi where it is direct (see
 * sprout_boxed_ctor_is_direct), else as the class's static function. */
static SproutBoxed *
sprout_boxed_construct_zero_args (JSContextRef ctx, SproutBoxedType *type,
                                  JSValueRef *exception)
{
  GIFunctionInvoker *invoker = &type->zero_args_invoker;
  g_autoptr (GError) error = NULL;
  GIArgument result = { 0 };

  if (type->zero_args_info == NULL)
    return sprout_boxed_construct_with (ctx, type, type->zero_args_ctor, 0,
                                        NULL, exception);
  if (invoker->native_address == NULL &&
      !g_function_info_prep_invoker (type->zero_args_info, invoker, &error)) {
    sprout_js_throw (ctx, exception, "Error", "Cannot call %s.%s: %s",
                     g_base_info_get_name (type->info), type->zero_args_ctor,
                     error->message);
    return NULL;
  }
  ffi_call (&invoker->cif, FFI_FN (invoker->native_address), &result, NULL);
  if (result.v_pointer == NULL) {
    sprout_js_throw (ctx, exception, "Error", "%s.%s() returned NULL",
                     g_base_info_get_name (type->info), type->zero_args_ctor);
    return NULL;
  }
  return sprout_boxed_new_of_type (type, result.v_pointer, FALSE);
}

/* `new X(x)` with x an X: a copy where GJS makes one, else NULL. */
static SproutBoxed *
sprout_boxed_construct_copy (JSContextRef ctx, SproutBoxedType *type,
                             JSValueRef value, JSValueRef *exception)
{
  SproutBoxed *source;

  if (!JSValueIsObject (ctx, value))
    return NULL;
  source = sprout_boxed_lookup (ctx, value, exception);
  if (source == NULL || source->data == NULL ||
      !g_base_info_equal (source->info, type->info))
    return NULL;
  if (type->is_boxed)
    return sprout_boxed_new_of_type (
      type, g_boxed_copy (type->gtype, source->data), FALSE);
  if (type->simple && type->size)
    return sprout_boxed_new_inline (type->info, type->gtype, type->size,
                                    source->data);
  return NULL;
}

static SproutBoxed *
sprout_boxed_construct_failed (JSContextRef ctx, SproutBoxedType *type,
                               JSValueRef *exception)
{
  g_autofree char *type_name = sprout_boxed_type_name (type);

  sprout_js_throw (ctx, exception, "TypeError",
                   "Unable to construct %s type %s since it has no default "
                   "constructor and cannot be allocated directly",
                   type->is_union ? "union" : "struct", type_name);
  return NULL;
}

/* Steps 2, 3 or 5 of the file comment, then the initialiser if any. */
static SproutBoxed *
sprout_boxed_construct_fresh (JSContextRef ctx, SproutBoxedType *type,
                              JSObjectRef wrapper, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxed *boxed;

  if (type->zero_args_ctor)
    boxed = sprout_boxed_construct_zero_args (ctx, type, exception);
  else
    boxed = type->size ? sprout_boxed_new_inline (type->info, type->gtype,
                                                  type->size, NULL)
                       : sprout_boxed_new_of_type (type, NULL, TRUE);
  if (boxed == NULL || argc == 0)
    return boxed;
  if (argc > 1) {
    g_autofree char *type_name = sprout_boxed_type_name (type);
    sprout_js_throw (ctx, exception, "TypeError",
                     "Constructor with multiple arguments not supported for %s",
                     type_name);
  } else if (sprout_boxed_fields_init (ctx, type, boxed, wrapper, argv[0],
                                       exception)) {
    return boxed;
  }
  sprout_boxed_free (boxed);
  return NULL;
}

static SproutBoxed *
sprout_boxed_construct (JSContextRef ctx, SproutBoxedType *type,
                        JSObjectRef wrapper, size_t argc,
                        const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxed *boxed = NULL;

  if (argc == 1)
    boxed = sprout_boxed_construct_copy (ctx, type, argv[0], exception);
  if (boxed || *exception)
    return boxed;
  if (type->constructs_fresh)
    return sprout_boxed_construct_fresh (ctx, type, wrapper, argc, argv,
                                         exception);
  if (type->default_ctor)
    return sprout_boxed_construct_with (ctx, type, type->default_ctor, argc,
                                        argv, exception);
  return sprout_boxed_construct_failed (ctx, type, exception);
}

/* native.boxedConstruct(wrapper, newTarget.$sproutInfo, ...args) -> token
 * (the class's type record comes from JS, where reading it is cheap). */
static JSValueRef
sprout_boxed_native_construct (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxedType *type =
    argc > 1 ? sprout_token_get (ctx, argv[1], &sprout_boxed_type_token) : NULL;
  SproutBoxed *boxed;

  if (type == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot construct: not a struct class");
  /* Frees what collected wrappers held: a loop of `new X()` reuses it. */
  sprout_token_drain_if_pending ();
  boxed = sprout_boxed_construct (
    ctx, type, JSValueIsObject (ctx, argv[0]) ? (JSObjectRef) argv[0] : NULL,
    argc - 2, argv + 2, exception);
  if (boxed == NULL)
    return NULL;
  return sprout_boxed_token_new (ctx, boxed);
}

/* native.boxedInvoke(method, token, ...args) */
static JSValueRef
sprout_boxed_native_invoke (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutBoxed *boxed =
    argc > 1 ? sprout_token_get (ctx, argv[1], &sprout_boxed_token) : NULL;

  if (boxed == NULL || boxed->data == NULL)
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
  SproutBoxed *boxed =
    argc > 1 ? sprout_token_get (ctx, argv[0], &sprout_boxed_token) : NULL;
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
  sprout_boxed_fields_define_natives (ctx, native);
  sprout_object_fields_define_natives (ctx, native);
}
