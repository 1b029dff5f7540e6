/* encoding.c: `_encodingNative`, the conversions behind the TextEncoder and
 * TextDecoder globals (core/_encoding.js).
 *
 * encodeUtf8(string) -> Uint8Array and encodeInto(string, bytes) ->
 * [read, written] encode UTF-16 to UTF-8, lone surrogates as U+FFFD (the
 * WHATWG encoder's rule). decode(bytes, encoding, fatal, ignoreBOM) ->
 * string decodes a Uint8Array, another typed array, a DataView or an
 * ArrayBuffer: UTF-8 natively (malformed sequences become U+FFFD, or a
 * TypeError when fatal; NUL bytes are characters like any other), UTF-16
 * and the rest through g_convert(). A leading BOM of the encoding is
 * dropped unless ignoreBOM.
 */
#include "modules-private.h"

#include <string.h>

#include "js-util.h"

#define SPROUT_REPLACEMENT 0xFFFD

/* ---- UTF-16 -> UTF-8 ---------------------------------------------------- */

/* The code point at units[*i], advancing *i; U+FFFD for a lone surrogate. */
static gunichar
sprout_encoding_next_char (const JSChar *units, gsize n, gsize *i)
{
  JSChar unit = units[(*i)++];

  if (unit >= 0xD800 && unit <= 0xDBFF && *i < n && units[*i] >= 0xDC00 &&
      units[*i] <= 0xDFFF)
    return 0x10000 + ((unit - 0xD800) << 10) + (units[(*i)++] - 0xDC00);
  if (unit >= 0xD800 && unit <= 0xDFFF)
    return SPROUT_REPLACEMENT;
  return unit;
}

/* Encodes up to @room bytes; *@read gets the UTF-16 units consumed. */
static gsize
sprout_encoding_utf16_to_utf8 (const JSChar *units, gsize n, guint8 *out,
                               gsize room, gsize *read)
{
  gsize i = 0, written = 0;

  while (i < n) {
    gsize before = i;
    gunichar c = sprout_encoding_next_char (units, n, &i);
    gchar buffer[6];
    gint length = g_unichar_to_utf8 (c, buffer);

    if (written + (gsize) length > room) {
      i = before;
      break;
    }
    memcpy (out + written, buffer, (gsize) length);
    written += (gsize) length;
  }
  *read = i;
  return written;
}

static JSStringRef
sprout_encoding_string_arg (JSContextRef ctx, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  JSValueRef value = argc > 0 ? argv[0] : JSValueMakeUndefined (ctx);

  if (JSValueIsUndefined (ctx, value))
    return JSStringCreateWithUTF8CString ("");
  return JSValueToStringCopy (ctx, value, exception);
}

/* encodeUtf8(string) -> Uint8Array */
static JSValueRef
sprout_encoding_encode_utf8 (JSContextRef ctx, JSObjectRef function,
                             JSObjectRef self, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutJSString) string =
    sprout_encoding_string_arg (ctx, argc, argv, exception);
  g_autofree guint8 *bytes = NULL;
  JSObjectRef array;
  gsize n, written, read;

  if (string == NULL)
    return NULL;
  n = JSStringGetLength (string);
  bytes = g_malloc (n * 3 + 1);
  written = sprout_encoding_utf16_to_utf8 (JSStringGetCharactersPtr (string),
                                           n, bytes, n * 3, &read);
  array = JSObjectMakeTypedArray (ctx, kJSTypedArrayTypeUint8Array, written,
                                  exception);
  if (array && written > 0)
    memcpy (JSObjectGetTypedArrayBytesPtr (ctx, array, NULL), bytes, written);
  return array;
}

