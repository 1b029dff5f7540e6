/* marshal-callback.c: callback types and callback arguments — JS functions
 * passed to C as function pointers, with their hidden user_data and destroy
 * notify.
 *
 * Plans. A callback type's plan (closure.h) is its SproutCallable, built by
 * arg-cache.c as for any callable, then checked from the callback's side:
 * each argument JS sees needs an `out` marshaller if C passes it in and an
 * `in` one if it comes back, and every value must be storable (no struct by
 * value, no caller-allocated out). Plans are cached per type (compared with
 * g_base_info_equal) for the life of the process, errors included, so a type
 * is examined once.
 *
 * Arguments. The `in` marshaller turns a JS function into a SproutClosure
 * (closure.c) and passes its native address; the user_data slot gets the
 * closure and the destroy-notify slot sprout_closure_destroy_notify(). null
 * passes NULL (and NULL user_data and notify) where GI allows it. A closure
 * starts with one reference, the scope's, which goes as GI's scope says:
 * - call: release_in drops it after the C call returns;
 * - async: dropped once the first invocation has returned;
 * - notified: dropped by the destroy notify;
 * - forever (and no scope annotation): never dropped.
 * A destroy notify given with any other scope holds a second reference of
 * its own. If the C function is never called (a later argument failed to
 * convert), release_in drops all of them: C never saw the closure.
 *
 * Whether the C function ran is invoke->called, set by the pipeline
 * (function.c) just before ffi_call.
 */
#include "arg-cache.h"

#include <gio/gio.h>

#include "closure.h"
#include "js-util.h"

/* ---- plans of callback types ------------------------------------------- */

static GPtrArray *sprout_callback_plans; /* of SproutCallbackPlan, forever */

static SproutStorage
sprout_storage_of_tag (GITypeTag tag)
{
  if (tag == GI_TYPE_TAG_UNICHAR)
    return GI_TYPE_TAG_UINT32;
  if (GI_TYPE_TAG_IS_BASIC (tag) && tag != GI_TYPE_TAG_UTF8 &&
      tag != GI_TYPE_TAG_FILENAME)
    return tag;
  return SPROUT_STORAGE_POINTER;
}

static SproutStorage
sprout_storage_of (const SproutArg *arg)
{
  GIInfoType type;

  if (arg->tag != GI_TYPE_TAG_INTERFACE)
    return arg->is_pointer ? SPROUT_STORAGE_POINTER
                           : sprout_storage_of_tag (arg->tag);
  type = g_base_info_get_type (arg->interface_info);
  if ((type == GI_INFO_TYPE_ENUM || type == GI_INFO_TYPE_FLAGS) &&
      !arg->is_pointer)
    return sprout_storage_of_tag (
      g_enum_info_get_storage_type ((GIEnumInfo *) arg->interface_info));
  if (arg->is_pointer || type == GI_INFO_TYPE_CALLBACK)
    return SPROUT_STORAGE_POINTER;
  return SPROUT_STORAGE_NONE;
}

static const char *
sprout_callback_type_name (const SproutArg *arg)
{
  if (arg->tag == GI_TYPE_TAG_INTERFACE)
    return g_base_info_get_name (arg->interface_info);
  return g_type_tag_to_string (arg->tag);
}

gboolean
sprout_callback_arg_visible (const SproutArg *arg)
{
  return arg->role == SPROUT_ARG_NORMAL && arg->tag != GI_TYPE_TAG_VOID;
}

static gboolean
sprout_callback_plan_check_arg (SproutCallbackPlan *plan, SproutArg *arg,
                                GError **error)
{
  const char *name = arg->name ? arg->name : "return value";
  guint index = arg->c_index < 0 ? plan->callable.n_args : (guint) arg->c_index;

  plan->storage[index] = sprout_storage_of (arg);
  if (arg->direction == GI_DIRECTION_OUT && arg->caller_allocates &&
      (arg->gtype == G_TYPE_VALUE || arg->element_size > 0))
    plan->storage[index] = SPROUT_STORAGE_CALLER_ALLOCATED;
  else if (plan->storage[index] == SPROUT_STORAGE_NONE ||
           (arg->direction != GI_DIRECTION_IN && arg->caller_allocates)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "%s of type %s is %s", name, sprout_callback_type_name (arg),
                 arg->caller_allocates ? "caller-allocated"
                                       : "passed by value");
    return FALSE;
  }
  if (!sprout_callback_arg_visible (arg) && arg->c_index >= 0)
    return TRUE;
  if (arg->direction == GI_DIRECTION_IN && arg->c_index >= 0)
    arg->borrow_struct = TRUE;
  if ((arg->direction != GI_DIRECTION_OUT && arg->out == NULL) ||
      (arg->direction != GI_DIRECTION_IN && arg->in == NULL)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "%s of type %s cannot be converted yet", name,
                 sprout_callback_type_name (arg));
    return FALSE;
  }
  if (arg->direction != GI_DIRECTION_IN)
    plan->n_js_out++;
  return TRUE;
}

static gboolean
sprout_callback_plan_check (SproutCallbackPlan *plan, GError **error)
{
  SproutCallable *callable = &plan->callable;

  plan->storage = g_new0 (SproutStorage, callable->n_args + 1);
  if (callable->is_method && !GI_IS_VFUNC_INFO (plan->info)) {
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         "callbacks with an instance are not supported");
    return FALSE;
  }
  /* A vfunc implementation gets its instance first; JS sees it as this. */
  plan->n_instance = callable->is_method ? 1 : 0;
  if (!callable->skip_return &&
      !sprout_callback_plan_check_arg (plan, &callable->return_arg, error))
    return FALSE;
  for (guint i = 0; i < callable->n_args; i++)
    if (!sprout_callback_plan_check_arg (plan, &callable->args[i], error))
      return FALSE;
  return TRUE;
}

