/* Feed parser, validator and loader (app/core/feed.c, json_locate.c, sha256.c).
 * Run from the repository root (make unit does): fixtures are written into a
 * fresh mkdtemp directory, nothing is read from the tree. */
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
#include "core/json_locate.h"
#include "core/sha256.h"

/* Fails with the full message when `s` does not start with `prefix`. */
#define assert_prefix(s, prefix)                                                  \
    do {                                                                          \
        if (strncmp((s), (prefix), strlen(prefix)) != 0)                          \
            fail_msg("expected prefix \"%s\"\n                got \"%s\"", (prefix), (s)); \
    } while (0)

#define assert_contains(s, sub)                                                    \
    do {                                                                           \
        if (!strstr((s), (sub)))                                                   \
            fail_msg("expected \"%s\" in \"%s\"", (sub), (s));                     \
    } while (0)

static const char lotus_svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";

/* A valid feed; the line numbers matter for the tests below. */
static const char good_feed_fmt[] =
    "{\n"                                                             /* 1 */
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"          /* 2 */
    "  \"title\": \"清风 内容\",\n"                                   /* 3 */
    "  \"language\": \"zh-CN\",\n"                                    /* 4 */
    "  \"_qingfeng\": {\"format\": 1, \"generated_by\": \"qingfeng-feed\",\n" /* 5 */
    "    \"assets\": [{\"path\": \"images/lotus.svg\", \"size\": %zu, \"sha256\": \"%s\"}]},\n" /* 6 */
    "  \"items\": [\n"                                                /* 7 */
    "    {\"id\": \"maxim-baozheng\", \"content_text\": \"清心为治本，直道是身谋。\",\n" /* 8 */
    "     \"tags\": [\"清廉\", \"包拯\"],\n"                          /* 9 */
    "     \"_qingfeng\": {\"kind\": \"maxim\", \"author\": \"包拯\", \"source\": \"《书端州郡斋壁》\", \"weight\": 3}},\n" /* 10 */
    "    {\"id\": \"case-gift\", \"title\": \"收受礼金案\", \"summary\": \"一次“小意思”\",\n" /* 11 */
    "     \"content_text\": \"intro\\n\\n## 案情\\n\\nA\\n\", \"url\": \"https://example.org/case\",\n" /* 12 */
    "     \"_qingfeng\": {\"kind\": \"case\", \"markdown\": \"intro\\n\\n## 案情\\n\\nA\\n\", \"intro\": \"intro\",\n" /* 13 */
    "       \"pages\": [{\"title\": \"案情\", \"markdown\": \"A\"}, {\"title\": \"警示\", \"markdown\": \"B\"}]}},\n" /* 14 */
    "    {\"id\": \"story-window\", \"title\": \"窗口\", \"summary\": \"s\", \"content_text\": \"body\",\n" /* 15 */
    "     \"image\": \"images/lotus.svg\", \"_qingfeng\": {\"kind\": \"story\"}}\n" /* 16 */
    "  ]\n"                                                           /* 17 */
    "}\n";

static char *good_feed(void)
{
    char hex[SHA256_HEX_LEN + 1];
    char *out = malloc(sizeof good_feed_fmt + 128);

    assert_non_null(out);
    assert_int_equal(sha256_hex_buffer(lotus_svg, strlen(lotus_svg), hex), 0);
    sprintf(out, good_feed_fmt, strlen(lotus_svg), hex);
    return out;
}

/* Replaces the first `from` in the good feed with `to` and parses it.
 * Returns the feed (NULL on error) and leaves the message in err. */
static struct feed *parse_edited(const char *from, const char *to, char *err, size_t errlen)
{
    char *base = good_feed();
    char *at = strstr(base, from);
    char *text;
    struct feed *feed;

    if (!at)
        fail_msg("fixture does not contain \"%s\"", from);
    text = malloc(strlen(base) + strlen(to) + 1);
    assert_non_null(text);
    memcpy(text, base, (size_t)(at - base));
    strcpy(text + (at - base), to);
    strcat(text, at + strlen(from));
    feed = feed_parse(text, strlen(text), "feed.json", err, errlen);
    free(text);
    free(base);
    return feed;
}

static void expect_error(const char *from, const char *to, const char *prefix, const char *also)
{
    char err[1024] = "";
    struct feed *feed = parse_edited(from, to, err, sizeof err);

    if (feed) {
        feed_free(feed);
        fail_msg("feed with \"%s\" -> \"%s\" was accepted", from, to);
    }
    assert_prefix(err, prefix);
    if (also)
        assert_contains(err, also);
}

/* ---- parsing a good feed ------------------------------------------------ */

