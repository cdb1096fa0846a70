/* The hidden gesture that opens the admin panel: a number of taps inside a
 * corner square within a time window. Fed with every TAP; pure. */
#ifndef QF_ADMIN_GESTURE_H
#define QF_ADMIN_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

#define ADMIN_GESTURE_MAX_TAPS 10
#define ADMIN_GESTURE_DEFAULT_TAPS 5
#define ADMIN_GESTURE_DEFAULT_WINDOW_MS 3000u

enum admin_corner {
    ADMIN_CORNER_TOP_LEFT,
    ADMIN_CORNER_TOP_RIGHT,
    ADMIN_CORNER_BOTTOM_LEFT,
    ADMIN_CORNER_BOTTOM_RIGHT,
};

struct admin_gesture {
    enum admin_corner corner;
    float size_px;          /* side of the corner square */
    int taps;               /* taps needed, 1..ADMIN_GESTURE_MAX_TAPS */
    uint32_t window_ms;     /* from the first to the last of them */
    uint64_t times[ADMIN_GESTURE_MAX_TAPS]; /* the recent taps in the corner, oldest first */
    int n;
};

/* taps is clamped to 1..ADMIN_GESTURE_MAX_TAPS. */
void admin_gesture_init(struct admin_gesture *g, enum admin_corner corner, float size_px, int taps,
                        uint32_t window_ms);

/* Feeds one TAP at (x, y) pixels at time t on a w x h screen. Returns true
 * on the tap that completes `taps` taps in the corner with at most
 * window_ms between the first and the last, and then starts over. Taps
 * older than the window drop out; a tap outside the corner starts over. */
bool admin_gesture_tap(struct admin_gesture *g, float x, float y, uint64_t t, int w, int h);

/* Forgets the taps so far. */
void admin_gesture_reset(struct admin_gesture *g);

/* "top-left", "top-right", "bottom-left", "bottom-right". parse returns 0,
 * or -1 for anything else. */
int admin_corner_parse(const char *s, enum admin_corner *out);
const char *admin_corner_name(enum admin_corner c);

#endif
