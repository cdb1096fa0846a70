/* fetch_get against real servers on 127.0.0.1, started by tests/net/run.sh:
 * the fault server (tests/net/fault_server.py) for every way a GET can go
 * wrong, and nginx for the conditional GET a real static server answers.
 * Each failure must return -1 with one line naming the URL and the reason,
 * and leave nothing behind when the body was going to a file.
 *
 * Environment (set by run.sh): QF_FAULT_HTTP, QF_FAULT_TLS, QF_FAULT_WRONG,
 * QF_FAULT_CLOSED, QF_FAULT_STALL, QF_FAULT_SILENT (ports), QF_TLS_CA (the TLS port's
 * certificate), QF_WRONG_CA (the other TLS port's), QF_NGINX (port),
 * QF_NGINX_FILE (a file nginx serves), QF_TMP (a scratch folder). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/fetch.h"

static const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !v[0]) {
        fprintf(stderr, "test_fetch: %s is not set; run it with make net-test\n", name);
        exit(2);
    }
    return v;
}

/* "http://127.0.0.1:<port of QF_FAULT_HTTP><path>" and the like. */
static const char *url(const char *scheme, const char *port_var, const char *path)
{
    static char buf[8][512];
    static int next;
    char *u = buf[next++ % 8];
    snprintf(u, sizeof buf[0], "%s://127.0.0.1:%s%s", scheme, env(port_var), path);
    return u;
}

#define HTTP(path) url("http", "QF_FAULT_HTTP", (path))
#define HTTPS(path) url("https", "QF_FAULT_TLS", (path))

/* Small limits so that every timeout case ends within a second or two;
 * the connect timeout stays long enough for a TLS handshake under valgrind. */
static struct fetch_limits quick(void)
{
    struct fetch_limits l = fetch_limits_default();
    l.total_timeout_ms = 30000;
    l.low_speed_bytes = 100;
    l.low_speed_secs = 1;
    l.max_bytes = 1 << 20;
    return l;
}

/* A fresh empty folder for downloads. */
static const char *scratch(void)
{
    static char dir[512];
    static int n;
    snprintf(dir, sizeof dir, "%s/d%d", env("QF_TMP"), n++);
    assert_int_equal(mkdir(dir, 0700), 0);
    return dir;
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void must_contain(const char *error, const char *word)
{
    if (word && !strstr(error, word))
        fail_msg("error \"%s\" lacks \"%s\"", error, word);
}

/* The GET fails, into memory and into a file: -1, one line with the URL and
 * the words, no body, and nothing left in the download folder. */
static void expect_failure(const struct fetch_request *base, const char *w1, const char *w2)
{
    struct fetch_request rq = *base;
    struct fetch_result r;
    for (int to_file = 0; to_file < 2; to_file++) {
        const char *dir = scratch();
        char dest[600];
        snprintf(dest, sizeof dest, "%s/feed.json", dir);
        rq.dest_path = to_file ? dest : NULL;
        assert_int_equal(fetch_get(&rq, &r), -1);
        must_contain(r.error, rq.url);
        must_contain(r.error, w1);
        must_contain(r.error, w2);
        assert_null(strchr(r.error, '\n'));
        assert_null(r.body);
        assert_false(r.not_modified);
        assert_int_equal(entries(dir), 0);
        fetch_result_free(&r);
    }
    printf("    %s\n", r.error);
}

static void fails(const char *u, const struct fetch_limits *l, const char *w1, const char *w2)
{
    struct fetch_request rq = {.url = u, .limits = l};
    expect_failure(&rq, w1, w2);
}

/* ---- success ------------------------------------------------------------------ */

static void ok_into_memory(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTP("/ok"), .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.status, 200);
    assert_false(r.not_modified);
    assert_string_equal(r.body, "hello from /ok\n");
    assert_int_equal(r.len, 15);
    assert_string_equal(r.etag, "\"v1\"");
    assert_string_equal(r.last_modified, "Tue, 01 Jul 2025 08:00:00 GMT");
    assert_string_equal(r.effective_url, rq.url);
    assert_string_equal(r.error, "");
    fetch_result_free(&r);
    assert_null(r.body);
}

