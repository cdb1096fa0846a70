/* Crash test of the content store: a child process commits feeds A, B, C,
 * D, A, ... into a state directory while the parent kills it with SIGKILL
 * at a random instant, N times. After each kill the parent opens the store
 * again (which cleans up) and checks that the current version loads with
 * feed_load_dir, that every asset matches its pin and that feed.json is
 * byte for byte one of the committed feeds: old or new, never a mix.
 *
 * Usage: store_crash STATE_DIR [N [SEED]]   (N defaults to 200)
 * Prints one summary line; exits 1 when any check failed.
 *
 * SIGKILL stops the process, not the machine: the page cache survives, so
 * this tests the order of the steps, not the fsyncs (see
 * docs/architecture.md, "Content store"). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/feed.h"
#include "core/sha256.h"
#include "core/store.h"

#define VARIANTS 4
#define ASSETS 4
#define MAX_SLEEP_US 30000

/* Every variant has the same paths with other bytes (except shared.svg),
 * so a version that mixed two would fail its pins. big.bin comes in
 * through store_adopt_object_file, the others through store_put_object. */
static const char *const asset_paths[ASSETS] = { "images/shared.svg", "images/a.bin", "images/deep/c.bin",
                                                 "big.bin" };
static const size_t asset_sizes[ASSETS] = { 40, 200 * 1024, 30 * 1024, 700 * 1024 };

struct variant {
    unsigned char *bytes[ASSETS];
    size_t sizes[ASSETS];
    char sha[ASSETS][SHA256_HEX_LEN + 1];
    char *json;
    size_t len;
    struct feed *feed;
};

static struct variant variants[VARIANTS];

static void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "store_crash: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(2);
}

static void make_variant(int v)
{
    struct variant *var = &variants[v];
    char err[512];
    FILE *f = open_memstream(&var->json, &var->len);

    if (!f)
        die("out of memory");
    fprintf(f, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"variant %c\",\n", 'A' + v);
    fprintf(f, " \"_qingfeng\": {\"format\": 1, \"assets\": [");
    for (int i = 0; i < ASSETS; i++) {
        /* Sizes differ between variants too, so both pins are exercised. */
        size_t size = asset_sizes[i] + (i == 0 ? 0 : (size_t)v * 7);
        unsigned char *b = malloc(size);

        if (!b)
            die("out of memory");
        for (size_t k = 0; k < size; k++)
            b[k] = (unsigned char)(i == 0 ? 'a' + k % 26 : (k * 31 + (size_t)v * 97 + (size_t)i) & 0xff);
        var->bytes[i] = b;
        var->sizes[i] = size;
        if (sha256_hex_buffer(b, size, var->sha[i]) != 0)
            die("libsodium failed to start");
        fprintf(f, "%s\n  {\"path\": \"%s\", \"size\": %zu, \"sha256\": \"%s\"}", i ? "," : "", asset_paths[i], size,
                var->sha[i]);
    }
    fprintf(f, "]},\n \"items\": [{\"id\": \"maxim-%d\", \"content_text\": \"清心为治本，直道是身谋。\",\n", v);
    fprintf(f, "  \"_qingfeng\": {\"kind\": \"maxim\"}}]}\n");
    if (fclose(f) != 0)
        die("out of memory");
    var->feed = feed_parse(var->json, var->len, "feed.json", err, sizeof err);
    if (!var->feed)
        die("variant %d does not parse: %s", v, err);
}

/* Which variant `dir`/feed.json is, or -1. */
static int variant_of(const char *dir)
{
    char *path = path_fmt("%s/feed.json", dir), *text = NULL;
    size_t len = 0;
    int found = -1;

    if (path && feed_read_file(path, FEED_MAX_BYTES, &text, &len) == 0) {
        for (int v = 0; v < VARIANTS; v++)
            if (len == variants[v].len && memcmp(text, variants[v].json, len) == 0)
                found = v;
    }
    free(text);
    free(path);
    return found;
}

static void adopt_big(struct store *s, const struct variant *var, int i)
{
    char err[512];
    char *tmp = path_fmt("%s/dl-big", store_tmp_dir(s));

    unlink(tmp);
    if (!tmp || dur_write_new(tmp, var->bytes[i], var->sizes[i]) != 0)
        die("%s: cannot write (%s)", tmp ? tmp : "tmp", strerror(errno));
    if (store_adopt_object_file(s, var->sha[i], var->sizes[i], tmp, err, sizeof err) != 0)
        die("adopt: %s", err);
    free(tmp);
}

/* The child: what the sync worker does, as fast as it can, until killed. */
static void child(const char *dir)
{
    struct store *s = NULL;
    char err[512], path[4096], status[64];
    int v = 0;

    if (store_open(&s, dir, err, sizeof err) != 0)
        die("child: %s", err);
    if (store_current(s, path, sizeof path) == 0)
        v = variant_of(path) + 1; /* the next one, so every run makes progress */
    for (;; v++) {
        const struct variant *var = &variants[v % VARIANTS];

        for (int i = 0; i < ASSETS; i++) {
            if (store_has_object(s, var->sha[i], var->sizes[i]))
                continue;
            if (i == ASSETS - 1)
                adopt_big(s, var, i);
            else if (store_put_object(s, var->sha[i], var->sizes[i], var->bytes[i], var->sizes[i], err, sizeof err) !=
                     0)
                die("put: %s", err);
        }
        if (store_commit(s, var->json, var->len, NULL, 0, var->feed, time(NULL), NULL, 0, err, sizeof err) != 0)
            die("commit: %s", err);
        snprintf(status, sizeof status, "{\"variant\": %d}\n", v % VARIANTS);
        if (store_write_status(s, status, err, sizeof err) != 0)
            die("status: %s", err);
    }
}

