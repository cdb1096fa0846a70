#include "ui/gfx.h"

#include <math.h>
#include <string.h>

struct rgb rgb_mix(struct rgb a, struct rgb b, float t)
{
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    return (struct rgb){(Uint8)lroundf(a.r + (b.r - a.r) * t), (Uint8)lroundf(a.g + (b.g - a.g) * t),
                        (Uint8)lroundf(a.b + (b.b - a.b) * t)};
}

SDL_Surface *gfx_surface(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s) {
        SDL_FillRect(s, NULL, 0);
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    }
    return s;
}

SDL_Surface *gfx_detach(SDL_Surface *s)
{
    if (!s)
        return NULL;
    /* SDL keeps the links in the destination's list_blitmap (a field its
     * header marks private): empty when no SDL blit ever drew into s, or
     * every source since let go, and then s can cross as it is. Slides are
     * drawn with the functions here only, so they cross without a copy. */
    if (!s->list_blitmap)
        return s;
    SDL_Surface *copy = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, s->format->BitsPerPixel, s->format->format);
    if (copy) {
        SDL_LockSurface(s);
        size_t row = (size_t)s->w * s->format->BytesPerPixel;
        for (int y = 0; y < s->h; y++)
            memcpy((Uint8 *)copy->pixels + (size_t)y * (size_t)copy->pitch,
                   (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch, row);
        SDL_UnlockSurface(s);
        SDL_BlendMode mode;
        if (SDL_GetSurfaceBlendMode(s, &mode) == 0)
            SDL_SetSurfaceBlendMode(copy, mode);
    }
    SDL_FreeSurface(s); /* here, on the thread that blitted into it */
    return copy;
}

SDL_Surface *gfx_to_argb(SDL_Surface *src)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    if (s)
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    return s;
}

static inline Uint32 *row(SDL_Surface *s, int y) { return (Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch); }

/* Straight-alpha "source over" of colour (r,g,b) with alpha a (0..255 scaled by 255*cov). */
static inline void blend_px(Uint32 *p, unsigned r, unsigned g, unsigned b, unsigned a)
{
    if (a == 0)
        return;
    Uint32 d = *p;
    unsigned da = d >> 24, dr = (d >> 16) & 255, dg = (d >> 8) & 255, db = d & 255;
    if (da == 255) {
        unsigned ia = 255 - a;
        dr = (r * a + dr * ia + 127) / 255;
        dg = (g * a + dg * ia + 127) / 255;
        db = (b * a + db * ia + 127) / 255;
        *p = 0xFF000000u | (dr << 16) | (dg << 8) | db;
        return;
    }
    unsigned oa = a + (da * (255 - a) + 127) / 255;
    if (oa == 0) {
        *p = 0;
        return;
    }
    unsigned wd = da * (255 - a) / 255;
    dr = (r * a + dr * wd) / oa;
    dg = (g * a + dg * wd) / oa;
    db = (b * a + db * wd) / oa;
    *p = (oa << 24) | (dr << 16) | (dg << 8) | db;
}

static inline float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

static void cover_px(SDL_Surface *dst, int x, int y, struct rgba c, float cov)
{
    if (cov <= 0.0f)
        return;
    unsigned a = (unsigned)lroundf(c.a * clampf(cov, 0, 1));
    blend_px(row(dst, y) + x, c.r, c.g, c.b, a);
}

void gfx_fill_rect(SDL_Surface *dst, float x, float y, float w, float h, struct rgba c)
{
    if (w <= 0 || h <= 0)
        return;
    int x0 = (int)floorf(x), y0 = (int)floorf(y), x1 = (int)ceilf(x + w), y1 = (int)ceilf(y + h);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > dst->w) x1 = dst->w;
    if (y1 > dst->h) y1 = dst->h;
    SDL_LockSurface(dst);
    for (int py = y0; py < y1; py++) {
        float cy = fminf(py + 1.0f, y + h) - fmaxf((float)py, y);
        for (int px = x0; px < x1; px++) {
            float cx = fminf(px + 1.0f, x + w) - fmaxf((float)px, x);
            cover_px(dst, px, py, c, cx * cy);
        }
    }
    SDL_UnlockSurface(dst);
}

