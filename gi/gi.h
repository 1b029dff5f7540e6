/* gi.h: what the rest of Sprout uses of the GObject-introspection layer. */
#pragma once

#include <glib.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* Registers `imports.gi` with the importer. Idempotent. */
void sprout_gi_init (void);

/* Drops the gi layer's per-context caches; called when a context goes away
 * (its JS objects go with it). */
void sprout_gi_forget_context (void);

/* The function GI's Uint8Arrays get as their own toString() (GJS's legacy
 * ByteArray behaviour); the byteArray module provides it. */
void sprout_gi_set_legacy_bytes_to_string (
  JSObjectCallAsFunctionCallback callback);

G_END_DECLS
