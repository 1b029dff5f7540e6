/* lexer.h: the one JavaScript lexer of Sprout, shared by the legacy importer
 * (which must know a script's top-level declarations) and the ES module loader
 * (which rewrites import/export in place).
 *
 * The lexer is a pull tokenizer over a UTF-8 buffer. It never allocates per
 * token: a token is a kind plus byte offsets into the caller's buffer. It knows
 * enough of the grammar to tell a regular expression literal from a division
 * (from the previous significant token and, for `)` and `}`, the token that
 * opened the group), to lex template literals with nested `${ }` substitutions,
 * and to report whether a line terminator preceded a token (for ASI decisions).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SPROUT_TOKEN_EOF,
  SPROUT_TOKEN_IDENTIFIER,    /* identifiers and keywords (incl. escapes) */
  SPROUT_TOKEN_PRIVATE_NAME,  /* #name */
  SPROUT_TOKEN_PUNCTUATOR,    /* operators and ( ) [ ] { } ; , . ... => etc. */
  SPROUT_TOKEN_NUMBER,
  SPROUT_TOKEN_STRING,
  SPROUT_TOKEN_TEMPLATE,      /* a whole template literal without substitutions,
                               * or its head `...${ */
  SPROUT_TOKEN_TEMPLATE_MIDDLE, /* }...${ */
  SPROUT_TOKEN_TEMPLATE_TAIL, /* }...` */
  SPROUT_TOKEN_REGEXP,
  SPROUT_TOKEN_ERROR,         /* unterminated string/comment/template/regexp,
                               * or a byte that starts no token */
} SproutTokenKind;

typedef struct {
  SproutTokenKind kind;
  gsize start;               /* byte offset of the first byte */
  gsize end;                 /* byte offset one past the last byte */
  guint line;                /* 1-based line of the first byte */
  gboolean newline_before;   /* a line terminator (or a comment holding one)
                              * separates this token from the previous one */
} SproutToken;

typedef struct _SproutLexer SproutLexer;

SproutLexer *sprout_lexer_new (const char *source, gsize length);
void sprout_lexer_free (SproutLexer *lexer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SproutLexer, sprout_lexer_free)

/* Fills @token with the next token. Returns FALSE at EOF or on an ERROR token
 * (the token is still filled in, with kind EOF or ERROR). */
gboolean sprout_lexer_next (SproutLexer *lexer, SproutToken *token);

/* TRUE if @token's text equals the NUL-terminated @text. */
gboolean sprout_token_is (const SproutLexer *lexer, const SproutToken *token,
                          const char *text);

G_END_DECLS
