#include "core/daypart.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void local_time_from_tm(const struct tm *tm, struct local_time *out)
{
    out->date = (tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday;
    out->weekday = tm->tm_wday == 0 ? 7 : tm->tm_wday;
    out->minute = tm->tm_hour * 60 + tm->tm_min;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* One weekday name at *s; advances *s past it. Returns 1..7, or 0. */
static int weekday_token(const char **s)
{
    static const char *const english[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const char *const chinese[] = {"一", "二", "三", "四", "五", "六", "日"};
    const char *p = *s;
    if (*p >= '1' && *p <= '7' && !isdigit((unsigned char)p[1])) {
        *s = p + 1;
        return *p - '0';
    }
    for (int i = 0; i < 7; i++) {
        if (strncasecmp(p, english[i], 3) == 0 && !isalpha((unsigned char)p[3])) {
            *s = p + 3;
            return i + 1;
        }
    }
    const char *prefixes[] = {"周", "星期"};
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(prefixes[k]);
        if (strncmp(p, prefixes[k], n) != 0)
            continue;
        for (int i = 0; i < 7; i++) {
            size_t m = strlen(chinese[i]);
            if (strncmp(p + n, chinese[i], m) == 0) {
                *s = p + n + m;
                return i + 1;
            }
        }
        if (strncmp(p + n, "天", strlen("天")) == 0) { /* 星期天 */
            *s = p + n + strlen("天");
            return 7;
        }
    }
    return 0;
}

int weekdays_parse(const char *s, unsigned *days)
{
    s = skip_spaces(s);
    if (*s == '\0' || strcasecmp(s, "all") == 0) {
        *days = DAYPART_ALL_DAYS;
        return 0;
    }
    unsigned mask = 0;
    for (;;) {
        s = skip_spaces(s);
        int first = weekday_token(&s);
        if (!first)
            return -1;
        int last = first;
        s = skip_spaces(s);
        if (*s == '-') {
            s = skip_spaces(s + 1);
            last = weekday_token(&s);
            if (!last)
                return -1;
        }
        for (int d = first;; d = d % 7 + 1) {
            mask |= 1u << (d - 1);
            if (d == last)
                break;
        }
        s = skip_spaces(s);
        if (*s == '\0')
            break;
        if (*s != ',')
            return -1;
        s++;
    }
    *days = mask;
    return 0;
}

/* "HH:MM" at *s, 00:00..24:00. Returns the minute of the day, or -1. */
static int clock_token(const char **s)
{
    const char *p = *s;
    if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) || p[2] != ':' ||
        !isdigit((unsigned char)p[3]) || !isdigit((unsigned char)p[4]) || isdigit((unsigned char)p[5]))
        return -1;
    int h = (p[0] - '0') * 10 + (p[1] - '0');
    int m = (p[3] - '0') * 10 + (p[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *s = p + 5;
    return h * 60 + m;
}

int hour_ranges_parse(const char *s, struct hour_range *out, size_t max, size_t *n)
{
    size_t count = 0;
    for (;;) {
        s = skip_spaces(s);
        int start = clock_token(&s);
        s = skip_spaces(s);
        if (start < 0 || start == MINUTES_PER_DAY || *s != '-')
            return -1;
        s = skip_spaces(s + 1);
        int end = clock_token(&s);
        if (end < 0 || end == start || (end == 0 && start == 0))
            return -1;
        if (end == 0)
            end = MINUTES_PER_DAY; /* "22:00-00:00": until midnight */
        if (count == max)
            return -1;
        out[count].start = start;
        out[count].end = end;
        count++;
        s = skip_spaces(s);
        if (*s == '\0')
            break;
        if (*s != ',')
            return -1;
        s++;
    }
    *n = count;
    return 0;
}

static bool leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_parse(const char *s, int *date)
{
    static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return -1;
    }
    if (s[10] != '\0')
        return -1;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1970 || m < 1 || m > 12 || d < 1)
        return -1;
    int last = month_days[m - 1] + (m == 2 && leap_year(y));
    if (d > last)
        return -1;
    *date = y * 10000 + m * 100 + d;
    return 0;
}

static bool has_day(unsigned days, int weekday)
{
    return days & (1u << (weekday - 1));
}

bool daypart_active(const struct daypart *dp, const struct local_time *t)
{
    int yesterday = t->weekday == 1 ? 7 : t->weekday - 1;
    if (dp->n_ranges == 0)
        return has_day(dp->days, t->weekday);
    for (size_t i = 0; i < dp->n_ranges; i++) {
        const struct hour_range *r = &dp->ranges[i];
        if (r->start < r->end) {
            if (has_day(dp->days, t->weekday) && t->minute >= r->start && t->minute < r->end)
                return true;
        } else {
            if (has_day(dp->days, t->weekday) && t->minute >= r->start)
                return true;
            if (has_day(dp->days, yesterday) && t->minute < r->end)
                return true;
        }
    }
    return false;
}

int daypart_minutes_to_change(const struct daypart *dp, const struct local_time *t)
{
    int best = MINUTES_PER_DAY - t->minute; /* midnight: the weekday changes */
    for (size_t i = 0; i < dp->n_ranges; i++) {
        int edges[2] = {dp->ranges[i].start, dp->ranges[i].end % MINUTES_PER_DAY};
        for (int k = 0; k < 2; k++) {
            int d = edges[k] - t->minute;
            if (d > 0 && d < best)
                best = d;
        }
    }
    return best;
}
