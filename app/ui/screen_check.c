/* 学后测: a case's self-check questions, one at a time. Options are large
 * targets in the scrolled body; once answered, the right options turn
 * green, a wrong pick red, and the explanation and its source follow. */
#include <stdio.h>
#include <string.h>

#include "ui/screen_answer.h"

#define L_CASES "\xE8\xAD\xA6\xE7\xA4\xBA\xE6\x95\x99\xE8\x82\xB2"           /* 警示教育 */
#define L_BACK_TO_CASE "\xE8\xBF\x94\xE5\x9B\x9E\xE6\xA1\x88\xE4\xBE\x8B"      /* 返回案例 */
#define L_CONFIRM "\xE7\xA1\xAE\xE8\xAE\xA4\xE7\xAD\x94\xE6\xA1\x88"           /* 确认答案 */
#define L_NEXT_Q "\xE4\xB8\x8B\xE4\xB8\x80\xE9\xA2\x98"                        /* 下一题 */
#define L_FINISH "\xE5\xAE\x8C\xE6\x88\x90"                                    /* 完成 */
#define L_PICK_ONE "\xE8\xAF\xB7\xE7\x82\xB9\xE9\x80\x89\xE4\xB8\x80\xE4\xB8\xAA\xE7\xAD\x94\xE6\xA1\x88" /* 请点选一个答案 */

static const char *kind_label(enum question_kind k)
{
    switch (k) {
    case QUESTION_MULTI:
        return "\xE5\xA4\x9A\xE9\x80\x89\xE9\xA2\x98"; /* 多选题 */
    case QUESTION_JUDGE:
        return "\xE5\x88\xA4\xE6\x96\xAD\xE9\xA2\x98"; /* 判断题 */
    case QUESTION_SINGLE:
        break;
    }
    return "\xE5\x8D\x95\xE9\x80\x89\xE9\xA2\x98"; /* 单选题 */
}

/* The options of q as answer cards see them. */
static void options_of(const struct feed_question *q, unsigned chosen, struct answer_option *o, char badges[][8])
{
    for (unsigned i = 0; i < q->n_options && i < 32; i++) {
        if (q->kind == QUESTION_JUDGE)
            snprintf(badges[i], 8, "%s", i == 0 ? "\xE2\x9C\x93" : "\xC3\x97"); /* ✓ × (the CJK faces have no ✗) */
        else
            snprintf(badges[i], 8, "%c", 'A' + i);
        o[i] = (struct answer_option){q->options[i], badges[i], (chosen & (1u << i)) != 0,
                                      (q->answer_mask & (1u << i)) != 0};
    }
}

/* The verdict box: 回答正确/回答错误, the answer, 解析 and 出处. */
static SDL_Surface *explanation(struct slide_ctx *c, const struct feed_question *q, const struct answer_option *o,
                                unsigned chosen, int w, bool large, const char *id)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    bool right = chosen == q->answer_mask;
    int px = reading_body_px(c, large), iw = w - 2 * answer_box_pad(c);
    char verdict[160], letters[64];
    answer_letters(o, (int)q->n_options, q->kind == QUESTION_JUDGE, letters, sizeof letters);
    /* 回答正确 / 回答错误 · 正确答案：X */
    snprintf(verdict, sizeof verdict, "%s \xC2\xB7 \xE6\xAD\xA3\xE7\xA1\xAE\xE7\xAD\x94\xE6\xA1\x88\xEF\xBC\x9A%s",
             right ? "\xE5\x9B\x9E\xE7\xAD\x94\xE6\xAD\xA3\xE7\xA1\xAE" : "\xE5\x9B\x9E\xE7\xAD\x94\xE9\x94\x99\xE8\xAF\xAF",
             letters);
    struct stack st = {0};
    /* 解析 as its own label: the explanation's Markdown is shown as written,
     * so it reads (and its pictures count) exactly as the feed checked it. */
    stack_add(&st, reading_text(c, &c->fonts.bold, px, 1.4f, "\xE8\xA7\xA3\xE6\x9E\x90", iw, th->ink, false, id,
                                "explanation"),
              0, 0);
    stack_add(&st, reading_markdown(c, q->explanation, iw, large, id), geom_px(g, 0.6f), 0);
    if (q->source && *q->source) {
        char src[1024];
        snprintf(src, sizeof src, "\xE5\x87\xBA\xE5\xA4\x84\xEF\xBC\x9A%s", q->source); /* 出处： */
        stack_add(&st, reading_text(c, &c->fonts.kai, px, 1.6f, src, iw, rgb_mix(th->ink, th->paper, 0.3f), false,
                                    id, "source"),
                  geom_px(g, 1.4f), 0);
    }
    return answer_box(c, verdict, right, &st, w, large, id);
}

