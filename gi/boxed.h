/* boxed.h: wrappers for boxed types, plain structs and unions. */
#pragma once

#include <girepository.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

typedef enum {
  SPROUT_BOXED_BORROW, /* C keeps the memory; we never free it */
  SPROUT_BOXED_OWN,    /* ours: freed with g_boxed_free or g_free */
  SPROUT_BOXED_COPY,   /* copy it first (g_boxed_copy, or memdup for plain
                          structs with a known size), then own the copy */
  SPROUT_BOXED_OWN_ALLOCATED, /* ours, from g_malloc0: freed with g_free */
} SproutBoxedMode;

/* The wrapper of @data, a struct/union/boxed described by @info. */
JSValueRef sprout_boxed_to_js (JSContextRef ctx, GIBaseInfo *info,
                               gpointer data, SproutBoxedMode mode,
                               JSValueRef *exception);

/* The memory behind a wrapper of @info's type. Borrowed. NULL with a
 * TypeError naming @what otherwise. */
gpointer sprout_boxed_from_js (JSContextRef ctx, JSValueRef value,
                               GIBaseInfo *info, const char *what,
                               JSValueRef *exception);

/* The same, but NULL without an exception when @value is not such a
 * wrapper (the caller words the error: no message is made on the hot
 * path). An exception is only set if looking threw. */
gpointer sprout_boxed_try_from_js (JSContextRef ctx, JSValueRef value,
                                   GIBaseInfo *info, JSValueRef *exception);

/* The memory and GType (G_TYPE_NONE for plain structs) behind any boxed,
 * struct or union wrapper; NULL, with no exception, for anything else. */
gpointer sprout_boxed_peek (JSContextRef ctx, JSValueRef value, GType *gtype);

/* The same from a wrapper's token (what the JS stubs of js/object.js pass,
 * from getBoxedToken). */
gpointer sprout_boxed_from_token (JSContextRef ctx, JSValueRef token,
                                  GType *gtype);

/* Whether @info (struct or union) is "simple" as GJS decides: it has
 * fields, and none of them needs memory management of its own, so that a
 * zeroed allocation is a valid value and a memcpy a valid copy. */
gboolean sprout_boxed_info_is_simple (GIBaseInfo *info);

/* The class (constructor) for a struct/union/boxed info. */
JSValueRef sprout_boxed_class_for_info (JSContextRef ctx, GIBaseInfo *info,
                                        JSValueRef *exception);

/* Defines accessors on @prototype, the prototype of the class of @gtype
 * (described by @info), for the public fields of its instance struct:
 * read-only, and only for simple types, as in GJS (object-fields.c).
 * FALSE = exception pending. */
gboolean sprout_object_fields_define (JSContextRef ctx, JSObjectRef prototype,
                                      GIObjectInfo *info, GType gtype,
                                      JSValueRef *exception);

/* Adds boxedConstruct and boxedInvoke to the natives of js/object.js. */
void sprout_boxed_define_natives (JSContextRef ctx, JSObjectRef native);

void sprout_boxed_forget_context (void);

G_END_DECLS
