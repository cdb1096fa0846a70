/* The screen's sleep schedule: nightly hours and whole days during which
 * the screen is dark, and the window a touch keeps it on. Pure: the caller
 * passes local civil time (see daypart.h) and a wall count of seconds for
 * the touch window; nothing reads the clock.
 *
 * Asleep at t = the schedule says so and no touch within wake_minutes
 * before t. So a touch at 19:58 with wake_minutes 5 keeps the screen on
 * until 20:03, a touch at 23:00 wakes it until 23:05, and the scheduled
 * hour (07:30) always wakes it, touched or not. */
#ifndef QF_SLEEP_SCHEDULE_H
#define QF_SLEEP_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/daypart.h"

#define SLEEP_NO_TOUCH INT64_MIN
#define SLEEP_DEFAULT_WAKE_MINUTES 5u
#define SLEEP_WAKE_MINUTES_MAX 720u

struct sleep_schedule {
    struct hour_range hours[DAYPART_RANGES_MAX]; /* asleep every day during these */
    size_t n_hours;                              /* 0: no nightly hours */
    unsigned days;                               /* whole days asleep (DAYPART bits); 0: none */
    unsigned wake_minutes;                       /* a touch keeps the screen on this long; 0: touch does not wake */
};

/* No sleep at all; wake_minutes at its default. */
void sleep_schedule_none(struct sleep_schedule *s);

/* "sat,sun" (any weekdays_parse form); "" is no day, unlike weekdays_parse.
 * Returns 0, or -1. */
int sleep_days_parse(const char *text, unsigned *days);

/* Whether the schedule ever puts the screen to sleep. */
bool sleep_schedule_set(const struct sleep_schedule *s);

/* Asleep by the schedule alone at the minute t. */
bool sleep_scheduled(const struct sleep_schedule *s, const struct local_time *t);

/* Minutes from t until the scheduled state may next change (1..1440); a
 * caller that looks again after this long never misses a change. */
int sleep_minutes_to_change(const struct sleep_schedule *s, const struct local_time *t);

/* Minutes from t until the schedule wakes the screen: 0 when it is not
 * asleep by the schedule, -1 when it never wakes within a week (every day
 * asleep). */
int sleep_minutes_to_wake(const struct sleep_schedule *s, const struct local_time *t);

/* Whether a touch at last_touch (wall seconds; SLEEP_NO_TOUCH for none)
 * still keeps the screen on at now. */
bool sleep_touch_holds(const struct sleep_schedule *s, int64_t now, int64_t last_touch);

/* Whether the screen should be dark at t (local) = now (wall seconds). */
bool sleep_asleep(const struct sleep_schedule *s, const struct local_time *t, int64_t now, int64_t last_touch);

/* Seconds from now until sleep_asleep may change: the scheduled change
 * (second: 0..59 within t's minute) or the end of a touch window; at
 * least 1. */
int64_t sleep_seconds_to_change(const struct sleep_schedule *s, const struct local_time *t, int second, int64_t now,
                                int64_t last_touch);

/* "20:00-07:30，周六 周日全天" for logs and the admin panel; "不休眠" when
 * the schedule is empty. */
void sleep_schedule_describe(const struct sleep_schedule *s, char *out, size_t len);

#endif
