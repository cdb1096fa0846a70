/* The local content store: where the sync worker puts downloaded feeds and
 * where the kiosk finds the one to show. A state directory holds
 *
 *   objects/<sha256>   asset bytes, one file per distinct SHA-256
 *   versions/<name>/   one complete feed folder per content version:
 *                      feed.json, feed.json.minisig (when signed) and every
 *                      asset at its feed path, hard-linked to its object
 *                      (copied where link(2) fails); feed_load_dir reads it
 *   current            symlink -> versions/<name>, the version to show
 *   previous           symlink -> versions/<name>, the one before
 *   tmp/               partial downloads and versions being built
 *   status.json        written by the caller through store_write_status
 *   lock               held (flock) by the one process that has it open
 *
 * A version is built completely in tmp/, fsynced, renamed into versions/,
 * and only then made current by renaming a new symlink over `current`;
 * so after a crash at any instant `current` names either the old or the new
 * version, whole. See docs/architecture.md ("Content store").
 *
 * One thread at a time, except store_current / store_previous (and their
 * _name forms), which only read the links and may run while another thread
 * commits. A folder they return stays until two more commits have been
 * made (only current, previous and the one on screen are kept; see
 * store_keep_shown).
 *
 * Messages are one English line in err. */
#ifndef QF_STORE_H
#define QF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/feed.h"

#define STORE_DEFAULT_DIR "/var/lib/qingfeng"

/* Room for a version name and its NUL, e.g.
 * "20261122T080102Z-3fa2c1d09b7e" or "20261122T080102Z-3fa2c1d09b7e-2". */
#define STORE_VERSION_MAX 64

struct store;

/* Opens the state directory `dir` (creating it and its folders, mode 0755)
 * and takes its lock. Removes what a crash can leave behind: everything in
 * tmp/, stray current.tmp / previous.tmp links and every versions/ folder
 * that is neither current nor previous. Objects are kept (a download that
 * was cut short resumes with them). Returns 0 and *out, or -1 with a
 * message (also when another process has the store open). */
int store_open(struct store **out, const char *dir, char *err, size_t errlen);

/* Releases the lock and frees `s` (NULL is fine). */
void store_close(struct store *s);

/* The directory given to store_open. */
const char *store_dir(const struct store *s);

/* A folder on the store's file system for partial downloads, to be handed
 * over with store_adopt_object_file. Emptied by store_open. */
const char *store_tmp_dir(const struct store *s);

/* True when objects/<sha256> is a regular file of `size` bytes. A file of
 * another size is a damaged object: it is removed and counts as absent.
 * (The bytes are hashed again when a version is committed.) */
bool store_has_object(struct store *s, const char *sha256, uint64_t size);

/* Stores `len` bytes as objects/<sha256> after checking them against the
 * pin (size and SHA-256): writes a file in tmp/, fsyncs it, renames it into
 * objects/ and fsyncs objects/. Returns 0, or -1 with a message such as
 * "size 123 differs from the pinned 456" or "SHA-256 <hex> differs from the
 * pinned <hex>"; nothing lands then. */
int store_put_object(struct store *s, const char *sha256, uint64_t size, const void *data, size_t len, char *err,
                     size_t errlen);

/* The same for a file already written, e.g. a large download under
 * store_tmp_dir(): checks its size and SHA-256, fsyncs it and renames it to
 * objects/<sha256> (so it must be on the store's file system). Returns 0
 * (the file is gone from tmp_path), or -1 with a message; the file is then
 * left where it is. */
int store_adopt_object_file(struct store *s, const char *sha256, uint64_t size, const char *tmp_path, char *err,
                            size_t errlen);

/* Makes a new current version of `feed_json` (`len` bytes), its signature
 * (`minisig`, `sig_len` bytes; NULL or 0 for none) and the assets of `feed`,
 * which must be what feed_parse made of `feed_json`. Every asset must be in
 * objects/ already (else -1 naming the first missing one). The version is
 * built in tmp/, checked with feed_load_dir, fsynced and renamed into
 * versions/; then `previous` is pointed at the old current and `current` at
 * the new version. Last, versions other than current and previous and the
 * objects neither uses are removed.
 *
 * The name is the UTC time `now` and the first 12 hex digits of the
 * SHA-256 of feed.json, e.g. "20261122T080102Z-3fa2c1d09b7e", with "-2",
 * "-3", ... added when that name is taken. It is written to `version`
 * (at least STORE_VERSION_MAX bytes; may be NULL).
 *
 * When feed.json and the signature are byte for byte those of the current
 * version nothing changes and `version` gets the current name.
 * Returns 0, or -1 with a message; current is then untouched. */
int store_commit(struct store *s, const char *feed_json, size_t len, const char *minisig, size_t sig_len,
                 const struct feed *feed, time_t now, char *version, size_t vlen, char *err, size_t errlen);

/* Writes the path of the current (previous) version folder,
 * "<dir>/versions/<name>", to `path`: the resolved folder, not
 * "<dir>/current", so a reader that opens files in it later still reads the
 * same version. Returns 0; -1 when there is none (a fresh state directory,
 * or the link is not a version of this store); -2 when `len` is too small. */
int store_current(struct store *s, char *path, size_t len);
int store_previous(struct store *s, char *path, size_t len);

/* The name of the current (previous) version, e.g.
 * "20261122T080102Z-3fa2c1d09b7e" (`len` >= STORE_VERSION_MAX). Returns 0,
 * or -1 when there is none. */
int store_current_name(struct store *s, char *name, size_t len);
int store_previous_name(struct store *s, char *name, size_t len);

/* Tells the store which version folder is on screen (a path returned by
 * store_current or store_previous, or NULL / a folder outside the store for
 * none). That folder survives later commits, even when it is neither
 * current nor previous any more, until another one is named: a screen that
 * takes new content only at a calm moment may lag two commits behind.
 * Safe to call while another thread commits. */
void store_keep_shown(struct store *s, const char *version_dir);

/* Makes the previous version current and the current one previous (for an
 * operator who wants the old content back). Returns 0, or -1 with a message
 * when there is no previous version. */
int store_rollback(struct store *s, char *err, size_t errlen);

/* Replaces status.json in the state directory with `json` (written by the
 * caller) atomically: temporary file, fsync, rename, fsync of the
 * directory. Returns 0, or -1 with a message. */
int store_write_status(struct store *s, const char *json, char *err, size_t errlen);

#endif
