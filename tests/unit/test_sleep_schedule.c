/* The screen's sleep schedule: evaluated minute by minute over a virtual
 * year of DST-free local time, the day and week boundaries, and the window
 * a touch keeps the screen on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <time.h>

#include "core/sleep_schedule.h"

#define YEAR_MINUTES (365L * MINUTES_PER_DAY)

/* 2026-01-01 00:00 (a Thursday) as seconds; the wall count of the tests. */
static int64_t start_of_2026(void)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 0, .tm_mday = 1};
    return (int64_t)timegm(&tm);
}

/* Local time at wall second `wall`, computed with gmtime_r so that no TZ
 * is involved. */
static struct local_time local_at(int64_t wall)
{
    time_t t = (time_t)wall;
    struct tm out;
    gmtime_r(&t, &out);
    struct local_time lt;
    local_time_from_tm(&out, &lt);
    return lt;
}

/* Wall second of "YYYY-MM-DD HH:MM:SS". */
static int64_t at(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
    return (int64_t)timegm(&tm);
}

static struct sleep_schedule make(const char *hours, const char *days, unsigned wake)
{
    struct sleep_schedule s;
    sleep_schedule_none(&s);
    assert_int_equal(hour_ranges_parse(hours, s.hours, DAYPART_RANGES_MAX, &s.n_hours), hours[0] ? 0 : -1);
    if (!hours[0])
        s.n_hours = 0;
    assert_int_equal(sleep_days_parse(days, &s.days), 0);
    s.wake_minutes = wake;
    return s;
}

static bool asleep_at(const struct sleep_schedule *s, int64_t wall, int64_t touch)
{
    struct local_time lt = local_at(wall);
    return sleep_asleep(s, &lt, wall, touch);
}

/* The reference rule of "20:00-07:30 and weekends". */
static bool nights_and_weekends(const struct local_time *t)
{
    return t->weekday >= 6 || t->minute >= 20 * 60 || t->minute < 7 * 60 + 30;
}

static void a_year_of_nights_and_weekends(void **state)
{
    (void)state;
    struct sleep_schedule s = make("20:00-07:30", "sat,sun", 5);
    int64_t t0 = start_of_2026();
    long asleep = 0, changes = 0;
    bool before = true; /* 2025-12-31 23:59 was asleep */
    for (long m = 0; m < YEAR_MINUTES; m++) {
        struct local_time lt = local_at(t0 + m * 60);
        bool want = nights_and_weekends(&lt);
        assert_int_equal(sleep_scheduled(&s, &lt), want);
        assert_int_equal(sleep_asleep(&s, &lt, t0 + m * 60, SLEEP_NO_TOUCH), want);
        asleep += want;
        changes += want != before;
        before = want;
    }
    /* 104 weekend days, 261 weekdays with 11.5 h of night (the Monday
     * morning and Friday night are counted with them). */
    assert_int_equal(asleep, 104L * 1440 + 261L * 690);
    /* Two changes a weekday except that Friday night runs into Saturday and
     * Sunday into Monday morning: one wake and one sleep per working day. */
    assert_int_equal(changes, 2 * 261);
}

/* Stepping by sleep_minutes_to_change from the start of the year lands on
 * every change exactly, with no more steps than range ends and midnights. */
static void the_minutes_to_change_never_skip_a_change(void **state)
{
    (void)state;
    const char *hours[] = {"20:00-07:30", "", "12:00-13:30,22:00-06:00", "00:00-24:00"};
    const char *days[] = {"sat,sun", "sun", "", "wed"};
    int64_t t0 = start_of_2026();
    for (size_t c = 0; c < sizeof hours / sizeof *hours; c++) {
        struct sleep_schedule s = make(hours[c], days[c], 0);
        bool *state_at = malloc((size_t)(YEAR_MINUTES + 1) * sizeof *state_at);
        assert_non_null(state_at);
        for (long m = 0; m <= YEAR_MINUTES; m++) {
            struct local_time lt = local_at(t0 + m * 60);
            state_at[m] = sleep_scheduled(&s, &lt);
        }
        /* The first change after each minute, from the end backwards. */
        long *next_change = malloc((size_t)(YEAR_MINUTES + 1) * sizeof *next_change);
        assert_non_null(next_change);
        next_change[YEAR_MINUTES] = YEAR_MINUTES + MINUTES_PER_DAY;
        for (long m = YEAR_MINUTES - 1; m >= 0; m--)
            next_change[m] = state_at[m + 1] != state_at[m] ? m + 1 : next_change[m + 1];
        /* From every minute: no change before the step ends. */
        for (long m = 0; m < YEAR_MINUTES; m++) {
            struct local_time lt = local_at(t0 + m * 60);
            int k = sleep_minutes_to_change(&s, &lt);
            assert_in_range(k, 1, MINUTES_PER_DAY);
            if (m + k > next_change[m])
                fail_msg("case %zu: minute %ld: a step of %d skips the change at minute %ld", c, m, k, next_change[m]);
        }
        free(next_change);
        long steps = 0, seen = 0, changes = 0;
        for (long m = 0; m < YEAR_MINUTES; steps++) {
            struct local_time lt = local_at(t0 + m * 60);
            long next = m + sleep_minutes_to_change(&s, &lt);
            if (next <= YEAR_MINUTES && state_at[next] != state_at[m])
                seen++;
            m = next;
        }
        for (long m = 1; m <= YEAR_MINUTES; m++)
            changes += state_at[m] != state_at[m - 1];
        assert_int_equal(seen, changes);
        assert_true(steps <= 365 * (2 * (long)s.n_hours + 1) + 1); /* range starts, ends and midnights */
        free(state_at);
    }
}

