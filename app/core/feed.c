#include "core/feed.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/json_locate.h"
#include "core/qbank.h"
#include "core/richdoc.h"
#include "core/schedule.h"
#include "core/sha256.h"
#include "core/utf8.h"

#define SUMMARY_CHARS 80
#define FIELD_PATH_MAX 160
#define PATH_SAFE_MAX 1024

/* Everything a validation step needs to word a message. */
struct parse_ctx {
    const char *json;
    size_t len;
    const char *name;
    struct diag *errs; /* gets the one message; its lang picks the words */
};

static const char *const kind_names[] = { "maxim", "case", "story" };

const char *item_kind_name(enum item_kind kind)
{
    if ((unsigned)kind < sizeof kind_names / sizeof kind_names[0])
        return kind_names[kind];
    return "unknown";
}

int item_kind_from_name(const char *name, enum item_kind *kind)
{
    size_t i;

    for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
        if (name && strcmp(name, kind_names[i]) == 0) {
            *kind = (enum item_kind)i;
            return 0;
        }
    }
    return -1;
}

static const char *const question_kind_names[] = { "single", "multi", "judge" };

const char *question_kind_name(enum question_kind kind)
{
    if ((unsigned)kind < sizeof question_kind_names / sizeof question_kind_names[0])
        return question_kind_names[kind];
    return "unknown";
}

int question_kind_from_name(const char *name, enum question_kind *kind)
{
    for (size_t i = 0; i < sizeof question_kind_names / sizeof question_kind_names[0]; i++) {
        if (name && strcmp(name, question_kind_names[i]) == 0) {
            *kind = (enum question_kind)i;
            return 0;
        }
    }
    return -1;
}

void feed_question_clear(struct feed_question *q)
{
    free(q->stem);
    for (size_t i = 0; i < q->n_options; i++)
        free(q->options[i]);
    free(q->options);
    free(q->explanation);
    free(q->source);
    memset(q, 0, sizeof *q);
}

int feed_path_is_safe(const char *path)
{
    const char *seg;
    size_t len;

    if (!path || !*path)
        return 0;
    len = strlen(path);
    if (len > PATH_SAFE_MAX || path[0] == '/' || path[len - 1] == '/')
        return 0;
    for (const char *p = path; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f || c == '\\' || c == ':')
            return 0;
    }
    seg = path;
    while (*seg) {
        size_t n = strcspn(seg, "/");
        if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
            return 0;
        seg += n;
        if (*seg == '/')
            seg++;
    }
    return 1;
}

/* ---- messages ---------------------------------------------------------- */

static const char *json_kind_word(const struct parse_ctx *pc, const json_t *v)
{
    enum msg_id id = MSG_WORD_VALUE;

    switch (json_typeof(v)) {
    case JSON_OBJECT: id = MSG_WORD_OBJECT; break;
    case JSON_ARRAY: id = MSG_WORD_ARRAY; break;
    case JSON_STRING: id = MSG_WORD_STRING; break;
    case JSON_INTEGER: id = MSG_WORD_INTEGER; break;
    case JSON_REAL: id = MSG_WORD_REAL; break;
    case JSON_TRUE:
    case JSON_FALSE: id = MSG_WORD_BOOL; break;
    case JSON_NULL: id = MSG_WORD_NULL; break;
    }
    return msg_fmt(pc->errs->lang, id);
}

/* Adds "<name>:<line>: <path>: <message `id`>" to the list and returns -1,
 * so callers can `return fail(...)`. The line is where `path` starts in
 * the text; an empty path is the whole document. */
static int fail(struct parse_ctx *pc, const char *path, enum msg_id id, ...)
{
    va_list ap;
    int line = json_locate_line(pc->json, pc->len, path);

    va_start(ap, id);
    diag_vpath(pc->errs, pc->name, line, *path ? path : msg_fmt(pc->errs->lang, MSG_PATH_WHOLE_FEED), id, ap);
    va_end(ap);
    return -1;
}

static int fail_oom(struct parse_ctx *pc)
{
    diag_field(pc->errs, pc->name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
    return -1;
}

/* A JSON integer as text, for messages. */
static const char *int_text(char *buf, size_t len, json_int_t v)
{
    snprintf(buf, len, "%" JSON_INTEGER_FORMAT, v);
    return buf;
}

/* Formats a field path into a FIELD_PATH_MAX buffer; a path that does not
 * fit is cut (it only serves messages). */
static void path_fmt(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void path_fmt(char *out, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out, FIELD_PATH_MAX, fmt, ap);
    va_end(ap);
}

static void join_path(char *out, const char *base, const char *key)
{
    if (*base)
        path_fmt(out, "%s.%s", base, key);
    else
        path_fmt(out, "%s", key);
}

/* ---- small string helpers ---------------------------------------------- */

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

static size_t utf8_char_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xe0) == 0xc0)
        return 2;
    if ((c & 0xf0) == 0xe0)
        return 3;
    if ((c & 0xf8) == 0xf0)
        return 4;
    return 1;
}

/* First SUMMARY_CHARS characters of `text` with runs of white space folded
 * into one space, plus "…" when cut. Returns a new string or NULL. */
static char *make_summary(const char *text)
{
    size_t cap = strlen(text) + 4;
    char *out = malloc(cap);
    size_t n = 0, chars = 0;
    const char *p = text;
    int space = 0;

    if (!out)
        return NULL;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    while (*p && chars < SUMMARY_CHARS) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = 1;
            p++;
            continue;
        }
        if (space) {
            out[n++] = ' ';
            chars++;
            space = 0;
            if (chars >= SUMMARY_CHARS)
                break;
        }
        size_t cl = utf8_char_len((unsigned char)*p);
        for (size_t i = 0; i < cl && *p; i++)
            out[n++] = *p++;
        chars++;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p) {
        while (n > 0 && out[n - 1] == ' ')
            n--;
        memcpy(out + n, "\xe2\x80\xa6", 3); /* … */
        n += 3;
    }
    out[n] = '\0';
    return out;
}

static void put_utf8(char *out, size_t *n, unsigned long cp)
{
    if (cp < 0x80) {
        out[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*n)++] = (char)(0xc0 | (cp >> 6));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out[(*n)++] = (char)(0xe0 | (cp >> 12));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else {
        out[(*n)++] = (char)(0xf0 | (cp >> 18));
        out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    }
}

static int tag_breaks_line(const char *name, size_t n)
{
    static const char *const tags[] = { "p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5",
                                        "h6", "blockquote", "tr", "ul", "ol", "pre", "hr" };
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strlen(tags[i]) == n && strncasecmp(name, tags[i], n) == 0)
            return 1;
    return 0;
}

/* Plain text of an HTML fragment, for plain JSON Feed items that only carry
 * content_html: tags dropped (block tags become line breaks), script and
 * style content dropped, common entities decoded. Returns a new string. */
