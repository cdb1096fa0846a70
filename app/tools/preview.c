/* The editor's preview: the kiosk renders every item of a feed headless, in
 * each screen size, and a contact sheet (OUT/index.html) shows the
 * screenshots with the warnings the kiosk logged for each item. See
 * preview.h for the files written. */
#include "tools/preview.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/feed.h"

extern char **environ;

enum { PV_OK = 0, PV_WARNINGS = 1, PV_USAGE = 2 };

#define PV_PATH 4096
#define PV_MAX_SIZES 8
#define PV_ID_FILE_MAX 100      /* longest id used in a file name (the builder's limit) */
#define PV_LOG_MAX (64u * 1024u * 1024u)
/* The wall-clock time shown in the header of every screenshot, so that two
 * previews of the same feed are identical. A Monday morning. */
#define PV_CLOCK "2025-06-02 09:30"
#define PV_DEFAULT_SIZES "1920x1080,1080x1920"

struct pv_size {
    int w, h;
    char name[32]; /* "1920x1080": folder and log names */
};

enum pv_kind {
    W_LAYOUT,   /* <4>layout: text does not fit, or cannot be laid out */
    W_GLYPH,    /* <4>glyph: a font lacks a character */
    W_IMAGE,    /* <4>image: a picture is missing or does not decode */
    W_ERROR,    /* <3> any error the kiosk logged */
    W_NO_SHOT,  /* the screenshot was not written */
    W_BAD_ID,   /* the id cannot be used in a file name */
    W_KIOSK     /* the kiosk did not finish its run */
};

/* One problem: the same kind, item and key in one or more sizes. */
struct pv_warning {
    enum pv_kind kind;
    size_t item; /* feed index, or SIZE_MAX when no item is named */
    char *key;   /* the line, or for an overflow the line up to "overflow:" */
    /* The log line without its priority, or the tool's own words, as seen in
     * the run of sizes[i]; the last slot holds one that belongs to no size. */
    char *text[PV_MAX_SIZES + 1];
    unsigned sizes; /* bit i: seen in the run of sizes[i] */
};

struct preview {
    bool zh;
    const char *dir, *out;
    struct pv_size sizes[PV_MAX_SIZES];
    size_t n_sizes;
    char kiosk[PV_PATH];
    char script[PV_PATH];
    struct feed *feed;
    bool *shootable; /* per item: the id is safe in a file name */
    bool *have_shot; /* [item * PV_MAX_SIZES + size]: the screenshot was written */
    struct pv_warning *w;
    size_t n_w, cap_w;
    bool out_of_memory;
};

/* ---- messages ------------------------------------------------------------ */

enum pv_msg {
    PM_USAGE,
    PM_BAD_SIZES,
    PM_UNKNOWN_OPTION,
    PM_EXTRA_ARG,
    PM_NO_ITEMS,
    PM_NO_KIOSK,
    PM_CANNOT_WRITE,
    PM_CANNOT_START,
    PM_KIOSK_FAILED,
    PM_TOO_LONG,
    PM_SUMMARY,
    PM_COUNT
};

static const char *const pv_messages[PM_COUNT][2] = {
    [PM_USAGE] = {
        "qingfeng-feed preview: give the feed folder and --shots OUT, e.g. "
        "qingfeng-feed preview build/feed --shots build/preview [--sizes 1920x1080,1080x1920]\n",
        "qingfeng-feed preview：请给出 feed 目录和 --shots 输出目录，例如 "
        "qingfeng-feed preview build/feed --shots build/preview [--sizes 1920x1080,1080x1920]\n",
    },
    [PM_BAD_SIZES] = {
        "qingfeng-feed preview: --sizes: \"%s\" is not a list of up to 8 different sizes WxH (64..16384), "
        "e.g. 1920x1080,1080x1920\n",
        "qingfeng-feed preview：--sizes：“%s”不是画面尺寸列表（最多 8 个不同的 宽x高，64～16384），"
        "例如 1920x1080,1080x1920\n",
    },
    [PM_UNKNOWN_OPTION] = {
        "qingfeng-feed preview: unknown option \"%s\" (see --help)\n",
        "qingfeng-feed preview：未知选项“%s”（见 --help）\n",
    },
    [PM_EXTRA_ARG] = {
        "qingfeng-feed preview: unexpected argument \"%s\" (see --help)\n",
        "qingfeng-feed preview：多余的参数“%s”（见 --help）\n",
    },
    [PM_NO_ITEMS] = {
        "%s: the feed has no items to preview\n",
        "%s：内容源中没有可预览的内容\n",
    },
    [PM_NO_KIOSK] = {
        "qingfeng-feed preview: the kiosk program %s is missing; build it with make, or install qingfeng "
        "next to qingfeng-feed\n",
        "qingfeng-feed preview：找不到展示程序 %s；请先用 make 编译，或把 qingfeng 安装在 qingfeng-feed 旁边\n",
    },
    [PM_CANNOT_WRITE] = {
        "%s: cannot write: %s\n",
        "%s：无法写入：%s\n",
    },
    [PM_CANNOT_START] = {
        "%s: cannot start: %s\n",
        "%s：无法启动：%s\n",
    },
    [PM_KIOSK_FAILED] = {
        "qingfeng-feed preview: the kiosk stopped with status %d at %s; see %s\n",
        "qingfeng-feed preview：展示程序在 %s 下以状态 %d 结束，详见 %s\n",
    },
    [PM_TOO_LONG] = {
        "%s: path is too long\n",
        "%s：路径太长\n",
    },
    [PM_SUMMARY] = {
        "preview: %zu items, %zu warnings, sizes %s\n",
        "预览：%zu 条内容，%zu 条警告，画面尺寸 %s\n",
    },
};

