#include "net/fetch_reason.h"

#include "net/curl_lib.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void fetch_printable(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    if (!cap)
        return;
    for (; s && *s && n + 1 < cap; s++)
        out[n++] = (*s >= 0x20 && *s < 0x7f) ? *s : '?';
    out[n] = 0;
}

static const char *bytes(uint64_t n)
{
    return n == 1 ? "byte" : "bytes";
}

/* Seconds for a limit in milliseconds: "10 s", "0.5 s". */
static void secs(long ms, char *out, size_t cap)
{
    if (ms % 1000 == 0)
        snprintf(out, cap, "%ld s", ms / 1000);
    else
        snprintf(out, cap, "%ld.%03ld s", ms / 1000, ms % 1000);
    /* "0.500 s" -> "0.5 s" */
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = strchr(out, ' ');
        while (end > dot + 2 && end[-1] == '0') {
            memmove(end - 1, end, strlen(end) + 1);
            end--;
        }
    }
}

static bool is_tls_code(CURLcode c)
{
    switch (c) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}

/* The HTTP status as a reason: "server answered HTTP 404 (Not Found)". */
static void http_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    char phrase[64];
    fetch_printable(f->phrase, phrase, sizeof phrase);
    char shown[80] = "";
    if (phrase[0])
        snprintf(shown, sizeof shown, " (%s)", phrase);
    if (f->put && f->status == 405)
        snprintf(out, cap, "server answered HTTP 405%s: it does not take PUT here (nginx: dav_methods PUT)", shown);
    else if (f->put && f->status == 409)
        snprintf(out, cap, "server answered HTTP 409%s: the folder does not exist (nginx: create_full_put_path on)",
                 shown);
    else if (f->status >= 400)
        snprintf(out, cap, "server answered HTTP %d%s", f->status, shown);
    else if (f->put && f->status >= 300 && f->status < 400)
        snprintf(out, cap, "server answered HTTP %d%s without a usable Location", f->status, shown);
    else if (f->put)
        snprintf(out, cap, "server answered HTTP %d%s; a PUT needs a 2xx answer", f->status, shown);
    else if (f->status == 304)
        snprintf(out, cap, "server answered HTTP 304 (Not Modified) to a request that was not conditional");
    else if (f->status >= 300 && f->status < 400)
        snprintf(out, cap, "server answered HTTP %d%s without a usable Location", f->status, shown);
    else
        snprintf(out, cap, "server answered HTTP %d%s; only 200 and 304 are accepted", f->status, shown);
}

/* CURLE_OPERATION_TIMEDOUT: which limit it was, from how far the
 * transfer got. */
static void timeout_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    const struct fetch_limits *l = f->limits;
    char t[32];
    long connect_ms = l->connect_timeout_ms < l->total_timeout_ms ? l->connect_timeout_ms : l->total_timeout_ms;
    secs(connect_ms, t, sizeof t);
    if (!f->resolved) {
        snprintf(out, cap, "connect timeout: the DNS lookup of \"%s\" did not finish within %s", f->host, t);
    } else if (!f->connected) {
        snprintf(out, cap, "connect timeout: no connection to %s port %ld within %s", f->host, f->port, t);
    } else if (f->tls_expected && !f->tls_done) {
        snprintf(out, cap, "connect timeout: the TLS handshake with %s did not finish within %s", f->host, t);
    } else if (f->elapsed_us + 20000 >= (int64_t)l->total_timeout_ms * 1000) {
        /* (libcurl's clock counts whole milliseconds: it may end a hair early) */
        secs(l->total_timeout_ms, t, sizeof t);
        snprintf(out, cap, "total timeout: the transfer took longer than %s (%" PRIu64 " %s received)", t,
                 f->received, bytes(f->received));
    } else if (f->header_bytes == 0) {
        snprintf(out, cap, "too slow: the server accepted the connection but sent no response for %ld s",
                 l->low_speed_secs);
    } else {
        snprintf(out, cap, "too slow: less than %ld bytes/s for %ld s (%" PRIu64 " %s received)",
                 l->low_speed_bytes, l->low_speed_secs, f->received, bytes(f->received));
    }
}

/* Ends of the body: truncated, or too large. */
static void truncated_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    if (f->content_length >= 0)
        snprintf(out, cap, "truncated body: the connection closed after %" PRIu64 " of %" PRId64 " bytes",
                 f->received, f->content_length);
    else
        snprintf(out, cap, "truncated body: the connection closed after %" PRIu64 " %s, before the end",
                 f->received, bytes(f->received));
}

static void too_large_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    if (f->stop == FETCH_STOP_ANNOUNCED)
        snprintf(out, cap, "body too large: the server announced %" PRId64 " bytes, over the limit of %" PRIu64
                 " bytes", f->content_length, f->limits->max_bytes);
    else
        snprintf(out, cap, "body too large: more than the limit of %" PRIu64 " bytes; stopped there",
                 f->limits->max_bytes);
}

