/* Rasterised art kept on disk (in the state folder's art-cache/), so that a
 * restart reads each picture back in a millisecond or two instead of
 * rasterising its SVG again. An entry is keyed by the source file's path
 * and the box it was fitted in, and remembers the source's size and
 * modification time: a changed source is a miss. A missing, truncated,
 * foreign or damaged file is a miss too, never an error; the folder may be
 * deleted at any time. Worker thread only. */
#ifndef QF_UI_ART_CACHE_H
#define QF_UI_ART_CACHE_H

#include <SDL.h>

/* The picture of source `src` fitted in box_w x box_h, as saved in folder
 * `dir`; NULL when there is none that matches. A new ARGB8888 surface. */
SDL_Surface *art_cache_load(const char *dir, const char *src, int box_w, int box_h);

/* Saves picture `s` (ARGB8888) of source `src` fitted in box_w x box_h into
 * `dir` (made if missing, with its parent). Written whole under a temporary
 * name, then renamed. Returns 0, or -1 (logged at debug level: the cache
 * is only an optimisation). */
int art_cache_save(const char *dir, const char *src, int box_w, int box_h, const SDL_Surface *s);

#endif
