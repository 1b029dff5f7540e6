/* marshal-list.c: marshallers for GList, GSList and GHashTable.
 *
 * How it works. Like arrays (marshal-array.c), a list's element type and a
 * hash table's key and value types get their own SproutArg plans, built by
 * sprout_arg_init_marshallers() (transfer full if the container's transfer
 * is full, none otherwise). Each plan lives in a SproutListPlan with the
 * slot ops chosen for its type: lists and hash tables hold one pointer per
 * value, so integers up to 32 bits and GTypes are stuffed into the pointer
 * (GINT_TO_POINTER) and 64-bit integers, floats and doubles are boxed in
 * g_malloc'd memory, as GIMarshallingTests expects of GJS; pointers are
 * stored as they are. A list plan also holds the list kind (GList or
 * GSList): how to build a list from a vector of slots and flatten one back,
 * so that both kinds share one conversion path.
 *
 * JS -> C: a list comes from an array-like, a hash table from an object's
 * enumerable string keys (GJS), converted to the key type (integer keys are
 * parsed from property names), with g_str_hash for string keys and direct
 * hashing otherwise. C -> JS: lists become Arrays, hash tables plain objects
 * with stringified keys. Ownership follows the transfer as for arrays; when
 * we free the keys and values ourselves, hash tables are emptied with
 * g_hash_table_foreach_steal() first so that their own destroy functions
 * never free them twice.
 */
#include "arg-cache.h"

#include <math.h>

#include <gio/gio.h>

#include "js-util.h"

typedef struct {
  gpointer (*pack) (const GIArgument *arg); /* may allocate a box */
  void (*unpack) (gpointer slot, GIArgument *arg);
  GDestroyNotify free_box; /* boxed slots only */
} SproutSlotOps;

typedef struct {
  gpointer (*build) (gpointer *slots, gsize n);
  /* Stores up to @max data pointers in @slots; returns the length. */
  gsize (*flatten) (gpointer list, gpointer *slots, gsize max);
  void (*free) (gpointer list);
} SproutListKind;

typedef struct {
  SproutArg element; /* first: self->element (or self->value) points here */
  const SproutSlotOps *slot;
  const SproutListKind *kind; /* lists */
  GHashFunc hash;             /* hash-table keys */
  GEqualFunc equal;
} SproutListPlan;

static inline const SproutListPlan *
sprout_list_plan (const SproutArg *plan_arg)
{
  return (const SproutListPlan *) plan_arg;
}

/* --- Slots ------------------------------------------------------------ */

#define SPROUT_DEFINE_STUFFED(name, field, ctype, to_pointer, from_pointer)    \
  static gpointer sprout_pack_##name (const GIArgument *arg)                   \
  {                                                                            \
    return to_pointer (arg->field);                                            \
  }                                                                            \
  static void sprout_unpack_##name (gpointer slot, GIArgument *arg)            \
  {                                                                            \
    arg->field = (ctype) from_pointer (slot);                                  \
  }

SPROUT_DEFINE_STUFFED (int8, v_int8, gint8, GINT_TO_POINTER, GPOINTER_TO_INT)
SPROUT_DEFINE_STUFFED (uint8, v_uint8, guint8, GUINT_TO_POINTER,
                       GPOINTER_TO_UINT)
SPROUT_DEFINE_STUFFED (int16, v_int16, gint16, GINT_TO_POINTER, GPOINTER_TO_INT)
SPROUT_DEFINE_STUFFED (uint16, v_uint16, guint16, GUINT_TO_POINTER,
                       GPOINTER_TO_UINT)
SPROUT_DEFINE_STUFFED (int32, v_int32, gint32, GINT_TO_POINTER, GPOINTER_TO_INT)
SPROUT_DEFINE_STUFFED (uint32, v_uint32, guint32, GUINT_TO_POINTER,
                       GPOINTER_TO_UINT)
SPROUT_DEFINE_STUFFED (size, v_size, gsize, GSIZE_TO_POINTER, GPOINTER_TO_SIZE)
SPROUT_DEFINE_STUFFED (pointer, v_pointer, gpointer, , )

/* 64-bit values (v_double shares v_int64's bits) and floats, boxed. */
static gpointer
sprout_pack_box64 (const GIArgument *arg)
{
  return g_memdup2 (&arg->v_int64, sizeof arg->v_int64);
}

