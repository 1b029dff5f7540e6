/* marshal-callback.c: marshallers for callbacks (function pointers with user_data and destroy notify). Being written; until then
 * sprout_marshal_callback_init() claims no type, and callables using these
 * types throw "not supported yet" when called. */
#include "arg-cache.h"

gboolean
sprout_marshal_callback_init (SproutArg *arg, GError **error)
{
  return FALSE;
}
