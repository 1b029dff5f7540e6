/* marshal-object.c: GObjects and interfaces as arguments. In: a wrapper of
 * the right type (or null where allowed); a transfer-full argument gets its
 * own reference for the callee. Out: the object's wrapper, consuming the
 * reference a transfer-full result gives us. */
#include "gi-private.h"

#include "js-fast.h"
#include "js-util.h"

static gboolean
sprout_in_object (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  /* NULL for an object finalized under its wrapper, as GJS passes it. */
  if (!sprout_object_arg_from_js (ctx, value, self,
                                  (GObject **) &arg->v_pointer, exception))
    return FALSE;
  if (self->transfer == GI_TRANSFER_EVERYTHING && arg->v_pointer)
    g_object_ref (arg->v_pointer);
  return TRUE;
}

static JSValueRef
sprout_out_object (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg,
                   JSValueRef *exception)
{
  return sprout_object_to_js_full (ctx, arg->v_pointer,
                                   self->transfer != GI_TRANSFER_NOTHING,
                                   exception);
}

/* A transfer-full result that could not be converted is still ours. */
static void
sprout_release_unsent_object (const SproutArg *self, SproutInvoke *invoke,
                              GIArgument *arg)
{
  if (!invoke->called && arg->v_pointer)
    g_object_unref (arg->v_pointer);
}

gboolean
sprout_marshal_object_init (SproutArg *arg, GError **error)
{
  GIInfoType type;

  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL)
    return FALSE;
  type = g_base_info_get_type (arg->interface_info);
  if (type != GI_INFO_TYPE_OBJECT && type != GI_INFO_TYPE_INTERFACE)
    return FALSE;
  if (!g_type_is_a (arg->gtype, G_TYPE_OBJECT) &&
      !G_TYPE_IS_INTERFACE (arg->gtype))
    return FALSE; /* fundamentals (GParamSpec, ...): the struct issue */
  arg->in = sprout_in_object;
  arg->out = sprout_out_object;
  if (arg->direction == GI_DIRECTION_IN &&
      arg->transfer == GI_TRANSFER_EVERYTHING)
    arg->release_in = sprout_release_unsent_object;
  return TRUE;
}
