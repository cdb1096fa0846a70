/* Kinetic scrolling (app/core/scroll.c): drag inside and beyond the bounds,
 * flings, spring back, settling, and independence from the frame rate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "core/scroll.h"

#define VIEW 1000.0f
#define CONTENT 3000.0f /* max offset 2000 */
#define LIMIT 120.0f    /* 12 % of the viewport */

static struct scroll_params params;

static int setup(void **state)
{
    (void)state;
    params = scroll_params_default();
    return 0;
}

static struct scroll make(float offset, uint64_t now)
{
    struct scroll s;
    scroll_init(&s, &params, VIEW, CONTENT, now);
    scroll_jump_to(&s, offset);
    return s;
}

/* Steps every `step` ms from t until the motion stops; returns the time it
 * stopped, failing after 10 s. Checks the overscroll limit on the way. */
static uint64_t run_until_rest(struct scroll *s, uint64_t t, uint64_t step)
{
    uint64_t end = t + 10000;
    while (scroll_animating(s)) {
        t += step;
        if (t > end)
            fail_msg("still moving after 10 s at offset %g", scroll_offset(s));
        scroll_step(s, t);
        float o = scroll_offset(s);
        if (o < -s->limit || o > scroll_max(s) + s->limit)
            fail_msg("offset %g beyond the overscroll limit", o);
    }
    return t;
}

static void defaults_match_the_design(void **state)
{
    (void)state;
    assert_float_equal(params.overscroll_frac, 0.12f, 1e-6);
    struct scroll s = make(0, 0);
    assert_float_equal(scroll_max(&s), 2000.0f, 1e-3);
    assert_float_equal(scroll_offset(&s), 0.0f, 0);
    assert_false(scroll_animating(&s));
}

static void short_content_never_scrolls(void **state)
{
    (void)state;
    const float contents[] = {0.0f, 400.0f, 999.0f, 1000.0f};
    for (size_t i = 0; i < sizeof contents / sizeof contents[0]; i++) {
        struct scroll s;
        scroll_init(&s, &params, VIEW, contents[i], 0);
        assert_float_equal(scroll_max(&s), 0.0f, 0);
        scroll_grab(&s, 10);
        for (int k = 0; k < 50; k++) {
            scroll_drag(&s, k % 2 ? 300.0f : -450.0f, 20 + (uint64_t)k);
            assert_true(scroll_offset(&s) == 0.0f);
        }
        scroll_release(&s, -5000.0f, 100);
        assert_false(scroll_animating(&s));
        scroll_step(&s, 2000);
        assert_true(scroll_offset(&s) == 0.0f);
        scroll_jump_to(&s, 300);
        assert_true(scroll_offset(&s) == 0.0f);
    }
}

static void drag_moves_content_one_to_one_inside(void **state)
{
    (void)state;
    struct scroll s = make(500, 0);
    scroll_grab(&s, 0);
    scroll_drag(&s, -300.0f, 10); /* finger up: further into the text */
    assert_float_equal(scroll_offset(&s), 800.0f, 1e-3);
    scroll_drag(&s, 100.0f, 20);
    assert_float_equal(scroll_offset(&s), 700.0f, 1e-3);
    assert_false(scroll_animating(&s));
    /* A drag without a grab grabs. */
    struct scroll t = make(100, 0);
    scroll_drag(&t, -50.0f, 5);
    assert_float_equal(scroll_offset(&t), 150.0f, 1e-3);
}

static void overscroll_resists_and_is_bounded(void **state)
{
    (void)state;
    struct scroll s = make(0, 0);
    scroll_grab(&s, 0);
    /* The first pixels beyond the top move at about the rubber-band rate. */
    scroll_drag(&s, 2.0f, 1);
    assert_true(scroll_offset(&s) < 0 && scroll_offset(&s) > -1.2f);
    float prev = scroll_offset(&s);
    /* Pull ever further: it keeps giving a little but never reaches the limit. */
    for (int k = 0; k < 2000; k++) {
        scroll_drag(&s, 50.0f, 2 + (uint64_t)k);
        float o = scroll_offset(&s);
        assert_true(o <= prev && o > -LIMIT);
        prev = o;
    }
    assert_true(prev < -0.9f * LIMIT);
    /* The same past the end. */
    struct scroll e = make(2000, 0);
    scroll_drag(&e, -1e7f, 1);
    assert_true(scroll_offset(&e) > 2000 && scroll_offset(&e) <= 2000 + LIMIT);
}

