/* minisign keys and signatures (app/core/minisign.c), against real vectors
 * made by Debian's minisign 0.11 (tests/unit/data/minisign/README.md says
 * how): key A and key B, a message signed by A prehashed (the default) and
 * legacy (minisign -l), and by B. Broken signatures are made here by
 * editing those files, so the tool is not needed to run the tests.
 *
 * Run from the repository root (make unit does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/minisign.h"

#define DATA "tests/unit/data/minisign/"

/* key A, as minisign -G printed it, and its id as minisign shows it */
#define KEY_A "RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd"
#define KEY_A_ID "B9ABAB4E7A77F7D1"
#define KEY_B "RWT6fnBUGGNmkh74QKdrk4bKLqKi0v8+gzAiWrMvhf6R5x7kMCSkaLSM"
#define KEY_B_ID "9266631854707EFA"

#define COMMENT_A "timestamp:1795334435\tfile:msg.txt\thashed"
#define COMMENT_LEGACY "legacy signature for the Qingfeng tests"
#define COMMENT_B "清风 测试 key B"

/* A file's bytes, NUL-terminated; room to grow for the edits below. */
struct text {
    char s[16384];
    size_t len;
};

static void read_data(const char *name, struct text *t)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, DATA "%s", name);
    f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run the tests from the repository root)", path);
    t->len = fread(t->s, 1, sizeof t->s - 1, f);
    t->s[t->len] = '\0';
    fclose(f);
}

static struct minisign_key key_of(const char *text)
{
    struct minisign_key k;
    char err[512] = "";

    if (minisign_key_parse(text, &k, err, sizeof err) != 0)
        fail_msg("key does not parse: %s", err);
    return k;
}

/* Replaces the first `from` in t with `to`. */
static void replace(struct text *t, const char *from, const char *to)
{
    char *at = strstr(t->s, from);
    size_t nf = strlen(from), nt = strlen(to);

    assert_non_null(at);
    assert_true(t->len - nf + nt < sizeof t->s);
    memmove(at + nt, at + nf, t->len - (size_t)(at - t->s) - nf + 1);
    memcpy(at, to, nt);
    t->len = t->len - nf + nt;
}

/* The start of line n (1-based) and its length without the newline. */
static char *line_at(struct text *t, int n, size_t *len)
{
    char *p = t->s;

    for (int i = 1; i < n; i++) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    *len = strcspn(p, "\r\n");
    return p;
}

/* Replaces line n with `with`. */
static void set_line(struct text *t, int n, const char *with)
{
    size_t len;
    char *p = line_at(t, n, &len), old[4096];

    assert_true(len < sizeof old);
    memcpy(old, p, len);
    old[len] = '\0';
    replace(t, old, with);
}

/* Decodes line 2 (algorithm, key id, signature: 74 bytes), lets `edit`
 * change the bytes (and their number), and writes them back in base64. */
