/* variant.h: GLib.Variant wrappers and GVariant <-> JS conversion.
 *
 * GVariant is a ref-counted fundamental type (G_TYPE_VARIANT), not a boxed
 * struct: a wrapper (VariantBase in js/object.js) holds one strong reference
 * in its token, taken with g_variant_ref_sink (transfer none, floating
 * results) or g_variant_take_ref (transfer full) and dropped when the token
 * is collected.
 */
#pragma once

#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

typedef enum {
  SPROUT_VARIANT_UNPACK_SHALLOW,   /* unpack(): one level */
  SPROUT_VARIANT_UNPACK_DEEP,      /* deepUnpack(): all but 'v' contents */
  SPROUT_VARIANT_UNPACK_RECURSIVE, /* recursiveUnpack(): everything */
} SproutVariantUnpack;

/* variant.c */

/* The wrapper of @variant (null for NULL). @owned: the caller gives us its
 * reference (transfer full); otherwise the wrapper takes a new one, sinking
 * a floating reference. */
JSValueRef sprout_variant_to_js (JSContextRef ctx, GVariant *variant,
                                 gboolean owned, JSValueRef *exception);

/* The GVariant of a GLib.Variant wrapper (borrowed: valid while the wrapper
 * lives), or NULL with a TypeError naming @what. */
GVariant *sprout_variant_from_js (JSContextRef ctx, JSValueRef value,
                                  const char *what, JSValueRef *exception);

/* The GLib.Variant class (per context). */
JSValueRef sprout_variant_class (JSContextRef ctx, JSValueRef *exception);

/* Adds variantNew, variantInvoke and variantUnpack to the natives of
 * js/object.js. */
void sprout_variant_define_natives (JSContextRef ctx, JSObjectRef native);

/* variant-convert.c */

/* Packs @value as a GVariant of type @signature, as `new GLib.Variant()`
 * does (transfer full, not floating). NULL with a TypeError for an invalid
 * signature or a value that does not fit it. */
GVariant *sprout_variant_pack (JSContextRef ctx, const char *signature,
                               JSValueRef value, JSValueRef *exception);

/* Unpacks @variant as unpack()/deepUnpack()/recursiveUnpack() do. */
JSValueRef sprout_variant_unpack (JSContextRef ctx, GVariant *variant,
                                  SproutVariantUnpack mode,
                                  JSValueRef *exception);

G_END_DECLS
