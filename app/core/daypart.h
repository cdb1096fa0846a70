/* Dayparts: weekday sets, hour ranges and calendar dates on local civil
 * time, for item schedules and the screen's sleep schedule. Pure: the
 * caller passes local time (China has no daylight saving time, so a day
 * always has 1440 minutes here); nothing reads the clock or TZ.
 *
 * An hour range "20:00-07:30" whose end is not after its start runs over
 * midnight and belongs to the day it starts on: with days mon-fri it covers
 * Friday 20:00 to Saturday 07:30, but not Sunday 20:00 to Monday 07:30. */
#ifndef QF_DAYPART_H
#define QF_DAYPART_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define DAYPART_ALL_DAYS 0x7fu   /* bit d-1 for weekday d, Monday = 1 .. Sunday = 7 */
#define DAYPART_RANGES_MAX 8
#define MINUTES_PER_DAY 1440

struct local_time {
    int date;     /* YYYYMMDD, e.g. 20261207 */
    int weekday;  /* 1 = Monday .. 7 = Sunday */
    int minute;   /* minute of the day, 0..1439 */
};

struct hour_range {
    int start;    /* minute of the day, 0..1439 */
    int end;      /* 1..1440; end <= start: runs over midnight */
};

struct daypart {
    unsigned days;                      /* DAYPART_ALL_DAYS when every day */
    struct hour_range ranges[DAYPART_RANGES_MAX];
    size_t n_ranges;                    /* 0: the whole day */
};

/* From localtime_r's result. */
void local_time_from_tm(const struct tm *tm, struct local_time *out);

/* "mon-fri,sun", also "1-5,7" and the Chinese 周一-周五,周日 (星期 too);
 * a range may wrap (fri-mon). "" or "all" is every day. Case-insensitive,
 * spaces allowed around commas. Returns 0, or -1 on anything else. */
int weekdays_parse(const char *s, unsigned *days);

/* "08:00-12:00,14:00-18:30"; "24:00" is allowed as an end; at most
 * DAYPART_RANGES_MAX ranges; a range may not be empty (08:00-08:00 is
 * refused, use 00:00-24:00 for a whole day). Returns 0, or -1. */
int hour_ranges_parse(const char *s, struct hour_range *out, size_t max, size_t *n);

/* "2026-12-01" -> 20261201, checked against the calendar (2027-02-29 is
 * refused). Returns 0, or -1. */
int date_parse(const char *s, int *date);

/* Whether the daypart covers the minute `t`; `yesterday_weekday` is implied
 * by t.weekday. */
bool daypart_active(const struct daypart *dp, const struct local_time *t);

/* Minutes from t until the daypart's state may next change: the next range
 * start or end, or midnight; 1..MINUTES_PER_DAY. A caller that re-evaluates
 * after this long never misses a change. */
int daypart_minutes_to_change(const struct daypart *dp, const struct local_time *t);

#endif
