/* qingfeng-feed screens DIR [--csv OUT.csv]
 *
 * The administrator's view of every screen (core/screens.h): reads the
 * status documents the heartbeats left under DIR, the web server's folder
 * for report_url: every screens/<id>/status.json below DIR (screens may
 * share a report_url or each have their own), or DIR being a screens
 * folder itself. It prints one line per screen: last seen, alive / late /
 * silent, app and content version, last sync, errors, free disk. --csv
 * also writes the table as CSV (through a temporary file and rename(2)). */
#ifndef QF_TOOLS_SCREENS_H
#define QF_TOOLS_SCREENS_H

#include <stdbool.h>

/* argv holds the arguments after "screens". Returns 0 when every screen
 * is alive or late, 1 when one is silent, a status file is unreadable, no
 * screen was found or the CSV cannot be written, 2 on wrong usage. */
int screens_main(int argc, char **argv, bool zh);

#endif
