/* test-script-scan.c: unit tests for the legacy-script declaration scanner
 * (sprout/script-scan.c). Expected names are written as comma-separated
 * lists in source order.
 */
#include "script-scan.h"

#include <gio/gio.h>
#include <string.h>

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++) {
    if (i > 0)
      g_string_append_c (out, ',');
    g_string_append (out, g_ptr_array_index (names, i));
  }
  return g_string_free (out, FALSE);
}

static void
check_scan (const char *source, const char *vars, const char *lexicals)
{
  g_auto (SproutScriptScan) scan = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *got_vars = NULL, *got_lexicals = NULL;

  g_assert_true (sprout_script_scan (source, strlen (source), &scan, &error));
  g_assert_no_error (error);
  got_vars = join_names (scan.vars);
  got_lexicals = join_names (scan.lexicals);
  g_assert_cmpstr (got_vars, ==, vars);
  g_assert_cmpstr (got_lexicals, ==, lexicals);
}

static gsize
prologue_end (const char *source)
{
  g_auto (SproutScriptScan) scan = { 0 };

  g_assert_true (sprout_script_scan (source, strlen (source), &scan, NULL));
  return scan.prologue_end;
}

static void
test_gjs_module_style (void)
{
  check_scan ("// -*- mode: js; -*-\n"
              "var foo = 'This is foo';\n"
              "var bar = 'This is bar';\n"
              "var toString = x => x;\n"
              "function testToString(x) {\n"
              "    var inner = toString(x);\n"
              "    return inner;\n"
              "}\n"
              "const B = imports.mutualImport.b;\n"
              "let count = 0;\n"
              "this.d = 4;\n"
              "function incrementCount() {\n"
              "    count++;\n"
              "}\n",
              "foo,bar,toString,testToString,incrementCount", "B,count");
}

static void
test_nested_functions (void)
{
  check_scan ("function outer() {\n"
              "  var a = 1;\n"
              "  function inner() { var b; }\n"
              "  let c = () => { var d; };\n"
              "}\n"
              "var e = function named() { var f; };\n"
              "(function iife() { var g; })();\n"
              "!function bang() { var h; }();\n"
              "async function af() { var i; }\n"
              "function* gen() { var j; yield 1; }\n"
              "async function* agen() { var k; }\n"
              "function *spaced() {}\n",
              "outer,e,af,gen,agen,spaced", "");
}

static void
test_blocks (void)
{
  check_scan ("if (x) { var y = 1; } else { var z = 2; }\n"
              "{ var block = 3; let notTop = 4; const alsoNot = 5; }\n"
              "try { var t; } catch (e) { var c; } finally { var f; }\n"
              "switch (x) { case 1: var s = 2; break; default: { var d; } }\n"
              "while (x) { var w; }\n"
              "do { var dw; } while (0);\n"
              "label: { var l; }\n"
              "if (x) { function inBlock() {} }\n"
              "if (x) { async function notAsync() {} function* notGen() {} }\n",
              "y,z,block,t,c,f,s,d,w,dw,l,inBlock", "");
  /* Under 'use strict' functions in blocks are block-scoped. */
  check_scan ("'use strict';\nif (x) { function inBlock() {} var v; }\n"
              "function top() {}\n",
              "v,top", "");
}

static void
test_classes (void)
{
  check_scan ("class A extends B {\n"
              "  constructor() { super(); var a1 = 1; }\n"
              "  static s() { var a2; }\n"
              "  get g() { var a3; return 1; }\n"
              "  set g(v) { var a4; }\n"
              "  async am() { var a5; }\n"
              "  *gm() { var a6; }\n"
              "  #priv() { var a7; }\n"
              "  ['comp' + 1]() { var a8; }\n"
              "  field = () => { var a9; };\n"
              "  static { var a10; }\n"
              "}\n"
              "var C = class Named { m() { var c1; } };\n"
              "const D = GObject.registerClass({GTypeName: 'D'},\n"
              "  class D extends GObject.Object { _init() { var d1; } });\n"
              "class E extends mixin({ x() { var e1; } }) { m() { var e2; } }\n"
              "var after = 1;\n",
              "C,after", "A,D,E");
}

