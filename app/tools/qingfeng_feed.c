/* qingfeng-feed: builds a feed from the content source and checks built
 * feeds. It shares app/core with the kiosk, so the screens and the editors
 * run the same validator.
 *
 *   qingfeng-feed build SRC -o OUT   content/ -> OUT/feed.json + images
 *   qingfeng-feed check DIR|URL      validate DIR/feed.json and its assets
 *         [--pubkey KEY|FILE]        ... and its minisign signature; a URL
 *                                    (of feed.json or its folder) is
 *                                    downloaded first, as a screen would
 *   qingfeng-feed report DIR         quiz results uploaded under DIR by day
 *         [-o OUT.csv]               and department (tools/report.h)
 *         [--leaderboard FILE.json]
 *         [--stats-csv F]            ... and proof of play and usage
 *         [--usage-csv F] [--feed DIR]
 *   qingfeng-feed screens DIR        which screens are alive, from their
 *         [--csv OUT.csv]            heartbeats under DIR (tools/screens.h)
 *
 * Every message, the tool's own and the core's (file:line: field ...),
 * comes from the catalogue in core/msg.h: in Chinese when LC_ALL,
 * LC_MESSAGES or LANG (the first one set) starts with "zh", in English
 * otherwise.
 *
 * Exit status: 0 success, 1 content or feed errors, 2 wrong usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/durable.h"
#include "core/feed.h"
#include "core/feed_build.h"
#include "core/feed_build_quiz.h"
#include "core/feed_sig.h"
#include "core/minisign.h"
#include "core/msg.h"
#include "core/qbank.h"
#include "tools/feed_fetch.h"
#include "tools/preview.h"
#include "tools/report.h"
#include "tools/screens.h"

enum exit_code { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

static const char *M(enum msg_lang lang, enum msg_id id)
{
    return msg_fmt(lang, id);
}

static int is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "help") == 0;
}

/* Prints every line; with `local` set, that folder's path is shown as the
 * URL it was downloaded from. */
static void print_diag_as(const struct diag *d, const char *local, const char *url)
{
    size_t n = local ? strlen(local) : 0;

    for (size_t i = 0; i < d->n; i++) {
        const char *line = d->lines[i], *hit;
        while (n && (hit = strstr(line, local)) != NULL && hit[n] == '/') {
            fprintf(stderr, "%.*s%s", (int)(hit - line), line, url);
            line = hit + n + 1;
        }
        fprintf(stderr, "%s\n", line);
    }
    if (d->out_of_memory)
        fputs(M(d->lang, MSG_TOOL_OUT_OF_MEMORY), stderr);
}

static void print_diag(const struct diag *d)
{
    print_diag_as(d, NULL, NULL);
}

static int cmd_build(enum msg_lang lang, int argc, char **argv)
{
    const char *src = NULL, *out = NULL;
    struct feed_build_stats stats = { 0 };
    struct diag errs = { .lang = lang };
    int rc;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc) {
                fputs(M(lang, MSG_TOOL_NEED_OUT), stderr);
                return EXIT_USAGE;
            }
            out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out = a + 9;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, M(lang, MSG_TOOL_UNKNOWN_OPTION), a);
            return EXIT_USAGE;
        } else if (!src) {
            src = a;
        } else {
            fprintf(stderr, M(lang, MSG_TOOL_EXTRA_ARG), a);
            return EXIT_USAGE;
        }
    }
    if (!src) {
        fputs(M(lang, MSG_TOOL_NEED_SRC), stderr);
        return EXIT_USAGE;
    }
    if (!out || !*out) {
        fputs(M(lang, MSG_TOOL_NEED_OUT), stderr);
        return EXIT_USAGE;
    }
    if (feed_build(src, out, &stats, &errs) == 0) {
        printf(M(lang, MSG_TOOL_BUILD_OK), out, stats.n_items, stats.n_maxims, stats.n_cases, stats.n_stories,
               stats.n_assets);
        if (stats.n_questions)
            printf(M(lang, MSG_TOOL_BUILD_QUIZ), out, FEED_QUIZ_BANK_PATH, stats.n_questions);
        rc = EXIT_OK;
    } else {
        print_diag(&errs);
        fprintf(stderr, M(lang, MSG_TOOL_BUILD_FAILED), errs.n);
        rc = EXIT_ERRORS;
    }
    diag_free(&errs);
    return rc;
}

/* check DIR|URL [--pubkey KEY|FILE]: the feed, its assets and, with a key,
 * its signature. Every problem is printed; "ok" only when there is none.
 * A URL is downloaded into a temporary folder first. */
