#define _GNU_SOURCE 1 /* sem_clockwait */
#include "net/sync.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/backoff.h"
#include "core/imgsize.h"
#include "core/log.h"
#include "core/sha256.h"
#include "net/fetch.h"

#define SIG_MAX_BYTES 4096

struct sync {
    struct sync_settings cfg;
    struct store *store;
    sync_decode_fn decode;
    sync_notify_fn notify;
    void *ctx;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock;
    sem_t kick;                 /* posted by sync_now, sync_stop and signal handlers */
    atomic_bool quit;
    struct sync_status status;
    struct feed *ready;         /* a new version for the UI */
    char ready_dir[1024];
    char etag[256], last_modified[64]; /* of the feed.json we hold */
    struct backoff backoff;
};

/* ---- one round ------------------------------------------------------------ */

/* base URL (up to the last '/') + the asset path, percent-encoding every byte
 * outside the unreserved set except '/'. */
static int asset_url(const char *feed_url, const char *path, char *out, size_t len)
{
    const char *slash = strrchr(feed_url, '/');
    size_t base = slash ? (size_t)(slash - feed_url) + 1 : strlen(feed_url);
    size_t n = 0;
    if (base >= len)
        return -1;
    memcpy(out, feed_url, base);
    n = base;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                     strchr("-._~/", *p);
        if (n + (plain ? 1 : 3) >= len)
            return -1;
        if (plain)
            out[n++] = (char)*p;
        else
            n += (size_t)snprintf(out + n, len - n, "%%%02X", *p);
    }
    out[n] = 0;
    return 0;
}

/* The host part of an http(s) URL, lower-cased, into host. */
static void url_host(const char *url, char *host, size_t len)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *at = strpbrk(p, "@/");
    if (at && *at == '@')
        p = at + 1;
    size_t n = 0;
    while (p[n] && p[n] != '/' && p[n] != ':' && p[n] != '?' && p[n] != '#' && n + 1 < len) {
        char ch = p[n];
        host[n] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
        n++;
    }
    host[n] = 0;
}

static bool host_allowed(const struct sync *s, const char *effective)
{
    char want[256], got[256];
    url_host(s->cfg.url, want, sizeof want);
    url_host(effective, got, sizeof got);
    if (!strcmp(want, got))
        return true;
    char list[sizeof s->cfg.allow_hosts];
    snprintf(list, sizeof list, "%s", s->cfg.allow_hosts);
    char *save = NULL;
    for (char *h = strtok_r(list, ", ", &save); h; h = strtok_r(NULL, ", ", &save))
        if (!strcasecmp(h, got))
            return true;
    return false;
}

static struct fetch_limits limits_for(const struct sync *s, uint64_t max_bytes, long total_ms)
{
    struct fetch_limits l = fetch_limits_default();
    if (s->cfg.connect_timeout_ms > 0)
        l.connect_timeout_ms = s->cfg.connect_timeout_ms;
    l.max_bytes = max_bytes;
    l.total_timeout_ms = total_ms;
    return l;
}

/* Checks a downloaded picture before it is adopted: its declared size
 * against the pixel limit, then a real decode (by the UI's decoder). */
static int check_picture(struct sync *s, const char *url, const char *file, char *err, size_t errlen)
{
    uint8_t head[65536];
    FILE *f = fopen(file, "rb");
    if (!f) {
        snprintf(err, errlen, "%.300s: cannot reopen the download: %s", url, strerror(errno));
        return -1;
    }
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    enum img_type type;
    uint32_t w, h;
    if (img_probe(head, n, &type, &w, &h) != 0) {
        snprintf(err, errlen, "%.300s: not a PNG, JPEG, GIF or SVG picture (or its header is broken)", url);
        return -1;
    }
    if (type != IMG_TYPE_SVG && (uint64_t)w * h > s->cfg.max_image_pixels) {
        snprintf(err, errlen, "%.300s: picture is %ux%u pixels, over the limit of %llu pixels; make it smaller", url, w,
                 h, (unsigned long long)s->cfg.max_image_pixels);
        return -1;
    }
    char why[256] = "";
    if (s->decode && s->decode(file, why, sizeof why) != 0) {
        snprintf(err, errlen, "%.300s: picture does not decode: %.200s; save it again with an image editor", url, why);
        return -1;
    }
    return 0;
}

static bool is_picture(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (!strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg") ||
                   !strcasecmp(dot, ".gif") || !strcasecmp(dot, ".svg"));
}

#define NOT_BUILT_WITH "the server's file is not the one the feed was built with: upload the whole feed folder again"

/* The download against its pin, before anything reads it as a picture:
 * the decoder only ever sees bytes the (signed) feed vouches for. */
