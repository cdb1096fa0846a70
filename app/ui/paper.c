#include "ui/paper.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* The smooth parts (mottling and vignette) change little over a few pixels:
 * they are computed in float on a grid of every STEP-th pixel only, and
 * interpolated in 16.16 fixed point in between. STEP is a power of two. */
#define STEP_SHIFT 3
#define STEP (1 << STEP_SHIFT)
/* Rows of grain are drawn from a table this much longer than a row. */
#define GRAIN_N 8191u

static Uint32 xorshift(Uint32 *s)
{
    Uint32 x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static float frand(Uint32 *s) { return (float)(xorshift(s) & 0xFFFFFF) / (float)0x1000000; }

/* Smooth value noise: a random grid of gw x gh values, bilinear with smoothstep. */
struct grid {
    int gw, gh;
    float *v;
};

static int grid_make(struct grid *g, int gw, int gh, Uint32 *seed)
{
    g->gw = gw;
    g->gh = gh;
    g->v = malloc(sizeof(float) * (size_t)(gw + 1) * (size_t)(gh + 1));
    if (!g->v)
        return -1;
    for (int i = 0; i < (gw + 1) * (gh + 1); i++)
        g->v[i] = frand(seed) * 2 - 1;
    return 0;
}

static float grid_at(const struct grid *g, float fx, float fy)
{
    float x = fx * g->gw, y = fy * g->gh;
    int ix = (int)x, iy = (int)y;
    if (ix >= g->gw) ix = g->gw - 1;
    if (iy >= g->gh) iy = g->gh - 1;
    float tx = x - ix, ty = y - iy;
    tx = tx * tx * (3 - 2 * tx);
    ty = ty * ty * (3 - 2 * ty);
    const float *r0 = g->v + (size_t)iy * (g->gw + 1), *r1 = r0 + g->gw + 1;
    float a = r0[ix] + (r0[ix + 1] - r0[ix]) * tx;
    float b = r1[ix] + (r1[ix + 1] - r1[ix]) * tx;
    return a + (b - a) * ty;
}

/* The smooth colour of the paper at pixel (x, y) in 16.16 fixed point, per
 * channel: mottled paper darkened toward a warm umber (rather than grey) at
 * the edges, then the wash laid over it. */
struct smooth {
    const struct grid *coarse, *fine;
    int w, h;
    float base[3], wash[3], wash_a;
};

static void smooth_at(const struct smooth *m, int x, int y, int32_t out[3])
{
    static const float umber[3] = {120, 92, 60};
    float fx = SDL_min(1.0f, (float)x / m->w), fy = SDL_min(1.0f, (float)y / m->h);
    float dx = (x - m->w / 2.0f) / (m->w / 2.0f), dy = (y - m->h / 2.0f) / (m->h / 2.0f);
    float n = 0.022f * grid_at(m->coarse, fx, fy) + 0.010f * grid_at(m->fine, fx, fy);
    float r2 = dx * dx * 0.85f + dy * dy;
    float v = r2 < 0.35f ? 0 : fminf(1.0f, (r2 - 0.35f) / 1.6f);
    v = v * v * 0.55f;
    for (int k = 0; k < 3; k++) {
        float c = m->base[k] * (1.0f + n);
        c = c + (umber[k] - c) * v * 0.35f;
        c = c + (m->wash[k] - c) * m->wash_a;
        out[k] = (int32_t)lroundf(c * 65536.0f);
    }
}

static inline Uint32 clamp8(int32_t v) { return v < 0 ? 0 : v > 255 ? 255 : (Uint32)v; }

/* Fills dst with the smooth field plus grain. rows: four rows of gx
 * samples of 3 channels (the band's top and bottom, the pixel row, its step). */
static void fill(SDL_Surface *dst, const struct smooth *m, int gx, int32_t *rows, Uint32 *rng,
                 const int32_t *grain)
{
    int w = dst->w, h = dst->h;
    int32_t *top = rows, *bottom = rows + 3 * gx, *cur = rows + 6 * gx, *d = rows + 9 * gx;
    for (int j = 0; j < gx; j++)
        smooth_at(m, j * STEP, 0, top + 3 * j);
    for (int band = 0; band * STEP < h; band++) {
        for (int j = 0; j < gx; j++)
            smooth_at(m, j * STEP, (band + 1) * STEP, bottom + 3 * j);
        /* cur steps from the top row toward the bottom one by d per pixel row */
        for (int i = 0; i < 3 * gx; i++) {
            cur[i] = top[i];
            d[i] = (bottom[i] - top[i]) / STEP;
        }
        int y1 = SDL_min(h, (band + 1) * STEP);
        for (int y = band * STEP; y < y1; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)dst->pixels + (size_t)y * dst->pitch);
            /* the grain of this row: a random stretch of the grain table */
            const int32_t *n = grain + xorshift(rng) % GRAIN_N;
            /* along the row: from one sample to the next in STEP equal steps */
            for (int x0 = 0, j = 0; x0 < w; x0 += STEP, j++) {
                const int32_t *a = cur + 3 * j;
                int32_t r = a[0] + 32768, g = a[1] + 32768, b = a[2] + 32768;
                int32_t dr = (a[3] - a[0]) >> STEP_SHIFT, dg = (a[4] - a[1]) >> STEP_SHIFT,
                        db = (a[5] - a[2]) >> STEP_SHIFT;
                int x1 = SDL_min(w, x0 + STEP);
                for (int x = x0; x < x1; x++) {
                    row[x] = 0xFF000000u | clamp8((r + n[x]) >> 16) << 16 | clamp8((g + n[x]) >> 16) << 8 |
                             clamp8((b + n[x]) >> 16);
                    r += dr;
                    g += dg;
                    b += db;
                }
            }
            for (int i = 0; i < 3 * gx; i++)
                cur[i] += d[i];
        }
        int32_t *t = top;
        top = bottom;
        bottom = t;
    }
}

