/* Screenshots of what the renderer has drawn (scripted mode, heartbeat). */
#ifndef QF_UI_SHOTS_H
#define QF_UI_SHOTS_H

#include <SDL.h>
#include <stddef.h>

/* Reads the current render target and saves it as PNG at path.
 * Returns 0, or -1 with a message in err. */
int shot_save(SDL_Renderer *ren, const char *path, char *err, size_t errlen);

/* A small PNG of a frame for the heartbeat: scaled (bilinear) to `width`
 * pixels wide, or kept when narrower, the height in proportion, encoded
 * into memory. Safe on any thread (frame must be an RGB888 surface nobody
 * else touches). Returns 0 with malloc'd bytes in *png, or -1 with err. */
int shot_png_small(SDL_Surface *frame, int width, void **png, size_t *len, char *err, size_t errlen);

/* Creates dir (one level) if it does not exist. Returns 0 or -1 with err. */
int shot_dir(const char *dir, char *err, size_t errlen);

#endif
