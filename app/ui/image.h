/* Picture loading for slides (worker thread only): SVG is rasterised at the
 * exact pixel size needed, PNG/JPG are decoded and resampled. */
#ifndef QF_UI_IMAGE_H
#define QF_UI_IMAGE_H

#include <SDL.h>
#include <stddef.h>

/* The whole picture fitted inside w x h, aspect kept. */
SDL_Surface *image_load_contain(const char *path, int w, int h, char *err, size_t errlen);
/* Exactly w x h, covering it (centre crop). */
SDL_Surface *image_load_cover(const char *path, int w, int h, char *err, size_t errlen);

#endif
