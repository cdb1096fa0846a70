/* The content store (app/core/store*.c, durable.c): objects, commits,
 * pointers, garbage collection and the clean-up after a crash. Every test
 * works in a fresh mkdtemp directory under /tmp, removed afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/feed.h"
#include "core/sha256.h"
#include "core/store.h"
#include "core/store_priv.h"

#define assert_contains(s, sub)                                                                                    \
    do {                                                                                                           \
        if (!strstr((s), (sub)))                                                                                   \
            fail_msg("expected \"%s\" in \"%s\"", (sub), (s));                                                     \
    } while (0)

/* A fixed clock: versions made in the same second must still differ. */
#define NOW ((time_t)1795334462) /* 2026-11-22 08:01:02 UTC */

struct fx {
    char root[64];  /* mkdtemp */
    char *dir;      /* root/state: store_open creates it */
    struct store *s;
};

/* One asset of a test feed. */
struct tasset {
    const char *path;
    const char *bytes;
};

/* A feed.json text listing `assets`, with its parse. */
struct tfeed {
    char *json;
    size_t len;
    struct feed *feed;
};

static struct tfeed make_feed(const char *title, const struct tasset *assets, size_t n)
{
    struct tfeed t = { 0 };
    char err[512] = "";
    FILE *f = open_memstream(&t.json, &t.len);

    assert_non_null(f);
    fprintf(f, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"%s\",\n", title);
    fprintf(f, " \"_qingfeng\": {\"format\": 1, \"assets\": [");
    for (size_t i = 0; i < n; i++) {
        char hex[SHA256_HEX_LEN + 1];
        assert_int_equal(sha256_hex_buffer(assets[i].bytes, strlen(assets[i].bytes), hex), 0);
        fprintf(f, "%s\n  {\"path\": \"%s\", \"size\": %zu, \"sha256\": \"%s\"}", i ? "," : "", assets[i].path,
                strlen(assets[i].bytes), hex);
    }
    fprintf(f, "]},\n \"items\": [{\"id\": \"maxim-1\", \"content_text\": \"清心为治本。%s\",\n", title);
    fprintf(f, "  \"_qingfeng\": {\"kind\": \"maxim\"}}]}\n");
    assert_int_equal(fclose(f), 0);
    t.feed = feed_parse(t.json, t.len, "feed.json", err, sizeof err);
    if (!t.feed)
        fail_msg("fixture feed does not parse: %s", err);
    return t;
}

static void tfeed_free(struct tfeed *t)
{
    free(t->json);
    feed_free(t->feed);
}

static void put_all(struct store *s, const struct tasset *assets, size_t n)
{
    char err[512] = "";

    for (size_t i = 0; i < n; i++) {
        char hex[SHA256_HEX_LEN + 1];
        size_t len = strlen(assets[i].bytes);
        assert_int_equal(sha256_hex_buffer(assets[i].bytes, len, hex), 0);
        if (store_put_object(s, hex, len, assets[i].bytes, len, err, sizeof err) != 0)
            fail_msg("put %s: %s", assets[i].path, err);
    }
}

/* Puts the assets and commits; returns the version name in `name`. */
static void commit_ok(struct store *s, const struct tfeed *t, const struct tasset *assets, size_t n, char *name)
{
    char err[512] = "";

    put_all(s, assets, n);
    if (store_commit(s, t->json, t->len, NULL, 0, t->feed, NOW, name, STORE_VERSION_MAX, err, sizeof err) != 0)
        fail_msg("commit: %s", err);
}

/* Three feeds; B shares lotus.svg with A, C shares nothing. */
static const struct tasset assets_a[] = {
    { "images/lotus.svg", "<svg>lotus</svg>\n" },
    { "images/deep/bamboo.svg", "<svg>bamboo A</svg>\n" },
};
static const struct tasset assets_b[] = {
    { "images/lotus.svg", "<svg>lotus</svg>\n" },
    { "images/deep/bamboo.svg", "<svg>bamboo B, longer</svg>\n" },
    { "plum.png", "not really a png" },
};
static const struct tasset assets_c[] = {
    { "images/lotus.svg", "<svg>another lotus</svg>\n" },
};
#define N(a) (sizeof(a) / sizeof(a)[0])

