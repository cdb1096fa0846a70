/* Reading an item: a maxim (its slide, with previous/next), a story, or one
 * page of a case's guided module. */
#include <stdio.h>
#include <string.h>

#include "ui/screen_reading.h"

/* UTF-8 labels. */
#define L_MAXIMS "\xE5\xBB\x89\xE8\xAF\xAD\xE8\xAD\xA6\xE5\x8F\xA5"       /* 廉语警句 */
#define L_CASES "\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2"        /* 警示教育 */
#define L_STORIES "\xE8\xBA\xAB\xE8\xBE\xB9\xE5\x85\xB8\xE5\x9E\x8B"      /* 身边典型 */
#define L_PREV_ONE "\xE4\xB8\x8A\xE4\xB8\x80\xE6\x9D\xA1"                 /* 上一条 */
#define L_NEXT_ONE "\xE4\xB8\x8B\xE4\xB8\x80\xE6\x9D\xA1"                 /* 下一条 */
#define L_PREV_STORY "\xE4\xB8\x8A\xE4\xB8\x80\xE7\xAF\x87"               /* 上一篇 */
#define L_NEXT_STORY "\xE4\xB8\x8B\xE4\xB8\x80\xE7\xAF\x87"               /* 下一篇 */
#define L_PREV_PAGE "\xE4\xB8\x8A\xE4\xB8\x80\xE9\xA1\xB5"                /* 上一页 */
#define L_NEXT_PAGE "\xE4\xB8\x8B\xE4\xB8\x80\xE9\xA1\xB5"                /* 下一页 */
#define L_TO_CHECK "\xE5\xBC\x80\xE5\xA7\x8B\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B" /* 开始学后测 */
#define L_DONE "\xE5\xAD\xA6\xE4\xB9\xA0\xE5\xAE\x8C\xE6\x88\x90"         /* 学习完成 */


static struct rgb accent_of(const struct slide_ctx *c, enum item_kind k)
{
    return k == ITEM_CASE ? c->theme->red : rgb_mix(c->theme->gold, c->theme->ink, 0.22f);
}

/* A maxim reads best as its own slide: the big Kai saying with its
 * attribution and seal; the visit adds the bars around it. */
static struct screen *maxim_detail(struct slide_ctx *c, const struct screen_key *k, const struct feed_item *it)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    SDL_Surface *slide = slide_maxim(c, it);
    if (slide) {
        SDL_SetSurfaceBlendMode(slide, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(slide, NULL, s->frame, NULL);
        SDL_FreeSurface(slide);
    }
    screen_nav_bar(c, s, L_MAXIMS, false, false);
    struct reading r = reading_layout(c, false, false);
    /* The bars sit on the slide's own paper, clear of the saying. */
    char pos[32];
    snprintf(pos, sizeof pos, "%zu / %zu", k->scene.pos + 1, slide_module_count(c, ITEM_MAXIM));
    reading_footer(c, s, r.footer, L_PREV_ONE, HIT_STEP, -1, pos, L_NEXT_ONE, HIT_STEP, +1, true);
    return s;
}

/* The head of a story or a case: the lead, and in portrait (no side panel)
 * the picture and the title above it. */
static void item_head(struct slide_ctx *c, struct stack *st, const struct feed_item *it, int w, bool portrait,
                      bool large)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (portrait && it->image) {
        int ph = (int)(w * 0.5f);
        SDL_Surface *p = gfx_surface(w, ph);
        if (p) {
            slide_picture_panel(c, p, it, (SDL_Rect){0, 0, w, ph}, accent_of(c, it->kind));
            stack_add(st, p, 0, 0);
        }
    }
    if (portrait) {
        int tpx = geom_px(g, 4.6f);
        stack_add(st, reading_text(c, &c->fonts.bold, tpx, 1.3f, it->title, w, th->ink, false, it->id, "title"),
                  geom_px(g, 3.0f), 0);
    }
    int lpx = reading_body_px(c, large);
    stack_add(st, reading_text(c, &c->fonts.kai, (int)(lpx * 1.08f), 1.7f, it->summary, w,
                               rgb_mix(th->ink, th->paper, 0.25f), false, it->id, "summary"),
              geom_px(g, 2.4f), 0);
}

static void add_qr(struct slide_ctx *c, struct stack *st, const struct feed_item *it, int w)
{
    if (!it->url || !*it->url)
        return;
    int side = SDL_min(w, geom_px(&c->g, 24));
    SDL_Surface *q = reading_qr(c, it->url, side);
    if (q)
        stack_add(st, q, geom_px(&c->g, 5.0f), (w - q->w) / 2);
}

