/* subclass.c: GTypes defined in JS — GObject.registerClass() (subclass.h).
 *
 * Registration. The GObject override calls registerType(klass, parent, name,
 * flags, interfaces, pspecs) or registerInterface(klass, name, requires,
 * pspecs) from imports._gi. Each JS type gets a SproutSubclass record (type
 * qdata and the class_data of its GTypeInfo) holding the JS class, the home
 * of its context and the param specs that class_init installs. The class
 * becomes the JS class of the GType (object.c), so instances made anywhere
 * get it as their prototype.
 *
 * Construction from JS. The wrapper's _init() (js/object.js) calls
 * native.construct, which pushes a construction record {gtype, wrapper} on
 * its own C stack and calls g_object_new(). The custom `constructor` of JS
 * types sees the record and chains up to the first non-JS constructor; our
 * instance_init, run for every JS type of the chain, acts only for the most
 * derived one: it links the wrapper to the new instance (toggle ref, token)
 * before any property is set, so that set_property, constructed() and the
 * other vfuncs run during g_object_new() find their JS object, and then
 * calls _instance_init() if the class has one, as GJS does. The token goes
 * into the wrapper's private field when native.construct returns, or as
 * soon as JS is handed the wrapper (sprout_subclass_deliver_pending): most
 * objects need no call into JS for it.
 *
 * Construction from C (GtkBuilder, g_object_new() in a library). Without a
 * matching record the custom constructor builds the object through JS:
 * `new Klass(props)` with the construct properties in a plain object, which
 * runs the JS constructor chain and so the path above, and returns a new
 * reference to the resulting GObject, as GJS does.
 *
 * Properties: subclass-props.c.
 */
#include "subclass.h"
#include "subclass-private.h"

#include <string.h>

#include "boxed.h"
#include "context.h"
#include "gi-private.h"
#include "gtype.h"
#include "gvalue.h"
#include "fundamental.h"
#include "home.h"
#include "js-util.h"
#include "native-modules.h"
#include "object.h"
#include "toggle.h"

static GQuark sprout_subclass_quark;
static SproutConstruction *sprout_constructions; /* innermost first */

SproutSubclass *
sprout_subclass_get (GType gtype)
{
  if (sprout_subclass_quark == 0)
    return NULL;
  return g_type_get_qdata (gtype, sprout_subclass_quark);
}

/* The record of the closest JS type in @gtype's chain, or NULL. */
static SproutSubclass *
sprout_subclass_closest (GType gtype)
{
  for (; gtype != G_TYPE_INVALID; gtype = g_type_parent (gtype)) {
    SproutSubclass *subclass = sprout_subclass_get (gtype);
    if (subclass)
      return subclass;
  }
  return NULL;
}

gboolean
sprout_subclass_is_js_type (GType gtype)
{
  return sprout_subclass_closest (gtype) != NULL;
}

gboolean
sprout_subclass_adds_interface (GType gtype, GType iface)
{
  SproutSubclass *subclass = sprout_subclass_get (gtype);

  for (guint i = 0; subclass && subclass->ifaces && i < subclass->ifaces->len;
       i++)
    if (g_array_index (subclass->ifaces, GType, i) == iface)
      return TRUE;
  return FALSE;
}

static JSContextRef
sprout_subclass_home_context (SproutSubclass *subclass)
{
  return subclass && sprout_home_usable (subclass->home) ? subclass->home->ctx
                                                         : NULL;
}

JSContextRef
sprout_subclass_context (GType gtype, SproutHome **home)
{
  SproutSubclass *subclass = sprout_subclass_closest (gtype);

  if (home)
    *home = subclass ? subclass->home : NULL;
  return sprout_subclass_home_context (subclass);
}

/* ---- construction ------------------------------------------------------- */

SproutConstruction *
sprout_subclass_construction_top (void)
{
  return sprout_constructions;
}

static GObject *sprout_subclass_constructor (GType gtype, guint n,
                                             GObjectConstructParam *params);

gboolean
sprout_subclass_push_construction (SproutConstruction *construction,
                                   GType gtype, JSObjectRef wrapper)
{
  GObjectClass *klass = g_type_class_peek (gtype);
  SproutSubclass *subclass;

  /* Every JS type, and every type derived from one, has our constructor:
   * most objects are told apart without a type data look-up per
   * ancestor. */
  if (klass && klass->constructor != sprout_subclass_constructor)
    return FALSE;
  subclass = sprout_subclass_closest (gtype);
  if (subclass == NULL)
    return FALSE;
  *construction = (SproutConstruction){
    .outer = sprout_constructions,
    .gtype = gtype,
    .wrapper = wrapper,
    .subclass = subclass,
    .ctx = sprout_subclass_home_context (subclass),
  };
  sprout_constructions = construction;
  return TRUE;
}

