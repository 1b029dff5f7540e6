/* gvalue.c: GValue <-> JS (gvalue.h), for properties, signals and
 * GObject.Value.
 *
 * The target of a JS -> GValue conversion is the type the caller initialised
 * the GValue with (a property's value type, a signal parameter's type). We
 * dispatch first on the few derived types with their own JS form (GStrv,
 * GValue-in-a-GValue, GType), then on the fundamental type.
 *
 * Numbers follow marshal-basic.c and GJS: Numbers (and booleans, null and
 * numeric strings) convert to integers with a range check, never wrapping;
 * 64-bit types also take BigInts, and 64-bit values beyond 2^53 come back as
 * rounded Numbers with a warning. Enums must be one of the enum's values and
 * flags a combination of the class's bits. Strings must be strings (null is
 * NULL). Objects and interfaces are wrappers (object.h), or null.
 *
 * GByteArray is a Uint8Array (as in GJS), a GError a GLib.Error (out only),
 * and other boxed types with GI information are boxed wrappers (boxed.h),
 * copied both ways. GParamSpecs and other fundamentals are their wrappers
 * (fundamental.h), through the type's GValue functions; GTypes are GType
 * objects (gtype.h). GVariants are GLib.Variant wrappers (variant.h).
 * Other boxed types have no JS form yet: null converts to NULL and back,
 * anything else is a TypeError saying so.
 *
 * A GObject.Value wrapper given for a typed GValue gives its value (copied
 * when the types are compatible, as GJS does); for a GValue-in-a-GValue it is
 * held itself, and other JS values are boxed with a guessed type
 * (gvalue-box.c). "Initialised" means having a type, not G_IS_VALUE, which
 * GLib denies the abstract GEnum and GFlags (SPROUT_GVALUE_IS_SET).
 */
#include "gvalue.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "arg-cache.h"
#include "boxed.h"
#include "fundamental.h"
#include "gi-private.h"
#include "gtype.h"
#include "js-fast.h"
#include "js-util.h"
#include "object.h"
#include "variant.h"

#define SPROUT_WHAT(what) ((what) ? (what) : "Value")

static gboolean
sprout_gvalue_throw_type (JSContextRef ctx, JSValueRef value, GType gtype,
                          const char *what, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "TypeError",
                   "Expected type %s for %s but got type '%s'",
                   g_type_name (gtype), SPROUT_WHAT (what),
                   sprout_js_type_name (ctx, value));
  return FALSE;
}

static gboolean
sprout_gvalue_throw_range (JSContextRef ctx, double number, GType gtype,
                           const char *what, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "RangeError",
                   "%s: value %.16g is out of range for %s", SPROUT_WHAT (what),
                   number, g_type_name (gtype));
  return FALSE;
}

static gboolean
sprout_gvalue_throw_unsupported (JSContextRef ctx, GType gtype,
                                 const char *what, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "TypeError",
                   "%s: converting values of type %s is not supported yet",
                   SPROUT_WHAT (what), g_type_name (gtype));
  return FALSE;
}

/* ---- numbers ------------------------------------------------------------ */

/* @value as a double, as marshal-basic.c converts numbers: undefined is NaN
 * (0 for integers, like NaN and the infinities), booleans and null convert,
 * numeric strings and objects that convert to a number convert, BigInts
 * are refused (64-bit types handle them before calling this), anything
 * else is a TypeError. */
static gboolean
sprout_gvalue_number (JSContextRef ctx, JSValueRef value, gboolean is_float,
                      GType gtype, const char *what, double *out,
                      JSValueRef *exception)
{
  if (G_LIKELY (sprout_js_get_number (ctx, value, out))) {
    if (!is_float && !isfinite (*out))
      *out = 0;
    return TRUE;
  }
  switch (JSValueGetType (ctx, value)) {
  case kJSTypeUndefined:
    *out = NAN;
    break;
  case kJSTypeBoolean:
    *out = JSValueToBoolean (ctx, value) ? 1 : 0;
    break;
  case kJSTypeNull:
    *out = 0;
    break;
  case kJSTypeNumber:
    *out = JSValueToNumber (ctx, value, NULL);
    break;
  case kJSTypeString:
    *out = JSValueToNumber (ctx, value, NULL);
    if (!isnan (*out))
      break;
    return sprout_gvalue_throw_type (ctx, value, gtype, what, exception);
  case kJSTypeObject: {
    /* As arguments take them (marshal-basic.c): [5] is 5, NaN an error. */
    JSValueRef error = NULL;

    *out = JSValueToNumber (ctx, value, &error);
    if (error != NULL) {
      if (exception)
        *exception = error;
      return FALSE;
    }
    if (!isnan (*out))
      break;
    return sprout_gvalue_throw_type (ctx, value, gtype, what, exception);
  }
  case kJSTypeBigInt:
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: a BigInt cannot be converted to %s; use a Number",
                     SPROUT_WHAT (what), g_type_name (gtype));
    return FALSE;
  default:
    return sprout_gvalue_throw_type (ctx, value, gtype, what, exception);
  }
  if (!is_float && !isfinite (*out))
    *out = 0;
  return TRUE;
}

