#include "core/minisign.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

/* Decoded sizes: algorithm (2) + key id (8) + key (32) or signature (64). */
#define ALG_BYTES 2
#define PK_LINE_BYTES (ALG_BYTES + MINISIGN_KEY_ID_BYTES + MINISIGN_PK_BYTES)
#define SIG_LINE_BYTES (ALG_BYTES + MINISIGN_KEY_ID_BYTES + crypto_sign_BYTES)
/* ... and their base64 (with '=' padding) */
#define PK_LINE_CHARS 56
#define SIG_LINE_CHARS 100
#define GLOBAL_SIG_CHARS 88

static const char untrusted_prefix[] = "untrusted comment:";
static const char sig_untrusted_prefix[] = "untrusted comment: ";
static const char trusted_prefix[] = "trusted comment: ";

/* One line of a text: bytes [p, p + len), without its LF or CRLF. */
struct line {
    const char *p;
    size_t len;
};

/* Takes the next line from [*cur, end); 0 when there is none left. */
static int next_line(const char **cur, const char *end, struct line *out)
{
    const char *nl;

    if (*cur >= end)
        return 0;
    nl = memchr(*cur, '\n', (size_t)(end - *cur));
    out->p = *cur;
    out->len = (size_t)((nl ? nl : end) - *cur);
    if (out->len > 0 && out->p[out->len - 1] == '\r')
        out->len--;
    *cur = nl ? nl + 1 : end;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* True when [p, end) holds only white space. */
static int only_blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (!is_blank(*p))
            return 0;
    return 1;
}

static void trim(struct line *l)
{
    while (l->len > 0 && is_blank(l->p[0])) {
        l->p++;
        l->len--;
    }
    while (l->len > 0 && is_blank(l->p[l->len - 1]))
        l->len--;
}

static int starts_with(const struct line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->p, prefix, n) == 0;
}

/* Decodes a base64 line of exactly `chars` characters to exactly `bytes`
 * bytes (libsodium refuses stray characters, bad padding and non-zero
 * trailing bits). */
