/* The catalogue of editor-facing messages, in English and Chinese, and the
 * list (struct diag) that collects them.
 *
 * Every message the content builder, the front-matter parser, the feed
 * validator, the asset check and the qingfeng-feed tool print is an entry
 * of one table (msg.c): an id, a class and a printf format per language.
 * Both formats of an entry take the same conversions in the same order
 * (tests/unit/test_msg.c checks), so any language can be formatted with
 * the same arguments.
 *
 * The language is always chosen by the caller and passed explicitly: in
 * struct diag's `lang` field, or as a parameter. Nothing here reads the
 * environment; msg_lang_from_env() only interprets values it is given.
 * A zeroed struct diag is English, which is what the kiosk logs in.
 *
 * Message shapes (the same in both languages, only the words change):
 *   content source: "<file>:<line>: field \"<key>\": <what>; <what to do>"
 *                   "<file>:<line>: 字段 \"<key>\"：<问题>；<怎么改>"
 *   question bank:  "<file>:<line>: column \"<name>\": <what>; <what to do>"
 *                   "<file>:<line>: 列 \"<name>\"：<问题>；<怎么改>"
 *   feed.json:      "<name>:<line>: <field path>: <what>; <what to do>"
 *                   "<name>:<line>: <field path>：<问题>；<怎么改>"
 * A message without a field leaves that part out; one without a line (a
 * folder, a picture) is "<file>: <what>; <what to do>". */
#ifndef QF_MSG_H
#define QF_MSG_H

#include <stdarg.h>
#include <stddef.h>

enum msg_lang { MSG_LANG_EN, MSG_LANG_ZH, MSG_LANG_COUNT };

/* What produces a message; tests use it to demand a fixture for every
 * message an editor can cause. */
enum msg_class {
    MSG_CLASS_EDITOR, /* a problem in the content source, feed.json or its assets */
    MSG_CLASS_SYSTEM, /* I/O failures, memory, internal errors */
    MSG_CLASS_TOOL,   /* qingfeng-feed's own output: usage, summaries */
    MSG_CLASS_PART,   /* pieces other messages are made of */
};

enum msg_id {
    MSG_NONE = -1, /* a line added with diag_add(), outside the catalogue */

    /* pieces */
    MSG_PREFIX_FIELD,    /* field "%s": */
    MSG_PREFIX_PATH,     /* %s: */
    MSG_PREFIX_COLUMN,   /* column "%s": (a question bank's CSV) */
    MSG_PATH_WHOLE_FEED, /* the path of the whole document */
    MSG_PATH_SYNTAX,     /* the path of a syntax error */
    MSG_LIST_SEP,        /* between items of a list */
    MSG_WORD_OBJECT,
    MSG_WORD_ARRAY,
    MSG_WORD_STRING,
    MSG_WORD_INTEGER,
    MSG_WORD_REAL,
    MSG_WORD_BOOL,
    MSG_WORD_NULL,
    MSG_WORD_VALUE,
    MSG_WORD_MAXIM,
    MSG_WORD_CASE,
    MSG_WORD_STORY,
    MSG_FIELD_BODY_IMAGE, /* the "field" of a picture in the body of a .md file */
    MSG_ERRNO_ENOENT,
    MSG_ERRNO_EACCES,
    MSG_ERRNO_ENOTDIR,
    MSG_ERRNO_EISDIR,
    MSG_ERRNO_ENOSPC,
    MSG_ERRNO_EROFS,
    MSG_ERRNO_ENAMETOOLONG,

