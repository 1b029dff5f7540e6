/* engine-host.c: native functions that JavaScriptCore calls directly.
 *
 * A function made by JSObjectMakeFunctionWithCallback costs about 75 ns per
 * call, most of it in the C API's JSLock::DropAllLocks around the callback
 * (measured: a host function that only adds two numbers costs 12 ns; the
 * same host function dropping and retaking the locks costs 98 ns). JSC's own
 * built-ins are "host functions": a plain C function that gets the global
 * object and the call frame, called by the JIT through a thunk, with the
 * lock held. JSC::JSFunction::create() makes one from any such function, and
 * libjavascriptcoregtk exports it, with JSC::VM::throwException() to throw
 * from one.
 *
 * Every host function made here shares one trampoline. It finds what to run
 * in a table keyed by the callee (the JSFunction, which JSC never moves),
 * reads the arguments in place from the call frame (no copy), runs the
 * ordinary C API callback, and turns its `*exception` into a throw. Callbacks
 * therefore run exactly as under the C API — same ctx, same argument values,
 * same convention (NULL = exception pending) — except that the lock stays
 * held: nested API calls take it recursively, a native that re-enters JS
 * does not drain microtasks either way (the outer lock holder, or the lock
 * drop depth, prevents it), and no other thread uses this VM. A native that
 * runs a main loop (GLib.MainLoop.run) runs it holding the lock, as JSC's
 * own blocking built-ins do; JSC's timers that fire meanwhile (GC,
 * sweeping, FinalizationRegistry) take it recursively on this thread, and
 * sprout_engine_drain_microtasks() works as before. The lock must also be
 * held to make a host function (sprout_host_create), which C does from
 * main-loop callbacks too.
 *
 * The layout of the call frame and of the name argument are not public. At
 * start-up, sprout_engine_host_probe() makes a probe function, calls it
 * through the API with known arguments and a known `this`, and checks what
 * the trampoline saw and that its exception came back; if anything differs,
 * or a symbol is missing, every function made here is an ordinary C API
 * function instead (same table, same callbacks), only slower.
 */
#include "engine.h"

#include <stdint.h>

#include "js-fast.h"
#include "js-util.h"

#define SPROUT_WEAK __attribute__ ((weak))

/* A WTF::String: one pointer to its StringImpl. */
typedef struct {
  void *impl;
} SproutWTFString;

typedef gint64 (*SproutHostNative) (void *global, void *frame);

extern void *
_ZN3JSC10JSFunction6createERNS_2VMEPNS_14JSGlobalObjectEjRKN3WTF6StringENS5_11FunctionPtrILNS5_6PtrTagE1EFlS4_PNS_9CallFrameEELNS5_18FunctionAttributesE2EEENS_24ImplementationVisibilityENS_9IntrinsicESF_PKNS_6DOMJIT9SignatureE (
  void *vm, void *global, unsigned length, const SproutWTFString *name,
  SproutHostNative function, int visibility, int intrinsic,
  SproutHostNative constructor, const void *signature) SPROUT_WEAK;
extern void _ZN3JSC2VM14throwExceptionEPNS_14JSGlobalObjectENS_7JSValueE (
  void *vm, void *global, guint64 value) SPROUT_WEAK;
extern gint64
_ZN3JSC29callHostFunctionAsConstructorEPNS_14JSGlobalObjectEPNS_9CallFrameE (
  void *global, void *frame) SPROUT_WEAK;

#define sprout_jsc_function_create                                            \
  _ZN3JSC10JSFunction6createERNS_2VMEPNS_14JSGlobalObjectEjRKN3WTF6StringENS5_11FunctionPtrILNS5_6PtrTagE1EFlS4_PNS_9CallFrameEELNS5_18FunctionAttributesE2EEENS_24ImplementationVisibilityENS_9IntrinsicESF_PKNS_6DOMJIT9SignatureE
#define sprout_jsc_throw _ZN3JSC2VM14throwExceptionEPNS_14JSGlobalObjectENS_7JSValueE
#define sprout_jsc_not_a_constructor                                          \
  _ZN3JSC29callHostFunctionAsConstructorEPNS_14JSGlobalObjectEPNS_9CallFrameE

/* CallFrameSlot (JSC/interpreter/CallFrame.h), in 8-byte registers. */
enum {
  SPROUT_FRAME_CALLEE = 3,
  SPROUT_FRAME_ARGC = 4, /* argumentCountIncludingThis, low 32 bits */
  SPROUT_FRAME_THIS = 5,
  SPROUT_FRAME_FIRST_ARG = 6,
};

