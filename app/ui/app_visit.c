/* A visit: what taps, drags and swipes do on the interactive screens, the
 * screen wanted next and its prefetching, the scrolled body, the idle
 * timeout back to the attract loop, and the PIN-locked admin panel. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/memstat.h"
#include "ui/app.h"

static struct screen_key key_of(const struct app *a, const struct scene *s)
{
    struct screen_key k;
    memset(&k, 0, sizeof k);
    k.scene = *s;
    k.large = a->nav.large_print;
    if (s->kind == SCENE_ADMIN) {
        k.serial = a->admin_serial;
        k.status = a->status;
    }
    if (s->kind == SCENE_QUIZ)
        k.quiz = a->quiz.view;
    return k;
}

bool app_in_visit(const struct app *a) { return nav_current(&a->nav)->kind != SCENE_ATTRACT; }

/* The same place to read: same scene, item and page (a ticked option or
 * the large-print toggle keeps the visitor where they were). */
static bool same_place(const struct screen_key *x, const struct screen_key *y)
{
    return x->scene.kind == y->scene.kind && x->scene.module == y->scene.module && x->scene.item == y->scene.item &&
           x->scene.page == y->scene.page && x->scene.list_page == y->scene.list_page &&
           (x->scene.kind != SCENE_QUIZ ||
            (x->quiz.kind == y->quiz.kind && x->quiz.index == y->quiz.index && x->quiz.board == y->quiz.board));
}

static void show_entry(struct app *a, struct stage_entry *e)
{
    if (a->shown != e && log_max_level() >= LOG_LEVEL_DEBUG)
        for (size_t i = 0; i < e->n_hits; i++) {
            SDL_Rect r = e->hits[i].r;
            if (e->hits[i].in_body) {
                r.x += e->body_view.x;
                r.y += e->body_view.y;
            }
            log_debug("screen: target %s %d at %d,%d %dx%d%s", hit_action_name(e->hits[i].act), e->hits[i].arg, r.x,
                      r.y, r.w, r.h, e->hits[i].in_body ? " (scrolls)" : "");
        }
    bool keep = a->shown && same_place(&a->shown->key, &e->key);
    /* An answer just given: bring its verdict and explanation into view. */
    bool answered = keep && ((e->key.scene.kind == SCENE_CHECK && e->key.scene.revealed && !a->shown->key.scene.revealed) ||
                             (e->key.scene.kind == SCENE_QUIZ && e->key.quiz.revealed && !a->shown->key.quiz.revealed));
    float old_max = a->shown ? stage_scroll_max(a->shown) : 0;
    float old = scroll_offset(&a->scroll);
    a->shown = e;
    float max = stage_scroll_max(e);
    struct scroll_params sp = scroll_params_default();
    scroll_init(&a->scroll, &sp, (float)e->body_view.h, (float)e->body_view.h + max, app_now(a));
    if (answered)
        scroll_jump_to(&a->scroll, max);
    else if (keep && old_max > 0)
        scroll_jump_to(&a->scroll, old / old_max * max);
    a->dirty = true;
    /* On the virtual clock a screen is seen the moment it is ready. */
    if (a->virtual_clock && a->visit_scene_pending && app_visit_ready(a))
        app_visit_log_scene(a);
}

/* Screens the visitor may want next: the neighbours of a detail or list. */
static size_t prefetch(const struct app *a, struct screen_key out[2])
{
    struct nav probe = a->nav;
    const struct scene *s = nav_current(&a->nav);
    size_t n = 0;
    if (s->kind != SCENE_LIST && s->kind != SCENE_DETAIL)
        return 0;
    for (int dir = 1; dir >= -1; dir -= 2) {
        probe = a->nav;
        if (nav_step(&probe, dir))
            out[n++] = key_of(a, nav_current(&probe));
    }
    return n;
}

void app_want_screens(struct app *a)
{
    if (!app_in_visit(a))
        return;
    struct screen_key keys[3];
    size_t n = 0;
    keys[n++] = a->want_key;
    n += prefetch(a, keys + n);
    size_t m = 0;
    struct screen_key missing[3];
    for (size_t i = 0; i < n; i++)
        if (!stage_find(&a->stage, &keys[i]))
            missing[m++] = keys[i];
    worker_want_screens(a->worker, missing, m);
}

