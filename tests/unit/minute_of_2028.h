/* Local time of a minute counted from 2028-01-01 00:00 (a Saturday; 2028
 * is a leap year); negative minutes reach into 2027. Computed with
 * gmtime_r, so no time zone is involved: the tests of day and year
 * boundaries walk a DST-free calendar. */
#ifndef QF_TESTS_MINUTE_OF_2028_H
#define QF_TESTS_MINUTE_OF_2028_H

#include <time.h>

#include "core/daypart.h"

static inline struct local_time minute_of_2028(long minute)
{
    struct tm tm = {.tm_year = 128, .tm_mon = 0, .tm_mday = 1};
    time_t t = timegm(&tm) + (time_t)minute * 60;
    struct tm out;
    gmtime_r(&t, &out);
    struct local_time lt;
    local_time_from_tm(&out, &lt);
    return lt;
}

#endif