static void report_bad(void *ctx, const char *message)
{
    fprintf(stderr, "  %s\n", message);
}

static int failures;

static void bad(int kill_no, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fprintf(stderr, "store_crash: kill %d: ", kill_no);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    failures++;
}

/* Checks one version folder; returns its variant or -1. */
static int check_version(int k, const char *what, const char *path)
{
    char err[1024];
    struct feed *feed = feed_load_dir(path, err, sizeof err);
    int v;

    if (!feed) {
        bad(k, "%s %s does not load: %s", what, path, err);
        return -1;
    }
    if (feed_verify_assets(feed, path, report_bad, NULL) != 0)
        bad(k, "%s %s: assets differ from their pins", what, path);
    feed_free(feed);
    v = variant_of(path);
    if (v < 0)
        bad(k, "%s %s: feed.json is none of the committed feeds", what, path);
    return v;
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    if (!d)
        return (size_t)-1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static void check_status(int k, const char *dir)
{
    char *path = path_fmt("%s/status.json", dir), *text = NULL;
    size_t len = 0;
    int v = -1;

    if (path && feed_read_file(path, 4096, &text, &len) == 0) {
        if (sscanf(text, "{\"variant\": %d}\n", &v) != 1 || v < 0 || v >= VARIANTS || text[len - 1] != '\n')
            bad(k, "status.json is not whole: \"%s\"", text);
    } else if (errno != ENOENT) {
        bad(k, "status.json unreadable (%s)", strerror(errno));
    }
    free(text);
    free(path);
}

struct tally {
    int none, per_variant[VARIANTS], switches;
    char last[STORE_VERSION_MAX];
};

/* The parent's look at the store after a kill. */
static void check_store(int k, const char *dir, struct tally *t)
{
    struct store *s = NULL;
    char err[512], path[4096], name[STORE_VERSION_MAX];
    size_t n;
    int v;

    if (store_open(&s, dir, err, sizeof err) != 0) {
        bad(k, "open: %s", err);
        return;
    }
    n = count_entries(store_tmp_dir(s));
    if (n != 0)
        bad(k, "tmp/ still holds %zu entries after open", n);
    {
        char *versions = path_fmt("%s/versions", dir);
        n = versions ? count_entries(versions) : 0;
        free(versions);
        if (n > 2)
            bad(k, "versions/ holds %zu folders after open", n);
    }
    if (store_current(s, path, sizeof path) != 0) {
        if (t->last[0])
            bad(k, "no current version after one was committed");
        t->none++;
    } else {
        v = check_version(k, "current", path);
        if (v >= 0)
            t->per_variant[v]++;
        if (store_current_name(s, name, sizeof name) == 0 && strcmp(name, t->last) != 0) {
            t->switches++;
            snprintf(t->last, sizeof t->last, "%s", name);
        }
    }
    if (store_previous(s, path, sizeof path) == 0)
        check_version(k, "previous", path);
    check_status(k, dir);
    store_close(s);
}

static void sleep_us(long us)
{
    struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int main(int argc, char **argv)
{
    const char *dir;
    int kills = 200;
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    struct tally t = { 0 };

    if (argc < 2 || argc > 4)
        die("usage: store_crash STATE_DIR [N [SEED]]");
    dir = argv[1];
    if (argc > 2)
        kills = atoi(argv[2]);
    if (argc > 3)
        seed = (unsigned)strtoul(argv[3], NULL, 10);
    if (kills <= 0)
        die("N must be a positive number");
    srand(seed);
    for (int v = 0; v < VARIANTS; v++)
        make_variant(v);

    for (int k = 1; k <= kills; k++) {
        long us = rand() % (MAX_SLEEP_US + 1);
        int wstatus;
        pid_t pid = fork();

        if (pid < 0)
            die("fork: %s", strerror(errno));
        if (pid == 0) {
            child(dir);
            _exit(0);
        }
        sleep_us(us);
        kill(pid, SIGKILL);
        if (waitpid(pid, &wstatus, 0) != pid)
            die("waitpid: %s", strerror(errno));
        if (!(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL))
            bad(k, "the child ended by itself (status %d) before the kill", wstatus);
        check_store(k, dir, &t);
    }

    printf("store_crash: %d kills, %d failures; current after the kill: none %d, A %d, B %d, C %d, D %d; "
           "%d switches seen; seed %u\n",
           kills, failures, t.none, t.per_variant[0], t.per_variant[1], t.per_variant[2], t.per_variant[3],
           t.switches, seed);
    for (int v = 0; v < VARIANTS; v++) {
        for (int i = 0; i < ASSETS; i++)
            free(variants[v].bytes[i]);
        free(variants[v].json);
        feed_free(variants[v].feed);
    }
    return failures ? 1 : 0;
}
