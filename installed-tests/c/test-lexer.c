/* test-lexer.c: unit tests for the shared JavaScript lexer (sprout/lexer.c).
 *
 * Most tests render the token stream as a compact string, one entry per token
 * ("I:name", "P:=>", "R:/re/g", ...), and compare it with the expected text.
 */
#include "lexer.h"

#include <string.h>

static char
kind_letter (SproutTokenKind kind)
{
  switch (kind) {
  case SPROUT_TOKEN_IDENTIFIER: return 'I';
  case SPROUT_TOKEN_PRIVATE_NAME: return '#';
  case SPROUT_TOKEN_PUNCTUATOR: return 'P';
  case SPROUT_TOKEN_NUMBER: return 'N';
  case SPROUT_TOKEN_STRING: return 'S';
  case SPROUT_TOKEN_TEMPLATE: return 'T';
  case SPROUT_TOKEN_TEMPLATE_MIDDLE: return 'M';
  case SPROUT_TOKEN_TEMPLATE_TAIL: return 'L';
  case SPROUT_TOKEN_REGEXP: return 'R';
  case SPROUT_TOKEN_ERROR: return 'E';
  case SPROUT_TOKEN_EOF: return '$';
  default: return '?';
  }
}

/* Renders all tokens of @source; an ERROR token is rendered as "E" and ends
 * the list, EOF is not rendered. */
static char *
lex_string_len (const char *source, gsize length)
{
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, length);
  GString *out = g_string_new (NULL);
  SproutToken token;
  gboolean more;

  do {
    more = sprout_lexer_next (lexer, &token);
    if (token.kind == SPROUT_TOKEN_EOF)
      break;
    if (out->len > 0)
      g_string_append_c (out, ' ');
    g_string_append_c (out, kind_letter (token.kind));
    if (token.kind != SPROUT_TOKEN_ERROR) {
      g_string_append_c (out, ':');
      g_string_append_len (out, source + token.start,
                           (gssize) (token.end - token.start));
    }
  } while (more);
  return g_string_free (out, FALSE);
}

static char *
lex_string (const char *source)
{
  return lex_string_len (source, strlen (source));
}

#define assert_lex(source, expected)                 \
  G_STMT_START {                                     \
    g_autofree char *lexed_ = lex_string (source);   \
    g_assert_cmpstr (lexed_, ==, expected);          \
  } G_STMT_END

static void
test_identifiers (void)
{
  assert_lex ("foo _bar $baz a1 return", "I:foo I:_bar I:$baz I:a1 I:return");
  assert_lex ("café naïve ünï", "I:café I:naïve I:ünï");
  assert_lex ("\\u0061b a\\u{62}c", "I:\\u0061b I:a\\u{62}c");
  assert_lex ("#priv this.#x", "#:#priv I:this P:. #:#x");
  assert_lex ("\\u00", "E");
  assert_lex ("a\\x", "E");
  assert_lex ("# x", "E");
  assert_lex ("a \x01 b", "I:a E");
}

static void
test_punctuators (void)
{
  assert_lex ("a>>>=b", "I:a P:>>>= I:b");
  assert_lex ("a>>>b>>c<<d", "I:a P:>>> I:b P:>> I:c P:<< I:d");
  assert_lex ("...x", "P:... I:x");
  assert_lex ("a?.b ?? c", "I:a P:?. I:b P:?? I:c");
  assert_lex ("a?\?=b||=c&&=d", "I:a P:?\?= I:b P:||= I:c P:&&= I:d");
  assert_lex ("a**=b**c", "I:a P:**= I:b P:** I:c");
  assert_lex ("x=>x", "I:x P:=> I:x");
  assert_lex ("a===b!==c==d!=e", "I:a P:=== I:b P:!== I:c P:== I:d P:!= I:e");
  assert_lex ("a?.5:1", "I:a P:? N:.5 P:: N:1");
  assert_lex ("a++ + --b", "I:a P:++ P:+ P:-- I:b");
  assert_lex ("{}()[];,<>=~!@", "P:{ P:} P:( P:) P:[ P:] P:; P:, P:< P:>= P:~ P:! P:@");
  assert_lex ("a %= b ^= c |= d &= e", "I:a P:%= I:b P:^= I:c P:|= I:d P:&= I:e");
}

