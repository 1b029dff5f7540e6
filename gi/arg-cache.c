/* arg-cache.c: builds the marshalling plan of a callable (see arg-cache.h).
 *
 * Two passes over the GI argument infos: the first finds the hidden
 * arguments (array lengths, callback user_data and destroy notifies) so that
 * the second can number the arguments JS passes and choose each visible
 * argument's marshallers. Marshallers come from families (marshal-*.c) that
 * recognise their types; a type no family handles makes the callable throw a
 * clear error when called instead of guessing.
 */
#include "arg-cache.h"

#include <gio/gio.h>

#include "fundamental.h"
#include "js-util.h"

char *
sprout_arg_describe (const SproutArg *arg)
{
  if (arg->is_field)
    return g_strdup_printf ("Field '%s'", arg->name ? arg->name : "?");
  if (arg->c_index < 0)
    return g_strdup ("Return value");
  return g_strdup_printf ("Argument '%s'", arg->name ? arg->name : "?");
}

static const char *
sprout_arg_type_name (const SproutArg *arg)
{
  /* GJS names a C array by its element type ("Expected type gfloat"). */
  if (arg->tag == GI_TYPE_TAG_ARRAY && arg->array_type == GI_ARRAY_TYPE_C &&
      arg->element)
    return sprout_arg_type_name (arg->element);
  if (arg->tag == GI_TYPE_TAG_INTERFACE && arg->interface_info) {
    GIInfoType type = g_base_info_get_type (arg->interface_info);
    /* GJS's words for these. */
    if (type == GI_INFO_TYPE_ENUM)
      return "enum";
    if (type == GI_INFO_TYPE_FLAGS)
      return "flags";
    return g_base_info_get_name (arg->interface_info);
  }
  return g_type_tag_to_string (arg->tag);
}

gboolean
sprout_arg_throw_null (JSContextRef ctx, const SproutArg *arg,
                       JSValueRef *exception)
{
  /* GJS's wording, which scripts and its suite match on. */
  sprout_js_throw (ctx, exception, "TypeError",
                   "Argument %s may not be null (expected type %s)",
                   arg->name ? arg->name : "?", sprout_arg_type_name (arg));
  return FALSE;
}

gboolean
sprout_arg_throw_type (JSContextRef ctx, const SproutArg *arg,
                       JSValueRef value, JSValueRef *exception)
{
  g_autofree char *what = sprout_arg_describe (arg);

  sprout_js_throw (ctx, exception, "TypeError",
                   "Expected type %s for %s but got type '%s'",
                   sprout_arg_type_name (arg), what,
                   sprout_js_type_name (ctx, value));
  return FALSE;
}

void
sprout_arg_clear (SproutArg *arg)
{
  g_clear_pointer (&arg->name, g_free);
  g_clear_pointer (&arg->type_info, g_base_info_unref);
  g_clear_pointer (&arg->interface_info, g_base_info_unref);
  if (arg->element) {
    sprout_arg_clear (arg->element);
    g_clear_pointer (&arg->element, g_free);
  }
  if (arg->value) {
    sprout_arg_clear (arg->value);
    g_clear_pointer (&arg->value, g_free);
  }
}

/* Fills the type-dependent fields of @arg from arg->type_info. */
void
sprout_arg_load_type (SproutArg *arg)
{
  arg->tag = g_type_info_get_tag (arg->type_info);
  arg->is_pointer = g_type_info_is_pointer (arg->type_info);
  arg->length_index = -1;
  arg->fixed_size = -1;
  if (arg->tag == GI_TYPE_TAG_INTERFACE) {
    arg->interface_info = g_type_info_get_interface (arg->type_info);
    if (GI_IS_STRUCT_INFO (arg->interface_info))
      arg->element_size =
        g_struct_info_get_size ((GIStructInfo *) arg->interface_info);
    else if (GI_IS_UNION_INFO (arg->interface_info))
      arg->element_size =
        g_union_info_get_size ((GIUnionInfo *) arg->interface_info);
    if (GI_IS_REGISTERED_TYPE_INFO (arg->interface_info))
      arg->gtype = g_registered_type_info_get_g_type (
        (GIRegisteredTypeInfo *) arg->interface_info);
  } else if (arg->tag == GI_TYPE_TAG_ARRAY) {
    arg->array_type = g_type_info_get_array_type (arg->type_info);
    arg->length_index = (gint8) g_type_info_get_array_length (arg->type_info);
    arg->fixed_size = g_type_info_get_array_fixed_size (arg->type_info);
    arg->zero_terminated = g_type_info_is_zero_terminated (arg->type_info);
  }
}

typedef gboolean (*SproutMarshalFamilyInit) (SproutArg *arg, GError **error);

