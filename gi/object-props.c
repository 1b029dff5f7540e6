/* object-props.c: GObject properties as JS accessors (object.h).
 *
 * Each class prototype gets, for every property its GType declares, an
 * accessor pair made by helpers.makeAccessor(key) in js/object.js, defined
 * under the names GJS answers to: snake_case (`application_id`), camelCase
 * (`applicationId`) and the canonical name itself (`application-id`),
 * enumerable and configurable as in GJS. A property wins over a method of
 * the same name on the same prototype (GJS 1.74: Regress.TestObj's
 * name_conflict is the property).
 *
 * The getter and setter call native.getProperty / native.setProperty with
 * this's token and the key, which convert through gvalue.c. The key is a
 * small Number, the index of the GParamSpec in a process-wide table, so the
 * hot path needs no string conversion and no property lookup; it still
 * checks that the object has the property, since an accessor can be called
 * on another wrapper. The natives also take a property name in any of the
 * three forms, for callers other than the accessors.
 *
 * Which prototype: a property goes on the prototype of the type that owns
 * it. Properties a class gets from an interface are listed by GObject under
 * the interface (overrides are folded into their target), so they go on the
 * first class of the chain that implements the interface.
 *
 * GJS behaviours kept: reading a write-only property gives undefined;
 * writing a read-only one throws "Property T.name is not writable"; writing
 * a construct-only property after construction is left to GObject, which
 * warns and keeps the value (GJS does the same; its own conformance suite
 * sets one and expects no exception). Constructor property bags take
 * camelCase, snake_case and kebab-case keys (own enumerable string keys
 * only; the first key naming a property wins), and an unknown key throws
 * "No property K on T".
 */
#include "gi-private.h"

#include <string.h>

#include "engine.h"
#include "gtype.h"
#include "gvalue.h"
#include "js-fast.h"
#include "js-util.h"
#include "object.h"

/* The param specs that accessors name by index (see top), each with a
 * reference, and their indexes. Only grows, by one entry per property of
 * each class used. */
static GPtrArray *sprout_props_table;
static GHashTable *sprout_props_indexes; /* GParamSpec -> index + 1 */

static guint
sprout_props_table_add (GParamSpec *pspec)
{
  guint index;

  if (sprout_props_table == NULL) {
    sprout_props_table =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_param_spec_unref);
    sprout_props_indexes = g_hash_table_new (NULL, NULL);
  }
  index = GPOINTER_TO_UINT (g_hash_table_lookup (sprout_props_indexes, pspec));
  if (index > 0)
    return index - 1;
  g_ptr_array_add (sprout_props_table, g_param_spec_ref (pspec));
  g_hash_table_insert (sprout_props_indexes, pspec,
                       GUINT_TO_POINTER (sprout_props_table->len));
  return sprout_props_table->len - 1;
}

static char *sprout_props_canonical_name (const char *key);

/* g_param_spec_get_redirect_target() without its type checks, which cost
 * more than the rest of a property write: only override specs redirect. */
static inline GParamSpec *
sprout_props_redirect_target (GParamSpec *pspec)
{
  if (G_LIKELY (G_PARAM_SPEC_TYPE (pspec) != G_TYPE_PARAM_OVERRIDE))
    return NULL;
  return ((GParamSpecOverride *) pspec)->overridden;
}

/* The property of @object that @key names: a table index from an accessor
 * or a property name in any form. NULL with an exception if @object has no
 * such property. */
