/* The hourly aggregator. A flush every few minutes holds a few dozen
 * counters, so a linear search is all the lookup needs. */
#include "core/playstats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const metric_names[PS_METRICS] = {
    "shows", "show_ms", "opens", "read_ms", "checks", "taps", "visits", "learning_visits", "quiz_finished",
    "quiz_abandoned",
};

static const char *const module_items[] = {"@maxim", "@case", "@story", "@quiz"};

void playstats_init(struct playstats *s)
{
    memset(s, 0, sizeof *s);
}

void playstats_free(struct playstats *s)
{
    free(s->c);
    memset(s, 0, sizeof *s);
}

const char *playstats_metric_name(enum ps_metric m)
{
    return (unsigned)m < PS_METRICS ? metric_names[m] : NULL;
}

int playstats_metric_parse(const char *name, enum ps_metric *out)
{
    for (int i = 0; i < PS_METRICS; i++)
        if (!strcmp(name, metric_names[i])) {
            *out = (enum ps_metric)i;
            return 0;
        }
    return -1;
}

const char *playstats_module_item(enum ps_module m)
{
    return (unsigned)m < sizeof module_items / sizeof module_items[0] ? module_items[m] : "@?";
}

void playstats_hour(int64_t wall, char out[PS_HOUR_LEN + 1])
{
    time_t t = (time_t)wall;
    struct tm tm;
    tzset();
    if (!localtime_r(&t, &tm) || strftime(out, PS_HOUR_LEN + 1, "%Y-%m-%dT%H", &tm) != PS_HOUR_LEN)
        snprintf(out, PS_HOUR_LEN + 1, "0000-00-00T00"); /* years past 9999 only */
}

bool playstats_hour_valid(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd";
    for (int i = 0; i < PS_HOUR_LEN; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i])
            return false;
    }
    return s[PS_HOUR_LEN] == 0;
}

static struct ps_counter *find(const struct playstats *s, const char *hour, const char *item, enum ps_metric m)
{
    for (size_t i = s->n; i-- > 0;) /* the newest hour is at the end */
        if (s->c[i].metric == m && !strcmp(s->c[i].hour, hour) && !strcmp(s->c[i].item, item))
            return &s->c[i];
    return NULL;
}

void playstats_add(struct playstats *s, int64_t wall, const char *item, enum ps_metric m, int64_t value)
{
    if ((unsigned)m >= PS_METRICS)
        return;
    char hour[PS_HOUR_LEN + 1], key[PS_ITEM_MAX];
    playstats_hour(wall, hour);
    snprintf(key, sizeof key, "%s", item ? item : "");
    struct ps_counter *c = find(s, hour, key, m);
    if (!c) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 32;
            struct ps_counter *grown = realloc(s->c, cap * sizeof *grown);
            if (!grown) {
                s->lost++;
                return;
            }
            s->c = grown;
            s->cap = cap;
        }
        c = &s->c[s->n++];
        memset(c, 0, sizeof *c);
        memcpy(c->hour, hour, sizeof hour);
        memcpy(c->item, key, sizeof key);
        c->metric = m;
    }
    c->value += value;
}

void playstats_item_shown(struct playstats *s, int64_t wall, const char *item, uint64_t ms)
{
    playstats_add(s, wall, item, PS_SHOWS, 1);
    playstats_add(s, wall, item, PS_SHOW_MS, (int64_t)ms);
}

void playstats_item_opened(struct playstats *s, int64_t wall, const char *item)
{
    playstats_add(s, wall, item, PS_OPENS, 1);
}

void playstats_item_read(struct playstats *s, int64_t wall, const char *item, uint64_t ms)
{
    playstats_add(s, wall, item, PS_READ_MS, (int64_t)ms);
}

void playstats_module_opened(struct playstats *s, int64_t wall, enum ps_module m)
{
    playstats_add(s, wall, playstats_module_item(m), PS_OPENS, 1);
}

void playstats_check_done(struct playstats *s, int64_t wall, const char *item)
{
    playstats_add(s, wall, item, PS_CHECKS, 1);
}

void playstats_tap(struct playstats *s, int64_t wall)
{
    playstats_add(s, wall, "", PS_TAPS, 1);
}

void playstats_visit(struct playstats *s, int64_t wall, bool learned)
{
    playstats_add(s, wall, "", PS_VISITS, 1);
    if (learned)
        playstats_add(s, wall, "", PS_LEARNING_VISITS, 1);
}

void playstats_quiz_round(struct playstats *s, int64_t wall, bool finished)
{
    playstats_add(s, wall, "", finished ? PS_QUIZ_FINISHED : PS_QUIZ_ABANDONED, 1);
}

int64_t playstats_get(const struct playstats *s, const char *hour, const char *item, enum ps_metric m)
{
    const struct ps_counter *c = find(s, hour, item, m);
    return c ? c->value : 0;
}

size_t playstats_take(struct playstats *s, struct ps_counter **out)
{
    size_t n = s->n;
    *out = n ? s->c : NULL;
    if (!n)
        free(s->c);
    unsigned long lost = s->lost;
    memset(s, 0, sizeof *s);
    s->lost = lost;
    return n;
}