static void test_good_feed_fields(void **state)
{
    char err[512] = "";
    char *text = good_feed();
    struct feed *feed = feed_parse(text, strlen(text), "feed.json", err, sizeof err);

    assert_non_null(feed);
    assert_string_equal(err, "");
    assert_string_equal(feed->title, "清风 内容");
    assert_string_equal(feed->language, "zh-CN");
    assert_int_equal(feed->n_items, 3);
    assert_int_equal(feed->n_assets, 1);
    assert_string_equal(feed->assets[0].path, "images/lotus.svg");
    assert_int_equal(feed->assets[0].size, strlen(lotus_svg));

    const struct feed_item *m = &feed->items[0];
    assert_string_equal(m->id, "maxim-baozheng");
    assert_int_equal(m->kind, ITEM_MAXIM);
    assert_null(m->title);
    assert_null(m->summary); /* maxims show the saying, no summary is made up */
    assert_string_equal(m->text, "清心为治本，直道是身谋。");
    assert_string_equal(m->author, "包拯");
    assert_string_equal(m->source, "《书端州郡斋壁》");
    assert_int_equal(m->weight, 3);
    assert_int_equal(m->n_tags, 2);
    assert_string_equal(m->tags[1], "包拯");

    const struct feed_item *c = &feed->items[1];
    assert_int_equal(c->kind, ITEM_CASE);
    assert_string_equal(c->title, "收受礼金案");
    assert_string_equal(c->summary, "一次“小意思”");
    assert_string_equal(c->intro, "intro");
    assert_string_equal(c->url, "https://example.org/case");
    assert_int_equal(c->n_pages, 2);
    assert_string_equal(c->pages[0].title, "案情");
    assert_string_equal(c->pages[1].markdown, "B");
    assert_int_equal(c->weight, 1);
    assert_int_equal(c->n_questions, 0); /* no "questions": none */
    assert_null(c->questions);

    const struct feed_item *s = &feed->items[2];
    assert_int_equal(s->kind, ITEM_STORY);
    assert_string_equal(s->image, "images/lotus.svg");
    assert_ptr_equal(feed_find_asset(feed, "images/lotus.svg"), &feed->assets[0]);
    assert_null(feed_find_asset(feed, "images/none.svg"));
    assert_int_equal(feed_count_kind(feed, ITEM_MAXIM), 1);
    assert_int_equal(feed_count_kind(feed, ITEM_CASE), 1);
    assert_int_equal(feed_count_kind(feed, ITEM_STORY), 1);
    assert_string_equal(item_kind_name(ITEM_CASE), "case");

    feed_free(feed);
    free(text);
}

/* _qingfeng.schedule, .pinned and .groups: read when given, defaults
 * (every day, all day, not pinned, every screen) otherwise. */
static void test_schedule_pinned_groups(void **state)
{
    (void)state;
    char err[512] = "";
    struct feed *feed = parse_edited("{\"kind\": \"story\"}",
                                     "{\"kind\": \"story\", \"schedule\": {\"from\": \"2028-02-28\", "
                                     "\"until\": \"2028-02-29\", \"days\": \"sat,sun\", \"hours\": \"20:00-07:30\"}, "
                                     "\"pinned\": true, \"groups\": [\"Lobby\", \"3f\"]}",
                                     err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    const struct feed_item *it = &feed->items[2];
    assert_int_equal(it->schedule.from, 20280228);
    assert_int_equal(it->schedule.until, 20280229);
    assert_int_equal(it->schedule.when.days, 0x60);
    assert_int_equal(it->schedule.when.n_ranges, 1);
    assert_int_equal(it->schedule.when.ranges[0].start, 20 * 60);
    assert_int_equal(it->schedule.when.ranges[0].end, 7 * 60 + 30);
    assert_true(it->pinned);
    assert_int_equal(it->n_groups, 2);
    assert_string_equal(it->groups[0], "Lobby");
    /* the others keep the defaults */
    assert_int_equal(feed->items[0].schedule.from, 0);
    assert_int_equal(feed->items[0].schedule.when.days, DAYPART_ALL_DAYS);
    assert_int_equal(feed->items[0].schedule.when.n_ranges, 0);
    assert_false(feed->items[0].pinned);
    assert_int_equal(feed->items[0].n_groups, 0);
    feed_free(feed);

    /* an empty schedule, "all" days and empty hours are no limits; pinned false */
    feed = parse_edited("{\"kind\": \"story\"}",
                        "{\"kind\": \"story\", \"schedule\": {\"days\": \"all\", \"hours\": \"\"}, "
                        "\"pinned\": false, \"groups\": []}",
                        err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->items[2].schedule.when.days, DAYPART_ALL_DAYS);
    assert_int_equal(feed->items[2].schedule.when.n_ranges, 0);
    assert_false(feed->items[2].pinned);
    assert_int_equal(feed->items[2].n_groups, 0);
    feed_free(feed);

    /* a one-day window is fine; until a day before from is not */
    feed = parse_edited("{\"kind\": \"story\"}",
                        "{\"kind\": \"story\", \"schedule\": {\"from\": \"2027-01-25\", \"until\": \"2027-01-25\"}}",
                        err, sizeof err);
    assert_non_null(feed);
    feed_free(feed);
    feed = parse_edited("{\"kind\": \"story\"}",
                        "{\"kind\": \"story\", \"schedule\": {\"from\": \"2027-01-25\", \"until\": \"2027-01-24\"}}",
                        err, sizeof err);
    assert_null(feed);
    assert_non_null(strstr(err, "feed.json:16: items[2]._qingfeng.schedule.until: the last day 2027-01-24 is before"));
}

static void test_plain_json_feed_reads_as_stories(void **state)
{
    static const char plain[] =
        "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Blog\",\n"
        " \"items\": [\n"
        "  {\"id\": 7, \"title\": \"Hello\", \"content_text\": \"  一二三四五六七八九十一二三四五六七八九十"
        "一二三四五六七八九十一二三四五六七八九十\\n\\n一二三四五六七八九十一二三四五六七八九十"
        "一二三四五六七八九十一二三四五六七八九十 tail beyond eighty\",\n"
        "   \"image\": \"https://example.org/a.png\", \"authors\": [{\"name\": \"Wang\"}]},\n"
        "  {\"id\": \"b\", \"title\": \"Html\", \"content_html\": \"<p>Tom &amp; Jerry</p><p>&#28165;&#x98CE;<br>x</p><script>bad()</script>\"}\n"
        " ]}\n";
    char err[512] = "";
    struct feed *feed = feed_parse(plain, strlen(plain), "plain.json", err, sizeof err);

    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->n_items, 2);
    assert_int_equal(feed->n_assets, 0);
    assert_int_equal(feed->items[0].kind, ITEM_STORY);
    assert_int_equal(feed->items[1].kind, ITEM_STORY);
    assert_string_equal(feed->items[0].id, "7");
    assert_string_equal(feed->items[0].author, "Wang");
    assert_null(feed->items[0].image); /* web images are not pinned assets */
    assert_int_equal(feed->items[0].weight, 1);
    /* 80 characters: 79 CJK + one folded space, then an ellipsis */
    assert_string_equal(feed->items[0].summary,
                        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                        " 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九…");
    assert_string_equal(feed->items[1].text, "Tom & Jerry\n清风\nx");
    assert_string_equal(feed->items[1].summary, "Tom & Jerry 清风 x");
    feed_free(feed);
}

