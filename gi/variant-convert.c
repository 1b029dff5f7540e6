/* variant-convert.c: JS values <-> GVariant, natively (variant.h).
 *
 * Packing follows GJS's `new GLib.Variant(signature, value)`: the signature
 * must be exactly one complete, definite type. Numbers convert as GI number
 * arguments do (numeric strings, booleans and null are accepted, out of range
 * is an error, 64-bit types also take BigInts); 's' wants a string, 'o' and
 * 'g' a valid object path or signature; 'v' a GLib.Variant; 'm' null for
 * nothing; 'a{..}' an object whose enumerable keys become the (converted)
 * keys; 'ay' a string (UTF-8 plus a NUL, as GJS) or a typed array; other
 * arrays and tuples anything array-like. The walk follows the type (never the
 * value), so a cyclic value cannot loop. Every child is floating until its
 * container takes it; on failure the children made so far are dropped.
 *
 * Unpacking follows GJS's unpack family: one level keeps children as
 * GLib.Variants; deep unpacks everything but the contents of 'v'; recursive
 * unpacks those too. Dictionaries become objects (keys unpacked always),
 * 'ay' a Uint8Array, other arrays and tuples Arrays, 'm' null or the value.
 * Containers are created first and filled as we go, so every value made is
 * reachable from the stack (JSC scans only the stack, not our heap).
 */
#include "gi-private.h"

#include <math.h>
#include <string.h>

#include "js-fast.h"
#include "js-util.h"
#include "boxed.h"
#include "variant.h"

/* ---- packing ------------------------------------------------------------ */

static GVariant *sprout_pack (JSContextRef ctx, const GVariantType *type,
                              JSValueRef value, JSValueRef *exception);

static GVariant *
sprout_pack_throw (JSContextRef ctx, const GVariantType *type, JSValueRef value,
                   const char *expected, JSValueRef *exception)
{
  g_autofree char *text = sprout_js_value_describe (ctx, value);

  if (g_utf8_strlen (text, -1) > 40)
    strcpy (g_utf8_offset_to_pointer (text, 37), "...");
  sprout_js_throw (ctx, exception, "TypeError",
                   "Cannot pack %s %s as a GVariant of type '%.*s': "
                   "expected %s",
                   sprout_js_type_name (ctx, value), text,
                   (int) g_variant_type_get_string_length (type),
                   g_variant_type_peek_string (type), expected);
  return NULL;
}

/* Drops children made before a failure (they may still be floating). */
static void
sprout_pack_drop (GVariant **children, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_variant_unref (g_variant_ref_sink (children[i]));
}

/* A JS value as a double for a number type, converted as GI arguments are. */
static gboolean
sprout_pack_number (JSContextRef ctx, const GVariantType *type,
                    JSValueRef value, gboolean is_float, double *out,
                    JSValueRef *exception)
{
  if (!sprout_js_get_number (ctx, value, out)) {
    switch (JSValueGetType (ctx, value)) {
    case kJSTypeBoolean:
      *out = JSValueToBoolean (ctx, value) ? 1 : 0;
      break;
    case kJSTypeNull:
      *out = 0;
      break;
    case kJSTypeUndefined:
      *out = NAN;
      break;
    case kJSTypeString:
      *out = JSValueToNumber (ctx, value, NULL);
      if (!isnan (*out))
        break;
      /* fall through */
    default:
      sprout_pack_throw (ctx, type, value, "a number", exception);
      return FALSE;
    }
  }
  if (!is_float && !isfinite (*out))
    *out = 0;
  return TRUE;
}

static gboolean
sprout_pack_integer (JSContextRef ctx, const GVariantType *type,
                     JSValueRef value, double min, double max, double *out,
                     JSValueRef *exception)
{
  if (!sprout_pack_number (ctx, type, value, FALSE, out, exception))
    return FALSE;
  if (!(*out >= min && *out <= max)) {
    sprout_pack_throw (ctx, type, value, "a number in range", exception);
    return FALSE;
  }
  return TRUE;
}