static void edit_signature_line(struct text *t, size_t (*edit)(unsigned char *bin, size_t n))
{
    unsigned char bin[128];
    char b64[256];
    size_t len, n;
    char *p = line_at(t, 2, &len);

    assert_int_equal(sodium_base642bin(bin, sizeof bin, p, len, NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
    assert_int_equal(n, 74);
    n = edit(bin, n);
    sodium_bin2base64(b64, sizeof b64, bin, n, sodium_base64_VARIANT_ORIGINAL);
    set_line(t, 2, b64);
}

/* The algorithm bytes of a signature file, as text. */
static void algorithm_of(const char *name, char out[3])
{
    struct text t;
    unsigned char bin[128];
    size_t len, n;
    char *p;

    read_data(name, &t);
    p = line_at(&t, 2, &len);
    assert_int_equal(sodium_base642bin(bin, sizeof bin, p, len, NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
    out[0] = (char)bin[0];
    out[1] = (char)bin[1];
    out[2] = '\0';
}

/* ---- every message, in both languages ------------------------------------------ */

/* Which of the signature messages a test below has produced. The last
 * test checks that all were (cmocka runs the tests in order). */
static int seen[MSG_COUNT];

/* The text of a catalogue entry up to its first conversion: what every
 * message made from it starts with. */
static void fixed_part(enum msg_lang lang, enum msg_id id, char *out, size_t outlen)
{
    const char *fmt = msg_fmt(lang, id), *pct = strchr(fmt, '%');
    size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);

    assert_true(n < outlen);
    memcpy(out, fmt, n);
    out[n] = '\0';
}

/* Checks that line 0 of d is message `id` after `prefix`. */
static void check_line(const struct diag *d, const char *prefix, enum msg_id id)
{
    char fixed[1024];

    assert_int_equal(d->n, 1);
    if (d->ids[0] != id)
        fail_msg("got %s, want %s: %s", msg_name(d->ids[0]), msg_name(id), d->lines[0]);
    assert_int_equal(strncmp(d->lines[0], prefix, strlen(prefix)), 0);
    fixed_part(d->lang, id, fixed, sizeof fixed);
    if (strncmp(d->lines[0] + strlen(prefix), fixed, strlen(fixed)) != 0)
        fail_msg("\"%s\" does not start with \"%s%s\"", d->lines[0], prefix, fixed);
}

/* Verifies `sig` of msg.txt (or of `msg` when not NULL) with key, expecting
 * message `id`: the English one of minisign_verify (returned in err), and
 * both languages of minisign_verify_diag with a file name. */
static void expect_verify_fails(const struct minisign_key *key, const struct text *msg, const struct text *sig,
                                enum msg_id id, char *err, size_t errlen)
{
    char tc[256] = "junk";
    struct text m;

    if (!msg) {
        read_data("msg.txt", &m);
        msg = &m;
    }
    assert_int_equal(minisign_verify(key, msg->s, msg->len, sig->s, sig->len, tc, sizeof tc, err, errlen), -1);
    assert_string_equal(tc, "");
    for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
        struct diag d = { .lang = (enum msg_lang)lang };
        assert_int_equal(minisign_verify_diag(key, msg->s, msg->len, sig->s, sig->len, NULL, 0, "feed.json.minisig",
                                              &d),
                         -1);
        check_line(&d, "feed.json.minisig: ", id);
        if (lang == MSG_LANG_EN)
            assert_string_equal(d.lines[0] + strlen("feed.json.minisig: "), err);
        diag_free(&d);
    }
    seen[id] = 1;
}

/* The same for a key given as text (prefix "" for no file name). */
static void expect_key_fails(const char *arg, int load, const char *prefix, enum msg_id id, char *err, size_t errlen)
{
    struct minisign_key k;

    if (load)
        assert_int_equal(minisign_key_load(arg, &k, err, errlen), -1);
    else
        assert_int_equal(minisign_key_parse(arg, &k, err, errlen), -1);
    for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
        struct diag d = { .lang = (enum msg_lang)lang };
        if (load)
            assert_int_equal(minisign_key_load_diag(arg, &k, &d), -1);
        else
            assert_int_equal(minisign_key_parse_diag(arg, &k, &d), -1);
        check_line(&d, prefix, id);
        if (lang == MSG_LANG_EN)
            assert_string_equal(d.lines[0], err);
        diag_free(&d);
    }
    seen[id] = 1;
}

/* ---- public keys ---------------------------------------------------------------- */

static void key_inline(void **state)
{
    struct minisign_key k = key_of(KEY_A);
    char id[MINISIGN_KEY_ID_HEX_LEN + 1];
    unsigned char bin[42];
    size_t n;

    minisign_key_id_hex(k.key_id, id);
    assert_string_equal(id, KEY_A_ID);
    assert_int_equal(sodium_base642bin(bin, sizeof bin, KEY_A, strlen(KEY_A), NULL, &n, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    assert_memory_equal(k.key_id, bin + 2, 8);
    assert_memory_equal(k.pk, bin + 10, 32);

    k = key_of(KEY_B);
    minisign_key_id_hex(k.key_id, id);
    assert_string_equal(id, KEY_B_ID);

    /* white space around a pasted key does not matter */
    k = key_of("  " KEY_B " \r\n\n");
    minisign_key_id_hex(k.key_id, id);
    assert_string_equal(id, KEY_B_ID);
}

/* The contents of a .pub file give the same key as its key line; so do
 * the file read from disk and CRLF line ends. */
static void key_pub_file_text(void **state)
{
    struct minisign_key inline_a = key_of(KEY_A), from_text, from_file;
    struct text pub;
    char err[512];

    read_data("a.pub", &pub);
    assert_int_equal(strncmp(pub.s, "untrusted comment: minisign public key " KEY_A_ID "\n", 56), 0);
    from_text = key_of(pub.s);
    assert_memory_equal(&from_text, &inline_a, sizeof inline_a);

    assert_int_equal(minisign_key_load(DATA "a.pub", &from_file, err, sizeof err), 0);
    assert_memory_equal(&from_file, &inline_a, sizeof inline_a);
    assert_int_equal(minisign_key_load(KEY_A, &from_file, err, sizeof err), 0);
    assert_memory_equal(&from_file, &inline_a, sizeof inline_a);
    assert_int_equal(minisign_key_load(pub.s, &from_file, err, sizeof err), 0); /* the text, not a path */
    assert_memory_equal(&from_file, &inline_a, sizeof inline_a);

    replace(&pub, "\n", "\r\n");
    replace(&pub, KEY_A "\n", KEY_A "\r\n");
    from_text = key_of(pub.s);
    assert_memory_equal(&from_text, &inline_a, sizeof inline_a);
}

static void key_malformed(void **state)
{
    char err[512], buf[256];

    expect_key_fails("", 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);
    assert_string_equal(err, "the key is not a minisign public key (one line of 56 base64 characters starting with "
                             "RW); copy the key line from minisign.pub, or give the path of that file");
    expect_key_fails(NULL, 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);
    expect_key_fails("RWTR93d6TquruRmIpb4ICjS9E6I", 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err); /* cut short */
    expect_key_fails(KEY_A "A", 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);                    /* 57 characters */
    expect_key_fails("RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYG!", 0, "", MSG_SIG_KEY_NOT_KEY, err,
                     sizeof err); /* not base64 */
    expect_key_fails("RWTR93d6Tquru RmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd", 0, "", MSG_SIG_KEY_NOT_KEY, err,
                     sizeof err); /* a space inside */
    expect_key_fails(KEY_A " " KEY_B, 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);

    /* 42 bytes, but not an Ed25519 key: "Xd" + id + key */
    {
        unsigned char bin[42];
        sodium_base642bin(bin, sizeof bin, KEY_A, strlen(KEY_A), NULL, NULL, NULL, sodium_base64_VARIANT_ORIGINAL);
        bin[0] = 'X';
        sodium_bin2base64(buf, sizeof buf, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL);
        assert_int_equal(strlen(buf), 56);
        expect_key_fails(buf, 0, "", MSG_SIG_KEY_ALGORITHM, err, sizeof err);
    }

    expect_key_fails("untrusted comment: minisign public key " KEY_A_ID "\n", 0, "", MSG_SIG_KEY_NO_KEY_LINE, err,
                     sizeof err);
    expect_key_fails("untrusted comment: minisign public key " KEY_A_ID "\n\n" KEY_A "\n", 0, "",
                     MSG_SIG_KEY_NO_KEY_LINE, err, sizeof err);
    expect_key_fails("untrusted comment: minisign public key " KEY_A_ID "\n" KEY_A "\n" KEY_B "\n", 0, "",
                     MSG_SIG_KEY_EXTRA, err, sizeof err);
    expect_key_fails(KEY_A "\nsomething else", 0, "", MSG_SIG_KEY_EXTRA, err, sizeof err);
    /* a signature file is not a key */
    {
        struct text sig;
        read_data("msg.txt.minisig", &sig);
        expect_key_fails(sig.s, 0, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);
    }
}

static void key_file_problems(void **state)
{
    char err[512], dir[] = "/tmp/qf-minisign-XXXXXX", path[600];
    FILE *f;

    expect_key_fails(DATA "missing.pub", 1, "", MSG_SIG_KEY_FILE_UNREADABLE, err, sizeof err);
    assert_string_equal(err, "cannot read the public key file \"" DATA "missing.pub\" (No such file or directory); "
                             "give the path of minisign.pub, or the key itself (the line starting with RW)");
    expect_key_fails(DATA, 1, "", MSG_SIG_KEY_FILE_UNREADABLE, err, sizeof err); /* a folder */
    assert_non_null(strstr(err, "(Is a directory)"));

    /* meant as a key, not a file: the key's problem is the one reported */
    expect_key_fails("RWTR93d6TquruRmIpb4ICjS9E6I", 1, "", MSG_SIG_KEY_NOT_KEY, err, sizeof err);

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/big.pub", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f, "untrusted comment: padded\n%s\n", KEY_A);
    for (int i = 0; i < MINISIGN_KEY_TEXT_MAX; i++)
        fputc('\n', f);
    fclose(f);
    expect_key_fails(path, 1, "", MSG_SIG_KEY_FILE_TOO_BIG, err, sizeof err);

    snprintf(path, sizeof path, "%s/junk.pub", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs("untrusted comment: not a key\nhello\n", f);
    fclose(f);
    {
        char prefix[640];
        snprintf(prefix, sizeof prefix, "%s: ", path);
        expect_key_fails(path, 1, prefix, MSG_SIG_KEY_NOT_KEY, err, sizeof err);
    }
    unlink(path);
    snprintf(path, sizeof path, "%s/big.pub", dir);
    unlink(path);
    rmdir(dir);

    /* b.pub is a good file: this is not about files */
    {
        struct minisign_key k;
        char id[MINISIGN_KEY_ID_HEX_LEN + 1];
        assert_int_equal(minisign_key_load(DATA "b.pub", &k, err, sizeof err), 0);
        minisign_key_id_hex(k.key_id, id);
        assert_string_equal(id, KEY_B_ID);
    }
}

/* ---- good signatures ------------------------------------------------------------- */

static void verify_prehashed(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text msg, sig;
    char tc[256], err[512] = "", alg[3];

    algorithm_of("msg.txt.minisig", alg);
    assert_string_equal(alg, "ED");
    read_data("msg.txt", &msg);
    read_data("msg.txt.minisig", &sig);
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_A);
    assert_string_equal(err, ""); /* left alone */
}

static void verify_legacy(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text msg, sig;
    char tc[256], err[512], alg[3];

    /* made by minisign -l itself (0.11 still writes legacy signatures) */
    algorithm_of("msg.txt.legacy.minisig", alg);
    assert_string_equal(alg, "Ed");
    read_data("msg.txt", &msg);
    read_data("msg.txt.legacy.minisig", &sig);
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_LEGACY);
}

/* Key B's signature, with a UTF-8 trusted comment; the comment is cut to
 * the buffer, and may be left out. */
static void verify_key_b_and_comment_buffer(void **state)
{
    struct minisign_key b = key_of(KEY_B);
    struct text msg, sig;
    char tc[256], small[7], smaller[6], err[512];

    read_data("msg.txt", &msg);
    read_data("msg.txt.b.minisig", &sig);
    assert_int_equal(minisign_verify(&b, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_B);
    assert_int_equal(minisign_verify(&b, msg.s, msg.len, sig.s, sig.len, small, sizeof small, err, sizeof err), 0);
    assert_string_equal(small, "清风");
    /* 5 bytes: not half of 风 */
    assert_int_equal(minisign_verify(&b, msg.s, msg.len, sig.s, sig.len, smaller, sizeof smaller, err, sizeof err),
                     0);
    assert_string_equal(smaller, "清");
    assert_int_equal(minisign_verify(&b, msg.s, msg.len, sig.s, sig.len, NULL, 0, err, sizeof err), 0);
}

/* CRLF line ends (a file passed through Windows), no final newline, and
 * blank lines at the end are all the same signature. */
static void verify_line_ends(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text msg, sig, crlf = { .len = 0 };
    char tc[256], err[512];

    read_data("msg.txt", &msg);
    read_data("msg.txt.minisig", &sig);
    for (size_t i = 0; i < sig.len; i++) {
        if (sig.s[i] == '\n')
            crlf.s[crlf.len++] = '\r';
        crlf.s[crlf.len++] = sig.s[i];
    }
    crlf.s[crlf.len] = '\0';
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, crlf.s, crlf.len, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_A); /* no '\r' */

    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len - 1, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_A);
    strcat(sig.s, "\n\r\n  \n");
    sig.len = strlen(sig.s);
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);

    /* minisign reads the trusted comment up to the first CR (its own -V
     * accepts this file too) */
    read_data("msg.txt.minisig", &sig);
    replace(&sig, "hashed\n", "hashed\rjunk\n");
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);
    assert_string_equal(tc, COMMENT_A);
}

