/* objects/<sha256>: asset bytes, checked against their pin before they
 * land and never changed afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/sha256.h"
#include "core/store_priv.h"

static int check_sha_arg(const char *sha256, char *err, size_t errlen)
{
    if (!sha256_hex_is_valid(sha256))
        return store_fail(err, errlen, "\"%.80s\" is not a SHA-256 (64 lower-case hex digits)", sha256 ? sha256 : "");
    return 0;
}

bool store_has_object(struct store *s, const char *sha256, uint64_t size)
{
    char *path;
    struct stat st;
    bool ok = false;

    if (!sha256_hex_is_valid(sha256))
        return false;
    path = path_fmt("%s/%s", s->objects, sha256);
    if (!path)
        return false;
    if (lstat(path, &st) == 0) {
        ok = S_ISREG(st.st_mode) && (uint64_t)st.st_size == size;
        if (!ok)
            dur_remove_tree(path);
    }
    free(path);
    return ok;
}

static int check_size(uint64_t got, uint64_t size, char *err, size_t errlen)
{
    if (got != size)
        return store_fail(err, errlen, "size %llu differs from the pinned %llu", (unsigned long long)got,
                          (unsigned long long)size);
    return 0;
}

static int check_pin(uint64_t got_size, const char *got_sha, uint64_t size, const char *sha256, char *err,
                     size_t errlen)
{
    if (check_size(got_size, size, err, errlen) != 0)
        return -1;
    if (strcmp(got_sha, sha256) != 0)
        return store_fail(err, errlen, "SHA-256 %s differs from the pinned %s", got_sha, sha256);
    return 0;
}

int store_put_object(struct store *s, const char *sha256, uint64_t size, const void *data, size_t len, char *err,
                     size_t errlen)
{
    char hex[SHA256_HEX_LEN + 1];

    if (check_sha_arg(sha256, err, errlen) != 0)
        return -1;
    if (check_size(len, size, err, errlen) != 0)
        return -1;
    if (sha256_hex_buffer(data, len, hex) != 0)
        return store_fail(err, errlen, "cannot compute SHA-256 (libsodium failed to start)");
    if (check_pin(len, hex, size, sha256, err, errlen) != 0)
        return -1;
    if (dur_replace_file(s->tmp, s->objects, sha256, data, len) != 0)
        return store_fail(err, errlen, "%s/%s: cannot write (%s)", s->objects, sha256, strerror(errno));
    return 0;
}

int store_adopt_object_file(struct store *s, const char *sha256, uint64_t size, const char *tmp_path, char *err,
                            size_t errlen)
{
    char hex[SHA256_HEX_LEN + 1];
    char *dst = NULL;
    uint64_t got = 0;
    struct stat st;
    int fd = -1, rc = -1;

    if (check_sha_arg(sha256, err, errlen) != 0)
        return -1;
    fd = open(tmp_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0) {
        store_fail(err, errlen, "%s: cannot open (%s)", tmp_path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        store_fail(err, errlen, "%s: not a regular file", tmp_path);
        goto out;
    }
    /* Size first: no need to hash a file that is already wrong. */
    if (check_size((uint64_t)st.st_size, size, err, errlen) != 0)
        goto out;
    if (sha256_hex_file(tmp_path, hex, &got) != 0) {
        store_fail(err, errlen, "%s: cannot read (%s)", tmp_path, strerror(errno));
        goto out;
    }
    if (check_pin(got, hex, size, sha256, err, errlen) != 0)
        goto out;
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        store_fail(err, errlen, "%s: cannot sync (%s)", tmp_path, strerror(errno));
        goto out;
    }
    dst = path_fmt("%s/%s", s->objects, sha256);
    if (!dst) {
        store_fail(err, errlen, "out of memory");
        goto out;
    }
    if (rename(tmp_path, dst) != 0) {
        store_fail(err, errlen, "%s: cannot move to %s (%s)%s", tmp_path, dst, strerror(errno),
                    errno == EXDEV ? "; write it under the store's tmp folder" : "");
        goto out;
    }
    if (dur_fsync_dir(s->objects) != 0) {
        store_fail(err, errlen, "%s: cannot sync (%s)", s->objects, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(dst);
    return rc;
}

void store_drop_bad_objects(struct store *s, const struct feed *feed)
{
    for (size_t i = 0; i < feed->n_assets; i++) {
        const struct feed_asset *as = &feed->assets[i];
        char hex[SHA256_HEX_LEN + 1];
        uint64_t size = 0;
        char *path;

        if (!sha256_hex_is_valid(as->sha256))
            continue;
        path = path_fmt("%s/%s", s->objects, as->sha256);
        if (!path)
            return;
        if (sha256_hex_file(path, hex, &size) == 0 && (size != as->size || strcmp(hex, as->sha256) != 0))
            unlink(path);
        free(path);
    }
}
