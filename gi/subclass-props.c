/* subclass-props.c: properties of GTypes defined in JS, seen from C.
 *
 * GObject calls set_property/get_property of a JS type with the param spec;
 * they run the class's JS accessors of the property (snake_case name), which
 * are the implementation (the class's own, or those the GObject override
 * generated).
 *
 * Setting goes through a hook that the GObject override registers
 * (setPropertyHook), called as hook(wrapper, index, value, quiet). `index`
 * is the property's place in the table below (pspecIndex gives it; the
 * override keeps the names by index, so JS sets `wrapper[names[index]]`
 * with an inline cache, not a C API lookup by name). `quiet` says that
 * GObject itself will queue notify for the property once set_property
 * returns (it does for readable properties without EXPLICIT_NOTIFY): the
 * generated setter then skips its own notify, a second call into C that
 * GObject would drop as a duplicate anyway. Construct-only properties
 * (helpers.setGProperty gives them GJS's read-only form on the instance),
 * and properties without an index, keep the path by name (object.c).
 *
 * While native.construct builds the object (subclass.c's construction
 * record), its context and wrapper are known and not looked up again, and
 * a token not yet in the wrapper goes with the first hook call
 * (helpers.setTokenAndCall).
 */
#include "subclass-private.h"

#include "boxed.h"
#include "context.h"
#include "fundamental.h"
#include "gi-private.h"
#include "gtype.h"
#include "gvalue.h"
#include "js-fast.h"
#include "js-util.h"
#include "object.h"
#include "subclass.h"
#include "toggle.h"

/* Param specs of JS classes by index: the generated setters notify, and C
 * sets, without converting or looking up a name. Grows by one entry per
 * property of a registered class (referenced, forever); each param spec
 * keeps its index + 1 as qdata. */
static GPtrArray *sprout_subclass_pspecs;
static GQuark sprout_subclass_index_quark;

/* The override's setter hook, for the context of `home`. */
static struct {
  SproutHome *home;     /* ref */
  JSObjectRef function; /* protected */
} sprout_subclass_set_hook;

/* @pspec's index + 1, or 0 if it has none. */
static guint
sprout_subclass_pspec_index (GParamSpec *pspec)
{
  if (sprout_subclass_index_quark == 0)
    return 0;
  return GPOINTER_TO_UINT (
    g_param_spec_get_qdata (pspec, sprout_subclass_index_quark));
}

/* ---- set_property/get_property ------------------------------------------ */

/* wrapper[name] = value, through the hook when @pspec has an index; a
 * token not yet delivered (@construction) goes in the same call. */
static gboolean
sprout_subclass_set_js (JSContextRef ctx, SproutHome *home,
                        SproutConstruction *construction, JSObjectRef wrapper,
                        GParamSpec *pspec, JSValueRef value,
                        JSValueRef *exception)
{
  guint index = pspec->flags & G_PARAM_CONSTRUCT_ONLY
                  ? 0
                  : sprout_subclass_pspec_index (pspec);
  JSValueRef args[4];

  if (index == 0 || home == NULL || home != sprout_subclass_set_hook.home) {
    if (construction && !construction->delivered) {
      construction->delivered = TRUE;
      if (!sprout_object_deliver_token (ctx, wrapper, construction->token,
                                        exception))
        return FALSE;
    }
    return sprout_object_set_js_property (ctx, wrapper, pspec, value,
                                          exception);
  }
  args[0] = wrapper;
  args[1] = sprout_js_make_number (ctx, index - 1);
  args[2] = value;
  args[3] = sprout_js_make_boolean (
    ctx, (pspec->flags & (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY)) ==
           G_PARAM_READABLE);
  if (construction && !construction->delivered) {
    construction->delivered = TRUE;
    return sprout_object_deliver_token_and_call (
             ctx, wrapper, construction->token,
             sprout_subclass_set_hook.function, 3, args + 1, exception) != NULL;
  }
  return JSObjectCallAsFunction (ctx, sprout_subclass_set_hook.function, NULL,
                                 4, args, exception) != NULL;
}