static void overscroll_never_exceeded_by_any_drag(void **state)
{
    (void)state;
    struct scroll s = make(1000, 0);
    uint32_t x = 12345; /* a fixed LCG: the same wild drags every run */
    uint64_t t = 0;
    for (int k = 0; k < 20000; k++) {
        x = x * 1664525u + 1013904223u;
        float dy = ((float)(x >> 8) / (float)(1u << 24) - 0.5f) * 4000.0f;
        scroll_drag(&s, dy, ++t);
        float o = scroll_offset(&s);
        assert_true(o >= -LIMIT && o <= 2000 + LIMIT);
        if (k % 997 == 0) { /* now and then a release and a grab mid-spring */
            scroll_release(&s, dy * 20, ++t);
            scroll_step(&s, t += 40);
            scroll_grab(&s, ++t);
        }
    }
}

static void rubber_band_retraces_its_path(void **state)
{
    (void)state;
    struct scroll s = make(30, 0);
    scroll_grab(&s, 0);
    scroll_drag(&s, 250.0f, 1);
    assert_true(scroll_offset(&s) < 0);
    scroll_drag(&s, -250.0f, 2);
    assert_float_equal(scroll_offset(&s), 30.0f, 1e-3);
}

static void release_beyond_a_bound_springs_back_exactly(void **state)
{
    (void)state;
    struct scroll s = make(0, 1000);
    scroll_grab(&s, 1000);
    scroll_drag(&s, 400.0f, 1100);
    assert_true(scroll_offset(&s) < -50);
    scroll_release(&s, 0, 1100);
    assert_true(scroll_animating(&s));
    scroll_step(&s, 1116);
    assert_true(scroll_offset(&s) < 0);
    uint64_t done = run_until_rest(&s, 1116, 16);
    assert_true(scroll_offset(&s) == 0.0f);
    assert_true(done - 1100 < 1000); /* back within a second */

    /* The far end, released while still pulling outwards: no further out. */
    struct scroll e = make(2000, 0);
    scroll_drag(&e, -300.0f, 10);
    float pulled = scroll_offset(&e);
    scroll_release(&e, -4000.0f, 10);
    for (uint64_t t = 11; scroll_animating(&e); t++) {
        scroll_step(&e, t);
        assert_true(scroll_offset(&e) <= pulled);
    }
    assert_true(scroll_offset(&e) == 2000.0f);
}

static void fling_decelerates_exponentially(void **state)
{
    (void)state;
    struct scroll s = make(500, 0);
    scroll_grab(&s, 0);
    scroll_release(&s, -2000.0f, 0); /* finger flicked up at 2000 px/s */
    assert_true(scroll_animating(&s));
    /* x(t) = x0 + v tau (1 - e^(-t/tau)), tau = 325 ms */
    scroll_step(&s, 325);
    assert_float_equal(scroll_offset(&s), 500 + 2000 * 0.325 * (1 - exp(-1)), 0.01);
    run_until_rest(&s, 325, 16);
    /* It stops once slower than 10 px/s, short of the asymptote by 10 * tau. */
    assert_float_equal(scroll_offset(&s), 500 + 2000 * 0.325 - 10 * 0.325, 0.01);
    /* A gentle release does not move at all. */
    struct scroll g = make(500, 0);
    scroll_release(&g, 5.0f, 0);
    assert_false(scroll_animating(&g));
}

