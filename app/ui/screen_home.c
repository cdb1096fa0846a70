/* The home menu a visitor sees after tapping the attract loop: the header,
 * the slogan as a welcome, and four large module tiles. */
#include <stdbool.h>
#include <stdio.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

struct tile {
    const char *title;
    const char *art;
    enum hit_action act;
    int arg;
    enum item_kind accent;
    bool float_art; /* a branch, not a plant: centred above the horizon */
};

static void subtitle(const struct slide_ctx *c, const struct tile *t, char *out, size_t len)
{
    if (t->act == HIT_QUIZ) {
        snprintf(out, len, "\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B \xC2\xB7 \xE7\x9F\xA5\xE8\xAF\x86\xE9\x97\xAE\xE7\xAD\x94"); /* 学后测 · 知识问答 */
        return;
    }
    size_t n = slide_module_count(c, (enum item_kind)t->arg);
    if (n == 0) {
        snprintf(out, len, "\xE5\x86\x85\xE5\xAE\xB9\xE6\xAD\xA3\xE5\x9C\xA8\xE7\xBC\x96\xE5\x86\x99"); /* 内容正在编写 */
        return;
    }
    switch ((enum item_kind)t->arg) {
    case ITEM_MAXIM: /* N 条古今廉洁箴言 */
        snprintf(out, len, "%zu \xE6\x9D\xA1\xE5\x8F\xA4\xE4\xBB\x8A\xE5\xBB\x89\xE6\xB4\x81\xE7\xAE\xB4\xE8\xA8\x80", n);
        break;
    case ITEM_CASE: /* N 个以案为鉴的警示案例 */
        snprintf(out, len,
                 "%zu \xE4\xB8\xAA\xE4\xBB\xA5\xE6\xA1\x88\xE4\xB8\xBA\xE9\x89\xB4\xE7\x9A\x84\xE8\xAD\xA6\xE7\xA4\xBA"
                 "\xE6\xA1\x88\xE4\xBE\x8B",
                 n);
        break;
    case ITEM_STORY: /* N 位身边的清廉榜样 */
        snprintf(out, len,
                 "%zu \xE4\xBD\x8D\xE8\xBA\xAB\xE8\xBE\xB9\xE7\x9A\x84\xE6\xB8\x85\xE5\xBB\x89\xE6\xA6\x9C\xE6\xA0\xB7",
                 n);
        break;
    }
}

/* First row of a picture with visible ink: the art files carry blank margins. */
static int ink_top(SDL_Surface *a)
{
    for (int y = 0; y < a->h; y++) {
        const Uint32 *row = (const Uint32 *)(const void *)((const Uint8 *)a->pixels + (size_t)y * a->pitch);
        for (int x = 0; x < a->w; x++)
            if ((row[x] >> 24) > 24)
                return y;
    }
    return a->h;
}

