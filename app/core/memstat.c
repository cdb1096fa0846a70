#include "core/memstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long memstat_field_kb(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        if (strncmp(line, key, klen) || line[klen] != ':')
            continue;
        char *end;
        long v = strtol(line + klen + 1, &end, 10);
        if (end == line + klen + 1 || v < 0)
            return -1;
        return v;
    }
    return -1;
}

/* The first bytes of a /proc file (both are well under 4 KiB). */
static int slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
    return 0;
}

int memstat_read(struct memstat *out)
{
    char buf[8192];
    out->rss_kb = out->hwm_kb = out->pss_kb = -1;
    if (slurp("/proc/self/status", buf, sizeof buf) != 0)
        return -1;
    out->rss_kb = memstat_field_kb(buf, "VmRSS");
    out->hwm_kb = memstat_field_kb(buf, "VmHWM");
    if (slurp("/proc/self/smaps_rollup", buf, sizeof buf) == 0)
        out->pss_kb = memstat_field_kb(buf, "Pss");
    return out->rss_kb < 0 ? -1 : 0;
}