static void fling_into_a_bound_bounces_within_the_limit(void **state)
{
    (void)state;
    const float speeds[] = {-1500.0f, -4000.0f, -8000.0f, -1e9f, -INFINITY};
    for (size_t i = 0; i < sizeof speeds / sizeof speeds[0]; i++) {
        struct scroll s = make(1800, 0);
        scroll_release(&s, speeds[i], 0);
        float peak = 0;
        for (uint64_t t = 1; scroll_animating(&s) && t < 10000; t++) {
            scroll_step(&s, t);
            peak = fmaxf(peak, scroll_offset(&s));
            assert_true(scroll_offset(&s) <= 2000 + LIMIT);
        }
        assert_false(scroll_animating(&s));
        assert_true(peak > 2000);
        assert_true(scroll_offset(&s) == 2000.0f);
    }
    /* Flung off the top. */
    struct scroll s = make(100, 0);
    scroll_release(&s, 6000.0f, 0);
    run_until_rest(&s, 0, 1);
    assert_true(scroll_offset(&s) == 0.0f);
}

/* Offsets every 100 ms of one motion stepped every `step` ms (0: an
 * irregular 1..37 ms frame pattern). */
static void trace_motion(float start, float pull, float vy, uint64_t step, float out[40])
{
    struct scroll s = make(start, 0);
    if (pull != 0)
        scroll_drag(&s, pull, 0);
    scroll_release(&s, vy, 0);
    uint64_t t = 0;
    uint32_t x = 7;
    for (int k = 0; k < 40; k++) {
        uint64_t target = 100 * (uint64_t)(k + 1);
        while (t < target) {
            x = x * 1103515245u + 12345u;
            uint64_t d = step ? step : 1 + (x >> 16) % 37;
            t = t + d > target ? target : t + d;
            scroll_step(&s, t);
        }
        out[k] = scroll_offset(&s);
    }
}

static void motion_is_frame_rate_independent(void **state)
{
    (void)state;
    static const struct {
        float start, pull, vy, tolerance;
    } cases[] = {
        {500, 0, -3000, 1e-3f},   /* fling inside, stops inside */
        {1700, 0, -4000, 0.5f},   /* fling into the end, bounce, spring back */
        {0, 300, 0, 0.5f},        /* released in overscroll */
        {0, 300, -5000, 1e-2f},   /* thrown from overscroll back into the text */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        float a[40], b[40], c[40];
        trace_motion(cases[i].start, cases[i].pull, cases[i].vy, 1, a);
        trace_motion(cases[i].start, cases[i].pull, cases[i].vy, 100, b);
        trace_motion(cases[i].start, cases[i].pull, cases[i].vy, 0, c);
        for (int k = 0; k < 40; k++)
            if (fabsf(a[k] - b[k]) > cases[i].tolerance || fabsf(a[k] - c[k]) > cases[i].tolerance)
                fail_msg("case %zu at %d ms: %g (1 ms) %g (100 ms) %g (irregular)", i, 100 * (k + 1), a[k], b[k],
                         c[k]);
        assert_true(a[39] >= 0 && a[39] <= 2000);
    }
}

static void spring_thrown_inwards_carries_on_inside(void **state)
{
    (void)state;
    struct scroll s = make(0, 0);
    scroll_drag(&s, 300.0f, 0);
    assert_true(scroll_offset(&s) < 0);
    scroll_release(&s, -5000.0f, 0);
    run_until_rest(&s, 0, 16);
    assert_true(scroll_offset(&s) > 500); /* crossed the top and flung on */
}

static void everything_settles(void **state)
{
    (void)state;
    const float starts[] = {0, 1, 999, 1999.5f, 2000};
    const float pulls[] = {0, 40, -40, 5000, -5000};
    const float speeds[] = {0, 12, -12, 900, -900, 20000, -20000};
    for (size_t a = 0; a < 5; a++)
        for (size_t b = 0; b < 5; b++)
            for (size_t c = 0; c < 7; c++) {
                struct scroll s = make(starts[a], 0);
                scroll_drag(&s, pulls[b], 0);
                scroll_release(&s, speeds[c], 0);
                run_until_rest(&s, 0, 16);
                float o = scroll_offset(&s);
                assert_true(o >= 0 && o <= 2000);
            }
}

static void grab_catches_a_fling(void **state)
{
    (void)state;
    struct scroll s = make(200, 0);
    scroll_release(&s, -3000.0f, 0);
    scroll_step(&s, 100);
    scroll_grab(&s, 150);
    float caught = scroll_offset(&s);
    assert_true(caught > 200);
    assert_false(scroll_animating(&s));
    scroll_step(&s, 1000);
    assert_true(scroll_offset(&s) == caught);
    scroll_drag(&s, -10.0f, 1010);
    assert_float_equal(scroll_offset(&s), caught + 10, 1e-3);
}

