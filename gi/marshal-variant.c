/* marshal-variant.c: GVariant arguments (GLib.Variant wrappers, variant.h).
 *
 * In: a GLib.Variant (or null where allowed). Transfer none lends the
 * wrapper's GVariant for the call; transfer full gives the callee a new
 * reference. Out: transfer-full results are adopted (a floating one is
 * turned into ours with g_variant_take_ref); transfer-none results get a
 * reference of the wrapper's own, sinking a floating one (functions such as
 * g_variant_new_string return floating references annotated as none).
 */
#include "gi-private.h"

#include "js-fast.h"
#include "js-util.h"
#include "variant.h"

static gboolean
sprout_in_variant (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  g_autofree char *what = NULL;

  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  what = sprout_arg_describe (self);
  arg->v_pointer = sprout_variant_from_js (ctx, value, what, exception);
  if (arg->v_pointer == NULL)
    return FALSE;
  if (self->transfer == GI_TRANSFER_EVERYTHING)
    g_variant_ref (arg->v_pointer);
  return TRUE;
}

static JSValueRef
sprout_out_variant (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  return sprout_variant_to_js (
    ctx, arg->v_pointer, self->transfer == GI_TRANSFER_EVERYTHING, exception);
}

gboolean
sprout_marshal_variant_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL ||
      arg->gtype != G_TYPE_VARIANT || !arg->is_pointer)
    return FALSE;
  arg->in = sprout_in_variant;
  arg->out = sprout_out_variant;
  return TRUE;
}
