/* test-finalization.c: proves that JavaScriptCore's deferred GC work runs
 * under a plain GLib main context once sprout_engine_init() has told WTF
 * which thread is main: FinalizationRegistry callbacks fire and WeakRefs
 * clear while only g_main_context_iteration() drives the program. */
#include <glib.h>

#include "context.h"
#include "engine.h"
#include "js-util.h"

static double
eval_number (JSContextRef ctx, const char *code)
{
  JSValueRef exception = NULL;
  JSValueRef value = sprout_js_evaluate (ctx, code, -1, "test", 1, &exception);

  g_assert_null (exception);
  return JSValueToNumber (ctx, value, NULL);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context (and collects) until @code is true. */
static gboolean
run_until (JSContextRef ctx, const char *code)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, on_timeout, &timed_out);

  while (!timed_out && eval_number (ctx, code) == 0) {
    sprout_engine_collect_garbage (ctx);
    g_main_context_iteration (NULL, TRUE);
  }
  if (!timed_out)
    g_source_remove (timeout);
  return !timed_out;
}

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_finalization_registry_under_main_loop (void)
{
  g_autoptr (SproutContext) context = sprout_context_new (NULL);
  JSContextRef ctx = sprout_context_get_js (context);
  guint tick = g_timeout_add (5, on_tick, NULL);

  eval_number (ctx,
               "globalThis.finalized = 0;"
               "globalThis.registry = new FinalizationRegistry("
               "  () => globalThis.finalized++);"
               "(function () {"
               "  for (let i = 0; i < 1000; i++)"
               "    registry.register({payload: new Array(64).fill(i)}, i);"
               "})(); 0");
  g_assert_true (run_until (ctx, "globalThis.finalized > 0 ? 1 : 0"));
  g_source_remove (tick);
}

static void
test_weak_ref_cleared_under_main_loop (void)
{
  g_autoptr (SproutContext) context = sprout_context_new (NULL);
  JSContextRef ctx = sprout_context_get_js (context);
  guint tick = g_timeout_add (5, on_tick, NULL);

  eval_number (ctx, "globalThis.ref = (() => new WeakRef({a: 1}))(); 0");
  g_assert_true (run_until (ctx, "globalThis.ref.deref() === undefined ? 1 : 0"));
  g_source_remove (tick);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/finalization-registry-under-main-loop",
                   test_finalization_registry_under_main_loop);
  g_test_add_func ("/engine/weak-ref-cleared-under-main-loop",
                   test_weak_ref_cleared_under_main_loop);
  return g_test_run ();
}
