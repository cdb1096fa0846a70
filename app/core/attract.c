#include "core/attract.h"

#include <stdlib.h>
#include <string.h>

static size_t item_weight(const struct feed_item *item) { return item->weight < 1 ? 1 : (size_t)item->weight; }

/* Spreads groups over a sequence of n slots, group g taking totals[g] of
 * them: at each slot the group furthest behind its even share goes next,
 * the group of the slot before counting half a slot further ahead than it
 * is, so that ties and near-ties go to another group. Writes group ids to
 * out. */
static void spread(const size_t *totals, size_t n_groups, size_t n, size_t *used, size_t *out)
{
    size_t prev = SIZE_MAX;
    for (size_t slot = 0; slot < n; slot++) {
        size_t best = SIZE_MAX;
        double best_lag = 0;
        for (size_t g = 0; g < n_groups; g++) {
            if (used[g] >= totals[g])
                continue;
            double lag = (double)(slot + 1) * (double)totals[g] / (double)n - (double)used[g];
            if (g == prev)
                lag -= 0.5;
            if (best == SIZE_MAX || lag > best_lag) {
                best = g;
                best_lag = lag;
            }
        }
        out[slot] = best;
        used[best]++;
        prev = best;
    }
}

/* The mix: first the kinds are spread by their total weight, so cases
 * and stories come evenly between maxims; then each slot of a kind takes
 * the item of that kind furthest behind its share, never the item just
 * shown (`prev` before the first slot) while another one is left.
 * weights[i] is how often item i appears (0: not at all). */
static int build_mix(const struct feed *feed, const size_t *weights, size_t prev_item, size_t *order, size_t n_total)
{
    static const enum item_kind kinds[3] = {ITEM_MAXIM, ITEM_CASE, ITEM_STORY};
    size_t kind_total[3] = {0, 0, 0}, kind_used[3] = {0, 0, 0};
    size_t *item_used = calloc(feed->n_items, sizeof *item_used);
    size_t *kind_seq = malloc((n_total ? n_total : 1) * sizeof *kind_seq);
    int rc = -1;
    if (!item_used || !kind_seq)
        goto out;
    for (size_t i = 0; i < feed->n_items; i++)
        for (int k = 0; k < 3; k++)
            if (feed->items[i].kind == kinds[k])
                kind_total[k] += weights[i];
    spread(kind_total, 3, n_total, kind_used, kind_seq);
    memset(kind_used, 0, sizeof kind_used);
    for (size_t slot = 0; slot < n_total; slot++) {
        size_t k = kind_seq[slot], prev = slot ? order[slot - 1] : prev_item, best = SIZE_MAX;
        double best_lag = 0;
        for (size_t i = 0; i < feed->n_items; i++) {
            size_t w = weights[i];
            if (feed->items[i].kind != kinds[k] || item_used[i] >= w)
                continue;
            double lag = (double)(kind_used[k] + 1) * (double)w / (double)kind_total[k] - (double)item_used[i];
            if (i == prev)
                lag -= (double)n_total; /* only when nothing else is left */
            if (best == SIZE_MAX || lag > best_lag) {
                best = i;
                best_lag = lag;
            }
        }
        order[slot] = best;
        item_used[best]++;
        kind_used[k]++;
    }
    rc = 0;
out:
    free(item_used);
    free(kind_seq);
    return rc;
}

int attract_init(struct attract *a, const struct feed *feed, const struct attract_config *cfg, uint64_t now)
{
    return attract_init_shown(a, feed, NULL, cfg, now);
}

int attract_init_shown(struct attract *a, const struct feed *feed, const bool *shown, const struct attract_config *cfg,
                       uint64_t now)
{
    size_t *weights = NULL, n_pinned = 0, last_pinned = SIZE_MAX;
    *a = (struct attract){0};
    if (!feed || feed->n_items == 0 || !cfg)
        return -1;
    a->cfg = *cfg;
    if (a->cfg.dwell_ms == 0)
        a->cfg.dwell_ms = 1;
    weights = calloc(feed->n_items, sizeof *weights);
    if (!weights)
        return -1;
    /* A pinned item opens the cycle once; the rest of its weight goes
     * into the mix. */
    for (size_t i = 0; i < feed->n_items; i++) {
        if (shown && !shown[i])
            continue;
        weights[i] = item_weight(&feed->items[i]);
        if (feed->items[i].pinned) {
            weights[i]--;
            n_pinned++;
        }
        a->n_order += item_weight(&feed->items[i]);
    }
    if (a->n_order == 0) {
        free(weights);
        return -1;
    }
    a->order = malloc(a->n_order * sizeof *a->order);
    if (!a->order)
        goto fail;
    for (size_t i = 0, k = 0; i < feed->n_items; i++)
        if ((!shown || shown[i]) && feed->items[i].pinned)
            a->order[k++] = last_pinned = i;
    if (build_mix(feed, weights, last_pinned, a->order + n_pinned, a->n_order - n_pinned) != 0)
        goto fail;
    free(weights);
    a->slide_start = now;
    return 0;
fail:
    free(weights);
    attract_free(a);
    return -1;
}

