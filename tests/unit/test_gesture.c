/* The gesture recognizer (app/core/gesture.c): synthetic strokes with exact
 * expectations, then every trace in tests/unit/data/traces/.
 *
 * Trace format, one sample a line:
 *   t_ms down|move|up id x y      t: ms on one clock; id: contact; x, y: px
 *   # px_per_mm: 2.0              screen density for the defaults (else 96 dpi)
 *   # expect: PRESS TAP           the expected events, in order; several
 *                                 expect lines are read as one list
 *   # anything else               a comment
 * In the expected list a run of DRAG events is written once as DRAG, and a
 * swipe as SWIPE:LEFT|RIGHT|UP|DOWN. The runner calls gesture_tick at each
 * deadline between samples, as the kiosk's loop does, and checks the
 * sequence rules of gesture.h on every trace. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/gesture.h"

#define TRACE_DIR "tests/unit/data/traces"

/* 2 px/mm, a 43-inch 1080p screen: slop 6 px, swipe 24 px at 200 px/s,
 * fling from 100 px/s, speeds clamped to 3000 px/s. */
#define PPMM 2.0f

/* Every event of a test, collected across calls. */
struct log {
    struct gesture_event ev[512];
    int n;
};

static struct log lg;
static struct gesture_recognizer rec;

static int setup(void **state)
{
    (void)state;
    struct gesture_params p = gesture_params_default(PPMM);
    gesture_init(&rec, &p);
    lg.n = 0;
    return 0;
}

static int keep(int n, const struct gesture_event *out)
{
    assert_true(n >= 0 && n <= GESTURE_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        assert_true(lg.n < (int)(sizeof lg.ev / sizeof lg.ev[0]));
        lg.ev[lg.n++] = out[i];
    }
    return n;
}

static int down(int64_t id, float x, float y, uint64_t t)
{
    struct gesture_event out[GESTURE_MAX_EVENTS];
    return keep(gesture_down(&rec, id, x, y, t, out), out);
}

static int move(int64_t id, float x, float y, uint64_t t)
{
    struct gesture_event out[GESTURE_MAX_EVENTS];
    return keep(gesture_move(&rec, id, x, y, t, out), out);
}

static int up(int64_t id, float x, float y, uint64_t t)
{
    struct gesture_event out[GESTURE_MAX_EVENTS];
    return keep(gesture_up(&rec, id, x, y, t, out), out);
}

static int tick(uint64_t t)
{
    struct gesture_event out[GESTURE_MAX_EVENTS];
    return keep(gesture_tick(&rec, t, out), out);
}

/* The kinds logged so far as "PRESS DRAG_BEGIN DRAG DRAG ...". */
static const char *kinds(void)
{
    static char buf[8192];
    buf[0] = '\0';
    for (int i = 0; i < lg.n; i++) {
        strcat(buf, i ? " " : "");
        strcat(buf, gesture_kind_name(lg.ev[i].kind));
        if (lg.ev[i].kind == GESTURE_SWIPE) {
            strcat(buf, ":");
            strcat(buf, gesture_dir_name(lg.ev[i].dir));
        }
    }
    return buf;
}

static const struct gesture_event *last(enum gesture_kind k)
{
    for (int i = lg.n - 1; i >= 0; i--)
        if (lg.ev[i].kind == k)
            return &lg.ev[i];
    fail_msg("no %s in: %s", gesture_kind_name(k), kinds());
    return NULL;
}

/* A straight stroke by id from (x0, y0) to (x1, y1), a move every step ms
 * for ms, then up at the end point `hold` ms after the last move. */
static void stroke(int64_t id, float x0, float y0, float x1, float y1, uint64_t t0, uint32_t ms, uint32_t step,
                   uint32_t hold)
{
    down(id, x0, y0, t0);
    for (uint32_t e = step; e <= ms; e += step) {
        float u = (float)e / (float)ms;
        move(id, x0 + (x1 - x0) * u, y0 + (y1 - y0) * u, t0 + e);
    }
    up(id, x1, y1, t0 + ms + hold);
}

