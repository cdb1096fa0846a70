/* Front-matter parsing of Markdown source files (app/core/frontmatter.c).
 * All inputs are inline strings; nothing is read from disk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/frontmatter.h"

static const char *const keys[] = { "id", "title", "lead", "author", "source", "image",
                                    "tags", "weight", "url", "kind", NULL };

/* Parses `text`; returns the result code and leaves fields and messages. */
static int parse(const char *text, struct frontmatter *fm, struct diag *errs)
{
    memset(fm, 0, sizeof *fm);
    memset(errs, 0, sizeof *errs);
    return frontmatter_parse(text, strlen(text), "content/cases/gift.md", keys, fm, errs);
}

static void expect_one_error(const char *text, const char *message)
{
    struct frontmatter fm;
    struct diag errs;

    assert_int_equal(parse(text, &fm, &errs), -1);
    if (errs.n != 1)
        fail_msg("expected 1 message, got %zu (first: %s)", errs.n, errs.n ? errs.lines[0] : "-");
    assert_string_equal(errs.lines[0], message);
    frontmatter_free(&fm);
    diag_free(&errs);
}

static const char *value_of(const struct frontmatter *fm, const char *key)
{
    const struct fm_field *f = frontmatter_get(fm, key);
    return f ? f->value : NULL;
}

static void test_fields_quotes_comments(void **state)
{
    static const char text[] =
        "---\n"
        "# 警示教育案例\n"
        "title: 收受礼金案\n"
        "\n"
        "lead: \"一次\\\"小意思\\\"的代价: 冒号也行\"\n"
        "  weight :  3  \n"
        "author： 包拯\n"
        "---\n"
        "正文第一行\n"
        "\n"
        "## 案情\n";
    struct frontmatter fm;
    struct diag errs;

    assert_int_equal(parse(text, &fm, &errs), 0);
    assert_int_equal(errs.n, 0);
    assert_int_equal(fm.n_fields, 4);
    assert_string_equal(value_of(&fm, "title"), "收受礼金案");
    assert_int_equal(frontmatter_get(&fm, "title")->line, 3);
    assert_string_equal(value_of(&fm, "lead"), "一次\"小意思\"的代价: 冒号也行");
    assert_string_equal(value_of(&fm, "weight"), "3");
    assert_int_equal(frontmatter_get(&fm, "weight")->line, 6);
    assert_string_equal(value_of(&fm, "author"), "包拯"); /* full-width colon */
    assert_null(frontmatter_get(&fm, "image"));
    assert_string_equal(fm.body, "正文第一行\n\n## 案情\n");
    assert_int_equal(fm.body_line, 9);
    frontmatter_free(&fm);
    diag_free(&errs);
}

static void test_crlf_and_bom(void **state)
{
    static const char text[] = "\xef\xbb\xbf---\r\ntitle: 窗口\r\n---\r\nbody\r\n";
    struct frontmatter fm;
    struct diag errs;

    assert_int_equal(parse(text, &fm, &errs), 0);
    assert_string_equal(value_of(&fm, "title"), "窗口");
    assert_string_equal(fm.body, "body\n");
    assert_int_equal(fm.body_line, 4);
    frontmatter_free(&fm);
    diag_free(&errs);
}

static void check_list(const char *value, size_t n, const char *const *want)
{
    char **items = NULL;
    size_t got = 99;

    assert_int_equal(frontmatter_split_list(value, &items, &got), 0);
    if (got != n)
        fail_msg("\"%s\": expected %zu items, got %zu", value, n, got);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(items[i], want[i]);
    frontmatter_free_list(items, got);
}

static void test_lists(void **state)
{
    static const char *const abc[] = { "清廉", "家风", "包拯" };
    static const char *const quoted[] = { "a, b", "c" };

    check_list("[清廉, 家风, 包拯]", 3, abc);
    check_list("清廉, 家风,包拯", 3, abc);
    check_list("清廉，家风、包拯", 3, abc);
    check_list("[ 清廉 ，　家风 、 包拯 , ]", 3, abc);
    check_list("[\"清廉\", \"家风\", 包拯]", 3, abc);
    check_list("\"a, b\", c", 2, quoted);
    check_list("[]", 0, NULL);
    check_list("", 0, NULL);
}

static void test_quoted_list_value_kept_raw(void **state)
{
    struct frontmatter fm;
    struct diag errs;

    assert_int_equal(parse("---\ntags: \"a, b\", c\n---\nx\n", &fm, &errs), 0);
    assert_string_equal(frontmatter_get(&fm, "tags")->raw, "\"a, b\", c");
    frontmatter_free(&fm);
    diag_free(&errs);
}

static void test_errors(void **state)
{
    expect_one_error("title: x\n---\nbody\n",
                     "content/cases/gift.md:1: no header; start the file with a line \"---\", then the fields, then \"---\"");
    expect_one_error("---\ntitle: x\nbody\n",
                     "content/cases/gift.md:1: the header is not closed; add a line \"---\" after the last field");
    expect_one_error("", "content/cases/gift.md:1: no header; start the file with a line \"---\", then the fields, then \"---\"");
    expect_one_error("---\ntitle: a\nlead: b\ntitle: c\n---\nx\n",
                     "content/cases/gift.md:4: field \"title\": given twice (first on line 2); keep only one");
    expect_one_error("---\ntitle: a\n\ncolour: red\n---\nx\n",
                     "content/cases/gift.md:4: field \"colour\": unknown field; use one of id, title, lead, author, "
                     "source, image, tags, weight, url, kind");
    expect_one_error("---\ntitle: \"unclosed\n---\nx\n",
                     "content/cases/gift.md:2: field \"title\": the quote is not closed; end the value with \"");
    expect_one_error("---\n标题: 窗口\n---\nx\n",
                     "content/cases/gift.md:2: line is not \"key: value\"; write each header line as key: value, or "
                     "start a comment with #");
    expect_one_error("---\ntitle: ok\n---\nline 4\nbad \xff here\n",
                     "content/cases/gift.md:5: text is not valid UTF-8 (byte 0xff); save the file as UTF-8 (in WPS or "
                     "Notepad: Save As, encoding UTF-8)");
}

static void test_all_errors_collected(void **state)
{
    struct frontmatter fm;
    struct diag errs;

    assert_int_equal(parse("---\nfoo: 1\ntitle: a\ntitle: b\nnonsense\n---\nx\n", &fm, &errs), -1);
    assert_int_equal(errs.n, 3);
    assert_true(strncmp(errs.lines[0], "content/cases/gift.md:2: field \"foo\"", 36) == 0);
    assert_true(strncmp(errs.lines[1], "content/cases/gift.md:4: field \"title\"", 38) == 0);
    assert_true(strncmp(errs.lines[2], "content/cases/gift.md:5: line is not", 36) == 0);
    frontmatter_free(&fm);
    diag_free(&errs);
}

static void test_utf8(void **state)
{
    size_t bad = 0;

    assert_true(utf8_is_valid("清风 ok", strlen("清风 ok"), NULL));
    assert_false(utf8_is_valid("ab\xc0\xaf", 4, &bad)); /* overlong '/' */
    assert_int_equal(bad, 2);
    assert_false(utf8_is_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    assert_false(utf8_is_valid("\xe6\xb8", 2, &bad));     /* cut short */
    assert_false(utf8_is_valid("a\0b", 3, &bad));
    assert_int_equal(bad, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_quotes_comments),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_quoted_list_value_kept_raw),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_all_errors_collected),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
