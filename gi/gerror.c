/* gerror.c: GError <-> JS. The classes themselves are JavaScript
 * (js/gerror.js, evaluated once); this file maps GErrors to the class of
 * their domain and builds the domain classes for error-domain enums. */
#include "gi-private.h"

#include "js-util.h"

#define GERROR_RESOURCE "/org/gnome/sprout/gi/js/gerror.js"

static JSObjectRef sprout_gerror_factory; /* protected */
static JSGlobalContextRef sprout_gerror_factory_owner;

static JSValueRef
sprout_gerror_quark_to_string (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  double quark = argc > 0 ? JSValueToNumber (ctx, argv[0], NULL) : 0;
  const char *text = quark > 0 && quark <= G_MAXUINT32
                       ? g_quark_to_string ((GQuark) quark)
                       : NULL;
  return sprout_js_value_from_utf8 (ctx, text ? text : "(unknown domain)");
}

/* native.domainName(quark) -> "Gio.IOErrorEnum" if GI knows the domain,
 * else null. */
static JSValueRef
sprout_gerror_domain_name (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) info = NULL;
  g_autofree char *name = NULL;
  double quark = argc > 0 ? JSValueToNumber (ctx, argv[0], NULL) : 0;

  if (!(quark > 0))
    return JSValueMakeNull (ctx);
  info = g_irepository_find_by_error_domain (NULL, (GQuark) quark);
  if (info == NULL)
    return JSValueMakeNull (ctx);
  name = g_strdup_printf ("%s.%s", g_base_info_get_namespace (info),
                          g_base_info_get_name (info));
  return sprout_js_value_from_utf8 (ctx, name);
}

static JSObjectRef
sprout_gerror_get_factory (JSContextRef ctx, JSValueRef *exception)
{
  JSValueRef factory;
  JSObjectRef native;

  if (sprout_gerror_factory &&
      sprout_gerror_factory_owner == JSContextGetGlobalContext (ctx))
    return sprout_gerror_factory;
  sprout_gerror_factory_owner = JSContextGetGlobalContext (ctx);
  native = JSObjectMake (ctx, NULL, NULL);
  sprout_js_define_function (ctx, native, "quarkToString",
                             sprout_gerror_quark_to_string);
  sprout_js_define_function (ctx, native, "domainName",
                             sprout_gerror_domain_name);
  factory = sprout_gi_run_setup (ctx, GERROR_RESOURCE, 1,
                                 (JSValueRef *) &native, exception);
  if (factory == NULL)
    return NULL;
  JSValueProtect (ctx, factory);
  sprout_gerror_factory = (JSObjectRef) factory;
  return sprout_gerror_factory;
}

void
sprout_gerror_forget_context (void)
{
  sprout_gerror_factory = NULL;
  sprout_gerror_factory_owner = NULL;
}

JSValueRef
sprout_gerror_class (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef factory = sprout_gerror_get_factory (ctx, exception);

  return factory ? sprout_js_get (ctx, factory, "GError", exception) : NULL;
}

JSObjectRef
sprout_gerror_domain_class_new (JSContextRef ctx, GIEnumInfo *info,
                                JSObjectRef enum_values, JSValueRef *exception)
{
  JSObjectRef factory = sprout_gerror_get_factory (ctx, exception);
  JSValueRef make, args[4], result;

  if (factory == NULL)
    return NULL;
  make = sprout_js_get (ctx, factory, "makeDomainClass", exception);
  args[0] = sprout_js_value_from_utf8 (ctx, g_base_info_get_namespace (info));
  args[1] = sprout_js_value_from_utf8 (ctx, g_base_info_get_name (info));
  args[2] = JSValueMakeNumber (
    ctx, g_quark_from_string (g_enum_info_get_error_domain (info)));
  args[3] = enum_values;
  result = JSObjectCallAsFunction (ctx, (JSObjectRef) make, NULL, 4, args,
                                   exception);
  return result ? (JSObjectRef) result : NULL;
}

/* The domain class of @domain if GI knows one, else NULL. */
static JSValueRef
sprout_gerror_domain_class (JSContextRef ctx, GQuark domain)
{
  g_autoptr (SproutGIInfo) info = g_irepository_find_by_error_domain (NULL, domain);
  JSValueRef exception = NULL;
  JSObjectRef ns;

  if (info == NULL)
    return NULL;
  ns = sprout_gi_namespace_get (ctx, g_base_info_get_namespace (info),
                                &exception);
  if (ns == NULL)
    return NULL;
  return sprout_js_get (ctx, ns, g_base_info_get_name (info), &exception);
}

/* GJS's GjsJSError codes: the JS error class a GError of
 * "gjs-js-error-quark" stands for (a JS exception that crossed C). */
static const char *const sprout_js_error_names[] = {
  "Error", "EvalError", "InternalError", "RangeError", "ReferenceError",
  "StopIteration", "SyntaxError", "TypeError", "URIError",
};

GQuark
sprout_gerror_js_domain (void)
{
  return g_quark_from_static_string ("gjs-js-error-quark");
}

gint
sprout_gerror_js_code (const char *name)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (sprout_js_error_names); i++)
    if (g_str_equal (name, sprout_js_error_names[i]))
      return (gint) i;
  return 0;
}

JSValueRef
sprout_gerror_to_js (JSContextRef ctx, const GError *error)
{
  JSValueRef exception = NULL;
  JSObjectRef factory = sprout_gerror_get_factory (ctx, &exception);
  JSValueRef from_native, domain_class, args[4], result = NULL;

  if (error->domain == sprout_gerror_js_domain () && error->code >= 0 &&
      (gsize) error->code < G_N_ELEMENTS (sprout_js_error_names)) {
    const char *name = sprout_js_error_names[error->code];
    /* InternalError and StopIteration do not exist in JSC. */
    if (JSValueIsObject (ctx, sprout_js_get (ctx, JSContextGetGlobalObject (ctx),
                                             name, NULL)))
      return sprout_js_make_error (ctx, name, error->message);
    return sprout_js_make_error (ctx, "Error", error->message);
  }
  if (factory) {
    from_native = sprout_js_get (ctx, factory, "fromNative", &exception);
    domain_class = sprout_gerror_domain_class (ctx, error->domain);
    args[0] = domain_class && JSValueIsObject (ctx, domain_class)
                ? domain_class
                : JSValueMakeUndefined (ctx);
    args[1] = JSValueMakeNumber (ctx, error->domain);
    args[2] = JSValueMakeNumber (ctx, error->code);
    args[3] = sprout_js_value_from_utf8 (ctx, error->message);
    result = JSObjectCallAsFunction (ctx, (JSObjectRef) from_native, NULL, 4,
                                     args, &exception);
  }
  if (result == NULL)
    result = sprout_js_make_error (ctx, "Error", error->message);
  return result;
}
