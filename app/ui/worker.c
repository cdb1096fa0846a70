#include "ui/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/memstat.h"
#include "ui/gfx.h"

#define DONE_MAX 8

struct worker {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *work_cond;  /* the worker waits for wishes */
    SDL_cond *done_cond;  /* worker_wait waits for results */
    struct slide_ctx *ctx;
    Uint32 wake_event;
    bool quit;
    size_t want[WORKER_WANT_MAX];
    size_t n_want;
    bool want_chrome;
    struct screen_key want_screen[WORKER_SCREEN_WANT_MAX];
    size_t n_want_screen;
    bool busy;
    enum worker_kind busy_kind;
    size_t busy_item;
    struct screen_key busy_key;
    struct worker_result done[DONE_MAX];
    size_t n_done;
    bool wake_pending;    /* one wake-up event in flight is enough */
};

static bool done_has(const struct worker *w, size_t item)
{
    for (size_t i = 0; i < w->n_done; i++)
        if (w->done[i].kind == WORKER_SLIDE && w->done[i].item == item)
            return true;
    return false;
}

static bool done_has_screen(const struct worker *w, const struct screen_key *k)
{
    for (size_t i = 0; i < w->n_done; i++)
        if (w->done[i].kind == WORKER_SCREEN && screen_key_equal(&w->done[i].key, k))
            return true;
    return false;
}

static bool has_work(const struct worker *w)
{
    return w->want_chrome || w->n_want > 0 || w->n_want_screen > 0;
}

static int run(void *arg)
{
    struct worker *w = arg;
    SDL_LockMutex(w->lock);
    for (;;) {
        if (!w->quit && !has_work(w)) {
            /* Idle until the next wish, often for a whole dwell: give the
             * composition's freed scratch memory back to the system. */
            SDL_UnlockMutex(w->lock);
            memstat_release();
            SDL_LockMutex(w->lock);
        }
        while (!w->quit && (!has_work(w) || w->n_done >= DONE_MAX))
            SDL_CondWait(w->work_cond, w->lock);
        if (w->quit)
            break;
        enum worker_kind kind;
        size_t item = 0;
        struct screen_key key;
        memset(&key, 0, sizeof key);
        if (w->n_want_screen) {
            kind = WORKER_SCREEN;
            key = w->want_screen[0];
            memmove(w->want_screen, w->want_screen + 1, (w->n_want_screen - 1) * sizeof w->want_screen[0]);
            w->n_want_screen--;
        } else if (w->want_chrome) {
            kind = WORKER_CHROME;
            w->want_chrome = false;
        } else {
            kind = WORKER_SLIDE;
            item = w->want[0];
            memmove(w->want, w->want + 1, (w->n_want - 1) * sizeof w->want[0]);
            w->n_want--;
        }
        w->busy = true;
        w->busy_kind = kind;
        w->busy_item = item;
        w->busy_key = key;
        SDL_UnlockMutex(w->lock);

        Uint64 t0 = SDL_GetTicks64();
        SDL_Surface *s = NULL;
        struct screen *scr = NULL;
        if (kind == WORKER_SCREEN) {
            scr = screen_compose(w->ctx, &key);
            if (scr) { /* the UI thread frees these: no blit links to our cached sources */
                scr->frame = gfx_detach(scr->frame);
                scr->body = gfx_detach(scr->body);
            }
            if (!scr)
                log_err("screen: cannot compose scene %d: %s", (int)key.scene.kind, SDL_GetError());
            else
                log_debug("screen: composed scene %d in %u ms", (int)key.scene.kind,
                          (unsigned)(SDL_GetTicks64() - t0));
        } else {
            s = gfx_detach(kind == WORKER_CHROME ? slide_chrome(w->ctx) : slide_compose(w->ctx, item));
            if (!s)
                log_err("slide: cannot compose %s: %s", kind == WORKER_CHROME ? "the chrome" : "a slide",
                        SDL_GetError());
            else if (kind == WORKER_SLIDE)
                log_debug("slide: composed item=%s in %u ms", w->ctx->feed->items[item].id,
                          (unsigned)(SDL_GetTicks64() - t0));
        }

        slide_art_trim(w->ctx);
        SDL_LockMutex(w->lock);
        w->busy = false;
        w->done[w->n_done++] = (struct worker_result){kind, item, s, scr, key};
        bool push = !w->wake_pending;
        w->wake_pending = true;
        SDL_CondBroadcast(w->done_cond);
        if (push) {
            SDL_Event ev;
            memset(&ev, 0, sizeof ev);
            ev.type = w->wake_event;
            SDL_PushEvent(&ev);
        }
    }
    SDL_UnlockMutex(w->lock);
    return 0;
}

