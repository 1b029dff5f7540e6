/* test-toggle.c: the toggle queue of gc/toggle.c, alone (no gi/).
 *
 * A wrapper links a GObject through a toggle reference. Toggle notifications
 * from other threads wait in a queue for the main thread; these tests check
 * that the queue never outlives the objects in it, and that a link outlives
 * an object finalized under its wrapper (issue #4) without touching it:
 * run them under ASan or valgrind (see the README) for that part. */
#include <glib-object.h>

#include "context.h"
#include "engine.h"
#include "roots.h"
#include "toggle.h"
#include "token.h"

/* JSC's eden collection, for the test of what one reaps. */
extern void JSSynchronousEdenCollectForDebugging (JSContextRef)
  __attribute__ ((weak));

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
  sprout_toggle_flush (); /* main-thread unrooting is queued too */
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
  sprout_toggle_flush (); /* main-thread unrooting is queued too */
  g_assert_false (sprout_toggle_is_rooted (object));
  sprout_toggle_release (object, generation);
  g_assert_null (object);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links - 1);
}

/* Links @object to a wrapper that nothing holds, in its own frame so that
 * no copy of it stays on the stack, and gives the caller's reference up. */
G_NO_INLINE static void
attach_unheld (JSContextRef ctx, GObject *object)
{
  sprout_toggle_attach (ctx, object, JSObjectMake (ctx, NULL, NULL));
  g_object_unref (object);
  sprout_toggle_flush ();
}

/* Skips a test whose wrapper a stale stack copy kept alive. The object
 * lives on after the test: its weak pointer to the test's stack variable
 * must go, or its finalization in a later test writes into that test's
 * frame (it did, under ASan, where the stack keeps more copies). */
static void
skip_kept_alive (GObject *object, GObject **weak_pointer)
{
  g_object_remove_weak_pointer (object, (gpointer *) weak_pointer);
  g_test_skip ("the conservative stack scan kept the wrapper alive");
}

/* Collects until @object's wrapper is gone (the stack is scanned
 * conservatively, so a stale copy may keep it a few times): FALSE if it
 * never went. */
static gboolean
collect_wrapper (JSContextRef ctx, GObject *object)
{
  for (guint i = 0; i < 20 && sprout_toggle_get_wrapper (object); i++)
    sprout_engine_collect_garbage (ctx);
  return sprout_toggle_get_wrapper (object) == NULL;
}

/* The end of the collection that took a wrapper queues its release, which
 * drops the object once it runs. */
static void
test_collected_wrapper_released (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  sprout_token_drain_releases ();
  g_object_add_weak_pointer (object, (gpointer *) &object);
  attach_unheld (fixture->ctx, object);
  if (!collect_wrapper (fixture->ctx, object)) {
    skip_kept_alive (object, &object);
    return;
  }
  g_assert_nonnull (object); /* the release waits for the main context */
  g_assert_cmpuint (sprout_token_pending_releases (), ==, 1);
  sprout_token_drain_releases ();
  g_assert_null (object);
  /* Later collections do not queue it again. */
  sprout_engine_collect_garbage (fixture->ctx);
  g_assert_cmpuint (sprout_token_pending_releases (), ==, 0);
}

/* An eden collection (only objects made since the last collection) reaps
 * the wrappers it took: the links attached since then are looked at. */
static void
test_eden_collection_reaps (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

  if (JSSynchronousEdenCollectForDebugging == NULL) {
    g_object_unref (object);
    g_test_skip ("no eden collection in this engine");
    return;
  }
  /* The constraint tells eden collections from full ones by objects it
   * made; make them old, with the rest. */
  sprout_roots_ensure_constraint (fixture->ctx);
  sprout_engine_collect_garbage (fixture->ctx);
  sprout_token_drain_releases ();
  g_object_add_weak_pointer (object, (gpointer *) &object);
  attach_unheld (fixture->ctx, object);
  for (guint i = 0; i < 20 && sprout_toggle_get_wrapper (object); i++)
    JSSynchronousEdenCollectForDebugging (fixture->ctx);
  if (sprout_toggle_get_wrapper (object)) {
    skip_kept_alive (object, &object);
    return;
  }
  g_assert_cmpuint (sprout_token_pending_releases (), ==, 1);
  sprout_token_drain_releases ();
  g_assert_null (object);
}

