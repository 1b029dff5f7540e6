/* engine.h: the JavaScriptCore functions Sprout needs that WebKit exports
 * without public headers, plus engine start-up.
 *
 * They are bound in one place (engine.c, as weak references resolved by the
 * dynamic linker at start-up) and published through `sprout_engine`.
 * meson.build checks at configure time that the library exports every one of
 * them; if a run-time library lacks one anyway, the pointer stays NULL,
 * sprout_engine_init() says which feature is degraded, and callers test the
 * pointer (or use the wrappers below, which do).
 */
#pragma once

#include <stdbool.h>

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct OpaqueJSWeak *SproutJSWeakRef;

typedef struct SproutJSMarker SproutJSMarker;
struct SproutJSMarker {
  bool (*is_marked) (SproutJSMarker *marker, JSObjectRef object);
  void (*mark) (SproutJSMarker *marker, JSObjectRef object);
};
typedef void (*SproutJSMarkingConstraint) (SproutJSMarker *marker, void *data);
typedef void (*SproutJSHeapFinalizer) (JSContextGroupRef group, void *data);

typedef struct {
  void (*initialize_main_thread) (void);
  void (*synchronous_gc) (JSContextRef ctx);
  void (*set_unhandled_rejection_callback) (JSGlobalContextRef ctx,
                                            JSObjectRef function,
                                            JSValueRef *exception);
  void (*add_marking_constraint) (JSContextGroupRef group,
                                  SproutJSMarkingConstraint constraint,
                                  void *data);
  void (*add_heap_finalizer) (JSContextGroupRef group,
                              SproutJSHeapFinalizer finalizer, void *data);
  SproutJSWeakRef (*weak_create) (JSContextGroupRef group, JSObjectRef object);
  JSObjectRef (*weak_get_object) (SproutJSWeakRef weak);
  void (*weak_release) (JSContextGroupRef group, SproutJSWeakRef weak);
  void (*lock) (JSContextRef ctx);
  void (*unlock) (JSContextRef ctx);
  JSStringRef (*create_backtrace) (JSContextRef ctx, unsigned max_frames);
  /* JSC::VM::drainMicrotasks(); `this` is the VM, which is what a
   * JSContextGroupRef points to. */
  void (*drain_microtasks) (void *vm);
  /* Native memory a new JS value keeps alive, so that the collector counts
   * it towards its next collection. */
  void (*report_extra_memory) (JSContextRef ctx, size_t size);
} SproutEngineApi;

/* Filled by sprout_engine_init(); members are NULL where unavailable. */
extern SproutEngineApi sprout_engine;

/* Resolves the private API and initialises WTF's main thread, so that JSC's
 * GC timers, incremental sweeper and FinalizationRegistry callbacks are
 * scheduled on the thread-default GMainContext of this (the main) thread.
 * Must run before the first JSC call. Idempotent. */
void sprout_engine_init (void);

/* Runs the promise jobs and other microtasks queued so far. JSC runs them
 * only when the outermost API call returns; this runs them from inside a
 * native call too (e.g. while JS waits in GLib.MainLoop.run()). Must be
 * called with no JS frames above the current native frame that expect
 * microtasks not to run (i.e. from a main-loop dispatch). */
void sprout_engine_drain_microtasks (JSContextRef ctx);

/* The engine's (recursive) lock, where the engine has it. C code outside
 * JS (a signal emitted from C, a main-loop callback) must hold it while it
 * reads a JS value that only a weak reference or a plain pointer keeps:
 * taking it runs the end of a collection that is due, and makes the
 * collection under way scan this thread's stack again (JSC rescans only
 * the stacks of threads that had heap access since its last scan), so a
 * value read under it and kept on the stack is found. */
static inline void
sprout_engine_lock (JSContextRef ctx)
{
  if (sprout_engine.lock)
    sprout_engine.lock (ctx);
}

static inline void
sprout_engine_unlock (JSContextRef ctx)
{
  if (sprout_engine.unlock)
    sprout_engine.unlock (ctx);
}

/* The object of @weak, read under the engine's lock (see above). */
JSObjectRef sprout_engine_weak_get (JSContextRef ctx, SproutJSWeakRef weak);

/* Runs a full, synchronous garbage collection (falls back to the
 * JSGarbageCollect() hint if the private call is missing), after letting
 * the optimizing compilers drop the values they hold (engine-jit.c). */
void sprout_engine_collect_garbage (JSContextRef ctx);

/* Gives the memory that malloc and JSC's allocator hold free back to the
 * system (System.gc(): without it, the RSS after an explicit collection
 * still counted everything it freed — the wrappers of 100k objects that
 * only C held, 100 bytes each, until something else reused the memory). */
void sprout_engine_release_free_memory (void);

/* Waits (bounded) for JSC's compiler threads and installs the compiled
 * plans, whose pending compilations keep values alive: engine-jit.c. */
void sprout_engine_settle_jit (JSContextRef ctx);

/* An interned JSStringRef for @name, a string literal (compared by
 * address), created once and kept for the process: main thread. Property
 * names looked up on hot paths should use it: every temporary JSStringRef
 * is two small allocations in JSC's allocator, and when they interleave
 * with long-lived wrapper data they pin its pages (measured: +65 bytes of
 * RSS per live wrapper for each temporary name per wrapper creation). */
JSStringRef sprout_engine_static_string (const char *name);
/* Host functions (engine-host.c): a JS function running @callback with the
 * C API's conventions, but called by JSC directly, without the C API's lock
 * dropping (about 12 ns per call instead of 75). @data is for @callback
 * (sprout_engine_function_data); @destroy frees it when the function is
 * forgotten. Falls back to an ordinary C API function when the start-up
 * probe failed. Never NULL. */
JSObjectRef sprout_engine_make_function (JSContextRef ctx, const char *name,
                                         JSObjectCallAsFunctionCallback callback,
                                         gpointer data, GDestroyNotify destroy);

/* The data of @function if sprout_engine_make_function() made it with
 * @callback, else NULL. Cheap (one hash lookup). */
gpointer sprout_engine_function_data (JSObjectRef function,
                                      JSObjectCallAsFunctionCallback callback);

/* A number naming @function's current entry (never reused), or 0. */
guint64 sprout_engine_function_serial (JSObjectRef function);

/* Drops @function's table entry (running its destroy notify) if it is still
 * the one @serial names. For finalizers of collected functions: by then the
 * address may already belong to a newer function, whose entry must stay.
 * Does not call JSC. */
void sprout_engine_function_forget (JSObjectRef function, guint64 serial);

/* Checks, once, that host functions work on this library (see
 * engine-host.c) and enables them. Needs sprout_js_fast_init() first. */
void sprout_engine_host_probe (JSContextRef ctx);

gboolean sprout_engine_has_host_functions (void);

G_END_DECLS