static GVariant *
sprout_pack_int64 (JSContextRef ctx, const GVariantType *type, JSValueRef value,
                   gboolean is_unsigned, JSValueRef *exception)
{
  double number;

  if (JSValueIsBigInt (ctx, value)) {
    JSValueRef local = NULL;
    gboolean in_range =
      is_unsigned ? JSValueCompareInt64 (ctx, value, 0, &local) !=
                        kJSRelationConditionLessThan &&
                      JSValueCompareUInt64 (ctx, value, G_MAXUINT64, &local) !=
                        kJSRelationConditionGreaterThan
                  : JSValueCompareInt64 (ctx, value, G_MININT64, &local) !=
                        kJSRelationConditionLessThan &&
                      JSValueCompareInt64 (ctx, value, G_MAXINT64, &local) !=
                        kJSRelationConditionGreaterThan;
    if (local || !in_range)
      return sprout_pack_throw (ctx, type, value, "a BigInt in range",
                                exception);
    return is_unsigned
             ? g_variant_new_uint64 (JSValueToUInt64 (ctx, value, NULL))
             : g_variant_new_int64 (JSValueToInt64 (ctx, value, NULL));
  }
  if (is_unsigned) {
    if (!sprout_pack_integer (ctx, type, value, 0, 18446744073709549568.0,
                              &number, exception))
      return NULL;
    return g_variant_new_uint64 ((guint64) number);
  }
  if (!sprout_pack_integer (ctx, type, value, -9223372036854775808.0,
                            9223372036854774784.0, &number, exception))
    return NULL;
  return g_variant_new_int64 ((gint64) number);
}

/* 's', 'o', 'g': a string (valid as a path or signature where needed). */
static GVariant *
sprout_pack_string (JSContextRef ctx, const GVariantType *type,
                    JSValueRef value, JSValueRef *exception)
{
  char kind = g_variant_type_peek_string (type)[0];
  g_autofree char *text = NULL;

  if (!JSValueIsString (ctx, value))
    return sprout_pack_throw (ctx, type, value, "a string", exception);
  text = sprout_js_value_to_utf8 (ctx, value, exception);
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL)) {
    char *valid = g_utf8_make_valid (text, -1);
    g_free (text);
    text = valid;
  }
  if (kind == 'o' && !g_variant_is_object_path (text))
    return sprout_pack_throw (ctx, type, value, "a D-Bus object path",
                              exception);
  if (kind == 'g' && !g_variant_is_signature (text))
    return sprout_pack_throw (ctx, type, value, "a D-Bus type signature",
                              exception);
  if (kind == 's')
    return g_variant_new_take_string (g_steal_pointer (&text));
  return kind == 'o' ? g_variant_new_object_path (text)
                     : g_variant_new_signature (text);
}

static GVariant *
sprout_pack_basic (JSContextRef ctx, const GVariantType *type, JSValueRef value,
                   JSValueRef *exception)
{
  double n;

  switch (g_variant_type_peek_string (type)[0]) {
  case 'b':
    return g_variant_new_boolean (sprout_js_to_boolean (ctx, value));
  case 'y':
    return sprout_pack_integer (ctx, type, value, 0, G_MAXUINT8, &n, exception)
             ? g_variant_new_byte ((guint8) n)
             : NULL;
  case 'n':
    return sprout_pack_integer (ctx, type, value, G_MININT16, G_MAXINT16, &n,
                                exception)
             ? g_variant_new_int16 ((gint16) n)
             : NULL;
  case 'q':
    return sprout_pack_integer (ctx, type, value, 0, G_MAXUINT16, &n, exception)
             ? g_variant_new_uint16 ((guint16) n)
             : NULL;
  case 'i':
  case 'h':
    if (!sprout_pack_integer (ctx, type, value, G_MININT32, G_MAXINT32, &n,
                              exception))
      return NULL;
    return g_variant_type_peek_string (type)[0] == 'i'
             ? g_variant_new_int32 ((gint32) n)
             : g_variant_new_handle ((gint32) n);
  case 'u':
    return sprout_pack_integer (ctx, type, value, 0, G_MAXUINT32, &n, exception)
             ? g_variant_new_uint32 ((guint32) n)
             : NULL;
  case 'x':
    return sprout_pack_int64 (ctx, type, value, FALSE, exception);
  case 't':
    return sprout_pack_int64 (ctx, type, value, TRUE, exception);
  case 'd':
    return sprout_pack_number (ctx, type, value, TRUE, &n, exception)
             ? g_variant_new_double (n)
             : NULL;
  default:
    return sprout_pack_string (ctx, type, value, exception);
  }
}

