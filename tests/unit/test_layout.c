/* Unit tests for the text layout engine: line breaking with kinsoku rules,
 * emergency breaks, paragraphs, auto-fit and pagination, missing glyphs.
 *
 * The fake font: every non-ASCII code point is px wide, ASCII is px/2 wide,
 * line height is round(px * 1.2), and U+9F98 (龘) has no glyph. Widths add
 * up exactly, so a line's width can be checked against its bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/layout.h"
#include "core/utf8.h"

#define MISSING_CP 0x9F98u /* 龘 */

struct fake_font {
    long calls;      /* measure() calls */
    long bytes;      /* bytes passed to measure() */
};

static int fake_width(int px, const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        assert_true(n > 0); /* the engine only measures whole code points */
        w += cp < 0x80 ? px / 2 : px;
        i += (size_t)n;
    }
    return w;
}

static int fake_measure(void *ctx, int px, const char *s, size_t len)
{
    struct fake_font *f = ctx;
    f->calls++;
    f->bytes += (long)len;
    return fake_width(px, s, len);
}

static int fake_line_height(void *ctx, int px)
{
    (void)ctx;
    return (px * 12 + 5) / 10;
}

/* Also says "no glyph" for white space, which must not be counted. */
static bool fake_has_glyph(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp != MISSING_CP && cp != ' ' && cp != 0x3000 && cp != '\n';
}

static struct fake_font font;
static const struct layout_font_ops ops = {
    .ctx = &font,
    .measure = fake_measure,
    .line_height = fake_line_height,
    .has_glyph = fake_has_glyph,
};

/* A real paragraph with every kind of punctuation the rules are about. */
static const char *PARAGRAPH =
    "党的十八大以来，党中央坚持全面从严治党，把党风廉政建设和反腐败斗争摆在突出位置。"
    "“打铁必须自身硬。”各级党员干部要牢记“两个务必”，做到清清白白做人、干干净净做事、"
    "堂堂正正做官！什么是廉洁？廉洁就是不贪不占、秉公用权；就是在诱惑面前守得住底线"
    "（“不敢腐、不能腐、不想腐”），在《中国共产党纪律处分条例》面前心存敬畏。"
    "古人云：「公生明，廉生威。」『吏不畏吾严而畏吾廉』……这些话，至今仍有警示意义——"
    "清风正气，从我做起。2024年，全市共查处违反中央八项规定精神问题156起，处理党员干部213人。"
    "【典型案例】某局原局长张某，利用职务便利为他人谋取利益，收受财物共计人民币85.6万元；"
    "其行为已构成受贿罪（见〈判决书〉），被依法判处有期徒刑五年．‘莫伸手，伸手必被捉。’"
    "马克思·韦伯说过的话也被引用。请大家访问 www.ccdi.gov.cn 了解更多，"
    "我们用 SQLite 保存答题记录：这是一段混排文字（Mixed text）。";

static const uint32_t NO_START[] = {
    0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
    0x3011, 0x300B, 0x3009, 0x201D, 0x2019, 0x2026, 0xFF0E, 0x00B7,
}; /* ，。、；：？！）」』】》〉”’…．· */
static const uint32_t NO_END[] = {
    0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x201C, 0x2018,
}; /* （「『【《〈“‘ */

