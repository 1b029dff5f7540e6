/* marshal-gdkatom.c: Gdk 3's GdkAtom as GJS shows it — a string. A string
 * (or null, for GDK_NONE; "NONE" is GDK_NONE too) goes in through
 * gdk_atom_intern(); an atom comes out as its name, null for GDK_NONE. The
 * two functions come from Gdk's own library (the typelib's), found once. */
#include "gi-private.h"

#include "js-fast.h"
#include "js-util.h"

typedef gpointer (*SproutAtomIntern) (const char *name, gboolean only_if_exists);
typedef char *(*SproutAtomName) (gpointer atom);

static SproutAtomIntern sprout_atom_intern;
static SproutAtomName sprout_atom_name;

static gboolean
sprout_gdkatom_resolve (GIBaseInfo *info)
{
  GITypelib *typelib = g_base_info_get_typelib (info);

  if (sprout_atom_intern && sprout_atom_name)
    return TRUE;
  return g_typelib_symbol (typelib, "gdk_atom_intern",
                           (gpointer *) &sprout_atom_intern) &&
         g_typelib_symbol (typelib, "gdk_atom_name",
                           (gpointer *) &sprout_atom_name);
}

static gboolean
sprout_in_gdkatom (JSContextRef ctx, const SproutArg *self, SproutInvoke *invoke,
                   JSValueRef value, GIArgument *arg, JSValueRef *exception)
{
  g_autofree char *name = NULL;

  if (sprout_js_is_nullish (ctx, value)) {
    arg->v_pointer = NULL; /* GDK_NONE */
    return TRUE;
  }
  if (!JSValueIsString (ctx, value)) {
    g_autofree char *what = sprout_arg_describe (self);
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: expected a string (a Gdk.Atom's name), got %s", what,
                     sprout_js_type_name (ctx, value));
    return FALSE;
  }
  name = sprout_js_value_to_utf8 (ctx, value, exception);
  if (name == NULL)
    return FALSE;
  arg->v_pointer =
    g_str_equal (name, "NONE") ? NULL : sprout_atom_intern (name, FALSE);
  return TRUE;
}

static JSValueRef
sprout_out_gdkatom (JSContextRef ctx, const SproutArg *self,
                    SproutInvoke *invoke, GIArgument *arg,
                    JSValueRef *exception)
{
  g_autofree char *name = NULL;

  if (arg->v_pointer == NULL)
    return JSValueMakeNull (ctx);
  name = sprout_atom_name (arg->v_pointer);
  if (name == NULL || g_str_equal (name, "NONE"))
    return JSValueMakeNull (ctx);
  return sprout_js_value_from_utf8 (ctx, name);
}

gboolean
sprout_marshal_gdkatom_init (SproutArg *arg, GError **error)
{
  GIBaseInfo *info = arg->interface_info;

  if (arg->tag != GI_TYPE_TAG_INTERFACE || info == NULL ||
      !g_str_equal (g_base_info_get_name (info), "Atom") ||
      !g_str_equal (g_base_info_get_namespace (info), "Gdk") ||
      !sprout_gdkatom_resolve (info))
    return FALSE;
  arg->in = sprout_in_gdkatom;
  arg->out = sprout_out_gdkatom;
  return TRUE;
}
