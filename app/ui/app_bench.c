/* --bench N: N attract transitions rendered frame by frame without vsync as
 * fast as the machine goes (slide preparation is waited for, not timed),
 * then one line on stdout with these fields:
 *   renderer          the SDL renderer in use (software, opengl, ...)
 *   first_frame_ms    main() entry to the first present with a slide
 *   first_frame_wall_ns  the same moment on CLOCK_REALTIME, so a script can
 *                     count from the exec it timed itself
 *   slide_p50/p99_ms, fade_p50/p99_ms  frame times by transition kind
 *   peak_rss_kb       the high-water mark, after the rotation and the visit
 *   rss_rot_kb, pss_rot_kb    resident and proportional set after it
 *   tap_p50/p99_ms    finger down on a button to the present showing it
 *   rss_visit_kb, pss_visit_kb  the same after the taps (a visit)
 *   static_presents   presents in BENCH_STATIC_MS on the real clock with
 *                     one slide standing still, after BENCH_SETTLE_MS
 * The tap figures are over taps between home and a list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/memstat.h"

#include "core/log.h"
#include "core/rotation.h"
#include "ui/app.h"

#define BENCH_FRAME_MS 16
#define BENCH_SETTLE_MS 1000
#define BENCH_STATIC_MS 5000

/* Frame times of one kind of transition. */
struct samples {
    double *v;
    size_t n, cap;
};

static int samples_add(struct samples *s, double x)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 512;
        double *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = x;
    return 0;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Sorts v and returns its p-th percentile (0 for none). */
static double percentile(double *v, size_t n, int p)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (n * (size_t)p) / 100;
    return v[i < n ? i : n - 1];
}

/* Blocks until the slides of the frame (both during a transition) are ready. */
static void wait_slides(struct app *a)
{
    app_take_results(a);
    while (!a->quit && app_frame_missing(a, a->vnow)) {
        app_update_wants(a);
        worker_wait(a->worker, 100);
        app_take_results(a);
        app_handle_events(a);
    }
}

/* Waits until the wanted interactive screen is on display. */
static void wait_screen(struct app *a)
{
    app_take_results(a);
    while (!a->quit && !app_visit_ready(a)) {
        app_want_screens(a);
        worker_wait(a->worker, 100);
        app_take_results(a);
        app_handle_events(a);
    }
}

/* x, y: pixels of the upright picture; the event is where the turned
 * panel shows them. */
static void push_finger(Uint32 type, float x, float y, int w, int h, int rotate)
{
    float px, py;
    rotation_to_panel(rotate, x / (float)w, y / (float)h, &px, &py);
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.touchId = 1;
    ev.tfinger.fingerId = 1;
    ev.tfinger.x = px;
    ev.tfinger.y = py;
    SDL_PushEvent(&ev);
}

/* Taps alternately a module tile on home and 返回 on its list; returns the
 * number of latencies written to out. */
static size_t bench_taps(struct app *a, double *out, size_t max)
{
    size_t n = 0;
    nav_start_visit(&a->nav);
    app_scene_changed(a);
    wait_screen(a);
    app_present(a, a->vnow);
    for (size_t i = 0; i < max * 2 && !a->quit && n < max; i++) {
        enum hit_action want = nav_current(&a->nav)->kind == SCENE_HOME ? HIT_MODULE : HIT_BACK;
        const struct hit *h = NULL;
        for (size_t k = 0; a->shown && k < a->shown->n_hits && !h; k++)
            if (a->shown->hits[k].act == want)
                h = &a->shown->hits[k];
        if (!h)
            break;
        float x = h->r.x + h->r.w / 2.0f, y = h->r.y + h->r.h / 2.0f;
        uint64_t t0 = mono_ns();
        push_finger(SDL_FINGERDOWN, x, y, a->w, a->h, a->display.rotate);
        app_handle_events(a);
        app_present(a, a->vnow);
        out[n++] = (double)(mono_ns() - t0) / 1e6;
        a->vnow += 80;
        push_finger(SDL_FINGERUP, x, y, a->w, a->h, a->display.rotate);
        app_handle_events(a);
        wait_screen(a);
        a->vnow += RIPPLE_MS;
        app_present(a, a->vnow);
    }
    nav_to_attract(&a->nav);
    app_scene_changed(a);
    return n;
}

/* Times the transitions; past the timed ones, finishes the rotation for the
 * memory figures without drawing every frame. */
static void bench_transitions(struct app *a, struct samples *slide, struct samples *fade, struct memstat *rot)
{
    size_t rotation = a->attract.n_order;
    int done = 0;
    bool have_rot = false;
    while (!a->quit && (done < a->args.bench || !have_rot)) {
        attract_skip(&a->attract, +1, a->vnow);
        app_update_wants(a);
        wait_slides(a);
        bool timed = done < a->args.bench;
        struct samples *kind = attract_frame_at(&a->attract, a->vnow).kind == TRANSITION_SLIDE ? slide : fade;
        uint64_t prev = 0;
        while (!a->quit && a->attract.in_transition) {
            if (!timed) {
                a->vnow = a->attract.transition_start + a->attract.cfg.transition_ms;
                break;
            }
            uint64_t t0 = mono_ns();
            app_advance(a, a->vnow);
            app_present(a, a->vnow);
            /* A frame's cost is the time from one frame's start to the
             * next's, so work the GPU (or llvmpipe) does after the present
             * call returns is counted too. */
            if (prev && samples_add(kind, (double)(t0 - prev) / 1e6) != 0)
                break;
            prev = t0;
            a->vnow += BENCH_FRAME_MS;
            app_handle_events(a);
        }
        if (prev) /* the last frame of the transition */
            samples_add(kind, (double)(mono_ns() - prev) / 1e6);
        app_advance(a, a->vnow);
        if (!timed)
            app_present(a, a->vnow);
        done++;
        if ((size_t)done >= rotation && !have_rot) {
            memstat_read_self(rot);
            have_rot = true;
        }
    }
}

