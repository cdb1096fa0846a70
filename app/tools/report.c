#include "tools/report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/durable.h"
#include "core/report_agg.h"

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

int report_main(enum msg_lang lang, int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *board = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (is_option(a, "-o") || is_option(a, "--output")) {
            if (!(out = option_value(lang, argc, argv, &i, a[1] == 'o' ? "-o" : "--output")))
                return 2;
        } else if (is_option(a, "--leaderboard")) {
            if (!(board = option_value(lang, argc, argv, &i, "--leaderboard")))
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
    report_agg_free(agg);
    return rc || skipped.n ? 1 : 0;
}
