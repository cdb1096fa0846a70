/* Small drawing helpers shared by the interactive screens (not part of the
 * screen contract): line icons, clamped text, paper cards, tile pictures and
 * the header with logo and organisation name. Worker thread only. */
#ifndef QF_UI_SCREEN_KIT_H
#define QF_UI_SCREEN_KIT_H

#include <SDL.h>
#include <stdbool.h>

#include "ui/screen.h"
#include "ui/slide.h"

/* Cream used for text on red. */
#define KIT_CREAM ((struct rgb){255, 250, 242})

/* An antialiased polyline of n points with round caps and joins. The
 * segments are drawn as one shape, so translucent colours do not darken
 * where they meet. */
void kit_polyline(SDL_Surface *dst, const float *xy, int n, float thickness, struct rgba c);

/* A chevron of height size centred at (cx, cy) pointing left (dir < 0),
 * right (dir > 0). */
void kit_chevron(SDL_Surface *dst, float cx, float cy, float size, int dir, float thickness, struct rgba c);

/* A cross (the 关闭 icon) of side size centred at (cx, cy). */
void kit_cross(SDL_Surface *dst, float cx, float cy, float size, float thickness, struct rgba c);

/* A simple house outline (the 首页 icon) of height size centred at (cx, cy). */
void kit_house(SDL_Surface *dst, float cx, float cy, float size, float thickness, struct rgba c);

/* Lays text out at a fixed size in width and keeps at most max_lines, the
 * last ending with "…" when something was cut. For tiles, where cutting is
 * the design, so nothing is logged. Free with text_block_free. */
int kit_clamp(struct text_block *b, struct font *f, const char *text, int width, int px, float spacing,
              size_t max_lines);

/* Auto-fit as text_fit (largest size in the box, phrases kept when asked),
 * keeping the first page with "…" when even min_px overflows; logs nothing. */
int kit_fit(struct text_block *b, struct font *f, const char *text, const struct layout_box *box);

/* text shortened with "…" to fit width at px (into out). */
void kit_ellipsize(struct font *f, int px, const char *text, int width, char *out, size_t len);

/* A mounted paper card: soft shadow, light mat, gold hairline and a short
 * accent bar on its top edge. */
void kit_card(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, struct rgb accent);

/* An item's picture covering w x h, or the quiet placeholder when it is
 * missing or broken (logged once, as on the attract cards). */
void kit_picture(struct slide_ctx *c, SDL_Surface *dst, const struct feed_item *it, SDL_Rect r);

/* The home header: logo and organisation name on the left (kept clear of
 * the clock the UI thread draws on the right) and the gold rule. */
void kit_header(struct slide_ctx *c, SDL_Surface *dst);

/* Width the UI thread's clock takes in the header (widest date). */
int kit_clock_width(struct slide_ctx *c);

enum kit_icon { ICON_NONE, ICON_BACK, ICON_HOME, ICON_PREV, ICON_NEXT, ICON_CLOSE };

/* screen_button with an optional icon before the label (or alone when the
 * label is empty). */
SDL_Rect kit_button(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *label, enum kit_icon icon,
                    enum button_style style, enum hit_action act, int arg);

/* Natural width of such a button of height h (at least h). */
int kit_button_width(struct slide_ctx *c, int h, const char *label, enum kit_icon icon);

/* Accent of a module: red for cases, deep gold for stories, ink-red for maxims. */
struct rgb kit_accent(const struct slide_ctx *c, enum item_kind kind);

/* Module names: 廉语警句, 警示教育, 身边典型. */
const char *kit_module_name(enum item_kind kind);

#endif
