/* What report_agg.c and report_board.c share. Not for other modules. */
#ifndef QF_REPORT_PRIV_H
#define QF_REPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report_agg.h"
#include "core/results.h"

/* A round without its answers: all the reports need. */
struct report_round {
    char id[RESULT_ID_LEN + 1];
    char screen_id[RESULT_TEXT_MAX];
    char department[RESULT_TEXT_MAX]; /* "" = anonymous */
    int64_t finished_at;
    bool abandoned;
    int score, correct, total, duration_ms;
};

struct report_agg {
    struct report_round *rounds;
    size_t n, cap;
    size_t *slots;      /* open addressing on the id: index + 1, 0 = free */
    size_t n_slots;     /* a power of two, at least twice n */
    size_t duplicates;
};

/* Best first: higher score, shorter time, earlier finish, then id. */
int report_round_better(const struct report_round *a, const struct report_round *b);

#endif
