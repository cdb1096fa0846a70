#include "core/feed_build_schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/daypart.h"
#include "core/schedule.h"

static int read_date(const struct frontmatter *fm, const char *file, const char *key, int *date,
                     struct diag *errs)
{
    const struct fm_field *f = frontmatter_get(fm, key);

    if (f && *f->value && date_parse(f->value, date) < 0) {
        diag_field(errs, file, f->line, key, MSG_SCHEDULE_DATE_BAD, f->value);
        *date = 0;
    }
    return 0;
}

static void date_text(char out[16], int date)
{
    snprintf(out, 16, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
}

/* pinned: yes/no, true/false, 是/否; empty is no. */
static int read_pinned(const struct fm_field *f, const char *file, int *pinned, struct diag *errs)
{
    static const char *const yes[] = { "yes", "true", "是" }, *const no[] = { "no", "false", "否" };

    *pinned = 0;
    if (!f || !*f->value)
        return 0;
    for (size_t i = 0; i < 3; i++) {
        if (strcasecmp(f->value, yes[i]) == 0) {
            *pinned = 1;
            return 0;
        }
        if (strcasecmp(f->value, no[i]) == 0)
            return 0;
    }
    diag_field(errs, file, f->line, "pinned", MSG_SRC_PINNED_BAD, f->value);
    return 0;
}

static int read_groups(const struct fm_field *f, const char *file, struct src_schedule *s, struct diag *errs)
{
    if (!f)
        return 0;
    if (frontmatter_split_list(f->raw, &s->groups, &s->n_groups) < 0)
        return -1;
    if (s->n_groups > FEED_GROUPS_MAX) {
        diag_field(errs, file, f->line, "groups", MSG_GROUPS_TOO_MANY, s->n_groups, FEED_GROUPS_MAX);
        return 0;
    }
    for (size_t i = 0; i < s->n_groups; i++) {
        char *g = s->groups[i];
        if (!group_name_is_valid(g)) {
            diag_field(errs, file, f->line, "groups", MSG_GROUP_NAME_BAD, g);
            return 0;
        }
        for (; *g; g++)
            if (*g >= 'A' && *g <= 'Z')
                *g = (char)(*g - 'A' + 'a');
    }
    return 0;
}

/* Keeps a checked days or hours value as written. */
static int keep(const struct fm_field *f, char **out)
{
    *out = strdup(f->value);
    return *out ? 0 : -1;
}

int src_schedule_read(const struct frontmatter *fm, const char *file, struct src_schedule *out, struct diag *errs)
{
    const struct fm_field *f;

    memset(out, 0, sizeof *out);
    read_date(fm, file, "valid_from", &out->from, errs);
    read_date(fm, file, "valid_until", &out->until, errs);
    if (out->from && out->until && out->until < out->from) {
        char from[16], until[16];
        date_text(from, out->from);
        date_text(until, out->until);
        f = frontmatter_get(fm, "valid_until");
        diag_field(errs, file, f->line, "valid_until", MSG_SCHEDULE_UNTIL_BEFORE_FROM, until, from);
    }
    if ((f = frontmatter_get(fm, "days")) && *f->value) {
        unsigned days;
        if (weekdays_parse(f->value, &days) < 0)
            diag_field(errs, file, f->line, "days", MSG_SCHEDULE_DAYS_BAD, f->value);
        else if (keep(f, &out->days) < 0)
            return -1;
    }
    if ((f = frontmatter_get(fm, "hours")) && *f->value) {
        struct hour_range r[DAYPART_RANGES_MAX];
        size_t n;
        if (hour_ranges_parse(f->value, r, DAYPART_RANGES_MAX, &n) < 0)
            diag_field(errs, file, f->line, "hours", MSG_SCHEDULE_HOURS_BAD, f->value);
        else if (keep(f, &out->hours) < 0)
            return -1;
    }
    read_pinned(frontmatter_get(fm, "pinned"), file, &out->pinned, errs);
    return read_groups(frontmatter_get(fm, "groups"), file, out, errs);
}

void src_schedule_free(struct src_schedule *s)
{
    free(s->days);
    free(s->hours);
    frontmatter_free_list(s->groups, s->n_groups);
    memset(s, 0, sizeof *s);
}

static int set_date(json_t *o, const char *key, int date)
{
    char text[16];

    if (!date)
        return 0;
    date_text(text, date);
    return json_object_set_new(o, key, json_string(text));
}

int src_schedule_json(const struct src_schedule *s, json_t *q)
{
    int bad = 0;

    if (s->from || s->until || s->days || s->hours) {
        json_t *sch = json_object();
        if (!sch)
            return -1;
        bad |= set_date(sch, "from", s->from);
        bad |= set_date(sch, "until", s->until);
        if (s->days)
            bad |= json_object_set_new(sch, "days", json_string(s->days));
        if (s->hours)
            bad |= json_object_set_new(sch, "hours", json_string(s->hours));
        bad |= json_object_set_new(q, "schedule", sch);
    }
    if (s->pinned)
        bad |= json_object_set_new(q, "pinned", json_true());
    if (s->n_groups) {
        json_t *groups = json_array();
        if (!groups)
            return -1;
        for (size_t i = 0; i < s->n_groups; i++)
            bad |= json_array_append_new(groups, json_string(s->groups[i]));
        bad |= json_object_set_new(q, "groups", groups);
    }
    return bad ? -1 : 0;
}