static const SproutMarshalFamilyInit sprout_marshal_families[] = {
  sprout_marshal_basic_init,
  sprout_marshal_enum_init,
  sprout_marshal_array_init,
  sprout_marshal_list_init,
  sprout_marshal_callback_init,
  sprout_marshal_object_init,
  sprout_marshal_fundamental_init,
  sprout_marshal_variant_init,
  sprout_marshal_gclosure_init,
  sprout_marshal_gerror_init,
  sprout_marshal_gdkatom_init,
  sprout_marshal_gvalue_init,
  sprout_marshal_foreign_init,
  sprout_marshal_boxed_init,
};

gboolean
sprout_arg_init_marshallers (SproutArg *arg, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (sprout_marshal_families); i++) {
    if (sprout_marshal_families[i] (arg, &local_error))
      return TRUE;
    if (local_error) {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s of type %s is not supported yet",
               arg->name ? arg->name : "the return value",
               arg->tag == GI_TYPE_TAG_INTERFACE && arg->interface_info
                 ? g_base_info_get_name (arg->interface_info)
                 : g_type_tag_to_string (arg->tag));
  return FALSE;
}

/* First pass: roles of hidden arguments. */
static void
sprout_callable_find_hidden (SproutCallable *callable)
{
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];

    if (arg->tag == GI_TYPE_TAG_ARRAY && arg->length_index >= 0 &&
        (guint) arg->length_index < callable->n_args) {
      SproutArg *length = &callable->args[arg->length_index];
      length->role = SPROUT_ARG_ARRAY_LENGTH;
      length->length_of = (gint8) i;
    }
    if (arg->tag == GI_TYPE_TAG_INTERFACE &&
        g_base_info_get_type (arg->interface_info) == GI_INFO_TYPE_CALLBACK) {
      if (arg->closure_index >= 0 &&
          (guint) arg->closure_index < callable->n_args)
        callable->args[arg->closure_index].role = SPROUT_ARG_CLOSURE;
      if (arg->destroy_index >= 0 &&
          (guint) arg->destroy_index < callable->n_args)
        callable->args[arg->destroy_index].role = SPROUT_ARG_DESTROY;
    }
  }
  if (callable->return_arg.tag == GI_TYPE_TAG_ARRAY &&
      callable->return_arg.length_index >= 0 &&
      (guint) callable->return_arg.length_index < callable->n_args)
    callable->args[callable->return_arg.length_index].role =
      SPROUT_ARG_ARRAY_LENGTH;
}

static void
sprout_callable_load_arg (SproutCallable *callable, guint i)
{
  g_autoptr (SproutGIInfo) info = g_callable_info_get_arg (callable->info, (gint) i);
  SproutArg *arg = &callable->args[i];

  arg->name = g_strdup (g_base_info_get_name (info));
  arg->c_index = (gint8) i;
  arg->js_index = -1;
  arg->length_of = -1;
  arg->direction = g_arg_info_get_direction (info);
  arg->transfer = g_arg_info_get_ownership_transfer (info);
  arg->nullable = g_arg_info_may_be_null (info);
  arg->optional = g_arg_info_is_optional (info);
  arg->caller_allocates = g_arg_info_is_caller_allocates (info);
  arg->scope = g_arg_info_get_scope (info);
  arg->closure_index = (gint8) g_arg_info_get_closure (info);
  arg->destroy_index = (gint8) g_arg_info_get_destroy (info);
  arg->type_info = g_arg_info_get_type (info);
  arg->role = g_arg_info_is_skip (info) ? SPROUT_ARG_SKIPPED
                                        : SPROUT_ARG_NORMAL;
  sprout_arg_load_type (arg);
}

static void
sprout_callable_load_return (SproutCallable *callable)
{
  SproutArg *ret = &callable->return_arg;

  ret->c_index = -1;
  ret->js_index = -1;
  ret->length_of = -1;
  ret->direction = GI_DIRECTION_OUT;
  ret->transfer = g_callable_info_get_caller_owns (callable->info);
  ret->nullable = g_callable_info_may_return_null (callable->info);
  ret->type_info = g_callable_info_get_return_type (callable->info);
  sprout_arg_load_type (ret);
  callable->return_info_type = ret->interface_info
                                 ? g_base_info_get_type (ret->interface_info)
                                 : GI_INFO_TYPE_INVALID;
  callable->skip_return = (ret->tag == GI_TYPE_TAG_VOID && !ret->is_pointer) ||
                          g_callable_info_skip_return (callable->info);
}

/* The pipeline (function.c) allocates caller-allocated out values only for
 * structs and unions of known size, and the array family refuses its own.
 * For any other type C would write into the GIArgument the pipeline points
 * it at (g_unichar_to_utf8() writes up to 6 bytes, unterminated), and the
 * result would be read back as a pointer. */
