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
    /* Advance width in pixels of utf8[0..len) at px_size. utf8 is NOT
     * NUL-terminated (copy it for TTF_SizeUTF8) and always holds whole code
     * points. Called once per distinct unbreakable segment per size tried. */
    int (*measure)(void *ctx, int px_size, const char *utf8, size_t len);
    /* Distance between baselines in pixels at px_size (before line spacing). */
    int (*line_height)(void *ctx, int px_size);
    /* True when the font has a glyph for code point cp. */
    bool (*has_glyph)(void *ctx, uint32_t cp);
    /* Widths depend on where the text stands, not only on its bytes (styled
     * text, where the same characters in bold are wider): measure is then
     * called for every segment in place, pointing into the text, and equal
     * segments never share a width. The width of a space between segments
     * is still asked once per size with a lone " " outside the text. */
    bool measure_in_place;
};

struct layout_box {
    int width, height;    /* pixels */
    int max_px, min_px;   /* auto-fit range of font sizes */
    float line_spacing;   /* multiplier on line_height, e.g. 1.5 */
    /* Break only where a phrase ends (after ，。、；：？！ and the like, their
     * closing quotes and brackets, and spaces), so a line never cuts a clause
     * of a maxim in two; falls back to ordinary breaks when some phrase is
     * wider than the box even at min_px. */
    bool keep_phrases;
};

struct layout_line {
    size_t start, len;    /* byte range in the source text, without the break's trailing spaces/newline */
    int width;            /* pixels: sum of its segments' widths (no kerning across break points) */
    bool ends_paragraph;  /* last line of a paragraph (no justification) */
};

struct layout_result {
    int px_size;          /* chosen font size */
    int line_advance;     /* pixels from one baseline to the next */
    struct layout_line *lines;
    size_t n_lines;
    size_t lines_per_page; /* lines the box holds at px_size (layout_lines: n_lines) */
    size_t n_pages;       /* ceil(n_lines / lines_per_page); 1 when everything fits */
    bool overflow;        /* did not fit in one box even at min_px: paginated */
    size_t n_missing;     /* code points the font has no glyph for */
    uint32_t first_missing;
};

/* Lays out utf8 (paragraphs separated by '\n') into box, choosing the largest
 * size in [min_px, max_px] at which all lines fit the height. Returns 0 on
 * success, -1 on invalid input (NULL, bad box, invalid UTF-8). out must be
 * released with layout_result_free.
 *
 * Height rule: the first line takes line_height(px), each further line
 * line_advance = round(line_height(px) * line_spacing), so n lines need
 * line_height + (n - 1) * line_advance pixels and a page holds
 * 1 + (height - line_height) / line_advance lines (at least 1). The size is
 * found by binary search; only sizes actually laid out and found to fit are
 * returned. If min_px does not fit, the result is at min_px with overflow set
 * and the lines split into n_pages pages of lines_per_page.
 *
 * A bad box is width or height <= 0, min_px <= 0, min_px > max_px, or
 * line_spacing not a positive finite number. measure and line_height are
 * required, has_glyph is optional (NULL: nothing counted missing). Missing
 * glyphs are counted over code points that draw something (not controls,
 * white space or invisible format characters). Reentrant: no shared state
 * besides libunibreak's one-time initialisation (pthread_once). */
int layout_text(const struct layout_font_ops *ops, const char *utf8, const struct layout_box *box,
                struct layout_result *out);

/* Breaks utf8 into lines no wider than width at px_size (no fitting).
 * Breaks come from UAX #14 (libunibreak, lang "zh") with a kinsoku guard: no
 * line starts with closing punctuation or small marks (，。、；：？！）」』】》〉”’…·
 * ...) and none ends with opening punctuation (（「『【《〈“‘ ...); the character
 * before such a mark moves down with it. '\n', "\r\n" (and the other UAX #14
 * mandatory breaks) end a paragraph; a blank line is an empty line; a final
 * line end adds no empty line; "" gives no lines. A run without break
 * opportunities wider than width is cut by code point, avoiding forbidden
 * line starts where it can; a single code point wider than width goes alone
 * on its line. Spaces at a break are neither in the line nor in its width.
 * line_advance is line_height(px_size); n_pages is 1. Same errors as
 * layout_text for the arguments it has. */
int layout_lines(const struct layout_font_ops *ops, const char *utf8, int width, int px_size,
                 struct layout_result *out);

/* Where layout_lines may end a line in utf8[0..len): brk[i] (len entries) is
 * true when a line may end after byte i, by UAX #14 with the kinsoku guard
 * (mandatory breaks included, and always after the last byte). Layout
 * measures the segments between these points, each without its trailing
 * U+0020 spaces and line ends; callers that position styled pieces of a
 * line use them to add up widths exactly as layout did. Returns 0, or -1 on
 * NULL arguments, invalid UTF-8 or no memory. */
int layout_breaks(const char *utf8, size_t len, bool *brk);

void layout_result_free(struct layout_result *r);

#endif
