#include "ui/slide.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "ui/art_cache.h"
#include "ui/image.h"
#include "ui/paper.h"

int slide_ctx_init(struct slide_ctx *c, int w, int h, const struct feed *feed, const char *feed_dir,
                   const struct theme *theme, const char *logo, const char *assets_dir, const struct font_faces *faces,
                   char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    geom_init(&c->g, w, h);
    c->min_target = 48;
    c->large_scale = 1.35f;
    c->feed = feed;
    snprintf(c->feed_dir, sizeof c->feed_dir, "%s", feed_dir ? feed_dir : "");
    c->theme = theme;
    snprintf(c->logo, sizeof c->logo, "%s", logo ? logo : "");
    snprintf(c->assets_dir, sizeof c->assets_dir, "%s", assets_dir);
    return font_set_open(&c->fonts, faces, err, errlen);
}

static void free_members(struct slide_ctx *c)
{
    for (int m = 0; m < NAV_MODULES; m++) {
        free(c->members[m]);
        c->members[m] = NULL;
        c->n_members[m] = 0;
    }
}

int slide_ctx_set_members(struct slide_ctx *c, const struct nav *nav)
{
    free_members(c);
    for (int m = 0; m < NAV_MODULES; m++) {
        c->members[m] = malloc((nav->n_members[m] ? nav->n_members[m] : 1) * sizeof *c->members[m]);
        if (!c->members[m]) {
            free_members(c);
            return -1;
        }
        memcpy(c->members[m], nav->members[m], nav->n_members[m] * sizeof *c->members[m]);
        c->n_members[m] = nav->n_members[m];
    }
    return 0;
}

size_t slide_module_count(const struct slide_ctx *c, enum item_kind k)
{
    if (c->members[k])
        return c->n_members[k];
    return c->feed ? feed_count_kind(c->feed, k) : 0;
}

size_t slide_module_item(const struct slide_ctx *c, enum item_kind k, size_t pos)
{
    if (c->members[k])
        return pos < c->n_members[k] ? c->members[k][pos] : SIZE_MAX;
    for (size_t i = 0, n = 0; c->feed && i < c->feed->n_items; i++)
        if (c->feed->items[i].kind == k && n++ == pos)
            return i;
    return SIZE_MAX;
}

void slide_ctx_free(struct slide_ctx *c)
{
    free_members(c);
    font_set_close(&c->fonts);
    warn_set_free(&c->warns);
    for (int i = 0; i < ART_CACHE; i++)
        if (c->art[i].s)
            SDL_FreeSurface(c->art[i].s);
    memset(c, 0, sizeof *c);
}

unsigned slide_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

const char *slide_motif(const struct feed_item *it)
{
    static const char *const motifs[] = {"lotus", "bamboo", "plum", "orchid"};
    return motifs[slide_hash(it->id) % 4];
}