/* ---- bad signatures -------------------------------------------------------------- */

static void tampered_message(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text msg, sig, legacy;
    char err[512];

    read_data("msg.txt.minisig", &sig);
    read_data("msg.txt.legacy.minisig", &legacy);
    read_data("msg.txt", &msg);
    msg.s[0] ^= 1;
    expect_verify_fails(&a, &msg, &sig, MSG_SIG_BAD, err, sizeof err);
    assert_string_equal(err, "the signature does not match the file: the file was changed after signing, or the "
                             "signature is for another file; restore the file that was signed, or sign it again with "
                             "minisign -Sm feed.json");
    expect_verify_fails(&a, &msg, &legacy, MSG_SIG_BAD, err, sizeof err);

    read_data("msg.txt", &msg);
    strcat(msg.s, " ");
    msg.len++;
    expect_verify_fails(&a, &msg, &sig, MSG_SIG_BAD, err, sizeof err);
    expect_verify_fails(&a, &msg, &legacy, MSG_SIG_BAD, err, sizeof err);
    msg.len = 0;
    expect_verify_fails(&a, &msg, &sig, MSG_SIG_BAD, err, sizeof err);
}

static size_t prehashed_to_legacy(unsigned char *bin, size_t n)
{
    bin[1] = 'd';
    return n;
}

