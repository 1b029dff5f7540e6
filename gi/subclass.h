/* subclass.h: GTypes defined in JS (GObject.registerClass), their signals
 * and virtual functions. */
#pragma once

#include <girepository.h>
#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* imports._gi: registerType, registerInterface, signalNew,
 * overrideClassClosure, hookVFunc (subclass*.c, vfunc.c). */
JSObjectRef sprout_subclass_define_module (JSContextRef ctx,
                                           JSValueRef *exception);

/* Adds notifyIndex(token, index) to js/object.js's natives. */
void sprout_subclass_define_natives (JSContextRef ctx, JSObjectRef native);

/* TRUE if @gtype or one of its ancestors was defined in JS. */
gboolean sprout_subclass_is_js_type (GType gtype);

/* TRUE if the JS type @gtype itself listed @iface in Implements. */
gboolean sprout_subclass_adds_interface (GType gtype, GType iface);

/* native.construct brackets g_object_new() with these: the push announces
 * the wrapper being built and answers FALSE (nothing pushed) if @gtype is
 * not a JS type; the pop returns the token that instance_init linked it
 * with (NULL if it never ran). */
gboolean sprout_subclass_push_construction (GType gtype, JSObjectRef wrapper);
JSObjectRef sprout_subclass_pop_construction (void);

/* subclass-signals.c: adds signalNew and overrideClassClosure to @module. */
void sprout_subclass_signals_define (JSContextRef ctx, JSObjectRef module);

/* binding.c: adds bindPropertyFull and bindGroupFull to @module. */
void sprout_binding_define (JSContextRef ctx, JSObjectRef module);

/* vfunc.c: adds hookVFunc to @module. */
void sprout_vfunc_define (JSContextRef ctx, JSObjectRef module);
/* vfunc.c: adds vfuncInvoke(vfunc, token, ...args) to js/object.js's
 * natives. */
void sprout_vfunc_define_natives (JSContextRef ctx, JSObjectRef native);

/* vfunc.c: defines vfunc_NAME methods on the prototype of the introspected
 * class or interface @info, which call @gtype's implementation (so that JS
 * overrides can chain up with super.vfunc_NAME()). */
void sprout_vfunc_define_methods (JSContextRef ctx, JSObjectRef prototype,
                                  GIBaseInfo *info, GType gtype);

G_END_DECLS
