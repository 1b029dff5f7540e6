/* script-scan.c: finds the top-level declarations of a legacy script.
 *
 * How it works: one pass over the lexer's tokens keeps a stack of open scopes
 * (blocks, function bodies, class bodies, object literals, parentheses,
 * parameter lists, brackets, template substitutions). The function depth is
 * the number of function and class bodies on the stack; declarations are
 * collected only where it is 0. A `{` opens a function body when it follows
 * `=>` or the `)` of a parameter list; a `(` opens a parameter list after
 * `function [*] [name]`, or directly inside a class body or object literal
 * after a method name (identifier, string, number, #name or computed `]`). A
 * `{` at the depth of a pending `class` head opens a class body, and `static {`
 * inside one opens a static block (a body). Other braces are blocks in
 * statement position and object literals in expression position.
 *
 * `var`, `let` and `const` start a small recursive-descent parse of the binding
 * list: identifiers and destructuring patterns are recorded, initializers and
 * defaults are skipped as balanced token runs (nothing inside an expression
 * declares anything at this level). A list ends at `,`-less boundaries: `;`, a
 * closer of the enclosing group, `in`/`of` of a for head, or a line break
 * where ASI applies (the previous token ends an operand and the next one cannot
 * continue the expression). Function and class names are recorded when the
 * keyword is in statement position (not a function or class expression).
 *
 * The directive prologue is found first, by a separate look at the first
 * tokens: under 'use strict', function declarations inside blocks are
 * block-scoped, so only those outside any block are collected; in sloppy
 * scripts (Annex B) plain (not async or generator) functions in blocks are
 * collected too.
 */
#include "script-scan.h"

#include "lexer.h"

#include <gio/gio.h>
#include <string.h>

typedef enum {
  SPROUT_SCOPE_NONE,
  SPROUT_SCOPE_BLOCK,    /* statement block, switch body */
  SPROUT_SCOPE_FUNCTION, /* function, method, arrow or static block body */
  SPROUT_SCOPE_CLASS,    /* class body */
  SPROUT_SCOPE_OBJECT,   /* object literal */
  SPROUT_SCOPE_PAREN,
  SPROUT_SCOPE_PARAMS,   /* parameter list: a `{` right after it is a body */
  SPROUT_SCOPE_BRACKET,
  SPROUT_SCOPE_SUBST,    /* template substitution */
} SproutScope;

/* Where names go; a NULL names array means "parse but do not record". */
typedef struct {
  GPtrArray *names;
  GHashTable *seen;
} SproutNameList;

typedef struct {
  SproutLexer *lexer;
  const char *source;
  SproutToken tok;          /* last consumed token; kind EOF before any */
  SproutToken prev, prev2;  /* the two tokens before it */
  SproutToken peeked;
  gboolean has_peek;
  gboolean failed;          /* the lexer returned ERROR */
  GArray *scopes;           /* (element-type guint8) SproutScope */
  GArray *questions;        /* (element-type guint) open `?` per level, one
                             * more element than scopes */
  gboolean ternary_colon;   /* the last `:` closed a `?` */
  guint function_depth;     /* FUNCTION and CLASS scopes on the stack */
  gboolean body_next;       /* a `{` now opens a function body */
  gboolean params_next;     /* after `function`: a `(` now opens parameters */
  gboolean declare_function; /* the name after `function` is a declaration */
  gboolean strict;          /* functions in blocks are block-scoped */
  guint class_head;         /* stack depth + 1 of a pending class head, or 0 */
  SproutNameList vars;
  SproutNameList lexicals;
} SproutScanner;

/* Keywords after which an expression follows. */
static const char *const operator_words[] = {
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
  "throw", "case", "yield", "await", "extends", NULL,
};

/* Keywords whose `(` is not a parameter list. */
static const char *const statement_words[] = {
  "if", "for", "while", "switch", "catch", "with", NULL,
};

/* Tokens */

static gboolean
is_punct (const SproutLexer *lexer, const SproutToken *t, const char *text)
{
  return t->kind == SPROUT_TOKEN_PUNCTUATOR && sprout_token_is (lexer, t, text);
}