static int setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    char err[512] = "";

    assert_non_null(fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/qf-store-XXXXXX");
    assert_non_null(mkdtemp(fx->root));
    fx->dir = path_fmt("%s/state", fx->root);
    assert_non_null(fx->dir);
    if (store_open(&fx->s, fx->dir, err, sizeof err) != 0)
        fail_msg("open: %s", err);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fx *fx = *state;

    store_close(fx->s);
    assert_int_equal(dur_remove_tree(fx->root), 0);
    free(fx->dir);
    free(fx);
    return 0;
}

/* Closes and opens the store again, as after a restart. */
static void reopen(struct fx *fx)
{
    char err[512] = "";

    store_close(fx->s);
    fx->s = NULL;
    if (store_open(&fx->s, fx->dir, err, sizeof err) != 0)
        fail_msg("reopen: %s", err);
}

static char *sub(const struct fx *fx, const char *rel)
{
    char *p = path_fmt("%s/%s", fx->dir, rel);

    assert_non_null(p);
    return p;
}

static bool exists(const struct fx *fx, const char *rel)
{
    struct stat st;
    char *p = sub(fx, rel);
    bool ok = lstat(p, &st) == 0;

    free(p);
    return ok;
}

static bool is_dir(const struct fx *fx, const char *rel)
{
    struct stat st;
    char *p = sub(fx, rel);
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

    free(p);
    return ok;
}

/* Number of entries of a folder of the state directory. */
static size_t count_entries(const struct fx *fx, const char *rel)
{
    char *p = sub(fx, rel);
    DIR *d = opendir(p);
    struct dirent *e;
    size_t n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    free(p);
    return n;
}

static void read_link(const struct fx *fx, const char *rel, char *out, size_t len)
{
    char *p = sub(fx, rel);
    ssize_t n = readlink(p, out, len - 1);

    free(p);
    assert_true(n > 0);
    out[n] = '\0';
}

static char *object_path(const struct fx *fx, const char *bytes)
{
    char hex[SHA256_HEX_LEN + 1];

    assert_int_equal(sha256_hex_buffer(bytes, strlen(bytes), hex), 0);
    return path_fmt("%s/objects/%s", fx->dir, hex);
}

static bool has_bytes(struct fx *fx, const char *bytes)
{
    char hex[SHA256_HEX_LEN + 1];

    assert_int_equal(sha256_hex_buffer(bytes, strlen(bytes), hex), 0);
    return store_has_object(fx->s, hex, strlen(bytes));
}

/* The current version loads with feed_load_dir and is `t`. */
static void assert_current_is(struct fx *fx, const struct tfeed *t, const char *name)
{
    char path[4096], err[512] = "", cur[STORE_VERSION_MAX];
    char *text = NULL;
    size_t len = 0;
    struct feed *loaded;

    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    assert_int_equal(store_current_name(fx->s, cur, sizeof cur), 0);
    if (name)
        assert_string_equal(cur, name);
    loaded = feed_load_dir(path, err, sizeof err);
    if (!loaded)
        fail_msg("current does not load: %s", err);
    assert_string_equal(loaded->title, t->feed->title);
    assert_int_equal(loaded->n_assets, t->feed->n_assets);
    for (size_t i = 0; i < t->feed->n_assets; i++) {
        assert_string_equal(loaded->assets[i].path, t->feed->assets[i].path);
        assert_string_equal(loaded->assets[i].sha256, t->feed->assets[i].sha256);
    }
    feed_free(loaded);
    assert_int_equal(feed_read_file(strcat(path, "/feed.json"), FEED_MAX_BYTES, &text, &len), 0);
    assert_int_equal(len, t->len);
    assert_memory_equal(text, t->json, len);
    free(text);
}

/* ---- opening -------------------------------------------------------------- */