/* A wrapper collected while its release waits, then a new wrapper: the
 * old release must leave the toggle reference to the new one. */
static void
test_stale_release_keeps_new_wrapper (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint generation;

  sprout_token_drain_releases ();
  g_object_add_weak_pointer (object, (gpointer *) &object);
  attach_unheld (fixture->ctx, object);
  if (!collect_wrapper (fixture->ctx, object)) {
    skip_kept_alive (object, &object);
    return;
  }
  g_object_ref (object); /* C hands the object to JS again */
  generation = attach_and_drop (fixture->ctx, object);
  sprout_token_drain_releases (); /* the old wrapper's */
  g_assert_nonnull (object);
  g_assert_nonnull (sprout_toggle_get_wrapper (object));
  sprout_toggle_release (object, 0); /* never attached: ignored */
  g_assert_nonnull (object);
  sprout_toggle_release (object, generation); /* as if collected */
  g_assert_null (object);
}

/* Links @object to a new wrapper through the token API (reserve + attach),
 * gives the caller's reference up, and returns the link. */
static SproutLink *
link_and_drop (JSContextRef ctx, GObject *object)
{
  JSObjectRef wrapper = JSObjectMake (ctx, NULL, NULL);
  SproutLink *link;

  JSObjectSetPropertyAtIndex (ctx, JSContextGetGlobalObject (ctx),
                              wrapper_slot++, wrapper, NULL);
  link = sprout_toggle_reserve (ctx, object);
  sprout_toggle_attach_link (ctx, link, wrapper);
  g_object_unref (object);
  sprout_toggle_flush (); /* main-thread unrooting is queued too */
  return link;
}

static void
expect_finalized_report (void)
{
  g_test_expect_message ("Gjs", G_LOG_LEVEL_CRITICAL,
                         "Object 0x* of type GObject has been finalized while "
                         "it was still owned by gjs, *");
}

/* An extra unref finalizes the object under its wrapper: the link says so,
 * remembers the type and address, is reported once, and its token's
 * release frees it without touching the object. */
static void
test_finalized_under_wrapper (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  gpointer address = object;
  guint links = sprout_toggle_count_links ();
  SproutLink *link = link_and_drop (fixture->ctx, object);

  g_assert_cmpuint (sprout_toggle_count_links (), ==, links + 1);
  g_assert_true (sprout_link_object (link) == object);
  g_assert_false (sprout_link_is_finalized (link));
  g_object_unref (object); /* the wrapper's reference: a bug, survived */
  g_assert_true (sprout_link_is_finalized (link));
  g_assert_true (sprout_link_is_disposed (link));
  g_assert_null (sprout_link_object (link));
  g_assert_true (sprout_link_address (link) == address);
  g_assert_true (sprout_link_gtype (link) == G_TYPE_OBJECT);

  expect_finalized_report ();
  sprout_toggle_report_finalized ();
  g_test_assert_expected_messages ();
  sprout_toggle_report_finalized (); /* once: a second critical is fatal */
  sprout_toggle_release_link (link, 1);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links);
}

static gpointer
unref_twice (gpointer object)
{
  g_object_unref (object);
  g_object_unref (object);
  return NULL;
}

/* Another thread drops the reference that rooted the wrapper and then the
 * wrapper's own: the object is finalized there. The main context unroots
 * the wrapper, and the release reports the bug since nothing did yet. */
static void
test_finalized_on_other_thread (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint links = sprout_toggle_count_links ();
  SproutLink *link = link_and_drop (fixture->ctx, object);

  g_object_ref (object);
  g_assert_true (sprout_toggle_is_rooted (object));
  g_thread_join (g_thread_new ("unref", unref_twice, object));
  g_assert_true (sprout_link_is_finalized (link));
  sprout_toggle_flush ();
  g_assert_false (link->rooted);
  expect_finalized_report ();
  sprout_toggle_release_link (link, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links);
  sprout_toggle_report_finalized (); /* freed links are not reported */
}

/* A token whose wrapper was never made (wrap() failed) gives its count
 * back: the link goes, and the object keeps no toggle reference. */