static char *html_to_text(const char *html)
{
    size_t cap = strlen(html) + 1;
    char *out = malloc(cap);
    size_t n = 0;
    const char *p = html;

    if (!out)
        return NULL;
    while (*p) {
        if (*p == '<') {
            const char *name = p + 1 + (p[1] == '/');
            size_t nl = 0;
            const char *close;
            while (name[nl] && ((name[nl] >= 'a' && name[nl] <= 'z') || (name[nl] >= 'A' && name[nl] <= 'Z') ||
                                (name[nl] >= '0' && name[nl] <= '9')))
                nl++;
            close = strchr(p, '>');
            if (!close)
                break;
            if (p[1] != '/' && ((nl == 6 && strncasecmp(name, "script", 6) == 0) ||
                                (nl == 5 && strncasecmp(name, "style", 5) == 0))) {
                const char *end = close;
                while ((end = strchr(end, '<')) && !(end[1] == '/' && strncasecmp(end + 2, name, nl) == 0))
                    end++;
                close = end ? strchr(end, '>') : NULL;
                if (!close)
                    break;
            } else if (tag_breaks_line(name, nl) && n > 0 && out[n - 1] != '\n') {
                out[n++] = '\n';
            }
            p = close + 1;
        } else if (*p == '&') {
            static const struct { const char *name; const char *text; } ents[] = {
                { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
                { "apos;", "'" }, { "nbsp;", " " },
            };
            size_t i;
            for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
                size_t el = strlen(ents[i].name);
                if (strncmp(p + 1, ents[i].name, el) == 0) {
                    out[n++] = ents[i].text[0];
                    p += 1 + el;
                    break;
                }
            }
            if (i < sizeof ents / sizeof ents[0])
                continue;
            if (p[1] == '#') {
                char *end;
                int hex = p[2] == 'x' || p[2] == 'X';
                unsigned long cp = strtoul(p + 2 + hex, &end, hex ? 16 : 10);
                /* "&#N;" is at least 4 bytes and every code point needs at
                 * most 4 UTF-8 bytes, so the output never outgrows the input. */
                if (*end == ';' && end > p + 2 + hex && cp > 0 && cp <= 0x10ffff &&
                    !(cp >= 0xd800 && cp <= 0xdfff)) {
                    if (cp >= 0x10000 && end + 1 - p < 4) {
                        out[n++] = *p++;
                        continue;
                    }
                    put_utf8(out, &n, cp);
                    p = end + 1;
                    continue;
                }
            }
            out[n++] = *p++;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    /* trim */
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\r'))
        out[--n] = '\0';
    size_t lead = strspn(out, " \t\r\n");
    memmove(out, out + lead, n - lead + 1);
    return out;
}

/* ---- field readers: 0 = ok (absent leaves *out untouched), -1 = error --- */

static int take_string(struct parse_ctx *pc, json_t *obj, const char *key, const char *base, char **out)
{
    char path[FIELD_PATH_MAX];
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, key);
    if (!json_is_string(v))
        return fail(pc, path, MSG_FEED_NOT_STRING, json_kind_word(pc, v));
    *out = strdup(json_string_value(v));
    return *out ? 0 : fail_oom(pc);
}

static int take_http_url(struct parse_ctx *pc, json_t *obj, const char *key, const char *base, char **out)
{
    char path[FIELD_PATH_MAX];

    if (take_string(pc, obj, key, base, out) < 0)
        return -1;
    if (*out && strncmp(*out, "http://", 7) != 0 && strncmp(*out, "https://", 8) != 0) {
        join_path(path, base, key);
        return fail(pc, path, MSG_NOT_HTTP_URL, *out);
    }
    return 0;
}

static int take_tags(struct parse_ctx *pc, json_t *obj, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX];
    json_t *v = json_object_get(obj, "tags");
    size_t i;

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "tags");
    if (!json_is_array(v))
        return fail(pc, path, MSG_FEED_TAGS_NOT_LIST, json_kind_word(pc, v));
    if (json_array_size(v) == 0)
        return 0;
    it->tags = calloc(json_array_size(v), sizeof *it->tags);
    if (!it->tags)
        return fail_oom(pc);
    for (i = 0; i < json_array_size(v); i++) {
        json_t *t = json_array_get(v, i);
        if (!json_is_string(t)) {
            char ipath[FIELD_PATH_MAX];
            path_fmt(ipath, "%s[%zu]", path, i);
            return fail(pc, ipath, MSG_FEED_TAG_NOT_STRING, json_kind_word(pc, t));
        }
        it->tags[i] = strdup(json_string_value(t));
        if (!it->tags[i])
            return fail_oom(pc);
        it->n_tags++;
    }
    return 0;
}

static int take_pages(struct parse_ctx *pc, json_t *q, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX];
    json_t *v = json_object_get(q, "pages");
    size_t i;

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "pages");
    if (!json_is_array(v))
        return fail(pc, path, MSG_FEED_PAGES_NOT_LIST,
                    json_kind_word(pc, v));
    if (json_array_size(v) == 0)
        return 0;
    it->pages = calloc(json_array_size(v), sizeof *it->pages);
    if (!it->pages)
        return fail_oom(pc);
    for (i = 0; i < json_array_size(v); i++) {
        json_t *pg = json_array_get(v, i);
        struct feed_page *page = &it->pages[i];
        char ppath[FIELD_PATH_MAX], fpath[FIELD_PATH_MAX];

        path_fmt(ppath, "%s[%zu]", path, i);
        it->n_pages++;
        if (!json_is_object(pg))
            return fail(pc, ppath, MSG_FEED_PAGE_NOT_OBJECT,
                        json_kind_word(pc, pg));
        if (take_string(pc, pg, "title", ppath, &page->title) < 0 ||
            take_string(pc, pg, "markdown", ppath, &page->markdown) < 0)
            return -1;
        if (!page->title || !*page->title) {
            join_path(fpath, ppath, "title");
            return fail(pc, fpath, MSG_FEED_PAGE_NO_TITLE);
        }
        if (!page->markdown) {
            join_path(fpath, ppath, "markdown");
            return fail(pc, fpath, MSG_FEED_PAGE_NO_MARKDOWN);
        }
    }
    return 0;
}

/* ---- questions (学后测) -------------------------------------------------- */

/* Fails when `s` has more than `max` characters. */
static int check_length(struct parse_ctx *pc, const char *path, const char *s, int max)
{
    size_t n = utf8_count(s, strlen(s));

    if (n != UTF8_INVALID && n > (size_t)max)
        return fail(pc, path, MSG_FEED_TEXT_TOO_LONG, n, max);
    return 0;
}

