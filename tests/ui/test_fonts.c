/* Tests for the font layer with the real fonts: one face per file resized
 * on demand must measure, centre and render exactly as a face opened at
 * each size does, whatever order sizes come in; remembered widths must be
 * those of their own text and size. Also the pread-based font file reader:
 * seeks, reads at and past the end, and a missing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <fontconfig/fontconfig.h>

#include "ui/font_file.h"
#include "ui/fonts.h"

struct fixture {
    struct font_faces faces;
    struct font_set fonts;
};

static int setup(void **state)
{
    static struct fixture fx;
    memset(&fx, 0, sizeof fx);
    if (TTF_Init() != 0)
        return -1;
    char err[512];
    if (font_faces_find(&fx.faces, NULL, NULL, err, sizeof err) != 0 ||
        font_set_open(&fx.fonts, &fx.faces, err, sizeof err) != 0) {
        print_error("%s\n", err);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    font_set_close(&fx->fonts);
    TTF_Quit();
    FcFini(); /* as the kiosk does at exit: fontconfig's caches are not leaks */
    return 0;
}

/* The face opened at px as the code did before (a face per size). */
static TTF_Font *reference(const struct font_face *face, int px)
{
    TTF_Font *t = TTF_OpenFontIndex(face->file, px, face->index);
    assert_non_null(t);
    if (face->synth_bold)
        TTF_SetFontStyle(t, TTF_STYLE_BOLD);
    TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
    return t;
}

static int reference_width(TTF_Font *t, const char *s)
{
    int w = 0, h = 0;
    assert_int_equal(TTF_SizeUTF8(t, s, &w, &h), 0);
    return w;
}

static int reference_center(TTF_Font *t)
{
    int minx, maxx, miny, maxy, adv;
    assert_true(TTF_GlyphIsProvided32(t, 0x56FD));
    assert_int_equal(TTF_GlyphMetrics32(t, 0x56FD, &minx, &maxx, &miny, &maxy, &adv), 0);
    return TTF_FontAscent(t) - (miny + maxy) / 2;
}

static const char *TEXTS[] = {"国", "清风", "廉洁自律，清白做人。", "Qingfeng 2025", "“照单全收”", " "};
#define N_TEXTS (sizeof TEXTS / sizeof TEXTS[0])
/* More sizes than FONT_SIZES, out of order, so remembered centres are
 * evicted and sizes alternate as in a measure-then-draw pattern. */
static const int SIZES[] = {108, 39, 73, 30, 55, 96, 42, 64, 88, 47, 30, 108, 81, 36, 59, 100, 39, 70};
#define N_SIZES (sizeof SIZES / sizeof SIZES[0])

static void check_face(struct font *f)
{
    int want_w[N_SIZES][N_TEXTS], want_c[N_SIZES];
    for (size_t i = 0; i < N_SIZES; i++) {
        TTF_Font *t = reference(f->face, SIZES[i]);
        for (size_t k = 0; k < N_TEXTS; k++)
            want_w[i][k] = reference_width(t, TEXTS[k]);
        want_c[i] = reference_center(t);
        TTF_CloseFont(t);
    }
    /* Twice: first measured, then remembered. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < N_SIZES; i++) {
            for (size_t k = 0; k < N_TEXTS; k++)
                assert_int_equal(font_measure(f, SIZES[i], TEXTS[k], strlen(TEXTS[k])), want_w[i][k]);
            assert_int_equal(font_center(f, SIZES[i]), want_c[i]);
        }
    }
    /* A prefix is its own text, not the whole one. */
    const char *s = TEXTS[2];
    assert_int_equal(font_measure(f, 39, s, 3), font_measure(f, 39, "廉", 3));
    assert_true(font_measure(f, 39, s, 6) > font_measure(f, 39, s, 3));
}

static void test_sizes_measure_as_own_faces(void **state)
{
    struct fixture *fx = *state;
    check_face(&fx->fonts.kai);
    check_face(&fx->fonts.sans);
    check_face(&fx->fonts.bold);
}

/* font_at after work at other sizes hands out the face at the size asked:
 * its metrics and its rendering are those of a face opened at that size. */
/* Far more (size, text) pairs of one length than there are remembered
 * widths, so they share slots: each must still get its own width. */
static void test_remembered_widths_keep_their_text(void **state)
{
    struct fixture *fx = *state;
    struct font *f = &fx->fonts.sans;
    static const char CH[] = "ilmwMW.:";
    static int want[2][512];
    TTF_Font *t = reference(f->face, 30);
    for (int k = 0; k < 2; k++) {
        assert_int_equal(TTF_SetFontSize(t, 30 + k), 0);
        for (int i = 0; i < 512; i++) {
            char s[4] = {CH[i & 7], CH[(i >> 3) & 7], CH[i >> 6], 0};
            want[k][i] = reference_width(t, s);
        }
    }
    TTF_CloseFont(t);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < 512; i++) {
                char s[4] = {CH[i & 7], CH[(i >> 3) & 7], CH[i >> 6], 0};
                assert_int_equal(font_measure(f, 30 + k, s, 3), want[k][i]);
            }
}

