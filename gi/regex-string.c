/* regex-string.c: the string a GMatchInfo reads (gi-private.h).
 *
 * g_regex_match() and g_regex_match_all() keep a pointer to the string
 * they matched in the GMatchInfo they return, and fetch(), next() and the
 * rest read it later. The string of a call is the caller's: ours is a copy
 * of the JS string, which lived on the call's stack or was freed right
 * after the call, so that `re.match(text)[1].fetch(0)` read freed memory
 * (garbage, or a crash once the text was big enough to be given back to
 * the system: a 2 MB string crashed Sprout and gjs 1.74 alike).
 *
 * For these two functions the string argument is copied to the heap, and
 * after the call the copy is handed over to the GMatchInfo: a table keeps
 * it until the wrapper of the GMatchInfo frees it (boxed.c calls
 * sprout_regex_string_forget()).
 */
#include "gi-private.h"

static GMutex sprout_regex_strings_lock;
static GHashTable *sprout_regex_strings; /* GMatchInfo * -> char * */

/* release_in of the string argument: keeps the copy for the GMatchInfo the
 * call returned in its out argument, if it did. */
static void
sprout_regex_string_release (const SproutArg *self, SproutInvoke *invoke,
                             GIArgument *arg)
{
  SproutCallable *callable = invoke->callable;
  GMatchInfo *info = NULL;

  for (guint i = 0; invoke->called && i < callable->n_args; i++) {
    SproutArg *out = &callable->args[i];
    if (out->direction == GI_DIRECTION_OUT && out->gtype == G_TYPE_MATCH_INFO)
      info = invoke->out_storage[i].v_pointer;
  }
  if (info == NULL) {
    g_free (arg->v_string);
    return;
  }
  g_mutex_lock (&sprout_regex_strings_lock);
  if (sprout_regex_strings == NULL)
    sprout_regex_strings = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_replace (sprout_regex_strings, info, arg->v_string);
  g_mutex_unlock (&sprout_regex_strings_lock);
}

void
sprout_regex_string_plan (SproutCallable *callable, const char *symbol)
{
  if (g_strcmp0 (symbol, "g_regex_match") != 0 &&
      g_strcmp0 (symbol, "g_regex_match_all") != 0)
    return;
  for (guint i = 0; i < callable->n_args; i++) {
    SproutArg *arg = &callable->args[i];
    if (arg->direction == GI_DIRECTION_IN && arg->tag == GI_TYPE_TAG_UTF8 &&
        arg->transfer == GI_TRANSFER_NOTHING) {
      arg->top_level = FALSE; /* a heap copy, not the call's stack */
      arg->release_in = sprout_regex_string_release;
    }
  }
}

void
sprout_regex_string_forget (gpointer match_info)
{
  g_mutex_lock (&sprout_regex_strings_lock);
  if (sprout_regex_strings)
    g_hash_table_remove (sprout_regex_strings, match_info);
  g_mutex_unlock (&sprout_regex_strings_lock);
}
