/* boxed-type.c: what Sprout knows about a struct or union type, worked out
 * once when its class is made (boxed-private.h, SproutBoxedType): its
 * trustworthy size, whether it is "simple" (GJS's rule for allocating and
 * copying without a constructor), whether zeroed memory leaves pointers a
 * constructor would have set, and which static constructors `new X()` may
 * call. boxed.c makes wrappers and classes from it; boxed-fields.c plans
 * the fields.
 */
#include "boxed-private.h"

#include <string.h>

GType
sprout_boxed_info_gtype (GIBaseInfo *info)
{
  return g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) info);
}

/* Fields and methods of a struct or union info; none for others (a
 * GI_INFO_TYPE_BOXED info is neither, and GI's struct functions would
 * refuse it). */
gint
sprout_boxed_info_n_fields (GIBaseInfo *info)
{
  if (GI_IS_UNION_INFO (info))
    return g_union_info_get_n_fields ((GIUnionInfo *) info);
  if (GI_IS_STRUCT_INFO (info))
    return g_struct_info_get_n_fields ((GIStructInfo *) info);
  if (GI_IS_OBJECT_INFO (info)) /* instance structs (object-fields.c) */
    return g_object_info_get_n_fields ((GIObjectInfo *) info);
  return 0;
}

GIFieldInfo *
sprout_boxed_info_field (GIBaseInfo *info, gint i)
{
  if (GI_IS_UNION_INFO (info))
    return g_union_info_get_field ((GIUnionInfo *) info, i);
  if (GI_IS_OBJECT_INFO (info))
    return g_object_info_get_field ((GIObjectInfo *) info, i);
  return g_struct_info_get_field ((GIStructInfo *) info, i);
}

gint
sprout_boxed_info_n_methods (GIBaseInfo *info)
{
  if (GI_IS_UNION_INFO (info))
    return g_union_info_get_n_methods ((GIUnionInfo *) info);
  if (GI_IS_STRUCT_INFO (info))
    return g_struct_info_get_n_methods ((GIStructInfo *) info);
  return 0;
}

GIFunctionInfo *
sprout_boxed_info_method (GIBaseInfo *info, gint i)
{
  return GI_IS_UNION_INFO (info)
           ? g_union_info_get_method ((GIUnionInfo *) info, i)
           : g_struct_info_get_method ((GIStructInfo *) info, i);
}

/* Typelibs lose C bitfield widths, so GI's offsets and size for a struct
 * with bitfields are wrong (GLib.Date is 8 bytes; GI says 24 and puts its
 * last field at offset 20): a copy or a field access would run past the
 * memory. These are the ones in GLib, GObject and Gio; their size counts
 * as unknown, so they are neither allocated, copied nor read by field. */
static const char *const sprout_boxed_bitfield_structs[] = {
  "GLib.Date",          "GLib.HookList",   "GLib.IOChannel",
  "GLib.ScannerConfig", "GObject.Closure",
};

static gboolean
sprout_boxed_layout_is_wrong (GIBaseInfo *info)
{
  const char *ns = g_base_info_get_namespace (info);
  const char *name = g_base_info_get_name (info);
  gsize ns_len = strlen (ns);

  if (!g_str_equal (ns, "GLib") && !g_str_equal (ns, "GObject"))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (sprout_boxed_bitfield_structs); i++) {
    const char *known = sprout_boxed_bitfield_structs[i];
    if (strncmp (known, ns, ns_len) == 0 && known[ns_len] == '.' &&
        g_str_equal (known + ns_len + 1, name))
      return TRUE;
  }
  return FALSE;
}

gsize
sprout_boxed_size (GIBaseInfo *info)
{
  if (sprout_boxed_layout_is_wrong (info))
    return 0;
  if (GI_IS_STRUCT_INFO (info))
    return g_struct_info_get_size ((GIStructInfo *) info);
  if (GI_IS_UNION_INFO (info))
    return g_union_info_get_size ((GIUnionInfo *) info);
  return 0;
}

/* ---- simple types ------------------------------------------------------- */

/* GJS's rule for a field: pointers are fine (a zeroed one is NULL), except
 * C arrays, which are as simple as their elements; values by value are fine
 * unless they are unions, objects, callbacks or non-simple structs. */
static gboolean
sprout_boxed_field_type_is_simple (GITypeInfo *type)
{
  GITypeTag tag = g_type_info_get_tag (type);
  g_autoptr (SproutGIInfo) inner = NULL;

  if (g_type_info_is_pointer (type)) {
    if (tag != GI_TYPE_TAG_ARRAY ||
        g_type_info_get_array_type (type) != GI_ARRAY_TYPE_C)
      return TRUE;
    inner = g_type_info_get_param_type (type, 0);
    return inner == NULL || sprout_boxed_field_type_is_simple (inner);
  }
  if (tag != GI_TYPE_TAG_INTERFACE)
    return TRUE;
  inner = g_type_info_get_interface (type);
  switch (g_base_info_get_type (inner)) {
  case GI_INFO_TYPE_STRUCT:
  case GI_INFO_TYPE_BOXED:
    return sprout_boxed_info_is_simple (inner);
  case GI_INFO_TYPE_ENUM:
  case GI_INFO_TYPE_FLAGS:
    return TRUE;
  default:
    return FALSE;
  }
}

gboolean
sprout_boxed_info_is_simple (GIBaseInfo *info)
{
  gint n = sprout_boxed_info_n_fields (info);

  if (n == 0 || sprout_boxed_size (info) == 0)
    return FALSE; /* opaque */
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) field = sprout_boxed_info_field (info, i);
    g_autoptr (SproutGIInfo) type = g_field_info_get_type (field);

    if (!sprout_boxed_field_type_is_simple (type))
      return FALSE;
  }
  return TRUE;
}

