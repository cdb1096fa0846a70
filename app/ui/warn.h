/* Remembers which warnings were already logged, so a bad item or file is
 * reported once, not on every rotation. Owned by one thread. */
#ifndef QF_UI_WARN_H
#define QF_UI_WARN_H

#include <stdbool.h>
#include <stddef.h>

struct warn_set {
    char **keys;
    size_t n, cap;
};

/* True the first time key is seen (the caller then logs); false after. */
bool warn_once(struct warn_set *w, const char *key);
void warn_set_free(struct warn_set *w);

#endif
