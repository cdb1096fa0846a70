/* Unit tests for laying out rich documents with fake metrics: lines, styled
 * runs across breaks, kinsoku, justification, list hanging indents, quotes,
 * headings, pictures, scale, missing glyphs, height limit, and a property
 * test that no line is ever wider than its column.
 *
 * The fake faces (widths add up exactly, per code point):
 *   sans: ASCII px/2, other px;  bold: ASCII 3px/5, other 5px/4;
 *   kai:  like sans, but has no glyph for U+9FA5 (龥).
 * No face has U+9F98 (龘). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/richdoc.h"
#include "core/utf8.h"

static int cp_width(enum richdoc_face face, int px, uint32_t cp)
{
    bool ascii = cp < 0x80;
    if (face == RICHDOC_FACE_BOLD)
        return ascii ? px * 3 / 5 : px * 5 / 4;
    return ascii ? px / 2 : px;
}

static int fake_width(enum richdoc_face face, int px, const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = utf8_decode(s + i, len - i, &cp);
        assert_true(n > 0); /* whole code points only */
        w += cp_width(face, px, cp);
        i += (size_t)n;
    }
    return w;
}

static int fake_measure(void *ctx, enum richdoc_face face, int px, const char *s, size_t len)
{
    (void)ctx;
    return fake_width(face, px, s, len);
}

static bool fake_has_glyph(void *ctx, enum richdoc_face face, uint32_t cp)
{
    (void)ctx;
    return cp != 0x9F98 && !(face == RICHDOC_FACE_KAI && cp == 0x9FA5);
}

static bool fake_image_size(void *ctx, const char *src, int *w, int *h)
{
    (void)ctx;
    if (!strcmp(src, "big.png"))
        *w = 2000, *h = 1000;
    else if (!strcmp(src, "tall.png"))
        *w = 300, *h = 3000;
    else if (!strcmp(src, "small.png"))
        *w = 100, *h = 50;
    else
        return false;
    return true;
}

static const struct richdoc_metrics metrics = {
    .measure = fake_measure, .has_glyph = fake_has_glyph, .image_size = fake_image_size};

/* Parses md and lays it out at width with body size 20 and scale. */
static void lay(const char *md, int width, float scale, struct richdoc *d, struct richdoc_layout *lo)
{
    assert_int_equal(richdoc_parse(md, d), 0);
    struct richdoc_params p = {.width = width, .base_px = 20, .scale = scale, .max_image_h = 400};
    assert_int_equal(richdoc_layout(d, &metrics, &p, lo), 0);
}

static void done(struct richdoc *d, struct richdoc_layout *lo)
{
    richdoc_layout_free(lo);
    richdoc_free(d);
}

static const struct richdoc_run *run(const struct richdoc_layout *lo, size_t line, size_t k)
{
    assert_true(k < lo->lines[line].n_runs);
    return &lo->runs[lo->lines[line].first_run + k];
}

static const struct richdoc_mark *find_mark(const struct richdoc_layout *lo, enum richdoc_mark_kind kind, size_t nth)
{
    for (size_t i = 0; i < lo->n_marks; i++)
        if (lo->marks[i].kind == kind && nth-- == 0)
            return &lo->marks[i];
    fail_msg("no mark of kind %d", kind);
    return NULL;
}

static size_t first_line_of(const struct richdoc_layout *lo, size_t block)
{
    for (size_t i = 0; i < lo->n_lines; i++)
        if (lo->lines[i].block == block)
            return i;
    fail_msg("block %zu has no line", block);
    return 0;
}

static void test_paragraph_lines(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    /* 25 ideographs at 20 px in 200 px: lines of 10, 10 and 5. */
    lay("一二三四五六七八九十一二三四五六七八九十一二三四五", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 3);
    int top = 5; /* a quarter em above the first line */
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lo.lines[i].y, top + (int)i * 35); /* 1.75 line spacing */
        assert_int_equal(lo.lines[i].px, 20);
        assert_int_equal(lo.lines[i].x, 0);
    }
    assert_int_equal(lo.lines[0].n_runs, 10);
    assert_int_equal(lo.lines[0].w, 200);
    assert_int_equal(lo.lines[2].w, 100);
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(run(&lo, 2, k)->x, (int)k * 20);
        assert_int_equal(run(&lo, 2, k)->w, 20);
        assert_int_equal(run(&lo, 2, k)->face, RICHDOC_FACE_SANS);
    }
    assert_int_equal(lo.height, top + 70 + 20 + top);
    assert_false(lo.truncated);
    assert_int_equal(lo.n_missing, 0);
    done(&d, &lo);
}

