/* foreign.h: converters for GI's foreign structs, registered by the modules
 * that implement them (cairo's Context, Surface, ... by the cairo module).
 *
 * A foreign struct (g_struct_info_is_foreign()) has no GI-described layout
 * to wrap; the module that knows the library supplies the JS side. When a
 * callable first needs a foreign struct whose converter is not registered,
 * the loader (set by the modules layer) is asked to load the module that
 * implements the struct's namespace, as GJS imports `cairo` on demand. A
 * foreign struct nobody implements is marshalled as an ordinary boxed (or
 * plain) struct, which is all GI can offer.
 */
#pragma once

#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

typedef struct _SproutForeignOps {
  /* A JS value for @pointer. With @transfer_full the value owns that
   * reference; without, it must take its own (or copy). NULL with
   * @exception set on failure. */
  JSValueRef (*to_js) (JSContextRef ctx, gpointer pointer,
                       gboolean transfer_full, JSValueRef *exception);
  /* The struct @value stands for, borrowed from @value; FALSE with
   * @exception set (a TypeError naming @what) if @value is not one. */
  gboolean (*from_js) (JSContextRef ctx, JSValueRef value, const char *what,
                       gpointer *out, JSValueRef *exception);
  /* A new reference to (or copy of) @pointer, for transfer-full `in`. */
  gpointer (*ref) (gpointer pointer);
  /* Drops a reference (or frees a copy). */
  void (*unref) (gpointer pointer);
} SproutForeignOps;

/* Registers @ops for @ns.@name (e.g. "cairo", "Context"). @ops must stay
 * valid for the process's life. Main thread. */
void sprout_gi_foreign_register (const char *ns, const char *name,
                                 const SproutForeignOps *ops);

/* Loads the module implementing namespace @ns's foreign structs (TRUE if
 * there is one and it loaded), or FALSE with @exception possibly set. */
typedef gboolean (*SproutForeignLoader) (JSContextRef ctx, const char *ns,
                                         JSValueRef *exception);
void sprout_gi_foreign_set_loader (SproutForeignLoader loader);

/* The converter for the foreign struct @info, loading its module once if
 * needed; NULL if nobody implements it. */
const SproutForeignOps *sprout_gi_foreign_lookup (JSContextRef ctx,
                                                  GIBaseInfo *info);

G_END_DECLS
