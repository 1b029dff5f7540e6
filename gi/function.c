/* function.c: GI functions as JS functions, and the call pipeline.
 *
 * A GI function is a host function (sprout_engine_make_function: JSC calls
 * it directly, one cheap crossing per call) whose data is the SproutFunction;
 * being a real JS function, call/apply/bind work. A hidden token in a private
 * property of the function frees the SproutFunction when the function is
 * collected. The marshalling plan is built on the first call (arg-cache.c)
 * and kept; a function whose plan cannot be built throws the same clear
 * error on every call.
 *
 * The pipeline (sprout_callable_invoke) uses stack arrays sized by the plan,
 * converts arguments through the plan's function pointers, calls through
 * libffi, then converts results and releases what marshalling allocated, also
 * when an argument fails halfway. Callables whose arguments are all plain
 * `in` values (the plan's `simple` flag: most calls) take a shorter copy of
 * it with no out storage to set up; of those, the ones whose values all fit
 * integer registers (`direct`) skip libffi too (see "Direct calls"). Short
 * `in` strings live in a stack scratch area of the call (SproutInvoke).
 */
#include "gi-private.h"

#include <string.h>

#include <gio/gio.h>

#include "context.h"
#include "engine.h"
#include "js-util.h"

typedef struct {
  GIFunctionInfo *info;   /* owned */
  SproutCallable callable;
  GType container_type; /* methods: their type (G_TYPE_NONE: plain struct) */
  gboolean prepared;
  GError *prepare_error;  /* set if the plan could not be built */
} SproutFunction;

/* Private data of the token that frees a collected function's data. */
typedef struct {
  JSObjectRef function;
  guint64 serial;
} SproutFunctionLink;

static JSClassRef sprout_function_token_class;

static gboolean
sprout_function_prepare (JSContextRef ctx, SproutFunction *function,
                         JSValueRef *exception)
{
  if (!function->prepared) {
    GIBaseInfo *container = g_base_info_get_container (function->info);

    function->prepared = TRUE;
    if (container && GI_IS_REGISTERED_TYPE_INFO (container))
      function->container_type =
        g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) container);
    if (!g_function_info_get_symbol (function->info) ||
        !sprout_callable_init (&function->callable,
                               (GICallableInfo *) function->info,
                               &function->prepare_error) ) {
      if (function->prepare_error == NULL)
        g_set_error_literal (&function->prepare_error, G_IO_ERROR,
                             G_IO_ERROR_NOT_SUPPORTED, "no C symbol");
      sprout_callable_clear (&function->callable); /* what init built */
    }
  }
  if (function->prepare_error) {
    sprout_js_throw (ctx, exception, "Error",
                     "Function %s.%s cannot be called: %s",
                     g_base_info_get_namespace (function->info),
                     g_base_info_get_name (function->info),
                     function->prepare_error->message);
    return FALSE;
  }
  return TRUE;
}

static gboolean
sprout_invoke_check_argc (JSContextRef ctx, SproutCallable *callable,
                          size_t argc, JSValueRef *exception)
{
  if (argc < callable->n_js_args) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Function %s() requires %u argument%s, but only %zu "
                     "%s passed",
                     callable->name, callable->n_js_args,
                     callable->n_js_args == 1 ? "" : "s", argc,
                     argc == 1 ? "was" : "were");
    return FALSE;
  }
  if (argc > callable->n_js_args)
    g_warning ("Too many arguments to %s: expected %u, got %zu",
               callable->name, callable->n_js_args, argc);
  return TRUE;
}

/* Releases the `in` values converted so far (all of them after a call). */
static void
sprout_invoke_release_in (SproutInvoke *invoke, GIArgument *in_values)
{
  SproutCallable *callable = invoke->callable;

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];

    if (!invoke->marshalled[i])
      continue;
    if (arg->release_in)
      arg->release_in (arg, invoke, &in_values[i]);
    else if (!invoke->called && arg->transfer != GI_TRANSFER_NOTHING &&
             arg->release_out)
      /* Meant for the callee, which never ran: ours to free. */
      arg->release_out (arg, invoke, &in_values[i]);
  }
}