static bool in_set(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

static uint32_t first_cp(const char *s, size_t len)
{
    uint32_t cp = 0;
    utf8_decode(s, len, &cp);
    return cp;
}

static uint32_t last_cp(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    return first_cp(s + i, len - i);
}

static bool is_gap_byte(char c) { return c == ' ' || c == '\n' || c == '\r'; }

/* Checks the invariants every layout must keep:
 * - lines are in order and cover the text: between two lines (and after the
 *   last) only spaces and line ends, exactly one line end after a line that
 *   ends a paragraph and none otherwise; the first line starts at byte 0;
 * - each line is whole code points, its width is what the font measures, and
 *   it is no wider than width unless it is a single code point;
 * - no line ends with a space, and only a paragraph's first line may start
 *   with one;
 * - when kinsoku is true: no line starts with a closing mark unless it starts
 *   a paragraph, and no line ends with an opening mark unless it ends one. */
static void check_lines(const char *text, const struct layout_result *r, int width, int px,
                        bool kinsoku)
{
    size_t len = strlen(text);
    size_t pos = 0;
    bool para_start = true;
    for (size_t k = 0; k < r->n_lines; k++) {
        const struct layout_line *ln = &r->lines[k];
        if (k == 0 && ln->start != 0)
            fail_msg("first line starts at %zu", ln->start);
        if (ln->start < pos || ln->start + ln->len > len)
            fail_msg("line %zu [%zu,+%zu) out of order (pos %zu, len %zu)", k, ln->start, ln->len,
                     pos, len);
        int newlines = 0;
        for (size_t i = pos; i < ln->start; i++) {
            if (!is_gap_byte(text[i]))
                fail_msg("width %d: byte %zu (0x%02x) before line %zu is lost", width, i,
                         (unsigned char)text[i], k);
            newlines += text[i] == '\n';
        }
        if (k > 0 && newlines != (r->lines[k - 1].ends_paragraph ? 1 : 0))
            fail_msg("width %d: %d line ends before line %zu", width, newlines, k);

        const char *s = text + ln->start;
        if (!utf8_valid(s, ln->len))
            fail_msg("line %zu is not whole code points", k);
        size_t n_cp = utf8_count(s, ln->len);
        if (ln->width != fake_width(px, s, ln->len))
            fail_msg("line %zu width %d, measures %d", k, ln->width, fake_width(px, s, ln->len));
        if (ln->width > width && n_cp > 1)
            fail_msg("width %d: line %zu '%.*s' is %d wide", width, k, (int)ln->len, s, ln->width);
        if (ln->len > 0 && s[ln->len - 1] == ' ')
            fail_msg("line %zu ends with a space", k);
        if (ln->len > 0 && !para_start && s[0] == ' ')
            fail_msg("line %zu starts with a space", k);
        if (ln->len == 0 && !(para_start && ln->ends_paragraph))
            fail_msg("width %d: empty line %zu inside a paragraph", width, k);
        if (kinsoku && ln->len > 0) {
            if (!para_start && in_set(first_cp(s, ln->len), NO_START, sizeof NO_START / 4))
                fail_msg("width %d: line %zu starts with U+%04X: '%.*s'", width, k,
                         (unsigned)first_cp(s, ln->len), (int)ln->len, s);
            if (!ln->ends_paragraph && in_set(last_cp(s, ln->len), NO_END, sizeof NO_END / 4))
                fail_msg("width %d: line %zu ends with U+%04X: '%.*s'", width, k,
                         (unsigned)last_cp(s, ln->len), (int)ln->len, s);
        }
        pos = ln->start + ln->len;
        para_start = ln->ends_paragraph;
    }
    if (r->n_lines > 0 && !r->lines[r->n_lines - 1].ends_paragraph)
        fail_msg("last line does not end a paragraph");
    int newlines = 0;
    for (size_t i = pos; i < len; i++) {
        if (!is_gap_byte(text[i]))
            fail_msg("width %d: byte %zu after the last line is lost", width, i);
        newlines += text[i] == '\n';
    }
    if (newlines > 1)
        fail_msg("%d line ends after the last line", newlines);
}

/* Lays out text at px/width, checks the invariants, returns the result. */
static struct layout_result lines_at(const char *text, int width, int px, bool kinsoku)
{
    struct layout_result r;
    assert_int_equal(layout_lines(&ops, text, width, px, &r), 0);
    check_lines(text, &r, width, px, kinsoku);
    return r;
}

static bool line_is(const char *text, const struct layout_line *ln, const char *want)
{
    return ln->len == strlen(want) && memcmp(text + ln->start, want, ln->len) == 0;
}

#define assert_line(text, r, k, want)                                                              \
    do {                                                                                           \
        assert_true((k) < (r).n_lines);                                                            \
        if (!line_is(text, &(r).lines[k], want))                                                   \
            fail_msg("line %d is '%.*s', want '%s'", (int)(k), (int)(r).lines[k].len,              \
                     (text) + (r).lines[k].start, want);                                           \
    } while (0)

/* ---- Line breaking ----------------------------------------------------- */

static void test_cjk_fills_lines(void **state)
{
    (void)state;
    const char *t = "一二三四五六七八九十一二三四五六七八九十一二";
    struct layout_result r = lines_at(t, 7 * 20 + 13, 20, true);
    assert_int_equal(r.n_lines, 4);
    assert_line(t, r, 0, "一二三四五六七");
    assert_line(t, r, 1, "八九十一二三四");
    assert_line(t, r, 2, "五六七八九十一");
    assert_line(t, r, 3, "二");
    assert_int_equal(r.lines[0].width, 140);
    assert_false(r.lines[0].ends_paragraph);
    assert_true(r.lines[3].ends_paragraph);
    assert_int_equal(r.px_size, 20);
    assert_int_equal(r.n_pages, 1);
    assert_false(r.overflow);
    layout_result_free(&r);
    assert_null(r.lines);
}

/* A mark that would start the next line pulls the previous character down
 * with it (push-out); an opening mark that would end a line goes down too. */
static void test_kinsoku_each_mark(void **state)
{
    (void)state;
    char t[64], want0[64], want1[64];
    for (size_t i = 0; i < sizeof NO_START / 4; i++) {
        char m[5] = {0};
        utf8_encode(NO_START[i], m);
        /* 5 columns: the mark would be the first character of line 2. */
        snprintf(t, sizeof t, "一二三四五%s六七八", m);
        struct layout_result r = lines_at(t, 5 * 20, 20, true);
        snprintf(want1, sizeof want1, "五%s六七八", m);
        assert_line(t, r, 0, "一二三四");
        assert_line(t, r, 1, want1);
        layout_result_free(&r);
    }
    for (size_t i = 0; i < sizeof NO_END / 4; i++) {
        char m[5] = {0};
        utf8_encode(NO_END[i], m);
        /* The mark would be the last character of line 1. */
        snprintf(t, sizeof t, "一二三四%s五六七八", m);
        struct layout_result r = lines_at(t, 5 * 20, 20, true);
        snprintf(want0, sizeof want0, "%s五六七八", m);
        assert_line(t, r, 0, "一二三四");
        assert_line(t, r, 1, want0);
        layout_result_free(&r);
    }
}

/* In Chinese text “ opens and ” closes, even though UAX #14 calls both QU. */
static void test_kinsoku_quotes(void **state)
{
    (void)state;
    const char *t = "他说：“我们要清廉。”然后走了";
    for (int cols = 2; cols <= 16; cols++) {
        struct layout_result r = lines_at(t, cols * 20, 20, cols >= 4);
        layout_result_free(&r);
    }
    /* Three closing marks in a row: all three and the character before move. */
    const char *u = "一二三四。”）五六";
    struct layout_result r = lines_at(u, 5 * 20, 20, true);
    assert_line(u, r, 0, "一二三");
    assert_line(u, r, 1, "四。”）五");
    layout_result_free(&r);
    /* Ellipsis and middle dot do not start a line. */
    const char *v = "一二三四五……六";
    r = lines_at(v, 5 * 20, 20, true);
    assert_line(v, r, 0, "一二三四");
    assert_line(v, r, 1, "五……六");
    layout_result_free(&r);
    const char *w = "马克思韦伯·说";
    r = lines_at(w, 5 * 20, 20, true);
    assert_line(w, r, 0, "马克思韦");
    assert_line(w, r, 1, "伯·说");
    layout_result_free(&r);
}

/* Every width from one pixel to the whole paragraph, at an even and an odd
 * size: the invariants hold on every line, and kinsoku holds once a line is
 * wide enough for the longest cluster of glued marks (below that an
 * emergency break must split a cluster). */
static void test_kinsoku_sweep(void **state)
{
    (void)state;
    const int sizes[] = {20, 15};
    for (size_t s = 0; s < 2; s++) {
        int px = sizes[s];
        int total = fake_width(px, PARAGRAPH, strlen(PARAGRAPH));
        size_t prev_lines = SIZE_MAX;
        for (int w = 1; w <= total + px; w++) {
            struct layout_result r;
            assert_int_equal(layout_lines(&ops, PARAGRAPH, w, px, &r), 0);
            check_lines(PARAGRAPH, &r, w, px, w >= 6 * px);
            assert_true(r.n_lines >= 1);
            /* Wider never needs more lines once no emergency breaks happen. */
            if (w >= 20 * px && r.n_lines > prev_lines)
                fail_msg("px %d width %d: %zu lines, narrower had %zu", px, w, r.n_lines, prev_lines);
            prev_lines = r.n_lines;
            if (w >= total)
                assert_int_equal(r.n_lines, 1);
            layout_result_free(&r);
        }
    }
}

static bool contains_whole(const char *text, const struct layout_result *r, const char *word)
{
    for (size_t k = 0; k < r->n_lines; k++) {
        const struct layout_line *ln = &r->lines[k];
        for (size_t i = 0; i + strlen(word) <= ln->len; i++)
            if (memcmp(text + ln->start + i, word, strlen(word)) == 0)
                return true;
    }
    return false;
}

static void test_latin_words_stay_whole(void **state)
{
    (void)state;
    const char *t = "我们用SQLite数据库保存答题记录，用 libunibreak 断行。";
    /* SQLite is 60 px at size 20, libunibreak 110 px. */
    for (int w = 110; w <= 600; w++) {
        struct layout_result r = lines_at(t, w, 20, true);
        if (!contains_whole(t, &r, "SQLite"))
            fail_msg("width %d split SQLite", w);
        if (!contains_whole(t, &r, "libunibreak"))
            fail_msg("width %d split libunibreak", w);
        layout_result_free(&r);
    }
    /* The break goes around the word, not inside it. */
    struct layout_result r = lines_at(t, 5 * 20, 20, true);
    assert_line(t, r, 0, "我们用");
    assert_line(t, r, 1, "SQLite数据");
    layout_result_free(&r);
}

static void test_long_url_emergency_break(void **state)
{
    (void)state;
    const char *url = "https://www.ccdi.gov.cn/yaowenn/202401/t20240115_321234_m.html?from=kiosk";
    char t[256];
    snprintf(t, sizeof t, "详见%s，谢谢。", url);
    for (int w = 20; w <= 400; w++) {
        struct layout_result r = lines_at(t, w, 20, w >= 6 * 20);
        /* The URL's bytes appear in order across the lines, none lost. */
        char joined[256] = {0};
        for (size_t k = 0; k < r.n_lines; k++)
            strncat(joined, t + r.lines[k].start, r.lines[k].len);
        assert_string_equal(joined, t);
        layout_result_free(&r);
    }
    /* A word without any break opportunity is cut by code point. */
    const char *word = "Pneumonoultramicroscopicsilicovolcanoconiosis"; /* 45 letters */
    struct layout_result r = lines_at(word, 100, 20, true);
    assert_int_equal(r.n_lines, 5);
    for (size_t k = 0; k < 4; k++) {
        assert_int_equal(r.lines[k].len, 10);
        assert_int_equal(r.lines[k].width, 100);
    }
    assert_int_equal(r.lines[4].len, 5);
    layout_result_free(&r);
    /* The cut avoids starting a line with a comma when it can. */
    const char *csv = "aaaaaaaaaa,bbbbbbbbbb"; /* a,b does not break in UAX #14 */
    r = lines_at(csv, 100, 20, true);
    assert_line(csv, r, 0, "aaaaaaaaa");
    assert_line(csv, r, 1, "a,bbbbbbbb");
    layout_result_free(&r);
    /* A character wider than the line still goes on a line of its own. */
    r = lines_at("清风", 5, 20, false);
    assert_int_equal(r.n_lines, 2);
    assert_line("清风", r, 0, "清");
    layout_result_free(&r);
}

/* A huge run with no break opportunity costs time in proportion to its
 * length, and combining marks stay with their base letter. */
static void test_huge_unbreakable_run(void **state)
{
    (void)state;
    size_t n = 200000;
    char *t = malloc(n + 1);
    memset(t, 'x', n);
    t[n] = 0;
    font.calls = font.bytes = 0;
    struct layout_result r;
    assert_int_equal(layout_lines(&ops, t, 100, 20, &r), 0);
    assert_int_equal(r.n_lines, n / 10);
    for (size_t k = 0; k < r.n_lines; k++)
        assert_int_equal(r.lines[k].len, 10);
    if (font.bytes > 20 * (long)n)
        fail_msg("%ld bytes measured for %zu", font.bytes, n);
    layout_result_free(&r);
    free(t);

    /* "e" + COMBINING ACUTE ACCENT (20 px in the fake font), twelve times:
     * no breaks. "éééé" without its last accent would fill 100 px exactly,
     * but that would split a letter from its accent. */
    char u[64] = {0};
    for (int i = 0; i < 12; i++)
        strcat(u, "e\u0301");
    r = lines_at(u, 100, 20, true);
    for (size_t k = 0; k < r.n_lines; k++) {
        assert_true(r.lines[k].len > 0);
        assert_int_equal((unsigned char)u[r.lines[k].start], 'e');
    }
    assert_int_equal(r.lines[0].len, 3 * 3);
    layout_result_free(&r);
}

static void test_paragraphs(void **state)
{
    (void)state;
    const char *t = "第一段\n\n第三段很长很长\n";
    struct layout_result r = lines_at(t, 4 * 20, 20, true);
    assert_int_equal(r.n_lines, 4);
    assert_line(t, r, 0, "第一段");
    assert_line(t, r, 1, "");
    assert_line(t, r, 2, "第三段很");
    assert_line(t, r, 3, "长很长");
    assert_true(r.lines[0].ends_paragraph);
    assert_true(r.lines[1].ends_paragraph);
    assert_false(r.lines[2].ends_paragraph);
    assert_true(r.lines[3].ends_paragraph);
    assert_int_equal(r.lines[1].width, 0);
    layout_result_free(&r);

    /* CRLF ends a paragraph too, and neither byte is in the line. */
    const char *c = "甲乙\r\n丙丁";
    r = lines_at(c, 400, 20, true);
    assert_int_equal(r.n_lines, 2);
    assert_line(c, r, 0, "甲乙");
    assert_line(c, r, 1, "丙丁");
    assert_true(r.lines[0].ends_paragraph);
    layout_result_free(&r);

    /* Blank lines at the start, and only blank lines. */
    r = lines_at("\n\n", 400, 20, true);
    assert_int_equal(r.n_lines, 2);
    assert_int_equal(r.lines[0].len, 0);
    assert_int_equal(r.lines[1].len, 0);
    layout_result_free(&r);

    /* Empty text: no lines. */
    r = lines_at("", 400, 20, true);
    assert_int_equal(r.n_lines, 0);
    layout_result_free(&r);
}

static void test_trailing_spaces(void **state)
{
    (void)state;
    const char *t = "hello world   again";
    /* "hello world" is exactly 110 px: the spaces after it do not count. */
    struct layout_result r = lines_at(t, 110, 20, true);
    assert_int_equal(r.n_lines, 2);
    assert_line(t, r, 0, "hello world");
    assert_int_equal(r.lines[0].width, 110);
    assert_line(t, r, 1, "again");
    layout_result_free(&r);
    /* Spaces between words on one line do count. */
    r = lines_at(t, 190, 20, true);
    assert_int_equal(r.n_lines, 1);
    assert_int_equal(r.lines[0].width, 190);
    layout_result_free(&r);
    r = lines_at(t, 189, 20, true);
    assert_int_equal(r.n_lines, 2);
    layout_result_free(&r);
    /* Spaces before a line end are not part of the line either. */
    const char *u = "廉洁  \n奉公  ";
    r = lines_at(u, 400, 20, true);
    assert_line(u, r, 0, "廉洁");
    assert_line(u, r, 1, "奉公");
    layout_result_free(&r);
}

/* ---- Auto-fit --------------------------------------------------------- */

static struct layout_box box_of(int w, int h, int max_px, int min_px)
{
    return (struct layout_box){.width = w, .height = h, .max_px = max_px, .min_px = min_px,
                               .line_spacing = 1.5f};
}

static int advance_at(int px, float spacing)
{
    return (int)(fake_line_height(NULL, px) * (double)spacing + 0.5);
}

/* Whether text laid out at px fits box under the documented rule: the first
 * line takes line_height, each further line line_advance. */
static bool fits_at(const char *text, const struct layout_box *b, int px)
{
    struct layout_result r;
    assert_int_equal(layout_lines(&ops, text, b->width, px, &r), 0);
    long need = r.n_lines == 0 ? 0
                               : fake_line_height(NULL, px) +
                                     (long)(r.n_lines - 1) * advance_at(px, b->line_spacing);
    layout_result_free(&r);
    return need <= b->height;
}

static void test_autofit_short_text_gets_max(void **state)
{
    (void)state;
    struct layout_box b = box_of(800, 300, 96, 16);
    struct layout_result r;
    assert_int_equal(layout_text(&ops, "清风正气", &b, &r), 0);
    assert_int_equal(r.px_size, 96);
    assert_int_equal(r.n_lines, 1);
    assert_int_equal(r.line_advance, advance_at(96, 1.5f));
    assert_false(r.overflow);
    assert_int_equal(r.n_pages, 1);
    assert_int_equal(r.n_missing, 0);
    layout_result_free(&r);
}

static void test_autofit_long_text_gets_smaller(void **state)
{
    (void)state;
    struct layout_box b = box_of(600, 400, 96, 12);
    struct layout_result r;
    assert_int_equal(layout_text(&ops, PARAGRAPH, &b, &r), 0);
    assert_true(r.px_size < 96 && r.px_size > 12);
    assert_false(r.overflow);
    assert_int_equal(r.n_pages, 1);
    check_lines(PARAGRAPH, &r, b.width, r.px_size, true);
    /* The chosen size fits and the next one up does not. */
    assert_true(fits_at(PARAGRAPH, &b, r.px_size));
    assert_false(fits_at(PARAGRAPH, &b, r.px_size + 1));
    long need = fake_line_height(NULL, r.px_size) + (long)(r.n_lines - 1) * r.line_advance;
    assert_true(need <= b.height);
    assert_true(r.lines_per_page >= r.n_lines);
    layout_result_free(&r);

    /* Box height exactly (n-1) * advance + line_height fits at that size. */
    struct layout_result l;
    assert_int_equal(layout_lines(&ops, PARAGRAPH, 600, 30, &l), 0);
    b = box_of(600, fake_line_height(NULL, 30) + (int)(l.n_lines - 1) * advance_at(30, 1.5f), 30,
               12);
    assert_int_equal(layout_text(&ops, PARAGRAPH, &b, &r), 0);
    assert_int_equal(r.px_size, 30);
    assert_int_equal(r.n_lines, l.n_lines);
    assert_int_equal(r.lines_per_page, l.n_lines);
    layout_result_free(&r);
    b.height--;
    assert_int_equal(layout_text(&ops, PARAGRAPH, &b, &r), 0);
    assert_true(r.px_size < 30);
    layout_result_free(&r);
    layout_result_free(&l);
}

/* Longer text never gets a bigger size, and every size found is the largest
 * that fits. */
static void test_autofit_monotonic(void **state)
{
    (void)state;
    const struct layout_box boxes[] = {box_of(600, 400, 96, 8), box_of(333, 777, 120, 10)};
    size_t len = strlen(PARAGRAPH);
    char *buf = malloc(len + 1);
    for (size_t bi = 0; bi < 2; bi++) {
        int prev = boxes[bi].max_px + 1;
        for (size_t cut = 0; cut <= len;) {
            memcpy(buf, PARAGRAPH, cut);
            buf[cut] = 0;
            struct layout_result r;
            assert_int_equal(layout_text(&ops, buf, &boxes[bi], &r), 0);
            if (r.px_size > prev)
                fail_msg("%zu bytes: size %d, shorter text got %d", cut, r.px_size, prev);
            if (!r.overflow) {
                assert_true(fits_at(buf, &boxes[bi], r.px_size));
                if (r.px_size < boxes[bi].max_px)
                    assert_false(fits_at(buf, &boxes[bi], r.px_size + 1));
            }
            prev = r.px_size;
            layout_result_free(&r);
            int n = cut < len ? utf8_decode(PARAGRAPH + cut, len - cut, NULL) : 1;
            cut += (size_t)n;
        }
        assert_true(prev < boxes[bi].max_px);
    }
    free(buf);
}

static void test_overflow_paginates(void **state)
{
    (void)state;
    /* The paragraph four times over, in a small box. */
    size_t len = strlen(PARAGRAPH);
    char *t = malloc(4 * (len + 1) + 1);
    t[0] = 0;
    for (int i = 0; i < 4; i++) {
        strcat(t, PARAGRAPH);
        strcat(t, "\n");
    }
    struct layout_box b = box_of(300, 200, 40, 16);
    struct layout_result r;
    assert_int_equal(layout_text(&ops, t, &b, &r), 0);
    assert_true(r.overflow);
    assert_int_equal(r.px_size, 16);
    int lh = fake_line_height(NULL, 16), adv = advance_at(16, 1.5f);
    assert_int_equal(r.line_advance, adv);
    assert_int_equal(r.lines_per_page, 1 + (200 - lh) / adv);
    assert_int_equal(r.n_pages, (r.n_lines + r.lines_per_page - 1) / r.lines_per_page);
    assert_true(r.n_pages > 1);
    check_lines(t, &r, 300, 16, true);
    layout_result_free(&r);

    /* A box lower than one line: one line per page, still overflow. */
    b = box_of(300, 5, 40, 16);
    assert_int_equal(layout_text(&ops, "清风", &b, &r), 0);
    assert_true(r.overflow);
    assert_int_equal(r.lines_per_page, 1);
    assert_int_equal(r.n_pages, 1);
    layout_result_free(&r);

    /* min_px == max_px: no search, fits or overflows at that size. */
    b = box_of(300, 200, 16, 16);
    assert_int_equal(layout_text(&ops, t, &b, &r), 0);
    assert_true(r.overflow);
    assert_int_equal(r.px_size, 16);
    layout_result_free(&r);
    assert_int_equal(layout_text(&ops, "清风", &b, &r), 0);
    assert_false(r.overflow);
    assert_int_equal(r.n_pages, 1);
    layout_result_free(&r);
    free(t);
}

static void test_missing_glyphs_counted(void **state)
{
    (void)state;
    /* 龘 twice; spaces, U+3000 and line ends have "no glyph" in the fake font
     * but are not counted. */
    const char *t = "\u3000\u3000一龘 二\n三龘";
    struct layout_box b = box_of(800, 300, 40, 10);
    struct layout_result r;
    assert_int_equal(layout_text(&ops, t, &b, &r), 0);
    assert_int_equal(r.n_missing, 2);
    assert_int_equal(r.first_missing, MISSING_CP);
    layout_result_free(&r);
    assert_int_equal(layout_lines(&ops, t, 800, 20, &r), 0);
    assert_int_equal(r.n_missing, 2);
    assert_int_equal(r.first_missing, MISSING_CP);
    layout_result_free(&r);
    assert_int_equal(layout_text(&ops, "清风", &b, &r), 0);
    assert_int_equal(r.n_missing, 0);
    layout_result_free(&r);
    /* Without has_glyph nothing is counted missing. */
    struct layout_font_ops no_glyph = ops;
    no_glyph.has_glyph = NULL;
    assert_int_equal(layout_text(&no_glyph, t, &b, &r), 0);
    assert_int_equal(r.n_missing, 0);
    layout_result_free(&r);
}

static void test_invalid_input(void **state)
{
    (void)state;
    struct layout_box b = box_of(800, 300, 40, 10);
    struct layout_result r;
    assert_int_equal(layout_text(NULL, "a", &b, &r), -1);
    assert_int_equal(layout_text(&ops, NULL, &b, &r), -1);
    assert_int_equal(layout_text(&ops, "a", NULL, &r), -1);
    assert_int_equal(layout_text(&ops, "a", &b, NULL), -1);
    struct layout_font_ops bad_ops = ops;
    bad_ops.measure = NULL;
    assert_int_equal(layout_text(&bad_ops, "a", &b, &r), -1);

    const struct layout_box bad_boxes[] = {
        box_of(0, 300, 40, 10),  box_of(-5, 300, 40, 10), box_of(800, 0, 40, 10),
        box_of(800, -1, 40, 10), box_of(800, 300, 10, 40), box_of(800, 300, 40, 0),
        box_of(800, 300, 0, -4),
    };
    for (size_t i = 0; i < sizeof bad_boxes / sizeof bad_boxes[0]; i++) {
        memset(&r, 0xAB, sizeof r);
        assert_int_equal(layout_text(&ops, "a", &bad_boxes[i], &r), -1);
        assert_null(r.lines); /* out is cleared, so freeing it is safe */
        layout_result_free(&r);
    }
    struct layout_box zero_spacing = b;
    zero_spacing.line_spacing = 0;
    assert_int_equal(layout_text(&ops, "a", &zero_spacing, &r), -1);

    static const char *bad_utf8[] = {
        "清\xC0\x80风",         /* overlong */
        "abc\xED\xA0\x80",      /* surrogate */
        "\xF4\x90\x80\x80",     /* above U+10FFFF */
        "清风\xE6\xB8",         /* truncated at the end */
        "\x80清风",             /* stray continuation byte */
    };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        assert_int_equal(layout_text(&ops, bad_utf8[i], &b, &r), -1);
        assert_int_equal(layout_lines(&ops, bad_utf8[i], 800, 20, &r), -1);
    }
    assert_int_equal(layout_lines(&ops, "a", 0, 20, &r), -1);
    assert_int_equal(layout_lines(&ops, "a", 800, 0, &r), -1);
    assert_int_equal(layout_lines(NULL, "a", 800, 20, &r), -1);
    layout_result_free(NULL);
}

