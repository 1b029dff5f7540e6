/* gvalue.h: GValue <-> JS, for properties, signals and GObject.Value. */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* Converts @value into @gvalue, which the caller has initialised with the
 * target type (e.g. a property's value type). Fundamental types, enums,
 * flags, strings, GStrv, GType, objects and interfaces (via object.h),
 * variants, and boxed types once they have wrappers. FALSE with a TypeError
 * naming @what on bad input (never a silent 0). */
gboolean sprout_gvalue_from_js (JSContextRef ctx, JSValueRef value,
                                GValue *gvalue, const char *what,
                                JSValueRef *exception);

/* The JS value of @gvalue. NULL with @exception if its type cannot be
 * represented (a clear TypeError naming the type). */
JSValueRef sprout_gvalue_to_js (JSContextRef ctx, const GValue *gvalue,
                                JSValueRef *exception);

G_END_DECLS