/* An integer in [@min, @max] (both exactly representable as doubles). */
static gboolean
sprout_gvalue_int_in (JSContextRef ctx, JSValueRef value, GType gtype,
                      double min, double max, const char *what, double *out,
                      JSValueRef *exception)
{
  if (!sprout_gvalue_number (ctx, value, FALSE, gtype, what, out, exception))
    return FALSE;
  if (!(*out >= min && *out <= max))
    return sprout_gvalue_throw_range (ctx, *out, gtype, what, exception);
  return TRUE;
}

/* A gint from a finite @number: modulo 2^32 as GJS converts (ECMAScript's
 * ToInt32), which code written for GJS relies on, with a warning where it
 * wraps (marshal-basic.c does the same for gint32 arguments). */
static gint
sprout_gvalue_to_int32 (double number, const char *what)
{
  gint result;

  if (number >= (double) G_MININT32 && number <= (double) G_MAXINT32)
    return (gint) number;
  result = sprout_js_number_to_int32 (number);
  g_warning ("JS WARNING: %s: value %.17g is out of range for gint; "
             "converted to %d as GJS does (modulo 2^32)",
             SPROUT_WHAT (what), number, result);
  return result;
}

/* A 64-bit integer from a Number or a BigInt, range checked, as the bits
 * of a guint64 (of a gint64 unless @is_unsigned). */
static gboolean
sprout_gvalue_64_in (JSContextRef ctx, JSValueRef value, GType gtype,
                     gboolean is_unsigned, const char *what, guint64 *bits,
                     JSValueRef *exception)
{
  JSValueRef error = NULL;
  gboolean in_range;
  double number;

  if (JSValueIsBigInt (ctx, value)) {
    in_range =
      JSValueCompareInt64 (ctx, value, is_unsigned ? 0 : G_MININT64, &error) !=
        kJSRelationConditionLessThan &&
      (is_unsigned ? JSValueCompareUInt64 (ctx, value, G_MAXUINT64, &error)
                   : JSValueCompareInt64 (ctx, value, G_MAXINT64, &error)) !=
        kJSRelationConditionGreaterThan;
    if (!in_range)
      return sprout_gvalue_throw_range (ctx, JSValueToNumber (ctx, value, NULL),
                                        gtype, what, exception);
    *bits = is_unsigned ? JSValueToUInt64 (ctx, value, &error)
                        : (guint64) JSValueToInt64 (ctx, value, &error);
    if (error && exception)
      *exception = error;
    return error == NULL;
  }
  if (!sprout_gvalue_number (ctx, value, FALSE, gtype, what, &number,
                             exception))
    return FALSE;
  /* 2^63 and 2^64 are not representable; doubles at the edges round to
   * them. */
  in_range = is_unsigned ? number >= 0 && number < 18446744073709551616.0
                         : number >= -9223372036854775808.0 &&
                             number < 9223372036854775808.0;
  if (!in_range)
    return sprout_gvalue_throw_range (ctx, number, gtype, what, exception);
  *bits = is_unsigned ? (guint64) number : (guint64) (gint64) number;
  return TRUE;
}

static gboolean
sprout_gvalue_numeric_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                          const char *what, JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  double number;
  guint64 bits;

