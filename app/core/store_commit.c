/* store_commit: build a version in tmp/, move it into versions/, switch
 * the pointers. The order of the steps is the crash-safety argument (see
 * docs/architecture.md, "Content store"):
 *   1. tmp/v-XXXXXX gets feed.json, the signature and the asset links;
 *      every file and folder in it is fsynced;
 *   2. it is checked with feed_load_dir, as the kiosk will load it;
 *   3. rename to versions/<name>, fsync versions/: the version is whole on
 *      disk before anything points at it;
 *   4. previous -> old current, then current -> new, each a new symlink
 *      renamed over the old one and the state folder fsynced;
 *   5. only then are old versions and unused objects removed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/sha256.h"
#include "core/store_priv.h"

#define FEED_FILE "feed.json"
#define SIG_FILE "feed.json.minisig"

/* True when `path` holds exactly `len` bytes at `data`; with data NULL,
 * true when `path` does not exist. */
static bool file_is(const char *path, const char *data, size_t len)
{
    char *text = NULL;
    size_t n = 0;
    bool same;

    if (!data)
        return access(path, F_OK) != 0 && errno == ENOENT;
    if (feed_read_file(path, FEED_MAX_BYTES, &text, &n) != 0)
        return false;
    same = n == len && memcmp(text, data, len) == 0;
    free(text);
    return same;
}

static bool same_as_version(struct store *s, const char *name, const char *json, size_t len, const char *sig,
                            size_t sig_len)
{
    char *feed_path = path_fmt("%s/%s/" FEED_FILE, s->versions, name);
    char *sig_path = path_fmt("%s/%s/" SIG_FILE, s->versions, name);
    bool same = feed_path && sig_path && file_is(feed_path, json, len) && file_is(sig_path, sig, sig_len);

    free(feed_path);
    free(sig_path);
    return same;
}

static int check_assets(struct store *s, const struct feed *feed, char *err, size_t errlen)
{
    for (size_t i = 0; i < feed->n_assets; i++) {
        const struct feed_asset *as = &feed->assets[i];

        if (!feed_path_is_safe(as->path))
            return store_fail(err, errlen, "_qingfeng.assets[%zu]: \"%.200s\" is not a safe relative path", i,
                              as->path);
        if (strcmp(as->path, FEED_FILE) == 0 || strcmp(as->path, SIG_FILE) == 0)
            return store_fail(err, errlen, "_qingfeng.assets[%zu]: \"%s\" is the name of the feed's own file", i,
                              as->path);
        if (!sha256_hex_is_valid(as->sha256))
            return store_fail(err, errlen, "%s: \"%.80s\" is not a SHA-256", as->path, as->sha256);
        if (!store_has_object(s, as->sha256, as->size))
            return store_fail(err, errlen, "%s: object %s (%llu bytes) is not in the store; download it first",
                              as->path, as->sha256, (unsigned long long)as->size);
    }
    return 0;
}

/* A hard link to the object, or a copy where the file system refuses
 * links (EXDEV across mounts, EPERM on some, EMLINK when one object has
 * too many). */
static int place_asset(struct store *s, const char *dir, const struct feed_asset *as)
{
    char *obj = path_fmt("%s/%s", s->objects, as->sha256);
    char *dst = path_fmt("%s/%s", dir, as->path);
    int rc = -1, saved;

    if (!obj || !dst)
        goto out;
    if (dur_make_parents(dir, as->path) != 0)
        goto out;
    if (!s->copy_only && link(obj, dst) == 0) {
        rc = 0;
        goto out;
    }
    if (s->copy_only || errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP ||
        errno == EOPNOTSUPP || errno == ENOSYS || errno == EACCES)
        rc = dur_copy_file(obj, dst);
out:
    saved = errno;
    free(obj);
    free(dst);
    errno = saved;
    return rc;
}

/* Step 1. Returns the new folder under tmp/, or NULL with a message. */
static char *build_version(struct store *s, const char *json, size_t len, const char *sig, size_t sig_len,
                           const struct feed *feed, char *err, size_t errlen)
{
    char *dir = path_fmt("%s/v-XXXXXX", s->tmp), *path = NULL;

    if (!dir) {
        store_fail(err, errlen, "out of memory");
        return NULL;
    }
    if (!mkdtemp(dir) || chmod(dir, 0755) != 0) {
        store_fail(err, errlen, "%s: cannot create (%s)", dir, strerror(errno));
        goto fail;
    }
    path = path_fmt("%s/" FEED_FILE, dir);
    if (!path || dur_write_new(path, json, len) != 0) {
        store_fail(err, errlen, "%s/" FEED_FILE ": cannot write (%s)", dir, strerror(errno));
        goto fail;
    }
    free(path);
    path = NULL;
    if (sig) {
        path = path_fmt("%s/" SIG_FILE, dir);
        if (!path || dur_write_new(path, sig, sig_len) != 0) {
            store_fail(err, errlen, "%s/" SIG_FILE ": cannot write (%s)", dir, strerror(errno));
            goto fail;
        }
        free(path);
        path = NULL;
    }
    for (size_t i = 0; i < feed->n_assets; i++) {
        if (place_asset(s, dir, &feed->assets[i]) != 0) {
            store_fail(err, errlen, "%s/%s: cannot place the asset (%s)", dir, feed->assets[i].path,
                       strerror(errno));
            goto fail;
        }
    }
    if (dur_fsync_dirs_in(dir) != 0) {
        store_fail(err, errlen, "%s: cannot sync (%s)", dir, strerror(errno));
        goto fail;
    }
    return dir;
fail:
    free(path);
    dur_remove_tree(dir);
    free(dir);
    return NULL;
}

