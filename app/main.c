/* 清风 Qingfeng: the kiosk. Wires command line -> config -> feed -> fonts ->
 * window -> slide worker, runs the loop, and cleans up on one path. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/config_check.h"
#include "core/pin.h"
#include "net/fetch.h" /* fetch_global_cleanup; init is in app_start_sync */

#include "core/log.h"
#include "core/memstat.h"
#include "ui/app.h"
#include "ui/args.h"
#include "ui/version.h"


/* --hash-pin: one PIN on standard input -> the config line. */
static int hash_pin(void)
{
    char pin[64] = "", hash[PIN_HASH_MAX];
    if (!fgets(pin, sizeof pin, stdin)) {
        fprintf(stderr, "qingfeng: --hash-pin: no PIN on standard input\n");
        return EXIT_USAGE;
    }
    pin[strcspn(pin, "\r\n")] = 0;
    if (!pin_is_valid(pin)) {
        fprintf(stderr, "qingfeng: --hash-pin: a PIN is %d to %d digits\n", PIN_MIN_LEN, PIN_MAX_LEN);
        return EXIT_USAGE;
    }
    if (pin_hash_new(pin, hash, sizeof hash) != 0) {
        fprintf(stderr, "qingfeng: --hash-pin: hashing failed (out of memory?)\n");
        return EXIT_RUNTIME;
    }
    printf("pin_hash = %s\n", hash);
    return EXIT_OK;
}

static void print_problem(void *ctx, const char *line)
{
    fprintf(stderr, "%s\n", line);
}

/* --check-config FILE: before any window, so it runs without a display. */
static int check_config(const char *path)
{
    char summary[1024];
    int problems = config_check(path, print_problem, NULL);
    config_check_summary(path, problems, summary, sizeof summary);
    fprintf(stderr, "%s\n", summary);
    return problems ? EXIT_RUNTIME : EXIT_OK;
}

int main(int argc, char **argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t entry_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    /* Full-screen pictures (8 MiB each at 1080p) come and go with every
     * slide: a fixed threshold keeps them in their own mappings, returned
     * when freed. glibc would otherwise raise it past their size after the
     * first one is freed and keep the freed ones in the heap (about 12 MiB
     * more PSS after a rotation, 16 after a visit). */
    memstat_fix_allocator();

    struct args args;
    char err[512];
    if (args_parse(argc, argv, &args, err, sizeof err) != 0) {
        fprintf(stderr, "qingfeng: %s\n", err);
        args_usage(stderr);
        return EXIT_USAGE;
    }
    if (args.help) {
        args_usage(stdout);
        return EXIT_OK;
    }
    if (args.version) {
        printf("qingfeng %s\n", QF_VERSION);
        return EXIT_OK;
    }

    if (args.check_config)
        return check_config(args.check_config);
    if (args.hash_pin)
        return hash_pin();

    static struct app app;
    int rc = app_init(&app, &args, entry_ns);
    if (rc == EXIT_OK) {
        if (args.script)
            rc = app_run_script(&app);
        else if (args.bench)
            rc = app_run_bench(&app);
        else
            rc = app_run(&app);
    }
    app_destroy(&app);
    fetch_global_cleanup(); /* after app_destroy: the sync thread is joined */
    return rc;
}