static int take_options(struct parse_ctx *pc, json_t *qo, const char *qpath, struct feed_question *fq)
{
    char path[FIELD_PATH_MAX], opath[FIELD_PATH_MAX];
    json_t *v = json_object_get(qo, "options");
    size_t n, i, j;

    join_path(path, qpath, "options");
    if (v && !json_is_null(v) && !json_is_array(v))
        return fail(pc, path, MSG_FEED_OPTIONS_NOT_LIST, json_kind_word(pc, v));
    n = json_array_size(v); /* 0 when missing */
    if (n < FEED_OPTIONS_MIN || n > FEED_OPTIONS_MAX)
        return fail(pc, path, MSG_FEED_OPTIONS_COUNT, n, FEED_OPTIONS_MIN, FEED_OPTIONS_MAX);
    fq->options = calloc(n, sizeof *fq->options);
    if (!fq->options)
        return fail_oom(pc);
    for (i = 0; i < n; i++) {
        json_t *o = json_array_get(v, i);

        path_fmt(opath, "%s[%zu]", path, i);
        if (!json_is_string(o))
            return fail(pc, opath, MSG_FEED_NOT_STRING, json_kind_word(pc, o));
        fq->options[i] = strdup(json_string_value(o));
        if (!fq->options[i])
            return fail_oom(pc);
        fq->n_options++;
        if (utf8_is_blank(fq->options[i]))
            return fail(pc, opath, MSG_FEED_OPTION_EMPTY);
        if (check_length(pc, opath, fq->options[i], FEED_OPTION_MAX_CHARS) < 0)
            return -1;
        for (j = 0; j < i; j++)
            if (strcmp(fq->options[j], fq->options[i]) == 0)
                return fail(pc, opath, MSG_FEED_OPTION_DUPLICATE, fq->options[i], j);
    }
    if (fq->kind == QUESTION_JUDGE &&
        (n != 2 || strcmp(fq->options[0], "正确") != 0 || strcmp(fq->options[1], "错误") != 0))
        return fail(pc, path, MSG_FEED_JUDGE_OPTIONS);
    return 0;
}

/* "answer": option indices, counted from 0; sets fq->answer_mask. */
static int take_answer(struct parse_ctx *pc, json_t *qo, const char *qpath, struct feed_question *fq)
{
    char path[FIELD_PATH_MAX], apath[FIELD_PATH_MAX], num[32];
    json_t *v = json_object_get(qo, "answer");
    size_t n, i;

    join_path(path, qpath, "answer");
    if (!v || json_is_null(v))
        return fail(pc, path, MSG_FEED_ANSWER_MISSING);
    if (!json_is_array(v))
        return fail(pc, path, MSG_FEED_ANSWER_NOT_LIST, json_kind_word(pc, v));
    n = json_array_size(v);
    if (n == 0)
        return fail(pc, path, MSG_FEED_ANSWER_EMPTY);
    for (i = 0; i < n; i++) {
        json_t *a = json_array_get(v, i);
        json_int_t k;

        path_fmt(apath, "%s[%zu]", path, i);
        if (!json_is_integer(a))
            return fail(pc, apath, MSG_FEED_ANSWER_NOT_INT, json_kind_word(pc, a), fq->n_options - 1);
        k = json_integer_value(a);
        if (k < 0 || (size_t)k >= fq->n_options)
            return fail(pc, apath, MSG_FEED_ANSWER_RANGE, int_text(num, sizeof num, k), fq->n_options - 1);
        if (fq->answer_mask & (1u << k))
            return fail(pc, apath, MSG_FEED_ANSWER_DUPLICATE, int_text(num, sizeof num, k));
        fq->answer_mask |= 1u << k;
    }
    switch (fq->kind) {
    case QUESTION_SINGLE:
        if (n != 1)
            return fail(pc, path, MSG_FEED_ANSWER_NOT_ONE, n);
        break;
    case QUESTION_MULTI:
        if (n < 2)
            return fail(pc, path, MSG_FEED_ANSWER_MULTI_ONE);
        break;
    case QUESTION_JUDGE:
        if (n != 1)
            return fail(pc, path, MSG_FEED_JUDGE_ANSWER, n);
        break;
    }
    return 0;
}

static int parse_question(struct parse_ctx *pc, json_t *qo, const char *qpath, struct feed_question *fq)
{
    char path[FIELD_PATH_MAX];
    json_t *v;

    if (!json_is_object(qo))
        return fail(pc, qpath, MSG_FEED_QUESTION_NOT_OBJECT, json_kind_word(pc, qo));

    v = json_object_get(qo, "kind");
    join_path(path, qpath, "kind");
    if (!v || json_is_null(v))
        return fail(pc, path, MSG_FEED_QUESTION_KIND_MISSING);
    if (!json_is_string(v))
        return fail(pc, path, MSG_FEED_NOT_STRING, json_kind_word(pc, v));
    if (question_kind_from_name(json_string_value(v), &fq->kind) < 0)
        return fail(pc, path, MSG_FEED_QUESTION_KIND_UNKNOWN, json_string_value(v));

    if (take_string(pc, qo, "stem", qpath, &fq->stem) < 0)
        return -1;
    join_path(path, qpath, "stem");
    if (!fq->stem || utf8_is_blank(fq->stem))
        return fail(pc, path, MSG_FEED_QUESTION_NO_STEM);
    if (check_length(pc, path, fq->stem, FEED_STEM_MAX_CHARS) < 0)
        return -1;

    if (take_options(pc, qo, qpath, fq) < 0 || take_answer(pc, qo, qpath, fq) < 0)
        return -1;

    if (take_string(pc, qo, "explanation", qpath, &fq->explanation) < 0)
        return -1;
    join_path(path, qpath, "explanation");
    if (!fq->explanation || utf8_is_blank(fq->explanation))
        return fail(pc, path, MSG_FEED_QUESTION_NO_EXPLANATION);
    if (check_length(pc, path, fq->explanation, FEED_EXPLANATION_MAX_CHARS) < 0)
        return -1;

    if (take_string(pc, qo, "source", qpath, &fq->source) < 0)
        return -1;
    if (fq->source && utf8_is_blank(fq->source)) { /* an empty source is no source */
        free(fq->source);
        fq->source = NULL;
    }
    join_path(path, qpath, "source");
    if (fq->source && check_length(pc, path, fq->source, FEED_QUESTION_SOURCE_MAX_CHARS) < 0)
        return -1;
    return 0;
}