static void draw_tile(struct slide_ctx *c, struct screen *s, const struct tile *t, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    struct rgb accent = t->act == HIT_QUIZ ? th->red : kit_accent(c, t->accent);
    kit_card(c, d, r, accent);

    /* From the bottom up: the "enter" mark, subtitle, accent rule, title. */
    int cx = r.x + r.w / 2, pad = geom_px(g, 1.2f), tw_max = r.w - 2 * pad;
    int tpx = geom_px(g, 4.0f), spx = geom_px(g, g->portrait ? 2.2f : 2.0f), rule_h = geom_px(g, 0.35f);
    while (tpx > geom_px(g, 2.6f) && text_line_width(&c->fonts.bold, tpx, t->title, tpx / 6) > tw_max)
        tpx--;
    float er = g->u * 1.9f;
    float ey = r.y + r.h - geom_px(g, 2.8f) - er;
    int sub_cy = (int)(ey - er) - geom_px(g, 2.6f) - spx / 2;
    int rule_y = sub_cy - spx / 2 - geom_px(g, 1.8f) - rule_h;
    int title_cy = rule_y - geom_px(g, 1.8f) - tpx / 2;

    /* The art stands on a faint horizon above the title. */
    SDL_Rect art = {r.x + pad, r.y + pad + geom_px(g, 2.0f), r.w - 2 * pad, 0};
    art.h = title_cy - tpx / 2 - geom_px(g, 2.6f) - art.y;
    int hz = art.w / 7;
    slide_draw_art(c, d, "mountains", (SDL_Rect){art.x, art.y + art.h - hz, art.w, hz}, 0, 1, 60);
    /* A branch grows in from the tile's edge; plants stand on the horizon. */
    SDL_Rect motif = t->float_art ? (SDL_Rect){r.x + 1, art.y, r.w - pad - 1, art.h - hz / 2}
                                  : (SDL_Rect){art.x, art.y, art.w, art.h - hz / 4};
    SDL_Surface *a = slide_art(c, t->art, motif.w, motif.h);
    int free_top = a ? (t->float_art ? (motif.h - a->h) / 2 : motif.h - a->h) + ink_top(a) : 0;
    if (free_top > art.h / 5) /* room above the plant: auspicious clouds fill the sky */
        slide_draw_art(c, d, "clouds", (SDL_Rect){art.x + art.w / 2, art.y, art.w / 2, SDL_min(free_top, art.w / 4)},
                       1, -1, 70);
    slide_draw_art(c, d, t->art, motif, t->float_art ? -1 : 0, t->float_art ? 0 : 1, 235);

    text_line(d, &c->fonts.bold, tpx, t->title, cx, title_cy, ALIGN_CENTER, tpx / 6, rgba_of(th->ink, 255));
    int rw = geom_px(g, 4.0f);
    gfx_fill_rect(d, (float)(cx - rw / 2), (float)rule_y, (float)rw, (float)rule_h, rgba_of(accent, 255));
    char sub[128], cut[128];
    subtitle(c, t, sub, sizeof sub);
    kit_ellipsize(&c->fonts.sans, spx, sub, tw_max, cut, sizeof cut);
    text_line(d, &c->fonts.sans, spx, cut, cx, sub_cy, ALIGN_CENTER, 0, rgba_of(th->ink, 170));
    gfx_stroke_circle(d, (float)cx, ey, er, SDL_max(1.5f, g->u * 0.16f), rgba_of(accent, 210));
    kit_chevron(d, cx + er * 0.08f, ey, er * 0.8f, 1, SDL_max(1.5f, g->u * 0.2f), rgba_of(accent, 255));
    screen_add_hit(s, r, t->act, t->arg, false);
}

/* The slogan between two short gold rules, as a welcome. */
static int welcome(struct slide_ctx *c, SDL_Surface *d, int top)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (!th->slogan[0])
        return top;
    int px = geom_px(g, g->portrait ? 5.0f : 4.6f), sp = geom_px(g, 0.8f);
    int room = g->w - 2 * g->mx - geom_px(g, 24);
    while (px > geom_px(g, 3.0f) && text_line_width(&c->fonts.kai, px, th->slogan, sp) > room)
        px--;
    int cy = top + px / 2;
    int w = text_line(d, &c->fonts.kai, px, th->slogan, g->w / 2, cy, ALIGN_CENTER, sp, rgba_of(th->red, 255));
    int rl = geom_px(g, 8), gap = geom_px(g, 2.6f);
    float t = SDL_max(1.0f, g->u * 0.14f);
    for (int side = -1; side <= 1; side += 2) {
        float x = side < 0 ? g->w / 2.0f - w / 2.0f - gap - rl : g->w / 2.0f + w / 2.0f + gap;
        gfx_fill_rect(d, x, cy - t / 2, (float)rl, t, rgba_of(th->gold, 220));
        float dx = side < 0 ? x + rl : x; /* a small diamond where the rule meets the text */
        gfx_fill_circle(d, dx, (float)cy, g->u * 0.35f, rgba_of(th->gold, 255));
    }
    return top + px;
}

