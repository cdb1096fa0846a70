/* Tests for the background paper: every pixel opaque and near the theme's
 * colour, the same picture for the same seed, a different one for another,
 * grain and mottling present, edges darker than the middle (the vignette),
 * the wash pulling toward its colour, odd sizes (no sample past the edge:
 * valgrind watches) and a refused format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/paper.h"

static const struct rgb PAPER = {0xF6, 0xF0, 0xE1}, GOLD = {0xB8, 0x8A, 0x3E};
static const struct rgba NO_WASH = {0, 0, 0, 0};

static SDL_Surface *surface(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    return s;
}

static Uint32 px(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

/* Mean of channel shift (16 red, 8 green, 0 blue) over a rectangle. */
static double mean(const SDL_Surface *s, int x0, int y0, int w, int h, int shift)
{
    double sum = 0;
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            sum += (px(s, x, y) >> shift) & 255;
    return sum / ((double)w * h);
}

static void test_opaque_and_near_the_colour(void **state)
{
    (void)state;
    SDL_Surface *s = surface(640, 360);
    assert_int_equal(paper_draw(s, PAPER, 7, NO_WASH), 0);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            assert_int_equal(px(s, x, y) >> 24, 255);
    /* The middle is the theme's paper, mottled by a few levels at most. */
    double r = mean(s, 270, 150, 100, 60, 16), g = mean(s, 270, 150, 100, 60, 8), b = mean(s, 270, 150, 100, 60, 0);
    assert_true(r > PAPER.r - 8 && r < PAPER.r + 6);
    assert_true(g > PAPER.g - 8 && g < PAPER.g + 6);
    assert_true(b > PAPER.b - 8 && b < PAPER.b + 6);
    SDL_FreeSurface(s);
}

static void test_vignette_darkens_the_corners(void **state)
{
    (void)state;
    SDL_Surface *s = surface(800, 450);
    assert_int_equal(paper_draw(s, PAPER, 7, NO_WASH), 0);
    double middle = mean(s, 360, 200, 80, 50, 8);
    double corners[4] = {mean(s, 0, 0, 30, 30, 8), mean(s, 770, 0, 30, 30, 8), mean(s, 0, 420, 30, 30, 8),
                         mean(s, 770, 420, 30, 30, 8)};
    for (int i = 0; i < 4; i++)
        assert_true(corners[i] < middle - 8);
    /* ... toward a warm umber: blue falls more than red. */
    double dr = mean(s, 360, 200, 80, 50, 16) - mean(s, 0, 0, 30, 30, 16);
    double db = mean(s, 360, 200, 80, 50, 0) - mean(s, 0, 0, 30, 30, 0);
    assert_true(db > dr);
    SDL_FreeSurface(s);
}

static void test_grain_and_mottling(void **state)
{
    (void)state;
    SDL_Surface *s = surface(640, 360);
    assert_int_equal(paper_draw(s, PAPER, 7, NO_WASH), 0);
    /* Grain: neighbouring pixels differ often, by a level or two. */
    int differ = 0, n = 0;
    for (int y = 100; y < 260; y++)
        for (int x = 100; x < 540; x++, n++)
            differ += ((px(s, x, y) >> 8) & 255) != ((px(s, x + 1, y) >> 8) & 255);
    assert_true(differ > n / 3);
    /* Mottling: 32 px blocks in the middle do not all have the same mean. */
    double lo = 255, hi = 0;
    for (int by = 100; by < 260; by += 32)
        for (int bx = 160; bx < 480; bx += 32) {
            double m = mean(s, bx, by, 32, 32, 8);
            lo = m < lo ? m : lo;
            hi = m > hi ? m : hi;
        }
    assert_true(hi - lo > 1.5);
    SDL_FreeSurface(s);
}

static void test_same_seed_same_picture(void **state)
{
    (void)state;
    SDL_Surface *a = surface(333, 211), *b = surface(333, 211), *c = surface(333, 211);
    assert_int_equal(paper_draw(a, PAPER, 42, NO_WASH), 0);
    assert_int_equal(paper_draw(b, PAPER, 42, NO_WASH), 0);
    assert_int_equal(paper_draw(c, PAPER, 43, NO_WASH), 0);
    int same = 1, other = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            same &= px(a, x, y) == px(b, x, y);
            other += px(a, x, y) != px(c, x, y);
        }
    assert_true(same);
    assert_true(other > a->w * a->h / 4);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(c);
}

static void test_wash_pulls_toward_its_colour(void **state)
{
    (void)state;
    SDL_Surface *plain = surface(400, 300), *warm = surface(400, 300);
    assert_int_equal(paper_draw(plain, PAPER, 7, NO_WASH), 0);
    assert_int_equal(paper_draw(warm, PAPER, 7, rgba_of(GOLD, 64)), 0);
    /* a quarter of the way from the paper to gold: blue falls most */
    double db = mean(plain, 150, 100, 100, 100, 0) - mean(warm, 150, 100, 100, 100, 0);
    double expect = (PAPER.b - GOLD.b) * 64 / 255.0;
    assert_true(db > expect - 2 && db < expect + 2);
    SDL_FreeSurface(plain);
    SDL_FreeSurface(warm);
}

static void test_odd_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1, 1}, {7, 3}, {9, 17}, {8, 8}, {1081, 5}, {3, 1921}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        SDL_Surface *s = surface(sizes[i][0], sizes[i][1]);
        assert_int_equal(paper_draw(s, PAPER, 7, NO_WASH), 0);
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < s->w; x++)
                assert_int_equal(px(s, x, y) >> 24, 255);
        SDL_FreeSurface(s);
    }
}

static void test_refuses_other_formats(void **state)
{
    (void)state;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 16, SDL_PIXELFORMAT_RGB565);
    assert_non_null(s);
    assert_int_equal(paper_draw(s, PAPER, 7, NO_WASH), -1);
    assert_non_null(strstr(SDL_GetError(), "ARGB8888"));
    SDL_FreeSurface(s);
    assert_int_equal(paper_draw(NULL, PAPER, 7, NO_WASH), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opaque_and_near_the_colour),
        cmocka_unit_test(test_vignette_darkens_the_corners),
        cmocka_unit_test(test_grain_and_mottling),
        cmocka_unit_test(test_same_seed_same_picture),
        cmocka_unit_test(test_wash_pulls_toward_its_colour),
        cmocka_unit_test(test_odd_sizes),
        cmocka_unit_test(test_refuses_other_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
