/* Rich documents: item bodies written in CommonMark, parsed (libcmark) into a
 * flat list of blocks with styled text. Pure: nothing here draws. */
#ifndef QF_RICHDOC_H
#define QF_RICHDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- The block model ---------------------------------------------------- */

/* Inline styles of a span; they combine. */
enum {
    RICHDOC_STRONG = 1u << 0,
    RICHDOC_EMPH = 1u << 1,
    RICHDOC_CODE = 1u << 2, /* code span */
    RICHDOC_LINK = 1u << 3, /* link text (the URL is dropped) */
};

enum richdoc_kind {
    RICHDOC_PARAGRAPH,  /* also a further paragraph of a list item */
    RICHDOC_ITEM,       /* the first paragraph of a list item; has a marker */
    RICHDOC_HEADING,
    RICHDOC_CODE_BLOCK, /* plain text, lines kept */
    RICHDOC_RULE,       /* thematic break */
    RICHDOC_IMAGE,      /* text is the alt text, src the picture */
};

/* Text [start, start + len) of a block in one style. A block's spans cover
 * its text in order, without gaps or overlaps. */
struct richdoc_span {
    size_t start, len;
    unsigned style;
};

/* Containers recorded around a block, outermost first. */
#define RICHDOC_NEST_MAX 8

struct richdoc_nest {
    bool quote;  /* block quote; else a list */
    unsigned id; /* which container: blocks in the same quote or list share it */
};

struct richdoc_block {
    enum richdoc_kind kind;
    int level;            /* heading level 1..6 */
    int list_depth;       /* lists around the block (0: none) */
    int quote_depth;      /* block quotes around the block (0: none) */
    bool ordered;         /* item of an ordered list */
    bool tight;           /* inside a tight list: items sit close together */
    char marker[24];      /* item: "1." or "3)" (the list's start respected),
                           * or a bullet "•" "◦" "▪" by bullet depth */
    char *text;           /* UTF-8, NUL-terminated, never NULL; '\n' is a hard break */
    struct richdoc_span *spans;
    size_t n_spans;
    char *src;            /* image: its path or URL as written; NULL otherwise */
    size_t n_nest;        /* min(list_depth + quote_depth, RICHDOC_NEST_MAX) */
    struct richdoc_nest nest[RICHDOC_NEST_MAX];
};

struct richdoc {
    struct richdoc_block *blocks;
    size_t n_blocks;
    unsigned n_ids;       /* container ids are 0 .. n_ids - 1 */
};

/* Largest Markdown input accepted, in bytes. */
#define RICHDOC_INPUT_MAX (1u << 20)

/* Parses CommonMark markdown (NUL-terminated) into out. Paragraphs, headings,
 * list items, code blocks, thematic breaks and images become blocks; block
 * quotes and lists are recorded on the blocks inside them. Inline:
 * strong, emphasis, code and link text become spans (link URLs are dropped);
 * a soft line break becomes nothing next to a CJK character and a space
 * between other characters; a hard break becomes '\n'. An image alone in a
 * paragraph becomes an image block; images inside text are moved to image
 * blocks after their paragraph. HTML blocks and inline HTML are dropped (the
 * text between inline tags stays), control characters are dropped, tabs
 * become spaces. Returns 0, or -1 for NULL, invalid UTF-8, input longer than
 * RICHDOC_INPUT_MAX or no memory (out is then empty). "" gives no blocks.
 * Free with richdoc_free. */
int richdoc_parse(const char *markdown, struct richdoc *out);
void richdoc_free(struct richdoc *doc);

#endif
