/* closure.c: native function pointers that call JS functions (closure.h).
 *
 * Plans. Each callback type has one SproutCallbackPlan (marshal-callback.c):
 * the type's SproutCallable, the same argument plan functions use, read from
 * the callback's side, and the C storage of each argument. As in GJS,
 * `gpointer` arguments (user_data) are not passed to JS, nor are array
 * lengths. JS returns one value, or [return, out1, out2, ...] when C expects
 * more than one.
 *
 * Invocation. libffi calls sprout_closure_handler() with pointers to the C
 * arguments; it loads them into GIArguments by storage type, converts them,
 * calls the JS function in the global context saved at creation, converts the
 * results, and only then writes the return value and out arguments (through
 * their pointers). Values that JS -> C conversion allocated and C only
 * borrows (transfer none) stay alive until the next invocation or the
 * closure's free. An exception becomes a GError for callbacks that throw,
 * otherwise it is logged as uncaught (as GJS does) and C gets zeroes.
 *
 * Context liveness. Each JS context gets a small "home" record; a hidden
 * token on the global object clears its `alive` flag from a finalizer when
 * the context's VM is destroyed. A closure invoked after that (or on another
 * thread) refuses to touch JSC, logs GJS's "Attempting to run a JS callback"
 * critical, and returns zeroes; its free then skips JSValueUnprotect().
 */
#include "closure.h"

#include <string.h>

#include <gio/gio.h>
#include <girffi.h>

#include "context.h"
#include "gi-private.h"
#include "home.h"
#include "js-util.h"
#include "object.h"
#include "subclass.h"
#include "toggle.h"

struct _SproutClosure {
  ffi_cif cif;
  ffi_closure *ffi;
  gpointer native;
  SproutCallbackPlan *plan; /* cached, never freed */
  SproutHome *home;  /* ref */
  JSObjectRef function;     /* protected while the closure lives */
  GThread *thread;
  GMainContext *main_context; /* ref; where deferred work runs */
  guint ref_count;
  guint running; /* nested invocations in progress */
  gboolean release_after_call;
  gboolean free_scheduled;
  GIArgument *borrowed; /* last results C borrows, [n_args + 1] */
  gboolean *borrowed_set;
};

static GHashTable *sprout_closures_live; /* native address -> closure */

/* ---- storage ------------------------------------------------------------ */

static void
sprout_storage_load (SproutStorage storage, const void *where,
                     GIArgument *value)
{
  memset (value, 0, sizeof *value);
  switch (storage) {
  case GI_TYPE_TAG_BOOLEAN:
    value->v_boolean = *(const gboolean *) where;
    break;
  case GI_TYPE_TAG_INT8:
    value->v_int8 = *(const gint8 *) where;
    break;
  case GI_TYPE_TAG_UINT8:
    value->v_uint8 = *(const guint8 *) where;
    break;
  case GI_TYPE_TAG_INT16:
    value->v_int16 = *(const gint16 *) where;
    break;
  case GI_TYPE_TAG_UINT16:
    value->v_uint16 = *(const guint16 *) where;
    break;
  case GI_TYPE_TAG_INT32:
    value->v_int32 = *(const gint32 *) where;
    break;
  case GI_TYPE_TAG_UINT32:
    value->v_uint32 = *(const guint32 *) where;
    break;
  case GI_TYPE_TAG_INT64:
    value->v_int64 = *(const gint64 *) where;
    break;
  case GI_TYPE_TAG_UINT64:
    value->v_uint64 = *(const guint64 *) where;
    break;
  case GI_TYPE_TAG_FLOAT:
    value->v_float = *(const float *) where;
    break;
  case GI_TYPE_TAG_DOUBLE:
    value->v_double = *(const double *) where;
    break;
  case GI_TYPE_TAG_GTYPE:
    value->v_size = *(const GType *) where;
    break;
  default:
    value->v_pointer = *(gpointer const *) where;
    break;
  }
}

