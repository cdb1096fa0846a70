/* The kiosk application: all state in one struct, passed to every step of
 * the flat main loop (mpv style): handle events -> advance the timeline ->
 * take finished slides -> render if something changed -> sleep until the
 * next deadline or a wake-up. */
#ifndef QF_UI_APP_H
#define QF_UI_APP_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/attract.h"
#include "core/config.h"
#include "core/feed.h"
#include "core/admin_gesture.h"
#include "core/idle.h"
#include "core/nav.h"
#include "core/pin.h"
#include "core/schedule.h"
#include "core/scroll.h"
#include "core/store.h"
#include "net/sync.h"
#include "ui/app_quiz.h"
#include "ui/app_stats.h"
#include "ui/args.h"
#include "ui/chrome.h"
#include "ui/display.h"
#include "ui/fonts.h"
#include "ui/geom.h"
#include "ui/input.h"
#include "ui/paths.h"
#include "ui/service.h"
#include "ui/stage.h"
#include "ui/view.h"
#include "ui/worker.h"

/* Exit codes of the program. */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct app {
    struct args args;
    struct config cfg;
    char config_file[QF_PATH_MAX]; /* the file read, "" when none */
    struct paths paths;
    char theme_file[QF_PATH_MAX];
    char logo[QF_PATH_MAX];
    struct feed *feed;
    char feed_dir[QF_PATH_MAX];
    struct font_faces faces;

    bool sdl_up, ttf_up, img_up;
    SDL_Window *win;
    SDL_Renderer *ren;
    bool vsync;
    struct display display;     /* rotation: the panel and the logical picture */
    int w, h;                   /* the logical (upright) picture */
    struct geom g;
    Uint32 wake_event;

    struct worker *worker;
    struct view view;
    struct chrome chrome;
    bool chrome_ready;
    struct input input;
    struct attract attract;
    bool attract_up;
    /* Slides kept on the UI thread (app_loop.c): the next one is asked for
     * only shortly before its transition, and on the real clock a
     * transition whose slide is not ready waits for it a little. */
    bool next_wanted;           /* the next slide is among the needed ones */
    int skip_dir;               /* a swipe waiting for its slide: +1, -1; 0 none */
    uint64_t skip_since;
    bool dwell_held;            /* the dwell is over; the next slide is not ready */
    uint64_t browse_until;      /* swiping: both neighbouring slides kept until then */

    /* A visit: the interactive screens (app_visit.c). */
    struct nav nav;
    bool nav_up;
    struct stage stage;
    struct screen_key want_key;     /* the screen the visitor should see */
    struct stage_entry *shown;      /* the screen on display; NULL in the attract loop */
    bool visit_scene_pending;       /* the "scene:" line of the wanted screen is due */
    int pressed;                    /* index of the pressed target in shown->hits, or -1 */
    struct scroll scroll;
    struct idle idle;
    bool idle_shown;
    unsigned idle_seconds;
    float px_per_mm;
    int min_target;                 /* smallest touch target side, pixels */
    struct admin_gesture admin_tap;
    struct pin_guard pin_guard;
    char pin_entry[16];
    char pin_message[160];
    bool pin_message_changed;
    struct admin_status status;
    unsigned admin_serial;
    unsigned admin_rounds_seen; /* sync rounds the admin panel has shown */
    const char *cfg_sync_note;      /* what "sync now" says while no feed URL is configured */
    struct live_text {
        SDL_Texture *tex;
        char text[160];
        int px, w, h;
    } pin_text, idle_text;

    /* 知识挑战赛 (app_quiz.c). */
    struct app_quiz quiz;
    struct live_text quiz_ring_text;

    /* Proof of play and usage (app_stats.c). */
    struct app_stats stats;

    /* Remote content (app_sync.c). */
    struct store *store;
    struct sync *sync;

    /* The heartbeat (app_heartbeat.c); NULL when off. */
    struct app_heartbeat *heartbeat;

    /* Content changes (app_content.c). */
    SDL_Texture *hold;              /* the old picture, held while new content starts */
    bool hold_fading;
    uint64_t hold_fade_start;
    struct feed *pending_feed;      /* a new feed waiting for a calm moment */
    char pending_dir[QF_PATH_MAX];

    /* Screen sleep (app_sleep.c). */
    bool asleep;                    /* the screen is black by the schedule */
    bool sleep_swallow;             /* the touch that woke the screen is still down: it presses nothing */
    int64_t last_touch;             /* wall seconds of the last touch, SLEEP_NO_TOUCH for none */
    /* Schedules and screen groups (app_schedule.c). */
    struct screen_groups groups; /* [schedule] groups */
    bool *sched_shown;           /* per feed item: in this screen's playlist and lists now */
    bool *sched_next;            /* a changed selection waiting for a calm moment; NULL if none */
    time_t sched_until;          /* wall time to select again; 0 = never */
    int sched_pick;              /* 1 + enum schedule_pick of the last selection; 0 before the first */

    /* Time: the real monotonic clock, or the script's virtual one. */
    bool virtual_clock;
    uint64_t vnow;
    time_t wall_start;          /* wall clock at start, for the virtual clock's date */

    bool quit;
    bool dirty;                 /* something changed: present a frame */
    bool scene_pending;         /* the "scene:" line for the current slide is due */
    uint64_t main_entry_ns;     /* for the benchmark's first_frame_ms */
    double first_frame_ms;      /* < 0 until the first frame with a slide */
    unsigned long frames;
    struct service service;     /* systemd readiness and watchdog (app_run only) */
};

