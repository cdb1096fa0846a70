/* Unit tests for parsing CommonMark item bodies into rich-document blocks:
 * each block kind, list markers and nesting, quotes, inline styles, soft and
 * hard breaks between CJK and Latin text, images, dropped HTML, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/richdoc.h"

static struct richdoc parse_ok(const char *md)
{
    struct richdoc d;
    assert_int_equal(richdoc_parse(md, &d), 0);
    return d;
}

/* The text of block i with the style of each byte: "plain[strong]" style as
 * letters S E C L, so a test can compare spans at a glance. */
static void assert_spans(const struct richdoc_block *b, const char *const *texts, const unsigned *styles, size_t n)
{
    assert_int_equal(b->n_spans, n);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        const struct richdoc_span *sp = &b->spans[i];
        assert_int_equal(sp->start, at);
        assert_int_equal(sp->len, strlen(texts[i]));
        assert_memory_equal(b->text + sp->start, texts[i], sp->len);
        assert_int_equal(sp->style, styles[i]);
        at += sp->len;
    }
    assert_int_equal(at, strlen(b->text));
}

static void test_headings_and_paragraphs(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("# 总标题\n\n## 案情简介\n\n正文第一段。\n\n正文第二段。\n\n### 小节\n\n设置型标题\n---\n");
    assert_int_equal(d.n_blocks, 6);
    assert_int_equal(d.blocks[0].kind, RICHDOC_HEADING);
    assert_int_equal(d.blocks[0].level, 1);
    assert_string_equal(d.blocks[0].text, "总标题");
    assert_int_equal(d.blocks[1].level, 2);
    assert_string_equal(d.blocks[1].text, "案情简介");
    assert_int_equal(d.blocks[2].kind, RICHDOC_PARAGRAPH);
    assert_string_equal(d.blocks[2].text, "正文第一段。");
    assert_string_equal(d.blocks[3].text, "正文第二段。");
    assert_int_equal(d.blocks[4].level, 3);
    assert_int_equal(d.blocks[5].kind, RICHDOC_HEADING);
    assert_int_equal(d.blocks[5].level, 2);
    assert_string_equal(d.blocks[5].text, "设置型标题");
    for (size_t i = 0; i < d.n_blocks; i++) {
        assert_int_equal(d.blocks[i].list_depth, 0);
        assert_int_equal(d.blocks[i].quote_depth, 0);
        assert_int_equal(d.blocks[i].n_nest, 0);
    }
    richdoc_free(&d);
}

static void test_bullet_lists_nested(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("- 给予党内严重警告处分；\n- 调离岗位：\n  - 政务记大过\n    - 三级\n- 收缴违纪所得。\n");
    assert_int_equal(d.n_blocks, 5);
    const char *texts[] = {"给予党内严重警告处分；", "调离岗位：", "政务记大过", "三级", "收缴违纪所得。"};
    const int depth[] = {1, 1, 2, 3, 1};
    const char *marks[] = {"•", "•", "◦", "▪", "•"};
    for (size_t i = 0; i < 5; i++) {
        const struct richdoc_block *b = &d.blocks[i];
        assert_int_equal(b->kind, RICHDOC_ITEM);
        assert_string_equal(b->text, texts[i]);
        assert_int_equal(b->list_depth, depth[i]);
        assert_string_equal(b->marker, marks[i]);
        assert_false(b->ordered);
        assert_true(b->tight);
        assert_int_equal(b->n_nest, (size_t)depth[i]);
        for (size_t k = 0; k < b->n_nest; k++)
            assert_false(b->nest[k].quote);
    }
    /* Items of one list share its container; the nested list is another. */
    assert_int_equal(d.blocks[0].nest[0].id, d.blocks[4].nest[0].id);
    assert_int_equal(d.blocks[2].nest[0].id, d.blocks[0].nest[0].id);
    assert_int_not_equal(d.blocks[2].nest[1].id, d.blocks[2].nest[0].id);
    assert_true(d.blocks[3].nest[2].id < d.n_ids);
    richdoc_free(&d);
}

static void test_ordered_list_start(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("3. 第三条\n4. 第四条\n\n段落\n\n7) 另一个列表\n8) 继续\n\n1. 从一开始\n");
    assert_int_equal(d.n_blocks, 6);
    assert_string_equal(d.blocks[0].marker, "3.");
    assert_string_equal(d.blocks[1].marker, "4.");
    assert_true(d.blocks[0].ordered);
    assert_int_equal(d.blocks[2].kind, RICHDOC_PARAGRAPH);
    assert_string_equal(d.blocks[3].marker, "7)");
    assert_string_equal(d.blocks[4].marker, "8)");
    assert_string_equal(d.blocks[5].marker, "1.");
    assert_string_equal(d.blocks[5].text, "从一开始");
    richdoc_free(&d);
}

