/* native-size.c: telling the collector about native memory behind
 * wrappers.
 *
 * A wrapper is a few hundred bytes of JS heap, but the native value behind
 * it may hold megabytes (a GBytes of file contents, a GdkPixbuf). The
 * collector schedules itself by the JS heap's growth, so a loop that drops
 * such wrappers would run out of memory long before a collection; reporting
 * the native size when the wrapper is made (JSReportExtraMemoryCost) makes
 * it collect in time (JSC's private JSReportExtraMemoryCost). Sizes come from the types that are known to be large;
 * everything else reports nothing. Values under a threshold are not worth
 * the call.
 */
#include "gi-private.h"

#include "engine.h"
#include "native-size.h"

#define SPROUT_NATIVE_SIZE_MIN 4096

/* GTypes of libraries that may not be loaded: resolved by name, and again
 * while not found (the library may be loaded later). */
static GType
sprout_lazy_type (GType *cache, const char *name)
{
  if (*cache == 0)
    *cache = g_type_from_name (name);
  return *cache;
}

static gsize
sprout_int_property_product (GObject *object, const char *first,
                             const char *second)
{
  int a = 0, b = 0;

  g_object_get (object, first, &a, second, &b, NULL);
  return a > 0 && b > 0 ? (gsize) a * (gsize) b : 0;
}

/* Bytes held by the GObject @object, as far as its type tells. */
static gsize
sprout_object_native_size (GObject *object)
{
  static GType pixbuf_type, texture_type;
  GType gtype = G_OBJECT_TYPE (object);
  GType pixbuf = sprout_lazy_type (&pixbuf_type, "GdkPixbuf");
  GType texture = sprout_lazy_type (&texture_type, "GdkTexture");

  if (pixbuf && g_type_is_a (gtype, pixbuf))
    return sprout_int_property_product (object, "rowstride", "height");
  if (texture && g_type_is_a (gtype, texture))
    return 4 * sprout_int_property_product (object, "width", "height");
  return 0;
}

gsize
sprout_gi_native_size (GType gtype, gconstpointer instance)
{
  if (instance == NULL)
    return 0;
  if (gtype == G_TYPE_BYTES)
    return g_bytes_get_size ((GBytes *) instance);
  if (gtype == G_TYPE_VARIANT)
    return g_variant_get_size ((GVariant *) instance);
  if (g_type_is_a (gtype, G_TYPE_OBJECT))
    return sprout_object_native_size ((GObject *) instance);
  return 0;
}

void
sprout_gi_report_native_size (JSContextRef ctx, GType gtype,
                              gconstpointer instance)
{
  gsize size = sprout_gi_native_size (gtype, instance);

  if (size >= SPROUT_NATIVE_SIZE_MIN && sprout_engine.report_extra_memory)
    sprout_engine.report_extra_memory (ctx, size);
}
