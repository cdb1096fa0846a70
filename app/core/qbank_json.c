/* bank.json: the question bank as published in the feed (qbank_to_json)
 * and as the kiosk loads it (qbank_parse_json, qbank_load_json). The file
 * is pinned by hash in feed.json, so the checks here guard against a bank
 * written by hand or by another tool: every field, type and limit. */
#include "core/qbank.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/feed.h"
#include "core/json_locate.h"
#include "core/utf8.h"

#define BASE_LEN 40     /* "questions[<any size_t>]" */
#define PATH_MAX_LEN 96 /* a base and a field */
#define FORMAT 1

/* ---- writing ---------------------------------------------------------------- */

static json_t *question_json(const struct qbank_question *q)
{
    json_t *o = json_object(), *options = json_array(), *answer = json_array();
    int bad = !o || !options || !answer;

    for (int k = 0; !bad && k < q->n_options; k++) {
        bad |= json_array_append_new(options, json_string(q->options[k]));
        if (q->answer & (1u << k))
            bad |= json_array_append_new(answer, json_integer(k));
    }
    if (!bad) {
        /* insertion order is output order: keep it fixed */
        bad |= json_object_set_new(o, "id", json_string(q->id));
        bad |= json_object_set_new(o, "type", json_string(qbank_type_name(q->type)));
        bad |= json_object_set_new(o, "level", json_string(qbank_level_name(q->level)));
        bad |= json_object_set_new(o, "category", json_string(q->category));
        bad |= json_object_set_new(o, "stem", json_string(q->stem));
        bad |= json_object_set_new(o, "options", options);
        options = NULL;
        bad |= json_object_set_new(o, "answer", answer);
        answer = NULL;
        bad |= json_object_set_new(o, "explanation", json_string(q->explanation));
        bad |= json_object_set_new(o, "source", json_string(q->source));
    }
    json_decref(options);
    json_decref(answer);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

char *qbank_to_json(const struct qbank *b)
{
    json_t *root = json_object(), *arr = json_array();
    char *text = NULL, *grown;
    size_t n;
    int bad = !root || !arr;

    for (size_t i = 0; !bad && i < b->n; i++) {
        json_t *q = question_json(&b->q[i]);
        bad |= !q || json_array_append_new(arr, q) < 0;
    }
    if (!bad) {
        bad |= json_object_set_new(root, "format", json_integer(FORMAT));
        bad |= json_object_set_new(root, "questions", arr);
        arr = NULL;
    }
    if (!bad)
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(arr);
    json_decref(root);
    if (!text)
        return NULL;
    n = strlen(text);
    grown = realloc(text, n + 2);
    if (!grown) {
        free(text);
        return NULL;
    }
    memcpy(grown + n, "\n", 2);
    return grown;
}

/* ---- reading ------------------------------------------------------------------ */

struct parse {
    const char *json;
    size_t len;
    const char *name;
    struct diag *errs;
};

/* Adds "<name>:<line>: <path>: <message>" and returns -1. */
static int fail(struct parse *p, const char *path, enum msg_id id, ...)
{
    va_list ap;

    va_start(ap, id);
    diag_vpath(p->errs, p->name, json_locate_line(p->json, p->len, path), path, id, ap);
    va_end(ap);
    return -1;
}

static const char *word(struct parse *p, enum msg_id id)
{
    return msg_fmt(p->errs->lang, id);
}

/* A string at `path`: not blank, at most `max` characters, no NUL inside. */
static int take_string(struct parse *p, json_t *v, const char *path, int max, char **out)
{
    const char *s;

    if (!json_is_string(v))
        return fail(p, path, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_STRING));
    s = json_string_value(v);
    if (strlen(s) != json_string_length(v) || utf8_is_blank(s) || utf8_count(s, strlen(s)) > (size_t)max)
        return fail(p, path, MSG_QBANK_JSON_TEXT, max);
    *out = strdup(s);
    if (!*out) {
        diag_field(p->errs, p->name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

static int take_text(struct parse *p, json_t *o, const char *base, const char *key, int max, char **out)
{
    char path[PATH_MAX_LEN];

    snprintf(path, sizeof path, "%s.%s", base, key);
    return take_string(p, json_object_get(o, key), path, max, out);
}

/* A field holding one of `names` (n of them): its index. */
static int take_name(struct parse *p, json_t *o, const char *base, const char *key, const char *(*name)(int), int n,
                     int *out)
{
    char path[PATH_MAX_LEN];
    json_t *v = json_object_get(o, key);

    snprintf(path, sizeof path, "%s.%s", base, key);
    if (!json_is_string(v))
        return fail(p, path, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_STRING));
    for (int i = 0; i < n; i++) {
        if (strcmp(json_string_value(v), name(i)) == 0) {
            *out = i;
            return 0;
        }
    }
    return fail(p, path, MSG_QBANK_JSON_VALUE, json_string_value(v));
}

static const char *type_name(int i)
{
    return qbank_type_name((enum qbank_type)i);
}

static const char *level_name(int i)
{
    return qbank_level_name((enum qbank_level)i);
}

static int take_options(struct parse *p, json_t *o, const char *base, struct qbank_question *q)
{
    char path[PATH_MAX_LEN];
    json_t *v = json_object_get(o, "options");
    size_t n;

    snprintf(path, sizeof path, "%s.options", base);
    if (!json_is_array(v))
        return fail(p, path, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_ARRAY));
    n = json_array_size(v);
    if (q->type == QBANK_JUDGE ? n != 2 : (n < 2 || n > QBANK_OPTIONS_MAX))
        return fail(p, path, MSG_QBANK_JSON_OPTIONS, n);
    for (size_t k = 0; k < n; k++) {
        char item[PATH_MAX_LEN];
        snprintf(item, sizeof item, "%s.options[%zu]", base, k);
        if (take_string(p, json_array_get(v, k), item, QBANK_OPTION_MAX_CHARS, &q->options[k]) < 0)
            return -1;
        q->n_options = (int)k + 1;
    }
    if (q->type == QBANK_JUDGE && (strcmp(q->options[0], "正确") != 0 || strcmp(q->options[1], "错误") != 0))
        return fail(p, path, MSG_QBANK_JSON_OPTIONS, n);
    return 0;
}

/* The right options: indices into the options, none twice, as many as
 * the type wants (单选 and 判断 one, 多选 two or more). */
static int take_answer(struct parse *p, json_t *o, const char *base, struct qbank_question *q)
{
    char path[PATH_MAX_LEN];
    json_t *v = json_object_get(o, "answer");
    int count = 0;

    snprintf(path, sizeof path, "%s.answer", base);
    if (!json_is_array(v))
        return fail(p, path, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_ARRAY));
    for (size_t k = 0; k < json_array_size(v); k++) {
        json_t *a = json_array_get(v, k);
        json_int_t i = json_is_integer(a) ? json_integer_value(a) : -1;
        if (i < 0 || i >= q->n_options || (q->answer & (1u << i)))
            return fail(p, path, MSG_QBANK_JSON_ANSWER);
        q->answer |= 1u << i;
        count++;
    }
    if (q->type == QBANK_MULTI ? count < 2 : count != 1)
        return fail(p, path, MSG_QBANK_JSON_ANSWER);
    return 0;
}

