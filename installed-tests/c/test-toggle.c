/* test-toggle.c: the toggle queue of gc/toggle.c, alone (no gi/).
 *
 * A wrapper links a GObject through a toggle reference. Toggle notifications
 * from other threads wait in a queue for the main thread; these tests check
 * that the queue never outlives the objects in it. */
#include <glib-object.h>

#include "context.h"
#include "toggle.h"

static unsigned wrapper_slot;

typedef struct {
  SproutContext *context;
  JSContextRef ctx;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  fixture->context = sprout_context_new (NULL);
  fixture->ctx = sprout_context_get_js (fixture->context);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_pointer (&fixture->context, sprout_context_free);
}

static gpointer
ref_and_unref (gpointer object)
{
  g_object_unref (g_object_ref (object));
  return NULL;
}

/* Links @object to a new wrapper and gives the caller's reference up, as a
 * wrapper that C no longer holds: the toggle ref is the only one left. */
static guint
attach_and_drop (JSContextRef ctx, GObject *object)
{
  JSObjectRef wrapper = JSObjectMake (ctx, NULL, NULL);
  guint generation;

  /* Kept alive by the context's global for the test's duration. */
  JSObjectSetPropertyAtIndex (ctx, JSContextGetGlobalObject (ctx),
                              wrapper_slot++, wrapper, NULL);
  generation = sprout_toggle_attach (ctx, object, wrapper);

  g_object_unref (object);
  return generation;
}

/* Another thread takes and drops a reference (two queued notifications),
 * then the wrapper's release drops the last reference before the main
 * context ran the queue: flushing must not touch the finalized object. */
static void
test_release_cancels_queued_toggles (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint generation = attach_and_drop (fixture->ctx, object);

  g_object_add_weak_pointer (object, (gpointer *) &object);
  g_thread_join (g_thread_new ("toggler", ref_and_unref, object));
  g_assert_nonnull (object);
  sprout_toggle_release (object, generation);
  g_assert_null (object); /* finalized */
  sprout_toggle_flush ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gpointer
take_ref (gpointer object)
{
  return g_object_ref (object);
}

/* A queued "up" from a thread that still holds the object roots the
 * wrapper when the main thread applies it, not before; the thread's "down"
 * unroots, after which the token's release frees the object. */
static void
test_queued_toggle_roots_wrapper (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint generation = attach_and_drop (fixture->ctx, object);
  guint links;

  g_thread_join (g_thread_new ("ref", take_ref, object));
  g_assert_false (sprout_toggle_is_rooted (object)); /* queued */
  sprout_toggle_flush ();
  g_assert_true (sprout_toggle_is_rooted (object));
  links = sprout_toggle_count_links ();

  g_object_add_weak_pointer (object, (gpointer *) &object);
  g_object_unref (object); /* the thread's reference, on this thread */
  g_assert_false (sprout_toggle_is_rooted (object));
  sprout_toggle_release (object, generation);
  g_assert_null (object);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links - 1);
}

/* A wrapper collected while its release waits, then a new wrapper: the
 * stale release must leave the toggle reference to the new one. */
static void
test_stale_release_keeps_new_wrapper (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint old_generation, generation;

  g_object_add_weak_pointer (object, (gpointer *) &object);
  old_generation = attach_and_drop (fixture->ctx, object);
  g_object_ref (object); /* as sprout_object_to_js() holds it */
  generation = attach_and_drop (fixture->ctx, object);
  sprout_toggle_release (object, old_generation); /* stale */
  g_assert_nonnull (object);
  g_assert_nonnull (sprout_toggle_get_wrapper (object));
  sprout_toggle_release (object, 0); /* never attached: ignored */
  g_assert_nonnull (object);
  sprout_toggle_release (object, generation);
  g_assert_null (object);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/toggle/release-cancels-queued-toggles", Fixture, NULL,
              fixture_set_up, test_release_cancels_queued_toggles,
              fixture_tear_down);
  g_test_add ("/toggle/queued-toggle-roots-wrapper", Fixture, NULL,
              fixture_set_up, test_queued_toggle_roots_wrapper,
              fixture_tear_down);
  g_test_add ("/toggle/stale-release-keeps-new-wrapper", Fixture, NULL,
              fixture_set_up, test_stale_release_keeps_new_wrapper,
              fixture_tear_down);
  return g_test_run ();
}
