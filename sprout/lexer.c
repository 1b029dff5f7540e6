/* lexer.c: the JavaScript tokenizer shared by the legacy importer and the ES
 * module loader.
 *
 * How it works: sprout_lexer_next() skips whitespace and comments (noting any
 * line terminator for newline_before and counting lines), then dispatches on
 * the first byte of the token: quotes, backquote, digits, identifier bytes,
 * `#`, `/` and the punctuator table (longest match first). Every read is
 * bounds-checked against the buffer length, so NUL bytes are ordinary bytes and
 * a truncated buffer yields an ERROR token. UTF-8 is not validated (the engine
 * does that): bytes >= 0x80 are identifier characters unless they begin one of
 * the Unicode spaces or line terminators recognised by space_at() and
 * newline_at().
 *
 * Regular expression or division: after each significant token the lexer
 * records whether a `/` there would begin an operand (regexp_ok). Operators and
 * openers allow a regexp; names, literals, `]` and postfix `++`/`--` do not,
 * except keywords that precede expressions (return, typeof, ...) unless they
 * follow `.`. For `)` and `}` the answer depends on the group they close, so
 * the lexer keeps a stack of open groups: a `(` right after if/while/for/with is
 * a condition (a statement, so possibly a regexp, follows its `)`), a `{` in
 * expression position is an object literal (its `}` ends an operand) while one
 * in statement position is a block or body (a statement follows), except the
 * body of a function or class expression (`x = function () {} / 2`), which
 * the lexer recognises from the `function`/`class` keyword's position. To
 * tell a label or case `:` from a ternary one, open `?` are counted per level.
 * The stack also holds each template `${`, so that the `}` closing a
 * substitution resumes the template as a TEMPLATE_MIDDLE or TEMPLATE_TAIL
 * token. Closers pop the stack only when they match its top, so stray closers
 * in invalid code cannot desynchronise template substitutions.
 */
#include "lexer.h"

#include <string.h>

typedef enum {
  SPROUT_GROUP_NONE,
  SPROUT_GROUP_PAREN,
  SPROUT_GROUP_CONDITION, /* ( after if, while, for or with */
  SPROUT_GROUP_BRACKET,
  SPROUT_GROUP_BLOCK,     /* { in statement position */
  SPROUT_GROUP_OBJECT,    /* { in expression position */
  SPROUT_GROUP_EXPR_PARAMS, /* ( of a function expression's parameters */
  SPROUT_GROUP_EXPR_BODY, /* { of a function or class expression's body */
  SPROUT_GROUP_SUBST,     /* ${ of a template literal */
} SproutGroup;

struct _SproutLexer {
  const char *src;
  gsize len;
  gsize pos;
  guint line;
  GArray *groups;            /* (element-type guint8) SproutGroup */
  GArray *questions;         /* (element-type guint) open `?` per level,
                              * one more element than groups */
  gboolean ternary_colon;    /* the last `:` closed a `?` */
  SproutToken prev;          /* last significant token; kind EOF before any */
  gboolean prev_is_property; /* prev is an identifier right after . or ?. */
  gboolean regexp_ok;        /* a `/` here starts a regular expression */
  gboolean function_next;    /* after `function [*] [name]` */
  gboolean function_expr;    /* ... in expression position */
  gboolean async_statement;  /* the last `async` was in statement position */
  gboolean expr_body_next;   /* after a function expression's parameters */
  guint class_expr_depth;    /* group depth + 1 of a class expression head */
  gboolean finished;         /* EOF or ERROR was returned */
  SproutTokenKind final_kind;
};

/* Longest first, so that the first match is the longest one. */
static const char *const punctuators[] = {
  ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=",
  "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=",
  "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>",
  "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%",
  "&", "|", "^", "!", "~", "?", ":", "=", ".", "@",
};

/* Keywords after which an expression (so possibly a regexp) follows; `of` too,
 * but only inside a for head (see is_operator_word()). */
