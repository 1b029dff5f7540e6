/* js-util.h: small helpers over the JavaScriptCore C API used by every layer.
 *
 * Convention (whole project): a function that can raise a JS exception takes a
 * `JSValueRef *exception` out-parameter and returns FALSE/NULL exactly when it
 * stored one there.
 */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct OpaqueJSString SproutJSString;
typedef struct OpaqueJSPropertyNameArray SproutJSPropertyNames;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SproutJSString, JSStringRelease)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SproutJSPropertyNames, JSPropertyNameArrayRelease)

/* A JSStringRef from UTF-8 (never NULL). */
#define sprout_js_string_new(utf8) JSStringCreateWithUTF8CString (utf8)

/* (transfer full) UTF-8 copy of a JSStringRef. */
char *sprout_js_string_to_utf8 (JSStringRef string);

/* A JS string value from UTF-8; NULL gives null. */
JSValueRef sprout_js_value_from_utf8 (JSContextRef ctx, const char *utf8);

/* ToString(@value) as UTF-8 (transfer full), or NULL with @exception set. */
char *sprout_js_value_to_utf8 (JSContextRef ctx, JSValueRef value,
                               JSValueRef *exception);

/* Like sprout_js_value_to_utf8() but never fails: an exception while
 * converting yields a placeholder. For diagnostics only. */
char *sprout_js_value_describe (JSContextRef ctx, JSValueRef value);

JSValueRef sprout_js_get (JSContextRef ctx, JSObjectRef object,
                          const char *name, JSValueRef *exception);
gboolean sprout_js_set (JSContextRef ctx, JSObjectRef object, const char *name,
                        JSValueRef value, JSPropertyAttributes attributes,
                        JSValueRef *exception);

/* typeof @value as JS names it ("number", "object", "function", ...). */
const char *sprout_js_type_name (JSContextRef ctx, JSValueRef value);

/* An empty JS Array, to fill with sprout_js_array_set(). Values made one
 * after the other must go straight into it: kept in a malloc'd C array
 * meanwhile, the collector (which scans only the stack) could free the
 * first ones while making the next. NULL with @exception set on failure. */
JSObjectRef sprout_js_array_new (JSContextRef ctx, JSValueRef *exception);

static inline void
sprout_js_array_set (JSContextRef ctx, JSObjectRef array, unsigned index,
                     JSValueRef value)
{
  JSObjectSetPropertyAtIndex (ctx, array, index, value, NULL);
}

/* A JS Array of strings from a NULL-terminated UTF-8 string array (NULL
 * gives an empty array). */
JSObjectRef sprout_js_array_from_strv (JSContextRef ctx,
                                       const char *const *strv);

/* Defines a native function property (DontEnum, like built-ins). */
/* Redefines the (non-writable) `length` of @function as @length. */
void sprout_js_define_length (JSContextRef ctx, JSObjectRef function,
                              unsigned length);

JSObjectRef sprout_js_define_function (JSContextRef ctx, JSObjectRef object,
                                       const char *name,
                                       JSObjectCallAsFunctionCallback callback);

/* Throws `new <ctor_name>(message)` (Error, TypeError, RangeError, ...) by
 * storing it in @exception. Always returns NULL so callers can
 * `return sprout_js_throw (...)`. */
JSValueRef sprout_js_throw (JSContextRef ctx, JSValueRef *exception,
                            const char *ctor_name, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

/* Creates an error object of the given constructor name. */
JSObjectRef sprout_js_make_error (JSContextRef ctx, const char *ctor_name,
                                  const char *message);

/* ECMAScript's ToInt32 of a finite @number: truncated, modulo 2^32. */
gint32 sprout_js_number_to_int32 (double number);

/* Evaluates @source as a classic script in the global scope. */
JSValueRef sprout_js_evaluate (JSContextRef ctx, const char *source,
                               gssize length, const char *url, int line,
                               JSValueRef *exception);

G_END_DECLS
