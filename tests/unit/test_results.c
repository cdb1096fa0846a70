/* The quiz results store: recording and reading back, duplicate ids,
 * today's rank, the week's boundary on Monday in local time, department
 * averages, abandoned rounds, the CSV export, the outbox, the JSON
 * document. Each test works on a fresh database in a mkdtemp folder under
 * /tmp. Time zones are POSIX TZ strings, so no tzdata is needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/results.h"

#define SHANGHAI "CST-8"
#define BERLIN "CET-1CEST,M3.5.0,M10.5.0/3"

/* 2025-06-02 is a Monday. Times in Shanghai (UTC+8). */
#define MON_0000 1748793600  /* 2025-06-02 00:00:00 */
#define SUN_2359 1748793599  /* 2025-06-01 23:59:59 */
#define WED_0000 1748966400  /* 2025-06-04 00:00:00 */
#define WED_1500 1749020400  /* 2025-06-04 15:00:00 */
#define HOUR 3600
#define DAY 86400

struct fx {
    char dir[64];
    char *db;
    struct results *r;
};

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    char err[512];
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/qf-results-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    fx->db = path_fmt("%s/results.db", fx->dir);
    fx->r = results_open(fx->db, err, sizeof err);
    if (!fx->r)
        fail_msg("%s", err);
    set_tz(SHANGHAI);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    results_close(fx->r);
    dur_remove_tree(fx->dir);
    free(fx->db);
    free(fx);
    return 0;
}

/* A round numbered n: id "000...0n". */
static struct quiz_result round_of(unsigned n, const char *dept, int score, int duration_ms, int64_t finished,
                                   bool abandoned)
{
    struct quiz_result res;
    memset(&res, 0, sizeof res);
    snprintf(res.id, sizeof res.id, "%032x", n);
    snprintf(res.screen_id, sizeof res.screen_id, "lobby-1");
    snprintf(res.department, sizeof res.department, "%s", dept);
    res.started_at = finished - duration_ms / 1000 - 5;
    res.finished_at = finished;
    res.abandoned = abandoned;
    res.score = score;
    res.total = 10;
    res.correct = score / 10;
    res.duration_ms = duration_ms;
    return res;
}

static void record(struct fx *fx, const struct quiz_result *res)
{
    char err[512];
    if (results_record(fx->r, res, err, sizeof err) != 0)
        fail_msg("%s", err);
}

static void assert_same_result(const struct quiz_result *a, const struct quiz_result *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->screen_id, b->screen_id);
    assert_string_equal(a->department, b->department);
    assert_true(a->started_at == b->started_at);
    assert_true(a->finished_at == b->finished_at);
    assert_int_equal(a->abandoned, b->abandoned);
    assert_int_equal(a->score, b->score);
    assert_int_equal(a->correct, b->correct);
    assert_int_equal(a->total, b->total);
    assert_int_equal(a->duration_ms, b->duration_ms);
    assert_int_equal(a->n_answers, b->n_answers);
    for (int i = 0; i < a->n_answers; i++) {
        assert_string_equal(a->answers[i].question, b->answers[i].question);
        assert_int_equal(a->answers[i].chosen, b->answers[i].chosen);
        assert_int_equal(a->answers[i].correct, b->answers[i].correct);
        assert_int_equal(a->answers[i].ms, b->answers[i].ms);
    }
}

static struct quiz_result full_round(void)
{
    struct quiz_result res = round_of(7, "纪检监察室", 70, 95400, WED_1500, false);
    res.n_answers = 3;
    res.answers[0] = (struct result_answer){.question = "0123456789abcdef", .chosen = 1, .correct = true, .ms = 4200};
    res.answers[1] = (struct result_answer){.question = "fedcba9876543210", .chosen = 5, .correct = false, .ms = 9000};
    res.answers[2] = (struct result_answer){.question = "00000000000000aa", .chosen = 0, .correct = false, .ms = 20000};
    return res;
}

/* ---- recording ------------------------------------------------------------ */

static void test_record_and_reread(void **state)
{
    struct fx *fx = *state;
    struct quiz_result res = full_round(), back;
    char err[512];
    record(fx, &res);
    assert_int_equal(results_get(fx->r, res.id, &back), 1);
    assert_same_result(&res, &back);
    assert_int_equal(results_get(fx->r, "0000000000000000000000000000ffff", &back), 0);

    /* Still there after the file is closed and opened again. */
    results_close(fx->r);
    fx->r = results_open(fx->db, err, sizeof err);
    assert_non_null(fx->r);
    assert_int_equal(results_get(fx->r, res.id, &back), 1);
    assert_same_result(&res, &back);
    assert_int_equal(results_check(fx->r, err, sizeof err), 0);
}

