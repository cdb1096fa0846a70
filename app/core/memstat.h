/* The process's own memory as the kernel counts it (/proc/self): resident
 * set now and at its peak, and the proportional share (Pss) that counts
 * shared libraries once per user. The soak test reads growth from it. */
#ifndef QF_MEMSTAT_H
#define QF_MEMSTAT_H

#include <stddef.h>

struct memstat {
    long rss_kb; /* VmRSS */
    long hwm_kb; /* VmHWM: the largest VmRSS so far */
    long pss_kb; /* Pss from smaps_rollup; -1 where the kernel lacks it */
};

/* The value of "KEY:   N kB" in text like /proc/self/status; -1 if absent. */
long memstat_field_kb(const char *text, const char *key);
/* Reads /proc/self/status and /proc/self/smaps_rollup. Returns 0, or -1
 * when status cannot be read (not Linux). */
int memstat_read(struct memstat *out);

#endif