/* Caller-allocated out structs nobody will wrap (the call failed). */
static void
sprout_invoke_free_caller_allocated (SproutInvoke *invoke)
{
  SproutCallable *callable = invoke->callable;

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (arg->direction != GI_DIRECTION_IN && arg->caller_allocates &&
        arg->tag == GI_TYPE_TAG_INTERFACE)
      g_free (invoke->out_storage[i].v_pointer);
  }
}

static gboolean
sprout_invoke_marshal_in (JSContextRef ctx, SproutInvoke *invoke,
                          GIArgument *in_values, const JSValueRef argv[],
                          JSValueRef *exception)
{
  SproutCallable *callable = invoke->callable;

  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];

    if (arg->direction == GI_DIRECTION_OUT || arg->role != SPROUT_ARG_NORMAL)
      continue;
    if (!arg->in (ctx, arg, invoke, argv[arg->js_index], &in_values[i],
                  exception))
      return FALSE;
    invoke->marshalled[i] = TRUE;
    if (arg->direction == GI_DIRECTION_INOUT)
      invoke->out_storage[i] = in_values[i];
  }
  return TRUE;
}

/* Builds the JS result: nothing, one value, or [ret, out1, ...]. */
static JSValueRef
sprout_invoke_marshal_out (JSContextRef ctx, SproutInvoke *invoke,
                           GIArgument *return_value, JSValueRef *exception)
{
  SproutCallable *callable = invoke->callable;
  JSValueRef stack_values[8];
  JSValueRef *values = callable->n_js_out <= G_N_ELEMENTS (stack_values)
                         ? stack_values
                         : g_newa (JSValueRef, callable->n_js_out);
  guint n = 0;

  if (!callable->skip_return) {
    SproutArg *ret = &callable->return_arg;
    values[n] = ret->out (ctx, ret, invoke, return_value, exception);
    if (ret->release_out)
      ret->release_out (ret, invoke, return_value);
    if (values[n++] == NULL)
      return NULL;
  }
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (arg->direction == GI_DIRECTION_IN || arg->role != SPROUT_ARG_NORMAL)
      continue;
    values[n] = arg->out (ctx, arg, invoke, &invoke->out_storage[i], exception);
    if (arg->release_out)
      arg->release_out (arg, invoke, &invoke->out_storage[i]);
    if (values[n++] == NULL)
      return NULL;
  }
  if (n == 0)
    return JSValueMakeUndefined (ctx);
  if (n == 1)
    return values[0];
  return JSObjectMakeArray (ctx, n, values, exception);
}

/* Bytes of stack for `in` strings per call (SproutInvoke.scratch). */
#define SPROUT_INVOKE_SCRATCH 512

static JSValueRef sprout_callable_invoke_full (
  JSContextRef ctx, SproutCallable *callable, GIArgument *instance,
  size_t argc, const JSValueRef argv[], JSValueRef *exception);

/* The C value ffi left in @ffi_return, for the common return types without
 * a call into libgirepository; the others through it. */
static inline void
sprout_invoke_extract_return (SproutCallable *callable,
                              GIFFIReturnValue *ffi_return,
                              GIArgument *return_value)
{
  switch (callable->return_arg.is_pointer ? GI_TYPE_TAG_VOID
                                          : callable->return_arg.tag) {
  case GI_TYPE_TAG_BOOLEAN:
  case GI_TYPE_TAG_INT32:
    return_value->v_int32 = (gint32) ffi_return->v_long;
    return;
  case GI_TYPE_TAG_UINT32:
    return_value->v_uint32 = (guint32) ffi_return->v_ulong;
    return;
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
  case GI_TYPE_TAG_GTYPE:
    return_value->v_uint64 = ffi_return->v_uint64;
    return;
  case GI_TYPE_TAG_DOUBLE:
    return_value->v_double = ffi_return->v_double;
    return;
  case GI_TYPE_TAG_UTF8:
  case GI_TYPE_TAG_FILENAME:
    return_value->v_pointer = ffi_return->v_pointer;
    return;
  default:
    gi_type_tag_extract_ffi_return_value (callable->return_arg.tag,
                                          callable->return_info_type,
                                          ffi_return, return_value);
  }
}

