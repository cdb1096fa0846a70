/* Drawing the questions of a round: without repeats, balanced over the
 * categories and the configured difficulty shares, reproducible from a
 * seed. Split from the round engine so it can be tested for fairness. */
#ifndef QF_QUIZ_DRAW_H
#define QF_QUIZ_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "core/qbank.h"

/* splitmix64: a small, well-mixed generator; *state advances. */
uint64_t quiz_rand(uint64_t *state);

/* A uniform integer in [0, n) (n > 0), without modulo bias. */
size_t quiz_rand_below(uint64_t *state, size_t n);

/* Fills pick[0..want) with distinct bank indices and returns how many were
 * drawn (less than want only when the bank is smaller). shares[] are the
 * percent of easy, medium, hard questions wanted; a level with too few
 * questions gives its places to the others. Within a level the category
 * with the fewest picks so far goes next, so categories stay even. The
 * result is in a shuffled play order. */
int quiz_draw(const struct qbank *bank, const int shares[3], int want, uint64_t *seed, size_t *pick);

#endif
