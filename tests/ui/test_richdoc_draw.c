/* Tests for drawing item bodies with the real fonts: surface size and
 * transparency, heading positions, large print, pictures that are missing
 * or refused, missing glyphs, the height limit and bad input. Warnings are
 * checked through the warning memory: a key already there was logged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL_image.h>
#include <fontconfig/fontconfig.h>

#include "ui/richdoc_draw.h"

static const char *CASE_BODY =
    "## 案情简介\n\n本案例为根据常见问题编写的示例，人物、单位均为虚构。\n\n"
    "孙某认为微信红包“金额不大、来去无痕”。每逢春节、中秋等节日，辖区商户发来的红包他都**“照单全收”**。\n\n"
    "## 处理结果\n\n- 给予孙某党内严重警告处分；\n- 收缴其违纪所得。\n\n"
    "## 相关规定\n\n> 坚持崇廉拒腐，清白做人，*干净做事*。\n>\n> ——《中国共产党廉洁自律准则》\n";

struct fixture {
    struct font_faces faces;
    struct font_set fonts;
    struct warn_set warns;
    struct theme theme;
};

static int setup(void **state)
{
    static struct fixture fx;
    memset(&fx, 0, sizeof fx);
    if (TTF_Init() != 0)
        return -1;
    IMG_Init(IMG_INIT_PNG);
    char err[512];
    if (font_faces_find(&fx.faces, NULL, NULL, err, sizeof err) != 0 ||
        font_set_open(&fx.fonts, &fx.faces, err, sizeof err) != 0) {
        print_error("%s\n", err);
        return -1;
    }
    theme_defaults(&fx.theme);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    font_set_close(&fx->fonts);
    warn_set_free(&fx->warns);
    IMG_Quit();
    TTF_Quit();
    FcFini(); /* as the kiosk does at exit: fontconfig's caches are not leaks */
    return 0;
}

static struct richdoc_style style(struct fixture *fx, int width, float scale)
{
    return (struct richdoc_style){.width = width, .base_px = 24, .scale = scale, .theme = &fx->theme};
}

static struct richdoc_env env(struct fixture *fx, const char *id)
{
    return (struct richdoc_env){.fonts = &fx->fonts, .feed_dir = "content", .item_id = id, .warns = &fx->warns};
}

static Uint8 alpha_at(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x] >> 24;
}

