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

typedef enum {
  SPROUT_SIZE_NONE,
  SPROUT_SIZE_PIXBUF,  /* rowstride x height */
  SPROUT_SIZE_TEXTURE, /* 4 x width x height */
} SproutSizeKind;

/* GTypes of libraries that may not be loaded: resolved by name, and again
 * while not found (the library may be loaded later). */
static GType
sprout_lazy_type (GType *cache, const char *name)
{
  if (*cache == 0)
    *cache = g_type_from_name (name);
  return *cache;
}

static SproutSizeKind
sprout_object_size_kind_uncached (GType gtype)
{
  static GType pixbuf_type, texture_type;
  GType pixbuf = sprout_lazy_type (&pixbuf_type, "GdkPixbuf");
  GType texture = sprout_lazy_type (&texture_type, "GdkTexture");

  if (pixbuf && g_type_is_a (gtype, pixbuf))
    return SPROUT_SIZE_PIXBUF;
  if (texture && g_type_is_a (gtype, texture))
    return SPROUT_SIZE_TEXTURE;
  return SPROUT_SIZE_NONE;
}

/* The kind of object types, remembered in a small direct-mapped cache:
 * every object wrapper asks, and the answer is nearly always "none". */
static SproutSizeKind
sprout_object_size_kind (GType gtype)
{
  static struct {
    GType gtype;
    SproutSizeKind kind;
  } cache[64];
  guint slot = (guint) ((gtype >> 3) ^ (gtype >> 9)) % G_N_ELEMENTS (cache);

  if (cache[slot].gtype != gtype) {
    cache[slot].kind = sprout_object_size_kind_uncached (gtype);
    cache[slot].gtype = gtype;
  }
  return cache[slot].kind;
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
  switch (sprout_object_size_kind (G_OBJECT_TYPE (object))) {
  case SPROUT_SIZE_PIXBUF:
    return sprout_int_property_product (object, "rowstride", "height");
  case SPROUT_SIZE_TEXTURE:
    return 4 * sprout_int_property_product (object, "width", "height");
  case SPROUT_SIZE_NONE:
  default:
    return 0;
  }
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

static void
sprout_report_size (JSContextRef ctx, gsize size)
{
  if (size >= SPROUT_NATIVE_SIZE_MIN && sprout_engine.report_extra_memory)
    sprout_engine.report_extra_memory (ctx, size);
}

void
sprout_gi_report_native_size (JSContextRef ctx, GType gtype,
                              gconstpointer instance)
{
  sprout_report_size (ctx, sprout_gi_native_size (gtype, instance));
}

void
sprout_gi_report_object_size (JSContextRef ctx, GObject *object)
{
  sprout_report_size (ctx, sprout_object_native_size (object));
}
