/* Interactive screens (home, module lists, reading, 学后测, quiz, PIN pad,
 * admin panel), composed on the slide worker thread like the attract
 * slides: a full-screen opaque picture (the frame), an optional tall body
 * picture the UI thread scrolls inside body_view, and the touch targets.
 * The UI thread draws only live things over them: pressed feedback, the
 * scroll position, the clock, the PIN dots, the idle countdown. */
#ifndef QF_UI_SCREEN_H
#define QF_UI_SCREEN_H

#include <SDL.h>
#include <stdbool.h>
#include <time.h>

#include "core/nav.h"
#include "ui/quiz_view.h"
#include "ui/slide.h"

enum hit_action {
    HIT_NONE,
    HIT_BACK,          /* one scene up */
    HIT_HOME,          /* the home menu */
    HIT_LARGE,         /* toggle 大字 */
    HIT_MODULE,        /* arg: enum item_kind; opens that module's list */
    HIT_QUIZ,          /* 知识挑战赛 */
    HIT_ITEM,          /* arg: position in the current list's module */
    HIT_STEP,          /* arg: -1 / +1: list page, item or case page (nav_step) */
    HIT_OPTION,        /* arg: option index of the 学后测 question */
    HIT_CONFIRM,       /* multiple choice: submit the ticked options */
    HIT_NEXT_QUESTION, /* after the answer: next question or done */
    HIT_PIN_DIGIT,     /* arg: 0..9 */
    HIT_PIN_DELETE,
    HIT_PIN_ENTER,
    HIT_ADMIN_SYNC,
    HIT_ADMIN_RELOAD,
    HIT_ADMIN_EXIT,
    HIT_CLOSE,         /* PIN pad and admin panel: back to where the visitor was */
    HIT_QUIZ_START,    /* 开始挑战 */
    HIT_QUIZ_AGAIN,    /* 再来一次 */
    HIT_QUIZ_BOARD,    /* arg: enum quiz_board; opens or switches the leaderboard */
    HIT_QUIZ_DEPTS,    /* opens the department picker; arg: its page */
    HIT_QUIZ_DEPT,     /* arg: index in the configured list, -1 = anonymous */
    HIT_ADMIN_EXPORT,  /* writes this screen's results as CSV to export_dir */
};

struct hit {
    SDL_Rect r;        /* screen pixels; body pixels when in_body */
    enum hit_action act;
    int arg;
    bool in_body;      /* moves with the scrolled body */
};

/* What the admin panel shows; a snapshot taken by the UI thread when the
 * panel opens (or is refreshed), copied into the request. */
struct admin_status {
    char app_version[32];
    char content[160];      /* feed title and directory */
    char content_version[80]; /* short SHA-256 of feed.json and item count */
    char content_date[40];  /* feed.json modification time */
    char last_sync[160];    /* time and result of the last sync, or why there is none */
    bool syncing;           /* a feed URL is configured: the two rows below are shown */
    char last_success[40];  /* time of the last successful sync, "" for none */
    char last_error[200];   /* time and line of the last failed sync, "" for none */
    char screen_id[64];
    int width, height;
    time_t started;         /* process start, for the app's uptime */
    time_t now;
    char state_dir[256];    /* where free disk space is measured */
    char message[160];      /* result of the last admin action, shown on the panel */
    char sleep[192];        /* the screen sleep schedule ([sleep]) */
};

struct screen_key {
    struct scene scene;
    bool large;                 /* 大字 */
    unsigned serial;            /* bumped to re-compose the same scene (admin refresh) */
    struct admin_status status; /* SCENE_ADMIN only */
    struct quiz_view quiz;      /* SCENE_QUIZ only */
};

#define SCREEN_HITS 48

struct screen {
    struct screen_key key;
    SDL_Surface *frame;         /* w x h, opaque */
    SDL_Surface *body;          /* NULL, or body_view.w wide and as tall as its content (transparent) */
    SDL_Rect body_view;         /* where the body scrolls */
    struct hit hits[SCREEN_HITS];
    size_t n_hits;
    SDL_Rect pin_dots;          /* SCENE_PIN: the UI draws one dot per digit entered here */
    SDL_Rect pin_message;       /* SCENE_PIN: the UI draws the status line here */
    SDL_Rect quiz_ring;         /* SCENE_QUIZ question: the UI draws the countdown ring here */
};

/* "back", "item", "pin-digit"...: names for logs and the script's press. */
const char *hit_action_name(enum hit_action act);

bool screen_key_equal(const struct screen_key *a, const struct screen_key *b);

/* Composes the screen for key. NULL only when memory runs out. */
struct screen *screen_compose(struct slide_ctx *c, const struct screen_key *key);
void screen_free(struct screen *s);

/* Tiles per page of a module's list at this geometry (used by both threads). */
size_t screen_list_per_page(const struct geom *g, enum item_kind module);

/* --- the screens (screen_home.c, screen_list.c, ...) --- */
struct screen *screen_home(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_list(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_detail(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_check(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_quiz(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_quiz_question(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_quiz_board(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_quiz_departments(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_pin(struct slide_ctx *c, const struct screen_key *k);
struct screen *screen_admin(struct slide_ctx *c, const struct screen_key *k);

/* --- parts shared by the screens (screen_parts.c) --- */

/* A new screen with a paper frame; NULL when memory runs out. */
struct screen *screen_new(struct slide_ctx *c, const struct screen_key *k);

void screen_add_hit(struct screen *s, SDL_Rect r, enum hit_action act, int arg, bool in_body);

/* Height of the navigation bar at the top of every screen but home. */
int screen_bar_height(const struct geom *g);

/* The navigation bar: back (返回) on the left, the title in the middle,
 * home (首页) on the right and, when with_large, the 大字 toggle beside it
 * (drawn as on when large_on). Adds their hits. */
void screen_nav_bar(struct slide_ctx *c, struct screen *s, const char *title, bool with_large, bool large_on);

enum button_style { BUTTON_PRIMARY, BUTTON_SECONDARY, BUTTON_QUIET, BUTTON_DISABLED };

/* A button in r (grown to the minimum touch size around its centre when
 * smaller); adds the hit unless disabled. Returns the rectangle used. */
SDL_Rect screen_button(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *label,
                       enum button_style style, enum hit_action act, int arg);

/* Page dots for page of n centred at (cx, cy). */
void screen_page_dots(struct slide_ctx *c, SDL_Surface *dst, int cx, int cy, size_t page, size_t n);

#endif
