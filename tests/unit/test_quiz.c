/* The 知识挑战赛 engine on a virtual clock: drawing (no repeats, category
 * and difficulty balance, statistical fairness), option shuffling,
 * answering, time-outs, feedback pauses, scoring and abandoned rounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/quiz.h"
#include "core/quiz_draw.h"

#define CATS 5
#define PER_CELL 8 /* questions per category and level */

static char texts[CATS * 3 * PER_CELL][40];
static struct qbank_question qs[CATS * 3 * PER_CELL];
static struct qbank bank = {qs, 0};
static char *yes_no[2] = {"正确", "错误"};
static char *abcd[4] = {"甲", "乙", "丙", "丁"};
static const char *cat_names[CATS] = {"纪律规定", "廉洁自律", "八项规定", "监察法规", "清廉机关建设"};

/* A bank of CATS x 3 levels x PER_CELL questions. Question i is single
 * choice answered by option i % 4, except every third is multiple choice
 * (answer 甲+丙) and every fifth is a judgement (answer 错误). */
static void make_bank(size_t n)
{
    bank.n = n;
    for (size_t i = 0; i < n; i++) {
        struct qbank_question *q = &qs[i];
        memset(q, 0, sizeof *q);
        snprintf(texts[i], sizeof texts[i], "第%zu题", i);
        snprintf(q->id, sizeof q->id, "%016zx", i);
        q->stem = texts[i];
        q->category = (char *)cat_names[i % CATS];
        q->level = (enum qbank_level)((i / CATS) % 3);
        q->explanation = "解析";
        q->source = "出处";
        if (i % 5 == 4) {
            q->type = QBANK_JUDGE;
            q->options[0] = yes_no[0];
            q->options[1] = yes_no[1];
            q->n_options = 2;
            q->answer = 2u;
        } else {
            q->type = i % 3 == 2 ? QBANK_MULTI : QBANK_SINGLE;
            memcpy(q->options, abcd, sizeof abcd);
            q->n_options = 4;
            q->answer = q->type == QBANK_MULTI ? 5u : 1u << (i % 4);
        }
    }
}

static struct quiz_config config(void)
{
    struct quiz_config c;
    quiz_config_default(&c);
    return c;
}

static int setup(void **state)
{
    (void)state;
    make_bank(CATS * 3 * PER_CELL);
    return 0;
}

/* The shown position of bank option `opt` in the current question. */
static int shown_of(const struct quiz_round *r, int opt)
{
    for (int i = 0; i < quiz_question(r)->n_options; i++)
        if (r->order[r->cur][i] == opt)
            return i;
    return -1;
}

/* Answers the current question right (or wrong) at time now. */
static void answer(struct quiz_round *r, bool right, uint64_t now)
{
    const struct qbank_question *q = quiz_question(r);
    if (q->type == QBANK_MULTI) {
        if (right) {
            assert_true(quiz_tap(r, shown_of(r, 0), now));
            assert_true(quiz_tap(r, shown_of(r, 2), now));
        } else {
            assert_true(quiz_tap(r, shown_of(r, 0), now));
        }
        assert_true(quiz_confirm(r, now));
        return;
    }
    int right_opt = __builtin_ctz(q->answer);
    int opt = right ? right_opt : (right_opt + 1) % q->n_options;
    assert_true(quiz_tap(r, shown_of(r, opt), now));
}

static void a_round_never_repeats_a_question(void **state)
{
    (void)state;
    struct quiz_config c = config();
    c.questions = 30;
    for (uint64_t seed = 1; seed <= 300; seed++) {
        struct quiz_round r;
        assert_int_equal(quiz_start(&r, &bank, &c, seed, 0), 0);
        assert_int_equal(r.n, 30);
        for (int i = 0; i < r.n; i++)
            for (int j = i + 1; j < r.n; j++)
                assert_true(r.pick[i] != r.pick[j]);
    }
}

