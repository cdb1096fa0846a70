/* Where a visitor is: the scene on screen and the way back. Pure: the SDL
 * shell turns taps and swipes into these calls and composes whatever scene
 * nav_current() names.
 *
 * Scenes:  attract -> home -> list (廉语警句 | 警示教育 | 身边典型) -> detail
 *          (a case's detail is a guided sequence of pages, then 学后测)
 *          home -> quiz; the hidden gesture -> pin -> admin.
 * Back goes one scene up; home goes to the home menu; the idle timeout
 * (nav_to_attract) ends a visit. */
#ifndef QF_NAV_H
#define QF_NAV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/feed.h"

enum scene_kind {
    SCENE_ATTRACT,
    SCENE_HOME,
    SCENE_LIST,    /* the items of one module, a page of tiles at a time */
    SCENE_DETAIL,  /* one item; for a case, one page of its guided module */
    SCENE_CHECK,   /* 学后测: a case's self-check questions */
    SCENE_QUIZ,    /* 知识挑战赛 */
    SCENE_PIN,     /* admin PIN pad */
    SCENE_ADMIN,   /* maintenance panel */
};

#define NAV_MODULES 3 /* indexed by enum item_kind: maxim, case, story */
#define NAV_DEPTH 8

struct scene {
    enum scene_kind kind;
    enum item_kind module; /* LIST, DETAIL, CHECK */
    size_t list_page;      /* LIST: page shown */
    size_t pos;            /* DETAIL, CHECK: position of the item in its module */
    size_t item;           /* DETAIL, CHECK: feed index of the item */
    size_t page;           /* DETAIL of a case: page index; CHECK: question index */
    unsigned chosen;       /* CHECK: options ticked (bit i = option i) */
    bool revealed;         /* CHECK: the answer and explanation are shown */
};

struct nav {
    const struct feed *feed;
    size_t *members[NAV_MODULES]; /* feed indices of each module's items: pinned ones first, then in feed order */
    size_t n_members[NAV_MODULES];
    size_t per_page[NAV_MODULES]; /* list tiles per page, set by the shell from its layout */
    struct scene stack[NAV_DEPTH];
    size_t depth;                 /* stack[depth - 1] is on screen; stack[0] is attract */
    bool large_print;             /* 大字: reading text enlarged */
};

/* Returns 0, or -1 when memory runs out. The feed must outlive nav. */
int nav_init(struct nav *n, const struct feed *feed);

/* The same, listing only the items with shown[i] true (all when NULL; see
 * core/schedule.h). */
int nav_init_shown(struct nav *n, const struct feed *feed, const bool *shown);
void nav_free(struct nav *n);

const struct scene *nav_current(const struct nav *n);

/* Tiles per page of a module's list (at least 1). */
void nav_set_per_page(struct nav *n, enum item_kind module, size_t per_page);
size_t nav_list_pages(const struct nav *n, enum item_kind module);

/* attract -> home (a visit starts; large print is reset). */
void nav_start_visit(struct nav *n);
/* Opens the list of a module from home. */
void nav_open_module(struct nav *n, enum item_kind module);
/* Opens the item at pos of the current list's module. */
int nav_open_item(struct nav *n, size_t pos);
void nav_open_quiz(struct nav *n);
void nav_open_pin(struct nav *n);
/* pin -> admin, replacing the PIN pad so back leaves the panel. */
void nav_open_admin(struct nav *n);

/* Swipe or arrow: list pages; detail of a maxim or story: previous/next
 * item (wrapping); a case: previous/next page, the page after the last
 * being the 学后测 when the case has questions. Returns true when the
 * scene changed. */
bool nav_step(struct nav *n, int dir);

/* 学后测: ticks an option (single and judgement questions answer at once,
 * multiple choice toggles until nav_check_confirm). */
bool nav_check_choose(struct nav *n, unsigned option);
bool nav_check_confirm(struct nav *n);
/* After the answer: the next question; after the last, back to the case's
 * list. */
bool nav_check_next(struct nav *n);

bool nav_back(struct nav *n);
void nav_home(struct nav *n);
void nav_to_attract(struct nav *n);

/* Number of pages the detail of a case walks through (its pages, at least 1). */
size_t nav_case_pages(const struct feed_item *it);

/* The stable scene line, e.g. "scene: detail item=case-1 page=2/5". */
void nav_scene_line(const struct nav *n, char *buf, size_t len);

#endif
