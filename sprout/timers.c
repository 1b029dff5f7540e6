/* timers.c: setTimeout/setInterval/clearTimeout/clearInterval on the GLib
 * main context.
 *
 * Each timer is a GSource on the thread-default main context; the callback
 * and its extra arguments are protected from the GC for as long as the timer
 * is pending, like any event-source root. Timers fire only while the main
 * context is iterated (by a running GLib.MainLoop or the context's spin),
 * and do not by themselves keep a script alive, as in GJS.
 */
#include "context-private.h"

#include <math.h>

#include "js-util.h"

typedef struct {
  SproutContext *context;
  guint id;
  guint source_id;
  gboolean repeat;
  JSObjectRef callback;
  JSObjectRef arguments; /* an Array of the extra arguments */
} SproutTimer;

static guint sprout_timers_next_id = 1;

static void
sprout_timer_free (gpointer data)
{
  SproutTimer *timer = data;
  JSContextRef ctx = timer->context->js;

  if (timer->source_id)
    g_source_remove (timer->source_id);
  JSValueUnprotect (ctx, timer->callback);
  JSValueUnprotect (ctx, timer->arguments);
  g_free (timer);
}

static gboolean
sprout_timer_fire (gpointer data)
{
  SproutTimer *timer = data;
  SproutContext *context = timer->context;
  JSContextRef ctx = context->js;
  JSValueRef exception = NULL;
  /* On the stack: the array keeps the arguments alive once the timer that
   * protected it is freed (a one-shot's, before the call). */
  JSObjectRef arguments = timer->arguments;
  JSValueRef length = sprout_js_get (ctx, arguments, "length", NULL);
  size_t argc = (size_t) JSValueToNumber (ctx, length, NULL);
  g_autofree JSValueRef *argv = g_new0 (JSValueRef, argc + 1);
  JSObjectRef callback = timer->callback;
  gboolean repeat = timer->repeat;
  guint id = timer->id;

  for (size_t i = 0; i < argc; i++)
    argv[i] = JSObjectGetPropertyAtIndex (ctx, arguments, i, NULL);
  if (!repeat) {
    /* One-shot: the source ends with this dispatch. Keep the callback alive
     * across the call, then forget the timer. */
    JSValueProtect (ctx, callback);
    timer->source_id = 0;
    g_hash_table_remove (context->timers, GUINT_TO_POINTER (id));
  }
  JSObjectCallAsFunction (ctx, callback, NULL, argc, argv, &exception);
  if (!repeat)
    JSValueUnprotect (ctx, callback);
  if (exception)
    sprout_context_report_exception (ctx, exception);
  sprout_context_schedule_jobs (ctx);
  if (!repeat)
    return G_SOURCE_REMOVE;
  /* clearInterval() from the callback freed the timer and its source. */
  return g_hash_table_contains (context->timers, GUINT_TO_POINTER (id))
           ? G_SOURCE_CONTINUE
           : G_SOURCE_REMOVE;
}

static guint
sprout_timers_delay (JSContextRef ctx, size_t argc, const JSValueRef argv[])
{
  double delay = argc > 1 ? JSValueToNumber (ctx, argv[1], NULL) : 0;

  if (isnan (delay) || delay < 0)
    return 0;
  if (delay > G_MAXINT32)
    return G_MAXINT32;
  return (guint) delay;
}

static JSValueRef
sprout_timers_add (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                   gboolean repeat, JSValueRef *exception)
{
  SproutTimer *timer;
  const char *what = repeat ? "setInterval" : "setTimeout";

  if (argc < 1 || !JSValueIsObject (ctx, argv[0]) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s: callback must be a function", what);
  timer = g_new0 (SproutTimer, 1);
  timer->context = sprout_context_from_js (ctx);
  timer->id = sprout_timers_next_id++;
  timer->repeat = repeat;
  timer->callback = (JSObjectRef) argv[0];
  timer->arguments =
    JSObjectMakeArray (ctx, argc > 2 ? argc - 2 : 0, argc > 2 ? argv + 2 : NULL,
                       NULL);
  JSValueProtect (ctx, timer->callback);
  JSValueProtect (ctx, timer->arguments);
  timer->source_id = g_timeout_add_full (
    G_PRIORITY_DEFAULT, sprout_timers_delay (ctx, argc, argv),
    sprout_timer_fire, timer, NULL);
  g_hash_table_insert (timer->context->timers, GUINT_TO_POINTER (timer->id),
                       timer);
  return JSValueMakeNumber (ctx, timer->id);
}

static JSValueRef
sprout_timers_set_timeout (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_timers_add (ctx, argc, argv, FALSE, exception);
}

static JSValueRef
sprout_timers_set_interval (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_timers_add (ctx, argc, argv, TRUE, exception);
}

static JSValueRef
sprout_timers_js_clear (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                     size_t argc, const JSValueRef argv[],
                     JSValueRef *exception)
{
  double id = argc > 0 ? JSValueToNumber (ctx, argv[0], NULL) : 0;

  if (id >= 1 && id <= G_MAXUINT && id == floor (id))
    g_hash_table_remove (sprout_context_from_js (ctx)->timers,
                         GUINT_TO_POINTER ((guint) id));
  return JSValueMakeUndefined (ctx);
}

void
sprout_timers_define (SproutContext *context)
{
  JSContextRef ctx = context->js;
  JSObjectRef global = context->global;

  context->timers =
    g_hash_table_new_full (NULL, NULL, NULL, sprout_timer_free);
  sprout_js_define_function (ctx, global, "setTimeout",
                             sprout_timers_set_timeout);
  sprout_js_define_function (ctx, global, "setInterval",
                             sprout_timers_set_interval);
  sprout_js_define_function (ctx, global, "clearTimeout", sprout_timers_js_clear);
  sprout_js_define_function (ctx, global, "clearInterval",
                             sprout_timers_js_clear);
}

void
sprout_timers_clear (SproutContext *context)
{
  g_clear_pointer (&context->timers, g_hash_table_unref);
}