/* Blends colour c with coverage a (0..255) over an opaque pixel. */
static inline void blend(Uint32 *p, const Uint8 c[3], unsigned a)
{
    if (a == 0)
        return;
    Uint32 v = *p;
    unsigned ia = 255 - a;
    unsigned r = (c[0] * a + ((v >> 16) & 255) * ia + 127) / 255;
    unsigned g = (c[1] * a + ((v >> 8) & 255) * ia + 127) / 255;
    unsigned b = (c[2] * a + (v & 255) * ia + 127) / 255;
    *p = 0xFF000000u | (r << 16) | (g << 8) | b;
}

/* A one-pixel square at (x, y), antialiased over the four pixels it touches. */
static void dab(SDL_Surface *dst, float x, float y, const Uint8 c[3], float alpha)
{
    int x0 = (int)floorf(x), y0 = (int)floorf(y);
    float tx = x - x0, ty = y - y0;
    float wx[2] = {1 - tx, tx}, wy[2] = {1 - ty, ty};
    for (int j = 0; j < 2; j++) {
        int py = y0 + j;
        if (py < 0 || py >= dst->h)
            continue;
        Uint32 *row = (Uint32 *)((Uint8 *)dst->pixels + (size_t)py * dst->pitch);
        for (int i = 0; i < 2; i++) {
            int px = x0 + i;
            if (px >= 0 && px < dst->w)
                blend(row + px, c, (unsigned)(alpha * wx[i] * wy[j] + 0.5f));
        }
    }
}