/* 1,000 CJK characters over a wide size range: each distinct segment is
 * measured once per size tried, and only a handful of sizes are tried. */
static void test_measure_calls_bounded(void **state)
{
    (void)state;
    /* 1,000 distinct ideographs (no reuse to help), each its own segment. */
    char *t = malloc(1000 * 3 + 1);
    size_t n = 0;
    for (uint32_t cp = 0x4E00; cp < 0x4E00 + 1000; cp++)
        n += (size_t)utf8_encode(cp, t + n);
    t[n] = 0;
    struct layout_box b = box_of(1000, 700, 120, 8);
    font.calls = font.bytes = 0;
    struct layout_result r;
    assert_int_equal(layout_text(&ops, t, &b, &r), 0);
    assert_false(r.overflow);
    /* At most 2 + log2(113) ~ 9 sizes, each 1,000 segments and one space. */
    if (font.calls > 10 * 1001)
        fail_msg("%ld measure calls", font.calls);
    if (font.bytes > 10 * 3003)
        fail_msg("%ld bytes measured", font.bytes);
    layout_result_free(&r);

    /* Repeated text is measured once per distinct segment. */
    char *rep = malloc(100 * strlen("清风正气廉洁奉公") + 1);
    rep[0] = 0;
    for (int i = 0; i < 100; i++)
        strcat(rep, "清风正气廉洁奉公");
    font.calls = 0;
    assert_int_equal(layout_lines(&ops, rep, 1000, 20, &r), 0);
    assert_true(font.calls <= 8 + 1);
    layout_result_free(&r);
    free(rep);
    free(t);
}