static const char *const operator_words[] = {
  "return", "typeof", "instanceof", "in", "new", "delete", "void",
  "throw", "case", "do", "else", "yield", "await", "extends", NULL,
};

static const char *const condition_words[] = {
  "if", "while", "for", "with", NULL,
};

static guchar
byte_at (const SproutLexer *lx, gsize pos)
{
  return pos < lx->len ? (guchar) lx->src[pos] : 0;
}

/* Length of the line terminator at @pos (\r\n counts as one), or 0. */
static gsize
newline_at (const SproutLexer *lx, gsize pos)
{
  guchar c = byte_at (lx, pos);

  if (pos >= lx->len)
    return 0;
  if (c == '\n')
    return 1;
  if (c == '\r')
    return byte_at (lx, pos + 1) == '\n' ? 2 : 1;
  if (c == 0xE2 && byte_at (lx, pos + 1) == 0x80 &&
      (byte_at (lx, pos + 2) == 0xA8 || byte_at (lx, pos + 2) == 0xA9))
    return 3; /* U+2028, U+2029 */
  return 0;
}

/* Length of the whitespace character (not line terminator) at @pos, or 0. */
static gsize
space_at (const SproutLexer *lx, gsize pos)
{
  guchar c = byte_at (lx, pos), c1 = byte_at (lx, pos + 1);
  guchar c2 = byte_at (lx, pos + 2);

  if (pos >= lx->len)
    return 0;
  if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
    return 1;
  if (c == 0xC2 && c1 == 0xA0) /* U+00A0 */
    return 2;
  if ((c == 0xEF && c1 == 0xBB && c2 == 0xBF) || /* U+FEFF */
      (c == 0xE1 && c1 == 0x9A && c2 == 0x80) || /* U+1680 */
      (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF)) ||
      (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) || /* U+205F */
      (c == 0xE3 && c1 == 0x80 && c2 == 0x80))   /* U+3000 */
    return 3;
  return 0;
}

/* Steps over one byte, or one line terminator (counting the line). */
static void
advance_char (SproutLexer *lx)
{
  gsize n = newline_at (lx, lx->pos);

  if (n > 0)
    lx->line++;
  lx->pos += n > 0 ? n : 1;
}

static gboolean
text_is (const SproutLexer *lx, const SproutToken *tok, const char *text)
{
  gsize n = strlen (text);

  return tok->end - tok->start == n && tok->end <= lx->len &&
         memcmp (lx->src + tok->start, text, n) == 0;
}

static gboolean
text_in (const SproutLexer *lx, const SproutToken *tok,
         const char *const *words)
{
  for (; *words != NULL; words++)
    if (text_is (lx, tok, *words))
      return TRUE;
  return FALSE;
}

/* Trivia */

static void
skip_line_comment (SproutLexer *lx)
{
  while (lx->pos < lx->len && newline_at (lx, lx->pos) == 0)
    lx->pos++;
}

static gboolean
skip_block_comment (SproutLexer *lx, gboolean *newline)
{
  for (lx->pos += 2; lx->pos < lx->len;) {
    if (lx->src[lx->pos] == '*' && byte_at (lx, lx->pos + 1) == '/') {
      lx->pos += 2;
      return TRUE;
    }
    if (newline_at (lx, lx->pos) > 0)
      *newline = TRUE;
    advance_char (lx);
  }
  return FALSE;
}

/* Skips whitespace and comments. On an unterminated comment, fills @token's
 * start and line with the comment's and returns FALSE. */
static gboolean
skip_trivia (SproutLexer *lx, SproutToken *token)
{
  while (lx->pos < lx->len) {
    guchar c = (guchar) lx->src[lx->pos], next = byte_at (lx, lx->pos + 1);
    gsize n;

    if ((n = newline_at (lx, lx->pos)) > 0) {
      token->newline_before = TRUE;
      advance_char (lx);
    } else if ((n = space_at (lx, lx->pos)) > 0) {
      lx->pos += n;
    } else if (c == '/' && next == '/') {
      skip_line_comment (lx);
    } else if (c == '/' && next == '*') {
      token->start = lx->pos;
      token->line = lx->line;
      if (!skip_block_comment (lx, &token->newline_before))
        return FALSE;
    } else {
      break;
    }
  }
  return TRUE;
}

