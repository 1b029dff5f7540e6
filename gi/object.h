/* object.h: GObject wrappers — what other gi/ files use.
 *
 * A GObject's wrapper is a plain JS object whose prototype chain mirrors the
 * GType chain (one prototype per GType, cached). The wrapper carries a token
 * (gc/token.h) that holds the GObject pointer; the same GObject always yields
 * the same wrapper while the wrapper lives (gc/toggle.h keeps it alive while
 * C holds references).
 */
#pragma once

#include <glib-object.h>
#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

#include "arg-cache.h"

G_BEGIN_DECLS

/* The wrapper of @object, made on first use (null for NULL). Takes its own
 * reference; the caller keeps its own. NULL with @exception on failure. */
JSValueRef sprout_object_to_js (JSContextRef ctx, GObject *object,
                                JSValueRef *exception);

/* The GObject behind a wrapper, checked to be of type @expected (or any
 * GObject for G_TYPE_OBJECT / G_TYPE_INVALID). NULL with a TypeError naming
 * @what (e.g. "Argument 'object'") if @value is not such a wrapper, or an
 * Error (after GJS's critical) if its object was finalized under it.
 * Borrowed. */
GObject *sprout_object_from_js (JSContextRef ctx, JSValueRef value,
                                GType expected, const char *what,
                                JSValueRef *exception);

/* For the GI argument @arg: like sprout_object_from_js(), but an object
 * finalized under its wrapper gives TRUE and *object NULL after GJS's
 * critical (GJS passes NULL on). FALSE with an exception as above, naming
 * @arg (described only then: this is every object argument's path). */
gboolean sprout_object_arg_from_js (JSContextRef ctx, JSValueRef value,
                                    const SproutArg *arg, GObject **object,
                                    JSValueRef *exception);

/* js/object.js's tokenOf(@value): the token of a GObject wrapper, or
 * undefined; NULL with an exception. */
JSValueRef sprout_object_token_of (JSContextRef ctx, JSValueRef value,
                                   JSValueRef *exception);

/* The GObject held by a wrapper's token (what JS stubs pass to natives as
 * `token`); NULL with a TypeError if @token is not an object token, or
 * with an Error (after GJS's critical) if its object was finalized.
 * Borrowed. */
GObject *sprout_object_from_token (JSContextRef ctx, JSValueRef token,
                                   JSValueRef *exception);

/* For a native about to @for_what the object of @token (GJS's words:
 * "access", "get any property from", ...): FALSE with a TypeError if @token
 * is not an object token. Otherwise TRUE and *object is the object; if it
 * was finalized under its wrapper, *object is NULL and GJS's critical
 * ("Object T (0x...), has been already finalized — impossible to @for_what
 * it ...") was logged: the native must return what GJS returns without
 * touching it. Disposed objects are returned as they are (see
 * sprout_object_check_alive()). */
gboolean sprout_object_access_token (JSContextRef ctx, JSValueRef token,
                                     const char *for_what, GObject **object,
                                     JSValueRef *exception);

/* sprout_object_access_token(), then for a live object what
 * sprout_object_check_alive() does (GJS's critical if it was disposed),
 * read from the token's link: the accessors' and methods' hot path. */
gboolean sprout_object_access_live_token (JSContextRef ctx, JSValueRef token,
                                          const char *for_what,
                                          GObject **object,
                                          JSValueRef *exception);

/* The type of @token's object, remembered after finalization;
 * G_TYPE_INVALID if @token is not an object token. */
GType sprout_object_token_gtype (JSContextRef ctx, JSValueRef token);

/* object-props.c */
/* Adds getProperty(token, name) and setProperty(token, name, value) to the
 * natives object handed to gi/js/object.js. */
void sprout_object_props_define_natives (JSContextRef ctx, JSObjectRef native);
/* Defines accessors on @prototype for each property @gtype itself declares
 * (not inherited ones, which the parent prototype has): camelCase and
 * snake_case names as GJS does, using helpers.makeAccessor(key), which
 * returns {get, set} functions that call the natives with this's token;
 * `key` is an index into object-props.c's table of GParamSpecs (names are
 * accepted too). */
gboolean sprout_object_props_define (JSContextRef ctx, JSObjectRef prototype,
                                     GType gtype, JSObjectRef helpers,
                                     JSValueRef *exception);
/* A constructor's property bag converted for g_object_new_with_properties():
 * names (interned, borrowed) and initialised GValues. A few fit in the
 * struct itself, so that a small bag costs no allocation. Start with
 * sprout_object_props_init(); end with sprout_object_props_clear(). */
