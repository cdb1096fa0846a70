/* The organiser's view of the quiz: every result document the screens
 * uploaded (results/<id>.json under each screen's report_url), gathered
 * from a folder, counted once per id, and summed up as
 *
 * - a CSV table by day and department, for Excel or WPS (UTF-8 with a BOM,
 *   CRLF line ends):
 *     日期,部门,参与人次,平均分,最高分,完成轮数,放弃轮数
 *   日期 is the local date the round finished; anonymous rounds are under
 *   未选择部门 (last on each day); 参与人次 counts every round, 完成轮数
 *   and 放弃轮数 split them; 平均分 (one decimal) and 最高分 are over the
 *   finished rounds only, empty when there are none;
 * - an organisation-wide leaderboard JSON that a feed can carry (format in
 *   docs/quiz-results.md): for each week (Monday first, local time) the
 *   ten best finished rounds and the department averages, and the
 *   department averages of all time.
 *
 * Times follow TZ like the kiosk's boards. */
#ifndef QF_REPORT_AGG_H
#define QF_REPORT_AGG_H

#include <stddef.h>
#include <stdint.h>

#define REPORT_TOP_ROUNDS 10
#define REPORT_FILE_MAX_BYTES (256u * 1024u) /* a result document is a few KiB */
#define REPORT_ANONYMOUS "未选择部门"

struct report_agg;

struct report_agg *report_agg_new(void);
void report_agg_free(struct report_agg *a);

/* Adds one result document (result_from_json's rules). Returns 1 when it
 * was added, 0 when a document with its id was added before (the first is
 * kept), -1 with the reason in err when it is refused or memory ran out. */
int report_agg_add(struct report_agg *a, const char *json, size_t len, char *err, size_t errlen);

/* Called for each file that is refused: its path and why. */
typedef void (*report_bad_fn)(void *ctx, const char *path, const char *reason);

/* Adds every "*.json" file in each folder named "results" anywhere under
 * `dir`, in name order, without following symbolic links. A file that
 * cannot be read or is refused goes to `bad` and the rest go on.
 * Returns the number of files looked at, or -1 with a message naming the
 * folder in err when `dir` itself cannot be read. */
long report_agg_add_dir(struct report_agg *a, const char *dir, report_bad_fn bad, void *ctx, char *err,
                        size_t errlen);

/* Documents kept, and documents left out as repeats of an id. */
size_t report_agg_count(const struct report_agg *a);
size_t report_agg_duplicates(const struct report_agg *a);

/* The CSV table (a new string of *len bytes), its data rows in *rows;
 * NULL when out of memory. */
char *report_agg_csv(const struct report_agg *a, size_t *len, size_t *rows);

/* The leaderboard document (a new string), stamped with `now` (unix
 * seconds); its number of weeks in *weeks. NULL when out of memory. */
char *report_agg_leaderboard(const struct report_agg *a, int64_t now, size_t *weeks);

#endif
