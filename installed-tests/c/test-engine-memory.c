/* test-engine-memory.c: System.gc() gives back to the system the memory a
 * collection freed (sprout_engine_release_free_memory()): malloc's free
 * chunks inside its heap (GObjects, links, qdata) and the pages JSC's
 * allocator kept for reuse. Without it, the RSS after an explicit
 * collection counted everything freed. */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "context.h"
#include "engine.h"
#include "js-util.h"

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

/* 40 MB of small blocks freed in the middle of the heap (the last one is
 * kept, so free() alone cannot give the top back). */
static void
test_malloc_free_chunks (void)
{
  enum { N = 200000, SIZE = 200 };
  gpointer *blocks = g_new (gpointer, N);
  gpointer last;
  long before, grown, after;

  sprout_engine_release_free_memory ();
  before = rss_kb ();
  for (guint i = 0; i < N; i++)
    memset (blocks[i] = g_malloc (SIZE), 1, SIZE);
  last = g_malloc (SIZE); /* above the blocks */
  grown = rss_kb () - before;
  for (guint i = 0; i < N; i++)
    g_free (blocks[i]);
  sprout_engine_release_free_memory ();
  after = rss_kb () - before;
  g_test_message ("grew by %ld kB, %ld kB left", grown, after);
  g_assert_cmpint (grown, >, 20000);
  g_assert_cmpint (after, <, grown / 2);
  g_free (last);
  g_free (blocks);
}

/* 40 MB of JS objects, collected. */
static void
test_js_heap (void)
{
  SproutContext *context = sprout_context_new (NULL);
  JSContextRef ctx = sprout_context_get_js (context);
  JSValueRef exception = NULL;
  long before, grown, after;

  sprout_engine_collect_garbage (ctx);
  sprout_engine_release_free_memory ();
  before = rss_kb ();
  sprout_js_evaluate (ctx,
                      "globalThis.garbage = [];"
                      "for (let i = 0; i < 50000; i++)"
                      "  garbage.push({i, data: new Array(100).fill(i)});",
                      -1, "test", 1, &exception);
  g_assert_null (exception);
  sprout_engine_collect_garbage (ctx);
  grown = rss_kb () - before;
  sprout_js_evaluate (ctx, "globalThis.garbage = null", -1, "test", 1,
                      &exception);
  sprout_engine_collect_garbage (ctx);
  sprout_engine_release_free_memory ();
  after = rss_kb () - before;
  g_test_message ("grew by %ld kB, %ld kB left", grown, after);
  g_assert_cmpint (grown, >, 20000);
  g_assert_cmpint (after, <, grown / 2);
  sprout_context_free (context);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#ifdef __SANITIZE_ADDRESS__
  /* Its allocator replaces malloc's, and JSC's then uses it too. */
  g_test_skip ("AddressSanitizer's allocator keeps freed memory");
  return g_test_run ();
#endif
  g_test_add_func ("/engine-memory/malloc-free-chunks",
                   test_malloc_free_chunks);
  g_test_add_func ("/engine-memory/js-heap", test_js_heap);
  return g_test_run ();
}
