/* marshal-basic.c: marshallers for GI's basic types — booleans, integers of
 * every width, floats, gunichar, GType, UTF-8 strings and filenames, and
 * opaque pointers.
 *
 * Numbers follow GJS: JS Numbers (and, for convenience, booleans, null and
 * BigInts) convert to C integers with a range check, never silently wrapping;
 * 64-bit results beyond 2^53 become (rounded) Numbers with a warning, as in
 * GJS. The one exception is GJS's own: a gint32 takes any finite Number
 * modulo 2^32 (ECMAScript's ToInt32), which code written for GJS relies on
 * (e.g. GObject.Value.set_int(Math.random() * Number.MAX_SAFE_INTEGER));
 * Sprout does the same but warns, so that the wrap is never silent. Strings must be JS strings; null is accepted only where GI says the
 * argument may be NULL.
 */
#include "arg-cache.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "gtype.h"
#include "js-fast.h"
#include "js-util.h"

static gboolean
sprout_throw_range (JSContextRef ctx, const SproutArg *self, double value,
                    JSValueRef *exception)
{
  g_autofree char *what = sprout_arg_describe (self);

  sprout_js_throw (ctx, exception, "RangeError",
                   "%s: value %g is out of range for %s", what, value,
                   g_type_tag_to_string (self->tag));
  return FALSE;
}

static gboolean
sprout_throw_bigint (JSContextRef ctx, const SproutArg *self,
                     JSValueRef *exception)
{
  g_autofree char *what = sprout_arg_describe (self);

  sprout_js_throw (ctx, exception, "TypeError",
                   "%s: a BigInt cannot be converted to %s; use a Number",
                   what, g_type_tag_to_string (self->tag));
  return FALSE;
}

/* A JS value as a double for a number argument, converted as GJS does:
 * undefined, NaN and infinities are 0 for integers (@is_float: NaN and the
 * infinities pass, undefined is NaN); booleans, null and numeric strings
 * convert; BigInts only where @allow_bigint; objects convert as GJS
 * converts them (ToNumber: [5] is 5, a Number object its value), but one
 * that gives NaN, where GJS silently passes 0, is a type error, as are
 * other strings and symbols. */
static gboolean
sprout_number_in_full (JSContextRef ctx, const SproutArg *self,
                       JSValueRef value, gboolean is_float,
                       gboolean allow_bigint, double *out,
                       JSValueRef *exception)
{
  if (G_LIKELY (sprout_js_get_number (ctx, value, out))) {
    if (!is_float && !isfinite (*out))
      *out = 0;
    return TRUE;
  }
  switch (JSValueGetType (ctx, value)) {
  case kJSTypeNumber:
    *out = JSValueToNumber (ctx, value, NULL);
    break;
  case kJSTypeUndefined:
    *out = NAN;
    break;
  case kJSTypeBoolean:
    *out = JSValueToBoolean (ctx, value) ? 1 : 0;
    break;
  case kJSTypeNull:
    *out = 0;
    break;
  case kJSTypeBigInt:
    if (!allow_bigint)
      return sprout_throw_bigint (ctx, self, exception);
    *out = JSValueToNumber (ctx, value, exception);
    return *exception == NULL;
  case kJSTypeString:
    *out = JSValueToNumber (ctx, value, NULL);
    if (!isnan (*out))
      break;
    return sprout_arg_throw_type (ctx, self, value, exception);
  case kJSTypeObject: {
    /* valueOf()/toString() may throw: that exception is the answer. */
    JSValueRef error = NULL;

    *out = JSValueToNumber (ctx, value, &error);
    if (error != NULL) {
      *exception = error;
      return FALSE;
    }
    if (!isnan (*out))
      break;
    return sprout_arg_throw_type (ctx, self, value, exception);
  }
  default:
    return sprout_arg_throw_type (ctx, self, value, exception);
  }
  if (!is_float && !isfinite (*out))
    *out = 0;
  return TRUE;
}

static gboolean
sprout_number_in (JSContextRef ctx, const SproutArg *self, JSValueRef value,
                  double *out, JSValueRef *exception)
{
  return sprout_number_in_full (ctx, self, value, FALSE, FALSE, out,
                                exception);
}

