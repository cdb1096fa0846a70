/* Physical size (app/core/metrics.c): pixels per millimetre from dpi or the
 * diagonal, and the minimum touch target. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "core/metrics.h"

static void diagonal_gives_density(void **state)
{
    (void)state;
    /* 43-inch 1080p lobby screen: hypot(1920, 1080) = 2202.9 px over
     * 1092.2 mm = 2.017 px/mm; 9 mm is 18 px, so the 48 px floor rules. */
    float d = metrics_px_per_mm(0, 43, 1920, 1080);
    assert_float_equal(d, 2.0169f, 1e-3);
    assert_int_equal(metrics_min_target_px(d), 48);
    /* 21.5-inch 1080p desk unit: 4.034 px/mm, 9 mm = 36 px: still 48. */
    d = metrics_px_per_mm(0, 21.5f, 1920, 1080);
    assert_float_equal(d, 4.0339f, 1e-3);
    assert_int_equal(metrics_min_target_px(d), 48);
    /* 55-inch 4K: 3.154 px/mm, 9 mm = 28 px: 48. */
    d = metrics_px_per_mm(0, 55, 3840, 2160);
    assert_float_equal(d, 3.1537f, 1e-3);
    assert_int_equal(metrics_min_target_px(d), 48);
    /* Portrait is the same screen. */
    assert_float_equal(metrics_px_per_mm(0, 43, 1080, 1920), metrics_px_per_mm(0, 43, 1920, 1080), 1e-6);
}

static void dense_screens_need_more_pixels(void **state)
{
    (void)state;
    /* 10.1-inch 1280x800 tablet: 5.884 px/mm, 9 mm = 52.95 -> 53 px. */
    float d = metrics_px_per_mm(0, 10.1f, 1280, 800);
    assert_float_equal(d, 5.8838f, 1e-3);
    assert_int_equal(metrics_min_target_px(d), 53);
    /* 13.3-inch 4K panel: 13.04 px/mm, 9 mm = 117 px. */
    d = metrics_px_per_mm(0, 13.3f, 3840, 2160);
    assert_int_equal(metrics_min_target_px(d), 117);
}

static void dpi_wins_over_the_diagonal(void **state)
{
    (void)state;
    assert_float_equal(metrics_px_per_mm(254, 43, 1920, 1080), 10.0f, 1e-4);
    assert_int_equal(metrics_min_target_px(10.0f), 90);
    assert_float_equal(metrics_px_per_mm(127, 0, 0, 0), 5.0f, 1e-4);
}

static void unknown_means_96_dpi(void **state)
{
    (void)state;
    float d96 = 96.0f / 25.4f;
    assert_float_equal(metrics_px_per_mm(0, 0, 1920, 1080), d96, 1e-5);
    assert_float_equal(metrics_px_per_mm(-5, -1, 1920, 1080), d96, 1e-5);
    assert_float_equal(metrics_px_per_mm(NAN, INFINITY, 1920, 1080), d96, 1e-5);
    assert_float_equal(metrics_px_per_mm(0, 43, 0, 1080), d96, 1e-5); /* no size: diagonal unusable */
    assert_int_equal(metrics_min_target_px(d96), 48);                  /* 34 px by size */
    assert_int_equal(metrics_min_target_px(0), 48);
    assert_int_equal(metrics_min_target_px(NAN), 48);
    assert_int_equal(metrics_min_target_px(1e30f), 100000); /* absurd, but no overflow */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diagonal_gives_density),
        cmocka_unit_test(dense_screens_need_more_pixels),
        cmocka_unit_test(dpi_wins_over_the_diagonal),
        cmocka_unit_test(unknown_means_96_dpi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
