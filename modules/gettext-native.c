/* gettext-native.c: the private `_gettextNative` module, the part of
 * imports.gettext that GLib's typelib does not cover.
 *
 * GLib binds the lookups (g_dgettext(), g_dngettext(), g_dpgettext2(), ...),
 * so modules/script/gettext.js calls those through imports.gi. What remains
 * is process state kept by libintl and the C library: the current locale
 * (setlocale), the default text domain (textdomain) and where a domain's
 * catalogs live (bindtextdomain). This module wraps those three and exports
 * the LC_* values as `LocaleCategory`, limited to the seven categories GJS
 * knows (ALL, COLLATE, CTYPE, MESSAGES, MONETARY, NUMERIC, TIME).
 *
 * Arguments are checked the way GJS checks introspected ones: strings must
 * be strings (setlocale()'s locale may also be null, to query), a category
 * must be one of LocaleCategory's values, and the errors are TypeErrors with
 * GJS's wording. bindtextdomain() also sets the domain's codeset to UTF-8,
 * since JS strings come from UTF-8.
 */
#include "modules-private.h"

#include "js-util.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>

static const struct {
  const char *name;
  int value;
} sprout_gettext_categories[] = {
  { "ALL", LC_ALL },           { "COLLATE", LC_COLLATE },
  { "CTYPE", LC_CTYPE },       { "MESSAGES", LC_MESSAGES },
  { "MONETARY", LC_MONETARY }, { "NUMERIC", LC_NUMERIC },
  { "TIME", LC_TIME },
};

/* The string argument @index of @argv as UTF-8 (transfer full); NULL either
 * when @nullable and it is null (with *@exception untouched) or with an
 * error in @exception. */
static char *
sprout_gettext_string_arg (JSContextRef ctx, size_t argc,
                           const JSValueRef argv[], size_t index,
                           const char *name, gboolean nullable,
                           JSValueRef *exception)
{
  JSValueRef value = index < argc ? argv[index] : JSValueMakeUndefined (ctx);

  if (JSValueIsNull (ctx, value)) {
    if (!nullable)
      sprout_js_throw (ctx, exception, "Error", "Argument %s may not be null",
                       name);
    return NULL;
  }
  if (!JSValueIsString (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Expected type string for argument '%s' but got type %s",
                     name, sprout_js_type_name (ctx, value));
    return NULL;
  }
  return sprout_js_value_to_utf8 (ctx, value, exception);
}

/* Stores the LC_* value of argument 0 in *@category; FALSE with a TypeError
 * in @exception when it is not one of LocaleCategory's values. */
static gboolean
sprout_gettext_category_arg (JSContextRef ctx, size_t argc,
                             const JSValueRef argv[], int *category,
                             JSValueRef *exception)
{
  JSValueRef value = argc > 0 ? argv[0] : JSValueMakeUndefined (ctx);
  double number = NAN;

  if (JSValueIsNumber (ctx, value))
    number = JSValueToNumber (ctx, value, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (sprout_gettext_categories); i++) {
    if (number == sprout_gettext_categories[i].value) {
      *category = sprout_gettext_categories[i].value;
      return TRUE;
    }
  }

  g_autofree char *described = sprout_js_value_describe (ctx, value);
  sprout_js_throw (ctx, exception, "TypeError",
                   "%s is not a valid value for enum argument category",
                   described);
  return FALSE;
}

/* setlocale(category, locale): the locale now in effect for @category (with
 * locale null, only a query), or null when the C library refuses it. */
static JSValueRef
sprout_gettext_setlocale (JSContextRef ctx, JSObjectRef function,
                          JSObjectRef self, size_t argc,
                          const JSValueRef argv[], JSValueRef *exception)
{
  int category;
  g_autofree char *locale = NULL;
  JSValueRef local = NULL;

  if (!sprout_gettext_category_arg (ctx, argc, argv, &category, exception))
    return NULL;
  locale =
    sprout_gettext_string_arg (ctx, argc, argv, 1, "locale", TRUE, &local);
  if (local) {
    *exception = local;
    return NULL;
  }
  return sprout_js_value_from_utf8 (ctx, setlocale (category, locale));
}

/* textdomain(domain): makes @domain the default for lookups without one. */
static JSValueRef
sprout_gettext_textdomain (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *domain =
    sprout_gettext_string_arg (ctx, argc, argv, 0, "domain", FALSE, exception);

  if (!domain)
    return NULL;
  if (!textdomain (domain))
    return sprout_js_throw (ctx, exception, "Error",
                            "textdomain(): cannot set the domain '%s': %s",
                            domain, g_strerror (errno));
  return JSValueMakeUndefined (ctx);
}

/* bindtextdomain(domain, location): catalogs of @domain live under
 * @location (LOCATION/LANG/LC_MESSAGES/DOMAIN.mo), read as UTF-8. */
static JSValueRef
sprout_gettext_bindtextdomain (JSContextRef ctx, JSObjectRef function,
                               JSObjectRef self, size_t argc,
                               const JSValueRef argv[], JSValueRef *exception)
{
  g_autofree char *domain =
    sprout_gettext_string_arg (ctx, argc, argv, 0, "domain", FALSE, exception);
  g_autofree char *location = NULL;

  if (!domain)
    return NULL;
  location = sprout_gettext_string_arg (ctx, argc, argv, 1, "location", FALSE,
                                        exception);
  if (!location)
    return NULL;
  if (!bindtextdomain (domain, location) ||
      !bind_textdomain_codeset (domain, "UTF-8"))
    return sprout_js_throw (ctx, exception, "Error",
                            "bindtextdomain(): cannot bind '%s' to '%s': %s",
                            domain, location, g_strerror (errno));
  return JSValueMakeUndefined (ctx);
}

static JSObjectRef
sprout_gettext_categories_object (JSContextRef ctx)
{
  JSObjectRef categories = JSObjectMake (ctx, NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (sprout_gettext_categories); i++)
    sprout_js_set (
      ctx, categories, sprout_gettext_categories[i].name,
      JSValueMakeNumber (ctx, sprout_gettext_categories[i].value),
      kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete, NULL);
  return categories;
}

JSObjectRef
sprout_module_gettext_native_define (JSContextRef ctx, JSValueRef *exception)
{
  JSObjectRef module = JSObjectMake (ctx, NULL, NULL);

  sprout_js_define_function (ctx, module, "setlocale",
                             sprout_gettext_setlocale);
  sprout_js_define_function (ctx, module, "textdomain",
                             sprout_gettext_textdomain);
  sprout_js_define_function (ctx, module, "bindtextdomain",
                             sprout_gettext_bindtextdomain);
  if (!sprout_js_set (
        ctx, module, "LocaleCategory", sprout_gettext_categories_object (ctx),
        kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete,
        exception))
    return NULL;
  return module;
}
