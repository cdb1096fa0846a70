/* The administrator's overview: status documents parsed, each screen alive,
 * late or silent by its own interval, the table and the CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/heartbeat_doc.h"
#include "core/screens.h"

#define NOW 1796634000

/* A document as the kiosk writes it: heartbeat_doc_json's own output. */
static char *doc(const char *id, int64_t sent_at, unsigned interval_s, long errors)
{
    struct heartbeat_facts f;
    memset(&f, 0, sizeof f);
    snprintf(f.screen.screen_id, sizeof f.screen.screen_id, "%s", id);
    snprintf(f.screen.app_version, sizeof f.screen.app_version, "0.2.0");
    snprintf(f.screen.content_dir, sizeof f.screen.content_dir, "/s/versions/20261122T080102Z-3fa2c1d09b7e");
    f.screen.sync_configured = true;
    f.screen.sync_last_attempt = sent_at - 60;
    f.screen.sync_ok = true;
    f.sent_at = sent_at;
    f.interval_s = interval_s;
    f.errors = (unsigned long)errors;
    f.disk_free_bytes = 3LL << 30;
    f.rss_bytes = f.mem_available_bytes = f.mem_total_bytes = -1;
    char *text = heartbeat_doc_json(&f);
    assert_non_null(text);
    return text;
}

static struct screen_row parsed(const char *text)
{
    struct screen_row r;
    char err[256];
    if (screens_parse(text, strlen(text), &r, err, sizeof err) != 0)
        fail_msg("%s", err);
    return r;
}

static void reads_what_the_kiosk_writes(void **state)
{
    (void)state;
    char *text = doc("hall-1", NOW - 30, 300, 2);
    struct screen_row r = parsed(text);
    free(text);
    assert_string_equal(r.id, "hall-1");
    assert_int_equal(r.sent_at, NOW - 30);
    assert_int_equal(r.interval_s, 300);
    assert_string_equal(r.app_version, "0.2.0");
    assert_string_equal(r.content, "20261122T080102Z-3fa2c1d09b7e");
    assert_int_equal(r.sync_ok, 1);
    assert_int_equal(r.sync_at, NOW - 90);
    assert_int_equal(r.errors, 2);
    assert_int_equal(r.disk_free_bytes, 3LL << 30);
}

/* Boundaries: 2 intervals is still alive, 6 still late. */
static void alive_late_silent(void **state)
{
    (void)state;
    struct screen_row r = {.interval_s = 300};
    r.sent_at = NOW - 600;
    assert_int_equal(screens_state(&r, NOW), SCREEN_ALIVE);
    r.sent_at = NOW - 601;
    assert_int_equal(screens_state(&r, NOW), SCREEN_LATE);
    r.sent_at = NOW - 1800;
    assert_int_equal(screens_state(&r, NOW), SCREEN_LATE);
    r.sent_at = NOW - 1801;
    assert_int_equal(screens_state(&r, NOW), SCREEN_SILENT);
    /* a clock ahead of the administrator's: just seen */
    r.sent_at = NOW + 500;
    assert_int_equal(screens_age(&r, NOW), 0);
    assert_int_equal(screens_state(&r, NOW), SCREEN_ALIVE);
    /* the same age is fine for a screen that beats once a day */
    r.interval_s = 86400;
    r.sent_at = NOW - 7200;
    assert_int_equal(screens_state(&r, NOW), SCREEN_ALIVE);
}

static void bad_documents_say_why(void **state)
{
    (void)state;
    struct screen_row r;
    char err[256];
    assert_int_equal(screens_parse("{", 1, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "not JSON"));
    const char *no_id = "{\"sent_at\": 5, \"heartbeat_s\": 300}";
    assert_int_equal(screens_parse(no_id, strlen(no_id), &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "screen_id"));
    const char *no_time = "{\"screen_id\": \"a\", \"sent_at\": \"today\", \"heartbeat_s\": 300}";
    assert_int_equal(screens_parse(no_time, strlen(no_time), &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "sent_at"));
    const char *no_iv = "{\"screen_id\": \"a\", \"sent_at\": 5}";
    assert_int_equal(screens_parse(no_iv, strlen(no_iv), &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "heartbeat_s"));
    assert_int_equal(screens_parse("[1]", 3, &r, err, sizeof err), -1);
}

static char *printed(const struct screen_row *rows, size_t n, int csv)
{
    char *buf = calloc(1, 8192);
    assert_non_null(buf);
    FILE *f = fmemopen(buf, 8191, "w");
    assert_non_null(f);
    if (csv)
        screens_print_csv(f, rows, n, NOW);
    else
        screens_print_table(f, rows, n, NOW);
    fclose(f);
    return buf;
}

static void table_and_csv(void **state)
{
    (void)state;
    struct screen_row rows[3];
    char *t;
    rows[0] = parsed(t = doc("zeta", NOW - 4000, 300, 0));
    free(t);
    rows[1] = parsed(t = doc("alpha", NOW - 42, 300, 7));
    free(t);
    rows[2] = parsed(t = doc("mid", NOW - 700, 300, 0));
    free(t);
    screens_sort(rows, 3);
    assert_string_equal(rows[0].id, "alpha");
    assert_string_equal(rows[2].id, "zeta");

    char *table = printed(rows, 3, 0);
    printf("%s", table);
    const char *a = strstr(table, "\nalpha"), *m = strstr(table, "\nmid"), *z = strstr(table, "\nzeta");
    assert_non_null(a);
    assert_non_null(m);
    assert_non_null(z);
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)strcspn(a + 1, "\n"), a + 1);
    assert_non_null(strstr(line, "42 s ago"));
    assert_non_null(strstr(line, " alive "));
    assert_non_null(strstr(line, "ok 1 min ago"));
    assert_non_null(strstr(line, "3.0 GB"));
    snprintf(line, sizeof line, "%.*s", (int)strcspn(m + 1, "\n"), m + 1);
    assert_non_null(strstr(line, "11 min ago"));
    assert_non_null(strstr(line, " late "));
    snprintf(line, sizeof line, "%.*s", (int)strcspn(z + 1, "\n"), z + 1);
    assert_non_null(strstr(line, "1 h 6 min ago"));
    assert_non_null(strstr(line, " silent "));
    free(table);

    char *csv = printed(rows, 3, 1);
    assert_memory_equal(csv, "\xEF\xBB\xBFscreen_id,state,sent_at,", 25);
    char want[256];
    snprintf(want, sizeof want, "\r\nalpha,alive,%d,42,300,0.2.0,20261122T080102Z-3fa2c1d09b7e,true,%d,0,7,%lld\r\n",
             NOW - 42, NOW - 102, 3LL << 30);
    if (!strstr(csv, want))
        fail_msg("no line %s in\n%s", want, csv);
    assert_non_null(strstr(csv, "\r\nzeta,silent,"));
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_what_the_kiosk_writes),
        cmocka_unit_test(alive_late_silent),
        cmocka_unit_test(bad_documents_say_why),
        cmocka_unit_test(table_and_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