/* encodeInto(string, uint8Array) -> [read, written] */
static JSValueRef
sprout_encoding_encode_into (JSContextRef ctx, JSObjectRef function,
                             JSObjectRef self, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutJSString) string =
    sprout_encoding_string_arg (ctx, argc, argv, exception);
  JSValueRef result[2];
  JSObjectRef array;
  guint8 *bytes;
  gsize room, read = 0, written;

  if (string == NULL)
    return NULL;
  if (argc < 2 || JSValueGetTypedArrayType (ctx, argv[1], NULL) !=
                    kJSTypedArrayTypeUint8Array)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "TextEncoder.encodeInto(): the destination must "
                            "be a Uint8Array");
  array = (JSObjectRef) argv[1];
  room = JSObjectGetTypedArrayByteLength (ctx, array, NULL);
  bytes = (guint8 *) JSObjectGetTypedArrayBytesPtr (ctx, array, NULL) +
          JSObjectGetTypedArrayByteOffset (ctx, array, NULL);
  written = sprout_encoding_utf16_to_utf8 (JSStringGetCharactersPtr (string),
                                           JSStringGetLength (string), bytes,
                                           room, &read);
  result[0] = JSValueMakeNumber (ctx, (double) read);
  result[1] = JSValueMakeNumber (ctx, (double) written);
  return JSObjectMakeArray (ctx, 2, result, exception);
}

/* ---- bytes -> string ---------------------------------------------------- */

/* The bytes of a typed array, DataView or ArrayBuffer. */
static gboolean
sprout_encoding_bytes (JSContextRef ctx, JSValueRef value,
                       const guint8 **data, gsize *n, JSValueRef *exception)
{
  JSTypedArrayType type = JSValueGetTypedArrayType (ctx, value, NULL);
  JSObjectRef object = (JSObjectRef) value;

  *data = NULL;
  *n = 0;
  if (type == kJSTypedArrayTypeArrayBuffer) {
    *n = JSObjectGetArrayBufferByteLength (ctx, object, NULL);
    *data = JSObjectGetArrayBufferBytesPtr (ctx, object, NULL);
    return TRUE;
  }
  if (type != kJSTypedArrayTypeNone) {
    *n = JSObjectGetTypedArrayByteLength (ctx, object, NULL);
    *data = (const guint8 *) JSObjectGetTypedArrayBytesPtr (ctx, object, NULL) +
            JSObjectGetTypedArrayByteOffset (ctx, object, NULL);
    return TRUE;
  }
  if (JSValueIsObject (ctx, value)) {
    /* A DataView: its buffer, offset and length. */
    JSValueRef buffer = sprout_js_get (ctx, object, "buffer", NULL);
    JSValueRef offset = sprout_js_get (ctx, object, "byteOffset", NULL);
    JSValueRef length = sprout_js_get (ctx, object, "byteLength", NULL);
    if (buffer && offset && length &&
        JSValueGetTypedArrayType (ctx, buffer, NULL) ==
          kJSTypedArrayTypeArrayBuffer) {
      *data = (const guint8 *) JSObjectGetArrayBufferBytesPtr (
                ctx, (JSObjectRef) buffer, NULL) +
              (gsize) JSValueToNumber (ctx, offset, NULL);
      *n = (gsize) JSValueToNumber (ctx, length, NULL);
      return TRUE;
    }
  }
  sprout_js_throw (ctx, exception, "TypeError",
                   "TextDecoder.decode(): the input must be an ArrayBuffer, "
                   "a typed array or a DataView");
  return FALSE;
}

/* One UTF-8 character at bytes[*i]: its code point, advancing *i, or -1
 * (advancing past the maximal invalid prefix, at least one byte). */
static gint32
sprout_encoding_utf8_char (const guint8 *bytes, gsize n, gsize *i)
{
  guint8 lead = bytes[*i];
  guint8 low = 0x80, high = 0xBF;
  gsize length;
  gunichar c;

  if (lead < 0x80)
    return bytes[(*i)++];
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2, c = lead & 0x1F;
  else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, c = lead & 0x0F;
    low = lead == 0xE0 ? 0xA0 : 0x80;
    high = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, c = lead & 0x07;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    (*i)++;
    return -1;
  }
  (*i)++;
  for (gsize k = 1; k < length; k++) {
    if (*i >= n || bytes[*i] < low || bytes[*i] > high)
      return -1;
    c = (c << 6) | (bytes[(*i)++] & 0x3F);
    low = 0x80, high = 0xBF;
  }
  return (gint32) c;
}

