/* signals.c: GObject signals from JS — connect, emit, block, disconnect
 * (the signal natives of object.h, called by js/object.js with a wrapper's
 * token).
 *
 * Handlers. connect() wraps the JS function in a SproutSignalClosure, a
 * GClosure whose marshal converts the signal's GValues to JS (the instance's
 * wrapper first) with gvalue.c, calls the function, and converts its result
 * into the signal's return value. As in GJS, a handler that throws has its
 * exception logged as uncaught ("JS ERROR", critical) and never propagated
 * into C: the emission goes on and the return value keeps what it held; a
 * result that cannot be converted is logged as a warning; `undefined` leaves
 * the return value alone. Where GValues say too little (C arrays and their
 * lengths, static-scope structs passed by reference), a per-signal plan
 * built from the typelib fills in, as in GJS (see "plans" below).
 *
 * Natives. Beyond object.h's list, signalFind(token, match) and
 * signalsBlock/signalsUnblock/signalsDisconnect(token, match) -> count
 * implement GJS's GObject.signal_handler_find(), signal_handlers_*_matched()
 * and *_by_func(): match is {signalId (a name), detail, func}. Objects that
 * C code disposed behave as in GJS: connect() returns 0 and emit() does
 * nothing, with GJS's critical; the other calls log it and go on.
 *
 * Lifetime. The JS function is protected from connect until GLib invalidates
 * the closure (disconnect, object dispose/finalization, a failed connect).
 * The invalidate notifier can run on another thread or while JSC finalizes
 * objects (a token's release may drop the last reference), where calling JSC
 * is forbidden, so it unprotects at once only inside the natives that
 * disconnect, and otherwise from an idle on the main context. Each object
 * keeps the list of its closures (qdata), which the handler matchers of
 * GObject.signal_handler_find() and friends search by JS function.
 *
 * Safety. A closure called on a thread other than its context's logs GJS's
 * critical and does nothing. Each JS context has a "home" record whose
 * `alive` flag a hidden token on the global clears when the VM goes away; a
 * closure whose home is dead becomes a no-op, as GJS's closures do once the
 * context is gone (gi/closure.c uses the same scheme for callbacks).
 */
#include "gi-private.h"

#include <math.h>
#include <string.h>

#include "boxed.h"
#include "context.h"
#include "home.h"
#include "gvalue.h"
#include "js-util.h"
#include "object.h"
#include "toggle.h"

/* ---- homes: is the JS context still there? ------------------------------ */

/* ---- closures ----------------------------------------------------------- */

typedef struct {
  GClosure base;
  SproutHome *home; /* ref */
  /* Protected until the closure is invalidated, NULL after.
   * TODO(design §5): trace it from the owner's token instead (a private
   * property of the token, or a marking constraint that marks the functions
   * of the closures in the owner's list while its wrapper is marked), so
   * that wrapper -> object -> closure -> function -> wrapper cycles can be
   * collected; protection roots such a cycle forever. */
  JSObjectRef function;
  GObject *owner; /* weak; set while on the owner's closure list */
  GThread *thread;
  GMainContext *main_context; /* ref; where deferred unprotects run */
} SproutSignalClosure;

/* Guards every object's closure list: invalidation may come from any
 * thread. */
static GMutex sprout_signal_lists_lock;
static GQuark sprout_signal_list_quark;

/* > 0 while a native of this file that may invalidate closures runs on this
 * thread: JSC may be called from the invalidate notifier then. */
static _Thread_local guint sprout_signal_safe_depth;

static GPtrArray *
sprout_signal_list (GObject *object)
{
  return g_object_get_qdata (object, sprout_signal_list_quark);
}

/* qdata destroy notify (object finalization): forget leftovers. */
static void
sprout_signal_list_free (gpointer data)
{
  GPtrArray *list = data;

  g_mutex_lock (&sprout_signal_lists_lock);
  for (guint i = 0; i < list->len; i++)
    ((SproutSignalClosure *) list->pdata[i])->owner = NULL;
  g_mutex_unlock (&sprout_signal_lists_lock);
  g_ptr_array_unref (list);
}

static void
sprout_signal_list_add (GObject *object, SproutSignalClosure *closure)
{
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  list = sprout_signal_list (object);
  if (list == NULL) {
    list = g_ptr_array_new ();
    g_object_set_qdata_full (object, sprout_signal_list_quark, list,
                             sprout_signal_list_free);
  }
  g_ptr_array_add (list, closure);
  closure->owner = object;
  g_mutex_unlock (&sprout_signal_lists_lock);
}

/* Takes @closure off its owner's list and returns its function (NULL if
 * already taken): a lookup on the main thread never sees a function that
 * another thread is releasing. */
static JSObjectRef
sprout_signal_list_remove (SproutSignalClosure *closure)
{
  JSObjectRef function;
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  if (closure->owner) {
    list = sprout_signal_list (closure->owner);
    if (list)
      g_ptr_array_remove_fast (list, closure);
    closure->owner = NULL;
  }
  function = g_steal_pointer (&closure->function);
  g_mutex_unlock (&sprout_signal_lists_lock);
  return function;
}

