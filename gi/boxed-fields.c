/* boxed-fields.c: the fields of structs and unions as accessors.
 *
 * How it works. When a struct/union class is made (boxed.c), every field
 * gets a plan, a SproutField: its offset, a SproutArg for its type chosen by
 * the argument cache's own families (arg-cache.c, transfer none, so reads
 * copy what they return and writes give C nothing to free), and four
 * function pointers fixed at plan time: `load`/`store` move the value
 * between the struct's memory and a GIArgument by C size, `get`/`set` do
 * the whole access. The accessor pair that js/object.js defines on the
 * prototype passes the receiver's token and the field's token (whose
 * private data is the plan) to one native call, so an access is one
 * crossing, two pointer checks and the family's marshaller, with no lookup
 * by name.
 *
 * What GJS 1.74 allows, Sprout allows; where GJS refuses, Sprout throws the
 * same message ("Reading/Writing field X.y is not supported"):
 *  - numbers, booleans, GType, gunichar, enums and flags: read and write,
 *    with the marshallers' type and range checks;
 *  - strings, C arrays behind pointers, GArray/GPtrArray, lists, hash
 *    tables, struct pointers (copied as a function's transfer-none return
 *    would be) and void pointers: read only;
 *  - object and interface pointers: read and write (the struct's wrapper
 *    keeps the JS object alive, since C holds no reference);
 *  - fixed-size arrays embedded in the struct, and C arrays counted by
 *    another field (GObject.SignalQuery.param_types): read only;
 *  - structs and unions embedded by value: reading gives a wrapper that
 *    shares the parent's memory and keeps the parent alive; writing copies
 *    a same-type value, or one built from a property object, into place,
 *    only for "simple" structs (boxed-type.c) as in GJS.
 * Unions get the same accessors (GJS has none for them). Where Sprout is
 * stricter or goes further than GJS: it reads embedded unions and
 * non-simple embedded structs (a shared view needs no copy); it refuses
 * writes to fields GI marks read-only (private fields such as a GValue's
 * g_type, which GJS writes); integers are range-checked at every width
 * (GJS wraps 32-bit ones); a receiver of the wrong type is a TypeError
 * (GJS reads the other struct's memory); types whose layout GI gets wrong
 * (bitfields, boxed-type.c) have no usable fields.
 */
#include "boxed-private.h"

#include <string.h>

#include "js-util.h"
#include "token.h"

/* Marshallers get an invoke; a field access has no call, so none of its
 * slots are ever read (no field plan has a length argument). */
static SproutCallable sprout_field_callable;
static SproutInvoke sprout_field_invoke = { &sprout_field_callable };

static const SproutTokenKind sprout_field_token = { "BoxedField", NULL };

/* ---- memory <-> GIArgument ---------------------------------------------- */

/* The marshallers read and write the GIArgument member of the C type's
 * size, so moving that member moves the value. */
#define SPROUT_DEFINE_FIELD_STORAGE(name, ctype, member)                       \
  static void sprout_field_load_##name (gconstpointer src, GIArgument *arg)    \
  {                                                                            \
    arg->member = *(const ctype *) src;                                        \
  }                                                                            \
  static void sprout_field_store_##name (gpointer dest, const GIArgument *arg) \
  {                                                                            \
    *(ctype *) dest = arg->member;                                             \
  }

SPROUT_DEFINE_FIELD_STORAGE (8, guint8, v_uint8)
SPROUT_DEFINE_FIELD_STORAGE (16, guint16, v_uint16)
SPROUT_DEFINE_FIELD_STORAGE (32, guint32, v_uint32)
SPROUT_DEFINE_FIELD_STORAGE (64, guint64, v_uint64)
SPROUT_DEFINE_FIELD_STORAGE (pointer, gpointer, v_pointer)

/* Enum marshallers use 32 bits whatever the storage: widen and narrow. */
#define SPROUT_DEFINE_ENUM_STORAGE(name, ctype, member)                        \
  static void sprout_field_load_##name (gconstpointer src, GIArgument *arg)    \
  {                                                                            \
    arg->member = *(const ctype *) src;                                        \
  }                                                                            \
  static void sprout_field_store_##name (gpointer dest, const GIArgument *arg) \
  {                                                                            \
    *(ctype *) dest = (ctype) arg->member;                                     \
  }