JSValueRef
sprout_subclass_pop_construction (SproutConstruction *construction)
{
  g_return_val_if_fail (sprout_constructions == construction, NULL);
  sprout_constructions = construction->outer;
  return construction->token;
}

gboolean
sprout_subclass_deliver_pending (JSContextRef ctx, GObject *object,
                                 JSValueRef *exception)
{
  for (SproutConstruction *construction = sprout_constructions; construction;
       construction = construction->outer) {
    if (construction->object == object && !construction->delivered) {
      construction->delivered = TRUE;
      return sprout_object_deliver_token (ctx, construction->wrapper,
                                          construction->token, exception);
    }
  }
  return TRUE;
}

static void
sprout_subclass_call_instance_init (SproutConstruction *top)
{
  JSValueRef exception = NULL;

  SproutSubclass *subclass = top->subclass;

  if (subclass->gtype != top->gtype || subclass->instance_init == NULL)
    return;
  if (sprout_subclass_deliver_pending (top->ctx, top->object, &exception))
    JSObjectCallAsFunction (top->ctx, subclass->instance_init, top->wrapper, 0,
                            NULL, &exception);
  if (exception)
    sprout_context_report_exception (top->ctx, exception);
}

/* The class's _instance_init (its prototype chain's), kept for its
 * objects. */
static void
sprout_subclass_find_instance_init (JSContextRef ctx, SproutSubclass *subclass)
{
  JSValueRef prototype =
    sprout_js_get (ctx, subclass->klass, "prototype", NULL);
  JSValueRef init =
    prototype && JSValueIsObject (ctx, prototype)
      ? sprout_js_get (ctx, (JSObjectRef) prototype, "_instance_init", NULL)
      : NULL;

  if (init && JSValueIsObject (ctx, init) &&
      JSObjectIsFunction (ctx, (JSObjectRef) init)) {
    subclass->instance_init = (JSObjectRef) init;
    JSValueProtect (ctx, init);
  }
}

static void
sprout_subclass_instance_init (GTypeInstance *instance, gpointer g_class)
{
  SproutConstruction *top = sprout_subclass_construction_top ();

  /* Only the most derived type's init acts, once the chain is complete
   * (GObject calls the inits of the whole chain with the final class). */
  if (top == NULL || top->token != NULL ||
      top->gtype != G_TYPE_FROM_INSTANCE (instance) || top->ctx == NULL)
    return;
  top->object = (GObject *) instance;
  top->token = sprout_object_link_wrapper (top->ctx, top->object, top->wrapper);
  sprout_subclass_call_instance_init (top);
}

/* The construct properties as a plain object for the JS constructor. */
static JSObjectRef
sprout_subclass_construct_props (JSContextRef ctx, guint n,
                                 GObjectConstructParam *params,
                                 JSValueRef *exception)
{
  JSObjectRef props = JSObjectMake (ctx, NULL, NULL);

  for (guint i = 0; i < n; i++) {
    JSValueRef value = sprout_gvalue_to_js (ctx, params[i].value, exception);
    g_autofree char *name = g_strdelimit (
      g_strdup (g_param_spec_get_name (params[i].pspec)), "-", '_');
    if (value == NULL || !sprout_js_set (ctx, props, name, value,
                                         kJSPropertyAttributeNone, exception))
      return NULL;
  }
  return props;
}

/* g_object_new() of a JS type from C: build the object through JS. */
static GObject *
sprout_subclass_construct_from_c (GType gtype, guint n,
                                  GObjectConstructParam *params)
{
  JSContextRef ctx = sprout_subclass_context (gtype, NULL);
  SproutSubclass *subclass = sprout_subclass_get (gtype);
  JSValueRef exception = NULL, args[1];
  JSObjectRef props, wrapper = NULL;
  GObject *object;

  if (ctx == NULL || subclass == NULL) {
    g_critical ("Cannot construct %s: its JS context is gone",
                g_type_name (gtype));
    return NULL;
  }
  props = sprout_subclass_construct_props (ctx, n, params, &exception);
  if (props) {
    args[0] = props;
    wrapper = JSObjectCallAsConstructor (ctx, subclass->klass, 1, args,
                                         &exception);
  }
  object = wrapper ? sprout_object_from_js (ctx, wrapper, gtype, "constructor",
                                            &exception)
                   : NULL;
  if (object == NULL) {
    sprout_context_report_exception (ctx, exception);
    return NULL;
  }
  /* The wrapper holds a toggle reference; the C caller gets its own. */
  return g_object_ref (object);
}

