/* Text layout for CJK and mixed text: UAX #14 line breaking (libunibreak)
 * with kinsoku rules, auto-fit between a maximum and a minimum size, and
 * pagination of what still does not fit. Pure: glyph metrics come from the
 * caller through layout_font_ops. */
#ifndef QF_LAYOUT_H
#define QF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct layout_font_ops {
    void *ctx;
    /* Advance width in pixels of utf8[0..len) at px_size. */
    int (*measure)(void *ctx, int px_size, const char *utf8, size_t len);
    /* Distance between baselines in pixels at px_size (before line spacing). */
    int (*line_height)(void *ctx, int px_size);
    /* True when the font has a glyph for code point cp. */
    bool (*has_glyph)(void *ctx, uint32_t cp);
};

struct layout_box {
    int width, height;    /* pixels */
    int max_px, min_px;   /* auto-fit range of font sizes */
    float line_spacing;   /* multiplier on line_height, e.g. 1.5 */
};

struct layout_line {
    size_t start, len;    /* byte range in the source text, without the break's trailing spaces/newline */
    int width;            /* measured width in pixels */
    bool ends_paragraph;  /* last line of a paragraph (no justification) */
};

struct layout_result {
    int px_size;          /* chosen font size */
    int line_advance;     /* pixels from one baseline to the next */
    struct layout_line *lines;
    size_t n_lines;
    size_t lines_per_page;
    size_t n_pages;       /* 1 when everything fits */
    bool overflow;        /* did not fit in one box even at min_px: paginated */
    size_t n_missing;     /* code points the font has no glyph for */
    uint32_t first_missing;
};

/* Lays out utf8 (paragraphs separated by '\n') into box, choosing the largest
 * size in [min_px, max_px] at which all lines fit the height. Returns 0 on
 * success, -1 on invalid input (NULL, bad box, invalid UTF-8). out must be
 * released with layout_result_free. */
int layout_text(const struct layout_font_ops *ops, const char *utf8, const struct layout_box *box,
                struct layout_result *out);

/* Breaks utf8 into lines no wider than width at px_size (no fitting). */
int layout_lines(const struct layout_font_ops *ops, const char *utf8, int width, int px_size,
                 struct layout_result *out);

void layout_result_free(struct layout_result *r);

#endif