static SproutCallbackPlan *
sprout_callback_plan_new (GICallableInfo *info)
{
  SproutCallbackPlan *plan = g_new0 (SproutCallbackPlan, 1);

  plan->info = g_base_info_ref (info);
  if (!sprout_callable_init (&plan->callable, info, &plan->error) ||
      !sprout_callback_plan_check (plan, &plan->error)) {
    sprout_callable_clear (&plan->callable);
    g_clear_pointer (&plan->storage, g_free);
  }
  return plan;
}

SproutCallbackPlan *
sprout_callback_plan_get (GICallableInfo *info)
{
  SproutCallbackPlan *plan;

  if (sprout_callback_plans == NULL)
    sprout_callback_plans = g_ptr_array_new ();
  for (guint i = 0; i < sprout_callback_plans->len; i++) {
    plan = g_ptr_array_index (sprout_callback_plans, i);
    if (g_base_info_equal (plan->info, info))
      return plan;
  }
  plan = sprout_callback_plan_new (info);
  g_ptr_array_add (sprout_callback_plans, plan);
  return plan;
}

/* ---- callback arguments ------------------------------------------------- */

static gboolean
sprout_callback_has_destroy (const SproutArg *self)
{
  return self->destroy_index >= 0 && self->destroy_index != self->c_index;
}

static gboolean
sprout_callback_throw_not_function (JSContextRef ctx, const SproutArg *self,
                                    JSValueRef value, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "TypeError",
                   "Expected function for callback argument %s, got %s",
                   self->name ? self->name : "?",
                   sprout_js_type_name (ctx, value));
  return FALSE;
}

static gboolean
sprout_callback_throw_unsupported (JSContextRef ctx, const SproutArg *self,
                                   const GError *error, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "Error",
                   "Callback type %s.%s of argument '%s' is not supported: %s",
                   g_base_info_get_namespace (self->interface_info),
                   g_base_info_get_name (self->interface_info),
                   self->name ? self->name : "?", error->message);
  return FALSE;
}

/* Fills the hidden user_data and destroy-notify slots. */
static void
sprout_callback_set_hidden (const SproutArg *self, SproutInvoke *invoke,
                            gpointer user_data, GDestroyNotify notify)
{
  guint n = invoke->callable->n_args;

  if (self->closure_index >= 0 && (guint) self->closure_index < n &&
      self->closure_index != self->c_index)
    invoke->values[self->closure_index].v_pointer = user_data;
  if (sprout_callback_has_destroy (self) && (guint) self->destroy_index < n)
    invoke->values[self->destroy_index].v_pointer = (gpointer) notify;
}

/* Takes the references C holds, beyond the scope's own. */
static void
sprout_callback_take_scope (const SproutArg *self, SproutClosure *closure)
{
  if (self->scope == GI_SCOPE_TYPE_ASYNC)
    sprout_closure_release_after_first_call (closure);
  if (sprout_callback_has_destroy (self) &&
      self->scope != GI_SCOPE_TYPE_NOTIFIED)
    sprout_closure_ref (closure);
}

static gboolean
sprout_in_callback (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                    JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  SproutClosure *closure;

  if (JSValueIsNull (ctx, value) && self->nullable) {
    arg->v_pointer = NULL;
    sprout_callback_set_hidden (self, invoke, NULL, NULL);
    return TRUE;
  }
  if (!JSValueIsObject (ctx, value) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) value))
    return sprout_callback_throw_not_function (ctx, self, value, exception);
  closure = sprout_closure_new (ctx, (GICallableInfo *) self->interface_info,
                                (JSObjectRef) value, &error);
  if (closure == NULL)
    return sprout_callback_throw_unsupported (ctx, self, error, exception);
  sprout_callback_take_scope (self, closure);
  arg->v_pointer = sprout_closure_get_native (closure);
  sprout_callback_set_hidden (self, invoke, closure,
                              sprout_closure_destroy_notify);
  return TRUE;
}

/* Whether the C function ran: function.c sets `called` before ffi_call. */
static gboolean
sprout_callback_call_happened (const SproutInvoke *invoke)
{
  return invoke->called;
}

static void
sprout_release_callback (const SproutArg *self, SproutInvoke *invoke,
                         GIArgument *arg)
{
  SproutClosure *closure = sprout_closure_lookup (arg->v_pointer);

  if (closure == NULL)
    return;
  if (!sprout_callback_call_happened (invoke)) {
    if (sprout_callback_has_destroy (self) &&
        self->scope != GI_SCOPE_TYPE_NOTIFIED)
      sprout_closure_unref (closure);
    sprout_closure_unref (closure);
    return;
  }
  if (self->scope == GI_SCOPE_TYPE_CALL)
    sprout_closure_unref (closure);
}

gboolean
sprout_marshal_callback_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL ||
      g_base_info_get_type (arg->interface_info) != GI_INFO_TYPE_CALLBACK)
    return FALSE;
  if (arg->c_index < 0 || arg->direction != GI_DIRECTION_IN) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "%s: callbacks of type %s coming from C are not supported "
                 "yet",
                 arg->name ? arg->name : "the return value",
                 g_base_info_get_name (arg->interface_info));
    return FALSE;
  }
  if (sprout_callback_has_destroy (arg) && arg->closure_index < 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "callback argument '%s' has a destroy notify but no user "
                 "data, which is not supported",
                 arg->name);
    return FALSE;
  }
  arg->in = sprout_in_callback;
  arg->release_in = sprout_release_callback;
  return TRUE;
}
