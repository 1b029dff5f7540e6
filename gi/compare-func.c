/* compare-func.c: JS comparison functions as GCompareDataFunc, for the
 * APIs whose items reach a GCompareDataFunc as untyped pointers
 * (Gtk.CustomSorter): GI describes `a` and `b` as gpointer, so the generic
 * callback marshalling could only hand JS nothing, and GJS calls them
 * through typed C helpers of its own. Here the items are known to be
 * GObjects (items of a GListModel), so the function gets their wrappers and
 * its result's sign is the order.
 *
 * customSorterSetSortFunc(sorter, fn) calls gtk_custom_sorter_set_sort_func()
 * through the typelib (Sprout does not link GTK) with a C function that
 * calls @fn. The function is protected until GTK drops it (a new one is
 * set, or the sorter is finalized), as a GClosure's would be.
 */
#include "subclass.h"

#include "context.h"
#include "gi-private.h"
#include "home.h"
#include "js-util.h"
#include "object.h"

typedef struct {
  SproutHome *home; /* ref */
  JSObjectRef function; /* protected */
} SproutCompareFunc;

static gint
sprout_compare_objects (gconstpointer a, gconstpointer b, gpointer data)
{
  SproutCompareFunc *compare = data;
  JSValueRef exception = NULL, args[2], result;
  JSContextRef ctx;
  double order;

  if (!sprout_home_usable (compare->home))
    return 0;
  ctx = compare->home->ctx;
  args[0] = sprout_object_to_js (ctx, (GObject *) a, &exception);
  args[1] = args[0] ? sprout_object_to_js (ctx, (GObject *) b, &exception)
                    : NULL;
  result = args[1] ? JSObjectCallAsFunction (ctx, compare->function, NULL, 2,
                                             args, &exception)
                   : NULL;
  order = result ? JSValueToNumber (ctx, result, &exception) : 0;
  if (exception) {
    sprout_context_report_exception (ctx, exception);
    return 0;
  }
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

static void
sprout_compare_func_free (gpointer data)
{
  SproutCompareFunc *compare = data;

  if (sprout_home_usable (compare->home))
    JSValueUnprotect (compare->home->ctx, compare->function);
  sprout_home_unref (compare->home);
  g_free (compare);
}

/* customSorterSetSortFunc(sorter, fn or null) */
static JSValueRef
sprout_compare_native_set_sort_func (JSContextRef ctx, JSObjectRef function,
                                     JSObjectRef self, size_t argc,
                                     const JSValueRef argv[],
                                     JSValueRef *exception)
{
  g_autoptr (SproutGIInfo) klass = NULL;
  g_autoptr (SproutGIInfo) method = NULL;
  g_autoptr (GError) error = NULL;
  SproutCompareFunc *compare = NULL;
  GIArgument args[4], result;
  GObject *sorter;

  if (argc == 0)
    return sprout_js_throw (ctx, exception, "TypeError",
                            "set_sort_func(): no sorter");
  sorter = sprout_object_from_js (ctx, argv[0], G_TYPE_OBJECT, "sorter",
                                  exception);
  if (sorter == NULL)
    return NULL;
  if (argc > 1 && JSValueIsObject (ctx, argv[1]) &&
      JSObjectIsFunction (ctx, (JSObjectRef) argv[1])) {
    compare = g_new0 (SproutCompareFunc, 1);
    compare->home = sprout_home_ref_for (ctx);
    compare->function = (JSObjectRef) argv[1];
    JSValueProtect (ctx, compare->function);
  } else if (argc > 1 && !JSValueIsNull (ctx, argv[1]) &&
             !JSValueIsUndefined (ctx, argv[1])) {
    return sprout_js_throw (ctx, exception, "TypeError",
                            "set_sort_func(): argument 1 must be a function "
                            "or null");
  }
  klass = g_irepository_find_by_gtype (NULL, G_OBJECT_TYPE (sorter));
  method = klass && GI_IS_OBJECT_INFO (klass)
             ? g_object_info_find_method ((GIObjectInfo *) klass,
                                          "set_sort_func")
             : NULL;
  args[0].v_pointer = sorter;
  args[1].v_pointer = compare ? (gpointer) sprout_compare_objects : NULL;
  args[2].v_pointer = compare;
  args[3].v_pointer = compare ? (gpointer) sprout_compare_func_free : NULL;
  if (method == NULL ||
      !g_function_info_invoke ((GIFunctionInfo *) method, args, 4, NULL, 0,
                               &result, &error)) {
    if (compare)
      sprout_compare_func_free (compare);
    return sprout_js_throw (ctx, exception, "Error",
                            "set_sort_func(): %s",
                            error ? error->message : "not a Gtk.CustomSorter");
  }
  return JSValueMakeUndefined (ctx);
}

void
sprout_compare_define (JSContextRef ctx, JSObjectRef module)
{
  sprout_js_define_function (ctx, module, "customSorterSetSortFunc",
                             sprout_compare_native_set_sort_func);
}
