/* marshal-enum.c: enums and flags as arguments. Values travel as Numbers;
 * an `in` value must be one of the enum's values, or for flags a combination
 * of its bits, as GJS checks, so that a typo never reaches C as garbage.
 * What the check needs (a range, the sorted values, the flags' mask) is
 * read from the typelib once per type, when a plan first uses it. */
#include "arg-cache.h"

#include <math.h>
#include <stdlib.h>

#include "js-util.h"

static gboolean
sprout_enum_is_unsigned (const SproutArg *self)
{
  GITypeTag storage = g_enum_info_get_storage_type (
    (GIEnumInfo *) self->interface_info);
  return storage == GI_TYPE_TAG_UINT8 || storage == GI_TYPE_TAG_UINT16 ||
         storage == GI_TYPE_TAG_UINT32 || storage == GI_TYPE_TAG_UINT64;
}

typedef struct _SproutEnumValues {
  gint64 min, max;
  gboolean contiguous; /* every value between min and max is valid */
  guint n;
  gint64 *sorted;      /* n values, ascending, where not contiguous */
  guint64 mask;        /* flags: the union of the values' bits */
} SproutEnumValues;

static GHashTable *sprout_enum_values; /* "ns.Name" -> SproutEnumValues */

static int
sprout_compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static SproutEnumValues *
sprout_enum_values_new (GIEnumInfo *info)
{
  SproutEnumValues *values = g_new0 (SproutEnumValues, 1);
  guint n = (guint) MAX (g_enum_info_get_n_values (info), 0);
  guint distinct = 0;

  values->sorted = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) value_info = g_enum_info_get_value (info, i);
    values->sorted[i] = g_value_info_get_value (value_info);
    values->mask |= (guint64) values->sorted[i];
  }
  qsort (values->sorted, n, sizeof (gint64), sprout_compare_int64);
  for (guint i = 0; i < n; i++)
    if (i == 0 || values->sorted[i] != values->sorted[distinct - 1])
      values->sorted[distinct++] = values->sorted[i];
  values->n = distinct;
  if (distinct > 0) {
    values->min = values->sorted[0];
    values->max = values->sorted[distinct - 1];
    values->contiguous =
      (guint64) (values->max - values->min) == (guint64) distinct - 1;
  }
  return values;
}

/* The values of @info's type, read once per process (typelibs stay). */
static const SproutEnumValues *
sprout_enum_values_for (GIEnumInfo *info)
{
  g_autofree char *key = g_strconcat (g_base_info_get_namespace (info), ".",
                                      g_base_info_get_name (info), NULL);
  SproutEnumValues *values;

  if (sprout_enum_values == NULL)
    sprout_enum_values = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free, NULL);
  values = g_hash_table_lookup (sprout_enum_values, key);
  if (values == NULL) {
    values = sprout_enum_values_new (info);
    g_hash_table_insert (sprout_enum_values, g_steal_pointer (&key), values);
  }
  return values;
}

static gboolean
sprout_enum_has_value (const SproutEnumValues *values, gint64 value)
{
  if (value < values->min || value > values->max)
    return FALSE;
  if (values->contiguous)
    return TRUE;
  return bsearch (&value, values->sorted, values->n, sizeof (gint64),
                  sprout_compare_int64) != NULL;
}

static gboolean
sprout_enum_number (JSContextRef ctx, const SproutArg *self, JSValueRef value,
                    double *number, JSValueRef *exception)
{
  if (!JSValueIsNumber (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  *number = JSValueToNumber (ctx, value, NULL);
  if (*number != floor (*number) || *number < G_MININT32 ||
      *number > G_MAXUINT32) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: %g is not a valid value for %s", what, *number,
                     g_base_info_get_name (self->interface_info));
    return FALSE;
  }
  return TRUE;
}

static gboolean
sprout_in_enum (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  double number;

  if (!sprout_enum_number (ctx, self, value, &number, exception))
    return FALSE;
  if (!sprout_enum_has_value (self->enum_values, (gint64) number)) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: %g is not a valid value for enumeration %s", what,
                     number, g_base_info_get_name (self->interface_info));
    return FALSE;
  }
  if (number < 0)
    arg->v_int32 = (gint32) number;
  else
    arg->v_uint32 = (guint32) number;
  return TRUE;
}

static gboolean
sprout_in_flags (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  double number;
  guint64 bits;

  /* GJS reads undefined as no flags: code passes GObject.BindingFlags.NONE,
   * which does not exist (the typelib names it DEFAULT). */
  if (JSValueIsUndefined (ctx, value) && self->direction == GI_DIRECTION_IN &&
      self->c_index >= 0) {
    arg->v_uint32 = 0;
    return TRUE;
  }
  if (!sprout_enum_number (ctx, self, value, &number, exception))
    return FALSE;
  bits = number < 0 ? (guint32) (gint32) number : (guint64) number;
  if (bits & ~self->enum_values->mask) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: 0x%" G_GINT64_MODIFIER "x is not a valid value for "
                     "flags %s", what, bits,
                     g_base_info_get_name (self->interface_info));
    return FALSE;
  }
  arg->v_uint32 = (guint32) bits;
  return TRUE;
}

static JSValueRef
sprout_out_enum_signed (JSContextRef ctx, const SproutArg *self,
                        SproutInvoke *invoke, GIArgument *arg,
                        JSValueRef *exception)
{
  return JSValueMakeNumber (ctx, arg->v_int32);
}

static JSValueRef
sprout_out_enum_unsigned (JSContextRef ctx, const SproutArg *self,
                          SproutInvoke *invoke, GIArgument *arg,
                          JSValueRef *exception)
{
  return JSValueMakeNumber (ctx, arg->v_uint32);
}

gboolean
sprout_marshal_enum_init (SproutArg *arg, GError **error)
{
  GIInfoType type;

  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL)
    return FALSE;
  type = g_base_info_get_type (arg->interface_info);
  if ((type != GI_INFO_TYPE_ENUM && type != GI_INFO_TYPE_FLAGS) ||
      arg->is_pointer)
    return FALSE;
  arg->in = type == GI_INFO_TYPE_FLAGS ? sprout_in_flags : sprout_in_enum;
  arg->enum_values = sprout_enum_values_for ((GIEnumInfo *) arg->interface_info);
  arg->out = type == GI_INFO_TYPE_FLAGS || sprout_enum_is_unsigned (arg)
               ? sprout_out_enum_unsigned
               : sprout_out_enum_signed;
  return TRUE;
}
