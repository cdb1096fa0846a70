/* The administrator's overview of every screen, from the status documents
 * the heartbeats left on the server (screens/<id>/status.json, see
 * core/heartbeat_doc.h): when each was last seen and whether it is alive.
 *
 * A screen is alive while its last document is at most 2 of its own
 * heartbeat intervals old, late up to 6 intervals (a beat or two lost:
 * a network hiccup, a reboot), and silent beyond that (switched off,
 * crashed, or cut off: someone should look). Each document carries its
 * interval, so screens with different settings are judged fairly. */
#ifndef QF_CORE_SCREENS_H
#define QF_CORE_SCREENS_H

#include <stdint.h>
#include <stdio.h>

#define SCREENS_LATE_INTERVALS 2
#define SCREENS_SILENT_INTERVALS 6

enum screen_state { SCREEN_ALIVE, SCREEN_LATE, SCREEN_SILENT };

struct screen_row {
    char id[64];
    int64_t sent_at;          /* unix time of the last document */
    unsigned interval_s;      /* its heartbeat interval */
    char app_version[32];
    char content[160];        /* the content version, else its title */
    int sync_ok;              /* last sync round: 1, 0, -1 none or no sync */
    int64_t sync_at;          /* its time; 0 none */
    long warnings, errors;    /* in the interval before the document */
    int64_t disk_free_bytes;  /* -1 unknown */
};

/* Reads one status document. Returns 0, or -1 with why in err (not JSON,
 * a required field missing or of the wrong type: screen_id, sent_at,
 * heartbeat_s). */
int screens_parse(const char *text, size_t len, struct screen_row *out, char *err, size_t errlen);

/* How long ago the screen was seen at `now` (never negative: a screen
 * whose clock runs ahead counts as just seen), and its state. */
int64_t screens_age(const struct screen_row *r, int64_t now);
enum screen_state screens_state(const struct screen_row *r, int64_t now);
const char *screens_state_name(enum screen_state s, int zh);

/* Sorts rows by id. */
void screens_sort(struct screen_row *rows, size_t n);

/* The table for a terminal, one line per screen after a header line (in
 * English: column widths count bytes, and Chinese would break them). */
void screens_print_table(FILE *f, const struct screen_row *rows, size_t n, int64_t now);

/* The same as CSV for Excel/WPS (UTF-8 with BOM, CRLF), with unix times
 * and bytes as numbers. */
void screens_print_csv(FILE *f, const struct screen_row *rows, size_t n, int64_t now);

#endif
