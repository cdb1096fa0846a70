#include "core/config_keys.h"

#include "core/admin_gesture.h"
#include "core/edit_distance.h"
#include "core/pin.h"
#include "core/rotation.h"
#include "core/schedule.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where a rule reports what is wrong with a value. */
struct parse_state {
    struct config *target;
    config_report_fn *report;
    void *ctx;
};

static int reject(struct parse_state *st, const char *section, const char *key, const char *fmt, const char *value)
{
    char reason[400], what[600];
    snprintf(reason, sizeof reason, fmt, value);
    snprintf(what, sizeof what, "[%s] %s: %s", section, key, reason);
    st->report(st->ctx, CONFIG_BAD_VALUE, what);
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

static int set_display_fullscreen(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_bool(value, &c->fullscreen))
        return reject(st, section, key, "\"%s\" is not true or false", value);
    return 1;
}

static int set_display_size(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_size(value, &c->width, &c->height))
        return reject(st, section, key, "\"%s\" is not a size like 1920x1080", value);
    return 1;
}

static int set_display_dpi(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_optional_decimal(value, 50, 600, &c->dpi))
        return reject(st, section, key, "\"%s\" must be 0 (unknown) or dots per inch from 50 to 600", value);
    return 1;
}

static int set_display_diagonal_in(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_optional_decimal(value, 5, 150, &c->diagonal_in))
        return reject(st, section, key, "\"%s\" must be 0 (unknown) or inches from 5 to 150", value);
    return 1;
}

static int set_display_rotate(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (rotation_parse(value, &c->rotate))
        return reject(st, section, key,
                      "\"%s\" must be 0, 90, 180 or 270 (degrees the picture is turned clockwise; see docs/display.md)",
                      value);
    return 1;
}

static int set_attract_dwell_ms(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_u32_range(value, 1000, 600000, &c->dwell_ms))
        return reject(st, section, key, "\"%s\" must be milliseconds from 1000 to 600000", value);
    return 1;
}

static int set_attract_transition_ms(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_u32_range(value, 0, 5000, &c->transition_ms))
        return reject(st, section, key, "\"%s\" must be milliseconds from 0 to 5000", value);
    return 1;
}

static int set_attract_transition(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (strcmp(value, "fade") && strcmp(value, "slide") && strcmp(value, "mixed"))
        return reject(st, section, key, "\"%s\" is not fade, slide or mixed", value);
    copy_string(c->transition, sizeof c->transition, value);
    return 1;
}

static int set_content_feed_dir(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (copy_string(c->feed_dir, sizeof c->feed_dir, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_fonts_kai(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (copy_string(c->font_kai, sizeof c->font_kai, value))
        return reject(st, section, key, "%s", "value is too long");
    return 1;
}

static int set_fonts_sans(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (copy_string(c->font_sans, sizeof c->font_sans, value))
        return reject(st, section, key, "%s", "value is too long");
    return 1;
}

static int set_theme_file(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (copy_string(c->theme_file, sizeof c->theme_file, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_navigation_idle_timeout_s(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_units_ms(value, 10, 3600, 1000, &c->idle_timeout_ms))
        return reject(st, section, key, "\"%s\" must be seconds from 10 to 3600", value);
    return 1;
}

static int set_navigation_idle_countdown_s(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_units_ms(value, 3, 60, 1000, &c->idle_countdown_ms))
        return reject(st, section, key, "\"%s\" must be seconds from 3 to 60", value);
    return 1;
}

static int set_navigation_large_print_scale(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_decimal_range(value, 1.1, 2.0, &c->large_print_scale))
        return reject(st, section, key, "\"%s\" must be a number from 1.1 to 2.0", value);
    return 1;
}

static int set_sleep_hours(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    struct sleep_schedule *s = &c->sleep;
    const char *p = value;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p) {
        s->n_hours = 0;
        return 1;
    }
    if (hour_ranges_parse(value, s->hours, DAYPART_RANGES_MAX, &s->n_hours)) {
        s->n_hours = 0;
        return reject(st, section, key,
                      "\"%s\" must be hour ranges such as 20:00-07:30 or 12:00-13:30,20:00-07:30 (at most 8), or empty",
                      value);
    }
    return 1;
}

static int set_sleep_days(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (sleep_days_parse(value, &c->sleep.days))
        return reject(st, section, key, "\"%s\" must be weekdays such as sat,sun or 周六,周日, or empty", value);
    return 1;
}

static int set_sleep_wake_minutes(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_u32_range(value, 0, SLEEP_WAKE_MINUTES_MAX, &c->sleep.wake_minutes))
        return reject(st, section, key, "\"%s\" must be minutes from 0 (a touch does not wake) to 720", value);
    return 1;
}

static int set_admin_pin_hash(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && strncmp(value, "$argon2", 7))
        return reject(st, section, key, "%s", "must start with $argon2; make one with qingfeng --hash-pin");
    if (value[0] && !pin_hash_is_usable(value))
        return reject(st, section, key, "%s", "is not a complete hash; make one with qingfeng --hash-pin");
    copy_string(c->pin_hash, sizeof c->pin_hash, value); /* usable hashes are shorter */
    return 1;
}

