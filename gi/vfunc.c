/* vfunc.c: virtual functions — JS overrides (vfunc_NAME methods of
 * registered classes) and the introspected implementations they chain up
 * to.
 *
 * Overrides. hookVFunc(gtype, name, function) finds the vfunc among the
 * introspected ancestors of @gtype (their class structs), then among its
 * interfaces (their iface structs), makes a closure of the vfunc's
 * signature (closure.c, which passes the instance's wrapper as `this`) and
 * writes its address into the class (or the class's copy of the interface
 * vtable) at the field of the same name. The class lives for the process,
 * so the closure is never released. Subclasses copy the pointer with the
 * rest of the class struct, as they would a C override.
 *
 * Chaining up. Each introspected class and interface prototype gets
 * vfunc_NAME methods (`super.vfunc_NAME()` finds them). One calls the
 * implementation in that type's class struct, found on the first call and
 * kept, through the same invoke pipeline as any GI method.
 */
#include "subclass.h"

#include <gio/gio.h>
#include <girffi.h>

#include "closure.h"
#include "gi-private.h"
#include "gtype.h"
#include "js-util.h"
#include "object.h"

typedef struct {
  GIVFuncInfo *info;   /* owned */
  GType implementor;   /* whose class struct holds the implementation */
  SproutCallable callable;
  gboolean prepared;
  GError *error;       /* why it cannot be called */
} SproutVFunc;

static JSClassRef sprout_vfunc_class;

/* ---- chaining up -------------------------------------------------------- */

static gboolean
sprout_vfunc_prepare (JSContextRef ctx, SproutVFunc *vfunc,
                      JSValueRef *exception)
{
  if (!vfunc->prepared) {
    gpointer address;

    vfunc->prepared = TRUE;
    address = g_vfunc_info_get_address (vfunc->info, vfunc->implementor,
                                        &vfunc->error);
    if (address == NULL && vfunc->error == NULL)
      g_set_error (&vfunc->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s does not implement it", g_type_name (vfunc->implementor));
    if (vfunc->error == NULL &&
        sprout_callable_init (&vfunc->callable, (GICallableInfo *) vfunc->info,
                              &vfunc->error))
      g_function_invoker_new_for_address (address,
                                          (GICallableInfo *) vfunc->info,
                                          &vfunc->callable.invoker,
                                          &vfunc->error);
    if (vfunc->error)
      sprout_callable_clear (&vfunc->callable);
  }
  if (vfunc->error == NULL)
    return TRUE;
  sprout_js_throw (ctx, exception, "Error",
                   "Virtual function %s.%s cannot be called: %s",
                   g_type_name (vfunc->implementor),
                   g_base_info_get_name (vfunc->info), vfunc->error->message);
  return FALSE;
}

/* native.vfuncInvoke(vfunc, token, ...args) */
static JSValueRef
sprout_vfunc_native_invoke (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  SproutVFunc *vfunc = NULL;
  GIArgument instance;
  GObject *object;

  if (argc >= 2 && JSValueIsObjectOfClass (ctx, argv[0], sprout_vfunc_class))
    vfunc = JSObjectGetPrivate ((JSObjectRef) argv[0]);
  if (vfunc == NULL)
    return sprout_js_throw (ctx, exception, "TypeError", "vfuncInvoke()");
  object = sprout_object_from_token (ctx, argv[1], exception);
  if (object == NULL || !sprout_vfunc_prepare (ctx, vfunc, exception))
    return NULL;
  if (!g_type_is_a (G_OBJECT_TYPE (object), vfunc->implementor))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Object is of type %s - cannot call %s.vfunc_%s",
                            G_OBJECT_TYPE_NAME (object),
                            g_type_name (vfunc->implementor),
                            g_base_info_get_name (vfunc->info));
  instance.v_pointer = object;
  return sprout_callable_invoke (ctx, &vfunc->callable, &instance, argc - 2,
                                 argv + 2, exception);
}

