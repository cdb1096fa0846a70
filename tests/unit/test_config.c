/* Config and theme files: defaults, every key, and errors with file and line. */
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

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/qf-config-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void defaults_are_sane(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    assert_true(c.fullscreen);
    assert_int_equal(c.dwell_ms, 8000);
    assert_string_equal(c.transition, "mixed");
    assert_string_equal(c.font_kai, "AR PL UKai CN");
    assert_string_equal(c.font_sans, "Noto Sans CJK SC");
    assert_int_equal(c.theme.red.r, 0xB7);
}

static void loads_every_key(void **state)
{
    (void)state;
    char *path = write_temp("; kiosk settings\n"
                            "[display]\nfullscreen = false\nsize = 1080x1920\n"
                            "[attract]\ndwell_ms = 12000\ntransition_ms = 600\ntransition = fade\n"
                            "[content]\nfeed_dir = /var/lib/qingfeng/feed\n"
                            "[fonts]\nkai = /usr/share/fonts/x.ttf\nsans = Noto Sans CJK SC\n"
                            "[theme]\nfile = /etc/qingfeng/theme.ini\n");
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_false(c.fullscreen);
    assert_int_equal(c.width, 1080);
    assert_int_equal(c.height, 1920);
    assert_int_equal(c.dwell_ms, 12000);
    assert_int_equal(c.transition_ms, 600);
    assert_string_equal(c.transition, "fade");
    assert_string_equal(c.feed_dir, "/var/lib/qingfeng/feed");
    assert_string_equal(c.font_kai, "/usr/share/fonts/x.ttf");
    assert_string_equal(c.theme_file, "/etc/qingfeng/theme.ini");
}

static void expect_config_error(const char *text, const char *fragment)
{
    char *path = write_temp(text);
    struct config c;
    config_defaults(&c);
    char err[512] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), -1);
    unlink(path);
    if (!strstr(err, path) || !strstr(err, fragment))
        fail_msg("error \"%s\" lacks the path or \"%s\"", err, fragment);
}

static void config_errors_name_line_and_key(void **state)
{
    (void)state;
    expect_config_error("[display]\nfullscreen = maybe\n", ":2: [display] fullscreen: \"maybe\" is not true or false");
    expect_config_error("[attract]\n\ndwell_ms = 5\n", ":3: [attract] dwell_ms: \"5\" must be milliseconds");
    expect_config_error("[attract]\ntransition = spin\n", ":2: [attract] transition: \"spin\" is not fade");
    expect_config_error("[display]\nsize = big\n", "is not a size like 1920x1080");
    expect_config_error("[display]\ncolour = red\n", ":2: [display] colour: unknown key");
    expect_config_error("[display]\nthis line has no equals sign\n", ":2: syntax error");
}

static void missing_file_is_named(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    assert_int_equal(config_load(&c, "/nonexistent/kiosk.conf", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/kiosk.conf: cannot open"));
}

static void theme_file(void **state)
{
    (void)state;
    char *path = write_temp("[theme]\norg_name = 某某局机关党委\nslogan = 清风正气\nlogo = /x/logo.png\n"
                            "paper = #FFFFF0\nred = #C00000\n");
    struct theme t;
    theme_defaults(&t);
    char err[256] = "";
    assert_int_equal(theme_load(&t, path, err, sizeof err), 0);
    unlink(path);
    assert_string_equal(t.org_name, "某某局机关党委");
    assert_string_equal(t.slogan, "清风正气");
    assert_int_equal(t.paper.b, 0xF0);
    assert_int_equal(t.red.r, 0xC0);
    assert_int_equal(t.gold.r, 0xC5); /* untouched keys keep defaults */

    path = write_temp("[theme]\nred = crimson\n");
    assert_int_equal(theme_load(&t, path, err, sizeof err), -1);
    unlink(path);
    assert_non_null(strstr(err, ":2: [theme] red: \"crimson\" is not a colour"));
}

static void rgb_and_size_parsers(void **state)
{
    (void)state;
    struct rgb c;
    assert_int_equal(parse_rgb("#0a0B0c", &c), 0);
    assert_true(c.r == 10 && c.g == 11 && c.b == 12);
    assert_int_equal(parse_rgb("0a0b0c", &c), -1);
    assert_int_equal(parse_rgb("#0a0b0", &c), -1);
    assert_int_equal(parse_rgb("#0a0b0g", &c), -1);
    int w, h;
    assert_int_equal(parse_size("3840x2160", &w, &h), 0);
    assert_true(w == 3840 && h == 2160);
    assert_int_equal(parse_size("10x10", &w, &h), -1);
    assert_int_equal(parse_size("1920x1080x", &w, &h), -1);
    assert_int_equal(parse_size("1920", &w, &h), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_sane),  cmocka_unit_test(loads_every_key),
        cmocka_unit_test(config_errors_name_line_and_key), cmocka_unit_test(missing_file_is_named),
        cmocka_unit_test(theme_file),         cmocka_unit_test(rgb_and_size_parsers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
