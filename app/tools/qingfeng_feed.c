/* qingfeng-feed: builds a feed from the content source and checks built
 * feeds. It shares app/core with the kiosk, so the screens and the editors
 * run the same validator.
 *
 *   qingfeng-feed build SRC -o OUT   content/ -> OUT/feed.json + images
 *   qingfeng-feed check DIR          validate DIR/feed.json and its assets
 *
 * Exit status: 0 success, 1 content or feed errors, 2 wrong usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/feed.h"
#include "core/feed_build.h"
#include "core/frontmatter.h"

enum exit_code { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

enum lang { LANG_EN, LANG_ZH };

/* Every message the tool itself prints, in one place. Messages from the
 * core (file:line: field ...) are passed through as they are. */
enum msg {
    MSG_USAGE,
    MSG_BUILD_OK,
    MSG_CHECK_OK,
    MSG_BUILD_FAILED,
    MSG_CHECK_FAILED,
    MSG_UNKNOWN_COMMAND,
    MSG_UNKNOWN_OPTION,
    MSG_NEED_SRC,
    MSG_NEED_OUT,
    MSG_NEED_DIR,
    MSG_EXTRA_ARG,
    MSG_COUNT
};

static const char *const messages[MSG_COUNT][2] = {
    [MSG_USAGE] = {
        "usage: qingfeng-feed build SRC -o OUT   build OUT/feed.json and copy images from the content folder SRC\n"
        "       qingfeng-feed check DIR          check DIR/feed.json and the size and SHA-256 of every asset\n"
        "       qingfeng-feed --help             show this help\n"
        "\n"
        "SRC holds feed.ini, maxims/, cases/, stories/ (Markdown with a --- header) and images/;\n"
        "see docs/content-format.md. Exit status: 0 ok, 1 errors found, 2 wrong usage.\n",
        "用法：qingfeng-feed build 源目录 -o 输出目录   由内容源目录生成 输出目录/feed.json 并复制图片\n"
        "      qingfeng-feed check 目录                 检查 目录/feed.json 及每个素材的大小和 SHA-256\n"
        "      qingfeng-feed --help                     显示本帮助\n"
        "\n"
        "源目录包含 feed.ini、maxims/（廉语）、cases/（警示案例）、stories/（身边典型，均为带 --- 头部的\n"
        "Markdown 文件）和 images/（图片），详见 docs/content-format.md。\n"
        "退出码：0 成功，1 发现错误，2 用法错误。\n",
    },
    [MSG_BUILD_OK] = {
        "wrote %s/feed.json: %zu items (%zu maxims, %zu cases, %zu stories), %zu assets\n",
        "已生成 %s/feed.json：共 %zu 条（廉语 %zu 条，警示案例 %zu 条，身边典型 %zu 条），素材 %zu 个\n",
    },
    [MSG_CHECK_OK] = {
        "ok: %zu items (%zu maxims, %zu cases, %zu stories), %zu assets\n",
        "通过：共 %zu 条（廉语 %zu 条，警示案例 %zu 条，身边典型 %zu 条），素材 %zu 个\n",
    },
    [MSG_BUILD_FAILED] = {
        "%zu problem(s) found; nothing was written\n",
        "发现 %zu 处问题，未写入任何文件\n",
    },
    [MSG_CHECK_FAILED] = {
        "%zu problem(s) found in %s\n",
        "发现 %zu 处问题：%s\n",
    },
    [MSG_UNKNOWN_COMMAND] = {
        "qingfeng-feed: unknown command \"%s\"; use build or check (see --help)\n",
        "qingfeng-feed：未知命令“%s”；请用 build 或 check（见 --help）\n",
    },
    [MSG_UNKNOWN_OPTION] = {
        "qingfeng-feed: unknown option \"%s\" (see --help)\n",
        "qingfeng-feed：未知选项“%s”（见 --help）\n",
    },
    [MSG_NEED_SRC] = {
        "qingfeng-feed build: give the content folder, e.g. qingfeng-feed build content -o build/feed\n",
        "qingfeng-feed build：请给出内容源目录，例如 qingfeng-feed build content -o build/feed\n",
    },
    [MSG_NEED_OUT] = {
        "qingfeng-feed build: give the output folder with -o, e.g. -o build/feed\n",
        "qingfeng-feed build：请用 -o 给出输出目录，例如 -o build/feed\n",
    },
    [MSG_NEED_DIR] = {
        "qingfeng-feed check: give the feed folder, e.g. qingfeng-feed check build/feed\n",
        "qingfeng-feed check：请给出 feed 目录，例如 qingfeng-feed check build/feed\n",
    },
    [MSG_EXTRA_ARG] = {
        "qingfeng-feed: unexpected argument \"%s\" (see --help)\n",
        "qingfeng-feed：多余的参数“%s”（见 --help）\n",
    },
};