static void
test_unattached_reservation (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  guint links = sprout_toggle_count_links ();
  SproutLink *link = sprout_toggle_reserve (fixture->ctx, object);

  g_assert_true (sprout_toggle_reserve (fixture->ctx, object) == link);
  sprout_toggle_release_link (link, 1);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links + 1);
  sprout_toggle_release_link (link, 1);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, links);
  g_assert_null (sprout_toggle_get_wrapper (object));
  g_object_add_weak_pointer (object, (gpointer *) &object);
  g_object_unref (object);
  g_assert_null (object);
}

/* A lazy link holds a plain reference: other holders never root its
 * wrapper, and its release drops the reference (finalizing an object that
 * nobody else holds). */
static void
test_lazy_link_plain_reference (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  JSObjectRef wrapper = JSObjectMake (fixture->ctx, NULL, NULL);
  SproutLink *link;

  JSObjectSetPropertyAtIndex (fixture->ctx,
                              JSContextGetGlobalObject (fixture->ctx),
                              wrapper_slot++, wrapper, NULL);
  link = sprout_toggle_reserve (fixture->ctx, object);
  sprout_toggle_attach_link_lazy (fixture->ctx, link, wrapper);
  g_assert_true (sprout_toggle_is_lazy (object));
  g_assert_cmpuint (object->ref_count, ==, 2); /* ours and the caller's */
  g_assert_false (sprout_toggle_is_rooted (object));
  g_assert_true (sprout_toggle_get_wrapper (object) == wrapper);
  g_object_unref (object);
  sprout_toggle_flush ();
  g_assert_false (sprout_toggle_is_rooted (object));
  g_object_add_weak_pointer (object, (gpointer *) &object);
  sprout_toggle_release_link (link, 1);
  g_assert_null (object);
}

/* A lazy link switched to a toggle reference (a signal handler was
 * connected) roots its wrapper exactly while another holder exists, and its
 * release then drops the toggle reference. */
static void
test_lazy_link_to_toggle (Fixture *fixture, gconstpointer data)
{
  GObject *object = g_object_new (G_TYPE_OBJECT, NULL);
  JSObjectRef wrapper = JSObjectMake (fixture->ctx, NULL, NULL);
  SproutLink *link;

  JSObjectSetPropertyAtIndex (fixture->ctx,
                              JSContextGetGlobalObject (fixture->ctx),
                              wrapper_slot++, wrapper, NULL);
  link = sprout_toggle_reserve (fixture->ctx, object);
  sprout_toggle_attach_link_lazy (fixture->ctx, link, wrapper);
  sprout_toggle_use_toggle_ref (object);
  g_assert_false (sprout_toggle_is_lazy (object));
  g_assert_cmpuint (object->ref_count, ==, 2); /* the toggle and the caller's */
  g_assert_true (sprout_toggle_is_rooted (object));
  g_object_unref (object);
  sprout_toggle_flush (); /* main-thread unrooting is queued too */
  g_assert_false (sprout_toggle_is_rooted (object));
  g_object_add_weak_pointer (object, (gpointer *) &object);
  sprout_toggle_release_link (link, 1);
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
  g_test_add ("/toggle/collected-wrapper-released", Fixture, NULL,
              fixture_set_up, test_collected_wrapper_released,
              fixture_tear_down);
  g_test_add ("/toggle/eden-collection-reaps", Fixture, NULL, fixture_set_up,
              test_eden_collection_reaps, fixture_tear_down);
  g_test_add ("/toggle/stale-release-keeps-new-wrapper", Fixture, NULL,
              fixture_set_up, test_stale_release_keeps_new_wrapper,
              fixture_tear_down);
  g_test_add ("/toggle/finalized-under-wrapper", Fixture, NULL, fixture_set_up,
              test_finalized_under_wrapper, fixture_tear_down);
  g_test_add ("/toggle/finalized-on-other-thread", Fixture, NULL,
              fixture_set_up, test_finalized_on_other_thread,
              fixture_tear_down);
  g_test_add ("/toggle/unattached-reservation", Fixture, NULL, fixture_set_up,
              test_unattached_reservation, fixture_tear_down);
  g_test_add ("/toggle/lazy-link-plain-reference", Fixture, NULL,
              fixture_set_up, test_lazy_link_plain_reference,
              fixture_tear_down);
  g_test_add ("/toggle/lazy-link-to-toggle", Fixture, NULL, fixture_set_up,
              test_lazy_link_to_toggle, fixture_tear_down);
  return g_test_run ();
}
