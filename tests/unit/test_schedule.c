/* Item schedules and screen groups: date windows, dayparts and groups
 * evaluated minute by minute over a virtual year of DST-free local time
 * (leap day, day and year boundaries), the next-change deadline, the
 * fallback when nothing is visible, and the group list of a screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/schedule.h"
#include "minute_of_2028.h"

static void set_item(struct feed_item *it, const char *from, const char *until, const char *days, const char *hours)
{
    memset(&it->schedule, 0, sizeof it->schedule);
    it->schedule.when.days = DAYPART_ALL_DAYS;
    if (from)
        assert_int_equal(date_parse(from, &it->schedule.from), 0);
    if (until)
        assert_int_equal(date_parse(until, &it->schedule.until), 0);
    if (days)
        assert_int_equal(weekdays_parse(days, &it->schedule.when.days), 0);
    if (hours)
        assert_int_equal(hour_ranges_parse(hours, it->schedule.when.ranges, DAYPART_RANGES_MAX,
                                           &it->schedule.when.n_ranges),
                         0);
}

static char *g_3f[] = {"3F"};
static char *g_lobby_2f[] = {"lobby", "2f"};

enum { LEAP, NEW_YEAR_NIGHT, WEEKEND_MORNING, FLOOR3, LOBBY_OFFICE, PLAIN, N_ITEMS };

/* Six items: a window over the leap day; an overnight range from the last
 * day of the year; two weekend mornings; an untimed item for 3F only; office
 * hours on weekdays for lobby or 2f in March; and an item with no schedule. */
static struct feed make_feed(struct feed_item *items)
{
    memset(items, 0, N_ITEMS * sizeof *items);
    set_item(&items[LEAP], "2028-02-28", "2028-03-01", NULL, NULL);
    set_item(&items[NEW_YEAR_NIGHT], "2028-12-31", NULL, NULL, "22:00-02:00");
    set_item(&items[WEEKEND_MORNING], "2028-01-01", "2028-01-02", "sat,sun", "09:00-10:00");
    set_item(&items[FLOOR3], NULL, NULL, NULL, NULL);
    items[FLOOR3].groups = g_3f;
    items[FLOOR3].n_groups = 1;
    set_item(&items[LOBBY_OFFICE], "2028-03-01", "2028-03-31", "mon-fri", "08:00-12:00,14:00-18:00");
    items[LOBBY_OFFICE].groups = g_lobby_2f;
    items[LOBBY_OFFICE].n_groups = 2;
    /* PLAIN stays zeroed, as an item built in code: every day, all day */
    return (struct feed){.items = items, .n_items = N_ITEMS};
}

static void a_virtual_year_with_its_boundaries(void **state)
{
    (void)state;
    struct feed_item items[N_ITEMS];
    struct feed f = make_feed(items);
    assert_int_equal(f.n_items, N_ITEMS);
    struct screen_groups lobby, floor3;
    assert_int_equal(screen_groups_parse("Lobby", &lobby), 0);
    assert_int_equal(screen_groups_parse("3f", &floor3), 0);

    long minutes[N_ITEMS] = {0}, minutes_3f[N_ITEMS] = {0};
    const long year = 366L * MINUTES_PER_DAY;
    for (long m = 0; m < year; m++) {
        struct local_time t = minute_of_2028(m);
        for (int i = 0; i < N_ITEMS; i++) {
            minutes[i] += schedule_visible(&items[i], &lobby, &t);
            minutes_3f[i] += schedule_visible(&items[i], &floor3, &t);
        }
    }
    /* 28 Feb, the leap day and 1 March, whole days */
    assert_int_equal(minutes[LEAP], 3L * MINUTES_PER_DAY);
    /* 31 December: 00:00-02:00 (the tail of the 30th's night, inside the
     * window's first day) and 22:00-24:00; the rest of the night falls in
     * 2029 */
    assert_int_equal(minutes[NEW_YEAR_NIGHT], 240);
    /* Saturday 1 and Sunday 2 January, 09:00-10:00 */
    assert_int_equal(minutes[WEEKEND_MORNING], 120);
    /* 3F only */
    assert_int_equal(minutes[FLOOR3], 0);
    assert_int_equal(minutes_3f[FLOOR3], year);
    /* March 2028 has 23 weekdays, 8 hours each; not on 3F */
    assert_int_equal(minutes[LOBBY_OFFICE], 23L * 480);
    assert_int_equal(minutes_3f[LOBBY_OFFICE], 0);
    assert_int_equal(minutes[PLAIN], year);
    assert_false(schedule_is_timed(&items[PLAIN]));
    assert_false(schedule_is_timed(&items[FLOOR3]));
    assert_true(schedule_is_timed(&items[LEAP]));

    /* The night of 31 December goes on into 2029 */
    struct local_time ny = minute_of_2028(year + 90); /* 2029-01-01 01:30 */
    assert_int_equal(ny.date, 20290101);
    assert_true(schedule_in_time(&items[NEW_YEAR_NIGHT], &ny));
    ny = minute_of_2028(year + 125); /* 02:05 */
    assert_false(schedule_in_time(&items[NEW_YEAR_NIGHT], &ny));
    /* ... and nothing of it shows in 2027 */
    struct local_time old = minute_of_2028(-60); /* 2027-12-31 23:00 */
    assert_int_equal(old.date, 20271231);
    assert_false(schedule_in_time(&items[NEW_YEAR_NIGHT], &old));
    assert_false(schedule_in_time(&items[WEEKEND_MORNING], &old));
}

