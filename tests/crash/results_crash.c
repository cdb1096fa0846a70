/* Crash test of the quiz results store: a child process records rounds as
 * fast as it can and writes each round's id to a pipe only after
 * results_record returned 0 (the moment the screen says 已保存); the parent
 * kills it with SIGKILL at a random instant, N times. After each kill the
 * parent opens the store (SQLite recovers the WAL) and checks that
 * - integrity_check says ok;
 * - every id the child ever reported is there exactly once, with the very
 *   round it recorded (its contents are derived from its id) and all its
 *   answers;
 * - rounds and outbox entries are one for one (one transaction each).
 * A round recorded but not yet reported when the kill came may be there
 * or not.
 *
 * Usage: results_crash DB_PATH [N [SEED]]   (N defaults to 200)
 * Prints one summary line; exits 1 when any check failed.
 *
 * SIGKILL stops the process, not the machine: the page cache survives, so
 * this tests that a commit is whole, not the fsyncs (synchronous=FULL is
 * what covers a power cut). */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/results.h"

#define MAX_SLEEP_US 80000

static const char *const departments[] = {"", "办公室", "纪检监察室", "财务科"};

/* The round a given id stands for: the parent can tell what the child
 * recorded from the id alone. */
static void round_for(const char *id, struct quiz_result *res)
{
    unsigned h = (unsigned)strtoul((char[9]){id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], 0}, NULL, 16);
    memset(res, 0, sizeof *res);
    memcpy(res->id, id, RESULT_ID_LEN);
    snprintf(res->screen_id, sizeof res->screen_id, "crash-%u", h % 5);
    snprintf(res->department, sizeof res->department, "%s", departments[h % 4]);
    res->started_at = 1748966400 + h % 100000;
    res->finished_at = res->started_at + 60 + h % 50;
    res->abandoned = h % 7 == 0;
    res->score = (int)(h % 101);
    res->correct = (int)(h % 11);
    res->total = 10;
    res->duration_ms = (int)(h % 90000);
    res->n_answers = (int)(h % 11);
    for (int i = 0; i < res->n_answers; i++) {
        struct result_answer *a = &res->answers[i];
        snprintf(a->question, sizeof a->question, "%08x%08x", h, (unsigned)i);
        a->chosen = (h >> i) & 15;
        a->correct = (h >> (i + 4)) & 1;
        a->ms = 100 * i + (int)(h % 1000);
    }
}

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "results_crash: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

/* The child: records rounds until killed. */
static void child(const char *path, int out)
{
    char err[512], line[RESULT_ID_LEN + 2];
    struct quiz_result res;
    struct results *r = results_open(path, err, sizeof err);
    if (!r)
        die("child: %s", err);
    for (;;) {
        result_new_id(line);
        round_for(line, &res);
        if (results_record(r, &res, err, sizeof err) != 0)
            die("child: %s", err);
        line[RESULT_ID_LEN] = '\n';
        /* one write of 33 bytes: atomic on a pipe */
        if (write(out, line, RESULT_ID_LEN + 1) != RESULT_ID_LEN + 1)
            die("child: cannot write to the pipe: %s", strerror(errno));
    }
}

static int failures;

static void bad(int k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "results_crash: kill %d: ", k);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

/* Every id reported so far, sorted. */
struct ids {
    char (*id)[RESULT_ID_LEN + 1];
    size_t n, cap;
};

static void ids_add(struct ids *s, const char *id)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->id = realloc(s->id, s->cap * sizeof *s->id);
        if (!s->id)
            die("out of memory");
    }
    memcpy(s->id[s->n], id, RESULT_ID_LEN);
    s->id[s->n++][RESULT_ID_LEN] = 0;
}

static int by_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Reads what the killed child reported; returns how many ids. */
static size_t read_reported(int fd, struct ids *all, size_t *first_new)
{
    char buf[4096], line[RESULT_ID_LEN + 1];
    size_t have = 0, n = 0;
    ssize_t got;
    *first_new = all->n;
    while ((got = read(fd, buf, sizeof buf)) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            die("read: %s", strerror(errno));
        }
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] != '\n') {
                if (have < RESULT_ID_LEN)
                    line[have] = buf[i];
                have++;
                continue;
            }
            if (have != RESULT_ID_LEN)
                die("a torn line on the pipe");
            line[RESULT_ID_LEN] = 0;
            ids_add(all, line);
            n++;
            have = 0;
        }
    }
    return n;
}

