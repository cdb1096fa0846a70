/* Tests for QR code pictures: exact size, a paper quiet zone of four
 * modules, whole-pixel modules (only ink and paper, no blur), the finder
 * patterns where the standard puts them, and refusals. Nothing is decoded;
 * the geometry is checked against the symbol's known module count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/qr.h"

static const struct rgb INK = {0x2A, 0x26, 0x23}, PAPER = {0xF6, 0xF0, 0xE1};

static Uint32 px_at(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x] & 0xFFFFFFu;
}

static Uint32 rgb24(struct rgb c) { return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b; }

/* Finds the symbol: the first ink pixel on the diagonal is the top-left
 * corner of the top-left finder pattern. */
static int symbol_origin(SDL_Surface *s)
{
    for (int i = 0; i < s->w; i++)
        if (px_at(s, i, i) == rgb24(INK))
            return i;
    fail_msg("no ink on the diagonal");
    return -1;
}

static void test_geometry(void **state)
{
    (void)state;
    /* A 26-byte URL at level M is a version 2 symbol: 25 modules, 33 with
     * the quiet zone; 300 / 33 = 9 px per module, 297 px, 1 px margin. */
    const int size = 300, modules = 25, m = 9;
    SDL_Surface *s = qr_compose("https://www.ccdi.gov.cn/", size, INK, PAPER);
    assert_non_null(s);
    assert_int_equal(s->w, size);
    assert_int_equal(s->h, size);
    assert_int_equal(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    int origin = symbol_origin(s);
    assert_int_equal(origin, 1 + 4 * m);
    for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
            Uint32 p = px_at(s, x, y);
            assert_true(p == rgb24(INK) || p == rgb24(PAPER)); /* crisp: nothing in between */
            bool in_symbol = x >= origin && x < origin + modules * m && y >= origin && y < origin + modules * m;
            if (!in_symbol)
                assert_int_equal(p, rgb24(PAPER));
            else /* each module is m x m pixels of one colour */
                assert_int_equal(p, px_at(s, origin + (x - origin) / m * m, origin + (y - origin) / m * m));
            assert_int_equal(((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x] >> 24, 255);
        }
    }
    /* The three finder patterns: 7x7 ink ring, paper ring, 3x3 ink core. */
    const int corners[3][2] = {{0, 0}, {modules - 7, 0}, {0, modules - 7}};
    for (int k = 0; k < 3; k++) {
        int fx = origin + corners[k][0] * m, fy = origin + corners[k][1] * m;
        for (int i = 0; i < 7; i++) {
            assert_int_equal(px_at(s, fx + i * m, fy), rgb24(INK));
            assert_int_equal(px_at(s, fx, fy + i * m), rgb24(INK));
        }
        assert_int_equal(px_at(s, fx + m, fy + m), rgb24(PAPER));
        assert_int_equal(px_at(s, fx + 3 * m, fy + 3 * m), rgb24(INK));
    }
    /* The fourth corner has no finder pattern. */
    assert_int_equal(px_at(s, origin + (modules - 6) * m, origin + (modules - 6) * m), rgb24(PAPER));
    SDL_FreeSurface(s);
}

/* Module size is the largest whole number that fits: one more pixel than
 * needed changes nothing, one less shrinks the modules. */
static void test_integer_module_size(void **state)
{
    (void)state;
    SDL_Surface *a = qr_compose("https://www.ccdi.gov.cn/", 33 * 5, INK, PAPER);
    SDL_Surface *b = qr_compose("https://www.ccdi.gov.cn/", 33 * 5 - 1, INK, PAPER);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(symbol_origin(a), 4 * 5);
    assert_int_equal(symbol_origin(b), (33 * 5 - 1 - 33 * 4) / 2 + 4 * 4);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

static void test_utf8_text(void **state)
{
    (void)state;
    SDL_Surface *s = qr_compose("清风：廉洁文化展示 https://example.org/清风", 400, INK, PAPER);
    assert_non_null(s);
    assert_int_equal(s->w, 400);
    SDL_FreeSurface(s);
}

static void test_refusals(void **state)
{
    (void)state;
    assert_null(qr_compose(NULL, 300, INK, PAPER));
    assert_null(qr_compose("", 300, INK, PAPER));
    assert_null(qr_compose("https://www.ccdi.gov.cn/", 32, INK, PAPER)); /* under one px per module */
    assert_null(qr_compose("https://www.ccdi.gov.cn/", 0, INK, PAPER));
    size_t n = 4000; /* more than a version 40 symbol holds at level M */
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = 0;
    assert_null(qr_compose(big, 2000, INK, PAPER));
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry),
        cmocka_unit_test(test_integer_module_size),
        cmocka_unit_test(test_utf8_text),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