/* Writes exactly the C type's size (out arguments). Like loads, it uses
 * each width's own GIArgument field, as the marshallers do. */
static void
sprout_storage_store (SproutStorage storage, void *where,
                      const GIArgument *value)
{
  switch (storage) {
  case GI_TYPE_TAG_BOOLEAN:
    *(gboolean *) where = value->v_boolean;
    break;
  case GI_TYPE_TAG_INT8:
    *(gint8 *) where = value->v_int8;
    break;
  case GI_TYPE_TAG_UINT8:
    *(guint8 *) where = value->v_uint8;
    break;
  case GI_TYPE_TAG_INT16:
    *(gint16 *) where = value->v_int16;
    break;
  case GI_TYPE_TAG_UINT16:
    *(guint16 *) where = value->v_uint16;
    break;
  case GI_TYPE_TAG_INT32:
    *(gint32 *) where = value->v_int32;
    break;
  case GI_TYPE_TAG_UINT32:
    *(guint32 *) where = value->v_uint32;
    break;
  case GI_TYPE_TAG_INT64:
    *(gint64 *) where = value->v_int64;
    break;
  case GI_TYPE_TAG_UINT64:
    *(guint64 *) where = value->v_uint64;
    break;
  case GI_TYPE_TAG_FLOAT:
    *(float *) where = value->v_float;
    break;
  case GI_TYPE_TAG_DOUBLE:
    *(double *) where = value->v_double;
    break;
  case GI_TYPE_TAG_GTYPE:
    *(GType *) where = value->v_size;
    break;
  default:
    *(gpointer *) where = value->v_pointer;
    break;
  }
}

/* libffi wants integers narrower than a register widened to ffi_arg. */
static void
sprout_storage_store_return (SproutStorage storage, void *result,
                             const GIArgument *value)
{
  switch (storage) {
  case GI_TYPE_TAG_BOOLEAN:
    *(ffi_sarg *) result = value->v_boolean;
    break;
  case GI_TYPE_TAG_INT8:
    *(ffi_sarg *) result = value->v_int8;
    break;
  case GI_TYPE_TAG_UINT8:
    *(ffi_arg *) result = value->v_uint8;
    break;
  case GI_TYPE_TAG_INT16:
    *(ffi_sarg *) result = value->v_int16;
    break;
  case GI_TYPE_TAG_UINT16:
    *(ffi_arg *) result = value->v_uint16;
    break;
  case GI_TYPE_TAG_INT32:
    *(ffi_sarg *) result = value->v_int32;
    break;
  case GI_TYPE_TAG_UINT32:
    *(ffi_arg *) result = value->v_uint32;
    break;
  default:
    sprout_storage_store (storage, result, value);
    break;
  }
}

/* ---- lifetime ----------------------------------------------------------- */

static void sprout_closure_release_borrowed (SproutClosure *closure);

/* Closures of one type kept for reuse: making the ffi closure (its cif
 * from the typelib, executable memory) was most of a scope-call callback's
 * cost, and code that passes callbacks does so again and again. */
#define SPROUT_CLOSURE_SPARES 8

static void sprout_closure_handler (ffi_cif *cif, void *result, void **args,
                                    void *data);

static void
sprout_closure_free (SproutClosure *closure)
{
  SproutCallbackPlan *plan = closure->plan;

  g_hash_table_remove (sprout_closures_live, closure->native);
  sprout_closure_release_borrowed (closure);
  if (g_atomic_int_get (&closure->home->alive))
    JSValueUnprotect (closure->home->ctx, closure->function);
  sprout_home_unref (closure->home);
  g_main_context_unref (closure->main_context);
  /* Spares are taken on the thread that makes closures (JS's); only a
   * closure freed there goes back. */
  if (closure->thread == g_thread_self () &&
      (plan->spares == NULL || plan->spares->len < SPROUT_CLOSURE_SPARES)) {
    if (plan->spares == NULL)
      plan->spares = g_ptr_array_new ();
    g_ptr_array_add (plan->spares, closure);
    return;
  }
  g_callable_info_destroy_closure (plan->info, closure->ffi);
  g_free (closure);
}

