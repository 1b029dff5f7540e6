/* signals-emit.c: signal emission and marshalling (signals-private.h).
 *
 * emit() from JS converts its arguments to GValues (static-scope boxed
 * parameters by reference) and calls g_signal_emitv(). The closure marshal
 * converts a signal's GValues to JS (the instance's wrapper first) with
 * gvalue.c, calls the handler, and converts its result into the signal's
 * return value. As in GJS, a handler that throws has its exception logged as
 * uncaught ("JS ERROR", critical) and never propagated into C: the emission
 * goes on and the return value keeps what it held; a result that cannot be
 * converted is logged as a warning; `undefined` leaves the return value
 * alone. Where GValues say too little (C arrays and their lengths,
 * static-scope structs passed by reference), a per-signal plan built from
 * the typelib fills in, as in GJS (see "plans" below).
 *
 * Safety. A closure called on a thread other than its context's logs GJS's
 * critical and does nothing; a closure whose context is gone (its home is
 * dead) is a no-op, as GJS's closures are once the context is gone.
 */
#include "signals-private.h"

#include <string.h>

#include "boxed.h"
#include "context.h"
#include "gvalue.h"
#include "js-util.h"
#include "object.h"

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

void
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
  /* The emission holds the instance, whose wrapper (if it lives) is then
   * rooted and keeps the function's holder: read without the engine's
   * lock, the function is no value a running collection could miss. */
  if (sprout_signal_closure_function (closure) == NULL)
    return; /* its wrapper (and handler) was collected: signals-closure.c */
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
  guint epoch; /* sprout_gi_epoch when made */
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
      plan->owner == JSContextGetGlobalContext (ctx) &&
      plan->epoch == sprout_gi_epoch)
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
  plan->epoch = sprout_gi_epoch;
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
JSValueRef
sprout_signal_native_emit (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  GObject *object;
  GValue return_value = G_VALUE_INIT;
  SproutEmitPlan *plan;
  GValue *values;
  JSValueRef result = NULL;
  guint n_params;

  if (!sprout_signal_object (ctx, argc, argv, "emit any signal on", &object,
                             exception))
    return NULL;
  if (object == NULL ||
      !sprout_object_check_alive (object, "emit any signal on"))
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