static void
test_numbers (void)
{
  assert_lex ("0x1F 0XaB 0o17 0b101", "N:0x1F N:0XaB N:0o17 N:0b101");
  assert_lex ("1_000_000 1e10 1.5e-3 2E+4", "N:1_000_000 N:1e10 N:1.5e-3 N:2E+4");
  assert_lex (".5 5. 10n 0xFFn 0", "N:.5 N:5. N:10n N:0xFFn N:0");
  assert_lex ("1..toString()", "N:1. P:. I:toString P:( P:)");
  assert_lex ("a.b.5", "I:a P:. I:b N:.5");
  assert_lex ("0x", "E");
  assert_lex ("1e+", "E");
}

static void
test_strings (void)
{
  assert_lex ("'a' \"b\"", "S:'a' S:\"b\"");
  assert_lex ("'it\\'s' \"q\\\"\"", "S:'it\\'s' S:\"q\\\"\"");
  assert_lex ("'\\\\' 'x'", "S:'\\\\' S:'x'");
  assert_lex ("'a\\\nb' c", "S:'a\\\nb' I:c");
  assert_lex ("'a\\\r\nb' c", "S:'a\\\r\nb' I:c");
  assert_lex ("'\\u{1F600}\\x41'", "S:'\\u{1F600}\\x41'");
  assert_lex ("'abc", "E");
  assert_lex ("'ab\ncd'", "E");
  assert_lex ("'ab\\", "E");
}

static void
test_templates (void)
{
  assert_lex ("`plain`", "T:`plain`");
  assert_lex ("`a${b}c${d}e`", "T:`a${ I:b M:}c${ I:d L:}e`");
  assert_lex ("`\\`${'}'}`", "T:`\\`${ S:'}' L:}`");
  assert_lex ("`a${ {x: `b${c}`}.x }d`",
              "T:`a${ P:{ I:x P:: T:`b${ I:c L:}` P:} P:. I:x L:}d`");
  assert_lex ("`${`${`x`}`}`", "T:`${ T:`${ T:`x` L:}` L:}`");
  assert_lex ("`${ function () { return 1 } }`",
              "T:`${ I:function P:( P:) P:{ I:return N:1 P:} L:}`");
  assert_lex ("`$ {a} $`", "T:`$ {a} $`");
  assert_lex ("`line1\nline2` x", "T:`line1\nline2` I:x");
  assert_lex ("`abc", "E");
  assert_lex ("`a${b", "T:`a${ I:b");
  assert_lex ("`a${b}c", "T:`a${ I:b E");
}

static void
test_comments (void)
{
  assert_lex ("a // b\nc", "I:a I:c");
  assert_lex ("a /* b */ c", "I:a I:c");
  assert_lex ("a /* * / ** */ c", "I:a I:c");
  assert_lex ("#!/usr/bin/env gjs\nfoo", "I:foo");
  assert_lex ("#!", "");
  assert_lex ("x #!y", "I:x E");
  assert_lex ("a /* b", "I:a E");
  assert_lex ("a //", "I:a");
  assert_lex ("\xEF\xBB\xBF" "a\xC2\xA0" "b\xE3\x80\x80" "c", "I:a I:b I:c");
}

