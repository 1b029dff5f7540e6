/* marshal-gvalue.c: GValue arguments (GObject.Value), as GJS marshals them.
 *
 * JS never sees a GValue it did not ask for: results (return values, out
 * arguments, array and hash table elements) are unboxed to the JS value
 * they hold (gvalue.h), and a JS value given for a GValue is boxed into a
 * new GValue of the type it suggests (gvalue-box.c). A GObject.Value
 * wrapper given for a plain `in` argument is passed as it is, so that C
 * can change it (g_object_get_property() fills the caller's value); inside
 * containers, for inout and for transfer full it is copied.
 *
 * Ownership. A boxed temporary of a plain `in` argument is freed after the
 * call; since the same argument may also have been a borrowed wrapper, the
 * `in` marshaller records the temporary in the argument's out_storage slot,
 * which the pipeline leaves unused for `in` arguments, and release_in frees
 * only what is recorded there. Inout and element temporaries are always
 * ours (release_in); transfer-full ones belong to the callee, and are freed
 * by release_out only if the callee never ran. Transfer-full results are
 * freed after conversion, and caller-allocated out values (the pipeline
 * allocates them) are unset and freed.
 *
 * Flat arrays of GValues (GValue *values, n) store the structs themselves:
 * an element's temporary is moved into the array buffer and its shell
 * freed (sprout_gvalue_store_flat), a loaded element points into the
 * buffer, and releasing an element only unsets it.
 */
#include "gi-private.h"

#include <string.h>

#include "gvalue.h"
#include "js-fast.h"
#include "js-util.h"

/* ---- JS -> C ------------------------------------------------------------ */

/* sprout_arg_describe() for messages, without allocating or formatting on
 * every call (results of JS callbacks have no name). */
static const char *
sprout_gvalue_what (const SproutArg *self, char *buffer, gsize size)
{
  static const char prefix[] = "Argument '";
  gsize n;

  if (self->name == NULL)
    return "Return value";
  n = MIN (strlen (self->name), size - sizeof prefix - 1);
  memcpy (buffer, prefix, sizeof prefix - 1);
  memcpy (buffer + sizeof prefix - 1, self->name, n);
  memcpy (buffer + sizeof prefix - 1 + n, "'", 2);
  return buffer;
}

/* A new GValue of ours for @value (a copy of a GObject.Value wrapper). */
static gboolean
sprout_in_gvalue_owned (JSContextRef ctx, const SproutArg *self,
                        SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                        JSValueRef *exception)
{
  char buffer[96];

  if (self->nullable && sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return TRUE;
  }
  arg->v_pointer = sprout_gvalue_new_from_js (
    ctx, value, sprout_gvalue_what (self, buffer, sizeof buffer), exception);
  return arg->v_pointer != NULL;
}

/* Plain `in`, transfer none: a wrapper's own GValue, or a recorded
 * temporary. */
static gboolean
sprout_in_gvalue_borrowed (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSValueRef value,
                           GIArgument *arg, JSValueRef *exception)
{
  GIArgument *record = &invoke->out_storage[self->c_index];
  GValue *wrapped = JSValueIsObject (ctx, value)
                      ? sprout_gvalue_peek_wrapper (ctx, value)
                      : NULL;

  record->v_pointer = NULL;
  if (wrapped) {
    arg->v_pointer = wrapped;
    return TRUE;
  }
  if (!sprout_in_gvalue_owned (ctx, self, invoke, value, arg, exception))
    return FALSE;
  record->v_pointer = arg->v_pointer;
  return TRUE;
}

static void
sprout_release_gvalue_recorded (const SproutArg *self, SproutInvoke *invoke,
                                GIArgument *arg)
{
  GIArgument *record = &invoke->out_storage[self->c_index];

  if (record->v_pointer)
    g_boxed_free (G_TYPE_VALUE, g_steal_pointer (&record->v_pointer));
}

static void
sprout_release_gvalue (const SproutArg *self, SproutInvoke *invoke,
                       GIArgument *arg)
{
  if (arg->v_pointer)
    g_boxed_free (G_TYPE_VALUE, arg->v_pointer);
}

/* ---- C -> JS ------------------------------------------------------------ */

