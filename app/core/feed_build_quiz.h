/* The quiz part of a feed build: every .csv under <src>/quiz/ (folders
 * included, in byte order of the paths) read into one question bank with
 * qbank_read_csv, published as FEED_QUIZ_BANK_PATH in the feed folder and
 * pinned in feed.json like a picture:
 *
 *   "_qingfeng": { ..., "assets": [..., {"path": "quiz/bank.json",
 *                  "size", "sha256"}, ...],
 *                  "quiz": {"bank": "quiz/bank.json", "questions": N} }
 *
 * A tree without a quiz folder, or whose CSV files hold no questions, has
 * no bank and no "quiz" object. */
#ifndef QF_FEED_BUILD_QUIZ_H
#define QF_FEED_BUILD_QUIZ_H

#include <stddef.h>

#include <jansson.h>

#include "core/qbank.h"
#include "core/sha256.h"

#define FEED_QUIZ_FOLDER "quiz"
#define FEED_QUIZ_BANK_PATH "quiz/bank.json"
/* content/quiz/leaderboard.json, from qingfeng-feed report --leaderboard,
 * is published as is when present (with a bank) and named in the "quiz"
 * object as "leaderboard". */
#define FEED_QUIZ_BOARD_PATH "quiz/leaderboard.json"

struct feed_quiz {
    struct qbank bank;
    char *json;  /* the bank.json text; NULL when there are no questions */
    size_t len;
    char sha256[SHA256_HEX_LEN + 1];
    char *board;  /* the leaderboard.json text; NULL when there is none */
    size_t board_len;
    char board_sha256[SHA256_HEX_LEN + 1];
};

/* Reads the bank of the content folder `src` into the zeroed `q`. Returns 0
 * (also when there is no quiz folder), or -1 after adding every problem of
 * every file to `errs`. */
int feed_quiz_read(const char *src, struct feed_quiz *q, struct diag *errs);

/* Adds the bank to the feed's "_qingfeng" object: its asset, into the
 * "assets" array at its place in path order, and the "quiz" object. Does
 * nothing when there are no questions. Returns 0, or -1 when out of memory. */
int feed_quiz_add_json(const struct feed_quiz *q, json_t *qingfeng);

void feed_quiz_free(struct feed_quiz *q);

#endif
