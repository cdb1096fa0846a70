/* The outbox uploader: a thread that delivers the documents waiting in the
 * results store, oldest first, each as an HTTP PUT (nginx with WebDAV PUT,
 * or any object store): a quiz result to <report_url>/results/<id>.json, a
 * screen's usage statistics of an hour to
 * <report_url>/stats/<screen_id>/<YYYY-MM-DDTHH>.json. An entry leaves the
 * outbox once the server answered 2xx. A PUT is idempotent: a result's id
 * always carries the same bytes, and a usage document carries the hour's
 * full totals, a later version replacing the earlier on the server, so
 * sending one again after a crash does no harm.
 *
 * When an upload fails it logs one line naming the URL and the reason and
 * waits before the next try: exponential backoff with full jitter
 * (core/backoff), from base_ms up to cap_ms. When the outbox is empty it
 * sleeps until outbox_wake. */
#ifndef QF_NET_OUTBOX_H
#define QF_NET_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/results.h"

struct outbox_settings {
    char report_url[1024];   /* http(s) base URL; "/results/<id>.json" or "/stats/..." is appended */
    char ca_file[512];       /* optional CA bundle, as for the feed */
    char proxy[512];         /* optional; libcurl also honours http(s)_proxy */
    uint32_t base_ms;        /* first retry within this; 0: BACKOFF_BASE_MS (30 s) */
    uint32_t cap_ms;         /* no retry waits longer; 0: BACKOFF_CAP_MS (1 h) */
    long connect_timeout_ms; /* per PUT; 0: fetch_limits_default's (10 s). For tests */
};

struct outbox_status {
    long pending;            /* documents not yet delivered; -1 when unknown */
    unsigned long looks;     /* looks at the outbox since the start (each counts pending anew) */
    unsigned long delivered; /* since the start */
    unsigned failures;       /* failed tries in a row */
    time_t last_success;     /* 0: none since the start */
    char last_error[512];    /* the line of the last failure, kept after later successes; "" when none */
};

struct outbox;

/* Starts the thread, which looks at the outbox at once. `results` must
 * outlive the uploader. Returns NULL with a message in err (a report_url
 * that is not http:// or https://, no memory, no thread). */
struct outbox *outbox_start(const struct outbox_settings *settings, struct results *results, char *err,
                            size_t errlen);

/* Nudges the thread after results_record: when it is idle it uploads at
 * once. While it waits after a failure the wait goes on, so that a server
 * that is down is not hammered by every new round. Async-signal-safe. */
void outbox_wake(struct outbox *o);

/* Stops and joins the thread; an upload in progress is aborted (its entry
 * stays in the outbox for next time). NULL is fine. */
void outbox_stop(struct outbox *o);

void outbox_get_status(struct outbox *o, struct outbox_status *out);

#endif
