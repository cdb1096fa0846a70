/* The kiosk's side of the heartbeat (net/heartbeat.h): its settings from
 * the config, the snapshot of what the UI knows (taken on the UI thread
 * when the heartbeat asks for it: a struct copy), and the optional picture
 * of the screen. The UI thread only copies the frame it draws anyway into
 * a surface, just before presenting it; the heartbeat thread shrinks it and
 * encodes the PNG. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/sleep_schedule.h"
#include "net/fetch.h"
#include "net/heartbeat.h"
#include "net/outbox.h"
#include "ui/app.h"
#include "ui/shots.h"
#include "ui/version.h"

#define SHOT_WIDTH 480
#define SHOT_WAIT_MS 3000
/* The first beat when the first slides are up, not the paper before them;
 * scripts send theirs with the heartbeat command. */
#define FIRST_BEAT_MS 10000

struct app_heartbeat {
    struct heartbeat *hb;
    Uint32 wake_event;
    bool curl_up;
    /* the picture's mailbox between the two threads */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    atomic_bool want_frame;   /* the heartbeat thread waits for a frame */
    bool closing;             /* app_heartbeat_stop: stop waiting */
    SDL_Surface *frame;       /* a whole frame, handed over */
};

/* Runs on the heartbeat thread: only wakes the UI thread. */
static void wake_ui(void *ctx)
{
    struct app_heartbeat *h = ctx;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = h->wake_event;
    SDL_PushEvent(&ev);
}

/* Runs on the heartbeat thread: asks the UI for its next frame, waits a
 * moment for it, shrinks and encodes it here. */
static int take_shot(void *ctx, void **png, size_t *len, char *err, size_t errlen)
{
    struct app_heartbeat *h = ctx;
    pthread_mutex_lock(&h->lock);
    if (h->frame)
        SDL_FreeSurface(h->frame);
    h->frame = NULL;
    h->want_frame = true;
    pthread_mutex_unlock(&h->lock);
    wake_ui(h);

    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += SHOT_WAIT_MS / 1000;
    pthread_mutex_lock(&h->lock);
    while (!h->frame && !h->closing)
        if (pthread_cond_timedwait(&h->cond, &h->lock, &until) != 0)
            break;
    SDL_Surface *frame = h->frame;
    bool closing = h->closing;
    h->frame = NULL;
    h->want_frame = false;
    pthread_mutex_unlock(&h->lock);
    if (!frame) {
        if (closing)
            err[0] = 0;
        else
            snprintf(err, errlen, "the screen drew no frame within %d s", SHOT_WAIT_MS / 1000);
        return -1;
    }
    int rc = shot_png_small(frame, SHOT_WIDTH, png, len, err, errlen);
    SDL_FreeSurface(frame);
    return rc;
}

/* The screen id of reports: the configured one, else the host name. */
static void screen_id(const struct app *a, char *out, size_t len)
{
    if (a->cfg.screen_id[0])
        snprintf(out, len, "%s", a->cfg.screen_id);
    else if (gethostname(out, len) != 0)
        snprintf(out, len, "screen");
    out[len - 1] = 0;
}

/* What the UI thread knows, cheaply: no disk, no network. */
static void snapshot(struct app *a, struct heartbeat_screen *s)
{
    memset(s, 0, sizeof *s);
    screen_id(a, s->screen_id, sizeof s->screen_id);
    snprintf(s->app_version, sizeof s->app_version, "%s", QF_VERSION);
    snprintf(s->content_title, sizeof s->content_title, "%s", a->feed && a->feed->title ? a->feed->title : "");
    snprintf(s->content_dir, sizeof s->content_dir, "%s", a->feed_dir);
    s->content_items = a->feed ? (long)a->feed->n_items : -1;
    s->width = a->w;
    s->height = a->h;
    s->asleep = sleep_schedule_set(&a->cfg.sleep) ? a->asleep : -1;
    s->started_at = (int64_t)a->wall_start;
    if (app_in_visit(a)) {
        char line[256];
        nav_scene_line(&a->nav, line, sizeof line);
        snprintf(s->on_screen, sizeof s->on_screen, "%.159s", strncmp(line, "scene: ", 7) ? line : line + 7);
    } else if (a->asleep) {
        snprintf(s->on_screen, sizeof s->on_screen, "asleep");
    } else if (a->attract_up && a->feed) {
        snprintf(s->on_screen, sizeof s->on_screen, "attract item=%s",
                 a->feed->items[attract_current_item(&a->attract)].id);
    }
    if (a->sync) {
        struct sync_status st;
        sync_get_status(a->sync, &st);
        s->sync_configured = true;
        s->sync_last_attempt = (int64_t)st.last_attempt;
        s->sync_last_success = (int64_t)st.last_success;
        s->sync_ok = st.ok;
        snprintf(s->sync_result, sizeof s->sync_result, "%s", st.last_result);
        snprintf(s->sync_last_error, sizeof s->sync_last_error, "%s", st.last_error);
    }
    if (a->quiz.outbox) {
        struct outbox_status st;
        outbox_get_status(a->quiz.outbox, &st);
        s->outbox_known = true;
        s->outbox_pending = st.pending;
        snprintf(s->outbox_last_error, sizeof s->outbox_last_error, "%s", st.last_error);
    }
}

