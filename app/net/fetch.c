#include "net/fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "net/curl_lib.h"
#include "net/fetch_reason.h"

struct fetch_limits fetch_limits_default(void)
{
    return (struct fetch_limits){
        .connect_timeout_ms = 10000,
        .total_timeout_ms = FETCH_FEED_TIMEOUT_MS,
        .low_speed_bytes = 1024,
        .low_speed_secs = 20,
        .max_bytes = 16u << 20,
        .max_redirects = 5,
    };
}

int fetch_global_init(void)
{
    char err[512];
    if (curl_lib_load(err, sizeof err) != 0) {
        log_err("%s", err);
        return -1;
    }
    if (curl_lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    const curl_version_info_data *v = curl_lib.version_info(CURLVERSION_NOW);
    if (!(v->features & CURL_VERSION_SSL)) {
        curl_lib.global_cleanup();
        return -1;
    }
    return 0;
}

void fetch_global_cleanup(void)
{
    if (curl_lib.global_cleanup) /* loaded: fetch_global_init ran */
        curl_lib.global_cleanup();
}

void fetch_result_free(struct fetch_result *r)
{
    free(r->body);
    r->body = NULL;
    r->len = 0;
}

/* One GET in progress: what the callbacks learn and where the body goes. */
struct transfer {
    const struct fetch_request *rq;
    const struct fetch_limits *limits;
    enum fetch_stop stop;
    int sys_errno;
    /* the response being read (reset by each status line) */
    int status;
    char phrase[64];
    char etag[256];
    char last_modified[64];
    char location[512];
    int64_t content_length;
    uint64_t received;
    uint64_t header_bytes;
    /* the body: into memory, or into a temporary file */
    char *body;
    size_t cap;
    int fd;
    char tmp_path[4096];
    struct curl_slist *headers;  /* If-None-Match, If-Modified-Since; Content-Type for a PUT */
    /* a PUT: the body sent (NULL for a GET) and how far it has gone */
    const char *put_body;
    size_t put_len, put_pos;
};

/* The answers that end a transfer well: 200 to a GET, any 2xx to a PUT
 * (201 Created, 204 No Content ...). */
static bool status_wanted(const struct transfer *t)
{
    return t->put_body ? t->status >= 200 && t->status < 300 : t->status == 200;
}

/* ---- response headers ------------------------------------------------------- */

static void new_response(struct transfer *t, const char *line, size_t len)
{
    char buf[128];
    size_t n = len < sizeof buf - 1 ? len : sizeof buf - 1;
    memcpy(buf, line, n);
    buf[n] = 0;
    buf[strcspn(buf, "\r\n")] = 0;
    t->status = 0;
    t->phrase[0] = 0;
    const char *sp = strchr(buf, ' ');
    if (sp && sp[1] >= '1' && sp[1] <= '5' && sp[2] >= '0' && sp[2] <= '9' && sp[3] >= '0' && sp[3] <= '9') {
        t->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
        if (sp[4] == ' ')
            snprintf(t->phrase, sizeof t->phrase, "%s", sp + 5);
    }
    t->etag[0] = t->last_modified[0] = t->location[0] = 0;
    t->content_length = -1;
    t->received = 0;
}

/* Copies a header value; one that does not fit or holds control
 * characters is dropped ("") rather than cut. */
static void keep_value(char *dst, size_t cap, const char *v, size_t len)
{
    dst[0] = 0;
    if (len >= cap)
        return;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            return;
    memcpy(dst, v, len);
    dst[len] = 0;
}

static bool parse_length(const char *v, size_t len, int64_t *out)
{
    uint64_t n = 0;
    if (!len || len > 18)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return false;
        n = n * 10 + (uint64_t)(v[i] - '0');
    }
    *out = (int64_t)n;
    return true;
}

static size_t on_header(char *buf, size_t size, size_t nitems, void *user)
{
    struct transfer *t = user;
    size_t len = size * nitems;
    t->header_bytes += len;
    if (len >= 5 && !memcmp(buf, "HTTP/", 5)) {
        new_response(t, buf, len);
        return len;
    }
    const char *colon = memchr(buf, ':', len);
    if (!colon)
        return len;
    size_t name_len = (size_t)(colon - buf);
    const char *v = colon + 1, *end = buf + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
        end--;
    size_t vlen = (size_t)(end - v);
#define NAME_IS(s) (name_len == sizeof(s) - 1 && !strncasecmp(buf, (s), name_len))
    if (NAME_IS("ETag")) {
        keep_value(t->etag, sizeof t->etag, v, vlen);
    } else if (NAME_IS("Last-Modified")) {
        keep_value(t->last_modified, sizeof t->last_modified, v, vlen);
    } else if (NAME_IS("Location")) {
        size_t n = vlen < sizeof t->location - 1 ? vlen : sizeof t->location - 1;
        memcpy(t->location, v, n);
        t->location[n] = 0;
    } else if (NAME_IS("Content-Length") && t->status == 200 && parse_length(v, vlen, &t->content_length) &&
               (uint64_t)t->content_length > t->limits->max_bytes) {
        t->stop = FETCH_STOP_ANNOUNCED;
        return 0; /* a short count makes libcurl stop here, before any body */
    }
#undef NAME_IS
    return len;
}

