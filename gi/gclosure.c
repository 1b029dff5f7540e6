/* gclosure.c: JS functions as GClosures (gclosure.h), and GClosure
 * arguments of GI calls.
 *
 * A SproutGClosure calls its JS function with the closure's parameters
 * converted by gvalue.c (the first one as `this` for class closures, as
 * GJS's on_NAME methods expect), and converts the result into the return
 * value; an exception is logged as uncaught, never propagated into C. The
 * function is protected until GLib invalidates the closure; a closure whose
 * JS context is gone (or that runs on another thread) does nothing.
 *
 * Arguments. A JS function passed where C takes a GClosure becomes a new
 * floating closure. Transfer none: after the call we sink it, which frees it
 * unless the callee took its own reference (GLib's convention). Transfer
 * full, and closures JS returns to C (vfuncs such as
 * GtkBuilderScope.create_closure): C gets a reference of its own.
 */
#include "gclosure.h"

#include <gio/gio.h>

#include "arg-cache.h"
#include "context.h"
#include "gvalue.h"
#include "home.h"
#include "js-fast.h"
#include "js-util.h"

typedef struct {
  GClosure base;
  SproutHome *home;     /* ref */
  JSObjectRef function; /* protected until invalidated */
  GThread *thread;
  GMainContext *main_context; /* ref; where the deferred unprotect runs */
  gboolean instance_as_this;
} SproutGClosure;

static gboolean
sprout_gclosure_params_to_js (JSContextRef ctx, SproutGClosure *closure,
                              guint n, const GValue *params, JSValueRef *self,
                              JSValueRef *argv, size_t *argc,
                              JSValueRef *exception)
{
  guint first = 0;

  if (closure->instance_as_this && n > 0) {
    *self = sprout_gvalue_to_js (ctx, &params[0], exception);
    if (*self == NULL)
      return FALSE;
    first = 1;
  }
  for (guint i = first; i < n; i++) {
    argv[*argc] = sprout_gvalue_to_js (ctx, &params[i], exception);
    if (argv[(*argc)++] == NULL)
      return FALSE;
  }
  return TRUE;
}

static void
sprout_gclosure_marshal (GClosure *gclosure, GValue *return_value,
                         guint n_params, const GValue *params, gpointer hint,
                         gpointer marshal_data)
{
  SproutGClosure *closure = (SproutGClosure *) gclosure;
  JSObjectRef function = closure->function; /* on the stack: GC sees it */
  JSValueRef *argv = g_newa (JSValueRef, n_params + 1);
  JSValueRef exception = NULL, result, self = NULL;
  JSContextRef ctx;
  size_t argc = 0;

  if (function == NULL || closure->thread != g_thread_self () ||
      !sprout_home_usable (closure->home))
    return;
  ctx = closure->home->ctx;
  if (!sprout_gclosure_params_to_js (ctx, closure, n_params, params, &self,
                                     argv, &argc, &exception)) {
    sprout_context_report_exception (ctx, exception);
    return;
  }
  result = JSObjectCallAsFunction (ctx, function,
                                   self && JSValueIsObject (ctx, self)
                                     ? (JSObjectRef) self
                                     : NULL,
                                   argc, argv, &exception);
  sprout_context_schedule_jobs (ctx);
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

typedef struct {
  SproutHome *home; /* ref */
  JSObjectRef function;
} SproutDeferredUnprotect;

static gboolean
sprout_gclosure_unprotect_idle (gpointer data)
{
  SproutDeferredUnprotect *deferred = data;

  if (sprout_home_usable (deferred->home))
    JSValueUnprotect (deferred->home->ctx, deferred->function);
  sprout_home_unref (deferred->home);
  g_free (deferred);
  return G_SOURCE_REMOVE;
}

/* Invalidation may come from any thread, or while JSC finalizes objects
 * (a token's release dropping the last reference), where calling JSC is
 * forbidden: the function is unprotected from an idle on the main context. */
static void
sprout_gclosure_invalidated (gpointer data, GClosure *gclosure)
{
  SproutGClosure *closure = (SproutGClosure *) gclosure;
  SproutDeferredUnprotect *deferred;

  if (closure->function == NULL)
    return;
  deferred = g_new (SproutDeferredUnprotect, 1);
  deferred->home = sprout_home_ref (closure->home);
  deferred->function = closure->function;
  closure->function = NULL;
  {
    g_autoptr (GSource) source = g_idle_source_new ();
    g_source_set_callback (source, sprout_gclosure_unprotect_idle, deferred,
                           NULL);
    g_source_attach (source, closure->main_context);
  }
}

static void
sprout_gclosure_finalized (gpointer data, GClosure *gclosure)
{
  SproutGClosure *closure = (SproutGClosure *) gclosure;

  sprout_home_unref (closure->home);
  g_main_context_unref (closure->main_context);
}

GClosure *
sprout_gclosure_new (JSContextRef ctx, JSObjectRef function,
                     gboolean instance_as_this)
{
  GClosure *gclosure = g_closure_new_simple (sizeof (SproutGClosure), NULL);
  SproutGClosure *closure = (SproutGClosure *) gclosure;

  closure->home = sprout_home_ref_for (ctx);
  closure->function = function;
  JSValueProtect (ctx, function);
  closure->thread = g_thread_self ();
  closure->main_context = g_main_context_ref_thread_default ();
  closure->instance_as_this = instance_as_this;
  g_closure_set_marshal (gclosure, sprout_gclosure_marshal);
  g_closure_add_invalidate_notifier (gclosure, NULL,
                                     sprout_gclosure_invalidated);
  g_closure_add_finalize_notifier (gclosure, NULL, sprout_gclosure_finalized);
  return gclosure;
}

/* ---- GClosure arguments ------------------------------------------------- */

static gboolean
sprout_in_gclosure (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                    JSValueRef *exception)
{
  GClosure *closure;

  if (sprout_js_is_nullish (ctx, value)) {
    if (self->nullable) {
      arg->v_pointer = NULL;
      return TRUE;
    }
    return sprout_arg_throw_null (ctx, self, exception);
  }
  if (!JSValueIsObject (ctx, value) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  closure = sprout_gclosure_new (ctx, (JSObjectRef) value, FALSE);
  if (self->transfer != GI_TRANSFER_NOTHING || self->c_index < 0) {
    g_closure_ref (closure);
    g_closure_sink (closure);
  }
  arg->v_pointer = closure;
  return TRUE;
}

static void
sprout_release_gclosure (const SproutArg *self, SproutInvoke *invoke,
                         GIArgument *arg)
{
  if (arg->v_pointer)
    g_closure_sink (arg->v_pointer);
}

gboolean
sprout_marshal_gclosure_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->gtype != G_TYPE_CLOSURE ||
      !arg->is_pointer)
    return FALSE;
  if (arg->direction != GI_DIRECTION_IN && arg->c_index >= 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "%s: GClosure out arguments are not supported",
                 arg->name ? arg->name : "?");
    return FALSE;
  }
  arg->in = sprout_in_gclosure;
  if (arg->transfer == GI_TRANSFER_NOTHING && arg->c_index >= 0)
    arg->release_in = sprout_release_gclosure;
  return TRUE;
}
