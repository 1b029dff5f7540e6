/* marshal-array.c: marshallers for GI arrays — C arrays (fixed-size, with a
 * length argument, zero-terminated, GStrv) here, GArray, GPtrArray and
 * GByteArray in marshal-garray.c, and the plan they share.
 *
 * How it works. At plan time the element type gets its own SproutArg, built
 * by sprout_arg_init_marshallers() like any argument (so every element type
 * a family handles works, nested containers included), with transfer full
 * if the array's transfer is full and none otherwise. It lives in a
 * SproutArrayPlan (self->element points at its first member) together with
 * what the element type decides: the storage ops (the element's C size, a
 * store and a load between a GIArgument and the packed C buffer, the
 * function that fills a buffer from JS and the one that builds the JS
 * value) and, for a C array with a length argument, the accessors for that
 * argument's integer type. A call follows these pointers; it never switches
 * on type tags.
 *
 * JS -> C: ops->fill turns the JS value (an array-like; for byte, 16-bit and
 * gunichar elements also a string, and for bytes a Uint8Array, as in GJS)
 * into a zero-terminated packed buffer of n elements; the `in` of the array
 * kind then hands it over as is (C arrays, also writing the hidden length)
 * or wraps it in a GArray, GPtrArray or GByteArray. When an element fails,
 * the elements converted so far are freed.
 * C -> JS: the kind's `out` finds the data and the length (length argument,
 * fixed size or terminator) and ops->to_js builds an Array, a Uint8Array for
 * guint8 or a string for gunichar, as GJS does.
 * Ownership follows the GI transfer: what `in` allocated is freed after the
 * call (transfer none: container and elements; full: nothing; container:
 * the callee owns the container, so element types that need freeing are
 * refused at plan time, as GJS does, since the elements cannot be found once
 * the callee may have freed the container). Transfer-full results are freed
 * after conversion (container and elements; a GArray's or GPtrArray's data
 * is stolen first so that its own clear function never frees an element
 * twice), transfer-container results only the container (unreffed: what its
 * own free functions free is its own).
 */
#include "arg-cache.h"
#include "gi-private.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "boxed.h"
#include "js-util.h"

#include "marshal-array-private.h"

/* Storage of one element in a packed buffer, by C size. */
#define SPROUT_DEFINE_STORAGE(name, ctype, field)                              \
  static void sprout_store_##name (gpointer dest, const GIArgument *arg)       \
  {                                                                            \
    *(ctype *) dest = arg->field;                                              \
  }                                                                            \
  static void sprout_load_##name (gconstpointer src, GIArgument *arg)          \
  {                                                                            \
    arg->field = *(const ctype *) src;                                         \
  }

SPROUT_DEFINE_STORAGE (8, guint8, v_uint8)
SPROUT_DEFINE_STORAGE (16, guint16, v_uint16)
SPROUT_DEFINE_STORAGE (32, guint32, v_uint32)
SPROUT_DEFINE_STORAGE (64, guint64, v_uint64)
SPROUT_DEFINE_STORAGE (size, gsize, v_size)
SPROUT_DEFINE_STORAGE (pointer, gpointer, v_pointer)

#define SPROUT_DEFINE_LENGTH(name, ctype, field, max)                          \
  static gsize sprout_length_get_##name (const GIArgument *arg)                \
  {                                                                            \
    return arg->field > 0 ? (gsize) arg->field : 0;                            \
  }                                                                            \
  static gboolean sprout_length_set_##name (GIArgument *arg, gsize n)          \
  {                                                                            \
    if ((guint64) n > (guint64) (max))                                         \
      return FALSE;                                                            \
    arg->field = (ctype) n;                                                    \
    return TRUE;                                                               \
  }

SPROUT_DEFINE_LENGTH (int8, gint8, v_int8, G_MAXINT8)
SPROUT_DEFINE_LENGTH (uint8, guint8, v_uint8, G_MAXUINT8)
SPROUT_DEFINE_LENGTH (int16, gint16, v_int16, G_MAXINT16)
SPROUT_DEFINE_LENGTH (uint16, guint16, v_uint16, G_MAXUINT16)
SPROUT_DEFINE_LENGTH (int32, gint32, v_int32, G_MAXINT32)
SPROUT_DEFINE_LENGTH (uint32, guint32, v_uint32, G_MAXUINT32)
SPROUT_DEFINE_LENGTH (int64, gint64, v_int64, G_MAXINT64)
SPROUT_DEFINE_LENGTH (uint64, guint64, v_uint64, G_MAXUINT64)

#define SPROUT_LENGTH(name)                                                    \
  {                                                                            \
    sprout_length_get_##name, sprout_length_set_##name                         \
  }

static const SproutLengthOps sprout_length_ops[] = {
  [GI_TYPE_TAG_INT8] = SPROUT_LENGTH (int8),
  [GI_TYPE_TAG_UINT8] = SPROUT_LENGTH (uint8),
  [GI_TYPE_TAG_INT16] = SPROUT_LENGTH (int16),
  [GI_TYPE_TAG_UINT16] = SPROUT_LENGTH (uint16),
  [GI_TYPE_TAG_INT32] = SPROUT_LENGTH (int32),
  [GI_TYPE_TAG_UINT32] = SPROUT_LENGTH (uint32),
  [GI_TYPE_TAG_INT64] = SPROUT_LENGTH (int64),
  [GI_TYPE_TAG_UINT64] = SPROUT_LENGTH (uint64),
};