static void
test_regexps (void)
{
  assert_lex ("x = /re/g", "I:x P:= R:/re/g");
  assert_lex ("a = b / c / d", "I:a P:= I:b P:/ I:c P:/ I:d");
  assert_lex ("if (a) /re/.test(s)",
              "I:if P:( I:a P:) R:/re/ P:. I:test P:( I:s P:)");
  assert_lex ("while (x) /a/g", "I:while P:( I:x P:) R:/a/g");
  assert_lex ("f() / 2", "I:f P:( P:) P:/ N:2");
  assert_lex ("(a) / 2 / 3", "P:( I:a P:) P:/ N:2 P:/ N:3");
  assert_lex ("a[0] / 2", "I:a P:[ N:0 P:] P:/ N:2");
  assert_lex ("x = /[/]\\//i", "I:x P:= R:/[/]\\//i");
  assert_lex ("x = /=/", "I:x P:= R:/=/");
  assert_lex ("a /= 2", "I:a P:/= N:2");
  assert_lex ("return /x/", "I:return R:/x/");
  assert_lex ("typeof /x/", "I:typeof R:/x/");
  assert_lex ("for (x of /a/g) ;", "I:for P:( I:x I:of R:/a/g P:) P:;");
  assert_lex ("of / 2 / 1", "I:of P:/ N:2 P:/ N:1");
  assert_lex ("a.return / 2", "I:a P:. I:return P:/ N:2");
  assert_lex ("x++ / 2", "I:x P:++ P:/ N:2");
  assert_lex ("1 / 2", "N:1 P:/ N:2");
  assert_lex ("'s' / 2", "S:'s' P:/ N:2");
  assert_lex ("`t` / 2", "T:`t` P:/ N:2");
  assert_lex ("/a/ / 2", "R:/a/ P:/ N:2");
  assert_lex ("this / 2", "I:this P:/ N:2");
  assert_lex ("[/a/, /b/]", "P:[ R:/a/ P:, R:/b/ P:]");
  assert_lex ("`${/a/}`", "T:`${ R:/a/ L:}`");
  assert_lex ("x = /abc", "I:x P:= E");
  assert_lex ("x = /a\nb/", "I:x P:= E");
}

static void
test_regexp_after_brace (void)
{
  /* A block or body closed: a statement (so possibly a regexp) follows. */
  assert_lex ("{}\n/foo/.test(s)", "P:{ P:} R:/foo/ P:. I:test P:( I:s P:)");
  assert_lex ("function f() {} /x/", "I:function I:f P:( P:) P:{ P:} R:/x/");
  assert_lex ("if (a) { b } /x/", "I:if P:( I:a P:) P:{ I:b P:} R:/x/");
  assert_lex ("x => {} /y/", "I:x P:=> P:{ P:} R:/y/");
  /* An object literal closed: an operand ended, so a division. */
  assert_lex ("a = {} / 2", "I:a P:= P:{ P:} P:/ N:2");
  assert_lex ("f({x: 1} / 2)", "I:f P:( P:{ I:x P:: N:1 P:} P:/ N:2 P:)");
  assert_lex ("return {a: {b: 1} / 2}",
              "I:return P:{ I:a P:: P:{ I:b P:: N:1 P:} P:/ N:2 P:}");
  assert_lex ("`${ {a: 1} / 2 }`",
              "T:`${ P:{ I:a P:: N:1 P:} P:/ N:2 L:}`");
  assert_lex ("`${a}` / 2", "T:`${ I:a L:}` P:/ N:2");
  /* A ternary colon is not a label. */
  assert_lex ("a ? b : {} / 2", "I:a P:? I:b P:: P:{ P:} P:/ N:2");
  assert_lex ("l: {} /re/", "I:l P:: P:{ P:} R:/re/");
  assert_lex ("l: a ? {} / 2 : {} / 3",
              "I:l P:: I:a P:? P:{ P:} P:/ N:2 P:: P:{ P:} P:/ N:3");
  /* Function and class expressions end an operand, declarations do not. */
  assert_lex ("x = function () {} / 2",
              "I:x P:= I:function P:( P:) P:{ P:} P:/ N:2");
  assert_lex ("x = async function () {} / 2",
              "I:x P:= I:async I:function P:( P:) P:{ P:} P:/ N:2");
  assert_lex ("async function f() {}\n/re/",
              "I:async I:function I:f P:( P:) P:{ P:} R:/re/");
  assert_lex ("[function* g() {} / 2]",
              "P:[ I:function P:* I:g P:( P:) P:{ P:} P:/ N:2 P:]");
  assert_lex ("f => function () { if (a) {} } / 2",
              "I:f P:=> I:function P:( P:) P:{ I:if P:( I:a P:) P:{ P:} P:} "
              "P:/ N:2");
  assert_lex ("x = class extends B { m() {} } / 2",
              "I:x P:= I:class I:extends I:B P:{ I:m P:( P:) P:{ P:} P:} "
              "P:/ N:2");
  assert_lex ("class A { m() {} }\n/re/", "I:class I:A P:{ I:m P:( P:) P:{ P:} P:} R:/re/");
}

