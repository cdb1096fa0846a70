#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "core/log_repeat.h"

/* The sync, outbox, results and slide threads log too: one lock guards the
 * repeat table, the settings and the write, so lines never interleave. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Atomic, so a dropped debug line costs neither the lock nor formatting. */
static _Atomic int max_level = LOG_LEVEL_INFO;
static struct log_repeat repeats = {.burst = LOG_REPEAT_BURST, .window_ms = LOG_REPEAT_WINDOW_S * 1000u};
static uint64_t (*clock_fn)(void);
static void (*sink_fn)(void *ctx, const char *line);
static void *sink_ctx;
static struct log_counts counts; /* for the heartbeat: since its last take */

void log_set_max_level(enum log_level level) { atomic_store(&max_level, (int)level); }

enum log_level log_max_level(void) { return (enum log_level)atomic_load(&max_level); }

void log_set_repeat_limit(unsigned burst, unsigned window_s)
{
    pthread_mutex_lock(&lock);
    log_repeat_init(&repeats, burst, window_s);
    pthread_mutex_unlock(&lock);
}

void log_set_clock(uint64_t (*now_ms)(void))
{
    pthread_mutex_lock(&lock);
    clock_fn = now_ms;
    pthread_mutex_unlock(&lock);
}

void log_set_sink(void (*sink)(void *ctx, const char *line), void *ctx)
{
    pthread_mutex_lock(&lock);
    sink_fn = sink;
    sink_ctx = ctx;
    pthread_mutex_unlock(&lock);
}

static uint64_t now_ms(void)
{
    if (clock_fn)
        return clock_fn();
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Called with the lock held. */
static void write_line(void *ctx, int level, const char *text)
{
    (void)ctx;
    char out[2100];
    snprintf(out, sizeof out, "<%d>%s\n", level, text);
    if (sink_fn)
        sink_fn(sink_ctx, out);
    else
        fputs(out, stderr); /* one fputs per line */
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    if ((int)level > atomic_load(&max_level))
        return;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* Only warnings and errors: info lines (scenes, quiz rounds, sync
     * rounds) are events that scripts count, identical or not. */
    bool limited = level <= LOG_LEVEL_WARNING;
    pthread_mutex_lock(&lock);
    if (level == LOG_LEVEL_WARNING)
        counts.warnings++;
    if (level <= LOG_LEVEL_ERR) {
        counts.errors++;
        snprintf(counts.last_error, sizeof counts.last_error, "%.255s", line);
    }
    if (log_repeat_check(&repeats, (int)level, line, limited, now_ms(), write_line, NULL))
        write_line(NULL, (int)level, line);
    pthread_mutex_unlock(&lock);
}

void log_take_counts(struct log_counts *out)
{
    pthread_mutex_lock(&lock);
    *out = counts;
    counts = (struct log_counts){0};
    pthread_mutex_unlock(&lock);
}

void log_flush(void)
{
    pthread_mutex_lock(&lock);
    log_repeat_flush(&repeats, write_line, NULL);
    pthread_mutex_unlock(&lock);
}
