/* Proof of play and usage: an in-memory aggregator of what the screen
 * showed and how visitors used it, counted per local hour. Pure: events
 * come in with the caller's wall clock (unix seconds); the UI thread feeds
 * it and hands the counters to the results thread, which adds them to the
 * SQLite store (results_stats_flush) and queues the hour's document for
 * upload.
 *
 * A counter is keyed by (hour, item, metric):
 *   hour    local time "YYYY-MM-DDTHH" (follows TZ)
 *   item    a feed item id; "@maxim" "@case" "@story" "@quiz" for a
 *           module's own screen; "" for the screen as a whole
 *   metric  one of enum ps_metric, named by playstats_metric_name
 * Counters only grow, so the totals of an hour are the sum of every flush. */
#ifndef QF_PLAYSTATS_H
#define QF_PLAYSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_HOUR_LEN 13   /* "2025-06-02T09" */
#define PS_ITEM_MAX 64   /* item ids are shorter (feed ids); longer ones are cut */

enum ps_metric {
    PS_SHOWS,            /* item: slides of the attract loop that were fully shown */
    PS_SHOW_MS,          /* item: time those slides were on screen */
    PS_OPENS,            /* item or module: opened by a visitor */
    PS_READ_MS,          /* item: time visitors spent reading it */
    PS_CHECKS,           /* case: 学后测 answered to the last question */
    PS_TAPS,             /* screen: taps (any touch that is not a swipe) */
    PS_VISITS,           /* screen: visits (first touch to idle time-out) */
    PS_LEARNING_VISITS,  /* screen: visits that opened at least one item or module */
    PS_QUIZ_FINISHED,    /* screen: 知识挑战赛 rounds played to the end */
    PS_QUIZ_ABANDONED,   /* screen: rounds left before the end */
    PS_METRICS
};

/* Modules a visitor can open from the home menu. */
enum ps_module { PS_MODULE_MAXIM, PS_MODULE_CASE, PS_MODULE_STORY, PS_MODULE_QUIZ };

struct ps_counter {
    char hour[PS_HOUR_LEN + 1];
    char item[PS_ITEM_MAX];
    enum ps_metric metric;
    int64_t value;
};

struct playstats {
    struct ps_counter *c;
    size_t n, cap;
    unsigned long lost;  /* events dropped for want of memory since the start */
};

void playstats_init(struct playstats *s);
void playstats_free(struct playstats *s);

/* "shows", "show_ms", "opens", ...; NULL outside the enum. */
const char *playstats_metric_name(enum ps_metric m);
/* The metric named `name`. Returns 0, or -1 when unknown. */
int playstats_metric_parse(const char *name, enum ps_metric *out);
/* "@maxim", "@case", "@story", "@quiz". */
const char *playstats_module_item(enum ps_module m);

/* The local hour of `wall` as "YYYY-MM-DDTHH". */
void playstats_hour(int64_t wall, char out[PS_HOUR_LEN + 1]);
/* True when s is a well-formed hour key (digits where digits belong). */
bool playstats_hour_valid(const char *s);

/* Adds `value` to (hour of wall, item, metric). On no memory the event is
 * counted in s->lost and dropped (the kiosk goes on). */
void playstats_add(struct playstats *s, int64_t wall, const char *item, enum ps_metric m, int64_t value);

/* The events, each a call into playstats_add. `wall` is when the event
 * began (a slide's or a reading's start): its time counts in that hour. */
void playstats_item_shown(struct playstats *s, int64_t wall, const char *item, uint64_t ms);
void playstats_item_opened(struct playstats *s, int64_t wall, const char *item);
void playstats_item_read(struct playstats *s, int64_t wall, const char *item, uint64_t ms);
void playstats_module_opened(struct playstats *s, int64_t wall, enum ps_module m);
void playstats_check_done(struct playstats *s, int64_t wall, const char *item);
void playstats_tap(struct playstats *s, int64_t wall);
/* A visit that began at `wall`; learned: it opened an item or a module. */
void playstats_visit(struct playstats *s, int64_t wall, bool learned);
void playstats_quiz_round(struct playstats *s, int64_t wall, bool finished);

/* The value of one counter (0 when absent). */
int64_t playstats_get(const struct playstats *s, const char *hour, const char *item, enum ps_metric m);

/* Moves every counter out to the caller (*out, to free; NULL when none)
 * and empties the aggregator. Returns how many. */
size_t playstats_take(struct playstats *s, struct ps_counter **out);

#endif
