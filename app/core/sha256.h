/* SHA-256 digests as lower-case hex (libsodium crypto_hash_sha256). */
#ifndef QF_SHA256_H
#define QF_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_LEN 64

/* Writes the digest of `len` bytes at `data` to `hex` (64 hex digits + NUL).
 * Returns 0, or -1 if libsodium cannot be initialised. */
int sha256_hex_buffer(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

/* Hashes the whole file at `path`. On success returns 0, fills `hex` and,
 * when `size` is not NULL, the number of bytes read. Returns -1 and leaves
 * errno set when the file cannot be opened or read. */
int sha256_hex_file(const char *path, char hex[SHA256_HEX_LEN + 1], uint64_t *size);

/* True when `s` is exactly 64 lower-case hex digits. */
int sha256_hex_is_valid(const char *s);

#endif
