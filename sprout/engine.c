/* engine.c: binds JavaScriptCore's unexported-header API at start-up.
 *
 * JSC's C API alone leaves a program without weak references, synchronous GC,
 * marking constraints and unhandled-rejection reports, and (worse) without a
 * main thread: WTF then runs its GC timers and FinalizationRegistry callbacks
 * on a private GMainContext that nobody iterates. The functions below exist in
 * libjavascriptcoregtk-4.1 with default visibility (meson.build checks that at
 * configure time). They are declared here as weak references, so the dynamic
 * linker resolves them while it loads the program — a dlsym() per symbol
 * measurably slowed start-up — and a library built without one leaves a NULL
 * that degrades one feature, loudly, instead of failing to load.
 */
#include "engine.h"

#include <malloc.h>

#define SPROUT_WEAK __attribute__ ((weak))

extern void _ZN3WTF20initializeMainThreadEv (void) SPROUT_WEAK;
extern void JSSynchronousGarbageCollectForDebugging (JSContextRef) SPROUT_WEAK;
extern void JSGlobalContextSetUnhandledRejectionCallback (
  JSGlobalContextRef, JSObjectRef, JSValueRef *) SPROUT_WEAK;
extern void JSContextGroupAddMarkingConstraint (JSContextGroupRef,
                                                SproutJSMarkingConstraint,
                                                void *) SPROUT_WEAK;
extern void JSContextGroupAddHeapFinalizer (JSContextGroupRef,
                                            SproutJSHeapFinalizer,
                                            void *) SPROUT_WEAK;
extern SproutJSWeakRef JSWeakCreate (JSContextGroupRef, JSObjectRef) SPROUT_WEAK;
extern JSObjectRef JSWeakGetObject (SproutJSWeakRef) SPROUT_WEAK;
extern void JSWeakRelease (JSContextGroupRef, SproutJSWeakRef) SPROUT_WEAK;
extern void JSLock (JSContextRef) SPROUT_WEAK;
extern void JSUnlock (JSContextRef) SPROUT_WEAK;
extern void JSReportExtraMemoryCost (JSContextRef, size_t) SPROUT_WEAK;
extern JSStringRef JSContextCreateBacktrace (JSContextRef, unsigned) SPROUT_WEAK;
extern void _ZN3JSC2VM15drainMicrotasksEv (void *) SPROUT_WEAK;
/* bmalloc::api::scavenge(): optional, no warning without it. */
extern void _ZN7bmalloc3api8scavengeEv (void) SPROUT_WEAK;

SproutEngineApi sprout_engine;

typedef struct {
  const char *symbol;
  void *address;
  const char *feature;
} SproutEngineSymbol;

static void
sprout_engine_resolve (void)
{
  const SproutEngineSymbol symbols[] = {
    { "WTF::initializeMainThread", (void *) _ZN3WTF20initializeMainThreadEv,
      "GC timers and FinalizationRegistry callbacks under the GLib main loop" },
    { "JSSynchronousGarbageCollectForDebugging",
      (void *) JSSynchronousGarbageCollectForDebugging, "System.gc()" },
    { "JSGlobalContextSetUnhandledRejectionCallback",
      (void *) JSGlobalContextSetUnhandledRejectionCallback,
      "unhandled promise rejection reports" },
    { "JSContextGroupAddMarkingConstraint",
      (void *) JSContextGroupAddMarkingConstraint,
      "tracing of JS values held by native objects" },
    { "JSContextGroupAddHeapFinalizer", (void *) JSContextGroupAddHeapFinalizer,
      "heap finalizers" },
    { "JSWeakCreate", (void *) JSWeakCreate, "weak references" },
    { "JSWeakGetObject", (void *) JSWeakGetObject, "weak references" },
    { "JSWeakRelease", (void *) JSWeakRelease, "weak references" },
    { "JSLock", (void *) JSLock, "engine locking" },
    { "JSUnlock", (void *) JSUnlock, "engine locking" },
    { "JSReportExtraMemoryCost", (void *) JSReportExtraMemoryCost,
      "collections driven by native memory (pixbufs, bytes)" },
    { "JSContextCreateBacktrace", (void *) JSContextCreateBacktrace,
      "native backtraces" },
    { "JSC::VM::drainMicrotasks", (void *) _ZN3JSC2VM15drainMicrotasksEv,
      "promise jobs while a main loop runs inside a native call" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (symbols[i].address == NULL)
      g_warning ("JavaScriptCore lacks %s: %s will not work",
                 symbols[i].symbol, symbols[i].feature);

  sprout_engine.initialize_main_thread = _ZN3WTF20initializeMainThreadEv;
  sprout_engine.synchronous_gc = JSSynchronousGarbageCollectForDebugging;
  sprout_engine.set_unhandled_rejection_callback =
    JSGlobalContextSetUnhandledRejectionCallback;
  sprout_engine.add_marking_constraint = JSContextGroupAddMarkingConstraint;
  sprout_engine.add_heap_finalizer = JSContextGroupAddHeapFinalizer;
  sprout_engine.weak_create = JSWeakCreate;
  sprout_engine.weak_get_object = JSWeakGetObject;
  sprout_engine.weak_release = JSWeakRelease;
  sprout_engine.lock = JSLock;
  sprout_engine.unlock = JSUnlock;
  sprout_engine.create_backtrace = JSContextCreateBacktrace;
  sprout_engine.drain_microtasks = _ZN3JSC2VM15drainMicrotasksEv;
  sprout_engine.report_extra_memory = JSReportExtraMemoryCost;
}

void
sprout_engine_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;
  sprout_engine_resolve ();
  if (sprout_engine.initialize_main_thread)
    sprout_engine.initialize_main_thread ();
  g_once_init_leave (&initialized, 1);
}

void
sprout_engine_collect_garbage (JSContextRef ctx)
{
  sprout_engine_settle_jit (ctx);
  if (sprout_engine.synchronous_gc)
    sprout_engine.synchronous_gc (ctx);
  else
    JSGarbageCollect (ctx);
}

void
sprout_engine_release_free_memory (void)
{
  malloc_trim (0);
  if (_ZN7bmalloc3api8scavengeEv)
    _ZN7bmalloc3api8scavengeEv ();
}

void
sprout_engine_drain_microtasks (JSContextRef ctx)
{
  if (!sprout_engine.drain_microtasks || !sprout_engine.lock)
    return;
  sprout_engine.lock (ctx);
  sprout_engine.drain_microtasks ((void *) JSContextGetGroup (ctx));
  sprout_engine.unlock (ctx);
}

JSStringRef
sprout_engine_static_string (const char *name)
{
  static GHashTable *strings; /* const char * -> JSStringRef, never freed */
  JSStringRef string;

  if (strings == NULL)
    strings = g_hash_table_new (NULL, NULL);
  string = g_hash_table_lookup (strings, name);
  if (string == NULL) {
    string = JSStringCreateWithUTF8CString (name);
    g_hash_table_insert (strings, (gpointer) name, string);
  }
  return string;
}

JSObjectRef
sprout_engine_weak_get (JSContextRef ctx, SproutJSWeakRef weak)
{
  JSObjectRef object;

  if (weak == NULL || sprout_engine.weak_get_object == NULL)
    return NULL;
  sprout_engine_lock (ctx);
  object = sprout_engine.weak_get_object (weak);
  sprout_engine_unlock (ctx);
  return object;
}