static gboolean
sprout_arg_check_caller_allocates (const SproutArg *arg, GError **error)
{
  if (arg->direction != GI_DIRECTION_OUT || !arg->caller_allocates ||
      arg->tag == GI_TYPE_TAG_ARRAY ||
      (arg->tag == GI_TYPE_TAG_INTERFACE && arg->element_size > 0))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s of type %s is (out caller-allocates), which is not "
               "supported",
               arg->name ? arg->name : "?", sprout_arg_type_name (arg));
  return FALSE;
}

/* Second pass: JS positions and marshallers. */
/* A GDestroyNotify that no callback argument names as its notify frees
 * something JS cannot give (data the callee keeps, as in
 * g_memory_input_stream_new_from_data()): such a function cannot be called
 * from JS, as GJS says when it is. */
static gboolean
sprout_arg_check_lone_destroy (const SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL ||
      g_base_info_get_type (arg->interface_info) != GI_INFO_TYPE_CALLBACK ||
      !g_str_equal (g_base_info_get_name (arg->interface_info),
                    "DestroyNotify") ||
      !g_str_equal (g_base_info_get_namespace (arg->interface_info), "GLib"))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "its GDestroyNotify argument '%s' is not the destroy notify "
               "of a callback (it would free data JS cannot give)",
               arg->name ? arg->name : "?");
  return FALSE;
}

static gboolean
sprout_callable_plan_args (SproutCallable *callable, GError **error)
{
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];

    if (arg->role != SPROUT_ARG_NORMAL)
      continue;
    arg->top_level = TRUE;
    if (!sprout_arg_check_caller_allocates (arg, error) ||
        !sprout_arg_check_lone_destroy (arg, error))
      return FALSE;
    if (arg->direction != GI_DIRECTION_OUT)
      arg->js_index = (gint8) callable->n_js_args++;
    if (arg->direction != GI_DIRECTION_IN)
      callable->n_js_out++;
    if (!sprout_arg_init_marshallers (arg, error))
      return FALSE;
  }
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    /* Hidden arguments are written by their owners; they still need their
     * own plan for the C type (array lengths are integers). */
    if (arg->role == SPROUT_ARG_ARRAY_LENGTH &&
        !sprout_arg_init_marshallers (arg, error))
      return FALSE;
  }
  if (!callable->skip_return) {
    callable->n_js_out++;
    if (!sprout_arg_init_marshallers (&callable->return_arg, error))
      return FALSE;
  }
  return TRUE;
}

/* How a method whose instance is (transfer full) gives the callee its own
 * reference (g_dbus_method_invocation_return_value() unrefs the
 * invocation, g_bytes_unref_to_array() the bytes): without one, the callee
 * would free what the wrapper still holds. */
static gboolean
sprout_callable_plan_instance (SproutCallable *callable, GIBaseInfo *container,
                               GError **error)
{
  GType gtype = G_TYPE_NONE;

  if (!callable->is_method || g_callable_info_get_instance_ownership_transfer (
                                callable->info) == GI_TRANSFER_NOTHING)
    return TRUE;
  if (container && GI_IS_REGISTERED_TYPE_INFO (container))
    gtype =
      g_registered_type_info_get_g_type ((GIRegisteredTypeInfo *) container);
  if (g_type_is_a (gtype, G_TYPE_OBJECT))
    callable->instance_ref = g_object_ref;
  else if (G_TYPE_IS_BOXED (gtype))
    callable->instance_boxed = gtype;
  else if (G_TYPE_IS_INSTANTIATABLE (gtype) &&
           sprout_fundamental_is_wrappable (gtype))
    callable->instance_ref = sprout_fundamental_ref;
  if (callable->instance_ref || callable->instance_boxed)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "it takes its instance (transfer full), which Sprout cannot do "
               "for a %s",
               container ? g_base_info_get_name (container) : "?");
  return FALSE;
}

static SproutWord
sprout_word_for_tag (GITypeTag tag)
{
  switch (tag) {
  case GI_TYPE_TAG_BOOLEAN: /* gboolean is an int */
  case GI_TYPE_TAG_INT32:
    return SPROUT_WORD_S32;
  case GI_TYPE_TAG_UINT32:
  case GI_TYPE_TAG_UNICHAR:
    return SPROUT_WORD_U32;
  case GI_TYPE_TAG_INT8:
    return SPROUT_WORD_S8;
  case GI_TYPE_TAG_UINT8:
    return SPROUT_WORD_U8;
  case GI_TYPE_TAG_INT16:
    return SPROUT_WORD_S16;
  case GI_TYPE_TAG_UINT16:
    return SPROUT_WORD_U16;
  case GI_TYPE_TAG_INT64:
  case GI_TYPE_TAG_UINT64:
  case GI_TYPE_TAG_GTYPE:
    return SPROUT_WORD_64;
  default:
    return SPROUT_WORD_NONE;
  }
}

