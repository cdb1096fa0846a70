#include "ui/chrome.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/memstat.h"
#include "ui/gfx.h"
#include "ui/text.h"

static SDL_Texture *make_round(SDL_Renderer *ren, int size, float thickness)
{
    SDL_Surface *s = gfx_surface(size, size);
    if (!s)
        return NULL;
    float r = size / 2.0f - 1;
    if (thickness > 0)
        gfx_stroke_circle(s, size / 2.0f, size / 2.0f, r, thickness, (struct rgba){255, 255, 255, 255});
    else
        gfx_fill_circle(s, size / 2.0f, size / 2.0f, r, (struct rgba){255, 255, 255, 255});
    SDL_Texture *t = SDL_CreateTextureFromSurface(ren, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static int make_textures(struct chrome *c)
{
    if (!c->disc)
        c->disc = make_round(c->ren, 64, 0);
    if (!c->ring)
        c->ring = make_round(c->ren, 256, 7);
    return c->disc && c->ring ? 0 : -1;
}

int chrome_init(struct chrome *c, SDL_Renderer *ren, const struct geom *g, const struct theme *theme,
                const struct font_faces *faces, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->ren = ren;
    c->g = *g;
    c->theme = theme;
    c->clock_minute = -1;
    c->faces = faces;
    /* Opened once to check them, then only when needed. */
    int rc = font_open(&c->sans, &faces->sans, err, errlen) || font_open(&c->bold, &faces->bold, err, errlen) ? -1 : 0;
    font_close(&c->sans);
    font_close(&c->bold);
    if (rc)
        return -1;
    if (make_textures(c)) {
        snprintf(err, errlen, "SDL_CreateTextureFromSurface() failed: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

void chrome_lost(struct chrome *c)
{
    if (c->head_tex)
        SDL_DestroyTexture(c->head_tex);
    if (c->foot_tex)
        SDL_DestroyTexture(c->foot_tex);
    if (c->clock_tex)
        SDL_DestroyTexture(c->clock_tex);
    if (c->disc)
        SDL_DestroyTexture(c->disc);
    if (c->ring)
        SDL_DestroyTexture(c->ring);
    c->head_tex = c->foot_tex = c->clock_tex = c->disc = c->ring = NULL;
    c->clock_minute = -1;
}

void chrome_free(struct chrome *c)
{
    chrome_lost(c);
    chrome_fonts_close(c);
}

int chrome_fonts_open(struct chrome *c)
{
    if (c->fonts_open)
        return 0;
    char err[512];
    if (font_open(&c->sans, &c->faces->sans, err, sizeof err) != 0 ||
        font_open(&c->bold, &c->faces->bold, err, sizeof err) != 0) {
        font_close(&c->sans);
        log_err("%s", err);
        return -1;
    }
    c->fonts_open = true;
    return 0;
}

void chrome_fonts_close(struct chrome *c)
{
    if (!c->fonts_open)
        return;
    font_close(&c->sans);
    font_close(&c->bold);
    c->fonts_open = false;
}

/* A texture of rows [y, y + h) of s, blended. */
static SDL_Texture *band(SDL_Renderer *ren, SDL_Surface *s, int y, int h)
{
    SDL_Surface *part = SDL_CreateRGBSurfaceWithFormatFrom((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch, s->w, h,
                                                           32, s->pitch, s->format->format);
    SDL_Texture *t = part ? SDL_CreateTextureFromSurface(ren, part) : NULL;
    if (part)
        SDL_FreeSurface(part);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    else
        log_err("SDL_CreateTextureFromSurface() failed: %s", SDL_GetError());
    return t;
}

void chrome_set_static(struct chrome *c, SDL_Surface *s)
{
    if (!s)
        return;
    if (c->head_tex)
        SDL_DestroyTexture(c->head_tex);
    if (c->foot_tex)
        SDL_DestroyTexture(c->foot_tex);
    c->head_tex = c->foot_tex = NULL;
    int hh = c->g.header.h, fh = c->g.footer.h;
    if (s->w != c->g.w || s->h != hh + fh || s->format->BytesPerPixel != 4) {
        log_err("chrome: a %dx%d picture is not the %dx%d of the header and footer bands", s->w, s->h, c->g.w,
                hh + fh);
    } else {
        c->head_tex = band(c->ren, s, 0, hh);
        c->foot_tex = band(c->ren, s, hh, fh);
        if (!c->head_tex || !c->foot_tex) {
            if (c->head_tex)
                SDL_DestroyTexture(c->head_tex);
            if (c->foot_tex)
                SDL_DestroyTexture(c->foot_tex);
            c->head_tex = c->foot_tex = NULL;
        }
    }
    SDL_FreeSurface(s);
}

bool chrome_ready(const struct chrome *c)
{
    return c->head_tex && c->foot_tex;
}

void chrome_format_date(time_t wall, char *date, size_t dlen, char *hm, size_t hlen)
{
    static const char *const wd[] = {"\xE6\x97\xA5", "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89",
                                     "\xE5\x9B\x9B", "\xE4\xBA\x94", "\xE5\x85\xAD"}; /* 日一二三四五六 */
    struct tm tm;
    localtime_r(&wall, &tm);
    snprintf(date, dlen, "%d\xE5\xB9\xB4%d\xE6\x9C\x88%d\xE6\x97\xA5 \xE6\x98\x9F\xE6\x9C\x9F%s", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, wd[tm.tm_wday % 7]);
    snprintf(hm, hlen, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

bool chrome_update_clock(struct chrome *c, time_t wall)
{
    long minute = (long)(wall / 60);
    if (minute == c->clock_minute && c->clock_tex)
        return false;
    make_textures(c);
    bool were_open = c->fonts_open;
    if (chrome_fonts_open(c) != 0)
        return false;
    c->clock_minute = minute;
    char date[64], hm[16];
    chrome_format_date(wall, date, sizeof date, hm, sizeof hm);
    const struct geom *g = &c->g;
    int dpx = geom_px(g, 2.0f), tpx = geom_px(g, 3.4f);
    int gap = geom_px(g, 1.6f), bar = SDL_max(1, geom_px(g, 0.14f));
    int dw = text_line_width(&c->sans, dpx, date, 0), tw = text_line_width(&c->bold, tpx, hm, geom_px(g, 0.1f));
    int w = dw + 2 * gap + bar + tw + 4, h = (int)(tpx * 1.6f);
    SDL_Surface *s = gfx_surface(w, h);
    if (!s) {
        if (!were_open)
            chrome_fonts_close(c);
        return true;
    }
    const struct theme *th = c->theme;
    text_line(s, &c->sans, dpx, date, 0, h / 2, ALIGN_LEFT, 0, rgba_of(th->ink, 170));
    gfx_fill_rect(s, (float)(dw + gap), h / 2.0f - tpx * 0.38f, (float)bar, tpx * 0.76f, rgba_of(th->gold, 230));
    text_line(s, &c->bold, tpx, hm, dw + 2 * gap + bar, h / 2, ALIGN_LEFT, geom_px(g, 0.1f), rgba_of(th->ink, 235));
    if (!were_open) {
        chrome_fonts_close(c);
        memstat_release(); /* the faces' pages, scattered through the heap */
    }
    if (c->clock_tex)
        SDL_DestroyTexture(c->clock_tex);
    c->clock_tex = SDL_CreateTextureFromSurface(c->ren, s);
    if (c->clock_tex)
        SDL_SetTextureBlendMode(c->clock_tex, SDL_BLENDMODE_BLEND);
    c->clock_w = w;
    c->clock_h = h;
    SDL_FreeSurface(s);
    return true;
}

void chrome_tap(struct chrome *c, float x, float y, uint64_t now)
{
    c->ripple = true;
    c->rx = x;
    c->ry = y;
    c->ripple_start = now;
}

bool chrome_animating(const struct chrome *c, uint64_t now)
{
    return c->ripple && now < c->ripple_start + RIPPLE_MS;
}

static void disc(struct chrome *c, SDL_Texture *t, float cx, float cy, float r, struct rgb col, Uint8 a)
{
    if (!t)
        return;
    SDL_SetTextureColorMod(t, col.r, col.g, col.b);
    SDL_SetTextureAlphaMod(t, a);
    SDL_FRect d = {cx - r, cy - r, 2 * r, 2 * r};
    SDL_RenderCopyF(c->ren, t, NULL, &d);
}

static void pill(struct chrome *c, float x0, float x1, float cy, float r, struct rgb col, Uint8 a)
{
    disc(c, c->disc, x0, cy, r, col, a);
    disc(c, c->disc, x1, cy, r, col, a);
    if (x1 - x0 > 0.5f) {
        SDL_SetRenderDrawBlendMode(c->ren, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(c->ren, col.r, col.g, col.b, a);
        SDL_FRect rect = {x0, cy - r, x1 - x0, 2 * r};
        SDL_RenderFillRectF(c->ren, &rect);
    }
}

static void draw_dots(struct chrome *c, size_t pos, size_t next_pos, size_t n, bool transitioning, float p)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (n < 2)
        return;
    float cy = g->portrait ? (float)(g->footer.y - geom_px(g, 2.6f)) : (float)(g->footer.y + g->footer.h / 2);
    float cx = g->w / 2.0f;
    if (n > 24) {
        /* Too many for dots: a thin track with the position marked. */
        float tw = g->u * 22, th_ = SDL_max(1.0f, g->u * 0.22f);
        SDL_SetRenderDrawBlendMode(c->ren, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(c->ren, th->ink.r, th->ink.g, th->ink.b, 50);
        SDL_FRect track = {cx - tw / 2, cy - th_ / 2, tw, th_};
        SDL_RenderFillRectF(c->ren, &track);
        float at = ((float)pos + (transitioning ? p * ((float)next_pos - (float)pos) : 0.0f) + 0.5f) / (float)n;
        pill(c, cx - tw / 2 + at * tw - g->u, cx - tw / 2 + at * tw + g->u, cy, g->u * 0.45f, th->gold, 255);
        return;
    }
    float step = g->u * 2.3f, r = g->u * 0.42f, half = g->u * 1.2f;
    float x0 = cx - step * (float)(n - 1) / 2;
    for (size_t i = 0; i < n; i++)
        disc(c, c->disc, x0 + step * (float)i, cy, r, th->ink, 60);
    float from = (float)pos, to = (float)next_pos;
    float at = from;
    if (transitioning) {
        /* Wrapping around the end jumps; otherwise glide. */
        if (fabsf(to - from) <= 1.0f)
            at = from + (to - from) * p;
        else
            at = p < 0.5f ? from : to;
    }
    float ax = x0 + step * at;
    pill(c, ax - half + r, ax + half - r, cy, r * 1.05f, th->gold, 255);
}

void chrome_draw_ripple(struct chrome *c, uint64_t now)
{
    if (!chrome_animating(c, now))
        return;
    float t = (float)(now - c->ripple_start) / RIPPLE_MS;
    float e = 1 - (1 - t) * (1 - t) * (1 - t); /* ease out */
    const struct geom *g = &c->g;
    float r = g->u * (1.5f + 6.5f * e);
    make_textures(c);
    disc(c, c->ring, c->rx, c->ry, r, c->theme->gold, (Uint8)(230 * (1 - t)));
    disc(c, c->disc, c->rx, c->ry, g->u * (1.2f + 2.0f * e), c->theme->gold, (Uint8)(90 * (1 - t) * (1 - t)));
}

void chrome_draw_clock(struct chrome *c)
{
    if (c->clock_tex) {
        const struct geom *g = &c->g;
        SDL_Rect d = {g->w - g->mx - c->clock_w, g->header.h / 2 - c->clock_h / 2, c->clock_w, c->clock_h};
        SDL_RenderCopy(c->ren, c->clock_tex, NULL, &d);
    }
}

void chrome_draw(struct chrome *c, size_t pos, size_t next_pos, size_t n, bool transitioning, float progress,
                 uint64_t now)
{
    make_textures(c);
    const struct geom *g = &c->g;
    if (c->head_tex)
        SDL_RenderCopy(c->ren, c->head_tex, NULL, &g->header);
    if (c->foot_tex)
        SDL_RenderCopy(c->ren, c->foot_tex, NULL, &g->footer);
    chrome_draw_clock(c);
    draw_dots(c, pos, next_pos, n, transitioning, progress);
    chrome_draw_ripple(c, now);
}
