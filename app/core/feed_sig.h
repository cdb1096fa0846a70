/* The signature of a feed folder: DIR/feed.json.minisig, made by the
 * editors with `minisign -Sm feed.json` in the folder, checked against a
 * configured public key. Assets are pinned by size and SHA-256 in
 * feed.json, so the signature covers them too; their bytes are checked by
 * feed_load_dir. */
#ifndef QF_FEED_SIG_H
#define QF_FEED_SIG_H

#include <stddef.h>

#include "core/minisign.h"
#include "core/msg.h"

#define FEED_SIG_FILE "feed.json.minisig"

/* Verifies DIR/feed.json (at most FEED_MAX_BYTES) against
 * DIR/feed.json.minisig with `key`. Returns 0 and the trusted comment (see
 * minisign_verify), or -1 after adding one message, which names the file it
 * is about ("DIR/feed.json.minisig: ..."), to errs. */
int feed_sig_verify_dir(const char *dir, const struct minisign_key *key, char *trusted_comment, size_t tc_len,
                        struct diag *errs);

#endif
