/* The signature of a feed folder (app/core/feed_sig.c): the feed in
 * tests/unit/data/minisign/feed was signed by key A with minisign 0.11
 * (see that folder's README.md). Each bad case works on a copy in a fresh
 * mkdtemp folder.
 *
 * Run from the repository root (make unit does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/feed.h"
#include "core/feed_sig.h"
#include "core/minisign.h"

#define GOOD "tests/unit/data/minisign/feed"
#define KEY_A "RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd"
#define KEY_B "RWT6fnBUGGNmkh74QKdrk4bKLqKi0v8+gzAiWrMvhf6R5x7kMCSkaLSM"
#define COMMENT "timestamp:1795334744\tfile:feed.json\thashed"

struct folder {
    char dir[64];
};

static struct minisign_key key_of(const char *text)
{
    struct minisign_key k;
    char err[512] = "";

    if (minisign_key_parse(text, &k, err, sizeof err) != 0)
        fail_msg("key does not parse: %s", err);
    return k;
}

static void copy_file(const char *from, const char *to)
{
    char buf[65536];
    FILE *in = fopen(from, "rb"), *out;
    size_t n;

    if (!in)
        fail_msg("cannot open %s (run the tests from the repository root)", from);
    out = fopen(to, "wb");
    assert_non_null(out);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* A copy of the good feed folder. */
