/* Question banks (app/core/qbank_csv.c, qbank_json.c): organisers' CSV in
 * every encoding and quoting Excel and WPS write, every problem reported
 * with its file, line and column in both languages, and bank.json written
 * and loaded back with every field checked.
 *
 * Two fixture tables, one fixture per message id of the range
 * MSG_QBANK_FIRST..MSG_QBANK_LAST (test_every_bank_message_has_a_fixture):
 *   - CSV fixtures: files written into a fresh folder, read in order into
 *     one bank with qbank_read_csv;
 *   - bank.json fixtures: an edit of a good bank, parsed with
 *     qbank_parse_json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/qbank.h"

#include "tmp_tree.h"

/* ---- temporary folders ------------------------------------------------------ */

static void make_tmp(char *dir, size_t len)
{
    snprintf(dir, len, "/tmp/qf-test-qbank-XXXXXX");
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
}

static void write_file(const char *dir, const char *rel, const char *data, size_t len)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write %s", path);
    if (len && fwrite(data, 1, len, f) != len)
        fail_msg("cannot write %s", path);
    assert_int_equal(fclose(f), 0);
}

static void print_diag(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_message("    [%s] %s\n", msg_name(d->ids[i]), d->lines[i]);
}

/* Reads dir/rel into b; the messages go to errs. */
static int read_csv(struct qbank *b, const char *dir, const char *rel, struct diag *errs)
{
    char path[1024];

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return qbank_read_csv(b, path, errs);
}

/* ---- checking one message ------------------------------------------------------ */

static const char *const lang_name[] = { "en", "zh" };

/* What a fixture must produce. `line` 0: no line; `where` NULL: no column
 * (CSV) or path (JSON) part. */
struct expect {
    enum msg_id id;
    const char *file; /* relative to the fixture's folder */
    int line;
    const char *where;
    const char *text[MSG_LANG_COUNT]; /* a fragment of the wording */
};

/* Finds the fixture's message in `d` and checks its parts; `path_style`
 * selects bank.json's "<path>: " over the CSV's "column \"X\": ". */
static void check_message(const struct diag *d, const char *dir, const struct expect *e, int path_style)
{
    enum msg_lang lang = d->lang;
    char start[1280], where[256];
    const char *m, *rest;
    long at = diag_find(d, e->id);

    if (at < 0) {
        print_diag(d);
        fail_msg("%s [%s]: the message was not produced", msg_name(e->id), lang_name[lang]);
    }
    m = d->lines[at];
    if (e->line > 0)
        snprintf(start, sizeof start, "%s/%s:%d: ", dir, e->file, e->line);
    else
        snprintf(start, sizeof start, "%s/%s: ", dir, e->file);
    if (strncmp(m, start, strlen(start)) != 0)
        fail_msg("%s [%s]: expected the message to start with\n  \"%s\"\ngot\n  \"%s\"", msg_name(e->id),
                 lang_name[lang], start, m);
    rest = m + strlen(start);
    if (e->where) {
        if (path_style)
            snprintf(where, sizeof where, lang == MSG_LANG_ZH ? "%s：" : "%s: ", e->where);
        else
            snprintf(where, sizeof where, lang == MSG_LANG_ZH ? "列 \"%s\"：" : "column \"%s\": ", e->where);
        if (strncmp(rest, where, strlen(where)) != 0)
            fail_msg("%s [%s]: expected \"%s\" after the line in\n  \"%s\"", msg_name(e->id), lang_name[lang], where,
                     m);
        rest += strlen(where);
    } else if (strncmp(rest, "column \"", 8) == 0 || strncmp(rest, "列 \"", strlen("列 \"")) == 0) {
        fail_msg("%s [%s]: unexpected column part in \"%s\"", msg_name(e->id), lang_name[lang], m);
    }
    if (!strstr(rest, e->text[lang]))
        fail_msg("%s [%s]: expected \"%s\" in\n  \"%s\"", msg_name(e->id), lang_name[lang], e->text[lang], m);
    if (!strstr(rest, lang == MSG_LANG_ZH ? "；" : "; "))
        fail_msg("%s [%s]: no \"what to do\" part in \"%s\"", msg_name(e->id), lang_name[lang], m);
    if (lang == MSG_LANG_ZH && strstr(rest, e->text[MSG_LANG_EN]))
        fail_msg("%s [zh]: English wording in \"%s\"", msg_name(e->id), m);
}

/* ---- CSV fixtures ------------------------------------------------------------------ */

#define H "题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处,分类,难度\n"
#define ROW_OK "单选,题目一,甲,乙,丙,丁,B,因为。,《准则》,纪律,易\n"
#define TAIL ",因为。,《准则》,纪律,易\n" /* 解析 … 难度 of a good row */
#define TEN "一二三四五六七八九十"

enum special {
    PLAIN,
    BIG_FILE,   /* a.csv over QBANK_FILE_MAX_BYTES */
    UTF16_FILE, /* a.csv in UTF-16 with its byte order mark */
    MANY_CELLS, /* a.csv: a row of CSV_CELLS_MAX + 1 cells on line 2 */
    BIG_CELL,   /* a.csv: a 题干 over CSV_CELL_MAX_BYTES on line 2 */
    FULL_BANK,  /* the bank already holds QBANK_QUESTIONS_MAX questions */
};

