/* The 警示教育 (case) and 身边典型 (story) cards: a framed picture beside
 * (landscape) or above (portrait) a label chip, the title, the lead and tags.
 * Cases are sober with red accents; stories are warmer with gold. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/image.h"
#include "ui/slide.h"

SDL_Surface *slide_load_picture(struct slide_ctx *c, const struct feed_item *it, int w, int h)
{
    if (!it->image || !*it->image)
        return NULL;
    char path[QF_PATH_MAX], err[256] = "";
    SDL_Surface *s = NULL;
    if (!feed_path_is_safe(it->image)) {
        snprintf(err, sizeof err, "unsafe path refused");
        snprintf(path, sizeof path, "%s", it->image);
    } else if (path_join(path, sizeof path, c->feed_dir, it->image) != 0) {
        snprintf(err, sizeof err, "path too long");
    } else {
        s = image_load_cover(path, w, h, err, sizeof err);
    }
    if (!s) {
        char key[QF_PATH_MAX + 16];
        snprintf(key, sizeof key, "image %s", path);
        if (warn_once(&c->warns, key))
            log_warn("image: item=%s %s: %s; showing a placeholder", it->id, path, err);
    }
    return s;
}

void slide_picture_panel(struct slide_ctx *c, SDL_Surface *dst, const struct feed_item *it, SDL_Rect r,
                         struct rgb accent)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    gfx_shadow(dst, r.x, r.y + geom_px(g, 0.5f), r.w, r.h, geom_px(g, 2.2f), 46);
    struct rgb mat = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.55f);
    gfx_fill_rect(dst, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rgba_of(mat, 255));
    int pad = geom_px(g, 1.2f);
    SDL_Rect in = {r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
    SDL_Surface *pic = slide_load_picture(c, it, in.w, in.h);
    if (pic) {
        gfx_blit(dst, pic, in.x, in.y, 255);
        SDL_FreeSurface(pic);
    } else {
        /* Placeholder: a quiet wash of the paper and faint lotus art. */
        struct rgb wash = rgb_mix(th->paper, th->gold, 0.10f);
        gfx_fill_rect(dst, (float)in.x, (float)in.y, (float)in.w, (float)in.h, rgba_of(wash, 255));
        int m = geom_px(g, 4);
        slide_draw_art(c, dst, "lotus", (SDL_Rect){in.x + m, in.y + m, in.w - 2 * m, in.h - 2 * m}, 0, 0, 70);
    }
    float t = SDL_max(1.0f, g->u * 0.12f);
    gfx_stroke_rect(dst, (float)in.x, (float)in.y, (float)in.w, (float)in.h, t, rgba_of(th->gold, 200));
    /* A short accent bar on the mat's top edge ties the picture to the label. */
    gfx_fill_rect(dst, (float)r.x, (float)r.y, (float)geom_px(g, 9), (float)geom_px(g, 0.45f), rgba_of(accent, 255));
}

static const char *lead_text(const struct feed_item *it)
{
    if (it->summary && *it->summary)
        return it->summary;
    if (it->text && *it->text)
        return it->text;
    return "";
}

