#include "js-util.h"

#include <math.h>
#include "engine.h"
#include "js-fast.h"

#include <stdarg.h>
#include <string.h>

char *
sprout_js_string_to_utf8 (JSStringRef string)
{
  gsize size = JSStringGetMaximumUTF8CStringSize (string);
  char *buffer = g_malloc (size);

  JSStringGetUTF8CString (string, buffer, size);
  return buffer;
}

JSValueRef
sprout_js_value_from_utf8 (JSContextRef ctx, const char *utf8)
{
  JSValueRef fast;

  if (utf8 == NULL)
    return JSValueMakeNull (ctx);
  fast = sprout_js_make_ascii (ctx, utf8);
  if (fast)
    return fast;
  g_autoptr (SproutJSString) string = sprout_js_string_new (utf8);
  return JSValueMakeString (ctx, string);
}

char *
sprout_js_value_to_utf8 (JSContextRef ctx, JSValueRef value,
                         JSValueRef *exception)
{
  JSValueRef local_exception = NULL;
  g_autoptr (SproutJSString) string =
    JSValueToStringCopy (ctx, value, &local_exception);

  if (local_exception != NULL || string == NULL) {
    if (exception)
      *exception = local_exception;
    return NULL;
  }
  return sprout_js_string_to_utf8 (string);
}

char *
sprout_js_value_describe (JSContextRef ctx, JSValueRef value)
{
  char *text;

  if (JSValueIsSymbol (ctx, value)) {
    JSObjectRef object = JSValueToObject (ctx, value, NULL);
    JSValueRef described = object ? sprout_js_get (ctx, object, "description",
                                                   NULL)
                                  : NULL;
    g_autofree char *inner =
      described ? sprout_js_value_to_utf8 (ctx, described, NULL) : NULL;
    return g_strdup_printf ("Symbol(%s)", inner ? inner : "");
  }
  text = sprout_js_value_to_utf8 (ctx, value, NULL);
  return text ? text : g_strdup ("[object with a throwing toString()]");
}

JSValueRef
sprout_js_get (JSContextRef ctx, JSObjectRef object, const char *name,
               JSValueRef *exception)
{
  g_autoptr (SproutJSString) key = sprout_js_string_new (name);
  return JSObjectGetProperty (ctx, object, key, exception);
}

gboolean
sprout_js_set (JSContextRef ctx, JSObjectRef object, const char *name,
               JSValueRef value, JSPropertyAttributes attributes,
               JSValueRef *exception)
{
  JSValueRef local_exception = NULL;
  g_autoptr (SproutJSString) key = sprout_js_string_new (name);

  JSObjectSetProperty (ctx, object, key, value, attributes, &local_exception);
  if (local_exception != NULL) {
    if (exception)
      *exception = local_exception;
    return FALSE;
  }
  return TRUE;
}

const char *
sprout_js_type_name (JSContextRef ctx, JSValueRef value)
{
  switch (JSValueGetType (ctx, value)) {
  case kJSTypeUndefined:
    return "undefined";
  case kJSTypeNull:
    return "null";
  case kJSTypeBoolean:
    return "boolean";
  case kJSTypeNumber:
    return "number";
  case kJSTypeString:
    return "string";
  case kJSTypeSymbol:
    return "symbol";
  case kJSTypeBigInt:
    return "bigint";
  case kJSTypeObject:
  default:
    return JSObjectIsFunction (ctx, (JSObjectRef) value) ? "function"
                                                          : "object";
  }
}

JSObjectRef
sprout_js_array_new (JSContextRef ctx, JSValueRef *exception)
{
  return JSObjectMakeArray (ctx, 0, NULL, exception);
}

JSObjectRef
sprout_js_array_from_strv (JSContextRef ctx, const char *const *strv)
{
  JSObjectRef array = sprout_js_array_new (ctx, NULL);

  for (guint i = 0; array && strv && strv[i]; i++)
    sprout_js_array_set (ctx, array, i, sprout_js_value_from_utf8 (ctx, strv[i]));
  return array;
}

JSObjectRef
sprout_js_define_function (JSContextRef ctx, JSObjectRef object,
                           const char *name,
                           JSObjectCallAsFunctionCallback callback)
{
  g_autoptr (SproutJSString) key = sprout_js_string_new (name);
  /* A host function: natives sit on every hot path (engine-host.c). */
  JSObjectRef function =
    sprout_engine_make_function (ctx, name, callback, NULL, NULL);

  JSObjectSetProperty (ctx, object, key, function, kJSPropertyAttributeDontEnum,
                       NULL);
  return function;
}

JSObjectRef
sprout_js_make_error (JSContextRef ctx, const char *ctor_name,
                      const char *message)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef ctor = sprout_js_get (ctx, global, ctor_name, NULL);
  JSValueRef args[] = { sprout_js_value_from_utf8 (ctx, message) };
  JSObjectRef error = NULL;

  if (ctor && JSValueIsObject (ctx, ctor))
    error = JSObjectCallAsConstructor (ctx, (JSObjectRef) ctor, 1, args, NULL);
  if (error == NULL)
    error = JSObjectMakeError (ctx, 1, args, NULL);
  return error;
}

JSValueRef
sprout_js_throw (JSContextRef ctx, JSValueRef *exception,
                 const char *ctor_name, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (exception)
    *exception = sprout_js_make_error (ctx, ctor_name, message);
  return NULL;
}

JSValueRef
sprout_js_evaluate (JSContextRef ctx, const char *source, gssize length,
                    const char *url, int line, JSValueRef *exception)
{
  g_autofree char *copy =
    length < 0 ? NULL : g_strndup (source, (gsize) length);
  g_autoptr (SproutJSString) script =
    sprout_js_string_new (copy ? copy : source);
  g_autoptr (SproutJSString) source_url =
    url ? sprout_js_string_new (url) : NULL;

  return JSEvaluateScript (ctx, script, NULL, source_url, line, exception);
}

void
sprout_js_define_length (JSContextRef ctx, JSObjectRef function,
                         unsigned length)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef object = sprout_js_get (ctx, global, "Object", NULL);
  JSValueRef define = object && JSValueIsObject (ctx, object)
                        ? sprout_js_get (ctx, (JSObjectRef) object,
                                         "defineProperty", NULL)
                        : NULL;
  JSObjectRef descriptor = JSObjectMake (ctx, NULL, NULL);
  JSValueRef args[3];

  if (define == NULL || !JSValueIsObject (ctx, define))
    return;
  sprout_js_set (ctx, descriptor, "value", JSValueMakeNumber (ctx, length),
                 kJSPropertyAttributeNone, NULL);
  args[0] = function;
  args[1] = sprout_js_value_from_utf8 (ctx, "length");
  args[2] = descriptor;
  JSObjectCallAsFunction (ctx, (JSObjectRef) define, NULL, 3, args, NULL);
}

gint32
sprout_js_number_to_int32 (double number)
{
  double wrapped = fmod (trunc (number), 4294967296.0);

  if (wrapped < 0)
    wrapped += 4294967296.0;
  return (gint32) (guint32) wrapped;
}
