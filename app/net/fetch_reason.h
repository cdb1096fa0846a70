/* Why a GET failed, in words: the "<reason>" half of fetch_result.error.
 * Internal to app/net: fetch.c gathers the facts, this turns them into
 * one line. */
#ifndef QF_NET_FETCH_REASON_H
#define QF_NET_FETCH_REASON_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/fetch.h"

/* Why fetch.c's own callbacks stopped a transfer. */
enum fetch_stop {
    FETCH_STOP_NONE,
    FETCH_STOP_STATUS,       /* a body came with a status other than 200 */
    FETCH_STOP_TOO_LARGE,    /* the body passed max_bytes */
    FETCH_STOP_ANNOUNCED,    /* Content-Length over max_bytes */
    FETCH_STOP_WRITE,        /* the temporary file could not be written */
    FETCH_STOP_NOMEM,
    FETCH_STOP_CANCELLED,
};

struct fetch_facts {
    CURLcode code;
    const char *curl_error;      /* libcurl's error buffer; may be "" */
    enum fetch_stop stop;
    int sys_errno;               /* with FETCH_STOP_WRITE */
    const char *tmp_path;        /* with FETCH_STOP_WRITE */
    const char *ca_file;         /* NULL or the request's CA file */
    const struct fetch_limits *limits;
    bool conditional;            /* If-None-Match or If-Modified-Since was sent */
    bool https;                  /* the request's URL is https:// */
    int status;                  /* of the last response; 0: none */
    const char *phrase;          /* its reason phrase, as sent (sanitised here) */
    const char *location;        /* its Location header; "" when none */
    const char *host;            /* host and port connected to (or of the URL) */
    long port;
    long os_errno;               /* CURLINFO_OS_ERRNO */
    uint64_t received;           /* body bytes of the last response */
    int64_t content_length;      /* its Content-Length; -1 when none */
    uint64_t header_bytes;       /* response header bytes seen, all responses */
    bool resolved;               /* the host name lookup finished */
    bool connected;              /* a TCP connection was made (to the host or a proxy) */
    bool tls_done;               /* a TLS handshake finished */
    bool tls_expected;           /* the last URL tried is https:// */
    int64_t elapsed_us;          /* curl_easy_perform's run time, measured around it */
    bool put;                    /* a PUT: any 2xx is a success */
};

/* Writes the reason for a failed GET or PUT. Returns true when the facts
 * show a success instead (CURLE_OK with a 200, or a 304 to a conditional
 * GET; any 2xx to a PUT). */
bool fetch_reason(const struct fetch_facts *f, char *out, size_t cap);

/* Copies s into out (cap bytes), replacing control characters and
 * non-ASCII bytes with '?' so a line stays one printable line. */
void fetch_printable(const char *s, char *out, size_t cap);

#endif