/* --- Helpers --------------------------------------------------------- */

static JSValueRef
sprout_array_get_index (JSContextRef ctx, JSObjectRef object, gsize i,
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
sprout_array_set_index (JSContextRef ctx, JSObjectRef object, gsize i,
                        JSValueRef item, JSValueRef *exception)
{
  JSValueRef local_exception = NULL;

  JSObjectSetPropertyAtIndex (ctx, object, (unsigned) i, item,
                              &local_exception);
  if (local_exception)
    *exception = local_exception;
  return local_exception == NULL;
}

/* @value as an array-like object and its length; TypeError otherwise. */
static gboolean
sprout_array_like (JSContextRef ctx, const SproutArg *self, JSValueRef value,
                   JSObjectRef *object, gsize *n, JSValueRef *exception)
{
  JSValueRef length, local_exception = NULL;
  double number;

  if (!JSValueIsObject (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  *object = (JSObjectRef) value;
  length = sprout_js_get (ctx, *object, "length", &local_exception);
  if (local_exception) {
    *exception = local_exception;
    return FALSE;
  }
  if (!JSValueIsNumber (ctx, length))
    return sprout_arg_throw_type (ctx, self, value, exception);
  number = JSValueToNumber (ctx, length, NULL);
  if (!(number >= 0 && number <= G_MAXINT32 && number == floor (number))) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "RangeError", "%s: invalid length %g",
                     what, number);
    return FALSE;
  }
  *n = (gsize) number;
  return TRUE;
}

static gboolean
sprout_array_is_zero (const guint8 *element, gsize size)
{
  for (gsize i = 0; i < size; i++)
    if (element[i] != 0)
      return FALSE;
  return TRUE;
}

/* How to free an element value we own: with transfer full the element plan
 * frees transfer-full values, otherwise what its `in` allocated. */
static SproutArgRelease
sprout_array_owned_release (const SproutArg *self)
{
  return self->transfer == GI_TRANSFER_EVERYTHING ? self->element->release_out
                                                  : self->element->release_in;
}

void
sprout_array_release_elements (const SproutArg *self, SproutInvoke *invoke,
                               SproutArgRelease release, gconstpointer data,
                               gsize n)
{
  const SproutArrayOps *ops = sprout_array_plan (self)->ops;

  if (release == NULL || data == NULL)
    return;
  for (gsize i = 0; i < n; i++) {
    const guint8 *item = (const guint8 *) data + i * ops->size;
    GIArgument arg = { 0 };

    /* Zero (NULL) elements own nothing: padding, or nullable elements. */
    if (sprout_array_is_zero (item, ops->size))
      continue;
    ops->load (item, &arg);
    release (self->element, invoke, &arg);
  }
}

/* Frees a buffer `in` built, with its first @n elements. */
static void
sprout_array_discard (const SproutArg *self, SproutInvoke *invoke,
                      gpointer data, gsize n)
{
  sprout_array_release_elements (self, invoke,
                                 sprout_array_owned_release (self), data, n);
  g_free (data);
}

static gsize
sprout_array_count_terminated (gconstpointer data, gsize size)
{
  gsize n = 0;

  while (!sprout_array_is_zero ((const guint8 *) data + n * size, size))
    n++;
  return n;
}

/* --- JS -> C buffers ------------------------------------------------- */

static gboolean
sprout_array_fill_generic (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSValueRef value,
                           SproutBuffer *buffer, JSValueRef *exception)
{
  const SproutArg *element = self->element;
  const SproutArrayOps *ops = sprout_array_plan (self)->ops;
  JSObjectRef object = NULL;

  if (!sprout_array_like (ctx, self, value, &object, &buffer->n, exception))
    return FALSE;
  buffer->data = g_malloc0 ((buffer->n + 1) * ops->size);
  for (gsize i = 0; i < buffer->n; i++) {
    GIArgument arg = { 0 };
    JSValueRef item = sprout_array_get_index (ctx, object, i, exception);

    if (item == NULL ||
        !element->in (ctx, element, invoke, item, &arg, exception)) {
      sprout_array_discard (self, invoke, buffer->data, i);
      return FALSE;
    }
    ops->store (buffer->data + i * ops->size, &arg);
  }
  return TRUE;
}

/* A string's UTF-8 bytes, as GJS gives guint8 and gint8 arrays. */
static gboolean
sprout_buffer_from_utf8 (JSContextRef ctx, JSValueRef value,
                         SproutBuffer *buffer, JSValueRef *exception)
{
  g_autoptr (SproutJSString) string =
    JSValueToStringCopy (ctx, value, exception);
  gsize size;

  if (string == NULL)
    return FALSE;
  size = JSStringGetMaximumUTF8CStringSize (string);
  buffer->data = g_malloc (size);
  buffer->n = JSStringGetUTF8CString (string, (char *) buffer->data, size) - 1;
  return TRUE;
}

static gboolean
sprout_is_byte_typed_array (JSContextRef ctx, JSValueRef value)
{
  switch (JSValueGetTypedArrayType (ctx, value, NULL)) {
  case kJSTypedArrayTypeInt8Array:
  case kJSTypedArrayTypeUint8Array:
  case kJSTypedArrayTypeUint8ClampedArray:
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean
sprout_buffer_from_typed_array (JSContextRef ctx, JSObjectRef array,
                                SproutBuffer *buffer, JSValueRef *exception)
{
  gsize n = JSObjectGetTypedArrayByteLength (ctx, array, exception);
  /* The pointer is to the start of the buffer, not of the view. */
  const guint8 *bytes =
    n > 0
      ? (const guint8 *) JSObjectGetTypedArrayBytesPtr (ctx, array, exception) +
          JSObjectGetTypedArrayByteOffset (ctx, array, exception)
      : NULL;

  buffer->data = g_malloc0 (n + 1);
  buffer->n = bytes ? n : 0;
  if (bytes)
    memcpy (buffer->data, bytes, n);
  return TRUE;
}

static gboolean
sprout_array_fill_bytes (JSContextRef ctx, const SproutArg *self,
                         SproutInvoke *invoke, JSValueRef value,
                         SproutBuffer *buffer, JSValueRef *exception)
{
  if (JSValueIsString (ctx, value))
    return sprout_buffer_from_utf8 (ctx, value, buffer, exception);
  if (sprout_is_byte_typed_array (ctx, value))
    return sprout_buffer_from_typed_array (ctx, (JSObjectRef) value, buffer,
                                           exception);
  return sprout_array_fill_generic (ctx, self, invoke, value, buffer,
                                    exception);
}

/* A string's UTF-16 code units, for gint16/guint16 arrays (GJS). */
static gboolean
sprout_array_fill_utf16 (JSContextRef ctx, const SproutArg *self,
                         SproutInvoke *invoke, JSValueRef value,
                         SproutBuffer *buffer, JSValueRef *exception)
{
  g_autoptr (SproutJSString) string = NULL;

  if (!JSValueIsString (ctx, value))
    return sprout_array_fill_generic (ctx, self, invoke, value, buffer,
                                      exception);
  string = JSValueToStringCopy (ctx, value, exception);
  if (string == NULL)
    return FALSE;
  buffer->n = JSStringGetLength (string);
  buffer->data = g_malloc0 ((buffer->n + 1) * sizeof (JSChar));
  memcpy (buffer->data, JSStringGetCharactersPtr (string),
          buffer->n * sizeof (JSChar));
  return TRUE;
}

/* A string's code points, for gunichar arrays (GJS). */
static gboolean
sprout_array_fill_unichar (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSValueRef value,
                           SproutBuffer *buffer, JSValueRef *exception)
{
  g_autoptr (SproutJSString) string = NULL;
  g_autoptr (GError) error = NULL;
  glong n = 0;

  if (!JSValueIsString (ctx, value))
    return sprout_array_fill_generic (ctx, self, invoke, value, buffer,
                                      exception);
  string = JSValueToStringCopy (ctx, value, exception);
  if (string == NULL)
    return FALSE;
  buffer->data = (guint8 *) g_utf16_to_ucs4 (JSStringGetCharactersPtr (string),
                                             (glong) JSStringGetLength (string),
                                             NULL, &n, &error);
  if (buffer->data == NULL) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError", "%s: %s", what,
                     error->message);
    return FALSE;
  }
  buffer->n = (gsize) n;
  return TRUE;
}

/* gunichar elements are also accepted as code points (GJS). */
static gboolean
sprout_array_in_code_point (JSContextRef ctx, const SproutArg *element,
                            SproutInvoke *invoke, JSValueRef value,
                            GIArgument *arg, JSValueRef *exception)
{
  const SproutArrayPlan *plan = (const SproutArrayPlan *) element;
  double number;

  if (!JSValueIsNumber (ctx, value))
    return plan->element_in (ctx, element, invoke, value, arg, exception);
  number = JSValueToNumber (ctx, value, NULL);
  if (!(number >= 0 && number <= 0x10FFFF && number == floor (number))) {
    g_autofree char *what = sprout_arg_describe (element);
    sprout_js_throw (ctx, exception, "RangeError",
                     "%s: %g is not a Unicode code point", what, number);
    return FALSE;
  }
  arg->v_uint32 = (guint32) number;
  return TRUE;
}

/* GJS converts negative integers for guint64 array elements modulo 2^64
 * (GIMarshallingTests.array_uint64_in expects [-1, ...]). */
static gboolean
sprout_array_in_wrapping_uint64 (JSContextRef ctx, const SproutArg *element,
                                 SproutInvoke *invoke, JSValueRef value,
                                 GIArgument *arg, JSValueRef *exception)
{
  const SproutArrayPlan *plan = (const SproutArrayPlan *) element;
  double number =
    JSValueIsNumber (ctx, value) ? JSValueToNumber (ctx, value, NULL) : 0;

  if (number < 0 && number >= -9223372036854775808.0 &&
      number == floor (number)) {
    arg->v_int64 = (gint64) number;
    return TRUE;
  }
  return plan->element_in (ctx, element, invoke, value, arg, exception);
}

/* --- C -> JS values -------------------------------------------------- */

/* Values wait on the C stack, where the collector sees them, so that a
 * short array becomes an Array in one call; longer ones grow by chunks. */
#define SPROUT_ARRAY_CHUNK 32

static gboolean
sprout_array_append (JSContextRef ctx, JSObjectRef *array,
                     const JSValueRef *values, gsize count, gsize start,
                     JSValueRef *exception)
{
  if (*array == NULL) {
    *array = JSObjectMakeArray (ctx, count, values, exception);
    return *array != NULL;
  }
  for (gsize i = 0; i < count; i++)
    if (!sprout_array_set_index (ctx, *array, start + i, values[i], exception))
      return FALSE;
  return TRUE;
}

static JSValueRef
sprout_array_to_js_array (JSContextRef ctx, const SproutArg *self,
                          SproutInvoke *invoke, gconstpointer data, gsize n,
                          JSValueRef *exception)
{
  const SproutArg *element = self->element;
  const SproutArrayOps *ops = sprout_array_plan (self)->ops;
  JSValueRef chunk[SPROUT_ARRAY_CHUNK];
  JSObjectRef array = NULL;
  gsize start = 0, count;

  do {
    count = MIN (n - start, SPROUT_ARRAY_CHUNK);
    for (gsize i = 0; i < count; i++) {
      GIArgument arg = { 0 };

      ops->load ((const guint8 *) data + (start + i) * ops->size, &arg);
      chunk[i] = element->out (ctx, element, invoke, &arg, exception);
      if (chunk[i] == NULL)
        return NULL;
    }
    if (!sprout_array_append (ctx, &array, chunk, count, start, exception))
      return NULL;
    start += count;
  } while (start < n);
  return array;
}

static JSValueRef
sprout_array_to_js_bytes (JSContextRef ctx, const SproutArg *self,
                          SproutInvoke *invoke, gconstpointer data, gsize n,
                          JSValueRef *exception)
{
  return sprout_gi_byte_array_new (ctx, data, n, exception);
}

static JSValueRef
sprout_array_to_js_string (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, gconstpointer data, gsize n,
                           JSValueRef *exception)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *utf8 = g_ucs4_to_utf8 (data, (glong) n, NULL, NULL, &error);

  if (utf8 == NULL) {
    g_autofree char *what = sprout_arg_describe (self);
    return sprout_js_throw (ctx, exception, "TypeError", "%s: %s", what,
                            error->message);
  }
  return sprout_js_value_from_utf8 (ctx, utf8);
}

