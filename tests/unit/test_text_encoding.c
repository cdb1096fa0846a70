/* Telling UTF-8 from GB18030/GBK by the bytes, and converting to UTF-8
 * (app/core/text_encoding.c). GBK bytes are made here with iconv, the way
 * WPS on Chinese Windows writes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text_encoding.h"

static const char sample[] = "题型,题干\n单选,“清正廉洁”的反义词是？\n";

/* `utf8` in the encoding `to` (a new buffer, length *len). */
static char *encode(const char *utf8, const char *to, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t in_left = strlen(utf8), out_left = in_left * 4 + 8;
    char *out = malloc(out_left), *op = out, *ip = (char *)utf8;

    assert_true(cd != (iconv_t)-1);
    assert_non_null(out);
    assert_int_not_equal(iconv(cd, &ip, &in_left, &op, &out_left), (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(op - out);
    return out;
}

static void test_utf8(void **state)
{
    struct text_utf8 t;

    assert_int_equal(text_to_utf8(sample, strlen(sample), &t), TEXT_OK);
    assert_int_equal(t.from, TEXT_UTF8);
    assert_string_equal(t.text, sample);
    assert_int_equal(t.len, strlen(sample));
    free(t.text);

    assert_int_equal(text_to_utf8("", 0, &t), TEXT_OK);
    assert_string_equal(t.text, "");
    free(t.text);
}

static void test_utf8_with_bom(void **state)
{
    char buf[256];
    struct text_utf8 t;

    memcpy(buf, "\xef\xbb\xbf", 3);
    memcpy(buf + 3, sample, sizeof sample);
    assert_int_equal(text_to_utf8(buf, strlen(buf), &t), TEXT_OK);
    assert_int_equal(t.from, TEXT_UTF8_BOM);
    assert_string_equal(t.text, sample); /* the mark is gone */
    free(t.text);
    assert_string_equal(text_encoding_name(TEXT_UTF8_BOM), "UTF-8 with BOM");
}

static void test_gbk(void **state)
{
    size_t len;
    char *gbk = encode(sample, "GBK", &len);
    struct text_utf8 t;

    assert_int_not_equal(len, strlen(sample)); /* really other bytes */
    assert_int_equal(text_to_utf8(gbk, len, &t), TEXT_OK);
    assert_int_equal(t.from, TEXT_GB18030);
    assert_string_equal(t.text, sample);
    free(t.text);
    free(gbk);
}

/* Characters outside GBK take four bytes in GB18030; its byte order mark
 * is dropped like UTF-8's. */
static void test_gb18030_four_bytes(void **state)
{
    static const char text[] = "\xef\xbb\xbf" "𠮷野家，€ 与 䶮\n";
    size_t len;
    char *gb = encode(text, "GB18030", &len);
    struct text_utf8 t;

    assert_int_equal(text_to_utf8(gb, len, &t), TEXT_OK);
    assert_int_equal(t.from, TEXT_GB18030);
    assert_string_equal(t.text, text + 3);
    free(t.text);
    free(gb);
}

static void test_utf16_is_refused(void **state)
{
    struct text_utf8 t;

    assert_int_equal(text_to_utf8("\xff\xfe" "a\0b\0", 6, &t), TEXT_UTF16);
    assert_null(t.text);
    assert_int_equal(text_to_utf8("\xfe\xff\0a\0b", 6, &t), TEXT_UTF16);
}

static void test_bad_bytes(void **state)
{
    struct text_utf8 t;
    char buf[512];
    size_t len;
    char *gbk;

    /* GBK with a lead byte cut off at the end: GB18030 cannot read it */
    gbk = encode("一\n二\n三", "GBK", &len);
    memcpy(buf, gbk, len);
    buf[len] = '\x81';
    assert_int_equal(text_to_utf8(buf, len + 1, &t), TEXT_BAD_BYTES);
    assert_int_equal(t.bad_offset, len);
    assert_int_equal(t.bad_byte, 0x81);
    assert_int_equal(t.bad_line, 3);
    assert_null(t.text);
    free(gbk);

    /* 0xff is no character in either */
    assert_int_equal(text_to_utf8("ab\ncd\xff", 6, &t), TEXT_BAD_BYTES);
    assert_int_equal(t.bad_offset, 5);
    assert_int_equal(t.bad_byte, 0xff);
    assert_int_equal(t.bad_line, 2);

    /* a UTF-8 file damaged in one place is not read as GB18030 nonsense */
    snprintf(buf, sizeof buf, "%s%s\n第二行有一个坏字节：\xe6\xb8 完。\n%s", sample, sample, sample);
    assert_int_equal(text_to_utf8(buf, strlen(buf), &t), TEXT_BAD_BYTES);
    assert_int_equal(t.bad_offset, (size_t)(strstr(buf, "\xe6\xb8 ") - buf));
    assert_int_equal(t.bad_line, 6);

    /* after a UTF-8 byte order mark, only UTF-8 */
    assert_int_equal(text_to_utf8("\xef\xbb\xbf" "a\xb0\xa1", 6, &t), TEXT_BAD_BYTES);
    assert_int_equal(t.bad_offset, 4);

    /* a NUL is never text */
    assert_int_equal(text_to_utf8("a\nb\0c", 5, &t), TEXT_BAD_BYTES);
    assert_int_equal(t.bad_offset, 3);
    assert_int_equal(t.bad_byte, 0);
    assert_int_equal(t.bad_line, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_utf8_with_bom),
        cmocka_unit_test(test_gbk),
        cmocka_unit_test(test_gb18030_four_bytes),
        cmocka_unit_test(test_utf16_is_refused),
        cmocka_unit_test(test_bad_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
