/* main.c: the `sprout` command, with gjs-console's command line.
 *
 * Options are read up to the script file name (or up to `-c CODE`); every
 * argument after that belongs to the script (ARGV), as in gjs-console. A few
 * options that gjs-console still honours after the script (-I and the
 * coverage options) are taken with a warning, for compatibility.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "sprout-config.h"

typedef struct {
  GPtrArray *include_path;
  const char *command;
  const char *script;
  gboolean module;
  gboolean help;
  gboolean version;
  gboolean jsversion;
  gboolean profile;
  int first_script_arg;
} SproutCommandLine;

static const char sprout_help[] =
  "Usage:\n"
  "  sprout [OPTION...] [FILE] [ARGUMENTS...]\n"
  "  sprout [OPTION...] -c CODE [ARGUMENTS...]\n"
  "\n"
  "Runs a GJS-compatible JavaScript program on JavaScriptCore.\n"
  "\n"
  "Options:\n"
  "  -c, --command=CODE       Program passed in as a string\n"
  "  -I, --include-path=DIR   Add DIR to the front of imports.searchPath\n"
  "  -m, --module             Run FILE as an ES module\n"
  "  --profile[=FILE]         Accepted for compatibility (no profiler yet)\n"
  "  --version                Print the version and exit\n"
  "  --jsversion              Print the JavaScriptCore version and exit\n"
  "  -h, --help               Show this help and exit\n"
  "\n"
  "Arguments after FILE or CODE are passed to the program in ARGV.\n";

/* Returns the value of an option that takes one (`-I DIR`, `-IDIR`,
 * `--include-path=DIR`, `--include-path DIR`), advancing *i, or NULL. */
static const char *
sprout_option_value (int argc, char **argv, int *i, const char *short_name,
                     const char *long_name, gboolean *matched)
{
  const char *arg = argv[*i];
  gsize long_len = strlen (long_name);

  *matched = FALSE;
  if (short_name && g_str_has_prefix (arg, short_name)) {
    *matched = TRUE;
    if (arg[strlen (short_name)] != '\0')
      return arg + strlen (short_name);
  } else if (strncmp (arg, long_name, long_len) == 0) {
    if (arg[long_len] == '=') {
      *matched = TRUE;
      return arg + long_len + 1;
    }
    if (arg[long_len] != '\0')
      return NULL;
    *matched = TRUE;
  } else {
    return NULL;
  }
  if (*i + 1 >= argc)
    return NULL;
  return argv[++*i];
}

static gboolean
sprout_parse_option (SproutCommandLine *cl, int argc, char **argv, int *i)
{
  const char *arg = argv[*i];
  const char *value;
  gboolean matched;

  if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
    cl->help = TRUE;
  else if (strcmp (arg, "--version") == 0)
    cl->version = TRUE;
  else if (strcmp (arg, "--jsversion") == 0)
    cl->jsversion = TRUE;
  else if (strcmp (arg, "-m") == 0 || strcmp (arg, "--module") == 0)
    cl->module = TRUE;
  else if (strcmp (arg, "--profile") == 0 || g_str_has_prefix (arg, "--profile="))
    cl->profile = TRUE;
  else if ((value = sprout_option_value (argc, argv, i, "-I", "--include-path",
                                         &matched)) || matched) {
    if (value == NULL)
      return FALSE;
    g_ptr_array_add (cl->include_path, (gpointer) value);
  } else if ((value = sprout_option_value (argc, argv, i, "-c", "--command",
                                           &matched)) || matched) {
    if (value == NULL)
      return FALSE;
    cl->command = value;
  } else
    return FALSE;
  return TRUE;
}

