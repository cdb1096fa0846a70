/* What the results store's files (results.c, results_board.c,
 * results_export.c) share. Not for other modules. */
#ifndef QF_RESULTS_PRIV_H
#define QF_RESULTS_PRIV_H

#include <sqlite3.h>
#include <stddef.h>

#include "core/results.h"

struct results {
    sqlite3 *db;
    char *path;
};

/* Every public call holds the connection's own mutex (serialized mode) from
 * its first statement to its last, so a transaction or an error message of
 * one thread never mixes with another's. Recursive: SQLite's calls inside
 * take it again. */
void results_lock(struct results *r);
void results_unlock(struct results *r);

/* Logs "results: <path>: <what>: <SQLite's message>" at error level. */
void results_log_db_error(struct results *r, const char *what);

/* Prepares `sql`; on failure logs it and returns NULL. */
sqlite3_stmt *results_prepare(struct results *r, const char *sql);

/* A column as text, "" for NULL. */
const char *results_text(sqlite3_stmt *st, int col);

/* Copies s into dst (cap bytes), cut short when longer. */
void results_copy(char *dst, size_t cap, const char *s);

#endif