/* "_qingfeng.questions": the self-check of a case. */
static int take_questions(struct parse_ctx *pc, json_t *q, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX], qpath[FIELD_PATH_MAX];
    json_t *v = json_object_get(q, "questions");
    size_t n, i;

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "questions");
    if (!json_is_array(v))
        return fail(pc, path, MSG_FEED_QUESTIONS_NOT_LIST, json_kind_word(pc, v));
    n = json_array_size(v);
    if (n == 0)
        return 0;
    if (it->kind != ITEM_CASE)
        return fail(pc, path, MSG_FEED_QUESTIONS_NOT_CASE,
                    msg_fmt(pc->errs->lang, it->kind == ITEM_MAXIM ? MSG_WORD_MAXIM : MSG_WORD_STORY));
    if (n > FEED_QUESTIONS_MAX)
        return fail(pc, path, MSG_FEED_QUESTIONS_TOO_MANY, n, FEED_QUESTIONS_MAX, FEED_QUESTIONS_MAX);
    it->questions = calloc(n, sizeof *it->questions);
    if (!it->questions)
        return fail_oom(pc);
    for (i = 0; i < n; i++) {
        path_fmt(qpath, "%s[%zu]", path, i);
        it->n_questions++;
        if (parse_question(pc, json_array_get(v, i), qpath, &it->questions[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- schedule, pinning, screen groups ---------------------------------- */

/* One date of "_qingfeng.schedule": "YYYY-MM-DD" or absent (0). */
static int take_date(struct parse_ctx *pc, json_t *sch, const char *key, const char *base, int *date)
{
    char path[FIELD_PATH_MAX];
    char *s = NULL;
    int rc = 0;

    if (take_string(pc, sch, key, base, &s) < 0)
        return -1;
    join_path(path, base, key);
    if (s && date_parse(s, date) < 0)
        rc = fail(pc, path, MSG_SCHEDULE_DATE_BAD, s);
    free(s);
    return rc;
}

/* "_qingfeng.schedule": {"from", "until", "days", "hours"}, all optional. */
static int take_schedule(struct parse_ctx *pc, json_t *q, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX], fpath[FIELD_PATH_MAX];
    json_t *v = json_object_get(q, "schedule");
    struct feed_schedule *sc = &it->schedule;
    char *s = NULL;
    int rc = -1;

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "schedule");
    if (!json_is_object(v))
        return fail(pc, path, MSG_FEED_SCHEDULE_NOT_OBJECT, json_kind_word(pc, v));
    if (take_date(pc, v, "from", path, &sc->from) < 0 || take_date(pc, v, "until", path, &sc->until) < 0)
        return -1;
    if (sc->from && sc->until && sc->until < sc->from) {
        char from[16], until[16];
        snprintf(from, sizeof from, "%04d-%02d-%02d", sc->from / 10000, sc->from / 100 % 100, sc->from % 100);
        snprintf(until, sizeof until, "%04d-%02d-%02d", sc->until / 10000, sc->until / 100 % 100, sc->until % 100);
        join_path(fpath, path, "until");
        return fail(pc, fpath, MSG_SCHEDULE_UNTIL_BEFORE_FROM, until, from);
    }
    if (take_string(pc, v, "days", path, &s) < 0)
        goto out;
    join_path(fpath, path, "days");
    if (s && weekdays_parse(s, &sc->when.days) < 0) {
        fail(pc, fpath, MSG_SCHEDULE_DAYS_BAD, s);
        goto out;
    }
    free(s);
    s = NULL;
    if (take_string(pc, v, "hours", path, &s) < 0)
        goto out;
    join_path(fpath, path, "hours");
    if (s && *s && hour_ranges_parse(s, sc->when.ranges, DAYPART_RANGES_MAX, &sc->when.n_ranges) < 0) {
        fail(pc, fpath, MSG_SCHEDULE_HOURS_BAD, s);
        goto out;
    }
    rc = 0;
out:
    free(s);
    return rc;
}

static int take_pinned(struct parse_ctx *pc, json_t *q, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX];
    json_t *v = json_object_get(q, "pinned");

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "pinned");
    if (!json_is_boolean(v))
        return fail(pc, path, MSG_FEED_PINNED_NOT_BOOL, json_kind_word(pc, v));
    it->pinned = json_is_true(v);
    return 0;
}

/* "_qingfeng.groups": ["lobby", "3f"]; a name given twice counts once. */
static int take_groups(struct parse_ctx *pc, json_t *q, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX], gpath[FIELD_PATH_MAX];
    json_t *v = json_object_get(q, "groups");
    size_t n;

    if (!v || json_is_null(v))
        return 0;
    join_path(path, base, "groups");
    if (!json_is_array(v))
        return fail(pc, path, MSG_FEED_GROUPS_NOT_LIST, json_kind_word(pc, v));
    n = json_array_size(v);
    if (n > FEED_GROUPS_MAX)
        return fail(pc, path, MSG_GROUPS_TOO_MANY, n, FEED_GROUPS_MAX);
    if (n == 0)
        return 0;
    it->groups = calloc(n, sizeof *it->groups);
    if (!it->groups)
        return fail_oom(pc);
    for (size_t i = 0; i < n; i++) {
        json_t *g = json_array_get(v, i);

        path_fmt(gpath, "%s[%zu]", path, i);
        if (!json_is_string(g))
            return fail(pc, gpath, MSG_FEED_NOT_STRING, json_kind_word(pc, g));
        if (!group_name_is_valid(json_string_value(g)))
            return fail(pc, gpath, MSG_GROUP_NAME_BAD, json_string_value(g));
        it->groups[it->n_groups] = strdup(json_string_value(g));
        if (!it->groups[it->n_groups])
            return fail_oom(pc);
        it->n_groups++;
    }
    return 0;
}

/* The first author name of a plain JSON Feed item ("authors" in 1.1,
 * "author" in 1.0), or NULL. */
static const char *plain_author(json_t *item)
{
    json_t *a = json_object_get(item, "authors");
    json_t *name;

    if (json_is_array(a) && json_array_size(a) > 0)
        a = json_array_get(a, 0);
    else
        a = json_object_get(item, "author");
    name = json_is_object(a) ? json_object_get(a, "name") : NULL;
    return json_is_string(name) ? json_string_value(name) : NULL;
}

/* ---- items ------------------------------------------------------------- */

static int parse_item_id(struct parse_ctx *pc, json_t *item, const char *base, struct feed_item *it)
{
    char path[FIELD_PATH_MAX];
    json_t *v = json_object_get(item, "id");

    join_path(path, base, "id");
    if (!v || json_is_null(v))
        return fail(pc, path, MSG_FEED_ID_MISSING);
    if (json_is_integer(v)) { /* JSON Feed: a numeric id is read as a string */
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        it->id = strdup(num);
        return it->id ? 0 : fail_oom(pc);
    }
    if (!json_is_string(v))
        return fail(pc, path, MSG_FEED_ID_NOT_STRING, json_kind_word(pc, v));
    if (json_string_length(v) == 0)
        return fail(pc, path, MSG_FEED_ID_EMPTY);
    it->id = strdup(json_string_value(v));
    return it->id ? 0 : fail_oom(pc);
}

