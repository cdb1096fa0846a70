/* Helpers shared by the fuzz targets: inputs as NUL-terminated strings, and
 * as a file for the parsers that read a path. */
#ifndef QF_FUZZ_INPUT_H
#define QF_FUZZ_INPUT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A NUL-terminated copy of the input (the caller frees it). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

/* Writes the input to one temporary file per process and returns its
 * path, or NULL. The file is rewritten for each input. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[256];
    static int fd = -1;
    if (fd < 0) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/qingfeng-fuzz-XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
        fd = mkstemps(path, (int)strlen(suffix));
        if (fd < 0)
            return NULL;
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        return NULL;
    return path;
}

#endif
