#include "ui/results_worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define RECORD_QUEUE 16
#define REPLY_QUEUE 8

struct results_worker {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;       /* new work, or quit */
    SDL_cond *done_cond;  /* a job finished */
    struct results *store;
    Uint32 wake_event;
    bool quit;
    bool running;
    struct quiz_result records[RECORD_QUEUE];
    int64_t record_now[RECORD_QUEUE];
    int n_records;
    bool want_board;
    enum quiz_board board;
    int64_t board_now;
    bool want_export;
    char export_path[512];
    struct ps_counter *stats;   /* usage counters waiting (merged batches) */
    size_t n_stats;
    char stats_screen[RESULT_TEXT_MAX];
    struct rw_reply replies[REPLY_QUEUE];
    int n_replies;
};

static void post(struct results_worker *w, const struct rw_reply *r)
{
    SDL_LockMutex(w->lock);
    if (w->n_replies == REPLY_QUEUE) { /* the UI is not taking them: keep the newest */
        memmove(w->replies, w->replies + 1, (REPLY_QUEUE - 1) * sizeof w->replies[0]);
        w->n_replies--;
    }
    w->replies[w->n_replies++] = *r;
    SDL_CondBroadcast(w->done_cond);
    SDL_UnlockMutex(w->lock);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = w->wake_event;
    SDL_PushEvent(&ev);
}

static void do_record(struct results_worker *w, const struct quiz_result *res, int64_t now, struct rw_reply *r)
{
    r->kind = RW_RECORD;
    snprintf(r->id, sizeof r->id, "%s", res->id);
    r->abandoned = res->abandoned;
    r->ok = results_record(w->store, res, r->err, sizeof r->err) == 0;
    if (!r->ok) {
        log_err("quiz: result %s NOT saved: %s", res->id, r->err);
        return;
    }
    if (!res->abandoned && results_rank_today(w->store, res->id, now, &r->rank, &r->of) != 0)
        r->rank = r->of = 0;
    log_info("quiz: result %s saved: %s, score %d, %d/%d right, %d ms%s%s", res->id,
             res->abandoned ? "abandoned" : "finished", res->score, res->correct, res->total, res->duration_ms,
             res->department[0] ? ", department " : "", res->department);
}

static void do_board(struct results_worker *w, enum quiz_board b, int64_t now, struct rw_reply *r)
{
    r->kind = RW_BOARD;
    r->board = b;
    static const enum results_period periods[] = {RESULTS_TODAY, RESULTS_WEEK, RESULTS_ALL, RESULTS_ALL};
    int n = b == BOARD_DEPARTMENTS ? results_departments(w->store, RESULTS_ALL, now, r->dept, QV_BOARD_ROWS)
                                   : results_best(w->store, periods[b], now, r->best, QV_BOARD_ROWS);
    r->ok = n >= 0;
    r->n_rows = n < 0 ? 0 : n;
    if (!r->ok)
        snprintf(r->err, sizeof r->err, "cannot read the leaderboard");
}

static int run(void *arg)
{
    struct results_worker *w = arg;
    SDL_LockMutex(w->lock);
    for (;;) {
        while (!w->quit && !w->n_records && !w->want_board && !w->want_export && !w->stats)
            SDL_CondWait(w->cond, w->lock);
        if (w->quit && !w->n_records && !w->stats)
            break;
        struct rw_reply *r = calloc(1, sizeof *r);
        if (!r)
            break;
        w->running = true;
        if (w->n_records) {
            struct quiz_result res = w->records[0];
            int64_t now = w->record_now[0];
            memmove(w->records, w->records + 1, (size_t)(w->n_records - 1) * sizeof w->records[0]);
            memmove(w->record_now, w->record_now + 1, (size_t)(w->n_records - 1) * sizeof w->record_now[0]);
            w->n_records--;
            SDL_UnlockMutex(w->lock);
            do_record(w, &res, now, r);
        } else if (w->stats) {
            struct ps_counter *c = w->stats;
            size_t n = w->n_stats;
            char screen[RESULT_TEXT_MAX];
            snprintf(screen, sizeof screen, "%s", w->stats_screen);
            w->stats = NULL;
            w->n_stats = 0;
            SDL_UnlockMutex(w->lock);
            r->kind = RW_STATS;
            r->ok = results_stats_flush(w->store, screen, c, n, r->err, sizeof r->err) == 0;
            r->rows = (long)n;
            if (!r->ok)
                log_err("stats: %s", r->err);
            free(c);
        } else if (w->want_board) {
            enum quiz_board b = w->board;
            int64_t now = w->board_now;
            w->want_board = false;
            SDL_UnlockMutex(w->lock);
            do_board(w, b, now, r);
        } else {
            char path[512];
            snprintf(path, sizeof path, "%s", w->export_path);
            w->want_export = false;
            SDL_UnlockMutex(w->lock);
            r->kind = RW_EXPORT;
            snprintf(r->path, sizeof r->path, "%s", path);
            r->rows = results_export_csv(w->store, path, r->err, sizeof r->err);
            r->ok = r->rows >= 0;
            if (r->ok)
                log_info("quiz: exported %ld results to %s", r->rows, path);
            else
                log_err("quiz: export failed: %s", r->err);
        }
        post(w, r);
        free(r);
        SDL_LockMutex(w->lock);
        w->running = false;
        SDL_CondBroadcast(w->done_cond);
    }
    w->running = false;
    SDL_UnlockMutex(w->lock);
    return 0;
}