static void defaults_scale_with_density(void **state)
{
    (void)state;
    struct gesture_params p = gesture_params_default(2.0f);
    assert_float_equal(p.tap_slop_px, 6.0f, 1e-4);
    assert_float_equal(p.swipe_min_px, 24.0f, 1e-4);
    assert_float_equal(p.swipe_min_speed, 200.0f, 1e-3);
    assert_float_equal(p.fling_min_speed, 100.0f, 1e-3);
    assert_int_equal(p.long_press_ms, 600);
    assert_true(p.velocity_window_ms >= 80 && p.velocity_window_ms <= 100);
    /* Unknown density: 96 dpi, 3.78 px/mm. */
    struct gesture_params q = gesture_params_default(0.0f), r = gesture_params_default(NAN);
    assert_float_equal(q.tap_slop_px, 3.0f * 96.0f / 25.4f, 1e-3);
    assert_float_equal(r.tap_slop_px, q.tap_slop_px, 1e-6);
}

static void tap_reports_both_positions(void **state)
{
    (void)state;
    assert_int_equal(down(1, 100, 200, 1000), 1);
    const struct gesture_event *e = last(GESTURE_PRESS);
    assert_true(e->x == 100 && e->y == 200 && e->t == 1000 && e->id == 1);
    assert_int_equal(move(1, 102, 201, 1030), 0);
    assert_int_equal(up(1, 103, 202, 1080), 1);
    assert_string_equal(kinds(), "PRESS TAP");
    e = last(GESTURE_TAP);
    assert_true(e->x == 103 && e->y == 202 && e->start_x == 100 && e->start_y == 200);
    assert_true(e->total_dx == 3 && e->total_dy == 2 && e->t == 1080 && e->start_t == 1000);
}

static void slop_is_the_tap_boundary(void **state)
{
    (void)state;
    /* Exactly the slop away is still a tap... */
    down(1, 0, 0, 0);
    move(1, 6, 0, 50);
    up(1, 6, 0, 60);
    assert_string_equal(kinds(), "PRESS TAP");
    /* ...a hair beyond it is a drag. */
    lg.n = 0;
    down(1, 0, 0, 1000);
    move(1, 3.6f, 4.9f, 1050); /* 6.08 px */
    up(1, 3.6f, 4.9f, 1300);
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG DRAG_END");
}

static void long_press_fires_at_its_deadline(void **state)
{
    (void)state;
    down(1, 50, 50, 10000);
    assert_int_equal(gesture_next_deadline(&rec), 10600);
    assert_int_equal(tick(10599), 0);
    assert_int_equal(tick(10600), 1);
    const struct gesture_event *e = last(GESTURE_LONG_PRESS);
    assert_int_equal(e->t, 10600);
    assert_int_equal(gesture_next_deadline(&rec), UINT64_MAX);
    assert_int_equal(tick(20000), 0); /* once */
    up(1, 51, 50, 20001);
    assert_string_equal(kinds(), "PRESS LONG_PRESS RELEASE");
    assert_int_equal(gesture_next_deadline(&rec), UINT64_MAX);
}

static void long_press_does_not_need_ticks(void **state)
{
    (void)state;
    /* A loop that never ticks still sees LONG_PRESS, stamped with its
     * deadline, before what the late sample causes. */
    down(1, 50, 50, 0);
    up(1, 50, 50, 900);
    assert_string_equal(kinds(), "PRESS LONG_PRESS RELEASE");
    assert_int_equal(lg.ev[1].t, 600);
    /* A lift just before the deadline is a tap. */
    lg.n = 0;
    down(1, 50, 50, 5000);
    up(1, 50, 50, 5599);
    assert_string_equal(kinds(), "PRESS TAP");
}

