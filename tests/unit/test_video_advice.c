/* The line logged when no display opens (app/core/video_advice.c): it names
 * the driver, keeps SDL's words and says what to do for that driver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "core/video_advice.h"

static void expect(const char *line, const char *fragment)
{
    if (!strstr(line, fragment))
        fail_msg("\"%s\" lacks \"%s\"", line, fragment);
}

static void kmsdrm_without_a_device_says_load_a_driver(void **state)
{
    (void)state;
    char line[600];
    video_advice(line, sizeof line, "kmsdrm", NULL, DRI_MISSING, "kmsdrm not available");
    expect(line, "video: SDL_VIDEODRIVER=kmsdrm cannot start (SDL: kmsdrm not available)");
    expect(line, "no DRM device (/dev/dri/card*)");
    expect(line, "docs/display.md");
    assert_null(strchr(line, '\n'));
}

static void kmsdrm_without_permission_names_the_groups(void **state)
{
    (void)state;
    char line[600];
    video_advice(line, sizeof line, "KMSDRM", NULL, DRI_NO_ACCESS, "Permission denied");
    expect(line, "SDL: Permission denied");
    expect(line, "video and render groups");
    video_advice(line, sizeof line, "kmsdrm", NULL, DRI_USABLE, "");
    expect(line, "SDL: no reason given");
    expect(line, "no desktop or other program holds the display");
}

static void x11_and_wayland_name_the_display(void **state)
{
    (void)state;
    char line[600];
    video_advice(line, sizeof line, "x11", ":7", DRI_MISSING, "x11 not available");
    expect(line, "SDL_VIDEODRIVER=x11 cannot open the X display :7 (SDL: x11 not available)");
    video_advice(line, sizeof line, "wayland", NULL, DRI_MISSING, "wayland not available");
    expect(line, "WAYLAND_DISPLAY=(unset)");
    expect(line, "cage -- qingfeng");
}

static void no_driver_lists_the_choices(void **state)
{
    (void)state;
    char line[600];
    video_advice(line, sizeof line, NULL, NULL, DRI_MISSING, "No available video device");
    expect(line, "(SDL: No available video device)");
    expect(line, "SDL_VIDEODRIVER=kmsdrm");
    video_advice(line, sizeof line, "fbcon", NULL, DRI_MISSING, "fbcon not available");
    expect(line, "SDL_VIDEODRIVER=fbcon cannot start");
    /* A short buffer is cut, never overrun. */
    char small[16];
    video_advice(small, sizeof small, "kmsdrm", NULL, DRI_MISSING, "x");
    assert_int_equal(strlen(small), sizeof small - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kmsdrm_without_a_device_says_load_a_driver),
        cmocka_unit_test(kmsdrm_without_permission_names_the_groups),
        cmocka_unit_test(x11_and_wayland_name_the_display),
        cmocka_unit_test(no_driver_lists_the_choices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
