#include "core/script.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX_WAIT_MS (7u * 24u * 3600u * 1000u) /* a week of virtual time */

static int fail(char *err, size_t errlen, const char *name, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(char *err, size_t errlen, const char *name, int line, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%d: %s", name, line, what);
    return -1;
}

static int parse_fraction(const char *tok, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (errno || *end || end == tok || !(v >= 0.0 && v <= 1.0))
        return -1;
    *out = v;
    return 0;
}

static int parse_ms(const char *tok, uint32_t *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)tok[0]))
        return -1;
    unsigned long long v = strtoull(tok, &end, 10);
    if (errno || *end || v > SCRIPT_MAX_WAIT_MS)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= SCRIPT_NAME_MAX)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

/* Splits line in place on blanks; returns the number of tokens (at most max). */
static int tokenize(char *line, char **tok, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r", &save); t; t = strtok_r(NULL, " \t\r", &save)) {
        if (n == max)
            return max + 1;
        tok[n++] = t;
    }
    return n;
}

static int parse_line(char *line, int lineno, const char *name, struct script_cmd *cmd, char *err, size_t errlen)
{
    char *tok[8] = {0};
    int n = tokenize(line, tok, 6);
    *cmd = (struct script_cmd){.line = lineno};
    if (n < 1)
        return fail(err, errlen, name, lineno, "empty command");
    const char *op = tok[0];
    if (n > 6)
        return fail(err, errlen, name, lineno, "too many arguments for \"%s\"", op);
#define ARGS(k, usage)                                                                              \
    do {                                                                                            \
        if (n != (k) + 1)                                                                           \
            return fail(err, errlen, name, lineno, "\"%s\" takes %d argument%s: %s", op, (k),        \
                        (k) == 1 ? "" : "s", usage);                                                \
    } while (0)

    if (!strcmp(op, "tap")) {
        ARGS(2, "tap X Y (fractions 0..1)");
        cmd->op = SCRIPT_TAP;
        if (parse_fraction(tok[1], &cmd->x1) || parse_fraction(tok[2], &cmd->y1))
            return fail(err, errlen, name, lineno, "tap: coordinates must be numbers from 0 to 1");
    } else if (!strcmp(op, "swipe")) {
        ARGS(1, "swipe left|right|up|down");
        cmd->op = SCRIPT_SWIPE;
        static const char *dirs[] = {"left", "right", "up", "down"};
        int found = -1;
        for (int i = 0; i < 4; i++)
            if (!strcmp(tok[1], dirs[i]))
                found = i;
        if (found < 0)
            return fail(err, errlen, name, lineno, "swipe: \"%s\" is not a direction; use left, right, up or down",
                        tok[1]);
        cmd->dir = (enum script_dir)found;
    } else if (!strcmp(op, "drag")) {
        ARGS(5, "drag X1 Y1 X2 Y2 MS");
        cmd->op = SCRIPT_DRAG;
        if (parse_fraction(tok[1], &cmd->x1) || parse_fraction(tok[2], &cmd->y1) ||
            parse_fraction(tok[3], &cmd->x2) || parse_fraction(tok[4], &cmd->y2))
            return fail(err, errlen, name, lineno, "drag: coordinates must be numbers from 0 to 1");
        if (parse_ms(tok[5], &cmd->ms))
            return fail(err, errlen, name, lineno, "drag: duration \"%s\" must be whole milliseconds", tok[5]);
    } else if (!strcmp(op, "wait")) {
        ARGS(1, "wait MS");
        cmd->op = SCRIPT_WAIT;
        if (parse_ms(tok[1], &cmd->ms))
            return fail(err, errlen, name, lineno, "wait: \"%s\" must be whole milliseconds up to %u", tok[1],
                        SCRIPT_MAX_WAIT_MS);
    } else if (!strcmp(op, "shot") || !strcmp(op, "panel-shot") || !strcmp(op, "key")) {
        ARGS(1, !strcmp(op, "shot") ? "shot NAME" : !strcmp(op, "key") ? "key NAME" : "panel-shot NAME");
        cmd->op = !strcmp(op, "shot") ? SCRIPT_SHOT : !strcmp(op, "key") ? SCRIPT_KEY : SCRIPT_PANEL_SHOT;
        if (!valid_name(tok[1]))
            return fail(err, errlen, name, lineno, "%s: name \"%s\" may use only letters, digits, _ and - (max %d)", op,
                        tok[1], SCRIPT_NAME_MAX - 1);
        snprintf(cmd->name, sizeof cmd->name, "%s", tok[1]);
    } else if (!strcmp(op, "show")) {
        ARGS(1, "show ID (the id of a feed item)");
        cmd->op = SCRIPT_SHOW;
        /* Any id without blanks or '#'; the app looks it up in the feed. */
        if (strlen(tok[1]) >= sizeof cmd->name)
            return fail(err, errlen, name, lineno, "show: id \"%.40s...\" is too long (max %d bytes)", tok[1],
                        SCRIPT_NAME_MAX - 1);
        snprintf(cmd->name, sizeof cmd->name, "%s", tok[1]);
    } else if (!strcmp(op, "press")) {
        if (n != 2 && n != 3)
            return fail(err, errlen, name, lineno, "\"press\" takes a target and an optional number: press TARGET [N]");
        cmd->op = SCRIPT_PRESS;
        if (!valid_name(tok[1]))
            return fail(err, errlen, name, lineno, "press: target \"%s\" may use only letters, digits, _ and -", tok[1]);
        snprintf(cmd->name, sizeof cmd->name, "%s", tok[1]);
        cmd->arg = 0;
        cmd->has_arg = n == 3;
        if (n == 3) {
            char *end;
            long v = strtol(tok[2], &end, 10);
            if (*end || v < -1000 || v > 100000)
                return fail(err, errlen, name, lineno, "press: \"%s\" is not a whole number", tok[2]);
            cmd->arg = (int)v;
        }
    } else if (!strcmp(op, "quit")) {
        ARGS(0, "quit");
        cmd->op = SCRIPT_QUIT;
    } else if (!strcmp(op, "uploads")) {
        ARGS(0, "uploads");
        cmd->op = SCRIPT_UPLOADS;
    } else if (!strcmp(op, "sync")) {
        ARGS(0, "sync");
        cmd->op = SCRIPT_SYNC;
    } else if (!strcmp(op, "frame") || !strcmp(op, "memory") || !strcmp(op, "end")) {
        ARGS(0, op);
        cmd->op = !strcmp(op, "frame") ? SCRIPT_FRAME : !strcmp(op, "memory") ? SCRIPT_MEMORY : SCRIPT_END;
    } else if (!strcmp(op, "repeat")) {
        ARGS(1, "repeat N, then the commands, then end");
        cmd->op = SCRIPT_REPEAT;
        char *end;
        errno = 0;
        unsigned long long v = isdigit((unsigned char)tok[1][0]) ? strtoull(tok[1], &end, 10) : 0;
        if (!isdigit((unsigned char)tok[1][0]) || errno || *end || v < 1 || v > SCRIPT_REPEAT_MAX)
            return fail(err, errlen, name, lineno, "repeat: \"%s\" must be a whole number from 1 to %lu", tok[1],
                        SCRIPT_REPEAT_MAX);
        cmd->count = (unsigned long)v;
    } else if (!strcmp(op, "swap")) {
        ARGS(1, "swap DIR (a feed folder built by qingfeng-feed)");
        cmd->op = SCRIPT_SWAP;
        if (strlen(tok[1]) >= sizeof cmd->name)
            return fail(err, errlen, name, lineno, "swap: folder \"%.40s...\" is too long (max %d bytes); use a shorter path",
                        tok[1], SCRIPT_NAME_MAX - 1);
        snprintf(cmd->name, sizeof cmd->name, "%s", tok[1]);
    } else if (!strcmp(op, "heartbeat")) {
        ARGS(0, "heartbeat");
        cmd->op = SCRIPT_HEARTBEAT;
    } else {
        return fail(err, errlen, name, lineno,
                    "unknown command \"%s\"; use tap, press, swipe, drag, wait, shot, frame, show, key, sync, swap, uploads, "
                    "heartbeat, memory, repeat, end or quit",
                    op);
    }
#undef ARGS
    return 0;
}

