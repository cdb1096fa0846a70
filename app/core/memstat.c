#include "core/memstat.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* The kB figure of the line starting with key ("Rss:"), or -1. Keys are
 * matched at the start of a line only: "Pss_Anon:" is not "Pss:". */
static long field_kb(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        if (strncmp(line, key, klen) != 0)
            continue;
        long kb;
        char unit[4];
        if (sscanf(line + klen, "%ld %3s", &kb, unit) == 2 && !strcmp(unit, "kB") && kb >= 0)
            return kb;
        return -1;
    }
    return -1;
}

int memstat_parse_rollup(const char *text, struct memstat *out)
{
    out->rss_kb = text ? field_kb(text, "Rss:") : -1;
    out->pss_kb = text ? field_kb(text, "Pss:") : -1;
    return out->rss_kb >= 0 && out->pss_kb >= 0 ? 0 : -1;
}

int memstat_read_self(struct memstat *out)
{
    char text[4096];
    size_t n = 0;
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    if (f) {
        n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
    }
    text[n] = 0;
    int rc = memstat_parse_rollup(f ? text : NULL, out);
    struct rusage ru;
    out->peak_rss_kb = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
    /* The kernel's resident counters behind ru_maxrss are updated in
     * batches and may trail smaps by a few pages: the peak is at least now. */
    if (out->peak_rss_kb >= 0 && out->rss_kb > out->peak_rss_kb)
        out->peak_rss_kb = out->rss_kb;
    return rc == 0 && out->peak_rss_kb >= 0 ? 0 : -1;
}

void memstat_fix_allocator(void)
{
#ifdef __GLIBC__
    /* Setting it also turns the dynamic adjustment off. */
    mallopt(M_MMAP_THRESHOLD, MEMSTAT_MMAP_THRESHOLD);
#endif
}

void memstat_release(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