static void ok_into_file_replaces_it_whole(void **state)
{
    struct fetch_limits l = quick();
    const char *dir = scratch();
    char dest[600];
    snprintf(dest, sizeof dest, "%s/asset.bin", dir);
    FILE *f = fopen(dest, "w");
    fputs("old", f);
    fclose(f);
    struct fetch_request rq = {.url = HTTP("/bytes/300000"), .dest_path = dest, .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_null(r.body);
    assert_int_equal(r.len, 300000);
    struct stat st;
    assert_int_equal(stat(dest, &st), 0);
    assert_int_equal(st.st_size, 300000);
    assert_int_equal(entries(dir), 1); /* no temporary file left */
    fetch_result_free(&r);

    /* A folder that is not there is named. */
    char nowhere[700];
    snprintf(nowhere, sizeof nowhere, "%s/missing/asset.bin", dir);
    struct fetch_request bad = {.url = HTTP("/ok"), .dest_path = nowhere, .limits = &l};
    assert_int_equal(fetch_get(&bad, &r), -1);
    must_contain(r.error, "cannot create");
    must_contain(r.error, "/missing/asset.bin.");
    fetch_result_free(&r);

    /* A failure leaves the file that was there as it was. */
    rq.url = HTTP("/truncated");
    assert_int_equal(fetch_get(&rq, &r), -1);
    assert_int_equal(stat(dest, &st), 0);
    assert_int_equal(st.st_size, 300000);
    assert_int_equal(entries(dir), 1);
    fetch_result_free(&r);
}

static void conditional_get_round_trip(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTP("/ok"), .limits = &l};
    struct fetch_result first, again;
    assert_int_equal(fetch_get(&rq, &first), 0);

    rq.etag = first.etag;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_int_equal(again.status, 304);
    assert_true(again.not_modified);
    assert_null(again.body);
    assert_int_equal(again.len, 0);
    assert_string_equal(again.etag, "\"v1\"");
    fetch_result_free(&again);

    rq.etag = NULL;
    rq.last_modified = first.last_modified;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_true(again.not_modified);
    fetch_result_free(&again);

    /* A 304 goes nowhere near the file. */
    const char *dir = scratch();
    char dest[600];
    snprintf(dest, sizeof dest, "%s/feed.json", dir);
    rq.dest_path = dest;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_true(again.not_modified);
    assert_int_equal(entries(dir), 0);
    fetch_result_free(&again);
    rq.dest_path = NULL;

    /* A tag that could smuggle in another header is not sent. */
    rq.etag = "\"v1\"\r\nX-Injected: 1";
    rq.last_modified = NULL;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_int_equal(again.status, 200);
    fetch_result_free(&again);

    /* A stale tag gets the body again. */
    rq.etag = "\"v0\"";
    rq.last_modified = NULL;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_int_equal(again.status, 200);
    assert_string_equal(again.body, first.body);
    fetch_result_free(&again);
    fetch_result_free(&first);
}

static void follows_a_redirect(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTP("/redirect-ok"), .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.effective_url, HTTP("/ok"));
    assert_string_equal(r.etag, "\"v1\"");
    fetch_result_free(&r);
}

static void size_limit_is_exact(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTP("/bytes/1048576"), .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.len, 1 << 20);
    fetch_result_free(&r);
    rq.url = HTTP("/bytes-nocl/1048576");
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.len, 1 << 20);
    fetch_result_free(&r);
    rq.url = HTTP("/bytes/0"); /* an empty body is still a string */
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.len, 0);
    assert_string_equal(r.body, "");
    fetch_result_free(&r);
    fails(HTTP("/bytes/1048577"), &l, "body too large", "announced 1048577 bytes, over the limit of 1048576");
    fails(HTTP("/bytes-nocl/1048577"), &l, "body too large", "more than the limit of 1048576 bytes");
}

