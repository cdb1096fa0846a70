#include "ui/image.h"

#include <SDL_image.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ui/gfx.h"

static bool is_svg(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

static SDL_Surface *load_svg(const char *path, int w, int h, char *err, size_t errlen)
{
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        snprintf(err, errlen, "%s", SDL_GetError());
        return NULL;
    }
    SDL_Surface *s = IMG_LoadSizedSVG_RW(rw, w, h);
    SDL_RWclose(rw);
    if (!s || s->w < 1 || s->h < 1) {
        if (s)
            SDL_FreeSurface(s);
        snprintf(err, errlen, "cannot decode SVG: %s", IMG_GetError());
        return NULL;
    }
    SDL_Surface *c = gfx_to_argb(s);
    SDL_FreeSurface(s);
    if (!c)
        snprintf(err, errlen, "%s", SDL_GetError());
    return c;
}

static SDL_Surface *load_raster(const char *path, char *err, size_t errlen)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s) {
        snprintf(err, errlen, "cannot decode: %s", IMG_GetError());
        return NULL;
    }
    if (s->w < 1 || s->h < 1 || s->w > 16384 || s->h > 16384) {
        snprintf(err, errlen, "unsupported size %dx%d", s->w, s->h);
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

SDL_Surface *image_load_contain(const char *path, int w, int h, char *err, size_t errlen)
{
    if (is_svg(path))
        return load_svg(path, w, h, err, errlen);
    SDL_Surface *s = load_raster(path, err, errlen);
    if (!s)
        return NULL;
    double k = SDL_min((double)w / s->w, (double)h / s->h);
    int sw = SDL_max(1, (int)(s->w * k + 0.5)), sh = SDL_max(1, (int)(s->h * k + 0.5));
    SDL_Surface *out = gfx_scale(s, sw, sh);
    SDL_FreeSurface(s);
    if (!out)
        snprintf(err, errlen, "%s", SDL_GetError());
    return out;
}

SDL_Surface *image_load_cover(const char *path, int w, int h, char *err, size_t errlen)
{
    SDL_Surface *s;
    if (is_svg(path)) {
        s = load_svg(path, w, 0, err, errlen);
        if (s && s->h < h) {
            SDL_FreeSurface(s);
            s = load_svg(path, 0, h, err, errlen);
        }
    } else {
        s = load_raster(path, err, errlen);
    }
    if (!s)
        return NULL;
    SDL_Surface *out = gfx_scale_cover(s, w, h);
    SDL_FreeSurface(s);
    if (!out)
        snprintf(err, errlen, "%s", SDL_GetError());
    return out;
}