/* ---- one message per validation rule ------------------------------------ */

static void test_error_unknown_kind(void **state)
{
    expect_error("{\"kind\": \"case\"", "{\"kind\": \"foo\"",
                 "feed.json:13: items[1]._qingfeng.kind: \"foo\" is not a known kind; use maxim, case or story", NULL);
}

static void test_error_version(void **state)
{
    expect_error("version/1.1\"", "version/2\"", "feed.json:2: version: \"https://jsonfeed.org/version/2\" is not a JSON Feed version;",
                 NULL);
    expect_error("\"version\"", "\"versio\"", "feed.json:1: version: missing;", NULL);
}

static void test_error_case_without_title(void **state)
{
    expect_error("\"title\": \"收受礼金案\", ", "",
                 "feed.json:11: items[1].title: missing or empty for a case; add a \"title\"", NULL);
}

static void test_error_maxim_without_text(void **state)
{
    expect_error("\"content_text\": \"清心为治本，直道是身谋。\"", "\"content_text\": \"\"",
                 "feed.json:8: items[0].content_text: missing or empty for a maxim;", NULL);
}

static void test_error_weight(void **state)
{
    expect_error("\"weight\": 3", "\"weight\": 11", "feed.json:10: items[0]._qingfeng.weight: 11 is out of range; use 1 to 10",
                 NULL);
    expect_error("\"weight\": 3", "\"weight\": 2.5", "feed.json:10: items[0]._qingfeng.weight: is a decimal number, not a whole number;",
                 NULL);
    expect_error("\"weight\": 3", "\"weight\": \"3\"", "feed.json:10: items[0]._qingfeng.weight: is a string", NULL);
}

static void test_error_image(void **state)
{
    expect_error("\"image\": \"images/lotus.svg\"", "\"image\": \"images/other.svg\"",
                 "feed.json:16: items[2].image: \"images/other.svg\" is not listed in _qingfeng.assets;", NULL);
    expect_error("\"image\": \"images/lotus.svg\"", "\"image\": \"../secret.png\"",
                 "feed.json:16: items[2].image: \"../secret.png\" is not a safe relative path;", NULL);
    /* an item with _qingfeng may not point at the web either */
    expect_error("\"image\": \"images/lotus.svg\"", "\"image\": \"http://x/y.png\"",
                 "feed.json:16: items[2].image: \"http://x/y.png\" is not a safe relative path;", NULL);
}

/* Parses the good feed with `from` replaced by `to`; the feed must load. */
static void expect_ok(const char *from, const char *to)
{
    char err[1024] = "";
    struct feed *feed = parse_edited(from, to, err, sizeof err);

    if (!feed)
        fail_msg("feed with \"%s\" -> \"%s\" was refused: %s", from, to, err);
    feed_free(feed);
}

/* The pictures of an item's Markdown must be pinned assets too: in the
 * body, the intro, every page and every explanation. */
static void test_error_body_images(void **state)
{
    expect_error("\"markdown\": \"A\"", "\"markdown\": \"A\\n\\n![图](images/other.svg)\"",
                 "feed.json:14: items[1]._qingfeng.pages[0].markdown: item \"case-gift\" shows the picture "
                 "\"images/other.svg\", which is not listed in _qingfeng.assets; add it with its size and sha256",
                 NULL);
    expect_error("\"intro\": \"intro\"", "\"intro\": \"intro ![图](images/other.svg)\"",
                 "feed.json:13: items[1]._qingfeng.intro: item \"case-gift\" shows the picture \"images/other.svg\"",
                 NULL);
    expect_error("{\"kind\": \"case\", \"markdown\": \"intro", "{\"kind\": \"case\", \"markdown\": \"![图](images/other.svg) intro",
                 "feed.json:13: items[1]._qingfeng.markdown: item \"case-gift\" shows the picture \"images/other.svg\"",
                 NULL);
    /* without Markdown the screen reads content_text as Markdown */
    expect_error("\"content_text\": \"body\"", "\"content_text\": \"body\\n\\n![图](images/other.svg)\"",
                 "feed.json:15: items[2].content_text: item \"story-window\" shows the picture \"images/other.svg\"",
                 NULL);
    /* not files of the feed at all */
    expect_error("\"content_text\": \"body\"", "\"content_text\": \"![图](../secret.svg)\"",
                 "feed.json:15: items[2].content_text: item \"story-window\" shows the picture \"../secret.svg\", which "
                 "is not a file in the feed folder (a web address or an unsafe path);",
                 NULL);
    expect_error("\"content_text\": \"body\"", "\"content_text\": \"![图](https://example.org/a.svg)\"",
                 "feed.json:15: items[2].content_text: item \"story-window\" shows the picture "
                 "\"https://example.org/a.svg\", which is not a file in the feed folder",
                 NULL);
    expect_error("\"content_text\": \"body\"", "\"content_text\": \"![图](data:image/png;base64,AAAA)\"",
                 "feed.json:15: items[2].content_text: item \"story-window\" shows the picture \"data:image/png;base64,",
                 NULL);

    /* a pinned picture is fine, in any of the texts; code is not a picture */
    expect_ok("\"content_text\": \"body\"", "\"content_text\": \"![荷花](images/lotus.svg)\"");
    expect_ok("\"markdown\": \"A\"", "\"markdown\": \"A ![荷花](images/lotus.svg) `![x](images/x.svg)`\"");
    expect_ok("\"content_text\": \"body\"", "\"content_text\": \"    ![x](images/x.svg)\"");
    /* a maxim's saying is plain text, not Markdown */
    expect_ok("\"清心为治本，直道是身谋。\"", "\"![x](images/x.svg)\"");
}

