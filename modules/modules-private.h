#pragma once

#include <JavaScriptCore/JavaScript.h>

JSObjectRef sprout_module_system_define (JSContextRef ctx,
                                         JSValueRef *exception);
