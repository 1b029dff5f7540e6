/* byte-array.c: the Uint8Arrays that GI byte data becomes.
 *
 * GJS gives every Uint8Array it makes from GI byte data (C arrays of
 * guint8, GByteArray, byte-array GValues) an own, non-enumerable toString()
 * that still decodes the bytes as UTF-8, with a deprecation warning,
 * because such values used to be ByteArray objects whose toString() did.
 * The function is the byteArray module's (modules/byte-array.c), which
 * hands it to this layer through sprout_gi_set_legacy_bytes_to_string():
 * one JS function per context, defined on each array (non-enumerable, as
 * GJS's).
 */
#include "gi-private.h"

#include "gi.h"
#include "js-util.h"

static JSObjectCallAsFunctionCallback sprout_legacy_to_string_callback;
/* Protected: array => defines the legacy toString() on array. A JS
 * function, because JSObjectSetProperty() assigns (enumerable) when the
 * prototype chain has the name already, and Uint8Array's has toString. */
static JSObjectRef sprout_legacy_decorator;

void
sprout_gi_set_legacy_bytes_to_string (JSObjectCallAsFunctionCallback callback)
{
  sprout_legacy_to_string_callback = callback;
}

void
sprout_gi_byte_array_forget_context (void)
{
  sprout_legacy_decorator = NULL;
}

static JSObjectRef
sprout_byte_array_get_decorator (JSContextRef ctx, JSValueRef *exception)
{
  static const char source[] =
    "(function (toString) {\n"
    "    const descriptor = {value: toString, writable: true,\n"
    "        enumerable: false, configurable: true};\n"
    "    return array => Object.defineProperty(array, 'toString',\n"
    "        descriptor);\n"
    "})";
  g_autoptr (SproutJSString) name = NULL;
  JSValueRef make, function, decorator;

  if (sprout_legacy_decorator != NULL)
    return sprout_legacy_decorator;
  make = sprout_js_evaluate (ctx, source, -1, "sprout:byte-array", 1,
                             exception);
  if (make == NULL)
    return NULL;
  name = sprout_js_string_new ("toString");
  function = JSObjectMakeFunctionWithCallback (
    ctx, name, sprout_legacy_to_string_callback);
  decorator = JSObjectCallAsFunction (ctx, (JSObjectRef) make, NULL, 1,
                                      &function, exception);
  if (decorator == NULL)
    return NULL;
  JSValueProtect (ctx, decorator);
  sprout_legacy_decorator = (JSObjectRef) decorator;
  return sprout_legacy_decorator;
}

/* Defines the legacy toString() on @array; FALSE with @exception set. */
static gboolean
sprout_byte_array_decorate (JSContextRef ctx, JSObjectRef array,
                            JSValueRef *exception)
{
  JSObjectRef decorator;

  if (sprout_legacy_to_string_callback == NULL)
    return TRUE;
  decorator = sprout_byte_array_get_decorator (ctx, exception);
  return decorator != NULL &&
         JSObjectCallAsFunction (ctx, decorator, NULL, 1,
                                 (JSValueRef *) &array, exception) != NULL;
}

JSObjectRef
sprout_gi_byte_array_new (JSContextRef ctx, gconstpointer data, gsize n,
                          JSValueRef *exception)
{
  JSValueRef error = NULL;
  JSObjectRef array =
    JSObjectMakeTypedArray (ctx, kJSTypedArrayTypeUint8Array, n, &error);

  if (array != NULL && n > 0)
    memcpy (JSObjectGetTypedArrayBytesPtr (ctx, array, &error), data, n);
  if (array == NULL || error != NULL ||
      !sprout_byte_array_decorate (ctx, array, &error)) {
    *exception = error;
    return NULL;
  }
  return array;
}

JSObjectRef
sprout_gi_byte_array_take (JSContextRef ctx, gpointer data, gsize n,
                           JSTypedArrayBytesDeallocator deallocator,
                           JSValueRef *exception)
{
  JSValueRef error = NULL;
  JSObjectRef array = JSObjectMakeTypedArrayWithBytesNoCopy (
    ctx, kJSTypedArrayTypeUint8Array, data, n, deallocator, NULL, &error);

  if (array == NULL || !sprout_byte_array_decorate (ctx, array, &error)) {
    *exception = error;
    return NULL;
  }
  return array;
}