/* A plain JSON Feed item (no _qingfeng) may show web pictures, which the
 * screen leaves out as it does its image; files must still be pinned. */
static void test_plain_item_body_images(void **state)
{
    static const char head[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Blog\",\n \"items\": [\n";
    static const struct {
        const char *item;
        const char *error; /* NULL: accepted */
    } cases[] = {
        { "{\"id\": \"a\", \"title\": \"t\", \"content_text\": \"![web](https://example.org/a.png)\"}", NULL },
        { "{\"id\": \"a\", \"title\": \"t\", \"content_text\": \"![local](images/a.png)\"}",
          "plain.json:3: items[0].content_text: item \"a\" shows the picture \"images/a.png\", which is not listed" },
        { "{\"id\": \"a\", \"title\": \"t\", \"content_html\": \"<p>![local](images/a.png)</p>\"}",
          "plain.json:3: items[0].content_html: item \"a\" shows the picture \"images/a.png\", which is not listed" },
        { "{\"id\": \"a\", \"title\": \"t\", \"content_text\": \"![up](../a.png)\"}",
          "plain.json:3: items[0].content_text: item \"a\" shows the picture \"../a.png\", which is not a file" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512], err[512] = "";
        struct feed *feed;

        snprintf(text, sizeof text, "%s%s\n]}\n", head, cases[i].item);
        feed = feed_parse(text, strlen(text), "plain.json", err, sizeof err);
        if (!cases[i].error) {
            if (!feed)
                fail_msg("refused: %s", err);
            feed_free(feed);
        } else {
            if (feed) {
                feed_free(feed);
                fail_msg("accepted: %s", cases[i].item);
            }
            assert_prefix(err, cases[i].error);
        }
    }
}

struct found_images {
    char src[8][64];
    int line[8];
    size_t n;
};

static int collect_image(void *ctx, const char *src, int line)
{
    struct found_images *f = ctx;

    if (f->n < 8) {
        snprintf(f->src[f->n], sizeof f->src[f->n], "%s", src);
        f->line[f->n++] = line;
    }
    return 0;
}

static int stop_at_first(void *ctx, const char *src, int line)
{
    (void)src;
    (void)line;
    ++*(int *)ctx;
    return 1;
}

/* The pictures of a text with their lines, each src and line once. */
static void test_markdown_images(void **state)
{
    struct found_images f = { 0 };
    int calls = 0;

    assert_int_equal(feed_markdown_images("一\n\n![甲](a.svg) ![甲](a.svg)\n\n- 项\n  ![乙\n说明](b.png)\n\n"
                                          "```\n![不是](c.svg)\n```\n> ![丙](d.jpg)\n", collect_image, &f), 0);
    assert_int_equal(f.n, 3);
    assert_string_equal(f.src[0], "a.svg");
    assert_int_equal(f.line[0], 3);
    assert_string_equal(f.src[1], "b.png");
    assert_int_equal(f.line[1], 6); /* where "![" is, not where the description ends */
    assert_string_equal(f.src[2], "d.jpg");
    assert_int_equal(f.line[2], 12);

    /* indented code shows no picture */
    memset(&f, 0, sizeof f);
    assert_int_equal(feed_markdown_images("    ![图](e.svg)", collect_image, &f), 0);
    assert_int_equal(f.n, 0);
    /* a reference definition resolves */
    memset(&f, 0, sizeof f);
    assert_int_equal(feed_markdown_images("[r]: f.svg\n\n![图][r]", collect_image, &f), 0);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.src[0], "f.svg");
    assert_int_equal(f.line[0], 3);

    assert_int_equal(feed_markdown_images("![a](a.svg) ![b](b.svg)", stop_at_first, &calls), 1);
    assert_int_equal(calls, 1);
    assert_int_equal(feed_markdown_images(NULL, stop_at_first, &calls), 0);
    assert_int_equal(feed_markdown_images("bad \xff ![a](a.svg)", stop_at_first, &calls), 0);
    assert_int_equal(calls, 1);
}

static void test_error_assets(void **state)
{
    expect_error("\"size\": ", "\"size\": -", "feed.json:6: _qingfeng.assets[0].size: is not a whole number of bytes;", NULL);
    expect_error("\"sha256\": \"", "\"sha256\": \"X", "feed.json:6: _qingfeng.assets[0].sha256: is not 64 lower-case hex digits;",
                 NULL);
    expect_error("\"path\": \"images/lotus.svg\"", "\"path\": \"/etc/passwd\"",
                 "feed.json:6: _qingfeng.assets[0].path: \"/etc/passwd\" is not a safe relative path;", NULL);
    expect_error("\"format\": 1", "\"format\": 2", "feed.json:5: _qingfeng.format: 2 is newer than this reader understands;",
                 NULL);
}

