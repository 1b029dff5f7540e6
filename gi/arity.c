/* arity.c: how many arguments JS passes to a GI callable, for the `length`
 * of the functions Sprout makes for it (GJS's rule): `in` and `inout`
 * arguments, less the instance, the trailing GError, array lengths,
 * callbacks' user_data and destroy notifies. Computed from the typelib
 * without building the call plan, which waits for the first call. */
#include "gi-private.h"

static void
sprout_arity_mark_hidden (GICallableInfo *info, gint n, gboolean *hidden)
{
  g_autoptr (SproutGIInfo) return_type = g_callable_info_get_return_type (info);
  gint length = g_type_info_get_tag (return_type) == GI_TYPE_TAG_ARRAY
                  ? g_type_info_get_array_length (return_type)
                  : -1;

  if (length >= 0 && length < n)
    hidden[length] = TRUE;
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) arg = g_callable_info_get_arg (info, i);
    g_autoptr (SproutGIInfo) type = g_arg_info_get_type (arg);
    gint closure = g_arg_info_get_closure (arg);
    gint destroy = g_arg_info_get_destroy (arg);

    if (g_type_info_get_tag (type) == GI_TYPE_TAG_ARRAY) {
      length = g_type_info_get_array_length (type);
      if (length >= 0 && length < n)
        hidden[length] = TRUE;
    }
    /* On a callback argument, these name its user_data and notify. */
    if (closure >= 0 && closure < n && closure != i)
      hidden[closure] = TRUE;
    if (destroy >= 0 && destroy < n && destroy != i)
      hidden[destroy] = TRUE;
  }
}

guint
sprout_callable_info_js_arity (GICallableInfo *info)
{
  gint n = g_callable_info_get_n_args (info);
  g_autofree gboolean *hidden = g_new0 (gboolean, MAX (n, 1));
  guint arity = 0;

  sprout_arity_mark_hidden (info, n, hidden);
  for (gint i = 0; i < n; i++) {
    g_autoptr (SproutGIInfo) arg = g_callable_info_get_arg (info, i);
    if (!hidden[i] && g_arg_info_get_direction (arg) != GI_DIRECTION_OUT)
      arity++;
  }
  return arity;
}
