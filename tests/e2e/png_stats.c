/* Prints facts about a screenshot for the end-to-end tests:
 *   png_stats FILE  ->  "WIDTHxHEIGHT distinct=<n> ink=<percent>"
 * distinct: number of distinct colours (capped at 65536);
 * ink: percentage of pixels that differ clearly from the most common colour
 * (the background). A blank or failed render has distinct close to 1 and ink 0. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAP 65536

static int colour_index(uint32_t *keys, int *n, uint32_t c)
{
    /* Open addressing in a fixed table: screenshots have few colours that matter. */
    uint32_t h = (c * 2654435761u) & (CAP * 2 - 1);
    while (keys[h] != 0xFFFFFFFFu) {
        if (keys[h] == c)
            return (int)h;
        h = (h + 1) & (CAP * 2 - 1);
    }
    if (*n >= CAP)
        return -1;
    keys[h] = c;
    (*n)++;
    return (int)h;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: png_stats FILE.png\n");
        return 2;
    }
    SDL_Surface *raw = IMG_Load(argv[1]);
    if (!raw) {
        fprintf(stderr, "png_stats: %s: %s\n", argv[1], IMG_GetError());
        return 1;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(raw);
    if (!s) {
        fprintf(stderr, "png_stats: %s: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    uint32_t *keys = malloc(sizeof(uint32_t) * CAP * 2);
    unsigned *counts = calloc(CAP * 2, sizeof *counts);
    if (!keys || !counts)
        return 1;
    memset(keys, 0xFF, sizeof(uint32_t) * CAP * 2);
    int distinct = 0;
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            int i = colour_index(keys, &distinct, row[x] & 0xFFFFFF);
            if (i >= 0)
                counts[i]++;
        }
    }
    uint32_t bg = 0;
    unsigned best = 0;
    for (int i = 0; i < CAP * 2; i++)
        if (keys[i] != 0xFFFFFFFFu && counts[i] > best) {
            best = counts[i];
            bg = keys[i];
        }
    long ink = 0;
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            uint32_t c = row[x];
            int dr = abs((int)((c >> 16) & 255) - (int)((bg >> 16) & 255));
            int dg = abs((int)((c >> 8) & 255) - (int)((bg >> 8) & 255));
            int db = abs((int)(c & 255) - (int)(bg & 255));
            if (dr + dg + db > 96)
                ink++;
        }
    }
    printf("%dx%d distinct=%d ink=%.2f\n", s->w, s->h, distinct, 100.0 * (double)ink / ((double)s->w * s->h));
    free(keys);
    free(counts);
    SDL_FreeSurface(s);
    return 0;
}
