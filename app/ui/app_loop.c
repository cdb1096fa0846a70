/* The interactive main loop and the steps it shares with the scripted mode
 * and the benchmark. The loop is flat: handle events, advance the timeline,
 * render only when the picture changes, then sleep in SDL_WaitEventTimeout
 * until the next deadline (slide change, clock minute) or a wake-up event. */
#include <limits.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "ui/app.h"
#include "ui/version.h"

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t app_now(const struct app *a)
{
    return a->virtual_clock ? a->vnow : SDL_GetTicks64();
}

/* On the virtual clock the wall clock runs from --clock, or from the real
 * time at start; virtual milliseconds move it on. */
time_t app_wall(const struct app *a)
{
    if (!a->virtual_clock)
        return time(NULL);
    time_t start = a->args.has_clock ? a->args.clock : a->wall_start;
    return start + (time_t)(a->vnow / 1000);
}

/* Only the slide on screen is kept between transitions. The next one is
 * asked for VIEW_LEAD_MS before its transition starts; on the real clock a
 * transition (or a swipe) whose slide is still not ready waits for it up to
 * VIEW_HOLD_MS, then goes ahead over plain paper. On the virtual clock
 * transitions start on time and scripts wait for the slides instead. */
#define VIEW_LEAD_MS 3000
#define VIEW_HOLD_MS 1500
/* A visitor swiping through the slides gets both neighbours kept ready for
 * this long after their last swipe, so that the next swipe moves at once. */
#define VIEW_BROWSE_MS 20000

/* The item one step (+1 or -1) from playlist position pos. */
static size_t item_at(const struct attract *t, size_t pos, int step)
{
    return t->order[(step < 0 ? pos + t->n_order - 1 : pos + 1) % t->n_order];
}

/* True from VIEW_LEAD_MS before the dwell ends until the transition starts. */
static bool in_lead(const struct attract *t, uint64_t now)
{
    return t->n_order > 1 && !t->in_transition && now + VIEW_LEAD_MS >= t->slide_start + t->cfg.dwell_ms;
}

static bool browsing(const struct app *a, uint64_t now)
{
    return a->attract.n_order > 1 && now < a->browse_until;
}

/* The slides needed now, most urgent first. */
static size_t needed(const struct app *a, size_t out[WORKER_WANT_MAX])
{
    const struct attract *t = &a->attract;
    uint64_t now = app_now(a);
    size_t n = 0, cand[6];
    cand[n++] = t->order[t->pos];
    if (t->in_transition)
        cand[n++] = t->order[t->next_pos];
    if (a->skip_dir)
        cand[n++] = item_at(t, t->in_transition ? t->next_pos : t->pos, a->skip_dir);
    if (in_lead(t, now))
        cand[n++] = item_at(t, t->pos, +1);
    if (browsing(a, now)) { /* around the slide the visitor is going to */
        size_t at = t->in_transition ? t->next_pos : t->pos;
        cand[n++] = item_at(t, at, +1);
        cand[n++] = item_at(t, at, -1);
    }
    size_t m = 0;
    for (size_t i = 0; i < n && m < VIEW_SLOTS; i++) {
        bool dup = false;
        for (size_t j = 0; j < m; j++)
            dup |= out[j] == cand[i];
        if (!dup)
            out[m++] = cand[i];
    }
    return m;
}

void app_update_wants(struct app *a)
{
    if (app_in_visit(a) || a->asleep) {
        /* The loop is hidden: no slides needed; the one it shows again stays. */
        size_t cur = attract_current_item(&a->attract);
        view_retain(&a->view, &cur, 1);
        a->skip_dir = 0; /* a swipe waiting for its slide is forgotten */
        a->dwell_held = false;
        worker_want(a->worker, NULL, 0);
        return;
    }
    size_t need[WORKER_WANT_MAX], missing[WORKER_WANT_MAX], n = needed(a, need), m = 0;
    view_retain(&a->view, need, n);
    for (size_t i = 0; i < n; i++)
        if (!view_has(&a->view, need[i]))
            missing[m++] = need[i];
    worker_want(a->worker, missing, m);
}