static const char *msg(const struct preview *p, enum pv_msg m) { return pv_messages[m][p->zh ? 1 : 0]; }

/* ---- small helpers --------------------------------------------------------- */

static int join(char *dst, size_t len, const char *a, const char *b)
{
    int n = snprintf(dst, len, "%s/%s", a, b);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Ids go into file names and the script: letters, digits, '_' and '-' only. */
static bool id_is_file_safe(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > PV_ID_FILE_MAX)
        return false;
    for (const char *s = id; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return true;
}

static const char *kind_label(enum item_kind k)
{
    switch (k) {
    case ITEM_MAXIM:
        return "廉语";
    case ITEM_CASE:
        return "警示教育";
    case ITEM_STORY:
        return "身边典型";
    }
    return "";
}

static const char *orientation(const struct pv_size *s)
{
    return s->w > s->h ? "横屏" : s->w < s->h ? "竖屏" : "方屏";
}

/* mkdir -p. Returns 0, or -1 with errno set. */
static int make_dirs(const char *path)
{
    char buf[PV_PATH];
    int n = snprintf(buf, sizeof buf, "%s", path);
    if (n < 0 || (size_t)n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *s = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* Notes a problem seen in the run of size_index (-1: not tied to a size).
 * An overflow is one problem however many pages each size needs. */
static void add_warning(struct preview *p, enum pv_kind kind, size_t item, const char *text, int size_index)
{
    unsigned bit = size_index >= 0 ? 1u << size_index : 0;
    size_t slot = size_index >= 0 ? (size_t)size_index : PV_MAX_SIZES;
    const char *over = kind == W_LAYOUT ? strstr(text, " overflow:") : NULL;
    size_t key_len = over ? (size_t)(over - text) + 10 : strlen(text);
    struct pv_warning *w = NULL;
    for (size_t i = 0; i < p->n_w && !w; i++) {
        struct pv_warning *c = &p->w[i];
        if (c->kind == kind && c->item == item && strlen(c->key) == key_len && !strncmp(c->key, text, key_len))
            w = c;
    }
    if (w) {
        w->sizes |= bit;
        if (!w->text[slot] && !(w->text[slot] = strdup(text)))
            p->out_of_memory = true;
        return;
    }
    if (p->n_w == p->cap_w) {
        size_t cap = p->cap_w ? p->cap_w * 2 : 16;
        struct pv_warning *grown = realloc(p->w, cap * sizeof *grown);
        if (!grown) {
            p->out_of_memory = true;
            return;
        }
        p->w = grown;
        p->cap_w = cap;
    }
    w = &p->w[p->n_w];
    *w = (struct pv_warning){.kind = kind, .item = item, .sizes = bit};
    w->key = strndup(text, key_len);
    w->text[slot] = strdup(text);
    if (!w->key || !w->text[slot]) {
        free(w->key);
        free(w->text[slot]);
        p->out_of_memory = true;
        return;
    }
    p->n_w++;
}

static void free_warnings(struct preview *p)
{
    for (size_t i = 0; i < p->n_w; i++) {
        free(p->w[i].key);
        for (size_t s = 0; s <= PV_MAX_SIZES; s++)
            free(p->w[i].text[s]);
    }
    free(p->w);
    p->w = NULL;
    p->n_w = p->cap_w = 0;
}

/* The first text of w (the one of the first size it was seen in). */
static const char *first_text(const struct pv_warning *w)
{
    for (size_t s = 0; s <= PV_MAX_SIZES; s++)
        if (w->text[s])
            return w->text[s];
    return w->key;
}

static void add_warningf(struct preview *p, enum pv_kind kind, size_t item, int size_index, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add_warningf(struct preview *p, enum pv_kind kind, size_t item, int size_index, const char *fmt, ...)
{
    char text[PV_PATH + 256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    add_warning(p, kind, item, text, size_index);
}

static size_t item_warnings(const struct preview *p, size_t item)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_w; i++)
        n += p->w[i].item == item;
    return n;
}

/* ---- arguments ----------------------------------------------------------- */

static int parse_dim(const char *s, size_t len, int *out)
{
    if (len == 0 || len > 5)
        return -1;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 64 || v > 16384)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_sizes(struct preview *p, const char *arg)
{
    p->n_sizes = 0;
    const char *s = arg;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *x = memchr(s, 'x', len);
        if (!x || p->n_sizes == PV_MAX_SIZES)
            return -1;
        struct pv_size *z = &p->sizes[p->n_sizes];
        if (parse_dim(s, (size_t)(x - s), &z->w) || parse_dim(x + 1, len - (size_t)(x - s) - 1, &z->h))
            return -1;
        snprintf(z->name, sizeof z->name, "%dx%d", z->w, z->h);
        for (size_t i = 0; i < p->n_sizes; i++)
            if (p->sizes[i].w == z->w && p->sizes[i].h == z->h)
                return -1;
        p->n_sizes++;
        if (!comma)
            break;
        s = comma + 1;
    }
    return 0;
}

static int parse_args(struct preview *p, int argc, char **argv)
{
    const char *sizes = PV_DEFAULT_SIZES;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--shots") || !strcmp(a, "--sizes")) {
            if (i + 1 >= argc) {
                fputs(msg(p, PM_USAGE), stderr);
                return PV_USAGE;
            }
            if (!strcmp(a, "--shots"))
                p->out = argv[++i];
            else
                sizes = argv[++i];
        } else if (!strncmp(a, "--shots=", 8)) {
            p->out = a + 8;
        } else if (!strncmp(a, "--sizes=", 8)) {
            sizes = a + 8;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, msg(p, PM_UNKNOWN_OPTION), a);
            return PV_USAGE;
        } else if (!p->dir) {
            p->dir = a;
        } else {
            fprintf(stderr, msg(p, PM_EXTRA_ARG), a);
            return PV_USAGE;
        }
    }
    if (!p->dir || !*p->dir || !p->out || !*p->out) {
        fputs(msg(p, PM_USAGE), stderr);
        return PV_USAGE;
    }
    if (parse_sizes(p, sizes) != 0) {
        fprintf(stderr, msg(p, PM_BAD_SIZES), sizes);
        return PV_USAGE;
    }
    return PV_OK;
}