#define SPROUT_DEFINE_INT_IN(tag_name, ctype, field, min, max)               \
  static gboolean sprout_in_##tag_name (                                     \
    JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,           \
    JSValueRef value, GIArgument *arg, JSValueRef *exception)                \
  {                                                                          \
    double number;                                                           \
    /* A finite Number (the common case) without the general conversion. */ \
    if (G_LIKELY (sprout_js_get_number (ctx, value, &number)) &&             \
        number >= (double) (min) && number <= (double) (max)) {              \
      arg->field = (ctype) number;                                           \
      return TRUE;                                                           \
    }                                                                        \
    if (!sprout_number_in (ctx, self, value, &number, exception))            \
      return FALSE;                                                          \
    if (!(number >= (double) (min) && number <= (double) (max)))             \
      return sprout_throw_range (ctx, self, number, exception);              \
    arg->field = (ctype) number;                                             \
    return TRUE;                                                             \
  }                                                                          \
  static JSValueRef sprout_out_##tag_name (JSContextRef ctx,                 \
                                           const SproutArg *self,            \
                                           SproutInvoke *invoke,             \
                                           GIArgument *arg,                  \
                                           JSValueRef *exception)            \
  {                                                                          \
    return sprout_js_make_number (ctx, (double) arg->field);                 \
  }

SPROUT_DEFINE_INT_IN (int8, gint8, v_int8, G_MININT8, G_MAXINT8)
SPROUT_DEFINE_INT_IN (uint8, guint8, v_uint8, 0, G_MAXUINT8)
SPROUT_DEFINE_INT_IN (int16, gint16, v_int16, G_MININT16, G_MAXINT16)
SPROUT_DEFINE_INT_IN (uint16, guint16, v_uint16, 0, G_MAXUINT16)

static gboolean
sprout_in_int32 (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  g_autofree char *what = NULL;
  double number;

  /* A finite Number (the common case) without the general conversion. */
  if (G_LIKELY (sprout_js_get_number (ctx, value, &number)) &&
      number >= (double) G_MININT32 && number <= (double) G_MAXINT32) {
    arg->v_int32 = (gint32) number;
    return TRUE;
  }
  if (!sprout_number_in (ctx, self, value, &number, exception))
    return FALSE;
  if (number >= (double) G_MININT32 && number <= (double) G_MAXINT32) {
    arg->v_int32 = (gint32) number;
    return TRUE;
  }
  arg->v_int32 = sprout_js_number_to_int32 (number);
  what = sprout_arg_describe (self);
  g_warning ("JS WARNING: %s: value %.17g is out of range for gint32; "
             "converted to %d as GJS does (modulo 2^32)",
             what, number, arg->v_int32);
  return TRUE;
}

static JSValueRef
sprout_out_int32 (JSContextRef ctx, const SproutArg *self,
                  SproutInvoke *invoke, GIArgument *arg, JSValueRef *exception)
{
  return sprout_js_make_number (ctx, (double) arg->v_int32);
}
SPROUT_DEFINE_INT_IN (uint32, guint32, v_uint32, 0, G_MAXUINT32)

static void
sprout_warn_unsafe_64 (const char *text)
{
  g_warning ("Value %s cannot be safely stored in a JS Number and may be "
             "rounded",
             text);
}

static gboolean
sprout_in_int64 (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  double number;

  /* A Number (the common case) first: JSValueIsBigInt is an API call. */
  if (G_LIKELY (sprout_js_get_number (ctx, value, &number)) &&
      number >= -9223372036854775808.0 && number < 9223372036854775808.0) {
    arg->v_int64 = (gint64) number;
    return TRUE;
  }
  if (JSValueIsBigInt (ctx, value)) {
    if (JSValueCompareInt64 (ctx, value, G_MININT64, exception) ==
          kJSRelationConditionLessThan ||
        JSValueCompareInt64 (ctx, value, G_MAXINT64, exception) ==
          kJSRelationConditionGreaterThan)
      return sprout_throw_range (ctx, self, JSValueToNumber (ctx, value, NULL),
                                 exception);
    arg->v_int64 = JSValueToInt64 (ctx, value, exception);
    return *exception == NULL;
  }
  if (!sprout_number_in (ctx, self, value, &number, exception))
    return FALSE;
  /* 2^63 itself is not representable; doubles at the edges round to it. */
  if (!(number >= -9223372036854775808.0 && number < 9223372036854775808.0))
    return sprout_throw_range (ctx, self, number, exception);
  arg->v_int64 = (gint64) number;
  return TRUE;
}