/* A store grown by months of rounds: reading the all-time board and the
 * departments walks every round, yet the connection's page cache stays
 * within RESULTS_CACHE_KIB (SQLite's default would hold 2 MB of it). */
static void test_page_cache_stays_small(void **state)
{
    struct fx *fx = *state;
    struct quiz_result first = round_of(1, "组织部", 80, 60000, WED_1500, false);
    record(fx, &first);
    /* 30,000 more rounds in one transaction, copied from
     * the first by a second connection (a round by round insert would
     * fsync 30,000 times). */
    sqlite3 *db;
    char *why = NULL;
    assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
    if (sqlite3_exec(db,
                                  "BEGIN;"
                                  "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i <= 30000)"
                                  " INSERT INTO rounds SELECT printf('%032x', i), screen_id, department, started_at - i,"
                                  " finished_at - i, abandoned, (score + i) % 101, correct, total, duration_ms FROM n, rounds"
                                  " WHERE rounds.id = printf('%032x', 1);"
                                  "COMMIT;",
                                  NULL, NULL, &why) != SQLITE_OK)
        fail_msg("copying rounds: %s", why);
    sqlite3_close(db);

    struct results_best best[8];
    struct results_dept depts[8];
    assert_int_equal(results_best(fx->r, RESULTS_ALL, WED_1500, best, 8), 8);
    assert_int_equal(best[0].score, 100);
    assert_true(results_departments(fx->r, RESULTS_ALL, WED_1500, depts, 8) >= 1);
    assert_int_equal(depts[0].participants, 30001);
    size_t used = results_cache_bytes(fx->r);
    if (used > (RESULTS_CACHE_KIB + 64) * 1024u)
        fail_msg("the page cache holds %zu bytes, more than %d KiB", used, RESULTS_CACHE_KIB);
    /* the walk did use the cache: it is not simply off */
    assert_true(used > 16 * 1024u);
}

static void test_duplicate_id_kept_once(void **state)
{
    struct fx *fx = *state;
    struct quiz_result first = round_of(1, "办公室", 60, 30000, WED_1500, false);
    struct quiz_result again = round_of(1, "财务科", 100, 10000, WED_1500 + 60, false);
    struct quiz_result back;
    struct results_best best[4];
    record(fx, &first);
    record(fx, &again); /* not an error: the first is kept */
    assert_int_equal(results_get(fx->r, first.id, &back), 1);
    assert_string_equal(back.department, "办公室");
    assert_int_equal(back.score, 60);
    assert_int_equal(results_best(fx->r, RESULTS_ALL, WED_1500, best, 4), 1);
    assert_int_equal(results_outbox_pending(fx->r), 1);
}

static void test_refuses_bad_rounds(void **state)
{
    struct fx *fx = *state;
    char err[512];
    struct quiz_result res = round_of(2, "办公室", 60, 30000, WED_1500, false);

    snprintf(res.id, sizeof res.id, "%s", "0000000000000000000000000000000G");
    assert_int_equal(results_record(fx->r, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "id"));
    snprintf(res.id, sizeof res.id, "%s", "../../etc/passwd");
    assert_int_equal(results_record(fx->r, &res, err, sizeof err), -1);

    res = round_of(2, "", 60, 30000, WED_1500, false);
    memset(res.department, 'x', sizeof res.department); /* no NUL */
    assert_int_equal(results_record(fx->r, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "department"));

    res = round_of(2, "\xe7\xba", 60, 30000, WED_1500, false); /* cut UTF-8 */
    assert_int_equal(results_record(fx->r, &res, err, sizeof err), -1);

    res = round_of(2, "", 60, 30000, WED_1500, false);
    res.n_answers = RESULT_ANSWERS_MAX + 1;
    assert_int_equal(results_record(fx->r, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "n_answers"));
    assert_int_equal(results_outbox_pending(fx->r), 0);
}