/* A bold span running over a line break: each part is measured bold, the
 * first line is justified to the full width, the last is not. */
static void test_styled_runs_across_breaks(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("一二三四五六七**八九十一二三**四五", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 2);
    /* 7 regular (140) + 八九 bold (50) = 190; 十 (25 more) does not fit. */
    assert_int_equal(lo.lines[0].n_runs, 9);
    assert_int_equal(run(&lo, 0, 7)->face, RICHDOC_FACE_BOLD);
    assert_int_equal(run(&lo, 0, 7)->w, 25);
    assert_int_equal(run(&lo, 0, 7)->style, RICHDOC_STRONG);
    assert_int_equal(lo.lines[0].x + lo.lines[0].w, 200); /* justified */
    /* second line: 十一二三 bold, 四五 regular, set solid */
    const int x[] = {0, 25, 50, 75, 100, 120};
    const int w[] = {25, 25, 25, 25, 20, 20};
    assert_int_equal(lo.lines[1].n_runs, 6);
    for (size_t k = 0; k < 6; k++) {
        assert_int_equal(run(&lo, 1, k)->x, x[k]);
        assert_int_equal(run(&lo, 1, k)->w, w[k]);
        assert_int_equal(run(&lo, 1, k)->face, k < 4 ? RICHDOC_FACE_BOLD : RICHDOC_FACE_SANS);
    }
    assert_int_equal(lo.lines[1].w, 140);
    done(&d, &lo);
}

/* The same characters take more room in bold: bold text breaks earlier. */
static void test_bold_measured_in_bold(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("一二三四五六七八九十", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 1);
    done(&d, &lo);
    lay("**一二三四五六七八九十一**", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 2);
    assert_int_equal(lo.lines[0].n_runs, 8); /* 8 * 25 = 200 */
    done(&d, &lo);
}

/* A paragraph does not end on a lone character and its full stop: the
 * line before gives one up and is still justified to the full width. */
static void test_no_widow(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("一二三四五六七八九十一。", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 2);
    assert_int_equal(lo.lines[0].n_runs, 9);
    assert_int_equal(lo.lines[0].x + lo.lines[0].w, 200);
    assert_int_equal(lo.lines[1].n_runs, 2); /* 十 and 一。 */
    done(&d, &lo);
    /* Headings are not justified and keep their greedy breaks. */
    lay("### 一二三四五六七八九十一", 280, 1.0f, &d, &lo); /* bold 22 px ideographs are 27 px */
    assert_int_equal(lo.lines[1].n_runs, 1);
    done(&d, &lo);
}

/* A closing mark after a styled run still never starts a line: the
 * character before it moves down with it. */
static void test_kinsoku_across_styles(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    /* 九 (bold) ends the first 200 px exactly; the ， after it would start
     * line 2, so 九 goes down too. */
    lay("一二三四五六七**八九**，十", 200, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 2);
    const struct richdoc_run *r = run(&lo, 1, 0);
    assert_memory_equal(d.blocks[0].text + r->start, "九", strlen("九"));
    assert_int_equal(r->face, RICHDOC_FACE_BOLD);
    assert_memory_equal(d.blocks[0].text + run(&lo, 1, 1)->start, "，", strlen("，"));
    done(&d, &lo);
}

/* Mixed Latin and CJK: a Latin word half in bold is one unbreakable piece;
 * justification never opens a gap inside it. */
static void test_latin_word_styles(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("**Bold**er words 和中文混排，一二三四五六七八九十一二三四五六七八九十", 240, 1.0f, &d, &lo);
    assert_true(lo.n_lines >= 2);
    const struct richdoc_run *a = run(&lo, 0, 0), *b = run(&lo, 0, 1);
    assert_int_equal(a->len, 4);
    assert_int_equal(a->face, RICHDOC_FACE_BOLD);
    assert_int_equal(b->len, 2);
    assert_int_equal(b->face, RICHDOC_FACE_SANS);
    assert_int_equal(b->x, a->x + a->w); /* "Bold" + "er" stay together */
    assert_int_equal(lo.lines[0].x + lo.lines[0].w, 240);
    done(&d, &lo);
}