typedef struct {
  guint n, size;
  const char **names;
  GValue *values;
  const char *inline_names[6];
  GValue inline_values[6];
} SproutObjectProps;

void sprout_object_props_init (SproutObjectProps *props);
void sprout_object_props_clear (SproutObjectProps *props);

/* Adds @props' own enumerable keys to @bag. Unknown properties and bad
 * values throw as GJS does (@bag is then cleared). @props may be
 * undefined/null. */
gboolean sprout_object_props_collect (JSContextRef ctx, GType gtype,
                                      JSValueRef props, SproutObjectProps *bag,
                                      JSValueRef *exception);

/* The same from @n_pairs (index, value) pairs, the indexes from
 * native.propIndex (js/object.js caches them per class and key). */
gboolean sprout_object_props_collect_indexed (JSContextRef ctx, GType gtype,
                                              size_t n_pairs,
                                              const JSValueRef pairs[],
                                              SproutObjectProps *bag,
                                              JSValueRef *exception);
/* Adds propIndex(gtype, key) to js/object.js's natives. */
void sprout_object_props_define_index_natives (JSContextRef ctx,
                                               JSObjectRef native);

/* signals.c */
/* Adds signalConnect(token, name, callback, after) -> id,
 * signalDisconnect(token, id), signalEmit(token, name, ...args) -> value,
 * signalBlock(token, id), signalUnblock(token, id),
 * signalStopEmission(token, name) and signalHandlerIsConnected(token, id)
 * to the natives object handed to gi/js/object.js. */
void sprout_signals_define_natives (JSContextRef ctx, JSObjectRef native);

/* TRUE if @object was not disposed; otherwise logs GJS's critical
 * ("Object T (0x...), has been already disposed — impossible to @for_what
 * it ...") and returns FALSE. GJS still performs most accesses. */
gboolean sprout_object_check_alive (GObject *object, const char *for_what);

/* The JS class (constructor) for @gtype, creating it and its parents as
 * needed; NULL with @exception on failure. */
JSObjectRef sprout_object_class_for_gtype (JSContextRef ctx, GType gtype,
                                           JSValueRef *exception);

/* subclass.c: makes @gtype's JS class @klass (a registered JS class). */
void sprout_object_register_class (JSContextRef ctx, GType gtype,
                                   JSObjectRef klass);

/* Links @wrapper, being constructed, to its new @object (toggle reference)
 * and returns the token for its private field, which the caller must give
 * the wrapper (native.construct returns it to _init(); see
 * sprout_object_deliver_token for sooner). Ownership of the reference
 * g_object_new() returned is settled later by native.construct. */
JSValueRef sprout_object_link_wrapper (JSContextRef ctx, GObject *object,
                                       JSObjectRef wrapper);

/* The plain object, kept as long as @object's wrapper lives, that holds
 * the JS values native structures of the wrapper keep (its signal
 * handlers: gi/signals-closure.c); NULL if @object has no wrapper. */
JSObjectRef sprout_object_handler_holder (JSContextRef ctx, GObject *object);

/* Stores @token in @wrapper's private field (helpers.setToken). */
gboolean sprout_object_deliver_token (JSContextRef ctx, JSObjectRef wrapper,
                                      JSValueRef token, JSValueRef *exception);

/* The same, then @function(@wrapper, ...@argv) in the same call into JS
 * (at most 3 arguments). */
JSValueRef
sprout_object_deliver_token_and_call (JSContextRef ctx, JSObjectRef wrapper,
                                      JSValueRef token, JSObjectRef function,
                                      size_t argc, const JSValueRef argv[],
                                      JSValueRef *exception);

/* Reads the JS property of @wrapper that implements @pspec (get_property
 * of JS types). */
JSValueRef sprout_object_get_js_property (JSContextRef ctx, JSObjectRef wrapper,
                                          GParamSpec *pspec,
                                          JSValueRef *exception);

/* Sets the JS property of @wrapper that implements @pspec (set_property of
 * JS types), with GJS's rules for construct-only properties. */
gboolean sprout_object_set_js_property (JSContextRef ctx, JSObjectRef wrapper,
                                        GParamSpec *pspec, JSValueRef value,
                                        JSValueRef *exception);

/* The namespace member for a GIObjectInfo/GIInterfaceInfo (namespace.c). */
JSValueRef sprout_object_class_for_info (JSContextRef ctx, GIBaseInfo *info,
                                         JSValueRef *exception);

G_END_DECLS
