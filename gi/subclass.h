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

/* One g_object_new() of a JS type from native.construct, looked up once
 * for everything that construction calls. It lives on native.construct's
 * C stack, where the collector's conservative scan sees the wrapper and
 * the token (which no JS object holds until it is delivered). */
typedef struct _SproutConstruction SproutConstruction;
struct _SproutConstruction {
  SproutConstruction *outer;
  GType gtype;
  JSObjectRef wrapper;
  JSValueRef token;   /* set by instance_init */
  gboolean delivered; /* the wrapper's field has the token */
  GObject *object;    /* set by instance_init */
  gpointer subclass;  /* the closest JS type of gtype's chain */
  JSContextRef ctx;   /* its context, NULL if unusable */
};

/* native.construct brackets g_object_new() with these: the push announces
 * the wrapper being built, in @construction, and answers FALSE (nothing
 * pushed) if @gtype is not a JS type; the pop returns the token that
 * instance_init linked it with (NULL if it never ran). */
gboolean sprout_subclass_push_construction (SproutConstruction *construction,
                                            GType gtype, JSObjectRef wrapper);
JSValueRef sprout_subclass_pop_construction (SproutConstruction *construction);

/* A wrapper made by native.construct gets its token when native.construct
 * returns, or, if JS is to see it before (a vfunc, a signal, a property
 * accessor run by g_object_new()), just before: call this whenever @object's
 * wrapper is handed to JS. FALSE with an exception if storing failed. */
gboolean sprout_subclass_deliver_pending (JSContextRef ctx, GObject *object,
                                          JSValueRef *exception);

/* subclass-signals.c: adds signalNew and overrideClassClosure to @module. */
void sprout_subclass_signals_define (JSContextRef ctx, JSObjectRef module);

/* binding.c: adds bindPropertyFull and bindGroupFull to @module. */
void sprout_binding_define (JSContextRef ctx, JSObjectRef module);

/* compare-func.c: adds customSorterSetSortFunc to @module. */
void sprout_compare_define (JSContextRef ctx, JSObjectRef module);

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

/* hookVFunc() of @gtype's vfunc at @address (in its class): TRUE if it was
 * the GObject dispose, which subclass-dispose.c keeps and calls instead
 * of having it written into the class. */
gboolean sprout_subclass_take_dispose (GType gtype, gpointer *address,
                                       gpointer implementation);

G_END_DECLS