/* The next slide's wish changes with time (the lead, a transition starting
 * or ending): tell the worker when it does. */
static void update_wants_on_change(struct app *a, uint64_t now)
{
    const struct attract *t = &a->attract;
    bool want = t->in_transition || a->skip_dir || in_lead(t, now) || browsing(a, now);
    if (want != a->next_wanted) {
        a->next_wanted = want;
        app_update_wants(a);
    }
}

bool app_take_results(struct app *a)
{
    bool visible = false;
    struct worker_result r;
    while (worker_take(a->worker, &r)) {
        if (r.kind == WORKER_CHROME) {
            chrome_set_static(&a->chrome, r.surface);
            visible = true;
            continue;
        }
        if (r.kind == WORKER_SCREEN) {
            app_take_screen(a, r.screen);
            continue;
        }
        size_t need[WORKER_WANT_MAX], n = needed(a, need);
        bool wanted = false;
        for (size_t i = 0; i < n; i++)
            wanted |= need[i] == r.item;
        if (wanted && view_put(&a->view, r.item, r.surface, need, n)) {
            struct attract_frame f = attract_frame_at(&a->attract, app_now(a));
            visible |= r.item == f.item || (f.transitioning && r.item == f.next_item);
        }
        if (r.surface)
            SDL_FreeSurface(r.surface);
    }
    app_update_wants(a);
    app_want_screens(a);
    if (visible)
        a->dirty = true;
    return visible || a->dirty;
}

/* A swipe waiting for its slide, and the end of a dwell whose next slide
 * is not ready: true while the timeline must not move on. */
static bool hold_for_slide(struct app *a, uint64_t now)
{
    struct attract *t = &a->attract;
    if (a->skip_dir) {
        size_t target = item_at(t, t->in_transition ? t->next_pos : t->pos, a->skip_dir);
        if (!view_has(&a->view, target) && now < a->skip_since + VIEW_HOLD_MS)
            return !t->in_transition; /* a running transition still plays out */
        attract_skip(t, a->skip_dir, now);
        a->skip_dir = 0;
        a->dwell_held = false;
        a->dirty = true;
        app_update_wants(a);
        return true;
    }
    if (a->virtual_clock || t->in_transition || t->n_order < 2)
        return false;
    uint64_t due = t->slide_start + t->cfg.dwell_ms;
    if (now < due)
        return false;
    if (!view_has(&a->view, item_at(t, t->pos, +1)) && now < due + VIEW_HOLD_MS) {
        a->dwell_held = true;
        return true;
    }
    if (!a->dwell_held)
        return false;
    /* Ready after a wait: the transition starts now, from its beginning. */
    a->dwell_held = false;
    attract_skip(t, +1, now);
    a->dirty = true;
    app_update_wants(a);
    return true;
}

/* When the attract loop next needs the UI thread: a transition, the lead
 * before one, or the end of a wait for a slide. */
static uint64_t attract_deadline(const struct app *a, uint64_t now)
{
    const struct attract *t = &a->attract;
    if (a->skip_dir)
        return a->skip_since + VIEW_HOLD_MS;
    uint64_t d = attract_next_deadline(t, now);
    if (t->in_transition || d == UINT64_MAX)
        return d;
    if (a->dwell_held || now >= d)
        return d + VIEW_HOLD_MS > now ? d + VIEW_HOLD_MS : now;
    return d > VIEW_LEAD_MS && d - VIEW_LEAD_MS > now && !a->next_wanted ? d - VIEW_LEAD_MS : d;
}

static void log_scene(struct app *a)
{
    log_info("scene: attract item=%s", a->feed->items[attract_current_item(&a->attract)].id);
    a->scene_pending = false;
}

