#include "ui/shots.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int shot_save(SDL_Renderer *ren, const char *path, char *err, size_t errlen)
{
    /* What is being drawn into: the upright picture when the panel is
     * turned (a target texture), else the window. */
    int w, h;
    SDL_Texture *target = SDL_GetRenderTarget(ren);
    if (target ? SDL_QueryTexture(target, NULL, NULL, &w, &h) != 0 : SDL_GetRendererOutputSize(ren, &w, &h) != 0) {
        snprintf(err, errlen, "cannot read the picture's size: %s", SDL_GetError());
        return -1;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
    if (!s) {
        snprintf(err, errlen, "SDL_CreateRGBSurfaceWithFormat() failed: %s", SDL_GetError());
        return -1;
    }
    int rc = 0;
    if (SDL_RenderReadPixels(ren, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) != 0) {
        snprintf(err, errlen, "SDL_RenderReadPixels() failed: %s", SDL_GetError());
        rc = -1;
    } else if (IMG_SavePNG(s, path) != 0) {
        snprintf(err, errlen, "%s: IMG_SavePNG() failed: %s", path, IMG_GetError());
        rc = -1;
    }
    SDL_FreeSurface(s);
    return rc;
}

static SDL_Surface *shrink(SDL_Surface *frame, int width, char *err, size_t errlen)
{
    int w = frame->w < width ? frame->w : width;
    int h = (int)((int64_t)frame->h * w / frame->w);
    if (h < 1)
        h = 1;
    SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!small) {
        snprintf(err, errlen, "SDL_CreateRGBSurfaceWithFormat() failed: %s", SDL_GetError());
        return NULL;
    }
    if (SDL_SoftStretchLinear(frame, NULL, small, NULL) != 0) {
        snprintf(err, errlen, "SDL_SoftStretchLinear() failed: %s", SDL_GetError());
        SDL_FreeSurface(small);
        return NULL;
    }
    return small;
}

/* PNG into memory: a buffer larger than any PNG of these pixels can be. */
static int encode_png(SDL_Surface *s, void **png, size_t *len, char *err, size_t errlen)
{
    size_t cap = (size_t)s->w * (size_t)s->h * 4 + (size_t)s->h + 65536;
    void *buf = malloc(cap);
    SDL_RWops *rw = buf ? SDL_RWFromMem(buf, (int)cap) : NULL;
    if (!rw) {
        snprintf(err, errlen, "out of memory for the screenshot");
        free(buf);
        return -1;
    }
    int rc = IMG_SavePNG_RW(s, rw, 0);
    Sint64 n = SDL_RWtell(rw);
    SDL_RWclose(rw);
    if (rc != 0 || n <= 0) {
        snprintf(err, errlen, "IMG_SavePNG_RW() failed: %s", IMG_GetError());
        free(buf);
        return -1;
    }
    *png = buf;
    *len = (size_t)n;
    return 0;
}

int shot_png_small(SDL_Surface *frame, int width, void **png, size_t *len, char *err, size_t errlen)
{
    SDL_Surface *small = shrink(frame, width, err, errlen);
    if (!small)
        return -1;
    int rc = encode_png(small, png, len, err, errlen);
    SDL_FreeSurface(small);
    return rc;
}

int shot_dir(const char *dir, char *err, size_t errlen)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}
