#include "core/nav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nav_init(struct nav *n, const struct feed *feed)
{
    return nav_init_shown(n, feed, NULL);
}

int nav_init_shown(struct nav *n, const struct feed *feed, const bool *shown)
{
    memset(n, 0, sizeof *n);
    n->feed = feed;
    for (int m = 0; m < NAV_MODULES; m++) {
        n->per_page[m] = 6;
        n->members[m] = calloc(feed->n_items ? feed->n_items : 1, sizeof *n->members[m]);
        if (!n->members[m]) {
            nav_free(n);
            return -1;
        }
    }
    /* pinned items first, each group in feed order */
    for (int pinned = 1; pinned >= 0; pinned--)
        for (size_t i = 0; i < feed->n_items; i++) {
            int m = (int)feed->items[i].kind;
            if ((shown && !shown[i]) || (feed->items[i].pinned != 0) != (pinned != 0))
                continue;
            n->members[m][n->n_members[m]++] = i;
        }
    n->stack[0] = (struct scene){.kind = SCENE_ATTRACT};
    n->depth = 1;
    return 0;
}

void nav_free(struct nav *n)
{
    for (int m = 0; m < NAV_MODULES; m++)
        free(n->members[m]);
    memset(n, 0, sizeof *n);
}

const struct scene *nav_current(const struct nav *n) { return &n->stack[n->depth - 1]; }

static struct scene *top(struct nav *n) { return &n->stack[n->depth - 1]; }

static void push(struct nav *n, struct scene s)
{
    if (n->depth == NAV_DEPTH) /* cannot happen with the scene graph above; stay safe */
        n->depth--;
    n->stack[n->depth++] = s;
}

void nav_set_per_page(struct nav *n, enum item_kind module, size_t per_page)
{
    n->per_page[module] = per_page ? per_page : 1;
    for (size_t i = 0; i < n->depth; i++) {
        struct scene *s = &n->stack[i];
        size_t pages = nav_list_pages(n, module);
        if (s->kind == SCENE_LIST && s->module == module && s->list_page >= pages)
            s->list_page = pages - 1;
    }
}

size_t nav_list_pages(const struct nav *n, enum item_kind module)
{
    size_t k = n->n_members[module], per = n->per_page[module];
    return k ? (k + per - 1) / per : 1;
}

void nav_start_visit(struct nav *n)
{
    n->depth = 1;
    n->large_print = false;
    push(n, (struct scene){.kind = SCENE_HOME});
}

void nav_open_module(struct nav *n, enum item_kind module)
{
    push(n, (struct scene){.kind = SCENE_LIST, .module = module});
}

static struct scene detail_of(const struct nav *n, enum item_kind module, size_t pos)
{
    return (struct scene){.kind = SCENE_DETAIL, .module = module, .pos = pos, .item = n->members[module][pos]};
}

int nav_open_item(struct nav *n, size_t pos)
{
    const struct scene *s = nav_current(n);
    if (s->kind != SCENE_LIST || pos >= n->n_members[s->module])
        return -1;
    push(n, detail_of(n, s->module, pos));
    return 0;
}

void nav_open_quiz(struct nav *n) { push(n, (struct scene){.kind = SCENE_QUIZ}); }

void nav_open_pin(struct nav *n)
{
    if (nav_current(n)->kind != SCENE_PIN && nav_current(n)->kind != SCENE_ADMIN)
        push(n, (struct scene){.kind = SCENE_PIN});
}

void nav_open_admin(struct nav *n)
{
    if (nav_current(n)->kind == SCENE_PIN)
        n->depth--;
    push(n, (struct scene){.kind = SCENE_ADMIN});
}

size_t nav_case_pages(const struct feed_item *it) { return it->n_pages ? it->n_pages : 1; }

/* Keeps the list under a detail on the page that holds the item, so back
 * returns to where the visitor's item is. */
static void sync_list_page(struct nav *n)
{
    if (n->depth < 2)
        return;
    struct scene *d = top(n), *l = &n->stack[n->depth - 2];
    if (l->kind == SCENE_LIST && l->module == d->module)
        l->list_page = d->pos / n->per_page[d->module];
}

static bool step_case(struct nav *n, struct scene *s, int dir)
{
    const struct feed_item *it = &n->feed->items[s->item];
    size_t pages = nav_case_pages(it);
    if (dir > 0 && s->page + 1 < pages) {
        s->page++;
        return true;
    }
    if (dir > 0 && it->n_questions > 0) {
        *s = (struct scene){.kind = SCENE_CHECK, .module = s->module, .pos = s->pos, .item = s->item};
        return true;
    }
    if (dir < 0 && s->page > 0) {
        s->page--;
        return true;
    }
    return false;
}