static void
sprout_unpack_box64 (gpointer slot, GIArgument *arg)
{
  arg->v_int64 = slot ? *(const gint64 *) slot : 0;
}

static gpointer
sprout_pack_box_float (const GIArgument *arg)
{
  return g_memdup2 (&arg->v_float, sizeof arg->v_float);
}

static void
sprout_unpack_box_float (gpointer slot, GIArgument *arg)
{
  arg->v_float = slot ? *(const gfloat *) slot : 0;
}

#define SPROUT_SLOT(name)                                                      \
  {                                                                            \
    sprout_pack_##name, sprout_unpack_##name, NULL                             \
  }
#define SPROUT_BOX(name)                                                       \
  {                                                                            \
    sprout_pack_##name, sprout_unpack_##name, g_free                           \
  }

static const SproutSlotOps sprout_slots[] = {
  [GI_TYPE_TAG_BOOLEAN] = SPROUT_SLOT (int32),
  [GI_TYPE_TAG_INT8] = SPROUT_SLOT (int8),
  [GI_TYPE_TAG_UINT8] = SPROUT_SLOT (uint8),
  [GI_TYPE_TAG_INT16] = SPROUT_SLOT (int16),
  [GI_TYPE_TAG_UINT16] = SPROUT_SLOT (uint16),
  [GI_TYPE_TAG_INT32] = SPROUT_SLOT (int32),
  [GI_TYPE_TAG_UINT32] = SPROUT_SLOT (uint32),
  [GI_TYPE_TAG_UNICHAR] = SPROUT_SLOT (uint32),
  [GI_TYPE_TAG_GTYPE] = SPROUT_SLOT (size),
  [GI_TYPE_TAG_INT64] = SPROUT_BOX (box64),
  [GI_TYPE_TAG_UINT64] = SPROUT_BOX (box64),
  [GI_TYPE_TAG_DOUBLE] = SPROUT_BOX (box64),
  [GI_TYPE_TAG_FLOAT] = SPROUT_BOX (box_float),
};
static const SproutSlotOps sprout_slot_pointer = SPROUT_SLOT (pointer);
static const SproutSlotOps sprout_slot_enum = SPROUT_SLOT (int32);

static const SproutSlotOps *
sprout_slot_for (const SproutArg *plan_arg)
{
  GIInfoType type;

  if (plan_arg->is_pointer)
    return &sprout_slot_pointer;
  if (plan_arg->tag == GI_TYPE_TAG_INTERFACE) {
    type = g_base_info_get_type (plan_arg->interface_info);
    if (type == GI_INFO_TYPE_ENUM || type == GI_INFO_TYPE_FLAGS)
      return &sprout_slot_enum;
    /* Lists and hash tables hold objects and structs by pointer, whatever
     * the element type info says about pointers. */
    if (type == GI_INFO_TYPE_OBJECT || type == GI_INFO_TYPE_INTERFACE ||
        type == GI_INFO_TYPE_STRUCT || type == GI_INFO_TYPE_BOXED ||
        type == GI_INFO_TYPE_UNION)
      return &sprout_slot_pointer;
    return NULL;
  }
  if ((gsize) plan_arg->tag >= G_N_ELEMENTS (sprout_slots) ||
      sprout_slots[plan_arg->tag].pack == NULL)
    return NULL;
  return &sprout_slots[plan_arg->tag];
}

/* How to free a value we own: transfer-full values through the plan's
 * release_out, otherwise what its `in` allocated. */
static SproutArgRelease
sprout_slot_release_for (const SproutArg *plan_arg, gboolean full)
{
  return full ? plan_arg->release_out : plan_arg->release_in;
}

/* Frees the value in @slot (its box too) with @release. */
static void
sprout_slot_release (const SproutArg *plan_arg, SproutInvoke *invoke,
                     SproutArgRelease release, gpointer slot)
{
  const SproutSlotOps *ops = sprout_list_plan (plan_arg)->slot;

  if (release != NULL && slot != NULL) {
    GIArgument arg = { 0 };
    ops->unpack (slot, &arg);
    release (plan_arg, invoke, &arg);
  }
  if (ops->free_box)
    ops->free_box (slot);
}

