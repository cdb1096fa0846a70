/* The idle timer (app/core/idle.c): timeout, countdown seconds, expiry,
 * touches, pausing and the deadlines an event-driven loop sleeps until. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/idle.h"

#define T0 5000000u /* an arbitrary monotonic start */

static void phases_follow_the_defaults(void **state)
{
    (void)state;
    struct idle i;
    idle_init(&i, IDLE_DEFAULT_TIMEOUT_MS, IDLE_DEFAULT_COUNTDOWN_MS, T0);
    assert_int_equal(idle_state(&i, T0).phase, IDLE_ACTIVE);
    assert_int_equal(idle_state(&i, T0 + 89999).phase, IDLE_ACTIVE);
    struct idle_status st = idle_state(&i, T0 + 90000);
    assert_int_equal(st.phase, IDLE_COUNTDOWN);
    assert_int_equal(st.seconds_left, 10);
    assert_int_equal(idle_state(&i, T0 + 90999).seconds_left, 10);
    assert_int_equal(idle_state(&i, T0 + 91000).seconds_left, 9);
    assert_int_equal(idle_state(&i, T0 + 99000).seconds_left, 1);
    assert_int_equal(idle_state(&i, T0 + 99999).seconds_left, 1);
    assert_int_equal(idle_state(&i, T0 + 100000).phase, IDLE_EXPIRED);
    assert_int_equal(idle_state(&i, T0 + 100000).seconds_left, 0);
    assert_int_equal(idle_state(&i, T0 + 10000000).phase, IDLE_EXPIRED);
}

static void countdown_shows_each_second_once(void **state)
{
    (void)state;
    struct idle i;
    idle_init(&i, 30000, 10000, T0);
    /* Walk the deadlines as the loop would: 10, 9, ... 1, then expired. */
    uint64_t t = T0;
    uint32_t expect = 10;
    t = idle_next_deadline(&i, t);
    assert_int_equal(t, T0 + 30000);
    while (idle_state(&i, t).phase == IDLE_COUNTDOWN) {
        assert_int_equal(idle_state(&i, t).seconds_left, expect);
        assert_int_equal(idle_state(&i, idle_next_deadline(&i, t) - 1).seconds_left, expect);
        expect--;
        t = idle_next_deadline(&i, t);
    }
    assert_int_equal(expect, 0);
    assert_int_equal(t, T0 + 40000);
    assert_int_equal(idle_state(&i, t).phase, IDLE_EXPIRED);
    assert_int_equal(idle_next_deadline(&i, t), UINT64_MAX);
}

static void a_touch_starts_over(void **state)
{
    (void)state;
    struct idle i;
    idle_init(&i, 90000, 10000, T0);
    idle_touch(&i, T0 + 60000);
    assert_int_equal(idle_state(&i, T0 + 95000).phase, IDLE_ACTIVE);
    assert_int_equal(idle_next_deadline(&i, T0 + 95000), T0 + 150000);
    /* During the countdown. */
    assert_int_equal(idle_state(&i, T0 + 155000).phase, IDLE_COUNTDOWN);
    idle_touch(&i, T0 + 155000);
    assert_int_equal(idle_state(&i, T0 + 155001).phase, IDLE_ACTIVE);
    /* After expiry too. */
    assert_int_equal(idle_state(&i, T0 + 300000).phase, IDLE_EXPIRED);
    idle_touch(&i, T0 + 300000);
    assert_int_equal(idle_state(&i, T0 + 300000).phase, IDLE_ACTIVE);
    /* A touch stamped earlier than the last does not shorten the time. */
    idle_touch(&i, T0 + 1000);
    assert_int_equal(idle_next_deadline(&i, T0 + 300000), T0 + 390000);
}

static void paused_never_counts_down(void **state)
{
    (void)state;
    struct idle i;
    idle_init(&i, 90000, 10000, T0);
    idle_pause(&i);
    assert_int_equal(idle_state(&i, T0 + 3600000).phase, IDLE_ACTIVE);
    assert_int_equal(idle_next_deadline(&i, T0 + 3600000), UINT64_MAX);
    idle_resume(&i, T0 + 3600000);
    assert_int_equal(idle_state(&i, T0 + 3600000 + 89999).phase, IDLE_ACTIVE);
    assert_int_equal(idle_state(&i, T0 + 3600000 + 90000).phase, IDLE_COUNTDOWN);
    /* Pausing mid-countdown hides it. */
    idle_pause(&i);
    assert_int_equal(idle_state(&i, T0 + 3600000 + 95000).phase, IDLE_ACTIVE);
}

static void odd_countdowns_round_up(void **state)
{
    (void)state;
    struct idle i;
    idle_init(&i, 10000, 3500, 0);
    assert_int_equal(idle_state(&i, 10000).seconds_left, 4);
    assert_int_equal(idle_next_deadline(&i, 10000), 10500);
    assert_int_equal(idle_state(&i, 10500).seconds_left, 3);
    /* No countdown at all: straight from active to expired. */
    idle_init(&i, 10000, 0, 0);
    assert_int_equal(idle_state(&i, 9999).phase, IDLE_ACTIVE);
    assert_int_equal(idle_next_deadline(&i, 0), 10000);
    assert_int_equal(idle_state(&i, 10000).phase, IDLE_EXPIRED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(phases_follow_the_defaults), cmocka_unit_test(countdown_shows_each_second_once),
        cmocka_unit_test(a_touch_starts_over),        cmocka_unit_test(paused_never_counts_down),
        cmocka_unit_test(odd_countdowns_round_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
