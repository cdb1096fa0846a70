/* The systemd side of running unattended: readiness, the watchdog and
 * shutdown, through sd_notify. Without NOTIFY_SOCKET every call is a no-op,
 * so development runs and tests behave as before. */
#ifndef QF_UI_SERVICE_H
#define QF_UI_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

struct service {
    uint64_t ping_ms;        /* time between WATCHDOG=1; 0: no watchdog */
    uint64_t last_ping;      /* ms, on the caller's monotonic clock */
    uint64_t start;
    uint64_t freeze_after;   /* test only: block the loop after this; 0: never */
    bool ready;
};

/* Reads the watchdog interval (WATCHDOG_USEC for this pid) and the
 * test-only QINGFENG_TEST_FREEZE_AFTER_MS. now: monotonic ms. */
void service_start(struct service *s, uint64_t now);

/* READY=1 with a STATUS line; sent once, after the first frame is shown. */
void service_ready(struct service *s, const char *status);

/* Called once per pass of the UI loop: pings the watchdog when due. */
void service_tick(struct service *s, uint64_t now);

/* How long the loop may sleep before the next ping is due (UINT64_MAX
 * when there is no watchdog). */
uint64_t service_wait_ms(const struct service *s, uint64_t now);

/* STOPPING=1: the service is going down on purpose. */
void service_stopping(const struct service *s);

#endif
