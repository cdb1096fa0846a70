/* Interactive screens on the UI thread: their textures (the frame, and the
 * tall body cut into tiles the renderer accepts), their touch targets, and
 * the drawing of a screen with its body scrolled. A few screens are kept so
 * that stepping back and forth shows them at once. */
#ifndef QF_UI_STAGE_H
#define QF_UI_STAGE_H

#include <SDL.h>
#include <stdbool.h>

#include "ui/screen.h"

#define STAGE_SLOTS 3
#define STAGE_TILES 24

struct stage_entry {
    bool used;
    struct screen_key key;
    SDL_Texture *frame;
    SDL_Texture *tiles[STAGE_TILES];
    int n_tiles, tile_h;
    int body_h;                 /* 0 when the screen has no body */
    SDL_Rect body_view;
    struct hit hits[SCREEN_HITS];
    size_t n_hits;
    SDL_Rect pin_dots, pin_message;
    SDL_Rect quiz_ring;        /* SCENE_QUIZ question: where the countdown ring goes */
    unsigned last;
};

struct stage {
    SDL_Renderer *ren;
    int max_tex_h;
    struct stage_entry slot[STAGE_SLOTS];
    unsigned tick;
};

void stage_init(struct stage *st, SDL_Renderer *ren);
void stage_clear(struct stage *st);

/* Uploads a composed screen (and frees it), replacing the least recently
 * used slot whose key is not in keep. Returns the entry, or NULL when the
 * upload failed or every slot is kept. */
struct stage_entry *stage_put(struct stage *st, struct screen *s, const struct screen_key *keep, size_t n_keep);

struct stage_entry *stage_find(struct stage *st, const struct screen_key *key);

/* Largest scroll offset of the entry's body (0 without a body). */
float stage_scroll_max(const struct stage_entry *e);

/* Draws the frame and the body scrolled by scroll_y (may be out of range
 * during overscroll). */
void stage_draw(struct stage *st, struct stage_entry *e, float scroll_y);

/* The touch target under (x, y), or NULL. */
const struct hit *stage_hit_at(const struct stage_entry *e, float x, float y, float scroll_y);

/* Where a target is on screen now (body targets move with the scroll). */
SDL_Rect stage_hit_rect(const struct stage_entry *e, const struct hit *h, float scroll_y);

#endif
