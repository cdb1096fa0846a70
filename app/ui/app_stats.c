/* The usage observer: compares what is on screen with what it saw at the
 * last look, so the UI needs no hooks beyond a tap and a quiz round. */
#include "ui/app_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "ui/app.h"

/* Counters kept in memory while there is no store (about 100 bytes each). */
#define STATS_MEMORY_MAX 20000u

static int64_t wall(const struct app *a)
{
    return (int64_t)app_wall(a);
}

static void end_slide(struct app *a, uint64_t now)
{
    struct app_stats *s = &a->stats;
    if (!s->slide_on)
        return;
    if (now - s->slide_since >= STATS_MIN_SHOW_MS)
        playstats_item_shown(&s->agg, s->slide_wall, s->slide_item, now - s->slide_since);
    s->slide_on = false;
}

static void end_reading(struct app *a, uint64_t now)
{
    struct app_stats *s = &a->stats;
    if (!s->reading)
        return;
    playstats_item_read(&s->agg, s->read_wall, s->read_item, now - s->read_since);
    s->reading = false;
}

static void end_visit(struct app *a)
{
    struct app_stats *s = &a->stats;
    if (!s->in_visit)
        return;
    if (!s->maintenance) /* staff at the admin panel are not visitors */
        playstats_visit(&s->agg, s->visit_wall, s->learned);
    s->in_visit = false;
}

/* The attract loop: a slide counts from fully visible to the start of the
 * next transition (or of a visit). */
static void observe_attract(struct app *a, uint64_t now)
{
    struct app_stats *s = &a->stats;
    bool visible = a->attract_up && a->feed && !a->asleep && !a->attract.in_transition && !app_content_holding(a);
    const char *id = visible ? a->feed->items[attract_current_item(&a->attract)].id : NULL;
    if (s->slide_on && (!id || strcmp(id, s->slide_item) != 0))
        end_slide(a, now);
    if (id && !s->slide_on) {
        s->slide_on = true;
        snprintf(s->slide_item, sizeof s->slide_item, "%s", id);
        s->slide_since = now;
        s->slide_wall = wall(a);
    }
}

static bool reads_item(const struct scene *sc)
{
    return sc->kind == SCENE_DETAIL || sc->kind == SCENE_CHECK;
}

static const enum ps_module module_of[NAV_MODULES] = {PS_MODULE_MAXIM, PS_MODULE_CASE, PS_MODULE_STORY};

/* A visit: opens from the scene before, and the reading in progress. */
static void observe_visit(struct app *a, const struct scene *cur, uint64_t now)
{
    struct app_stats *s = &a->stats;
    const struct scene *prev = &s->last;
    if (!s->in_visit) {
        s->in_visit = true;
        s->learned = false;
        s->maintenance = false;
        s->visit_wall = wall(a);
    }
    if (cur->kind == SCENE_PIN || cur->kind == SCENE_ADMIN)
        s->maintenance = true;
    if (cur->kind == SCENE_LIST && prev->kind == SCENE_HOME && (unsigned)cur->module < NAV_MODULES) {
        playstats_module_opened(&s->agg, wall(a), module_of[cur->module]);
        s->learned = true;
    }
    if (cur->kind == SCENE_QUIZ && prev->kind != SCENE_QUIZ) {
        playstats_module_opened(&s->agg, wall(a), PS_MODULE_QUIZ);
        s->learned = true;
    }
    /* 学后测 answered to its last question, then left. */
    if (prev->kind == SCENE_CHECK && prev->revealed && s->last_questions && prev->page + 1 >= s->last_questions &&
        !(cur->kind == SCENE_CHECK && cur->item == prev->item) && s->reading)
        playstats_check_done(&s->agg, wall(a), s->read_item);
    const char *id = reads_item(cur) && a->feed && cur->item < a->feed->n_items ? a->feed->items[cur->item].id : NULL;
    if (s->reading && (!id || strcmp(id, s->read_item) != 0))
        end_reading(a, now);
    if (id && !s->reading) {
        s->reading = true;
        snprintf(s->read_item, sizeof s->read_item, "%s", id);
        s->read_since = now;
        s->read_wall = wall(a);
        playstats_item_opened(&s->agg, s->read_wall, id);
        s->learned = true;
    }
}

/* Scripted and benchmark runs (tests, qingfeng-feed preview) are not the
 * screen's audience: they count only with a state folder of their own. */
static bool counting(const struct app *a)
{
    return (!a->args.script && !a->args.bench) || a->args.state_dir;
}

void app_stats_observe(struct app *a, uint64_t now)
{
    struct app_stats *s = &a->stats;
    if (!counting(a))
        return;
    if (!s->started) {
        s->started = true;
        s->last_flush = now;
        s->last.kind = SCENE_ATTRACT;
    }
    const struct scene *cur = a->nav_up ? nav_current(&a->nav) : &s->last;
    if (cur->kind == SCENE_ATTRACT) {
        end_reading(a, now);
        end_visit(a);
        observe_attract(a, now);
    } else {
        end_slide(a, now);
        observe_visit(a, cur, now);
    }
    if (cur != &s->last) {
        s->last = *cur;
        s->last_questions = reads_item(cur) && a->feed && cur->item < a->feed->n_items
                                ? a->feed->items[cur->item].n_questions
                                : 0;
    }
    if (now - s->last_flush >= STATS_FLUSH_MS)
        app_stats_flush(a);
}

void app_stats_tap(struct app *a)
{
    if (counting(a))
        playstats_tap(&a->stats.agg, wall(a));
}

void app_stats_quiz_round(struct app *a, bool finished)
{
    if (counting(a))
        playstats_quiz_round(&a->stats.agg, wall(a), finished);
}

void app_stats_flush(struct app *a)
{
    struct app_stats *s = &a->stats;
    s->last_flush = app_now(a);
    if (!s->agg.n || !counting(a))
        return;
    struct results_worker *w = app_quiz_results(a);
    if (!w) { /* no store (logged when it failed): the counters wait in memory, within bounds */
        if (s->agg.n > STATS_MEMORY_MAX) {
            log_warn("stats: %zu usage counters dropped: no results store to keep them", s->agg.n);
            playstats_free(&s->agg);
        }
        return;
    }
    struct ps_counter *c;
    size_t n = playstats_take(&s->agg, &c);
    if (!results_worker_stats(w, a->quiz.screen_id, c, n))
        log_err("stats: %zu usage counters lost: out of memory", n);
}

void app_stats_finish(struct app *a)
{
    struct app_stats *s = &a->stats;
    if (!s->started)
        return;
    uint64_t now = app_now(a);
    end_slide(a, now);
    end_reading(a, now);
    end_visit(a);
    app_stats_flush(a);
    playstats_free(&s->agg);
}
