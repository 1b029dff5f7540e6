/* marshal-gerror.c: GError arguments that are not the trailing GError**
 * of a throwing function (those are the pipeline's, function.c): return
 * values and out arguments become GLib.Error objects (the domain's class
 * where GI knows it), as in GJS; a GLib.Error given for an `in` GError
 * becomes a new GError with its domain, code and message. */
#include "gi-private.h"

#include "js-fast.h"
#include "js-util.h"

static gboolean
sprout_in_gerror (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  JSValueRef domain, code, message;
  g_autofree char *text = NULL;

  if (sprout_js_is_nullish (ctx, value)) {
    if (self->nullable || self->c_index < 0) {
      arg->v_pointer = NULL;
      return TRUE;
    }
    return sprout_arg_throw_null (ctx, self, exception);
  }
  if (!JSValueIsObject (ctx, value))
    return sprout_arg_throw_type (ctx, self, value, exception);
  domain = sprout_js_get (ctx, (JSObjectRef) value, "domain", exception);
  code = domain ? sprout_js_get (ctx, (JSObjectRef) value, "code", exception)
                : NULL;
  message = code ? sprout_js_get (ctx, (JSObjectRef) value, "message",
                                  exception)
                 : NULL;
  if (message == NULL)
    return FALSE;
  if (!JSValueIsNumber (ctx, domain) || !JSValueIsNumber (ctx, code))
    return sprout_arg_throw_type (ctx, self, value, exception);
  text = sprout_js_value_describe (ctx, message);
  arg->v_pointer = g_error_new_literal ((GQuark) JSValueToNumber (ctx, domain,
                                                                  NULL),
                                        (gint) JSValueToNumber (ctx, code,
                                                                NULL),
                                        text);
  return TRUE;
}

static void
sprout_release_gerror (const SproutArg *self, SproutInvoke *invoke,
                       GIArgument *arg)
{
  g_clear_error ((GError **) &arg->v_pointer);
}

static JSValueRef
sprout_out_gerror (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg,
                   JSValueRef *exception)
{
  if (arg->v_pointer == NULL)
    return JSValueMakeNull (ctx);
  return sprout_gerror_to_js (ctx, arg->v_pointer);
}

gboolean
sprout_marshal_gerror_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_ERROR)
    return FALSE;
  arg->in = sprout_in_gerror;
  arg->out = sprout_out_gerror;
  /* What we made for an `in` argument is ours unless C takes it. */
  if (arg->transfer == GI_TRANSFER_NOTHING && arg->direction == GI_DIRECTION_IN)
    arg->release_in = sprout_release_gerror;
  if (arg->transfer != GI_TRANSFER_NOTHING)
    arg->release_out = sprout_release_gerror;
  return TRUE;
}