/* A spare closure of @plan made on this thread (its ffi closure and native
 * address ready, every other field cleared), or a new one; NULL with
 * @error if libffi could not make one. */
static SproutClosure *
sprout_closure_alloc (SproutCallbackPlan *plan, GError **error)
{
  SproutClosure *closure;
  ffi_closure *ffi;
  gpointer native;

  for (guint i = plan->spares ? plan->spares->len : 0; i-- > 0;) {
    closure = g_ptr_array_index (plan->spares, i);
    if (closure->thread != g_thread_self ())
      continue;
    g_ptr_array_remove_index_fast (plan->spares, i);
    ffi = closure->ffi;
    native = closure->native;
    memset (((char *) closure) + G_STRUCT_OFFSET (SproutClosure, plan), 0,
            sizeof (SproutClosure) - G_STRUCT_OFFSET (SproutClosure, plan));
    closure->ffi = ffi;
    closure->native = native;
    return closure;
  }
  closure = g_new0 (SproutClosure, 1);
  closure->ffi = g_callable_info_create_closure (
    plan->info, &closure->cif, sprout_closure_handler, closure);
  if (closure->ffi == NULL) {
    g_free (closure);
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "could not allocate an ffi closure");
    return NULL;
  }
  closure->native =
    g_callable_info_get_closure_native_address (plan->info, closure->ffi);
  return closure;
}

static gboolean
sprout_closure_free_idle (gpointer data)
{
  SproutClosure *closure = data;

  closure->free_scheduled = FALSE;
  if (closure->ref_count == 0 && closure->running == 0)
    sprout_closure_free (closure);
  return G_SOURCE_REMOVE;
}

/* Frees from the main context: the ffi closure may still be on the stack. */
static void
sprout_closure_free_later (SproutClosure *closure)
{
  GSource *source;

  if (closure->free_scheduled)
    return;
  closure->free_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, sprout_closure_free_idle, closure, NULL);
  g_source_set_static_name (source, "[sprout] free closure");
  g_source_attach (source, closure->main_context);
  g_source_unref (source);
}

SproutClosure *
sprout_closure_ref (SproutClosure *closure)
{
  closure->ref_count++;
  return closure;
}

void
sprout_closure_unref (SproutClosure *closure)
{
  g_return_if_fail (closure->ref_count > 0);
  if (--closure->ref_count > 0 || closure->running > 0)
    return; /* an executing closure is freed when it returns */
  sprout_closure_free (closure);
}

static gboolean
sprout_closure_unref_idle (gpointer data)
{
  sprout_closure_unref (data);
  return G_SOURCE_REMOVE;
}

void
sprout_closure_destroy_notify (gpointer data)
{
  SproutClosure *closure = data;

  if (closure == NULL)
    return;
  if (closure->thread == g_thread_self ())
    sprout_closure_unref (closure);
  else
    g_main_context_invoke (closure->main_context, sprout_closure_unref_idle,
                           closure);
}

void
sprout_closure_release_after_first_call (SproutClosure *closure)
{
  closure->release_after_call = TRUE;
}

/* After each invocation, on the closure's thread. */
static void
sprout_closure_after_call (SproutClosure *closure)
{
  if (closure->release_after_call) {
    closure->release_after_call = FALSE;
    closure->ref_count--;
  }
  if (closure->ref_count == 0 && closure->running == 0)
    sprout_closure_free_later (closure);
}

static gboolean
sprout_closure_after_call_idle (gpointer data)
{
  sprout_closure_after_call (data);
  return G_SOURCE_REMOVE;
}

gpointer
sprout_closure_get_native (SproutClosure *closure)
{
  return closure->native;
}

SproutClosure *
sprout_closure_lookup (gpointer native)
{
  if (sprout_closures_live == NULL || native == NULL)
    return NULL;
  return g_hash_table_lookup (sprout_closures_live, native);
}