/* Phrase mode keeps each clause of a maxim whole. */
static void test_phrases_kept_whole(void **state)
{
    (void)state;
    /* 6 + 6 + 7 + 6 + 7 + 4 characters per phrase. */
    const char *maxim = "后世子孙仕宦，有犯赃滥者，不得放归本家；亡殁之后，不得葬于大茔之中。不从吾志，非吾子孙。";
    struct layout_box box = {.width = 400, .height = 400, .max_px = 40, .min_px = 10, .line_spacing = 1.2f};
    struct layout_result plain, phrased;
    assert_int_equal(layout_text(&ops, maxim, &box, &plain), 0);
    box.keep_phrases = true;
    assert_int_equal(layout_text(&ops, maxim, &box, &phrased), 0);
    assert_false(phrased.overflow);

    /* Plain fitting fills 10 characters a line at 40 px and so cuts clauses;
     * phrase mode ends every line after punctuation. */
    bool plain_cuts = false;
    for (size_t i = 0; i + 1 < plain.n_lines; i++) {
        const struct layout_line *ln = &plain.lines[i];
        if (strncmp(maxim + ln->start + ln->len - 3, "，", 3) && strncmp(maxim + ln->start + ln->len - 3, "；", 3) &&
            strncmp(maxim + ln->start + ln->len - 3, "。", 3))
            plain_cuts = true;
    }
    assert_true(plain_cuts);
    for (size_t i = 0; i < phrased.n_lines; i++) {
        const struct layout_line *ln = &phrased.lines[i];
        const char *end = maxim + ln->start + ln->len - 3;
        if (strncmp(end, "，", 3) && strncmp(end, "；", 3) && strncmp(end, "。", 3))
            fail_msg("line %zu does not end a phrase: %.*s", i, (int)ln->len, maxim + ln->start);
        assert_true(ln->width <= box.width);
    }
    /* Never a bigger size than plain fitting, and every byte still covered. */
    assert_true(phrased.px_size <= plain.px_size);
    size_t covered = 0;
    for (size_t i = 0; i < phrased.n_lines; i++)
        covered += phrased.lines[i].len;
    assert_int_equal(covered, strlen(maxim));
    layout_result_free(&plain);
    layout_result_free(&phrased);
}