#define SPROUT_INT_CASE(type, min, max, setter, ctype)                         \
  case type:                                                                   \
    if (!sprout_gvalue_int_in (ctx, value, gtype, (double) (min),              \
                               (double) (max), what, &number, exception))      \
      return FALSE;                                                            \
    setter (gvalue, (ctype) number);                                           \
    return TRUE;

  switch (G_TYPE_FUNDAMENTAL (gtype)) {
    SPROUT_INT_CASE (G_TYPE_CHAR, G_MININT8, G_MAXINT8, g_value_set_schar,
                     gint8)
    SPROUT_INT_CASE (G_TYPE_UCHAR, 0, G_MAXUINT8, g_value_set_uchar, guchar)
    SPROUT_INT_CASE (G_TYPE_UINT, 0, G_MAXUINT, g_value_set_uint, guint)
#undef SPROUT_INT_CASE
  case G_TYPE_INT:
    if (!sprout_gvalue_number (ctx, value, FALSE, gtype, what, &number,
                               exception))
      return FALSE;
    g_value_set_int (gvalue, sprout_gvalue_to_int32 (number, what));
    return TRUE;
  case G_TYPE_LONG:
  case G_TYPE_INT64:
    if (!sprout_gvalue_64_in (ctx, value, gtype, FALSE, what, &bits, exception))
      return FALSE;
    if (G_TYPE_FUNDAMENTAL (gtype) == G_TYPE_INT64) {
      g_value_set_int64 (gvalue, (gint64) bits);
      return TRUE;
    }
#if GLIB_SIZEOF_LONG < 8
    if ((gint64) bits < G_MINLONG || (gint64) bits > G_MAXLONG)
      return sprout_gvalue_throw_range (ctx, (double) (gint64) bits, gtype,
                                        what, exception);
#endif
    g_value_set_long (gvalue, (glong) (gint64) bits);
    return TRUE;
  case G_TYPE_ULONG:
  case G_TYPE_UINT64:
    if (!sprout_gvalue_64_in (ctx, value, gtype, TRUE, what, &bits, exception))
      return FALSE;
    if (G_TYPE_FUNDAMENTAL (gtype) == G_TYPE_UINT64) {
      g_value_set_uint64 (gvalue, bits);
      return TRUE;
    }
#if GLIB_SIZEOF_LONG < 8
    if (bits > G_MAXULONG)
      return sprout_gvalue_throw_range (ctx, (double) bits, gtype, what,
                                        exception);
#endif
    g_value_set_ulong (gvalue, (gulong) bits);
    return TRUE;
  case G_TYPE_FLOAT:
    if (!sprout_gvalue_number (ctx, value, TRUE, gtype, what, &number,
                               exception))
      return FALSE;
    if (isfinite (number) && (number > FLT_MAX || number < -FLT_MAX))
      return sprout_gvalue_throw_range (ctx, number, gtype, what, exception);
    g_value_set_float (gvalue, (float) number);
    return TRUE;
  case G_TYPE_DOUBLE:
    if (!sprout_gvalue_number (ctx, value, TRUE, gtype, what, &number,
                               exception))
      return FALSE;
    g_value_set_double (gvalue, number);
    return TRUE;
  default:
    g_assert_not_reached ();
  }
}

/* ---- enums and flags ---------------------------------------------------- */

/* An integral Number (enums and flags take nothing else, as in
 * marshal-enum.c), within [G_MININT32, G_MAXUINT32]. */
static gboolean
sprout_gvalue_enum_number (JSContextRef ctx, JSValueRef value, GType gtype,
                           const char *what, gint64 *out, JSValueRef *exception)
{
  double number;

  if (!sprout_js_get_number (ctx, value, &number))
    return sprout_gvalue_throw_type (ctx, value, gtype, what, exception);
  if (number != floor (number) || number < G_MININT32 || number > G_MAXUINT32) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: %g is not a valid value for %s", SPROUT_WHAT (what),
                     number, g_type_name (gtype));
    return FALSE;
  }
  *out = (gint64) number;
  return TRUE;
}

static gboolean
sprout_gvalue_enum_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                       const char *what, JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  g_autoptr (GTypeClass) klass = NULL;
  gint64 number;
  gint enum_value;

  if (!sprout_gvalue_enum_number (ctx, value, gtype, what, &number, exception))
    return FALSE;
  /* GEnumValue holds a gint: unsigned values above G_MAXINT wrap there. */
  enum_value = number < 0 ? (gint) number : (gint) (guint) number;
  klass = g_type_class_ref (gtype);
  /* A GValue of the abstract GEnum itself has no values to check against
   * (GIMarshallingTests.gvalue_in_enum packs one so). */
  if (gtype != G_TYPE_ENUM &&
      g_enum_get_value ((GEnumClass *) klass, enum_value) == NULL) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: %" G_GINT64_FORMAT " is not a valid value for "
                     "enumeration %s",
                     SPROUT_WHAT (what), number, g_type_name (gtype));
    return FALSE;
  }
  g_value_set_enum (gvalue, enum_value);
  return TRUE;
}

