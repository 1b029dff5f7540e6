/* byte-array.c: `_byteArrayNative`, the encoding half of imports.byteArray.
 *
 * byteArray.js (modules/script/) is the public module; it builds on these
 * three functions and adds the GLib.Bytes helpers and the legacy ByteArray
 * class.
 *
 *   fromString(string, encoding = 'UTF-8') -> Uint8Array
 *   toString(uint8array, encoding = 'UTF-8') -> string
 *   legacyToString()  (a method: `this` is a Uint8Array)
 *
 * JavaScript strings are UTF-16. Encoding to UTF-8 is done here in two passes
 * over the string's code units, one to size the Uint8Array exactly and one to
 * write into it; a lone surrogate becomes U+FFFD, as TextEncoder does. Other
 * encodings go through that UTF-8 and g_convert().
 *
 * Decoding follows GJS: the bytes end at the first NUL byte, whatever the
 * encoding. UTF-8 is validated and widened to UTF-16 in one pass, strictly
 * (Unicode's table of well-formed sequences: overlong forms, surrogates and
 * code points past U+10FFFF are refused with a TypeError); other encodings
 * are converted to UTF-8 by g_convert() first. Both directions copy runs of
 * ASCII a chunk at a time. As in GJS, an incomplete character at the end of
 * input in another encoding is dropped rather than reported, and every
 * conversion error (unknown encoding, unrepresentable or invalid sequence) is a
 * TypeError carrying GLib's message.
 *
 * legacyToString() is what byteArray.js puts, as an own non-enumerable
 * toString, on the Uint8Arrays that fromString() and fromGBytes() return (GJS
 * does so for the ones GI makes from C bytes too), for code written when they
 * were ByteArray objects: it logs a warning (domain Gjs, with the JS
 * backtrace) and decodes `this` as UTF-8. (JSObjectSetProperty() cannot add
 * a non-enumerable property that the prototype chain already has, which is
 * why byteArray.js, not this file, attaches it.)
 */
#include "modules-private.h"

#include "engine.h"
#include "js-util.h"

#include <string.h>

/* Strings up to this many UTF-16 units are built on the stack. */
#define SPROUT_BYTE_ARRAY_STACK_UNITS 256

