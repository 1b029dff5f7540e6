/* gvalue-box.c: boxing a JS value into a new GValue (gvalue.h), where C
 * wants a GValue and JS gave no type: GValue arguments of GI calls, arrays
 * and hash tables of GValues, and GValues held in a GValue.
 *
 * A GObject.Value wrapper is copied as it is (an uninitialised one is an
 * error, as in GJS). Anything else gets the GType GJS would guess for it:
 * null is a gpointer, strings gchararray, booleans gboolean, Numbers gint
 * when they are integers in the int32 range and gdouble otherwise, BigInts
 * gint64 (guint64 beyond G_MAXINT64), GObjects, fundamentals (GParamSpec)
 * and boxed wrappers their own type, GLib.Variants GVariant. Unlike GJS, a
 * GType object boxes as a GType (GJS guesses the type it stands for and then
 * fails to convert it). undefined, functions, arrays and plain objects have
 * no GType to guess: a TypeError says so.
 *
 * The type is chosen first and the value converted by sprout_gvalue_from_js
 * afterwards, so the checks of gvalue.c (ranges, wrapper types) apply.
 */
#include "gi-private.h"

#include <math.h>

#include "gvalue.h"

#include "boxed.h"
#include "fundamental.h"
#include "gtype.h"
#include "js-fast.h"
#include "js-util.h"
#include "object.h"
#include "variant.h"

#define SPROUT_WHAT(what) ((what) ? (what) : "Value")

/* boxedTokenOf of js/object.js, kept per context: looking it up by name
 * on every GValue argument cost more than the rest of the conversion. */
static JSObjectRef sprout_gvalue_token_of;
static JSGlobalContextRef sprout_gvalue_token_of_owner;

void
sprout_gvalue_forget_context (void)
{
  sprout_gvalue_token_of = NULL;
  sprout_gvalue_token_of_owner = NULL;
}

static JSObjectRef
sprout_gvalue_token_of_function (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);
  JSValueRef exception = NULL;
  JSObjectRef helpers;
  JSValueRef function;

  if (sprout_gvalue_token_of && sprout_gvalue_token_of_owner == global)
    return sprout_gvalue_token_of;
  helpers = sprout_object_helpers (ctx, &exception);
  function =
    helpers ? sprout_js_get (ctx, helpers, "boxedTokenOf", &exception) : NULL;
  if (function == NULL || !JSValueIsObject (ctx, function))
    return NULL;
  JSValueProtect (ctx, function); /* for the context's life */
  sprout_gvalue_token_of = (JSObjectRef) function;
  sprout_gvalue_token_of_owner = global;
  return sprout_gvalue_token_of;
}

GValue *
sprout_gvalue_peek_wrapper (JSContextRef ctx, JSValueRef value)
{
  JSObjectRef token_of = sprout_gvalue_token_of_function (ctx);
  JSValueRef exception = NULL, token;
  GType gtype = G_TYPE_NONE;
  gpointer data;

  if (token_of == NULL || !JSValueIsObject (ctx, value))
    return NULL;
  token = JSObjectCallAsFunction (ctx, token_of, NULL, 1, &value, &exception);
  data = token ? sprout_boxed_from_token (ctx, token, &gtype) : NULL;
  return data && gtype == G_TYPE_VALUE ? data : NULL;
}

static GType
sprout_gvalue_guess_number (double number)
{
  /* -0 is a double for GJS's engine too, and must stay -0. */
  return number >= G_MININT32 && number <= G_MAXINT32 &&
             number == floor (number) && !(number == 0 && signbit (number))
           ? G_TYPE_INT
           : G_TYPE_DOUBLE;
}

static GType
sprout_gvalue_guess_bigint (JSContextRef ctx, JSValueRef value)
{
  JSValueRef error = NULL;

  return JSValueCompareInt64 (ctx, value, G_MAXINT64, &error) ==
             kJSRelationConditionGreaterThan
           ? G_TYPE_UINT64
           : G_TYPE_INT64;
}

/* TRUE if @value is a GType object itself (not a class with a $gtype). */
static gboolean
sprout_gvalue_is_gtype_object (JSContextRef ctx, JSValueRef value)
{
  JSValueRef error = NULL;
  GType gtype;

  return sprout_gtype_from_js (ctx, value, &gtype, &error) &&
         JSValueIsStrictEqual (ctx, value, sprout_gtype_to_js (ctx, gtype));
}

/* The type of a wrapper of some GType'd native thing, or G_TYPE_INVALID.
 * Boxed wrappers come first: telling them apart costs no exception. */
