#include "ui/screen_reading.h"

#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/qr.h"
#include "ui/richdoc_draw.h"

struct reading reading_layout(const struct slide_ctx *c, bool with_steps, bool with_side)
{
    const struct geom *g = &c->g;
    struct reading r;
    memset(&r, 0, sizeof r);
    int bar = screen_bar_height(g);
    int foot = SDL_max(c->min_target + geom_px(g, 3.0f), geom_px(g, g->portrait ? 10.0f : 11.0f));
    r.footer = (SDL_Rect){0, g->h - foot, g->w, foot};
    int top = bar + geom_px(g, 2.5f);
    if (with_steps) {
        r.steps = (SDL_Rect){g->mx, top, g->w - 2 * g->mx, geom_px(g, g->portrait ? 7.0f : 7.5f)};
        top = r.steps.y + r.steps.h + geom_px(g, 3.0f);
    }
    int bottom = r.footer.y - geom_px(g, 1.5f);
    int gutter = geom_px(g, 3.0f); /* room for the scroll bar right of the column */
    if (!g->portrait && with_side) {
        r.side = (SDL_Rect){g->mx, top + geom_px(g, 1.5f), (int)((g->w - 2 * g->mx) * 0.30f), 0};
        r.side.h = bottom - r.side.y - geom_px(g, 1.5f);
        int x = r.side.x + r.side.w + geom_px(g, 6.0f);
        int w = SDL_min(g->w - g->mx - gutter - x, geom_px(g, 110));
        r.body = (SDL_Rect){x, top, w, bottom - top};
    } else {
        int w = SDL_min(g->w - 2 * g->mx - gutter, geom_px(g, g->portrait ? 92 : 120));
        r.body = (SDL_Rect){(g->w - w) / 2, top, w, bottom - top};
    }
    return r;
}

/* 学后测 */
static const char CHECK_LABEL[] = "\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B";

void reading_steps(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, const struct feed_item *it, size_t current)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    size_t pages = it->n_pages ? it->n_pages : 1;
    size_t n = pages + (it->n_questions ? 1 : 0);
    if (n < 2)
        return;
    float step = (float)r.w / (float)n;
    float cy = r.y + r.h * 0.32f, rad = r.h * 0.17f;
    float line = SDL_max(1.0f, g->u * 0.22f);
    int label_px = geom_px(g, g->portrait ? 1.9f : 1.8f);
    for (size_t i = 0; i < n; i++) {
        float cx = r.x + step * ((float)i + 0.5f);
        bool done = i < current, now = i == current;
        struct rgb col = now ? th->red : done ? th->gold : rgb_mix(th->paper, th->ink, 0.28f);
        if (i + 1 < n)
            gfx_fill_rect(dst, cx + rad * 1.5f, cy - line / 2, step - rad * 3.0f, line,
                          rgba_of(done ? th->gold : rgb_mix(th->paper, th->ink, 0.2f), 255));
        if (now || done)
            gfx_fill_circle(dst, cx, cy, rad, rgba_of(col, 255));
        else
            gfx_stroke_circle(dst, cx, cy, rad, SDL_max(1.0f, g->u * 0.2f), rgba_of(col, 255));
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        text_line(dst, &c->fonts.bold, (int)(rad * 1.15f), num, (int)cx, (int)cy, ALIGN_CENTER, 0,
                  now || done ? (struct rgba){255, 252, 246, 255} : rgba_of(col, 255));
        const char *label = i < pages ? (it->n_pages ? it->pages[i].title : it->title) : CHECK_LABEL;
        int px = label_px;
        while (px > 8 && text_line_width(&c->fonts.sans, px, label, 0) > (int)(step * 0.94f))
            px--;
        text_line(dst, now ? &c->fonts.bold : &c->fonts.sans, px, label, (int)cx, (int)(r.y + r.h * 0.78f),
                  ALIGN_CENTER, 0, rgba_of(now ? th->red : th->ink, now ? 255 : 170));
    }
}