/* The GBytes behind a GLib.Bytes wrapper (borrowed), or NULL: 'ay' also
 * packs a GLib.Bytes, as in GJS (a D-Bus method returning
 * stream.read_bytes()). */
static GBytes *
sprout_pack_gbytes_of (JSContextRef ctx, JSValueRef value)
{
  static GIBaseInfo *bytes_info;
  JSValueRef ignored = NULL;

  /* Arrays, the usual 'ay', are not worth a failed lookup (a TypeError). */
  if (!JSValueIsObject (ctx, value) || JSValueIsArray (ctx, value))
    return NULL;
  if (bytes_info == NULL)
    bytes_info = g_irepository_find_by_gtype (NULL, G_TYPE_BYTES);
  if (bytes_info == NULL)
    return NULL;
  return sprout_boxed_from_js (ctx, value, bytes_info, "value", &ignored);
}

/* 'ay' from a string (its UTF-8 and a NUL, as GJS) or a byte typed array;
 * other array-likes go through the generic path. */
static GVariant *
sprout_pack_bytes (JSContextRef ctx, JSValueRef value, gboolean *handled,
                   JSValueRef *exception)
{
  JSTypedArrayType kind;
  JSObjectRef array;
  const guint8 *data;
  gsize size;

  *handled = TRUE;
  if (JSValueIsString (ctx, value)) {
    g_autofree char *text = sprout_js_value_to_utf8 (ctx, value, exception);
    if (text == NULL)
      return NULL;
    return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, text,
                                      strlen (text) + 1, 1);
  }
  kind = JSValueIsObject (ctx, value)
           ? JSValueGetTypedArrayType (ctx, value, NULL)
           : kJSTypedArrayTypeNone;
  if (kind != kJSTypedArrayTypeUint8Array &&
      kind != kJSTypedArrayTypeInt8Array &&
      kind != kJSTypedArrayTypeUint8ClampedArray) {
    GBytes *bytes = sprout_pack_gbytes_of (ctx, value);

    if (bytes)
      return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
    *handled = FALSE;
    return NULL;
  }
  array = (JSObjectRef) value;
  size = JSObjectGetTypedArrayByteLength (ctx, array, exception);
  data = JSObjectGetTypedArrayBytesPtr (ctx, array, exception);
  if (*exception)
    return NULL;
  if (data == NULL || size == 0)
    return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1);
  data += JSObjectGetTypedArrayByteOffset (ctx, array, NULL);
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, size, 1);
}

/* The length of an array-like @value, or -1 with an exception. */
static gssize
sprout_pack_length (JSContextRef ctx, const GVariantType *type,
                    JSValueRef value, JSValueRef *exception)
{
  JSValueRef length;
  double n;

  if (!JSValueIsObject (ctx, value)) {
    sprout_pack_throw (ctx, type, value, "an array", exception);
    return -1;
  }
  length = sprout_js_get (ctx, (JSObjectRef) value, "length", exception);
  if (length == NULL)
    return -1;
  if (!sprout_js_get_number (ctx, length, &n) || !(n >= 0) || n > G_MAXINT32 ||
      n != floor (n)) {
    sprout_pack_throw (ctx, type, value, "an array", exception);
    return -1;
  }
  return (gssize) n;
}

