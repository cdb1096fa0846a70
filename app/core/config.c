#include "core/config.h"

#include "core/admin_gesture.h"
#include "core/idle.h"
#include "core/pin.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static int parse_u64_range(const char *v, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!isdigit((unsigned char)v[0]))
        return -1;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

static int parse_u32_range(const char *v, uint32_t lo, uint32_t hi, uint32_t *out)
{
    uint64_t n;
    if (parse_u64_range(v, lo, hi, &n))
        return -1;
    *out = (uint32_t)n;
    return 0;
}

/* A plain decimal such as 1.35 or 43, read without strtod so the locale's
 * decimal separator cannot change its meaning; one division keeps "1.1"
 * equal to the literal 1.1. */
static int parse_decimal_range(const char *v, double lo, double hi, float *out)
{
    uint64_t digits = 0, scale = 1;
    int n_digits = 0;
    bool point = false;
    const char *p = v;
    for (; isdigit((unsigned char)*p) || (*p == '.' && !point); p++) {
        if (*p == '.') {
            if (p == v || !isdigit((unsigned char)p[1]))
                return -1;
            point = true;
            continue;
        }
        if (++n_digits > 15)
            return -1;
        digits = digits * 10 + (uint64_t)(*p - '0');
        if (point)
            scale *= 10;
    }
    double n = (double)digits / (double)scale;
    if (p == v || *p || n < lo || n > hi)
        return -1;
    *out = (float)n;
    return 0;
}

/* 0 (unknown) or a decimal in lo..hi. */
static int parse_optional_decimal(const char *v, double lo, double hi, float *out)
{
    float n;
    if (parse_decimal_range(v, 0, hi, &n) || (n != 0 && n < lo))
        return -1;
    *out = n;
    return 0;
}

/* A whole number of units in lo..hi, stored in milliseconds. */
static int parse_units_ms(const char *v, uint32_t lo, uint32_t hi, uint32_t unit_ms, uint32_t *out)
{
    uint32_t n;
    if (parse_u32_range(v, lo, hi, &n))
        return -1;
    *out = n * unit_ms;
    return 0;
}

static int parse_int_range(const char *v, int lo, int hi, int *out)
{
    uint32_t n;
    if (parse_u32_range(v, (uint32_t)lo, (uint32_t)hi, &n))
        return -1;
    *out = (int)n;
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

/* [navigation] and [admin]: the touch interaction. */
static int interaction_key(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    enum admin_corner corner;
    if (KEY("navigation", "idle_timeout_s")) {
        if (parse_units_ms(value, 10, 3600, 1000, &c->idle_timeout_ms))
            return reject(st, section, key, "\"%s\" must be seconds from 10 to 3600", value);
    } else if (KEY("navigation", "idle_countdown_s")) {
        if (parse_units_ms(value, 3, 60, 1000, &c->idle_countdown_ms))
            return reject(st, section, key, "\"%s\" must be seconds from 3 to 60", value);
    } else if (KEY("navigation", "large_print_scale")) {
        if (parse_decimal_range(value, 1.1, 2.0, &c->large_print_scale))
            return reject(st, section, key, "\"%s\" must be a number from 1.1 to 2.0", value);
    } else if (KEY("admin", "pin_hash")) {
        if (value[0] && strncmp(value, "$argon2", 7))
            return reject(st, section, key, "%s", "must start with $argon2; make one with qingfeng --hash-pin");
        if (value[0] && !pin_hash_is_usable(value))
            return reject(st, section, key, "%s", "is not a complete hash; make one with qingfeng --hash-pin");
        copy_string(c->pin_hash, sizeof c->pin_hash, value); /* usable hashes are shorter */
    } else if (KEY("admin", "gesture_taps")) {
        if (parse_int_range(value, 3, 10, &c->admin_taps))
            return reject(st, section, key, "\"%s\" must be a number of taps from 3 to 10", value);
    } else if (KEY("admin", "gesture_window_ms")) {
        if (parse_u32_range(value, 1000, 10000, &c->admin_window_ms))
            return reject(st, section, key, "\"%s\" must be milliseconds from 1000 to 10000", value);
    } else if (KEY("admin", "gesture_corner")) {
        if (admin_corner_parse(value, &corner))
            return reject(st, section, key, "\"%s\" is not top-left, top-right, bottom-left or bottom-right", value);
        c->admin_corner = (int)corner;
    } else if (KEY("admin", "lock_tries")) {
        if (parse_int_range(value, 3, 20, &c->pin_lock_tries))
            return reject(st, section, key, "\"%s\" must be a number of tries from 3 to 20", value);
    } else if (KEY("admin", "lock_minutes")) {
        if (parse_units_ms(value, 1, 120, 60000, &c->pin_lock_ms))
            return reject(st, section, key, "\"%s\" must be minutes from 1 to 120", value);
    } else if (KEY("admin", "exit_key")) {
        if (copy_string(c->exit_key, sizeof c->exit_key, value))
            return reject(st, section, key, "%s", "key name is too long");
    } else {
        return reject(st, section, key, "%s", "unknown key; see the commented default config for the keys");
    }
    return 1;
}

/* No spaces or control characters anywhere. */
static bool is_one_token(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v <= 0x20 || *v == 0x7f)
            return false;
    return true;
}

