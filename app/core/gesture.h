/* Touch gesture recognizer: turns down/move/up samples of fingers (or the
 * mouse, as one finger with GESTURE_MOUSE_ID) into taps, long presses,
 * drags, swipes and flings. Pure: every call takes the sample's timestamp
 * in milliseconds on one monotonic clock, so traces replay exactly.
 *
 * One finger drives a gesture. Every gesture starts with PRESS and ends with
 * exactly one of TAP, RELEASE (after LONG_PRESS), DRAG_END (possibly
 * followed by SWIPE and/or FLING) or CANCEL:
 *
 *   PRESS TAP                                   short touch, no travel
 *   PRESS LONG_PRESS RELEASE                    held still, then lifted
 *   PRESS [LONG_PRESS] DRAG_BEGIN DRAG... DRAG_END [SWIPE] [FLING]
 *   PRESS ... CANCEL                            a second contact arrived
 *
 * After CANCEL everything is ignored until every contact has lifted, so a
 * pinch, a palm or a burst of fingers yields exactly one CANCEL. */
#ifndef QF_GESTURE_H
#define QF_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

/* The id the shell uses for the left mouse button. SDL's synthesized mouse
 * events for touches (which == SDL_TOUCH_MOUSEID) must be dropped, or a
 * touch would count twice. */
#define GESTURE_MOUSE_ID (-1)

/* Most events one call can emit (an up whose long press was due:
 * LONG_PRESS DRAG_BEGIN DRAG DRAG_END SWIPE FLING). */
#define GESTURE_MAX_EVENTS 8

/* Contacts tracked at once; more are ignored (the gesture is void anyway). */
#define GESTURE_MAX_CONTACTS 10

/* Samples kept for the release velocity. */
#define GESTURE_HISTORY 32

enum gesture_kind {
    GESTURE_PRESS,      /* finger down: show feedback now */
    GESTURE_TAP,        /* lifted within tap slop before the long-press time */
    GESTURE_LONG_PRESS, /* held within tap slop for long_press_ms */
    GESTURE_RELEASE,    /* lifted within tap slop after LONG_PRESS */
    GESTURE_DRAG_BEGIN, /* moved beyond tap slop; x, y where that was noticed */
    GESTURE_DRAG,       /* moved by dx, dy since the previous DRAG */
    GESTURE_DRAG_END,   /* lifted after dragging; vx, vy: release velocity */
    GESTURE_SWIPE,      /* after DRAG_END: a quick straight stroke; dir, speed */
    GESTURE_FLING,      /* after DRAG_END: released moving; vx, vy for kinetic scrolling */
    GESTURE_CANCEL,     /* the gesture is void (more contacts); undo any drag feedback */
};

enum gesture_dir { GESTURE_LEFT, GESTURE_RIGHT, GESTURE_UP, GESTURE_DOWN };

struct gesture_event {
    enum gesture_kind kind;
    int64_t id;               /* the contact driving the gesture */
    uint64_t t;               /* time of the sample (or deadline) that caused it */
    uint64_t start_t;         /* time of the PRESS */
    float x, y;               /* pixels, where the finger is (TAP: where it lifted) */
    float start_x, start_y;   /* where it went down */
    float dx, dy;             /* DRAG: movement since the previous DRAG; 0 otherwise */
    float total_dx, total_dy; /* x - start_x, y - start_y */
    float vx, vy;             /* DRAG_END, SWIPE, FLING: release velocity, px/s */
    enum gesture_dir dir;     /* SWIPE */
    float speed;              /* SWIPE: release speed along dir, px/s (> 0) */
};

/* Thresholds; all distances in pixels, speeds in pixels per second. */
struct gesture_params {
    float tap_slop_px;          /* travel from the start beyond this is a drag */
    uint32_t long_press_ms;     /* held this long within slop: LONG_PRESS */
    float swipe_min_px;         /* SWIPE: travel along its axis at least this */
    float swipe_min_speed;      /* SWIPE: release speed along its axis at least this */
    float swipe_max_off_axis;   /* SWIPE: |cross travel| <= this * |travel along| */
    float fling_min_speed;      /* FLING: release speed at least this */
    float max_speed;            /* release velocity is clamped to this */
    uint32_t velocity_window_ms; /* release velocity from samples this recent */
    uint32_t stale_ms;          /* a contact silent this long is forgotten when another goes down */
};

/* Defaults for a screen with px_per_mm pixels per millimetre (<= 0 or not
 * finite: 96 dpi): slop 3 mm, long press 600 ms, swipe 12 mm at 100 mm/s,
 * within ~35 degrees of its axis, fling from 50 mm/s, speeds clamped to
 * 1.5 m/s, velocity over the last 100 ms, stale contacts after 10 s. */
struct gesture_params gesture_params_default(float px_per_mm);

struct gesture_sample {
    uint64_t t;
    float x, y;
};

struct gesture_contact {
    int64_t id;
    uint64_t last_t;          /* time of its latest sample */
};

enum gesture_state {
    GESTURE_IDLE,             /* no contact */
    GESTURE_PRESSED,          /* one contact within slop, long press pending */
    GESTURE_HELD,             /* one contact within slop, LONG_PRESS sent */
    GESTURE_DRAGGING,         /* one contact beyond slop */
    GESTURE_VOID,             /* cancelled; waiting until every contact lifts */
};

struct gesture_recognizer {
    struct gesture_params p;
    enum gesture_state state;
    struct gesture_contact contacts[GESTURE_MAX_CONTACTS];
    int n_contacts;
    int64_t id;               /* the driving contact (valid unless IDLE/VOID) */
    uint64_t start_t, last_t;
    float start_x, start_y;
    float x, y;               /* latest position of the driving contact */
    float drag_x, drag_y;     /* position at the latest DRAG event */
    struct gesture_sample hist[GESTURE_HISTORY]; /* ring of recent samples */
    int hist_len, hist_head;  /* count, and index of the next write */
};

void gesture_init(struct gesture_recognizer *g, const struct gesture_params *p);

/* Each call below feeds one sample at time t (ms) and writes the events it
 * causes, in order, to out; returns their number (0..GESTURE_MAX_EVENTS).
 * A pending LONG_PRESS whose time has come fires first, so results do not
 * depend on how often gesture_tick is called. Times earlier than the
 * previous sample's are taken as equal to it. */
int gesture_down(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
                 struct gesture_event out[GESTURE_MAX_EVENTS]);
/* Moves and lifts of ids that are not down are ignored. */
int gesture_move(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
                 struct gesture_event out[GESTURE_MAX_EVENTS]);
int gesture_up(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
               struct gesture_event out[GESTURE_MAX_EVENTS]);

/* Fires LONG_PRESS when its time has come without movement. */
int gesture_tick(struct gesture_recognizer *g, uint64_t t, struct gesture_event out[GESTURE_MAX_EVENTS]);

/* When gesture_tick next has something to do (ms), or UINT64_MAX. */
uint64_t gesture_next_deadline(const struct gesture_recognizer *g);

/* Forgets every contact (e.g. the window lost focus and lifts may never
 * come). Emits CANCEL when a gesture was under way. */
int gesture_reset(struct gesture_recognizer *g, uint64_t t, struct gesture_event out[GESTURE_MAX_EVENTS]);

/* "PRESS", "TAP", ... and "LEFT", "RIGHT", "UP", "DOWN" (for logs and traces). */
const char *gesture_kind_name(enum gesture_kind k);
const char *gesture_dir_name(enum gesture_dir d);

#endif
