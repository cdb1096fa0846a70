/* The sync worker against real servers on 127.0.0.1, started by
 * tests/net/run.sh: nginx serving signed feeds built by the feed tool and
 * broken on purpose (tests/net/sync_feeds.py, one folder per scenario under
 * /sync/), and the fault server for what only a misbehaving server does.
 *
 * One store is shared by every test. The group setup makes a first good
 * sync; then each failure runs one round through the real API (sync_start
 * on a new URL or limit, whose thread starts a round at once) and must
 * (1) be refused: status ok is false, (2) be logged as one
 * "<4>sync: <URL>...<reason>; keeping the content on screen" line naming
 * the feed's or the asset's URL and the reason, (3) leave the store's
 * current version as the first sync made it, feed.json byte for byte.
 * Last come the rounds that succeed: recovery after a failure, and an
 * asset redirected to a host in allow_hosts.
 *
 * stderr is redirected to a file in QF_TMP for each round (kept there:
 * a sanitizer report written during a round ends up in it).
 *
 * Environment (set by run.sh): QF_NGINX (port), QF_SYNC_WWW (the folder
 * nginx serves as /sync/), QF_SYNC_PUB (the key the feeds are signed
 * with), QF_FAULT_HTTP, QF_FAULT_TLS, QF_FAULT_WRONG, QF_FAULT_CLOSED,
 * QF_FAULT_STALL (ports of the fault server), QF_WRONG_CA (the certificate
 * of QF_FAULT_WRONG), QF_TMP (a scratch folder). */
#define _GNU_SOURCE 1 /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/store.h"
#include "net/fetch.h"
#include "net/sync.h"

#define LOG_MAX 65536
#define ROUND_WAIT_S 300 /* only a hung worker gets near this */

static const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !v[0]) {
        fprintf(stderr, "test_sync: %s is not set; run it with make net-test\n", name);
        exit(2);
    }
    return v;
}

/* "http://127.0.0.1:<nginx>/sync/<scenario>/<file>" */
static const char *served(const char *scenario, const char *file)
{
    static char buf[8][512];
    static int next;
    char *u = buf[next++ % 8];
    snprintf(u, sizeof buf[0], "http://127.0.0.1:%s/sync/%s/%s", env("QF_NGINX"), scenario, file);
    return u;
}

static const char *feed_url(const char *scenario) { return served(scenario, "feed.json"); }
static const char *sig_url(const char *scenario) { return served(scenario, "feed.json.minisig"); }
static const char *pic_url(const char *scenario, const char *ext)
{
    return served(scenario, !strcmp(ext, "svg") ? "images/pic.svg" : "images/pic.png");
}

/* "<scheme>://127.0.0.1:<port of port_var><path>" */
static const char *fault_url(const char *scheme, const char *port_var, const char *path)
{
    static char buf[4][512];
    static int next;
    char *u = buf[next++ % 4];
    snprintf(u, sizeof buf[0], "%s://127.0.0.1:%s%s", scheme, env(port_var), path);
    return u;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    char *buf = malloc(LOG_MAX + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, LOG_MAX, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* ---- a decoder without SDL ---------------------------------------------- */

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return ~c;
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3]; }

/* A PNG decodes when it is whole: the signature, IHDR first, every chunk's
 * CRC right, an IDAT, and IEND last with nothing after it. (The pixels
 * are not inflated; the worker only needs a callback that can say no.) */
static int png_whole(const uint8_t *d, size_t n, char *err, size_t errlen)
{
    bool idat = false;
    if (n < 8 || memcmp(d, "\x89PNG\r\n\x1a\n", 8)) {
        snprintf(err, errlen, "no PNG signature");
        return -1;
    }
    for (size_t at = 8; at + 12 <= n;) {
        uint32_t len = be32(d + at);
        if (len > n - at - 12)
            break;
        const uint8_t *kind = d + at + 4;
        if (at == 8 && memcmp(kind, "IHDR", 4)) {
            snprintf(err, errlen, "IHDR is not the first chunk");
            return -1;
        }
        if (crc32_of(kind, len + 4) != be32(kind + 4 + len)) {
            snprintf(err, errlen, "bad CRC in the %.4s chunk", (const char *)kind);
            return -1;
        }
        idat |= !memcmp(kind, "IDAT", 4);
        at += 12 + len;
        if (!memcmp(kind, "IEND", 4)) {
            if (at != n || !idat) {
                snprintf(err, errlen, at != n ? "data after IEND" : "no IDAT chunk");
                return -1;
            }
            return 0;
        }
    }
    snprintf(err, errlen, "cut short: no IEND chunk");
    return -1;
}

