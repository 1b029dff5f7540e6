/* js-fast.c: the start-up check that enables js-fast.h's fast paths. */
#include "js-fast.h"

#include "engine.h"

#include <string.h>

#define SPROUT_WEAK __attribute__ ((weak))

/* WTF::StringImpl::create(std::span<const LChar>): returns a Ref<StringImpl>
 * through a hidden result pointer; the span travels as (data, size). */
extern void _ZN3WTF10StringImpl6createESt4spanIKhLm18446744073709551615EE (
  void **result, const guint8 *chars, gsize length) SPROUT_WEAK;
/* JSC::jsStringWithCacheSlowCase(VM&, StringImpl&) -> JSString* */
extern JSValueRef _ZN3JSC25jsStringWithCacheSlowCaseERNS_2VMERN3WTF10StringImplE (
  void *vm, void *impl) SPROUT_WEAK;

#define sprout_wtf_string_create \
  _ZN3WTF10StringImpl6createESt4spanIKhLm18446744073709551615EE
#define sprout_jsc_string_with_cache \
  _ZN3JSC25jsStringWithCacheSlowCaseERNS_2VMERN3WTF10StringImplE

/* A StringImpl's reference count counts in steps of 2 (bit 0 marks static
 * strings). */
#define SPROUT_WTF_REF_STEP 2u

static gboolean sprout_js_fast_make = FALSE;

gboolean sprout_js_fast_values = FALSE;
gboolean sprout_js_fast_strings = FALSE;
guint8 sprout_js_string_type;
guint8 sprout_js_primitive_cell_types[3];

static JSValueRef
sprout_js_fast_eval (JSContextRef ctx, const char *source)
{
  JSStringRef script = JSStringCreateWithUTF8CString (source);
  JSValueRef value = JSEvaluateScript (ctx, script, NULL, NULL, 1, NULL);

  JSStringRelease (script);
  return value;
}

/* Whether sprout_js_get_latin1() reads @source's string as the API does:
 * @latin1 says whether it must succeed. */
static gboolean
sprout_js_fast_string_matches (JSContextRef ctx, const char *source,
                               gboolean latin1)
{
  JSValueRef value = sprout_js_fast_eval (ctx, source);
  JSStringRef api;
  const JSChar *want;
  const guint8 *chars;
  gsize length;
  gboolean ok;

  if (value == NULL || !JSValueIsString (ctx, value))
    return FALSE;
  if (!sprout_js_get_latin1 (value, &chars, &length))
    return !latin1;
  api = JSValueToStringCopy (ctx, value, NULL);
  want = JSStringGetCharactersPtr (api);
  ok = latin1 && length == JSStringGetLength (api);
  for (gsize i = 0; ok && i < length; i++)
    ok = want[i] == chars[i];
  JSStringRelease (api);
  return ok;
}

/* Makes the JS string; with @check, also that the new JSString took a
 * reference of its own (so dropping ours cannot free the characters). */
static JSValueRef
sprout_js_make_latin1 (JSContextRef ctx, const guint8 *chars, gsize length,
                       gboolean check)
{
  void *impl = NULL;
  guint32 refs;
  JSValueRef value;

  sprout_engine.lock (ctx);
  sprout_wtf_string_create (&impl, chars, length);
  value = sprout_jsc_string_with_cache ((void *) JSContextGetGroup (ctx), impl);
  memcpy (&refs, impl, sizeof refs);
  if (check && refs != 2 * SPROUT_WTF_REF_STEP)
    value = NULL;
  /* Drop ours, as StringImpl::deref() would; the JSString keeps its own. */
  if (refs > SPROUT_WTF_REF_STEP) {
    refs -= SPROUT_WTF_REF_STEP;
    memcpy (impl, &refs, sizeof refs);
  }
  sprout_engine.unlock (ctx);
  return value;
}

/* The empty string and the one-character ASCII strings, made once per
 * context (protected): JSC shares these itself, but the C API would still
 * allocate a JSStringRef and a StringImpl for each. Slot 0: "". */
static JSValueRef sprout_js_small_strings[128];

static JSValueRef
sprout_js_small_string (JSContextRef ctx, guint8 c)
{
  char text[2] = { (char) c, '\0' };
  JSStringRef string;

  if (G_LIKELY (sprout_js_small_strings[c] != NULL))
    return sprout_js_small_strings[c];
  string = JSStringCreateWithUTF8CString (text);
  sprout_js_small_strings[c] = JSValueMakeString (ctx, string);
  JSStringRelease (string);
  JSValueProtect (ctx, sprout_js_small_strings[c]);
  return sprout_js_small_strings[c];
}

void
sprout_js_fast_forget_context (void)
{
  memset (sprout_js_small_strings, 0, sizeof sprout_js_small_strings);
}

