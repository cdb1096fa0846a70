/* The visit's state from start to end, and what the admin panel reports
 * and does: the facts it shows, and reloading the content. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/sha256.h"
#include "ui/app.h"
#include "ui/version.h"

/* 未配置远程内容源：显示本机内容 */
static const char NO_SYNC[] = "\xE6\x9C\xAA\xE9\x85\x8D\xE7\xBD\xAE\xE8\xBF\x9C\xE7\xA8\x8B\xE5\x86\x85\xE5\xAE\xB9"
                              "\xE6\xBA\x90\xEF\xBC\x9A\xE6\x98\xBE\xE7\xA4\xBA\xE6\x9C\xAC\xE6\x9C\xBA\xE5\x86\x85"
                              "\xE5\xAE\xB9";

void app_set_per_page(struct app *a)
{
    for (int m = 0; m < NAV_MODULES; m++)
        nav_set_per_page(&a->nav, (enum item_kind)m, screen_list_per_page(&a->g, (enum item_kind)m));
}

int app_visit_init(struct app *a, int min_target)
{
    if (nav_init_shown(&a->nav, a->feed, a->sched_shown) != 0) {
        log_err("out of memory");
        return -1;
    }
    a->nav_up = true;
    app_set_per_page(a);
    stage_init(&a->stage, a->ren);
    a->pressed = -1;
    struct scroll_params sp = scroll_params_default();
    scroll_init(&a->scroll, &sp, 1, 1, app_now(a));
    idle_init(&a->idle, a->cfg.idle_timeout_ms, a->cfg.idle_countdown_ms, app_now(a));
    admin_gesture_init(&a->admin_tap, (enum admin_corner)a->cfg.admin_corner, (float)min_target, a->cfg.admin_taps,
                       a->cfg.admin_window_ms);
    pin_guard_init(&a->pin_guard, a->cfg.pin_lock_tries, a->cfg.pin_lock_ms);
    a->cfg_sync_note = NO_SYNC;
    a->status.started = a->wall_start;
    return 0;
}

void app_visit_destroy(struct app *a)
{
    stage_clear(&a->stage);
    a->shown = NULL;
    app_visit_free(a);
    if (a->nav_up)
        nav_free(&a->nav);
    a->nav_up = false;
}

void app_content_hash(const char *feed_dir, char out[13])
{
    char path[QF_PATH_MAX];
    char *text = NULL;
    size_t len = 0;
    snprintf(out, 13, "?");
    if (path_join(path, sizeof path, feed_dir, "feed.json") != 0 ||
        feed_read_file(path, FEED_MAX_BYTES, &text, &len) != 0)
        return;
    char hex[65];
    sha256_hex_buffer(text, len, hex);
    snprintf(out, 13, "%.12s", hex);
    free(text);
}

static void content_facts(struct app *a)
{
    struct admin_status *s = &a->status;
    char path[QF_PATH_MAX], hash[13];
    snprintf(s->content, sizeof s->content, "%.60s (%.90s)", a->feed->title ? a->feed->title : "", a->feed_dir);
    snprintf(s->content_version, sizeof s->content_version, "?");
    snprintf(s->content_date, sizeof s->content_date, "?");
    if (path_join(path, sizeof path, a->feed_dir, "feed.json") != 0)
        return;
    app_content_hash(a->feed_dir, hash);
    if (strcmp(hash, "?"))
        /* 版本 <hash>，共 N 条 */
        snprintf(s->content_version, sizeof s->content_version, "%s \xC2\xB7 \xE5\x85\xB1 %zu \xE6\x9D\xA1", hash,
                 a->feed->n_items);
    struct stat st;
    if (stat(path, &st) == 0) {
        struct tm tm;
        localtime_r(&st.st_mtime, &tm);
        strftime(s->content_date, sizeof s->content_date, "%Y-%m-%d %H:%M", &tm);
    }
}

void app_status_refresh(struct app *a, const char *message)
{
    struct admin_status *s = &a->status;
    snprintf(s->app_version, sizeof s->app_version, "%s", QF_VERSION);
    content_facts(a);
    app_sync_describe(a, s);
    if (a->sync) {
        struct sync_status st;
        sync_get_status(a->sync, &st);
        a->admin_rounds_seen = st.rounds;
    }
    if (!s->last_sync[0])
        snprintf(s->last_sync, sizeof s->last_sync, "%s", a->cfg_sync_note);
    if (gethostname(s->screen_id, sizeof s->screen_id) != 0)
        snprintf(s->screen_id, sizeof s->screen_id, "?");
    s->screen_id[sizeof s->screen_id - 1] = 0;
    s->width = a->w;
    s->height = a->h;
    s->now = app_wall(a);
    snprintf(s->state_dir, sizeof s->state_dir, "%.255s", a->store ? a->cfg.state_dir : a->feed_dir);
    snprintf(s->message, sizeof s->message, "%s", message ? message : "");
    app_sleep_describe(a, s->sleep, sizeof s->sleep);
    a->admin_serial++;
}

void app_reload_content(struct app *a)
{
    struct feed *old = a->feed;
    char old_dir[QF_PATH_MAX];
    /* app_load_feed fills a->feed and a->feed_dir; app_swap_content frees the old feed. */
    snprintf(old_dir, sizeof old_dir, "%s", a->feed_dir);
    a->feed = NULL;
    if (app_load_feed(a) != EXIT_OK) {
        a->feed = old;
        snprintf(a->feed_dir, sizeof a->feed_dir, "%s", old_dir);
        /* 重新载入失败，继续显示原有内容（详见日志） */
        app_status_refresh(a, "\xE9\x87\x8D\xE6\x96\xB0\xE8\xBD\xBD\xE5\x85\xA5\xE5\xA4\xB1\xE8\xB4\xA5\xEF\xBC\x8C"
                              "\xE7\xBB\xA7\xE7\xBB\xAD\xE6\x98\xBE\xE7\xA4\xBA\xE5\x8E\x9F\xE6\x9C\x89\xE5\x86\x85"
                              "\xE5\xAE\xB9\xEF\xBC\x88\xE8\xAF\xA6\xE8\xA7\x81\xE6\x97\xA5\xE5\xBF\x97\xEF\xBC\x89");
        app_scene_changed(a);
        return;
    }
    struct feed *fresh = a->feed;
    a->feed = old;
    if (app_swap_content(a, fresh, a->feed_dir) != 0)
        return;
    log_info("feed: reloaded %s: %zu items", a->feed_dir, a->feed->n_items);
    /* The administrator stays on the panel and sees the result. */
    nav_start_visit(&a->nav);
    nav_open_pin(&a->nav);
    nav_open_admin(&a->nav);
    /* 内容已重新载入 */
    app_status_refresh(a, "\xE5\x86\x85\xE5\xAE\xB9\xE5\xB7\xB2\xE9\x87\x8D\xE6\x96\xB0\xE8\xBD\xBD\xE5\x85\xA5");
    app_scene_changed(a);
}
