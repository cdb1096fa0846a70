#include "core/gesture.h"

#include <math.h>
#include <string.h>

#define DEFAULT_PX_PER_MM (96.0f / 25.4f)

struct gesture_params gesture_params_default(float px_per_mm)
{
    if (!(px_per_mm > 0.0f) || !isfinite(px_per_mm))
        px_per_mm = DEFAULT_PX_PER_MM;
    return (struct gesture_params){
        .tap_slop_px = 3.0f * px_per_mm,
        .long_press_ms = 600,
        .swipe_min_px = 12.0f * px_per_mm,
        .swipe_min_speed = 100.0f * px_per_mm,
        .swipe_max_off_axis = 0.7f, /* tan 35 degrees */
        .fling_min_speed = 50.0f * px_per_mm,
        .max_speed = 1500.0f * px_per_mm,
        .velocity_window_ms = 100,
        .stale_ms = 10000,
    };
}

void gesture_init(struct gesture_recognizer *g, const struct gesture_params *p)
{
    memset(g, 0, sizeof *g);
    g->p = *p;
    g->state = GESTURE_IDLE;
}

static bool live(const struct gesture_recognizer *g)
{
    return g->state == GESTURE_PRESSED || g->state == GESTURE_HELD || g->state == GESTURE_DRAGGING;
}

/* Appends an event of kind k at time t describing the driving contact. */
static struct gesture_event *emit(const struct gesture_recognizer *g, struct gesture_event *out, int *n,
                                  enum gesture_kind k, uint64_t t)
{
    struct gesture_event *e = &out[(*n)++];
    *e = (struct gesture_event){
        .kind = k,
        .id = g->id,
        .t = t,
        .start_t = g->start_t,
        .x = g->x,
        .y = g->y,
        .start_x = g->start_x,
        .start_y = g->start_y,
        .total_dx = g->x - g->start_x,
        .total_dy = g->y - g->start_y,
    };
    return e;
}

/* Callers' clocks may jitter backwards by a millisecond; never let time
 * run backwards inside the recognizer. */
static uint64_t clamp_time(struct gesture_recognizer *g, uint64_t t)
{
    if (t < g->last_t)
        t = g->last_t;
    g->last_t = t;
    return t;
}

static void fire_due(struct gesture_recognizer *g, uint64_t t, struct gesture_event *out, int *n)
{
    uint64_t due = gesture_next_deadline(g);
    if (due != UINT64_MAX && t >= due) {
        emit(g, out, n, GESTURE_LONG_PRESS, due);
        g->state = GESTURE_HELD;
    }
}

static int find_contact(const struct gesture_recognizer *g, int64_t id)
{
    for (int i = 0; i < g->n_contacts; i++)
        if (g->contacts[i].id == id)
            return i;
    return -1;
}

static void remove_contact(struct gesture_recognizer *g, int i)
{
    g->contacts[i] = g->contacts[--g->n_contacts];
}

static void record(struct gesture_recognizer *g, float x, float y, uint64_t t)
{
    g->hist[g->hist_head] = (struct gesture_sample){t, x, y};
    g->hist_head = (g->hist_head + 1) % GESTURE_HISTORY;
    if (g->hist_len < GESTURE_HISTORY)
        g->hist_len++;
    g->x = x;
    g->y = y;
}

/* Release velocity: least-squares slope of position over the samples of
 * the last velocity_window_ms before t_up. Anchoring the window at the lift
 * (not at the last sample) means a finger that held still before lifting
 * has no recent samples left and so no velocity; a fit over several
 * samples smooths digitizer jitter and tolerates duplicate timestamps. */