static int check_pin(const struct feed_asset *as, const char *url, const char *file, char *err, size_t errlen)
{
    char hex[SHA256_HEX_LEN + 1];
    uint64_t size = 0;
    if (sha256_hex_file(file, hex, &size) != 0) {
        snprintf(err, errlen, "%.300s: cannot read the download: %s", url, strerror(errno));
        return -1;
    }
    if (size != as->size) {
        snprintf(err, errlen, "%.300s: size %llu differs from the pinned %llu; %s", url, (unsigned long long)size,
                 (unsigned long long)as->size, NOT_BUILT_WITH);
        return -1;
    }
    if (strcmp(hex, as->sha256)) {
        snprintf(err, errlen, "%.300s: SHA-256 %s differs from the pinned %s; %s", url, hex, as->sha256,
                 NOT_BUILT_WITH);
        return -1;
    }
    return 0;
}

/* Downloads one asset the store lacks. */
static int get_asset(struct sync *s, const struct feed_asset *as, char *err, size_t errlen)
{
    char url[2048], tmp[1024];
    if (asset_url(s->cfg.url, as->path, url, sizeof url) != 0) {
        snprintf(err, errlen, "%s: asset URL too long", as->path);
        return -1;
    }
    if (as->size > s->cfg.max_asset_bytes) {
        snprintf(err, errlen, "%.300s: asset is %llu bytes, over the limit of %llu; make it smaller, or raise max_asset_mb", url,
                 (unsigned long long)as->size, (unsigned long long)s->cfg.max_asset_bytes);
        return -1;
    }
    /* The download keeps the asset's extension: the decoder goes by it. */
    const char *dot = strrchr(as->path, '.');
    snprintf(tmp, sizeof tmp, "%s/dl-%.16s%.8s", store_tmp_dir(s->store), as->sha256,
             dot && !strchr(dot, '/') ? dot : "");
    /* A pinned size bounds the transfer: one byte more is already wrong. */
    struct fetch_limits lim = limits_for(s, as->size + 1, 120000);
    struct fetch_request rq = {.url = url, .ca_file = s->cfg.ca_file[0] ? s->cfg.ca_file : NULL,
                               .proxy = s->cfg.proxy[0] ? s->cfg.proxy : NULL, .dest_path = tmp, .limits = &lim,
                               .cancel = &s->quit};
    struct fetch_result r;
    int rc = fetch_get(&rq, &r);
    if (rc == 0 && !host_allowed(s, r.effective_url)) {
        snprintf(err, errlen, "%.300s: redirected to %.300s, another host; add it to allow_hosts to accept it", url,
                 r.effective_url);
        rc = -1;
    } else if (rc != 0) {
        snprintf(err, errlen, "%s", r.error);
    } else if (check_pin(as, url, tmp, err, errlen) != 0) {
        rc = -1;
    } else if (is_picture(as->path) && check_picture(s, url, tmp, err, errlen) != 0) {
        rc = -1;
    } else if (store_adopt_object_file(s->store, as->sha256, as->size, tmp, err, errlen) != 0) {
        char why[512];
        snprintf(why, sizeof why, "%.511s", err);
        snprintf(err, errlen, "%.300s: %.400s", url, why);
        rc = -1;
    }
    if (rc != 0)
        unlink(tmp);
    fetch_result_free(&r);
    return rc;
}

/* True when two store version names carry the same feed.json: the names
 * are "<UTC time>-<12 hex digits of its SHA-256>[-N]". */
static bool same_feed_json(const char *a, const char *b)
{
    const char *ha = strchr(a, '-'), *hb = strchr(b, '-');
    return ha && hb && strlen(ha) >= 13 && strlen(hb) >= 13 && !strncmp(ha, hb, 13);
}

/* Returns 0 with result set ("not modified", "new version ..."), or -1
 * with the error line in result. *fresh receives a new feed to show. */