/* A clause wider than the box at the minimum size falls back to ordinary breaks. */
static void test_phrases_fall_back(void **state)
{
    (void)state;
    const char *text = "一二三四五六七八九十一二三四五六七八九十，短句。";
    struct layout_box box = {.width = 100, .height = 1000, .max_px = 20, .min_px = 10, .line_spacing = 1.2f,
                             .keep_phrases = true};
    struct layout_result r;
    assert_int_equal(layout_text(&ops, text, &box, &r), 0);
    assert_false(r.overflow);
    assert_true(r.n_lines >= 2);
    for (size_t i = 0; i < r.n_lines; i++)
        assert_true(r.lines[i].width <= box.width);
    layout_result_free(&r);
}

/* In phrase mode a book title starts a new phrase: an attribution wraps
 * before 《 rather than inside the title. */
static void test_phrases_break_before_titles(void **state)
{
    (void)state;
    const char *attr = "——毛泽东《在中国共产党第七届中央委员会第二次全体会议上的报告》";
    struct layout_box box = {.width = 600, .height = 200, .max_px = 24, .min_px = 18, .line_spacing = 1.3f,
                             .keep_phrases = true};
    struct layout_result r;
    assert_int_equal(layout_text(&ops, attr, &box, &r), 0);
    assert_int_equal(r.n_lines, 2);
    /* The 27-character title shrinks until it fits whole: 27 * 22 <= 600. */
    assert_int_equal(r.px_size, 22);
    assert_int_equal(r.lines[0].len, strlen("——毛泽东"));
    assert_memory_equal(attr + r.lines[1].start, "《", strlen("《"));
    layout_result_free(&r);
}