static void a_small_bank_gives_a_shorter_round(void **state)
{
    (void)state;
    make_bank(7);
    struct quiz_config c = config();
    struct quiz_round r;
    assert_int_equal(quiz_start(&r, &bank, &c, 9, 0), 0);
    assert_int_equal(r.n, 7);
    make_bank(0);
    assert_int_equal(quiz_start(&r, &bank, &c, 9, 0), -1);
    make_bank(CATS * 3 * PER_CELL);
}

static void levels_follow_the_shares_and_categories_stay_even(void **state)
{
    (void)state;
    struct quiz_config c = config(); /* 10 questions, 40/40/20 */
    for (uint64_t seed = 1; seed <= 200; seed++) {
        struct quiz_round r;
        assert_int_equal(quiz_start(&r, &bank, &c, seed, 0), 0);
        int levels[3] = {0}, cats[CATS] = {0};
        for (int i = 0; i < r.n; i++) {
            levels[qs[r.pick[i]].level]++;
            cats[r.pick[i] % CATS]++;
        }
        assert_int_equal(levels[QBANK_EASY], 4);
        assert_int_equal(levels[QBANK_MEDIUM], 4);
        assert_int_equal(levels[QBANK_HARD], 2);
        for (int k = 0; k < CATS; k++)
            assert_int_equal(cats[k], 2);
    }
}

static void a_level_without_questions_gives_its_places_away(void **state)
{
    (void)state;
    /* Only easy and medium questions: the hard share goes to them. */
    make_bank(CATS * 2);
    struct quiz_config c = config();
    c.questions = 8;
    struct quiz_round r;
    assert_int_equal(quiz_start(&r, &bank, &c, 5, 0), 0);
    assert_int_equal(r.n, 8);
    make_bank(CATS * 3 * PER_CELL);
}

/* Pearson's chi-square over the questions of one level: each question of
 * the level should be drawn equally often. 39 degrees of freedom; the
 * critical value at p = 0.001 is 72.05. */
static void draws_are_fair(void **state)
{
    (void)state;
    static long count[CATS * 3 * PER_CELL];
    memset(count, 0, sizeof count);
    struct quiz_config c = config();
    const int rounds = 20000;
    for (int s = 0; s < rounds; s++) {
        struct quiz_round r;
        assert_int_equal(quiz_start(&r, &bank, &c, 1000u + (uint64_t)s, 0), 0);
        for (int i = 0; i < r.n; i++)
            count[r.pick[i]]++;
    }
    for (int level = 0; level < 3; level++) {
        long total = 0;
        int k = 0;
        for (size_t i = 0; i < bank.n; i++)
            if ((int)qs[i].level == level) {
                total += count[i];
                k++;
            }
        assert_int_equal(k, CATS * PER_CELL);
        double expected = (double)total / k, chi = 0;
        for (size_t i = 0; i < bank.n; i++)
            if ((int)qs[i].level == level)
                chi += (count[i] - expected) * (count[i] - expected) / expected;
        assert_true(chi < 72.05);
    }
}

static void options_are_shuffled_but_judgements_are_not(void **state)
{
    (void)state;
    struct quiz_config c = config();
    long first[4] = {0};
    for (uint64_t seed = 1; seed <= 2000; seed++) {
        struct quiz_round r;
        assert_int_equal(quiz_start(&r, &bank, &c, seed, 0), 0);
        for (int q = 0; q < r.n; q++) {
            const struct qbank_question *bq = &qs[r.pick[q]];
            unsigned seen = 0;
            for (int i = 0; i < bq->n_options; i++)
                seen |= 1u << r.order[q][i];
            assert_int_equal(seen, (1u << bq->n_options) - 1);
            if (bq->type == QBANK_JUDGE) {
                assert_int_equal(r.order[q][0], 0);
                assert_int_equal(r.order[q][1], 1);
            } else {
                first[r.order[q][0]]++;
            }
        }
    }
    long sum = first[0] + first[1] + first[2] + first[3];
    for (int i = 0; i < 4; i++) /* each option leads about a quarter of the time */
        assert_true(first[i] > sum / 4 - sum / 20 && first[i] < sum / 4 + sum / 20);
}

