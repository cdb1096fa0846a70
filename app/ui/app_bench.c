/* --bench N: N attract transitions rendered frame by frame without vsync as
 * fast as the machine goes (slide preparation is waited for, not timed),
 * then one line on stdout:
 *   bench: first_frame_ms=.. frames=.. frame_p50_ms=.. frame_p99_ms=.. peak_rss_kb=..
 * peak_rss_kb is read after one full rotation of the playlist. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "core/log.h"
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
    printf("bench: first_frame_ms=%.1f frames=%zu frame_p50_ms=%.2f frame_p99_ms=%.2f peak_rss_kb=%ld\n",
           a->first_frame_ms, n, p50, p99, rss_kb);
    fflush(stdout);
    free(ms);
    return EXIT_OK;
}
