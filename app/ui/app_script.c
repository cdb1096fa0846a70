/* --script: drives the kiosk from a script on a virtual clock. `wait` jumps
 * the timeline from deadline to deadline without rendering, so an hour of
 * rotation takes a moment; `shot` waits for the worker, renders the frame at
 * the current virtual time and saves it; input commands inject SDL events
 * that take the same path as real ones; `show` puts a feed item on screen
 * at once (previews use it to reach every item, whatever its weight);
 * `frame` draws and presents like a shot without the file, `swap` offers a
 * feed folder as the sync worker would, `memory` logs the resident set and
 * `repeat N` ... `end` runs a block N times (the soak test, docs/soak.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "core/memstat.h"
#include "core/rotation.h"
#include "net/outbox.h"
#include "core/script.h"
#include "ui/app.h"
#include "ui/shots.h"

#define FRAME_MS 16
#define READY_TIMEOUT_MS 60000
#define SYNC_WAIT_MS 60000

static void wait_ready(struct app *a);

/* Advances the virtual clock by ms, stepping through every deadline. */
static void virtual_wait(struct app *a, uint32_t ms)
{
    uint64_t target = a->vnow + ms;
    while (!a->quit) {
        const struct attract *t = &a->attract;
        uint64_t next;
        if (a->asleep) {
            next = UINT64_MAX; /* only the sleep deadline below */
        } else if (app_in_visit(a)) {
            next = app_visit_deadline(a, a->vnow);
            if (next <= a->vnow) /* the body is gliding: step by frames */
                next = a->vnow + FRAME_MS;
        } else if (app_content_holding(a)) {
            next = a->vnow + FRAME_MS; /* new content fading in */
        } else {
            next = t->in_transition ? t->transition_start + t->cfg.transition_ms : attract_next_deadline(t, a->vnow);
        }
        uint64_t gesture = input_next_deadline(&a->input), sleep_due = app_sleep_deadline(a, a->vnow);
        if (gesture > a->vnow && gesture < next)
            next = gesture;
        if (sleep_due > a->vnow && sleep_due < next)
            next = sleep_due;
        if (next <= a->vnow || next > target)
            next = target;
        a->vnow = next;
        struct input_action acts[INPUT_MAX_ACTIONS];
        int n = input_tick(&a->input, a->vnow, acts);
        for (int i = 0; i < n; i++)
            app_handle_action(a, &acts[i], a->vnow);
        app_advance(a, a->vnow);
        app_handle_events(a);
        if (a->vnow >= target)
            break;
    }
}

static void push(struct app *a, SDL_Event *ev)
{
    ev->common.timestamp = SDL_GetTicks();
    SDL_PushEvent(ev);
    app_handle_events(a);
}

/* x, y: where the visitor sees the point (fractions of the upright
 * picture); the event carries where it is on the turned panel, as a real
 * touch would. */
static void finger(struct app *a, Uint32 type, double x, double y)
{
    float px, py;
    rotation_to_panel(a->display.rotate, (float)x, (float)y, &px, &py);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = px;
    ev.tfinger.y = py;
    ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    push(a, &ev);
}