static void https_with_the_right_ca(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTPS("/ok"), .ca_file = env("QF_TLS_CA"), .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_string_equal(r.body, "hello from /ok\n");
    fetch_result_free(&r);
}

/* ---- failures ----------------------------------------------------------------- */

static void dns_failure(void **state)
{
    struct fetch_limits l = quick();
    fails("http://no-such-host.invalid/feed.json", &l, "DNS failure", "\"no-such-host.invalid\"");
}

static void connection_refused(void **state)
{
    struct fetch_limits l = quick();
    fails(url("http", "QF_FAULT_CLOSED", "/feed.json"), &l, "connection refused by 127.0.0.1 port",
          env("QF_FAULT_CLOSED"));
}

static void connect_timeout(void **state)
{
    struct fetch_limits l = quick();
    l.connect_timeout_ms = 500;
    fails(url("http", "QF_FAULT_STALL", "/feed.json"), &l, "connect timeout", "no connection to 127.0.0.1 port");
    fails(url("http", "QF_FAULT_STALL", "/feed.json"), &l, "within 0.5 s", NULL);
    /* Connected, but the TLS handshake never finishes. */
    fails(url("https", "QF_FAULT_SILENT", "/feed.json"), &l, "connect timeout",
          "the TLS handshake with 127.0.0.1 did not finish within 0.5 s");
}

static void total_timeout(void **state)
{
    struct fetch_limits l = quick();
    l.total_timeout_ms = 1000;
    l.low_speed_bytes = 1;
    l.low_speed_secs = 30;
    fails(HTTP("/drip"), &l, "total timeout", "longer than 1 s");
}

static void too_slow(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/slow"), &l, "too slow", "less than 100 bytes/s for 1 s");
}

static void no_response(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/hang"), &l, "too slow", "sent no response for 1 s");
}

static void closed_without_response(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/close"), &l, "closed the connection without a response", NULL);
}

static void tls_untrusted(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTPS("/ok"), &l, "TLS certificate verification failed", "self-signed");
}

static void tls_wrong_host(void **state)
{
    /* Trusted, but made out to another name: verification of the host name
     * stays on. */
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = url("https", "QF_FAULT_WRONG", "/ok"), .ca_file = env("QF_WRONG_CA"),
                               .limits = &l};
    expect_failure(&rq, "TLS certificate verification failed", "127.0.0.1");
}

static void tls_bad_ca_file(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = HTTPS("/ok"), .ca_file = "/nonexistent/ca.pem", .limits = &l};
    expect_failure(&rq, "TLS failure", "/nonexistent/ca.pem");
}

static void too_many_redirects(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/redirect-loop"), &l, "too many redirects", "more than 5");
    l.max_redirects = 0;
    fails(HTTP("/redirect-ok"), &l, "too many redirects", "more than 0");
}

static void redirect_to_another_scheme(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/redirect-ftp"), &l, "redirect to a non-HTTP(S) address refused", "ftp://127.0.0.1/feed.json");
    /* An https URL does not fall back to plain http. */
    struct fetch_request rq = {.url = HTTPS("/redirect-http"), .ca_file = env("QF_TLS_CA"), .limits = &l};
    expect_failure(&rq, "redirect to a non-HTTPS address refused", HTTP("/ok"));
}

static void http_errors(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/404"), &l, "server answered HTTP 404 (Not Found)", NULL);
    fails(HTTP("/500"), &l, "server answered HTTP 500 (Internal Server Error)", NULL);
    fails(HTTP("/status/204"), &l, "server answered HTTP 204", "only 200 and 304 are accepted");
    fails(HTTP("/nowhere"), &l, "HTTP 404", NULL);

    struct fetch_request rq = {.url = HTTP("/404"), .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), -1);
    assert_int_equal(r.status, 404);
    fetch_result_free(&r);

    /* After a redirect the line also says where the error came from. */
    char at[600];
    snprintf(at, sizeof at, "(at %s)", HTTP("/404"));
    fails(HTTP("/redirect-404"), &l, "server answered HTTP 404", at);
}