/* Styled text: bytes inside [bold_from, bold_to) of the text are 3/2 as
 * wide, so the same characters measure differently by where they stand. */
struct styled_font {
    const char *text;
    size_t bold_from, bold_to;
};

static int styled_measure(void *ctx, int px, const char *s, size_t len)
{
    const struct styled_font *f = ctx;
    uintptr_t p = (uintptr_t)s, t0 = (uintptr_t)f->text;
    if (p < t0 || p >= t0 + strlen(f->text))
        return fake_width(px, s, len); /* the lone " " for spaces */
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        size_t at = (size_t)(s - f->text) + i;
        int cw = cp < 0x80 ? px / 2 : px;
        w += at >= f->bold_from && at < f->bold_to ? cw * 3 / 2 : cw;
        i += (size_t)n;
    }
    return w;
}

/* With measure_in_place, equal characters in bold and regular are measured
 * where they stand: the bold half of a repeated text takes more lines. */
static void test_measure_in_place(void **state)
{
    (void)state;
    /* 20 times 廉, the second half bold: 10 regular (10 * 20 px) fit in one
     * 200 px line, the bold ten (30 px each) need two lines of 6 and 4. */
    char text[128] = "";
    for (int i = 0; i < 20; i++)
        strcat(text, "廉");
    struct styled_font sf = {.text = text, .bold_from = 30, .bold_to = 60};
    struct layout_font_ops in_place = {.ctx = &sf, .measure = styled_measure, .line_height = fake_line_height,
                                       .measure_in_place = true};
    struct layout_result r;
    assert_int_equal(layout_lines(&in_place, text, 200, 20, &r), 0);
    assert_int_equal(r.n_lines, 3);
    assert_int_equal(r.lines[0].len, 30);
    assert_int_equal(r.lines[0].width, 200);
    assert_int_equal(r.lines[1].len, 18);
    assert_int_equal(r.lines[1].width, 180);
    assert_int_equal(r.lines[2].width, 120);
    layout_result_free(&r);
}