/* A loose list: blank lines between items; a second paragraph of an item is
 * a plain paragraph at the item's depth. */
static void test_loose_list_continuation(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("1. 第一项\n\n   第一项的说明。\n\n2. 第二项\n");
    assert_int_equal(d.n_blocks, 3);
    assert_int_equal(d.blocks[0].kind, RICHDOC_ITEM);
    assert_false(d.blocks[0].tight);
    assert_int_equal(d.blocks[1].kind, RICHDOC_PARAGRAPH);
    assert_int_equal(d.blocks[1].list_depth, 1);
    assert_string_equal(d.blocks[1].marker, "");
    assert_int_equal(d.blocks[2].kind, RICHDOC_ITEM);
    assert_string_equal(d.blocks[2].marker, "2.");
    richdoc_free(&d);
}

/* An item that starts with a nested list shows its marker on its own. */
static void test_item_starting_with_list(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("- - 内层\n");
    assert_int_equal(d.n_blocks, 2);
    assert_int_equal(d.blocks[0].kind, RICHDOC_ITEM);
    assert_string_equal(d.blocks[0].text, "");
    assert_int_equal(d.blocks[0].list_depth, 1);
    assert_int_equal(d.blocks[1].list_depth, 2);
    assert_string_equal(d.blocks[1].text, "内层");
    richdoc_free(&d);
}

static void test_block_quote(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("> 廉洁用权，自觉维护人民根本利益。\n>\n> ——《中国共产党廉洁自律准则》\n\n后文\n");
    assert_int_equal(d.n_blocks, 3);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(d.blocks[i].kind, RICHDOC_PARAGRAPH);
        assert_int_equal(d.blocks[i].quote_depth, 1);
        assert_int_equal(d.blocks[i].n_nest, 1);
        assert_true(d.blocks[i].nest[0].quote);
    }
    assert_int_equal(d.blocks[0].nest[0].id, d.blocks[1].nest[0].id);
    assert_string_equal(d.blocks[1].text, "——《中国共产党廉洁自律准则》");
    assert_int_equal(d.blocks[2].quote_depth, 0);
    richdoc_free(&d);
}

static void test_quote_inside_list_and_list_inside_quote(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("- 条文：\n\n  > 不准收受礼金。\n\n> 1. 引文中的列表\n");
    assert_int_equal(d.n_blocks, 3);
    const struct richdoc_block *q = &d.blocks[1];
    assert_int_equal(q->list_depth, 1);
    assert_int_equal(q->quote_depth, 1);
    assert_int_equal(q->n_nest, 2);
    assert_false(q->nest[0].quote);
    assert_true(q->nest[1].quote);
    assert_int_equal(q->nest[0].id, d.blocks[0].nest[0].id);
    const struct richdoc_block *l = &d.blocks[2];
    assert_int_equal(l->kind, RICHDOC_ITEM);
    assert_string_equal(l->marker, "1.");
    assert_true(l->nest[0].quote);
    assert_false(l->nest[1].quote);
    richdoc_free(&d);
}

static void test_deep_nesting_recorded_to_max(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("> > > > > > > > > > 深\n");
    assert_int_equal(d.n_blocks, 1);
    assert_int_equal(d.blocks[0].quote_depth, 10);
    assert_int_equal(d.blocks[0].n_nest, RICHDOC_NEST_MAX);
    richdoc_free(&d);

    /* Thousands of levels: no recursion, no trouble. */
    size_t n = 5000;
    char *md = malloc(2 * n + 8);
    assert_non_null(md);
    for (size_t i = 0; i < n; i++)
        memcpy(md + 2 * i, "> ", 2);
    strcpy(md + 2 * n, "x\n");
    d = parse_ok(md);
    assert_int_equal(d.n_blocks, 1);
    assert_string_equal(d.blocks[0].text, "x");
    free(md);
    richdoc_free(&d);
}

static void test_rule_and_code_block(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("前\n\n---\n\n```c\nint a;\n\tif (a)\n        b();\n```\n\n    缩进代码\n");
    assert_int_equal(d.n_blocks, 4);
    assert_int_equal(d.blocks[1].kind, RICHDOC_RULE);
    assert_string_equal(d.blocks[1].text, "");
    assert_int_equal(d.blocks[2].kind, RICHDOC_CODE_BLOCK);
    assert_string_equal(d.blocks[2].text, "int a;\n    if (a)\n        b();");
    assert_int_equal(d.blocks[2].n_spans, 1);
    assert_int_equal(d.blocks[2].spans[0].style, RICHDOC_CODE);
    assert_int_equal(d.blocks[2].spans[0].len, strlen(d.blocks[2].text));
    assert_int_equal(d.blocks[3].kind, RICHDOC_CODE_BLOCK);
    assert_string_equal(d.blocks[3].text, "缩进代码");
    richdoc_free(&d);
}

