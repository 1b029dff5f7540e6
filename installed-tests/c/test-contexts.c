/* test-contexts.c: one context after another in a process. The gi layer
 * keeps per-context caches (classes, helper functions, wrap caches); a new
 * context, which malloc may well place where the old one was, must never
 * use a JS object of the old one. Each round makes structs, GValues,
 * variants and objects and checks what they give. Before every such cache
 * was dropped with its context, about one run in three of this test hit a
 * dead class of the previous context (a crash or a wrong constructor). */
#include <glib.h>

#include "context.h"
#include "js-util.h"

static const char code[] =
  "const {GLib, GObject, Gio} = imports.gi;"
  "const date = GLib.Date.new_dmy(3, GLib.DateMonth.MARCH, 2024);"
  "const value = new GObject.Value();"
  "value.init(GObject.TYPE_STRING);"
  "value.set_string('text');"
  "const variant = new GLib.Variant('a{sv}', {k: new GLib.Variant('i', 5)});"
  "const action = new Gio.SimpleAction({name: 'a'});"
  "const store = new Gio.ListStore({item_type: Gio.SimpleAction});"
  "store.append(action);"
  "[date.get_day(), value.get_string(), variant.deepUnpack().k.unpack(),"
  " store.get_item(0) === action, new GLib.Date().valid()].join(',')";

static void
test_one_after_another (void)
{
  for (int round = 0; round < 8; round++) {
    SproutContext *context = sprout_context_new (NULL);
    JSContextRef ctx = sprout_context_get_js (context);
    JSValueRef exception = NULL;
    JSValueRef result = sprout_js_evaluate (ctx, code, -1, "test", 1,
                                            &exception);
    g_autofree char *text = NULL;

    if (exception) {
      text = sprout_js_value_describe (ctx, exception);
      g_error ("round %d: %s", round, text);
    }
    text = sprout_js_value_to_utf8 (ctx, result, NULL);
    g_assert_cmpstr (text, ==, "3,text,5,true,false");
    sprout_context_free (context);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/contexts/one-after-another", test_one_after_another);
  return g_test_run ();
}
