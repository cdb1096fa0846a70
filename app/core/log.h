/* Levelled logging to stderr with syslog priority prefixes ("<3>" ... "<7>"),
 * so journald files each line by level. */
#ifndef QF_LOG_H
#define QF_LOG_H

enum log_level {
    LOG_LEVEL_ERR = 3,
    LOG_LEVEL_WARNING = 4,
    LOG_LEVEL_NOTICE = 5,
    LOG_LEVEL_INFO = 6,
    LOG_LEVEL_DEBUG = 7,
};

/* Lines above this level are dropped. Default: LOG_LEVEL_INFO. */
void log_set_max_level(enum log_level level);
enum log_level log_max_level(void);

/* Writes one line "<N>message\n" to stderr (a trailing newline in fmt is not needed). */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_LEVEL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARNING, __VA_ARGS__)
#define log_notice(...) log_msg(LOG_LEVEL_NOTICE, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