static void drag_deltas_add_up(void **state)
{
    (void)state;
    down(1, 100, 100, 0);
    move(1, 103, 100, 10);   /* within slop: nothing */
    assert_int_equal(lg.n, 1);
    assert_int_equal(move(1, 110, 98, 20), 2);
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG");
    const struct gesture_event *b = &lg.ev[1], *d = &lg.ev[2];
    assert_true(b->dx == 0 && b->dy == 0 && b->x == 110 && b->y == 98);
    assert_true(d->dx == 10 && d->dy == -2 && d->total_dx == 10 && d->total_dy == -2);
    assert_int_equal(move(1, 110, 98, 30), 0); /* no motion, no DRAG */
    assert_int_equal(move(1, 115, 90, 40), 1);
    d = last(GESTURE_DRAG);
    assert_true(d->dx == 5 && d->dy == -8 && d->total_dx == 15 && d->total_dy == -10);
    up(1, 117, 89, 400);
    /* The lift's own movement arrives as a last DRAG before DRAG_END. */
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG DRAG DRAG DRAG_END");
    float sx = 0, sy = 0;
    for (int i = 0; i < lg.n; i++)
        if (lg.ev[i].kind == GESTURE_DRAG) {
            sx += lg.ev[i].dx;
            sy += lg.ev[i].dy;
        }
    const struct gesture_event *end = last(GESTURE_DRAG_END);
    assert_true(sx == end->total_dx && sy == end->total_dy && end->x == 117 && end->y == 89);
}

static void velocity_is_fitted_over_recent_samples(void **state)
{
    (void)state;
    /* 1000 px/s to the right, a sample every 10 ms: exact. */
    stroke(1, 100, 300, 400, 300, 0, 300, 10, 0);
    const struct gesture_event *e = last(GESTURE_DRAG_END);
    assert_float_equal(e->vx, 1000.0f, 1.0f);
    assert_float_equal(e->vy, 0.0f, 1.0f);
    assert_string_equal(kinds() + strlen(kinds()) - strlen("DRAG_END SWIPE:RIGHT FLING"), "DRAG_END SWIPE:RIGHT FLING");
    e = last(GESTURE_FLING);
    assert_float_equal(e->vx, 1000.0f, 1.0f);
    e = last(GESTURE_SWIPE);
    assert_float_equal(e->speed, 1000.0f, 1.0f);

    /* 500 px/s, then the lift comes 1 ms after the last move and 4 px on
     * (a digitizer's jump): the last two samples alone would say 4000 px/s. */
    lg.n = 0;
    down(2, 0, 0, 10000);
    for (int k = 1; k <= 20; k++)
        move(2, 5.0f * k, 0, 10000 + 10 * k);
    up(2, 104, 0, 10201);
    e = last(GESTURE_DRAG_END);
    assert_true(e->vx > 400 && e->vx < 900);
}

static void velocity_is_clamped(void **state)
{
    (void)state;
    stroke(1, 0, 500, 1000, 500, 0, 50, 10, 0); /* 20000 px/s */
    const struct gesture_event *e = last(GESTURE_FLING);
    assert_float_equal(e->vx, rec.p.max_speed, 1.0f);
}

static void duplicate_timestamps_are_harmless(void **state)
{
    (void)state;
    /* Moves batched under one timestamp with the down well before. */
    down(1, 0, 0, 1000);
    move(1, 10, 0, 1050);
    move(1, 20, 0, 1050);
    move(1, 30, 0, 1050);
    up(1, 30, 0, 1050);
    const struct gesture_event *e = last(GESTURE_DRAG_END);
    assert_true(isfinite(e->vx) && isfinite(e->vy) && e->vx > 0);
    /* Every recent sample at one instant: no slope to fit, no velocity. */
    lg.n = 0;
    down(1, 0, 0, 5000);
    move(1, 40, 0, 5500);
    move(1, 80, 0, 5500);
    up(1, 80, 0, 5500);
    e = last(GESTURE_DRAG_END);
    assert_true(e->vx == 0 && e->vy == 0);
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG DRAG DRAG_END");
}

