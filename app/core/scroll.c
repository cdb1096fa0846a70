#include "core/scroll.h"

#include <math.h>

/* A spring is at rest when this close to its bound and this slow. */
#define SETTLE_PX 0.5

struct scroll_params scroll_params_default(void)
{
    return (struct scroll_params){
        .overscroll_frac = 0.12f,
        .rubber_band = 0.55f,
        .decel_tau_ms = 325.0f,
        .spring_tau_ms = 65.0f,
        .stop_speed = 10.0f,
        .max_speed = 8000.0f,
    };
}

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static void set_extent(struct scroll *s, float viewport, float content)
{
    s->viewport = viewport > 0 ? viewport : 0;
    s->content = content > 0 ? content : 0;
    s->max = s->content > s->viewport ? s->content - s->viewport : 0;
    s->limit = s->viewport * clampd(s->p.overscroll_frac, 0, 1);
}

void scroll_init(struct scroll *s, const struct scroll_params *p, float viewport, float content, uint64_t now)
{
    *s = (struct scroll){.p = *p, .phase = SCROLL_REST, .now = now};
    set_extent(s, viewport, content);
}

/* Rubber band: overscroll o of the finger shows as L (1 - 1 / (o c / L + 1)),
 * which starts with slope c and never reaches the limit L however far the
 * finger goes. */
static double band(const struct scroll *s, double o)
{
    double L = s->limit, c = s->p.rubber_band;
    if (L <= 0 || c <= 0)
        return 0;
    return L * (1 - 1 / (o * c / L + 1));
}

static double band_inverse(const struct scroll *s, double shown)
{
    double L = s->limit, c = s->p.rubber_band;
    if (L <= 0 || c <= 0)
        return 0;
    shown = clampd(shown, 0, 0.999 * L);
    return L / c * (1 / (1 - shown / L) - 1);
}

static double shown_of_raw(const struct scroll *s, double raw)
{
    if (raw < 0)
        return -band(s, -raw);
    if (raw > s->max)
        return s->max + band(s, raw - s->max);
    return raw;
}

static double raw_of_shown(const struct scroll *s, double shown)
{
    if (shown < 0)
        return -band_inverse(s, -shown);
    if (shown > s->max)
        return s->max + band_inverse(s, shown - s->max);
    return shown;
}

static double tau_s(float ms) { return (ms > 0 ? ms : 1) / 1000.0; }

/* Position and velocity of the current FLING or SPRING el seconds after
 * its start. */
static void motion_at(const struct scroll *s, double el, double *x, double *v)
{
    if (s->phase == SCROLL_FLING) {
        double tau = tau_s(s->p.decel_tau_ms), k = exp(-el / tau);
        *x = s->x0 + s->v0 * tau * (1 - k);
        *v = s->v0 * k;
    } else if (s->phase == SCROLL_SPRING) {
        double w = 1 / tau_s(s->p.spring_tau_ms), a = s->x0 - s->bound, b = s->v0 + w * a, k = exp(-w * el);
        *x = s->bound + (a + b * el) * k;
        *v = (b - w * (a + b * el)) * k;
    } else {
        *x = s->offset;
        *v = 0;
    }
}

/* Starts moving from x at velocity v (px/s) at time t (ms). */
static void start_motion(struct scroll *s, double x, double v, double t)
{
    s->phase = SCROLL_REST;
    s->offset = x;
    if (s->max <= 0) {
        s->offset = 0;
        return;
    }
    s->x0 = x;
    s->phase_t = t;
    if (x < 0 || x > s->max) {
        /* Released beyond a bound: outward velocity is dropped, so the
         * overscroll never grows past where the finger left it. */
        s->bound = x < 0 ? 0 : s->max;
        s->v0 = x < 0 ? fmax(v, 0) : fmin(v, 0);
        s->phase = SCROLL_SPRING;
    } else if (fabs(v) > s->p.stop_speed) {
        s->v0 = v;
        s->phase = SCROLL_FLING;
    }
}

/* A fling reaching a bound at velocity v becomes a spring from the bound.
 * From the bound, the spring's farthest point is |v| / (w e); v is capped
 * so that stays inside the overscroll limit. */
static void hit_bound(struct scroll *s, double b, double v, double t)
{
    double w = 1 / tau_s(s->p.spring_tau_ms), cap = 0.95 * s->limit * w * exp(1.0);
    s->phase = SCROLL_SPRING;
    s->bound = b;
    s->x0 = b;
    s->v0 = clampd(v, -cap, cap);
    s->phase_t = t;
}

/* Runs the current phase up to `until` (ms); returns true when it changed
 * phase before then, so the caller continues with the new one. */