static void test_lists(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("- 一\n- 二\n  - 三\n\n段\n\n9. 九\n10. 十\n", 600, 1.0f, &d, &lo);
    assert_int_equal(d.n_blocks, 6);
    /* Bullet lists hang 1.6 em (32 px); the marker area stops 0.45 em short. */
    const struct richdoc_mark *m0 = find_mark(&lo, RICHDOC_MARK_BULLET, 0);
    assert_int_equal(m0->x, 0);
    assert_int_equal(m0->w, 32 - 9);
    assert_int_equal(m0->depth, 1);
    size_t l0 = first_line_of(&lo, 0), l1 = first_line_of(&lo, 1), l2 = first_line_of(&lo, 2);
    assert_int_equal(lo.lines[l0].x, 32);
    assert_int_equal(m0->y, lo.lines[l0].y);
    assert_int_equal(m0->h, 20);
    /* tight list: items a line's leading (0.75 em) apart */
    assert_int_equal(lo.lines[l1].y, lo.lines[l0].y + 20 + 15);
    const struct richdoc_mark *m2 = find_mark(&lo, RICHDOC_MARK_BULLET, 2);
    assert_int_equal(m2->x, 32);
    assert_int_equal(m2->depth, 2);
    assert_int_equal(lo.lines[l2].x, 64);
    /* The paragraph after the list is back at the margin. */
    assert_int_equal(lo.lines[first_line_of(&lo, 3)].x, 0);
    /* "10." is 30 px wide: the ordered list hangs 30 + 0.6 em = 42 px for
     * both its items, and the numbers fit their area. */
    const struct richdoc_mark *n9 = find_mark(&lo, RICHDOC_MARK_NUMBER, 0);
    const struct richdoc_mark *n10 = find_mark(&lo, RICHDOC_MARK_NUMBER, 1);
    assert_string_equal(d.blocks[n9->block].marker, "9.");
    assert_string_equal(d.blocks[n10->block].marker, "10.");
    assert_int_equal(lo.lines[first_line_of(&lo, 4)].x, 42);
    assert_int_equal(lo.lines[first_line_of(&lo, 5)].x, 42);
    assert_true(n10->w >= 30);
    assert_int_equal(n10->x, 0);
    done(&d, &lo);
}

/* A wrapped item: its second line starts under the text, not the marker. */
static void test_item_hanging_indent(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("- 一二三四五六七八九十一二三四五", 232, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 2);
    assert_int_equal(lo.lines[0].x, 32);
    assert_int_equal(lo.lines[1].x, 32);
    assert_int_equal(lo.lines[0].n_runs, 10);
    done(&d, &lo);
}

static void test_quote(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("前文\n\n> 引文一\n>\n> 引文**二**\n\n后文", 600, 1.0f, &d, &lo);
    assert_int_equal(d.n_blocks, 4);
    const struct richdoc_mark *q = find_mark(&lo, RICHDOC_MARK_QUOTE, 0);
    for (size_t i = 0; i < lo.n_marks; i++)
        assert_true(&lo.marks[i] == q || lo.marks[i].kind != RICHDOC_MARK_QUOTE);
    size_t a = first_line_of(&lo, 0), b = first_line_of(&lo, 1), c = first_line_of(&lo, 2), e = first_line_of(&lo, 3);
    assert_int_equal(q->x, 0);
    assert_int_equal(q->w, 600);
    assert_int_equal(q->depth, 1);
    assert_true(q->y > lo.lines[a].y + 20);
    assert_true(q->y + 11 <= lo.lines[b].y); /* padding inside the quote */
    assert_true(q->y + q->h >= lo.lines[c].y + 20 + 11);
    assert_true(q->y + q->h < lo.lines[e].y);
    assert_int_equal(lo.lines[b].x, 24); /* 1.2 em behind the bar */
    assert_int_equal(run(&lo, b, 0)->face, RICHDOC_FACE_KAI);
    assert_int_equal(run(&lo, c, 2)->face, RICHDOC_FACE_BOLD);
    assert_int_equal(run(&lo, e, 0)->face, RICHDOC_FACE_SANS);
    done(&d, &lo);

    /* Justified quote lines stop 0.6 em short of the tinted area's edge. */
    lay("> 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", 400, 1.0f, &d, &lo);
    assert_true(lo.n_lines >= 2);
    assert_int_equal(lo.lines[0].x, 24);
    assert_int_equal(lo.lines[0].x + lo.lines[0].w, 400 - 12);
    assert_int_equal(find_mark(&lo, RICHDOC_MARK_QUOTE, 0)->w, 400);
    done(&d, &lo);
}