/* ---- running the kiosk ---------------------------------------------------- */

/* The kiosk is the program "qingfeng" in the folder of this executable. */
static int find_kiosk(struct preview *p)
{
    char self[PV_PATH];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || (size_t)n >= sizeof self - 1) {
        snprintf(p->kiosk, sizeof p->kiosk, "qingfeng");
        fprintf(stderr, msg(p, PM_NO_KIOSK), p->kiosk);
        return -1;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = '\0';
    if (join(p->kiosk, sizeof p->kiosk, slash ? self : ".", "qingfeng") != 0 || access(p->kiosk, X_OK) != 0) {
        fprintf(stderr, msg(p, PM_NO_KIOSK), p->kiosk);
        return -1;
    }
    return 0;
}

/* OUT/preview.script: show and shoot every item whose id is file-safe. */
static int write_script(struct preview *p)
{
    int rc = -1;
    FILE *f = NULL;
    if (join(p->script, sizeof p->script, p->out, "preview.script") != 0) {
        fprintf(stderr, msg(p, PM_TOO_LONG), p->out);
        goto out;
    }
    f = fopen(p->script, "w");
    if (!f) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), p->script, strerror(errno));
        goto out;
    }
    fputs("# written by qingfeng-feed preview: every item, one screenshot each\n", f);
    for (size_t i = 0; i < p->feed->n_items; i++) {
        const struct feed_item *it = &p->feed->items[i];
        if (!p->shootable[i])
            continue;
        fprintf(f, "show %s\nshot %s-%s\n", it->id, item_kind_name(it->kind), it->id);
    }
    fputs("quit\n", f);
    if (ferror(f)) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), p->script, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    if (f && fclose(f) != 0 && rc == 0) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), p->script, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Starts the kiosk for one size with stdout and stderr going to log.
 * Returns its process id, or -1 (with a message) when it did not start. */
static pid_t spawn_kiosk(struct preview *p, const struct pv_size *z, const char *shots, const char *log)
{
    posix_spawn_file_actions_t fa;
    bool fa_up = false;
    pid_t pid = -1;
    int err;
    char size[32], shots_dir[PV_PATH];
    snprintf(size, sizeof size, "%dx%d", z->w, z->h);
    int n = snprintf(shots_dir, sizeof shots_dir, "%s/", shots);
    if (n < 0 || (size_t)n >= sizeof shots_dir) {
        fprintf(stderr, msg(p, PM_TOO_LONG), shots);
        goto out;
    }
    char *argv[] = {p->kiosk, "--windowed", "--size",  size,      "--feed",  (char *)p->dir, "--clock",
                    PV_CLOCK, "--script",   p->script, "--shots", shots_dir, NULL};
    if ((err = posix_spawn_file_actions_init(&fa)) != 0) {
        fprintf(stderr, msg(p, PM_CANNOT_START), p->kiosk, strerror(err));
        goto out;
    }
    fa_up = true;
    if ((err = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0)) != 0 ||
        (err = posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0644)) != 0 ||
        (err = posix_spawn_file_actions_adddup2(&fa, 2, 1)) != 0) {
        fprintf(stderr, msg(p, PM_CANNOT_START), p->kiosk, strerror(err));
        goto out;
    }
    if ((err = posix_spawn(&pid, p->kiosk, &fa, NULL, argv, environ)) != 0) {
        fprintf(stderr, msg(p, PM_CANNOT_START), p->kiosk, strerror(err));
        pid = -1;
    }