static void
sprout_warn_stray_options (SproutCommandLine *cl, int argc, char **argv)
{
  for (int i = cl->first_script_arg; i < argc; i++) {
    const char *arg = argv[i];
    if (g_str_has_prefix (arg, "-I") || g_str_has_prefix (arg, "--include-path")) {
      gboolean matched;
      int j = i;
      const char *dir = sprout_option_value (argc, argv, &j, "-I",
                                             "--include-path", &matched);
      g_warning ("You used the \"--include-path\" option after the script or "
                 "command. It is still added to the search path for "
                 "compatibility, but will be passed to the script in the "
                 "future. Put options before the script.");
      if (dir)
        g_ptr_array_add (cl->include_path, (gpointer) dir);
    } else if (g_str_has_prefix (arg, "--coverage-prefix") ||
               g_str_has_prefix (arg, "--coverage-output")) {
      g_warning ("You used the \"%.17s\" option after the script or command; "
                 "it is ignored there. Put options before the script.", arg);
    }
  }
}

/* Returns FALSE and prints why on a bad command line. */
static gboolean
sprout_parse_command_line (SproutCommandLine *cl, int argc, char **argv)
{
  int i;

  for (i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp (arg, "--") == 0) {
      i++;
      break;
    }
    if (arg[0] != '-' || arg[1] == '\0')
      break;
    if (g_str_has_prefix (arg, "--coverage-") || strcmp (arg, "-d") == 0 ||
        g_str_has_prefix (arg, "--debugger")) {
      g_printerr ("sprout: %s is not supported yet and is ignored\n", arg);
      continue;
    }
    if (!sprout_parse_option (cl, argc, argv, &i)) {
      g_printerr ("sprout: unknown or incomplete option %s\n"
                  "Run 'sprout --help' for the list of options.\n", arg);
      return FALSE;
    }
    if (cl->command)
      break;
  }
  if (cl->command)
    i++;
  else if (i < argc)
    cl->script = argv[i++];
  cl->first_script_arg = i;
  return TRUE;
}

static int
sprout_run (SproutCommandLine *cl, int argc, char **argv)
{
  SproutContext *context; /* lives until _exit() */
  g_autoptr (GPtrArray) script_args = g_ptr_array_new ();
  SproutContextOptions options = { 0 };

  for (int i = cl->first_script_arg; i < argc; i++)
    g_ptr_array_add (script_args, argv[i]);
  g_ptr_array_add (script_args, NULL);
  g_ptr_array_add (cl->include_path, NULL);

  options.program_invocation_name = argv[0];
  options.include_path = (const char *const *) cl->include_path->pdata;
  options.argv = (const char *const *) script_args->pdata;
  context = sprout_context_new (&options);

  if (cl->command)
    return sprout_context_eval_main (context, cl->command, -1, "-c");
  if (cl->script) {
    g_autofree char *base = g_path_get_basename (cl->script);
    g_set_prgname (base);
    return sprout_context_eval_main_file (context, cl->script);
  }
  return sprout_context_run_console (context);
}

int
main (int argc, char **argv)
{
  SproutCommandLine cl = { 0 };
  g_autoptr (GPtrArray) include_path = g_ptr_array_new ();
  int status;

  setlocale (LC_ALL, "");
  g_set_prgname ("sprout");
  cl.include_path = include_path;
  if (!sprout_parse_command_line (&cl, argc, argv))
    return 1;
  if (cl.help) {
    fputs (sprout_help, stdout);
    return 0;
  }
  if (cl.version || cl.jsversion) {
    if (cl.version)
      printf ("Sprout %s\n", SPROUT_VERSION);
    if (cl.jsversion)
      printf ("JavaScriptCore %s\n", SPROUT_JSC_VERSION);
    return 0;
  }
  if (cl.profile)
    g_message ("Profiler is disabled: Sprout does not have a sampling "
               "profiler yet; --profile is ignored.");
  if (cl.module) {
    g_printerr ("sprout: cannot run %s as an ES module: this Sprout build has "
                "no ES module loader yet (it comes with the module-loader "
                "issue); run it as a script without -m\n",
                cl.script ? cl.script : "the program");
    return 2;
  }
  sprout_warn_stray_options (&cl, argc, argv);
  status = sprout_run (&cl, argc, argv);
  /* Leave without tearing the engine down: the OS frees everything faster,
   * and JavaScriptCore's static destructors need not run. */
  fflush (stdout);
  fflush (stderr);
  _exit (status);
}
