/* The attract-loop timeline: playlist interleaving, dwell and transitions,
 * skipping, and a whole virtual day of rotation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/attract.h"

static struct feed make_feed(const enum item_kind *kinds, const int *weights, size_t n)
{
    struct feed f = {0};
    f.items = calloc(n, sizeof *f.items);
    f.n_items = n;
    for (size_t i = 0; i < n; i++) {
        f.items[i].kind = kinds[i];
        f.items[i].weight = weights ? weights[i] : 1;
    }
    return f;
}

static const struct attract_config cfg = {.dwell_ms = 8000, .transition_ms = 1000, .mixed = true};

static void interleaves_kinds(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_MAXIM, ITEM_MAXIM, ITEM_MAXIM, ITEM_CASE, ITEM_CASE, ITEM_STORY, ITEM_STORY};
    struct feed f = make_feed(kinds, NULL, 8);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    assert_int_equal(a.n_order, 8);
    int seen[8] = {0};
    for (size_t i = 0; i < a.n_order; i++) {
        seen[a.order[i]]++;
        /* No kind twice in a row: 4 maxims among 4 others can alternate. */
        if (i > 0)
            assert_int_not_equal(f.items[a.order[i]].kind, f.items[a.order[i - 1]].kind);
    }
    for (int i = 0; i < 8; i++)
        assert_int_equal(seen[i], 1);
    attract_free(&a);
    free(f.items);
}

static void weights_repeat_items_apart(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_MAXIM, ITEM_CASE, ITEM_STORY};
    int weights[] = {3, 1, 1, 1};
    struct feed f = make_feed(kinds, weights, 4);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    assert_int_equal(a.n_order, 6);
    int count0 = 0;
    for (size_t i = 0; i < a.n_order; i++) {
        count0 += a.order[i] == 0;
        if (i > 0)
            assert_true(a.order[i] != a.order[i - 1]);
    }
    assert_int_equal(count0, 3);
    attract_free(&a);
    free(f.items);
}

static void empty_feed_is_refused(void **state)
{
    (void)state;
    struct feed f = {0};
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), -1);
}

static void dwell_then_transition(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_CASE, ITEM_STORY};
    struct feed f = make_feed(kinds, NULL, 3);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 1000), 0);
    size_t first = attract_current_item(&a);

    assert_false(attract_update(&a, 1000 + 7999));
    struct attract_frame fr = attract_frame_at(&a, 1000 + 7999);
    assert_false(fr.transitioning);
    assert_int_equal(fr.item, first);
    assert_int_equal(attract_next_deadline(&a, 1000 + 7999), 1000 + 8000);

    /* Halfway through the first transition: a fade, eased to exactly 0.5. */
    assert_false(attract_update(&a, 1000 + 8500));
    fr = attract_frame_at(&a, 1000 + 8500);
    assert_true(fr.transitioning);
    assert_int_equal(fr.kind, TRANSITION_FADE);
    assert_int_equal(fr.item, first);
    assert_int_not_equal(fr.next_item, first);
    assert_true(fr.progress > 0.49f && fr.progress < 0.51f);
    assert_int_equal(fr.direction, 1);
    assert_int_equal(attract_next_deadline(&a, 1000 + 8500), 1000 + 8500);

    size_t arriving = fr.next_item;
    assert_true(attract_update(&a, 1000 + 9000));
    assert_int_equal(attract_current_item(&a), arriving);
    assert_false(attract_frame_at(&a, 1000 + 9000).transitioning);
    assert_int_equal(attract_next_deadline(&a, 1000 + 9000), 1000 + 9000 + 8000);

    /* The second transition of a mixed loop slides. */
    attract_update(&a, 1000 + 9000 + 8100);
    assert_int_equal(attract_frame_at(&a, 1000 + 9000 + 8100).kind, TRANSITION_SLIDE);
    attract_free(&a);
    free(f.items);
}

