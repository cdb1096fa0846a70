#include "core/feed_sig.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/feed.h"

int feed_sig_verify_dir(const char *dir, const struct minisign_key *key, char *trusted_comment, size_t tc_len,
                        struct diag *errs)
{
    char feed_path[4096], sig_path[4096];
    char *feed = NULL, *sig = NULL;
    size_t feed_len = 0, sig_len = 0;
    int rc = -1, n;

    if (trusted_comment && tc_len)
        trusted_comment[0] = '\0';
    n = snprintf(sig_path, sizeof sig_path, "%s/" FEED_SIG_FILE, dir);
    if (n < 0 || (size_t)n >= sizeof sig_path) {
        diag_field(errs, dir, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return -1;
    }
    snprintf(feed_path, sizeof feed_path, "%s/feed.json", dir); /* shorter: fits */

    /* the signature first: a missing one is the commonest problem */
    switch (feed_read_file(sig_path, MINISIGN_SIG_MAX, &sig, &sig_len)) {
    case 0:
        break;
    case -2:
        diag_field(errs, sig_path, 0, NULL, MSG_SIG_TOO_BIG);
        goto out;
    default:
        diag_field(errs, sig_path, 0, NULL, MSG_SIG_MISSING, msg_strerror(errs->lang, errno));
        goto out;
    }
    switch (feed_read_file(feed_path, FEED_MAX_BYTES, &feed, &feed_len)) {
    case 0:
        break;
    case -2:
        diag_path(errs, feed_path, 1, msg_fmt(errs->lang, MSG_PATH_WHOLE_FEED), MSG_FEED_FILE_TOO_BIG,
                  FEED_MAX_BYTES / (1024u * 1024u));
        goto out;
    default:
        diag_field(errs, feed_path, 0, NULL, MSG_FEED_CANNOT_READ, msg_strerror(errs->lang, errno));
        goto out;
    }
    rc = minisign_verify_diag(key, feed, feed_len, sig, sig_len, trusted_comment, tc_len, sig_path, errs);
out:
    free(feed);
    free(sig);
    return rc;
}
