/* The quiz part of a feed build (app/core/feed_build_quiz.c): every .csv
 * under content/quiz/ becomes one bank, published as quiz/bank.json and
 * pinned in feed.json; a bank with any problem stops the build. Content
 * trees are written into fresh temporary folders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/feed.h"
#include "core/feed_build.h"
#include "core/qbank.h"
#include "core/sha256.h"

#include "tmp_tree.h"

#define H "题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处,分类,难度\n"
#define TAIL ",因为。,《准则》,纪律,易\n"
#define MAXIM "---\nauthor: 包拯\n---\n清心为治本\n"
#define STORY "---\ntitle: 窗口\nlead: 导语\nimage: z/late.svg\n---\n正文\n"
#define SVG "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"

static int tmp_setup(void **state)
{
    char *dir = malloc(64);

    if (!dir)
        return -1;
    strcpy(dir, "/tmp/qf-test-quiz-XXXXXX");
    if (!mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static int tmp_teardown(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

/* Writes dir/rel, creating the folders on the way (dir too). */
static void put(const char *dir, const char *rel, const char *text)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void print_diag(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_message("    %s\n", d->lines[i]);
}

static int exists(const char *dir, const char *rel)
{
    char path[1024];
    struct stat st;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return stat(path, &st) == 0;
}

/* A content tree with a maxim, a story whose picture sorts after
 * quiz/bank.json, and a quiz folder of several files. */
static void write_tree(const char *src)
{
    put(src, "maxims/a.md", MAXIM);
    put(src, "stories/a.md", STORY);
    put(src, "z/late.svg", SVG);
    put(src, "quiz/示例.csv", H "单选,第三题,甲,乙,,,A" TAIL);
    put(src, "quiz/一组/a.csv", H "判断,第一题,,,,,对" TAIL "\n多选,第二题,甲,乙,丙,,AC" TAIL);
    put(src, "quiz/一组/b.CSV", H "判断,第零题,,,,,错" TAIL);
    put(src, "quiz/.backup.csv", "not read");
    put(src, "quiz/说明.txt", "not read");
}

