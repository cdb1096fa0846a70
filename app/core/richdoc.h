/* Rich documents: item bodies written in CommonMark, parsed (libcmark) into a
 * flat list of blocks with styled text, then laid out for drawing with the
 * product's own line breaking (layout.c: UAX #14 + kinsoku), each piece
 * measured in its own face. Pure: glyph metrics and picture sizes come from
 * the caller, nothing here draws. */
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
    int line;             /* image: the line of its "![" in the Markdown, from 1
                           * (cmark's count: a link destination or title that
                           * spans lines earlier in the paragraph is not
                           * counted); 0 for other blocks */
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

/* ---- Layout ------------------------------------------------------------- */

enum richdoc_face {
    RICHDOC_FACE_SANS, /* body: a CJK sans regular */
    RICHDOC_FACE_BOLD, /* headings and strong */
    RICHDOC_FACE_KAI,  /* emphasis and block quotes: Kai instead of italics */
};

/* The face a span of style in block b is set in: headings bold; quotes in
 * Kai; strong bold; emphasis Kai; code spans and code blocks sans. */
enum richdoc_face richdoc_face_of(const struct richdoc_block *b, unsigned style);

struct richdoc_metrics {
    void *ctx;
    /* Advance width in pixels of utf8[0..len) (whole code points, NOT
     * NUL-terminated) in face at px. Required. */
    int (*measure)(void *ctx, enum richdoc_face face, int px, const char *utf8, size_t len);
    /* True when face has a glyph for cp. Optional: NULL counts nothing missing. */
    bool (*has_glyph)(void *ctx, enum richdoc_face face, uint32_t cp);
    /* The largest size in pixels picture src may be shown at (its natural
     * size; any size with the right aspect for pictures that scale freely).
     * Returns false when it cannot be shown: a placeholder is laid out.
     * Optional: NULL treats every picture as missing. */
    bool (*image_size)(void *ctx, const char *src, int *w, int *h);
};

struct richdoc_params {
    int width;       /* pixels; every line, picture and mark stays in [0, width) */
    int base_px;     /* body text size at scale 1 */
    float scale;     /* multiplies every text size and spacing: 1, or 1.35 for large print */
    int max_image_h; /* tallest picture in pixels; 0: three quarters of width */
    int max_height;  /* stop before this height and leave room for a note; 0: no limit */
};

/* A piece of one line set in one face: bytes [start, start + len) of the
 * block's text, drawn with its left edge at x (pixels from the left of the
 * document). w is its measured advance. */
struct richdoc_run {
    size_t start, len;
    int x, w;
    enum richdoc_face face;
    unsigned style;
};

struct richdoc_line {
    size_t block;
    int x, y;        /* left edge of the first run; top of the line's em box */
    int w;           /* from x to the end of the last run (after justification) */
    int px;          /* font size */
    size_t first_run, n_runs;
    bool centered;   /* a caption, centred under its picture or in its placeholder */
};

enum richdoc_mark_kind {
    RICHDOC_MARK_BULLET,  /* the hanging area of an item's first line; depth = list depth */
    RICHDOC_MARK_NUMBER,  /* the same for ordered items: the block's marker, right-aligned */
    RICHDOC_MARK_HEADING, /* h1: a short rule under it; h2: a square before it */
    RICHDOC_MARK_QUOTE,   /* a block quote's area: a bar along its left edge; depth = quote depth */
    RICHDOC_MARK_CODE,    /* the background of a code block */
    RICHDOC_MARK_RULE,    /* a thematic break, centred in the box */
    RICHDOC_MARK_IMAGE,   /* a picture's box, or its placeholder when missing */
};

struct richdoc_mark {
    enum richdoc_mark_kind kind;
    size_t block;
    int x, y, w, h;
    int px;          /* size of the text the mark goes with */
    int depth;
    bool missing;    /* image: image_size said it cannot be shown */
};

struct richdoc_layout {
    struct richdoc_line *lines;
    size_t n_lines;
    struct richdoc_run *runs;  /* lines[i] owns runs[first_run .. first_run + n_runs) */
    size_t n_runs;
    struct richdoc_mark *marks;
    size_t n_marks;
    int height;                /* total height in pixels, note included */
    bool truncated;            /* max_height was reached: the rest is left out */
    int note_y, note_h;        /* truncated: the room for a note at the bottom */
    size_t n_missing;          /* characters without a glyph in their face */
    uint32_t first_missing;
    enum richdoc_face first_missing_face;
};

/* Lays doc out for a column of params->width pixels. Sizes (pixels at scale
 * 1, multiplied by scale): body base_px; headings h1 1.5x, h2 1.3x, h3 1.12x;
 * code 0.88x; captions 0.85x. Lines break like layout_lines (UAX #14 with
 * kinsoku), measuring each run in its own face, so no line is wider than the
 * space it has, apart from a single character wider than that space. Body
 * lines that do not end a paragraph are justified (extra space next to CJK
 * characters and spaces, as text.c does); list items hang their marker in
 * the indent; quotes indent behind their bar; pictures are fitted to the
 * width and max_image_h without being enlarged, centred, with their alt text
 * as a caption (inside the box when the picture is missing). Returns 0, or
 * -1 for NULL arguments, width or base_px <= 0, a scale that is not a
 * positive finite number, or no memory. Free with richdoc_layout_free. */
int richdoc_layout(const struct richdoc *doc, const struct richdoc_metrics *m, const struct richdoc_params *p,
                   struct richdoc_layout *out);
void richdoc_layout_free(struct richdoc_layout *lo);

#endif
