/* Command-line flags. Parsed before anything else; applied over the config
 * file by main.c. */
#ifndef QF_UI_ARGS_H
#define QF_UI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct args {
    const char *feed;     /* --feed DIR|URL */
    const char *public_key; /* --public-key KEY|FILE */
    const char *state_dir;  /* --state-dir DIR */
    const char *config;   /* --config FILE */
    const char *theme;    /* --theme FILE */
    const char *script;   /* --script FILE */
    const char *shots;    /* --shots DIR */
    int fullscreen;       /* -1 unset, 0 --windowed, 1 --fullscreen */
    int width, height;    /* --size WxH; 0 unset */
    long dwell_ms;        /* --dwell MS; -1 unset */
    int rotate;           /* --rotate DEG; -1 unset */
    const char *exit_key; /* --exit-key NAME (overrides [admin] exit_key) */
    bool hash_pin;        /* --hash-pin */
    const char *check_config; /* --check-config FILE: report its problems and exit */
    bool verbose;         /* --verbose */
    int bench;            /* --bench N; 0 = off */
    bool has_clock;       /* --clock "YYYY-MM-DD HH:MM" (with --script or --bench) */
    time_t clock;         /* the wall-clock time at virtual time 0, local time */
    bool help, version;
};

/* Returns 0 on success (check help/version), -1 on a usage error with a
 * one-line message in err. */
int args_parse(int argc, char **argv, struct args *a, char *err, size_t errlen);

void args_usage(FILE *out);

#endif
