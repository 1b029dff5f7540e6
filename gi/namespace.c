/* namespace.c: namespace objects (imports.gi.GLib, ...).
 *
 * A namespace object is a plain object, so that reading a member that was
 * already used is an ordinary, inline-cached property read. Its prototype is
 * one shared Proxy: a read that misses the object itself reaches the Proxy's
 * get trap, which looks the name up in the typelib, builds the member
 * (function, constant, enum, ...) and defines it on the namespace object, so
 * the trap runs at most once per member. Names the typelib lacks fall through
 * to Object.prototype (toString, hasOwnProperty, ...).
 *
 * Listing a namespace's own keys (Object.keys, Reflect.ownKeys, ...) first
 * defines every member the typelib has (js/namespace.js), as GJS's
 * namespaces enumerate everything.
 */
#include "gi-private.h"

#include <gio/gio.h>

#include "boxed.h"
#include "js-util.h"

static GHashTable *sprout_namespaces; /* name -> protected JSObjectRef */
static JSObjectRef sprout_namespace_proto;
static JSGlobalContextRef sprout_namespaces_owner;
/* Protected WeakSet of the namespace objects (js/namespace.js). */
static JSObjectRef sprout_namespace_set;

#define NAMESPACE_RESOURCE "/org/gnome/sprout/gi/js/namespace.js"

/* The caches belong to one JS context; a new context (after the previous
 * one was released) starts afresh. */
static void
sprout_namespace_check_owner (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  if (global == sprout_namespaces_owner)
    return;
  g_clear_pointer (&sprout_namespaces, g_hash_table_unref);
  sprout_namespace_proto = NULL;
  sprout_namespace_set = NULL;
  sprout_namespaces_owner = global;
}

JSValueRef
sprout_gi_namespace_resolve (JSContextRef ctx, const char *ns,
                             const char *name, JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = NULL;

  if (g_str_equal (ns, "GLib") && g_str_equal (name, "Error"))
    return sprout_gerror_class (ctx, exception);
  info = g_irepository_find_by_name (NULL, ns, name);
  if (info == NULL)
    return JSValueMakeUndefined (ctx);
  switch (g_base_info_get_type (info)) {
  case GI_INFO_TYPE_FUNCTION:
    return sprout_gi_function_new (ctx, (GIFunctionInfo *) info);
  case GI_INFO_TYPE_CONSTANT:
    return sprout_gi_constant_value (ctx, (GIConstantInfo *) info, exception);
  case GI_INFO_TYPE_ENUM:
  case GI_INFO_TYPE_FLAGS:
    return sprout_gi_enum_new (ctx, (GIEnumInfo *) info, exception);
  case GI_INFO_TYPE_OBJECT:
  case GI_INFO_TYPE_INTERFACE:
    return sprout_object_class_for_info (ctx, info, exception);
  case GI_INFO_TYPE_STRUCT:
  case GI_INFO_TYPE_BOXED:
  case GI_INFO_TYPE_UNION:
    /* GType structs (class/interface structs) are not members in GJS. */
    if (GI_IS_STRUCT_INFO (info) &&
        g_struct_info_is_gtype_struct ((GIStructInfo *) info))
      return JSValueMakeUndefined (ctx);
    return sprout_boxed_class_for_info (ctx, info, exception);
  default:
    /* Callbacks are types, not values. */
    return JSValueMakeUndefined (ctx);
  }
}

/* get(target, key, receiver) of the shared prototype Proxy. */
static JSValueRef
sprout_namespace_get_trap (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *ns = NULL;
  g_autofree char *name = NULL;
  JSValueRef ns_name, value;
  JSObjectRef receiver;

  if (argc < 3 || !JSValueIsString (ctx, argv[1]) ||
      !JSValueIsObject (ctx, argv[2]))
    return argc > 1 ? JSObjectGetPropertyForKey (ctx, (JSObjectRef) argv[0],
                                                 argv[1], exception)
                    : JSValueMakeUndefined (ctx);
  receiver = (JSObjectRef) argv[2];
  ns_name = sprout_js_get (ctx, receiver, "__name__", exception);
  name = sprout_js_value_to_utf8 (ctx, argv[1], exception);
  ns = ns_name && JSValueIsString (ctx, ns_name)
         ? sprout_js_value_to_utf8 (ctx, ns_name, exception)
         : NULL;
  if (ns && name) {
    value = sprout_gi_namespace_resolve (ctx, ns, name, exception);
    if (value == NULL)
      return NULL;
    if (!JSValueIsUndefined (ctx, value)) {
      JSObjectSetPropertyForKey (ctx, receiver, argv[1], value,
                                 kJSPropertyAttributeNone, exception);
      return value;
    }
  }
  return JSObjectGetPropertyForKey (ctx, (JSObjectRef) argv[0], argv[1],
                                    exception);
}

/* Defines on @ns every member of its typelib it lacks; names that resolve
 * to nothing (callback types, class structs) or fail are left out, so that
 * every listed name can be read. */
static void
sprout_namespace_materialize_all (JSContextRef ctx, JSObjectRef ns)
{
  g_autofree char *name = NULL;
  JSValueRef ns_name = sprout_js_get (ctx, ns, "__name__", NULL);
  int n;

  if (ns_name == NULL || !JSValueIsString (ctx, ns_name))
    return;
  name = sprout_js_value_to_utf8 (ctx, ns_name, NULL);
  if (name == NULL)
    return;
  n = g_irepository_get_n_infos (NULL, name);
  for (int i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) info = g_irepository_get_info (NULL, name, i);
    const char *member = g_base_info_get_name (info);
    g_autoptr (SproutJSString) key = sprout_js_string_new (member);
    JSValueRef exception = NULL;
    JSValueRef value;

    if (JSObjectHasProperty (ctx, ns, key))
      continue;
    value = sprout_gi_namespace_resolve (ctx, name, member, &exception);
    if (value != NULL && !JSValueIsUndefined (ctx, value))
      JSObjectSetProperty (ctx, ns, key, value, kJSPropertyAttributeNone,
                           NULL);
  }
}