static gboolean
is_word (const SproutLexer *lexer, const SproutToken *t, const char *text)
{
  return t->kind == SPROUT_TOKEN_IDENTIFIER && sprout_token_is (lexer, t, text);
}

static gboolean
word_in (const SproutLexer *lexer, const SproutToken *t,
         const char *const *words)
{
  for (; *words != NULL; words++)
    if (is_word (lexer, t, *words))
      return TRUE;
  return FALSE;
}

static gboolean
is_template_head (const char *source, const SproutToken *t)
{
  return t->kind == SPROUT_TOKEN_TEMPLATE && source[t->end - 1] == '{';
}

/* +1 for an opener, -1 for a closer, 0 otherwise. */
static int
group_delta (const char *source, const SproutToken *t)
{
  if (is_template_head (source, t))
    return 1;
  if (t->kind == SPROUT_TOKEN_TEMPLATE_TAIL)
    return -1;
  if (t->kind != SPROUT_TOKEN_PUNCTUATOR || t->end - t->start != 1)
    return 0;
  switch (source[t->start]) {
  case '(': case '[': case '{':
    return 1;
  case ')': case ']': case '}':
    return -1;
  default:
    return 0;
  }
}

/* Whether @t ends an operand, so that a line break after it may end the
 * statement. */
static gboolean
ends_expression (const SproutLexer *lexer, const SproutToken *t)
{
  switch (t->kind) {
  case SPROUT_TOKEN_IDENTIFIER:
    return !word_in (lexer, t, operator_words);
  case SPROUT_TOKEN_PUNCTUATOR:
    return is_punct (lexer, t, ")") || is_punct (lexer, t, "]") ||
           is_punct (lexer, t, "}") || is_punct (lexer, t, "++") ||
           is_punct (lexer, t, "--");
  case SPROUT_TOKEN_TEMPLATE_MIDDLE:
    return FALSE;
  default:
    return TRUE; /* literals; callers rule out template heads */
  }
}

/* Whether @t, after a line break, continues the expression before it. */
static gboolean
continues_expression (const SproutLexer *lexer, const SproutToken *t)
{
  switch (t->kind) {
  case SPROUT_TOKEN_PUNCTUATOR:
    return !is_punct (lexer, t, "{") && !is_punct (lexer, t, "!") &&
           !is_punct (lexer, t, "~") && !is_punct (lexer, t, "++") &&
           !is_punct (lexer, t, "--") && !is_punct (lexer, t, "...") &&
           !is_punct (lexer, t, "@");
  case SPROUT_TOKEN_TEMPLATE:
    return TRUE; /* a tagged template */
  case SPROUT_TOKEN_IDENTIFIER:
    return is_word (lexer, t, "in") || is_word (lexer, t, "instanceof");
  default:
    return FALSE;
  }
}

/* Token stream */

static const SproutToken *
peek (SproutScanner *sc)
{
  if (!sc->has_peek) {
    if (!sprout_lexer_next (sc->lexer, &sc->peeked) &&
        sc->peeked.kind == SPROUT_TOKEN_ERROR)
      sc->failed = TRUE;
    sc->has_peek = TRUE;
  }
  return &sc->peeked;
}

static gboolean
at_end (SproutScanner *sc)
{
  SproutTokenKind kind = peek (sc)->kind;

  return kind == SPROUT_TOKEN_EOF || kind == SPROUT_TOKEN_ERROR;
}

/* Consumes the next token; FALSE at EOF or ERROR (nothing consumed). */
static gboolean
advance (SproutScanner *sc)
{
  if (at_end (sc))
    return FALSE;
  sc->has_peek = FALSE;
  sc->prev2 = sc->prev;
  sc->prev = sc->tok;
  sc->tok = sc->peeked;
  return TRUE;
}

static gboolean
peek_is (SproutScanner *sc, const char *text)
{
  return is_punct (sc->lexer, peek (sc), text);
}