static gboolean
sprout_in_uint64 (JSContextRef ctx, const SproutArg *self,
                  SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                  JSValueRef *exception)
{
  double number;

  if (G_LIKELY (sprout_js_get_number (ctx, value, &number)) &&
      number >= 0 && number < 18446744073709551616.0) {
    arg->v_uint64 = (guint64) number;
    return TRUE;
  }
  if (JSValueIsBigInt (ctx, value)) {
    if (JSValueCompareInt64 (ctx, value, 0, exception) ==
          kJSRelationConditionLessThan ||
        JSValueCompareUInt64 (ctx, value, G_MAXUINT64, exception) ==
          kJSRelationConditionGreaterThan)
      return sprout_throw_range (ctx, self, JSValueToNumber (ctx, value, NULL),
                                 exception);
    arg->v_uint64 = JSValueToUInt64 (ctx, value, exception);
    return *exception == NULL;
  }
  if (!sprout_number_in (ctx, self, value, &number, exception))
    return FALSE;
  if (!(number >= 0 && number < 18446744073709551616.0))
    return sprout_throw_range (ctx, self, number, exception);
  arg->v_uint64 = (guint64) number;
  return TRUE;
}

JSValueRef
sprout_js_number_from_int64 (JSContextRef ctx, gint64 value)
{
  if (value > (G_GINT64_CONSTANT (1) << 53) ||
      value < -(G_GINT64_CONSTANT (1) << 53)) {
    char text[32];
    g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
    sprout_warn_unsafe_64 (text);
  }
  return sprout_js_make_number (ctx, (double) value);
}

JSValueRef
sprout_js_number_from_uint64 (JSContextRef ctx, guint64 value)
{
  if (value > (G_GUINT64_CONSTANT (1) << 53)) {
    char text[32];
    g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, value);
    sprout_warn_unsafe_64 (text);
  }
  return JSValueMakeNumber (ctx, (double) value);
}

static JSValueRef
sprout_out_int64 (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  GIArgument *arg, JSValueRef *exception)
{
  return sprout_js_number_from_int64 (ctx, arg->v_int64);
}

static JSValueRef
sprout_out_uint64 (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg,
                   JSValueRef *exception)
{
  return sprout_js_number_from_uint64 (ctx, arg->v_uint64);
}

static gboolean
sprout_in_boolean (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  arg->v_boolean = sprout_js_to_boolean (ctx, value);
  return TRUE;
}

static JSValueRef
sprout_out_boolean (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  return sprout_js_make_boolean (ctx, arg->v_boolean != FALSE);
}

static gboolean
sprout_in_float (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  double number;

  if (!sprout_number_in_full (ctx, self, value, TRUE, FALSE, &number,
                              exception))
    return FALSE;
  if (isfinite (number) && (number > FLT_MAX || number < -FLT_MAX))
    return sprout_throw_range (ctx, self, number, exception);
  arg->v_float = (float) number;
  return TRUE;
}

static JSValueRef
sprout_out_float (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  GIArgument *arg, JSValueRef *exception)
{
  return sprout_js_make_number (ctx, arg->v_float);
}

static gboolean
sprout_in_double (JSContextRef ctx, const SproutArg *self,
                  SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                  JSValueRef *exception)
{
  double number;

  if (!sprout_number_in_full (ctx, self, value, TRUE, FALSE, &number,
                              exception))
    return FALSE;
  arg->v_double = number;
  return TRUE;
}

static JSValueRef
sprout_out_double (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg,
                   JSValueRef *exception)
{
  return sprout_js_make_number (ctx, arg->v_double);
}

