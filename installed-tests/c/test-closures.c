/* test-closures.c: lifetime of GI callback closures (gi/closure.c).
 *
 * Each scope must give back every closure it made: scope call after the C
 * call, notified when the destroy notify runs, async after the first
 * invocation (once the main context has run the deferred free), and a
 * closure whose C call never happened at once. A main-loop source that
 * outlives its JS context must be refused with a critical, not crash, and
 * still be freed. Needs the Regress typelib (GI_TYPELIB_PATH, set by meson).
 */
#include <glib.h>

#include "closure.h"
#include "context.h"
#include "js-util.h"

static double
eval_number (JSContextRef ctx, const char *code)
{
  JSValueRef exception = NULL;
  JSValueRef value = sprout_js_evaluate (ctx, code, -1, "test", 1, &exception);

  if (exception) {
    g_autofree char *text = sprout_js_value_describe (ctx, exception);
    g_error ("unexpected exception: %s", text);
  }
  return JSValueToNumber (ctx, value, NULL);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* One context for all tests: gi/ caches namespace objects per process. */
static SproutContext *context;

#define PRELUDE "var {GLib, Regress} = imports.gi; "

static void
test_scope_call (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  g_assert_cmpfloat (
    eval_number (ctx, PRELUDE "Regress.test_callback(() => 5)"), ==, 5);
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
  /* No user_data at all. */
  g_assert_cmpfloat (eval_number (ctx, PRELUDE
                                  "var n = 0;"
                                  "Regress.test_simple_callback(() => n++);"
                                  "n"),
                     ==, 1);
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

static void
test_scope_notified (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  eval_number (ctx, PRELUDE "Regress.test_callback_destroy_notify(() => 1)");
  eval_number (ctx, PRELUDE "Regress.test_callback_destroy_notify(() => 2)");
  g_assert_cmpuint (sprout_closure_count_live (), ==, start + 2);
  g_assert_cmpfloat (
    eval_number (ctx, PRELUDE "Regress.test_callback_thaw_notifications()"), ==,
    3);
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

static void
test_scope_async (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  eval_number (ctx, PRELUDE "Regress.test_callback_async(() => 44)");
  g_assert_cmpuint (sprout_closure_count_live (), ==, start + 1);
  g_assert_cmpfloat (
    eval_number (ctx, PRELUDE "Regress.test_callback_thaw_async()"), ==, 44);
  /* Freed from the main context, never under the running ffi closure. */
  g_assert_cmpuint (sprout_closure_count_live (), ==, start + 1);
  spin ();
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

static void
test_failed_call (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  /* `foo` (after the notified callback) is not a string: C never runs. */
  g_assert_cmpfloat (eval_number (ctx,
                                  PRELUDE "var threw = 0;"
                                          "try {"
                                          "  Regress.test_torture_signature_2("
                                          "    1, () => 0, 5, 1);"
                                          "} catch (e) { threw = 1; }"
                                          "threw"),
                     ==, 1);
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

static void
test_source_removed_while_running (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  eval_number (ctx,
               PRELUDE "globalThis.runs = 0;"
                       "var id = GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {"
                       "  runs++;"
                       "  GLib.source_remove(id);"
                       "  return true;"
                       "}); 0");
  g_assert_cmpuint (sprout_closure_count_live (), ==, start + 1);
  spin ();
  g_assert_cmpfloat (eval_number (ctx, "runs"), ==, 1);
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

static void
test_exception_logged (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL,
                         "*JS ERROR: Error: boom*");
  g_assert_cmpfloat (eval_number (ctx, PRELUDE "Regress.test_callback(() => {"
                                               "  throw new Error('boom');"
                                               "})"),
                     ==, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

/* Runs last: it frees the shared context. */
static void
test_context_gone (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  guint start = sprout_closure_count_live ();

  eval_number (ctx,
               PRELUDE "GLib.idle_add(GLib.PRIORITY_DEFAULT, () => true); 0");
  g_assert_cmpuint (sprout_closure_count_live (), ==, start + 1);
  g_clear_pointer (&context, sprout_context_free);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL,
                         "*Attempting to run a JS callback after its JS "
                         "context was destroyed*SourceFunc()*");
  spin ();
  g_test_assert_expected_messages ();
  /* Refused with FALSE: the source went, and its destroy notify freed the
   * closure without touching the dead VM. */
  g_assert_cmpuint (sprout_closure_count_live (), ==, start);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = sprout_context_new (NULL);
  g_test_add_func ("/closures/scope-call", test_scope_call);
  g_test_add_func ("/closures/scope-notified", test_scope_notified);
  g_test_add_func ("/closures/scope-async", test_scope_async);
  g_test_add_func ("/closures/failed-call", test_failed_call);
  g_test_add_func ("/closures/source-removed-while-running",
                   test_source_removed_while_running);
  g_test_add_func ("/closures/exception-logged", test_exception_logged);
  g_test_add_func ("/closures/context-gone", test_context_gone);
  status = g_test_run ();
  g_clear_pointer (&context, sprout_context_free);
  return status;
}
