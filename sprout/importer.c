/* importer.c: the native half of the legacy `imports` object.
 *
 * The importer's logic (proxies that resolve `imports.foo` lazily, module
 * caching, sub-importers for folders, __init__.js, meta properties,
 * enumeration) is JavaScript, in sprout/js/bootstrap.js, compiled into the
 * binary as a GResource and evaluated once per context. It is handed a
 * `native` object with the few primitives it cannot do in JS: file access
 * (module-source.c), evaluating a module with GJS scoping (legacy-script.c),
 * native modules, logging, and the default search path.
 */
#include "context-private.h"

#include <gio/gio.h>

#include "importer.h"
#include "js-util.h"
#include "legacy-script.h"
#include "module-source.h"
#include "native-modules.h"
#include "sprout-core-resources.h"

#define IMPORTER_RESOURCE "/org/gnome/sprout/js/bootstrap.js"

static char *
sprout_importer_arg_string (JSContextRef ctx, size_t argc,
                            const JSValueRef argv[], size_t index,
                            JSValueRef *exception)
{
  if (index >= argc || !JSValueIsString (ctx, argv[index])) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "argument %zu must be a string", index + 1);
    return NULL;
  }
  return sprout_js_value_to_utf8 (ctx, argv[index], exception);
}

static JSValueRef
sprout_importer_kind (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                      size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  g_autofree char *location =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);

  if (location == NULL)
    return NULL;
  switch (sprout_module_source_kind (location)) {
  case SPROUT_MODULE_SOURCE_FILE:
    return sprout_js_value_from_utf8 (ctx, "file");
  case SPROUT_MODULE_SOURCE_DIRECTORY:
    return sprout_js_value_from_utf8 (ctx, "directory");
  case SPROUT_MODULE_SOURCE_MISSING:
  default:
    return JSValueMakeNull (ctx);
  }
}

static JSValueRef
sprout_importer_child (JSContextRef ctx, JSObjectRef function,
                       JSObjectRef self, size_t argc, const JSValueRef argv[],
                       JSValueRef *exception)
{
  g_autofree char *location =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);
  g_autofree char *name =
    location ? sprout_importer_arg_string (ctx, argc, argv, 1, exception)
             : NULL;
  g_autofree char *child = NULL;

  if (name == NULL)
    return NULL;
  child = sprout_module_source_child (location, name);
  return sprout_js_value_from_utf8 (ctx, child);
}

static JSValueRef
sprout_importer_list (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                      size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  g_autofree char *location =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);
  g_auto (GStrv) names = NULL;

  if (location == NULL)
    return NULL;
  names = sprout_module_source_list (location);
  if (names == NULL)
    return JSValueMakeNull (ctx);
  return sprout_js_array_from_strv (ctx, (const char *const *) names);
}

/* Evaluates a wrapped module source; returns the wrapper function. */
static JSObjectRef
sprout_importer_compile (JSContextRef ctx, const char *location,
                         JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wrapped = NULL;
  g_autofree char *display = sprout_module_source_display_name (location);
  JSValueRef function;
  gsize length;

  if (!sprout_module_source_read (location, &contents, &length, &error)) {
    sprout_js_throw (ctx, exception, "Error", "Could not load module %s: %s",
                     display, error->message);
    return NULL;
  }
  wrapped = sprout_legacy_script_wrap (contents, length, &error);
  if (wrapped == NULL) {
    /* The lexer gave up (an unterminated string, say): let the engine say
     * where the syntax error is. */
    g_autoptr (SproutJSString) script = sprout_js_string_new (contents);
    g_autoptr (SproutJSString) url = sprout_js_string_new (display);
    if (!JSCheckScriptSyntax (ctx, script, url, 1, exception))
      return NULL;
    sprout_js_throw (ctx, exception, "SyntaxError", "Module %s: %s", display,
                     error->message);
    return NULL;
  }
  function = sprout_js_evaluate (ctx, wrapped, -1, display, 1, exception);
  if (function == NULL)
    return NULL;
  if (!JSValueIsObject (ctx, function) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) function)) {
    sprout_js_throw (ctx, exception, "SyntaxError",
                     "Module %s is not a complete script", display);
    return NULL;
  }
  return (JSObjectRef) function;
}

/* native.loadScript(location, moduleObject, bind): runs the module file with
 * `this` = moduleObject; bind(vars, lexicals) receives its accessors. */
static JSValueRef
sprout_importer_load_script (JSContextRef ctx, JSObjectRef function,
                             JSObjectRef self, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *location =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);
  JSObjectRef wrapper;

  if (location == NULL)
    return NULL;
  if (argc < 3 || !JSValueIsObject (ctx, argv[1]) ||
      !JSValueIsObject (ctx, argv[2]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "loadScript(location, module, bind)");
  wrapper = sprout_importer_compile (ctx, location, exception);
  if (wrapper == NULL)
    return NULL;
  return JSObjectCallAsFunction (ctx, wrapper, (JSObjectRef) argv[1], 1,
                                 &argv[2], exception);
}