    /* the content source (frontmatter.c, feed_build.c) */
    MSG_SRC_NOT_KEY_VALUE,
    MSG_SRC_UNKNOWN_FIELD,
    MSG_SRC_FIELD_TWICE,
    MSG_SRC_QUOTE_UNCLOSED,
    MSG_SRC_BAD_UTF8,
    MSG_SRC_NO_HEADER,
    MSG_SRC_HEADER_NOT_CLOSED,
    MSG_SRC_INI_TOO_LARGE,
    MSG_SRC_INI_UNKNOWN_SECTION,
    MSG_SRC_INI_NOT_KEY_VALUE,
    MSG_SRC_INI_UNKNOWN_SETTING,
    MSG_SRC_INI_TWICE,
    MSG_SRC_PAGE_HEADING_EMPTY,
    MSG_SRC_PAGE_EMPTY,
    MSG_SRC_MISSING_TITLE,
    MSG_SRC_MISSING_LEAD,
    MSG_SRC_MISSING_AUTHOR,
    MSG_SRC_MISSING_IMAGE,
    MSG_SRC_ID_INVALID,
    MSG_SRC_ID_FROM_FILE,
    MSG_SRC_ID_DUPLICATE,
    MSG_SRC_WEIGHT_NOT_INT,
    MSG_SRC_IMAGE_UNSAFE,
    MSG_SRC_IMAGE_NOT_PICTURE,
    MSG_SRC_IMAGE_NOT_FOUND,
    MSG_SRC_TOO_LARGE,
    MSG_SRC_BODY_EMPTY_SAYING,
    MSG_SRC_BODY_EMPTY_TEXT,
    MSG_SRC_NOT_A_FOLDER,
    MSG_SRC_NO_ITEMS,
    MSG_SRC_PICTURE_TOO_LARGE,

    /* pictures in the Markdown body: ![说明](images/x.svg) (feed_build.c) */
    MSG_SRC_BODY_IMAGE_REMOTE,
    MSG_SRC_BODY_IMAGE_UNSAFE,
    MSG_SRC_BODY_IMAGE_NOT_PICTURE,
    MSG_SRC_BODY_IMAGE_NOT_FOUND,

    /* the 学后测 section of a case (feed_build.c) */
    MSG_SRC_QUIZ_NOT_CASE,
    MSG_SRC_QUIZ_NOT_LAST,
    MSG_SRC_QUIZ_TWICE,
    MSG_SRC_QUIZ_EMPTY,
    MSG_SRC_QUIZ_TOO_MANY,
    MSG_SRC_QUIZ_HEADING,
    MSG_SRC_QUIZ_STRAY_TEXT,
    MSG_SRC_QUIZ_STEM_EMPTY,
    MSG_SRC_QUIZ_OPTION_COUNT,
    MSG_SRC_QUIZ_NO_ANSWER,
    MSG_SRC_QUIZ_JUDGE_BOTH,
    MSG_SRC_QUIZ_OPTION_EMPTY,
    MSG_SRC_QUIZ_OPTION_NO_BOX,
    MSG_SRC_QUIZ_OPTION_TWICE,
    MSG_SRC_QUIZ_OPTION_LATE,
    MSG_SRC_QUIZ_NO_EXPLANATION,
    MSG_SRC_QUIZ_PART_TWICE,
    MSG_SRC_QUIZ_SOURCE_EMPTY,
    MSG_SRC_QUIZ_TOO_LONG,

    /* shared by the content source and feed.json */
    MSG_NOT_HTTP_URL,
    MSG_KIND_UNKNOWN,
    MSG_WEIGHT_RANGE,