static JSValueRef
sprout_out_gvalue (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, GIArgument *arg, JSValueRef *exception)
{
  const GValue *gvalue = arg->v_pointer;

  if (gvalue == NULL)
    return JSValueMakeNull (ctx);
  if (!SPROUT_GVALUE_IS_SET (gvalue)) {
    g_autofree char *what = sprout_arg_describe (self);
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s: the GValue C returned has no type", what);
  }
  return sprout_gvalue_to_js (ctx, gvalue, exception);
}

/* Caller-allocated: the pipeline's g_malloc0'd struct, which C filled. */
static void
sprout_release_gvalue_allocated (const SproutArg *self, SproutInvoke *invoke,
                                 GIArgument *arg)
{
  GValue *gvalue = arg->v_pointer;

  if (gvalue == NULL)
    return;
  if (SPROUT_GVALUE_IS_SET (gvalue))
    g_value_unset (gvalue);
  g_free (gvalue);
}

/* ---- flat arrays -------------------------------------------------------- */

/* Always a value: a NULL here would be an uninitialised struct for C. */
static gboolean
sprout_in_gvalue_flat (JSContextRef ctx, const SproutArg *self,
                       SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                       JSValueRef *exception)
{
  char buffer[96];

  arg->v_pointer = sprout_gvalue_new_from_js (
    ctx, value, sprout_gvalue_what (self, buffer, sizeof buffer), exception);
  return arg->v_pointer != NULL;
}

static void
sprout_release_gvalue_flat (const SproutArg *self, SproutInvoke *invoke,
                            GIArgument *arg)
{
  GValue *gvalue = arg->v_pointer;

  if (gvalue && SPROUT_GVALUE_IS_SET (gvalue))
    g_value_unset (gvalue);
}

void
sprout_gvalue_store_flat (gpointer dest, const GIArgument *arg)
{
  GValue *gvalue = arg->v_pointer;

  if (gvalue == NULL) {
    memset (dest, 0, sizeof (GValue));
    return;
  }
  memcpy (dest, gvalue, sizeof (GValue)); /* moves the value */
  g_free (gvalue);
}

void
sprout_gvalue_load_flat (gconstpointer src, GIArgument *arg)
{
  arg->v_pointer = (gpointer) src;
}

/* ---- the family --------------------------------------------------------- */

static void
sprout_marshal_gvalue_flat (SproutArg *arg)
{
  arg->in = sprout_in_gvalue_flat;
  arg->out = sprout_out_gvalue;
  arg->release_in = sprout_release_gvalue_flat;
  arg->release_out = sprout_release_gvalue_flat;
}

static void
sprout_marshal_gvalue_in (SproutArg *arg)
{
  if (arg->transfer == GI_TRANSFER_EVERYTHING) {
    arg->in = sprout_in_gvalue_owned;
    arg->release_out = sprout_release_gvalue; /* if the callee never ran */
  } else if (arg->direction == GI_DIRECTION_IN && arg->js_index >= 0) {
    arg->in = sprout_in_gvalue_borrowed;
    arg->release_in = sprout_release_gvalue_recorded;
  } else {
    arg->in = sprout_in_gvalue_owned; /* elements, inout */
    arg->release_in = sprout_release_gvalue;
  }
}

gboolean
sprout_marshal_gvalue_init (SproutArg *arg, GError **error)
{
  if (arg->tag != GI_TYPE_TAG_INTERFACE || arg->gtype != G_TYPE_VALUE)
    return FALSE;
  if (!arg->is_pointer && !arg->caller_allocates) {
    /* By value: only as the element of a flat array (never an argument JS
     * passes: C functions taking GValues by value cannot be called). */
    if (arg->js_index >= 0)
      return FALSE;
    sprout_marshal_gvalue_flat (arg);
    return TRUE;
  }
  arg->out = sprout_out_gvalue;
  if (arg->direction == GI_DIRECTION_OUT) {
    /* `in` converts what a JS callback returns for C, which keeps it only
     * with transfer full. */
    arg->in = sprout_in_gvalue_owned;
    if (arg->transfer == GI_TRANSFER_NOTHING)
      arg->release_in = sprout_release_gvalue;
    if (arg->caller_allocates)
      arg->release_out = sprout_release_gvalue_allocated;
    else if (arg->transfer == GI_TRANSFER_EVERYTHING)
      arg->release_out = sprout_release_gvalue;
    return TRUE;
  }
  sprout_marshal_gvalue_in (arg);
  if (arg->direction == GI_DIRECTION_INOUT &&
      arg->transfer == GI_TRANSFER_EVERYTHING)
    arg->release_out = sprout_release_gvalue;
  return TRUE;
}
