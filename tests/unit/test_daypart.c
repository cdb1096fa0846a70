/* Dayparts: weekday and hour-range parsing, calendar dates, and evaluation
 * minute by minute over a whole year of DST-free local time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "core/daypart.h"
#include "minute_of_2028.h"

static struct daypart make(const char *days, const char *hours)
{
    struct daypart dp = {0};
    assert_int_equal(weekdays_parse(days, &dp.days), 0);
    if (hours)
        assert_int_equal(hour_ranges_parse(hours, dp.ranges, DAYPART_RANGES_MAX, &dp.n_ranges), 0);
    return dp;
}

static void weekdays_in_english_digits_and_chinese(void **state)
{
    (void)state;
    unsigned d;
    assert_int_equal(weekdays_parse("mon-fri", &d), 0);
    assert_int_equal(d, 0x1f);
    assert_int_equal(weekdays_parse(" Sat , sun ", &d), 0);
    assert_int_equal(d, 0x60);
    assert_int_equal(weekdays_parse("1-5,7", &d), 0);
    assert_int_equal(d, 0x5f);
    assert_int_equal(weekdays_parse("周一-周五", &d), 0);
    assert_int_equal(d, 0x1f);
    assert_int_equal(weekdays_parse("星期六,星期天", &d), 0);
    assert_int_equal(d, 0x60);
    assert_int_equal(weekdays_parse("fri-mon", &d), 0); /* wraps over the weekend */
    assert_int_equal(d, 0x71);
    assert_int_equal(weekdays_parse("", &d), 0);
    assert_int_equal(d, DAYPART_ALL_DAYS);
    assert_int_equal(weekdays_parse("all", &d), 0);
    assert_int_equal(d, DAYPART_ALL_DAYS);
    const char *bad[] = {"monday", "mon-", "8", "mon;tue", "周八", "mon,,tue", "0"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(weekdays_parse(bad[i], &d), -1);
}

