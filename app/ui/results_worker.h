/* The quiz results store's own thread: the UI thread hands it rounds to
 * record, leaderboards to read and exports to write, and takes the answers
 * when the thread wakes it (an SDL user event). SQLite commits with
 * synchronous=FULL take milliseconds to seconds on an SD card; the UI
 * thread never waits for them. */
#ifndef QF_UI_RESULTS_WORKER_H
#define QF_UI_RESULTS_WORKER_H

#include <SDL.h>
#include <stdbool.h>

#include "core/results.h"
#include "ui/quiz_view.h"

enum rw_job_kind { RW_RECORD, RW_BOARD, RW_EXPORT, RW_STATS };

struct rw_reply {
    enum rw_job_kind kind;
    bool ok;
    char err[512];
    /* RW_RECORD */
    char id[RESULT_ID_LEN + 1];
    bool abandoned;
    int rank, of;
    /* RW_BOARD */
    enum quiz_board board;
    int n_rows;
    struct results_best best[QV_BOARD_ROWS];
    struct results_dept dept[QV_BOARD_ROWS];
    /* RW_EXPORT, RW_STATS (rows: counters saved) */
    long rows;
    char path[512];
};

struct results_worker;

/* Starts the thread on an open store (which it then owns). */
struct results_worker *results_worker_start(struct results *store, Uint32 wake_event, char *err, size_t errlen);
/* Finishes every queued record, then stops and closes the store. */
void results_worker_stop(struct results_worker *w);

/* Queue a round to record (copied). Returns false when the queue is full. */
bool results_worker_record(struct results_worker *w, const struct quiz_result *res, int64_t now);
/* Ask for a leaderboard at wall time now (a newer ask replaces an older one). */
void results_worker_board(struct results_worker *w, enum quiz_board b, int64_t now);
/* Export every round as CSV to path. */
void results_worker_export(struct results_worker *w, const char *path);

/* Queue usage counters to add to the store (core/playstats), taking
 * ownership of `c` (n entries, malloc'd). Batches waiting are merged. The
 * thread saves them before it stops. Returns false (and frees c) on no
 * memory. */
bool results_worker_stats(struct results_worker *w, const char *screen_id, struct ps_counter *c, size_t n);

/* Takes one reply; false when there is none. */
bool results_worker_take(struct results_worker *w, struct rw_reply *out);
/* True while jobs are queued or running (for scripts, which wait). */
bool results_worker_busy(struct results_worker *w);
/* Waits (really) up to ms for the thread to finish a job. */
void results_worker_wait(struct results_worker *w, Uint32 ms);

#endif