/* Names */

static gboolean
is_id_char_at (const SproutLexer *lx, gsize pos, gboolean first)
{
  guchar c = byte_at (lx, pos);

  if (pos >= lx->len)
    return FALSE;
  if (c >= 0x80)
    return newline_at (lx, pos) == 0 && space_at (lx, pos) == 0;
  if (g_ascii_isalpha (c) || c == '$' || c == '_')
    return TRUE;
  return !first && g_ascii_isdigit (c);
}

/* \uXXXX or \u{X...} at the current position. */
static gboolean
scan_unicode_escape (SproutLexer *lx)
{
  gsize p = lx->pos + 1, digits = 0;

  if (byte_at (lx, p++) != 'u')
    return FALSE;
  if (byte_at (lx, p) == '{') {
    for (p++; g_ascii_isxdigit (byte_at (lx, p)); p++)
      digits++;
    if (digits == 0 || byte_at (lx, p++) != '}')
      return FALSE;
  } else {
    for (; digits < 4; digits++, p++)
      if (!g_ascii_isxdigit (byte_at (lx, p)))
        return FALSE;
  }
  lx->pos = p;
  return TRUE;
}

static SproutTokenKind
scan_identifier (SproutLexer *lx)
{
  for (gboolean first = TRUE;; first = FALSE) {
    if (byte_at (lx, lx->pos) == '\\') {
      if (!scan_unicode_escape (lx)) {
        lx->pos++;
        return SPROUT_TOKEN_ERROR;
      }
    } else if (is_id_char_at (lx, lx->pos, first)) {
      lx->pos++;
    } else {
      return SPROUT_TOKEN_IDENTIFIER;
    }
  }
}

static SproutTokenKind
scan_private_name (SproutLexer *lx)
{
  lx->pos++;
  if (byte_at (lx, lx->pos) != '\\' && !is_id_char_at (lx, lx->pos, TRUE))
    return SPROUT_TOKEN_ERROR;
  if (scan_identifier (lx) == SPROUT_TOKEN_ERROR)
    return SPROUT_TOKEN_ERROR;
  return SPROUT_TOKEN_PRIVATE_NAME;
}

/* Literals */

static gboolean
is_digit_of (guchar c, guint radix)
{
  if (radix == 16)
    return g_ascii_isxdigit (c);
  return c >= '0' && c < '0' + radix;
}

/* Skips digits and separators; returns the number of digits. */
static gsize
skip_digits (SproutLexer *lx, guint radix)
{
  gsize digits = 0;

  for (;; lx->pos++) {
    guchar c = byte_at (lx, lx->pos);
    if (is_digit_of (c, radix))
      digits++;
    else if (c != '_' || lx->pos >= lx->len)
      return digits;
  }
}

static SproutTokenKind
scan_number (SproutLexer *lx)
{
  guchar c = byte_at (lx, lx->pos);
  guchar x = (guchar) g_ascii_tolower (byte_at (lx, lx->pos + 1));
  gboolean integer = TRUE;

  if (c == '0' && (x == 'x' || x == 'o' || x == 'b')) {
    lx->pos += 2;
    if (skip_digits (lx, x == 'x' ? 16 : x == 'o' ? 8 : 2) == 0)
      return SPROUT_TOKEN_ERROR;
  } else {
    if (c != '.')
      skip_digits (lx, 10);
    if (byte_at (lx, lx->pos) == '.') {
      lx->pos++;
      skip_digits (lx, 10);
      integer = FALSE;
    }
    c = byte_at (lx, lx->pos);
    if (c == 'e' || c == 'E') {
      lx->pos++;
      c = byte_at (lx, lx->pos);
      if (c == '+' || c == '-')
        lx->pos++;
      if (skip_digits (lx, 10) == 0)
        return SPROUT_TOKEN_ERROR;
      integer = FALSE;
    }
  }
  if (integer && byte_at (lx, lx->pos) == 'n')
    lx->pos++;
  return SPROUT_TOKEN_NUMBER;
}