static int round_once(struct sync *s, char *result, size_t rlen, struct feed **fresh, char *dir, size_t dlen)
{
    const struct sync_settings *c = &s->cfg;
    struct fetch_limits lim = limits_for(s, c->max_feed_bytes, 30000);
    struct fetch_request rq = {.url = c->url, .etag = s->etag[0] ? s->etag : NULL,
                               .last_modified = s->last_modified[0] ? s->last_modified : NULL,
                               .ca_file = c->ca_file[0] ? c->ca_file : NULL, .proxy = c->proxy[0] ? c->proxy : NULL,
                               .limits = &lim, .cancel = &s->quit};
    struct fetch_result feed_r, sig_r;
    memset(&sig_r, 0, sizeof sig_r);
    char err[1024] = "";
    int rc = -1;
    struct feed *feed = NULL;
    if (fetch_get(&rq, &feed_r) != 0) {
        snprintf(result, rlen, "%s", feed_r.error);
        goto out;
    }
    if (feed_r.not_modified) {
        snprintf(result, rlen, "not modified");
        rc = 0;
        goto out;
    }
    if (c->has_key) {
        char sig_url[1100];
        snprintf(sig_url, sizeof sig_url, "%s.minisig", c->url);
        struct fetch_limits sl = limits_for(s, SIG_MAX_BYTES, 30000);
        struct fetch_request sq = {.url = sig_url, .ca_file = rq.ca_file, .proxy = rq.proxy, .limits = &sl,
                                   .cancel = &s->quit};
        char tc[256];
        if (fetch_get(&sq, &sig_r) != 0) {
            snprintf(result, rlen, "%s (the feed must be signed: publish feed.json.minisig)", sig_r.error);
            goto out;
        }
        if (minisign_verify(&c->key, feed_r.body, feed_r.len, sig_r.body, sig_r.len, tc, sizeof tc, err,
                            sizeof err) != 0) {
            snprintf(result, rlen, "%.400s: %.500s", sig_url, err);
            goto out;
        }
    }
    feed = feed_parse(feed_r.body, feed_r.len, c->url, err, sizeof err);
    if (!feed) {
        snprintf(result, rlen, "%s", err);
        goto out;
    }
    size_t fetched = 0;
    for (size_t i = 0; i < feed->n_assets; i++) {
        if (store_has_object(s->store, feed->assets[i].sha256, feed->assets[i].size))
            continue;
        if (get_asset(s, &feed->assets[i], err, sizeof err) != 0) {
            snprintf(result, rlen, "%s", err);
            goto out;
        }
        fetched++;
    }
    char version[128];
    if (store_commit(s->store, feed_r.body, feed_r.len, sig_r.body, sig_r.len, feed, time(NULL), version,
                     sizeof version, err, sizeof err) != 0) {
        snprintf(result, rlen, "%s", err);
        goto out;
    }
    if (store_current(s->store, dir, dlen) != 0) {
        snprintf(result, rlen, "store: no current version after a commit");
        goto out;
    }
    snprintf(s->etag, sizeof s->etag, "%s", feed_r.etag);
    snprintf(s->last_modified, sizeof s->last_modified, "%s", feed_r.last_modified);
    bool same = !strcmp(version, s->status.version);
    /* Signed again without a change: a new version for the signature, but
     * nothing new to show. */
    bool resigned = !same && same_feed_json(version, s->status.version);
    if (same)
        snprintf(result, rlen, "unchanged (%s)", version);
    else if (resigned)
        snprintf(result, rlen, "signed again, same content: version %s", version);
    else
        snprintf(result, rlen, "new version %s: %zu items, %zu assets downloaded", version, feed->n_items, fetched);
    if (!same)
        snprintf(s->status.version, sizeof s->status.version, "%.95s", version);
    if (!same && !resigned) {
        *fresh = feed;
        feed = NULL;
    }
    rc = 0;
out:
    feed_free(feed);
    fetch_result_free(&feed_r);
    fetch_result_free(&sig_r);
    return rc;
}

/* ---- status file ------------------------------------------------------------- */

static void iso_time(time_t t, char *buf, size_t len)
{
    struct tm tm;
    if (!t) {
        snprintf(buf, len, "%s", "");
        return;
    }
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void write_status(struct sync *s, const struct sync_status *st)
{
    char attempt[32], success[32], failed[32], err[512];
    iso_time(st->last_attempt, attempt, sizeof attempt);
    iso_time(st->last_success, success, sizeof success);
    iso_time(st->last_error_at, failed, sizeof failed);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s}", "feed_url", s->cfg.url, "version",
                          st->version, "last_attempt", attempt, "last_success", success, "last_result",
                          st->last_result, "ok", st->ok, "last_error_at", failed, "last_error", st->last_error,
                          "etag", s->etag, "last_modified", s->last_modified);
    char *text = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
    if (!text || store_write_status(s->store, text, err, sizeof err) != 0)
        log_warn("sync: cannot write status.json: %s", text ? err : "out of memory");
    free(text);
    json_decref(o);
}

static time_t parse_iso_time(const char *text)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!text || sscanf(text, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                        &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

/* After a restart: what the last status.json knows, when it speaks of the
 * same feed URL and the version still current. The ETag makes the first
 * round a 304 instead of downloading feed.json again; the times keep the
 * admin panel's 最近成功 / 最近错误 across restarts. */
static void resume_status(struct sync *s)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/status.json", store_dir(s->store));
    json_t *o = json_load_file(path, 0, NULL);
    const char *url = json_string_value(json_object_get(o, "feed_url"));
    const char *version = json_string_value(json_object_get(o, "version"));
    if (o && url && version && !strcmp(url, s->cfg.url) && !strcmp(version, s->status.version)) {
        const char *etag = json_string_value(json_object_get(o, "etag"));
        const char *lm = json_string_value(json_object_get(o, "last_modified"));
        const char *error = json_string_value(json_object_get(o, "last_error"));
        snprintf(s->etag, sizeof s->etag, "%s", etag ? etag : "");
        snprintf(s->last_modified, sizeof s->last_modified, "%s", lm ? lm : "");
        s->status.last_success = parse_iso_time(json_string_value(json_object_get(o, "last_success")));
        s->status.last_error_at = parse_iso_time(json_string_value(json_object_get(o, "last_error_at")));
        snprintf(s->status.last_error, sizeof s->status.last_error, "%.511s", error ? error : "");
    }
    json_decref(o);
}

