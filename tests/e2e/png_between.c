/* Checks that a frame lies between two others, as every frame of a clean
 * cross-fade does:
 *   png_between FROM FRAME TO  ->  "excess=<e> span=<s> off=<n> box=X0,Y0-X1,Y1"
 * For each colour channel of each pixel, |from-frame| + |frame-to| equals
 * |from-to| when the frame is a blend of the two; excess is the mean of what
 * exceeds it (0 for a clean blend, large for a blank, black or foreign
 * frame), span the mean of |from-to| (how much the two ends differ); off
 * counts the pixels clearly off the blend (excess over 24 summed over the
 * channels) and box bounds them, to show where a glitch is. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "png_between: %s: %s\n", path, IMG_GetError());
        exit(2);
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!s) {
        fprintf(stderr, "png_between: %s: %s\n", path, SDL_GetError());
        exit(2);
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: png_between FROM FRAME TO\n");
        return 2;
    }
    SDL_Surface *a = load(argv[1]), *f = load(argv[2]), *b = load(argv[3]);
    if (a->w != f->w || a->w != b->w || a->h != f->h || a->h != b->h) {
        fprintf(stderr, "png_between: the three pictures differ in size\n");
        return 2;
    }
    double excess = 0, span = 0;
    long off = 0;
    int x0 = a->w, y0 = a->h, x1 = -1, y1 = -1;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
        const Uint8 *pf = (const Uint8 *)f->pixels + y * f->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w; x++) {
            int pixel_excess = 0;
            for (int c = x * 4; c < x * 4 + 3; c++) { /* not alpha */
                int ab = abs(pa[c] - pb[c]);
                pixel_excess += abs(pa[c] - pf[c]) + abs(pf[c] - pb[c]) - ab;
                span += ab;
            }
            excess += pixel_excess;
            if (pixel_excess > 24) {
                off++;
                x0 = x < x0 ? x : x0;
                y0 = y < y0 ? y : y0;
                x1 = x > x1 ? x : x1;
                y1 = y > y1 ? y : y1;
            }
        }
    }
    double n = (double)a->w * a->h * 3;
    printf("excess=%.3f span=%.3f off=%ld box=%d,%d-%d,%d\n", excess / n, span / n, off, x0, y0, x1, y1);
    SDL_FreeSurface(a);
    SDL_FreeSurface(f);
    SDL_FreeSurface(b);
    return 0;
}
