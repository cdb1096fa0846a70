/* The heartbeat against the WebDAV nginx on 127.0.0.1 that tests/net/run.sh
 * starts (PUT under /reports/): status documents arrive and carry the
 * fields; with the server stopped the failures are logged and nothing
 * breaks; once it is back the next beat arrives; a screenshot arrives
 * beside the status. Runs before test_outbox, which stops and starts the
 * same server: when this test has started it again itself, it leaves it
 * running for test_outbox (run.sh stops it by its pid file).
 *
 * Environment (set by run.sh): QF_DAV_PORT, QF_DAV_DIR, QF_DAV_ROOT,
 * QF_NGINX_BIN, QF_TMP. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/log.h"
#include "core/screens.h"
#include "core/sha256.h"
#include "net/fetch.h"
#include "net/heartbeat.h"
#include "dav_server.h"

#define WAIT_MS 30000 /* only a hung heartbeat gets near this */

/* ---- the log into a buffer ------------------------------------------------ */

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_text[1 << 16];

static void log_into(void *ctx, const char *line)
{
    (void)ctx;
    pthread_mutex_lock(&log_lock);
    size_t n = strlen(log_text);
    snprintf(log_text + n, sizeof log_text - n, "%s", line);
    pthread_mutex_unlock(&log_lock);
}

static bool log_has(const char *word)
{
    pthread_mutex_lock(&log_lock);
    bool seen = strstr(log_text, word) != NULL;
    pthread_mutex_unlock(&log_lock);
    return seen;
}

/* The first line of the log holding word (a new string), or NULL. */
static char *log_line(const char *word)
{
    pthread_mutex_lock(&log_lock);
    char *line = NULL, *hit = strstr(log_text, word);
    if (hit) {
        while (hit > log_text && hit[-1] != '\n')
            hit--;
        line = strndup(hit, strcspn(hit, "\n"));
    }
    pthread_mutex_unlock(&log_lock);
    return line;
}

/* ---- a stand-in for the UI thread ----------------------------------------- */

struct fake_ui {
    struct heartbeat *hb;
    pthread_mutex_t lock;
    struct heartbeat_screen screen;
    unsigned wants;
};

/* The UI would be woken and offer from its own thread; offering at once
 * is the same to the heartbeat. */
static void ui_want(void *ctx)
{
    struct fake_ui *ui = ctx;
    pthread_mutex_lock(&ui->lock);
    ui->wants++;
    snprintf(ui->screen.on_screen, sizeof ui->screen.on_screen, "attract item=want-%u", ui->wants);
    struct heartbeat_screen snap = ui->screen;
    struct heartbeat *hb = ui->hb;
    pthread_mutex_unlock(&ui->lock);
    if (hb && heartbeat_wants(hb))
        heartbeat_offer(hb, &snap);
}

/* A 1x1 PNG: the heartbeat only carries the bytes. */
static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00,
    0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01,
    0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
    0x82};

static int ui_shot(void *ctx, void **png, size_t *len, char *err, size_t errlen)
{
    (void)ctx;
    *png = malloc(sizeof tiny_png);
    if (!*png) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(*png, tiny_png, sizeof tiny_png);
    *len = sizeof tiny_png;
    return 0;
}

static struct fake_ui *fake_ui_new(const char *id)
{
    struct fake_ui *ui = calloc(1, sizeof *ui);
    assert_non_null(ui);
    pthread_mutex_init(&ui->lock, NULL);
    struct heartbeat_screen *s = &ui->screen;
    snprintf(s->screen_id, sizeof s->screen_id, "%s", id);
    snprintf(s->app_version, sizeof s->app_version, "9.9.9");
    snprintf(s->content_title, sizeof s->content_title, "测试内容");
    char *dir = path_fmt("%s/content-%s", env("QF_TMP"), id), *feed = path_fmt("%s/feed.json", dir);
    mkdir(dir, 0755);
    FILE *f = fopen(feed, "w");
    assert_non_null(f);
    fputs("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": []}\n", f);
    fclose(f);
    snprintf(s->content_dir, sizeof s->content_dir, "%s", dir);
    free(dir);
    free(feed);
    s->content_items = 0;
    s->width = 1920;
    s->height = 1080;
    s->asleep = -1;
    s->started_at = (int64_t)time(NULL) - 100;
    return ui;
}

static void fake_ui_free(struct fake_ui *ui)
{
    pthread_mutex_destroy(&ui->lock);
    free(ui);
}

