/* subclass-private.h: what subclass.c and subclass-props.c share about
 * GTypes defined in JS. */
#pragma once

#include <glib-object.h>
#include <JavaScriptCore/JavaScript.h>

#include "home.h"
#include "subclass.h"

G_BEGIN_DECLS

typedef struct {
  GType gtype;
  SproutHome *home;  /* ref */
  JSObjectRef klass; /* protected: classes live as long as their type */
  /* _instance_init() as the class's prototype chain had it when the class
   * was registered (protected), or NULL: looked up once, not per object. */
  JSObjectRef instance_init;
  GPtrArray *pspecs; /* installed by class_init, then cleared */
  GArray *ifaces;    /* the GTypes of Implements */
  /* The type's own JS vfunc_dispose, or NULL: subclass-dispose.c. */
  void (*dispose) (GObject *object);
} SproutSubclass;

/* The record of the JS type @gtype itself, or NULL. */
SproutSubclass *sprout_subclass_get (GType gtype);

/* The construction under way, or NULL. */
SproutConstruction *sprout_subclass_construction_top (void);

/* The context to run JS in for instances of @gtype, or NULL if it is gone;
 * *@home (may be NULL) is set to its home. */
JSContextRef sprout_subclass_context (GType gtype, SproutHome **home);

/* subclass-dispose.c: the GObjectClass dispose of JS types, which tells
 * their links of the disposal (instead of a weak reference) where it can:
 * sprout_subclass_notes_dispose() says for which objects. */
void sprout_subclass_dispose (GObject *object);
gboolean sprout_subclass_notes_dispose (GObject *object);

/* subclass-props.c: the GObjectClass set_property/get_property of JS
 * types. */
void sprout_subclass_set_property (GObject *object, guint id,
                                   const GValue *value, GParamSpec *pspec);
void sprout_subclass_get_property (GObject *object, guint id, GValue *value,
                                   GParamSpec *pspec);

/* subclass-props.c: adds pspecIndex, setPropertyHook, valueOfType and
 * overrideProperty to imports._gi. */
void sprout_subclass_props_define (JSContextRef ctx, JSObjectRef module);

G_END_DECLS