/* Structs stored by value ("flat"), as GJS marshals them: in, copies of
 * the memory of wrappers of their type; out, wrappers of copies. */
static gboolean
sprout_array_fill_structs (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSValueRef value,
                           SproutBuffer *buffer, JSValueRef *exception)
{
  gsize size = sprout_array_plan (self)->ops->size;
  g_autofree char *what = sprout_arg_describe (self);
  JSObjectRef object = NULL;

  if (!sprout_array_like (ctx, self, value, &object, &buffer->n, exception))
    return FALSE;
  buffer->data = g_malloc0 ((buffer->n + 1) * size);
  for (gsize i = 0; i < buffer->n; i++) {
    JSValueRef item = sprout_array_get_index (ctx, object, i, exception);
    gpointer data = item ? sprout_boxed_from_js (ctx, item,
                                                 self->element->interface_info,
                                                 what, exception)
                         : NULL;

    if (data == NULL) {
      g_clear_pointer (&buffer->data, g_free);
      return FALSE;
    }
    memcpy (buffer->data + i * size, data, size);
  }
  return TRUE;
}

static JSValueRef
sprout_array_to_js_structs (JSContextRef ctx, const SproutArg *self,
                            SproutInvoke *invoke, gconstpointer data, gsize n,
                            JSValueRef *exception)
{
  gsize size = sprout_array_plan (self)->ops->size;
  JSValueRef chunk[SPROUT_ARRAY_CHUNK];
  JSObjectRef array = NULL;
  gsize start = 0, count;

  do {
    count = MIN (n - start, SPROUT_ARRAY_CHUNK);
    for (gsize i = 0; i < count; i++) {
      chunk[i] = sprout_boxed_to_js (
        ctx, self->element->interface_info,
        (guint8 *) data + (start + i) * size, SPROUT_BOXED_COPY, exception);
      if (chunk[i] == NULL)
        return NULL;
    }
    if (!sprout_array_append (ctx, &array, chunk, count, start, exception))
      return NULL;
    start += count;
  } while (start < n);
  return array;
}

