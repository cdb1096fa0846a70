/* Slide composition: turns a feed item into a full-screen picture on an
 * SDL_Surface. Runs on the slide worker thread; everything here (fonts,
 * caches, warning memory) is owned by that thread. */
#ifndef QF_UI_SLIDE_H
#define QF_UI_SLIDE_H

#include <SDL.h>

#include "core/config.h"
#include "core/feed.h"
#include "core/nav.h"
#include "core/qbank.h"
#include "ui/fonts.h"
#include "ui/geom.h"
#include "ui/gfx.h"
#include "ui/paths.h"
#include "ui/text.h"
#include "ui/warn.h"

#define ART_CACHE 6

struct slide_ctx {
    struct geom g;
    int min_target;              /* smallest touch target side in pixels (9 mm, at least 48) */
    float large_scale;           /* 大字: how much reading text grows */
    const struct feed *feed;
    /* The items of each module this screen lists (pinned first, only those
     * its schedule shows): this thread's copy of struct nav's members.
     * NULL: every item of the kind, in feed order. */
    size_t *members[NAV_MODULES];
    size_t n_members[NAV_MODULES];
    char feed_dir[QF_PATH_MAX];
    const struct qbank *bank;    /* the quiz bank of this feed; NULL: none published */
    const struct config *cfg;    /* the kiosk's settings ([quiz] departments) */
    const struct theme *theme;
    char assets_dir[QF_PATH_MAX];
    char logo[QF_PATH_MAX];      /* resolved logo path; empty = none */
    struct font_set fonts;
    struct warn_set warns;
    struct art_entry {
        char name[32];
        int w, h;
        SDL_Surface *s;          /* NULL: remembered failure */
        unsigned used;
    } art[ART_CACHE];
    unsigned art_tick;
};

/* Sets up the context (opens this thread's fonts). Returns 0, or -1 with a
 * message in err. The feed and theme must outlive the context. */
int slide_ctx_init(struct slide_ctx *c, int w, int h, const struct feed *feed, const char *feed_dir,
                   const struct theme *theme, const char *logo, const char *assets_dir, const struct font_faces *faces,
                   char *err, size_t errlen);
void slide_ctx_free(struct slide_ctx *c);

/* Copies the module lists of `nav` into the context. Returns 0, or -1
 * when out of memory (the context then lists every item). */
int slide_ctx_set_members(struct slide_ctx *c, const struct nav *nav);

/* The number of items module `k` lists, and the feed index of the one at
 * `pos` (SIZE_MAX past the end). */
size_t slide_module_count(const struct slide_ctx *c, enum item_kind k);
size_t slide_module_item(const struct slide_ctx *c, enum item_kind k, size_t pos);

/* The full-screen opaque picture of feed item `item`. NULL only when memory
 * runs out; a broken item still gives a slide (with warnings logged). */
SDL_Surface *slide_compose(struct slide_ctx *c, size_t item);

/* The static parts of the chrome (logo, org name, rules, slogan, hint) on a
 * transparent surface as wide as the screen and as tall as the header and
 * the footer together: the header band on top, the footer band under it.
 * The UI thread draws the two bands over every slide. */
SDL_Surface *slide_chrome(struct slide_ctx *c);

/* --- shared by the slide kinds --- */

/* A new full-screen surface with the background paper (warmth 0..1 mixes
 * toward gold). */
SDL_Surface *slide_background(struct slide_ctx *c, float warmth);

/* Frees the least recently used pictures of the art cache until it holds at
 * most a quarter screen's worth; between two compositions only (a picture
 * slide_art returned must stay alive while a composition draws). */
void slide_art_trim(struct slide_ctx *c);

/* Ink-wash art assets/art/<name>.svg fitted in w x h (cached in memory,
 * and on disk in the state folder's art-cache/: art_cache.h). Logs one
 * "image:" warning when missing. NULL if unavailable. Do not free. */
SDL_Surface *slide_art(struct slide_ctx *c, const char *name, int w, int h);

/* Blends art centred horizontally on cx with its bottom at `bottom`, at opacity. */
void slide_draw_art(struct slide_ctx *c, SDL_Surface *dst, const char *name, SDL_Rect box, int anchor_x,
                    int anchor_y, Uint8 opacity);

/* The motif of an item (lotus, bamboo, plum, orchid), stable per id. */
const char *slide_motif(const struct feed_item *it);
unsigned slide_hash(const char *s);

/* A red seal (seal-frame.svg, filled with white Kai text) of size px at (x, y). */
void slide_seal(struct slide_ctx *c, SDL_Surface *dst, int x, int y, int px, const char *text);

/* A filled label chip with text; returns its width. */
int slide_chip(struct slide_ctx *c, SDL_Surface *dst, int x, int cy, const char *text, struct rgb fill,
               struct rgb ink, int px);
/* An outlined tag chip; returns its width (draw = false only measures). */
int slide_tag(struct slide_ctx *c, SDL_Surface *dst, int x, int cy, const char *text, struct rgb line, int px,
              bool draw);

/* The item's picture (relative to the feed folder) decoded to cover w x h;
 * NULL when it is missing, unsafe or undecodable (logged once per file). */
SDL_Surface *slide_load_picture(struct slide_ctx *c, const struct feed_item *it, int w, int h);

/* The theme's logo at header height, its left edge at x and centred on cy;
 * returns the x where the organisation's name may start (x without a logo). */
int slide_logo(struct slide_ctx *c, SDL_Surface *dst, int x, int cy);

/* The item's picture on a white mat with a gold line and an accent bar, in
 * r (a quiet placeholder when it is missing; logged once). */
void slide_picture_panel(struct slide_ctx *c, SDL_Surface *dst, const struct feed_item *it, SDL_Rect r,
                         struct rgb accent);

SDL_Surface *slide_maxim(struct slide_ctx *c, const struct feed_item *it);
SDL_Surface *slide_card(struct slide_ctx *c, const struct feed_item *it);

#endif