void app_advance(struct app *a, uint64_t now)
{
    if (app_sleep_step(a, now)) {
        app_stats_observe(a, now); /* a black screen shows no slide */
        return; /* black: nothing moves */
    }
    if (app_in_visit(a)) {
        app_schedule_advance(a, now); /* selects at a boundary; applies after the visit */
        app_visit_advance(a, now);
        app_stats_observe(a, now);
        if (!app_in_visit(a) && app_sleep_step(a, now)) /* the visit ended in sleep time: black at once */
            app_stats_observe(a, now);
        return;
    }
    app_content_advance(a, now);
    app_schedule_advance(a, now);
    if (app_content_holding(a)) {
        app_stats_observe(a, now);
        return; /* the timeline waits for the new content's first slide */
    }
    if (!hold_for_slide(a, now) && attract_update(&a->attract, now)) {
        a->scene_pending = true;
        a->dirty = true;
        app_update_wants(a);
    }
    update_wants_on_change(a, now);
    /* On the virtual clock a slide is visible the moment the timeline says
     * so; on the real one, when it has been presented (see app_run). */
    if (a->virtual_clock && a->scene_pending && !a->attract.in_transition)
        log_scene(a);
    app_stats_observe(a, now);
}

static void skip(struct app *a, int dir, uint64_t now)
{
    struct attract *t = &a->attract;
    if (a->skip_dir) /* a swipe still waiting: it lands at once */
        attract_skip(t, a->skip_dir, now);
    a->skip_dir = 0;
    a->dwell_held = false;
    a->browse_until = now + VIEW_BROWSE_MS;
    size_t target = item_at(t, t->in_transition ? t->next_pos : t->pos, dir);
    if (a->virtual_clock || t->n_order < 2 || view_has(&a->view, target)) {
        attract_skip(t, dir, now);
    } else {
        a->skip_dir = dir; /* the transition starts when its slide is ready */
        a->skip_since = now;
    }
    app_update_wants(a);
    a->dirty = true;
}

void app_handle_event(struct app *a, const SDL_Event *ev)
{
    uint64_t now = app_now(a);
    if (ev->type == a->wake_event) {
        app_take_results(a);
        app_quiz_poll(a);
        if (!a->args.script) /* scripts take new versions with their sync command */
            app_sync_poll(a);
        app_sync_show_round(a);
        app_heartbeat_poll(a);
        return;
    }
    switch (ev->type) {
    case SDL_RENDER_DEVICE_RESET:
    case SDL_RENDER_TARGETS_RESET:
        /* Textures are gone: make everything again. */
        log_warn("video: render device reset; reloading slides");
        view_clear(&a->view);
        chrome_lost(&a->chrome);
        worker_want_chrome(a->worker);
        app_update_wants(a);
        a->dirty = true;
        return;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED || ev->window.event == SDL_WINDOWEVENT_SHOWN)
            a->dirty = true;
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE && !a->cfg.fullscreen)
            log_info("video: the window was closed");
        break; /* closing and focus loss are input's business */
    default:
        break;
    }
    app_sleep_event(a);
    struct input_action acts[INPUT_MAX_ACTIONS];
    int n = input_event(&a->input, ev, now, acts);
    for (int i = 0; i < n && !a->quit; i++)
        app_handle_action(a, &acts[i], now);
}

void app_handle_action(struct app *a, const struct input_action *act, uint64_t now)
{
    if (act->kind == INPUT_QUIT) {
        log_info("input: quit");
        a->quit = true;
        return;
    }
    if (app_sleep_input(a, act, now))
        return; /* the touch that wakes the screen presses nothing, and is no visitor's tap */
    if (act->kind == INPUT_TAP)
        app_stats_tap(a);
    if (app_in_visit(a)) {
        app_visit_input(a, act, now);
        return;
    }
    switch (act->kind) {
    case INPUT_PRESS:
        chrome_tap(&a->chrome, act->x, act->y, now);
        a->dirty = true;
        break;
    case INPUT_TAP:
        app_attract_tap(a, act->x, act->y, now);
        break;
    case INPUT_NEXT:
        log_debug("input: next");
        skip(a, +1, now);
        break;
    case INPUT_PREV:
        log_debug("input: previous");
        skip(a, -1, now);
        break;
    default:
        break;
    }
}

