#include "core/video_advice.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SEE " (see docs/display.md)"

static const char *kmsdrm_advice(enum dri_state dri)
{
    switch (dri) {
    case DRI_MISSING:
        return "there is no DRM device (/dev/dri/card*): load the graphics driver for this machine's GPU, or run "
               "under X11 or cage instead" SEE;
    case DRI_NO_ACCESS:
        return "/dev/dri/card* cannot be opened: add the service user to the video and render groups (and input "
               "for the touch screen)" SEE;
    default:
        return "the DRM device is there but cannot drive a screen: check that a monitor is connected and that no "
               "desktop or other program holds the display (stop the display manager)" SEE;
    }
}

void video_advice(char *out, size_t n, const char *driver, const char *display, enum dri_state dri,
                  const char *sdl_error)
{
    const char *err = sdl_error && *sdl_error ? sdl_error : "no reason given";
    const char *shown = display && *display ? display : "(unset)";
    if (!driver || !*driver) {
        snprintf(out, n,
                 "video: no display could be opened (SDL: %s): set SDL_VIDEODRIVER=kmsdrm on a console without a "
                 "desktop, x11 inside an X session, or wayland under cage" SEE,
                 err);
    } else if (!strcasecmp(driver, "kmsdrm")) {
        snprintf(out, n, "video: SDL_VIDEODRIVER=kmsdrm cannot start (SDL: %s): %s", err, kmsdrm_advice(dri));
    } else if (!strcasecmp(driver, "x11")) {
        snprintf(out, n,
                 "video: SDL_VIDEODRIVER=x11 cannot open the X display %s (SDL: %s): start the kiosk inside the X "
                 "session with DISPLAY set (e.g. DISPLAY=:0), or use kmsdrm without a desktop" SEE,
                 shown, err);
    } else if (!strcasecmp(driver, "wayland")) {
        snprintf(out, n,
                 "video: SDL_VIDEODRIVER=wayland finds no compositor at WAYLAND_DISPLAY=%s (SDL: %s): start the "
                 "kiosk under cage (cage -- qingfeng), or use kmsdrm without a desktop" SEE,
                 shown, err);
    } else {
        snprintf(out, n,
                 "video: SDL_VIDEODRIVER=%s cannot start (SDL: %s): use kmsdrm, x11 or wayland" SEE, driver,
                 err);
    }
}