static void
sprout_vfunc_finalize (JSObjectRef object)
{
  SproutVFunc *vfunc = JSObjectGetPrivate (object);

  if (vfunc == NULL)
    return;
  if (vfunc->prepared && vfunc->error == NULL)
    sprout_callable_clear (&vfunc->callable);
  g_clear_error (&vfunc->error);
  g_base_info_unref (vfunc->info);
  g_free (vfunc);
}

static JSObjectRef
sprout_vfunc_new (JSContextRef ctx, GIVFuncInfo *info, GType implementor)
{
  SproutVFunc *vfunc = g_new0 (SproutVFunc, 1);

  if (sprout_vfunc_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "GIVFunc";
    definition.finalize = sprout_vfunc_finalize;
    sprout_vfunc_class = JSClassCreate (&definition);
  }
  vfunc->info = g_base_info_ref (info);
  vfunc->implementor = implementor;
  return JSObjectMake (ctx, sprout_vfunc_class, vfunc);
}

void
sprout_vfunc_define_methods (JSContextRef ctx, JSObjectRef prototype,
                             GIBaseInfo *info, GType gtype)
{
  gboolean is_iface = GI_IS_INTERFACE_INFO (info);
  gint n = is_iface ? g_interface_info_get_n_vfuncs ((GIInterfaceInfo *) info)
                    : g_object_info_get_n_vfuncs ((GIObjectInfo *) info);
  JSObjectRef helpers = sprout_object_helpers (ctx, NULL);
  JSObjectRef make = (JSObjectRef) sprout_js_get (ctx, helpers,
                                                  "makeVFuncMethod", NULL);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) vfunc =
      is_iface ? g_interface_info_get_vfunc ((GIInterfaceInfo *) info, i)
               : g_object_info_get_vfunc ((GIObjectInfo *) info, i);
    g_autofree char *key =
      g_strconcat ("vfunc_", g_base_info_get_name (vfunc), NULL);
    JSValueRef args[2], method;

    args[0] = sprout_vfunc_new (ctx, vfunc, gtype);
    args[1] = sprout_js_value_from_utf8 (ctx, key);
    method = JSObjectCallAsFunction (ctx, make, NULL, 2, args, NULL);
    if (method)
      sprout_js_set (ctx, prototype, key, method, kJSPropertyAttributeDontEnum,
                     NULL);
  }
}

/* ---- overriding --------------------------------------------------------- */

typedef struct {
  GIVFuncInfo *vfunc;      /* owned */
  GIStructInfo *vtable;    /* owned: the class or iface struct */
  GType iface;             /* the interface, or G_TYPE_INVALID */
} SproutVFuncSlot;

static void
sprout_vfunc_slot_clear (SproutVFuncSlot *slot)
{
  g_clear_pointer (&slot->vfunc, g_base_info_unref);
  g_clear_pointer (&slot->vtable, g_base_info_unref);
}

static gboolean
sprout_vfunc_find_on_parents (GType gtype, const char *name,
                              SproutVFuncSlot *slot)
{
  for (GType t = g_type_parent (gtype); t != G_TYPE_INVALID;
       t = g_type_parent (t)) {
    g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, t);
    if (info == NULL || !GI_IS_OBJECT_INFO (info))
      continue;
    slot->vfunc = g_object_info_find_vfunc ((GIObjectInfo *) info, name);
    if (slot->vfunc) {
      slot->vtable = g_object_info_get_class_struct ((GIObjectInfo *) info);
      return TRUE;
    }
  }
  return FALSE;
}

static gboolean
sprout_vfunc_find_on_interfaces (GType gtype, const char *name,
                                 SproutVFuncSlot *slot)
{
  guint n = 0;
  g_autofree GType *ifaces = g_type_interfaces (gtype, &n);

  for (guint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) info =
      g_irepository_find_by_gtype (NULL, ifaces[i]);
    if (info == NULL || !GI_IS_INTERFACE_INFO (info))
      continue;
    slot->vfunc = g_interface_info_find_vfunc ((GIInterfaceInfo *) info, name);
    if (slot->vfunc) {
      slot->vtable =
        g_interface_info_get_iface_struct ((GIInterfaceInfo *) info);
      slot->iface = ifaces[i];
      return TRUE;
    }
  }
  return FALSE;
}

