/* Downloading a published feed for `qingfeng-feed check URL`. */
#include "tools/feed_fetch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/feed.h"
#include "net/fetch.h"

int feed_fetch_is_url(const char *arg)
{
    return strncmp(arg, "http://", 7) == 0 || strncmp(arg, "https://", 8) == 0;
}

int feed_fetch_base(const char *url, char *out, size_t len)
{
    const char *host = strstr(url, "://");
    const char *slash = host ? strrchr(host + 3, '/') : NULL;
    size_t n = slash ? (size_t)(slash - url) + 1 : strlen(url);

    if (n + 2 > len)
        return -1;
    memcpy(out, url, n);
    if (!slash) /* "https://host": the root folder */
        out[n++] = '/';
    out[n] = 0;
    return 0;
}

/* mkdir -p for the folders of `path` below `dir` (path is a safe relative
 * path: the feed's validation refused anything else). */
static int make_parents(const char *dir, const char *path)
{
    char buf[4096];
    size_t base = strlen(dir) + 1;

    if (snprintf(buf, sizeof buf, "%s/%s", dir, path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + base; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return 0;
}

/* GET base + rel into dir/rel. Returns 0, 404 when the server has no such
 * file, or -1 with the reason in errs. */
static int get_file(const char *base, const char *rel, const char *dir, uint64_t max_bytes, long total_ms,
                    struct diag *errs, int missing_ok)
{
    char url[FETCH_URL_MAX], dest[4096];
    struct fetch_limits lim = fetch_limits_default();
    struct fetch_result r;
    int rc;

    if (snprintf(url, sizeof url, "%s%s", base, rel) >= (int)sizeof url ||
        snprintf(dest, sizeof dest, "%s/%s", dir, rel) >= (int)sizeof dest || make_parents(dir, rel) != 0) {
        diag_add(errs, "%s%s: the address or path is too long", base, rel);
        return -1;
    }
    lim.max_bytes = max_bytes;
    lim.total_timeout_ms = total_ms;
    struct fetch_request rq = { .url = url, .dest_path = dest, .limits = &lim };
    rc = fetch_get(&rq, &r);
    if (rc != 0 && missing_ok && r.status == 404)
        rc = 404;
    else if (rc != 0)
        diag_add(errs, "%s", r.error);
    fetch_result_free(&r);
    return rc;
}

int feed_fetch_to_dir(const char *base, const char *dir, struct diag *errs)
{
    char path[4096], msg[1024];
    struct feed *feed;

    if (fetch_global_init() != 0) {
        diag_add(errs, "libcurl cannot start (or lacks HTTPS support)");
        return -1;
    }
    if (get_file(base, "feed.json", dir, FEED_MAX_BYTES, FETCH_FEED_TIMEOUT_MS, errs, 0) != 0)
        return -1;
    /* A missing signature is the signature check's to report. */
    get_file(base, "feed.json.minisig", dir, 4096, FETCH_FEED_TIMEOUT_MS, errs, 1);
    snprintf(path, sizeof path, "%s/feed.json", dir);
    feed = feed_load_file(path, msg, sizeof msg);
    if (!feed)
        return 0; /* the check reads feed.json again and says what is wrong */
    for (size_t i = 0; i < feed->n_assets; i++) {
        const struct feed_asset *as = &feed->assets[i];
        /* One byte over the pin is enough to know it is wrong. */
        get_file(base, as->path, dir, as->size + 1, FETCH_ASSET_TIMEOUT_MS, errs, 1);
    }
    feed_free(feed);
    return 0;
}
