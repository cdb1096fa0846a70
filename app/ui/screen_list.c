/* A module's list: one page of tiles (pictures for cases and stories, the
 * saying itself for maxims) and the pager below them. */
#include <stdint.h>
#include <stdio.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

static void grid_of(const struct geom *g, enum item_kind module, int *cols, int *rows)
{
    float aspect = (float)g->w / (float)g->h;
    if (!g->portrait) {
        /* Four tiles keep a picture near its 4:3 shape on wide screens; a
         * maxim needs the wider tile below 16:9 to stay legible. */
        *cols = aspect >= (module == ITEM_MAXIM ? 1.7f : 1.5f) ? 4 : 3;
        *rows = 2;
    } else {
        *cols = 2;
        *rows = module == ITEM_MAXIM ? 4 : 3;
        if (aspect > 0.7f) /* a squarish portrait screen */
            *rows -= 1;
    }
}

size_t screen_list_per_page(const struct geom *g, enum item_kind module)
{
    int cols, rows;
    grid_of(g, module, &cols, &rows);
    return (size_t)(cols * rows);
}

/* Cell slot of a cols x rows grid filling w x h at (x, y); the cells
 * share the rounding so the grid ends exactly on the margins. */
static SDL_Rect cell(int x, int y, int w, int h, int cols, int rows, int gap, int slot)
{
    int c = slot % cols, r = slot / cols;
    int x0 = x + (w + gap) * c / cols, x1 = x + (w + gap) * (c + 1) / cols - gap;
    int y0 = y + (h + gap) * r / rows, y1 = y + (h + gap) * (r + 1) / rows - gap;
    return (SDL_Rect){x0, y0, x1 - x0, y1 - y0};
}

static const char *first_tag(const struct feed_item *it) { return it->n_tags ? it->tags[0] : NULL; }

static const char *lead_of(const struct feed_item *it)
{
    if (it->summary && *it->summary)
        return it->summary;
    return it->text ? it->text : "";
}

/* The tag chip at (x, cy) on its own paper, so it reads over a picture;
 * cut to max_w. */
static void tag_chip(struct slide_ctx *c, SDL_Surface *d, int x, int cy, const char *tag, struct rgb accent, int px,
                     int max_w)
{
    char t[128];
    int pad = (int)(px * 0.75f), h = (int)(px * 1.8f);
    kit_ellipsize(&c->fonts.sans, px, tag, max_w - 2 * pad, t, sizeof t);
    int w = slide_tag(c, d, x, cy, t, accent, px, false);
    struct rgb mat = rgb_mix(c->theme->paper, (struct rgb){255, 255, 255}, 0.7f);
    gfx_fill_round_rect(d, (float)x, (float)(cy - h / 2), (float)w, (float)h, h / 2.0f, rgba_of(mat, 255));
    slide_tag(c, d, x, cy, t, accent, px, true);
}

static void picture_tile(struct slide_ctx *c, SDL_Surface *d, const struct feed_item *it, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    struct rgb accent = kit_accent(c, it->kind);
    kit_card(c, d, r, accent);
    int pad = geom_px(g, 1.0f);
    int tag_px = geom_px(g, g->portrait ? 1.75f : 1.6f), chip_h = (int)(tag_px * 1.8f);
    int title_px = geom_px(g, g->portrait ? 2.6f : 2.3f), lead_px = geom_px(g, g->portrait ? 2.0f : 1.75f);
    float title_sp = 1.32f;
    int gap_top = chip_h / 2 + geom_px(g, 1.1f), gap_lead = geom_px(g, 0.9f), bottom = geom_px(g, 1.6f);
    int title_h = title_px + (int)(title_px * title_sp);
    int text_h = gap_top + title_h + gap_lead + lead_px + bottom;

    /* The picture takes what the text leaves, but not taller than 4:5 of
     * its width (the illustrations are 4:3; more would crop them hard). */
    int pw = r.w - 2 * pad;
    int ph = SDL_min(r.h - pad - text_h, pw * 4 / 5);
    kit_picture(c, d, it, (SDL_Rect){r.x + pad, r.y + pad, pw, ph});

    int x = r.x + pad + geom_px(g, 0.5f), w = pw - geom_px(g, 1.0f);
    int y = r.y + pad + ph;
    /* The first tag straddles the picture's lower edge. */
    const char *tag = first_tag(it);
    if (tag)
        tag_chip(c, d, x, y, tag, accent, tag_px, w);
    y += gap_top;
    struct text_block tb;
    if (kit_clamp(&tb, &c->fonts.bold, it->title ? it->title : "", w, title_px, title_sp, 2) == 0) {
        text_balance(&tb);
        text_draw(d, &tb, x, y, ALIGN_LEFT, false, rgba_of(th->ink, 255));
        y += text_height(&tb) + gap_lead;
    }
    text_block_free(&tb);
    /* The lead takes the lines left below the title: one at least, three at most. */
    int lead_adv = (int)(lead_px * 1.4f + 0.5f);
    int room = r.y + r.h - bottom - y - lead_px;
    size_t lead_lines = (size_t)SDL_max(1, SDL_min(3, 1 + room / lead_adv));
    struct text_block lb;
    if (kit_clamp(&lb, &c->fonts.sans, lead_of(it), w, lead_px, 1.4f, lead_lines) == 0)
        text_draw(d, &lb, x, y, ALIGN_LEFT, false, rgba_of(th->ink, 165));
    text_block_free(&lb);
}

