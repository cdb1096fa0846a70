/* 知识挑战赛 on the screen: starts rounds from the feed's bank, turns taps
 * into answers, runs the countdown and the feedback pause on the app's
 * clock, and hands every finished or abandoned round to the results
 * thread; the result screen says 已保存 only when that thread has
 * committed it. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "net/outbox.h"
#include "ui/app.h"

/* ---- the bank ------------------------------------------------------------- */

void app_quiz_load_bank(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    qbank_free(&q->bank);
    memset(&q->bank, 0, sizeof q->bank);
    if (!a->feed || !a->feed->quiz_bank)
        return;
    char path[QF_PATH_MAX], err[1024];
    if (snprintf(path, sizeof path, "%s/%s", a->feed_dir, a->feed->quiz_bank) >= (int)sizeof path) {
        log_err("quiz: bank path too long in %s", a->feed_dir);
        return;
    }
    if (qbank_load_json(&q->bank, path, err, sizeof err) != 0) {
        log_err("quiz: %s; 知识挑战赛 shows that no bank is published until a good one comes", err);
        memset(&q->bank, 0, sizeof q->bank);
        return;
    }
    log_info("quiz: bank %s: %zu questions", path, q->bank.n);
    q->has_org = false;
    if (a->feed->quiz_leaderboard) {
        if (snprintf(path, sizeof path, "%s/%s", a->feed_dir, a->feed->quiz_leaderboard) < (int)sizeof path &&
            org_board_load(path, &q->org, err, sizeof err) == 0)
            q->has_org = true;
        else
            log_err("quiz: %s; the 全单位 leaderboard is not shown", err);
    }
}

/* ---- the results store ------------------------------------------------------ */

/* The round settings and the screen's name, from the config. */
static void configure(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    q->cfg = (struct quiz_config){.questions = a->cfg.quiz_questions, .seconds_per_question = a->cfg.quiz_seconds,
                                  .points = a->cfg.quiz_points, .auto_next_s = a->cfg.quiz_auto_next_s,
                                  .share_easy = a->cfg.quiz_shares[0], .share_medium = a->cfg.quiz_shares[1],
                                  .share_hard = a->cfg.quiz_shares[2]};
    if (a->cfg.screen_id[0])
        snprintf(q->screen_id, sizeof q->screen_id, "%s", a->cfg.screen_id);
    else if (gethostname(q->screen_id, sizeof q->screen_id) != 0)
        snprintf(q->screen_id, sizeof q->screen_id, "screen");
    q->screen_id[sizeof q->screen_id - 1] = 0;
}

int app_quiz_start_store(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    char path[QF_PATH_MAX], err[1024];
    if (mkdir(a->cfg.state_dir, 0750) != 0 && errno != EEXIST) {
        log_err("quiz: cannot create the state folder %s: %s; quiz results cannot be saved (set [sync] state_dir "
                "or --state-dir to a writable folder)",
                a->cfg.state_dir, strerror(errno));
        return -1;
    }
    if (snprintf(path, sizeof path, "%s/results.db", a->cfg.state_dir) >= (int)sizeof path) {
        log_err("quiz: state folder path too long: %s", a->cfg.state_dir);
        return -1;
    }
    struct results *store = results_open(path, err, sizeof err);
    if (!store) {
        log_err("quiz: %s; quiz results cannot be saved", err);
        return -1;
    }
    q->store = results_worker_start(store, a->wake_event, err, sizeof err);
    if (!q->store) {
        log_err("quiz: %s", err);
        results_close(store);
        return -1;
    }
    if (a->cfg.report_url[0]) {
        struct outbox_settings os;
        memset(&os, 0, sizeof os);
        snprintf(os.report_url, sizeof os.report_url, "%s", a->cfg.report_url);
        snprintf(os.ca_file, sizeof os.ca_file, "%s", a->cfg.ca_file);
        snprintf(os.proxy, sizeof os.proxy, "%s", a->cfg.proxy);
        q->outbox = outbox_start(&os, store, err, sizeof err);
        if (!q->outbox)
            log_err("quiz: %s; results stay in %s until the uploader can start", err, path);
    }
    return 0;
}

void app_quiz_stop(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    app_quiz_leave(a); /* a round in play is recorded as abandoned */
    app_stats_finish(a); /* the usage counters go to the store before its thread stops */
    outbox_stop(q->outbox); /* before the store it reads goes */
    q->outbox = NULL;
    results_worker_stop(q->store);
    q->store = NULL;
    qbank_free(&q->bank);
    memset(&q->bank, 0, sizeof q->bank);
}

/* The store opens the first time it is needed (a round, a leaderboard, an
 * export), so screens that never run a quiz never touch the state folder. */
static void ensure_store(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (!q->configured) {
        configure(a);
        q->configured = true;
    }
    if (!q->store && !q->store_tried) {
        q->store_tried = true;
        app_quiz_start_store(a);
    }
}

