/* 知识挑战赛: the rounds are not published yet. The screen says so with
 * dignity and offers what exists today, the self-check after each case. */
#include <stdbool.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

struct screen *screen_quiz(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    screen_nav_bar(c, s, "\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B", false, false); /* 知识挑战赛 */

    int mh = (int)(g->h * (g->portrait ? 0.12f : 0.18f));
    slide_draw_art(c, d, "mountains", (SDL_Rect){0, g->h - mh, g->w, mh}, 0, 1, 34);

    /* The text column: label, heading, what is coming, what to do now. */
    int bar = screen_bar_height(g);
    int pw = SDL_min(g->w - 2 * g->mx, geom_px(g, g->portrait ? 88.0f : 120.0f));
    int pad = geom_px(g, 5.0f);
    int col_w = g->portrait ? pw - 2 * pad : pw * 3 / 5 - pad;
    const char *coming = "\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B\xE9\xA2\x98\xE5\xBA\x93\xE6\xAD"
                         "\xA3\xE5\x9C\xA8\xE7\xB2\xBE\xE5\xBF\x83\xE7\xBC\x96\xE6\x8E\x92\xEF\xBC\x8C\xE5\xB0\x86\xE4"
                         "\xBB\xA5\xE9\x97\xAF\xE5\x85\xB3\xE7\xAD\x94\xE9\xA2\x98\xE7\x9A\x84\xE5\xBD\xA2\xE5\xBC\x8F"
                         "\xEF\xBC\x8C\xE4\xB8\x8E\xE6\x82\xA8\xE4\xB8\x80\xE5\x90\x8C\xE5\xAD\xA6\xE5\x85\x9A\xE7\xBA"
                         "\xAA\xE3\x80\x81\xE6\x98\x8E\xE8\xA7\x84\xE7\x9F\xA9\xE3\x80\x82";
    /* 知识挑战赛题库正在精心编排，将以闯关答题的形式，与您一同学党纪、明规矩。 */
    const char *today = "\xE6\xAF\x8F\xE4\xB8\xAA\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2\xE6\xA1\x88\xE4\xBE"
                        "\x8B\xE8\xAF\xBB\xE5\xAE\x8C\xE5\x90\x8E\xEF\xBC\x8C\xE9\x83\xBD\xE9\x99\x84\xE6\x9C\x89\xE5"
                        "\x87\xA0\xE9\x81\x93\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B\xE8\x87\xAA\xE6\xB5\x8B\xE9\xA2\x98"
                        "\xEF\xBC\x8C\xE7\x8E\xB0\xE5\x9C\xA8\xE5\xB0\xB1\xE5\x8F\xAF\xE4\xBB\xA5\xE8\xAF\x95\xE4\xB8"
                        "\x80\xE8\xAF\x95\xE3\x80\x82";
    /* 每个警示教育案例读完后，都附有几道学后测自测题，现在就可以试一试。 */
    const char *heading = "\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B\xE5\x8D\xB3\xE5\xB0\x86\xE6\x8E"
                          "\xA8\xE5\x87\xBA"; /* 知识挑战赛即将推出 */
    int lpx = geom_px(g, 2.0f), chip_h = (int)(lpx * 1.9f);
    int hpx = geom_px(g, 5.0f), bpx = geom_px(g, 2.6f);
    while (hpx > geom_px(g, 3.0f) && text_line_width(&c->fonts.kai, hpx, heading, geom_px(g, 0.2f)) > col_w)
        hpx--;
    struct text_block body, now;
    struct layout_box box = {.width = col_w, .height = bpx + 2 * (int)(bpx * 1.7f + 0.5f), .max_px = bpx,
                             .min_px = geom_px(g, 2.0f), .line_spacing = 1.7f};
    kit_fit(&body, &c->fonts.sans, coming, &box);
    text_avoid_widow(&body);
    kit_fit(&now, &c->fonts.sans, today, &box);
    text_avoid_widow(&now);
    int bh = SDL_max(c->min_target, geom_px(g, 7.5f));
    int gap1 = geom_px(g, 2.6f), gap2 = geom_px(g, 3.0f), gap3 = geom_px(g, 4.4f), gap4 = geom_px(g, 4.4f);
    int stack = chip_h + gap1 + hpx + gap2 + text_height(&body) + gap3 + text_height(&now) + gap4 + bh;

    /* The panel: orchid art beside the text (landscape) or above it (portrait). */
    int art_h = g->portrait ? geom_px(g, 34) : 0;
    int ph = stack + 2 * pad + art_h + (g->portrait ? geom_px(g, 3) : 0);
    if (!g->portrait)
        ph = SDL_max(ph, geom_px(g, 46));
    SDL_Rect p = {(g->w - pw) / 2, bar + (g->h - bar - ph) / 2 - geom_px(g, 1.5f), pw, ph};
    kit_card(c, d, p, th->red);
    SDL_Rect art, col;
    if (g->portrait) {
        art = (SDL_Rect){p.x + pad, p.y + pad, p.w - 2 * pad, art_h};
        col = (SDL_Rect){p.x + pad, art.y + art_h + geom_px(g, 3), col_w, stack};
    } else {
        art = (SDL_Rect){p.x + pad, p.y + pad, p.w * 2 / 5 - 2 * pad, p.h - 2 * pad};
        col = (SDL_Rect){p.x + p.w * 2 / 5, p.y + (p.h - stack) / 2, col_w, stack};
    }
    slide_draw_art(c, d, "orchid", art, 0, 0, 210);

    /* Portrait: one centred column under the art; landscape: flush left. */
    bool mid = g->portrait;
    int cx = col.x + col.w / 2;
    int y = col.y;
    const char *label = "\xE7\xAD\xB9\xE5\xA4\x87\xE4\xB8\xAD"; /* 筹备中 */
    /* slide_chip's own measure: label plus 0.9 em each side. */
    int lw = text_line_width(&c->fonts.bold, lpx, label, lpx / 6) + 2 * (int)(lpx * 0.9f);
    slide_chip(c, d, mid ? cx - lw / 2 : col.x, y + chip_h / 2, label, th->red, KIT_CREAM, lpx);
    y += chip_h + gap1;
    text_line(d, &c->fonts.kai, hpx, heading, mid ? cx : col.x, y + hpx / 2, mid ? ALIGN_CENTER : ALIGN_LEFT,
              geom_px(g, 0.2f), rgba_of(th->ink, 255));
    y += hpx + gap2;
    if (mid) {
        text_balance(&body);
        text_balance(&now);
    }
    enum text_align al = mid ? ALIGN_CENTER : ALIGN_LEFT;
    text_draw(d, &body, col.x, y, al, !mid, rgba_of(th->ink, 215));
    y += text_height(&body) + gap3;
    int rw = geom_px(g, 6);
    gfx_fill_rect(d, (float)(mid ? cx - rw / 2 : col.x), (float)(y - gap3 / 2), (float)rw, SDL_max(1.0f, g->u * 0.14f),
                  rgba_of(th->gold, 230));
    text_draw(d, &now, col.x, y, al, !mid, rgba_of(th->ink, 215));
    y += text_height(&now) + gap4;
    text_block_free(&body);
    text_block_free(&now);

    const char *go = "\xE5\x85\x88\xE5\x81\x9A\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B"; /* 先做学后测 */
    int bw = SDL_max(kit_button_width(c, bh, go, ICON_NEXT), geom_px(g, 24));
    kit_button(c, s, (SDL_Rect){mid ? cx - bw / 2 : col.x, y, bw, bh}, go, ICON_NEXT, BUTTON_PRIMARY, HIT_MODULE,
               ITEM_CASE);
    return s;
}
