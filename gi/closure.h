/* closure.h: native function pointers that call JS functions.
 *
 * A SproutClosure is a libffi closure made for a GICallableInfo (a callback
 * type) whose handler converts the C arguments to JS with the callable's
 * marshalling plan (arg-cache.h), calls a JS function and converts the result
 * and out arguments back. It protects the JS function while it lives.
 *
 * Lifetime is a reference count that the owners decide (marshal-callback.c
 * maps GI scopes onto it). The last unref frees the closure at once, or, if
 * the closure is executing, from an idle on its main context once the
 * invocation has returned: an ffi closure is never freed under its own feet.
 * A closure outliving its JS context (or invoked on another thread) refuses
 * to run, logs why, and returns a zeroed value to C.
 */
#pragma once

#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

#include "arg-cache.h"

G_BEGIN_DECLS

/* How a value lies in C memory, as a GITypeTag: a scalar's own tag (UNICHAR
 * as UINT32), VOID for any pointer, INTERFACE for what cannot be stored (a
 * struct by value). */
typedef GITypeTag SproutStorage;
#define SPROUT_STORAGE_POINTER GI_TYPE_TAG_VOID
#define SPROUT_STORAGE_NONE GI_TYPE_TAG_INTERFACE
/* A caller-allocated out argument: C passes the memory (a GValue or a
 * struct of known size), which the result is copied into. */
#define SPROUT_STORAGE_CALLER_ALLOCATED GI_TYPE_TAG_ERROR

/* The plan of a callback type, seen from the callback's side: C's `in`
 * arguments reach JS through their `out` marshallers, and the return value
 * and out arguments come back through the `in` ones. Built by
 * marshal-callback.c on first use of the type and kept for the process. */
typedef struct {
  GICallableInfo *info; /* owned */
  SproutCallable callable;
  GError *error;          /* why closures of this type cannot be made */
  guint n_js_out;         /* values JS returns (return + out arguments) */
  guint n_instance;       /* 1 for vfuncs: C passes the instance first */
  SproutStorage *storage; /* by C index; the return value at [n_args] */
  /* Freed closures of this type kept for reuse with their ffi closure
   * (closure.c); main thread only. */
  GPtrArray *spares;
} SproutCallbackPlan;

/* The plan of the callback type @info (never NULL; check ->error). */
SproutCallbackPlan *sprout_callback_plan_get (GICallableInfo *info);

/* Whether a callback argument is passed to JS: not hidden (array length,
 * user_data of an inner callback...) and not a gpointer, as in GJS. */
gboolean sprout_callback_arg_visible (const SproutArg *arg);

typedef struct _SproutClosure SproutClosure;

/* Makes a closure of the C type @info (a GICallbackInfo) that calls
 * @function in the global context of @ctx. Holds one reference. NULL with
 * @error if closures of this signature are not supported; the error is
 * decided once per callback type. */
SproutClosure *sprout_closure_new (JSContextRef ctx, GICallableInfo *info,
                                   JSObjectRef function, GError **error);

/* The C function pointer. */
gpointer sprout_closure_get_native (SproutClosure *closure);

/* The live closure whose C function pointer is @native, or NULL. */
SproutClosure *sprout_closure_lookup (gpointer native);

SproutClosure *sprout_closure_ref (SproutClosure *closure);
void sprout_closure_unref (SproutClosure *closure);

/* A GDestroyNotify for C: drops one reference on (SproutClosure *) @data.
 * Safe from any thread (the unref then happens on the closure's main
 * context). */
void sprout_closure_destroy_notify (gpointer data);

/* Drops one reference once the first invocation has returned (GI's
 * scope async). */
void sprout_closure_release_after_first_call (SproutClosure *closure);

/* Closures not freed yet, including those whose free is pending on the
 * main context. For leak checks in tests. */
guint sprout_closure_count_live (void);

G_END_DECLS