static int set_admin_gesture_taps(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 3, 10, &c->admin_taps))
        return reject(st, section, key, "\"%s\" must be a number of taps from 3 to 10", value);
    return 1;
}

static int set_admin_gesture_window_ms(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_u32_range(value, 1000, 10000, &c->admin_window_ms))
        return reject(st, section, key, "\"%s\" must be milliseconds from 1000 to 10000", value);
    return 1;
}

static int set_admin_gesture_corner(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    enum admin_corner corner;
    if (admin_corner_parse(value, &corner))
        return reject(st, section, key, "\"%s\" is not top-left, top-right, bottom-left or bottom-right", value);
    c->admin_corner = (int)corner;
    return 1;
}

static int set_admin_lock_tries(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 3, 20, &c->pin_lock_tries))
        return reject(st, section, key, "\"%s\" must be a number of tries from 3 to 20", value);
    return 1;
}

static int set_admin_lock_minutes(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_units_ms(value, 1, 120, 60000, &c->pin_lock_ms))
        return reject(st, section, key, "\"%s\" must be minutes from 1 to 120", value);
    return 1;
}

static int set_admin_exit_key(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (copy_string(c->exit_key, sizeof c->exit_key, value))
        return reject(st, section, key, "%s", "key name is too long");
    return 1;
}

static int set_sync_feed_url(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && !is_http_url(value))
        return reject(st, section, key, "\"%s\" must be an http:// or https:// URL (or empty: no sync)", value);
    if (copy_string(c->feed_url, sizeof c->feed_url, value))
        return reject(st, section, key, "%s", "URL is too long");
    return 1;
}

static int set_sync_public_key(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && value[0] != '/' && !is_inline_minisign_key(value))
        return reject(st, section, key, "%s",
                      "must be a minisign public key (56 characters starting with RW) or the absolute path of "
                      "a .pub file");
    if (copy_string(c->public_key, sizeof c->public_key, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_sync_interval_s(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_units_ms(value, 30, 86400, 1000, &c->sync_interval_ms))
        return reject(st, section, key, "\"%s\" must be seconds from 30 to 86400", value);
    return 1;
}

static int set_sync_state_dir(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] != '/')
        return reject(st, section, key, "\"%s\" must be an absolute path such as /var/lib/qingfeng", value);
    if (copy_string(c->state_dir, sizeof c->state_dir, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_sync_ca_file(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && value[0] != '/')
        return reject(st, section, key, "\"%s\" must be an absolute path (or empty: the system's CAs)", value);
    if (copy_string(c->ca_file, sizeof c->ca_file, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_sync_proxy(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (!is_proxy(value))
        return reject(st, section, key, "\"%s\" must be a proxy such as http://proxy.example:3128", value);
    if (copy_string(c->proxy, sizeof c->proxy, value))
        return reject(st, section, key, "%s", "value is too long");
    return 1;
}

static int set_sync_max_feed_mb(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    uint32_t mb;
    if (parse_u32_range(value, 1, 64, &mb))
        return reject(st, section, key, "\"%s\" must be megabytes from 1 to 64", value);
    c->max_feed_bytes = mb << 20;
    return 1;
}

static int set_sync_max_asset_mb(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    uint32_t mb;
    if (parse_u32_range(value, 1, 512, &mb))
        return reject(st, section, key, "\"%s\" must be megabytes from 1 to 512", value);
    c->max_asset_bytes = mb << 20;
    return 1;
}

static int set_sync_max_image_px(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_u64_range(value, 1000000, 200000000, &c->max_image_pixels))
        return reject(st, section, key, "\"%s\" must be a number of pixels from 1000000 to 200000000", value);
    return 1;
}

static int set_sync_allow_hosts(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    char bad[64];
    if (parse_host_list(value, c->allow_hosts, sizeof c->allow_hosts, bad, sizeof bad))
        return reject(st, section, key, "\"%s\" is not a host name; list host names separated by commas", bad);
    return 1;
}

static int set_quiz_questions(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 3, 50, &c->quiz_questions))
        return reject(st, section, key, "\"%s\" must be a number of questions from 3 to 50", value);
    return 1;
}

static int set_quiz_seconds_per_question(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 5, 300, &c->quiz_seconds))
        return reject(st, section, key, "\"%s\" must be seconds from 5 to 300", value);
    return 1;
}