static gboolean
sprout_byte_array_is_utf8 (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

static gboolean
sprout_is_high_surrogate (JSChar unit)
{
  return unit >= 0xD800 && unit < 0xDC00;
}

static gboolean
sprout_is_low_surrogate (JSChar unit)
{
  return unit >= 0xDC00 && unit < 0xE000;
}

/* ASCII text is handled SPROUT_ASCII_CHUNK units or bytes at a time: one
 * branch-free test of the whole chunk, then a plain copy. A chunk that is not
 * all ASCII goes through the per-character code, and the next chunk starts
 * after it, so text without ASCII costs one failed test per chunk. */
#define SPROUT_ASCII_CHUNK 16

static inline gboolean
sprout_units_are_ascii (const JSChar *units)
{
  JSChar bits = 0;

  for (int k = 0; k < SPROUT_ASCII_CHUNK; k++)
    bits |= units[k];
  return bits < 0x80;
}

static inline gboolean
sprout_bytes_are_ascii (const guint8 *bytes)
{
  guint8 bits = 0;

  for (int k = 0; k < SPROUT_ASCII_CHUNK; k++)
    bits |= bytes[k];
  return bits < 0x80;
}

/* The UTF-8 length of @n UTF-16 units, lone surrogates counting as U+FFFD. */
static gsize
sprout_utf16_to_utf8_length (const JSChar *units, gsize n)
{
  gsize length = 0, i = 0;

  while (i < n) {
    gsize chunk_end = MIN (i + SPROUT_ASCII_CHUNK, n);

    if (chunk_end - i == SPROUT_ASCII_CHUNK &&
        sprout_units_are_ascii (units + i)) {
      length += SPROUT_ASCII_CHUNK;
      i = chunk_end;
      continue;
    }
    for (; i < chunk_end; i++) {
      JSChar unit = units[i];

      if (unit < 0x80)
        length += 1;
      else if (unit < 0x800)
        length += 2;
      else if (sprout_is_high_surrogate (unit) && i + 1 < n &&
               sprout_is_low_surrogate (units[i + 1])) {
        length += 4;
        i++;
      } else
        length += 3;
    }
  }
  return length;
}

/* Writes the UTF-8 of one character, @units[*i] (and the low surrogate after
 * it, if it is a high one), to @out; advances *i past it. Returns the end of
 * what it wrote. */
static inline guint8 *
sprout_utf16_char_to_utf8 (const JSChar *units, gsize n, gsize *i, guint8 *out)
{
  gunichar c = units[*i];

  if (c < 0x80) {
    *out++ = (guint8) c;
  } else if (c < 0x800) {
    *out++ = (guint8) (0xC0 | (c >> 6));
    *out++ = (guint8) (0x80 | (c & 0x3F));
  } else if (sprout_is_high_surrogate ((JSChar) c) && *i + 1 < n &&
             sprout_is_low_surrogate (units[*i + 1])) {
    c = 0x10000 + ((c - 0xD800) << 10) + (units[*i + 1] - 0xDC00u);
    (*i)++;
    *out++ = (guint8) (0xF0 | (c >> 18));
    *out++ = (guint8) (0x80 | ((c >> 12) & 0x3F));
    *out++ = (guint8) (0x80 | ((c >> 6) & 0x3F));
    *out++ = (guint8) (0x80 | (c & 0x3F));
  } else {
    if (c >= 0xD800 && c < 0xE000)
      c = 0xFFFD; /* a lone surrogate */
    *out++ = (guint8) (0xE0 | (c >> 12));
    *out++ = (guint8) (0x80 | ((c >> 6) & 0x3F));
    *out++ = (guint8) (0x80 | (c & 0x3F));
  }
  (*i)++;
  return out;
}

/* Writes the UTF-8 of @n UTF-16 units to @out, which has room for exactly
 * sprout_utf16_to_utf8_length() bytes. */
static void
sprout_utf16_to_utf8 (const JSChar *units, gsize n, guint8 *out)
{
  gsize i = 0;

  while (i < n) {
    gsize chunk_end = MIN (i + SPROUT_ASCII_CHUNK, n);

    if (chunk_end - i == SPROUT_ASCII_CHUNK &&
        sprout_units_are_ascii (units + i)) {
      for (int k = 0; k < SPROUT_ASCII_CHUNK; k++)
        out[k] = (guint8) units[i + k];
      out += SPROUT_ASCII_CHUNK;
      i = chunk_end;
      continue;
    }
    while (i < chunk_end)
      out = sprout_utf16_char_to_utf8 (units, n, &i, out);
  }
}

/* Decodes the UTF-8 character at @bytes[*i] (not ASCII) into @out and
 * advances *i past it; NULL if it is malformed (an invalid or overlong form,
 * a surrogate, past U+10FFFF, or cut short). Returns the end of what it
 * wrote. */
static inline JSChar *
sprout_utf8_char_to_utf16 (const guint8 *bytes, gsize n, gsize *i, JSChar *out)
{
  guint8 lead = bytes[*i], low = 0x80, high = 0xBF;
  gsize length;
  gunichar c;

  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0F;
    if (lead == 0xE0)
      low = 0xA0; /* overlong */
    else if (lead == 0xED)
      high = 0x9F; /* surrogates */
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
    if (lead == 0xF0)
      low = 0x90; /* overlong */
    else if (lead == 0xF4)
      high = 0x8F; /* past U+10FFFF */
  } else
    return NULL;
  if (n - *i < length || bytes[*i + 1] < low || bytes[*i + 1] > high)
    return NULL;
  c = (c << 6) | (bytes[*i + 1] & 0x3F);
  for (gsize k = 2; k < length; k++) {
    if ((bytes[*i + k] & 0xC0) != 0x80)
      return NULL;
    c = (c << 6) | (bytes[*i + k] & 0x3F);
  }
  *i += length;
  if (c >= 0x10000) {
    c -= 0x10000;
    *out++ = (JSChar) (0xD800 + (c >> 10));
    *out++ = (JSChar) (0xDC00 + (c & 0x3FF));
  } else
    *out++ = (JSChar) c;
  return out;
}

