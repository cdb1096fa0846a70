/* Building a feed from a content source tree (app/core/feed_build.c) and
 * loading the result back with the kiosk's own loader.
 *
 * Fixtures live in tests/unit/data/, found relative to the repository root:
 * the tests must run with the repo root as the working directory (make unit
 * and tests/run-unit.sh do). Output goes to fresh mkdtemp directories. */
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
#include "core/sha256.h"

#include "tmp_tree.h"

/* Relative to the repository root, which is the working directory. */
#define DATA_DIR "tests/unit/data"
#define GOOD DATA_DIR "/content-good"
#define BAD DATA_DIR "/content-bad"

struct tmp {
    char dir[64];
};

static int tmp_setup(void **state)
{
    struct tmp *t = calloc(1, sizeof *t);

    if (!t)
        return -1;
    strcpy(t->dir, "/tmp/qf-test-build-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    struct tmp *t = *state;

    remove_tree(t->dir);
    free(t);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    char *text = NULL;

    if (feed_read_file(path, 1u << 24, &text, len) != 0)
        fail_msg("cannot read %s", path);
    return text;
}

static void print_diag(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_message("  %s\n", d->lines[i]);
}

static void test_build_good_tree(void **state)
{
    struct tmp *t = *state;
    char out[128], err[1024], img[160], hex_src[SHA256_HEX_LEN + 1], hex_out[SHA256_HEX_LEN + 1];
    struct feed_build_stats st = { 0 };
    struct diag errs = { 0 };
    struct feed *feed;
    uint64_t size = 0;

    snprintf(out, sizeof out, "%s/feed", t->dir);
    if (feed_build(GOOD "/", out, &st, &errs) != 0) {
        print_diag(&errs);
        fail_msg("build failed");
    }
    assert_int_equal(errs.n, 0);
    assert_int_equal(st.n_items, 4);
    assert_int_equal(st.n_maxims, 2);
    assert_int_equal(st.n_cases, 1);
    assert_int_equal(st.n_stories, 1);
    assert_int_equal(st.n_assets, 1);

    feed = feed_load_dir(out, err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    assert_string_equal(feed->title, "清风 测试内容");
    assert_string_equal(feed->home_page_url, "https://example.org/qingfeng");
    /* sorted by kind, then file name */
    assert_int_equal(feed->n_items, 4);
    assert_string_equal(feed->items[0].id, "maxim-baozheng");
    assert_string_equal(feed->items[1].id, "maxim-zhuge");
    assert_string_equal(feed->items[2].id, "case-gift-money");
    assert_string_equal(feed->items[3].id, "story-window");

    const struct feed_item *m = &feed->items[0];
    assert_int_equal(m->kind, ITEM_MAXIM);
    assert_string_equal(m->text, "清心为治本，\n直道是身谋。");
    assert_string_equal(m->author, "包拯");
    assert_int_equal(m->weight, 3);
    assert_null(m->markdown);
    assert_int_equal(feed->items[1].n_tags, 3); /* 修身，节俭、淡泊 */
    assert_string_equal(feed->items[1].tags[2], "淡泊");
    assert_string_equal(feed->items[1].source, "《诫子书》");

    const struct feed_item *c = &feed->items[2];
    assert_int_equal(c->kind, ITEM_CASE);
    assert_string_equal(c->summary, "一次\"小意思\"，断送大好前程。");
    assert_string_equal(c->intro, "某局副局长王某，利用职务便利收受礼金。");
    assert_int_equal(c->n_pages, 3); /* the "## " inside the code block is not a page */
    assert_string_equal(c->pages[0].title, "案情简介");
    assert_true(strstr(c->pages[0].markdown, "## 这一行在代码块里") != NULL);
    assert_string_equal(c->pages[1].title, "处理结果");
    assert_string_equal(c->pages[1].markdown, "- 开除党籍\n- 开除公职");
    assert_string_equal(c->pages[2].title, "警示");
    assert_int_equal(c->weight, 2);
    assert_string_equal(c->url, "https://example.org/cases/gift");
    assert_string_equal(c->text, c->markdown);
    /* the 学后测 section is not a page, and not in the reading text */
    assert_null(strstr(c->markdown, "学后测"));
    assert_null(strstr(c->markdown, "[x]"));
    assert_true(strstr(c->markdown, "小节不守，大节难保。 ##") != NULL);
    assert_string_equal(c->pages[2].markdown,
                        "> 《中国共产党纪律处分条例》第八十八条：收受可能影响公正执行公务的礼品、礼金……\n\n小节不守，大节难保。 ##");
    assert_int_equal(c->n_questions, 3);

    const struct feed_question *q = &c->questions[0];
    assert_int_equal(q->kind, QUESTION_SINGLE);
    assert_string_equal(q->stem, "管理服务对象逢年过节送来礼金，正确的做法是？");
    assert_int_equal(q->n_options, 3);
    assert_string_equal(q->options[0], "数额不大，可以收下");
    assert_string_equal(q->options[2], "收下后转交单位工会"); /* "*" bullets too */
    assert_int_equal(q->answer_mask, 1u << 1);
    assert_string_equal(q->explanation, "收受可能影响公正执行公务的礼金，\n数额再小也是违纪。\n\n拒收是底线，报告是责任。");
    assert_string_equal(q->source, "《中国共产党廉洁自律准则》");

    q = &c->questions[1]; /* written 错误 first: the feed has 正确 first */
    assert_int_equal(q->kind, QUESTION_JUDGE);
    assert_string_equal(q->stem, "只要不是现金，收下购物卡就不算违纪。");
    assert_int_equal(q->n_options, 2);
    assert_string_equal(q->options[0], "正确");
    assert_string_equal(q->options[1], "错误");
    assert_int_equal(q->answer_mask, 1u << 1);
    assert_null(q->source);

    q = &c->questions[2];
    assert_int_equal(q->kind, QUESTION_MULTI);
    assert_string_equal(q->stem, "下列哪些属于违规收受礼品礼金？"); /* closing #s dropped */
    assert_int_equal(q->answer_mask, (1u << 0) | (1u << 1));
    assert_string_equal(q->explanation, "电子红包、购物卡都是礼品礼金。");

    const struct feed_item *s = &feed->items[3];
    assert_int_equal(s->kind, ITEM_STORY);
    assert_string_equal(s->image, "images/lotus.svg");
    assert_int_equal(s->n_pages, 0);

    /* the copied image has the bytes of the source and the pinned hash */
    assert_int_equal(sha256_hex_file(GOOD "/images/lotus.svg", hex_src, &size), 0);
    snprintf(img, sizeof img, "%s/images/lotus.svg", out);
    assert_int_equal(sha256_hex_file(img, hex_out, NULL), 0);
    assert_string_equal(hex_src, hex_out);
    assert_string_equal(feed_find_asset(feed, "images/lotus.svg")->sha256, hex_src);
    assert_int_equal(feed_find_asset(feed, "images/lotus.svg")->size, size);
    feed_free(feed);
    diag_free(&errs);
}

static void test_build_html_is_safe(void **state)
{
    char *json = NULL;
    size_t len = 0;
    struct diag errs = { 0 };

    assert_int_equal(feed_build_json(GOOD, &json, &len, NULL, &errs), 0);
    assert_int_equal(len, strlen(json));
    assert_null(strstr(json, "<script>alert(\\\"不会出现在 HTML 里\\\")</script>\\n\","));
    assert_non_null(strstr(json, "\"content_html\": \"<p>李某在政务服务窗口工作二十年，从未收过群众一份礼。</p>\\n<!-- raw HTML omitted -->\\n\""));
    assert_non_null(strstr(json, "\"content_html\": \"<p>清心为治本，<br />\\n直道是身谋。</p>\\n\""));
    assert_non_null(strstr(json, "\"generated_by\": \"qingfeng-feed\""));
    assert_non_null(strstr(json, "\"version\": \"https://jsonfeed.org/version/1.1\""));
    free(json);
    diag_free(&errs);
}

static void test_build_reproducible(void **state)
{
    struct tmp *t = *state;
    char a[128], b[128], pa[160], pb[160];
    struct diag errs = { 0 };
    char *ta, *tb;
    size_t la, lb;

    snprintf(a, sizeof a, "%s/a", t->dir);
    snprintf(b, sizeof b, "%s/b/nested", t->dir);
    assert_int_equal(feed_build(GOOD, a, NULL, &errs), 0);
    assert_int_equal(feed_build(GOOD, b, NULL, &errs), 0);
    assert_int_equal(feed_build(GOOD, a, NULL, &errs), 0); /* rebuilding over an old build */
    snprintf(pa, sizeof pa, "%s/feed.json", a);
    snprintf(pb, sizeof pb, "%s/feed.json", b);
    ta = slurp(pa, &la);
    tb = slurp(pb, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    free(ta);
    free(tb);
    diag_free(&errs);
}

/* Every problem of the bad tree, in order, each naming file, line and
 * (where one is involved) field. */
static const char *const bad_expected[] = {
    BAD "/feed.ini:3: field \"colour\": unknown setting; use one of title, home_page_url, language, description",
    BAD "/maxims/bad-utf8.md:5: text is not valid UTF-8 (byte 0xff); save the file as UTF-8 (in WPS or Notepad: Save As, encoding UTF-8)",
    BAD "/maxims/bad-weight.md:1: field \"author\": missing; add a line \"author: 包拯\" to the header",
    BAD "/maxims/bad-weight.md:3: field \"weight\": \"abc\" is not a whole number; use 1 to 10",
    BAD "/maxims/twice.md:3: field \"author\": given twice (first on line 2); keep only one",
    BAD "/cases/a-first.md:8: page heading is empty; write the page title after \"## \"",
    BAD "/cases/a-first.md:12: page \"空页\" is empty; write text under the heading or remove it",
    BAD "/cases/b-second.md:5: field \"kind\": \"novel\" is not a known kind; use maxim, case or story",
    BAD "/cases/c-quiz.md:7: field \"学后测\": the 学后测 section must be the last, but the page \"相关规定\" follows it; move \"## 学后测\" and its questions to the end of the file",
    BAD "/cases/c-quiz.md:9: field \"选项\": no option is marked right; mark the right option (or options) as \"- [x]\"",
    BAD "/cases/nohead.md:1: no header; start the file with a line \"---\", then the fields, then \"---\"",
    BAD "/cases/题目.md:1: field \"id\": the file name \"题目\" cannot be an id; add a line \"id: ...\" with lower-case letters a-z, digits, - and _, or rename the file",
    BAD "/stories/evil.md:4: field \"image\": \"../secret.svg\" is not a safe path; write a path inside " BAD "/ such as images/lotus.svg (no \"..\", no leading /, no \\, no URL)",
    BAD "/stories/evil.md:6: the body is empty; write the text below the closing \"---\"",
    BAD "/stories/open.md:1: the header is not closed; add a line \"---\" after the last field",
    BAD "/stories/web.md:4: field \"image\": \"http://example.org/a.svg\" is not a safe path; write a path inside " BAD "/ such as images/lotus.svg (no \"..\", no leading /, no \\, no URL)",
    BAD "/stories/web.md:5: field \"id\": \"Story_Web\" is not a valid id; use lower-case letters a-z, digits, - and _ (start with a letter or digit, at most 100)",
    BAD "/stories/window.md:1: field \"title\": missing; add a line \"title: ...\" to the header",
    BAD "/stories/window.md:3: field \"image\": file images/nope.svg not found under " BAD "/; check the name",
    BAD "/stories/window.md:4: field \"colour\": unknown field; use one of id, title, lead, author, source, image, tags, weight, url, kind, valid_from, valid_until, days, hours, pinned, groups",
    BAD "/stories/window.md:5: field \"url\": \"ftp://example.org/x\" is not an http(s) URL; use a full address starting with https://",
    BAD "/cases/b-second.md:2: field \"id\": \"case-same\" is already used by " BAD "/cases/a-first.md; choose another id",
};

static void test_build_bad_tree_reports_everything(void **state)
{
    struct tmp *t = *state;
    char out[128];
    struct diag errs = { 0 };
    struct stat st;
    size_t n = sizeof bad_expected / sizeof bad_expected[0];

    snprintf(out, sizeof out, "%s/feed", t->dir);
    assert_int_equal(feed_build(BAD, out, NULL, &errs), -1);
    assert_int_not_equal(stat(out, &st), 0); /* nothing written, not even the folder */
    if (errs.n != n) {
        print_diag(&errs);
        fail_msg("expected %zu messages, got %zu", n, errs.n);
    }
    for (size_t i = 0; i < n; i++) {
        const char *m = errs.lines[i];
        const char *colon = strchr(m + strlen(BAD), ':');
        assert_string_equal(m, bad_expected[i]);
        /* "<file>:<line>: " with a positive line */
        assert_non_null(colon);
        assert_true(atoi(colon + 1) >= 1);
        assert_non_null(strchr(m, ';')); /* says what to do */
    }
    diag_free(&errs);
}

/* The same problems in Chinese: one line each, same order, same message
 * ids, the same "<file>:<line>: " start, translated words. */
static void test_build_bad_tree_in_chinese(void **state)
{
    struct tmp *t = *state;
    char out[128];
    struct diag en = { .lang = MSG_LANG_EN }, zh = { .lang = MSG_LANG_ZH };

    snprintf(out, sizeof out, "%s/feed", t->dir);
    assert_int_equal(feed_build(BAD, out, NULL, &en), -1);
    assert_int_equal(feed_build(BAD, out, NULL, &zh), -1);
    assert_int_equal(zh.n, en.n);
    for (size_t i = 0; i < en.n; i++) {
        const char *e = en.lines[i], *z = zh.lines[i];
        const char *after = strchr(e + strlen(BAD), ' '); /* "<file>:<line>: " ends at the first space */
        size_t start = (size_t)(after - e) + 1;

        assert_int_equal(zh.ids[i], en.ids[i]);
        assert_int_not_equal(en.ids[i], MSG_NONE);
        assert_memory_equal(z, e, start);
        assert_string_not_equal(z + start, e + start);
        if (!strstr(z, "；"))
            fail_msg("no \"what to do\" part in %s", z);
    }
    assert_string_equal(zh.lines[3], BAD "/maxims/bad-weight.md:3: 字段 \"weight\"：“abc”不是整数；请填写 1 到 10 之间的整数");
    diag_free(&en);
    diag_free(&zh);
}

static void write_text(const char *dir, const char *rel, const char *text)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void make_dir(const char *dir, const char *rel)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    assert_int_equal(mkdir(path, 0755), 0);
}

static void test_build_kind_override_and_escaping(void **state)
{
    struct tmp *t = *state;
    char src[128], out[128], err[512];
    struct diag errs = { 0 };
    struct feed *feed;

    snprintf(src, sizeof src, "%s/content", t->dir);
    snprintf(out, sizeof out, "%s/feed", t->dir);
    assert_int_equal(mkdir(src, 0755), 0);
    make_dir(src, "maxims");
    make_dir(src, "stories");
    write_text(src, "maxims/a.md", "---\nauthor: 某\n---\n\n\n  a < b & \"c\"  \n\n");
    write_text(src, "stories/zz.md", "---\nkind: case\ntitle: 改为案例\nlead: l\n---\n## 一\n\n正文\n");
    write_text(src, "stories/.hidden.md", "not a content file");
    write_text(src, "stories/notes.txt", "ignored");
    if (feed_build(src, out, NULL, &errs) != 0) {
        print_diag(&errs);
        fail_msg("build failed");
    }
    feed = feed_load_dir(out, err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->n_items, 2);
    assert_string_equal(feed->title, "清风 内容"); /* no feed.ini */
    assert_string_equal(feed->language, "zh-CN");
    assert_string_equal(feed->items[0].text, "a < b & \"c\"");
    assert_string_equal(feed->items[1].id, "story-zz"); /* id prefix from the folder */
    assert_int_equal(feed->items[1].kind, ITEM_CASE);
    assert_null(feed->items[1].intro);
    assert_int_equal(feed->items[1].n_pages, 1);
    feed_free(feed);
    diag_free(&errs);
}

/* Writes one case file under a fresh content folder and builds it.
 * Returns the build's result; messages go to `errs`. */
static int build_one_case(const struct tmp *t, const char *text, struct diag *errs, struct feed **feed)
{
    char src[128], out[128], err[512];
    int rc;

    snprintf(src, sizeof src, "%s/content", t->dir);
    snprintf(out, sizeof out, "%s/feed", t->dir);
    remove_tree(src);
    remove_tree(out);
    assert_int_equal(mkdir(src, 0755), 0);
    make_dir(src, "cases");
    write_text(src, "cases/a.md", text);
    rc = feed_build(src, out, NULL, errs);
    if (rc == 0 && feed) {
        *feed = feed_load_dir(out, err, sizeof err);
        if (!*feed)
            fail_msg("%s", err);
    }
    return rc;
}

#define CASE_HEAD "---\ntitle: 收受礼金案\nlead: 导语\n---\n"
#define CASE_HEAD_PLAIN "---\ntitle: t\nlead: l\n---\n"

/* valid_from .. groups in the header come out as _qingfeng.schedule,
 * .pinned and .groups, and read back as the same schedule. */
static void test_build_schedule_and_groups(void **state)
{
    struct tmp *t = *state;
    struct diag errs = { 0 };
    struct feed *feed = NULL;

    if (build_one_case(t, "---\ntitle: 春节廉洁提醒\nlead: 导语\nvalid_from: 2027-01-20\nvalid_until: 2027-02-28\n"
                          "days: 周一-周五\nhours: 08:00-12:00, 14:00-18:00\npinned: 是\ngroups: Lobby, 3F\n---\n正文\n",
                       &errs, &feed) != 0) {
        print_diag(&errs);
        fail_msg("build failed");
    }
    const struct feed_item *it = &feed->items[0];
    assert_int_equal(it->schedule.from, 20270120);
    assert_int_equal(it->schedule.until, 20270228);
    assert_int_equal(it->schedule.when.days, 0x1f);
    assert_int_equal(it->schedule.when.n_ranges, 2);
    assert_int_equal(it->schedule.when.ranges[1].start, 14 * 60);
    assert_int_equal(it->schedule.when.ranges[1].end, 18 * 60);
    assert_true(it->pinned);
    assert_int_equal(it->n_groups, 2);
    assert_string_equal(it->groups[0], "lobby");
    assert_string_equal(it->groups[1], "3f");
    feed_free(feed);
    feed = NULL;

    /* without the keys: no schedule, not pinned, every screen */
    assert_int_equal(build_one_case(t, CASE_HEAD_PLAIN "正文\n", &errs, &feed), 0);
    it = &feed->items[0];
    assert_int_equal(it->schedule.from, 0);
    assert_int_equal(it->schedule.until, 0);
    assert_int_equal(it->schedule.when.days, DAYPART_ALL_DAYS);
    assert_int_equal(it->schedule.when.n_ranges, 0);
    assert_false(it->pinned);
    assert_int_equal(it->n_groups, 0);
    feed_free(feed);

    /* pinned: no is not pinned */
    assert_int_equal(build_one_case(t, "---\ntitle: t\nlead: l\npinned: No\n---\n正文\n", &errs, &feed), 0);
    assert_false(feed->items[0].pinned);
    feed_free(feed);
    diag_free(&errs);
}



/* Every mistake of a 学后测 section in one file: each is reported once,
 * with its line and field, in line order. */
static void test_build_quiz_mistakes(void **state)
{
    static const char text[] =
        CASE_HEAD                                  /* 1-4 */
        "## 案情简介\n"                             /* 5 */
        "\n"                                       /* 6 */
        "正文。\n"                                  /* 7 */
        "\n"                                       /* 8 */
        "## 学后测\n"                               /* 9 */
        "\n"                                       /* 10 */
        "请回答：\n"                                /* 11: text before the first question */
        "共三题。\n"                                /* 12: the same run, not reported again */
        "\n"                                       /* 13 */
        "### 收到红包怎么办？\n"                     /* 14 */
        "A. 收下\n"                                 /* 15: not an option */
        "- 退回\n"                                  /* 16: no box */
        "- [x] 上交\n"                              /* 17 */
        "- [x]\n"                                  /* 18: empty option */
        "- [ ] 上交\n"                              /* 19: twice */
        "\n"                                       /* 20 */
        "解析：上交或退回。\n"                       /* 21 */
        "- [ ] 晚到的选项\n"                         /* 22: after 解析 */
        "解析：又一段。\n"                           /* 23: 解析 twice */
        "出处：\n"                                  /* 24: empty */
        "出处：《准则》\n"                           /* 25: twice */
        "随后的文字\n"                               /* 26: stray after 出处 */
        "\n"                                       /* 27 */
        "#### 小标题\n"                              /* 28 */
        "\n"                                       /* 29 */
        "### 判断\n"                                 /* 30: both marked, no 解析 */
        "- [x] 正确\n"                               /* 31 */
        "- [x] 错误\n"                               /* 32 */
        "\n"                                        /* 33 */
        "###\n"                                     /* 34: empty, one option */
        "- [x] 甲\n"                                 /* 35 */
        "解析：\n";                                   /* 36: empty 解析 */
    static const char *const want[] = {
        ":11: field \"学后测\": this line is not part of a question;",
        ":15: field \"学后测\": this line is not part of a question;",
        ":16: field \"选项\": the option has no box;",
        ":18: field \"选项\": the option is empty;",
        ":19: field \"选项\": \"上交\" is given twice (first on line 17);",
        ":22: field \"选项\": an option after 解析 or 出处;",
        ":23: field \"解析\": given twice in this question (first on line 21);",
        ":24: field \"出处\": is empty;",
        ":25: field \"出处\": given twice in this question (first on line 24);",
        ":26: field \"学后测\": this line is not part of a question;",
        ":28: field \"学后测\": \"#### 小标题\" is not a question heading;",
        ":30: field \"选项\": both 正确 and 错误 are marked;",
        ":30: field \"解析\": the question has no explanation;",
        ":34: field \"题目\": the question is empty;",
        ":34: field \"选项\": the question has 1 option(s); give 2 to 6,",
        ":36: field \"解析\": the question has no explanation;",
    };
    struct tmp *t = *state;
    struct diag errs = { 0 };
    char file[160];

    snprintf(file, sizeof file, "%s/content/cases/a.md", t->dir);
    assert_int_equal(build_one_case(t, text, &errs, NULL), -1);
    if (errs.n != sizeof want / sizeof want[0]) {
        print_diag(&errs);
        fail_msg("expected %zu messages, got %zu", sizeof want / sizeof want[0], errs.n);
    }
    for (size_t i = 0; i < errs.n; i++) {
        if (strncmp(errs.lines[i], file, strlen(file)) != 0 ||
            strncmp(errs.lines[i] + strlen(file), want[i], strlen(want[i])) != 0) {
            print_diag(&errs);
            fail_msg("message %zu: expected \"%s\" after the file name", i, want[i]);
        }
    }
    diag_free(&errs);
}

/* The section's own problems: not last, twice, empty, too many, outside a
 * case, and a body that is nothing but a 学后测 section. */
static void test_build_quiz_section(void **state)
{
    struct tmp *t = *state;
    struct diag errs = { 0 };
    struct feed *feed = NULL;
    char src[128], out[128], expect[512];

    /* a case whose only "## " heading is 学后测: no pages, the rest is the body */
    assert_int_equal(build_one_case(t, CASE_HEAD "正文。\n\n## 学后测\n\n### 题\n- [ ] 甲\n- [x] 乙\n\n解析：因为。\n",
                                    &errs, &feed), 0);
    assert_int_equal(feed->items[0].n_pages, 0);
    assert_null(feed->items[0].intro);
    assert_string_equal(feed->items[0].markdown, "正文。");
    assert_int_equal(feed->items[0].n_questions, 1);
    assert_int_equal(feed->items[0].questions[0].answer_mask, 1u << 1);
    feed_free(feed);

    /* 5 questions are fine, 6 are not; the 6th heading is named */
    assert_int_equal(build_one_case(t, CASE_HEAD "正文。\n\n## 学后测\n"
                                    "### 一\n- [x] 甲\n- [ ] 乙\n解析：一。\n"
                                    "### 二\n- [x] 甲\n- [ ] 乙\n解析：二。\n"
                                    "### 三\n- [x] 甲\n- [ ] 乙\n解析：三。\n"
                                    "### 四\n- [x] 甲\n- [ ] 乙\n解析：四。\n"
                                    "### 五\n- [x] 甲\n- [ ] 乙\n解析：五。\n"
                                    "### 六\n- [x] 甲\n- [ ] 乙\n解析：六。\n",
                                    &errs, NULL), -1);
    assert_int_equal(errs.n, 1);
    snprintf(expect, sizeof expect, "%s/content/cases/a.md:28: field \"学后测\": more than 5 questions; keep at most 5 "
             "(a self-check should take a minute or two)", t->dir);
    assert_string_equal(errs.lines[0], expect);
    diag_free(&errs);

    /* nothing but the section: the body is empty */
    assert_int_equal(build_one_case(t, CASE_HEAD "## 学后测\n\n### 题\n- [ ] 甲\n- [x] 乙\n\n解析：因为。\n", &errs, NULL), -1);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.ids[0], MSG_SRC_BODY_EMPTY_TEXT);
    assert_non_null(strstr(errs.lines[0], "/cases/a.md:5: "));
    diag_free(&errs);

    /* two sections, an empty one: both reported, on their lines */
    assert_int_equal(build_one_case(t, CASE_HEAD "正文。\n\n## 学后测\n\n## 学后测\n\n### 题\n- [ ] 甲\n- [x] 乙\n\n解析：因为。\n",
                                    &errs, NULL), -1);
    if (errs.n != 2)
        print_diag(&errs);
    assert_int_equal(errs.n, 2);
    assert_int_equal(errs.ids[0], MSG_SRC_QUIZ_EMPTY);
    assert_non_null(strstr(errs.lines[0], "/cases/a.md:7: "));
    assert_int_equal(errs.ids[1], MSG_SRC_QUIZ_TWICE);
    assert_non_null(strstr(errs.lines[1], "/cases/a.md:9: field \"学后测\": a second 学后测 section (the first is on line 7)"));
    diag_free(&errs);

    /* a story with a 学后测 section; a case made a story with kind: */
    snprintf(src, sizeof src, "%s/content", t->dir);
    snprintf(out, sizeof out, "%s/feed", t->dir);
    remove_tree(src);
    assert_int_equal(mkdir(src, 0755), 0);
    make_dir(src, "cases");
    write_text(src, "cases/a.md", "---\nkind: story\ntitle: 故事\nlead: 导语\nimage: images/x.svg\n---\n正文。\n\n## 学后测\n");
    make_dir(src, "images");
    write_text(src, "images/x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    assert_int_equal(feed_build(src, out, NULL, &errs), -1);
    assert_int_equal(errs.n, 1);
    assert_int_equal(errs.ids[0], MSG_SRC_QUIZ_NOT_CASE);
    assert_non_null(strstr(errs.lines[0], "/cases/a.md:9: field \"学后测\": only cases have a self-check"));
    diag_free(&errs);
}

/* Headings that look like a 学后测 but are not stay ordinary pages; a fence
 * hides "## 学后测"; the section's text is found after CRLF line ends too. */
static void test_build_quiz_lookalikes(void **state)
{
    struct tmp *t = *state;
    struct diag errs = { 0 };
    struct feed *feed = NULL;

    assert_int_equal(build_one_case(t, CASE_HEAD "## 学后测验\n\n正文。\n\n```\n## 学后测\n```\n", &errs, &feed), 0);
    assert_int_equal(feed->items[0].n_pages, 1);
    assert_string_equal(feed->items[0].pages[0].title, "学后测验");
    assert_int_equal(feed->items[0].n_questions, 0);
    feed_free(feed);

    assert_int_equal(build_one_case(t, "---\r\ntitle: 案\r\nlead: 导语\r\n---\r\n## 一\r\n\r\n正文。\r\n\r\n## 学后测 ##\r\n"
                                    "### 题\r\n- [x] 正确\r\n- [ ] 错误\r\n解析：对。\r\n出处：《准则》\r\n",
                                    &errs, &feed), 0);
    assert_int_equal(feed->items[0].n_pages, 1);
    assert_int_equal(feed->items[0].n_questions, 1);
    assert_int_equal(feed->items[0].questions[0].kind, QUESTION_JUDGE);
    assert_int_equal(feed->items[0].questions[0].answer_mask, 1u << 0);
    assert_string_equal(feed->items[0].questions[0].explanation, "对。");
    assert_string_equal(feed->items[0].questions[0].source, "《准则》");
    feed_free(feed);
    diag_free(&errs);
}

/* A content folder with one story and one case whose bodies show
 * pictures; `extra` (may be NULL) is one more case file, cases/z.md. */
static void write_picture_tree(const char *src, const char *extra)
{
    remove_tree(src);
    assert_int_equal(mkdir(src, 0755), 0);
    make_dir(src, "images");
    make_dir(src, "images/body");
    make_dir(src, "stories");
    make_dir(src, "cases");
    make_dir(src, "maxims");
    write_text(src, "images/card.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    write_text(src, "images/body/flow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 4\"/>\n");
    write_text(src, "images/body/photo.png", "not really a png, but the builder only copies it\n");
    write_text(src, "images/body/answer.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"/>\n");
    /* the header picture again in the body, twice */
    write_text(src, "stories/a.md",
               "---\ntitle: 窗口\nlead: 导语\nimage: images/card.svg\n---\n"
               "正文。\n\n![窗口全景](images/card.svg)\n\n再看一次：![窗口全景](images/card.svg)\n");
    /* one picture in the intro, a page and an explanation, one in a page
     * and one only in an explanation; a code block, a code span and inline
     * HTML are not pictures */
    write_text(src, "cases/b.md",
               "---\ntitle: 收受礼金案\nlead: 导语\nimage: images/card.svg\n---\n"
               "引言。\n\n![流程](images/body/flow.svg)\n\n"
               "## 案情\n\n正文。\n\n![现场](images/body/photo.png)\n\n"
               "```\n![不是图片](images/nope.svg)\n```\n\n"
               "`![也不是](images/nope.svg)` <img src=\"images/nope.svg\">\n\n"
               "## 警示\n\n再看流程：![流程](images/body/flow.svg)\n\n"
               "## 学后测\n\n### 题\n- [x] 甲\n- [ ] 乙\n\n解析：见图。\n\n![流程](images/body/flow.svg)\n"
               "![答案](images/body/answer.svg)\n");
    /* a saying is plain text, not Markdown */
    write_text(src, "maxims/c.md", "---\nauthor: 某\n---\n![清风](https://example.org/x.svg)\n");
    if (extra)
        write_text(src, "cases/z.md", extra);
}

/* Pictures of the bodies are copied and pinned once each, also when the
 * header uses the same picture and when several texts show it. */
static void test_build_body_pictures(void **state)
{
    struct tmp *t = *state;
    char src[128], out[128], err[512], path[256], hex_src[SHA256_HEX_LEN + 1], hex_out[SHA256_HEX_LEN + 1];
    static const char *const pinned[] = { "images/body/answer.svg", "images/body/flow.svg", "images/body/photo.png",
                                          "images/card.svg" };
    struct feed_build_stats st = { 0 };
    struct diag errs = { 0 };
    struct feed *feed;
    char *json = NULL;
    const char *first;
    size_t len;

    snprintf(src, sizeof src, "%s/content", t->dir);
    snprintf(out, sizeof out, "%s/feed", t->dir);
    write_picture_tree(src, NULL);
    if (feed_build(src, out, &st, &errs) != 0) {
        print_diag(&errs);
        fail_msg("build failed");
    }
    assert_int_equal(st.n_assets, 4);
    feed = feed_load_dir(out, err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->n_assets, 4);
    for (size_t i = 0; i < 4; i++) { /* sorted by path, each once, with the bytes of the source */
        uint64_t size = 0;
        assert_string_equal(feed->assets[i].path, pinned[i]);
        snprintf(path, sizeof path, "%s/%s", src, pinned[i]);
        assert_int_equal(sha256_hex_file(path, hex_src, &size), 0);
        snprintf(path, sizeof path, "%s/%s", out, pinned[i]);
        assert_int_equal(sha256_hex_file(path, hex_out, NULL), 0);
        assert_string_equal(hex_out, hex_src);
        assert_string_equal(feed->assets[i].sha256, hex_src);
        assert_int_equal(feed->assets[i].size, size);
    }
    snprintf(path, sizeof path, "%s/images/nope.svg", out);
    assert_int_not_equal(access(path, F_OK), 0);
    feed_free(feed);

    /* the JSON names each asset once */
    snprintf(path, sizeof path, "%s/feed.json", out);
    assert_int_equal(feed_read_file(path, 1u << 24, &json, &len), 0);
    first = strstr(json, "\"path\": \"images/card.svg\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, "\"path\": \"images/card.svg\""));
    free(json);
    diag_free(&errs);
}

/* Every bad picture of a body is reported on its line, with the field
 * "body image" and what to do; nothing is written. */
static void test_build_body_picture_mistakes(void **state)
{
    static const char text[] =
        "---\ntitle: 案\nlead: 导语\n---\n"                    /* 1-4 */
        "![网上的图](https://example.org/a.svg)\n"             /* 5: remote */
        "\n"                                                   /* 6 */
        "![网上的图](http://example.org/a.svg) "               /* 7: remote, */
        "![内嵌](data:image/png;base64,iVBORw0KGgo=)\n"        /*    and a data: address */
        "\n"                                                   /* 8 */
        "## 一\n"                                              /* 9 */
        "\n"                                                   /* 10 */
        "文字![上一级](../secret.svg)\n"                       /* 11: unsafe */
        "![绝对路径](/etc/a.svg)\n"                            /* 12: unsafe */
        "\n"                                                   /* 13 */
        "![两行的\n"                                           /* 14: a description on two lines */
        "说明](images/a.gif)\n"                                /* 15 */
        "\n"                                                   /* 16 */
        "![没有这张](images/body/none.svg)\n";                 /* 17: missing */
    static const struct {
        enum msg_id id;
        const char *want;
    } want[] = {
        { MSG_SRC_BODY_IMAGE_REMOTE, ":5: field \"body image\": \"https://example.org/a.svg\" is a web address, but the "
                                     "kiosk works offline" },
        { MSG_SRC_BODY_IMAGE_REMOTE, ":7: field \"body image\": \"http://example.org/a.svg\" is a web address" },
        { MSG_SRC_BODY_IMAGE_REMOTE, ":7: field \"body image\": \"data:image/png;base64,iVBORw0KGgo=\" is a web address" },
        { MSG_SRC_BODY_IMAGE_UNSAFE, ":11: field \"body image\": \"../secret.svg\" is not a safe path; write a path inside" },
        { MSG_SRC_BODY_IMAGE_UNSAFE, ":12: field \"body image\": \"/etc/a.svg\" is not a safe path" },
        { MSG_SRC_BODY_IMAGE_NOT_PICTURE, ":14: field \"body image\": \"images/a.gif\" is not a picture the kiosk shows; "
                                          "save it as .svg, .png or .jpg" },
        { MSG_SRC_BODY_IMAGE_NOT_FOUND, ":17: field \"body image\": file images/body/none.svg not found under " },
    };
    struct tmp *t = *state;
    char src[128], out[128], file[192];
    struct diag errs = { 0 }, zh = { .lang = MSG_LANG_ZH };
    struct stat st;

    snprintf(src, sizeof src, "%s/content", t->dir);
    snprintf(out, sizeof out, "%s/feed", t->dir);
    snprintf(file, sizeof file, "%s/cases/z.md", src);
    write_picture_tree(src, text);
    assert_int_equal(feed_build(src, out, NULL, &errs), -1);
    assert_int_not_equal(stat(out, &st), 0); /* nothing written */
    if (errs.n != sizeof want / sizeof want[0]) {
        print_diag(&errs);
        fail_msg("expected %zu messages, got %zu", sizeof want / sizeof want[0], errs.n);
    }
    for (size_t i = 0; i < errs.n; i++) {
        if (errs.ids[i] != want[i].id || strncmp(errs.lines[i], file, strlen(file)) != 0 ||
            strncmp(errs.lines[i] + strlen(file), want[i].want, strlen(want[i].want)) != 0) {
            print_diag(&errs);
            fail_msg("message %zu: expected %s \"%s\" after the file name", i, msg_name(want[i].id), want[i].want);
        }
        assert_non_null(strchr(errs.lines[i], ';'));
    }

    /* the same in Chinese, with the field named in Chinese */
    assert_int_equal(feed_build(src, out, NULL, &zh), -1);
    assert_int_equal(zh.n, errs.n);
    assert_non_null(strstr(zh.lines[0], "/cases/z.md:5: 字段 \"正文图片\"：“https://example.org/a.svg”是网上的地址"));
    assert_non_null(strstr(zh.lines[6], "/cases/z.md:17: 字段 \"正文图片\"：找不到图片 images/body/none.svg"));
    diag_free(&errs);
    diag_free(&zh);
}

static void test_build_empty_and_missing(void **state)
{
    struct tmp *t = *state;
    char out[128], expect[256];
    struct diag errs = { 0 };

    snprintf(out, sizeof out, "%s/feed", t->dir);
    assert_int_equal(feed_build(t->dir, out, NULL, &errs), -1);
    assert_int_equal(errs.n, 1);
    snprintf(expect, sizeof expect, "%s: no items; add Markdown files under maxims/, cases/ or stories/", t->dir);
    assert_string_equal(errs.lines[0], expect);
    diag_free(&errs);

    assert_int_equal(feed_build(DATA_DIR "/no-such-folder", out, NULL, &errs), -1);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.lines[0], DATA_DIR "/no-such-folder: not a folder; give the content folder, e.g. content/");
    diag_free(&errs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_build_good_tree, tmp_setup, tmp_teardown),
        cmocka_unit_test(test_build_html_is_safe),
        cmocka_unit_test_setup_teardown(test_build_reproducible, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_bad_tree_reports_everything, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_bad_tree_in_chinese, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_kind_override_and_escaping, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_quiz_mistakes, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_quiz_section, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_quiz_lookalikes, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_body_pictures, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_body_picture_mistakes, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_empty_and_missing, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_build_schedule_and_groups, tmp_setup, tmp_teardown),
    };
    struct stat st;

    if (stat(GOOD "/feed.ini", &st) != 0) {
        fprintf(stderr, "test_feed_build: %s not found; run the tests from the repository root\n", GOOD);
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