struct screen *screen_check(struct slide_ctx *c, const struct screen_key *k)
{
    if (!c->feed || k->scene.item >= c->feed->n_items)
        return NULL;
    const struct feed_item *it = &c->feed->items[k->scene.item];
    if (k->scene.page >= it->n_questions)
        return NULL;
    const struct feed_question *q = &it->questions[k->scene.page];
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    bool large = k->large, revealed = k->scene.revealed;
    unsigned chosen = k->scene.chosen;

    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    struct reading r = reading_layout(c, true, false);
    /* Faint mountains and the case's motif under the questions: a short
     * quiz on a tall screen should not float on bare paper. */
    int mh = (int)(g->h * (g->portrait ? 0.16f : 0.2f));
    slide_draw_art(c, s->frame, "mountains", (SDL_Rect){0, r.footer.y - mh, g->w, mh}, 0, 1, 28);
    SDL_Rect motif = {g->w - g->mx - g->w / 3, r.footer.y - mh - (int)(g->h * 0.3f), g->w / 3, (int)(g->h * 0.3f)};
    slide_draw_art(c, s->frame, slide_motif(it), motif, 1, 1, 34);
    screen_nav_bar(c, s, L_CASES, true, large);
    reading_steps(c, s->frame, r.steps, it, nav_case_pages(it));
    int w = SDL_min(r.body.w, geom_px(g, g->portrait ? 92 : 100));
    r.body.x = (g->w - w) / 2;
    r.body.w = w;

    struct stack st = {0};
    char head[128];
    /* 第 n 题 / 共 N 题 · 单选题 */
    snprintf(head, sizeof head, "\xE7\xAC\xAC %zu \xE9\xA2\x98 / \xE5\x85\xB1 %zu \xE9\xA2\x98 \xC2\xB7 %s",
             k->scene.page + 1, it->n_questions, kind_label(q->kind));
    int px = reading_body_px(c, large);
    stack_add(&st, reading_text(c, &c->fonts.sans, (int)(px * 0.85f), 1.3f, head, w, th->red, false, it->id, "kind"),
              0, 0);
    stack_add(&st, reading_text(c, &c->fonts.bold, (int)(px * 1.3f), 1.5f, q->stem, w, th->ink, false, it->id,
                                "stem"),
              geom_px(g, 1.6f), 0);
    int y = 0;
    for (size_t i = 0; i < st.n; i++)
        y += st.gap[i] + st.part[i]->h;
    int gap = geom_px(g, 1.6f);
    struct answer_option opts[32];
    char badges[32][8];
    options_of(q, chosen, opts, badges);
    for (unsigned i = 0; i < q->n_options && i < 32; i++) {
        SDL_Surface *card = answer_option_card(c, &opts[i], revealed, w, large, it->id);
        if (!card)
            continue;
        int before = i == 0 ? geom_px(g, 3.0f) : gap;
        y += before;
        if (!revealed)
            screen_add_hit(s, (SDL_Rect){0, y, w, card->h}, HIT_OPTION, (int)i, true);
        y += card->h;
        stack_add(&st, card, before, 0);
    }
    if (revealed)
        stack_add(&st, explanation(c, q, opts, chosen, w, large, it->id), geom_px(g, 3.5f), 0);
    stack_add(&st, gfx_surface(w, geom_px(g, 5.0f)), 0, 0);
    s->body = stack_join(&st, w);
    s->body_view = r.body;

    char pos[48];
    snprintf(pos, sizeof pos, "%zu / %zu", k->scene.page + 1, it->n_questions);
    bool last = k->scene.page + 1 == it->n_questions;
    const char *prev = k->scene.page == 0 ? L_BACK_TO_CASE : NULL;
    if (revealed)
        reading_footer(c, s, r.footer, prev, HIT_STEP, -1, pos, last ? L_FINISH : L_NEXT_Q, HIT_NEXT_QUESTION, 0,
                       true);
    else if (q->kind == QUESTION_MULTI)
        reading_footer(c, s, r.footer, prev, HIT_STEP, -1, pos, L_CONFIRM, HIT_CONFIRM, 0, chosen != 0);
    else
        reading_footer(c, s, r.footer, prev, HIT_STEP, -1, L_PICK_ONE, NULL, HIT_NONE, 0, false);
    return s;
}