static size_t legacy_to_prehashed(unsigned char *bin, size_t n)
{
    bin[1] = 'D';
    return n;
}

/* The algorithm decides what was signed: relabelled, neither verifies. */
static void algorithm_relabelled(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text sig;
    char err[512];

    read_data("msg.txt.minisig", &sig);
    edit_signature_line(&sig, prehashed_to_legacy);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_BAD, err, sizeof err);
    read_data("msg.txt.legacy.minisig", &sig);
    edit_signature_line(&sig, legacy_to_prehashed);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_BAD, err, sizeof err);
}

static void tampered_trusted_comment(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text sig;
    char err[512];

    read_data("msg.txt.minisig", &sig);
    replace(&sig, "file:msg.txt", "file:msg.txx");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_COMMENT_BAD, err, sizeof err);
    assert_string_equal(err, "the trusted comment (line 3) or its signature (line 4) was changed after signing; sign "
                             "the feed again with minisign -Sm feed.json");

    read_data("msg.txt.minisig", &sig);
    replace(&sig, "hashed\n", "hashed \n"); /* a trailing space is part of the comment */
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_COMMENT_BAD, err, sizeof err);

    read_data("msg.txt.legacy.minisig", &sig);
    replace(&sig, "legacy signature", "legacy Signature");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_COMMENT_BAD, err, sizeof err);
}

