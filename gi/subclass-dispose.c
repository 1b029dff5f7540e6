/* subclass-dispose.c: the dispose of GTypes defined in JS
 * (subclass-private.h).
 *
 * A wrapped object's link must learn when the object is disposed (access to
 * it then warns, as in GJS). A GLib weak reference tells it (gc/toggle.c),
 * which costs about 60 bytes of qdata per object and about a tenth of the
 * time it takes to construct an instance of a JS type. JS types are ours:
 * their class's dispose is sprout_subclass_dispose(), which can tell the
 * link itself.
 *
 * It runs the dispose the type would have had: the closest JS
 * vfunc_dispose of the type's chain (hookVFunc() hands it to
 * sprout_subclass_take_dispose() instead of writing it into the class), or
 * else the first C ancestor's. The C one always chains up to GObject's own
 * dispose, where the weak reference would have fired: once it returns, the
 * object is disposed, and this says so. A JS vfunc_dispose may not chain up
 * (the object then stays undisposed, as in GJS) and chains up to C methods
 * without coming back here, so the objects of a chain with one keep the
 * weak reference (sprout_subclass_notes_dispose() says FALSE). JS code
 * chains up to a JS parent's vfunc_dispose as to any JS method, and C code
 * cannot derive from a JS type, so nothing calls this for a parent class's
 * slot.
 */
#include "subclass-private.h"

#include "toggle.h"

void
sprout_subclass_dispose (GObject *object)
{
  GType level = G_OBJECT_TYPE (object);
  SproutSubclass *subclass;

  for (; (subclass = sprout_subclass_get (level)) != NULL;
       level = g_type_parent (level)) {
    if (subclass->dispose != NULL) {
      subclass->dispose (object); /* a weak reference watches its object */
      return;
    }
  }
  G_OBJECT_CLASS (g_type_class_peek (level))->dispose (object);
  sprout_toggle_note_disposed (object);
}

gboolean
sprout_subclass_notes_dispose (GObject *object)
{
  GType level = G_OBJECT_TYPE (object);
  SproutSubclass *subclass;

  if (G_OBJECT_GET_CLASS (object)->dispose != sprout_subclass_dispose)
    return FALSE;
  for (; (subclass = sprout_subclass_get (level)) != NULL;
       level = g_type_parent (level))
    if (subclass->dispose != NULL)
      return FALSE;
  return TRUE;
}

gboolean
sprout_subclass_take_dispose (GType gtype, gpointer *address,
                              gpointer implementation)
{
  SproutSubclass *subclass = sprout_subclass_get (gtype);
  GObjectClass *klass = g_type_class_peek (gtype);

  if (subclass == NULL || klass == NULL ||
      address != (gpointer *) &klass->dispose ||
      klass->dispose != sprout_subclass_dispose)
    return FALSE;
  subclass->dispose = (void (*) (GObject *)) implementation;
  return TRUE;
}