static void test_error_items(void **state)
{
    static const char empty[] = "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": \"t\",\n \"items\": []}";
    char err[512];
    struct feed *feed = feed_parse(empty, strlen(empty), "e.json", err, sizeof err);

    assert_null(feed);
    assert_string_equal(err, "e.json:3: items: no items; the kiosk needs at least one item to show");
    expect_error("\"items\"", "\"itemz\"", "feed.json:1: items: missing;", NULL);
    expect_error("\"tags\": [\"清廉\", \"包拯\"]", "\"tags\": [\"清廉\", 5]",
                 "feed.json:9: items[0].tags[1]: is a whole number, not a string;", NULL);
    expect_error("\"url\": \"https://example.org/case\"", "\"url\": \"javascript:alert(1)\"",
                 "feed.json:12: items[1].url: \"javascript:alert(1)\" is not an http(s) URL;", NULL);
    expect_error("{\"title\": \"警示\", \"markdown\": \"B\"}", "{\"markdown\": \"B\"}",
                 "feed.json:14: items[1]._qingfeng.pages[1].title: missing or empty;", NULL);
    expect_error("{\"id\": \"story-window\", ", "{\"id\": \"\", ", "feed.json:15: items[2].id: is empty;", NULL);
}

static void test_error_duplicate_ids(void **state)
{
    expect_error("\"story-window\"", "\"maxim-baozheng\"",
                 "feed.json:15: items[2].id: \"maxim-baozheng\" is already used by items[0]; give every item its own id",
                 NULL);
}

static void test_error_syntax_has_line(void **state)
{
    char err[512];
    /* drop the comma at the end of line 9 */
    struct feed *feed = parse_edited("\"包拯\"],\n", "\"包拯\"]\n", err, sizeof err);

    assert_null(feed);
    assert_prefix(err, "feed.json:10: syntax: ");
    assert_contains(err, "fix the JSON syntax");
    /* duplicate keys are refused by the parser itself */
    feed = parse_edited("\"language\": \"zh-CN\"", "\"title\": \"again\"", err, sizeof err);
    assert_null(feed);
    assert_prefix(err, "feed.json:4: syntax: duplicate object key");
}

static void test_error_too_big(void **state)
{
    char err[256];
    /* the size check comes before any parsing, so the bytes are never read */
    struct feed *feed = feed_parse("{}", (size_t)FEED_MAX_BYTES + 1, "big.json", err, sizeof err);

    assert_null(feed);
    assert_prefix(err, "big.json:1: feed: is 16777217 bytes, over the 16 MiB limit;");
}

static void test_error_not_an_object(void **state)
{
    char err[256];
    struct feed *feed = feed_parse("[1, 2]", 6, "a.json", err, sizeof err);

    assert_null(feed);
    assert_prefix(err, "a.json:1: feed: is an array, not an object;");
}

/* ---- questions (学后测) ---------------------------------------------------- */

/* A case with four questions; the line numbers matter. */
static const char quiz_feed[] =
    "{\n"                                                                         /* 1 */
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"                      /* 2 */
    "  \"title\": \"清风 内容\",\n"                                               /* 3 */
    "  \"items\": [\n"                                                            /* 4 */
    "    {\"id\": \"case-hongbao\", \"title\": \"电子红包案\", \"content_text\": \"正文\",\n" /* 5 */
    "     \"_qingfeng\": {\"kind\": \"case\", \"questions\": [\n"                  /* 6 */
    "       {\"kind\": \"single\", \"stem\": \"收到电子红包，正确的做法是？\",\n"    /* 7 */
    "        \"options\": [\"收下\", \"一律不收，及时报告\", \"转给工会\"],\n"      /* 8 */
    "        \"answer\": [1],\n"                                                  /* 9 */
    "        \"explanation\": \"一律不收。\\n\\n无法退回的，及时报告。\", \"source\": \"《中国共产党廉洁自律准则》\"},\n" /* 10 */
    "       {\"kind\": \"multi\", \"stem\": \"哪些属于礼金？\",\n"                  /* 11 */
    "        \"options\": [\"电子红包\", \"购物卡\", \"工作餐\", \"茶水\", \"文件\", \"微信转账\"],\n" /* 12 */
    "        \"answer\": [5, 0, 1],\n"                                            /* 13 */
    "        \"explanation\": \"都是礼金。\", \"source\": \"\"},\n"                /* 14 */
    "       {\"kind\": \"judge\", \"stem\": \"小额红包可以收。\",\n"                 /* 15 */
    "        \"options\": [\"正确\", \"错误\"],\n"                                  /* 16 */
    "        \"answer\": [1],\n"                                                  /* 17 */
    "        \"explanation\": \"不论金额大小。\", \"later\": true},\n"              /* 18 */
    "       {\"kind\": \"judge\", \"stem\": \"应当及时报告。\", \"options\": [\"正确\", \"错误\"], \"answer\": [0], \"explanation\": \"是的。\"}\n" /* 19 */
    "     ]}},\n"                                                                 /* 20 */
    "    {\"id\": \"story-window\", \"title\": \"窗口\", \"content_text\": \"body\",\n" /* 21 */
    "     \"_qingfeng\": {\"kind\": \"story\", \"questions\": []}}\n"             /* 22 */
    "  ]\n"                                                                       /* 23 */
    "}\n";

/* Replaces `from` with `to` in quiz_feed and expects the parser to refuse
 * it with exactly `message`. */
