/* The folder walk of the report tools: every "*.json" document the screens
 * uploaded under a folder (the web server's root, or any part of it),
 * found by the folder names of the upload layout (results/, stats/<screen>/).
 * Symbolic links are not followed; names are visited in order, so reports
 * come out the same from run to run. */
#ifndef QF_REPORT_WALK_H
#define QF_REPORT_WALK_H

#include <stddef.h>

#include "core/report_agg.h"

struct report_walk {
    /* The level of a subfolder called `name` inside a folder of `level`;
     * the folder walked is entered as if it were a child of level 0. */
    int (*enter)(int level, const char *name);
    int take_level;        /* "*.json" files are read in folders of this level */
    size_t max_bytes;      /* a larger file is refused with `too_large` */
    const char *too_large;
    /* Adds one document; < 0 refuses it with the reason in why. */
    int (*add)(void *target, const char *json, size_t len, char *why, size_t whylen);
    void *target;
    report_bad_fn bad;     /* each file refused or folder not read, and why */
    void *ctx;
};

/* Walks `dir`. Returns the number of documents looked at, or -1 with a
 * message naming the folder in err when `dir` itself cannot be read. */
long report_walk_dir(const struct report_walk *w, const char *dir, char *err, size_t errlen);

/* The names in `path` (no dot files), sorted, or NULL with errno. An
 * empty folder gives an empty list, not NULL. */
char **report_list_names(const char *path, size_t *n);

#endif