void gfx_stroke_rect(SDL_Surface *dst, float x, float y, float w, float h, float t, struct rgba c)
{
    gfx_fill_rect(dst, x, y, w, t, c);
    gfx_fill_rect(dst, x, y + h - t, w, t, c);
    gfx_fill_rect(dst, x, y + t, t, h - 2 * t, c);
    gfx_fill_rect(dst, x + w - t, y + t, t, h - 2 * t, c);
}

/* Signed distance from (px,py) to a rounded box centred at (cx,cy). */
static float sd_round_box(float px, float py, float cx, float cy, float hw, float hh, float r)
{
    float qx = fabsf(px - cx) - (hw - r), qy = fabsf(py - cy) - (hh - r);
    float ox = fmaxf(qx, 0), oy = fmaxf(qy, 0);
    return sqrtf(ox * ox + oy * oy) + fminf(fmaxf(qx, qy), 0) - r;
}

static void round_rect(SDL_Surface *dst, float x, float y, float w, float h, float r, float t, struct rgba c)
{
    if (w <= 0 || h <= 0)
        return;
    if (r > w / 2) r = w / 2;
    if (r > h / 2) r = h / 2;
    float cx = x + w / 2, cy = y + h / 2;
    int x0 = (int)floorf(x) - 1, y0 = (int)floorf(y) - 1, x1 = (int)ceilf(x + w) + 1, y1 = (int)ceilf(y + h) + 1;
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > dst->w) x1 = dst->w;
    if (y1 > dst->h) y1 = dst->h;
    SDL_LockSurface(dst);
    for (int py = y0; py < y1; py++) {
        for (int px = x0; px < x1; px++) {
            float d = sd_round_box(px + 0.5f, py + 0.5f, cx, cy, w / 2, h / 2, r);
            float cov = clampf(0.5f - d, 0, 1);
            if (t > 0)
                cov *= 1.0f - clampf(0.5f - (d + t), 0, 1);
            cover_px(dst, px, py, c, cov);
        }
    }
    SDL_UnlockSurface(dst);
}

void gfx_fill_round_rect(SDL_Surface *dst, float x, float y, float w, float h, float r, struct rgba c)
{
    round_rect(dst, x, y, w, h, r, 0, c);
}

void gfx_stroke_round_rect(SDL_Surface *dst, float x, float y, float w, float h, float r, float t, struct rgba c)
{
    round_rect(dst, x, y, w, h, r, t, c);
}

void gfx_fill_circle(SDL_Surface *dst, float cx, float cy, float r, struct rgba c)
{
    round_rect(dst, cx - r, cy - r, 2 * r, 2 * r, r, 0, c);
}

void gfx_stroke_circle(SDL_Surface *dst, float cx, float cy, float r, float t, struct rgba c)
{
    round_rect(dst, cx - r, cy - r, 2 * r, 2 * r, r, t, c);
}

static void blit(SDL_Surface *dst, SDL_Surface *src, int x, int y, const struct rgba *tint, Uint8 opacity)
{
    if (!src || src->format->format != SDL_PIXELFORMAT_ARGB8888)
        return;
    int sx0 = x < 0 ? -x : 0, sy0 = y < 0 ? -y : 0;
    int sx1 = src->w, sy1 = src->h;
    if (x + sx1 > dst->w) sx1 = dst->w - x;
    if (y + sy1 > dst->h) sy1 = dst->h - y;
    if (sx0 >= sx1 || sy0 >= sy1)
        return;
    SDL_LockSurface(dst);
    SDL_LockSurface(src);
    for (int sy = sy0; sy < sy1; sy++) {
        const Uint32 *s = row(src, sy);
        Uint32 *d = row(dst, y + sy) + x;
        for (int sx = sx0; sx < sx1; sx++) {
            Uint32 p = s[sx];
            unsigned a = p >> 24;
            if (!a)
                continue;
            if (tint)
                blend_px(d + sx, tint->r, tint->g, tint->b, (a * tint->a + 127) / 255);
            else
                blend_px(d + sx, (p >> 16) & 255, (p >> 8) & 255, p & 255, (a * opacity + 127) / 255);
        }
    }
    SDL_UnlockSurface(src);
    SDL_UnlockSurface(dst);
}

void gfx_blit(SDL_Surface *dst, SDL_Surface *src, int x, int y, Uint8 opacity) { blit(dst, src, x, y, NULL, opacity); }

void gfx_blit_tinted(SDL_Surface *dst, SDL_Surface *src, int x, int y, struct rgba c) { blit(dst, src, x, y, &c, 255); }