static GParamSpec *
sprout_props_resolve (JSContextRef ctx, GObject *object, JSValueRef key,
                      JSValueRef *exception)
{
  g_autofree char *text = NULL, *name = NULL;
  GParamSpec *pspec = NULL;
  double index;

  if (sprout_js_get_number (ctx, key, &index)) {
    if (index >= 0 && sprout_props_table && index < sprout_props_table->len) {
      pspec = g_ptr_array_index (sprout_props_table, (guint) index);
      if (G_LIKELY (G_OBJECT_TYPE (object) == pspec->owner_type) ||
          g_type_is_a (G_OBJECT_TYPE (object), pspec->owner_type))
        return pspec;
    }
    if (pspec == NULL) {
      sprout_js_throw (ctx, exception, "TypeError", "No property #%g", index);
      return NULL;
    }
    /* Another object's accessor: look the name up on this one. */
    name = g_strdup (pspec->name);
  } else {
    if (!JSValueIsString (ctx, key)) {
      sprout_js_throw (ctx, exception, "TypeError",
                       "Property name must be a string");
      return NULL;
    }
    text = sprout_js_value_to_utf8 (ctx, key, exception);
    if (text == NULL)
      return NULL;
    name = sprout_props_canonical_name (text);
  }
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  if (pspec == NULL)
    sprout_js_throw (ctx, exception, "Error", "No property %s on %s",
                     text ? text : name, G_OBJECT_TYPE_NAME (object));
  return pspec;
}

/* "Property Owner.name", naming a property in conversion errors. Kept on
 * the param spec: formatting it for every write would cost more than the
 * write. */
static const char *
sprout_props_what (GParamSpec *pspec)
{
  static GQuark quark;
  char *what;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("sprout-props-what");
  what = g_param_spec_get_qdata (pspec, quark);
  if (G_UNLIKELY (what == NULL)) {
    what = g_strdup_printf ("Property %s.%s", g_type_name (pspec->owner_type),
                            pspec->name);
    g_param_spec_set_qdata_full (pspec, quark, what, g_free);
  }
  return what;
}

static gboolean
sprout_props_throw_not_writable (JSContextRef ctx, GType gtype,
                                 GParamSpec *pspec, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "Error", "Property %s.%s is not writable",
                   g_type_name (gtype), pspec->name);
  return FALSE;
}

/* g_object_get_property() by param spec, for the accessors' hot path.
 * GObject's own version looks the name up again, and takes and drops a
 * reference on the object, which for a wrapped object means two toggle
 * notifications (rooting and unrooting the wrapper): most of a property
 * read. The wrapper's reference keeps the object alive here (unrefs from JS
 * are deferred), so this calls the owning class's get_property as GObject
 * does. Interface-owned and deprecated properties (GObject resolves or warns
 * about those) take GObject's path. */
static void
sprout_props_get_value (GObject *object, GParamSpec *pspec, GValue *value)
{
  GParamSpec *target = sprout_props_redirect_target (pspec);
  GTypeInstance *instance = (GTypeInstance *) object;
  GObjectClass *klass;

  if (G_UNLIKELY (G_TYPE_IS_INTERFACE (pspec->owner_type) ||
                  ((target ? target : pspec)->flags & G_PARAM_DEPRECATED))) {
    g_object_get_property (object, pspec->name, value);
    return;
  }
  if (G_LIKELY (instance->g_class->g_type == pspec->owner_type))
    klass = (GObjectClass *) instance->g_class;
  else
    klass = g_type_class_peek (pspec->owner_type);
  klass->get_property (object, pspec->param_id, value, target ? target : pspec);
}

