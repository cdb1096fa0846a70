/* 知识挑战赛: the intro (rules, the department counted for, 开始挑战 and
 * 排行榜) and the end of a round (score, right answers, time, rank today,
 * whether the result is saved, 再来一次 / 排行榜 / 返回首页). Both are one
 * card on paper with the orchid beside (landscape) or above (portrait).
 * Without a published bank the intro says so and points to 学后测. */
#include <stdbool.h>
#include <stdio.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

#define L_TITLE "\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B" /* 知识挑战赛 */
#define L_ANON "\xE6\x9C\xAA\xE9\x80\x89\xE6\x8B\xA9\xEF\xBC\x88\xE5\x8C\xBF\xE5\x90\x8D\xEF\xBC\x89" /* 未选择（匿名） */

/* One line of the card's column. */
struct col_line {
    struct font *font;
    int px;
    const char *text;
    struct rgb ink;
    int gap_after;
};

/* The card with its art, a column of lines, then a row of buttons under
 * them; returns the rectangle of the button row. */
static SDL_Rect card_with_column(struct slide_ctx *c, struct screen *s, const char *art_name,
                                 const struct col_line *lines, size_t n, int buttons_h)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    int mh = (int)(g->h * (g->portrait ? 0.12f : 0.18f));
    slide_draw_art(c, d, "mountains", (SDL_Rect){0, g->h - mh, g->w, mh}, 0, 1, 34);
    int bar = screen_bar_height(g);
    int pw = SDL_min(g->w - 2 * g->mx, geom_px(g, g->portrait ? 88.0f : 120.0f));
    int pad = geom_px(g, 5.0f);
    int col_w = g->portrait ? pw - 2 * pad : pw * 3 / 5 - pad;
    int stack = buttons_h;
    for (size_t i = 0; i < n; i++)
        stack += lines[i].px + lines[i].gap_after;
    int art_h = g->portrait ? geom_px(g, 30) : 0;
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
    slide_draw_art(c, d, art_name, art, 0, 0, 210);
    bool mid = g->portrait;
    int cx = col.x + col.w / 2, y = col.y;
    for (size_t i = 0; i < n; i++) {
        char fitted[512];
        kit_ellipsize(lines[i].font, lines[i].px, lines[i].text, col.w, fitted, sizeof fitted);
        text_line(d, lines[i].font, lines[i].px, fitted, mid ? cx : col.x, y + lines[i].px / 2,
                  mid ? ALIGN_CENTER : ALIGN_LEFT, 0, rgba_of(lines[i].ink, 255));
        y += lines[i].px + lines[i].gap_after;
    }
    return (SDL_Rect){col.x, y, col.w, buttons_h};
}

/* Buttons side by side in row (centred in portrait, flush left otherwise). */
static void button_row(struct slide_ctx *c, struct screen *s, SDL_Rect row, const char *const *labels,
                       const enum button_style *styles, const enum hit_action *acts, const int *args, size_t n)
{
    const struct geom *g = &c->g;
    int gap = geom_px(g, 2.0f), total = 0, w[4];
    for (size_t i = 0; i < n; i++) {
        w[i] = SDL_max(kit_button_width(c, row.h, labels[i], ICON_NONE), geom_px(g, 16));
        total += w[i] + (i ? gap : 0);
    }
    int x = g->portrait ? row.x + (row.w - total) / 2 : row.x;
    for (size_t i = 0; i < n; i++) {
        kit_button(c, s, (SDL_Rect){x, row.y, w[i], row.h}, labels[i], ICON_NONE, styles[i], acts[i], args[i]);
        x += w[i] + gap;
    }
}

