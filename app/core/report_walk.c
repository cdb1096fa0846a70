/* The report tools' folder walk (report_walk.h). */
#include "core/report_walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/durable.h"
#include "core/feed.h"

#define MAX_DEPTH 16 /* folders below DIR; deeper ones are not an upload layout */

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

char **report_list_names(const char *path, size_t *n)
{
    DIR *d = opendir(path);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    for (struct dirent *e; (errno = 0, e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p)
                goto fail;
            names = p;
        }
        if (!(names[*n] = strdup(e->d_name)))
            goto fail;
        (*n)++;
    }
    if (errno)
        goto fail;
    closedir(d);
    if (!names && !(names = malloc(sizeof *names))) /* empty but not an error */
        return NULL;
    qsort(names, *n, sizeof *names, by_name);
    return names;
fail: {
    int saved = errno ? errno : ENOMEM;
    closedir(d);
    while (*n)
        free(names[--*n]);
    free(names);
    errno = saved;
    return NULL;
}
}

struct walk_state {
    const struct report_walk *w;
    long files;
};

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n > t && !strcmp(s + n - t, tail);
}

static void add_file(struct walk_state *s, const char *path)
{
    const struct report_walk *w = s->w;
    char *text = NULL, why[512];
    size_t len = 0;
    int rc = feed_read_file(path, w->max_bytes, &text, &len);
    s->files++;
    if (rc == -2)
        w->bad(w->ctx, path, w->too_large);
    else if (rc != 0)
        w->bad(w->ctx, path, strerror(errno));
    else if (w->add(w->target, text, len, why, sizeof why) < 0)
        w->bad(w->ctx, path, why);
    free(text);
}

static int walk(struct walk_state *s, const char *path, int level, int depth)
{
    const struct report_walk *w = s->w;
    size_t n;
    char **names = report_list_names(path, &n);
    if (!names)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *child = path_fmt("%s/%s", path, names[i]);
        struct stat st;
        if (!child) {
            w->bad(w->ctx, path, strerror(ENOMEM));
        } else if (lstat(child, &st) != 0) {
            w->bad(w->ctx, child, strerror(errno));
        } else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
            if (walk(s, child, w->enter(level, names[i]), depth + 1) != 0)
                w->bad(w->ctx, child, strerror(errno));
        } else if (S_ISREG(st.st_mode) && level == w->take_level && ends_with(names[i], ".json")) {
            add_file(s, child);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    return 0;
}

long report_walk_dir(const struct report_walk *w, const char *dir, char *err, size_t errlen)
{
    struct walk_state s = {.w = w};
    const char *base = strrchr(dir, '/');
    if (walk(&s, dir, w->enter(0, base ? base + 1 : dir), 0) != 0) {
        snprintf(err, errlen, "%s: cannot read the folder: %s", dir, strerror(errno));
        return -1;
    }
    return s.files;
}