guint
sprout_closure_count_live (void)
{
  return sprout_closures_live ? g_hash_table_size (sprout_closures_live) : 0;
}

/* ---- invocation --------------------------------------------------------- */

static void
sprout_closure_refuse (SproutClosure *closure, const char *when,
                       const char *reason)
{
  g_critical ("Attempting to run a JS callback %s. This is most likely "
              "caused by %s. Because it would crash the application, it has "
              "been blocked.\nThe offending callback was %s().",
              when, reason, g_base_info_get_name (closure->plan->info));
}

static void
sprout_closure_zero_return (SproutClosure *closure, void *result)
{
  ffi_type *rtype = closure->cif.rtype;

  if (rtype->type != FFI_TYPE_VOID)
    memset (result, 0, MAX (rtype->size, sizeof (ffi_arg)));
}

/* Releases what JS -> C conversion allocated, for the values flagged in
 * invoke->marshalled (the return value at [n_args]). */
static void
sprout_closure_release_converted (SproutInvoke *invoke)
{
  SproutCallable *callable = invoke->callable;
  SproutArg *ret = &callable->return_arg;

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (invoke->marshalled[i] && arg->release_in)
      arg->release_in (arg, invoke, &invoke->values[i]);
  }
  if (invoke->marshalled[callable->n_args] && ret->release_in)
    ret->release_in (ret, invoke, &invoke->values[callable->n_args]);
}

static void
sprout_closure_release_borrowed (SproutClosure *closure)
{
  SproutInvoke invoke = { &closure->plan->callable, closure->borrowed,
                          closure->borrowed, NULL, closure->borrowed_set };

  if (closure->borrowed == NULL)
    return;
  sprout_closure_release_converted (&invoke);
  g_clear_pointer (&closure->borrowed, g_free);
  g_clear_pointer (&closure->borrowed_set, g_free);
}

/* C only borrows these results: keep them until the next call or the free. */
static void
sprout_closure_keep_borrowed (SproutClosure *closure, SproutInvoke *invoke)
{
  guint n = invoke->callable->n_args + 1;

  /* A nested invocation kept its own; its C caller is done by now. */
  sprout_closure_release_borrowed (closure);
  closure->borrowed = g_memdup2 (invoke->values, sizeof (GIArgument) * n);
  closure->borrowed_set = g_memdup2 (invoke->marshalled, sizeof (gboolean) * n);
}

/* Loads the C arguments; out arguments stay zero, inout ones are read
 * through their pointers. */
static void
sprout_closure_load_args (SproutCallbackPlan *plan, void **args,
                          GIArgument *values)
{
  args += plan->n_instance;
  for (guint i = 0; i < plan->callable.n_args; i++) {
    const SproutArg *arg = &plan->callable.args[i];
    const void *where = args[i];

    memset (&values[i], 0, sizeof values[i]);
    if (arg->direction != GI_DIRECTION_IN) {
      where = *(void *const *) args[i];
      if (arg->direction == GI_DIRECTION_OUT || where == NULL)
        continue;
    }
    sprout_storage_load (plan->storage[i], where, &values[i]);
  }
  memset (&values[plan->callable.n_args], 0, sizeof (GIArgument));
}

static gboolean
sprout_closure_args_to_js (JSContextRef ctx, SproutInvoke *invoke,
                           JSValueRef *argv, size_t *argc,
                           JSValueRef *exception)
{
  SproutCallable *callable = invoke->callable;

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];

    if (!sprout_callback_arg_visible (arg) ||
        arg->direction == GI_DIRECTION_OUT)
      continue;
    argv[*argc] = arg->out (ctx, arg, invoke, &invoke->values[i], exception);
    /* Transfer full: the value is ours once converted (inout ones once
     * replaced, see sprout_closure_release_inout). */
    if (arg->release_out && arg->direction == GI_DIRECTION_IN)
      arg->release_out (arg, invoke, &invoke->values[i]);
    if (argv[(*argc)++] == NULL)
      return FALSE;
  }
  return TRUE;
}

