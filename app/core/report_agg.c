/* Gathering the uploaded result documents (deduplicated by id) and the
 * CSV table by day and department. The leaderboard is in report_board.c. */
#include "core/report_agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/csv_write.h"
#include "core/report_priv.h"
#include "core/report_walk.h"


struct report_agg *report_agg_new(void)
{
    return calloc(1, sizeof(struct report_agg));
}

void report_agg_free(struct report_agg *a)
{
    if (!a)
        return;
    free(a->rounds);
    free(a->slots);
    free(a);
}

size_t report_agg_count(const struct report_agg *a)
{
    return a->n;
}

size_t report_agg_duplicates(const struct report_agg *a)
{
    return a->duplicates;
}

int report_round_better(const struct report_round *a, const struct report_round *b)
{
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->duration_ms != b->duration_ms)
        return a->duration_ms < b->duration_ms ? -1 : 1;
    if (a->finished_at != b->finished_at)
        return a->finished_at < b->finished_at ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* ---- the id set ------------------------------------------------------------ */

static size_t hash_id(const char *id)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211u;
    return h;
}

/* The slot holding `id`, or the free slot where it would go. */
static size_t *find_slot(const struct report_agg *a, const char *id)
{
    size_t mask = a->n_slots - 1;
    for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask)
        if (!a->slots[i] || !strcmp(a->rounds[a->slots[i] - 1].id, id))
            return &a->slots[i];
}

static int grow_slots(struct report_agg *a)
{
    size_t n = a->n_slots ? a->n_slots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(a->slots);
    a->slots = slots;
    a->n_slots = n;
    for (size_t i = 0; i < a->n; i++)
        *find_slot(a, a->rounds[i].id) = i + 1;
    return 0;
}

/* ---- adding ------------------------------------------------------------------ */

int report_agg_add(struct report_agg *a, const char *json, size_t len, char *err, size_t errlen)
{
    struct quiz_result *res = malloc(sizeof *res); /* 2 KiB of answers: not on the stack */
    int rc = -1;
    if (!res) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (result_from_json(json, len, res, err, errlen) != 0)
        goto out;
    if ((a->n + 1) * 2 > a->n_slots && grow_slots(a) != 0) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    size_t *slot = find_slot(a, res->id);
    if (*slot) {
        a->duplicates++;
        rc = 0;
        goto out;
    }
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        struct report_round *p = realloc(a->rounds, cap * sizeof *p);
        if (!p) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        a->rounds = p;
        a->cap = cap;
    }
    struct report_round *r = &a->rounds[a->n];
    memcpy(r->id, res->id, sizeof r->id);
    memcpy(r->screen_id, res->screen_id, sizeof r->screen_id);
    memcpy(r->department, res->department, sizeof r->department);
    r->finished_at = res->finished_at;
    r->abandoned = res->abandoned;
    r->score = res->score;
    r->correct = res->correct;
    r->total = res->total;
    r->duration_ms = res->duration_ms;
    *slot = ++a->n;
    rc = 1;
out:
    free(res);
    return rc;
}

static int add_result(void *target, const char *json, size_t len, char *why, size_t whylen)
{
    return report_agg_add(target, json, len, why, whylen);
}

/* Result documents lie in folders named "results", anywhere. */
static int results_level(int level, const char *name)
{
    (void)level;
    return !strcmp(name, "results");
}

long report_agg_add_dir(struct report_agg *a, const char *dir, report_bad_fn bad, void *ctx, char *err,
                        size_t errlen)
{
    const struct report_walk w = {
        .enter = results_level,
        .take_level = 1,
        .max_bytes = REPORT_FILE_MAX_BYTES,
        .too_large = "larger than a result document can be",
        .add = add_result,
        .target = a,
        .bad = bad,
        .ctx = ctx,
    };
    return report_walk_dir(&w, dir, err, errlen);
}

/* ---- the CSV table ------------------------------------------------------------ */

/* One round with its local date, for grouping. */
struct dated {
    char date[16];
    const struct report_round *r;
};

/* Date, then department with the anonymous last. */
static int by_day_and_department(const void *x, const void *y)
{
    const struct dated *a = x, *b = y;
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    bool anon_a = !a->r->department[0], anon_b = !b->r->department[0];
    if (anon_a != anon_b)
        return anon_a ? 1 : -1;
    return strcmp(a->r->department, b->r->department);
}

/* Writes the group rows[0..n) (one day, one department) as a row. */
static void put_group(FILE *f, const struct dated *rows, size_t n)
{
    long done = 0, sum = 0;
    int best = 0;
    for (size_t i = 0; i < n; i++) {
        const struct report_round *r = rows[i].r;
        if (r->abandoned)
            continue;
        if (!done || r->score > best)
            best = r->score;
        done++;
        sum += r->score;
    }
    fputs(rows[0].date, f);
    fputc(',', f);
    csv_put_field(f, rows[0].r->department[0] ? rows[0].r->department : REPORT_ANONYMOUS);
    fprintf(f, ",%zu,", n);
    if (done)
        fprintf(f, "%.1f,%d", (double)sum / (double)done, best);
    else
        fputc(',', f);
    fprintf(f, ",%ld,%zu\r\n", done, n - (size_t)done);
}

char *report_agg_csv(const struct report_agg *a, size_t *len, size_t *rows)
{
    char *text = NULL;
    struct dated *d = calloc(a->n ? a->n : 1, sizeof *d);
    FILE *f = d ? open_memstream(&text, len) : NULL;
    *rows = 0;
    if (!f) {
        free(d);
        return NULL;
    }
    tzset();
    for (size_t i = 0; i < a->n; i++) {
        time_t t = (time_t)a->rounds[i].finished_at;
        struct tm tm;
        d[i].r = &a->rounds[i];
        if (localtime_r(&t, &tm))
            strftime(d[i].date, sizeof d[i].date, "%Y-%m-%d", &tm);
    }
    qsort(d, a->n, sizeof *d, by_day_and_department);
    fputs(CSV_UTF8_BOM, f);
    fputs("日期,部门,参与人次,平均分,最高分,完成轮数,放弃轮数\r\n", f);
    for (size_t i = 0, j; i < a->n; i = j) {
        for (j = i + 1; j < a->n && !by_day_and_department(&d[i], &d[j]); j++)
            ;
        put_group(f, d + i, j - i);
        (*rows)++;
    }
    free(d);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}