static int take_question(struct parse *p, json_t *o, size_t index, struct qbank_question *q)
{
    char base[BASE_LEN], path[PATH_MAX_LEN], id[17];
    json_t *v;
    int type, level;

    snprintf(base, sizeof base, "questions[%zu]", index);
    if (!json_is_object(o))
        return fail(p, base, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_OBJECT));
    if (take_name(p, o, base, "type", type_name, 3, &type) < 0)
        return -1;
    q->type = (enum qbank_type)type;
    if (take_name(p, o, base, "level", level_name, 3, &level) < 0)
        return -1;
    q->level = (enum qbank_level)level;
    if (take_text(p, o, base, "category", QBANK_CATEGORY_MAX_CHARS, &q->category) < 0 ||
        take_text(p, o, base, "stem", QBANK_STEM_MAX_CHARS, &q->stem) < 0 || take_options(p, o, base, q) < 0 ||
        take_answer(p, o, base, q) < 0 ||
        take_text(p, o, base, "explanation", QBANK_EXPLANATION_MAX_CHARS, &q->explanation) < 0 ||
        take_text(p, o, base, "source", QBANK_SOURCE_MAX_CHARS, &q->source) < 0)
        return -1;
    /* results name questions by id: it must be the one of this stem */
    snprintf(path, sizeof path, "%s.id", base);
    v = json_object_get(o, "id");
    if (!json_is_string(v))
        return fail(p, path, MSG_QBANK_JSON_NOT, word(p, MSG_WORD_STRING));
    if (qbank_stem_id(q->stem, id) < 0) {
        diag_field(p->errs, p->name, 0, NULL, MSG_SIG_SODIUM);
        return -1;
    }
    if (strcmp(json_string_value(v), id) != 0)
        return fail(p, path, MSG_QBANK_JSON_ID, json_string_value(v), id);
    memcpy(q->id, id, sizeof id);
    return 0;
}

struct id_ref {
    const char *id;
    size_t index;
};