static SproutTokenKind
scan_string (SproutLexer *lx)
{
  guchar quote = (guchar) lx->src[lx->pos++];

  while (lx->pos < lx->len) {
    guchar c = (guchar) lx->src[lx->pos];

    if (c == quote) {
      lx->pos++;
      return SPROUT_TOKEN_STRING;
    }
    if (c == '\n' || c == '\r')
      return SPROUT_TOKEN_ERROR;
    if (c == '\\' && ++lx->pos >= lx->len)
      break;
    advance_char (lx); /* line continuations and U+2028/9 count lines */
  }
  return SPROUT_TOKEN_ERROR;
}

/* Scans template characters after ` or }. Returns FALSE if unterminated;
 * sets @subst if the part ends with ${ rather than `. */
static gboolean
scan_template_chars (SproutLexer *lx, gboolean *subst)
{
  while (lx->pos < lx->len) {
    guchar c = (guchar) lx->src[lx->pos];

    if (c == '`' || (c == '$' && byte_at (lx, lx->pos + 1) == '{')) {
      *subst = c == '$';
      lx->pos += *subst ? 2 : 1;
      return TRUE;
    }
    if (c == '\\' && ++lx->pos >= lx->len)
      break;
    advance_char (lx);
  }
  return FALSE;
}

static void
push_group (SproutLexer *lx, SproutGroup group)
{
  guint8 g = (guint8) group;

  guint zero = 0;

  g_array_append_val (lx->groups, g);
  g_array_append_val (lx->questions, zero);
}

static SproutGroup
top_group (const SproutLexer *lx)
{
  if (lx->groups->len == 0)
    return SPROUT_GROUP_NONE;
  return g_array_index (lx->groups, guint8, lx->groups->len - 1);
}

/* Pops the top group if it is @a, @b or @c; returns it, or NONE. */
static SproutGroup
pop_group (SproutLexer *lx, SproutGroup a, SproutGroup b, SproutGroup c)
{
  SproutGroup top = top_group (lx);

  if (top == SPROUT_GROUP_NONE || (top != a && top != b && top != c))
    return SPROUT_GROUP_NONE;
  g_array_set_size (lx->groups, lx->groups->len - 1);
  g_array_set_size (lx->questions, lx->questions->len - 1);
  return top;
}

/* At ` (opening) or at the } closing a substitution (continuation). */
static SproutTokenKind
scan_template (SproutLexer *lx, gboolean continuation)
{
  gboolean subst = FALSE;

  lx->pos++;
  if (!scan_template_chars (lx, &subst))
    return SPROUT_TOKEN_ERROR;
  if (!continuation) {
    if (subst)
      push_group (lx, SPROUT_GROUP_SUBST);
    return SPROUT_TOKEN_TEMPLATE;
  }
  if (subst)
    return SPROUT_TOKEN_TEMPLATE_MIDDLE;
  pop_group (lx, SPROUT_GROUP_SUBST, SPROUT_GROUP_SUBST, SPROUT_GROUP_SUBST);
  return SPROUT_TOKEN_TEMPLATE_TAIL;
}

static SproutTokenKind
scan_regexp (SproutLexer *lx)
{
  gboolean in_class = FALSE;

  for (lx->pos++; lx->pos < lx->len && newline_at (lx, lx->pos) == 0;
       lx->pos++) {
    guchar c = (guchar) lx->src[lx->pos];

    if (c == '\\') {
      lx->pos++;
      if (lx->pos >= lx->len || newline_at (lx, lx->pos) > 0)
        return SPROUT_TOKEN_ERROR;
    } else if (c == '[') {
      in_class = TRUE;
    } else if (c == ']') {
      in_class = FALSE;
    } else if (c == '/' && !in_class) {
      for (lx->pos++; is_id_char_at (lx, lx->pos, FALSE); lx->pos++)
        ;
      return SPROUT_TOKEN_REGEXP;
    }
  }
  return SPROUT_TOKEN_ERROR;
}