static gboolean
sprout_gvalue_flags_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                        const char *what, JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  g_autoptr (GTypeClass) klass = NULL;
  gint64 number;
  guint bits;

  if (!sprout_gvalue_enum_number (ctx, value, gtype, what, &number, exception))
    return FALSE;
  bits = number < 0 ? (guint) (gint) number : (guint) number;
  klass = g_type_class_ref (gtype);
  if (gtype != G_TYPE_FLAGS && (bits & ~((GFlagsClass *) klass)->mask)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: 0x%x is not a valid value for flags %s",
                     SPROUT_WHAT (what), bits, g_type_name (gtype));
    return FALSE;
  }
  g_value_set_flags (gvalue, bits);
  return TRUE;
}

/* ---- strings, GStrv, GType ---------------------------------------------- */

static gboolean
sprout_gvalue_string_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                         const char *what, JSValueRef *exception)
{
  char *text;

  if (JSValueIsNull (ctx, value)) {
    g_value_set_string (gvalue, NULL);
    return TRUE;
  }
  if (!JSValueIsString (ctx, value))
    return sprout_gvalue_throw_type (ctx, value, G_VALUE_TYPE (gvalue), what,
                                     exception);
  text = sprout_js_value_to_utf8 (ctx, value, exception);
  if (text == NULL)
    return FALSE;
  g_value_take_string (gvalue, text);
  return TRUE;
}

static gboolean
sprout_gvalue_strv_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                       const char *what, JSValueRef *exception)
{
  g_autoptr (GPtrArray) strings = NULL;
  JSValueRef length_value;
  double length;

  if (JSValueIsNull (ctx, value)) {
    g_value_set_boxed (gvalue, NULL);
    return TRUE;
  }
  if (!JSValueIsArray (ctx, value))
    return sprout_gvalue_throw_type (ctx, value, G_VALUE_TYPE (gvalue), what,
                                     exception);
  length_value = sprout_js_get (ctx, (JSObjectRef) value, "length", exception);
  if (length_value == NULL)
    return FALSE;
  length = JSValueToNumber (ctx, length_value, NULL);
  strings = g_ptr_array_new_full ((guint) length + 1, g_free);
  for (guint i = 0; i < (guint) length; i++) {
    JSValueRef element =
      JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) value, i, exception);
    char *text;
    if (element == NULL)
      return FALSE;
    if (!JSValueIsString (ctx, element)) {
      sprout_js_throw (ctx, exception, "TypeError",
                       "Expected type %s for %s but element %u has type '%s'",
                       g_type_name (G_VALUE_TYPE (gvalue)), SPROUT_WHAT (what),
                       i, sprout_js_type_name (ctx, element));
      return FALSE;
    }
    text = sprout_js_value_to_utf8 (ctx, element, exception);
    if (text == NULL)
      return FALSE;
    g_ptr_array_add (strings, text);
  }
  g_ptr_array_add (strings, NULL);
  g_value_take_boxed (gvalue,
                      g_ptr_array_free (g_steal_pointer (&strings), FALSE));
  return TRUE;
}

static gboolean
sprout_gvalue_gtype_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                        const char *what, JSValueRef *exception)
{
  GType gtype;

  if (!sprout_gtype_from_js (ctx, value, &gtype, exception))
    return *exception == NULL
             ? sprout_gvalue_throw_type (ctx, value, G_VALUE_TYPE (gvalue),
                                         what, exception)
             : FALSE;
  g_value_set_gtype (gvalue, gtype);
  return TRUE;
}

/* ---- objects ------------------------------------------------------------ */

static gboolean
sprout_gvalue_object_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                         const char *what, JSValueRef *exception)
{
  GObject *object;

  if (JSValueIsNull (ctx, value)) {
    g_value_set_object (gvalue, NULL);
    return TRUE;
  }
  object = sprout_object_from_js (ctx, value, G_VALUE_TYPE (gvalue),
                                  SPROUT_WHAT (what), exception);
  if (object == NULL)
    return FALSE;
  g_value_set_object (gvalue, object);
  return TRUE;
}