out:
    if (fa_up)
        posix_spawn_file_actions_destroy(&fa);
    return pid;
}

/* Waits for pid. Returns its exit status (128 + signal when killed), or -1. */
static int wait_kiosk(pid_t pid)
{
    int ws;
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : 127;
}

/* The feed item a log line names with "item=<id>" (the longest id that
 * matches, ending at a blank or the end of the line), or SIZE_MAX. */
static size_t line_item(const struct feed *feed, const char *line)
{
    size_t best = SIZE_MAX, best_len = 0;
    for (const char *at = strstr(line, "item="); at; at = strstr(at + 1, "item=")) {
        const char *v = at + 5;
        for (size_t i = 0; i < feed->n_items; i++) {
            size_t len = strlen(feed->items[i].id);
            if (len > best_len && !strncmp(v, feed->items[i].id, len) && (v[len] == ' ' || v[len] == '\0')) {
                best = i;
                best_len = len;
            }
        }
    }
    return best;
}

static void read_log(struct preview *p, int size_index, const char *log)
{
    char *text = NULL;
    size_t len = 0;
    if (feed_read_file(log, PV_LOG_MAX, &text, &len) != 0) {
        add_warningf(p, W_KIOSK, SIZE_MAX, size_index, "无法读取运行日志 %s", log);
        return;
    }
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        enum pv_kind kind;
        bool take = true;
        if (!strncmp(line, "<4>layout:", 10))
            kind = W_LAYOUT;
        else if (!strncmp(line, "<4>glyph:", 9))
            kind = W_GLYPH;
        else if (!strncmp(line, "<4>image:", 9))
            kind = W_IMAGE;
        else if (!strncmp(line, "<3>", 3))
            kind = W_ERROR;
        else
            take = false;
        if (take)
            add_warning(p, kind, line_item(p->feed, line), line + 3, size_index);
        line = nl ? nl + 1 : NULL;
    }
    free(text);
}

/* The shots folder and log of size si. Returns 0, or -1 when too long. */
static int size_paths(const struct preview *p, int si, char *shots, char *log, char *log_name)
{
    const struct pv_size *z = &p->sizes[si];
    snprintf(log_name, 64, "kiosk-%s.log", z->name);
    return join(shots, PV_PATH, p->out, z->name) != 0 || join(log, PV_PATH, p->out, log_name) != 0 ? -1 : 0;
}

/* Starts the kiosk run of size si. Returns its process id, or -1 after
 * noting why it did not start. */
static pid_t start_size(struct preview *p, int si)
{
    char shots[PV_PATH], log[PV_PATH], name[64];
    if (size_paths(p, si, shots, log, name) != 0) {
        fprintf(stderr, msg(p, PM_TOO_LONG), p->out);
        add_warningf(p, W_KIOSK, SIZE_MAX, si, "输出目录的路径太长");
        return -1;
    }
    if (make_dirs(shots) != 0) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), shots, strerror(errno));
        add_warningf(p, W_KIOSK, SIZE_MAX, si, "无法创建目录 %s：%s", shots, strerror(errno));
        return -1;
    }
    /* A screenshot left from an earlier preview must not pass for a new one. */
    for (size_t i = 0; i < p->feed->n_items; i++) {
        char png[PV_PATH];
        const struct feed_item *it = &p->feed->items[i];
        int n = snprintf(png, sizeof png, "%s/%s-%s.png", shots, item_kind_name(it->kind), it->id);
        if (p->shootable[i] && n > 0 && (size_t)n < sizeof png)
            unlink(png);
    }
    pid_t pid = spawn_kiosk(p, &p->sizes[si], shots, log);
    if (pid < 0)
        add_warningf(p, W_KIOSK, SIZE_MAX, si, "无法启动展示程序 %s", p->kiosk);
    return pid;
}

/* Waits for the run of size si, then takes its log and checks that every
 * screenshot was written. */
static void finish_size(struct preview *p, int si, pid_t pid)
{
    char shots[PV_PATH], log[PV_PATH], name[64], png[PV_PATH];
    if (pid < 0 || size_paths(p, si, shots, log, name) != 0)
        return;
    int status = wait_kiosk(pid);
    read_log(p, si, log);
    if (status != 0) {
        if (p->zh)
            fprintf(stderr, msg(p, PM_KIOSK_FAILED), p->sizes[si].name, status, log);
        else
            fprintf(stderr, msg(p, PM_KIOSK_FAILED), status, p->sizes[si].name, log);
        add_warningf(p, W_KIOSK, SIZE_MAX, si, "展示程序以状态 %d 结束，截图可能不全；详见运行日志 %s", status, name);
    }
    for (size_t i = 0; i < p->feed->n_items; i++) {
        const struct feed_item *it = &p->feed->items[i];
        if (!p->shootable[i])
            continue;
        struct stat st;
        int n = snprintf(png, sizeof png, "%s/%s-%s.png", shots, item_kind_name(it->kind), it->id);
        if (n < 0 || (size_t)n >= sizeof png || stat(png, &st) != 0 || st.st_size == 0)
            add_warning(p, W_NO_SHOT, i, "没有生成截图", si);
        else
            p->have_shot[i * PV_MAX_SIZES + (size_t)si] = true;
    }
}