static void expect_quiz_error(const char *from, const char *to, const char *message)
{
    const char *at = strstr(quiz_feed, from);
    char err[1024] = "", *text;
    struct feed *feed;

    if (!at)
        fail_msg("fixture does not contain \"%s\"", from);
    text = malloc(sizeof quiz_feed + strlen(to));
    assert_non_null(text);
    memcpy(text, quiz_feed, (size_t)(at - quiz_feed));
    strcpy(text + (at - quiz_feed), to);
    strcat(text, at + strlen(from));
    feed = feed_parse(text, strlen(text), "feed.json", err, sizeof err);
    free(text);
    if (feed) {
        feed_free(feed);
        fail_msg("feed with \"%s\" -> \"%s\" was accepted", from, to);
    }
    assert_string_equal(err, message);
}

static void test_questions_parsed(void **state)
{
    char err[512] = "";
    struct feed *feed = feed_parse(quiz_feed, strlen(quiz_feed), "feed.json", err, sizeof err);
    const struct feed_question *q;

    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->n_items, 2);
    assert_int_equal(feed->items[0].n_questions, 4);

    q = &feed->items[0].questions[0];
    assert_int_equal(q->kind, QUESTION_SINGLE);
    assert_string_equal(q->stem, "收到电子红包，正确的做法是？");
    assert_int_equal(q->n_options, 3);
    assert_string_equal(q->options[1], "一律不收，及时报告");
    assert_int_equal(q->answer_mask, 1u << 1);
    assert_string_equal(q->explanation, "一律不收。\n\n无法退回的，及时报告。");
    assert_string_equal(q->source, "《中国共产党廉洁自律准则》");

    q = &feed->items[0].questions[1];
    assert_int_equal(q->kind, QUESTION_MULTI);
    assert_int_equal(q->n_options, 6);
    assert_string_equal(q->options[5], "微信转账");
    assert_int_equal(q->answer_mask, (1u << 0) | (1u << 1) | (1u << 5)); /* any order in the list */
    assert_null(q->source); /* an empty source is no source */

    q = &feed->items[0].questions[2];
    assert_int_equal(q->kind, QUESTION_JUDGE);
    assert_string_equal(q->options[0], "正确");
    assert_string_equal(q->options[1], "错误");
    assert_int_equal(q->answer_mask, 1u << 1);
    assert_null(q->source);
    assert_int_equal(feed->items[0].questions[3].answer_mask, 1u << 0);

    /* an empty list is no questions, whatever the kind */
    assert_int_equal(feed->items[1].n_questions, 0);
    assert_null(feed->items[1].questions);
    feed_free(feed);
}

static void test_question_kind_names(void **state)
{
    enum question_kind k = QUESTION_SINGLE;

    assert_string_equal(question_kind_name(QUESTION_SINGLE), "single");
    assert_string_equal(question_kind_name(QUESTION_MULTI), "multi");
    assert_string_equal(question_kind_name(QUESTION_JUDGE), "judge");
    assert_string_equal(question_kind_name((enum question_kind)7), "unknown");
    assert_int_equal(question_kind_from_name("judge", &k), 0);
    assert_int_equal(k, QUESTION_JUDGE);
    assert_int_equal(question_kind_from_name("Judge", &k), -1);
    assert_int_equal(question_kind_from_name(NULL, &k), -1);
    assert_int_equal(k, QUESTION_JUDGE);
}

static void test_error_questions(void **state)
{
    expect_quiz_error("{\"kind\": \"case\", \"questions\"", "{\"kind\": \"maxim\", \"questions\"",
                      "feed.json:6: items[0]._qingfeng.questions: a maxim cannot have questions; only cases have a "
                      "self-check, so remove \"questions\" or make the item a case");
    expect_quiz_error("{\"kind\": \"single\"", "{\"kind\": \"choice\"",
                      "feed.json:7: items[0]._qingfeng.questions[0].kind: \"choice\" is not a known question kind; "
                      "use single, multi or judge");
    expect_quiz_error("\"answer\": [1],\n        \"explanation\": \"一律",
                      "\"answer\": [3],\n        \"explanation\": \"一律",
                      "feed.json:9: items[0]._qingfeng.questions[0].answer[0]: 3 is not an option number; use 0 to 2 "
                      "(options count from 0)");
    expect_quiz_error("\"answer\": [5, 0, 1]", "\"answer\": [5, 0, -1]",
                      "feed.json:13: items[0]._qingfeng.questions[1].answer[2]: -1 is not an option number; use 0 to 5 "
                      "(options count from 0)");
    expect_quiz_error("\"answer\": [5, 0, 1]", "\"answer\": [5, 0, 1.0]",
                      "feed.json:13: items[0]._qingfeng.questions[1].answer[2]: is a decimal number, not an option "
                      "number; use a whole number from 0 to 5");
    expect_quiz_error("\"茶水\"", "\"电子红包\"",
                      "feed.json:12: items[0]._qingfeng.questions[1].options[3]: \"电子红包\" is the same as options[0]; "
                      "make every option different");
    expect_quiz_error("\"文件\", \"微信转账\"]", "\"文件\", \"微信转账\", \"七\"]",
                      "feed.json:12: items[0]._qingfeng.questions[1].options: has 7 option(s); give 2 to 6");
    expect_quiz_error("\"options\": [\"正确\", \"错误\"],\n", "\"options\": [\"对\", \"错\"],\n",
                      "feed.json:16: items[0]._qingfeng.questions[2].options: a judge question has exactly the options "
                      "[\"正确\", \"错误\"], in this order; write them so, or make it \"single\"");
    expect_quiz_error("\"answer\": [0], \"explanation\": \"是的。\"", "\"answer\": [0, 1], \"explanation\": \"是的。\"",
                      "feed.json:19: items[0]._qingfeng.questions[3].answer: a judge question has 2 answers; give exactly "
                      "one: [0] for 正确 or [1] for 错误");
    expect_quiz_error(", \"explanation\": \"是的。\"", "",
                      "feed.json:19: items[0]._qingfeng.questions[3].explanation: missing or empty; every answer needs an "
                      "\"explanation\"");
    expect_quiz_error("\"source\": \"\"", "\"source\": 1",
                      "feed.json:14: items[0]._qingfeng.questions[1].source: is a whole number, not a string; write the "
                      "value in double quotes");
    expect_quiz_error("\"options\": [\"收下\"", "\"options\": [null",
                      "feed.json:8: items[0]._qingfeng.questions[0].options[0]: is null, not a string; write the value in "
                      "double quotes");
    /* lengths are counted in characters, not bytes: 60 CJK characters (180 bytes) are fine, 61 are not */
    expect_quiz_error("\"茶水\"",
                      "\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                      "一二三四五六七八九十一二三四五六七八九十一\"",
                      "feed.json:12: items[0]._qingfeng.questions[1].options[3]: is 61 characters long, over the limit "
                      "of 60; shorten it");
}

