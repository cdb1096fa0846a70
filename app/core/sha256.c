#include "core/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

static int sha256_ready(void)
{
    /* sodium_init() is idempotent: 0 first time, 1 when already done. */
    return sodium_init() < 0 ? -1 : 0;
}

int sha256_hex_buffer(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1])
{
    unsigned char digest[crypto_hash_sha256_BYTES];

    if (sha256_ready() < 0)
        return -1;
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(hex, SHA256_HEX_LEN + 1, digest, sizeof digest);
    return 0;
}

int sha256_hex_file(const char *path, char hex[SHA256_HEX_LEN + 1], uint64_t *size)
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    unsigned char buf[16384];
    uint64_t total = 0;
    int rc = -1;
    FILE *f = NULL;

    if (sha256_ready() < 0) {
        errno = EIO;
        goto out;
    }
    f = fopen(path, "rb");
    if (!f)
        goto out;
    crypto_hash_sha256_init(&st);
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, f);
        if (n > 0) {
            crypto_hash_sha256_update(&st, buf, n);
            total += n;
        }
        if (n < sizeof buf) {
            if (ferror(f)) {
                errno = EIO;
                goto out;
            }
            break;
        }
    }
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(hex, SHA256_HEX_LEN + 1, digest, sizeof digest);
    if (size)
        *size = total;
    rc = 0;
out:
    if (f) {
        int saved = errno;
        fclose(f);
        errno = saved;
    }
    return rc;
}

int sha256_hex_is_valid(const char *s)
{
    size_t i;

    if (!s)
        return 0;
    for (i = 0; i < SHA256_HEX_LEN; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
    }
    return s[SHA256_HEX_LEN] == '\0';
}
