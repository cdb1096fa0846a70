/* Screen geometry shared by the slide composer and the live chrome: every
 * size derives from one unit (1/100 of the shorter side) and the aspect, so
 * one layout serves 1280x800, 1920x1080, 1080x1920 and 3840x2160. */
#ifndef QF_UI_GEOM_H
#define QF_UI_GEOM_H

#include <SDL.h>
#include <stdbool.h>

struct geom {
    int w, h;
    float u;            /* min(w, h) / 100 */
    bool portrait;
    int mx;             /* side margin */
    SDL_Rect header;    /* band at the top: logo, org name, clock */
    SDL_Rect footer;    /* band at the bottom: slogan, dots, hint */
    SDL_Rect content;   /* what a slide may fill */
};

void geom_init(struct geom *g, int w, int h);

/* n units, rounded to whole pixels (at least 1). */
int geom_px(const struct geom *g, float n);

#endif
