/* fundamental.c: wrappers for non-GObject instantiatable types
 * (fundamental.h).
 *
 * Types: a fundamental type is wrapped when Sprout knows how to reference
 * its instances: GParamSpec (g_param_spec_ref_sink/unref) or a type whose
 * GI information (its own or an ancestor's) names ref and unref functions.
 * The functions, and the GValue getter/setter, are looked up once per GType.
 * One JS class per GType, built on first use from its parent's class; the
 * root extends FundamentalBase (js/object.js). GI methods go on the
 * prototype as stubs calling native.fundamentalInvoke with this's token;
 * constructors and static functions go on the class. All GParamSpec
 * subtypes share the class GObject.ParamSpec, as in GJS.
 *
 * Wrappers: a wrapper holds one reference on its instance through its token,
 * whose native is a SproutFundamentalLink. Identity lives in a table
 * instance -> link, the link finding its wrapper through a JSC weak
 * reference; no qdata is needed, so any fundamental works. When the wrapper
 * is collected, the token's deferred release drops the reference and the
 * table entry (unless a newer wrapper took the entry over meanwhile).
 */
#include "gi-private.h"

#include "engine.h"
#include "fundamental.h"
#include "gtype.h"
#include "gvalue.h"
#include "js-util.h"
#include "token.h"

typedef struct {
  GIObjectInfoRefFunction ref;
  GIObjectInfoUnrefFunction unref;
  GIObjectInfoGetValueFunction get_value;
  GIObjectInfoSetValueFunction set_value;
} SproutFundamentalFuncs;

typedef struct {
  gpointer instance;
  GIObjectInfoUnrefFunction unref;
  SproutJSWeakRef weak;
  JSContextGroupRef group; /* NULL once the context is gone */
} SproutFundamentalLink;

static GHashTable *sprout_fundamental_funcs;    /* GType -> Funcs (process) */
static GHashTable *sprout_fundamental_classes;  /* GType -> protected class */
static GHashTable *sprout_fundamental_wrappers; /* instance -> live link */
static GHashTable *sprout_fundamental_links;    /* every link (a set) */

/* Names that would let JS break the wrapper's reference. */
static const char *const sprout_fundamental_hidden[] = {
  "ref", "unref", "ref_sink", "sink", NULL,
};

/* ---- reference counting ------------------------------------------------- */

static gpointer
sprout_param_ref_sink (gpointer instance)
{
  return g_param_spec_ref_sink (instance);
}

static void
sprout_param_unref (gpointer instance)
{
  g_param_spec_unref (instance);
}

static gpointer
sprout_param_value_get (const GValue *value)
{
  return g_value_get_param (value);
}

static void
sprout_param_value_set (GValue *value, gpointer instance)
{
  g_value_set_param (value, instance);
}

static void
sprout_fundamental_funcs_fill (SproutFundamentalFuncs *funcs, GType gtype)
{
  if (g_type_is_a (gtype, G_TYPE_PARAM)) {
    funcs->ref = sprout_param_ref_sink;
    funcs->unref = sprout_param_unref;
    funcs->get_value = sprout_param_value_get;
    funcs->set_value = sprout_param_value_set;
    return;
  }
  for (GType t = gtype; t != G_TYPE_INVALID; t = g_type_parent (t)) {
    g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, t);
    GIObjectInfo *object;

    if (info == NULL || !GI_IS_OBJECT_INFO (info))
      continue;
    object = (GIObjectInfo *) info;
    if (funcs->ref == NULL)
      funcs->ref = g_object_info_get_ref_function_pointer (object);
    if (funcs->unref == NULL)
      funcs->unref = g_object_info_get_unref_function_pointer (object);
    if (funcs->get_value == NULL)
      funcs->get_value = g_object_info_get_get_value_function_pointer (object);
    if (funcs->set_value == NULL)
      funcs->set_value = g_object_info_get_set_value_function_pointer (object);
  }
}

