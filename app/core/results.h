/* The quiz results store: one SQLite file (WAL, synchronous=FULL) holding
 * every finished or abandoned round, the leaderboards computed from it, and
 * the outbox of result documents still to upload.
 *
 * results_record commits the round and its outbox entry in one transaction
 * and returns only after the commit is on disk: the screen says 已保存 only
 * after that. A handle may be used from several threads (SQLite serialized
 * mode); calls block on disk, so the UI thread never makes them itself. */
#ifndef QF_RESULTS_H
#define QF_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RESULT_ID_LEN 32          /* hex digits of a round's unique id */
#define RESULT_TEXT_MAX 64
#define RESULT_ANSWERS_MAX 50

struct result_answer {
    char question[17];            /* qbank_question.id */
    unsigned chosen;              /* option bits as shown in the bank's order; 0 = none (time-out) */
    bool correct;
    int ms;                       /* time taken on this question */
};

struct quiz_result {
    char id[RESULT_ID_LEN + 1];   /* unique: random, made by result_new_id */
    char screen_id[RESULT_TEXT_MAX];
    char department[RESULT_TEXT_MAX]; /* "" = anonymous */
    int64_t started_at;           /* unix seconds */
    int64_t finished_at;
    bool abandoned;               /* idle time-out: recorded, never ranked */
    int score;
    int correct;
    int total;                    /* questions in the round */
    int duration_ms;              /* time used answering */
    struct result_answer answers[RESULT_ANSWERS_MAX];
    int n_answers;
};

enum results_period { RESULTS_TODAY, RESULTS_WEEK, RESULTS_ALL };

struct results_best {             /* one row of a best-rounds board */
    char id[RESULT_ID_LEN + 1];
    char department[RESULT_TEXT_MAX];
    int score, correct, total, duration_ms;
    int64_t finished_at;
};

struct results_dept {             /* one row of the department board */
    char department[RESULT_TEXT_MAX];
    double avg_score;
    int participants;             /* scored rounds */
};

struct results;

/* Fills id with RESULT_ID_LEN random hex digits (libsodium randombytes). */
void result_new_id(char id[RESULT_ID_LEN + 1]);

/* Opens (creating if needed) the store at `path`. Returns a handle, or NULL
 * with a message naming the file in err. */
struct results *results_open(const char *path, char *err, size_t errlen);
void results_close(struct results *r);

/* Commits `res` and its outbox entry durably. Recording the same id twice
 * keeps the first. Returns 0, or -1 with a message in err. */
int results_record(struct results *r, const struct quiz_result *res, char *err, size_t errlen);

/* Rank of round `id` among today's scored rounds (1 = best; ties by shorter
 * time, then earlier finish) and how many there are. `now` is unix seconds;
 * days and weeks (Monday first) are local time. Returns 0 or -1. */
int results_rank_today(struct results *r, const char *id, int64_t now, int *rank, int *of);

/* Best scored rounds of the period, best first. Returns the count (<= max). */
int results_best(struct results *r, enum results_period p, int64_t now, struct results_best *rows, int max);

/* Per department (anonymous rounds left out): average score and number of
 * scored rounds, best average first. Returns the count (<= max). */
int results_departments(struct results *r, enum results_period p, int64_t now, struct results_dept *rows, int max);

/* Writes every round (scored and abandoned) as CSV with a header row, via a
 * temporary file and rename(2). Returns the number of rows, or -1 with a
 * message naming the file in err. */
long results_export_csv(struct results *r, const char *path, char *err, size_t errlen);

/* The result as the JSON document uploaded to <report_url>/results/<id>.json
 * (a new string). */
char *result_to_json(const struct quiz_result *res);

/* Outbox: the oldest entry not yet delivered (id and document, both new
 * strings for the caller to free), 1 if one was found, 0 if the outbox is
 * empty, -1 on error. */
int results_outbox_next(struct results *r, char **id, char **json);
int results_outbox_done(struct results *r, const char *id);
long results_outbox_pending(struct results *r);

#endif