static void release_velocity(const struct gesture_recognizer *g, uint64_t t_up, float *vx, float *vy)
{
    double st = 0, sx = 0, sy = 0, stt = 0, stx = 0, sty = 0;
    int n = 0;
    for (int k = 0; k < g->hist_len; k++) {
        const struct gesture_sample *s = &g->hist[(g->hist_head - 1 - k + 2 * GESTURE_HISTORY) % GESTURE_HISTORY];
        if (t_up - s->t > g->p.velocity_window_ms)
            break; /* the ring runs newest to oldest */
        double t = -(double)(t_up - s->t) / 1000.0;
        st += t;
        sx += s->x;
        sy += s->y;
        stt += t * t;
        stx += t * s->x;
        sty += t * s->y;
        n++;
    }
    *vx = *vy = 0.0f;
    double var = stt - st * st / (n ? n : 1);
    if (n < 2 || var < 1e-9) /* one sample, or all at one instant */
        return;
    double ax = (stx - st * sx / n) / var, ay = (sty - st * sy / n) / var;
    double speed = sqrt(ax * ax + ay * ay);
    if (speed > g->p.max_speed) {
        ax *= g->p.max_speed / speed;
        ay *= g->p.max_speed / speed;
    }
    *vx = (float)ax;
    *vy = (float)ay;
}

static bool beyond_slop(const struct gesture_recognizer *g)
{
    float dx = g->x - g->start_x, dy = g->y - g->start_y;
    return dx * dx + dy * dy > g->p.tap_slop_px * g->p.tap_slop_px;
}

static void drag_to_current(struct gesture_recognizer *g, uint64_t t, struct gesture_event *out, int *n)
{
    if (g->state != GESTURE_DRAGGING) {
        emit(g, out, n, GESTURE_DRAG_BEGIN, t);
        g->state = GESTURE_DRAGGING;
    }
    if (g->x == g->drag_x && g->y == g->drag_y)
        return;
    struct gesture_event *e = emit(g, out, n, GESTURE_DRAG, t);
    e->dx = g->x - g->drag_x;
    e->dy = g->y - g->drag_y;
    g->drag_x = g->x;
    g->drag_y = g->y;
}

/* SWIPE: far enough along one axis, close enough to it, and still moving
 * that way fast enough when lifted. */
static bool swipe_of(const struct gesture_recognizer *g, float vx, float vy, enum gesture_dir *dir, float *speed)
{
    float tx = g->x - g->start_x, ty = g->y - g->start_y;
    bool horizontal = fabsf(tx) >= fabsf(ty);
    float along = horizontal ? tx : ty, across = horizontal ? ty : tx, v = horizontal ? vx : vy;
    if (fabsf(along) < g->p.swipe_min_px || fabsf(across) > g->p.swipe_max_off_axis * fabsf(along))
        return false;
    if ((along > 0) != (v > 0) || fabsf(v) < g->p.swipe_min_speed)
        return false;
    *dir = horizontal ? (along > 0 ? GESTURE_RIGHT : GESTURE_LEFT) : (along > 0 ? GESTURE_DOWN : GESTURE_UP);
    *speed = fabsf(v);
    return true;
}

static void end_drag(struct gesture_recognizer *g, uint64_t t, struct gesture_event *out, int *n)
{
    float vx, vy, speed;
    enum gesture_dir dir;
    release_velocity(g, t, &vx, &vy);
    struct gesture_event *e = emit(g, out, n, GESTURE_DRAG_END, t);
    e->vx = vx;
    e->vy = vy;
    if (swipe_of(g, vx, vy, &dir, &speed)) {
        e = emit(g, out, n, GESTURE_SWIPE, t);
        e->vx = vx;
        e->vy = vy;
        e->dir = dir;
        e->speed = speed;
    }
    if (sqrtf(vx * vx + vy * vy) >= g->p.fling_min_speed) {
        e = emit(g, out, n, GESTURE_FLING, t);
        e->vx = vx;
        e->vy = vy;
    }
}

/* Ends a live gesture as void; contacts still down keep it VOID. */
static void cancel(struct gesture_recognizer *g, uint64_t t, struct gesture_event *out, int *n)
{
    emit(g, out, n, GESTURE_CANCEL, t);
    g->state = g->n_contacts ? GESTURE_VOID : GESTURE_IDLE;
}

/* A down for an id already down, or contacts silent for stale_ms, mean
 * lifts were lost (focus changes, driver hiccups): forget those contacts,
 * or one lost lift would block touch for good. */
