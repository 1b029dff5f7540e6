/* object.c: GObject classes and wrappers (object.h).
 *
 * One JS class per GType, built on first use from its parent's class (the
 * root, GObject.Object, is GObjectBase from js/object.js). An introspected
 * class gets its GI methods on its prototype (as JS stubs calling
 * native.invoke with this's token), its constructors and static functions on
 * the class, and the methods of the interfaces it implements. A GType that is
 * not introspected gets a class extending its closest introspected ancestor,
 * plus the methods of all its interfaces. Interfaces are functions that
 * cannot be constructed, with `instanceof` answered by the type system.
 *
 * Wrappers: sprout_object_to_js() returns the existing wrapper (gc/toggle.c)
 * or stamps a new compact one (js/object.js) with a token, the index
 * of the object's link (gc/toggle.h); the wrapper's collection queues the
 * release that drops the toggle reference. The link answers "finalized"
 * once the object was finalized under a living wrapper: natives then log GJS's critical and do
 * what GJS does (nothing, or a call with a NULL instance), never touching
 * the freed object.
 */
#include "gi-private.h"

#include <gio/gio.h>
#include <string.h>

#include "boxed.h"
#include "fundamental.h"
#include "gtype.h"
#include "variant.h"
#include "context.h"
#include "engine.h"
#include "js-fast.h"
#include "js-util.h"
#include "native-size.h"
#include "object.h"
#include "sprout-gi-resources.h"
#include "subclass.h"
#include "toggle.h"
#include "token.h"

#define OBJECT_RESOURCE "/org/gnome/sprout/gi/js/object.js"
#define WRAPPERS_RESOURCE "/org/gnome/sprout/gi/js/wrappers.js"

typedef struct {
  JSGlobalContextRef owner;
  JSObjectRef helpers;     /* protected: what js/object.js returned */
  GHashTable *classes;     /* GType -> protected JSObjectRef */
  /* Helper functions by the address of their (literal) name: members of
   * `helpers`, which keeps them alive. */
  GHashTable *helper_cache;
  /* Those called for every new wrapper or object argument, without the
   * look-up. */
  JSObjectRef set_token, set_token_and_call, wrap, token_of;
} SproutObjectState;

static SproutObjectState sprout_objects;

void
sprout_object_forget_context (void)
{
  g_clear_pointer (&sprout_objects.classes, g_hash_table_unref);
  g_clear_pointer (&sprout_objects.helper_cache, g_hash_table_unref);
  sprout_objects.set_token = sprout_objects.set_token_and_call = NULL;
  sprout_objects.wrap = sprout_objects.token_of = NULL;
  sprout_fundamental_forget_context ();
  sprout_objects.helpers = NULL;
  sprout_objects.owner = NULL;
}

static gboolean sprout_object_ensure_helpers (JSContextRef ctx,
                                              JSValueRef *exception);

/* @name must be a string literal: the cache is keyed by its address. */
static JSValueRef
sprout_helper (JSContextRef ctx, const char *name)
{
  JSValueRef helper = g_hash_table_lookup (sprout_objects.helper_cache, name);

  if (helper == NULL) {
    helper = sprout_js_get (ctx, sprout_objects.helpers, name, NULL);
    g_hash_table_insert (sprout_objects.helper_cache, (gpointer) name,
                         (gpointer) helper);
  }
  return helper;
}

static JSValueRef
sprout_call_helper (JSContextRef ctx, const char *name, size_t argc,
                    const JSValueRef argv[], JSValueRef *exception)
{
  JSValueRef helper = sprout_helper (ctx, name);

  return JSObjectCallAsFunction (ctx, (JSObjectRef) helper, NULL, argc, argv,
                                 exception);
}

JSObjectRef
sprout_object_handler_holder (JSContextRef ctx, GObject *object)
{
  JSObjectRef wrapper = sprout_toggle_get_wrapper (object);
  JSValueRef holder;

  if (wrapper == NULL || sprout_objects.helpers == NULL)
    return NULL;
  holder = sprout_call_helper (ctx, "handlerHolder", 1,
                               (JSValueRef *) &wrapper, NULL);
  return holder && JSValueIsObject (ctx, holder) ? (JSObjectRef) holder : NULL;
}