/* Decodes @n bytes of UTF-8 into @out (room for @n units: no character takes
 * more units than bytes). Returns the number of units, or -1 with
 * *@bad_offset set to where a malformed character starts. */
static gssize
sprout_utf8_to_utf16 (const guint8 *bytes, gsize n, JSChar *out,
                      gsize *bad_offset)
{
  JSChar *start = out;
  gsize i = 0;

  while (i < n) {
    gsize chunk_end = MIN (i + SPROUT_ASCII_CHUNK, n);

    if (chunk_end - i == SPROUT_ASCII_CHUNK &&
        sprout_bytes_are_ascii (bytes + i)) {
      for (int k = 0; k < SPROUT_ASCII_CHUNK; k++)
        out[k] = bytes[i + k];
      out += SPROUT_ASCII_CHUNK;
      i = chunk_end;
      continue;
    }
    while (i < chunk_end) {
      if (bytes[i] < 0x80) {
        *out++ = bytes[i++];
        continue;
      }
      out = sprout_utf8_char_to_utf16 (bytes, n, &i, out);
      if (out == NULL) {
        *bad_offset = i;
        return -1;
      }
    }
  }
  return out - start;
}

/* A JS string from @n bytes of UTF-8, stopping at a NUL; NULL with a
 * TypeError if the bytes are not valid UTF-8. */
static JSValueRef
sprout_byte_array_decode_utf8 (JSContextRef ctx, const guint8 *bytes, gsize n,
                               JSValueRef *exception)
{
  JSChar stack_units[SPROUT_BYTE_ARRAY_STACK_UNITS];
  g_autofree JSChar *heap_units = NULL;
  g_autoptr (SproutJSString) string = NULL;
  const guint8 *nul = n ? memchr (bytes, 0, n) : NULL;
  JSChar *units = stack_units;
  gsize bad_offset = 0;
  gssize length;

  if (nul)
    n = (gsize) (nul - bytes);
  if (n > G_N_ELEMENTS (stack_units))
    units = heap_units = g_new (JSChar, n);
  length = sprout_utf8_to_utf16 (bytes, n, units, &bad_offset);
  if (length < 0)
    return sprout_js_throw (
      ctx, exception, "TypeError",
      "byteArray.toString(): malformed UTF-8 at byte offset %" G_GSIZE_FORMAT,
      bad_offset);
  string = JSStringCreateWithCharacters (units, (size_t) length);
  return JSValueMakeString (ctx, string);
}

/* A JS string from @n bytes in @encoding (not UTF-8), stopping at a NUL. */
static JSValueRef
sprout_byte_array_decode (JSContextRef ctx, const guint8 *bytes, gsize n,
                          const char *encoding, JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *utf8 = NULL;
  const guint8 *nul = n ? memchr (bytes, 0, n) : NULL;
  gsize read = 0, written = 0;

  if (nul)
    n = (gsize) (nul - bytes);
  /* Asking for bytes_read makes a partial character at the end no error:
   * it is dropped, as GJS does. */
  utf8 = g_convert ((const char *) bytes, (gssize) n, "UTF-8", encoding, &read,
                    &written, &error);
  if (utf8 == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "byteArray.toString(): %s", error->message);
  return sprout_byte_array_decode_utf8 (ctx, (const guint8 *) utf8, written,
                                        exception);
}

