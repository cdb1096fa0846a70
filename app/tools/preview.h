/* qingfeng-feed preview DIR --shots OUT [--sizes WxH,...]
 *
 * Renders every item of the built feed in DIR with the kiosk itself (the
 * program "qingfeng" next to the feed tool, run headless once per size with
 * a `show ID` + `shot KIND-ID` script and a fixed clock) and writes
 *   OUT/<W>x<H>/<kind>-<id>.png   one screenshot per item and size
 *   OUT/kiosk-<W>x<H>.log         what the kiosk logged
 *   OUT/index.html                a contact sheet in Chinese with the layout,
 *                                 missing-glyph, image and error lines of the
 *                                 log next to the item they name
 * The tool only starts the kiosk: it does not link SDL. */
#ifndef QF_TOOLS_PREVIEW_H
#define QF_TOOLS_PREVIEW_H

#include <stdbool.h>

/* argv holds the arguments after "preview"; zh selects Chinese messages.
 * Returns 0 when every item rendered without a warning, 1 when there were
 * warnings or errors (everything that could be written still is), 2 on
 * wrong usage. Prints a one-line summary and the path of index.html. */
int preview_main(int argc, char **argv, bool zh);

#endif