/* The @k-th value JS returned to C. */
static JSValueRef
sprout_closure_result_at (JSContextRef ctx, SproutCallbackPlan *plan,
                          JSValueRef result, guint k, JSValueRef *exception)
{
  if (plan->n_js_out == 1)
    return result;
  return JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) result, k, exception);
}

static gboolean
sprout_closure_check_results (JSContextRef ctx, SproutCallbackPlan *plan,
                              JSObjectRef function, JSValueRef result,
                              JSValueRef *exception)
{
  JSValueRef length;

  if (plan->n_js_out <= 1)
    return TRUE;
  if (JSValueIsArray (ctx, result)) {
    length = sprout_js_get (ctx, (JSObjectRef) result, "length", exception);
    if (length == NULL)
      return FALSE;
    if (JSValueToNumber (ctx, length, NULL) >= plan->n_js_out)
      return TRUE;
  }
  {
    /* GJS's wording, which names the JS function. */
    JSValueRef name = sprout_js_get (ctx, function, "name", NULL);
    g_autofree char *text = name ? sprout_js_value_describe (ctx, name) : NULL;
    sprout_js_throw (ctx, exception, "Error",
                     "Function %s (%s) returned unexpected value, expecting "
                     "an Array of %u values (its return value and out "
                     "arguments)",
                     text && *text ? text : "(anonymous)", plan->callable.name,
                     plan->n_js_out);
  }
  return FALSE;
}

/* What JS returned to C cannot be converted: GJS reports that as a plain
 * Error (a TypeError is for JS callers); the message stays. */
static void
sprout_closure_plain_error (JSContextRef ctx, JSValueRef *exception)
{
  JSValueRef name, message;
  g_autofree char *text = NULL;

  if (*exception == NULL || !JSValueIsObject (ctx, *exception))
    return;
  name = sprout_js_get (ctx, (JSObjectRef) *exception, "name", NULL);
  text = name ? sprout_js_value_describe (ctx, name) : NULL;
  if (g_strcmp0 (text, "TypeError") != 0)
    return;
  message = sprout_js_get (ctx, (JSObjectRef) *exception, "message", NULL);
  g_free (text);
  text = message ? sprout_js_value_describe (ctx, message) : g_strdup ("");
  *exception = sprout_js_make_error (ctx, "Error", text);
}

static gboolean
sprout_closure_convert_result (JSContextRef ctx, SproutCallbackPlan *plan,
                               SproutInvoke *invoke, SproutArg *arg,
                               JSValueRef result, guint k,
                               JSValueRef *exception)
{
  guint index =
    arg->c_index < 0 ? invoke->callable->n_args : (guint) arg->c_index;
  JSValueRef value = sprout_closure_result_at (ctx, plan, result, k, exception);

  if (value == NULL)
    return FALSE;
  if (!arg->in (ctx, arg, invoke, value, &invoke->values[index], exception)) {
    sprout_closure_plain_error (ctx, exception);
    return FALSE;
  }
  invoke->marshalled[index] = TRUE;
  return TRUE;
}

static gboolean
sprout_closure_results_from_js (JSContextRef ctx, SproutCallbackPlan *plan,
                                JSObjectRef function, SproutInvoke *invoke,
                                JSValueRef result, JSValueRef *exception)
{
  SproutCallable *callable = &plan->callable;
  guint k = 0;

  if (!sprout_closure_check_results (ctx, plan, function, result, exception))
    return FALSE;
  if (!callable->skip_return &&
      !sprout_closure_convert_result (ctx, plan, invoke, &callable->return_arg,
                                      result, k++, exception))
    return FALSE;
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (sprout_callback_arg_visible (arg) &&
        arg->direction != GI_DIRECTION_IN &&
        !sprout_closure_convert_result (ctx, plan, invoke, arg, result, k++,
                                        exception))
      return FALSE;
  }
  return TRUE;
}

