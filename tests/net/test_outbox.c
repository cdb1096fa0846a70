/* The outbox uploader and fetch_put against real servers on 127.0.0.1,
 * started by tests/net/run.sh: an nginx with WebDAV PUT under /reports/
 * (dav_methods PUT, create_full_put_path on), which this test stops and
 * starts again on the same port to play a server outage, and the plain
 * nginx of the other tests, which refuses PUT.
 *
 * Environment (set by run.sh): QF_DAV_PORT, QF_DAV_DIR (the WebDAV nginx's
 * folder: nginx.conf, nginx.pid, logs), QF_DAV_ROOT (the folder it
 * serves), QF_NGINX_BIN, QF_NGINX (the plain nginx's port), QF_FAULT_CLOSED
 * (a port nothing listens on), QF_TMP (a scratch folder). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/playstats_doc.h"
#include "core/results.h"
#include "net/fetch.h"
#include "net/outbox.h"
#include "dav_server.h"

#define WAIT_MS 30000 /* only a hung uploader gets near this */

/* ---- stderr into a file ---------------------------------------------------- */

struct capture {
    int saved;
    char path[512];
};

static void capture_start(struct capture *c, const char *name)
{
    snprintf(c->path, sizeof c->path, "%s/%s.log", env("QF_TMP"), name);
    int fd = open(c->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    fflush(stderr);
    c->saved = dup(2);
    assert_true(c->saved >= 0);
    assert_int_equal(dup2(fd, 2), 2);
    close(fd);
}

static char *capture_text(struct capture *c)
{
    size_t n;
    fflush(stderr);
    char *t = dav_read_file(c->path, &n);
    return t ? t : strdup("");
}

static void capture_end(struct capture *c)
{
    fflush(stderr);
    dup2(c->saved, 2);
    close(c->saved);
}

/* Waits until the captured log holds `word`. */
static bool log_shows(struct capture *c, const char *word)
{
    for (int64_t until = mono_ms() + WAIT_MS; mono_ms() < until; sleep_ms(20)) {
        char *t = capture_text(c);
        bool seen = strstr(t, word) != NULL;
        free(t);
        if (seen)
            return true;
    }
    return false;
}

/* The first line of text that holds `word`, or NULL (a new string). */
static char *line_with(const char *text, const char *word)
{
    const char *hit = strstr(text, word);
    if (!hit)
        return NULL;
    const char *start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    return strndup(start, strcspn(start, "\n"));
}

/* ---- results ---------------------------------------------------------------- */

static struct results *open_store(const char *name)
{
    char err[512], *path = path_fmt("%s/%s", env("QF_TMP"), name);
    unlink(path);
    struct results *r = results_open(path, err, sizeof err);
    free(path);
    if (!r)
        fail_msg("%s", err);
    return r;
}

static void make_round(struct quiz_result *res, int n)
{
    memset(res, 0, sizeof *res);
    result_new_id(res->id);
    snprintf(res->screen_id, sizeof res->screen_id, "screen-1");
    snprintf(res->department, sizeof res->department, n % 3 ? "办公室" : "");
    res->finished_at = 1748966400 + n * 60;
    res->started_at = res->finished_at - 90;
    res->abandoned = n % 4 == 3;
    res->score = n * 10;
    res->correct = n;
    res->total = 10;
    res->duration_ms = 80000 + n;
    res->n_answers = 2;
    for (int i = 0; i < 2; i++) {
        snprintf(res->answers[i].question, sizeof res->answers[i].question, "%016x", (unsigned)(n * 2 + i));
        res->answers[i].chosen = 1u << i;
        res->answers[i].correct = i == 0;
        res->answers[i].ms = 1000 * (i + 1);
    }
}

static void record(struct results *r, struct outbox *o, const struct quiz_result *res)
{
    char err[512];
    if (results_record(r, res, err, sizeof err) != 0)
        fail_msg("%s", err);
    outbox_wake(o);
}

static bool wait_pending(struct results *r, long want)
{
    for (int64_t until = mono_ms() + WAIT_MS; mono_ms() < until; sleep_ms(20))
        if (results_outbox_pending(r) == want)
            return true;
    return false;
}

/* Waits until the uploader's own count says `n` delivered (it counts
 * just after it empties the outbox entry). */
static bool wait_delivered(struct outbox *o, unsigned long n, struct outbox_status *st)
{
    for (int64_t until = mono_ms() + WAIT_MS; mono_ms() < until; sleep_ms(20)) {
        outbox_get_status(o, st);
        if (st->delivered == n)
            return true;
    }
    return false;
}

static struct outbox_settings settings(const char *base)
{
    struct outbox_settings st;
    memset(&st, 0, sizeof st);
    snprintf(st.report_url, sizeof st.report_url, "%s", base);
    st.base_ms = 100;
    st.cap_ms = 400;
    return st;
}

/* ---- tests ----------------------------------------------------------------- */

/* Results recorded while the server is down arrive once it is back: every
 * file on the server once, with the document's bytes, and the outbox empty. */
static void delivers_through_an_outage(void **state)
{
    enum { BEFORE = 4, DURING = 6, ALL = BEFORE + DURING };
    struct quiz_result res[ALL];
    struct capture cap;
    char err[512], base[256], url[512];
    snprintf(base, sizeof base, "http://127.0.0.1:%s/reports/screen-1/", env("QF_DAV_PORT")); /* trailing / is fine */
    struct results *r = open_store("outbox.db");
    struct outbox_settings st = settings(base);

    capture_start(&cap, "outbox-outage");
    struct outbox *o = outbox_start(&st, r, err, sizeof err);
    if (!o) {
        capture_end(&cap);
        fail_msg("outbox_start: %s", err);
    }
    for (int i = 0; i < BEFORE; i++) {
        make_round(&res[i], i);
        record(r, o, &res[i]);
    }
    bool first = wait_pending(r, 0);

    dav_stop();
    for (int i = BEFORE; i < ALL; i++) {
        make_round(&res[i], i);
        record(r, o, &res[i]);
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%s/reports/screen-1/results/%s.json", env("QF_DAV_PORT"),
             res[BEFORE].id);
    bool failed = log_shows(&cap, url);
    long pending_while_down = results_outbox_pending(r);
    struct outbox_status down;
    outbox_get_status(o, &down);

    dav_start();
    bool second = wait_pending(r, 0);
    struct outbox_status up;
    bool counted = wait_delivered(o, ALL, &up);
    outbox_stop(o);
    char *log = capture_text(&cap);
    capture_end(&cap);

    assert_true(first);
    assert_true(failed);
    assert_int_equal(pending_while_down, DURING);
    assert_true(down.failures >= 1);
    assert_true(second);
    assert_true(counted);
    assert_int_equal(up.delivered, ALL);
    assert_int_equal(up.failures, 0);
    assert_int_equal(up.pending, 0);
    assert_non_null(strstr(up.last_error, url)); /* kept after the recovery */

    /* The failure: one warning line with the URL, the reason, what waits. */
    char *line = line_with(log, "<4>outbox: ");
    if (!line)
        fail_msg("no \"<4>outbox: \" line in the log: %s", log);
    printf("    %s\n", line ? line : "");
    assert_non_null(strstr(line, url));
    assert_non_null(strstr(line, "connection refused"));
    assert_non_null(strstr(line, " waiting, next try in "));
    free(line);
    free(log);

    /* On the server: exactly the ten files, each with its document. */
    char *dir = path_fmt("%s/reports/screen-1/results", env("QF_DAV_ROOT"));
    DIR *d = opendir(dir);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, ALL);
    for (int i = 0; i < ALL; i++) {
        char *path = path_fmt("%s/%s.json", dir, res[i].id), *want = result_to_json(&res[i]);
        size_t n;
        char *got = dav_read_file(path, &n);
        if (!got)
            fail_msg("%s is not on the server", path);
        assert_string_equal(got, want);
        assert_int_equal(n, strlen(want));
        free(got);
        free(want);
        free(path);
    }
    free(dir);
    results_close(r);
}