struct results_worker *app_quiz_results(struct app *a)
{
    ensure_store(a);
    return a->quiz.store;
}

/* ---- views ------------------------------------------------------------------ */

/* Shows the current view: the screen key changes, the worker composes it. */
static void refresh(struct app *a)
{
    if (nav_current(&a->nav)->kind != SCENE_QUIZ)
        return;
    app_scene_changed(a);
}

static void view_intro(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    memset(&q->view, 0, sizeof q->view);
    q->view.kind = QV_INTRO;
    q->view.round_questions = q->bank.n < (size_t)q->cfg.questions ? (int)q->bank.n : q->cfg.questions;
    q->view.seconds = q->cfg.seconds_per_question;
    snprintf(q->view.department, sizeof q->view.department, "%s", q->department);
}

static void view_question(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    const struct quiz_round *r = &q->round;
    memset(&q->view, 0, sizeof q->view);
    q->view.kind = QV_QUESTION;
    q->view.index = r->cur;
    q->view.total = r->n;
    q->view.question = r->pick[r->cur];
    memcpy(q->view.order, r->order[r->cur], sizeof q->view.order);
    q->view.ticked = quiz_shown_chosen(r);
    q->view.revealed = r->phase == QUIZ_FEEDBACK;
    q->view.timed_out = q->view.revealed && r->answers[r->cur].timed_out;
    q->view.correct = q->view.revealed && r->answers[r->cur].correct;
    q->view.score = r->score;
    snprintf(q->view.department, sizeof q->view.department, "%s", q->department);
}

/* The round as the store keeps it. */
static void make_result(struct app *a, struct quiz_result *res)
{
    struct app_quiz *q = &a->quiz;
    const struct quiz_round *r = &q->round;
    memset(res, 0, sizeof *res);
    result_new_id(res->id);
    snprintf(res->screen_id, sizeof res->screen_id, "%s", q->screen_id);
    snprintf(res->department, sizeof res->department, "%s", q->department);
    res->started_at = q->round_wall_start;
    res->finished_at = (int64_t)app_wall(a);
    res->abandoned = r->phase == QUIZ_ABANDONED;
    res->score = res->abandoned ? 0 : r->score; /* not scored; the answers keep what was right */
    res->correct = r->correct;
    res->total = r->n;
    res->duration_ms = quiz_time_used_ms(r);
    for (int i = 0; i < r->answered && i < RESULT_ANSWERS_MAX; i++) {
        struct result_answer *ra = &res->answers[res->n_answers++];
        snprintf(ra->question, sizeof ra->question, "%s", q->bank.q[r->pick[i]].id);
        ra->chosen = r->answers[i].chosen;
        ra->correct = r->answers[i].correct;
        ra->ms = r->answers[i].ms;
    }
}

static void record(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    struct quiz_result res;
    make_result(a, &res);
    snprintf(q->result_id, sizeof q->result_id, "%s", res.id);
    q->playing = false;
    app_stats_quiz_round(a, !res.abandoned);
    if (!q->store || !results_worker_record(q->store, &res, (int64_t)app_wall(a))) {
        log_err("quiz: result %s NOT saved: %s", res.id, q->store ? "the store is busy" : "no results store");
        q->view.save = QS_FAILED;
        return;
    }
    log_info("quiz: round %s %s: score %d, %d/%d right; saving", res.id, res.abandoned ? "abandoned" : "finished",
             res.score, res.correct, res.total);
}

static void view_result(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    const struct quiz_round *r = &q->round;
    memset(&q->view, 0, sizeof q->view);
    q->view.kind = QV_RESULT;
    q->view.score = r->score;
    q->view.right = r->correct;
    q->view.total = r->n;
    q->view.time_used_s = (quiz_time_used_ms(r) + 500) / 1000;
    q->view.save = QS_SAVING;
    snprintf(q->view.department, sizeof q->view.department, "%s", q->department);
}

/* After any change of the round: the right view, the result recorded once. */
static void round_changed(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (q->round.phase == QUIZ_DONE) {
        view_result(a);
        record(a);
    } else {
        view_question(a);
    }
    refresh(a);
}

/* ---- actions ------------------------------------------------------------------ */

static void start_round(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (!q->bank.n)
        return;
    ensure_store(a);
    /* Scripts get the same rounds every run; visitors a fresh draw. */
    uint64_t seed = a->virtual_clock ? 1u + q->rounds : ((uint64_t)time(NULL) << 20) ^ SDL_GetPerformanceCounter();
    q->rounds++;
    quiz_start(&q->round, &q->bank, &q->cfg, seed, app_now(a));
    q->playing = true;
    q->round_wall_start = (int64_t)app_wall(a);
    log_info("quiz: round started: %d questions%s%s", q->round.n, q->department[0] ? ", department " : "",
             q->department);
    round_changed(a);
}

