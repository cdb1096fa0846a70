/* sd_notify for the kiosk. WATCHDOG=1 is sent only from the UI loop, so a
 * hung UI thread (not just a dead process) gets the service restarted. */
#include <stdlib.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "core/log.h"
#include "ui/service.h"

/* Three pings per interval: one late wake-up still leaves a margin. */
#define PINGS_PER_INTERVAL 3

void service_start(struct service *s, uint64_t now)
{
    *s = (struct service){.last_ping = now, .start = now};
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        s->ping_ms = usec / 1000 / PINGS_PER_INTERVAL;
        if (s->ping_ms == 0)
            s->ping_ms = 1;
        log_info("service: watchdog every %llu ms, pinged every %llu ms", (unsigned long long)(usec / 1000),
                 (unsigned long long)s->ping_ms);
    }
    const char *freeze = getenv("QINGFENG_TEST_FREEZE_AFTER_MS");
    if (freeze && *freeze) {
        s->freeze_after = strtoull(freeze, NULL, 10);
        log_warn("service: QINGFENG_TEST_FREEZE_AFTER_MS=%llu: the UI loop will hang (test only)",
                 (unsigned long long)s->freeze_after);
    }
}

void service_ready(struct service *s, const char *status)
{
    if (s->ready)
        return;
    s->ready = true;
    sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

/* The watchdog test: the loop stops here for good, as a deadlocked UI
 * thread would; signals are taken but change nothing. */
static void freeze(void)
{
    log_warn("service: test freeze: the UI loop stops feeding the watchdog");
    for (;;)
        pause();
}

void service_tick(struct service *s, uint64_t now)
{
    if (s->freeze_after && now - s->start >= s->freeze_after)
        freeze();
    if (s->ping_ms && now - s->last_ping >= s->ping_ms) {
        sd_notify(0, "WATCHDOG=1");
        s->last_ping = now;
    }
}

uint64_t service_wait_ms(const struct service *s, uint64_t now)
{
    uint64_t wait = UINT64_MAX;
    if (s->ping_ms) {
        uint64_t due = s->last_ping + s->ping_ms;
        wait = due > now ? due - now : 0;
    }
    if (s->freeze_after) {
        uint64_t due = s->start + s->freeze_after;
        uint64_t w = due > now ? due - now : 0;
        if (w < wait)
            wait = w;
    }
    return wait;
}

void service_stopping(const struct service *s)
{
    sd_notify(0, "STOPPING=1");
}