/* The worker's decode callback: PNG as above; SVG when it has an <svg>
 * element that is closed; nothing else. */
static int decode_check(const char *path, char *err, size_t errlen)
{
    size_t n;
    char *d = read_file(path, &n);
    const char *dot = strrchr(path, '.');
    int rc = -1;
    if (dot && !strcmp(dot, ".png"))
        rc = png_whole((const uint8_t *)d, n, err, errlen);
    else if (dot && !strcmp(dot, ".svg") && memmem(d, n, "<svg", 4) && memmem(d, n, "</svg>", 6))
        rc = 0;
    else
        snprintf(err, errlen, "not a PNG or a complete SVG");
    free(d);
    return rc;
}

/* ---- running rounds ------------------------------------------------------- */

static struct store *store;
static struct minisign_key key;
static char base_version[STORE_VERSION_MAX];
static char *base_feed; /* feed.json of the first good sync */
static size_t base_len;

static void round_done(void *ctx) { sem_post(ctx); }

struct run {
    struct sync *sync;
    sem_t rounds;
    int saved_stderr;
    char log_path[512];
    char *log;
};

static struct sync_settings settings(const char *url)
{
    struct sync_settings st;
    memset(&st, 0, sizeof st);
    snprintf(st.url, sizeof st.url, "%s", url);
    st.has_key = true;
    st.key = key;
    st.interval_ms = 3600000;
    st.max_feed_bytes = 1 << 20;
    st.max_asset_bytes = 1 << 20;
    st.max_image_pixels = 40000000;
    return st;
}

/* Sends stderr to a file and starts a worker: its first round begins. */
static void start(struct run *r, const struct sync_settings *st)
{
    static int n;
    memset(r, 0, sizeof *r);
    snprintf(r->log_path, sizeof r->log_path, "%s/sync-stderr-%02d.log", env("QF_TMP"), n++);
    int fd = open(r->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(sem_init(&r->rounds, 0, 0), 0);
    fflush(stderr);
    r->saved_stderr = dup(2);
    assert_true(r->saved_stderr >= 0);
    assert_int_equal(dup2(fd, 2), 2);
    close(fd);
    char err[512] = "";
    r->sync = sync_start(st, store, decode_check, round_done, &r->rounds, err, sizeof err);
    if (!r->sync) {
        dup2(r->saved_stderr, 2);
        fail_msg("sync_start: %s", err);
    }
}

/* Waits for the end of a round (the notify callback). */
static bool wait_round(struct run *r)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ROUND_WAIT_S;
    int rc;
    while ((rc = sem_timedwait(&r->rounds, &ts)) != 0 && errno == EINTR)
        ;
    return rc == 0;
}

/* Stops the worker, gives stderr back and reads what the rounds logged. */
static void finish(struct run *r, struct sync_status *status)
{
    sync_get_status(r->sync, status);
    sync_stop(r->sync);
    fflush(stderr);
    dup2(r->saved_stderr, 2);
    close(r->saved_stderr);
    sem_destroy(&r->rounds);
    size_t n;
    r->log = read_file(r->log_path, &n);
}

/* One round with these settings. */
static void one_round(const struct sync_settings *st, struct sync_status *status, char **log)
{
    struct run r;
    start(&r, st);
    bool done = wait_round(&r);
    finish(&r, status);
    *log = r.log;
    if (!done)
        fail_msg("no round ended within %d s; its log: %s", ROUND_WAIT_S, *log);
}

/* The first line of log starting with prefix, copied to line. */
static bool find_line(const char *log, const char *prefix, char *line, size_t len)
{
    for (const char *p = log; *p;) {
        size_t n = strcspn(p, "\n");
        if (!strncmp(p, prefix, strlen(prefix))) {
            snprintf(line, len, "%.*s", (int)n, p);
            return true;
        }
        p += n + (p[n] == '\n');
    }
    return false;
}