static int set_quiz_points(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 1, 100, &c->quiz_points))
        return reject(st, section, key, "\"%s\" must be points from 1 to 100", value);
    return 1;
}

static int set_quiz_auto_next_s(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_int_range(value, 0, 60, &c->quiz_auto_next_s))
        return reject(st, section, key, "\"%s\" must be seconds from 0 (wait for a tap) to 60", value);
    return 1;
}

static int set_quiz_difficulty(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_shares(value, c->quiz_shares))
        return reject(st, section, key, "\"%s\" must be percent of easy/medium/hard adding up to 100, like 40/40/20",
                      value);
    return 1;
}

static int set_quiz_departments(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (parse_name_list(value, c->departments, sizeof c->departments))
        return reject(st, section, key, "%s", "too long; list at most 40 names of under 20 characters");
    return 1;
}

/* The same list from a UTF-8 text file, one name per line ('#' starts a
 * comment line): INI lines are too short for a long list of departments. */
static int set_quiz_departments_file(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (!value[0])
        return 1;
    if (value[0] != '/')
        return reject(st, section, key, "\"%s\" must be an absolute path such as /etc/qingfeng/departments.txt", value);
    FILE *f = fopen(value, "r");
    if (!f) {
        char why[380];
        snprintf(why, sizeof why, "cannot read %s (%s); check the path", value, strerror(errno));
        return reject(st, section, key, "%s", why);
    }
    char list[2048] = "", line[256];
    size_t n = 0;
    bool too_long = false;
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = 0;
        if (line[0] == '#' || strchr(line, ','))
            continue; /* a comment; a comma would split a name */
        if (n + len + 2 > sizeof list) {
            too_long = true;
            break;
        }
        n += (size_t)snprintf(list + n, sizeof list - n, "%s,", line);
    }
    fclose(f);
    if (too_long || parse_name_list(list, c->departments, sizeof c->departments)) {
        char why[380];
        snprintf(why, sizeof why, "%s lists too much; give at most 40 names of under 20 characters", value);
        return reject(st, section, key, "%s", why);
    }
    return 1;
}

static int set_quiz_export_dir(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && value[0] != '/')
        return reject(st, section, key, "\"%s\" must be an absolute path such as /media/usb", value);
    if (copy_string(c->export_dir, sizeof c->export_dir, value))
        return reject(st, section, key, "%s", "path is too long");
    return 1;
}

static int set_report_url(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    if (value[0] && strncmp(value, "http://", 7) && strncmp(value, "https://", 8))
        return reject(st, section, key, "\"%s\" must be an http:// or https:// URL (or empty)", value);
    if (copy_string(c->report_url, sizeof c->report_url, value))
        return reject(st, section, key, "%s", "URL is too long");
    return 1;
}

