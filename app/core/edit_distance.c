#include "core/edit_distance.h"

#include <ctype.h>
#include <string.h>

enum { MAX_WORD = 63, FAR = 99 };

int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_WORD || lb > MAX_WORD)
        return FAR;
    /* One row of the classic table is enough. */
    int row[MAX_WORD + 1];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            int best = diag + !same;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

int edit_distance_typo_limit(const char *word)
{
    size_t n = strlen(word);
    return n < 4 ? 1 : n < 10 ? 2 : 3;
}
