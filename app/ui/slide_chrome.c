/* The static chrome drawn over every slide: logo and org name in the header,
 * thin gold rules, slogan and touch hint in the footer, made as one picture
 * of the two bands stacked (header on top, footer under it). The clock and the
 * progress dots are live and drawn by the UI thread (chrome.c). */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/image.h"
#include "ui/slide.h"

int slide_logo(struct slide_ctx *c, SDL_Surface *dst, int x, int cy)
{
    if (!c->logo[0])
        return x;
    char err[256] = "";
    SDL_Surface *logo = image_load_contain(c->logo, geom_px(&c->g, 5.6f) * 4, geom_px(&c->g, 5.6f), err, sizeof err);
    if (!logo) {
        char key[QF_PATH_MAX + 16];
        snprintf(key, sizeof key, "logo %s", c->logo);
        if (warn_once(&c->warns, key))
            log_warn("image: %s: %s; header without logo", c->logo, err);
        return x;
    }
    gfx_blit(dst, logo, x, cy - logo->h / 2, 255);
    x += logo->w + geom_px(&c->g, 1.8f);
    SDL_FreeSurface(logo);
    return x;
}

SDL_Surface *slide_chrome(struct slide_ctx *c)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    /* Only the bands have pixels: the header strip, and the footer strip
     * right under it (see chrome_set_static). */
    SDL_Surface *s = gfx_surface(g->w, g->header.h + g->footer.h);
    if (!s)
        return NULL;
    float rule = SDL_max(1.0f, g->u * 0.14f);
    int hc = g->header.h / 2;

    /* Header: logo, then the organisation's name. */
    int x = g->mx;
    x = slide_logo(c, s, x, hc);
    if (th->org_name[0])
        text_line(s, &c->fonts.bold, geom_px(g, g->portrait ? 2.7f : 2.8f), th->org_name, x, hc, ALIGN_LEFT,
                  geom_px(g, 0.25f), rgba_of(th->ink, 240));
    gfx_fill_rect(s, (float)g->mx, (float)g->header.h - rule, (float)(g->w - 2 * g->mx), rule,
                  rgba_of(th->gold, 230));

    /* Footer: gold rule, slogan in Kai on the left, touch hint on the right. */
    int fy = g->header.h;
    int fc = fy + g->footer.h / 2;
    gfx_fill_rect(s, (float)g->mx, (float)fy, (float)(g->w - 2 * g->mx), rule, rgba_of(th->gold, 230));
    if (th->slogan[0])
        text_line(s, &c->fonts.kai, geom_px(g, 3.0f), th->slogan, g->mx, fc, ALIGN_LEFT, geom_px(g, 0.35f),
                  rgba_of(th->red, 255));
    int hpx = geom_px(g, 2.0f);
    const char *hint = "\xE8\xBD\xBB\xE8\xA7\xA6\xE5\xB1\x8F\xE5\xB9\x95 \xC2\xB7 "
                       "\xE5\xBC\x80\xE5\xA7\x8B\xE6\xB5\x8F\xE8\xA7\x88"; /* 轻触屏幕 · 开始浏览 */
    int hw = text_line(s, &c->fonts.sans, hpx, hint, g->w - g->mx, fc, ALIGN_RIGHT, geom_px(g, 0.15f),
                       rgba_of(th->ink, 150));
    /* A small gold touch mark before the hint. */
    float r = hpx * 0.42f;
    float cx = (float)(g->w - g->mx - hw) - hpx * 0.9f;
    gfx_stroke_circle(s, cx, (float)fc, r, SDL_max(1.0f, g->u * 0.14f), rgba_of(th->gold, 255));
    gfx_fill_circle(s, cx, (float)fc, r * 0.38f, rgba_of(th->gold, 255));
    return s;
}
