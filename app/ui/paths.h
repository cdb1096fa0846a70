/* Where the bundled data lives, found relative to the executable so the same
 * binary runs from the dev tree (build/qingfeng) and when installed
 * (PREFIX/bin/qingfeng with PREFIX/share/qingfeng). */
#ifndef QF_UI_PATHS_H
#define QF_UI_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#define QF_PATH_MAX 1024

struct paths {
    char exe_dir[QF_PATH_MAX];     /* with a trailing '/' */
    char bundled_feed[QF_PATH_MAX];
    char assets[QF_PATH_MAX];
};

/* Fills p: bundled feed = <exe>/feed if it exists, else <exe>/../share/qingfeng/feed;
 * assets = $QINGFENG_DATA_DIR/assets, else <exe>/../assets if it exists (dev
 * tree; also <exe>/../../assets for build/<variant>/), else
 * <exe>/../share/qingfeng/assets. Works before SDL_Init. Returns 0, or -1
 * with a message in err. */
int paths_resolve(struct paths *p, char *err, size_t errlen);

bool path_is_dir(const char *path);
bool path_is_file(const char *path);

/* dst = dir + "/" + rel (one separator). Returns 0, or -1 when it does not fit. */
int path_join(char *dst, size_t dstlen, const char *dir, const char *rel);

/* Copies the directory part of path (without trailing '/') into dst ("." if none). */
void path_dirname(char *dst, size_t dstlen, const char *path);

#endif
