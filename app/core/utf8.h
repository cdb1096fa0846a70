/* Small UTF-8 helpers: strict decoding (RFC 3629), validation, counting.
 * Strict means: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no truncated or stray continuation bytes. U+0000 encoded as
 * the single byte 0x00 is valid; these functions take explicit lengths. */
#ifndef QF_UTF8_H
#define QF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returned by utf8_count for invalid input. */
#define UTF8_INVALID SIZE_MAX

/* Decodes the code point at the start of s[0..len). Returns the number of
 * bytes it takes (1..4) and stores it in *cp; returns 0 when len is 0 and -1
 * when the bytes are not valid UTF-8 (then *cp is U+FFFD). cp may be NULL. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is entirely valid UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in s[0..len), or UTF8_INVALID when it is not valid. */
size_t utf8_count(const char *s, size_t len);

/* Encodes cp into out (at least 4 bytes, not NUL-terminated). Returns the
 * number of bytes written (1..4), or 0 for a surrogate or cp > U+10FFFF. */
int utf8_encode(uint32_t cp, char *out);

/* True when s (NUL-terminated) holds nothing but white space: ASCII blanks
 * and line ends, and the ideographic space U+3000. */
bool utf8_is_blank(const char *s);

#endif
