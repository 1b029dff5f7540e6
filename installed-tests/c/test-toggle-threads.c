/* test-toggle-threads.c: the toggle queue of gc/toggle.c under worker
 * threads that take and drop references on wrapped objects while the main
 * context runs.
 *
 * Toggle notifications from other threads must wait for the main context
 * (a worker never roots or unroots a wrapper itself), a link waits at most
 * once however often it is toggled (so opposite notifications cancel and
 * the queue stays bounded), and nothing crashes or leaks when token
 * releases drop toggle references while workers still toggle: run it under
 * ASan (see the README) to check the last part. */
#include <glib-object.h>

#include "context.h"
#include "engine.h"
#include "toggle.h"

#define N_OBJECTS 64
#define N_WORKERS 4

typedef struct {
  SproutContext *context;
  JSContextRef ctx;
  GObject *objects[N_OBJECTS];
  guint generations[N_OBJECTS];
  guint base_links;
  /* Workers take a reference only under this lock and only on objects not
   * marked released: the main thread marks an object before its release
   * may drop the last reference we own. */
  GMutex lock;
  gboolean released[N_OBJECTS];
} Fixture;

typedef struct {
  Fixture *fixture;
  guint seed;
  guint rounds; /* when stop is NULL */
  gint *stop;   /* atomic */
  gint *finished; /* atomic counter, incremented at the end */
} Worker;

static unsigned wrapper_slot;

/* Links every object to a wrapper that only the global keeps (so it is
 * never collected during the test) and gives up the creation reference:
 * the toggle ref is all that is left, and the wrapper is unrooted. */
static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  JSObjectRef global;

  g_mutex_init (&fixture->lock);
  fixture->context = sprout_context_new (NULL);
  fixture->ctx = sprout_context_get_js (fixture->context);
  global = JSContextGetGlobalObject (fixture->ctx);
  fixture->base_links = sprout_toggle_count_links ();
  for (guint i = 0; i < N_OBJECTS; i++) {
    JSObjectRef wrapper = JSObjectMake (fixture->ctx, NULL, NULL);
    GObject *object = g_object_new (G_TYPE_OBJECT, NULL);

    JSObjectSetPropertyAtIndex (fixture->ctx, global, wrapper_slot++, wrapper,
                                NULL);
    fixture->generations[i] =
      sprout_toggle_attach (fixture->ctx, object, wrapper);
    g_object_unref (object);
    fixture->objects[i] = object;
    g_object_add_weak_pointer (object, (gpointer *) &fixture->objects[i]);
  }
  sprout_toggle_flush (); /* main-thread unrooting is queued too */
}

static void
iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Releases every token as the GC would, then checks that every object was
 * finalized and every link freed. */
static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  iterate_main_context ();
  for (guint i = 0; i < N_OBJECTS; i++) {
    if (fixture->objects[i])
      sprout_toggle_release (fixture->objects[i], fixture->generations[i]);
  }
  for (guint i = 0; i < N_OBJECTS; i++)
    g_assert_null (fixture->objects[i]);
  g_assert_cmpuint (sprout_toggle_count_links (), ==, fixture->base_links);
  iterate_main_context ();
  g_assert_cmpuint (sprout_toggle_count_pending (), ==, 0);
  g_clear_pointer (&fixture->context, sprout_context_free);
  g_mutex_clear (&fixture->lock);
}

static gpointer
ref_all (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < N_OBJECTS; i++)
    g_object_ref (fixture->objects[i]);
  return NULL;
}

static gpointer
unref_all (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < N_OBJECTS; i++)
    g_object_unref (fixture->objects[i]);
  return NULL;
}

static void
run_workers (GThreadFunc func, gpointer data)
{
  GThread *threads[N_WORKERS];

  for (guint i = 0; i < N_WORKERS; i++)
    threads[i] = g_thread_new ("toggler", func, data);
  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);
}

static guint
count_rooted (Fixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < N_OBJECTS; i++)
    n += sprout_toggle_is_rooted (fixture->objects[i]);
  return n;
}

/* Workers' references root the wrappers only when the main context runs,
 * and dropping them unroots only then too. */
static void
test_applied_on_main_context (Fixture *fixture, gconstpointer data)
{
  run_workers (ref_all, fixture);
  g_assert_cmpuint (count_rooted (fixture), ==, 0);
  g_assert_cmpuint (sprout_toggle_count_pending (), ==, N_OBJECTS);
  iterate_main_context ();
  g_assert_cmpuint (count_rooted (fixture), ==, N_OBJECTS);
  g_assert_cmpuint (sprout_toggle_count_pending (), ==, 0);

  run_workers (unref_all, fixture);
  g_assert_cmpuint (count_rooted (fixture), ==, N_OBJECTS);
  iterate_main_context ();
  g_assert_cmpuint (count_rooted (fixture), ==, 0);
}

static gpointer
ref_unref_many (gpointer data)
{
  Fixture *fixture = data;

  for (guint round = 0; round < 20000; round++) {
    GObject *object = fixture->objects[round % N_OBJECTS];
    g_object_unref (g_object_ref (object));
  }
  return NULL;
}

/* Many opposite notifications per object leave one pending entry each,
 * which re-evaluates to "unrooted". */