JSValueRef
sprout_object_token_of (JSContextRef ctx, JSValueRef value,
                        JSValueRef *exception)
{
  /* Cleared with its context: set, it is the current context's. */
  if (G_UNLIKELY (sprout_objects.token_of == NULL) &&
      !sprout_object_ensure_helpers (ctx, exception))
    return NULL;
  return JSObjectCallAsFunction (ctx, sprout_objects.token_of, NULL, 1, &value,
                                 exception);
}

/* Links @wrapper (whose token holds @link) to @object. @owned: the caller
 * gives us a reference. A floating reference is taken over whoever returned
 * it. */
static void
sprout_object_attach (JSContextRef ctx, GObject *object, SproutLink *link,
                      JSObjectRef wrapper, gboolean owned)
{
  gboolean floating = g_object_is_floating (object);

  if (floating)
    g_object_ref_sink (object);
  /* Instances of JS types carry JS state from the start (fields, vfuncs):
   * a toggle reference. Others start lazy, as in GJS. */
  if (sprout_subclass_is_js_type (G_OBJECT_TYPE (object)))
    sprout_toggle_attach_link (ctx, link, wrapper);
  else
    sprout_toggle_attach_link_lazy (ctx, link, wrapper);
  if (owned || floating)
    g_object_unref (object);
}

JSValueRef
sprout_object_link_wrapper (JSContextRef ctx, GObject *object,
                            JSObjectRef wrapper)
{
  SproutLink *link = sprout_toggle_reserve (ctx, object);
  JSValueRef token = sprout_object_token_new (ctx, link);
  JSValueRef exception = NULL;

  if (sprout_subclass_is_js_type (G_OBJECT_TYPE (object))) {
    /* Settled by sprout_object_settle_new() once g_object_new() returns.
     * The wrapper's field gets the token from _init() when
     * native.construct returns, or before, if JS sees the wrapper sooner
     * (sprout_subclass_deliver_pending). */
    sprout_toggle_attach_link_unsettled (ctx, link, wrapper);
    return token;
  }
  /* Introspected types get a lazy link (gc/toggle.c), which takes the
   * wrapper's shape when attached: the token's field must be part of it,
   * so it goes in now (_init() then stores the same token again). */
  if (!sprout_object_deliver_token (ctx, wrapper, token, &exception))
    sprout_context_report_exception (ctx, exception);
  sprout_toggle_attach_link_lazy (ctx, link, wrapper);
  return token;
}

gboolean
sprout_object_deliver_token (JSContextRef ctx, JSObjectRef wrapper,
                             JSValueRef token, JSValueRef *exception)
{
  JSValueRef args[2] = { wrapper, token };

  return JSObjectCallAsFunction (ctx, sprout_objects.set_token, NULL, 2, args,
                                 exception) != NULL;
}

JSValueRef
sprout_object_deliver_token_and_call (JSContextRef ctx, JSObjectRef wrapper,
                                      JSValueRef token, JSObjectRef function,
                                      size_t argc, const JSValueRef argv[],
                                      JSValueRef *exception)
{
  JSValueRef args[6];

  g_return_val_if_fail (argc <= 3, NULL);
  args[0] = wrapper;
  args[1] = token;
  args[2] = function;
  memcpy (args + 3, argv, argc * sizeof *argv);
  return JSObjectCallAsFunction (ctx, sprout_objects.set_token_and_call, NULL,
                                 argc + 3, args, exception);
}

/* After g_object_new(): the reference it returned is ours to drop (the
 * wrapper holds its toggle reference), except for initially unowned objects
 * that sank themselves while being made (GtkWindow keeps that reference for
 * its toplevel list). A floating reference is sunk first, as GJS does. */
static void
sprout_object_settle_new (GObject *object)
{
  gboolean floating = g_object_is_floating (object);

  if (!G_IS_INITIALLY_UNOWNED (object) || floating) {
    if (floating)
      g_object_ref_sink (object);
    g_object_unref (object);
  }
  /* Rooted now if anyone besides the wrapper holds the object. */
  sprout_toggle_settle (object);
}

