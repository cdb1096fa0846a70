/* Start-up and shut-down of the kiosk: config, theme, feed, fonts, window,
 * worker. One cleanup path: app_destroy undoes whatever app_init reached. */
#include "ui/app.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/log.h"
#include "core/metrics.h"

#define SYSTEM_CONFIG "/etc/qingfeng/kiosk.conf"

static int load_config(struct app *a)
{
    char err[1024];
    config_defaults(&a->cfg);
    const char *file = a->args.config;
    if (!file && path_is_file(SYSTEM_CONFIG))
        file = SYSTEM_CONFIG;
    if (file) {
        if (config_load(&a->cfg, file, err, sizeof err) != 0) {
            log_err("config: %s", err);
            return EXIT_RUNTIME;
        }
        log_debug("config: loaded %s", file);
        snprintf(a->config_file, sizeof a->config_file, "%s", file);
    }
    /* Flags override the file. */
    if (a->args.fullscreen >= 0)
        a->cfg.fullscreen = a->args.fullscreen;
    else if (a->args.script || a->args.bench)
        a->cfg.fullscreen = false; /* scripted runs and benchmarks use --size */
    if (a->args.width) {
        a->cfg.width = a->args.width;
        a->cfg.height = a->args.height;
    }
    if (a->args.rotate >= 0)
        a->cfg.rotate = a->args.rotate;
    if (a->args.dwell_ms >= 0)
        a->cfg.dwell_ms = (uint32_t)a->args.dwell_ms;
    if (a->args.feed && (!strncmp(a->args.feed, "http://", 7) || !strncmp(a->args.feed, "https://", 8)))
        snprintf(a->cfg.feed_url, sizeof a->cfg.feed_url, "%s", a->args.feed);
    else if (a->args.feed)
        snprintf(a->cfg.feed_dir, sizeof a->cfg.feed_dir, "%s", a->args.feed);
    if (a->args.public_key)
        snprintf(a->cfg.public_key, sizeof a->cfg.public_key, "%s", a->args.public_key);
    if (a->args.state_dir)
        snprintf(a->cfg.state_dir, sizeof a->cfg.state_dir, "%s", a->args.state_dir);
    if (a->args.theme)
        snprintf(a->cfg.theme_file, sizeof a->cfg.theme_file, "%s", a->args.theme);
    if (a->args.exit_key)
        snprintf(a->cfg.exit_key, sizeof a->cfg.exit_key, "%s", a->args.exit_key);
    return EXIT_OK;
}

static void load_theme(struct app *a)
{
    char err[1024];
    char def[QF_PATH_MAX];
    a->theme_file[0] = 0;
    if (a->cfg.theme_file[0])
        snprintf(a->theme_file, sizeof a->theme_file, "%s", a->cfg.theme_file);
    else if (path_join(def, sizeof def, a->paths.assets, "theme.ini") == 0 && path_is_file(def))
        snprintf(a->theme_file, sizeof a->theme_file, "%s", def);
    if (a->theme_file[0]) {
        if (theme_load(&a->cfg.theme, a->theme_file, err, sizeof err) != 0) {
            log_err("theme: %s; using the default theme", err);
            theme_defaults(&a->cfg.theme);
            a->theme_file[0] = 0;
        } else {
            log_debug("theme: loaded %s", a->theme_file);
        }
    }
    /* The logo is relative to the theme file's folder (or the assets). */
    const char *logo = a->cfg.theme.logo;
    a->logo[0] = 0;
    if (!logo[0])
        return;
    if (logo[0] == '/') {
        snprintf(a->logo, sizeof a->logo, "%s", logo);
    } else {
        char dir[QF_PATH_MAX];
        if (a->theme_file[0])
            path_dirname(dir, sizeof dir, a->theme_file);
        else
            snprintf(dir, sizeof dir, "%s", a->paths.assets);
        if (path_join(a->logo, sizeof a->logo, dir, logo) != 0)
            a->logo[0] = 0;
    }
}