static struct screen *intro(struct slide_ctx *c, const struct screen_key *k)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    const struct quiz_view *v = &k->quiz;
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    screen_nav_bar(c, s, L_TITLE, false, false);
    int bh = SDL_max(c->min_target, geom_px(g, 7.5f));
    struct rgb soft = rgb_mix(th->ink, th->paper, 0.2f);
    if (!c->bank || c->bank->n == 0) {
        /* 题库尚未发布 / 管理员发布题库后即可答题；现在可以先做警示教育案例后的学后测。 */
        struct col_line l[] = {
            {&c->fonts.kai, geom_px(g, 5.0f), "\xE9\xA2\x98\xE5\xBA\x93\xE5\xB0\x9A\xE6\x9C\xAA\xE5\x8F\x91\xE5\xB8\x83",
             th->ink, geom_px(g, 3.0f)},
            {&c->fonts.sans, geom_px(g, 2.5f),
             "\xE5\x8F\x91\xE5\xB8\x83\xE9\xA2\x98\xE5\xBA\x93\xE5\x90\x8E\xE5\x8D\xB3\xE5\x8F\xAF\xE5\xBC\x80\xE5\xA7\x8B"
             "\xE7\xAD\x94\xE9\xA2\x98",
             soft, geom_px(g, 1.2f)},
            {&c->fonts.sans, geom_px(g, 2.5f),
             "\xE7\x8E\xB0\xE5\x9C\xA8\xE5\x8F\xAF\xE4\xBB\xA5\xE5\x85\x88\xE5\x81\x9A\xE6\xA1\x88\xE4\xBE\x8B\xE5\x90\x8E"
             "\xE7\x9A\x84\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B",
             soft, geom_px(g, 4.4f)},
        };
        SDL_Rect row = card_with_column(c, s, "orchid", l, 3, bh);
        const char *labels[] = {"\xE5\x85\x88\xE5\x81\x9A\xE5\xAD\xA6\xE5\x90\x8E\xE6\xB5\x8B"}; /* 先做学后测 */
        enum button_style st[] = {BUTTON_PRIMARY};
        enum hit_action acts[] = {HIT_MODULE};
        int args[] = {ITEM_CASE};
        button_row(c, s, row, labels, st, acts, args, 1);
        return s;
    }
    char rules[256], dept[256];
    /* 共 N 题 · 每题限时 S 秒 · 答对一题得 P 分 */
    snprintf(rules, sizeof rules,
             "\xE5\x85\xB1 %d \xE9\xA2\x98 \xC2\xB7 \xE6\xAF\x8F\xE9\xA2\x98\xE9\x99\x90\xE6\x97\xB6 %d \xE7\xA7\x92 "
             "\xC2\xB7 \xE7\xAD\x94\xE5\xAF\xB9\xE4\xB8\x80\xE9\xA2\x98\xE5\xBE\x97 %d \xE5\x88\x86",
             v->round_questions, v->seconds, c->cfg ? c->cfg->quiz_points : 10);
    snprintf(dept, sizeof dept, "\xE5\x8F\x82\xE8\xB5\x9B\xE9\x83\xA8\xE9\x97\xA8\xEF\xBC\x9A%s", /* 参赛部门： */
             v->department[0] ? v->department : L_ANON);
    bool depts = c->cfg && c->cfg->departments[0];
    struct col_line l[] = {
        {&c->fonts.kai, geom_px(g, 5.5f), "\xE5\xAD\xA6\xE5\x85\x9A\xE7\xBA\xAA \xC2\xB7 \xE6\x98\x8E\xE8\xA7\x84\xE7\x9F\xA9",
         th->ink, geom_px(g, 3.0f)}, /* 学党纪 · 明规矩 */
        {&c->fonts.sans, geom_px(g, 2.6f), rules, soft, geom_px(g, 1.4f)},
        {&c->fonts.sans, geom_px(g, 2.6f),
         "\xE5\x8D\x95\xE9\x80\x89\xE3\x80\x81\xE5\xA4\x9A\xE9\x80\x89\xE3\x80\x81\xE5\x88\xA4\xE6\x96\xAD\xE9\xA2\x98"
         "\xEF\xBC\x8C\xE7\xAD\x94\xE5\x90\x8E\xE9\x99\x84\xE8\xA7\xA3\xE6\x9E\x90\xE4\xB8\x8E\xE5\x87\xBA\xE5\xA4\x84",
         soft, geom_px(g, depts ? 3.0f : 4.4f)}, /* 单选、多选、判断题，答后附解析与出处 */
        {&c->fonts.bold, geom_px(g, 2.6f), dept, th->red, geom_px(g, 4.4f)},
    };
    SDL_Rect row = card_with_column(c, s, "orchid", l, depts ? 4 : 3, bh);
    const char *labels[] = {"\xE5\xBC\x80\xE5\xA7\x8B\xE6\x8C\x91\xE6\x88\x98", /* 开始挑战 */
                            "\xE9\x80\x89\xE6\x8B\xA9\xE9\x83\xA8\xE9\x97\xA8", /* 选择部门 */
                            "\xE6\x8E\x92\xE8\xA1\x8C\xE6\xA6\x9C"};            /* 排行榜 */
    enum button_style st[] = {BUTTON_PRIMARY, BUTTON_SECONDARY, BUTTON_SECONDARY};
    enum hit_action acts[] = {HIT_QUIZ_START, HIT_QUIZ_DEPTS, HIT_QUIZ_BOARD};
    int args[] = {0, 0, BOARD_TODAY};
    if (depts) {
        button_row(c, s, row, labels, st, acts, args, 3);
    } else {
        const char *l2[] = {labels[0], labels[2]};
        enum button_style st2[] = {st[0], st[2]};
        enum hit_action a2[] = {acts[0], acts[2]};
        int g2[] = {0, BOARD_TODAY};
        button_row(c, s, row, l2, st2, a2, g2, 2);
    }
    return s;
}