/* An explanation's pictures must be pinned. */
static void test_error_explanation_images(void **state)
{
    expect_quiz_error("\"explanation\": \"是的。\"", "\"explanation\": \"是的。\\n\\n![图](images/x.svg)\"",
                      "feed.json:19: items[0]._qingfeng.questions[3].explanation: item \"case-hongbao\" shows the "
                      "picture \"images/x.svg\", which is not listed in _qingfeng.assets; add it with its size and sha256 "
                      "(qingfeng-feed build does this)");
}

static void test_question_lengths_at_the_limit(void **state)
{
    const char *from = "\"茶水\"";
    const char *to = "\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
                     "一二三四五六七八九十一二三四五六七八九十\"";
    const char *at = strstr(quiz_feed, from);
    char err[512] = "", *text = malloc(sizeof quiz_feed + strlen(to));
    struct feed *feed;

    assert_non_null(at);
    assert_non_null(text);
    memcpy(text, quiz_feed, (size_t)(at - quiz_feed));
    strcpy(text + (at - quiz_feed), to);
    strcat(text, at + strlen(from));
    feed = feed_parse(text, strlen(text), "feed.json", err, sizeof err);
    free(text);
    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(strlen(feed->items[0].questions[1].options[3]), 180);
    feed_free(feed);
}

/* ---- paths and locating -------------------------------------------------- */

static void test_path_safety(void **state)
{
    assert_true(feed_path_is_safe("images/lotus.svg"));
    assert_true(feed_path_is_safe("a.png"));
    assert_true(feed_path_is_safe("图片/荷花.png"));
    assert_true(feed_path_is_safe("a..b/c"));
    assert_false(feed_path_is_safe(""));
    assert_false(feed_path_is_safe(NULL));
    assert_false(feed_path_is_safe("../x"));
    assert_false(feed_path_is_safe("a/../../x"));
    assert_false(feed_path_is_safe(".."));
    assert_false(feed_path_is_safe("/etc/passwd"));
    assert_false(feed_path_is_safe("a\\b"));
    assert_false(feed_path_is_safe("http://x/y.png"));
    assert_false(feed_path_is_safe("C:x.png"));
    assert_false(feed_path_is_safe("a//b"));
    assert_false(feed_path_is_safe("./a"));
    assert_false(feed_path_is_safe("a/"));
    assert_false(feed_path_is_safe("a\nb"));
}

static void test_json_locate(void **state)
{
    static const char j[] =
        "{\n"
        "  \"a\": \"x}\\\"[\",\n"
        "  \"b\": [1,\n"
        "     {\"c\": 2},\n"
        "     [3, 4]],\n"
        "  \"d\\u0065\": {\n"
        "    \"e\": true}\n"
        "}";
    size_t n = strlen(j);

    assert_int_equal(json_locate_line(j, n, ""), 1);
    assert_int_equal(json_locate_line(j, n, "a"), 2);
    assert_int_equal(json_locate_line(j, n, "b"), 3);
    assert_int_equal(json_locate_line(j, n, "b[0]"), 3);
    assert_int_equal(json_locate_line(j, n, "b[1].c"), 4);
    assert_int_equal(json_locate_line(j, n, "b[2][1]"), 5);
    assert_int_equal(json_locate_line(j, n, "de.e"), 7);
    /* missing parts point at the deepest thing that exists */
    assert_int_equal(json_locate_line(j, n, "b[9]"), 3);
    assert_int_equal(json_locate_line(j, n, "de.zz"), 6);
    assert_int_equal(json_locate_line(j, n, "nope.x"), 1);
    assert_int_equal(json_locate_line("", 0, "a"), 1);
}

static void test_sha256(void **state)
{
    char hex[SHA256_HEX_LEN + 1];

    assert_int_equal(sha256_hex_buffer("abc", 3, hex), 0);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_true(sha256_hex_is_valid(hex));
    hex[3] = 'A';
    assert_false(sha256_hex_is_valid(hex));
    assert_false(sha256_hex_is_valid("abc"));
}

/* ---- loading a feed directory ------------------------------------------- */

struct tmp_feed {
    char dir[64];
};

