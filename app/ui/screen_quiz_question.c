/* 知识挑战赛: one question of a round. A strip above the body shows the
 * progress, the score and (drawn live by the UI thread) the countdown ring;
 * the body holds the stem and the options as large cards; once answered
 * or timed out the right options turn green, a wrong pick red, and the
 * verdict, 解析 and 出处 follow. */
#include <stdio.h>
#include <string.h>

#include "ui/screen_kit.h"
#include "ui/screen_answer.h"

#define L_TITLE "\xE7\x9F\xA5\xE8\xAF\x86\xE6\x8C\x91\xE6\x88\x98\xE8\xB5\x9B"  /* 知识挑战赛 */
#define L_CONFIRM "\xE7\xA1\xAE\xE8\xAE\xA4\xE7\xAD\x94\xE6\xA1\x88"           /* 确认答案 */
#define L_NEXT_Q "\xE4\xB8\x8B\xE4\xB8\x80\xE9\xA2\x98"                        /* 下一题 */
#define L_SEE_SCORE "\xE6\x9F\xA5\xE7\x9C\x8B\xE6\x88\x90\xE7\xBB\xA9"         /* 查看成绩 */
#define L_PICK_ONE "\xE8\xAF\xB7\xE7\x82\xB9\xE9\x80\x89\xE4\xB8\x80\xE4\xB8\xAA\xE7\xAD\x94\xE6\xA1\x88" /* 请点选一个答案 */
#define L_PICK_ALL "\xE8\xAF\xB7\xE9\x80\x89\xE5\x87\xBA\xE6\x89\x80\xE6\x9C\x89\xE6\xAD\xA3\xE7\xA1\xAE\xE9\x80\x89\xE9\xA1\xB9" /* 请选出所有正确选项 */

static const char *type_label(enum qbank_type t)
{
    switch (t) {
    case QBANK_MULTI:
        return "\xE5\xA4\x9A\xE9\x80\x89\xE9\xA2\x98"; /* 多选题 */
    case QBANK_JUDGE:
        return "\xE5\x88\xA4\xE6\x96\xAD\xE9\xA2\x98"; /* 判断题 */
    case QBANK_SINGLE:
        break;
    }
    return "\xE5\x8D\x95\xE9\x80\x89\xE9\xA2\x98"; /* 单选题 */
}

/* The options of q in the order shown, as answer cards see them. */
static void options_of(const struct quiz_view *v, const struct qbank_question *q, struct answer_option *o,
                       char badges[][8])
{
    for (int i = 0; i < q->n_options; i++) {
        int bank = v->order[i];
        if (q->type == QBANK_JUDGE)
            snprintf(badges[i], 8, "%s", bank == 0 ? "\xE2\x9C\x93" : "\xC3\x97"); /* ✓ × (the CJK faces have no ✗) */
        else
            snprintf(badges[i], 8, "%c", 'A' + i);
        o[i] = (struct answer_option){q->options[bank], badges[i], (v->ticked & (1u << i)) != 0,
                                      (q->answer & (1u << bank)) != 0};
    }
}

/* The verdict box: 回答正确 / 回答错误 / 时间到, the right answer, 解析, 出处. */
static SDL_Surface *explanation(struct slide_ctx *c, const struct quiz_view *v, const struct qbank_question *q,
                                const struct answer_option *o, int w, bool large)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int px = reading_body_px(c, large), iw = w - 2 * answer_box_pad(c);
    char verdict[200], letters[64], text[4096];
    answer_letters(o, q->n_options, q->type == QBANK_JUDGE, letters, sizeof letters);
    const char *head = v->correct     ? "\xE5\x9B\x9E\xE7\xAD\x94\xE6\xAD\xA3\xE7\xA1\xAE"  /* 回答正确 */
                       : v->timed_out ? "\xE6\x97\xB6\xE9\x97\xB4\xE5\x88\xB0"              /* 时间到 */
                                      : "\xE5\x9B\x9E\xE7\xAD\x94\xE9\x94\x99\xE8\xAF\xAF"; /* 回答错误 */
    /* 回答正确 · 正确答案：X */
    snprintf(verdict, sizeof verdict, "%s \xC2\xB7 \xE6\xAD\xA3\xE7\xA1\xAE\xE7\xAD\x94\xE6\xA1\x88\xEF\xBC\x9A%s", head,
             letters);
    struct stack st = {0};
    snprintf(text, sizeof text, "\xE8\xA7\xA3\xE6\x9E\x90\xEF\xBC\x9A%s", q->explanation); /* 解析： */
    stack_add(&st, reading_text(c, &c->fonts.sans, px, 1.6f, text, iw, th->ink, false, q->id, "explanation"), 0, 0);
    snprintf(text, sizeof text, "\xE5\x87\xBA\xE5\xA4\x84\xEF\xBC\x9A%s", q->source); /* 出处： */
    stack_add(&st, reading_text(c, &c->fonts.kai, px, 1.6f, text, iw, rgb_mix(th->ink, th->paper, 0.3f), false, q->id,
                                "source"),
              geom_px(g, 1.4f), 0);
    return answer_box(c, verdict, v->correct, &st, w, large, q->id);
}

/* The strip above the body: 第 n 题 / 共 N 题 · 单选题 and one segment per
 * question on the left, 得分 on the right beside the ring's place. */