static void friday_night_runs_into_the_weekend_and_monday_morning(void **state)
{
    (void)state;
    struct sleep_schedule s = make("20:00-07:30", "sat,sun", 5);
    /* 2026-12-04 is a Friday. */
    assert_false(asleep_at(&s, at(2026, 12, 4, 19, 59, 59), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2026, 12, 4, 20, 0, 0), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2026, 12, 5, 7, 30, 0), SLEEP_NO_TOUCH)); /* Saturday: all day */
    assert_true(asleep_at(&s, at(2026, 12, 5, 12, 0, 0), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2026, 12, 6, 23, 59, 0), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2026, 12, 7, 0, 0, 0), SLEEP_NO_TOUCH)); /* Sunday night's range */
    assert_true(asleep_at(&s, at(2026, 12, 7, 7, 29, 59), SLEEP_NO_TOUCH));
    assert_false(asleep_at(&s, at(2026, 12, 7, 7, 30, 0), SLEEP_NO_TOUCH));

    /* Friday 20:00 sleeps until Monday 07:30: 59.5 hours. */
    struct local_time fri = local_at(at(2026, 12, 4, 20, 0, 0));
    assert_int_equal(sleep_minutes_to_wake(&s, &fri), 59 * 60 + 30);
    struct local_time tue = local_at(at(2026, 12, 8, 6, 0, 0));
    assert_int_equal(sleep_minutes_to_wake(&s, &tue), 90);
    struct local_time noon = local_at(at(2026, 12, 8, 12, 0, 0));
    assert_int_equal(sleep_minutes_to_wake(&s, &noon), 0);
}

static void new_year_and_a_leap_day(void **state)
{
    (void)state;
    struct sleep_schedule s = make("22:00-06:00", "", 5);
    /* The night of 2026-12-31 runs into 2027-01-01. */
    assert_true(asleep_at(&s, at(2026, 12, 31, 23, 59, 59), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2027, 1, 1, 0, 0, 0), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2027, 1, 1, 5, 59, 0), SLEEP_NO_TOUCH));
    assert_false(asleep_at(&s, at(2027, 1, 1, 6, 0, 0), SLEEP_NO_TOUCH));
    /* 2028-02-28 into the 29th and the 29th into March. */
    assert_true(asleep_at(&s, at(2028, 2, 29, 3, 0, 0), SLEEP_NO_TOUCH));
    assert_false(asleep_at(&s, at(2028, 2, 29, 12, 0, 0), SLEEP_NO_TOUCH));
    assert_true(asleep_at(&s, at(2028, 3, 1, 0, 30, 0), SLEEP_NO_TOUCH));
    struct local_time eve = local_at(at(2028, 2, 29, 21, 0, 0));
    assert_int_equal(sleep_minutes_to_change(&s, &eve), 60);
    struct local_time late = local_at(at(2028, 2, 29, 22, 30, 0));
    assert_int_equal(sleep_minutes_to_change(&s, &late), 90); /* midnight: looked at again */
}

static void a_touch_keeps_the_screen_on_for_wake_minutes(void **state)
{
    (void)state;
    struct sleep_schedule s = make("20:00-07:30", "sat,sun", 5);
    /* A touch at 19:58 on a Tuesday: on until 20:03. */
    int64_t touch = at(2026, 12, 8, 19, 58, 0);
    assert_false(asleep_at(&s, at(2026, 12, 8, 20, 0, 0), touch));
    assert_false(asleep_at(&s, at(2026, 12, 8, 20, 2, 59), touch));
    assert_true(asleep_at(&s, at(2026, 12, 8, 20, 3, 0), touch));
    struct local_time lt = local_at(at(2026, 12, 8, 20, 0, 30));
    assert_int_equal(sleep_seconds_to_change(&s, &lt, 30, at(2026, 12, 8, 20, 0, 30), touch), 150);

    /* A touch at 23:00:30 wakes the screen until 23:05:30. */
    touch = at(2026, 12, 8, 23, 0, 30);
    assert_false(asleep_at(&s, touch, touch));
    assert_false(asleep_at(&s, touch + 299, touch));
    assert_true(asleep_at(&s, touch + 300, touch));
    lt = local_at(touch);
    assert_int_equal(sleep_seconds_to_change(&s, &lt, 30, touch, touch), 300);
    /* After it: the next change is midnight (looked at again), not 07:30. */
    lt = local_at(touch + 300);
    assert_int_equal(sleep_seconds_to_change(&s, &lt, 30, touch + 300, touch), 55 * 60 - 30);

    /* A touch at 07:28: the schedule wakes the screen at 07:30 and it stays on. */
    touch = at(2026, 12, 9, 7, 28, 0);
    assert_false(asleep_at(&s, at(2026, 12, 9, 7, 29, 0), touch));
    assert_false(asleep_at(&s, at(2026, 12, 9, 7, 33, 0), touch));
    assert_false(asleep_at(&s, at(2026, 12, 9, 7, 30, 0), SLEEP_NO_TOUCH));

    /* A touch in the future (the clock was set back) does not hold. */
    assert_true(asleep_at(&s, at(2026, 12, 9, 3, 0, 0), at(2026, 12, 9, 3, 1, 0)));
}

