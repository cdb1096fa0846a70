/* Changing the content on screen: a reloaded or newly synced feed replaces
 * the old one at a calm moment (between attract-loop slides, never during a
 * visit), and the picture on screen is held until the new content's first
 * slide is ready, then cross-fades to it: no blank frame, no restart. */
#include <string.h>

#include "core/log.h"
#include "core/memstat.h"
#include "ui/app.h"

static void drop_hold(struct app *a)
{
    if (a->hold)
        SDL_DestroyTexture(a->hold);
    a->hold = NULL;
    a->hold_fading = false;
}

int app_swap_content(struct app *a, struct feed *feed, const char *dir)
{
    char new_dir[QF_PATH_MAX];
    snprintf(new_dir, sizeof new_dir, "%s", dir); /* dir may be a->feed_dir itself */
    /* Keep what is on screen (the attract slide) to fade from. */
    drop_hold(a);
    if (a->attract_up && !app_in_visit(a) && !a->attract.in_transition)
        a->hold = view_take(&a->view, attract_current_item(&a->attract));
    /* Everything that points into the old feed goes: the worker first (its
     * thread reads the feed), then the screens, slides and timeline. */
    worker_destroy(a->worker);
    a->worker = NULL;
    stage_clear(&a->stage);
    a->shown = NULL;
    view_clear(&a->view);
    if (a->attract_up)
        attract_free(&a->attract);
    a->attract_up = false;
    if (a->nav_up)
        nav_free(&a->nav);
    a->nav_up = false;
    feed_free(a->feed);
    a->feed = feed;
    snprintf(a->feed_dir, sizeof a->feed_dir, "%s", new_dir);
    if (a->store) /* later syncs must not remove the folder we draw from */
        store_keep_shown(a->store, a->feed_dir);
    struct attract_config ac = app_attract_config(&a->cfg);
    if (app_schedule_start(a) != 0 || app_start_worker(a) != EXIT_OK || nav_init_shown(&a->nav, a->feed, a->sched_shown) != 0 ||
        attract_init_shown(&a->attract, a->feed, a->sched_shown, &ac, app_now(a)) != 0) {
        log_err("feed: cannot start over with %s; quitting so the service restarts the kiosk", a->feed_dir);
        a->quit = true;
        return -1;
    }
    a->nav_up = a->attract_up = true;
    a->skip_dir = 0; /* a swipe waiting for an old slide is void */
    a->dwell_held = false;
    app_set_per_page(a);
    worker_want_chrome(a->worker);
    a->scene_pending = true;
    app_update_wants(a);
    a->dirty = true;
    return 0;
}

void app_offer_content(struct app *a, struct feed *feed, const char *dir)
{
    if (a->pending_feed)
        feed_free(a->pending_feed);
    a->pending_feed = feed;
    snprintf(a->pending_dir, sizeof a->pending_dir, "%s", dir);
}

/* True when the attract loop is about to leave its slide: the moment a new
 * feed can come in unnoticed. */
static bool calm(const struct app *a, uint64_t now)
{
    return !app_in_visit(a) && !a->attract.in_transition && !a->hold &&
           now >= a->attract.slide_start + a->attract.cfg.dwell_ms;
}

void app_content_advance(struct app *a, uint64_t now)
{
    if (a->pending_feed && calm(a, now)) {
        struct feed *f = a->pending_feed;
        a->pending_feed = NULL;
        size_t n = f->n_items;
        if (app_swap_content(a, f, a->pending_dir) == 0)
            log_info("feed: now showing %s: %zu items", a->feed_dir, n);
    }
    if (!a->hold)
        return;
    size_t item = attract_current_item(&a->attract);
    if (!a->hold_fading && view_has(&a->view, item) && chrome_ready(&a->chrome)) {
        a->hold_fading = true;
        a->hold_fade_start = now;
    }
    if (a->hold_fading && now >= a->hold_fade_start + a->cfg.transition_ms) {
        drop_hold(a);
        memstat_release(); /* the old content's pictures are all gone now */
        /* The new first slide gets its full dwell from here. */
        attract_show_item(&a->attract, item, now);
        a->scene_pending = true;
    }
    a->dirty = true;
}

bool app_content_holding(const struct app *a) { return a->hold != NULL; }

float app_content_fade(const struct app *a, uint64_t now)
{
    if (!a->hold_fading || !a->cfg.transition_ms)
        return 0;
    float p = (float)(now - a->hold_fade_start) / (float)a->cfg.transition_ms;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

void app_content_free(struct app *a)
{
    drop_hold(a);
    if (a->pending_feed)
        feed_free(a->pending_feed);
    a->pending_feed = NULL;
}