static void test_quote_inside_list(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("- 条文：\n\n  > 不准收受礼金。\n- 下一项\n", 600, 1.0f, &d, &lo);
    const struct richdoc_mark *q = find_mark(&lo, RICHDOC_MARK_QUOTE, 0);
    assert_int_equal(q->x, 32);
    assert_int_equal(q->w, 600 - 32);
    assert_int_equal(lo.lines[first_line_of(&lo, 1)].x, 32 + 24);
    assert_true(q->y + q->h < lo.lines[first_line_of(&lo, 2)].y);
    done(&d, &lo);

    /* A nested quote sits inside its parent's area. */
    lay("> 外\n>\n> > 内\n", 600, 1.0f, &d, &lo);
    const struct richdoc_mark *inner = find_mark(&lo, RICHDOC_MARK_QUOTE, 0);
    const struct richdoc_mark *outer = find_mark(&lo, RICHDOC_MARK_QUOTE, 1);
    assert_int_equal(inner->depth, 2);
    assert_int_equal(outer->depth, 1);
    assert_int_equal(inner->x, 24);
    assert_true(outer->y < inner->y && inner->y + inner->h < outer->y + outer->h);
    done(&d, &lo);
}

static void test_headings(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("# 大标题\n\n## 案情简介\n\n正文\n\n### 小节\n\n正文", 600, 1.0f, &d, &lo);
    size_t h1 = first_line_of(&lo, 0), h2 = first_line_of(&lo, 1), p = first_line_of(&lo, 2);
    size_t h3 = first_line_of(&lo, 3);
    assert_int_equal(lo.lines[h1].px, 30);
    assert_int_equal(lo.lines[h2].px, 26);
    assert_int_equal(lo.lines[h3].px, 22);
    assert_int_equal(run(&lo, h2, 0)->face, RICHDOC_FACE_BOLD);
    /* h1: a short rule under it */
    const struct richdoc_mark *r1 = find_mark(&lo, RICHDOC_MARK_HEADING, 0);
    assert_int_equal(r1->block, 0);
    assert_true(r1->y > lo.lines[h1].y + 30);
    assert_int_equal(r1->w, 66);
    /* h2: a square before it, the text after a hanging indent */
    const struct richdoc_mark *sq = find_mark(&lo, RICHDOC_MARK_HEADING, 1);
    assert_int_equal(sq->block, 1);
    assert_int_equal(sq->x, 0);
    assert_int_equal(sq->w, sq->h);
    int centre = sq->y * 2 + sq->h - (lo.lines[h2].y * 2 + 26); /* twice the offset from the em box centre */
    assert_true(centre >= -1 && centre <= 1);
    assert_int_equal(lo.lines[h2].x, 21);
    /* space: more above a heading than below it */
    int above = lo.lines[h2].y - (r1->y + r1->h);
    int below = lo.lines[p].y - (lo.lines[h2].y + 26);
    assert_true(above > below);
    assert_int_equal(lo.lines[h3].x, 0);
    done(&d, &lo);
}

