/* Reading the process's memory figures from /proc text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/memstat.h"

static void finds_fields_by_exact_key(void **state)
{
    (void)state;
    const char *status = "Name:\tqingfeng\n"
                         "VmPeak:\t  912340 kB\n"
                         "VmHWM:\t   81234 kB\n"
                         "VmRSS:\t   80012 kB\n"
                         "RssAnon:\t   40000 kB\n";
    assert_int_equal(memstat_field_kb(status, "VmRSS"), 80012);
    assert_int_equal(memstat_field_kb(status, "VmHWM"), 81234);
    /* "Rss" is a prefix of RssAnon only: not a match */
    assert_int_equal(memstat_field_kb(status, "Rss"), -1);
    assert_int_equal(memstat_field_kb(status, "VmSwap"), -1);
    assert_int_equal(memstat_field_kb("", "VmRSS"), -1);
    assert_int_equal(memstat_field_kb("VmRSS:\tlots\n", "VmRSS"), -1);
    const char *rollup = "55d0-7ffc ---p 00000000 00:00 0  [rollup]\nRss:  90000 kB\nPss:  61000 kB\n";
    assert_int_equal(memstat_field_kb(rollup, "Pss"), 61000);
}

static void reads_this_process(void **state)
{
    (void)state;
    struct memstat m;
    assert_int_equal(memstat_read(&m), 0);
    assert_true(m.rss_kb > 0);
    assert_true(m.hwm_kb >= m.rss_kb);
    /* 4 MiB touched raise the resident set by about that much */
    long before = m.rss_kb;
    size_t len = 4u << 20;
    char *p = malloc(len);
    assert_non_null(p);
    volatile char *touch = p; /* stores the compiler cannot drop */
    for (size_t i = 0; i < len; i += 4096)
        touch[i] = 1;
    assert_int_equal(memstat_read(&m), 0);
    assert_true(m.rss_kb >= before + 3 * 1024);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_fields_by_exact_key),
        cmocka_unit_test(reads_this_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
