/* boxed-private.h: what boxed.c (wrappers, classes, construction) and
 * boxed-fields.c (field accessors) share. Nothing outside those two files
 * includes it; the rest of gi/ uses boxed.h.
 */
#pragma once

#include "gi-private.h"

#include <girffi.h>

#include "boxed.h"
#include "token.h"

G_BEGIN_DECLS

/* The native side of one wrapper: the memory, the info that describes it,
 * and how to free it. */
typedef struct {
  SproutTokenRecord token; /* the wrapper's token points here (embedded) */
  gpointer data;
  /* Borrowed from the class's type record (or a field plan of one), which
   * lives as long as the context: records are made by the thousand, and
   * a reference is two atomic operations. Owned only where no class was
   * at hand (owns_info). */
  GIBaseInfo *info;
  gboolean owns_info;
  GType gtype;
  gboolean owned;
  gboolean allocated; /* ours from g_malloc0: g_free, never g_boxed_free */
  gboolean is_boxed;  /* gtype is a registered boxed type (known when the
                         record is made, not looked up when it is freed) */
  /* Memory we allocate for a struct of known size lives right after this
   * record (sprout_boxed_new_inline): one allocation per instance instead
   * of two. `data` then points there and is never freed on its own. */
  gboolean inline_data;
} SproutBoxed;

typedef struct _SproutField SproutField;

/* What a struct/union class knows about its type, worked out once when the
 * class is made and kept by it (a token on the class, boxed.c). */
typedef struct {
  GIBaseInfo *info; /* owned */
  GType gtype;
  gsize size; /* 0 if unknown (opaque) */
  gboolean is_union;
  gboolean is_boxed;     /* a registered boxed type: g_boxed_copy/free */
  gboolean simple;       /* "can be allocated directly", as in GJS */
  gboolean has_pointers; /* simple, with non-void pointers in it: the
                            default constructor comes first (GString) */
  /* Names of static constructors on the class (registered types only, as
   * in GJS: others have no memory management for what they return). */
  char *zero_args_ctor; /* or NULL */
  char *default_ctor;   /* `new`, else the zero-args one, else the
                           first constructor; or NULL */
  /* `new X()` and `new X({field: value})` make a fresh instance (from
   * the zero-args constructor, else zeroed memory) and set the fields;
   * otherwise the default constructor gets the arguments. */
  gboolean constructs_fresh;
  /* The zero-args constructor called through libffi, as GJS does, when it
   * returns a new instance and cannot throw: no temporary wrapper. */
  GIFunctionInfo *zero_args_info;      /* owned, or NULL */
  GIFunctionInvoker zero_args_invoker; /* prepared on first use */
  guint n_fields;
  SproutField *fields;     /* n_fields plans (boxed-fields.c) */
  GHashTable *field_index; /* name -> SproutField*, for initialisers */
} SproutBoxedType;

/* One field's plan (boxed-fields.c): how to reach it in memory and which
 * marshallers convert it, chosen once. */
typedef void (*SproutFieldLoad) (gconstpointer src, GIArgument *arg);
typedef void (*SproutFieldStore) (gpointer dest, const GIArgument *arg);
typedef JSValueRef (*SproutFieldGet) (JSContextRef ctx,
                                      const SproutField *field,
                                      SproutBoxed *boxed, JSValueRef wrapper,
                                      JSValueRef *exception);
typedef gboolean (*SproutFieldSet) (JSContextRef ctx, const SproutField *field,
                                    SproutBoxed *boxed, JSValueRef wrapper,
                                    JSValueRef value, JSValueRef *exception);

struct _SproutField {
  SproutArg arg; /* the field's type, planned like an argument */
  SproutFieldGet get;
  SproutFieldSet set;
  SproutFieldLoad load;
  SproutFieldStore store;
  SproutBoxedType *owner;
  gsize offset;
  gsize nested_size;            /* embedded structs and unions */
  JSObjectRef nested_prototype; /* their prototype, protected on first read
                                   (the class lives as long, boxed.c) */
  const SproutField *length;    /* arrays counted by another field */
};

/* boxed-type.c */
GType sprout_boxed_info_gtype (GIBaseInfo *info);
/* The C size of @info (struct or union), or 0 if unknown or untrustworthy
 * (opaque types, bitfields). */
gsize sprout_boxed_size (GIBaseInfo *info);
SproutBoxedType *sprout_boxed_type_new (GIBaseInfo *info);
SproutBoxedType *sprout_boxed_type_new_for_object (GIObjectInfo *info,
                                                   GType gtype);
void sprout_boxed_type_free (SproutBoxedType *type);
/* Fields and methods of a struct or union info (none for other infos);
 * the getters return (transfer full). */
gint sprout_boxed_info_n_fields (GIBaseInfo *info);
GIFieldInfo *sprout_boxed_info_field (GIBaseInfo *info, gint i);
gint sprout_boxed_info_n_methods (GIBaseInfo *info);
GIFunctionInfo *sprout_boxed_info_method (GIBaseInfo *info, gint i);

/* boxed.c */
/* Calls the js/object.js helper @name, which must be a string literal (its
 * address keys a cache of JS strings). NULL = exception pending. */
JSValueRef sprout_boxed_helper_call (JSContextRef ctx, const char *name,
                                     size_t argc, const JSValueRef argv[],
                                     JSValueRef *exception);
/* The SproutBoxed behind a token from js/object.js, or NULL. */
SproutBoxed *sprout_boxed_of_token (JSContextRef ctx, JSValueRef token);
/* The prototype of @info's class. NULL = exception pending. */
JSObjectRef sprout_boxed_prototype_for_info (JSContextRef ctx, GIBaseInfo *info,
                                             JSValueRef *exception);
/* A wrapper (of @prototype, @info's) for @data, memory inside @parent's
 * struct: it owns nothing and keeps @parent alive. NULL = exception
 * pending. */
JSValueRef sprout_boxed_wrap_nested (JSContextRef ctx, JSObjectRef prototype,
                                     GIBaseInfo *info, GType gtype,
                                     gpointer data, JSObjectRef parent,
                                     JSValueRef *exception);

/* boxed-fields.c */
/* Plans the fields of @type (type->fields, n_fields). */
void sprout_boxed_fields_plan (SproutBoxedType *type);
void sprout_boxed_fields_free (SproutBoxedType *type);
/* Defines the field accessors on @prototype. FALSE = exception pending. */
gboolean sprout_boxed_fields_define (JSContextRef ctx, JSObjectRef prototype,
                                     SproutBoxedType *type,
                                     JSValueRef *exception);
/* Sets the fields named by the own enumerable properties of @props on
 * @boxed (`new X({field: value})`). FALSE = exception pending. */
gboolean sprout_boxed_fields_init (JSContextRef ctx, SproutBoxedType *type,
                                   SproutBoxed *boxed, JSObjectRef wrapper,
                                   JSValueRef props, JSValueRef *exception);
/* A token whose private data is @field (the accessors pass it). */
JSObjectRef sprout_boxed_field_token_new (JSContextRef ctx, SproutField *field);
/* The field behind such a token; NULL with a TypeError otherwise. */
const SproutField *sprout_boxed_field_of_token (JSContextRef ctx,
                                                JSValueRef token,
                                                JSValueRef *exception);
/* object-fields.c: adds objectFieldGet to the natives of js/object.js. */
void sprout_object_fields_define_natives (JSContextRef ctx, JSObjectRef native);
/* Adds boxedFieldGet and boxedFieldSet to the natives of js/object.js. */
void sprout_boxed_fields_define_natives (JSContextRef ctx, JSObjectRef native);

G_END_DECLS
