/* Item bodies (CommonMark) drawn for the reading views: parsed and laid out
 * by core/richdoc, then drawn on one transparent surface as tall as the
 * document, which the UI thread scrolls. Runs on the slide worker thread:
 * it uses that thread's fonts and warning memory and decodes pictures. */
#ifndef QF_UI_RICHDOC_DRAW_H
#define QF_UI_RICHDOC_DRAW_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "ui/fonts.h"
#include "ui/warn.h"

/* Default height limit: 1080 px wide, that is about 165 MiB of pixels. */
#define RICHDOC_DRAW_MAX_HEIGHT 40000

struct richdoc_style {
    int width;            /* surface width in pixels (the text column) */
    int base_px;          /* body text size at scale 1, 8..400 */
    float scale;          /* 1, or 1.35 for large print (大字); 0.5..4 */
    int max_image_h;      /* tallest picture in pixels; 0: three quarters of width */
    int max_height;       /* taller documents are cut with a note; 0: RICHDOC_DRAW_MAX_HEIGHT */
    const struct theme *theme; /* ink, red, gold (paper is the UI's background) */
};

/* What composing needs from the calling (worker) thread. */
struct richdoc_env {
    struct font_set *fonts;   /* kai, sans, bold of this thread */
    const char *feed_dir;     /* pictures are paths relative to it */
    const char *item_id;      /* names the item in log lines */
    struct warn_set *warns;   /* each problem is logged once */
};

struct richdoc_heading {
    int y;        /* top of the heading's first line, pixels from the surface top */
    int level;    /* 1..6 */
    char *title;  /* its text */
};

struct richdoc_info {
    int height;                     /* the surface height */
    bool truncated;                 /* cut at the height limit */
    struct richdoc_heading *headings;
    size_t n_headings;
};

/* Draws markdown on a new ARGB8888 surface exactly st->width wide and as
 * tall as the laid-out document, transparent where nothing is drawn.
 * Headings in sans bold (a red square before h2, a short red rule under
 * h1), body in sans justified like text.c, strong in bold, emphasis and
 * block quotes in Kai (quotes with a red or gold bar and a faint warm
 * tint), code in sans on a faint tint, bullets as small red or gold marks,
 * numbers in red, a thematic break as a short gold rule with a dot, pictures
 * from feed_dir fitted to the width and max_image_h.
 *
 * Logs once per item and problem:
 *   "glyph: item=<id> field=body missing U+XXXX in <font>"
 *   "image: item=<id> <path>: <why>; showing a placeholder"
 *   "richdoc: item=<id> body is taller than <N> px; cut with a note"
 * A picture that is missing, unsafe (feed_path_is_safe) or undecodable is a
 * quiet box with its alt text. Returns NULL, with a log line, when markdown
 * is NULL, invalid UTF-8 or too long, the style is out of range, or memory
 * runs out. info may be NULL; else it is filled (free it with
 * richdoc_info_free), also on failure (then empty). */
SDL_Surface *richdoc_compose(const char *markdown, const struct richdoc_style *st, const struct richdoc_env *env,
                             struct richdoc_info *info);
void richdoc_info_free(struct richdoc_info *info);

#endif
