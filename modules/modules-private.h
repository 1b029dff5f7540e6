#pragma once

#include <JavaScriptCore/JavaScript.h>

JSObjectRef sprout_module_system_define (JSContextRef ctx,
                                         JSValueRef *exception);
JSObjectRef sprout_module_gettext_native_define (JSContextRef ctx,
                                                JSValueRef *exception);

/* byte-array.c: `_byteArrayNative`, used by script/byteArray.js */
/* this.toString() of byte arrays GJS used to give as ByteArrays. */
JSValueRef sprout_byte_array_legacy_to_string (JSContextRef ctx,
                                               JSObjectRef function,
                                               JSObjectRef self, size_t argc,
                                               const JSValueRef argv[],
                                               JSValueRef *exception);
JSObjectRef sprout_module_byte_array_define (JSContextRef ctx,
                                             JSValueRef *exception);

/* encoding.c: `_encodingNative`, used by core/_encoding.js */
JSObjectRef sprout_module_encoding_define (JSContextRef ctx,
                                           JSValueRef *exception);