static int id_ref_cmp(const void *a, const void *b)
{
    const struct id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The first question whose id an earlier one has. Returns 1 with *dup and
 * *first set, 0 when all differ, -1 when out of memory. */
static int find_duplicate(const struct qbank *b, size_t *dup, size_t *first)
{
    struct id_ref *refs = malloc(b->n * sizeof *refs);
    int found = 0;

    if (!refs)
        return -1;
    for (size_t i = 0; i < b->n; i++)
        refs[i] = (struct id_ref){ b->q[i].id, i };
    qsort(refs, b->n, sizeof *refs, id_ref_cmp);
    for (size_t i = 1; i < b->n; i++) {
        if (strcmp(refs[i].id, refs[i - 1].id) == 0 && (!found || refs[i].index < *dup)) {
            size_t j = i - 1;
            while (j > 0 && strcmp(refs[j - 1].id, refs[i].id) == 0)
                j--;
            *dup = refs[i].index;
            *first = refs[j].index;
            found = 1;
        }
    }
    free(refs);
    return found;
}

int qbank_parse_json(struct qbank *b, const char *json, size_t len, const char *name, struct diag *errs)
{
    struct parse p = { json, len, name ? name : "bank.json", errs };
    json_t *root = NULL, *v, *arr;
    json_error_t jerr;
    size_t n, dup = 0, first = 0;
    int rc = -1, d;

    b->q = NULL;
    b->n = 0;
    if (len > QBANK_JSON_MAX_BYTES) {
        diag_field(errs, p.name, 0, NULL, MSG_QBANK_JSON_TOO_BIG, QBANK_JSON_MAX_BYTES / (1024u * 1024u));
        goto out;
    }
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        diag_field(errs, p.name, jerr.line > 0 ? jerr.line : 1, NULL, MSG_QBANK_JSON_SYNTAX, jerr.text,
                   jerr.column > 0 ? jerr.column : 1);
        goto out;
    }
    if (!json_is_object(root)) {
        diag_field(errs, p.name, 1, NULL, MSG_QBANK_JSON_NOT, word(&p, MSG_WORD_OBJECT));
        goto out;
    }
    v = json_object_get(root, "format");
    if (!json_is_integer(v)) {
        fail(&p, "format", MSG_QBANK_JSON_NOT, word(&p, MSG_WORD_INTEGER));
        goto out;
    }
    if (json_integer_value(v) != FORMAT) {
        fail(&p, "format", MSG_QBANK_JSON_FORMAT);
        goto out;
    }
    arr = json_object_get(root, "questions");
    if (!json_is_array(arr)) {
        fail(&p, "questions", MSG_QBANK_JSON_NOT, word(&p, MSG_WORD_ARRAY));
        goto out;
    }
    n = json_array_size(arr);
    if (n < 1 || n > QBANK_QUESTIONS_MAX) {
        fail(&p, "questions", MSG_QBANK_JSON_COUNT, n, QBANK_QUESTIONS_MAX);
        goto out;
    }
    b->q = calloc(n, sizeof *b->q);
    if (!b->q) {
        diag_field(errs, p.name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        b->n++;
        if (take_question(&p, json_array_get(arr, i), i, &b->q[i]) < 0)
            goto out;
    }
    d = find_duplicate(b, &dup, &first);
    if (d < 0) {
        diag_field(errs, p.name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        goto out;
    }
    if (d > 0) {
        char path[PATH_MAX_LEN];
        snprintf(path, sizeof path, "questions[%zu].id", dup);
        fail(&p, path, MSG_QBANK_JSON_DUPLICATE, b->q[dup].id, first);
        goto out;
    }
    rc = 0;
out:
    if (rc < 0)
        qbank_free(b);
    json_decref(root);
    return rc;
}

int qbank_load_json_diag(struct qbank *b, const char *path, struct diag *errs)
{
    char *text = NULL;
    size_t len = 0;
    int rc = -1;

    b->q = NULL;
    b->n = 0;
    switch (feed_read_file(path, QBANK_JSON_MAX_BYTES, &text, &len)) {
    case 0:
        rc = qbank_parse_json(b, text, len, path, errs);
        break;
    case -2:
        diag_field(errs, path, 0, NULL, MSG_QBANK_JSON_TOO_BIG, QBANK_JSON_MAX_BYTES / (1024u * 1024u));
        break;
    default:
        diag_field(errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(errs->lang, errno));
        break;
    }
    free(text);
    return rc;
}

int qbank_load_json(struct qbank *b, const char *path, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    int rc = qbank_load_json_diag(b, path, &d);

    diag_first(&d, err, errlen);
    diag_free(&d);
    return rc;
}
