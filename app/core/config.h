/* Kiosk settings: defaults, the INI config file (inih) and the theme file.
 * Command-line flags are applied on top by main.c. */
#ifndef QF_CONFIG_H
#define QF_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/sleep_schedule.h"

struct rgb { uint8_t r, g, b; };

struct theme {
    char org_name[128];     /* shown in the header, e.g. 某某市直机关工委 */
    char slogan[128];       /* attract-loop footer line */
    char logo[512];         /* SVG/PNG path; relative paths are against the theme file's folder */
    struct rgb paper;       /* rice-paper cream background */
    struct rgb ink;         /* body text */
    struct rgb red;         /* 中国红 accents */
    struct rgb gold;        /* gold rules and ornaments */
};

struct config {
    /* display */
    bool fullscreen;
    int width, height;       /* window size when windowed; 0 = desktop size */
    float dpi;               /* pixel density; 0 = unknown */
    float diagonal_in;       /* screen diagonal in inches; 0 = unknown (dpi wins when both are set) */
    int rotate;              /* 0, 90, 180, 270: degrees the picture is turned clockwise on the panel */
    /* attract loop */
    uint32_t dwell_ms;
    uint32_t transition_ms;
    char transition[16];     /* fade | slide | mixed */
    /* content */
    char feed_dir[512];      /* empty = bundled feed */
    /* fonts: fontconfig patterns or file paths */
    char font_kai[256];
    char font_sans[256];
    /* theme */
    char theme_file[512];    /* empty = bundled assets/theme.ini */
    struct theme theme;
    /* navigation */
    uint32_t idle_timeout_ms;   /* untouched this long: the countdown starts */
    uint32_t idle_countdown_ms; /* then this long on screen before the attract loop */
    float large_print_scale;    /* text scale of the large-print mode */
    /* sleep: the screen is dark during these hours and days (docs/architecture.md) */
    struct sleep_schedule sleep;
    /* admin */
    char pin_hash[256];         /* from qingfeng --hash-pin; empty = the admin panel cannot be opened */
    int admin_taps;             /* taps in the corner that ask for the PIN */
    uint32_t admin_window_ms;   /* ... within this time */
    int admin_corner;           /* enum admin_corner */
    int pin_lock_tries;         /* wrong PINs in a row that lock the PIN pad */
    uint32_t pin_lock_ms;       /* ... for this long */
    char exit_key[32];          /* SDL key name that quits (development only); empty = none */
    /* sync: remote content (docs/sync.md) */
    char feed_url[1024];        /* http(s) URL of feed.json; empty = no sync */
    char public_key[1024];      /* minisign public key, inline (RW...) or an absolute .pub path;
                                   empty = signatures not required */
    uint32_t sync_interval_ms;  /* between syncs, jittered by +-10 % */
    char state_dir[512];        /* downloaded versions and sync state */
    char ca_file[512];          /* PEM CA bundle used instead of the system's; empty = system */
    char proxy[512];            /* empty = the environment's http_proxy / https_proxy / no_proxy */
    uint32_t max_feed_bytes;    /* feed.json size limit */
    uint32_t max_asset_bytes;   /* size limit of one asset */
    uint64_t max_image_pixels;  /* width x height limit of a decoded picture */
    char allow_hosts[512];      /* other hosts assets may come from, lower case, "a,b"; empty = the feed's host only */
    /* quiz: 知识挑战赛 rounds (docs/quiz.md) */
    int quiz_questions;         /* per round */
    int quiz_seconds;           /* countdown per question */
    int quiz_points;            /* per right answer */
    int quiz_auto_next_s;       /* feedback pause; 0 = until tapped */
    int quiz_shares[3];         /* percent of easy, medium, hard questions */
    char departments[1024];     /* 部门 a player may pick, "a,b,c"; empty = no picker */
    char export_dir[512];       /* where the admin panel exports results.csv; empty = no export */
    /* report: where results go (docs/quiz-results.md) */
    char report_url[1024];      /* http(s) base URL for PUTs; empty = results stay on this screen */
    char screen_id[64];         /* names this screen in reports; empty = the host name */
    /* report: the heartbeat (docs/heartbeat.md) */
    uint32_t heartbeat_ms;      /* between status documents; 0 = none */
    bool heartbeat_screenshot;  /* also a small picture of the screen */
    /* schedule: which items this screen shows (docs/feed-format.md) */
    char screen_groups[600];    /* group names, "lobby,3f"; empty = every item */
};

void config_defaults(struct config *c);
void theme_defaults(struct theme *t);

/* Loads an INI file over the current values (keys: config_keys.h). Returns
 * 0, or -1 with the first problem config_check would report,
 * "<path>:<line>: [section] key: what is wrong; what to do", in err. A key
 * given twice is not an error here: the last one wins. */
int config_load(struct config *c, const char *path, char *err, size_t errlen);
int theme_load(struct theme *t, const char *path, char *err, size_t errlen);

/* The n-th (from 0) name of a comma-separated list such as departments,
 * into out. Returns false past the end. */
bool config_list_item(const char *list, int n, char *out, size_t len);

/* Parses "#RRGGBB". Returns 0 or -1. */
int parse_rgb(const char *s, struct rgb *out);

/* Parses "WxH" (each side 64..16384). Returns 0 or -1. */
int parse_size(const char *s, int *w, int *h);

#endif