static void
test_lines (void)
{
  const char *source = "a\nb\r\nc\rd\xE2\x80\xA8" "e /* x\ny */ f // z\n"
                       "'s\\\nt' `u\nv` g";
  /* a b c d e f 's' `u` g */
  const guint lines[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  const gboolean newlines[] = { FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
                                FALSE, FALSE };
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, strlen (source));
  SproutToken token;
  guint i = 0;

  while (sprout_lexer_next (lexer, &token)) {
    g_assert_cmpuint (i, <, G_N_ELEMENTS (lines));
    g_assert_cmpuint (token.line, ==, lines[i]);
    g_assert_cmpint (token.newline_before, ==, newlines[i]);
    i++;
  }
  g_assert_cmpint (token.kind, ==, SPROUT_TOKEN_EOF);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (lines));
  /* EOF is sticky. */
  g_assert_false (sprout_lexer_next (lexer, &token));
  g_assert_cmpint (token.kind, ==, SPROUT_TOKEN_EOF);
}

static void
test_block_comment_newline (void)
{
  const char *source = "a /* one line */ b /* two\nlines */ c";
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, strlen (source));
  SproutToken token;

  g_assert_true (sprout_lexer_next (lexer, &token));
  g_assert_true (sprout_lexer_next (lexer, &token));
  g_assert_true (sprout_token_is (lexer, &token, "b"));
  g_assert_false (token.newline_before);
  g_assert_true (sprout_lexer_next (lexer, &token));
  g_assert_true (sprout_token_is (lexer, &token, "c"));
  g_assert_true (token.newline_before);
  g_assert_cmpuint (token.line, ==, 2);
}

static void
test_token_is (void)
{
  const char *source = "function  foo";
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, strlen (source));
  SproutToken token;

  g_assert_true (sprout_lexer_next (lexer, &token));
  g_assert_cmpint (token.kind, ==, SPROUT_TOKEN_IDENTIFIER);
  g_assert_cmpuint (token.start, ==, 0);
  g_assert_cmpuint (token.end, ==, 8);
  g_assert_true (sprout_token_is (lexer, &token, "function"));
  g_assert_false (sprout_token_is (lexer, &token, "func"));
  g_assert_false (sprout_token_is (lexer, &token, "functions"));
  g_assert_true (sprout_lexer_next (lexer, &token));
  g_assert_cmpuint (token.start, ==, 10);
  g_assert_true (sprout_token_is (lexer, &token, "foo"));
}

static void
test_nul_bytes (void)
{
  const char source[] = "'a\0b' /* \0 */ x \0 y";
  const SproutTokenKind kinds[] = { SPROUT_TOKEN_STRING,
                                    SPROUT_TOKEN_IDENTIFIER,
                                    SPROUT_TOKEN_ERROR };
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, sizeof source - 1);
  g_autoptr (SproutLexer) empty = sprout_lexer_new (NULL, 0);
  SproutToken token;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++) {
    g_assert_cmpint (sprout_lexer_next (lexer, &token), ==, i < 2);
    g_assert_cmpint (token.kind, ==, kinds[i]);
  }
  g_assert_cmpuint (token.start, ==, 16);
  /* ERROR is sticky. */
  g_assert_false (sprout_lexer_next (lexer, &token));
  g_assert_cmpint (token.kind, ==, SPROUT_TOKEN_ERROR);
  g_assert_false (sprout_lexer_next (empty, &token));
  g_assert_cmpint (token.kind, ==, SPROUT_TOKEN_EOF);
}