JSValueRef
sprout_js_make_ascii (JSContextRef ctx, const char *utf8)
{
  guint8 any = 0;
  gsize length = 0;

  if (!sprout_js_fast_make)
    return NULL;
  for (; utf8[length]; length++)
    any |= (guint8) utf8[length];
  if (any >= 0x80)
    return NULL;
  if (length < 2)
    return sprout_js_small_string (ctx, (guint8) utf8[0]);
  return sprout_js_make_latin1 (ctx, (const guint8 *) utf8, length, FALSE);
}

static gboolean
sprout_js_fast_make_matches (JSContextRef ctx, const char *text)
{
  JSValueRef value = sprout_js_make_latin1 (ctx, (const guint8 *) text,
                                            strlen (text), TRUE);
  JSStringRef want = JSStringCreateWithUTF8CString (text);
  JSStringRef have;
  gboolean ok;

  if (value == NULL || !JSValueIsString (ctx, value)) {
    JSStringRelease (want);
    return FALSE;
  }
  have = JSValueToStringCopy (ctx, value, NULL);
  ok = have && JSStringIsEqual (have, want);
  if (have)
    JSStringRelease (have);
  JSStringRelease (want);
  return ok;
}

static void
sprout_js_fast_make_init (JSContextRef ctx)
{
  if (!sprout_js_fast_strings || !sprout_wtf_string_create ||
      !sprout_jsc_string_with_cache || !sprout_engine.lock ||
      !sprout_engine.unlock)
    return;
  sprout_js_fast_make = sprout_js_fast_make_matches (ctx, "sprout") &&
                        sprout_js_fast_make_matches (ctx, "/usr/share/x.txt") &&
                        sprout_js_fast_make_matches (ctx, "ab");
  if (!sprout_js_fast_make)
    g_debug ("JSC string creation differs from the expected one; "
             "making strings through the C API");
}

static void
sprout_js_fast_strings_init (JSContextRef ctx)
{
  JSValueRef sample = sprout_js_fast_eval (ctx, "'sprout'");
  JSValueRef object = sprout_js_fast_eval (ctx, "({})");
  JSValueRef symbol = sprout_js_fast_eval (ctx, "Symbol('s')");
  JSValueRef bigint = sprout_js_fast_eval (ctx, "2n ** 100n");
  JSValueRef function = sprout_js_fast_eval (ctx, "(function () {})");
  JSValueRef array = sprout_js_fast_eval (ctx, "[]");
  guint64 bits;

  if (!sprout_js_fast_values || sample == NULL || object == NULL ||
      symbol == NULL || bigint == NULL || function == NULL || array == NULL)
    return;
  for (gsize i = 0; i < 3; i++) {
    JSValueRef cell = i == 0 ? sample : i == 1 ? symbol : bigint;
    bits = sprout_js_bits (cell);
    if (bits == 0 || (bits & SPROUT_JS_NOT_CELL_MASK))
      return;
    sprout_js_primitive_cell_types[i] = ((const guint8 *) (uintptr_t) bits)[5];
  }
  bits = sprout_js_bits (sample);
  if (bits == 0 || (bits & SPROUT_JS_NOT_CELL_MASK))
    return;
  sprout_js_string_type = ((const guint8 *) (uintptr_t) bits)[5];
  if (((const guint8 *) (uintptr_t) sprout_js_bits (object))[5] ==
        sprout_js_string_type ||
      ((const guint8 *) (uintptr_t) sprout_js_bits (symbol))[5] ==
        sprout_js_string_type)
    return;
  sprout_js_fast_strings = TRUE;
  sprout_js_fast_strings =
    sprout_js_fast_string_matches (ctx, "'sprout'", TRUE) &&
    sprout_js_fast_string_matches (ctx, "'/usr/share/file.txt'", TRUE) &&
    sprout_js_fast_string_matches (ctx, "'caf\\u00e9'", TRUE) &&
    sprout_js_fast_string_matches (ctx, "''", TRUE) &&
    sprout_js_fast_string_matches (ctx, "'\\u4e16\\u754c'", FALSE) &&
    !sprout_js_get_latin1 (object, &(const guint8 *) { NULL },
                           &(gsize) { 0 }) &&
    !sprout_js_get_latin1 (JSValueMakeNumber (ctx, 1), &(const guint8 *) { NULL },
                           &(gsize) { 0 }) &&
    sprout_js_fast_is_object (object) && sprout_js_fast_is_object (function) &&
    sprout_js_fast_is_object (array) &&
    sprout_js_fast_is_object (JSContextGetGlobalObject (ctx)) &&
    !sprout_js_fast_is_object (sample) && !sprout_js_fast_is_object (symbol) &&
    !sprout_js_fast_is_object (bigint) &&
    !sprout_js_fast_is_object (JSValueMakeNumber (ctx, 1.5)) &&
    !sprout_js_fast_is_object (JSValueMakeNull (ctx));
  if (!sprout_js_fast_strings)
    g_debug ("JSC string layout differs from the expected one; "
             "reading strings through the C API");
  sprout_js_fast_make_init (ctx);
}

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
  sprout_js_fast_strings_init (ctx);
}
