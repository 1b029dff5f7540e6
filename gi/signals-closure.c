/* signals-closure.c: the GClosure behind each JS signal handler
 * (signals-private.h).
 *
 * connect() wraps the JS function in a SproutSignalClosure whose marshal is
 * in signals-emit.c. Each object keeps the list of its closures (qdata),
 * which the handler matchers of GObject.signal_handler_find() and friends
 * search by JS function.
 *
 * Lifetime (design §5). The function is heap-traced, not rooted: connect()
 * stores it in a property ("sprout.signal.KEY") of the wrapper's handler
 * holder, a plain object that js/object.js keeps in a WeakMap keyed by the
 * wrapper (so it lives exactly as long as the wrapper), and the closure
 * keeps a JSC weak reference to the holder. So the function lives while
 * the connection and the wrapper both do. That is exactly right with toggle references (a
 * lazy wrapper, gc/toggle.h, switches to one when a handler connects: its
 * shape does not show handlers, so it could otherwise go while C holds
 * the object): while
 * anything besides the wrapper holds the GObject, the wrapper is rooted and
 * so are its handlers; when only the wrapper holds it, a cycle
 * wrapper -> GObject -> closure -> function -> wrapper is unreachable as a
 * whole and the GC takes it; the wrapper's release then drops the GObject,
 * whose dispose invalidates the closures. A wrapper can only be collected
 * while its GObject lives in a race (another thread takes a reference, or C
 * resurrects the object from a weak pointer, before the deferred release
 * ran); its handlers died with it, and the weak holder reference makes the
 * closure see that (sprout_signal_closure_function() answers NULL) instead
 * of calling a collected function. GJS invalidates such closures too.
 *
 * Invalidation (disconnect, dispose, finalization, a failed connect) takes
 * the function out of the holder. The invalidate notifier can run on another
 * thread or while JSC finalizes objects, where calling JSC is forbidden, so
 * it calls JSC at once only inside the natives that disconnect, and
 * otherwise from an idle on the main context.
 *
 * Without JSC's weak references (a degraded engine), the function is
 * protected instead, which leaks such cycles.
 */
#include "signals-private.h"

#include "js-util.h"

/* Guards every object's closure list: invalidation may come from any
 * thread. */
static GMutex sprout_signal_lists_lock;
static GQuark sprout_signal_list_quark;
static guint64 sprout_signal_next_key; /* main thread */

_Thread_local guint sprout_signal_safe_depth;

static GPtrArray *
sprout_signal_list (GObject *object)
{
  return g_object_get_qdata (object, sprout_signal_list_quark);
}

/* qdata destroy notify (object finalization): forget leftovers. */
static void
sprout_signal_list_free (gpointer data)
{
  GPtrArray *list = data;

  g_mutex_lock (&sprout_signal_lists_lock);
  for (guint i = 0; i < list->len; i++)
    ((SproutSignalClosure *) list->pdata[i])->owner = NULL;
  g_mutex_unlock (&sprout_signal_lists_lock);
  g_ptr_array_unref (list);
}

static void
sprout_signal_list_add (GObject *object, SproutSignalClosure *closure)
{
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  list = sprout_signal_list (object);
  if (list == NULL) {
    list = g_ptr_array_new ();
    g_object_set_qdata_full (object, sprout_signal_list_quark, list,
                             sprout_signal_list_free);
  }
  g_ptr_array_add (list, closure);
  closure->owner = object;
  g_mutex_unlock (&sprout_signal_lists_lock);
}

/* Takes @closure off its owner's list and returns its function (NULL if
 * already taken): a lookup on the main thread never sees a function that
 * another thread is releasing. */
static JSObjectRef
sprout_signal_list_remove (SproutSignalClosure *closure)
{
  JSObjectRef function;
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  if (closure->owner) {
    list = sprout_signal_list (closure->owner);
    if (list)
      g_ptr_array_remove_fast (list, closure);
    closure->owner = NULL;
  }
  function = g_steal_pointer (&closure->function);
  g_mutex_unlock (&sprout_signal_lists_lock);
  return function;
}

JSObjectRef
sprout_signal_closure_function (SproutSignalClosure *closure)
{
  JSObjectRef function = closure->function;

  if (function == NULL || closure->rooted)
    return function;
  /* A collected holder took the function with it. */
  if (closure->holder == NULL ||
      sprout_engine.weak_get_object (closure->holder) == NULL)
    return NULL;
  return function;
}

GPtrArray *
sprout_signal_list_find (JSContextRef ctx, GObject *object, JSValueRef function)
{
  GPtrArray *found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_closure_unref);
  GPtrArray *list;

  g_mutex_lock (&sprout_signal_lists_lock);
  list = sprout_signal_list (object);
  for (guint i = 0; list && i < list->len; i++) {
    SproutSignalClosure *closure = list->pdata[i];
    JSObjectRef candidate = sprout_signal_closure_function (closure);
    if (candidate && JSValueIsStrictEqual (ctx, candidate, function))
      g_ptr_array_add (found, g_closure_ref (&closure->base));
  }
  g_mutex_unlock (&sprout_signal_lists_lock);
  return found;
}

/* ---- the holder's property ---------------------------------------------- */

/* "sprout.signal.KEY", built as UTF-16 directly: connect is frequent enough
 * for printf and UTF-8 conversion to show in profiles. */
