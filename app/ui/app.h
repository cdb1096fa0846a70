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
#include "ui/args.h"
#include "ui/chrome.h"
#include "ui/fonts.h"
#include "ui/geom.h"
#include "ui/input.h"
#include "ui/paths.h"
#include "ui/view.h"
#include "ui/worker.h"

/* Exit codes of the program. */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct app {
    struct args args;
    struct config cfg;
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
    int w, h;
    struct geom g;
    Uint32 wake_event;

    struct worker *worker;
    struct view view;
    struct chrome chrome;
    bool chrome_ready;
    struct input input;
    struct attract attract;
    bool attract_up;

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

#endif