static void hour_ranges_and_their_limits(void **state)
{
    (void)state;
    struct hour_range r[DAYPART_RANGES_MAX];
    size_t n;
    assert_int_equal(hour_ranges_parse("08:00-12:00, 14:00-18:30", r, DAYPART_RANGES_MAX, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].start, 480);
    assert_int_equal(r[1].end, 1110);
    assert_int_equal(hour_ranges_parse("20:00-07:30", r, DAYPART_RANGES_MAX, &n), 0);
    assert_int_equal(r[0].start, 1200);
    assert_int_equal(r[0].end, 450);
    assert_int_equal(hour_ranges_parse("00:00-24:00", r, DAYPART_RANGES_MAX, &n), 0);
    assert_int_equal(r[0].end, 1440);
    assert_int_equal(hour_ranges_parse("22:00-00:00", r, DAYPART_RANGES_MAX, &n), 0);
    assert_int_equal(r[0].end, 1440);
    const char *bad[] = {"8:00-12:00", "08:00-08:00", "08:60-09:00", "25:00-26:00", "24:00-01:00",
                         "08:00", "08:00-12:00,", "08:00-12:00 14:00-15:00", "00:00-00:00", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(hour_ranges_parse(bad[i], r, DAYPART_RANGES_MAX, &n), -1);
    assert_int_equal(hour_ranges_parse("01:00-02:00,03:00-04:00", r, 1, &n), -1); /* too many */
}

static void dates_follow_the_calendar(void **state)
{
    (void)state;
    int d;
    assert_int_equal(date_parse("2026-12-01", &d), 0);
    assert_int_equal(d, 20261201);
    assert_int_equal(date_parse("2028-02-29", &d), 0);
    assert_int_equal(date_parse("2000-02-29", &d), 0);
    const char *bad[] = {"2027-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-12-1",
                         "2026/12/01", "2026-12-01x", "", "1969-12-31"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(date_parse(bad[i], &d), -1);
}

static void overnight_range_belongs_to_the_day_it_starts(void **state)
{
    (void)state;
    struct daypart dp = make("mon-fri", "20:00-07:30");
    struct local_time fri_late = {20281201, 5, 20 * 60};
    struct local_time sat_early = {20281202, 6, 7 * 60 + 29};
    struct local_time sat_0730 = {20281202, 6, 7 * 60 + 30};
    struct local_time mon_early = {20281204, 1, 60};
    struct local_time mon_1959 = {20281204, 1, 19 * 60 + 59};
    assert_true(daypart_active(&dp, &fri_late));
    assert_true(daypart_active(&dp, &sat_early));
    assert_false(daypart_active(&dp, &sat_0730));
    assert_false(daypart_active(&dp, &mon_early)); /* Sunday night is not covered */
    assert_false(daypart_active(&dp, &mon_1959));
    struct daypart weekend = make("sat,sun", NULL);
    assert_true(daypart_active(&weekend, &sat_early));
    assert_false(daypart_active(&weekend, &mon_early));
}

/* Over every minute of 2028: the state never changes before the announced
 * next change, matches a plain reading of the rule, and the year's totals
 * are what the calendar says. */
static void a_virtual_year_minute_by_minute(void **state)
{
    (void)state;
    struct daypart night = make("", "20:00-07:30");
    struct daypart office = make("mon-fri", "08:30-12:00,13:30-17:30");
    struct daypart overnight_weekdays = make("mon-fri", "22:00-06:00");
    const long year = 366L * MINUTES_PER_DAY;
    long active_night = 0, active_office = 0, active_over = 0;
    long change_at[3] = {0, 0, 0};
    bool before[3] = {false, false, false};
    const struct daypart *all[3] = {&night, &office, &overnight_weekdays};
    for (long m = 0; m < year; m++) {
        struct local_time t = minute_of_2028(m);
        for (int k = 0; k < 3; k++) {
            bool on = daypart_active(all[k], &t);
            if (m > 0 && m < change_at[k])
                assert_int_equal(on, before[k]); /* no change before the announced minute */
            if (m == 0 || m >= change_at[k]) {
                int next = daypart_minutes_to_change(all[k], &t);
                assert_true(next >= 1 && next <= MINUTES_PER_DAY);
                change_at[k] = m + next;
            }
            before[k] = on;
        }
        bool weekday = t.weekday <= 5;
        bool night_expect = t.minute >= 1200 || t.minute < 450;
        bool office_expect = weekday && ((t.minute >= 510 && t.minute < 720) || (t.minute >= 810 && t.minute < 1050));
        int yesterday = t.weekday == 1 ? 7 : t.weekday - 1;
        bool over_expect = (weekday && t.minute >= 1320) || (yesterday <= 5 && t.minute < 360);
        assert_int_equal(daypart_active(&night, &t), night_expect);
        assert_int_equal(daypart_active(&office, &t), office_expect);
        assert_int_equal(daypart_active(&overnight_weekdays, &t), over_expect);
        active_night += night_expect;
        active_office += office_expect;
        active_over += over_expect;
    }
    /* 2028 has 260 weekdays. Saturday 1 January also gets the morning tail
     * (00:00-06:00) of Friday 31 December 2027's night. */
    assert_int_equal(active_night, 366L * 690);
    assert_int_equal(active_office, 260L * 450);
    assert_int_equal(active_over, 260L * 480 + 360);
    struct local_time last = minute_of_2028(year - 1);
    assert_int_equal(last.date, 20281231);
    assert_int_equal(last.minute, 1439);
    struct local_time leap = minute_of_2028(59L * MINUTES_PER_DAY);
    assert_int_equal(leap.date, 20280229);
    assert_int_equal(leap.weekday, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekdays_in_english_digits_and_chinese),
        cmocka_unit_test(hour_ranges_and_their_limits),
        cmocka_unit_test(dates_follow_the_calendar),
        cmocka_unit_test(overnight_range_belongs_to_the_day_it_starts),
        cmocka_unit_test(a_virtual_year_minute_by_minute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
