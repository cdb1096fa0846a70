#include "ui/paths.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool path_is_dir(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int path_join(char *dst, size_t dstlen, const char *dir, const char *rel)
{
    size_t n = strlen(dir);
    const char *sep = (n > 0 && dir[n - 1] == '/') ? "" : "/";
    int w = snprintf(dst, dstlen, "%s%s%s", dir, sep, rel);
    return (w < 0 || (size_t)w >= dstlen) ? -1 : 0;
}

void path_dirname(char *dst, size_t dstlen, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dst, dstlen, ".");
        return;
    }
    size_t n = (size_t)(slash - path);
    if (n == 0)
        n = 1; /* "/x" -> "/" */
    snprintf(dst, dstlen, "%.*s", (int)n, path);
}

/* Resolves "..", "." and links when the path exists, for readable messages. */
static void tidy(char *path, size_t len)
{
    char *real = realpath(path, NULL);
    if (real && strlen(real) < len)
        snprintf(path, len, "%s", real);
    free(real);
}

int paths_resolve(struct paths *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    char *base = SDL_GetBasePath();
    if (!base) {
        snprintf(err, errlen, "SDL_GetBasePath() failed: %s", SDL_GetError());
        return -1;
    }
    snprintf(p->exe_dir, sizeof p->exe_dir, "%s", base);
    SDL_free(base);

    char cand[QF_PATH_MAX];
    if (path_join(cand, sizeof cand, p->exe_dir, "feed") == 0 && path_is_dir(cand))
        snprintf(p->bundled_feed, sizeof p->bundled_feed, "%s", cand);
    else if (path_join(p->bundled_feed, sizeof p->bundled_feed, p->exe_dir, "../share/qingfeng/feed") != 0)
        goto too_long;

    const char *data = getenv("QINGFENG_DATA_DIR");
    if (data && *data) {
        if (path_join(p->assets, sizeof p->assets, data, "assets") != 0)
            goto too_long;
    } else if (path_join(cand, sizeof cand, p->exe_dir, "../assets") == 0 && path_is_dir(cand)) {
        snprintf(p->assets, sizeof p->assets, "%s", cand);
    } else if (path_join(cand, sizeof cand, p->exe_dir, "../../assets") == 0 && path_is_dir(cand) &&
               path_join(cand, sizeof cand, p->exe_dir, "../../app/ui") == 0 && path_is_dir(cand)) {
        /* dev tree with a build variant: build/asan/qingfeng, build/clang/qingfeng */
        path_join(p->assets, sizeof p->assets, p->exe_dir, "../../assets");
    } else if (path_join(p->assets, sizeof p->assets, p->exe_dir, "../share/qingfeng/assets") != 0) {
        goto too_long;
    }
    tidy(p->bundled_feed, sizeof p->bundled_feed);
    tidy(p->assets, sizeof p->assets);
    return 0;
too_long:
    snprintf(err, errlen, "data path too long under %s", p->exe_dir);
    return -1;
}
