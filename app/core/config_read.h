/* Reads a kiosk config file with inih, line by line, and reports every
 * problem with its exact line: the one reading behind config_load and the
 * config checker. */
#ifndef QF_CONFIG_READ_H
#define QF_CONFIG_READ_H

#include "core/config.h"

#include <stdbool.h>

/* One problem: its line (0: the file as a whole), whether it is only a
 * warning (the file still loads), and "[section] key: what is wrong; what
 * to do". */
typedef void config_problem_fn(void *ctx, int line, bool warning, const char *what);

/* Applies every good key of path over c and reports every problem, in
 * line order. Returns the number of problems (warnings included), or -1
 * when the file cannot be read (reported with line 0). */
int config_read(struct config *c, const char *path, config_problem_fn *problem, void *ctx);

#endif
