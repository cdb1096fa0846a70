/* Crash-safe file-system steps for the content store (store.c): each file
 * or directory entry written here is on disk (fsync) before the function
 * returns, and files replace others only by rename(2), so a crash leaves
 * either the old or the new entry. POSIX only.
 *
 * Unless said otherwise, functions return 0, or -1 with errno set. */
#ifndef QF_DURABLE_H
#define QF_DURABLE_H

#include <stddef.h>
#include <sys/types.h>

/* A new string formatted like printf, or NULL with errno set (ENOMEM,
 * EOVERFLOW). Paths are built this way so a long one never gets cut. */
char *path_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* fsync(2) of a directory, so the entries created, renamed or removed in
 * it are on disk. */
int dur_fsync_dir(const char *dir);

/* fsyncs every directory under `dir` and `dir` itself (not following
 * symbolic links). */
int dur_fsync_dirs_in(const char *dir);

/* Creates `path`, which must not exist, with `len` bytes and mode 0644,
 * and fsyncs it. Removes it again on failure. */
int dur_write_new(const char *path, const void *data, size_t len);

/* Copies the regular file `from` to the new file `to` (mode 0644) and
 * fsyncs it. Removes `to` again on failure. */
int dur_copy_file(const char *from, const char *to);

/* Writes `len` bytes to a new temporary file in `tmpdir`, fsyncs it, renames
 * it over `dir`/`name` and fsyncs `dir`. `tmpdir` and `dir` must be on the
 * same file system. */
int dur_replace_file(const char *tmpdir, const char *dir, const char *name, const void *data, size_t len);

/* dur_replace_file for a single path: the temporary file goes beside
 * `path` (in its folder, or "." for a bare name), so the rename(2) stays on
 * one file system. */
int dur_replace_path(const char *path, const void *data, size_t len);

/* Points the symbolic link `dir`/`name` at `target`: creates
 * `dir`/`name`.tmp, renames it over `dir`/`name`, fsyncs `dir`. */
int dur_set_symlink(const char *dir, const char *name, const char *target);

/* Creates the directories leading to `rel` (a relative path, as in
 * "images/x.svg": creates `base`/images) with mode 0755; existing ones are
 * fine. */
int dur_make_parents(const char *base, const char *rel);

/* Removes `path` and, when it is a directory, everything in it, without
 * following symbolic links (rm -rf). A missing `path` is not an error. */
int dur_remove_tree(const char *path);

/* Removes `name` in the directory open as `dirfd`, like dur_remove_tree. */
int dur_remove_tree_at(int dirfd, const char *name);

#endif
