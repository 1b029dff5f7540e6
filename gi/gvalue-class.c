/* gvalue-class.c: GObject.Value's methods, checked (gvalue.h).
 *
 * GObject.Value is the boxed class of GValue (boxed.c), and its GI methods
 * would hand JS values straight to g_value_set_int() and friends, which
 * only log a critical when the GValue holds another type or none at all,
 * and read garbage or crash on the wrong instance. So once the class is
 * made, boxed.c calls sprout_gvalue_class_setup(), which replaces the
 * methods JS uses with ones that check first and then convert with gvalue.c,
 * the same conversions properties and signals use (no libffi call: each
 * is a JS stub passing a method token and the wrapper's token to one
 * native, which switches on the method's operation):
 *
 *   get_X/dup_X          the held value as JS (the type must be X's)
 *   set_X/take_X/...     converts the argument to the held type (X's)
 *   init(type)           a GType, a class with $gtype, or String/Number/...;
 *                        the value must be uninitialised and the type able
 *                        to hold values; returns the new (empty) value, as
 *                        GJS does through the GValue* return
 *   init_from_instance   a GObject or fundamental instance
 *   copy/transform(dest) dest is another, initialised GObject.Value
 *   reset, unset, fits_pointer, peek_pointer
 *
 * Every failure is a TypeError naming the method. The set of methods stays
 * the typelib's (a name the typelib lacks is not added), and the static
 * functions (type_compatible, ...) stay GI's. The `g_type` field is a
 * getter (null when uninitialised, as in GJS). GJS 1.74's GObject override
 * adds no GObject.Value helpers of its own, so neither does Sprout's.
 */
#include "gvalue.h"

#include "gi-private.h"

#include "boxed.h"
#include "fundamental.h"
#include "gtype.h"
#include "js-fast.h"
#include "js-util.h"
#include "object.h"

typedef enum {
  SPROUT_GV_GET,
  SPROUT_GV_SET,
  SPROUT_GV_INIT,
  SPROUT_GV_INIT_FROM_INSTANCE,
  SPROUT_GV_COPY,
  SPROUT_GV_TRANSFORM,
  SPROUT_GV_RESET,
  SPROUT_GV_UNSET,
  SPROUT_GV_FITS_POINTER,
  SPROUT_GV_PEEK_POINTER,
} SproutGValueOp;

typedef struct {
  const char *name;
  SproutGValueOp op;
  const char *type_name; /* the type it needs the value to hold, or NULL */
} SproutGValueSpec;

typedef struct {
  const SproutGValueSpec *spec;
  GType type; /* from type_name; G_TYPE_NONE: any initialised value */
  char *what; /* "GObject.Value.set_int()", for conversion errors */
} SproutGValueMethod;

/* clang-format off */
#define SPROUT_GV_ACCESSORS(suffix, type)                                      \
  { "get_" suffix, SPROUT_GV_GET, type }, { "set_" suffix, SPROUT_GV_SET, type }
/* clang-format on */