static void tampered_global_signature(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text sig;
    char err[512], *p;
    size_t len;

    read_data("msg.txt.minisig", &sig);
    p = line_at(&sig, 4, &len);
    p[5] = p[5] == 'A' ? 'B' : 'A'; /* still base64, another signature */
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_COMMENT_BAD, err, sizeof err);

    /* the global signature of another file's signature (key B's) */
    {
        struct text other;
        char line4[128];
        read_data("msg.txt.b.minisig", &other);
        p = line_at(&other, 4, &len);
        memcpy(line4, p, len);
        line4[len] = '\0';
        read_data("msg.txt.minisig", &sig);
        set_line(&sig, 4, line4);
        expect_verify_fails(&a, NULL, &sig, MSG_SIG_COMMENT_BAD, err, sizeof err);
    }
}

/* Key B's signature checked with key A: the ids differ, and the message
 * says both as minisign prints them. */
static void wrong_key(void **state)
{
    struct minisign_key a = key_of(KEY_A), b = key_of(KEY_B), forged;
    struct text sig;
    char err[512];

    read_data("msg.txt.b.minisig", &sig);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_KEY_MISMATCH, err, sizeof err);
    assert_string_equal(err, "signed with key id " KEY_B_ID ", but the configured key is " KEY_A_ID
                             "; sign with the secret key that belongs to the configured public key, or configure "
                             "the public key of the key that signed");
    read_data("msg.txt.minisig", &sig);
    expect_verify_fails(&b, NULL, &sig, MSG_SIG_KEY_MISMATCH, err, sizeof err);
    assert_non_null(strstr(err, "signed with key id " KEY_A_ID ", but the configured key is " KEY_B_ID ";"));

    /* the id only names the key: A's id on B's public key does not make
     * A's signature verify */
    forged = b;
    memcpy(forged.key_id, a.key_id, sizeof forged.key_id);
    expect_verify_fails(&forged, NULL, &sig, MSG_SIG_BAD, err, sizeof err);

    /* in Chinese */
    {
        struct diag zh = { .lang = MSG_LANG_ZH };
        struct text msg;
        read_data("msg.txt", &msg);
        read_data("msg.txt.b.minisig", &sig);
        assert_int_equal(minisign_verify_diag(&a, msg.s, msg.len, sig.s, sig.len, NULL, 0,
                                              "build/feed/feed.json.minisig", &zh),
                         -1);
        assert_string_equal(zh.lines[0], "build/feed/feed.json.minisig: 签名所用密钥的编号是 " KEY_B_ID
                                         "，但配置的公钥编号是 " KEY_A_ID "，两者不是一对；请用与配置的公钥配对的"
                                         "密钥重新签名，或者改为配置签名密钥对应的公钥");
        diag_free(&zh);
    }
}