/* native.getProperty(token, name) */
static JSValueRef
sprout_props_native_get (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc, const JSValueRef argv[],
                         JSValueRef *exception)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;
  GObject *object;

  if (argc < 2)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "getProperty(token, name)");
  if (!sprout_object_access_live_token (ctx, argv[0], "get any property from",
                                        &object, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeUndefined (ctx); /* finalized: as GJS */
  pspec = sprout_props_resolve (ctx, object, argv[1], exception);
  if (pspec == NULL)
    return NULL;
  if (!(pspec->flags & G_PARAM_READABLE))
    return JSValueMakeUndefined (ctx); /* as GJS */
  g_value_init (&value, pspec->value_type);
  sprout_props_get_value (object, pspec, &value);
  /* The commonest types without gvalue.c's checks and type queries. */
  switch (pspec->value_type) {
  case G_TYPE_BOOLEAN:
    return sprout_js_make_boolean (ctx, value.data[0].v_int != FALSE);
  case G_TYPE_INT:
    return sprout_js_make_number (ctx, value.data[0].v_int);
  case G_TYPE_UINT:
    return sprout_js_make_number (ctx, value.data[0].v_uint);
  case G_TYPE_DOUBLE:
    return sprout_js_make_number (ctx, value.data[0].v_double);
  default:
    return sprout_gvalue_to_js (ctx, &value, exception);
  }
}

/* Whether nothing can observe when (or how often) @object emits "notify":
 * no handler, no notify or dispatch override. GObject defers the
 * notifications a setter makes until after it returns and merges
 * duplicates; without observers that makes no difference. */
static gboolean
sprout_props_notify_unobserved (GObject *object)
{
  static guint notify_id;
  static GObjectClass *base;
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  if (G_UNLIKELY (base == NULL)) {
    base = g_type_class_ref (G_TYPE_OBJECT);
    notify_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
  }
  return klass->notify == base->notify &&
         klass->dispatch_properties_changed ==
           base->dispatch_properties_changed &&
         g_signal_handler_find (object, G_SIGNAL_MATCH_ID, notify_id, 0, NULL,
                                NULL, NULL) == 0;
}

/* g_object_set_property() by param spec, for the accessors' hot path. As
 * for reads (sprout_props_get_value), GObject's version costs a name
 * look-up and two toggle notifications; it also freezes notifications,
 * which matters only if someone observes them. So: when nothing observes
 * notify and the value is valid, call the owner's set_property and notify
 * as GObject would; in every other case (interface-owned, deprecated,
 * construct-only, invalid values: GObject warns) take GObject's path. */
static void
sprout_props_set_value (GObject *object, GParamSpec *pspec,
                        const GValue *value)
{
  GParamSpec *target = sprout_props_redirect_target (pspec);
  GParamSpec *effective = target ? target : pspec;
  GTypeInstance *instance = (GTypeInstance *) object;
  GObjectClass *klass;

  if (G_UNLIKELY (G_TYPE_IS_INTERFACE (pspec->owner_type) ||
                  ((pspec->flags | effective->flags) &
                   (G_PARAM_DEPRECATED | G_PARAM_CONSTRUCT_ONLY)) ||
                  G_VALUE_TYPE (value) != effective->value_type ||
                  /* Any boolean is valid: skip the call for the commonest
                   * writes. */
                  (G_PARAM_SPEC_TYPE (effective) != G_TYPE_PARAM_BOOLEAN &&
                   !g_param_value_is_valid (effective, value)) ||
                  !sprout_props_notify_unobserved (object))) {
    g_object_set_property (object, pspec->name, value);
    return;
  }
  if (G_LIKELY (instance->g_class->g_type == pspec->owner_type))
    klass = (GObjectClass *) instance->g_class;
  else
    klass = g_type_class_peek (pspec->owner_type);
  klass->set_property (object, pspec->param_id, value, effective);
  if (!(effective->flags & G_PARAM_EXPLICIT_NOTIFY) &&
      (effective->flags & G_PARAM_READABLE))
    g_object_notify_by_pspec (object, effective);
}

/* native.setProperty(token, name, value) */
static JSValueRef
sprout_props_native_set (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc, const JSValueRef argv[],
                         JSValueRef *exception)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;
  GObject *object;

  if (argc < 3)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "setProperty(token, name, value)");
  if (!sprout_object_access_live_token (ctx, argv[0], "set any property on",
                                        &object, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeUndefined (ctx); /* finalized: as GJS */
  pspec = sprout_props_resolve (ctx, object, argv[1], exception);
  if (pspec == NULL)
    return NULL;
  if (!(pspec->flags & G_PARAM_WRITABLE)) {
    sprout_props_throw_not_writable (ctx, G_OBJECT_TYPE (object), pspec,
                                     exception);
    return NULL;
  }
  g_value_init (&value, pspec->value_type);
  if (!sprout_gvalue_from_js (ctx, argv[2], &value, sprout_props_what (pspec),
                              exception))
    return NULL;
  /* Construct-only after construction: GObject warns and ignores it. */
  sprout_props_set_value (object, pspec, &value);
  return JSValueMakeUndefined (ctx);
}

void
sprout_object_props_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "getProperty",
                             sprout_props_native_get);
  sprout_js_define_function (ctx, native, "setProperty",
                             sprout_props_native_set);
}

