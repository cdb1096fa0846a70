/* How many one-letter edits turn one word into another, for "did you
 * mean ...?" suggestions. */
#ifndef QF_EDIT_DISTANCE_H
#define QF_EDIT_DISTANCE_H

/* Levenshtein distance, ignoring ASCII case; words longer than 63 bytes
 * count as far from everything (returns 99). */
int edit_distance(const char *a, const char *b);

/* The most edits under which a word of this length still looks like a
 * typo of another. */
int edit_distance_typo_limit(const char *word);

#endif
