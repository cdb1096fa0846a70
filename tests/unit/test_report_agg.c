/* The organiser's report: documents deduplicated by id, the folder walk
 * (results/ folders only, bad files named and skipped), the CSV table by
 * day and department, and the leaderboard document. Time zone: Shanghai
 * as a POSIX TZ string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/report_agg.h"
#include "core/results.h"

#define WED_0000 1748966400 /* 2025-06-04 00:00 in Shanghai; the week began Monday 2025-06-02 */
#define MON_0000 1748793600
#define HOUR 3600
#define DAY 86400

static char *doc_of(unsigned n, const char *dept, int score, int duration_ms, int64_t finished, bool abandoned)
{
    struct quiz_result res;
    memset(&res, 0, sizeof res);
    snprintf(res.id, sizeof res.id, "%032x", n);
    snprintf(res.screen_id, sizeof res.screen_id, "screen-%u", n % 3);
    snprintf(res.department, sizeof res.department, "%s", dept);
    res.started_at = finished - 100;
    res.finished_at = finished;
    res.abandoned = abandoned;
    res.score = score;
    res.correct = score / 10;
    res.total = 10;
    res.duration_ms = duration_ms;
    char *json = result_to_json(&res);
    assert_non_null(json);
    return json;
}

static int add(struct report_agg *a, char *json)
{
    char err[256];
    int rc = report_agg_add(a, json, strlen(json), err, sizeof err);
    free(json);
    return rc;
}

static int setup(void **state)
{
    setenv("TZ", "CST-8", 1);
    tzset();
    *state = report_agg_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    report_agg_free(*state);
    return 0;
}

static void test_dedupes_by_id(void **state)
{
    struct report_agg *a = *state;
    char err[256];
    assert_int_equal(add(a, doc_of(1, "办公室", 80, 1000, WED_0000 + HOUR, false)), 1);
    assert_int_equal(add(a, doc_of(2, "办公室", 60, 1000, WED_0000 + HOUR, false)), 1);
    /* the same id again, even with other contents: the first stays */
    assert_int_equal(add(a, doc_of(1, "财务科", 100, 1000, WED_0000 + 2 * HOUR, false)), 0);
    assert_int_equal(report_agg_count(a), 2);
    assert_int_equal(report_agg_duplicates(a), 1);
    assert_int_equal(report_agg_add(a, "{\"kind\": \"heartbeat\"}", 21, err, sizeof err), -1);
    assert_non_null(strstr(err, "kind"));
    /* many ids: the set grows and still finds every one */
    for (unsigned n = 100; n < 1100; n++)
        assert_int_equal(add(a, doc_of(n, "", 10, 1000, WED_0000, false)), 1);
    for (unsigned n = 100; n < 1100; n += 7)
        assert_int_equal(add(a, doc_of(n, "", 10, 1000, WED_0000, false)), 0);
    assert_int_equal(report_agg_count(a), 1002);
}

