#include "ui/art_cache.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "ui/paths.h"

#define ART_MAX_SIDE 16384

static const char MAGIC[8] = {'Q', 'F', 'A', 'R', 'T', '1', '\r', '\n'};

/* Fixed-size fields only, written in this machine's byte order: the cache
 * never leaves the machine that wrote it. */
struct art_header {
    char magic[8];
    uint32_t w, h;         /* the picture */
    uint32_t box_w, box_h; /* the box it was fitted in */
    uint64_t src_size;
    int64_t src_mtime_ns;
    uint64_t sum;          /* of the pixels: a damaged file is a miss */
};

static uint64_t pixel_sum(const SDL_Surface *s)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            h = (h ^ row[x]) * 0x100000001B3ull;
    }
    return h;
}

static uint32_t fnv32(const char *s, uint32_t h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* dir/<name>-<w>x<h>-<hash of the full path>.px */
static int entry_path(char *out, size_t len, const char *dir, const char *src, int box_w, int box_h)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    size_t n = strcspn(base, ".");
    if (n > 40)
        n = 40;
    int k = snprintf(out, len, "%s/%.*s-%dx%d-%08x.px", dir, (int)n, base, box_w, box_h, (unsigned)fnv32(src, 2166136261u));
    return k < 0 || (size_t)k >= len ? -1 : 0;
}

static int source_id(const char *src, uint64_t *size, int64_t *mtime_ns)
{
    struct stat st;
    if (stat(src, &st) != 0)
        return -1;
    *size = (uint64_t)st.st_size;
    *mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    return 0;
}

SDL_Surface *art_cache_load(const char *dir, const char *src, int box_w, int box_h)
{
    char path[QF_PATH_MAX];
    uint64_t size;
    int64_t mtime;
    if (!dir || !dir[0] || entry_path(path, sizeof path, dir, src, box_w, box_h) != 0 ||
        source_id(src, &size, &mtime) != 0)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct art_header hd;
    struct stat st;
    SDL_Surface *s = NULL;
    if (fread(&hd, sizeof hd, 1, f) != 1 || memcmp(hd.magic, MAGIC, sizeof MAGIC) != 0 ||
        hd.box_w != (uint32_t)box_w || hd.box_h != (uint32_t)box_h || hd.src_size != size ||
        hd.src_mtime_ns != mtime || hd.w < 1 || hd.h < 1 || hd.w > ART_MAX_SIDE || hd.h > ART_MAX_SIDE ||
        fstat(fileno(f), &st) != 0 || (uint64_t)st.st_size != sizeof hd + (uint64_t)hd.w * hd.h * 4)
        goto miss;
    s = SDL_CreateRGBSurfaceWithFormat(0, (int)hd.w, (int)hd.h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        goto miss;
    for (int y = 0; y < s->h; y++)
        if (fread((Uint8 *)s->pixels + (size_t)y * s->pitch, (size_t)s->w * 4, 1, f) != 1)
            goto miss;
    if (pixel_sum(s) != hd.sum)
        goto miss;
    fclose(f);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    return s;
miss:
    log_debug("art cache: %s does not match; drawing the art anew", path);
    if (s)
        SDL_FreeSurface(s);
    fclose(f);
    return NULL;
}

static int make_dir(const char *dir)
{
    if (mkdir(dir, 0750) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    char parent[QF_PATH_MAX];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (!slash || slash == parent)
        return -1;
    *slash = 0;
    if (mkdir(parent, 0750) != 0 && errno != EEXIST)
        return -1;
    return mkdir(dir, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

int art_cache_save(const char *dir, const char *src, int box_w, int box_h, const SDL_Surface *s)
{
    char path[QF_PATH_MAX], tmp[QF_PATH_MAX + 32];
    struct art_header hd;
    memset(&hd, 0, sizeof hd);
    if (!dir || !dir[0] || !s || s->format->format != SDL_PIXELFORMAT_ARGB8888 ||
        entry_path(path, sizeof path, dir, src, box_w, box_h) != 0 ||
        source_id(src, &hd.src_size, &hd.src_mtime_ns) != 0)
        return -1;
    if (make_dir(dir) != 0) {
        log_debug("art cache: cannot make %s: %s", dir, strerror(errno));
        return -1;
    }
    memcpy(hd.magic, MAGIC, sizeof MAGIC);
    hd.w = (uint32_t)s->w;
    hd.h = (uint32_t)s->h;
    hd.box_w = (uint32_t)box_w;
    hd.box_h = (uint32_t)box_h;
    hd.sum = pixel_sum(s);
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        log_debug("art cache: cannot write %s: %s", tmp, strerror(errno));
        return -1;
    }
    bool ok = fwrite(&hd, sizeof hd, 1, f) == 1;
    for (int y = 0; ok && y < s->h; y++)
        ok = fwrite((const Uint8 *)s->pixels + (size_t)y * s->pitch, (size_t)s->w * 4, 1, f) == 1;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        log_debug("art cache: cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}