/* Call after every change of the nav state. */
void app_scene_changed(struct app *a)
{
    a->pressed = -1;
    a->dirty = true;
    if (nav_current(&a->nav)->kind != SCENE_QUIZ && a->quiz.playing)
        app_quiz_leave(a); /* walked away from a round: recorded as abandoned */
    if (!app_in_visit(a)) {
        app_quiz_end_visit(a);
        a->shown = NULL;
        worker_want_screens(a->worker, NULL, 0);
        /* The composed screens are large and the next visit starts at home
         * anyway: give their memory back while the loop runs. */
        stage_clear(&a->stage);
        app_visit_free(a);
        chrome_fonts_close(&a->chrome);
        memstat_release();
        /* The attract loop resumes with the slide it left, for a full dwell. */
        attract_show_item(&a->attract, attract_current_item(&a->attract), app_now(a));
        a->scene_pending = true;
        app_update_wants(a);
        return;
    }
    a->want_key = key_of(a, nav_current(&a->nav));
    a->visit_scene_pending = true;
    struct stage_entry *e = stage_find(&a->stage, &a->want_key);
    if (e)
        show_entry(a, e);
    app_want_screens(a);
}

/* A composed screen arrived from the worker. */
void app_take_screen(struct app *a, struct screen *s)
{
    if (!s)
        return;
    if (!app_in_visit(a)) { /* composed before the visit ended: not kept */
        screen_free(s);
        return;
    }
    struct screen_key keep[2];
    size_t n = 0;
    keep[n++] = a->want_key;
    if (a->shown)
        keep[n++] = a->shown->key;
    bool wanted = screen_key_equal(&s->key, &a->want_key);
    struct stage_entry *e = stage_put(&a->stage, s, keep, n);
    if (e && wanted)
        show_entry(a, e);
}

bool app_visit_ready(const struct app *a)
{
    return a->shown && screen_key_equal(&a->shown->key, &a->want_key);
}

void app_visit_log_scene(struct app *a)
{
    char line[256];
    nav_scene_line(&a->nav, line, sizeof line);
    log_info("%s", line);
    a->visit_scene_pending = false;
}

/* ---- the admin panel ---------------------------------------------------- */

static void admin_open(struct app *a)
{
    if (!a->cfg.pin_hash[0]) {
        log_warn("admin: the panel is locked: no pin_hash in the [admin] section of the config; "
                 "make one with qingfeng --hash-pin");
        return;
    }
    a->pin_entry[0] = 0;
    a->pin_message[0] = 0;
    nav_open_pin(&a->nav);
    log_info("admin: PIN asked");
    app_scene_changed(a);
}

static void pin_enter(struct app *a)
{
    struct pin_result r = pin_guard_try(&a->pin_guard, a->cfg.pin_hash, a->pin_entry, app_now(a));
    a->pin_entry[0] = 0;
    switch (r.status) {
    case PIN_UNSET:
        log_warn("admin: the configured pin_hash is not usable; make one with qingfeng --hash-pin");
        break;
    case PIN_OK:
        log_info("admin: unlocked");
        app_status_refresh(a, "");
        nav_open_admin(&a->nav);
        app_scene_changed(a);
        return;
    case PIN_WRONG:
        log_warn("admin: wrong PIN (%d tries left)", r.tries_left);
        snprintf(a->pin_message, sizeof a->pin_message,
                 "\xE5\xAF\x86\xE7\xA0\x81\xE9\x94\x99\xE8\xAF\xAF\xEF\xBC\x8C\xE8\xBF\x98\xE5\x8F\xAF\xE5\xB0"
                 "\x9D\xE8\xAF\x95 %d \xE6\xAC\xA1",
                 r.tries_left); /* 密码错误，还可尝试 N 次 */
        break;
    case PIN_LOCKED:
        if (r.locked_now)
            log_warn("admin: wrong PIN; locked for %u s", (unsigned)((r.ms_left + 999) / 1000));
        else
            log_warn("admin: PIN refused: locked for %u more s", (unsigned)((r.ms_left + 999) / 1000));
        snprintf(a->pin_message, sizeof a->pin_message,
                 "\xE5\xB7\xB2\xE9\x94\x81\xE5\xAE\x9A\xEF\xBC\x8C\xE8\xAF\xB7 %u \xE5\x88\x86\xE9\x92\x9F"
                 "\xE5\x90\x8E\xE5\x86\x8D\xE8\xAF\x95",
                 (unsigned)((r.ms_left + 59999) / 60000)); /* 已锁定，请 N 分钟后再试 */
        break;
    }
    a->pin_message_changed = true;
    a->dirty = true;
}

