/* Usage statistics: the hourly aggregator (hour boundaries, midnight, many
 * items, taking the counters), the hour's document and its ids, and the
 * store (adding flushes, one outbox entry per hour carrying the latest full
 * totals, a delivered old version never removing a newer one). Time zones
 * are POSIX TZ strings, so no tzdata is needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/durable.h"
#include "core/playstats.h"
#include "core/playstats_doc.h"
#include "core/results.h"

/* 2025-06-02 00:00:00 in Shanghai (UTC+8). */
#define MON_0000 1748793600
#define HOUR 3600

static void set_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

static void test_hour_keys(void **state)
{
    (void)state;
    char h[PS_HOUR_LEN + 1];
    set_tz("CST-8");
    playstats_hour(MON_0000, h);
    assert_string_equal(h, "2025-06-02T00");
    playstats_hour(MON_0000 - 1, h);
    assert_string_equal(h, "2025-06-01T23");
    playstats_hour(MON_0000 + 9 * HOUR + 3599, h);
    assert_string_equal(h, "2025-06-02T09");
    set_tz("UTC0");
    playstats_hour(MON_0000, h);
    assert_string_equal(h, "2025-06-01T16");
    assert_true(playstats_hour_valid("2025-06-02T09"));
    assert_false(playstats_hour_valid("2025-06-02T9"));
    assert_false(playstats_hour_valid("2025-06-02 09"));
    assert_false(playstats_hour_valid("2025-06-02T09x"));
    assert_false(playstats_hour_valid("../../etc/pas"));
}

static void test_events_land_in_their_hour(void **state)
{
    (void)state;
    struct playstats s;
    set_tz("CST-8");
    playstats_init(&s);
    /* A slide at 23:59:50 and one at 00:00:05: two days, two hours. */
    playstats_item_shown(&s, MON_0000 - 10, "maxim-1", 8000);
    playstats_item_shown(&s, MON_0000 + 5, "maxim-1", 8000);
    playstats_item_shown(&s, MON_0000 + 3599, "maxim-1", 7000);
    playstats_item_shown(&s, MON_0000 + 3600, "case-2", 6000);
    assert_int_equal(playstats_get(&s, "2025-06-01T23", "maxim-1", PS_SHOWS), 1);
    assert_int_equal(playstats_get(&s, "2025-06-01T23", "maxim-1", PS_SHOW_MS), 8000);
    assert_int_equal(playstats_get(&s, "2025-06-02T00", "maxim-1", PS_SHOWS), 2);
    assert_int_equal(playstats_get(&s, "2025-06-02T00", "maxim-1", PS_SHOW_MS), 15000);
    assert_int_equal(playstats_get(&s, "2025-06-02T00", "case-2", PS_SHOWS), 0);
    assert_int_equal(playstats_get(&s, "2025-06-02T01", "case-2", PS_SHOW_MS), 6000);

    /* A visit: taps, a module, an item opened and read, a quiz round. */
    int64_t t = MON_0000 + 10 * HOUR;
    playstats_tap(&s, t);
    playstats_tap(&s, t + 1);
    playstats_module_opened(&s, t + 1, PS_MODULE_CASE);
    playstats_item_opened(&s, t + 2, "case-2");
    playstats_item_read(&s, t + 2, "case-2", 42000);
    playstats_check_done(&s, t + 50, "case-2");
    playstats_module_opened(&s, t + 60, PS_MODULE_QUIZ);
    playstats_quiz_round(&s, t + 61, true);
    playstats_quiz_round(&s, t + 200, false);
    playstats_visit(&s, t, true);
    playstats_visit(&s, t + 900, false);
    const char *h = "2025-06-02T10";
    assert_int_equal(playstats_get(&s, h, "", PS_TAPS), 2);
    assert_int_equal(playstats_get(&s, h, "@case", PS_OPENS), 1);
    assert_int_equal(playstats_get(&s, h, "@quiz", PS_OPENS), 1);
    assert_int_equal(playstats_get(&s, h, "case-2", PS_OPENS), 1);
    assert_int_equal(playstats_get(&s, h, "case-2", PS_READ_MS), 42000);
    assert_int_equal(playstats_get(&s, h, "case-2", PS_CHECKS), 1);
    assert_int_equal(playstats_get(&s, h, "", PS_QUIZ_FINISHED), 1);
    assert_int_equal(playstats_get(&s, h, "", PS_QUIZ_ABANDONED), 1);
    assert_int_equal(playstats_get(&s, h, "", PS_VISITS), 2);
    assert_int_equal(playstats_get(&s, h, "", PS_LEARNING_VISITS), 1);
    playstats_free(&s);
}

