#include "core/backoff.h"

void backoff_init(struct backoff *b, uint32_t interval_ms, uint64_t seed)
{
    *b = (struct backoff){
        .interval_ms = interval_ms,
        .base_ms = BACKOFF_BASE_MS,
        .cap_ms = BACKOFF_CAP_MS,
        .rng = seed,
    };
}

/* splitmix64: any seed, 0 included, gives a full-period sequence. */
static uint64_t next_random(struct backoff *b)
{
    uint64_t z = (b->rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi], without modulo bias. */
static uint32_t uniform(struct backoff *b, uint32_t lo, uint32_t hi)
{
    if (hi <= lo)
        return lo;
    uint64_t range = (uint64_t)hi - lo + 1;
    uint64_t limit = UINT64_MAX - UINT64_MAX % range;
    uint64_t x;
    do
        x = next_random(b);
    while (x >= limit);
    return lo + (uint32_t)(x % range);
}

uint32_t backoff_ceiling(const struct backoff *b, uint32_t failures)
{
    uint64_t ceiling = b->base_ms;
    for (uint32_t i = 1; i < failures && ceiling < b->cap_ms; i++)
        ceiling *= 2;
    return ceiling < b->cap_ms ? (uint32_t)ceiling : b->cap_ms;
}

uint32_t backoff_failure(struct backoff *b)
{
    if (b->failures < UINT32_MAX)
        b->failures++;
    uint32_t ceiling = backoff_ceiling(b, b->failures);
    return uniform(b, ceiling < BACKOFF_MIN_MS ? ceiling : BACKOFF_MIN_MS, ceiling);
}

uint32_t backoff_success(struct backoff *b)
{
    b->failures = 0;
    uint32_t tenth = b->interval_ms / 10;
    uint32_t hi = b->interval_ms > UINT32_MAX - tenth ? UINT32_MAX : b->interval_ms + tenth;
    return uniform(b, b->interval_ms - tenth, hi);
}