static void pin_digit(struct app *a, int digit)
{
    size_t n = strlen(a->pin_entry);
    if (n + 1 < sizeof a->pin_entry && n < 12) {
        a->pin_entry[n] = (char)('0' + digit);
        a->pin_entry[n + 1] = 0;
    }
    a->dirty = true;
}

static void admin_action(struct app *a, enum hit_action act)
{
    switch (act) {
    case HIT_ADMIN_SYNC:
        log_info("admin: sync now");
        app_sync_now(a);
        /* 已开始同步 / 未配置远程内容源 */
        app_status_refresh(a, a->sync ? "\xE5\xB7\xB2\xE5\xBC\x80\xE5\xA7\x8B\xE5\x90\x8C\xE6\xAD\xA5" : a->cfg_sync_note);
        break;
    case HIT_ADMIN_RELOAD:
        log_info("admin: reload content");
        app_reload_content(a);
        return;
    case HIT_ADMIN_EXIT:
        log_info("admin: exit");
        a->quit = true;
        return;
    case HIT_ADMIN_EXPORT:
        app_status_refresh(a, app_quiz_export(a));
        break;
    default:
        return;
    }
    a->want_key = key_of(a, nav_current(&a->nav));
    app_want_screens(a);
    a->dirty = true;
}

/* ---- touches ------------------------------------------------------------- */

static void do_hit(struct app *a, const struct hit *h)
{
    struct nav *n = &a->nav;
    bool changed = true;
    if (app_quiz_hit(a, h))
        return;
    switch (h->act) {
    case HIT_BACK:
    case HIT_CLOSE:
        changed = nav_back(n);
        break;
    case HIT_HOME:
        nav_home(n);
        break;
    case HIT_LARGE:
        n->large_print = !n->large_print;
        log_info("visit: large print %s", n->large_print ? "on" : "off");
        break;
    case HIT_MODULE:
        if (nav_current(n)->kind == SCENE_QUIZ)
            nav_home(n);
        nav_open_module(n, (enum item_kind)h->arg);
        break;
    case HIT_QUIZ:
        nav_open_quiz(n);
        app_quiz_open(a);
        break;
    case HIT_ITEM:
        changed = nav_open_item(n, (size_t)h->arg) == 0;
        break;
    case HIT_STEP:
        changed = nav_step(n, h->arg);
        break;
    case HIT_OPTION:
        changed = nav_check_choose(n, (unsigned)h->arg);
        break;
    case HIT_CONFIRM:
        changed = nav_check_confirm(n);
        break;
    case HIT_NEXT_QUESTION:
        changed = nav_check_next(n);
        break;
    case HIT_PIN_DIGIT:
        pin_digit(a, h->arg);
        return;
    case HIT_PIN_DELETE: {
        size_t len = strlen(a->pin_entry);
        if (len)
            a->pin_entry[len - 1] = 0;
        a->dirty = true;
        return;
    }
    case HIT_PIN_ENTER:
        pin_enter(a);
        return;
    case HIT_ADMIN_SYNC:
    case HIT_ADMIN_RELOAD:
    case HIT_ADMIN_EXIT:
    case HIT_ADMIN_EXPORT:
        admin_action(a, h->act);
        return;
    case HIT_QUIZ_START: /* handled by app_quiz_hit on the quiz screen */
    case HIT_QUIZ_AGAIN:
    case HIT_QUIZ_BOARD:
    case HIT_QUIZ_DEPTS:
    case HIT_QUIZ_DEPT:
    case HIT_NONE:
        return;
    }
    if (changed)
        app_scene_changed(a);
}

static const struct hit *hit_at(const struct app *a, float x, float y)
{
    if (!a->shown || !app_visit_ready(a))
        return NULL;
    return stage_hit_at(a->shown, x, y, scroll_offset(&a->scroll));
}

static void visit_tap(struct app *a, float x, float y)
{
    const struct hit *h = hit_at(a, x, y);
    if (h)
        do_hit(a, h);
}

static void step(struct app *a, int dir)
{
    if (nav_step(&a->nav, dir))
        app_scene_changed(a);
}

