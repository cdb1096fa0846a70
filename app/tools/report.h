/* qingfeng-feed report DIR [-o OUT.csv] [--leaderboard FILE.json]
 *                           [--stats-csv ITEMS.csv] [--usage-csv DAILY.csv]
 *                           [--feed FEED_DIR|feed.json]
 *
 * Sums up the quiz results every screen uploaded under DIR (each
 * results/<id>.json, wherever it lies below DIR; core/report_agg.h): the CSV
 * table by day and department goes to OUT.csv, or to stdout without -o;
 * --leaderboard also writes the organisation-wide leaderboard document.
 * --stats-csv and --usage-csv write the proof-of-play and usage tables
 * (core/usage_report.h) from every stats/<screen>/<hour>.json under DIR;
 * --feed names a feed whose item titles fill their 标题 column. With only
 * those, the results CSV is not printed.
 * Files are written through a temporary file and rename(2). A bad file is
 * one line naming it on stderr and is left out; the rest still count. */
#ifndef QF_TOOLS_REPORT_H
#define QF_TOOLS_REPORT_H

#include "core/msg.h"

/* argv holds the arguments after "report". Returns 0, 1 when some file was
 * skipped or an output could not be written, 2 on wrong usage. */
int report_main(enum msg_lang lang, int argc, char **argv);

#endif