/* The object's closures whose JS function is @function, each ref'd (the
 * list may change while the caller uses them). */
static GPtrArray *
sprout_signal_list_find (JSContextRef ctx, GObject *object, JSValueRef function)
{
  GPtrArray *found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_closure_unref);
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  list = sprout_signal_list (object);
  for (guint i = 0; list && i < list->len; i++) {
    SproutSignalClosure *closure = list->pdata[i];
    if (closure->function &&
        JSValueIsStrictEqual (ctx, closure->function, function))
      g_ptr_array_add (found, g_closure_ref (&closure->base));
  }
  g_mutex_unlock (&sprout_signal_lists_lock);
  return found;
}

typedef struct {
  SproutHome *home; /* ref */
  JSObjectRef function;
} SproutSignalUnprotect;

static gboolean
sprout_signal_unprotect_idle (gpointer data)
{
  SproutSignalUnprotect *unprotect = data;

  /* A dead VM took its protected values with it. */
  if (sprout_home_usable (unprotect->home))
    JSValueUnprotect (unprotect->home->ctx, unprotect->function);
  sprout_home_unref (unprotect->home);
  g_free (unprotect);
  return G_SOURCE_REMOVE;
}

static void
sprout_signal_closure_release_function (SproutSignalClosure *closure,
                                        JSObjectRef function)
{
  SproutSignalUnprotect *unprotect;
  GSource *source;

  if (closure->thread == g_thread_self () && sprout_signal_safe_depth > 0) {
    if (sprout_home_usable (closure->home))
      JSValueUnprotect (closure->home->ctx, function);
    return;
  }
  unprotect = g_new (SproutSignalUnprotect, 1);
  unprotect->home = sprout_home_ref (closure->home);
  unprotect->function = function;
  source = g_idle_source_new ();
  g_source_set_callback (source, sprout_signal_unprotect_idle, unprotect, NULL);
  g_source_set_static_name (source, "[sprout] release signal handler");
  g_source_attach (source, closure->main_context);
  g_source_unref (source);
}

/* Disconnect, dispose, finalization, failed connect; any thread. */
static void
sprout_signal_closure_invalidated (gpointer data, GClosure *gclosure)
{
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;
  JSObjectRef function = sprout_signal_list_remove (closure);

  if (function)
    sprout_signal_closure_release_function (closure, function);
}

static void
sprout_signal_closure_finalized (gpointer data, GClosure *gclosure)
{
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;

  sprout_home_unref (closure->home);
  g_main_context_unref (closure->main_context);
}

/* ---- invocation --------------------------------------------------------- */

static void
sprout_signal_refuse_thread (guint n_params, const GValue *params,
                             gpointer hint)
{
  GSignalInvocationHint *invocation = hint;
  GSignalQuery query = { 0 };
  gpointer instance = n_params > 0 && G_VALUE_HOLDS_OBJECT (&params[0])
                        ? g_value_get_object (&params[0])
                        : NULL;

  g_critical ("Attempting to call back into JSAPI on a different thread. "
              "This is most likely caused by an API not intended to be used "
              "in JavaScript. Because it would crash the application, it has "
              "been blocked.");
  if (invocation && instance) {
    g_signal_query (invocation->signal_id, &query);
    g_critical ("The offending signal was %s on %s %p.", query.signal_name,
                G_VALUE_TYPE_NAME (&params[0]), instance);
  }
}

/* ---- plans: what GValues do not say about a signal's parameters ------- */

/* A GValue cannot say that a gpointer is a C array, nor that an int is its
 * length. When the typelib describes a signal with C-array parameters, those
 * are converted by the argument cache's marshallers (design §6) and their
 * length parameters hidden, as GJS does. Boxed parameters flagged
 * G_SIGNAL_TYPE_STATIC_SCOPE are passed by reference (a borrowing wrapper),
 * so handlers can modify the emitter's struct, as in GJS. Every other
 * parameter goes through gvalue.c. Plans are made on first emission and kept
 * for the process (signal ids are never reused); plan_get() gives NULL for
 * signals with nothing special. Main thread only, like every marshal that
 * gets this far. */
typedef struct {
  SproutCallable callable; /* if has_callable */
  gboolean has_callable;
  GIBaseInfo **borrowed; /* by parameter: the struct info, or NULL */
} SproutSignalPlan;

static GHashTable *sprout_signal_plans; /* signal id -> SproutSignalPlan */

static GICallableInfo *
sprout_signal_find_info (const GSignalQuery *query)
{
  g_autoptr (SproutGIInfo) container =
    g_irepository_find_by_gtype (NULL, query->itype);

  if (container && GI_IS_OBJECT_INFO (container))
    return (GICallableInfo *) g_object_info_find_signal (
      (GIObjectInfo *) container, query->signal_name);
  if (container && GI_IS_INTERFACE_INFO (container))
    return (GICallableInfo *) g_interface_info_find_signal (
      (GIInterfaceInfo *) container, query->signal_name);
  return NULL;
}

/* The struct/union info of a boxed parameter passed by reference, or NULL.
 * (transfer full) */