/* ---- the body -------------------------------------------------------------- */

static int keep_in_memory(struct transfer *t, const char *buf, size_t len)
{
    size_t need = (size_t)t->received + len + 1; /* + the NUL */
    if (need > t->cap) {
        size_t cap = t->cap ? t->cap : 16384;
        while (cap < need)
            cap *= 2;
        if (cap > t->limits->max_bytes + 1)
            cap = (size_t)t->limits->max_bytes + 1;
        char *p = realloc(t->body, cap);
        if (!p) {
            t->stop = FETCH_STOP_NOMEM;
            return -1;
        }
        t->body = p;
        t->cap = cap;
    }
    memcpy(t->body + t->received, buf, len);
    return 0;
}

static int keep_in_file(struct transfer *t, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(t->fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            t->sys_errno = n < 0 ? errno : EIO;
            t->stop = FETCH_STOP_WRITE;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static size_t on_body(char *buf, size_t size, size_t nitems, void *user)
{
    struct transfer *t = user;
    size_t len = size * nitems;
    if (!status_wanted(t)) {
        t->stop = FETCH_STOP_STATUS; /* an error page: not worth reading */
        return 0;
    }
    if (len > t->limits->max_bytes - t->received) {
        t->stop = FETCH_STOP_TOO_LARGE;
        return 0;
    }
    if (t->put_body) { /* the server's words on a PUT are not kept */
        t->received += len;
        return len;
    }
    if ((t->fd >= 0 ? keep_in_file(t, buf, len) : keep_in_memory(t, buf, len)) != 0)
        return 0;
    t->received += len;
    return len;
}

/* The PUT body, from memory. */
static size_t on_read(char *buf, size_t size, size_t nitems, void *user)
{
    struct transfer *t = user;
    size_t n = size * nitems, left = t->put_len - t->put_pos;
    if (n > left)
        n = left;
    memcpy(buf, t->put_body + t->put_pos, n);
    t->put_pos += n;
    return n;
}

/* libcurl rewinds the body to send it again after a redirect. */
static int on_seek(void *user, curl_off_t offset, int origin)
{
    struct transfer *t = user;
    if (origin != SEEK_SET || offset < 0 || (uint64_t)offset > t->put_len)
        return CURL_SEEKFUNC_CANTSEEK;
    t->put_pos = (size_t)offset;
    return CURL_SEEKFUNC_OK;
}

static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    struct transfer *t = user;
    if (atomic_load(t->rq->cancel)) {
        t->stop = FETCH_STOP_CANCELLED;
        return 1;
    }
    return 0;
}

/* ---- setting up ------------------------------------------------------------- */

/* The URL for messages: control characters replaced, any user:password@
 * left out, and cut so the reason after it still fits the line. */
static void shown_url(const char *url, char *out, size_t cap)
{
    char clean[FETCH_URL_MAX];
    const char *start = strstr(url, "://");
    const char *at = start ? strpbrk(start + 3, "@/?#") : NULL;
    if (at && *at == '@')
        snprintf(clean, sizeof clean, "%.*s%s", (int)(start + 3 - url), url, at + 1);
    else
        snprintf(clean, sizeof clean, "%s", url);
    fetch_printable(clean, out, cap);
    if (strlen(out) == cap - 1 && cap > 4)
        memcpy(out + cap - 4, "...", 4);
}

static void append(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(dst);
    if (n + 1 < cap)
        snprintf(dst + n, cap - n, "%s", s);
}

/* The scheme, host and port of an http(s) URL; -1 for anything else. */
static int parse_url(const char *url, bool *https, char *host, size_t hostcap, long *port)
{
    CURLU *u = curl_lib.url();
    char *scheme = NULL, *h = NULL, *p = NULL;
    int rc = -1;
    if (u && curl_lib.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_lib.url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_lib.url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
        curl_lib.url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK &&
        (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https")) && h[0]) {
        *https = !strcasecmp(scheme, "https");
        fetch_printable(h, host, hostcap);
        *port = strtol(p, NULL, 10);
        rc = 0;
    }
    curl_lib.free(scheme);
    curl_lib.free(h);
    curl_lib.free(p);
    curl_lib.url_cleanup(u);
    return rc;
}

static bool limits_valid(const struct fetch_limits *l)
{
    return l->connect_timeout_ms > 0 && l->total_timeout_ms > 0 && l->low_speed_bytes > 0 &&
           l->low_speed_secs > 0 && l->max_bytes > 0 && l->max_bytes < SIZE_MAX && l->max_redirects >= 0;
}

/* Adds an If-None-Match or If-Modified-Since header; values with control
 * characters are skipped (they could smuggle in another header). */
static bool add_conditional(struct curl_slist **list, const char *name, const char *value)
{
    if (!value || !value[0] || strlen(value) > 512)
        return false;
    for (const char *c = value; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return false;
    char line[600];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *l = curl_lib.slist_append(*list, line);
    if (!l)
        return false;
    *list = l;
    return true;
}

#if LIBCURL_VERSION_NUM < 0x075500
/* libcurl before 7.85 has only the (later deprecated) bit masks. */
#define CURLOPT_PROTOCOLS_STR CURLOPT_PROTOCOLS
#define CURLOPT_REDIR_PROTOCOLS_STR CURLOPT_REDIR_PROTOCOLS
#define PROTOCOLS_ALL ((long)(CURLPROTO_HTTP | CURLPROTO_HTTPS))
#define PROTOCOLS_HTTPS ((long)CURLPROTO_HTTPS)
#else
#define PROTOCOLS_ALL "http,https"
#define PROTOCOLS_HTTPS "https"
#endif

static CURLcode configure(CURL *h, struct transfer *t, bool https, struct curl_slist *headers, char *errbuf)
{
    const struct fetch_request *rq = t->rq;
    const struct fetch_limits *l = t->limits;
    CURLcode rc = CURLE_OK;
#define SET(opt, val)                                 \
    do {                                              \
        if (rc == CURLE_OK)                           \
            rc = curl_lib.easy_setopt(h, (opt), (val));   \
    } while (0)
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_URL, rq->url);
    SET(CURLOPT_PROTOCOLS_STR, PROTOCOLS_ALL);
    SET(CURLOPT_REDIR_PROTOCOLS_STR, https ? PROTOCOLS_HTTPS : PROTOCOLS_ALL);
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, (long)l->max_redirects);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_CONNECTTIMEOUT_MS, l->connect_timeout_ms);
    SET(CURLOPT_TIMEOUT_MS, l->total_timeout_ms);
    SET(CURLOPT_LOW_SPEED_LIMIT, l->low_speed_bytes);
    SET(CURLOPT_LOW_SPEED_TIME, l->low_speed_secs);
    SET(CURLOPT_USERAGENT, "qingfeng");
    /* gzip or deflate when the server offers it (nginx: gzip_types); the
     * size limits count the decoded bytes, so a small bomb stops there. */
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L); /* only the server's responses reach on_header */
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, t);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, t);
    if (headers)
        SET(CURLOPT_HTTPHEADER, headers);
    if (rq->ca_file && rq->ca_file[0]) {
        SET(CURLOPT_CAINFO, rq->ca_file);
        SET(CURLOPT_CAPATH, (char *)NULL); /* instead of the system's CAs, not besides them */
    }
    if (rq->proxy && rq->proxy[0])
        SET(CURLOPT_PROXY, rq->proxy);
    if (t->put_body) {
        SET(CURLOPT_UPLOAD, 1L); /* over HTTP: a PUT */
        SET(CURLOPT_READFUNCTION, on_read);
        SET(CURLOPT_READDATA, t);
        SET(CURLOPT_SEEKFUNCTION, on_seek);
        SET(CURLOPT_SEEKDATA, t);
        SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)t->put_len);
    }
    if (rq->cancel) {
        SET(CURLOPT_XFERINFOFUNCTION, on_progress);
        SET(CURLOPT_XFERINFODATA, t);
        SET(CURLOPT_NOPROGRESS, 0L);
    }
