/* Drawing a visit's frame on the UI thread: the composed screen with its
 * body scrolled, then the live parts: the pressed target, a scroll bar, the
 * clock on the home menu, the PIN dots and message, and the idle countdown. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/gfx.h"
#include "ui/text.h"

static void fill(SDL_Renderer *r, SDL_Rect rect, struct rgb c, Uint8 alpha)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, alpha);
    SDL_RenderFillRect(r, &rect);
}

/* A one-line text texture, remade only when the text changes. */
static void line_texture(struct app *a, struct live_text *t, const char *text, int px, struct rgb ink)
{
    if (t->tex && !strcmp(t->text, text) && t->px == px)
        return;
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    t->tex = NULL;
    snprintf(t->text, sizeof t->text, "%s", text);
    t->px = px;
    if (!text[0] || chrome_fonts_open(&a->chrome) != 0) /* closed again when the visit ends */
        return;
    int w = text_line_width(&a->chrome.sans, px, text, 0) + 4, h = px * 2;
    SDL_Surface *s = gfx_surface(w, h);
    if (!s)
        return;
    text_line(s, &a->chrome.sans, px, text, 0, h / 2, ALIGN_LEFT, 0, rgba_of(ink, 255));
    t->tex = SDL_CreateTextureFromSurface(a->ren, s);
    if (t->tex)
        SDL_SetTextureBlendMode(t->tex, SDL_BLENDMODE_BLEND);
    t->w = w;
    t->h = h;
    SDL_FreeSurface(s);
}

static void draw_line(struct app *a, struct live_text *t, int cx, int cy)
{
    if (!t->tex)
        return;
    SDL_Rect d = {cx - t->w / 2, cy - t->h / 2, t->w, t->h};
    SDL_RenderCopy(a->ren, t->tex, NULL, &d);
}

static void draw_pressed(struct app *a)
{
    const struct stage_entry *e = a->shown;
    if (a->pressed < 0 || (size_t)a->pressed >= e->n_hits)
        return;
    SDL_Rect r = stage_hit_rect(e, &e->hits[a->pressed], scroll_offset(&a->scroll));
    if (e->hits[a->pressed].in_body)
        SDL_RenderSetClipRect(a->ren, &e->body_view);
    fill(a->ren, r, a->cfg.theme.ink, 28);
    SDL_RenderSetClipRect(a->ren, NULL);
}

static void draw_scrollbar(struct app *a)
{
    const struct stage_entry *e = a->shown;
    float max = stage_scroll_max(e);
    if (max <= 0)
        return;
    const SDL_Rect *v = &e->body_view;
    float off = scroll_offset(&a->scroll);
    float frac = (float)v->h / (float)(v->h + max);
    float thumb = SDL_max(v->h * frac, (float)geom_px(&a->g, 4));
    float at = SDL_clamp(off / max, 0.0f, 1.0f) * ((float)v->h - thumb);
    int bw = SDL_max(3, geom_px(&a->g, 0.35f));
    int x = v->x + v->w + geom_px(&a->g, 1.2f);
    fill(a->ren, (SDL_Rect){x, v->y, bw, v->h}, a->cfg.theme.ink, 18);
    fill(a->ren, (SDL_Rect){x, v->y + (int)at, bw, (int)thumb}, a->cfg.theme.gold, 220);
}

static void draw_pin(struct app *a)
{
    const struct stage_entry *e = a->shown;
    if (e->key.scene.kind != SCENE_PIN)
        return;
    SDL_Rect d = e->pin_dots;
    size_t n = strlen(a->pin_entry);
    float r = SDL_min(d.h * 0.22f, a->g.u * 1.1f), step = r * 3.2f;
    float x0 = d.x + d.w / 2.0f - step * (float)((n ? n : 1) - 1) / 2;
    for (size_t i = 0; i < n; i++) {
        SDL_Rect dot = {(int)(x0 + step * (float)i - r), (int)(d.y + d.h / 2.0f - r), (int)(2 * r), (int)(2 * r)};
        SDL_SetTextureColorMod(a->chrome.disc, a->cfg.theme.ink.r, a->cfg.theme.ink.g, a->cfg.theme.ink.b);
        SDL_SetTextureAlphaMod(a->chrome.disc, 230);
        SDL_RenderCopy(a->ren, a->chrome.disc, NULL, &dot);
    }
    line_texture(a, &a->pin_text, a->pin_message, geom_px(&a->g, 2.2f), a->cfg.theme.red);
    draw_line(a, &a->pin_text, e->pin_message.x + e->pin_message.w / 2, e->pin_message.y + e->pin_message.h / 2);
}

