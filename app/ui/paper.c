#include "ui/paper.h"

#include <math.h>
#include <stdlib.h>

#include "ui/gfx.h"

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

static Uint8 clamp8(float v) { return v < 0 ? 0 : v > 255 ? 255 : (Uint8)(v + 0.5f); }

SDL_Surface *paper_make(int w, int h, struct rgb paper, unsigned seed)
{
    SDL_Surface *s = gfx_surface(w, h);
    if (!s)
        return NULL;
    Uint32 rng = seed ? seed : 0x9E3779B9u;
    float unit = (float)(w < h ? w : h) / 100.0f;
    struct grid coarse = {0}, fine = {0};
    int cw = SDL_max(4, (int)(w / (unit * 14))), ch = SDL_max(4, (int)(h / (unit * 14)));
    if (grid_make(&coarse, cw, ch, &rng) || grid_make(&fine, cw * 5, ch * 5, &rng)) {
        free(coarse.v);
        free(fine.v);
        SDL_FreeSurface(s);
        return NULL;
    }
    /* The vignette darkens toward a warm umber rather than grey. */
    const float umber[3] = {120, 92, 60};
    float cx = w / 2.0f, cy = h / 2.0f, rx = w / 2.0f, ry = h / 2.0f;
    SDL_LockSurface(s);
    for (int y = 0; y < h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch);
        float fy = (float)y / h, dy = (y - cy) / ry;
        for (int x = 0; x < w; x++) {
            float fx = (float)x / w, dx = (x - cx) / rx;
            float n = 0.022f * grid_at(&coarse, fx, fy) + 0.010f * grid_at(&fine, fx, fy);
            float r2 = dx * dx * 0.85f + dy * dy;
            float v = r2 < 0.35f ? 0 : fminf(1.0f, (r2 - 0.35f) / 1.6f);
            v = v * v * 0.55f;
            float grain = ((float)(xorshift(&rng) & 255) - 127.5f) / 127.5f * 1.6f;
            float base[3] = {paper.r, paper.g, paper.b};
            Uint8 out[3];
            for (int k = 0; k < 3; k++) {
                float c = base[k] * (1.0f + n);
                c = c + (umber[k] - c) * v * 0.35f;
                out[k] = clamp8(c + grain);
            }
            row[x] = 0xFF000000u | ((Uint32)out[0] << 16) | ((Uint32)out[1] << 8) | out[2];
        }
    }
    SDL_UnlockSurface(s);
    free(coarse.v);
    free(fine.v);

    /* Fibres: short, faint, mostly horizontal strokes, a few lighter ones. */
    int n_fibres = (int)((float)w * h / (unit * unit * 9.0f));
    struct rgba dark = {150, 128, 96, 14}, light = {255, 252, 244, 22};
    for (int i = 0; i < n_fibres; i++) {
        float x = frand(&rng) * w, y = frand(&rng) * h;
        float len = unit * (0.6f + frand(&rng) * 2.6f);
        float ang = (frand(&rng) - 0.5f) * 1.4f;
        float ca = cosf(ang), sa = sinf(ang), bend = (frand(&rng) - 0.5f) * 0.08f;
        struct rgba c = (xorshift(&rng) & 3) ? dark : light;
        float step = 0.7f;
        for (float t = 0; t < len; t += step) {
            ang += bend * step / unit;
            ca = cosf(ang);
            sa = sinf(ang);
            x += ca * step;
            y += sa * step;
            gfx_fill_rect(s, x, y, 1.0f, 1.0f, c);
        }
    }
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
    return s;
}
