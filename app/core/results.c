/* The results store: opening the SQLite file, its schema, recording a
 * round and reading it back. Leaderboards are in results_board.c, the CSV
 * export in results_export.c, the outbox in results_outbox.c and the JSON
 * document in results_json.c. */
#include "core/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/results_priv.h"
#include "core/utf8.h"

/* PRAGMA user_version of the schema below; a file with a higher one was
 * written by a newer kiosk and is left alone. */
#define SCHEMA_VERSION 1
/* A second writer (the report tool, sqlite3 on the command line) holds the
 * lock for a moment at most. */
#define BUSY_TIMEOUT_MS 5000

static const char schema_v1[] =
    "CREATE TABLE rounds ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " screen_id TEXT NOT NULL,"
    " department TEXT NOT NULL," /* '' = anonymous */
    " started_at INTEGER NOT NULL,"
    " finished_at INTEGER NOT NULL,"
    " abandoned INTEGER NOT NULL,"
    " score INTEGER NOT NULL,"
    " correct INTEGER NOT NULL,"
    " total INTEGER NOT NULL,"
    " duration_ms INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE INDEX rounds_by_finish ON rounds (finished_at);"
    "CREATE TABLE answers ("
    " round_id TEXT NOT NULL,"
    " seq INTEGER NOT NULL,"
    " question TEXT NOT NULL,"
    " chosen INTEGER NOT NULL,"
    " correct INTEGER NOT NULL,"
    " ms INTEGER NOT NULL,"
    " PRIMARY KEY (round_id, seq)"
    ") WITHOUT ROWID;"
    /* seq orders the uploads: oldest first. */
    "CREATE TABLE outbox ("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT UNIQUE NOT NULL,"
    " document TEXT NOT NULL"
    ");"
    "PRAGMA user_version = 1;";

/* Hourly usage counters (results_stats.c). Added without a new schema
 * version: an older kiosk opening the file simply ignores the table. */
static const char schema_stats[] =
    "CREATE TABLE IF NOT EXISTS stats_hours ("
    " hour TEXT NOT NULL,"   /* local "YYYY-MM-DDTHH" */
    " item TEXT NOT NULL,"   /* feed item id, "@module", or "" for the screen */
    " metric TEXT NOT NULL," /* playstats_metric_name */
    " value INTEGER NOT NULL,"
    " PRIMARY KEY (hour, item, metric)"
    ") WITHOUT ROWID;";

void results_lock(struct results *r)
{
    sqlite3_mutex_enter(sqlite3_db_mutex(r->db));
}

void results_unlock(struct results *r)
{
    sqlite3_mutex_leave(sqlite3_db_mutex(r->db));
}

void results_log_db_error(struct results *r, const char *what)
{
    log_err("results: %s: %s: %s", r->path, what, sqlite3_errmsg(r->db));
}

sqlite3_stmt *results_prepare(struct results *r, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK) {
        results_log_db_error(r, "cannot prepare a query");
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

const char *results_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

void results_copy(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s);
}

/* ---- opening ------------------------------------------------------------ */

static int fail_db(struct results *r, char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s: %s: %s", r->path, what, sqlite3_errmsg(r->db));
    return -1;
}

