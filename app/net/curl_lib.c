#include "net/curl_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct curl_lib curl_lib;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];

/* ISO C has no cast from a data pointer to a function pointer; POSIX
 * guarantees dlsym's result can be used as one, through this copy. */
#define RESOLVE(handle, field, name)                                                                             \
    do {                                                                                                         \
        void *sym = dlsym(handle, name);                                                                         \
        if (!sym) {                                                                                              \
            snprintf(load_error, sizeof load_error,                                                              \
                     "libcurl: libcurl.so.4 has no %s (too old?); install the Debian package libcurl4", name);   \
            return;                                                                                              \
        }                                                                                                        \
        memcpy(&curl_lib.field, &sym, sizeof sym);                                                               \
    } while (0)

static void load(void)
{
    /* The library stays for the life of the process: transfers may still be
     * running in threads when the last user calls curl_global_cleanup. */
    void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(load_error, sizeof load_error, "libcurl: cannot load libcurl.so.4 (%s); install the Debian package libcurl4",
                 dlerror());
        return;
    }
    RESOLVE(h, global_init, "curl_global_init");
    RESOLVE(h, global_cleanup, "curl_global_cleanup");
    RESOLVE(h, version_info, "curl_version_info");
    RESOLVE(h, easy_init, "curl_easy_init");
    RESOLVE(h, easy_setopt, "curl_easy_setopt");
    RESOLVE(h, easy_getinfo, "curl_easy_getinfo");
    RESOLVE(h, easy_perform, "curl_easy_perform");
    RESOLVE(h, easy_cleanup, "curl_easy_cleanup");
    RESOLVE(h, easy_strerror, "curl_easy_strerror");
    RESOLVE(h, slist_append, "curl_slist_append");
    RESOLVE(h, slist_free_all, "curl_slist_free_all");
    RESOLVE(h, url, "curl_url");
    RESOLVE(h, url_cleanup, "curl_url_cleanup");
    RESOLVE(h, url_set, "curl_url_set");
    RESOLVE(h, url_get, "curl_url_get");
    RESOLVE(h, free, "curl_free");
}

int curl_lib_load(char *err, size_t errlen)
{
    pthread_once(&once, load);
    if (load_error[0]) {
        snprintf(err, errlen, "%s", load_error);
        return -1;
    }
    return 0;
}
