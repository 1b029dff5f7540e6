/* marshal-list.c: marshallers for GList, GSList and GHashTable. Being written; until then
 * sprout_marshal_list_init() claims no type, and callables using these
 * types throw "not supported yet" when called. */
#include "arg-cache.h"

gboolean
sprout_marshal_list_init (SproutArg *arg, GError **error)
{
  return FALSE;
}
