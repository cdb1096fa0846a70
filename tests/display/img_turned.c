/* Compares two screenshots for the display tests:
 *   img_turned UPRIGHT.png PANEL.(png|xwd) DEG MAX_PERCENT
 * PANEL must be UPRIGHT turned DEG degrees clockwise (0, 90, 180, 270).
 * Prints "WxH differing=<percent>" (pixels whose colour differs by more than
 * a little in some channel) and exits 0 when that is at most MAX_PERCENT,
 * 1 otherwise, 2 on bad input. PANEL may be an XWD dump (xwd -root) of a
 * TrueColor screen of 3 or 4 bytes a pixel. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOLERANCE 40 /* per channel: filtering and hinting differences, not content */

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static int shift_of(uint32_t mask)
{
    int s = 0;
    while (mask && !(mask & 1)) {
        mask >>= 1;
        s++;
    }
    return s;
}

/* An XWD ZPixmap of 32 bits per pixel -> an RGB24 surface; NULL if it is not one. */
static SDL_Surface *load_xwd(const char *path)
{
    size_t len = 0;
    unsigned char *d = SDL_LoadFile(path, &len);
    if (!d || len < 100) {
        SDL_free(d);
        return NULL;
    }
    uint32_t hsize = be32(d), version = be32(d + 4), format = be32(d + 8), w = be32(d + 16), h = be32(d + 20);
    uint32_t order = be32(d + 28), bpp = be32(d + 44), bpl = be32(d + 48);
    uint32_t rmask = be32(d + 56), gmask = be32(d + 60), bmask = be32(d + 64), ncolors = be32(d + 76);
    size_t off = (size_t)hsize + (size_t)ncolors * 12;
    uint32_t bytes = bpp / 8; /* Xvfb's depth-24 screens pack 3 bytes a pixel */
    if (version != 7 || format != 2 || (bpp != 32 && bpp != 24) || w == 0 || h == 0 || w > 16384 || h > 16384 ||
        bpl < bytes * w || off + (size_t)bpl * h > len) {
        SDL_free(d);
        return NULL;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, (int)w, (int)h, 24, SDL_PIXELFORMAT_RGB24);
    for (uint32_t y = 0; s && y < h; y++) {
        const unsigned char *row = d + off + (size_t)y * bpl;
        unsigned char *out = (unsigned char *)s->pixels + (size_t)y * s->pitch;
        for (uint32_t x = 0; x < w; x++) {
            const unsigned char *p = row + bytes * x;
            uint32_t v = 0;
            for (uint32_t i = 0; i < bytes; i++)
                v |= (uint32_t)p[order == 0 ? i : bytes - 1 - i] << (8 * i);
            out[3 * x] = (unsigned char)((v & rmask) >> shift_of(rmask));
            out[3 * x + 1] = (unsigned char)((v & gmask) >> shift_of(gmask));
            out[3 * x + 2] = (unsigned char)((v & bmask) >> shift_of(bmask));
        }
    }
    SDL_free(d);
    return s;
}

static SDL_Surface *load_rgb(const char *path)
{
    size_t n = strlen(path);
    SDL_Surface *raw = n > 4 && !strcmp(path + n - 4, ".xwd") ? load_xwd(path) : IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "img_turned: %s: cannot read (PNG, or XWD of 3 or 4 bytes a pixel)\n", path);
        return NULL;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(raw);
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: img_turned UPRIGHT.png PANEL.(png|xwd) DEG MAX_PERCENT\n");
        return 2;
    }
    int deg = atoi(argv[3]);
    double max = atof(argv[4]);
    if (deg != 0 && deg != 90 && deg != 180 && deg != 270) {
        fprintf(stderr, "img_turned: DEG must be 0, 90, 180 or 270\n");
        return 2;
    }
    SDL_Surface *a = load_rgb(argv[1]), *b = load_rgb(argv[2]);
    if (!a || !b)
        return 2;
    int w = a->w, h = a->h;
    bool swap = deg == 90 || deg == 270;
    if ((swap ? h : w) != b->w || (swap ? w : h) != b->h) {
        printf("size mismatch: %dx%d turned %d is not %dx%d\n", w, h, deg, b->w, b->h);
        return 1;
    }
    long differing = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            /* Where upright (x, y) lands on the panel, turned clockwise. */
            int px = x, py = y;
            if (deg == 90) {
                px = h - 1 - y;
                py = x;
            } else if (deg == 180) {
                px = w - 1 - x;
                py = h - 1 - y;
            } else if (deg == 270) {
                px = y;
                py = w - 1 - x;
            }
            const unsigned char *p = (unsigned char *)a->pixels + (size_t)y * a->pitch + 3 * x;
            const unsigned char *q = (unsigned char *)b->pixels + (size_t)py * b->pitch + 3 * px;
            for (int c = 0; c < 3; c++) {
                if (abs(p[c] - q[c]) > TOLERANCE) {
                    differing++;
                    break;
                }
            }
        }
    }
    double pct = 100.0 * (double)differing / ((double)w * h);
    printf("%dx%d differing=%.3f\n", b->w, b->h, pct);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    return pct <= max ? 0 : 1;
}