/* Everything from the command line to a window with the first slide on its
 * way. Returns EXIT_OK, or an exit code after logging why. help/version are
 * handled by main. */
int app_init(struct app *a, const struct args *args, uint64_t main_entry_ns);
void app_destroy(struct app *a);

/* The interactive kiosk loop. Returns an exit code. */
int app_run(struct app *a);
/* --script: runs the script on the virtual clock. Returns an exit code. */
int app_run_script(struct app *a);
/* --bench N. Returns an exit code. */
int app_run_bench(struct app *a);

/* --- steps shared by the loops (app_loop.c) --- */
uint64_t app_now(const struct app *a);
time_t app_wall(const struct app *a);
/* Feeds one event through the input path. */
void app_handle_event(struct app *a, const SDL_Event *ev);
/* Acts on one input action (from an event, or a long press coming due). */
void app_handle_action(struct app *a, const struct input_action *act, uint64_t now);
/* Drains the SDL event queue without waiting. */
void app_handle_events(struct app *a);
/* Advances the timeline to now; logs scenes; updates the worker's wishes. */
void app_advance(struct app *a, uint64_t now);
/* Uploads finished slides; returns true when something visible changed. */
bool app_take_results(struct app *a);
/* Tells the worker which slides are needed next. */
void app_update_wants(struct app *a);
/* Renders and presents the frame at now. */
void app_present(struct app *a, uint64_t now);
/* Renders the frame at now (does not present). */
void app_render(struct app *a, uint64_t now);
/* True when the frame at now needs textures that are not ready. */
bool app_frame_missing(const struct app *a, uint64_t now);

/* --- a visit (app_visit.c, app_visit_draw.c, app_admin.c) --- */
/* --- start-up steps reused when content is reloaded (app.c) --- */
/* Loads the configured feed, else the bundled one, into a->feed. */
int app_load_feed(struct app *a);
/* Starts the slide worker on a->feed, after loading its quiz bank. */
int app_start_worker(struct app *a);
/* The same without loading the bank again (the lists changed, not the feed). */
int app_spawn_worker(struct app *a);
struct attract_config app_attract_config(const struct config *c);

int app_visit_init(struct app *a, int min_target);
void app_visit_destroy(struct app *a);
bool app_in_visit(const struct app *a);
void app_scene_changed(struct app *a);
void app_want_screens(struct app *a);
void app_take_screen(struct app *a, struct screen *s);
bool app_visit_ready(const struct app *a);
void app_visit_log_scene(struct app *a);
void app_visit_input(struct app *a, const struct input_action *act, uint64_t now);
void app_attract_tap(struct app *a, float x, float y, uint64_t now);
bool app_visit_advance(struct app *a, uint64_t now);
uint64_t app_visit_deadline(const struct app *a, uint64_t now);
void app_visit_render(struct app *a, uint64_t now);
void app_visit_free(struct app *a);
/* Re-reads the admin panel's facts; message is the last action's result. */
void app_status_refresh(struct app *a, const char *message);
/* The short SHA-256 of feed_dir/feed.json (12 hex digits) that the admin
 * panel shows as the content version; "?" when it cannot be read. */
void app_content_hash(const char *feed_dir, char out[13]);
/* Loads the feed again and starts over with it (admin action). */
void app_reload_content(struct app *a);
/* Tiles per list page from the geometry, for every module. */
void app_set_per_page(struct app *a);

/* Logs the one "<6>start: ..." line (app_start_line.c). */
void app_log_start(struct app *a);

/* --- remote content (app_sync.c) --- */
bool app_sync_configured(const struct app *a);
/* Opens the state directory and loads its current version into a->feed.
 * Returns 0 when it did; -1 (logged when it is an error) otherwise. */
int app_open_store(struct app *a);
int app_start_sync(struct app *a);
/* Offers the sync worker's new version to the screen, if one is ready;
 * returns whether there was one. */
bool app_sync_poll(struct app *a);
/* After a sync round: an open admin panel shows its result. */
void app_sync_show_round(struct app *a);
void app_sync_now(struct app *a);
/* The sync facts for the admin panel (last round, last success, last
 * error); empty strings without sync. */
void app_sync_describe(struct app *a, struct admin_status *out);
void app_stop_sync(struct app *a);

/* --- the heartbeat (app_heartbeat.c, docs/heartbeat.md) --- */
/* Starts it when [report] url and heartbeat_minutes are set (logged). */
void app_heartbeat_start(struct app *a);
/* On a wake-up: hands the heartbeat a snapshot when it asks for one.
 * Returns true while it waits for a frame (the next present gives it). */