SPROUT_DEFINE_ENUM_STORAGE (enum_i8, gint8, v_int32)
SPROUT_DEFINE_ENUM_STORAGE (enum_u8, guint8, v_uint32)
SPROUT_DEFINE_ENUM_STORAGE (enum_i16, gint16, v_int32)
SPROUT_DEFINE_ENUM_STORAGE (enum_u16, guint16, v_uint32)
SPROUT_DEFINE_ENUM_STORAGE (enum_i64, gint64, v_int32)
SPROUT_DEFINE_ENUM_STORAGE (enum_u64, guint64, v_uint32)

/* Embedded fixed-size arrays: the array is the field's memory itself. */
static void
sprout_field_load_address (gconstpointer src, GIArgument *arg)
{
  arg->v_pointer = (gpointer) src;
}

/* By C size: 1, 2, 4 and 8 bytes. */
static const struct {
  SproutFieldLoad load;
  SproutFieldStore store;
} sprout_field_storage[] = {
  [1] = { sprout_field_load_8, sprout_field_store_8 },
  [2] = { sprout_field_load_16, sprout_field_store_16 },
  [4] = { sprout_field_load_32, sprout_field_store_32 },
  [8] = { sprout_field_load_64, sprout_field_store_64 },
};

static gboolean
sprout_field_storage_for_size (SproutField *field, gsize size)
{
  if (size >= G_N_ELEMENTS (sprout_field_storage) ||
      sprout_field_storage[size].load == NULL)
    return FALSE;
  field->load = sprout_field_storage[size].load;
  field->store = sprout_field_storage[size].store;
  return TRUE;
}

static gboolean
sprout_field_storage_for_enum (SproutField *field)
{
  GITypeTag storage =
    g_enum_info_get_storage_type ((GIEnumInfo *) field->arg.interface_info);

#define SPROUT_ENUM_CASE(tag, name)                                            \
  case tag:                                                                    \
    field->load = sprout_field_load_##name;                                    \
    field->store = sprout_field_store_##name;                                  \
    return TRUE;
  switch (storage) {
    SPROUT_ENUM_CASE (GI_TYPE_TAG_INT8, enum_i8)
    SPROUT_ENUM_CASE (GI_TYPE_TAG_UINT8, enum_u8)
    SPROUT_ENUM_CASE (GI_TYPE_TAG_INT16, enum_i16)
    SPROUT_ENUM_CASE (GI_TYPE_TAG_UINT16, enum_u16)
    SPROUT_ENUM_CASE (GI_TYPE_TAG_INT64, enum_i64)
    SPROUT_ENUM_CASE (GI_TYPE_TAG_UINT64, enum_u64)
  default:
    return sprout_field_storage_for_size (field, 4);
  }
#undef SPROUT_ENUM_CASE
}

/* C size of a basic (non-pointer) type; 0 if not one. */
static gsize
sprout_field_basic_size (GITypeTag tag)
{
  switch (tag) {
  case GI_TYPE_TAG_INT8:
  case GI_TYPE_TAG_UINT8:
    return 1;
  case GI_TYPE_TAG_INT16:
  case GI_TYPE_TAG_UINT16:
    return 2;
  case GI_TYPE_TAG_BOOLEAN:
  case GI_TYPE_TAG_INT32:
  case GI_TYPE_TAG_UINT32:
  case GI_TYPE_TAG_FLOAT:
  case GI_TYPE_TAG_UNICHAR:
    return 4;
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
  case GI_TYPE_TAG_DOUBLE:
    return 8;
  case GI_TYPE_TAG_GTYPE:
    return sizeof (GType);
  default:
    return 0;
  }
}

/* ---- get and set -------------------------------------------------------- */

static inline gpointer
sprout_field_memory (const SproutField *field, SproutBoxed *boxed)
{
  return (guint8 *) boxed->data + field->offset;
}

static JSValueRef
sprout_field_get_value (JSContextRef ctx, const SproutField *field,
                        SproutBoxed *boxed, JSValueRef wrapper,
                        JSValueRef *exception)
{
  GIArgument value = { 0 };

  field->load (sprout_field_memory (field, boxed), &value);
  return field->arg.out (ctx, &field->arg, &sprout_field_invoke, &value,
                         exception);
}