static void the_same_seed_draws_the_same_round(void **state)
{
    (void)state;
    struct quiz_config c = config();
    struct quiz_round a, b, d;
    quiz_start(&a, &bank, &c, 77, 0);
    quiz_start(&b, &bank, &c, 77, 500);
    quiz_start(&d, &bank, &c, 78, 0);
    assert_memory_equal(a.pick, b.pick, sizeof a.pick);
    assert_memory_equal(a.order, b.order, sizeof a.order);
    assert_true(memcmp(a.pick, d.pick, sizeof a.pick) != 0);
}

static void scoring_counts_only_right_answers(void **state)
{
    (void)state;
    struct quiz_config c = config();
    c.points = 5;
    struct quiz_round r;
    quiz_start(&r, &bank, &c, 3, 0);
    uint64_t t = 0;
    for (int i = 0; i < r.n; i++) {
        t += 1000;
        answer(&r, i % 2 == 0, t);
        assert_int_equal(r.phase, QUIZ_FEEDBACK);
        assert_int_equal(r.answers[i].correct, i % 2 == 0);
        assert_int_equal(r.answers[i].ms, 1000);
        assert_true(quiz_next(&r, t));
    }
    assert_int_equal(r.phase, QUIZ_DONE);
    assert_int_equal(r.correct, 5);
    assert_int_equal(r.score, 25);
    assert_int_equal(quiz_time_used_ms(&r), 10 * 1000);
}

/* The first multiple-choice question of a round with this seed. */
static void to_multi(struct quiz_round *r)
{
    for (uint64_t seed = 1;; seed++) {
        struct quiz_config c = config();
        quiz_start(r, &bank, &c, seed, 0);
        if (quiz_question(r)->type == QBANK_MULTI)
            return;
    }
}

static void multiple_choice_needs_exactly_the_right_set(void **state)
{
    (void)state;
    struct quiz_round r;
    to_multi(&r);
    assert_false(quiz_confirm(&r, 10)); /* nothing ticked */
    assert_true(quiz_tap(&r, shown_of(&r, 0), 10));
    assert_true(quiz_tap(&r, shown_of(&r, 1), 10));
    assert_true(quiz_tap(&r, shown_of(&r, 1), 10)); /* untick */
    assert_int_equal(r.phase, QUIZ_ASKING);
    assert_int_equal(quiz_shown_chosen(&r), 1u << shown_of(&r, 0));
    assert_true(quiz_confirm(&r, 20)); /* 甲 alone: half right is wrong */
    assert_false(r.answers[0].correct);
    assert_int_equal(r.answers[0].chosen, 1u);
    assert_int_equal(r.score, 0);

    to_multi(&r);
    quiz_tap(&r, shown_of(&r, 2), 10);
    quiz_tap(&r, shown_of(&r, 0), 10);
    assert_true(quiz_confirm(&r, 20));
    assert_true(r.answers[0].correct);
    assert_int_equal(quiz_shown_answer(&r), (1u << shown_of(&r, 0)) | (1u << shown_of(&r, 2)));
    assert_int_equal(r.score, 10);
}

static void the_countdown_times_out_at_its_deadline(void **state)
{
    (void)state;
    struct quiz_config c = config(); /* 20 s */
    struct quiz_round r;
    quiz_start(&r, &bank, &c, 11, 1000);
    assert_int_equal(quiz_remaining_ms(&r, 1000), 20000);
    assert_int_equal(quiz_remaining_ms(&r, 15000), 6000);
    assert_false(quiz_tick(&r, 20999));
    assert_int_equal(r.phase, QUIZ_ASKING);
    assert_true(quiz_tick(&r, 40000)); /* a late tick: still timed out at 21000 */
    assert_int_equal(r.phase, QUIZ_FEEDBACK);
    assert_true(r.answers[0].timed_out);
    assert_false(r.answers[0].correct);
    assert_int_equal(r.answers[0].chosen, 0);
    assert_int_equal(r.answers[0].ms, 20000);
    assert_int_equal(r.phase_ms, 21000);
    assert_int_equal(quiz_remaining_ms(&r, 21000), 0);
}

