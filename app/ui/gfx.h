/* Software drawing on ARGB8888 surfaces: the slide worker composes whole
 * slides with these, off the UI thread. All functions clip to the surface. */
#ifndef QF_UI_GFX_H
#define QF_UI_GFX_H

#include <SDL.h>

#include "core/config.h"

/* A colour with straight (non-premultiplied) alpha. */
struct rgba { Uint8 r, g, b, a; };

static inline struct rgba rgba_of(struct rgb c, Uint8 a) { return (struct rgba){c.r, c.g, c.b, a}; }

/* Mixes a toward b by t in [0,1]. */
struct rgb rgb_mix(struct rgb a, struct rgb b, float t);

/* New ARGB8888 surface, cleared to transparent. NULL on error (SDL error set). */
SDL_Surface *gfx_surface(int w, int h);

/* s, or a byte copy of it that no blit has touched (s freed). Surfaces
 * handed from the worker thread to the UI thread go through this: SDL links
 * every surface that was a blit destination to the blit maps of its sources
 * (the worker's cached art, slides drawn into screens), and freeing it walks
 * and rewrites those links, which would race with the worker's next blit
 * from the same sources. A surface without such links (all drawing done
 * with the gfx_ functions) is returned as it is; otherwise the copy has
 * none. Returns NULL (s freed) when memory runs out; NULL in, NULL out.
 * Worker thread. */
SDL_Surface *gfx_detach(SDL_Surface *s);

/* Converts any surface to a new ARGB8888 one (frees nothing). */
SDL_Surface *gfx_to_argb(SDL_Surface *src);

/* Blends colour c over the rectangle (fractional edges are antialiased). */
void gfx_fill_rect(SDL_Surface *dst, float x, float y, float w, float h, struct rgba c);

/* Rectangle outline of thickness t drawn inside (x,y,w,h). */
void gfx_stroke_rect(SDL_Surface *dst, float x, float y, float w, float h, float t, struct rgba c);

/* Filled rounded rectangle with antialiased corners of radius r. */
void gfx_fill_round_rect(SDL_Surface *dst, float x, float y, float w, float h, float r, struct rgba c);

/* Rounded rectangle outline of thickness t inside the bounds. */
void gfx_stroke_round_rect(SDL_Surface *dst, float x, float y, float w, float h, float r, float t,
                           struct rgba c);

/* Antialiased filled disc and ring (ring: outer radius r, thickness t). */
void gfx_fill_circle(SDL_Surface *dst, float cx, float cy, float r, struct rgba c);
void gfx_stroke_circle(SDL_Surface *dst, float cx, float cy, float r, float t, struct rgba c);

/* Blends src (ARGB8888, straight alpha) at (x,y), multiplying its alpha by
 * opacity (0..255). */
void gfx_blit(SDL_Surface *dst, SDL_Surface *src, int x, int y, Uint8 opacity);

/* Like gfx_blit, but uses only src's alpha as coverage of colour c. */
void gfx_blit_tinted(SDL_Surface *dst, SDL_Surface *src, int x, int y, struct rgba c);

/* High-quality resize to exactly w x h (box halving, then bilinear).
 * Returns a new ARGB8888 surface or NULL. */
SDL_Surface *gfx_scale(SDL_Surface *src, int w, int h);

/* New surface of w x h filled by src scaled to cover it (centre crop). */
SDL_Surface *gfx_scale_cover(SDL_Surface *src, int w, int h);

/* Soft drop shadow: darkens a blurred rectangle around (x,y,w,h). */
void gfx_shadow(SDL_Surface *dst, int x, int y, int w, int h, int radius, Uint8 strength);

#endif
