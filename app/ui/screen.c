/* Dispatch from a screen key to the screen that composes it. */
#include "ui/screen.h"

#include <stdlib.h>
#include <string.h>

bool screen_key_equal(const struct screen_key *a, const struct screen_key *b)
{
    const struct scene *x = &a->scene, *y = &b->scene;
    return x->kind == y->kind && x->module == y->module && x->list_page == y->list_page && x->pos == y->pos &&
           x->item == y->item && x->page == y->page && x->chosen == y->chosen && x->revealed == y->revealed &&
           a->large == b->large && a->serial == b->serial &&
           (x->kind != SCENE_QUIZ || !memcmp(&a->quiz, &b->quiz, sizeof a->quiz));
}

struct screen *screen_compose(struct slide_ctx *c, const struct screen_key *key)
{
    switch (key->scene.kind) {
    case SCENE_HOME:
        return screen_home(c, key);
    case SCENE_LIST:
        return screen_list(c, key);
    case SCENE_DETAIL:
        return screen_detail(c, key);
    case SCENE_CHECK:
        return screen_check(c, key);
    case SCENE_QUIZ:
        return screen_quiz(c, key);
    case SCENE_PIN:
        return screen_pin(c, key);
    case SCENE_ADMIN:
        return screen_admin(c, key);
    case SCENE_ATTRACT:
        break;
    }
    return NULL;
}

const char *hit_action_name(enum hit_action act)
{
    static const char *const names[] = {
        [HIT_NONE] = "none",           [HIT_BACK] = "back",           [HIT_HOME] = "home",
        [HIT_LARGE] = "large",         [HIT_MODULE] = "module",       [HIT_QUIZ] = "quiz",
        [HIT_ITEM] = "item",           [HIT_STEP] = "step",           [HIT_OPTION] = "option",
        [HIT_CONFIRM] = "confirm",     [HIT_NEXT_QUESTION] = "next-question",
        [HIT_PIN_DIGIT] = "pin-digit", [HIT_PIN_DELETE] = "pin-delete", [HIT_PIN_ENTER] = "pin-enter",
        [HIT_ADMIN_SYNC] = "admin-sync", [HIT_ADMIN_RELOAD] = "admin-reload", [HIT_ADMIN_EXIT] = "admin-exit",
        [HIT_CLOSE] = "close",         [HIT_QUIZ_START] = "quiz-start", [HIT_QUIZ_AGAIN] = "quiz-again",
        [HIT_QUIZ_BOARD] = "quiz-board", [HIT_QUIZ_DEPTS] = "quiz-depts", [HIT_QUIZ_DEPT] = "quiz-dept",
        [HIT_ADMIN_EXPORT] = "admin-export",
    };
    return (unsigned)act < sizeof names / sizeof names[0] && names[act] ? names[act] : "?";
}

void screen_free(struct screen *s)
{
    if (!s)
        return;
    if (s->frame)
        SDL_FreeSurface(s->frame);
    if (s->body)
        SDL_FreeSurface(s->body);
    free(s);
}
