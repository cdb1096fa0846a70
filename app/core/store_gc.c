/* Removing what the store no longer needs: at open, what a crash left
 * (store_clean); after a commit, old versions and unused objects
 * (store_collect). Nothing here is needed for correctness, only for disk
 * space, so problems are logged and the caller goes on. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/durable.h"
#include "core/log.h"
#include "core/store_priv.h"

typedef bool (*keep_fn)(const char *name, const void *ctx);

/* Removes every entry of `dir` (recursively) for which keep() is false. */
static void remove_entries(const char *dir, keep_fn keep, const void *ctx)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct dirent *e;
    DIR *d;

    if (fd < 0 || !(d = fdopendir(fd))) {
        log_warn("store: %s: cannot list (%s)", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || (keep && keep(e->d_name, ctx)))
            continue;
        if (dur_remove_tree_at(fd, e->d_name) != 0)
            log_warn("store: %s/%s: cannot remove (%s)", dir, e->d_name, strerror(errno));
    }
    closedir(d);
}

struct keep_versions {
    const char *a, *b, *c; /* any may be NULL */
};

static bool is_kept_version(const char *name, const void *ctx)
{
    const struct keep_versions *k = ctx;

    return (k->a && strcmp(name, k->a) == 0) || (k->b && strcmp(name, k->b) == 0) ||
           (k->c && strcmp(name, k->c) == 0);
}

static void remove_stray_link(struct store *s, const char *link)
{
    char *path = path_fmt("%s/%s.tmp", s->dir, link);

    if (path && unlink(path) != 0 && errno != ENOENT)
        log_warn("store: %s: cannot remove (%s)", path, strerror(errno));
    free(path);
}

void store_clean(struct store *s)
{
    char cur[STORE_VERSION_MAX], prev[STORE_VERSION_MAX];
    struct keep_versions keep = { NULL, NULL, NULL };

    remove_entries(s->tmp, NULL, NULL);
    remove_stray_link(s, STORE_CURRENT);
    remove_stray_link(s, STORE_PREVIOUS);
    if (store_pointer_get(s, STORE_CURRENT, cur) == 0)
        keep.a = cur;
    if (store_pointer_get(s, STORE_PREVIOUS, prev) == 0)
        keep.b = prev;
    remove_entries(s->versions, is_kept_version, &keep);
}

struct hash_set {
    const char **hashes; /* sorted */
    size_t n;
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_used_object(const char *name, const void *ctx)
{
    const struct hash_set *set = ctx;

    return bsearch(&name, set->hashes, set->n, sizeof *set->hashes, cmp_str) != NULL;
}

static void remove_unused_objects(struct store *s, const struct feed *a, const struct feed *b)
{
    size_t n_b = b ? b->n_assets : 0;
    struct hash_set set = { calloc(a->n_assets + n_b + 1, sizeof *set.hashes), 0 };

    if (!set.hashes) {
        log_warn("store: out of memory; unused objects are kept");
        return;
    }
    for (size_t i = 0; i < a->n_assets; i++)
        set.hashes[set.n++] = a->assets[i].sha256;
    for (size_t i = 0; i < n_b; i++)
        set.hashes[set.n++] = b->assets[i].sha256;
    qsort(set.hashes, set.n, sizeof *set.hashes, cmp_str);
    remove_entries(s->objects, is_used_object, &set);
    free(set.hashes);
}

void store_collect(struct store *s, const char *keep_a, const struct feed *feed_a, const char *keep_b)
{
    char shown[STORE_VERSION_MAX];
    struct keep_versions keep = { keep_a, keep_b, NULL };
    struct feed *feed_b = NULL;

    /* The version on screen stays; its files are its own (hard links or
     * copies), so the objects it shares may still go. */
    pthread_mutex_lock(&s->shown_lock);
    memcpy(shown, s->shown, sizeof shown);
    pthread_mutex_unlock(&s->shown_lock);
    if (shown[0])
        keep.c = shown;
    remove_entries(s->versions, is_kept_version, &keep);
    if (keep_b) {
        char msg[512];
        char *path = path_fmt("%s/%s/feed.json", s->versions, keep_b);

        feed_b = path ? feed_load_file(path, msg, sizeof msg) : NULL;
        free(path);
        if (!feed_b) {
            /* Without its list, any object might be one it needs. */
            log_warn("store: previous version %s unreadable; unused objects are kept", keep_b);
            return;
        }
    }
    remove_unused_objects(s, feed_a, feed_b);
    feed_free(feed_b);
}