/* Converts one JS value into a slot. */
static gboolean
sprout_slot_from_js (JSContextRef ctx, const SproutArg *plan_arg,
                     SproutInvoke *invoke, JSValueRef value, gpointer *slot,
                     JSValueRef *exception)
{
  GIArgument arg = { 0 };

  if (!plan_arg->in (ctx, plan_arg, invoke, value, &arg, exception))
    return FALSE;
  *slot = sprout_list_plan (plan_arg)->slot->pack (&arg);
  return TRUE;
}

static JSValueRef
sprout_slot_to_js (JSContextRef ctx, const SproutArg *plan_arg,
                   SproutInvoke *invoke, gpointer slot, JSValueRef *exception)
{
  GIArgument arg = { 0 };

  sprout_list_plan (plan_arg)->slot->unpack (slot, &arg);
  return plan_arg->out (ctx, plan_arg, invoke, &arg, exception);
}

/* --- List kinds ------------------------------------------------------- */

static gpointer
sprout_glist_build (gpointer *slots, gsize n)
{
  GList *list = NULL;

  for (gsize i = n; i > 0; i--)
    list = g_list_prepend (list, slots[i - 1]);
  return list;
}

static gsize
sprout_glist_flatten (gpointer list, gpointer *slots, gsize max)
{
  gsize n = 0;

  for (GList *node = list; node != NULL; node = node->next, n++)
    if (n < max)
      slots[n] = node->data;
  return n;
}

static void
sprout_glist_free (gpointer list)
{
  g_list_free (list);
}

static gpointer
sprout_gslist_build (gpointer *slots, gsize n)
{
  GSList *list = NULL;

  for (gsize i = n; i > 0; i--)
    list = g_slist_prepend (list, slots[i - 1]);
  return list;
}

static gsize
sprout_gslist_flatten (gpointer list, gpointer *slots, gsize max)
{
  gsize n = 0;

  for (GSList *node = list; node != NULL; node = node->next, n++)
    if (n < max)
      slots[n] = node->data;
  return n;
}

static void
sprout_gslist_free (gpointer list)
{
  g_slist_free (list);
}

static const SproutListKind sprout_glist_kind = { sprout_glist_build,
                                                  sprout_glist_flatten,
                                                  sprout_glist_free };
static const SproutListKind sprout_gslist_kind = { sprout_gslist_build,
                                                   sprout_gslist_flatten,
                                                   sprout_gslist_free };

/* --- Lists ------------------------------------------------------------ */

/* Short lists (the usual case) are converted through the C stack: values
 * wait there, where the collector sees them, so that the Array is made in
 * one call, and the list's data needs no allocation. */
#define SPROUT_LIST_CHUNK 32

/* The data of @list: @stack if it fits, else a vector to g_free(). */
static gpointer *
sprout_list_slots (const SproutListKind *kind, gpointer list, gpointer *stack,
                   gsize *n)
{
  gpointer *slots;

  *n = kind->flatten (list, stack, SPROUT_LIST_CHUNK);
  if (*n <= SPROUT_LIST_CHUNK)
    return stack;
  slots = g_new (gpointer, *n);
  kind->flatten (list, slots, *n);
  return slots;
}

static void
sprout_slots_release (const SproutArg *self, SproutInvoke *invoke,
                      gboolean full, gpointer *slots, gsize n)
{
  SproutArgRelease release = sprout_slot_release_for (self->element, full);

  if (release == NULL &&
      sprout_list_plan (self->element)->slot->free_box == NULL)
    return;
  for (gsize i = 0; i < n; i++)
    sprout_slot_release (self->element, invoke, release, slots[i]);
}

static JSValueRef
sprout_list_get_index (JSContextRef ctx, JSObjectRef object, gsize i,
                       JSValueRef *exception)
{
  JSValueRef local_exception = NULL;
  JSValueRef item =
    JSObjectGetPropertyAtIndex (ctx, object, (unsigned) i, &local_exception);

  if (local_exception) {
    *exception = local_exception;
    return NULL;
  }
  return item;
}