static void test_open_creates_layout(void **state)
{
    struct fx *fx = *state;
    struct store *other = NULL;
    char err[512] = "", path[4096];

    assert_true(is_dir(fx, "objects"));
    assert_true(is_dir(fx, "versions"));
    assert_true(is_dir(fx, "tmp"));
    assert_string_equal(store_dir(fx->s), fx->dir);
    assert_int_equal(strncmp(store_tmp_dir(fx->s), fx->dir, strlen(fx->dir)), 0);
    assert_true(is_dir(fx, "tmp") && strstr(store_tmp_dir(fx->s), "/tmp") != NULL);
    assert_int_equal(store_current(fx->s, path, sizeof path), -1);
    assert_int_equal(store_previous(fx->s, path, sizeof path), -1);

    /* One process at a time. */
    assert_int_equal(store_open(&other, fx->dir, err, sizeof err), -1);
    assert_null(other);
    assert_contains(err, "in use by another process");
}

static void test_open_refuses_a_file(void **state)
{
    struct fx *fx = *state;
    struct store *other = NULL;
    char err[512] = "";
    char *file = path_fmt("%s/plain", fx->root);

    assert_int_equal(dur_write_new(file, "x", 1), 0);
    assert_int_equal(store_open(&other, file, err, sizeof err), -1);
    assert_null(other);
    assert_contains(err, "cannot create the folder");
    free(file);
}

/* ---- objects -------------------------------------------------------------- */

static void test_put_and_has_object(void **state)
{
    struct fx *fx = *state;
    const char *bytes = "<svg>lotus</svg>\n";
    size_t len = strlen(bytes);
    char hex[SHA256_HEX_LEN + 1], other[SHA256_HEX_LEN + 1], err[512] = "";
    char *path = object_path(fx, bytes);
    char *text = NULL;
    size_t n = 0;
    struct stat st;

    assert_int_equal(sha256_hex_buffer(bytes, len, hex), 0);
    assert_false(store_has_object(fx->s, hex, len));

    assert_int_equal(store_put_object(fx->s, hex, len, bytes, len, err, sizeof err), 0);
    assert_true(store_has_object(fx->s, hex, len));
    assert_int_equal(feed_read_file(path, 1024, &text, &n), 0);
    assert_int_equal(n, len);
    assert_memory_equal(text, bytes, len);
    free(text);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(count_entries(fx, "tmp"), 0);

    /* Wrong size: refused, nothing lands. */
    assert_int_equal(sha256_hex_buffer("abc", 3, other), 0);
    assert_int_equal(store_put_object(fx->s, other, 4, "abc", 3, err, sizeof err), -1);
    assert_string_equal(err, "size 3 differs from the pinned 4");
    /* Wrong bytes for the pin. */
    assert_int_equal(store_put_object(fx->s, other, 3, "abd", 3, err, sizeof err), -1);
    {
        char got[SHA256_HEX_LEN + 1], want[256];
        assert_int_equal(sha256_hex_buffer("abd", 3, got), 0);
        snprintf(want, sizeof want, "SHA-256 %s differs from the pinned %s", got, other);
        assert_string_equal(err, want);
    }
    assert_false(store_has_object(fx->s, other, 3));
    assert_int_equal(count_entries(fx, "objects"), 1);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    /* Not a hash at all. */
    assert_int_equal(store_put_object(fx->s, "ABC", 3, "abc", 3, err, sizeof err), -1);
    assert_contains(err, "is not a SHA-256");
    assert_false(store_has_object(fx->s, "../../etc/passwd", 3));

    /* Present with another size: damaged; removed and reported absent. */
    assert_false(store_has_object(fx->s, hex, len + 1));
    assert_int_equal(access(path, F_OK), -1);
    assert_false(store_has_object(fx->s, hex, len));
    free(path);
}