static void extent_changes_keep_the_offset_in_range(void **state)
{
    (void)state;
    struct scroll s = make(1800, 0);
    scroll_set_extent(&s, VIEW, 2500.0f); /* max 1500 */
    assert_float_equal(scroll_offset(&s), 1500.0f, 1e-3);
    scroll_set_extent(&s, VIEW, 800.0f);
    assert_true(scroll_offset(&s) == 0.0f);
    /* A fling goes on when the content grows under it. */
    struct scroll f = make(100, 0);
    scroll_release(&f, -2000.0f, 0);
    scroll_step(&f, 50);
    scroll_set_extent(&f, VIEW, 5000.0f);
    assert_true(scroll_animating(&f));
    float before = scroll_offset(&f);
    scroll_step(&f, 100);
    assert_true(scroll_offset(&f) > before);
    /* A spring in overscroll lands on the new bound. */
    struct scroll g = make(2000, 0);
    scroll_drag(&g, -300.0f, 0);
    scroll_release(&g, 0, 0);
    scroll_step(&g, 20);
    scroll_set_extent(&g, 1200.0f, CONTENT); /* max 1800, limit 144 */
    assert_true(scroll_offset(&g) > 1800.0f && scroll_offset(&g) <= 1944.0f);
    assert_true(scroll_animating(&g));
    run_until_rest(&g, 20, 16);
    assert_true(scroll_offset(&g) == 1800.0f);
    /* ...or rests where it is when the content grew past it. */
    struct scroll h = make(2000, 0);
    scroll_drag(&h, -300.0f, 0);
    scroll_release(&h, 0, 0);
    scroll_step(&h, 20);
    float at = scroll_offset(&h);
    scroll_set_extent(&h, VIEW, 4000.0f);
    assert_false(scroll_animating(&h));
    assert_true(scroll_offset(&h) == at);
}

static void jump_clamps_and_stops(void **state)
{
    (void)state;
    struct scroll s = make(0, 0);
    scroll_release(&s, -3000.0f, 0);
    scroll_jump_to(&s, 5000.0f);
    assert_false(scroll_animating(&s));
    assert_true(scroll_offset(&s) == 2000.0f);
    scroll_jump_to(&s, -5.0f);
    assert_true(scroll_offset(&s) == 0.0f);
    scroll_jump_to(&s, NAN);
    assert_true(scroll_offset(&s) == 0.0f);
}

static void earlier_times_are_ignored(void **state)
{
    (void)state;
    struct scroll s = make(500, 1000);
    scroll_release(&s, -2000.0f, 1000);
    scroll_step(&s, 1200);
    float o = scroll_offset(&s);
    scroll_step(&s, 1100);
    assert_true(scroll_offset(&s) == o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(defaults_match_the_design, setup),
        cmocka_unit_test_setup(short_content_never_scrolls, setup),
        cmocka_unit_test_setup(drag_moves_content_one_to_one_inside, setup),
        cmocka_unit_test_setup(overscroll_resists_and_is_bounded, setup),
        cmocka_unit_test_setup(overscroll_never_exceeded_by_any_drag, setup),
        cmocka_unit_test_setup(rubber_band_retraces_its_path, setup),
        cmocka_unit_test_setup(release_beyond_a_bound_springs_back_exactly, setup),
        cmocka_unit_test_setup(fling_decelerates_exponentially, setup),
        cmocka_unit_test_setup(fling_into_a_bound_bounces_within_the_limit, setup),
        cmocka_unit_test_setup(motion_is_frame_rate_independent, setup),
        cmocka_unit_test_setup(spring_thrown_inwards_carries_on_inside, setup),
        cmocka_unit_test_setup(everything_settles, setup),
        cmocka_unit_test_setup(grab_catches_a_fling, setup),
        cmocka_unit_test_setup(extent_changes_keep_the_offset_in_range, setup),
        cmocka_unit_test_setup(jump_clamps_and_stops, setup),
        cmocka_unit_test_setup(earlier_times_are_ignored, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