static gboolean
sprout_field_set_value (JSContextRef ctx, const SproutField *field,
                        SproutBoxed *boxed, JSValueRef wrapper,
                        JSValueRef value, JSValueRef *exception)
{
  GIArgument arg = { 0 };

  if (!field->arg.in (ctx, &field->arg, &sprout_field_invoke, value, &arg,
                      exception))
    return FALSE;
  field->store (sprout_field_memory (field, boxed), &arg);
  return TRUE;
}

/* C holds no reference on an object stored in a field, so the wrapper
 * (the outermost one, for nested structs) keeps the JS object alive. */
static gboolean
sprout_field_set_object (JSContextRef ctx, const SproutField *field,
                         SproutBoxed *boxed, JSValueRef wrapper,
                         JSValueRef value, JSValueRef *exception)
{
  char key[32];
  JSValueRef args[3];

  if (!sprout_field_set_value (ctx, field, boxed, wrapper, value, exception))
    return FALSE;
  if (wrapper == NULL || !JSValueIsObject (ctx, wrapper))
    return TRUE; /* nothing to keep it on */
  g_snprintf (key, sizeof key, "%p", sprout_field_memory (field, boxed));
  args[0] = wrapper;
  args[1] = sprout_js_value_from_utf8 (ctx, key);
  args[2] = value;
  return sprout_boxed_helper_call (ctx, "keepBoxedFieldValue", 3, args,
                                   exception) != NULL;
}

static JSValueRef
sprout_field_get_nested (JSContextRef ctx, const SproutField *field,
                         SproutBoxed *boxed, JSValueRef wrapper,
                         JSValueRef *exception)
{
  if (!JSValueIsObject (ctx, wrapper))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "Field '%s': no parent wrapper", field->arg.name);
  if (field->nested_prototype == NULL) {
    JSObjectRef prototype = sprout_boxed_prototype_for_info (
      ctx, field->arg.interface_info, exception);
    if (prototype == NULL)
      return NULL;
    JSValueProtect (ctx, prototype);
    ((SproutField *) field)->nested_prototype = prototype; /* a cache */
  }
  return sprout_boxed_wrap_nested (
    ctx, field->nested_prototype, field->arg.interface_info, field->arg.gtype,
    sprout_field_memory (field, boxed), (JSObjectRef) wrapper, exception);
}

/* The memory of a same-type wrapper, or of one built from @value by the
 * nested type's constructor ({field: value, ...}), as GJS does. */
static gpointer
sprout_field_nested_source (JSContextRef ctx, const SproutField *field,
                            JSValueRef value, JSValueRef *exception)
{
  GIBaseInfo *info = field->arg.interface_info;
  JSValueRef token =
    sprout_boxed_helper_call (ctx, "boxedTokenOf", 1, &value, exception);
  SproutBoxed *source = token ? sprout_boxed_of_token (ctx, token) : NULL;
  JSValueRef klass;
  JSObjectRef made;

  if (token == NULL)
    return NULL;
  if (source && source->data && g_base_info_equal (source->info, info))
    return source->data;
  klass = sprout_boxed_class_for_info (ctx, info, exception);
  made = klass ? JSObjectCallAsConstructor (ctx, (JSObjectRef) klass, 1, &value,
                                            exception)
               : NULL;
  if (made == NULL)
    return NULL;
  token = sprout_boxed_helper_call (ctx, "boxedTokenOf", 1,
                                    (JSValueRef *) &made, exception);
  source = token ? sprout_boxed_of_token (ctx, token) : NULL;
  if (source == NULL || source->data == NULL) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "Field '%s': could not make a %s", field->arg.name,
                       g_base_info_get_name (info));
    return NULL;
  }
  return source->data;
}

static gboolean
sprout_field_set_nested (JSContextRef ctx, const SproutField *field,
                         SproutBoxed *boxed, JSValueRef wrapper,
                         JSValueRef value, JSValueRef *exception)
{
  gpointer source = sprout_field_nested_source (ctx, field, value, exception);

  if (source == NULL)
    return FALSE;
  /* memmove: the source may be this very field (s.a = s.a). */
  memmove (sprout_field_memory (field, boxed), source, field->nested_size);
  return TRUE;
}

