#include "ui/warn.h"

#include <stdlib.h>
#include <string.h>

#define WARN_MAX 4096 /* beyond this, stay quiet rather than grow forever */

bool warn_once(struct warn_set *w, const char *key)
{
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->keys[i], key))
            return false;
    if (w->n >= WARN_MAX)
        return false;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        char **k = realloc(w->keys, cap * sizeof *k);
        if (!k)
            return true;
        w->keys = k;
        w->cap = cap;
    }
    char *dup = strdup(key);
    if (!dup)
        return true;
    w->keys[w->n++] = dup;
    return true;
}

void warn_set_free(struct warn_set *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->keys[i]);
    free(w->keys);
    memset(w, 0, sizeof *w);
}