static void test_new_ids_are_valid_and_differ(void **state)
{
    char a[RESULT_ID_LEN + 1], b[RESULT_ID_LEN + 1];
    result_new_id(a);
    result_new_id(b);
    assert_true(result_id_valid(a));
    assert_true(result_id_valid(b));
    assert_string_not_equal(a, b);
    assert_false(result_id_valid("0123"));
    assert_false(result_id_valid("0123456789ABCDEF0123456789abcdef"));
    assert_false(result_id_valid("0123456789abcdef0123456789abcdef0"));
}

/* ---- leaderboards ------------------------------------------------------------ */

static void assert_rank(struct fx *fx, unsigned n, int want_rank, int want_of)
{
    char id[RESULT_ID_LEN + 1];
    int rank = 0, of = 0;
    snprintf(id, sizeof id, "%032x", n);
    assert_int_equal(results_rank_today(fx->r, id, WED_1500, &rank, &of), 0);
    assert_int_equal(rank, want_rank);
    assert_int_equal(of, want_of);
}

static void test_rank_today_with_ties(void **state)
{
    struct fx *fx = *state;
    int rank = -1, of = -1;
    char id[RESULT_ID_LEN + 1];
    struct quiz_result rounds[] = {
        round_of(1, "A", 80, 60000, WED_0000 + 10 * HOUR, false), /* same score, slower */
        round_of(2, "A", 80, 50000, WED_0000 + 11 * HOUR, false), /* same score and time, later */
        round_of(3, "B", 80, 50000, WED_0000 + 9 * HOUR, false),  /* same score and time, earlier */
        round_of(4, "B", 90, 90000, WED_0000 + 8 * HOUR, false),  /* best score */
        round_of(5, "A", 80, 60000, WED_0000 + 10 * HOUR, false), /* equal to 1 in everything */
        round_of(6, "B", 100, 1000, WED_0000 + 12 * HOUR, true),  /* abandoned */
        round_of(7, "B", 100, 1000, WED_0000 - 1, false),         /* yesterday 23:59:59 */
        round_of(8, "B", 100, 1000, WED_0000 + DAY, false),       /* tomorrow 00:00 */
    };
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++)
        record(fx, &rounds[i]);
    assert_rank(fx, 4, 1, 5);
    assert_rank(fx, 3, 2, 5);
    assert_rank(fx, 2, 3, 5);
    assert_rank(fx, 1, 4, 5);
    assert_rank(fx, 5, 4, 5);
    for (unsigned n = 6; n <= 9; n++) { /* abandoned, another day, unknown */
        snprintf(id, sizeof id, "%032x", n);
        assert_int_equal(results_rank_today(fx->r, id, WED_1500, &rank, &of), -1);
    }

    struct results_best best[8];
    assert_int_equal(results_best(fx->r, RESULTS_TODAY, WED_1500, best, 8), 5);
    assert_string_equal(best[0].id, "00000000000000000000000000000004");
    assert_string_equal(best[1].id, "00000000000000000000000000000003");
    assert_string_equal(best[2].id, "00000000000000000000000000000002");
    assert_string_equal(best[3].id, "00000000000000000000000000000001");
    assert_string_equal(best[4].id, "00000000000000000000000000000005");
    assert_int_equal(best[0].score, 90);
    assert_int_equal(best[0].duration_ms, 90000);
    assert_true(best[0].finished_at == WED_0000 + 8 * HOUR);
    assert_string_equal(best[0].department, "B");
    assert_int_equal(results_best(fx->r, RESULTS_TODAY, WED_1500, best, 2), 2);
    assert_string_equal(best[1].id, "00000000000000000000000000000003");
    /* All time: yesterday's and tomorrow's 100s lead (shorter time equal, earlier finish first). */
    assert_int_equal(results_best(fx->r, RESULTS_ALL, WED_1500, best, 8), 7);
    assert_string_equal(best[0].id, "00000000000000000000000000000007");
    assert_string_equal(best[1].id, "00000000000000000000000000000008");
}

