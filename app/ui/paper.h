/* The rice-paper background, made procedurally at the screen's resolution:
 * soft mottling, faint fibres, fine grain and a warm vignette. */
#ifndef QF_UI_PAPER_H
#define QF_UI_PAPER_H

#include <SDL.h>

#include "core/config.h"
#include "ui/gfx.h"

/* Paints the whole of dst (ARGB8888) with opaque paper of colour `paper`,
 * with `wash` laid over it at its alpha (alpha 0: none). Deterministic for
 * a given seed and size. Fast enough to redraw for every slide (a few ms at
 * 1920x1080), so no full-screen copy needs to be kept. Returns 0, or -1
 * with the SDL error set (wrong format, out of memory). */
int paper_draw(SDL_Surface *dst, struct rgb paper, unsigned seed, struct rgba wash);

#endif
