/* The schedule, pinning and screen groups of one content source file:
 * the front-matter keys valid_from, valid_until, days, hours, pinned and
 * groups (docs/content-format.md), read into the feed's
 * _qingfeng.schedule, .pinned and .groups (docs/feed-format.md). */
#ifndef QF_FEED_BUILD_SCHEDULE_H
#define QF_FEED_BUILD_SCHEDULE_H

#include <jansson.h>

#include "core/feed.h"
#include "core/frontmatter.h"

/* The keys this part reads, for the builder's list of allowed keys. */
#define SRC_SCHEDULE_KEYS "valid_from", "valid_until", "days", "hours", "pinned", "groups"

struct src_schedule {
    int from, until;    /* YYYYMMDD, 0 = open */
    char *days, *hours; /* as written, checked; NULL when not given */
    int pinned;
    char **groups;      /* lower-cased */
    size_t n_groups;
};

/* Reads the keys from `fm`. Each bad value adds one message naming
 * `file`, its line and the key to `errs`. Returns 0, or -1 when out of
 * memory. Free `out` with src_schedule_free either way. */
int src_schedule_read(const struct frontmatter *fm, const char *file, struct src_schedule *out, struct diag *errs);

void src_schedule_free(struct src_schedule *s);

/* Adds "schedule", "pinned" and "groups" to an item's _qingfeng object,
 * each only when set. Returns 0, or -1 when out of memory. */
int src_schedule_json(const struct src_schedule *s, json_t *qingfeng);

#endif
