/* The benchmark's memory figures: Rss and Pss from smaps_rollup text (not
 * confused with Pss_Anon and the like), refusals of text without them, and
 * this very process read for real; the fixed mmap threshold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/memstat.h"

static const char ROLLUP[] = "5560ac596000-7ffeb2b11000 ---p 00000000 00:00 0                          [rollup]\n"
                             "Rss:              141708 kB\n"
                             "Pss_Anon:            112 kB\n"
                             "Pss:               98229 kB\n"
                             "Pss_Dirty:           112 kB\n"
                             "Shared_Clean:       1556 kB\n";

static void reads_rss_and_pss(void **state)
{
    (void)state;
    struct memstat m = {.peak_rss_kb = 7};
    assert_int_equal(memstat_parse_rollup(ROLLUP, &m), 0);
    assert_int_equal(m.rss_kb, 141708);
    assert_int_equal(m.pss_kb, 98229); /* the Pss: line, not Pss_Anon: before it */
    assert_int_equal(m.peak_rss_kb, 7); /* not in the text: left alone */
}

static void missing_fields_are_minus_one(void **state)
{
    (void)state;
    struct memstat m;
    assert_int_equal(memstat_parse_rollup("Rss:  12 kB\nPss_Anon: 3 kB\n", &m), -1);
    assert_int_equal(m.rss_kb, 12);
    assert_int_equal(m.pss_kb, -1);
    assert_int_equal(memstat_parse_rollup("Rss: many kB\nPss: 3 MB\n", &m), -1);
    assert_int_equal(m.rss_kb, -1);
    assert_int_equal(m.pss_kb, -1);
    assert_int_equal(memstat_parse_rollup(NULL, &m), -1);
    assert_int_equal(m.rss_kb, -1);
    assert_int_equal(memstat_parse_rollup("", &m), -1);
}

static void reads_this_process(void **state)
{
    (void)state;
    struct memstat before, after;
    assert_int_equal(memstat_read_self(&before), 0);
    assert_true(before.rss_kb > 0);
    assert_true(before.pss_kb > 0 && before.pss_kb <= before.rss_kb);
    /* 32 MiB touched: resident grows by about that much */
    size_t len = 32u << 20;
    char *p = malloc(len);
    assert_non_null(p);
    memset(p, 1, len);
    assert_int_equal(memstat_read_self(&after), 0);
    assert_true(after.rss_kb >= before.rss_kb + 30000);
    assert_true(after.peak_rss_kb >= after.rss_kb);
    assert_int_equal(p[len - 1], 1);
    free(p);
}

#ifdef __GLIBC__
/* A block of the given size, touched so that it cannot be optimised away. */
static char *touched(size_t len)
{
    char *p = malloc(len);
    assert_non_null(p);
    memset(p, 7, len);
    return p;
}
#endif

/* glibc raises its mmap threshold to the size of a freed mapped block:
 * after an 8 MiB picture is freed, a 1 MiB one would come from the heap.
 * With the threshold fixed it is still a mapping of its own. */
static void freed_pictures_leave_the_threshold_alone(void **state)
{
    (void)state;
#ifdef __GLIBC__
    memstat_fix_allocator();
    size_t base = mallinfo2().hblks;
    char *big = touched(8u << 20);
    if (mallinfo2().hblks == base) { /* another allocator (a sanitizer's, valgrind's) */
        free(big);
        skip();
    }
    assert_int_equal(big[(8u << 20) - 1], 7);
    free(big);
    char *p = touched(1u << 20);
    assert_int_equal(mallinfo2().hblks, base + 1);
    assert_int_equal(p[(1u << 20) - 1], 7);
    free(p);
    memstat_release(); /* must not crash with nothing to give back */
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_rss_and_pss),
        cmocka_unit_test(missing_fields_are_minus_one),
        cmocka_unit_test(reads_this_process),
        cmocka_unit_test(freed_pictures_leave_the_threshold_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
