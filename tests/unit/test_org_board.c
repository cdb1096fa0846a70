/* The organisation-wide leaderboard: the kiosk's reader (org_board.c) on
 * the document `qingfeng-feed report --leaderboard` writes, and its trip
 * through a feed build (content/quiz/leaderboard.json → a pinned asset
 * named in _qingfeng.quiz.leaderboard; a bad one stops the build). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/feed.h"
#include "core/feed_build.h"
#include "core/org_board.h"
#include "core/report_agg.h"

#define BOARD                                                                                                      \
    "{\"kind\": \"quiz_leaderboard\", \"version\": 1, \"generated_at\": 1749020400,\n"                             \
    " \"weeks\": [{\"week\": \"2025-06-02\", \"from\": 1748793600, \"to\": 1749398400,\n"                          \
    "   \"top\": [{\"rank\": 1, \"id\": \"a\", \"screen_id\": \"lobby-1\", \"department\": \"办公室\",\n"          \
    "             \"score\": 90, \"correct\": 9, \"total\": 10, \"duration_ms\": 60000, \"finished_at\": 1},\n"   \
    "            {\"rank\": 2, \"id\": \"b\", \"screen_id\": \"3F\", \"department\": \"\",\n"                       \
    "             \"score\": 70, \"correct\": 7, \"total\": 10, \"duration_ms\": 80000, \"finished_at\": 2}],\n"  \
    "   \"departments\": [{\"department\": \"办公室\", \"avg_score\": 90.0, \"participants\": 1}]},\n"            \
    "  {\"week\": \"2025-05-26\", \"from\": 0, \"to\": 1, \"top\": [], \"departments\": []}],\n"                 \
    " \"all_time\": {\"departments\": [{\"department\": \"办公室\", \"avg_score\": 81.25, \"participants\": 16},\n" \
    "                                {\"department\": \"组织部\", \"avg_score\": 75.5, \"participants\": 4}]}}\n"

static void reads_the_newest_week_and_all_time_departments(void **state)
{
    (void)state;
    struct org_board b;
    char err[256] = "";
    assert_int_equal(org_board_parse(BOARD, strlen(BOARD), &b, err, sizeof err), 0);
    assert_string_equal(b.week, "2025-06-02");
    assert_int_equal(b.generated_at, 1749020400);
    assert_int_equal(b.n_top, 2);
    assert_string_equal(b.top[0].department, "办公室");
    assert_string_equal(b.top[0].screen_id, "lobby-1");
    assert_int_equal(b.top[0].score, 90);
    assert_int_equal(b.top[1].duration_ms, 80000);
    assert_string_equal(b.top[1].department, "");
    assert_int_equal(b.n_depts, 2);
    assert_string_equal(b.depts[1].department, "组织部");
    assert_true(b.depts[0].avg_score > 81.2 && b.depts[0].avg_score < 81.3);
    assert_int_equal(b.depts[0].participants, 16);
}

/* What the report tool writes is what the kiosk reads. */
static void reads_what_the_report_tool_writes(void **state)
{
    (void)state;
    struct report_agg *agg = report_agg_new();
    assert_non_null(agg);
    size_t weeks = 0;
    char *doc = report_agg_leaderboard(agg, 1749020400, &weeks);
    assert_non_null(doc);
    struct org_board b;
    char err[256] = "";
    assert_int_equal(org_board_parse(doc, strlen(doc), &b, err, sizeof err), 0);
    assert_int_equal(b.n_top, 0);
    assert_string_equal(b.week, "");
    free(doc);
    report_agg_free(agg);
}

static void names_the_field_that_is_wrong(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *want;
    } cases[] = {
        {"\"quiz_leaderboard\"", "\"quiz_result\"", "kind: not \"quiz_leaderboard\""},
        {"\"version\": 1", "\"version\": 2", "version: not 1"},
        {"\"score\": 70", "\"score\": \"70\"", "weeks[0].top[1].score: not a number in range"},
        {"\"screen_id\": \"lobby-1\", ", "", "weeks[0].top[0].screen_id: missing or not text"},
        {"\"avg_score\": 75.5", "\"avg_score\": -1", "all_time.departments[1].avg_score: not a number in range"},
        {"\"weeks\": [", "\"weeks\": {\"x\": [", "line "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[4096], err[256] = "";
        const char *at = strstr(BOARD, cases[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - BOARD), BOARD, cases[i].to, at + strlen(cases[i].from));
        struct org_board b;
        assert_int_equal(org_board_parse(text, strlen(text), &b, err, sizeof err), -1);
        if (strncmp(err, cases[i].want, strlen(cases[i].want)) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, err, cases[i].want);
        assert_int_equal(b.n_top, 0);
    }
}

static void put(const char *dir, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

#define H "题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处,分类,难度\n"

static void a_feed_carries_the_board(void **state)
{
    (void)state;
    char dir[] = "/tmp/qf-test-board-XXXXXX", src[128], out[128], path[160], err[1024];
    assert_non_null(mkdtemp(dir));
    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    put(src, "maxims/a.md", "---\nauthor: 包拯\n---\n清心为治本\n");
    put(src, "quiz/a.csv", H "判断,第一题,,,,,对,因为。,《准则》,纪律,易\n");
    put(src, "quiz/leaderboard.json", BOARD);
    struct diag errs = {0};
    assert_int_equal(feed_build(src, out, NULL, &errs), 0);
    struct feed *feed = feed_load_dir(out, err, sizeof err); /* sizes and hashes checked */
    if (!feed)
        fail_msg("%s", err);
    assert_string_equal(feed->quiz_leaderboard, "quiz/leaderboard.json");
    assert_non_null(feed_find_asset(feed, "quiz/leaderboard.json"));
    snprintf(path, sizeof path, "%s/quiz/leaderboard.json", out);
    struct org_board b;
    assert_int_equal(org_board_load(path, &b, err, sizeof err), 0);
    assert_int_equal(b.n_top, 2);
    feed_free(feed);

    /* A damaged board stops the build, in both languages, naming the file. */
    put(src, "quiz/leaderboard.json", "{\"kind\": \"quiz_leaderboard\", \"version\": 3}");
    for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
        struct diag bad = {.lang = (enum msg_lang)lang};
        char want[512];
        snprintf(out, sizeof out, "%s/out%d", dir, lang);
        assert_int_equal(feed_build(src, out, NULL, &bad), -1);
        assert_int_equal(bad.n, 1);
        assert_int_equal(bad.ids[0], MSG_QBANK_BOARD_BAD);
        snprintf(want, sizeof want, "%s/quiz/leaderboard.json: %s", src,
                 lang == 0 ? "not a leaderboard this version can show (version: not 1); write it again with "
                             "qingfeng-feed report --leaderboard"
                           : "不是可以显示的排行榜（version: not 1）；请用 qingfeng-feed report --leaderboard 重新生成");
        if (strncmp(bad.lines[0], want, strlen(want)) != 0)
            fail_msg("got \"%s\"", bad.lines[0]);
        diag_free(&bad);
        struct stat st;
        snprintf(path, sizeof path, "%s/feed.json", out);
        assert_int_equal(stat(path, &st), -1); /* nothing published */
    }
    diag_free(&errs);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_the_newest_week_and_all_time_departments),
        cmocka_unit_test(reads_what_the_report_tool_writes),
        cmocka_unit_test(names_the_field_that_is_wrong),
        cmocka_unit_test(a_feed_carries_the_board),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
