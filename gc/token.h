/* token.h: tokens — the small hidden callback objects that tie a JS wrapper
 * to native memory.
 *
 * A wrapper is a plain JS object (fast property access); its token, kept in
 * a private field of the wrapper, is a JSClass object whose private data
 * points at the native thing. When the GC collects the token, its finalizer
 * must not call JSC nor run native code that might re-enter JS, so it only
 * queues the kind's release function; the queue drains from an idle on the
 * main context. GObject wrappers, the most numerous, need no token object:
 * their token is a number (gc/toggle.h) and their releases are queued here
 * too.
 */
#pragma once

#include <JavaScriptCore/JavaScript.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _SproutTokenKind SproutTokenKind;

/* What an ordinary token points at: allocated with the token, or, for
 * embedded kinds, the first member of the native structure. */
typedef struct {
  const SproutTokenKind *kind;
  gpointer native;
  guint generation;
} SproutTokenRecord;

struct _SproutTokenKind {
  const char *name;                 /* for messages */
  void (*release) (gpointer native, guint generation); /* deferred, or NULL */
  /* The native structure begins with a SproutTokenRecord, which the token
   * uses instead of allocating one (structs made by the thousand). One
   * token at a time may stand for it: sprout_token_clear lets go. */
  gboolean embedded;
  /* Optional: run by the finalizer instead of queueing release. It may
   * only free memory (no JSC, nothing that could reach JS or dispose an
   * object); it returns FALSE, doing nothing, to have release queued. */
  gboolean (*release_now) (gpointer native, guint generation);
};

/* A new token of @kind for @native. */
JSObjectRef sprout_token_new (JSContextRef ctx, const SproutTokenKind *kind,
                              gpointer native, guint generation);

/* The native pointer of @value if it is a token of @kind, else NULL. */
gpointer sprout_token_get (JSContextRef ctx, JSValueRef value,
                           const SproutTokenKind *kind);

/* Makes a token forget its native pointer (its release will not run; an
 * embedded record is free for another token). */
void sprout_token_clear (JSContextRef ctx, JSValueRef value);

/* Queues @kind's release of @native, as a token's finalizer does (any
 * thread, no JSC call): for wrappers without a token object (GObjects,
 * gc/toggle.h), whose collection is noticed at the end of a collection. */
void sprout_token_queue_release (const SproutTokenKind *kind, gpointer native,
                                 guint generation);

/* Runs the queued releases now (tests, shutdown). */
void sprout_token_drain_releases (void);

/* Runs queued releases if there are any: cheap when there are none.
 * Call only where running arbitrary native code (dispose) is safe. */
void sprout_token_drain_if_pending (void);

/* Number of releases waiting (tests). */
guint sprout_token_pending_releases (void);

G_END_DECLS
