#include "core/frontmatter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 --------------------------------------------------------------- */

int utf8_is_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned c = p[i];
        size_t n;
        unsigned long cp;

        if (c == 0)
            goto fail;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07;
        } else {
            goto fail;
        }
        if (len - i <= n)
            goto fail;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                goto fail;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            goto fail;
        i += n + 1;
    }
    return 1;
fail:
    if (bad)
        *bad = i;
    return 0;
}

/* ---- small text helpers ---------------------------------------------------- */

static int is_blank(const char *s)
{
    return s[0] == ' ' || s[0] == '\t';
}

static int is_ideographic_space(const char *s)
{
    return (unsigned char)s[0] == 0xe3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80;
}

/* Trims ASCII blanks and U+3000 from both ends of [*b, *e). */
static void trim_span(const char **b, const char **e)
{
    for (;;) {
        if (*b < *e && is_blank(*b))
            (*b)++;
        else if (*e - *b >= 3 && is_ideographic_space(*b))
            *b += 3;
        else
            break;
    }
    for (;;) {
        if (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
            (*e)--;
        else if (*e - *b >= 3 && is_ideographic_space(*e - 3))
            *e -= 3;
        else
            break;
    }
}

static char *dup_span(const char *b, const char *e)
{
    char *s = malloc((size_t)(e - b) + 1);

    if (!s)
        return NULL;
    memcpy(s, b, (size_t)(e - b));
    s[e - b] = '\0';
    return s;
}

/* Reads a "..." string starting at *p (on the opening quote), unescaping
 * \" and \\. Stops at `end`. Returns a new string and moves *p past the
 * closing quote; returns NULL with *unclosed set when there is none, or
 * NULL when out of memory. */
static char *read_quoted(const char **p, const char *end, int *unclosed)
{
    const char *s = *p + 1;
    char *out = malloc((size_t)(end - s) + 1);
    size_t n = 0;

    *unclosed = 0;
    if (!out)
        return NULL;
    while (s < end && *s != '"') {
        if (*s == '\\' && s + 1 < end && (s[1] == '"' || s[1] == '\\'))
            s++;
        out[n++] = *s++;
    }
    if (s >= end) {
        free(out);
        *unclosed = 1;
        return NULL;
    }
    out[n] = '\0';
    *p = s + 1;
    return out;
}

/* ---- the header ------------------------------------------------------------- */

static int key_allowed(const char *const *keys, const char *key)
{
    if (!keys)
        return 1;
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(keys[i], key) == 0)
            return 1;
    return 0;
}

/* The allowed keys joined with `sep` (", " or "、"). */
static void key_list(const char *const *keys, const char *sep, char *out, size_t outlen)
{
    size_t n = 0;

    out[0] = '\0';
    for (size_t i = 0; keys && keys[i] && n < outlen; i++) {
        int w = snprintf(out + n, outlen - n, "%s%s", i ? sep : "", keys[i]);
        if (w < 0)
            break;
        n += (size_t)w;
    }
}

/* Handles one header line [b, e) numbered `line`. Returns 0 when it was
 * fine, -1 after adding a message (or when out of memory). */
static int header_line(struct frontmatter *fm, const char *b, const char *e, int line, const char *name,
                       const char *const *keys, struct diag *errs)
{
    const char *k = b, *v;
    char *key = NULL, *value = NULL, *raw = NULL;
    struct fm_field *grown;
    int rc = -1;

    while (k < e && ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
                     *k == '_' || *k == '-'))
        k++;
    v = k;
    while (v < e && is_blank(v))
        v++;
    if (k == b || v >= e || !(*v == ':' || (e - v >= 3 && memcmp(v, "\xef\xbc\x9a", 3) == 0))) {
        diag_field(errs, name, line, NULL, MSG_SRC_NOT_KEY_VALUE);
        goto out;
    }
    key = dup_span(b, k);
    if (!key)
        goto oom;
    v += *v == ':' ? 1 : 3;
    trim_span(&v, &e);
    raw = dup_span(v, e);
    if (!raw)
        goto oom;
    if (!key_allowed(keys, key)) {
        char list[512];
        key_list(keys, msg_fmt(errs->lang, MSG_LIST_SEP), list, sizeof list);
        diag_field(errs, name, line, key, MSG_SRC_UNKNOWN_FIELD, list);
        goto out;
    }
    for (size_t i = 0; i < fm->n_fields; i++) {
        if (strcmp(fm->fields[i].key, key) == 0) {
            diag_field(errs, name, line, key, MSG_SRC_FIELD_TWICE, fm->fields[i].line);
            goto out;
        }
    }
    if (v < e && *v == '"') {
        const char *q = v;
        int unclosed;
        value = read_quoted(&q, e, &unclosed);
        if (!value && unclosed) {
            diag_field(errs, name, line, key, MSG_SRC_QUOTE_UNCLOSED);
            goto out;
        }
        if (!value)
            goto oom;
        if (q != e) { /* more after the closing quote: a list such as "a", "b" */
            free(value);
            value = strdup(raw);
        }
    } else {
        value = strdup(raw);
    }
    if (!value)
        goto oom;
    grown = realloc(fm->fields, (fm->n_fields + 1) * sizeof *fm->fields);
    if (!grown)
        goto oom;
    fm->fields = grown;
    fm->fields[fm->n_fields++] = (struct fm_field){ key, value, raw, line };
    key = value = raw = NULL;
    rc = 0;
    goto out;