static int decode_exact(const struct line *l, size_t chars, unsigned char *bin, size_t bytes)
{
    size_t got = 0;
    const char *end = NULL;

    if (l->len != chars)
        return -1;
    if (sodium_base642bin(bin, bytes, l->p, l->len, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == bytes && end == l->p + l->len ? 0 : -1;
}

void minisign_key_id_hex(const uint8_t key_id[MINISIGN_KEY_ID_BYTES], char out[MINISIGN_KEY_ID_HEX_LEN + 1])
{
    static const char hex[] = "0123456789ABCDEF";

    /* minisign prints the id as a little-endian 64-bit number */
    for (int i = 0; i < MINISIGN_KEY_ID_BYTES; i++) {
        uint8_t b = key_id[MINISIGN_KEY_ID_BYTES - 1 - i];
        out[2 * i] = hex[b >> 4];
        out[2 * i + 1] = hex[b & 15];
    }
    out[MINISIGN_KEY_ID_HEX_LEN] = '\0';
}

/* Adds message `id` (with "<name>: " before it when name is not NULL) and
 * returns -1. */
static int fail(struct diag *errs, const char *name, enum msg_id id, ...)
{
    va_list ap;

    va_start(ap, id);
    diag_vpath(errs, name, 0, NULL, id, ap);
    va_end(ap);
    return -1;
}

/* ---- public keys -------------------------------------------------------- */

/* Parses `len` bytes of key text; messages start with "<name>: " when name
 * is not NULL. */
static int key_parse(const char *text, size_t len, const char *name, struct minisign_key *out, struct diag *errs)
{
    const char *cur = text, *end = text + len;
    unsigned char bin[PK_LINE_BYTES];
    struct line l = { text, 0 };
    int more;

    if (len > MINISIGN_KEY_TEXT_MAX || memchr(text, '\0', len))
        return fail(errs, name, MSG_SIG_KEY_NOT_KEY);
    /* the first line that is not blank */
    while ((more = next_line(&cur, end, &l)) && only_blank(l.p, l.p + l.len))
        ;
    if (!more)
        return fail(errs, name, MSG_SIG_KEY_NOT_KEY);
    if (starts_with(&l, untrusted_prefix) && !next_line(&cur, end, &l))
        return fail(errs, name, MSG_SIG_KEY_NO_KEY_LINE);
    trim(&l);
    if (l.len == 0)
        return fail(errs, name, MSG_SIG_KEY_NO_KEY_LINE);
    if (decode_exact(&l, PK_LINE_CHARS, bin, sizeof bin) != 0)
        return fail(errs, name, MSG_SIG_KEY_NOT_KEY);
    if (memcmp(bin, "Ed", ALG_BYTES) != 0)
        return fail(errs, name, MSG_SIG_KEY_ALGORITHM);
    if (!only_blank(cur, end))
        return fail(errs, name, MSG_SIG_KEY_EXTRA);
    memcpy(out->key_id, bin + ALG_BYTES, MINISIGN_KEY_ID_BYTES);
    memcpy(out->pk, bin + ALG_BYTES + MINISIGN_KEY_ID_BYTES, MINISIGN_PK_BYTES);
    return 0;
}

int minisign_key_parse_diag(const char *text, struct minisign_key *out, struct diag *errs)
{
    if (!text)
        return fail(errs, NULL, MSG_SIG_KEY_NOT_KEY);
    return key_parse(text, strnlen(text, MINISIGN_KEY_TEXT_MAX + 1), NULL, out, errs);
}

/* A string the user most likely meant as the key itself, not as a file. */
static int looks_inline(const char *s)
{
    return !*s || strchr(s, '\n') || strncmp(s, untrusted_prefix, strlen(untrusted_prefix)) == 0 ||
           (strncmp(s, "RW", 2) == 0 && !strchr(s, '/'));
}

int minisign_key_load_diag(const char *key_or_file, struct minisign_key *out, struct diag *errs)
{
    struct diag as_key = { .lang = errs->lang };
    char buf[MINISIGN_KEY_TEXT_MAX + 1];
    size_t n;
    FILE *f;
    int rc = -1, err;

    if (minisign_key_parse_diag(key_or_file, out, &as_key) == 0) {
        diag_free(&as_key);
        return 0;
    }
    if (!key_or_file) {
        diag_copy(errs, &as_key, 0);
        diag_free(&as_key);
        return -1;
    }
    f = fopen(key_or_file, "rb");
    if (!f) {
        err = errno;
        if (err == ENOENT && looks_inline(key_or_file))
            diag_copy(errs, &as_key, 0);
        else
            fail(errs, NULL, MSG_SIG_KEY_FILE_UNREADABLE, key_or_file, msg_strerror(errs->lang, err));
        diag_free(&as_key);
        return -1;
    }
    diag_free(&as_key);
    errno = 0;
    n = fread(buf, 1, sizeof buf, f);
    if (ferror(f)) {
        err = errno ? errno : EIO;
        fail(errs, NULL, MSG_SIG_KEY_FILE_UNREADABLE, key_or_file, msg_strerror(errs->lang, err));
    } else if (n > MINISIGN_KEY_TEXT_MAX) {
        fail(errs, NULL, MSG_SIG_KEY_FILE_TOO_BIG, key_or_file);
    } else {
        rc = key_parse(buf, n, key_or_file, out, errs);
    }
    fclose(f);
    return rc;
}

int minisign_key_parse(const char *text, struct minisign_key *out, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    int rc = minisign_key_parse_diag(text, out, &d);

    if (rc != 0)
        diag_first(&d, err, errlen);
    diag_free(&d);
    return rc;
}

int minisign_key_load(const char *key_or_file, struct minisign_key *out, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    int rc = minisign_key_load_diag(key_or_file, out, &d);

    if (rc != 0)
        diag_first(&d, err, errlen);
    diag_free(&d);
    return rc;
}

/* ---- signatures --------------------------------------------------------- */

/* The two algorithm bytes as text for a message: "Xx", or hex when they
 * are not printable. */
static void algorithm_text(const unsigned char *alg, char out[16])
{
    if (alg[0] > 0x20 && alg[0] < 0x7f && alg[1] > 0x20 && alg[1] < 0x7f && alg[0] != '"' && alg[1] != '"')
        snprintf(out, 16, "%c%c", alg[0], alg[1]);
    else
        snprintf(out, 16, "0x%02x%02x", alg[0], alg[1]);
}

/* The parsed lines of a .minisig. */
struct minisig {
    unsigned char sig_line[SIG_LINE_BYTES]; /* algorithm, key id, signature */
    unsigned char global_sig[crypto_sign_BYTES];
    const char *comment; /* the trusted comment, not NUL-terminated */
    size_t comment_len;
};

static int parse_minisig(const char *text, size_t len, const char *name, struct minisig *s, struct diag *errs)
{
    const char *cur = text, *end = text + len, *cr;
    struct line l;
    char alg[16];

    if (len > MINISIGN_SIG_MAX)
        return fail(errs, name, MSG_SIG_TOO_BIG);
    if (memchr(text, '\0', len))
        return fail(errs, name, MSG_SIG_NOT_TEXT);
    if (!next_line(&cur, end, &l) || !starts_with(&l, sig_untrusted_prefix))
        return fail(errs, name, MSG_SIG_NO_UNTRUSTED);

    if (!next_line(&cur, end, &l))
        return fail(errs, name, MSG_SIG_TRUNCATED, 1);
    trim(&l);
    if (decode_exact(&l, SIG_LINE_CHARS, s->sig_line, sizeof s->sig_line) != 0)
        return fail(errs, name, MSG_SIG_SIGNATURE_BAD);
    if (memcmp(s->sig_line, "Ed", ALG_BYTES) != 0 && memcmp(s->sig_line, "ED", ALG_BYTES) != 0) {
        algorithm_text(s->sig_line, alg);
        return fail(errs, name, MSG_SIG_ALGORITHM, alg);
    }

    if (!next_line(&cur, end, &l))
        return fail(errs, name, MSG_SIG_TRUNCATED, 2);
    if (!starts_with(&l, trusted_prefix))
        return fail(errs, name, MSG_SIG_NO_TRUSTED);
    /* the signed bytes: everything after the prefix, up to the line end or
     * a CR (minisign itself cuts the comment at the first CR) */
    s->comment = l.p + strlen(trusted_prefix);
    s->comment_len = l.len - strlen(trusted_prefix);
    cr = memchr(s->comment, '\r', s->comment_len);
    if (cr)
        s->comment_len = (size_t)(cr - s->comment);

    if (!next_line(&cur, end, &l))
        return fail(errs, name, MSG_SIG_TRUNCATED, 3);
    trim(&l);
    if (decode_exact(&l, GLOBAL_SIG_CHARS, s->global_sig, sizeof s->global_sig) != 0)
        return fail(errs, name, MSG_SIG_GLOBAL_BAD);
    if (!only_blank(cur, end))
        return fail(errs, name, MSG_SIG_EXTRA);
    return 0;
}

int minisign_verify_diag(const struct minisign_key *key, const void *msg, size_t msg_len, const char *sig_text,
                         size_t sig_len, char *trusted_comment, size_t tc_len, const char *name,
                         struct diag *errs)
{
    static const unsigned char nothing[1];
    unsigned char hash[crypto_generichash_BYTES_MAX];
    unsigned char signed_comment[crypto_sign_BYTES + MINISIGN_SIG_MAX];
    const unsigned char *key_id, *sig;
    struct minisig s;
    int ok;

    if (trusted_comment && tc_len)
        trusted_comment[0] = '\0';
    /* idempotent and thread-safe: 0 the first time, 1 after */
    if (sodium_init() < 0)
        return fail(errs, name, MSG_SIG_SODIUM);
    if (!sig_text)
        sig_text = "";
    if (!msg)
        msg = nothing;
    if (parse_minisig(sig_text, sig_len, name, &s, errs) != 0)
        return -1;

    key_id = s.sig_line + ALG_BYTES;
    sig = key_id + MINISIGN_KEY_ID_BYTES;
    if (memcmp(key_id, key->key_id, MINISIGN_KEY_ID_BYTES) != 0) {
        char signed_by[MINISIGN_KEY_ID_HEX_LEN + 1], configured[MINISIGN_KEY_ID_HEX_LEN + 1];
        minisign_key_id_hex(key_id, signed_by);
        minisign_key_id_hex(key->key_id, configured);
        return fail(errs, name, MSG_SIG_KEY_MISMATCH, signed_by, configured);
    }

    if (s.sig_line[1] == 'D') { /* "ED": the BLAKE2b-512 hash is signed */
        crypto_generichash(hash, sizeof hash, msg, msg_len, NULL, 0);
        ok = crypto_sign_verify_detached(sig, hash, sizeof hash, key->pk) == 0;
    } else { /* "Ed": the message itself */
        ok = crypto_sign_verify_detached(sig, msg, msg_len, key->pk) == 0;
    }
    if (!ok)
        return fail(errs, name, MSG_SIG_BAD);

    memcpy(signed_comment, sig, crypto_sign_BYTES);
    memcpy(signed_comment + crypto_sign_BYTES, s.comment, s.comment_len);
    if (crypto_sign_verify_detached(s.global_sig, signed_comment, crypto_sign_BYTES + s.comment_len, key->pk) != 0)
        return fail(errs, name, MSG_SIG_COMMENT_BAD);

    if (trusted_comment && tc_len) {
        size_t n = s.comment_len;
        if (n > tc_len - 1) { /* cut, but not inside a UTF-8 character */
            n = tc_len - 1;
            while (n > 0 && ((unsigned char)s.comment[n] & 0xc0) == 0x80)
                n--;
        }
        memcpy(trusted_comment, s.comment, n);
        trusted_comment[n] = '\0';
    }
    return 0;
}

int minisign_verify(const struct minisign_key *key, const void *msg, size_t msg_len, const char *sig_text,
                    size_t sig_len, char *trusted_comment, size_t tc_len, char *err, size_t errlen)
{
    struct diag d = { .lang = MSG_LANG_EN };
    int rc = minisign_verify_diag(key, msg, msg_len, sig_text, sig_len, trusted_comment, tc_len, NULL, &d);

    if (rc != 0)
        diag_first(&d, err, errlen);
    diag_free(&d);
    return rc;
}
