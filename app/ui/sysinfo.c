/* Machine facts for the maintenance panel, gathered on demand. */
#include "ui/sysinfo.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <stdint.h>
#include <time.h>

#include "core/machine.h"

/* Order of display: IPv4, global IPv6, then link-local IPv6 (usable only
 * with the interface named, so least useful to a maintainer). */
static int rank_of(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return 0;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
    return IN6_IS_ADDR_LINKLOCAL(a) ? 2 : 1;
}

static bool usable(const struct ifaddrs *ifa)
{
    if (!ifa->ifa_addr || (ifa->ifa_flags & IFF_LOOPBACK) || !(ifa->ifa_flags & IFF_UP))
        return false;
    return ifa->ifa_addr->sa_family == AF_INET || ifa->ifa_addr->sa_family == AF_INET6;
}

size_t sysinfo_addresses(char *out, size_t len, size_t max_lines)
{
    if (len)
        out[0] = 0;
    struct ifaddrs *list;
    if (getifaddrs(&list) != 0)
        return 0;
    size_t found = 0, shown = 0, used = 0;
    for (int rank = 0; rank < 3; rank++) {
        for (struct ifaddrs *ifa = list; ifa; ifa = ifa->ifa_next) {
            if (!usable(ifa) || rank_of(ifa->ifa_addr) != rank)
                continue;
            found++;
            if (shown >= max_lines)
                continue;
            char addr[INET6_ADDRSTRLEN] = "";
            const void *src = ifa->ifa_addr->sa_family == AF_INET
                                  ? (const void *)&((const struct sockaddr_in *)(const void *)ifa->ifa_addr)->sin_addr
                                  : (const void *)&((const struct sockaddr_in6 *)(const void *)ifa->ifa_addr)->sin6_addr;
            if (!inet_ntop(ifa->ifa_addr->sa_family, src, addr, sizeof addr))
                continue;
            int n = snprintf(out + used, len - used, "%s%s (%s)", shown ? "\n" : "", addr, ifa->ifa_name);
            if (n < 0 || (size_t)n >= len - used)
                break;
            used += (size_t)n;
            shown++;
        }
    }
    freeifaddrs(list);
    if (found > shown && shown > 0) {
        /* "另有 N 个" (N more) */
        int n = snprintf(out + used, len - used, "\n\xE5\x8F\xA6\xE6\x9C\x89 %zu \xE4\xB8\xAA", found - shown);
        if (n < 0 || (size_t)n >= len - used)
            out[used] = 0;
    }
    return found;
}

void sysinfo_bytes(unsigned long long bytes, char *out, size_t len)
{
    double gb = (double)bytes / (1024.0 * 1024.0 * 1024.0);
    if (gb >= 100)
        snprintf(out, len, "%.0f GB", gb);
    else if (gb >= 1)
        snprintf(out, len, "%.1f GB", gb);
    else if (bytes >= 1024ull * 1024)
        snprintf(out, len, "%llu MB", bytes / (1024ull * 1024));
    else
        snprintf(out, len, "%llu KB", bytes / 1024ull);
}

int sysinfo_disk_free(const char *path, char *out, size_t len)
{
    int64_t bytes = machine_disk_free(path);
    if (len)
        out[0] = 0;
    if (bytes < 0)
        return -1;
    sysinfo_bytes((unsigned long long)bytes, out, len);
    return 0;
}

long sysinfo_uptime(void)
{
    return machine_uptime();
}

void sysinfo_duration(long seconds, char *out, size_t len)
{
    if (seconds < 60) {
        snprintf(out, len, "\xE4\xB8\x8D\xE5\x88\xB0 1 \xE5\x88\x86"); /* 不到 1 分 */
        return;
    }
    long d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60;
    const char *day = "\xE5\xA4\xA9", *hour = "\xE5\xB0\x8F\xE6\x97\xB6", *min = "\xE5\x88\x86"; /* 天 小时 分 */
    if (d > 0)
        snprintf(out, len, "%ld %s %ld %s %ld %s", d, day, h, hour, m, min);
    else if (h > 0)
        snprintf(out, len, "%ld %s %ld %s", h, hour, m, min);
    else
        snprintf(out, len, "%ld %s", m, min);
}
