/* The idle timer of the interactive scenes: after timeout_ms without a
 * touch a countdown is shown for countdown_ms, then the session has expired
 * (the UI returns to the attract loop). Pure: time comes in as ms. */
#ifndef QF_IDLE_H
#define QF_IDLE_H

#include <stdbool.h>
#include <stdint.h>

#define IDLE_DEFAULT_TIMEOUT_MS 90000u
#define IDLE_DEFAULT_COUNTDOWN_MS 10000u

enum idle_phase {
    IDLE_ACTIVE,      /* someone is using it (or the timer is paused) */
    IDLE_COUNTDOWN,   /* show "returning in N s" */
    IDLE_EXPIRED,     /* go back to the attract loop */
};

struct idle_status {
    enum idle_phase phase;
    uint32_t seconds_left; /* COUNTDOWN: whole seconds to show, rounded up (10..1); else 0 */
};

struct idle {
    uint32_t timeout_ms;
    uint32_t countdown_ms;
    uint64_t last_touch;
    bool paused;
};

/* Starts running at now, as if touched then. */
void idle_init(struct idle *i, uint32_t timeout_ms, uint32_t countdown_ms, uint64_t now);

/* Any touch: back to ACTIVE, the timeout starts again. */
void idle_touch(struct idle *i, uint64_t now);

/* While paused (e.g. in the attract loop) the state is ACTIVE and there is
 * no deadline; resuming counts as a touch at now. */
void idle_pause(struct idle *i);
void idle_resume(struct idle *i, uint64_t now);

struct idle_status idle_state(const struct idle *i, uint64_t now);

/* The next moment idle_state(i, ·) changes after now (the countdown start,
 * each whole second of it, the expiry), or UINT64_MAX when it never will
 * (paused or expired). */
uint64_t idle_next_deadline(const struct idle *i, uint64_t now);

#endif
