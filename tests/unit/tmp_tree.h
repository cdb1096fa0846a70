/* Shared by the unit tests that build content trees in temporary folders. */
#ifndef QF_TESTS_TMP_TREE_H
#define QF_TESTS_TMP_TREE_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Removes path and everything below it (links are removed, not followed). */
__attribute__((unused)) static void remove_tree(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *de;

    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    d = opendir(path);
    while (d && (de = readdir(d))) {
        char child[1024];
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof child, "%s/%s", path, de->d_name);
        remove_tree(child);
    }
    if (d)
        closedir(d);
    rmdir(path);
}

#endif