/* Copies what JS returned for a caller-allocated out argument into the
 * memory C provided (zeroed, or an unset GValue). The converted value stays
 * ours and is released with the other results. A struct is copied bit for
 * bit, as C would return one by value. */
static void
sprout_closure_fill_caller_allocated (const SproutArg *arg, void *where,
                                      const GIArgument *value)
{
  if (value->v_pointer == NULL)
    return;
  if (arg->gtype == G_TYPE_VALUE) {
    const GValue *source = value->v_pointer;
    GValue *dest = where;
    if (G_IS_VALUE (dest))
      g_value_unset (dest);
    g_value_init (dest, G_VALUE_TYPE (source));
    g_value_copy (source, dest);
    return;
  }
  memcpy (where, value->v_pointer, arg->element_size);
}

static void
sprout_closure_store_results (SproutClosure *closure, void **args,
                              const GIArgument *values, void *result)
{
  SproutCallbackPlan *plan = closure->plan;
  SproutCallable *callable = &plan->callable;

  args += plan->n_instance;
  sprout_closure_zero_return (closure, result); /* (skip) returns too */
  if (!callable->skip_return)
    sprout_storage_store_return (plan->storage[callable->n_args], result,
                                 &values[callable->n_args]);
  for (guint i = 0; i < callable->n_args; i++) {
    void *where;
    if (callable->args[i].direction == GI_DIRECTION_IN)
      continue;
    where = *(void **) args[i];
    if (where == NULL)
      continue;
    if (plan->storage[i] == SPROUT_STORAGE_CALLER_ALLOCATED)
      sprout_closure_fill_caller_allocated (&callable->args[i], where,
                                            &values[i]);
    else
      sprout_storage_store (plan->storage[i], where, &values[i]);
  }
}

/* Frees the transfer-full values that inout arguments brought in, now
 * that C has the new ones. */
static void
sprout_closure_release_inout (SproutCallable *callable, GIArgument *originals)
{
  SproutInvoke invoke = { callable, originals, originals, NULL, NULL };

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (arg->direction == GI_DIRECTION_INOUT && arg->release_out &&
        sprout_callback_arg_visible (arg))
      arg->release_out (arg, &invoke, &originals[i]);
  }
}

/* A string property of @object, or NULL if it is missing or not a
 * string. */
static char *
sprout_closure_string_property (JSContextRef ctx, JSObjectRef object,
                                const char *name)
{
  JSValueRef value = sprout_js_get (ctx, object, name, NULL);

  return value && JSValueIsString (ctx, value)
           ? sprout_js_value_to_utf8 (ctx, value, NULL)
           : NULL;
}

/* How GJS shows a thrown primitive in the GError's message: strings
 * quoted, BigInts with their n, symbols as Symbol("..."). */
static char *
sprout_closure_debug_string (JSContextRef ctx, JSValueRef value)
{
  g_autofree char *text = sprout_js_value_describe (ctx, value);

  if (JSValueIsString (ctx, value)) {
    g_autoptr (SproutJSString) json = JSValueCreateJSONString (ctx, value, 0,
                                                               NULL);
    return json ? sprout_js_string_to_utf8 (json) : g_strdup (text);
  }
  if (JSValueGetType (ctx, value) == kJSTypeBigInt)
    return g_strconcat (text, "n", NULL);
  if (JSValueIsSymbol (ctx, value)) {
    JSValueRef description =
      sprout_js_get (ctx, JSValueToObject (ctx, value, NULL), "description",
                     NULL);
    g_autofree char *inner =
      description ? sprout_js_value_describe (ctx, description) : NULL;
    return g_strdup_printf ("Symbol(\"%s\")", inner ? inner : "");
  }
  return g_steal_pointer (&text);
}

/* An exception for a callback that throws, as GJS makes it: a GLib.Error
 * keeps its domain and code; a JS error (string name and message) becomes
 * GJS's JS error domain with the class as code, so that the caller gets
 * the same class back; anything else becomes a plain Error whose message
 * shows the value. */