static gboolean
sprout_list_length (JSContextRef ctx, const SproutArg *self, JSValueRef value,
                    gsize *n, JSValueRef *exception)
{
  JSValueRef local_exception = NULL, length;
  double number;

  if (!JSValueIsObject (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  length = sprout_js_get (ctx, (JSObjectRef) value, "length", &local_exception);
  if (local_exception) {
    *exception = local_exception;
    return FALSE;
  }
  number =
    JSValueIsNumber (ctx, length) ? JSValueToNumber (ctx, length, NULL) : -1;
  if (!(number >= 0 && number <= G_MAXINT32 && number == floor (number)))
    return sprout_arg_throw_type (ctx, self, value, exception);
  *n = (gsize) number;
  return TRUE;
}

/* The slots of an array-like @value; on failure, what was converted is
 * freed. */
static gboolean
sprout_slots_from_js (JSContextRef ctx, const SproutArg *self,
                      SproutInvoke *invoke, JSValueRef value, gpointer **slots,
                      gsize *n, JSValueRef *exception)
{
  gsize length = 0;

  if (!sprout_list_length (ctx, self, value, &length, exception))
    return FALSE;
  *slots = g_new0 (gpointer, length + 1);
  for (*n = 0; *n < length; (*n)++) {
    JSValueRef item =
      sprout_list_get_index (ctx, (JSObjectRef) value, *n, exception);

    if (item == NULL || !sprout_slot_from_js (ctx, self->element, invoke, item,
                                              &(*slots)[*n], exception)) {
      sprout_slots_release (
        self, invoke, self->transfer == GI_TRANSFER_EVERYTHING, *slots, *n);
      g_clear_pointer (slots, g_free);
      return FALSE;
    }
  }
  return TRUE;
}

/* null is the empty list, which NULL also is in C. */
static gboolean
sprout_in_list (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  gpointer *slots;
  gsize n;

  arg->v_pointer = NULL;
  if (JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value))
    return TRUE;
  if (!sprout_slots_from_js (ctx, self, invoke, value, &slots, &n, exception))
    return FALSE;
  arg->v_pointer = sprout_list_plan (self->element)->kind->build (slots, n);
  g_free (slots);
  return TRUE;
}

static gboolean
sprout_list_append (JSContextRef ctx, JSObjectRef *array,
                    const JSValueRef *values, gsize count, gsize start,
                    JSValueRef *exception)
{
  JSValueRef local_exception = NULL;

  if (*array == NULL) {
    *array = JSObjectMakeArray (ctx, count, values, exception);
    return *array != NULL;
  }
  for (gsize i = 0; i < count && local_exception == NULL; i++)
    JSObjectSetPropertyAtIndex (ctx, *array, (unsigned) (start + i), values[i],
                                &local_exception);
  if (local_exception)
    *exception = local_exception;
  return local_exception == NULL;
}

static JSValueRef
sprout_slots_to_js (JSContextRef ctx, const SproutArg *plan_arg,
                    SproutInvoke *invoke, gpointer *slots, gsize n,
                    JSValueRef *exception)
{
  JSValueRef chunk[SPROUT_LIST_CHUNK];
  JSObjectRef array = NULL;
  gsize start = 0, count;

  do {
    count = MIN (n - start, SPROUT_LIST_CHUNK);
    for (gsize i = 0; i < count; i++) {
      chunk[i] =
        sprout_slot_to_js (ctx, plan_arg, invoke, slots[start + i], exception);
      if (chunk[i] == NULL)
        return NULL;
    }
    if (!sprout_list_append (ctx, &array, chunk, count, start, exception))
      return NULL;
    start += count;
  } while (start < n);
  return array;
}

static JSValueRef
sprout_out_list (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 GIArgument *arg, JSValueRef *exception)
{
  const SproutListKind *kind = sprout_list_plan (self->element)->kind;
  gpointer stack[SPROUT_LIST_CHUNK];
  gsize n;
  gpointer *slots = sprout_list_slots (kind, arg->v_pointer, stack, &n);
  JSValueRef array =
    sprout_slots_to_js (ctx, self->element, invoke, slots, n, exception);

  if (slots != stack)
    g_free (slots);
  return array;
}

static void
sprout_list_release (const SproutArg *self, SproutInvoke *invoke,
                     GIArgument *arg, gboolean elements, gboolean full)
{
  const SproutListKind *kind = sprout_list_plan (self->element)->kind;

  if (arg->v_pointer == NULL)
    return;
  if (elements) {
    gpointer stack[SPROUT_LIST_CHUNK];
    gsize n;
    gpointer *slots = sprout_list_slots (kind, arg->v_pointer, stack, &n);

    sprout_slots_release (self, invoke, full, slots, n);
    if (slots != stack)
      g_free (slots);
  }
  kind->free (arg->v_pointer);
}

static void
sprout_list_free_in (const SproutArg *self, SproutInvoke *invoke,
                     GIArgument *arg)
{
  sprout_list_release (self, invoke, arg, TRUE, FALSE);
}

static void
sprout_list_release_full (const SproutArg *self, SproutInvoke *invoke,
                          GIArgument *arg)
{
  sprout_list_release (self, invoke, arg, TRUE, TRUE);
}

static void
sprout_list_release_container (const SproutArg *self, SproutInvoke *invoke,
                               GIArgument *arg)
{
  sprout_list_release (self, invoke, arg, FALSE, FALSE);
}

/* --- Hash tables ------------------------------------------------------ */

typedef struct {
  const SproutArg *self;
  SproutInvoke *invoke;
  gboolean full;
} SproutHashRelease;

static gboolean
sprout_hash_release_entry (gpointer key, gpointer value, gpointer data)
{
  const SproutHashRelease *release = data;
  const SproutArg *self = release->self;

  sprout_slot_release (self->element, release->invoke,
                       sprout_slot_release_for (self->element, release->full),
                       key);
  sprout_slot_release (self->value, release->invoke,
                       sprout_slot_release_for (self->value, release->full),
                       value);
  return TRUE;
}

/* Frees @table, first with its keys and values if @elements (stolen, so
 * that its own destroy functions never free them twice); without, what
 * its destroy functions free is its own (transfer container). */
static void
sprout_hash_release (const SproutArg *self, SproutInvoke *invoke,
                     GHashTable *table, gboolean elements, gboolean full)
{
  SproutHashRelease release = { self, invoke, full };

  if (table == NULL)
    return;
  if (elements)
    g_hash_table_foreach_steal (table, sprout_hash_release_entry, &release);
  g_hash_table_unref (table);
}

/* Inserts one converted entry; a key already present (two property names
 * parsing to the same integer) keeps the last value. */
static void
sprout_hash_insert (const SproutArg *self, SproutInvoke *invoke,
                    GHashTable *table, gpointer key, gpointer value)
{
  gboolean full = self->transfer == GI_TRANSFER_EVERYTHING;
  gpointer old_key, old_value;

  if (g_hash_table_lookup_extended (table, key, &old_key, &old_value)) {
    g_hash_table_insert (table, old_key, value);
    sprout_slot_release (self->value, invoke,
                         sprout_slot_release_for (self->value, full),
                         old_value);
    sprout_slot_release (self->element, invoke,
                         sprout_slot_release_for (self->element, full), key);
    return;
  }
  g_hash_table_insert (table, key, value);
}

static gboolean
sprout_hash_entry_from_js (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSObjectRef object,
                           JSStringRef name, GHashTable *table,
                           JSValueRef *exception)
{
  gboolean full = self->transfer == GI_TRANSFER_EVERYTHING;
  JSValueRef local_exception = NULL, js_value;
  gpointer key, value;

  if (!sprout_slot_from_js (ctx, self->element, invoke,
                            JSValueMakeString (ctx, name), &key, exception))
    return FALSE;
  js_value = JSObjectGetProperty (ctx, object, name, &local_exception);
  if (local_exception)
    *exception = local_exception;
  if (local_exception || !sprout_slot_from_js (ctx, self->value, invoke,
                                               js_value, &value, exception)) {
    sprout_slot_release (self->element, invoke,
                         sprout_slot_release_for (self->element, full), key);
    return FALSE;
  }
  sprout_hash_insert (self, invoke, table, key, value);
  return TRUE;
}

static gboolean
sprout_in_hash (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  const SproutListPlan *keys = sprout_list_plan (self->element);
  g_autoptr (SproutJSPropertyNames) names = NULL;
  GHashTable *table;
  gsize n;

  arg->v_pointer = NULL;
  if ((JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value)) &&
      self->nullable)
    return TRUE;
  if (!JSValueIsObject (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  names = JSObjectCopyPropertyNames (ctx, (JSObjectRef) value);
  n = JSPropertyNameArrayGetCount (names);
  table = g_hash_table_new (keys->hash, keys->equal);
  for (gsize i = 0; i < n; i++) {
    if (!sprout_hash_entry_from_js (
          ctx, self, invoke, (JSObjectRef) value,
          JSPropertyNameArrayGetNameAtIndex (names, i), table, exception)) {
      sprout_hash_release (self, invoke, table, TRUE,
                           self->transfer == GI_TRANSFER_EVERYTHING);
      return FALSE;
    }
  }
  arg->v_pointer = table;
  return TRUE;
}

static gboolean
sprout_hash_entry_to_js (JSContextRef ctx, const SproutArg *self,
                         SproutInvoke *invoke, JSObjectRef object, gpointer key,
                         gpointer value, JSValueRef *exception)
{
  JSValueRef js_key, js_value, local_exception = NULL;
  g_autoptr (SproutJSString) name = NULL;

  js_key = sprout_slot_to_js (ctx, self->element, invoke, key, exception);
  if (js_key == NULL)
    return FALSE;
  name = JSValueToStringCopy (ctx, js_key, exception);
  if (name == NULL)
    return FALSE;
  js_value = sprout_slot_to_js (ctx, self->value, invoke, value, exception);
  if (js_value == NULL)
    return FALSE;
  JSObjectSetProperty (ctx, object, name, js_value, kJSPropertyAttributeNone,
                       &local_exception);
  if (local_exception)
    *exception = local_exception;
  return local_exception == NULL;
}

static JSValueRef
sprout_out_hash (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 GIArgument *arg, JSValueRef *exception)
{
  GHashTableIter iter;
  gpointer key, value;
  JSObjectRef object;

  if (arg->v_pointer == NULL)
    return JSValueMakeNull (ctx);
  object = JSObjectMake (ctx, NULL, NULL);
  g_hash_table_iter_init (&iter, arg->v_pointer);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    if (!sprout_hash_entry_to_js (ctx, self, invoke, object, key, value,
                                  exception))
      return NULL;
  }
  return object;
}

static void
sprout_hash_free_in (const SproutArg *self, SproutInvoke *invoke,
                     GIArgument *arg)
{
  sprout_hash_release (self, invoke, arg->v_pointer, TRUE, FALSE);
}

static void
sprout_hash_release_full (const SproutArg *self, SproutInvoke *invoke,
                          GIArgument *arg)
{
  sprout_hash_release (self, invoke, arg->v_pointer, TRUE, TRUE);
}

static void
sprout_hash_release_container (const SproutArg *self, SproutInvoke *invoke,
                               GIArgument *arg)
{
  sprout_hash_release (self, invoke, arg->v_pointer, FALSE, FALSE);
}

/* --- Plan ------------------------------------------------------------- */

/* A plan for param type @n of @self: the list element or hash key (0) or
 * the hash value (1). NULL if the type is not supported, with @error if
 * its family said why. */
static SproutArg *
sprout_list_plan_new (SproutArg *self, gint n, GError **error)
{
  SproutListPlan *plan = g_new0 (SproutListPlan, 1);
  SproutArg *element = &plan->element;

  element->type_info = g_type_info_get_param_type (self->type_info, n);
  element->name = g_strdup (self->name);
  element->c_index = self->c_index;
  element->js_index = -1;
  element->length_of = -1;
  element->closure_index = -1;
  element->destroy_index = -1;
  element->direction = self->direction;
  element->transfer = self->transfer == GI_TRANSFER_EVERYTHING
                        ? GI_TRANSFER_EVERYTHING
                        : GI_TRANSFER_NOTHING;
  element->nullable = TRUE;
  if (element->type_info != NULL) {
    sprout_arg_load_type (element);
    element->length_index = -1;
    plan->slot = sprout_slot_for (element);
    if (plan->slot == &sprout_slot_pointer)
      element->is_pointer = TRUE;
  }
  if (plan->slot == NULL || !sprout_arg_init_marshallers (element, error)) {
    sprout_arg_clear (element);
    g_free (plan);
    return NULL;
  }
  return element;
}

static void
sprout_list_plan_free (SproutArg **plan_arg)
{
  if (*plan_arg == NULL)
    return;
  sprout_arg_clear (*plan_arg);
  g_clear_pointer (plan_arg, g_free);
}

static gboolean
sprout_list_unsupported (SproutArg *arg, GError **error, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s of type %s %s is not supported yet",
               arg->name ? arg->name : "the return value",
               g_type_tag_to_string (arg->tag), why);
  return FALSE;
}

