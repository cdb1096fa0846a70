#include "ui/args.h"

#include "core/rotation.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void args_usage(FILE *out)
{
    fputs("usage: qingfeng [options]\n"
          "  --feed DIR|URL      content feed folder, or the URL of a feed.json to sync from\n"
          "                      (default: config feed_url or feed_dir, else the bundled feed)\n"
          "  --public-key KEY|FILE  minisign public key the synced feed must be signed with\n"
          "  --state-dir DIR     where synced content and status.json live (default /var/lib/qingfeng)\n"
          "  --config FILE       config file (default: /etc/qingfeng/kiosk.conf if it exists)\n"
          "  --theme FILE        theme file (default: config theme_file, else assets/theme.ini)\n"
          "  --fullscreen        fill the display (default from config)\n"
          "  --windowed          run in a window\n"
          "  --size WxH          window size, e.g. 1920x1080 (default 1280x720)\n"
          "  --rotate DEG        turn the picture 0, 90, 180 or 270 degrees clockwise, for a panel\n"
          "                      mounted on its side or upside down (default from config)\n"
          "  --dwell MS          time each slide stays on screen (1000..600000)\n"
          "  --script FILE       run scripted input on a virtual clock, then exit\n"
          "  --shots DIR         where the script's shots are saved (with --script)\n"
          "  --bench N           time N transitions, print one 'bench:' line, exit\n"
          "  --clock \"YYYY-MM-DD HH:MM\"  the time shown in the header when the script or bench\n"
          "                      starts (local time); for screenshots that match run to run\n"
          "  --exit-key NAME     a key that quits (development only; e.g. Escape, F12)\n"
          "  --hash-pin          read an admin PIN (4-12 digits) from standard input and print\n"
          "                      the pin_hash line for the [admin] section of the config\n"
          "  --check-config FILE report every problem of a config file, one line each, and exit\n"
          "                      (0: clean, 1: problems); needs no display\n"
          "  --verbose           debug logging\n"
          "  --help              this text\n"
          "  --version           print the version\n",
          out);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_size(const char *s, int *w, int *h)
{
    if (!s)
        return -1;
    const char *x = strchr(s, 'x');
    if (!x)
        return -1;
    char buf[16];
    size_t n = (size_t)(x - s);
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    long lw, lh;
    if (parse_long(buf, 64, 16384, &lw) || parse_long(x + 1, 64, 16384, &lh))
        return -1;
    *w = (int)lw;
    *h = (int)lh;
    return 0;
}

/* "YYYY-MM-DD HH:MM" in local time -> *out. Refuses other shapes and dates
 * or times that do not exist (2025-02-30, a skipped daylight-saving hour). */
static int parse_clock(const char *s, time_t *out)
{
    static const char shape[] = "dddd-dd-dd dd:dd";
    if (!s || strlen(s) != sizeof shape - 1)
        return -1;
    for (size_t i = 0; shape[i]; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return -1;
    }
    int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8), h = atoi(s + 11), mi = atoi(s + 14);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1};
    time_t t = mktime(&tm);
    struct tm back;
    if (t == (time_t)-1 || !localtime_r(&t, &back))
        return -1;
    if (back.tm_year != y - 1900 || back.tm_mon != mo - 1 || back.tm_mday != d || back.tm_hour != h ||
        back.tm_min != mi)
        return -1;
    *out = t;
    return 0;
}

int args_parse(int argc, char **argv, struct args *a, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->fullscreen = -1;
    a->dwell_ms = -1;
    a->rotate = -1;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_VALUE()                                                                                        \
    do {                                                                                                     \
        if (!v) {                                                                                            \
            snprintf(err, errlen, "%s needs a value", f);                                                    \
            return -1;                                                                                       \
        }                                                                                                    \
        i++;                                                                                                 \
    } while (0)
        if (!strcmp(f, "--feed")) {
            NEEDS_VALUE();
            a->feed = v;
        } else if (!strcmp(f, "--public-key")) {
            NEEDS_VALUE();
            a->public_key = v;
        } else if (!strcmp(f, "--state-dir")) {
            NEEDS_VALUE();
            a->state_dir = v;
        } else if (!strcmp(f, "--config")) {
            NEEDS_VALUE();
            a->config = v;
        } else if (!strcmp(f, "--theme")) {
            NEEDS_VALUE();
            a->theme = v;
        } else if (!strcmp(f, "--script")) {
            NEEDS_VALUE();
            a->script = v;
        } else if (!strcmp(f, "--shots")) {
            NEEDS_VALUE();
            a->shots = v;
        } else if (!strcmp(f, "--exit-key")) {
            NEEDS_VALUE();
            a->exit_key = v;
        } else if (!strcmp(f, "--check-config")) {
            NEEDS_VALUE();
            a->check_config = v;
        } else if (!strcmp(f, "--hash-pin")) {
            a->hash_pin = true;
        } else if (!strcmp(f, "--fullscreen")) {
            a->fullscreen = 1;
        } else if (!strcmp(f, "--windowed")) {
            a->fullscreen = 0;
        } else if (!strcmp(f, "--size")) {
            NEEDS_VALUE();
            if (parse_size(v, &a->width, &a->height)) {
                snprintf(err, errlen, "--size: '%s' is not WxH (e.g. 1920x1080)", v);
                return -1;
            }
        } else if (!strcmp(f, "--rotate")) {
            NEEDS_VALUE();
            if (rotation_parse(v, &a->rotate)) {
                snprintf(err, errlen, "--rotate: '%s' is not 0, 90, 180 or 270 (degrees clockwise, as rotate in the config)", v);
                return -1;
            }
        } else if (!strcmp(f, "--dwell")) {
            NEEDS_VALUE();
            if (parse_long(v, 1000, 600000, &a->dwell_ms)) {
                snprintf(err, errlen, "--dwell: '%s' is not a time in milliseconds (1000..600000, as dwell_ms in the config)", v);
                return -1;
            }
        } else if (!strcmp(f, "--bench")) {
            NEEDS_VALUE();
            long n;
            if (parse_long(v, 1, 100000, &n)) {
                snprintf(err, errlen, "--bench: '%s' is not a number of transitions (1..100000)", v);
                return -1;
            }
            a->bench = (int)n;
        } else if (!strcmp(f, "--clock")) {
            NEEDS_VALUE();
            if (parse_clock(v, &a->clock)) {
                snprintf(err, errlen, "--clock: '%s' is not a local date and time \"YYYY-MM-DD HH:MM\" (e.g. \"2025-06-01 09:30\")", v);
                return -1;
            }
            a->has_clock = true;
        } else if (!strcmp(f, "--verbose") || !strcmp(f, "-v")) {
            a->verbose = true;
        } else if (!strcmp(f, "--help") || !strcmp(f, "-h")) {
            a->help = true;
        } else if (!strcmp(f, "--version")) {
            a->version = true;
        } else {
            snprintf(err, errlen, "unknown option '%s'", f);
            return -1;
        }
#undef NEEDS_VALUE
    }
    if (a->shots && !a->script) {
        snprintf(err, errlen, "--shots needs --script");
        return -1;
    }
    if (a->has_clock && !a->script && !a->bench) {
        snprintf(err, errlen, "--clock needs --script or --bench (a kiosk on screen shows the real time)");
        return -1;
    }
    if (a->script && a->bench) {
        snprintf(err, errlen, "--script and --bench cannot be combined");
        return -1;
    }
    return 0;
}
