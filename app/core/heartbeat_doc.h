/* The heartbeat's status document: what one screen says about itself every
 * few minutes, as JSON (docs/heartbeat.md lists every field). Pure: the
 * facts come in as a plain struct, gathered by the heartbeat thread
 * (net/heartbeat.c) and the UI thread's snapshot. */
#ifndef QF_CORE_HEARTBEAT_DOC_H
#define QF_CORE_HEARTBEAT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEARTBEAT_SCHEMA 1
#define HEARTBEAT_TEXT_MAX 512

/* What the UI thread knows; copied under a mutex, so plain arrays only. */
struct heartbeat_screen {
    char screen_id[64];
    char app_version[32];
    char content_title[128];
    char content_dir[1024];      /* the shown feed's folder; its name is the content version */
    long content_items;
    int width, height;           /* pixels */
    char on_screen[160];         /* "attract item=maxim-1", "detail item=case-1 page=2/5" ... */
    int asleep;                  /* 1 black by the sleep schedule, 0 on; -1 when [sleep] sets no hours or days */
    int64_t started_at;          /* unix time the kiosk started */
    /* sync: last round (sync_configured false: no [sync] feed_url) */
    bool sync_configured;
    int64_t sync_last_attempt;   /* 0: none yet */
    int64_t sync_last_success;
    bool sync_ok;
    char sync_result[HEARTBEAT_TEXT_MAX];
    char sync_last_error[HEARTBEAT_TEXT_MAX];
    /* quiz results waiting for upload (outbox_known false: no uploader running) */
    bool outbox_known;
    long outbox_pending;
    char outbox_last_error[HEARTBEAT_TEXT_MAX];
};

/* Everything one document says: the snapshot plus what the heartbeat
 * thread reads itself. -1 in a number means unknown (null in JSON). */
struct heartbeat_facts {
    struct heartbeat_screen screen;
    char content_sha256[13];     /* first 12 hex digits of feed.json's SHA-256; "" when unreadable */
    int64_t sent_at;             /* unix time */
    long app_uptime_s;
    long box_uptime_s;
    unsigned interval_s;         /* the configured heartbeat interval */
    unsigned long beat;          /* 1 for the first document since the start */
    int64_t disk_free_bytes;     /* available to the kiosk in the state folder */
    int64_t rss_bytes;           /* the process's resident memory */
    int64_t mem_available_bytes; /* the machine's MemAvailable */
    int64_t mem_total_bytes;
    unsigned long warnings;      /* logged since the last document was built */
    unsigned long errors;
    char last_error[256];
    unsigned failed_puts;        /* documents not delivered since the last one that was */
    const char *screenshot;      /* the picture's file name beside status.json, or NULL */
};

/* The document as a NUL-terminated JSON text (malloc'd, ends in "\n"), or
 * NULL when out of memory. Local times use the process's time zone. */
char *heartbeat_doc_json(const struct heartbeat_facts *f);

/* "2026-12-07T23:09:36+08:00" in the local time zone. */
void heartbeat_local_iso(int64_t t, char *out, size_t len);

/* True when id can be a URL path segment and a folder name as it is:
 * 1 to 63 of A-Z a-z 0-9 - _ . and not "." or "..". The heartbeat refuses
 * any other id rather than encoding it, so the folder on the server has
 * the name the administrator configured. */
bool heartbeat_id_valid(const char *id);

/* <base>/screens/<id>/<name>, with no doubled slash. Returns 0, or -1 when
 * the id is not valid or out is too small. */
int heartbeat_url(const char *base, const char *id, const char *name, char *out, size_t cap);

#endif
