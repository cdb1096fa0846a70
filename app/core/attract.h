/* The attract loop's timeline: which item is on screen at a given time and
 * how far a transition has progressed. Pure: time comes in as milliseconds
 * on any monotonic clock, so tests can run a day of rotation in a loop. */
#ifndef QF_ATTRACT_H
#define QF_ATTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/feed.h"

enum transition_kind { TRANSITION_FADE, TRANSITION_SLIDE };

struct attract_config {
    uint32_t dwell_ms;      /* time a slide stays fully visible */
    uint32_t transition_ms; /* length of the transition to the next slide */
    /* Transitions alternate fade/slide when mixed, else use `transition`. */
    bool mixed;
    enum transition_kind transition;
};

struct attract {
    struct attract_config cfg;
    size_t *order;          /* playlist: indices into feed items */
    size_t n_order;
    size_t pos;             /* index into order of the slide on screen */
    size_t next_pos;        /* index into order of the slide arriving, during a transition */
    int direction;          /* +1 forward, -1 backward, during a transition */
    uint64_t slide_start;   /* when the current slide became fully visible */
    bool in_transition;
    uint64_t transition_start;
    size_t transitions_done;
};

/* What the renderer must draw at a moment. */
struct attract_frame {
    size_t item;            /* feed item index on screen (or leaving) */
    bool transitioning;
    size_t next_item;       /* item arriving, valid when transitioning */
    float progress;         /* 0..1 eased progress of the transition */
    int direction;          /* +1: next slide comes from the right; -1: from the left */
    enum transition_kind kind;
};

/* Builds the playlist: kinds interleaved so no two maxims or two cases run
 * back to back when avoidable; items with weight w appear w times per cycle.
 * Returns 0, or -1 when the feed has no items or memory runs out. */
int attract_init(struct attract *a, const struct feed *feed, const struct attract_config *cfg, uint64_t now);

/* The same over the items with shown[i] true (all when shown is NULL;
 * see core/schedule.h). Pinned items (置顶) open every cycle, in feed
 * order, once each; the rest of their weight is mixed in with the others.
 * Returns -1 also when no item is shown. */
int attract_init_shown(struct attract *a, const struct feed *feed, const bool *shown, const struct attract_config *cfg,
                       uint64_t now);
void attract_free(struct attract *a);

/* Advances the timeline to now. Returns true when the item on screen changed
 * (a new slide became fully visible). */
bool attract_update(struct attract *a, uint64_t now);

/* The frame to draw at now (call after attract_update). */
struct attract_frame attract_frame_at(const struct attract *a, uint64_t now);

/* The next time at which the picture changes; the loop may sleep until then.
 * During a transition this is `now` (animate every frame). */
uint64_t attract_next_deadline(const struct attract *a, uint64_t now);

/* Starts the transition to the next (+1) or previous (-1) slide at once. */
void attract_skip(struct attract *a, int direction, uint64_t now);

/* Puts feed item `item` fully on screen at once: jumps to the first playlist
 * position holding it, cancels any running transition (no animation) and
 * starts its dwell at now. Returns 0, or -1 when the item is not in the
 * playlist (the timeline is left as it was). */
int attract_show_item(struct attract *a, size_t item, uint64_t now);

/* Item index currently fully on screen. */
size_t attract_current_item(const struct attract *a);

/* Position of the current slide in the playlist (0..n_order-1), for progress dots. */
size_t attract_position(const struct attract *a);

#endif