static void connect_reason(const struct fetch_facts *f, char *out, size_t cap, const char *detail)
{
    switch (f->os_errno) {
    case ECONNREFUSED:
        snprintf(out, cap, "connection refused by %s port %ld", f->host, f->port);
        break;
    case ENETUNREACH:
        snprintf(out, cap, "cannot connect to %s port %ld: network unreachable", f->host, f->port);
        break;
    case EHOSTUNREACH:
        snprintf(out, cap, "cannot connect to %s port %ld: host unreachable", f->host, f->port);
        break;
    default:
        snprintf(out, cap, "cannot connect to %s port %ld (%s)", f->host, f->port, detail);
        break;
    }
}

/* The transfer ended with CURLE_OK or was stopped by our callbacks. */
static bool own_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    switch (f->stop) {
    case FETCH_STOP_STATUS:
        http_reason(f, out, cap);
        return false;
    case FETCH_STOP_TOO_LARGE:
    case FETCH_STOP_ANNOUNCED:
        too_large_reason(f, out, cap);
        return false;
    case FETCH_STOP_WRITE:
        snprintf(out, cap, "cannot write %s: %s", f->tmp_path, strerror(f->sys_errno));
        return false;
    case FETCH_STOP_NOMEM:
        snprintf(out, cap, "out of memory for a body of %" PRIu64 " bytes", f->received);
        return false;
    case FETCH_STOP_CANCELLED:
        snprintf(out, cap, "cancelled");
        return false;
    case FETCH_STOP_NONE:
        break;
    }
    if (f->put ? f->status >= 200 && f->status < 300 : f->status == 200 || (f->status == 304 && f->conditional))
        return true;
    http_reason(f, out, cap);
    return false;
}

bool fetch_reason(const struct fetch_facts *f, char *out, size_t cap)
{
    char detail[CURL_ERROR_SIZE + 32], code[32];
    snprintf(code, sizeof code, "libcurl error %d", (int)f->code);
    const char *said = f->curl_error && f->curl_error[0] ? f->curl_error
                       : curl_lib.easy_strerror            ? curl_lib.easy_strerror(f->code)
                                                           : code;
    fetch_printable(said, detail, sizeof detail);
    char location[300];
    fetch_printable(f->location, location, sizeof location);
    if (f->stop != FETCH_STOP_NONE || f->code == CURLE_OK)
        return own_reason(f, out, cap);
    switch (f->code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
        if (f->status >= 300 && f->status < 400 && location[0])
            snprintf(out, cap, "redirect to a non-%s address refused: %s", f->https ? "HTTPS" : "HTTP(S)",
                     location);
        else
            snprintf(out, cap, "not an http:// or https:// URL (%s)", detail);
        break;
    case CURLE_URL_MALFORMAT:
        snprintf(out, cap, "not a valid URL (%s)", detail);
        break;
    case CURLE_COULDNT_RESOLVE_PROXY:
        snprintf(out, cap, "DNS failure: cannot resolve the proxy's host name (%s)", detail);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        snprintf(out, cap, "DNS failure: cannot resolve host name \"%s\"", f->host);
        break;
    case CURLE_COULDNT_CONNECT:
        connect_reason(f, out, cap, detail);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        timeout_reason(f, out, cap);
        break;
    case CURLE_TOO_MANY_REDIRECTS:
        snprintf(out, cap, "too many redirects: more than %d", f->limits->max_redirects);
        break;
    case CURLE_PARTIAL_FILE:
        truncated_reason(f, out, cap);
        break;
    case CURLE_GOT_NOTHING:
        snprintf(out, cap, "the server closed the connection without a response");
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        snprintf(out, cap, "connection lost after %" PRIu64 " body %s (%s)", f->received, bytes(f->received), detail);
        break;
    case CURLE_WEIRD_SERVER_REPLY:
        snprintf(out, cap, "not an HTTP response (%s)", detail);
        break;
    case CURLE_OUT_OF_MEMORY:
        snprintf(out, cap, "out of memory (%s)", detail);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
        snprintf(out, cap, "TLS certificate verification failed (%s)", detail);
        break;
    case CURLE_SSL_CACERT_BADFILE:
        if (f->ca_file)
            snprintf(out, cap, "TLS failure: cannot use the CA file %s (%s)", f->ca_file, detail);
        else
            snprintf(out, cap,
                     "TLS failure: cannot read the system's CA certificates (%s); install the ca-certificates "
                     "package, or set ca_file",
                     detail);
        break;
    default:
        if (is_tls_code(f->code))
            snprintf(out, cap, "TLS failure (%s)", detail);
        else
            snprintf(out, cap, "transfer failed (%s; curl error %d)", detail, (int)f->code);
        break;
    }
    return false;
}