/* Runs the kiosk once per size, as many at a time as there are processors. */
static void render_all(struct preview *p)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t batch = cpus < 1 ? 1 : (size_t)cpus;
    pid_t pids[PV_MAX_SIZES];
    for (size_t first = 0; first < p->n_sizes; first += batch) {
        size_t end = first + batch < p->n_sizes ? first + batch : p->n_sizes;
        for (size_t s = first; s < end; s++)
            pids[s] = start_size(p, (int)s);
        for (size_t s = first; s < end; s++)
            finish_size(p, (int)s, pids[s]);
    }
}

/* ---- the contact sheet ----------------------------------------------------- */

/* Writes s with &, <, >, " and ' escaped; control characters are dropped. */
static void html(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            if (c >= 0x20 && c != 0x7f)
                fputc(c, f);
            else if (c == '\n' || c == '\t')
                fputc(' ', f);
        }
    }
}

/* Up to max bytes of the first line of s, cut at a UTF-8 boundary. */
static void html_first_line(FILE *f, const char *s, size_t max)
{
    char buf[256];
    size_t n = 0;
    if (max >= sizeof buf)
        max = sizeof buf - 1;
    while (s[n] && s[n] != '\n' && n < max)
        n++;
    bool cut = s[n] && s[n] != '\n';
    while (cut && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
    html(f, buf);
    if (cut)
        fputs("…", f);
}

static const char *field_label(const char *line)
{
    const char *f = strstr(line, " field=");
    if (!f)
        return NULL;
    f += 7;
    if (!strncmp(f, "title ", 6))
        return "标题";
    if (!strncmp(f, "summary ", 8))
        return "导语";
    if (!strncmp(f, "text ", 5))
        return "正文";
    return NULL;
}

/* The tag and a sentence in Chinese saying what a warning means. */
static void explain(FILE *f, const struct pv_warning *w)
{
    const char *text = first_text(w);
    const char *field = field_label(text);
    switch (w->kind) {
    case W_LAYOUT:
        if (strstr(text, " overflow:")) {
            fprintf(f, "<span class=\"tag\">文字放不下</span>%s在最小字号下仍放不下，屏幕上会被截断（以“…”结尾）。"
                       "请删减文字。",
                    field ? field : "文字");
        } else {
            fprintf(f, "<span class=\"tag\">无法排版</span>%s无法排版（文字无效或版面太小）。", field ? field : "文字");
        }
        break;
    case W_GLYPH: {
        const char *u = strstr(text, "missing U+");
        unsigned long cp = u ? strtoul(u + 10, NULL, 16) : 0;
        fputs("<span class=\"tag\">字体缺字</span>", f);
        if (cp >= 0x20 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
            fprintf(f, "%s中的“<span class=\"glyph\">&#x%lX;</span>”（U+%04lX）", field ? field : "文字", cp, cp);
        else
            fputs(field ? field : "文字", f);
        fputs("字体里没有，屏幕上显示为空白或方框。请换用常用字，或改用字体中有的写法。", f);
        break;
    }
    case W_IMAGE:
        fputs("<span class=\"tag\">图片</span>图片缺失或无法解码，屏幕上显示占位图。", f);
        break;
    case W_ERROR:
        fputs("<span class=\"tag\">错误</span>展示程序报告了错误。", f);
        break;
    case W_NO_SHOT:
        fputs("<span class=\"tag\">没有截图</span>", f);
        html(f, text);
        fputs("。", f);
        break;
    case W_BAD_ID:
    case W_KIOSK:
        fputs("<span class=\"tag\">错误</span>", f);
        html(f, text);
        break;
    }
}

/* The kiosk's own lines: one when every size logged the same, else one
 * per size. */
static void log_lines(FILE *f, const struct preview *p, const struct pv_warning *w)
{
    if (w->kind != W_LAYOUT && w->kind != W_GLYPH && w->kind != W_IMAGE && w->kind != W_ERROR)
        return;
    const char *first = first_text(w);
    bool same = true;
    for (size_t s = 0; s <= PV_MAX_SIZES; s++)
        same &= !w->text[s] || !strcmp(w->text[s], first);
    if (same) {
        fputs("<code>", f);
        html(f, first);
        fputs("</code>", f);
        return;
    }
    for (size_t s = 0; s < p->n_sizes; s++) {
        if (!w->text[s])
            continue;
        fprintf(f, "<code>%s %d×%d：", orientation(&p->sizes[s]), p->sizes[s].w, p->sizes[s].h);
        html(f, w->text[s]);
        fputs("</code>", f);
    }
}

static void where(FILE *f, const struct preview *p, unsigned sizes)
{
    if (!sizes)
        return;
    fputs("<span class=\"where\">", f);
    bool first = true;
    for (size_t i = 0; i < p->n_sizes; i++) {
        if (!(sizes & (1u << i)))
            continue;
        fprintf(f, "%s%s %d×%d", first ? "" : "、", orientation(&p->sizes[i]), p->sizes[i].w, p->sizes[i].h);
        first = false;
    }
    fputs("</span>", f);
}

static void warning_list(FILE *f, const struct preview *p, size_t item)
{
    if (!item_warnings(p, item))
        return;
    fputs("<ul class=\"warnings\">\n", f);
    for (size_t i = 0; i < p->n_w; i++) {
        if (p->w[i].item != item)
            continue;
        fputs("<li>", f);
        explain(f, &p->w[i]);
        log_lines(f, p, &p->w[i]);
        where(f, p, p->w[i].sizes);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static const char *const sheet_css =
    ":root{--paper:#f6f0e2;--card:#fffdf8;--ink:#2a241d;--muted:#857a69;--line:#e6dac2;--red:#b0281f;"
    "--gold:#a8823f;--ok:#2f6f3e}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--paper);color:var(--ink);font:15px/1.65 \"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n"
    "header{padding:30px 44px 22px;background:linear-gradient(#fffaf0,var(--paper));border-bottom:3px double var(--gold)}\n"
    ".eyebrow{color:var(--red);letter-spacing:.3em;font-size:13px}\n"
    "h1{margin:2px 0 0;font-size:28px;font-weight:700;letter-spacing:.04em}\n"
    ".stats{display:flex;flex-wrap:wrap;gap:14px;margin:18px 0 0;padding:0;list-style:none}\n"
    ".stats li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px 18px;min-width:120px}\n"
    ".stats b{display:block;font-size:26px;line-height:1.3}\n"
    ".stats .warn b{color:var(--red)}.stats .ok b{color:var(--ok)}\n"
    ".stats small{color:var(--muted)}\n"
    "dl.params{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:16px 0 0;color:var(--muted);"
    "font-size:13px}\n"
    "dl.params dt{color:var(--ink)}dl.params dd{margin:0;word-break:break-all}\n"
    "a{color:var(--red)}\n"
    "main{padding:6px 44px 48px}\n"
    ".todo{margin:22px 0 0;padding:14px 18px;background:#fdf0ee;border:1px solid #efc2bc;border-radius:10px}\n"
    ".todo h2{margin:0 0 6px;border:0;padding:0;font-size:17px;color:var(--red)}\n"
    ".todo ol{margin:0;padding-left:1.4em}\n"
    ".allgood{margin:22px 0 0;padding:12px 18px;background:#eef6ef;border:1px solid #bcd9c2;border-radius:10px;"
    "color:var(--ok)}\n"
    "h2{margin:34px 0 14px;padding-left:12px;border-left:6px solid var(--red);font-size:21px;letter-spacing:.08em}\n"
    "h2 small{font-weight:400;color:var(--muted);font-size:14px;letter-spacing:0;margin-left:.6em}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(580px,1fr));gap:18px}\n"
    ".item{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 18px 16px;"
    "box-shadow:0 1px 3px rgba(90,70,30,.08)}\n"
    ".item.bad{border-color:#e3a59e;box-shadow:0 0 0 2px rgba(176,40,31,.18)}\n"
    ".item h3{margin:0;font-size:17px;line-height:1.5}\n"
    ".meta{font-size:12.5px;color:var(--muted)}\n"
    ".meta code{font-family:\"DejaVu Sans Mono\",ui-monospace,monospace;color:var(--ink);background:#f3ecdd;"
    "padding:0 5px;border-radius:3px}\n"
    ".count{color:#fff;background:var(--red);border-radius:9px;padding:0 8px;margin-left:8px;font-size:12px}\n"
    ".shots{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start;margin-top:10px}\n"
    "figure{margin:0}\n"
    "figure img{display:block;width:auto;border:1px solid var(--line);border-radius:4px;background:#eee8da}\n"
    "figure img.land{height:200px}figure img.port{height:300px}figure img.square{height:240px}\n"
    "figcaption{font-size:12px;color:var(--muted);text-align:center;margin-top:3px}\n"
    ".noshot{display:flex;align-items:center;justify-content:center;border:1px dashed #e3a59e;border-radius:4px;"
    "background:#fbf3f1;color:var(--red);font-size:13px}\n"
    "ul.warnings{list-style:none;margin:12px 0 0;padding:8px 12px;background:#fdf0ee;border:1px solid #efc2bc;"
    "border-radius:8px;color:var(--red)}\n"
    "ul.warnings li{padding:4px 0}ul.warnings li+li{border-top:1px dashed #efc2bc}\n"
    ".tag{display:inline-block;background:var(--red);color:#fff;border-radius:4px;padding:0 7px;margin-right:7px;"
    "font-size:12.5px}\n"
    ".glyph{font-size:1.3em;font-weight:700}\n"
    "ul.warnings code{display:block;margin-top:2px;font:12px/1.5 \"DejaVu Sans Mono\",ui-monospace,monospace;"
    "color:#7d2a22;word-break:break-all}\n"
    ".where{display:block;font-size:12px;color:var(--muted)}\n"
    "footer{padding:0 44px 30px;color:var(--muted);font-size:12.5px}\n";

static void item_title(FILE *f, const struct feed_item *it)
{
    if (it->title && *it->title)
        html(f, it->title);
    else if (it->text && *it->text)
        html_first_line(f, it->text, 120);
    else
        html(f, it->id);
}

static void item_card(FILE *f, const struct preview *p, size_t i)
{
    const struct feed_item *it = &p->feed->items[i];
    size_t nw = item_warnings(p, i);
    fprintf(f, "<article class=\"item%s\" id=\"item-%zu\">\n<h3>", nw ? " bad" : "", i);
    item_title(f, it);
    if (nw)
        fprintf(f, "<span class=\"count\">%zu 条警告</span>", nw);
    fputs("</h3>\n<div class=\"meta\">编号 <code>", f);
    html(f, it->id);
    fputs("</code>", f);
    if (it->kind == ITEM_MAXIM && it->author) {
        fputs(" · ", f);
        html(f, it->author);
        if (it->source) {
            fputs(" ", f);
            html(f, it->source);
        }
    }
    fprintf(f, " · 轮播权重 %d</div>\n", it->weight);
    if (p->shootable[i]) {
        fputs("<div class=\"shots\">\n", f);
        for (size_t s = 0; s < p->n_sizes; s++) {
            const struct pv_size *z = &p->sizes[s];
            const char *cls = z->w > z->h ? "land" : z->w < z->h ? "port" : "square";
            if (!p->have_shot[i * PV_MAX_SIZES + s]) {
                int hpx = z->w > z->h ? 200 : z->w < z->h ? 300 : 240;
                fprintf(f, "<figure><div class=\"noshot\" style=\"width:%dpx;height:%dpx\">没有截图</div>",
                        hpx * z->w / z->h, hpx);
                fprintf(f, "<figcaption>%s %d×%d</figcaption></figure>\n", orientation(z), z->w, z->h);
                continue;
            }
            char rel[256];
            snprintf(rel, sizeof rel, "%s/%s-%s.png", z->name, item_kind_name(it->kind), it->id);
            fputs("<figure><a href=\"", f);
            html(f, rel);
            fputs("\"><img src=\"", f);
            html(f, rel);
            fprintf(f, "\" width=\"%d\" height=\"%d\" class=\"%s\" loading=\"lazy\" alt=\"%s %d×%d\"></a>", z->w, z->h,
                    cls, orientation(z), z->w, z->h);
            fprintf(f, "<figcaption>%s %d×%d</figcaption></figure>\n", orientation(z), z->w, z->h);
        }
        fputs("</div>\n", f);
    }
    warning_list(f, p, i);
    fputs("</article>\n", f);
}

static void write_sheet(FILE *f, const struct preview *p)
{
    const struct feed *feed = p->feed;
    size_t n_bad = 0;
    for (size_t i = 0; i < feed->n_items; i++)
        n_bad += item_warnings(p, i) > 0;

    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>内容预览 · ",
          f);
    html(f, feed->title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<div class=\"eyebrow\">清风 · 内容预览</div>\n<h1>",
            sheet_css);
    html(f, feed->title && *feed->title ? feed->title : "（未命名内容源）");
    fputs("</h1>\n<ul class=\"stats\">\n", f);
    fprintf(f, "<li><b>%zu</b><small>条内容</small></li>\n", feed->n_items);
    fprintf(f, "<li class=\"%s\"><b>%zu</b><small>条警告</small></li>\n", p->n_w ? "warn" : "ok", p->n_w);
    static const enum item_kind kinds[] = {ITEM_MAXIM, ITEM_CASE, ITEM_STORY};
    for (size_t k = 0; k < 3; k++)
        fprintf(f, "<li><b>%zu</b><small>%s</small></li>\n", feed_count_kind(feed, kinds[k]), kind_label(kinds[k]));
    fputs("</ul>\n<dl class=\"params\">\n<dt>内容目录</dt><dd>", f);
    html(f, p->dir);
    fputs("</dd>\n<dt>画面尺寸</dt><dd>", f);
    for (size_t s = 0; s < p->n_sizes; s++)
        fprintf(f, "%s%s %d×%d", s ? "、" : "", orientation(&p->sizes[s]), p->sizes[s].w, p->sizes[s].h);
    fputs("</dd>\n<dt>屏幕时钟</dt><dd>" PV_CLOCK "（固定，便于前后对比）</dd>\n<dt>展示程序</dt><dd>", f);
    html(f, p->kiosk);
    fputs("</dd>\n<dt>运行日志</dt><dd>", f);
    for (size_t s = 0; s < p->n_sizes; s++) {
        char name[64];
        snprintf(name, sizeof name, "kiosk-%s.log", p->sizes[s].name);
        fprintf(f, "%s<a href=\"%s\">%s</a>", s ? "、" : "", name, name);
    }
    fputs("</dd>\n</dl>\n</header>\n<main>\n", f);

    if (p->n_w == 0) {
        fputs("<p class=\"allgood\">全部内容排版正常：没有文字超出、缺字或图片问题，可以发布。</p>\n", f);
    } else {
        fprintf(f, "<section class=\"todo\">\n<h2>需要处理：%zu 条内容有警告</h2>\n", n_bad);
        if (item_warnings(p, SIZE_MAX))
            warning_list(f, p, SIZE_MAX);
        fputs("<ol>\n", f);
        for (size_t i = 0; i < feed->n_items; i++) {
            size_t nw = item_warnings(p, i);
            if (!nw)
                continue;
            fprintf(f, "<li><a href=\"#item-%zu\">", i);
            item_title(f, &feed->items[i]);
            fprintf(f, "</a>（%s，%zu 条警告）</li>\n", kind_label(feed->items[i].kind), nw);
        }
        fputs("</ol>\n</section>\n", f);
    }

    for (size_t k = 0; k < 3; k++) {
        size_t n = feed_count_kind(feed, kinds[k]);
        if (!n)
            continue;
        fprintf(f, "<h2>%s<small>%zu 条</small></h2>\n<div class=\"grid\">\n", kind_label(kinds[k]), n);
        for (size_t i = 0; i < feed->n_items; i++)
            if (feed->items[i].kind == kinds[k])
                item_card(f, p, i);
        fputs("</div>\n", f);
    }
    fputs("</main>\n<footer>由 qingfeng-feed preview 生成：截图由展示程序本身在无窗口模式下绘制，"
          "与屏幕上显示的一致。点击缩略图查看原图。</footer>\n</body>\n</html>\n",
          f);
}

static int write_index(struct preview *p, char *path, size_t len)
{
    int rc = -1;
    FILE *f = NULL;
    if (join(path, len, p->out, "index.html") != 0) {
        fprintf(stderr, msg(p, PM_TOO_LONG), p->out);
        goto out;
    }
    f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), path, strerror(errno));
        goto out;
    }
    write_sheet(f, p);
    if (ferror(f)) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), path, strerror(errno));
        goto out;
    }
    rc = 0;