static void test_inline_styles(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("共计**6800余元**，*指尖上的腐败*、`feed.json`和[中央纪委网站](https://www.ccdi.gov.cn)。"
                                "***双重***");
    assert_int_equal(d.n_blocks, 1);
    const struct richdoc_block *b = &d.blocks[0];
    assert_string_equal(b->text, "共计6800余元，指尖上的腐败、feed.json和中央纪委网站。双重");
    const char *t[] = {"共计", "6800余元", "，", "指尖上的腐败", "、", "feed.json", "和", "中央纪委网站", "。", "双重"};
    const unsigned s[] = {0, RICHDOC_STRONG, 0, RICHDOC_EMPH, 0, RICHDOC_CODE, 0, RICHDOC_LINK, 0,
                          RICHDOC_STRONG | RICHDOC_EMPH};
    assert_spans(b, t, s, 10);
    assert_null(strstr(b->text, "http"));
    richdoc_free(&d);
}

static void test_soft_and_hard_breaks(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("中文换行\n接着写\n\nEnglish line\nwraps here\n\n中文\nEnglish\n\nEnglish\n中文\n\n"
                                "“引号”\n继续\n\n硬换行  \n下一行\n\n反斜杠\\\n下一行\n\n**加粗**\n**再加粗**");
    assert_int_equal(d.n_blocks, 8);
    assert_string_equal(d.blocks[0].text, "中文换行接着写");
    assert_string_equal(d.blocks[1].text, "English line wraps here");
    assert_string_equal(d.blocks[2].text, "中文English");
    assert_string_equal(d.blocks[3].text, "English中文");
    assert_string_equal(d.blocks[4].text, "“引号”继续");
    assert_string_equal(d.blocks[5].text, "硬换行\n下一行");
    assert_string_equal(d.blocks[6].text, "反斜杠\n下一行");
    assert_string_equal(d.blocks[7].text, "加粗再加粗");
    assert_int_equal(d.blocks[7].n_spans, 1);
    richdoc_free(&d);

    /* A soft break settles where styles meet, and a break inside bold text
     * stays bold. */
    d = parse_ok("**bold\nwords** plain");
    const char *t[] = {"bold words", " plain"};
    const unsigned s[] = {RICHDOC_STRONG, 0};
    assert_spans(&d.blocks[0], t, s, 2);
    richdoc_free(&d);
}

static void test_images(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("![警示教育大会现场](images/hui.jpg)\n\n"
                                "文中插图![小图 *说明*](images/a.png)在此，还有![](b.svg)。\n\n"
                                "## 标题![徽](c.png)\n");
    assert_int_equal(d.n_blocks, 6);
    assert_int_equal(d.blocks[0].kind, RICHDOC_IMAGE);
    assert_string_equal(d.blocks[0].src, "images/hui.jpg");
    assert_string_equal(d.blocks[0].text, "警示教育大会现场");
    assert_int_equal(d.blocks[1].kind, RICHDOC_PARAGRAPH);
    assert_string_equal(d.blocks[1].text, "文中插图在此，还有。");
    assert_int_equal(d.blocks[2].kind, RICHDOC_IMAGE);
    assert_string_equal(d.blocks[2].src, "images/a.png");
    assert_string_equal(d.blocks[2].text, "小图 说明");
    assert_int_equal(d.blocks[3].kind, RICHDOC_IMAGE);
    assert_string_equal(d.blocks[3].src, "b.svg");
    assert_string_equal(d.blocks[3].text, "");
    assert_int_equal(d.blocks[3].n_spans, 0);
    assert_int_equal(d.blocks[4].kind, RICHDOC_HEADING);
    assert_string_equal(d.blocks[4].text, "标题");
    assert_string_equal(d.blocks[5].src, "c.png");
    for (size_t i = 0; i < d.n_blocks; i++)
        if (d.blocks[i].kind != RICHDOC_IMAGE)
            assert_null(d.blocks[i].src);
    richdoc_free(&d);

    /* An item whose only content is a picture keeps its marker. */
    d = parse_ok("- ![图](x.png)\n");
    assert_int_equal(d.n_blocks, 2);
    assert_int_equal(d.blocks[0].kind, RICHDOC_ITEM);
    assert_string_equal(d.blocks[0].text, "");
    assert_int_equal(d.blocks[1].kind, RICHDOC_IMAGE);
    assert_int_equal(d.blocks[1].list_depth, 1);
    richdoc_free(&d);
}

/* An image block knows the line of its "![": also when its description
 * spans lines, or a code span or inline HTML before it does. */