static void must_contain(const char *text, const char *word)
{
    if (word && !strstr(text, word))
        fail_msg("\"%s\" lacks \"%s\"", text, word);
}

/* The store's current version is still the first good sync's, feed.json
 * byte for byte. No assertions: it may run while stderr is redirected. */
static bool content_is_base(void)
{
    char name[STORE_VERSION_MAX], dir[1024], path[1100];
    if (store_current_name(store, name, sizeof name) != 0 || strcmp(name, base_version) ||
        store_current(store, dir, sizeof dir) != 0)
        return false;
    snprintf(path, sizeof path, "%s/feed.json", dir);
    size_t n;
    char *now = read_file(path, &n);
    bool same = n == base_len && !memcmp(now, base_feed, n);
    free(now);
    return same;
}

/* A refused round: ok false, and the status and the warning line name the
 * URL and the reason words. */
static void check_logged(const struct sync_status *status, const char *log, const char *url, const char *w1,
                          const char *w2)
{
    char line[2048];
    if (!find_line(log, "<4>sync: ", line, sizeof line))
        fail_msg("no \"<4>sync: \" line in the log: %s", log);
    printf("    %s\n", line);
    assert_false(status->ok);
    must_contain(line, url);
    must_contain(line, w1);
    must_contain(line, w2);
    must_contain(line, "; keeping the content on screen");
    must_contain(line, status->last_result);
    must_contain(status->last_result, url);
    assert_string_equal(status->version, base_version);
}

static void refused(const struct sync_settings *st, const char *url, const char *w1, const char *w2)
{
    struct sync_status status;
    char *log;
    one_round(st, &status, &log);
    check_logged(&status, log, url, w1, w2);
    free(log);
    assert_true(content_is_base());
}

/* A failing feed URL with the default settings. */
static void feed_refused(const char *url, const char *line_url, const char *w1, const char *w2)
{
    struct sync_settings st = settings(url);
    refused(&st, line_url, w1, w2);
}

/* ---- setup: the first good sync ----------------------------------------------- */

static int first_sync(void **state)
{
    char err[512], dir[600], path[1100];
    assert_int_equal(fetch_global_init(), 0);
    assert_int_equal(minisign_key_load(env("QF_SYNC_PUB"), &key, err, sizeof err), 0);
    snprintf(dir, sizeof dir, "%s/state", env("QF_TMP"));
    if (store_open(&store, dir, err, sizeof err) != 0)
        fail_msg("store_open: %s", err);

    struct sync_settings st = settings(feed_url("good"));
    struct sync_status status;
    char *log;
    one_round(&st, &status, &log);
    if (!status.ok)
        fail_msg("the first sync failed: %s", log);
    must_contain(status.last_result, "new version");
    free(log);
    assert_int_equal(store_current_name(store, base_version, sizeof base_version), 0);
    assert_string_equal(status.version, base_version);

    snprintf(path, sizeof path, "%s/good/feed.json", env("QF_SYNC_WWW"));
    base_feed = read_file(path, &base_len);
    assert_true(content_is_base()); /* the store holds what the server published */
    return 0;
}

static int close_store(void **state)
{
    store_close(store);
    free(base_feed);
    fetch_global_cleanup();
    return 0;
}

/* ---- the network ------------------------------------------------------------------ */

static void dns_failure(void **state)
{
    const char *u = "http://no-such-host.invalid/sync/feed.json";
    feed_refused(u, u, "DNS failure", "no-such-host.invalid");
}

static void connection_refused(void **state)
{
    const char *u = fault_url("http", "QF_FAULT_CLOSED", "/feed.json");
    feed_refused(u, u, "connection refused", NULL);
}

static void connect_timeout(void **state)
{
    const char *u = fault_url("http", "QF_FAULT_STALL", "/feed.json");
    struct sync_settings st = settings(u);
    st.connect_timeout_ms = 1000;
    refused(&st, u, "connect timeout", "within 1 s");
}

static void tls_untrusted_certificate(void **state)
{
    const char *u = fault_url("https", "QF_FAULT_TLS", "/ok");
    feed_refused(u, u, "TLS certificate verification failed", "self-signed");
}