struct results_worker *results_worker_start(struct results *store, Uint32 wake_event, char *err, size_t errlen)
{
    struct results_worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->store = store;
    w->wake_event = wake_event;
    w->lock = SDL_CreateMutex();
    w->cond = SDL_CreateCond();
    w->done_cond = SDL_CreateCond();
    if (w->lock && w->cond && w->done_cond)
        w->thread = SDL_CreateThread(run, "qf-results", w);
    if (!w->thread) {
        snprintf(err, errlen, "SDL_CreateThread() failed: %s", SDL_GetError());
        w->store = NULL; /* the caller still owns it */
        results_worker_stop(w);
        return NULL;
    }
    return w;
}

void results_worker_stop(struct results_worker *w)
{
    if (!w)
        return;
    if (w->thread) {
        SDL_LockMutex(w->lock);
        w->quit = true;
        SDL_CondSignal(w->cond);
        SDL_UnlockMutex(w->lock);
        SDL_WaitThread(w->thread, NULL);
    }
    results_close(w->store);
    free(w->stats);
    if (w->done_cond)
        SDL_DestroyCond(w->done_cond);
    if (w->cond)
        SDL_DestroyCond(w->cond);
    if (w->lock)
        SDL_DestroyMutex(w->lock);
    free(w);
}

bool results_worker_record(struct results_worker *w, const struct quiz_result *res, int64_t now)
{
    SDL_LockMutex(w->lock);
    bool ok = w->n_records < RECORD_QUEUE;
    if (ok) {
        w->records[w->n_records] = *res;
        w->record_now[w->n_records] = now;
        w->n_records++;
        SDL_CondSignal(w->cond);
    }
    SDL_UnlockMutex(w->lock);
    return ok;
}

void results_worker_board(struct results_worker *w, enum quiz_board b, int64_t now)
{
    SDL_LockMutex(w->lock);
    w->want_board = true;
    w->board = b;
    w->board_now = now;
    SDL_CondSignal(w->cond);
    SDL_UnlockMutex(w->lock);
}

void results_worker_export(struct results_worker *w, const char *path)
{
    SDL_LockMutex(w->lock);
    w->want_export = true;
    snprintf(w->export_path, sizeof w->export_path, "%s", path);
    SDL_CondSignal(w->cond);
    SDL_UnlockMutex(w->lock);
}

bool results_worker_take(struct results_worker *w, struct rw_reply *out)
{
    SDL_LockMutex(w->lock);
    bool got = w->n_replies > 0;
    if (got) {
        *out = w->replies[0];
        memmove(w->replies, w->replies + 1, (size_t)(w->n_replies - 1) * sizeof w->replies[0]);
        w->n_replies--;
    }
    SDL_UnlockMutex(w->lock);
    return got;
}

bool results_worker_stats(struct results_worker *w, const char *screen_id, struct ps_counter *c, size_t n)
{
    if (!n) {
        free(c);
        return true;
    }
    bool ok = true;
    SDL_LockMutex(w->lock);
    if (!w->stats) {
        w->stats = c;
        w->n_stats = n;
    } else {
        struct ps_counter *all = realloc(w->stats, (w->n_stats + n) * sizeof *all);
        ok = all != NULL;
        if (ok) {
            memcpy(all + w->n_stats, c, n * sizeof *c);
            w->stats = all;
            w->n_stats += n;
        }
        free(c);
    }
    snprintf(w->stats_screen, sizeof w->stats_screen, "%s", screen_id);
    SDL_CondSignal(w->cond);
    SDL_UnlockMutex(w->lock);
    return ok;
}

bool results_worker_busy(struct results_worker *w)
{
    SDL_LockMutex(w->lock);
    bool busy = w->running || w->n_records || w->want_board || w->want_export || w->stats;
    SDL_UnlockMutex(w->lock);
    return busy;
}

void results_worker_wait(struct results_worker *w, Uint32 ms)
{
    SDL_LockMutex(w->lock);
    if (w->running || w->n_records || w->want_board || w->want_export || w->stats)
        SDL_CondWaitTimeout(w->done_cond, w->lock, ms);
    SDL_UnlockMutex(w->lock);
}