/* ---- accessors on prototypes -------------------------------------------- */

/* Whether @pspec's accessors belong on @gtype's prototype (see top). */
static gboolean
sprout_props_is_own (GParamSpec *pspec, GType gtype)
{
  GType parent;

  if (pspec->owner_type == gtype)
    return TRUE;
  if (!G_TYPE_IS_INTERFACE (pspec->owner_type) || G_TYPE_IS_INTERFACE (gtype))
    return FALSE;
  parent = g_type_parent (gtype);
  return parent == 0 || !g_type_is_a (parent, pspec->owner_type);
}

/* "application-id" -> "applicationId" (transfer full). */
static char *
sprout_props_camel_name (const char *name)
{
  GString *camel = g_string_sized_new (strlen (name));
  gboolean upper = FALSE;

  for (const char *p = name; *p; p++) {
    if (*p == '-' || *p == '_') {
      upper = TRUE;
      continue;
    }
    g_string_append_c (camel, upper ? g_ascii_toupper (*p) : *p);
    upper = FALSE;
  }
  return g_string_free (camel, FALSE);
}

static gboolean
sprout_props_define_one (JSContextRef ctx, JSObjectRef define_property,
                         JSObjectRef prototype, JSObjectRef make_accessor,
                         GParamSpec *pspec, JSValueRef *exception)
{
  g_autofree char *snake = g_strdelimit (g_strdup (pspec->name), "-", '_');
  g_autofree char *camel = sprout_props_camel_name (pspec->name);
  const char *names[3] = { snake, NULL, NULL };
  JSValueRef args[3], descriptor;

  args[0] = JSValueMakeNumber (ctx, sprout_props_table_add (pspec));
  descriptor =
    JSObjectCallAsFunction (ctx, make_accessor, NULL, 1, args, exception);
  if (descriptor == NULL)
    return FALSE;
  if (!JSValueIsObject (ctx, descriptor)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "makeAccessor() did not return an object");
    return FALSE;
  }
  if (!sprout_js_set (ctx, (JSObjectRef) descriptor, "enumerable",
                      JSValueMakeBoolean (ctx, TRUE), 0, exception) ||
      !sprout_js_set (ctx, (JSObjectRef) descriptor, "configurable",
                      JSValueMakeBoolean (ctx, TRUE), 0, exception))
    return FALSE;
  if (strcmp (camel, snake) != 0) {
    names[1] = camel;
    names[2] = pspec->name; /* kebab-case, for obj['application-id'] */
  }
  args[0] = prototype;
  args[2] = descriptor;
  for (guint i = 0; i < G_N_ELEMENTS (names) && names[i]; i++) {
    args[1] = sprout_js_value_from_utf8 (ctx, names[i]);
    if (!JSObjectCallAsFunction (ctx, define_property, NULL, 3, args,
                                 exception))
      return FALSE;
  }
  return TRUE;
}

/* The properties listed for @gtype (class or interface), or NULL. */
static GParamSpec **
sprout_props_list (GType gtype, guint *n)
{
  *n = 0;
  if (G_TYPE_IS_INTERFACE (gtype)) {
    gpointer iface = g_type_default_interface_ref (gtype);
    GParamSpec **pspecs = g_object_interface_list_properties (iface, n);
    g_type_default_interface_unref (iface);
    return pspecs;
  }
  if (g_type_is_a (gtype, G_TYPE_OBJECT)) {
    g_autoptr (GTypeClass) klass = g_type_class_ref (gtype);
    return g_object_class_list_properties ((GObjectClass *) klass, n);
  }
  return NULL;
}

static JSObjectRef
sprout_props_object_function (JSContextRef ctx, const char *name,
                              JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef object = JSObjectGetProperty (
    ctx, global, sprout_engine_static_string ("Object"), exception);
  JSValueRef function;

  if (object == NULL)
    return NULL;
  function = JSObjectGetProperty (ctx, (JSObjectRef) object,
                                  sprout_engine_static_string (name), exception);
  if (function == NULL)
    return NULL;
  return (JSObjectRef) function;
}

