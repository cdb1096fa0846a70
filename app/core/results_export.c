/* The CSV export of every round, for an organiser with Excel or WPS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/csv_write.h"
#include "core/durable.h"
#include "core/results_priv.h"

static const char header[] = "编号,屏幕,部门,开始时间,结束时间,状态,得分,答对,题数,用时秒\r\n";

static void put_time(FILE *f, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32] = "";
    if (localtime_r(&tt, &tm))
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    fputs(buf, f);
}

static void put_row(FILE *f, sqlite3_stmt *st)
{
    const char *dept = results_text(st, 2);
    csv_put_field(f, results_text(st, 0));
    fputc(',', f);
    csv_put_field(f, results_text(st, 1));
    fputc(',', f);
    csv_put_field(f, dept[0] ? dept : "未选择部门");
    fputc(',', f);
    put_time(f, sqlite3_column_int64(st, 3));
    fputc(',', f);
    put_time(f, sqlite3_column_int64(st, 4));
    fprintf(f, ",%s,%d,%d,%d,%.1f\r\n", sqlite3_column_int(st, 5) ? "中途放弃" : "完成", sqlite3_column_int(st, 6),
            sqlite3_column_int(st, 7), sqlite3_column_int(st, 8), sqlite3_column_int(st, 9) / 1000.0);
}

/* The whole file in memory: rows counted in *rows. Returns 0 or -1. */
static int build(struct results *r, char **text, size_t *len, long *rows)
{
    FILE *f = open_memstream(text, len);
    if (!f)
        return -1;
    fputs(CSV_UTF8_BOM, f);
    fputs(header, f);
    int rc = -1;
    *rows = 0;
    tzset();
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT id, screen_id, department, started_at, finished_at, abandoned, "
                                          "score, correct, total, duration_ms FROM rounds ORDER BY finished_at, id");
    if (st) {
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            put_row(f, st);
            (*rows)++;
        }
        if (step == SQLITE_DONE)
            rc = 0;
        else
            results_log_db_error(r, "cannot read the rounds for the export");
        sqlite3_finalize(st);
    }
    results_unlock(r);
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

long results_export_csv(struct results *r, const char *path, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    long rows = 0;
    if (build(r, &text, &len, &rows) != 0) {
        snprintf(err, errlen, "%s: cannot export: reading %s failed", path, r->path);
        free(text);
        return -1;
    }
    int rc = dur_replace_path(path, text, len);
    if (rc != 0)
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    free(text);
    return rc == 0 ? rows : -1;
}