static void truncated_body(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/truncated"), &l, "truncated body", "after 10 of 1000 bytes");
}

static void body_too_large(void **state)
{
    struct fetch_limits l = quick();
    fails(HTTP("/big"), &l, "body too large", "more than the limit of 1048576 bytes");
    fails(HTTP("/big-cl"), &l, "body too large", "announced 67108864 bytes");
    /* 64 KiB on the wire, 64 MiB decoded: the limit counts decoded bytes. */
    fails(HTTP("/gzip-bomb"), &l, "body too large", "more than the limit of 1048576 bytes");
}

static void gzip_is_decoded(void **state)
{
    struct fetch_request rq = {.url = HTTP("/gzip-ok")};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_int_equal(r.len, strlen("hello from /ok\n"));
    assert_memory_equal(r.body, "hello from /ok\n", r.len);
    fetch_result_free(&r);
}

static void refuses_other_urls(void **state)
{
    struct fetch_limits l = quick();
    fails("ftp://127.0.0.1/feed.json", &l, "not an http:// or https:// URL", NULL);
    fails("file:///etc/passwd", &l, "not an http:// or https:// URL", NULL);
    fails("http://", &l, "not an http:// or https:// URL", NULL);
    fails("not a url", &l, "not an http:// or https:// URL", NULL);
    l.low_speed_secs = 0;
    fails(HTTP("/ok"), &l, "invalid limits", NULL);
}

static void keeps_passwords_out_of_the_line(void **state)
{
    struct fetch_limits l = quick();
    char u[512];
    snprintf(u, sizeof u, "http://kiosk:s3cret@127.0.0.1:%s/feed.json", env("QF_FAULT_CLOSED"));
    struct fetch_request rq = {.url = u, .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), -1);
    must_contain(r.error, "http://127.0.0.1:");
    must_contain(r.error, "connection refused");
    assert_null(strstr(r.error, "s3cret"));
    fetch_result_free(&r);
}

static void cancel_flag_stops_it(void **state)
{
    struct fetch_limits l = quick();
    l.low_speed_secs = 60;
    atomic_bool cancel = true;
    struct fetch_request rq = {.url = HTTP("/hang"), .limits = &l, .cancel = &cancel};
    expect_failure(&rq, "cancelled", NULL);
}

struct hanging_get {
    struct fetch_request rq;
    struct fetch_result r;
    int rc;
};

static void *get_in_thread(void *arg)
{
    struct hanging_get *g = arg;
    g->rc = fetch_get(&g->rq, &g->r);
    return NULL;
}

/* Two workers wait on servers that never answer; another thread's flag
 * ends both. (Should the flag not work, the low-speed limit ends them a
 * minute later and the test fails.) */
static void cancel_from_another_thread(void **state)
{
    struct fetch_limits l = quick();
    l.low_speed_secs = 60;
    atomic_bool cancel = false;
    struct hanging_get g[2] = {
        {.rq = {.url = HTTP("/hang"), .limits = &l, .cancel = &cancel}},
        {.rq = {.url = url("https", "QF_FAULT_SILENT", "/feed.json"), .limits = &l, .cancel = &cancel}},
    };
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&th[i], NULL, get_in_thread, &g[i]), 0);
    atomic_store(&cancel, true);
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(g[i].rc, -1);
        must_contain(g[i].r.error, "cancelled");
        fetch_result_free(&g[i].r);
    }
}

/* ---- proxies ------------------------------------------------------------------- */

