/* The 廉语 slide: a maxim large in Kai, centred, with its attribution, a red
 * seal, and faint ink-wash art. */
#include <stdio.h>
#include <string.h>

#include "ui/slide.h"

static void attribution(const struct feed_item *it, char *out, size_t len)
{
    out[0] = 0;
    const char *a = it->author && *it->author ? it->author : "";
    const char *s = it->source && *it->source ? it->source : "";
    if (!*a && !*s)
        return;
    bool bracketed = !*s || strncmp(s, "\xE3\x80\x8A", 3) == 0; /* 《 */
    snprintf(out, len, "\xE2\x80\x94\xE2\x80\x94%s%s%s%s", a, bracketed ? "" : "\xE3\x80\x8A", s,
             bracketed ? "" : "\xE3\x80\x8B");
}

SDL_Surface *slide_maxim(struct slide_ctx *c, const struct feed_item *it)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *s = slide_background(c, 0.0f);
    if (!s)
        return NULL;
    const SDL_Rect ct = g->content;

    /* Art first: mountains along the bottom, clouds high on the right, the
     * item's motif large in the lower left corner. */
    int mh = (int)(g->h * (g->portrait ? 0.16f : 0.24f));
    slide_draw_art(c, s, "mountains", (SDL_Rect){0, g->h - mh, g->w, mh}, 0, 1, 46);
    SDL_Rect clouds = g->portrait ? (SDL_Rect){g->w / 2, g->header.h + geom_px(g, 2), g->w / 2 - g->mx, g->h / 10}
                                  : (SDL_Rect){(int)(g->w * 0.60f), g->header.h + geom_px(g, 2),
                                               (int)(g->w * 0.36f), (int)(g->h * 0.17f)};
    slide_draw_art(c, s, "clouds", clouds, 1, -1, 34);
    SDL_Rect motif = g->portrait ? (SDL_Rect){0, g->h - (int)(g->h * 0.42f), (int)(g->w * 0.62f), (int)(g->h * 0.36f)}
                                 : (SDL_Rect){0, g->h - (int)(g->h * 0.74f), (int)(g->w * 0.36f), (int)(g->h * 0.66f)};
    slide_draw_art(c, s, slide_motif(it), motif, -1, 1, 44);

    /* The discreet label. */
    int lpx = geom_px(g, 2.6f);
    int ly = ct.y + lpx / 2;
    int lw = text_line(s, &c->fonts.kai, lpx, "\xE5\xBB\x89\xE8\xAF\xAD", ct.x, ly, ALIGN_LEFT, geom_px(g, 0.9f),
                       rgba_of(th->red, 255)); /* 廉语 */
    gfx_fill_rect(s, (float)(ct.x + lw + geom_px(g, 1.6f)), (float)ly, (float)geom_px(g, 9),
                  SDL_max(1.0f, g->u * 0.12f), rgba_of(th->gold, 220));

    /* The saying. */
    struct layout_box box = {
        .width = g->portrait ? (int)(ct.w * 0.92f) : SDL_min(ct.w, (int)(g->w * 0.70f)),
        .height = (int)(ct.h * (g->portrait ? 0.40f : 0.50f)),
        .max_px = geom_px(g, g->portrait ? 9.0f : 10.0f),
        .min_px = geom_px(g, 3.6f),
        .line_spacing = 1.45f,
        .keep_phrases = true,
    };
    const char *saying = it->text && *it->text ? it->text : (it->title ? it->title : "");
    struct text_block tb;
    text_fit(&tb, &c->fonts.kai, saying, &box, it->id, "text", &c->warns);
    text_balance(&tb);

    char attr[512];
    attribution(it, attr, sizeof attr);
    int apx = geom_px(g, 3.2f);
    int seal = geom_px(g, 7.5f);
    int gap = geom_px(g, 5.0f);
    int th_ = text_height(&tb);
    int group = th_ + gap + seal;
    int top = ct.y + (ct.h - group) / 2 - geom_px(g, 1.5f);
    int bx = ct.x + (ct.w - box.width) / 2;
    text_draw(s, &tb, bx, top, ALIGN_CENTER, false, rgba_of(th->ink, 255));

    /* Attribution, right-aligned under the saying, the seal at its end. */
    int right = bx + (box.width + text_width(&tb)) / 2;
    int min_right = bx + box.width / 2 + geom_px(g, 18);
    if (right < min_right)
        right = min_right;
    if (right > ct.x + ct.w)
        right = ct.x + ct.w;
    int arow = top + th_ + gap + seal / 2;
    int seal_x = right - seal;
    if (attr[0]) {
        /* A long source title shrinks a little, then wraps at a phrase,
         * right-aligned against the seal; it never runs off the screen. */
        int attr_right = seal_x - geom_px(g, 2.2f);
        struct layout_box abox = {
            .width = attr_right - ct.x,
            .height = apx * 3,
            .max_px = apx,
            .min_px = apx * 3 / 4,
            .line_spacing = 1.3f,
            .keep_phrases = true,
        };
        struct text_block ab;
        if (abox.width > 0 && text_fit(&ab, &c->fonts.kai, attr, &abox, it->id, "attribution", &c->warns) == 0)
            text_draw(s, &ab, ct.x, arow - text_height(&ab) / 2, ALIGN_RIGHT, false, rgba_of(th->ink, 205));
        if (abox.width > 0)
            text_block_free(&ab);
    }
    slide_seal(c, s, seal_x, arow - seal / 2, seal,
               (slide_hash(it->id) & 1) ? "\xE6\xB8\x85\xE5\xBB\x89" : "\xE5\xBB\x89"); /* 清廉 / 廉 */
    text_block_free(&tb);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
    return s;
}
