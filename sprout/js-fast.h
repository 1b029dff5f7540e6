/* js-fast.h: lock-free reads and writes of JS numbers, booleans, null and
 * undefined for the GI call path.
 *
 * Every JSValue* function of JSC's C API takes the engine lock, about 10 ns
 * each; a GI call converting two numbers and returning one paid that five
 * times. On 64-bit builds JSC passes a JSValueRef as the JSValue's encoded
 * bits (NaN-boxing, JSCJSValue.h): an int32 is NumberTag | value, a double is
 * its bits plus 2^49, and false/true/null/undefined are small constants. We
 * read and make those directly — but only after sprout_engine_init() has
 * checked, against the API, that this library encodes values exactly so
 * (sprout_js_fast_values); otherwise every helper below falls back to the API.
 */
#pragma once

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

extern gboolean sprout_js_fast_values;

#define SPROUT_JS_NUMBER_TAG G_GUINT64_CONSTANT (0xfffe000000000000)
#define SPROUT_JS_DOUBLE_OFFSET (G_GUINT64_CONSTANT (1) << 49)
#define SPROUT_JS_VALUE_FALSE G_GUINT64_CONSTANT (0x6)
#define SPROUT_JS_VALUE_TRUE G_GUINT64_CONSTANT (0x7)
#define SPROUT_JS_VALUE_NULL G_GUINT64_CONSTANT (0x2)
#define SPROUT_JS_VALUE_UNDEFINED G_GUINT64_CONSTANT (0xa)

static inline guint64
sprout_js_bits (JSValueRef value)
{
  return (guint64) (uintptr_t) value;
}

/* TRUE and *out if @value is a Number. */
static inline gboolean
sprout_js_get_number (JSContextRef ctx, JSValueRef value, double *out)
{
  if (G_LIKELY (sprout_js_fast_values)) {
    guint64 bits = sprout_js_bits (value);
    if ((bits & SPROUT_JS_NUMBER_TAG) == SPROUT_JS_NUMBER_TAG) {
      *out = (double) (gint32) (guint32) bits;
      return TRUE;
    }
    if (bits & SPROUT_JS_NUMBER_TAG) {
      bits -= SPROUT_JS_DOUBLE_OFFSET;
      memcpy (out, &bits, sizeof *out);
      return TRUE;
    }
    return FALSE;
  }
  if (!JSValueIsNumber (ctx, value))
    return FALSE;
  *out = JSValueToNumber (ctx, value, NULL);
  return TRUE;
}

static inline JSValueRef
sprout_js_make_number (JSContextRef ctx, double number)
{
  if (G_LIKELY (sprout_js_fast_values)) {
    guint64 bits;
    if (number == (double) (gint32) number &&
        !(number == 0 && signbit (number)))
      bits = SPROUT_JS_NUMBER_TAG | (guint32) (gint32) number;
    else {
      if (isnan (number))
        number = NAN; /* the one NaN JSC uses: others could look like tags */
      memcpy (&bits, &number, sizeof bits);
      bits += SPROUT_JS_DOUBLE_OFFSET;
    }
    return (JSValueRef) (uintptr_t) bits;
  }
  return JSValueMakeNumber (ctx, number);
}

static inline JSValueRef
sprout_js_make_boolean (JSContextRef ctx, gboolean value)
{
  if (G_LIKELY (sprout_js_fast_values))
    return (JSValueRef) (uintptr_t) (value ? SPROUT_JS_VALUE_TRUE
                                           : SPROUT_JS_VALUE_FALSE);
  return JSValueMakeBoolean (ctx, value);
}

static inline gboolean
sprout_js_to_boolean (JSContextRef ctx, JSValueRef value)
{
  if (G_LIKELY (sprout_js_fast_values)) {
    guint64 bits = sprout_js_bits (value);
    if (bits == SPROUT_JS_VALUE_TRUE)
      return TRUE;
    if (bits == SPROUT_JS_VALUE_FALSE)
      return FALSE;
  }
  return JSValueToBoolean (ctx, value);
}