static void copy_good(struct folder *f)
{
    char to[128];

    snprintf(f->dir, sizeof f->dir, "/tmp/qf-feed-sig-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(to, sizeof to, "%s/images", f->dir);
    assert_int_equal(mkdir(to, 0755), 0);
    snprintf(to, sizeof to, "%s/feed.json", f->dir);
    copy_file(GOOD "/feed.json", to);
    snprintf(to, sizeof to, "%s/feed.json.minisig", f->dir);
    copy_file(GOOD "/feed.json.minisig", to);
    snprintf(to, sizeof to, "%s/images/dot.svg", f->dir);
    copy_file(GOOD "/images/dot.svg", to);
}

static void remove_folder(struct folder *f)
{
    static const char *const files[] = { "feed.json", "feed.json.minisig", "images/dot.svg" };
    char path[128];

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/images", f->dir);
    rmdir(path);
    assert_int_equal(rmdir(f->dir), 0);
}

/* Appends `text` to DIR/name. */
static void append(const struct folder *f, const char *name, const char *text)
{
    char path[128];
    FILE *out;

    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    out = fopen(path, "ab");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
}

/* Verifies the folder with key, expecting the one message `id` about the
 * file DIR/name, which must start with `text` after "DIR/name: ". */
static void expect_fails(const char *dir, const char *key, enum msg_lang lang, const char *name, enum msg_id id,
                         const char *text)
{
    struct minisign_key k = key_of(key);
    struct diag d = { .lang = lang };
    char tc[256] = "junk", prefix[256];

    assert_int_equal(feed_sig_verify_dir(dir, &k, tc, sizeof tc, &d), -1);
    assert_string_equal(tc, "");
    assert_int_equal(d.n, 1);
    if (d.ids[0] != id)
        fail_msg("got %s, want %s: %s", msg_name(d.ids[0]), msg_name(id), d.lines[0]);
    snprintf(prefix, sizeof prefix, "%s/%s: %s", dir, name, text);
    if (strncmp(d.lines[0], prefix, strlen(prefix)) != 0)
        fail_msg("\"%s\" does not start with \"%s\"", d.lines[0], prefix);
    diag_free(&d);
}

static void good_folder(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct diag d = { 0 };
    char tc[256];
    struct feed *feed;

    assert_int_equal(feed_sig_verify_dir(GOOD, &a, tc, sizeof tc, &d), 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(tc, COMMENT);
    /* and it is a good feed */
    feed = feed_load_dir(GOOD, tc, sizeof tc);
    assert_non_null(feed);
    assert_int_equal(feed->n_items, 1);
    assert_int_equal(feed->n_assets, 1);
    feed_free(feed);
}

static void other_key(void **state)
{
    expect_fails(GOOD, KEY_B, MSG_LANG_EN, "feed.json.minisig", MSG_SIG_KEY_MISMATCH,
                 "signed with key id B9ABAB4E7A77F7D1, but the configured key is 9266631854707EFA; ");
    expect_fails(GOOD, KEY_B, MSG_LANG_ZH, "feed.json.minisig", MSG_SIG_KEY_MISMATCH,
                 "签名所用密钥的编号是 B9ABAB4E7A77F7D1，但配置的公钥编号是 9266631854707EFA");
}

static void missing_signature(void **state)
{
    struct folder f;
    char path[128];

    copy_good(&f);
    snprintf(path, sizeof path, "%s/feed.json.minisig", f.dir);
    assert_int_equal(unlink(path), 0);
    expect_fails(f.dir, KEY_A, MSG_LANG_EN, "feed.json.minisig", MSG_SIG_MISSING,
                 "cannot read the signature (No such file or directory); sign the feed in its folder with "
                 "minisign -Sm feed.json, which writes feed.json.minisig");
    expect_fails(f.dir, KEY_A, MSG_LANG_ZH, "feed.json.minisig", MSG_SIG_MISSING,
                 "无法读取签名文件（文件或文件夹不存在）；请在内容包文件夹里运行 minisign -Sm feed.json");
    remove_folder(&f);
}

/* One more space in feed.json: still a good feed, no longer the signed one. */
static void changed_feed(void **state)
{
    struct folder f;
    char err[512];
    struct feed *feed;

    copy_good(&f);
    append(&f, "feed.json", " ");
    feed = feed_load_dir(f.dir, err, sizeof err);
    assert_non_null(feed);
    feed_free(feed);
    expect_fails(f.dir, KEY_A, MSG_LANG_EN, "feed.json.minisig", MSG_SIG_BAD,
                 "the signature does not match the file: ");
    remove_folder(&f);
}

/* A changed picture leaves the signature good (feed.json is unchanged);
 * its pinned SHA-256 is what refuses it, in feed_load_dir. */
static void changed_asset(void **state)
{
    struct folder f;
    struct minisign_key a = key_of(KEY_A);
    struct diag d = { 0 };
    char err[512];

    copy_good(&f);
    append(&f, "images/dot.svg", "<!-- -->");
    assert_int_equal(feed_sig_verify_dir(f.dir, &a, NULL, 0, &d), 0);
    assert_null(feed_load_dir(f.dir, err, sizeof err));
    assert_non_null(strstr(err, "images/dot.svg: size is "));
    remove_folder(&f);
}

static void missing_feed(void **state)
{
    struct folder f;
    char path[128];

    copy_good(&f);
    snprintf(path, sizeof path, "%s/feed.json", f.dir);
    assert_int_equal(unlink(path), 0);
    expect_fails(f.dir, KEY_A, MSG_LANG_EN, "feed.json", MSG_FEED_CANNOT_READ,
                 "cannot read: No such file or directory; ");
    remove_folder(&f);
}

static void oversize_signature(void **state)
{
    struct folder f;
    char pad[1025];

    copy_good(&f);
    memset(pad, '\n', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    for (int i = 0; i < 4; i++)
        append(&f, "feed.json.minisig", pad); /* 304 + 4096 bytes */
    expect_fails(f.dir, KEY_A, MSG_LANG_EN, "feed.json.minisig", MSG_SIG_TOO_BIG, "the signature is over 4 KiB");
    remove_folder(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_folder),
        cmocka_unit_test(other_key),
        cmocka_unit_test(missing_signature),
        cmocka_unit_test(changed_feed),
        cmocka_unit_test(changed_asset),
        cmocka_unit_test(missing_feed),
        cmocka_unit_test(oversize_signature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