static void test_many_items_and_take(void **state)
{
    (void)state;
    struct playstats s;
    set_tz("CST-8");
    playstats_init(&s);
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 500; i++) {
            char id[32];
            snprintf(id, sizeof id, "item-%d", i);
            playstats_item_shown(&s, MON_0000 + (i % 4) * HOUR, id, (uint64_t)i);
        }
    assert_int_equal(s.n, 1000); /* 500 items x (shows, show_ms), each in one hour */
    assert_int_equal(playstats_get(&s, "2025-06-02T03", "item-499", PS_SHOWS), 3);
    assert_int_equal(playstats_get(&s, "2025-06-02T03", "item-499", PS_SHOW_MS), 3 * 499);
    assert_int_equal(playstats_get(&s, "2025-06-02T00", "item-499", PS_SHOWS), 0);

    struct ps_counter *c;
    size_t n = playstats_take(&s, &c);
    assert_int_equal(n, 1000);
    assert_non_null(c);
    assert_int_equal(s.n, 0);
    assert_int_equal(playstats_get(&s, "2025-06-02T03", "item-499", PS_SHOWS), 0);
    free(c);
    assert_int_equal(playstats_take(&s, &c), 0);
    assert_null(c);

    /* An item id longer than the key is cut, not refused. */
    char longid[200];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = 0;
    playstats_tap(&s, MON_0000);
    playstats_item_opened(&s, MON_0000, longid);
    assert_int_equal(s.n, 2);
    assert_int_equal(strlen(s.c[1].item), PS_ITEM_MAX - 1);
    playstats_free(&s);
}

static void test_metric_names(void **state)
{
    (void)state;
    for (int m = 0; m < PS_METRICS; m++) {
        enum ps_metric back;
        assert_non_null(playstats_metric_name((enum ps_metric)m));
        assert_int_equal(playstats_metric_parse(playstats_metric_name((enum ps_metric)m), &back), 0);
        assert_int_equal(back, m);
    }
    enum ps_metric back;
    assert_int_equal(playstats_metric_parse("clicks", &back), -1);
    assert_null(playstats_metric_name(PS_METRICS));
}

/* ---- the document ---------------------------------------------------------- */

static void test_doc_ids(void **state)
{
    (void)state;
    char id[128];
    assert_int_equal(playstats_doc_id("lobby-1", "2025-06-02T09", id, sizeof id), 0);
    assert_string_equal(id, "stats/lobby-1/2025-06-02T09");
    assert_true(playstats_doc_id_valid(id));
    assert_int_equal(playstats_doc_id("..", "2025-06-02T09", id, sizeof id), -1);
    assert_int_equal(playstats_doc_id("a/b", "2025-06-02T09", id, sizeof id), -1);
    assert_int_equal(playstats_doc_id("", "2025-06-02T09", id, sizeof id), -1);
    assert_int_equal(playstats_doc_id("大厅", "2025-06-02T09", id, sizeof id), -1);
    assert_int_equal(playstats_doc_id("lobby", "2025-06-02", id, sizeof id), -1);
    assert_false(playstats_doc_id_valid("stats/../2025-06-02T09"));
    assert_false(playstats_doc_id_valid("stats/a/b/2025-06-02T09"));
    assert_false(playstats_doc_id_valid("results/lobby/2025-06-02T09"));
    assert_false(playstats_doc_id_valid("stats/lobby/2025-06-02T09.json"));
}

