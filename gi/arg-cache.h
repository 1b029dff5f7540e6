/* arg-cache.h: the marshalling plan of a callable (design.md §6).
 *
 * The first call of a GI callable builds a SproutCallable: the ffi_cif and one
 * SproutArg per C argument (plus one for the return value), each holding
 * function pointers chosen once from type x direction x transfer. A call then
 * runs a fixed pipeline without switching on type tags:
 *   1. for each argument with an `in` marshaller, convert the JS value;
 *   2. ffi_call();
 *   3. on success, convert the return value and each `out` argument;
 *   4. run the release functions that marshalling recorded (what we allocated
 *      for `in` values, and transfer-full `out` values once converted).
 * Hidden arguments (array lengths, user_data, destroy notifies, GError**) are
 * filled by the plan and never seen by JS.
 */
#pragma once

#include <ffi.h>
#include <girepository.h>
#include <girffi.h>
#include <JavaScriptCore/JavaScript.h>

G_BEGIN_DECLS

/* girepository 1.74 has no autoptr support for its infos. */
typedef GIBaseInfo SproutGIInfo;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SproutGIInfo, g_base_info_unref)

typedef struct _SproutArg SproutArg;
typedef struct _SproutCallable SproutCallable;
typedef struct _SproutInvoke SproutInvoke;

/* JS -> C. Stores the C value in *arg. FALSE = exception pending. */
typedef gboolean (*SproutArgIn) (JSContextRef ctx, const SproutArg *self,
                                 SproutInvoke *invoke, JSValueRef value,
                                 GIArgument *arg, JSValueRef *exception);
/* C -> JS. NULL = exception pending. */
typedef JSValueRef (*SproutArgOut) (JSContextRef ctx, const SproutArg *self,
                                    SproutInvoke *invoke, GIArgument *arg,
                                    JSValueRef *exception);
/* Frees a C value this argument owns after the call. */
typedef void (*SproutArgRelease) (const SproutArg *self, SproutInvoke *invoke,
                                  GIArgument *arg);

/* How a C value travels in one integer register, for direct calls
 * (function.c): widened from its GIArgument field by sign or zero
 * extension. NONE: it does not (floats, structs by value). */
typedef enum {
  SPROUT_WORD_NONE,
  SPROUT_WORD_S8,
  SPROUT_WORD_U8,
  SPROUT_WORD_S16,
  SPROUT_WORD_U16,
  SPROUT_WORD_S32,
  SPROUT_WORD_U32,
  SPROUT_WORD_64, /* 64-bit integers, GType, pointers */
} SproutWord;

typedef enum {
  SPROUT_ARG_NORMAL,      /* seen by JS */
  SPROUT_ARG_ARRAY_LENGTH,/* length of another (array) argument */
  SPROUT_ARG_CLOSURE,     /* user_data of a callback argument */
  SPROUT_ARG_DESTROY,     /* destroy notify of a callback argument */
  SPROUT_ARG_ERROR,       /* the trailing GError** */
  SPROUT_ARG_SKIPPED,     /* (skip): zeroed in, ignored out */
} SproutArgRole;

struct _SproutArg {
  SproutArgIn in;             /* NULL if not an in/inout argument */
  SproutArgOut out;           /* NULL if no value goes back to JS */
  SproutArgRelease release_in;  /* for what `in` allocated, or NULL */
  SproutArgRelease release_out; /* for transfer-full results, or NULL */
  char *name;
  GITypeInfo *type_info;      /* owned */
  GITypeTag tag;
  GIDirection direction;
  GITransfer transfer;
  SproutArgRole role;
  gint8 js_index;             /* among JS arguments, or -1 */
  gint8 c_index;              /* among C arguments, or -1 (return value) */
  gint8 length_of;            /* C index of the array this is the length of */
  gint8 length_index;         /* arrays: C index of the length argument, -1 */
  gint8 closure_index;        /* callbacks: C index of user_data, -1 */
  gint8 destroy_index;        /* callbacks: C index of the destroy notify */
  guint nullable : 1;
  guint optional : 1;         /* out argument the caller may pass NULL for */
  guint caller_allocates : 1;
  guint is_pointer : 1;
  guint is_field : 1;          /* a struct field (boxed-fields.c): messages */
  /* A struct C passes to a JS callback without transfer: wrapped in place,
   * not copied, so that the callback's changes reach C (GJS's rule; the
   * wrapper must not outlive the call). */
  guint borrow_struct : 1;
  guint top_level : 1;        /* an argument of the callable itself */
  guint word : 4;             /* SproutWord: how it goes in a register */
  GIScopeType scope;
  /* Type-family data, owned. */
  GIBaseInfo *interface_info;   /* INTERFACE tag: enum/flags/struct/... */
  GType gtype;
  SproutArg *element;           /* arrays and lists: the element plan */
  SproutArg *value;             /* hash tables: the value plan (key: element) */
  /* Per-type data a family finds once, when the plan is built. */
  union {
    const struct _SproutForeignOps *foreign; /* foreign structs (foreign.h) */
    const struct _SproutEnumValues *enum_values; /* marshal-enum.c */
  };
  GIArrayType array_type;
  gssize fixed_size;            /* -1 if none */
  gboolean zero_terminated;
  gsize element_size;
};