static void footer(struct slide_ctx *c, SDL_Surface *d)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    float rule = SDL_max(1.0f, g->u * 0.14f);
    int fy = g->footer.y, fc = fy + g->footer.h / 2;
    gfx_fill_rect(d, (float)g->mx, (float)fy, (float)(g->w - 2 * g->mx), rule, rgba_of(th->gold, 230));
    const char *hint = "\xE8\xAF\xB7\xE7\x82\xB9\xE9\x80\x89\xE6\xA0\x8F\xE7\x9B\xAE \xC2\xB7 "
                       "\xE6\x97\xA0\xE6\x93\x8D\xE4\xBD\x9C\xE5\xB0\x86\xE8\x87\xAA\xE5\x8A\xA8\xE8\xBF\x94\xE5\x9B\x9E"
                       "\xE5\xB1\x95\xE7\xA4\xBA"; /* 请点选栏目 · 无操作将自动返回展示 */
    int hpx = geom_px(g, 2.0f);
    int hw = text_line_width(&c->fonts.sans, hpx, hint, geom_px(g, 0.15f));
    int x = g->w / 2 - hw / 2 + hpx;
    text_line(d, &c->fonts.sans, hpx, hint, x, fc, ALIGN_LEFT, geom_px(g, 0.15f), rgba_of(th->ink, 150));
    /* The same gold touch mark as the attract footer. */
    float r = hpx * 0.42f, mx = x - hpx * 0.9f;
    gfx_stroke_circle(d, mx, (float)fc, r, SDL_max(1.0f, g->u * 0.14f), rgba_of(th->gold, 255));
    gfx_fill_circle(d, mx, (float)fc, r * 0.38f, rgba_of(th->gold, 255));
}

struct screen *screen_home(struct slide_ctx *c, const struct screen_key *k)
{
    static const struct tile tiles[4] = {
        {"\xE5\xBB\x89\xE8\xAF\xAD\xE8\xAD\xA6\xE5\x8F\xA5", "bamboo", HIT_MODULE, ITEM_MAXIM, ITEM_MAXIM, false},
        {"\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2", "plum", HIT_MODULE, ITEM_CASE, ITEM_CASE, true},
        {"\xE8\xBA\xAB\xE8\xBE\xB9\xE5\x85\xB8\xE5\x9E\x8B", "lotus", HIT_MODULE, ITEM_STORY, ITEM_STORY, false},
        {"\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B", "orchid", HIT_QUIZ, 0, ITEM_CASE, false},
    };
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    const struct geom *g = &c->g;
    kit_header(c, s->frame);
    footer(c, s->frame);
    int y = welcome(c, s->frame, g->header.h + geom_px(g, g->portrait ? 6.0f : 4.0f));
    int top = y + geom_px(g, g->portrait ? 6.0f : 4.0f);
    int bottom = g->footer.y - geom_px(g, g->portrait ? 4.0f : 3.2f);
    int cols = g->portrait ? 2 : 4, rows = g->portrait ? 2 : 1;
    int gap = geom_px(g, g->portrait ? 3.0f : 2.6f);
    int w = g->w - 2 * g->mx, h = bottom - top;
    for (int i = 0; i < 4; i++) {
        /* Shared rounding: the row ends exactly on the right margin. */
        int cx = i % cols, cy = i / cols;
        int x0 = g->mx + (w + gap) * cx / cols, x1 = g->mx + (w + gap) * (cx + 1) / cols - gap;
        int y0 = top + (h + gap) * cy / rows, y1 = top + (h + gap) * (cy + 1) / rows - gap;
        SDL_Rect r = {x0, y0, x1 - x0, y1 - y0};
        draw_tile(c, s, &tiles[i], r);
    }
    return s;
}