static JSStringRef
sprout_signal_key_name (guint64 key)
{
  static const char prefix[] = "sprout.signal.";
  JSChar name[sizeof prefix + 20];
  JSChar digits[20];
  size_t length = 0, n_digits = 0;

  for (const char *p = prefix; *p; p++)
    name[length++] = (JSChar) *p;
  do {
    digits[n_digits++] = (JSChar) ('0' + key % 10);
    key /= 10;
  } while (key > 0);
  while (n_digits > 0)
    name[length++] = digits[--n_digits];
  return JSStringCreateWithCharacters (name, length);
}

void
sprout_signal_closure_attach (JSContextRef ctx, SproutSignalClosure *closure,
                              GObject *object, JSObjectRef holder)
{
  JSStringRef name;

  /* Handlers hang off the wrapper: it must now live as long as anyone
   * holds the object (its shape does not show them). */
  sprout_toggle_use_toggle_ref (object);
  /* The hold first, then the list: an invalidation that comes meanwhile
   * (another thread disposing the object) finds something to undo. */
  if (holder == NULL || !sprout_engine.weak_create) {
    JSValueProtect (ctx, closure->function);
    closure->rooted = TRUE;
  } else {
    closure->key = ++sprout_signal_next_key;
    name = sprout_signal_key_name (closure->key);
    JSObjectSetProperty (ctx, holder, name, closure->function,
                         kJSPropertyAttributeNone, NULL);
    JSStringRelease (name);
    closure->holder =
      sprout_engine.weak_create (JSContextGetGroup (ctx), holder);
  }
  sprout_signal_list_add (object, closure);
}

/* What invalidation leaves to undo in JSC: the function's protection, or
 * its holder's property and the weak reference to the holder. */
typedef struct {
  SproutHome *home; /* ref */
  JSObjectRef function;
  SproutJSWeakRef holder;
  guint64 key;
  gboolean rooted;
} SproutSignalRelease;

/* Main thread, JSC callable. */
static void
sprout_signal_release_run (SproutSignalRelease *release)
{
  JSContextRef ctx = release->home->ctx;
  JSObjectRef holder;
  JSStringRef name;

  /* A dead VM took its values and weak references with it. */
  if (!sprout_home_usable (release->home))
    return;
  if (release->rooted) {
    JSValueUnprotect (ctx, release->function);
    return;
  }
  if (release->holder == NULL)
    return;
  holder = sprout_engine_weak_get (ctx, release->holder);
  if (holder) {
    name = sprout_signal_key_name (release->key);
    JSObjectDeleteProperty (ctx, holder, name, NULL);
    JSStringRelease (name);
  }
  sprout_engine.weak_release (JSContextGetGroup (ctx), release->holder);
}

static gboolean
sprout_signal_release_idle (gpointer data)
{
  SproutSignalRelease *release = data;

  sprout_signal_release_run (release);
  sprout_home_unref (release->home);
  g_free (release);
  return G_SOURCE_REMOVE;
}

/* Undoes @closure's hold on its function in JSC: now if this is a native
 * of ours on the main thread, else from an idle. */
static void
sprout_signal_closure_release (SproutSignalClosure *closure,
                               JSObjectRef function)
{
  SproutSignalRelease release = {
    closure->home, function, g_steal_pointer (&closure->holder), closure->key,
    closure->rooted,
  };
  GSource *source;

  if (!release.rooted && release.holder == NULL)
    return; /* never attached (a failed connect) */
  if (closure->thread == g_thread_self () && sprout_signal_safe_depth > 0) {
    sprout_signal_release_run (&release);
    return;
  }
  sprout_home_ref (release.home);
  source = g_idle_source_new ();
  g_source_set_callback (source, sprout_signal_release_idle,
                         g_memdup2 (&release, sizeof release), NULL);
  g_source_set_static_name (source, "[sprout] release signal handler");
  g_source_attach (source, closure->main_context);
  g_source_unref (source);
}

/* Disconnect, dispose, finalization, failed connect; any thread. */
static void
sprout_signal_closure_invalidated (gpointer data, GClosure *gclosure)
{
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;
  JSObjectRef function = sprout_signal_list_remove (closure);

  if (function)
    sprout_signal_closure_release (closure, function);
}

static void
sprout_signal_closure_finalized (gpointer data, GClosure *gclosure)
{
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;

  sprout_home_unref (closure->home);
  g_main_context_unref (closure->main_context);
}

GClosure *
sprout_signal_closure_new (JSContextRef ctx, JSObjectRef function)
{
  GClosure *gclosure =
    g_closure_new_simple (sizeof (SproutSignalClosure), NULL);
  SproutSignalClosure *closure = (SproutSignalClosure *) gclosure;

  if (sprout_signal_list_quark == 0)
    sprout_signal_list_quark =
      g_quark_from_static_string ("sprout-signal-closures");
  closure->home = sprout_home_ref_for (ctx);
  closure->function = function; /* held by the caller until attached */
  closure->thread = g_thread_self ();
  closure->main_context = g_main_context_ref_thread_default ();
  g_closure_set_marshal (gclosure, sprout_signal_closure_marshal);
  g_closure_add_invalidate_notifier (gclosure, NULL,
                                     sprout_signal_closure_invalidated);
  g_closure_add_finalize_notifier (gclosure, NULL,
                                   sprout_signal_closure_finalized);
  return gclosure;
}
