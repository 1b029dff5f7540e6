#include "native-modules.h"

static GHashTable *sprout_native_modules; /* name -> SproutNativeModuleDefine */

void
sprout_native_module_register (const char *name,
                               SproutNativeModuleDefine define)
{
  if (sprout_native_modules == NULL)
    sprout_native_modules = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (sprout_native_modules, (gpointer) name, define);
}

SproutNativeModuleDefine
sprout_native_module_lookup (const char *name)
{
  if (sprout_native_modules == NULL)
    return NULL;
  return g_hash_table_lookup (sprout_native_modules, name);
}