/* Names */

static void
append_escape (GString *out, const char **p, const char *end)
{
  gunichar c = 0;
  gboolean braced = *p < end && **p == '{';
  int digits = 0;

  for (*p += braced; *p < end && g_ascii_isxdigit (**p); (*p)++) {
    c = c * 16 + (gunichar) g_ascii_xdigit_value (**p);
    if (c > 0x10FFFF)
      c = 0x110000;
    if (++digits == 4 && !braced) {
      (*p)++;
      break;
    }
  }
  if (braced && *p < end && **p == '}')
    (*p)++;
  g_string_append_unichar (out, g_unichar_validate (c) ? c : 0xFFFD);
}

/* The name of identifier token @t, with \u escapes decoded. */
static char *
identifier_name (const char *source, const SproutToken *t)
{
  const char *p = source + t->start, *end = source + t->end;
  GString *out;

  if (memchr (p, '\\', t->end - t->start) == NULL)
    return g_strndup (p, t->end - t->start);
  out = g_string_new (NULL);
  while (p < end) {
    if (*p == '\\' && p + 1 < end && p[1] == 'u') {
      p += 2;
      append_escape (out, &p, end);
    } else {
      g_string_append_c (out, *p++);
    }
  }
  return g_string_free (out, FALSE);
}

static void
add_name (SproutScanner *sc, SproutNameList *list, const SproutToken *t)
{
  char *name;

  if (list == NULL || list->names == NULL)
    return;
  name = identifier_name (sc->source, t);
  if (g_hash_table_contains (list->seen, name)) {
    g_free (name);
    return;
  }
  g_hash_table_add (list->seen, name);
  g_ptr_array_add (list->names, g_strdup (name));
}

/* Scopes */

static SproutScope
top_scope (const SproutScanner *sc)
{
  if (sc->scopes->len == 0)
    return SPROUT_SCOPE_NONE;
  return g_array_index (sc->scopes, guint8, sc->scopes->len - 1);
}

static void
push_scope (SproutScanner *sc, SproutScope scope)
{
  guint8 s = (guint8) scope;
  guint zero = 0;

  g_array_append_val (sc->scopes, s);
  g_array_append_val (sc->questions, zero);
  if (scope == SPROUT_SCOPE_FUNCTION || scope == SPROUT_SCOPE_CLASS)
    sc->function_depth++;
}

/* Pops the top scope if it is one of @a, @b, @c, @d; returns it, or NONE. */
static SproutScope
pop_scope (SproutScanner *sc, SproutScope a, SproutScope b, SproutScope c,
           SproutScope d)
{
  SproutScope top = top_scope (sc);

  if (top == SPROUT_SCOPE_NONE || (top != a && top != b && top != c && top != d))
    return SPROUT_SCOPE_NONE;
  g_array_set_size (sc->scopes, sc->scopes->len - 1);
  g_array_set_size (sc->questions, sc->questions->len - 1);
  if (top == SPROUT_SCOPE_FUNCTION || top == SPROUT_SCOPE_CLASS)
    sc->function_depth--;
  return top;
}

/* Whether the token after @before (that is @after) starts a statement: true at
 * the start, after `;`, braces, `)`, a label or case colon, and after an
 * operand (ASI); false after operators, openers and a ternary `:`. */
static gboolean
statement_position (SproutScanner *sc, const SproutToken *before,
                    const SproutToken *after)
{
  SproutLexer *lx = sc->lexer;
  SproutScope top;

  switch (before->kind) {
  case SPROUT_TOKEN_EOF:
    return TRUE;
  case SPROUT_TOKEN_PUNCTUATOR:
    if (is_punct (lx, before, ":")) {
      if (sc->ternary_colon)
        return FALSE;
      top = top_scope (sc);
      return top == SPROUT_SCOPE_NONE || top == SPROUT_SCOPE_BLOCK ||
             top == SPROUT_SCOPE_FUNCTION;
    }
    return is_punct (lx, before, ";") || is_punct (lx, before, "{") ||
           ends_expression (lx, before);
  case SPROUT_TOKEN_IDENTIFIER:
    if (is_word (lx, before, "return"))
      return after->newline_before;
    return !word_in (lx, before, operator_words);
  case SPROUT_TOKEN_TEMPLATE:
    return !is_template_head (sc->source, before);
  case SPROUT_TOKEN_TEMPLATE_MIDDLE:
    return FALSE;
  default:
    return TRUE;
  }
}