static void
test_opposite_toggles_cancel (Fixture *fixture, gconstpointer data)
{
  run_workers (ref_unref_many, fixture);
  g_assert_cmpuint (sprout_toggle_count_pending (), <=, N_OBJECTS);
  iterate_main_context ();
  g_assert_cmpuint (sprout_toggle_count_pending (), ==, 0);
  g_assert_cmpuint (count_rooted (fixture), ==, 0);
}

/* A new reference on object @i, or NULL once the main thread released
 * it. */
static GObject *
take_ref_unless_released (Fixture *fixture, guint i)
{
  GObject *object = NULL;

  g_mutex_lock (&fixture->lock);
  if (!fixture->released[i])
    object = g_object_ref (fixture->objects[i]);
  g_mutex_unlock (&fixture->lock);
  return object;
}

/* Random references held for a while, from every worker. */
static gpointer
toggle_randomly (gpointer data)
{
  Worker *worker = data;
  GRand *rand = g_rand_new_with_seed (worker->seed);
  GObject *held[8] = { NULL };

  for (guint round = 0;
       worker->stop ? !g_atomic_int_get (worker->stop) : round < worker->rounds;
       round++) {
    guint slot = g_rand_int_range (rand, 0, G_N_ELEMENTS (held));

    g_clear_object (&held[slot]);
    held[slot] = take_ref_unless_released (
      worker->fixture, g_rand_int_range (rand, 0, N_OBJECTS));
  }
  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    g_clear_object (&held[i]);
  g_rand_free (rand);
  g_atomic_int_inc (worker->finished);
  return NULL;
}

/* Workers toggle while the main context applies the queue and the engine
 * collects garbage; at the end every object is back to one reference
 * (ours) and unrooted. */
static void
test_stress_with_main_loop (Fixture *fixture, gconstpointer data)
{
  Worker workers[N_WORKERS];
  GThread *threads[N_WORKERS];
  gint finished = 0;

  for (guint i = 0; i < N_WORKERS; i++) {
    workers[i] = (Worker) { fixture, 1 + i, 50000, NULL, &finished };
    threads[i] = g_thread_new ("toggler", toggle_randomly, &workers[i]);
  }
  for (guint spins = 0; g_atomic_int_get (&finished) < N_WORKERS; spins++) {
    iterate_main_context ();
    if (spins % 256 == 0)
      sprout_engine_collect_garbage (fixture->ctx);
    g_thread_yield ();
  }
  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);
  iterate_main_context ();
  g_assert_cmpuint (count_rooted (fixture), ==, 0);
  for (guint i = 0; i < N_OBJECTS; i++)
    g_assert_cmpuint (fixture->objects[i]->ref_count, ==, 1);
}

/* Releases object @i as a collected wrapper's token would, once its wrapper
 * is unrooted; TRUE once done. */
static gboolean
release_when_unrooted (Fixture *fixture, guint i)
{
  guint generation = fixture->generations[i];

  if (generation == 0)
    return TRUE;
  if (sprout_toggle_is_rooted (fixture->objects[i]))
    return FALSE;
  g_mutex_lock (&fixture->lock);
  fixture->released[i] = TRUE;
  g_mutex_unlock (&fixture->lock);
  fixture->generations[i] = 0;
  sprout_toggle_release (fixture->objects[i], generation);
  return TRUE;
}

/* The main thread's token releases drop the toggle references while
 * workers still take and drop references: notifications may be on their way
 * for links that are freed meanwhile, and the last reference may go on a
 * worker. Nothing may crash or touch freed memory. */
static void
test_release_while_toggling (Fixture *fixture, gconstpointer data)
{
  Worker workers[N_WORKERS];
  GThread *threads[N_WORKERS];
  gint stop = 0, finished = 0;
  guint done = 0;

  for (guint i = 0; i < N_WORKERS; i++) {
    workers[i] = (Worker) { fixture, 100 + i, 0, &stop, &finished };
    threads[i] = g_thread_new ("toggler", toggle_randomly, &workers[i]);
  }
  for (guint round = 0; round < 20; round++) {
    iterate_main_context ();
    g_usleep (500);
  }
  for (guint spins = 0; done < N_OBJECTS && spins < 1000000; spins++) {
    iterate_main_context ();
    done = 0;
    for (guint i = 0; i < N_OBJECTS; i++)
      done += release_when_unrooted (fixture, i);
  }
  g_assert_cmpuint (done, ==, N_OBJECTS);
  g_atomic_int_set (&stop, 1);
  for (guint i = 0; i < N_WORKERS; i++)
    g_thread_join (threads[i]);
  iterate_main_context ();
  for (guint i = 0; i < N_OBJECTS; i++)
    g_assert_null (fixture->objects[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/toggle-threads/applied-on-main-context", Fixture, NULL,
              fixture_set_up, test_applied_on_main_context, fixture_tear_down);
  g_test_add ("/toggle-threads/opposite-toggles-cancel", Fixture, NULL,
              fixture_set_up, test_opposite_toggles_cancel, fixture_tear_down);
  g_test_add ("/toggle-threads/stress-with-main-loop", Fixture, NULL,
              fixture_set_up, test_stress_with_main_loop, fixture_tear_down);
  g_test_add ("/toggle-threads/release-while-toggling", Fixture, NULL,
              fixture_set_up, test_release_while_toggling, fixture_tear_down);
  return g_test_run ();
}