void
sprout_object_register_class (JSContextRef ctx, GType gtype, JSObjectRef klass)
{
  if (!sprout_object_ensure_helpers (ctx, NULL))
    return;
  JSValueProtect (ctx, klass);
  g_hash_table_insert (sprout_objects.classes, GSIZE_TO_POINTER (gtype), klass);
}

/* The snake_case name of @pspec as a JS string, made once per param
 * spec. */
static JSStringRef
sprout_object_pspec_js_name (GParamSpec *pspec)
{
  static GQuark quark;
  JSStringRef name;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("sprout-js-name");
  name = g_param_spec_get_qdata (pspec, quark);
  if (name == NULL) {
    g_autofree char *text =
      g_strdelimit (g_strdup (g_param_spec_get_name (pspec)), "-", '_');
    name = JSStringCreateWithUTF8CString (text);
    g_param_spec_set_qdata_full (pspec, quark, name,
                                 (GDestroyNotify) JSStringRelease);
  }
  return name;
}

JSValueRef
sprout_object_get_js_property (JSContextRef ctx, JSObjectRef wrapper,
                               GParamSpec *pspec, JSValueRef *exception)
{
  return JSObjectGetProperty (ctx, wrapper, sprout_object_pspec_js_name (pspec),
                              exception);
}