static const SproutGValueSpec sprout_gvalue_specs[] = {
  SPROUT_GV_ACCESSORS ("boolean", "gboolean"),
  SPROUT_GV_ACCESSORS ("char", "gchar"),
  SPROUT_GV_ACCESSORS ("schar", "gchar"),
  SPROUT_GV_ACCESSORS ("uchar", "guchar"),
  SPROUT_GV_ACCESSORS ("int", "gint"),
  SPROUT_GV_ACCESSORS ("uint", "guint"),
  SPROUT_GV_ACCESSORS ("long", "glong"),
  SPROUT_GV_ACCESSORS ("ulong", "gulong"),
  SPROUT_GV_ACCESSORS ("int64", "gint64"),
  SPROUT_GV_ACCESSORS ("uint64", "guint64"),
  SPROUT_GV_ACCESSORS ("float", "gfloat"),
  SPROUT_GV_ACCESSORS ("double", "gdouble"),
  SPROUT_GV_ACCESSORS ("enum", "GEnum"),
  SPROUT_GV_ACCESSORS ("flags", "GFlags"),
  SPROUT_GV_ACCESSORS ("string", "gchararray"),
  { "dup_string", SPROUT_GV_GET, "gchararray" },
  { "take_string", SPROUT_GV_SET, "gchararray" },
  { "set_static_string", SPROUT_GV_SET, "gchararray" },
  { "set_interned_string", SPROUT_GV_SET, "gchararray" },
  { "set_string_take_ownership", SPROUT_GV_SET, "gchararray" },
  SPROUT_GV_ACCESSORS ("pointer", "gpointer"),
  SPROUT_GV_ACCESSORS ("gtype", "GType"),
  SPROUT_GV_ACCESSORS ("boxed", "GBoxed"),
  { "dup_boxed", SPROUT_GV_GET, "GBoxed" },
  { "take_boxed", SPROUT_GV_SET, "GBoxed" },
  { "set_static_boxed", SPROUT_GV_SET, "GBoxed" },
  { "set_boxed_take_ownership", SPROUT_GV_SET, "GBoxed" },
  SPROUT_GV_ACCESSORS ("object", "GObject"),
  { "dup_object", SPROUT_GV_GET, "GObject" },
  { "take_object", SPROUT_GV_SET, "GObject" },
  { "set_object_take_ownership", SPROUT_GV_SET, "GObject" },
  SPROUT_GV_ACCESSORS ("param", "GParam"),
  { "dup_param", SPROUT_GV_GET, "GParam" },
  { "take_param", SPROUT_GV_SET, "GParam" },
  { "set_param_take_ownership", SPROUT_GV_SET, "GParam" },
  SPROUT_GV_ACCESSORS ("variant", "GVariant"),
  { "dup_variant", SPROUT_GV_GET, "GVariant" },
  { "take_variant", SPROUT_GV_SET, "GVariant" },
  { "set_instance", SPROUT_GV_SET, NULL },
  { "init", SPROUT_GV_INIT, NULL },
  { "init_from_instance", SPROUT_GV_INIT_FROM_INSTANCE, NULL },
  { "copy", SPROUT_GV_COPY, NULL },
  { "transform", SPROUT_GV_TRANSFORM, NULL },
  { "reset", SPROUT_GV_RESET, NULL },
  { "unset", SPROUT_GV_UNSET, NULL },
  { "fits_pointer", SPROUT_GV_FITS_POINTER, NULL },
  { "peek_pointer", SPROUT_GV_PEEK_POINTER, NULL },
};

static JSClassRef sprout_gvalue_method_class;

/* ---- checks ------------------------------------------------------------- */