void app_handle_events(struct app *a)
{
    SDL_Event ev;
    while (!a->quit && SDL_PollEvent(&ev))
        app_handle_event(a, &ev);
}

bool app_frame_missing(const struct app *a, uint64_t now)
{
    if (a->asleep)
        return false;
    if (app_in_visit(a))
        return !app_visit_ready(a);
    if (app_content_holding(a))
        return !chrome_ready(&a->chrome) || !view_has(&a->view, attract_current_item(&a->attract));
    struct attract_frame f = attract_frame_at(&a->attract, now);
    return !chrome_ready(&a->chrome) || !view_has(&a->view, f.item) ||
           (f.transitioning && !view_has(&a->view, f.next_item));
}

void app_render(struct app *a, uint64_t now)
{
    display_begin(&a->display);
    if (a->asleep) {
        SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
        SDL_RenderClear(a->ren);
        return;
    }
    if (app_in_visit(a)) {
        app_visit_render(a, now);
        return;
    }
    struct attract_frame f = attract_frame_at(&a->attract, now);
    struct rgb p = a->cfg.theme.paper;
    SDL_SetRenderDrawColor(a->ren, p.r, p.g, p.b, 255);
    SDL_RenderClear(a->ren);
    if (app_content_holding(a)) {
        /* The old picture until the new first slide fades in over it. */
        SDL_SetTextureBlendMode(a->hold, SDL_BLENDMODE_NONE);
        SDL_RenderCopy(a->ren, a->hold, NULL, NULL);
        float fade = app_content_fade(a, now);
        if (fade > 0)
            view_draw_alpha(&a->view, attract_current_item(&a->attract), fade, p);
    } else {
        view_draw(&a->view, &f, p);
    }
    chrome_update_clock(&a->chrome, app_wall(a));
    chrome_draw(&a->chrome, a->attract.pos, a->attract.next_pos, a->attract.n_order, f.transitioning, f.progress,
                now);
}

/* After a present: note the first real frame and the scene line. */
static void presented(struct app *a, const struct attract_frame *f)
{
    a->frames++;
    if (a->asleep) {
        /* Started in sleep hours: the black frame is the first frame, so
         * systemd hears READY=1 and does not time the start out. */
        if (a->first_frame_ms < 0)
            a->first_frame_ms = (double)(mono_ns() - a->main_entry_ns) / 1e6;
        return;
    }
    if (app_in_visit(a)) {
        if (a->visit_scene_pending && app_visit_ready(a))
            app_visit_log_scene(a);
        return;
    }
    bool shown = view_has(&a->view, f->item);
    if (a->first_frame_ms < 0 && shown)
        a->first_frame_ms = (double)(mono_ns() - a->main_entry_ns) / 1e6;
    if (!a->virtual_clock && a->scene_pending && !f->transitioning && shown)
        log_scene(a);
}

void app_present(struct app *a, uint64_t now)
{
    struct attract_frame f = attract_frame_at(&a->attract, now);
    app_render(a, now);
    app_heartbeat_frame(a); /* the upright frame, when the heartbeat asked for a picture */
    display_present(&a->display);
    a->dirty = false;
    presented(a, &f);
}

/* SDL_WaitEventTimeout sleeps in the video driver only with x11, wayland,
 * windows and cocoa; with the others (kmsdrm, offscreen) it polls every
 * millisecond, which alone costs over 1 % of a core. There the loop polls
 * at its own, gentler pace: a touch is seen within POLL_AWAKE_MS, or
 * POLL_ASLEEP_MS while the screen sleeps. */
#define POLL_AWAKE_MS 10
#define POLL_ASLEEP_MS 100

static bool driver_waits(void)
{
    static const char *const waiting[] = {"x11", "wayland", "windows", "cocoa"};
    const char *d = SDL_GetCurrentVideoDriver();
    for (size_t i = 0; d && i < sizeof waiting / sizeof waiting[0]; i++)
        if (!strcmp(d, waiting[i]))
            return true;
    return false;
}

