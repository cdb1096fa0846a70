/* Content model and the JSON Feed 1.1 reader/validator shared by the kiosk
 * and the feed tool.
 *
 * Feed layout (see docs/feed-format.md):
 *   { "version": "https://jsonfeed.org/version/1.1", "title": ...,
 *     "_qingfeng": { "format": 1, "assets": [ {"path","size","sha256"} ],
 *                    "quiz": { "bank": "quiz/bank.json", "questions": N } },
 *     "items": [ { "id", "title", "summary", "content_text", "content_html",
 *                  "image", "tags", "url",
 *                  "_qingfeng": { "kind": "maxim"|"case"|"story",
 *                                 "author", "source", "weight",
 *                                 "schedule": {"from", "until", "days", "hours"},
 *                                 "pinned": true, "groups": ["lobby", "3f"],
 *                                 "markdown", "intro",
 *                                 "pages": [ {"title","markdown"} ],
 *                                 "questions": [ {"kind": "single"|"multi"|"judge",
 *                                                 "stem", "options": [...],
 *                                                 "answer": [indices], "explanation",
 *                                                 "source"} ] } } ] }
 * A plain JSON Feed without "_qingfeng" objects reads as stories.
 *
 * Every message has the form
 *   "<name>:<line>: <field path>: <what is wrong>; <what to do>"
 * e.g. "feed.json:42: items[3]._qingfeng.kind: \"foo\" is not a known kind;
 * use maxim, case or story". Messages come from the catalogue (msg.h): the
 * *_diag functions word them in the language of the struct diag they are
 * given; the others (the kiosk's) are always English. */
#ifndef QF_FEED_H
#define QF_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "core/daypart.h"
#include "core/msg.h"

enum item_kind { ITEM_MAXIM, ITEM_CASE, ITEM_STORY };

struct feed_page {
    char *title;    /* e.g. 案情简介 */
    char *markdown; /* CommonMark body of the page */
};

/* A self-check question (学后测) at the end of a case. */
enum question_kind {
    QUESTION_SINGLE, /* exactly one right option */
    QUESTION_MULTI,  /* two or more right options */
    QUESTION_JUDGE,  /* true/false: the options are exactly 正确, 错误 (in this order) */
};

struct feed_question {
    char *stem;          /* the question, plain text */
    char **options;      /* FEED_OPTIONS_MIN..FEED_OPTIONS_MAX distinct, non-empty, plain text */
    size_t n_options;
    unsigned answer_mask; /* bit i = option i correct */
    enum question_kind kind; /* QUESTION_SINGLE, QUESTION_MULTI, QUESTION_JUDGE */
    char *explanation;   /* 解析: CommonMark, never empty */
    char *source;        /* 出处, e.g. 《中国共产党廉洁自律准则》; may be NULL */
};

/* Limits on questions, checked by the validator and the builder. Lengths
 * are in characters (Unicode code points), not bytes. */
#define FEED_QUESTIONS_MAX 5
#define FEED_OPTIONS_MIN 2
#define FEED_OPTIONS_MAX 6
#define FEED_STEM_MAX_CHARS 150
#define FEED_OPTION_MAX_CHARS 60
#define FEED_EXPLANATION_MAX_CHARS 400
#define FEED_QUESTION_SOURCE_MAX_CHARS 80

/* When an item may be shown (_qingfeng.schedule): local dates from..until
 * (inclusive, whole days), and within them a daypart (weekdays and hour
 * ranges). A zero date is an open end; an item without a schedule has
 * from = until = 0 and a daypart of every day, all day (days 0, as in a
 * zeroed item, is read as every day too). */
struct feed_schedule {
    int from;            /* YYYYMMDD, 0 = no start */
    int until;           /* YYYYMMDD, 0 = no end */
    struct daypart when; /* days DAYPART_ALL_DAYS and no ranges when unset */
};

/* Screen groups: names of 1..FEED_GROUP_NAME_MAX ASCII letters, digits,
 * '-' and '_', compared without regard to case ("3F" is "3f"). */
#define FEED_GROUPS_MAX 16
#define FEED_GROUP_NAME_MAX 32

struct feed_item {
    char *id;        /* unique, non-empty */
    enum item_kind kind;
    char *title;     /* required for case/story; may be NULL for maxim */
    char *summary;   /* lead shown on attract cards; may be NULL */
    char *text;      /* content_text: the saying of a maxim, plain body otherwise */
    char *markdown;  /* CommonMark body; may be NULL */
    char *intro;     /* CommonMark text before the first page; NULL if none */
    char *author;    /* maxim: who said or wrote it; may be NULL */
    char *source;    /* maxim: work it is quoted from, e.g. 《论语·颜渊》; may be NULL */
    char *image;     /* path relative to the feed directory; NULL if none */
    char *url;       /* read-more link; may be NULL */
    char **tags;
    size_t n_tags;
    struct feed_page *pages;
    size_t n_pages;
    int weight;      /* >= 1; default 1 */
    struct feed_question *questions; /* self-check after the pages; cases only */
    size_t n_questions;              /* 0..FEED_QUESTIONS_MAX */
    struct feed_schedule schedule;   /* when it may be shown (core/schedule.h) */
    int pinned;      /* 置顶: first in lists, opens every attract cycle */
    char **groups;   /* screen groups it is meant for; none: every screen */
    size_t n_groups; /* 0..FEED_GROUPS_MAX */
};