/* The value of an integer field, as an element count. */
static gsize
sprout_field_count (const SproutField *length, SproutBoxed *boxed)
{
  GIArgument value = { 0 };

  length->load (sprout_field_memory (length, boxed), &value);
  switch (length->arg.tag) {
  case GI_TYPE_TAG_INT8:
    return (gsize) MAX (value.v_int8, 0);
  case GI_TYPE_TAG_UINT8:
    return value.v_uint8;
  case GI_TYPE_TAG_INT16:
    return (gsize) MAX (value.v_int16, 0);
  case GI_TYPE_TAG_UINT16:
    return value.v_uint16;
  case GI_TYPE_TAG_INT32:
    return (gsize) MAX (value.v_int32, 0);
  case GI_TYPE_TAG_UINT32:
    return value.v_uint32;
  case GI_TYPE_TAG_INT64:
    return (gsize) MAX (value.v_int64, 0);
  default:
    return (gsize) value.v_uint64;
  }
}

/* C arrays whose length is another field (GObject.SignalQuery). */
static JSValueRef
sprout_field_get_counted_array (JSContextRef ctx, const SproutField *field,
                                SproutBoxed *boxed, JSValueRef wrapper,
                                JSValueRef *exception)
{
  gpointer data = *(gpointer *) sprout_field_memory (field, boxed);

  return sprout_array_c_to_js (ctx, &field->arg, data,
                               sprout_field_count (field->length, boxed),
                               exception);
}

static JSValueRef
sprout_field_get_unsupported (JSContextRef ctx, const SproutField *field,
                              SproutBoxed *boxed, JSValueRef wrapper,
                              JSValueRef *exception)
{
  return sprout_js_throw (
    ctx, exception, "Error", "Reading field %s.%s is not supported",
    g_base_info_get_name (field->owner->info), field->arg.name);
}

static gboolean
sprout_field_set_unsupported (JSContextRef ctx, const SproutField *field,
                              SproutBoxed *boxed, JSValueRef wrapper,
                              JSValueRef value, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "Error",
                   "Writing field %s.%s is not supported",
                   g_base_info_get_name (field->owner->info), field->arg.name);
  return FALSE;
}

/* GI marks private fields read-only (GValue's g_type, a class's parent
 * class): writing them would corrupt what C relies on. GJS writes them
 * anyway; Sprout refuses. */
static gboolean
sprout_field_set_read_only (JSContextRef ctx, const SproutField *field,
                            SproutBoxed *boxed, JSValueRef wrapper,
                            JSValueRef value, JSValueRef *exception)
{
  sprout_js_throw (ctx, exception, "TypeError", "Field %s.%s is read-only",
                   g_base_info_get_name (field->owner->info), field->arg.name);
  return FALSE;
}

/* ---- plans -------------------------------------------------------------- */

/* Structs and unions embedded by value. */
static void
sprout_field_plan_nested (SproutField *field)
{
  GIBaseInfo *info = field->arg.interface_info;

  field->nested_size = sprout_boxed_size (info);
  if (field->nested_size == 0)
    return;
  field->get = sprout_field_get_nested;
  if (!GI_IS_UNION_INFO (info) && sprout_boxed_info_is_simple (info))
    field->set = sprout_field_set_nested;
}