static void test_doc_round_trip(void **state)
{
    (void)state;
    struct playstats s;
    set_tz("CST-8");
    playstats_init(&s);
    playstats_tap(&s, MON_0000 + 5);
    playstats_item_shown(&s, MON_0000 + 6, "廉语-1", 8000);
    playstats_item_opened(&s, MON_0000 + 7, "case-1");
    playstats_item_shown(&s, MON_0000 + 3600, "next-hour", 8000); /* another hour: not in the document */
    char *a = playstats_doc_json("lobby-1", "2025-06-02T00", s.c, s.n);
    assert_non_null(a);
    assert_null(strstr(a, "next-hour"));
    /* The same totals in another order give the same bytes. */
    struct ps_counter rev[8];
    for (size_t i = 0; i < s.n; i++)
        rev[i] = s.c[s.n - 1 - i];
    char *b = playstats_doc_json("lobby-1", "2025-06-02T00", rev, s.n);
    assert_string_equal(a, b);

    struct ps_doc d;
    char err[256];
    assert_int_equal(playstats_doc_parse(a, strlen(a), &d, err, sizeof err), 0);
    assert_string_equal(d.screen_id, "lobby-1");
    assert_string_equal(d.hour, "2025-06-02T00");
    assert_int_equal(d.n, 4); /* taps, shows, show_ms, opens */
    int64_t show_ms = -1;
    for (size_t i = 0; i < d.n; i++)
        if (!strcmp(d.c[i].item, "廉语-1") && d.c[i].metric == PS_SHOW_MS)
            show_ms = d.c[i].value;
    assert_int_equal(show_ms, 8000);
    playstats_doc_free(&d);
    free(a);
    free(b);
    assert_null(playstats_doc_json("../x", "2025-06-02T00", s.c, s.n));
    playstats_free(&s);

    static const struct {
        const char *doc, *says;
    } bad[] = {
        {"[1", "JSON"},
        {"{\"kind\": \"quiz_result\"}", "kind"},
        {"{\"kind\": \"usage_stats\", \"version\": 2}", "version"},
        {"{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a/b\"}", "screen_id"},
        {"{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a\", \"hour\": \"2025-06-02\"}", "hour"},
        {"{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a\", \"hour\": \"2025-06-02T01\"}", "counters"},
        {"{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a\", \"hour\": \"2025-06-02T01\", "
         "\"counters\": {\"x\": {\"opens\": -1}}}",
         "opens"},
        {"{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a\", \"hour\": \"2025-06-02T01\", "
         "\"counters\": {\"x\": 3}}",
         "\"x\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = 0;
        if (playstats_doc_parse(bad[i].doc, strlen(bad[i].doc), &d, err, sizeof err) != -1 || !strstr(err, bad[i].says))
            fail_msg("document %zu: \"%s\" does not mention %s", i, err, bad[i].says);
    }
    /* A later version's metric is skipped, the rest read. */
    const char *later = "{\"kind\": \"usage_stats\", \"version\": 1, \"screen_id\": \"a\", \"hour\": \"2025-06-02T01\", "
                        "\"counters\": {\"x\": {\"opens\": 2, \"hovers\": 9}}}";
    assert_int_equal(playstats_doc_parse(later, strlen(later), &d, err, sizeof err), 0);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.c[0].value, 2);
    playstats_doc_free(&d);
}

/* ---- the store ---------------------------------------------------------------- */

struct fx {
    char dir[64];
    char db[128];
    struct results *r;
};

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    char err[512];
    assert_non_null(fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/qf-stats-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->db, sizeof fx->db, "%s/results.db", fx->dir);
    fx->r = results_open(fx->db, err, sizeof err);
    if (!fx->r)
        fail_msg("%s", err);
    set_tz("CST-8");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;
    results_close(fx->r);
    dur_remove_tree(fx->dir);
    free(fx);
    return 0;
}

static void flush(struct fx *fx, struct playstats *s)
{
    char err[512];
    struct ps_counter *c;
    size_t n = playstats_take(s, &c);
    if (results_stats_flush(fx->r, "lobby-1", c, n, err, sizeof err) != 0)
        fail_msg("%s", err);
    free(c);
}

/* The outbox entry of an id (its document, to free), NULL when absent. */
static char *outbox_doc(struct fx *fx, const char *want)
{
    char *id, *json, *found = NULL;
    /* The outbox shows only its oldest entry: entries before `want` are
     * removed on the way. */
    while (results_outbox_next(fx->r, &id, &json) == 1) {
        bool match = !strcmp(id, want);
        if (match)
            found = strdup(json);
        if (!match)
            results_outbox_delivered(fx->r, id, NULL);
        free(id);
        free(json);
        if (match)
            break;
    }
    return found;
}

static int64_t doc_value(const char *json, const char *item, enum ps_metric m)
{
    struct ps_doc d;
    char err[256];
    if (playstats_doc_parse(json, strlen(json), &d, err, sizeof err) != 0)
        fail_msg("%s", err);
    int64_t v = 0;
    for (size_t i = 0; i < d.n; i++)
        if (!strcmp(d.c[i].item, item) && d.c[i].metric == m)
            v = d.c[i].value;
    playstats_doc_free(&d);
    return v;
}