static JSValueRef
sprout_importer_native_module (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *name =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);
  SproutNativeModuleDefine define;

  if (name == NULL)
    return NULL;
  define = sprout_native_module_lookup (name);
  if (define == NULL)
    return JSValueMakeUndefined (ctx);
  return define (ctx, exception);
}

static JSValueRef
sprout_importer_warn (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                      size_t argc, const JSValueRef argv[],
                      JSValueRef *exception)
{
  g_autofree char *message =
    sprout_importer_arg_string (ctx, argc, argv, 0, exception);

  if (message == NULL)
    return NULL;
  g_warning ("%s", message);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_importer_report_exception (JSContextRef ctx, JSObjectRef function,
                                  JSObjectRef self, size_t argc,
                                  const JSValueRef argv[],
                                  JSValueRef *exception)
{
  sprout_context_report_exception (ctx, argc > 0 ? argv[0]
                                                 : JSValueMakeUndefined (ctx));
  return JSValueMakeUndefined (ctx);
}

static void
sprout_importer_add_env_path (GStrvBuilder *path, const char *variable)
{
  const char *value = g_getenv (variable);
  g_auto (GStrv) entries = NULL;

  if (value == NULL || *value == '\0')
    return;
  entries = g_strsplit (value, G_SEARCHPATH_SEPARATOR_S, -1);
  for (char **entry = entries; *entry; entry++)
    if (**entry)
      g_strv_builder_add (path, *entry);
}

static void
sprout_importer_add_data_dirs (GStrvBuilder *path, const char *subdir)
{
  const char *const *dirs = g_get_system_data_dirs ();

  for (const char *const *dir = dirs; *dir; dir++) {
    g_autofree char *full = g_build_filename (*dir, subdir, NULL);
    g_strv_builder_add (path, full);
  }
}

/* Built-in modules first, so that they cannot be shadowed by accident. */
static GStrv
sprout_importer_default_search_path (SproutContext *context)
{
  g_autoptr (GStrvBuilder) path = g_strv_builder_new ();

  g_strv_builder_add (path, "resource:///org/gnome/sprout/modules/script/");
  g_strv_builder_add (path, "resource:///org/gnome/sprout/modules/core/");
  sprout_importer_add_env_path (path, "SPROUT_PATH");
  sprout_importer_add_env_path (path, "GJS_PATH");
  g_strv_builder_addv (path, (const char **) context->include_path);
  sprout_importer_add_data_dirs (path, "sprout-1.0");
  sprout_importer_add_data_dirs (path, "gjs-1.0");
  return g_strv_builder_end (path);
}

static JSValueRef
sprout_importer_set_override_loader (JSContextRef ctx, JSObjectRef function,
                                     JSObjectRef self, size_t argc,
                                     const JSValueRef argv[],
                                     JSValueRef *exception)
{
  SproutContext *context = sprout_context_from_js (ctx);

  if (argc < 1 || !JSValueIsObject (ctx, argv[0]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "setOverrideLoader(function)");
  if (context->override_loader)
    JSValueUnprotect (ctx, context->override_loader);
  context->override_loader = (JSObjectRef) argv[0];
  JSValueProtect (ctx, context->override_loader);
  return JSValueMakeUndefined (ctx);
}

static gboolean sprout_importer_bootstrap (SproutContext *context,
                                           JSValueRef *exception);

gboolean
sprout_importer_load_overrides (JSContextRef ctx, const char *name,
                                JSObjectRef ns, JSValueRef *exception)
{
  SproutContext *context = sprout_context_from_js (ctx);
  JSValueRef args[2];

  if (!sprout_importer_bootstrap (context, exception))
    return FALSE;
  args[0] = sprout_js_value_from_utf8 (ctx, name);
  args[1] = ns;
  return JSObjectCallAsFunction (ctx, context->override_loader, NULL, 2, args,
                                 exception) != NULL;
}

static JSObjectRef
sprout_importer_make_native (SproutContext *context)
{
  JSContextRef ctx = context->js;
  JSObjectRef native = JSObjectMake (ctx, NULL, NULL);
  g_auto (GStrv) search_path = sprout_importer_default_search_path (context);

  sprout_js_define_function (ctx, native, "kind", sprout_importer_kind);
  sprout_js_define_function (ctx, native, "child", sprout_importer_child);
  sprout_js_define_function (ctx, native, "list", sprout_importer_list);
  sprout_js_define_function (ctx, native, "loadScript",
                             sprout_importer_load_script);
  sprout_js_define_function (ctx, native, "nativeModule",
                             sprout_importer_native_module);
  sprout_js_define_function (ctx, native, "warn", sprout_importer_warn);
  sprout_js_define_function (ctx, native, "reportException",
                             sprout_importer_report_exception);
  sprout_js_define_function (ctx, native, "setOverrideLoader",
                             sprout_importer_set_override_loader);
  sprout_js_set (ctx, native, "searchPath",
                 sprout_js_array_from_strv (
                   ctx, (const char *const *) search_path),
                 kJSPropertyAttributeNone, NULL);
  return native;
}

/* Evaluates bootstrap.js, which replaces the lazy globals with real ones. */
static gboolean
sprout_importer_bootstrap (SproutContext *context, JSValueRef *exception)
{
  g_autoptr (GBytes) bytes = NULL;
  JSValueRef setup;
  JSValueRef args[2];

  if (context->bootstrapped)
    return TRUE;
  context->bootstrapped = TRUE;
  /* Referencing the resource keeps the linker from dropping it (and its
   * registering constructor) out of the static library. */
  bytes = g_resource_lookup_data (sprout_core_resources_get_resource (),
                                  IMPORTER_RESOURCE, 0, NULL);
  g_assert (bytes != NULL);
  setup = sprout_js_evaluate (
    context->js, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
    "resource://" IMPORTER_RESOURCE, 1, exception);
  if (setup == NULL)
    return FALSE;
  args[0] = sprout_importer_make_native (context);
  args[1] = context->global;
  return JSObjectCallAsFunction (context->js, (JSObjectRef) setup, NULL, 2,
                                 args, exception) != NULL;
}

/* The global a lazy accessor stands for (its function's name), after
 * bootstrapping; NULL with @exception on failure. */
static JSStringRef
sprout_importer_lazy_name (JSContextRef ctx, JSObjectRef function,
                           JSValueRef *exception)
{
  JSValueRef name = sprout_js_get (ctx, function, "name", NULL);

  if (!sprout_importer_bootstrap (sprout_context_from_js (ctx), exception))
    return NULL;
  return JSValueToStringCopy (ctx, name, exception);
}

/* Getter of a lazy global: bootstraps, then reads the real property. */
static JSValueRef
sprout_importer_lazy_get (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutJSString) name =
    sprout_importer_lazy_name (ctx, function, exception);

  if (name == NULL)
    return NULL;
  return JSObjectGetProperty (ctx, JSContextGetGlobalObject (ctx), name,
                              exception);
}

static JSValueRef
sprout_importer_lazy_set (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutJSString) name =
    sprout_importer_lazy_name (ctx, function, exception);

  if (name == NULL)
    return NULL;
  JSObjectSetProperty (ctx, JSContextGetGlobalObject (ctx), name,
                       argc > 0 ? argv[0] : JSValueMakeUndefined (ctx),
                       kJSPropertyAttributeNone, exception);
  return JSValueMakeUndefined (ctx);
}

