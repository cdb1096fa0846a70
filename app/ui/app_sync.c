/* The kiosk's side of remote content: which feed to start with (offline
 * first: the last good downloaded version, else the bundled feed), the sync
 * worker's settings from the config, decoding checks for downloaded
 * pictures, and taking new versions as they arrive. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/app.h"
#include "net/fetch.h"
#include "ui/image.h"

/* Runs on the sync thread: SDL_image may decode there. SVG is rasterised
 * small, so a huge declared size costs nothing. */
static int decode_check(const char *path, char *err, size_t errlen)
{
    SDL_Surface *s = image_load_contain(path, 64, 64, err, errlen);
    if (!s)
        return -1;
    SDL_FreeSurface(s);
    return 0;
}

static void wake_ui(void *ctx)
{
    struct app *a = ctx;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = a->wake_event;
    SDL_PushEvent(&ev);
}

bool app_sync_configured(const struct app *a) { return a->cfg.feed_url[0] != 0; }

/* SIGUSR1 asks for a sync round now (`systemctl kill -s USR1 qingfeng`).
 * The handler needs the worker; sync_now only posts a semaphore. */
static struct sync *signal_target;

static void on_usr1(int sig)
{
    (void)sig;
    if (signal_target)
        sync_now(signal_target);
}

int app_open_store(struct app *a)
{
    char err[1024];
    if (!a->store && store_open(&a->store, a->cfg.state_dir, err, sizeof err) != 0) {
        log_err("store: %s; syncing is off, showing local content", err);
        a->store = NULL;
        return -1;
    }
    char dir[QF_PATH_MAX];
    if (store_current(a->store, dir, sizeof dir) != 0)
        return -1;
    struct feed *f = feed_load_dir(dir, err, sizeof err);
    if (!f) {
        log_err("feed: %s; the downloaded version is unusable, showing the bundled feed", err);
        return -1;
    }
    a->feed = f;
    snprintf(a->feed_dir, sizeof a->feed_dir, "%s", dir);
    store_keep_shown(a->store, dir);
    return 0;
}

int app_start_sync(struct app *a)
{
    char err[1024];
    if (!a->store)
        return -1;
    /* libcurl (and OpenSSL and the thirty libraries behind it) is loaded
     * here, only on screens that sync or report. No other thread uses it yet. */
    if (fetch_global_init() != 0) {
        log_err("sync: libcurl cannot start (or lacks HTTPS support); not syncing");
        return -1;
    }
    struct sync_settings st;
    memset(&st, 0, sizeof st);
    snprintf(st.url, sizeof st.url, "%s", a->cfg.feed_url);
    if (a->cfg.public_key[0]) {
        if (minisign_key_load(a->cfg.public_key, &st.key, err, sizeof err) != 0) {
            log_err("sync: public_key: %s; not syncing (fix the key in the [sync] section)", err);
            return -1;
        }
        st.has_key = true;
    } else {
        log_warn("sync: %s: no public_key configured: the feed's signature is not checked", st.url);
    }
    st.interval_ms = a->cfg.sync_interval_ms;
    snprintf(st.ca_file, sizeof st.ca_file, "%s", a->cfg.ca_file);
    snprintf(st.proxy, sizeof st.proxy, "%s", a->cfg.proxy);
    st.max_feed_bytes = a->cfg.max_feed_bytes;
    st.max_asset_bytes = a->cfg.max_asset_bytes;
    st.max_image_pixels = a->cfg.max_image_pixels;
    snprintf(st.allow_hosts, sizeof st.allow_hosts, "%s", a->cfg.allow_hosts);
    a->sync = sync_start(&st, a->store, decode_check, wake_ui, a, err, sizeof err);
    if (!a->sync) {
        log_err("sync: %s", err);
        return -1;
    }
    signal_target = a->sync;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    log_info("sync: %s every %u s into %s", st.url, (unsigned)(st.interval_ms / 1000), a->cfg.state_dir);
    return 0;
}

bool app_sync_poll(struct app *a)
{
    struct feed *f;
    char dir[QF_PATH_MAX];
    if (!a->sync || !sync_take(a->sync, &f, dir, sizeof dir))
        return false;
    app_offer_content(a, f, dir);
    return true;
}

void app_sync_show_round(struct app *a)
{
    if (!a->sync || !a->nav_up || nav_current(&a->nav)->kind != SCENE_ADMIN)
        return;
    struct sync_status st;
    sync_get_status(a->sync, &st);
    if (st.rounds == a->admin_rounds_seen)
        return;
    /* 同步完成 / 同步失败，原有内容不变 */
    app_status_refresh(a, st.ok ? "\xE5\x90\x8C\xE6\xAD\xA5\xE5\xAE\x8C\xE6\x88\x90"
                                : "\xE5\x90\x8C\xE6\xAD\xA5\xE5\xA4\xB1\xE8\xB4\xA5\xEF\xBC\x8C\xE5\x8E\x9F\xE6\x9C\x89"
                                  "\xE5\x86\x85\xE5\xAE\xB9\xE4\xB8\x8D\xE5\x8F\x98");
    app_scene_changed(a);
}

void app_sync_now(struct app *a)
{
    if (a->sync)
        sync_now(a->sync);
}

static void local_time(time_t t, char *out, size_t len)
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, len, "%m-%d %H:%M", &tm);
}

void app_sync_describe(struct app *a, struct admin_status *out)
{
    out->syncing = a->sync != NULL;
    out->last_sync[0] = out->last_success[0] = out->last_error[0] = 0;
    if (!a->sync)
        return;
    struct sync_status st;
    sync_get_status(a->sync, &st);
    char when[32];
    /* 尚未同步 / <time> 成功|失败：<result> */
    if (!st.last_attempt) {
        snprintf(out->last_sync, sizeof out->last_sync, "\xE5\xB0\x9A\xE6\x9C\xAA\xE5\x90\x8C\xE6\xAD\xA5");
    } else {
        local_time(st.last_attempt, when, sizeof when);
        snprintf(out->last_sync, sizeof out->last_sync, "%s %s\xEF\xBC\x9A%.100s", when,
                 st.ok ? "\xE6\x88\x90\xE5\x8A\x9F" : "\xE5\xA4\xB1\xE8\xB4\xA5", st.last_result);
    }
    if (st.last_success)
        local_time(st.last_success, out->last_success, sizeof out->last_success);
    if (st.last_error_at) {
        local_time(st.last_error_at, when, sizeof when);
        snprintf(out->last_error, sizeof out->last_error, "%s %.160s", when, st.last_error);
    }
}

void app_stop_sync(struct app *a)
{
    signal(SIGUSR1, SIG_IGN);
    signal_target = NULL;
    sync_stop(a->sync);
    a->sync = NULL;
    store_close(a->store);
    a->store = NULL;
}