/* Pairs every repeat with its end, both ways, so running a block is a jump. */
static int match_blocks(struct script *s, const char *name, char *err, size_t errlen)
{
    size_t open[SCRIPT_REPEAT_DEPTH];
    int depth = 0;
    for (size_t i = 0; i < s->n_cmds; i++) {
        struct script_cmd *c = &s->cmds[i];
        if (c->op == SCRIPT_REPEAT) {
            if (depth == SCRIPT_REPEAT_DEPTH)
                return fail(err, errlen, name, c->line, "repeat: blocks nest deeper than %d", SCRIPT_REPEAT_DEPTH);
            open[depth++] = i;
        } else if (c->op == SCRIPT_END) {
            if (depth == 0)
                return fail(err, errlen, name, c->line, "end without a repeat before it");
            size_t r = open[--depth];
            s->cmds[r].jump = i;
            c->jump = r;
        }
    }
    if (depth > 0)
        return fail(err, errlen, name, s->cmds[open[depth - 1]].line, "repeat without an end");
    return 0;
}

int script_parse(const char *text, const char *name, struct script *out, char *err, size_t errlen)
{
    *out = (struct script){0};
    char *copy = strdup(text ? text : "");
    if (!copy)
        return fail(err, errlen, name, 0, "out of memory");
    size_t cap = 0;
    int lineno = 0, rc = 0;
    /* strtok_r on "\n" would skip empty lines and break numbering: walk manually. */
    for (char *line = copy; line && rc == 0; lineno++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char probe[8];
        if (sscanf(line, "%7s", probe) == 1) {
            if (out->n_cmds == cap) {
                size_t ncap = cap ? cap * 2 : 16;
                struct script_cmd *grown = realloc(out->cmds, ncap * sizeof *grown);
                if (!grown) {
                    rc = fail(err, errlen, name, lineno + 1, "out of memory");
                    break;
                }
                out->cmds = grown;
                cap = ncap;
            }
            rc = parse_line(line, lineno + 1, name, &out->cmds[out->n_cmds], err, errlen);
            if (rc == 0)
                out->n_cmds++;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(copy);
    if (rc == 0)
        rc = match_blocks(out, name, err, errlen);
    if (rc != 0)
        script_free(out);
    return rc;
}

void script_free(struct script *s)
{
    free(s->cmds);
    *s = (struct script){0};
}