static int parse_item(struct parse_ctx *pc, json_t *item, size_t index, struct feed_item *it)
{
    char base[FIELD_PATH_MAX], qbase[FIELD_PATH_MAX], path[FIELD_PATH_MAX];
    json_t *q, *v;
    char *html = NULL;
    int rc = -1;

    path_fmt(base, "items[%zu]", index);
    join_path(qbase, base, "_qingfeng");
    it->weight = 1;
    it->kind = ITEM_STORY;
    it->schedule.when.days = DAYPART_ALL_DAYS;
    if (!json_is_object(item)) {
        fail(pc, base, MSG_FEED_ITEM_NOT_OBJECT, json_kind_word(pc, item));
        goto out;
    }
    if (parse_item_id(pc, item, base, it) < 0)
        goto out;

    q = json_object_get(item, "_qingfeng");
    if (q && !json_is_object(q)) {
        fail(pc, qbase, MSG_FEED_ITEM_QF_NOT_OBJECT, json_kind_word(pc, q));
        goto out;
    }
    if (q) {
        v = json_object_get(q, "kind");
        join_path(path, qbase, "kind");
        if (v && !json_is_string(v)) {
            fail(pc, path, MSG_FEED_KIND_NOT_STRING, json_kind_word(pc, v));
            goto out;
        }
        if (v && item_kind_from_name(json_string_value(v), &it->kind) < 0) {
            fail(pc, path, MSG_KIND_UNKNOWN, json_string_value(v));
            goto out;
        }
        v = json_object_get(q, "weight");
        join_path(path, qbase, "weight");
        if (v && !json_is_integer(v)) {
            fail(pc, path, MSG_FEED_WEIGHT_NOT_INT, json_kind_word(pc, v));
            goto out;
        }
        if (v && (json_integer_value(v) < 1 || json_integer_value(v) > 10)) {
            char num[32];
            fail(pc, path, MSG_WEIGHT_RANGE, int_text(num, sizeof num, json_integer_value(v)));
            goto out;
        }
        if (v)
            it->weight = (int)json_integer_value(v);
        if (take_string(pc, q, "author", qbase, &it->author) < 0 ||
            take_string(pc, q, "source", qbase, &it->source) < 0 ||
            take_string(pc, q, "markdown", qbase, &it->markdown) < 0 ||
            take_string(pc, q, "intro", qbase, &it->intro) < 0 || take_pages(pc, q, qbase, it) < 0 ||
            take_questions(pc, q, qbase, it) < 0 || take_schedule(pc, q, qbase, it) < 0 ||
            take_pinned(pc, q, qbase, it) < 0 || take_groups(pc, q, qbase, it) < 0)
            goto out;
    }
    if (!it->author && plain_author(item) && !(it->author = dup_str(plain_author(item)))) {
        fail_oom(pc);
        goto out;
    }

    if (take_string(pc, item, "title", base, &it->title) < 0 ||
        take_string(pc, item, "summary", base, &it->summary) < 0 ||
        take_string(pc, item, "content_text", base, &it->text) < 0 ||
        take_string(pc, item, "content_html", base, &html) < 0 ||
        take_http_url(pc, item, "url", base, &it->url) < 0 || take_tags(pc, item, base, it) < 0 ||
        take_string(pc, item, "image", base, &it->image) < 0)
        goto out;

    if (!it->text && !html && !it->markdown) {
        fail(pc, base, MSG_FEED_NO_TEXT);
        goto out;
    }
    if (!it->text && html && !(it->text = html_to_text(html))) {
        fail_oom(pc);
        goto out;
    }
    if (!it->text && it->markdown && !(it->text = strdup(it->markdown))) {
        fail_oom(pc);
        goto out;
    }
    if (it->kind == ITEM_MAXIM && (!it->text || !*it->text)) {
        join_path(path, base, "content_text");
        fail(pc, path, MSG_FEED_MAXIM_NO_TEXT);
        goto out;
    }
    if (it->kind != ITEM_MAXIM && (!it->title || !*it->title)) {
        join_path(path, base, "title");
        fail(pc, path, MSG_FEED_NO_TITLE,
             msg_fmt(pc->errs->lang, it->kind == ITEM_CASE ? MSG_WORD_CASE : MSG_WORD_STORY));
        goto out;
    }
    if (it->kind != ITEM_MAXIM && !it->summary && it->text && *it->text && !(it->summary = make_summary(it->text))) {
        fail_oom(pc);
        goto out;
    }
    if (it->image) {
        join_path(path, base, "image");
        if (!q && (strncmp(it->image, "http://", 7) == 0 || strncmp(it->image, "https://", 8) == 0)) {
            /* A plain JSON Feed points at web images: the kiosk only shows
             * pinned assets, so the picture is left out, not the item. */
            free(it->image);
            it->image = NULL;
        } else if (!feed_path_is_safe(it->image)) {
            fail(pc, path, MSG_FEED_PATH_UNSAFE,
                 it->image);
            goto out;
        }
    }
    rc = 0;
out:
    free(html);
    return rc;
}

/* ---- assets ------------------------------------------------------------ */

static int parse_asset(struct parse_ctx *pc, json_t *a, size_t index, struct feed_asset *as)
{
    char base[FIELD_PATH_MAX], path[FIELD_PATH_MAX];
    json_t *v;

    path_fmt(base, "_qingfeng.assets[%zu]", index);
    if (!json_is_object(a))
        return fail(pc, base, MSG_FEED_ASSET_NOT_OBJECT,
                    json_kind_word(pc, a));
    if (take_string(pc, a, "path", base, &as->path) < 0)
        return -1;
    join_path(path, base, "path");
    if (!as->path)
        return fail(pc, path, MSG_FEED_ASSET_PATH_MISSING);
    if (!feed_path_is_safe(as->path))
        return fail(pc, path, MSG_FEED_PATH_UNSAFE,
                    as->path);
    v = json_object_get(a, "size");
    join_path(path, base, "size");
    if (!v)
        return fail(pc, path, MSG_FEED_ASSET_SIZE_MISSING);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return fail(pc, path, MSG_FEED_ASSET_SIZE_BAD);
    as->size = (uint64_t)json_integer_value(v);
    v = json_object_get(a, "sha256");
    join_path(path, base, "sha256");
    if (!v)
        return fail(pc, path, MSG_FEED_ASSET_SHA_MISSING);
    if (!json_is_string(v) || !sha256_hex_is_valid(json_string_value(v)))
        return fail(pc, path, MSG_FEED_ASSET_SHA_BAD);
    memcpy(as->sha256, json_string_value(v), SHA256_HEX_LEN + 1);
    return 0;
}

/* Sorts (name, index) pairs to find duplicates in O(n log n). */
struct name_ref {
    const char *name;
    size_t index;
};

