/* Facts about this machine and process for the heartbeat and the admin
 * panel, read from the kernel. Each returns -1 when unknown (the service's
 * sandbox may hide /proc/meminfo, for one). */
#ifndef QF_CORE_MACHINE_H
#define QF_CORE_MACHINE_H

#include <stdint.h>

/* Bytes available to unprivileged users on the file system holding path
 * (or, while path does not exist, its nearest existing parent). */
int64_t machine_disk_free(const char *path);
/* The process's resident memory (/proc/self/statm). */
int64_t machine_rss(void);
/* MemAvailable of /proc/meminfo. */
int64_t machine_mem_available(void);
/* Total RAM (sysinfo(2)). */
int64_t machine_mem_total(void);
/* Seconds since boot (CLOCK_BOOTTIME). */
long machine_uptime(void);

#endif