static void test_image_lines(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("引言\n\n"                       /* 1-2 */
                                "![一](a.svg)\n"                 /* 3 */
                                "\n"                             /* 4 */
                                "文字 `跨\n行代码` 之后\n"        /* 5-6 */
                                "![二](b.svg) ![三\n"            /* 7: two pictures */
                                "说明](c.svg)\n"                 /* 8 */
                                "<span\nclass=\"x\"> ![四](d.svg)\n" /* 9-10 */
                                "\n"                             /* 11 */
                                "> - ![五](e.svg)\n");           /* 12 */
    static const struct {
        const char *src;
        int line;
    } want[] = { { "a.svg", 3 }, { "b.svg", 7 }, { "c.svg", 7 }, { "d.svg", 10 }, { "e.svg", 12 } };
    size_t k = 0;

    for (size_t i = 0; i < d.n_blocks; i++) {
        if (d.blocks[i].kind != RICHDOC_IMAGE) {
            assert_int_equal(d.blocks[i].line, 0);
            continue;
        }
        assert_true(k < sizeof want / sizeof want[0]);
        assert_string_equal(d.blocks[i].src, want[k].src);
        assert_int_equal(d.blocks[i].line, want[k].line);
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof want[0]);
    richdoc_free(&d);
}

static void test_html_dropped(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\n"
                                "正文<b>加粗</b>与<span style=\"color:red\">红字</span><!-- 注释 -->。\n\n"
                                "<img src=\"x.png\">\n");
    assert_int_equal(d.n_blocks, 1);
    assert_string_equal(d.blocks[0].text, "正文加粗与红字。");
    assert_null(strchr(d.blocks[0].text, '<'));
    richdoc_free(&d);
}

static void test_controls_and_tabs(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("a\x01" "b\tc\x7f" "d \xC2\x85" "e");
    assert_int_equal(d.n_blocks, 1);
    assert_string_equal(d.blocks[0].text, "ab cd e");
    richdoc_free(&d);
}

static void test_empty_null_invalid(void **state)
{
    (void)state;
    struct richdoc d;
    assert_int_equal(richdoc_parse("", &d), 0);
    assert_int_equal(d.n_blocks, 0);
    richdoc_free(&d);
    assert_int_equal(richdoc_parse("\n\n   \n<!-- 只有注释 -->\n", &d), 0);
    assert_int_equal(d.n_blocks, 0);
    richdoc_free(&d);

    assert_int_equal(richdoc_parse(NULL, &d), -1);
    assert_int_equal(d.n_blocks, 0);
    assert_int_equal(richdoc_parse("x", NULL), -1);
    assert_int_equal(richdoc_parse("好\xff坏", &d), -1);
    assert_null(d.blocks);
    assert_int_equal(richdoc_parse("\xe4\xb8", &d), -1);  /* truncated */
    assert_int_equal(richdoc_parse("\xed\xa0\x80", &d), -1); /* surrogate */

    size_t n = RICHDOC_INPUT_MAX + 1;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'a', n);
    big[n] = 0;
    assert_int_equal(richdoc_parse(big, &d), -1);
    big[n - 1] = 0; /* exactly the limit is accepted */
    assert_int_equal(richdoc_parse(big, &d), 0);
    assert_int_equal(d.n_blocks, 1);
    richdoc_free(&d);
    free(big);
    richdoc_free(NULL);
}

/* The real example case body parses into the expected outline. */
static void test_real_case_outline(void **state)
{
    (void)state;
    struct richdoc d = parse_ok("## 处理结果\n\n- 给予孙某党内严重警告处分；\n- 收缴其违纪所得。\n\n"
                                "> 坚持崇廉拒腐，清白做人，干净做事。\n>\n> ——《中国共产党廉洁自律准则》\n");
    assert_int_equal(d.n_blocks, 5);
    assert_int_equal(d.blocks[0].kind, RICHDOC_HEADING);
    assert_int_equal(d.blocks[1].kind, RICHDOC_ITEM);
    assert_int_equal(d.blocks[2].kind, RICHDOC_ITEM);
    assert_int_equal(d.blocks[3].quote_depth, 1);
    assert_int_equal(d.blocks[4].quote_depth, 1);
    richdoc_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings_and_paragraphs),
        cmocka_unit_test(test_bullet_lists_nested),
        cmocka_unit_test(test_ordered_list_start),
        cmocka_unit_test(test_loose_list_continuation),
        cmocka_unit_test(test_item_starting_with_list),
        cmocka_unit_test(test_block_quote),
        cmocka_unit_test(test_quote_inside_list_and_list_inside_quote),
        cmocka_unit_test(test_deep_nesting_recorded_to_max),
        cmocka_unit_test(test_rule_and_code_block),
        cmocka_unit_test(test_inline_styles),
        cmocka_unit_test(test_soft_and_hard_breaks),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_image_lines),
        cmocka_unit_test(test_html_dropped),
        cmocka_unit_test(test_controls_and_tabs),
        cmocka_unit_test(test_empty_null_invalid),
        cmocka_unit_test(test_real_case_outline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