static void test_csv_by_day_and_department(void **state)
{
    struct report_agg *a = *state;
    add(a, doc_of(1, "办公室", 80, 1000, WED_0000 + 9 * HOUR, false));
    add(a, doc_of(2, "办公室", 95, 1000, WED_0000 + 10 * HOUR, false));
    add(a, doc_of(3, "办公室", 0, 1000, WED_0000 + 11 * HOUR, true));
    add(a, doc_of(4, "", 70, 1000, WED_0000 + 12 * HOUR, false));
    add(a, doc_of(5, "财务科", 10, 1000, WED_0000 + 13 * HOUR, true));
    add(a, doc_of(6, "A,\"B\"", 50, 1000, WED_0000 - 1, false)); /* Tuesday 23:59:59 */
    add(a, doc_of(7, "办公室", 60, 1000, WED_0000 + DAY - 1, false));
    size_t len, rows;
    char *csv = report_agg_csv(a, &len, &rows);
    assert_non_null(csv);
    const char *want = "\xEF\xBB\xBF"
                       "日期,部门,参与人次,平均分,最高分,完成轮数,放弃轮数\r\n"
                       "2025-06-03,\"A,\"\"B\"\"\",1,50.0,50,1,0\r\n"
                       "2025-06-04,办公室,4,78.3,95,3,1\r\n"
                       "2025-06-04,财务科,1,,,0,1\r\n"
                       "2025-06-04,未选择部门,1,70.0,70,1,0\r\n";
    assert_string_equal(csv, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(rows, 4);
    free(csv);
}

static void test_empty_csv_has_the_header(void **state)
{
    size_t len, rows;
    char *csv = report_agg_csv(*state, &len, &rows);
    assert_string_equal(csv, "\xEF\xBB\xBF日期,部门,参与人次,平均分,最高分,完成轮数,放弃轮数\r\n");
    assert_int_equal(rows, 0);
    free(csv);
}

static void test_leaderboard(void **state)
{
    struct report_agg *a = *state;
    /* this week: twelve finished rounds, one abandoned with the best score */
    for (unsigned n = 1; n <= 12; n++)
        add(a, doc_of(n, n % 2 ? "办公室" : "财务科", (int)n * 5, 30000, WED_0000 + n * 60, false));
    add(a, doc_of(13, "办公室", 100, 1000, WED_0000, true));
    add(a, doc_of(14, "", 60, 30000, WED_0000 + 12 * 60, false)); /* ties with 12 in all but the id */
    /* last week */
    add(a, doc_of(20, "人事科", 40, 1000, MON_0000 - 1, false));
    size_t weeks;
    char *text = report_agg_leaderboard(a, 1749020400, &weeks);
    assert_non_null(text);
    assert_int_equal(weeks, 2);
    json_error_t jerr;
    json_t *doc = json_loads(text, 0, &jerr);
    assert_non_null(doc);
    free(text);
    assert_string_equal(json_string_value(json_object_get(doc, "kind")), "quiz_leaderboard");
    assert_int_equal(json_integer_value(json_object_get(doc, "version")), 1);
    assert_int_equal(json_integer_value(json_object_get(doc, "generated_at")), 1749020400);

    json_t *w = json_array_get(json_object_get(doc, "weeks"), 0); /* newest first */
    assert_string_equal(json_string_value(json_object_get(w, "week")), "2025-06-02");
    assert_int_equal(json_integer_value(json_object_get(w, "from")), MON_0000);
    assert_int_equal(json_integer_value(json_object_get(w, "to")), MON_0000 + 7 * DAY);
    json_t *top = json_object_get(w, "top");
    assert_int_equal(json_array_size(top), REPORT_TOP_ROUNDS);
    /* 12 and 14 tie on score, time and finish: one rank, id order */
    assert_string_equal(json_string_value(json_object_get(json_array_get(top, 0), "id")),
                        "0000000000000000000000000000000c");
    assert_string_equal(json_string_value(json_object_get(json_array_get(top, 1), "id")),
                        "0000000000000000000000000000000e");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 0), "rank")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 1), "rank")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 2), "rank")), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(top, 2), "score")), 55);
    for (size_t i = 0; i < json_array_size(top); i++) /* the abandoned 100 is not there */
        assert_string_not_equal(json_string_value(json_object_get(json_array_get(top, i), "id")),
                                "0000000000000000000000000000000d");

    /* departments: 财务科 (10..60 even: avg 35, 6 rounds), 办公室 (5..55 odd: avg 30, 6 rounds) */
    json_t *depts = json_object_get(w, "departments");
    assert_int_equal(json_array_size(depts), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(depts, 0), "department")), "财务科");
    assert_float_equal(json_real_value(json_object_get(json_array_get(depts, 0), "avg_score")), 35.0, 1e-9);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(depts, 0), "participants")), 6);
    assert_string_equal(json_string_value(json_object_get(json_array_get(depts, 1), "department")), "办公室");

    json_t *last = json_array_get(json_object_get(doc, "weeks"), 1);
    assert_string_equal(json_string_value(json_object_get(last, "week")), "2025-05-26");
    assert_int_equal(json_array_size(json_object_get(last, "top")), 1);

    json_t *all = json_object_get(json_object_get(doc, "all_time"), "departments");
    assert_int_equal(json_array_size(all), 3);
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "department")), "人事科");
    json_decref(doc);
}

/* ---- the folder walk ------------------------------------------------------ */

struct bad_list {
    int n;
    char lines[8][512];
};

static void on_bad(void *ctx, const char *path, const char *reason)
{
    struct bad_list *b = ctx;
    if (b->n < 8)
        snprintf(b->lines[b->n], sizeof b->lines[0], "%s: %s", path, reason);
    b->n++;
}

static void put(const char *root, const char *rel, const char *text)
{
    assert_int_equal(dur_make_parents(root, rel), 0);
    char *path = path_fmt("%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void test_reads_every_results_folder(void **state)
{
    struct report_agg *a = *state;
    char root[] = "/tmp/qf-report-XXXXXX", err[512];
    struct bad_list bad = {0};
    assert_non_null(mkdtemp(root));
    char *d1 = doc_of(1, "办公室", 80, 1000, WED_0000, false), *d2 = doc_of(2, "", 70, 1000, WED_0000, false);
    put(root, "lobby/results/00000000000000000000000000000001.json", d1);
    put(root, "lobby/results/00000000000000000000000000000002.json", d2);
    put(root, "hall/east/results/00000000000000000000000000000001.json", d1); /* the same round twice */
    put(root, "hall/east/results/broken.json", "{\"kind\": \"quiz_result\", \"version\": 1");
    put(root, "hall/east/results/notes.txt", "not a result");
    put(root, "heartbeats/00000000000000000000000000000009.json", "{}"); /* not a results folder */
    put(root, "lobby/results/.hidden.json", "{}");
    char *link = path_fmt("%s/loop", root);
    assert_int_equal(symlink(root, link), 0); /* not followed */
    free(link);

    long files = report_agg_add_dir(a, root, on_bad, &bad, err, sizeof err);
    assert_int_equal(files, 4);
    assert_int_equal(report_agg_count(a), 2);
    assert_int_equal(report_agg_duplicates(a), 1);
    assert_int_equal(bad.n, 1);
    assert_non_null(strstr(bad.lines[0], "hall/east/results/broken.json: not JSON"));

    char *missing = path_fmt("%s/nowhere", root);
    assert_int_equal(report_agg_add_dir(a, missing, on_bad, &bad, err, sizeof err), -1);
    assert_non_null(strstr(err, missing));
    free(missing);
    free(d1);
    free(d2);
    dur_remove_tree(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dedupes_by_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_by_day_and_department, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_csv_has_the_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leaderboard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reads_every_results_folder, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