static int wait_event(const struct app *a, bool driver_wait, int timeout, SDL_Event *ev)
{
    if (timeout <= 0)
        return SDL_PollEvent(ev);
    if (driver_wait)
        return SDL_WaitEventTimeout(ev, timeout);
    uint64_t end = SDL_GetTicks64() + (uint64_t)timeout;
    for (;;) {
        if (SDL_PollEvent(ev))
            return 1;
        uint64_t t = SDL_GetTicks64();
        if (t >= end)
            return 0;
        uint64_t step = a->asleep ? POLL_ASLEEP_MS : POLL_AWAKE_MS;
        SDL_Delay((Uint32)(end - t < step ? end - t : step));
    }
}

int app_run(struct app *a)
{
    bool driver_wait = driver_waits();
    uint64_t frame_start = 0, frame_ms = 16;
    SDL_DisplayMode mode;
    if (SDL_GetWindowDisplayMode(a->win, &mode) == 0 && mode.refresh_rate > 0)
        frame_ms = (uint64_t)(1000 / mode.refresh_rate);
    if (frame_ms < 4)
        frame_ms = 4;
    service_start(&a->service, SDL_GetTicks64());
    while (!a->quit) {
        /* The watchdog runs on the real clock, whatever app_now says. */
        service_tick(&a->service, SDL_GetTicks64());
        app_handle_events(a);
        if (a->quit)
            break;
        uint64_t now = app_now(a);
        app_advance(a, now);
        if (!a->asleep && chrome_update_clock(&a->chrome, app_wall(a)))
            a->dirty = true;
        struct input_action acts[INPUT_MAX_ACTIONS];
        int n = input_tick(&a->input, now, acts);
        for (int i = 0; i < n; i++)
            app_handle_action(a, &acts[i], now);
        bool visit = app_in_visit(a);
        struct attract_frame f = attract_frame_at(&a->attract, now);
        bool animating = !a->asleep && ((!visit && (f.transitioning || a->hold_fading)) ||
                                        chrome_animating(&a->chrome, now) || (visit && scroll_animating(&a->scroll)));
        if (a->dirty || animating) {
            frame_start = now;
            app_present(a, now);
            if (a->first_frame_ms >= 0 && !a->service.ready) {
                char status[96];
                snprintf(status, sizeof status, "qingfeng %s: %s", QF_VERSION,
                         a->asleep ? "screen asleep by the schedule" : "showing the attract loop");
                service_ready(&a->service, status);
            }
        }

        /* Sleep until something is due. */
        now = app_now(a);
        int timeout;
        if (animating) {
            /* A vsynced present already took a refresh period; when the
             * present did not block, wait out the rest of the period. */
            uint64_t since = now - frame_start;
            timeout = since >= frame_ms ? 0 : (int)(frame_ms - since);
        } else {
            uint64_t deadline = a->asleep ? UINT64_MAX
                                : visit    ? app_visit_deadline(a, now)
                                           : attract_deadline(a, now);
            uint64_t gesture = input_next_deadline(&a->input), sleep_due = app_sleep_deadline(a, now);
            if (gesture < deadline)
                deadline = gesture;
            if (sleep_due < deadline)
                deadline = sleep_due;
            uint64_t schedule = app_schedule_deadline(a, now);
            if (!a->sched_next && schedule < deadline)
                deadline = schedule; /* a waiting selection comes in when the slide's dwell ends */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            uint64_t to_minute = (uint64_t)(60 - ts.tv_sec % 60) * 1000 - (uint64_t)(ts.tv_nsec / 1000000) + 5;
            uint64_t wait = deadline > now ? deadline - now : 0;
            if (wait > to_minute)
                wait = to_minute;
            timeout = wait > INT_MAX ? INT_MAX : (int)wait;
        }
        /* Wake in time for the next watchdog ping, even when nothing is due. */
        uint64_t ping = service_wait_ms(&a->service, SDL_GetTicks64());
        if (ping < (uint64_t)timeout)
            timeout = (int)ping;
        SDL_Event ev;
        if (wait_event(a, driver_wait, timeout, &ev))
            app_handle_event(a, &ev);
    }
    service_stopping(&a->service);
    return EXIT_OK;
}