static GIBaseInfo *
sprout_signal_borrowed_info (GType param_type)
{
  GType gtype = param_type & ~G_SIGNAL_TYPE_STATIC_SCOPE;
  GIBaseInfo *info;

  if (!(param_type & G_SIGNAL_TYPE_STATIC_SCOPE) || !G_TYPE_IS_BOXED (gtype) ||
      gtype == G_TYPE_ERROR)
    return NULL;
  info = g_irepository_find_by_gtype (NULL, gtype);
  if (info && (GI_IS_STRUCT_INFO (info) || GI_IS_UNION_INFO (info)))
    return info;
  g_clear_pointer (&info, g_base_info_unref);
  return NULL;
}

static gboolean
sprout_signal_arg_is_c_array (const SproutArg *arg)
{
  return arg->tag == GI_TYPE_TAG_ARRAY && arg->array_type == GI_ARRAY_TYPE_C &&
         arg->out != NULL;
}

static void
sprout_signal_plan_init_callable (SproutSignalPlan *plan,
                                  const GSignalQuery *query)
{
  g_autoptr (SproutGIInfo) info = sprout_signal_find_info (query);
  g_autoptr (GError) error = NULL;

  if (info == NULL ||
      (guint) g_callable_info_get_n_args (info) != query->n_params)
    return;
  if (!sprout_callable_init (&plan->callable, info, &error)) {
    g_debug ("Signal %s: %s; its parameters go through GValues",
             query->signal_name, error ? error->message : "?");
    sprout_callable_clear (&plan->callable);
    return;
  }
  for (guint i = 0; i < plan->callable.n_args; i++)
    plan->has_callable |=
      sprout_signal_arg_is_c_array (&plan->callable.args[i]);
  if (!plan->has_callable)
    sprout_callable_clear (&plan->callable);
}

static SproutSignalPlan *
sprout_signal_plan_new (guint signal_id)
{
  SproutSignalPlan *plan = g_new0 (SproutSignalPlan, 1);
  gboolean any_borrowed = FALSE;
  GSignalQuery query;

  g_signal_query (signal_id, &query);
  sprout_signal_plan_init_callable (plan, &query);
  plan->borrowed = g_new0 (GIBaseInfo *, query.n_params + 1);
  for (guint i = 0; i < query.n_params; i++) {
    plan->borrowed[i] = sprout_signal_borrowed_info (query.param_types[i]);
    any_borrowed |= plan->borrowed[i] != NULL;
  }
  if (!any_borrowed)
    g_clear_pointer (&plan->borrowed, g_free);
  return plan;
}

static SproutSignalPlan *
sprout_signal_plan_get (gpointer hint)
{
  GSignalInvocationHint *invocation = hint;
  SproutSignalPlan *plan;

  if (invocation == NULL)
    return NULL;
  if (sprout_signal_plans == NULL)
    sprout_signal_plans = g_hash_table_new (NULL, NULL);
  plan = g_hash_table_lookup (sprout_signal_plans,
                              GUINT_TO_POINTER (invocation->signal_id));
  if (plan == NULL) {
    plan = sprout_signal_plan_new (invocation->signal_id);
    g_hash_table_insert (sprout_signal_plans,
                         GUINT_TO_POINTER (invocation->signal_id), plan);
  }
  return plan->has_callable || plan->borrowed ? plan : NULL;
}

/* Loads a GValue into the GIArgument field of @arg's type (arrays and their
 * lengths are all a plan needs). */
static void
sprout_signal_load_arg (const GValue *value, const SproutArg *arg,
                        GIArgument *out)
{
  GTypeValueTable *table = g_type_value_table_peek (G_VALUE_TYPE (value));
  GValue number = G_VALUE_INIT;

  memset (out, 0, sizeof *out);
  switch (arg->tag) {
  case GI_TYPE_TAG_INT8:
  case GI_TYPE_TAG_UINT8:
  case GI_TYPE_TAG_INT16:
  case GI_TYPE_TAG_UINT16:
  case GI_TYPE_TAG_INT32:
  case GI_TYPE_TAG_UINT32:
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
    g_value_init (&number, G_TYPE_UINT64);
    if (g_value_type_transformable (G_VALUE_TYPE (value), G_TYPE_UINT64) &&
        g_value_transform (value, &number))
      out->v_uint64 = g_value_get_uint64 (&number);
    /* Little- and big-endian alike: narrow fields are read by their type. */
    switch (arg->tag) {
    case GI_TYPE_TAG_INT8:
      out->v_int8 = (gint8) out->v_uint64;
      break;
    case GI_TYPE_TAG_UINT8:
      out->v_uint8 = (guint8) out->v_uint64;
      break;
    case GI_TYPE_TAG_INT16:
      out->v_int16 = (gint16) out->v_uint64;
      break;
    case GI_TYPE_TAG_UINT16:
      out->v_uint16 = (guint16) out->v_uint64;
      break;
    case GI_TYPE_TAG_INT32:
      out->v_int32 = (gint32) out->v_uint64;
      break;
    case GI_TYPE_TAG_UINT32:
      out->v_uint32 = (guint32) out->v_uint64;
      break;
    default:
      break;
    }
    g_value_unset (&number);
    break;
  default:
    if (table && table->value_peek_pointer)
      out->v_pointer = g_value_peek_pointer (value);
    break;
  }
}