/* Fibres: short, faint, mostly horizontal strokes, a few lighter ones. */
static void fibres(SDL_Surface *dst, float unit, float wash_a, const float wash[3], Uint32 *rng)
{
    int w = dst->w, h = dst->h;
    int n_fibres = (int)((float)w * h / (unit * unit * 9.0f));
    Uint8 dark[3] = {150, 128, 96}, light[3] = {255, 252, 244};
    for (int k = 0; k < 3; k++) { /* seen through the wash: its colour mixed in, the coverage kept */
        dark[k] = (Uint8)lroundf(dark[k] + (wash[k] - dark[k]) * wash_a);
        light[k] = (Uint8)lroundf(light[k] + (wash[k] - light[k]) * wash_a);
    }
    for (int i = 0; i < n_fibres; i++) {
        float x = frand(rng) * w, y = frand(rng) * h;
        float len = unit * (0.6f + frand(rng) * 2.6f);
        float ang = (frand(rng) - 0.5f) * 1.4f;
        float bend = (frand(rng) - 0.5f) * 0.08f;
        bool is_dark = (xorshift(rng) & 3) != 0;
        const Uint8 *c = is_dark ? dark : light;
        float alpha = is_dark ? 14.0f : 22.0f;
        const float step = 0.7f;
        /* The direction turns by the same small angle at every step. */
        float turn = bend * step / unit, ct = cosf(turn), st = sinf(turn);
        float ca = cosf(ang), sa = sinf(ang);
        for (float t = 0; t < len; t += step) {
            float nc = ca * ct - sa * st;
            sa = sa * ct + ca * st;
            ca = nc;
            x += ca * step;
            y += sa * step;
            dab(dst, x, y, c, alpha);
        }
    }
}

int paper_draw(SDL_Surface *dst, struct rgb paper, unsigned seed, struct rgba wash)
{
    if (!dst || dst->format->format != SDL_PIXELFORMAT_ARGB8888 || dst->w < 1 || dst->h < 1)
        return SDL_SetError("paper: needs an ARGB8888 surface");
    int w = dst->w, h = dst->h;
    Uint32 rng = seed ? seed : 0x9E3779B9u;
    Uint32 grain_rng = rng ^ 0xA5A5A5A5u, fibre_rng = rng ^ 0x3C6EF372u;
    xorshift(&grain_rng);
    xorshift(&fibre_rng);
    float unit = (float)(w < h ? w : h) / 100.0f;
    struct grid coarse = {0}, fine = {0};
    int cw = SDL_max(4, (int)(w / (unit * 14))), ch = SDL_max(4, (int)(h / (unit * 14)));
    int gx = w / STEP + 2;
    int32_t *rows = malloc(sizeof(int32_t) * 12 * (size_t)gx);
    if (!rows || grid_make(&coarse, cw, ch, &rng) || grid_make(&fine, cw * 5, ch * 5, &rng)) {
        free(rows);
        free(coarse.v);
        free(fine.v);
        return SDL_OutOfMemory();
    }
    struct smooth m = {&coarse, &fine, w, h, {paper.r, paper.g, paper.b}, {wash.r, wash.g, wash.b},
                       wash.a / 255.0f};
    /* Grain of +-1.6 levels (as much less under the wash as the paper shows
     * through): white noise, each row a random stretch of one table. */
    int32_t *grain = malloc(sizeof(int32_t) * (GRAIN_N + (size_t)w));
    if (!grain) {
        free(rows);
        free(coarse.v);
        free(fine.v);
        return SDL_OutOfMemory();
    }
    int32_t levels[256];
    for (int i = 0; i < 256; i++)
        levels[i] = (int32_t)lroundf(((float)i - 127.5f) / 127.5f * 1.6f * (1.0f - m.wash_a) * 65536.0f);
    for (size_t i = 0; i < GRAIN_N + (size_t)w; i++)
        grain[i] = levels[xorshift(&grain_rng) & 255];
    SDL_LockSurface(dst);
    fill(dst, &m, gx, rows, &grain_rng, grain);
    fibres(dst, unit, m.wash_a, m.wash, &fibre_rng);
    SDL_UnlockSurface(dst);
    free(grain);
    free(rows);
    free(coarse.v);
    free(fine.v);
    return 0;
}