static int set_report_screen_id(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    for (const char *p = value; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
            return reject(st, section, key, "\"%s\" may use only letters, digits, '-', '_' and '.'", value);
    if (copy_string(c->screen_id, sizeof c->screen_id, value))
        return reject(st, section, key, "%s", "value is too long");
    return 1;
}

static int set_report_heartbeat_minutes(struct parse_state *st, const char *section, const char *key,
                                        const char *value)
{
    struct config *c = st->target;
    uint32_t m;
    if (parse_u32_range(value, 0, 1440, &m))
        return reject(st, section, key, "\"%s\" must be minutes from 1 to 1440, or 0 for no heartbeat", value);
    c->heartbeat_ms = m * 60000u;
    return 1;
}

static int set_report_heartbeat_screenshot(struct parse_state *st, const char *section, const char *key,
                                           const char *value)
{
    struct config *c = st->target;
    if (parse_bool(value, &c->heartbeat_screenshot))
        return reject(st, section, key, "\"%s\" must be true or false", value);
    return 1;
}

/* [schedule] groups: the screen groups whose items this screen shows. */
static int set_schedule_groups(struct parse_state *st, const char *section, const char *key, const char *value)
{
    struct config *c = st->target;
    struct screen_groups g;
    if (screen_groups_parse(value, &g))
        return reject(st, section, key,
                      "\"%s\" must be group names separated by commas (at most 16, each 1 to 32 letters, digits, "
                      "'-' or '_'), e.g. lobby,3f",
                      value);
    if (copy_string(c->screen_groups, sizeof c->screen_groups, value))
        return reject(st, section, key, "%s", "value is too long");
    return 1;
}

struct key_rule {
    const char *section;
    const char *key;
    int (*set)(struct parse_state *st, const char *section, const char *key, const char *value);
};

/* Every key of the config file, in the order of the commented default config. */
static const struct key_rule key_rules[] = {
    {"display", "fullscreen", set_display_fullscreen},
    {"display", "size", set_display_size},
    {"display", "dpi", set_display_dpi},
    {"display", "diagonal_in", set_display_diagonal_in},
    {"display", "rotate", set_display_rotate},
    {"attract", "dwell_ms", set_attract_dwell_ms},
    {"attract", "transition_ms", set_attract_transition_ms},
    {"attract", "transition", set_attract_transition},
    {"content", "feed_dir", set_content_feed_dir},
    {"fonts", "kai", set_fonts_kai},
    {"fonts", "sans", set_fonts_sans},
    {"theme", "file", set_theme_file},
    {"navigation", "idle_timeout_s", set_navigation_idle_timeout_s},
    {"navigation", "idle_countdown_s", set_navigation_idle_countdown_s},
    {"navigation", "large_print_scale", set_navigation_large_print_scale},
    {"sleep", "hours", set_sleep_hours},
    {"sleep", "days", set_sleep_days},
    {"sleep", "wake_minutes", set_sleep_wake_minutes},
    {"admin", "pin_hash", set_admin_pin_hash},
    {"admin", "gesture_taps", set_admin_gesture_taps},
    {"admin", "gesture_window_ms", set_admin_gesture_window_ms},
    {"admin", "gesture_corner", set_admin_gesture_corner},
    {"admin", "lock_tries", set_admin_lock_tries},
    {"admin", "lock_minutes", set_admin_lock_minutes},
    {"admin", "exit_key", set_admin_exit_key},
    {"sync", "feed_url", set_sync_feed_url},
    {"sync", "public_key", set_sync_public_key},
    {"sync", "interval_s", set_sync_interval_s},
    {"sync", "state_dir", set_sync_state_dir},
    {"sync", "ca_file", set_sync_ca_file},
    {"sync", "proxy", set_sync_proxy},
    {"sync", "max_feed_mb", set_sync_max_feed_mb},
    {"sync", "max_asset_mb", set_sync_max_asset_mb},
    {"sync", "max_image_px", set_sync_max_image_px},
    {"sync", "allow_hosts", set_sync_allow_hosts},
    {"quiz", "questions", set_quiz_questions},
    {"quiz", "seconds_per_question", set_quiz_seconds_per_question},
    {"quiz", "points", set_quiz_points},
    {"quiz", "auto_next_s", set_quiz_auto_next_s},
    {"quiz", "difficulty", set_quiz_difficulty},
    {"quiz", "departments", set_quiz_departments},
    {"quiz", "departments_file", set_quiz_departments_file},
    {"quiz", "export_dir", set_quiz_export_dir},
    {"report", "url", set_report_url},
    {"report", "screen_id", set_report_screen_id},
    {"report", "heartbeat_minutes", set_report_heartbeat_minutes},
    {"report", "heartbeat_screenshot", set_report_heartbeat_screenshot},
    {"schedule", "groups", set_schedule_groups},
};

enum { N_KEYS = sizeof key_rules / sizeof key_rules[0] };

bool config_key_at(size_t n, const char **section, const char **key)
{
    if (n >= N_KEYS)
        return false;
    *section = key_rules[n].section;
    *key = key_rules[n].key;
    return true;
}

int config_key_index(const char *section, const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (!strcmp(key_rules[i].section, section) && !strcmp(key_rules[i].key, key))
            return (int)i;
    return -1;
}

bool config_section_is_known(const char *section)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (!strcmp(key_rules[i].section, section))
            return true;
    return false;
}

