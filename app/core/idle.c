#include "core/idle.h"

void idle_init(struct idle *i, uint32_t timeout_ms, uint32_t countdown_ms, uint64_t now)
{
    *i = (struct idle){.timeout_ms = timeout_ms, .countdown_ms = countdown_ms, .last_touch = now};
}

void idle_touch(struct idle *i, uint64_t now)
{
    /* A touch stamped before the last one (clocks of two sources) must not
     * bring the expiry closer. */
    if (now > i->last_touch)
        i->last_touch = now;
}

void idle_pause(struct idle *i) { i->paused = true; }

void idle_resume(struct idle *i, uint64_t now)
{
    i->paused = false;
    i->last_touch = now;
}

static uint64_t countdown_start(const struct idle *i) { return i->last_touch + i->timeout_ms; }
static uint64_t expiry(const struct idle *i) { return countdown_start(i) + i->countdown_ms; }

struct idle_status idle_state(const struct idle *i, uint64_t now)
{
    if (i->paused || now < countdown_start(i))
        return (struct idle_status){IDLE_ACTIVE, 0};
    if (now >= expiry(i))
        return (struct idle_status){IDLE_EXPIRED, 0};
    uint64_t left = expiry(i) - now;
    return (struct idle_status){IDLE_COUNTDOWN, (uint32_t)((left + 999) / 1000)};
}

uint64_t idle_next_deadline(const struct idle *i, uint64_t now)
{
    struct idle_status st = idle_state(i, now);
    switch (st.phase) {
    case IDLE_ACTIVE:
        return i->paused ? UINT64_MAX : countdown_start(i);
    case IDLE_COUNTDOWN:
        /* seconds_left drops by one when the time left reaches (s - 1) s. */
        return expiry(i) - (uint64_t)(st.seconds_left - 1) * 1000;
    case IDLE_EXPIRED:
        break;
    }
    return UINT64_MAX;
}
