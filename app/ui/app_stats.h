/* Proof of play and usage on the screen: watches what the loop shows and
 * where visitors go, and counts it in the hourly aggregator
 * (core/playstats); every few minutes, and at exit, the counters go to the
 * results thread, which saves them and queues the hour's document for
 * upload. The UI thread only counts in memory. */
#ifndef QF_UI_APP_STATS_H
#define QF_UI_APP_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/nav.h"
#include "core/playstats.h"

/* Counters go to the store this often (app clock): a crash or power cut
 * loses at most this much. */
#define STATS_FLUSH_MS (5u * 60u * 1000u)
/* A slide on screen for less than this (a tap the moment it arrived) is
 * not counted as shown. */
#define STATS_MIN_SHOW_MS 1000u

struct app_stats {
    struct playstats agg;
    bool started;
    uint64_t last_flush;
    /* The attract slide fully on screen. */
    bool slide_on;
    char slide_item[PS_ITEM_MAX];
    uint64_t slide_since;
    int64_t slide_wall;
    /* The visit in progress. */
    bool in_visit;
    bool learned;
    bool maintenance;           /* the visit went to the PIN pad or the admin panel */
    int64_t visit_wall;
    /* The item a visitor is reading (its detail pages and 学后测). */
    bool reading;
    char read_item[PS_ITEM_MAX];
    uint64_t read_since;
    int64_t read_wall;
    struct scene last;          /* the scene seen by the last look */
    size_t last_questions;      /* 学后测 questions of last's item */
};

struct app;

/* Looks at the screen at now (after app_advance): slide changes, visits,
 * opens and reading; flushes when due. */
void app_stats_observe(struct app *a, uint64_t now);
/* A tap (from input). */
void app_stats_tap(struct app *a);
/* A 知识挑战赛 round ended, played to the end or not. */
void app_stats_quiz_round(struct app *a, bool finished);
/* Hands the counters to the results thread now (a script's uploads). */
void app_stats_flush(struct app *a);
/* At exit: closes the slide, reading and visit in progress and flushes. */
void app_stats_finish(struct app *a);

#endif
