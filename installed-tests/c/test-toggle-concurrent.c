/* test-toggle-concurrent.c: wrapper lookups while JSC's collector thread
 * collects (gc/toggle.c, gc/roots.c).
 *
 * A link points at its wrapper; the end of the collection that takes a
 * wrapper clears the pointer. When the collector thread finishes marking
 * while the main thread is outside the engine, that end (the heap
 * finalizer) waits until the main thread takes the engine's lock, and a
 * lookup in between must not hand out the dead wrapper: the engine's
 * allocator reuses its cell. Nor may a lookup outside the engine lose a
 * wrapper that the collection under way has not marked yet (JSC rescans
 * only the stacks of threads that had heap access since). Run with
 * JSC_collectContinuously=true (see meson.build), so that a collection is
 * almost always under way; before lookups took the engine's lock, this
 * failed about two runs in three. */
#include <glib-object.h>

#include "context.h"
#include "engine.h"
#include "toggle.h"
#include "token.h"

#define ROUNDS 400

static JSStringRef number_name;

/* Made in its own frame, so that no copy of the wrapper's address stays in
 * the caller's (the stack is scanned conservatively). */
static G_GNUC_NO_INLINE void
attach_numbered (JSContextRef ctx, GObject *object, int number)
{
  JSObjectRef wrapper = JSObjectMake (ctx, NULL, NULL);

  JSObjectSetProperty (ctx, wrapper, number_name,
                       JSValueMakeNumber (ctx, number), 0, NULL);
  sprout_toggle_attach (ctx, object, wrapper);
}

/* Allocates objects like the wrappers, which reuse the cells of dead ones. */
static G_GNUC_NO_INLINE void
churn (JSContextRef ctx)
{
  for (int i = 0; i < 2000; i++) {
    JSObjectRef object = JSObjectMake (ctx, NULL, NULL);

    JSObjectSetProperty (ctx, object, number_name,
                         JSValueMakeNumber (ctx, -1), 0, NULL);
  }
}

static G_GNUC_NO_INLINE gboolean
wrapper_has_number (JSContextRef ctx, GObject *object, int number)
{
  JSObjectRef wrapper = sprout_toggle_get_wrapper (object);
  JSValueRef value;

  if (wrapper == NULL)
    return TRUE; /* collected: nothing to check */
  churn (ctx);
  value = JSObjectGetProperty (ctx, wrapper, number_name, NULL);
  return JSValueIsNumber (ctx, value) &&
         JSValueToNumber (ctx, value, NULL) == number;
}

static void
test_lookup_during_collection (void)
{
  SproutContext *context = sprout_context_new (NULL);
  JSContextRef ctx = sprout_context_get_js (context);

  number_name = JSStringCreateWithUTF8CString ("number");
  for (int round = 0; round < ROUNDS; round++) {
    GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
    gint64 until;

    /* The wrapper's release keeps the object until the releases run. */
    attach_numbered (ctx, object, round);
    g_object_unref (object);
    sprout_toggle_flush ();
    /* Outside the engine while the collector works. */
    until = g_get_monotonic_time () + 2000;
    while (g_get_monotonic_time () < until)
      ;
    g_assert_true (wrapper_has_number (ctx, object, round));
    sprout_token_drain_releases ();
  }
  JSStringRelease (number_name);
  sprout_context_free (context);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sprout_engine_init ();
  g_test_add_func ("/toggle/lookup-during-collection",
                   test_lookup_during_collection);
  return g_test_run ();
}
