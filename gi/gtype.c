/* gtype.c: GType objects (gtype.h).
 *
 * A GType object is an instance of a tiny JSClass whose private pointer is
 * the GType itself; its prototype (shared, per context) has the `name`
 * getter and toString(), and is what GObject.Type.prototype is (the GObject
 * override sets that up). The objects are cached per context in a table
 * GType -> protected object: there are few GTypes, and identity matters
 * (`Gio.SimpleAction.$gtype === GObject.type_from_name('GSimpleAction')`).
 */
#include "gtype.h"

#include "home.h"

#include <math.h>

#include "js-fast.h"
#include "js-util.h"

static JSClassRef sprout_gtype_class;
static GHashTable *sprout_gtypes; /* GType -> protected JSObjectRef */
static JSObjectRef sprout_gtype_proto;
static JSGlobalContextRef sprout_gtype_owner;

void
sprout_gtype_forget_context (void)
{
  g_clear_pointer (&sprout_gtypes, g_hash_table_unref);
  sprout_gtype_proto = NULL;
  sprout_gtype_owner = NULL;
}

static gboolean
sprout_gtype_object_get (JSContextRef ctx, JSValueRef value, GType *gtype)
{
  if (sprout_gtype_class == NULL ||
      !JSValueIsObjectOfClass (ctx, value, sprout_gtype_class))
    return FALSE;
  *gtype = GPOINTER_TO_SIZE (JSObjectGetPrivate ((JSObjectRef) value));
  return *gtype != G_TYPE_INVALID;
}

/* get name() on the prototype. */
static JSValueRef
sprout_gtype_get_name (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
                       size_t argc, const JSValueRef argv[],
                       JSValueRef *exception)
{
  GType gtype;

  if (self == NULL || !sprout_gtype_object_get (ctx, self, &gtype))
    return JSValueMakeUndefined (ctx);
  return sprout_js_value_from_utf8 (ctx, g_type_name (gtype));
}

static JSValueRef
sprout_gtype_to_string (JSContextRef ctx, JSObjectRef function,
                        JSObjectRef self, size_t argc, const JSValueRef argv[],
                        JSValueRef *exception)
{
  g_autofree char *text = NULL;
  GType gtype;

  if (self == NULL || !sprout_gtype_object_get (ctx, self, &gtype))
    return sprout_js_value_from_utf8 (ctx, "[object GType prototype]");
  text = g_strdup_printf ("[object GType for '%s']", g_type_name (gtype));
  return sprout_js_value_from_utf8 (ctx, text);
}

/* Object.defineProperty(@object, @name, {get: @getter}) */
static void
sprout_gtype_define_getter (JSContextRef ctx, JSObjectRef object,
                            const char *name,
                            JSObjectCallAsFunctionCallback getter)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSObjectRef object_ctor =
    (JSObjectRef) sprout_js_get (ctx, global, "Object", NULL);
  JSObjectRef define =
    (JSObjectRef) sprout_js_get (ctx, object_ctor, "defineProperty", NULL);
  JSObjectRef descriptor = JSObjectMake (ctx, NULL, NULL);
  g_autoptr (SproutJSString) key = sprout_js_string_new (name);
  JSValueRef args[3];

  sprout_js_set (ctx, descriptor, "get",
                 JSObjectMakeFunctionWithCallback (ctx, key, getter),
                 kJSPropertyAttributeNone, NULL);
  args[0] = object;
  args[1] = JSValueMakeString (ctx, key);
  args[2] = descriptor;
  JSObjectCallAsFunction (ctx, define, object_ctor, 3, args, NULL);
}

static void
sprout_gtype_ensure (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  if (sprout_gtype_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "GType";
    sprout_gtype_class = JSClassCreate (&definition);
    /* Types GObject.TYPE_* name that GLib registers on first use. */
    g_type_ensure (G_TYPE_STRV);
    g_type_ensure (G_TYPE_GTYPE);
    sprout_gtype_jsobject ();
  }
  if (sprout_gtypes && sprout_gtype_owner == global)
    return;
  sprout_gtype_forget_context ();
  sprout_gtypes = g_hash_table_new (NULL, NULL);
  sprout_gtype_owner = global;
  sprout_gtype_proto = JSObjectMake (ctx, NULL, NULL);
  JSValueProtect (ctx, sprout_gtype_proto);
  sprout_gtype_define_getter (ctx, sprout_gtype_proto, "name",
                              sprout_gtype_get_name);
  sprout_js_define_function (ctx, sprout_gtype_proto, "toString",
                             sprout_gtype_to_string);
}

JSValueRef
sprout_gtype_to_js (JSContextRef ctx, GType gtype)
{
  JSObjectRef object;

  if (gtype == G_TYPE_INVALID)
    return JSValueMakeNull (ctx);
  sprout_gtype_ensure (ctx);
  object = g_hash_table_lookup (sprout_gtypes, GSIZE_TO_POINTER (gtype));
  if (object)
    return object;
  object = JSObjectMake (ctx, sprout_gtype_class, GSIZE_TO_POINTER (gtype));
  JSObjectSetPrototype (ctx, object, sprout_gtype_proto);
  JSValueProtect (ctx, object);
  g_hash_table_insert (sprout_gtypes, GSIZE_TO_POINTER (gtype), object);
  return object;
}