/* ---- GValue in a GValue ------------------------------------------------- */

/* A GValue in a GValue: a GObject.Value wrapper is copied in (even an
 * uninitialised one: it is the value held); anything else is boxed into a
 * new GValue of the type it suggests (gvalue-box.c). */
/* GObject.TYPE_JSOBJECT: any object (functions and arrays too), or null. */
static gboolean
sprout_gvalue_jsobject_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                           const char *what, JSValueRef *exception)
{
  if (JSValueIsNull (ctx, value)) {
    g_value_set_boxed (gvalue, NULL);
    return TRUE;
  }
  if (!JSValueIsObject (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: Wrong type %s; JSObject expected", SPROUT_WHAT (what),
                     sprout_js_type_name (ctx, value));
    return FALSE;
  }
  g_value_take_boxed (gvalue,
                      sprout_gtype_jsobject_box (ctx, (JSObjectRef) value));
  return TRUE;
}

static gboolean
sprout_gvalue_value_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                        const char *what, JSValueRef *exception)
{
  GValue *inner;

  if (sprout_js_is_nullish (ctx, value)) {
    g_value_set_boxed (gvalue, NULL);
    return TRUE;
  }
  inner = sprout_gvalue_peek_wrapper (ctx, value);
  if (inner) {
    g_value_set_boxed (gvalue, inner); /* a copy */
    return TRUE;
  }
  inner = sprout_gvalue_new_from_js (ctx, value, what, exception);
  if (inner == NULL)
    return FALSE;
  g_value_take_boxed (gvalue, inner);
  return TRUE;
}

/* ---- other boxed types -------------------------------------------------- */