static void test_images(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("![会场](big.png)\n\n![](tall.png)\n\n![](small.png)\n\n![缺失的图片说明](gone.png)\n\n文字", 500, 1.0f,
        &d, &lo);
    const struct richdoc_mark *big = find_mark(&lo, RICHDOC_MARK_IMAGE, 0);
    assert_int_equal(big->x, 0);
    assert_int_equal(big->w, 500);
    assert_int_equal(big->h, 250);
    assert_false(big->missing);
    size_t cap = first_line_of(&lo, 0);
    assert_true(lo.lines[cap].centered);
    assert_true(lo.lines[cap].y > big->y + big->h);
    assert_int_equal(lo.lines[cap].x + lo.lines[cap].w / 2, 250);
    assert_int_equal(lo.lines[cap].px, 17);
    const struct richdoc_mark *tall = find_mark(&lo, RICHDOC_MARK_IMAGE, 1);
    assert_int_equal(tall->h, 400); /* max_image_h */
    assert_int_equal(tall->w, 40);
    assert_int_equal(tall->x, 230);
    assert_true(tall->y > lo.lines[cap].y + 17);
    const struct richdoc_mark *small = find_mark(&lo, RICHDOC_MARK_IMAGE, 2);
    assert_int_equal(small->w, 100); /* never enlarged */
    assert_int_equal(small->h, 50);
    assert_int_equal(small->x, 200);
    const struct richdoc_mark *gone = find_mark(&lo, RICHDOC_MARK_IMAGE, 3);
    assert_true(gone->missing);
    assert_int_equal(gone->w, 500);
    size_t alt = first_line_of(&lo, 3);
    assert_true(lo.lines[alt].y > gone->y && lo.lines[alt].y + 17 < gone->y + gone->h);
    assert_true(lo.lines[alt].centered);
    assert_true(lo.lines[first_line_of(&lo, 4)].y > gone->y + gone->h);
    done(&d, &lo);

    /* Without an image_size callback every picture is a placeholder. */
    struct richdoc_metrics bare = {.measure = fake_measure};
    struct richdoc_params p = {.width = 300, .base_px = 20, .scale = 1.0f};
    assert_int_equal(richdoc_parse("![x](big.png)", &d), 0);
    assert_int_equal(richdoc_layout(&d, &bare, &p, &lo), 0);
    assert_true(find_mark(&lo, RICHDOC_MARK_IMAGE, 0)->missing);
    done(&d, &lo);
}

static void test_code_and_rule(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("```\nline a\nline b\nline c\n```\n\n---\n", 400, 1.0f, &d, &lo);
    const struct richdoc_mark *code = find_mark(&lo, RICHDOC_MARK_CODE, 0);
    assert_int_equal(lo.n_lines, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lo.lines[i].px, 18);
        assert_true(lo.lines[i].y > code->y && lo.lines[i].y + 18 < code->y + code->h);
        assert_true(lo.lines[i].x >= code->x + 10);
        assert_int_equal(run(&lo, i, 0)->face, RICHDOC_FACE_SANS);
        assert_int_equal(run(&lo, i, 0)->style, RICHDOC_CODE);
    }
    const struct richdoc_mark *rule = find_mark(&lo, RICHDOC_MARK_RULE, 0);
    assert_int_equal(rule->x + rule->w / 2, 200);
    assert_true(rule->y > code->y + code->h);
    done(&d, &lo);
}

static void test_scale(void **state)
{
    (void)state;
    const char *md = "## 标题\n\n正文一二三四五六七八九十，**加粗**。\n\n- 列表";
    struct richdoc d;
    struct richdoc_layout a, b;
    lay(md, 800, 1.0f, &d, &a);
    richdoc_free(&d);
    lay(md, 800, 1.35f, &d, &b);
    assert_int_equal(a.lines[0].px, 26);
    assert_int_equal(b.lines[0].px, 35);
    assert_int_equal(a.lines[1].px, 20);
    assert_int_equal(b.lines[1].px, 27);
    assert_true(b.height > a.height * 5 / 4);
    assert_true(b.lines[a.n_lines - 1].x > a.lines[a.n_lines - 1].x); /* list indent grows too */
    richdoc_layout_free(&a);
    done(&d, &b);
}

static void test_missing_glyphs(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("有龘字 **龘** 和空格", 600, 1.0f, &d, &lo);
    assert_int_equal(lo.n_missing, 2);
    assert_int_equal(lo.first_missing, 0x9F98);
    assert_int_equal(lo.first_missing_face, RICHDOC_FACE_SANS);
    done(&d, &lo);
    lay("正文龥字\n\n*强调龥*", 600, 1.0f, &d, &lo);
    assert_int_equal(lo.n_missing, 1); /* sans has it, Kai does not */
    assert_int_equal(lo.first_missing, 0x9FA5);
    assert_int_equal(lo.first_missing_face, RICHDOC_FACE_KAI);
    done(&d, &lo);
}

static void test_height_limit(void **state)
{
    (void)state;
    size_t n = 200;
    char *md = malloc(n * 64);
    assert_non_null(md);
    md[0] = 0;
    for (size_t i = 0; i < n; i++)
        strcat(md, "一段比较长的正文，用来撑高整篇文档。\n\n");
    struct richdoc d;
    struct richdoc_layout lo;
    assert_int_equal(richdoc_parse(md, &d), 0);
    struct richdoc_params p = {.width = 300, .base_px = 20, .scale = 1.0f, .max_height = 900};
    assert_int_equal(richdoc_layout(&d, &metrics, &p, &lo), 0);
    assert_true(lo.truncated);
    assert_true(lo.height <= 900);
    assert_true(lo.note_h > 0);
    assert_true(lo.n_lines > 0);
    for (size_t i = 0; i < lo.n_lines; i++)
        assert_true(lo.lines[i].y + lo.lines[i].px <= lo.note_y);
    assert_true(lo.note_y + lo.note_h <= lo.height);
    done(&d, &lo);
    free(md);

    /* Under the limit nothing changes. */
    lay("短文", 300, 1.0f, &d, &lo);
    assert_false(lo.truncated);
    assert_int_equal(lo.note_h, 0);
    done(&d, &lo);
}

