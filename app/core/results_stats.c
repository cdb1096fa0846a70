/* Usage statistics in the results store: hourly totals per item and
 * metric, and the outbox document of each hour they touch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/playstats_doc.h"
#include "core/results_priv.h"

static int add_counters(struct results *r, const struct ps_counter *c, size_t n)
{
    sqlite3_stmt *st = results_prepare(r, "INSERT INTO stats_hours (hour, item, metric, value) VALUES (?, ?, ?, ?) "
                                          "ON CONFLICT (hour, item, metric) DO UPDATE SET value = value + excluded.value");
    int rc = st ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *name = playstats_metric_name(c[i].metric);
        if (!name || !playstats_hour_valid(c[i].hour))
            continue; /* the aggregator makes neither */
        sqlite3_bind_text(st, 1, c[i].hour, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, c[i].item, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, c[i].value);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Every stored counter of `hour`. Returns the count, or -1. */
static long read_hour(struct results *r, const char *hour, struct ps_counter **out)
{
    *out = NULL;
    sqlite3_stmt *st = results_prepare(r, "SELECT item, metric, value FROM stats_hours WHERE hour = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hour, -1, SQLITE_STATIC);
    long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        enum ps_metric m;
        if (playstats_metric_parse(results_text(st, 1), &m) != 0)
            continue; /* written by a newer version */
        struct ps_counter *grown = realloc(*out, (size_t)(n + 1) * sizeof *grown);
        if (!grown) {
            rc = SQLITE_NOMEM;
            break;
        }
        *out = grown;
        struct ps_counter *c = &grown[n++];
        memset(c, 0, sizeof *c);
        snprintf(c->hour, sizeof c->hour, "%s", hour);
        snprintf(c->item, sizeof c->item, "%s", results_text(st, 0));
        c->metric = m;
        c->value = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        return -1;
    }
    return n;
}

static int queue_document(struct results *r, const char *screen_id, const char *hour)
{
    char id[128];
    struct ps_counter *c;
    long n = read_hour(r, hour, &c);
    if (n < 0 || playstats_doc_id(screen_id, hour, id, sizeof id) != 0) {
        free(c);
        return -1;
    }
    char *doc = playstats_doc_json(screen_id, hour, c, (size_t)n);
    free(c);
    sqlite3_stmt *st = doc ? results_prepare(r, "INSERT INTO outbox (id, document) VALUES (?, ?) "
                                                "ON CONFLICT (id) DO UPDATE SET document = excluded.document")
                           : NULL;
    int rc = -1;
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(st);
    }
    free(doc);
    return rc;
}

int results_stats_flush(struct results *r, const char *screen_id, const struct ps_counter *c, size_t n, char *err,
                        size_t errlen)
{
    if (!playstats_screen_valid(screen_id)) {
        snprintf(err, errlen, "%s: usage statistics not saved: screen id \"%.63s\" may use only letters, digits, "
                 "'-', '_' and '.' (set [report] screen_id)", r->path, screen_id);
        return -1;
    }
    int rc = -1;
    results_lock(r);
    if (sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK && add_counters(r, c, n) == 0) {
        rc = 0;
        for (size_t i = 0; rc == 0 && i < n; i++) {
            bool seen = false; /* one document per hour */
            for (size_t j = 0; j < i && !seen; j++)
                seen = !strcmp(c[j].hour, c[i].hour);
            if (!seen && playstats_hour_valid(c[i].hour))
                rc = queue_document(r, screen_id, c[i].hour);
        }
        if (rc == 0 && sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            rc = -1;
    }
    if (rc != 0) {
        snprintf(err, errlen, "%s: cannot save usage statistics: %s", r->path, sqlite3_errmsg(r->db));
        if (!sqlite3_get_autocommit(r->db))
            sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
    }
    results_unlock(r);
    return rc;
}

int64_t results_stats_total(struct results *r, const char *hour, const char *item, enum ps_metric m)
{
    int64_t v = -1;
    const char *name = playstats_metric_name(m);
    results_lock(r);
    sqlite3_stmt *st = name ? results_prepare(r, "SELECT value FROM stats_hours WHERE hour = ? AND item = ? AND metric = ?")
                            : NULL;
    if (st) {
        sqlite3_bind_text(st, 1, hour, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, item, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        else if (rc == SQLITE_DONE)
            v = 0;
        else
            results_log_db_error(r, "cannot read usage statistics");
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return v;
}