/* Lexes @length bytes of @source to the end; checks that the stream ends with
 * EOF or ERROR, that tokens stay inside the buffer and make progress. */
static void
lex_to_end (const char *source, gsize length)
{
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, length);
  SproutToken token;
  gsize last_end = 0;
  guint count = 0;

  while (sprout_lexer_next (lexer, &token)) {
    g_assert_cmpuint (token.start, >=, last_end);
    g_assert_cmpuint (token.end, >, token.start);
    g_assert_cmpuint (token.end, <=, length);
    last_end = token.end;
    g_assert_cmpuint (++count, <=, length);
  }
  g_assert_true (token.kind == SPROUT_TOKEN_EOF ||
                 token.kind == SPROUT_TOKEN_ERROR);
  g_assert_cmpuint (token.end, <=, length);
}

static const char tricky[] =
  "#!/usr/bin/gjs\n'use strict';\nconst {a, b: [c]} = imports.x; /* c\n*/\n"
  "let s = `t${ {k: `n${1 + 2}`}.k }e` + 'q\\'\\\n' + \"\\u{41}\";\n"
  "if (s) /r[/]e\\//gi.test(s); else x = a / b / 2e-3 ?? 0x1Fn;\n"
  "class K { #p = 1; get v() { return this.#p?.x ?.5 : 1; } }\n"
  "for (var i = 0; i < 10; i++) {} /re/.exec(caf\xC3\xA9)\xE2\x80\xA8 z\n";

static void
test_truncations (void)
{
  g_autofree char *lexed = lex_string (tricky);

  /* The whole sample lexes cleanly. */
  g_assert_null (strstr (lexed, " E"));
  for (gsize n = 0; n <= sizeof tricky - 1; n++) {
    /* A heap copy of exactly n bytes, so reading past it would be caught by
     * valgrind or ASan. */
    g_autofree char *copy = g_memdup2 (tricky, n);
    lex_to_end (copy, n);
  }
}

static void
test_fuzz (void)
{
  static const char alphabet[] = "/*`'\"\\${}()[]#!\n\r ax1.=u\xE2\x80\xA8\0";

  for (guint iter = 0; iter < 4000; iter++) {
    gsize n = (gsize) g_test_rand_int_range (0, 64);
    g_autofree char *buffer = g_malloc (n + 1);

    for (gsize i = 0; i < n; i++) {
      if (g_test_rand_bit ())
        buffer[i] = (char) g_test_rand_int_range (0, 256);
      else
        buffer[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
    }
    lex_to_end (buffer, n);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lexer/identifiers", test_identifiers);
  g_test_add_func ("/lexer/punctuators", test_punctuators);
  g_test_add_func ("/lexer/numbers", test_numbers);
  g_test_add_func ("/lexer/strings", test_strings);
  g_test_add_func ("/lexer/templates", test_templates);
  g_test_add_func ("/lexer/comments", test_comments);
  g_test_add_func ("/lexer/regexps", test_regexps);
  g_test_add_func ("/lexer/regexp-after-brace", test_regexp_after_brace);
  g_test_add_func ("/lexer/lines", test_lines);
  g_test_add_func ("/lexer/block-comment-newline", test_block_comment_newline);
  g_test_add_func ("/lexer/token-is", test_token_is);
  g_test_add_func ("/lexer/nul-bytes", test_nul_bytes);
  g_test_add_func ("/lexer/truncations", test_truncations);
  g_test_add_func ("/lexer/fuzz", test_fuzz);

  return g_test_run ();
}
