/* qbank_read_csv: one question bank CSV, checked cell by cell. Every
 * problem of every row is reported (not only the first), each naming the
 * file, the row's physical line and the column as the organiser wrote it
 * in the header. */
#include "core/qbank.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/feed.h"
#include "core/text_encoding.h"
#include "core/utf8.h"

enum col {
    COL_TYPE, COL_STEM,
    COL_OPTION_A, COL_OPTION_B, COL_OPTION_C, COL_OPTION_D, COL_OPTION_E, COL_OPTION_F,
    COL_ANSWER, COL_EXPLANATION, COL_SOURCE, COL_CATEGORY, COL_LEVEL,
    COL_COUNT
};

static const struct {
    const char *name;
    int required; /* in the header row */
} columns[COL_COUNT] = {
    { "题型", 1 },  { "题干", 1 },  { "选项A", 1 }, { "选项B", 1 }, { "选项C", 1 },
    { "选项D", 1 }, { "选项E", 0 }, { "选项F", 0 }, { "答案", 1 },  { "解析", 1 },
    { "出处", 1 },  { "分类", 1 },  { "难度", 1 },
};

/* What organisers write in the 题型 and 难度 cells: the short forms, and
 * the long ones common in exported exam banks. */
static const struct {
    const char *text;
    int value;
} type_words[] = {
    { "单选", QBANK_SINGLE }, { "单选题", QBANK_SINGLE }, { "单项选择", QBANK_SINGLE }, { "单项选择题", QBANK_SINGLE },
    { "多选", QBANK_MULTI },  { "多选题", QBANK_MULTI },  { "多项选择", QBANK_MULTI },  { "多项选择题", QBANK_MULTI },
    { "判断", QBANK_JUDGE },  { "判断题", QBANK_JUDGE },
}, level_words[] = {
    { "易", QBANK_EASY },   { "简单", QBANK_EASY },   { "中", QBANK_MEDIUM },
    { "中等", QBANK_MEDIUM }, { "难", QBANK_HARD },    { "困难", QBANK_HARD },
}, judge_words[] = { /* value: the option index, 0 正确, 1 错误 */
    { "正确", 0 }, { "对", 0 }, { "√", 0 }, { "✓", 0 }, { "✔", 0 }, { "A", 0 }, { "a", 0 },
    { "错误", 1 }, { "错", 1 }, { "×", 1 }, { "✗", 1 }, { "✘", 1 }, { "B", 1 }, { "b", 1 },
};

#define LOOKUP(table, text, out) lookup(table, sizeof table / sizeof table[0], text, out)

static int lookup(const void *table, size_t n, const char *text, int *out)
{
    const struct {
        const char *text;
        int value;
    } *t = table;

    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].text, text) == 0) {
            *out = t[i].value;
            return 0;
        }
    }
    return -1;
}

/* One file being read. */
struct reader {
    const struct qbank *b; /* the questions of the files read before */
    const char *path;
    struct diag *errs;
    int col[COL_COUNT];    /* cell index of each column, -1 when the header lacks it */
    char **header;         /* the header's cells, trimmed: the names messages use */
    size_t n_header;
    int header_line;
    size_t rows;           /* rows under the header, blank ones left out */
    struct qbank_question *q; /* this file's questions */
    size_t n, cap;
    int too_many;          /* MSG_QBANK_TOO_MANY was said */
};

