/* Rate limiting of identical log lines: the first few copies of a line
 * within a window pass, the rest are counted and later reported in one
 * summary line. Pure and single-threaded: log.c calls it under its lock. */
#ifndef QF_LOG_REPEAT_H
#define QF_LOG_REPEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOG_REPEAT_SLOTS 16   /* distinct lines remembered at once */
#define LOG_REPEAT_SNIPPET 80 /* bytes of a line quoted in a detached summary */

struct log_repeat_slot {
    uint64_t hash; /* of level and text; 0 = free slot */
    uint64_t first_ms, last_ms;
    uint32_t count;      /* copies seen in this window */
    uint32_t suppressed; /* copies dropped and not yet reported */
    int level;
    char snippet[LOG_REPEAT_SNIPPET];
};

struct log_repeat {
    struct log_repeat_slot slot[LOG_REPEAT_SLOTS];
    uint64_t last_printed; /* hash of the last line written, so a summary can say "the line above" */
    uint32_t burst;        /* copies that pass per window; 0 = no limit */
    uint64_t window_ms;
};

/* Receives one finished summary line (without the "<N>" prefix). */
typedef void (*log_repeat_emit_fn)(void *ctx, int level, const char *text);

void log_repeat_init(struct log_repeat *r, uint32_t burst, uint32_t window_s);

/* Decides whether a line is written. Only limited lines are counted; any
 * line may first release summaries that fell due (window over, slot
 * reused, or a different limited line is about to be written) through
 * emit. Returns true when the caller should write the line. */
bool log_repeat_check(struct log_repeat *r, int level, const char *text, bool limited, uint64_t now_ms,
                      log_repeat_emit_fn emit, void *ctx);

/* Releases every pending summary (at shutdown, or for a test). */
void log_repeat_flush(struct log_repeat *r, log_repeat_emit_fn emit, void *ctx);

#endif
