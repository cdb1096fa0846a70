/* Which items this screen shows: the feed's items of this screen's groups
 * ([schedule] groups) whose date window and hours cover the local time
 * (core/schedule.h). The attract playlist and the touch lists hold only
 * those. The selection is made again at the next boundary the schedule
 * names; a changed one waits for a calm moment (the slide on screen has
 * had its dwell, no visit, no content change under way) and then comes in
 * without a jump: the slide on screen moves on to the new playlist, or,
 * when it is no longer shown, cross-fades to the new first slide. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "ui/app.h"

static void local_now(const struct app *a, struct local_time *t)
{
    time_t w = app_wall(a);
    struct tm tm;
    localtime_r(&w, &tm);
    local_time_from_tm(&tm, t);
}

/* The selection now into `shown`; sets when to look again and logs a
 * fallback when one starts. */
static size_t select_now(struct app *a, bool *shown)
{
    struct local_time t;
    enum schedule_pick pick;
    local_now(a, &t);
    size_t n = schedule_select(a->feed, &a->groups, &t, shown, &pick);
    int m = schedule_minutes_to_change(a->feed, &a->groups, &t);
    /* to the start of the minute the change is due in */
    a->sched_until = m < 0 ? 0 : app_wall(a) + (time_t)m * 60 - (app_wall(a) % 60);
    if ((int)pick + 1 != a->sched_pick) {
        if (pick == SCHEDULE_PICK_UNTIMED)
            log_warn("schedule: no item is due on this screen now; showing all %zu items of its groups "
                     "regardless of their dates and hours",
                     n);
        else if (pick == SCHEDULE_PICK_ALL)
            log_warn("schedule: no item of the feed names the groups \"%s\" of [schedule] groups; showing every "
                     "item",
                     a->cfg.screen_groups);
        a->sched_pick = (int)pick + 1;
    }
    return n;
}

int app_schedule_start(struct app *a)
{
    /* the groups were checked when the config was read */
    if (screen_groups_parse(a->cfg.screen_groups, &a->groups) != 0)
        memset(&a->groups, 0, sizeof a->groups);
    free(a->sched_next);
    a->sched_next = NULL;
    free(a->sched_shown);
    a->sched_shown = calloc(a->feed->n_items ? a->feed->n_items : 1, sizeof *a->sched_shown);
    if (!a->sched_shown) {
        log_err("out of memory");
        return -1;
    }
    size_t n = select_now(a, a->sched_shown);
    log_info("schedule: showing %zu of %zu items", n, a->feed->n_items);
    return 0;
}

void app_schedule_free(struct app *a)
{
    free(a->sched_shown);
    free(a->sched_next);
    a->sched_shown = a->sched_next = NULL;
}

static bool calm(const struct app *a, uint64_t now)
{
    return !app_in_visit(a) && a->attract_up && !a->attract.in_transition && !app_content_holding(a) &&
           !a->pending_feed && now >= a->attract.slide_start + a->attract.cfg.dwell_ms;
}

/* Puts the waiting selection on screen. */
static void apply(struct app *a, uint64_t now)
{
    bool *next = a->sched_next;
    struct attract fresh;
    struct nav nav;
    struct attract_config ac = app_attract_config(&a->cfg);
    size_t cur = attract_current_item(&a->attract), n = 0;

    a->sched_next = NULL;
    if (attract_init_shown(&fresh, a->feed, next, &ac, now) != 0) {
        free(next);
        log_err("out of memory");
        return;
    }
    if (nav_init_shown(&nav, a->feed, next) != 0) {
        attract_free(&fresh);
        free(next);
        log_err("out of memory");
        return;
    }
    nav_free(&a->nav);
    a->nav = nav;
    app_set_per_page(a);
    for (size_t i = 0; i < a->feed->n_items; i++)
        n += next[i];
    free(a->sched_shown);
    a->sched_shown = next;
    /* The worker composes the lists from its own copy: start it over on
     * the new one; composed screens of the old lists go. The slides
     * already on the GPU stay. */
    worker_destroy(a->worker);
    a->worker = NULL;
    stage_clear(&a->stage);
    a->shown = NULL;
    if (app_spawn_worker(a) != EXIT_OK) {
        attract_free(&fresh);
        log_err("schedule: cannot start over with the new selection; quitting so the service restarts the kiosk");
        a->quit = true;
        return;
    }
    if (!chrome_ready(&a->chrome))
        worker_want_chrome(a->worker); /* the old worker may have gone before making it */

    size_t pos = fresh.n_order;
    for (size_t p = 0; p < fresh.n_order && pos == fresh.n_order; p++)
        if (fresh.order[p] == cur)
            pos = p;
    if (pos < fresh.n_order) {
        /* the slide on screen stays and has had its dwell: the new
         * playlist goes on from it */
        fresh.pos = pos;
        fresh.slide_start = a->attract.slide_start;
        attract_free(&a->attract);
        a->attract = fresh;
    } else {
        /* it is no longer shown: hold it and cross-fade to the new first
         * slide, as when new content comes in (app_content.c) */
        a->hold = view_take(&a->view, cur);
        a->hold_fading = false;
        attract_free(&a->attract);
        a->attract = fresh;
        a->scene_pending = true;
    }
    log_info("schedule: now showing %zu of %zu items", n, a->feed->n_items);
    app_update_wants(a);
    a->dirty = true;
}

int app_schedule_include(struct app *a, size_t item, uint64_t now)
{
    struct attract fresh;
    struct attract_config ac = app_attract_config(&a->cfg);

    if (item >= a->feed->n_items || a->sched_shown[item])
        return 0;
    a->sched_shown[item] = true;
    if (attract_init_shown(&fresh, a->feed, a->sched_shown, &ac, now) != 0) {
        a->sched_shown[item] = false;
        log_err("out of memory");
        return -1;
    }
    attract_free(&a->attract);
    a->attract = fresh;
    log_info("schedule: item %s joins the playlist outside its schedule or groups", a->feed->items[item].id);
    return 0;
}

void app_schedule_advance(struct app *a, uint64_t now)
{
    if (a->sched_until && app_wall(a) >= a->sched_until) {
        bool *next = calloc(a->feed->n_items ? a->feed->n_items : 1, sizeof *next);
        if (!next) {
            log_err("out of memory");
            return;
        }
        select_now(a, next);
        free(a->sched_next);
        a->sched_next = NULL;
        if (memcmp(next, a->sched_shown, a->feed->n_items * sizeof *next) != 0)
            a->sched_next = next;
        else
            free(next);
    }
    if (a->sched_next && calm(a, now))
        apply(a, now);
}

uint64_t app_schedule_deadline(const struct app *a, uint64_t now)
{
    if (a->sched_next)
        return now; /* due at the next calm moment, which the timeline wakes for */
    if (!a->sched_until)
        return UINT64_MAX;
    time_t wall = app_wall(a);
    return a->sched_until <= wall ? now : now + (uint64_t)(a->sched_until - wall) * 1000;
}
