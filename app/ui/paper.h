/* The rice-paper background, made procedurally at the screen's resolution:
 * soft mottling, faint fibres, fine grain and a warm vignette. */
#ifndef QF_UI_PAPER_H
#define QF_UI_PAPER_H

#include <SDL.h>

#include "core/config.h"

/* New opaque ARGB8888 surface w x h. Deterministic for a given seed. */
SDL_Surface *paper_make(int w, int h, struct rgb paper, unsigned seed);

#endif
