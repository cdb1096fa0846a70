/* For `qingfeng-feed check URL`: downloads a published feed into a local
 * folder with the kiosk's own network code and limits, so the folder can
 * then be checked like a built one. */
#ifndef QF_TOOLS_FEED_FETCH_H
#define QF_TOOLS_FEED_FETCH_H

#include "core/msg.h"

/* Room for a feed's folder URL. */
#define FETCH_BASE_MAX 2048

/* True for an http:// or https:// address. */
int feed_fetch_is_url(const char *arg);

/* The folder URL of a feed address, up to and including the last '/'
 * ("https://h/a/feed.json" and "https://h/a/" both give "https://h/a/"),
 * into out. Returns 0, or -1 when it does not fit. */
int feed_fetch_base(const char *url, char *out, size_t len);

/* Downloads base + "feed.json", base + "feed.json.minisig" (when the server
 * has it) and every asset feed.json lists into `dir`, which exists and is
 * empty. Every failure is one line in errs (naming the URL and the reason);
 * assets are fetched only when feed.json parses. Returns 0 when feed.json
 * arrived, else -1. */
int feed_fetch_to_dir(const char *base, const char *dir, struct diag *errs);

#endif
