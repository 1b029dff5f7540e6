/* gvalue.h: GValue <-> JS, for properties, signals and GObject.Value. */
#pragma once

#include <girepository.h>
#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* TRUE if @gvalue has a type. Not G_IS_VALUE(): that is FALSE for values
 * of the abstract GEnum, GFlags and GObject-like types g_value_init()
 * accepts and GJS lets JS create (init(GObject.TYPE_ENUM)). */
#define SPROUT_GVALUE_IS_SET(gvalue) (G_VALUE_TYPE (gvalue) != G_TYPE_INVALID)

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

/* gvalue-box.c */

/* The GValue of a GObject.Value wrapper (borrowed: the wrapper's own), or
 * NULL, without an exception, if @value is not one. */
GValue *sprout_gvalue_peek_wrapper (JSContextRef ctx, JSValueRef value);

/* Drops the per-context cache; when a context goes away. */
void sprout_gvalue_forget_context (void);

/* Initialises the zeroed @gvalue from @value: a copy of a GObject.Value
 * wrapper's value, or @value converted to the GType guessed from it, as GJS
 * does where a GValue has no type yet. FALSE with a TypeError naming @what
 * (an uninitialised GObject.Value, a value with no type to guess). */
gboolean sprout_gvalue_init_from_js (JSContextRef ctx, JSValueRef value,
                                     GValue *gvalue, const char *what,
                                     JSValueRef *exception);

/* The same into a new GValue (free with g_boxed_free (G_TYPE_VALUE, ...)).
 * NULL with @exception. */
GValue *sprout_gvalue_new_from_js (JSContextRef ctx, JSValueRef value,
                                   const char *what, JSValueRef *exception);

/* Initialises the zeroed @gvalue as a copy of @source; FALSE with a
 * TypeError if @source is not initialised. */
gboolean sprout_gvalue_copy_wrapper (JSContextRef ctx, const GValue *source,
                                     GValue *gvalue, const char *what,
                                     JSValueRef *exception);

/* Copies @source into the initialised @dest if their types are compatible,
 * else transforms it if GLib can; FALSE if neither (never a critical). */
gboolean sprout_gvalue_transform (const GValue *source, GValue *dest);

/* gvalue-class.c */

/* Sets up GObject.Value's prototype (its boxed class @info was just made):
 * checked native accessors in place of the raw GI methods, and the g_type
 * getter. */
void sprout_gvalue_class_setup (JSContextRef ctx, JSObjectRef prototype,
                                GIBaseInfo *info);

G_END_DECLS