static void test_empty_and_invalid(void **state)
{
    (void)state;
    struct richdoc d;
    struct richdoc_layout lo;
    lay("", 300, 1.0f, &d, &lo);
    assert_int_equal(lo.n_lines, 0);
    assert_int_equal(lo.n_marks, 0);
    assert_int_equal(lo.height, 10);
    done(&d, &lo);

    assert_int_equal(richdoc_parse("正文", &d), 0);
    struct richdoc_params p = {.width = 300, .base_px = 20, .scale = 1.0f};
    struct richdoc_params bad = p;
    bad.width = 0;
    assert_int_equal(richdoc_layout(&d, &metrics, &bad, &lo), -1);
    bad = p;
    bad.base_px = -1;
    assert_int_equal(richdoc_layout(&d, &metrics, &bad, &lo), -1);
    bad = p;
    bad.scale = 0.0f;
    assert_int_equal(richdoc_layout(&d, &metrics, &bad, &lo), -1);
    bad.scale = 1.0f / 0.0f;
    assert_int_equal(richdoc_layout(&d, &metrics, &bad, &lo), -1);
    struct richdoc_metrics no_measure = {0};
    assert_int_equal(richdoc_layout(&d, &no_measure, &p, &lo), -1);
    assert_int_equal(richdoc_layout(NULL, &metrics, &p, &lo), -1);
    assert_int_equal(richdoc_layout(&d, &metrics, &p, NULL), -1);
    assert_int_equal(lo.n_lines, 0);
    richdoc_free(&d);
    richdoc_layout_free(NULL);
}

/* ---- The property: no line wider than its column, whatever the width ---- */

static const uint32_t NO_START[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
                                    0x300D, 0x300F, 0x3011, 0x300B, 0x201D, 0x2019};
static const uint32_t NO_END[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x201C, 0x2018};

static bool in_set(uint32_t cp, const uint32_t *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp)
            return true;
    return false;
}

static uint32_t cp_first(const char *s, size_t len)
{
    uint32_t cp = 0;
    utf8_decode(s, len, &cp);
    return cp;
}

static uint32_t cp_last(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return cp_first(s + (i > 0 ? i - 1 : 0), len - (i > 0 ? i - 1 : 0));
}

static const char *RICH =
    "# 节日期间收受**电子红包**案\n\n"
    "孙某认为微信红包“金额不大、来去无痕”。每逢春节、中秋等节日，辖区商户发来的红包他都**“照单全收”**，"
    "有时还在商户建的微信群里*“抢红包”*。经查，孙某两年间共收受11名管理服务对象所发电子红包和转账共计"
    "**6800余元**（含`WeChat Pay`转账），详见[通报](https://example.org)。\n"
    "English words wrap\nacross soft breaks and **bold**er pieces stay whole.\n\n"
    "## 处理结果\n\n"
    "1. 给予孙某党内严重警告处分；\n2. 由监察机关给予其政务记大过处分，**调离执法岗位**；\n"
    "   - 收缴其违纪所得；\n   - 对相关商户进行提醒教育，对检查中放过的问题重新督促整改。\n"
    "10. 第十项：《中国共产党纪律处分条例》\n\n"
    "> 廉洁用权，自觉维护人民根本利益。**坚持崇廉拒腐**，清白做人，*干净做事*。\n>\n"
    "> - 引文中的列表项，（括号里的说明）\n>\n> ——《中国共产党廉洁自律准则》\n\n"
    "- 条文：\n\n  > 不准收受可能影响公正执行公务的礼品、礼金、消费卡和有价证券、股权、其他金融产品等财物。\n\n"
    "---\n\n"
    "```\nlong_code_line_without_any_break_opportunity_at_all_0123456789\n```\n\n"
    "![会场照片说明文字较长，需要换行居中显示在图片下方](big.png)\n\n"
    "![缺失](gone.png)\n\n"
    "### 警示剖析\n\n"
    "电子红包是“指尖上的腐败”：把礼金从信封搬进了手机，变的是形式，不变的是“围猎”的本质。";