gboolean
sprout_object_set_js_property (JSContextRef ctx, JSObjectRef wrapper,
                               GParamSpec *pspec, JSValueRef value,
                               JSValueRef *exception)
{
  JSValueRef args[4];

  if (!(pspec->flags & G_PARAM_CONSTRUCT_ONLY)) {
    JSValueRef local = NULL;
    JSObjectSetProperty (ctx, wrapper, sprout_object_pspec_js_name (pspec),
                         value, kJSPropertyAttributeNone, &local);
    if (local)
      *exception = local;
    return local == NULL;
  }

  args[0] = wrapper;
  args[1] = sprout_js_value_from_utf8 (ctx, g_param_spec_get_name (pspec));
  args[2] = value;
  args[3] = JSValueMakeBoolean (ctx,
                                (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0);
  return sprout_call_helper (ctx, "setGProperty", 4, args, exception) != NULL;
}

JSValueRef
sprout_object_to_js_full (JSContextRef ctx, GObject *object, gboolean owned,
                          JSValueRef *exception)
{
  JSObjectRef wrapper, klass;
  JSValueRef proto, args[2];
  SproutLink *link;

  if (object == NULL)
    return JSValueMakeNull (ctx);
  /* A safe point to free objects whose wrappers were collected, so that a
   * loop making wrappers does not pile them up until it returns. */
  sprout_token_drain_if_pending ();
  wrapper = sprout_toggle_get_wrapper (object);
  if (wrapper) {
    if (owned)
      g_object_unref (object);
    /* A JS object under construction: its token first. */
    if (!sprout_subclass_deliver_pending (ctx, object, exception))
      return NULL;
    return wrapper;
  }
  klass = sprout_object_class_for_gtype (ctx, G_OBJECT_TYPE (object),
                                         exception);
  proto = klass ? JSObjectGetProperty (ctx, klass,
                                       sprout_engine_static_string ("prototype"),
                                       exception)
                : NULL;
  if (proto == NULL)
    return NULL;
  /* The wrapper counts in the link from now on: if wrap() fails, the
   * release gives the count back (and frees a link made for it). */
  link = sprout_toggle_reserve (ctx, object);
  args[0] = proto;
  args[1] = sprout_object_token_new (ctx, link);
  wrapper = (JSObjectRef) JSObjectCallAsFunction (ctx, sprout_objects.wrap,
                                                  NULL, 2, args, exception);
  if (wrapper == NULL) {
    sprout_toggle_release_link (link, 1);
    return NULL;
  }
  sprout_object_attach (ctx, object, link, wrapper, owned);
  sprout_gi_report_object_size (ctx, object);
  return wrapper;
}

JSValueRef
sprout_object_to_js (JSContextRef ctx, GObject *object, JSValueRef *exception)
{
  return sprout_object_to_js_full (ctx, object, FALSE, exception);
}

/* ---- classes ------------------------------------------------------------ */

/* Defines @info's methods on @prototype and, with @statics (@info is the
 * type's own), its other functions (constructors, static functions) on
 * @klass. */
static void
sprout_object_define_functions (JSContextRef ctx, JSObjectRef klass,
                                JSObjectRef prototype, GIBaseInfo *info,
                                GType gtype, gboolean statics)
{
  gboolean is_iface = GI_IS_INTERFACE_INFO (info);
  gint n = is_iface ? g_interface_info_get_n_methods ((GIInterfaceInfo *) info)
                    : g_object_info_get_n_methods ((GIObjectInfo *) info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method =
      is_iface ? g_interface_info_get_method ((GIInterfaceInfo *) info, i)
               : g_object_info_get_method ((GIObjectInfo *) info, i);
    const char *name = g_base_info_get_name (method);
    GIFunctionInfoFlags flags = g_function_info_get_flags (method);
    JSObjectRef function;

    if (flags & GI_FUNCTION_IS_METHOD) {
      JSValueRef args[2];
      g_autoptr (SproutJSString) key = sprout_js_string_new (name);
      /* A type's own methods shadow its parents' (TestSubObj's
       * instance_method); others' (interfaces) never shadow a method. */
      if (!statics && JSObjectHasProperty (ctx, prototype, key))
        continue;
      args[0] = sprout_gi_function_new (ctx, method);
      args[1] = sprout_js_value_from_utf8 (ctx, name);
      function = (JSObjectRef) sprout_call_helper (ctx, "makeMethod", 2, args,
                                                   NULL);
      if (function)
        JSObjectSetProperty (ctx, prototype, key, function,
                             kJSPropertyAttributeDontEnum, NULL);
    } else if (statics) {
      sprout_js_set (ctx, klass, name, sprout_gi_function_new (ctx, method),
                     kJSPropertyAttributeDontEnum, NULL);
    }
  }
}

/* The methods of @info's class struct (GtkWidgetClass.set_template...) as
 * static functions of @klass that take the class as `this`, as GJS has
 * them: Gtk.Widget.set_css_name.call(MyWidget, 'name'). */
static void
sprout_object_define_class_methods (JSContextRef ctx, JSObjectRef klass,
                                    GIObjectInfo *info, GType gtype)
{
  g_autoptr (SproutGIInfo) class_struct = g_object_info_get_class_struct (info);
  gint n = class_struct ? g_struct_info_get_n_methods (class_struct) : 0;

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method =
      g_struct_info_get_method (class_struct, i);
    const char *name = g_base_info_get_name (method);
    g_autoptr (SproutJSString) key = sprout_js_string_new (name);
    JSValueRef args[3];
    JSObjectRef function;

    if (!(g_function_info_get_flags (method) & GI_FUNCTION_IS_METHOD) ||
        JSObjectHasProperty (ctx, klass, key))
      continue;
    args[0] = sprout_gi_function_new (ctx, method);
    args[1] = sprout_js_value_from_utf8 (ctx, name);
    args[2] = sprout_gtype_to_js (ctx, gtype);
    function = (JSObjectRef) sprout_call_helper (ctx, "makeClassMethod", 3,
                                                 args, NULL);
    if (function)
      JSObjectSetProperty (ctx, klass, key, function,
                           kJSPropertyAttributeDontEnum, NULL);
  }
}

/* Interface members reach implementing classes through plain mirrors of
 * the interfaces' prototypes, kept in step with them (js/object.js
 * foldInterfaces), so that what overrides and code put there at any time
 * reaches every implementation, as GJS's lookup through interface
 * prototypes does. Only the interfaces that @gtype adds to its parent's are
 * folded here; the parent's come through the parent's prototype. A class
 * without GI data gets its mirrors on an object of their own below its
 * prototype (@layered), so that the prototype's own members shadow them. */