static gboolean
sprout_gvalue_is_byte_array (JSContextRef ctx, JSValueRef value)
{
  switch (JSValueGetTypedArrayType (ctx, value, NULL)) {
  case kJSTypedArrayTypeInt8Array:
  case kJSTypedArrayTypeUint8Array:
  case kJSTypedArrayTypeUint8ClampedArray:
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean
sprout_gvalue_byte_array_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                             const char *what, JSValueRef *exception)
{
  JSObjectRef array = (JSObjectRef) value;
  GByteArray *bytes;
  gsize n;

  if (!sprout_gvalue_is_byte_array (ctx, value))
    return sprout_gvalue_throw_type (ctx, value, G_VALUE_TYPE (gvalue), what,
                                     exception);
  n = JSObjectGetTypedArrayByteLength (ctx, array, exception);
  bytes = g_byte_array_sized_new ((guint) n);
  /* The pointer is to the start of the buffer, not of the view. */
  if (n > 0)
    g_byte_array_append (
      bytes,
      (const guint8 *) JSObjectGetTypedArrayBytesPtr (ctx, array, exception) +
        JSObjectGetTypedArrayByteOffset (ctx, array, exception),
      (guint) n);
  g_value_take_boxed (gvalue, bytes);
  return TRUE;
}

static JSValueRef
sprout_gvalue_byte_array_to_js (JSContextRef ctx, const GByteArray *bytes,
                                JSValueRef *exception)
{
  return sprout_gi_byte_array_new (ctx, bytes->data, bytes->len, exception);
}

/* GI's description of a boxed @gtype that has wrappers, or NULL. */
static GIBaseInfo *
sprout_gvalue_boxed_info (GType gtype)
{
  GIBaseInfo *info;

  if (gtype == G_TYPE_CLOSURE || gtype == G_TYPE_ERROR)
    return NULL; /* need conversions of their own */
  info = g_irepository_find_by_gtype (NULL, gtype);
  if (info == NULL)
    return NULL;
  switch (g_base_info_get_type (info)) {
  case GI_INFO_TYPE_STRUCT:
  case GI_INFO_TYPE_BOXED:
  case GI_INFO_TYPE_UNION:
    return info;
  default:
    g_base_info_unref (info);
    return NULL;
  }
}

static gboolean
sprout_gvalue_boxed_in (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                        const char *what, JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  g_autoptr (SproutGIInfo) info = NULL;
  gpointer data;

  if (JSValueIsNull (ctx, value)) {
    g_value_set_boxed (gvalue, NULL);
    return TRUE;
  }
  if (gtype == G_TYPE_BYTE_ARRAY)
    return sprout_gvalue_byte_array_in (ctx, value, gvalue, what, exception);
  info = sprout_gvalue_boxed_info (gtype);
  if (info == NULL)
    return sprout_gvalue_throw_unsupported (ctx, gtype, what, exception);
  data = sprout_boxed_from_js (ctx, value, info, SPROUT_WHAT (what), exception);
  if (data == NULL)
    return FALSE;
  g_value_set_boxed (gvalue, data); /* a copy */
  return TRUE;
}

static JSValueRef
sprout_gvalue_boxed_to_js (JSContextRef ctx, const GValue *gvalue,
                           JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  gpointer data = g_value_get_boxed (gvalue);
  g_autoptr (SproutGIInfo) info = NULL;

  if (data == NULL)
    return JSValueMakeNull (ctx);
  if (gtype == G_TYPE_BYTE_ARRAY)
    return sprout_gvalue_byte_array_to_js (ctx, data, exception);
  if (gtype == G_TYPE_ERROR)
    return sprout_gerror_to_js (ctx, data);
  info = sprout_gvalue_boxed_info (gtype);
  if (info == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Converting a value of type %s to JavaScript is "
                            "not supported yet",
                            g_type_name (gtype));
  return sprout_boxed_to_js (ctx, info, data, SPROUT_BOXED_COPY, exception);
}

/* ---- fundamentals (GParamSpec, ...) ------------------------------------ */

/* GParamSpec and introspected fundamentals have wrappers (fundamental.h). */
/* GLib's own fundamental types but GParam (booleans, numbers, strings,
 * enums...): none of the special cases below apply to them, so the common
 * conversions skip those checks (G_TYPE_GTYPE alone is a function call). */
static inline gboolean
sprout_gvalue_is_glib_fundamental (GType gtype)
{
  return G_TYPE_IS_FUNDAMENTAL (gtype) && gtype != G_TYPE_PARAM &&
         gtype < G_TYPE_MAKE_FUNDAMENTAL (G_TYPE_RESERVED_USER_FIRST);
}

static gboolean
sprout_gvalue_is_fundamental (GType gtype)
{
  GType fundamental = G_TYPE_FUNDAMENTAL (gtype);
  GType first_user = G_TYPE_MAKE_FUNDAMENTAL (G_TYPE_RESERVED_USER_FIRST);

  return (fundamental == G_TYPE_PARAM || fundamental >= first_user) &&
         sprout_fundamental_is_wrappable (gtype);
}

static gboolean
sprout_gvalue_fundamental_in (JSContextRef ctx, JSValueRef value,
                              GValue *gvalue, const char *what,
                              JSValueRef *exception)
{
  GType gtype = G_VALUE_TYPE (gvalue);
  gpointer instance = NULL;

  if (!sprout_js_is_nullish (ctx, value)) {
    instance = sprout_fundamental_from_js (ctx, value, gtype,
                                           SPROUT_WHAT (what), exception);
    if (instance == NULL)
      return FALSE;
  }
  if (!sprout_fundamental_value_set (gvalue, instance))
    return sprout_gvalue_throw_unsupported (ctx, gtype, what, exception);
  return TRUE;
}

static JSValueRef
sprout_gvalue_fundamental_to_js (JSContextRef ctx, const GValue *gvalue,
                                 JSValueRef *exception)
{
  return sprout_fundamental_to_js (ctx, sprout_fundamental_value_get (gvalue),
                                   FALSE, exception);
}

/* ---- JS -> GValue ------------------------------------------------------- */

/* Object targets are the hot path of properties and signals, and a
 * GObject.Value is never one of their wrappers: no need to look. */
static gboolean
sprout_gvalue_may_take_wrapper (GType gtype)
{
  GType fundamental = G_TYPE_FUNDAMENTAL (gtype);

  return gtype != G_TYPE_VALUE && fundamental != G_TYPE_OBJECT &&
         fundamental != G_TYPE_INTERFACE;
}

/* A GObject.Value given for a typed GValue: its value, copied if the
 * types are compatible (GJS neither transforms nor converts). */
static gboolean
sprout_gvalue_from_wrapper (JSContextRef ctx, const GValue *source,
                            GValue *gvalue, const char *what,
                            JSValueRef *exception)
{
  GType from = G_VALUE_TYPE (source), to = G_VALUE_TYPE (gvalue);

  if (!SPROUT_GVALUE_IS_SET (source)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: GObject.Value is not initialized with a type",
                     SPROUT_WHAT (what));
    return FALSE;
  }
  if (!g_value_type_compatible (from, to)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: GObject.Value expected GType %s, found %s",
                     SPROUT_WHAT (what), g_type_name (to), g_type_name (from));
    return FALSE;
  }
  g_value_copy (source, gvalue);
  return TRUE;
}