oom:
    diag_field(errs, name, line, NULL, MSG_SYS_OUT_OF_MEMORY);
out:
    free(key);
    free(value);
    free(raw);
    return rc;
}

static int is_fence(const char *b, const char *e)
{
    while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return e - b == 3 && memcmp(b, "---", 3) == 0;
}

/* Copies the text without a BOM and with CR LF turned into LF. */
static char *normalise(const char *text, size_t len, size_t *outlen)
{
    char *out;
    size_t n = 0;

    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        len -= 3;
    }
    out = malloc(len + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            continue;
        out[n++] = text[i];
    }
    out[n] = '\0';
    *outlen = n;
    return out;
}

int frontmatter_parse(const char *text, size_t len, const char *name, const char *const *keys,
                      struct frontmatter *out, struct diag *errs)
{
    size_t before = errs->n, n = 0, bad;
    char *norm = NULL;
    const char *p, *end;
    int line = 1, closed = 0;

    if (!utf8_is_valid(text, len, &bad)) {
        int bad_line = 1;
        for (size_t i = 0; i < bad; i++)
            bad_line += text[i] == '\n';
        diag_field(errs, name, bad_line, NULL, MSG_SRC_BAD_UTF8, (unsigned)(unsigned char)text[bad]);
        goto out;
    }
    norm = normalise(text, len, &n);
    if (!norm) {
        diag_field(errs, name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        goto out;
    }
    p = norm;
    end = norm + n;
    {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (!is_fence(p, eol)) {
            diag_field(errs, name, 1, NULL, MSG_SRC_NO_HEADER);
            goto out;
        }
        p = eol < end ? eol + 1 : end;
        line++;
    }
    /* Find the closing line first: in a header that is never closed, every
     * body line would also be reported as a bad field. */
    {
        const char *q = p;
        while (q < end && !closed) {
            const char *eol = memchr(q, '\n', (size_t)(end - q));
            if (!eol)
                eol = end;
            closed = is_fence(q, eol);
            q = eol < end ? eol + 1 : end;
        }
    }
    if (!closed) {
        diag_field(errs, name, 1, NULL, MSG_SRC_HEADER_NOT_CLOSED);
        goto out;
    }
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *b = p, *e;
        if (!eol)
            eol = end;
        e = eol;
        p = eol < end ? eol + 1 : end;
        line++;
        if (is_fence(b, e))
            break;
        trim_span(&b, &e);
        if (b < e && *b != '#')
            header_line(out, b, e, line - 1, name, keys, errs);
    }
    out->body = dup_span(p, end);
    out->body_line = line;
    if (!out->body)
        diag_field(errs, name, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
out:
    free(norm);
    return errs->n == before && !errs->out_of_memory ? 0 : -1;
}

const struct fm_field *frontmatter_get(const struct frontmatter *fm, const char *key)
{
    for (size_t i = 0; i < fm->n_fields; i++)
        if (strcmp(fm->fields[i].key, key) == 0)
            return &fm->fields[i];
    return NULL;
}

void frontmatter_free(struct frontmatter *fm)
{
    for (size_t i = 0; i < fm->n_fields; i++) {
        free(fm->fields[i].key);
        free(fm->fields[i].value);
        free(fm->fields[i].raw);
    }
    free(fm->fields);
    free(fm->body);
    fm->fields = NULL;
    fm->n_fields = 0;
    fm->body = NULL;
}

/* ---- lists ------------------------------------------------------------------ */

/* Length of the separator at s (",", "，", "、"), or 0. */
static size_t separator_len(const char *s, const char *end)
{
    if (*s == ',')
        return 1;
    if (end - s >= 3 && (memcmp(s, "\xef\xbc\x8c", 3) == 0 || memcmp(s, "\xe3\x80\x81", 3) == 0))
        return 3;
    return 0;
}

int frontmatter_split_list(const char *value, char ***items, size_t *n)
{
    const char *p = value, *end = value + strlen(value);
    char **list = NULL;
    size_t count = 0;
    int rc = -1;

    trim_span(&p, &end);
    if (end - p >= 2 && *p == '[' && end[-1] == ']') {
        p++;
        end--;
    }
    while (p < end) {
        const char *b, *e;
        char *item = NULL;
        size_t sep;

        while (p < end && (is_blank(p) || (end - p >= 3 && is_ideographic_space(p))))
            p += is_blank(p) ? 1 : 3;
        if (p < end && *p == '"') {
            int unclosed;
            const char *q = p;
            item = read_quoted(&q, end, &unclosed);
            if (!item && !unclosed)
                goto out;
            if (item) {
                p = q;
                while (p < end && !separator_len(p, end))
                    p++; /* anything between the quote and the separator is dropped */
            }
        }
        if (!item) {
            b = p;
            while (p < end && !separator_len(p, end))
                p++;
            e = p;
            trim_span(&b, &e);
            if (e - b >= 2 && *b == '"' && e[-1] == '"') {
                b++;
                e--;
            }
            item = dup_span(b, e);
            if (!item)
                goto out;
        }
        sep = p < end ? separator_len(p, end) : 0;
        p += sep;
        if (!*item) {
            free(item);
            continue;
        }
        char **grown = realloc(list, (count + 1) * sizeof *list);
        if (!grown) {
            free(item);
            goto out;
        }
        list = grown;
        list[count++] = item;
    }
    *items = list;
    *n = count;
    list = NULL;
    count = 0;
    rc = 0;
out:
    frontmatter_free_list(list, count);
    return rc;
}

void frontmatter_free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}