static void
sprout_object_define_interfaces (JSContextRef ctx, JSObjectRef prototype,
                                 GType gtype, gboolean layered)
{
  GType parent = g_type_parent (gtype);
  guint n = 0, n_added = 0;
  g_autofree GType *ifaces = g_type_interfaces (gtype, &n);
  g_autofree JSValueRef *added = g_new (JSValueRef, n + 1);
  JSValueRef args[3];

  for (guint i = 0; i < n; i++) {
    JSObjectRef iface;
    JSValueRef iface_prototype;

    if (g_type_is_a (parent, ifaces[i]))
      continue;
    iface = sprout_object_class_for_gtype (ctx, ifaces[i], NULL);
    if (iface == NULL)
      continue;
    iface_prototype = sprout_js_get (ctx, iface, "prototype", NULL);
    if (iface_prototype && JSValueIsObject (ctx, iface_prototype))
      added[n_added++] = iface_prototype;
  }
  if (n_added == 0)
    return;
  args[0] = prototype;
  args[1] = JSObjectMakeArray (ctx, n_added, added, NULL);
  args[2] = JSValueMakeBoolean (ctx, layered);
  if (args[1])
    sprout_call_helper (ctx, "foldInterfaces", 3, args, NULL);
}

static JSObjectRef
sprout_object_class_new (JSContextRef ctx, GType gtype, JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, gtype);
  JSObjectRef parent, klass, prototype;
  JSValueRef args[3];
  const char *name;

  parent = sprout_object_class_for_gtype (ctx, g_type_parent (gtype),
                                          exception);
  if (parent == NULL)
    return NULL;
  name = info ? g_base_info_get_name (info) : g_type_name (gtype);
  args[0] = parent;
  args[1] = sprout_js_value_from_utf8 (ctx, name);
  args[2] = sprout_gtype_to_js (ctx, gtype);
  klass = (JSObjectRef) sprout_call_helper (ctx, "makeClass", 3, args,
                                            exception);
  if (klass == NULL)
    return NULL;
  prototype = (JSObjectRef) sprout_js_get (ctx, klass, "prototype", NULL);
  if (info && GI_IS_OBJECT_INFO (info)) {
    sprout_object_define_functions (ctx, klass, prototype, info, gtype, TRUE);
    sprout_object_define_class_methods (ctx, klass, info, gtype);
    sprout_vfunc_define_methods (ctx, prototype, info, gtype);
  }
  sprout_object_define_interfaces (ctx, prototype, gtype,
                                   !(info && GI_IS_OBJECT_INFO (info)));
  /* Instance struct fields (object-fields.c), after the methods. */
  if (info && GI_IS_OBJECT_INFO (info) &&
      !sprout_object_fields_define (ctx, prototype, info, gtype, exception))
    return NULL;
  if (!sprout_object_props_define (ctx, prototype, gtype,
                                   sprout_objects.helpers, exception))
    return NULL;
  return klass;
}

static JSObjectRef
sprout_object_root_class (JSContextRef ctx)
{
  g_autoptr (SproutGIInfo) info =
    g_irepository_find_by_gtype (NULL, G_TYPE_OBJECT);
  JSObjectRef klass = (JSObjectRef) sprout_helper (ctx, "GObjectBase");
  JSObjectRef prototype =
    (JSObjectRef) sprout_js_get (ctx, klass, "prototype", NULL);

  sprout_js_set (ctx, klass, "$gtype", sprout_gtype_to_js (ctx, G_TYPE_OBJECT),
                 kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly,
                 NULL);
  if (info) {
    sprout_object_define_functions (ctx, klass, prototype, info, G_TYPE_OBJECT,
                                    TRUE);
    sprout_vfunc_define_methods (ctx, prototype, info, G_TYPE_OBJECT);
    /* GObject's own public fields (ref_count...), as for any class. */
    sprout_object_fields_define (ctx, prototype, info, G_TYPE_OBJECT, NULL);
  }
  sprout_object_props_define (ctx, prototype, G_TYPE_OBJECT,
                              sprout_objects.helpers, NULL);
  return klass;
}

