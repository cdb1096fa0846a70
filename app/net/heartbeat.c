#include "net/heartbeat.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/backoff.h"
#include "core/feed.h"
#include "core/log.h"
#include "core/sha256.h"
#include "net/fetch.h"
#include "core/machine.h"

#define RETRY_BASE_MS 15000u
#define SNAPSHOT_WAIT_MS 2000u
#define ANSWER_MAX_BYTES 65536u
#define SHOT_NAME "screen.png"

struct heartbeat {
    struct heartbeat_settings cfg;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;     /* guards snap, fresh, status, and the waits */
    pthread_cond_t cond;      /* signalled by heartbeat_offer and heartbeat_stop */
    struct heartbeat_screen snap;
    bool fresh;               /* an offer came since the last want */
    bool kick;                /* heartbeat_now */
    atomic_bool want;
    atomic_bool quit;
    struct heartbeat_status status;
    struct backoff backoff;
    /* this thread's own */
    struct log_counts counts; /* not yet in a delivered document */
    char hashed_dir[1024];    /* the content folder whose hash is in content_sha256 */
    char content_sha256[13];
};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Waits with the lock held until `until` (monotonic ms), a quit, or, with
 * for_offer, a fresh snapshot. */
static void wait_until(struct heartbeat *h, uint64_t until, bool for_offer)
{
    while (!h->quit && !(for_offer ? h->fresh : h->kick)) {
        uint64_t now = mono_ms();
        if (now >= until)
            return;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t ms = until - now;
        ts.tv_sec += (time_t)(ms / 1000);
        ts.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&h->cond, &h->lock, &ts);
    }
}

/* The UI's newest snapshot: asks for a fresh one and waits a moment; a UI
 * that does not answer gets its last one reported. */
static void take_snapshot(struct heartbeat *h, struct heartbeat_screen *out)
{
    pthread_mutex_lock(&h->lock);
    if (h->cfg.want) {
        h->fresh = false;
        h->want = true;
        pthread_mutex_unlock(&h->lock);
        h->cfg.want(h->cfg.ctx);
        pthread_mutex_lock(&h->lock);
        wait_until(h, mono_ms() + (h->cfg.snapshot_wait_ms ? h->cfg.snapshot_wait_ms : SNAPSHOT_WAIT_MS), true);
        h->want = false;
    }
    *out = h->snap;
    pthread_mutex_unlock(&h->lock);
}

/* The first 12 hex digits of feed.json's SHA-256, read again only when the
 * content folder changes (a version's folder never changes in place). */
static void content_hash(struct heartbeat *h, const char *dir)
{
    if (!strcmp(dir, h->hashed_dir))
        return;
    snprintf(h->hashed_dir, sizeof h->hashed_dir, "%s", dir);
    h->content_sha256[0] = 0;
    char path[1100], *text = NULL, hex[SHA256_HEX_LEN + 1];
    size_t len = 0;
    if (snprintf(path, sizeof path, "%s/feed.json", dir) >= (int)sizeof path ||
        feed_read_file(path, FEED_MAX_BYTES, &text, &len) != 0)
        return;
    if (sha256_hex_buffer(text, len, hex) == 0)
        snprintf(h->content_sha256, sizeof h->content_sha256, "%.12s", hex);
    free(text);
}

static void add_counts(struct log_counts *into, const struct log_counts *more)
{
    into->warnings += more->warnings;
    into->errors += more->errors;
    if (more->last_error[0])
        snprintf(into->last_error, sizeof into->last_error, "%s", more->last_error);
}

/* PUTs body to <report_url>/screens/<id>/<name>. Returns 0, or -1 with
 * "<url>: <reason>" in why. */
static int put(struct heartbeat *h, const char *name, const void *body, size_t len, const char *type, char *why,
               size_t cap)
{
    char url[FETCH_URL_MAX];
    if (heartbeat_url(h->cfg.report_url, h->cfg.screen_id, name, url, sizeof url) != 0) {
        snprintf(why, cap, "%.200s: report_url too long", h->cfg.report_url);
        return -1;
    }
    struct fetch_limits limits = fetch_limits_default();
    limits.max_bytes = ANSWER_MAX_BYTES;
    if (h->cfg.connect_timeout_ms > 0)
        limits.connect_timeout_ms = h->cfg.connect_timeout_ms;
    struct fetch_request rq = {
        .url = url,
        .ca_file = h->cfg.ca_file[0] ? h->cfg.ca_file : NULL,
        .proxy = h->cfg.proxy[0] ? h->cfg.proxy : NULL,
        .limits = &limits,
        .cancel = &h->quit,
        .content_type = type,
    };
    struct fetch_result res;
    int rc = fetch_put(&rq, body, len, &res);
    if (rc != 0)
        snprintf(why, cap, "%s", res.error);
    fetch_result_free(&res);
    return rc;
}

