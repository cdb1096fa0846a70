/* kiosk.conf: the INI reader as the kiosk loads it, and the checker that
 * lists every problem (--check-config). */
#include "core/config.h"
#include "core/config_check.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore_line(void *ctx, const char *line)
{
    (void)ctx;
    (void)line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".conf");
    if (!path)
        return 0;
    struct config c;
    config_defaults(&c);
    char err[1024];
    int loaded = config_load(&c, path, err, sizeof err);
    int problems = config_check(path, ignore_line, NULL);
    /* The checker finds a problem whenever the loader refuses the file. */
    if (loaded != 0 && problems == 0)
        abort();
    return 0;
}