static void maxim_tile(struct slide_ctx *c, SDL_Surface *d, const struct feed_item *it, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    struct rgb accent = kit_accent(c, it->kind);
    kit_card(c, d, r, accent);
    /* Faint ink-wash in the lower right, as the attract slide's motif. */
    SDL_Rect art = {r.x + r.w * 2 / 5, r.y + r.h / 3, r.w * 3 / 5 - 2, r.h * 2 / 3 - 2};
    slide_draw_art(c, d, slide_motif(it), art, 1, 1, 38);

    int pad = geom_px(g, 2.0f);
    int tag_px = geom_px(g, g->portrait ? 1.75f : 1.6f), chip_h = (int)(tag_px * 1.8f);
    int x = r.x + pad, w = r.w - 2 * pad;
    int top = r.y + geom_px(g, 1.8f);
    const char *tag = first_tag(it);
    if (tag)
        tag_chip(c, d, x, top + chip_h / 2, tag, accent, tag_px, w);

    int apx = geom_px(g, g->portrait ? 2.1f : 1.9f), seal = geom_px(g, 3.6f);
    int foot = r.y + r.h - geom_px(g, 1.8f) - seal; /* top of the seal row */
    int area_y = top + chip_h + geom_px(g, 1.2f), area_h = foot - geom_px(g, 1.0f) - area_y;
    const char *saying = it->text && *it->text ? it->text : (it->title ? it->title : "");
    /* As large as the tile allows, breaking only between phrases. */
    struct layout_box box = {.width = w, .height = area_h, .max_px = SDL_min(geom_px(g, 3.8f), area_h / 2),
                             .min_px = geom_px(g, 2.0f), .line_spacing = 1.42f, .keep_phrases = true};
    struct text_block tb;
    int ok = kit_fit(&tb, &c->fonts.kai, saying, &box);
    /* Four lines at most: a long saying gets smaller rather than taller. */
    while (ok == 0 && tb.n_lines > 4 && tb.r.px_size > box.min_px) {
        box.max_px = tb.r.px_size - 1;
        box.height = box.max_px + 3 * (int)(box.max_px * box.line_spacing + 0.5f);
        text_block_free(&tb);
        ok = kit_fit(&tb, &c->fonts.kai, saying, &box);
    }
    if (ok == 0) {
        text_balance(&tb);
        int th_ = text_height(&tb);
        text_draw(d, &tb, x, area_y + (area_h - th_) / 2, ALIGN_CENTER, false, rgba_of(th->ink, 255));
    }
    text_block_free(&tb);

    /* Attribution, right-aligned before a small seal. */
    int seal_x = r.x + r.w - pad - seal;
    int arow = foot + seal / 2;
    if (it->author && *it->author) {
        char a[160], cut[160];
        snprintf(a, sizeof a, "\xE2\x80\x94\xE2\x80\x94%s", it->author); /* —— */
        int room = seal_x - geom_px(g, 1.2f) - x;
        kit_ellipsize(&c->fonts.kai, apx, a, room, cut, sizeof cut);
        text_line(d, &c->fonts.kai, apx, cut, seal_x - geom_px(g, 1.2f), arow, ALIGN_RIGHT, 0,
                  rgba_of(th->ink, 200));
    }
    slide_seal(c, d, seal_x, foot, seal, "\xE5\xBB\x89"); /* 廉 */
}

/* No items in this module yet: say so quietly and offer the way home. */
static void empty_state(struct slide_ctx *c, struct screen *s, int top, int bottom)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    int art_h = (bottom - top) * 2 / 5, kpx = geom_px(g, 3.6f), hpx = geom_px(g, 2.0f);
    int bh = SDL_max(c->min_target, geom_px(g, 7.0f));
    int stack = art_h + geom_px(g, 3) + kpx + geom_px(g, 2) + hpx + geom_px(g, 4) + bh;
    int y = top + (bottom - top - stack) / 2;
    slide_draw_art(c, d, "lotus", (SDL_Rect){g->mx, y, g->w - 2 * g->mx, art_h}, 0, 1, 150);
    y += art_h + geom_px(g, 3);
    const char *none = "\xE6\x9C\xAC\xE6\xA0\x8F\xE7\x9B\xAE\xE6\x9A\x82\xE6\x97\xA0\xE5\x86\x85\xE5\xAE\xB9"; /* 本栏目暂无内容 */
    text_line(d, &c->fonts.kai, kpx, none, g->w / 2, y + kpx / 2, ALIGN_CENTER, geom_px(g, 0.3f),
              rgba_of(th->ink, 220));
    y += kpx + geom_px(g, 2);
    const char *hint = "\xE8\xAF\xB7\xE5\x85\x88\xE6\xB5\x8F\xE8\xA7\x88\xE5\x85\xB6\xE4\xBB\x96\xE6\xA0\x8F\xE7\x9B\xAE"; /* 请先浏览其他栏目 */
    text_line(d, &c->fonts.sans, hpx, hint, g->w / 2, y + hpx / 2, ALIGN_CENTER, 0, rgba_of(th->ink, 150));
    y += hpx + geom_px(g, 4);
    const char *home = "\xE8\xBF\x94\xE5\x9B\x9E\xE9\xA6\x96\xE9\xA1\xB5"; /* 返回首页 */
    int bw = SDL_max(kit_button_width(c, bh, home, ICON_HOME), geom_px(g, 22));
    kit_button(c, s, (SDL_Rect){g->w / 2 - bw / 2, y, bw, bh}, home, ICON_HOME, BUTTON_SECONDARY, HIT_HOME, 0);
}