/* Chooses get/set for a field whose type a marshaller family handles. */
static void
sprout_field_plan_marshalled (SproutField *field)
{
  SproutArg *arg = &field->arg;
  GIInfoType info_type = arg->interface_info
                           ? g_base_info_get_type (arg->interface_info)
                           : GI_INFO_TYPE_INVALID;

  if (arg->is_pointer) {
    field->load = sprout_field_load_pointer;
    field->store = sprout_field_store_pointer;
    field->get = sprout_field_get_value;
    /* What GI lets a binding write through a pointer field. */
    if (info_type == GI_INFO_TYPE_OBJECT || info_type == GI_INFO_TYPE_INTERFACE)
      field->set = sprout_field_set_object;
    return;
  }
  if (arg->tag == GI_TYPE_TAG_ARRAY) {
    /* Only fixed-size C arrays live inside a struct. */
    if (arg->array_type == GI_ARRAY_TYPE_C && arg->fixed_size > 0) {
      field->load = sprout_field_load_address;
      field->get = sprout_field_get_value;
    }
    return;
  }
  if (info_type == GI_INFO_TYPE_ENUM || info_type == GI_INFO_TYPE_FLAGS) {
    if (!sprout_field_storage_for_enum (field))
      return;
  } else if (arg->tag == GI_TYPE_TAG_INTERFACE ||
             !sprout_field_storage_for_size (
               field, sprout_field_basic_size (arg->tag))) {
    return; /* objects and callbacks by value: GI cannot describe them */
  }
  field->get = sprout_field_get_value;
  field->set = sprout_field_set_value;
}

static void
sprout_field_plan (SproutField *field, SproutBoxedType *owner,
                   GIFieldInfo *info)
{
  SproutArg *arg = &field->arg;
  GIInfoType info_type;
  g_autoptr (GError) error = NULL;

  field->owner = owner;
  field->offset = (gsize) g_field_info_get_offset (info);
  field->get = sprout_field_get_unsupported;
  field->set = sprout_field_set_unsupported;
  arg->name = g_strdup (g_base_info_get_name (info));
  arg->type_info = g_field_info_get_type (info);
  arg->is_field = TRUE;
  arg->c_index = -1;
  arg->js_index = -1;
  arg->length_of = -1;
  arg->closure_index = -1;
  arg->destroy_index = -1;
  arg->direction = GI_DIRECTION_INOUT;
  arg->transfer = GI_TRANSFER_NOTHING;
  arg->nullable = TRUE; /* as GJS: any field may be set to null */
  sprout_arg_load_type (arg);

  info_type = arg->interface_info ? g_base_info_get_type (arg->interface_info)
                                  : GI_INFO_TYPE_INVALID;
  if (!arg->is_pointer &&
      (info_type == GI_INFO_TYPE_STRUCT || info_type == GI_INFO_TYPE_BOXED ||
       info_type == GI_INFO_TYPE_UNION)) {
    sprout_field_plan_nested (field);
    return;
  }
  if (!sprout_arg_init_marshallers (arg, &error))
    return; /* the accessors throw GJS's "not supported" */
  sprout_field_plan_marshalled (field);
}

static void
sprout_field_plan_access (SproutField *field, SproutBoxedType *owner,
                          GIFieldInfo *info)
{
  sprout_field_plan (field, owner, info);
  /* Without a trustworthy size (boxed.c), offsets are not either. */
  if (owner->size == 0) {
    field->get = sprout_field_get_unsupported;
    field->set = sprout_field_set_unsupported;
  } else if (!(g_field_info_get_flags (info) & GI_FIELD_IS_WRITABLE) &&
             field->set != sprout_field_set_unsupported) {
    field->set = sprout_field_set_read_only;
  }
}

/* Arrays counted by another field, once every field has its plan. */
static void
sprout_field_plan_counted (SproutField *field, SproutBoxedType *owner)
{
  const SproutField *length;

  if (field->arg.tag != GI_TYPE_TAG_ARRAY || field->arg.length_index < 0 ||
      field->arg.array_type != GI_ARRAY_TYPE_C || field->arg.in == NULL)
    return;
  length = (guint) field->arg.length_index < owner->n_fields
             ? &owner->fields[field->arg.length_index]
             : NULL;
  if (length == NULL || length->load == NULL ||
      sprout_field_basic_size (length->arg.tag) == 0 ||
      length->arg.tag == GI_TYPE_TAG_BOOLEAN ||
      length->arg.tag == GI_TYPE_TAG_FLOAT ||
      length->arg.tag == GI_TYPE_TAG_DOUBLE) {
    field->get = sprout_field_get_unsupported;
    return;
  }
  field->length = length;
  field->get = sprout_field_get_counted_array;
}

