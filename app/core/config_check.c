#include "core/config_check.h"

#include "core/config.h"
#include "core/config_read.h"

#include <stdbool.h>
#include <stdio.h>

struct check {
    const char *path;
    config_check_line_fn *emit;
    void *ctx;
    int problems;
};

static void emit_problem(void *ctx, int line, bool warning, const char *what)
{
    struct check *ck = ctx;
    char text[1024];
    ck->problems++;
    if (line)
        snprintf(text, sizeof text, "%s:%d: %s", ck->path, line, what);
    else
        snprintf(text, sizeof text, "%s: %s", ck->path, what);
    ck->emit(ck->ctx, text);
}

int config_check(const char *path, config_check_line_fn *emit, void *ctx)
{
    struct check ck = {.path = path, .emit = emit, .ctx = ctx};
    struct config scratch; /* filled as the kiosk would, then dropped */
    config_defaults(&scratch);
    config_read(&scratch, path, emit_problem, &ck); /* an unreadable file is a problem too */
    return ck.problems;
}

void config_check_summary(const char *path, int problems, char *out, size_t len)
{
    if (!problems)
        snprintf(out, len, "%s: ok", path);
    else
        snprintf(out, len, "%s: %d problem%s", path, problems, problems == 1 ? "" : "s");
}