int app_load_feed(struct app *a)
{
    char err[1024];
    /* Offline first: the last good downloaded version, when syncing. */
    if (!a->cfg.feed_dir[0] && app_sync_configured(a) && app_open_store(a) == 0)
        return EXIT_OK;
    if (a->cfg.feed_dir[0]) {
        a->feed = feed_load_dir(a->cfg.feed_dir, err, sizeof err);
        if (a->feed) {
            snprintf(a->feed_dir, sizeof a->feed_dir, "%s", a->cfg.feed_dir);
            return EXIT_OK;
        }
        log_err("feed: %s; showing the bundled feed instead", err);
    }
    a->feed = feed_load_dir(a->paths.bundled_feed, err, sizeof err);
    if (!a->feed) {
        log_err("feed: %s", err);
        return EXIT_RUNTIME;
    }
    snprintf(a->feed_dir, sizeof a->feed_dir, "%s", a->paths.bundled_feed);
    return EXIT_OK;
}

int app_start_worker(struct app *a)
{
    app_quiz_load_bank(a);
    return app_spawn_worker(a);
}

int app_spawn_worker(struct app *a)
{
    char err[1024];
    struct slide_ctx *ctx = malloc(sizeof *ctx);
    if (!ctx) {
        log_err("out of memory");
        return EXIT_RUNTIME;
    }
    if (slide_ctx_init(ctx, a->w, a->h, a->feed, a->feed_dir, &a->cfg.theme, a->logo, a->paths.assets, &a->faces,
                       err, sizeof err) != 0) {
        log_err("%s", err);
        slide_ctx_free(ctx);
        free(ctx);
        return EXIT_RUNTIME;
    }
    /* the lists this screen's schedule shows, in the worker's own copy */
    struct nav lists;
    if (nav_init_shown(&lists, a->feed, a->sched_shown) != 0 || slide_ctx_set_members(ctx, &lists) != 0) {
        nav_free(&lists);
        log_err("out of memory");
        slide_ctx_free(ctx);
        free(ctx);
        return EXIT_RUNTIME;
    }
    nav_free(&lists);
    ctx->min_target = a->min_target;
    ctx->large_scale = a->cfg.large_print_scale;
    ctx->bank = &a->quiz.bank;
    ctx->cfg = &a->cfg;
    a->worker = worker_create(ctx, a->wake_event, err, sizeof err);
    if (!a->worker) {
        log_err("%s", err);
        slide_ctx_free(ctx);
        free(ctx);
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

struct attract_config app_attract_config(const struct config *c)
{
    struct attract_config ac = {.dwell_ms = c->dwell_ms, .transition_ms = c->transition_ms};
    if (!strcasecmp(c->transition, "slide"))
        ac.transition = TRANSITION_SLIDE;
    else if (!strcasecmp(c->transition, "fade"))
        ac.transition = TRANSITION_FADE;
    else
        ac.mixed = true;
    return ac;
}

static int open_window(struct app *a)
{
    /* Without a display (offscreen, dummy) there is nothing to accelerate,
     * and an EGL pbuffer that is never really swapped lets llvmpipe queue
     * work (and memory) without bound: draw in software there, and keep
     * SDL from loading the GL stack for the window at all. */
    const char *drv = SDL_GetCurrentVideoDriver();
    bool headless = drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy"));
    if (headless)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* Closing the window is not quitting: a fullscreen kiosk ignores it (a
     * window manager's Alt+F4 must not end the exhibition); SIGTERM still
     * quits. */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int w = a->cfg.width > 0 ? a->cfg.width : 1280, h = a->cfg.height > 0 ? a->cfg.height : 720;
    if (a->cfg.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        /* Made at the screen's size: an X server without a window manager
         * (xinit) leaves the window as created, whatever fullscreen asks. */
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w >= 64 && dm.h >= 64) {
            w = dm.w;
            h = dm.h;
        }
    }
    a->win = SDL_CreateWindow("\xE6\xB8\x85\xE9\xA3\x8E Qingfeng", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                              flags);
    if (!a->win) {
        log_err("SDL_CreateWindow() failed: %s", SDL_GetError());
        return EXIT_RUNTIME;
    }
    Uint32 rflags = SDL_RENDERER_ACCELERATED | (a->args.bench ? 0 : SDL_RENDERER_PRESENTVSYNC);
    a->ren = headless ? NULL : SDL_CreateRenderer(a->win, -1, rflags);
    if (!a->ren) {
        log_debug("video: no accelerated renderer (%s); using the software renderer", SDL_GetError());
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!a->ren) {
        log_err("SDL_CreateRenderer() failed: %s", SDL_GetError());
        return EXIT_RUNTIME;
    }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(a->ren, &info);
    a->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    int panel_w, panel_h;
    if (SDL_GetRendererOutputSize(a->ren, &panel_w, &panel_h) != 0 || panel_w < 64 || panel_h < 64) {
        log_err("SDL_GetRendererOutputSize() failed: %s", SDL_GetError());
        return EXIT_RUNTIME;
    }
    char err[512];
    if (display_init(&a->display, a->ren, a->cfg.rotate, panel_w, panel_h, err, sizeof err) != 0) {
        log_err("video: %s", err);
        return EXIT_RUNTIME;
    }
    a->w = a->display.w;
    a->h = a->display.h;
    /* A kiosk shows no pointer; a development window keeps it. */
    if (a->cfg.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    /* The screen stays on: blanking is the app's own black screen (the
     * sleep schedule), never the system's screen saver or DPMS timeout. */
    SDL_DisableScreenSaver();
    char rot[64];
    display_describe(&a->display, rot, sizeof rot);
    log_info("video: %dx%d driver=%s renderer=%s vsync=%d %s cursor=%s screensaver=%s", a->w, a->h,
             SDL_GetCurrentVideoDriver(), info.name, a->vsync, rot,
             SDL_ShowCursor(SDL_QUERY) == SDL_ENABLE ? "shown" : "hidden",
             SDL_IsScreenSaverEnabled() ? "on" : "off");
    return EXIT_OK;
}

int app_init(struct app *a, const struct args *args, uint64_t main_entry_ns)
{
    char err[1024];
    memset(a, 0, sizeof *a);
    a->args = *args;
    a->main_entry_ns = main_entry_ns;
    a->first_frame_ms = -1;
    a->virtual_clock = args->script != NULL || args->bench > 0;
    a->wall_start = time(NULL);
    app_sleep_init(a);
    if (args->verbose)
        log_set_max_level(LOG_LEVEL_DEBUG);

    int rc = load_config(a);
    if (rc)
        return rc;
    if (paths_resolve(&a->paths, err, sizeof err) != 0) {
        log_err("paths: %s", err);
        return EXIT_RUNTIME;
    }
    log_debug("paths: bundled feed %s, assets %s", a->paths.bundled_feed, a->paths.assets);
    load_theme(a);
    if ((rc = app_load_feed(a)))
        return rc;
    log_info("feed: %s: %zu items", a->feed_dir, a->feed->n_items);

    if (font_faces_find(&a->faces, a->cfg.font_kai, a->cfg.font_sans, err, sizeof err) != 0) {
        log_err("%s", err);
        return EXIT_RUNTIME;
    }
    log_debug("font: kai %s#%ld, sans %s#%ld, bold %s#%ld", a->faces.kai.file, a->faces.kai.index,
              a->faces.sans.file, a->faces.sans.index, a->faces.bold.file, a->faces.bold.index);

    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        display_init_failed(SDL_GetError());
        return EXIT_RUNTIME;
    }
    a->sdl_up = true;
    /* With no display SDL falls back to its offscreen driver: a kiosk that
     * shows nothing must fail (systemd restarts it), unless asked for. */
    const char *drv = SDL_GetCurrentVideoDriver(), *want = getenv("SDL_VIDEODRIVER");
    if (!(want && *want) && !args->script && !args->bench && drv &&
        (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy"))) {
        display_init_failed("only the offscreen driver is left, which shows nothing");
        return EXIT_RUNTIME;
    }
    if (TTF_Init() != 0) {
        log_err("TTF_Init() failed: %s", TTF_GetError());
        return EXIT_RUNTIME;
    }
    a->ttf_up = true;
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    a->img_up = true;
    if ((rc = open_window(a)))
        return rc;
    app_log_start(a);
    geom_init(&a->g, a->w, a->h);
    a->wake_event = SDL_RegisterEvents(1);
    if (a->wake_event == (Uint32)-1) {
        log_err("SDL_RegisterEvents() failed: %s", SDL_GetError());
        return EXIT_RUNTIME;
    }

    a->px_per_mm = metrics_px_per_mm(a->cfg.dpi, a->cfg.diagonal_in, a->w, a->h);
    int min_target = metrics_min_target_px(a->px_per_mm);
    SDL_Keycode exit_key = SDLK_UNKNOWN;
    if (a->cfg.exit_key[0]) {
        exit_key = SDL_GetKeyFromName(a->cfg.exit_key);
        if (exit_key == SDLK_UNKNOWN)
            log_warn("config: exit_key \"%s\" is not a key name SDL knows (e.g. Escape, F12); no key quits",
                     a->cfg.exit_key);
    }

    a->min_target = min_target;
    if (app_schedule_start(a) != 0)
        return EXIT_RUNTIME;
    if ((rc = app_start_worker(a)))
        return rc;
    if (chrome_init(&a->chrome, a->ren, &a->g, &a->cfg.theme, &a->faces, err, sizeof err) != 0) {
        log_err("%s", err);
        return EXIT_RUNTIME;
    }
    a->chrome_ready = true;
    view_init(&a->view, a->ren, a->w, a->h);
    input_init(&a->input, a->w, a->h, !a->cfg.fullscreen, a->px_per_mm, exit_key);
    int win_w, win_h;
    SDL_GetWindowSize(a->win, &win_w, &win_h);
    input_set_rotation(&a->input, a->display.rotate, win_w, win_h);
    if (app_visit_init(a, min_target) != 0)
        return EXIT_RUNTIME;

    struct attract_config ac = app_attract_config(&a->cfg);
    if (attract_init_shown(&a->attract, a->feed, a->sched_shown, &ac, app_now(a)) != 0) {
        log_err("attract: the feed has no items to show");
        return EXIT_RUNTIME;
    }
    a->attract_up = true;
    a->scene_pending = true;
    if (app_sync_configured(a) && !a->cfg.feed_dir[0] && !a->args.bench)
        app_start_sync(a);
    app_heartbeat_start(a);
    worker_want_chrome(a->worker);
    app_update_wants(a);

    /* Paper at once, never a black or garbage window while slides are made. */
    struct rgb p = a->cfg.theme.paper;
    display_begin(&a->display);
    SDL_SetRenderDrawColor(a->ren, p.r, p.g, p.b, 255);
    SDL_RenderClear(a->ren);
    display_present(&a->display);
    a->dirty = true;
    return EXIT_OK;
}

void app_destroy(struct app *a)
{
    app_heartbeat_stop(a);     /* it reads the sync and outbox status, and wakes the UI through SDL */
    app_stop_sync(a);          /* its thread writes into the store */
    app_quiz_stop(a);          /* records a round in play, drains the results thread */
    worker_destroy(a->worker); /* joins the thread first: it uses feed, bank and theme */
    a->worker = NULL;
    qbank_free(&a->quiz.bank);
    app_visit_destroy(a);
    app_content_free(a);
    app_schedule_free(a);
    if (a->chrome_ready)
        chrome_free(&a->chrome);
    view_clear(&a->view);
    if (a->attract_up)
        attract_free(&a->attract);
    display_free(&a->display);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    if (a->feed)
        feed_free(a->feed);
    if (a->img_up)
        IMG_Quit();
    if (a->ttf_up)
        TTF_Quit();
    if (a->sdl_up)
        SDL_Quit();
    FcFini();
    log_flush(); /* repeats still being counted, after the threads' last lines */
    memset(a, 0, sizeof *a);
}
