/* The usage report: hourly documents summed per day, screen and item and
 * per day and screen (学习人次, 参与人次), one document per screen and hour
 * counted, documents found in stats/<screen>/ folders only, titles from a
 * feed and module rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/durable.h"
#include "core/playstats_doc.h"
#include "core/usage_report.h"

#define BOM "\xEF\xBB\xBF"
#define ITEMS_HEAD BOM "日期,屏幕,内容编号,标题,展示次数,展示时长(秒),打开次数,阅读时长(秒),学后测完成\r\n"
#define DAILY_HEAD BOM "日期,屏幕,访问人次,学习人次,参与人次,知识挑战赛完成,知识挑战赛放弃,学后测完成,点击次数,阅读时长(秒)\r\n"

static const char *doc(const char *screen, const char *hour, const char *counters)
{
    static char buf[2048];
    snprintf(buf, sizeof buf,
             "{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"%s\", \"hour\": \"%s\", \"counters\": %s}",
             screen, hour, counters);
    return buf;
}

static void add(struct usage_report *u, const char *json, int want)
{
    char err[256] = "";
    int rc = usage_report_add(u, json, strlen(json), err, sizeof err);
    if (rc != want)
        fail_msg("add gave %d, not %d: %s", rc, want, err);
}

static void test_tables(void **state)
{
    (void)state;
    struct usage_report *u = usage_report_new();
    assert_non_null(u);
    /* Two hours of one day on lobby-1, another day, another screen. */
    add(u, doc("lobby-1", "2025-06-02T09",
               "{\"\": {\"visits\": 3, \"learning_visits\": 2, \"taps\": 20, \"quiz_finished\": 1},"
               " \"case-1\": {\"shows\": 4, \"show_ms\": 32000, \"opens\": 2, \"read_ms\": 61500, \"checks\": 1},"
               " \"@case\": {\"opens\": 2}, \"maxim-1\": {\"shows\": 5, \"show_ms\": 40000}}"),
        1);
    add(u, doc("lobby-1", "2025-06-02T23",
               "{\"\": {\"visits\": 1, \"taps\": 2, \"quiz_abandoned\": 1}, \"maxim-1\": {\"shows\": 1, \"show_ms\": 8000}}"),
        1);
    add(u, doc("lobby-1", "2025-06-03T00", "{\"maxim-1\": {\"shows\": 2, \"show_ms\": 16000}}"), 1);
    add(u, doc("hall-2", "2025-06-02T10", "{\"\": {\"visits\": 1, \"learning_visits\": 1}, \"case-1\": {\"opens\": 1, \"read_ms\": 1000}}"), 1);
    /* The same screen and hour again (a copy elsewhere): counted once. */
    add(u, doc("lobby-1", "2025-06-02T09", "{\"\": {\"visits\": 100}}"), 0);
    add(u, doc("../x", "2025-06-02T09", "{}"), -1);
    assert_int_equal(usage_report_count(u), 4);
    assert_int_equal(usage_report_duplicates(u), 1);
    assert_int_equal(usage_report_screens(u), 2);

    struct feed_item items[1];
    memset(items, 0, sizeof items);
    items[0].id = "case-1";
    items[0].title = "电子红包, \"案例\"";
    struct feed feed;
    memset(&feed, 0, sizeof feed);
    feed.items = items;
    feed.n_items = 1;

    size_t len, rows;
    char *csv = usage_report_items_csv(u, &feed, &len, &rows);
    assert_non_null(csv);
    assert_int_equal(len, strlen(csv));
    assert_string_equal(csv, ITEMS_HEAD
                        "2025-06-02,hall-2,case-1,\"电子红包, \"\"案例\"\"\",0,0.0,1,1.0,0\r\n"
                        "2025-06-02,lobby-1,@case,模块：警示教育,0,0.0,2,0.0,0\r\n"
                        "2025-06-02,lobby-1,case-1,\"电子红包, \"\"案例\"\"\",4,32.0,2,61.5,1\r\n"
                        "2025-06-02,lobby-1,maxim-1,,6,48.0,0,0.0,0\r\n"
                        "2025-06-03,lobby-1,maxim-1,,2,16.0,0,0.0,0\r\n");
    assert_int_equal(rows, 5);
    free(csv);

    csv = usage_report_daily_csv(u, &len, &rows);
    assert_non_null(csv);
    /* 参与人次 = quiz rounds (finished or abandoned) + 学后测 done. */
    assert_string_equal(csv, DAILY_HEAD
                        "2025-06-02,hall-2,1,1,0,0,0,0,0,1.0\r\n"
                        "2025-06-02,lobby-1,4,2,3,1,1,1,22,61.5\r\n"
                        "2025-06-03,lobby-1,0,0,0,0,0,0,0,0.0\r\n");
    assert_int_equal(rows, 3);
    free(csv);
    usage_report_free(u);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

struct bad {
    int n;
    char last[512];
};

static void on_bad(void *ctx, const char *path, const char *reason)
{
    struct bad *b = ctx;
    b->n++;
    snprintf(b->last, sizeof b->last, "%s: %s", path, reason);
}

static void test_folder(void **state)
{
    (void)state;
    char dir[64], path[256], err[256];
    snprintf(dir, sizeof dir, "/tmp/qf-usage-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/stats", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/stats/lobby-1", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/results", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/stats/lobby-1/2025-06-02T09.json", dir);
    put(path, doc("lobby-1", "2025-06-02T09", "{\"\": {\"visits\": 2}}"));
    snprintf(path, sizeof path, "%s/stats/lobby-1/2025-06-02T10.json", dir);
    put(path, "{ not json");
    /* Not in a screen's folder of stats/: not looked at. */
    snprintf(path, sizeof path, "%s/stats/loose.json", dir);
    put(path, doc("lobby-1", "2025-06-02T11", "{\"\": {\"visits\": 50}}"));
    snprintf(path, sizeof path, "%s/results/x.json", dir);
    put(path, doc("lobby-1", "2025-06-02T12", "{\"\": {\"visits\": 70}}"));

    struct usage_report *u = usage_report_new();
    struct bad b = {0};
    assert_int_equal(usage_report_add_dir(u, dir, on_bad, &b, err, sizeof err), 2);
    assert_int_equal(b.n, 1);
    assert_non_null(strstr(b.last, "2025-06-02T10.json"));
    assert_int_equal(usage_report_count(u), 1);
    size_t len, rows;
    char *csv = usage_report_daily_csv(u, &len, &rows);
    assert_string_equal(csv, DAILY_HEAD "2025-06-02,lobby-1,2,0,0,0,0,0,0,0.0\r\n");
    free(csv);
    usage_report_free(u);

    u = usage_report_new();
    snprintf(path, sizeof path, "%s/missing", dir);
    assert_int_equal(usage_report_add_dir(u, path, on_bad, &b, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    usage_report_free(u);
    dur_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