static void
sprout_closure_set_gerror (JSContextRef ctx, JSValueRef exception,
                           GError **error)
{
  JSValueRef domain = NULL, code = NULL;
  g_autofree char *name = NULL, *message = NULL;

  if (!JSValueIsObject (ctx, exception)) {
    g_autofree char *text = sprout_closure_debug_string (ctx, exception);
    g_set_error_literal (error, sprout_gerror_js_domain (), 0, text);
    return;
  }
  domain = sprout_js_get (ctx, (JSObjectRef) exception, "domain", NULL);
  code = sprout_js_get (ctx, (JSObjectRef) exception, "code", NULL);
  message = sprout_closure_string_property (ctx, (JSObjectRef) exception,
                                            "message");
  if (domain && code && JSValueIsNumber (ctx, domain) &&
      JSValueIsNumber (ctx, code) && JSValueToNumber (ctx, domain, NULL) > 0) {
    g_autofree char *text = sprout_js_value_describe (ctx, exception);
    g_set_error_literal (error, (GQuark) JSValueToNumber (ctx, domain, NULL),
                         (gint) JSValueToNumber (ctx, code, NULL),
                         message ? message : text);
    return;
  }
  name = sprout_closure_string_property (ctx, (JSObjectRef) exception, "name");
  if (name && message) {
    g_set_error_literal (error, sprout_gerror_js_domain (),
                         sprout_gerror_js_code (name), message);
    return;
  }
  {
    g_autofree char *text = sprout_closure_debug_string (ctx, exception);
    g_set_error_literal (error, sprout_gerror_js_domain (), 0, text);
  }
}

static void
sprout_closure_fail (SproutClosure *closure, void *result, void **args,
                     JSValueRef exception)
{
  SproutCallable *callable = &closure->plan->callable;
  JSContextRef ctx = closure->home->ctx;
  GError **error =
    callable->can_throw
      ? *(GError ***) args[closure->plan->n_instance + callable->n_args]
      : NULL;

  sprout_closure_zero_return (closure, result);
  if (exception == NULL) /* a marshaller broke the convention */
    exception = sprout_js_make_error (ctx, "Error", "Callback failed");
  if (error != NULL)
    sprout_closure_set_gerror (ctx, exception, error);
  else
    sprout_context_report_exception (ctx, exception);
}

/* A vfunc's `this`: the wrapper of the instance C passes first. */
static gboolean
sprout_closure_this (JSContextRef ctx, SproutCallbackPlan *plan, void **args,
                     JSObjectRef *self, JSValueRef *exception)
{
  GObject *instance;
  JSValueRef wrapper;

  if (plan->n_instance == 0)
    return TRUE;
  instance = *(GObject **) args[0];
  if (!G_IS_OBJECT (instance)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: the instance is not a GObject", plan->callable.name);
    return FALSE;
  }
  wrapper = sprout_object_to_js (ctx, instance, exception);
  *self = wrapper ? (JSObjectRef) wrapper : NULL;
  return wrapper != NULL;
}

static void
sprout_closure_invoke_js (SproutClosure *closure, void *result, void **args)
{
  SproutCallbackPlan *plan = closure->plan;
  JSContextRef ctx = closure->home->ctx;
  guint n = plan->callable.n_args;
  GIArgument *values = g_newa (GIArgument, n + 1);
  GIArgument *originals = g_newa (GIArgument, n + 1);
  gboolean *converted = g_newa (gboolean, n + 1);
  JSValueRef *argv = g_newa (JSValueRef, n + 1); /* on the stack: GC sees it */
  SproutInvoke invoke = { &plan->callable, values, values, NULL, converted,
                          FALSE };
  JSValueRef exception = NULL, value = NULL;
  JSObjectRef self = NULL; /* on the stack: GC sees it */
  size_t argc = 0;

  memset (converted, 0, sizeof (gboolean) * (n + 1));
  sprout_closure_load_args (plan, args, values);
  memcpy (originals, values, sizeof (GIArgument) * (n + 1));
  if (sprout_closure_this (ctx, plan, args, &self, &exception) &&
      sprout_closure_args_to_js (ctx, &invoke, argv, &argc, &exception)) {
    value = JSObjectCallAsFunction (ctx, closure->function, self, argc, argv,
                                    &exception);
    sprout_context_schedule_jobs (ctx);
  }
  if (value &&
      sprout_closure_results_from_js (ctx, plan, closure->function, &invoke,
                                      value, &exception)) {
    sprout_closure_store_results (closure, args, values, result);
    sprout_closure_release_inout (&plan->callable, originals);
    sprout_closure_keep_borrowed (closure, &invoke);
    return;
  }
  sprout_closure_release_converted (&invoke);
  sprout_closure_fail (closure, result, args, exception);
}