void
sprout_subclass_set_property (GObject *object, guint id, const GValue *value,
                              GParamSpec *pspec)
{
  SproutConstruction *top = sprout_subclass_construction_top ();
  SproutHome *home = NULL;
  JSContextRef ctx;
  JSObjectRef wrapper;
  JSValueRef exception = NULL, js_value;

  if (top != NULL && top->object == object) {
    /* Being built by native.construct: known already. */
    ctx = top->ctx;
    home = ((SproutSubclass *) top->subclass)->home;
    wrapper = top->wrapper;
  } else {
    top = NULL;
    ctx = sprout_subclass_context (G_OBJECT_TYPE (object), &home);
    wrapper = sprout_toggle_get_wrapper (object);
  }
  /* As GJS: once disposed, the JS side of the object is gone for C. */
  if (ctx == NULL || wrapper == NULL || sprout_toggle_is_disposed (object)) {
    g_warning ("Wrapper for GObject %p was disposed, cannot set property %s",
               object, g_param_spec_get_name (pspec));
    return;
  }
  js_value = sprout_gvalue_to_js (ctx, value, &exception);
  if (js_value &&
      (top || sprout_subclass_deliver_pending (ctx, object, &exception)))
    sprout_subclass_set_js (ctx, home, top, wrapper, pspec, js_value,
                            &exception);
  if (exception)
    sprout_context_report_exception (ctx, exception);
}

void
sprout_subclass_get_property (GObject *object, guint id, GValue *value,
                              GParamSpec *pspec)
{
  JSContextRef ctx = sprout_subclass_context (G_OBJECT_TYPE (object), NULL);
  JSObjectRef wrapper = sprout_toggle_get_wrapper (object);
  JSValueRef exception = NULL, js_value;

  if (ctx == NULL || wrapper == NULL || sprout_toggle_is_disposed (object)) {
    g_warning ("Wrapper for GObject %p was disposed, cannot get property %s",
               object, g_param_spec_get_name (pspec));
    return;
  }
  js_value = sprout_subclass_deliver_pending (ctx, object, &exception)
               ? sprout_object_get_js_property (ctx, wrapper, pspec, &exception)
               : NULL;
  if (js_value == NULL) {
    sprout_context_report_exception (ctx, exception);
    return;
  }
  if (!sprout_gvalue_from_js (ctx, js_value, value,
                              g_param_spec_get_name (pspec), &exception))
    sprout_context_log_exception (ctx, exception, NULL, G_LOG_LEVEL_WARNING);
}

/* ---- natives ------------------------------------------------------------ */

/* setPropertyHook(function): the GObject override's setter hook (see top),
 * one per context; a new context's replaces the old one's. */
static JSValueRef
sprout_subclass_native_set_property_hook (JSContextRef ctx,
                                          JSObjectRef function,
                                          JSObjectRef self, size_t argc,
                                          const JSValueRef argv[],
                                          JSValueRef *exception)
{
  if (argc < 1 || !JSValueIsObject (ctx, argv[0]) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "setPropertyHook() needs a function");
  if (sprout_subclass_set_hook.home) {
    if (sprout_home_usable (sprout_subclass_set_hook.home))
      JSValueUnprotect (sprout_subclass_set_hook.home->ctx,
                        sprout_subclass_set_hook.function);
    sprout_home_unref (sprout_subclass_set_hook.home);
  }
  sprout_subclass_set_hook.home = sprout_home_ref_for (ctx);
  sprout_subclass_set_hook.function = (JSObjectRef) argv[0];
  JSValueProtect (ctx, argv[0]);
  return JSValueMakeUndefined (ctx);
}

/* pspecIndex(pspec) -> its index in the table, adding it */
static JSValueRef
sprout_subclass_native_pspec_index (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  GParamSpec *pspec =
    argc > 0 ? sprout_fundamental_from_js (ctx, argv[0], G_TYPE_PARAM,
                                           "Property", exception)
             : NULL;
  guint index;

  if (pspec == NULL)
    return argc > 0
             ? NULL
             : sprout_js_throw (ctx, exception, "TypeError", "pspecIndex()");
  if (sprout_subclass_pspecs == NULL) {
    sprout_subclass_pspecs =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_param_spec_unref);
    sprout_subclass_index_quark =
      g_quark_from_static_string ("sprout-subclass-index");
  }
  index = sprout_subclass_pspec_index (pspec);
  if (index == 0) {
    g_ptr_array_add (sprout_subclass_pspecs, g_param_spec_ref (pspec));
    index = sprout_subclass_pspecs->len;
    g_param_spec_set_qdata (pspec, sprout_subclass_index_quark,
                            GUINT_TO_POINTER (index));
  }
  return JSValueMakeNumber (ctx, index - 1);
}

