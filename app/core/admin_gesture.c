#include "core/admin_gesture.h"

#include <string.h>

static const char *const corner_names[] = {"top-left", "top-right", "bottom-left", "bottom-right"};

void admin_gesture_init(struct admin_gesture *g, enum admin_corner corner, float size_px, int taps,
                        uint32_t window_ms)
{
    *g = (struct admin_gesture){.corner = corner, .size_px = size_px, .window_ms = window_ms};
    g->taps = taps < 1 ? 1 : taps > ADMIN_GESTURE_MAX_TAPS ? ADMIN_GESTURE_MAX_TAPS : taps;
}

void admin_gesture_reset(struct admin_gesture *g) { g->n = 0; }

static bool in_corner(const struct admin_gesture *g, float x, float y, int w, int h)
{
    bool left = g->corner == ADMIN_CORNER_TOP_LEFT || g->corner == ADMIN_CORNER_BOTTOM_LEFT;
    bool top = g->corner == ADMIN_CORNER_TOP_LEFT || g->corner == ADMIN_CORNER_TOP_RIGHT;
    bool in_x = left ? x >= 0 && x < g->size_px : x >= (float)w - g->size_px && x < (float)w;
    bool in_y = top ? y >= 0 && y < g->size_px : y >= (float)h - g->size_px && y < (float)h;
    return in_x && in_y;
}

bool admin_gesture_tap(struct admin_gesture *g, float x, float y, uint64_t t, int w, int h)
{
    if (!in_corner(g, x, y, w, h)) {
        g->n = 0;
        return false;
    }
    if (g->n && t < g->times[g->n - 1]) /* a clock gone backwards: start over */
        g->n = 0;
    /* A sliding window: drop the taps too old to count with this one. */
    int keep = 0;
    while (keep < g->n && t - g->times[keep] > g->window_ms)
        keep++;
    memmove(g->times, g->times + keep, (size_t)(g->n - keep) * sizeof g->times[0]);
    g->n -= keep;
    g->times[g->n++] = t; /* n < taps <= ADMIN_GESTURE_MAX_TAPS before this */
    if (g->n < g->taps)
        return false;
    g->n = 0;
    return true;
}

int admin_corner_parse(const char *s, enum admin_corner *out)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, corner_names[i])) {
            *out = (enum admin_corner)i;
            return 0;
        }
    return -1;
}

const char *admin_corner_name(enum admin_corner c)
{
    return (unsigned)c < 4 ? corner_names[c] : "?";
}