/* Keys come from property names: strings, or integers parsed from them. */
static gboolean
sprout_hash_plan_keys (SproutArg *arg, GError **error)
{
  SproutListPlan *keys = (SproutListPlan *) arg->element;

  if (keys->element.tag == GI_TYPE_TAG_UTF8 ||
      keys->element.tag == GI_TYPE_TAG_FILENAME) {
    keys->hash = g_str_hash;
    keys->equal = g_str_equal;
    return TRUE;
  }
  if (keys->element.is_pointer || keys->slot->free_box != NULL ||
      keys->element.tag == GI_TYPE_TAG_GTYPE)
    return sprout_list_unsupported (arg, error, "(with these keys)");
  keys->hash = g_direct_hash;
  keys->equal = g_direct_equal;
  return TRUE;
}

/* Transfer container `in`: the callee owns the container, and we could not
 * find the elements to free them after the call (GJS refuses it too). */
static gboolean
sprout_list_check_container_in (SproutArg *arg, GError **error)
{
  gboolean needs_release =
    arg->element->release_in != NULL ||
    sprout_list_plan (arg->element)->slot->free_box != NULL ||
    (arg->value != NULL && (arg->value->release_in != NULL ||
                            sprout_list_plan (arg->value)->slot->free_box));

  if (arg->direction != GI_DIRECTION_OUT &&
      arg->transfer == GI_TRANSFER_CONTAINER && needs_release)
    return sprout_list_unsupported (arg, error,
                                    "(in, transfer container, of elements "
                                    "that need freeing)");
  return TRUE;
}

