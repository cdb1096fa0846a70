/* The one place where raw input becomes intent: fingers and the mouse go
 * through the core's gesture recognizer (the mouse is one finger, so a desk
 * PC and a touch panel act the same); keys map to the same intents. */
#ifndef QF_UI_INPUT_H
#define QF_UI_INPUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/gesture.h"

enum input_kind {
    INPUT_NONE,
    INPUT_PRESS,    /* a finger or button went down at (x, y): show feedback now */
    INPUT_TAP,      /* a short touch without travel at (x, y) */
    INPUT_DRAG,     /* moved by (dx, dy); started at (x0, y0) */
    INPUT_DRAG_END, /* lifted after a drag; (vx, vy) release velocity, px/s */
    INPUT_CANCEL,   /* the touch is void (a second finger): undo its feedback */
    INPUT_NEXT,     /* swipe left, Right, Space, PageDown */
    INPUT_PREV,     /* swipe right, Left, PageUp */
    INPUT_SCROLL,   /* Up/Down keys or the mouse wheel: scroll by dy pixels */
    INPUT_BACK,     /* Backspace, Escape (unless it is the exit key) */
    INPUT_HOME,     /* Home */
    INPUT_QUIT,     /* SIGTERM/SIGINT, the configured exit key, or closing a window */
};

struct input_action {
    enum input_kind kind;
    float x, y;     /* pixels: where the finger is */
    float x0, y0;   /* pixels: where the touch started */
    float dx, dy;   /* DRAG, SCROLL */
    float vx, vy;   /* DRAG_END */
};

#define INPUT_MAX_ACTIONS GESTURE_MAX_EVENTS

struct input {
    int w, h;               /* the logical (upright) picture, pixels */
    int rotate;             /* degrees the picture is turned on the panel */
    int win_w, win_h;       /* the window, in the units of mouse events */
    bool windowed;
    SDL_Keycode exit_key;   /* SDLK_UNKNOWN: no key leaves the kiosk */
    struct gesture_recognizer gest;
};

void input_init(struct input *in, int w, int h, bool windowed, float px_per_mm, SDL_Keycode exit_key);
/* The panel shows the picture turned by rotate degrees (win_w x win_h is
 * the window as mouse events measure it): touches and clicks are mapped
 * back into the upright picture. */
void input_set_rotation(struct input *in, int rotate, int win_w, int win_h);

/* Feeds one event at time now (ms). Writes the resulting actions to out and
 * returns their number. */
int input_event(struct input *in, const SDL_Event *ev, uint64_t now, struct input_action out[INPUT_MAX_ACTIONS]);

/* Long presses fire on time even without events. */
int input_tick(struct input *in, uint64_t now, struct input_action out[INPUT_MAX_ACTIONS]);
uint64_t input_next_deadline(const struct input *in);

#endif
