#include "core/schedule.h"

#include <string.h>
#include <strings.h>

bool group_name_is_valid(const char *s)
{
    size_t n = 0;

    if (!s)
        return false;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return n >= 1 && n <= FEED_GROUP_NAME_MAX;
}

int screen_groups_parse(const char *list, struct screen_groups *out)
{
    const char *p = list ? list : "";

    memset(out, 0, sizeof *out);
    while (*p) {
        char name[FEED_GROUP_NAME_MAX + 2];
        size_t len, k = 0;
        bool dup = false;

        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        len = strcspn(p, ", \t");
        if (len == 0)
            break;
        if (len > FEED_GROUP_NAME_MAX)
            return -1;
        for (size_t i = 0; i < len; i++)
            name[k++] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] - 'A' + 'a') : p[i];
        name[k] = '\0';
        p += len;
        if (!group_name_is_valid(name))
            return -1;
        for (size_t i = 0; i < out->n; i++)
            dup |= strcmp(out->names[i], name) == 0;
        if (dup)
            continue;
        if (out->n == FEED_GROUPS_MAX)
            return -1;
        memcpy(out->names[out->n++], name, k + 1);
    }
    return 0;
}

bool schedule_targets(const struct feed_item *it, const struct screen_groups *g)
{
    if (it->n_groups == 0 || !g || g->n == 0)
        return true;
    for (size_t i = 0; i < it->n_groups; i++)
        for (size_t j = 0; j < g->n; j++)
            if (strcasecmp(it->groups[i], g->names[j]) == 0)
                return true;
    return false;
}

/* The item's daypart; a zeroed one (an item built in code) is every day. */
static struct daypart item_daypart(const struct feed_item *it)
{
    struct daypart dp = it->schedule.when;
    if ((dp.days & DAYPART_ALL_DAYS) == 0)
        dp.days = DAYPART_ALL_DAYS;
    return dp;
}

bool schedule_is_timed(const struct feed_item *it)
{
    struct daypart dp = item_daypart(it);
    return it->schedule.from || it->schedule.until || (dp.days & DAYPART_ALL_DAYS) != DAYPART_ALL_DAYS ||
           dp.n_ranges;
}

bool schedule_in_time(const struct feed_item *it, const struct local_time *t)
{
    const struct feed_schedule *s = &it->schedule;

    if (s->from && t->date < s->from)
        return false;
    if (s->until && t->date > s->until)
        return false;
    struct daypart dp = item_daypart(it);
    return daypart_active(&dp, t);
}

bool schedule_visible(const struct feed_item *it, const struct screen_groups *g, const struct local_time *t)
{
    return schedule_targets(it, g) && schedule_in_time(it, t);
}

size_t schedule_select(const struct feed *feed, const struct screen_groups *g, const struct local_time *t,
                       bool *shown, enum schedule_pick *pick)
{
    size_t n = 0, i;

    for (i = 0; i < feed->n_items; i++)
        n += (shown[i] = schedule_visible(&feed->items[i], g, t));
    *pick = SCHEDULE_PICK_VISIBLE;
    if (n || !feed->n_items)
        return n;
    for (i = 0; i < feed->n_items; i++)
        n += (shown[i] = schedule_targets(&feed->items[i], g));
    *pick = SCHEDULE_PICK_UNTIMED;
    if (n)
        return n;
    for (i = 0; i < feed->n_items; i++)
        shown[i] = true;
    *pick = SCHEDULE_PICK_ALL;
    return feed->n_items;
}

int schedule_minutes_to_change(const struct feed *feed, const struct screen_groups *g, const struct local_time *t)
{
    int best = -1;

    for (size_t i = 0; i < feed->n_items; i++) {
        const struct feed_item *it = &feed->items[i];
        int m;

        if (!schedule_is_timed(it) || !schedule_targets(it, g))
            continue;
        if (it->schedule.until && t->date > it->schedule.until)
            continue; /* over for good */
        if (it->schedule.from && t->date < it->schedule.from) {
            m = MINUTES_PER_DAY - t->minute; /* nothing before its first midnight */
        } else {
            /* daypart_minutes_to_change counts midnight too: the date
             * window only changes there. */
            struct daypart dp = item_daypart(it);
            m = daypart_minutes_to_change(&dp, t);
        }
        if (best < 0 || m < best)
            best = m;
    }
    return best;
}
