/* The heartbeat's status document: every field from the facts, unknowns as
 * null, local times with their offset, cut texts still valid JSON; the
 * screen id as a URL segment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/heartbeat_doc.h"

static int china_time(void **state)
{
    (void)state;
    setenv("TZ", "CST-8", 1); /* a POSIX zone: no tzdata needed */
    tzset();
    return 0;
}

static struct heartbeat_facts sample(void)
{
    struct heartbeat_facts f;
    memset(&f, 0, sizeof f);
    struct heartbeat_screen *s = &f.screen;
    snprintf(s->screen_id, sizeof s->screen_id, "lobby-3F_1");
    snprintf(s->app_version, sizeof s->app_version, "0.2.0");
    snprintf(s->content_title, sizeof s->content_title, "清风 示例内容");
    snprintf(s->content_dir, sizeof s->content_dir, "/var/lib/qingfeng/versions/20261122T080102Z-3fa2c1d09b7e/");
    s->content_items = 42;
    s->width = 1080;
    s->height = 1920;
    snprintf(s->on_screen, sizeof s->on_screen, "attract item=maxim-1");
    s->asleep = -1;
    s->started_at = 1796572800; /* 2026-12-07 00:00:00 +08:00 */
    s->sync_configured = true;
    s->sync_last_attempt = 1796573400;
    s->sync_ok = false;
    snprintf(s->sync_result, sizeof s->sync_result, "http://cms/feed.json: connection refused");
    snprintf(s->sync_last_error, sizeof s->sync_last_error, "http://cms/feed.json: connection refused");
    s->outbox_known = true;
    s->outbox_pending = 3;
    snprintf(f.content_sha256, sizeof f.content_sha256, "3fa2c1d09b7e");
    f.sent_at = 1796576400; /* 01:00:00 */
    f.app_uptime_s = 3600;
    f.box_uptime_s = 7200;
    f.interval_s = 300;
    f.beat = 12;
    f.disk_free_bytes = 12345678901LL;
    f.rss_bytes = 80 << 20;
    f.mem_available_bytes = -1;
    f.mem_total_bytes = 2LL << 30;
    f.warnings = 4;
    f.errors = 1;
    snprintf(f.last_error, sizeof f.last_error, "store: disk full");
    f.failed_puts = 2;
    f.screenshot = "screen.png";
    return f;
}

static json_t *doc_of(const struct heartbeat_facts *f)
{
    char *text = heartbeat_doc_json(f);
    assert_non_null(text);
    assert_int_equal(text[strlen(text) - 1], '\n');
    json_error_t e;
    json_t *d = json_loads(text, 0, &e);
    if (!d)
        fail_msg("not JSON: %s\n%s", e.text, text);
    free(text);
    return d;
}

#define INT_AT(d, path) json_integer_value(json_object_get(d, path))
#define STR_AT(d, path) json_string_value(json_object_get(d, path))

static void every_field(void **state)
{
    (void)state;
    struct heartbeat_facts f = sample();
    json_t *d = doc_of(&f);
    assert_int_equal(INT_AT(d, "schema"), 1);
    assert_string_equal(STR_AT(d, "screen_id"), "lobby-3F_1");
    assert_string_equal(STR_AT(d, "app_version"), "0.2.0");
    json_t *c = json_object_get(d, "content");
    assert_string_equal(STR_AT(c, "title"), "清风 示例内容");
    assert_string_equal(STR_AT(c, "version"), "20261122T080102Z-3fa2c1d09b7e");
    assert_string_equal(STR_AT(c, "sha256"), "3fa2c1d09b7e");
    assert_int_equal(INT_AT(c, "items"), 42);
    assert_int_equal(INT_AT(d, "sent_at"), 1796576400);
    assert_string_equal(STR_AT(d, "sent_at_local"), "2026-12-07T01:00:00+08:00");
    assert_int_equal(INT_AT(d, "started_at"), 1796572800);
    assert_string_equal(STR_AT(d, "started_at_local"), "2026-12-07T00:00:00+08:00");
    assert_int_equal(INT_AT(d, "uptime_s"), 3600);
    assert_int_equal(INT_AT(d, "box_uptime_s"), 7200);
    assert_int_equal(INT_AT(d, "heartbeat_s"), 300);
    assert_int_equal(INT_AT(d, "beat"), 12);
    assert_int_equal(INT_AT(d, "failed_beats"), 2);
    json_t *sy = json_object_get(d, "sync");
    assert_true(json_is_false(json_object_get(sy, "ok")));
    assert_int_equal(INT_AT(sy, "last_attempt"), 1796573400);
    assert_string_equal(STR_AT(sy, "result"), "http://cms/feed.json: connection refused");
    assert_true(json_is_null(json_object_get(sy, "last_success")));
    assert_int_equal(INT_AT(json_object_get(d, "outbox"), "pending"), 3);
    assert_int_equal(INT_AT(d, "disk_free_bytes"), 12345678901LL);
    json_t *m = json_object_get(d, "memory");
    assert_int_equal(INT_AT(m, "rss_bytes"), 80 << 20);
    assert_true(json_is_null(json_object_get(m, "available_bytes")));
    assert_int_equal(INT_AT(m, "total_bytes"), 2LL << 30);
    json_t *disp = json_object_get(d, "display");
    assert_int_equal(INT_AT(disp, "width"), 1080);
    assert_int_equal(INT_AT(disp, "height"), 1920);
    assert_string_equal(STR_AT(disp, "orientation"), "portrait");
    assert_string_equal(STR_AT(disp, "on_screen"), "attract item=maxim-1");
    assert_true(json_is_null(json_object_get(disp, "asleep")));
    json_t *log = json_object_get(d, "log");
    assert_int_equal(INT_AT(log, "warnings"), 4);
    assert_int_equal(INT_AT(log, "errors"), 1);
    assert_string_equal(STR_AT(log, "last_error"), "store: disk full");
    assert_string_equal(STR_AT(d, "screenshot"), "screen.png");
    json_decref(d);
}