static struct screen *result(struct slide_ctx *c, const struct screen_key *k)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    const struct quiz_view *v = &k->quiz;
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    screen_nav_bar(c, s, L_TITLE, false, false);
    struct rgb soft = rgb_mix(th->ink, th->paper, 0.2f);
    char score[64], line1[200], rank[200], saved[200];
    snprintf(score, sizeof score, "%d \xE5\x88\x86", v->score); /* N 分 */
    /* 答对 7 / 10 题 · 用时 1 分 23 秒 */
    if (v->time_used_s >= 60)
        snprintf(line1, sizeof line1,
                 "\xE7\xAD\x94\xE5\xAF\xB9 %d / %d \xE9\xA2\x98 \xC2\xB7 \xE7\x94\xA8\xE6\x97\xB6 %d \xE5\x88\x86 %d "
                 "\xE7\xA7\x92",
                 v->right, v->total, v->time_used_s / 60, v->time_used_s % 60);
    else
        snprintf(line1, sizeof line1,
                 "\xE7\xAD\x94\xE5\xAF\xB9 %d / %d \xE9\xA2\x98 \xC2\xB7 \xE7\x94\xA8\xE6\x97\xB6 %d \xE7\xA7\x92",
                 v->right, v->total, v->time_used_s);
    struct rgb save_ink = soft;
    switch (v->save) {
    case QS_SAVED:
        /* 成绩已保存 · 部门：X */
        snprintf(saved, sizeof saved, "\xE2\x9C\x93 \xE6\x88\x90\xE7\xBB\xA9\xE5\xB7\xB2\xE4\xBF\x9D\xE5\xAD\x98 \xC2\xB7 %s",
                 v->department[0] ? v->department : L_ANON);
        save_ink = (struct rgb){46, 125, 91};
        break;
    case QS_FAILED:
        /* 成绩保存失败，请联系管理员 */
        snprintf(saved, sizeof saved,
                 "\xE6\x88\x90\xE7\xBB\xA9\xE4\xBF\x9D\xE5\xAD\x98\xE5\xA4\xB1\xE8\xB4\xA5\xEF\xBC\x8C\xE8\xAF\xB7\xE8\x81"
                 "\x94\xE7\xB3\xBB\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98");
        save_ink = th->red;
        break;
    case QS_SAVING:
        snprintf(saved, sizeof saved, "\xE6\xAD\xA3\xE5\x9C\xA8\xE4\xBF\x9D\xE5\xAD\x98\xE6\x88\x90\xE7\xBB\xA9\xE2\x80\xA6"); /* 正在保存成绩… */
        break;
    }
    if (v->save == QS_SAVED && v->rank > 0)
        /* 今日排名：第 N 名（共 M 轮） */
        snprintf(rank, sizeof rank,
                 "\xE4\xBB\x8A\xE6\x97\xA5\xE6\x8E\x92\xE5\x90\x8D\xEF\xBC\x9A\xE7\xAC\xAC %d \xE5\x90\x8D\xEF\xBC\x88"
                 "\xE5\x85\xB1 %d \xE8\xBD\xAE\xEF\xBC\x89",
                 v->rank, v->of);
    else
        snprintf(rank, sizeof rank, " ");
    const char *praise = v->right * 10 >= v->total * 9 ? "\xE5\x87\xBA\xE7\xB1\xBB\xE6\x8B\x94\xE8\x90\x83"  /* 出类拔萃 */
                         : v->right * 10 >= v->total * 6 ? "\xE7\xA8\xB3\xE6\xAD\xA5\xE5\x89\x8D\xE8\xBF\x9B" /* 稳步前进 */
                                                         : "\xE5\x86\x8D\xE6\x8E\xA5\xE5\x86\x8D\xE5\x8E\x89"; /* 再接再厉 */
    struct col_line l[] = {
        {&c->fonts.kai, geom_px(g, 3.2f), praise, th->red, geom_px(g, 1.5f)},
        {&c->fonts.bold, geom_px(g, 9.0f), score, th->ink, geom_px(g, 2.5f)},
        {&c->fonts.sans, geom_px(g, 2.6f), line1, soft, geom_px(g, 1.4f)},
        {&c->fonts.bold, geom_px(g, 2.6f), rank, th->ink, geom_px(g, 1.4f)},
        {&c->fonts.sans, geom_px(g, 2.3f), saved, save_ink, geom_px(g, 4.0f)},
    };
    int bh = SDL_max(c->min_target, geom_px(g, 7.5f));
    SDL_Rect row = card_with_column(c, s, "lotus", l, 5, bh);
    const char *labels[] = {"\xE5\x86\x8D\xE6\x9D\xA5\xE4\xB8\x80\xE6\xAC\xA1", /* 再来一次 */
                            "\xE6\x8E\x92\xE8\xA1\x8C\xE6\xA6\x9C",             /* 排行榜 */
                            "\xE8\xBF\x94\xE5\x9B\x9E\xE9\xA6\x96\xE9\xA1\xB5"}; /* 返回首页 */
    enum button_style st[] = {BUTTON_PRIMARY, BUTTON_SECONDARY, BUTTON_SECONDARY};
    enum hit_action acts[] = {HIT_QUIZ_AGAIN, HIT_QUIZ_BOARD, HIT_HOME};
    int args[] = {0, BOARD_TODAY, 0};
    button_row(c, s, row, labels, st, acts, args, 3);
    return s;
}

struct screen *screen_quiz(struct slide_ctx *c, const struct screen_key *k)
{
    switch (k->quiz.kind) {
    case QV_QUESTION:
        return screen_quiz_question(c, k);
    case QV_RESULT:
        return result(c, k);
    case QV_DEPARTMENT:
        return screen_quiz_departments(c, k);
    case QV_BOARD:
        return screen_quiz_board(c, k);
    case QV_INTRO:
        break;
    }
    return intro(c, k);
}