static SproutWord
sprout_arg_word (const SproutArg *arg)
{
  GIInfoType type;

  if (arg->is_pointer)
    return SPROUT_WORD_64;
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL)
    return sprout_word_for_tag (arg->tag);
  type = g_base_info_get_type (arg->interface_info);
  if (type == GI_INFO_TYPE_ENUM || type == GI_INFO_TYPE_FLAGS)
    return sprout_word_for_tag (
      g_enum_info_get_storage_type ((GIEnumInfo *) arg->interface_info));
  return SPROUT_WORD_NONE; /* structs and unions by value */
}

/* See SproutCallable.direct; needs `simple` first. */
static gboolean
sprout_callable_is_direct (SproutCallable *callable)
{
  const SproutArg *ret = &callable->return_arg;
  guint words = callable->n_args + callable->is_method + callable->can_throw;

  if (!callable->simple || words > 6 ||
      (!(ret->tag == GI_TYPE_TAG_VOID && !ret->is_pointer) &&
       sprout_arg_word (ret) == SPROUT_WORD_NONE))
    return FALSE;
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    arg->word = sprout_arg_word (arg);
    if (arg->word == SPROUT_WORD_NONE)
      return FALSE;
  }
  return TRUE;
}

static gboolean
sprout_callable_is_simple (const SproutCallable *callable)
{
  if (callable->n_args > SPROUT_SIMPLE_MAX_ARGS)
    return FALSE;
  for (guint i = 0; i < callable->n_args; i++) {
    const SproutArg *arg = &callable->args[i];
    if (arg->direction != GI_DIRECTION_IN || arg->role != SPROUT_ARG_NORMAL ||
        arg->in == NULL)
      return FALSE;
    /* GValue arguments record their temporaries in the out storage, which
     * the short pipeline does not have (marshal-gvalue.c). */
    if (arg->tag == GI_TYPE_TAG_INTERFACE && arg->gtype == G_TYPE_VALUE)
      return FALSE;
  }
  return TRUE;
}

gboolean
sprout_callable_init (SproutCallable *callable, GICallableInfo *info,
                      GError **error)
{
  callable->info = g_base_info_ref (info);
  GIBaseInfo *container = g_base_info_get_container (info);

  callable->name =
    container
      ? g_strdup_printf ("%s.%s.%s", g_base_info_get_namespace (info),
                         g_base_info_get_name (container),
                         g_base_info_get_name (info))
      : g_strdup_printf ("%s.%s", g_base_info_get_namespace (info),
                         g_base_info_get_name (info));
  callable->n_args = (guint) g_callable_info_get_n_args (info);
  callable->can_throw = g_callable_info_can_throw_gerror (info);
  callable->is_method = g_callable_info_is_method (info);
  callable->args = g_new0 (SproutArg, callable->n_args + 1);

  if (GI_IS_FUNCTION_INFO (info)) {
    const char *symbol = g_function_info_get_symbol ((GIFunctionInfo *) info);
    callable->inspects_main_context =
      g_strcmp0 (symbol, "g_main_context_pending") == 0 ||
      g_strcmp0 (symbol, "g_main_context_iteration") == 0;
    if (!g_function_info_prep_invoker ((GIFunctionInfo *) info,
                                       &callable->invoker, error))
      return FALSE;
  }

  for (guint i = 0; i < callable->n_args; i++)
    sprout_callable_load_arg (callable, i);
  sprout_callable_load_return (callable);
  sprout_callable_find_hidden (callable);
  if (!sprout_callable_plan_instance (callable, container, error) ||
      !sprout_callable_plan_args (callable, error))
    return FALSE;
  if (GI_IS_FUNCTION_INFO (info))
    sprout_regex_string_plan (
      callable, g_function_info_get_symbol ((GIFunctionInfo *) info));
  callable->simple = sprout_callable_is_simple (callable);
  callable->direct = sprout_callable_is_direct (callable);
  return TRUE;
}

void
sprout_callable_clear (SproutCallable *callable)
{
  for (guint i = 0; callable->args && i < callable->n_args; i++)
    sprout_arg_clear (&callable->args[i]);
  g_clear_pointer (&callable->args, g_free);
  sprout_arg_clear (&callable->return_arg);
  g_clear_pointer (&callable->info, g_base_info_unref);
  g_clear_pointer (&callable->name, g_free);
  if (callable->invoker.native_address)
    g_function_invoker_destroy (&callable->invoker);
}