gboolean
sprout_object_props_define (JSContextRef ctx, JSObjectRef prototype,
                            GType gtype, JSObjectRef helpers,
                            JSValueRef *exception)
{
  g_autofree GParamSpec **pspecs = NULL;
  JSObjectRef make_accessor = NULL, define_property = NULL;
  guint n;

  pspecs = sprout_props_list (gtype, &n);
  for (guint i = 0; i < n; i++) {
    if (!sprout_props_is_own (pspecs[i], gtype))
      continue;
    if (make_accessor == NULL) {
      JSValueRef value =
        sprout_js_get (ctx, helpers, "makeAccessor", exception);
      if (value == NULL)
        return FALSE;
      make_accessor = (JSObjectRef) value;
      define_property =
        sprout_props_object_function (ctx, "defineProperty", exception);
      if (define_property == NULL)
        return FALSE;
    }
    if (!sprout_props_define_one (ctx, define_property, prototype,
                                  make_accessor, pspecs[i], exception))
      return FALSE;
  }
  return TRUE;
}

/* ---- constructor property bags ------------------------------------------ */

/* "applicationId", "application_id" -> "application-id" (transfer full). */
static char *
sprout_props_canonical_name (const char *key)
{
  GString *name = g_string_sized_new (strlen (key) + 4);

  for (const char *p = key; *p; p++) {
    if (g_ascii_isupper (*p)) {
      g_string_append_c (name, '-');
      g_string_append_c (name, g_ascii_tolower (*p));
    } else {
      g_string_append_c (name, *p == '_' ? '-' : *p);
    }
  }
  return g_string_free (name, FALSE);
}

/* sprout_props_canonical_name() into @buffer when it fits (it is at most
 * twice as long as @key), else into @heap. */
static const char *
sprout_props_canonicalize (const char *key, char *buffer, gsize size,
                           char **heap)
{
  char *out = buffer;

  if (strlen (key) * 2 >= size)
    return *heap = sprout_props_canonical_name (key);
  for (const char *p = key; *p; p++) {
    if (g_ascii_isupper (*p)) {
      *out++ = '-';
      *out++ = g_ascii_tolower (*p);
    } else {
      *out++ = *p == '_' ? '-' : *p;
    }
  }
  *out = '\0';
  return buffer;
}

/* The name constructors are known by in messages: the GI name if any. */
static char *
sprout_props_class_name (GType gtype)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, gtype);

  return g_strdup (info ? g_base_info_get_name (info) : g_type_name (gtype));
}

void
sprout_object_props_init (SproutObjectProps *props)
{
  props->n = 0;
  props->size = G_N_ELEMENTS (props->inline_values);
  props->names = props->inline_names;
  props->values = props->inline_values;
}

void
sprout_object_props_clear (SproutObjectProps *props)
{
  for (guint i = 0; i < props->n; i++)
    g_value_unset (&props->values[i]);
  if (props->values != props->inline_values) {
    g_free (props->values);
    g_free (props->names);
  }
  sprout_object_props_init (props);
}

/* Room for one more entry: past the inline ones, both arrays move to the
 * heap (a GValue may move while it holds its value). */
static void
sprout_props_grow (SproutObjectProps *props)
{
  guint size = props->size * 2;
  const char **names;
  GValue *values;

  if (props->n < props->size)
    return;
  names = g_new (const char *, size);
  values = g_new0 (GValue, size);
  memcpy (names, props->names, props->n * sizeof *names);
  memcpy (values, props->values, props->n * sizeof *values);
  if (props->values != props->inline_values) {
    g_free (props->names);
    g_free (props->values);
  }
  props->names = names;
  props->values = values;
  props->size = size;
}

static gboolean sprout_props_bag_add_pspec (JSContextRef ctx,
                                            SproutObjectProps *bag, GType gtype,
                                            GParamSpec *pspec, JSValueRef value,
                                            JSValueRef *exception);

