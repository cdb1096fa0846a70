#include "ui/screen_answer.h"

#include <stdio.h>
#include <string.h>

SDL_Surface *answer_option_card(struct slide_ctx *c, const struct answer_option *o, bool revealed, int w, bool large,
                                const char *item_id)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int px = reading_body_px(c, large);
    int pad = geom_px(g, 2.2f), badge = (int)(px * 1.7f);
    int tw = w - 2 * pad - badge - pad;
    SDL_Surface *text = reading_text(c, &c->fonts.sans, px, 1.5f, o->text, tw, th->ink, false, item_id, "option");
    int text_h = text ? text->h : px;
    int h = SDL_max(SDL_max(text_h, badge) + 2 * pad, c->min_target);
    SDL_Surface *s = gfx_surface(w, h);
    if (!s) {
        if (text)
            SDL_FreeSurface(text);
        return NULL;
    }
    bool green = revealed && o->right;
    struct rgb edge = rgb_mix(th->paper, th->ink, 0.25f), fill = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.6f);
    struct rgb mark = th->ink;
    if (green) {
        edge = ANSWER_RIGHT;
        fill = rgb_mix(fill, ANSWER_RIGHT, 0.12f);
        mark = ANSWER_RIGHT;
    } else if (o->ticked) {
        edge = th->red;
        fill = rgb_mix(fill, th->red, revealed ? 0.10f : 0.06f);
        mark = th->red;
    }
    bool solid = o->ticked || green;
    float r = geom_px(g, 1.2f), line = SDL_max(1.5f, g->u * (solid ? 0.3f : 0.15f));
    gfx_fill_round_rect(s, 0, 0, (float)w, (float)h, r, rgba_of(fill, 255));
    gfx_stroke_round_rect(s, 0, 0, (float)w, (float)h, r, line, rgba_of(edge, 255));
    float bx = pad + badge / 2.0f, by = h / 2.0f;
    if (solid)
        gfx_fill_circle(s, bx, by, badge / 2.0f, rgba_of(mark, 255));
    else
        gfx_stroke_circle(s, bx, by, badge / 2.0f, SDL_max(1.5f, g->u * 0.18f), rgba_of(mark, 200));
    text_line(s, &c->fonts.bold, (int)(badge * 0.55f), o->badge, (int)bx, (int)by, ALIGN_CENTER, 0,
              solid ? (struct rgba){255, 252, 246, 255} : rgba_of(mark, 255));
    if (text) {
        SDL_SetSurfaceBlendMode(text, SDL_BLENDMODE_BLEND);
        gfx_blit(s, text, pad + badge + pad, (h - text->h) / 2 + px / 6, 255);
        SDL_FreeSurface(text);
    }
    return s;
}

int answer_box_pad(const struct slide_ctx *c)
{
    return geom_px(&c->g, 2.6f);
}

SDL_Surface *answer_box(struct slide_ctx *c, const char *verdict, bool good, struct stack *body, int w, bool large,
                        const char *item_id)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int px = reading_body_px(c, large), pad = answer_box_pad(c), iw = w - 2 * pad;
    struct rgb accent = good ? ANSWER_RIGHT : th->red;
    struct stack st = {0};
    stack_add(&st, reading_text(c, &c->fonts.bold, (int)(px * 1.1f), 1.4f, verdict, iw, accent, false, item_id,
                                "answer"),
              0, pad);
    for (size_t i = 0; i < body->n; i++) /* a stack's first gap is 0: the verdict comes before it here */
        stack_add(&st, body->part[i], i == 0 ? geom_px(g, 1.6f) : body->gap[i], pad + body->indent[i]);
    body->n = 0; /* taken */
    SDL_Surface *inner = stack_join(&st, w);
    if (!inner)
        return NULL;
    SDL_Surface *s = gfx_surface(w, inner->h + 2 * pad);
    if (s) {
        struct rgb tint = rgb_mix(th->paper, th->gold, 0.14f);
        gfx_fill_round_rect(s, 0, 0, (float)w, (float)s->h, geom_px(g, 1.2f), rgba_of(tint, 255));
        gfx_fill_rect(s, 0, geom_px(g, 1.2f), SDL_max(3.0f, g->u * 0.45f), (float)(s->h - 2 * geom_px(g, 1.2f)),
                      rgba_of(accent, 255));
        gfx_blit(s, inner, 0, pad, 255);
    }
    SDL_FreeSurface(inner);
    return s;
}

void answer_letters(const struct answer_option *opts, int n, bool judge, char *out, size_t len)
{
    size_t used = 0;
    out[0] = 0;
    for (int i = 0; i < n && used + 8 < len; i++)
        if (opts[i].right)
            used += (size_t)snprintf(out + used, len - used, "%s", judge ? opts[i].text : opts[i].badge);
}