static JSObjectRef
sprout_interface_class_new (JSContextRef ctx, GType gtype,
                            JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, gtype);
  JSValueRef args[2];
  JSObjectRef iface, prototype;

  args[0] = sprout_js_value_from_utf8 (
    ctx, info ? g_base_info_get_name (info) : g_type_name (gtype));
  args[1] = sprout_gtype_to_js (ctx, gtype);
  iface = (JSObjectRef) sprout_call_helper (ctx, "makeInterface", 2, args,
                                            exception);
  if (iface == NULL)
    return NULL;
  prototype = (JSObjectRef) sprout_js_get (ctx, iface, "prototype", NULL);
  if (info && GI_IS_INTERFACE_INFO (info)) {
    sprout_object_define_functions (ctx, iface, prototype, info, gtype, TRUE);
    sprout_vfunc_define_methods (ctx, prototype, info, gtype);
  }
  if (!sprout_object_props_define (ctx, prototype, gtype,
                                   sprout_objects.helpers, exception))
    return NULL;
  args[0] = iface;
  if (!sprout_call_helper (ctx, "sealInterface", 1, args, exception))
    return NULL;
  return iface;
}

JSObjectRef
sprout_object_class_for_gtype (JSContextRef ctx, GType gtype,
                               JSValueRef *exception)
{
  JSObjectRef klass;

  if (!sprout_object_ensure_helpers (ctx, exception))
    return NULL;
  klass = g_hash_table_lookup (sprout_objects.classes, GSIZE_TO_POINTER (gtype));
  if (klass)
    return klass;
  if (gtype == G_TYPE_OBJECT)
    klass = sprout_object_root_class (ctx);
  else if (G_TYPE_IS_INTERFACE (gtype))
    klass = sprout_interface_class_new (ctx, gtype, exception);
  else if (g_type_is_a (gtype, G_TYPE_OBJECT))
    klass = sprout_object_class_new (ctx, gtype, exception);
  else if (sprout_fundamental_is_wrappable (gtype))
    return sprout_fundamental_class_for_gtype (ctx, gtype, exception);
  else
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s is not a GObject type", g_type_name (gtype)),
           NULL;
  if (klass == NULL)
    return NULL;
  JSValueProtect (ctx, klass);
  g_hash_table_insert (sprout_objects.classes, GSIZE_TO_POINTER (gtype), klass);
  return klass;
}

JSValueRef
sprout_object_class_for_info (JSContextRef ctx, GIBaseInfo *info,
                              JSValueRef *exception)
{
  GType gtype =
    g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) info);

  /* GJS shows no classes for GParamSpec's subtypes (GObject.ParamSpec
   * serves them all). */
  if (gtype == G_TYPE_NONE || gtype == G_TYPE_INVALID ||
      (g_type_is_a (gtype, G_TYPE_PARAM) && gtype != G_TYPE_PARAM))
    return JSValueMakeUndefined (ctx);
  return sprout_object_class_for_gtype (ctx, gtype, exception);
}

/* ---- natives for js/object.js ------------------------------------------- */

static GType
sprout_object_gtype_of_class (JSContextRef ctx, JSValueRef klass,
                              JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID;

  if (!JSValueIsObject (ctx, klass) ||
      !sprout_gtype_from_js (ctx, klass, &gtype, exception))
    return G_TYPE_INVALID;
  return gtype;
}

/* Makes the GObject for native.construct; for JS types, instance_init
 * links the wrapper on the way (subclass.c) and *token is set. */
static GObject *
sprout_object_new (GType gtype, JSObjectRef wrapper, SproutObjectProps *props,
                   JSValueRef *token)
{
  SproutConstruction construction;
  gboolean js_type =
    sprout_subclass_push_construction (&construction, gtype, wrapper);
  GObject *object;

  object =
    g_object_new_with_properties (gtype, props->n, props->names, props->values);
  *token = js_type ? sprout_subclass_pop_construction (&construction) : NULL;
  return object;
}

/* native.construct(wrapper, gtype, props, argc[, true, index, value, ...])
 * -> token; the pairs, when given, stand for the bag. */
