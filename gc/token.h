/* token.h: tokens — the small hidden callback objects that tie a JS wrapper
 * to native memory.
 *
 * A wrapper is a plain JS object (fast property access); its token, kept in
 * a private field of the wrapper, is a JSClass object whose private data
 * points at the native thing. When the GC collects the token, its finalizer
 * must not call JSC nor run native code that might re-enter JS, so it only
 * queues the kind's release function; the queue drains from an idle on the
 * main context.
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
  /* Compact tokens carry their native pointer (4-byte aligned) in the
   * token's private slot itself, saving an allocation per wrapper; their
   * generation is only zero or "attached" (release gets 0 or 1). One kind
   * per process may be compact (GObjects, the most numerous); others fall
   * back to the ordinary layout. */
  gboolean compact;
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

/* Sets the generation a token's release will report. */
void sprout_token_set_generation (JSContextRef ctx, JSValueRef value,
                                  guint generation);

/* Makes a token forget its native pointer (its release will not run; an
 * embedded record is free for another token). */
void sprout_token_clear (JSContextRef ctx, JSValueRef value);

/* Runs the queued releases now (tests, shutdown). */
void sprout_token_drain_releases (void);

/* Runs queued releases if there are any: cheap when there are none.
 * Call only where running arbitrary native code (dispose) is safe. */
void sprout_token_drain_if_pending (void);

/* Number of releases waiting (tests). */
guint sprout_token_pending_releases (void);

G_END_DECLS