/* Direct calls: where the ABI passes every integer and pointer argument in
 * an integer register (or an 8-byte stack slot) whatever its C type, and
 * returns integer results in one, a callable whose values all fit (its
 * `direct` flag) is called through a function pointer taking and
 * returning 64-bit words, each argument widened as its C type would be.
 * That is what libffi does for these signatures, minus its interpretation
 * of the cif (a seventh of a whole static call). */
#if defined(__x86_64__) || defined(__aarch64__)
#define SPROUT_DIRECT_CALLS 1

typedef guint64 SproutWordValue;

static inline SproutWordValue
sprout_word_widen (SproutWord word, const GIArgument *value)
{
  switch (word) {
  case SPROUT_WORD_S8:
    return (SproutWordValue) (gint64) value->v_int8;
  case SPROUT_WORD_U8:
    return value->v_uint8;
  case SPROUT_WORD_S16:
    return (SproutWordValue) (gint64) value->v_int16;
  case SPROUT_WORD_U16:
    return value->v_uint16;
  case SPROUT_WORD_S32:
    return (SproutWordValue) (gint64) value->v_int32;
  case SPROUT_WORD_U32:
    return value->v_uint32;
  default:
    return value->v_uint64;
  }
}

static SproutWordValue
sprout_call_direct (gpointer address, const SproutWordValue *w, guint n)
{
  typedef SproutWordValue W;

  switch (n) {
  case 0:
    return ((W (*) (void)) address) ();
  case 1:
    return ((W (*) (W)) address) (w[0]);
  case 2:
    return ((W (*) (W, W)) address) (w[0], w[1]);
  case 3:
    return ((W (*) (W, W, W)) address) (w[0], w[1], w[2]);
  case 4:
    return ((W (*) (W, W, W, W)) address) (w[0], w[1], w[2], w[3]);
  case 5:
    return ((W (*) (W, W, W, W, W)) address) (w[0], w[1], w[2], w[3], w[4]);
  default:
    return ((W (*) (W, W, W, W, W, W)) address) (w[0], w[1], w[2], w[3],
                                                  w[4], w[5]);
  }
}
#else
#define SPROUT_DIRECT_CALLS 0
#endif

/* Calls the C function of a simple callable (arguments in @values). */
static inline void
sprout_invoke_call_simple (SproutCallable *callable, GIArgument *instance,
                           GIArgument *values, GError **error_ptr,
                           GIFFIReturnValue *ffi_return)
{
  void *ffi_args[SPROUT_SIMPLE_MAX_ARGS + 2];
  guint n = 0;

#if SPROUT_DIRECT_CALLS
  if (callable->direct) {
    SproutWordValue words[6];

    if (callable->is_method)
      words[n++] = (SproutWordValue) (uintptr_t) instance->v_pointer;
    for (guint i = 0; i < callable->n_args; i++)
      words[n++] = sprout_word_widen (callable->args[i].word, &values[i]);
    if (callable->can_throw)
      words[n++] = (SproutWordValue) (uintptr_t) error_ptr;
    ffi_return->v_uint64 =
      sprout_call_direct (callable->invoker.native_address, words, n);
    return;
  }
#endif
  if (callable->is_method)
    ffi_args[n++] = instance;
  for (guint i = 0; i < callable->n_args; i++)
    ffi_args[n++] = &values[i];
  if (callable->can_throw)
    ffi_args[n++] = &error_ptr;
  ffi_call (&callable->invoker.cif, callable->invoker.native_address,
            ffi_return, ffi_args);
}

/* The short pipeline for callables whose arguments are all plain `in`
 * arguments (callable->simple): no out storage, no hidden arguments, so
 * no zeroing of per-call arrays and one pass over the arguments. Same
 * conversions, releases and errors as the full pipeline. */
