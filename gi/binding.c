/* binding.c: GObject property bindings with JS transform functions
 * (GJS's bind_property_full and BindingGroup.bind_full).
 *
 * A transform function is called as fn(binding, sourceValue) and returns
 * [ok, targetValue]; when ok is true, targetValue is converted into the
 * target property's GValue. A transform that throws (or returns something
 * else) reports why and leaves the target alone, as GJS does. The functions
 * are protected until GLib drops the binding's user data.
 */
#include "subclass.h"

#include "context.h"
#include "gvalue.h"
#include "home.h"
#include "js-util.h"
#include "object.h"

typedef struct {
  SproutHome *home; /* ref */
  JSObjectRef to;   /* protected, or NULL */
  JSObjectRef from; /* protected, or NULL */
} SproutBindingFuncs;

static gboolean
sprout_binding_transform (GBinding *binding, const GValue *from_value,
                          GValue *to_value, JSObjectRef function,
                          SproutHome *home)
{
  JSValueRef exception = NULL, args[2], result, ok, value;
  JSContextRef ctx;

  if (function == NULL || !sprout_home_usable (home))
    return FALSE;
  ctx = home->ctx;
  args[0] = sprout_object_to_js (ctx, (GObject *) binding, &exception);
  args[1] = args[0] ? sprout_gvalue_to_js (ctx, from_value, &exception) : NULL;
  result = args[1] ? JSObjectCallAsFunction (ctx, function, NULL, 2, args,
                                             &exception)
                   : NULL;
  if (result && !JSValueIsArray (ctx, result))
    sprout_js_throw (ctx, &exception, "TypeError",
                     "A binding transform function must return [ok, value]");
  if (result == NULL || exception) {
    sprout_context_report_exception (ctx, exception);
    return FALSE;
  }
  ok = JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) result, 0, &exception);
  if (ok == NULL || !JSValueToBoolean (ctx, ok))
    return FALSE;
  value = JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) result, 1,
                                      &exception);
  if (value && sprout_gvalue_from_js (ctx, value, to_value, "Transformed value",
                                      &exception))
    return TRUE;
  sprout_context_report_exception (ctx, exception);
  return FALSE;
}

static gboolean
sprout_binding_transform_to (GBinding *binding, const GValue *from_value,
                             GValue *to_value, gpointer data)
{
  SproutBindingFuncs *funcs = data;

  return sprout_binding_transform (binding, from_value, to_value, funcs->to,
                                   funcs->home);
}

static gboolean
sprout_binding_transform_from (GBinding *binding, const GValue *from_value,
                               GValue *to_value, gpointer data)
{
  SproutBindingFuncs *funcs = data;

  return sprout_binding_transform (binding, from_value, to_value, funcs->from,
                                   funcs->home);
}

static void
sprout_binding_funcs_free (gpointer data)
{
  SproutBindingFuncs *funcs = data;

  if (sprout_home_usable (funcs->home)) {
    if (funcs->to)
      JSValueUnprotect (funcs->home->ctx, funcs->to);
    if (funcs->from)
      JSValueUnprotect (funcs->home->ctx, funcs->from);
  }
  sprout_home_unref (funcs->home);
  g_free (funcs);
}

/* A transform argument: a function, or null/undefined for none. */
static gboolean
sprout_binding_func_arg (JSContextRef ctx, JSValueRef value, const char *what,
                         JSObjectRef *function, JSValueRef *exception)
{
  *function = NULL;
  if (JSValueIsUndefined (ctx, value) || JSValueIsNull (ctx, value))
    return TRUE;
  if (JSValueIsObject (ctx, value) &&
      JSObjectIsFunction (ctx, (JSObjectRef) value)) {
    *function = (JSObjectRef) value;
    return TRUE;
  }
  sprout_js_throw (ctx, exception, "TypeError",
                   "%s must be a function or null, not %s", what,
                   sprout_js_type_name (ctx, value));
  return FALSE;
}

/* Arguments after the receiver: (sourceProperty, target, targetProperty,
 * flags, transformTo, transformFrom). */
typedef struct {
  char *source_property;
  GObject *target;
  char *target_property;
  GBindingFlags flags;
  SproutBindingFuncs *funcs;
} SproutBindingArgs;

