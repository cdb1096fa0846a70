/* Renders every interactive screen to PNG for a designer's eye, without a
 * window: the screens are plain surfaces composed as on the worker thread.
 *
 *   make all feed
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iapp \
 *      $(pkg-config --cflags sdl2 SDL2_ttf SDL2_image fontconfig) tests/e2e/screens_demo.c \
 *      $(find build/app/ui -name '*.o') build/libqfcore.a -o build/screens_demo \
 *      $(pkg-config --libs sdl2 SDL2_ttf SDL2_image fontconfig jansson libsodium libunibreak libcmark inih) -lm -lpthread
 *   build/screens_demo OUT [--feed DIR] [--org NAME] [--min-target PX] [--hits]
 *                      [--missing-image] [--no-stories] [WxH ...]
 *
 * Writes OUT/<screen>-<W>x<H>.png. The home screen gets a stand-in clock
 * and the PIN pad stand-in dots, as the UI thread would draw them; --hits
 * outlines every touch target. Prints any target smaller than the minimum
 * or off screen, and exits 1 then. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/chrome.h"
#include "ui/screen.h"
#include "ui/slide.h"

struct opts {
    const char *out, *feed, *org;
    int min_target;
    bool hits, missing_image, no_stories;
};

static int bad;

static void check_hits(const struct screen *s, const char *name, const struct slide_ctx *c)
{
    int min = SDL_max(48, c->min_target);
    for (size_t i = 0; i < s->n_hits; i++) {
        SDL_Rect r = s->hits[i].r;
        if (r.w < min || r.h < min || r.x < 0 || r.y < 0 || r.x + r.w > c->g.w || r.y + r.h > c->g.h) {
            printf("%s %dx%d: hit %zu (act %d) %d,%d %dx%d is too small or off screen\n", name, c->g.w, c->g.h, i,
                   s->hits[i].act, r.x, r.y, r.w, r.h);
            bad = 1;
        }
        for (size_t j = 0; j < i; j++) {
            SDL_Rect q = s->hits[j].r, o;
            if (SDL_IntersectRect(&r, &q, &o)) {
                printf("%s %dx%d: hits %zu and %zu overlap\n", name, c->g.w, c->g.h, j, i);
                bad = 1;
            }
        }
    }
}

/* What the UI thread draws live: the clock on home, dots on the PIN pad. */
static void live_parts(struct slide_ctx *c, struct screen *s)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (s->key.scene.kind == SCENE_HOME) {
        char date[64], hm[16];
        chrome_format_date((time_t)1795305600, date, sizeof date, hm, sizeof hm);
        int dpx = geom_px(g, 2.0f), tpx = geom_px(g, 3.4f), gap = geom_px(g, 1.6f);
        int right = g->w - g->mx, cy = g->header.h / 2;
        int tw = text_line(s->frame, &c->fonts.bold, tpx, hm, right, cy, ALIGN_RIGHT, geom_px(g, 0.1f),
                           rgba_of(th->ink, 235));
        gfx_fill_rect(s->frame, (float)(right - tw - gap), cy - tpx * 0.38f, 2, tpx * 0.76f, rgba_of(th->gold, 230));
        text_line(s->frame, &c->fonts.sans, dpx, date, right - tw - 2 * gap, cy, ALIGN_RIGHT, 0, rgba_of(th->ink, 170));
    }
    if (s->key.scene.kind == SCENE_PIN) {
        SDL_Rect d = s->pin_dots, m = s->pin_message;
        for (int i = 0; i < 4; i++)
            gfx_fill_circle(s->frame, d.x + d.w / 2.0f + (i - 1.5f) * g->u * 3.2f, d.y + d.h / 2.0f, g->u * 0.8f,
                            rgba_of(th->ink, 230));
        text_line(s->frame, &c->fonts.sans, geom_px(g, 1.9f), "\xE5\xAF\x86\xE7\xA0\x81\xE4\xB8\x8D\xE6\xAD\xA3\xE7\xA1\xAE",
                  m.x + m.w / 2, m.y + m.h / 2, ALIGN_CENTER, 0, rgba_of(th->red, 255)); /* 密码不正确 */
    }
}

static void outline_hits(struct screen *s)
{
    for (size_t i = 0; i < s->n_hits; i++) {
        SDL_Rect r = s->hits[i].r;
        gfx_stroke_rect(s->frame, (float)r.x, (float)r.y, (float)r.w, (float)r.h, 2, (struct rgba){0, 140, 255, 200});
    }
    if (s->key.scene.kind == SCENE_PIN) {
        SDL_Rect r = s->pin_dots;
        gfx_stroke_rect(s->frame, (float)r.x, (float)r.y, (float)r.w, (float)r.h, 2, (struct rgba){0, 200, 80, 200});
        r = s->pin_message;
        gfx_stroke_rect(s->frame, (float)r.x, (float)r.y, (float)r.w, (float)r.h, 2, (struct rgba){200, 0, 200, 200});
    }
}

