/* The frame shared by the reading screens (a story, a maxim, a case's
 * pages, its 学后测): the navigation bar, a case's step strip, a side panel
 * with the picture in landscape, the scrolled body column and a footer
 * with the previous/next buttons. Bodies are built as a stack of pictures
 * (title, lead, Markdown, QR code...) joined into one tall surface. */
#ifndef QF_UI_SCREEN_READING_H
#define QF_UI_SCREEN_READING_H

#include "ui/screen.h"

struct reading {
    SDL_Rect steps;   /* the case step strip (h = 0 when none) */
    SDL_Rect side;    /* landscape side panel (w = 0 in portrait) */
    SDL_Rect body;    /* the scrolled column */
    SDL_Rect footer;  /* previous / position / next */
};

/* Lays out the reading frame; with_steps reserves the case step strip,
 * with_side the landscape side panel. */
struct reading reading_layout(const struct slide_ctx *c, bool with_steps, bool with_side);

/* The case's step strip: its page titles, then 学后测 when it has
 * questions; `current` is highlighted, earlier steps marked done. */
void reading_steps(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, const struct feed_item *it, size_t current);

/* Footer: a secondary button on the left, the position text in the middle,
 * a primary button on the right. A NULL label leaves that side empty. */
void reading_footer(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *prev_label, enum hit_action prev,
                    int prev_arg, const char *middle, const char *next_label, enum hit_action next, int next_arg,
                    bool next_enabled);

/* The landscape side panel: the picture, the title, the tags, and a QR code
 * for the item's url when there is room. Returns true when the code was
 * drawn (else the body should carry it). */
bool reading_side(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, const struct feed_item *it, struct rgb accent);

#define STACK_MAX 16

/* Pictures to be joined top to bottom with gaps before each. */
struct stack {
    SDL_Surface *part[STACK_MAX];
    int gap[STACK_MAX];
    int indent[STACK_MAX];
    size_t n;
};

/* Adds a part (takes ownership; NULL is skipped). */
void stack_add(struct stack *st, SDL_Surface *part, int gap_before, int indent);
/* Joins the parts into one transparent surface of width w (frees them). */
SDL_Surface *stack_join(struct stack *st, int w);
void stack_free(struct stack *st);

/* A text block on its own transparent surface of width w. */
SDL_Surface *reading_text(struct slide_ctx *c, struct font *font, int px, float spacing, const char *text, int w,
                          struct rgb ink, bool justify, const char *item_id, const char *field);

/* The item's Markdown body at width w (large: the 大字 scale). */
SDL_Surface *reading_markdown(struct slide_ctx *c, const char *markdown, int w, bool large, const char *item_id);

/* A QR code of url with its caption 扫码阅读全文, side px square. */
SDL_Surface *reading_qr(struct slide_ctx *c, const char *url, int side);

/* Reading text sizes (pixels) for body copy at this geometry. */
int reading_body_px(const struct slide_ctx *c, bool large);

#endif