/* Walking the year minute by minute, the visible set only ever changes at
 * a minute schedule_minutes_to_change announced. */
static void the_next_change_is_never_missed(void **state)
{
    (void)state;
    struct feed_item items[N_ITEMS];
    struct feed f = make_feed(items);
    struct screen_groups screens[3];
    assert_int_equal(screen_groups_parse("lobby", &screens[0]), 0);
    assert_int_equal(screen_groups_parse("3f", &screens[1]), 0);
    assert_int_equal(screen_groups_parse("", &screens[2]), 0);

    for (int s = 0; s < 3; s++) {
        const struct screen_groups *g = &screens[s];
        bool was[N_ITEMS], now[N_ITEMS];
        long next = 0, changes = 0, wakes = 0;
        struct local_time t0 = minute_of_2028(-1);
        for (int i = 0; i < N_ITEMS; i++)
            was[i] = schedule_visible(&items[i], g, &t0);
        for (long m = 0; m < 367L * MINUTES_PER_DAY; m++) {
            struct local_time t = minute_of_2028(m);
            bool changed = false;
            for (int i = 0; i < N_ITEMS; i++) {
                now[i] = schedule_visible(&items[i], g, &t);
                changed |= now[i] != was[i];
                was[i] = now[i];
            }
            if (changed) {
                if (m != 0 && m < next)
                    fail_msg("screen %d: the set changed at minute %ld, before the announced %ld", s, m, next);
                changes++;
            }
            if (m >= next) {
                int d = schedule_minutes_to_change(&f, g, &t);
                assert_true(d >= 1 && d <= MINUTES_PER_DAY);
                next = m + d;
                wakes++;
            }
        }
        assert_true(changes > 0);
        /* woken at the boundaries and at midnights, not every minute */
        assert_true(wakes < 1000);
    }
}

static void an_untimed_screen_never_wakes(void **state)
{
    (void)state;
    struct feed_item items[2] = {{0}};
    struct feed f = {.items = items, .n_items = 2};
    struct screen_groups lobby;
    struct local_time t = {20280301, 3, 600};
    assert_int_equal(screen_groups_parse("lobby", &lobby), 0);
    assert_int_equal(schedule_minutes_to_change(&f, &lobby, &t), -1);
    /* a timed item for another floor does not wake this screen */
    set_item(&items[1], NULL, NULL, "mon-fri", NULL);
    items[1].groups = g_3f;
    items[1].n_groups = 1;
    assert_int_equal(schedule_minutes_to_change(&f, &lobby, &t), -1);
    struct screen_groups floor3;
    assert_int_equal(screen_groups_parse("3F", &floor3), 0);
    assert_int_equal(schedule_minutes_to_change(&f, &floor3, &t), MINUTES_PER_DAY - 600);
}

