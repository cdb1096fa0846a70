/* Markdown source files with a front-matter header, as editors write them:
 *
 *   ---
 *   title: 收受礼金案
 *   tags: [警示, 礼金]
 *   # a comment
 *   ---
 *   The CommonMark body...
 *
 * Header lines are "key: value" (a full-width "：" also works); blank lines
 * and lines starting with "#" are skipped; a value may be wrapped in "..."
 * (with \" and \\ inside). The parser knows nothing about what keys mean:
 * feed_build.c gives them meaning. Messages come from the catalogue in
 * msg.h, in the language of the diag list they are added to:
 *   "<file>:<line>: field \"<key>\": <what is wrong>; <what to do>". */
#ifndef QF_FRONTMATTER_H
#define QF_FRONTMATTER_H

#include <stddef.h>

#include "core/msg.h" /* struct diag */

struct fm_field {
    char *key;
    char *value; /* trimmed; without the quotes when the whole value was quoted */
    char *raw;   /* trimmed text after the colon, quotes kept (for lists) */
    int line;    /* 1-based line in the file */
};

struct frontmatter {
    struct fm_field *fields;
    size_t n_fields;
    char *body;    /* the text after the closing "---" (CR LF turned into LF) */
    int body_line; /* line number of the body's first line */
};

/* Parses a whole file held in `text`. `name` names the file in messages.
 * `keys` is a NULL-terminated list of allowed keys (NULL allows any).
 * A UTF-8 byte-order mark and CR LF line ends are accepted.
 * Adds one message per problem to `errs` (invalid UTF-8 names its line;
 * missing or unclosed header, a line that is not "key: value", an unknown
 * or repeated key, an unclosed quote). Returns 0 when it added none, -1
 * otherwise. `out` must be zeroed; free it with frontmatter_free either way. */
int frontmatter_parse(const char *text, size_t len, const char *name, const char *const *keys,
                      struct frontmatter *out, struct diag *errs);

/* The field with this key, or NULL. */
const struct fm_field *frontmatter_get(const struct frontmatter *fm, const char *key);

void frontmatter_free(struct frontmatter *fm);

/* Splits a list value: "[a, b]", "a, b, c", "a，b、c" (full-width comma and
 * 、 separate too). Items are trimmed, "..." quotes removed (a quoted item
 * may hold a comma), empty items dropped. Sets *items (free with
 * frontmatter_free_list) and *n. Returns 0, or -1 when out of memory. */
int frontmatter_split_list(const char *value, char ***items, size_t *n);
void frontmatter_free_list(char **items, size_t n);

/* True when `len` bytes at `s` are valid UTF-8 without NUL bytes; otherwise
 * false with the offset of the first bad byte in *bad (may be NULL). */
int utf8_is_valid(const char *s, size_t len, size_t *bad);

#endif