static struct heartbeat *start(struct fake_ui *ui, uint32_t interval_ms, bool shot)
{
    struct heartbeat_settings st;
    char err[512];
    memset(&st, 0, sizeof st);
    snprintf(st.report_url, sizeof st.report_url, "http://127.0.0.1:%s/reports/", env("QF_DAV_PORT"));
    snprintf(st.screen_id, sizeof st.screen_id, "%s", ui->screen.screen_id);
    snprintf(st.state_dir, sizeof st.state_dir, "%s", env("QF_TMP"));
    st.interval_ms = interval_ms;
    st.retry_base_ms = 200;
    st.want = ui_want;
    st.shot = shot ? ui_shot : NULL;
    st.ctx = ui;
    pthread_mutex_lock(&ui->lock);
    struct heartbeat *hb = heartbeat_start(&st, &ui->screen, err, sizeof err);
    ui->hb = hb;
    pthread_mutex_unlock(&ui->lock);
    if (!hb)
        fail_msg("heartbeat_start: %s", err);
    return hb;
}

static bool wait_sent(struct heartbeat *hb, unsigned long n, struct heartbeat_status *st)
{
    for (int64_t until = mono_ms() + WAIT_MS; mono_ms() < until; sleep_ms(20)) {
        heartbeat_get_status(hb, st);
        if (st->sent >= n)
            return true;
    }
    return false;
}

static json_t *status_on_server(const char *id)
{
    char *path = path_fmt("%s/reports/screens/%s/status.json", env("QF_DAV_ROOT"), id);
    size_t n;
    char *text = dav_read_file(path, &n);
    if (!text)
        fail_msg("%s is not on the server", path);
    json_error_t e;
    json_t *d = json_loads(text, 0, &e);
    if (!d)
        fail_msg("%s is not JSON: %s", path, e.text);
    free(text);
    free(path);
    return d;
}

#define INT_AT(d, k) json_integer_value(json_object_get(d, k))
#define STR_AT(d, k) json_string_value(json_object_get(d, k))

/* ---- tests ---------------------------------------------------------------- */

static void beats_arrive_with_the_fields(void **state)
{
    struct fake_ui *ui = fake_ui_new("hb-fields");
    log_warn("test: a warning before the first beat");
    struct heartbeat *hb = start(ui, 1000, false);
    struct heartbeat_status st;
    bool two = wait_sent(hb, 2, &st);
    heartbeat_stop(hb);
    assert_true(two);
    assert_int_equal(st.failures, 0);
    assert_true(st.last_success > 0);

    json_t *d = status_on_server("hb-fields");
    assert_int_equal(INT_AT(d, "schema"), 1);
    assert_string_equal(STR_AT(d, "screen_id"), "hb-fields");
    assert_string_equal(STR_AT(d, "app_version"), "9.9.9");
    assert_true(INT_AT(d, "beat") >= 2);
    assert_int_equal(INT_AT(d, "heartbeat_s"), 1);
    assert_true(INT_AT(d, "uptime_s") >= 100);
    assert_true(llabs((long long)(INT_AT(d, "sent_at") - (json_int_t)time(NULL))) < 600);
    assert_non_null(STR_AT(d, "sent_at_local"));
    json_t *c = json_object_get(d, "content");
    assert_string_equal(STR_AT(c, "title"), "测试内容");
    assert_string_equal(STR_AT(c, "version"), "content-hb-fields");
    char *feed = path_fmt("%s/content-hb-fields/feed.json", env("QF_TMP")), hex[SHA256_HEX_LEN + 1];
    assert_int_equal(sha256_hex_file(feed, hex, NULL), 0);
    free(feed);
    assert_memory_equal(STR_AT(c, "sha256"), hex, 12);
    assert_true(INT_AT(d, "disk_free_bytes") > 0);
    assert_true(INT_AT(json_object_get(d, "memory"), "rss_bytes") > 0);
    json_t *disp = json_object_get(d, "display");
    assert_int_equal(INT_AT(disp, "width"), 1920);
    assert_string_equal(STR_AT(disp, "orientation"), "landscape");
    /* the snapshot the "UI" offered for this very beat */
    assert_non_null(strstr(STR_AT(disp, "on_screen"), "attract item=want-"));
    assert_true(json_is_null(json_object_get(d, "screenshot")));
    json_decref(d);

    /* the first beat counted the warning logged before it */
    assert_true(log_has("<4>test: a warning before the first beat"));
    fake_ui_free(ui);
}

/* Server down: failures logged with the URL and the reason, no crash, the
 * thread keeps trying; server back: the next beat arrives and says how
 * many failed. */