    /* feed.json (feed.c) */
    MSG_FEED_NOT_STRING,
    MSG_FEED_TAGS_NOT_LIST,
    MSG_FEED_TAG_NOT_STRING,
    MSG_FEED_PAGES_NOT_LIST,
    MSG_FEED_PAGE_NOT_OBJECT,
    MSG_FEED_PAGE_NO_TITLE,
    MSG_FEED_PAGE_NO_MARKDOWN,
    MSG_FEED_QUESTIONS_NOT_LIST,
    MSG_FEED_QUESTIONS_NOT_CASE,
    MSG_FEED_QUESTIONS_TOO_MANY,
    MSG_FEED_QUESTION_NOT_OBJECT,
    MSG_FEED_QUESTION_KIND_MISSING,
    MSG_FEED_QUESTION_KIND_UNKNOWN,
    MSG_FEED_QUESTION_NO_STEM,
    MSG_FEED_OPTIONS_NOT_LIST,
    MSG_FEED_OPTIONS_COUNT,
    MSG_FEED_OPTION_EMPTY,
    MSG_FEED_OPTION_DUPLICATE,
    MSG_FEED_ANSWER_MISSING,
    MSG_FEED_ANSWER_NOT_LIST,
    MSG_FEED_ANSWER_EMPTY,
    MSG_FEED_ANSWER_NOT_INT,
    MSG_FEED_ANSWER_RANGE,
    MSG_FEED_ANSWER_DUPLICATE,
    MSG_FEED_ANSWER_NOT_ONE,
    MSG_FEED_ANSWER_MULTI_ONE,
    MSG_FEED_JUDGE_OPTIONS,
    MSG_FEED_JUDGE_ANSWER,
    MSG_FEED_QUESTION_NO_EXPLANATION,
    MSG_FEED_TEXT_TOO_LONG,
    MSG_FEED_ID_MISSING,
    MSG_FEED_ID_NOT_STRING,
    MSG_FEED_ID_EMPTY,
    MSG_FEED_ID_DUPLICATE,
    MSG_FEED_ITEM_NOT_OBJECT,
    MSG_FEED_ITEM_QF_NOT_OBJECT,
    MSG_FEED_KIND_NOT_STRING,
    MSG_FEED_WEIGHT_NOT_INT,
    MSG_FEED_NO_TEXT,
    MSG_FEED_MAXIM_NO_TEXT,
    MSG_FEED_NO_TITLE,
    MSG_FEED_PATH_UNSAFE,
    MSG_FEED_IMAGE_NOT_LISTED,
    MSG_FEED_BODY_IMAGE_UNSAFE,
    MSG_FEED_BODY_IMAGE_NOT_LISTED,
    MSG_FEED_ASSET_NOT_OBJECT,
    MSG_FEED_ASSET_PATH_MISSING,
    MSG_FEED_ASSET_SIZE_MISSING,
    MSG_FEED_ASSET_SIZE_BAD,
    MSG_FEED_ASSET_SHA_MISSING,
    MSG_FEED_ASSET_SHA_BAD,
    MSG_FEED_ASSET_DUPLICATE,
    MSG_FEED_ROOT_NOT_OBJECT,
    MSG_FEED_VERSION_MISSING,
    MSG_FEED_VERSION_UNKNOWN,
    MSG_FEED_TITLE_MISSING,
    MSG_FEED_QF_NOT_OBJECT,
    MSG_FEED_FORMAT_BAD,
    MSG_FEED_FORMAT_NEWER,
    MSG_FEED_ASSETS_NOT_LIST,
    MSG_FEED_ITEMS_MISSING,
    MSG_FEED_ITEMS_NOT_LIST,
    MSG_FEED_ITEMS_EMPTY,

    /* schedules and screen groups (feed.c, feed_build.c) */
    MSG_SCHEDULE_DATE_BAD,
    MSG_SCHEDULE_UNTIL_BEFORE_FROM,
    MSG_SCHEDULE_DAYS_BAD,
    MSG_SCHEDULE_HOURS_BAD,
    MSG_GROUP_NAME_BAD,
    MSG_GROUPS_TOO_MANY,
    MSG_FEED_SCHEDULE_NOT_OBJECT,
    MSG_FEED_PINNED_NOT_BOOL,
    MSG_FEED_GROUPS_NOT_LIST,
    MSG_SRC_PINNED_BAD,
    MSG_FEED_TOO_BIG,
    MSG_FEED_FILE_TOO_BIG,
    MSG_FEED_SYNTAX,
    MSG_FEED_NOT_UTF8,
    MSG_FEED_CANNOT_READ,
    MSG_FEED_QUIZ_NOT_OBJECT,
    MSG_FEED_QUIZ_BANK_MISSING,
    MSG_FEED_QUIZ_BANK_NOT_LISTED,
    MSG_FEED_QUIZ_QUESTIONS_BAD,

    /* the assets of a feed folder */
    MSG_ASSET_MISSING,
    MSG_ASSET_NOT_REGULAR,
    MSG_ASSET_SIZE_DIFFERS,
    MSG_ASSET_SHA_DIFFERS,

    /* minisign signatures and public keys (minisign.c, feed_sig.c); the
     * range MSG_SIG_FIRST..MSG_SIG_LAST is tested in test_minisign.c */
    MSG_SIG_KEY_NOT_KEY,
    MSG_SIG_KEY_ALGORITHM,
    MSG_SIG_KEY_NO_KEY_LINE,
    MSG_SIG_KEY_EXTRA,
    MSG_SIG_KEY_FILE_UNREADABLE,
    MSG_SIG_KEY_FILE_TOO_BIG,
    MSG_SIG_TOO_BIG,
    MSG_SIG_NOT_TEXT,
    MSG_SIG_NO_UNTRUSTED,
    MSG_SIG_TRUNCATED,
    MSG_SIG_SIGNATURE_BAD,
    MSG_SIG_ALGORITHM,
    MSG_SIG_NO_TRUSTED,
    MSG_SIG_GLOBAL_BAD,
    MSG_SIG_EXTRA,
    MSG_SIG_KEY_MISMATCH,
    MSG_SIG_BAD,
    MSG_SIG_COMMENT_BAD,
    MSG_SIG_MISSING,
    MSG_SIG_SODIUM,