static GObject *
sprout_subclass_constructor (GType gtype, guint n,
                             GObjectConstructParam *params)
{
  SproutConstruction *top = sprout_subclass_construction_top ();
  GType parent = g_type_parent (gtype);

  if (top == NULL || top->gtype != gtype || top->token != NULL)
    return sprout_subclass_construct_from_c (gtype, n, params);
  while (G_OBJECT_CLASS (g_type_class_peek (parent))->constructor ==
         sprout_subclass_constructor)
    parent = g_type_parent (parent);
  return G_OBJECT_CLASS (g_type_class_peek (parent))
    ->constructor (gtype, n, params);
}

/* ---- type registration -------------------------------------------------- */

static void
sprout_subclass_class_init (gpointer g_class, gpointer class_data)
{
  SproutSubclass *subclass = class_data;
  GObjectClass *klass = g_class;

  klass->constructor = sprout_subclass_constructor;
  klass->set_property = sprout_subclass_set_property;
  klass->get_property = sprout_subclass_get_property;
  klass->dispose = sprout_subclass_dispose;
  for (guint i = 0; subclass->pspecs && i < subclass->pspecs->len; i++)
    g_object_class_install_property (klass, i + 1,
                                     g_ptr_array_index (subclass->pspecs, i));
  g_clear_pointer (&subclass->pspecs, g_ptr_array_unref);
}

static void
sprout_subclass_interface_init (gpointer g_iface, gpointer class_data)
{
  SproutSubclass *subclass = class_data;

  for (guint i = 0; subclass->pspecs && i < subclass->pspecs->len; i++)
    g_object_interface_install_property (
      g_iface, g_ptr_array_index (subclass->pspecs, i));
  g_clear_pointer (&subclass->pspecs, g_ptr_array_unref);
}

static SproutSubclass *
sprout_subclass_new (JSContextRef ctx, JSObjectRef klass, GPtrArray *pspecs)
{
  SproutSubclass *subclass = g_new0 (SproutSubclass, 1);

  subclass->home = sprout_home_ref_for (ctx);
  subclass->klass = klass;
  JSValueProtect (ctx, klass);
  subclass->pspecs = pspecs;
  return subclass;
}

static void
sprout_subclass_attach (JSContextRef ctx, SproutSubclass *subclass,
                        GType gtype)
{
  if (sprout_subclass_quark == 0)
    sprout_subclass_quark = g_quark_from_static_string ("sprout-subclass");
  subclass->gtype = gtype;
  sprout_subclass_find_instance_init (ctx, subclass);
  g_type_set_qdata (gtype, sprout_subclass_quark, subclass);
  sprout_object_register_class (ctx, gtype, subclass->klass);
}

/* GTypes from a JS array (GType objects or classes with $gtype). */
static GArray *
sprout_subclass_gtypes_from_js (JSContextRef ctx, JSValueRef value,
                                const char *what, JSValueRef *exception)
{
  g_autoptr (GArray) gtypes = g_array_new (FALSE, FALSE, sizeof (GType));
  JSValueRef length;
  guint n;

  if (JSValueIsUndefined (ctx, value) || JSValueIsNull (ctx, value))
    return g_steal_pointer (&gtypes);
  if (!JSValueIsArray (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError", "%s must be an array", what);
    return NULL;
  }
  length = sprout_js_get (ctx, (JSObjectRef) value, "length", exception);
  if (length == NULL)
    return NULL;
  n = (guint) JSValueToNumber (ctx, length, NULL);
  for (guint i = 0; i < n; i++) {
    JSValueRef item =
      JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) value, i, exception);
    GType gtype = G_TYPE_INVALID;
    if (item == NULL || !sprout_gtype_arg_from_js (ctx, item, what, &gtype, exception))
      return NULL;
    g_array_append_val (gtypes, gtype);
  }
  return g_steal_pointer (&gtypes);
}