static Uint32 quit_later(Uint32 interval, void *param)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_QUIT;
    SDL_PushEvent(&ev);
    return 0;
}

/* The kiosk's own loop on the real clock for ms; returns the frames it
 * presented. */
static unsigned long run_real(struct app *a, Uint32 ms)
{
    unsigned long before = a->frames;
    SDL_TimerID t = SDL_AddTimer(ms, quit_later, NULL);
    if (!t)
        return (unsigned long)-1;
    app_run(a);
    SDL_RemoveTimer(t);
    a->quit = false;
    return a->frames - before;
}

/* Presents while one slide stands still, on the real clock. The header
 * clock changes once a minute (one present, rightly): the window is kept
 * clear of a minute change. Returns -1 when the loop cannot be timed. */
static long bench_static(struct app *a)
{
    if (SDL_InitSubSystem(SDL_INIT_TIMER) != 0)
        return -1;
    wait_slides(a);
    a->virtual_clock = false;
    a->chrome.ripple = false; /* its start is on the virtual clock, maybe ahead of the real one */
    a->attract.cfg.dwell_ms = 24u * 3600 * 1000;
    if (attract_show_item(&a->attract, attract_current_item(&a->attract), app_now(a)) != 0)
        return -1;
    a->dirty = true;
    time_t t = time(NULL);
    long left = 60 - (long)(t % 60);
    Uint32 settle = BENCH_SETTLE_MS;
    if (left * 1000 < BENCH_SETTLE_MS + BENCH_STATIC_MS + 1000)
        settle += (Uint32)left * 1000;
    run_real(a, settle);
    unsigned long n = run_real(a, BENCH_STATIC_MS);
    return n == (unsigned long)-1 ? -1 : (long)n;
}

/* The renderer's name, and for OpenGL ones the driver behind it
 * ("opengl/llvmpipe" is Mesa drawing on the CPU), without spaces. */
static void renderer_name(SDL_Renderer *ren, char *out, size_t len)
{
    SDL_RendererInfo ri;
    if (SDL_GetRendererInfo(ren, &ri) != 0 || !ri.name) {
        snprintf(out, len, "unknown");
        return;
    }
    snprintf(out, len, "%s", ri.name);
    if (strncmp(ri.name, "opengl", 6) != 0)
        return;
    typedef const unsigned char *(*get_string_fn)(unsigned);
    get_string_fn get_string = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const unsigned char *gl = get_string ? get_string(0x1F01 /* GL_RENDERER */) : NULL;
    if (!gl)
        return;
    size_t n = strlen(out);
    snprintf(out + n, len - n, "/%.*s", (int)strcspn((const char *)gl, " ("), (const char *)gl);
}

int app_run_bench(struct app *a)
{
    struct samples slide = {0}, fade = {0};
    struct memstat rot = {-1, -1, -1}, visit = {-1, -1, -1};
    char renderer[64];
    renderer_name(a->ren, renderer, sizeof renderer);
    wait_slides(a);
    app_present(a, a->vnow);
    bench_transitions(a, &slide, &fade, &rot);
    double s50 = percentile(slide.v, slide.n, 50), s99 = percentile(slide.v, slide.n, 99);
    double f50 = percentile(fade.v, fade.n, 50), f99 = percentile(fade.v, fade.n, 99);
    double taps[40];
    size_t nt = bench_taps(a, taps, sizeof taps / sizeof taps[0]);
    double t50 = percentile(taps, nt, 50), t99 = percentile(taps, nt, 99);
    memstat_read_self(&visit);
    long presents = a->quit ? -1 : bench_static(a);

    /* first_frame_ms on CLOCK_REALTIME: now, less the time since then */
    struct timespec rt;
    clock_gettime(CLOCK_REALTIME, &rt);
    double since_ms = (double)(mono_ns() - a->main_entry_ns) / 1e6 - a->first_frame_ms;
    long long wall_ns = (long long)rt.tv_sec * 1000000000LL + rt.tv_nsec - (long long)(since_ms * 1e6);
    printf("bench: renderer=%s first_frame_ms=%.1f first_frame_wall_ns=%lld slide_frames=%zu slide_p50_ms=%.2f "
           "slide_p99_ms=%.2f fade_frames=%zu fade_p50_ms=%.2f fade_p99_ms=%.2f peak_rss_kb=%ld rss_rot_kb=%ld "
           "pss_rot_kb=%ld tap_p50_ms=%.2f tap_p99_ms=%.2f rss_visit_kb=%ld pss_visit_kb=%ld static_presents=%ld\n",
           renderer, a->first_frame_ms, wall_ns, slide.n, s50, s99, fade.n, f50, f99, visit.peak_rss_kb, rot.rss_kb,
           rot.pss_kb, t50, t99, visit.rss_kb, visit.pss_kb, presents);
    fflush(stdout);
    free(slide.v);
    free(fade.v);
    return EXIT_OK;
}