static void outage_and_recovery(void **state)
{
    struct fake_ui *ui = fake_ui_new("hb-outage");
    struct heartbeat *hb = start(ui, 1500, false);
    struct heartbeat_status before, down, after;
    bool first = wait_sent(hb, 1, &before);

    dav_stop();
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%s/reports/screens/hb-outage/status.json", env("QF_DAV_PORT"));
    bool logged = false;
    for (int64_t until = mono_ms() + WAIT_MS; !logged && mono_ms() < until; sleep_ms(20))
        logged = log_has(url) && log_has("<4>heartbeat: ");
    for (int64_t until = mono_ms() + WAIT_MS; mono_ms() < until; sleep_ms(20)) {
        heartbeat_get_status(hb, &down);
        if (down.failures >= 2)
            break;
    }
    unsigned long sent_while_down = down.sent;

    dav_start();
    bool back = wait_sent(hb, sent_while_down + 1, &after);
    heartbeat_stop(hb);

    assert_true(first);
    assert_true(logged);
    assert_true(down.failures >= 2);
    assert_non_null(strstr(down.last_error, url));
    assert_true(back);
    assert_int_equal(after.failures, 0);
    assert_non_null(strstr(after.last_error, url)); /* kept after the recovery */
    char *line = log_line("<4>heartbeat: ");
    if (!line)
        fail_msg("no \"<4>heartbeat: \" line in the log: %s", log_text);
    printf("    %s\n", line ? line : "");
    assert_non_null(strstr(line, url));
    assert_non_null(strstr(line, "connection refused"));
    free(line);

    json_t *d = status_on_server("hb-outage");
    assert_true(INT_AT(d, "failed_beats") >= 2);
    assert_true(INT_AT(d, "beat") >= 3);
    /* its own warnings during the outage are counted in the next document */
    assert_true(INT_AT(json_object_get(d, "log"), "warnings") >= 1);
    char *text = json_dumps(d, 0);
    struct screen_row row;
    char err[256];
    assert_int_equal(screens_parse(text, strlen(text), &row, err, sizeof err), 0);
    assert_int_equal(screens_state(&row, (int64_t)time(NULL)), SCREEN_ALIVE);
    free(text);
    json_decref(d);
    fake_ui_free(ui);
}

static void screenshot_beside_the_status(void **state)
{
    struct fake_ui *ui = fake_ui_new("hb-shot");
    struct heartbeat *hb = start(ui, 60000, true);
    struct heartbeat_status st;
    bool one = wait_sent(hb, 1, &st);
    heartbeat_stop(hb);
    assert_true(one);
    char *path = path_fmt("%s/reports/screens/hb-shot/screen.png", env("QF_DAV_ROOT"));
    size_t n;
    char *png = dav_read_file(path, &n);
    if (!png)
        fail_msg("%s is not on the server", path);
    assert_int_equal(n, sizeof tiny_png);
    assert_memory_equal(png, tiny_png, n);
    free(png);
    free(path);
    json_t *d = status_on_server("hb-shot");
    assert_string_equal(STR_AT(d, "screenshot"), "screen.png");
    json_decref(d);
    fake_ui_free(ui);
}

static void refuses_what_cannot_be_a_url(void **state)
{
    struct heartbeat_settings st;
    struct heartbeat_screen s;
    char err[512] = "";
    memset(&st, 0, sizeof st);
    memset(&s, 0, sizeof s);
    st.interval_ms = 1000;
    snprintf(st.report_url, sizeof st.report_url, "http://127.0.0.1/reports");
    snprintf(st.screen_id, sizeof st.screen_id, "大厅/1");
    assert_null(heartbeat_start(&st, &s, err, sizeof err));
    assert_non_null(strstr(err, "[report] screen_id"));
    snprintf(st.screen_id, sizeof st.screen_id, "hall-1");
    snprintf(st.report_url, sizeof st.report_url, "ftp://127.0.0.1/reports");
    assert_null(heartbeat_start(&st, &s, err, sizeof err));
    assert_non_null(strstr(err, "ftp://127.0.0.1/reports"));
}

static int global_init(void **state)
{
    log_set_sink(log_into, NULL);
    return fetch_global_init();
}

static int global_cleanup(void **state)
{
    log_set_sink(NULL, NULL);
    fetch_global_cleanup(); /* a WebDAV nginx started here stays up for test_outbox */
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_what_cannot_be_a_url),
        cmocka_unit_test(beats_arrive_with_the_fields),
        cmocka_unit_test(screenshot_beside_the_status),
        cmocka_unit_test(outage_and_recovery),
    };
    return cmocka_run_group_tests(tests, global_init, global_cleanup);
}
