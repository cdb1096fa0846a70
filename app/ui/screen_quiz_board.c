/* 知识挑战赛 leaderboards (今日 / 本周 / 总榜: best rounds; 部门: average
 * score and participants per department) and the department picker. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

#define L_BOARD "\xE6\x8E\x92\xE8\xA1\x8C\xE6\xA6\x9C"                   /* 排行榜 */
#define L_PICK "\xE9\x80\x89\xE6\x8B\xA9\xE9\x83\xA8\xE9\x97\xA8"          /* 选择部门 */
#define L_ANON "\xE5\x8C\xBF\xE5\x90\x8D"                                  /* 匿名 */
#define L_START "\xE5\xBC\x80\xE5\xA7\x8B\xE6\x8C\x91\xE6\x88\x98"         /* 开始挑战 */

static const char *const tab_names[BOARD_KINDS] = {
    "\xE4\xBB\x8A\xE6\x97\xA5", /* 今日 */
    "\xE6\x9C\xAC\xE5\x91\xA8", /* 本周 */
    "\xE6\x80\xBB\xE6\xA6\x9C", /* 总榜 */
    "\xE9\x83\xA8\xE9\x97\xA8", /* 部门 */
    "\xE5\x85\xA8\xE5\x8D\x95\xE4\xBD\x8D", /* 全单位 */
};

/* One table row: cells at the given x positions (fractions of the width). */
static void row_cells(struct slide_ctx *c, SDL_Surface *d, SDL_Rect r, const char *const *cells, const float *at,
                      const enum text_align *al, int n, struct font *f, int px, struct rgb ink)
{
    for (int i = 0; i < n; i++) {
        char fitted[256];
        int room = (int)((i + 1 < n ? at[i + 1] - at[i] : 1.0f - at[i]) * (float)r.w) - px / 2;
        kit_ellipsize(f, px, cells[i], SDL_max(room, px), fitted, sizeof fitted);
        int x = r.x + (int)(at[i] * (float)r.w);
        if (al[i] == ALIGN_RIGHT)
            x = r.x + (int)((i + 1 < n ? at[i + 1] : 1.0f) * (float)r.w) - px;
        text_line(d, f, px, fitted, x, r.y + r.h / 2, al[i], 0, rgba_of(ink, 255));
    }
}

static void duration_text(char *out, size_t len, int ms)
{
    int s = (ms + 500) / 1000;
    if (s >= 60)
        snprintf(out, len, "%d\xE5\x88\x86%02d\xE7\xA7\x92", s / 60, s % 60); /* N分SS秒 */
    else
        snprintf(out, len, "%d\xE7\xA7\x92", s); /* N秒 */
}

