/* Gathering the uploaded hourly usage documents (one per screen and hour)
 * and the two CSV tables. */
#include "core/usage_report.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_write.h"
#include "core/playstats_doc.h"
#include "core/report_walk.h"

#define DOC_MAX_BYTES (4u * 1024u * 1024u) /* an hour of a screen with thousands of items */

struct urow {
    char date[11];              /* "YYYY-MM-DD" of the hour */
    char screen[PS_SCREEN_MAX];
    char item[PS_ITEM_MAX];
    enum ps_metric metric;
    int64_t value;
};

struct usage_report {
    struct urow *rows;
    size_t n, cap;
    char (*keys)[PS_SCREEN_MAX + PS_HOUR_LEN + 2]; /* "screen/hour" of each document kept */
    size_t n_keys, cap_keys;
    size_t *slots;              /* open addressing on keys: index + 1, 0 = free */
    size_t n_slots;
    size_t duplicates;
};

struct usage_report *usage_report_new(void)
{
    return calloc(1, sizeof(struct usage_report));
}

void usage_report_free(struct usage_report *u)
{
    if (!u)
        return;
    free(u->rows);
    free(u->keys);
    free(u->slots);
    free(u);
}

size_t usage_report_count(const struct usage_report *u) { return u->n_keys; }
size_t usage_report_duplicates(const struct usage_report *u) { return u->duplicates; }

/* ---- one document per screen and hour -------------------------------------- */

static size_t hash_key(const char *k)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return h;
}

static size_t *find_slot(const struct usage_report *u, const char *key)
{
    size_t mask = u->n_slots - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask)
        if (!u->slots[i] || !strcmp(u->keys[u->slots[i] - 1], key))
            return &u->slots[i];
}

static int grow_slots(struct usage_report *u)
{
    size_t n = u->n_slots ? u->n_slots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(u->slots);
    u->slots = slots;
    u->n_slots = n;
    for (size_t i = 0; i < u->n_keys; i++)
        *find_slot(u, u->keys[i]) = i + 1;
    return 0;
}

static int oom(char *err, size_t errlen)
{
    snprintf(err, errlen, "out of memory");
    return -1;
}

int usage_report_add(struct usage_report *u, const char *json, size_t len, char *err, size_t errlen)
{
    struct ps_doc d;
    if (playstats_doc_parse(json, len, &d, err, errlen) != 0)
        return -1;
    char key[PS_SCREEN_MAX + PS_HOUR_LEN + 2];
    snprintf(key, sizeof key, "%s/%s", d.screen_id, d.hour);
    int rc = -1;
    if ((u->n_keys + 1) * 2 > u->n_slots && grow_slots(u) != 0) {
        oom(err, errlen);
        goto out;
    }
    size_t *slot = find_slot(u, key);
    if (*slot) {
        u->duplicates++;
        rc = 0;
        goto out;
    }
    if (u->n_keys == u->cap_keys) {
        size_t cap = u->cap_keys ? u->cap_keys * 2 : 256;
        void *p = realloc(u->keys, cap * sizeof *u->keys);
        if (!p) {
            oom(err, errlen);
            goto out;
        }
        u->keys = p;
        u->cap_keys = cap;
    }
    if (u->n + d.n > u->cap) {
        size_t cap = u->cap ? u->cap : 1024;
        while (cap < u->n + d.n)
            cap *= 2;
        struct urow *p = realloc(u->rows, cap * sizeof *p);
        if (!p) {
            oom(err, errlen);
            goto out;
        }
        u->rows = p;
        u->cap = cap;
    }
    for (size_t i = 0; i < d.n; i++) {
        struct urow *r = &u->rows[u->n++];
        memcpy(r->date, d.hour, 10);
        r->date[10] = 0;
        memcpy(r->screen, d.screen_id, sizeof r->screen);
        memcpy(r->item, d.c[i].item, sizeof r->item);
        r->metric = d.c[i].metric;
        r->value = d.c[i].value;
    }
    memcpy(u->keys[u->n_keys], key, sizeof key);
    *slot = ++u->n_keys;
    rc = 1;
out:
    playstats_doc_free(&d);
    return rc;
}

size_t usage_report_screens(const struct usage_report *u)
{
    size_t n = 0;
    for (size_t i = 0; i < u->n_keys; i++) {
        size_t len = strcspn(u->keys[i], "/");
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcspn(u->keys[j], "/") == len && !strncmp(u->keys[j], u->keys[i], len);
        n += !seen;
    }
    return n;
}

/* ---- the folder ------------------------------------------------------------- */

static int add_usage(void *target, const char *json, size_t len, char *why, size_t whylen)
{
    return usage_report_add(target, json, len, why, whylen);
}

/* Level 1: a folder named "stats"; level 2: a screen's folder in it. */
static int stats_level(int level, const char *name)
{
    return level == 1 ? 2 : !strcmp(name, "stats") ? 1 : 0;
}

long usage_report_add_dir(struct usage_report *u, const char *dir, report_bad_fn bad, void *ctx, char *err,
                          size_t errlen)
{
    const struct report_walk w = {
        .enter = stats_level,
        .take_level = 2,
        .max_bytes = DOC_MAX_BYTES,
        .too_large = "larger than a usage document can be",
        .add = add_usage,
        .target = u,
        .bad = bad,
        .ctx = ctx,
    };
    return report_walk_dir(&w, dir, err, errlen);
}

/* ---- the tables --------------------------------------------------------------- */

