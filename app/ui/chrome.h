/* The live chrome, drawn by the UI thread over the slides on every presented
 * frame: the static chrome picture (made by the worker), the clock, the
 * rotation's progress dots and the gold ripple that answers a tap. */
#ifndef QF_UI_CHROME_H
#define QF_UI_CHROME_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/config.h"
#include "ui/fonts.h"
#include "ui/geom.h"

#define RIPPLE_MS 520

struct chrome {
    SDL_Renderer *ren;
    struct geom g;
    const struct theme *theme;
    /* The UI thread's fonts, open only while in use (the clock once a
     * minute, a visit's live texts): each Noto CJK face holds about 2.3 MiB,
     * and opening one takes about a millisecond. */
    const struct font_faces *faces;
    struct font sans, bold;
    bool fonts_open;
    SDL_Texture *head_tex;       /* the static header band */
    SDL_Texture *foot_tex;       /* the static footer band */
    SDL_Texture *clock_tex;
    int clock_w, clock_h;
    long clock_minute;           /* minute shown, -1 = none yet */
    SDL_Texture *disc;           /* white antialiased disc */
    SDL_Texture *ring;           /* white antialiased ring */
    bool ripple;
    float rx, ry;
    uint64_t ripple_start;
};

int chrome_init(struct chrome *c, SDL_Renderer *ren, const struct geom *g, const struct theme *theme,
                const struct font_faces *faces, char *err, size_t errlen);
void chrome_free(struct chrome *c);

/* Opens the UI thread's sans and bold faces if they are not open. Returns
 * 0, or -1 (logged). */
int chrome_fonts_open(struct chrome *c);

/* Closes them (a visit ended); they reopen when next needed. */
void chrome_fonts_close(struct chrome *c);

/* Takes the static chrome picture from the worker (and frees the surface):
 * the header band with the footer band under it (slide_chrome), uploaded
 * as two textures so that a frame blends only the bands. */
void chrome_set_static(struct chrome *c, SDL_Surface *s);

/* True once the static chrome is uploaded. */
bool chrome_ready(const struct chrome *c);

/* Re-renders the clock when the wall-clock minute changed. Returns true then. */
bool chrome_update_clock(struct chrome *c, time_t wall);

/* Formats "2026年11月22日 星期日" and "09:30". */
void chrome_format_date(time_t wall, char *date, size_t dlen, char *hm, size_t hlen);

/* Starts the tap ripple at (x, y). */
void chrome_tap(struct chrome *c, float x, float y, uint64_t now);
bool chrome_animating(const struct chrome *c, uint64_t now);

/* Draws the chrome. pos/n: rotation position; during a transition the
 * active dot glides toward next_pos by progress. */
void chrome_draw(struct chrome *c, size_t pos, size_t next_pos, size_t n, bool transitioning, float progress,
                 uint64_t now);

/* The parts of chrome_draw the interactive screens use: the clock at the
 * header's right, and the tap ripple. */
void chrome_draw_clock(struct chrome *c);
void chrome_draw_ripple(struct chrome *c, uint64_t now);

/* Drops textures (after a render device reset); they are remade on demand,
 * except the static picture, which must be asked of the worker again. */
void chrome_lost(struct chrome *c);

#endif