struct csv_fixture {
    struct expect e;
    enum special special;
    struct {
        const char *rel, *text;
    } files[2];
};

static const struct csv_fixture csv_fixtures[] = {
    { { MSG_QBANK_TOO_LARGE, "a.csv", 0, NULL, { "file is larger than 8 MiB", "文件超过 8 MiB" } }, BIG_FILE, { { NULL, NULL } } },
    { { MSG_QBANK_UTF16, "a.csv", 0, NULL, { "the file is UTF-16 text", "文件是 UTF-16 文本" } },
      UTF16_FILE, { { NULL, NULL } } },
    { { MSG_QBANK_BAD_ENCODING, "a.csv", 2, NULL,
        { "neither UTF-8 nor GB18030/GBK (byte 0xff at offset 91)", "无法识别字节 0xff，偏移量 91" } },
      PLAIN, { { "a.csv", H "单选,题\xff目\n" } } },
    { { MSG_QBANK_QUOTE_UNCLOSED, "a.csv", 2, "题干", { "a quote opened here is never closed", "这里的引号没有配对" } },
      PLAIN, { { "a.csv", H "单选,\"题目\n甲,乙\n" } } },
    { { MSG_QBANK_TEXT_AFTER_QUOTE, "a.csv", 2, "题干",
        { "there is text after the closing quote", "引号结束后还有文字" } },
      PLAIN, { { "a.csv", H "单选,\"题目\"一,甲,乙,,,A" TAIL } } },
    { { MSG_QBANK_TOO_MANY_CELLS, "a.csv", 2, NULL, { "the row has more than 64 cells", "这一行超过 64 格" } },
      MANY_CELLS, { { NULL, NULL } } },
    { { MSG_QBANK_CELL_TOO_BIG, "a.csv", 2, "题干", { "the cell is over 64 KiB", "这一格超过 64 KiB" } },
      BIG_CELL, { { NULL, NULL } } },
    { { MSG_QBANK_NO_HEADER, "a.csv", 0, NULL, { "the file is empty", "文件是空的" } },
      PLAIN, { { "a.csv", "\n,,,\n" } } },
    { { MSG_QBANK_NO_QUESTIONS, "a.csv", 1, NULL,
        { "there are no questions under the header row", "表头下面没有题目" } },
      PLAIN, { { "a.csv", H ",,,,\n" } } },
    { { MSG_QBANK_COLUMN_MISSING, "a.csv", 1, "出处",
        { "missing from the header row; add a column named 出处", "请在第一行加上名为“出处”的一列" } },
      PLAIN, { { "a.csv", "题型,题干,选项A,选项B,选项C,选项D,答案,解析,分类,难度\n" ROW_OK } } },
    { { MSG_QBANK_COLUMN_TWICE, "a.csv", 1, "题干",
        { "is in the header row twice (columns 2 and 12)", "表头中出现了两次（第 2 列和第 12 列）" } },
      PLAIN, { { "a.csv", "题型,题干,选项A,选项B,选项C,选项D,答案,解析,出处,分类,难度,题干\n" } } },
    { { MSG_QBANK_EXTRA_CELLS, "a.csv", 2, NULL,
        { "the row has 12 cells but the header names 11 columns", "这一行有 12 格，但表头只有 11 列" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,丙,丁,B,因为。,《准则》,纪律,易,多余\n" } } },
    { { MSG_QBANK_EMPTY, "a.csv", 3, "解析", { "is empty; every question needs it", "这一格是空的" } },
      PLAIN, { { "a.csv", H ROW_OK "单选,题目二,甲,乙,丙,丁,B,,《准则》,纪律,易\n" } } },
    { { MSG_QBANK_TYPE_UNKNOWN, "a.csv", 2, "题型",
        { "\"填空\" is not a question type; write 单选, 多选 or 判断", "“填空”不是可用的题型" } },
      PLAIN, { { "a.csv", H "填空,题目一,甲,乙,丙,丁,B" TAIL } } },
    { { MSG_QBANK_LEVEL_UNKNOWN, "a.csv", 2, "难度", { "\"很难\" is not a difficulty", "“很难”不是可用的难度" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,丙,丁,B,因为。,《准则》,纪律,很难\n" } } },
    { { MSG_QBANK_TOO_LONG, "a.csv", 2, "题干",
        { "is 151 characters long, over the limit of 150", "有 151 个字，超过了 150 个字的上限" } },
      PLAIN, { { "a.csv", H "单选," TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN "题,甲,乙,丙,丁,B" TAIL } } },
    { { MSG_QBANK_OPTION_GAP, "a.csv", 2, "选项B", { "is empty but 选项C is filled", "后面的 选项C 有内容" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,,丙,丁,A" TAIL } } },
    { { MSG_QBANK_TOO_FEW_OPTIONS, "a.csv", 2, "选项B", { "needs at least 2 options", "至少要有 2 个选项" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,,,,A" TAIL } } },
    { { MSG_QBANK_OPTION_SAME, "a.csv", 2, "选项C", { "\"甲\" is the same as 选项A", "“甲”与 选项A 相同" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,甲,丁,A" TAIL } } },
    { { MSG_QBANK_JUDGE_OPTIONS, "a.csv", 2, "选项A",
        { "a 判断 question has no options of its own", "判断题不用填选项" } },
      PLAIN, { { "a.csv", H "判断,题目一,甲,,,,正确" TAIL } } },
    { { MSG_QBANK_ANSWER_BAD, "a.csv", 2, "答案", { "\"G\" is not an answer", "“G”不是答案的写法" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,丙,丁,G" TAIL } } },
    { { MSG_QBANK_ANSWER_NOT_OPTION, "a.csv", 2, "答案",
        { "\"C\" names option C, which is empty", "“C”中的 C 对应的选项是空的" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,,,C" TAIL } } },
    { { MSG_QBANK_ANSWER_NOT_ONE, "a.csv", 2, "答案",
        { "\"AB\" gives 2 answers, but a 单选 question has exactly one", "“AB”有 2 个答案，但单选题只能有一个" } },
      PLAIN, { { "a.csv", H "单选,题目一,甲,乙,丙,丁,AB" TAIL } } },
    { { MSG_QBANK_ANSWER_MULTI_ONE, "a.csv", 2, "答案",
        { "\"A\" gives one answer, but a 多选 question has at least two", "“A”只有一个答案，但多选题至少要有两个" } },
      PLAIN, { { "a.csv", H "多选,题目一,甲,乙,丙,丁,A" TAIL } } },
    { { MSG_QBANK_JUDGE_ANSWER, "a.csv", 2, "答案",
        { "\"是\" is not an answer to a 判断 question", "“是”不是判断题的答案" } },
      PLAIN, { { "a.csv", H "判断,题目一,,,,,是" TAIL } } },
    { { MSG_QBANK_DUPLICATE, "b.csv", 3, "题干", { "the same question is already in ", "同样的题目已经出现在 " } },
      PLAIN,
      { { "a.csv", H ROW_OK }, { "b.csv", H "判断,题目二,,,,,对" TAIL "多选,\u3000题目一 ,甲,乙,丙,丁,AB" TAIL } } },
    { { MSG_QBANK_TOO_MANY, "a.csv", 2, NULL,
        { "the bank reaches its limit of 10000 questions here", "题库到这里超过了 10000 道题的上限" } },
      FULL_BANK, { { "a.csv", H ROW_OK } } },
};

/* Writes the fixture's files into dir. */
static void write_fixture(const struct csv_fixture *f, const char *dir)
{
    char path[1024];
    char *text;
    size_t n;
    int fd;

    switch (f->special) {
    case BIG_FILE:
        snprintf(path, sizeof path, "%s/a.csv", dir);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, (off_t)QBANK_FILE_MAX_BYTES + 1), 0);
        assert_int_equal(close(fd), 0);
        return;
    case MANY_CELLS:
        n = strlen(H);
        text = malloc(n + 2 * (CSV_CELLS_MAX + 1) + 1);
        assert_non_null(text);
        memcpy(text, H, n);
        for (int i = 0; i <= CSV_CELLS_MAX; i++, n += 2)
            memcpy(text + n, i < CSV_CELLS_MAX ? "x," : "x\n", 2);
        write_file(dir, "a.csv", text, n);
        free(text);
        return;
    case BIG_CELL:
        n = strlen(H "单选,");
        text = malloc(n + 70000 + 64);
        assert_non_null(text);
        memcpy(text, H "单选,", n);
        memset(text + n, 'x', 70000);
        n += 70000;
        memcpy(text + n, ",甲,乙,,,A\n", strlen(",甲,乙,,,A\n"));
        n += strlen(",甲,乙,,,A\n");
        write_file(dir, "a.csv", text, n);
        free(text);
        return;
    case UTF16_FILE:
        write_file(dir, "a.csv", "\xff\xfe\x98\x98\x8b\x57", 6);
        return;
    case PLAIN:
    case FULL_BANK:
        break;
    }
    for (size_t i = 0; i < 2 && f->files[i].rel; i++)
        write_file(dir, f->files[i].rel, f->files[i].text, strlen(f->files[i].text));
}

/* A bank at its limit: ids that no stem has, no texts. */
static void fill_bank(struct qbank *b)
{
    b->q = calloc(QBANK_QUESTIONS_MAX, sizeof *b->q);
    assert_non_null(b->q);
    for (size_t i = 0; i < QBANK_QUESTIONS_MAX; i++)
        snprintf(b->q[i].id, sizeof b->q[i].id, "zz%014zu", i);
    b->n = QBANK_QUESTIONS_MAX;
}

static void test_csv_messages_name_file_line_column(void **state)
{
    for (size_t i = 0; i < sizeof csv_fixtures / sizeof csv_fixtures[0]; i++) {
        const struct csv_fixture *f = &csv_fixtures[i];
        char dir[64];

        make_tmp(dir, sizeof dir);
        write_fixture(f, dir);
        for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
            struct diag errs = { .lang = (enum msg_lang)lang };
            struct qbank b = { 0 };
            int rc = 0;

            if (f->special == FULL_BANK)
                fill_bank(&b);
            if (f->special != PLAIN && f->special != FULL_BANK) {
                rc = read_csv(&b, dir, "a.csv", &errs);
            } else {
                for (size_t k = 0; k < 2 && f->files[k].rel; k++)
                    rc = read_csv(&b, dir, f->files[k].rel, &errs);
            }
            assert_int_equal(rc, -1); /* the last file has the problem */
            check_message(&errs, dir, &f->e, 0);
            qbank_free(&b);
            diag_free(&errs);
        }
        remove_tree(dir);
    }
}

/* ---- reading good files ------------------------------------------------------------ */

/* Columns in another order than the documented one, 选项E/选项F, blank
 * rows, a column the reader does not know, quoted cells with commas,
 * quotes and line breaks, white space around cells. */
static const char good_csv[] =
    "分类,难度,题型,题干,答案,选项A,选项B,选项C,选项D,选项E,选项F,解析,出处,备注\r\n"                  /* 1 */
    "纪律,易,单选,\"收到红包，正确的做法是？\",B,收下,\"一律不收，及时报告\",转给工会,,,,"
    "\"红包一律不收。\r\n无法退回的，及时报告。\",《中国共产党廉洁自律准则》,第一题\r\n"                 /* 2-3 */
    ",,,,,,,,,,,,,\r\n"                                                                                   /* 4 */
    "纪律,中等,多选题, 哪些属于礼金？ ,\"A, C、F\",电子红包,工作餐,购物卡,会员卡,提货券,消费卡,"
    "\"“小意思”也是礼金，\"\"人情\"\"也不例外。\",《中国共产党纪律处分条例》,\r\n"                      /* 5 */
    "\r\n"                                                                                                /* 6 */
    "常识,难,判断,小额红包可以收。,×,,,,,,,不论金额大小。,《中国共产党廉洁自律准则》,\r\n";            /* 7 */

static void check_good_bank(const struct qbank *b)
{
    const struct qbank_question *q;

    assert_int_equal(b->n, 3);
    q = &b->q[0];
    assert_int_equal(q->type, QBANK_SINGLE);
    assert_string_equal(q->stem, "收到红包，正确的做法是？");
    assert_int_equal(q->n_options, 3);
    assert_string_equal(q->options[1], "一律不收，及时报告");
    assert_int_equal(q->answer, 1u << 1);
    assert_string_equal(q->explanation, "红包一律不收。\n无法退回的，及时报告。");
    assert_string_equal(q->source, "《中国共产党廉洁自律准则》");
    assert_string_equal(q->category, "纪律");
    assert_int_equal(q->level, QBANK_EASY);
    assert_int_equal(q->row, 2);
    assert_string_equal(q->id, "4de5f27461c33e30");

    q = &b->q[1];
    assert_int_equal(q->type, QBANK_MULTI);
    assert_string_equal(q->stem, "哪些属于礼金？"); /* trimmed */
    assert_int_equal(q->n_options, 6);
    assert_string_equal(q->options[5], "消费卡");
    assert_string_equal(q->options[3], "会员卡");
    assert_int_equal(q->answer, (1u << 0) | (1u << 2) | (1u << 5));
    assert_string_equal(q->explanation, "“小意思”也是礼金，\"人情\"也不例外。");
    assert_int_equal(q->level, QBANK_MEDIUM);
    assert_int_equal(q->row, 5);
    assert_string_equal(q->id, "3880a14c20373603");

    q = &b->q[2];
    assert_int_equal(q->type, QBANK_JUDGE);
    assert_int_equal(q->n_options, 2);
    assert_string_equal(q->options[0], "正确");
    assert_string_equal(q->options[1], "错误");
    assert_int_equal(q->answer, 1u << 1);
    assert_int_equal(q->level, QBANK_HARD);
    assert_int_equal(q->row, 7);
}

/* `utf8` in the encoding `to` (a new buffer, length *len). */
static char *encode(const char *utf8, const char *to, size_t *len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t in_left = strlen(utf8), out_left = in_left * 4 + 8;
    char *out = malloc(out_left), *op = out, *ip = (char *)utf8;

    assert_true(cd != (iconv_t)-1);
    assert_non_null(out);
    assert_int_not_equal(iconv(cd, &ip, &in_left, &op, &out_left), (size_t)-1);
    iconv_close(cd);
    *len = (size_t)(op - out);
    return out;
}

/* The same bank saved as UTF-8, UTF-8 with BOM (Excel's "CSV UTF-8"), and
 * GBK (WPS and Excel's plain "CSV" on Chinese Windows). */
static void test_read_every_encoding(void **state)
{
    char dir[64], *bom, *gbk;
    size_t len;

    make_tmp(dir, sizeof dir);
    write_file(dir, "utf8.csv", good_csv, strlen(good_csv));
    bom = malloc(strlen(good_csv) + 3);
    assert_non_null(bom);
    memcpy(bom, "\xef\xbb\xbf", 3);
    memcpy(bom + 3, good_csv, strlen(good_csv));
    write_file(dir, "bom.csv", bom, strlen(good_csv) + 3);
    free(bom);
    gbk = encode(good_csv, "GBK", &len);
    write_file(dir, "gbk.csv", gbk, len);
    free(gbk);

    static const char *const names[] = { "utf8.csv", "bom.csv", "gbk.csv" };
    for (size_t i = 0; i < 3; i++) {
        struct diag errs = { 0 };
        struct qbank b = { 0 };
        char path[128];

        if (read_csv(&b, dir, names[i], &errs) != 3) {
            print_diag(&errs);
            fail_msg("%s was refused", names[i]);
        }
        assert_int_equal(errs.n, 0);
        check_good_bank(&b);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_string_equal(b.q[0].file, path);
        qbank_free(&b);
    }
    remove_tree(dir);
}

/* Every form of 题型, 难度 and 答案 the format accepts. */
static void test_answer_forms(void **state)
{
    static const struct {
        const char *type, *options, *answer, *level;
        unsigned want;
        enum qbank_type want_type;
        enum qbank_level want_level;
    } rows[] = {
        { "单选", "甲,乙,丙,丁", "b", "易", 1u << 1, QBANK_SINGLE, QBANK_EASY },
        { "单项选择题", "甲,乙,丙,丁", "Ｄ", "简单", 1u << 3, QBANK_SINGLE, QBANK_EASY },
        { "多选", "甲,乙,丙,丁", "ACD", "中", 0xdu, QBANK_MULTI, QBANK_MEDIUM },
        { "多项选择", "甲,乙,丙,丁", "a，ｃ", "困难", 0x5u, QBANK_MULTI, QBANK_HARD },
        { "多选题", "甲,乙,丙,丁", "\"B,C\"", "难", 0x6u, QBANK_MULTI, QBANK_HARD },
        { "多选", "甲,乙,丙,丁", "A C D", "中", 0xdu, QBANK_MULTI, QBANK_MEDIUM },
        { "判断", ",,,", "正确", "易", 1u, QBANK_JUDGE, QBANK_EASY },
        { "判断题", ",,,", "错误", "易", 2u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "对", "易", 1u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "错", "易", 2u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "√", "易", 1u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "×", "易", 2u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "A", "易", 1u, QBANK_JUDGE, QBANK_EASY },
        { "判断", ",,,", "B", "易", 2u, QBANK_JUDGE, QBANK_EASY },
    };
    size_t n = sizeof rows / sizeof rows[0];
    char text[8192], dir[64];
    size_t len = 0;
    struct diag errs = { 0 };
    struct qbank b = { 0 };

    len += (size_t)snprintf(text + len, sizeof text - len, H);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s,题%zu,%s,%s,因为。,《准则》,纪律,%s\n", rows[i].type, i,
                                rows[i].options, rows[i].answer, rows[i].level);
    make_tmp(dir, sizeof dir);
    write_file(dir, "a.csv", text, len);
    if (read_csv(&b, dir, "a.csv", &errs) != (int)n) {
        print_diag(&errs);
        fail_msg("refused");
    }
    for (size_t i = 0; i < n; i++) {
        if (b.q[i].answer != rows[i].want || b.q[i].type != rows[i].want_type || b.q[i].level != rows[i].want_level)
            fail_msg("row %zu (%s %s %s): answer %#x type %d level %d", i + 2, rows[i].type, rows[i].answer,
                     rows[i].level, b.q[i].answer, b.q[i].type, b.q[i].level);
    }
    qbank_free(&b);
    diag_free(&errs);
    remove_tree(dir);
}

/* A row with several problems reports each, in column order, and a file
 * with any problem adds nothing to the bank. */
static void test_every_problem_is_reported(void **state)
{
    static const char text[] = H ROW_OK "填空,,甲,乙,,,A,,《准则》,纪律,极难\n" "单选,题目三,甲,乙,丙,丁,A" TAIL;
    char dir[64], want[512];
    struct diag errs = { 0 };
    struct qbank b = { 0 };

    make_tmp(dir, sizeof dir);
    write_file(dir, "a.csv", text, strlen(text));
    assert_int_equal(read_csv(&b, dir, "a.csv", &errs), -1);
    assert_int_equal(b.n, 0);
    assert_null(b.q);
    if (errs.n != 4) {
        print_diag(&errs);
        fail_msg("expected 4 messages");
    }
    assert_int_equal(errs.ids[0], MSG_QBANK_TYPE_UNKNOWN);
    assert_int_equal(errs.ids[1], MSG_QBANK_EMPTY);
    assert_int_equal(errs.ids[2], MSG_QBANK_EMPTY);
    assert_int_equal(errs.ids[3], MSG_QBANK_LEVEL_UNKNOWN);
    snprintf(want, sizeof want, "%s/a.csv:3: column \"题干\": is empty; every question needs it, fill it in", dir);
    assert_string_equal(errs.lines[1], want);
    snprintf(want, sizeof want, "%s/a.csv:3: column \"解析\": ", dir);
    assert_true(strncmp(errs.lines[2], want, strlen(want)) == 0);
    diag_free(&errs);

    /* the good rows of a good file are added after the bank's */
    write_file(dir, "b.csv", H ROW_OK, strlen(H ROW_OK));
    assert_int_equal(read_csv(&b, dir, "b.csv", &errs), 1);
    assert_int_equal(b.n, 1);
    qbank_free(&b);
    diag_free(&errs);
    remove_tree(dir);
}

/* The same stem (after trimming) in another file, and in the same file. */
static void test_duplicates(void **state)
{
    static const char a[] = H ROW_OK;
    static const char b_text[] = H "判断,题目二,,,,,对" TAIL "多选,\u3000题目一 ,甲,乙,丙,丁,AB" TAIL;
    static const char c[] = H "判断,题目四,,,,,对" TAIL "\n" "判断,  题目四,,,,,错" TAIL;
    char dir[64], want[512];
    struct diag errs = { .lang = MSG_LANG_ZH };
    struct qbank b = { 0 };

    make_tmp(dir, sizeof dir);
    write_file(dir, "a.csv", a, strlen(a));
    write_file(dir, "b.csv", b_text, strlen(b_text));
    write_file(dir, "c.csv", c, strlen(c));
    assert_int_equal(read_csv(&b, dir, "a.csv", &errs), 1);
    assert_int_equal(read_csv(&b, dir, "b.csv", &errs), -1);
    assert_int_equal(read_csv(&b, dir, "c.csv", &errs), -1);
    assert_int_equal(b.n, 1);
    assert_int_equal(errs.n, 2);
    snprintf(want, sizeof want, "%s/b.csv:3: 列 \"题干\"：同样的题目已经出现在 %s/a.csv:2；请只保留一道", dir, dir);
    assert_string_equal(errs.lines[0], want);
    snprintf(want, sizeof want, "%s/c.csv:4: 列 \"题干\"：同样的题目已经出现在 %s/c.csv:2；请只保留一道", dir, dir);
    assert_string_equal(errs.lines[1], want);
    qbank_free(&b);
    diag_free(&errs);
    remove_tree(dir);
}

/* A file that cannot be read says so. */
static void test_unreadable(void **state)
{
    struct diag errs = { 0 };
    struct qbank b = { 0 };

    assert_int_equal(qbank_read_csv(&b, "/nonexistent-qf/a.csv", &errs), -1);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.lines[0], "/nonexistent-qf/a.csv: cannot read (No such file or directory); check its permissions");
    diag_free(&errs);
}

/* ---- bank.json ---------------------------------------------------------------------- */

/* A good bank; the line numbers matter. */
static const char good_json[] =
    "{\n"                                                                                           /* 1 */
    "  \"format\": 1,\n"                                                                            /* 2 */
    "  \"questions\": [\n"                                                                          /* 3 */
    "    {\"id\": \"1fcfeba10de750a0\", \"type\": \"single\", \"level\": \"easy\", \"category\": \"纪律\",\n" /* 4 */
    "     \"stem\": \"收到管理服务对象的电子红包，正确的做法是？\", \"options\": [\"收下\", \"一律不收，及时报告\", \"转给工会\"], \"answer\": [1],\n" /* 5 */
    "     \"explanation\": \"红包一律不收。\", \"source\": \"《中国共产党廉洁自律准则》\"},\n"      /* 6 */
    "    {\"id\": \"3880a14c20373603\", \"type\": \"multi\", \"level\": \"medium\", \"category\": \"纪律\",\n" /* 7 */
    "     \"stem\": \"哪些属于礼金？\", \"options\": [\"电子红包\", \"购物卡\", \"工作餐\"], \"answer\": [0, 1],\n" /* 8 */
    "     \"explanation\": \"都是礼金。\", \"source\": \"《中国共产党纪律处分条例》\"},\n"          /* 9 */
    "    {\"id\": \"8f195fa22c81ae56\", \"type\": \"judge\", \"level\": \"hard\", \"category\": \"常识\",\n" /* 10 */
    "     \"stem\": \"小额红包可以收。\", \"options\": [\"正确\", \"错误\"], \"answer\": [1],\n"     /* 11 */
    "     \"explanation\": \"不论金额大小。\", \"source\": \"《中国共产党廉洁自律准则》\"}\n"       /* 12 */
    "  ]\n"                                                                                         /* 13 */
    "}\n";

struct json_fixture {
    struct expect e;
    const char *from, *to; /* replace the first `from` with `to`; from NULL: the text is `to` */
};

static const struct json_fixture json_fixtures[] = {
    { { MSG_QBANK_JSON_SYNTAX, "bank.json", 5, NULL, { "the file is damaged", "文件已损坏" } },
      "\"answer\": [1],\n     \"explanation\": \"红包", "\"answer\": [1],,\n     \"explanation\": \"红包" },
    { { MSG_QBANK_JSON_FORMAT, "bank.json", 2, "format", { "is not format 1", "不是第 1 版格式" } },
      "\"format\": 1", "\"format\": 2" },
    { { MSG_QBANK_JSON_NOT, "bank.json", 4, "questions[0].type",
        { "is missing or not a string", "缺少这一项，或者不是字符串" } },
      "\"type\": \"single\"", "\"type\": 7" },
    { { MSG_QBANK_JSON_COUNT, "bank.json", 1, "questions",
        { "has 0 questions, but a bank has 1 to 10000", "有 0 道题，但题库应有 1 到 10000 道" } },
      NULL, "{\"format\": 1, \"questions\": []}" },
    { { MSG_QBANK_JSON_VALUE, "bank.json", 10, "questions[2].level",
        { "\"extreme\" is not a known value", "“extreme”不是可用的值" } },
      "\"level\": \"hard\"", "\"level\": \"extreme\"" },
    { { MSG_QBANK_JSON_TEXT, "bank.json", 10, "questions[2].category",
        { "is empty or longer than 20 characters", "是空的，或者超过了 20 个字" } },
      "\"category\": \"常识\"", "\"category\": \"\\u3000 \"" },
    { { MSG_QBANK_JSON_OPTIONS, "bank.json", 5, "questions[0].options",
        { "1 options do not fit the question type", "1 个选项与题型不符" } },
      "[\"收下\", \"一律不收，及时报告\", \"转给工会\"]", "[\"收下\"]" },
    { { MSG_QBANK_JSON_ANSWER, "bank.json", 8, "questions[1].answer",
        { "does not fit the options or the question type", "与选项或题型不符" } },
      "\"answer\": [0, 1]", "\"answer\": [0, 3]" },
    { { MSG_QBANK_JSON_ID, "bank.json", 10, "questions[2].id",
        { "\"8f195fa22c81ae57\" is not the id of this question's stem (8f195fa22c81ae56)",
          "“8f195fa22c81ae57”不是这道题题干的编号（应为 8f195fa22c81ae56）" } },
      "8f195fa22c81ae56", "8f195fa22c81ae57" },
    { { MSG_QBANK_JSON_DUPLICATE, "bank.json", 7, "questions[1].id",
        { "\"1fcfeba10de750a0\" is the same as questions[0].id", "“1fcfeba10de750a0”与 questions[0].id 相同" } },
      "{\"id\": \"3880a14c20373603\", \"type\": \"multi\", \"level\": \"medium\", \"category\": \"纪律\",\n"
      "     \"stem\": \"哪些属于礼金？\"",
      "{\"id\": \"1fcfeba10de750a0\", \"type\": \"multi\", \"level\": \"medium\", \"category\": \"纪律\",\n"
      "     \"stem\": \"收到管理服务对象的电子红包，正确的做法是？\"" },
};

/* `base` with the first `from` replaced by `to` (a new string). */
static char *edit(const char *base, const char *from, const char *to)
{
    const char *at;
    char *text;

    if (!from)
        return strdup(to);
    at = strstr(base, from);
    if (!at)
        fail_msg("the base does not contain \"%s\"", from);
    text = malloc(strlen(base) + strlen(to) + 1);
    assert_non_null(text);
    memcpy(text, base, (size_t)(at - base));
    strcpy(text + (at - base), to);
    strcat(text, at + strlen(from));
    return text;
}

static void test_json_messages_name_file_line_field(void **state)
{
    struct diag good = { 0 };
    struct qbank b = { 0 };

    if (qbank_parse_json(&b, good_json, strlen(good_json), "bank.json", &good) != 0) {
        print_diag(&good);
        fail_msg("the good bank was refused");
    }
    assert_int_equal(b.n, 3);
    qbank_free(&b);
    for (size_t i = 0; i < sizeof json_fixtures / sizeof json_fixtures[0]; i++) {
        const struct json_fixture *f = &json_fixtures[i];
        char *text = edit(good_json, f->from, f->to);

        for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
            struct diag errs = { .lang = (enum msg_lang)lang };
            if (qbank_parse_json(&b, text, strlen(text), "build/feed/quiz/bank.json", &errs) == 0)
                fail_msg("%s: the edited bank was accepted", msg_name(f->e.id));
            assert_int_equal(b.n, 0);
            assert_null(b.q);
            assert_int_equal(errs.n, 1); /* the parser stops at the first problem */
            check_message(&errs, "build/feed/quiz", &f->e, 1);
            diag_free(&errs);
        }
        free(text);
    }
}

/* Over the size limit: by length (nothing is read) and on disk. */
static void test_json_size(void **state)
{
    struct expect e = { MSG_QBANK_JSON_TOO_BIG, "bank.json", 0, NULL,
                        { "file is over the 64 MiB limit", "文件超过了 64 MiB 的上限" } };
    char dir[64], path[128], err[512];
    struct qbank b = { 0 };
    int fd;

    for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
        struct diag errs = { .lang = (enum msg_lang)lang };
        assert_int_equal(qbank_parse_json(&b, "{}", (size_t)QBANK_JSON_MAX_BYTES + 1, "q/bank.json", &errs), -1);
        check_message(&errs, "q", &e, 1);
        diag_free(&errs);
    }
    make_tmp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/bank.json", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)QBANK_JSON_MAX_BYTES + 1), 0);
    assert_int_equal(close(fd), 0);
    assert_int_equal(qbank_load_json(&b, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "bank.json: file is over the 64 MiB limit; "));
    remove_tree(dir);
}

static void check_same(const struct qbank *a, const struct qbank *b)
{
    assert_int_equal(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        const struct qbank_question *x = &a->q[i], *y = &b->q[i];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->type, y->type);
        assert_int_equal(x->level, y->level);
        assert_string_equal(x->stem, y->stem);
        assert_int_equal(x->n_options, y->n_options);
        for (int k = 0; k < x->n_options; k++)
            assert_string_equal(x->options[k], y->options[k]);
        assert_int_equal(x->answer, y->answer);
        assert_string_equal(x->explanation, y->explanation);
        assert_string_equal(x->source, y->source);
        assert_string_equal(x->category, y->category);
    }
}

/* CSV -> bank -> bank.json -> bank: the same questions, the same bytes. */
static void test_json_round_trip(void **state)
{
    char dir[64], path[128], err[512], *json, *again;
    struct diag errs = { 0 };
    struct qbank a = { 0 }, b = { 0 };

    make_tmp(dir, sizeof dir);
    write_file(dir, "a.csv", good_csv, strlen(good_csv));
    assert_int_equal(read_csv(&a, dir, "a.csv", &errs), 3);
    json = qbank_to_json(&a);
    assert_non_null(json);
    snprintf(path, sizeof path, "%s/bank.json", dir);
    write_file(dir, "bank.json", json, strlen(json));
    if (qbank_load_json(&b, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    check_same(&a, &b);
    assert_null(b.q[0].file); /* a loaded bank does not know the CSV */
    again = qbank_to_json(&b);
    assert_string_equal(json, again);
    free(again);
    free(json);
    qbank_free(&a);
    qbank_free(&b);
    diag_free(&errs);
    remove_tree(dir);
}

/* The exact output for one question: the key order is part of the format. */
static void test_json_is_stable(void **state)
{
    char dir[64], *json;
    struct diag errs = { 0 };
    struct qbank b = { 0 };
    static const char csv[] = H "判断,小额红包可以收。,,,,,错,不论金额大小。,《准则》,常识,难\n";

    make_tmp(dir, sizeof dir);
    write_file(dir, "a.csv", csv, strlen(csv));
    assert_int_equal(read_csv(&b, dir, "a.csv", &errs), 1);
    json = qbank_to_json(&b);
    assert_string_equal(json, "{\n"
                              "  \"format\": 1,\n"
                              "  \"questions\": [\n"
                              "    {\n"
                              "      \"id\": \"8f195fa22c81ae56\",\n"
                              "      \"type\": \"judge\",\n"
                              "      \"level\": \"hard\",\n"
                              "      \"category\": \"常识\",\n"
                              "      \"stem\": \"小额红包可以收。\",\n"
                              "      \"options\": [\n"
                              "        \"正确\",\n"
                              "        \"错误\"\n"
                              "      ],\n"
                              "      \"answer\": [\n"
                              "        1\n"
                              "      ],\n"
                              "      \"explanation\": \"不论金额大小。\",\n"
                              "      \"source\": \"《准则》\"\n"
                              "    }\n"
                              "  ]\n"
                              "}\n");
    free(json);
    qbank_free(&b);
    remove_tree(dir);
}

/* A bank whose bytes were changed is refused, with the file in the message. */
static void test_load_refuses_damage(void **state)
{
    char dir[64], path[128], err[512], *text;
    struct qbank b = { 0 };

    make_tmp(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/bank.json", dir);
    text = edit(good_json, "\"answer\": [1],\n     \"explanation\": \"不论", "\"answer\": [2],\n     \"explanation\": \"不论");
    write_file(dir, "bank.json", text, strlen(text));
    free(text);
    assert_int_equal(qbank_load_json(&b, path, err, sizeof err), -1);
    assert_int_equal(b.n, 0);
    {
        char want[512];
        snprintf(want, sizeof want,
                 "%s:11: questions[2].answer: does not fit the options or the question type; build the feed again "
                 "with qingfeng-feed build",
                 path);
        assert_string_equal(err, want);
    }
    write_file(dir, "bank.json", good_json, strlen(good_json) - 3); /* cut short */
    assert_int_equal(qbank_load_json(&b, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "the file is damaged"));
    remove_tree(dir);
    assert_int_equal(qbank_load_json(&b, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "bank.json: cannot read (No such file or directory)"));
}

/* ---- coverage ------------------------------------------------------------------------- */

static void test_every_bank_message_has_a_fixture(void **state)
{
    int seen[MSG_COUNT] = { 0 }, missing = 0;

    for (size_t i = 0; i < sizeof csv_fixtures / sizeof csv_fixtures[0]; i++)
        seen[csv_fixtures[i].e.id] = 1;
    for (size_t i = 0; i < sizeof json_fixtures / sizeof json_fixtures[0]; i++)
        seen[json_fixtures[i].e.id] = 1;
    seen[MSG_QBANK_JSON_TOO_BIG] = 1; /* test_json_size */
    seen[MSG_QBANK_BOARD_BAD] = 1;    /* test_org_board.c */
    for (int id = MSG_QBANK_FIRST; id <= MSG_QBANK_LAST; id++) {
        if (!seen[id]) {
            print_message("    no fixture for %s\n", msg_name((enum msg_id)id));
            missing++;
        }
        assert_int_equal(msg_class_of((enum msg_id)id), MSG_CLASS_EDITOR);
    }
    assert_int_equal(missing, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_bank_message_has_a_fixture),
        cmocka_unit_test(test_csv_messages_name_file_line_column),
        cmocka_unit_test(test_read_every_encoding),
        cmocka_unit_test(test_answer_forms),
        cmocka_unit_test(test_every_problem_is_reported),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_json_messages_name_file_line_field),
        cmocka_unit_test(test_json_size),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_is_stable),
        cmocka_unit_test(test_load_refuses_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
