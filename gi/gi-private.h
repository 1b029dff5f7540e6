/* gi-private.h: the map of the gi/ layer.
 *
 *   repository.c   imports.gi: versions, loading namespaces, overrides
 *   namespace.c    namespace objects and lazy resolution of their members
 *   function.c     GI functions as JS functions; the call pipeline
 *   arg-cache.c    the per-callable marshalling plan (arg-cache.h)
 *   marshal-*.c    marshaller families chosen by the plan
 *   enum.c         enum and flags objects
 *   gerror.c       GLib.Error and error-domain classes (with js/gerror.js)
 *   marshal-callback.c, closure.c   callbacks: libffi closures calling JS
 *   fundamental.c  GParamSpec and other non-GObject instance wrappers
 *   gtype.c        GType objects (GObject.TYPE_*, $gtype)
 *   gvalue.c       GValue <-> JS for properties, signals and GObject.Value;
 *                  gvalue-box.c boxes JS values with a guessed GType,
 *                  gvalue-class.c GObject.Value's checked methods,
 *                  marshal-gvalue.c GValue arguments of GI calls
 */
#pragma once

#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

#include "arg-cache.h"
#include "object.h"
#include "toggle.h"

G_BEGIN_DECLS

/* namespace.c */
/* The namespace object of @name (loaded already), created on first use.
 * NULL with @exception on failure. */
JSObjectRef sprout_gi_namespace_get (JSContextRef ctx, const char *name,
                                     JSValueRef *exception);
/* Resolves a member of a namespace (a value to define on it), or
 * JSValueMakeUndefined() when the namespace has no such member. */
JSValueRef sprout_gi_namespace_resolve (JSContextRef ctx, const char *ns,
                                        const char *name,
                                        JSValueRef *exception);

void sprout_gi_namespace_forget (JSContextRef ctx, const char *name);
void sprout_gi_namespace_forget_all (void);
void sprout_gi_byte_array_forget_context (void);

/* Counts the contexts this layer has served: caches that key on a
 * context's address also check it, because a new context may be allocated
 * where a freed one was. */
extern guint sprout_gi_epoch;

/* The context whose imports.gi the layer serves (NULL before there is
 * one): for work done outside any call, such as building a plan. */
JSGlobalContextRef sprout_gi_owner_context (void);

/* A Uint8Array copy of @n bytes at @data, with GJS's legacy toString()
 * (byte-array.c), or NULL with @exception set. */
JSObjectRef sprout_gi_byte_array_new (JSContextRef ctx, gconstpointer data,
                                      gsize n, JSValueRef *exception);
/* The same over @data itself, which @deallocator frees. */
JSObjectRef sprout_gi_byte_array_take (JSContextRef ctx, gpointer data,
                                       gsize n,
                                       JSTypedArrayBytesDeallocator deallocator,
                                       JSValueRef *exception);
void sprout_gerror_forget_context (void);

/* object.c */
void sprout_object_forget_context (void);
/* What js/object.js returned (per context). */
JSObjectRef sprout_object_helpers (JSContextRef ctx, JSValueRef *exception);
JSValueRef sprout_object_to_js_full (JSContextRef ctx, GObject *object,
                                     gboolean owned, JSValueRef *exception);

/* object-access.c */
/* A new token for a wrapper of @link's object (counted by
 * sprout_toggle_reserve()). */
JSValueRef sprout_object_token_new (JSContextRef ctx, SproutLink *link);
/* Adds describe(token, wrapper), isA(token, gtype) and
 * warnDisposed(token, forWhat) to the natives of js/object.js. */
void sprout_object_access_define_natives (JSContextRef ctx, JSObjectRef native);

/* arity.c: the number of arguments JS passes to @info (`length`). */
guint sprout_callable_info_js_arity (GICallableInfo *info);

/* function.c */
JSObjectRef sprout_gi_function_new (JSContextRef ctx, GIFunctionInfo *info);
/* Calls the GI method @function (made by sprout_gi_function_new) on
 * @instance, whose type is @instance_type (its dynamic GType; G_TYPE_NONE
 * for a plain struct, which @instance_info then names, else NULL). A method
 * of another type throws a TypeError instead of reaching C. */
JSValueRef
sprout_gi_function_call_method (JSContextRef ctx, JSValueRef function,
                                gpointer instance, GType instance_type,
                                GIBaseInfo *instance_info, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception);
JSValueRef sprout_callable_invoke (JSContextRef ctx, SproutCallable *callable,
                                   GIArgument *instance, size_t argc,
                                   const JSValueRef argv[],
                                   JSValueRef *exception);

/* enum.c */
JSObjectRef sprout_gi_enum_new (JSContextRef ctx, GIEnumInfo *info,
                                JSValueRef *exception);
/* constants */
JSValueRef sprout_gi_constant_value (JSContextRef ctx, GIConstantInfo *info,
                                     JSValueRef *exception);

/* gerror.c */
/* A GLib.Error (or the error-domain subclass GI knows for its domain)
 * for @error. Never NULL. */
JSValueRef sprout_gerror_to_js (JSContextRef ctx, const GError *error);
/* GJS's domain for JS exceptions turned into GErrors, and the code of a JS
 * error class name (0, "Error", if unknown). */
GQuark sprout_gerror_js_domain (void);
gint sprout_gerror_js_code (const char *name);
/* The GLib.Error class (namespace member GLib.Error). */
JSValueRef sprout_gerror_class (JSContextRef ctx, JSValueRef *exception);
/* The class for an enum that is an error domain (e.g. Gio.IOErrorEnum). */
JSObjectRef sprout_gerror_domain_class_new (JSContextRef ctx, GIEnumInfo *info,
                                            JSObjectRef enum_values,
                                            JSValueRef *exception);

/* regex-string.c: frees the string kept for @match_info (its wrapper
 * freed it); see sprout_regex_string_plan() in arg-cache.h. */
void sprout_regex_string_forget (gpointer match_info);

/* Evaluates the gi/ JS file @resource (a path in the gi resources, whose
 * value is a function) and calls it with @argc arguments: its result, or
 * NULL with @exception set. object.c. */
JSValueRef sprout_gi_run_setup (JSContextRef ctx, const char *resource,
                                size_t argc, const JSValueRef argv[],
                                JSValueRef *exception);

G_END_DECLS
