#include "ui/shots.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
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

int shot_dir(const char *dir, char *err, size_t errlen)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}