static const SproutFundamentalFuncs *
sprout_fundamental_funcs_get (GType gtype)
{
  SproutFundamentalFuncs *funcs;

  if (sprout_fundamental_funcs == NULL)
    sprout_fundamental_funcs = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  funcs =
    g_hash_table_lookup (sprout_fundamental_funcs, GSIZE_TO_POINTER (gtype));
  if (funcs)
    return funcs;
  funcs = g_new0 (SproutFundamentalFuncs, 1);
  if (G_TYPE_IS_INSTANTIATABLE (gtype) && !g_type_is_a (gtype, G_TYPE_OBJECT))
    sprout_fundamental_funcs_fill (funcs, gtype);
  g_hash_table_insert (sprout_fundamental_funcs, GSIZE_TO_POINTER (gtype),
                       funcs);
  return funcs;
}

gboolean
sprout_fundamental_is_wrappable (GType gtype)
{
  const SproutFundamentalFuncs *funcs = sprout_fundamental_funcs_get (gtype);

  return funcs->ref != NULL && funcs->unref != NULL;
}

gpointer
sprout_fundamental_ref (gpointer instance)
{
  const SproutFundamentalFuncs *funcs =
    sprout_fundamental_funcs_get (G_TYPE_FROM_INSTANCE (instance));

  if (G_TYPE_CHECK_INSTANCE_TYPE (instance, G_TYPE_PARAM))
    return g_param_spec_ref (instance);
  return funcs->ref ? funcs->ref (instance) : instance;
}

void
sprout_fundamental_unref (gpointer instance)
{
  const SproutFundamentalFuncs *funcs =
    sprout_fundamental_funcs_get (G_TYPE_FROM_INSTANCE (instance));

  if (funcs->unref)
    funcs->unref (instance);
}

gpointer
sprout_fundamental_value_get (const GValue *value)
{
  const SproutFundamentalFuncs *funcs =
    sprout_fundamental_funcs_get (G_VALUE_TYPE (value));

  return funcs->get_value ? funcs->get_value (value) : NULL;
}

gboolean
sprout_fundamental_value_set (GValue *value, gpointer instance)
{
  const SproutFundamentalFuncs *funcs =
    sprout_fundamental_funcs_get (G_VALUE_TYPE (value));

  if (funcs->set_value == NULL)
    return FALSE;
  funcs->set_value (value, instance);
  return TRUE;
}

/* ---- links -------------------------------------------------------------- */

static void
sprout_fundamental_link_release_weak (SproutFundamentalLink *link)
{
  if (link->weak && link->group && sprout_engine.weak_release)
    sprout_engine.weak_release (link->group, link->weak);
  link->weak = NULL;
}

/* Token release (deferred): the wrapper was collected. */
static void
sprout_fundamental_release (gpointer native, guint generation)
{
  SproutFundamentalLink *link = native;

  if (sprout_fundamental_wrappers &&
      g_hash_table_lookup (sprout_fundamental_wrappers, link->instance) == link)
    g_hash_table_remove (sprout_fundamental_wrappers, link->instance);
  if (sprout_fundamental_links)
    g_hash_table_remove (sprout_fundamental_links, link);
  sprout_fundamental_link_release_weak (link);
  link->unref (link->instance);
  g_free (link);
}

static const SproutTokenKind sprout_fundamental_token = {
  "Fundamental",
  sprout_fundamental_release,
};

void
sprout_fundamental_forget_context (void)
{
  GHashTableIter iter;
  gpointer link;

  g_clear_pointer (&sprout_fundamental_classes, g_hash_table_unref);
  g_clear_pointer (&sprout_fundamental_wrappers, g_hash_table_unref);
  if (sprout_fundamental_links == NULL)
    return;
  /* Links live on until their tokens' releases; they must not touch the
   * dead context. */
  g_hash_table_iter_init (&iter, sprout_fundamental_links);
  while (g_hash_table_iter_next (&iter, &link, NULL)) {
    sprout_fundamental_link_release_weak (link);
    ((SproutFundamentalLink *) link)->group = NULL;
  }
  g_clear_pointer (&sprout_fundamental_links, g_hash_table_unref);
}

static JSObjectRef
sprout_fundamental_lookup_wrapper (JSContextRef ctx, gpointer instance)
{
  SproutFundamentalLink *link =
    sprout_fundamental_wrappers
      ? g_hash_table_lookup (sprout_fundamental_wrappers, instance)
      : NULL;

  return link ? sprout_engine_weak_get (ctx, link->weak) : NULL;
}

