/* When to sync next: the normal interval with +-10 % jitter after a
 * success; after failures, exponential backoff with full jitter (a random
 * delay up to base * 2^(failures-1), never above the cap), so that a
 * thousand screens whose server went down do not all come back at once.
 * Pure: the randomness is a PRNG seeded by the caller, so a seed gives the
 * same delays every time. */
#ifndef QF_BACKOFF_H
#define QF_BACKOFF_H

#include <stdint.h>

#define BACKOFF_BASE_MS 30000u    /* the first retry comes within 30 s */
#define BACKOFF_CAP_MS 3600000u   /* no retry waits longer than an hour */
#define BACKOFF_MIN_MS 1000u      /* nor less than a second */

struct backoff {
    uint32_t interval_ms; /* the normal time between syncs */
    uint32_t base_ms;     /* ceiling of the first retry's delay */
    uint32_t cap_ms;      /* ceiling of any retry's delay */
    uint32_t failures;    /* failures in a row */
    uint64_t rng;         /* PRNG state (splitmix64) */
};

/* The normal interval, BACKOFF_BASE_MS, BACKOFF_CAP_MS, no failures. */
void backoff_init(struct backoff *b, uint32_t interval_ms, uint64_t seed);

/* A sync failed: returns the delay before the next try, uniform in
 * [BACKOFF_MIN_MS, min(cap, base * 2^(failures-1))]. */
uint32_t backoff_failure(struct backoff *b);

/* A sync succeeded: forgets the failures and returns the delay before the
 * next sync, uniform in [0.9, 1.1] x the interval. */
uint32_t backoff_success(struct backoff *b);

/* The ceiling of the next failure's delay (for status displays). */
uint32_t backoff_ceiling(const struct backoff *b, uint32_t failures);

#endif
