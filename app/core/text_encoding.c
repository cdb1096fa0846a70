#include "core/text_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* A UTF-8 file is "mostly valid" when its well-formed multi-byte
 * characters outnumber its bad bytes this many times. GBK text read as
 * UTF-8 has a bad byte for nearly every character, so it never gets near. */
#define MOSTLY_UTF8_RATIO 8

const char *text_encoding_name(enum text_encoding e)
{
    switch (e) {
    case TEXT_UTF8: return "UTF-8";
    case TEXT_UTF8_BOM: return "UTF-8 with BOM";
    case TEXT_GB18030: return "GB18030";
    }
    return "?";
}

static enum text_problem bad_at(const char *in, size_t at, struct text_utf8 *out)
{
    out->bad_offset = at;
    out->bad_byte = (unsigned char)in[at];
    out->bad_line = 1;
    for (size_t i = 0; i < at; i++)
        out->bad_line += in[i] == '\n';
    return TEXT_BAD_BYTES;
}

/* Offset of the first byte that is not valid UTF-8 (or a NUL), or len;
 * counts the good multi-byte characters and the bad bytes of the whole text. */
static size_t utf8_scan(const char *s, size_t len, size_t *multi, size_t *bad)
{
    size_t first = len;

    *multi = *bad = 0;
    for (size_t i = 0; i < len;) {
        int n = utf8_decode(s + i, len - i, NULL);
        if (n <= 0 || s[i] == '\0') {
            if (first == len)
                first = i;
            (*bad)++;
            i++;
            continue;
        }
        *multi += n > 1;
        i += (size_t)n;
    }
    return first;
}

static enum text_problem copy_out(const char *s, size_t len, struct text_utf8 *out)
{
    out->text = malloc(len + 1);
    if (!out->text)
        return TEXT_NO_MEMORY;
    memcpy(out->text, s, len);
    out->text[len] = '\0';
    out->len = len;
    return TEXT_OK;
}

static enum text_problem from_gb18030(const char *in, size_t len, struct text_utf8 *out)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    size_t cap = len + len / 2 + 16, used = 0;
    char *buf = NULL, *ip = (char *)in;
    size_t left = len;
    enum text_problem rc = TEXT_NO_MEMORY;

    if (cd == (iconv_t)-1)
        return TEXT_NO_MEMORY; /* glibc always has GB18030 */
    buf = malloc(cap);
    while (buf) {
        char *op = buf + used;
        size_t room = cap - used - 1;
        size_t r = iconv(cd, &ip, &left, &op, &room);
        used = (size_t)(op - buf);
        if (r != (size_t)-1) {
            r = iconv(cd, NULL, NULL, &op, &room); /* flush: GB18030 has no state, but be correct */
            used = (size_t)(op - buf);
            if (r == (size_t)-1)
                break;
            buf[used] = '\0';
            /* the GB18030 byte order mark 84 31 95 33 reads as U+FEFF */
            if (used >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
                memmove(buf, buf + 3, used - 3 + 1);
                used -= 3;
            }
            out->text = buf;
            out->len = used;
            buf = NULL;
            rc = TEXT_OK;
            break;
        }
        if (errno == E2BIG) {
            char *grown = realloc(buf, cap * 2);
            if (!grown)
                break;
            buf = grown;
            cap *= 2;
            continue;
        }
        /* EILSEQ: a byte GB18030 cannot read; EINVAL: a character cut off at the end */
        rc = bad_at(in, (size_t)(ip - in), out);
        break;
    }
    free(buf);
    iconv_close(cd);
    return rc;
}

enum text_problem text_to_utf8(const char *in, size_t len, struct text_utf8 *out)
{
    size_t multi, bad, first, nul;

    memset(out, 0, sizeof *out);
    if (len >= 2 && (((unsigned char)in[0] == 0xff && (unsigned char)in[1] == 0xfe) ||
                     ((unsigned char)in[0] == 0xfe && (unsigned char)in[1] == 0xff)))
        return TEXT_UTF16;
    nul = len;
    {
        const char *z = memchr(in, '\0', len);
        if (z)
            nul = (size_t)(z - in);
    }
    if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {
        out->from = TEXT_UTF8_BOM;
        first = utf8_scan(in + 3, len - 3, &multi, &bad);
        if (first < len - 3)
            return bad_at(in, first + 3, out);
        return copy_out(in + 3, len - 3, out);
    }
    first = utf8_scan(in, len, &multi, &bad);
    if (first == len) {
        out->from = TEXT_UTF8;
        return copy_out(in, len, out);
    }
    if (nul < len)
        return bad_at(in, nul, out);
    if (multi >= MOSTLY_UTF8_RATIO * bad)
        return bad_at(in, first, out);
    out->from = TEXT_GB18030;
    return from_gb18030(in, len, out);
}
