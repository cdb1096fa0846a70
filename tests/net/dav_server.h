/* What the network tests that PUT share: the environment tests/net/run.sh
 * sets, and the WebDAV nginx it starts, which a test may stop and start
 * again on the same port to play a server outage. */
#ifndef QF_TESTS_DAV_SERVER_H
#define QF_TESTS_DAV_SERVER_H

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/durable.h"

#define DAV_TEXT_MAX (1 << 20) /* the largest file read back from the server */

static pid_t own_nginx; /* the WebDAV nginx once this test has started it again */

static inline const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !v[0]) {
        fprintf(stderr, "%s is not set; run the network tests with make net-test\n", name);
        exit(2);
    }
    return v;
}

static inline void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static inline int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline char *dav_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(DAV_TEXT_MAX + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, DAV_TEXT_MAX, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

/* ---- the WebDAV nginx ------------------------------------------------------- */

static inline bool dav_listening(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(env("QF_DAV_PORT")))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(fd >= 0);
    bool up = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return up;
}

static inline void wait_listening(bool want)
{
    int64_t until = mono_ms() + 10000;
    while (dav_listening() != want) {
        if (mono_ms() > until)
            fail_msg("the WebDAV nginx did not %s within 10 s", want ? "start" : "stop");
        sleep_ms(20);
    }
}

static inline void dav_stop(void)
{
    char *pidfile = path_fmt("%s/nginx.pid", env("QF_DAV_DIR"));
    size_t n;
    char *text = dav_read_file(pidfile, &n);
    pid_t pid = own_nginx ? own_nginx : (text ? (pid_t)atol(text) : 0);
    free(text);
    free(pidfile);
    assert_true(pid > 0);
    assert_int_equal(kill(pid, SIGTERM), 0);
    if (own_nginx) {
        waitpid(own_nginx, NULL, 0);
        own_nginx = 0;
    }
    wait_listening(false); /* run.sh's nginx is reaped by run.sh: wait for its port to close */
}

/* Starts the WebDAV nginx again with run.sh's config: the same port. */
static inline void dav_start(void)
{
    const char *dir = env("QF_DAV_DIR");
    char *conf = path_fmt("%s/nginx.conf", dir), *log = path_fmt("%s/nginx-error.log", dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(env("QF_NGINX_BIN"), "nginx", "-e", log, "-p", dir, "-c", conf, (char *)NULL);
        _exit(127);
    }
    own_nginx = pid;
    free(conf);
    free(log);
    wait_listening(true);
}

/* Stops the WebDAV nginx this test started, if any: no server left behind. */
static inline void dav_leave_none(void)
{
    if (own_nginx) {
        kill(own_nginx, SIGTERM);
        waitpid(own_nginx, NULL, 0);
        own_nginx = 0;
    }
}

#endif