/* TRUE if @value is null or undefined. */
static inline gboolean
sprout_js_is_nullish (JSContextRef ctx, JSValueRef value)
{
  if (G_LIKELY (sprout_js_fast_values)) {
    guint64 bits = sprout_js_bits (value);
    return bits == SPROUT_JS_VALUE_NULL || bits == SPROUT_JS_VALUE_UNDEFINED;
  }
  return JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value);
}

/* Strings. A JSString is a cell (JSType at byte 5 of its header) whose
 * second word is its WTF::StringImpl (or, with bit 0 set, a rope); a
 * StringImpl holds its length at byte 4, its characters' address at byte
 * 8, and flags at byte 16, where bit 2 marks 8-bit (Latin-1) characters.
 * sprout_js_fast_init() checks all of that against the API with known
 * strings and sets sprout_js_fast_strings only if every check holds. */
extern gboolean sprout_js_fast_strings;
extern guint8 sprout_js_string_type;

#define SPROUT_JS_NOT_CELL_MASK G_GUINT64_CONSTANT (0xfffe000000000002)

/* TRUE, the Latin-1 characters (not NUL-terminated) and their number if
 * @value is a flat 8-bit string; FALSE for anything else (ropes, 16-bit
 * strings, other values, or no fast strings): use the API then. */
static inline gboolean
sprout_js_get_latin1 (JSValueRef value, const guint8 **chars, gsize *length)
{
  guint64 bits = sprout_js_bits (value);
  const guint8 *cell, *impl;
  uintptr_t fiber;
  guint32 flags;

  if (!sprout_js_fast_strings || bits == 0 || (bits & SPROUT_JS_NOT_CELL_MASK))
    return FALSE;
  cell = (const guint8 *) (uintptr_t) bits;
  if (cell[5] != sprout_js_string_type)
    return FALSE;
  memcpy (&fiber, cell + 8, sizeof fiber);
  if (fiber & 1)
    return FALSE; /* a rope: only the API can flatten it */
  impl = (const guint8 *) fiber;
  memcpy (&flags, impl + 16, sizeof flags);
  if (!(flags & (1u << 2)))
    return FALSE;
  *length = *(const guint32 *) (impl + 4);
  memcpy (chars, impl + 8, sizeof *chars);
  return TRUE;
}

/* A JS string for @utf8 if it is ASCII and fast strings are on; else NULL
 * (use the API). Made by WTF::StringImpl::create and JSC's
 * jsStringWithCacheSlowCase, under the engine lock: no UTF-8 to UTF-16
 * round trip and no OpaqueJSString (115 ns -> 43 ns measured); strings of
 * 0 or 1 characters come from a per-context table. */
JSValueRef sprout_js_make_ascii (JSContextRef ctx, const char *utf8);

/* Drops the per-context table; when a context goes away. */
void sprout_js_fast_forget_context (void);

/* The JSTypes of the cells that are primitive values (string, symbol,
 * heap BigInt): every other cell a JSValueRef can hold is an object. */
extern guint8 sprout_js_primitive_cell_types[3];

/* TRUE if @value is an object, FALSE if not; only with
 * sprout_js_fast_strings (the cell layout was checked). */
static inline gboolean
sprout_js_fast_is_object (JSValueRef value)
{
  guint64 bits = sprout_js_bits (value);
  guint8 type;

  if (bits == 0 || (bits & SPROUT_JS_NOT_CELL_MASK))
    return FALSE;
  type = ((const guint8 *) (uintptr_t) bits)[5];
  return type != sprout_js_primitive_cell_types[0] &&
         type != sprout_js_primitive_cell_types[1] &&
         type != sprout_js_primitive_cell_types[2];
}

/* Checks the encoding against the API on @ctx and sets
 * sprout_js_fast_values. Called once at start-up. */
void sprout_js_fast_init (JSContextRef ctx);

G_END_DECLS