struct _SproutCallable {
  GICallableInfo *info;       /* owned */
  char *name;                 /* "Namespace.function", for messages */
  GIFunctionInvoker invoker;
  guint n_args;               /* C arguments, excluding instance and error */
  guint n_js_args;            /* arguments JS passes */
  guint n_js_out;             /* values returned to JS (return + outs) */
  gboolean can_throw;         /* has a trailing GError** */
  gboolean is_method;
  SproutArg *args;            /* n_args */
  SproutArg return_arg;
  GIInfoType return_info_type; /* for extracting ffi's return value */
  gboolean skip_return;       /* void, or (skip) */
  gboolean inspects_main_context; /* g_main_context_pending/iteration */
  /* Methods whose instance is (transfer full): the callee gets a reference
   * of its own, from instance_ref, or a g_boxed_copy() of instance_boxed;
   * the wrapper keeps its own. Both unset: the instance is borrowed. */
  GIObjectInfoRefFunction instance_ref;
  GType instance_boxed;
  /* Every argument is a plain `in` argument seen by JS (no hidden, out or
   * caller-allocated ones), at most SPROUT_SIMPLE_MAX_ARGS of them: calls
   * take function.c's short pipeline. */
  gboolean simple;
  /* Simple, and every value (instance, arguments, GError**, result) fits
   * an integer register: called without libffi where the ABI allows. */
  gboolean direct;
};

#define SPROUT_SIMPLE_MAX_ARGS 8

/* One call's state; lives on the C stack of the invoke function. */
struct _SproutInvoke {
  SproutCallable *callable;
  GIArgument *values;         /* `in` values by c_index (hidden ones too) */
  GIArgument *out_storage;    /* where out/inout arguments point; unused
                                 by `in` ones, whose marshallers may keep
                                 a per-call record there (marshal-gvalue.c) */
  JSValueRef *js_args;        /* the JS arguments, by js_index (padded) */
  gboolean *marshalled;       /* which in values need release_in */
  gboolean called;            /* the C function ran (releases may differ) */
  /* Stack memory of the invoking function for `in` strings of top-level
   * transfer-none arguments, taken from the front (scratch), so that they
   * need no malloc; NULL where the caller has none. Releases skip what lies
   * in [scratch_base, scratch_end). */
  char *scratch_base;
  char *scratch;
  char *scratch_end;
};

/* Builds the plan. FALSE with @error if the callable cannot be called
 * (not introspectable, an argument type Sprout does not handle). */
gboolean sprout_callable_init (SproutCallable *callable, GICallableInfo *info,
                               GError **error);
void sprout_callable_clear (SproutCallable *callable);

/* Chooses the marshallers of @arg from its type, direction and transfer.
 * FALSE with @error for unsupported types. Also used for array elements,
 * list elements and hash keys/values. */
gboolean sprout_arg_init_marshallers (SproutArg *arg, GError **error);
void sprout_arg_clear (SproutArg *arg);

/* Fills tag, is_pointer, interface_info, gtype and the array fields of @arg
 * from arg->type_info (containers use it for their element plans). */
void sprout_arg_load_type (SproutArg *arg);

/* Families of marshallers (marshal-*.c). Each returns FALSE if @arg's type
 * is not its family. */
gboolean sprout_marshal_basic_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_enum_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_array_init (SproutArg *arg, GError **error);
/* A C array planned by the array family, with @n elements at @data, as JS
 * (struct fields whose length is another field). */
JSValueRef sprout_array_c_to_js (JSContextRef ctx, const SproutArg *self,
                                 gconstpointer data, gsize n,
                                 JSValueRef *exception);
gboolean sprout_marshal_list_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_callback_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_object_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_fundamental_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_boxed_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_foreign_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_variant_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_gclosure_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_gerror_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_gdkatom_init (SproutArg *arg, GError **error);
gboolean sprout_marshal_gvalue_init (SproutArg *arg, GError **error);

/* Flat arrays of GValues (marshal-gvalue.c): an element's GValue moves into
 * the array's buffer, and loads as a pointer into it. */
void sprout_gvalue_store_flat (gpointer dest, const GIArgument *arg);
void sprout_gvalue_load_flat (gconstpointer src, GIArgument *arg);

/* 64-bit integers as Numbers, warning (as GJS does) when the value does
 * not fit a double exactly. */
JSValueRef sprout_js_number_from_int64 (JSContextRef ctx, gint64 value);
JSValueRef sprout_js_number_from_uint64 (JSContextRef ctx, guint64 value);

/* "Argument 'name'" or "Return value", for messages. (transfer full) */
char *sprout_arg_describe (const SproutArg *arg);

/* Throws TypeError("Argument x may not be null (expected type T)"). */
gboolean sprout_arg_throw_null (JSContextRef ctx, const SproutArg *arg,
                                JSValueRef *exception);

/* Throws TypeError("Expected type T for Argument 'x' but got type 'U'"). */
gboolean sprout_arg_throw_type (JSContextRef ctx, const SproutArg *arg,
                                JSValueRef value, JSValueRef *exception);

/* regex-string.c: g_regex_match() and g_regex_match_all() (by @symbol)
 * get a heap copy of their string, kept for the GMatchInfo they return,
 * which reads it later. */
void sprout_regex_string_plan (SproutCallable *callable, const char *symbol);

G_END_DECLS
