#include "core/org_board.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int bad(char *err, size_t errlen, const char *field, const char *what)
{
    snprintf(err, errlen, "%s: %s", field, what);
    return -1;
}

/* A string field into dst (may be empty). */
static int text_field(json_t *o, const char *key, char *dst, size_t cap, const char *at, char *err, size_t errlen)
{
    char field[96];
    snprintf(field, sizeof field, "%s.%s", at, key);
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        return bad(err, errlen, field, "missing or not text");
    if (json_string_length(v) >= cap)
        return bad(err, errlen, field, "too long");
    snprintf(dst, cap, "%s", json_string_value(v));
    return 0;
}

static int int_field(json_t *o, const char *key, int lo, int hi, int *dst, const char *at, char *err, size_t errlen)
{
    char field[96];
    snprintf(field, sizeof field, "%s.%s", at, key);
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return bad(err, errlen, field, "not a number in range");
    *dst = (int)json_integer_value(v);
    return 0;
}

static int departments(json_t *list, const char *at, struct org_board_dept *rows, int *n, char *err, size_t errlen)
{
    if (!json_is_array(list))
        return bad(err, errlen, at, "not a list");
    *n = 0;
    for (size_t i = 0; i < json_array_size(list) && *n < ORG_BOARD_ROWS; i++) {
        char here[64];
        snprintf(here, sizeof here, "%s[%zu]", at, i);
        json_t *o = json_array_get(list, i), *avg = json_object_get(o, "avg_score");
        struct org_board_dept *d = &rows[*n];
        if (!json_is_object(o))
            return bad(err, errlen, here, "not an object");
        if (text_field(o, "department", d->department, sizeof d->department, here, err, errlen) ||
            int_field(o, "participants", 0, 100000000, &d->participants, here, err, errlen))
            return -1;
        if (!json_is_number(avg) || json_number_value(avg) < 0 || json_number_value(avg) > 100000) {
            char field[96];
            snprintf(field, sizeof field, "%s.avg_score", here);
            return bad(err, errlen, field, "not a number in range");
        }
        d->avg_score = json_number_value(avg);
        (*n)++;
    }
    return 0;
}

int org_board_parse(const char *text, size_t len, struct org_board *b, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "line %d: %s", je.line, je.text);
        return -1;
    }
    int rc = -1;
    json_t *kind = json_object_get(root, "kind"), *version = json_object_get(root, "version");
    json_t *weeks = json_object_get(root, "weeks"), *at = json_object_get(root, "generated_at");
    if (!json_is_string(kind) || strcmp(json_string_value(kind), "quiz_leaderboard") != 0) {
        bad(err, errlen, "kind", "not \"quiz_leaderboard\"");
        goto out;
    }
    if (!json_is_integer(version) || json_integer_value(version) != 1) {
        bad(err, errlen, "version", "not 1");
        goto out;
    }
    if (!json_is_integer(at)) {
        bad(err, errlen, "generated_at", "not a time");
        goto out;
    }
    b->generated_at = json_integer_value(at);
    if (!json_is_array(weeks)) {
        bad(err, errlen, "weeks", "not a list");
        goto out;
    }
    json_t *w = json_array_get(weeks, 0); /* newest first */
    if (w) {
        if (!json_is_object(w)) {
            bad(err, errlen, "weeks[0]", "not an object");
            goto out;
        }
        if (text_field(w, "week", b->week, sizeof b->week, "weeks[0]", err, errlen))
            goto out;
        json_t *top = json_object_get(w, "top");
        if (!json_is_array(top)) {
            bad(err, errlen, "weeks[0].top", "not a list");
            goto out;
        }
        for (size_t i = 0; i < json_array_size(top) && b->n_top < ORG_BOARD_ROWS; i++) {
            char here[64];
            snprintf(here, sizeof here, "weeks[0].top[%zu]", i);
            json_t *o = json_array_get(top, i);
            struct org_board_round *r = &b->top[b->n_top];
            if (!json_is_object(o)) {
                bad(err, errlen, here, "not an object");
                goto out;
            }
            if (text_field(o, "department", r->department, sizeof r->department, here, err, errlen) ||
                text_field(o, "screen_id", r->screen_id, sizeof r->screen_id, here, err, errlen) ||
                int_field(o, "score", 0, 100000, &r->score, here, err, errlen) ||
                int_field(o, "correct", 0, 1000, &r->correct, here, err, errlen) ||
                int_field(o, "total", 0, 1000, &r->total, here, err, errlen) ||
                int_field(o, "duration_ms", 0, 100000000, &r->duration_ms, here, err, errlen))
                goto out;
            b->n_top++;
        }
    }
    json_t *all = json_object_get(root, "all_time");
    if (!json_is_object(all)) {
        bad(err, errlen, "all_time", "not an object");
        goto out;
    }
    if (departments(json_object_get(all, "departments"), "all_time.departments", b->depts, &b->n_depts, err, errlen))
        goto out;
    rc = 0;
out:
    json_decref(root);
    if (rc)
        memset(b, 0, sizeof *b);
    return rc;
}

int org_board_load(const char *path, struct org_board *b, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read (%s)", path, strerror(errno));
        return -1;
    }
    char *buf = malloc(ORG_BOARD_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, ORG_BOARD_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!buf || n > ORG_BOARD_MAX_BYTES) {
        snprintf(err, errlen, "%s: %s", path, buf ? "larger than 1 MiB" : "out of memory");
        free(buf);
        return -1;
    }
    char why[400];
    int rc = org_board_parse(buf, n, b, why, sizeof why);
    if (rc)
        snprintf(err, errlen, "%s: %s", path, why);
    free(buf);
    return rc;
}