static void holding_still_before_lifting_is_no_fling(void **state)
{
    (void)state;
    /* 2000 px/s, then the finger stops; the digitizer says nothing for
     * 150 ms and then reports the lift. */
    down(1, 100, 100, 0);
    for (int k = 1; k <= 10; k++)
        move(1, 100 + 20.0f * k, 100, 10 * (uint64_t)k);
    up(1, 300, 100, 250);
    assert_int_equal(lg.ev[lg.n - 1].kind, GESTURE_DRAG_END);
    const struct gesture_event *e = last(GESTURE_DRAG_END);
    assert_true(e->vx == 0 && e->vy == 0);
    /* The same with a trembling finger reporting all the while. */
    lg.n = 0;
    down(2, 100, 100, 1000);
    for (int k = 1; k <= 10; k++)
        move(2, 100 + 20.0f * k, 100, 1000 + 10 * (uint64_t)k);
    for (int k = 1; k <= 15; k++)
        move(2, 300 + (k % 2 ? 1.0f : -1.0f), 100 + (k % 3 ? 0.5f : -0.5f), 1100 + 10 * (uint64_t)k);
    up(2, 300, 100, 1260);
    e = last(GESTURE_DRAG_END);
    assert_true(hypotf(e->vx, e->vy) < rec.p.fling_min_speed);
    assert_int_equal(lg.ev[lg.n - 1].kind, GESTURE_DRAG_END);
}

static void swipes_in_four_directions(void **state)
{
    (void)state;
    static const struct {
        float dx, dy;
        enum gesture_dir dir;
    } cases[] = {{-200, 10, GESTURE_LEFT}, {200, -10, GESTURE_RIGHT}, {5, -200, GESTURE_UP}, {-5, 200, GESTURE_DOWN}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lg.n = 0;
        stroke(1, 960, 540, 960 + cases[i].dx, 540 + cases[i].dy, 100000 * (i + 1), 150, 10, 0);
        const struct gesture_event *e = last(GESTURE_SWIPE);
        assert_int_equal(e->dir, cases[i].dir);
        assert_true(e->speed >= rec.p.swipe_min_speed);
        assert_true(e->total_dx == cases[i].dx && e->total_dy == cases[i].dy);
    }
}

static void swipe_needs_distance_speed_and_direction(void **state)
{
    (void)state;
    /* Fast but short (20 px < 24 px): a fling only. */
    stroke(1, 500, 500, 520, 500, 0, 40, 10, 0);
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG DRAG DRAG DRAG_END FLING");
    /* Long but slow (60 px/s): neither. */
    lg.n = 0;
    stroke(1, 500, 500, 560, 500, 10000, 1000, 20, 0);
    assert_int_equal(lg.ev[lg.n - 1].kind, GESTURE_DRAG_END);
    /* Far right, then flicked back left: moving against its travel. */
    lg.n = 0;
    down(1, 100, 500, 20000);
    for (int k = 1; k <= 20; k++)
        move(1, 100 + 10.0f * k, 500, 20000 + 20 * (uint64_t)k);
    for (int k = 1; k <= 6; k++)
        move(1, 300 - 10.0f * k, 500, 20400 + 10 * (uint64_t)k);
    up(1, 240, 500, 20460);
    const struct gesture_event *e = last(GESTURE_FLING);
    assert_true(e->vx < 0);
    assert_null(strstr(kinds(), "SWIPE"));
    /* Steep diagonal: too far off either axis. */
    lg.n = 0;
    stroke(1, 500, 500, 650, 620, 30000, 100, 10, 0);
    assert_null(strstr(kinds(), "SWIPE"));
    assert_non_null(strstr(kinds(), "FLING"));
}

static void second_finger_cancels_once(void **state)
{
    (void)state;
    down(1, 100, 100, 0);
    move(1, 101, 100, 10);
    assert_int_equal(down(2, 300, 300, 20), 1);
    const struct gesture_event *c = last(GESTURE_CANCEL);
    assert_true(c->id == 1 && c->x == 101 && c->start_x == 100 && c->t == 20);
    /* Everything now is ignored: a third finger, moves, lifts, deadlines. */
    assert_int_equal(down(3, 500, 500, 30), 0);
    assert_int_equal(move(1, 200, 100, 40), 0);
    assert_int_equal(move(2, 400, 400, 40), 0);
    assert_int_equal(gesture_next_deadline(&rec), UINT64_MAX);
    assert_int_equal(tick(2000), 0);
    assert_int_equal(up(1, 200, 100, 2100), 0);
    assert_int_equal(up(3, 500, 500, 2110), 0);
    assert_int_equal(down(4, 10, 10, 2120), 0); /* one is still down */
    assert_int_equal(up(2, 400, 400, 2130), 0);
    assert_int_equal(up(4, 10, 10, 2140), 0);
    assert_string_equal(kinds(), "PRESS CANCEL");
    /* All lifted: gestures again. */
    down(5, 10, 10, 3000);
    up(5, 10, 10, 3050);
    assert_string_equal(kinds(), "PRESS CANCEL PRESS TAP");
}

