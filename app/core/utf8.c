#include "core/utf8.h"

#include <string.h>

int utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    uint32_t dummy;
    if (!cp)
        cp = &dummy;
    *cp = 0xFFFD;
    if (!s || len == 0)
        return 0;

    const unsigned char *p = (const unsigned char *)s;
    unsigned char b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }

    int n;
    uint32_t c, min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {         /* 0xC0, 0xC1 are always overlong */
        n = 2, c = b0 & 0x1Fu, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3, c = b0 & 0x0Fu, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {  /* 0xF5.. would exceed U+10FFFF */
        n = 4, c = b0 & 0x07u, min = 0x10000;
    } else {
        return -1;                          /* continuation byte or 0xF5..0xFF */
    }
    if (len < (size_t)n)
        return -1;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *cp = c;
    return n;
}

bool utf8_valid(const char *s, size_t len)
{
    return utf8_count(s, len) != UTF8_INVALID;
}

size_t utf8_count(const char *s, size_t len)
{
    if (!s)
        return len == 0 ? 0 : UTF8_INVALID;
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        int n = utf8_decode(s + i, len - i, NULL);
        if (n <= 0)
            return UTF8_INVALID;
        i += (size_t)n;
        count++;
    }
    return count;
}

int utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_is_blank(const char *s)
{
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            return false;
    }
    return true;
}