static SproutTokenKind
scan_punctuator (SproutLexer *lx)
{
  for (gsize i = 0; i < G_N_ELEMENTS (punctuators); i++) {
    const char *p = punctuators[i];
    gsize n = strlen (p);

    if (n > lx->len - lx->pos || memcmp (lx->src + lx->pos, p, n) != 0)
      continue;
    if (strcmp (p, "?.") == 0 && g_ascii_isdigit (byte_at (lx, lx->pos + 2)))
      continue; /* a ? .5 : b */
    lx->pos += n;
    return SPROUT_TOKEN_PUNCTUATOR;
  }
  lx->pos++;
  return SPROUT_TOKEN_ERROR;
}

static SproutTokenKind
scan_token (SproutLexer *lx)
{
  guchar c = (guchar) lx->src[lx->pos];

  if (c == '}' && top_group (lx) == SPROUT_GROUP_SUBST)
    return scan_template (lx, TRUE);
  if (c == '`')
    return scan_template (lx, FALSE);
  if (c == '"' || c == '\'')
    return scan_string (lx);
  if (g_ascii_isdigit (c) ||
      (c == '.' && g_ascii_isdigit (byte_at (lx, lx->pos + 1))))
    return scan_number (lx);
  if (c == '\\' || is_id_char_at (lx, lx->pos, TRUE))
    return scan_identifier (lx);
  if (c == '#')
    return scan_private_name (lx);
  if (c == '/' && lx->regexp_ok)
    return scan_regexp (lx);
  return scan_punctuator (lx);
}

/* State after each token */

/* Whether identifier @tok, not a property name, is a keyword after which an
 * expression follows. */
static gboolean
is_operator_word (const SproutLexer *lx, const SproutToken *tok)
{
  if (text_is (lx, tok, "of"))
    return top_group (lx) == SPROUT_GROUP_CONDITION;
  return text_in (lx, tok, operator_words);
}

/* Whether @tok, following the previous token, is in statement position (so a
 * `{` opens a block, not an object literal, and `function` or `class` starts
 * a declaration). */
static gboolean
statement_position (const SproutLexer *lx, const SproutToken *tok,
                    gboolean brace)
{
  const SproutToken *p = &lx->prev;

  switch (p->kind) {
  case SPROUT_TOKEN_EOF:
    return TRUE;
  case SPROUT_TOKEN_PUNCTUATOR:
    if (text_is (lx, p, ":")) {
      SproutGroup top = top_group (lx);
      if (lx->ternary_colon)
        return FALSE;
      return top == SPROUT_GROUP_BLOCK || top == SPROUT_GROUP_EXPR_BODY ||
             top == SPROUT_GROUP_NONE;
    }
    if (text_is (lx, p, "=>"))
      return brace;
    return text_is (lx, p, ";") || text_is (lx, p, "{") ||
           text_is (lx, p, "}") || text_is (lx, p, ")");
  case SPROUT_TOKEN_IDENTIFIER:
    if (lx->prev_is_property || text_is (lx, p, "do") ||
        text_is (lx, p, "else"))
      return TRUE;
    if (text_is (lx, p, "return"))
      return tok->newline_before;
    return !is_operator_word (lx, p);
  case SPROUT_TOKEN_TEMPLATE:
    return byte_at (lx, p->end - 1) == '`';
  case SPROUT_TOKEN_TEMPLATE_MIDDLE:
    return FALSE;
  default:
    return TRUE;
  }
}

/* Tracks `?` per group level so that a ternary `:` is told from a label,
 * case or property colon. */
static void
count_ternary (SproutLexer *lx, char c)
{
  guint *open = &g_array_index (lx->questions, guint, lx->questions->len - 1);

  lx->ternary_colon = c == ':' && *open > 0;
  if (c == '?')
    (*open)++;
  else if (lx->ternary_colon)
    (*open)--;
}