static bool advance(struct scroll *s, double until)
{
    double el = (until - s->phase_t) / 1000.0, x, v;
    if (s->phase == SCROLL_FLING) {
        double tau = tau_s(s->p.decel_tau_ms), speed = fabs(s->v0);
        double t_stop = speed > s->p.stop_speed ? tau * log(speed / s->p.stop_speed) : 0;
        /* Time to reach the bound ahead: x0 + v0 tau (1 - e^(-t/tau)) = b. */
        double b = s->v0 > 0 ? s->max : 0, need = (b - s->x0) / (s->v0 * tau);
        double t_hit = need < 1 ? -tau * log(1 - need) : INFINITY;
        if (t_hit <= el && t_hit <= t_stop) {
            motion_at(s, t_hit, &x, &v);
            hit_bound(s, b, v, s->phase_t + t_hit * 1000);
            return true;
        }
        if (t_stop <= el) {
            motion_at(s, t_stop, &x, &v);
            s->offset = clampd(x, 0, s->max);
            s->phase = SCROLL_REST;
            return false;
        }
    } else if (s->phase == SCROLL_SPRING) {
        /* A spring thrown inwards hard enough crosses its bound at
         * -a / b: from there it is a fling inside. */
        double w = 1 / tau_s(s->p.spring_tau_ms), a = s->x0 - s->bound, bb = s->v0 + w * a;
        if (a * bb < 0 && -a / bb <= el) {
            double tz = -a / bb;
            motion_at(s, tz, &x, &v);
            start_motion(s, s->bound, v, s->phase_t + tz * 1000);
            return s->phase != SCROLL_REST;
        }
        motion_at(s, el, &x, &v);
        if (fabs(x - s->bound) < SETTLE_PX && fabs(v) < s->p.stop_speed) {
            s->offset = s->bound;
            s->phase = SCROLL_REST;
            return false;
        }
    } else {
        return false;
    }
    motion_at(s, el, &x, &v);
    s->offset = clampd(x, -s->limit, s->max + s->limit);
    return false;
}

void scroll_step(struct scroll *s, uint64_t t)
{
    if (t <= s->now)
        return;
    s->now = t;
    /* A step changes phase a few times at most (bound hit, spring thrown
     * back inside, far bound); the cap only guards against float surprises. */
    int changes = 0;
    while (advance(s, (double)t))
        if (++changes == 16) {
            s->phase = SCROLL_REST;
            s->offset = clampd(s->x0, 0, s->max);
            break;
        }
}

void scroll_set_extent(struct scroll *s, float viewport, float content)
{
    double x = s->offset, v = 0;
    if (s->phase == SCROLL_FLING || s->phase == SCROLL_SPRING)
        motion_at(s, ((double)s->now - s->phase_t) / 1000.0, &x, &v);
    set_extent(s, viewport, content);
    if (s->phase == SCROLL_SPRING) {
        /* Still beyond the new bounds: spring on to them; now inside: rest. */
        x = clampd(x, -s->limit, s->max + s->limit);
        start_motion(s, x, x < 0 || x > s->max ? v : 0, (double)s->now);
        return;
    }
    x = clampd(x, 0, s->max);
    if (s->phase == SCROLL_DRAG && s->max > 0) {
        s->offset = s->raw = x;
        return;
    }
    start_motion(s, x, v, (double)s->now);
}

void scroll_grab(struct scroll *s, uint64_t t)
{
    scroll_step(s, t);
    if (s->max <= 0)
        return;
    s->phase = SCROLL_DRAG;
    s->raw = raw_of_shown(s, s->offset);
}

void scroll_drag(struct scroll *s, float dy, uint64_t t)
{
    if (s->phase != SCROLL_DRAG)
        scroll_grab(s, t);
    if (s->phase != SCROLL_DRAG || s->max <= 0)
        return; /* the content fits: nothing scrolls */
    if (t > s->now)
        s->now = t;
    s->raw -= dy;
    s->offset = shown_of_raw(s, s->raw);
}

void scroll_release(struct scroll *s, float vy, uint64_t t)
{
    if (s->phase != SCROLL_DRAG)
        scroll_step(s, t);
    if (t > s->now)
        s->now = t;
    double v = clampd(-(double)vy, -s->p.max_speed, s->p.max_speed);
    if (!isfinite(v))
        v = 0;
    start_motion(s, s->offset, v, (double)s->now);
}

bool scroll_animating(const struct scroll *s) { return s->phase == SCROLL_FLING || s->phase == SCROLL_SPRING; }

float scroll_offset(const struct scroll *s) { return (float)s->offset; }

float scroll_max(const struct scroll *s) { return (float)s->max; }

void scroll_jump_to(struct scroll *s, float offset)
{
    s->phase = SCROLL_REST;
    s->offset = isfinite(offset) ? clampd(offset, 0, s->max) : 0;
}
