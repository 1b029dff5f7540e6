/* signals.c: GObject signals from JS — connect, disconnect, block, stop
 * (the signal natives of object.h, called by js/object.js with a wrapper's
 * token), and the table publishing every signal native.
 *
 * The other signal files (see signals-private.h): signals-closure.c makes
 * the closures and keeps their JS functions, signals-emit.c emits and
 * marshals, signals-match.c implements the handler matchers. Objects that C
 * code disposed behave as in GJS: connect() returns 0 and emit() does
 * nothing, with GJS's critical; the other calls log it and go on. Objects
 * finalized under their wrapper log GJS's critical and do nothing (GJS
 * hands GLib a NULL instance there, which only adds GLib's criticals).
 */
#include "signals-private.h"

#include <math.h>

#include "js-util.h"
#include "object.h"

/* ---- argument helpers --------------------------------------------------- */

gboolean
sprout_signal_object (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                      const char *for_what, GObject **object,
                      JSValueRef *exception)
{
  return sprout_object_access_token (
    ctx, argc > 0 ? argv[0] : JSValueMakeUndefined (ctx), for_what, object,
    exception);
}

/* The signal name argument (transfer full), or NULL with an exception. */
char *
sprout_signal_name_arg (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                        const char *method, JSValueRef *exception)
{
  if (argc < 2 || JSValueIsUndefined (ctx, argv[1])) {
    gboolean two = g_str_has_prefix (method, "connect");
    sprout_js_throw (ctx, exception, "TypeError",
                     "%s: At least %s required, but only 0 passed", method,
                     two ? "2 arguments" : "1 argument");
    return NULL;
  }
  if (!JSValueIsString (ctx, argv[1])) {
    sprout_js_throw (ctx, exception, "Error",
                     "Error invoking %s, at argument 0 (signal name): "
                     "Couldn't convert to string",
                     method);
    return NULL;
  }
  return sprout_js_value_to_utf8 (ctx, argv[1], exception);
}

/* A handler id argument; FALSE with an exception if not a number. */
gboolean
sprout_signal_id_arg (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                      gulong *id, JSValueRef *exception)
{
  double number;

  if (argc < 2 || !JSValueIsNumber (ctx, argv[1])) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "A signal handler ID must be a number");
    return FALSE;
  }
  number = JSValueToNumber (ctx, argv[1], NULL);
  *id = isfinite (number) && number > 0 ? (gulong) number : 0;
  return TRUE;
}

JSValueRef
sprout_signal_throw_no_signal (JSContextRef ctx, GObject *object,
                               const char *name, JSValueRef *exception)
{
  return sprout_js_throw (ctx, exception, "Error",
                          "No signal '%s' on object '%s'", name,
                          G_OBJECT_TYPE_NAME (object));
}

/* ---- natives ------------------------------------------------------------ */

/* signalConnect(token, name, callback, after) -> handler id (0 if the object
 * was disposed). */
static JSValueRef
sprout_signal_native_connect (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  gboolean after = argc > 3 && JSValueToBoolean (ctx, argv[3]);
  const char *method = after ? "connect_after" : "connect";
  GObject *object;
  g_autofree char *name = NULL;
  GClosure *closure;
  JSObjectRef callback;
  guint signal_id;
  GQuark detail;
  gulong id;

  if (!sprout_signal_object (ctx, argc, argv, "connect to any signal on",
                             &object, exception))
    return NULL;
  if (object == NULL ||
      !sprout_object_check_alive (object, "connect to any signal on"))
    return JSValueMakeNumber (ctx, 0);
  name = sprout_signal_name_arg (ctx, argc, argv, method, exception);
  if (name == NULL)
    return NULL;
  if (argc < 3 || JSValueIsUndefined (ctx, argv[2]))
    return sprout_js_throw (ctx, exception, "TypeError",
                            "%s: At least 2 arguments required, but only 1 "
                            "passed",
                            method);
  /* As GJS words (and types) these. */
  if (!JSValueIsObject (ctx, argv[2]))
    return sprout_js_throw (ctx, exception, "Error",
                            "Error invoking %s, at argument 1 (callback): Not "
                            "an object",
                            method);
  callback = (JSObjectRef) argv[2];
  if (!JSObjectIsFunction (ctx, callback))
    return sprout_js_throw (ctx, exception, "Error",
                            "second arg must be a callback");
  if (!g_signal_parse_name (name, G_OBJECT_TYPE (object), &signal_id, &detail,
                            TRUE))
    return sprout_signal_throw_no_signal (ctx, object, name, exception);

  closure = sprout_signal_closure_new (ctx, callback);
  g_closure_ref (closure);
  g_closure_sink (closure);
  id =
    g_signal_connect_closure_by_id (object, signal_id, detail, closure, after);
  if (id != 0)
    sprout_signal_closure_attach (ctx, (SproutSignalClosure *) closure, object,
                                  sprout_object_handler_holder (ctx, object));
  sprout_signal_safe_depth++;
  g_closure_unref (closure); /* the handler holds it (or it goes now) */
  sprout_signal_safe_depth--;
  return JSValueMakeNumber (ctx, (double) id);
}