static gboolean
sprout_in_unichar (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  g_autofree char *text = NULL;

  if (!JSValueIsString (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  text = sprout_js_value_to_utf8 (ctx, value, exception);
  if (text == NULL)
    return FALSE;
  if (*text != '\0' && *g_utf8_next_char (text) != '\0') {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: expected a single character, got '%s'", what, text);
    return FALSE;
  }
  arg->v_uint32 = *text ? g_utf8_get_char (text) : 0;
  return TRUE;
}

static JSValueRef
sprout_out_unichar (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  char buffer[8] = { 0 };

  if (arg->v_uint32 != 0)
    g_unichar_to_utf8 (arg->v_uint32, buffer);
  return sprout_js_value_from_utf8 (ctx, buffer);
}

static gboolean
sprout_in_gtype (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  GType gtype;

  /* As in GJS, a bare Number is not a GType here (80 is G_TYPE_OBJECT, but
   * GJS's suite checks that it does not pass for it). */
  if (JSValueIsNumber (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  if (!sprout_gtype_from_js (ctx, value, &gtype, exception))
    return *exception == NULL ? sprout_arg_throw_type (ctx, self, value,
                                                       exception)
                              : FALSE;
  arg->v_size = gtype;
  return TRUE;
}

static JSValueRef
sprout_out_gtype (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  GIArgument *arg, JSValueRef *exception)
{
  return sprout_gtype_to_js (ctx, (GType) arg->v_size);
}

/* NULL (for null/undefined where allowed) or a JS string; FALSE on error. */
static gboolean
sprout_string_in_check (JSContextRef ctx, const SproutArg *self,
                        JSValueRef value, gboolean *is_null,
                        JSValueRef *exception)
{
  *is_null = JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value);
  if (*is_null) {
    if (self->nullable)
      return TRUE;
    return sprout_arg_throw_null (ctx, self, exception);
  }
  if (!JSValueIsString (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  return TRUE;
}

/* @size bytes for an `in` string: the call's stack scratch where the
 * string is ours to free after the call (see SproutInvoke), else the heap.
 * sprout_release_string() tells the two apart. */
static char *
sprout_string_buffer (const SproutArg *self, SproutInvoke *invoke, gsize size)
{
  if (self->top_level && self->transfer == GI_TRANSFER_NOTHING && invoke &&
      invoke->scratch && (gsize) (invoke->scratch_end - invoke->scratch) >= size) {
    char *buffer = invoke->scratch;
    invoke->scratch += size;
    return buffer;
  }
  return g_malloc (size);
}

static gboolean
sprout_is_ascii (const guint8 *chars, gsize length)
{
  guint8 any = 0;

  for (gsize i = 0; i < length; i++)
    any |= chars[i];
  return any < 0x80;
}

static gboolean
sprout_in_utf8 (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  const guint8 *chars;
  gsize length;
  JSStringRef string;

  /* ASCII in a flat 8-bit string is already UTF-8: one copy. */
  if (sprout_js_get_latin1 (value, &chars, &length) &&
      sprout_is_ascii (chars, length)) {
    arg->v_string = sprout_string_buffer (self, invoke, length + 1);
    memcpy (arg->v_string, chars, length);
    arg->v_string[length] = '\0';
    return TRUE;
  }
  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_string = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  if (!JSValueIsString (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  string = JSValueToStringCopy (ctx, value, exception);
  if (string == NULL)
    return FALSE;
  length = JSStringGetMaximumUTF8CStringSize (string);
  arg->v_string = sprout_string_buffer (self, invoke, length);
  JSStringGetUTF8CString (string, arg->v_string, length);
  JSStringRelease (string);
  return TRUE;
}

static JSValueRef
sprout_out_utf8 (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 GIArgument *arg, JSValueRef *exception)
{
  JSValueRef fast;

  if (arg->v_string == NULL)
    return JSValueMakeNull (ctx);
  fast = sprout_js_make_ascii (ctx, arg->v_string); /* ASCII is valid */
  if (fast)
    return fast;
  if (!g_utf8_validate (arg->v_string, -1, NULL)) {
    g_autofree char *valid = g_utf8_make_valid (arg->v_string, -1);
    return sprout_js_value_from_utf8 (ctx, valid);
  }
  return sprout_js_value_from_utf8 (ctx, arg->v_string);
}

static gboolean
sprout_in_filename (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                    JSValueRef *exception)
{
  g_autofree char *utf8 = NULL;
  g_autoptr (GError) error = NULL;
  gboolean is_null;

  if (!sprout_string_in_check (ctx, self, value, &is_null, exception))
    return FALSE;
  if (is_null) {
    arg->v_string = NULL;
    return TRUE;
  }
  utf8 = sprout_js_value_to_utf8 (ctx, value, exception);
  if (utf8 == NULL)
    return FALSE;
  arg->v_string = g_filename_from_utf8 (utf8, -1, NULL, NULL, &error);
  if (arg->v_string == NULL) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError", "%s: %s", what,
                     error->message);
    return FALSE;
  }
  return TRUE;
}

static JSValueRef
sprout_out_filename (JSContextRef ctx, const SproutArg *self,
                     SproutInvoke *invoke, GIArgument *arg,
                     JSValueRef *exception)
{
  g_autofree char *utf8 = NULL;

  if (arg->v_string == NULL)
    return JSValueMakeNull (ctx);
  utf8 = g_filename_to_utf8 (arg->v_string, -1, NULL, NULL, NULL);
  if (utf8 == NULL)
    utf8 = g_filename_display_name (arg->v_string);
  return sprout_js_value_from_utf8 (ctx, utf8);
}

static void
sprout_release_string (const SproutArg *self, SproutInvoke *invoke,
                       GIArgument *arg)
{
  if (invoke && invoke->scratch_base && arg->v_string >= invoke->scratch_base &&
      arg->v_string < invoke->scratch_end)
    return; /* on the call's stack (sprout_string_buffer) */
  g_free (arg->v_string);
}

/* Opaque pointers: JS cannot make one, so only null passes in, and nothing
 * but null comes out. */
static gboolean
sprout_in_pointer (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  if (JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value)) {
    if (!self->nullable)
      return sprout_arg_throw_null (ctx, self, exception);
    arg->v_pointer = NULL;
    return TRUE;
  }
  return sprout_arg_throw_type (ctx, self, value, exception);
}

static JSValueRef
sprout_out_pointer (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  return JSValueMakeNull (ctx);
}

typedef struct {
  SproutArgIn in;
  SproutArgOut out;
} SproutBasicMarshallers;

static const SproutBasicMarshallers sprout_basic_marshallers[] = {
  [GI_TYPE_TAG_BOOLEAN] = { sprout_in_boolean, sprout_out_boolean },
  [GI_TYPE_TAG_INT8] = { sprout_in_int8, sprout_out_int8 },
  [GI_TYPE_TAG_UINT8] = { sprout_in_uint8, sprout_out_uint8 },
  [GI_TYPE_TAG_INT16] = { sprout_in_int16, sprout_out_int16 },
  [GI_TYPE_TAG_UINT16] = { sprout_in_uint16, sprout_out_uint16 },
  [GI_TYPE_TAG_INT32] = { sprout_in_int32, sprout_out_int32 },
  [GI_TYPE_TAG_UINT32] = { sprout_in_uint32, sprout_out_uint32 },
  [GI_TYPE_TAG_INT64] = { sprout_in_int64, sprout_out_int64 },
  [GI_TYPE_TAG_UINT64] = { sprout_in_uint64, sprout_out_uint64 },
  [GI_TYPE_TAG_FLOAT] = { sprout_in_float, sprout_out_float },
  [GI_TYPE_TAG_DOUBLE] = { sprout_in_double, sprout_out_double },
  [GI_TYPE_TAG_GTYPE] = { sprout_in_gtype, sprout_out_gtype },
  [GI_TYPE_TAG_UTF8] = { sprout_in_utf8, sprout_out_utf8 },
  [GI_TYPE_TAG_FILENAME] = { sprout_in_filename, sprout_out_filename },
  [GI_TYPE_TAG_UNICHAR] = { sprout_in_unichar, sprout_out_unichar },
};

gboolean
sprout_marshal_basic_init (SproutArg *arg, GError **error)
{
  gboolean is_string =
    arg->tag == GI_TYPE_TAG_UTF8 || arg->tag == GI_TYPE_TAG_FILENAME;

  if (arg->tag == GI_TYPE_TAG_VOID) {
    arg->in = sprout_in_pointer;
    arg->out = sprout_out_pointer;
    return TRUE;
  }
  if ((gsize) arg->tag >= G_N_ELEMENTS (sprout_basic_marshallers) ||
      sprout_basic_marshallers[arg->tag].in == NULL)
    return FALSE;
  /* Pointers to numbers passed in are caller-side arrays, not basic. Out
   * arguments may say "pointer" for their own indirection (some typelibs
   * describe a vfunc's `gint8 *out` so). */
  if (arg->is_pointer && !is_string &&
      (arg->direction == GI_DIRECTION_IN || arg->c_index < 0))
    return FALSE;
  arg->in = sprout_basic_marshallers[arg->tag].in;
  arg->out = sprout_basic_marshallers[arg->tag].out;
  /* Where file names are UTF-8 (the norm), they need no conversion. */
  if (arg->tag == GI_TYPE_TAG_FILENAME && g_get_filename_charsets (NULL)) {
    arg->in = sprout_in_utf8;
    arg->out = sprout_out_utf8;
  }
  if (is_string) {
    /* We allocate `in` strings; the callee takes them only with transfer
     * full. Results we own with transfer full. */
    if (arg->transfer == GI_TRANSFER_NOTHING)
      arg->release_in = sprout_release_string;
    if (arg->transfer != GI_TRANSFER_NOTHING)
      arg->release_out = sprout_release_string;
  }
  return TRUE;
}