SDL_Surface *slide_card(struct slide_ctx *c, const struct feed_item *it)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    bool is_case = it->kind == ITEM_CASE;
    struct rgb accent = is_case ? th->red : rgb_mix(th->gold, th->ink, 0.22f);
    const char *label = is_case ? "\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2"  /* 警示教育 */
                                : "\xE8\xBA\xAB\xE8\xBE\xB9\xE5\x85\xB8\xE5\x9E\x8B"; /* 身边典型 */
    SDL_Surface *s = slide_background(c, is_case ? 0.0f : 0.05f);
    if (!s)
        return NULL;
    const SDL_Rect ct = g->content;

    /* Faint art: mountains for cases, the item's motif behind a story's text. */
    int mh = (int)(g->h * (g->portrait ? 0.12f : 0.18f));
    slide_draw_art(c, s, "mountains", (SDL_Rect){0, g->h - mh, g->w, mh}, 0, 1, is_case ? 26 : 34);
    if (!is_case) {
        SDL_Rect m = g->portrait ? (SDL_Rect){g->w / 2, g->h / 2, g->w / 2, (int)(g->h * 0.34f)}
                                 : (SDL_Rect){(int)(g->w * 0.66f), g->header.h, (int)(g->w * 0.34f), (int)(g->h * 0.5f)};
        slide_draw_art(c, s, slide_motif(it), m, 1, g->portrait ? 1 : -1, 30);
    }

    SDL_Rect pic, col;
    if (g->portrait) {
        pic = (SDL_Rect){ct.x, ct.y, ct.w, (int)(ct.h * 0.44f)};
        int ty = pic.y + pic.h + geom_px(g, 6);
        col = (SDL_Rect){ct.x, ty, ct.w, ct.y + ct.h - ty};
    } else {
        int pw = (int)(ct.w * 0.44f);
        pic = (SDL_Rect){ct.x, ct.y, pw, ct.h};
        int tx = ct.x + pw + geom_px(g, 6.5f);
        col = (SDL_Rect){tx, ct.y, ct.x + ct.w - tx, ct.h};
    }
    slide_picture_panel(c, s, it, pic, accent);

    /* The text stack: chip, title, rule, lead, tags. */
    int chip_px = geom_px(g, g->portrait ? 2.5f : 2.1f);
    int chip_h = (int)(chip_px * 1.9f);
    int gap_chip = geom_px(g, 3.2f), gap_title = geom_px(g, 2.6f), rule_h = geom_px(g, 0.35f);
    int gap_rule = geom_px(g, 3.0f), gap_tags = geom_px(g, 3.6f);
    int tag_px = geom_px(g, g->portrait ? 2.3f : 1.9f), tag_h = (int)(tag_px * 1.8f);
    bool has_tags = it->n_tags > 0;

    struct layout_box tbox = {.width = col.w, .max_px = geom_px(g, g->portrait ? 6.2f : 5.2f), .min_px = geom_px(g, 3.0f),
                              .line_spacing = 1.32f};
    tbox.height = (int)(2 * 1.32f * tbox.max_px) + 1;
    struct text_block title;
    text_fit(&title, &c->fonts.bold, it->title ? it->title : "", &tbox, it->id, "title", &c->warns);
    text_balance(&title);
    int title_h = text_height(&title);

    int fixed = chip_h + gap_chip + title_h + gap_title + rule_h + gap_rule + (has_tags ? gap_tags + tag_h : 0);
    struct layout_box lbox = {.width = col.w, .height = col.h - fixed, .max_px = geom_px(g, g->portrait ? 4.0f : 3.3f),
                              .min_px = geom_px(g, 2.2f), .line_spacing = 1.8f};
    if (lbox.height < lbox.min_px * 2)
        lbox.height = lbox.min_px * 2;
    struct text_block lead;
    text_fit(&lead, &c->fonts.sans, lead_text(it), &lbox, it->id, "summary", &c->warns);
    text_avoid_widow(&lead);
    int total = fixed + text_height(&lead);
    int y = col.y + (col.h - total) / (g->portrait ? 3 : 2);
    if (y < col.y)
        y = col.y;

    slide_chip(c, s, col.x, y + chip_h / 2, label, accent, (struct rgb){255, 252, 246}, chip_px);
    y += chip_h + gap_chip;
    text_draw(s, &title, col.x, y, ALIGN_LEFT, false, rgba_of(th->ink, 255));
    y += title_h + gap_title;
    gfx_fill_rect(s, (float)col.x, (float)y, (float)geom_px(g, 7), (float)rule_h, rgba_of(accent, 255));
    gfx_fill_rect(s, (float)(col.x + geom_px(g, 7)), (float)y + rule_h / 2.0f - 0.5f,
                  (float)(col.w - geom_px(g, 7)), SDL_max(1.0f, g->u * 0.08f), rgba_of(th->gold, 110));
    y += rule_h + gap_rule;
    text_draw(s, &lead, col.x, y, ALIGN_LEFT, true, rgba_of(th->ink, 228));
    y += text_height(&lead);

    if (has_tags) {
        int ty = y + gap_tags + tag_h / 2;
        int x = col.x, gap = geom_px(g, 1.2f);
        for (size_t i = 0; i < it->n_tags; i++) {
            int w = slide_tag(c, s, x, ty, it->tags[i], accent, tag_px, false);
            if (x + w > col.x + col.w)
                break; /* tags never wrap into the text: the row shows what fits */
            slide_tag(c, s, x, ty, it->tags[i], accent, tag_px, true);
            x += w + gap;
        }
    }
    text_block_free(&title);
    text_block_free(&lead);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE);
    return s;
}