static JSValueRef
sprout_callable_invoke_simple (JSContextRef ctx, SproutCallable *callable,
                               GIArgument *instance, const JSValueRef argv[],
                               JSValueRef *exception)
{
  GIArgument values[SPROUT_SIMPLE_MAX_ARGS + 1];
  gboolean marshalled[SPROUT_SIMPLE_MAX_ARGS + 1];
  guint n = callable->n_args, i;
  GError *error = NULL;
  GIFFIReturnValue ffi_return;
  GIArgument return_value;
  char scratch[SPROUT_INVOKE_SCRATCH];
  SproutInvoke invoke = { callable, values, values, NULL, marshalled, FALSE,
                          scratch, scratch, scratch + sizeof scratch };
  JSValueRef result = NULL;

  for (i = 0; i < n; i++) {
    SproutArg *arg = &callable->args[i];
    marshalled[i] = FALSE;
    if (!arg->in (ctx, arg, &invoke, argv[arg->js_index], &values[i],
                  exception))
      goto release;
    marshalled[i] = TRUE;
  }
  if (callable->instance_ref)
    instance->v_pointer = callable->instance_ref (instance->v_pointer);
  else if (callable->instance_boxed)
    instance->v_pointer =
      g_boxed_copy (callable->instance_boxed, instance->v_pointer);
  invoke.called = TRUE;
  if (G_LIKELY (!callable->inspects_main_context))
    sprout_context_schedule_jobs (ctx);
  sprout_invoke_call_simple (callable, instance, values, &error, &ffi_return);
  if (G_UNLIKELY (error != NULL)) {
    *exception = sprout_gerror_to_js (ctx, error);
    g_error_free (error);
    goto release;
  }
  if (callable->skip_return) {
    result = JSValueMakeUndefined (ctx);
  } else {
    SproutArg *ret = &callable->return_arg;
    sprout_invoke_extract_return (callable, &ffi_return, &return_value);
    result = ret->out (ctx, ret, &invoke, &return_value, exception);
    if (ret->release_out)
      ret->release_out (ret, &invoke, &return_value);
  }
release:
  /* After `out`, as in the full pipeline. */
  for (guint j = 0; j < i; j++) {
    SproutArg *arg = &callable->args[j];
    if (!marshalled[j])
      continue;
    if (arg->release_in)
      arg->release_in (arg, &invoke, &values[j]);
    else if (!invoke.called && arg->transfer != GI_TRANSFER_NOTHING &&
             arg->release_out)
      arg->release_out (arg, &invoke, &values[j]);
  }
  return result;
}

JSValueRef
sprout_callable_invoke (JSContextRef ctx, SproutCallable *callable,
                        GIArgument *instance, size_t argc,
                        const JSValueRef argv[], JSValueRef *exception)
{
  if (callable->simple && G_LIKELY (argc == callable->n_js_args))
    return sprout_callable_invoke_simple (ctx, callable, instance, argv,
                                          exception);
  return sprout_callable_invoke_full (ctx, callable, instance, argc, argv,
                                      exception);
}