/* ---- the thread ---------------------------------------------------------------- */

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void *run(void *arg)
{
    struct sync *s = arg;
    uint64_t next = mono_ms(); /* the first round at once: offline-first start already shows content */
    while (!s->quit) {
        uint64_t now = mono_ms();
        if (now < next) {
            uint64_t wait = next - now;
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            ts.tv_sec += (time_t)(wait / 1000);
            ts.tv_nsec += (long)(wait % 1000) * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            if (sem_clockwait(&s->kick, CLOCK_MONOTONIC, &ts) != 0)
                continue; /* timed out (or interrupted): look at the clock again */
            if (s->quit)
                break;
        }
        while (sem_trywait(&s->kick) == 0) /* several kicks make one round */
            ;

        char result[1024], dir[1024];
        struct feed *fresh = NULL;
        time_t started = time(NULL);
        int rc = round_once(s, result, sizeof result, &fresh, dir, sizeof dir);
        if (rc == 0)
            log_info("sync: %s: %s", s->cfg.url, result);
        else
            log_warn("sync: %s; keeping the content on screen", result);

        pthread_mutex_lock(&s->lock);
        s->status.last_attempt = started;
        s->status.rounds++;
        s->status.ok = rc == 0;
        if (rc == 0)
            s->status.last_success = started;
        snprintf(s->status.last_result, sizeof s->status.last_result, "%.511s", result);
        if (rc != 0) {
            s->status.last_error_at = started;
            snprintf(s->status.last_error, sizeof s->status.last_error, "%.511s", result);
        }
        if (fresh) {
            feed_free(s->ready);
            s->ready = fresh;
            snprintf(s->ready_dir, sizeof s->ready_dir, "%s", dir);
        }
        struct sync_status st = s->status;
        uint64_t delay = rc == 0 ? backoff_success(&s->backoff) : backoff_failure(&s->backoff);
        next = mono_ms() + delay;
        pthread_mutex_unlock(&s->lock);
        write_status(s, &st);
        if (s->notify)
            s->notify(s->ctx);
    }
    return NULL;
}

struct sync *sync_start(const struct sync_settings *settings, struct store *store, sync_decode_fn decode,
                        sync_notify_fn notify, void *ctx, char *err, size_t errlen)
{
    struct sync *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->cfg = *settings;
    s->store = store;
    s->decode = decode;
    s->notify = notify;
    s->ctx = ctx;
    backoff_init(&s->backoff, settings->interval_ms, (uint64_t)time(NULL) ^ (uint64_t)getpid());
    char cur[1024];
    if (store_current(store, cur, sizeof cur) == 0) {
        const char *slash = strrchr(cur, '/');
        snprintf(s->status.version, sizeof s->status.version, "%.95s", slash ? slash + 1 : cur);
        resume_status(s);
    }
    pthread_mutex_init(&s->lock, NULL);
    sem_init(&s->kick, 0, 0);
    if (pthread_create(&s->thread, NULL, run, s) != 0) {
        snprintf(err, errlen, "cannot start the sync thread: %s", strerror(errno));
        sync_stop(s);
        return NULL;
    }
    s->started = true;
    return s;
}

void sync_stop(struct sync *s)
{
    if (!s)
        return;
    if (s->started) {
        s->quit = true;
        sem_post(&s->kick);
        pthread_join(s->thread, NULL);
    }
    sem_destroy(&s->kick);
    pthread_mutex_destroy(&s->lock);
    feed_free(s->ready);
    free(s);
}

void sync_now(struct sync *s)
{
    sem_post(&s->kick); /* async-signal-safe: a SIGUSR1 handler may call this */
}

bool sync_take(struct sync *s, struct feed **feed, char *dir, size_t dirlen)
{
    pthread_mutex_lock(&s->lock);
    bool got = s->ready != NULL;
    if (got) {
        *feed = s->ready;
        s->ready = NULL;
        snprintf(dir, dirlen, "%s", s->ready_dir);
    }
    pthread_mutex_unlock(&s->lock);
    return got;
}

void sync_get_status(struct sync *s, struct sync_status *out)
{
    pthread_mutex_lock(&s->lock);
    *out = s->status;
    pthread_mutex_unlock(&s->lock);
}