/* "共 46 条" and the like, for the pager row. */
static void count_text(enum item_kind m, size_t n, char *out, size_t len)
{
    const char *unit = m == ITEM_MAXIM   ? "\xE6\x9D\xA1"                                /* 条 */
                       : m == ITEM_CASE ? "\xE4\xB8\xAA\xE6\xA1\x88\xE4\xBE\x8B"        /* 个案例 */
                                        : "\xE4\xB8\xAA\xE5\x85\xB8\xE5\x9E\x8B";       /* 个典型 */
    snprintf(out, len, "\xE5\x85\xB1 %zu %s", n, unit); /* 共 */
}

static void pager(struct slide_ctx *c, struct screen *s, enum item_kind m, size_t page, size_t pages, size_t total,
                  int top, int h)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    int cy = top + h / 2;
    int px = geom_px(g, 1.9f);
    char buf[64];
    count_text(m, total, buf, sizeof buf);
    if (total > 0)
        text_line(d, &c->fonts.sans, px, buf, g->mx, cy, ALIGN_LEFT, 0, rgba_of(th->ink, 150));
    if (pages < 2)
        return;
    snprintf(buf, sizeof buf, "\xE7\xAC\xAC %zu / %zu \xE9\xA1\xB5", page + 1, pages); /* 第 … 页 */
    text_line(d, &c->fonts.sans, px, buf, g->w - g->mx, cy, ALIGN_RIGHT, 0, rgba_of(th->ink, 150));

    const char *prev = "\xE4\xB8\x8A\xE4\xB8\x80\xE9\xA1\xB5", *next = "\xE4\xB8\x8B\xE4\xB8\x80\xE9\xA1\xB5";
    int bw = SDL_max(kit_button_width(c, h, prev, ICON_PREV), kit_button_width(c, h, next, ICON_NEXT));
    float dots_w = SDL_min(g->u * 2.3f, g->u * 40.0f / (float)pages) * (float)(pages - 1) + g->u * 2.4f;
    int half = (int)(dots_w / 2) + geom_px(g, 3.0f);
    kit_button(c, s, (SDL_Rect){g->w / 2 - half - bw, top, bw, h}, prev, ICON_PREV,
               page > 0 ? BUTTON_SECONDARY : BUTTON_DISABLED, HIT_STEP, -1);
    kit_button(c, s, (SDL_Rect){g->w / 2 + half, top, bw, h}, next, ICON_NEXT,
               page + 1 < pages ? BUTTON_SECONDARY : BUTTON_DISABLED, HIT_STEP, 1);
    screen_page_dots(c, d, g->w / 2, cy, page, pages);
}

struct screen *screen_list(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    const struct geom *g = &c->g;
    enum item_kind m = k->scene.module;
    screen_nav_bar(c, s, kit_module_name(m), false, false);

    int cols, rows;
    grid_of(g, m, &cols, &rows);
    size_t per = (size_t)(cols * rows), total = slide_module_count(c, m);
    size_t pages = total ? (total + per - 1) / per : 1;
    size_t page = k->scene.list_page < pages ? k->scene.list_page : pages - 1;

    int ph = SDL_max(c->min_target, geom_px(g, 6.0f));
    int pager_top = g->h - geom_px(g, 3.2f) - ph;
    int top = screen_bar_height(g) + geom_px(g, 3.0f);
    int bottom = pager_top - geom_px(g, 3.0f);
    int gap = geom_px(g, 2.4f);

    if (total == 0)
        empty_state(c, s, top, bottom);
    size_t first = page * per;
    for (size_t pos = first; pos < total && pos < first + per; pos++) {
        size_t i = slide_module_item(c, m, pos);
        if (i == SIZE_MAX)
            break;
        const struct feed_item *it = &c->feed->items[i];
        int slot = (int)(pos - first);
        SDL_Rect r = cell(g->mx, top, g->w - 2 * g->mx, bottom - top, cols, rows, gap, slot);
        if (m == ITEM_MAXIM)
            maxim_tile(c, s->frame, it, r);
        else
            picture_tile(c, s->frame, it, r);
        screen_add_hit(s, r, HIT_ITEM, (int)pos, false);
    }
    pager(c, s, m, page, pages, total, pager_top, ph);
    return s;
}