static void test_week_starts_on_monday_local_time(void **state)
{
    struct fx *fx = *state;
    int64_t from, to;
    struct results_best best[4];

    results_period_span(RESULTS_WEEK, WED_1500, &from, &to);
    assert_true(from == MON_0000);
    assert_true(to == MON_0000 + 7 * DAY);
    results_period_span(RESULTS_WEEK, MON_0000, &from, &to); /* Monday midnight itself */
    assert_true(from == MON_0000);
    results_period_span(RESULTS_WEEK, SUN_2359, &from, &to); /* Sunday belongs to the week before */
    assert_true(from == MON_0000 - 7 * DAY);
    assert_true(to == MON_0000);
    results_period_span(RESULTS_TODAY, WED_1500, &from, &to);
    assert_true(from == WED_0000);
    assert_true(to == WED_0000 + DAY);

    struct quiz_result sunday = round_of(1, "A", 50, 10000, SUN_2359, false);
    struct quiz_result monday = round_of(2, "A", 40, 10000, MON_0000, false);
    record(fx, &sunday);
    record(fx, &monday);
    assert_int_equal(results_best(fx->r, RESULTS_WEEK, WED_1500, best, 4), 1);
    assert_string_equal(best[0].id, monday.id);
    assert_int_equal(results_best(fx->r, RESULTS_WEEK, SUN_2359 - 3 * DAY, best, 4), 1);
    assert_string_equal(best[0].id, sunday.id);

    /* The same instants in UTC fall in one week (Sunday 15:59, Sunday 16:00). */
    set_tz("UTC0");
    assert_int_equal(results_best(fx->r, RESULTS_WEEK, WED_1500, best, 4), 0);
    assert_int_equal(results_best(fx->r, RESULTS_WEEK, MON_0000, best, 4), 2);

    /* A week with the change to summer time is an hour short, and still
     * runs from Monday's midnight to the next. */
    set_tz(BERLIN);
    results_period_span(RESULTS_WEEK, 1743328800 /* Sunday 2025-03-30 12:00 CEST */, &from, &to);
    assert_true(from == 1742770800); /* Monday 2025-03-24 00:00 CET */
    assert_true(to == 1743372000);   /* Monday 2025-03-31 00:00 CEST */
    assert_true(to - from == 7 * DAY - HOUR);
}

static void test_departments_average(void **state)
{
    struct fx *fx = *state;
    struct quiz_result rounds[] = {
        round_of(1, "办公室", 80, 1000, WED_1500 - 60, false),
        round_of(2, "办公室", 90, 1000, WED_1500 - 50, false),
        round_of(3, "财务科", 100, 1000, WED_1500 - 40, false),
        round_of(4, "财务科", 0, 1000, WED_1500 - 30, true), /* abandoned: not counted */
        round_of(5, "", 100, 1000, WED_1500 - 20, false),    /* anonymous: left out */
        round_of(6, "人事科", 85, 1000, WED_1500 - 10, false),
        round_of(7, "后勤科", 30, 1000, WED_1500 - 8 * DAY, false), /* last week */
    };
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++)
        record(fx, &rounds[i]);
    struct results_dept d[8];
    assert_int_equal(results_departments(fx->r, RESULTS_WEEK, WED_1500, d, 8), 3);
    assert_string_equal(d[0].department, "财务科");
    assert_float_equal(d[0].avg_score, 100.0, 1e-9);
    assert_int_equal(d[0].participants, 1);
    /* 办公室 and 人事科 both average 85: more rounds first */
    assert_string_equal(d[1].department, "办公室");
    assert_float_equal(d[1].avg_score, 85.0, 1e-9);
    assert_int_equal(d[1].participants, 2);
    assert_string_equal(d[2].department, "人事科");
    assert_int_equal(results_departments(fx->r, RESULTS_ALL, WED_1500, d, 8), 4);
    assert_string_equal(d[3].department, "后勤科");
    assert_int_equal(results_departments(fx->r, RESULTS_ALL, WED_1500, d, 1), 1);
}

static void test_abandoned_never_ranked(void **state)
{
    struct fx *fx = *state;
    struct quiz_result gone = round_of(1, "办公室", 100, 1000, WED_1500 - 60, true);
    struct quiz_result back;
    struct results_best best[4];
    struct results_dept d[4];
    int rank, of;
    record(fx, &gone);
    for (int p = RESULTS_TODAY; p <= RESULTS_ALL; p++) {
        assert_int_equal(results_best(fx->r, (enum results_period)p, WED_1500, best, 4), 0);
        assert_int_equal(results_departments(fx->r, (enum results_period)p, WED_1500, d, 4), 0);
    }
    assert_int_equal(results_rank_today(fx->r, gone.id, WED_1500, &rank, &of), -1);
    /* ... but kept, and uploaded */
    assert_int_equal(results_get(fx->r, gone.id, &back), 1);
    assert_true(back.abandoned);
    assert_int_equal(results_outbox_pending(fx->r), 1);
}