static void
sprout_list_choose (SproutArg *arg, SproutArgRelease free_in,
                    SproutArgRelease release_full,
                    SproutArgRelease release_container)
{
  if (arg->transfer == GI_TRANSFER_NOTHING)
    arg->release_in = free_in;
  else if (arg->transfer == GI_TRANSFER_EVERYTHING)
    arg->release_out = release_full;
  else
    arg->release_out = release_container;
}

static gboolean
sprout_list_plan_all (SproutArg *arg, GError **error)
{
  gboolean is_hash = arg->tag == GI_TYPE_TAG_GHASH;

  arg->element = sprout_list_plan_new (arg, 0, error);
  if (arg->element == NULL)
    return FALSE;
  if (!is_hash) {
    ((SproutListPlan *) arg->element)->kind =
      arg->tag == GI_TYPE_TAG_GLIST ? &sprout_glist_kind : &sprout_gslist_kind;
    return sprout_list_check_container_in (arg, error);
  }
  arg->value = sprout_list_plan_new (arg, 1, error);
  return arg->value != NULL && sprout_hash_plan_keys (arg, error) &&
         sprout_list_check_container_in (arg, error);
}

gboolean
sprout_marshal_list_init (SproutArg *arg, GError **error)
{
  gboolean is_hash = arg->tag == GI_TYPE_TAG_GHASH;

  if (arg->tag != GI_TYPE_TAG_GLIST && arg->tag != GI_TYPE_TAG_GSLIST &&
      !is_hash)
    return FALSE;
  if (!sprout_list_plan_all (arg, error)) {
    sprout_list_plan_free (&arg->element);
    sprout_list_plan_free (&arg->value);
    return FALSE;
  }
  arg->in = is_hash ? sprout_in_hash : sprout_in_list;
  arg->out = is_hash ? sprout_out_hash : sprout_out_list;
  if (is_hash)
    sprout_list_choose (arg, sprout_hash_free_in, sprout_hash_release_full,
                        sprout_hash_release_container);
  else
    sprout_list_choose (arg, sprout_list_free_in, sprout_list_release_full,
                        sprout_list_release_container);
  return TRUE;
}
