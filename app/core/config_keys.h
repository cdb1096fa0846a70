/* The keys of the kiosk config file and their rules: one table shared by
 * config_load and the config checker. */
#ifndef QF_CONFIG_KEYS_H
#define QF_CONFIG_KEYS_H

#include "core/config.h"

#include <stdbool.h>
#include <stddef.h>

enum config_problem {
    CONFIG_BAD_VALUE,       /* a known key with a value it does not take */
    CONFIG_UNKNOWN_KEY,     /* a key its section does not have, or one before any section */
    CONFIG_UNKNOWN_SECTION, /* a key in a section config files do not have */
};

/* what: "[section] key: what is wrong; what to do". */
typedef void config_report_fn(void *ctx, enum config_problem kind, const char *what);

/* Sets one key of c from its text in the config file. Returns 1, or 0
 * after reporting the problem once (c keeps its value). */
int config_apply(struct config *c, const char *section, const char *key, const char *value,
                 config_report_fn *report, void *ctx);

/* The n-th (from 0) key, in the order of the commented default config;
 * false past the end. */
bool config_key_at(size_t n, const char **section, const char **key);

/* The index config_key_at gives this key, or -1. */
int config_key_index(const char *section, const char *key);

/* Whether config files have this [section]. */
bool config_section_is_known(const char *section);

/* "unknown section; did you mean [display]?" or a list of the sections. */
void config_unknown_section(const char *section, char *out, size_t len);

#endif
