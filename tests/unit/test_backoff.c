/* Sync scheduling: jittered interval after a success, exponential backoff
 * with full jitter after failures, and the same delays for the same seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/backoff.h"

#define INTERVAL 300000u

static void same_seed_same_delays(void **state)
{
    (void)state;
    struct backoff a, b, c;
    backoff_init(&a, INTERVAL, 42);
    backoff_init(&b, INTERVAL, 42);
    backoff_init(&c, INTERVAL, 43);
    int differ = 0;
    for (int i = 0; i < 50; i++) {
        uint32_t x = i % 7 == 6 ? backoff_success(&a) : backoff_failure(&a);
        uint32_t y = i % 7 == 6 ? backoff_success(&b) : backoff_failure(&b);
        uint32_t z = i % 7 == 6 ? backoff_success(&c) : backoff_failure(&c);
        assert_int_equal(x, y);
        differ += x != z;
    }
    assert_true(differ > 40);
}

static void failures_double_the_ceiling_up_to_the_cap(void **state)
{
    (void)state;
    struct backoff b;
    backoff_init(&b, INTERVAL, 1);
    static const uint32_t ceilings[] = {30000, 60000, 120000, 240000, 480000, 960000, 1920000, 3600000, 3600000};
    for (uint32_t n = 1; n <= 9; n++)
        assert_int_equal(backoff_ceiling(&b, n), ceilings[n - 1]);
    assert_int_equal(backoff_ceiling(&b, UINT32_MAX), BACKOFF_CAP_MS);

    /* Each delay stays within [1 s, ceiling], and the draws spread over it. */
    for (uint32_t n = 1; n <= 12; n++) {
        uint32_t lo = UINT32_MAX, hi = 0;
        uint64_t sum = 0;
        for (uint64_t seed = 0; seed < 2000; seed++) {
            struct backoff s;
            backoff_init(&s, INTERVAL, seed * 7919);
            uint32_t d = 0;
            for (uint32_t i = 0; i < n; i++)
                d = backoff_failure(&s);
            assert_int_equal(s.failures, n);
            assert_in_range(d, BACKOFF_MIN_MS, backoff_ceiling(&s, n));
            lo = d < lo ? d : lo;
            hi = d > hi ? d : hi;
            sum += d;
        }
        uint32_t ceiling = backoff_ceiling(&b, n);
        assert_true(lo < BACKOFF_MIN_MS + ceiling / 50);
        assert_true(hi > ceiling - ceiling / 50);
        uint64_t mean = sum / 2000;
        assert_in_range(mean, ceiling * 45ull / 100, ceiling * 55ull / 100);
    }
}

static void many_failures_stay_at_the_cap(void **state)
{
    (void)state;
    struct backoff b;
    backoff_init(&b, INTERVAL, 7);
    for (int i = 0; i < 100000; i++)
        assert_in_range(backoff_failure(&b), BACKOFF_MIN_MS, BACKOFF_CAP_MS);
    b.failures = UINT32_MAX - 1;
    assert_in_range(backoff_failure(&b), BACKOFF_MIN_MS, BACKOFF_CAP_MS);
    assert_in_range(backoff_failure(&b), BACKOFF_MIN_MS, BACKOFF_CAP_MS);
    assert_int_equal(b.failures, UINT32_MAX);
}

static void success_resets_and_jitters_the_interval(void **state)
{
    (void)state;
    struct backoff b;
    backoff_init(&b, INTERVAL, 99);
    for (int i = 0; i < 10; i++)
        backoff_failure(&b);
    uint32_t lo = UINT32_MAX, hi = 0;
    for (int i = 0; i < 5000; i++) {
        uint32_t d = backoff_success(&b);
        assert_int_equal(b.failures, 0);
        assert_in_range(d, INTERVAL * 9 / 10, INTERVAL * 11 / 10);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    assert_true(lo < INTERVAL * 91 / 100 && hi > INTERVAL * 109 / 100);
    /* After a success the next failure starts again from the base. */
    assert_in_range(backoff_failure(&b), BACKOFF_MIN_MS, BACKOFF_BASE_MS);
    assert_int_equal(b.failures, 1);
}

static void extreme_settings(void **state)
{
    (void)state;
    struct backoff b;
    backoff_init(&b, UINT32_MAX, 5);
    assert_true(backoff_success(&b) >= UINT32_MAX - UINT32_MAX / 10);
    backoff_init(&b, 0, 5);
    assert_int_equal(backoff_success(&b), 0);
    b.base_ms = 500; /* a base below the floor: the ceiling wins */
    assert_int_equal(backoff_failure(&b) <= 500, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_delays),
        cmocka_unit_test(failures_double_the_ceiling_up_to_the_cap),
        cmocka_unit_test(many_failures_stay_at_the_cap),
        cmocka_unit_test(success_resets_and_jitters_the_interval),
        cmocka_unit_test(extreme_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
