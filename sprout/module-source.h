/* module-source.h: reading module files from search-path entries (plain
 * paths, file:// URIs and resource:/// URIs) without starting GVfs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SPROUT_MODULE_SOURCE_MISSING,
  SPROUT_MODULE_SOURCE_FILE,
  SPROUT_MODULE_SOURCE_DIRECTORY,
} SproutModuleSourceKind;

/* @location joined with @name ("dir" + "/" + "name"), keeping the URI or path
 * form of @location. */
char *sprout_module_source_child (const char *location, const char *name);

SproutModuleSourceKind sprout_module_source_kind (const char *location);

/* Reads a whole file. (transfer full) */
gboolean sprout_module_source_read (const char *location, char **contents,
                                    gsize *length, GError **error);

/* Names in a folder (files and subfolders, no "." entries); NULL if
 * @location is not a readable folder. */
GStrv sprout_module_source_list (const char *location);

/* What stack traces should call the file: the path for local files, the URI
 * for resources. (transfer full) */
char *sprout_module_source_display_name (const char *location);

G_END_DECLS