/* Defines globalThis[name] as an accessor that bootstraps on first use. The
 * accessor functions are named after the global so one pair serves all. */
static gboolean
sprout_importer_define_lazy (SproutContext *context, JSObjectRef define,
                             const char *name, JSValueRef *exception)
{
  JSContextRef ctx = context->js;
  g_autoptr (SproutJSString) key = sprout_js_string_new (name);
  JSObjectRef descriptor = JSObjectMake (ctx, NULL, NULL);
  JSValueRef args[3];

  sprout_js_set (ctx, descriptor, "get",
                 JSObjectMakeFunctionWithCallback (ctx, key,
                                                   sprout_importer_lazy_get),
                 kJSPropertyAttributeNone, NULL);
  sprout_js_set (ctx, descriptor, "set",
                 JSObjectMakeFunctionWithCallback (ctx, key,
                                                   sprout_importer_lazy_set),
                 kJSPropertyAttributeNone, NULL);
  sprout_js_set (ctx, descriptor, "configurable", JSValueMakeBoolean (ctx, TRUE),
                 kJSPropertyAttributeNone, NULL);
  args[0] = context->global;
  args[1] = JSValueMakeString (ctx, key);
  args[2] = descriptor;
  return JSObjectCallAsFunction (ctx, define, NULL, 3, args, exception) != NULL;
}

/* The importer and the other JS-written globals are set up on first use:
 * a script that never touches them (an ES module, `-c ''`) does not pay
 * for compiling bootstrap.js. */
gboolean
sprout_importer_define (SproutContext *context, JSValueRef *exception)
{
  const char *const lazy_globals[] = { "imports", "GjsFileImporter",
                                       "queueMicrotask", "TextEncoder",
                                       "TextDecoder" };
  JSContextRef ctx = context->js;
  JSValueRef object = sprout_js_get (ctx, context->global, "Object", NULL);
  JSValueRef define =
    sprout_js_get (ctx, (JSObjectRef) object, "defineProperty", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (lazy_globals); i++)
    if (!sprout_importer_define_lazy (context, (JSObjectRef) define,
                                      lazy_globals[i], exception))
      return FALSE;
  return TRUE;
}