static void test_store_reflush_replaces_document(void **state)
{
    struct fx *fx = *state;
    struct playstats s;
    playstats_init(&s);
    playstats_item_shown(&s, MON_0000 + 9 * HOUR, "maxim-1", 8000);
    playstats_tap(&s, MON_0000 + 9 * HOUR + 10);
    flush(fx, &s);
    assert_int_equal(results_outbox_pending(fx->r), 1);

    /* More events of the same hour and one of the next: the hour's entry is
     * replaced (still one), carrying the full totals; the next hour is new. */
    playstats_item_shown(&s, MON_0000 + 9 * HOUR + 600, "maxim-1", 7000);
    playstats_item_shown(&s, MON_0000 + 10 * HOUR, "maxim-1", 5000);
    flush(fx, &s);
    assert_int_equal(results_outbox_pending(fx->r), 2);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T09", "maxim-1", PS_SHOWS), 2);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T09", "maxim-1", PS_SHOW_MS), 15000);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T09", "", PS_TAPS), 1);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T10", "maxim-1", PS_SHOWS), 1);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T11", "maxim-1", PS_SHOWS), 0);

    /* The older hour keeps its place in the queue (oldest first). */
    char *id, *json;
    assert_int_equal(results_outbox_next(fx->r, &id, &json), 1);
    assert_string_equal(id, "stats/lobby-1/2025-06-02T09");
    assert_int_equal(doc_value(json, "maxim-1", PS_SHOWS), 2);
    assert_int_equal(doc_value(json, "maxim-1", PS_SHOW_MS), 15000);
    assert_int_equal(doc_value(json, "", PS_TAPS), 1);

    /* While that version is on its way, the hour is flushed again: the
     * delivery of the old version must not remove the new one. */
    playstats_tap(&s, MON_0000 + 9 * HOUR + 1200);
    flush(fx, &s);
    assert_int_equal(results_outbox_delivered(fx->r, id, json), 0);
    assert_int_equal(results_outbox_pending(fx->r), 2);
    free(id);
    free(json);
    char *latest = outbox_doc(fx, "stats/lobby-1/2025-06-02T09");
    assert_non_null(latest);
    assert_int_equal(doc_value(latest, "", PS_TAPS), 2);
    assert_int_equal(doc_value(latest, "maxim-1", PS_SHOWS), 2);
    assert_int_equal(results_outbox_delivered(fx->r, "stats/lobby-1/2025-06-02T09", latest), 0);
    assert_int_equal(results_outbox_pending(fx->r), 1);
    free(latest);

    /* Delivered with the version it holds: gone. */
    assert_int_equal(results_outbox_next(fx->r, &id, &json), 1);
    assert_string_equal(id, "stats/lobby-1/2025-06-02T10");
    assert_int_equal(results_outbox_delivered(fx->r, id, json), 0);
    assert_int_equal(results_outbox_pending(fx->r), 0);
    free(id);
    free(json);
    playstats_free(&s);
}

static void test_store_survives_reopen_and_refuses_bad_screen(void **state)
{
    struct fx *fx = *state;
    struct playstats s;
    char err[512];
    playstats_init(&s);
    playstats_item_opened(&s, MON_0000, "case-1");
    flush(fx, &s);
    results_close(fx->r);
    fx->r = results_open(fx->db, err, sizeof err);
    assert_non_null(fx->r);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T00", "case-1", PS_OPENS), 1);

    playstats_item_opened(&s, MON_0000, "case-1");
    struct ps_counter *c;
    size_t n = playstats_take(&s, &c);
    assert_int_equal(results_stats_flush(fx->r, "../etc", c, n, err, sizeof err), -1);
    assert_non_null(strstr(err, "screen_id"));
    assert_non_null(strstr(err, fx->db));
    free(c);
    assert_int_equal(results_stats_total(fx->r, "2025-06-02T00", "case-1", PS_OPENS), 1);
    playstats_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hour_keys),
        cmocka_unit_test(test_events_land_in_their_hour),
        cmocka_unit_test(test_many_items_and_take),
        cmocka_unit_test(test_metric_names),
        cmocka_unit_test(test_doc_ids),
        cmocka_unit_test(test_doc_round_trip),
        cmocka_unit_test_setup_teardown(test_store_reflush_replaces_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_survives_reopen_and_refuses_bad_screen, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
