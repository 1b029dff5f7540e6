/* native-size.h: native memory behind wrappers, reported to the collector
 * (native-size.c). */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* Bytes of native memory @instance (of @gtype) holds, where its type is
 * known to hold much (GBytes, GVariant, GdkPixbuf, GdkTexture); else 0. */
gsize sprout_gi_native_size (GType gtype, gconstpointer instance);

/* Reports that size to the collector when it is large, so that dropping
 * many such wrappers triggers collections. Call once per new wrapper. */
void sprout_gi_report_native_size (JSContextRef ctx, GType gtype,
                                   gconstpointer instance);

/* The same for a new wrapper of @object (cheap for types that hold
 * nothing big: the answer per type is cached). */
void sprout_gi_report_object_size (JSContextRef ctx, GObject *object);

G_END_DECLS
