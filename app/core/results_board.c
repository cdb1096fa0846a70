/* Leaderboards: today's rank of a round, the best rounds and the
 * departments of a period. Abandoned rounds are never ranked; periods are
 * local days and weeks starting on Monday. */
#include <stdint.h>
#include <time.h>

#include "core/results_priv.h"

/* Local midnight `days` days after the day of `t`. mktime normalises the
 * day of the month and finds the offset in force then (DST). */
static int64_t midnight(int64_t t, int days)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return t;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_mday += days;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

void results_period_span(enum results_period p, int64_t now, int64_t *from, int64_t *to)
{
    tzset(); /* localtime_r need not look at TZ again by itself */
    if (p == RESULTS_TODAY) {
        *from = midnight(now, 0);
        *to = midnight(now, 1);
    } else if (p == RESULTS_WEEK) {
        time_t tt = (time_t)now;
        struct tm tm;
        int back = localtime_r(&tt, &tm) ? (tm.tm_wday + 6) % 7 : 0; /* days since Monday */
        *from = midnight(now, -back);
        *to = midnight(now, 7 - back);
    } else {
        *from = INT64_MIN;
        *to = INT64_MAX;
    }
}

int results_rank_today(struct results *r, const char *id, int64_t now, int *rank, int *of)
{
    int64_t from, to;
    int rc = -1;
    results_period_span(RESULTS_TODAY, now, &from, &to);
    results_lock(r);
    /* Rounds strictly better than this one, and all of today's. */
    sqlite3_stmt *st = results_prepare(
        r, "SELECT (SELECT count(*) FROM rounds o WHERE o.abandoned = 0 AND o.finished_at >= ?1 "
           "   AND o.finished_at < ?2 AND (o.score > me.score OR (o.score = me.score AND "
           "   (o.duration_ms < me.duration_ms OR (o.duration_ms = me.duration_ms AND o.finished_at < me.finished_at))))),"
           " (SELECT count(*) FROM rounds a WHERE a.abandoned = 0 AND a.finished_at >= ?1 AND a.finished_at < ?2) "
           "FROM rounds me WHERE me.id = ?3 AND me.abandoned = 0 AND me.finished_at >= ?1 AND me.finished_at < ?2");
    if (st) {
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
        sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            *rank = sqlite3_column_int(st, 0) + 1;
            *of = sqlite3_column_int(st, 1);
            rc = 0;
        } else if (step != SQLITE_DONE) {
            results_log_db_error(r, "cannot rank a round");
        }
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return rc;
}

int results_best(struct results *r, enum results_period p, int64_t now, struct results_best *rows, int max)
{
    int64_t from, to;
    int n = -1;
    results_period_span(p, now, &from, &to);
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT id, department, score, correct, total, duration_ms, finished_at "
                                          "FROM rounds WHERE abandoned = 0 AND finished_at >= ? AND finished_at < ? "
                                          "ORDER BY score DESC, duration_ms ASC, finished_at ASC, id ASC LIMIT ?");
    if (st) {
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
        sqlite3_bind_int(st, 3, max > 0 ? max : 0);
        int rc = SQLITE_DONE;
        n = 0;
        while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            struct results_best *b = &rows[n++];
            results_copy(b->id, sizeof b->id, results_text(st, 0));
            results_copy(b->department, sizeof b->department, results_text(st, 1));
            b->score = sqlite3_column_int(st, 2);
            b->correct = sqlite3_column_int(st, 3);
            b->total = sqlite3_column_int(st, 4);
            b->duration_ms = sqlite3_column_int(st, 5);
            b->finished_at = sqlite3_column_int64(st, 6);
        }
        if (n < max && rc != SQLITE_DONE) {
            results_log_db_error(r, "cannot read the best rounds");
            n = -1;
        }
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return n;
}

int results_departments(struct results *r, enum results_period p, int64_t now, struct results_dept *rows, int max)
{
    int64_t from, to;
    int n = -1;
    results_period_span(p, now, &from, &to);
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT department, avg(score), count(*) FROM rounds "
                                          "WHERE abandoned = 0 AND department <> '' AND finished_at >= ? "
                                          "AND finished_at < ? GROUP BY department "
                                          "ORDER BY avg(score) DESC, count(*) DESC, department ASC LIMIT ?");
    if (st) {
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
        sqlite3_bind_int(st, 3, max > 0 ? max : 0);
        int rc = SQLITE_DONE;
        n = 0;
        while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            struct results_dept *d = &rows[n++];
            results_copy(d->department, sizeof d->department, results_text(st, 0));
            d->avg_score = sqlite3_column_double(st, 1);
            d->participants = sqlite3_column_int(st, 2);
        }
        if (n < max && rc != SQLITE_DONE) {
            results_log_db_error(r, "cannot read the departments");
            n = -1;
        }
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return n;
}