/* Adds @key = @value to @bag unless @bag has the property already. */
static gboolean
sprout_props_bag_add (JSContextRef ctx, SproutObjectProps *bag,
                      GObjectClass *klass, GType gtype, const char *key,
                      JSValueRef value, JSValueRef *exception)
{
  g_autofree char *heap = NULL;
  char buffer[64];
  const char *name = sprout_props_canonicalize (key, buffer, sizeof buffer,
                                                &heap);
  GParamSpec *pspec = g_object_class_find_property (klass, name);

  if (pspec == NULL) {
    sprout_js_throw (ctx, exception, "Error", "No property %s on %s", key,
                     g_type_name (gtype));
    return FALSE;
  }
  return sprout_props_bag_add_pspec (ctx, bag, gtype, pspec, value, exception);
}

static gboolean
sprout_props_bag_add_pspec (JSContextRef ctx, SproutObjectProps *bag,
                            GType gtype, GParamSpec *pspec, JSValueRef value,
                            JSValueRef *exception)
{
  GValue *gvalue;

  if (!(pspec->flags & G_PARAM_WRITABLE))
    return sprout_props_throw_not_writable (ctx, gtype, pspec, exception);
  for (guint i = 0; i < bag->n; i++)
    if (bag->names[i] == pspec->name)
      return TRUE; /* the first key naming a property wins, as in GJS */
  sprout_props_grow (bag);
  gvalue = &bag->values[bag->n];
  memset (gvalue, 0, sizeof *gvalue);
  g_value_init (gvalue, pspec->value_type);
  if (!sprout_gvalue_from_js (ctx, value, gvalue, sprout_props_what (pspec),
                              exception)) {
    g_value_unset (gvalue);
    return FALSE;
  }
  /* GParamSpec names are interned already. */
  bag->names[bag->n++] = pspec->name;
  return TRUE;
}

/* Object.keys(@props). The function is looked up once per context (the
 * look-up cost more than the call). */
static JSObjectRef
sprout_props_keys (JSContextRef ctx, JSObjectRef props, JSValueRef *exception)
{
  static JSGlobalContextRef owner;
  static guint epoch;
  static JSObjectRef keys_function;
  JSValueRef args[1] = { props }, keys;

  if (owner != JSContextGetGlobalContext (ctx) || epoch != sprout_gi_epoch) {
    /* A function of a context that is gone needs no unprotecting. */
    keys_function = sprout_props_object_function (ctx, "keys", exception);
    if (keys_function == NULL)
      return NULL;
    JSValueProtect (ctx, keys_function);
    owner = JSContextGetGlobalContext (ctx);
    epoch = sprout_gi_epoch;
  }
  keys = JSObjectCallAsFunction (ctx, keys_function, NULL, 1, args, exception);
  return keys ? (JSObjectRef) keys : NULL;
}

/* The UTF-8 text of the property key @key (a string: Object.keys gives
 * strings), in @buffer if it is short ASCII, else allocated into @heap. */
static const char *
sprout_props_key_text (JSContextRef ctx, JSValueRef key, char *buffer,
                       gsize size, char **heap, JSValueRef *exception)
{
  g_autoptr (SproutJSString) string = NULL;
  const guint8 *chars;
  gsize length;
  guint8 any = 0;

  if (sprout_js_get_latin1 (key, &chars, &length) && length < size) {
    for (gsize i = 0; i < length; i++)
      any |= chars[i];
    if (any < 0x80) {
      memcpy (buffer, chars, length);
      buffer[length] = '\0';
      return buffer;
    }
  }
  string = JSValueToStringCopy (ctx, key, exception);
  if (string == NULL)
    return NULL;
  return *heap = sprout_js_string_to_utf8 (string);
}