static void test_adopt_object_file(void **state)
{
    struct fx *fx = *state;
    const char *bytes = "a big download, in real life";
    size_t len = strlen(bytes);
    char hex[SHA256_HEX_LEN + 1], err[512] = "";
    char *tmp = path_fmt("%s/dl-1", store_tmp_dir(fx->s));
    char *obj = object_path(fx, bytes);
    struct stat st;

    assert_int_equal(sha256_hex_buffer(bytes, len, hex), 0);
    assert_int_equal(dur_write_new(tmp, bytes, len), 0);

    /* A pin it does not match: refused, the file stays for the caller. */
    assert_int_equal(store_adopt_object_file(fx->s, hex, len + 1, tmp, err, sizeof err), -1);
    assert_contains(err, "differs from the pinned");
    assert_int_equal(access(tmp, F_OK), 0);
    assert_false(store_has_object(fx->s, hex, len));
    {
        char wrong[SHA256_HEX_LEN + 1];
        assert_int_equal(sha256_hex_buffer("x", 1, wrong), 0);
        assert_int_equal(store_adopt_object_file(fx->s, wrong, len, tmp, err, sizeof err), -1);
        assert_contains(err, "SHA-256 ");
        assert_int_equal(access(tmp, F_OK), 0);
    }

    assert_int_equal(store_adopt_object_file(fx->s, hex, len, tmp, err, sizeof err), 0);
    assert_int_equal(access(tmp, F_OK), -1);
    assert_true(store_has_object(fx->s, hex, len));
    assert_int_equal(stat(obj, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    assert_int_equal(store_adopt_object_file(fx->s, hex, len, tmp, err, sizeof err), -1);
    assert_contains(err, "cannot open");
    free(tmp);
    free(obj);
}

/* ---- commits -------------------------------------------------------------- */

static void test_commit_builds_loadable_version(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char name[STORE_VERSION_MAX], err[512] = "", path[4096], link[256];
    const char sig[] = "untrusted comment: signature\nRWQ...\n";
    char *text = NULL, *obj;
    size_t len = 0;
    struct stat st_obj, st_asset;

    put_all(fx->s, assets_a, N(assets_a));
    assert_int_equal(store_commit(fx->s, a.json, a.len, sig, strlen(sig), a.feed, NOW, name, sizeof name, err,
                                  sizeof err),
                     0);
    /* "20261122T080102Z-" and 12 hex digits of the feed.json SHA-256. */
    {
        char hex[SHA256_HEX_LEN + 1], want[STORE_VERSION_MAX];
        assert_int_equal(sha256_hex_buffer(a.json, a.len, hex), 0);
        snprintf(want, sizeof want, "20261122T080102Z-%.12s", hex);
        assert_string_equal(name, want);
    }
    assert_current_is(fx, &a, name);
    read_link(fx, "current", link, sizeof link);
    assert_string_equal(link, strcat(strcpy(path, "versions/"), name));
    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    {
        char want[4096];
        snprintf(want, sizeof want, "%s/versions/%s", fx->dir, name);
        assert_string_equal(path, want);
    }
    assert_int_equal(store_current(fx->s, path, 10), -2);
    assert_int_equal(store_previous(fx->s, path, sizeof path), -1);

    /* The signature is kept next to feed.json. */
    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    assert_int_equal(feed_read_file(strcat(path, "/feed.json.minisig"), 4096, &text, &len), 0);
    assert_int_equal(len, strlen(sig));
    assert_memory_equal(text, sig, len);
    free(text);

    /* Assets are hard links to their objects. */
    obj = object_path(fx, assets_a[1].bytes);
    assert_int_equal(stat(obj, &st_obj), 0);
    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    assert_int_equal(stat(strcat(path, "/images/deep/bamboo.svg"), &st_asset), 0);
    assert_int_equal(st_obj.st_ino, st_asset.st_ino);
    free(obj);

    assert_int_equal(count_entries(fx, "tmp"), 0);
    assert_int_equal(count_entries(fx, "versions"), 1);
    assert_false(exists(fx, "current.tmp"));
    tfeed_free(&a);
}

static void test_commit_copies_when_links_fail(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char name[STORE_VERSION_MAX], path[4096];
    char *obj = object_path(fx, assets_a[0].bytes);
    struct stat st_obj, st_asset;

    fx->s->copy_only = true;
    commit_ok(fx->s, &a, assets_a, N(assets_a), name);
    assert_current_is(fx, &a, name);
    assert_int_equal(stat(obj, &st_obj), 0);
    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    assert_int_equal(stat(strcat(path, "/images/lotus.svg"), &st_asset), 0);
    assert_int_not_equal(st_obj.st_ino, st_asset.st_ino);
    assert_int_equal(st_asset.st_nlink, 1);
    assert_int_equal(st_asset.st_mode & 0777, 0644);
    free(obj);
    tfeed_free(&a);
}

static void test_pointers_and_gc_over_three_commits(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    struct tfeed c = make_feed("C", assets_c, N(assets_c));
    char va[STORE_VERSION_MAX], vb[STORE_VERSION_MAX], vc[STORE_VERSION_MAX], prev[STORE_VERSION_MAX];
    char link[256], want[256], path[4096];

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    assert_current_is(fx, &a, va);
    assert_false(exists(fx, "previous"));
    assert_int_equal(store_previous_name(fx->s, prev, sizeof prev), -1);

    commit_ok(fx->s, &b, assets_b, N(assets_b), vb);
    assert_string_not_equal(va, vb);
    assert_current_is(fx, &b, vb);
    read_link(fx, "previous", link, sizeof link);
    snprintf(want, sizeof want, "versions/%s", va);
    assert_string_equal(link, want);
    assert_int_equal(store_previous_name(fx->s, prev, sizeof prev), 0);
    assert_string_equal(prev, va);
    assert_int_equal(count_entries(fx, "versions"), 2);
    /* A's bamboo, B's bamboo, the shared lotus, B's plum. */
    assert_int_equal(count_entries(fx, "objects"), 4);

    commit_ok(fx->s, &c, assets_c, N(assets_c), vc);
    assert_current_is(fx, &c, vc);
    read_link(fx, "current", link, sizeof link);
    snprintf(want, sizeof want, "versions/%s", vc);
    assert_string_equal(link, want);
    read_link(fx, "previous", link, sizeof link);
    snprintf(want, sizeof want, "versions/%s", vb);
    assert_string_equal(link, want);

    /* Exactly current and previous are kept, and exactly their objects. */
    assert_int_equal(count_entries(fx, "versions"), 2);
    snprintf(want, sizeof want, "versions/%s", va);
    assert_false(exists(fx, want));
    assert_int_equal(count_entries(fx, "objects"), 4);
    assert_true(has_bytes(fx, assets_b[0].bytes));
    assert_true(has_bytes(fx, assets_b[1].bytes));
    assert_true(has_bytes(fx, assets_b[2].bytes));
    assert_true(has_bytes(fx, assets_c[0].bytes));
    assert_false(has_bytes(fx, assets_a[1].bytes));

    /* Previous still loads: its files are its own links. */
    assert_int_equal(store_previous(fx->s, path, sizeof path), 0);
    {
        char err[512] = "";
        struct feed *loaded = feed_load_dir(path, err, sizeof err);
        if (!loaded)
            fail_msg("previous does not load: %s", err);
        assert_string_equal(loaded->title, "B");
        feed_free(loaded);
    }
    tfeed_free(&a);
    tfeed_free(&b);
    tfeed_free(&c);
}

/* A screen still showing A while B and C arrive keeps A's folder whole;
 * once it shows C, the next commit removes A. */
static void test_shown_version_survives_two_commits(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    struct tfeed c = make_feed("C", assets_c, N(assets_c));
    struct tfeed d = make_feed("D", assets_c, N(assets_c));
    char va[STORE_VERSION_MAX], vb[STORE_VERSION_MAX], vc[STORE_VERSION_MAX], vd[STORE_VERSION_MAX];
    char path[4096], rel[128], err[512] = "";

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    store_keep_shown(fx->s, path);
    commit_ok(fx->s, &b, assets_b, N(assets_b), vb);
    commit_ok(fx->s, &c, assets_c, N(assets_c), vc);
    assert_int_equal(count_entries(fx, "versions"), 3);
    struct feed *loaded = feed_load_dir(path, err, sizeof err);
    if (!loaded)
        fail_msg("the shown version does not load: %s", err);
    assert_string_equal(loaded->title, "A");
    feed_free(loaded);
    /* Its picture files are still there to draw. */
    snprintf(rel, sizeof rel, "versions/%s/images/deep/bamboo.svg", va);
    assert_true(exists(fx, rel));

    assert_int_equal(store_current(fx->s, path, sizeof path), 0);
    store_keep_shown(fx->s, path);
    commit_ok(fx->s, &d, assets_c, N(assets_c), vd);
    assert_int_equal(count_entries(fx, "versions"), 2);
    snprintf(rel, sizeof rel, "versions/%s", va);
    assert_false(exists(fx, rel));
    snprintf(rel, sizeof rel, "versions/%s", vb);
    assert_false(exists(fx, rel));

    /* A folder outside the store names nothing. */
    store_keep_shown(fx->s, "/usr/share/qingfeng/feed");
    store_keep_shown(fx->s, NULL);
    tfeed_free(&a);
    tfeed_free(&b);
    tfeed_free(&c);
    tfeed_free(&d);
}

static void test_identical_commit_is_a_no_op(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char v1[STORE_VERSION_MAX], v2[STORE_VERSION_MAX], v3[STORE_VERSION_MAX], err[512] = "";

    commit_ok(fx->s, &a, assets_a, N(assets_a), v1);
    assert_int_equal(store_commit(fx->s, a.json, a.len, NULL, 0, a.feed, NOW + 60, v2, sizeof v2, err, sizeof err), 0);
    assert_string_equal(v1, v2);
    assert_int_equal(count_entries(fx, "versions"), 1);
    assert_false(exists(fx, "previous"));

    /* Same bytes with a new signature is new content for the screen. */
    assert_int_equal(store_commit(fx->s, a.json, a.len, "sig", 3, a.feed, NOW + 60, v3, sizeof v3, err, sizeof err),
                     0);
    assert_string_not_equal(v1, v3);
    assert_int_equal(count_entries(fx, "versions"), 2);
    tfeed_free(&a);
}

static void test_names_unique_within_a_second(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    char v1[STORE_VERSION_MAX], v2[STORE_VERSION_MAX], v3[STORE_VERSION_MAX], want[STORE_VERSION_MAX + 2];

    commit_ok(fx->s, &a, assets_a, N(assets_a), v1);
    commit_ok(fx->s, &b, assets_b, N(assets_b), v2);
    commit_ok(fx->s, &a, assets_a, N(assets_a), v3); /* A again, while A's folder is previous */
    snprintf(want, sizeof want, "%s-2", v1);
    assert_string_equal(v3, want);
    assert_current_is(fx, &a, v3);
    {
        char prev[STORE_VERSION_MAX];
        assert_int_equal(store_previous_name(fx->s, prev, sizeof prev), 0);
        assert_string_equal(prev, v2);
    }
    tfeed_free(&a);
    tfeed_free(&b);
}

static void test_missing_object_leaves_current(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    char va[STORE_VERSION_MAX], vb[STORE_VERSION_MAX] = "", err[512] = "";

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    put_all(fx->s, assets_b, 2); /* not plum.png */
    assert_int_equal(store_commit(fx->s, b.json, b.len, NULL, 0, b.feed, NOW, vb, sizeof vb, err, sizeof err), -1);
    assert_contains(err, "plum.png: object ");
    assert_contains(err, "is not in the store");
    assert_string_equal(vb, "");
    assert_current_is(fx, &a, va);
    assert_int_equal(count_entries(fx, "versions"), 1);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    assert_false(exists(fx, "previous"));
    tfeed_free(&a);
    tfeed_free(&b);
}

static void test_damaged_object_is_refused_and_dropped(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed c = make_feed("C", assets_c, N(assets_c));
    char va[STORE_VERSION_MAX], err[512] = "";
    char *obj = object_path(fx, assets_c[0].bytes);
    char *bad = strdup(assets_c[0].bytes);

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    put_all(fx->s, assets_c, N(assets_c));
    /* Same size, other bytes: only the hash tells. */
    bad[1] = 'X';
    assert_int_equal(unlink(obj), 0);
    assert_int_equal(dur_write_new(obj, bad, strlen(bad)), 0);
    assert_int_equal(store_commit(fx->s, c.json, c.len, NULL, 0, c.feed, NOW, NULL, 0, err, sizeof err), -1);
    assert_contains(err, "does not load");
    assert_contains(err, "images/lotus.svg");
    assert_false(has_bytes(fx, assets_c[0].bytes));
    assert_current_is(fx, &a, va);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    assert_int_equal(count_entries(fx, "versions"), 1);
    free(bad);
    free(obj);
    tfeed_free(&a);
    tfeed_free(&c);
}

static void test_unsafe_asset_path_refused(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char err[512] = "", *saved;

    put_all(fx->s, assets_a, N(assets_a));
    /* feed_parse refuses such paths; the store does not rely on it. */
    saved = a.feed->assets[0].path;
    a.feed->assets[0].path = (char *)"../../escape.svg";
    assert_int_equal(store_commit(fx->s, a.json, a.len, NULL, 0, a.feed, NOW, NULL, 0, err, sizeof err), -1);
    assert_contains(err, "is not a safe relative path");
    /* Nor may an asset stand in for the signature. */
    a.feed->assets[0].path = (char *)"feed.json.minisig";
    assert_int_equal(store_commit(fx->s, a.json, a.len, NULL, 0, a.feed, NOW, NULL, 0, err, sizeof err), -1);
    assert_contains(err, "is the name of the feed's own file");
    a.feed->assets[0].path = saved;
    assert_int_equal(count_entries(fx, "versions"), 0);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    assert_false(exists(fx, "current"));
    tfeed_free(&a);
}

static void test_small_version_buffer_refused(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char name[8], err[512] = "";

    put_all(fx->s, assets_a, N(assets_a));
    assert_int_equal(store_commit(fx->s, a.json, a.len, NULL, 0, a.feed, NOW, name, sizeof name, err, sizeof err),
                     -1);
    assert_contains(err, "room for the version name");
    assert_false(exists(fx, "current"));
    tfeed_free(&a);
}

/* ---- after a crash -------------------------------------------------------- */

static void write_rel(struct fx *fx, const char *rel, const char *text)
{
    char *p = sub(fx, rel);

    assert_int_equal(dur_write_new(p, text, strlen(text)), 0);
    free(p);
}

static void mkdir_rel(struct fx *fx, const char *rel)
{
    char *p = sub(fx, rel);

    assert_int_equal(mkdir(p, 0755), 0);
    free(p);
}

static void test_crash_while_building(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char va[STORE_VERSION_MAX];

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    /* A version half built in tmp/ and a partial download. */
    mkdir_rel(fx, "tmp/v-Ab12Cd");
    mkdir_rel(fx, "tmp/v-Ab12Cd/images");
    write_rel(fx, "tmp/v-Ab12Cd/feed.json", "{\"version\": \"https://jsonfeed.org/ver");
    write_rel(fx, "tmp/dl-3", "partial");
    reopen(fx);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    assert_current_is(fx, &a, va);
    tfeed_free(&a);
}

static void test_crash_before_switch(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    char va[STORE_VERSION_MAX];

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    /* Renamed into versions/ but never made current. */
    mkdir_rel(fx, "versions/20990101T000000Z-0123456789ab");
    write_rel(fx, "versions/20990101T000000Z-0123456789ab/feed.json", "{}");
    write_rel(fx, "versions/stray-file", "x");
    reopen(fx);
    assert_int_equal(count_entries(fx, "versions"), 1);
    assert_current_is(fx, &a, va);
    /* Objects are kept for a download to resume. */
    assert_true(has_bytes(fx, assets_a[0].bytes));
    tfeed_free(&a);
}

static void test_crash_during_switch(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    char va[STORE_VERSION_MAX], vb[STORE_VERSION_MAX], target[256];
    char *tmp_link = sub(fx, "current.tmp"), *prev_tmp = sub(fx, "previous.tmp");

    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    commit_ok(fx->s, &b, assets_b, N(assets_b), vb);
    /* A new version and the link that was about to replace current. */
    mkdir_rel(fx, "versions/20990101T000000Z-0123456789ab");
    assert_int_equal(symlink("versions/20990101T000000Z-0123456789ab", tmp_link), 0);
    snprintf(target, sizeof target, "versions/%s", vb);
    assert_int_equal(symlink(target, prev_tmp), 0);
    reopen(fx);
    assert_false(exists(fx, "current.tmp"));
    assert_false(exists(fx, "previous.tmp"));
    assert_int_equal(count_entries(fx, "versions"), 2);
    assert_current_is(fx, &b, vb);
    free(tmp_link);
    free(prev_tmp);
    tfeed_free(&a);
    tfeed_free(&b);
}

static void test_foreign_link_is_not_a_version(void **state)
{
    struct fx *fx = *state;
    char *cur = sub(fx, "current");
    char path[4096];

    assert_int_equal(symlink("/etc", cur), 0);
    reopen(fx);
    assert_int_equal(store_current(fx->s, path, sizeof path), -1);
    assert_int_equal(unlink(cur), 0);
    assert_int_equal(symlink("versions/../../x", cur), 0);
    assert_int_equal(store_current(fx->s, path, sizeof path), -1);
    assert_int_equal(unlink(cur), 0);
    assert_int_equal(symlink("versions/missing", cur), 0);
    assert_int_equal(store_current(fx->s, path, sizeof path), -1);
    free(cur);
}

/* ---- rollback and status ---------------------------------------------------- */

static void test_rollback(void **state)
{
    struct fx *fx = *state;
    struct tfeed a = make_feed("A", assets_a, N(assets_a));
    struct tfeed b = make_feed("B", assets_b, N(assets_b));
    char va[STORE_VERSION_MAX], vb[STORE_VERSION_MAX], prev[STORE_VERSION_MAX], err[512] = "";

    assert_int_equal(store_rollback(fx->s, err, sizeof err), -1);
    assert_contains(err, "no previous version");
    commit_ok(fx->s, &a, assets_a, N(assets_a), va);
    assert_int_equal(store_rollback(fx->s, err, sizeof err), -1);

    commit_ok(fx->s, &b, assets_b, N(assets_b), vb);
    assert_int_equal(store_rollback(fx->s, err, sizeof err), 0);
    assert_current_is(fx, &a, va);
    assert_int_equal(store_previous_name(fx->s, prev, sizeof prev), 0);
    assert_string_equal(prev, vb);

    /* Survives a restart, and B can come back. */
    reopen(fx);
    assert_current_is(fx, &a, va);
    assert_int_equal(count_entries(fx, "versions"), 2);
    assert_int_equal(store_rollback(fx->s, err, sizeof err), 0);
    assert_current_is(fx, &b, vb);
    tfeed_free(&a);
    tfeed_free(&b);
}

static void test_write_status(void **state)
{
    struct fx *fx = *state;
    char err[512] = "", *text = NULL;
    char *path = sub(fx, "status.json");
    size_t len = 0;
    struct stat st1, st2;

    assert_int_equal(store_write_status(fx->s, "{\"sync\": \"ok\"}\n", err, sizeof err), 0);
    assert_int_equal(feed_read_file(path, 4096, &text, &len), 0);
    assert_string_equal(text, "{\"sync\": \"ok\"}\n");
    free(text);
    assert_int_equal(stat(path, &st1), 0);
    assert_int_equal(st1.st_mode & 0777, 0644);

    assert_int_equal(store_write_status(fx->s, "{\"sync\": \"failed\"}\n", err, sizeof err), 0);
    assert_int_equal(feed_read_file(path, 4096, &text, &len), 0);
    assert_string_equal(text, "{\"sync\": \"failed\"}\n");
    free(text);
    /* A new file renamed into place, not the old one rewritten: a reader
     * holding the old file sees it whole. */
    assert_int_equal(stat(path, &st2), 0);
    assert_int_not_equal(st1.st_ino, st2.st_ino);
    assert_int_equal(count_entries(fx, "tmp"), 0);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_refuses_a_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_and_has_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_adopt_object_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_builds_loadable_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commit_copies_when_links_fail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pointers_and_gc_over_three_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shown_version_survives_two_commits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_identical_commit_is_a_no_op, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_unique_within_a_second, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_object_leaves_current, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_object_is_refused_and_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsafe_asset_path_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_version_buffer_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_while_building, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_before_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_during_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_link_is_not_a_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_status, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