static size_t inked_pixels(SDL_Surface *s, int y0, int y1)
{
    size_t n = 0;
    for (int y = y0; y < y1 && y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            n += alpha_at(s, x, y) > 0;
    return n;
}

static void test_case_body(void **state)
{
    struct fixture *fx = *state;
    struct richdoc_style st = style(fx, 640, 1.0f);
    struct richdoc_env e = env(fx, "case-test");
    struct richdoc_info info;
    SDL_Surface *s = richdoc_compose(CASE_BODY, &st, &e, &info);
    assert_non_null(s);
    assert_int_equal(s->w, 640);
    assert_int_equal(s->h, info.height);
    assert_int_equal(s->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_false(info.truncated);
    /* Transparent background, with text on it. */
    assert_int_equal(alpha_at(s, s->w - 1, 0), 0);
    assert_int_equal(alpha_at(s, s->w - 1, s->h - 1), 0);
    assert_true(inked_pixels(s, 0, s->h) > 5000);
    /* Three headings in order, with their text, each with ink on its line. */
    assert_int_equal(info.n_headings, 3);
    assert_string_equal(info.headings[0].title, "案情简介");
    assert_string_equal(info.headings[2].title, "相关规定");
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(info.headings[i].level, 2);
        assert_true(inked_pixels(s, info.headings[i].y, info.headings[i].y + 31) > 200);
        if (i > 0)
            assert_true(info.headings[i].y > info.headings[i - 1].y + 31);
    }
    assert_true(info.headings[2].y < s->h);
    SDL_FreeSurface(s);
    richdoc_info_free(&info);
    assert_int_equal(info.n_headings, 0);
}

/* Large print: every size 1.35 times, so the same body is much taller. */
static void test_large_print(void **state)
{
    struct fixture *fx = *state;
    struct richdoc_env e = env(fx, "case-test");
    struct richdoc_style a = style(fx, 640, 1.0f), b = style(fx, 640, 1.35f);
    struct richdoc_info ia, ib;
    SDL_Surface *sa = richdoc_compose(CASE_BODY, &a, &e, &ia);
    SDL_Surface *sb = richdoc_compose(CASE_BODY, &b, &e, &ib);
    assert_non_null(sa);
    assert_non_null(sb);
    assert_true(sb->h > sa->h * 13 / 10);
    assert_int_equal(sb->w, 640);
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    richdoc_info_free(&ia);
    richdoc_info_free(&ib);
}

/* A real picture from the feed is drawn; a missing or unsafe one is a
 * placeholder, logged once. */
static void test_pictures(void **state)
{
    struct fixture *fx = *state;
    struct richdoc_style st = style(fx, 600, 1.0f);
    st.max_image_h = 300;
    struct richdoc_env e = env(fx, "pic-test");
    struct richdoc_info info;
    SDL_Surface *s = richdoc_compose("![红包](images/case-hongbao.svg)\n\n![缺失的图](images/none.png)\n\n"
                                     "![越界](../secret.png)\n\n文字",
                                     &st, &e, &info);
    assert_non_null(s);
    /* The SVG is 4:3, fitted to 300 px high: 400 x 300, centred. */
    size_t top = inked_pixels(s, 10, 300);
    assert_true(top > 400 * 280 * 9 / 10);
    assert_int_equal(alpha_at(s, 50, 150), 0);
    assert_true(alpha_at(s, 300, 150) > 0);
    assert_false(warn_once(&fx->warns, "image content/images/none.png"));
    assert_false(warn_once(&fx->warns, "image ../secret.png"));
    assert_true(warn_once(&fx->warns, "image content/images/case-hongbao.svg")); /* drawn, never logged */
    SDL_FreeSurface(s);
    richdoc_info_free(&info);
}

static void test_missing_glyph_logged(void **state)
{
    struct fixture *fx = *state;
    struct richdoc_style st = style(fx, 600, 1.0f);
    struct richdoc_env e = env(fx, "glyph-test");
    SDL_Surface *s = richdoc_compose("表情\xF0\x9F\x98\x80不在字体里", &st, &e, NULL); /* U+1F600 */
    assert_non_null(s);
    assert_false(warn_once(&fx->warns, "glyph glyph-test body"));
    SDL_FreeSurface(s);
}

static void test_height_limit(void **state)
{
    struct fixture *fx = *state;
    char *md = malloc(200 * 128);
    assert_non_null(md);
    md[0] = 0;
    for (int i = 0; i < 200; i++)
        strcat(md, "一段比较长的正文，用来撑高整篇文档，直到超过高度限制。\n\n");
    struct richdoc_style st = style(fx, 400, 1.0f);
    st.max_height = 1500;
    struct richdoc_env e = env(fx, "tall-test");
    struct richdoc_info info;
    SDL_Surface *s = richdoc_compose(md, &st, &e, &info);
    assert_non_null(s);
    assert_true(info.truncated);
    assert_true(s->h <= 1500);
    assert_true(inked_pixels(s, s->h - 80, s->h) > 100); /* the note */
    assert_false(warn_once(&fx->warns, "richdoc-tall tall-test"));
    SDL_FreeSurface(s);
    richdoc_info_free(&info);
    free(md);
}

static void test_bad_input(void **state)
{
    struct fixture *fx = *state;
    struct richdoc_style st = style(fx, 600, 1.0f);
    struct richdoc_env e = env(fx, "bad-test");
    struct richdoc_info info;
    assert_null(richdoc_compose(NULL, &st, &e, &info));
    assert_int_equal(info.height, 0);
    assert_null(richdoc_compose("坏\xff", &st, &e, &info));
    struct richdoc_style bad = st;
    bad.width = 0;
    assert_null(richdoc_compose("好", &bad, &e, &info));
    bad = st;
    bad.scale = 10.0f;
    assert_null(richdoc_compose("好", &bad, &e, &info));
    bad = st;
    bad.theme = NULL;
    assert_null(richdoc_compose("好", &bad, &e, &info));
    assert_null(richdoc_compose("好", &st, NULL, &info));

    /* An empty body is a small empty surface, not an error. */
    SDL_Surface *s = richdoc_compose("", &st, &e, &info);
    assert_non_null(s);
    assert_int_equal(s->w, 600);
    assert_true(s->h > 0 && s->h < 30);
    assert_int_equal(info.n_headings, 0);
    SDL_FreeSurface(s);
    richdoc_info_free(&info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_body),
        cmocka_unit_test(test_large_print),
        cmocka_unit_test(test_pictures),
        cmocka_unit_test(test_missing_glyph_logged),
        cmocka_unit_test(test_height_limit),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
