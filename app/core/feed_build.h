/* Builds a feed directory (feed.json + copied images) from a content source
 * directory that editors maintain (see docs/content-format.md):
 *
 *   content/feed.ini         optional [feed] title, home_page_url, language, description
 *   content/maxims/NAME.md   廉语, kind maxim
 *   content/cases/NAME.md    警示教育案例, kind case
 *   content/stories/NAME.md  身边典型, kind story
 *   content/images/...       pictures referenced by items
 *   content/quiz/.../X.csv   question banks of the quiz rounds (docs/quiz.md),
 *                            published as quiz/bank.json (feed_build_quiz.h)
 *
 * Every problem in the whole tree is collected, each as one line
 *   "<file>:<line>: field \"<key>\": <what is wrong>; <what to do>"
 * (or "<file>:<line>: <what is wrong>; <what to do>" when no field is
 * involved). If there is any, nothing is written. */
#ifndef QF_FEED_BUILD_H
#define QF_FEED_BUILD_H

#include <stddef.h>

#include "core/frontmatter.h"

/* Largest Markdown source file accepted, in bytes. */
#define FEED_SOURCE_MAX_BYTES (4u * 1024u * 1024u)

struct feed_build_stats {
    size_t n_items, n_maxims, n_cases, n_stories;
    size_t n_assets;     /* the quiz bank counts as one */
    size_t n_questions;  /* in the quiz bank; 0 when there is none */
};

/* Reads the content tree at `src` and produces the feed.json text in a new
 * NUL-terminated string (*json, length *len), checked by feed_parse. Writes
 * nothing. Returns 0, or -1 after adding every problem to `errs`.
 * `stats` may be NULL. */
int feed_build_json(const char *src, char **json, size_t *len, struct feed_build_stats *stats, struct diag *errs);

/* Builds the feed from `src` into the directory `out` (created if needed):
 * copies every referenced image to out/<same relative path>, writes the
 * quiz bank (if any) to out/quiz/bank.json, writes
 * out/feed.json through a temporary file and rename(2), then loads the
 * result back with feed_load_dir to check sizes and SHA-256.
 * Returns 0, or -1 with messages in `errs`; on a content error nothing is
 * written. The same input gives a byte-identical feed.json. */
int feed_build(const char *src, const char *out, struct feed_build_stats *stats, struct diag *errs);

#endif
