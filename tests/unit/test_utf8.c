/* Unit tests for the strict UTF-8 decoder, validator and counter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/utf8.h"

/* Decodes the whole of s (given with an explicit length) as one code point. */
static int dec(const char *s, size_t len, uint32_t *cp) { return utf8_decode(s, len, cp); }

static void test_decode_each_length(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(dec("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(dec("清", strlen("清"), &cp), 3);
    assert_int_equal(cp, 0x6E05);
    assert_int_equal(dec("\xEF\xBF\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* Last valid code points before and after the surrogate block. */
    assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3);
    assert_int_equal(cp, 0xE000);
    /* Embedded NUL is a valid one-byte code point. */
    assert_int_equal(dec("\0", 1, &cp), 1);
    assert_int_equal(cp, 0);
    /* Only the first code point is consumed. */
    assert_int_equal(dec("清风", strlen("清风"), &cp), 3);
    assert_int_equal(cp, 0x6E05);
    /* cp may be NULL. */
    assert_int_equal(dec("\xE2\x80\x9C", 3, NULL), 3);
}

static void test_decode_empty(void **state)
{
    (void)state;
    uint32_t cp = 1;
    assert_int_equal(dec("", 0, &cp), 0);
    assert_int_equal(utf8_decode(NULL, 5, &cp), 0);
}

static void test_decode_rejects_overlong(void **state)
{
    (void)state;
    static const char *bad[] = {
        "\xC0\x80",         /* overlong NUL */
        "\xC0\xAF",         /* overlong '/' */
        "\xC1\xBF",         /* overlong U+007F */
        "\xE0\x80\x80",     /* overlong NUL, 3 bytes */
        "\xE0\x9F\xBF",     /* overlong U+07FF */
        "\xF0\x80\x80\x80", /* overlong NUL, 4 bytes */
        "\xF0\x8F\xBF\xBF", /* overlong U+FFFF */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 0;
        assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), -1);
        assert_int_equal(cp, 0xFFFD);
        assert_false(utf8_valid(bad[i], strlen(bad[i])));
    }
}

static void test_decode_rejects_surrogates_and_range(void **state)
{
    (void)state;
    static const char *bad[] = {
        "\xED\xA0\x80",     /* U+D800 */
        "\xED\xAD\xBF",     /* U+DB7F */
        "\xED\xB0\x80",     /* U+DC00 */
        "\xED\xBF\xBF",     /* U+DFFF */
        "\xF4\x90\x80\x80", /* U+110000 */
        "\xF5\x80\x80\x80", /* lead byte beyond range */
        "\xF7\xBF\xBF\xBF", /* U+1FFFFF */
        "\xF8\x88\x80\x80\x80", /* old 5-byte form */
        "\xFC\x84\x80\x80\x80\x80", /* old 6-byte form */
        "\xFE",
        "\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(dec(bad[i], strlen(bad[i]), NULL), -1);
}

static void test_decode_rejects_truncated_and_stray(void **state)
{
    (void)state;
    const char *qing = "清"; /* E6 B8 85 */
    assert_int_equal(dec(qing, 1, NULL), -1);
    assert_int_equal(dec(qing, 2, NULL), -1);
    assert_int_equal(dec("\xF0\x9F\x98", 3, NULL), -1);
    assert_int_equal(dec("\xC3", 1, NULL), -1);
    /* Continuation byte where a lead byte is expected. */
    assert_int_equal(dec("\x80", 1, NULL), -1);
    assert_int_equal(dec("\xBF", 1, NULL), -1);
    /* Lead byte followed by a non-continuation byte. */
    assert_int_equal(dec("\xC3\x41", 2, NULL), -1);
    assert_int_equal(dec("\xE6\xB8\x41", 3, NULL), -1);
    assert_int_equal(dec("\xE6\x41\x85", 3, NULL), -1);
    assert_int_equal(dec("\xF0\x9F\x98\xC0", 4, NULL), -1);
    /* A NUL inside a sequence does not end it early and is not a continuation. */
    assert_int_equal(dec("\xE6\x00\x85", 3, NULL), -1);
}

static void test_valid_and_count(void **state)
{
    (void)state;
    const char *s = "清风 Qingfeng，廉洁😀";
    assert_true(utf8_valid(s, strlen(s)));
    assert_int_equal(utf8_count(s, strlen(s)), 2 + 1 + 8 + 1 + 2 + 1);
    assert_int_equal(utf8_count("", 0), 0);
    assert_true(utf8_valid("", 0));
    assert_int_equal(utf8_count(NULL, 0), 0);
    assert_true(utf8_count(NULL, 1) == UTF8_INVALID);
    /* Embedded NUL counts as a code point when the length includes it. */
    assert_int_equal(utf8_count("a\0b", 3), 3);

    /* A valid string cut in the middle of a code point is invalid. */
    assert_false(utf8_valid(s, strlen("清风 Qingfeng，廉洁") + 2));
    assert_true(utf8_count(s, strlen("清风 Qingfeng，廉洁") + 2) == UTF8_INVALID);
    /* One bad byte anywhere makes the whole string invalid. */
    char buf[64];
    strcpy(buf, "好好学习\x80天天向上");
    assert_false(utf8_valid(buf, strlen(buf)));
    strcpy(buf, "abc\xED\xA0\x80");
    assert_true(utf8_count(buf, strlen(buf)) == UTF8_INVALID);
}

static void test_encode_round_trip(void **state)
{
    (void)state;
    char out[4];
    assert_int_equal(utf8_encode(0xD800, out), 0);
    assert_int_equal(utf8_encode(0xDFFF, out), 0);
    assert_int_equal(utf8_encode(0x110000, out), 0);
    /* Every scalar value round-trips and the decoder agrees on the length. */
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        int n = utf8_encode(cp, out);
        int want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (n != want)
            fail_msg("U+%04X encoded in %d bytes, want %d", (unsigned)cp, n, want);
        uint32_t back = 0;
        if (utf8_decode(out, (size_t)n, &back) != n || back != cp)
            fail_msg("U+%04X does not round-trip", (unsigned)cp);
        /* Every proper prefix of a multi-byte form is truncated. */
        for (int k = 1; k < n; k++)
            if (utf8_decode(out, (size_t)k, NULL) != -1)
                fail_msg("prefix %d of U+%04X accepted", k, (unsigned)cp);
    }
}

/* Exhaustive over all two-byte inputs: the decoder accepts exactly the valid
 * one- and two-byte forms. */
static void test_all_two_byte_inputs(void **state)
{
    (void)state;
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            char s[2] = {(char)a, (char)b};
            uint32_t cp;
            int n = utf8_decode(s, 2, &cp);
            int want;
            if (a < 0x80)
                want = 1;
            else if (a >= 0xC2 && a <= 0xDF && (b & 0xC0) == 0x80)
                want = 2;
            else
                want = -1;
            if (n != want)
                fail_msg("%02X %02X: got %d, want %d", a, b, n, want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_each_length),
        cmocka_unit_test(test_decode_empty),
        cmocka_unit_test(test_decode_rejects_overlong),
        cmocka_unit_test(test_decode_rejects_surrogates_and_range),
        cmocka_unit_test(test_decode_rejects_truncated_and_stray),
        cmocka_unit_test(test_valid_and_count),
        cmocka_unit_test(test_encode_round_trip),
        cmocka_unit_test(test_all_two_byte_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