    /* question banks: the CSV organisers write (qbank_csv.c) and the
     * bank.json the kiosk loads (qbank_json.c); the range
     * MSG_QBANK_FIRST..MSG_QBANK_LAST is tested in test_qbank.c */
    MSG_QBANK_TOO_LARGE,
    MSG_QBANK_UTF16,
    MSG_QBANK_BAD_ENCODING,
    MSG_QBANK_QUOTE_UNCLOSED,
    MSG_QBANK_TEXT_AFTER_QUOTE,
    MSG_QBANK_TOO_MANY_CELLS,
    MSG_QBANK_CELL_TOO_BIG,
    MSG_QBANK_NO_HEADER,
    MSG_QBANK_NO_QUESTIONS,
    MSG_QBANK_COLUMN_MISSING,
    MSG_QBANK_COLUMN_TWICE,
    MSG_QBANK_EXTRA_CELLS,
    MSG_QBANK_EMPTY,
    MSG_QBANK_TYPE_UNKNOWN,
    MSG_QBANK_LEVEL_UNKNOWN,
    MSG_QBANK_TOO_LONG,
    MSG_QBANK_OPTION_GAP,
    MSG_QBANK_TOO_FEW_OPTIONS,
    MSG_QBANK_OPTION_SAME,
    MSG_QBANK_JUDGE_OPTIONS,
    MSG_QBANK_ANSWER_BAD,
    MSG_QBANK_ANSWER_NOT_OPTION,
    MSG_QBANK_ANSWER_NOT_ONE,
    MSG_QBANK_ANSWER_MULTI_ONE,
    MSG_QBANK_JUDGE_ANSWER,
    MSG_QBANK_DUPLICATE,
    MSG_QBANK_TOO_MANY,
    MSG_QBANK_JSON_TOO_BIG,
    MSG_QBANK_JSON_SYNTAX,
    MSG_QBANK_JSON_FORMAT,
    MSG_QBANK_JSON_NOT,
    MSG_QBANK_JSON_COUNT,
    MSG_QBANK_JSON_VALUE,
    MSG_QBANK_JSON_TEXT,
    MSG_QBANK_JSON_OPTIONS,
    MSG_QBANK_JSON_ANSWER,
    MSG_QBANK_JSON_ID,
    MSG_QBANK_JSON_DUPLICATE,
    MSG_QBANK_BOARD_BAD,

    /* system */
    MSG_SYS_OUT_OF_MEMORY,
    MSG_SYS_CANNOT_READ,
    MSG_SYS_PATH_TOO_LONG,
    MSG_SYS_CANNOT_OPEN_FOLDER,
    MSG_SYS_CANNOT_WRITE,
    MSG_SYS_CANNOT_CREATE_FOLDER,
    MSG_SYS_SELF_CHECK,

    /* qingfeng-feed */
    MSG_TOOL_USAGE,
    MSG_TOOL_BUILD_OK,
    MSG_TOOL_CHECK_OK,
    MSG_TOOL_BUILD_FAILED,
    MSG_TOOL_CHECK_FAILED,
    MSG_TOOL_UNKNOWN_COMMAND,
    MSG_TOOL_UNKNOWN_OPTION,
    MSG_TOOL_NEED_SRC,
    MSG_TOOL_NEED_OUT,
    MSG_TOOL_NEED_DIR,
    MSG_TOOL_EXTRA_ARG,
    MSG_TOOL_OUT_OF_MEMORY,
    MSG_TOOL_SIG_OK,
    MSG_TOOL_NEED_PUBKEY,
    MSG_TOOL_DOWNLOAD,
    MSG_TOOL_BUILD_QUIZ,
    MSG_TOOL_CHECK_QUIZ,
    MSG_TOOL_REPORT_NEED_DIR,
    MSG_TOOL_REPORT_NEED_FILE,
    MSG_TOOL_REPORT_CANNOT_READ,
    MSG_TOOL_REPORT_SKIPPED,
    MSG_TOOL_REPORT_CANNOT_WRITE,
    MSG_TOOL_REPORT_OK,
    MSG_TOOL_REPORT_LEADERBOARD_OK,
    MSG_TOOL_REPORT_USAGE_OK,
    MSG_TOOL_REPORT_FEED,

