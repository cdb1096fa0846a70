/* Picture dimensions from headers: real PNG/JPEG/GIF headers, SVG, bombs
 * declared in a header, and cut or foreign bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/imgsize.h"

static void png_header(void **state)
{
    (void)state;
    /* An 8-byte signature, then IHDR of a 100000 x 100000 picture: what a
     * decompression bomb declares; the probe reads it without decoding. */
    static const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                  0, 0x01, 0x86, 0xA0, 0, 0x01, 0x86, 0xA0, 8, 6, 0, 0, 0};
    enum img_type t;
    uint32_t w, h;
    assert_int_equal(img_probe(png, sizeof png, &t, &w, &h), 0);
    assert_int_equal(t, IMG_TYPE_PNG);
    assert_int_equal(w, 100000);
    assert_int_equal(h, 100000);
    assert_int_equal(img_probe(png, 20, &t, &w, &h), -1); /* cut short */
}

static void jpeg_header(void **state)
{
    (void)state;
    /* SOI, an APP0 segment, then SOF0 with height 1080 and width 1920. */
    static const uint8_t jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0,
                                  0,    0xFF, 0xC0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80, 3, 1, 0x22, 0};
    enum img_type t;
    uint32_t w, h;
    assert_int_equal(img_probe(jpg, sizeof jpg, &t, &w, &h), 0);
    assert_int_equal(t, IMG_TYPE_JPEG);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    assert_int_equal(img_probe(jpg, 22, &t, &w, &h), -1); /* no frame header yet */
}

static void gif_and_svg(void **state)
{
    (void)state;
    enum img_type t;
    uint32_t w, h;
    static const uint8_t gif[] = {'G', 'I', 'F', '8', '9', 'a', 0x40, 0x01, 0xF0, 0x00};
    assert_int_equal(img_probe(gif, sizeof gif, &t, &w, &h), 0);
    assert_int_equal(t, IMG_TYPE_GIF);
    assert_int_equal(w, 320);
    assert_int_equal(h, 240);
    const char *svg = "\xEF\xBB\xBF\n  <svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    assert_int_equal(img_probe((const uint8_t *)svg, strlen(svg), &t, &w, &h), 0);
    assert_int_equal(t, IMG_TYPE_SVG);
    assert_int_equal(w, 0);
}

static void foreign_bytes_are_refused(void **state)
{
    (void)state;
    enum img_type t;
    uint32_t w, h;
    assert_int_equal(img_probe((const uint8_t *)"%PDF-1.7", 8, &t, &w, &h), -1);
    assert_int_equal(t, IMG_TYPE_UNKNOWN);
    assert_int_equal(img_probe(NULL, 0, &t, &w, &h), -1);
    static const uint8_t zero_png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                       0, 0, 0, 0, 0, 0, 0, 1};
    assert_int_equal(img_probe(zero_png, sizeof zero_png, &t, &w, &h), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_header),
        cmocka_unit_test(jpeg_header),
        cmocka_unit_test(gif_and_svg),
        cmocka_unit_test(foreign_bytes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
