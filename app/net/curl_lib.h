/* libcurl, loaded when the first transfer needs it (dlopen), not at exec: a
 * screen that neither syncs nor reports never maps libcurl and the thirty
 * libraries behind it (TLS, Kerberos, LDAP, SSH, ...): a faster start and
 * about 5 MiB less memory. Calls go through curl_lib's pointers; only
 * fetch.c and fetch_reason.c use them, after fetch_global_init(). */
#ifndef QF_NET_CURL_LIB_H
#define QF_NET_CURL_LIB_H

#include <curl/curl.h>
#include <stddef.h>

struct curl_lib {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    curl_version_info_data *(*version_info)(CURLversion age);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    CURLcode (*easy_perform)(CURL *h);
    void (*easy_cleanup)(CURL *h);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
    void (*slist_free_all)(struct curl_slist *list);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *u);
    CURLUcode (*url_set)(CURLU *u, CURLUPart part, const char *content, unsigned int flags);
    CURLUcode (*url_get)(const CURLU *u, CURLUPart part, char **content, unsigned int flags);
    void (*free)(void *p);
};

extern struct curl_lib curl_lib;

/* Loads libcurl.so.4 and every function above, once per process (safe from
 * any thread). Returns 0, or -1 with "libcurl: ... ; install the Debian
 * package libcurl4" in err. */
int curl_lib_load(char *err, size_t errlen);

#endif
