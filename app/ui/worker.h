/* The slide-preparation worker: one thread that composes slide pictures
 * (and the static chrome) into SDL_Surfaces, so the UI thread never waits on
 * image decoding or text layout. The UI says which items it wants, in
 * priority order; finished surfaces wait in a small queue and an SDL user
 * event wakes the main loop. Requests are merged, not queued: a new wish
 * list replaces the old one. */
#ifndef QF_UI_WORKER_H
#define QF_UI_WORKER_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "ui/screen.h"
#include "ui/slide.h"

enum worker_kind { WORKER_SLIDE, WORKER_CHROME, WORKER_SCREEN };

struct worker_result {
    enum worker_kind kind;
    size_t item;            /* for WORKER_SLIDE */
    SDL_Surface *surface;   /* owned by the taker; NULL when composing failed */
    struct screen *screen;  /* for WORKER_SCREEN: owned by the taker; NULL when composing failed */
    struct screen_key key;  /* for WORKER_SCREEN */
};

struct worker;

/* Starts the thread, which takes ownership of ctx (freed by worker_destroy).
 * wake_event is an SDL user event type pushed when results are ready.
 * Returns NULL with a message in err. */
struct worker *worker_create(struct slide_ctx *ctx, Uint32 wake_event, char *err, size_t errlen);
void worker_destroy(struct worker *w);

/* Replaces the wish list (at most WORKER_WANT_MAX items, first = most urgent).
 * Items being composed or already finished are not asked again. */
#define WORKER_WANT_MAX 4
void worker_want(struct worker *w, const size_t *items, size_t n);
void worker_want_chrome(struct worker *w);

/* Replaces the list of interactive screens wanted (first = most urgent).
 * Screens come before attract slides: a visitor is waiting for them. */
#define WORKER_SCREEN_WANT_MAX 3
void worker_want_screens(struct worker *w, const struct screen_key *keys, size_t n);

/* Pops one finished result. Returns false when there is none. */
bool worker_take(struct worker *w, struct worker_result *out);

/* Blocks until a result is ready or the worker has nothing left to do, at
 * most timeout_ms. Used only by the scripted mode and the benchmark. */
void worker_wait(struct worker *w, Uint32 timeout_ms);

/* True when nothing is wanted, nothing is being composed and no result waits. */
bool worker_idle(struct worker *w);

#endif