static JSValueRef
sprout_callable_invoke_full (JSContextRef ctx, SproutCallable *callable,
                             GIArgument *instance, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  guint n = callable->n_args;
  GIArgument *values = g_newa (GIArgument, n + 1);
  GIArgument *in_values = g_newa (GIArgument, n + 1);
  GIArgument *out_storage = g_newa (GIArgument, n + 1);
  gboolean *marshalled = g_newa (gboolean, n + 1);
  void **ffi_args = g_newa (void *, n + 2);
  GError *error = NULL;
  GError **error_ptr = &error;
  GIFFIReturnValue ffi_return;
  GIArgument return_value;
  char scratch[SPROUT_INVOKE_SCRATCH];
  SproutInvoke invoke = { callable, in_values, out_storage, NULL, marshalled,
                          FALSE, scratch, scratch, scratch + sizeof scratch };
  guint ffi_n = 0;
  JSValueRef result;

  if (!sprout_invoke_check_argc (ctx, callable, argc, exception))
    return NULL;
  memset (in_values, 0, sizeof (GIArgument) * (n + 1));
  memset (out_storage, 0, sizeof (GIArgument) * (n + 1));
  memset (marshalled, 0, sizeof (gboolean) * (n + 1));

  if (!sprout_invoke_marshal_in (ctx, &invoke, in_values, argv, exception)) {
    sprout_invoke_release_in (&invoke, in_values);
    return NULL;
  }
  if (callable->is_method)
    ffi_args[ffi_n++] = instance;
  for (guint i = 0; i < n; i++) {
    SproutArg *arg = &callable->args[i];
    if (arg->direction == GI_DIRECTION_IN) {
      values[i] = in_values[i];
    } else if (arg->caller_allocates && arg->tag == GI_TYPE_TAG_INTERFACE) {
      /* The callee fills memory we provide; its wrapper will own it. */
      out_storage[i].v_pointer = g_malloc0 (arg->element_size);
      values[i].v_pointer = out_storage[i].v_pointer;
    } else {
      values[i].v_pointer = &out_storage[i];
    }
    ffi_args[ffi_n++] = &values[i];
  }
  if (callable->can_throw)
    ffi_args[ffi_n++] = &error_ptr;

  if (callable->instance_ref)
    instance->v_pointer = callable->instance_ref (instance->v_pointer);
  else if (callable->instance_boxed)
    instance->v_pointer =
      g_boxed_copy (callable->instance_boxed, instance->v_pointer);
  invoke.called = TRUE;
  /* Not for MainContext.pending()/iteration(): they would see the idle
   * they scheduled themselves and report work forever. */
  if (G_LIKELY (!callable->inspects_main_context))
    sprout_context_schedule_jobs (ctx);
  ffi_call (&callable->invoker.cif, callable->invoker.native_address,
            &ffi_return, ffi_args);
  sprout_invoke_extract_return (callable, &ffi_return, &return_value);
  if (error != NULL) {
    sprout_invoke_release_in (&invoke, in_values);
    sprout_invoke_free_caller_allocated (&invoke);
    *exception = sprout_gerror_to_js (ctx, error);
    g_error_free (error);
    return NULL;
  }
  result = sprout_invoke_marshal_out (ctx, &invoke, &return_value, exception);
  /* After `out`: transfer-none results may point into `in` values
   * (GLib.environ_getenv), and inout values may come back unchanged. */
  sprout_invoke_release_in (&invoke, in_values);
  return result;
}

static JSValueRef
sprout_function_call (JSContextRef ctx, JSObjectRef object, JSObjectRef self,
                      size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  SproutFunction *function =
    sprout_engine_function_data (object, sprout_function_call);

  if (!function->prepared || function->prepare_error)
    if (!sprout_function_prepare (ctx, function, exception))
      return NULL;
  return sprout_callable_invoke (ctx, &function->callable, NULL, argc, argv,
                                 exception);
}

/* "Namespace.Name" of @info, or else of @gtype's info, or the GType name.
 * (transfer full) */
static char *
sprout_function_type_name (GIBaseInfo *info, GType gtype)
{
  g_autoptr (SproutGIInfo) found = NULL;

  if (info == NULL && gtype != G_TYPE_NONE)
    info = found = g_irepository_find_by_gtype (NULL, gtype);
  if (info == NULL)
    return g_strdup (g_type_name (gtype));
  return g_strdup_printf ("%s.%s", g_base_info_get_namespace (info),
                          g_base_info_get_name (info));
}

/* A method reached through another type's prototype (Method.call(other))
 * must not hand C an instance of the wrong type: C would read it as its
 * own struct. */
static gboolean
sprout_function_check_instance (JSContextRef ctx, SproutFunction *function,
                                GType instance_type, GIBaseInfo *instance_info,
                                JSValueRef *exception)
{
  GIBaseInfo *container;
  g_autofree char *have = NULL, *want = NULL;

  /* The common case first: no info look-up. */
  if (function->container_type != G_TYPE_NONE && instance_type != G_TYPE_NONE &&
      g_type_is_a (instance_type, function->container_type))
    return TRUE;
  container = g_base_info_get_container (function->info);
  if (function->container_type != G_TYPE_NONE && instance_type != G_TYPE_NONE) {
    /* of another type: throw below */
  } else if (container && instance_info &&
             (g_base_info_equal (container, instance_info) ||
              (g_str_equal (g_base_info_get_namespace (container),
                            g_base_info_get_namespace (instance_info)) &&
               g_str_equal (g_base_info_get_name (container),
                            g_base_info_get_name (instance_info))))) {
    return TRUE;
  }
  have = sprout_function_type_name (instance_info, instance_type);
  want = sprout_function_type_name (container, function->container_type);
  sprout_js_throw (ctx, exception, "TypeError",
                   "Object is of type %s - cannot convert to %s (calling "
                   "%s)",
                   have, want, g_base_info_get_name (function->info));
  return FALSE;
}

