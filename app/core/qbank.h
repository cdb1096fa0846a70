/* Question banks for 知识挑战赛 quiz rounds.
 *
 * Organisers keep banks as CSV exported from Excel or WPS (UTF-8 with or
 * without BOM, or GB18030/GBK: detected from the bytes, never from the file
 * name), one question per row under a header row naming the columns
 *
 *   题型, 题干, 选项A … 选项F, 答案, 解析, 出处, 分类, 难度
 *
 * in any order (选项E/选项F may be absent). 题型 is 单选, 多选 or 判断;
 * 答案 is letters (A, ACD) for 单选/多选 and 正确/错误 (or 对/错, √/×,
 * A/B) for 判断, whose option columns stay empty; 难度 is 易, 中 or 难.
 * docs/quiz.md is the organisers' guide to the format.
 *
 * `qingfeng-feed build` reads every .csv under content/quiz/ and
 * publishes the bank as one hash-pinned JSON asset (quiz/bank.json) that
 * the kiosk loads with qbank_load_json. */
#ifndef QF_QBANK_H
#define QF_QBANK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/msg.h"

#define QBANK_OPTIONS_MAX 6
#define QBANK_QUESTIONS_MAX 10000
#define QBANK_FILE_MAX_BYTES (8u * 1024u * 1024u)

/* The longest bank.json the kiosk loads: room for QBANK_QUESTIONS_MAX
 * questions at the text limits below, so a bank the builder accepts is
 * never refused by the loader. */
#define QBANK_JSON_MAX_BYTES (64u * 1024u * 1024u)

/* Text limits in characters (code points), so every question fits the
 * quiz screen. */
#define QBANK_STEM_MAX_CHARS 150
#define QBANK_OPTION_MAX_CHARS 60
#define QBANK_EXPLANATION_MAX_CHARS 400
#define QBANK_SOURCE_MAX_CHARS 80
#define QBANK_CATEGORY_MAX_CHARS 20

enum qbank_type { QBANK_SINGLE, QBANK_MULTI, QBANK_JUDGE };
enum qbank_level { QBANK_EASY, QBANK_MEDIUM, QBANK_HARD };

struct qbank_question {
    char id[17];                        /* 16 hex digits of SHA-256(stem): stable across edits elsewhere */
    enum qbank_type type;
    char *stem;                         /* 题干 */
    char *options[QBANK_OPTIONS_MAX];   /* 判断: "正确", "错误" */
    int n_options;
    unsigned answer;                    /* bit i set: options[i] is right */
    char *explanation;                  /* 解析 */
    char *source;                       /* 出处 */
    char *category;                     /* 分类 */
    enum qbank_level level;             /* 难度 */
    char *file;                         /* the CSV it was read from, for messages; NULL from JSON */
    int row;                            /* its line in that file */
};

struct qbank {
    struct qbank_question *q;
    size_t n;
};

/* Appends the questions of one CSV file to `b`. Every bad row is reported
 * in `errs` as "<file>:<row>: column \"<name>\": <what>; <what to do>"
 * (unknown type, answer not among the options, duplicate question (also
 * across files already in `b`), empty option in the middle, missing
 * column, bad encoding, ...). Returns the number of questions added, or
 * -1 when any problem was found (then nothing is added). */
int qbank_read_csv(struct qbank *b, const char *path, struct diag *errs);

/* The bank as the JSON document published in the feed (a new string, or
 * NULL when out of memory). The same bank gives the same bytes:
 *
 *   {"format": 1, "questions": [{"id", "type": "single"|"multi"|"judge",
 *     "level": "easy"|"medium"|"hard", "category", "stem", "options": [...],
 *     "answer": [option indices], "explanation", "source"}, ...]}
 */
char *qbank_to_json(const struct qbank *b);

/* Parses and checks a bank published by qbank_to_json: every field, its
 * type and limits, the id of every stem, no two alike. Messages go to
 * `errs` as "<name>:<line>: questions[3].answer: <what>; <what to do>"
 * (the parser stops at the first problem). Fills the empty bank `b` and
 * returns 0, or returns -1 and leaves it empty. */
int qbank_parse_json(struct qbank *b, const char *json, size_t len, const char *name, struct diag *errs);

/* Reads the file at `path` (at most QBANK_JSON_MAX_BYTES) and parses it as
 * above. Returns 0, or -1 with a one-line English message naming `path`
 * and what is wrong in err. */
int qbank_load_json(struct qbank *b, const char *path, char *err, size_t errlen);

/* The same, adding the message to `errs` in errs->lang. */
int qbank_load_json_diag(struct qbank *b, const char *path, struct diag *errs);

/* Frees every question and empties the bank. */
void qbank_free(struct qbank *b);

/* Frees what one question owns (options beyond n_options must be NULL)
 * and zeroes it. */
void qbank_question_clear(struct qbank_question *q);

/* "single", "multi", "judge"; "easy", "medium", "hard" (as in bank.json). */
const char *qbank_type_name(enum qbank_type t);
const char *qbank_level_name(enum qbank_level l);

/* The id of a stem: the first 16 hex digits of SHA-256 of its bytes
 * (callers pass the trimmed stem). Returns 0, or -1 when libsodium cannot
 * start. */
int qbank_stem_id(const char *stem, char id[17]);

#endif