static size_t unknown_algorithm(unsigned char *bin, size_t n)
{
    bin[0] = 'X';
    bin[1] = 'x';
    return n;
}

static size_t unprintable_algorithm(unsigned char *bin, size_t n)
{
    bin[0] = 0x01;
    bin[1] = 0xfe;
    return n;
}

static size_t one_byte_more(unsigned char *bin, size_t n)
{
    bin[n] = 0;
    return n + 1;
}

static size_t one_byte_less(unsigned char *bin, size_t n)
{
    return n - 1;
}

static void malformed_lines(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text sig;
    char err[512];
    size_t len;

    /* line 1 */
    read_data("msg.txt.minisig", &sig);
    replace(&sig, "untrusted comment: ", "comment: ");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_NO_UNTRUSTED, err, sizeof err);
    sig.s[0] = '\0';
    sig.len = 0;
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_NO_UNTRUSTED, err, sizeof err);

    /* cut short after line 1, 2 (no trusted comment) and 3 */
    for (int lines = 1; lines <= 3; lines++) {
        char want[64];
        read_data("msg.txt.minisig", &sig);
        sig.len = (size_t)(line_at(&sig, lines + 1, &len) - sig.s);
        sig.s[sig.len] = '\0';
        expect_verify_fails(&a, NULL, &sig, MSG_SIG_TRUNCATED, err, sizeof err);
        snprintf(want, sizeof want, "the signature ends after line %d,", lines);
        assert_int_equal(strncmp(err, want, strlen(want)), 0);
    }

    /* line 2: bad base64, wrong lengths, unknown algorithms */
    read_data("msg.txt.minisig", &sig);
    line_at(&sig, 2, &len)[10] = '!';
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_SIGNATURE_BAD, err, sizeof err);
    assert_string_equal(err, "line 2 is not a minisign signature (100 base64 characters); the file is damaged: sign "
                             "the feed again with minisign -Sm feed.json");
    read_data("msg.txt.minisig", &sig);
    line_at(&sig, 2, &len)[98] = 'B'; /* "...o=" -> "...B=": non-zero padding bits */
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_SIGNATURE_BAD, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    edit_signature_line(&sig, one_byte_more);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_SIGNATURE_BAD, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    edit_signature_line(&sig, one_byte_less);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_SIGNATURE_BAD, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    set_line(&sig, 2, "");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_SIGNATURE_BAD, err, sizeof err);

    read_data("msg.txt.minisig", &sig);
    edit_signature_line(&sig, unknown_algorithm);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_ALGORITHM, err, sizeof err);
    assert_string_equal(err, "line 2 names the signature algorithm \"Xx\", which is neither Ed (legacy) nor ED "
                             "(prehashed); sign the feed again with minisign -Sm feed.json");
    read_data("msg.txt.minisig", &sig);
    edit_signature_line(&sig, unprintable_algorithm);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_ALGORITHM, err, sizeof err);
    assert_non_null(strstr(err, "\"0x01fe\""));

    /* line 3 */
    read_data("msg.txt.minisig", &sig);
    replace(&sig, "trusted comment: timestamp", "trusted comment:timestamp");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_NO_TRUSTED, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    set_line(&sig, 3, "untrusted comment: timestamp:1795334435");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_NO_TRUSTED, err, sizeof err);

    /* line 4 */
    read_data("msg.txt.minisig", &sig);
    line_at(&sig, 4, &len)[20] = '*';
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_GLOBAL_BAD, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    replace(&sig, "==\n", "\n"); /* unpadded */
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_GLOBAL_BAD, err, sizeof err);
    read_data("msg.txt.minisig", &sig);
    set_line(&sig, 4, "");
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_GLOBAL_BAD, err, sizeof err);

    /* after line 4 */
    read_data("msg.txt.minisig", &sig);
    strcat(sig.s, "\nanother line\n");
    sig.len = strlen(sig.s);
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_EXTRA, err, sizeof err);

    /* not text */
    read_data("msg.txt.minisig", &sig);
    line_at(&sig, 3, &len)[len - 1] = '\0';
    expect_verify_fails(&a, NULL, &sig, MSG_SIG_NOT_TEXT, err, sizeof err);
}