static void open_board(struct app *a, enum quiz_board b)
{
    struct app_quiz *q = &a->quiz;
    ensure_store(a);
    memset(&q->view, 0, sizeof q->view);
    q->view.kind = QV_BOARD;
    q->view.board = b;
    q->view.has_org = q->has_org;
    if (b == BOARD_ORG) { /* from the feed, no store needed */
        q->view.board_ready = true;
        /* memcpy, not snprintf: both sides live in *a, which gcc -O1 takes for an overlap */
        _Static_assert(sizeof q->view.org_week == sizeof q->org.week, "same week text size");
        _Static_assert(sizeof q->view.best[0].department == sizeof q->org.top[0].department, "same name size");
        memcpy(q->view.org_week, q->org.week, sizeof q->view.org_week);
        for (int i = 0; i < q->org.n_top && i < QV_BOARD_ROWS; i++) {
            struct results_best *row = &q->view.best[i];
            memcpy(row->department, q->org.top[i].department, sizeof row->department);
            row->score = q->org.top[i].score;
            row->correct = q->org.top[i].correct;
            row->total = q->org.top[i].total;
            row->duration_ms = q->org.top[i].duration_ms;
        }
        q->view.n_rows = q->org.n_top < QV_BOARD_ROWS ? q->org.n_top : QV_BOARD_ROWS;
    } else {
        q->view.board_ready = q->store == NULL; /* nothing to wait for: shows as empty */
        if (q->store)
            results_worker_board(q->store, b, (int64_t)app_wall(a));
    }
    refresh(a);
}

bool app_quiz_hit(struct app *a, const struct hit *h)
{
    struct app_quiz *q = &a->quiz;
    if (nav_current(&a->nav)->kind != SCENE_QUIZ)
        return false;
    uint64_t now = app_now(a);
    switch (h->act) {
    case HIT_QUIZ_START:
    case HIT_QUIZ_AGAIN:
        start_round(a);
        return true;
    case HIT_OPTION:
        if (q->playing && quiz_tap(&q->round, h->arg, now))
            round_changed(a);
        return true;
    case HIT_CONFIRM:
        if (q->playing && quiz_confirm(&q->round, now))
            round_changed(a);
        return true;
    case HIT_NEXT_QUESTION:
        if (q->playing && quiz_next(&q->round, now))
            round_changed(a);
        return true;
    case HIT_QUIZ_BOARD:
        if (h->arg >= 0 && h->arg < BOARD_KINDS)
            open_board(a, (enum quiz_board)h->arg);
        return true;
    case HIT_QUIZ_DEPTS:
        memset(&q->view, 0, sizeof q->view);
        q->view.kind = QV_DEPARTMENT;
        q->view.dept_page = h->arg;
        snprintf(q->view.department, sizeof q->view.department, "%s", q->department);
        refresh(a);
        return true;
    case HIT_QUIZ_DEPT:
        if (h->arg < 0 || !config_list_item(a->cfg.departments, h->arg, q->department, sizeof q->department))
            q->department[0] = 0;
        log_info("quiz: department %s", q->department[0] ? q->department : "(anonymous)");
        view_intro(a);
        refresh(a);
        return true;
    case HIT_BACK:
        if (q->view.kind == QV_INTRO)
            return false; /* up to the home menu */
        if (q->playing) {
            quiz_abandon(&q->round, now);
            record(a);
        }
        view_intro(a);
        refresh(a);
        return true;
    default:
        return false;
    }
}

void app_quiz_open(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (!q->configured) {
        configure(a);
        q->configured = true;
    }
    view_intro(a);
}

void app_quiz_leave(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (q->playing) {
        quiz_abandon(&q->round, app_now(a));
        record(a);
    }
    view_intro(a);
}

void app_quiz_end_visit(struct app *a)
{
    app_quiz_leave(a);
    a->quiz.department[0] = 0;
    view_intro(a);
}

/* ---- time --------------------------------------------------------------------- */

bool app_quiz_advance(struct app *a, uint64_t now)
{
    struct app_quiz *q = &a->quiz;
    if (!q->playing || nav_current(&a->nav)->kind != SCENE_QUIZ)
        return false;
    if (quiz_tick(&q->round, now)) {
        if (q->round.phase == QUIZ_FEEDBACK && q->round.answers[q->round.cur].timed_out)
            log_info("quiz: question %d timed out", q->round.cur + 1);
        round_changed(a);
    }
    if (q->round.phase == QUIZ_ASKING) {
        float frac;
        int steps, secs, key = app_quiz_ring(a, now, &frac, &steps, &secs);
        if (key != q->ring_shown) { /* a frame only when the ring looks different */
            q->ring_shown = key;
            a->dirty = true;
        }
    }
    return q->round.phase == QUIZ_ASKING;
}