/* Declarations */

static gboolean parse_binding (SproutScanner *sc, SproutNameList *list);

/* After an opener: consumes tokens through its matching closer. */
static void
skip_group (SproutScanner *sc)
{
  for (guint depth = 1; depth > 0 && advance (sc);) {
    int delta = group_delta (sc->source, &sc->tok);
    if (delta > 0)
      depth++;
    else if (delta < 0)
      depth--;
  }
}

/* Skips an initializer or default value, up to (not including) a `,` `;` or
 * closer at its own level, or, if @asi, a line break where ASI applies. */
static void
skip_expression (SproutScanner *sc, gboolean asi)
{
  SproutToken last = sc->tok;

  while (!at_end (sc)) {
    const SproutToken *t = peek (sc);
    int delta = group_delta (sc->source, t);

    if (delta < 0 || t->kind == SPROUT_TOKEN_TEMPLATE_MIDDLE ||
        is_punct (sc->lexer, t, ",") || is_punct (sc->lexer, t, ";"))
      return;
    if (asi && t->newline_before && ends_expression (sc->lexer, &last) &&
        !continues_expression (sc->lexer, t))
      return;
    advance (sc);
    if (delta > 0)
      skip_group (sc);
    last = sc->tok;
  }
}

static void
skip_default (SproutScanner *sc)
{
  if (peek_is (sc, "=") && advance (sc))
    skip_expression (sc, FALSE);
}

static gboolean
at_pattern_end (SproutScanner *sc, const char *closer)
{
  const SproutToken *t = peek (sc);

  if (is_punct (sc->lexer, t, closer)) {
    advance (sc);
    return TRUE;
  }
  return at_end (sc) || group_delta (sc->source, t) < 0 ||
         t->kind == SPROUT_TOKEN_TEMPLATE_MIDDLE;
}

/* After `{` of an object pattern: {a, b: c, [k]: d = 1, 'e': f, ...g} */
static void
parse_object_pattern (SproutScanner *sc, SproutNameList *list)
{
  while (!at_pattern_end (sc, "}")) {
    SproutToken key;

    if (peek_is (sc, ",") || peek_is (sc, "...")) {
      advance (sc);
      continue;
    }
    advance (sc);
    key = sc->tok;
    if (group_delta (sc->source, &key) > 0)
      skip_group (sc); /* computed key */
    if (peek_is (sc, ":") && advance (sc))
      parse_binding (sc, list);
    else if (key.kind == SPROUT_TOKEN_IDENTIFIER)
      add_name (sc, list, &key);
    skip_default (sc);
  }
}

/* After `[` of an array pattern: [a, , b = 1, [c], ...d] */
static void
parse_array_pattern (SproutScanner *sc, SproutNameList *list)
{
  while (!at_pattern_end (sc, "]")) {
    if (peek_is (sc, ",") || peek_is (sc, "...")) {
      advance (sc);
    } else if (parse_binding (sc, list)) {
      skip_default (sc);
    } else {
      advance (sc);
      if (group_delta (sc->source, &sc->tok) > 0)
        skip_group (sc);
    }
  }
}

/* An identifier or a destructuring pattern; FALSE (nothing consumed) if the
 * next token starts neither. */
static gboolean
parse_binding (SproutScanner *sc, SproutNameList *list)
{
  const SproutToken *t = peek (sc);

  if (t->kind == SPROUT_TOKEN_IDENTIFIER) {
    advance (sc);
    add_name (sc, list, &sc->tok);
  } else if (is_punct (sc->lexer, t, "{")) {
    advance (sc);
    parse_object_pattern (sc, list);
  } else if (is_punct (sc->lexer, t, "[")) {
    advance (sc);
    parse_array_pattern (sc, list);
  } else {
    return FALSE;
  }
  return TRUE;
}