void
sprout_boxed_fields_plan (SproutBoxedType *type)
{
  GIBaseInfo *info = type->info;

  type->n_fields = (guint) sprout_boxed_info_n_fields (info);
  type->fields = g_new0 (SproutField, type->n_fields);
  type->field_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < type->n_fields; i++) {
    g_autoptr (SproutGIInfo) field_info =
      sprout_boxed_info_field (info, (gint) i);
    SproutField *field = &type->fields[i];

    sprout_field_plan_access (field, type, field_info);
    g_hash_table_insert (type->field_index, field->arg.name, field);
  }
  for (guint i = 0; i < type->n_fields && type->size > 0; i++)
    sprout_field_plan_counted (&type->fields[i], type);
}

void
sprout_boxed_fields_free (SproutBoxedType *type)
{
  for (guint i = 0; i < type->n_fields; i++)
    sprout_arg_clear (&type->fields[i].arg);
  g_clear_pointer (&type->fields, g_free);
  g_clear_pointer (&type->field_index, g_hash_table_unref);
  type->n_fields = 0;
}

/* ---- accessors ---------------------------------------------------------- */

gboolean
sprout_boxed_fields_define (JSContextRef ctx, JSObjectRef prototype,
                            SproutBoxedType *type, JSValueRef *exception)
{
  JSObjectRef names, tokens;
  JSValueRef args[4];

  if (type->n_fields == 0)
    return TRUE;
  names = sprout_js_array_new (ctx, exception);
  tokens = names ? sprout_js_array_new (ctx, exception) : NULL;
  if (tokens == NULL)
    return FALSE;
  for (guint i = 0; i < type->n_fields; i++) {
    sprout_js_array_set (ctx, names, i,
                         sprout_js_value_from_utf8 (ctx,
                                                    type->fields[i].arg.name));
    sprout_js_array_set (ctx, tokens, i,
                         sprout_boxed_field_token_new (ctx, &type->fields[i]));
  }
  args[0] = prototype;
  args[1] = names;
  args[2] = tokens;
  args[3] = JSValueMakeBoolean (ctx, type->constructs_fresh);
  return sprout_boxed_helper_call (ctx, "defineBoxedFields", 4, args,
                                   exception) != NULL;
}

/* The receiver's memory, if it is an instance of the field's type. */
static SproutBoxed *
sprout_field_receiver (JSContextRef ctx, const SproutField *field,
                       JSValueRef token, const char *verb,
                       JSValueRef *exception)
{
  SproutBoxed *boxed = sprout_boxed_of_token (ctx, token);

  if (G_LIKELY (boxed && boxed->data &&
                (boxed->info == field->owner->info ||
                 g_base_info_equal (boxed->info, field->owner->info))))
    return boxed;
  sprout_js_throw (ctx, exception, "TypeError",
                   "Cannot %s field '%s' of %s.%s: the object is not a %s "
                   "instance (the prototype, or another type)",
                   verb, field->arg.name,
                   g_base_info_get_namespace (field->owner->info),
                   g_base_info_get_name (field->owner->info),
                   g_base_info_get_name (field->owner->info));
  return NULL;
}

JSObjectRef
sprout_boxed_field_token_new (JSContextRef ctx, SproutField *field)
{
  return sprout_token_new (ctx, &sprout_field_token, field, 0);
}

const SproutField *
sprout_boxed_field_of_token (JSContextRef ctx, JSValueRef token,
                             JSValueRef *exception)
{
  const SproutField *field = sprout_token_get (ctx, token, &sprout_field_token);

  if (field == NULL)
    sprout_js_throw (ctx, exception, "TypeError", "Not a struct field");
  return field;
}

/* native.boxedFieldGet(token, field, wrapper) */
static JSValueRef
sprout_field_native_get (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc, const JSValueRef argv[],
                         JSValueRef *exception)
{
  const SproutField *field;
  SproutBoxed *boxed;

  if (argc < 3)
    return sprout_js_throw (ctx, exception, "TypeError", "Not a struct field");
  field = sprout_boxed_field_of_token (ctx, argv[1], exception);
  boxed = field ? sprout_field_receiver (ctx, field, argv[0], "read", exception)
                : NULL;
  if (boxed == NULL)
    return NULL;
  return field->get (ctx, field, boxed, argv[2], exception);
}

