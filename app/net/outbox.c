#define _GNU_SOURCE 1 /* sem_clockwait */
#include "net/outbox.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/backoff.h"
#include "core/log.h"
#include "core/playstats_doc.h"
#include "net/fetch.h"

/* An empty outbox is looked at again this often even without a wake, in
 * case a round was recorded by a path that forgot to call outbox_wake. */
#define IDLE_RECHECK_MS 600000u
/* The server's answer to a PUT is a line or two; more is not read. */
#define ANSWER_MAX_BYTES 65536u

struct outbox {
    struct outbox_settings cfg;
    struct results *results;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;       /* guards status */
    sem_t kick;                 /* posted by outbox_wake and outbox_stop */
    atomic_bool quit;
    struct backoff backoff;
    struct outbox_status status;
};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Waits for a kick or until `ms` have passed. Returns true on a kick. */
static bool wait_kick(struct outbox *o, uint64_t ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    while (sem_clockwait(&o->kick, CLOCK_MONOTONIC, &ts) != 0)
        if (errno != EINTR)
            return false;
    return true;
}

/* After a failure: sleeps the whole delay; kicks only end it for a stop. */
static void wait_retry(struct outbox *o, uint32_t delay_ms)
{
    uint64_t until = mono_ms() + delay_ms;
    for (uint64_t now = mono_ms(); !o->quit && now < until; now = mono_ms())
        wait_kick(o, until - now);
}

static void drain_kicks(struct outbox *o)
{
    while (sem_trywait(&o->kick) == 0) /* several wakes make one look */
        ;
}

/* <report_url>/results/<id>.json for a result, <report_url>/<id>.json for
 * a usage document (its id is "stats/<screen>/<hour>"), with no doubled
 * slash. */
static int entry_url(const char *base, const char *id, char *out, size_t cap)
{
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    int len = snprintf(out, cap, "%.*s/%s%s.json", (int)n, base, result_id_valid(id) ? "results/" : "", id);
    return len > 0 && (size_t)len < cap ? 0 : -1;
}

/* PUTs one document. Returns 0, or -1 with "<url>: <reason>" in why. */
static int upload(struct outbox *o, const char *id, const char *json, char *why, size_t cap)
{
    char url[FETCH_URL_MAX];
    if (!result_id_valid(id) && !playstats_doc_id_valid(id)) { /* the store never holds one; a URL must not be built from it */
        snprintf(why, cap, "outbox entry with a malformed id left in place");
        return -1;
    }
    if (entry_url(o->cfg.report_url, id, url, sizeof url) != 0) {
        snprintf(why, cap, "%.200s: report_url too long", o->cfg.report_url);
        return -1;
    }
    struct fetch_limits limits = fetch_limits_default();
    limits.max_bytes = ANSWER_MAX_BYTES;
    if (o->cfg.connect_timeout_ms > 0)
        limits.connect_timeout_ms = o->cfg.connect_timeout_ms;
    struct fetch_request rq = {
        .url = url,
        .ca_file = o->cfg.ca_file[0] ? o->cfg.ca_file : NULL,
        .proxy = o->cfg.proxy[0] ? o->cfg.proxy : NULL,
        .limits = &limits,
        .cancel = &o->quit,
    };
    struct fetch_result res;
    int rc = fetch_put(&rq, json, strlen(json), &res);
    if (rc != 0)
        snprintf(why, cap, "%s", res.error);
    else
        log_info("outbox: delivered %s (HTTP %d)", url, res.status);
    fetch_result_free(&res);
    return rc;
}

/* One delivery attempt. Returns 1 when one was delivered, 0 when the
 * outbox is empty, -1 on a failure (logged). */
static int deliver_one(struct outbox *o)
{
    char *id = NULL, *json = NULL, why[600] = "";
    int found = results_outbox_next(o->results, &id, &json), rc = -1;
    if (found == 0)
        rc = 0;
    else if (found < 0)
        snprintf(why, sizeof why, "cannot read the outbox (see the results error above)");
    else if (upload(o, id, json, why, sizeof why) == 0)
        /* Only the version sent: a usage document updated meanwhile goes
         * again. If the removal fails it is sent again later, harmlessly. */
        rc = results_outbox_delivered(o->results, id, json) == 0 ? 1 : -1;
    if (rc < 0 && !why[0])
        snprintf(why, sizeof why, "delivered %s, but cannot remove it from the outbox", id);
    free(id);
    free(json);

    long pending = results_outbox_pending(o->results);
    pthread_mutex_lock(&o->lock);
    o->status.pending = pending;
    o->status.looks++;
    if (rc == 1) {
        o->status.delivered++;
        o->status.last_success = time(NULL);
        o->status.failures = 0;
    } else if (rc < 0 && !o->quit) {
        o->status.failures++;
        snprintf(o->status.last_error, sizeof o->status.last_error, "%.511s", why);
    }
    pthread_mutex_unlock(&o->lock);
    if (rc < 0 && o->quit)
        return 0; /* aborted by outbox_stop: not worth a line */
    return rc;
}

static void *run(void *arg)
{
    struct outbox *o = arg;
    while (!o->quit) {
        drain_kicks(o);
        int rc = deliver_one(o);
        if (rc > 0) {
            o->backoff.failures = 0; /* delivered: the next failure starts from the base again */
            continue;
        }
        if (rc == 0) {
            if (!o->quit)
                wait_kick(o, IDLE_RECHECK_MS);
            continue;
        }
        struct outbox_status st;
        outbox_get_status(o, &st);
        uint32_t delay = backoff_failure(&o->backoff);
        log_warn("outbox: %s; %ld document%s waiting, next try in %.1f s", st.last_error, st.pending,
                 st.pending == 1 ? "" : "s", delay / 1000.0);
        wait_retry(o, delay);
    }
    return NULL;
}

struct outbox *outbox_start(const struct outbox_settings *settings, struct results *results, char *err,
                            size_t errlen)
{
    if (strncasecmp(settings->report_url, "http://", 7) != 0 && strncasecmp(settings->report_url, "https://", 8) != 0) {
        snprintf(err, errlen, "report_url \"%.200s\" is not an http:// or https:// URL", settings->report_url);
        return NULL;
    }
    struct outbox *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    o->cfg = *settings;
    o->results = results;
    o->status.pending = -1;
    backoff_init(&o->backoff, 0, (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)o);
    if (settings->base_ms)
        o->backoff.base_ms = settings->base_ms;
    if (settings->cap_ms)
        o->backoff.cap_ms = settings->cap_ms;
    pthread_mutex_init(&o->lock, NULL);
    sem_init(&o->kick, 0, 0);
    int rc = pthread_create(&o->thread, NULL, run, o);
    if (rc != 0) {
        snprintf(err, errlen, "cannot start the outbox thread: %s", strerror(rc));
        outbox_stop(o);
        return NULL;
    }
    o->started = true;
    return o;
}

void outbox_wake(struct outbox *o)
{
    if (o)
        sem_post(&o->kick);
}

void outbox_stop(struct outbox *o)
{
    if (!o)
        return;
    if (o->started) {
        o->quit = true;
        sem_post(&o->kick);
        pthread_join(o->thread, NULL);
    }
    sem_destroy(&o->kick);
    pthread_mutex_destroy(&o->lock);
    free(o);
}

void outbox_get_status(struct outbox *o, struct outbox_status *out)
{
    pthread_mutex_lock(&o->lock);
    *out = o->status;
    pthread_mutex_unlock(&o->lock);
}