/* After var/let/const: binding [= initializer] {, binding [= initializer]} */
static void
parse_binding_list (SproutScanner *sc, SproutNameList *list)
{
  do {
    if (!parse_binding (sc, list))
      return;
    if (peek_is (sc, "=") && advance (sc))
      skip_expression (sc, TRUE);
  } while (peek_is (sc, ",") && advance (sc));
}

static gboolean
starts_binding (SproutScanner *sc, const SproutToken *t)
{
  if (t->kind == SPROUT_TOKEN_IDENTIFIER)
    return !is_word (sc->lexer, t, "in") && !is_word (sc->lexer, t, "instanceof");
  return is_punct (sc->lexer, t, "{") || is_punct (sc->lexer, t, "[");
}

static void
handle_lexical (SproutScanner *sc, gboolean is_let)
{
  SproutNameList skip = { NULL, NULL };

  if (sc->function_depth > 0 || !starts_binding (sc, peek (sc)))
    return;
  if (is_let && !statement_position (sc, &sc->prev, &sc->tok))
    return;
  parse_binding_list (sc, sc->scopes->len == 0 ? &sc->lexicals : &skip);
}

static void
handle_function (SproutScanner *sc)
{
  const SproutToken *t = peek (sc), *before = &sc->prev, *after = &sc->tok;
  gboolean is_async = is_word (sc->lexer, before, "async") &&
                      !after->newline_before;

  if (t->kind != SPROUT_TOKEN_IDENTIFIER && !is_punct (sc->lexer, t, "(") &&
      !is_punct (sc->lexer, t, "*"))
    return; /* a property named function */
  if (is_async) {
    after = before;
    before = &sc->prev2;
  }
  sc->params_next = TRUE;
  /* In blocks, only sloppy plain functions are var-scoped (Annex B). */
  sc->declare_function = sc->function_depth == 0 &&
                         (sc->scopes->len == 0 || (!sc->strict && !is_async)) &&
                         statement_position (sc, before, after);
}

static void
handle_class (SproutScanner *sc)
{
  const SproutToken *t = peek (sc);

  if (t->kind != SPROUT_TOKEN_IDENTIFIER && !is_punct (sc->lexer, t, "{"))
    return; /* a property named class */
  sc->class_head = sc->scopes->len + 1;
  if (t->kind == SPROUT_TOKEN_IDENTIFIER && !is_word (sc->lexer, t, "extends") &&
      sc->scopes->len == 0 && statement_position (sc, &sc->prev, &sc->tok))
    add_name (sc, &sc->lexicals, t);
}

static void
handle_word (SproutScanner *sc, gboolean params_next)
{
  SproutLexer *lx = sc->lexer;

  if (params_next) { /* the name of a function */
    if (sc->declare_function)
      add_name (sc, &sc->vars, &sc->tok);
    sc->declare_function = FALSE;
    sc->params_next = TRUE;
    return;
  }
  if (is_punct (lx, &sc->prev, ".") || is_punct (lx, &sc->prev, "?."))
    return;
  if (is_word (lx, &sc->tok, "var")) {
    if (sc->function_depth == 0 && starts_binding (sc, peek (sc)))
      parse_binding_list (sc, &sc->vars);
  } else if (is_word (lx, &sc->tok, "let")) {
    handle_lexical (sc, TRUE);
  } else if (is_word (lx, &sc->tok, "const")) {
    handle_lexical (sc, FALSE);
  } else if (is_word (lx, &sc->tok, "function")) {
    handle_function (sc);
  } else if (is_word (lx, &sc->tok, "class")) {
    handle_class (sc);
  }
}

/* Structure */

