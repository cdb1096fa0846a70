/* What the store's files (store.c, store_object.c, store_commit.c,
 * store_gc.c) share. Not for other modules; the unit tests include it to
 * force the copy fallback. */
#ifndef QF_STORE_PRIV_H
#define QF_STORE_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/feed.h"
#include "core/store.h"

struct store {
    char *dir;      /* as given to store_open */
    char *objects;  /* <dir>/objects */
    char *versions; /* <dir>/versions */
    char *tmp;      /* <dir>/tmp */
    int lock_fd;
    bool copy_only; /* tests: behave as if link(2) always failed */
    pthread_mutex_t shown_lock; /* shown is set by the UI thread, read by the committing one */
    char shown[STORE_VERSION_MAX]; /* the version on screen, kept by store_collect; "" for none */
};

/* The pointers: symbolic links in the state directory. */
#define STORE_CURRENT "current"
#define STORE_PREVIOUS "previous"

/* Formats a message into err and returns -1. */
int store_fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* True for a name store_commit could have made: 1 to STORE_VERSION_MAX - 1
 * of A-Z a-z 0-9 and '-'. Anything else in a link is not ours. */
bool store_version_name_ok(const char *name);

/* Reads the pointer `link` (STORE_CURRENT or STORE_PREVIOUS): the version it
 * names when it is "versions/<name>" and that folder exists. Returns 0, or
 * -1 when there is none. `name` has STORE_VERSION_MAX bytes. */
int store_pointer_get(struct store *s, const char *link, char name[STORE_VERSION_MAX]);

/* Points `link` at versions/<name> durably. Returns 0, or -1 with errno. */
int store_pointer_set(struct store *s, const char *link, const char *name);

/* store_open's clean-up: tmp/, stray *.tmp links, versions that are neither
 * current nor previous. Problems are logged, not fatal. */
void store_clean(struct store *s);

/* After a commit: removes the versions other than `keep_a`, `keep_b`
 * (either may be NULL) and the one store_keep_shown names and the objects their feeds do not list. `feed_a` is
 * the feed of `keep_a`; the feed of `keep_b` is read from its folder (when
 * it cannot be read no object is removed). Problems are logged. */
void store_collect(struct store *s, const char *keep_a, const struct feed *feed_a, const char *keep_b);

/* Removes the objects of `feed`'s assets whose bytes no longer match their
 * pins, so the next sync fetches them again. */
void store_drop_bad_objects(struct store *s, const struct feed *feed);

#endif
