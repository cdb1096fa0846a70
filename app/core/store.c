/* The store's state directory: opening it, its pointers (current,
 * previous), rollback and status.json. Objects are in store_object.c,
 * commits in store_commit.c, clean-up in store_gc.c. */
#include "core/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/store_priv.h"

#define VERSIONS_PREFIX "versions/"

int store_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err && errlen > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

bool store_version_name_ok(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n >= STORE_VERSION_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
            return false;
    }
    return true;
}

int store_pointer_get(struct store *s, const char *link, char name[STORE_VERSION_MAX])
{
    char target[sizeof VERSIONS_PREFIX + STORE_VERSION_MAX];
    char *link_path = path_fmt("%s/%s", s->dir, link), *dir = NULL;
    struct stat st;
    ssize_t n;
    int rc = -1;

    if (!link_path)
        return -1;
    n = readlink(link_path, target, sizeof target);
    /* n == sizeof target: cut short, so longer than any name of ours. */
    if (n <= 0 || (size_t)n >= sizeof target)
        goto out;
    target[n] = '\0';
    if (strncmp(target, VERSIONS_PREFIX, strlen(VERSIONS_PREFIX)) != 0 ||
        !store_version_name_ok(target + strlen(VERSIONS_PREFIX)))
        goto out;
    dir = path_fmt("%s/%s", s->dir, target);
    if (!dir || lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        goto out;
    memcpy(name, target + strlen(VERSIONS_PREFIX), (size_t)n - strlen(VERSIONS_PREFIX) + 1);
    rc = 0;
out:
    free(link_path);
    free(dir);
    return rc;
}

int store_pointer_set(struct store *s, const char *link, const char *name)
{
    char *target = path_fmt(VERSIONS_PREFIX "%s", name);
    int rc, saved;

    if (!target)
        return -1;
    rc = dur_set_symlink(s->dir, link, target);
    saved = errno;
    free(target);
    errno = saved;
    return rc;
}

static int make_dir(const char *path)
{
    struct stat st;

    if (mkdir(path, 0755) == 0)
        return 0;
    if (errno != EEXIST)
        return -1;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* One process at a time: store_open removes what it does not recognise
 * as current or previous, which would include another writer's work. */
static int take_lock(struct store *s, char *err, size_t errlen)
{
    char *path = path_fmt("%s/lock", s->dir);

    if (!path)
        return store_fail(err, errlen, "out of memory");
    s->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock_fd < 0) {
        store_fail(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            store_fail(err, errlen, "%s: the store is in use by another process", path);
        else
            store_fail(err, errlen, "%s: cannot lock (%s)", path, strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

int store_open(struct store **out, const char *dir, char *err, size_t errlen)
{
    struct store *s = calloc(1, sizeof *s);
    const char *bad = NULL;

    *out = NULL;
    if (!s)
        return store_fail(err, errlen, "out of memory");
    s->lock_fd = -1;
    pthread_mutex_init(&s->shown_lock, NULL);
    s->dir = path_fmt("%s", dir);
    s->objects = path_fmt("%s/objects", dir);
    s->versions = path_fmt("%s/versions", dir);
    s->tmp = path_fmt("%s/tmp", dir);
    if (!s->dir || !s->objects || !s->versions || !s->tmp) {
        store_close(s);
        return store_fail(err, errlen, "out of memory");
    }
    if (make_dir(s->dir) != 0)
        bad = s->dir;
    else if (make_dir(s->objects) != 0)
        bad = s->objects;
    else if (make_dir(s->versions) != 0)
        bad = s->versions;
    else if (make_dir(s->tmp) != 0)
        bad = s->tmp;
    if (bad) {
        store_fail(err, errlen, "%s: cannot create the folder (%s)", bad, strerror(errno));
        store_close(s);
        return -1;
    }
    if (take_lock(s, err, errlen) != 0) {
        store_close(s);
        return -1;
    }
    store_clean(s);
    *out = s;
    return 0;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    if (s->lock_fd >= 0)
        close(s->lock_fd); /* releases the flock */
    free(s->dir);
    free(s->objects);
    free(s->versions);
    free(s->tmp);
    pthread_mutex_destroy(&s->shown_lock);
    free(s);
}

void store_keep_shown(struct store *s, const char *version_dir)
{
    const char *name = "";
    size_t n = strlen(s->versions);

    /* Only a folder directly under versions/ is ours to keep. */
    if (version_dir && strncmp(version_dir, s->versions, n) == 0 && version_dir[n] == '/' &&
        store_version_name_ok(version_dir + n + 1))
        name = version_dir + n + 1;
    pthread_mutex_lock(&s->shown_lock);
    snprintf(s->shown, sizeof s->shown, "%s", name);
    pthread_mutex_unlock(&s->shown_lock);
}

const char *store_dir(const struct store *s)
{
    return s->dir;
}

const char *store_tmp_dir(const struct store *s)
{
    return s->tmp;
}

static int pointer_name(struct store *s, const char *link, char *name, size_t len)
{
    char n[STORE_VERSION_MAX];

    if (store_pointer_get(s, link, n) != 0 || strlen(n) >= len)
        return -1;
    memcpy(name, n, strlen(n) + 1);
    return 0;
}

static int pointer_path(struct store *s, const char *link, char *path, size_t len)
{
    char name[STORE_VERSION_MAX];
    int n;

    if (store_pointer_get(s, link, name) != 0)
        return -1;
    n = snprintf(path, len, "%s/%s", s->versions, name);
    return n < 0 || (size_t)n >= len ? -2 : 0;
}

int store_current(struct store *s, char *path, size_t len)
{
    return pointer_path(s, STORE_CURRENT, path, len);
}

int store_previous(struct store *s, char *path, size_t len)
{
    return pointer_path(s, STORE_PREVIOUS, path, len);
}

int store_current_name(struct store *s, char *name, size_t len)
{
    return pointer_name(s, STORE_CURRENT, name, len);
}

int store_previous_name(struct store *s, char *name, size_t len)
{
    return pointer_name(s, STORE_PREVIOUS, name, len);
}

int store_rollback(struct store *s, char *err, size_t errlen)
{
    char cur[STORE_VERSION_MAX], prev[STORE_VERSION_MAX];
    bool has_cur = store_pointer_get(s, STORE_CURRENT, cur) == 0;

    if (store_pointer_get(s, STORE_PREVIOUS, prev) != 0)
        return store_fail(err, errlen, "%s: no previous version to roll back to", s->dir);
    /* current first: a crash after this step has rolled back already. */
    if (store_pointer_set(s, STORE_CURRENT, prev) != 0)
        return store_fail(err, errlen, "%s/%s: cannot switch (%s)", s->dir, STORE_CURRENT, strerror(errno));
    if (has_cur && store_pointer_set(s, STORE_PREVIOUS, cur) != 0)
        return store_fail(err, errlen, "%s/%s: cannot switch (%s)", s->dir, STORE_PREVIOUS, strerror(errno));
    return 0;
}

int store_write_status(struct store *s, const char *json, char *err, size_t errlen)
{
    if (dur_replace_file(s->tmp, s->dir, "status.json", json, strlen(json)) != 0)
        return store_fail(err, errlen, "%s/status.json: cannot write (%s)", s->dir, strerror(errno));
    return 0;
}