/* Halves a surface with a 2x2 box filter (alpha-weighted). */
static SDL_Surface *halve(SDL_Surface *src)
{
    int w = src->w / 2 > 0 ? src->w / 2 : 1, h = src->h / 2 > 0 ? src->h / 2 : 1;
    SDL_Surface *d = gfx_surface(w, h);
    if (!d)
        return NULL;
    for (int y = 0; y < h; y++) {
        const Uint32 *r0 = row(src, SDL_min(2 * y, src->h - 1)), *r1 = row(src, SDL_min(2 * y + 1, src->h - 1));
        Uint32 *o = row(d, y);
        for (int x = 0; x < w; x++) {
            int xa = SDL_min(2 * x, src->w - 1), xb = SDL_min(2 * x + 1, src->w - 1);
            Uint32 q[4] = {r0[xa], r0[xb], r1[xa], r1[xb]};
            unsigned sa = 0, sr = 0, sg = 0, sb = 0;
            for (int i = 0; i < 4; i++) {
                unsigned a = q[i] >> 24;
                sa += a;
                sr += ((q[i] >> 16) & 255) * a;
                sg += ((q[i] >> 8) & 255) * a;
                sb += (q[i] & 255) * a;
            }
            if (sa == 0) {
                o[x] = 0;
                continue;
            }
            o[x] = ((sa / 4) << 24) | ((sr / sa) << 16) | ((sg / sa) << 8) | (sb / sa);
        }
    }
    return d;
}

SDL_Surface *gfx_scale(SDL_Surface *src, int w, int h)
{
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    SDL_Surface *cur = gfx_to_argb(src);
    while (cur && cur->w >= 2 * w && cur->h >= 2 * h) {
        SDL_Surface *n = halve(cur);
        SDL_FreeSurface(cur);
        cur = n;
    }
    if (!cur)
        return NULL;
    if (cur->w == w && cur->h == h)
        return cur;
    SDL_Surface *out = gfx_surface(w, h);
    if (out && SDL_SoftStretchLinear(cur, NULL, out, NULL) != 0) {
        SDL_FreeSurface(out);
        out = NULL;
    }
    SDL_FreeSurface(cur);
    return out;
}

SDL_Surface *gfx_scale_cover(SDL_Surface *src, int w, int h)
{
    double s = fmax((double)w / src->w, (double)h / src->h);
    int sw = (int)ceil(src->w * s), sh = (int)ceil(src->h * s);
    if (sw < w) sw = w;
    if (sh < h) sh = h;
    SDL_Surface *scaled = gfx_scale(src, sw, sh);
    if (!scaled)
        return NULL;
    SDL_Surface *out = gfx_surface(w, h);
    if (out) {
        SDL_Rect r = {(sw - w) / 2, (sh - h) / 2, w, h};
        SDL_SetSurfaceBlendMode(scaled, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(scaled, &r, out, NULL);
        SDL_SetSurfaceBlendMode(out, SDL_BLENDMODE_BLEND);
    }
    SDL_FreeSurface(scaled);
    return out;
}

static float soft_edge(float v, float lo, float hi, float radius)
{
    /* 1 inside [lo,hi], falling smoothly to 0 over `radius` outside. */
    float d = fmaxf(lo - v, v - hi);
    if (d <= -radius)
        return 1;
    float t = clampf((d + radius) / (2 * radius), 0, 1);
    return 1 - t * t * (3 - 2 * t);
}

void gfx_shadow(SDL_Surface *dst, int x, int y, int w, int h, int radius, Uint8 strength)
{
    if (radius < 1)
        radius = 1;
    int x0 = SDL_max(0, x - radius), y0 = SDL_max(0, y - radius);
    int x1 = SDL_min(dst->w, x + w + radius), y1 = SDL_min(dst->h, y + h + radius);
    struct rgba c = {0x30, 0x22, 0x10, strength};
    SDL_LockSurface(dst);
    for (int py = y0; py < y1; py++) {
        float cy = soft_edge(py + 0.5f, (float)y, (float)(y + h), (float)radius);
        for (int px = x0; px < x1; px++) {
            float cx = soft_edge(px + 0.5f, (float)x, (float)(x + w), (float)radius);
            cover_px(dst, px, py, c, cx * cy);
        }
    }
    SDL_UnlockSurface(dst);
}