static void selection_falls_back_instead_of_going_blank(void **state)
{
    (void)state;
    struct feed_item items[3];
    memset(items, 0, sizeof items);
    set_item(&items[0], "2028-03-01", "2028-03-02", NULL, NULL);
    items[0].groups = g_3f;
    items[0].n_groups = 1;
    set_item(&items[1], "2028-03-05", NULL, NULL, NULL);
    items[1].groups = g_3f;
    items[1].n_groups = 1;
    set_item(&items[2], NULL, NULL, NULL, NULL);
    items[2].groups = g_lobby_2f;
    items[2].n_groups = 2;
    struct feed f = {.items = items, .n_items = 3};
    struct screen_groups floor3, floor9, all;
    assert_int_equal(screen_groups_parse("3f", &floor3), 0);
    assert_int_equal(screen_groups_parse("9f", &floor9), 0);
    assert_int_equal(screen_groups_parse(" ", &all), 0);
    bool shown[3];
    enum schedule_pick pick;

    struct local_time t = {20280301, 3, 0};
    assert_int_equal(schedule_select(&f, &floor3, &t, shown, &pick), 1);
    assert_int_equal(pick, SCHEDULE_PICK_VISIBLE);
    assert_true(shown[0] && !shown[1] && !shown[2]);

    /* 3 March: neither 3F item is in its window: both, times ignored */
    t.date = 20280303;
    assert_int_equal(schedule_select(&f, &floor3, &t, shown, &pick), 2);
    assert_int_equal(pick, SCHEDULE_PICK_UNTIMED);
    assert_true(shown[0] && shown[1] && !shown[2]);

    /* a screen whose group no item names shows everything */
    assert_int_equal(schedule_select(&f, &floor9, &t, shown, &pick), 3);
    assert_int_equal(pick, SCHEDULE_PICK_ALL);

    /* a screen without groups shows every item that is in time */
    assert_int_equal(schedule_select(&f, &all, &t, shown, &pick), 1);
    assert_int_equal(pick, SCHEDULE_PICK_VISIBLE);
    assert_true(!shown[0] && !shown[1] && shown[2]);
}

static void group_names_and_screen_lists(void **state)
{
    (void)state;
    assert_true(group_name_is_valid("lobby"));
    assert_true(group_name_is_valid("3F"));
    assert_true(group_name_is_valid("b1_east-wing"));
    assert_false(group_name_is_valid(""));
    assert_false(group_name_is_valid("大厅"));
    assert_false(group_name_is_valid("a b"));
    assert_false(group_name_is_valid("a/b"));
    assert_true(group_name_is_valid("abcdefghijabcdefghijabcdefghij12"));
    assert_false(group_name_is_valid("abcdefghijabcdefghijabcdefghij123"));

    struct screen_groups g;
    assert_int_equal(screen_groups_parse(" Lobby ,3F, lobby,,2f ", &g), 0);
    assert_int_equal(g.n, 3);
    assert_string_equal(g.names[0], "lobby");
    assert_string_equal(g.names[1], "3f");
    assert_string_equal(g.names[2], "2f");
    assert_int_equal(screen_groups_parse("", &g), 0);
    assert_int_equal(g.n, 0);
    assert_int_equal(screen_groups_parse("lobby,大厅", &g), -1);
    assert_int_equal(screen_groups_parse("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p", &g), 0);
    assert_int_equal(g.n, FEED_GROUPS_MAX);
    assert_int_equal(screen_groups_parse("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", &g), -1);

    /* the item's group names match without regard to case */
    struct feed_item it = {0};
    it.groups = g_3f;
    it.n_groups = 1;
    assert_int_equal(screen_groups_parse("lobby,3f", &g), 0);
    assert_true(schedule_targets(&it, &g));
    assert_int_equal(screen_groups_parse("lobby", &g), 0);
    assert_false(schedule_targets(&it, &g));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_virtual_year_with_its_boundaries),
        cmocka_unit_test(the_next_change_is_never_missed),
        cmocka_unit_test(an_untimed_screen_never_wakes),
        cmocka_unit_test(selection_falls_back_instead_of_going_blank),
        cmocka_unit_test(group_names_and_screen_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