/* A vfunc of a JS object whose wrapper the GC took: the object is being
 * released (its last reference went with the wrapper), and the JS state the
 * vfunc would see is gone. GJS refuses such calls with this critical. */
static gboolean
sprout_closure_instance_collected (SproutClosure *closure, void **args)
{
  GObject *instance;

  if (closure->plan->n_instance == 0)
    return FALSE;
  instance = *(GObject **) args[0];
  return G_IS_OBJECT (instance) && sprout_toggle_get_wrapper (instance) == NULL &&
         sprout_subclass_is_js_type (G_OBJECT_TYPE (instance));
}

static void
sprout_closure_refuse_collected (SproutClosure *closure)
{
  g_critical ("Attempting to run a JS callback during garbage collection. "
              "This is most likely caused by destroying a Clutter actor or "
              "GTK widget with ::destroy signal connected, or using the "
              "destroy(), dispose(), or remove() vfuncs. Because it would "
              "crash the application, it has been blocked and the JS "
              "callback not invoked.");
  g_critical ("The offending callback was %s(), a vfunc.",
              g_base_info_get_name (closure->plan->info));
}

static void
sprout_closure_handler (ffi_cif *cif, void *result, void **args, void *data)
{
  SproutClosure *closure = data;

  if (closure->thread != g_thread_self ()) {
    sprout_closure_refuse (closure, "on a different thread",
                           "an API not intended to be used from JS calling "
                           "back from a worker thread");
    sprout_closure_zero_return (closure, result);
    if (closure->release_after_call)
      g_main_context_invoke (closure->main_context,
                             sprout_closure_after_call_idle, closure);
    return;
  }
  closure->running++;
  if (sprout_closure_instance_collected (closure, args)) {
    sprout_closure_refuse_collected (closure);
    sprout_closure_zero_return (closure, result);
  } else if (sprout_home_usable (closure->home)) {
    sprout_closure_release_borrowed (closure);
    sprout_closure_invoke_js (closure, result, args);
  } else {
    sprout_closure_refuse (closure, "after its JS context was destroyed",
                           "a main-loop source or a notified callback that "
                           "outlived the script");
    sprout_closure_zero_return (closure, result);
  }
  closure->running--;
  sprout_closure_after_call (closure);
}

SproutClosure *
sprout_closure_new (JSContextRef ctx, GICallableInfo *info,
                    JSObjectRef function, GError **error)
{
  SproutCallbackPlan *plan = sprout_callback_plan_get (info);
  SproutClosure *closure;

  if (plan->error) {
    g_propagate_error (error, g_error_copy (plan->error));
    return NULL;
  }
  closure = sprout_closure_alloc (plan, error);
  if (closure == NULL)
    return NULL;
  closure->plan = plan;
  closure->home = sprout_home_ref_for (ctx);
  closure->function = function;
  JSValueProtect (closure->home->ctx, function);
  closure->thread = g_thread_self ();
  closure->main_context = g_main_context_ref_thread_default ();
  closure->ref_count = 1;
  if (sprout_closures_live == NULL)
    sprout_closures_live = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (sprout_closures_live, closure->native, closure);
  return closure;
}
