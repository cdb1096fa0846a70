#include "core/config_read.h"

#include "core/config_keys.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_KEYS = 128 };

/* inih reads through us, so we know which line it is on when it calls the
 * handler, and which lines it passed over without one. */
struct reader {
    FILE *f;
    struct config *c;
    config_problem_fn *problem;
    void *ctx;
    int problems;
    int line;        /* the line inih is parsing, from 1 */
    char *text;      /* that line as read (getline buffer) */
    size_t cap;
    const char *start; /* its first character after the byte-order mark and blanks */
    bool indented;
    bool skipped;    /* too long: inih was given an empty line instead */
    bool handled;    /* inih called the handler for it */
    bool finished;
    bool after_key;  /* a key line since the last [section]: inih reads indented lines as more of its value */
    int seen[MAX_KEYS]; /* the last line of each known key, 0 = not yet */
};

static void report(struct reader *r, int line, bool warning, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(struct reader *r, int line, bool warning, const char *fmt, ...)
{
    char what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    r->problems++;
    r->problem(r->ctx, line, warning, what);
}

/* The text of a line as quoted in a message: trimmed, at most 60 bytes. */
static int quote_len(const char *s)
{
    size_t n = strcspn(s, "\r\n");
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n > 60 ? 60 : (int)n;
}

/* After inih is done with a line: what it passed over without calling the
 * handler must be blank, a comment or a [section] line. */
static void finish_line(struct reader *r)
{
    if (r->finished || !r->line)
        return;
    r->finished = true;
    const char *s = r->start;
    if (r->skipped || r->handled || !*s || strchr(";#", *s))
        return;
    if (*s == '[') {
        const char *end = strchr(s, ']');
        if (!end) {
            report(r, r->line, false, "syntax error: \"%.*s\" has no closing ]; write [section]", quote_len(s), s);
            return;
        }
        char name[64], why[300];
        snprintf(name, sizeof name, "%.*s", (int)(end - s - 1), s + 1);
        r->after_key = false;
        if (!config_section_is_known(name)) {
            config_unknown_section(name, why, sizeof why);
            report(r, r->line, false, "[%s]: %s", name, why);
        }
        return;
    }
    report(r, r->line, false, "syntax error: \"%.*s\" is not key = value; write key = value, or start a comment with ;",
           quote_len(s), s);
}

static char *read_line(char *buf, int size, void *stream)
{
    struct reader *r = stream;
    finish_line(r);
    ssize_t n = getline(&r->text, &r->cap, r->f);
    if (n < 0)
        return NULL;
    r->line++;
    r->handled = r->skipped = r->finished = false;
    const char *s = r->text;
    if (r->line == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
        s += 3;
    r->indented = *s == ' ' || *s == '\t';
    while (isspace((unsigned char)*s))
        s++;
    r->start = s;
    /* inih reads at most size - 1 bytes a line and would take the rest
     * for the next line; give it nothing rather than half a value. */
    if (n > size - 1) {
        r->skipped = true;
        report(r, r->line, false, "line is %zd bytes long, longer than the %d a line may have; shorten it",
               n - (r->text[n - 1] == '\n'), size - 2);
        snprintf(buf, (size_t)size, "\n");
        return buf;
    }
    memcpy(buf, r->text, (size_t)n + 1);
    return buf;
}

static void on_problem(void *ctx, enum config_problem kind, const char *what)
{
    struct reader *r = ctx;
    if (kind != CONFIG_UNKNOWN_SECTION) /* that one is reported once, at its [section] line */
        report(r, r->line, false, "%s", what);
}

static int on_key(void *user, const char *section, const char *key, const char *value)
{
    struct reader *r = user;
    r->handled = true;
    if (r->indented && r->after_key) {
        report(r, r->line, false,
               "syntax error: \"%.*s\" is indented, so it is read as more of the value of [%s] %s; remove the "
               "indentation",
               quote_len(r->start), r->start, section, key);
        return 1;
    }
    r->after_key = true;
    int i = config_key_index(section, key);
    if (i >= 0 && i < MAX_KEYS) {
        if (r->seen[i])
            report(r, r->line, true, "[%s] %s: given again (also on line %d); the last one wins, so delete the other",
                   section, key, r->seen[i]);
        r->seen[i] = r->line;
    }
    config_apply(r->c, section, key, value, on_problem, r);
    return 1;
}

int config_read(struct config *c, const char *path, config_problem_fn *problem, void *ctx)
{
    struct reader r = {.c = c, .problem = problem, .ctx = ctx};
    r.f = fopen(path, "r");
    if (!r.f) {
        report(&r, 0, false, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = ini_parse_stream(read_line, &r, on_key, &r);
    finish_line(&r);
    bool unreadable = ferror(r.f);
    fclose(r.f);
    free(r.text);
    if (rc == -2)
        report(&r, 0, false, "%s", "out of memory");
    else if (unreadable)
        report(&r, 0, false, "%s", "read error");
    else if (rc > 0 && !r.problems) /* inih found something we did not: say where */
        report(&r, rc, false, "%s", "syntax error; write key = value");
    return rc == -2 || unreadable ? -1 : r.problems;
}