static void
sprout_binding_args_clear (SproutBindingArgs *args)
{
  g_free (args->source_property);
  g_free (args->target_property);
}

static gboolean
sprout_binding_args_from_js (JSContextRef ctx, size_t argc,
                             const JSValueRef argv[], SproutBindingArgs *args,
                             JSValueRef *exception)
{
  JSObjectRef to, from;

  if (argc < 7) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "bind_property_full() takes 6 arguments");
    return FALSE;
  }
  args->source_property = sprout_js_value_to_utf8 (ctx, argv[1], exception);
  args->target = args->source_property
                   ? sprout_object_from_js (ctx, argv[2], G_TYPE_OBJECT,
                                            "Target", exception)
                   : NULL;
  args->target_property =
    args->target ? sprout_js_value_to_utf8 (ctx, argv[3], exception) : NULL;
  if (args->target_property == NULL ||
      !sprout_binding_func_arg (ctx, argv[5], "transform_to", &to, exception) ||
      !sprout_binding_func_arg (ctx, argv[6], "transform_from", &from,
                                exception))
    return FALSE;
  args->flags = JSValueIsUndefined (ctx, argv[4])
                  ? 0
                  : (GBindingFlags) JSValueToNumber (ctx, argv[4], NULL);
  args->funcs = g_new0 (SproutBindingFuncs, 1);
  args->funcs->home = sprout_home_ref_for (ctx);
  args->funcs->to = to;
  args->funcs->from = from;
  if (to)
    JSValueProtect (ctx, to);
  if (from)
    JSValueProtect (ctx, from);
  return TRUE;
}

/* bindPropertyFull(source, sourceProperty, target, targetProperty, flags,
 * transformTo, transformFrom) -> GBinding */
static JSValueRef
sprout_binding_native_bind (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutBindingArgs args = { 0 };
  GObject *source = argc > 0 ? sprout_object_from_js (ctx, argv[0],
                                                      G_TYPE_OBJECT, "Source",
                                                      exception)
                             : NULL;
  GBinding *binding;

  if (source == NULL ||
      !sprout_binding_args_from_js (ctx, argc, argv, &args, exception)) {
    sprout_binding_args_clear (&args);
    return argc > 0 ? NULL : sprout_js_throw (ctx, exception, "TypeError",
                                              "bindPropertyFull()");
  }
  binding = g_object_bind_property_full (
    source, args.source_property, args.target, args.target_property,
    args.flags, args.funcs->to ? sprout_binding_transform_to : NULL,
    args.funcs->from ? sprout_binding_transform_from : NULL, args.funcs,
    sprout_binding_funcs_free);
  sprout_binding_args_clear (&args);
  return sprout_object_to_js (ctx, (GObject *) binding, exception);
}

/* bindGroupFull(group, sourceProperty, target, targetProperty, flags,
 * transformTo, transformFrom) */
static JSValueRef
sprout_binding_native_bind_group (JSContextRef ctx, JSObjectRef function,
                                  JSObjectRef self, size_t argc,
                                  const JSValueRef argv[],
                                  JSValueRef *exception)
{
  SproutBindingArgs args = { 0 };
  GObject *group = argc > 0 ? sprout_object_from_js (ctx, argv[0],
                                                     G_TYPE_BINDING_GROUP,
                                                     "Binding group",
                                                     exception)
                            : NULL;

  if (group == NULL ||
      !sprout_binding_args_from_js (ctx, argc, argv, &args, exception)) {
    sprout_binding_args_clear (&args);
    return argc > 0 ? NULL : sprout_js_throw (ctx, exception, "TypeError",
                                              "bindGroupFull()");
  }
  g_binding_group_bind_full (
    (GBindingGroup *) group, args.source_property, args.target,
    args.target_property, args.flags,
    args.funcs->to ? sprout_binding_transform_to : NULL,
    args.funcs->from ? sprout_binding_transform_from : NULL, args.funcs,
    sprout_binding_funcs_free);
  sprout_binding_args_clear (&args);
  return JSValueMakeUndefined (ctx);
}

void
sprout_binding_define (JSContextRef ctx, JSObjectRef module)
{
  sprout_js_define_function (ctx, module, "bindPropertyFull",
                             sprout_binding_native_bind);
  sprout_js_define_function (ctx, module, "bindGroupFull",
                             sprout_binding_native_bind_group);
}