/* The picture first, so that a status document naming it finds it there.
 * Returns whether it was delivered; a failure is logged (the status still
 * goes). */
static bool send_shot(struct heartbeat *h)
{
    void *png = NULL;
    size_t len = 0;
    char why[600] = "";
    bool ok = false;
    if (h->cfg.shot(h->cfg.ctx, &png, &len, why, sizeof why) != 0) {
        if (why[0] && !h->quit) /* "": the kiosk is closing */
            log_warn("heartbeat: no screenshot this time: %s", why);
    } else if (put(h, SHOT_NAME, png, len, "image/png", why, sizeof why) != 0) {
        if (!h->quit)
            log_warn("heartbeat: %s", why);
    } else {
        ok = true;
    }
    free(png);
    return ok;
}

/* Builds and sends one beat. Returns 0 when the status document arrived. */
static int beat(struct heartbeat *h, unsigned long number)
{
    struct heartbeat_facts f;
    memset(&f, 0, sizeof f);
    pthread_mutex_lock(&h->lock);
    h->status.begun = number;
    h->kick = false; /* this beat answers any heartbeat_now so far */
    pthread_mutex_unlock(&h->lock);
    take_snapshot(h, &f.screen);
    if (h->quit)
        return 0;
    /* While the server is unreachable only the status is retried: one
     * line per failure, not two; the picture comes again with the next
     * beat after a success. */
    pthread_mutex_lock(&h->lock);
    bool reachable = h->status.failures == 0;
    pthread_mutex_unlock(&h->lock);
    bool shot = h->cfg.shot && reachable && send_shot(h);
    if (h->quit)
        return 0;
    content_hash(h, f.screen.content_dir);
    snprintf(f.content_sha256, sizeof f.content_sha256, "%s", h->content_sha256);
    f.sent_at = (int64_t)time(NULL);
    bool started = f.screen.started_at > 0 && f.sent_at >= f.screen.started_at;
    f.app_uptime_s = started ? (long)(f.sent_at - f.screen.started_at) : -1;
    f.box_uptime_s = machine_uptime();
    f.interval_s = (h->cfg.interval_ms + 999) / 1000;
    f.beat = number;
    f.disk_free_bytes = machine_disk_free(h->cfg.state_dir);
    f.rss_bytes = machine_rss();
    f.mem_available_bytes = machine_mem_available();
    f.mem_total_bytes = machine_mem_total();
    struct log_counts now;
    log_take_counts(&now);
    add_counts(&h->counts, &now);
    f.warnings = h->counts.warnings;
    f.errors = h->counts.errors;
    snprintf(f.last_error, sizeof f.last_error, "%s", h->counts.last_error);
    pthread_mutex_lock(&h->lock);
    f.failed_puts = h->status.failures;
    pthread_mutex_unlock(&h->lock);
    f.screenshot = shot ? SHOT_NAME : NULL;

    char why[600] = "";
    char *doc = heartbeat_doc_json(&f);
    int rc = doc ? put(h, "status.json", doc, strlen(doc), NULL, why, sizeof why) : -1;
    if (!doc)
        snprintf(why, sizeof why, "out of memory building the status document");
    free(doc);
    if (h->quit)
        return 0; /* aborted by heartbeat_stop: not worth a line */
    pthread_mutex_lock(&h->lock);
    if (rc == 0) {
        h->status.sent++;
        h->status.delivered_beat = number;
        h->status.failures = 0;
        h->status.last_success = (time_t)f.sent_at;
    } else {
        h->status.failures++;
        snprintf(h->status.last_error, sizeof h->status.last_error, "%.511s", why);
    }
    pthread_mutex_unlock(&h->lock);
    if (rc == 0) {
        h->counts = (struct log_counts){0};
        log_debug("heartbeat: beat %lu delivered", number);
    }
    return rc == 0 ? 0 : -1;
}