/* Chinese when the first set of LC_ALL, LC_MESSAGES, LANG starts with "zh". */
static enum lang pick_lang(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
    }
    return LANG_EN;
}

static const char *M(enum lang lang, enum msg m)
{
    return messages[m][lang];
}

static int is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0;
}

static void print_diag(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    if (d->out_of_memory)
        fputs("qingfeng-feed: out of memory\n", stderr);
}

static int cmd_build(enum lang lang, int argc, char **argv)
{
    const char *src = NULL, *out = NULL;
    struct feed_build_stats stats = { 0 };
    struct diag errs = { 0 };
    int rc;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc) {
                fputs(M(lang, MSG_NEED_OUT), stderr);
                return EXIT_USAGE;
            }
            out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out = a + 9;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, M(lang, MSG_UNKNOWN_OPTION), a);
            return EXIT_USAGE;
        } else if (!src) {
            src = a;
        } else {
            fprintf(stderr, M(lang, MSG_EXTRA_ARG), a);
            return EXIT_USAGE;
        }
    }
    if (!src) {
        fputs(M(lang, MSG_NEED_SRC), stderr);
        return EXIT_USAGE;
    }
    if (!out || !*out) {
        fputs(M(lang, MSG_NEED_OUT), stderr);
        return EXIT_USAGE;
    }
    if (feed_build(src, out, &stats, &errs) == 0) {
        printf(M(lang, MSG_BUILD_OK), out, stats.n_items, stats.n_maxims, stats.n_cases, stats.n_stories,
               stats.n_assets);
        rc = EXIT_OK;
    } else {
        print_diag(&errs);
        fprintf(stderr, M(lang, MSG_BUILD_FAILED), errs.n);
        rc = EXIT_ERRORS;
    }
    diag_free(&errs);
    return rc;
}

static void report_line(void *ctx, const char *message)
{
    fprintf(stderr, "%s\n", message);
    (*(size_t *)ctx)++;
}

static int cmd_check(enum lang lang, int argc, char **argv)
{
    char path[4096], err[2048];
    struct feed *feed;
    size_t problems = 0;
    int rc = EXIT_ERRORS;

    if (argc < 1) {
        fputs(M(lang, MSG_NEED_DIR), stderr);
        return EXIT_USAGE;
    }
    if (argc > 1) {
        fprintf(stderr, M(lang, MSG_EXTRA_ARG), argv[1]);
        return EXIT_USAGE;
    }
    if (argv[0][0] == '-') {
        fprintf(stderr, M(lang, MSG_UNKNOWN_OPTION), argv[0]);
        return EXIT_USAGE;
    }
    if (snprintf(path, sizeof path, "%s/feed.json", argv[0]) >= (int)sizeof path) {
        fprintf(stderr, "%s: path is too long\n", argv[0]);
        return EXIT_ERRORS;
    }
    feed = feed_load_file(path, err, sizeof err);
    if (!feed) {
        fprintf(stderr, "%s\n", err);
        problems = 1;
    } else {
        feed_verify_assets(feed, argv[0], report_line, &problems);
    }
    if (problems == 0) {
        printf(M(lang, MSG_CHECK_OK), feed->n_items, feed_count_kind(feed, ITEM_MAXIM),
               feed_count_kind(feed, ITEM_CASE), feed_count_kind(feed, ITEM_STORY), feed->n_assets);
        rc = EXIT_OK;
    } else {
        fprintf(stderr, M(lang, MSG_CHECK_FAILED), problems, argv[0]);
    }
    feed_free(feed);
    return rc;
}

int main(int argc, char **argv)
{
    enum lang lang = pick_lang();

    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(M(lang, MSG_USAGE), stdout);
            return EXIT_OK;
        }
    }
    if (argc < 2) {
        fputs(M(lang, MSG_USAGE), stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "build") == 0)
        return cmd_build(lang, argc - 2, argv + 2);
    if (strcmp(argv[1], "check") == 0)
        return cmd_check(lang, argc - 2, argv + 2);
    fprintf(stderr, M(lang, MSG_UNKNOWN_COMMAND), argv[1]);
    return EXIT_USAGE;
}