void app_heartbeat_start(struct app *a)
{
    if (!a->cfg.report_url[0] || !a->cfg.heartbeat_ms || a->args.bench)
        return;
    struct app_heartbeat *h = calloc(1, sizeof *h);
    if (!h) {
        log_err("heartbeat: out of memory; no heartbeat");
        return;
    }
    h->wake_event = a->wake_event;
    pthread_mutex_init(&h->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&h->cond, &ca);
    pthread_condattr_destroy(&ca);
    a->heartbeat = h;
    if (fetch_global_init() != 0) {
        log_err("heartbeat: libcurl cannot start (or lacks HTTPS support); no heartbeat");
        return;
    }
    h->curl_up = true;

    struct heartbeat_settings st;
    struct heartbeat_screen first;
    char err[1024];
    memset(&st, 0, sizeof st);
    snprintf(st.report_url, sizeof st.report_url, "%s", a->cfg.report_url);
    screen_id(a, st.screen_id, sizeof st.screen_id);
    snprintf(st.ca_file, sizeof st.ca_file, "%s", a->cfg.ca_file);
    snprintf(st.proxy, sizeof st.proxy, "%s", a->cfg.proxy);
    snprintf(st.state_dir, sizeof st.state_dir, "%s", a->cfg.state_dir);
    st.interval_ms = a->cfg.heartbeat_ms;
    st.first_delay_ms = a->args.script ? st.interval_ms : FIRST_BEAT_MS;
    st.want = wake_ui;
    st.shot = a->cfg.heartbeat_screenshot ? take_shot : NULL;
    st.ctx = h;
    snapshot(a, &first);
    h->hb = heartbeat_start(&st, &first, err, sizeof err);
    if (!h->hb) {
        log_err("heartbeat: %s; no heartbeat", err);
        return;
    }
    log_info("heartbeat: every %u s to %s%s", (unsigned)(st.interval_ms / 1000), a->cfg.report_url,
             st.shot ? ", with a screenshot" : "");
}

bool app_heartbeat_poll(struct app *a)
{
    struct app_heartbeat *h = a->heartbeat;
    if (!h || !h->hb)
        return false;
    if (heartbeat_wants(h->hb)) {
        struct heartbeat_screen s;
        snapshot(a, &s);
        heartbeat_offer(h->hb, &s);
    }
    if (atomic_load(&h->want_frame))
        a->dirty = true; /* a static screen presents no frames: draw one */
    return atomic_load(&h->want_frame);
}

void app_heartbeat_frame(struct app *a)
{
    struct app_heartbeat *h = a->heartbeat;
    if (!h || !atomic_load(&h->want_frame))
        return;
    int w, hgt;
    if (SDL_GetRendererOutputSize(a->ren, &w, &hgt) != 0)
        return;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, hgt, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return;
    if (SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) != 0) {
        log_warn("heartbeat: SDL_RenderReadPixels() failed: %s", SDL_GetError());
        SDL_FreeSurface(s);
        return;
    }
    pthread_mutex_lock(&h->lock);
    if (h->want_frame && !h->frame) {
        h->frame = s;
        s = NULL;
        h->want_frame = false;
        pthread_cond_broadcast(&h->cond);
    }
    pthread_mutex_unlock(&h->lock);
    if (s)
        SDL_FreeSurface(s);
}

bool app_heartbeat_delivered(struct app *a, unsigned long *beat, char *last_error, size_t len)
{
    struct app_heartbeat *h = a->heartbeat;
    if (!h || !h->hb)
        return false;
    struct heartbeat_status st;
    heartbeat_get_status(h->hb, &st);
    *beat = st.delivered_beat;
    snprintf(last_error, len, "%s", st.last_error);
    return true;
}

unsigned long app_heartbeat_now(struct app *a)
{
    return a->heartbeat ? heartbeat_now(a->heartbeat->hb) : 0;
}

void app_heartbeat_stop(struct app *a)
{
    struct app_heartbeat *h = a->heartbeat;
    if (!h)
        return;
    pthread_mutex_lock(&h->lock);
    h->closing = true; /* a shot waiting for a frame gives up */
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    heartbeat_stop(h->hb);
    if (h->frame)
        SDL_FreeSurface(h->frame);
    if (h->curl_up)
        fetch_global_cleanup();
    pthread_cond_destroy(&h->cond);
    pthread_mutex_destroy(&h->lock);
    free(h);
    a->heartbeat = NULL;
}
