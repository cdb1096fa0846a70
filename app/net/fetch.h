/* One HTTP(S) GET or PUT with libcurl, for a worker thread: fetch_get and
 * fetch_put block until the transfer ends, so they never run on the UI
 * thread.
 *
 * Rules it always applies:
 * - TLS peer and host-name verification are on; ca_file can replace the
 *   system CA bundle but nothing turns verification off.
 * - Only http:// and https:// URLs are fetched, and redirects are followed
 *   only to http:// or https:// (from an https:// URL: only to https://).
 * - Every limit in struct fetch_limits is hard: the body is cut off as soon
 *   as it passes max_bytes, also when the server sends no Content-Length.
 * - Proxies: without a proxy in the request, libcurl's environment
 *   variables apply: http_proxy (lower case only), https_proxy or
 *   HTTPS_PROXY, all_proxy or ALL_PROXY, and no_proxy or NO_PROXY. A proxy
 *   in the request replaces the *_proxy variables; no_proxy still applies.
 *
 * Failures come back as one English line naming the URL and the reason
 * (DNS, refused, connect timeout, total timeout, too slow, TLS, too many
 * redirects, HTTP 4xx/5xx, truncated, too large, redirect to another
 * scheme), fit for the log and the admin panel. */
#ifndef QF_NET_FETCH_H
#define QF_NET_FETCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Total time for the feed and for one asset. */
#define FETCH_FEED_TIMEOUT_MS 30000L
#define FETCH_ASSET_TIMEOUT_MS 120000L

struct fetch_limits {
    long connect_timeout_ms; /* DNS lookup + TCP connect + TLS handshake */
    long total_timeout_ms;   /* the whole GET, redirects included */
    long low_speed_bytes;    /* slower than this many bytes per second ... */
    long low_speed_secs;     /* ... for this many seconds: give up */
    uint64_t max_bytes;      /* largest body accepted */
    int max_redirects;       /* redirects followed; 0: a redirect is an error */
};

/* The feed's limits: connect 10 s, total 30 s, slower than 1 KiB/s for
 * 20 s, 16 MiB, 5 redirects. For an asset, set total_timeout_ms to
 * FETCH_ASSET_TIMEOUT_MS and max_bytes to the asset's limit. */
struct fetch_limits fetch_limits_default(void);

struct fetch_request {
    const char *url;           /* http:// or https:// */
    const char *etag;          /* NULL or "": no If-None-Match */
    const char *last_modified; /* NULL or "": no If-Modified-Since */
    const char *ca_file;       /* NULL: the system CA bundle; else a PEM file that replaces it */
    const char *proxy;         /* NULL or "": the environment decides (see above) */
    const char *dest_path;     /* NULL: body into memory; else the body's file (see fetch_get) */
    const struct fetch_limits *limits;  /* NULL: fetch_limits_default() */
    const atomic_bool *cancel; /* NULL, or a flag another thread sets to abort the GET */
    const char *content_type;  /* a PUT's body type; NULL: application/json */
};

#define FETCH_URL_MAX 2048

struct fetch_result {
    int status;                 /* HTTP status of the last response; 0 when none came */
    bool not_modified;          /* 304: what the caller holds is current */
    char *body;                 /* 200 into memory: the body plus a NUL (malloc'd); else NULL */
    size_t len;                 /* body bytes (in memory or in dest_path) */
    char etag[256];             /* ETag of the last response; "" when none or too long */
    char last_modified[64];     /* Last-Modified of the last response; "" likewise */
    char effective_url[FETCH_URL_MAX]; /* the URL after redirects */
    char error[512];            /* after -1: "<url>: <reason>", one line */
};

/* Call once at start, before any thread runs a GET (curl_global_init).
 * Returns 0, or -1 when libcurl cannot start or lacks HTTPS support. */
int fetch_global_init(void);
/* Call once at exit, after every thread is done. */
void fetch_global_cleanup(void);

/* GETs rq->url. Returns 0 on a 200 (the body in out->body, or in
 * rq->dest_path) or on a 304 to a conditional request (out->not_modified;
 * no body). Returns -1 otherwise, with the reason in out->error.
 *
 * With dest_path, the body goes to a temporary file beside it
 * ("<dest_path>.XXXXXX", mode 0600), which is flushed to disk and renamed
 * to dest_path only after a complete 200; on a 304 or a failure dest_path
 * is left as it was and the temporary file is removed.
 *
 * out is always filled in (also on -1): free it with fetch_result_free. */
int fetch_get(const struct fetch_request *rq, struct fetch_result *out);

/* PUTs `len` bytes of `body` to rq->url with "Content-Type:
 * application/json" (or rq->content_type), under the same rules and limits as a GET (TLS,
 * schemes, redirects, timeouts, proxy, cancel); etag, last_modified and
 * dest_path are not used. Returns 0 on any 2xx answer (200, 201 Created,
 * 204 No Content ...), whose body is read (up to max_bytes) and dropped;
 * out->len is its size. Returns -1 otherwise, with the reason in
 * out->error ("<url>: <reason>"). out is always filled in: free it with
 * fetch_result_free. */
int fetch_put(const struct fetch_request *rq, const void *body, size_t len, struct fetch_result *out);

/* Frees the body; the result may be reused. Safe on a zeroed result. */
void fetch_result_free(struct fetch_result *r);

#endif