out:
    if (f && fclose(f) != 0 && rc == 0) {
        fprintf(stderr, msg(p, PM_CANNOT_WRITE), path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* ---- the command ---------------------------------------------------------- */

int preview_main(int argc, char **argv, bool zh)
{
    struct preview p = {.zh = zh};
    char err[2048], index[PV_PATH];
    int rc = parse_args(&p, argc, argv);
    if (rc != PV_OK)
        goto out;
    rc = PV_WARNINGS;
    p.feed = feed_load_dir(p.dir, err, sizeof err);
    if (!p.feed) {
        fprintf(stderr, "%s\n", err);
        goto out;
    }
    if (p.feed->n_items == 0) {
        fprintf(stderr, msg(&p, PM_NO_ITEMS), p.dir);
        goto out;
    }
    if (find_kiosk(&p) != 0)
        goto out;
    if (make_dirs(p.out) != 0) {
        fprintf(stderr, msg(&p, PM_CANNOT_WRITE), p.out, strerror(errno));
        goto out;
    }
    p.shootable = calloc(p.feed->n_items, sizeof *p.shootable);
    p.have_shot = calloc(p.feed->n_items * PV_MAX_SIZES, sizeof *p.have_shot);
    if (!p.shootable || !p.have_shot) {
        fputs("qingfeng-feed: out of memory\n", stderr);
        goto out;
    }
    for (size_t i = 0; i < p.feed->n_items; i++) {
        p.shootable[i] = id_is_file_safe(p.feed->items[i].id);
        if (!p.shootable[i])
            add_warning(&p, W_BAD_ID, i,
                        "编号只能用英文字母、数字、- 和 _（最长 100 个字符），无法用作截图文件名，未生成预览", -1);
    }
    if (write_script(&p) != 0)
        goto out;
    if (setenv("SDL_VIDEODRIVER", "offscreen", 0) != 0) {
        fprintf(stderr, "qingfeng-feed preview: setenv: %s\n", strerror(errno));
        goto out;
    }
    render_all(&p);
    if (p.out_of_memory) {
        fputs("qingfeng-feed: out of memory\n", stderr);
        goto out;
    }
    if (write_index(&p, index, sizeof index) != 0)
        goto out;
    char sizes[PV_MAX_SIZES * 16] = "";
    for (size_t s = 0; s < p.n_sizes; s++) {
        size_t used = strlen(sizes);
        snprintf(sizes + used, sizeof sizes - used, "%s%s", s ? "," : "", p.sizes[s].name);
    }
    printf(msg(&p, PM_SUMMARY), p.feed->n_items, p.n_w, sizes);
    printf("%s\n", index);
    rc = p.n_w ? PV_WARNINGS : PV_OK;
out:
    free_warnings(&p);
    free(p.shootable);
    free(p.have_shot);
    feed_free(p.feed);
    return rc;
}