static void progress_strip(struct slide_ctx *c, struct screen *s, SDL_Rect r, const struct quiz_view *v,
                           const struct qbank_question *q)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    int ring = SDL_min(r.h, geom_px(g, 9));
    s->quiz_ring = (SDL_Rect){r.x + r.w - ring, r.y + (r.h - ring) / 2, ring, ring};
    int px = geom_px(g, 2.3f);
    char head[160];
    snprintf(head, sizeof head, "\xE7\xAC\xAC %d \xE9\xA2\x98 / \xE5\x85\xB1 %d \xE9\xA2\x98 \xC2\xB7 %s", v->index + 1,
             v->total, type_label(q->type)); /* 第 n 题 / 共 N 题 · 单选题 */
    text_line(d, &c->fonts.bold, px, head, r.x, r.y + r.h / 2 - px / 2, ALIGN_LEFT, 0, rgba_of(th->red, 255));
    /* Segments: done (gold), current (red), to come (faint). */
    int seg_w = SDL_min(geom_px(g, 4), (r.w - ring - geom_px(g, 30)) / SDL_max(v->total, 1));
    int gap = SDL_max(2, seg_w / 5), y = r.y + r.h / 2 + px / 2 + geom_px(g, 0.6f), sh = SDL_max(3, geom_px(g, 0.5f));
    for (int i = 0; i < v->total; i++) {
        struct rgba col = i < v->index    ? rgba_of(th->gold, 255)
                          : i == v->index ? rgba_of(th->red, 255)
                                          : rgba_of(rgb_mix(th->paper, th->ink, 0.15f), 255);
        gfx_fill_round_rect(d, (float)(r.x + i * seg_w), (float)y, (float)(seg_w - gap), (float)sh, sh / 2.0f, col);
    }
    char score[64];
    snprintf(score, sizeof score, "\xE5\xBE\x97\xE5\x88\x86 %d", v->score); /* 得分 N */
    text_line(d, &c->fonts.bold, px, score, r.x + r.w - ring - geom_px(g, 2.5f), r.y + r.h / 2, ALIGN_RIGHT, 0,
              rgba_of(th->ink, 230));
}

struct screen *screen_quiz_question(struct slide_ctx *c, const struct screen_key *k)
{
    const struct quiz_view *v = &k->quiz;
    if (!c->bank || v->question >= c->bank->n)
        return NULL;
    const struct qbank_question *q = &c->bank->q[v->question];
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    bool large = k->large;
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    struct reading r = reading_layout(c, true, false);
    int mh = (int)(g->h * (g->portrait ? 0.16f : 0.2f));
    slide_draw_art(c, s->frame, "mountains", (SDL_Rect){0, r.footer.y - mh, g->w, mh}, 0, 1, 28);
    screen_nav_bar(c, s, L_TITLE, true, large);
    int w = SDL_min(r.body.w, geom_px(g, g->portrait ? 92 : 100));
    r.body.x = (g->w - w) / 2;
    r.body.w = w;
    progress_strip(c, s, (SDL_Rect){r.body.x, r.steps.y, w, r.steps.h}, v, q);

    struct stack st = {0};
    int px = reading_body_px(c, large);
    stack_add(&st, reading_text(c, &c->fonts.bold, (int)(px * 1.3f), 1.5f, q->stem, w, th->ink, false, q->id, "stem"),
              geom_px(g, 1.0f), 0);
    int y = 0;
    for (size_t i = 0; i < st.n; i++)
        y += st.gap[i] + st.part[i]->h;
    int gap = geom_px(g, 1.6f);
    struct answer_option opts[QBANK_OPTIONS_MAX];
    char badges[QBANK_OPTIONS_MAX][8];
    options_of(v, q, opts, badges);
    for (int i = 0; i < q->n_options; i++) {
        SDL_Surface *card = answer_option_card(c, &opts[i], v->revealed, w, large, q->id);
        if (!card)
            continue;
        int before = i == 0 ? geom_px(g, 3.0f) : gap;
        y += before;
        if (!v->revealed)
            screen_add_hit(s, (SDL_Rect){0, y, w, card->h}, HIT_OPTION, i, true);
        y += card->h;
        stack_add(&st, card, before, 0);
    }
    if (v->revealed)
        stack_add(&st, explanation(c, v, q, opts, w, large), geom_px(g, 3.5f), 0);
    stack_add(&st, gfx_surface(w, geom_px(g, 5.0f)), 0, 0);
    s->body = stack_join(&st, w);
    s->body_view = r.body;

    bool last = v->index + 1 >= v->total;
    if (v->revealed)
        reading_footer(c, s, r.footer, NULL, HIT_NONE, 0, NULL, last ? L_SEE_SCORE : L_NEXT_Q, HIT_NEXT_QUESTION, 0,
                       true);
    else if (q->type == QBANK_MULTI)
        reading_footer(c, s, r.footer, NULL, HIT_NONE, 0, L_PICK_ALL, L_CONFIRM, HIT_CONFIRM, 0, v->ticked != 0);
    else
        reading_footer(c, s, r.footer, NULL, HIT_NONE, 0, L_PICK_ONE, NULL, HIT_NONE, 0, false);
    return s;
}
