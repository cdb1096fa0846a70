/* The one place where raw input becomes intent: taps, swipes and keys from
 * fingers, the mouse or the keyboard (real or injected by the script runner)
 * turn into actions for the current scene. */
#ifndef QF_UI_INPUT_H
#define QF_UI_INPUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

enum input_kind {
    INPUT_NONE,
    INPUT_PRESS,   /* a finger or button went down at (x, y): show feedback now */
    INPUT_TAP,     /* a short touch without travel at (x, y) */
    INPUT_NEXT,    /* swipe left, Right, Space, PageDown */
    INPUT_PREV,    /* swipe right, Left, PageUp */
    INPUT_QUIT,    /* SDL_QUIT, or Escape in a window */
};

struct input_action {
    enum input_kind kind;
    float x, y;    /* pixels, for PRESS and TAP */
};

struct input {
    int w, h;              /* window size in pixels */
    bool windowed;
    bool down;
    bool finger;           /* the press is a finger, not the mouse */
    SDL_FingerID finger_id;
    float x0, y0, x, y;
    uint64_t t0;
};

void input_init(struct input *in, int w, int h, bool windowed);

/* Feeds one event at time now (ms). Returns the resulting action. */
struct input_action input_event(struct input *in, const SDL_Event *ev, uint64_t now);

#endif