/* ---- CSV export ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 16);
    assert_non_null(f);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

static int entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_csv_export(void **state)
{
    struct fx *fx = *state;
    char err[512], *path = path_fmt("%s/结果.csv", fx->dir);
    size_t len;
    struct quiz_result a = round_of(1, "办公室", 80, 95400, WED_0000 + 9 * HOUR + 30 * 60 + 5, false);
    struct quiz_result b = round_of(2, "", 20, 12345, WED_0000 + 10 * HOUR, true);
    struct quiz_result c = round_of(3, "综合\"一\"科", 90, 60000, WED_0000 + 8 * HOUR, false);
    snprintf(b.screen_id, sizeof b.screen_id, "大厅,东");
    record(fx, &a);
    record(fx, &b);
    record(fx, &c);

    FILE *old = fopen(path, "w"); /* an older export is replaced */
    assert_non_null(old);
    fputs("old", old);
    fclose(old);
    assert_int_equal(results_export_csv(fx->r, path, err, sizeof err), 3);
    char *text = slurp(path, &len);
    const char *want = "\xEF\xBB\xBF"
                       "编号,屏幕,部门,开始时间,结束时间,状态,得分,答对,题数,用时秒\r\n"
                       "00000000000000000000000000000003,lobby-1,\"综合\"\"一\"\"科\",2025-06-04 07:58:55,"
                       "2025-06-04 08:00:00,完成,90,9,10,60.0\r\n"
                       "00000000000000000000000000000001,lobby-1,办公室,2025-06-04 09:28:25,"
                       "2025-06-04 09:30:05,完成,80,8,10,95.4\r\n"
                       "00000000000000000000000000000002,\"大厅,东\",未选择部门,2025-06-04 09:59:43,"
                       "2025-06-04 10:00:00,中途放弃,20,2,10,12.3\r\n";
    assert_string_equal(text, want);
    assert_int_equal(len, strlen(want));
    free(text);
    /* The database (with its -wal and -shm files) and the export: no
     * temporary file left behind. */
    char *wal = path_fmt("%s-wal", fx->db), *shm = path_fmt("%s-shm", fx->db);
    assert_int_equal(entries_in(fx->dir), 2 + (access(wal, F_OK) == 0) + (access(shm, F_OK) == 0));
    free(wal);
    free(shm);

    char *bad = path_fmt("%s/no-such-folder/out.csv", fx->dir);
    assert_int_equal(results_export_csv(fx->r, bad, err, sizeof err), -1);
    assert_non_null(strstr(err, bad));
    free(bad);
    free(path);
}

/* ---- outbox ------------------------------------------------------------ */

static void test_outbox_order_and_done(void **state)
{
    struct fx *fx = *state;
    char *id, *json;
    struct quiz_result rounds[3] = {
        round_of(9, "A", 10, 1000, WED_1500, false), /* recorded first, though finished last */
        round_of(3, "B", 20, 1000, WED_1500 - 100, true),
        round_of(5, "C", 30, 1000, WED_1500 - 200, false),
    };
    assert_int_equal(results_outbox_next(fx->r, &id, &json), 0);
    assert_null(id);
    for (int i = 0; i < 3; i++)
        record(fx, &rounds[i]);
    assert_int_equal(results_outbox_pending(fx->r), 3);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(results_outbox_next(fx->r, &id, &json), 1);
        assert_string_equal(id, rounds[i].id);
        char *want = result_to_json(&rounds[i]);
        assert_string_equal(json, want);
        free(want);
        /* not done yet: the same one again */
        free(id);
        free(json);
        assert_int_equal(results_outbox_next(fx->r, &id, &json), 1);
        assert_string_equal(id, rounds[i].id);
        assert_int_equal(results_outbox_delivered(fx->r, id, NULL), 0);
        assert_int_equal(results_outbox_pending(fx->r), 2 - i);
        free(id);
        free(json);
    }
    assert_int_equal(results_outbox_next(fx->r, &id, &json), 0);
    assert_int_equal(results_outbox_delivered(fx->r, rounds[0].id, NULL), 0); /* twice: no harm */
    /* A round recorded again after its upload does not queue it again. */
    record(fx, &rounds[1]);
    assert_int_equal(results_outbox_pending(fx->r), 0);
}

/* ---- the file ------------------------------------------------------------ */