static void test_font_at_renders_at_its_size(void **state)
{
    struct fixture *fx = *state;
    struct font *f = &fx->fonts.sans;
    const char *s = "清风正气";
    for (size_t i = 0; i < 4; i++) {
        int px = SIZES[i];
        font_measure(f, SIZES[i + 1], s, strlen(s));
        font_center(f, SIZES[i + 2]);
        TTF_Font *got = font_at(f, px);
        TTF_Font *want = reference(f->face, px);
        assert_non_null(got);
        assert_int_equal(TTF_FontHeight(got), TTF_FontHeight(want));
        assert_int_equal(TTF_FontAscent(got), TTF_FontAscent(want));
        SDL_Color white = {255, 255, 255, 255};
        SDL_Surface *a = TTF_RenderUTF8_Blended(got, s, white), *b = TTF_RenderUTF8_Blended(want, s, white);
        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(a->w, b->w);
        assert_int_equal(a->h, b->h);
        for (int y = 0; y < a->h; y++)
            assert_memory_equal((Uint8 *)a->pixels + y * a->pitch, (Uint8 *)b->pixels + y * b->pitch,
                                (size_t)a->w * 4);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        TTF_CloseFont(want);
    }
}

static void test_long_text_and_glyphs(void **state)
{
    struct fixture *fx = *state;
    struct font *f = &fx->fonts.sans;
    /* Over the stack buffer: 300 ideographs, 900 bytes. */
    char buf[1024] = "";
    for (int i = 0; i < 300; i++)
        strcat(buf, "清");
    TTF_Font *t = reference(f->face, 30);
    assert_int_equal(font_measure(f, 30, buf, strlen(buf)), reference_width(t, buf));
    TTF_CloseFont(t);
    assert_int_equal(font_measure(f, 30, buf, 0), 0);
    assert_true(font_has_glyph(f, 0x56FD));
    assert_true(font_has_glyph(f, 'A'));
    assert_false(font_has_glyph(f, 0x10FFFD)); /* private use: in no face */
}

/* A file that is not a font: font_open fails naming the file, and nothing
 * is left open (valgrind checks the descriptor's RWops is freed). */
static void test_not_a_font(void **state)
{
    (void)state;
    char path[] = "/tmp/qf-not-a-font-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not a font\n", 11), 11);
    close(fd);
    struct font_face face = {.name = "Broken", .index = 0};
    snprintf(face.file, sizeof face.file, "%s", path);
    struct font f;
    char err[512] = "";
    assert_int_equal(font_open(&f, &face, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "Broken"));
    unlink(path);
    snprintf(face.file, sizeof face.file, "%s", path); /* now missing */
    assert_int_equal(font_open(&f, &face, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
}

/* ---- The font file reader ---------------------------------------------- */

static void test_font_file_reads(void **state)
{
    (void)state;
    char path[] = "/tmp/qf-font-file-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unsigned char data[10000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 7 + i / 256);
    assert_int_equal(write(fd, data, sizeof data), (ssize_t)sizeof data);
    close(fd);

    SDL_RWops *rw = font_file_open(path);
    assert_non_null(rw);
    assert_int_equal(SDL_RWsize(rw), (Sint64)sizeof data);
    unsigned char got[5000];
    assert_int_equal(SDL_RWseek(rw, 4097, RW_SEEK_SET), 4097);
    assert_int_equal(SDL_RWread(rw, got, 1, 3000), 3000);
    assert_memory_equal(got, data + 4097, 3000);
    assert_int_equal(SDL_RWtell(rw), 7097);
    /* Whole items only: 3 items of 1000 from 7097 leave 903 bytes over. */
    assert_int_equal(SDL_RWseek(rw, -2000, RW_SEEK_CUR), 5097);
    assert_int_equal(SDL_RWread(rw, got, 1000, 5), 4);
    assert_memory_equal(got, data + 5097, 4000);
    assert_int_equal(SDL_RWseek(rw, -10, RW_SEEK_END), (Sint64)sizeof data - 10);
    assert_int_equal(SDL_RWread(rw, got, 1, 100), 10);
    assert_memory_equal(got, data + sizeof data - 10, 10);
    assert_int_equal(SDL_RWread(rw, got, 1, 100), 0);
    assert_true(SDL_RWseek(rw, -1, RW_SEEK_SET) < 0);
    assert_int_equal(SDL_RWwrite(rw, data, 1, 1), 0);
    assert_int_equal(SDL_RWclose(rw), 0);
    unlink(path);

    assert_null(font_file_open(path));
    assert_non_null(strstr(SDL_GetError(), path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes_measure_as_own_faces),
        cmocka_unit_test(test_remembered_widths_keep_their_text),
        cmocka_unit_test(test_font_at_renders_at_its_size),
        cmocka_unit_test(test_long_text_and_glyphs),
        cmocka_unit_test(test_not_a_font),
        cmocka_unit_test(test_font_file_reads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