struct feed_asset {
    char *path;      /* relative, no "..", no leading "/", no scheme */
    uint64_t size;
    char sha256[65]; /* lower-case hex */
};

struct feed {
    char *title;
    char *language;      /* e.g. zh-CN; may be NULL */
    char *home_page_url; /* may be NULL */
    struct feed_item *items;
    size_t n_items;
    struct feed_asset *assets;
    size_t n_assets;
    /* The question bank of the quiz rounds (_qingfeng.quiz): a path
     * relative to the feed folder, always one of the assets, so it is
     * pinned by size and SHA-256 like a picture; load it with
     * qbank_load_json. NULL (and 0 questions) when the feed has no quiz. */
    char *quiz_bank;
    /* The organisation-wide leaderboard (_qingfeng.quiz.leaderboard), a
     * path like quiz_bank's, read with org_board_load; NULL when none. */
    char *quiz_leaderboard;
    size_t quiz_questions;
};

/* Largest feed.json accepted, in bytes. */
#define FEED_MAX_BYTES (16u * 1024u * 1024u)

const char *item_kind_name(enum item_kind kind);

/* Maps "maxim", "case", "story" to a kind. Returns 0, or -1 if unknown. */
int item_kind_from_name(const char *name, enum item_kind *kind);

/* "single", "multi" or "judge" ("unknown" outside the enum). */
const char *question_kind_name(enum question_kind kind);

/* Maps "single", "multi", "judge" to a kind. Returns 0, or -1 if unknown. */
int question_kind_from_name(const char *name, enum question_kind *kind);

/* Frees what a question owns and zeroes it. */
void feed_question_clear(struct feed_question *q);

/* Parses and validates feed.json text. `name` is used in messages (a file
 * path or URL). Returns a new feed, or NULL with a one-line English message
 * in err: "<name>:<line>: <field>: <what is wrong>; <what to do>". */
struct feed *feed_parse(const char *json, size_t len, const char *name, char *err, size_t errlen);

/* The same, adding the message (the parser stops at the first problem) to
 * `errs`, in errs->lang. */
struct feed *feed_parse_diag(const char *json, size_t len, const char *name, struct diag *errs);

/* Reads DIR/feed.json, parses it and checks that every asset exists with the
 * pinned size and SHA-256. Returns NULL with a message in err on any failure. */
struct feed *feed_load_dir(const char *dir, char *err, size_t errlen);

/* The same, adding messages to `errs` in errs->lang: the parse error, or
 * one message per bad asset. */
struct feed *feed_load_dir_diag(const char *dir, struct diag *errs);

/* Reads a feed.json file (refusing one over FEED_MAX_BYTES) and parses it,
 * without looking at assets. Returns NULL with a message in err. */
struct feed *feed_load_file(const char *path, char *err, size_t errlen);
struct feed *feed_load_file_diag(const char *path, struct diag *errs);

/* Reads a whole file of at most `limit` bytes into a new NUL-terminated
 * buffer (*out, length *len). Returns 0; -1 with errno set when it cannot be
 * read; -2 when the file is larger than `limit`. */
int feed_read_file(const char *path, size_t limit, char **out, size_t *len);

/* Receives one message per problem found. */
typedef void (*feed_report_fn)(void *ctx, const char *message);

/* Checks every asset of `feed` against the files under `dir`: the file must
 * exist and have the pinned size and SHA-256. Calls `report` (may be NULL)
 * once per bad asset with "<dir>/<path>: <what differs>; <what to do>".
 * Returns the number of bad assets (0 = all good). */
size_t feed_verify_assets(const struct feed *feed, const char *dir, feed_report_fn report, void *ctx);

/* The same, adding one message per bad asset to `errs` in errs->lang. */
size_t feed_verify_assets_diag(const struct feed *feed, const char *dir, struct diag *errs);

/* Receives one picture a piece of Markdown shows: its src as written and
 * the line of its "![" in that Markdown (from 1). A nonzero return stops
 * the walk. */
typedef int (*feed_image_fn)(void *ctx, const char *src, int line);

/* Calls `fn` for every picture the reading screens show from `markdown`
 * (richdoc_parse decides what is a picture: the same rules as the screen),
 * in document order, each src and line once. Text the screen
 * does not show at all (invalid UTF-8, over RICHDOC_INPUT_MAX bytes) has
 * none. Returns 0, 1 when `fn` stopped the walk, -1 when out of memory. */
int feed_markdown_images(const char *markdown, feed_image_fn fn, void *ctx);

/* Counts items of one kind. */
size_t feed_count_kind(const struct feed *feed, enum item_kind kind);

/* Looks up an asset by path; NULL if the feed does not list it. */
const struct feed_asset *feed_find_asset(const struct feed *feed, const char *path);

void feed_free(struct feed *feed);

/* True when a relative asset path is safe to join to a directory:
 * non-empty, no "..", no leading "/", no "\\", no "scheme:".
 * Also refused: any ':', empty or "." segments ("a//b", "./a", "a/"),
 * control characters, and paths over 1024 bytes. */
int feed_path_is_safe(const char *path);

#endif