/* Param specs from a JS array of GObject.ParamSpec wrappers (referenced). */
static GPtrArray *
sprout_subclass_pspecs_from_js (JSContextRef ctx, JSValueRef value,
                                JSValueRef *exception)
{
  g_autoptr (GPtrArray) pspecs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_param_spec_unref);
  JSValueRef length;
  guint n;

  if (!JSValueIsArray (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Properties must be an array of GObject.ParamSpec");
    return NULL;
  }
  length = sprout_js_get (ctx, (JSObjectRef) value, "length", exception);
  if (length == NULL)
    return NULL;
  n = (guint) JSValueToNumber (ctx, length, NULL);
  for (guint i = 0; i < n; i++) {
    JSValueRef item =
      JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) value, i, exception);
    GParamSpec *pspec = item ? sprout_fundamental_from_js (
                                 ctx, item, G_TYPE_PARAM, "Property", exception)
                             : NULL;
    if (pspec == NULL)
      return NULL;
    g_ptr_array_add (pspecs, g_param_spec_ref (pspec));
  }
  return g_steal_pointer (&pspecs);
}

static gboolean
sprout_subclass_check_name (JSContextRef ctx, const char *name,
                            JSValueRef *exception)
{
  if (g_type_from_name (name) == G_TYPE_INVALID)
    return TRUE;
  sprout_js_throw (ctx, exception, "TypeError",
                   "Type name %s is already registered", name);
  return FALSE;
}

/* GLib refuses (with a warning) an interface whose prerequisites the
 * class does not meet by then: say which, as GJS does, before
 * registering anything. */
static gboolean
sprout_subclass_check_prerequisites (JSContextRef ctx, GType parent,
                                     GArray *ifaces, JSValueRef *exception)
{
  for (guint i = 0; i < ifaces->len; i++) {
    GType iface = g_array_index (ifaces, GType, i);
    guint n = 0;
    g_autofree GType *prerequisites = g_type_interface_prerequisites (iface,
                                                                      &n);
    g_autoptr (GString) missing = g_string_new (NULL);

    for (guint j = 0; j < n; j++) {
      gboolean met = g_type_is_a (parent, prerequisites[j]);
      for (guint k = 0; !met && k < i; k++)
        met = g_type_is_a (g_array_index (ifaces, GType, k), prerequisites[j]);
      if (!met)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                g_type_name (prerequisites[j]));
    }
    if (missing->len > 0) {
      sprout_js_throw (ctx, exception, "Error",
                       "The following interfaces must be implemented before "
                       "%s: %s",
                       g_type_name (iface), missing->str);
      return FALSE;
    }
  }
  return TRUE;
}

static GType
sprout_subclass_register_object (GType parent, const char *name,
                                 GTypeFlags flags, SproutSubclass *subclass)
{
  GTypeQuery query;
  GTypeInfo info = { 0 };

  g_type_query (parent, &query);
  info.class_size = (guint16) query.class_size;
  info.class_init = sprout_subclass_class_init;
  info.class_data = subclass;
  info.instance_size = (guint16) query.instance_size;
  info.instance_init = sprout_subclass_instance_init;
  return g_type_register_static (parent, name, &info, flags);
}

/* registerType(klass, parentGType, name, flags, interfaces, pspecs) ->
 * GType */
