/* object-access.c: reaching the GObject behind a wrapper, for natives.
 *
 * A wrapper's token is the index of the object's SproutLink (gc/toggle.h),
 * a number in the wrapper's private field, read here without calling the
 * engine; the link, not the object: the link stays valid while its
 * wrapper lives, and says "finalized" once the object was finalized under
 * its wrapper (JS called unref() once too often, or C dropped the reference the
 * wrapper relied on). Natives ask sprout_object_access_token(): a live
 * object comes back at the price of one extra load; a finalized one logs
 * GJS's critical ("Object T (0x...), has been already finalized —
 * impossible to ... it") and comes back NULL, and the native returns what
 * GJS returns (undefined, 0, a call with a NULL instance) without touching
 * freed memory. A disposed object is still usable: its accesses log GJS's
 * "disposed" critical (sprout_object_check_alive()) and go on.
 *
 * Also here: the natives that describe a wrapper (toString), answer
 * `instanceof` for interfaces and warn about expando properties added to a
 * disposed or finalized object; the type of a finalized object is the one
 * its link remembered.
 */
#include "gi-private.h"

#include "gtype.h"
#include "js-util.h"
#include "object.h"
#include "toggle.h"
#include "js-fast.h"

JSValueRef
sprout_object_token_new (JSContextRef ctx, SproutLink *link)
{
  return sprout_js_make_number (ctx, sprout_link_index (link));
}

/* The link of a token, or NULL if @token is not one. Only js/object.js
 * hands tokens to natives, from wrappers' private fields. */
static SproutLink *
sprout_object_token_link (JSContextRef ctx, JSValueRef token)
{
  double index;

  if (token == NULL || !sprout_js_get_number (ctx, token, &index))
    return NULL;
  return sprout_link_from_index (index);
}

/* "Gtk.Window" when introspected, else ".GLocalFile" (GJS's wording: an
 * empty namespace). */
static char *
sprout_object_type_description (GType gtype)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_gtype (NULL, gtype);

  if (info == NULL)
    return g_strdup_printf (".%s", g_type_name (gtype));
  return g_strdup_printf ("%s.%s", g_base_info_get_namespace (info),
                          g_base_info_get_name (info));
}

/* GJS's critical for an access to @link's finalized object. */
static void
sprout_object_warn_finalized (SproutLink *link, const char *for_what)
{
  g_autofree char *type =
    sprout_object_type_description (sprout_link_gtype (link));

  g_critical ("Object %s (%p), has been already finalized — impossible to %s "
              "it. This might be caused by the object having been destroyed "
              "from C code using something such as destroy(), dispose(), or "
              "remove() vfuncs.",
              type, sprout_link_address (link), for_what);
}

static SproutLink *
sprout_object_link_of_token (JSContextRef ctx, JSValueRef token,
                             JSValueRef *exception)
{
  SproutLink *link = sprout_object_token_link (ctx, token);

  if (G_UNLIKELY (link == NULL))
    sprout_js_throw (ctx, exception, "TypeError",
                     "Object is not a GObject wrapper (or is being "
                     "constructed)");
  return link;
}

/* The link of @token for a native about to @for_what its object (NULL
 * with a TypeError if @token is not an object token); *object is the
 * object, or NULL with GJS's critical logged if it was finalized. */
static SproutLink *
sprout_object_access_link (JSContextRef ctx, JSValueRef token,
                           const char *for_what, GObject **object,
                           JSValueRef *exception)
{
  SproutLink *link = sprout_object_link_of_token (ctx, token, exception);

  *object = link ? sprout_link_object (link) : NULL;
  if (G_UNLIKELY (link && *object == NULL))
    sprout_object_warn_finalized (link, for_what);
  return link;
}

gboolean
sprout_object_access_token (JSContextRef ctx, JSValueRef token,
                            const char *for_what, GObject **object,
                            JSValueRef *exception)
{
  return sprout_object_access_link (ctx, token, for_what, object,
                                    exception) != NULL;
}

gboolean
sprout_object_access_live_token (JSContextRef ctx, JSValueRef token,
                                 const char *for_what, GObject **object,
                                 JSValueRef *exception)
{
  SproutLink *link =
    sprout_object_access_link (ctx, token, for_what, object, exception);

  if (G_UNLIKELY (*object && sprout_link_is_disposed (link)))
    sprout_object_check_alive (*object, for_what);
  return link != NULL;
}

GType
sprout_object_token_gtype (JSContextRef ctx, JSValueRef token)
{
  SproutLink *link = sprout_object_token_link (ctx, token);

  return link ? sprout_link_gtype (link) : G_TYPE_INVALID;
}

GObject *
sprout_object_from_token (JSContextRef ctx, JSValueRef token,
                          JSValueRef *exception)
{
  SproutLink *link = sprout_object_link_of_token (ctx, token, exception);
  GObject *object = link ? sprout_link_object (link) : NULL;

  if (G_UNLIKELY (link && object == NULL)) {
    /* Callers that cannot go on without the object stop here. */
    sprout_object_warn_finalized (link, "access");
    sprout_js_throw (ctx, exception, "Error",
                     "Object %p has been already finalized",
                     sprout_link_address (link));
  }
  return object;
}

/* The link of the wrapper @value, type-checked against @expected; NULL with
 * an exception naming @what, or @arg where @what is NULL. */