static JSValueRef
sprout_object_native_construct (JSContextRef ctx, JSObjectRef function,
                                JSObjectRef self, size_t argc,
                                const JSValueRef argv[], JSValueRef *exception)
{
  GType gtype = argc > 1 ? sprout_object_gtype_of_class (ctx, argv[1],
                                                         exception)
                         : G_TYPE_INVALID;
  JSValueRef props = argc > 2 ? argv[2] : JSValueMakeUndefined (ctx);
  SproutObjectProps bag;
  double n_args = 0;
  JSValueRef token;
  GObject *object;

  if (!g_type_is_a (gtype, G_TYPE_OBJECT))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot construct: not a GObject class");
  if (G_TYPE_IS_ABSTRACT (gtype))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Cannot instantiate abstract type %s",
                            g_type_name (gtype));
  if (argc > 3 && sprout_js_get_number (ctx, argv[3], &n_args) && n_args > 1)
    g_message ("JS WARNING: Too many arguments to the constructor of %s: "
               "expected 1, got %d",
               g_type_name (gtype), (int) n_args);
  sprout_token_drain_if_pending ();
  sprout_object_props_init (&bag);
  if (argc > 4 && sprout_js_to_boolean (ctx, argv[4])) {
    /* (index, value) pairs js/object.js made from the bag follow. */
    if (!sprout_object_props_collect_indexed (ctx, gtype, (argc - 5) / 2,
                                              argv + 5, &bag, exception))
      return NULL;
  } else if (!sprout_object_props_collect (ctx, gtype, props, &bag,
                                           exception)) {
    return NULL;
  }
  object = sprout_object_new (gtype, (JSObjectRef) argv[0], &bag, &token);
  sprout_object_props_clear (&bag);
  if (token == NULL) {
    /* Code that ran during construction (a signal handler given the new
     * object, as GtkContainer::add is for `parent`) made it a wrapper
     * already: that wrapper stays the object's, and _init() returns it in
     * place of this one (GJS does the same). */
    JSObjectRef existing = sprout_toggle_get_wrapper (object);
    if (existing && existing != (JSObjectRef) argv[0]) {
      sprout_object_settle_new (object);
      return existing;
    }
    token = sprout_object_link_wrapper (ctx, object, (JSObjectRef) argv[0]);
  }
  sprout_object_settle_new (object);
  return token;
}

/* native.invoke(method, token, ...args) */
static JSValueRef
sprout_object_native_invoke (JSContextRef ctx, JSObjectRef function,
                             JSObjectRef self, size_t argc,
                             const JSValueRef argv[], JSValueRef *exception)
{
  GObject *object;

  if (argc < 2)
    return sprout_js_throw (ctx, exception, "TypeError", "invoke()");
  /* Like GJS: warn, then call anyway; a finalized object's methods get a
   * NULL instance (C's own checks then complain). */
  if (!sprout_object_access_live_token (ctx, argv[1], "access", &object,
                                        exception))
    return NULL;
  return sprout_gi_function_call_method (
    ctx, argv[0], object,
    object ? G_OBJECT_TYPE (object) : sprout_object_token_gtype (ctx, argv[1]),
    NULL, argc - 2, argv + 2, exception);
}

/* native.classInvoke(method, klass, ownerGType, ...args): a class-struct
 * method called on the class of @klass, which must derive from the type
 * that owns the struct. */
static JSValueRef
sprout_object_native_class_invoke (JSContextRef ctx, JSObjectRef function,
                                   JSObjectRef self, size_t argc,
                                   const JSValueRef argv[],
                                   JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID, owner = G_TYPE_INVALID;
  g_autoptr (SproutGIInfo) owner_info = NULL, class_struct = NULL;
  gpointer klass;

  if (argc < 3 || !sprout_gtype_from_js (ctx, argv[2], &owner, exception))
    return argc < 3 ? sprout_js_throw (ctx, exception, "TypeError",
                                       "classInvoke()")
                    : NULL;
  if (!JSValueIsObject (ctx, argv[1]) ||
      !sprout_gtype_from_js (ctx, argv[1], &gtype, NULL) ||
      !g_type_is_a (gtype, owner))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "This method must be called on a class derived "
                            "from %s",
                            g_type_name (owner));
  owner_info = g_irepository_find_by_gtype (NULL, owner);
  class_struct = owner_info && GI_IS_OBJECT_INFO (owner_info)
                   ? g_object_info_get_class_struct (owner_info)
                   : NULL;
  /* Classes of static types live as long as the process. */
  klass = g_type_class_ref (gtype);
  return sprout_gi_function_call_method (ctx, argv[0], klass, G_TYPE_NONE,
                                         class_struct, argc - 3, argv + 3,
                                         exception);
}