/* layout_breaks gives the opportunities layout_lines uses: none before a
 * closing mark or after an opening one, spaces stay with the word before. */
static void test_breaks_exported(void **state)
{
    (void)state;
    const char *text = "清风“正气”，ab cd";
    size_t len = strlen(text);
    bool brk[64];
    assert_int_equal(layout_breaks(text, len, brk), 0);
    /* byte offsets: 清0 风3 “6 正9 气12 ”15 ，18 a21 b22 ' '23 c24 d25 */
    bool want[64] = {0};
    want[2] = true;  /* 清|风 */
    want[5] = true;  /* 风|“正: the opening quote goes with 正 */
    want[11] = true; /* 正|气 */
    want[20] = true; /* ，|ab */
    want[23] = true; /* "ab "|cd */
    want[25] = true; /* end */
    for (size_t i = 0; i < len; i++)
        if (brk[i] != want[i])
            fail_msg("byte %zu: break %d, want %d", i, brk[i], want[i]);
    assert_int_equal(layout_breaks("\xff", 1, brk), -1);
    assert_int_equal(layout_breaks(NULL, 0, brk), -1);
    assert_int_equal(layout_breaks("", 0, brk), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk_fills_lines),
        cmocka_unit_test(test_kinsoku_each_mark),
        cmocka_unit_test(test_kinsoku_quotes),
        cmocka_unit_test(test_kinsoku_sweep),
        cmocka_unit_test(test_latin_words_stay_whole),
        cmocka_unit_test(test_long_url_emergency_break),
        cmocka_unit_test(test_huge_unbreakable_run),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_trailing_spaces),
        cmocka_unit_test(test_autofit_short_text_gets_max),
        cmocka_unit_test(test_autofit_long_text_gets_smaller),
        cmocka_unit_test(test_autofit_monotonic),
        cmocka_unit_test(test_overflow_paginates),
        cmocka_unit_test(test_missing_glyphs_counted),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_measure_calls_bounded),
        cmocka_unit_test(test_phrases_kept_whole),
        cmocka_unit_test(test_phrases_fall_back),
        cmocka_unit_test(test_phrases_break_before_titles),
        cmocka_unit_test(test_measure_in_place),
        cmocka_unit_test(test_breaks_exported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