static void
test_object_literals (void)
{
  check_scan ("Foo.prototype = {\n"
              "  bar() { var o1; },\n"
              "  get baz() { var o2; return 1; },\n"
              "  set baz(v) { var o3; },\n"
              "  async qux() { var o4; },\n"
              "  *gen() { var o5; },\n"
              "  'quoted'() { var o6; },\n"
              "  [Symbol.iterator]() { var o7; },\n"
              "  plain: function () { var o8; },\n"
              "  arrow: () => { var o9; },\n"
              "  nested: { deep() { var o10; } },\n"
              "};\n"
              "({ m() { var o11; } });\n"
              "var end = { var: 1, let: 2, class: 3, function: 4 };\n"
              "let obj = { if() { var o12; } };\n",
              "end", "obj");
}

static void
test_arrows (void)
{
  check_scan ("arr.forEach(x => { var a1 = x; });\n"
              "arr.map((x, y) => { var a2; return x; });\n"
              "const f = async () => { var a3; };\n"
              "setTimeout(() => {\n  var a4;\n}, 0);\n"
              "var g = x => x * 2, h = (a, b) => ({ a, b });\n",
              "g,h", "f");
}

static void
test_for_heads (void)
{
  check_scan ("for (var i = 0, n = a.length; i < n; i++) {}\n"
              "for (var k in o) {}\n"
              "for (var x of y) { var body; }\n"
              "for (var [p, q] of pairs) {}\n"
              "for (var {r, s: t} of objs) {}\n"
              "for (let notCollected = 0; ;) { break; }\n"
              "for (const c of y) {}\n",
              "i,n,k,x,body,p,q,r,t", "");
}

static void
test_destructuring (void)
{
  check_scan ("var {a, b: c, d = 1, ...e} = o;\n"
              "var [x, , y = 2, ...z] = arr;\n"
              "var {n1: {n2, n3: [n4, {n5}]}, 'str': n6, [key]: n7} = o;\n"
              "var {f1 = function () { var bad; }, f2 = {x: 1}} = o;\n"
              "let {l1, l2: [l3]} = o, [l4] = arr;\n"
              "const [c1, {c2}] = arr;\n",
              "a,c,d,e,x,y,z,n2,n4,n5,n6,n7,f1,f2", "l1,l3,l4,c1,c2");
}

static void
test_initializers (void)
{
  check_scan ("var a = f(1, 2), b;\n"
              "var c = [1, [2, 3]], d = {x: {y: 1}}, e = `t${ {z: 1}.z }`;\n"
              "var g = /re,[/]/g.test(s) ? x / 2 : y, h = function () {\n"
              "  var notMe = 1, notMeEither;\n"
              "}, i = class { m() { var nope; } };\n"
              "var j = a ? b : c, k = (1, 2);\n"
              "var l = `${`${1}`}`, m;\n",
              "a,b,c,d,e,g,h,i,j,k,l,m", "");
}

static void
test_asi (void)
{
  check_scan ("var a = 1\n"
              "var b = a\n"
              "  + 2\n"
              "let c = b\n"
              "const d = [1, 2]\n"
              "var e = d\n"
              "  [0]\n"
              "var f = function () {}\n"
              "function g() {}\n"
              "var h = x\n"
              "++y\n"
              "var i\n"
              "var j = 2\n"
              "class K {}\n"
              "var l = 3\n"
              "let m\n",
              "a,b,e,f,g,h,i,j,l", "c,d,K,m");
  /* A list ends at the `}` of the enclosing block. */
  check_scan ("if (x) { var a = 1 } var b", "a,b", "");
}

static void
test_not_declarations (void)
{
  check_scan ("let = 5;\n"
              "let.foo = 1;\n"
              "x = function f() {};\n"
              "y = class C {};\n"
              "obj.var = 1; obj.let = 2; obj.function = 3; obj.class = 4;\n"
              "z = a ? function t() {} : null;\n"
              "callIt(function u() {}, class V {});\n"
              "w = new function W() {};\n"
              "return_ = typeof function T() {};\n"
              "a ? b : function tern() {};\n"
              "a ? b : { m() { var inMethod; } };\n",
              "", "");
}

static void
test_dedup_and_escapes (void)
{
  check_scan ("var a = 1; var a = 2; function a() {}\n"
              "var \\u0062c = 1; var \\u{64} = 2; var caf\xC3\xA9 = 3;\n",
              "a,bc,d,caf\xC3\xA9", "");
}

