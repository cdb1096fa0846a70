#include "core/config.h"

#include "core/admin_gesture.h"
#include "core/config_read.h"
#include "core/idle.h"
#include "core/pin.h"

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
    c->idle_timeout_ms = IDLE_DEFAULT_TIMEOUT_MS;
    c->idle_countdown_ms = IDLE_DEFAULT_COUNTDOWN_MS;
    c->large_print_scale = 1.35f;
    sleep_schedule_none(&c->sleep);
    c->admin_taps = ADMIN_GESTURE_DEFAULT_TAPS;
    c->admin_window_ms = ADMIN_GESTURE_DEFAULT_WINDOW_MS;
    c->admin_corner = ADMIN_CORNER_TOP_LEFT;
    c->pin_lock_tries = PIN_DEFAULT_TRIES;
    c->pin_lock_ms = PIN_DEFAULT_LOCK_MS;
    c->sync_interval_ms = 300000;
    snprintf(c->state_dir, sizeof c->state_dir, "%s", "/var/lib/qingfeng");
    c->max_feed_bytes = 16u << 20;
    c->max_asset_bytes = 32u << 20;
    c->max_image_pixels = 40000000;
    c->quiz_questions = 10;
    c->quiz_seconds = 20;
    c->quiz_points = 10;
    c->quiz_auto_next_s = 8;
    c->quiz_shares[0] = 40;
    c->quiz_shares[1] = 40;
    c->quiz_shares[2] = 20;
    c->heartbeat_ms = 5 * 60000u;
    c->heartbeat_screenshot = false;
}

bool config_list_item(const char *list, int n, char *out, size_t len)
{
    for (int i = 0; *list; i++) {
        size_t l = strcspn(list, ",");
        if (i == n) {
            snprintf(out, len, "%.*s", (int)l, list);
            return true;
        }
        list += l;
        if (*list == ',')
            list++;
    }
    return false;
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

/* The first problem of a theme file; inih gives us its line. */
struct parse_state {
    struct theme *target;
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

static int copy_string(char *dst, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return -1;
    memcpy(dst, v, strlen(v) + 1);
    return 0;
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

int theme_load(struct theme *t, const char *path, char *err, size_t errlen)
{
    struct parse_state st = {.target = t};
    int rc = ini_parse(path, theme_handler, &st);
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

/* config_load keeps the first error; a key given twice only warns. */
struct first_error {
    const char *path;
    char *err;
    size_t errlen;
    int errors;
};

static void keep_first_error(void *ctx, int line, bool warning, const char *what)
{
    struct first_error *fe = ctx;
    if (warning || fe->errors++)
        return;
    if (line)
        snprintf(fe->err, fe->errlen, "%s:%d: %s", fe->path, line, what);
    else
        snprintf(fe->err, fe->errlen, "%s: %s", fe->path, what);
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
    struct first_error fe = {.path = path, .err = err, .errlen = errlen};
    int n = config_read(c, path, keep_first_error, &fe);
    return n < 0 || fe.errors ? -1 : 0;
}
