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

/* Checks the encoding against the API on @ctx and sets
 * sprout_js_fast_values. Called once at start-up. */
void sprout_js_fast_init (JSContextRef ctx);

G_END_DECLS
