/* The organisation-wide leaderboard document (see docs/quiz-results.md):
 * per week the best finished rounds and the department averages, and the
 * department averages of all time. Abandoned rounds are never ranked. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/report_priv.h"

struct ranked {
    int64_t week; /* local Monday 00:00 of the finish */
    const struct report_round *r;
};

/* Newest week first, best round first within it. */
static int by_week_then_best(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->week != b->week)
        return a->week > b->week ? -1 : 1;
    return report_round_better(a->r, b->r);
}

static int by_department(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    return strcmp(a->r->department, b->r->department);
}

struct dept_row {
    const char *name;
    double avg;
    long n;
};

static int by_average(const void *x, const void *y)
{
    const struct dept_row *a = x, *b = y;
    if (a->avg != b->avg)
        return a->avg > b->avg ? -1 : 1;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Department averages of rows[0..n) (sorted in place); NULL on no memory. */
static json_t *departments(struct ranked *rows, size_t n)
{
    struct dept_row *d = calloc(n ? n : 1, sizeof *d);
    json_t *out = d ? json_array() : NULL;
    size_t nd = 0;
    if (!out) {
        free(d);
        return NULL;
    }
    qsort(rows, n, sizeof *rows, by_department);
    for (size_t i = 0, j; i < n; i = j) {
        long sum = 0;
        for (j = i; j < n && !by_department(&rows[i], &rows[j]); j++)
            sum += rows[j].r->score;
        if (!rows[i].r->department[0])
            continue; /* anonymous rounds have no department to rank */
        d[nd++] = (struct dept_row){rows[i].r->department, (double)sum / (double)(j - i), (long)(j - i)};
    }
    qsort(d, nd, sizeof *d, by_average);
    for (size_t i = 0; i < nd; i++)
        if (json_array_append_new(out, json_pack("{s:s, s:f, s:I}", "department", d[i].name, "avg_score",
                                                 round(d[i].avg * 100) / 100, "participants", (json_int_t)d[i].n))) {
            json_decref(out);
            out = NULL;
            break;
        }
    free(d);
    return out;
}

/* The best REPORT_TOP_ROUNDS of rows[0..n) (sorted best first); rounds
 * equal in score, time and finish share a rank. */
static json_t *top_rounds(const struct ranked *rows, size_t n)
{
    json_t *out = json_array();
    int rank = 0;
    for (size_t i = 0; out && i < n && i < REPORT_TOP_ROUNDS; i++) {
        const struct report_round *r = rows[i].r, *prev = i ? rows[i - 1].r : NULL;
        if (!prev || prev->score != r->score || prev->duration_ms != r->duration_ms ||
            prev->finished_at != r->finished_at)
            rank = (int)i + 1;
        if (json_array_append_new(out, json_pack("{s:i, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:I}", "rank", rank, "id",
                                                 r->id, "screen_id", r->screen_id, "department", r->department,
                                                 "score", r->score, "correct", r->correct, "total", r->total,
                                                 "duration_ms", r->duration_ms, "finished_at",
                                                 (json_int_t)r->finished_at))) {
            json_decref(out);
            out = NULL;
        }
    }
    return out;
}

static json_t *week(struct ranked *rows, size_t n)
{
    char date[16] = "";
    time_t t = (time_t)rows[0].week;
    struct tm tm;
    int64_t from, to;
    if (localtime_r(&t, &tm))
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
    results_period_span(RESULTS_WEEK, rows[0].week, &from, &to);
    json_t *top = top_rounds(rows, n); /* before departments() sorts the rows its own way */
    json_t *depts = top ? departments(rows, n) : NULL;
    if (!depts) {
        json_decref(top);
        return NULL;
    }
    return json_pack("{s:s, s:I, s:I, s:o, s:o}", "week", date, "from", (json_int_t)from, "to", (json_int_t)to,
                     "top", top, "departments", depts);
}

char *report_agg_leaderboard(const struct report_agg *a, int64_t now, size_t *weeks)
{
    struct ranked *rows = calloc(a->n ? a->n : 1, sizeof *rows);
    json_t *list = rows ? json_array() : NULL, *doc = NULL, *all = NULL;
    char *text = NULL;
    size_t n = 0;
    *weeks = 0;
    if (!list)
        goto out;
    for (size_t i = 0; i < a->n; i++) {
        int64_t to;
        if (a->rounds[i].abandoned)
            continue;
        rows[n].r = &a->rounds[i];
        results_period_span(RESULTS_WEEK, a->rounds[i].finished_at, &rows[n].week, &to);
        n++;
    }
    qsort(rows, n, sizeof *rows, by_week_then_best);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && rows[j].week == rows[i].week; j++)
            ;
        if (json_array_append_new(list, week(rows + i, j - i)) != 0)
            goto out;
        (*weeks)++;
    }
    if (!(all = departments(rows, n)))
        goto out;
    doc = json_pack("{s:s, s:i, s:I, s:o, s:{s:o}}", "kind", "quiz_leaderboard", "version", 1, "generated_at",
                    (json_int_t)now, "weeks", list, "all_time", "departments", all);
    list = all = NULL; /* "o" took them, also on failure */
    if (doc)
        text = json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
out:
    json_decref(doc);
    json_decref(list);
    json_decref(all);
    free(rows);
    return text;
}