SDL_Surface *slide_background(struct slide_ctx *c, float warmth)
{
    /* Drawn afresh each time rather than copied from a kept full-screen
     * paper: it costs a few ms and keeps 8 MiB (at 1080p) off the worker. */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, c->g.w, c->g.h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    struct rgba wash = rgba_of(c->theme->gold, warmth > 0 ? (Uint8)(warmth * 255) : 0);
    Uint64 t0 = SDL_GetPerformanceCounter();
    if (paper_draw(s, c->theme->paper, 0x5EED1234u, wash) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    log_debug("paper: %dx%d in %.1f ms", s->w, s->h,
              (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency());
    return s;
}

SDL_Surface *slide_art(struct slide_ctx *c, const char *name, int w, int h)
{
    struct art_entry *victim = &c->art[0];
    for (int i = 0; i < ART_CACHE; i++) {
        struct art_entry *e = &c->art[i];
        if (e->name[0] && !strcmp(e->name, name) && e->w == w && e->h == h) {
            e->used = ++c->art_tick;
            return e->s;
        }
        if (!e->name[0] || (victim->name[0] && e->used < victim->used))
            victim = e;
    }
    char rel[64], path[QF_PATH_MAX], err[256] = "", cache_dir[QF_PATH_MAX] = "";
    snprintf(rel, sizeof rel, "art/%s.svg", name);
    if (c->cfg && c->cfg->state_dir[0] && path_join(cache_dir, sizeof cache_dir, c->cfg->state_dir, "art-cache") != 0)
        cache_dir[0] = 0; /* no disk cache then */
    SDL_Surface *s = NULL;
    Uint64 t0 = SDL_GetPerformanceCounter();
    const char *how = "read back";
    if (path_join(path, sizeof path, c->assets_dir, rel) == 0) {
        s = art_cache_load(cache_dir, path, w, h);
        if (!s) {
            s = image_load_contain(path, w, h, err, sizeof err);
            how = s ? "rasterised" : "not loaded";
            if (s)
                art_cache_save(cache_dir, path, w, h, s);
        }
    }
    log_debug("art: %s at %dx%d %s in %.1f ms", name, w, h, how,
              (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)SDL_GetPerformanceFrequency());
    if (!s) {
        char key[QF_PATH_MAX + 16];
        snprintf(key, sizeof key, "art %s", path);
        if (warn_once(&c->warns, key))
            log_warn("image: %s: %s; drawing without it", path, err[0] ? err : "cannot open");
    }
    if (victim->s)
        SDL_FreeSurface(victim->s);
    snprintf(victim->name, sizeof victim->name, "%s", name);
    victim->w = w;
    victim->h = h;
    victim->s = s;
    victim->used = ++c->art_tick;
    return s;
}

void slide_art_trim(struct slide_ctx *c)
{
    /* A quarter screen of pictures stays: the ornaments every slide uses.
     * A large one is read back from the disk cache in a millisecond or two. */
    size_t cap = (size_t)c->g.w * (size_t)c->g.h, total = 0;
    for (int i = 0; i < ART_CACHE; i++)
        if (c->art[i].s)
            total += (size_t)c->art[i].s->pitch * (size_t)c->art[i].s->h;
    while (total > cap) {
        struct art_entry *victim = NULL;
        for (int i = 0; i < ART_CACHE; i++)
            if (c->art[i].s && (!victim || c->art[i].used < victim->used))
                victim = &c->art[i];
        total -= (size_t)victim->s->pitch * (size_t)victim->s->h;
        SDL_FreeSurface(victim->s);
        memset(victim, 0, sizeof *victim);
    }
}

void slide_draw_art(struct slide_ctx *c, SDL_Surface *dst, const char *name, SDL_Rect box, int anchor_x,
                    int anchor_y, Uint8 opacity)
{
    SDL_Surface *a = slide_art(c, name, box.w, box.h);
    if (!a)
        return;
    int x = anchor_x < 0 ? box.x : anchor_x > 0 ? box.x + box.w - a->w : box.x + (box.w - a->w) / 2;
    int y = anchor_y < 0 ? box.y : anchor_y > 0 ? box.y + box.h - a->h : box.y + (box.h - a->h) / 2;
    gfx_blit(dst, a, x, y, opacity);
}

void slide_seal(struct slide_ctx *c, SDL_Surface *dst, int x, int y, int px, const char *text)
{
    struct rgb red = c->theme->red;
    /* A double-bordered 白文 seal: the rough frame, a paper gap, then a red
     * field with the characters left white. */
    SDL_Surface *frame = slide_art(c, "seal-frame", px, px);
    float inset = px * (frame ? 0.155f : 0.0f);
    if (frame)
        gfx_blit_tinted(dst, frame, x + (px - frame->w) / 2, y + (px - frame->h) / 2, rgba_of(red, 240));
    float fw = px - 2 * inset;
    gfx_fill_round_rect(dst, x + inset, y + inset, fw, fw, px * 0.035f, rgba_of(red, 240));
    struct rgba white = {255, 250, 242, 255};
    struct font *kai = &c->fonts.kai;
    float cx = x + px / 2.0f, cy = y + px / 2.0f;
    /* One character large; two stacked as on a seal; more: one row. */
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    if (n == 1) {
        text_line(dst, kai, (int)(fw * 0.78f), text, (int)cx, (int)cy, ALIGN_CENTER, 0, white);
    } else if (n == 2) {
        size_t k = 1;
        while (text[k] && ((unsigned char)text[k] & 0xC0) == 0x80)
            k++;
        char a[8] = "", b[8] = "";
        snprintf(a, sizeof a, "%.*s", (int)k, text);
        snprintf(b, sizeof b, "%s", text + k);
        int cpx = (int)(fw * 0.46f);
        text_line(dst, kai, cpx, a, (int)cx, (int)(cy - fw * 0.235f), ALIGN_CENTER, 0, white);
        text_line(dst, kai, cpx, b, (int)cx, (int)(cy + fw * 0.235f), ALIGN_CENTER, 0, white);
    } else {
        text_line(dst, kai, (int)(fw * 0.9f / (float)n), text, (int)cx, (int)cy, ALIGN_CENTER, 0, white);
    }
}

int slide_chip(struct slide_ctx *c, SDL_Surface *dst, int x, int cy, const char *text, struct rgb fill,
               struct rgb ink, int px)
{
    int sp = px / 6;
    int tw = text_line_width(&c->fonts.bold, px, text, sp);
    int padx = (int)(px * 0.9f), h = (int)(px * 1.9f);
    int w = tw + 2 * padx;
    gfx_fill_round_rect(dst, (float)x, (float)(cy - h / 2), (float)w, (float)h, px * 0.22f, rgba_of(fill, 255));
    text_line(dst, &c->fonts.bold, px, text, x + padx, cy, ALIGN_LEFT, sp, rgba_of(ink, 255));
    return w;
}

int slide_tag(struct slide_ctx *c, SDL_Surface *dst, int x, int cy, const char *text, struct rgb line, int px,
              bool draw)
{
    int tw = text_line_width(&c->fonts.sans, px, text, 0);
    int padx = (int)(px * 0.75f), h = (int)(px * 1.8f);
    int w = tw + 2 * padx;
    if (draw) {
        float t = SDL_max(1.0f, px * 0.07f);
        gfx_stroke_round_rect(dst, (float)x, (float)(cy - h / 2), (float)w, (float)h, h / 2.0f, t,
                              rgba_of(line, 200));
        text_line(dst, &c->fonts.sans, px, text, x + padx, cy, ALIGN_LEFT, 0, rgba_of(line, 255));
    }
    return w;
}

SDL_Surface *slide_compose(struct slide_ctx *c, size_t item)
{
    if (!c->feed || item >= c->feed->n_items)
        return NULL;
    const struct feed_item *it = &c->feed->items[item];
    return it->kind == ITEM_MAXIM ? slide_maxim(c, it) : slide_card(c, it);
}