static void drag(struct app *a, double x1, double y1, double x2, double y2, uint32_t ms)
{
    finger(a, SDL_FINGERDOWN, x1, y1);
    uint32_t steps = ms / FRAME_MS ? ms / FRAME_MS : 1;
    for (uint32_t i = 1; i <= steps && !a->quit; i++) {
        virtual_wait(a, ms / steps);
        double t = (double)i / steps;
        finger(a, SDL_FINGERMOTION, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
    }
    finger(a, SDL_FINGERUP, x2, y2);
}

static int key(struct app *a, const char *name)
{
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN && !strcasecmp(name, "escape"))
        k = SDLK_ESCAPE;
    if (k == SDLK_UNKNOWN)
        return -1;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = k;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    push(a, &ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    push(a, &ev);
    return 0;
}

/* Waits (really) until the worker has made everything the frame needs. */
static void wait_ready(struct app *a)
{
    uint64_t start = SDL_GetTicks64();
    /* Quiz results are saved (or leaderboards read) on their own thread. */
    while (app_quiz_busy(a) && SDL_GetTicks64() - start < READY_TIMEOUT_MS)
        app_quiz_wait(a, 100);
    app_quiz_poll(a);
    app_take_results(a);
    while (app_frame_missing(a, a->vnow)) {
        if (SDL_GetTicks64() - start > READY_TIMEOUT_MS) {
            log_warn("script: slides not ready after %d ms; taking the shot anyway", READY_TIMEOUT_MS);
            return;
        }
        app_update_wants(a);
        worker_wait(a->worker, 100);
        app_take_results(a);
    }
}

/* The picture as visitors see it; panel: as the panel's framebuffer holds
 * it, turned by [display] rotate. */
static int shot(struct app *a, const char *name, bool panel)
{
    char path[QF_PATH_MAX], err[1024], file[SCRIPT_NAME_MAX + 8];
    snprintf(file, sizeof file, "%s.png", name);
    if (path_join(path, sizeof path, a->args.shots, file) != 0) {
        log_err("script: shot path too long");
        return -1;
    }
    wait_ready(a);
    app_render(a, a->vnow);
    if (panel)
        display_panel_compose(&a->display);
    int rc = shot_save(a->ren, path, err, sizeof err);
    if (panel) {
        SDL_RenderPresent(a->ren);
    } else {
        display_present(&a->display);
    }
    if (rc != 0) {
        log_err("script: %s", err);
        return -1;
    }
    log_debug("script: saved %s", path);
    return 0;
}

/* frame: the picture at the current virtual time, composed, drawn and
 * presented as the real loop would, without a file: a long run draws every
 * slide this way at the cost of the drawing only. */
static void frame(struct app *a)
{
    wait_ready(a);
    app_present(a, a->vnow);
}

/* swap DIR: the feed in DIR, loaded and checked here as the sync worker
 * would before it hands a version over; the screen takes it at its next
 * calm moment ("feed: now showing ..."). */
static int swap(struct app *a, const struct script_cmd *c)
{
    char err[1024];
    struct feed *f = feed_load_dir(c->name, err, sizeof err);
    if (!f) {
        log_err("script: %s:%d: swap: %s", a->args.script, c->line, err);
        return -1;
    }
    app_offer_content(a, f, c->name);
    return 0;
}

/* memory: one line with the resident set, for a soak run to read. */
static int memory(struct app *a, const struct script_cmd *c)
{
    struct memstat m;
    if (memstat_read_self(&m) != 0 && m.rss_kb < 0) {
        log_err("script: %s:%d: memory: /proc/self/smaps_rollup cannot be read", a->args.script, c->line);
        return -1;
    }
    log_info("memory: rss %ld kB, peak %ld kB, pss %ld kB, t=%llu ms", m.rss_kb, m.peak_rss_kb, m.pss_kb,
             (unsigned long long)a->vnow);
    return 0;
}

/* The feed index of the item with this id; -1 if there is none. */
static long find_item(const struct feed *feed, const char *id)
{
    for (size_t i = 0; i < feed->n_items; i++)
        if (!strcmp(feed->items[i].id, id))
            return (long)i;
    return -1;
}

static int show(struct app *a, const struct script_cmd *c)
{
    long item = find_item(a->feed, c->name);
    if (item >= 0 && app_schedule_include(a, (size_t)item, a->vnow) != 0)
        return -1;
    if (item < 0 || attract_show_item(&a->attract, (size_t)item, a->vnow) != 0) {
        log_err("script: %s:%d: show: item \"%s\" is not in the playlist", a->args.script, c->line, c->name);
        return -1;
    }
    a->scene_pending = true;
    a->dirty = true;
    app_update_wants(a);
    return 0;
}

/* press TARGET [N]: a finger on the middle of that target of the screen on
 * display, as a visitor would tap it. */
static int press(struct app *a, const struct script_cmd *c)
{
    wait_ready(a);
    const struct stage_entry *e = app_in_visit(a) ? a->shown : NULL;
    const struct hit *found = NULL;
    for (size_t i = 0; e && i < e->n_hits && !found; i++)
        if (!strcmp(hit_action_name(e->hits[i].act), c->name) && (!c->has_arg || e->hits[i].arg == c->arg))
            found = &e->hits[i];
    if (!found) {
        log_err("script: %s:%d: press: no target \"%s\"%s on this screen", a->args.script, c->line, c->name,
                c->has_arg ? " with that number" : "");
        return -1;
    }
    SDL_Rect r = stage_hit_rect(e, found, scroll_offset(&a->scroll));
    SDL_Point mid = {r.x + r.w / 2, r.y + r.h / 2};
    if (found->in_body && !SDL_PointInRect(&mid, &e->body_view)) {
        log_err("script: %s:%d: press: target \"%s\" is scrolled out of view; drag first", a->args.script, c->line,
                c->name);
        return -1;
    }
    finger(a, SDL_FINGERDOWN, (mid.x + 0.5) / a->w, (mid.y + 0.5) / a->h);
    finger(a, SDL_FINGERUP, (mid.x + 0.5) / a->w, (mid.y + 0.5) / a->h);
    return 0;
}

/* sync: the next content version from the sync worker, waited for in real
 * time (the network is real); the screen takes it at its next calm moment
 * of the virtual clock. */
static int sync_wait(struct app *a, const struct script_cmd *c)
{
    if (!a->sync) {
        log_err("script: %s:%d: sync needs a feed URL (--feed http://...)", a->args.script, c->line);
        return -1;
    }
    for (int waited = 0; waited < SYNC_WAIT_MS; waited += 100) {
        if (app_sync_poll(a))
            return 0;
        SDL_Delay(100);
    }
    log_err("script: %s:%d: sync: no new content version within %d s", a->args.script, c->line,
            SYNC_WAIT_MS / 1000);
    return -1;
}

/* uploads: every quiz result and the usage statistics so far saved and
 * delivered to report_url, waited for in real time (the server is real). */
static int uploads_wait(struct app *a, const struct script_cmd *c)
{
    app_stats_flush(a);  /* the usage counters so far go too */
    app_quiz_results(a); /* opens the store and starts the uploader, if not yet */
    if (!a->quiz.outbox) {
        log_err("script: %s:%d: uploads needs [report] url in the config", a->args.script, c->line);
        return -1;
    }
    unsigned long looks = 0;
    bool saved = false;
    for (int waited = 0; waited < SYNC_WAIT_MS; waited += 100) {
        struct outbox_status st;
        app_quiz_poll(a);
        outbox_get_status(a->quiz.outbox, &st);
        /* pending alone can be stale: the uploader counts it after each
         * look, so it counts only from the second look after the store has
         * saved everything (the first may have begun before) */
        if (!saved && !app_quiz_busy(a)) {
            saved = true;
            looks = st.looks + 2;
        }
        if (saved && st.looks >= looks && st.delivered >= a->quiz.saved && st.pending == 0)
            return 0;
        outbox_wake(a->quiz.outbox);
        SDL_Delay(100);
    }
    log_err("script: %s:%d: uploads: results still waiting after %d s", a->args.script, c->line, SYNC_WAIT_MS / 1000);
    return -1;
}

/* heartbeat: a beat now, delivered, waited for in real time. The loop
 * stands in for the main loop: it hands over the snapshot and, when a
 * picture is asked for, draws the frame. */
static int heartbeat_wait(struct app *a, const struct script_cmd *c)
{
    unsigned long delivered;
    char why[512];
    if (!app_heartbeat_delivered(a, &delivered, why, sizeof why)) {
        log_err("script: %s:%d: heartbeat needs [report] url and heartbeat_minutes in the config", a->args.script,
                c->line);
        return -1;
    }
    unsigned long ticket = app_heartbeat_now(a);
    for (int waited = 0; waited < SYNC_WAIT_MS; waited += 20) {
        app_handle_events(a);
        if (app_heartbeat_poll(a)) {
            wait_ready(a);
            app_render(a, a->vnow);
            app_heartbeat_frame(a);
            SDL_RenderPresent(a->ren);
        }
        app_heartbeat_delivered(a, &delivered, why, sizeof why);
        if (delivered >= ticket)
            return 0;
        SDL_Delay(20);
    }
    log_err("script: %s:%d: heartbeat: not delivered within %d s (%s)", a->args.script, c->line, SYNC_WAIT_MS / 1000,
            why[0] ? why : "no error yet");
    return -1;
}

static const char *op_name(enum script_op op)
{
    static const char *const names[] = {"tap", "swipe", "drag", "wait", "shot", "key", "quit", "show", "press", "sync", "uploads", "heartbeat", "panel-shot",
                                         "frame", "swap", "memory", "repeat", "end"};
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

int app_run_script(struct app *a)
{
    char err[1024];
    size_t len = 0;
    char *text = SDL_LoadFile(a->args.script, &len);
    if (!text) {
        log_err("script: %s: cannot read: %s", a->args.script, SDL_GetError());
        return EXIT_USAGE;
    }
    struct script sc;
    int rc = script_parse(text, a->args.script, &sc, err, sizeof err);
    SDL_free(text);
    if (rc != 0) {
        log_err("script: %s", err);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < sc.n_cmds; i++) {
        if ((sc.cmds[i].op == SCRIPT_SHOT || sc.cmds[i].op == SCRIPT_PANEL_SHOT) && !a->args.shots) {
            log_err("script: %s:%d: %s needs --shots DIR", a->args.script, sc.cmds[i].line, op_name(sc.cmds[i].op));
            script_free(&sc);
            return EXIT_USAGE;
        }
        if (sc.cmds[i].op == SCRIPT_SWAP) { /* a bad folder stops the run now, not hours in */
            struct feed *f = feed_load_dir(sc.cmds[i].name, err, sizeof err);
            if (!f) {
                log_err("script: %s:%d: swap: %s", a->args.script, sc.cmds[i].line, err);
                script_free(&sc);
                return EXIT_USAGE;
            }
            feed_free(f);
        }
        if (sc.cmds[i].op == SCRIPT_SHOW && find_item(a->feed, sc.cmds[i].name) < 0) {
            log_err("script: %s:%d: show: no item with id \"%s\" in the feed %s", a->args.script, sc.cmds[i].line,
                    sc.cmds[i].name, a->feed_dir);
            script_free(&sc);
            return EXIT_USAGE;
        }
    }
    if (a->args.shots && shot_dir(a->args.shots, err, sizeof err) != 0) {
        log_err("script: %s", err);
        script_free(&sc);
        return EXIT_RUNTIME;
    }

    int result = EXIT_OK;
    struct {
        size_t at;          /* index of the repeat */
        unsigned long left; /* runs still to go, this one included */
    } blocks[SCRIPT_REPEAT_DEPTH];
    int depth = 0;
    app_advance(a, a->vnow);
    for (size_t i = 0; i < sc.n_cmds && !a->quit; i++) {
        const struct script_cmd *c = &sc.cmds[i];
        /* Blocks are paired by the parser; they only move the index. */
        if (c->op == SCRIPT_REPEAT) {
            blocks[depth].at = i;
            blocks[depth++].left = c->count;
            continue;
        }
        if (c->op == SCRIPT_END) {
            if (--blocks[depth - 1].left > 0)
                i = blocks[depth - 1].at;
            else
                depth--;
            continue;
        }
        log_debug("script: %s:%d: %s %s (t=%llu ms)", a->args.script, c->line, op_name(c->op), c->name,
                  (unsigned long long)a->vnow);
        static const double swipe[4][4] = {
            {0.80, 0.5, 0.20, 0.5}, {0.20, 0.5, 0.80, 0.5}, {0.5, 0.80, 0.5, 0.20}, {0.5, 0.20, 0.5, 0.80}};
        switch (c->op) {
        case SCRIPT_WAIT:
            virtual_wait(a, c->ms);
            break;
        case SCRIPT_SHOT:
        case SCRIPT_PANEL_SHOT:
            if (shot(a, c->name, c->op == SCRIPT_PANEL_SHOT) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_SHOW:
            if (show(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_TAP:
            wait_ready(a); /* input lands on the screen the script has seen */
            finger(a, SDL_FINGERDOWN, c->x1, c->y1);
            finger(a, SDL_FINGERUP, c->x1, c->y1);
            break;
        case SCRIPT_SWIPE: {
            const double *s = swipe[c->dir];
            wait_ready(a);
            drag(a, s[0], s[1], s[2], s[3], 180);
            break;
        }
        case SCRIPT_DRAG:
            wait_ready(a);
            drag(a, c->x1, c->y1, c->x2, c->y2, c->ms);
            break;
        case SCRIPT_KEY:
            wait_ready(a);
            if (key(a, c->name) != 0)
                log_warn("script: %s:%d: unknown key '%s'", a->args.script, c->line, c->name);
            break;
        case SCRIPT_PRESS:
            if (press(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_UPLOADS:
            if (uploads_wait(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_HEARTBEAT:
            if (heartbeat_wait(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_SYNC:
            if (sync_wait(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_FRAME:
            frame(a);
            break;
        case SCRIPT_SWAP:
            if (swap(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_MEMORY:
            if (memory(a, c) != 0)
                result = EXIT_RUNTIME;
            break;
        case SCRIPT_REPEAT:
        case SCRIPT_END:
            break; /* handled above */
        case SCRIPT_QUIT:
            wait_ready(a); /* the last screen is seen before the end */
            app_advance(a, a->vnow);
            a->quit = true;
            break;
        }
        app_advance(a, a->vnow);
    }
    script_free(&sc);
    log_info("script: done: %lu frames presented in %llu ms of virtual time", a->frames, (unsigned long long)a->vnow);
    return result;
}
