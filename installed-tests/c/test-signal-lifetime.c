/* test-signal-lifetime.c: JS signal handlers are heap-traced from their
 * wrapper's token (gi/signals-closure.c), so the one way a handler's
 * function can die while its GObject lives must be safe: the wrapper is
 * collected while only it held the object, and C resurrects the object
 * (here from a GWeakRef) before the token's deferred release ran. The
 * closure must then see that its function is gone and do nothing (GJS
 * likewise invalidates the closures of a finalized wrapper), and a new
 * wrapper of the same object must take new handlers that work.
 */
#include <gio/gio.h>

#include "context.h"
#include "engine.h"
#include "js-util.h"
#include "object.h"
#include "toggle.h"
#include "token.h"

static SproutContext *context;

static JSValueRef
eval (JSContextRef ctx, const char *code)
{
  JSValueRef exception = NULL;
  JSValueRef value = sprout_js_evaluate (ctx, code, -1, "test", 1, &exception);

  if (exception) {
    g_autofree char *text = sprout_js_value_describe (ctx, exception);
    g_error ("unexpected exception: %s", text);
  }
  return value;
}

static double
eval_number (JSContextRef ctx, const char *code)
{
  return JSValueToNumber (ctx, eval (ctx, code), NULL);
}

/* Makes a Gio.SimpleAction whose handler captures its wrapper, and returns
 * the GObject with no reference held by the caller: only the wrapper (not
 * rooted) holds it. In its own frame, so no JS value stays on the stack. */
G_NO_INLINE static GObject *
make_action_with_cycle (JSContextRef ctx)
{
  JSValueRef wrapper = eval (ctx,
                             "(() => {"
                             "  const a = new imports.gi.Gio.SimpleAction("
                             "    {name: 'resurrected'});"
                             "  a.connect('activate', () => {"
                             "    globalThis.calls++;"
                             "    a.get_name();"
                             "  });"
                             "  return a;"
                             "})()");

  return sprout_object_from_js (ctx, wrapper, G_TYPE_OBJECT, "test", NULL);
}

static void
test_resurrected_object (void)
{
  JSContextRef ctx = sprout_context_get_js (context);
  GObject *object, *strong;
  GWeakRef weak;

  eval (ctx, "globalThis.calls = 0");
  sprout_token_drain_releases ();
  object = make_action_with_cycle (ctx);
  g_weak_ref_init (&weak, object);
  /* Collect the cycle; its release stays queued (no main loop runs, and no
   * wrapper is made meanwhile). The stack is scanned conservatively, so a
   * stale copy of the wrapper may survive a few collections. */
  for (guint i = 0; i < 20 && sprout_toggle_get_wrapper (object); i++)
    sprout_engine_collect_garbage (ctx);
  if (sprout_toggle_get_wrapper (object)) {
    g_weak_ref_clear (&weak);
    g_test_skip ("the conservative stack scan kept the wrapper alive");
    return;
  }

  strong = g_weak_ref_get (&weak); /* C resurrects the object */
  g_assert_nonnull (strong);
  sprout_token_drain_releases (); /* drops our toggle reference */
  g_assert_cmpuint (G_OBJECT (strong)->ref_count, ==, 1);

  g_action_activate (G_ACTION (strong), NULL);
  g_assert_cmpfloat (eval_number (ctx, "calls"), ==, 0);

  /* A new wrapper; new handlers work. */
  JSObjectSetProperty (ctx, JSContextGetGlobalObject (ctx),
                       sprout_engine_static_string ("again"),
                       sprout_object_to_js (ctx, strong, NULL), 0, NULL);
  eval (ctx, "again.connect('activate', () => (calls += 10))");
  g_action_activate (G_ACTION (strong), NULL);
  g_assert_cmpfloat (eval_number (ctx, "calls"), ==, 10);

  eval (ctx, "again = null");
  g_object_unref (strong);
  g_weak_ref_clear (&weak);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  context = sprout_context_new (NULL);
  g_test_add_func ("/signal-lifetime/resurrected-object",
                   test_resurrected_object);
  status = g_test_run ();
  sprout_context_free (context);
  return status;
}