static void skip_moves_both_ways(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_CASE, ITEM_STORY};
    struct feed f = make_feed(kinds, NULL, 3);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    size_t p0 = attract_position(&a);
    attract_skip(&a, -1, 100);
    struct attract_frame fr = attract_frame_at(&a, 100);
    assert_true(fr.transitioning);
    assert_int_equal(fr.direction, -1);
    assert_int_equal(fr.next_item, a.order[(p0 + 2) % 3]);
    /* A second skip mid-transition lands the first at once. */
    attract_skip(&a, +1, 300);
    assert_int_equal(attract_position(&a), (p0 + 2) % 3);
    attract_update(&a, 300 + 1000);
    assert_int_equal(attract_position(&a), p0);
    attract_free(&a);
    free(f.items);
}

static void a_virtual_day(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_MAXIM, ITEM_CASE, ITEM_STORY, ITEM_MAXIM};
    struct feed f = make_feed(kinds, NULL, 5);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    const uint64_t day = 24ull * 3600 * 1000;
    size_t shown[5] = {0}, changes = 0;
    uint64_t now = 0;
    /* Follow deadlines like the main loop does, stepping 16 ms in transitions. */
    while (now < day) {
        uint64_t next = attract_next_deadline(&a, now);
        now = next > now ? next : now + 16;
        if (attract_update(&a, now)) {
            changes++;
            shown[attract_current_item(&a)]++;
        }
    }
    /* One slide every dwell + transition: 9 s. */
    assert_int_equal(changes, day / 9000);
    for (int i = 0; i < 5; i++)
        assert_true(shown[i] >= changes / 5 - 1 && shown[i] <= changes / 5 + 1);

    /* A big jump catches up to the same place as small steps would. */
    struct attract b;
    assert_int_equal(attract_init(&b, &f, &cfg, 0), 0);
    attract_update(&b, now);
    assert_int_equal(attract_position(&b), attract_position(&a));
    assert_int_equal(attract_frame_at(&b, now).transitioning, attract_frame_at(&a, now).transitioning);
    attract_free(&a);
    attract_free(&b);
    free(f.items);
}

static void single_item_stays(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_STORY};
    struct feed f = make_feed(kinds, NULL, 1);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    assert_false(attract_update(&a, 3600000));
    assert_false(attract_frame_at(&a, 3600000).transitioning);
    assert_int_equal(attract_next_deadline(&a, 3600000), UINT64_MAX);
    attract_free(&a);
    free(f.items);
}

static void show_item_jumps_without_transition(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_CASE, ITEM_STORY, ITEM_MAXIM};
    int weights[] = {1, 3, 1, 1};
    struct feed f = make_feed(kinds, weights, 4);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    assert_int_equal(a.n_order, 6);

    /* Every item can be put on screen; a repeated one lands on its first slot. */
    for (size_t item = 0; item < 4; item++) {
        uint64_t now = 1000 + item * 100;
        assert_int_equal(attract_show_item(&a, item, now), 0);
        assert_int_equal(attract_current_item(&a), item);
        size_t first = 0;
        while (a.order[first] != item)
            first++;
        assert_int_equal(attract_position(&a), first);
        struct attract_frame fr = attract_frame_at(&a, now);
        assert_false(fr.transitioning);
        assert_int_equal(fr.item, item);
        assert_false(attract_update(&a, now));
        assert_int_equal(attract_next_deadline(&a, now), now + cfg.dwell_ms);
    }

    /* Mid-transition: the transition is dropped, the item is fully shown. */
    assert_int_equal(attract_show_item(&a, 2, 5000), 0);
    attract_update(&a, 5000 + 8000 + 300);
    assert_true(attract_frame_at(&a, 5000 + 8000 + 300).transitioning);
    assert_int_equal(attract_show_item(&a, 0, 5000 + 8000 + 300), 0);
    struct attract_frame fr = attract_frame_at(&a, 5000 + 8000 + 300);
    assert_false(fr.transitioning);
    assert_int_equal(fr.item, 0);
    assert_int_equal(fr.progress, 0.0f);

    /* The rotation carries on from there after a full dwell. */
    size_t pos = attract_position(&a);
    uint64_t t = 5000 + 8000 + 300;
    assert_false(attract_update(&a, t + 7999));
    assert_true(attract_update(&a, t + 8000 + 1000));
    assert_int_equal(attract_position(&a), (pos + 1) % a.n_order);

    /* An item that is not in the playlist changes nothing. */
    pos = attract_position(&a);
    assert_int_equal(attract_show_item(&a, 4, t + 10000), -1);
    assert_int_equal(attract_show_item(&a, SIZE_MAX, t + 10000), -1);
    assert_int_equal(attract_position(&a), pos);
    assert_int_equal(attract_next_deadline(&a, t + 10000), t + 9000 + 8000);
    attract_free(&a);

    /* An empty timeline holds nothing. */
    struct attract empty = {0};
    assert_int_equal(attract_show_item(&empty, 0, 0), -1);
    free(f.items);
}