#undef SET
    return rc;
}

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- the GET ---------------------------------------------------------------- */

/* Success: the body becomes the result (memory), or the temporary file
 * becomes dest_path. Returns 0, or -1 with the reason in why. */
static int deliver(struct transfer *t, struct fetch_result *out, char *why, size_t cap)
{
    out->len = (size_t)t->received;
    if (t->fd < 0) {
        if (!t->body && !(t->body = malloc(1))) {
            snprintf(why, cap, "out of memory");
            return -1;
        }
        t->body[t->received] = 0;
        out->body = t->body;
        t->body = NULL;
        return 0;
    }
    int rc = fsync(t->fd);
    int closed = close(t->fd);
    t->fd = -1;
    if (rc != 0 || closed != 0 || rename(t->tmp_path, t->rq->dest_path) != 0) {
        snprintf(why, cap, "cannot save %.200s: %s", t->rq->dest_path, strerror(errno));
        return -1;
    }
    t->tmp_path[0] = 0;
    return 0;
}

static void collect_facts(CURL *h, CURLcode code, const struct transfer *t, const char *errbuf, bool https,
                          const char *host, long port, bool conditional, struct fetch_facts *f)
{
    *f = (struct fetch_facts){
        .code = code, .curl_error = errbuf, .stop = t->stop, .sys_errno = t->sys_errno,
        .tmp_path = t->tmp_path, .ca_file = t->rq->ca_file, .limits = t->limits, .conditional = conditional,
        .https = https, .status = t->status, .phrase = t->phrase, .location = t->location, .host = host,
        .port = port, .received = t->received, .content_length = t->content_length,
        .header_bytes = t->header_bytes, .put = t->put_body != NULL,
    };
    curl_off_t v;
    long n;
    char *ip = NULL;
    if (curl_lib.easy_getinfo(h, CURLINFO_OS_ERRNO, &n) == CURLE_OK)
        f->os_errno = n;
    /* libcurl 7.88 records the connect time only once TLS is up as well,
     * but the peer's address as soon as the TCP connection stands. */
    f->connected = (curl_lib.easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip && ip[0]) ||
                   (curl_lib.easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &v) == CURLE_OK && v > 0);
    f->resolved = f->connected || (curl_lib.easy_getinfo(h, CURLINFO_NAMELOOKUP_TIME_T, &v) == CURLE_OK && v > 0);
    f->tls_done = curl_lib.easy_getinfo(h, CURLINFO_APPCONNECT_TIME_T, &v) == CURLE_OK && v > 0;
}