static void
sprout_object_on_dispose (JSContextRef ctx, GObject *object,
                          JSObjectRef wrapper)
{
  JSValueRef exception = NULL;
  JSValueRef args[1] = { wrapper };

  if (sprout_objects.helpers == NULL ||
      sprout_objects.owner != JSContextGetGlobalContext (ctx))
    return;
  if (sprout_subclass_deliver_pending (ctx, object, &exception))
    sprout_call_helper (ctx, "markDisposed", 1, args, &exception);
  if (exception)
    sprout_context_report_exception (ctx, exception);
}

static JSObjectRef
sprout_object_make_natives (JSContextRef ctx)
{
  JSObjectRef native = JSObjectMake (ctx, NULL, NULL);

  sprout_js_define_function (ctx, native, "construct",
                             sprout_object_native_construct);
  sprout_js_define_function (ctx, native, "invoke",
                             sprout_object_native_invoke);
  sprout_js_define_function (ctx, native, "classInvoke",
                             sprout_object_native_class_invoke);
  sprout_object_access_define_natives (ctx, native);
  sprout_toggle_set_dispose_hook (sprout_object_on_dispose);
  sprout_boxed_define_natives (ctx, native);
  sprout_fundamental_define_natives (ctx, native);
  sprout_variant_define_natives (ctx, native);
  sprout_object_props_define_natives (ctx, native);
  sprout_signals_define_natives (ctx, native);
  sprout_vfunc_define_natives (ctx, native);
  sprout_subclass_define_natives (ctx, native);
  sprout_object_props_define_index_natives (ctx, native);
  return native;
}

JSObjectRef
sprout_object_helpers (JSContextRef ctx, JSValueRef *exception)
{
  return sprout_object_ensure_helpers (ctx, exception) ? sprout_objects.helpers
                                                       : NULL;
}

JSValueRef
sprout_gi_run_setup (JSContextRef ctx, const char *resource, size_t argc,
                     const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (GBytes) bytes =
    g_resource_lookup_data (sprout_gi_resources_get_resource (), resource, 0,
                            NULL);
  g_autofree char *url = g_strconcat ("resource://", resource, NULL);
  JSValueRef setup;

  g_assert (bytes != NULL);
  setup = sprout_js_evaluate (ctx, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), url, 1,
                              exception);
  if (setup == NULL)
    return NULL;
  return JSObjectCallAsFunction (ctx, (JSObjectRef) setup, NULL, argc, argv,
                                 exception);
}

static gboolean
sprout_object_ensure_helpers (JSContextRef ctx, JSValueRef *exception)
{
  JSValueRef helpers, args[2];

  if (sprout_objects.helpers &&
      sprout_objects.owner == JSContextGetGlobalContext (ctx))
    return TRUE;
  sprout_object_forget_context ();
  sprout_boxed_forget_context ();
  args[0] = sprout_object_make_natives (ctx);
  args[1] = sprout_gi_run_setup (ctx, OBJECT_RESOURCE, 1, args, exception);
  if (args[1] == NULL)
    return FALSE;
  /* js/wrappers.js adds the other kinds of wrappers to the helpers. */
  helpers = sprout_gi_run_setup (ctx, WRAPPERS_RESOURCE, 2, args,
                                     exception);
  if (helpers == NULL)
    return FALSE;
  JSValueProtect (ctx, helpers);
  sprout_objects.helpers = (JSObjectRef) helpers;
  sprout_objects.owner = JSContextGetGlobalContext (ctx);
  sprout_objects.classes = g_hash_table_new (NULL, NULL);
  sprout_objects.helper_cache = g_hash_table_new (NULL, NULL);
  sprout_objects.set_token = (JSObjectRef) sprout_helper (ctx, "setToken");
  sprout_objects.set_token_and_call =
    (JSObjectRef) sprout_helper (ctx, "setTokenAndCall");
  sprout_objects.wrap = (JSObjectRef) sprout_helper (ctx, "wrap");
  sprout_objects.token_of = (JSObjectRef) sprout_helper (ctx, "tokenOf");
  return TRUE;
}
