#include "tools/report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/durable.h"
#include "core/report_agg.h"
#include "core/usage_report.h"

struct skipped {
    enum msg_lang lang;
    size_t n;
};

static void on_bad(void *ctx, const char *path, const char *reason)
{
    struct skipped *s = ctx;
    s->n++;
    fprintf(stderr, msg_fmt(s->lang, MSG_TOOL_REPORT_SKIPPED), path, reason);
}

/* "-o FILE", "-o=FILE" style options: the value, or NULL after a usage
 * message. */
static const char *option_value(enum msg_lang lang, int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    const char *v = NULL;
    if (!strcmp(argv[*i], name))
        v = *i + 1 < argc ? argv[++*i] : NULL;
    else if (!strncmp(argv[*i], name, n) && argv[*i][n] == '=')
        v = argv[*i] + n + 1;
    if (!v || !*v) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_NEED_FILE), name);
        return NULL;
    }
    return v;
}

static bool is_option(const char *a, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(a, name, n) && (a[n] == 0 || a[n] == '=');
}

static int write_out(enum msg_lang lang, const char *path, const char *text, size_t len)
{
    if (!text) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_CANNOT_WRITE), path, strerror(ENOMEM));
        return -1;
    }
    if (dur_replace_path(path, text, len) != 0) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_CANNOT_WRITE), path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The usage tables (stats/<screen>/<hour>.json under dir). Returns 0, or
 * -1 when a table could not be written or the folder read. */
static int usage_tables(enum msg_lang lang, const char *dir, const char *items_csv, const char *daily_csv,
                        const char *feed_path, struct skipped *skipped)
{
    char err[1024];
    struct feed *feed = NULL;
    if (feed_path) {
        struct stat st;
        feed = stat(feed_path, &st) == 0 && S_ISDIR(st.st_mode) ? feed_load_dir(feed_path, err, sizeof err)
                                                                : feed_load_file(feed_path, err, sizeof err);
        if (!feed)
            fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_FEED), err);
    }
    struct usage_report *u = usage_report_new();
    if (!u) {
        fputs(msg_fmt(lang, MSG_TOOL_OUT_OF_MEMORY), stderr);
        if (feed)
            feed_free(feed);
        return -1;
    }
    int rc = 0;
    long files = usage_report_add_dir(u, dir, on_bad, skipped, err, sizeof err);
    if (files < 0) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_CANNOT_READ), err);
        rc = -1;
    } else {
        size_t len = 0, item_rows = 0, day_rows = 0;
        if (items_csv) {
            char *csv = usage_report_items_csv(u, feed, &len, &item_rows);
            rc |= write_out(lang, items_csv, csv, len);
            free(csv);
        }
        if (daily_csv) {
            char *csv = usage_report_daily_csv(u, &len, &day_rows);
            rc |= write_out(lang, daily_csv, csv, len);
            free(csv);
        }
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_USAGE_OK), usage_report_count(u), files,
                usage_report_duplicates(u), usage_report_screens(u), item_rows, day_rows);
    }
    usage_report_free(u);
    if (feed)
        feed_free(feed);
    return rc;
}

int report_main(enum msg_lang lang, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *board = NULL, *items_csv = NULL, *daily_csv = NULL, *feed = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (is_option(a, "-o") || is_option(a, "--output")) {
            if (!(out = option_value(lang, argc, argv, &i, a[1] == 'o' ? "-o" : "--output")))
                return 2;
        } else if (is_option(a, "--leaderboard")) {
            if (!(board = option_value(lang, argc, argv, &i, "--leaderboard")))
                return 2;
        } else if (is_option(a, "--stats-csv")) {
            if (!(items_csv = option_value(lang, argc, argv, &i, "--stats-csv")))
                return 2;
        } else if (is_option(a, "--usage-csv")) {
            if (!(daily_csv = option_value(lang, argc, argv, &i, "--usage-csv")))
                return 2;
        } else if (is_option(a, "--feed")) {
            if (!(feed = option_value(lang, argc, argv, &i, "--feed")))
                return 2;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, msg_fmt(lang, MSG_TOOL_UNKNOWN_OPTION), a);
            return 2;
        } else if (!dir) {
            dir = a;
        } else {
            fprintf(stderr, msg_fmt(lang, MSG_TOOL_EXTRA_ARG), a);
            return 2;
        }
    }
    if (!dir) {
        fputs(msg_fmt(lang, MSG_TOOL_REPORT_NEED_DIR), stderr);
        return 2;
    }

    struct report_agg *agg = report_agg_new();
    struct skipped skipped = {.lang = lang};
    char err[1024];
    int rc = 0;
    if (!agg) {
        fputs(msg_fmt(lang, MSG_TOOL_OUT_OF_MEMORY), stderr);
        return 1;
    }
    long files = report_agg_add_dir(agg, dir, on_bad, &skipped, err, sizeof err);
    if (files < 0) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_CANNOT_READ), err);
        report_agg_free(agg);
        return 1;
    }
    size_t len = 0, rows = 0, weeks = 0;
    char *csv = report_agg_csv(agg, &len, &rows);
    if (out) {
        rc |= write_out(lang, out, csv, len);
    } else if (items_csv || daily_csv) {
        /* only the usage tables were asked for: stdout stays quiet */
    } else if (!csv || fwrite(csv, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_CANNOT_WRITE), "stdout", strerror(csv ? errno : ENOMEM));
        rc = -1;
    }
    free(csv);
    /* the summary on stderr: stdout may be the CSV */
    fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_OK), report_agg_count(agg), files, report_agg_duplicates(agg),
            skipped.n, rows);
    if (board) {
        char *doc = report_agg_leaderboard(agg, (int64_t)time(NULL), &weeks);
        if (write_out(lang, board, doc, doc ? strlen(doc) : 0) == 0)
            fprintf(stderr, msg_fmt(lang, MSG_TOOL_REPORT_LEADERBOARD_OK), board, weeks);
        else
            rc = -1;
        free(doc);
    }
    if (items_csv || daily_csv)
        rc |= usage_tables(lang, dir, items_csv, daily_csv, feed, &skipped);
    report_agg_free(agg);
    return rc || skipped.n ? 1 : 0;
}
