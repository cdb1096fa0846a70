/* The administrator's view of proof of play and usage: every hourly
 * document the screens uploaded (stats/<screen_id>/<YYYY-MM-DDTHH>.json
 * under each screen's report_url; core/playstats_doc.h), gathered from a
 * folder, one per screen and hour, and summed up per local day (the
 * screen's own hour keys, so the tool's time zone does not matter) as two
 * CSV tables for Excel or WPS (UTF-8 with a BOM, CRLF line ends):
 *
 * - by day, screen and item:
 *     日期,屏幕,内容编号,标题,展示次数,展示时长(秒),打开次数,阅读时长(秒),学后测完成
 *   a module's own screen (the list of 警示教育, 知识挑战赛) is a row whose
 *   内容编号 is @case, @quiz, ... and whose 标题 names the module;
 * - by day and screen:
 *     日期,屏幕,访问人次,学习人次,参与人次,知识挑战赛完成,知识挑战赛放弃,学后测完成,点击次数,阅读时长(秒)
 *   访问人次: visits (first touch to the idle time-out; not the admin's);
 *   学习人次: visits that opened at least one item or module;
 *   参与人次: 知识挑战赛 rounds (finished or abandoned, as in the results
 *   CSV) plus 学后测 answered to the last question.
 * Durations in seconds with one decimal. */
#ifndef QF_USAGE_REPORT_H
#define QF_USAGE_REPORT_H

#include <stddef.h>

#include "core/feed.h"
#include "core/report_agg.h"

struct usage_report;

struct usage_report *usage_report_new(void);
void usage_report_free(struct usage_report *u);

/* Adds one hourly document. Returns 1 when added, 0 when the same screen
 * and hour was added before (the first is kept), -1 with the reason in err. */
int usage_report_add(struct usage_report *u, const char *json, size_t len, char *err, size_t errlen);

/* Adds every "*.json" file in each folder whose parent is named "stats",
 * anywhere under `dir`, in name order, without following symbolic links;
 * refused files go to `bad`. Returns the number of files looked at, or -1
 * with a message naming the folder in err when `dir` cannot be read. */
long usage_report_add_dir(struct usage_report *u, const char *dir, report_bad_fn bad, void *ctx, char *err,
                          size_t errlen);

size_t usage_report_count(const struct usage_report *u);      /* documents kept */
size_t usage_report_duplicates(const struct usage_report *u);
size_t usage_report_screens(const struct usage_report *u);

/* The tables (new strings of *len bytes, data rows in *rows; NULL when out
 * of memory). `feed` (may be NULL) gives the items' titles. */
char *usage_report_items_csv(const struct usage_report *u, const struct feed *feed, size_t *len, size_t *rows);
char *usage_report_daily_csv(const struct usage_report *u, size_t *len, size_t *rows);

#endif
