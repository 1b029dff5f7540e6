/* enum.c: enums, flags and constants as namespace members.
 *
 * An enum is a plain object mapping GJS-style upper-case value names to
 * numbers, with the enum's static methods and `$gtype` for registered enums.
 * An enum that names an error domain becomes the domain's error class instead
 * (gerror.c), carrying the same values.
 */
#include "gi-private.h"

#include "gtype.h"
#include "js-util.h"

static char *
sprout_enum_value_name (GIValueInfo *value)
{
  char *name = g_ascii_strup (g_base_info_get_name (value), -1);

  for (char *p = name; *p; p++)
    if (*p == '-')
      *p = '_';
  return name;
}

static void
sprout_enum_define_values (JSContextRef ctx, JSObjectRef object,
                           GIEnumInfo *info)
{
  gint n = g_enum_info_get_n_values (info);
  gboolean is_unsigned =
    g_enum_info_get_storage_type (info) == GI_TYPE_TAG_UINT32 ||
    g_base_info_get_type (info) == GI_INFO_TYPE_FLAGS;

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) value = g_enum_info_get_value (info, i);
    g_autofree char *name = sprout_enum_value_name (value);
    gint64 number = g_value_info_get_value (value);

    if (is_unsigned)
      number = (guint32) number;
    sprout_js_set (ctx, object, name, JSValueMakeNumber (ctx, (double) number),
                   kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete,
                   NULL);
  }
}

static void
sprout_enum_define_methods (JSContextRef ctx, JSObjectRef object,
                            GIEnumInfo *info)
{
  gint n = g_enum_info_get_n_methods (info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method = g_enum_info_get_method (info, i);
    sprout_js_set (ctx, object, g_base_info_get_name (method),
                   sprout_gi_function_new (ctx, method),
                   kJSPropertyAttributeDontEnum, NULL);
  }
}

JSObjectRef
sprout_gi_enum_new (JSContextRef ctx, GIEnumInfo *info, JSValueRef *exception)
{
  JSObjectRef object = JSObjectMake (ctx, NULL, NULL);
  GType gtype = g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) info);

  sprout_enum_define_values (ctx, object, info);
  sprout_enum_define_methods (ctx, object, info);
  if (gtype != G_TYPE_NONE && gtype != G_TYPE_INVALID)
    sprout_js_set (ctx, object, "$gtype", sprout_gtype_to_js (ctx, gtype),
                   kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly,
                   NULL);
  if (g_enum_info_get_error_domain (info))
    return sprout_gerror_domain_class_new (ctx, info, object, exception);
  return object;
}

JSValueRef
sprout_gi_constant_value (JSContextRef ctx, GIConstantInfo *info,
                          JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) type = g_constant_info_get_type (info);
  GIArgument value;
  JSValueRef result;

  g_constant_info_get_value (info, &value);
  switch (g_type_info_get_tag (type)) {
  case GI_TYPE_TAG_BOOLEAN:
    result = JSValueMakeBoolean (ctx, value.v_boolean);
    break;
  case GI_TYPE_TAG_INT8:
    result = JSValueMakeNumber (ctx, value.v_int8);
    break;
  case GI_TYPE_TAG_UINT8:
    result = JSValueMakeNumber (ctx, value.v_uint8);
    break;
  case GI_TYPE_TAG_INT16:
    result = JSValueMakeNumber (ctx, value.v_int16);
    break;
  case GI_TYPE_TAG_UINT16:
    result = JSValueMakeNumber (ctx, value.v_uint16);
    break;
  case GI_TYPE_TAG_INT32:
    result = JSValueMakeNumber (ctx, value.v_int32);
    break;
  case GI_TYPE_TAG_UINT32:
    result = JSValueMakeNumber (ctx, value.v_uint32);
    break;
  case GI_TYPE_TAG_INT64:
    result = sprout_js_number_from_int64 (ctx, value.v_int64);
    break;
  case GI_TYPE_TAG_UINT64:
    result = sprout_js_number_from_uint64 (ctx, value.v_uint64);
    break;
  case GI_TYPE_TAG_FLOAT:
    result = JSValueMakeNumber (ctx, value.v_float);
    break;
  case GI_TYPE_TAG_DOUBLE:
    result = JSValueMakeNumber (ctx, value.v_double);
    break;
  case GI_TYPE_TAG_UTF8:
  case GI_TYPE_TAG_FILENAME:
    result = sprout_js_value_from_utf8 (ctx, value.v_string);
    break;
  default:
    result = sprout_js_throw (ctx, exception, "TypeError",
                              "Constant %s.%s has a type Sprout cannot "
                              "represent",
                              g_base_info_get_namespace (info),
                              g_base_info_get_name (info));
    break;
  }
  g_constant_info_free_value (info, &value);
  return result;
}
