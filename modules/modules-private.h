#pragma once

#include <JavaScriptCore/JavaScript.h>

JSObjectRef sprout_module_system_define (JSContextRef ctx,
                                         JSValueRef *exception);
JSObjectRef sprout_module_gettext_native_define (JSContextRef ctx,
                                                JSValueRef *exception);

/* byte-array.c: `_byteArrayNative`, used by script/byteArray.js */
JSObjectRef sprout_module_byte_array_define (JSContextRef ctx,
                                             JSValueRef *exception);

/* encoding.c: `_encodingNative`, used by core/_encoding.js */
JSObjectRef sprout_module_encoding_define (JSContextRef ctx,
                                           JSValueRef *exception);