static SproutLink *
sprout_object_link_from_js (JSContextRef ctx, JSValueRef value, GType expected,
                            const char *what, const SproutArg *arg,
                            JSValueRef *exception)
{
  g_autofree char *described = NULL;
  JSValueRef token = sprout_object_token_of (ctx, value, exception);
  SproutLink *link;
  GType gtype = G_TYPE_INVALID;

  if (token == NULL)
    return NULL;
  if (!JSValueIsUndefined (ctx, token)) {
    link = sprout_object_link_of_token (ctx, token, exception);
    if (link == NULL)
      return NULL;
    gtype = sprout_link_gtype (link);
    if (expected == G_TYPE_INVALID || g_type_is_a (gtype, expected))
      return link;
  }
  if (what == NULL)
    what = described = sprout_arg_describe (arg);
  if (gtype == G_TYPE_INVALID)
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: expected an object of type %s", what,
                     g_type_name (expected ? expected : G_TYPE_OBJECT));
  else
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: expected an object of type %s, got %s", what,
                     g_type_name (expected), g_type_name (gtype));
  return NULL;
}

GObject *
sprout_object_from_js (JSContextRef ctx, JSValueRef value, GType expected,
                       const char *what, JSValueRef *exception)
{
  SproutLink *link =
    sprout_object_link_from_js (ctx, value, expected, what, NULL, exception);

  if (link && sprout_link_is_finalized (link)) {
    sprout_object_warn_finalized (link, "access");
    sprout_js_throw (ctx, exception, "Error",
                     "%s: object %p has been already finalized", what,
                     sprout_link_address (link));
    return NULL;
  }
  return link ? sprout_link_object (link) : NULL;
}

gboolean
sprout_object_arg_from_js (JSContextRef ctx, JSValueRef value,
                           const SproutArg *arg, GObject **object,
                           JSValueRef *exception)
{
  SproutLink *link =
    sprout_object_link_from_js (ctx, value, arg->gtype, NULL, arg, exception);

  *object = link ? sprout_link_object (link) : NULL;
  if (link && *object == NULL)
    sprout_object_warn_finalized (link, "access"); /* GJS passes NULL on */
  return link != NULL;
}

gboolean
sprout_object_check_alive (GObject *object, const char *for_what)
{
  g_autofree char *type = NULL;

  if (!sprout_toggle_is_disposed (object))
    return TRUE;
  type = sprout_object_type_description (G_OBJECT_TYPE (object));
  g_critical ("Object %s (%p), has been already disposed — impossible to %s "
              "it. This might be caused by the object having been destroyed "
              "from C code using something such as destroy(), dispose(), or "
              "remove() vfuncs.",
              type, object, for_what);
  return FALSE;
}

/* native.describe(token, wrapper): toString() as GJS prints it. */
static JSValueRef
sprout_object_native_describe (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  SproutLink *link =
    argc > 1 ? sprout_object_link_of_token (ctx, argv[0], exception) : NULL;
  g_autoptr (SproutGIInfo) info = NULL;
  g_autofree char *text = NULL;
  const char *state = "";
  GType gtype;

  if (link == NULL)
    return NULL;
  if (sprout_link_is_finalized (link))
    state = "(FINALIZED) ";
  else if (sprout_link_is_disposed (link))
    state = "(DISPOSED) ";
  gtype = sprout_link_gtype (link);
  info = g_irepository_find_by_gtype (NULL, gtype);
  if (info)
    text = g_strdup_printf ("[object %sinstance wrapper GIName:%s.%s jsobj@%p "
                            "native@%p]",
                            state, g_base_info_get_namespace (info),
                            g_base_info_get_name (info), (void *) argv[1],
                            sprout_link_address (link));
  else
    text = g_strdup_printf ("[object %sinstance wrapper GType:%s jsobj@%p "
                            "native@%p]",
                            state, g_type_name (gtype), (void *) argv[1],
                            sprout_link_address (link));
  return sprout_js_value_from_utf8 (ctx, text);
}

/* native.isA(token, gtype): the type of a finalized object is remembered. */
static JSValueRef
sprout_object_native_is_a (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  GType object_type =
    argc > 1 ? sprout_object_token_gtype (ctx, argv[0]) : G_TYPE_INVALID;
  GType gtype = G_TYPE_INVALID;

  if (argc > 1)
    sprout_gtype_from_js (ctx, argv[1], &gtype, NULL);
  return JSValueMakeBoolean (ctx, object_type != G_TYPE_INVALID &&
                                    g_type_is_a (object_type, gtype));
}

/* native.warnDisposed(token, forWhat) */
static JSValueRef
sprout_object_native_warn_disposed (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  SproutLink *link =
    argc > 1 ? sprout_object_token_link (ctx, argv[0]) : NULL;
  g_autofree char *for_what =
    link ? sprout_js_value_to_utf8 (ctx, argv[1], NULL) : NULL;
  GObject *object = link ? sprout_link_object (link) : NULL;

  if (for_what == NULL)
    return JSValueMakeUndefined (ctx);
  if (object == NULL)
    sprout_object_warn_finalized (link, for_what);
  else
    sprout_object_check_alive (object, for_what);
  return JSValueMakeUndefined (ctx);
}

void
sprout_object_access_define_natives (JSContextRef ctx, JSObjectRef native)
{
  sprout_js_define_function (ctx, native, "describe",
                             sprout_object_native_describe);
  sprout_js_define_function (ctx, native, "isA", sprout_object_native_is_a);
  sprout_js_define_function (ctx, native, "warnDisposed",
                             sprout_object_native_warn_disposed);
}
