/* The panel the picture goes to. Without rotation the kiosk draws straight
 * into the window. With rotation it draws the upright (logical) picture
 * into a target texture and each presented frame turns it onto the panel:
 * one extra full-screen copy per frame, and only when a frame is presented
 * (the loop stays event-driven). Screenshots read the logical picture. */
#ifndef QF_UI_DISPLAY_H
#define QF_UI_DISPLAY_H

#include <SDL.h>
#include <stddef.h>

struct display {
    SDL_Renderer *ren;
    int rotate;             /* degrees clockwise: 0, 90, 180, 270 */
    int panel_w, panel_h;   /* renderer output, pixels */
    int w, h;               /* the logical picture, pixels */
    SDL_Texture *picture;   /* the logical picture; NULL without rotation */
    /* SDL's software renderer turns textures slowly (a rotozoom per copy):
     * there the picture is read back and turned in one pass instead. */
    SDL_Texture *panel;     /* streaming, panel-sized; NULL unless software */
    uint32_t *pixels;       /* the picture read back, w x h */
};

/* Sets up drawing for a panel_w x panel_h output turned by rotate degrees.
 * Returns 0, or -1 with a message in err. */
int display_init(struct display *d, SDL_Renderer *ren, int rotate, int panel_w, int panel_h, char *err,
                 size_t errlen);
void display_free(struct display *d);

/* Drawing of a frame starts here: with rotation, into the picture. SDL
 * maps touch and mouse coordinates through the viewport of the current
 * render target when events arrive, so between frames the target is the
 * window again (see display_present). */
void display_begin(struct display *d);

/* Puts the picture drawn since display_begin on the panel. */
void display_present(struct display *d);

/* For looking at the panel itself: draws the turned picture into the
 * window's framebuffer, which stays the render target (reads see the
 * panel); SDL_RenderPresent follows. */
void display_panel_compose(struct display *d);

/* Logs the one line that says why no display opened and what to do
 * (core/video_advice.c), from the environment and the DRM nodes. */
void display_init_failed(const char *sdl_error);

/* "video: ..." words for the start line: "rotate=90 panel=1920x1080". */
void display_describe(const struct display *d, char *out, size_t n);

#endif
