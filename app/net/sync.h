/* The sync worker: a thread that keeps the local store in step with a feed
 * published on any static web server. Each round: a conditional GET of
 * feed.json; its minisign signature when a key is configured; the same
 * validation the feed tool runs; then only the assets whose SHA-256 the
 * store lacks, each checked for size, hash and (pictures) decodability;
 * then one atomic commit. Anything wrong is one log line naming the URL and
 * the reason, the content on screen stays, and the next round backs off.
 * The UI learns of a new version through a callback and takes it at a calm
 * moment with sync_take. */
#ifndef QF_NET_SYNC_H
#define QF_NET_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/feed.h"
#include "core/minisign.h"
#include "core/store.h"

struct sync_settings {
    char url[1024];           /* feed.json URL (http or https) */
    bool has_key;
    struct minisign_key key;  /* signatures are required when has_key */
    uint32_t interval_ms;     /* between rounds, with jitter */
    char ca_file[512];        /* optional CA bundle */
    char proxy[512];          /* optional; libcurl also honours http(s)_proxy */
    uint64_t max_feed_bytes;
    uint64_t max_asset_bytes;
    uint64_t max_image_pixels;
    char allow_hosts[512];    /* other hosts assets may be redirected to */
    long connect_timeout_ms;  /* per request; 0: fetch_limits_default's (10 s). For tests */
};

struct sync_status {
    char version[96];         /* the current version in the store, "" when none */
    unsigned rounds;          /* rounds done since the start */
    time_t last_attempt;      /* 0: none yet */
    time_t last_success;
    char last_result[512];    /* "new version ...", "not modified", or the error line */
    bool ok;                  /* the last round succeeded */
    time_t last_error_at;     /* 0: no failed round since the start */
    char last_error[512];     /* the line of the last failed round, kept after later successes */
};

/* Checks that a downloaded picture decodes (the UI passes SDL_image);
 * returns 0, or -1 with why in err. */
typedef int (*sync_decode_fn)(const char *path, char *err, size_t errlen);
/* Called from the sync thread when a new version is ready (or the status
 * changed); must only wake the UI thread. */
typedef void (*sync_notify_fn)(void *ctx);

struct sync;

/* Starts the thread. The store must outlive the worker. Returns NULL with
 * a message in err. */
struct sync *sync_start(const struct sync_settings *settings, struct store *store, sync_decode_fn decode,
                        sync_notify_fn notify, void *ctx, char *err, size_t errlen);
/* Stops and joins the thread (an ongoing transfer is aborted). */
void sync_stop(struct sync *s);
/* Starts a round now (admin: 立即同步, or SIGUSR1). Async-signal-safe. */
void sync_now(struct sync *s);
/* Takes a new version: its validated feed (the caller owns it) and its
 * folder. Returns false when there is none waiting. */
bool sync_take(struct sync *s, struct feed **feed, char *dir, size_t dirlen);
void sync_get_status(struct sync *s, struct sync_status *out);

#endif