static int name_ref_cmp(const void *a, const void *b)
{
    const struct name_ref *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Finds the earliest entry whose name was used before. Returns 1 and sets
 * *dup and *first, 0 if all names differ, -1 when out of memory. */
static int find_duplicate(const char *const *names, size_t stride, size_t n, size_t *dup, size_t *first)
{
    struct name_ref *refs;
    size_t i;
    int found = 0;

    if (n < 2)
        return 0;
    refs = malloc(n * sizeof *refs);
    if (!refs)
        return -1;
    for (i = 0; i < n; i++) {
        refs[i].name = *(const char *const *)((const char *)names + i * stride);
        refs[i].index = i;
    }
    qsort(refs, n, sizeof *refs, name_ref_cmp);
    for (i = 1; i < n; i++) {
        if (strcmp(refs[i].name, refs[i - 1].name) == 0 && (!found || refs[i].index < *dup)) {
            size_t j = i - 1;
            while (j > 0 && strcmp(refs[j - 1].name, refs[i].name) == 0)
                j--;
            *dup = refs[i].index;
            *first = refs[j].index;
            found = 1;
        }
    }
    free(refs);
    return found;
}

static int asset_path_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static int asset_path_sort(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What checking the pictures of one item's Markdown needs. */
struct body_check {
    struct parse_ctx *pc;
    const char **paths; /* the asset paths, sorted; NULL when there are none */
    size_t n_paths;
    const struct feed_item *it;
    const char *field;  /* the field path of the text, e.g. items[1]._qingfeng.intro */
    int plain;          /* a plain JSON Feed item: web pictures are left out, not refused */
    int failed;
};

static int is_listed(const char **paths, size_t n, const char *path)
{
    return paths && bsearch(path, paths, n, sizeof *paths, asset_path_cmp);
}

static int body_image_check(void *ctx, const char *src, int line)
{
    struct body_check *bc = ctx;

    (void)line;
    if (bc->plain && (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0))
        return 0; /* the screen shows its caption in a quiet box */
    if (!feed_path_is_safe(src))
        fail(bc->pc, bc->field, MSG_FEED_BODY_IMAGE_UNSAFE, bc->it->id, src);
    else if (!is_listed(bc->paths, bc->n_paths, src))
        fail(bc->pc, bc->field, MSG_FEED_BODY_IMAGE_NOT_LISTED, bc->it->id, src);
    else
        return 0;
    bc->failed = 1;
    return 1;
}

/* Checks the pictures of one Markdown text of an item. Returns -1 after
 * a message. */
static int check_body_images(struct body_check *bc, const char *markdown, const char *field)
{
    bc->field = field;
    if (feed_markdown_images(markdown, body_image_check, bc) < 0)
        return fail_oom(bc->pc);
    return bc->failed ? -1 : 0;
}

/* Every picture an item shows must be a listed asset: its image, and every
 * picture of its Markdown (the body, the intro, the pages, the
 * explanations of its questions), so a feed cannot make the screen open
 * files that are not pinned. `items` is the JSON array the items came from. */
static int check_images_listed(struct parse_ctx *pc, struct feed *feed, json_t *items)
{
    const char **paths = NULL;
    char path[FIELD_PATH_MAX];
    size_t i, k;
    int rc = -1;

    if (feed->n_assets) {
        paths = malloc(feed->n_assets * sizeof *paths);
        if (!paths) {
            fail_oom(pc);
            goto out;
        }
        for (i = 0; i < feed->n_assets; i++)
            paths[i] = feed->assets[i].path;
        qsort(paths, feed->n_assets, sizeof *paths, asset_path_sort);
    }
    for (i = 0; i < feed->n_items; i++) {
        const struct feed_item *it = &feed->items[i];
        json_t *item = json_array_get(items, i);
        struct body_check bc = { pc, paths, feed->n_assets, it, NULL, !json_object_get(item, "_qingfeng"), 0 };

        if (it->image && !is_listed(paths, feed->n_assets, it->image)) {
            path_fmt(path, "items[%zu].image", i);
            fail(pc, path, MSG_FEED_IMAGE_NOT_LISTED, it->image);
            goto out;
        }
        if (it->kind == ITEM_MAXIM)
            continue; /* a saying is shown as plain text */
        /* the screen reads the Markdown, or the text when there is none */
        if (it->markdown)
            path_fmt(path, "items[%zu]._qingfeng.markdown", i);
        else
            path_fmt(path, "items[%zu].%s", i, json_object_get(item, "content_text") ? "content_text" : "content_html");
        if (check_body_images(&bc, it->markdown ? it->markdown : it->text, path) < 0)
            goto out;
        path_fmt(path, "items[%zu]._qingfeng.intro", i);
        if (check_body_images(&bc, it->intro, path) < 0)
            goto out;
        for (k = 0; k < it->n_pages; k++) {
            path_fmt(path, "items[%zu]._qingfeng.pages[%zu].markdown", i, k);
            if (check_body_images(&bc, it->pages[k].markdown, path) < 0)
                goto out;
        }
        for (k = 0; k < it->n_questions; k++) {
            path_fmt(path, "items[%zu]._qingfeng.questions[%zu].explanation", i, k);
            if (check_body_images(&bc, it->questions[k].explanation, path) < 0)
                goto out;
        }
    }
    rc = 0;
out:
    free(paths);
    return rc;
}

/* ---- the quiz bank ----------------------------------------------------- */

/* "_qingfeng.quiz": {"bank": "quiz/bank.json", "questions": N}. The bank
 * must be a listed asset, so the kiosk never opens a file the feed does
 * not pin. */
static int parse_quiz(struct parse_ctx *pc, json_t *v, struct feed *feed)
{
    json_t *n;

    if (!json_is_object(v))
        return fail(pc, "_qingfeng.quiz", MSG_FEED_QUIZ_NOT_OBJECT, json_kind_word(pc, v));
    if (take_string(pc, v, "bank", "_qingfeng.quiz", &feed->quiz_bank) < 0)
        return -1;
    if (!feed->quiz_bank)
        return fail(pc, "_qingfeng.quiz.bank", MSG_FEED_QUIZ_BANK_MISSING);
    if (!feed_path_is_safe(feed->quiz_bank))
        return fail(pc, "_qingfeng.quiz.bank", MSG_FEED_PATH_UNSAFE, feed->quiz_bank);
    if (!feed_find_asset(feed, feed->quiz_bank))
        return fail(pc, "_qingfeng.quiz.bank", MSG_FEED_QUIZ_BANK_NOT_LISTED, feed->quiz_bank);
    n = json_object_get(v, "questions");
    if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > QBANK_QUESTIONS_MAX)
        return fail(pc, "_qingfeng.quiz.questions", MSG_FEED_QUIZ_QUESTIONS_BAD, QBANK_QUESTIONS_MAX);
    feed->quiz_questions = (size_t)json_integer_value(n);
    if (take_string(pc, v, "leaderboard", "_qingfeng.quiz", &feed->quiz_leaderboard) < 0)
        return -1;
    if (feed->quiz_leaderboard && !feed_path_is_safe(feed->quiz_leaderboard))
        return fail(pc, "_qingfeng.quiz.leaderboard", MSG_FEED_PATH_UNSAFE, feed->quiz_leaderboard);
    if (feed->quiz_leaderboard && !feed_find_asset(feed, feed->quiz_leaderboard))
        return fail(pc, "_qingfeng.quiz.leaderboard", MSG_FEED_QUIZ_BANK_NOT_LISTED, feed->quiz_leaderboard);
    return 0;
}

/* ---- the document ------------------------------------------------------ */

static int is_known_version(const char *v)
{
    return strcmp(v, "https://jsonfeed.org/version/1.1") == 0 || strcmp(v, "https://jsonfeed.org/version/1") == 0;
}

static int parse_top(struct parse_ctx *pc, json_t *root, struct feed *feed)
{
    json_t *v, *q, *items, *assets = NULL;
    char *version = NULL;
    size_t i, dup, first;
    int rc = -1, d;

    if (!json_is_object(root)) {
        fail(pc, "", MSG_FEED_ROOT_NOT_OBJECT,
             json_kind_word(pc, root));
        goto out;
    }
    v = json_object_get(root, "version");
    if (!v) {
        fail(pc, "version", MSG_FEED_VERSION_MISSING);
        goto out;
    }
    if (take_string(pc, root, "version", "", &version) < 0)
        goto out;
    if (!is_known_version(version)) {
        fail(pc, "version", MSG_FEED_VERSION_UNKNOWN, version);
        goto out;
    }
    if (take_string(pc, root, "title", "", &feed->title) < 0 ||
        take_string(pc, root, "language", "", &feed->language) < 0 ||
        take_http_url(pc, root, "home_page_url", "", &feed->home_page_url) < 0)
        goto out;
    if (!feed->title) {
        fail(pc, "title", MSG_FEED_TITLE_MISSING);
        goto out;
    }

    q = json_object_get(root, "_qingfeng");
    if (q && !json_is_object(q)) {
        fail(pc, "_qingfeng", MSG_FEED_QF_NOT_OBJECT, json_kind_word(pc, q));
        goto out;
    }
    if (q && (v = json_object_get(q, "format"))) {
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            fail(pc, "_qingfeng.format", MSG_FEED_FORMAT_BAD);
            goto out;
        }
        if (json_integer_value(v) > 1) {
            char num[32];
            fail(pc, "_qingfeng.format", MSG_FEED_FORMAT_NEWER, int_text(num, sizeof num, json_integer_value(v)));
            goto out;
        }
    }
    if (q && (assets = json_object_get(q, "assets")) && !json_is_array(assets)) {
        fail(pc, "_qingfeng.assets", MSG_FEED_ASSETS_NOT_LIST,
             json_kind_word(pc, assets));
        goto out;
    }
    if (assets && json_array_size(assets) > 0) {
        feed->assets = calloc(json_array_size(assets), sizeof *feed->assets);
        if (!feed->assets) {
            fail_oom(pc);
            goto out;
        }
        for (i = 0; i < json_array_size(assets); i++) {
            feed->n_assets++;
            if (parse_asset(pc, json_array_get(assets, i), i, &feed->assets[i]) < 0)
                goto out;
        }
        d = find_duplicate((const char *const *)&feed->assets[0].path, sizeof feed->assets[0], feed->n_assets,
                           &dup, &first);
        if (d < 0) {
            fail_oom(pc);
            goto out;
        }
        if (d > 0) {
            char path[FIELD_PATH_MAX];
            path_fmt(path, "_qingfeng.assets[%zu].path", dup);
            fail(pc, path, MSG_FEED_ASSET_DUPLICATE,
                 feed->assets[dup].path, first);
            goto out;
        }
    }
    if (q && (v = json_object_get(q, "quiz")) && parse_quiz(pc, v, feed) < 0)
        goto out;

    items = json_object_get(root, "items");
    if (!items) {
        fail(pc, "items", MSG_FEED_ITEMS_MISSING);
        goto out;
    }
    if (!json_is_array(items)) {
        fail(pc, "items", MSG_FEED_ITEMS_NOT_LIST, json_kind_word(pc, items));
        goto out;
    }
    if (json_array_size(items) == 0) {
        fail(pc, "items", MSG_FEED_ITEMS_EMPTY);
        goto out;
    }
    feed->items = calloc(json_array_size(items), sizeof *feed->items);
    if (!feed->items) {
        fail_oom(pc);
        goto out;
    }
    for (i = 0; i < json_array_size(items); i++) {
        feed->n_items++;
        if (parse_item(pc, json_array_get(items, i), i, &feed->items[i]) < 0)
            goto out;
    }
    d = find_duplicate((const char *const *)&feed->items[0].id, sizeof feed->items[0], feed->n_items, &dup, &first);
    if (d < 0) {
        fail_oom(pc);
        goto out;
    }
    if (d > 0) {
        char path[FIELD_PATH_MAX];
        path_fmt(path, "items[%zu].id", dup);
        fail(pc, path, MSG_FEED_ID_DUPLICATE, feed->items[dup].id, first);
        goto out;
    }
    if (check_images_listed(pc, feed, items) < 0)
        goto out;
    rc = 0;
out:
    free(version);
    return rc;
}