/* No sync, no uploader, nothing known: nulls, not zeros that look real. */
static void unknowns_are_null(void **state)
{
    (void)state;
    struct heartbeat_facts f = sample();
    f.screen.sync_configured = false;
    f.screen.outbox_known = false;
    f.screen.asleep = 0;
    f.screen.width = 1920;
    f.screen.height = 1080;
    f.disk_free_bytes = f.rss_bytes = f.mem_total_bytes = -1;
    f.box_uptime_s = -1;
    f.last_error[0] = 0;
    f.screenshot = NULL;
    json_t *d = doc_of(&f);
    assert_true(json_is_null(json_object_get(d, "sync")));
    assert_true(json_is_null(json_object_get(d, "outbox")));
    assert_true(json_is_null(json_object_get(d, "disk_free_bytes")));
    assert_true(json_is_null(json_object_get(d, "box_uptime_s")));
    assert_true(json_is_null(json_object_get(json_object_get(d, "memory"), "rss_bytes")));
    assert_true(json_is_null(json_object_get(json_object_get(d, "log"), "last_error")));
    assert_true(json_is_null(json_object_get(d, "screenshot")));
    json_t *disp = json_object_get(d, "display");
    assert_string_equal(STR_AT(disp, "orientation"), "landscape");
    assert_true(json_is_false(json_object_get(disp, "asleep")));
    json_decref(d);
}

/* An error line cut inside a Chinese character keeps the whole characters
 * before the cut, and the document stays valid. */
static void a_cut_character_is_dropped(void **state)
{
    (void)state;
    struct heartbeat_facts f = sample();
    snprintf(f.last_error, sizeof f.last_error, "store: 磁盘已满");
    f.last_error[strlen(f.last_error) - 1] = 0; /* half of 满 */
    json_t *d = doc_of(&f);
    assert_string_equal(STR_AT(json_object_get(d, "log"), "last_error"), "store: 磁盘已");
    json_decref(d);
}

static void ids_and_urls(void **state)
{
    (void)state;
    char url[128];
    assert_true(heartbeat_id_valid("lobby-3F_1.a"));
    assert_false(heartbeat_id_valid(""));
    assert_false(heartbeat_id_valid(".."));
    assert_false(heartbeat_id_valid("a/b"));
    assert_false(heartbeat_id_valid("大厅"));
    assert_false(heartbeat_id_valid("a b"));
    assert_false(heartbeat_id_valid("a%2F"));
    assert_int_equal(heartbeat_url("http://h/reports/", "s1", "status.json", url, sizeof url), 0);
    assert_string_equal(url, "http://h/reports/screens/s1/status.json");
    assert_int_equal(heartbeat_url("https://h", "s1", "screen.png", url, sizeof url), 0);
    assert_string_equal(url, "https://h/screens/s1/screen.png");
    assert_int_equal(heartbeat_url("http://h", "../x", "status.json", url, sizeof url), -1);
    assert_int_equal(heartbeat_url("http://h", "s1", "status.json", url, 20), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_field),
        cmocka_unit_test(unknowns_are_null),
        cmocka_unit_test(a_cut_character_is_dropped),
        cmocka_unit_test(ids_and_urls),
    };
    return cmocka_run_group_tests(tests, china_time, NULL);
}