/* native.boxedFieldSet(token, field, wrapper, value) */
static JSValueRef
sprout_field_native_set (JSContextRef ctx, JSObjectRef function,
                         JSObjectRef self, size_t argc, const JSValueRef argv[],
                         JSValueRef *exception)
{
  const SproutField *field;
  SproutBoxed *boxed;

  if (argc < 4)
    return sprout_js_throw (ctx, exception, "TypeError", "Not a struct field");
  field = sprout_boxed_field_of_token (ctx, argv[1], exception);
  boxed = field
            ? sprout_field_receiver (ctx, field, argv[0], "write", exception)
            : NULL;
  if (boxed == NULL ||
      !field->set (ctx, field, boxed, argv[2], argv[3], exception))
    return NULL;
  return JSValueMakeUndefined (ctx);
}

void
sprout_boxed_fields_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "boxedFieldGet",
                             sprout_field_native_get);
  sprout_js_define_function (ctx, native, "boxedFieldSet",
                             sprout_field_native_set);
}

/* ---- initialisers ------------------------------------------------------- */

static gboolean
sprout_field_init_one (JSContextRef ctx, SproutBoxedType *type,
                       SproutBoxed *boxed, JSValueRef wrapper,
                       JSObjectRef props, JSValueRef key, JSValueRef *exception)
{
  g_autofree char *name = sprout_js_value_to_utf8 (ctx, key, exception);
  const SproutField *field;
  JSValueRef value;

  if (name == NULL)
    return FALSE;
  field = g_hash_table_lookup (type->field_index, name);
  if (field == NULL) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "No field \"%s\" on boxed type %s", name,
                     g_base_info_get_name (type->info));
    return FALSE;
  }
  value = JSObjectGetPropertyForKey (ctx, props, key, exception);
  return value && field->set (ctx, field, boxed, wrapper, value, exception);
}

/* A struct of another type is no initialiser (GJS silently sets nothing
 * from it, since its fields are not own properties): say so. */
static gboolean
sprout_field_init_not_boxed (JSContextRef ctx, SproutBoxedType *type,
                             JSValueRef props, JSValueRef *exception)
{
  JSValueRef token =
    sprout_boxed_helper_call (ctx, "boxedTokenOf", 1, &props, exception);
  SproutBoxed *other = token ? sprout_boxed_of_token (ctx, token) : NULL;

  if (token == NULL)
    return FALSE;
  if (other == NULL)
    return TRUE;
  sprout_js_throw (
    ctx, exception, "TypeError", "Cannot make a %s.%s from a %s.%s",
    g_base_info_get_namespace (type->info), g_base_info_get_name (type->info),
    g_base_info_get_namespace (other->info),
    g_base_info_get_name (other->info));
  return FALSE;
}

gboolean
sprout_boxed_fields_init (JSContextRef ctx, SproutBoxedType *type,
                          SproutBoxed *boxed, JSObjectRef wrapper,
                          JSValueRef props, JSValueRef *exception)
{
  JSValueRef keys;
  size_t n;

  if (!JSValueIsObject (ctx, props)) {
    sprout_js_throw (
      ctx, exception, "TypeError",
      "Cannot construct %s.%s: the argument should be an "
      "object with fields to set, not %s",
      g_base_info_get_namespace (type->info), g_base_info_get_name (type->info),
      JSValueIsNull (ctx, props) ? "null" : sprout_js_type_name (ctx, props));
    return FALSE;
  }
  if (!sprout_field_init_not_boxed (ctx, type, props, exception))
    return FALSE;
  /* Own keys only (the C API would add inherited enumerable ones). */
  keys = sprout_boxed_helper_call (ctx, "boxedInitKeys", 1, &props, exception);
  if (keys == NULL)
    return FALSE;
  n = (size_t) JSValueToNumber (
    ctx, sprout_js_get (ctx, (JSObjectRef) keys, "length", NULL), NULL);
  for (size_t i = 0; i < n; i++) {
    JSValueRef key =
      JSObjectGetPropertyAtIndex (ctx, (JSObjectRef) keys, (unsigned) i, NULL);
    if (!sprout_field_init_one (ctx, type, boxed, wrapper, (JSObjectRef) props,
                                key, exception))
      return FALSE;
  }
  return TRUE;
}
