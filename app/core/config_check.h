/* qingfeng --check-config: every problem of a config file, one line each,
 * so an operator can fix them all in one go. */
#ifndef QF_CONFIG_CHECK_H
#define QF_CONFIG_CHECK_H

#include <stddef.h>

/* Receives each line of the report, without a newline. */
typedef void config_check_line_fn(void *ctx, const char *line);

/* Reads path as the kiosk would and emits "<path>:<line>: [section] key:
 * what is wrong; what to do" for every problem, in line order (a key
 * given twice counts: only the last one takes effect). Returns the
 * number of problems; 0 means the file is clean. */
int config_check(const char *path, config_check_line_fn *emit, void *ctx);

/* The closing line: "<path>: ok" or "<path>: N problem(s)". */
void config_check_summary(const char *path, int problems, char *out, size_t len);

#endif
