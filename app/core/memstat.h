/* The process's memory as the benchmark reports it: resident and
 * proportional set from /proc/self/smaps_rollup, and the peak resident set
 * from getrusage. Linux only; figures are -1 when they cannot be read. */
#ifndef QF_MEMSTAT_H
#define QF_MEMSTAT_H

struct memstat {
    long rss_kb;      /* resident now */
    long pss_kb;      /* proportional: shared pages divided among their users */
    long peak_rss_kb; /* the high-water mark of rss_kb */
};

/* Reads the "Rss:" and "Pss:" lines of smaps_rollup text into out
 * (peak_rss_kb is left alone). Returns 0 when both were found, else -1
 * with the missing ones set to -1. */
int memstat_parse_rollup(const char *text, struct memstat *out);

/* All three figures of this process. Returns 0, or -1 when some figure
 * could not be read (it is -1; a kernel before 4.14 has no smaps_rollup). */
int memstat_read_self(struct memstat *out);

/* Full-screen pictures (8 MiB at 1920x1080) come and go all the time. glibc
 * raises its mmap threshold after the first such block is freed, so later
 * ones land in the heap and arenas, where freeing them rarely gives memory
 * back. memstat_fix_allocator fixes the threshold (call once at start,
 * before any thread); memstat_release hands free heap pages back to the
 * system (call at calm moments: a visit ended, new content is up). Both do
 * nothing outside glibc. */
#define MEMSTAT_MMAP_THRESHOLD (256 * 1024)
void memstat_fix_allocator(void);
void memstat_release(void);

#endif