/* Many maxims and few cases and stories: the few are spread evenly over the
 * whole cycle instead of being used up at its start. */
static void minority_kinds_spread_over_the_cycle(void **state)
{
    (void)state;
    enum item_kind kinds[62];
    for (int i = 0; i < 62; i++)
        kinds[i] = i < 46 ? ITEM_MAXIM : i < 54 ? ITEM_CASE : ITEM_STORY;
    struct feed f = make_feed(kinds, NULL, 62);
    struct attract a;
    assert_int_equal(attract_init(&a, &f, &cfg, 0), 0);
    size_t run = 0, longest = 0, last_other = 0, longest_gap = 0;
    for (size_t i = 0; i < a.n_order; i++) {
        if (f.items[a.order[i]].kind == ITEM_MAXIM) {
            run++;
            if (run > longest)
                longest = run;
        } else {
            run = 0;
            if (i - last_other > longest_gap)
                longest_gap = i - last_other;
            last_other = i;
        }
    }
    /* 46 maxims among 16 others: about three maxims between two others. */
    assert_true(longest <= 5);
    assert_true(longest_gap <= 6);
    attract_free(&a);
    free(f.items);
}

/* Only the shown items play; pinned ones open every cycle, once each, and
 * the rest of their weight is mixed in (never the same slide twice in a
 * row, also across the cycle's seam). */
static void shown_items_only_and_pinned_open_the_cycle(void **state)
{
    (void)state;
    enum item_kind kinds[] = {ITEM_MAXIM, ITEM_MAXIM, ITEM_CASE, ITEM_STORY, ITEM_CASE, ITEM_MAXIM};
    int weights[] = {1, 2, 1, 1, 3, 1};
    struct feed f = make_feed(kinds, weights, 6);
    bool shown[6] = {true, true, true, true, false, true};
    f.items[3].pinned = 1;
    f.items[1].pinned = 1;
    struct attract a;
    assert_int_equal(attract_init_shown(&a, &f, shown, &cfg, 0), 0);
    assert_int_equal(a.n_order, 6); /* 1 + 2 + 1 + 1 + 1, item 4 left out */
    assert_int_equal(a.order[0], 1);
    assert_int_equal(a.order[1], 3);
    int seen[6] = {0};
    for (size_t i = 0; i < a.n_order; i++) {
        seen[a.order[i]]++;
        assert_int_not_equal(a.order[i], a.order[(i + 1) % a.n_order]);
    }
    assert_int_equal(seen[0], 1);
    assert_int_equal(seen[1], 2);
    assert_int_equal(seen[2], 1);
    assert_int_equal(seen[3], 1);
    assert_int_equal(seen[4], 0);
    assert_int_equal(seen[5], 1);
    attract_free(&a);

    bool none[6] = {false};
    assert_int_equal(attract_init_shown(&a, &f, none, &cfg, 0), -1);
    free(f.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(interleaves_kinds),      cmocka_unit_test(weights_repeat_items_apart),
        cmocka_unit_test(empty_feed_is_refused),  cmocka_unit_test(dwell_then_transition),
        cmocka_unit_test(skip_moves_both_ways),   cmocka_unit_test(a_virtual_day),
        cmocka_unit_test(single_item_stays),
        cmocka_unit_test(shown_items_only_and_pinned_open_the_cycle),
        cmocka_unit_test(minority_kinds_spread_over_the_cycle),      cmocka_unit_test(show_item_jumps_without_transition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