static gboolean sprout_boxed_info_has_pointers (GIBaseInfo *info);

/* Whether a zeroed field of this type is a NULL pointer that a
 * constructor would have set: pointers other than void ones, C arrays of
 * them, and simple structs holding them. */
static gboolean
sprout_boxed_field_type_has_pointers (GITypeInfo *type)
{
  GITypeTag tag = g_type_info_get_tag (type);
  g_autoptr (SproutGIInfo) inner = NULL;

  if (g_type_info_is_pointer (type)) {
    if (tag != GI_TYPE_TAG_ARRAY ||
        g_type_info_get_array_type (type) != GI_ARRAY_TYPE_C)
      return tag != GI_TYPE_TAG_VOID;
    inner = g_type_info_get_param_type (type, 0);
    return inner && sprout_boxed_field_type_has_pointers (inner);
  }
  if (tag != GI_TYPE_TAG_INTERFACE)
    return FALSE;
  inner = g_type_info_get_interface (type);
  return GI_IS_STRUCT_INFO (inner) && sprout_boxed_info_has_pointers (inner);
}

static gboolean
sprout_boxed_info_has_pointers (GIBaseInfo *info)
{
  gint n = sprout_boxed_info_n_fields (info);

  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) field = sprout_boxed_info_field (info, i);
    g_autoptr (SproutGIInfo) type = g_field_info_get_type (field);

    if (sprout_boxed_field_type_has_pointers (type))
      return TRUE;
  }
  return FALSE;
}

/* ---- type data ---------------------------------------------------------- */

/* Whether the zero-args constructor @method can be called straight through
 * libffi: it returns a new instance of the type (transfer full) and has no
 * GError to report. */
static gboolean
sprout_boxed_ctor_is_direct (SproutBoxedType *type, GIFunctionInfo *method)
{
  g_autoptr (SproutGIInfo) ret = g_callable_info_get_return_type (method);
  g_autoptr (SproutGIInfo) ret_info = NULL;

  if (g_callable_info_can_throw_gerror (method) ||
      g_callable_info_get_caller_owns (method) != GI_TRANSFER_EVERYTHING ||
      g_type_info_get_tag (ret) != GI_TYPE_TAG_INTERFACE ||
      !g_type_info_is_pointer (ret))
    return FALSE;
  ret_info = g_type_info_get_interface (ret);
  return g_base_info_equal (ret_info, type->info);
}

/* Which static constructors `new X()` may call (GJS's choice). */
static void
sprout_boxed_type_find_ctors (SproutBoxedType *type)
{
  gint n = sprout_boxed_info_n_methods (type->info);
  g_autofree char *first = NULL;

  if (type->gtype == G_TYPE_NONE)
    return;
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) method = sprout_boxed_info_method (type->info, i);
    const char *name = g_base_info_get_name (method);

    if (!(g_function_info_get_flags (method) & GI_FUNCTION_IS_CONSTRUCTOR))
      continue;
    if (first == NULL)
      first = g_strdup (name);
    if (type->zero_args_ctor == NULL &&
        g_callable_info_get_n_args ((GICallableInfo *) method) == 0) {
      type->zero_args_ctor = g_strdup (name);
      if (sprout_boxed_ctor_is_direct (type, method))
        type->zero_args_info = g_base_info_ref (method);
    }
    if (type->default_ctor == NULL && g_str_equal (name, "new"))
      type->default_ctor = g_strdup (name);
  }
  if (type->default_ctor == NULL)
    type->default_ctor = type->zero_args_ctor ? g_strdup (type->zero_args_ctor)
                                              : g_steal_pointer (&first);
}

SproutBoxedType *
sprout_boxed_type_new (GIBaseInfo *info)
{
  SproutBoxedType *type = g_new0 (SproutBoxedType, 1);

  type->info = g_base_info_ref (info);
  type->gtype = sprout_boxed_info_gtype (info);
  type->size = sprout_boxed_size (info);
  type->is_union = GI_IS_UNION_INFO (info);
  type->is_boxed = G_TYPE_IS_BOXED (type->gtype) && type->gtype != G_TYPE_NONE;
  type->simple = sprout_boxed_info_is_simple (info);
  type->has_pointers = type->simple && sprout_boxed_info_has_pointers (info);
  sprout_boxed_type_find_ctors (type);
  /* GJS's order: a zero-args constructor; zeroed memory for simple
   * structs without pointers; the default constructor; zeroed memory for
   * the other simple ones. */
  type->constructs_fresh =
    type->zero_args_ctor != NULL ||
    (type->simple && (!type->has_pointers || type->default_ctor == NULL));
  sprout_boxed_fields_plan (type);
  return type;
}

/* The fields of a GObject class's instance struct: no constructors, and
 * the size GLib registered (GI has none for objects). */
SproutBoxedType *
sprout_boxed_type_new_for_object (GIObjectInfo *info, GType gtype)
{
  SproutBoxedType *type = g_new0 (SproutBoxedType, 1);
  GTypeQuery query;

  g_type_query (gtype, &query);
  type->info = g_base_info_ref (info);
  type->gtype = gtype;
  type->size = query.instance_size;
  sprout_boxed_fields_plan (type);
  return type;
}

void
sprout_boxed_type_free (SproutBoxedType *type)
{
  sprout_boxed_fields_free (type);
  if (type->zero_args_invoker.native_address)
    g_function_invoker_destroy (&type->zero_args_invoker);
  g_clear_pointer (&type->zero_args_info, g_base_info_unref);
  g_free (type->zero_args_ctor);
  g_free (type->default_ctor);
  g_base_info_unref (type->info);
  g_free (type);
}
