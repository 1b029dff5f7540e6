/* marshal-enum.c: enums and flags as arguments. Values travel as Numbers;
 * an `in` value must be one of the enum's values, or for flags a combination
 * of its bits, as GJS checks, so that a typo never reaches C as garbage. */
#include "arg-cache.h"

#include <math.h>

#include "js-util.h"

static gboolean
sprout_enum_is_unsigned (const SproutArg *self)
{
  GITypeTag storage = g_enum_info_get_storage_type (
    (GIEnumInfo *) self->interface_info);
  return storage == GI_TYPE_TAG_UINT8 || storage == GI_TYPE_TAG_UINT16 ||
         storage == GI_TYPE_TAG_UINT32 || storage == GI_TYPE_TAG_UINT64;
}

static gboolean
sprout_enum_has_value (GIEnumInfo *info, gint64 value)
{
  gint n = g_enum_info_get_n_values (info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) value_info = g_enum_info_get_value (info, i);
    if (g_value_info_get_value (value_info) == value)
      return TRUE;
  }
  return FALSE;
}

static guint64
sprout_flags_mask (GIEnumInfo *info)
{
  gint n = g_enum_info_get_n_values (info);
  guint64 mask = 0;

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) value_info = g_enum_info_get_value (info, i);
    mask |= (guint64) g_value_info_get_value (value_info);
  }
  return mask;
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
  if (!sprout_enum_has_value ((GIEnumInfo *) self->interface_info,
                              (gint64) number)) {
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
  if (bits & ~sprout_flags_mask ((GIEnumInfo *) self->interface_info)) {
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
  arg->out = type == GI_INFO_TYPE_FLAGS || sprout_enum_is_unsigned (arg)
               ? sprout_out_enum_unsigned
               : sprout_out_enum_signed;
  return TRUE;
}
