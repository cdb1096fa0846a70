/* The document of one screen's hour, as uploaded to
 * <report_url>/stats/<screen_id>/<YYYY-MM-DDTHH>.json and read by the
 * report tool:
 *   {"kind": "usage_stats", "version": 1, "screen_id": "...",
 *    "hour": "2025-06-02T09",
 *    "counters": {"": {"taps": 12, "visits": 3, ...},
 *                 "case-1": {"opens": 2, "read_ms": 95000}, ...}}
 * Each document carries the hour's full totals, never a difference: a
 * later flush of the same hour replaces the file on the server, so the
 * server never counts twice. Keys are sorted, zero counters left out: the
 * same totals always give the same bytes. */
#ifndef QF_PLAYSTATS_DOC_H
#define QF_PLAYSTATS_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/playstats.h"

#define PS_SCREEN_MAX 64

struct ps_doc {
    char screen_id[PS_SCREEN_MAX];
    char hour[PS_HOUR_LEN + 1];
    struct ps_counter *c;   /* the hour's counters (their hour is `hour`) */
    size_t n;
};

/* True for a screen id that can name a folder on the server: 1..63 of
 * letters, digits, '-', '_' and '.', and not "." or "..". */
bool playstats_screen_valid(const char *screen_id);

/* The outbox id of an hour's document, "stats/<screen_id>/<hour>", which
 * is also its path under report_url without ".json". Returns 0, or -1 for
 * an invalid screen id or hour. */
int playstats_doc_id(const char *screen_id, const char *hour, char *out, size_t cap);
/* True when id is exactly such an id. */
bool playstats_doc_id_valid(const char *id);

/* The document of `hour` from its counters (entries of other hours are
 * skipped). Returns a new string, or NULL (no memory, invalid screen id or
 * hour, an item that is not UTF-8). */
char *playstats_doc_json(const char *screen_id, const char *hour, const struct ps_counter *c, size_t n);

/* Parses a document. Metrics this version does not know are skipped (a
 * later version may add some); anything else malformed is refused with the
 * field named in err. On success out->c is allocated (ps_doc_free). */
int playstats_doc_parse(const char *json, size_t len, struct ps_doc *out, char *err, size_t errlen);
void playstats_doc_free(struct ps_doc *d);

#endif