/* String, Number, Boolean and Object stand for the types GJS maps them to. */
static gboolean
sprout_gtype_from_js_constructor (JSContextRef ctx, JSValueRef value,
                                  GType *gtype)
{
  static const char *const names[] = { "String", "Number", "Boolean",
                                       "Object" };
  JSObjectRef global = JSContextGetGlobalObject (ctx);

  if (!JSObjectIsFunction (ctx, (JSObjectRef) value))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    if (!JSValueIsStrictEqual (ctx, value,
                               sprout_js_get (ctx, global, names[i], NULL)))
      continue;
    switch (i) {
    case 0:
      *gtype = G_TYPE_STRING;
      break;
    case 1:
      *gtype = G_TYPE_DOUBLE;
      break;
    case 2:
      *gtype = G_TYPE_BOOLEAN;
      break;
    default:
      *gtype = sprout_gtype_jsobject ();
      break;
    }
    return TRUE;
  }
  return FALSE;
}

static gboolean
sprout_gtype_from_number (JSContextRef ctx, JSValueRef value, GType *gtype)
{
  double number;

  if (!sprout_js_get_number (ctx, value, &number) || number < 0 ||
      number != floor (number))
    return FALSE;
  *gtype = (GType) number;
  return TRUE;
}

gboolean
sprout_gtype_from_js (JSContextRef ctx, JSValueRef value, GType *gtype,
                      JSValueRef *exception)
{
  JSValueRef inner;

  if (sprout_gtype_from_number (ctx, value, gtype))
    return TRUE;
  if (!JSValueIsObject (ctx, value))
    return FALSE;
  if (sprout_gtype_object_get (ctx, value, gtype))
    return TRUE;
  inner = sprout_js_get (ctx, (JSObjectRef) value, "$gtype", exception);
  if (inner == NULL)
    return FALSE;
  if (sprout_gtype_object_get (ctx, inner, gtype) ||
      sprout_gtype_from_number (ctx, inner, gtype))
    return TRUE;
  return sprout_gtype_from_js_constructor (ctx, value, gtype);
}

/* ---- JSObject ----------------------------------------------------------- */

/* GJS's "JSObject" boxed type: a GValue (property, signal argument) holding
 * any JS object. The boxed pointer is a reference-counted record that keeps
 * the object protected while any copy lives. The last unref happens on the
 * main thread in practice (GValues of properties and signals); elsewhere,
 * or once the context is gone, the object is left alone. */
typedef struct {
  gatomicrefcount ref_count;
  SproutHome *home; /* ref */
  JSObjectRef object;
} SproutJSObjectBox;

static gpointer
sprout_gtype_jsobject_copy (gpointer boxed)
{
  SproutJSObjectBox *box = boxed;

  g_atomic_ref_count_inc (&box->ref_count);
  return box;
}

static void
sprout_gtype_jsobject_free (gpointer boxed)
{
  SproutJSObjectBox *box = boxed;

  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;
  if (sprout_home_usable (box->home))
    JSValueUnprotect (box->home->ctx, box->object);
  sprout_home_unref (box->home);
  g_free (box);
}

gpointer
sprout_gtype_jsobject_box (JSContextRef ctx, JSObjectRef object)
{
  SproutJSObjectBox *box = g_new0 (SproutJSObjectBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->home = sprout_home_ref_for (ctx);
  box->object = object;
  JSValueProtect (ctx, object);
  return box;
}

JSObjectRef
sprout_gtype_jsobject_unbox (gconstpointer boxed)
{
  return boxed ? ((const SproutJSObjectBox *) boxed)->object : NULL;
}

GType
sprout_gtype_jsobject (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type)) {
    GType existing = g_type_from_name ("JSObject");
    if (existing == G_TYPE_INVALID)
      existing = g_boxed_type_register_static (
        "JSObject", sprout_gtype_jsobject_copy, sprout_gtype_jsobject_free);
    g_once_init_leave (&type, existing);
  }
  return type;
}

gboolean
sprout_gtype_arg_from_js (JSContextRef ctx, JSValueRef value, const char *what,
                          GType *gtype, JSValueRef *exception)
{
  JSValueRef local = NULL;

  if (sprout_gtype_from_js (ctx, value, gtype, &local) &&
      *gtype != G_TYPE_INVALID)
    return TRUE;
  if (local) {
    *exception = local;
    return FALSE;
  }
  sprout_js_throw (ctx, exception, "TypeError",
                   "%s: expected a GType (a class with $gtype or a GType "
                   "object), got %s",
                   what, sprout_js_type_name (ctx, value));
  return FALSE;
}
