#include "core/json_locate.h"

#include <stdlib.h>
#include <string.h>

struct cursor {
    const char *p;
    const char *end;
    int line;
};

static void skip_ws(struct cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n')) {
        if (*c->p == '\n')
            c->line++;
        c->p++;
    }
}

/* At an opening quote: moves past the closing quote. */
static void skip_string(struct cursor *c)
{
    c->p++;
    while (c->p < c->end && *c->p != '"') {
        if (*c->p == '\\' && c->p + 1 < c->end)
            c->p++;
        if (*c->p == '\n')
            c->line++;
        c->p++;
    }
    if (c->p < c->end)
        c->p++;
}

/* At the first character of any value: moves past it. Iterative, so deep
 * nesting cannot exhaust the stack. */
static void skip_value(struct cursor *c)
{
    size_t depth = 0;

    if (c->p >= c->end)
        return;
    if (*c->p == '"') {
        skip_string(c);
        return;
    }
    if (*c->p != '{' && *c->p != '[') {
        while (c->p < c->end && !strchr(",}] \t\r\n", *c->p))
            c->p++;
        return;
    }
    while (c->p < c->end) {
        char ch = *c->p;
        if (ch == '"') {
            skip_string(c);
            continue;
        }
        if (ch == '{' || ch == '[')
            depth++;
        else if (ch == '}' || ch == ']')
            depth--;
        else if (ch == '\n')
            c->line++;
        c->p++;
        if (depth == 0)
            return;
    }
}

/* Reads the string at the cursor (an object key) and tells whether it
 * decodes to exactly `key` (length `klen`). Handles the simple escapes;
 * a \u escape only matches an ASCII character. */
static int key_matches(struct cursor *c, const char *key, size_t klen)
{
    const char *s = c->p + 1;
    size_t i = 0;
    int same = 1;

    while (s < c->end && *s != '"') {
        char ch = *s++;
        if (ch == '\\' && s < c->end) {
            char e = *s++;
            switch (e) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'u': {
                char hex[5] = {0};
                if (c->end - s < 4) {
                    same = 0;
                    break;
                }
                memcpy(hex, s, 4);
                s += 4;
                long v = strtol(hex, NULL, 16);
                if (v <= 0 || v > 0x7f)
                    same = 0;
                ch = (char)v;
                break;
            }
            default: ch = e; break;
            }
        }
        if (i >= klen || key[i] != ch)
            same = 0;
        i++;
    }
    skip_string(c);
    return same && i == klen;
}

int json_locate_line(const char *json, size_t len, const char *path)
{
    struct cursor c = { json, json + len, 1 };
    const char *seg = path ? path : "";
    int found;

    skip_ws(&c);
    found = c.line;
    while (*seg) {
        if (*seg == '.')
            seg++;
        skip_ws(&c);
        if (*seg == '[') {
            char *after;
            unsigned long want = strtoul(seg + 1, &after, 10);
            unsigned long i = 0;
            if (*after != ']' || c.p >= c.end || *c.p != '[')
                return found;
            seg = after + 1;
            c.p++;
            for (;;) {
                skip_ws(&c);
                if (c.p >= c.end || *c.p == ']')
                    return found;
                if (i == want)
                    break;
                skip_value(&c);
                skip_ws(&c);
                if (c.p >= c.end || *c.p != ',')
                    return found;
                c.p++;
                i++;
            }
        } else {
            size_t klen = strcspn(seg, ".[");
            const char *key = seg;
            if (c.p >= c.end || *c.p != '{')
                return found;
            seg += klen;
            c.p++;
            for (;;) {
                int match;
                skip_ws(&c);
                if (c.p >= c.end || *c.p != '"')
                    return found;
                match = key_matches(&c, key, klen);
                skip_ws(&c);
                if (c.p >= c.end || *c.p != ':')
                    return found;
                c.p++;
                skip_ws(&c);
                if (match)
                    break;
                skip_value(&c);
                skip_ws(&c);
                if (c.p >= c.end || *c.p != ',')
                    return found;
                c.p++;
            }
        }
        found = c.line;
    }
    return found;
}