static JSValueRef
sprout_encoding_decode_utf8 (JSContextRef ctx, const guint8 *bytes, gsize n,
                             gboolean fatal, gboolean ignore_bom,
                             JSValueRef *exception)
{
  g_autofree JSChar *units = g_new (JSChar, n + 1);
  g_autoptr (SproutJSString) string = NULL;
  gsize i = 0, k = 0;

  if (!ignore_bom && n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB &&
      bytes[2] == 0xBF)
    i = 3;
  while (i < n) {
    gint32 c = sprout_encoding_utf8_char (bytes, n, &i);
    if (c < 0) {
      if (fatal)
        return sprout_js_throw (ctx, exception, "TypeError",
                                "TextDecoder.decode(): the input is not "
                                "valid utf-8");
      c = SPROUT_REPLACEMENT;
    }
    if (c >= 0x10000) {
      units[k++] = (JSChar) (0xD800 + ((c - 0x10000) >> 10));
      units[k++] = (JSChar) (0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      units[k++] = (JSChar) c;
    }
  }
  string = JSStringCreateWithCharacters (units, k);
  return JSValueMakeString (ctx, string);
}

/* Other encodings, through UTF-8 with g_convert(). */
static JSValueRef
sprout_encoding_decode_other (JSContextRef ctx, const guint8 *bytes, gsize n,
                              const char *encoding, gboolean fatal,
                              gboolean ignore_bom, JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *utf8 = NULL;
  gsize written = 0;

  if (fatal)
    utf8 = g_convert ((const char *) bytes, (gssize) n, "UTF-8", encoding,
                      NULL, &written, &error);
  else
    utf8 = g_convert_with_fallback ((const char *) bytes, (gssize) n, "UTF-8",
                                    encoding, "\xEF\xBF\xBD", NULL, &written,
                                    &error);
  if (utf8 == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "TextDecoder.decode(): %s", error->message);
  /* The BOM of any Unicode encoding is U+FEFF once converted. */
  return sprout_encoding_decode_utf8 (ctx, (const guint8 *) utf8, written,
                                      FALSE, ignore_bom, exception);
}

/* decode(bytes, encoding, fatal, ignoreBOM) -> string */
static JSValueRef
sprout_encoding_decode (JSContextRef ctx, JSObjectRef function,
                        JSObjectRef self, size_t argc, const JSValueRef argv[],
                        JSValueRef *exception)
{
  g_autofree char *encoding = NULL;
  const guint8 *data;
  gsize n;
  gboolean fatal, ignore_bom;

  if (argc < 4)
    return sprout_js_throw (ctx, exception, "TypeError", "decode()");
  if (!sprout_encoding_bytes (ctx, argv[0], &data, &n, exception) ||
      (encoding = sprout_js_value_to_utf8 (ctx, argv[1], exception)) == NULL)
    return NULL;
  fatal = JSValueToBoolean (ctx, argv[2]);
  ignore_bom = JSValueToBoolean (ctx, argv[3]);
  if (g_ascii_strcasecmp (encoding, "utf-8") == 0)
    return sprout_encoding_decode_utf8 (ctx, data, n, fatal, ignore_bom,
                                        exception);
  return sprout_encoding_decode_other (ctx, data, n, encoding, fatal,
                                       ignore_bom, exception);
}

/* supports(label) -> whether g_convert() knows the encoding */
static JSValueRef
sprout_encoding_supports (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *encoding =
    argc > 0 ? sprout_js_value_to_utf8 (ctx, argv[0], exception) : NULL;
  GIConv conv;

  if (encoding == NULL)
    return NULL;
  conv = g_iconv_open ("UTF-8", encoding);
  if (conv == (GIConv) -1)
    return JSValueMakeBoolean (ctx, FALSE);
  g_iconv_close (conv);
  return JSValueMakeBoolean (ctx, TRUE);
}

JSObjectRef
sprout_module_encoding_define (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);

  sprout_js_define_function (ctx, module, "encodeUtf8",
                             sprout_encoding_encode_utf8);
  sprout_js_define_function (ctx, module, "encodeInto",
                             sprout_encoding_encode_into);
  sprout_js_define_function (ctx, module, "decode", sprout_encoding_decode);
  sprout_js_define_function (ctx, module, "supports", sprout_encoding_supports);
  return module;
}