struct worker *worker_create(struct slide_ctx *ctx, Uint32 wake_event, char *err, size_t errlen)
{
    struct worker *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->ctx = ctx;
    w->wake_event = wake_event;
    w->lock = SDL_CreateMutex();
    w->work_cond = SDL_CreateCond();
    w->done_cond = SDL_CreateCond();
    if (w->lock && w->work_cond && w->done_cond)
        w->thread = SDL_CreateThread(run, "qf-slides", w);
    if (!w->thread) {
        snprintf(err, errlen, "SDL_CreateThread() failed: %s", SDL_GetError());
        w->ctx = NULL; /* the caller still owns ctx */
        worker_destroy(w);
        return NULL;
    }
    return w;
}

void worker_destroy(struct worker *w)
{
    if (!w)
        return;
    if (w->thread) {
        SDL_LockMutex(w->lock);
        w->quit = true;
        SDL_CondSignal(w->work_cond);
        SDL_UnlockMutex(w->lock);
        SDL_WaitThread(w->thread, NULL);
    }
    for (size_t i = 0; i < w->n_done; i++) {
        if (w->done[i].surface)
            SDL_FreeSurface(w->done[i].surface);
        screen_free(w->done[i].screen);
    }
    if (w->ctx) {
        slide_ctx_free(w->ctx);
        free(w->ctx);
    }
    if (w->done_cond)
        SDL_DestroyCond(w->done_cond);
    if (w->work_cond)
        SDL_DestroyCond(w->work_cond);
    if (w->lock)
        SDL_DestroyMutex(w->lock);
    free(w);
}

void worker_want(struct worker *w, const size_t *items, size_t n)
{
    SDL_LockMutex(w->lock);
    w->n_want = 0;
    for (size_t i = 0; i < n && w->n_want < WORKER_WANT_MAX; i++) {
        size_t it = items[i];
        bool dup = (w->busy && w->busy_kind == WORKER_SLIDE && w->busy_item == it) || done_has(w, it);
        for (size_t j = 0; !dup && j < w->n_want; j++)
            dup = w->want[j] == it;
        if (!dup)
            w->want[w->n_want++] = it;
    }
    if (w->n_want)
        SDL_CondSignal(w->work_cond);
    SDL_UnlockMutex(w->lock);
}

void worker_want_chrome(struct worker *w)
{
    SDL_LockMutex(w->lock);
    w->want_chrome = true;
    SDL_CondSignal(w->work_cond);
    SDL_UnlockMutex(w->lock);
}

void worker_want_screens(struct worker *w, const struct screen_key *keys, size_t n)
{
    SDL_LockMutex(w->lock);
    w->n_want_screen = 0;
    for (size_t i = 0; i < n && w->n_want_screen < WORKER_SCREEN_WANT_MAX; i++) {
        const struct screen_key *k = &keys[i];
        bool dup = (w->busy && w->busy_kind == WORKER_SCREEN && screen_key_equal(&w->busy_key, k)) ||
                   done_has_screen(w, k);
        for (size_t j = 0; !dup && j < w->n_want_screen; j++)
            dup = screen_key_equal(&w->want_screen[j], k);
        if (!dup)
            w->want_screen[w->n_want_screen++] = *k;
    }
    if (w->n_want_screen)
        SDL_CondSignal(w->work_cond);
    SDL_UnlockMutex(w->lock);
}

bool worker_take(struct worker *w, struct worker_result *out)
{
    SDL_LockMutex(w->lock);
    bool got = w->n_done > 0;
    if (got) {
        *out = w->done[0];
        memmove(w->done, w->done + 1, (w->n_done - 1) * sizeof w->done[0]);
        w->n_done--;
        SDL_CondSignal(w->work_cond); /* room in the queue again */
    } else {
        w->wake_pending = false;
    }
    SDL_UnlockMutex(w->lock);
    return got;
}

void worker_wait(struct worker *w, Uint32 timeout_ms)
{
    SDL_LockMutex(w->lock);
    if (w->n_done == 0 && (w->busy || has_work(w)))
        SDL_CondWaitTimeout(w->done_cond, w->lock, timeout_ms);
    SDL_UnlockMutex(w->lock);
}

bool worker_idle(struct worker *w)
{
    SDL_LockMutex(w->lock);
    bool idle = !w->busy && !has_work(w) && w->n_done == 0;
    SDL_UnlockMutex(w->lock);
    return idle;
}