static gboolean
paren_opens_params (SproutScanner *sc)
{
  const SproutToken *p = &sc->prev;
  SproutScope top = top_scope (sc);

  if (top != SPROUT_SCOPE_OBJECT && top != SPROUT_SCOPE_CLASS)
    return FALSE;
  switch (p->kind) {
  case SPROUT_TOKEN_IDENTIFIER:
    return !word_in (sc->lexer, p, statement_words);
  case SPROUT_TOKEN_STRING:
  case SPROUT_TOKEN_NUMBER:
  case SPROUT_TOKEN_PRIVATE_NAME:
    return TRUE;
  default:
    return is_punct (sc->lexer, p, "]");
  }
}

static SproutScope
brace_scope (SproutScanner *sc, gboolean body_next)
{
  if (body_next)
    return SPROUT_SCOPE_FUNCTION;
  if (sc->class_head == sc->scopes->len + 1) {
    sc->class_head = 0;
    return SPROUT_SCOPE_CLASS;
  }
  if (top_scope (sc) == SPROUT_SCOPE_CLASS && is_word (sc->lexer, &sc->prev, "static"))
    return SPROUT_SCOPE_FUNCTION;
  return statement_position (sc, &sc->prev, &sc->tok) ? SPROUT_SCOPE_BLOCK
                                                      : SPROUT_SCOPE_OBJECT;
}

/* Tracks `?` per scope level so that a ternary `:` is told from a label,
 * case or property colon. */
static void
count_ternary (SproutScanner *sc, char c)
{
  guint *open = &g_array_index (sc->questions, guint, sc->questions->len - 1);

  sc->ternary_colon = c == ':' && *open > 0;
  if (c == '?')
    (*open)++;
  else if (sc->ternary_colon)
    (*open)--;
}

static void
handle_punctuator (SproutScanner *sc, gboolean body_next, gboolean params_next)
{
  if (sc->tok.end - sc->tok.start == 2 && is_punct (sc->lexer, &sc->tok, "=>")) {
    sc->body_next = TRUE;
    return;
  }
  if (sc->tok.end - sc->tok.start != 1)
    return;
  switch (sc->source[sc->tok.start]) {
  case '(':
    push_scope (sc, params_next || paren_opens_params (sc) ? SPROUT_SCOPE_PARAMS
                                                           : SPROUT_SCOPE_PAREN);
    break;
  case '[':
    push_scope (sc, SPROUT_SCOPE_BRACKET);
    break;
  case '{':
    push_scope (sc, brace_scope (sc, body_next));
    break;
  case ')':
    sc->body_next = pop_scope (sc, SPROUT_SCOPE_PAREN, SPROUT_SCOPE_PARAMS,
                               SPROUT_SCOPE_PAREN, SPROUT_SCOPE_PAREN) ==
                    SPROUT_SCOPE_PARAMS;
    break;
  case ']':
    pop_scope (sc, SPROUT_SCOPE_BRACKET, SPROUT_SCOPE_BRACKET,
               SPROUT_SCOPE_BRACKET, SPROUT_SCOPE_BRACKET);
    break;
  case '}':
    pop_scope (sc, SPROUT_SCOPE_BLOCK, SPROUT_SCOPE_FUNCTION,
               SPROUT_SCOPE_CLASS, SPROUT_SCOPE_OBJECT);
    break;
  case '?':
  case ':':
    count_ternary (sc, sc->source[sc->tok.start]);
    break;
  case '*': /* function* */
    sc->params_next = params_next;
    if (sc->scopes->len > 0)
      sc->declare_function = FALSE;
    break;
  default:
    break;
  }
}

static void
handle_token (SproutScanner *sc)
{
  gboolean body_next = sc->body_next, params_next = sc->params_next;

  sc->body_next = sc->params_next = FALSE;
  switch (sc->tok.kind) {
  case SPROUT_TOKEN_PUNCTUATOR:
    handle_punctuator (sc, body_next, params_next);
    break;
  case SPROUT_TOKEN_IDENTIFIER:
    handle_word (sc, params_next);
    break;
  case SPROUT_TOKEN_TEMPLATE:
    if (is_template_head (sc->source, &sc->tok))
      push_scope (sc, SPROUT_SCOPE_SUBST);
    break;
  case SPROUT_TOKEN_TEMPLATE_TAIL:
    pop_scope (sc, SPROUT_SCOPE_SUBST, SPROUT_SCOPE_SUBST, SPROUT_SCOPE_SUBST,
               SPROUT_SCOPE_SUBST);
    break;
  default:
    break;
  }
}