/* Step 2. A version the kiosk would refuse never becomes current; objects
 * whose bytes turn out damaged are dropped so the next sync fetches them. */
static int check_loads(struct store *s, const char *dir, const struct feed *feed, char *err, size_t errlen)
{
    char msg[1024];
    struct feed *loaded = feed_load_dir(dir, msg, sizeof msg);

    if (loaded) {
        feed_free(loaded);
        return 0;
    }
    store_drop_bad_objects(s, feed);
    return store_fail(err, errlen, "the new version does not load: %s", msg);
}

/* "<UTC time>-<12 hex of the feed.json SHA-256>", with "-N" added until
 * the name is free in versions/. */
static int free_name(struct store *s, const char *json, size_t len, time_t now, char name[STORE_VERSION_MAX])
{
    char hex[SHA256_HEX_LEN + 1], stamp[32];
    struct tm tm;

    if (sha256_hex_buffer(json, len, hex) != 0 || !gmtime_r(&now, &tm) ||
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
        return -1;
    for (unsigned n = 1; n < 1000; n++) {
        struct stat st;
        char *path;
        int taken;

        if (n == 1)
            snprintf(name, STORE_VERSION_MAX, "%s-%.12s", stamp, hex);
        else
            snprintf(name, STORE_VERSION_MAX, "%s-%.12s-%u", stamp, hex, n);
        path = path_fmt("%s/%s", s->versions, name);
        if (!path)
            return -1;
        taken = lstat(path, &st) == 0 || errno != ENOENT;
        free(path);
        if (!taken)
            return 0;
    }
    errno = EEXIST;
    return -1;
}

/* Steps 3 and 4. */
static int install(struct store *s, const char *build, const char *name, const char *old, char *err,
                   size_t errlen)
{
    char *dst = path_fmt("%s/%s", s->versions, name);
    int rc = -1;

    if (!dst)
        return store_fail(err, errlen, "out of memory");
    if (rename(build, dst) != 0 || dur_fsync_dir(s->versions) != 0) {
        store_fail(err, errlen, "%s: cannot move the new version into place (%s)", dst, strerror(errno));
        goto out;
    }
    if (old && store_pointer_set(s, STORE_PREVIOUS, old) != 0) {
        store_fail(err, errlen, "%s/" STORE_PREVIOUS ": cannot switch (%s)", s->dir, strerror(errno));
        goto out;
    }
    if (store_pointer_set(s, STORE_CURRENT, name) != 0) {
        store_fail(err, errlen, "%s/" STORE_CURRENT ": cannot switch (%s)", s->dir, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    free(dst);
    return rc;
}

static void copy_name(char *version, size_t vlen, const char *name)
{
    if (version)
        snprintf(version, vlen, "%s", name);
}

int store_commit(struct store *s, const char *feed_json, size_t len, const char *minisig, size_t sig_len,
                 const struct feed *feed, time_t now, char *version, size_t vlen, char *err, size_t errlen)
{
    char old[STORE_VERSION_MAX], name[STORE_VERSION_MAX];
    bool has_old = store_pointer_get(s, STORE_CURRENT, old) == 0;
    char *build;

    if (version && vlen < STORE_VERSION_MAX)
        return store_fail(err, errlen, "room for the version name is %zu bytes; give %d", vlen, STORE_VERSION_MAX);
    if (!feed_json || !feed)
        return store_fail(err, errlen, "no feed to commit");
    if (len > FEED_MAX_BYTES)
        return store_fail(err, errlen, "feed.json is %zu bytes, over the %u allowed", len, FEED_MAX_BYTES);
    if (sig_len == 0)
        minisig = NULL;
    if (has_old && same_as_version(s, old, feed_json, len, minisig, sig_len)) {
        copy_name(version, vlen, old);
        return 0;
    }
    if (check_assets(s, feed, err, errlen) != 0)
        return -1;
    build = build_version(s, feed_json, len, minisig, sig_len, feed, err, errlen);
    if (!build)
        return -1;
    if (check_loads(s, build, feed, err, errlen) != 0)
        goto fail;
    if (free_name(s, feed_json, len, now, name) != 0) {
        store_fail(err, errlen, "%s: cannot name the new version (%s)", s->versions, strerror(errno));
        goto fail;
    }
    if (install(s, build, name, has_old ? old : NULL, err, errlen) != 0)
        goto fail;
    free(build);
    copy_name(version, vlen, name);
    store_collect(s, name, feed, has_old ? old : NULL);
    return 0;
fail:
    dur_remove_tree(build); /* gone already when the rename was done */
    free(build);
    return -1;
}