static bool same_round(const struct quiz_result *a, const struct quiz_result *b)
{
    if (strcmp(a->id, b->id) || strcmp(a->screen_id, b->screen_id) || strcmp(a->department, b->department) ||
        a->started_at != b->started_at || a->finished_at != b->finished_at || a->abandoned != b->abandoned ||
        a->score != b->score || a->correct != b->correct || a->total != b->total ||
        a->duration_ms != b->duration_ms || a->n_answers != b->n_answers)
        return false;
    for (int i = 0; i < a->n_answers; i++)
        if (strcmp(a->answers[i].question, b->answers[i].question) || a->answers[i].chosen != b->answers[i].chosen ||
            a->answers[i].correct != b->answers[i].correct || a->answers[i].ms != b->answers[i].ms)
            return false;
    return true;
}

static long count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Every reported id (sorted in all) among the store's ids, each once. */
static void check_all_present(int k, sqlite3 *db, const struct ids *all)
{
    sqlite3_stmt *st = NULL;
    size_t i = 0;
    if (sqlite3_prepare_v2(db, "SELECT id FROM rounds ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
        bad(k, "cannot list the rounds: %s", sqlite3_errmsg(db));
        return;
    }
    const char *prev = NULL;
    char last[RESULT_ID_LEN + 1] = "";
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        if (prev && !strcmp(last, id))
            bad(k, "round %s is there twice", id);
        snprintf(last, sizeof last, "%s", id);
        prev = last;
        while (i < all->n && strcmp(all->id[i], id) < 0)
            bad(k, "round %s was reported recorded but is missing", all->id[i++]);
        if (i < all->n && !strcmp(all->id[i], id))
            i++;
    }
    while (i < all->n)
        bad(k, "round %s was reported recorded but is missing", all->id[i++]);
    sqlite3_finalize(st);
}

/* The parent's look at the store after kill k. Returns the rounds in it. */
static long check_store(int k, const char *path, struct ids *all, size_t first_new)
{
    char err[512];
    struct results *r = results_open(path, err, sizeof err);
    struct quiz_result want, got;
    long rounds = -1;
    if (!r) {
        bad(k, "open: %s", err);
        return -1;
    }
    if (results_check(r, err, sizeof err) != 0)
        bad(k, "%s", err);
    for (size_t i = first_new; i < all->n; i++) { /* the new ones in full */
        round_for(all->id[i], &want);
        if (results_get(r, all->id[i], &got) != 1)
            bad(k, "round %s was reported recorded but is missing", all->id[i]);
        else if (!same_round(&want, &got))
            bad(k, "round %s is not what was recorded", all->id[i]);
    }
    results_close(r);

    qsort(all->id, all->n, sizeof *all->id, by_id);
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        bad(k, "sqlite3_open: %s", sqlite3_errmsg(db));
    } else {
        check_all_present(k, db, all);
        rounds = count_of(db, "SELECT count(*) FROM rounds");
        long outbox = count_of(db, "SELECT count(*) FROM outbox");
        long orphans = count_of(db, "SELECT count(*) FROM answers WHERE round_id NOT IN (SELECT id FROM rounds)");
        if (rounds != outbox)
            bad(k, "%ld rounds but %ld outbox entries", rounds, outbox);
        if (orphans != 0)
            bad(k, "%ld answers without their round", orphans);
        if (rounds < (long)all->n)
            bad(k, "%ld rounds in the store, %zu reported", rounds, all->n);
    }
    sqlite3_close(db);
    return rounds;
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int main(int argc, char **argv)
{
    int kills = 200;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    struct ids all = {0};
    long rounds = 0;
    int empty_kills = 0;

    if (argc < 2 || argc > 4)
        die("usage: results_crash DB_PATH [N [SEED]]");
    const char *path = argv[1];
    if (argc > 2)
        kills = atoi(argv[2]);
    if (argc > 3)
        seed = (unsigned)strtoul(argv[3], NULL, 10);
    if (kills <= 0)
        die("N must be a positive number");
    srand(seed);

    for (int k = 1; k <= kills; k++) {
        int fds[2], wstatus;
        size_t first_new;
        if (pipe(fds) != 0)
            die("pipe: %s", strerror(errno));
        pid_t pid = fork();
        if (pid < 0)
            die("fork: %s", strerror(errno));
        if (pid == 0) {
            close(fds[0]);
            child(path, fds[1]);
            _exit(0);
        }
        close(fds[1]);
        sleep_us(rand() % (MAX_SLEEP_US + 1));
        kill(pid, SIGKILL);
        if (waitpid(pid, &wstatus, 0) != pid)
            die("waitpid: %s", strerror(errno));
        if (!(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL))
            bad(k, "the child ended by itself (status %d) before the kill", wstatus);
        empty_kills += read_reported(fds[0], &all, &first_new) == 0;
        close(fds[0]);
        rounds = check_store(k, path, &all, first_new);
    }
    printf("results_crash: %d kills, %d failures; %zu rounds reported recorded, %ld in the store; "
           "%d kills before the first round of a run; seed %u\n",
           kills, failures, all.n, rounds, empty_kills, seed);
    free(all.id);
    return failures ? 1 : 0;
}