/* Appends ", word" (or "word" first) to out. */
static void append_name(char *out, size_t len, const char *fmt, const char *word)
{
    size_t n = strlen(out);
    if (n + 2 < len)
        snprintf(out + n, len - n, fmt, n ? ", " : "", word);
}

void config_unknown_section(const char *section, char *out, size_t len)
{
    const char *best = NULL;
    int best_d = edit_distance_typo_limit(section) + 1;
    char names[256] = "";
    for (size_t i = 0; i < N_KEYS; i++) {
        if (i && !strcmp(key_rules[i].section, key_rules[i - 1].section))
            continue;
        append_name(names, sizeof names, "%s[%s]", key_rules[i].section);
        int d = edit_distance(section, key_rules[i].section);
        if (d < best_d) {
            best = key_rules[i].section;
            best_d = d;
        }
    }
    if (best)
        snprintf(out, len, "unknown section; did you mean [%s]?", best);
    else
        snprintf(out, len, "unknown section; the sections are %s", names);
}

/* Why [section] key is not a key, and what to write instead. */
static void unknown_key(const char *section, const char *key, char *out, size_t len)
{
    const char *home = NULL, *best = NULL;
    int best_d = edit_distance_typo_limit(key) + 1;
    char names[400] = "";
    for (size_t i = 0; i < N_KEYS; i++) {
        if (!strcmp(key_rules[i].key, key) && !home)
            home = key_rules[i].section;
        if (strcmp(key_rules[i].section, section))
            continue;
        append_name(names, sizeof names, "%s%s", key_rules[i].key);
        int d = edit_distance(key, key_rules[i].key);
        if (d < best_d) {
            best = key_rules[i].key;
            best_d = d;
        }
    }
    if (!section[0])
        snprintf(out, len, "%s: comes before any [section] line; %s%s%s", key,
                 home ? "put it under [" : "see the commented default config for the keys",
                 home ? home : "", home ? "]" : "");
    else if (home)
        snprintf(out, len, "[%s] %s: unknown key in [%s]; %s belongs under [%s]", section, key, section, key, home);
    else if (best)
        snprintf(out, len, "[%s] %s: unknown key; did you mean %s?", section, key, best);
    else
        snprintf(out, len, "[%s] %s: unknown key; [%s] has %s", section, key, section, names);
}

int config_apply(struct config *c, const char *section, const char *key, const char *value,
                 config_report_fn *report, void *ctx)
{
    struct parse_state st = {.target = c, .report = report, .ctx = ctx};
    int i = config_key_index(section, key);
    if (i >= 0)
        return key_rules[i].set(&st, section, key, value);
    char what[600];
    if (section[0] && !config_section_is_known(section)) {
        char why[300];
        config_unknown_section(section, why, sizeof why);
        snprintf(what, sizeof what, "[%s] %s: %s", section, key, why);
        report(ctx, CONFIG_UNKNOWN_SECTION, what);
    } else {
        unknown_key(section, key, what, sizeof what);
        report(ctx, CONFIG_UNKNOWN_KEY, what);
    }
    return 0;
}
