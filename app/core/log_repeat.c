#include "core/log_repeat.h"

#include <stdio.h>
#include <string.h>

void log_repeat_init(struct log_repeat *r, uint32_t burst, uint32_t window_s)
{
    memset(r, 0, sizeof *r);
    r->burst = burst;
    r->window_ms = (uint64_t)window_s * 1000u;
}

/* FNV-1a over the level and the text; 0 is kept for free slots. */
static uint64_t line_hash(int level, const char *text)
{
    uint64_t h = 14695981039346656037ull;
    h = (h ^ (uint64_t)(unsigned)level) * 1099511628211ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return h ? h : 1;
}

/* The start of text, cut on a UTF-8 character boundary, "..." when cut. */
static void make_snippet(char *out, size_t len, const char *text)
{
    size_t n = strlen(text);
    if (n < len) {
        memcpy(out, text, n + 1);
        return;
    }
    n = len - 4;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, text, n);
    memcpy(out + n, "...", 4);
}

static void summarize(struct log_repeat *r, struct log_repeat_slot *s, log_repeat_emit_fn emit, void *ctx)
{
    unsigned long long ms = s->last_ms > s->first_ms ? s->last_ms - s->first_ms : 0;
    unsigned long long secs = ms ? (ms + 999) / 1000 : 1;
    const char *times = s->suppressed == 1 ? "time" : "times";
    char line[LOG_REPEAT_SNIPPET + 96];
    if (r->last_printed == s->hash)
        snprintf(line, sizeof line, "log: the line above repeated %u more %s in %llu s", (unsigned)s->suppressed,
                 times, secs);
    else
        snprintf(line, sizeof line, "log: \"%s\" repeated %u more %s in %llu s", s->snippet, (unsigned)s->suppressed,
                 times, secs);
    s->suppressed = 0;
    r->last_printed = 0; /* the summary is now the line above */
    emit(ctx, s->level, line);
}

static struct log_repeat_slot *find_or_take(struct log_repeat *r, uint64_t h, bool *found, log_repeat_emit_fn emit,
                                            void *ctx)
{
    struct log_repeat_slot *oldest = &r->slot[0];
    for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++) {
        struct log_repeat_slot *s = &r->slot[i];
        if (s->hash == h) {
            *found = true;
            return s;
        }
        if (!s->hash || (oldest->hash && s->last_ms < oldest->last_ms))
            oldest = s;
    }
    *found = false;
    if (oldest->hash && oldest->suppressed)
        summarize(r, oldest, emit, ctx); /* its count would be lost with the slot */
    return oldest;
}

bool log_repeat_check(struct log_repeat *r, int level, const char *text, bool limited, uint64_t now_ms,
                      log_repeat_emit_fn emit, void *ctx)
{
    uint64_t h = line_hash(level, text);
    /* Windows that are over: report what they dropped, then forget them. */
    for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++) {
        struct log_repeat_slot *s = &r->slot[i];
        if (!s->hash || (now_ms > s->first_ms ? now_ms - s->first_ms : 0) < r->window_ms)
            continue;
        if (s->suppressed)
            summarize(r, s, emit, ctx);
        s->hash = 0;
    }
    if (limited && r->burst) {
        bool found;
        struct log_repeat_slot *s = find_or_take(r, h, &found, emit, ctx);
        if (found) {
            s->last_ms = now_ms;
            if (++s->count > r->burst) {
                s->suppressed++;
                return false;
            }
        } else {
            memset(s, 0, sizeof *s);
            s->hash = h;
            s->first_ms = s->last_ms = now_ms;
            s->count = 1;
            s->level = level;
            make_snippet(s->snippet, sizeof s->snippet, text);
        }
        /* A different problem is about to be written: say first how often
         * the earlier ones repeated, so the counts stay in order. */
        for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++)
            if (r->slot[i].hash && r->slot[i].hash != h && r->slot[i].suppressed)
                summarize(r, &r->slot[i], emit, ctx);
    }
    r->last_printed = h;
    return true;
}

void log_repeat_flush(struct log_repeat *r, log_repeat_emit_fn emit, void *ctx)
{
    for (size_t i = 0; i < LOG_REPEAT_SLOTS; i++)
        if (r->slot[i].hash && r->slot[i].suppressed)
            summarize(r, &r->slot[i], emit, ctx);
}
