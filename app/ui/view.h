/* Slide textures on the UI thread and the composition of a frame: the slide
 * on screen, the arriving one during a transition (cross-fade by alpha,
 * slide by offset). At most VIEW_SLOTS slide textures live at once; the
 * loop keeps only the slides it needs (app_loop.c). */
#ifndef QF_UI_VIEW_H
#define QF_UI_VIEW_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/attract.h"
#include "core/config.h"

#define VIEW_SLOTS 3

struct view {
    SDL_Renderer *ren;
    int w, h;
    struct view_slot {
        bool used;
        size_t item;
        SDL_Texture *tex;   /* NULL: the slide could not be made (drawn as paper) */
        unsigned last;
    } slot[VIEW_SLOTS];
    unsigned tick;
};

void view_init(struct view *v, SDL_Renderer *ren, int w, int h);
void view_clear(struct view *v);

/* True when item has a slot (ready to draw, or known to be unavailable). */
bool view_has(const struct view *v, size_t item);

/* Uploads surface (may be NULL) for item, evicting the least recently used
 * slot whose item is not in keep. Returns false (and uploads nothing) when
 * every slot holds a kept item. */
bool view_put(struct view *v, size_t item, SDL_Surface *surface, const size_t *keep, size_t n_keep);

/* Destroys the slides of every item not in keep (they are made again when
 * needed): in steady state only the slide on screen stays. */
void view_retain(struct view *v, const size_t *keep, size_t n_keep);

/* Takes item's texture out of the view (the caller owns and destroys it);
 * NULL when the item has none. Used to hold the picture on screen while
 * new content is prepared. */
SDL_Texture *view_take(struct view *v, size_t item);

/* Draws item's slide over what is drawn, at opacity alpha (0..1). */
void view_draw_alpha(struct view *v, size_t item, float alpha, struct rgb paper);

/* Draws the slides of frame f (a slide transition moves along f->direction). */
void view_draw(struct view *v, const struct attract_frame *f, struct rgb paper);

#endif
