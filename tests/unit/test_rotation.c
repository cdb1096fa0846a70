/* Screen rotation (app/core/rotation.c): the logical size of a turned panel
 * and the mapping of touches between the panel and the upright picture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/rotation.h"

#define EPS 1e-5f

static void parse_accepts_the_four_quarter_turns_only(void **state)
{
    (void)state;
    int d = -1;
    assert_int_equal(rotation_parse("0", &d), 0);
    assert_int_equal(d, 0);
    assert_int_equal(rotation_parse("90", &d), 0);
    assert_int_equal(d, 90);
    assert_int_equal(rotation_parse("180", &d), 0);
    assert_int_equal(d, 180);
    assert_int_equal(rotation_parse("270", &d), 0);
    assert_int_equal(d, 270);
    d = 7;
    assert_int_equal(rotation_parse("45", &d), -1);
    assert_int_equal(rotation_parse("-90", &d), -1);
    assert_int_equal(rotation_parse("360", &d), -1);
    assert_int_equal(rotation_parse("90 ", &d), -1);
    assert_int_equal(rotation_parse("", &d), -1);
    assert_int_equal(rotation_parse(NULL, &d), -1);
    assert_int_equal(d, 7); /* untouched on refusal */
    assert_true(rotation_valid(270));
    assert_false(rotation_valid(45));
}

static void quarter_turns_swap_the_sides(void **state)
{
    (void)state;
    int w, h;
    rotation_logical_size(0, 1920, 1080, &w, &h);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    rotation_logical_size(90, 1920, 1080, &w, &h);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);
    rotation_logical_size(180, 1920, 1080, &w, &h);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    rotation_logical_size(270, 1920, 1080, &w, &h);
    assert_int_equal(w, 1080);
    assert_int_equal(h, 1920);
}

/* A landscape 1920x1080 panel turned a quarter, showing a 1080x1920
 * picture: a touch near the panel's top-right corner (1800, 100) aims near
 * the picture's top-left with rotate = 90, and near its bottom-right with
 * 270. */
static void touches_land_where_the_visitor_sees(void **state)
{
    (void)state;
    float lx, ly;
    rotation_from_panel(90, 1800.0f / 1920, 100.0f / 1080, &lx, &ly);
    assert_float_equal(lx * 1080, 100, 1e-3);
    assert_float_equal(ly * 1920, 120, 1e-3);
    rotation_from_panel(270, 1800.0f / 1920, 100.0f / 1080, &lx, &ly);
    assert_float_equal(lx * 1080, 980, 1e-3);
    assert_float_equal(ly * 1920, 1800, 1e-3);
    rotation_from_panel(180, 0.25f, 0.1f, &lx, &ly);
    assert_float_equal(lx, 0.75f, EPS);
    assert_float_equal(ly, 0.9f, EPS);
    rotation_from_panel(0, 0.25f, 0.1f, &lx, &ly);
    assert_float_equal(lx, 0.25f, EPS);
    assert_float_equal(ly, 0.1f, EPS);
}

/* The picture's corners go round the panel clockwise: top-left shows at the
 * panel's top-right after 90 degrees, bottom-right after 180, bottom-left
 * after 270. */
static void the_picture_turns_clockwise(void **state)
{
    (void)state;
    static const struct {
        int deg;
        float px, py;
    } top_left[] = {{0, 0, 0}, {90, 1, 0}, {180, 1, 1}, {270, 0, 1}};
    for (size_t i = 0; i < sizeof top_left / sizeof top_left[0]; i++) {
        float px, py;
        rotation_to_panel(top_left[i].deg, 0, 0, &px, &py);
        assert_float_equal(px, top_left[i].px, EPS);
        assert_float_equal(py, top_left[i].py, EPS);
    }
}

static void to_panel_and_back_is_the_same_point(void **state)
{
    (void)state;
    static const float pts[][2] = {{0.1f, 0.2f}, {0.9f, 0.05f}, {0.5f, 0.5f}, {0.0f, 1.0f}, {0.33f, 0.77f}};
    for (int deg = 0; deg < 360; deg += 90) {
        for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
            float px, py, lx, ly;
            rotation_to_panel(deg, pts[i][0], pts[i][1], &px, &py);
            rotation_from_panel(deg, px, py, &lx, &ly);
            assert_float_equal(lx, pts[i][0], EPS);
            assert_float_equal(ly, pts[i][1], EPS);
        }
    }
}

/* A 3x2 picture turned pixel by pixel agrees with rotation_to_panel: each
 * pixel centre lands where the normalized mapping says. */
static void pixels_turn_like_points(void **state)
{
    (void)state;
    enum { W = 37, H = 70 }; /* more than one tile, not a multiple of it */
    static uint32_t src[H][W], dst[W * H + 8];
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            src[y][x] = (uint32_t)(y * 1000 + x);
    for (int deg = 0; deg < 360; deg += 90) {
        int dw, dh;
        rotation_logical_size(deg, W, H, &dw, &dh); /* swaps like the panel's size */
        memset(dst, 0xff, sizeof dst);
        rotation_turn_pixels(deg, &src[0][0], W, H, W, dst, dw);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float px, py;
                rotation_to_panel(deg, (x + 0.5f) / W, (y + 0.5f) / H, &px, &py);
                int dx = (int)(px * (float)dw), dy = (int)(py * (float)dh);
                if (dst[dy * dw + dx] != src[y][x])
                    fail_msg("rotate %d: (%d,%d) not at (%d,%d)", deg, x, y, dx, dy);
            }
        }
        assert_int_equal(dst[W * H], 0xffffffffu); /* nothing written past the picture */
    }
    /* The corners, spelled out for 90: top-left goes to the top-right. */
    uint32_t small[2 * 3] = {1, 2, 3, 4, 5, 6}, out[6];
    rotation_turn_pixels(90, small, 3, 2, 3, out, 2);
    static const uint32_t want[6] = {4, 1, 5, 2, 6, 3};
    assert_memory_equal(out, want, sizeof want);
}

/* [display] rotate in a config file: the four turns, and a clear refusal
 * naming file, line, key and the allowed values for anything else. */
static int load_text(const char *text, struct config *c, char *err, size_t errlen, char path[64])
{
    snprintf(path, 64, "/tmp/qf-rotate-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    config_defaults(c);
    int rc = config_load(c, path, err, errlen);
    unlink(path);
    return rc;
}

static void config_key_rotate(void **state)
{
    (void)state;
    struct config c;
    char err[512] = "", path[64];
    config_defaults(&c);
    assert_int_equal(c.rotate, 0);
    assert_int_equal(load_text("[display]\nrotate = 270\n", &c, err, sizeof err, path), 0);
    assert_int_equal(c.rotate, 270);
    assert_int_equal(load_text("[display]\nrotate = 90\n", &c, err, sizeof err, path), 0);
    assert_int_equal(c.rotate, 90);
    assert_int_equal(load_text("[display]\n\nrotate = 45\n", &c, err, sizeof err, path), -1);
    if (!strstr(err, path) || !strstr(err, ":3: [display] rotate: \"45\" must be 0, 90, 180 or 270"))
        fail_msg("unclear error: %s", err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_the_four_quarter_turns_only),
        cmocka_unit_test(quarter_turns_swap_the_sides),
        cmocka_unit_test(touches_land_where_the_visitor_sees),
        cmocka_unit_test(the_picture_turns_clockwise),
        cmocka_unit_test(to_panel_and_back_is_the_same_point),
        cmocka_unit_test(pixels_turn_like_points),
        cmocka_unit_test(config_key_rotate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