bool app_heartbeat_poll(struct app *a);
/* Just before a present: copies the frame when the heartbeat asked. */
void app_heartbeat_frame(struct app *a);
/* The number of the last beat delivered, and the last failure; false
 * when off. */
bool app_heartbeat_delivered(struct app *a, unsigned long *beat, char *last_error, size_t len);
/* A beat now (scripts): returns its number. */
unsigned long app_heartbeat_now(struct app *a);
void app_heartbeat_stop(struct app *a);

/* --- 知识挑战赛 (app_quiz.c) --- */
/* Loads the bank of a->feed (none: the quiz says no bank is published). */
void app_quiz_load_bank(struct app *a);
/* Opens state_dir/results.db on its thread and starts the uploader when a
 * report URL is set. Returns 0, or -1 (logged): rounds still play, their
 * results show as not saved. */
int app_quiz_start_store(struct app *a);
/* The results thread, opening the store the first time (NULL when it
 * cannot be opened; logged). */
struct results_worker *app_quiz_results(struct app *a);
/* Records a round in play as abandoned, then stops the threads. */
void app_quiz_stop(struct app *a);
/* The quiz's intro view, when the visitor opens 知识挑战赛. */
void app_quiz_open(struct app *a);
/* A tap on the quiz screen; false when the visit should handle it. */
bool app_quiz_hit(struct app *a, const struct hit *h);
/* Leaving the quiz (home, idle): a round in play is recorded as abandoned. */
void app_quiz_leave(struct app *a);
/* The visit ended: also forgets the department picked. */
void app_quiz_end_visit(struct app *a);
/* Countdown and feedback pause; true while the ring turns. */
bool app_quiz_advance(struct app *a, uint64_t now);
uint64_t app_quiz_deadline(const struct app *a, uint64_t now);
/* Takes the results thread's answers (saved, leaderboards, export). */
void app_quiz_poll(struct app *a);
bool app_quiz_busy(struct app *a);
void app_quiz_wait(struct app *a, unsigned ms);
/* Admin: starts the CSV export; returns the line the panel shows. */
const char *app_quiz_export(struct app *a);
/* The countdown ring at now: the share of time left (0..1), the arc in
 * QUIZ_RING_STEPS steps and the whole seconds shown in it. Returns a key
 * that changes exactly when the drawn ring does. */
#define QUIZ_RING_STEPS 96
int app_quiz_ring(const struct app *a, uint64_t now, float *frac, int *steps, int *seconds);
/* Draws the countdown ring over a question (UI thread). */
void app_quiz_draw_ring(struct app *a, uint64_t now);

/* --- screen sleep (app_sleep.c) --- */
void app_sleep_init(struct app *a);
/* Goes to sleep or wakes as the schedule says (a visit in progress stays
 * until its idle timeout ends it). Returns whether the screen is asleep. */
bool app_sleep_step(struct app *a, uint64_t now);
/* Before each event's input: ends the swallowing of the waking touch. */
void app_sleep_event(struct app *a);
/* Notes a touch; true when it is used up (it woke the screen, or the
 * screen stays asleep, or it is the rest of the waking touch). */
bool app_sleep_input(struct app *a, const struct input_action *act, uint64_t now);
/* The next moment (app_now's clock) when the sleep state may change;
 * UINT64_MAX without a schedule. */
uint64_t app_sleep_deadline(const struct app *a, uint64_t now);
/* "20:00-07:30，周六 周日全天；触摸唤醒 5 分钟" for the admin panel. */
void app_sleep_describe(const struct app *a, char *out, size_t len);

/* --- content changes (app_content.c) --- */
/* Replaces the feed (taking ownership) and starts the loop over with it,
 * holding the picture on screen until the new first slide is ready. */
int app_swap_content(struct app *a, struct feed *feed, const char *dir);

/* --- schedules and screen groups (app_schedule.c) --- */

/* Selects what a->feed shows on this screen now (a->sched_shown). Call after a
 * feed comes in, before the playlist and lists are made. Returns 0, or -1
 * when out of memory. */
int app_schedule_start(struct app *a);
/* At a schedule boundary selects again; a changed selection replaces the
 * playlist and the lists at the next calm moment. */
void app_schedule_advance(struct app *a, uint64_t now);
/* Adds feed item `item` to the selection and the playlist although its
 * schedule or groups hide it now (scripted `show`: previews show every
 * item), until the next change. Returns 0, or -1 when out of memory. */
int app_schedule_include(struct app *a, size_t item, uint64_t now);
/* When app_schedule_advance next has work (UINT64_MAX: never). */
uint64_t app_schedule_deadline(const struct app *a, uint64_t now);
void app_schedule_free(struct app *a);
/* A new feed to show at the next calm moment (takes ownership). */
void app_offer_content(struct app *a, struct feed *feed, const char *dir);
/* Swaps in a pending feed when calm; runs the fade from the held picture. */
void app_content_advance(struct app *a, uint64_t now);
bool app_content_holding(const struct app *a);
/* 0..1: how far the new first slide has faded in over the held picture. */
float app_content_fade(const struct app *a, uint64_t now);
void app_content_free(struct app *a);

#endif
