/* The admin PIN: argon2id hashes (libsodium) and a guard that locks the PIN
 * pad after repeated wrong tries. The guard logs nothing; its result says
 * enough for the caller's "admin: wrong PIN (n left)" and
 * "admin: locked for 300 s" lines. */
#ifndef QF_PIN_H
#define QF_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIN_MIN_LEN 4
#define PIN_MAX_LEN 12
/* Room for a hash string with its NUL (libsodium's crypto_pwhash_STRBYTES). */
#define PIN_HASH_MAX 128

#define PIN_DEFAULT_TRIES 5
#define PIN_DEFAULT_LOCK_MS (5u * 60u * 1000u)

/* True for 4 to 12 ASCII digits and nothing else. */
bool pin_is_valid(const char *pin);

/* Writes the argon2id hash string of pin ("$argon2id$v=19$m=16384,t=2,p=1$
 * ...") to out. Returns 0, or -1 when pin is not valid, outlen is under
 * PIN_HASH_MAX or hashing fails (out of memory); out is then "". */
int pin_hash_new(const char *pin, char *out, size_t outlen);

/* True when hash is a complete "$argon2id$" or "$argon2i$" string (salt of
 * at least 8 bytes, tag of at least 32) whose cost is within what a kiosk
 * can verify (memory <= 256 MiB, passes <= 16), so a mistyped config cannot
 * stall the screen for minutes. */
bool pin_hash_is_usable(const char *hash);

/* True when pin is valid and matches hash. An empty, malformed or unusable
 * hash matches nothing. Takes tens of ms (a hash of pin_hash_new). */
bool pin_verify(const char *hash, const char *pin);

enum pin_status {
    PIN_OK,           /* right PIN: open the panel */
    PIN_WRONG,        /* wrong; tries_left more before the lock */
    PIN_LOCKED,       /* refused without checking; ms_left until tries are taken again */
    PIN_UNSET,        /* no usable hash configured: the panel cannot be opened */
};

struct pin_result {
    enum pin_status status;
    int tries_left;     /* PIN_WRONG: wrong tries still allowed before the lock */
    uint64_t ms_left;   /* PIN_LOCKED: time until the lock ends */
    bool locked_now;    /* PIN_LOCKED: this try was the one that locked */
};

struct pin_guard {
    int max_tries;      /* wrong tries in a row that lock */
    uint32_t lock_ms;   /* how long the lock lasts */
    int wrong;          /* wrong tries in a row so far */
    bool locked;
    uint64_t locked_until;
};

/* max_tries < 1 counts as 1. */
void pin_guard_init(struct pin_guard *g, int max_tries, uint32_t lock_ms);

/* Checks pin against hash at now_ms. The max_tries-th wrong try in a row
 * returns PIN_LOCKED with locked_now set and ms_left = lock_ms; tries before
 * the lock ends (now_ms < lock start + lock_ms) are refused unchecked and do
 * not extend it; from then on the count starts afresh. A right PIN resets
 * the count. PIN_UNSET tries are not counted. */
struct pin_result pin_guard_try(struct pin_guard *g, const char *hash, const char *pin, uint64_t now_ms);

/* Time left of the lock at now_ms, 0 when not locked (for the PIN pad). */
uint64_t pin_guard_locked_ms(const struct pin_guard *g, uint64_t now_ms);

#endif