/* Where in @gtype's class (or its copy of the interface vtable) the
 * pointer goes, or NULL. */
static gpointer *
sprout_vfunc_slot_address (GType gtype, SproutVFuncSlot *slot)
{
  gpointer klass = g_type_class_peek (gtype);
  gpointer vtable = slot->iface ? g_type_interface_peek (klass, slot->iface)
                                : klass;
  const char *name = g_base_info_get_name (slot->vfunc);
  gint n;

  if (vtable == NULL || slot->vtable == NULL)
    return NULL;
  n = g_struct_info_get_n_fields (slot->vtable);
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) field = g_struct_info_get_field (slot->vtable, i);
    if (g_str_equal (g_base_info_get_name (field), name))
      return (gpointer *) ((guint8 *) vtable +
                           g_field_info_get_offset ((GIFieldInfo *) field));
  }
  return NULL;
}

/* hookVFunc(gtype, name, function) */
static JSValueRef
sprout_vfunc_native_hook (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *name = NULL;
  g_autoptr (GError) error = NULL;
  SproutVFuncSlot slot = { NULL, NULL, G_TYPE_INVALID };
  SproutClosure *closure;
  GType gtype = G_TYPE_INVALID;
  gpointer *address;

  if (argc < 3 || !JSValueIsObject (ctx, argv[2]) ||
      !JSObjectIsFunction (ctx, (JSObjectRef) argv[2]))
    return sprout_js_throw (ctx, exception, "TypeError", "hookVFunc()");
  if (!sprout_gtype_arg_from_js (ctx, argv[0], "Class", &gtype, exception) ||
      (name = sprout_js_value_to_utf8 (ctx, argv[1], exception)) == NULL)
    return NULL;
  if (!sprout_vfunc_find_on_parents (gtype, name, &slot) &&
      !sprout_vfunc_find_on_interfaces (gtype, name, &slot))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Could not find definition of virtual function %s",
                            name);
  /* An interface vfunc of a parent's interface would land in the vtable
   * the class shares with its parent's implementation (GJS's rule). */
  if (slot.iface && !sprout_subclass_adds_interface (gtype, slot.iface) &&
      g_type_is_a (g_type_parent (gtype), slot.iface)) {
    g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, slot.iface);
    g_autofree char *iface = info ? g_strdup_printf ("%s.%s",
                                                     g_base_info_get_namespace (info),
                                                     g_base_info_get_name (info))
                                  : g_strdup (g_type_name (slot.iface));
    sprout_vfunc_slot_clear (&slot);
    return sprout_js_throw (ctx, exception, "Error",
                            "%s does not implement %s, add %s to your "
                            "implements array",
                            g_type_name (gtype), iface, iface);
  }
  address = sprout_vfunc_slot_address (gtype, &slot);
  if (address == NULL) {
    sprout_vfunc_slot_clear (&slot);
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Could not find the class field of virtual "
                            "function %s",
                            name);
  }
  closure = sprout_closure_new (ctx, (GICallableInfo *) slot.vfunc,
                                (JSObjectRef) argv[2], &error);
  sprout_vfunc_slot_clear (&slot);
  /* As GJS: refused at registration. Keeping the inherited pointer would
   * leave C calling NULL where the class has no implementation. */
  if (closure == NULL)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Virtual function %s of %s cannot be implemented "
                            "in JS: %s",
                            name, g_type_name (gtype), error->message);
  if (!sprout_subclass_take_dispose (gtype, address,
                                     sprout_closure_get_native (closure)))
    *address = sprout_closure_get_native (closure);
  return JSValueMakeUndefined (ctx);
}

void
sprout_vfunc_define (JSContextRef ctx, JSObjectRef module)
{
  sprout_js_define_function (ctx, module, "hookVFunc",
                             sprout_vfunc_native_hook);
}

void
sprout_vfunc_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "vfuncInvoke",
                             sprout_vfunc_native_invoke);
}