static void
sprout_free_bytes (void *bytes, void *context)
{
  g_free (bytes);
}

/* --- Storage ops by element type ------------------------------------- */

#define SPROUT_OPS(bits, fill, to_js)                                          \
  {                                                                            \
    bits / 8, sprout_store_##bits, sprout_load_##bits, fill, to_js             \
  }

static const SproutArrayOps sprout_ops_8 =
  SPROUT_OPS (8, sprout_array_fill_generic, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_int8 =
  SPROUT_OPS (8, sprout_array_fill_bytes, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_uint8 =
  SPROUT_OPS (8, sprout_array_fill_bytes, sprout_array_to_js_bytes);
static const SproutArrayOps sprout_ops_16 =
  SPROUT_OPS (16, sprout_array_fill_generic, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_utf16 =
  SPROUT_OPS (16, sprout_array_fill_utf16, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_32 =
  SPROUT_OPS (32, sprout_array_fill_generic, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_unichar =
  SPROUT_OPS (32, sprout_array_fill_unichar, sprout_array_to_js_string);
static const SproutArrayOps sprout_ops_64 =
  SPROUT_OPS (64, sprout_array_fill_generic, sprout_array_to_js_array);
static const SproutArrayOps sprout_ops_gtype = {
  sizeof (GType), sprout_store_size, sprout_load_size,
  sprout_array_fill_generic, sprout_array_to_js_array
};
/* GValues by value (marshal-gvalue.c). */
static const SproutArrayOps sprout_ops_gvalue = {
  sizeof (GValue), sprout_gvalue_store_flat, sprout_gvalue_load_flat,
  sprout_array_fill_generic, sprout_array_to_js_array
};
static const SproutArrayOps sprout_ops_pointer = {
  sizeof (gpointer), sprout_store_pointer, sprout_load_pointer,
  sprout_array_fill_generic, sprout_array_to_js_array
};

static const SproutArrayOps *
sprout_ops_for_size (gsize size)
{
  switch (size) {
  case 1:
    return &sprout_ops_8;
  case 2:
    return &sprout_ops_16;
  case 4:
    return &sprout_ops_32;
  case 8:
    return &sprout_ops_64;
  default:
    return NULL;
  }
}

static const SproutArrayOps *
sprout_ops_for_interface (const SproutArg *element)
{
  GIInfoType type = g_base_info_get_type (element->interface_info);

  if (element->is_pointer)
    return &sprout_ops_pointer;
  if (element->gtype == G_TYPE_VALUE)
    return &sprout_ops_gvalue;
  if (type != GI_INFO_TYPE_ENUM && type != GI_INFO_TYPE_FLAGS)
    return NULL; /* structs by value: flat arrays are not supported yet */
  switch (
    g_enum_info_get_storage_type ((GIEnumInfo *) element->interface_info)) {
  case GI_TYPE_TAG_INT8:
  case GI_TYPE_TAG_UINT8:
    return sprout_ops_for_size (1);
  case GI_TYPE_TAG_INT16:
  case GI_TYPE_TAG_UINT16:
    return sprout_ops_for_size (2);
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
    return sprout_ops_for_size (8);
  default:
    return sprout_ops_for_size (4);
  }
}

static const SproutArrayOps *
sprout_ops_for (const SproutArg *element)
{
  switch (element->tag) {
  case GI_TYPE_TAG_INT8:
    return &sprout_ops_int8;
  case GI_TYPE_TAG_UINT8:
    return &sprout_ops_uint8;
  case GI_TYPE_TAG_INT16:
  case GI_TYPE_TAG_UINT16:
    return &sprout_ops_utf16;
  case GI_TYPE_TAG_BOOLEAN:
  case GI_TYPE_TAG_INT32:
  case GI_TYPE_TAG_UINT32:
  case GI_TYPE_TAG_FLOAT:
    return &sprout_ops_32;
  case GI_TYPE_TAG_UNICHAR:
    return &sprout_ops_unichar;
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
  case GI_TYPE_TAG_DOUBLE:
    return &sprout_ops_64;
  case GI_TYPE_TAG_GTYPE:
    return &sprout_ops_gtype;
  case GI_TYPE_TAG_INTERFACE:
    return sprout_ops_for_interface (element);
  default: /* strings, void pointers, nested containers, GError */
    return element->is_pointer ? &sprout_ops_pointer : NULL;
  }
}

/* --- C arrays -------------------------------------------------------- */

/* The length argument's value: ours for `in`, the callee's for `out`. */
static GIArgument *
sprout_c_array_length_slot (const SproutArg *self, SproutInvoke *invoke,
                            gboolean for_in)
{
  gint8 index = self->length_index;

  if (for_in || invoke->callable->args[index].direction == GI_DIRECTION_IN)
    return &invoke->values[index];
  return &invoke->out_storage[index];
}

static gsize
sprout_c_array_length (const SproutArg *self, SproutInvoke *invoke,
                       gconstpointer data, gboolean for_in)
{
  const SproutArrayPlan *plan = sprout_array_plan (self);

  if (data == NULL)
    return 0;
  if (plan->length != NULL)
    return plan->length->get (
      sprout_c_array_length_slot (self, invoke, for_in));
  if (self->fixed_size >= 0)
    return (gsize) self->fixed_size;
  return sprout_array_count_terminated (data, plan->ops->size);
}

static gboolean
sprout_c_array_length_error (JSContextRef ctx, const SproutArg *self,
                             const char *error_name, const char *message,
                             JSValueRef *exception)
{
  g_autofree char *what = sprout_arg_describe (self);

  sprout_js_throw (ctx, exception, error_name, "%s: %s", what, message);
  return FALSE;
}

/* Writes the hidden length argument (also our copy, for release). */
static gboolean
sprout_c_array_set_length (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, gsize n, JSValueRef *exception)
{
  const SproutLengthOps *length = sprout_array_plan (self)->length;
  gint8 index = self->length_index;
  GIArgument *value;

  if (length == NULL)
    return TRUE;
  value = &invoke->values[index];
  /* Two arrays may share a length (marshalled[] marks it as written). */
  if (invoke->marshalled && invoke->marshalled[index] &&
      length->get (value) != n)
    return sprout_c_array_length_error (
      ctx, self, "TypeError",
      "its length differs from that of an array sharing its length argument",
      exception);
  if (!length->set (value, n))
    return sprout_c_array_length_error (
      ctx, self, "RangeError", "too many elements for its length argument",
      exception);
  if (invoke->marshalled)
    invoke->marshalled[index] = TRUE;
  if (invoke->callable->args[index].direction == GI_DIRECTION_INOUT)
    invoke->out_storage[index] = *value;
  return TRUE;
}

/* A fixed-size array shorter than its size is padded with zeroes; a longer
 * one is passed whole and C reads the first elements, as under GJS (its
 * suite passes 11 to Regress.test_array_static_in_int's 10); the rest are
 * released with the buffer. */
static gboolean
sprout_c_array_fit_fixed (JSContextRef ctx, const SproutArg *self,
                          SproutBuffer *buffer, JSValueRef *exception)
{
  gsize size = sprout_array_plan (self)->ops->size;
  gsize fixed = (gsize) self->fixed_size;

  if (self->fixed_size < 0 || buffer->data == NULL || buffer->n >= fixed)
    return TRUE;
  buffer->data = g_realloc (buffer->data, (fixed + 1) * size);
  memset (buffer->data + buffer->n * size, 0, (fixed + 1 - buffer->n) * size);
  return TRUE;
}

gboolean
sprout_array_fill (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, SproutBuffer *buffer,
                   JSValueRef *exception)
{
  buffer->data = NULL;
  buffer->n = 0;
  if (JSValueIsNull (ctx, value) || JSValueIsUndefined (ctx, value))
    return self->nullable ||
           sprout_arg_throw_type (ctx, self, value, exception);
  return sprout_array_plan (self)->ops->fill (ctx, self, invoke, value, buffer,
                                              exception);
}

static gboolean
sprout_in_c_array (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  SproutBuffer buffer;

  if (!sprout_array_fill (ctx, self, invoke, value, &buffer, exception))
    return FALSE;
  if (!sprout_c_array_fit_fixed (ctx, self, &buffer, exception) ||
      !sprout_c_array_set_length (ctx, self, invoke, buffer.n, exception)) {
    sprout_array_discard (self, invoke, buffer.data, buffer.n);
    return FALSE;
  }
  arg->v_pointer = buffer.data;
  return TRUE;
}

static JSValueRef
sprout_out_c_array (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  const SproutArrayPlan *plan = sprout_array_plan (self);

  /* With a length argument, NULL is the empty array (GJS). */
  if (arg->v_pointer == NULL && plan->length == NULL)
    return JSValueMakeNull (ctx);
  return plan->ops->to_js (
    ctx, self, invoke, arg->v_pointer,
    sprout_c_array_length (self, invoke, arg->v_pointer, FALSE), exception);
}

JSValueRef
sprout_array_c_to_js (JSContextRef ctx, const SproutArg *self,
                      gconstpointer data, gsize n, JSValueRef *exception)
{
  return sprout_array_plan (self)->ops->to_js (ctx, self, NULL, data,
                                               data ? n : 0, exception);
}

/* Owned guint8 arrays become the Uint8Array's storage, without a copy. */
static JSValueRef
sprout_out_c_array_take_bytes (JSContextRef ctx, const SproutArg *self,
                               SproutInvoke *invoke, GIArgument *arg,
                               JSValueRef *exception)
{
  gsize n = sprout_c_array_length (self, invoke, arg->v_pointer, FALSE);

  if (arg->v_pointer == NULL && sprout_array_plan (self)->length == NULL)
    return JSValueMakeNull (ctx);
  if (n == 0) {
    g_free (arg->v_pointer);
    return sprout_gi_byte_array_new (ctx, NULL, 0, exception);
  }
  return sprout_gi_byte_array_take (ctx, arg->v_pointer, n, sprout_free_bytes,
                                    exception);
}

static void
sprout_c_array_free_in (const SproutArg *self, SproutInvoke *invoke,
                        GIArgument *arg)
{
  gsize n = self->element->release_in
              ? sprout_c_array_length (self, invoke, arg->v_pointer, TRUE)
              : 0;

  sprout_array_release_elements (self, invoke, self->element->release_in,
                                 arg->v_pointer, n);
  g_free (arg->v_pointer);
}

static void
sprout_c_array_release_full (const SproutArg *self, SproutInvoke *invoke,
                             GIArgument *arg)
{
  gsize n = self->element->release_out
              ? sprout_c_array_length (self, invoke, arg->v_pointer, FALSE)
              : 0;

  sprout_array_release_elements (self, invoke, self->element->release_out,
                                 arg->v_pointer, n);
  g_free (arg->v_pointer);
}

static void
sprout_c_array_release_container (const SproutArg *self, SproutInvoke *invoke,
                                  GIArgument *arg)
{
  g_free (arg->v_pointer);
}

/* --- GArray, GPtrArray, GByteArray ---------------------------------- */

/* The three GLib array types behind one interface. */
/* --- Plan ------------------------------------------------------------ */

typedef struct {
  SproutArgIn in;
  SproutArgOut out;
  SproutArgRelease free_in;
  SproutArgRelease release_full;
  SproutArgRelease release_container;
} SproutArrayKind;

#define SPROUT_GARRAY_KIND                                                     \
  {                                                                            \
    sprout_in_garray, sprout_out_garray, sprout_garray_free_in,                \
      sprout_garray_release_full, sprout_garray_release_container              \
  }

static const SproutArrayKind sprout_array_kinds[] = {
  [GI_ARRAY_TYPE_C] = { sprout_in_c_array, sprout_out_c_array,
                        sprout_c_array_free_in, sprout_c_array_release_full,
                        sprout_c_array_release_container },
  [GI_ARRAY_TYPE_ARRAY] = SPROUT_GARRAY_KIND,
  [GI_ARRAY_TYPE_PTR_ARRAY] = SPROUT_GARRAY_KIND,
  [GI_ARRAY_TYPE_BYTE_ARRAY] = SPROUT_GARRAY_KIND,
};

/* A struct field's array whose length is another field of the struct
 * (boxed-fields.c): that field's integer type. */
static GITypeTag
sprout_array_field_length_tag (GIBaseInfo *field, gint index)
{
  GIBaseInfo *owner = g_base_info_get_container (field);
  g_autoptr (SproutGIInfo) length_field = NULL;
  g_autoptr (SproutGIInfo) length_type = NULL;

  if (owner && GI_IS_STRUCT_INFO (owner) &&
      index < g_struct_info_get_n_fields ((GIStructInfo *) owner))
    length_field = g_struct_info_get_field ((GIStructInfo *) owner, index);
  else if (owner && GI_IS_UNION_INFO (owner) &&
           index < g_union_info_get_n_fields ((GIUnionInfo *) owner))
    length_field = g_union_info_get_field ((GIUnionInfo *) owner, index);
  if (length_field == NULL)
    return GI_TYPE_TAG_VOID;
  length_type = g_field_info_get_type ((GIFieldInfo *) length_field);
  return g_type_info_get_tag ((GITypeInfo *) length_type);
}

/* The integer type of the length argument, from the callable's info (the
 * container of the argument's type). VOID if not found. */
static GITypeTag
sprout_array_length_tag (const SproutArg *self)
{
  GIBaseInfo *callable = g_base_info_get_container (self->type_info);
  g_autoptr (SproutGIInfo) length_arg = NULL;
  g_autoptr (SproutGIInfo) length_type = NULL;

  if (callable && g_base_info_get_type (callable) == GI_INFO_TYPE_FIELD)
    return sprout_array_field_length_tag (callable, self->length_index);
  if (callable && g_base_info_get_type (callable) == GI_INFO_TYPE_ARG)
    callable = g_base_info_get_container (callable);
  if (callable == NULL || !GI_IS_CALLABLE_INFO (callable) ||
      self->length_index >=
        g_callable_info_get_n_args ((GICallableInfo *) callable))
    return GI_TYPE_TAG_VOID;
  length_arg =
    g_callable_info_get_arg ((GICallableInfo *) callable, self->length_index);
  length_type = g_arg_info_get_type ((GIArgInfo *) length_arg);
  return g_type_info_get_tag ((GITypeInfo *) length_type);
}

static gboolean
sprout_array_unsupported (SproutArg *arg, GError **error, const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s of type array %s is not supported yet",
               arg->name ? arg->name : "the return value", why);
  return FALSE;
}

/* Structs and unions by value. Memory is copied in, so with transfer
 * full or container the callee could free what the wrapper's struct still
 * points at: only simple structs (boxed.h) go in that way. GValues need
 * their own copies and are left to their family. */
static gboolean
sprout_array_plan_flat_structs (const SproutArg *self, SproutArrayPlan *plan)
{
  SproutArg *element = &plan->element;
  GIInfoType type;

  if (element->tag != GI_TYPE_TAG_INTERFACE || element->is_pointer ||
      element->element_size == 0 || element->gtype == G_TYPE_VALUE)
    return FALSE;
  type = g_base_info_get_type (element->interface_info);
  if (type != GI_INFO_TYPE_STRUCT && type != GI_INFO_TYPE_BOXED &&
      type != GI_INFO_TYPE_UNION)
    return FALSE;
  if (self->direction != GI_DIRECTION_OUT &&
      self->transfer != GI_TRANSFER_NOTHING &&
      !sprout_boxed_info_is_simple (element->interface_info))
    return FALSE;
  plan->flat_ops.size = element->element_size;
  plan->flat_ops.fill = sprout_array_fill_structs;
  plan->flat_ops.to_js = sprout_array_to_js_structs;
  plan->ops = &plan->flat_ops;
  return TRUE;
}

/* The element plan: a SproutArg for the element type, chosen like any
 * argument's, with the container's direction and a per-element transfer. */
static gboolean
sprout_array_plan_element (SproutArg *self, SproutArrayPlan *plan,
                           GError **error)
{
  SproutArg *element = &plan->element;

  element->type_info = g_type_info_get_param_type (self->type_info, 0);
  if (element->type_info == NULL)
    return FALSE;
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
  /* In a zero-terminated array NULL would end the array early. */
  element->nullable = !self->zero_terminated;
  sprout_arg_load_type (element);
  element->length_index = -1;
  /* A GPtrArray holds pointers, whatever GI says of its element type
   * (structs are often described by value there), and so does any array
   * of objects: they exist by reference only (Gio.ListStore.splice()'s
   * `additions` is a gpointer* of GObject.Object "by value"). */
  if (self->array_type == GI_ARRAY_TYPE_PTR_ARRAY ||
      (element->tag == GI_TYPE_TAG_INTERFACE && element->interface_info &&
       (GI_IS_OBJECT_INFO (element->interface_info) ||
        GI_IS_INTERFACE_INFO (element->interface_info))))
    element->is_pointer = TRUE;
  /* Numbers are stored by value in any other array, even where the typelib
   * marks them as pointers because the C type is gpointer
   * (Regress.has_parameter_named_attrs). */
  else if (G_TYPE_TAG_IS_BASIC (element->tag) &&
           element->tag != GI_TYPE_TAG_VOID &&
           element->tag != GI_TYPE_TAG_UTF8 &&
           element->tag != GI_TYPE_TAG_FILENAME)
    element->is_pointer = FALSE;
  if (sprout_array_plan_flat_structs (self, plan))
    return TRUE;
  if (!sprout_arg_init_marshallers (element, error))
    return FALSE;
  plan->ops = sprout_ops_for (element);
  plan->element_in = element->in;
  if (element->tag == GI_TYPE_TAG_UNICHAR)
    element->in = sprout_array_in_code_point;
  else if (element->tag == GI_TYPE_TAG_UINT64)
    element->in = sprout_array_in_wrapping_uint64;
  return plan->ops != NULL;
}

/* Checks what the kind and the plan cannot handle. */
static gboolean
sprout_array_check (SproutArg *arg, const SproutArrayPlan *plan, GError **error)
{
  gboolean is_out = arg->direction != GI_DIRECTION_IN;

  if (arg->caller_allocates && arg->direction == GI_DIRECTION_OUT)
    return sprout_array_unsupported (arg, error, "(out caller-allocates)");
  if (arg->array_type == GI_ARRAY_TYPE_PTR_ARRAY &&
      plan->ops != &sprout_ops_pointer)
    return sprout_array_unsupported (arg, error, "(GPtrArray of non-pointers)");
  if (arg->array_type == GI_ARRAY_TYPE_BYTE_ARRAY && plan->ops->size != 1)
    return sprout_array_unsupported (arg, error, "(GByteArray of non-bytes)");
  if (arg->array_type == GI_ARRAY_TYPE_C && is_out && plan->length == NULL &&
      arg->fixed_size < 0 && !arg->zero_terminated)
    return sprout_array_unsupported (arg, error, "(of unknown length)");
  if (arg->direction != GI_DIRECTION_OUT &&
      arg->transfer == GI_TRANSFER_CONTAINER &&
      plan->element.release_in != NULL)
    return sprout_array_unsupported (arg, error,
                                     "(in, transfer container, of elements "
                                     "that need freeing)");
  return TRUE;
}

static gboolean
sprout_array_plan_length (SproutArg *arg, SproutArrayPlan *plan, GError **error)
{
  GITypeTag tag;

  if (arg->array_type != GI_ARRAY_TYPE_C || arg->length_index < 0)
    return TRUE;
  tag = sprout_array_length_tag (arg);
  if ((gsize) tag >= G_N_ELEMENTS (sprout_length_ops) ||
      sprout_length_ops[tag].get == NULL)
    return sprout_array_unsupported (arg, error,
                                     "(with a length that is not an integer)");
  plan->length = &sprout_length_ops[tag];
  return TRUE;
}

static void
sprout_array_choose (SproutArg *arg, SproutArrayPlan *plan)
{
  const SproutArrayKind *kind = &sprout_array_kinds[arg->array_type];

  arg->in = kind->in;
  arg->out = kind->out;
  if (arg->array_type != GI_ARRAY_TYPE_C)
    plan->garray = sprout_garray_kind (arg->array_type);
  if (arg->transfer == GI_TRANSFER_NOTHING) {
    arg->release_in = kind->free_in;
  } else {
    arg->release_out = arg->transfer == GI_TRANSFER_EVERYTHING
                         ? kind->release_full
                         : kind->release_container;
  }
  if (arg->array_type == GI_ARRAY_TYPE_C &&
      arg->transfer != GI_TRANSFER_NOTHING && plan->ops == &sprout_ops_uint8) {
    arg->out = sprout_out_c_array_take_bytes;
    arg->release_out = NULL;
  }
}

gboolean
sprout_marshal_array_init (SproutArg *arg, GError **error)
{
  SproutArrayPlan *plan;

  if (arg->tag != GI_TYPE_TAG_ARRAY ||
      (gsize) arg->array_type >= G_N_ELEMENTS (sprout_array_kinds))
    return FALSE;
  plan = g_new0 (SproutArrayPlan, 1);
  arg->element = &plan->element;
  if (!sprout_array_plan_element (arg, plan, error) ||
      !sprout_array_plan_length (arg, plan, error) ||
      !sprout_array_check (arg, plan, error)) {
    sprout_arg_clear (arg->element);
    g_clear_pointer (&arg->element, g_free);
    return FALSE;
  }
  arg->element_size = plan->ops->size;
  sprout_array_choose (arg, plan);
  return TRUE;
}
