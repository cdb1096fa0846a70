/* Screen sleep: during the scheduled hours the screen is black, the worker
 * composes nothing and the loop wakes only for the next change, the
 * watchdog and input. A touch wakes the screen for [sleep] wake_minutes
 * (the touch itself only wakes it); the scheduled hour always wakes it. A
 * visit is never blacked out: its idle timeout ends it first. */
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "ui/app.h"

static bool scheduled(const struct app *a)
{
    return sleep_schedule_set(&a->cfg.sleep);
}

/* Local time of the wall second w, and its second within the minute. */
static struct local_time local_at(time_t w, int *second)
{
    struct tm tm;
    struct local_time lt;
    localtime_r(&w, &tm);
    local_time_from_tm(&tm, &lt);
    if (second)
        *second = tm.tm_sec;
    return lt;
}

static void enter(struct app *a)
{
    time_t w = app_wall(a);
    int second;
    struct local_time lt = local_at(w, &second);
    int m = sleep_minutes_to_wake(&a->cfg.sleep, &lt);
    char when[40] = "the schedule ends";
    if (m >= 0) {
        time_t at = w - second + (time_t)m * 60;
        struct tm tm;
        localtime_r(&at, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    }
    char touch[48] = "touches do not wake it";
    if (a->cfg.sleep.wake_minutes)
        snprintf(touch, sizeof touch, "a touch wakes it for %u min", a->cfg.sleep.wake_minutes);
    log_info("sleep: screen off until %s; %s", m >= 0 ? when : "the schedule changes", touch);
    a->asleep = true;
    a->scene_pending = false;
    worker_want(a->worker, NULL, 0);
    view_clear(&a->view); /* slide textures are made again on waking */
    a->dirty = true;      /* one black frame */
}

static void wake(struct app *a, uint64_t now, const char *why)
{
    log_info("sleep: screen on (%s)", why);
    a->asleep = false;
    /* The slide starts its dwell again, as after a content change. */
    attract_show_item(&a->attract, attract_current_item(&a->attract), now);
    a->scene_pending = true;
    a->dirty = true;
    app_update_wants(a);
}

void app_sleep_init(struct app *a)
{
    a->asleep = false;
    a->sleep_swallow = false;
    a->last_touch = SLEEP_NO_TOUCH;
}

bool app_sleep_step(struct app *a, uint64_t now)
{
    if (!scheduled(a)) {
        if (a->asleep)
            wake(a, now, "schedule");
        return false;
    }
    time_t w = app_wall(a);
    struct local_time lt = local_at(w, NULL);
    bool due = sleep_asleep(&a->cfg.sleep, &lt, (int64_t)w, a->last_touch);
    if (due && !a->asleep && !app_in_visit(a) && !app_content_holding(a))
        enter(a);
    else if (!due && a->asleep)
        wake(a, now, "schedule");
    return a->asleep;
}

void app_sleep_event(struct app *a)
{
    /* The gesture that woke the screen is over once no finger is down. */
    if (a->sleep_swallow && a->input.gest.state == GESTURE_IDLE)
        a->sleep_swallow = false;
}

bool app_sleep_input(struct app *a, const struct input_action *act, uint64_t now)
{
    if (!scheduled(a) || act->kind == INPUT_NONE)
        return false;
    a->last_touch = (int64_t)app_wall(a);
    if (a->asleep) {
        if (a->cfg.sleep.wake_minutes)
            wake(a, now, "touch");
        a->sleep_swallow = true; /* the rest of this touch presses nothing */
        return true;
    }
    return a->sleep_swallow;
}

uint64_t app_sleep_deadline(const struct app *a, uint64_t now)
{
    if (!scheduled(a))
        return UINT64_MAX;
    time_t w = app_wall(a);
    int second;
    struct local_time lt = local_at(w, &second);
    int64_t s = sleep_seconds_to_change(&a->cfg.sleep, &lt, second, (int64_t)w, a->last_touch);
    if (a->virtual_clock) /* whole virtual seconds: land on the boundary */
        return now - now % 1000 + (uint64_t)s * 1000;
    return now + (uint64_t)s * 1000;
}

void app_sleep_describe(const struct app *a, char *out, size_t len)
{
    char sched[128];
    sleep_schedule_describe(&a->cfg.sleep, sched, sizeof sched);
    if (!scheduled(a))
        snprintf(out, len, "%s", sched);
    else if (a->cfg.sleep.wake_minutes)
        snprintf(out, len, "%s；触摸唤醒 %u 分钟", sched, a->cfg.sleep.wake_minutes);
    else
        snprintf(out, len, "%s；触摸不唤醒", sched);
}