static GType
sprout_gvalue_guess_object (JSContextRef ctx, JSValueRef value,
                            const char *what)
{
  JSValueRef error = NULL;
  GType gtype = G_TYPE_NONE;
  GObject *object;
  gpointer instance;

  if (sprout_boxed_peek (ctx, value, &gtype))
    return G_TYPE_IS_BOXED (gtype) ? gtype : G_TYPE_INVALID;
  if (sprout_gvalue_is_gtype_object (ctx, value))
    return G_TYPE_GTYPE;
  object = sprout_object_from_js (ctx, value, G_TYPE_OBJECT, what, &error);
  if (object)
    return G_OBJECT_TYPE (object);
  error = NULL;
  instance =
    sprout_fundamental_from_js (ctx, value, G_TYPE_INVALID, what, &error);
  if (instance)
    return G_TYPE_FROM_INSTANCE (instance);
  error = NULL;
  if (sprout_variant_from_js (ctx, value, what, &error))
    return G_TYPE_VARIANT;
  return G_TYPE_INVALID;
}

/* The GType GJS guesses for @value (see the top of the file), or
 * G_TYPE_INVALID with a TypeError. */
static GType
sprout_gvalue_guess_type (JSContextRef ctx, JSValueRef value, const char *what,
                          JSValueRef *exception)
{
  GType gtype = G_TYPE_INVALID;
  double number;

  if (sprout_js_get_number (ctx, value, &number))
    return sprout_gvalue_guess_number (number);
  switch (JSValueGetType (ctx, value)) {
  case kJSTypeNull:
    return G_TYPE_POINTER;
  case kJSTypeBoolean:
    return G_TYPE_BOOLEAN;
  case kJSTypeString:
    return G_TYPE_STRING;
  case kJSTypeBigInt:
    return sprout_gvalue_guess_bigint (ctx, value);
  case kJSTypeObject:
    gtype = sprout_gvalue_guess_object (ctx, value, SPROUT_WHAT (what));
    break;
  default:
    break;
  }
  if (gtype == G_TYPE_INVALID)
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: cannot guess the GValue type of a value of type "
                     "'%s'; pass a GObject.Value initialised with the type",
                     SPROUT_WHAT (what), sprout_js_type_name (ctx, value));
  return gtype;
}

gboolean
sprout_gvalue_transform (const GValue *source, GValue *dest)
{
  GType from = G_VALUE_TYPE (source), to = G_VALUE_TYPE (dest);

  if (g_value_type_compatible (from, to)) {
    g_value_copy (source, dest);
    return TRUE;
  }
  /* g_value_transform() insists on G_IS_VALUE (see SPROUT_GVALUE_IS_SET). */
  return G_IS_VALUE (source) && G_IS_VALUE (dest) &&
         g_value_type_transformable (from, to) &&
         g_value_transform (source, dest);
}

gboolean
sprout_gvalue_copy_wrapper (JSContextRef ctx, const GValue *source,
                            GValue *gvalue, const char *what,
                            JSValueRef *exception)
{
  if (!SPROUT_GVALUE_IS_SET (source)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: GObject.Value is not initialized with a type",
                     SPROUT_WHAT (what));
    return FALSE;
  }
  g_value_init (gvalue, G_VALUE_TYPE (source));
  g_value_copy (source, gvalue);
  return TRUE;
}

gboolean
sprout_gvalue_init_from_js (JSContextRef ctx, JSValueRef value, GValue *gvalue,
                            const char *what, JSValueRef *exception)
{
  const GValue *source = JSValueIsObject (ctx, value)
                           ? sprout_gvalue_peek_wrapper (ctx, value)
                           : NULL;
  GType gtype;

  if (source)
    return sprout_gvalue_copy_wrapper (ctx, source, gvalue, what, exception);
  gtype = sprout_gvalue_guess_type (ctx, value, what, exception);
  if (gtype == G_TYPE_INVALID)
    return FALSE;
  g_value_init (gvalue, gtype);
  if (!sprout_gvalue_from_js (ctx, value, gvalue, what, exception)) {
    g_value_unset (gvalue);
    return FALSE;
  }
  return TRUE;
}

GValue *
sprout_gvalue_new_from_js (JSContextRef ctx, JSValueRef value, const char *what,
                           JSValueRef *exception)
{
  GValue *gvalue = g_new0 (GValue, 1);

  if (!sprout_gvalue_init_from_js (ctx, value, gvalue, what, exception)) {
    g_free (gvalue);
    return NULL;
  }
  return gvalue;
}
