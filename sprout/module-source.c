/* module-source.c: the importer's file access.
 *
 * Search-path entries come in three forms: local paths, file:// URIs and
 * resource:/// URIs. GFile would handle all three but initialises GVfs (and
 * loads GIO modules) on first use, which costs more than the whole rest of
 * start-up; local paths and resources are cheap to handle directly.
 */
#include "module-source.h"

#include <gio/gio.h>
#include <string.h>

#define RESOURCE_PREFIX "resource://"

static gboolean
sprout_module_source_is_resource (const char *location)
{
  return g_str_has_prefix (location, RESOURCE_PREFIX);
}

/* A local path for @location, or NULL for resources and non-file URIs. */
static char *
sprout_module_source_local_path (const char *location)
{
  if (g_str_has_prefix (location, "file://"))
    return g_filename_from_uri (location, NULL, NULL);
  if (g_path_is_absolute (location) || !strstr (location, "://"))
    return g_strdup (location);
  return NULL;
}

char *
sprout_module_source_child (const char *location, const char *name)
{
  gsize len = strlen (location);

  while (len > 1 && location[len - 1] == '/' &&
         !(len == strlen (RESOURCE_PREFIX) + 1 &&
           sprout_module_source_is_resource (location)))
    len--;
  return g_strdup_printf ("%.*s/%s", (int) len, location, name);
}

SproutModuleSourceKind
sprout_module_source_kind (const char *location)
{
  g_autofree char *path = NULL;

  if (sprout_module_source_is_resource (location)) {
    const char *rpath = location + strlen (RESOURCE_PREFIX);
    gsize size;
    guint32 flags;
    g_auto (GStrv) children = NULL;

    if (g_resources_get_info (rpath, 0, &size, &flags, NULL))
      return SPROUT_MODULE_SOURCE_FILE;
    children = g_resources_enumerate_children (rpath, 0, NULL);
    return children ? SPROUT_MODULE_SOURCE_DIRECTORY
                    : SPROUT_MODULE_SOURCE_MISSING;
  }
  path = sprout_module_source_local_path (location);
  if (path == NULL)
    return SPROUT_MODULE_SOURCE_MISSING;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return SPROUT_MODULE_SOURCE_DIRECTORY;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return SPROUT_MODULE_SOURCE_FILE;
  return SPROUT_MODULE_SOURCE_MISSING;
}

gboolean
sprout_module_source_read (const char *location, char **contents,
                           gsize *length, GError **error)
{
  g_autofree char *path = NULL;

  if (sprout_module_source_is_resource (location)) {
    g_autoptr (GBytes) bytes = g_resources_lookup_data (
      location + strlen (RESOURCE_PREFIX), 0, error);
    gsize size;
    const char *data;

    if (bytes == NULL)
      return FALSE;
    data = g_bytes_get_data (bytes, &size);
    *contents = g_strndup (data, size);
    *length = size;
    return TRUE;
  }
  path = sprout_module_source_local_path (location);
  if (path == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "Cannot read %s: unsupported location", location);
    return FALSE;
  }
  return g_file_get_contents (path, contents, length, error);
}

static GStrv
sprout_module_source_list_resource (const char *rpath)
{
  g_auto (GStrv) children = g_resources_enumerate_children (rpath, 0, NULL);

  if (children == NULL)
    return NULL;
  for (char **child = children; *child; child++) {
    gsize len = strlen (*child);
    if (len > 0 && (*child)[len - 1] == '/')
      (*child)[len - 1] = '\0';
  }
  return g_steal_pointer (&children);
}

GStrv
sprout_module_source_list (const char *location)
{
  g_autofree char *path = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GStrvBuilder) names = NULL;
  const char *name;

  if (sprout_module_source_is_resource (location))
    return sprout_module_source_list_resource (location +
                                               strlen (RESOURCE_PREFIX));
  path = sprout_module_source_local_path (location);
  dir = path ? g_dir_open (path, 0, NULL) : NULL;
  if (dir == NULL)
    return NULL;
  names = g_strv_builder_new ();
  while ((name = g_dir_read_name (dir)))
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

char *
sprout_module_source_display_name (const char *location)
{
  if (g_str_has_prefix (location, "file://")) {
    char *path = g_filename_from_uri (location, NULL, NULL);
    if (path)
      return path;
  }
  return g_strdup (location);
}