static void second_finger_cancels_a_drag(void **state)
{
    (void)state;
    down(1, 100, 100, 0);
    move(1, 150, 100, 20);
    down(2, 600, 600, 30);
    up(1, 300, 100, 40);
    up(2, 600, 600, 50);
    assert_string_equal(kinds(), "PRESS DRAG_BEGIN DRAG CANCEL");
    assert_true(last(GESTURE_CANCEL)->total_dx == 50);
}

static void burst_of_contacts_beyond_the_table(void **state)
{
    (void)state;
    for (int i = 0; i < GESTURE_MAX_CONTACTS + 5; i++)
        down(i, 10.0f * i, 10, (uint64_t)i);
    assert_string_equal(kinds(), "PRESS CANCEL");
    for (int i = GESTURE_MAX_CONTACTS + 4; i >= 0; i--)
        up(i, 10.0f * i, 10, 100 + (uint64_t)i);
    down(100, 5, 5, 200);
    up(100, 5, 5, 250);
    assert_string_equal(kinds(), "PRESS CANCEL PRESS TAP");
}

static void unknown_ids_are_ignored(void **state)
{
    (void)state;
    assert_int_equal(move(7, 1, 1, 0), 0);
    assert_int_equal(up(7, 1, 1, 5), 0);
    down(1, 100, 100, 10);
    assert_int_equal(move(7, 500, 500, 20), 0);
    assert_int_equal(up(7, 500, 500, 30), 0);
    up(1, 100, 100, 60);
    assert_string_equal(kinds(), "PRESS TAP");
}

static void mouse_is_one_finger(void **state)
{
    (void)state;
    stroke(GESTURE_MOUSE_ID, 800, 400, 500, 400, 0, 100, 10, 0);
    assert_int_equal(last(GESTURE_SWIPE)->dir, GESTURE_LEFT);
    assert_int_equal(last(GESTURE_SWIPE)->id, GESTURE_MOUSE_ID);
}

static void lost_lifts_do_not_block_touch(void **state)
{
    (void)state;
    /* The same id going down again: its lift was lost. */
    down(1, 100, 100, 0);
    down(1, 200, 200, 100);
    up(1, 200, 200, 150);
    assert_string_equal(kinds(), "PRESS CANCEL PRESS TAP");
    /* A contact silent for stale_ms when another lands: forgotten. */
    lg.n = 0;
    down(2, 100, 100, 1000);
    down(3, 300, 300, 1000 + rec.p.stale_ms);
    up(3, 300, 300, 1050 + rec.p.stale_ms);
    assert_string_equal(kinds(), "PRESS LONG_PRESS CANCEL PRESS TAP");
    assert_int_equal(up(2, 100, 100, 1100 + rec.p.stale_ms), 0); /* its late lift is unknown now */
    /* A contact that keeps reporting is not stale: that is a second finger. */
    lg.n = 0;
    down(4, 100, 100, 100000);
    for (uint64_t t = 100500; t <= 100000 + 2 * rec.p.stale_ms; t += 500)
        move(4, 100, 100, t);
    down(5, 300, 300, 100001 + 2 * rec.p.stale_ms);
    assert_string_equal(kinds(), "PRESS LONG_PRESS CANCEL");
    /* Both lifts lost while void: the next touch after stale_ms works. */
    down(6, 10, 10, 100002 + 4 * rec.p.stale_ms);
    up(6, 10, 10, 100050 + 4 * rec.p.stale_ms);
    assert_string_equal(kinds(), "PRESS LONG_PRESS CANCEL PRESS TAP");
}