/* 'a{..}' from an object's enumerable properties. */
static GVariant *
sprout_pack_dict (JSContextRef ctx, const GVariantType *type, JSValueRef value,
                  JSValueRef *exception)
{
  const GVariantType *entry = g_variant_type_element (type);
  const GVariantType *key_type = g_variant_type_key (entry);
  const GVariantType *value_type = g_variant_type_value (entry);
  g_autoptr (SproutJSPropertyNames) names = NULL;
  g_autofree GVariant **children = NULL;
  GVariant *result;
  gsize n;

  if (!JSValueIsObject (ctx, value))
    return sprout_pack_throw (ctx, type, value, "an object", exception);
  names = JSObjectCopyPropertyNames (ctx, (JSObjectRef) value);
  n = JSPropertyNameArrayGetCount (names);
  children = g_new (GVariant *, n + 1);
  for (gsize i = 0; i < n; i++) {
    JSStringRef name = JSPropertyNameArrayGetNameAtIndex (names, i);
    JSValueRef item =
      JSObjectGetProperty (ctx, (JSObjectRef) value, name, exception);
    GVariant *k = NULL, *v = NULL;

    if (item)
      k = sprout_pack (ctx, key_type, JSValueMakeString (ctx, name), exception);
    if (k)
      v = sprout_pack (ctx, value_type, item, exception);
    if (v == NULL) {
      if (k)
        g_variant_unref (g_variant_ref_sink (k));
      sprout_pack_drop (children, i);
      return NULL;
    }
    children[i] = g_variant_new_dict_entry (k, v);
  }
  result = g_variant_new_array (entry, children, n);
  return result;
}

/* Arrays, tuples and dictionary entries from array-likes. */
static GVariant *
sprout_pack_sequence (JSContextRef ctx, const GVariantType *type,
                      JSValueRef value, JSValueRef *exception)
{
  gboolean is_array = g_variant_type_is_array (type);
  gssize length = sprout_pack_length (ctx, type, value, exception);
  const GVariantType *child_type = NULL;
  g_autofree GVariant **children = NULL;
  gsize n;

  if (length < 0)
    return NULL;
  if (is_array) {
    n = (gsize) length;
    child_type = g_variant_type_element (type);
  } else {
    n = g_variant_type_n_items (type);
    child_type = g_variant_type_first (type);
    if ((gsize) length < n) {
      g_autofree char *expected =
        g_strdup_printf ("an array of %" G_GSIZE_FORMAT " items", n);
      return sprout_pack_throw (ctx, type, value, expected, exception);
    }
  }
  children = g_new (GVariant *, n + 1);
  for (gsize i = 0; i < n; i++) {
    JSValueRef item = JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) value,
                                                  (unsigned) i, exception);
    children[i] = item ? sprout_pack (ctx, child_type, item, exception) : NULL;
    if (children[i] == NULL) {
      sprout_pack_drop (children, i);
      return NULL;
    }
    if (!is_array)
      child_type = g_variant_type_next (child_type);
  }
  if (is_array)
    return g_variant_new_array (child_type, children, n);
  if (g_variant_type_is_dict_entry (type))
    return g_variant_new_dict_entry (children[0], children[1]);
  return g_variant_new_tuple (children, n);
}

static GVariant *
sprout_pack (JSContextRef ctx, const GVariantType *type, JSValueRef value,
             JSValueRef *exception)
{
  const char *string = g_variant_type_peek_string (type);
  GVariant *child;

  switch (string[0]) {
  case 'v':
    child = sprout_variant_from_js (ctx, value, NULL, exception);
    if (child == NULL) {
      *exception = NULL;
      return sprout_pack_throw (ctx, type, value, "a GLib.Variant", exception);
    }
    return g_variant_new_variant (child);
  case 'm':
    if (JSValueIsNull (ctx, value))
      return g_variant_new_maybe (g_variant_type_element (type), NULL);
    child = sprout_pack (ctx, g_variant_type_element (type), value, exception);
    return child ? g_variant_new_maybe (NULL, child) : NULL;
  case 'a':
    if (string[1] == 'y') {
      gboolean handled;
      child = sprout_pack_bytes (ctx, value, &handled, exception);
      if (handled)
        return child;
    } else if (string[1] == '{') {
      return sprout_pack_dict (ctx, type, value, exception);
    }
    return sprout_pack_sequence (ctx, type, value, exception);
  case '(':
  case '{':
    return sprout_pack_sequence (ctx, type, value, exception);
  default:
    return sprout_pack_basic (ctx, type, value, exception);
  }
}

/* Throws a TypeError about @signature; @problem may be NULL. */
static GVariant *
sprout_pack_bad_signature (JSContextRef ctx, const char *signature,
                           const char *problem, JSValueRef *exception)
{
  sprout_js_throw (
    ctx, exception, "TypeError", "Invalid GVariant signature '%s'%s%s%s",
    signature, problem ? " (" : "", problem ? problem : "", problem ? ")" : "");
  return NULL;
}

