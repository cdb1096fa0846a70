/* minisign public keys and signatures (https://jedisct1.github.io/minisign/),
 * verified with libsodium. The feed is signed with the minisign tool
 * (`minisign -Sm feed.json` writes feed.json.minisig); screens and
 * qingfeng-feed check it against a configured public key.
 *
 * A public key file (minisign.pub) has two lines:
 *   untrusted comment: minisign public key B9ABAB4E7A77F7D1
 *   RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd
 * The key line is base64 of "Ed" + the 8-byte key id + the 32-byte Ed25519
 * public key.
 *
 * A signature file (.minisig) has four lines:
 *   untrusted comment: <anything>
 *   <base64 of algorithm (2 bytes) + key id (8) + Ed25519 signature (64)>
 *   trusted comment: <text>
 *   <base64 of the Ed25519 signature of (the 64-byte signature || text)>
 * Algorithm "Ed" (legacy) signs the message itself; "ED" (prehashed, the
 * default since minisign 0.8) signs its BLAKE2b-512 hash. Lines may end in
 * LF or CRLF.
 *
 * Key ids are shown as minisign prints them: the 8 bytes read as a
 * little-endian number, in upper-case hex ("B9ABAB4E7A77F7D1").
 *
 * Messages come from the catalogue (msg.h), one line "<what is wrong>;
 * <what to do>": the *_diag functions word them in the language of the
 * struct diag they are given; the others (the kiosk's) are always English.
 * On failure `err` holds the message; on success it is left alone. */
#ifndef QF_MINISIGN_H
#define QF_MINISIGN_H

#include <stddef.h>
#include <stdint.h>

#include "core/msg.h"

#define MINISIGN_KEY_ID_BYTES 8
#define MINISIGN_PK_BYTES 32
#define MINISIGN_KEY_ID_HEX_LEN 16   /* "B9ABAB4E7A77F7D1" */
#define MINISIGN_KEY_TEXT_MAX 4096   /* a key given as text, or a key file */
#define MINISIGN_SIG_MAX 4096        /* a .minisig file; minisign writes ~300 bytes */

struct minisign_key {
    uint8_t key_id[MINISIGN_KEY_ID_BYTES];
    uint8_t pk[MINISIGN_PK_BYTES];
};

/* Parses a public key given as text: either the bare key line ("RWQ...",
 * 56 base64 characters; white space around it is ignored) or the contents
 * of a minisign .pub file (an "untrusted comment:" line, then the key
 * line). Nothing but blank lines may follow the key line. Returns 0 and
 * fills *out, or -1 with a message in err. */
int minisign_key_parse(const char *text, struct minisign_key *out, char *err, size_t errlen);

/* `key_or_file` is the key itself when it parses as one (see
 * minisign_key_parse), else the path of a .pub file (read at most
 * MINISIGN_KEY_TEXT_MAX bytes). Returns 0 and fills *out, or -1 with a
 * message in err: the file cannot be read, is too big, or does not hold a
 * key (then the message starts with "<path>: "). A missing file whose name
 * looks like a key (no '/', starts with "RW") is reported as a bad key. */
int minisign_key_load(const char *key_or_file, struct minisign_key *out, char *err, size_t errlen);

/* Verifies the signature text `sig_text` (sig_len bytes, the contents of a
 * .minisig file, at most MINISIGN_SIG_MAX) of the message `msg` (msg_len
 * bytes) with `key`. Checks, in order: the size, the four lines, the
 * base64 and its exact lengths, the algorithm, that the signature's key id
 * is the key's, the signature of the message, and the signature of the
 * trusted comment. Returns 0 and copies the trusted comment (the text after
 * "trusted comment: " up to the line end or a CR, as minisign reads it; cut
 * to fit tc_len - 1 bytes at a UTF-8 character boundary; NULL/0 for none)
 * to trusted_comment; or -1 with a message in err (trusted_comment is then
 * ""). */
int minisign_verify(const struct minisign_key *key, const void *msg, size_t msg_len, const char *sig_text,
                    size_t sig_len, char *trusted_comment, size_t tc_len, char *err, size_t errlen);

/* The same, adding their one message to `errs` in its language. A message
 * of minisign_verify_diag starts with "<name>: " when name is not NULL. */
int minisign_key_parse_diag(const char *text, struct minisign_key *out, struct diag *errs);
int minisign_key_load_diag(const char *key_or_file, struct minisign_key *out, struct diag *errs);
int minisign_verify_diag(const struct minisign_key *key, const void *msg, size_t msg_len, const char *sig_text,
                         size_t sig_len, char *trusted_comment, size_t tc_len, const char *name,
                         struct diag *errs);

/* Writes the key id as minisign prints it (16 upper-case hex digits). */
void minisign_key_id_hex(const uint8_t key_id[MINISIGN_KEY_ID_BYTES], char out[MINISIGN_KEY_ID_HEX_LEN + 1]);

#endif