/* native.materialize(ns) of js/namespace.js. */
static JSValueRef
sprout_namespace_materialize (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  if (argc > 0 && JSValueIsObject (ctx, argv[0]))
    sprout_namespace_materialize_all (ctx, (JSObjectRef) argv[0]);
  return JSValueMakeUndefined (ctx);
}

/* Evaluates js/namespace.js, which makes key listing see whole namespaces,
 * and keeps the WeakSet it is given. */
static gboolean
sprout_namespace_setup_enumeration (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef weak_set_ctor, args[2];
  JSObjectRef set;

  weak_set_ctor = sprout_js_get (ctx, global, "WeakSet", exception);
  if (weak_set_ctor == NULL || !JSValueIsObject (ctx, weak_set_ctor))
    return FALSE;
  set = JSObjectCallAsConstructor (ctx, (JSObjectRef) weak_set_ctor, 0, NULL,
                                   exception);
  if (set == NULL)
    return FALSE;
  args[0] = JSObjectMake (ctx, NULL, NULL);
  sprout_js_define_function (ctx, (JSObjectRef) args[0], "materialize",
                             sprout_namespace_materialize);
  args[1] = set;
  if (!sprout_gi_run_setup (ctx, NAMESPACE_RESOURCE, 2, args, exception))
    return FALSE;
  JSValueProtect (ctx, set);
  sprout_namespace_set = set;
  return TRUE;
}

/* Adds @ns to the set js/namespace.js knows as namespaces. */
static gboolean
sprout_namespace_register (JSContextRef ctx, JSObjectRef ns,
                           JSValueRef *exception)
{
  JSValueRef add;

  if (sprout_namespace_set == NULL &&
      !sprout_namespace_setup_enumeration (ctx, exception))
    return FALSE;
  add = sprout_js_get (ctx, sprout_namespace_set, "add", exception);
  if (add == NULL || !JSValueIsObject (ctx, add))
    return FALSE;
  return JSObjectCallAsFunction (ctx, (JSObjectRef) add, sprout_namespace_set,
                                 1, (JSValueRef *) &ns, exception) != NULL;
}

static JSObjectRef
sprout_namespace_get_proto (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSObjectRef handler, target;
  JSValueRef proxy_ctor, args[2];

  if (sprout_namespace_proto)
    return sprout_namespace_proto;
  handler = JSObjectMake (ctx, NULL, NULL);
  sprout_js_define_function (ctx, handler, "get", sprout_namespace_get_trap);
  target = JSObjectMake (ctx, NULL, NULL);
  proxy_ctor = sprout_js_get (ctx, global, "Proxy", exception);
  args[0] = target;
  args[1] = handler;
  sprout_namespace_proto =
    JSObjectCallAsConstructor (ctx, (JSObjectRef) proxy_ctor, 2, args,
                               exception);
  if (sprout_namespace_proto)
    JSValueProtect (ctx, sprout_namespace_proto);
  return sprout_namespace_proto;
}

JSObjectRef
sprout_gi_namespace_get (JSContextRef ctx, const char *name,
                         JSValueRef *exception)
{
  JSObjectRef ns, proto;
  const char *version;

  sprout_namespace_check_owner (ctx);
  if (sprout_namespaces == NULL)
    sprout_namespaces = g_hash_table_new_full (g_str_hash, g_str_equal,
                                               g_free, NULL);
  ns = g_hash_table_lookup (sprout_namespaces, name);
  if (ns)
    return ns;
  proto = sprout_namespace_get_proto (ctx, exception);
  if (proto == NULL)
    return NULL;
  version = g_irepository_get_version (NULL, name);
  ns = JSObjectMake (ctx, NULL, NULL);
  JSObjectSetPrototype (ctx, ns, proto);
  sprout_js_set (ctx, ns, "__name__", sprout_js_value_from_utf8 (ctx, name),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly |
                   kJSPropertyAttributeDontDelete,
                 NULL);
  sprout_js_set (ctx, ns, "__version__",
                 sprout_js_value_from_utf8 (ctx, version),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly |
                   kJSPropertyAttributeDontDelete,
                 NULL);
  if (!sprout_namespace_register (ctx, ns, exception))
    return NULL;
  JSValueProtect (ctx, ns);
  g_hash_table_insert (sprout_namespaces, g_strdup (name), ns);
  return ns;
}

void
sprout_gi_namespace_forget_all (void)
{
  g_clear_pointer (&sprout_namespaces, g_hash_table_unref);
  sprout_namespace_proto = NULL;
  sprout_namespace_set = NULL;
  sprout_namespaces_owner = NULL;
}

void
sprout_gi_namespace_forget (JSContextRef ctx, const char *name)
{
  JSObjectRef ns;

  sprout_namespace_check_owner (ctx);
  ns = sprout_namespaces ? g_hash_table_lookup (sprout_namespaces, name) : NULL;
  if (ns == NULL)
    return;
  g_hash_table_remove (sprout_namespaces, name);
  JSValueUnprotect (ctx, ns);
}
