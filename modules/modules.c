#include "modules.h"

#include "gi.h"
#include "modules-private.h"
#include "native-modules.h"
#include "sprout-modules-resources.h"

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
  g_once_init_leave (&registered, 1);
}