void app_visit_input(struct app *a, const struct input_action *act, uint64_t now)
{
    idle_touch(&a->idle, now);
    if (a->idle_shown) {
        a->idle_shown = false;
        a->dirty = true;
    }
    switch (act->kind) {
    case INPUT_PRESS: {
        chrome_tap(&a->chrome, act->x, act->y, now);
        const struct hit *h = hit_at(a, act->x, act->y);
        a->pressed = h && a->shown ? (int)(h - a->shown->hits) : -1;
        scroll_grab(&a->scroll, now);
        a->dirty = true;
        break;
    }
    case INPUT_TAP:
        a->pressed = -1;
        scroll_release(&a->scroll, 0, now);
        if (admin_gesture_tap(&a->admin_tap, act->x, act->y, now, a->w, a->h)) {
            admin_open(a);
            break;
        }
        visit_tap(a, act->x, act->y);
        break;
    case INPUT_DRAG:
        a->pressed = -1;
        /* Vertical strokes scroll the body; horizontal ones are swipes. */
        if (a->shown && stage_scroll_max(a->shown) > 0) {
            float tx = act->x - act->x0, ty = act->y - act->y0;
            if (ty * ty >= tx * tx * 0.6f)
                scroll_drag(&a->scroll, act->dy, now);
        }
        a->dirty = true;
        break;
    case INPUT_DRAG_END:
        scroll_release(&a->scroll, act->vy, now);
        a->dirty = true;
        break;
    case INPUT_CANCEL:
        a->pressed = -1;
        scroll_release(&a->scroll, 0, now);
        a->dirty = true;
        break;
    case INPUT_NEXT:
        step(a, +1);
        break;
    case INPUT_PREV:
        step(a, -1);
        break;
    case INPUT_SCROLL:
        scroll_jump_to(&a->scroll, scroll_offset(&a->scroll) + act->dy);
        a->dirty = true;
        break;
    case INPUT_BACK:
        if (nav_back(&a->nav))
            app_scene_changed(a);
        break;
    case INPUT_HOME:
        nav_home(&a->nav);
        app_scene_changed(a);
        break;
    default:
        break;
    }
}

/* From the attract loop: a tap starts a visit (unless it is part of the
 * admin gesture, which works from any screen). */
void app_attract_tap(struct app *a, float x, float y, uint64_t now)
{
    if (admin_gesture_tap(&a->admin_tap, x, y, now, a->w, a->h)) {
        nav_start_visit(&a->nav);
        app_scene_changed(a);
        admin_open(a);
        return;
    }
    nav_start_visit(&a->nav);
    idle_touch(&a->idle, now);
    log_debug("input: tap %.0f,%.0f starts a visit", x, y);
    app_scene_changed(a);
}

/* ---- time ----------------------------------------------------------------- */

/* Advances the scroll and the idle timer. Returns true while something
 * moves on screen. */
bool app_visit_advance(struct app *a, uint64_t now)
{
    if (!app_in_visit(a))
        return false;
    bool moving = scroll_animating(&a->scroll);
    scroll_step(&a->scroll, now);
    app_quiz_advance(a, now);
    if (moving)
        a->dirty = true;
    struct idle_status iv = idle_state(&a->idle, now);
    if (iv.phase == IDLE_EXPIRED) {
        log_info("visit: idle for %u s; back to the attract loop", (unsigned)(a->cfg.idle_timeout_ms / 1000));
        nav_to_attract(&a->nav);
        app_scene_changed(a);
        return false;
    }
    bool counting = iv.phase == IDLE_COUNTDOWN;
    if (counting != a->idle_shown || (counting && iv.seconds_left != a->idle_seconds)) {
        a->idle_shown = counting;
        a->idle_seconds = iv.seconds_left;
        a->dirty = true;
    }
    if (a->visit_scene_pending && a->virtual_clock && app_visit_ready(a))
        app_visit_log_scene(a);
    return moving;
}

uint64_t app_visit_deadline(const struct app *a, uint64_t now)
{
    if (!app_in_visit(a))
        return UINT64_MAX;
    if (scroll_animating(&a->scroll))
        return now;
    uint64_t idle = idle_next_deadline(&a->idle, now), quiz = app_quiz_deadline(a, now);
    return quiz < idle ? quiz : idle;
}