struct feed *feed_parse_diag(const char *json, size_t len, const char *name, struct diag *errs)
{
    struct parse_ctx pc = { json, len, name ? name : "feed.json", errs };
    struct feed *feed = NULL;
    json_t *root = NULL;
    json_error_t jerr;

    if (len > FEED_MAX_BYTES) {
        diag_path(errs, pc.name, 1, msg_fmt(errs->lang, MSG_PATH_WHOLE_FEED), MSG_FEED_TOO_BIG, len,
                  FEED_MAX_BYTES / (1024u * 1024u));
        goto fail;
    }
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root && json_error_code(&jerr) == json_error_invalid_utf8) {
        /* jansson's position is the offset of the first byte that does not decode. */
        size_t at = jerr.position > 0 ? (size_t)jerr.position : 0;
        diag_path(errs, pc.name, jerr.line > 0 ? jerr.line : 1, msg_fmt(errs->lang, MSG_PATH_SYNTAX),
                  MSG_FEED_NOT_UTF8, at < len ? (unsigned char)json[at] : 0u, jerr.column > 0 ? jerr.column : 1);
        goto fail;
    }
    if (!root) {
        diag_path(errs, pc.name, jerr.line > 0 ? jerr.line : 1, msg_fmt(errs->lang, MSG_PATH_SYNTAX), MSG_FEED_SYNTAX,
                  jerr.text, jerr.column > 0 ? jerr.column : 1);
        goto fail;
    }
    feed = calloc(1, sizeof *feed);
    if (!feed) {
        fail_oom(&pc);
        goto fail;
    }
    if (parse_top(&pc, root, feed) < 0)
        goto fail;
    json_decref(root);
    return feed;
fail:
    json_decref(root);
    feed_free(feed);
    return NULL;
}

struct feed *feed_parse(const char *json, size_t len, const char *name, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    struct feed *feed = feed_parse_diag(json, len, name, &d);

    diag_first(&d, err, errlen);
    diag_free(&d);
    return feed;
}

/* ---- files ------------------------------------------------------------- */