static SproutGroup
brace_group (SproutLexer *lx, const SproutToken *tok, gboolean expr_body)
{
  if (expr_body)
    return SPROUT_GROUP_EXPR_BODY;
  if (lx->class_expr_depth == lx->groups->len + 1) {
    lx->class_expr_depth = 0;
    return SPROUT_GROUP_EXPR_BODY;
  }
  return statement_position (lx, tok, TRUE) ? SPROUT_GROUP_BLOCK
                                            : SPROUT_GROUP_OBJECT;
}

static SproutGroup
paren_group (const SproutLexer *lx, gboolean function_params)
{
  if (function_params)
    return lx->function_expr ? SPROUT_GROUP_EXPR_PARAMS : SPROUT_GROUP_PAREN;
  if (lx->prev.kind == SPROUT_TOKEN_IDENTIFIER && !lx->prev_is_property &&
      text_in (lx, &lx->prev, condition_words))
    return SPROUT_GROUP_CONDITION;
  return SPROUT_GROUP_PAREN;
}

/* Updates the group stack for a punctuator; returns whether a regexp may
 * follow it. @function_next and @expr_body_next are the flags set by the
 * previous token. */
static gboolean
apply_punctuator (SproutLexer *lx, const SproutToken *tok,
                  gboolean function_next, gboolean expr_body_next)
{
  gsize n = tok->end - tok->start;
  char c = lx->src[tok->start];

  if (n == 2 && (c == '+' || c == '-') && lx->src[tok->start + 1] == c)
    return FALSE; /* postfix ++ and -- end an operand */
  if (n != 1)
    return TRUE;
  switch (c) {
  case '(':
    push_group (lx, paren_group (lx, function_next));
    return TRUE;
  case '[':
    push_group (lx, SPROUT_GROUP_BRACKET);
    return TRUE;
  case '{':
    push_group (lx, brace_group (lx, tok, expr_body_next));
    return TRUE;
  case '*':
    lx->function_next = function_next; /* function* */
    return TRUE;
  case '?':
  case ':':
    count_ternary (lx, c);
    return TRUE;
  case ')':
    switch (pop_group (lx, SPROUT_GROUP_PAREN, SPROUT_GROUP_CONDITION,
                       SPROUT_GROUP_EXPR_PARAMS)) {
    case SPROUT_GROUP_CONDITION:
      return TRUE;
    case SPROUT_GROUP_EXPR_PARAMS:
      lx->expr_body_next = TRUE;
      return FALSE;
    default:
      return FALSE;
    }
  case ']':
    pop_group (lx, SPROUT_GROUP_BRACKET, SPROUT_GROUP_BRACKET,
               SPROUT_GROUP_BRACKET);
    return FALSE;
  case '}':
    return pop_group (lx, SPROUT_GROUP_BLOCK, SPROUT_GROUP_OBJECT,
                      SPROUT_GROUP_EXPR_BODY) == SPROUT_GROUP_BLOCK;
  default:
    return TRUE;
  }
}

/* Notes `function` and `class` keywords (and a function's name), so that the
 * body of a function or class expression ends an operand. */
static void
apply_word (SproutLexer *lx, const SproutToken *tok, gboolean after_dot,
            gboolean function_next)
{
  if (after_dot)
    return;
  if (function_next) {
    lx->function_next = TRUE; /* the name */
  } else if (text_is (lx, tok, "function")) {
    lx->function_next = TRUE;
    if (text_is (lx, &lx->prev, "async") && !tok->newline_before)
      lx->function_expr = !lx->async_statement;
    else
      lx->function_expr = !statement_position (lx, tok, FALSE);
  } else if (text_is (lx, tok, "async")) {
    lx->async_statement = statement_position (lx, tok, FALSE);
  } else if (text_is (lx, tok, "class") &&
             !statement_position (lx, tok, FALSE)) {
    lx->class_expr_depth = lx->groups->len + 1;
  }
}

