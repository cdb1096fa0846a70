/* The hidden admin gesture (app/core/admin_gesture.c): taps in a corner
 * square within a window, on every corner, and what starts it over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/admin_gesture.h"

#define W 1920
#define H 1080

/* Taps n times at (x, y) every gap ms from t; returns how many completed. */
static int taps(struct admin_gesture *g, int n, float x, float y, uint64_t t, uint64_t gap)
{
    int done = 0;
    for (int i = 0; i < n; i++)
        done += admin_gesture_tap(g, x, y, t + (uint64_t)i * gap, W, H);
    return done;
}

static void five_taps_in_the_corner_open(void **state)
{
    (void)state;
    struct admin_gesture g;
    admin_gesture_init(&g, ADMIN_CORNER_TOP_LEFT, 96, 5, 3000);
    for (int i = 0; i < 4; i++)
        assert_false(admin_gesture_tap(&g, 20, 30, 1000 + 300 * (uint64_t)i, W, H));
    assert_true(admin_gesture_tap(&g, 40, 10, 2200, W, H));
    /* It starts over after success: the next tap is the first of five. */
    assert_false(admin_gesture_tap(&g, 20, 30, 2300, W, H));
    assert_int_equal(taps(&g, 4, 20, 30, 2400, 100), 1);
}

static void every_corner_and_its_edges(void **state)
{
    (void)state;
    static const struct {
        enum admin_corner c;
        float in_x, in_y, out_x, out_y;
    } cases[] = {
        {ADMIN_CORNER_TOP_LEFT, 0, 99.9f, 100, 50},
        {ADMIN_CORNER_TOP_RIGHT, W - 100, 0, W - 100.1f, 0},
        {ADMIN_CORNER_BOTTOM_LEFT, 99, H - 1, 99, H - 100.5f},
        {ADMIN_CORNER_BOTTOM_RIGHT, W - 1, H - 100, W / 2, H / 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct admin_gesture g;
        admin_gesture_init(&g, cases[i].c, 100, 5, 3000);
        assert_int_equal(taps(&g, 5, cases[i].in_x, cases[i].in_y, 0, 100), 1);
        assert_int_equal(taps(&g, 5, cases[i].out_x, cases[i].out_y, 10000, 100), 0);
    }
}

static void a_tap_outside_starts_over(void **state)
{
    (void)state;
    struct admin_gesture g;
    admin_gesture_init(&g, ADMIN_CORNER_TOP_RIGHT, 120, 5, 3000);
    assert_int_equal(taps(&g, 4, W - 10, 10, 0, 200), 0);
    assert_false(admin_gesture_tap(&g, 960, 540, 900, W, H)); /* a visitor's tap */
    assert_false(admin_gesture_tap(&g, W - 10, 10, 1000, W, H));
    assert_int_equal(taps(&g, 3, W - 10, 10, 1100, 100), 0);
    assert_true(admin_gesture_tap(&g, W - 10, 10, 1400, W, H));
}

static void taps_must_fit_the_window(void **state)
{
    (void)state;
    struct admin_gesture g;
    admin_gesture_init(&g, ADMIN_CORNER_BOTTOM_LEFT, 100, 5, 3000);
    /* Five taps spread over 3001 ms: the first has dropped out by the fifth. */
    assert_int_equal(taps(&g, 4, 10, H - 10, 0, 750), 0);
    assert_false(admin_gesture_tap(&g, 10, H - 10, 3001, W, H));
    /* But the window slides: taps at 750..3001 plus one more make five. */
    assert_true(admin_gesture_tap(&g, 10, H - 10, 3002, W, H));
    /* Exactly the window from first to last counts. */
    admin_gesture_init(&g, ADMIN_CORNER_BOTTOM_LEFT, 100, 5, 3000);
    assert_int_equal(taps(&g, 5, 10, H - 10, 50000, 750), 1);
    /* Slow taps never add up. */
    assert_int_equal(taps(&g, 20, 10, H - 10, 100000, 1001), 0);
}

static void tap_count_is_configurable_and_clamped(void **state)
{
    (void)state;
    struct admin_gesture g;
    admin_gesture_init(&g, ADMIN_CORNER_TOP_LEFT, 100, 3, 1000);
    assert_int_equal(taps(&g, 3, 5, 5, 0, 100), 1);
    admin_gesture_init(&g, ADMIN_CORNER_TOP_LEFT, 100, 99, 10000);
    assert_int_equal(g.taps, ADMIN_GESTURE_MAX_TAPS);
    assert_int_equal(taps(&g, ADMIN_GESTURE_MAX_TAPS - 1, 5, 5, 0, 100), 0);
    assert_true(admin_gesture_tap(&g, 5, 5, 5000, W, H));
    /* Portrait: the corner follows the screen size given with each tap. */
    admin_gesture_init(&g, ADMIN_CORNER_BOTTOM_RIGHT, 100, 3, 3000);
    int done = 0;
    for (int i = 0; i < 3; i++)
        done += admin_gesture_tap(&g, 1050, 1900, 100 * (uint64_t)i, 1080, 1920);
    assert_int_equal(done, 1);
}

static void clock_going_back_starts_over(void **state)
{
    (void)state;
    struct admin_gesture g;
    admin_gesture_init(&g, ADMIN_CORNER_TOP_LEFT, 100, 3, 3000);
    assert_int_equal(taps(&g, 2, 5, 5, 10000, 100), 0);
    assert_false(admin_gesture_tap(&g, 5, 5, 500, W, H));
    assert_false(admin_gesture_tap(&g, 5, 5, 600, W, H));
    assert_true(admin_gesture_tap(&g, 5, 5, 700, W, H));
    admin_gesture_reset(&g);
    assert_int_equal(g.n, 0);
}

static void corner_names(void **state)
{
    (void)state;
    enum admin_corner c;
    static const char *const names[] = {"top-left", "top-right", "bottom-left", "bottom-right"};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(admin_corner_parse(names[i], &c), 0);
        assert_int_equal(c, i);
        assert_string_equal(admin_corner_name(c), names[i]);
    }
    assert_int_equal(admin_corner_parse("top", &c), -1);
    assert_int_equal(admin_corner_parse("Top-Left", &c), -1);
    assert_int_equal(admin_corner_parse("", &c), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_taps_in_the_corner_open),  cmocka_unit_test(every_corner_and_its_edges),
        cmocka_unit_test(a_tap_outside_starts_over),      cmocka_unit_test(taps_must_fit_the_window),
        cmocka_unit_test(tap_count_is_configurable_and_clamped), cmocka_unit_test(clock_going_back_starts_over),
        cmocka_unit_test(corner_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