int app_quiz_ring(const struct app *a, uint64_t now, float *frac, int *steps, int *seconds)
{
    const struct app_quiz *q = &a->quiz;
    int left = quiz_remaining_ms(&q->round, now), total = q->cfg.seconds_per_question * 1000;
    *frac = total > 0 ? (float)left / (float)total : 0;
    *steps = (int)ceilf(*frac * QUIZ_RING_STEPS);
    *seconds = (left + 999) / 1000;
    return *steps * 1000 + *seconds;
}

uint64_t app_quiz_deadline(const struct app *a, uint64_t now)
{
    const struct app_quiz *q = &a->quiz;
    if (!q->playing || nav_current(&a->nav)->kind != SCENE_QUIZ)
        return UINT64_MAX;
    uint64_t due = quiz_deadline(&q->round);
    if (q->round.phase == QUIZ_ASKING) {
        uint64_t ring = now + 50; /* look 20 times a second; a frame only when the ring changed */
        if (ring < due)
            due = ring;
    }
    return due;
}

/* ---- replies from the results thread ------------------------------------------ */

void app_quiz_poll(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    if (!q->store)
        return;
    struct rw_reply *r = malloc(sizeof *r);
    if (!r)
        return;
    while (results_worker_take(q->store, r)) {
        switch (r->kind) {
        case RW_RECORD:
            q->saved += r->ok;
            if (r->ok && q->outbox)
                outbox_wake(q->outbox);
            if (q->view.kind == QV_RESULT && !strcmp(r->id, q->result_id)) {
                q->view.save = r->ok ? QS_SAVED : QS_FAILED;
                q->view.rank = r->rank;
                q->view.of = r->of;
                refresh(a);
            }
            break;
        case RW_BOARD:
            if (q->view.kind == QV_BOARD && q->view.board == r->board && !q->view.board_ready) {
                q->view.board_ready = true;
                q->view.n_rows = r->n_rows;
                memcpy(q->view.best, r->best, sizeof q->view.best);
                memcpy(q->view.dept, r->dept, sizeof q->view.dept);
                refresh(a);
            }
            break;
        case RW_STATS:
            if (r->ok && q->outbox)
                outbox_wake(q->outbox);
            break;
        case RW_EXPORT: {
            char msg[160];
            if (r->ok)
                snprintf(msg, sizeof msg, "\xE5\xB7\xB2\xE5\xAF\xBC\xE5\x87\xBA %ld \xE6\x9D\xA1\xE6\x88\x90\xE7\xBB\xA9",
                         r->rows); /* 已导出 N 条成绩 */
            else
                snprintf(msg, sizeof msg, "\xE5\xAF\xBC\xE5\x87\xBA\xE5\xA4\xB1\xE8\xB4\xA5\xEF\xBC\x9A%.100s",
                         r->err); /* 导出失败： */
            if (nav_current(&a->nav)->kind == SCENE_ADMIN)
                app_status_refresh(a, msg);
            break;
        }
        }
    }
    free(r);
}

bool app_quiz_busy(struct app *a)
{
    return a->quiz.store && results_worker_busy(a->quiz.store);
}

void app_quiz_wait(struct app *a, unsigned ms)
{
    if (a->quiz.store)
        results_worker_wait(a->quiz.store, ms);
}

/* ---- admin -------------------------------------------------------------------- */

const char *app_quiz_export(struct app *a)
{
    struct app_quiz *q = &a->quiz;
    ensure_store(a);
    if (!a->cfg.export_dir[0])
        return "\xE6\x9C\xAA\xE9\x85\x8D\xE7\xBD\xAE\xE5\xAF\xBC\xE5\x87\xBA\xE7\x9B\xAE\xE5\xBD\x95"; /* 未配置导出目录 */
    if (!q->store)
        return "\xE6\x88\x90\xE7\xBB\xA9\xE5\xBA\x93\xE4\xB8\x8D\xE5\x8F\xAF\xE7\x94\xA8"; /* 成绩库不可用 */
    char path[QF_PATH_MAX], stamp[32];
    time_t t = app_wall(a);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    if (snprintf(path, sizeof path, "%s/qingfeng-results-%s-%s.csv", a->cfg.export_dir, q->screen_id, stamp) >=
        (int)sizeof path)
        return "\xE5\xAF\xBC\xE5\x87\xBA\xE8\xB7\xAF\xE5\xBE\x84\xE8\xBF\x87\xE9\x95\xBF"; /* 导出路径过长 */
    log_info("admin: export results to %s", path);
    results_worker_export(q->store, path);
    return "\xE6\xAD\xA3\xE5\x9C\xA8\xE5\xAF\xBC\xE5\x87\xBA\xE2\x80\xA6"; /* 正在导出… */
}
