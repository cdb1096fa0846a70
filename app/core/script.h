/* The scripted-input language used by tests, docs and previews.
 * One command per line; '#' starts a comment; coordinates are fractions of
 * the screen (0..1):
 *   tap X Y            touch down and up at (X, Y)
 *   press TARGET [N]   tap the middle of a touch target of the screen shown
 *                      (back, home, large, module, item, step, option, ...;
 *                      N picks among targets of that kind, e.g. item 2)
 *   swipe left|right|up|down
 *   drag X1 Y1 X2 Y2 MS  press at 1, move to 2 over MS milliseconds, release
 *   wait MS            advance the virtual clock by MS milliseconds
 *   shot NAME          save a screenshot NAME.png (NAME: [A-Za-z0-9_-]+)
 *   show ID            put the feed item with id ID fully on screen at once
 *   key NAME           press a key (escape, left, right, space, ...)
 *   sync               wait (in real time, up to a minute) until the sync
 *                      worker has a new content version, and offer it to
 *                      the screen, which takes it at its next calm moment
 *   uploads            wait (in real time, up to a minute) until every
 *                      quiz result is saved and uploaded to report_url
 *   heartbeat          send a heartbeat now and wait (in real time, up to
 *                      a minute) until it has been delivered
 *   frame              wait for the worker, then draw and present the frame
 *                      at the current virtual time (a shot without a file)
 *   swap DIR           hand the feed in folder DIR to the screen, which
 *                      takes it at its next calm moment (as a synced one)
 *   memory             log the process's resident memory (VmRSS, VmHWM, Pss)
 *   repeat N ... end   run the commands between N times (nestable)
 *   quit               stop the app */
#ifndef QF_SCRIPT_H
#define QF_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

/* Longest shot name, key name or item id, plus the terminating NUL: room
 * for "story-" and an id of the feed builder's longest (100 bytes). */
#define SCRIPT_NAME_MAX 128
/* Deepest nesting of repeat blocks, and the largest count of one. */
#define SCRIPT_REPEAT_DEPTH 8
#define SCRIPT_REPEAT_MAX 10000000ul

enum script_op { SCRIPT_TAP, SCRIPT_SWIPE, SCRIPT_DRAG, SCRIPT_WAIT, SCRIPT_SHOT, SCRIPT_KEY, SCRIPT_QUIT, SCRIPT_SHOW,
                 SCRIPT_PRESS, SCRIPT_SYNC, SCRIPT_UPLOADS, SCRIPT_HEARTBEAT, SCRIPT_PANEL_SHOT,
                 SCRIPT_FRAME, SCRIPT_SWAP, SCRIPT_MEMORY, SCRIPT_REPEAT, SCRIPT_END };
enum script_dir { SCRIPT_LEFT, SCRIPT_RIGHT, SCRIPT_UP, SCRIPT_DOWN };

struct script_cmd {
    enum script_op op;
    int line;               /* 1-based source line */
    double x1, y1, x2, y2;  /* fractions of the screen */
    uint32_t ms;
    enum script_dir dir;
    char name[SCRIPT_NAME_MAX]; /* shot or key name, the item id of show, the target of press */
    int arg;                /* press: the target's number */
    int has_arg;
    unsigned long count;    /* repeat: how many times */
    size_t jump;            /* repeat: index of its end; end: index of its repeat */
};

struct script {
    struct script_cmd *cmds;
    size_t n_cmds;
};

/* Parses text. Returns 0, or -1 with "<name>:<line>: <what is wrong>" in err. */
int script_parse(const char *text, const char *name, struct script *out, char *err, size_t errlen);
void script_free(struct script *s);

#endif