/* Checks the request and opens the temporary file. Returns 0, or -1 with
 * the reason in why. */
static int prepare(struct transfer *t, bool *https, char *host, size_t hostcap, long *port, char *why, size_t cap)
{
    const struct fetch_request *rq = t->rq;
    if (!rq->url || parse_url(rq->url, https, host, hostcap, port) != 0) {
        snprintf(why, cap, "not an http:// or https:// URL");
        return -1;
    }
    if (strlen(rq->url) >= FETCH_URL_MAX) {
        snprintf(why, cap, "URL longer than %d bytes", FETCH_URL_MAX - 1);
        return -1;
    }
    if (!limits_valid(t->limits)) {
        snprintf(why, cap, "invalid limits: timeouts, speed and size must be above 0");
        return -1;
    }
    if (!rq->dest_path || t->put_body)
        return 0;
    if (snprintf(t->tmp_path, sizeof t->tmp_path, "%s.XXXXXX", rq->dest_path) >= (int)sizeof t->tmp_path) {
        t->tmp_path[0] = 0;
        snprintf(why, cap, "destination path too long");
        return -1;
    }
    t->fd = mkstemp(t->tmp_path);
    if (t->fd < 0) {
        snprintf(why, cap, "cannot create %.200s: %s", t->tmp_path, strerror(errno));
        t->tmp_path[0] = 0;
        return -1;
    }
    return 0;
}

/* Runs the GET on h and fills in out's status, tags and effective URL.
 * Returns 0 when the response is a success, or -1 with the reason. */
static int run(CURL *h, struct transfer *t, bool https, char *host, size_t hostcap, long port, bool conditional,
               struct fetch_result *out, char *why, size_t cap)
{
    char errbuf[CURL_ERROR_SIZE] = "";
    CURLcode rc = configure(h, t, https, t->headers, errbuf);
    if (rc != CURLE_OK) {
        snprintf(why, cap, "libcurl refused an option: %s", curl_lib.easy_strerror(rc));
        return -1;
    }
    int64_t started = now_us();
    rc = curl_lib.easy_perform(h);
    int64_t elapsed = now_us() - started;

