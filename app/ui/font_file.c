#include "ui/font_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct font_file {
    int fd;
    Sint64 pos, size;
};

static struct font_file *of(SDL_RWops *rw) { return rw->hidden.unknown.data1; }

static Sint64 ff_size(SDL_RWops *rw) { return of(rw)->size; }

static Sint64 ff_seek(SDL_RWops *rw, Sint64 offset, int whence)
{
    struct font_file *f = of(rw);
    Sint64 base = whence == RW_SEEK_SET ? 0 : whence == RW_SEEK_CUR ? f->pos : f->size;
    if ((whence != RW_SEEK_SET && whence != RW_SEEK_CUR && whence != RW_SEEK_END) || base + offset < 0)
        return SDL_SetError("font file: bad seek");
    f->pos = base + offset;
    return f->pos;
}

static size_t ff_read(SDL_RWops *rw, void *ptr, size_t size, size_t maxnum)
{
    struct font_file *f = of(rw);
    if (size == 0 || maxnum == 0)
        return 0;
    size_t want = size * maxnum, got = 0;
    if (want / size != maxnum)
        return 0;
    while (got < want) {
        ssize_t n = pread(f->fd, (char *)ptr + got, want - got, (off_t)(f->pos + (Sint64)got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                SDL_SetError("font file: %s", strerror(errno));
            break;
        }
        got += (size_t)n;
    }
    f->pos += (Sint64)got;
    return got / size;
}

static size_t ff_write(SDL_RWops *rw, const void *ptr, size_t size, size_t num)
{
    (void)rw, (void)ptr, (void)size, (void)num;
    SDL_SetError("font file: read-only");
    return 0;
}

static int ff_close(SDL_RWops *rw)
{
    if (rw) {
        struct font_file *f = of(rw);
        if (f) {
            close(f->fd);
            free(f);
        }
        SDL_FreeRW(rw);
    }
    return 0;
}

SDL_RWops *font_file_open(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        SDL_SetError("%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    struct font_file *f = malloc(sizeof *f);
    SDL_RWops *rw = f ? SDL_AllocRW() : NULL;
    if (!rw || fstat(fd, &st) != 0) {
        SDL_SetError("%s: %s", path, rw ? strerror(errno) : "out of memory");
        if (rw)
            SDL_FreeRW(rw);
        free(f);
        close(fd);
        return NULL;
    }
    *f = (struct font_file){.fd = fd, .pos = 0, .size = (Sint64)st.st_size};
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->size = ff_size;
    rw->seek = ff_seek;
    rw->read = ff_read;
    rw->write = ff_write;
    rw->close = ff_close;
    rw->hidden.unknown.data1 = f;
    return rw;
}
