#include "core/pin.h"

#include <string.h>

#include <sodium.h>

/* Hash cost. A PIN of 4 to 12 digits has at most 10^12 values, so no key
 * derivation makes a stolen hash safe; what protects the panel is the
 * lockout of pin_guard on the screen itself, and the config file's
 * permissions. The hash only keeps the PIN from being read off the config
 * in plain sight and makes guessing offline cost something. So the cost is
 * set for the kiosk: 2 passes over 16 MiB verify in tens of ms on a
 * Raspberry Pi class box, fast enough for the UI thread and small beside
 * the kiosk's memory. */
#define PIN_OPSLIMIT 2
#define PIN_MEMLIMIT (16u * 1024u * 1024u)

/* Limits on a hash's own cost (it comes from a file): */
#define MAX_MEMORY_KIB (256u * 1024u)
#define MAX_PASSES 16u

_Static_assert(PIN_HASH_MAX == crypto_pwhash_STRBYTES, "PIN_HASH_MAX must match libsodium");

bool pin_is_valid(const char *pin)
{
    if (!pin)
        return false;
    size_t n = 0;
    for (; pin[n]; n++)
        if (pin[n] < '0' || pin[n] > '9' || n >= PIN_MAX_LEN)
            return false;
    return n >= PIN_MIN_LEN;
}

int pin_hash_new(const char *pin, char *out, size_t outlen)
{
    if (!out || outlen < PIN_HASH_MAX)
        return -1;
    out[0] = '\0';
    if (!pin_is_valid(pin) || sodium_init() < 0)
        return -1;
    if (crypto_pwhash_str_alg(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

/* Reads "<name>=<decimal>" at *s, leaving *s after the digits. */
static bool read_param(const char **s, const char *name, unsigned long *out)
{
    size_t n = strlen(name);
    if (strncmp(*s, name, n) || (*s)[n] != '=')
        return false;
    const char *p = *s + n + 1;
    unsigned long v = 0;
    if (*p < '0' || *p > '9')
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > 100000000ul)
            return false; /* absurd; also keeps v from overflowing */
        v = v * 10 + (unsigned long)(*p - '0');
    }
    *s = p;
    *out = v;
    return true;
}

/* Reads a run of unpadded base64 characters; returns its length. */
static size_t read_b64(const char **s)
{
    const char *p = *s;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '+' || *p == '/')
        p++;
    size_t n = (size_t)(p - *s);
    *s = p;
    return n;
}

/* "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>" (or argon2i). */
bool pin_hash_is_usable(const char *hash)
{
    if (!hash || strlen(hash) >= PIN_HASH_MAX)
        return false;
    const char *s = hash;
    if (!strncmp(s, "$argon2id$", 10))
        s += 10;
    else if (!strncmp(s, "$argon2i$", 9))
        s += 9;
    else
        return false;
    unsigned long v, m, t, p;
    if (!read_param(&s, "v", &v) || *s++ != '$' || !read_param(&s, "m", &m) || *s++ != ',' ||
        !read_param(&s, "t", &t) || *s++ != ',' || !read_param(&s, "p", &p) || *s++ != '$')
        return false;
    if (v != 19 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_PASSES || p < 1)
        return false;
    /* Salt of at least 8 bytes (the format's minimum); a tag of at least 32
     * bytes, the length every common tool writes, so a hash cut short by a
     * copy and paste is caught here. */
    size_t salt = read_b64(&s);
    if (salt < 11 || salt % 4 == 1 || *s++ != '$')
        return false;
    size_t tag = read_b64(&s);
    if (tag < 43 || tag % 4 == 1)
        return false;
    return *s == '\0';
}

bool pin_verify(const char *hash, const char *pin)
{
    if (!pin_is_valid(pin) || !pin_hash_is_usable(hash) || sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

void pin_guard_init(struct pin_guard *g, int max_tries, uint32_t lock_ms)
{
    *g = (struct pin_guard){.max_tries = max_tries < 1 ? 1 : max_tries, .lock_ms = lock_ms};
}

uint64_t pin_guard_locked_ms(const struct pin_guard *g, uint64_t now_ms)
{
    return g->locked && now_ms < g->locked_until ? g->locked_until - now_ms : 0;
}

struct pin_result pin_guard_try(struct pin_guard *g, const char *hash, const char *pin, uint64_t now_ms)
{
    uint64_t left = pin_guard_locked_ms(g, now_ms);
    if (left)
        return (struct pin_result){.status = PIN_LOCKED, .ms_left = left};
    if (g->locked) { /* the lock has run out: a fresh set of tries */
        g->locked = false;
        g->wrong = 0;
    }
    if (!pin_hash_is_usable(hash))
        return (struct pin_result){.status = PIN_UNSET};
    if (pin_verify(hash, pin)) {
        g->wrong = 0;
        return (struct pin_result){.status = PIN_OK};
    }
    if (++g->wrong < g->max_tries)
        return (struct pin_result){.status = PIN_WRONG, .tries_left = g->max_tries - g->wrong};
    g->wrong = 0;
    g->locked = true;
    g->locked_until = now_ms + g->lock_ms;
    return (struct pin_result){.status = PIN_LOCKED, .ms_left = g->lock_ms, .locked_now = true};
}