gboolean
sprout_gvalue_from_js (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                       const char *what, JSValueRef *exception)
{
  GType gtype;

  g_return_val_if_fail (SPROUT_GVALUE_IS_SET (gvalue), FALSE);
  gtype = G_VALUE_TYPE (gvalue);

  if (sprout_gvalue_may_take_wrapper (gtype) && JSValueIsObject (ctx, value)) {
    const GValue *source = sprout_gvalue_peek_wrapper (ctx, value);
    if (source)
      return sprout_gvalue_from_wrapper (ctx, source, gvalue, what, exception);
  }
  if (!sprout_gvalue_is_glib_fundamental (gtype)) {
    if (gtype == G_TYPE_STRV)
      return sprout_gvalue_strv_in (ctx, value, gvalue, what, exception);
    if (gtype == G_TYPE_VALUE)
      return sprout_gvalue_value_in (ctx, value, gvalue, what, exception);
    if (gtype == G_TYPE_GTYPE)
      return sprout_gvalue_gtype_in (ctx, value, gvalue, what, exception);
    if (gtype == sprout_gtype_jsobject ())
      return sprout_gvalue_jsobject_in (ctx, value, gvalue, what, exception);
    if (sprout_gvalue_is_fundamental (gtype))
      return sprout_gvalue_fundamental_in (ctx, value, gvalue, what,
                                           exception);
  }

  switch (G_TYPE_FUNDAMENTAL (gtype)) {
  case G_TYPE_BOOLEAN:
    g_value_set_boolean (gvalue, sprout_js_to_boolean (ctx, value));
    return TRUE;
  case G_TYPE_CHAR:
  case G_TYPE_UCHAR:
  case G_TYPE_INT:
  case G_TYPE_UINT:
  case G_TYPE_LONG:
  case G_TYPE_ULONG:
  case G_TYPE_INT64:
  case G_TYPE_UINT64:
  case G_TYPE_FLOAT:
  case G_TYPE_DOUBLE:
    return sprout_gvalue_numeric_in (ctx, value, gvalue, what, exception);
  case G_TYPE_ENUM:
    return sprout_gvalue_enum_in (ctx, value, gvalue, what, exception);
  case G_TYPE_FLAGS:
    return sprout_gvalue_flags_in (ctx, value, gvalue, what, exception);
  case G_TYPE_STRING:
    return sprout_gvalue_string_in (ctx, value, gvalue, what, exception);
  case G_TYPE_OBJECT:
    return sprout_gvalue_object_in (ctx, value, gvalue, what, exception);
  case G_TYPE_INTERFACE:
    if (g_type_is_a (gtype, G_TYPE_OBJECT))
      return sprout_gvalue_object_in (ctx, value, gvalue, what, exception);
    break;
  case G_TYPE_BOXED:
    return sprout_gvalue_boxed_in (ctx, value, gvalue, what, exception);
  case G_TYPE_VARIANT: {
    GVariant *variant = sprout_js_is_nullish (ctx, value)
                          ? NULL
                          : sprout_variant_from_js (ctx, value,
                                                    SPROUT_WHAT (what),
                                                    exception);
    if (variant == NULL && *exception)
      return FALSE;
    g_value_set_variant (gvalue, variant);
    return TRUE;
  }
  case G_TYPE_POINTER:
    if (!sprout_js_is_nullish (ctx, value))
      return sprout_gvalue_throw_type (ctx, value, gtype, what, exception);
    /* fall through */
  case G_TYPE_PARAM:
    if (sprout_js_is_nullish (ctx, value)) {
      g_value_reset (gvalue); /* NULL */
      return TRUE;
    }
    break;
  default:
    break;
  }
  return sprout_gvalue_throw_unsupported (ctx, gtype, what, exception);
}

/* ---- GValue -> JS ------------------------------------------------------- */

static JSValueRef
sprout_gvalue_string_to_js (JSContextRef ctx, const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return JSValueMakeNull (ctx);
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return sprout_js_value_from_utf8 (ctx, text);
}

