#include "modules.h"

#include <gio/gio.h>

#include "foreign.h"
#include "gi.h"
#include "js-util.h"
#include "modules-private.h"
#include "native-modules.h"
#include "sprout-modules-resources.h"

/* Namespaces whose foreign structs a built-in module implements, and the
 * module (GJS's table: cairo's structs come from the cairo module). */
static const struct {
  const char *ns;
  const char *module;
} sprout_foreign_modules[] = {
  { "cairo", "cairo" },
};

static gboolean
sprout_module_is_built_in (const char *name)
{
  g_autofree char *path =
    g_strdup_printf ("/org/gnome/sprout/modules/script/%s.js", name);

  return sprout_native_module_lookup (name) != NULL ||
         g_resources_get_info (path, 0, NULL, NULL, NULL);
}

/* The foreign struct loader (gi/foreign.h): imports the module that
 * implements @ns's foreign structs, which registers its converters. */
static gboolean
sprout_modules_load_foreign (JSContextRef ctx, const char *ns,
                             JSValueRef *exception)
{
  JSObjectRef global = JSContextGetGlobalObject (ctx);
  JSValueRef imports;

  for (gsize i = 0; i < G_N_ELEMENTS (sprout_foreign_modules); i++) {
    const char *module = sprout_foreign_modules[i].module;

    if (!g_str_equal (ns, sprout_foreign_modules[i].ns) ||
        !sprout_module_is_built_in (module))
      continue;
    imports = sprout_js_get (ctx, global, "imports", exception);
    if (imports == NULL || !JSValueIsObject (ctx, imports))
      return FALSE;
    return sprout_js_get (ctx, (JSObjectRef) imports, module, exception) !=
           NULL;
  }
  return FALSE;
}

void
sprout_modules_init (void)
{
  static gsize registered = 0;

  if (!g_once_init_enter (&registered))
    return;
  /* Keeps the JS modules' resource (registered by its constructor) linked. */
  g_assert (sprout_modules_resources_get_resource () != NULL);
  sprout_native_module_register ("system", sprout_module_system_define);
  sprout_native_module_register ("_byteArrayNative",
                                 sprout_module_byte_array_define);
  sprout_native_module_register ("_gettextNative",
                                 sprout_module_gettext_native_define);
  sprout_native_module_register ("_encodingNative",
                                 sprout_module_encoding_define);
  sprout_gi_set_legacy_bytes_to_string (sprout_byte_array_legacy_to_string);
  sprout_gi_foreign_set_loader (sprout_modules_load_foreign);
  g_once_init_leave (&registered, 1);
}