static int oom(struct reader *r)
{
    diag_field(r->errs, r->path, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
    return -1;
}

/* Length of the white space character at s (ASCII blanks, U+00A0, U+3000,
 * a stray U+FEFF), 0 when s starts with something else. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
        return 1;
    if (n >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
        return 2;
    if (n >= 3 && (memcmp(s, "\xe3\x80\x80", 3) == 0 || memcmp(s, "\xef\xbb\xbf", 3) == 0))
        return 3;
    return 0;
}

/* Length of the white space character that ends s[0..n), 0 when none. */
static size_t space_before(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        return 1;
    if (n >= 2 && memcmp(s + n - 2, "\xc2\xa0", 2) == 0)
        return 2;
    if (n >= 3 && (memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0 || memcmp(s + n - 3, "\xef\xbb\xbf", 3) == 0))
        return 3;
    return 0;
}

/* A copy of s without white space at either end. */
static char *trimmed(const char *s)
{
    size_t n = strlen(s), k;
    char *out;

    while ((k = space_at(s, n)) > 0) {
        s += k;
        n -= k;
    }
    while ((k = space_before(s, n)) > 0)
        n -= k;
    out = malloc(n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

static const char *column_name(const struct reader *r, enum col c)
{
    return r->col[c] >= 0 ? r->header[r->col[c]] : columns[c].name;
}

/* ---- the header --------------------------------------------------------- */

/* Reads the header row. Returns 0, or -1 when a column is missing or
 * named twice (then the rows cannot be read). */
static int read_header(struct reader *r, const struct csv_record *rec)
{
    int bad = 0;

    r->header_line = rec->line;
    r->header = calloc(rec->n, sizeof *r->header);
    if (!r->header)
        return oom(r);
    r->n_header = rec->n;
    for (size_t i = 0; i < rec->n; i++) {
        r->header[i] = trimmed(rec->cells[i]);
        if (!r->header[i])
            return oom(r);
        for (int c = 0; c < COL_COUNT; c++) {
            if (strcmp(r->header[i], columns[c].name) != 0)
                continue;
            if (r->col[c] >= 0) {
                diag_column(r->errs, r->path, rec->line, columns[c].name, MSG_QBANK_COLUMN_TWICE, r->col[c] + 1,
                            (int)i + 1);
                bad = 1;
            } else {
                r->col[c] = (int)i;
            }
        }
    }
    for (int c = 0; c < COL_COUNT; c++) {
        if (columns[c].required && r->col[c] < 0) {
            diag_column(r->errs, r->path, rec->line, columns[c].name, MSG_QBANK_COLUMN_MISSING, columns[c].name);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* ---- one row -------------------------------------------------------------- */

/* The cells of one row, trimmed; "" for a column the header lacks or the
 * row is too short for. */
struct row {
    char *cell[COL_COUNT];
    int line;
};

static void row_free(struct row *w)
{
    for (int c = 0; c < COL_COUNT; c++)
        free(w->cell[c]);
}

/* Reports a problem of row `w`, in column `c` (COL_COUNT: the whole row). */
static void say(struct reader *r, const struct row *w, enum col c, enum msg_id id, ...)
{
    va_list ap;

    va_start(ap, id);
    diag_vcolumn(r->errs, r->path, w->line, c < COL_COUNT ? column_name(r, c) : NULL, id, ap);
    va_end(ap);
}

static int is_blank(const char *s)
{
    size_t n = strlen(s), k;

    while ((k = space_at(s, n)) > 0) {
        s += k;
        n -= k;
    }
    return n == 0;
}

static size_t chars(const char *s)
{
    return utf8_count(s, strlen(s));
}

/* A text every question needs: not empty, not over `max` characters. */
static void check_text(struct reader *r, const struct row *w, enum col c, int max)
{
    size_t n = chars(w->cell[c]);

    if (n == 0)
        say(r, w, c, MSG_QBANK_EMPTY);
    else if (n > (size_t)max)
        say(r, w, c, MSG_QBANK_TOO_LONG, n, max);
}

/* The option letter at s (A-F, a-f, or full-width Ａ-Ｆ, ａ-ｆ): its index,
 * -1 for a separator (, ， 、 ; ； / and blanks), -2 for anything else.
 * *len receives the bytes it takes. */
static int answer_letter(const char *s, size_t n, size_t *len)
{
    uint32_t cp;
    int k = utf8_decode(s, n, &cp);

    *len = k > 0 ? (size_t)k : 1;
    if (cp >= 'A' && cp <= 'F')
        return (int)(cp - 'A');
    if (cp >= 'a' && cp <= 'f')
        return (int)(cp - 'a');
    if (cp >= 0xff21 && cp <= 0xff26)
        return (int)(cp - 0xff21);
    if (cp >= 0xff41 && cp <= 0xff46)
        return (int)(cp - 0xff41);
    if (cp == ',' || cp == 0xff0c || cp == 0x3001 || cp == ';' || cp == 0xff1b || cp == '/' || cp == ' ' ||
        cp == '\t' || cp == 0x3000)
        return -1;
    return -2;
}

/* The options of a 单选/多选 row into q; checks gaps, count, sameness,
 * length. Returns the index of the last filled option, -1 when none. */
static int take_options(struct reader *r, const struct row *w, struct qbank_question *q)
{
    int last = -1, filled = 0;

    for (int i = 0; i < QBANK_OPTIONS_MAX; i++) {
        if (*w->cell[COL_OPTION_A + i]) {
            last = i;
            filled++;
        }
    }
    for (int i = 0; i < last; i++) {
        if (!*w->cell[COL_OPTION_A + i]) {
            int next = i + 1;
            while (!*w->cell[COL_OPTION_A + next])
                next++;
            say(r, w, (enum col)(COL_OPTION_A + i), MSG_QBANK_OPTION_GAP, 'A' + next);
            break;
        }
    }
    if (filled < 2)
        say(r, w, *w->cell[COL_OPTION_A] ? COL_OPTION_B : COL_OPTION_A, MSG_QBANK_TOO_FEW_OPTIONS);
    for (int i = 0; i <= last; i++) {
        const char *opt = w->cell[COL_OPTION_A + i];
        size_t n = chars(opt);
        if (!*opt)
            continue;
        if (n > QBANK_OPTION_MAX_CHARS)
            say(r, w, (enum col)(COL_OPTION_A + i), MSG_QBANK_TOO_LONG, n, QBANK_OPTION_MAX_CHARS);
        for (int k = 0; k < i; k++) {
            if (strcmp(opt, w->cell[COL_OPTION_A + k]) == 0) {
                say(r, w, (enum col)(COL_OPTION_A + i), MSG_QBANK_OPTION_SAME, opt, 'A' + k);
                break;
            }
        }
    }
    q->n_options = last + 1;
    return last;
}

/* The 答案 of a 单选/多选 row, given its options up to `last`. */
static void take_letters(struct reader *r, const struct row *w, struct qbank_question *q, int last)
{
    const char *a = w->cell[COL_ANSWER], *p = a;
    size_t n = strlen(a);
    unsigned mask = 0;
    int count = 0, missing = -1;

    while (p < a + n) {
        size_t len;
        int i = answer_letter(p, (size_t)(a + n - p), &len);
        p += len;
        if (i == -1)
            continue;
        if (i < 0 || (mask & (1u << i))) {
            say(r, w, COL_ANSWER, MSG_QBANK_ANSWER_BAD, a);
            return;
        }
        mask |= 1u << i;
        count++;
        if (missing < 0 && (i > last || !*w->cell[COL_OPTION_A + i]))
            missing = i;
    }
    if (count == 0) {
        say(r, w, COL_ANSWER, MSG_QBANK_ANSWER_BAD, a);
        return;
    }
    if (missing >= 0)
        say(r, w, COL_ANSWER, MSG_QBANK_ANSWER_NOT_OPTION, a, 'A' + missing, 'A' + missing);
    if (q->type == QBANK_SINGLE && count != 1)
        say(r, w, COL_ANSWER, MSG_QBANK_ANSWER_NOT_ONE, a, count);
    if (q->type == QBANK_MULTI && count == 1)
        say(r, w, COL_ANSWER, MSG_QBANK_ANSWER_MULTI_ONE, a);
    q->answer = mask;
}

/* A 判断 row: no options of its own, 正确/错误 as the answer. Returns -1
 * when out of memory. */
static int take_judge(struct reader *r, const struct row *w, struct qbank_question *q)
{
    int right;

    for (int i = 0; i < QBANK_OPTIONS_MAX; i++) {
        if (*w->cell[COL_OPTION_A + i]) {
            say(r, w, (enum col)(COL_OPTION_A + i), MSG_QBANK_JUDGE_OPTIONS);
            break;
        }
    }
    if (*w->cell[COL_ANSWER]) {
        if (LOOKUP(judge_words, w->cell[COL_ANSWER], &right) < 0)
            say(r, w, COL_ANSWER, MSG_QBANK_JUDGE_ANSWER, w->cell[COL_ANSWER]);
        else
            q->answer = 1u << right;
    }
    q->options[0] = strdup("正确");
    q->options[1] = strdup("错误");
    q->n_options = 2;
    return q->options[0] && q->options[1] ? 0 : oom(r);
}

/* The question of this file or of the bank with the same stem, or NULL. */
static const struct qbank_question *same_stem(const struct reader *r, const char *id, const char *stem)
{
    for (size_t i = 0; i < r->b->n; i++)
        if (strcmp(r->b->q[i].id, id) == 0 && strcmp(r->b->q[i].stem, stem) == 0)
            return &r->b->q[i];
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->q[i].id, id) == 0 && strcmp(r->q[i].stem, stem) == 0)
            return &r->q[i];
    return NULL;
}


/* Checks one row under the header and keeps its question when it has no
 * problem. Returns 0, or -1 when out of memory. */
static int read_row(struct reader *r, const struct csv_record *rec)
{
    struct row w = { .line = rec->line };
    struct qbank_question q = { 0 };
    const struct qbank_question *dup;
    size_t before = r->errs->n;
    int type = -1, level, rc = -1;

    for (int c = 0; c < COL_COUNT; c++) {
        int i = r->col[c];
        w.cell[c] = i >= 0 && (size_t)i < rec->n ? trimmed(rec->cells[i]) : strdup("");
        if (!w.cell[c]) {
            oom(r);
            goto out;
        }
    }
    for (size_t i = r->n_header; i < rec->n; i++) {
        if (!is_blank(rec->cells[i])) {
            say(r, &w, COL_COUNT, MSG_QBANK_EXTRA_CELLS, rec->n, r->n_header);
            break;
        }
    }
    if (!*w.cell[COL_TYPE])
        say(r, &w, COL_TYPE, MSG_QBANK_EMPTY);
    else if (LOOKUP(type_words, w.cell[COL_TYPE], &type) < 0)
        say(r, &w, COL_TYPE, MSG_QBANK_TYPE_UNKNOWN, w.cell[COL_TYPE]);
    else
        q.type = (enum qbank_type)type;
    check_text(r, &w, COL_STEM, QBANK_STEM_MAX_CHARS);
    if (type == QBANK_JUDGE) {
        if (take_judge(r, &w, &q) < 0)
            goto out;
    } else if (type >= 0) {
        int last = take_options(r, &w, &q);
        for (int i = 0; i <= last; i++) { /* the question takes the cells */
            q.options[i] = w.cell[COL_OPTION_A + i];
            w.cell[COL_OPTION_A + i] = NULL;
        }
        if (*w.cell[COL_ANSWER]) {
            /* take_letters looks at the option cells: lend them back */
            for (int i = 0; i <= last; i++)
                w.cell[COL_OPTION_A + i] = q.options[i];
            take_letters(r, &w, &q, last);
            for (int i = 0; i <= last; i++)
                w.cell[COL_OPTION_A + i] = NULL;
        }
    }
    if (!*w.cell[COL_ANSWER])
        say(r, &w, COL_ANSWER, MSG_QBANK_EMPTY);
    check_text(r, &w, COL_EXPLANATION, QBANK_EXPLANATION_MAX_CHARS);
    check_text(r, &w, COL_SOURCE, QBANK_SOURCE_MAX_CHARS);
    check_text(r, &w, COL_CATEGORY, QBANK_CATEGORY_MAX_CHARS);
    if (!*w.cell[COL_LEVEL])
        say(r, &w, COL_LEVEL, MSG_QBANK_EMPTY);
    else if (LOOKUP(level_words, w.cell[COL_LEVEL], &level) < 0)
        say(r, &w, COL_LEVEL, MSG_QBANK_LEVEL_UNKNOWN, w.cell[COL_LEVEL]);
    else
        q.level = (enum qbank_level)level;
    if (*w.cell[COL_STEM]) {
        if (qbank_stem_id(w.cell[COL_STEM], q.id) < 0) {
            oom(r);
            goto out;
        }
        if ((dup = same_stem(r, q.id, w.cell[COL_STEM])) != NULL)
            say(r, &w, COL_STEM, MSG_QBANK_DUPLICATE, dup->file ? dup->file : "bank.json", dup->row);
    }
    if (r->errs->n != before) {
        rc = 0;
        goto out;
    }
    if (r->b->n + r->n >= QBANK_QUESTIONS_MAX) {
        if (!r->too_many)
            say(r, &w, COL_COUNT, MSG_QBANK_TOO_MANY, QBANK_QUESTIONS_MAX);
        r->too_many = 1;
        rc = 0;
        goto out;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        struct qbank_question *grown = realloc(r->q, cap * sizeof *grown);
        if (!grown) {
            oom(r);
            goto out;
        }
        r->q = grown;
        r->cap = cap;
    }
    q.file = strdup(r->path);
    if (!q.file) {
        oom(r);
        goto out;
    }
    q.row = w.line;
    q.stem = w.cell[COL_STEM];
    q.explanation = w.cell[COL_EXPLANATION];
    q.source = w.cell[COL_SOURCE];
    q.category = w.cell[COL_CATEGORY];
    w.cell[COL_STEM] = w.cell[COL_EXPLANATION] = w.cell[COL_SOURCE] = w.cell[COL_CATEGORY] = NULL;
    r->q[r->n++] = q;
    memset(&q, 0, sizeof q);
    rc = 0;
out:
    qbank_question_clear(&q);
    row_free(&w);
    return rc;
}

/* ---- the file -------------------------------------------------------------- */

static void say_csv_error(struct reader *r, const struct csv *c)
{
    const char *column = NULL;

    if (r->header && c->error_cell < r->n_header && *r->header[c->error_cell])
        column = r->header[c->error_cell];
    switch (c->error) {
    case CSV_QUOTE_UNCLOSED:
        diag_column(r->errs, r->path, c->error_line, column, MSG_QBANK_QUOTE_UNCLOSED);
        break;
    case CSV_TEXT_AFTER_QUOTE:
        diag_column(r->errs, r->path, c->error_line, column, MSG_QBANK_TEXT_AFTER_QUOTE);
        break;
    case CSV_TOO_MANY_CELLS:
        diag_column(r->errs, r->path, c->error_line, NULL, MSG_QBANK_TOO_MANY_CELLS, CSV_CELLS_MAX);
        break;
    case CSV_CELL_TOO_LONG:
        diag_column(r->errs, r->path, c->error_line, column, MSG_QBANK_CELL_TOO_BIG, CSV_CELL_MAX_BYTES / 1024u);
        break;
    case CSV_NO_MEMORY:
    case CSV_OK:
        oom(r);
        break;
    }
}

/* Reads the file into UTF-8 text. Returns 0, or -1 after a message. */
static int read_text(struct reader *r, struct text_utf8 *t)
{
    char *raw = NULL;
    size_t len = 0;
    int rc = -1;

    switch (feed_read_file(r->path, QBANK_FILE_MAX_BYTES, &raw, &len)) {
    case 0:
        break;
    case -2:
        diag_field(r->errs, r->path, 0, NULL, MSG_QBANK_TOO_LARGE, QBANK_FILE_MAX_BYTES / (1024u * 1024u));
        return -1;
    default:
        diag_field(r->errs, r->path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(r->errs->lang, errno));
        return -1;
    }
    switch (text_to_utf8(raw, len, t)) {
    case TEXT_OK:
        rc = 0;
        break;
    case TEXT_UTF16:
        diag_field(r->errs, r->path, 0, NULL, MSG_QBANK_UTF16);
        break;
    case TEXT_BAD_BYTES:
        diag_field(r->errs, r->path, t->bad_line, NULL, MSG_QBANK_BAD_ENCODING, (unsigned)t->bad_byte, t->bad_offset);
        break;
    case TEXT_NO_MEMORY:
        oom(r);
        break;
    }
    free(raw);
    return rc;
}

static int record_is_blank(const struct csv_record *rec)
{
    for (size_t i = 0; i < rec->n; i++)
        if (!is_blank(rec->cells[i]))
            return 0;
    return 1;
}

int qbank_read_csv(struct qbank *b, const char *path, struct diag *errs)
{
    struct reader r = { .b = b, .path = path, .errs = errs };
    size_t before = errs->n;
    int oom_before = errs->out_of_memory, got = -1, rc;
    struct text_utf8 t = { 0 };
    struct csv c;
    struct csv_record rec;

    csv_init(&c, "", 0);
    for (int k = 0; k < COL_COUNT; k++)
        r.col[k] = -1;
    if (read_text(&r, &t) < 0)
        goto out;
    csv_init(&c, t.text, t.len);
    while ((rc = csv_next(&c, &rec)) > 0) {
        if (record_is_blank(&rec)) /* Excel writes ",,,," for rows emptied by hand */
            continue;
        if (!r.header) {
            if (read_header(&r, &rec) < 0)
                goto out;
            continue;
        }
        r.rows++;
        if (read_row(&r, &rec) < 0)
            goto out;
    }
    if (rc < 0)
        say_csv_error(&r, &c);
    else if (!r.header)
        diag_field(errs, path, 0, NULL, MSG_QBANK_NO_HEADER);
    else if (r.rows == 0)
        diag_field(errs, path, r.header_line, NULL, MSG_QBANK_NO_QUESTIONS);
    if (errs->n != before || errs->out_of_memory != oom_before)
        goto out;
    if (r.n) {
        struct qbank_question *grown = realloc(b->q, (b->n + r.n) * sizeof *grown);
        if (!grown) {
            oom(&r);
            goto out;
        }
        b->q = grown;
        memcpy(b->q + b->n, r.q, r.n * sizeof *r.q);
        b->n += r.n;
    }
    got = (int)r.n;
    r.n = 0; /* the bank owns them now */
out:
    for (size_t i = 0; i < r.n; i++)
        qbank_question_clear(&r.q[i]);
    free(r.q);
    for (size_t i = 0; r.header && i < r.n_header; i++)
        free(r.header[i]);
    free(r.header);
    csv_free(&c);
    free(t.text);
    return got;
}