static JSValueRef
sprout_subclass_native_register_type (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception)
{
  g_autofree char *name = NULL;
  g_autoptr (GArray) ifaces = NULL;
  GPtrArray *pspecs = NULL;
  SproutSubclass *subclass;
  GType parent = G_TYPE_INVALID, gtype;
  double flags;
  const GInterfaceInfo iface_info = { NULL, NULL, NULL };

  if (argc < 6 || !JSValueIsObject (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError", "registerType()");
  if (!sprout_gtype_arg_from_js (ctx, argv[1], "Parent type", &parent, exception) ||
      (name = sprout_js_value_to_utf8 (ctx, argv[2], exception)) == NULL)
    return NULL;
  flags = JSValueToNumber (ctx, argv[3], exception);
  if (!g_type_is_a (parent, G_TYPE_OBJECT))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s is not a GObject type", g_type_name (parent));
  if (!sprout_subclass_check_name (ctx, name, exception) ||
      (ifaces = sprout_subclass_gtypes_from_js (ctx, argv[4], "Implements",
                                                exception)) == NULL ||
      (pspecs = sprout_subclass_pspecs_from_js (ctx, argv[5], exception)) ==
        NULL)
    return NULL;
  for (guint i = 0; i < ifaces->len; i++)
    if (!G_TYPE_IS_INTERFACE (g_array_index (ifaces, GType, i))) {
      g_ptr_array_unref (pspecs);
      return sprout_js_throw (ctx, exception, "TypeError",
                              "%s is not an interface",
                              g_type_name (g_array_index (ifaces, GType, i)));
    }
  if (!sprout_subclass_check_prerequisites (ctx, parent, ifaces, exception)) {
    g_ptr_array_unref (pspecs);
    return NULL;
  }
  subclass = sprout_subclass_new (ctx, (JSObjectRef) argv[0], pspecs);
  gtype = sprout_subclass_register_object (parent, name, (GTypeFlags) flags,
                                           subclass);
  for (guint i = 0; i < ifaces->len; i++)
    g_type_add_interface_static (gtype, g_array_index (ifaces, GType, i),
                                 &iface_info);
  subclass->ifaces = g_steal_pointer (&ifaces);
  sprout_subclass_attach (ctx, subclass, gtype);
  /* Initialise the class now: vfuncs are written into it next. */
  g_type_class_ref (gtype);
  return sprout_gtype_to_js (ctx, gtype);
}

/* registerInterface(klass, name, requires, pspecs) -> GType */
static JSValueRef
sprout_subclass_native_register_interface (JSContextRef ctx,
                                           JSObjectRef function,
                                           JSObjectRef self, size_t argc,
                                           const JSValueRef argv[],
                                           JSValueRef *exception)
{
  g_autofree char *name = NULL;
  g_autoptr (GArray) requires = NULL;
  GPtrArray *pspecs = NULL;
  SproutSubclass *subclass;
  GTypeInfo info = { 0 };
  GType gtype;

  if (argc < 4 || !JSValueIsObject (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "registerInterface()");
  if ((name = sprout_js_value_to_utf8 (ctx, argv[1], exception)) == NULL ||
      !sprout_subclass_check_name (ctx, name, exception) ||
      (requires = sprout_subclass_gtypes_from_js (ctx, argv[2], "Requires",
                                                  exception)) == NULL ||
      (pspecs = sprout_subclass_pspecs_from_js (ctx, argv[3], exception)) ==
        NULL)
    return NULL;
  subclass = sprout_subclass_new (ctx, (JSObjectRef) argv[0], pspecs);
  info.class_size = sizeof (GTypeInterface);
  info.class_init = sprout_subclass_interface_init;
  info.class_data = subclass;
  gtype = g_type_register_static (G_TYPE_INTERFACE, name, &info, 0);
  for (guint i = 0; i < requires->len; i++)
    g_type_interface_add_prerequisite (gtype,
                                       g_array_index (requires, GType, i));
  sprout_subclass_attach (ctx, subclass, gtype);
  g_type_default_interface_ref (gtype);
  return sprout_gtype_to_js (ctx, gtype);
}

/* classForGType(gtype) -> the JS class of a GObject type */
static JSValueRef
sprout_subclass_native_class_for_gtype (JSContextRef ctx, JSObjectRef function,
                                        JSObjectRef self, size_t argc,
                                        const JSValueRef argv[],
                                        JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID;

  if (argc < 1 || !sprout_gtype_arg_from_js (ctx, argv[0], "classForGType()", &gtype, exception))
    return argc < 1 ? sprout_js_throw (ctx, exception, "TypeError",
                                       "classForGType() needs a GType")
                    : NULL;
  if (!g_type_is_a (gtype, G_TYPE_OBJECT))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s is not a GObject type", g_type_name (gtype));
  return sprout_object_class_for_gtype (ctx, gtype, exception);
}

JSObjectRef
sprout_subclass_define_module (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);

  /* Instances of JS types tell their links of their disposal. */
  sprout_toggle_set_dispose_noter (sprout_subclass_notes_dispose);
  sprout_js_define_function (ctx, module, "classForGType",
                             sprout_subclass_native_class_for_gtype);
  sprout_subclass_props_define (ctx, module);
  sprout_js_define_function (ctx, module, "registerType",
                             sprout_subclass_native_register_type);
  sprout_js_define_function (ctx, module, "registerInterface",
                             sprout_subclass_native_register_interface);
  sprout_subclass_signals_define (ctx, module);
  sprout_vfunc_define (ctx, module);
  sprout_binding_define (ctx, module);
  sprout_compare_define (ctx, module);
  return module;
}