static void draw_idle(struct app *a)
{
    if (!a->idle_shown)
        return;
    char msg[160];
    /* N 秒后返回展示 · 轻触屏幕继续浏览 */
    snprintf(msg, sizeof msg,
             "%u \xE7\xA7\x92\xE5\x90\x8E\xE8\xBF\x94\xE5\x9B\x9E\xE5\xB1\x95\xE7\xA4\xBA \xC2\xB7 "
             "\xE8\xBD\xBB\xE8\xA7\xA6\xE5\xB1\x8F\xE5\xB9\x95\xE7\xBB\xA7\xE7\xBB\xAD\xE6\xB5\x8F\xE8\xA7\x88",
             a->idle_seconds);
    line_texture(a, &a->idle_text, msg, geom_px(&a->g, 2.6f), (struct rgb){255, 250, 240});
    if (!a->idle_text.tex)
        return;
    int pad = geom_px(&a->g, 2.0f);
    SDL_Rect band = {a->w / 2 - a->idle_text.w / 2 - 2 * pad, a->h - geom_px(&a->g, 16) - a->idle_text.h / 2 - pad,
                     a->idle_text.w + 4 * pad, a->idle_text.h + 2 * pad};
    fill(a->ren, (SDL_Rect){0, 0, a->w, a->h}, a->cfg.theme.ink, 70);
    fill(a->ren, band, a->cfg.theme.red, 235);
    draw_line(a, &a->idle_text, band.x + band.w / 2, band.y + band.h / 2);
}

/* An annulus arc from 12 o'clock clockwise over frac of the circle. */
static void ring_arc(SDL_Renderer *r, float cx, float cy, float outer, float inner, float frac, struct rgb c,
                     Uint8 alpha)
{
    enum { SEGS = QUIZ_RING_STEPS };
    SDL_Vertex v[(SEGS + 1) * 2];
    int idx[SEGS * 6];
    int n = (int)ceilf(frac * SEGS);
    if (n < 1)
        return;
    SDL_Color col = {c.r, c.g, c.b, alpha};
    for (int i = 0; i <= n; i++) {
        float t = (float)i / (float)n * frac * 2.0f * (float)M_PI - (float)M_PI / 2;
        float cs = cosf(t), sn = sinf(t);
        v[2 * i] = (SDL_Vertex){{cx + outer * cs, cy + outer * sn}, col, {0, 0}};
        v[2 * i + 1] = (SDL_Vertex){{cx + inner * cs, cy + inner * sn}, col, {0, 0}};
    }
    for (int i = 0; i < n; i++) {
        int *q = idx + 6 * i, o = 2 * i;
        q[0] = o, q[1] = o + 1, q[2] = o + 2, q[3] = o + 1, q[4] = o + 3, q[5] = o + 2;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, 2 * (n + 1), idx, 6 * n);
}

void app_quiz_draw_ring(struct app *a, uint64_t now)
{
    const struct stage_entry *e = a->shown;
    const struct app_quiz *q = &a->quiz;
    if (e->key.scene.kind != SCENE_QUIZ || e->key.quiz.kind != QV_QUESTION || e->key.quiz.revealed || !q->playing ||
        q->round.phase != QUIZ_ASKING || e->quiz_ring.w <= 0)
        return;
    float frac;
    int steps, secs;
    app_quiz_ring(a, now, &frac, &steps, &secs);
    SDL_Rect d = e->quiz_ring;
    float cx = d.x + d.w / 2.0f, cy = d.y + d.h / 2.0f, outer = d.w / 2.0f, inner = outer * 0.80f;
    bool urgent = secs <= 5;
    ring_arc(a->ren, cx, cy, outer, inner, 1.0f, a->cfg.theme.ink, 26);
    ring_arc(a->ren, cx, cy, outer, inner, (float)steps / QUIZ_RING_STEPS,
             urgent ? a->cfg.theme.red : a->cfg.theme.gold, 255);
    char label[16];
    snprintf(label, sizeof label, "%d", secs);
    line_texture(a, &a->quiz_ring_text, label, (int)(d.h * 0.36f), urgent ? a->cfg.theme.red : a->cfg.theme.ink);
    draw_line(a, &a->quiz_ring_text, (int)cx, (int)cy);
}

void app_visit_render(struct app *a, uint64_t now)
{
    struct rgb p = a->cfg.theme.paper;
    SDL_SetRenderDrawColor(a->ren, p.r, p.g, p.b, 255);
    SDL_RenderClear(a->ren);
    if (a->shown) {
        stage_draw(&a->stage, a->shown, scroll_offset(&a->scroll));
        draw_scrollbar(a);
        draw_pressed(a);
        if (a->shown->key.scene.kind == SCENE_HOME) {
            chrome_update_clock(&a->chrome, app_wall(a));
            chrome_draw_clock(&a->chrome);
        }
        draw_pin(a);
        app_quiz_draw_ring(a, now);
    }
    chrome_draw_ripple(&a->chrome, now);
    draw_idle(a);
}

void app_visit_free(struct app *a)
{
    struct live_text *t[] = {&a->pin_text, &a->idle_text, &a->quiz_ring_text};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (t[i]->tex)
            SDL_DestroyTexture(t[i]->tex);
        memset(t[i], 0, sizeof *t[i]);
    }
}