/* The bytes of @value if it is a Uint8Array (@data may be NULL when empty);
 * FALSE with a TypeError naming @what otherwise. */
static gboolean
sprout_byte_array_get_bytes (JSContextRef ctx, JSValueRef value,
                             const char *what, const guint8 **data, gsize *n,
                             JSValueRef *exception)
{
  JSObjectRef array;
  const guint8 *base;

  if (JSValueGetTypedArrayType (ctx, value, NULL) !=
      kJSTypedArrayTypeUint8Array) {
    sprout_js_throw (ctx, exception, "TypeError", "%s must be a Uint8Array",
                     what);
    return FALSE;
  }
  array = (JSObjectRef) value;
  *n = JSObjectGetTypedArrayByteLength (ctx, array, NULL);
  if (*n == 0) {
    *data = NULL;
    return TRUE;
  }
  base = JSObjectGetTypedArrayBytesPtr (ctx, array, NULL);
  *data = base + JSObjectGetTypedArrayByteOffset (ctx, array, NULL);
  return TRUE;
}

/* The encoding argument: NULL (with @exception) unless it is missing,
 * undefined (UTF-8) or a string. (transfer full) */
static char *
sprout_byte_array_get_encoding (JSContextRef ctx, size_t argc,
                                const JSValueRef argv[], size_t index,
                                const char *function, JSValueRef *exception)
{
  if (argc <= index || JSValueIsUndefined (ctx, argv[index]))
    return g_strdup ("UTF-8");
  if (!JSValueIsString (ctx, argv[index])) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "byteArray.%s(): the encoding must be a string", function);
    return NULL;
  }
  return sprout_js_value_to_utf8 (ctx, argv[index], exception);
}

/* A new Uint8Array holding a copy of @n bytes. */
static JSValueRef
sprout_byte_array_new (JSContextRef ctx, const void *bytes, gsize n,
                       JSValueRef *exception)
{
  JSValueRef local = NULL;
  JSObjectRef array =
    JSObjectMakeTypedArray (ctx, kJSTypedArrayTypeUint8Array, n, &local);

  if (array == NULL) {
    *exception = local;
    return NULL;
  }
  if (n > 0)
    memcpy (JSObjectGetTypedArrayBytesPtr (ctx, array, NULL), bytes, n);
  return array;
}

/* A new Uint8Array from @n_units UTF-16 units encoded as UTF-8. */
static JSObjectRef
sprout_byte_array_encode_utf8 (JSContextRef ctx, const JSChar *units,
                               gsize n_units, gsize n_bytes,
                               JSValueRef *exception)
{
  JSValueRef local = NULL;
  JSObjectRef array =
    JSObjectMakeTypedArray (ctx, kJSTypedArrayTypeUint8Array, n_bytes, &local);

  if (array == NULL) {
    *exception = local;
    return NULL;
  }
  if (n_bytes > 0)
    sprout_utf16_to_utf8 (units, n_units,
                          JSObjectGetTypedArrayBytesPtr (ctx, array, NULL));
  return array;
}

/* A new Uint8Array from @n_units UTF-16 units in @encoding (not UTF-8). */
static JSObjectRef
sprout_byte_array_encode (JSContextRef ctx, const JSChar *units, gsize n_units,
                          gsize n_bytes, const char *encoding,
                          JSValueRef *exception)
{
  g_autofree guint8 *utf8 = g_malloc (n_bytes + 1);
  g_autofree char *converted = NULL;
  g_autoptr (GError) error = NULL;
  gsize written = 0;

  sprout_utf16_to_utf8 (units, n_units, utf8);
  converted = g_convert ((const char *) utf8, (gssize) n_bytes, encoding,
                         "UTF-8", NULL, &written, &error);
  if (converted == NULL) {
    sprout_js_throw (ctx, exception, "TypeError", "byteArray.fromString(): %s",
                     error->message);
    return NULL;
  }
  return (JSObjectRef) sprout_byte_array_new (ctx, converted, written,
                                              exception);
}