static gboolean
sprout_props_collect_keys (JSContextRef ctx, GObjectClass *klass, GType gtype,
                           JSObjectRef props, SproutObjectProps *bag,
                           JSValueRef *exception)
{
  JSObjectRef keys = sprout_props_keys (ctx, props, exception);
  JSValueRef length_value;
  guint length;

  if (keys == NULL)
    return FALSE;
  length_value = JSObjectGetProperty (
    ctx, keys, sprout_engine_static_string ("length"), exception);
  if (length_value == NULL)
    return FALSE;
  length = (guint) JSValueToNumber (ctx, length_value, NULL);
  for (guint i = 0; i < length; i++) {
    JSValueRef key = JSObjectGetPropertyAtIndex (ctx, keys, i, exception);
    g_autofree char *heap = NULL;
    char buffer[64];
    const char *name;
    JSValueRef value;

    if (key == NULL)
      return FALSE;
    name = sprout_props_key_text (ctx, key, buffer, sizeof buffer, &heap,
                                  exception);
    if (name == NULL)
      return FALSE;
    value = JSObjectGetPropertyForKey (ctx, props, key, exception);
    if (value == NULL)
      return FALSE;
    if (!sprout_props_bag_add (ctx, bag, klass, gtype, name, value, exception))
      return FALSE;
  }
  return TRUE;
}

gboolean
sprout_object_props_collect (JSContextRef ctx, GType gtype, JSValueRef props,
                             SproutObjectProps *bag, JSValueRef *exception)
{
  g_autoptr (GTypeClass) klass = NULL;

  if (JSValueIsUndefined (ctx, props) || JSValueIsNull (ctx, props))
    return TRUE;
  if (!JSValueIsObject (ctx, props)) {
    g_autofree char *class_name = sprout_props_class_name (gtype);
    sprout_js_throw (ctx, exception, "Error",
                     "Argument to the constructor of %s should be an object "
                     "with properties to set",
                     class_name);
    return FALSE;
  }
  klass = g_type_class_ref (gtype);
  if (!sprout_props_collect_keys (ctx, (GObjectClass *) klass, gtype,
                                  (JSObjectRef) props, bag, exception)) {
    sprout_object_props_clear (bag);
    return FALSE;
  }
  return TRUE;
}

/* ---- property bags by index --------------------------------------------- */

/* native.propIndex(gtype, key) -> the table index of the property @key
 * names on @gtype. js/object.js caches the answer per class and key, so a
 * constructor's bag needs no name conversion or lookup after the first
 * time (sprout_object_props_collect_indexed). */
static JSValueRef
sprout_props_native_index (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *key = NULL, *name = NULL;
  g_autoptr (GTypeClass) klass = NULL;
  GType gtype = G_TYPE_INVALID;
  GParamSpec *pspec;

  if (argc < 2 || !sprout_gtype_from_js (ctx, argv[0], &gtype, NULL) ||
      !g_type_is_a (gtype, G_TYPE_OBJECT))
    return sprout_js_throw (ctx, exception, "TypeError", "propIndex()");
  key = sprout_js_value_to_utf8 (ctx, argv[1], exception);
  if (key == NULL)
    return NULL;
  name = sprout_props_canonical_name (key);
  klass = g_type_class_ref (gtype);
  pspec = g_object_class_find_property ((GObjectClass *) klass, name);
  if (pspec == NULL)
    return sprout_js_throw (ctx, exception, "Error", "No property %s on %s",
                            key, g_type_name (gtype));
  return JSValueMakeNumber (ctx, sprout_props_table_add (pspec));
}

gboolean
sprout_object_props_collect_indexed (JSContextRef ctx, GType gtype,
                                     size_t n_pairs, const JSValueRef pairs[],
                                     SproutObjectProps *bag,
                                     JSValueRef *exception)
{
  for (size_t i = 0; i < n_pairs; i++) {
    double index = -1;

    if (!sprout_js_get_number (ctx, pairs[2 * i], &index) || !(index >= 0) ||
        sprout_props_table == NULL || index >= sprout_props_table->len) {
      sprout_js_throw (ctx, exception, "TypeError", "bad property index");
      sprout_object_props_clear (bag);
      return FALSE;
    }
    if (!sprout_props_bag_add_pspec (
          ctx, bag, gtype,
          g_ptr_array_index (sprout_props_table, (guint) index),
          pairs[2 * i + 1], exception)) {
      sprout_object_props_clear (bag);
      return FALSE;
    }
  }
  return TRUE;
}

void
sprout_object_props_define_index_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "propIndex",
                             sprout_props_native_index);
}