JSValueRef
sprout_gi_function_call_method (JSContextRef ctx, JSValueRef function_value,
                                gpointer instance, GType instance_type,
                                GIBaseInfo *instance_info, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception)
{
  SproutFunction *function = sprout_engine_function_data (
    (JSObjectRef) function_value, sprout_function_call);
  GIArgument instance_arg;

  if (function == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "not a GI method");
  if (!function->prepared || function->prepare_error)
    if (!sprout_function_prepare (ctx, function, exception))
      return NULL;
  if (!sprout_function_check_instance (ctx, function, instance_type,
                                       instance_info, exception))
    return NULL;
  instance_arg.v_pointer = instance;
  return sprout_callable_invoke (ctx, &function->callable, &instance_arg, argc,
                                 argv, exception);
}

static void
sprout_function_free (gpointer data)
{
  SproutFunction *function = data;

  if (function->prepared && function->prepare_error == NULL)
    sprout_callable_clear (&function->callable);
  g_clear_error (&function->prepare_error);
  g_base_info_unref (function->info);
  g_free (function);
}

static void
sprout_function_token_finalize (JSObjectRef object)
{
  SproutFunctionLink *link = JSObjectGetPrivate (object);

  if (link == NULL)
    return;
  sprout_engine_function_forget (link->function, link->serial);
  g_free (link);
}

/* A class whose constructor stamps a private field holding its second
 * argument onto its first (the base constructor returns that object). JSC's
 * private properties exist only on callback objects, and a JS private field
 * is invisible to reflection, as the old JSClass function's data was. */
static JSObjectRef
sprout_function_stamper (JSContextRef ctx)
{
  static JSGlobalContextRef owner;
  static guint epoch;
  static JSObjectRef stamper;
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  if (owner != global || epoch != sprout_gi_epoch) {
    g_autoptr (SproutJSString) source = sprout_js_string_new (
      "(class extends (class { constructor(o) { return o; } }) {"
      "  #data; constructor(o, data) { super(o); this.#data = data; } })");
    JSValueRef value = JSEvaluateScript (ctx, source, NULL, NULL, 1, NULL);

    /* Unprotected on purpose when the context changes: the old one is
     * gone with everything it held. */
    stamper = value ? (JSObjectRef) value : NULL;
    if (stamper)
      JSValueProtect (ctx, stamper);
    owner = global;
    epoch = sprout_gi_epoch;
  }
  return stamper;
}

/* Ties the data of @object (a GI function) to its life (see top). */
static void
sprout_function_link (JSContextRef ctx, JSObjectRef object)
{
  JSObjectRef stamper = sprout_function_stamper (ctx);
  SproutFunctionLink *link;
  JSValueRef args[2];

  if (stamper == NULL)
    return; /* the data stays for the life of the process */
  if (sprout_function_token_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "GIFunctionData";
    definition.finalize = sprout_function_token_finalize;
    sprout_function_token_class = JSClassCreate (&definition);
  }
  link = g_new (SproutFunctionLink, 1);
  link->function = object;
  link->serial = sprout_engine_function_serial (object);
  args[0] = object;
  args[1] = JSObjectMake (ctx, sprout_function_token_class, link);
  JSObjectCallAsConstructor (ctx, stamper, 2, args, NULL);
}

JSObjectRef
sprout_gi_function_new (JSContextRef ctx, GIFunctionInfo *info)
{
  SproutFunction *function = g_new0 (SproutFunction, 1);
  JSObjectRef object;

  function->info = g_base_info_ref (info);
  object = sprout_engine_make_function (ctx, g_base_info_get_name (info),
                                        sprout_function_call, function,
                                        sprout_function_free);
  sprout_function_link (ctx, object);
  /* GJS's length: the arguments JS passes (arity.c). */
  sprout_js_define_length (ctx, object,
                           sprout_callable_info_js_arity ((GICallableInfo *) info));
  return object;
}