struct screen *screen_quiz_board(struct slide_ctx *c, const struct screen_key *k)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    const struct quiz_view *v = &k->quiz;
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    SDL_Surface *d = s->frame;
    screen_nav_bar(c, s, L_BOARD, false, false);
    int bar = screen_bar_height(g);
    int w = SDL_min(g->w - 2 * g->mx, geom_px(g, g->portrait ? 92.0f : 120.0f));
    int x0 = (g->w - w) / 2;
    int bh = SDL_max(c->min_target, geom_px(g, 6.5f));

    /* Tabs: the current one solid; 全单位 only when the feed carries it. */
    int tabs = v->has_org ? BOARD_KINDS : BOARD_ORG;
    int gap = geom_px(g, 1.5f), tab_w = (w - (tabs - 1) * gap) / tabs, y = bar + geom_px(g, 3.0f);
    for (int i = 0; i < tabs; i++)
        screen_button(c, s, (SDL_Rect){x0 + i * (tab_w + gap), y, tab_w, bh}, tab_names[i],
                      (int)v->board == i ? BUTTON_PRIMARY : BUTTON_SECONDARY, HIT_QUIZ_BOARD, i);
    y += bh + geom_px(g, 3.0f);
    if (v->board == BOARD_ORG && v->org_week[0]) {
        char caption[96];
        int cpx = geom_px(g, 2.2f);
        /* 全单位各屏成绩 · 2025-06-02 起的一周 */
        snprintf(caption, sizeof caption,
                 "\xE5\x85\xA8\xE5\x8D\x95\xE4\xBD\x8D\xE5\x90\x84\xE5\xB1\x8F\xE6\x88\x90\xE7\xBB\xA9 "
                 "\xC2\xB7 %s \xE8\xB5\xB7\xE7\x9A\x84\xE4\xB8\x80\xE5\x91\xA8",
                 v->org_week);
        text_line(d, &c->fonts.sans, cpx, caption, g->w / 2, y + cpx / 2, ALIGN_CENTER, 0,
                  rgba_of(rgb_mix(th->ink, th->paper, 0.25f), 255));
        y += cpx + geom_px(g, 2.0f);
    }

    /* The table card, leaving room for the start button under it. */
    int foot = bh + geom_px(g, 6.0f);
    SDL_Rect card = {x0, y, w, g->h - y - foot - geom_px(g, 2.0f)};
    kit_card(c, d, card, th->gold);
    int pad = geom_px(g, 3.0f), px = geom_px(g, g->portrait ? 2.3f : 2.5f);
    SDL_Rect in = {card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
    int row_h = SDL_min(in.h / (QV_BOARD_ROWS + 1), (int)(px * 2.6f));
    struct rgb soft = rgb_mix(th->ink, th->paper, 0.3f);
    bool dept = v->board == BOARD_DEPARTMENTS;
    static const float at_best[] = {0.0f, 0.12f, 0.52f, 0.66f, 0.82f};
    static const float at_dept[] = {0.0f, 0.12f, 0.62f, 0.82f};
    static const enum text_align al_best[] = {ALIGN_LEFT, ALIGN_LEFT, ALIGN_RIGHT, ALIGN_RIGHT, ALIGN_RIGHT};
    static const enum text_align al_dept[] = {ALIGN_LEFT, ALIGN_LEFT, ALIGN_RIGHT, ALIGN_RIGHT};
    const float *at = dept ? at_dept : at_best;
    const enum text_align *al = dept ? al_dept : al_best;
    int n_cols = dept ? 4 : 5;
    const char *head_best[] = {"\xE5\x90\x8D\xE6\xAC\xA1", "\xE9\x83\xA8\xE9\x97\xA8", "\xE5\xBE\x97\xE5\x88\x86",
                               "\xE7\xAD\x94\xE5\xAF\xB9", "\xE7\x94\xA8\xE6\x97\xB6"}; /* 名次 部门 得分 答对 用时 */
    const char *head_dept[] = {"\xE5\x90\x8D\xE6\xAC\xA1", "\xE9\x83\xA8\xE9\x97\xA8", "\xE5\xB9\xB3\xE5\x9D\x87\xE5\x88\x86",
                               "\xE5\x8F\x82\xE4\xB8\x8E\xE4\xBA\xBA\xE6\xAC\xA1"}; /* 名次 部门 平均分 参与人次 */
    SDL_Rect r = {in.x, in.y, in.w, row_h};
    row_cells(c, d, r, dept ? head_dept : head_best, at, al, n_cols, &c->fonts.bold, (int)(px * 0.9f), soft);
    gfx_fill_rect(d, (float)in.x, (float)(r.y + row_h - 1), (float)in.w, SDL_max(1.0f, g->u * 0.12f),
                  rgba_of(th->gold, 200));
    if (!v->board_ready || v->n_rows == 0) {
        const char *msg = !v->board_ready ? "\xE6\xAD\xA3\xE5\x9C\xA8\xE8\xAF\xBB\xE5\x8F\x96\xE2\x80\xA6" /* 正在读取… */
                                          : "\xE6\x9A\x82\xE6\x97\xA0\xE6\x88\x90\xE7\xBB\xA9\xEF\xBC\x8C\xE5\xBF\xAB"
                                            "\xE6\x9D\xA5\xE6\x8C\x91\xE6\x88\x98\xE5\x90\xA7"; /* 暂无成绩，快来挑战吧 */
        text_line(d, &c->fonts.sans, px, msg, in.x + in.w / 2, in.y + in.h / 2, ALIGN_CENTER, 0, rgba_of(soft, 255));
    }
    for (int i = 0; v->board_ready && i < v->n_rows && i < QV_BOARD_ROWS; i++) {
        r.y = in.y + (i + 1) * row_h;
        if (i % 2 == 0)
            gfx_fill_rect(d, (float)in.x, (float)r.y, (float)in.w, (float)row_h,
                          rgba_of(rgb_mix(th->paper, th->gold, 0.08f), 255));
        char rank[16], a[80], b[48], cc[48], dd[48];
        snprintf(rank, sizeof rank, "%d", i + 1);
        struct rgb ink = i < 3 ? th->red : th->ink;
        if (dept) {
            snprintf(a, sizeof a, "%s", v->dept[i].department);
            snprintf(b, sizeof b, "%.1f", v->dept[i].avg_score);
            snprintf(cc, sizeof cc, "%d", v->dept[i].participants);
            const char *cells[] = {rank, a, b, cc};
            row_cells(c, d, r, cells, at, al, 4, i < 3 ? &c->fonts.bold : &c->fonts.sans, px, ink);
        } else {
            const struct results_best *e = &v->best[i];
            snprintf(a, sizeof a, "%s", e->department[0] ? e->department : L_ANON);
            snprintf(b, sizeof b, "%d", e->score);
            snprintf(cc, sizeof cc, "%d/%d", e->correct, e->total);
            duration_text(dd, sizeof dd, e->duration_ms);
            const char *cells[] = {rank, a, b, cc, dd};
            row_cells(c, d, r, cells, at, al, 5, i < 3 ? &c->fonts.bold : &c->fonts.sans, px, ink);
        }
    }
    int sw = SDL_max(kit_button_width(c, bh, L_START, ICON_NEXT), geom_px(g, 24));
    if (c->bank && c->bank->n)
        kit_button(c, s, (SDL_Rect){(g->w - sw) / 2, g->h - foot + geom_px(g, 1.0f), sw, bh}, L_START, ICON_NEXT,
                   BUTTON_PRIMARY, HIT_QUIZ_START, 0);
    return s;
}

