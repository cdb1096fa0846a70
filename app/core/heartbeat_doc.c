#include "core/heartbeat_doc.h"

#include "core/utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void heartbeat_local_iso(int64_t t, char *out, size_t len)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char zone[8] = "";
    if (!localtime_r(&tt, &tm)) {
        snprintf(out, len, "?");
        return;
    }
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(zone, sizeof zone, "%z", &tm); /* "+0800": ISO 8601 wants "+08:00" */
    if (strlen(zone) == 5)
        snprintf(out, len, "%s%.3s:%.2s", base, zone, zone + 3);
    else
        snprintf(out, len, "%s", base);
}

static json_t *number_or_null(int64_t v)
{
    return v < 0 ? json_null() : json_integer((json_int_t)v);
}

/* Texts are cut to fit their arrays, maybe inside a character: the valid
 * prefix is kept (jansson refuses invalid UTF-8 as a whole). */
static json_t *text_or_null(const char *s)
{
    if (!s || !s[0])
        return json_null();
    size_t n = strlen(s);
    while (n && !utf8_valid(s, n))
        n--;
    return n ? json_stringn(s, n) : json_null();
}

/* unix time and its local form, under name and name_local; 0 is null. */
static void put_time(json_t *o, const char *name, int64_t t)
{
    char local[48], key[64];
    snprintf(key, sizeof key, "%s_local", name);
    if (t <= 0) {
        json_object_set_new(o, name, json_null());
        json_object_set_new(o, key, json_null());
        return;
    }
    heartbeat_local_iso(t, local, sizeof local);
    json_object_set_new(o, name, json_integer((json_int_t)t));
    json_object_set_new(o, key, json_string(local));
}

/* The name of the content folder: a store version such as
 * 20261122T080102Z-3fa2c1d09b7e, or the bundled feed's folder name. */
static const char *folder_name(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (dir[i] == '/')
            slash = dir + i;
    return slash ? slash + 1 : dir;
}

static json_t *content_obj(const struct heartbeat_facts *f)
{
    const struct heartbeat_screen *s = &f->screen;
    char version[256];
    size_t n = strlen(s->content_dir);
    while (n > 1 && s->content_dir[n - 1] == '/')
        n--;
    const char *name = folder_name(s->content_dir);
    snprintf(version, sizeof version, "%.*s", (int)(n - (size_t)(name - s->content_dir)), name);
    json_t *c = json_object();
    json_object_set_new(c, "title", text_or_null(s->content_title));
    json_object_set_new(c, "version", text_or_null(version));
    json_object_set_new(c, "sha256", text_or_null(f->content_sha256));
    json_object_set_new(c, "items", number_or_null(s->content_items));
    return c;
}

static json_t *sync_obj(const struct heartbeat_screen *s)
{
    if (!s->sync_configured)
        return json_null();
    json_t *o = json_object();
    put_time(o, "last_attempt", s->sync_last_attempt);
    json_object_set_new(o, "ok", s->sync_last_attempt ? json_boolean(s->sync_ok) : json_null());
    json_object_set_new(o, "result", text_or_null(s->sync_result));
    put_time(o, "last_success", s->sync_last_success);
    json_object_set_new(o, "last_error", text_or_null(s->sync_last_error));
    return o;
}

static json_t *outbox_obj(const struct heartbeat_screen *s)
{
    if (!s->outbox_known)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "pending", number_or_null(s->outbox_pending));
    json_object_set_new(o, "last_error", text_or_null(s->outbox_last_error));
    return o;
}

static json_t *display_obj(const struct heartbeat_screen *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "width", json_integer(s->width));
    json_object_set_new(o, "height", json_integer(s->height));
    json_object_set_new(o, "orientation", json_string(s->height > s->width ? "portrait" : "landscape"));
    json_object_set_new(o, "on_screen", text_or_null(s->on_screen));
    json_object_set_new(o, "asleep", s->asleep < 0 ? json_null() : json_boolean(s->asleep));
    return o;
}

char *heartbeat_doc_json(const struct heartbeat_facts *f)
{
    const struct heartbeat_screen *s = &f->screen;
    json_t *d = json_object();
    if (!d)
        return NULL;
    json_object_set_new(d, "schema", json_integer(HEARTBEAT_SCHEMA));
    json_object_set_new(d, "screen_id", text_or_null(s->screen_id));
    json_object_set_new(d, "app_version", text_or_null(s->app_version));
    json_object_set_new(d, "content", content_obj(f));
    put_time(d, "sent_at", f->sent_at);
    put_time(d, "started_at", s->started_at);
    json_object_set_new(d, "uptime_s", number_or_null(f->app_uptime_s));
    json_object_set_new(d, "box_uptime_s", number_or_null(f->box_uptime_s));
    json_object_set_new(d, "heartbeat_s", json_integer(f->interval_s));
    json_object_set_new(d, "beat", json_integer((json_int_t)f->beat));
    json_object_set_new(d, "failed_beats", json_integer(f->failed_puts));
    json_object_set_new(d, "sync", sync_obj(s));
    json_object_set_new(d, "outbox", outbox_obj(s));
    json_object_set_new(d, "disk_free_bytes", number_or_null(f->disk_free_bytes));
    json_t *mem = json_object();
    json_object_set_new(mem, "rss_bytes", number_or_null(f->rss_bytes));
    json_object_set_new(mem, "available_bytes", number_or_null(f->mem_available_bytes));
    json_object_set_new(mem, "total_bytes", number_or_null(f->mem_total_bytes));
    json_object_set_new(d, "memory", mem);
    json_object_set_new(d, "display", display_obj(s));
    json_t *log = json_object();
    json_object_set_new(log, "warnings", json_integer((json_int_t)f->warnings));
    json_object_set_new(log, "errors", json_integer((json_int_t)f->errors));
    json_object_set_new(log, "last_error", text_or_null(f->last_error));
    json_object_set_new(d, "log", log);
    json_object_set_new(d, "screenshot", text_or_null(f->screenshot));
    char *text = json_dumps(d, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(d);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out = realloc(text, n + 2);
    if (!out) {
        free(text);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = 0;
    return out;
}

bool heartbeat_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 63 || !strcmp(id, ".") || !strcmp(id, ".."))
        return false;
    for (const char *p = id; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return false;
    }
    return true;
}

int heartbeat_url(const char *base, const char *id, const char *name, char *out, size_t cap)
{
    if (!heartbeat_id_valid(id))
        return -1;
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    int len = snprintf(out, cap, "%.*s/screens/%s/%s", (int)n, base, id, name);
    return len > 0 && (size_t)len < cap ? 0 : -1;
}