/* signalDisconnect(token, id) */
static JSValueRef
sprout_signal_native_disconnect (JSContextRef ctx, JSObjectRef function,
                                 JSObjectRef self, size_t argc,
                                 const JSValueRef argv[], JSValueRef *exception)
{
  GObject *object;
  gulong id;

  if (!sprout_signal_object (ctx, argc, argv, "access", &object, exception) ||
      !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeUndefined (ctx); /* finalized */
  sprout_object_check_alive (object, "access");
  sprout_signal_safe_depth++;
  g_signal_handler_disconnect (object, id); /* GLib warns about unknown ids */
  sprout_signal_safe_depth--;
  return JSValueMakeUndefined (ctx);
}

/* signalBlock(token, id), signalUnblock(token, id) */
static JSValueRef
sprout_signal_block_or_unblock (JSContextRef ctx, size_t argc,
                                const JSValueRef argv[], gboolean block,
                                JSValueRef *exception)
{
  GObject *object;
  gulong id;

  if (!sprout_signal_object (ctx, argc, argv, "access", &object, exception) ||
      !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeUndefined (ctx); /* finalized */
  sprout_object_check_alive (object, "access");
  if (block)
    g_signal_handler_block (object, id);
  else
    g_signal_handler_unblock (object, id);
  return JSValueMakeUndefined (ctx);
}

static JSValueRef
sprout_signal_native_block (JSContextRef ctx, JSObjectRef function,
                            JSObjectRef self, size_t argc,
                            const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_signal_block_or_unblock (ctx, argc, argv, TRUE, exception);
}

static JSValueRef
sprout_signal_native_unblock (JSContextRef ctx, JSObjectRef function,
                              JSObjectRef self, size_t argc,
                              const JSValueRef argv[], JSValueRef *exception)
{
  return sprout_signal_block_or_unblock (ctx, argc, argv, FALSE, exception);
}

/* signalStopEmission(token, name) */
static JSValueRef
sprout_signal_native_stop_emission (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  GObject *object;
  g_autofree char *name = NULL;

  if (!sprout_signal_object (ctx, argc, argv, "access", &object, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeUndefined (ctx); /* finalized */
  name = sprout_signal_name_arg (ctx, argc, argv, "stop_emission_by_name",
                                 exception);
  if (name == NULL)
    return NULL;
  sprout_object_check_alive (object, "access");
  g_signal_stop_emission_by_name (object, name); /* GLib warns if invalid */
  return JSValueMakeUndefined (ctx);
}

/* signalHandlerIsConnected(token, id) -> boolean */
static JSValueRef
sprout_signal_native_is_connected (JSContextRef ctx, JSObjectRef function,
                                   JSObjectRef self, size_t argc,
                                   const JSValueRef argv[],
                                   JSValueRef *exception)
{
  GObject *object;
  gulong id;

  if (!sprout_signal_object (ctx, argc, argv, "access", &object, exception) ||
      !sprout_signal_id_arg (ctx, argc, argv, &id, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeBoolean (ctx, FALSE); /* finalized */
  sprout_object_check_alive (object, "access");
  return JSValueMakeBoolean (ctx, id != 0 &&
                                    g_signal_handler_is_connected (object, id));
}


void
sprout_signals_define_natives (JSContextRef ctx, JSObjectRef native)
{
  static const struct {
    const char *name;
    JSObjectCallAsFunctionCallback callback;
  } natives[] = {
    { "signalConnect", sprout_signal_native_connect },
    { "signalDisconnect", sprout_signal_native_disconnect },
    { "signalEmit", sprout_signal_native_emit },
    { "signalBlock", sprout_signal_native_block },
    { "signalUnblock", sprout_signal_native_unblock },
    { "signalStopEmission", sprout_signal_native_stop_emission },
    { "signalHandlerIsConnected", sprout_signal_native_is_connected },
    { "signalFind", sprout_signal_native_find },
    { "signalsBlock", sprout_signal_native_block_matched },
    { "signalsUnblock", sprout_signal_native_unblock_matched },
    { "signalsDisconnect", sprout_signal_native_disconnect_matched },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (natives); i++)
    sprout_js_define_function (ctx, native, natives[i].name,
                               natives[i].callback);
}