static int by_day_screen_item(const void *x, const void *y)
{
    const struct urow *a = *(struct urow *const *)x, *b = *(struct urow *const *)y;
    int c = strcmp(a->date, b->date);
    if (!c)
        c = strcmp(a->screen, b->screen);
    if (!c)
        c = strcmp(a->item, b->item);
    return c;
}

/* The rows sorted by day, screen and item (pointers into u->rows). */
static struct urow **sorted(const struct usage_report *u)
{
    struct urow **p = malloc((u->n ? u->n : 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < u->n; i++)
        p[i] = &u->rows[i];
    qsort(p, u->n, sizeof *p, by_day_screen_item);
    return p;
}

static void put_seconds(FILE *f, int64_t ms)
{
    fprintf(f, ",%.1f", (double)ms / 1000.0);
}

static const char *title_of(const struct feed *feed, const char *item)
{
    static const struct {
        const char *item, *title;
    } modules[] = {{"@maxim", "模块：廉语警句"}, {"@case", "模块：警示教育"}, {"@story", "模块：身边典型"},
                   {"@quiz", "模块：知识挑战赛"}};
    for (size_t i = 0; i < sizeof modules / sizeof modules[0]; i++)
        if (!strcmp(item, modules[i].item))
            return modules[i].title;
    for (size_t i = 0; feed && i < feed->n_items; i++)
        if (!strcmp(feed->items[i].id, item))
            return feed->items[i].title ? feed->items[i].title : feed->items[i].text ? feed->items[i].text : "";
    return "";
}

static char *finish(FILE *f, char **text)
{
    if (fclose(f) != 0) {
        free(*text);
        return NULL;
    }
    return *text;
}

/* A table in memory: the rows sorted (*p, to free), BOM and header
 * written. NULL when out of memory (nothing to free). */
static FILE *start_table(const struct usage_report *u, const char *header, struct urow ***p, char **text,
                         size_t *len)
{
    *p = sorted(u);
    FILE *f = *p ? open_memstream(text, len) : NULL;
    if (!f) {
        free(*p);
        return NULL;
    }
    fputs(CSV_UTF8_BOM, f);
    fputs(header, f);
    fputs("\r\n", f);
    return f;
}

char *usage_report_items_csv(const struct usage_report *u, const struct feed *feed, size_t *len, size_t *rows)
{
    char *text = NULL;
    struct urow **p;
    FILE *f = start_table(u, "日期,屏幕,内容编号,标题,展示次数,展示时长(秒),打开次数,阅读时长(秒),学后测完成", &p,
                          &text, len);
    *rows = 0;
    if (!f)
        return NULL;
    for (size_t i = 0, j; i < u->n; i = j) {
        int64_t sum[PS_METRICS] = {0};
        for (j = i; j < u->n && !by_day_screen_item(&p[i], &p[j]); j++)
            sum[p[j]->metric] += p[j]->value;
        if (!p[i]->item[0])
            continue; /* the screen as a whole: the daily table */
        fprintf(f, "%s,", p[i]->date);
        csv_put_field(f, p[i]->screen);
        fputc(',', f);
        csv_put_field(f, p[i]->item);
        fputc(',', f);
        csv_put_field(f, title_of(feed, p[i]->item));
        fprintf(f, ",%lld", (long long)sum[PS_SHOWS]);
        put_seconds(f, sum[PS_SHOW_MS]);
        fprintf(f, ",%lld", (long long)sum[PS_OPENS]);
        put_seconds(f, sum[PS_READ_MS]);
        fprintf(f, ",%lld\r\n", (long long)sum[PS_CHECKS]);
        (*rows)++;
    }
    free(p);
    return finish(f, &text);
}

static int by_day_screen(const void *x, const void *y)
{
    const struct urow *a = *(struct urow *const *)x, *b = *(struct urow *const *)y;
    int c = strcmp(a->date, b->date);
    return c ? c : strcmp(a->screen, b->screen);
}

char *usage_report_daily_csv(const struct usage_report *u, size_t *len, size_t *rows)
{
    char *text = NULL;
    struct urow **p;
    FILE *f = start_table(u, "日期,屏幕,访问人次,学习人次,参与人次,知识挑战赛完成,知识挑战赛放弃,学后测完成,点击次数,阅读时长(秒)",
                          &p, &text, len);
    *rows = 0;
    if (!f)
        return NULL;
    for (size_t i = 0, j; i < u->n; i = j) {
        int64_t screen[PS_METRICS] = {0}, items[PS_METRICS] = {0};
        for (j = i; j < u->n && !by_day_screen(&p[i], &p[j]); j++)
            (p[j]->item[0] ? items : screen)[p[j]->metric] += p[j]->value;
        int64_t quiz = screen[PS_QUIZ_FINISHED] + screen[PS_QUIZ_ABANDONED];
        fprintf(f, "%s,", p[i]->date);
        csv_put_field(f, p[i]->screen);
        fprintf(f, ",%lld,%lld,%lld,%lld,%lld,%lld,%lld", (long long)screen[PS_VISITS],
                (long long)screen[PS_LEARNING_VISITS], (long long)(quiz + items[PS_CHECKS]),
                (long long)screen[PS_QUIZ_FINISHED], (long long)screen[PS_QUIZ_ABANDONED], (long long)items[PS_CHECKS],
                (long long)screen[PS_TAPS]);
        put_seconds(f, items[PS_READ_MS]);
        fputs("\r\n", f);
        (*rows)++;
    }
    free(p);
    return finish(f, &text);
}