struct screen *screen_quiz_departments(struct slide_ctx *c, const struct screen_key *k)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    const struct quiz_view *v = &k->quiz;
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    screen_nav_bar(c, s, L_PICK, false, false);
    const char *list = c->cfg ? c->cfg->departments : "";
    int n = 0;
    char name[128];
    while (config_list_item(list, n, name, sizeof name))
        n++;
    int cols = g->portrait ? 2 : 3, rows = g->portrait ? 7 : 4, per = cols * rows;
    int pages = SDL_max(1, (n + per - 1) / per), page = SDL_min(v->dept_page, pages - 1);
    int bar = screen_bar_height(g);
    int w = SDL_min(g->w - 2 * g->mx, geom_px(g, g->portrait ? 92.0f : 120.0f)), x0 = (g->w - w) / 2;
    int bh = SDL_max(c->min_target, geom_px(g, 8.0f)), gap = geom_px(g, 2.0f);
    int y = bar + geom_px(g, 3.5f);
    int hint_px = geom_px(g, 2.5f);
    /* 选择后，本轮成绩计入该部门 */
    text_line(s->frame, &c->fonts.sans, hint_px,
              "\xE9\x80\x89\xE6\x8B\xA9\xE5\x90\x8E\xEF\xBC\x8C\xE6\x88\x90\xE7\xBB\xA9\xE8\xAE\xA1\xE5\x85\xA5\xE8\xAF\xA5"
              "\xE9\x83\xA8\xE9\x97\xA8\xE7\x9A\x84\xE6\x8E\x92\xE5\x90\x8D",
              g->w / 2, y + hint_px / 2, ALIGN_CENTER, 0, rgba_of(rgb_mix(th->ink, th->paper, 0.25f), 255));
    y += hint_px + geom_px(g, 3.0f);
    int cw = (w - (cols - 1) * gap) / cols;
    for (int i = 0; i < per && page * per + i < n; i++) {
        int idx = page * per + i;
        config_list_item(list, idx, name, sizeof name);
        SDL_Rect r = {x0 + (i % cols) * (cw + gap), y + (i / cols) * (bh + gap), cw, bh};
        screen_button(c, s, r, name, !strcmp(name, v->department) ? BUTTON_PRIMARY : BUTTON_SECONDARY, HIT_QUIZ_DEPT,
                      idx);
    }
    int shown = SDL_min(per, n - page * per), used_rows = pages > 1 ? rows : (shown + cols - 1) / cols;
    int foot_y = y + used_rows * (bh + gap) + geom_px(g, 3.0f);
    int aw = SDL_max(kit_button_width(c, bh, "\xE4\xB8\x8D\xE9\x80\x89\xE6\x8B\xA9\xEF\xBC\x88\xE5\x8C\xBF\xE5\x90\x8D\xEF\xBC\x89", ICON_NONE), geom_px(g, 24));
    screen_button(c, s, (SDL_Rect){(g->w - aw) / 2, foot_y, aw, bh},
                  "\xE4\xB8\x8D\xE9\x80\x89\xE6\x8B\xA9\xEF\xBC\x88\xE5\x8C\xBF\xE5\x90\x8D\xEF\xBC\x89", /* 不选择（匿名） */
                  v->department[0] ? BUTTON_QUIET : BUTTON_PRIMARY, HIT_QUIZ_DEPT, -1);
    if (pages > 1) {
        int pw = geom_px(g, 14);
        if (page > 0)
            kit_button(c, s, (SDL_Rect){x0, foot_y, pw, bh}, "", ICON_PREV, BUTTON_SECONDARY, HIT_QUIZ_DEPTS, page - 1);
        if (page + 1 < pages)
            kit_button(c, s, (SDL_Rect){x0 + w - pw, foot_y, pw, bh}, "", ICON_NEXT, BUTTON_SECONDARY, HIT_QUIZ_DEPTS,
                       page + 1);
        screen_page_dots(c, s->frame, g->w / 2, foot_y + bh + geom_px(g, 3.0f), (size_t)page, (size_t)pages);
    }
    return s;
}