bool nav_step(struct nav *n, int dir)
{
    struct scene *s = top(n);
    dir = dir < 0 ? -1 : 1;
    switch (s->kind) {
    case SCENE_LIST: {
        size_t pages = nav_list_pages(n, s->module);
        if ((dir < 0 && s->list_page == 0) || (dir > 0 && s->list_page + 1 >= pages))
            return false;
        s->list_page += (size_t)(long)dir;
        return true;
    }
    case SCENE_DETAIL: {
        if (s->module == ITEM_CASE)
            return step_case(n, s, dir);
        size_t k = n->n_members[s->module];
        if (k < 2)
            return false;
        *s = detail_of(n, s->module, (s->pos + k + (size_t)(long)dir) % k);
        sync_list_page(n);
        return true;
    }
    case SCENE_CHECK:
        if (dir < 0 && s->page == 0) {
            const struct feed_item *it = &n->feed->items[s->item];
            *s = detail_of(n, s->module, s->pos);
            s->page = nav_case_pages(it) - 1;
            return true;
        }
        return false;
    default:
        return false;
    }
}

static const struct feed_question *question(const struct nav *n, const struct scene *s)
{
    const struct feed_item *it = &n->feed->items[s->item];
    return s->page < it->n_questions ? &it->questions[s->page] : NULL;
}

bool nav_check_choose(struct nav *n, unsigned option)
{
    struct scene *s = top(n);
    const struct feed_question *q = s->kind == SCENE_CHECK ? question(n, s) : NULL;
    if (!q || s->revealed || option >= q->n_options)
        return false;
    if (q->kind == QUESTION_MULTI) {
        s->chosen ^= 1u << option;
    } else {
        s->chosen = 1u << option;
        s->revealed = true;
    }
    return true;
}

bool nav_check_confirm(struct nav *n)
{
    struct scene *s = top(n);
    if (s->kind != SCENE_CHECK || s->revealed || !s->chosen)
        return false;
    s->revealed = true;
    return true;
}

bool nav_check_next(struct nav *n)
{
    struct scene *s = top(n);
    if (s->kind != SCENE_CHECK || !s->revealed)
        return false;
    const struct feed_item *it = &n->feed->items[s->item];
    if (s->page + 1 < it->n_questions) {
        s->page++;
        s->chosen = 0;
        s->revealed = false;
        return true;
    }
    return nav_back(n);
}

bool nav_back(struct nav *n)
{
    if (n->depth <= 2) { /* home is the floor of a visit */
        if (nav_current(n)->kind == SCENE_HOME)
            return false;
        nav_home(n);
        return true;
    }
    n->depth--;
    return true;
}

void nav_home(struct nav *n)
{
    bool large = n->large_print;
    n->depth = 1;
    push(n, (struct scene){.kind = SCENE_HOME});
    n->large_print = large;
}

void nav_to_attract(struct nav *n)
{
    n->depth = 1;
    n->large_print = false;
}

static const char *module_name(enum item_kind m) { return item_kind_name(m); }

void nav_scene_line(const struct nav *n, char *buf, size_t len)
{
    const struct scene *s = nav_current(n);
    const struct feed_item *it = s->item < n->feed->n_items ? &n->feed->items[s->item] : NULL;
    switch (s->kind) {
    case SCENE_ATTRACT:
        snprintf(buf, len, "scene: attract");
        break;
    case SCENE_HOME:
        snprintf(buf, len, "scene: home");
        break;
    case SCENE_LIST:
        snprintf(buf, len, "scene: list module=%s page=%zu/%zu", module_name(s->module), s->list_page + 1,
                 nav_list_pages(n, s->module));
        break;
    case SCENE_DETAIL:
        if (s->module == ITEM_CASE && it)
            snprintf(buf, len, "scene: detail item=%s page=%zu/%zu", it->id, s->page + 1, nav_case_pages(it));
        else
            snprintf(buf, len, "scene: detail item=%s", it ? it->id : "?");
        break;
    case SCENE_CHECK:
        snprintf(buf, len, "scene: check item=%s question=%zu/%zu%s", it ? it->id : "?", s->page + 1,
                 it ? it->n_questions : 0, s->revealed ? " answered" : "");
        break;
    case SCENE_QUIZ:
        snprintf(buf, len, "scene: quiz");
        break;
    case SCENE_PIN:
        snprintf(buf, len, "scene: pin");
        break;
    case SCENE_ADMIN:
        snprintf(buf, len, "scene: admin");
        break;
    }
}