static void reset_cancels_a_live_gesture(void **state)
{
    (void)state;
    struct gesture_event out[GESTURE_MAX_EVENTS];
    assert_int_equal(gesture_reset(&rec, 0, out), 0);
    down(1, 100, 100, 10);
    assert_int_equal(keep(gesture_reset(&rec, 20, out), out), 1);
    assert_int_equal(up(1, 100, 100, 30), 0);
    down(2, 100, 100, 40);
    up(2, 100, 100, 50);
    assert_string_equal(kinds(), "PRESS CANCEL PRESS TAP");
}

static void clock_going_backwards_is_held(void **state)
{
    (void)state;
    down(1, 100, 100, 5000);
    up(1, 100, 100, 4990);
    assert_string_equal(kinds(), "PRESS TAP");
    assert_int_equal(last(GESTURE_TAP)->t, 5000);
}

static void one_call_emits_at_most_the_maximum(void **state)
{
    (void)state;
    /* The fullest call: a lift whose long press was due, far from the
     * start and moving fast. */
    down(1, 100, 100, 0);
    move(1, 102, 100, 590);
    assert_int_equal(up(1, 200, 100, 650), 6);
    assert_string_equal(kinds(), "PRESS LONG_PRESS DRAG_BEGIN DRAG DRAG_END SWIPE:RIGHT FLING");
    assert_true(6 <= GESTURE_MAX_EVENTS);
}

/* --- traces --------------------------------------------------------------- */

/* Checks the rules of gesture.h over lg: each PRESS is ended by exactly one
 * of TAP, RELEASE, DRAG_END, CANCEL; SWIPE and FLING only follow DRAG_END;
 * every event carries its PRESS's start; DRAG deltas sum to the total. */
static void check_sequence_rules(const char *name)
{
    bool open = false;
    float px = 0, py = 0, sx = 0, sy = 0;
    for (int i = 0; i < lg.n; i++) {
        const struct gesture_event *e = &lg.ev[i];
        if (e->kind == GESTURE_PRESS) {
            if (open)
                fail_msg("%s: PRESS at event %d before the last gesture ended", name, i);
            open = true;
            px = e->x, py = e->y, sx = sy = 0;
            continue;
        }
        if (e->kind == GESTURE_SWIPE || e->kind == GESTURE_FLING) {
            enum gesture_kind prev = i ? lg.ev[i - 1].kind : GESTURE_PRESS;
            if (prev != GESTURE_DRAG_END && prev != GESTURE_SWIPE)
                fail_msg("%s: %s at event %d not after DRAG_END", name, gesture_kind_name(e->kind), i);
            continue;
        }
        if (!open)
            fail_msg("%s: %s at event %d outside a gesture", name, gesture_kind_name(e->kind), i);
        if (e->start_x != px || e->start_y != py)
            fail_msg("%s: event %d has another start", name, i);
        if (e->kind == GESTURE_DRAG)
            sx += e->dx, sy += e->dy;
        if (e->kind == GESTURE_DRAG_END && (fabsf(sx - e->total_dx) > 1e-3f || fabsf(sy - e->total_dy) > 1e-3f))
            fail_msg("%s: DRAG deltas sum to %g,%g, not %g,%g", name, sx, sy, e->total_dx, e->total_dy);
        if (e->kind == GESTURE_TAP || e->kind == GESTURE_RELEASE || e->kind == GESTURE_DRAG_END ||
            e->kind == GESTURE_CANCEL)
            open = false;
    }
    if (open)
        fail_msg("%s: the last gesture never ended", name);
}

/* lg as the trace notation: DRAG runs written once. */
static const char *trace_kinds(void)
{
    static char buf[8192];
    buf[0] = '\0';
    for (int i = 0; i < lg.n; i++) {
        if (lg.ev[i].kind == GESTURE_DRAG && i && lg.ev[i - 1].kind == GESTURE_DRAG)
            continue;
        strcat(buf, buf[0] ? " " : "");
        strcat(buf, gesture_kind_name(lg.ev[i].kind));
        if (lg.ev[i].kind == GESTURE_SWIPE) {
            strcat(buf, ":");
            strcat(buf, gesture_dir_name(lg.ev[i].dir));
        }
    }
    return buf;
}

