#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c, const char *text, size_t len)
{
    memset(c, 0, sizeof *c);
    c->p = text;
    c->end = text + len;
    c->line = 1;
}

void csv_free(struct csv *c)
{
    free(c->buf);
    c->buf = NULL;
    c->len = c->cap = 0;
}

static int fail(struct csv *c, enum csv_error e, int line, size_t cell)
{
    c->error = e;
    c->error_line = line;
    c->error_cell = cell;
    return -1;
}

/* Appends one byte to the current cell (number `cell`, started on `line`). */
static int put(struct csv *c, char ch, size_t cell, int line)
{
    if (c->len - c->start[cell] >= CSV_CELL_MAX_BYTES)
        return fail(c, CSV_CELL_TOO_LONG, line, cell);
    if (c->len == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        char *grown = realloc(c->buf, cap);
        if (!grown)
            return fail(c, CSV_NO_MEMORY, line, cell);
        c->buf = grown;
        c->cap = cap;
    }
    c->buf[c->len++] = ch;
    return 0;
}

/* Length of the line break at p (CRLF, LF or CR), 0 when there is none. */
static size_t line_break(const struct csv *c, const char *p)
{
    if (p >= c->end)
        return 0;
    if (*p == '\n')
        return 1;
    if (*p == '\r')
        return p + 1 < c->end && p[1] == '\n' ? 2 : 1;
    return 0;
}

/* A quoted cell; c->p is just after the opening quote. */
static int quoted(struct csv *c, size_t cell)
{
    int opened = c->line;

    for (;;) {
        size_t br;
        if (c->p >= c->end)
            return fail(c, CSV_QUOTE_UNCLOSED, opened, cell);
        if (*c->p == '"') {
            if (c->p + 1 < c->end && c->p[1] == '"') {
                if (put(c, '"', cell, opened) < 0)
                    return -1;
                c->p += 2;
                continue;
            }
            c->p++;
            break;
        }
        if ((br = line_break(c, c->p)) > 0) {
            if (put(c, '\n', cell, opened) < 0)
                return -1;
            c->p += br;
            c->line++;
            continue;
        }
        if (put(c, *c->p++, cell, opened) < 0)
            return -1;
    }
    /* blanks after the closing quote are harmless; anything else is not */
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
    if (c->p < c->end && *c->p != ',' && !line_break(c, c->p))
        return fail(c, CSV_TEXT_AFTER_QUOTE, c->line, cell);
    return 0;
}

int csv_next(struct csv *c, struct csv_record *rec)
{
    size_t n = 0;
    int line = c->line;

    if (c->error != CSV_OK)
        return -1;
    if (c->p >= c->end)
        return 0;
    c->len = 0;
    for (;;) {
        size_t br;
        if (n == CSV_CELLS_MAX)
            return fail(c, CSV_TOO_MANY_CELLS, line, n);
        c->start[n] = c->len;
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            if (quoted(c, n) < 0)
                return -1;
        } else {
            while (c->p < c->end && *c->p != ',' && !line_break(c, c->p))
                if (put(c, *c->p++, n, c->line) < 0)
                    return -1;
        }
        if (put(c, '\0', n, c->line) < 0) /* the terminator counts towards the limit */
            return -1;
        n++;
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        br = line_break(c, c->p);
        if (br) {
            c->p += br;
            c->line++;
        }
        break;
    }
    /* the buffer may have moved while it grew: point at the cells last */
    for (size_t i = 0; i < n; i++)
        c->cells[i] = c->buf + c->start[i];
    rec->cells = c->cells;
    rec->n = n;
    rec->line = line;
    return 1;
}
