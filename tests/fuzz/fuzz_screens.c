/* Heartbeat status documents, read by `qingfeng-feed screens`: the parser
 * and both tables, at a time before, at and long after the document. */
#include <stdio.h>

#include "core/screens.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    struct screen_row rows[2];
    char err[512];
    if (screens_parse((const char *)data, size, &rows[0], err, sizeof err) != 0)
        return 0;
    rows[1] = rows[0];
    screens_sort(rows, 2);
    const int64_t times[] = {0, rows[0].sent_at, rows[0].sent_at + 86400 * 30, INT64_MAX / 2};
    for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
        if (screens_age(&rows[0], times[i]) < 0)
            abort();
        screens_state_name(screens_state(&rows[0], times[i]), (int)(i & 1));
        screens_print_table(devnull, rows, 2, times[i]);
        screens_print_csv(devnull, rows, 2, times[i]);
    }
    return 0;
}