static JSValueRef
sprout_gvalue_throw_unsupported_out (JSContextRef ctx, GType gtype,
                                     JSValueRef *exception)
{
  return sprout_js_throw (ctx, exception, "TypeError",
                          "Converting a value of type %s to JavaScript is not "
                          "supported yet",
                          g_type_name (gtype));
}

JSValueRef
sprout_gvalue_to_js (JSContextRef ctx, const GValue *gvalue,
                     JSValueRef *exception)
{
  GType gtype;

  g_return_val_if_fail (SPROUT_GVALUE_IS_SET (gvalue), NULL);
  gtype = G_VALUE_TYPE (gvalue);

  if (!sprout_gvalue_is_glib_fundamental (gtype)) {
    if (gtype == G_TYPE_STRV)
      return sprout_js_array_from_strv (ctx, g_value_get_boxed (gvalue));
    if (gtype == G_TYPE_VALUE) {
      const GValue *inner = g_value_get_boxed (gvalue);
      if (inner == NULL || !SPROUT_GVALUE_IS_SET (inner))
        return JSValueMakeNull (ctx);
      return sprout_gvalue_to_js (ctx, inner, exception);
    }
    if (gtype == G_TYPE_GTYPE)
      return sprout_gtype_to_js (ctx, g_value_get_gtype (gvalue));
    if (gtype == sprout_gtype_jsobject ()) {
      JSObjectRef object =
        sprout_gtype_jsobject_unbox (g_value_get_boxed (gvalue));
      return object ? (JSValueRef) object : JSValueMakeNull (ctx);
    }
    if (sprout_gvalue_is_fundamental (gtype))
      return sprout_gvalue_fundamental_to_js (ctx, gvalue, exception);
  }

  switch (G_TYPE_FUNDAMENTAL (gtype)) {
  case G_TYPE_BOOLEAN:
    return sprout_js_make_boolean (ctx, g_value_get_boolean (gvalue));
  case G_TYPE_CHAR:
    return sprout_js_make_number (ctx, g_value_get_schar (gvalue));
  case G_TYPE_UCHAR:
    return sprout_js_make_number (ctx, g_value_get_uchar (gvalue));
  case G_TYPE_INT:
    return sprout_js_make_number (ctx, g_value_get_int (gvalue));
  case G_TYPE_UINT:
    return sprout_js_make_number (ctx, g_value_get_uint (gvalue));
  case G_TYPE_LONG:
    return sprout_js_number_from_int64 (ctx, g_value_get_long (gvalue));
  case G_TYPE_ULONG:
    return sprout_js_number_from_uint64 (ctx, g_value_get_ulong (gvalue));
  case G_TYPE_INT64:
    return sprout_js_number_from_int64 (ctx, g_value_get_int64 (gvalue));
  case G_TYPE_UINT64:
    return sprout_js_number_from_uint64 (ctx, g_value_get_uint64 (gvalue));
  case G_TYPE_FLOAT:
    return sprout_js_make_number (ctx, g_value_get_float (gvalue));
  case G_TYPE_DOUBLE:
    return sprout_js_make_number (ctx, g_value_get_double (gvalue));
  case G_TYPE_ENUM:
    return sprout_js_make_number (ctx, g_value_get_enum (gvalue));
  case G_TYPE_FLAGS:
    return sprout_js_make_number (ctx, g_value_get_flags (gvalue));
  case G_TYPE_STRING:
    return sprout_gvalue_string_to_js (ctx, g_value_get_string (gvalue));
  case G_TYPE_OBJECT:
    return sprout_object_to_js (ctx, g_value_get_object (gvalue), exception);
  case G_TYPE_INTERFACE:
    if (g_type_is_a (gtype, G_TYPE_OBJECT))
      return sprout_object_to_js (ctx, g_value_get_object (gvalue), exception);
    break;
  case G_TYPE_POINTER:
    /* Opaque: JS can do nothing with it (as marshal-basic.c). */
    return JSValueMakeNull (ctx);
  case G_TYPE_BOXED:
    return sprout_gvalue_boxed_to_js (ctx, gvalue, exception);
  case G_TYPE_VARIANT:
    return sprout_variant_to_js (ctx, g_value_get_variant (gvalue), FALSE,
                                 exception);
  default:
    break;
  }
  return sprout_gvalue_throw_unsupported_out (ctx, gtype, exception);
}
