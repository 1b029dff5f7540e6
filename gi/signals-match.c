/* signals-match.c: GObject.signal_handler_find(), signal_handlers_*_
 * matched() and the *_by_func() helpers (signals-private.h).
 *
 * A match is {signalId (a name, as in GJS), detail, func}. Matching by
 * function cannot hand GLib the JS function: the closures of the object
 * whose function is that function are looked up in the object's list
 * (signals-closure.c) and matched one by one as GClosures.
 */
#include "signals-private.h"

#include <string.h>

#include "js-util.h"
#include "object.h"

typedef struct {
  GSignalMatchType mask;
  guint signal_id;
  GQuark detail;
  JSValueRef func; /* NULL unless matching by function */
} SproutSignalMatch;

typedef guint (*SproutSignalMatchedFunc) (gpointer instance,
                                          GSignalMatchType mask,
                                          guint signal_id, GQuark detail,
                                          GClosure *closure, gpointer func,
                                          gpointer data);

/* Reads {signalId, detail, func} (signalId is a signal name, as in GJS). */
static gboolean
sprout_signal_match_from_js (JSContextRef ctx, GObject *object,
                             JSValueRef value, SproutSignalMatch *match,
                             JSValueRef *exception)
{
  JSObjectRef match_object;
  JSValueRef field;
  g_autofree char *text = NULL;

  memset (match, 0, sizeof *match);
  if (!JSValueIsObject (ctx, value)) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "The match argument must be an object");
    return FALSE;
  }
  match_object = (JSObjectRef) value;
  if ((field = sprout_js_get (ctx, match_object, "signalId", exception)) ==
      NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if ((text = sprout_js_value_to_utf8 (ctx, field, exception)) == NULL)
      return FALSE;
    match->mask |= G_SIGNAL_MATCH_ID;
    match->signal_id = g_signal_lookup (text, G_OBJECT_TYPE (object));
    g_clear_pointer (&text, g_free);
  }
  if ((field = sprout_js_get (ctx, match_object, "detail", exception)) == NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if ((text = sprout_js_value_to_utf8 (ctx, field, exception)) == NULL)
      return FALSE;
    match->mask |= G_SIGNAL_MATCH_DETAIL;
    match->detail = g_quark_from_string (text);
  }
  if ((field = sprout_js_get (ctx, match_object, "func", exception)) == NULL)
    return FALSE;
  if (!JSValueIsUndefined (ctx, field)) {
    if (!JSValueIsObject (ctx, field) ||
        !JSObjectIsFunction (ctx, (JSObjectRef) field)) {
      sprout_js_throw (ctx, exception, "TypeError",
                       "'func' property must be a function");
      return FALSE;
    }
    match->mask |= G_SIGNAL_MATCH_CLOSURE;
    match->func = field;
  }
  if (match->mask == 0) {
    sprout_js_throw (ctx, exception, "TypeError",
                     "Must specify at least one of signalId, detail, or func");
    return FALSE;
  }
  return TRUE;
}

/* The object and match of a (token, match) call; FALSE with an exception.
 * *object is NULL (after GJS's critical) if it was finalized: nothing
 * matches then. */
static gboolean
sprout_signal_match_args (JSContextRef ctx, size_t argc,
                          const JSValueRef argv[], const char *for_what,
                          GObject **object, SproutSignalMatch *match,
                          JSValueRef *exception)
{
  if (!sprout_signal_object (ctx, argc, argv, for_what, object, exception))
    return FALSE;
  if (*object == NULL)
    return TRUE;
  sprout_object_check_alive (*object, for_what);
  return sprout_signal_match_from_js (
    ctx, *object, argc > 1 ? argv[1] : JSValueMakeUndefined (ctx), match,
    exception);
}

/* signalFind(token, match) -> the first matching handler id, or 0. */
JSValueRef
sprout_signal_native_find (JSContextRef ctx, JSObjectRef function,
                           JSObjectRef self, size_t argc,
                           const JSValueRef argv[], JSValueRef *exception)
{
  SproutSignalMatch match;
  GObject *object;
  g_autoptr (GPtrArray) candidates = NULL;
  gulong id = 0;

  if (!sprout_signal_match_args (ctx, argc, argv, "find any signal on", &object,
                                 &match, exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeNumber (ctx, 0); /* finalized */
  if (match.func == NULL)
    id = g_signal_handler_find (object, match.mask, match.signal_id,
                                match.detail, NULL, NULL, NULL);
  else
    candidates = sprout_signal_list_find (ctx, object, match.func);
  for (guint i = 0; candidates && i < candidates->len && id == 0; i++)
    id = g_signal_handler_find (object, match.mask, match.signal_id,
                                match.detail, candidates->pdata[i], NULL, NULL);
  return JSValueMakeNumber (ctx, (double) id);
}

/* Applies @action to the matching handlers; returns how many matched. */
static JSValueRef
sprout_signal_matched (JSContextRef ctx, size_t argc, const JSValueRef argv[],
                       const char *for_what, SproutSignalMatchedFunc action,
                       JSValueRef *exception)
{
  SproutSignalMatch match;
  GObject *object;
  g_autoptr (GPtrArray) candidates = NULL;
  guint n = 0;

  if (!sprout_signal_match_args (ctx, argc, argv, for_what, &object, &match,
                                 exception))
    return NULL;
  if (object == NULL)
    return JSValueMakeNumber (ctx, 0); /* finalized */
  sprout_signal_safe_depth++;
  if (match.func == NULL) {
    n = action (object, match.mask, match.signal_id, match.detail, NULL, NULL,
                NULL);
  } else {
    candidates = sprout_signal_list_find (ctx, object, match.func);
    for (guint i = 0; i < candidates->len; i++)
      n += action (object, match.mask, match.signal_id, match.detail,
                   candidates->pdata[i], NULL, NULL);
  }
  sprout_signal_safe_depth--;
  return JSValueMakeNumber (ctx, n);
}

/* signalsBlock(token, match) -> count */
JSValueRef
sprout_signal_native_block_matched (JSContextRef ctx, JSObjectRef function,
                                    JSObjectRef self, size_t argc,
                                    const JSValueRef argv[],
                                    JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "block any signal on",
                                g_signal_handlers_block_matched, exception);
}

/* signalsUnblock(token, match) -> count */
JSValueRef
sprout_signal_native_unblock_matched (JSContextRef ctx, JSObjectRef function,
                                      JSObjectRef self, size_t argc,
                                      const JSValueRef argv[],
                                      JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "unblock any signal on",
                                g_signal_handlers_unblock_matched, exception);
}

/* signalsDisconnect(token, match) -> count */
JSValueRef
sprout_signal_native_disconnect_matched (JSContextRef ctx, JSObjectRef function,
                                         JSObjectRef self, size_t argc,
                                         const JSValueRef argv[],
                                         JSValueRef *exception)
{
  return sprout_signal_matched (ctx, argc, argv, "disconnect any signal on",
                                g_signal_handlers_disconnect_matched,
                                exception);
}

