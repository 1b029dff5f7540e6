/* modules.h: the built-in modules (native ones registered here; JS ones are
 * in the GResource under /org/gnome/sprout/modules/). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers every native module with the importer. Idempotent. */
void sprout_modules_init (void);

/* The GJS release whose JS API Sprout implements, as GJS encodes versions
 * (major * 10000 + minor * 100 + micro); System.version reports it so that
 * feature checks written for GJS keep working. */
#define SPROUT_GJS_API_VERSION 17402

G_END_DECLS
