/* marshal-fundamental.c: GParamSpec and other fundamental instances as
 * arguments (fundamental.h). In: a wrapper of the right type (or null where
 * allowed); a transfer-full argument gets its own reference for the callee.
 * Out: the instance's wrapper, which takes over the reference a
 * transfer-full result gives us (and sinks a floating GParamSpec). */
#include "gi-private.h"

#include "fundamental.h"
#include "js-fast.h"
#include "js-util.h"

static gboolean
sprout_in_fundamental (JSContextRef ctx, const SproutArg *self,
                       SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                       JSValueRef *exception)
{
  g_autofree char *what = NULL;

  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  what = sprout_arg_describe (self);
  arg->v_pointer =
    sprout_fundamental_from_js (ctx, value, self->gtype, what, exception);
  if (arg->v_pointer == NULL)
    return FALSE;
  if (self->transfer == GI_TRANSFER_EVERYTHING)
    sprout_fundamental_ref (arg->v_pointer);
  return TRUE;
}

static JSValueRef
sprout_out_fundamental (JSContextRef ctx, const SproutArg *self,
                        SproutInvoke *invoke, GIArgument *arg,
                        JSValueRef *exception)
{
  return sprout_fundamental_to_js (
    ctx, arg->v_pointer, self->transfer != GI_TRANSFER_NOTHING, exception);
}

/* A transfer-full `in` reference the callee never got is still ours. */
static void
sprout_release_unsent_fundamental (const SproutArg *self, SproutInvoke *invoke,
                                   GIArgument *arg)
{
  if (!invoke->called && arg->v_pointer)
    sprout_fundamental_unref (arg->v_pointer);
}

gboolean
sprout_marshal_fundamental_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL ||
      g_base_info_get_type (arg->interface_info) != GI_INFO_TYPE_OBJECT)
    return FALSE;
  if (g_type_is_a (arg->gtype, G_TYPE_OBJECT) ||
      !sprout_fundamental_is_wrappable (arg->gtype))
    return FALSE;
  arg->in = sprout_in_fundamental;
  arg->out = sprout_out_fundamental;
  if (arg->direction == GI_DIRECTION_IN &&
      arg->transfer == GI_TRANSFER_EVERYTHING)
    arg->release_in = sprout_release_unsent_fundamental;
  return TRUE;
}