/* fromString(string, encoding = 'UTF-8') */
static JSValueRef
sprout_byte_array_from_string (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutJSString) string = NULL;
  g_autofree char *encoding = NULL;
  const JSChar *units;
  gsize n_units, n_bytes;

  if (argc < 1 || !JSValueIsString (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "byteArray.fromString(): argument 1 must be a "
                            "string");
  encoding = sprout_byte_array_get_encoding (ctx, argc, argv, 1, "fromString",
                                             exception);
  if (encoding == NULL)
    return NULL;

  string = JSValueToStringCopy (ctx, argv[0], exception);
  if (string == NULL)
    return NULL;
  units = JSStringGetCharactersPtr (string);
  n_units = JSStringGetLength (string);
  n_bytes = sprout_utf16_to_utf8_length (units, n_units);
  if (sprout_byte_array_is_utf8 (encoding))
    return sprout_byte_array_encode_utf8 (ctx, units, n_units, n_bytes,
                                          exception);
  return sprout_byte_array_encode (ctx, units, n_units, n_bytes, encoding,
                                   exception);
}

/* toString(uint8array, encoding = 'UTF-8') */
static JSValueRef
sprout_byte_array_to_string (JSContextRef ctx, JSObjectRef function,
                             JSObjectRef self, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *encoding = NULL;
  const guint8 *data;
  gsize n;

  if (!sprout_byte_array_get_bytes (
        ctx, argc > 0 ? argv[0] : JSValueMakeUndefined (ctx),
        "byteArray.toString(): argument 1", &data, &n, exception))
    return NULL;
  encoding =
    sprout_byte_array_get_encoding (ctx, argc, argv, 1, "toString", exception);
  if (encoding == NULL)
    return NULL;
  if (sprout_byte_array_is_utf8 (encoding))
    return sprout_byte_array_decode_utf8 (ctx, data, n, exception);
  return sprout_byte_array_decode (ctx, data, n, encoding, exception);
}

/* A `#0 ...` backtrace of the calling JS, or NULL where unavailable. */
static char *
sprout_byte_array_backtrace (JSContextRef ctx)
{
  g_autoptr (SproutJSString) trace = NULL;

  if (sprout_engine.create_backtrace == NULL)
    return NULL;
  trace = sprout_engine.create_backtrace (ctx, 32);
  return trace ? sprout_js_string_to_utf8 (trace) : NULL;
}

/* uint8array.toString() on arrays from fromString() and fromGBytes(), and on
 * those GI returns (gi/byte-array.c). */
JSValueRef
sprout_byte_array_legacy_to_string (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  g_autofree char *trace = NULL;
  const guint8 *data;
  gsize n;

  if (!sprout_byte_array_get_bytes (ctx, self, "toString(): this", &data, &n,
                                    exception))
    return NULL;
  trace = sprout_byte_array_backtrace (ctx);
  g_warning ("Some code called array.toString() on a Uint8Array instance. "
             "It used to read the bytes as a UTF-8 string, which is not what "
             "Uint8Array.prototype.toString() does; later versions will give "
             "the comma-separated byte values instead. That old behaviour is "
             "kept for now, but please use TextDecoder (or "
             "imports.byteArray.toString()) instead.\n"
             "(toString() may have been called implicitly.)\n%s",
             trace ? trace : "");
  return sprout_byte_array_decode_utf8 (ctx, data, n, exception);
}

JSObjectRef
sprout_module_byte_array_define (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);

  sprout_js_define_function (ctx, module, "fromString",
                             sprout_byte_array_from_string);
  sprout_js_define_function (ctx, module, "toString",
                             sprout_byte_array_to_string);
  sprout_js_define_function (ctx, module, "legacyToString",
                             sprout_byte_array_legacy_to_string);
  return module;
}
