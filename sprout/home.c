/* home.c: context liveness records (home.h). */
#include "home.h"

#include "context.h"
#include "js-util.h"

static SproutHome *sprout_current_home;
static JSClassRef sprout_home_class;

SproutHome *
sprout_home_ref (SproutHome *home)
{
  g_atomic_ref_count_inc (&home->ref_count);
  return home;
}

void
sprout_home_unref (SproutHome *home)
{
  if (g_atomic_ref_count_dec (&home->ref_count))
    g_free (home);
}

/* Runs when the context's VM is destroyed; must not call JSC. */
static void
sprout_home_finalize (JSObjectRef token)
{
  SproutHome *home = JSObjectGetPrivate (token);

  g_atomic_int_set (&home->alive, FALSE);
  if (sprout_current_home == home)
    sprout_current_home = NULL;
  sprout_home_unref (home);
}

static SproutHome *
sprout_home_new (JSGlobalContextRef global)
{
  g_autoptr (SproutJSString) description = sprout_js_string_new ("sprout home");
  SproutHome *home = g_new0 (SproutHome, 1);
  JSObjectRef token;

  if (sprout_home_class == NULL) {
    JSClassDefinition definition = kJSClassDefinitionEmpty;
    definition.className = "SproutHome";
    definition.finalize = sprout_home_finalize;
    sprout_home_class = JSClassCreate (&definition);
  }
  g_atomic_ref_count_init (&home->ref_count); /* the token's */
  home->alive = TRUE;
  home->ctx = global;
  token = JSObjectMake (global, sprout_home_class, home);
  JSObjectSetPropertyForKey (global, JSContextGetGlobalObject (global),
                             JSValueMakeSymbol (global, description), token,
                             kJSPropertyAttributeDontEnum |
                               kJSPropertyAttributeDontDelete |
                               kJSPropertyAttributeReadOnly,
                             NULL);
  return home;
}

SproutHome *
sprout_home_ref_for (JSContextRef ctx)
{
  JSGlobalContextRef global = JSContextGetGlobalContext (ctx);

  if (sprout_current_home == NULL || sprout_current_home->ctx != global)
    sprout_current_home = sprout_home_new (global);
  return sprout_home_ref (sprout_current_home);
}

gboolean
sprout_home_usable (SproutHome *home)
{
  SproutContext *context;

  if (!g_atomic_int_get (&home->alive))
    return FALSE;
  context = sprout_context_from_js (home->ctx);
  return context != NULL && sprout_context_get_js (context) == home->ctx;
}