GVariant *
sprout_variant_pack (JSContextRef ctx, const char *signature, JSValueRef value,
                     JSValueRef *exception)
{
  const char *end = NULL;
  GVariant *variant;

  g_return_val_if_fail (signature != NULL, NULL);
  if (*signature == '\0') {
    sprout_js_throw (ctx, exception, "TypeError",
                     "GVariant signature cannot be empty");
    return NULL;
  }
  if (!g_variant_type_string_scan (signature, NULL, &end))
    return sprout_pack_bad_signature (ctx, signature, NULL, exception);
  if (*end != '\0')
    return sprout_pack_bad_signature (
      ctx, signature, "more than one single complete type", exception);
  if (!g_variant_type_is_definite (G_VARIANT_TYPE (signature)))
    return sprout_pack_bad_signature (
      ctx, signature, "an indefinite type cannot have a value", exception);
  variant = sprout_pack (ctx, G_VARIANT_TYPE (signature), value, exception);
  return variant ? g_variant_ref_sink (variant) : NULL;
}

/* ---- unpacking ---------------------------------------------------------- */

static JSValueRef sprout_unpack (JSContextRef ctx, GVariant *variant,
                                 SproutVariantUnpack mode,
                                 JSValueRef *exception);

static JSValueRef
sprout_unpack_string (JSContextRef ctx, const char *text)
{
  JSStringRef string = JSStringCreateWithUTF8CString (text);
  JSValueRef value = JSValueMakeString (ctx, string);

  JSStringRelease (string);
  return value;
}

/* A child in @mode: shallow ones stay variants. Takes @child. */
static JSValueRef
sprout_unpack_child (JSContextRef ctx, GVariant *child,
                     SproutVariantUnpack mode, JSValueRef *exception)
{
  JSValueRef value;

  if (mode == SPROUT_VARIANT_UNPACK_SHALLOW)
    return sprout_variant_to_js (ctx, child, TRUE, exception);
  value = sprout_unpack (ctx, child, mode, exception);
  g_variant_unref (child);
  return value;
}

static JSValueRef
sprout_unpack_bytes (JSContextRef ctx, GVariant *variant, JSValueRef *exception)
{
  gsize n = 0;
  const guint8 *data = g_variant_get_fixed_array (variant, &n, 1);
  JSObjectRef array =
    JSObjectMakeTypedArray (ctx, kJSTypedArrayTypeUint8Array, n, exception);

  if (array && n > 0)
    memcpy (JSObjectGetTypedArrayBytesPtr (ctx, array, NULL), data, n);
  return array;
}

static JSValueRef
sprout_unpack_dict (JSContextRef ctx, GVariant *variant,
                    SproutVariantUnpack mode, JSValueRef *exception)
{
  gsize n = g_variant_n_children (variant);
  JSObjectRef object = JSObjectMake (ctx, NULL, NULL);
  const char *key_string =
    g_variant_type_peek_string (g_variant_get_type (variant)) + 2;
  gboolean string_keys = strchr ("sog", key_string[0]) != NULL;

  for (gsize i = 0; i < n; i++) {
    g_autoptr (GVariant) entry = g_variant_get_child_value (variant, i);
    g_autoptr (GVariant) key = g_variant_get_child_value (entry, 0);
    JSValueRef value = sprout_unpack_child (
      ctx, g_variant_get_child_value (entry, 1), mode, exception);

    if (value == NULL)
      return NULL;
    if (string_keys) {
      JSStringRef name =
        JSStringCreateWithUTF8CString (g_variant_get_string (key, NULL));
      JSObjectSetProperty (ctx, object, name, value, kJSPropertyAttributeNone,
                           exception);
      JSStringRelease (name);
    } else {
      JSValueRef key_value =
        sprout_unpack (ctx, key, SPROUT_VARIANT_UNPACK_DEEP, exception);
      if (key_value == NULL)
        return NULL;
      JSObjectSetPropertyForKey (ctx, object, key_value, value,
                                 kJSPropertyAttributeNone, exception);
    }
    if (*exception)
      return NULL;
  }
  return object;
}

