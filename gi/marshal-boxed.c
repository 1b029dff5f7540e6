/* marshal-boxed.c: boxed types, plain structs and unions as arguments.
 * In: a wrapper of the right type (or null where allowed); transfer full
 * hands the callee a copy. Out: a wrapper that owns transfer-full results
 * and copies transfer-none ones (boxed.h). Caller-allocated out structs are
 * allocated by the pipeline (function.c) and owned by their wrapper. */
#include "gi-private.h"

#include "boxed.h"
#include "js-fast.h"
#include "js-util.h"

static gboolean
sprout_in_boxed (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  arg->v_pointer =
    sprout_boxed_try_from_js (ctx, value, self->interface_info, exception);
  if (arg->v_pointer == NULL) {
    if (*exception == NULL) {
      g_autofree char *what = sprout_arg_describe (self);
      sprout_js_throw (ctx, exception, "TypeError", "%s: expected a %s.%s",
                       what, g_base_info_get_namespace (self->interface_info),
                       g_base_info_get_name (self->interface_info));
    }
    return FALSE;
  }
  if (self->transfer == GI_TRANSFER_EVERYTHING) {
    if (!G_TYPE_IS_BOXED (self->gtype) || self->gtype == G_TYPE_NONE) {
      g_autofree char *what = sprout_arg_describe (self);
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s: cannot give away a %s (not a boxed type)", what,
                       g_base_info_get_name (self->interface_info));
      return FALSE;
    }
    arg->v_pointer = g_boxed_copy (self->gtype, arg->v_pointer);
  }
  return TRUE;
}

/* GLib.Bytes arguments also take a Uint8Array (or another byte-sized typed
 * array), whose bytes are copied into a new GBytes, as in GJS. So that one
 * release fits both cases, a transfer-none `in` argument always holds a
 * reference of its own until the call is over. */
static gboolean
sprout_is_byte_typed_array (JSContextRef ctx, JSValueRef value)
{
  switch (JSValueGetTypedArrayType (ctx, value, NULL)) {
  case kJSTypedArrayTypeInt8Array:
  case kJSTypedArrayTypeUint8Array:
  case kJSTypedArrayTypeUint8ClampedArray:
    return TRUE;
  default:
    return FALSE;
  }
}

static gboolean
sprout_in_bytes (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                 JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  JSObjectRef array = (JSObjectRef) value;
  const guint8 *data;
  size_t n;

  if (!sprout_is_byte_typed_array (ctx, value)) {
    if (!sprout_in_boxed (ctx, self, invoke, value, arg, exception))
      return FALSE;
    if (self->release_in && arg->v_pointer)
      g_bytes_ref (arg->v_pointer);
    return TRUE;
  }
  n = JSObjectGetTypedArrayByteLength (ctx, array, exception);
  data = JSObjectGetTypedArrayBytesPtr (ctx, array, exception);
  if (data == NULL && n > 0) {
    if (*exception == NULL)
      sprout_js_throw (ctx, exception, "TypeError",
                       "%s: cannot read the bytes of this typed array",
                       self->name ? self->name : "value");
    return FALSE;
  }
  /* The pointer is to the start of the buffer, not of the view. */
  if (data)
    data += JSObjectGetTypedArrayByteOffset (ctx, array, exception);
  arg->v_pointer = g_bytes_new (data, n);
  return TRUE;
}

static void
sprout_release_bytes (const SproutArg *self, SproutInvoke *invoke,
                      GIArgument *arg)
{
  g_clear_pointer ((GBytes **) &arg->v_pointer, g_bytes_unref);
}

static JSValueRef
sprout_out_boxed (JSContextRef ctx, const SproutArg *self,
                  SproutInvoke *invoke, GIArgument *arg, JSValueRef *exception)
{
  SproutBoxedMode mode = self->caller_allocates
                           ? SPROUT_BOXED_OWN_ALLOCATED
                         : self->transfer == GI_TRANSFER_EVERYTHING
                           ? SPROUT_BOXED_OWN
                         : self->borrow_struct ? SPROUT_BOXED_BORROW
                                               : SPROUT_BOXED_COPY;

  return sprout_boxed_to_js (ctx, self->interface_info, arg->v_pointer, mode,
                             exception);
}

gboolean
sprout_marshal_boxed_init (SproutArg *arg, GError **error)
{
  GIInfoType type;

  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->interface_info == NULL)
    return FALSE;
  type = g_base_info_get_type (arg->interface_info);
  if (type != GI_INFO_TYPE_STRUCT && type != GI_INFO_TYPE_BOXED &&
      type != GI_INFO_TYPE_UNION)
    return FALSE;
  if (!arg->is_pointer && !arg->caller_allocates)
    return FALSE; /* structs by value: not through ffi pointers */
  if (arg->gtype == G_TYPE_VALUE || arg->gtype == G_TYPE_VARIANT ||
      arg->gtype == G_TYPE_CLOSURE || arg->gtype == G_TYPE_ERROR)
    return FALSE; /* these need their own conversions (struct issue) */
  arg->in = sprout_in_boxed;
  arg->out = sprout_out_boxed;
  if (arg->gtype == G_TYPE_BYTES) {
    arg->in = sprout_in_bytes;
    /* Plain `in` only: an inout value may be replaced by the callee. */
    if (arg->transfer == GI_TRANSFER_NOTHING &&
        arg->direction == GI_DIRECTION_IN)
      arg->release_in = sprout_release_bytes;
  }
  return TRUE;
}