/* "http://host..." or "https://host..." (scheme in any case). */
static bool is_http_url(const char *v)
{
    size_t n = !strncasecmp(v, "http://", 7) ? 7 : !strncasecmp(v, "https://", 8) ? 8 : 0;
    return n && v[n] && !strchr("/?#:@", v[n]) && is_one_token(v);
}

/* A minisign public key as printed by minisign -G: base64 of "Ed", an
 * 8-byte key id and a 32-byte key: 56 characters starting with RW. */
static bool is_inline_minisign_key(const char *v)
{
    if (strlen(v) != 56 || strncmp(v, "RW", 2))
        return false;
    for (; *v; v++)
        if (!isalnum((unsigned char)*v) && *v != '+' && *v != '/')
            return false;
    return true;
}

/* Empty, "host:port", or a URL with a scheme libcurl takes for a proxy. */
static bool is_proxy(const char *v)
{
    static const char *const schemes[] = {"http://", "https://", "socks4://", "socks4a://", "socks5://",
                                          "socks5h://"};
    if (!is_one_token(v))
        return false;
    if (!strstr(v, "://"))
        return true;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (!strncasecmp(v, schemes[i], strlen(schemes[i])) && v[strlen(schemes[i])])
            return true;
    return false;
}

/* "a.example, B.example" -> "a.example,b.example"; each a host name or an
 * IPv4 address. Returns 0, or -1 with the first bad entry in bad. */
static int parse_host_list(const char *v, char *out, size_t cap, char *bad, size_t badcap)
{
    size_t n = 0;
    out[0] = 0;
    while (*v) {
        while (*v == ' ' || *v == '\t' || *v == ',')
            v++;
        size_t len = strcspn(v, ",");
        while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
            len--;
        if (!len)
            break;
        bool ok = len < 254;
        for (size_t i = 0; i < len && ok; i++)
            ok = isalnum((unsigned char)v[i]) || v[i] == '.' || v[i] == '-';
        if (!ok) {
            snprintf(bad, badcap, "%.*s", (int)len, v);
            return -1;
        }
        if (n + len + 2 > cap) {
            snprintf(bad, badcap, "%s", "(the list is too long)");
            return -1;
        }
        if (n)
            out[n++] = ',';
        for (size_t i = 0; i < len; i++)
            out[n++] = (char)tolower((unsigned char)v[i]);
        out[n] = 0;
        v += len;
        v += strcspn(v, ",");
    }
    return 0;
}