/* native.notifyIndex(token, index) (js/object.js) */
static JSValueRef
sprout_subclass_native_notify_index (JSContextRef ctx, JSObjectRef function,
                                     JSObjectRef self, size_t argc,
                                     const JSValueRef argv[],
                                     JSValueRef *exception)
{
  GObject *object =
    argc > 1 ? sprout_object_from_token (ctx, argv[0], exception) : NULL;
  double index = argc > 1 ? JSValueToNumber (ctx, argv[1], NULL) : -1;

  if (object == NULL)
    return NULL;
  if (sprout_subclass_pspecs == NULL || !(index >= 0) ||
      index >= sprout_subclass_pspecs->len)
    return sprout_js_throw (ctx, exception, "RangeError",
                            "notifyIndex(): no param spec %g", index);
  g_object_notify_by_pspec (
    object, g_ptr_array_index (sprout_subclass_pspecs, (guint) index));
  return JSValueMakeUndefined (ctx);
}

void
sprout_subclass_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "notifyIndex",
                             sprout_subclass_native_notify_index);
}

/* valueOfType(gtype, value) -> a GObject.Value of @gtype holding @value
 * (converted as for a property of that type), for overrides that must pass
 * C a GValue of the right type where guessing from the JS value would not
 * do (Gtk.Container.child_set_property with null). */
static JSValueRef
sprout_subclass_native_value_of_type (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info =
    g_irepository_find_by_gtype (NULL, G_TYPE_VALUE);
  GType gtype = G_TYPE_INVALID;
  GValue *value;

  if (argc < 2 || info == NULL)
    return sprout_js_throw (ctx, exception, "TypeError", "valueOfType()");
  if (!sprout_gtype_arg_from_js (ctx, argv[0], "valueOfType()", &gtype,
                                 exception))
    return NULL;
  value = g_new0 (GValue, 1);
  g_value_init (value, gtype);
  if (!sprout_gvalue_from_js (ctx, argv[1], value, "Value", exception)) {
    g_boxed_free (G_TYPE_VALUE, value);
    return NULL;
  }
  return sprout_boxed_to_js (ctx, info, value, SPROUT_BOXED_OWN, exception);
}

/* overrideProperty(name, gtype) -> a GParamSpecOverride of the property
 * @name of the class or interface @gtype (GObject.ParamSpec.override). */
static JSValueRef
sprout_subclass_native_override_property (JSContextRef ctx,
                                          JSObjectRef function,
                                          JSObjectRef self, size_t argc,
                                          const JSValueRef argv[],
                                          JSValueRef *exception)
{
  g_autofree char *name = NULL;
  GType gtype = G_TYPE_INVALID;
  GParamSpec *overridden = NULL;

  if (argc < 2)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "ParamSpec.override() takes a name and a class");
  if ((name = sprout_js_value_to_utf8 (ctx, argv[0], exception)) == NULL ||
      !sprout_gtype_arg_from_js (ctx, argv[1], "ParamSpec.override()", &gtype,
                                 exception))
    return NULL;
  if (G_TYPE_IS_INTERFACE (gtype)) {
    gpointer iface = g_type_default_interface_ref (gtype);
    overridden = g_object_interface_find_property (iface, name);
    g_type_default_interface_unref (iface);
  } else if (G_TYPE_IS_CLASSED (gtype)) {
    g_autoptr (GTypeClass) klass = g_type_class_ref (gtype);
    if (G_IS_OBJECT_CLASS (klass))
      overridden = g_object_class_find_property ((GObjectClass *) klass, name);
  }
  if (overridden == NULL)
    return sprout_js_throw (ctx, exception, "TypeError", "No property %s on %s",
                            name, g_type_name (gtype));
  return sprout_fundamental_to_js (
    ctx, g_param_spec_override (name, overridden), TRUE, exception);
}

void
sprout_subclass_props_define (JSContextRef ctx, JSObjectRef module)
{
  sprout_js_define_function (ctx, module, "pspecIndex",
                             sprout_subclass_native_pspec_index);
  sprout_js_define_function (ctx, module, "setPropertyHook",
                             sprout_subclass_native_set_property_hook);
  sprout_js_define_function (ctx, module, "valueOfType",
                             sprout_subclass_native_value_of_type);
  sprout_js_define_function (ctx, module, "overrideProperty",
                             sprout_subclass_native_override_property);
}