static void write_file(const char *dir, const char *rel, const char *data, size_t len)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static int tmp_setup(void **state)
{
    struct tmp_feed *t = calloc(1, sizeof *t);
    char path[128], *json;

    if (!t)
        return -1;
    strcpy(t->dir, "/tmp/qf-test-feed-XXXXXX");
    if (!mkdtemp(t->dir))
        return -1;
    snprintf(path, sizeof path, "%s/images", t->dir);
    if (mkdir(path, 0755) != 0)
        return -1;
    json = good_feed();
    write_file(t->dir, "feed.json", json, strlen(json));
    write_file(t->dir, "images/lotus.svg", lotus_svg, strlen(lotus_svg));
    free(json);
    *state = t;
    return 0;
}

static int tmp_teardown(void **state)
{
    struct tmp_feed *t = *state;
    char path[128];

    snprintf(path, sizeof path, "%s/images/lotus.svg", t->dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/images", t->dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/feed.json", t->dir);
    unlink(path);
    rmdir(t->dir);
    free(t);
    return 0;
}

static void test_load_dir_good(void **state)
{
    struct tmp_feed *t = *state;
    char err[512] = "";
    struct feed *feed = feed_load_dir(t->dir, err, sizeof err);

    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed->n_items, 3);
    feed_free(feed);
}

static void test_load_dir_hash_mismatch(void **state)
{
    struct tmp_feed *t = *state;
    char err[512], expect[256];
    char bad[sizeof lotus_svg];

    memcpy(bad, lotus_svg, sizeof lotus_svg);
    bad[1] = 'S'; /* same size, other bytes */
    write_file(t->dir, "images/lotus.svg", bad, strlen(bad));
    assert_null(feed_load_dir(t->dir, err, sizeof err));
    snprintf(expect, sizeof expect, "%s/images/lotus.svg: sha256 is ", t->dir);
    assert_prefix(err, expect);
    assert_contains(err, "but feed.json pins");
}

static void test_load_dir_size_mismatch(void **state)
{
    struct tmp_feed *t = *state;
    char err[512], expect[256];

    write_file(t->dir, "images/lotus.svg", "<svg/>", 6);
    assert_null(feed_load_dir(t->dir, err, sizeof err));
    snprintf(expect, sizeof expect, "%s/images/lotus.svg: size is 6 bytes but feed.json pins %zu;", t->dir,
             strlen(lotus_svg));
    assert_prefix(err, expect);
}

static void test_load_dir_missing_file(void **state)
{
    struct tmp_feed *t = *state;
    char err[512], expect[256], path[256];

    snprintf(path, sizeof path, "%s/images/lotus.svg", t->dir);
    assert_int_equal(unlink(path), 0);
    assert_null(feed_load_dir(t->dir, err, sizeof err));
    snprintf(expect, sizeof expect, "%s/images/lotus.svg: file is missing", t->dir);
    assert_prefix(err, expect);
    write_file(t->dir, "images/lotus.svg", lotus_svg, strlen(lotus_svg));
}

static void count_report(void *ctx, const char *message)
{
    (void)message;
    (*(int *)ctx)++;
}

static void test_verify_assets_reports_each(void **state)
{
    struct tmp_feed *t = *state;
    char err[512] = "", path[256];
    int calls = 0;
    struct feed *feed;

    snprintf(path, sizeof path, "%s/feed.json", t->dir);
    feed = feed_load_file(path, err, sizeof err);
    if (!feed)
        fail_msg("%s", err);
    assert_int_equal(feed_verify_assets(feed, t->dir, count_report, &calls), 0);
    assert_int_equal(calls, 0);
    assert_int_equal(feed_verify_assets(feed, "/nonexistent-qf", count_report, &calls), 1);
    assert_int_equal(calls, 1);
    feed_free(feed);
}

static void test_load_dir_no_feed(void **state)
{
    char err[512];

    assert_null(feed_load_dir("/nonexistent-qf", err, sizeof err));
    assert_prefix(err, "/nonexistent-qf/feed.json: cannot read: ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_feed_fields),
        cmocka_unit_test(test_plain_json_feed_reads_as_stories),
        cmocka_unit_test(test_error_unknown_kind),
        cmocka_unit_test(test_error_version),
        cmocka_unit_test(test_error_case_without_title),
        cmocka_unit_test(test_error_maxim_without_text),
        cmocka_unit_test(test_error_weight),
        cmocka_unit_test(test_error_image),
        cmocka_unit_test(test_error_body_images),
        cmocka_unit_test(test_plain_item_body_images),
        cmocka_unit_test(test_markdown_images),
        cmocka_unit_test(test_error_assets),
        cmocka_unit_test(test_error_items),
        cmocka_unit_test(test_error_duplicate_ids),
        cmocka_unit_test(test_error_syntax_has_line),
        cmocka_unit_test(test_error_too_big),
        cmocka_unit_test(test_error_not_an_object),
        cmocka_unit_test(test_questions_parsed),
        cmocka_unit_test(test_question_kind_names),
        cmocka_unit_test(test_error_questions),
        cmocka_unit_test(test_error_explanation_images),
        cmocka_unit_test(test_question_lengths_at_the_limit),
        cmocka_unit_test(test_path_safety),
        cmocka_unit_test(test_json_locate),
        cmocka_unit_test(test_sha256),
        cmocka_unit_test_setup_teardown(test_load_dir_good, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_dir_hash_mismatch, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_dir_size_mismatch, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_dir_missing_file, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_verify_assets_reports_each, tmp_setup, tmp_teardown),
        cmocka_unit_test(test_load_dir_no_feed),
        cmocka_unit_test(test_schedule_pinned_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
