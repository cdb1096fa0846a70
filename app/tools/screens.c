#include "tools/screens.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/durable.h"
#include "core/feed.h"
#include "core/screens.h"

#define STATUS_MAX_BYTES (1u << 20)
#define WALK_DEPTH 6

struct found {
    struct screen_row *rows;
    size_t n, cap;
    size_t bad;
};

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* One screens/<id>/status.json; a bad one is a line on stderr. */
static void read_one(struct found *f, const char *dir, const char *name, bool zh)
{
    char *path = path_fmt("%s/%s/status.json", dir, name), *text = NULL, err[256];
    size_t len = 0;
    if (!path)
        return;
    struct stat st;
    if (stat(path, &st) != 0) { /* a folder without a status (yet): nothing to say about it */
        free(path);
        return;
    }
    struct screen_row row;
    if (feed_read_file(path, STATUS_MAX_BYTES, &text, &len) != 0) {
        fprintf(stderr, zh ? "%s：无法读取（%s），已跳过\n" : "%s: cannot read (%s); skipped\n", path,
                strerror(errno));
        f->bad++;
    } else if (screens_parse(text, len, &row, err, sizeof err) != 0) {
        fprintf(stderr, zh ? "%s：%s；不是展示屏的心跳文件，已跳过\n" : "%s: %s; not a screen's heartbeat, skipped\n",
                path, err);
        f->bad++;
    } else {
        if (f->n == f->cap) {
            size_t cap = f->cap ? f->cap * 2 : 16;
            struct screen_row *more = realloc(f->rows, cap * sizeof *more);
            if (!more) {
                fprintf(stderr, "out of memory\n");
                f->bad++;
                free(text);
                free(path);
                return;
            }
            f->rows = more;
            f->cap = cap;
        }
        f->rows[f->n++] = row;
    }
    free(text);
    free(path);
}

/* Every <id>/status.json in a screens folder. */
static int read_screens(struct found *f, const char *dir, bool zh)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (e->d_name[0] != '.')
            read_one(f, dir, e->d_name, zh);
    closedir(d);
    return 0;
}

/* Every folder named "screens" below dir: screens may share one report_url
 * or each have its own (.../reports/lobby-1/screens/lobby-1/). */
static int walk(struct found *f, const char *dir, int depth, bool zh)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char *sub = path_fmt("%s/%s", dir, e->d_name);
        if (sub && is_dir(sub)) {
            if (!strcmp(e->d_name, "screens"))
                read_screens(f, sub, zh);
            else if (strcmp(e->d_name, "results") && depth < WALK_DEPTH) /* quiz results hold no screens */
                walk(f, sub, depth + 1, zh);
        }
        free(sub);
    }
    closedir(d);
    return 0;
}

static int write_csv(const char *path, const struct found *f, int64_t now, bool zh)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
        fprintf(stderr, zh ? "%s：无法写入（%s）\n" : "%s: cannot write (%s)\n", path, strerror(errno));
        return -1;
    }
    screens_print_csv(m, f->rows, f->n, now);
    fclose(m);
    int rc = dur_replace_path(path, buf, len);
    if (rc != 0)
        fprintf(stderr, zh ? "%s：无法写入（%s）\n" : "%s: cannot write (%s)\n", path, strerror(errno));
    free(buf);
    return rc;
}

int screens_main(int argc, char **argv, bool zh)
{
    const char *dir = NULL, *csv = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--csv")) {
            csv = i + 1 < argc ? argv[++i] : NULL;
            if (!csv || !*csv) {
                fputs(zh ? "--csv 后面要写输出文件名\n" : "--csv needs a file name\n", stderr);
                return 2;
            }
        } else if (!strncmp(a, "--csv=", 6) && a[6]) {
            csv = a + 6;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, zh ? "未知选项 %s\n" : "unknown option %s\n", a);
            return 2;
        } else if (!dir) {
            dir = a;
        } else {
            fprintf(stderr, zh ? "多余的参数 %s\n" : "extra argument %s\n", a);
            return 2;
        }
    }
    if (!dir) {
        fputs(zh ? "用法：qingfeng-feed screens 目录 [--csv 输出.csv]\n"
                 : "usage: qingfeng-feed screens DIR [--csv OUT.csv]\n",
              stderr);
        return 2;
    }
    struct found f = {0};
    const char *name = strrchr(dir, '/');
    name = name && name[1] ? name + 1 : dir;
    int walked = !strcmp(name, "screens") ? read_screens(&f, dir, zh) : walk(&f, dir, 0, zh);
    if (walked != 0) {
        fprintf(stderr, zh ? "%s：无法读取目录（%s）\n" : "%s: cannot read the folder (%s)\n", dir, strerror(errno));
        return 1;
    }

    int64_t now = (int64_t)time(NULL);
    int rc = f.bad ? 1 : 0;
    size_t count[3] = {0};
    if (f.n == 0) {
        fprintf(stderr,
                zh ? "%s 下没有展示屏的心跳（应为 screens/<屏幕编号>/status.json；检查 [report] url 和 heartbeat_minutes）\n"
                   : "no screen heartbeats under %s (expected screens/<screen_id>/status.json; check [report] url and "
                     "heartbeat_minutes on the screens)\n",
                dir);
        rc = 1;
    } else {
        screens_sort(f.rows, f.n);
        screens_print_table(stdout, f.rows, f.n, now);
        for (size_t i = 0; i < f.n; i++)
            count[screens_state(&f.rows[i], now)]++;
        if (count[SCREEN_SILENT])
            rc = 1;
        fprintf(stderr,
                zh ? "共 %zu 块屏：在线 %zu，迟到 %zu，失联 %zu（迟到：超过 %d 个心跳间隔未报；失联：超过 %d 个）\n"
                   : "%zu screens: %zu alive, %zu late, %zu silent (late: nothing for over %d heartbeat intervals; "
                     "silent: over %d)\n",
                f.n, count[SCREEN_ALIVE], count[SCREEN_LATE], count[SCREEN_SILENT], SCREENS_LATE_INTERVALS,
                SCREENS_SILENT_INTERVALS);
    }
    if (csv && write_csv(csv, &f, now, zh) != 0)
        rc = 1;
    free(f.rows);
    return rc;
}
