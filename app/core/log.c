#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>

static enum log_level max_level = LOG_LEVEL_INFO;

void log_set_max_level(enum log_level level) { max_level = level; }

enum log_level log_max_level(void) { return max_level; }

void log_msg(enum log_level level, const char *fmt, ...)
{
    if (level > max_level)
        return;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One fputs per line so lines from threads do not interleave. */
    char out[2100];
    snprintf(out, sizeof out, "<%d>%s\n", (int)level, line);
    fputs(out, stderr);
}
