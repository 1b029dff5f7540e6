/* engine-jit.c: lets JavaScriptCore's optimizing compilers let go of values
 * before a collection that must really collect (System.gc()).
 *
 * When a function gets hot, JSC starts a DFG (or FTL) compilation on a
 * "JITWorker" thread and hands the plan the values of the frame that
 * triggered it (its "must handle values": `this`, the arguments and, for a
 * loop entry, the locals). The collector marks them for as long as the plan
 * sits in the worklist: while the worker compiles it, and after, until the
 * main thread installs the code. That happens only when some baseline
 * function next reaches its own optimization threshold, which may be never.
 * So `new Widget(); System.gc();` kept the widget alive whenever the
 * construction happened to push one of the runtime's own functions over its
 * threshold (measured: a GJS spec that needs the widget collected failed in
 * about 1 run in 4; 20 of 20 passed with the concurrent JIT disabled).
 *
 * No exported function drains the worklist, so this file does what JSC
 * itself waits for: it lets the workers finish (they are idle once none of
 * the threads named "JITWorker" is running), then runs a fresh function
 * with a loop long enough to pass its own optimization threshold, whose
 * tier-up check installs every compiled plan of the VM on the way.
 * Linux only (/proc); elsewhere, or if the workers stay busy, it gives up
 * after a bounded wait and the collection is as good as the engine's.
 */
#include "engine.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

/* Bounds the wait for busy compiler threads: a DFG or FTL compilation
 * takes 0.1 to a few ms here (JSC_reportDFGCompileTimes). */
#define SPROUT_JIT_WAIT_US (200 * 1000)
#define SPROUT_JIT_POLL_US 100

/* TRUE if the thread whose /proc folder is @task is a JIT worker that is
 * running (state R) rather than waiting for work. */
static gboolean
sprout_jit_task_is_busy_worker (const char *task)
{
  char path[64], comm[32] = "", stat[256];
  const char *close_paren;
  FILE *file;
  gboolean busy = FALSE;

  g_snprintf (path, sizeof path, "/proc/self/task/%s/comm", task);
  file = fopen (path, "re");
  if (file == NULL)
    return FALSE;
  if (fgets (comm, sizeof comm, file) == NULL)
    comm[0] = '\0';
  fclose (file);
  if (strncmp (comm, "JITWorker", 9) != 0)
    return FALSE;

  g_snprintf (path, sizeof path, "/proc/self/task/%s/stat", task);
  file = fopen (path, "re");
  if (file == NULL)
    return FALSE;
  if (fgets (stat, sizeof stat, file) != NULL) {
    /* "tid (name) S ...": the state follows the last parenthesis. */
    close_paren = strrchr (stat, ')');
    busy = close_paren != NULL && close_paren[1] == ' ' &&
           close_paren[2] == 'R';
  }
  fclose (file);
  return busy;
}

/* TRUE if any JIT worker is running; FALSE also where /proc is missing. */
static gboolean
sprout_jit_workers_busy (void)
{
  GDir *tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;
  gboolean busy = FALSE;

  if (tasks == NULL)
    return FALSE;
  while (!busy && (task = g_dir_read_name (tasks)) != NULL)
    busy = sprout_jit_task_is_busy_worker (task);
  g_dir_close (tasks);
  return busy;
}

static void
sprout_jit_wait_for_workers (void)
{
  gint64 deadline = g_get_monotonic_time () + SPROUT_JIT_WAIT_US;

  while (sprout_jit_workers_busy () && g_get_monotonic_time () < deadline)
    g_usleep (SPROUT_JIT_POLL_US);
}

/* Runs a function that JSC has not seen run before (a new function object
 * has fresh tier-up counters) through enough loop iterations to reach its
 * baseline code's optimization check, which first installs all the plans
 * that are ready. */
static void
sprout_jit_install_ready_plans (JSContextRef ctx)
{
  static const char body[] =
    "let sum = 0;"
    "for (let i = 0; i < 50000; i++) sum = (sum + i) | 0;"
    "return sum;";
  JSStringRef source = JSStringCreateWithUTF8CString (body);
  JSValueRef ignored = NULL;
  JSObjectRef flush;

  flush = JSObjectMakeFunction (ctx, NULL, 0, NULL, source, NULL, 1,
                                &ignored);
  JSStringRelease (source);
  if (flush != NULL)
    JSObjectCallAsFunction (ctx, flush, NULL, 0, NULL, &ignored);
}

void
sprout_engine_settle_jit (JSContextRef ctx)
{
  sprout_jit_wait_for_workers ();
  sprout_jit_install_ready_plans (ctx);
}
