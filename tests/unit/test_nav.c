/* Navigation: from the attract loop through home, lists, reading, a case's
 * guided pages and its 学后测, and back; the scene lines tests and
 * proof-of-play rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nav.h"

/* 3 maxims, 2 cases (the first with 3 pages and 2 questions), 1 story. */
struct fixture {
    struct feed feed;
    struct feed_item items[6];
    struct feed_page pages[3];
    struct feed_question questions[2];
    char *multi_opts[3], *judge_opts[2];
    char ids[6][32];
    struct nav nav;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    static const enum item_kind kinds[6] = {ITEM_MAXIM, ITEM_CASE, ITEM_MAXIM, ITEM_STORY, ITEM_CASE, ITEM_MAXIM};
    for (int i = 0; i < 6; i++) {
        snprintf(f->ids[i], sizeof f->ids[i], "item-%d", i & 7);
        f->items[i].id = f->ids[i];
        f->items[i].kind = kinds[i];
        f->items[i].weight = 1;
    }
    static char t1[] = "案情简介", t2[] = "处理结果", t3[] = "警示剖析";
    f->pages[0].title = t1;
    f->pages[1].title = t2;
    f->pages[2].title = t3;
    f->items[1].pages = f->pages;
    f->items[1].n_pages = 3;
    static char a[] = "甲", b[] = "乙", c[] = "丙", yes[] = "正确", no[] = "错误";
    f->multi_opts[0] = a;
    f->multi_opts[1] = b;
    f->multi_opts[2] = c;
    f->judge_opts[0] = yes;
    f->judge_opts[1] = no;
    f->questions[0] = (struct feed_question){.options = f->multi_opts, .n_options = 3, .answer_mask = 5,
                                             .kind = QUESTION_MULTI};
    f->questions[1] = (struct feed_question){.options = f->judge_opts, .n_options = 2, .answer_mask = 2,
                                             .kind = QUESTION_JUDGE};
    f->items[1].questions = f->questions;
    f->items[1].n_questions = 2;
    f->feed.items = f->items;
    f->feed.n_items = 6;
    assert_int_equal(nav_init(&f->nav, &f->feed), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    nav_free(&f->nav);
    free(f);
    return 0;
}

static const char *line(const struct nav *n)
{
    static char buf[256];
    nav_scene_line(n, buf, sizeof buf);
    return buf;
}

static void modules_hold_their_items_in_feed_order(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(f->nav.n_members[ITEM_MAXIM], 3);
    assert_int_equal(f->nav.members[ITEM_MAXIM][2], 5);
    assert_int_equal(f->nav.n_members[ITEM_CASE], 2);
    assert_int_equal(f->nav.members[ITEM_CASE][1], 4);
    assert_int_equal(f->nav.n_members[ITEM_STORY], 1);
    assert_string_equal(line(&f->nav), "scene: attract");
}

static void tour_from_attract_to_a_story_and_back(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    assert_string_equal(line(n), "scene: home");
    nav_open_module(n, ITEM_STORY);
    assert_string_equal(line(n), "scene: list module=story page=1/1");
    assert_int_equal(nav_open_item(n, 1), -1); /* only one story */
    assert_int_equal(nav_open_item(n, 0), 0);
    assert_string_equal(line(n), "scene: detail item=item-3");
    assert_false(nav_step(n, +1)); /* a single story has no neighbour */
    assert_true(nav_back(n));
    assert_string_equal(line(n), "scene: list module=story page=1/1");
    assert_true(nav_back(n));
    assert_string_equal(line(n), "scene: home");
    assert_false(nav_back(n)); /* home is the floor of a visit */
    nav_to_attract(n);
    assert_int_equal(nav_current(n)->kind, SCENE_ATTRACT);
}

static void maxims_step_around_and_keep_the_list_page(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_set_per_page(n, ITEM_MAXIM, 2);
    assert_int_equal(nav_list_pages(n, ITEM_MAXIM), 2);
    nav_start_visit(n);
    nav_open_module(n, ITEM_MAXIM);
    assert_false(nav_step(n, -1)); /* first page */
    assert_true(nav_step(n, +1));
    assert_string_equal(line(n), "scene: list module=maxim page=2/2");
    assert_false(nav_step(n, +1)); /* last page */
    assert_int_equal(nav_open_item(n, 2), 0);
    assert_string_equal(line(n), "scene: detail item=item-5");
    assert_true(nav_step(n, +1)); /* wraps to the first maxim */
    assert_string_equal(line(n), "scene: detail item=item-0");
    assert_true(nav_back(n));
    /* Back lands on the page holding the item the visitor reached. */
    assert_string_equal(line(n), "scene: list module=maxim page=1/2");
}

static void a_case_walks_its_pages_then_the_check(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    nav_open_module(n, ITEM_CASE);
    assert_int_equal(nav_open_item(n, 0), 0);
    assert_string_equal(line(n), "scene: detail item=item-1 page=1/3");
    assert_false(nav_step(n, -1));
    assert_true(nav_step(n, +1));
    assert_true(nav_step(n, +1));
    assert_string_equal(line(n), "scene: detail item=item-1 page=3/3");
    assert_true(nav_step(n, +1));
    assert_string_equal(line(n), "scene: check item=item-1 question=1/2");
    /* Back from the first question returns to the last page. */
    assert_true(nav_step(n, -1));
    assert_string_equal(line(n), "scene: detail item=item-1 page=3/3");
    assert_true(nav_step(n, +1));

    /* Multiple choice: ticks toggle until confirmed. */
    assert_false(nav_check_confirm(n)); /* nothing ticked yet */
    assert_true(nav_check_choose(n, 0));
    assert_true(nav_check_choose(n, 1));
    assert_true(nav_check_choose(n, 1));
    assert_false(nav_check_choose(n, 7)); /* no such option */
    assert_int_equal(nav_current(n)->chosen, 1u);
    assert_false(nav_check_next(n)); /* not answered yet */
    assert_true(nav_check_confirm(n));
    assert_true(nav_current(n)->revealed);
    assert_false(nav_check_choose(n, 2)); /* the answer is final */
    assert_string_equal(line(n), "scene: check item=item-1 question=1/2 answered");

    /* Judgement: one tap answers. */
    assert_true(nav_check_next(n));
    assert_string_equal(line(n), "scene: check item=item-1 question=2/2");
    assert_true(nav_check_choose(n, 1));
    assert_true(nav_current(n)->revealed);
    assert_int_equal(nav_current(n)->chosen, 2u);
    /* After the last question the visitor is back at the list. */
    assert_true(nav_check_next(n));
    assert_string_equal(line(n), "scene: list module=case page=1/1");
}

static void a_case_without_questions_ends_on_its_last_page(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    nav_open_module(n, ITEM_CASE);
    assert_int_equal(nav_open_item(n, 1), 0);
    assert_string_equal(line(n), "scene: detail item=item-4 page=1/1");
    assert_false(nav_step(n, +1));
}

static void admin_replaces_the_pin_pad(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    nav_open_module(n, ITEM_MAXIM);
    nav_open_pin(n);
    nav_open_pin(n); /* a second gesture does not stack another pad */
    assert_string_equal(line(n), "scene: pin");
    nav_open_admin(n);
    assert_string_equal(line(n), "scene: admin");
    assert_true(nav_back(n)); /* closing the panel returns to the visitor's screen */
    assert_string_equal(line(n), "scene: list module=maxim page=1/1");
}

static void home_keeps_large_print_and_a_new_visit_resets_it(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    nav_open_module(n, ITEM_STORY);
    n->large_print = true;
    nav_home(n);
    assert_true(n->large_print);
    assert_string_equal(line(n), "scene: home");
    nav_to_attract(n);
    nav_start_visit(n);
    assert_false(n->large_print);
    nav_open_quiz(n);
    assert_string_equal(line(n), "scene: quiz");
}

static void deep_paths_never_overflow_the_stack(void **state)
{
    struct nav *n = &((struct fixture *)*state)->nav;
    nav_start_visit(n);
    for (int i = 0; i < 40; i++) {
        nav_open_module(n, ITEM_MAXIM);
        nav_open_item(n, 0);
        nav_open_pin(n);
    }
    assert_true(n->depth <= NAV_DEPTH);
    while (nav_back(n))
        ;
    assert_string_equal(line(n), "scene: home");
}

/* Pinned items lead their module's list; hidden ones are left out. Maxims
 * are items 0, 2, 5; cases 1, 4; the story 3. */
static void lists_put_pinned_first_and_hide_the_rest(void **state)
{
    struct fixture *f = *state;
    struct nav n;
    bool shown[6] = {true, true, true, false, true, true};
    f->items[5].pinned = 1;
    f->items[4].pinned = 1;
    assert_int_equal(nav_init_shown(&n, &f->feed, shown), 0);
    assert_int_equal(n.n_members[ITEM_MAXIM], 3);
    assert_int_equal(n.members[ITEM_MAXIM][0], 5);
    assert_int_equal(n.members[ITEM_MAXIM][1], 0);
    assert_int_equal(n.members[ITEM_MAXIM][2], 2);
    assert_int_equal(n.n_members[ITEM_CASE], 2);
    assert_int_equal(n.members[ITEM_CASE][0], 4);
    assert_int_equal(n.members[ITEM_CASE][1], 1);
    assert_int_equal(n.n_members[ITEM_STORY], 0);
    nav_free(&n);
    f->items[5].pinned = f->items[4].pinned = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(modules_hold_their_items_in_feed_order, setup, teardown),
        cmocka_unit_test_setup_teardown(tour_from_attract_to_a_story_and_back, setup, teardown),
        cmocka_unit_test_setup_teardown(maxims_step_around_and_keep_the_list_page, setup, teardown),
        cmocka_unit_test_setup_teardown(a_case_walks_its_pages_then_the_check, setup, teardown),
        cmocka_unit_test_setup_teardown(a_case_without_questions_ends_on_its_last_page, setup, teardown),
        cmocka_unit_test_setup_teardown(admin_replaces_the_pin_pad, setup, teardown),
        cmocka_unit_test_setup_teardown(home_keeps_large_print_and_a_new_visit_resets_it, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_paths_never_overflow_the_stack, setup, teardown),
        cmocka_unit_test_setup_teardown(lists_put_pinned_first_and_hide_the_rest, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