static void tls_wrong_host_name(void **state)
{
    const char *u = fault_url("https", "QF_FAULT_WRONG", "/ok");
    struct sync_settings st = settings(u);
    snprintf(st.ca_file, sizeof st.ca_file, "%s", env("QF_WRONG_CA"));
    refused(&st, u, "TLS certificate verification failed", "host name");
}

static void http_404(void **state)
{
    const char *u = feed_url("no-such-scenario");
    feed_refused(u, u, "HTTP 404", "Not Found");
}

static void http_500(void **state)
{
    const char *u = fault_url("http", "QF_FAULT_HTTP", "/500");
    feed_refused(u, u, "HTTP 500", "Internal Server Error");
}

static void truncated_body(void **state)
{
    const char *u = fault_url("http", "QF_FAULT_HTTP", "/truncated");
    feed_refused(u, u, "truncated body", "10 of 1000 bytes");
}

static void too_many_redirects(void **state)
{
    const char *u = fault_url("http", "QF_FAULT_HTTP", "/redirect-loop");
    feed_refused(u, u, "too many redirects", "more than 5");
}

static void feed_too_large(void **state)
{
    struct sync_settings st = settings(feed_url("good"));
    st.max_feed_bytes = 100;
    refused(&st, st.url, "body too large", "over the limit of 100 bytes");
}

/* ---- the feed's text and signature ------------------------------------------------- */

static void invalid_json(void **state)
{
    feed_refused(feed_url("badjson"), feed_url("badjson"), "JSON", NULL);
}

static void invalid_utf8(void **state)
{
    /* jansson's words: the byte it could not decode as UTF-8 */
    feed_refused(feed_url("badutf8"), feed_url("badutf8"), "not UTF-8 text (byte 0xe6", NULL);
}

static void missing_signature(void **state)
{
    feed_refused(feed_url("nosig"), sig_url("nosig"), "HTTP 404", "publish feed.json.minisig");
}

static void feed_changed_after_signing(void **state)
{
    feed_refused(feed_url("tampered"), sig_url("tampered"), "signature", NULL);
}

static void signed_with_another_key(void **state)
{
    feed_refused(feed_url("keyb"), sig_url("keyb"), "key id", NULL);
}

static void asset_path_with_dotdot(void **state)
{
    feed_refused(feed_url("escape-dotdot"), feed_url("escape-dotdot"), "_qingfeng.assets[2].path", "\"../x.png\"");
}

static void asset_path_absolute(void **state)
{
    feed_refused(feed_url("escape-abs"), feed_url("escape-abs"), "_qingfeng.assets[2].path", "\"/etc/passwd\"");
}

/* ---- assets ----------------------------------------------------------------------- */

static void asset_sha256_mismatch(void **state)
{
    feed_refused(feed_url("sha"), pic_url("sha", "svg"), "SHA-256", "differs from the pinned");
}

static void asset_shorter_than_pinned(void **state)
{
    feed_refused(feed_url("short"), pic_url("short", "svg"), "size", "differs from the pinned");
}

static void asset_longer_than_pinned(void **state)
{
    feed_refused(feed_url("long"), pic_url("long", "svg"), "body too large", NULL);
}

static void asset_over_max_asset_bytes(void **state)
{
    struct sync_settings st = settings(feed_url("big"));
    st.max_asset_bytes = 64;
    refused(&st, pic_url("big", "png"), "over the limit of 64", "max_asset_mb");
}

static void asset_missing_on_the_server(void **state)
{
    feed_refused(feed_url("missing"), pic_url("missing", "png"), "HTTP 404", NULL);
}

static void asset_redirected_to_another_host(void **state)
{
    feed_refused(feed_url("redirect"), pic_url("redirect", "png"), "redirected to http://localhost:",
                 "add it to allow_hosts");
}

static void picture_that_does_not_decode(void **state)
{
    feed_refused(feed_url("nodecode"), pic_url("nodecode", "png"), "picture does not decode",
                 "bad CRC in the IDAT chunk");
}

static void decompression_bomb(void **state)
{
    feed_refused(feed_url("bomb"), pic_url("bomb", "png"), "50000x50000 pixels", "over the limit of 40000000");
}

/* ---- rounds that succeed ------------------------------------------------------------- */

