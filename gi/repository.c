/* repository.c: the `gi` module (imports.gi).
 *
 * `imports.gi` is a plain object holding `versions` and, once used, one
 * property per namespace. Like namespace objects (namespace.c) its prototype
 * is a Proxy whose get trap runs only for names not yet defined: it requires
 * the typelib (the version from imports.gi.versions, or the newest), builds
 * the namespace object, defines it, and then runs the namespace's JS
 * overrides (`imports.overrides.NS._init`, with the namespace as `this`). If
 * loading or the overrides fail, nothing stays defined, so a later import
 * tries again and fails the same way.
 */
#include "gi-private.h"

#include "boxed.h"
#include "gvalue.h"
#include "subclass.h"

#include "gi.h"
#include "gtype.h"
#include "importer.h"
#include "js-util.h"
#include "native-modules.h"

static JSObjectRef sprout_gi_module; /* protected */
static JSGlobalContextRef sprout_gi_module_owner;

static char *
sprout_gi_requested_version (JSContextRef ctx, JSObjectRef gi,
                             const char *name, JSValueRef *exception)
{
  JSValueRef versions = sprout_js_get (ctx, gi, "versions", exception);
  JSValueRef version;

  if (versions == NULL || !JSValueIsObject (ctx, versions))
    return NULL;
  version = sprout_js_get (ctx, (JSObjectRef) versions, name, exception);
  if (version == NULL || JSValueIsUndefined (ctx, version) ||
      JSValueIsNull (ctx, version))
    return NULL;
  return sprout_js_value_to_utf8 (ctx, version, exception);
}

static gboolean
sprout_gi_require (JSContextRef ctx, const char *name, const char *version,
                   JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  JSObjectRef js_error;

  if (g_irepository_require (NULL, name, version, 0, &error))
    return TRUE;
  js_error = sprout_js_make_error (ctx, "Error", "");
  sprout_js_set (ctx, js_error, "message",
                 sprout_js_value_from_utf8 (
                   ctx, g_strdup_printf ("Requiring %s, version %s: %s", name,
                                         version ? version : "none",
                                         error->message)),
                 kJSPropertyAttributeDontEnum, NULL);
  sprout_js_set (ctx, js_error, "name",
                 sprout_js_value_from_utf8 (ctx, "ImportError"),
                 kJSPropertyAttributeDontEnum, NULL);
  *exception = js_error;
  return FALSE;
}

static JSValueRef
sprout_gi_import (JSContextRef ctx, JSObjectRef gi, JSValueRef key,
                  const char *name, JSValueRef *exception)
{
  g_autofree char *version = NULL;
  JSObjectRef ns;

  version = sprout_gi_requested_version (ctx, gi, name, exception);
  if (*exception)
    return NULL;
  if (!sprout_gi_require (ctx, name, version, exception))
    return NULL;
  ns = sprout_gi_namespace_get (ctx, name, exception);
  if (ns == NULL)
    return NULL;
  JSObjectSetPropertyForKey (ctx, gi, key, ns, kJSPropertyAttributeNone,
                             exception);
  if (*exception == NULL &&
      sprout_importer_load_overrides (ctx, name, ns, exception))
    return ns;
  JSObjectDeletePropertyForKey (ctx, gi, key, NULL);
  sprout_gi_namespace_forget (ctx, name);
  return NULL;
}

/* get(target, key, receiver) of imports.gi's prototype Proxy. */
static JSValueRef
sprout_gi_get_trap (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                    size_t argc, const JSValueRef argv[],
                    JSValueRef *exception)
{
  g_autofree char *name = NULL;

  if (argc < 3 || !JSValueIsString (ctx, argv[1]) ||
      !JSValueIsObject (ctx, argv[2]))
    return argc > 1 ? JSObjectGetPropertyForKey (ctx, (JSObjectRef) argv[0],
                                                 argv[1], exception)
                    : JSValueMakeUndefined (ctx);
  name = sprout_js_value_to_utf8 (ctx, argv[1], exception);
  if (name == NULL)
    return NULL;
  /* Object.prototype's members (toString, ...) are not namespaces. */
  if (JSObjectHasPropertyForKey (ctx, (JSObjectRef) argv[0], argv[1], NULL))
    return JSObjectGetPropertyForKey (ctx, (JSObjectRef) argv[0], argv[1],
                                      exception);
  return sprout_gi_import (ctx, (JSObjectRef) argv[2], argv[1], name,
                           exception);
}

static JSObjectRef
sprout_gi_define_module (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSObjectRef gi, handler, proxy;
  JSValueRef args[2], tag, symbol;

  if (sprout_gi_module && sprout_gi_module_owner == JSContextGetGlobalContext (ctx))
    return sprout_gi_module;
  sprout_gi_module_owner = JSContextGetGlobalContext (ctx);
  handler = JSObjectMake (ctx, NULL, NULL);
  sprout_js_define_function (ctx, handler, "get", sprout_gi_get_trap);
  args[0] = JSObjectMake (ctx, NULL, NULL);
  args[1] = handler;
  proxy = JSObjectCallAsConstructor (
    ctx, (JSObjectRef) sprout_js_get (ctx, global, "Proxy", NULL), 2, args,
    exception);
  if (proxy == NULL)
    return NULL;
  gi = JSObjectMake (ctx, NULL, NULL);
  JSObjectSetPrototype (ctx, gi, proxy);
  sprout_js_set (ctx, gi, "versions", JSObjectMake (ctx, NULL, NULL),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeDontDelete,
                 NULL);
  symbol = sprout_js_get (ctx, global, "Symbol", NULL);
  tag = sprout_js_get (ctx, (JSObjectRef) symbol, "toStringTag", NULL);
  JSObjectSetPropertyForKey (ctx, gi, tag,
                             sprout_js_value_from_utf8 (ctx, "GIRepository"),
                             kJSPropertyAttributeDontEnum, NULL);
  JSValueProtect (ctx, gi);
  sprout_gi_module = gi;
  return gi;
}

guint sprout_gi_epoch = 1;

JSGlobalContextRef
sprout_gi_owner_context (void)
{
  return sprout_gi_module_owner;
}

void
sprout_gi_forget_context (void)
{
  sprout_gi_module = NULL;
  sprout_gi_module_owner = NULL;
  sprout_gi_namespace_forget_all ();
  sprout_gerror_forget_context ();
  sprout_object_forget_context ();
  sprout_gtype_forget_context ();
  sprout_gi_byte_array_forget_context ();
  /* A new context may come at the same address: nothing of this one's may
   * pass for its. */
  sprout_boxed_forget_context ();
  sprout_gvalue_forget_context ();
  sprout_gi_epoch++;
}

void
sprout_gi_init (void)
{
  static gsize registered = 0;

  if (!g_once_init_enter (&registered))
    return;
  sprout_native_module_register ("gi", sprout_gi_define_module);
  sprout_native_module_register ("_gi", sprout_subclass_define_module);
  g_once_init_leave (&registered, 1);
}
