#include "core/sleep_schedule.h"

#include <stdio.h>
#include <string.h>

void sleep_schedule_none(struct sleep_schedule *s)
{
    memset(s, 0, sizeof *s);
    s->wake_minutes = SLEEP_DEFAULT_WAKE_MINUTES;
}

int sleep_days_parse(const char *text, unsigned *days)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p) {
        *days = 0;
        return 0;
    }
    return weekdays_parse(text, days);
}

bool sleep_schedule_set(const struct sleep_schedule *s)
{
    return s->n_hours > 0 || s->days != 0;
}

/* The nightly hours as a daypart of every day (never "the whole day": an
 * empty list is checked by the callers). */
static struct daypart nightly(const struct sleep_schedule *s)
{
    struct daypart dp = {.days = DAYPART_ALL_DAYS, .n_ranges = s->n_hours};
    memcpy(dp.ranges, s->hours, s->n_hours * sizeof s->hours[0]);
    return dp;
}

bool sleep_scheduled(const struct sleep_schedule *s, const struct local_time *t)
{
    if (s->days & (1u << (t->weekday - 1)))
        return true;
    if (s->n_hours == 0)
        return false;
    struct daypart dp = nightly(s);
    return daypart_active(&dp, t);
}

int sleep_minutes_to_change(const struct sleep_schedule *s, const struct local_time *t)
{
    int to_midnight = MINUTES_PER_DAY - t->minute; /* whole days change at midnight */
    if (s->n_hours == 0)
        return to_midnight;
    struct daypart dp = nightly(s);
    int m = daypart_minutes_to_change(&dp, t);
    return m < to_midnight ? m : to_midnight;
}

/* t moved on by m minutes (m <= MINUTES_PER_DAY), without the date: only
 * the weekday and the minute matter to the schedule. */
static struct local_time later(struct local_time t, int m)
{
    t.minute += m;
    while (t.minute >= MINUTES_PER_DAY) {
        t.minute -= MINUTES_PER_DAY;
        t.weekday = t.weekday % 7 + 1;
        t.date = 0;
    }
    return t;
}

int sleep_minutes_to_wake(const struct sleep_schedule *s, const struct local_time *t)
{
    int total = 0;
    struct local_time at = *t;
    while (sleep_scheduled(s, &at)) {
        if (total > 8 * MINUTES_PER_DAY)
            return -1;
        int m = sleep_minutes_to_change(s, &at);
        total += m;
        at = later(at, m);
    }
    return total;
}

bool sleep_touch_holds(const struct sleep_schedule *s, int64_t now, int64_t last_touch)
{
    if (s->wake_minutes == 0 || last_touch == SLEEP_NO_TOUCH || now < last_touch)
        return false;
    return now - last_touch < (int64_t)s->wake_minutes * 60;
}

bool sleep_asleep(const struct sleep_schedule *s, const struct local_time *t, int64_t now, int64_t last_touch)
{
    return sleep_scheduled(s, t) && !sleep_touch_holds(s, now, last_touch);
}

int64_t sleep_seconds_to_change(const struct sleep_schedule *s, const struct local_time *t, int second, int64_t now,
                                int64_t last_touch)
{
    int64_t wait = (int64_t)sleep_minutes_to_change(s, t) * 60 - second;
    if (sleep_touch_holds(s, now, last_touch)) {
        int64_t until = last_touch + (int64_t)s->wake_minutes * 60 - now;
        if (until < wait)
            wait = until;
    }
    return wait > 0 ? wait : 1;
}

static void append(char *out, size_t len, const char *text)
{
    size_t n = strlen(out);
    if (n < len)
        snprintf(out + n, len - n, "%s", text);
}

void sleep_schedule_describe(const struct sleep_schedule *s, char *out, size_t len)
{
    static const char *const names[7] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    if (!len)
        return;
    out[0] = 0;
    if (!sleep_schedule_set(s)) {
        append(out, len, "不休眠");
        return;
    }
    for (size_t i = 0; i < s->n_hours; i++) {
        char range[32];
        int a = s->hours[i].start, b = s->hours[i].end;
        snprintf(range, sizeof range, "%s%02d:%02d-%02d:%02d", i ? "、" : "", a / 60, a % 60, b / 60, b % 60);
        append(out, len, range);
    }
    if (s->days) {
        append(out, len, s->n_hours ? "，" : "");
        for (int d = 0; d < 7; d++)
            if (s->days & (1u << d)) {
                append(out, len, names[d]);
                append(out, len, " ");
            }
        size_t n = strlen(out);
        if (n && out[n - 1] == ' ')
            out[n - 1] = 0;
        append(out, len, "全天");
    }
}