/* A round fails (the feed is not published yet), then the feed appears and
 * the next round, asked for at once, takes it. */
static void recovers_after_a_failure(void **state)
{
    char ready[600], live[600], path[1100];
    snprintf(ready, sizeof ready, "%s/recover-ready", env("QF_SYNC_WWW"));
    snprintf(live, sizeof live, "%s/recover", env("QF_SYNC_WWW"));
    struct sync_settings st = settings(feed_url("recover"));
    struct sync_status failed, status;
    struct run r;
    start(&r, &st);
    bool done = wait_round(&r);
    sync_get_status(r.sync, &failed);
    bool kept = done && content_is_base();
    bool renamed = done && rename(ready, live) == 0;
    if (renamed) {
        sync_now(r.sync);
        done = wait_round(&r);
    }
    finish(&r, &status);
    if (!renamed || !done)
        fail_msg("%s; log: %s", renamed ? "the second round did not end" : "the first round did not end, or "
                                                                            "the feed could not be put in place",
                 r.log);
    check_logged(&failed, r.log, feed_url("recover"), "HTTP 404", NULL);
    assert_true(kept);

    char line[2048];
    assert_true(find_line(r.log, "<6>sync: ", line, sizeof line));
    printf("    %s\n", line);
    assert_true(status.ok);
    must_contain(status.last_result, "new version");
    assert_string_not_equal(status.version, base_version);
    char name[STORE_VERSION_MAX], dir[1024];
    assert_int_equal(store_current_name(store, name, sizeof name), 0);
    assert_string_equal(name, status.version);
    assert_int_equal(store_current(store, dir, sizeof dir), 0);
    size_t n, m;
    snprintf(path, sizeof path, "%s/feed.json", dir);
    char *have = read_file(path, &n);
    snprintf(path, sizeof path, "%s/feed.json", live);
    char *want = read_file(path, &m);
    assert_int_equal(n, m);
    assert_memory_equal(have, want, n);
    free(have);
    free(want);
    free(r.log);
}

static void asset_redirect_to_an_allowed_host(void **state)
{
    struct sync_settings st = settings(feed_url("redirect"));
    snprintf(st.allow_hosts, sizeof st.allow_hosts, "example.org, localhost");
    struct sync_status status;
    char *log;
    char before[STORE_VERSION_MAX], after[STORE_VERSION_MAX];
    assert_int_equal(store_current_name(store, before, sizeof before), 0);
    one_round(&st, &status, &log);
    if (!status.ok)
        fail_msg("refused: %s", log);
    must_contain(status.last_result, "new version");
    assert_int_equal(store_current_name(store, after, sizeof after), 0);
    assert_string_not_equal(after, before);
    assert_string_equal(after, status.version);
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dns_failure),
        cmocka_unit_test(connection_refused),
        cmocka_unit_test(connect_timeout),
        cmocka_unit_test(tls_untrusted_certificate),
        cmocka_unit_test(tls_wrong_host_name),
        cmocka_unit_test(http_404),
        cmocka_unit_test(http_500),
        cmocka_unit_test(truncated_body),
        cmocka_unit_test(too_many_redirects),
        cmocka_unit_test(feed_too_large),
        cmocka_unit_test(invalid_json),
        cmocka_unit_test(invalid_utf8),
        cmocka_unit_test(missing_signature),
        cmocka_unit_test(feed_changed_after_signing),
        cmocka_unit_test(signed_with_another_key),
        cmocka_unit_test(asset_path_with_dotdot),
        cmocka_unit_test(asset_path_absolute),
        cmocka_unit_test(asset_sha256_mismatch),
        cmocka_unit_test(asset_shorter_than_pinned),
        cmocka_unit_test(asset_longer_than_pinned),
        cmocka_unit_test(asset_over_max_asset_bytes),
        cmocka_unit_test(asset_missing_on_the_server),
        cmocka_unit_test(asset_redirected_to_another_host),
        cmocka_unit_test(picture_that_does_not_decode),
        cmocka_unit_test(decompression_bomb),
        /* These two change the current version: they come last. */
        cmocka_unit_test(recovers_after_a_failure),
        cmocka_unit_test(asset_redirect_to_an_allowed_host),
    };
    return cmocka_run_group_tests(tests, first_sync, close_store);
}