    MSG_COUNT
};

#define MSG_SIG_FIRST MSG_SIG_KEY_NOT_KEY
#define MSG_SIG_LAST MSG_SIG_SODIUM
#define MSG_QBANK_FIRST MSG_QBANK_TOO_LARGE
#define MSG_QBANK_LAST MSG_QBANK_BOARD_BAD

/* The printf format of a message in a language; "" for an id outside the
 * catalogue. A language outside the enum reads as English. */
const char *msg_fmt(enum msg_lang lang, enum msg_id id);

enum msg_class msg_class_of(enum msg_id id);

/* The id's name as written in the source ("MSG_SRC_NO_HEADER"), for tests
 * and debugging; "?" when out of range. */
const char *msg_name(enum msg_id id);

/* Formats a message into out[outlen] (cut when too long). Returns what
 * vsnprintf returns. */
int msg_format(char *out, size_t outlen, enum msg_lang lang, enum msg_id id, ...);
int msg_vformat(char *out, size_t outlen, enum msg_lang lang, enum msg_id id, va_list ap);

/* The description of an errno value: strerror() in English, a catalogue
 * entry in Chinese for the common ones (strerror() otherwise). */
const char *msg_strerror(enum msg_lang lang, int err);

/* The language for the values of LC_ALL, LC_MESSAGES and LANG (any may be
 * NULL): the first one that is set and not empty decides, Chinese when it
 * starts with "zh", English otherwise (also when none is set). */
enum msg_lang msg_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang);

/* ---- a list of messages ------------------------------------------------- */

/* A growing list of one-line messages, so a run can report every problem
 * instead of stopping at the first. Zero-initialise (English); set `lang`
 * before use for another language; free with diag_free. */
struct diag {
    char **lines;
    enum msg_id *ids; /* ids[i] is the catalogue id of lines[i] (MSG_NONE for diag_add) */
    size_t n;
    int out_of_memory;  /* set when a message could not be stored */
    enum msg_lang lang; /* language of the catalogue messages added */
};

/* Appends a catalogue message about a content source file:
 *   "<file>:<line>: field \"<field>\": <message>"   (English)
 *   "<file>:<line>: 字段 \"<field>\"：<message>"      (Chinese)
 * `line` <= 0 leaves out ":<line>"; a NULL `field` leaves out the field
 * part; a NULL `file` leaves out the file and line (a message about no
 * file, such as a public key given on the command line). The arguments are
 * those of the message's format. Returns 0, or -1 when out of memory. */
int diag_field(struct diag *d, const char *file, int line, const char *field, enum msg_id id, ...);

/* Appends a catalogue message about a cell of a CSV file:
 *   "<file>:<line>: column \"<column>\": <message>"   (English)
 *   "<file>:<line>: 列 \"<column>\"：<message>"        (Chinese)
 * with the same rules as diag_field for a NULL column or line <= 0. */
int diag_column(struct diag *d, const char *file, int line, const char *column, enum msg_id id, ...);
int diag_vcolumn(struct diag *d, const char *file, int line, const char *column, enum msg_id id, va_list ap);

/* Appends a catalogue message about feed.json, where the field is a path
 * such as items[3]._qingfeng.kind: "<file>:<line>: <path>: <message>". */
int diag_path(struct diag *d, const char *file, int line, const char *path, enum msg_id id, ...);

int diag_vpath(struct diag *d, const char *file, int line, const char *path, enum msg_id id, va_list ap);

/* Appends one ready-made line (id MSG_NONE). Returns 0, or -1 when out of
 * memory. */
int diag_add(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a copy of line `i` of `from` with its id. */
int diag_copy(struct diag *d, const struct diag *from, size_t i);

/* The index of the first message with this id, or -1. */
long diag_find(const struct diag *d, enum msg_id id);

void diag_free(struct diag *d);
/* Copies the first line of `d` (or the out-of-memory message) into
 * err[errlen], for callers that report one line; "" when there is none.
 * Does nothing when err is NULL or errlen 0. */
void diag_first(const struct diag *d, char *err, size_t errlen);

#endif
