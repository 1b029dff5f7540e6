/* sprout-jasmine.c: runs one jasmine spec file on Sprout and prints TAP.
 *
 *   sprout-jasmine [--resource FILE]... [-I DIR]... SPEC.js [-m]
 *
 * Like GJS's minijasmine: it makes a context whose search path holds jasmine
 * (jasmine-core from npm) and this runner's own module, imports that module
 * (which installs jasmine's globals and a TAP reporter), evaluates the spec
 * file as a script in the global scope, starts jasmine and runs the main
 * context until the reporter says jasmine is done. --resource registers a
 * .gresource bundle first (the GJS suite keeps its helper modules in one).
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "context.h"
#include "js-util.h"
#include "sprout-config.h"

static int runner_status = -1;

static JSValueRef
runner_done (JSContextRef ctx, JSObjectRef function, JSObjectRef self,
             size_t argc, const JSValueRef argv[], JSValueRef *exception)
{
  if (runner_status < 0) {
    runner_status = argc > 0 ? (int) JSValueToNumber (ctx, argv[0], NULL) : 0;
    sprout_context_release (sprout_context_from_js (ctx));
  }
  return JSValueMakeUndefined (ctx);
}

static gboolean
runner_register_resource (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GResource) resource = g_resource_load (path, &error);

  if (resource == NULL) {
    printf ("Bail out! Cannot load resource %s: %s\n", path, error->message);
    return FALSE;
  }
  g_resources_register (resource);
  return TRUE;
}

static const char *
runner_jasmine_dir (void)
{
  const char *dir = g_getenv ("SPROUT_JASMINE_DIR");
  return dir && *dir ? dir : SPROUT_JASMINE_DIR;
}

static int
runner_fail (SproutContext *context, JSValueRef exception, const char *what)
{
  g_autofree char *text =
    sprout_js_value_describe (sprout_context_get_js (context), exception);
  printf ("Bail out! %s: %s\n", what, text);
  sprout_context_log_exception (sprout_context_get_js (context), exception,
                                what, G_LOG_LEVEL_WARNING);
  return 1;
}

static int
runner_run (const char *spec, GPtrArray *include_path)
{
  g_autoptr (SproutContext) context = NULL;
  SproutContextOptions options = { 0 };
  JSContextRef ctx;
  JSValueRef exception = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length;

  g_ptr_array_insert (include_path, 0, "resource:///org/gnome/sprout/jasmine");
  g_ptr_array_insert (include_path, 1, (gpointer) runner_jasmine_dir ());
  g_ptr_array_add (include_path, NULL);
  options.include_path = (const char *const *) include_path->pdata;
  context = sprout_context_new (&options);
  ctx = sprout_context_get_js (context);
  sprout_js_define_function (ctx, JSContextGetGlobalObject (ctx),
                             "__sproutRunnerDone", runner_done);

  if (!sprout_js_evaluate (ctx, "imports.minijasmine", -1, "<jasmine>", 1,
                           &exception))
    return runner_fail (context, exception, "Cannot start jasmine");
  if (!g_file_get_contents (spec, &contents, &length, &error)) {
    printf ("Bail out! %s\n", error->message);
    return 1;
  }
  /* As under GJS's minijasmine, a spec is not the program:
   * System.programPath stays null. */
  if (!sprout_js_evaluate (ctx, contents, (gssize) length, spec, 1,
                           &exception))
    return runner_fail (context, exception, "Exception in spec file");

  sprout_context_hold (context);
  if (!sprout_js_evaluate (ctx, "imports.minijasmine.execute()", -1,
                           "<jasmine-start>", 1, &exception))
    return runner_fail (context, exception, "Cannot run jasmine");
  /* Only until jasmine is done: a source a spec leaves behind must not keep
   * the runner going (or hang it). */
  while (runner_status < 0)
    g_main_context_iteration (NULL, TRUE);
  return runner_status;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) include_path = g_ptr_array_new ();
  const char *spec = NULL;
  gboolean module = FALSE;

  setlocale (LC_ALL, "");
  g_set_prgname ("sprout-jasmine");
  for (int i = 1; i < argc; i++) {
    if (strcmp (argv[i], "--resource") == 0 && i + 1 < argc) {
      if (!runner_register_resource (argv[++i]))
        return 1;
    } else if (strcmp (argv[i], "-I") == 0 && i + 1 < argc) {
      g_ptr_array_add (include_path, argv[++i]);
    } else if (strcmp (argv[i], "-m") == 0) {
      module = TRUE;
    } else if (spec == NULL) {
      spec = argv[i];
    } else {
      printf ("Bail out! Unexpected argument %s\n", argv[i]);
      return 1;
    }
  }
  if (spec == NULL) {
    printf ("Bail out! Usage: sprout-jasmine [--resource FILE]... "
            "[-I DIR]... SPEC.js [-m]\n");
    return 1;
  }
  if (module) {
    printf ("Bail out! %s is an ES module spec; this Sprout build has no ES "
            "module loader yet\n", spec);
    return 1;
  }
  return runner_run (spec, include_path);
}
