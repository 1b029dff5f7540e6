/* test-host-functions.c: natives as JSC host functions (engine-host.c).
 *
 * Host functions must be makeable with no engine lock held (natives for a
 * class are made when C first wraps one of its objects, e.g. from a
 * main-loop callback, outside any JS call): JSC's internals abort when they
 * allocate without the lock. They must see their arguments, `this` and data
 * as C API functions do, throw what their callback puts in *exception, and
 * free their data once forgotten.
 */
#include <glib.h>

#include "context.h"
#include "engine.h"
#include "js-util.h"

static SproutContext *context;
static guint freed;

static JSValueRef
sum_callback (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
              size_t argc, const JSValueRef argv[], JSValueRef *exception)
{
  double *base = sprout_engine_function_data (function, sum_callback);
  double sum = *base;

  for (size_t i = 0; i < argc; i++)
    sum += JSValueToNumber (ctx, argv[i], NULL);
  if (sum < 0) {
    *exception = JSValueMakeNumber (ctx, sum);
    return NULL;
  }
  return JSValueMakeNumber (ctx, sum);
}

static void
count_free (gpointer data)
{
  freed++;
  g_free (data);
}

static JSObjectRef
make_sum (JSContextRef ctx, double base)
{
  double *data = g_new (double, 1);

  *data = base;
  return sprout_engine_make_function (ctx, "sum", sum_callback, data,
                                      count_free);
}

static void
test_made_without_lock (void)
{
  JSContextRef ctx = sprout_context_get_js (context);

  /* Enough allocations that JSC takes its allocation slow path (which
   * checks heap access) many times. */
  for (guint i = 0; i < 200000; i++) {
    JSObjectRef function = make_sum (ctx, i);
    if (i % 50000 == 0) {
      JSValueRef args[2] = { JSValueMakeNumber (ctx, 1),
                             JSValueMakeNumber (ctx, 2) };
      JSValueRef result =
        JSObjectCallAsFunction (ctx, function, NULL, 2, args, NULL);
      g_assert_cmpfloat (JSValueToNumber (ctx, result, NULL), ==, i + 3);
    }
    sprout_engine_function_forget (function,
                                   sprout_engine_function_serial (function));
  }
  g_assert_cmpuint (freed, ==, 200000);
}

static void
test_calls_and_throws (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  JSObjectRef function = make_sum (ctx, 10);
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef exception = NULL, value;
  g_autofree char *text = NULL;

  sprout_js_set (ctx, global, "hostSum", function, 0, NULL);
  value = sprout_js_evaluate (ctx,
                              "[hostSum(1, 2), hostSum.call(null), "
                              "hostSum.apply(null, [5]), hostSum.name, "
                              "(() => { try { hostSum(-20); } "
                              "catch (e) { return e; } })()].join()",
                              -1, "test", 1, &exception);
  g_assert_null (exception);
  text = sprout_js_value_to_utf8 (ctx, value, NULL);
  g_assert_cmpstr (text, ==, "13,10,15,sum,-10");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = sprout_context_new (NULL);
  g_test_add_func ("/host-functions/made-without-lock", test_made_without_lock);
  g_test_add_func ("/host-functions/calls-and-throws", test_calls_and_throws);
  status = g_test_run ();
  g_clear_pointer (&context, sprout_context_free);
  return status;
}