static void test_open_refuses_other_files(void **state)
{
    struct fx *fx = *state;
    char err[512], *junk = path_fmt("%s/junk.db", fx->dir);
    FILE *f = fopen(junk, "w");
    assert_non_null(f);
    for (int i = 0; i < 200; i++)
        fputs("this is not a database file at all. ", f);
    fclose(f);
    assert_null(results_open(junk, err, sizeof err));
    assert_non_null(strstr(err, junk));

    /* A schema newer than this build knows is left alone. */
    sqlite3 *db;
    results_close(fx->r);
    fx->r = NULL;
    assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(results_open(fx->db, err, sizeof err));
    assert_non_null(strstr(err, fx->db));
    assert_non_null(strstr(err, "newer"));

    char *nowhere = path_fmt("%s/missing/results.db", fx->dir);
    assert_null(results_open(nowhere, err, sizeof err));
    assert_non_null(strstr(err, nowhere));
    free(nowhere);
    free(junk);
}

static void test_open_sets_wal_and_schema(void **state)
{
    struct fx *fx = *state;
    sqlite3 *db;
    sqlite3_stmt *st;
    results_close(fx->r);
    fx->r = NULL;
    assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* ---- the JSON document ---------------------------------------------------- */

static void test_json_document(void **state)
{
    struct quiz_result res = full_round(), back;
    char err[256];
    char *json = result_to_json(&res);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"kind\":\"quiz_result\",\"version\":1,"));
    assert_non_null(strstr(json, "\"department\":\"纪检监察室\""));
    assert_non_null(strstr(json, "\"answers\":[{\"question\":\"0123456789abcdef\",\"chosen\":1,\"correct\":true,"
                                 "\"ms\":4200}"));
    assert_int_equal(result_from_json(json, strlen(json), &back, err, sizeof err), 0);
    assert_same_result(&res, &back);
    char *again = result_to_json(&back);
    assert_string_equal(json, again); /* the same bytes every time */
    free(again);
    free(json);

    static const struct {
        const char *doc, *says;
    } bad[] = {
        {"[1]", "object"},
        {"{\"kind\": \"heartbeat\"}", "kind"},
        {"{\"kind\": \"quiz_result\", \"version\": 2}", "version"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"abc\"}", "id"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"0123456789abcdef0123456789abcdef\"}", "screen_id"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"0123456789abcdef0123456789abcdef\", "
         "\"screen_id\": \"s\", \"department\": \"d\", \"started_at\": 1, \"finished_at\": 2, \"abandoned\": false, "
         "\"score\": -1}",
         "score"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"0123456789abcdef0123456789abcdef\", "
         "\"screen_id\": \"s\", \"department\": \"0123456789012345678901234567890123456789012345678901234567890123\"}",
         "department"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"0123456789abcdef0123456789abcdef\", "
         "\"screen_id\": \"s\", \"department\": \"d\", \"started_at\": 1, \"finished_at\": 2, \"abandoned\": false, "
         "\"score\": 1, \"correct\": 1, \"total\": 1, \"duration_ms\": 1, \"answers\": [{\"question\": 5}]}",
         "question"},
        {"{\"kind\": \"quiz_result\", \"kind\": \"quiz_result\"}", "JSON"},
        {"{\"kind\": \"quiz_result\", \"version\": 1, \"id\": \"0123456789abcdef0123456789abcdef\", "
         "\"screen_id\": \"s\", \"department\": \"d\", \"started_at\": 1, \"finished_at\": 2, \"abandoned\": false, "
         "\"score\": 1, \"correct\": 1, \"total\": 1, \"duration_ms\": 1}",
         "answers"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        if (result_from_json(bad[i].doc, strlen(bad[i].doc), &back, err, sizeof err) != -1 || !strstr(err, bad[i].says))
            fail_msg("document %zu: \"%s\" does not mention %s", i, err, bad[i].says);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_record_and_reread, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_id_kept_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_bad_rounds, setup, teardown),
        cmocka_unit_test(test_new_ids_are_valid_and_differ),
        cmocka_unit_test_setup_teardown(test_rank_today_with_ties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_week_starts_on_monday_local_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_departments_average, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abandoned_never_ranked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_order_and_done, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_refuses_other_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_sets_wal_and_schema, setup, teardown),
        cmocka_unit_test(test_json_document),
        cmocka_unit_test_setup_teardown(test_page_cache_stays_small, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