static JSValueRef
sprout_unpack_sequence (JSContextRef ctx, GVariant *variant,
                        SproutVariantUnpack mode, JSValueRef *exception)
{
  gsize n = g_variant_n_children (variant);
  JSObjectRef array = JSObjectMakeArray (ctx, 0, NULL, exception);

  if (array == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++) {
    JSValueRef value = sprout_unpack_child (
      ctx, g_variant_get_child_value (variant, i), mode, exception);
    if (value == NULL)
      return NULL;
    JSObjectSetPropertyAtIndex (ctx, array, (unsigned) i, value, exception);
    if (*exception)
      return NULL;
  }
  return array;
}

static JSValueRef
sprout_unpack (JSContextRef ctx, GVariant *variant, SproutVariantUnpack mode,
               JSValueRef *exception)
{
  const char *type = g_variant_get_type_string (variant);
  GVariant *child;

  switch (g_variant_classify (variant)) {
  case G_VARIANT_CLASS_BOOLEAN:
    return sprout_js_make_boolean (ctx, g_variant_get_boolean (variant));
  case G_VARIANT_CLASS_BYTE:
    return sprout_js_make_number (ctx, g_variant_get_byte (variant));
  case G_VARIANT_CLASS_INT16:
    return sprout_js_make_number (ctx, g_variant_get_int16 (variant));
  case G_VARIANT_CLASS_UINT16:
    return sprout_js_make_number (ctx, g_variant_get_uint16 (variant));
  case G_VARIANT_CLASS_INT32:
    return sprout_js_make_number (ctx, g_variant_get_int32 (variant));
  case G_VARIANT_CLASS_UINT32:
    return sprout_js_make_number (ctx, g_variant_get_uint32 (variant));
  case G_VARIANT_CLASS_HANDLE:
    return sprout_js_make_number (ctx, g_variant_get_handle (variant));
  case G_VARIANT_CLASS_INT64:
    return sprout_js_number_from_int64 (ctx, g_variant_get_int64 (variant));
  case G_VARIANT_CLASS_UINT64:
    return sprout_js_number_from_uint64 (ctx, g_variant_get_uint64 (variant));
  case G_VARIANT_CLASS_DOUBLE:
    return sprout_js_make_number (ctx, g_variant_get_double (variant));
  case G_VARIANT_CLASS_STRING:
  case G_VARIANT_CLASS_OBJECT_PATH:
  case G_VARIANT_CLASS_SIGNATURE:
    return sprout_unpack_string (ctx, g_variant_get_string (variant, NULL));
  case G_VARIANT_CLASS_VARIANT:
    child = g_variant_get_variant (variant);
    return sprout_unpack_child (ctx, child,
                                mode == SPROUT_VARIANT_UNPACK_RECURSIVE
                                  ? mode
                                  : SPROUT_VARIANT_UNPACK_SHALLOW,
                                exception);
  case G_VARIANT_CLASS_MAYBE:
    child = g_variant_get_maybe (variant);
    if (child == NULL)
      return JSValueMakeNull (ctx);
    return sprout_unpack_child (ctx, child, mode, exception);
  case G_VARIANT_CLASS_ARRAY:
    if (type[1] == '{')
      return sprout_unpack_dict (ctx, variant, mode, exception);
    if (type[1] == 'y')
      return sprout_unpack_bytes (ctx, variant, exception);
    /* fall through */
  case G_VARIANT_CLASS_TUPLE:
  case G_VARIANT_CLASS_DICT_ENTRY:
    return sprout_unpack_sequence (ctx, variant, mode, exception);
  default:
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot unpack a GVariant of type '%s'", type);
  }
}

JSValueRef
sprout_variant_unpack (JSContextRef ctx, GVariant *variant,
                       SproutVariantUnpack mode, JSValueRef *exception)
{
  g_return_val_if_fail (variant != NULL, NULL);
  if (mode > SPROUT_VARIANT_UNPACK_RECURSIVE)
    mode = SPROUT_VARIANT_UNPACK_RECURSIVE;
  return sprout_unpack (ctx, variant, mode, exception);
}