    long status = 0, ip_port = 0;
    char *effective = NULL, *ip = NULL;
    curl_lib.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_lib.easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
    out->status = (int)status;
    snprintf(out->etag, sizeof out->etag, "%s", t->etag);
    snprintf(out->last_modified, sizeof out->last_modified, "%s", t->last_modified);
    snprintf(out->effective_url, sizeof out->effective_url, "%s", effective ? effective : t->rq->url);
    /* Name the host that was reached (or a proxy), else the one asked for. */
    bool now_https = https;
    if (effective && strcmp(effective, t->rq->url))
        parse_url(effective, &now_https, host, hostcap, &port);
    if (curl_lib.easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip && ip[0] &&
        curl_lib.easy_getinfo(h, CURLINFO_PRIMARY_PORT, &ip_port) == CURLE_OK && ip_port > 0) {
        fetch_printable(ip, host, hostcap);
        port = ip_port;
    }

    struct fetch_facts facts;
    collect_facts(h, rc, t, errbuf, https, host, port, conditional, &facts);
    facts.elapsed_us = elapsed;
    facts.tls_expected = now_https;
    if (!fetch_reason(&facts, why, cap))
        return -1;
    if (effective && strlen(effective) >= sizeof out->effective_url) {
        snprintf(why, cap, "redirected to a URL longer than %d bytes", FETCH_URL_MAX - 1);
        return -1;
    }
    return 0;
}

/* A GET (put_body NULL) or a PUT of put_body. */
static int perform(const struct fetch_request *rq, const char *put_body, size_t put_len, struct fetch_result *out)
{
    struct fetch_limits defaults = fetch_limits_default();
    struct transfer t = {.rq = rq, .limits = rq->limits ? rq->limits : &defaults, .fd = -1,
                         .content_length = -1, .put_body = put_body, .put_len = put_len};
    char why[400] = "", host[256] = "";
    bool https = false, conditional = false;
    long port = 0;
    CURL *h = NULL;
    int rc = -1;
    *out = (struct fetch_result){0};

    if (prepare(&t, &https, host, sizeof host, &port, why, sizeof why) != 0)
        goto done;
    if (put_body) {
        /* "Expect:" off: no 100-continue round trip before a small body */
        char type[128];
        snprintf(type, sizeof type, "Content-Type: %.100s", rq->content_type ? rq->content_type : "application/json");
        struct curl_slist *l = curl_lib.slist_append(NULL, type);
        struct curl_slist *l2 = l ? curl_lib.slist_append(l, "Expect:") : NULL;
        if (!l2) {
            curl_lib.slist_free_all(l);
            snprintf(why, sizeof why, "out of memory");
            goto done;
        }
        t.headers = l2;
    } else {
        conditional = add_conditional(&t.headers, "If-None-Match", rq->etag);
        conditional |= add_conditional(&t.headers, "If-Modified-Since", rq->last_modified);
    }
    if (!(h = curl_lib.easy_init())) {
        snprintf(why, sizeof why, "cannot start libcurl (out of memory?)");
        goto done;
    }
    if (run(h, &t, https, host, sizeof host, port, conditional, out, why, sizeof why) != 0)
        goto done;
    if (put_body) {
        out->len = (size_t)t.received;
        rc = 0;
    } else if (t.status == 304) {
        out->not_modified = true;
        rc = 0;
    } else {
        rc = deliver(&t, out, why, sizeof why);
    }

done:
    if (rc != 0) {
        /* "<url>: <reason>[ (at <url after redirects>)]", cut at the end */
        char shown[200];
        shown_url(rq->url ? rq->url : "(no URL)", shown, sizeof shown);
        append(out->error, sizeof out->error, shown);
        append(out->error, sizeof out->error, ": ");
        append(out->error, sizeof out->error, why);
        shown_url(out->effective_url, shown, sizeof shown);
        if (out->effective_url[0] && rq->url && strcmp(out->effective_url, rq->url) && !strstr(why, shown)) {
            append(out->error, sizeof out->error, " (at ");
            append(out->error, sizeof out->error, shown);
            append(out->error, sizeof out->error, ")");
        }
    }
    if (t.fd >= 0)
        close(t.fd);
    if (t.tmp_path[0])
        unlink(t.tmp_path);
    free(t.body);
    curl_lib.slist_free_all(t.headers);
    if (h)
        curl_lib.easy_cleanup(h);
    return rc;
}

int fetch_get(const struct fetch_request *rq, struct fetch_result *out)
{
    return perform(rq, NULL, 0, out);
}

int fetch_put(const struct fetch_request *rq, const void *body, size_t len, struct fetch_result *out)
{
    /* a non-NULL pointer marks the transfer as a PUT, also for 0 bytes */
    return perform(rq, body ? (const char *)body : "", body ? len : 0, out);
}