static void test_bank_is_published_and_pinned(void **state)
{
    const char *dir = *state;
    char src[128], out[128], bank[160], hex[SHA256_HEX_LEN + 1], err[1024];
    struct feed_build_stats st = { 0 };
    struct diag errs = { 0 };
    struct feed *feed;
    struct qbank b = { 0 };
    const struct feed_asset *as;
    uint64_t size = 0;

    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    write_tree(src);
    if (feed_build(src, out, &st, &errs) != 0) {
        print_diag(&errs);
        fail_msg("build failed");
    }
    assert_int_equal(st.n_items, 2);
    assert_int_equal(st.n_questions, 4);
    assert_int_equal(st.n_assets, 2); /* the picture and the bank */

    feed = feed_load_dir(out, err, sizeof err); /* checks the bank's size and hash too */
    if (!feed)
        fail_msg("%s", err);
    assert_string_equal(feed->quiz_bank, "quiz/bank.json");
    assert_int_equal(feed->quiz_questions, 4);
    assert_int_equal(feed->n_assets, 2);
    assert_string_equal(feed->assets[0].path, "quiz/bank.json"); /* in path order */
    assert_string_equal(feed->assets[1].path, "z/late.svg");
    snprintf(bank, sizeof bank, "%s/quiz/bank.json", out);
    assert_int_equal(sha256_hex_file(bank, hex, &size), 0);
    as = feed_find_asset(feed, "quiz/bank.json");
    assert_string_equal(as->sha256, hex);
    assert_int_equal(as->size, size);

    /* the kiosk's loader reads it; files in byte order of their paths */
    if (qbank_load_json(&b, bank, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(b.n, 4);
    assert_string_equal(b.q[0].stem, "第一题"); /* quiz/一组/a.csv */
    assert_string_equal(b.q[1].stem, "第二题");
    assert_string_equal(b.q[2].stem, "第零题"); /* quiz/一组/b.CSV */
    assert_string_equal(b.q[3].stem, "第三题"); /* quiz/示例.csv */
    assert_int_equal(b.q[1].answer, 0x5u);
    qbank_free(&b);
    feed_free(feed);
    diag_free(&errs);
}

/* Any problem in any bank file: every one is listed, nothing is written. */
static void test_bad_bank_stops_the_build(void **state)
{
    const char *dir = *state;
    char src[128], out[128], want[512];
    struct diag errs = { 0 };

    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    write_tree(src);
    put(src, "quiz/一组/c.csv", H "单选,第一题,甲,乙,,,C" TAIL); /* a duplicate, and C is empty */
    put(src, "quiz/二组.csv", "题型,题干\n");
    assert_int_equal(feed_build(src, out, NULL, &errs), -1);
    if (errs.n != 2 + 9) { /* c.csv, and the nine columns 二组.csv lacks */
        print_diag(&errs);
        fail_msg("expected every problem");
    }
    snprintf(want, sizeof want, "%s/quiz/一组/c.csv:2: column \"答案\": \"C\" names option C, which is empty; ", src);
    assert_true(strncmp(errs.lines[0], want, strlen(want)) == 0);
    snprintf(want, sizeof want, "%s/quiz/一组/c.csv:2: column \"题干\": the same question is already in %s/quiz/一组/a.csv:2; ",
             src, src);
    assert_true(strncmp(errs.lines[1], want, strlen(want)) == 0);
    snprintf(want, sizeof want, "%s/quiz/二组.csv:1: column \"选项A\": missing from the header row", src);
    assert_true(strncmp(errs.lines[2], want, strlen(want)) == 0);
    assert_false(exists(out, "feed.json"));
    assert_false(exists(out, "quiz/bank.json"));
    diag_free(&errs);

    /* the same with a Markdown mistake: both kinds are listed */
    put(src, "maxims/b.md", "---\nauthor: 海瑞\nweight: abc\n---\n直道\n");
    assert_int_equal(feed_build(src, out, NULL, &errs), -1);
    assert_true(diag_find(&errs, MSG_SRC_WEIGHT_NOT_INT) >= 0);
    assert_true(diag_find(&errs, MSG_QBANK_DUPLICATE) >= 0);
    assert_false(exists(out, "feed.json"));
    diag_free(&errs);
}

/* No quiz folder, an empty one: no bank, no "quiz" in feed.json. */
static void test_no_bank(void **state)
{
    const char *dir = *state;
    char src[128], out[128], err[1024], *json = NULL;
    struct feed_build_stats st = { 0 };
    struct diag errs = { 0 };
    struct feed *feed;
    size_t len;

    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    put(src, "maxims/a.md", MAXIM);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            assert_int_equal(mkdir(strcat(strcpy(err, src), "/quiz"), 0755), 0);
        assert_int_equal(feed_build(src, out, &st, &errs), 0);
        assert_int_equal(st.n_questions, 0);
        assert_false(exists(out, "quiz/bank.json"));
        feed = feed_load_dir(out, err, sizeof err);
        assert_non_null(feed);
        assert_null(feed->quiz_bank);
        assert_int_equal(feed->quiz_questions, 0);
        feed_free(feed);
        assert_int_equal(feed_build_json(src, &json, &len, NULL, &errs), 0);
        assert_null(strstr(json, "\"quiz\""));
        free(json);
    }
    diag_free(&errs);
}

/* The same source gives the same bytes, the bank included. */
static void test_reproducible(void **state)
{
    const char *dir = *state;
    char src[128], out1[128], out2[128], p1[160], p2[160], h1[SHA256_HEX_LEN + 1], h2[SHA256_HEX_LEN + 1];
    struct diag errs = { 0 };

    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out1, sizeof out1, "%s/out1", dir);
    snprintf(out2, sizeof out2, "%s/out2", dir);
    write_tree(src);
    assert_int_equal(feed_build(src, out1, NULL, &errs), 0);
    assert_int_equal(feed_build(src, out2, NULL, &errs), 0);
    static const char *const files[] = { "feed.json", "quiz/bank.json" };
    for (size_t i = 0; i < 2; i++) {
        snprintf(p1, sizeof p1, "%s/%s", out1, files[i]);
        snprintf(p2, sizeof p2, "%s/%s", out2, files[i]);
        assert_int_equal(sha256_hex_file(p1, h1, NULL), 0);
        assert_int_equal(sha256_hex_file(p2, h2, NULL), 0);
        assert_string_equal(h1, h2);
    }
    diag_free(&errs);
}

/* A bank changed after the build is refused by the kiosk's loader of the
 * feed folder, like a changed picture. */
static void test_changed_bank_is_refused(void **state)
{
    const char *dir = *state;
    char src[128], out[128];
    struct diag errs = { 0 };

    snprintf(src, sizeof src, "%s/content", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    write_tree(src);
    assert_int_equal(feed_build(src, out, NULL, &errs), 0);
    put(out, "quiz/bank.json", "{\"format\": 1, \"questions\": []}\n");
    assert_null(feed_load_dir_diag(out, &errs));
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.ids[0], MSG_ASSET_SIZE_DIFFERS);
    assert_non_null(strstr(errs.lines[0], "/quiz/bank.json: size is "));
    diag_free(&errs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bank_is_published_and_pinned, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_bad_bank_stops_the_build, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_no_bank, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_reproducible, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_changed_bank_is_refused, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
