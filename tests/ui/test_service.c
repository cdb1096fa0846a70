/* Tests for the sd_notify side of the kiosk: the watchdog interval read from
 * WATCHDOG_USEC for this pid only, pings exactly when due on the caller's
 * clock, how long the loop may sleep, READY once with its STATUS, STOPPING,
 * and silence without NOTIFY_SOCKET. A real datagram socket stands in for
 * systemd; time is passed in, nothing waits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui/service.h"

static int sock = -1;
static char sock_path[108];

static void set_pid_env(pid_t pid)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", (long)pid);
    setenv("WATCHDOG_PID", buf, 1);
}

static int setup(void **state)
{
    snprintf(sock_path, sizeof sock_path, "/tmp/qf-test-notify-%ld.sock", (long)getpid());
    unlink(sock_path);
    sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    strcpy(sa.sun_path, sock_path);
    if (sock < 0 || bind(sock, (struct sockaddr *)&sa, sizeof sa) != 0)
        return -1;
    setenv("NOTIFY_SOCKET", sock_path, 1);
    setenv("WATCHDOG_USEC", "3000000", 1);
    set_pid_env(getpid());
    unsetenv("QINGFENG_TEST_FREEZE_AFTER_MS");
    return 0;
}

static int teardown(void **state)
{
    close(sock);
    unlink(sock_path);
    return 0;
}

/* The next datagram, or "" when none is waiting. */
static const char *next_msg(void)
{
    static char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static void test_pings_when_due(void **state)
{
    struct service s;
    service_start(&s, 1000);
    assert_int_equal(s.ping_ms, 1000); /* three pings per 3 s interval */
    assert_int_equal(service_wait_ms(&s, 1000), 1000);
    assert_int_equal(service_wait_ms(&s, 1700), 300);
    service_tick(&s, 1999);
    assert_string_equal(next_msg(), "");
    service_tick(&s, 2000);
    assert_string_equal(next_msg(), "WATCHDOG=1");
    assert_string_equal(next_msg(), "");
    assert_int_equal(service_wait_ms(&s, 2000), 1000);
    /* A late wake-up pings at once, and the next is due a full period on. */
    service_tick(&s, 3500);
    assert_string_equal(next_msg(), "WATCHDOG=1");
    assert_int_equal(service_wait_ms(&s, 3500), 1000);
    assert_int_equal(service_wait_ms(&s, 9000), 0);
}

static void test_ready_once_and_stopping(void **state)
{
    struct service s;
    service_start(&s, 0);
    service_ready(&s, "showing the attract loop");
    assert_string_equal(next_msg(), "READY=1\nSTATUS=showing the attract loop");
    service_ready(&s, "again");
    assert_string_equal(next_msg(), "");
    service_stopping(&s);
    assert_string_equal(next_msg(), "STOPPING=1");
}

/* WATCHDOG_USEC meant for another process (a parent shell) is not ours. */
static void test_watchdog_of_another_pid(void **state)
{
    set_pid_env(getpid() + 1);
    struct service s;
    service_start(&s, 0);
    assert_int_equal(s.ping_ms, 0);
    assert_true(service_wait_ms(&s, 0) == UINT64_MAX);
    service_tick(&s, 100000);
    assert_string_equal(next_msg(), "");
    set_pid_env(getpid());
}

static void test_no_notify_socket(void **state)
{
    unsetenv("NOTIFY_SOCKET");
    struct service s;
    service_start(&s, 0);
    service_tick(&s, 5000);
    service_ready(&s, "x");
    service_stopping(&s);
    assert_string_equal(next_msg(), "");
    setenv("NOTIFY_SOCKET", sock_path, 1);
}

/* The test hook: the loop is woken in time to hang when asked. */
static void test_freeze_deadline(void **state)
{
    unsetenv("WATCHDOG_USEC");
    setenv("QINGFENG_TEST_FREEZE_AFTER_MS", "2500", 1);
    struct service s;
    service_start(&s, 100);
    assert_int_equal(s.freeze_after, 2500);
    assert_int_equal(service_wait_ms(&s, 600), 2000);
    unsetenv("QINGFENG_TEST_FREEZE_AFTER_MS");
    setenv("WATCHDOG_USEC", "3000000", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pings_when_due),
        cmocka_unit_test(test_ready_once_and_stopping),
        cmocka_unit_test(test_watchdog_of_another_pid),
        cmocka_unit_test(test_no_notify_socket),
        cmocka_unit_test(test_freeze_deadline),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
