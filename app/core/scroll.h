/* Kinetic scrolling of a reading view along one axis. The offset runs from
 * 0 (top of the content) to max = content - viewport. The finger moves the
 * content 1:1 inside that range and with rubber-band resistance beyond it,
 * never further out than the overscroll limit; a release with velocity
 * flings with exponential deceleration; beyond a bound a critically damped
 * spring brings it back and it settles exactly on the bound.
 *
 * Pure and frame-rate independent: motion is solved in closed form from the
 * start of each phase, so stepping 1 ms at a time or 100 ms at once lands on
 * the same place (up to the last half pixel of a spring, which snaps). */
#ifndef QF_SCROLL_H
#define QF_SCROLL_H

#include <stdbool.h>
#include <stdint.h>

struct scroll_params {
    float overscroll_frac;   /* overscroll limit as a fraction of the viewport, e.g. 0.12 */
    float rubber_band;       /* resistance at the bound: 1 px of finger moves this many px at first */
    float decel_tau_ms;      /* fling: velocity falls by 1/e in this time */
    float spring_tau_ms;     /* spring back: 1 / angular frequency */
    float stop_speed;        /* px/s: a fling slower than this stops */
    float max_speed;         /* px/s: release velocity is clamped to this */
};

/* 12 % overscroll, rubber band 0.55, deceleration 325 ms, spring 65 ms
 * (back from the limit in about half a second), stop below 10 px/s,
 * at most 8000 px/s. */
struct scroll_params scroll_params_default(void);

enum scroll_phase {
    SCROLL_REST,             /* still */
    SCROLL_DRAG,             /* following the finger */
    SCROLL_FLING,            /* decelerating inside the bounds */
    SCROLL_SPRING,           /* returning to a bound from beyond it */
};

struct scroll {
    struct scroll_params p;
    double viewport, content;
    double max;              /* largest offset inside the bounds (0 when the content fits) */
    double limit;            /* overscroll limit in px */
    enum scroll_phase phase;
    double offset;           /* what to draw: content pixels scrolled past the viewport top */
    double raw;              /* DRAG: where 1:1 finger travel would have put the offset */
    uint64_t now;            /* time of the latest step */
    double phase_t;          /* FLING/SPRING: start of the phase, ms (fractional) */
    double x0, v0;           /* FLING/SPRING: offset and velocity (px/s) at phase_t */
    double bound;            /* SPRING: the bound it returns to */
};

/* Sizes in pixels; content smaller than the viewport never scrolls. */
void scroll_init(struct scroll *s, const struct scroll_params *p, float viewport, float content, uint64_t now);

/* New sizes (content reflowed, window resized). Keeps the offset inside the
 * new range: a drag's overscroll is dropped, a spring goes on to the new
 * bound (or rests if it is now inside), a fling goes on. */
void scroll_set_extent(struct scroll *s, float viewport, float content);

/* A finger went down: stops any motion where it is (a fling is caught). */
void scroll_grab(struct scroll *s, uint64_t t);

/* The finger moved by dy screen pixels (a DRAG event's dy; up is negative,
 * which scrolls the content further). Grabs first if needed. */
void scroll_drag(struct scroll *s, float dy, uint64_t t);

/* The finger lifted moving at vy screen px/s (a FLING's vy, or 0): flings,
 * springs back from overscroll, or rests. */
void scroll_release(struct scroll *s, float vy, uint64_t t);

/* Advances the motion to time t (earlier times are ignored). */
void scroll_step(struct scroll *s, uint64_t t);

/* True while flinging or springing: the caller should draw every frame. */
bool scroll_animating(const struct scroll *s);

float scroll_offset(const struct scroll *s);
float scroll_max(const struct scroll *s);

/* Puts the offset at once at offset, clamped to [0, max], and stops. */
void scroll_jump_to(struct scroll *s, float offset);

#endif