void attract_free(struct attract *a)
{
    free(a->order);
    *a = (struct attract){0};
}

static size_t step_pos(const struct attract *a, size_t pos, int direction)
{
    if (direction >= 0)
        return (pos + 1) % a->n_order;
    return (pos + a->n_order - 1) % a->n_order;
}

static enum transition_kind transition_for(const struct attract *a)
{
    if (!a->cfg.mixed)
        return a->cfg.transition;
    return (a->transitions_done % 2) ? TRANSITION_SLIDE : TRANSITION_FADE;
}

static void begin_transition(struct attract *a, int direction, uint64_t at)
{
    a->in_transition = true;
    a->transition_start = at;
    a->direction = direction;
    a->next_pos = step_pos(a, a->pos, direction);
}

static void finish_transition(struct attract *a, uint64_t end)
{
    a->pos = a->next_pos;
    a->in_transition = false;
    a->slide_start = end;
    a->transitions_done++;
}

bool attract_update(struct attract *a, uint64_t now)
{
    if (a->n_order == 0)
        return false;
    bool changed = false;
    /* Catch up over any gap (a long virtual wait or a stalled loop). */
    for (;;) {
        if (a->in_transition) {
            if (now < a->transition_start + a->cfg.transition_ms)
                break;
            finish_transition(a, a->transition_start + a->cfg.transition_ms);
            changed = true;
        } else {
            if (now < a->slide_start + a->cfg.dwell_ms)
                break;
            if (a->n_order < 2) {
                a->slide_start = now; /* a single slide just stays */
                break;
            }
            begin_transition(a, +1, a->slide_start + a->cfg.dwell_ms);
        }
    }
    return changed;
}

static float ease_in_out(float t)
{
    if (t <= 0.0f)
        return 0.0f;
    if (t >= 1.0f)
        return 1.0f;
    return t < 0.5f ? 4.0f * t * t * t : 1.0f - (-2.0f * t + 2.0f) * (-2.0f * t + 2.0f) * (-2.0f * t + 2.0f) / 2.0f;
}

struct attract_frame attract_frame_at(const struct attract *a, uint64_t now)
{
    struct attract_frame f = {0};
    if (a->n_order == 0)
        return f;
    f.item = a->order[a->pos];
    if (a->in_transition) {
        f.transitioning = true;
        f.next_item = a->order[a->next_pos];
        f.kind = transition_for(a);
        f.direction = a->direction;
        uint64_t elapsed = now > a->transition_start ? now - a->transition_start : 0;
        float t = a->cfg.transition_ms ? (float)elapsed / (float)a->cfg.transition_ms : 1.0f;
        f.progress = ease_in_out(t);
    }
    return f;
}

uint64_t attract_next_deadline(const struct attract *a, uint64_t now)
{
    if (a->in_transition)
        return now;
    if (a->n_order < 2)
        return UINT64_MAX;
    return a->slide_start + a->cfg.dwell_ms;
}

void attract_skip(struct attract *a, int direction, uint64_t now)
{
    if (a->n_order < 2)
        return;
    if (a->in_transition) {
        /* Land the running transition at once, then start the new one. */
        finish_transition(a, now);
    }
    begin_transition(a, direction < 0 ? -1 : +1, now);
}

int attract_show_item(struct attract *a, size_t item, uint64_t now)
{
    for (size_t pos = 0; pos < a->n_order; pos++) {
        if (a->order[pos] != item)
            continue;
        a->pos = pos;
        a->next_pos = pos;
        a->in_transition = false;
        a->direction = 0;
        a->slide_start = now;
        return 0;
    }
    return -1;
}

size_t attract_current_item(const struct attract *a)
{
    return a->n_order ? a->order[a->pos] : 0;
}

size_t attract_position(const struct attract *a) { return a->pos; }