static void wake_minutes_zero_ignores_touches(void **state)
{
    (void)state;
    struct sleep_schedule s = make("20:00-07:30", "", 0);
    int64_t touch = at(2026, 12, 8, 23, 0, 0);
    assert_false(sleep_touch_holds(&s, touch, touch));
    assert_true(asleep_at(&s, touch, touch));
    struct local_time lt = local_at(touch);
    assert_int_equal(sleep_seconds_to_change(&s, &lt, 0, touch, touch), 60 * 60); /* midnight */
}

static void no_schedule_and_always_asleep(void **state)
{
    (void)state;
    struct sleep_schedule none;
    sleep_schedule_none(&none);
    assert_false(sleep_schedule_set(&none));
    assert_int_equal(none.wake_minutes, SLEEP_DEFAULT_WAKE_MINUTES);
    int64_t t0 = start_of_2026();
    for (long m = 0; m < 14L * MINUTES_PER_DAY; m += 7)
        assert_false(asleep_at(&none, t0 + m * 60, SLEEP_NO_TOUCH));
    struct local_time lt = local_at(t0 + 600 * 60);
    assert_int_equal(sleep_minutes_to_change(&none, &lt), MINUTES_PER_DAY - 600);
    assert_int_equal(sleep_minutes_to_wake(&none, &lt), 0);

    struct sleep_schedule always = make("00:00-24:00", "", 5);
    assert_true(sleep_schedule_set(&always));
    for (long m = 0; m < 14L * MINUTES_PER_DAY; m += 7)
        assert_true(asleep_at(&always, t0 + m * 60, SLEEP_NO_TOUCH));
    assert_int_equal(sleep_minutes_to_wake(&always, &lt), -1);
    struct sleep_schedule every_day = make("", "mon-sun", 5);
    assert_int_equal(sleep_minutes_to_wake(&every_day, &lt), -1);
}

static void days_and_descriptions(void **state)
{
    (void)state;
    unsigned d = 99;
    assert_int_equal(sleep_days_parse("", &d), 0);
    assert_int_equal(d, 0u);
    assert_int_equal(sleep_days_parse("  ", &d), 0);
    assert_int_equal(d, 0u);
    assert_int_equal(sleep_days_parse("sat,sun", &d), 0);
    assert_int_equal(d, 0x60u);
    assert_int_equal(sleep_days_parse("周六,周日", &d), 0);
    assert_int_equal(d, 0x60u);
    assert_int_equal(sleep_days_parse("weekend", &d), -1);

    char text[128];
    struct sleep_schedule s = make("20:00-07:30", "sat,sun", 5);
    sleep_schedule_describe(&s, text, sizeof text);
    assert_string_equal(text, "20:00-07:30，周六 周日全天");
    s = make("12:00-13:30,22:00-06:00", "", 5);
    sleep_schedule_describe(&s, text, sizeof text);
    assert_string_equal(text, "12:00-13:30、22:00-06:00");
    s = make("", "sun", 5);
    sleep_schedule_describe(&s, text, sizeof text);
    assert_string_equal(text, "周日全天");
    sleep_schedule_none(&s);
    sleep_schedule_describe(&s, text, sizeof text);
    assert_string_equal(text, "不休眠");
    s = make("20:00-07:30", "sat,sun", 5);
    sleep_schedule_describe(&s, text, 8); /* cut short, still terminated */
    assert_int_equal(strlen(text), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_year_of_nights_and_weekends),
        cmocka_unit_test(the_minutes_to_change_never_skip_a_change),
        cmocka_unit_test(friday_night_runs_into_the_weekend_and_monday_morning),
        cmocka_unit_test(new_year_and_a_leap_day),
        cmocka_unit_test(a_touch_keeps_the_screen_on_for_wake_minutes),
        cmocka_unit_test(wake_minutes_zero_ignores_touches),
        cmocka_unit_test(no_schedule_and_always_asleep),
        cmocka_unit_test(days_and_descriptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