/* The navigation bar alone, with the 大字 toggle and a long title. */
static struct screen *nav_bar_only(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (s)
        screen_nav_bar(c, s,
                       "\xE3\x80\x90\xE7\xA4\xBA\xE4\xBE\x8B\xE3\x80\x91\xE8\x8A\x82\xE6\x97\xA5\xE6\x9C\x9F\xE9"
                       "\x97\xB4\xE6\x94\xB6\xE5\x8F\x97\xE7\xAE\xA1\xE7\x90\x86\xE6\x9C\x8D\xE5\x8A\xA1\xE5\xAF\xB9"
                       "\xE8\xB1\xA1\xE7\x94\xB5\xE5\xAD\x90\xE7\xBA\xA2\xE5\x8C\x85", /* 【示例】节日期间收受管理服务对象电子红包 */
                       true, k->large);
    return s;
}

static void shoot(struct slide_ctx *c, const struct opts *o, const char *name, const struct screen_key *k)
{
    Uint64 t0 = SDL_GetTicks64();
    struct screen *s = k->scene.kind == SCENE_DETAIL ? nav_bar_only(c, k) : screen_compose(c, k);
    if (!s) {
        printf("%s: cannot compose: %s\n", name, SDL_GetError());
        bad = 1;
        return;
    }
    Uint64 ms = SDL_GetTicks64() - t0;
    check_hits(s, name, c);
    live_parts(c, s);
    if (o->hits)
        outline_hits(s);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", o->out, name, c->g.w, c->g.h);
    if (IMG_SavePNG(s->frame, path) != 0) {
        printf("%s: %s\n", path, IMG_GetError());
        bad = 1;
    }
    printf("%-16s %4dx%-4d %3zu hits %4u ms\n", name, c->g.w, c->g.h, s->n_hits, (unsigned)ms);
    screen_free(s);
}

static void sample_status(struct admin_status *st, int w, int h, const char *feed_dir)
{
    memset(st, 0, sizeof *st);
    snprintf(st->app_version, sizeof st->app_version, "0.9.0");
    snprintf(st->content, sizeof st->content, "\xE7\xA4\xBA\xE4\xBE\x8B\xE5\x86\x85\xE5\xAE\xB9 \xC2\xB7 %s", feed_dir);
    snprintf(st->content_version, sizeof st->content_version, "3f9a2c1e \xC2\xB7 62 \xE6\x9D\xA1");
    snprintf(st->content_date, sizeof st->content_date, "2026-11-20 16:42");
    snprintf(st->last_sync, sizeof st->last_sync,
             "2026-11-22 02:40 \xE6\x88\x90\xE5\x8A\x9F\xEF\xBC\x8C\xE5\x86\x85\xE5\xAE\xB9\xE6\x9C\xAA\xE5\x8F\x98");
    snprintf(st->screen_id, sizeof st->screen_id, "lobby-east-01");
    st->width = w;
    st->height = h;
    st->now = time(NULL);
    st->started = st->now - (3 * 86400 + 4 * 3600 + 12 * 60);
    snprintf(st->state_dir, sizeof st->state_dir, "/tmp");
    snprintf(st->message, sizeof st->message,
             "\xE5\xB7\xB2\xE9\x87\x8D\xE6\x96\xB0\xE8\xBD\xBD\xE5\x85\xA5\xE5\x86\x85\xE5\xAE\xB9\xEF\xBC\x9A"
             "62 \xE6\x9D\xA1"); /* 已重新载入内容：62 条 */
}

