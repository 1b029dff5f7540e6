/* signals-private.h: what the signal files share (gi/signals*.c).
 *
 * GObject signals from JS are split by purpose:
 *   signals.c          the natives js/object.js calls (connect, disconnect,
 *                      block, ...), their argument helpers, and the table
 *                      that publishes every signal native;
 *   signals-closure.c  SproutSignalClosure: making one, the per-object list
 *                      of an object's JS closures, and the lifetime of the
 *                      JS function each one calls;
 *   signals-emit.c     emission and marshalling: emit() from JS, and the
 *                      closure marshal that calls a JS handler (with the
 *                      per-signal plans for C arrays and static-scope boxed
 *                      parameters);
 *   signals-match.c    GObject.signal_handler_find(), signal_handlers_*_
 *                      matched() and the *_by_func() helpers.
 */
#pragma once

#include "gi-private.h"

#include "engine.h"
#include "home.h"

G_BEGIN_DECLS

/* ---- signals-closure.c -------------------------------------------------- */

typedef struct {
  GClosure base;
  SproutHome *home; /* ref */
  /* The handler; NULL once invalidated. Not rooted: a property of the
   * owner wrapper's handler holder keeps it (see signals-closure.c), so
   * read it with sprout_signal_closure_function(). */
  JSObjectRef function;
  GObject *owner; /* weak; set while on the owner's closure list */
  GThread *thread;
  GMainContext *main_context; /* ref; where deferred JSC work runs */
  SproutJSWeakRef holder;     /* the holder of `function`, or NULL */
  guint64 key;                /* names that property */
  gboolean rooted;            /* protected instead (no private API) */
} SproutSignalClosure;

/* > 0 while a native of the signal files that may invalidate closures runs
 * on this thread: JSC may be called from the invalidate notifier then. */
extern _Thread_local guint sprout_signal_safe_depth;

/* A floating closure calling @function (main thread, JS context). */
GClosure *sprout_signal_closure_new (JSContextRef ctx, JSObjectRef function);

/* After a successful connect on @object: puts @closure on @object's list
 * and hangs its function off @holder, the handler holder of the wrapper it
 * was connected through (sprout_object_handler_holder()), so that the
 * function lives as long as both the connection and the wrapper. With no
 * @holder, the function is protected. */
void sprout_signal_closure_attach (JSContextRef ctx,
                                   SproutSignalClosure *closure,
                                   GObject *object, JSObjectRef holder);

/* The JS function @closure calls, or NULL if the closure was invalidated or
 * the holder that kept its function was collected. Main thread. */
JSObjectRef sprout_signal_closure_function (SproutSignalClosure *closure);

/* @object's closures whose JS function is @function, each ref'd (the list
 * may change while the caller uses them). Main thread. */
GPtrArray *sprout_signal_list_find (JSContextRef ctx, GObject *object,
                                    JSValueRef function);

/* ---- signals-emit.c ----------------------------------------------------- */

/* The GClosure marshal of every SproutSignalClosure. */
void sprout_signal_closure_marshal (GClosure *gclosure, GValue *return_value,
                                    guint n_params, const GValue *params,
                                    gpointer hint, gpointer marshal_data);

/* signalEmit(token, name, ...args) -> the signal's return value. */
JSValueRef sprout_signal_native_emit (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception);

/* ---- signals-match.c ---------------------------------------------------- */

/* signalFind(token, match) -> the first matching handler id, or 0;
 * signalsBlock/signalsUnblock/signalsDisconnect(token, match) -> count. */
JSValueRef sprout_signal_native_find (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception);
JSValueRef sprout_signal_native_block_matched (JSContextRef ctx,
                                               JSObjectRef function,
                                               JSObjectRef self, size_t argc,
                                               const JSValueRef argv[],
                                               JSValueRef *exception);
JSValueRef sprout_signal_native_unblock_matched (JSContextRef ctx,
                                                 JSObjectRef function,
                                                 JSObjectRef self, size_t argc,
                                                 const JSValueRef argv[],
                                                 JSValueRef *exception);
JSValueRef sprout_signal_native_disconnect_matched (JSContextRef ctx,
                                                    JSObjectRef function,
                                                    JSObjectRef self,
                                                    size_t argc,
                                                    const JSValueRef argv[],
                                                    JSValueRef *exception);

/* ---- signals.c: argument helpers ---------------------------------------- */

/* The object behind the token in argv[0] for a native about to @for_what
 * it: FALSE with an exception, else TRUE with *object set, or NULL (after
 * GJS's critical) if it was finalized under its wrapper. */
gboolean sprout_signal_object (JSContextRef ctx, size_t argc,
                               const JSValueRef argv[], const char *for_what,
                               GObject **object, JSValueRef *exception);

/* The signal name in argv[1] (transfer full), or NULL with an exception. */
char *sprout_signal_name_arg (JSContextRef ctx, size_t argc,
                              const JSValueRef argv[], const char *method,
                              JSValueRef *exception);

/* A handler id in argv[1]; FALSE with an exception if not a number. */
gboolean sprout_signal_id_arg (JSContextRef ctx, size_t argc,
                               const JSValueRef argv[], gulong *id,
                               JSValueRef *exception);

/* Throws GJS's "No signal '%s' on object '%s'"; returns NULL. */
JSValueRef sprout_signal_throw_no_signal (JSContextRef ctx, GObject *object,
                                          const char *name,
                                          JSValueRef *exception);

G_END_DECLS