static void *run(void *arg)
{
    struct heartbeat *h = arg;
    uint64_t interval = h->cfg.interval_ms;
    uint64_t due = mono_ms() + h->cfg.first_delay_ms; /* the next regular beat */
    uint64_t next = due;                               /* when to send next: due, or a retry before it */
    unsigned long number = 0;
    for (;;) {
        pthread_mutex_lock(&h->lock);
        wait_until(h, next, false);
        pthread_mutex_unlock(&h->lock);
        if (h->quit)
            break;
        uint64_t started = mono_ms();
        while (due <= started) /* beats missed while one hung are not made up */
            due += interval;
        int rc = beat(h, ++number);
        next = due;
        if (rc == 0) {
            h->backoff.failures = 0;
        } else if (!h->quit) {
            uint64_t retry = mono_ms() + backoff_failure(&h->backoff);
            if (retry < next)
                next = retry;
            struct heartbeat_status st;
            heartbeat_get_status(h, &st);
            /* the same words every time, so the logger's repeat limit holds an outage to a few lines */
            log_warn("heartbeat: %s; the status is sent again within %u s", st.last_error,
                     (unsigned)((interval + 999) / 1000));
        }
    }
    return NULL;
}

struct heartbeat *heartbeat_start(const struct heartbeat_settings *settings, const struct heartbeat_screen *first,
                                  char *err, size_t errlen)
{
    if (strncasecmp(settings->report_url, "http://", 7) != 0 && strncasecmp(settings->report_url, "https://", 8) != 0) {
        snprintf(err, errlen, "report_url \"%.200s\" is not an http:// or https:// URL", settings->report_url);
        return NULL;
    }
    if (!heartbeat_id_valid(settings->screen_id)) {
        snprintf(err, errlen,
                 "screen id \"%.63s\" cannot name a folder in a URL: set [report] screen_id to 1 to 63 letters, "
                 "digits, '-', '_' or '.'",
                 settings->screen_id);
        return NULL;
    }
    if (settings->interval_ms == 0) {
        snprintf(err, errlen, "no heartbeat interval");
        return NULL;
    }
    struct heartbeat *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->cfg = *settings;
    h->snap = *first;
    backoff_init(&h->backoff, settings->interval_ms,
                 (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)h);
    h->backoff.base_ms = settings->retry_base_ms ? settings->retry_base_ms : RETRY_BASE_MS;
    if (h->backoff.base_ms > settings->interval_ms)
        h->backoff.base_ms = settings->interval_ms;
    h->backoff.cap_ms = settings->interval_ms;
    pthread_mutex_init(&h->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&h->cond, &ca);
    pthread_condattr_destroy(&ca);
    int rc = pthread_create(&h->thread, NULL, run, h);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the heartbeat thread: %s", strerror(rc));
        heartbeat_stop(h);
        return NULL;
    }
    h->started = true;
    return h;
}

bool heartbeat_wants(struct heartbeat *h)
{
    return h && atomic_load(&h->want);
}

void heartbeat_offer(struct heartbeat *h, const struct heartbeat_screen *snap)
{
    if (!h)
        return;
    pthread_mutex_lock(&h->lock);
    h->snap = *snap;
    h->fresh = true;
    h->want = false;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

unsigned long heartbeat_now(struct heartbeat *h)
{
    if (!h)
        return 0;
    pthread_mutex_lock(&h->lock);
    h->kick = true;
    unsigned long ticket = h->status.begun + 1; /* a beat in progress took its snapshot already */
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
    return ticket;
}

void heartbeat_stop(struct heartbeat *h)
{
    if (!h)
        return;
    if (h->started) {
        pthread_mutex_lock(&h->lock);
        h->quit = true;
        pthread_cond_broadcast(&h->cond);
        pthread_mutex_unlock(&h->lock);
        pthread_join(h->thread, NULL);
    }
    pthread_cond_destroy(&h->cond);
    pthread_mutex_destroy(&h->lock);
    free(h);
}

void heartbeat_get_status(struct heartbeat *h, struct heartbeat_status *out)
{
    pthread_mutex_lock(&h->lock);
    *out = h->status;
    pthread_mutex_unlock(&h->lock);
}
