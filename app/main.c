/* 清风 Qingfeng: the kiosk. Wires command line -> config -> feed -> fonts ->
 * window -> slide worker, runs the loop, and cleans up on one path. */
#include <stdio.h>
#include <time.h>

#include "core/log.h"
#include "ui/app.h"
#include "ui/args.h"

#ifndef QF_VERSION
#define QF_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t entry_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;

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
    return rc;
}