static int cmd_check(enum msg_lang lang, int argc, char **argv)
{
    struct diag errs = { .lang = lang };
    struct feed *feed;
    struct minisign_key key;
    struct qbank bank = { 0 };
    int have_bank = 0;
    const char *dir = NULL, *pubkey = NULL, *shown = NULL; /* shown: the URL checked */
    char comment[MINISIGN_SIG_MAX], key_id[MINISIGN_KEY_ID_HEX_LEN + 1];
    char tmp[] = "/tmp/qingfeng-check-XXXXXX", base[FETCH_BASE_MAX] = "";
    int have_key = 0, rc = EXIT_ERRORS;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--pubkey") == 0) {
            if (i + 1 >= argc || !*argv[i + 1]) {
                fputs(M(lang, MSG_TOOL_NEED_PUBKEY), stderr);
                return EXIT_USAGE;
            }
            pubkey = argv[++i];
        } else if (strncmp(a, "--pubkey=", 9) == 0) {
            pubkey = a + 9;
            if (!*pubkey) {
                fputs(M(lang, MSG_TOOL_NEED_PUBKEY), stderr);
                return EXIT_USAGE;
            }
        } else if (a[0] == '-') {
            fprintf(stderr, M(lang, MSG_TOOL_UNKNOWN_OPTION), a);
            return EXIT_USAGE;
        } else if (!dir) {
            dir = a;
        } else {
            fprintf(stderr, M(lang, MSG_TOOL_EXTRA_ARG), a);
            return EXIT_USAGE;
        }
    }
    if (!dir) {
        fputs(M(lang, MSG_TOOL_NEED_DIR), stderr);
        return EXIT_USAGE;
    }
    if (feed_fetch_is_url(dir)) {
        if (feed_fetch_base(dir, base, sizeof base) != 0) {
            fprintf(stderr, M(lang, MSG_TOOL_DOWNLOAD), dir, "address too long");
            return EXIT_USAGE;
        }
        if (!mkdtemp(tmp)) {
            fprintf(stderr, M(lang, MSG_TOOL_DOWNLOAD), dir, strerror(errno));
            return EXIT_ERRORS;
        }
        shown = dir;
        dir = tmp;
        if (feed_fetch_to_dir(base, dir, &errs) != 0) {
            print_diag(&errs);
            fprintf(stderr, M(lang, MSG_TOOL_CHECK_FAILED), errs.n ? errs.n : (size_t)1, shown);
            dur_remove_tree(tmp);
            diag_free(&errs);
            return EXIT_ERRORS;
        }
    }
    if (pubkey)
        have_key = minisign_key_load_diag(pubkey, &key, &errs) == 0;
    /* the parse error, or one line per bad asset */
    feed = feed_load_dir_diag(dir, &errs);
    /* the signature, unless feed.json could not be read at all (said above) */
    if (have_key && diag_find(&errs, MSG_FEED_CANNOT_READ) < 0 && diag_find(&errs, MSG_FEED_FILE_TOO_BIG) < 0)
        feed_sig_verify_dir(dir, &key, comment, sizeof comment, &errs);
    /* the quiz bank with the kiosk's loader, once its bytes are known good */
    if (feed && errs.n == 0 && feed->quiz_bank) {
        char bank_path[4096];
        if (snprintf(bank_path, sizeof bank_path, "%s/%s", dir, feed->quiz_bank) >= (int)sizeof bank_path)
            diag_field(&errs, dir, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        else if (qbank_load_json_diag(&bank, bank_path, &errs) == 0)
            have_bank = 1;
    }
    if (feed && errs.n == 0 && !errs.out_of_memory) {
        printf(M(lang, MSG_TOOL_CHECK_OK), feed->n_items, feed_count_kind(feed, ITEM_MAXIM),
               feed_count_kind(feed, ITEM_CASE), feed_count_kind(feed, ITEM_STORY), feed->n_assets);
        if (have_bank)
            printf(M(lang, MSG_TOOL_CHECK_QUIZ), feed->quiz_bank, bank.n);
        if (have_key) {
            minisign_key_id_hex(key.key_id, key_id);
            printf(M(lang, MSG_TOOL_SIG_OK), key_id, comment);
        }
        rc = EXIT_OK;
    } else {
        print_diag_as(&errs, shown ? tmp : NULL, base);
        fprintf(stderr, M(lang, MSG_TOOL_CHECK_FAILED), errs.n ? errs.n : (size_t)1, shown ? shown : dir);
    }
    if (shown)
        dur_remove_tree(tmp);
    qbank_free(&bank);
    feed_free(feed);
    diag_free(&errs);
    return rc;
}

int main(int argc, char **argv)
{
    enum msg_lang lang = msg_lang_from_env(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));

    for (int i = 1; i < argc; i++) {
        if (is_help(argv[i])) {
            fputs(M(lang, MSG_TOOL_USAGE), stdout);
            return EXIT_OK;
        }
    }
    if (argc < 2) {
        fputs(M(lang, MSG_TOOL_USAGE), stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "build") == 0)
        return cmd_build(lang, argc - 2, argv + 2);
    if (strcmp(argv[1], "check") == 0)
        return cmd_check(lang, argc - 2, argv + 2);
    if (strcmp(argv[1], "preview") == 0)
        return preview_main(argc - 2, argv + 2, lang == MSG_LANG_ZH);
    if (strcmp(argv[1], "report") == 0)
        return report_main(lang, argc - 2, argv + 2);
    if (strcmp(argv[1], "screens") == 0)
        return screens_main(argc - 2, argv + 2, lang == MSG_LANG_ZH);
    fprintf(stderr, M(lang, MSG_TOOL_UNKNOWN_COMMAND), argv[1]);
    return EXIT_USAGE;
}