/* OpaqueJSString: a 4-byte reference count, then its WTF::String. */
#define SPROUT_JSSTRING_STRING_OFFSET 8

typedef struct {
  JSObjectCallAsFunctionCallback callback;
  gpointer data;
  GDestroyNotify destroy;
  guint64 serial; /* unique per entry, for sprout_engine_function_forget() */
} SproutHostEntry;

static guint64 sprout_host_serial;

/* The table: JSObjectRef -> SproutHostEntry, open addressing with linear
 * probing (a GHashTable lookup was a tenth of a whole GI call). Removal
 * leaves a tombstone; the table grows (and drops tombstones) at 1/2 load. */
typedef struct {
  JSObjectRef key;
  SproutHostEntry *entry; /* NULL with a key: tombstone */
} SproutHostSlot;

static SproutHostSlot *sprout_host_slots;
static gsize sprout_host_mask;  /* capacity - 1, capacity a power of 2 */
static gsize sprout_host_used;  /* live entries and tombstones */
static gboolean sprout_host_enabled;
/* The entry the trampoline is running (see sprout_engine_function_data). */
static JSObjectRef sprout_host_current_callee;
static SproutHostEntry *sprout_host_current;

static inline gsize
sprout_host_hash (JSObjectRef key)
{
  /* Cells are 16-byte aligned; Fibonacci hashing spreads the rest. */
  return (gsize) ((((guint64) (uintptr_t) key >> 4) *
                   G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 20);
}

static inline SproutHostEntry *
sprout_host_lookup (JSObjectRef function)
{
  if (G_UNLIKELY (sprout_host_slots == NULL))
    return NULL;
  for (gsize i = sprout_host_hash (function) & sprout_host_mask;;
       i = (i + 1) & sprout_host_mask) {
    SproutHostSlot *slot = &sprout_host_slots[i];
    if (slot->key == function)
      return slot->entry;
    if (slot->key == NULL)
      return NULL;
  }
}

static void sprout_host_insert (JSObjectRef function, SproutHostEntry *entry);

static void
sprout_host_grow (void)
{
  SproutHostSlot *old = sprout_host_slots;
  gsize old_capacity = old ? sprout_host_mask + 1 : 0;
  gsize live = 0, capacity = 64;

  for (gsize i = 0; i < old_capacity; i++)
    live += old[i].entry != NULL;
  while (capacity < live * 4)
    capacity *= 2;
  sprout_host_slots = g_new0 (SproutHostSlot, capacity);
  sprout_host_mask = capacity - 1;
  sprout_host_used = 0;
  for (gsize i = 0; i < old_capacity; i++)
    if (old[i].entry)
      sprout_host_insert (old[i].key, old[i].entry);
  g_free (old);
}

static void sprout_host_entry_free (gpointer data);

/* Sets @function's entry, freeing the one it replaces. */
static void
sprout_host_insert (JSObjectRef function, SproutHostEntry *entry)
{
  SproutHostSlot *tombstone = NULL;
  gsize i;

  if (sprout_host_slots == NULL || (sprout_host_used + 1) * 2 > sprout_host_mask + 1)
    sprout_host_grow ();
  for (i = sprout_host_hash (function) & sprout_host_mask;;
       i = (i + 1) & sprout_host_mask) {
    SproutHostSlot *slot = &sprout_host_slots[i];
    if (slot->key == function) {
      if (sprout_host_current == slot->entry)
        sprout_host_current_callee = NULL;
      if (slot->entry)
        sprout_host_entry_free (slot->entry);
      slot->entry = entry;
      return;
    }
    if (slot->key != NULL && slot->entry == NULL && tombstone == NULL)
      tombstone = slot;
    if (slot->key == NULL) {
      if (tombstone == NULL) {
        tombstone = slot;
        sprout_host_used++;
      }
      tombstone->key = function;
      tombstone->entry = entry;
      return;
    }
  }
}

static void
sprout_host_remove (JSObjectRef function)
{
  for (gsize i = sprout_host_hash (function) & sprout_host_mask;;
       i = (i + 1) & sprout_host_mask) {
    SproutHostSlot *slot = &sprout_host_slots[i];
    if (slot->key == function) {
      SproutHostEntry *entry = slot->entry;
      slot->entry = NULL; /* tombstone: later keys may have probed past */
      if (sprout_host_current == entry)
        sprout_host_current_callee = NULL;
      if (entry)
        sprout_host_entry_free (entry);
      return;
    }
    if (slot->key == NULL)
      return;
  }
}

static gint64
sprout_host_trampoline (void *global, void *frame)
{
  const guint64 *registers = frame;
  JSContextRef ctx = global;
  JSObjectRef callee = (JSObjectRef) (uintptr_t) registers[SPROUT_FRAME_CALLEE];
  JSValueRef this_value =
    (JSValueRef) (uintptr_t) registers[SPROUT_FRAME_THIS];
  size_t argc = (guint32) registers[SPROUT_FRAME_ARGC] - 1;
  const JSValueRef *argv =
    (const JSValueRef *) &registers[SPROUT_FRAME_FIRST_ARG];
  SproutHostEntry *entry = sprout_host_lookup (callee);
  JSObjectRef self;
  JSValueRef exception = NULL, result;

  /* As the C API: `this` is an object, the global one for null/undefined
   * (and for other primitives, which no native of ours is called on). */
  if (sprout_js_fast_strings ? sprout_js_fast_is_object (this_value)
                             : JSValueIsObject (ctx, this_value))
    self = (JSObjectRef) this_value;
  else
    self = JSContextGetGlobalObject (ctx);
  sprout_host_current_callee = callee;
  sprout_host_current = entry;
  if (G_LIKELY (entry != NULL))
    result = entry->callback (ctx, callee, self, argc, argv, &exception);
  else /* cannot happen: entries go only with their (dead) function */
    result = sprout_js_throw (ctx, &exception, "Error",
                              "native function without its data");
  if (exception != NULL) {
    sprout_jsc_throw ((void *) JSContextGetGroup (ctx), global,
                      sprout_js_bits (exception));
    return 0; /* JSC's empty value: an exception is pending */
  }
  if (result == NULL)
    return (gint64) sprout_js_bits (JSValueMakeUndefined (ctx));
  return (gint64) sprout_js_bits (result);
}

static void
sprout_host_entry_free (gpointer data)
{
  SproutHostEntry *entry = data;

  if (entry->destroy)
    entry->destroy (entry->data);
  g_free (entry);
}

static JSObjectRef
sprout_host_create (JSContextRef ctx, const char *name, unsigned length)
{
  JSStringRef js_name = JSStringCreateWithUTF8CString (name ? name : "");
  const SproutWTFString *wtf_name =
    (const SproutWTFString *) ((const char *) js_name +
                               SPROUT_JSSTRING_STRING_OFFSET);
  JSObjectRef function;

  /* Unlike the C API, JSC's internals expect the caller to hold the lock
   * (natives are also made from main-loop callbacks, outside any call). */
  sprout_engine.lock (ctx);
  function = sprout_jsc_function_create (
    (void *) JSContextGetGroup (ctx), (void *) JSContextGetGlobalContext (ctx),
    length, wtf_name, sprout_host_trampoline, 0 /* Public */,
    0 /* NoIntrinsic */, sprout_jsc_not_a_constructor, NULL);
  sprout_engine.unlock (ctx);
  JSStringRelease (js_name);
  return function;
}

/* Fallback, and the probe's reference: the same callbacks through the API. */
static JSValueRef
sprout_host_api_trampoline (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutHostEntry *entry = sprout_host_lookup (function);

  if (G_UNLIKELY (entry == NULL))
    return sprout_js_throw (ctx, exception, "Error",
                            "native function without its data");
  return entry->callback (ctx, function, self, argc, argv, exception);
}

JSObjectRef
sprout_engine_make_function (JSContextRef ctx, const char *name,
                             JSObjectCallAsFunctionCallback callback,
                             gpointer data, GDestroyNotify destroy)
{
  SproutHostEntry *entry = g_new (SproutHostEntry, 1);
  JSObjectRef function;

  if (sprout_host_enabled) {
    function = sprout_host_create (ctx, name, 0);
  } else {
    JSStringRef js_name = JSStringCreateWithUTF8CString (name ? name : "");
    function =
      JSObjectMakeFunctionWithCallback (ctx, js_name, sprout_host_api_trampoline);
    JSStringRelease (js_name);
  }
  entry->callback = callback;
  entry->data = data;
  entry->destroy = destroy;
  entry->serial = ++sprout_host_serial;
  sprout_host_insert (function, entry);
  return function;
}

gpointer
sprout_engine_function_data (JSObjectRef function,
                             JSObjectCallAsFunctionCallback callback)
{
  /* Callbacks ask for their own data first thing: the trampoline just
   * looked it up. */
  SproutHostEntry *entry = function == sprout_host_current_callee
                             ? sprout_host_current
                             : sprout_host_lookup (function);

  return entry && entry->callback == callback ? entry->data : NULL;
}

guint64
sprout_engine_function_serial (JSObjectRef function)
{
  SproutHostEntry *entry = sprout_host_lookup (function);

  return entry ? entry->serial : 0;
}

void
sprout_engine_function_forget (JSObjectRef function, guint64 serial)
{
  SproutHostEntry *entry = sprout_host_lookup (function);

  /* The address may already belong to a newer function (see header); a
   * serial, unlike the data pointer, is never reused. */
  if (entry && entry->serial == serial)
    sprout_host_remove (function);
}

/* ---- start-up probe ----------------------------------------------------- */

typedef struct {
  JSObjectRef callee;
  JSObjectRef self;
  size_t argc;
  JSValueRef argv[3];
} SproutHostProbe;

static JSValueRef
sprout_host_probe_callback (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutHostProbe *probe = sprout_engine_function_data (
    function, sprout_host_probe_callback);

  probe->callee = function;
  probe->self = self;
  probe->argc = argc;
  for (size_t i = 0; i < argc && i < G_N_ELEMENTS (probe->argv); i++)
    probe->argv[i] = argv[i];
  if (argc == 1) {
    *exception = argv[0];
    return NULL;
  }
  return JSValueMakeNumber (ctx, 1234.5);
}

static gboolean
sprout_host_probe_run (JSContextRef ctx)
{
  SproutHostProbe probe = { NULL };
  JSObjectRef self = JSObjectMake (ctx, NULL, NULL), function;
  JSStringRef text = JSStringCreateWithUTF8CString ("probe");
  JSValueRef args[2] = { JSValueMakeNumber (ctx, 42), JSValueMakeString (ctx, text) };
  JSValueRef result, exception = NULL;
  gboolean ok;

  JSStringRelease (text);
  function = sprout_host_create (ctx, "probe", 2);
  if (function == NULL)
    return FALSE;
  sprout_host_insert (function,
                      g_memdup2 (&(SproutHostEntry) {
                                   sprout_host_probe_callback, &probe, NULL,
                                   ++sprout_host_serial },
                                 sizeof (SproutHostEntry)));
  result = JSObjectCallAsFunction (ctx, function, self, 2, args, &exception);
  ok = exception == NULL && result && JSValueIsNumber (ctx, result) &&
       JSValueToNumber (ctx, result, NULL) == 1234.5 &&
       probe.callee == function && probe.self == self && probe.argc == 2 &&
       probe.argv[0] == args[0] && probe.argv[1] == args[1];
  if (ok) {
    result = JSObjectCallAsFunction (ctx, function, NULL, 1, args, &exception);
    ok = result == NULL && exception == args[0] && probe.argc == 1 &&
         probe.self == JSContextGetGlobalObject (ctx);
  }
  if (ok) { /* the name reached JSC intact */
    JSStringRef key = JSStringCreateWithUTF8CString ("name");
    JSValueRef name = JSObjectGetProperty (ctx, function, key, NULL);
    JSStringRef have = name ? JSValueToStringCopy (ctx, name, NULL) : NULL;
    ok = have && JSStringIsEqualToUTF8CString (have, "probe");
    if (have)
      JSStringRelease (have);
    JSStringRelease (key);
  }
  sprout_host_remove (function);
  return ok;
}

void
sprout_engine_host_probe (JSContextRef ctx)
{
  static gboolean probed;

  if (probed)
    return;
  probed = TRUE;
  if (!sprout_js_fast_values || sizeof (void *) != 8 ||
      !sprout_jsc_function_create || !sprout_jsc_throw ||
      !sprout_jsc_not_a_constructor || !sprout_engine.lock ||
      !sprout_engine.unlock) {
    g_warning ("JavaScriptCore lacks host functions: native calls will be "
               "slower");
    return;
  }
  sprout_host_enabled = sprout_host_probe_run (ctx);
  if (!sprout_host_enabled)
    g_warning ("JavaScriptCore host functions do not behave as expected: "
               "native calls will be slower");
}

gboolean
sprout_engine_has_host_functions (void)
{
  return sprout_host_enabled;
}