static void proxy_setting_and_environment(void **state)
{
    struct fetch_limits l = quick();
    char proxy[128];
    snprintf(proxy, sizeof proxy, "http://127.0.0.1:%s", env("QF_FAULT_HTTP"));
    const char *target = "http://through-the-proxy.invalid/feed.json";
    struct fetch_request rq = {.url = target, .proxy = proxy, .limits = &l};
    struct fetch_result r;
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_string_equal(r.body, "proxied http://through-the-proxy.invalid/feed.json");
    fetch_result_free(&r);

    /* No proxy setting: the environment decides. */
    rq.proxy = NULL;
    setenv("http_proxy", proxy, 1);
    assert_int_equal(fetch_get(&rq, &r), 0);
    assert_string_equal(r.body, "proxied http://through-the-proxy.invalid/feed.json");
    fetch_result_free(&r);

    /* no_proxy applies to the environment's proxy and to the setting. */
    setenv("no_proxy", "through-the-proxy.invalid", 1);
    fails(target, &l, "DNS failure", NULL);
    rq.proxy = proxy;
    expect_failure(&rq, "DNS failure", NULL);
    unsetenv("no_proxy");
    unsetenv("http_proxy");
}

/* ---- a real static server ----------------------------------------------------- */

static void nginx_conditional_get(void **state)
{
    struct fetch_limits l = quick();
    struct fetch_request rq = {.url = url("http", "QF_NGINX", env("QF_NGINX_FILE")), .limits = &l};
    struct fetch_result first, again;
    assert_int_equal(fetch_get(&rq, &first), 0);
    assert_int_equal(first.status, 200);
    assert_true(first.etag[0] == '"');
    assert_true(first.last_modified[0] != 0);
    assert_non_null(strstr(first.body, "\"version\""));

    rq.etag = first.etag;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_int_equal(again.status, 304);
    assert_true(again.not_modified);
    assert_string_equal(again.etag, first.etag);
    fetch_result_free(&again);

    rq.etag = NULL;
    rq.last_modified = first.last_modified;
    assert_int_equal(fetch_get(&rq, &again), 0);
    assert_true(again.not_modified);
    fetch_result_free(&again);
    fetch_result_free(&first);
}

static int setup(void **state)
{
    /* The proxy tests set these themselves; a developer's own must not
     * send the loopback tests elsewhere. */
    static const char *const vars[] = {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                                       "no_proxy", "NO_PROXY"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
    return fetch_global_init();
}

static int teardown(void **state)
{
    fetch_global_cleanup();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ok_into_memory),
        cmocka_unit_test(ok_into_file_replaces_it_whole),
        cmocka_unit_test(conditional_get_round_trip),
        cmocka_unit_test(follows_a_redirect),
        cmocka_unit_test(size_limit_is_exact),
        cmocka_unit_test(https_with_the_right_ca),
        cmocka_unit_test(dns_failure),
        cmocka_unit_test(connection_refused),
        cmocka_unit_test(connect_timeout),
        cmocka_unit_test(total_timeout),
        cmocka_unit_test(too_slow),
        cmocka_unit_test(no_response),
        cmocka_unit_test(closed_without_response),
        cmocka_unit_test(tls_untrusted),
        cmocka_unit_test(tls_wrong_host),
        cmocka_unit_test(tls_bad_ca_file),
        cmocka_unit_test(too_many_redirects),
        cmocka_unit_test(redirect_to_another_scheme),
        cmocka_unit_test(http_errors),
        cmocka_unit_test(truncated_body),
        cmocka_unit_test(body_too_large),
        cmocka_unit_test(gzip_is_decoded),
        cmocka_unit_test(refuses_other_urls),
        cmocka_unit_test(keeps_passwords_out_of_the_line),
        cmocka_unit_test(cancel_flag_stops_it),
        cmocka_unit_test(cancel_from_another_thread),
        cmocka_unit_test(proxy_setting_and_environment),
        cmocka_unit_test(nginx_conditional_get),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
