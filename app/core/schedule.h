/* Item schedules and screen-group targeting: which items of a feed a
 * screen shows at a local time, and when that set may next change. Pure:
 * the caller passes local time (core/daypart.h) and the screen's groups.
 *
 * An item is visible on a screen when
 *   - it names no groups, or the screen has no groups, or they share one;
 *   - the local date lies in its from..until window (whole days);
 *   - its daypart (weekdays, hour ranges) covers the minute.
 * Pinned items (置顶) come first in the touch lists and open every cycle
 * of the attract loop; see attract.h and nav.h. */
#ifndef QF_SCHEDULE_H
#define QF_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/daypart.h"
#include "core/feed.h"

/* The groups of one screen ([schedule] groups), lower-cased. */
struct screen_groups {
    char names[FEED_GROUPS_MAX][FEED_GROUP_NAME_MAX + 1];
    size_t n;
};

/* True when `s` is a group name: 1..FEED_GROUP_NAME_MAX ASCII letters,
 * digits, '-' or '_'. */
bool group_name_is_valid(const char *s);

/* "lobby, 3F" -> {"lobby", "3f"}; "" is no groups. Duplicates are kept
 * once. Returns 0, or -1 on a bad name or more than FEED_GROUPS_MAX
 * (out->n is then the number read before the problem). */
int screen_groups_parse(const char *list, struct screen_groups *out);

/* Whether the item is meant for a screen of these groups. */
bool schedule_targets(const struct feed_item *it, const struct screen_groups *g);

/* Whether the item's date window and daypart cover the minute t. */
bool schedule_in_time(const struct feed_item *it, const struct local_time *t);

/* Both of the above. */
bool schedule_visible(const struct feed_item *it, const struct screen_groups *g, const struct local_time *t);

/* What schedule_select had to do. */
enum schedule_pick {
    SCHEDULE_PICK_VISIBLE,  /* the items visible now */
    SCHEDULE_PICK_UNTIMED,  /* none visible now: every item of the screen's groups, times ignored */
    SCHEDULE_PICK_ALL,      /* no item is meant for this screen: every item */
};

/* Fills shown[i] (feed->n_items entries) with what the screen shows at t.
 * A screen never goes blank: when nothing is visible it falls back as
 * enum schedule_pick says. Returns the number of items shown (>= 1 for a
 * feed with items) and sets *pick. */
size_t schedule_select(const struct feed *feed, const struct screen_groups *g, const struct local_time *t,
                       bool *shown, enum schedule_pick *pick);

/* Minutes from t until the visible set of this screen may next change
 * (1..MINUTES_PER_DAY), or -1 when no item meant for the screen has a
 * schedule (nothing ever changes). Re-evaluating after this long never
 * misses a change; a date boundary is a midnight. */
int schedule_minutes_to_change(const struct feed *feed, const struct screen_groups *g, const struct local_time *t);

/* Whether the item has any schedule (a date or a daypart). */
bool schedule_is_timed(const struct feed_item *it);

#endif
