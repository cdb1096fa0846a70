/* Text on surfaces: fitted blocks from layout_text (auto-fit, kinsoku line
 * breaks, CJK justification, "…" on overflow) and single lines. */
#ifndef QF_UI_TEXT_H
#define QF_UI_TEXT_H

#include <SDL.h>
#include <stdbool.h>

#include "core/layout.h"
#include "ui/fonts.h"
#include "ui/gfx.h"
#include "ui/warn.h"

enum text_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

struct text_block {
    struct font *font;
    const char *text;
    struct layout_result r;
    size_t n_lines;       /* lines drawn: all, or the first page on overflow */
    char *last_line;      /* replaces the last drawn line (ends with "…") on overflow */
    int box_w;
    bool ok;
};

/* Lays text out in box. Logs once per item and field:
 *   "glyph: item=<id> field=<field> missing U+XXXX in <font>"
 *   "layout: item=<id> field=<field> overflow: needs N pages at <px>px"
 * On overflow keeps the first page and ends it with "…". Returns 0, or -1
 * when the text cannot be laid out (the block then draws nothing). */
int text_fit(struct text_block *b, struct font *font, const char *text, const struct layout_box *box,
             const char *item_id, const char *field, struct warn_set *warns);

/* After text_fit: re-breaks the lines at the same size and line count but
 * the narrowest width that keeps that count, so a title or a maxim reads as
 * an even block instead of a long line and a stray character. */
void text_balance(struct text_block *b);

/* After text_fit for justified body text: when the last line would hold
 * only a character or two, re-breaks slightly narrower (same size, same line
 * count) so the paragraph does not end on a lone character. */
void text_avoid_widow(struct text_block *b);
void text_block_free(struct text_block *b);

/* Height from the top of the first line's em box to the bottom of the last. */
int text_height(const struct text_block *b);
/* Widest drawn line. */
int text_width(const struct text_block *b);

/* Draws the block with its first em box top at y, lines aligned within
 * [x, x+box width). justify spreads full CJK lines to the box width (the
 * last line of each paragraph stays aligned). */
void text_draw(SDL_Surface *dst, const struct text_block *b, int x, int y, enum text_align align, bool justify,
               struct rgba color);

/* One line at px with extra letter spacing (pixels, between characters). */
int text_line_width(struct font *f, int px, const char *utf8, int spacing);
/* Draws one line with its em box vertically centred on cy; x is the left,
 * centre or right edge per align. Returns the drawn width. */
int text_line(SDL_Surface *dst, struct font *f, int px, const char *utf8, int x, int cy, enum text_align align,
              int spacing, struct rgba color);

/* Decodes one UTF-8 code point at s (len bytes left); returns its length (>= 1). */
int utf8_next(const char *s, size_t len, Uint32 *cp);

#endif
