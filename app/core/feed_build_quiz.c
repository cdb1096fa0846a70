#include "core/feed_build_quiz.h"

#include <errno.h>
#include <stdio.h>

#include "core/org_board.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define PATH_LEN 4096
/* Deep enough for any organiser's folders, and a stop for symlink loops. */
#define DEPTH_MAX 8

struct names {
    char **v;
    size_t n;
};

static int has_csv_extension(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

static int add_name(struct names *ns, const char *path)
{
    char **grown = realloc(ns->v, (ns->n + 1) * sizeof *grown);

    if (!grown)
        return -1;
    ns->v = grown;
    ns->v[ns->n] = strdup(path);
    if (!ns->v[ns->n])
        return -1;
    ns->n++;
    return 0;
}

/* Collects the .csv files under `dir`, names starting with "." left out.
 * Returns 0, or -1 when out of memory. */
static int collect(const char *dir, int depth, struct names *ns, struct diag *errs)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int rc = 0;

    if (!d) {
        if (errno != ENOENT || depth > 0)
            diag_field(errs, dir, 0, NULL, MSG_SYS_CANNOT_OPEN_FOLDER, msg_strerror(errs->lang, errno));
        return 0;
    }
    while (rc == 0 && (de = readdir(d))) {
        char path[PATH_LEN];
        struct stat st;
        int n;

        if (de->d_name[0] == '.')
            continue;
        n = snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (n < 0 || (size_t)n >= sizeof path) {
            diag_field(errs, dir, 0, NULL, MSG_SYS_PATH_TOO_LONG);
            continue;
        }
        if (stat(path, &st) != 0)
            continue; /* a dangling link: nothing to read */
        if (S_ISDIR(st.st_mode) && depth < DEPTH_MAX)
            rc = collect(path, depth + 1, ns, errs);
        else if (S_ISREG(st.st_mode) && has_csv_extension(de->d_name))
            rc = add_name(ns, path);
    }
    closedir(d);
    return rc;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Makes the bank.json text and checks it with the kiosk's loader. */
static int publish(struct feed_quiz *q, const char *src, struct diag *errs)
{
    struct diag self = { .lang = errs->lang };
    struct qbank check = { 0 };
    int rc = -1;

    q->json = qbank_to_json(&q->bank);
    if (!q->json) {
        diag_field(errs, src, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        return -1;
    }
    q->len = strlen(q->json);
    if (qbank_parse_json(&check, q->json, q->len, FEED_QUIZ_BANK_PATH, &self) < 0) {
        diag_field(errs, src, 0, NULL, MSG_SYS_SELF_CHECK, self.n ? self.lines[0] : "?");
        goto out;
    }
    if (sha256_hex_buffer(q->json, q->len, q->sha256) < 0) {
        diag_field(errs, src, 0, NULL, MSG_SIG_SODIUM);
        goto out;
    }
    rc = 0;
out:
    qbank_free(&check);
    diag_free(&self);
    if (rc < 0) {
        free(q->json);
        q->json = NULL;
    }
    return rc;
}

/* content/quiz/leaderboard.json, checked with the kiosk's reader. */
static int read_board(struct feed_quiz *q, const char *src, struct diag *errs)
{
    char path[PATH_LEN], why[400];
    struct org_board check;
    int n = snprintf(path, sizeof path, "%s/%s", src, FEED_QUIZ_BOARD_PATH);
    if (n < 0 || (size_t)n >= sizeof path) {
        diag_field(errs, src, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? 0 : diag_field(errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(errs->lang, errno)), -1;
    q->board = malloc(ORG_BOARD_MAX_BYTES + 1);
    q->board_len = q->board ? fread(q->board, 1, ORG_BOARD_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!q->board) {
        diag_field(errs, path, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
        return -1;
    }
    if (q->board_len > ORG_BOARD_MAX_BYTES)
        snprintf(why, sizeof why, "larger than 1 MiB");
    if (q->board_len > ORG_BOARD_MAX_BYTES || org_board_parse(q->board, q->board_len, &check, why, sizeof why) < 0 ||
        sha256_hex_buffer(q->board, q->board_len, q->board_sha256) < 0) {
        diag_field(errs, path, 0, NULL, MSG_QBANK_BOARD_BAD, why);
        free(q->board);
        q->board = NULL;
        return -1;
    }
    return 0;
}

int feed_quiz_read(const char *src, struct feed_quiz *q, struct diag *errs)
{
    struct names ns = { 0 };
    char dir[PATH_LEN];
    size_t before = errs->n;
    int oom = errs->out_of_memory, n = snprintf(dir, sizeof dir, "%s/%s", src, FEED_QUIZ_FOLDER);

    if (n < 0 || (size_t)n >= sizeof dir) {
        diag_field(errs, src, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return -1;
    }
    if (collect(dir, 0, &ns, errs) < 0)
        diag_field(errs, dir, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
    if (ns.n)
        qsort(ns.v, ns.n, sizeof *ns.v, path_cmp);
    /* every file is read, so one build lists the problems of all of them */
    for (size_t i = 0; i < ns.n; i++)
        qbank_read_csv(&q->bank, ns.v[i], errs);
    for (size_t i = 0; i < ns.n; i++)
        free(ns.v[i]);
    free(ns.v);
    if (errs->n != before || errs->out_of_memory != oom)
        return -1;
    if (!q->bank.n)
        return 0;
    if (publish(q, src, errs) < 0)
        return -1;
    return read_board(q, src, errs);
}

int feed_quiz_add_json(const struct feed_quiz *q, json_t *qingfeng)
{
    json_t *assets = json_object_get(qingfeng, "assets"), *asset, *quiz;
    size_t at = 0;

    if (!q->json)
        return 0;
    if (!json_is_array(assets))
        return -1;
    while (at < json_array_size(assets) &&
           strcmp(json_string_value(json_object_get(json_array_get(assets, at), "path")), FEED_QUIZ_BANK_PATH) < 0)
        at++;
    asset = json_pack("{s:s, s:I, s:s}", "path", FEED_QUIZ_BANK_PATH, "size", (json_int_t)q->len, "sha256", q->sha256);
    if (!asset || json_array_insert_new(assets, at, asset) < 0)
        return -1;
    quiz = json_pack("{s:s, s:I}", "bank", FEED_QUIZ_BANK_PATH, "questions", (json_int_t)q->bank.n);
    if (!quiz || json_object_set_new(qingfeng, "quiz", quiz) < 0)
        return -1;
    if (!q->board)
        return 0;
    /* quiz/bank.json < quiz/leaderboard.json: right after the bank */
    asset = json_pack("{s:s, s:I, s:s}", "path", FEED_QUIZ_BOARD_PATH, "size", (json_int_t)q->board_len, "sha256",
                      q->board_sha256);
    if (!asset || json_array_insert_new(assets, at + 1, asset) < 0)
        return -1;
    return json_object_set_new(quiz, "leaderboard", json_string(FEED_QUIZ_BOARD_PATH)) == 0 ? 0 : -1;
}

void feed_quiz_free(struct feed_quiz *q)
{
    qbank_free(&q->bank);
    free(q->json);
    q->json = NULL;
    q->len = 0;
    free(q->board);
    q->board = NULL;
    q->board_len = 0;
}