/* A borrowing wrapper of a static-scope boxed parameter. */
static JSValueRef
sprout_signal_borrow_to_js (JSContextRef ctx, GIBaseInfo *info,
                            const GValue *value, JSValueRef *exception)
{
  gpointer data = g_value_get_boxed (value);

  return data ? sprout_boxed_to_js (ctx, info, data, SPROUT_BOXED_BORROW,
                                    exception)
              : JSValueMakeNull (ctx);
}

/* Converts @params to JS in @argv (the instance first); FALSE with an
 * exception if one failed. */
static gboolean
sprout_signal_params_to_js (JSContextRef ctx, SproutSignalPlan *plan, guint n,
                            const GValue *params, JSValueRef *argv,
                            size_t *argc, JSValueRef *exception)
{
  SproutCallable *callable =
    plan && plan->has_callable && n == plan->callable.n_args + 1
      ? &plan->callable
      : NULL;
  GIArgument *values = g_newa (GIArgument, n);
  SproutInvoke invoke = { callable, values, values, NULL, NULL };

  for (guint i = 0; callable && i < callable->n_args; i++)
    sprout_signal_load_arg (&params[i + 1], &callable->args[i], &values[i]);
  for (guint i = 0; i < n; i++) {
    SproutArg *arg = callable && i > 0 ? &callable->args[i - 1] : NULL;
    GIBaseInfo *borrowed =
      plan && plan->borrowed && i > 0 ? plan->borrowed[i - 1] : NULL;

    if (arg && arg->role == SPROUT_ARG_ARRAY_LENGTH)
      continue;
    if (arg && sprout_signal_arg_is_c_array (arg))
      argv[*argc] = arg->out (ctx, arg, &invoke, &values[i - 1], exception);
    else if (borrowed)
      argv[*argc] =
        sprout_signal_borrow_to_js (ctx, borrowed, &params[i], exception);
    else
      argv[*argc] = sprout_gvalue_to_js (ctx, &params[i], exception);
    if (argv[(*argc)++] == NULL) {
      g_debug ("Unable to convert arg %u in order to invoke closure", i);
      return FALSE;
    }
  }
  return TRUE;
}

static void
sprout_signal_closure_marshal (GClosure *gclosure, GValue *return_value,
                               guint n_params, const GValue *params,
                               gpointer hint, gpointer marshal_data)
{
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;
  JSObjectRef function = closure->function; /* on the stack: GC sees it */
  JSValueRef *argv = g_newa (JSValueRef, n_params + 1);
  JSValueRef exception = NULL, result;
  JSContextRef ctx;
  size_t argc = 0;

  if (function == NULL)
    return; /* invalidated while the emission was running */
  if (closure->thread != g_thread_self ()) {
    sprout_signal_refuse_thread (n_params, params, hint);
    return;
  }
  if (!sprout_home_usable (closure->home))
    return; /* the context is gone: a no-op, as in GJS */
  ctx = closure->home->ctx;
  if (!sprout_signal_params_to_js (ctx, sprout_signal_plan_get (hint), n_params,
                                   params, argv, &argc, &exception)) {
    if (exception)
      sprout_context_log_exception (ctx, exception, NULL, G_LOG_LEVEL_WARNING);
    return;
  }
  result = JSObjectCallAsFunction (ctx, function, NULL, argc, argv, &exception);
  if (result == NULL) {
    sprout_context_report_exception (ctx, exception);
    return;
  }
  if (return_value == NULL || G_VALUE_TYPE (return_value) == G_TYPE_INVALID ||
      JSValueIsUndefined (ctx, result))
    return;
  if (!sprout_gvalue_from_js (ctx, result, return_value, "Return value",
                              &exception))
    sprout_context_log_exception (ctx, exception, NULL, G_LOG_LEVEL_WARNING);
}

static GClosure *
sprout_signal_closure_new (JSContextRef ctx, JSObjectRef function)
{
  GClosure *gclosure =
    g_closure_new_simple (sizeof (SproutSignalClosure), NULL);
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;

  closure->home = sprout_home_ref_for (ctx);
  closure->function = function;
  JSValueProtect (closure->home->ctx, function); /* see the TODO above */
  closure->thread = g_thread_self ();
  closure->main_context = g_main_context_ref_thread_default ();
  g_closure_set_marshal (gclosure, sprout_signal_closure_marshal);
  g_closure_add_invalidate_notifier (gclosure, NULL,
                                     sprout_signal_closure_invalidated);
  g_closure_add_finalize_notifier (gclosure, NULL,
                                   sprout_signal_closure_finalized);
  return gclosure;
}

/* ---- argument helpers --------------------------------------------------- */

/* The object behind @token, or NULL with an exception. */
static GObject *
sprout_signal_object (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  return sprout_object_from_token (
    ctx, argc > 0 ? argv[0] : JSValueMakeUndefined (ctx), exception);
}

