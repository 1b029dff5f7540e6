/* foreign.c: the registry of foreign struct converters (foreign.h) and
 * their marshallers. A callable's plan asks the registry once, when it is
 * built; arguments of registered foreign types then convert through the
 * converter's functions, others fall through to the boxed marshallers. */
#include "gi-private.h"

#include "foreign.h"
#include "js-fast.h"
#include "js-util.h"

static GHashTable *sprout_foreign_ops;      /* "ns.Name" -> SproutForeignOps */
static GHashTable *sprout_foreign_loaded;   /* namespaces asked of the loader */
static SproutForeignLoader sprout_foreign_loader;

void
sprout_gi_foreign_register (const char *ns, const char *name,
                            const SproutForeignOps *ops)
{
  g_return_if_fail (ns != NULL && name != NULL && ops != NULL);
  g_return_if_fail (ops->to_js && ops->from_js && ops->ref && ops->unref);

  if (sprout_foreign_ops == NULL)
    sprout_foreign_ops = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                g_free, NULL);
  g_hash_table_replace (sprout_foreign_ops, g_strconcat (ns, ".", name, NULL),
                        (gpointer) ops);
}

void
sprout_gi_foreign_set_loader (SproutForeignLoader loader)
{
  sprout_foreign_loader = loader;
}

static const SproutForeignOps *
sprout_foreign_find (const char *ns, const char *name)
{
  g_autofree char *key = NULL;

  if (sprout_foreign_ops == NULL)
    return NULL;
  key = g_strconcat (ns, ".", name, NULL);
  return g_hash_table_lookup (sprout_foreign_ops, key);
}

const SproutForeignOps *
sprout_gi_foreign_lookup (JSContextRef ctx, GIBaseInfo *info)
{
  const char *ns = g_base_info_get_namespace (info);
  const char *name = g_base_info_get_name (info);
  const SproutForeignOps *ops = sprout_foreign_find (ns, name);
  JSValueRef exception = NULL;

  if (ops || sprout_foreign_loader == NULL)
    return ops;
  if (sprout_foreign_loaded == NULL)
    sprout_foreign_loaded = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                   g_free, NULL);
  if (!g_hash_table_add (sprout_foreign_loaded, g_strdup (ns)))
    return NULL; /* asked already */
  /* A module that fails to load leaves the struct to the boxed path; its
   * error is reported, not thrown into an unrelated call. */
  if (!sprout_foreign_loader (ctx, ns, &exception) && exception)
    g_warning ("Could not load the module implementing %s's foreign "
               "structs", ns);
  return sprout_foreign_find (ns, name);
}

/* --- marshallers ------------------------------------------------------ */

static gboolean
sprout_in_foreign (JSContextRef ctx, const SproutArg *self,
                   SproutInvoke *invoke, JSValueRef value, GIArgument *arg,
                   JSValueRef *exception)
{
  const SproutForeignOps *ops = self->foreign;
  g_autofree char *what = NULL;

  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL;
    return self->nullable || sprout_arg_throw_null (ctx, self, exception);
  }
  what = sprout_arg_describe (self);
  if (!ops->from_js (ctx, value, what, &arg->v_pointer, exception))
    return FALSE;
  if (self->transfer == GI_TRANSFER_EVERYTHING && arg->v_pointer)
    arg->v_pointer = ops->ref (arg->v_pointer);
  return TRUE;
}

static JSValueRef
sprout_out_foreign (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  const SproutForeignOps *ops = self->foreign;

  if (arg->v_pointer == NULL)
    return JSValueMakeNull (ctx);
  return ops->to_js (ctx, arg->v_pointer,
                     self->transfer == GI_TRANSFER_EVERYTHING, exception);
}

gboolean
sprout_marshal_foreign_init (SproutArg *arg, GError **error)
{
  GIBaseInfo *info = arg->interface_info;

  if (arg->tag != GI_TYPE_TAG_INTERFACE || info == NULL ||
      g_base_info_get_type (info) != GI_INFO_TYPE_STRUCT ||
      !g_struct_info_is_foreign ((GIStructInfo *) info) ||
      !arg->is_pointer || arg->caller_allocates)
    return FALSE;
  if (sprout_gi_owner_context () == NULL)
    return FALSE;
  arg->foreign = sprout_gi_foreign_lookup (sprout_gi_owner_context (), info);
  if (arg->foreign == NULL)
    return FALSE; /* nobody implements it: a boxed or plain struct */
  arg->in = sprout_in_foreign;
  arg->out = sprout_out_foreign;
  return TRUE;
}
