/* marshal-garray.c: GArray, GPtrArray and GByteArray arguments
 * (marshal-array-private.h). The element plan and the packed buffer are
 * marshal-array.c's; each container kind only wraps a filled buffer, finds
 * its data and length, steals its data (so that its own clear function
 * never frees an element we free) and unrefs it.
 */
#include "marshal-array-private.h"

#include "gi-private.h"
#include "js-util.h"

static gpointer
sprout_garray_wrap (SproutBuffer *buffer, gsize size)
{
  GArray *array =
    g_array_sized_new (TRUE, FALSE, (guint) size, (guint) buffer->n);

  g_array_append_vals (array, buffer->data, (guint) buffer->n);
  g_free (buffer->data);
  return array;
}

static gpointer
sprout_garray_data (gpointer array, gsize *n)
{
  *n = ((GArray *) array)->len;
  return ((GArray *) array)->data;
}

static gpointer
sprout_garray_steal (gpointer array, gsize *n)
{
  return g_array_steal (array, n);
}

static void
sprout_garray_unref (gpointer array)
{
  g_array_unref (array);
}

static gpointer
sprout_ptr_array_wrap (SproutBuffer *buffer, gsize size)
{
  GPtrArray *array = g_ptr_array_sized_new ((guint) buffer->n);

  for (gsize i = 0; i < buffer->n; i++)
    g_ptr_array_add (array, ((gpointer *) buffer->data)[i]);
  g_free (buffer->data);
  return array;
}

static gpointer
sprout_ptr_array_data (gpointer array, gsize *n)
{
  *n = ((GPtrArray *) array)->len;
  return ((GPtrArray *) array)->pdata;
}

static gpointer
sprout_ptr_array_steal (gpointer array, gsize *n)
{
  return g_ptr_array_steal (array, n);
}

static void
sprout_ptr_array_unref (gpointer array)
{
  g_ptr_array_unref (array);
}

static gpointer
sprout_byte_array_wrap (SproutBuffer *buffer, gsize size)
{
  return g_byte_array_new_take (buffer->data, buffer->n);
}

static gpointer
sprout_byte_array_data (gpointer array, gsize *n)
{
  *n = ((GByteArray *) array)->len;
  return ((GByteArray *) array)->data;
}

static void
sprout_byte_array_unref (gpointer array)
{
  g_byte_array_unref (array);
}

static const SproutGArrayKind sprout_garray_kinds[] = {
  [GI_ARRAY_TYPE_ARRAY] = { sprout_garray_wrap, sprout_garray_data,
                            sprout_garray_steal, sprout_garray_unref },
  [GI_ARRAY_TYPE_PTR_ARRAY] = { sprout_ptr_array_wrap, sprout_ptr_array_data,
                                sprout_ptr_array_steal,
                                sprout_ptr_array_unref },
  [GI_ARRAY_TYPE_BYTE_ARRAY] = { sprout_byte_array_wrap, sprout_byte_array_data,
                                 NULL, sprout_byte_array_unref },
};

gboolean
sprout_in_garray (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                  JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  const SproutArrayPlan *plan = sprout_array_plan (self);
  SproutBuffer buffer;

  if (!sprout_array_fill (ctx, self, invoke, value, &buffer, exception))
    return FALSE;
  arg->v_pointer =
    buffer.data ? plan->garray->wrap (&buffer, plan->ops->size) : NULL;
  return TRUE;
}

JSValueRef
sprout_out_garray (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg, JSValueRef *exception)
{
  const SproutArrayPlan *plan = sprout_array_plan (self);
  gsize n;
  gpointer data;

  if (arg->v_pointer == NULL)
    return JSValueMakeNull (ctx);
  data = plan->garray->data (arg->v_pointer, &n);
  if (self->array_type == GI_ARRAY_TYPE_ARRAY &&
      g_array_get_element_size (arg->v_pointer) != plan->ops->size) {
    g_autofree char *what = sprout_arg_describe (self);
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s: GArray elements of %u bytes, expected %zu",
                            what, g_array_get_element_size (arg->v_pointer),
                            plan->ops->size);
  }
  return plan->ops->to_js (ctx, self, invoke, data, n, exception);
}

void
sprout_garray_free_in (const SproutArg *self, SproutInvoke *invoke,
                       GIArgument *arg)
{
  const SproutGArrayKind *kind = sprout_array_plan (self)->garray;
  gsize n = 0;
  gpointer data;

  if (arg->v_pointer == NULL)
    return;
  data = kind->data (arg->v_pointer, &n);
  sprout_array_release_elements (self, invoke, self->element->release_in, data,
                                 n);
  kind->unref (arg->v_pointer);
}

static void
sprout_garray_release (const SproutArg *self, SproutInvoke *invoke,
                       GIArgument *arg, SproutArgRelease release)
{
  const SproutGArrayKind *kind = sprout_array_plan (self)->garray;
  gsize n = 0;
  gpointer data;

  if (arg->v_pointer == NULL)
    return;
  if (release != NULL && kind->steal != NULL) {
    data = kind->steal (arg->v_pointer, &n);
    sprout_array_release_elements (self, invoke, release, data, n);
    g_free (data);
  }
  kind->unref (arg->v_pointer);
}

void
sprout_garray_release_full (const SproutArg *self, SproutInvoke *invoke,
                            GIArgument *arg)
{
  sprout_garray_release (self, invoke, arg, self->element->release_out);
}

void
sprout_garray_release_container (const SproutArg *self, SproutInvoke *invoke,
                                 GIArgument *arg)
{
  sprout_garray_release (self, invoke, arg, NULL);
}

const SproutGArrayKind *
sprout_garray_kind (GIArrayType type)
{
  return &sprout_garray_kinds[type];
}
