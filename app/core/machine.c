#include "core/machine.h"

#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

/* A state folder not made yet (results are stored on first use) is on the
 * file system of its nearest existing parent. */
int64_t machine_disk_free(const char *path)
{
    struct statvfs st;
    char dir[1024];
    if (!path || !path[0] || snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return -1;
    while (statvfs(dir, &st) != 0) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            return -1;
        if (slash == dir) {
            if (!dir[1])
                return -1;
            dir[1] = 0;
        } else {
            *slash = 0;
        }
    }
    return (int64_t)st.f_bavail * (int64_t)st.f_frsize;
}

int64_t machine_rss(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long long size = 0, resident = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%lld %lld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    return resident < 0 || page <= 0 ? -1 : (int64_t)resident * page;
}

int64_t machine_mem_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long long kb = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %lld kB", &kb) == 1)
            break;
    fclose(f);
    return kb < 0 ? -1 : (int64_t)kb * 1024;
}

int64_t machine_mem_total(void)
{
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return -1;
    return (int64_t)si.totalram * (int64_t)si.mem_unit;
}

/* CLOCK_BOOTTIME needs no /proc, which the service's ProcSubset=pid hides. */
long machine_uptime(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0)
        return -1;
    return (long)ts.tv_sec;
}