int feed_read_file(const char *path, size_t limit, char **out, size_t *len)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t cap = 65536, n = 0;
    int rc = -1;

    f = fopen(path, "rb");
    if (!f)
        goto out;
    buf = malloc(cap);
    if (!buf)
        goto out;
    for (;;) {
        size_t got;
        if (n == cap - 1) {
            char *bigger;
            if (cap - 1 > limit) {
                rc = -2;
                goto out;
            }
            cap = cap * 2 > limit + 2 ? limit + 2 : cap * 2;
            bigger = realloc(buf, cap);
            if (!bigger)
                goto out;
            buf = bigger;
        }
        errno = 0;
        got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (n > limit) {
            rc = -2;
            goto out;
        }
        if (got == 0) {
            if (ferror(f)) {
                if (!errno)
                    errno = EIO;
                goto out;
            }
            break;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
    rc = 0;
out:
    if (f) {
        int saved = errno;
        fclose(f);
        errno = saved;
    }
    free(buf);
    return rc;
}

struct feed *feed_load_file_diag(const char *path, struct diag *errs)
{
    struct feed *feed = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = feed_read_file(path, FEED_MAX_BYTES, &text, &len);

    if (rc == -2)
        diag_path(errs, path, 1, msg_fmt(errs->lang, MSG_PATH_WHOLE_FEED), MSG_FEED_FILE_TOO_BIG,
                  FEED_MAX_BYTES / (1024u * 1024u));
    else if (rc < 0)
        diag_field(errs, path, 0, NULL, MSG_FEED_CANNOT_READ, msg_strerror(errs->lang, errno));
    else
        feed = feed_parse_diag(text, len, path, errs);
    free(text);
    return feed;
}

struct feed *feed_load_file(const char *path, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    struct feed *feed = feed_load_file_diag(path, &d);

    diag_first(&d, err, errlen);
    diag_free(&d);
    return feed;
}

size_t feed_verify_assets_diag(const struct feed *feed, const char *dir, struct diag *errs)
{
    size_t bad = 0;

    for (size_t i = 0; i < feed->n_assets; i++) {
        const struct feed_asset *as = &feed->assets[i];
        char path[4096], hex[SHA256_HEX_LEN + 1];
        uint64_t size = 0;
        struct stat st;
        size_t before = errs->n;
        int n = snprintf(path, sizeof path, "%s/%s", dir, as->path), oom = errs->out_of_memory;

        if (n < 0 || (size_t)n >= sizeof path)
            diag_field(errs, path, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        else if (stat(path, &st) != 0)
            diag_field(errs, path, 0, NULL, MSG_ASSET_MISSING, msg_strerror(errs->lang, errno));
        else if (!S_ISREG(st.st_mode))
            diag_field(errs, path, 0, NULL, MSG_ASSET_NOT_REGULAR);
        else if (sha256_hex_file(path, hex, &size) != 0)
            diag_field(errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(errs->lang, errno));
        else if (size != as->size)
            diag_field(errs, path, 0, NULL, MSG_ASSET_SIZE_DIFFERS, (unsigned long long)size,
                       (unsigned long long)as->size);
        else if (strcmp(hex, as->sha256) != 0)
            diag_field(errs, path, 0, NULL, MSG_ASSET_SHA_DIFFERS, hex, as->sha256);
        if (errs->n != before || errs->out_of_memory != oom)
            bad++;
    }
    return bad;
}

size_t feed_verify_assets(const struct feed *feed, const char *dir, feed_report_fn report, void *ctx)
{
    struct diag d = { .lang = MSG_LANG_EN };
    size_t bad = feed_verify_assets_diag(feed, dir, &d);

    for (size_t i = 0; report && i < d.n; i++)
        report(ctx, d.lines[i]);
    diag_free(&d);
    return bad;
}

struct feed *feed_load_dir_diag(const char *dir, struct diag *errs)
{
    char path[4096];
    struct feed *feed;
    int n = snprintf(path, sizeof path, "%s/feed.json", dir);

    if (n < 0 || (size_t)n >= sizeof path) {
        diag_field(errs, dir, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return NULL;
    }
    feed = feed_load_file_diag(path, errs);
    if (feed && feed_verify_assets_diag(feed, dir, errs) > 0) {
        feed_free(feed);
        feed = NULL;
    }
    return feed;
}

struct feed *feed_load_dir(const char *dir, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    struct feed *feed = feed_load_dir_diag(dir, &d);

    diag_first(&d, err, errlen);
    diag_free(&d);
    return feed;
}

/* ---- pictures in Markdown ----------------------------------------------- */

struct seen_image {
    const char *src;
    int line;
};

/* Walks the pictures of one reading of the text; `seen` holds the pictures
 * already reported (n of them, room for cap). */
static int images_of(const char *text, struct seen_image **seen, size_t *n, size_t *cap, struct richdoc *doc,
                     feed_image_fn fn, void *ctx)
{
    size_t len = strlen(text);

    if (len > RICHDOC_INPUT_MAX || !utf8_valid(text, len))
        return 0; /* the screen shows none of it */
    if (richdoc_parse(text, doc) != 0)
        return -1;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const struct richdoc_block *blk = &doc->blocks[i];
        size_t k;

        if (blk->kind != RICHDOC_IMAGE || !blk->src)
            continue;
        for (k = 0; k < *n; k++)
            if ((*seen)[k].line == blk->line && strcmp((*seen)[k].src, blk->src) == 0)
                break;
        if (k < *n)
            continue;
        if (*n == *cap) {
            size_t grown_cap = *cap ? *cap * 2 : 8;
            struct seen_image *grown = realloc(*seen, grown_cap * sizeof *grown);
            if (!grown)
                return -1;
            *seen = grown;
            *cap = grown_cap;
        }
        (*seen)[(*n)++] = (struct seen_image){ blk->src, blk->line };
        if (fn(ctx, blk->src, blk->line))
            return 1;
    }
    return 0;
}

int feed_markdown_images(const char *markdown, feed_image_fn fn, void *ctx)
{
    struct richdoc doc = { 0 };
    struct seen_image *seen = NULL;
    size_t n = 0, cap = 0;

    if (!markdown)
        return 0;
    int rc = images_of(markdown, &seen, &n, &cap, &doc, fn, ctx);
    richdoc_free(&doc);
    free(seen);
    return rc;
}

/* ---- queries and cleanup ----------------------------------------------- */

const struct feed_asset *feed_find_asset(const struct feed *feed, const char *path)
{
    for (size_t i = 0; feed && path && i < feed->n_assets; i++)
        if (strcmp(feed->assets[i].path, path) == 0)
            return &feed->assets[i];
    return NULL;
}

size_t feed_count_kind(const struct feed *feed, enum item_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; feed && i < feed->n_items; i++)
        n += feed->items[i].kind == kind;
    return n;
}

static void item_free(struct feed_item *it)
{
    size_t i;

    free(it->id);
    free(it->title);
    free(it->summary);
    free(it->text);
    free(it->markdown);
    free(it->intro);
    free(it->author);
    free(it->source);
    free(it->image);
    free(it->url);
    for (i = 0; i < it->n_tags; i++)
        free(it->tags[i]);
    free(it->tags);
    for (i = 0; i < it->n_groups; i++)
        free(it->groups[i]);
    free(it->groups);
    for (i = 0; i < it->n_pages; i++) {
        free(it->pages[i].title);
        free(it->pages[i].markdown);
    }
    free(it->pages);
    for (i = 0; i < it->n_questions; i++)
        feed_question_clear(&it->questions[i]);
    free(it->questions);
}

void feed_free(struct feed *feed)
{
    size_t i;

    if (!feed)
        return;
    for (i = 0; i < feed->n_items; i++)
        item_free(&feed->items[i]);
    free(feed->items);
    for (i = 0; i < feed->n_assets; i++)
        free(feed->assets[i].path);
    free(feed->assets);
    free(feed->quiz_bank);
    free(feed->quiz_leaderboard);
    free(feed->title);
    free(feed->language);
    free(feed->home_page_url);
    free(feed);
}