/* The signal name argument (transfer full), or NULL with an exception. */
static char *
sprout_signal_name_arg (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                        const char *method, JSValueRef *exception)
{
  if (argc < 2 || JSValueIsUndefined (ctx, argv[1])) {
    gboolean two = g_str_has_prefix (method, "connect");
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: At least %s required, but only 0 passed", method,
                     two ? "2 arguments" : "1 argument");
    return NULL;
  }
  if (!JSValueIsString (ctx, argv[1])) {
    sprout_js_throw (ctx, exception, "Error",
                     "Error invoking %s, at argument 0 (signal name): "
                     "Couldn't convert to string",
                     method);
    return NULL;
  }
  return sprout_js_value_to_utf8 (ctx, argv[1], exception);
}

/* A handler id argument; FALSE with an exception if not a number. */
static gboolean
sprout_signal_id_arg (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                      gulong *id, JSValueRef *exception)
{
  double number;

  if (argc < 2 || !JSValueIsNumber (ctx, argv[1])) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "A signal handler ID must be a number");
    return FALSE;
  }
  number = JSValueToNumber (ctx, argv[1], NULL);
  *id = isfinite (number) && number > 0 ? (gulong) number : 0;
  return TRUE;
}

static JSValueRef
sprout_signal_throw_no_signal (JSContextRef ctx, GObject *object,
                               const char *name, JSValueRef *exception)
{
  return sprout_js_throw (ctx, exception, "Error",
                          "No signal '%s' on object '%s'", name,
                          G_OBJECT_TYPE_NAME (object));
}

/* ---- natives ------------------------------------------------------------ */

/* signalConnect(token, name, callback, after) -> handler id (0 if the object
 * was disposed). */
