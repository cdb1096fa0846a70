/* The one line an operator reads when the display cannot be opened: which
 * SDL video driver failed, SDL's own words, and what to do about it. */
#ifndef QF_CORE_VIDEO_ADVICE_H
#define QF_CORE_VIDEO_ADVICE_H

#include <stddef.h>

/* What the DRM device nodes look like, for kmsdrm's advice. */
enum dri_state {
    DRI_MISSING,    /* no /dev/dri/card* at all: no GPU driver loaded */
    DRI_NO_ACCESS,  /* card nodes exist but cannot be opened read-write */
    DRI_USABLE,
};

/* driver: $SDL_VIDEODRIVER (NULL or "" when unset); display: $DISPLAY or
 * $WAYLAND_DISPLAY as fits the driver (may be NULL). Writes one line. */
void video_advice(char *out, size_t n, const char *driver, const char *display, enum dri_state dri,
                  const char *sdl_error);

#endif