static SproutFundamentalLink *
sprout_fundamental_link_new (JSContextRef ctx, gpointer instance,
                             gboolean owned)
{
  const SproutFundamentalFuncs *funcs =
    sprout_fundamental_funcs_get (G_TYPE_FROM_INSTANCE (instance));
  SproutFundamentalLink *link = g_new0 (SproutFundamentalLink, 1);

  link->instance = instance;
  link->unref = funcs->unref;
  link->group = JSContextGetGroup (ctx);
  if (G_TYPE_CHECK_INSTANCE_TYPE (instance, G_TYPE_PARAM)) {
    /* A floating spec (fresh from g_param_spec_*()) becomes ours without a
     * new reference; otherwise we take one, and drop the caller's. */
    guint before = ((GParamSpec *) instance)->ref_count;
    g_param_spec_ref_sink (instance);
    if (owned && ((GParamSpec *) instance)->ref_count > before)
      g_param_spec_unref (instance);
  } else if (!owned) {
    funcs->ref (instance);
  }
  return link;
}

static JSValueRef
sprout_fundamental_helper_call (JSContextRef ctx, const char *name, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception)
{
  JSObjectRef helpers = sprout_object_helpers (ctx, exception);
  JSValueRef helper =
    helpers ? sprout_js_get (ctx, helpers, name, exception) : NULL;

  if (helper == NULL)
    return NULL;
  return JSObjectCallAsFunction (ctx, (JSObjectRef) helper, NULL, argc, argv,
                                 exception);
}

JSValueRef
sprout_fundamental_to_js (JSContextRef ctx, gpointer instance, gboolean owned,
                          JSValueRef *exception)
{
  SproutFundamentalLink *link;
  JSObjectRef klass, wrapper;
  JSValueRef args[2];

  if (instance == NULL)
    return JSValueMakeNull (ctx);
  sprout_token_drain_if_pending ();
  klass = sprout_fundamental_class_for_gtype (
    ctx, G_TYPE_FROM_INSTANCE (instance), exception);
  if (klass == NULL)
    return NULL;
  wrapper = sprout_fundamental_lookup_wrapper (ctx, instance);
  if (wrapper) {
    if (owned)
      sprout_fundamental_unref (instance);
    return wrapper;
  }
  args[0] = sprout_js_get (ctx, klass, "prototype", exception);
  if (args[0] == NULL)
    return NULL;
  link = sprout_fundamental_link_new (ctx, instance, owned);
  args[1] = sprout_token_new (ctx, &sprout_fundamental_token, link, 0);
  wrapper = (JSObjectRef) sprout_fundamental_helper_call (
    ctx, "wrapFundamental", 2, args, exception);
  if (wrapper == NULL)
    return NULL; /* the token's release drops the reference */
  if (sprout_fundamental_wrappers == NULL) {
    sprout_fundamental_wrappers = g_hash_table_new (NULL, NULL);
    sprout_fundamental_links = g_hash_table_new (NULL, NULL);
  }
  if (sprout_engine.weak_create)
    link->weak = sprout_engine.weak_create (link->group, wrapper);
  g_hash_table_insert (sprout_fundamental_wrappers, instance, link);
  g_hash_table_add (sprout_fundamental_links, link);
  return wrapper;
}

static SproutFundamentalLink *
sprout_fundamental_link_of (JSContextRef ctx, JSValueRef value,
                            JSValueRef *exception)
{
  JSValueRef token = sprout_fundamental_helper_call (
    ctx, "fundamentalTokenOf", 1, &value, exception);

  return token ? sprout_token_get (ctx, token, &sprout_fundamental_token)
               : NULL;
}

gpointer
sprout_fundamental_from_js (JSContextRef ctx, JSValueRef value, GType expected,
                            const char *what, JSValueRef *exception)
{
  SproutFundamentalLink *link =
    sprout_fundamental_link_of (ctx, value, exception);

  if (link == NULL) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s: expected an object of type %s", what,
                       expected ? g_type_name (expected) : "fundamental");
    return NULL;
  }
  if (expected != G_TYPE_INVALID &&
      !G_TYPE_CHECK_INSTANCE_TYPE (link->instance, expected)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: expected an object of type %s, got %s", what,
                     g_type_name (expected),
                     g_type_name (G_TYPE_FROM_INSTANCE (link->instance)));
    return NULL;
  }
  return link->instance;
}