/* Over MINISIGN_SIG_MAX bytes is refused before it is read; at the limit
 * it is a signature like any other. */
static void oversize(void **state)
{
    struct minisign_key a = key_of(KEY_A);
    struct text msg, sig;
    char err[512], tc[256];

    read_data("msg.txt", &msg);
    read_data("msg.txt.minisig", &sig);
    while (sig.len < MINISIGN_SIG_MAX)
        sig.s[sig.len++] = '\n';
    sig.s[sig.len] = '\0';
    assert_int_equal(minisign_verify(&a, msg.s, msg.len, sig.s, sig.len, tc, sizeof tc, err, sizeof err), 0);
    sig.s[sig.len++] = '\n';
    sig.s[sig.len] = '\0';
    expect_verify_fails(&a, &msg, &sig, MSG_SIG_TOO_BIG, err, sizeof err);
    assert_string_equal(err, "the signature is over 4 KiB, but a minisign signature is about 300 bytes; give the "
                             "feed.json.minisig written by minisign -Sm feed.json");
}

/* Every signature message an editor can cause was produced above, in both
 * languages. MSG_SIG_MISSING is about a feed folder (test_feed_sig.c);
 * MSG_SIG_SODIUM is a system failure. */
static void every_message_was_produced(void **state)
{
    int missing = 0;

    for (int id = MSG_SIG_FIRST; id <= MSG_SIG_LAST; id++) {
        if (id == MSG_SIG_MISSING || id == MSG_SIG_SODIUM)
            continue;
        if (!seen[id]) {
            print_message("    no case produces %s\n", msg_name((enum msg_id)id));
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_inline),
        cmocka_unit_test(key_pub_file_text),
        cmocka_unit_test(key_malformed),
        cmocka_unit_test(key_file_problems),
        cmocka_unit_test(verify_prehashed),
        cmocka_unit_test(verify_legacy),
        cmocka_unit_test(verify_key_b_and_comment_buffer),
        cmocka_unit_test(verify_line_ends),
        cmocka_unit_test(tampered_message),
        cmocka_unit_test(algorithm_relabelled),
        cmocka_unit_test(tampered_trusted_comment),
        cmocka_unit_test(tampered_global_signature),
        cmocka_unit_test(wrong_key),
        cmocka_unit_test(malformed_lines),
        cmocka_unit_test(oversize),
        cmocka_unit_test(every_message_was_produced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
