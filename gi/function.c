/* function.c: GI functions as JS functions, and the call pipeline.
 *
 * A GI function is a small JSClass object with callAsFunction (one crossing
 * per call; its private data is the SproutFunction) whose prototype is
 * Function.prototype, so call/apply/bind work. The marshalling plan is built
 * on the first call (arg-cache.c) and kept; a function whose plan cannot be
 * built throws the same clear error on every call.
 *
 * The pipeline (sprout_callable_invoke) uses stack arrays sized by the plan,
 * converts arguments through the plan's function pointers, calls through
 * libffi, then converts results and releases what marshalling allocated, also
 * when an argument fails halfway.
 */
#include "gi-private.h"

#include <string.h>

#include <gio/gio.h>

#include "context.h"
#include "js-util.h"

typedef struct {
  GIFunctionInfo *info;   /* owned */
  SproutCallable callable;
  GType container_type; /* methods: their type (G_TYPE_NONE: plain struct) */
  gboolean prepared;
  GError *prepare_error;  /* set if the plan could not be built */
} SproutFunction;

static JSClassRef sprout_function_class;

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

JSValueRef
sprout_callable_invoke (JSContextRef ctx, SproutCallable *callable,
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
  SproutInvoke invoke = { callable, in_values, out_storage, NULL, marshalled,
                          FALSE };
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
  gi_type_tag_extract_ffi_return_value (callable->return_arg.tag,
                                        callable->return_info_type,
                                        &ffi_return, &return_value);
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
  SproutFunction *function = JSObjectGetPrivate (object);

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
  GIBaseInfo *container = g_base_info_get_container (function->info);
  g_autofree char *have = NULL, *want = NULL;

  if (function->container_type != G_TYPE_NONE && instance_type != G_TYPE_NONE) {
    if (g_type_is_a (instance_type, function->container_type))
      return TRUE;
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
  SproutFunction *function = NULL;
  GIArgument instance_arg;

  if (JSValueIsObjectOfClass (ctx, function_value, sprout_function_class))
    function = JSObjectGetPrivate ((JSObjectRef) function_value);
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
sprout_function_finalize (JSObjectRef object)
{
  SproutFunction *function = JSObjectGetPrivate (object);

  if (function == NULL)
    return;
  if (function->prepared && function->prepare_error == NULL)
    sprout_callable_clear (&function->callable);
  g_clear_error (&function->prepare_error);
  g_base_info_unref (function->info);
  g_free (function);
}

JSObjectRef
sprout_gi_function_new (JSContextRef ctx, GIFunctionInfo *info)
{
  SproutFunction *function = g_new0 (SproutFunction, 1);
  JSObjectRef object, function_proto;
  JSValueRef function_ctor;

  if (sprout_function_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "GIFunction";
    definition.callAsFunction = sprout_function_call;
    definition.finalize = sprout_function_finalize;
    sprout_function_class = JSClassCreate (&definition);
  }
  function->info = g_base_info_ref (info);
  object = JSObjectMake (ctx, sprout_function_class, function);
  function_ctor =
    sprout_js_get (ctx, JSContextGetGlobalObject (ctx), "Function", NULL);
  function_proto = (JSObjectRef) sprout_js_get (
    ctx, (JSObjectRef) function_ctor, "prototype", NULL);
  /* Own `name` first: once Function.prototype (whose `name` is read-only)
   * is the prototype, a plain set would be refused. */
  sprout_js_set (ctx, object, "name",
                 sprout_js_value_from_utf8 (ctx, g_base_info_get_name (info)),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly,
                 NULL);
  sprout_js_set (ctx, object, "length",
                 JSValueMakeNumber (ctx, sprout_callable_info_js_arity (
                                           (GICallableInfo *) info)),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly,
                 NULL);
  JSObjectSetPrototype (ctx, object, function_proto);
  return object;
}