/* ---- classes ------------------------------------------------------------ */

static void
sprout_fundamental_define_functions (JSContextRef ctx, JSObjectRef klass,
                                     JSObjectRef prototype, GIObjectInfo *info)
{
  gint n = g_object_info_get_n_methods (info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method = g_object_info_get_method (info, i);
    const char *name = g_base_info_get_name (method);
    JSObjectRef function;

    if (g_strv_contains (sprout_fundamental_hidden, name))
      continue;
    function = sprout_gi_function_new (ctx, method);
    if (g_function_info_get_flags (method) & GI_FUNCTION_IS_METHOD) {
      JSValueRef args[2] = { function, sprout_js_value_from_utf8 (ctx, name) };
      JSValueRef stub = sprout_fundamental_helper_call (
        ctx, "makeFundamentalMethod", 2, args, NULL);
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
sprout_fundamental_class_new (JSContextRef ctx, GType gtype,
                              JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, gtype);
  GType parent_type = g_type_parent (gtype);
  JSValueRef args[3];
  JSObjectRef klass, prototype;

  args[0] = JSValueMakeNull (ctx);
  if (parent_type != G_TYPE_INVALID &&
      sprout_fundamental_is_wrappable (parent_type)) {
    args[0] = sprout_fundamental_class_for_gtype (ctx, parent_type, exception);
    if (args[0] == NULL)
      return NULL;
  }
  args[1] = sprout_js_value_from_utf8 (ctx, info ? g_base_info_get_name (info)
                                                 : g_type_name (gtype));
  args[2] = sprout_gtype_to_js (ctx, gtype);
  klass = (JSObjectRef) sprout_fundamental_helper_call (
    ctx, "makeFundamentalClass", 3, args, exception);
  if (klass == NULL)
    return NULL;
  prototype = (JSObjectRef) sprout_js_get (ctx, klass, "prototype", NULL);
  if (info && GI_IS_OBJECT_INFO (info))
    sprout_fundamental_define_functions (ctx, klass, prototype,
                                         (GIObjectInfo *) info);
  if (gtype == G_TYPE_PARAM) {
    JSValueRef arg = klass;
    if (sprout_fundamental_helper_call (ctx, "decorateParamSpec", 1, &arg,
                                        exception) == NULL)
      return NULL;
  }
  return klass;
}

JSObjectRef
sprout_fundamental_class_for_gtype (JSContextRef ctx, GType gtype,
                                    JSValueRef *exception)
{
  JSObjectRef klass;

  /* Every param spec type shares GObject.ParamSpec, as in GJS. */
  if (g_type_is_a (gtype, G_TYPE_PARAM))
    gtype = G_TYPE_PARAM;
  if (!sprout_fundamental_is_wrappable (gtype))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s is not a type Sprout can wrap (no ref and "
                            "unref functions)",
                            g_type_name (gtype)),
           NULL;
  /* First, since setting up the helpers resets this cache. */
  if (sprout_object_helpers (ctx, exception) == NULL)
    return NULL;
  if (sprout_fundamental_classes == NULL)
    sprout_fundamental_classes = g_hash_table_new (NULL, NULL);
  klass =
    g_hash_table_lookup (sprout_fundamental_classes, GSIZE_TO_POINTER (gtype));
  if (klass)
    return klass;
  klass = sprout_fundamental_class_new (ctx, gtype, exception);
  if (klass == NULL)
    return NULL;
  JSValueProtect (ctx, klass);
  g_hash_table_insert (sprout_fundamental_classes, GSIZE_TO_POINTER (gtype),
                       klass);
  return klass;
}

/* ---- natives for js/object.js ------------------------------------------- */

/* The constructor GJS uses: `new` if it is one, else the first one. */
static GIFunctionInfo *
sprout_fundamental_find_constructor (GIObjectInfo *info)
{
  gint n = g_object_info_get_n_methods (info);
  GIFunctionInfo *found = NULL;

  for (gint i = 0; i < n; i++) {
    GIFunctionInfo *method = g_object_info_get_method (info, i);
    if (!(g_function_info_get_flags (method) & GI_FUNCTION_IS_CONSTRUCTOR)) {
      g_base_info_unref (method);
      continue;
    }
    if (g_str_equal (g_base_info_get_name (method), "new")) {
      g_clear_pointer (&found, g_base_info_unref);
      return method;
    }
    if (found == NULL)
      found = method;
    else
      g_base_info_unref (method);
  }
  return found;
}

/* native.fundamentalConstruct(newTarget, args) -> the new wrapper */
static JSValueRef
sprout_fundamental_native_construct (JSContextRef ctx, JSObjectRef function,
                                     JSObjectRef self, size_t argc,
                                     const JSValueRef argv[],
                                     JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = NULL;
  g_autoptr (SproutGIInfo) ctor = NULL;
  g_autofree JSValueRef *args = NULL;
  GType gtype = G_TYPE_INVALID;
  JSObjectRef array;
  size_t n;

  if (argc < 2 || !JSValueIsObject (ctx, argv[1]) ||
      !sprout_gtype_from_js (ctx, argv[0], &gtype, exception))
    return *exception ? NULL
                      : sprout_js_throw (ctx, exception, "TypeError",
                                         "Cannot construct: not a "
                                         "fundamental class");
  info = g_irepository_find_by_gtype (NULL, gtype);
  ctor = info && GI_IS_OBJECT_INFO (info)
           ? sprout_fundamental_find_constructor ((GIObjectInfo *) info)
           : NULL;
  if (ctor == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot construct %s: it has no constructor",
                            g_type_name (gtype));
  array = (JSObjectRef) argv[1];
  n = (size_t) JSValueToNumber (ctx, sprout_js_get (ctx, array, "length", NULL),
                                NULL);
  args = g_new0 (JSValueRef, n + 1);
  for (size_t i = 0; i < n; i++)
    args[i] = JSObjectGetPropertyAtIndex (ctx, array, (unsigned) i, NULL);
  return JSObjectCallAsFunction (ctx, sprout_gi_function_new (ctx, ctor), NULL,
                                 n, args, exception);
}

/* native.fundamentalInvoke(method, token, ...args) */
static JSValueRef
sprout_fundamental_native_invoke (JSContextRef ctx, JSObjectRef function,
                                  JSObjectRef self, size_t argc,
                                  const JSValueRef argv[],
                                  JSValueRef *exception)
{
  SproutFundamentalLink *link =
    argc > 1 ? sprout_token_get (ctx, argv[1], &sprout_fundamental_token)
             : NULL;

  if (link == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Method called on an object that is not a "
                            "fundamental wrapper");
  return sprout_gi_function_call_method (ctx, argv[0], link->instance,
                                         G_TYPE_FROM_INSTANCE (link->instance),
                                         NULL, argc - 2, argv + 2, exception);
}

/* native.paramSpecField(token, field): GObject.ParamSpec's read-only
 * properties, read from the spec itself. */
static JSValueRef
sprout_fundamental_native_param_field (JSContextRef ctx, JSObjectRef function,
                                       JSObjectRef self, size_t argc,
                                       const JSValueRef argv[],
                                       JSValueRef *exception)
{
  SproutFundamentalLink *link =
    argc > 1 ? sprout_token_get (ctx, argv[0], &sprout_fundamental_token)
             : NULL;
  g_autofree char *field =
    argc > 1 ? sprout_js_value_to_utf8 (ctx, argv[1], NULL) : NULL;
  GParamSpec *pspec;

  if (link == NULL || field == NULL ||
      !G_TYPE_CHECK_INSTANCE_TYPE (link->instance, G_TYPE_PARAM))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Object is not a GObject.ParamSpec");
  pspec = link->instance;
  if (g_str_equal (field, "name"))
    return sprout_js_value_from_utf8 (ctx, pspec->name);
  if (g_str_equal (field, "nick"))
    return sprout_js_value_from_utf8 (ctx, g_param_spec_get_nick (pspec));
  if (g_str_equal (field, "blurb"))
    return sprout_js_value_from_utf8 (ctx, g_param_spec_get_blurb (pspec));
  if (g_str_equal (field, "flags"))
    return JSValueMakeNumber (ctx, pspec->flags);
  if (g_str_equal (field, "value_type"))
    return sprout_gtype_to_js (ctx, pspec->value_type);
  if (g_str_equal (field, "owner_type"))
    return sprout_gtype_to_js (ctx, pspec->owner_type);
  if (g_str_equal (field, "default_value"))
    return sprout_gvalue_to_js (ctx, g_param_spec_get_default_value (pspec),
                                exception);
  return JSValueMakeUndefined (ctx);
}

static GParamSpec *
sprout_fundamental_find_property (GType gtype, const char *name)
{
  g_autoptr (GTypeClass) klass = NULL;

  if (G_TYPE_IS_INTERFACE (gtype)) {
    gpointer iface = g_type_default_interface_ref (gtype);
    GParamSpec *pspec = g_object_interface_find_property (iface, name);
    g_type_default_interface_unref (iface);
    return pspec;
  }
  if (!g_type_is_a (gtype, G_TYPE_OBJECT))
    return NULL;
  klass = g_type_class_ref (gtype);
  return g_object_class_find_property ((GObjectClass *) klass, name);
}

/* native.findProperty(klass, name): GObject.Object.find_property, called on
 * a class or an interface. */
static JSValueRef
sprout_fundamental_native_find_property (JSContextRef ctx, JSObjectRef function,
                                         JSObjectRef self, size_t argc,
                                         const JSValueRef argv[],
                                         JSValueRef *exception)
{
  g_autofree char *name = NULL;
  GType gtype = G_TYPE_INVALID;

  if (argc < 2 || !sprout_gtype_from_js (ctx, argv[0], &gtype, exception))
    return *exception ? NULL
                      : sprout_js_throw (ctx, exception, "TypeError",
                                         "find_property() must be called on "
                                         "a GObject class or interface");
  name = sprout_js_value_to_utf8 (ctx, argv[1], exception);
  if (name == NULL)
    return NULL;
  return sprout_fundamental_to_js (
    ctx, sprout_fundamental_find_property (gtype, name), FALSE, exception);
}

/* native.listProperties(klass): GObject.Object.list_properties */
static JSValueRef
sprout_fundamental_native_list_properties (JSContextRef ctx,
                                           JSObjectRef function,
                                           JSObjectRef self, size_t argc,
                                           const JSValueRef argv[],
                                           JSValueRef *exception)
{
  g_autofree GParamSpec **pspecs = NULL;
  JSObjectRef items;
  g_autoptr (GTypeClass) klass = NULL;
  gpointer iface = NULL;
  GType gtype = G_TYPE_INVALID;
  guint n = 0;

  if (argc < 1 || !sprout_gtype_from_js (ctx, argv[0], &gtype, exception) ||
      !(G_TYPE_IS_INTERFACE (gtype) || g_type_is_a (gtype, G_TYPE_OBJECT)))
    return *exception ? NULL
                      : sprout_js_throw (ctx, exception, "TypeError",
                                         "list_properties() must be called "
                                         "on a GObject class or interface");
  if (G_TYPE_IS_INTERFACE (gtype)) {
    iface = g_type_default_interface_ref (gtype);
    pspecs = g_object_interface_list_properties (iface, &n);
    g_type_default_interface_unref (iface);
  } else {
    klass = g_type_class_ref (gtype);
    pspecs = g_object_class_list_properties ((GObjectClass *) klass, &n);
  }
  items = sprout_js_array_new (ctx, exception);
  for (guint i = 0; items && i < n; i++) {
    JSValueRef item = sprout_fundamental_to_js (ctx, pspecs[i], FALSE,
                                                exception);

    if (item == NULL)
      return NULL;
    sprout_js_array_set (ctx, items, i, item);
  }
  return items;
}

void
sprout_fundamental_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "fundamentalConstruct",
                             sprout_fundamental_native_construct);
  sprout_js_define_function (ctx, native, "fundamentalInvoke",
                             sprout_fundamental_native_invoke);
  sprout_js_define_function (ctx, native, "paramSpecField",
                             sprout_fundamental_native_param_field);
  sprout_js_define_function (ctx, native, "findProperty",
                             sprout_fundamental_native_find_property);
  sprout_js_define_function (ctx, native, "listProperties",
                             sprout_fundamental_native_list_properties);
}
