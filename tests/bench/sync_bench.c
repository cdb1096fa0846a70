/* Drives the real sync worker against a local server for `make bench`:
 *
 *   sync_bench once URL PUBKEY STATE
 *       one round into the store at STATE; prints its result line
 *   sync_bench revalidate URL PUBKEY STATE N
 *       a first round, then N rounds that must each be answered 304;
 *       prints "sync_304_p50_ms=.. sync_304_p99_ms=.." (each round timed
 *       from sync_now to the worker's notification: the conditional GET,
 *       the status bookkeeping and status.json written with fsync)
 *
 * Exit status 0, or 1 when a round fails or a 304 round is not a 304. */
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/minisign.h"
#include "core/store.h"
#include "net/fetch.h"
#include "net/sync.h"

static sem_t rounds;

static void on_round(void *ctx)
{
    (void)ctx;
    sem_post(&rounds);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Waits for the next round's notification and returns its status. */
static struct sync_status next_round(struct sync *s)
{
    struct sync_status st;
    while (sem_wait(&rounds) != 0)
        ;
    sync_get_status(s, &st);
    return st;
}

int main(int argc, char **argv)
{
    if (argc < 5 || (strcmp(argv[1], "once") && strcmp(argv[1], "revalidate"))) {
        fprintf(stderr, "usage: sync_bench once|revalidate URL PUBKEY STATE [N]\n");
        return 2;
    }
    bool revalidate = !strcmp(argv[1], "revalidate");
    int n = revalidate && argc > 5 ? atoi(argv[5]) : 0;
    char err[1024];
    struct sync_settings cfg;
    memset(&cfg, 0, sizeof cfg);
    snprintf(cfg.url, sizeof cfg.url, "%s", argv[2]);
    if (minisign_key_load(argv[3], &cfg.key, err, sizeof err) != 0) {
        fprintf(stderr, "sync_bench: %s\n", err);
        return 2;
    }
    cfg.has_key = true;
    cfg.interval_ms = 3600000; /* rounds only when asked */
    cfg.max_feed_bytes = 16u << 20;
    cfg.max_asset_bytes = 32u << 20;
    cfg.max_image_pixels = 40000000;
    struct store *store;
    if (fetch_global_init() != 0 || store_open(&store, argv[4], err, sizeof err) != 0) {
        fprintf(stderr, "sync_bench: %s\n", err);
        return 2;
    }
    sem_init(&rounds, 0, 0);
    struct sync *s = sync_start(&cfg, store, NULL, on_round, NULL, err, sizeof err);
    if (!s) {
        fprintf(stderr, "sync_bench: %s\n", err);
        return 2;
    }
    int rc = 0;
    struct sync_status st = next_round(s); /* the worker's first round starts at once */
    printf("round: %s\n", st.last_result);
    if (!st.ok)
        rc = 1;
    double *ms = n > 0 ? calloc((size_t)n, sizeof *ms) : NULL;
    for (int i = 0; i < n && rc == 0; i++) {
        double t0 = now_ms();
        sync_now(s);
        st = next_round(s);
        ms[i] = now_ms() - t0;
        if (!st.ok || strcmp(st.last_result, "not modified")) {
            fprintf(stderr, "sync_bench: round %d was not a 304: %s\n", i, st.last_result);
            rc = 1;
        }
    }
    if (n > 0 && rc == 0) {
        qsort(ms, (size_t)n, sizeof *ms, cmp_double);
        int p99 = (int)(0.99 * (n - 1) + 0.5);
        printf("sync_304_p50_ms=%.3f sync_304_p99_ms=%.3f\n", ms[(n - 1) / 2], ms[p99]);
    }
    free(ms);
    sync_stop(s);
    store_close(store);
    fetch_global_cleanup();
    sem_destroy(&rounds);
    return rc;
}