void reading_footer(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *prev_label, enum hit_action prev,
                    int prev_arg, const char *middle, const char *next_label, enum hit_action next, int next_arg,
                    bool next_enabled)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    float rule = SDL_max(1.0f, g->u * 0.14f);
    gfx_fill_rect(s->frame, (float)g->mx, (float)r.y, (float)(g->w - 2 * g->mx), rule, rgba_of(th->gold, 200));
    int bh = SDL_max(c->min_target, geom_px(g, 7.0f));
    int bw = SDL_max(bh * 3, geom_px(g, g->portrait ? 24.0f : 22.0f));
    int cy = r.y + r.h / 2;
    if (prev_label)
        screen_button(c, s, (SDL_Rect){g->mx, cy - bh / 2, bw, bh}, prev_label, BUTTON_SECONDARY, prev, prev_arg);
    if (next_label)
        screen_button(c, s, (SDL_Rect){g->w - g->mx - bw, cy - bh / 2, bw, bh}, next_label,
                      next_enabled ? BUTTON_PRIMARY : BUTTON_DISABLED, next, next_arg);
    if (middle && *middle)
        text_line(s->frame, &c->fonts.sans, geom_px(g, 2.2f), middle, g->w / 2, cy, ALIGN_CENTER, 0,
                  rgba_of(th->ink, 170));
}

int reading_body_px(const struct slide_ctx *c, bool large)
{
    const struct geom *g = &c->g;
    float px = g->portrait ? 3.0f : 2.75f;
    return geom_px(g, large ? px * c->large_scale : px);
}

SDL_Surface *reading_text(struct slide_ctx *c, struct font *font, int px, float spacing, const char *text, int w,
                          struct rgb ink, bool justify, const char *item_id, const char *field)
{
    if (!text || !*text)
        return NULL;
    struct layout_box box = {.width = w, .height = 1 << 20, .max_px = px, .min_px = px, .line_spacing = spacing};
    struct text_block b;
    if (text_fit(&b, font, text, &box, item_id, field, &c->warns) != 0) {
        text_block_free(&b);
        return NULL;
    }
    if (justify)
        text_avoid_widow(&b);
    /* Room below the last line for descenders of Latin text. */
    int h = text_height(&b) + px / 3;
    SDL_Surface *s = gfx_surface(w, h);
    if (s)
        text_draw(s, &b, 0, 0, ALIGN_LEFT, justify, rgba_of(ink, 255));
    text_block_free(&b);
    return s;
}

void stack_add(struct stack *st, SDL_Surface *part, int gap_before, int indent)
{
    if (!part)
        return;
    if (st->n == STACK_MAX) {
        SDL_FreeSurface(part);
        return;
    }
    st->part[st->n] = part;
    st->gap[st->n] = st->n ? gap_before : 0;
    st->indent[st->n] = indent;
    st->n++;
}

void stack_free(struct stack *st)
{
    for (size_t i = 0; i < st->n; i++)
        SDL_FreeSurface(st->part[i]);
    st->n = 0;
}

/* Tallest body kept: beyond it the column is cut (the renderer tiles it). */
#define BODY_MAX_H 60000

SDL_Surface *stack_join(struct stack *st, int w)
{
    int h = 0;
    for (size_t i = 0; i < st->n; i++)
        h += st->gap[i] + st->part[i]->h;
    if (h > BODY_MAX_H) {
        log_warn("screen: a body of %d px is cut to %d px", h, BODY_MAX_H);
        h = BODY_MAX_H;
    }
    SDL_Surface *s = gfx_surface(w, SDL_max(h, 1));
    int y = 0;
    for (size_t i = 0; s && i < st->n; i++) {
        y += st->gap[i];
        SDL_SetSurfaceBlendMode(st->part[i], SDL_BLENDMODE_NONE);
        SDL_Rect d = {st->indent[i], y, st->part[i]->w, st->part[i]->h};
        SDL_BlitSurface(st->part[i], NULL, s, &d);
        y += st->part[i]->h;
    }
    stack_free(st);
    return s;
}

