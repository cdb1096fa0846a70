/* Facts about the machine for the maintenance panel: network addresses,
 * free disk space and uptimes, formatted for display. No SDL. */
#ifndef QF_UI_SYSINFO_H
#define QF_UI_SYSINFO_H

#include <stddef.h>

/* Non-loopback IPv4 then IPv6 addresses, one "address (interface)" per
 * line, at most max_lines lines (a last line "… N more" when cut). Returns
 * the number of addresses found; out is "" when there are none or on error. */
size_t sysinfo_addresses(char *out, size_t len, size_t max_lines);

/* Space available to unprivileged users on the file system holding path,
 * e.g. "12.4 GB" or "850 MB". Returns 0, or -1 with out "". */
int sysinfo_disk_free(const char *path, char *out, size_t len);

/* Seconds since boot from /proc/uptime; -1 when unknown. */
long sysinfo_uptime(void);

/* A duration in Chinese: "3 天 4 小时 12 分", "2 小时 5 分", "8 分" ("不到 1 分" under a minute). */
void sysinfo_duration(long seconds, char *out, size_t len);

/* Bytes for display: "12.4 GB", "850 MB", "512 KB". */
void sysinfo_bytes(unsigned long long bytes, char *out, size_t len);

#endif
