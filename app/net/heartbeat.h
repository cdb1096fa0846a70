/* The heartbeat: a thread that PUTs this screen's status document
 * (core/heartbeat_doc.h) to <report_url>/screens/<screen_id>/status.json
 * every interval, replacing the one before, and optionally a small picture
 * of the screen to .../screen.png first. Only the newest status matters:
 * there is no queue; a beat that fails is replaced by the next.
 *
 * Timing: beats are due at start (+ first_delay_ms), then every interval,
 * whatever happens in between. After a failed PUT (one warning line naming
 * the URL and the reason) a fresh document is tried again after a backoff
 * (core/backoff, from retry_base_ms, never past the next due beat), so a
 * screen shows up again soon after the network returns, and a long outage
 * costs one try per backoff step, not a pile of old beats.
 *
 * What the UI knows comes in as a snapshot (struct heartbeat_screen): the
 * UI thread copies it in with heartbeat_offer, cheaply, when
 * heartbeat_wants says a beat is about to be built (want_fn wakes it).
 * Everything else (disk, memory, uptimes, log counts, the content's hash,
 * the picture's encoding, the network) happens on this thread. */
#ifndef QF_NET_HEARTBEAT_H
#define QF_NET_HEARTBEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/heartbeat_doc.h"

/* Called on the heartbeat thread just before a beat: must only wake the
 * UI thread (which then calls heartbeat_wants and heartbeat_offer). */
typedef void (*heartbeat_want_fn)(void *ctx);
/* Called on the heartbeat thread: a picture of the screen as PNG bytes
 * (malloc'd, the caller frees). Returns 0, or -1 with why in err ("" when
 * the program is closing: nothing is logged). */
typedef int (*heartbeat_shot_fn)(void *ctx, void **png, size_t *len, char *err, size_t errlen);

struct heartbeat_settings {
    char report_url[1024];     /* http(s) base URL */
    char screen_id[64];        /* heartbeat_id_valid, else heartbeat_start refuses it */
    char ca_file[512];         /* optional CA bundle, as for the feed */
    char proxy[512];           /* optional */
    char state_dir[512];       /* its free space is reported; "" = unknown */
    uint32_t interval_ms;      /* between beats, > 0 */
    uint32_t first_delay_ms;   /* the first beat this long after the start (0: at once) */
    uint32_t retry_base_ms;    /* first retry within this; 0: 15 s (or the interval, if shorter) */
    uint32_t snapshot_wait_ms; /* how long a beat waits for the UI's fresh snapshot; 0: 2 s */
    long connect_timeout_ms;   /* per PUT; 0: fetch_limits_default's (10 s). For tests */
    heartbeat_want_fn want;    /* NULL: the last offered snapshot is used as it is */
    heartbeat_shot_fn shot;    /* NULL: no picture */
    void *ctx;                 /* for want and shot */
};

struct heartbeat_status {
    unsigned long sent;        /* status documents delivered since the start */
    unsigned long begun;       /* beats started (numbered from 1) */
    unsigned long delivered_beat; /* the number of the last beat delivered; 0: none */
    unsigned failures;         /* failed tries in a row */
    time_t last_success;       /* 0: none yet */
    char last_error[512];      /* the last failure's line, kept after later successes; "" when none */
};

struct heartbeat;

/* Checks the settings and starts the thread with `first` as the snapshot.
 * Returns NULL with a message in err: a
 * report_url that is not http(s), a screen id that cannot be a URL path
 * segment (say which characters may be used), no interval, no thread. */
struct heartbeat *heartbeat_start(const struct heartbeat_settings *settings, const struct heartbeat_screen *first,
                                  char *err, size_t errlen);

/* True while a beat waits for a fresh snapshot (UI thread; an atomic load). */
bool heartbeat_wants(struct heartbeat *h);

/* Replaces the snapshot (a struct copy under a mutex; UI thread). */
void heartbeat_offer(struct heartbeat *h, const struct heartbeat_screen *snap);

/* Sends a beat now (a script, an administrator); the regular ones stay
 * due when they were. Returns at once, with the number that beat will
 * have (see heartbeat_status.delivered_beat); 0 for NULL. */
unsigned long heartbeat_now(struct heartbeat *h);

/* Stops and joins the thread; a PUT in progress is aborted. NULL is fine. */
void heartbeat_stop(struct heartbeat *h);

void heartbeat_get_status(struct heartbeat *h, struct heartbeat_status *out);

#endif