SDL_Surface *reading_markdown(struct slide_ctx *c, const char *markdown, int w, bool large, const char *item_id)
{
    if (!markdown || !*markdown)
        return NULL;
    struct richdoc_style st = {
        .width = w,
        .base_px = reading_body_px(c, false),
        .scale = large ? c->large_scale : 1.0f,
        .max_image_h = (int)(c->g.h * 0.45f),
        .theme = c->theme,
    };
    struct richdoc_env env = {.fonts = &c->fonts, .feed_dir = c->feed_dir, .item_id = item_id, .warns = &c->warns};
    return richdoc_compose(markdown, &st, &env, NULL);
}

/* 扫码阅读全文 */
static const char QR_CAPTION[] = "\xE6\x89\xAB\xE7\xA0\x81\xE9\x98\x85\xE8\xAF\xBB\xE5\x85\xA8\xE6\x96\x87";

SDL_Surface *reading_qr(struct slide_ctx *c, const char *url, int side)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    struct rgb white = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.7f);
    int pad = geom_px(g, 1.2f), cap_px = geom_px(g, 2.0f);
    int code = side - 2 * pad;
    SDL_Surface *q = qr_compose(url, code, th->ink, white);
    if (!q)
        return NULL;
    int h = side + (int)(cap_px * 2.4f);
    SDL_Surface *s = gfx_surface(side, h);
    if (s) {
        gfx_fill_round_rect(s, 0, 0, (float)side, (float)side, geom_px(g, 0.8f), rgba_of(white, 255));
        gfx_stroke_round_rect(s, 0, 0, (float)side, (float)side, geom_px(g, 0.8f), SDL_max(1.0f, g->u * 0.12f),
                              rgba_of(th->gold, 200));
        gfx_blit(s, q, pad, pad, 255);
        text_line(s, &c->fonts.sans, cap_px, QR_CAPTION, side / 2, side + (int)(cap_px * 1.2f), ALIGN_CENTER,
                  geom_px(g, 0.2f), rgba_of(th->ink, 200));
    }
    SDL_FreeSurface(q);
    return s;
}

bool reading_side(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, const struct feed_item *it, struct rgb accent)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int tpx = geom_px(g, 3.3f), gap_title = geom_px(g, 3.5f), gap_tags = geom_px(g, 2.0f), gap_qr = geom_px(g, 3.0f);
    int tag_px = geom_px(g, 1.8f), tag_h = it->n_tags ? (int)(tag_px * 1.8f) : 0;
    SDL_Surface *title = reading_text(c, &c->fonts.bold, tpx, 1.3f, it->title, r.w, th->ink, false, it->id, "title");
    SDL_Surface *q = it->url && *it->url ? reading_qr(c, it->url, SDL_min(r.w / 2, geom_px(g, 17))) : NULL;
    int text_h = gap_title + (title ? title->h + gap_tags : 0) + tag_h;
    int pic_h = SDL_min((int)(r.w * 0.75f), r.h / 2);
    if (q) {
        /* The picture gives up height for the code; when even a small
         * picture leaves no room, the code goes to the end of the body. */
        pic_h = SDL_min(pic_h, r.h - text_h - gap_qr - q->h);
        if (pic_h < r.w / 2) { /* flatter than 2:1 would crop the picture badly */
            SDL_FreeSurface(q);
            q = NULL;
            pic_h = SDL_min((int)(r.w * 0.75f), r.h / 2);
        }
    }
    slide_picture_panel(c, dst, it, (SDL_Rect){r.x, r.y, r.w, pic_h}, accent);
    int y = r.y + pic_h + gap_title;
    if (title) {
        gfx_blit(dst, title, r.x, y, 255);
        y += title->h + gap_tags;
        SDL_FreeSurface(title);
    }
    int x = r.x;
    for (size_t i = 0; i < it->n_tags; i++) {
        int w = slide_tag(c, dst, x, y + tag_h / 2, it->tags[i], accent, tag_px, false);
        if (x + w > r.x + r.w)
            break;
        slide_tag(c, dst, x, y + tag_h / 2, it->tags[i], accent, tag_px, true);
        x += w + geom_px(g, 1.0f);
    }
    if (!q)
        return false;
    gfx_blit(dst, q, r.x, r.y + r.h - q->h, 255);
    SDL_FreeSurface(q);
    return true;
}
