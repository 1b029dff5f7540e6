/* subclass-signals.c: signals defined in JS classes and class closures.
 *
 * signalNew(gtype, name, flags, accumulator, returnType, paramTypes) calls
 * g_signal_newv() with GLib's generic marshaller (our closures marshal from
 * GValues themselves). The accumulator is GJS's fake enum
 * GObject.AccumulatorType: NONE, FIRST_WINS, TRUE_HANDLED.
 *
 * overrideClassClosure(signalId, gtype, function) installs a class closure
 * (GJS's on_NAME methods): @function is called with the emitter as `this`
 * and the other signal arguments, and its result becomes the signal's return
 * value (gclosure.c). The closure belongs to the class, which lives as long
 * as the process, so the function stays protected.
 */
#include "subclass.h"

#include "context.h"
#include "gclosure.h"
#include "gtype.h"
#include "gvalue.h"
#include "home.h"
#include "js-util.h"

enum { SPROUT_ACCUMULATOR_NONE, SPROUT_ACCUMULATOR_FIRST_WINS,
       SPROUT_ACCUMULATOR_TRUE_HANDLED };

static GSignalAccumulator
sprout_signal_accumulator (double which)
{
  if (which == SPROUT_ACCUMULATOR_FIRST_WINS)
    return g_signal_accumulator_first_wins;
  if (which == SPROUT_ACCUMULATOR_TRUE_HANDLED)
    return g_signal_accumulator_true_handled;
  return NULL;
}

static gboolean
sprout_signal_param_types (JSContextRef ctx, JSValueRef value, GArray *types,
                           JSValueRef *exception)
{
  JSValueRef length;
  guint n;

  if (!JSValueIsArray (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "param_types must be an array of GTypes");
    return FALSE;
  }
  length = sprout_js_get (ctx, (JSObjectRef) value, "length", exception);
  if (length == NULL)
    return FALSE;
  n = (guint) JSValueToNumber (ctx, length, NULL);
  for (guint i = 0; i < n; i++) {
    JSValueRef item =
      JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) value, i, exception);
    GType gtype = G_TYPE_INVALID;
    if (item == NULL || !sprout_gtype_arg_from_js (ctx, item, "param_types", &gtype, exception))
      return FALSE;
    g_array_append_val (types, gtype);
  }
  return TRUE;
}

/* signalNew(gtype, name, flags, accumulator, returnType, paramTypes) -> id */
static JSValueRef
sprout_subclass_native_signal_new (JSContextRef ctx, JSObjectRef function,
                                   JSObjectRef self, size_t argc,
                                   const JSValueRef argv[],
                                   JSValueRef *exception)
{
  g_autoptr (GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  g_autofree char *name = NULL;
  GType gtype = G_TYPE_INVALID, return_type = G_TYPE_NONE;
  GSignalAccumulator accumulator;
  double flags;
  guint id;

  if (argc < 6)
    return sprout_js_throw (ctx, exception, "TypeError", "signalNew()");
  if (!sprout_gtype_arg_from_js (ctx, argv[0], "Signal owner", &gtype, exception) ||
      (name = sprout_js_value_to_utf8 (ctx, argv[1], exception)) == NULL ||
      !sprout_gtype_arg_from_js (ctx, argv[4], "return_type", &return_type, exception) ||
      !sprout_signal_param_types (ctx, argv[5], types, exception))
    return NULL;
  flags = JSValueToNumber (ctx, argv[2], exception);
  accumulator = sprout_signal_accumulator (JSValueToNumber (ctx, argv[3], NULL));
  if (!g_signal_is_valid_name (name))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Invalid signal name %s", name);
  if (g_signal_lookup (name, gtype) != 0)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Signal %s already exists on %s", name,
                            g_type_name (gtype));
  if (accumulator == g_signal_accumulator_true_handled &&
      return_type != G_TYPE_BOOLEAN)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "GObject.AccumulatorType.TRUE_HANDLED can only be "
                            "used with boolean signals");
  id = g_signal_newv (name, gtype, (GSignalFlags) flags, NULL, accumulator,
                      NULL, NULL, return_type, types->len,
                      (GType *) types->data);
  return JSValueMakeNumber (ctx, id);
}

/* overrideClassClosure(signalId, gtype, function) */
static JSValueRef
sprout_subclass_native_override_class_closure (JSContextRef ctx,
                                               JSObjectRef function,
                                               JSObjectRef self, size_t argc,
                                               const JSValueRef argv[],
                                               JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID;
  guint id;

  if (argc < 3 || !JSValueIsObject (ctx, argv[2]) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) argv[2]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "overrideClassClosure()");
  if (!sprout_gtype_arg_from_js (ctx, argv[1], "Class", &gtype, exception))
    return NULL;
  id = (guint) JSValueToNumber (ctx, argv[0], exception);
  /* The class keeps the closure (and so the function) for the process. */
  g_signal_override_class_closure (
    id, gtype, sprout_gclosure_new (ctx, (JSObjectRef) argv[2], TRUE));
  return JSValueMakeUndefined (ctx);
}

void
sprout_subclass_signals_define (JSContextRef ctx, JSObjectRef module)
{
  sprout_js_define_function (ctx, module, "signalNew",
                             sprout_subclass_native_signal_new);
  sprout_js_define_function (ctx, module, "overrideClassClosure",
                             sprout_subclass_native_override_class_closure);
}