static void a_tap_after_the_deadline_is_a_time_out(void **state)
{
    (void)state;
    struct quiz_config c = config();
    struct quiz_round r;
    quiz_start(&r, &bank, &c, 12, 0);
    const struct qbank_question *q = quiz_question(&r);
    int right = q->type == QBANK_MULTI ? 0 : __builtin_ctz(q->answer);
    assert_true(quiz_tap(&r, shown_of(&r, right), 20000));
    assert_int_equal(r.phase, QUIZ_FEEDBACK);
    assert_true(r.answers[0].timed_out);
    assert_int_equal(r.score, 0);
}

static void feedback_moves_on_after_the_pause_or_a_tap(void **state)
{
    (void)state;
    struct quiz_config c = config(); /* feedback 8 s */
    c.questions = 2;
    struct quiz_round r;
    quiz_start(&r, &bank, &c, 13, 0);
    answer(&r, true, 3000);
    assert_int_equal(quiz_deadline(&r), 11000u);
    assert_false(quiz_tick(&r, 10999));
    assert_true(quiz_tick(&r, 11000));
    assert_int_equal(r.cur, 1);
    assert_int_equal(r.phase, QUIZ_ASKING);
    assert_int_equal(quiz_remaining_ms(&r, 11000), 20000);
    assert_int_equal(r.ticked, 0);
    answer(&r, false, 12000);
    assert_true(quiz_next(&r, 12500));
    assert_int_equal(r.phase, QUIZ_DONE);
    assert_int_equal(r.ended_ms, 12500u);
    assert_int_equal(quiz_deadline(&r), UINT64_MAX);
    assert_false(quiz_tick(&r, 99999));
    assert_false(quiz_next(&r, 99999));

    c.auto_next_s = 0; /* feedback stays until tapped */
    quiz_start(&r, &bank, &c, 13, 0);
    answer(&r, true, 1000);
    assert_false(quiz_tick(&r, 1000000));
    assert_int_equal(r.phase, QUIZ_FEEDBACK);
}

static void an_abandoned_round_takes_no_more_answers(void **state)
{
    (void)state;
    struct quiz_config c = config();
    struct quiz_round r;
    quiz_start(&r, &bank, &c, 14, 0);
    answer(&r, true, 2000);
    quiz_next(&r, 2500);
    quiz_abandon(&r, 60000);
    assert_int_equal(r.phase, QUIZ_ABANDONED);
    assert_int_equal(r.ended_ms, 60000u);
    assert_false(quiz_tap(&r, 0, 60001));
    assert_false(quiz_confirm(&r, 60001));
    assert_false(quiz_next(&r, 60001));
    assert_false(quiz_tick(&r, 999999));
    assert_int_equal(r.score, 10);
    assert_int_equal(quiz_time_used_ms(&r), 2000);
    /* A finished round stays finished. */
    c.questions = 1;
    quiz_start(&r, &bank, &c, 14, 0);
    answer(&r, true, 100);
    quiz_next(&r, 200);
    quiz_abandon(&r, 300);
    assert_int_equal(r.phase, QUIZ_DONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(a_round_never_repeats_a_question, setup),
        cmocka_unit_test_setup(a_small_bank_gives_a_shorter_round, setup),
        cmocka_unit_test_setup(levels_follow_the_shares_and_categories_stay_even, setup),
        cmocka_unit_test_setup(a_level_without_questions_gives_its_places_away, setup),
        cmocka_unit_test_setup(draws_are_fair, setup),
        cmocka_unit_test_setup(options_are_shuffled_but_judgements_are_not, setup),
        cmocka_unit_test_setup(the_same_seed_draws_the_same_round, setup),
        cmocka_unit_test_setup(scoring_counts_only_right_answers, setup),
        cmocka_unit_test_setup(multiple_choice_needs_exactly_the_right_set, setup),
        cmocka_unit_test_setup(the_countdown_times_out_at_its_deadline, setup),
        cmocka_unit_test_setup(a_tap_after_the_deadline_is_a_time_out, setup),
        cmocka_unit_test_setup(feedback_moves_on_after_the_pause_or_a_tap, setup),
        cmocka_unit_test_setup(an_abandoned_round_takes_no_more_answers, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
