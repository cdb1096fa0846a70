/* --bench N: N attract transitions rendered frame by frame without vsync as
 * fast as the machine goes (slide preparation is waited for, not timed),
 * then one line on stdout:
 *   bench: first_frame_ms=.. frames=.. frame_p50_ms=.. frame_p99_ms=.. peak_rss_kb=..
 *          tap_p50_ms=.. tap_p99_ms=..
 * peak_rss_kb is read after one full rotation of the playlist. The tap
 * figures time a finger going down on a button to the end of the present
 * of the frame that shows it pressed, over taps between home and a list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/log.h"
#include "core/rotation.h"
#include "ui/app.h"

#define BENCH_FRAME_MS 16

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

/* Blocks until the slide on screen and the next one are ready. */
static void wait_slides(struct app *a)
{
    const struct attract *t = &a->attract;
    size_t next = t->order[(t->pos + 1) % t->n_order];
    app_take_results(a);
    while (!a->quit && (app_frame_missing(a, a->vnow) || !view_has(&a->view, next))) {
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

int app_run_bench(struct app *a)
{
    size_t cap = 1024, n = 0;
    double *ms = malloc(cap * sizeof *ms);
    if (!ms) {
        log_err("bench: out of memory");
        return EXIT_RUNTIME;
    }
    long rss_kb = -1;
    size_t rotation = a->attract.n_order;
    int done = 0;
    wait_slides(a);
    app_present(a, a->vnow);
    while (!a->quit && (done < a->args.bench || rss_kb < 0)) {
        wait_slides(a);
        attract_skip(&a->attract, +1, a->vnow);
        app_update_wants(a);
        bool timed = done < a->args.bench;
        uint64_t prev = 0;
        while (!a->quit && a->attract.in_transition) {
            if (!timed) {
                /* Past the timed part: finish the rotation for the memory
                 * figure without drawing every frame. */
                a->vnow = a->attract.transition_start + a->attract.cfg.transition_ms;
                break;
            }
            uint64_t t0 = mono_ns();
            app_advance(a, a->vnow);
            app_present(a, a->vnow);
            /* A frame's cost is the time from one frame's start to the
             * next's, so work the GPU (or llvmpipe) does after the present
             * call returns is counted too. */
            if (prev) {
                if (n == cap) {
                    double *m = realloc(ms, 2 * cap * sizeof *ms);
                    if (!m)
                        break;
                    ms = m;
                    cap *= 2;
                }
                ms[n++] = (double)(t0 - prev) / 1e6;
            }
            prev = t0;
            a->vnow += BENCH_FRAME_MS;
            app_handle_events(a);
        }
        if (prev && n < cap) {
            /* the last frame of the transition */
            ms[n++] = (double)(mono_ns() - prev) / 1e6;
        }
        app_advance(a, a->vnow);
        if (!timed)
            app_present(a, a->vnow);
        done++;
        if ((size_t)done >= rotation && rss_kb < 0) {
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            rss_kb = ru.ru_maxrss;
        }
    }
    qsort(ms, n, sizeof *ms, cmp_double);
    double p50 = n ? ms[n / 2] : 0, p99 = n ? ms[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] : 0;
    double taps[40];
    size_t nt = bench_taps(a, taps, sizeof taps / sizeof taps[0]);
    qsort(taps, nt, sizeof *taps, cmp_double);
    double t50 = nt ? taps[nt / 2] : 0, t99 = nt ? taps[nt - 1 - nt / 100] : 0;
    printf("bench: first_frame_ms=%.1f frames=%zu frame_p50_ms=%.2f frame_p99_ms=%.2f peak_rss_kb=%ld "
           "tap_p50_ms=%.2f tap_p99_ms=%.2f\n",
           a->first_frame_ms, n, p50, p99, rss_kb, t50, t99);
    fflush(stdout);
    free(ms);
    return EXIT_OK;
}
