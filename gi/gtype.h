/* gtype.h: GTypes as JS objects, as GJS shows them.
 *
 * A GType is a small object of its own (`String(GObject.TYPE_STRING)` is
 * "[object GType for 'gchararray']", `.name` is the type's name), one per
 * GType and context, so `===` compares types. G_TYPE_INVALID is null.
 * Classes, interfaces, enums and boxed classes carry theirs as `$gtype`.
 */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* The GType object of @gtype (made on first use, then always the same
 * object in this context), or null for G_TYPE_INVALID. Never NULL. */
JSValueRef sprout_gtype_to_js (JSContextRef ctx, GType gtype);

/* The GType @value stands for: a GType object, a non-negative integral
 * Number (GValues take those; GI arguments do not, as in GJS), an object
 * with such a `$gtype` (classes, enums), or one of the JS constructors
 * String, Number, Boolean and Object (gchararray, gdouble, gboolean and
 * JSObject, as in GJS). FALSE if @value is none of these (*exception is set
 * only if reading `$gtype` threw). */
gboolean sprout_gtype_from_js (JSContextRef ctx, JSValueRef value, GType *gtype,
                               JSValueRef *exception);

/* Like sprout_gtype_from_js(), but a value that is not a GType throws a
 * TypeError naming @what. */
gboolean sprout_gtype_arg_from_js (JSContextRef ctx, JSValueRef value,
                                   const char *what, GType *gtype,
                                   JSValueRef *exception);

/* The boxed type "JSObject" that GJS registers for properties holding any
 * JS object (GObject.TYPE_JSOBJECT). Registered on first use. */
GType sprout_gtype_jsobject (void);

/* A new JSObject boxed value holding @object (for g_value_take_boxed), and
 * the object a JSObject boxed value holds. */
gpointer sprout_gtype_jsobject_box (JSContextRef ctx, JSObjectRef object);
JSObjectRef sprout_gtype_jsobject_unbox (gconstpointer boxed);

/* Drops the per-context cache (context teardown). */
void sprout_gtype_forget_context (void);

G_END_DECLS