/* Directive prologue */

/* Returns the end of the directive prologue; sets @strict if it holds a
 * 'use strict' directive. */
static gsize
find_prologue_end (const char *source, gsize length, gboolean *strict)
{
  g_autoptr (SproutLexer) lexer = sprout_lexer_new (source, length);
  SproutToken t, next;
  gsize end = 0;

  *strict = FALSE;
  sprout_lexer_next (lexer, &t);
  while (t.kind == SPROUT_TOKEN_STRING) {
    gboolean use_strict = sprout_token_is (lexer, &t, "'use strict'") ||
                          sprout_token_is (lexer, &t, "\"use strict\"");

    sprout_lexer_next (lexer, &next);
    if (is_punct (lexer, &next, ";")) {
      *strict |= use_strict;
      end = next.end;
      sprout_lexer_next (lexer, &t);
    } else if (next.kind == SPROUT_TOKEN_EOF ||
               (next.kind != SPROUT_TOKEN_ERROR && next.newline_before &&
                !continues_expression (lexer, &next))) {
      *strict |= use_strict;
      end = t.end;
      t = next;
    } else {
      break;
    }
  }
  return end;
}

/* Public API */

static void
name_list_init (SproutNameList *list)
{
  list->names = g_ptr_array_new_with_free_func (g_free);
  list->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sprout_script_scan_clear:
 * @scan: a scan result, zero-initialized or filled by sprout_script_scan()
 *
 * Frees the name arrays and resets @scan to zeros.
 */
void
sprout_script_scan_clear (SproutScriptScan *scan)
{
  g_return_if_fail (scan != NULL);

  g_clear_pointer (&scan->vars, g_ptr_array_unref);
  g_clear_pointer (&scan->lexicals, g_ptr_array_unref);
  scan->prologue_end = 0;
}

/**
 * sprout_script_scan:
 * @source: (array length=length): UTF-8 script source
 * @length: length of @source in bytes
 * @scan: (out caller-allocates): zero-initialized or cleared result
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, with both arrays of @scan set (possibly empty).
 */
gboolean
sprout_script_scan (const char *source, gsize length, SproutScriptScan *scan,
                    GError **error)
{
  SproutScanner sc = { 0 };
  gsize prologue_end;
  gboolean ok;

  g_return_val_if_fail (source != NULL || length == 0, FALSE);
  g_return_val_if_fail (scan != NULL && scan->vars == NULL &&
                        scan->lexicals == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  prologue_end = find_prologue_end (source, length, &sc.strict);
  sc.lexer = sprout_lexer_new (source, length);
  sc.source = source;
  sc.scopes = g_array_new (FALSE, FALSE, sizeof (guint8));
  sc.questions = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (sc.questions, 1);
  name_list_init (&sc.vars);
  name_list_init (&sc.lexicals);

  while (advance (&sc))
    handle_token (&sc);
  ok = !sc.failed;
  if (ok) {
    scan->vars = g_steal_pointer (&sc.vars.names);
    scan->lexicals = g_steal_pointer (&sc.lexicals.names);
    scan->prologue_end = prologue_end;
  } else {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "Cannot tokenize script: unterminated or invalid token at "
                 "line %u", sc.peeked.line);
  }

  g_clear_pointer (&sc.vars.names, g_ptr_array_unref);
  g_clear_pointer (&sc.lexicals.names, g_ptr_array_unref);
  g_hash_table_unref (sc.vars.seen);
  g_hash_table_unref (sc.lexicals.seen);
  g_array_unref (sc.scopes);
  g_array_unref (sc.questions);
  sprout_lexer_free (sc.lexer);
  return ok;
}
