/* The outbox: documents waiting for upload, oldest first. Rows are added
 * by results_record in the round's own transaction (and by
 * results_stats_flush for usage documents) and removed once the server
 * has them. */
#include <stdlib.h>
#include <string.h>

#include "core/results_priv.h"

int results_outbox_next(struct results *r, char **id, char **json)
{
    int found = -1;
    *id = *json = NULL;
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT id, document FROM outbox ORDER BY seq LIMIT 1");
    if (st) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *id = strdup(results_text(st, 0));
            *json = strdup(results_text(st, 1));
            found = *id && *json ? 1 : -1;
            if (found < 0) {
                free(*id);
                free(*json);
                *id = *json = NULL;
            }
        } else if (rc == SQLITE_DONE) {
            found = 0;
        } else {
            results_log_db_error(r, "cannot read the outbox");
        }
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return found;
}

int results_outbox_delivered(struct results *r, const char *id, const char *document)
{
    int rc = -1;
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, document ? "DELETE FROM outbox WHERE id = ? AND document = ?"
                                                   : "DELETE FROM outbox WHERE id = ?");
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (document)
            sqlite3_bind_text(st, 2, document, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_DONE)
            rc = 0;
        else
            results_log_db_error(r, "cannot remove a delivered entry from the outbox");
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return rc;
}

long results_outbox_pending(struct results *r)
{
    long n = -1;
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT count(*) FROM outbox");
    if (st) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
        else
            results_log_db_error(r, "cannot count the outbox");
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return n;
}