/* Replays one trace; returns 0 when its events are as expected. */
static int run_trace(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("%s: cannot open", path);
    char line[512], expect[1024] = "";
    float ppmm = 0;
    int lineno = 0, samples = 0;
    lg.n = 0;
    struct gesture_params p = gesture_params_default(0);
    gesture_init(&rec, &p);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!strncmp(line, "# px_per_mm:", 12)) {
            if (samples)
                fail_msg("%s:%d: px_per_mm after the first sample", path, lineno);
            ppmm = strtof(line + 12, NULL);
            p = gesture_params_default(ppmm);
            gesture_init(&rec, &p);
            continue;
        }
        if (!strncmp(line, "# expect:", 9)) {
            const char *list = line + 9 + strspn(line + 9, " ");
            if (expect[0])
                strcat(expect, " ");
            strncat(expect, list, sizeof expect - strlen(expect) - 1);
            continue;
        }
        if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
            continue;
        unsigned long long t;
        long long id;
        char verb[8];
        float x, y;
        char tail;
        if (sscanf(line, "%llu %7s %lld %f %f %c", &t, verb, &id, &x, &y, &tail) != 5)
            fail_msg("%s:%d: not \"t_ms down|move|up id x y\"", path, lineno);
        /* The kiosk sleeps until the recognizer's deadline. */
        for (uint64_t d = gesture_next_deadline(&rec); d <= t; d = gesture_next_deadline(&rec))
            tick(d);
        if (!strcmp(verb, "down"))
            down(id, x, y, t);
        else if (!strcmp(verb, "move"))
            move(id, x, y, t);
        else if (!strcmp(verb, "up"))
            up(id, x, y, t);
        else
            fail_msg("%s:%d: unknown verb \"%s\"", path, lineno, verb);
        samples++;
    }
    fclose(f);
    if (!expect[0] || !samples)
        fail_msg("%s: needs samples and an \"# expect:\" line", path);
    check_sequence_rules(path);
    if (strcmp(trace_kinds(), expect)) {
        print_error("%s:\n  expected: %s\n  got:      %s\n", path, expect, trace_kinds());
        return -1;
    }
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void every_trace_gives_its_expected_events(void **state)
{
    (void)state;
    DIR *d = opendir(TRACE_DIR);
    assert_non_null(d);
    char *names[128];
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t len = strlen(de->d_name);
        if (len > 6 && !strcmp(de->d_name + len - 6, ".trace") && n < 128)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    assert_true(n >= 12);
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", TRACE_DIR, names[i]);
        failed += run_trace(path) != 0;
        free(names[i]);
    }
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(defaults_scale_with_density, setup),
        cmocka_unit_test_setup(tap_reports_both_positions, setup),
        cmocka_unit_test_setup(slop_is_the_tap_boundary, setup),
        cmocka_unit_test_setup(long_press_fires_at_its_deadline, setup),
        cmocka_unit_test_setup(long_press_does_not_need_ticks, setup),
        cmocka_unit_test_setup(drag_deltas_add_up, setup),
        cmocka_unit_test_setup(velocity_is_fitted_over_recent_samples, setup),
        cmocka_unit_test_setup(velocity_is_clamped, setup),
        cmocka_unit_test_setup(duplicate_timestamps_are_harmless, setup),
        cmocka_unit_test_setup(holding_still_before_lifting_is_no_fling, setup),
        cmocka_unit_test_setup(swipes_in_four_directions, setup),
        cmocka_unit_test_setup(swipe_needs_distance_speed_and_direction, setup),
        cmocka_unit_test_setup(second_finger_cancels_once, setup),
        cmocka_unit_test_setup(second_finger_cancels_a_drag, setup),
        cmocka_unit_test_setup(burst_of_contacts_beyond_the_table, setup),
        cmocka_unit_test_setup(unknown_ids_are_ignored, setup),
        cmocka_unit_test_setup(mouse_is_one_finger, setup),
        cmocka_unit_test_setup(lost_lifts_do_not_block_touch, setup),
        cmocka_unit_test_setup(reset_cancels_a_live_gesture, setup),
        cmocka_unit_test_setup(clock_going_backwards_is_held, setup),
        cmocka_unit_test_setup(one_call_emits_at_most_the_maximum, setup),
        cmocka_unit_test_setup(every_trace_gives_its_expected_events, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
