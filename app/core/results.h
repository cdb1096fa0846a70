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

#include "core/playstats.h"

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

/* Fills id with RESULT_ID_LEN random lower-case hex digits (libsodium
 * randombytes). */
void result_new_id(char id[RESULT_ID_LEN + 1]);

/* True when id is exactly RESULT_ID_LEN lower-case hex digits: the only ids
 * the store takes, since an id becomes part of an upload URL. */
bool result_id_valid(const char *id);

/* Opens (creating if needed) the store at `path`. Returns a handle, or NULL
 * with a message naming the file in err (also for a file made by a newer
 * version of the schema). Errors of the calls below without an err
 * parameter are logged, naming the file. */
struct results *results_open(const char *path, char *err, size_t errlen);
void results_close(struct results *r);

/* SQLite's page cache of one store connection, KiB. SQLite's default (2000
 * KiB) fills as the file grows with every round, so over weeks the kiosk's
 * resident set crept up by 2 MB (the soak test, docs/soak.md); a round or
 * a board needs few pages, and the OS caches the file anyway. */
#define RESULTS_CACHE_KIB 256
/* Bytes the connection's page cache holds now (for tests). */
size_t results_cache_bytes(struct results *r);

/* Commits `res` and its outbox entry durably. Recording the same id twice
 * keeps the first. Refuses (-1) an id that is not result_id_valid, text
 * that is not UTF-8 or not terminated within its field, and n_answers
 * outside 0..RESULT_ANSWERS_MAX. Returns 0, or -1 with a message in err. */
int results_record(struct results *r, const struct quiz_result *res, char *err, size_t errlen);

/* Reads round `id` back into `out`. Returns 1 when found, 0 when not, -1 on
 * error. */
int results_get(struct results *r, const char *id, struct quiz_result *out);

/* SQLite's integrity_check of the whole file. Returns 0 when it says ok,
 * or -1 with its first complaint (naming the file) in err. */
int results_check(struct results *r, char *err, size_t errlen);

/* The local-time span [from, to) of period `p` around `now` (unix
 * seconds): today's midnight to the next, Monday's midnight to the next
 * Monday's, or everything. Follows TZ (tzset is called). */
void results_period_span(enum results_period p, int64_t now, int64_t *from, int64_t *to);

/* Rank of round `id` among today's scored rounds (1 = best; ties by shorter
 * time, then earlier finish; rounds equal in all three share a rank) and
 * how many there are. `now` is unix seconds; days and weeks (Monday first)
 * are local time. Returns 0, or -1 when the round is not among them
 * (unknown, abandoned, not today) or on error. */
int results_rank_today(struct results *r, const char *id, int64_t now, int *rank, int *of);

/* Best scored rounds of the period, best first (score, then shorter time,
 * then earlier finish). Returns the count (<= max), or -1 on error. */
int results_best(struct results *r, enum results_period p, int64_t now, struct results_best *rows, int max);

/* Per department (anonymous rounds left out): average score and number of
 * scored rounds, best average first (then more rounds, then by name).
 * Returns the count (<= max), or -1 on error. */
int results_departments(struct results *r, enum results_period p, int64_t now, struct results_dept *rows, int max);

/* Writes every round (scored and abandoned), oldest first, as CSV for
 * Excel and WPS: UTF-8 with a BOM, CRLF line ends, the header row
 *   编号,屏幕,部门,开始时间,结束时间,状态,得分,答对,题数,用时秒
 * with times in local time ("2025-06-02 09:30:05"), 状态 完成 or 中途放弃,
 * 部门 未选择部门 for anonymous rounds and 用时秒 with one decimal. The file
 * is written beside `path`, flushed to disk and renamed over it. Returns
 * the number of rows, or -1 with a message naming the file in err. */
long results_export_csv(struct results *r, const char *path, char *err, size_t errlen);

/* The result as the JSON document uploaded to <report_url>/results/<id>.json
 * (a new string; NULL when out of memory, the text is not UTF-8 or
 * n_answers is out of range):
 *   {"kind": "quiz_result", "version": 1, "id", "screen_id", "department",
 *    "started_at", "finished_at", "abandoned", "score", "correct", "total",
 *    "duration_ms", "answers": [{"question", "chosen", "correct", "ms"}]}
 * The same result always gives the same bytes (uploads are idempotent). */
char *result_to_json(const struct quiz_result *res);

/* Parses a document made by result_to_json. Unknown fields are ignored
 * (later versions may add some); a missing or mistyped field, a kind other
 * than "quiz_result", a version other than 1, an invalid id or text too
 * long for its field is refused. Returns 0, or -1 with the reason (naming
 * the field) in err. */
int result_from_json(const char *json, size_t len, struct quiz_result *out, char *err, size_t errlen);

/* Outbox: the oldest entry not yet delivered (id and document, both new
 * strings for the caller to free), 1 if one was found, 0 if the outbox is
 * empty, -1 on error. */
int results_outbox_next(struct results *r, char **id, char **json);
/* Removes the delivered entry `id`; with a `document`, only while it
 * still holds that document: a usage document replaced by a newer version
 * during its upload stays for the next one. NULL removes it whatever it
 * holds. Returns 0 (also when nothing was removed), or -1 on error. */
int results_outbox_delivered(struct results *r, const char *id, const char *document);
/* Entries not yet delivered, or -1 on error. */
long results_outbox_pending(struct results *r);

/* Usage statistics (core/playstats, results_stats.c): adds the counters to
 * the hourly totals and, for every hour they touch, puts the document of
 * that hour's full totals (core/playstats_doc) in the outbox as
 * "stats/<screen_id>/<hour>", replacing a version not yet delivered; all in
 * one transaction. Returns 0, or -1 with a message naming the file in err
 * (also for a screen_id that cannot name a folder on the server). */
int results_stats_flush(struct results *r, const char *screen_id, const struct ps_counter *c, size_t n, char *err,
                        size_t errlen);
/* The stored total of one counter: 0 when absent, -1 on error. */
int64_t results_stats_total(struct results *r, const char *hour, const char *item, enum ps_metric m);

#endif
