/* The hourly usage document and the ids that name it. */
#include "core/playstats_doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

#define KIND "usage_stats"
#define VERSION 1

bool playstats_screen_valid(const char *s)
{
    size_t n = strnlen(s, PS_SCREEN_MAX);
    if (n == 0 || n >= PS_SCREEN_MAX || !strcmp(s, ".") || !strcmp(s, ".."))
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
              ch == '_' || ch == '.'))
            return false;
    }
    return true;
}

int playstats_doc_id(const char *screen_id, const char *hour, char *out, size_t cap)
{
    if (!playstats_screen_valid(screen_id) || !playstats_hour_valid(hour))
        return -1;
    int len = snprintf(out, cap, "stats/%s/%s", screen_id, hour);
    return len > 0 && (size_t)len < cap ? 0 : -1;
}

bool playstats_doc_id_valid(const char *id)
{
    if (strncmp(id, "stats/", 6) != 0)
        return false;
    const char *screen = id + 6, *slash = strchr(screen, '/');
    if (!slash || (size_t)(slash - screen) >= PS_SCREEN_MAX)
        return false;
    char name[PS_SCREEN_MAX];
    memcpy(name, screen, (size_t)(slash - screen));
    name[slash - screen] = 0;
    return playstats_screen_valid(name) && playstats_hour_valid(slash + 1);
}

char *playstats_doc_json(const char *screen_id, const char *hour, const struct ps_counter *c, size_t n)
{
    if (!playstats_screen_valid(screen_id) || !playstats_hour_valid(hour))
        return NULL;
    json_t *counters = json_object();
    bool ok = counters != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const char *name = playstats_metric_name(c[i].metric);
        if (strcmp(c[i].hour, hour) != 0 || !name || c[i].value == 0)
            continue;
        size_t len = strnlen(c[i].item, sizeof c[i].item);
        if (len == sizeof c[i].item || !utf8_valid(c[i].item, len)) {
            ok = false;
            break;
        }
        json_t *per = json_object_get(counters, c[i].item);
        if (!per) {
            per = json_object();
            ok = per && json_object_set_new(counters, c[i].item, per) == 0;
        }
        json_t *v = ok ? json_object_get(per, name) : NULL;
        json_int_t sum = (v ? json_integer_value(v) : 0) + (json_int_t)c[i].value;
        ok = ok && json_object_set_new(per, name, json_integer(sum)) == 0;
    }
    json_t *o = ok ? json_pack("{s:s, s:i, s:s, s:s, s:O}", "kind", KIND, "version", VERSION, "screen_id", screen_id,
                               "hour", hour, "counters", counters)
                   : NULL;
    json_decref(counters);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return text;
}

static int fail(char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s", what);
    return -1;
}

static int parse_counters(json_t *counters, struct ps_doc *out, char *err, size_t errlen)
{
    const char *item;
    json_t *per;
    json_object_foreach(counters, item, per) {
        if (!json_is_object(per)) {
            snprintf(err, errlen, "counters.\"%.64s\": not an object", item);
            return -1;
        }
        if (strlen(item) >= PS_ITEM_MAX) {
            snprintf(err, errlen, "counters.\"%.64s...\": item id longer than %d bytes", item, PS_ITEM_MAX - 1);
            return -1;
        }
        const char *name;
        json_t *v;
        json_object_foreach(per, name, v) {
            enum ps_metric m;
            if (playstats_metric_parse(name, &m) != 0)
                continue; /* a later version's metric */
            if (!json_is_integer(v) || json_integer_value(v) < 0) {
                snprintf(err, errlen, "counters.\"%.64s\".%.32s: not a count (a whole number, 0 or more)", item, name);
                return -1;
            }
            struct ps_counter *grown = realloc(out->c, (out->n + 1) * sizeof *grown);
            if (!grown)
                return fail(err, errlen, "out of memory");
            out->c = grown;
            struct ps_counter *c = &out->c[out->n++];
            memset(c, 0, sizeof *c);
            memcpy(c->hour, out->hour, sizeof c->hour);
            snprintf(c->item, sizeof c->item, "%s", item);
            c->metric = m;
            c->value = (int64_t)json_integer_value(v);
        }
    }
    return 0;
}

int playstats_doc_parse(const char *json, size_t len, struct ps_doc *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *o = json_loadb(json, len, 0, &je);
    if (!o) {
        snprintf(err, errlen, "not JSON: line %d: %s", je.line, je.text);
        return -1;
    }
    const char *kind = json_string_value(json_object_get(o, "kind"));
    json_t *version = json_object_get(o, "version");
    const char *screen = json_string_value(json_object_get(o, "screen_id"));
    const char *hour = json_string_value(json_object_get(o, "hour"));
    json_t *counters = json_object_get(o, "counters");
    int rc = -1;
    if (!kind || strcmp(kind, KIND) != 0)
        fail(err, errlen, "kind: not \"" KIND "\"");
    else if (!json_is_integer(version) || json_integer_value(version) != VERSION)
        fail(err, errlen, "version: not 1");
    else if (!screen || !playstats_screen_valid(screen))
        fail(err, errlen, "screen_id: missing, or not 1..63 letters, digits, '-', '_', '.'");
    else if (!hour || !playstats_hour_valid(hour))
        fail(err, errlen, "hour: missing, or not YYYY-MM-DDTHH");
    else if (!json_is_object(counters))
        fail(err, errlen, "counters: missing or not an object");
    else {
        snprintf(out->screen_id, sizeof out->screen_id, "%s", screen);
        snprintf(out->hour, sizeof out->hour, "%s", hour);
        rc = parse_counters(counters, out, err, errlen);
    }
    json_decref(o);
    if (rc != 0)
        playstats_doc_free(out);
    return rc;
}

void playstats_doc_free(struct ps_doc *d)
{
    free(d->c);
    d->c = NULL;
    d->n = 0;
}