static void
test_prologue (void)
{
  const char *s1 = "'use strict';\nvar x;";
  const char *s2 = "// comment\n\"use strict\"; 'other';  // c\nvar x;";
  const char *s3 = "'use strict'\nvar x;";

  g_assert_cmpuint (prologue_end (s1), ==, strlen ("'use strict';"));
  g_assert_cmpuint (prologue_end (s2), ==,
                    strlen ("// comment\n\"use strict\"; 'other';"));
  g_assert_cmpuint (prologue_end (s3), ==, strlen ("'use strict'"));
  g_assert_cmpuint (prologue_end ("'use strict'"), ==, strlen ("'use strict'"));
  g_assert_cmpuint (prologue_end ("var x = 'use strict';"), ==, 0);
  g_assert_cmpuint (prologue_end ("'abc'.length;"), ==, 0);
  g_assert_cmpuint (prologue_end ("'a'\n+ 'b';"), ==, 0);
  g_assert_cmpuint (prologue_end ("'a';\n'b' + c;"), ==, strlen ("'a';"));
  g_assert_cmpuint (prologue_end (""), ==, 0);
  g_assert_cmpuint (prologue_end ("#!/usr/bin/gjs\n'use strict';"), ==,
                    strlen ("#!/usr/bin/gjs\n'use strict';"));
  check_scan ("'use strict';\nvar a;\nconst b = 1;", "a", "b");
}

static void
test_errors (void)
{
  const char *bad[] = {
    "var a = 'unterminated\n", "var b = `tpl", "/* comment", "var c = \\x;",
    "var d = 1;\nvar e = #;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_auto (SproutScriptScan) scan = { 0 };
    g_autoptr (GError) error = NULL;

    g_assert_false (sprout_script_scan (bad[i], strlen (bad[i]), &scan, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (scan.vars);
    g_assert_null (scan.lexicals);
  }
}

static const char sample[] =
  "#!/usr/bin/env gjs\n'use strict';\n"
  "const {GLib, Gio} = imports.gi;\n"
  "var Foo = GObject.registerClass(class Foo extends X { m() { var q; } });\n"
  "function f(a, {b} = {}) { return `x${a}y${ {b}.b }` / 2; }\n"
  "var [p, , r = /x[/]/g] = f(1)\nlet s = p ? {a: 1} : [2]\n"
  "for (var i in o) if (i) /re/.test(i); else { var j = i / 2; }\n";

/* Scanning must neither crash nor misbehave on truncated or random input. */
static void
test_robustness (void)
{
  check_scan (sample, "Foo,f,p,r,i,j", "GLib,Gio,s");
  for (gsize n = 0; n <= sizeof sample - 1; n++) {
    g_auto (SproutScriptScan) scan = { 0 };
    g_autofree char *copy = g_memdup2 (sample, n);

    if (sprout_script_scan (copy, n, &scan, NULL))
      g_assert_cmpuint (scan.prologue_end, <=, n);
  }
  for (guint iter = 0; iter < 3000; iter++) {
    static const char alphabet[] = "var let const function class x = , ; { } "
                                   "( ) [ ] => / ` ${ '\n";
    gsize n = (gsize) g_test_rand_int_range (0, 96);
    g_autofree char *buffer = g_malloc (n + 1);
    g_auto (SproutScriptScan) scan = { 0 };

    for (gsize i = 0; i < n; i++)
      buffer[i] = g_test_rand_int_range (0, 4) == 0
                    ? (char) g_test_rand_int_range (0, 256)
                    : alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
    if (sprout_script_scan (buffer, n, &scan, NULL))
      g_assert_nonnull (scan.vars);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/script-scan/gjs-module-style", test_gjs_module_style);
  g_test_add_func ("/script-scan/nested-functions", test_nested_functions);
  g_test_add_func ("/script-scan/blocks", test_blocks);
  g_test_add_func ("/script-scan/classes", test_classes);
  g_test_add_func ("/script-scan/object-literals", test_object_literals);
  g_test_add_func ("/script-scan/arrows", test_arrows);
  g_test_add_func ("/script-scan/for-heads", test_for_heads);
  g_test_add_func ("/script-scan/destructuring", test_destructuring);
  g_test_add_func ("/script-scan/initializers", test_initializers);
  g_test_add_func ("/script-scan/asi", test_asi);
  g_test_add_func ("/script-scan/not-declarations", test_not_declarations);
  g_test_add_func ("/script-scan/dedup-and-escapes", test_dedup_and_escapes);
  g_test_add_func ("/script-scan/prologue", test_prologue);
  g_test_add_func ("/script-scan/errors", test_errors);
  g_test_add_func ("/script-scan/robustness", test_robustness);

  return g_test_run ();
}