static JSValueRef
sprout_signal_native_connect (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  gboolean after = argc > 3 && JSValueToBoolean (ctx, argv[3]);
  const char *method = after ? "connect_after" : "connect";
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  g_autofree char *name = NULL;
  GClosure *closure;
  JSObjectRef callback;
  guint signal_id;
  GQuark detail;
  gulong id;

  if (object == NULL)
    return NULL;
  if (!sprout_object_check_alive (object, "connect to any signal on"))
    return JSValueMakeNumber (ctx, 0);
  name = sprout_signal_name_arg (ctx, argc, argv, method, exception);
  if (name == NULL)
    return NULL;
  if (argc < 3 || JSValueIsUndefined (ctx, argv[2]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s: At least 2 arguments required, but only 1 "
                            "passed",
                            method);
  /* As GJS words (and types) these. */
  if (!JSValueIsObject (ctx, argv[2]))
    return sprout_js_throw (ctx, exception, "Error",
                            "Error invoking %s, at argument 1 (callback): Not "
                            "an object",
                            method);
  callback = (JSObjectRef) argv[2];
  if (!JSObjectIsFunction (ctx, callback))
    return sprout_js_throw (ctx, exception, "Error",
                            "second arg must be a callback");
  if (!g_signal_parse_name (name, G_OBJECT_TYPE (object), &signal_id, &detail,
                            TRUE))
    return sprout_signal_throw_no_signal (ctx, object, name, exception);

  closure = sprout_signal_closure_new (ctx, callback);
  g_closure_ref (closure);
  g_closure_sink (closure);
  id =
    g_signal_connect_closure_by_id (object, signal_id, detail, closure, after);
  if (id != 0)
    sprout_signal_list_add (object, (SproutSignalClosure *) closure);
  sprout_signal_safe_depth++;
  g_closure_unref (closure); /* the handler holds it (or it goes now) */
  sprout_signal_safe_depth--;
  return JSValueMakeNumber (ctx, (double) id);
}

/* Fills @values[0] with @object and the rest from @args by the signal's
 * parameter types; FALSE with an exception. @values are zeroed. */
/* ---- emission plans ------------------------------------------------------
 *
 * emit() used to convert the name to UTF-8, parse it, query the signal and
 * format a message string per parameter on every call, and put the instance
 * in a GValue with a reference (two toggle notifications of its wrapper).
 * A small direct-mapped cache keyed by the name's JS string (its identity:
 * the string is protected while cached, so the address cannot be reused)
 * and the instance type keeps all of that. A string the cache has not seen
 * takes the old path once and fills its slot. */

typedef struct {
  JSGlobalContextRef owner;
  JSValueRef name_value; /* protected */
  GType gtype;
  char *name;            /* as JS gave it, for messages */
  guint signal_id;
  GQuark detail;
  GSignalQuery query;
  char **whats;          /* per parameter, for conversion errors */
  GIBaseInfo **borrowed; /* per parameter: static-scope struct info or NULL */
} SproutEmitPlan;

#define SPROUT_EMIT_CACHE_SIZE 32
static SproutEmitPlan *sprout_emit_cache[SPROUT_EMIT_CACHE_SIZE];

static guint
sprout_emit_slot (JSValueRef name_value, GType gtype)
{
  guint64 key = (guint64) (uintptr_t) name_value ^ (guint64) gtype;

  return (guint) ((key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 59) &
         (SPROUT_EMIT_CACHE_SIZE - 1);
}

static void
sprout_emit_plan_free (JSContextRef ctx, SproutEmitPlan *plan)
{
  /* A plan of a context that is gone has nothing left to unprotect. */
  if (plan->owner == JSContextGetGlobalContext (ctx))
    JSValueUnprotect (ctx, plan->name_value);
  for (guint i = 0; i < plan->query.n_params; i++)
    if (plan->borrowed[i])
      g_base_info_unref (plan->borrowed[i]);
  g_free (plan->borrowed);
  g_strfreev (plan->whats);
  g_free (plan->name);
  g_free (plan);
}

static SproutEmitPlan *
sprout_emit_plan_find (JSContextRef ctx, GObject *object, JSValueRef name)
{
  SproutEmitPlan *plan =
    sprout_emit_cache[sprout_emit_slot (name, G_OBJECT_TYPE (object))];

  if (plan && plan->name_value == name &&
      plan->gtype == G_OBJECT_TYPE (object) &&
      plan->owner == JSContextGetGlobalContext (ctx))
    return plan;
  return NULL;
}

/* The plan for emitting @name (argv[1]) on @object, made and cached if
 * needed; NULL with an exception for a bad name. */
static SproutEmitPlan *
sprout_emit_plan_get (JSContextRef ctx, GObject *object, size_t argc,
                      const JSValueRef argv[], JSValueRef *exception)
{
  SproutEmitPlan *plan =
    argc >= 2 ? sprout_emit_plan_find (ctx, object, argv[1]) : NULL;
  g_autofree char *name = NULL;
  guint signal_id, slot;
  GQuark detail;

  if (plan)
    return plan;
  name = sprout_signal_name_arg (ctx, argc, argv, "emit", exception);
  if (name == NULL)
    return NULL;
  if (!g_signal_parse_name (name, G_OBJECT_TYPE (object), &signal_id, &detail,
                            FALSE)) {
    sprout_signal_throw_no_signal (ctx, object, name, exception);
    return NULL;
  }
  plan = g_new0 (SproutEmitPlan, 1);
  plan->owner = JSContextGetGlobalContext (ctx);
  plan->name_value = argv[1];
  JSValueProtect (ctx, plan->name_value);
  plan->gtype = G_OBJECT_TYPE (object);
  plan->signal_id = signal_id;
  plan->detail = detail;
  g_signal_query (signal_id, &plan->query);
  plan->whats = g_new0 (char *, plan->query.n_params + 1);
  plan->borrowed = g_new0 (GIBaseInfo *, plan->query.n_params + 1);
  for (guint i = 0; i < plan->query.n_params; i++) {
    plan->whats[i] =
      g_strdup_printf ("argument %u of signal '%s'", i + 1, name);
    plan->borrowed[i] =
      sprout_signal_borrowed_info (plan->query.param_types[i]);
  }
  plan->name = g_steal_pointer (&name);
  slot = sprout_emit_slot (plan->name_value, plan->gtype);
  if (sprout_emit_cache[slot])
    sprout_emit_plan_free (ctx, sprout_emit_cache[slot]);
  sprout_emit_cache[slot] = plan;
  return plan;
}

static gboolean
sprout_signal_args_from_js (JSContextRef ctx, const SproutEmitPlan *plan,
                            const JSValueRef args[], GValue *values,
                            JSValueRef *exception)
{
  for (guint i = 0; i < plan->query.n_params; i++) {
    GIBaseInfo *borrowed = plan->borrowed[i];
    const char *what = plan->whats[i];
    gpointer data;

    g_value_init (&values[i + 1],
                  plan->query.param_types[i] & ~G_SIGNAL_TYPE_STATIC_SCOPE);
    if (borrowed && !JSValueIsNull (ctx, args[i])) {
      /* Static scope: handlers see (and may change) the caller's struct. */
      data = sprout_boxed_from_js (ctx, args[i], borrowed, what, exception);
      if (data == NULL)
        return FALSE;
      g_value_set_static_boxed (&values[i + 1], data);
    } else if (!sprout_gvalue_from_js (ctx, args[i], &values[i + 1], what,
                                       exception)) {
      return FALSE;
    }
  }
  return TRUE;
}

/* signalEmit(token, name, ...args) -> the signal's return value. */
static JSValueRef
sprout_signal_native_emit (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  GValue return_value = G_VALUE_INIT;
  SproutEmitPlan *plan;
  GValue *values;
  JSValueRef result = NULL;
  guint n_params;

  if (object == NULL)
    return NULL;
  if (!sprout_object_check_alive (object, "emit any signal on"))
    return JSValueMakeUndefined (ctx);
  plan = sprout_emit_plan_get (ctx, object, argc, argv, exception);
  if (plan == NULL)
    return NULL;
  n_params = plan->query.n_params;
  if (argc - 2 != n_params)
    return sprout_js_throw (
      ctx, exception, "Error", "Signal '%s' on %s requires %u args got %u",
      plan->name, G_OBJECT_TYPE_NAME (object), n_params, (guint) (argc - 2));

  values = g_newa (GValue, n_params + 1);
  memset (values, 0, sizeof (GValue) * (n_params + 1));
  if (plan->query.return_type != G_TYPE_NONE)
    g_value_init (&return_value,
                  plan->query.return_type & ~G_SIGNAL_TYPE_STATIC_SCOPE);
  /* The instance without a reference of its own (never unset below): the
   * wrapper holds one, and another would root and unroot the wrapper. */
  g_value_init (&values[0], G_OBJECT_TYPE (object));
  values[0].data[0].v_pointer = object;
  if (sprout_signal_args_from_js (ctx, plan, argv + 2, values, exception)) {
    g_signal_emitv (values, plan->signal_id, plan->detail, &return_value);
    result = plan->query.return_type == G_TYPE_NONE
               ? JSValueMakeUndefined (ctx)
               : sprout_gvalue_to_js (ctx, &return_value, exception);
  }
  for (guint i = 1; i <= n_params; i++) {
    if (G_IS_VALUE (&values[i]))
      g_value_unset (&values[i]);
  }
  if (G_IS_VALUE (&return_value))
    g_value_unset (&return_value);
  return result;
}

/* signalDisconnect(token, id) */
static JSValueRef
sprout_signal_native_disconnect (JSContextRef ctx, JSObjectRef function,
                                 JSObjectRef self, size_t argc,
                                 const JSValueRef argv[], JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  gulong id;

  if (object == NULL || !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  sprout_object_check_alive (object, "access");
  sprout_signal_safe_depth++;
  g_signal_handler_disconnect (object, id); /* GLib warns about unknown ids */
  sprout_signal_safe_depth--;
  return JSValueMakeUndefined (ctx);
}

/* signalBlock(token, id), signalUnblock(token, id) */
static JSValueRef
sprout_signal_block_or_unblock (JSContextRef ctx, size_t argc,
                                const JSValueRef argv[], gboolean block,
                                JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  gulong id;

  if (object == NULL || !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  sprout_object_check_alive (object, "access");
  if (block)
    g_signal_handler_block (object, id);
  else
    g_signal_handler_unblock (object, id);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_signal_native_block (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_signal_block_or_unblock (ctx, argc, argv, TRUE, exception);
}

static JSValueRef
sprout_signal_native_unblock (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_signal_block_or_unblock (ctx, argc, argv, FALSE, exception);
}

/* signalStopEmission(token, name) */
static JSValueRef
sprout_signal_native_stop_emission (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  g_autofree char *name = NULL;

  if (object == NULL)
    return NULL;
  name = sprout_signal_name_arg (ctx, argc, argv, "stop_emission_by_name",
                                 exception);
  if (name == NULL)
    return NULL;
  sprout_object_check_alive (object, "access");
  g_signal_stop_emission_by_name (object, name); /* GLib warns if invalid */
  return JSValueMakeUndefined (ctx);
}

/* signalHandlerIsConnected(token, id) -> boolean */
static JSValueRef
sprout_signal_native_is_connected (JSContextRef ctx, JSObjectRef function,
                                   JSObjectRef self, size_t argc,
                                   const JSValueRef argv[],
                                   JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);
  gulong id;

  if (object == NULL || !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  sprout_object_check_alive (object, "access");
  return JSValueMakeBoolean (ctx, id != 0 &&
                                    g_signal_handler_is_connected (object, id));
}

/* ---- matching handlers (GObject.signal_handler_find() and friends) ------ */

typedef struct {
  GSignalMatchType mask;
  guint signal_id;
  GQuark detail;
  JSValueRef func; /* NULL unless matching by function */
} SproutSignalMatch;

typedef guint (*SproutSignalMatchedFunc) (gpointer instance,
                                          GSignalMatchType mask,
                                          guint signal_id, GQuark detail,
                                          GClosure *closure, gpointer func,
                                          gpointer data);

/* Reads {signalId, detail, func} (signalId is a signal name, as in GJS). */
static gboolean
sprout_signal_match_from_js (JSContextRef ctx, GObject *object,
                             JSValueRef value, SproutSignalMatch *match,
                             JSValueRef *exception)
{
  JSObjectRef match_object;
  JSValueRef field;
  g_autofree char *text = NULL;

  memset (match, 0, sizeof *match);
  if (!JSValueIsObject (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "The match argument must be an object");
    return FALSE;
  }
  match_object = (JSObjectRef) value;
  if ((field = sprout_js_get (ctx, match_object, "signalId", exception)) ==
      NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if ((text = sprout_js_value_to_utf8 (ctx, field, exception)) == NULL)
      return FALSE;
    match->mask |= G_SIGNAL_MATCH_ID;
    match->signal_id = g_signal_lookup (text, G_OBJECT_TYPE (object));
    g_clear_pointer (&text, g_free);
  }
  if ((field = sprout_js_get (ctx, match_object, "detail", exception)) == NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if ((text = sprout_js_value_to_utf8 (ctx, field, exception)) == NULL)
      return FALSE;
    match->mask |= G_SIGNAL_MATCH_DETAIL;
    match->detail = g_quark_from_string (text);
  }
  if ((field = sprout_js_get (ctx, match_object, "func", exception)) == NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if (!JSValueIsObject (ctx, field) ||
        !JSObjectIsFunction (ctx, (JSObjectRef) field)) {
      sprout_js_throw (ctx, exception, "TypeError",
                       "'func' property must be a function");
      return FALSE;
    }
    match->mask |= G_SIGNAL_MATCH_CLOSURE;
    match->func = field;
  }
  if (match->mask == 0) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Must specify at least one of signalId, detail, or func");
    return FALSE;
  }
  return TRUE;
}

/* The object and match of a (token, match) call; NULL with an exception. */
static GObject *
sprout_signal_match_args (JSContextRef ctx, size_t argc,
                          const JSValueRef argv[], const char *for_what,
                          SproutSignalMatch *match, JSValueRef *exception)
{
  GObject *object = sprout_signal_object (ctx, argc, argv, exception);

  if (object == NULL)
    return NULL;
  sprout_object_check_alive (object, for_what);
  if (!sprout_signal_match_from_js (
        ctx, object, argc > 1 ? argv[1] : JSValueMakeUndefined (ctx), match,
        exception))
    return NULL;
  return object;
}

/* signalFind(token, match) -> the first matching handler id, or 0. */
static JSValueRef
sprout_signal_native_find (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  SproutSignalMatch match;
  GObject *object = sprout_signal_match_args (
    ctx, argc, argv, "find any signal on", &match, exception);
  g_autoptr (GPtrArray) candidates = NULL;
  gulong id = 0;

  if (object == NULL)
    return NULL;
  if (match.func == NULL)
    id = g_signal_handler_find (object, match.mask, match.signal_id,
                                match.detail, NULL, NULL, NULL);
  else
    candidates = sprout_signal_list_find (ctx, object, match.func);
  for (guint i = 0; candidates && i < candidates->len && id == 0; i++)
    id = g_signal_handler_find (object, match.mask, match.signal_id,
                                match.detail, candidates->pdata[i], NULL, NULL);
  return JSValueMakeNumber (ctx, (double) id);
}

/* Applies @action to the matching handlers; returns how many matched. */
static JSValueRef
sprout_signal_matched (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                       const char *for_what, SproutSignalMatchedFunc action,
                       JSValueRef *exception)
{
  SproutSignalMatch match;
  GObject *object =
    sprout_signal_match_args (ctx, argc, argv, for_what, &match, exception);
  g_autoptr (GPtrArray) candidates = NULL;
  guint n = 0;

  if (object == NULL)
    return NULL;
  sprout_signal_safe_depth++;
  if (match.func == NULL) {
    n = action (object, match.mask, match.signal_id, match.detail, NULL, NULL,
                NULL);
  } else {
    candidates = sprout_signal_list_find (ctx, object, match.func);
    for (guint i = 0; i < candidates->len; i++)
      n += action (object, match.mask, match.signal_id, match.detail,
                   candidates->pdata[i], NULL, NULL);
  }
  sprout_signal_safe_depth--;
  return JSValueMakeNumber (ctx, n);
}

/* signalsBlock(token, match) -> count */
static JSValueRef
sprout_signal_native_block_matched (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "block any signal on",
                                g_signal_handlers_block_matched, exception);
}

/* signalsUnblock(token, match) -> count */
static JSValueRef
sprout_signal_native_unblock_matched (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "unblock any signal on",
                                g_signal_handlers_unblock_matched, exception);
}

/* signalsDisconnect(token, match) -> count */
static JSValueRef
sprout_signal_native_disconnect_matched (JSContextRef ctx, JSObjectRef function,
                                         JSObjectRef self, size_t argc,
                                         const JSValueRef argv[],
                                         JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "disconnect any signal on",
                                g_signal_handlers_disconnect_matched,
                                exception);
}

void
sprout_signals_define_natives (JSContextRef ctx, JSObjectRef native)
{
  static const struct {
    const char *name;
    JSObjectCallAsFunctionCallback callback;
  } natives[] = {
    { "signalConnect", sprout_signal_native_connect },
    { "signalDisconnect", sprout_signal_native_disconnect },
    { "signalEmit", sprout_signal_native_emit },
    { "signalBlock", sprout_signal_native_block },
    { "signalUnblock", sprout_signal_native_unblock },
    { "signalStopEmission", sprout_signal_native_stop_emission },
    { "signalHandlerIsConnected", sprout_signal_native_is_connected },
    { "signalFind", sprout_signal_native_find },
    { "signalsBlock", sprout_signal_native_block_matched },
    { "signalsUnblock", sprout_signal_native_unblock_matched },
    { "signalsDisconnect", sprout_signal_native_disconnect_matched },
  };

  if (sprout_signal_list_quark == 0)
    sprout_signal_list_quark =
      g_quark_from_static_string ("sprout-signal-closures");
  for (gsize i = 0; i < G_N_ELEMENTS (natives); i++)
    sprout_js_define_function (ctx, native, natives[i].name,
                               natives[i].callback);
}
