#include "core/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void theme_defaults(struct theme *t)
{
    *t = (struct theme){0};
    snprintf(t->org_name, sizeof t->org_name, "%s", "示例市直机关工委");
    snprintf(t->slogan, sizeof t->slogan, "%s", "崇廉拒腐 风清气正");
    snprintf(t->logo, sizeof t->logo, "%s", "logo.svg");
    t->paper = (struct rgb){0xF6, 0xF0, 0xE1};
    t->ink = (struct rgb){0x2A, 0x26, 0x23};
    t->red = (struct rgb){0xB7, 0x28, 0x2E};
    t->gold = (struct rgb){0xC5, 0x9B, 0x4B};
}

void config_defaults(struct config *c)
{
    *c = (struct config){0};
    c->fullscreen = true;
    c->dwell_ms = 8000;
    c->transition_ms = 900;
    snprintf(c->transition, sizeof c->transition, "%s", "mixed");
    snprintf(c->font_kai, sizeof c->font_kai, "%s", "AR PL UKai CN");
    snprintf(c->font_sans, sizeof c->font_sans, "%s", "Noto Sans CJK SC");
    theme_defaults(&c->theme);
}

int parse_rgb(const char *s, struct rgb *out)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    for (int i = 1; i < 7; i++)
        if (!isxdigit((unsigned char)s[i]))
            return -1;
    unsigned long v = strtoul(s + 1, NULL, 16);
    *out = (struct rgb){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    return 0;
}

/* The first problem found while parsing; inih gives us its line. */
struct parse_state {
    void *target;
    char what[256];
};

static int reject(struct parse_state *st, const char *section, const char *key, const char *fmt, const char *value)
{
    if (!st->what[0]) {
        char reason[200];
        snprintf(reason, sizeof reason, fmt, value);
        snprintf(st->what, sizeof st->what, "[%s] %s: %s", section, key, reason);
    }
    return 0;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off") || !strcmp(v, "0"))
        *out = false;
    else
        return -1;
    return 0;
}

static int parse_u32_range(const char *v, uint32_t lo, uint32_t hi, uint32_t *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)v[0]))
        return -1;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || n < lo || n > hi)
        return -1;
    *out = (uint32_t)n;
    return 0;
}

/* "WxH" with both sides in 64..16384. */
int parse_size(const char *v, int *w, int *h)
{
    unsigned a, b;
    char tail;
    if (sscanf(v, "%ux%u%c", &a, &b, &tail) != 2 || a < 64 || b < 64 || a > 16384 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

static int copy_string(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return -1;
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

#define KEY(s, k) (!strcmp(section, (s)) && !strcmp(key, (k)))

static int config_handler(void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    struct config *c = st->target;
    if (KEY("display", "fullscreen")) {
        if (parse_bool(value, &c->fullscreen))
            return reject(st, section, key, "\"%s\" is not true or false", value);
    } else if (KEY("display", "size")) {
        if (parse_size(value, &c->width, &c->height))
            return reject(st, section, key, "\"%s\" is not a size like 1920x1080", value);
    } else if (KEY("attract", "dwell_ms")) {
        if (parse_u32_range(value, 1000, 600000, &c->dwell_ms))
            return reject(st, section, key, "\"%s\" must be milliseconds from 1000 to 600000", value);
    } else if (KEY("attract", "transition_ms")) {
        if (parse_u32_range(value, 0, 5000, &c->transition_ms))
            return reject(st, section, key, "\"%s\" must be milliseconds from 0 to 5000", value);
    } else if (KEY("attract", "transition")) {
        if (strcmp(value, "fade") && strcmp(value, "slide") && strcmp(value, "mixed"))
            return reject(st, section, key, "\"%s\" is not fade, slide or mixed", value);
        copy_string(c->transition, sizeof c->transition, value);
    } else if (KEY("content", "feed_dir")) {
        if (copy_string(c->feed_dir, sizeof c->feed_dir, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (KEY("fonts", "kai")) {
        if (copy_string(c->font_kai, sizeof c->font_kai, value))
            return reject(st, section, key, "%s", "value is too long");
    } else if (KEY("fonts", "sans")) {
        if (copy_string(c->font_sans, sizeof c->font_sans, value))
            return reject(st, section, key, "%s", "value is too long");
    } else if (KEY("theme", "file")) {
        if (copy_string(c->theme_file, sizeof c->theme_file, value))
            return reject(st, section, key, "%s", "path is too long");
    } else {
        return reject(st, section, key, "%s", "unknown key; see the commented default config for the keys");
    }
    return 1;
}

static int theme_handler(void *user, const char *section, const char *key, const char *value)
{
    struct parse_state *st = user;
    struct theme *t = st->target;
    struct rgb *colour = NULL;
    if (strcmp(section, "theme"))
        return reject(st, section, key, "%s", "unknown section; the theme file has only [theme]");
    if (!strcmp(key, "org_name")) {
        if (copy_string(t->org_name, sizeof t->org_name, value))
            return reject(st, section, key, "%s", "name is too long");
    } else if (!strcmp(key, "slogan")) {
        if (copy_string(t->slogan, sizeof t->slogan, value))
            return reject(st, section, key, "%s", "slogan is too long");
    } else if (!strcmp(key, "logo")) {
        if (copy_string(t->logo, sizeof t->logo, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (!strcmp(key, "paper")) {
        colour = &t->paper;
    } else if (!strcmp(key, "ink")) {
        colour = &t->ink;
    } else if (!strcmp(key, "red")) {
        colour = &t->red;
    } else if (!strcmp(key, "gold")) {
        colour = &t->gold;
    } else {
        return reject(st, section, key, "%s", "unknown key; use org_name, slogan, logo, paper, ink, red or gold");
    }
    if (colour && parse_rgb(value, colour))
        return reject(st, section, key, "\"%s\" is not a colour like #B7282E", value);
    return 1;
}

static int load_ini(const char *path, ini_handler handler, void *target, char *err, size_t errlen)
{
    struct parse_state st = {.target = target};
    int rc = ini_parse(path, handler, &st);
    if (rc == -1) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    if (rc == -2) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (rc > 0) {
        snprintf(err, errlen, "%s:%d: %s", path, rc, st.what[0] ? st.what : "syntax error; expected key = value");
        return -1;
    }
    return 0;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
    return load_ini(path, config_handler, c, err, errlen);
}

int theme_load(struct theme *t, const char *path, char *err, size_t errlen)
{
    return load_ini(path, theme_handler, t, err, errlen);
}