/* The same document PUT twice: two successes (201 Created, then 204 No
 * Content) and one file with the same bytes. */
static void put_twice_gives_the_same_file(void **state)
{
    struct quiz_result res;
    struct fetch_result out;
    char url[512];
    make_round(&res, 7);
    char *doc = result_to_json(&res);
    snprintf(url, sizeof url, "http://127.0.0.1:%s/reports/idem/results/%s.json", env("QF_DAV_PORT"), res.id);
    struct fetch_request rq = {.url = url};
    for (int i = 0; i < 2; i++) {
        if (fetch_put(&rq, doc, strlen(doc), &out) != 0)
            fail_msg("PUT %d: %s", i + 1, out.error);
        assert_int_equal(out.status, i == 0 ? 201 : 204);
        assert_null(out.body);
        fetch_result_free(&out);
    }
    char *path = path_fmt("%s/reports/idem/results/%s.json", env("QF_DAV_ROOT"), res.id);
    size_t n;
    char *got = dav_read_file(path, &n);
    assert_non_null(got);
    assert_string_equal(got, doc);
    free(got);
    free(path);
    free(doc);
}

/* A server without WebDAV says 405: the error names the URL, the status
 * and what to configure. */
static void put_refused_by_a_plain_server(void **state)
{
    struct fetch_result out;
    char url[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%s/results/00000000000000000000000000000001.json", env("QF_NGINX"));
    struct fetch_request rq = {.url = url};
    assert_int_equal(fetch_put(&rq, "{}", 2, &out), -1);
    printf("    %s\n", out.error);
    assert_int_equal(out.status, 405);
    assert_non_null(strstr(out.error, url));
    assert_non_null(strstr(out.error, "HTTP 405"));
    assert_non_null(strstr(out.error, "dav_methods PUT"));
    fetch_result_free(&out);
}

/* outbox_stop ends a long wait after a failure at once, and the entry
 * stays in the outbox. */
static void stop_while_backing_off(void **state)
{
    struct quiz_result res;
    struct capture cap;
    char err[512], base[256];
    snprintf(base, sizeof base, "http://127.0.0.1:%s/reports", env("QF_FAULT_CLOSED"));
    struct results *r = open_store("outbox-stop.db");
    struct outbox_settings st = settings(base);
    st.base_ms = st.cap_ms = 600000;
    capture_start(&cap, "outbox-stop");
    struct outbox *o = outbox_start(&st, r, err, sizeof err);
    if (!o) {
        capture_end(&cap);
        fail_msg("outbox_start: %s", err);
    }
    make_round(&res, 1);
    record(r, o, &res);
    bool failed = log_shows(&cap, "<4>outbox: ");
    outbox_wake(o); /* a wake does not cut the wait short ... */
    sleep_ms(200);
    struct outbox_status s;
    outbox_get_status(o, &s);
    int64_t t0 = mono_ms();
    outbox_stop(o); /* ... a stop does */
    int64_t took = mono_ms() - t0;
    capture_end(&cap);
    assert_true(failed);
    assert_int_equal(s.failures, 1);
    assert_true(took < 1000);
    assert_int_equal(results_outbox_pending(r), 1);
    results_close(r);
}

/* ---- usage statistics ---------------------------------------------------------- */

#define STATS_BASE_PATH "/reports/stats-test"
#define MON_0900 1748826000 /* 2025-06-02 09:00 in Shanghai */

static void flush_stats(struct results *r, struct outbox *o, struct playstats *s)
{
    char err[512];
    struct ps_counter *c;
    size_t n = playstats_take(s, &c);
    if (results_stats_flush(r, "lobby-1", c, n, err, sizeof err) != 0)
        fail_msg("%s", err);
    free(c);
    outbox_wake(o);
}

/* A counter of the hour's document on the server; -1 when the file is not there. */
static int64_t served(const char *hour, const char *item, enum ps_metric m)
{
    char *path = path_fmt("%s" STATS_BASE_PATH "/stats/lobby-1/%s.json", env("QF_DAV_ROOT"), hour);
    size_t n;
    char *text = dav_read_file(path, &n), err[256];
    free(path);
    if (!text)
        return -1;
    struct ps_doc d;
    if (playstats_doc_parse(text, n, &d, err, sizeof err) != 0)
        fail_msg("the served document of %s: %s", hour, err);
    free(text);
    int64_t v = 0;
    for (size_t i = 0; i < d.n; i++)
        if (!strcmp(d.c[i].item, item) && d.c[i].metric == m)
            v = d.c[i].value;
    playstats_doc_free(&d);
    return v;
}

/* Successful PUTs of an hour's document in the WebDAV nginx's access log. */
static int puts_logged(const char *hour)
{
    char *path = path_fmt("%s/nginx-access.log", env("QF_DAV_DIR"));
    char want[256], line[2048];
    snprintf(want, sizeof want, "\"PUT " STATS_BASE_PATH "/stats/lobby-1/%s.json HTTP/1.1\" 20", hour);
    FILE *f = fopen(path, "r");
    free(path);
    int n = 0;
    while (f && fgets(line, sizeof line, f))
        n += strstr(line, want) != NULL;
    if (f)
        fclose(f);
    return n;
}

/* Hourly usage documents go to <report_url>/stats/<screen>/<hour>.json.
 * An hour flushed again while the server is down is one entry whose
 * document is replaced; once the server is back each hour arrives with its
 * latest full totals, and the server saw exactly one PUT per version that
 * was waiting when the uploader looked. */
static void stats_through_an_outage(void **state)
{
    struct capture cap;
    struct playstats s;
    char err[512], base[256], url[512];
    setenv("TZ", "CST-8", 1);
    tzset();
    snprintf(base, sizeof base, "http://127.0.0.1:%s" STATS_BASE_PATH, env("QF_DAV_PORT"));
    struct results *r = open_store("outbox-stats.db");
    struct outbox_settings st = settings(base);
    playstats_init(&s);

    capture_start(&cap, "outbox-stats");
    struct outbox *o = outbox_start(&st, r, err, sizeof err);
    if (!o) {
        capture_end(&cap);
        fail_msg("outbox_start: %s", err);
    }
    /* 09:00 and 10:00, delivered. */
    playstats_item_shown(&s, MON_0900, "maxim-1", 8000);
    playstats_tap(&s, MON_0900 + 60);
    playstats_item_shown(&s, MON_0900 + 3600, "maxim-1", 8000);
    flush_stats(r, o, &s);
    bool first = wait_pending(r, 0);
    int64_t h10_before = served("2025-06-02T10", "maxim-1", PS_SHOWS);

    /* The server goes away; 10:00 gets more (twice) and 11:00 begins. */
    dav_stop();
    playstats_item_shown(&s, MON_0900 + 3600 + 100, "maxim-1", 7000);
    playstats_item_shown(&s, MON_0900 + 7200, "case-1", 6000);
    flush_stats(r, o, &s);
    snprintf(url, sizeof url, "%s/stats/lobby-1/2025-06-02T10.json", base);
    bool failed = log_shows(&cap, url);
    playstats_item_opened(&s, MON_0900 + 3600 + 200, "case-1");
    playstats_item_shown(&s, MON_0900 + 3600 + 300, "maxim-1", 5000);
    flush_stats(r, o, &s);
    long pending_while_down = results_outbox_pending(r);

    dav_start();
    bool second = wait_pending(r, 0);
    struct outbox_status up;
    bool counted = wait_delivered(o, 4, &up); /* 09, 10, then 10 and 11 again */
    outbox_stop(o);
    capture_end(&cap);
    playstats_free(&s);

    assert_true(first);
    assert_int_equal(h10_before, 1);
    assert_true(failed);
    assert_int_equal(pending_while_down, 2); /* 10:00 (replaced, not added) and 11:00 */
    assert_true(second);
    assert_true(counted);
    assert_int_equal(up.delivered, 4);
    /* The latest full totals on the server. */
    assert_int_equal(served("2025-06-02T09", "maxim-1", PS_SHOWS), 1);
    assert_int_equal(served("2025-06-02T09", "", PS_TAPS), 1);
    assert_int_equal(served("2025-06-02T10", "maxim-1", PS_SHOWS), 3);
    assert_int_equal(served("2025-06-02T10", "maxim-1", PS_SHOW_MS), 20000);
    assert_int_equal(served("2025-06-02T10", "case-1", PS_OPENS), 1);
    assert_int_equal(served("2025-06-02T11", "case-1", PS_SHOWS), 1);
    /* Once per version: 09 once, 10 before and after the outage, 11 once. */
    assert_int_equal(puts_logged("2025-06-02T09"), 1);
    assert_int_equal(puts_logged("2025-06-02T10"), 2);
    assert_int_equal(puts_logged("2025-06-02T11"), 1);
    results_close(r);
}

static void refuses_other_schemes(void **state)
{
    char err[512] = "";
    struct outbox_settings st = settings("ftp://127.0.0.1/reports");
    assert_null(outbox_start(&st, NULL, err, sizeof err));
    assert_non_null(strstr(err, "ftp://127.0.0.1/reports"));
}

static int global_init(void **state)
{
    return fetch_global_init();
}

static int global_cleanup(void **state)
{
    dav_leave_none();
    fetch_global_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(put_twice_gives_the_same_file),
        cmocka_unit_test(put_refused_by_a_plain_server),
        cmocka_unit_test(refuses_other_schemes),
        cmocka_unit_test(stop_while_backing_off),
        cmocka_unit_test(delivers_through_an_outage),
        cmocka_unit_test(stats_through_an_outage),
    };
    return cmocka_run_group_tests(tests, global_init, global_cleanup);
}