static void check_layout(const struct richdoc *d, const struct richdoc_layout *lo, int width)
{
    for (size_t i = 0; i < lo->n_lines; i++) {
        const struct richdoc_line *ln = &lo->lines[i];
        const struct richdoc_block *b = &d->blocks[ln->block];
        assert_true(ln->x >= 0);
        if (ln->x + ln->w > width)
            fail_msg("width %d: line %zu of block %zu ends at %d", width, i, ln->block, ln->x + ln->w);
        int prev_end = ln->x;
        for (size_t k = 0; k < ln->n_runs; k++) {
            const struct richdoc_run *r = &lo->runs[ln->first_run + k];
            assert_true(r->x >= prev_end);
            assert_int_equal(r->w, fake_width(r->face, ln->px, b->text + r->start, r->len));
            assert_int_equal(r->face, richdoc_face_of(b, r->style));
            prev_end = r->x + r->w;
        }
        assert_int_equal(prev_end, ln->x + ln->w);
        if (ln->n_runs == 0)
            continue;
        const struct richdoc_run *first = &lo->runs[ln->first_run];
        const struct richdoc_run *last = &lo->runs[ln->first_run + ln->n_runs - 1];
        bool starts_block = i == 0 || lo->lines[i - 1].block != ln->block;
        bool ends_block = i + 1 == lo->n_lines || lo->lines[i + 1].block != ln->block;
        uint32_t c0 = cp_first(b->text + first->start, first->len);
        uint32_t c1 = cp_last(b->text + last->start, last->len);
        if (!starts_block && in_set(c0, NO_START, sizeof NO_START / sizeof *NO_START) && ln->n_runs > 1)
            fail_msg("width %d: line %zu starts with U+%04X", width, i, c0);
        if (!ends_block && in_set(c1, NO_END, sizeof NO_END / sizeof *NO_END) && ln->n_runs > 1)
            fail_msg("width %d: line %zu ends with U+%04X", width, i, c1);
        assert_true(ln->y + ln->px <= lo->height);
        if (i > 0)
            assert_true(ln->y >= lo->lines[i - 1].y);
    }
    for (size_t i = 0; i < lo->n_marks; i++) {
        const struct richdoc_mark *m = &lo->marks[i];
        assert_true(m->x >= 0 && m->w >= 0 && m->h >= 0);
        if (m->x + m->w > width)
            fail_msg("width %d: mark %zu (kind %d) ends at %d", width, i, m->kind, m->x + m->w);
        assert_true(m->y >= 0 && m->y + m->h <= lo->height);
    }
}

static void test_no_line_exceeds_width(void **state)
{
    (void)state;
    struct richdoc d;
    assert_int_equal(richdoc_parse(RICH, &d), 0);
    uint32_t seed = 12345;
    for (int iter = 0; iter < 400; iter++) {
        seed = seed * 1103515245u + 12345u;
        /* Wide enough for the widest single character (a bold h1 ideograph,
         * 37 px at scale 1.35 is 51 px) after the deepest indent. */
        int width = 130 + (int)((seed >> 8) % 1500);
        float scale = (seed >> 4) & 1 ? 1.35f : 1.0f;
        struct richdoc_params p = {.width = width, .base_px = 20, .scale = scale, .max_image_h = 300};
        struct richdoc_layout lo;
        assert_int_equal(richdoc_layout(&d, &metrics, &p, &lo), 0);
        assert_true(lo.n_lines > 10);
        check_layout(&d, &lo, width);
        richdoc_layout_free(&lo);
    }
    richdoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraph_lines),
        cmocka_unit_test(test_styled_runs_across_breaks),
        cmocka_unit_test(test_bold_measured_in_bold),
        cmocka_unit_test(test_no_widow),
        cmocka_unit_test(test_kinsoku_across_styles),
        cmocka_unit_test(test_latin_word_styles),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_item_hanging_indent),
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_quote_inside_list),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_code_and_rule),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_missing_glyphs),
        cmocka_unit_test(test_height_limit),
        cmocka_unit_test(test_empty_and_invalid),
        cmocka_unit_test(test_no_line_exceeds_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
