/* marshal-array.c: marshallers for C arrays, GArray, GPtrArray, GByteArray and GStrv. Being written; until then
 * sprout_marshal_array_init() claims no type, and callables using these
 * types throw "not supported yet" when called. */
#include "arg-cache.h"

gboolean
sprout_marshal_array_init (SproutArg *arg, GError **error)
{
  return FALSE;
}