static void
update_state (SproutLexer *lx, const SproutToken *tok)
{
  gboolean after_dot = lx->prev.kind == SPROUT_TOKEN_PUNCTUATOR &&
                       (text_is (lx, &lx->prev, ".") ||
                        text_is (lx, &lx->prev, "?."));
  gboolean function_next = lx->function_next;
  gboolean expr_body_next = lx->expr_body_next;

  lx->function_next = lx->expr_body_next = FALSE;
  switch (tok->kind) {
  case SPROUT_TOKEN_IDENTIFIER:
    lx->regexp_ok = !after_dot && is_operator_word (lx, tok);
    apply_word (lx, tok, after_dot, function_next);
    break;
  case SPROUT_TOKEN_PUNCTUATOR:
    lx->regexp_ok = apply_punctuator (lx, tok, function_next, expr_body_next);
    break;
  case SPROUT_TOKEN_TEMPLATE:
    lx->regexp_ok = byte_at (lx, tok->end - 1) == '{';
    break;
  case SPROUT_TOKEN_TEMPLATE_MIDDLE:
    lx->regexp_ok = TRUE;
    break;
  default:
    lx->regexp_ok = FALSE;
    break;
  }
  lx->prev = *tok;
  lx->prev_is_property = tok->kind == SPROUT_TOKEN_IDENTIFIER && after_dot;
}

/* Public API */

/**
 * sprout_lexer_new:
 * @source: (array length=length): UTF-8 source, not necessarily
 *   NUL-terminated; must outlive the lexer
 * @length: length of @source in bytes
 *
 * Returns: (transfer full): a lexer positioned before the first token. A
 *   hashbang line at offset 0 is skipped like a comment.
 */
SproutLexer *
sprout_lexer_new (const char *source, gsize length)
{
  SproutLexer *lx;

  g_return_val_if_fail (source != NULL || length == 0, NULL);

  lx = g_new0 (SproutLexer, 1);
  lx->src = source != NULL ? source : "";
  lx->len = length;
  lx->line = 1;
  lx->groups = g_array_new (FALSE, FALSE, sizeof (guint8));
  lx->questions = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (lx->questions, 1);
  lx->prev.kind = SPROUT_TOKEN_EOF;
  lx->regexp_ok = TRUE;
  if (length >= 2 && source[0] == '#' && source[1] == '!')
    skip_line_comment (lx);
  return lx;
}

void
sprout_lexer_free (SproutLexer *lexer)
{
  if (lexer == NULL)
    return;
  g_array_unref (lexer->groups);
  g_array_unref (lexer->questions);
  g_free (lexer);
}

static gboolean
finish (SproutLexer *lx, SproutToken *token, SproutTokenKind kind)
{
  lx->finished = TRUE;
  lx->final_kind = kind;
  token->kind = kind;
  token->end = lx->pos;
  return FALSE;
}

gboolean
sprout_lexer_next (SproutLexer *lexer, SproutToken *token)
{
  g_return_val_if_fail (lexer != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  memset (token, 0, sizeof *token);
  token->start = lexer->pos;
  token->line = lexer->line;
  if (lexer->finished)
    return finish (lexer, token, lexer->final_kind);
  if (!skip_trivia (lexer, token))
    return finish (lexer, token, SPROUT_TOKEN_ERROR);

  token->start = lexer->pos;
  token->line = lexer->line;
  if (lexer->pos >= lexer->len)
    return finish (lexer, token, SPROUT_TOKEN_EOF);
  token->kind = scan_token (lexer);
  token->end = lexer->pos;
  if (token->kind == SPROUT_TOKEN_ERROR)
    return finish (lexer, token, SPROUT_TOKEN_ERROR);
  update_state (lexer, token);
  return TRUE;
}

gboolean
sprout_token_is (const SproutLexer *lexer, const SproutToken *token,
                 const char *text)
{
  g_return_val_if_fail (lexer != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return text_is (lexer, token, text);
}
