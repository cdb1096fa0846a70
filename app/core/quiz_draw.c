#include "core/quiz_draw.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

uint64_t quiz_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

size_t quiz_rand_below(uint64_t *state, size_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = quiz_rand(state);
    while (x >= limit);
    return (size_t)(x % n);
}

/* Places per level: largest remainder of want * share, then places a level
 * cannot fill move to the levels that still have questions. */
static void level_quotas(const int shares[3], int want, const int have[3], int quota[3])
{
    int sum = shares[0] + shares[1] + shares[2];
    int given = 0;
    long rem[3];
    for (int l = 0; l < 3; l++) {
        long x = sum > 0 ? (long)want * shares[l] : (long)want;
        int div = sum > 0 ? sum : 3;
        quota[l] = (int)(x / div);
        rem[l] = x % div;
        given += quota[l];
    }
    while (given < want) {
        int best = 0;
        for (int l = 1; l < 3; l++)
            if (rem[l] > rem[best])
                best = l;
        quota[best]++;
        rem[best] = -1;
        given++;
        if (rem[0] < 0 && rem[1] < 0 && rem[2] < 0)
            rem[0] = rem[1] = rem[2] = 0;
    }
    int spare = 0;
    for (int l = 0; l < 3; l++)
        if (quota[l] > have[l]) {
            spare += quota[l] - have[l];
            quota[l] = have[l];
        }
    for (int l = 0; spare > 0 && l < 3; l++) {
        int room = have[l] - quota[l];
        int take = room < spare ? room : spare;
        quota[l] += take;
        spare -= take;
    }
}

/* Index of a category name in cats[], adding it when new. */
static size_t category_of(const char **cats, size_t *n_cats, const char *name)
{
    for (size_t i = 0; i < *n_cats; i++)
        if (!strcmp(cats[i], name))
            return i;
    cats[*n_cats] = name;
    return (*n_cats)++;
}

int quiz_draw(const struct qbank *bank, const int shares[3], int want, uint64_t *seed, size_t *pick)
{
    size_t n = bank->n;
    if (want <= 0 || n == 0)
        return 0;
    const char **cats = malloc(n * sizeof *cats);
    size_t *cat = malloc(n * sizeof *cat);
    size_t *pool = malloc(n * sizeof *pool);
    bool *taken = calloc(n, sizeof *taken);
    size_t *cat_picks = calloc(n, sizeof *cat_picks);
    size_t *cat_order = malloc(n * sizeof *cat_order);
    int got = 0;
    if (!cats || !cat || !pool || !taken || !cat_picks || !cat_order)
        goto out;

    size_t n_cats = 0;
    int have[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        cat[i] = category_of(cats, &n_cats, bank->q[i].category ? bank->q[i].category : "");
        have[bank->q[i].level]++;
    }
    int quota[3];
    level_quotas(shares, want, have, quota);

    /* Categories are visited in a random order so ties do not favour the
     * first file of the bank. */
    for (size_t i = 0; i < n_cats; i++)
        cat_order[i] = i;
    for (size_t i = n_cats; i > 1; i--) {
        size_t j = quiz_rand_below(seed, i), t = cat_order[i - 1];
        cat_order[i - 1] = cat_order[j];
        cat_order[j] = t;
    }

    for (int l = 0; l < 3; l++) {
        for (int k = 0; k < quota[l]; k++) {
            /* The least-picked category that still has a question of this level. */
            size_t best_cat = n_cats;
            for (size_t ci = 0; ci < n_cats; ci++) {
                size_t c = cat_order[ci];
                if (best_cat != n_cats && cat_picks[c] >= cat_picks[best_cat])
                    continue;
                for (size_t i = 0; i < n; i++)
                    if (!taken[i] && cat[i] == c && (int)bank->q[i].level == l) {
                        best_cat = c;
                        break;
                    }
            }
            if (best_cat == n_cats)
                break;
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                if (!taken[i] && cat[i] == best_cat && (int)bank->q[i].level == l)
                    pool[m++] = i;
            size_t chosen = pool[quiz_rand_below(seed, m)];
            taken[chosen] = true;
            cat_picks[best_cat]++;
            pick[got++] = chosen;
        }
    }
    /* Play order: shuffled, so difficulty and category mix. */
    for (int i = got; i > 1; i--) {
        size_t j = quiz_rand_below(seed, (size_t)i), t = pick[i - 1];
        pick[i - 1] = pick[j];
        pick[j] = t;
    }
out:
    free(cats);
    free(cat);
    free(pool);
    free(taken);
    free(cat_picks);
    free(cat_order);
    return got;
}
