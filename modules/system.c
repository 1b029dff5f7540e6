/* system.c: the `system` module (imports.system), GJS's process-level API. */
#include "modules-private.h"

#include "context.h"
#include "engine.h"
#include "js-util.h"
#include "modules.h"

#include <math.h>
#include <time.h>

#include "object.h"
#include "toggle.h"
#include "token.h"

static JSValueRef
sprout_system_exit (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                    size_t argc, const JSValueRef argv[],
                    JSValueRef *exception)
{
  double code = 0;

  if (argc > 0 && !JSValueIsUndefined (ctx, argv[0])) {
    JSValueRef local = NULL;
    code = JSValueToNumber (ctx, argv[0], &local);
    if (local) {
      *exception = local;
      return NULL;
    }
    if (isnan (code) || code != floor (code) || code < G_MININT32 ||
        code > G_MAXINT32)
      return sprout_js_throw (ctx, exception, "TypeError",
                              "exit(): argument 1 must be an integer");
  }
  sprout_context_exit (sprout_context_from_js (ctx), (int) code);
}

static JSValueRef
sprout_system_gc (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                  size_t argc, const JSValueRef argv[], JSValueRef *exception)
{
  /* Wrappers whose objects only JS holds now are unrooted first. */
  sprout_toggle_flush ();
  sprout_engine_collect_garbage (ctx);
  /* What the collection freed is released now, as GJS does within its
   * collection, not at the next idle; then objects finalized under a
   * wrapper are reported, whether or not the conservative collector kept
   * their wrapper. */
  sprout_token_drain_if_pending ();
  sprout_toggle_report_finalized ();
  sprout_engine_release_free_memory ();
  return JSValueMakeUndefined (ctx);
}

/* "0x..." for a pointer, as GJS prints addresses. */
static JSValueRef
sprout_system_address (JSContextRef ctx, gconstpointer pointer)
{
  g_autofree char *text = g_strdup_printf ("%p", pointer);

  return sprout_js_value_from_utf8 (ctx, text);
}

static JSValueRef
sprout_system_address_of (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  if (argc < 1 || !JSValueIsObject (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "addressOf(): argument 1 must be an object");
  return sprout_system_address (ctx, argv[0]);
}

/* The GObject behind a wrapper, or NULL with GJS's error. */
static GObject *
sprout_system_gobject_arg (JSContextRef ctx, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  JSValueRef ignored = NULL;
  GObject *object = NULL;

  if (argc > 0 && JSValueIsObject (ctx, argv[0]))
    object = sprout_object_from_js (ctx, argv[0], G_TYPE_OBJECT, "object",
                                    &ignored);
  if (object == NULL)
    sprout_js_throw (ctx, exception, "Error", "Object %p is not a GObject",
                     argc > 0 ? (gconstpointer) argv[0] : NULL);
  return object;
}

static JSValueRef
sprout_system_address_of_gobject (JSContextRef ctx, JSObjectRef function,
                                  JSObjectRef self, size_t argc,
                                  const JSValueRef argv[],
                                  JSValueRef *exception)
{
  GObject *object = sprout_system_gobject_arg (ctx, argc, argv, exception);

  return object ? sprout_system_address (ctx, object) : NULL;
}

/* The GObject's reference count, less the one its wrapper holds (as
 * GJS counts it: a fresh object reports 1). */
static JSValueRef
sprout_system_refcount (JSContextRef ctx, JSObjectRef function,
                        JSObjectRef self, size_t argc, const JSValueRef argv[],
                        JSValueRef *exception)
{
  GObject *object = sprout_system_gobject_arg (ctx, argc, argv, exception);

  if (object == NULL)
    return NULL;
  return JSValueMakeNumber (ctx, g_atomic_int_get (&object->ref_count));
}

/* dumpHeap(path) and dumpMemoryInfo(path): what the engine lets us see,
 * written to @path (an error naming it if it cannot be written). */
static JSValueRef
sprout_system_dump (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                    const char *what, JSValueRef *exception)
{
  g_autofree char *path = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;

  if (argc < 1 || JSValueIsUndefined (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s(): a file path is required", what);
  path = sprout_js_value_to_utf8 (ctx, argv[0], exception);
  if (path == NULL)
    return NULL;
  text = g_strdup_printf ("# %s\n\nLive GObject wrappers: %u\n", what,
                          sprout_toggle_count_links ());
  if (!g_file_set_contents (path, text, -1, &error))
    return sprout_js_throw (ctx, exception, "Error", "%s(%s): %s", what, path,
                            error->message);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_system_dump_heap (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc, const JSValueRef argv[],
                         JSValueRef *exception)
{
  return sprout_system_dump (ctx, argc, argv, "dumpHeap", exception);
}

static JSValueRef
sprout_system_dump_memory_info (JSContextRef ctx, JSObjectRef function,
                                JSObjectRef self, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_system_dump (ctx, argc, argv, "dumpMemoryInfo", exception);
}

/* JSC keeps no per-context date caches to clear; GJS's API stays. */
static JSValueRef
sprout_system_clear_date_caches (JSContextRef ctx, JSObjectRef function,
                                 JSObjectRef self, size_t argc,
                                 const JSValueRef argv[], JSValueRef *exception)
{
  tzset ();
  return JSValueMakeUndefined (ctx);
}

static void
sprout_system_constant (JSContextRef ctx, JSObjectRef module, const char *name,
                        JSValueRef value)
{
  sprout_js_set (ctx, module, name, value,
                 kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete,
                 NULL);
}

JSObjectRef
sprout_module_system_define (JSContextRef ctx, JSValueRef *exception)
{
  SproutContext *context = sprout_context_from_js (ctx);
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);
  JSValueRef argv;

  sprout_js_define_function (ctx, module, "exit", sprout_system_exit);
  sprout_js_define_function (ctx, module, "gc", sprout_system_gc);
  sprout_js_define_function (ctx, module, "addressOf",
                             sprout_system_address_of);
  sprout_js_define_function (ctx, module, "addressOfGObject",
                             sprout_system_address_of_gobject);
  sprout_js_define_function (ctx, module, "refcount", sprout_system_refcount);
  sprout_js_define_function (ctx, module, "dumpHeap", sprout_system_dump_heap);
  sprout_js_define_function (ctx, module, "dumpMemoryInfo",
                             sprout_system_dump_memory_info);
  sprout_js_define_function (ctx, module, "clearDateCaches",
                             sprout_system_clear_date_caches);
  sprout_system_constant (
    ctx, module, "programInvocationName",
    sprout_js_value_from_utf8 (
      ctx, sprout_context_get_program_invocation_name (context)));
  sprout_system_constant (
    ctx, module, "programPath",
    sprout_js_value_from_utf8 (ctx,
                               sprout_context_get_program_path (context)));
  /* The same array as the global ARGV, as in GJS. */
  argv = sprout_js_get (ctx, JSContextGetGlobalObject (ctx), "ARGV", NULL);
  sprout_system_constant (
    ctx, module, "programArgs",
    argv && JSValueIsArray (ctx, argv)
      ? argv
      : sprout_js_array_from_strv (ctx, sprout_context_get_argv (context)));
  sprout_system_constant (ctx, module, "version",
                          JSValueMakeNumber (ctx, SPROUT_GJS_API_VERSION));
  return module;
}
