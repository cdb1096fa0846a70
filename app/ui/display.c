#include "ui/display.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>
#include <string.h>

#include "core/log.h"
#include "core/rotation.h"
#include "core/video_advice.h"

int display_init(struct display *d, SDL_Renderer *ren, int rotate, int panel_w, int panel_h, char *err,
                 size_t errlen)
{
    memset(d, 0, sizeof *d);
    d->ren = ren;
    d->rotate = rotation_valid(rotate) ? rotate : 0;
    d->panel_w = panel_w;
    d->panel_h = panel_h;
    rotation_logical_size(d->rotate, panel_w, panel_h, &d->w, &d->h);
    if (!d->rotate)
        return 0;
    d->picture = SDL_CreateTexture(ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, d->w, d->h);
    if (!d->picture) {
        snprintf(err, errlen,
                 "rotate = %d: the renderer cannot draw into a %dx%d texture (%s); set [display] rotate = 0 "
                 "and turn the output with the system instead (see docs/display.md)",
                 d->rotate, d->w, d->h, SDL_GetError());
        return -1;
    }
    SDL_SetTextureBlendMode(d->picture, SDL_BLENDMODE_NONE);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(ren, &info) == 0 && info.name && !strcmp(info.name, "software")) {
        d->panel = SDL_CreateTexture(ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, panel_w, panel_h);
        d->pixels = malloc((size_t)d->w * (size_t)d->h * sizeof *d->pixels);
        if (!d->panel || !d->pixels) {
            snprintf(err, errlen, "rotate = %d: no memory for a %dx%d panel picture (%s)", d->rotate, panel_w,
                     panel_h, SDL_GetError());
            display_free(d);
            return -1;
        }
        SDL_SetTextureBlendMode(d->panel, SDL_BLENDMODE_NONE);
    }
    if (SDL_SetRenderTarget(ren, d->picture) != 0 || SDL_SetRenderTarget(ren, NULL) != 0) {
        snprintf(err, errlen, "rotate = %d: SDL_SetRenderTarget() failed (%s); set [display] rotate = 0 and turn "
                 "the output with the system instead (see docs/display.md)", d->rotate, SDL_GetError());
        display_free(d);
        return -1;
    }
    return 0;
}

void display_free(struct display *d)
{
    if (d->picture)
        SDL_DestroyTexture(d->picture);
    if (d->panel)
        SDL_DestroyTexture(d->panel);
    free(d->pixels);
    d->picture = d->panel = NULL;
    d->pixels = NULL;
}

/* The software renderer's way: read the picture back, turn it into the
 * streaming texture in one pass. Returns -1 when a step failed. */
static int turn_by_hand(struct display *d)
{
    void *dst;
    int pitch;
    if (SDL_RenderReadPixels(d->ren, NULL, SDL_PIXELFORMAT_ARGB8888, d->pixels, d->w * (int)sizeof *d->pixels) != 0 ||
        SDL_LockTexture(d->panel, NULL, &dst, &pitch) != 0)
        return -1;
    rotation_turn_pixels(d->rotate, d->pixels, d->w, d->h, d->w, dst, pitch / (int)sizeof(uint32_t));
    SDL_UnlockTexture(d->panel);
    SDL_SetRenderTarget(d->ren, NULL);
    return SDL_RenderCopy(d->ren, d->panel, NULL, NULL);
}

void display_panel_compose(struct display *d)
{
    if (!d->picture)
        return;
    if (d->panel && turn_by_hand(d) == 0)
        return;
    SDL_SetRenderTarget(d->ren, NULL);
    SDL_SetRenderDrawColor(d->ren, 0, 0, 0, 255);
    SDL_RenderClear(d->ren);
    /* SDL turns the copy about the centre of its rectangle: the logical
     * rectangle centred on the panel, turned a quarter, covers the panel. */
    SDL_Rect dst = {(d->panel_w - d->w) / 2, (d->panel_h - d->h) / 2, d->w, d->h};
    SDL_RenderCopyEx(d->ren, d->picture, NULL, &dst, (double)d->rotate, NULL, SDL_FLIP_NONE);
}

void display_begin(struct display *d)
{
    if (d->picture)
        SDL_SetRenderTarget(d->ren, d->picture);
}

void display_present(struct display *d)
{
    display_panel_compose(d);
    SDL_RenderPresent(d->ren);
}

void display_describe(const struct display *d, char *out, size_t n)
{
    snprintf(out, n, "rotate=%d panel=%dx%d", d->rotate, d->panel_w, d->panel_h);
}

static enum dri_state dri_state(void)
{
    DIR *dir = opendir("/dev/dri");
    if (!dir)
        return DRI_MISSING;
    enum dri_state st = DRI_MISSING;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, "card", 4) != 0)
            continue;
        char path[300];
        snprintf(path, sizeof path, "/dev/dri/%s", e->d_name);
        if (access(path, R_OK | W_OK) == 0) {
            st = DRI_USABLE;
            break;
        }
        st = DRI_NO_ACCESS;
    }
    closedir(dir);
    return st;
}

void display_init_failed(const char *sdl_error)
{
    const char *driver = getenv("SDL_VIDEODRIVER");
    const char *display = driver && !strcasecmp(driver, "wayland") ? getenv("WAYLAND_DISPLAY") : getenv("DISPLAY");
    char line[1024];
    video_advice(line, sizeof line, driver, display, dri_state(), sdl_error);
    log_err("%s", line);
}