static int user_version(struct results *r, int *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(r->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

static int ensure_stats_table(struct results *r, char *err, size_t errlen)
{
    if (sqlite3_exec(r->db, schema_stats, NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(r, err, errlen, "cannot create the usage statistics table");
    return 0;
}

/* Creates the tables in a new file. Another process may be doing the same:
 * the version is read again inside the write transaction. */
static int ensure_schema(struct results *r, char *err, size_t errlen)
{
    int version = 0;
    if (user_version(r, &version) != 0)
        return fail_db(r, err, errlen, "cannot read the schema version");
    if (version == SCHEMA_VERSION)
        return ensure_stats_table(r, err, errlen);
    if (version > SCHEMA_VERSION) {
        snprintf(err, errlen, "%s: made by a newer version of the kiosk (schema %d; this one knows %d)", r->path,
                 version, SCHEMA_VERSION);
        return -1;
    }
    if (sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(r, err, errlen, "cannot start the schema transaction");
    if (user_version(r, &version) != 0 ||
        (version == 0 && sqlite3_exec(r->db, schema_v1, NULL, NULL, NULL) != SQLITE_OK) ||
        sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail_db(r, err, errlen, "cannot create the tables");
        sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return ensure_stats_table(r, err, errlen);
}

/* WAL: readers (leaderboards) never wait for the uploader's writes;
 * synchronous=FULL: a commit is on disk when it returns, even in WAL mode. */
static int configure(struct results *r, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    int wal = 0;
    if (sqlite3_busy_timeout(r->db, BUSY_TIMEOUT_MS) != SQLITE_OK)
        return fail_db(r, err, errlen, "cannot set the busy timeout");
    if (sqlite3_prepare_v2(r->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        wal = !strcmp(results_text(st, 0), "wal");
    sqlite3_finalize(st);
    if (!wal)
        return fail_db(r, err, errlen, "cannot switch to WAL mode");
    if (sqlite3_exec(r->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(r, err, errlen, "cannot set synchronous = FULL");
    char pragma[48];
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", RESULTS_CACHE_KIB);
    if (sqlite3_exec(r->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
        return fail_db(r, err, errlen, "cannot set the cache size");
    return 0;
}

struct results *results_open(const char *path, char *err, size_t errlen)
{
    struct results *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(r);
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (r->db)
            fail_db(r, err, errlen, "cannot open");
        else
            snprintf(err, errlen, "%s: cannot open: out of memory", path);
        results_close(r);
        return NULL;
    }
    sqlite3_extended_result_codes(r->db, 1);
    if (configure(r, err, errlen) != 0 || ensure_schema(r, err, errlen) != 0) {
        results_close(r);
        return NULL;
    }
    return r;
}

size_t results_cache_bytes(struct results *r)
{
    int cur = 0, hi = 0;
    results_lock(r);
    sqlite3_db_status(r->db, SQLITE_DBSTATUS_CACHE_USED, &cur, &hi, 0);
    results_unlock(r);
    return cur > 0 ? (size_t)cur : 0;
}

void results_close(struct results *r)
{
    if (!r)
        return;
    sqlite3_close(r->db); /* every statement is finalized by its function */
    free(r->path);
    free(r);
}

/* ---- recording ------------------------------------------------------------ */

/* Text is kept only when it ends inside its field and is UTF-8 (the
 * document and the CSV must be valid). */
static bool text_ok(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    return n < cap && utf8_valid(s, n);
}

static int validate(const struct quiz_result *res, char *err, size_t errlen)
{
    const char *bad = NULL;
    if (!result_id_valid(res->id))
        bad = "id is not 32 lower-case hex digits";
    else if (!text_ok(res->screen_id, sizeof res->screen_id))
        bad = "screen_id is not UTF-8 text of at most 63 bytes";
    else if (!text_ok(res->department, sizeof res->department))
        bad = "department is not UTF-8 text of at most 63 bytes";
    else if (res->n_answers < 0 || res->n_answers > RESULT_ANSWERS_MAX)
        bad = "n_answers is outside 0..50";
    for (int i = 0; !bad && i < res->n_answers; i++)
        if (!text_ok(res->answers[i].question, sizeof res->answers[i].question))
            bad = "an answer's question id is not text of at most 16 bytes";
    if (bad) {
        snprintf(err, errlen, "round %.32s refused: %s", res->id, bad);
        return -1;
    }
    return 0;
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Inserts the round; *fresh tells whether it is new (not a repeat of an id). */
static int insert_round(struct results *r, const struct quiz_result *res, bool *fresh)
{
    sqlite3_stmt *st = results_prepare(r,
                                       "INSERT OR IGNORE INTO rounds (id, screen_id, department, started_at, "
                                       "finished_at, abandoned, score, correct, total, duration_ms) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, res->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, res->screen_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, res->department, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, res->started_at);
    sqlite3_bind_int64(st, 5, res->finished_at);
    sqlite3_bind_int(st, 6, res->abandoned);
    sqlite3_bind_int(st, 7, res->score);
    sqlite3_bind_int(st, 8, res->correct);
    sqlite3_bind_int(st, 9, res->total);
    sqlite3_bind_int(st, 10, res->duration_ms);
    int rc = step_done(st);
    *fresh = rc == 0 && sqlite3_changes(r->db) == 1;
    sqlite3_finalize(st);
    return rc;
}

static int insert_answers(struct results *r, const struct quiz_result *res)
{
    sqlite3_stmt *st = results_prepare(r, "INSERT INTO answers (round_id, seq, question, chosen, correct, ms) "
                                          "VALUES (?, ?, ?, ?, ?, ?)");
    int rc = st ? 0 : -1;
    for (int i = 0; rc == 0 && i < res->n_answers; i++) {
        const struct result_answer *a = &res->answers[i];
        sqlite3_bind_text(st, 1, res->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_text(st, 3, a->question, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, a->chosen);
        sqlite3_bind_int(st, 5, a->correct);
        sqlite3_bind_int(st, 6, a->ms);
        rc = step_done(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int insert_outbox(struct results *r, const char *id, const char *doc)
{
    sqlite3_stmt *st = results_prepare(r, "INSERT INTO outbox (id, document) VALUES (?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, doc, -1, SQLITE_STATIC);
    int rc = step_done(st);
    sqlite3_finalize(st);
    return rc;
}

int results_record(struct results *r, const struct quiz_result *res, char *err, size_t errlen)
{
    if (validate(res, err, errlen) != 0)
        return -1;
    char *doc = result_to_json(res);
    if (!doc) {
        snprintf(err, errlen, "round %s: cannot make its document (out of memory)", res->id);
        return -1;
    }
    bool fresh = false;
    int rc = -1;
    results_lock(r);
    if (sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) {
        if (insert_round(r, res, &fresh) == 0 &&
            (!fresh || (insert_answers(r, res) == 0 && insert_outbox(r, res->id, doc) == 0)) &&
            sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
            rc = 0;
    }
    if (rc != 0) {
        snprintf(err, errlen, "%s: cannot record round %s: %s", r->path, res->id, sqlite3_errmsg(r->db));
        if (!sqlite3_get_autocommit(r->db))
            sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
    }
    results_unlock(r);
    free(doc);
    return rc;
}

/* ---- reading back ---------------------------------------------------------- */

static int read_answers(struct results *r, struct quiz_result *out)
{
    sqlite3_stmt *st = results_prepare(r, "SELECT question, chosen, correct, ms FROM answers "
                                          "WHERE round_id = ? ORDER BY seq LIMIT 50");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    int rc;
    out->n_answers = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n_answers < RESULT_ANSWERS_MAX) {
        struct result_answer *a = &out->answers[out->n_answers++];
        results_copy(a->question, sizeof a->question, results_text(st, 0));
        a->chosen = (unsigned)sqlite3_column_int64(st, 1);
        a->correct = sqlite3_column_int(st, 2) != 0;
        a->ms = sqlite3_column_int(st, 3);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        results_log_db_error(r, "cannot read answers");
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

int results_get(struct results *r, const char *id, struct quiz_result *out)
{
    int found = -1;
    memset(out, 0, sizeof *out);
    results_lock(r);
    sqlite3_stmt *st = results_prepare(r, "SELECT id, screen_id, department, started_at, finished_at, abandoned, "
                                          "score, correct, total, duration_ms FROM rounds WHERE id = ?");
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            results_copy(out->id, sizeof out->id, results_text(st, 0));
            results_copy(out->screen_id, sizeof out->screen_id, results_text(st, 1));
            results_copy(out->department, sizeof out->department, results_text(st, 2));
            out->started_at = sqlite3_column_int64(st, 3);
            out->finished_at = sqlite3_column_int64(st, 4);
            out->abandoned = sqlite3_column_int(st, 5) != 0;
            out->score = sqlite3_column_int(st, 6);
            out->correct = sqlite3_column_int(st, 7);
            out->total = sqlite3_column_int(st, 8);
            out->duration_ms = sqlite3_column_int(st, 9);
            found = read_answers(r, out) == 0 ? 1 : -1;
        } else if (rc == SQLITE_DONE) {
            found = 0;
        } else {
            results_log_db_error(r, "cannot read a round");
        }
        sqlite3_finalize(st);
    }
    results_unlock(r);
    return found;
}

int results_check(struct results *r, char *err, size_t errlen)
{
    int rc = -1;
    results_lock(r);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(r->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_db(r, err, errlen, "integrity check failed to run");
    else if (strcmp(results_text(st, 0), "ok") != 0)
        snprintf(err, errlen, "%s: damaged: %s", r->path, results_text(st, 0));
    else
        rc = 0;
    sqlite3_finalize(st);
    results_unlock(r);
    return rc;
}
