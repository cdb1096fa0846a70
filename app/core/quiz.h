/* The 知识挑战赛 round engine. Pure and clock-free: every call takes the
 * time `now` in milliseconds (of any monotonic clock), so tests drive it
 * with a virtual clock and the shell with its own.
 *
 * A round draws N questions from a bank without repeats, spread over the
 * categories and the difficulty shares configured, shuffles the options of
 * 单选/多选 (never of 判断), and walks each question through
 *
 *   ASKING --answer/time-out--> FEEDBACK --next/pause--> ASKING ... DONE
 *
 * Any phase but DONE can end in ABANDONED (the visitor walked away). */
#ifndef QF_QUIZ_H
#define QF_QUIZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/qbank.h"

#define QUIZ_QUESTIONS_MAX 50

struct quiz_config {
    int questions;           /* per round (default 10) */
    int seconds_per_question; /* countdown (default 20) */
    int points;              /* per right answer (default 10) */
    int auto_next_s;         /* feedback stays this long, 0 = until tapped (default 8) */
    int share_easy, share_medium, share_hard; /* percent of the round (default 40/40/20) */
};

void quiz_config_default(struct quiz_config *c);

enum quiz_phase { QUIZ_ASKING, QUIZ_FEEDBACK, QUIZ_DONE, QUIZ_ABANDONED };

struct quiz_answer {
    unsigned chosen;         /* bits in the bank's option order; 0 = no answer */
    bool correct;
    bool timed_out;
    int ms;                  /* time taken */
};

struct quiz_round {
    const struct qbank *bank;
    struct quiz_config cfg;
    int n;                                     /* questions in this round */
    size_t pick[QUIZ_QUESTIONS_MAX];           /* bank indices, in play order */
    int order[QUIZ_QUESTIONS_MAX][QBANK_OPTIONS_MAX]; /* order[q][shown] = bank option index */
    struct quiz_answer answers[QUIZ_QUESTIONS_MAX];
    int cur;                                   /* question on screen */
    int answered;                              /* questions answered or timed out */
    enum quiz_phase phase;
    unsigned ticked;                           /* 多选 while asking: bits in shown order */
    uint64_t started_ms, phase_ms, ended_ms;
    int score, correct;
};

/* Starts a round drawn with `seed`. Returns 0, or -1 when the bank is
 * empty. A bank smaller than cfg->questions gives a shorter round. */
int quiz_start(struct quiz_round *r, const struct qbank *bank, const struct quiz_config *cfg, uint64_t seed,
               uint64_t now);

const struct qbank_question *quiz_question(const struct quiz_round *r);

/* The option shown at position `shown` of the current question. */
const char *quiz_option_text(const struct quiz_round *r, int shown);

/* Taps option `shown`: 单选 and 判断 answer at once, 多选 toggles. Returns
 * true when something changed. */
bool quiz_tap(struct quiz_round *r, int shown, uint64_t now);

/* 多选: submits the ticked options (at least one). */
bool quiz_confirm(struct quiz_round *r, uint64_t now);

/* From feedback to the next question, or to DONE after the last. */
bool quiz_next(struct quiz_round *r, uint64_t now);

/* Applies the countdown and the feedback pause. Returns true when the
 * phase or question changed. */
bool quiz_tick(struct quiz_round *r, uint64_t now);

/* Milliseconds left on the current question's countdown (0 when not asking). */
int quiz_remaining_ms(const struct quiz_round *r, uint64_t now);

/* When the next automatic change is due (UINT64_MAX: none). */
uint64_t quiz_deadline(const struct quiz_round *r);

void quiz_abandon(struct quiz_round *r, uint64_t now);

/* Bits, in shown order, of the right options and of what was chosen for
 * the current question (for the feedback marks). */
unsigned quiz_shown_answer(const struct quiz_round *r);
unsigned quiz_shown_chosen(const struct quiz_round *r);

/* Time spent answering, summed over the questions answered so far. */
int quiz_time_used_ms(const struct quiz_round *r);

#endif
