/* marshal-array-private.h: what marshal-array.c (C arrays and the plan)
 * and marshal-garray.c (GArray, GPtrArray, GByteArray) share: the per-array
 * plan, the element storage ops and the helpers that fill a packed buffer
 * from JS and free its elements. See marshal-array.c for how it works.
 */
#pragma once

#include "arg-cache.h"

G_BEGIN_DECLS

typedef struct _SproutGArrayKind SproutGArrayKind;

/* A packed C buffer of n elements followed by a zeroed one. */
typedef struct {
  guint8 *data;
  gsize n;
} SproutBuffer;

typedef void (*SproutStore) (gpointer dest, const GIArgument *arg);
typedef void (*SproutLoad) (gconstpointer src, GIArgument *arg);
typedef gboolean (*SproutArrayFill) (JSContextRef ctx, const SproutArg *self,
                                     SproutInvoke *invoke, JSValueRef value,
                                     SproutBuffer *buffer,
                                     JSValueRef *exception);
typedef JSValueRef (*SproutArrayToJS) (JSContextRef ctx, const SproutArg *self,
                                       SproutInvoke *invoke, gconstpointer data,
                                       gsize n, JSValueRef *exception);

typedef struct {
  gsize size;
  SproutStore store;
  SproutLoad load;
  SproutArrayFill fill;
  SproutArrayToJS to_js;
} SproutArrayOps;

/* The integer type of a length argument. */
typedef struct {
  gsize (*get) (const GIArgument *arg);
  gboolean (*set) (GIArgument *arg, gsize n); /* FALSE if n does not fit */
} SproutLengthOps;

typedef struct {
  SproutArg element; /* first: self->element points here */
  const SproutArrayOps *ops;
  const SproutLengthOps *length;  /* C arrays with a length argument */
  SproutArgIn element_in;         /* the family's own `in`, when wrapped */
  const SproutGArrayKind *garray; /* GArray, GPtrArray, GByteArray */
  SproutArrayOps flat_ops;        /* structs by value: their own size */
} SproutArrayPlan;

static inline const SproutArrayPlan *
sprout_array_plan (const SproutArg *self)
{
  return (const SproutArrayPlan *) self->element;
}

struct _SproutGArrayKind {
  gpointer (*wrap) (SproutBuffer *buffer, gsize size); /* takes the buffer */
  gpointer (*data) (gpointer array, gsize *n);
  /* Takes the data out, so that a clear/free function set on the array
   * never runs on elements we free ourselves (transfer full). NULL for
   * GByteArray: no elements to free, and it may be shared. With transfer
   * container the array is simply unreffed: elements it frees are its own. */
  gpointer (*steal) (gpointer array, gsize *n);
  void (*unref) (gpointer array);
};

/* NULL for null/undefined (if allowed), else a filled buffer. */
gboolean sprout_array_fill (JSContextRef ctx, const SproutArg *self,
                            SproutInvoke *invoke, JSValueRef value,
                            SproutBuffer *buffer, JSValueRef *exception);

/* Releases the @n elements of @data (those not zero) with @release. */
void sprout_array_release_elements (const SproutArg *self, SproutInvoke *invoke,
                                    SproutArgRelease release,
                                    gconstpointer data, gsize n);

/* marshal-garray.c: the kind of @type (GArray, GPtrArray, GByteArray)
 * and the argument functions they share. */
const SproutGArrayKind *sprout_garray_kind (GIArrayType type);
gboolean sprout_in_garray (JSContextRef ctx, const SproutArg *self,
                           SproutInvoke *invoke, JSValueRef value,
                           GIArgument *arg, JSValueRef *exception);
JSValueRef sprout_out_garray (JSContextRef ctx, const SproutArg *self,
                              SproutInvoke *invoke, GIArgument *arg,
                              JSValueRef *exception);
void sprout_garray_free_in (const SproutArg *self, SproutInvoke *invoke,
                            GIArgument *arg);
void sprout_garray_release_full (const SproutArg *self, SproutInvoke *invoke,
                                 GIArgument *arg);
void sprout_garray_release_container (const SproutArg *self,
                                      SproutInvoke *invoke, GIArgument *arg);

G_END_DECLS
