#include "core/quiz.h"

#include <string.h>

#include "core/quiz_draw.h"

void quiz_config_default(struct quiz_config *c)
{
    *c = (struct quiz_config){.questions = 10, .seconds_per_question = 20, .points = 10, .auto_next_s = 8,
                              .share_easy = 40, .share_medium = 40, .share_hard = 20};
}

static void shuffle_options(struct quiz_round *r, int q, uint64_t *seed)
{
    const struct qbank_question *bq = &r->bank->q[r->pick[q]];
    for (int i = 0; i < QBANK_OPTIONS_MAX; i++)
        r->order[q][i] = i;
    if (bq->type == QBANK_JUDGE)
        return; /* 正确 stays left of 错误 */
    for (int i = bq->n_options; i > 1; i--) {
        int j = (int)quiz_rand_below(seed, (size_t)i), t = r->order[q][i - 1];
        r->order[q][i - 1] = r->order[q][j];
        r->order[q][j] = t;
    }
}

int quiz_start(struct quiz_round *r, const struct qbank *bank, const struct quiz_config *cfg, uint64_t seed,
               uint64_t now)
{
    memset(r, 0, sizeof *r);
    r->bank = bank;
    r->cfg = *cfg;
    int want = cfg->questions < 1 ? 1 : cfg->questions > QUIZ_QUESTIONS_MAX ? QUIZ_QUESTIONS_MAX : cfg->questions;
    int shares[3] = {cfg->share_easy, cfg->share_medium, cfg->share_hard};
    r->n = quiz_draw(bank, shares, want, &seed, r->pick);
    if (r->n == 0)
        return -1;
    for (int q = 0; q < r->n; q++)
        shuffle_options(r, q, &seed);
    r->phase = QUIZ_ASKING;
    r->started_ms = r->phase_ms = now;
    return 0;
}

const struct qbank_question *quiz_question(const struct quiz_round *r)
{
    return &r->bank->q[r->pick[r->cur]];
}

const char *quiz_option_text(const struct quiz_round *r, int shown)
{
    const struct qbank_question *q = quiz_question(r);
    if (shown < 0 || shown >= q->n_options)
        return NULL;
    return q->options[r->order[r->cur][shown]];
}

/* Shown-order bits to the bank's option order. */
static unsigned to_bank_bits(const struct quiz_round *r, unsigned shown_bits)
{
    unsigned out = 0;
    for (int i = 0; i < quiz_question(r)->n_options; i++)
        if (shown_bits & (1u << i))
            out |= 1u << r->order[r->cur][i];
    return out;
}

static unsigned to_shown_bits(const struct quiz_round *r, unsigned bank_bits)
{
    unsigned out = 0;
    for (int i = 0; i < quiz_question(r)->n_options; i++)
        if (bank_bits & (1u << r->order[r->cur][i]))
            out |= 1u << i;
    return out;
}

static void settle(struct quiz_round *r, unsigned chosen_bank_bits, bool timed_out, uint64_t now)
{
    const struct qbank_question *q = quiz_question(r);
    struct quiz_answer *a = &r->answers[r->cur];
    a->chosen = chosen_bank_bits;
    a->timed_out = timed_out;
    a->correct = !timed_out && chosen_bank_bits == q->answer;
    uint64_t limit = (uint64_t)r->cfg.seconds_per_question * 1000u;
    uint64_t took = now - r->phase_ms;
    a->ms = (int)(took > limit ? limit : took);
    if (a->correct) {
        r->correct++;
        r->score += r->cfg.points;
    }
    r->answered = r->cur + 1;
    r->phase = QUIZ_FEEDBACK;
    r->phase_ms = now;
    r->ticked = 0;
}

bool quiz_tap(struct quiz_round *r, int shown, uint64_t now)
{
    if (r->phase != QUIZ_ASKING || shown < 0 || shown >= quiz_question(r)->n_options)
        return false;
    if (quiz_tick(r, now))
        return true; /* the time ran out before the tap */
    if (quiz_question(r)->type == QBANK_MULTI) {
        r->ticked ^= 1u << shown;
        return true;
    }
    settle(r, to_bank_bits(r, 1u << shown), false, now);
    return true;
}

bool quiz_confirm(struct quiz_round *r, uint64_t now)
{
    if (r->phase != QUIZ_ASKING || quiz_question(r)->type != QBANK_MULTI || r->ticked == 0)
        return false;
    if (quiz_tick(r, now))
        return true;
    settle(r, to_bank_bits(r, r->ticked), false, now);
    return true;
}

bool quiz_next(struct quiz_round *r, uint64_t now)
{
    if (r->phase != QUIZ_FEEDBACK)
        return false;
    if (r->cur + 1 >= r->n) {
        r->phase = QUIZ_DONE;
        r->ended_ms = now;
    } else {
        r->cur++;
        r->phase = QUIZ_ASKING;
        r->ticked = 0;
    }
    r->phase_ms = now;
    return true;
}

uint64_t quiz_deadline(const struct quiz_round *r)
{
    if (r->phase == QUIZ_ASKING)
        return r->phase_ms + (uint64_t)r->cfg.seconds_per_question * 1000u;
    if (r->phase == QUIZ_FEEDBACK && r->cfg.auto_next_s > 0)
        return r->phase_ms + (uint64_t)r->cfg.auto_next_s * 1000u;
    return UINT64_MAX;
}

bool quiz_tick(struct quiz_round *r, uint64_t now)
{
    uint64_t due = quiz_deadline(r);
    if (now < due)
        return false;
    if (r->phase == QUIZ_ASKING)
        settle(r, 0, true, due); /* the time-out happened at the deadline, not at this late tick */
    else
        quiz_next(r, due);
    return true;
}

int quiz_remaining_ms(const struct quiz_round *r, uint64_t now)
{
    if (r->phase != QUIZ_ASKING)
        return 0;
    uint64_t due = quiz_deadline(r);
    return now >= due ? 0 : (int)(due - now);
}

void quiz_abandon(struct quiz_round *r, uint64_t now)
{
    if (r->phase == QUIZ_DONE || r->phase == QUIZ_ABANDONED)
        return;
    r->phase = QUIZ_ABANDONED;
    r->ended_ms = r->phase_ms = now;
}

unsigned quiz_shown_answer(const struct quiz_round *r)
{
    return to_shown_bits(r, quiz_question(r)->answer);
}

unsigned quiz_shown_chosen(const struct quiz_round *r)
{
    if (r->phase == QUIZ_ASKING)
        return r->ticked;
    return to_shown_bits(r, r->answers[r->cur].chosen);
}

int quiz_time_used_ms(const struct quiz_round *r)
{
    int ms = 0;
    for (int i = 0; i < r->answered; i++)
        ms += r->answers[i].ms;
    return ms;
}
