#include "core/durable.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *path_fmt(const char *fmt, ...)
{
    va_list ap;
    char *out;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        errno = EOVERFLOW;
        return NULL;
    }
    out = malloc((size_t)n + 1);
    if (!out)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

/* Some file systems cannot fsync a directory and say EINVAL; their
 * entries are as durable as they will ever be. */
static int fsync_dir_fd(int fd)
{
    return fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
}

/* close(2) that keeps an earlier errno. */
static void close_keep_errno(int fd)
{
    int saved = errno;

    close(fd);
    errno = saved;
}

int dur_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync_dir_fd(fd);
    close_keep_errno(fd);
    return rc;
}

static int is_dot(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

static int fsync_dirs_at(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct dirent *e;
    DIR *d;
    int rc = 0;

    if (fd < 0)
        return -1;
    d = fdopendir(fd);
    if (!d) {
        close_keep_errno(fd);
        return -1;
    }
    for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
        struct stat st;
        if (is_dot(e->d_name))
            continue;
        if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            (S_ISDIR(st.st_mode) && fsync_dirs_at(fd, e->d_name) != 0)) {
            rc = -1;
            break;
        }
    }
    if (rc == 0 && errno != 0)
        rc = -1;
    if (rc == 0)
        rc = fsync_dir_fd(fd);
    {
        int saved = errno;
        closedir(d);
        errno = saved;
    }
    return rc;
}

int dur_fsync_dirs_in(const char *dir)
{
    return fsync_dirs_at(AT_FDCWD, dir);
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* fsync + close of a file just written; closes it in any case. */
static int sync_close(int fd)
{
    if (fsync(fd) != 0) {
        close_keep_errno(fd);
        return -1;
    }
    return close(fd);
}

int dur_write_new(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

    if (fd < 0)
        return -1;
    if (write_all(fd, data, len) != 0) {
        close_keep_errno(fd);
        goto fail;
    }
    if (sync_close(fd) != 0)
        goto fail;
    return 0;
fail: {
    int saved = errno;
    unlink(path);
    errno = saved;
}
    return -1;
}

int dur_copy_file(const char *from, const char *to)
{
    char buf[32768];
    int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, created = 0, saved;
    struct stat st;

    if (in < 0)
        return -1;
    if (fstat(in, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        goto fail;
    }
    out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0)
        goto fail;
    created = 1;
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (n > 0 && write_all(out, buf, (size_t)n) != 0))
            goto fail;
        if (n == 0)
            break;
    }
    close(in);
    in = -1;
    saved = sync_close(out);
    out = -1;
    if (saved != 0)
        goto fail;
    return 0;
fail:
    saved = errno;
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    if (created)
        unlink(to);
    errno = saved;
    return -1;
}

int dur_replace_file(const char *tmpdir, const char *dir, const char *name, const void *data, size_t len)
{
    char *tmp = path_fmt("%s/.new-XXXXXX", tmpdir);
    char *dst = path_fmt("%s/%s", dir, name);
    int fd = -1, rc = -1, saved;

    if (!tmp || !dst)
        goto out;
    fd = mkstemp(tmp);
    if (fd < 0)
        goto out;
    if (fchmod(fd, 0644) != 0 || write_all(fd, data, len) != 0) {
        close_keep_errno(fd);
        goto unlink_tmp;
    }
    if (sync_close(fd) != 0 || rename(tmp, dst) != 0)
        goto unlink_tmp;
    rc = dur_fsync_dir(dir);
    goto out;
unlink_tmp:
    saved = errno;
    unlink(tmp);
    errno = saved;
out:
    saved = errno;
    free(tmp);
    free(dst);
    errno = saved;
    return rc;
}

int dur_replace_path(const char *path, const void *data, size_t len)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char *dir;
    int rc, saved;

    if (!name[0]) {
        errno = EISDIR;
        return -1;
    }
    dir = slash == path ? strdup("/") : slash ? path_fmt("%.*s", (int)(slash - path), path) : strdup(".");
    if (!dir)
        return -1;
    rc = dur_replace_file(dir, dir, name, data, len);
    saved = errno;
    free(dir);
    errno = saved;
    return rc;
}

int dur_set_symlink(const char *dir, const char *name, const char *target)
{
    char *tmp = path_fmt("%s/%s.tmp", dir, name);
    char *dst = path_fmt("%s/%s", dir, name);
    int rc = -1, saved;

    if (!tmp || !dst)
        goto out;
    if (unlink(tmp) != 0 && errno != ENOENT)
        goto out;
    if (symlink(target, tmp) != 0)
        goto out;
    if (rename(tmp, dst) != 0) {
        saved = errno;
        unlink(tmp);
        errno = saved;
        goto out;
    }
    rc = dur_fsync_dir(dir);
out:
    saved = errno;
    free(tmp);
    free(dst);
    errno = saved;
    return rc;
}

int dur_make_parents(const char *base, const char *rel)
{
    for (const char *slash = strchr(rel, '/'); slash; slash = strchr(slash + 1, '/')) {
        char *dir = path_fmt("%s/%.*s", base, (int)(slash - rel), rel);
        int ok;

        if (!dir)
            return -1;
        ok = mkdir(dir, 0755) == 0 || errno == EEXIST;
        free(dir);
        if (!ok)
            return -1;
    }
    return 0;
}

int dur_remove_tree_at(int dirfd, const char *name)
{
    struct dirent *e;
    DIR *d;
    int fd, rc = 0, saved;

    if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
        return 0;
    /* Linux says EISDIR for a directory, POSIX allows EPERM. */
    if (errno != EISDIR && errno != EPERM)
        return -1;
    saved = errno;
    fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOTDIR || errno == ELOOP)
            errno = saved;
        return -1;
    }
    d = fdopendir(fd);
    if (!d) {
        close_keep_errno(fd);
        return -1;
    }
    for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
        if (!is_dot(e->d_name) && dur_remove_tree_at(fd, e->d_name) != 0)
            rc = -1;
    }
    if (errno != 0)
        rc = -1;
    saved = errno;
    closedir(d);
    errno = saved;
    if (unlinkat(dirfd, name, AT_REMOVEDIR) != 0)
        rc = -1;
    return rc;
}

int dur_remove_tree(const char *path)
{
    return dur_remove_tree_at(AT_FDCWD, path);
}
