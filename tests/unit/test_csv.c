/* The RFC 4180 CSV reader (app/core/csv.c): quoting, line breaks of every
 * kind, the line each record starts on, and the errors with their place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

/* Reads every record of `text` and gives the reader's last result (0 at
 * the end, -1 on an error) in *rc. The records are written into out as
 * "line:cell|cell;" for compact comparisons. */
static void read_all(const char *text, size_t len, char *out, size_t outlen, int *rc, struct csv *c)
{
    struct csv_record r;
    size_t n = 0;

    out[0] = '\0';
    csv_init(c, text, len);
    while ((*rc = csv_next(c, &r)) > 0) {
        n += (size_t)snprintf(out + n, outlen - n, "%d:", r.line);
        for (size_t i = 0; i < r.n; i++)
            n += (size_t)snprintf(out + n, outlen - n, "%s%s", i ? "|" : "", r.cells[i]);
        n += (size_t)snprintf(out + n, outlen - n, ";");
        assert_true(n < outlen);
    }
}

static void expect(const char *text, const char *want)
{
    char got[4096];
    struct csv c;
    int rc;

    read_all(text, strlen(text), got, sizeof got, &rc, &c);
    assert_int_equal(rc, 0);
    assert_string_equal(got, want);
    csv_free(&c);
}

static void test_plain_records(void **state)
{
    expect("", "");
    expect("a,b,c\n1,2,3\n", "1:a|b|c;2:1|2|3;");
    expect("a,b,c\n1,2,3", "1:a|b|c;2:1|2|3;");          /* no line break at the end */
    expect("a,,\n", "1:a||;");                            /* empty cells, also the last */
    expect("a\n\nb\n", "1:a;2:;3:b;");                     /* an empty line is one empty cell */
    expect(" a , b \n", "1: a | b ;");                     /* blanks are data: trimming is the caller's */
}

static void test_line_breaks(void **state)
{
    expect("a,b\r\nc,d\r\n", "1:a|b;2:c|d;");
    expect("a,b\rc,d\r", "1:a|b;2:c|d;");                  /* old Mac Excel */
    expect("a\r\nb\nc\rd", "1:a;2:b;3:c;4:d;");            /* mixed */
}

static void test_quoted_cells(void **state)
{
    expect("\"a,b\",c\n", "1:a,b|c;");
    expect("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x;");
    expect("\"\"\n", "1:;");
    expect("\"\"\"\"\n", "1:\";");
    /* a line break inside quotes is part of the cell and moves the line count on */
    expect("h1,h2\n\"one\ntwo\",x\nnext,y\n", "1:h1|h2;2:one\ntwo|x;4:next|y;");
    expect("\"one\r\ntwo\r\nthree\",x\r\nnext\r\n", "1:one\ntwo\nthree|x;4:next;");
    expect("\"a\"  ,b\n", "1:a|b;");                       /* blanks after the closing quote */
    expect("a\"b,c\n", "1:a\"b|c;");                        /* a quote inside a bare cell is kept */
    expect("\"x\"", "1:x;");
}

static void expect_error(const char *text, size_t len, enum csv_error e, int line, size_t cell, const char *before)
{
    char got[4096];
    struct csv c;
    struct csv_record r;
    int rc;

    read_all(text, len, got, sizeof got, &rc, &c);
    assert_int_equal(rc, -1);
    assert_int_equal(c.error, e);
    assert_int_equal(c.error_line, line);
    assert_int_equal(c.error_cell, cell);
    assert_string_equal(got, before);
    assert_int_equal(csv_next(&c, &r), -1); /* it stays stopped */
    csv_free(&c);
}

static void test_errors(void **state)
{
    char *big;
    size_t n;

    expect_error("a,b\n1,\"open\nstill\n", 19, CSV_QUOTE_UNCLOSED, 2, 1, "1:a|b;");
    expect_error("a,\"b\"x,c\n", 9, CSV_TEXT_AFTER_QUOTE, 1, 1, "");
    expect_error("h\n\"a\nb\" c\n", 10, CSV_TEXT_AFTER_QUOTE, 3, 0, "1:h;");

    /* more cells than allowed */
    n = CSV_CELLS_MAX + 1;
    big = malloc(n * 2 + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 2 * i, "x,", 2);
    big[2 * n - 1] = '\n';
    big[2 * n] = '\0';
    expect_error(big, strlen(big), CSV_TOO_MANY_CELLS, 1, CSV_CELLS_MAX, "");
    free(big);

    /* exactly the limit is fine */
    n = CSV_CELLS_MAX;
    big = malloc(n * 2 + 1);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 2 * i, "x,", 2);
    big[2 * n - 1] = '\n';
    big[2 * n] = '\0';
    {
        struct csv c;
        struct csv_record r;
        csv_init(&c, big, strlen(big));
        assert_int_equal(csv_next(&c, &r), 1);
        assert_int_equal(r.n, CSV_CELLS_MAX);
        csv_free(&c);
    }
    free(big);

    /* a cell over the byte limit, on its second line */
    n = CSV_CELL_MAX_BYTES + 10;
    big = malloc(n + 8);
    assert_non_null(big);
    memcpy(big, "h\nok,", 5);
    memset(big + 5, 'x', n);
    big[5 + n] = '\0';
    expect_error(big, strlen(big), CSV_CELL_TOO_LONG, 2, 1, "1:h;");
    free(big);
}

/* Cells stay valid while the buffer grows within one record. */
static void test_many_long_cells(void **state)
{
    size_t cell = 5000, n = 20, len = n * (cell + 1);
    char *text = malloc(len + 1);
    struct csv c;
    struct csv_record r;

    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        memset(text + i * (cell + 1), 'a' + (int)i, cell);
        text[i * (cell + 1) + cell] = i + 1 < n ? ',' : '\n';
    }
    text[len] = '\0';
    csv_init(&c, text, len);
    assert_int_equal(csv_next(&c, &r), 1);
    assert_int_equal(r.n, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(strlen(r.cells[i]), cell);
        assert_int_equal(r.cells[i][0], 'a' + (int)i);
    }
    assert_int_equal(csv_next(&c, &r), 0);
    csv_free(&c);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_records),
        cmocka_unit_test(test_line_breaks),
        cmocka_unit_test(test_quoted_cells),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_many_long_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
