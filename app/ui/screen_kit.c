/* Shared pieces of the interactive screens: cards, tile pictures, the home
 * header and the module names and colours. */
#include <stdio.h>
#include <string.h>

#include "ui/screen_kit.h"

struct rgb kit_accent(const struct slide_ctx *c, enum item_kind kind)
{
    const struct theme *th = c->theme;
    switch (kind) {
    case ITEM_CASE:
        return th->red;
    case ITEM_STORY:
        return rgb_mix(th->gold, th->ink, 0.22f); /* as on the attract cards */
    case ITEM_MAXIM:
        break;
    }
    return rgb_mix(th->red, th->ink, 0.35f);
}

const char *kit_module_name(enum item_kind kind)
{
    switch (kind) {
    case ITEM_CASE:
        return "\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2"; /* 警示教育 */
    case ITEM_STORY:
        return "\xE8\xBA\xAB\xE8\xBE\xB9\xE5\x85\xB8\xE5\x9E\x8B"; /* 身边典型 */
    case ITEM_MAXIM:
        break;
    }
    return "\xE5\xBB\x89\xE8\xAF\xAD\xE8\xAD\xA6\xE5\x8F\xA5"; /* 廉语警句 */
}

void kit_card(struct slide_ctx *c, SDL_Surface *dst, SDL_Rect r, struct rgb accent)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    gfx_shadow(dst, r.x, r.y + geom_px(g, 0.4f), r.w, r.h, geom_px(g, 1.6f), 40);
    struct rgb mat = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.55f);
    gfx_fill_rect(dst, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rgba_of(mat, 255));
    float t = SDL_max(1.0f, g->u * 0.1f);
    gfx_stroke_rect(dst, (float)r.x, (float)r.y, (float)r.w, (float)r.h, t, rgba_of(th->gold, 120));
    int bar = SDL_min(geom_px(g, 7), r.w / 3);
    gfx_fill_rect(dst, (float)r.x, (float)r.y, (float)bar, (float)geom_px(g, 0.45f), rgba_of(accent, 255));
}

void kit_picture(struct slide_ctx *c, SDL_Surface *dst, const struct feed_item *it, SDL_Rect r)
{
    const struct theme *th = c->theme;
    SDL_Surface *pic = slide_load_picture(c, it, r.w, r.h);
    if (pic) {
        gfx_blit(dst, pic, r.x, r.y, 255);
        SDL_FreeSurface(pic);
    } else {
        /* A quiet wash of the paper with faint lotus art, as on the cards. */
        struct rgb wash = rgb_mix(th->paper, th->gold, 0.10f);
        gfx_fill_rect(dst, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rgba_of(wash, 255));
        int m = r.h / 8;
        slide_draw_art(c, dst, "lotus", (SDL_Rect){r.x + m, r.y + m, r.w - 2 * m, r.h - 2 * m}, 0, 0, 70);
    }
    float t = SDL_max(1.0f, c->g.u * 0.1f);
    gfx_stroke_rect(dst, (float)r.x, (float)r.y, (float)r.w, (float)r.h, t, rgba_of(th->gold, 170));
}

int kit_clock_width(struct slide_ctx *c)
{
    /* The same measures as chrome_update_clock, with the widest date. */
    const struct geom *g = &c->g;
    int dpx = geom_px(g, 2.0f), tpx = geom_px(g, 3.4f);
    int gap = geom_px(g, 1.6f), bar = SDL_max(1, geom_px(g, 0.14f));
    const char *date = "2088\xE5\xB9\xB4" "12\xE6\x9C\x88" "28\xE6\x97\xA5 \xE6\x98\x9F\xE6\x9C\x9F\xE4\xB8\x89";
    int dw = text_line_width(&c->fonts.sans, dpx, date, 0);
    int tw = text_line_width(&c->fonts.bold, tpx, "00:00", geom_px(g, 0.1f));
    return dw + 2 * gap + bar + tw + 4;
}

void kit_header(struct slide_ctx *c, SDL_Surface *dst)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int hc = g->header.h / 2;
    int x = g->mx;
    x = slide_logo(c, dst, x, hc);
    if (th->org_name[0]) {
        /* A long name shrinks a little, then takes two balanced lines (cut
         * only beyond that); it never runs under the clock. */
        int room = g->w - g->mx - kit_clock_width(c) - geom_px(g, 3) - x;
        int sp = geom_px(g, 0.25f);
        int px = geom_px(g, g->portrait ? 2.7f : 2.8f), min_px = geom_px(g, 2.3f);
        while (px > min_px && text_line_width(&c->fonts.bold, px, th->org_name, sp) > room)
            px--;
        if (room <= 0) {
            /* no room at all beside the clock */
        } else if (text_line_width(&c->fonts.bold, px, th->org_name, sp) <= room) {
            text_line(dst, &c->fonts.bold, px, th->org_name, x, hc, ALIGN_LEFT, sp, rgba_of(th->ink, 240));
        } else {
            struct text_block tb;
            px = geom_px(g, 2.1f);
            if (kit_clamp(&tb, &c->fonts.bold, th->org_name, room, px, 1.3f, 2) == 0) {
                text_balance(&tb);
                text_draw(dst, &tb, x, hc - text_height(&tb) / 2, ALIGN_LEFT, false, rgba_of(th->ink, 240));
            }
            text_block_free(&tb);
        }
    }
    float rule = SDL_max(1.0f, g->u * 0.14f);
    gfx_fill_rect(dst, (float)g->mx, (float)g->header.h - rule, (float)(g->w - 2 * g->mx), rule,
                  rgba_of(th->gold, 230));
}