static void forget_lost(struct gesture_recognizer *g, int64_t id, uint64_t t, struct gesture_event *out, int *n)
{
    bool driver_lost = false;
    for (int i = g->n_contacts - 1; i >= 0; i--) {
        const struct gesture_contact *c = &g->contacts[i];
        if (c->id == id || t - c->last_t >= g->p.stale_ms) {
            driver_lost |= live(g) && c->id == g->id;
            remove_contact(g, i);
        }
    }
    if (driver_lost)
        cancel(g, t, out, n);
    else if (g->state == GESTURE_VOID && g->n_contacts == 0)
        g->state = GESTURE_IDLE;
}

int gesture_down(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
                 struct gesture_event out[GESTURE_MAX_EVENTS])
{
    int n = 0;
    t = clamp_time(g, t);
    fire_due(g, t, out, &n);
    forget_lost(g, id, t, out, &n);
    if (g->n_contacts < GESTURE_MAX_CONTACTS)
        g->contacts[g->n_contacts++] = (struct gesture_contact){id, t};
    if (live(g)) {
        cancel(g, t, out, &n);
    } else if (g->state == GESTURE_IDLE) {
        g->state = GESTURE_PRESSED;
        g->id = id;
        g->start_t = t;
        g->start_x = g->drag_x = x;
        g->start_y = g->drag_y = y;
        g->hist_len = g->hist_head = 0;
        record(g, x, y, t);
        emit(g, out, &n, GESTURE_PRESS, t);
    }
    return n;
}

int gesture_move(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
                 struct gesture_event out[GESTURE_MAX_EVENTS])
{
    int n = 0;
    t = clamp_time(g, t);
    fire_due(g, t, out, &n);
    int i = find_contact(g, id);
    if (i < 0)
        return n;
    g->contacts[i].last_t = t;
    if (!live(g) || id != g->id)
        return n;
    record(g, x, y, t);
    if (g->state == GESTURE_DRAGGING || beyond_slop(g))
        drag_to_current(g, t, out, &n);
    return n;
}

int gesture_up(struct gesture_recognizer *g, int64_t id, float x, float y, uint64_t t,
               struct gesture_event out[GESTURE_MAX_EVENTS])
{
    int n = 0;
    t = clamp_time(g, t);
    fire_due(g, t, out, &n);
    int i = find_contact(g, id);
    if (i < 0)
        return n;
    remove_contact(g, i);
    if (!live(g) || id != g->id) {
        if (g->state == GESTURE_VOID && g->n_contacts == 0)
            g->state = GESTURE_IDLE;
        return n;
    }
    record(g, x, y, t);
    if (g->state == GESTURE_DRAGGING || beyond_slop(g)) {
        drag_to_current(g, t, out, &n);
        end_drag(g, t, out, &n);
    } else {
        emit(g, out, &n, g->state == GESTURE_HELD ? GESTURE_RELEASE : GESTURE_TAP, t);
    }
    g->state = GESTURE_IDLE;
    return n;
}

int gesture_tick(struct gesture_recognizer *g, uint64_t t, struct gesture_event out[GESTURE_MAX_EVENTS])
{
    int n = 0;
    fire_due(g, clamp_time(g, t), out, &n);
    return n;
}

uint64_t gesture_next_deadline(const struct gesture_recognizer *g)
{
    return g->state == GESTURE_PRESSED ? g->start_t + g->p.long_press_ms : UINT64_MAX;
}

int gesture_reset(struct gesture_recognizer *g, uint64_t t, struct gesture_event out[GESTURE_MAX_EVENTS])
{
    int n = 0;
    t = clamp_time(g, t);
    g->n_contacts = 0;
    if (live(g))
        cancel(g, t, out, &n);
    g->state = GESTURE_IDLE;
    return n;
}

const char *gesture_kind_name(enum gesture_kind k)
{
    static const char *const names[] = {"PRESS", "TAP", "LONG_PRESS", "RELEASE", "DRAG_BEGIN",
                                        "DRAG", "DRAG_END", "SWIPE", "FLING", "CANCEL"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

const char *gesture_dir_name(enum gesture_dir d)
{
    static const char *const names[] = {"LEFT", "RIGHT", "UP", "DOWN"};
    return (unsigned)d < sizeof names / sizeof names[0] ? names[d] : "?";
}