static int run_size(const struct opts *o, int w, int h, const struct feed *feed, const char *feed_dir,
                    const struct theme *th, const char *logo, const char *assets, const struct font_faces *faces)
{
    struct slide_ctx *c = malloc(sizeof *c);
    char err[512];
    if (!c || slide_ctx_init(c, w, h, feed, feed_dir, th, logo, assets, faces, err, sizeof err) != 0) {
        printf("slide_ctx_init: %s\n", c ? err : "out of memory");
        free(c);
        return 1;
    }
    if (o->min_target)
        c->min_target = o->min_target;
    struct screen_key k;
    memset(&k, 0, sizeof k);
    k.scene.kind = SCENE_HOME;
    shoot(c, o, "home", &k);
    static const char *const names[] = {"list-maxim", "list-case", "list-story"};
    for (int m = 0; m < 3; m++) {
        size_t n = feed_count_kind(feed, (enum item_kind)m), per = screen_list_per_page(&c->g, (enum item_kind)m);
        size_t pages = n ? (n + per - 1) / per : 1;
        for (size_t p = 0; p < pages; p = p + 1 < pages - 1 && p > 0 ? pages - 1 : p + 1) {
            memset(&k, 0, sizeof k);
            k.scene = (struct scene){.kind = SCENE_LIST, .module = (enum item_kind)m, .list_page = p};
            char name[64];
            snprintf(name, sizeof name, "%s-p%zu", names[m], p + 1);
            shoot(c, o, name, &k);
        }
    }
    memset(&k, 0, sizeof k);
    k.scene.kind = SCENE_QUIZ;
    shoot(c, o, "quiz", &k);
    k.scene.kind = SCENE_PIN;
    shoot(c, o, "pin", &k);
    k.scene.kind = SCENE_ADMIN;
    sample_status(&k.status, w, h, feed_dir);
    shoot(c, o, "admin", &k);
    k.status.message[0] = 0;
    shoot(c, o, "admin-nomsg", &k);
    memset(&k, 0, sizeof k);
    k.scene.kind = SCENE_DETAIL;
    shoot(c, o, "navbar-large-off", &k);
    k.large = true;
    shoot(c, o, "navbar-large-on", &k);
    slide_ctx_free(c);
    free(c);
    return 0;
}

int main(int argc, char **argv)
{
    struct opts o = {.feed = "build/feed"};
    int sizes[16][2], n_sizes = 0;
    for (int i = 1; i < argc; i++) {
        int w, h;
        if (!strcmp(argv[i], "--feed") && i + 1 < argc)
            o.feed = argv[++i];
        else if (!strcmp(argv[i], "--org") && i + 1 < argc)
            o.org = argv[++i];
        else if (!strcmp(argv[i], "--min-target") && i + 1 < argc)
            o.min_target = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--hits"))
            o.hits = true;
        else if (!strcmp(argv[i], "--missing-image"))
            o.missing_image = true;
        else if (!strcmp(argv[i], "--no-stories"))
            o.no_stories = true;
        else if (sscanf(argv[i], "%dx%d", &w, &h) == 2 && n_sizes < 16) {
            sizes[n_sizes][0] = w;
            sizes[n_sizes++][1] = h;
        } else if (!o.out)
            o.out = argv[i];
    }
    if (!o.out) {
        fprintf(stderr, "usage: screens_demo OUT [--feed DIR] [--org NAME] [--min-target PX] [--hits] [--missing-image] "
                        "[--no-stories] [WxH ...]\n");
        return 2;
    }
    if (!n_sizes) {
        int def[3][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}};
        memcpy(sizes, def, sizeof def);
        n_sizes = 3;
    }
    char err[1024];
    struct feed *feed = feed_load_dir(o.feed, err, sizeof err);
    if (!feed) {
        fprintf(stderr, "feed: %s\n", err);
        return 1;
    }
    /* Stress cases, made in memory: a picture gone missing after the feed
     * was checked, an item without a picture, a module with no items. */
    char *kept_image[2] = {NULL, NULL};
    struct feed_item *broken[2] = {NULL, NULL};
    for (size_t i = 0, n = 0; o.missing_image && i < feed->n_items && n < 2; i++)
        if (feed->items[i].kind == ITEM_CASE) {
            broken[n] = &feed->items[i];
            kept_image[n] = broken[n]->image;
            broken[n]->image = n == 0 ? "images/does-not-exist.svg" : NULL;
            n++;
        }
    size_t all_items = feed->n_items;
    if (o.no_stories) {
        /* Stories move to the end and out of sight; restored before freeing. */
        size_t w = 0;
        for (size_t i = 0; i < feed->n_items; i++)
            if (feed->items[i].kind != ITEM_STORY) {
                struct feed_item t = feed->items[w];
                feed->items[w++] = feed->items[i];
                feed->items[i] = t;
            }
        feed->n_items = w;
    }
    struct theme th;
    theme_defaults(&th);
    if (theme_load(&th, "assets/theme.ini", err, sizeof err) != 0)
        fprintf(stderr, "theme: %s\n", err);
    if (o.org)
        snprintf(th.org_name, sizeof th.org_name, "%s", o.org);
    struct font_faces faces;
    if (font_faces_find(&faces, "AR PL UKai CN", "Noto Sans CJK SC", err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    IMG_Init(IMG_INIT_PNG);
    int rc = 0;
    for (int i = 0; i < n_sizes; i++)
        rc |= run_size(&o, sizes[i][0], sizes[i][1], feed, o.feed, &th, "assets/logo.svg", "assets", &faces);
    feed->n_items = all_items;
    for (int i = 0; i < 2; i++)
        if (broken[i])
            broken[i]->image = kept_image[i];
    feed_free(feed);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    FcFini(); /* as app.c: fontconfig's caches, so leak checkers see only ours */
    return rc || bad;
}
