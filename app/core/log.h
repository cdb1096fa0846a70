/* Levelled logging to stderr with syslog priority prefixes ("<3>" ... "<7>"),
 * so journald files each line by level. Thread-safe. Identical warnings and
 * errors repeated within a window are rate-limited (see log_set_repeat_limit);
 * info and debug lines are never dropped, since scripts count them. */
#ifndef QF_LOG_H
#define QF_LOG_H

#include <stdint.h>

enum log_level {
    LOG_LEVEL_ERR = 3,
    LOG_LEVEL_WARNING = 4,
    LOG_LEVEL_NOTICE = 5,
    LOG_LEVEL_INFO = 6,
    LOG_LEVEL_DEBUG = 7,
};

/* Defaults of the repeat limit: 3 identical lines per 60 s pass. */
#define LOG_REPEAT_BURST 3
#define LOG_REPEAT_WINDOW_S 60

/* Lines above this level are dropped. Default: LOG_LEVEL_INFO. */
void log_set_max_level(enum log_level level);
enum log_level log_max_level(void);

/* Writes one line "<N>message\n" to stderr (a trailing newline in fmt is not needed). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Identical warning or error lines (same level and text) beyond burst
 * within window_s seconds are dropped and later counted in one line
 * "<N>log: the line above repeated K more times in S s". burst 0 turns the
 * limit off. Also forgets what was seen. */
void log_set_repeat_limit(unsigned burst, unsigned window_s);

/* Writes the summaries still pending (at shutdown). */
void log_flush(void);

/* Warnings and errors logged since the last log_take_counts (lines the
 * repeat limit dropped count too), and the last error's text. */
struct log_counts {
    unsigned long warnings;
    unsigned long errors;
    char last_error[256]; /* "" when no error since the last take */
};

/* Copies the counts into out and starts counting from zero again. */
void log_take_counts(struct log_counts *out);

/* For tests: the clock (milliseconds, any epoch; NULL = CLOCK_MONOTONIC)
 * and where finished lines go (NULL = stderr). line ends in "\n". */
void log_set_clock(uint64_t (*now_ms)(void));
void log_set_sink(void (*sink)(void *ctx, const char *line), void *ctx);

#define log_err(...) log_msg(LOG_LEVEL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