static struct screen *story_detail(struct slide_ctx *c, const struct screen_key *k, const struct feed_item *it)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    bool large = k->large;
    struct reading r = reading_layout(c, false, true);
    screen_nav_bar(c, s, L_STORIES, true, large);
    bool qr_beside = r.side.w && reading_side(c, s->frame, r.side, it, accent_of(c, ITEM_STORY));

    struct stack st = {0};
    int w = r.body.w;
    item_head(c, &st, it, w, !r.side.w, large);
    stack_add(&st, reading_markdown(c, it->markdown ? it->markdown : it->text, w, large, it->id),
              geom_px(&c->g, 4.0f), 0);
    if (!qr_beside)
        add_qr(c, &st, it, w);
    stack_add(&st, gfx_surface(w, geom_px(&c->g, 6.0f)), 0, 0); /* breathing room at the end */
    s->body = stack_join(&st, w);
    s->body_view = r.body;

    char pos[32];
    snprintf(pos, sizeof pos, "%zu / %zu", k->scene.pos + 1, slide_module_count(c, ITEM_STORY));
    reading_footer(c, s, r.footer, L_PREV_STORY, HIT_STEP, -1, pos, L_NEXT_STORY, HIT_STEP, +1, true);
    return s;
}

/* A red square and the page title: where a page of a case module begins. */
static SDL_Surface *page_heading(struct slide_ctx *c, const char *title, int w, bool large)
{
    const struct geom *g = &c->g;
    int px = (int)(reading_body_px(c, large) * 1.45f);
    int h = (int)(px * 1.8f);
    SDL_Surface *s = gfx_surface(w, h);
    if (!s)
        return NULL;
    float sq = px * 0.5f;
    gfx_fill_rect(s, 0, h / 2.0f - sq / 2, sq, sq, rgba_of(c->theme->red, 255));
    text_line(s, &c->fonts.bold, px, title, (int)(sq * 2.2f), h / 2, ALIGN_LEFT, geom_px(g, 0.2f),
              rgba_of(c->theme->ink, 255));
    return s;
}

static struct screen *case_detail(struct slide_ctx *c, const struct screen_key *k, const struct feed_item *it)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    bool large = k->large;
    size_t pages = nav_case_pages(it), page = k->scene.page < pages ? k->scene.page : pages - 1;
    struct reading r = reading_layout(c, true, true);
    screen_nav_bar(c, s, L_CASES, true, large);
    reading_steps(c, s->frame, r.steps, it, page);
    bool qr_beside = r.side.w && reading_side(c, s->frame, r.side, it, accent_of(c, ITEM_CASE));

    struct stack st = {0};
    int w = r.body.w;
    if (page == 0) {
        item_head(c, &st, it, w, !r.side.w, large);
        stack_add(&st, reading_markdown(c, it->intro, w, large, it->id), geom_px(&c->g, 3.0f), 0);
    }
    if (it->n_pages) {
        stack_add(&st, page_heading(c, it->pages[page].title, w, large), geom_px(&c->g, page ? 0.0f : 4.0f), 0);
        stack_add(&st, reading_markdown(c, it->pages[page].markdown, w, large, it->id), geom_px(&c->g, 1.5f), 0);
    } else {
        stack_add(&st, reading_markdown(c, it->markdown ? it->markdown : it->text, w, large, it->id),
                  geom_px(&c->g, 3.0f), 0);
    }
    bool last = page + 1 == pages;
    if (last && !qr_beside)
        add_qr(c, &st, it, w);
    stack_add(&st, gfx_surface(w, geom_px(&c->g, 6.0f)), 0, 0);
    s->body = stack_join(&st, w);
    s->body_view = r.body;

    char pos[48];
    /* 第 n / N 页 */
    snprintf(pos, sizeof pos, "\xE7\xAC\xAC %zu / %zu \xE9\xA1\xB5", page + 1, pages);
    const char *next = !last ? L_NEXT_PAGE : it->n_questions ? L_TO_CHECK : L_DONE;
    reading_footer(c, s, r.footer, page ? L_PREV_PAGE : NULL, HIT_STEP, -1, pos, next,
                   !last || it->n_questions ? HIT_STEP : HIT_BACK, +1, true);
    return s;
}

struct screen *screen_detail(struct slide_ctx *c, const struct screen_key *k)
{
    if (!c->feed || k->scene.item >= c->feed->n_items)
        return NULL;
    const struct feed_item *it = &c->feed->items[k->scene.item];
    switch (it->kind) {
    case ITEM_MAXIM:
        return maxim_detail(c, k, it);
    case ITEM_CASE:
        return case_detail(c, k, it);
    case ITEM_STORY:
        break;
    }
    return story_detail(c, k, it);
}
