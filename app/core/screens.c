#include "core/screens.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_write.h"

static void copy_text(json_t *o, const char *key, char *out, size_t cap)
{
    const char *s = json_string_value(json_object_get(o, key));
    snprintf(out, cap, "%s", s ? s : "");
}

int screens_parse(const char *text, size_t len, struct screen_row *out, char *err, size_t errlen)
{
    json_error_t je;
    memset(out, 0, sizeof *out);
    json_t *d = json_loadb(text, len, 0, &je);
    if (!d) {
        snprintf(err, errlen, "not JSON: line %d: %s", je.line, je.text);
        return -1;
    }
    int rc = -1;
    json_t *id = json_object_get(d, "screen_id"), *sent = json_object_get(d, "sent_at"),
           *iv = json_object_get(d, "heartbeat_s");
    if (!json_is_object(d))
        snprintf(err, errlen, "not a status document (a JSON object)");
    else if (!json_is_string(id) || !json_string_length(id))
        snprintf(err, errlen, "screen_id: missing or not a text");
    else if (!json_is_integer(sent) || json_integer_value(sent) <= 0)
        snprintf(err, errlen, "sent_at: missing or not a unix time");
    else if (!json_is_integer(iv) || json_integer_value(iv) <= 0 || json_integer_value(iv) > 86400)
        snprintf(err, errlen, "heartbeat_s: missing or not seconds from 1 to 86400");
    else
        rc = 0;
    if (rc != 0) {
        json_decref(d);
        return -1;
    }
    snprintf(out->id, sizeof out->id, "%s", json_string_value(id));
    out->sent_at = json_integer_value(sent);
    out->interval_s = (unsigned)json_integer_value(iv);
    copy_text(d, "app_version", out->app_version, sizeof out->app_version);
    json_t *c = json_object_get(d, "content");
    copy_text(c, "version", out->content, sizeof out->content);
    if (!out->content[0])
        copy_text(c, "title", out->content, sizeof out->content);
    json_t *sync = json_object_get(d, "sync"), *ok = json_object_get(sync, "ok");
    out->sync_ok = json_is_boolean(ok) ? json_is_true(ok) : -1;
    out->sync_at = json_integer_value(json_object_get(sync, "last_attempt"));
    json_t *log = json_object_get(d, "log");
    out->warnings = (long)json_integer_value(json_object_get(log, "warnings"));
    out->errors = (long)json_integer_value(json_object_get(log, "errors"));
    json_t *disk = json_object_get(d, "disk_free_bytes");
    out->disk_free_bytes = json_is_integer(disk) ? json_integer_value(disk) : -1;
    json_decref(d);
    return 0;
}

int64_t screens_age(const struct screen_row *r, int64_t now)
{
    return now > r->sent_at ? now - r->sent_at : 0;
}

enum screen_state screens_state(const struct screen_row *r, int64_t now)
{
    int64_t age = screens_age(r, now), iv = r->interval_s ? r->interval_s : 1;
    if (age > SCREENS_SILENT_INTERVALS * iv)
        return SCREEN_SILENT;
    if (age > SCREENS_LATE_INTERVALS * iv)
        return SCREEN_LATE;
    return SCREEN_ALIVE;
}

const char *screens_state_name(enum screen_state s, int zh)
{
    static const char *const en[] = {"alive", "late", "silent"};
    /* 在线 迟到 失联 */
    static const char *const cn[] = {"\xE5\x9C\xA8\xE7\xBA\xBF", "\xE8\xBF\x9F\xE5\x88\xB0",
                                     "\xE5\xA4\xB1\xE8\x81\x94"};
    return zh ? cn[s] : en[s];
}

static int by_id(const void *x, const void *y)
{
    return strcmp(((const struct screen_row *)x)->id, ((const struct screen_row *)y)->id);
}

void screens_sort(struct screen_row *rows, size_t n)
{
    if (n > 1)
        qsort(rows, n, sizeof *rows, by_id);
}

/* "45 s", "12 min", "3 h 5 min", "4 d 2 h". */
static void span(int64_t s, char *out, size_t len)
{
    if (s < 60)
        snprintf(out, len, "%lld s", (long long)s);
    else if (s < 3600)
        snprintf(out, len, "%lld min", (long long)(s / 60));
    else if (s < 86400)
        snprintf(out, len, "%lld h %lld min", (long long)(s / 3600), (long long)(s / 60 % 60));
    else
        snprintf(out, len, "%lld d %lld h", (long long)(s / 86400), (long long)(s / 3600 % 24));
}

static void bytes_text(int64_t b, char *out, size_t len)
{
    if (b < 0)
        snprintf(out, len, "?");
    else if (b >= 1024LL * 1024 * 1024)
        snprintf(out, len, "%.1f GB", (double)b / (1024.0 * 1024 * 1024));
    else
        snprintf(out, len, "%lld MB", (long long)(b / (1024 * 1024)));
}

static const char *sync_word(int ok)
{
    return ok < 0 ? "-" : ok ? "ok" : "FAILED";
}

void screens_print_table(FILE *f, const struct screen_row *rows, size_t n, int64_t now)
{
    fprintf(f, "%-20s  %-14s  %-6s  %-8s  %-30s  %-16s  %6s  %s\n", "screen", "last seen", "state", "app", "content",
            "last sync", "errors", "disk free");
    for (size_t i = 0; i < n; i++) {
        const struct screen_row *r = &rows[i];
        char ago[32], seen[48], sync[48], disk[24];
        span(screens_age(r, now), ago, sizeof ago);
        snprintf(seen, sizeof seen, "%s ago", ago);
        if (r->sync_at > 0) {
            span(now > r->sync_at ? now - r->sync_at : 0, ago, sizeof ago);
            snprintf(sync, sizeof sync, "%s %s ago", sync_word(r->sync_ok), ago);
        } else {
            snprintf(sync, sizeof sync, "%s", sync_word(r->sync_ok));
        }
        bytes_text(r->disk_free_bytes, disk, sizeof disk);
        fprintf(f, "%-20s  %-14s  %-6s  %-8s  %-30s  %-16s  %6ld  %s\n", r->id, seen,
                screens_state_name(screens_state(r, now), 0), r->app_version[0] ? r->app_version : "?",
                r->content[0] ? r->content : "?", sync, r->errors, disk);
    }
}

static void put_num(FILE *f, long long v, const char *end)
{
    fprintf(f, "%lld%s", v, end);
}

void screens_print_csv(FILE *f, const struct screen_row *rows, size_t n, int64_t now)
{
    fputs(CSV_UTF8_BOM "screen_id,state,sent_at,age_s,heartbeat_s,app_version,content,sync_ok,sync_at,warnings,"
                       "errors,disk_free_bytes\r\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct screen_row *r = &rows[i];
        csv_put_field(f, r->id);
        fprintf(f, ",%s,", screens_state_name(screens_state(r, now), 0));
        put_num(f, r->sent_at, ",");
        put_num(f, screens_age(r, now), ",");
        put_num(f, r->interval_s, ",");
        csv_put_field(f, r->app_version);
        fputc(',', f);
        csv_put_field(f, r->content);
        fprintf(f, ",%s,", r->sync_ok < 0 ? "" : r->sync_ok ? "true" : "false");
        if (r->sync_at > 0)
            put_num(f, r->sync_at, "");
        fputc(',', f);
        put_num(f, r->warnings, ",");
        put_num(f, r->errors, ",");
        if (r->disk_free_bytes >= 0)
            put_num(f, r->disk_free_bytes, "");
        fputs("\r\n", f);
    }
}