/* [sync]: remote content. */
static int sync_key(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    uint32_t mb;
    if (KEY("sync", "feed_url")) {
        if (value[0] && !is_http_url(value))
            return reject(st, section, key, "\"%s\" must be an http:// or https:// URL (or empty: no sync)", value);
        if (copy_string(c->feed_url, sizeof c->feed_url, value))
            return reject(st, section, key, "%s", "URL is too long");
    } else if (KEY("sync", "public_key")) {
        if (value[0] && value[0] != '/' && !is_inline_minisign_key(value))
            return reject(st, section, key, "%s",
                          "must be a minisign public key (56 characters starting with RW) or the absolute path of "
                          "a .pub file");
        if (copy_string(c->public_key, sizeof c->public_key, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (KEY("sync", "interval_s")) {
        if (parse_units_ms(value, 30, 86400, 1000, &c->sync_interval_ms))
            return reject(st, section, key, "\"%s\" must be seconds from 30 to 86400", value);
    } else if (KEY("sync", "state_dir")) {
        if (value[0] != '/')
            return reject(st, section, key, "\"%s\" must be an absolute path such as /var/lib/qingfeng", value);
        if (copy_string(c->state_dir, sizeof c->state_dir, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (KEY("sync", "ca_file")) {
        if (value[0] && value[0] != '/')
            return reject(st, section, key, "\"%s\" must be an absolute path (or empty: the system's CAs)", value);
        if (copy_string(c->ca_file, sizeof c->ca_file, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (KEY("sync", "proxy")) {
        if (!is_proxy(value))
            return reject(st, section, key, "\"%s\" must be a proxy such as http://proxy.example:3128", value);
        if (copy_string(c->proxy, sizeof c->proxy, value))
            return reject(st, section, key, "%s", "value is too long");
    } else if (KEY("sync", "max_feed_mb")) {
        if (parse_u32_range(value, 1, 64, &mb))
            return reject(st, section, key, "\"%s\" must be megabytes from 1 to 64", value);
        c->max_feed_bytes = mb << 20;
    } else if (KEY("sync", "max_asset_mb")) {
        if (parse_u32_range(value, 1, 512, &mb))
            return reject(st, section, key, "\"%s\" must be megabytes from 1 to 512", value);
        c->max_asset_bytes = mb << 20;
    } else if (KEY("sync", "max_image_px")) {
        if (parse_u64_range(value, 1000000, 200000000, &c->max_image_pixels))
            return reject(st, section, key, "\"%s\" must be a number of pixels from 1000000 to 200000000", value);
    } else if (KEY("sync", "allow_hosts")) {
        char bad[64];
        if (parse_host_list(value, c->allow_hosts, sizeof c->allow_hosts, bad, sizeof bad))
            return reject(st, section, key, "\"%s\" is not a host name; list host names separated by commas", bad);
    } else {
        return reject(st, section, key, "%s", "unknown key; see the commented default config for the keys");
    }
    return 1;
}

/* "40/40/20": percent of easy, medium and hard questions, summing to 100. */
static int parse_shares(const char *v, int out[3])
{
    int a, b, c, n = 0;
    if (sscanf(v, " %d / %d / %d %n", &a, &b, &c, &n) != 3 || v[n] || a < 0 || b < 0 || c < 0 || a + b + c != 100)
        return -1;
    out[0] = a;
    out[1] = b;
    out[2] = c;
    return 0;
}

/* "办公室, 组织部" -> "办公室,组织部": names without commas, at most 40. */
static int parse_name_list(const char *v, char *out, size_t cap)
{
    size_t n = 0, count = 0;
    out[0] = 0;
    while (*v) {
        while (*v == ' ' || *v == '\t' || *v == ',')
            v++;
        size_t len = strcspn(v, ",");
        while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
            len--;
        if (!len)
            break;
        if (len >= 64 || n + len + 2 > cap || ++count > 40)
            return -1;
        if (n)
            out[n++] = ',';
        memcpy(out + n, v, len);
        n += len;
        out[n] = 0;
        v += len;
        v += strcspn(v, ",");
    }
    return 0;
}

/* [quiz] and [report]: 知识挑战赛 rounds and where their results go. */
static int quiz_key(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (KEY("quiz", "questions")) {
        if (parse_int_range(value, 3, 50, &c->quiz_questions))
            return reject(st, section, key, "\"%s\" must be a number of questions from 3 to 50", value);
    } else if (KEY("quiz", "seconds_per_question")) {
        if (parse_int_range(value, 5, 300, &c->quiz_seconds))
            return reject(st, section, key, "\"%s\" must be seconds from 5 to 300", value);
    } else if (KEY("quiz", "points")) {
        if (parse_int_range(value, 1, 100, &c->quiz_points))
            return reject(st, section, key, "\"%s\" must be points from 1 to 100", value);
    } else if (KEY("quiz", "auto_next_s")) {
        if (parse_int_range(value, 0, 60, &c->quiz_auto_next_s))
            return reject(st, section, key, "\"%s\" must be seconds from 0 (wait for a tap) to 60", value);
    } else if (KEY("quiz", "difficulty")) {
        if (parse_shares(value, c->quiz_shares))
            return reject(st, section, key, "\"%s\" must be percent of easy/medium/hard adding up to 100, like 40/40/20",
                          value);
    } else if (KEY("quiz", "departments")) {
        if (parse_name_list(value, c->departments, sizeof c->departments))
            return reject(st, section, key, "%s", "too long; list at most 40 names of under 20 characters");
    } else if (KEY("quiz", "export_dir")) {
        if (value[0] && value[0] != '/')
            return reject(st, section, key, "\"%s\" must be an absolute path such as /media/usb", value);
        if (copy_string(c->export_dir, sizeof c->export_dir, value))
            return reject(st, section, key, "%s", "path is too long");
    } else if (KEY("report", "url")) {
        if (value[0] && strncmp(value, "http://", 7) && strncmp(value, "https://", 8))
            return reject(st, section, key, "\"%s\" must be an http:// or https:// URL (or empty)", value);
        if (copy_string(c->report_url, sizeof c->report_url, value))
            return reject(st, section, key, "%s", "URL is too long");
    } else if (KEY("report", "screen_id")) {
        for (const char *p = value; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
                return reject(st, section, key, "\"%s\" may use only letters, digits, '-', '_' and '.'", value);
        if (copy_string(c->screen_id, sizeof c->screen_id, value))
            return reject(st, section, key, "%s", "value is too long");
    } else {
        return reject(st, section, key, "%s", "unknown key; see the commented default config for the keys");
    }
    return 1;
}

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
    } else if (KEY("display", "dpi")) {
        if (parse_optional_decimal(value, 50, 600, &c->dpi))
            return reject(st, section, key, "\"%s\" must be 0 (unknown) or dots per inch from 50 to 600", value);
    } else if (KEY("display", "diagonal_in")) {
        if (parse_optional_decimal(value, 5, 150, &c->diagonal_in))
            return reject(st, section, key, "\"%s\" must be 0 (unknown) or inches from 5 to 150", value);
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
    } else if (!strcmp(section, "navigation") || !strcmp(section, "admin")) {
        return interaction_key(st, section, key, value);
    } else if (!strcmp(section, "sync")) {
        return sync_key(st, section, key, value);
    } else if (!strcmp(section, "quiz") || !strcmp(section, "report")) {
        return quiz_key(st, section, key, value);
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