static JSValueRef
sprout_gvalue_method_throw (JSContextRef ctx, const SproutGValueMethod *method,
                            JSValueRef *exception, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static JSValueRef
sprout_gvalue_method_throw (JSContextRef ctx, const SproutGValueMethod *method,
                            JSValueRef *exception, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return sprout_js_throw (ctx, exception, "TypeError", "GObject.Value.%s(): %s",
                          method->spec->name, message);
}

static gboolean
sprout_gvalue_method_check_argc (JSContextRef ctx,
                                 const SproutGValueMethod *method, size_t argc,
                                 JSValueRef *exception)
{
  switch (method->spec->op) {
  case SPROUT_GV_SET:
  case SPROUT_GV_INIT:
  case SPROUT_GV_INIT_FROM_INSTANCE:
  case SPROUT_GV_COPY:
  case SPROUT_GV_TRANSFORM:
    if (argc >= 1)
      return TRUE;
    sprout_gvalue_method_throw (ctx, method, exception,
                                "1 argument required, but only 0 passed");
    return FALSE;
  default:
    return TRUE;
  }
}

/* What the value must hold for @method: nothing for init, any type for
 * most, X for the X accessors. */
static gboolean
sprout_gvalue_method_check_held (JSContextRef ctx,
                                 const SproutGValueMethod *method,
                                 const GValue *gvalue, JSValueRef *exception)
{
  GType held = G_VALUE_TYPE (gvalue);

  switch (method->spec->op) {
  case SPROUT_GV_INIT:
  case SPROUT_GV_INIT_FROM_INSTANCE:
    if (held == G_TYPE_INVALID)
      return TRUE;
    sprout_gvalue_method_throw (ctx, method, exception,
                                "the value is already initialized with type "
                                "%s; call unset() first",
                                g_type_name (held));
    return FALSE;
  case SPROUT_GV_UNSET:
    return TRUE;
  default:
    break;
  }
  if (held == G_TYPE_INVALID) {
    sprout_gvalue_method_throw (ctx, method, exception,
                                "the value is not initialized; call init() "
                                "first");
    return FALSE;
  }
  if (method->type != G_TYPE_NONE && !g_type_is_a (held, method->type)) {
    sprout_gvalue_method_throw (ctx, method, exception,
                                "the value holds a %s, not a %s",
                                g_type_name (held), g_type_name (method->type));
    return FALSE;
  }
  return TRUE;
}

/* Another GObject.Value, initialised (copy and transform's destination). */
static GValue *
sprout_gvalue_method_dest (JSContextRef ctx, const SproutGValueMethod *method,
                           JSValueRef value, JSValueRef *exception)
{
  GValue *dest = sprout_gvalue_peek_wrapper (ctx, value);

  if (dest == NULL)
    sprout_gvalue_method_throw (ctx, method, exception,
                                "expected a GObject.Value for the destination "
                                "but got type '%s'",
                                sprout_js_type_name (ctx, value));
  else if (!SPROUT_GVALUE_IS_SET (dest))
    sprout_gvalue_method_throw (ctx, method, exception,
                                "the destination value is not initialized");
  else
    return dest;
  return NULL;
}

/* ---- operations --------------------------------------------------------- */

/* g_value_reset(), which refuses abstract types (SPROUT_GVALUE_IS_SET). */
static void
sprout_gvalue_reset (GValue *gvalue)
{
  GType gtype = G_VALUE_TYPE (gvalue);

  g_value_unset (gvalue);
  g_value_init (gvalue, gtype);
}

static JSValueRef
sprout_gvalue_op_init (JSContextRef ctx, const SproutGValueMethod *method,
                       GValue *gvalue, JSValueRef type, JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID;

  if (!JSValueIsObject (ctx, type) ||
      !sprout_gtype_from_js (ctx, type, &gtype, exception)) {
    if (*exception)
      return NULL;
    return sprout_gvalue_method_throw (ctx, method, exception,
                                       "expected a GType or a class with a "
                                       "$gtype but got type '%s'",
                                       sprout_js_type_name (ctx, type));
  }
  /* What g_value_init() needs: a value table, which abstract GEnum and
   * GFlags have (GJS holds them too) and GBoxed lacks. Peeking at the table
   * of a type without one of its own (void) would log a warning. */
  if (!G_TYPE_IS_VALUE_TYPE (gtype) &&
      !(G_TYPE_IS_VALUE_ABSTRACT (gtype) && g_type_value_table_peek (gtype)))
    return sprout_gvalue_method_throw (
      ctx, method, exception, "type %s cannot hold values",
      g_type_name (gtype) ? g_type_name (gtype) : "(invalid)");
  g_value_init (gvalue, gtype);
  return sprout_gvalue_to_js (ctx, gvalue, exception);
}

/* The GTypeInstance behind a GObject or fundamental wrapper, or NULL. */
static gpointer
sprout_gvalue_instance_from_js (JSContextRef ctx, JSValueRef value)
{
  JSValueRef error = NULL;
  gpointer instance;

  if (!JSValueIsObject (ctx, value))
    return NULL;
  instance = sprout_object_from_js (ctx, value, G_TYPE_OBJECT, "", &error);
  if (instance)
    return instance;
  error = NULL;
  return sprout_fundamental_from_js (ctx, value, G_TYPE_INVALID, "", &error);
}

static JSValueRef
sprout_gvalue_op_init_from_instance (JSContextRef ctx,
                                     const SproutGValueMethod *method,
                                     GValue *gvalue, JSValueRef value,
                                     JSValueRef *exception)
{
  gpointer instance = sprout_gvalue_instance_from_js (ctx, value);

  if (instance == NULL)
    return sprout_gvalue_method_throw (ctx, method, exception,
                                       "expected a GObject or another "
                                       "instance but got type '%s'",
                                       sprout_js_type_name (ctx, value));
  g_value_init_from_instance (gvalue, instance);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_gvalue_op_set (JSContextRef ctx, const SproutGValueMethod *method,
                      GValue *gvalue, JSValueRef value, JSValueRef *exception)
{
  if (!sprout_gvalue_from_js (ctx, value, gvalue, method->what, exception))
    return NULL;
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_gvalue_op_copy (JSContextRef ctx, const SproutGValueMethod *method,
                       GValue *gvalue, JSValueRef value, JSValueRef *exception)
{
  GValue *dest = sprout_gvalue_method_dest (ctx, method, value, exception);

  if (dest == NULL)
    return NULL;
  if (!g_value_type_compatible (G_VALUE_TYPE (gvalue), G_VALUE_TYPE (dest)))
    return sprout_gvalue_method_throw (
      ctx, method, exception, "cannot copy a %s into a %s",
      G_VALUE_TYPE_NAME (gvalue), G_VALUE_TYPE_NAME (dest));
  if (dest != gvalue)
    g_value_copy (gvalue, dest);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_gvalue_op_transform (JSContextRef ctx, const SproutGValueMethod *method,
                            GValue *gvalue, JSValueRef value,
                            JSValueRef *exception)
{
  GValue *dest = sprout_gvalue_method_dest (ctx, method, value, exception);

  if (dest == NULL)
    return NULL;
  if (dest == gvalue)
    return sprout_js_make_boolean (ctx, TRUE);
  return sprout_js_make_boolean (ctx, sprout_gvalue_transform (gvalue, dest));
}

static JSValueRef
sprout_gvalue_method_run (JSContextRef ctx, const SproutGValueMethod *method,
                          GValue *gvalue, JSValueRef arg, JSValueRef *exception)
{
  switch (method->spec->op) {
  case SPROUT_GV_GET:
    return sprout_gvalue_to_js (ctx, gvalue, exception);
  case SPROUT_GV_SET:
    return sprout_gvalue_op_set (ctx, method, gvalue, arg, exception);
  case SPROUT_GV_INIT:
    return sprout_gvalue_op_init (ctx, method, gvalue, arg, exception);
  case SPROUT_GV_INIT_FROM_INSTANCE:
    return sprout_gvalue_op_init_from_instance (ctx, method, gvalue, arg,
                                                exception);
  case SPROUT_GV_COPY:
    return sprout_gvalue_op_copy (ctx, method, gvalue, arg, exception);
  case SPROUT_GV_TRANSFORM:
    return sprout_gvalue_op_transform (ctx, method, gvalue, arg, exception);
  case SPROUT_GV_RESET:
    sprout_gvalue_reset (gvalue);
    return sprout_gvalue_to_js (ctx, gvalue, exception);
  case SPROUT_GV_UNSET:
    if (SPROUT_GVALUE_IS_SET (gvalue))
      g_value_unset (gvalue);
    return JSValueMakeUndefined (ctx);
  case SPROUT_GV_FITS_POINTER:
    return sprout_js_make_boolean (ctx, G_IS_VALUE (gvalue) &&
                                          g_value_fits_pointer (gvalue));
  case SPROUT_GV_PEEK_POINTER:
    /* A raw pointer means nothing to JS (as gpointer results). */
    return JSValueMakeNull (ctx);
  default:
    g_assert_not_reached ();
  }
}

/* ---- JS stubs ----------------------------------------------------------- */

/* Each method is a small JS function that passes its method token and the
 * wrapper's token (getBoxedToken of js/object.js) to one native, so a call
 * crosses into C once and finds the GValue without a lookup. */
static const char sprout_gvalue_stubs_source[] =
  "(function (getToken, call, gtypeOf) {\n"
  "    'use strict';\n"
  "    return {\n"
  "        method(token, name) {\n"
  "            return {[name](...args) {\n"
  "                return call(token, getToken(this), ...args);\n"
  "            }}[name];\n"
  "        },\n"
  "        gType() {\n"
  "            return gtypeOf(getToken(this));\n"
  "        },\n"
  "    };\n"
  "})";

static JSClassRef sprout_gvalue_method_class;

static void
sprout_gvalue_method_finalize (JSObjectRef object)
{
  SproutGValueMethod *method = JSObjectGetPrivate (object);

  g_free (method->what);
  g_free (method);
}

static JSObjectRef
sprout_gvalue_method_new (JSContextRef ctx, const SproutGValueSpec *spec)
{
  SproutGValueMethod *method = g_new0 (SproutGValueMethod, 1);

  if (sprout_gvalue_method_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "GValueMethod";
    definition.finalize = sprout_gvalue_method_finalize;
    sprout_gvalue_method_class = JSClassCreate (&definition);
  }
  method->spec = spec;
  method->type =
    spec->type_name ? g_type_from_name (spec->type_name) : G_TYPE_NONE;
  method->what = g_strdup_printf ("GObject.Value.%s()", spec->name);
  return JSObjectMake (ctx, sprout_gvalue_method_class, method);
}

/* The GValue of a GObject.Value wrapper's token, or NULL. */
static GValue *
sprout_gvalue_from_token (JSContextRef ctx, JSValueRef token)
{
  GType gtype = G_TYPE_NONE;
  gpointer data = sprout_boxed_from_token (ctx, token, &gtype);

  return data && gtype == G_TYPE_VALUE ? data : NULL;
}

/* call(method, token, ...args) */
static JSValueRef
sprout_gvalue_native_call (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  const SproutGValueMethod *method;
  GValue *gvalue;

  if (argc < 2 ||
      !JSValueIsObjectOfClass (ctx, argv[0], sprout_gvalue_method_class))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "not a GObject.Value method");
  method = JSObjectGetPrivate ((JSObjectRef) argv[0]);
  gvalue = sprout_gvalue_from_token (ctx, argv[1]);
  if (gvalue == NULL)
    return sprout_gvalue_method_throw (ctx, method, exception,
                                       "called on an object that is not a "
                                       "GObject.Value");
  if (!sprout_gvalue_method_check_argc (ctx, method, argc - 2, exception) ||
      !sprout_gvalue_method_check_held (ctx, method, gvalue, exception))
    return NULL;
  return sprout_gvalue_method_run (
    ctx, method, gvalue, argc > 2 ? argv[2] : JSValueMakeUndefined (ctx),
    exception);
}

/* gtypeOf(token): the g_type field (null when uninitialised, as in GJS). */
static JSValueRef
sprout_gvalue_native_gtype_of (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  GValue *gvalue = argc > 0 ? sprout_gvalue_from_token (ctx, argv[0]) : NULL;

  if (gvalue == NULL)
    return JSValueMakeUndefined (ctx);
  return sprout_gtype_to_js (ctx, G_VALUE_TYPE (gvalue));
}

/* The stub factory of this context, or NULL with @exception. */
static JSObjectRef
sprout_gvalue_stubs (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef helpers = sprout_object_helpers (ctx, exception);
  JSValueRef factory, args[3];

  if (helpers == NULL)
    return NULL;
  factory = sprout_js_evaluate (ctx, sprout_gvalue_stubs_source, -1,
                                "resource:///org/sprout/gi/gvalue-class.c", 1,
                                exception);
  if (factory == NULL)
    return NULL;
  args[0] = sprout_js_get (ctx, helpers, "getBoxedToken", exception);
  args[1] =
    JSObjectMakeFunctionWithCallback (ctx, NULL, sprout_gvalue_native_call);
  args[2] =
    JSObjectMakeFunctionWithCallback (ctx, NULL, sprout_gvalue_native_gtype_of);
  if (args[0] == NULL)
    return NULL;
  return (JSObjectRef) JSObjectCallAsFunction (ctx, (JSObjectRef) factory, NULL,
                                               3, args, exception);
}

static void
sprout_gvalue_define_g_type (JSContextRef ctx, JSObjectRef prototype,
                             JSObjectRef stubs, JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef object_ctor = sprout_js_get (ctx, global, "Object", NULL);
  JSValueRef define =
    sprout_js_get (ctx, (JSObjectRef) object_ctor, "defineProperty", NULL);
  JSObjectRef descriptor = JSObjectMake (ctx, NULL, NULL);
  JSValueRef args[3];

  sprout_js_set (ctx, descriptor, "get",
                 sprout_js_get (ctx, stubs, "gType", NULL),
                 kJSPropertyAttributeNone, NULL);
  sprout_js_set (ctx, descriptor, "configurable",
                 JSValueMakeBoolean (ctx, TRUE), kJSPropertyAttributeNone,
                 NULL);
  args[0] = prototype;
  args[1] = sprout_js_value_from_utf8 (ctx, "g_type");
  args[2] = descriptor;
  JSObjectCallAsFunction (ctx, (JSObjectRef) define, NULL, 3, args, exception);
}

static gboolean
sprout_gvalue_define_method (JSContextRef ctx, JSObjectRef prototype,
                             JSObjectRef make, const SproutGValueSpec *spec,
                             JSValueRef *exception)
{
  JSValueRef args[2] = { sprout_gvalue_method_new (ctx, spec),
                         sprout_js_value_from_utf8 (ctx, spec->name) };
  JSValueRef stub =
    JSObjectCallAsFunction (ctx, make, NULL, 2, args, exception);

  return stub && sprout_js_set (ctx, prototype, spec->name, stub,
                                kJSPropertyAttributeDontEnum, exception);
}

void
sprout_gvalue_class_setup (JSContextRef ctx, JSObjectRef prototype,
                           GIBaseInfo *info)
{
  JSValueRef exception = NULL;
  JSObjectRef stubs = sprout_gvalue_stubs (ctx, &exception);
  JSObjectRef make =
    stubs ? (JSObjectRef) sprout_js_get (ctx, stubs, "method", &exception)
          : NULL;

  g_return_if_fail (GI_IS_STRUCT_INFO (info));
  for (gsize i = 0; make && i < G_N_ELEMENTS (sprout_gvalue_specs); i++) {
    const SproutGValueSpec *spec = &sprout_gvalue_specs[i];
    g_autoptr (SproutGIInfo) found =
      g_struct_info_find_method ((GIStructInfo *) info, spec->name);

    /* The typelib's set of methods, no more. */
    if (found &&
        !sprout_gvalue_define_method (ctx, prototype, make, spec, &exception))
      break;
  }
  if (exception == NULL && stubs)
    sprout_gvalue_define_g_type (ctx, prototype, stubs, &exception);
  /* Only a broken build gets here: the raw GI methods stay. */
  if (exception) {
    g_autofree char *text = sprout_js_value_describe (ctx, exception);
    g_critical ("Could not set up GObject.Value: %s", text);
  }
}
