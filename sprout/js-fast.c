/* js-fast.c: the start-up check that enables js-fast.h's fast paths. */
#include "js-fast.h"

gboolean sprout_js_fast_values = FALSE;

static gboolean
sprout_js_fast_number_matches (JSContextRef ctx, double number)
{
  JSValueRef api = JSValueMakeNumber (ctx, number);
  double read;

  if (sprout_js_bits (api) != sprout_js_bits (sprout_js_make_number (ctx, number)))
    return FALSE;
  if (!sprout_js_get_number (ctx, api, &read))
    return FALSE;
  return isnan (number) ? isnan (read) : read == number;
}

void
sprout_js_fast_init (JSContextRef ctx)
{
  const double samples[] = { 0, 1, -1, 42, 2147483647.0, -2147483648.0,
                             2147483648.0, 0.5, -0.0, 1e300, -1e-300,
                             INFINITY, -INFINITY, NAN, 9007199254740993.0 };
  gboolean ok = sizeof (void *) == 8;

  if (sprout_js_fast_values)
    return;
  sprout_js_fast_values = ok;
  for (gsize i = 0; ok && i < G_N_ELEMENTS (samples); i++)
    ok = sprout_js_fast_number_matches (ctx, samples[i]);
  ok = ok &&
       sprout_js_bits (JSValueMakeBoolean (ctx, TRUE)) == SPROUT_JS_VALUE_TRUE &&
       sprout_js_bits (JSValueMakeBoolean (ctx, FALSE)) == SPROUT_JS_VALUE_FALSE &&
       sprout_js_bits (JSValueMakeNull (ctx)) == SPROUT_JS_VALUE_NULL &&
       sprout_js_bits (JSValueMakeUndefined (ctx)) == SPROUT_JS_VALUE_UNDEFINED;
  /* Strings, objects and the other constants must not look like numbers. */
  if (ok) {
    JSStringRef empty = JSStringCreateWithUTF8CString ("");
    JSValueRef others[] = { JSValueMakeString (ctx, empty), JSValueMakeNull (ctx),
                            JSValueMakeUndefined (ctx),
                            JSValueMakeBoolean (ctx, TRUE),
                            JSContextGetGlobalObject (ctx) };
    double ignored;
    for (gsize i = 0; ok && i < G_N_ELEMENTS (others); i++)
      ok = !sprout_js_get_number (ctx, others[i], &ignored);
    JSStringRelease (empty);
  }
  sprout_js_fast_values = ok;
  if (!ok)
    g_debug ("JSC value encoding differs from the expected one; "
             "using the C API for every value");
}
