/* A result as the JSON document screens upload and the report tool reads,
 * and the ids that name them. */
#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/results.h"

#define KIND "quiz_result"
#define VERSION 1

void result_new_id(char id[RESULT_ID_LEN + 1])
{
    unsigned char raw[RESULT_ID_LEN / 2];
    if (sodium_init() < 0)
        abort(); /* only when the kernel has no entropy source at all */
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(id, RESULT_ID_LEN + 1, raw, sizeof raw);
}

bool result_id_valid(const char *id)
{
    for (int i = 0; i < RESULT_ID_LEN; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')))
            return false;
    return id[RESULT_ID_LEN] == 0;
}

char *result_to_json(const struct quiz_result *res)
{
    if (res->n_answers < 0 || res->n_answers > RESULT_ANSWERS_MAX)
        return NULL;
    json_t *answers = json_array();
    for (int i = 0; answers && i < res->n_answers; i++) {
        const struct result_answer *a = &res->answers[i];
        /* "s#" with the field's own bound: never reads past it */
        if (json_array_append_new(answers, json_pack("{s:s#, s:I, s:b, s:i}", "question", a->question,
                                                     (int)strnlen(a->question, sizeof a->question), "chosen",
                                                     (json_int_t)a->chosen, "correct", a->correct, "ms", a->ms)) != 0) {
            json_decref(answers);
            answers = NULL;
        }
    }
    if (!answers)
        return NULL;
    /* Keys in this order in the file (jansson keeps insertion order). */
    json_t *o = json_pack("{s:s, s:i, s:s#, s:s#, s:s#, s:I, s:I, s:b, s:i, s:i, s:i, s:i, s:o}", "kind", KIND,
                          "version", VERSION, "id", res->id, (int)strnlen(res->id, sizeof res->id), "screen_id",
                          res->screen_id, (int)strnlen(res->screen_id, sizeof res->screen_id), "department",
                          res->department, (int)strnlen(res->department, sizeof res->department), "started_at",
                          (json_int_t)res->started_at, "finished_at", (json_int_t)res->finished_at, "abandoned",
                          res->abandoned, "score", res->score, "correct", res->correct, "total", res->total,
                          "duration_ms", res->duration_ms, "answers", answers);
    if (!o)
        return NULL; /* "o" stole answers even on failure */
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return text;
}

/* ---- reading a document ------------------------------------------------------ */

static int refuse(char *err, size_t errlen, const char *fmt, const char *field)
{
    snprintf(err, errlen, fmt, field);
    return -1;
}

static int get_int(json_t *o, const char *field, json_int_t min, json_int_t max, json_int_t *out, char *err,
                   size_t errlen)
{
    json_t *v = json_object_get(o, field);
    if (!v)
        return refuse(err, errlen, "field \"%s\" is missing", field);
    if (!json_is_integer(v))
        return refuse(err, errlen, "field \"%s\" is not a whole number", field);
    *out = json_integer_value(v);
    if (*out < min || *out > max)
        return refuse(err, errlen, "field \"%s\" is out of range", field);
    return 0;
}

static int get_bool(json_t *o, const char *field, bool *out, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, field);
    if (!v)
        return refuse(err, errlen, "field \"%s\" is missing", field);
    if (!json_is_boolean(v))
        return refuse(err, errlen, "field \"%s\" is not true or false", field);
    *out = json_is_true(v);
    return 0;
}

/* Copies a string field that fits in `cap` bytes with its NUL. */
static int get_text(json_t *o, const char *field, char *dst, size_t cap, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, field);
    if (!v)
        return refuse(err, errlen, "field \"%s\" is missing", field);
    if (!json_is_string(v))
        return refuse(err, errlen, "field \"%s\" is not a string", field);
    size_t n = json_string_length(v);
    if (n >= cap)
        return refuse(err, errlen, "field \"%s\" is too long", field);
    if (memchr(json_string_value(v), 0, n))
        return refuse(err, errlen, "field \"%s\" holds a NUL character", field);
    memcpy(dst, json_string_value(v), n + 1);
    return 0;
}

static int get_answer(json_t *a, struct result_answer *out, char *err, size_t errlen)
{
    json_int_t chosen, ms;
    if (!json_is_object(a))
        return refuse(err, errlen, "an entry of \"%s\" is not an object", "answers");
    if (get_text(a, "question", out->question, sizeof out->question, err, errlen) ||
        get_int(a, "chosen", 0, UINT_MAX, &chosen, err, errlen) || get_bool(a, "correct", &out->correct, err, errlen) ||
        get_int(a, "ms", 0, INT_MAX, &ms, err, errlen))
        return -1;
    out->chosen = (unsigned)chosen;
    out->ms = (int)ms;
    return 0;
}

static int get_result(json_t *o, struct quiz_result *out, char *err, size_t errlen)
{
    json_int_t version, started, finished, score, correct, total, duration;
    const char *kind = json_string_value(json_object_get(o, "kind"));
    if (!kind || strcmp(kind, KIND) != 0)
        return refuse(err, errlen, "field \"kind\" is not \"%s\"", KIND);
    if (get_int(o, "version", 0, INT_MAX, &version, err, errlen))
        return -1;
    if (version != VERSION)
        return refuse(err, errlen, "field \"%s\" is not 1 (made by a newer kiosk?)", "version");
    if (get_text(o, "id", out->id, sizeof out->id, err, errlen))
        return -1;
    if (!result_id_valid(out->id))
        return refuse(err, errlen, "field \"%s\" is not 32 lower-case hex digits", "id");
    if (get_text(o, "screen_id", out->screen_id, sizeof out->screen_id, err, errlen) ||
        get_text(o, "department", out->department, sizeof out->department, err, errlen) ||
        get_int(o, "started_at", 0, INT64_MAX, &started, err, errlen) ||
        get_int(o, "finished_at", 0, INT64_MAX, &finished, err, errlen) ||
        get_bool(o, "abandoned", &out->abandoned, err, errlen) || get_int(o, "score", 0, INT_MAX, &score, err, errlen) ||
        get_int(o, "correct", 0, INT_MAX, &correct, err, errlen) || get_int(o, "total", 0, INT_MAX, &total, err, errlen) ||
        get_int(o, "duration_ms", 0, INT_MAX, &duration, err, errlen))
        return -1;
    out->started_at = started;
    out->finished_at = finished;
    out->score = (int)score;
    out->correct = (int)correct;
    out->total = (int)total;
    out->duration_ms = (int)duration;
    json_t *answers = json_object_get(o, "answers");
    if (!json_is_array(answers))
        return refuse(err, errlen, "field \"%s\" is missing or not a list", "answers");
    if (json_array_size(answers) > RESULT_ANSWERS_MAX)
        return refuse(err, errlen, "field \"%s\" has more than 50 entries", "answers");
    for (size_t i = 0; i < json_array_size(answers); i++)
        if (get_answer(json_array_get(answers, i), &out->answers[out->n_answers++], err, errlen))
            return -1;
    return 0;
}

int result_from_json(const char *json, size_t len, struct quiz_result *out, char *err, size_t errlen)
{
    json_error_t jerr;
    memset(out, 0, sizeof *out);
    json_t *o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!o) {
        snprintf(err, errlen, "not JSON: line %d: %s", jerr.line, jerr.text);
        return -1;
    }
    int rc = json_is_object(o) ? get_result(o, out, err, errlen) : refuse(err, errlen, "not a JSON %s", "object");
    json_decref(o);
    if (rc != 0)
        memset(out, 0, sizeof *out);
    return rc;
}
