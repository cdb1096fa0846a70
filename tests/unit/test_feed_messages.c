/* Every message an editor can cause names the file, the line and the field,
 * and says what to do, in English and in Chinese.
 *
 * Three tables, one fixture per message id:
 *   - content source fixtures: files written into a fresh content folder,
 *     built with feed_build (app/core/feed_build.c, frontmatter.c);
 *   - feed.json fixtures: an edit of a good feed (one without and one with
 *     the questions of a case), parsed with feed_parse_diag (app/core/feed.c);
 *   - asset fixtures: a feed folder whose picture is then damaged, loaded
 *     with feed_load_dir_diag.
 * Each fixture runs once per language and must produce its message id with
 * the expected "<file>:<line>: " start, the field part in that language
 * ("field \"k\": " / "字段 \"k\"：", or "<path>: " / "<path>："), a fragment
 * of the wording, and a "what to do" half ("; " / "；").
 *
 * test_every_editor_message_has_a_fixture fails when a message of class
 * MSG_CLASS_EDITOR is added to the catalogue without a fixture here.
 *
 * Run from the repository root (make unit does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/feed.h"
#include "core/feed_build.h"
#include "core/msg.h"
#include "core/sha256.h"

#include "tmp_tree.h"

static const char lotus_svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n";

/* ---- temporary folders ------------------------------------------------------ */

static void make_tmp(char *dir, size_t len)
{
    snprintf(dir, len, "/tmp/qf-test-msg-XXXXXX");
    if (!mkdtemp(dir))
        fail_msg("mkdtemp failed");
}

/* Writes `len` bytes to dir/rel, creating the folders on the way. */
static void write_file(const char *dir, const char *rel, const char *data, size_t len)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write %s", path);
    if (len && fwrite(data, 1, len, f) != len)
        fail_msg("cannot write %s", path);
    assert_int_equal(fclose(f), 0);
}

/* Makes dir/rel a file of `size` bytes (sparse: nothing is written). */
static void write_sparse(const char *dir, const char *rel, off_t size)
{
    char path[1024];
    int fd;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, size), 0);
    assert_int_equal(close(fd), 0);
}

/* ---- checking one message ------------------------------------------------------ */

static const char *const lang_name[] = { "en", "zh" };

/* What a fixture must produce. `line` 0: the message names no line (a
 * folder or a picture); `field` NULL: no field part. */
struct expect {
    enum msg_id id;
    const char *file; /* relative to the fixture's folder */
    int line;
    const char *field;
    const char *text[MSG_LANG_COUNT]; /* a fragment of the wording */
};

static void print_diag(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_message("    [%s] %s\n", msg_name(d->ids[i]), d->lines[i]);
}

/* Finds the fixture's message in `d` and checks its parts. `path_style`
 * selects feed.json's "<path>: " over the source's "field \"k\": ". */
static void check_message(const struct diag *d, const char *dir, const struct expect *e, int path_style)
{
    enum msg_lang lang = d->lang;
    char start[1280], field[256];
    const char *m, *rest;
    long at = diag_find(d, e->id);

    if (at < 0) {
        print_diag(d);
        fail_msg("%s [%s]: the message was not produced", msg_name(e->id), lang_name[lang]);
    }
    m = d->lines[at];

    /* file and line */
    if (e->line > 0)
        snprintf(start, sizeof start, "%s/%s:%d: ", dir, e->file, e->line);
    else
        snprintf(start, sizeof start, "%s%s%s: ", dir, *e->file ? "/" : "", e->file);
    if (strncmp(m, start, strlen(start)) != 0)
        fail_msg("%s [%s]: expected the message to start with\n  \"%s\"\ngot\n  \"%s\"", msg_name(e->id),
                 lang_name[lang], start, m);
    rest = m + strlen(start);

    /* field */
    if (e->field) {
        if (path_style)
            snprintf(field, sizeof field, lang == MSG_LANG_ZH ? "%s：" : "%s: ", e->field);
        else
            snprintf(field, sizeof field, lang == MSG_LANG_ZH ? "字段 \"%s\"：" : "field \"%s\": ", e->field);
        if (strncmp(rest, field, strlen(field)) != 0)
            fail_msg("%s [%s]: expected the field part \"%s\" after the line in\n  \"%s\"", msg_name(e->id),
                     lang_name[lang], field, m);
        rest += strlen(field);
    } else if (strncmp(rest, "field \"", 7) == 0 || strncmp(rest, "字段 \"", strlen("字段 \"")) == 0) {
        fail_msg("%s [%s]: unexpected field part in \"%s\"", msg_name(e->id), lang_name[lang], m);
    }

    /* wording, and a "what to do" half in the right language */
    if (!strstr(rest, e->text[lang]))
        fail_msg("%s [%s]: expected \"%s\" in\n  \"%s\"", msg_name(e->id), lang_name[lang], e->text[lang], m);
    if (!strstr(rest, lang == MSG_LANG_ZH ? "；" : "; "))
        fail_msg("%s [%s]: no \"what to do\" part in \"%s\"", msg_name(e->id), lang_name[lang], m);
    if (lang == MSG_LANG_ZH && strstr(rest, e->text[MSG_LANG_EN]))
        fail_msg("%s [zh]: English wording in \"%s\"", msg_name(e->id), m);
}

/* ---- content source fixtures ------------------------------------------------------ */

#define MAXIM_OK "---\nauthor: 包拯\n---\n清心为治本\n"

/* A case whose "## 学后测" is on line 9 and whose first question starts on
 * line 11; a good question of five lines; ten characters. */
#define QUIZ_CASE "---\ntitle: 收受礼金案\nlead: 导语\n---\n## 案情简介\n\n正文。\n\n## 学后测\n\n"
#define QUIZ_OK "### 题目\n- [x] 甲\n- [ ] 乙\n\n解析：因为。\n"
#define TEN "一二三四五六七八九十"

/* The field of a picture in the body: its name in each language
 * (MSG_FIELD_BODY_IMAGE). */
#define BODY_IMAGE "body image"

enum src_special {
    SRC_PLAIN,
    SRC_BIG_SOURCE,  /* files[0] padded past FEED_SOURCE_MAX_BYTES */
    SRC_BIG_INI,     /* feed.ini padded past 64 KiB */
    SRC_BIG_PICTURE, /* images/big.svg past the picture limit */
    SRC_NO_FOLDER,   /* build a folder that does not exist */
};

struct src_fixture {
    struct expect e;
    enum src_special special;
    struct {
        const char *rel, *text;
    } files[3];
};

static const struct src_fixture src_fixtures[] = {
    { { MSG_SRC_NOT_KEY_VALUE, "maxims/a.md", 3, NULL,
        { "line is not \"key: value\"", "这一行不是“字段名: 内容”的格式" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\n标题 没有冒号\n---\n清心\n" } } },
    { { MSG_SRC_UNKNOWN_FIELD, "maxims/a.md", 3, "colour",
        { "unknown field; use one of id, title, lead", "可用的字段有：id、title、lead、author" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\ncolour: red\n---\n清心\n" } } },
    { { MSG_SRC_FIELD_TWICE, "maxims/a.md", 3, "author",
        { "given twice (first on line 2)", "写了两次（第一次在第 2 行）" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\nauthor: 海瑞\n---\n清心\n" } } },
    { { MSG_SRC_QUOTE_UNCLOSED, "maxims/a.md", 2, "author",
        { "the quote is not closed", "引号没有配对" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: \"包拯\n---\n清心\n" } } },
    { { MSG_SRC_BAD_UTF8, "maxims/a.md", 5, NULL,
        { "not valid UTF-8 (byte 0xff); save the file as UTF-8", "不是 UTF-8 编码（有问题的字节是 0xff）" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\n---\n清心\n为\xff治本\n" } } },
    { { MSG_SRC_NO_HEADER, "cases/a.md", 1, NULL,
        { "no header; start the file with a line \"---\"", "请在第一行写“---”" } },
      SRC_PLAIN, { { "cases/a.md", "title: 收受礼金案\n正文\n" } } },
    { { MSG_SRC_HEADER_NOT_CLOSED, "cases/a.md", 1, NULL,
        { "the header is not closed", "头部没有结束；请在最后一个字段的下一行加一行“---”" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\n正文\n" } } },
    { { MSG_SRC_INI_TOO_LARGE, "feed.ini", 1, NULL,
        { "larger than 64 KiB", "文件超过 64 KiB" } },
      SRC_BIG_INI, { { "maxims/a.md", MAXIM_OK } } },
    { { MSG_SRC_INI_UNKNOWN_SECTION, "feed.ini", 3, NULL,
        { "unknown section [colours]; put the settings under [feed]", "没有 [colours] 这一节" } },
      SRC_PLAIN, { { "feed.ini", "[feed]\ntitle = 清风\n[colours]\n" }, { "maxims/a.md", MAXIM_OK } } },
    { { MSG_SRC_INI_NOT_KEY_VALUE, "feed.ini", 2, NULL,
        { "line is not \"key = value\"", "这一行不是“名称 = 内容”的格式" } },
      SRC_PLAIN, { { "feed.ini", "[feed]\ntitle 清风\n" }, { "maxims/a.md", MAXIM_OK } } },
    { { MSG_SRC_INI_UNKNOWN_SETTING, "feed.ini", 2, "colour",
        { "unknown setting; use one of title", "没有这个设置项" } },
      SRC_PLAIN, { { "feed.ini", "[feed]\ncolour = red\n" }, { "maxims/a.md", MAXIM_OK } } },
    { { MSG_SRC_INI_TWICE, "feed.ini", 3, "title",
        { "given twice; keep only one", "写了两次；请只保留一行" } },
      SRC_PLAIN, { { "feed.ini", "[feed]\ntitle = 甲\ntitle = 乙\n" }, { "maxims/a.md", MAXIM_OK } } },
    { { MSG_SRC_PAGE_HEADING_EMPTY, "cases/a.md", 7, NULL,
        { "page heading is empty", "分页标题是空的；请在“## ”后面写上这一页的标题" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\n---\n引言\n\n##\n\n正文\n" } } },
    { { MSG_SRC_PAGE_EMPTY, "cases/a.md", 7, NULL,
        { "page \"处理结果\" is empty", "“处理结果”这一页没有内容" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\n---\n## 案情\n正文\n## 处理结果\n" } } },
    { { MSG_SRC_MISSING_TITLE, "cases/a.md", 1, "title",
        { "missing; add a line \"title: ...\"", "缺少标题；请在头部加一行“title: 标题”" } },
      SRC_PLAIN, { { "cases/a.md", "---\nlead: 导语\n---\n正文\n" } } },
    { { MSG_SRC_MISSING_LEAD, "stories/a.md", 1, "lead",
        { "missing; add a line \"lead: ...\"", "缺少导语；请在头部加一行“lead: 一两句导语”" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nimage: images/lotus.svg\n---\n正文\n" } } },
    { { MSG_SRC_MISSING_AUTHOR, "maxims/a.md", 1, "author",
        { "missing; add a line \"author: 包拯\"", "缺少作者；请在头部加一行“author: 作者姓名”" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nsource: 《书端州郡斋壁》\n---\n清心为治本\n" } } },
    { { MSG_SRC_MISSING_IMAGE, "stories/a.md", 1, "image",
        { "missing; add a line \"image: images/", "缺少图片，身边典型必须配图" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\n---\n正文\n" } } },
    { { MSG_SRC_ID_INVALID, "maxims/a.md", 3, "id",
        { "\"Bad_Id\" is not a valid id", "“Bad_Id”不能用作编号" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\nid: Bad_Id\n---\n清心\n" } } },
    { { MSG_SRC_ID_FROM_FILE, "maxims/清心.md", 1, "id",
        { "the file name \"清心\" cannot be an id", "文件名“清心”不能直接用作编号；请在头部加一行“id: 编号”" } },
      SRC_PLAIN, { { "maxims/清心.md", MAXIM_OK } } },
    { { MSG_SRC_ID_DUPLICATE, "maxims/b.md", 3, "id",
        { "\"same\" is already used by", "编号“same”已经被" } },
      SRC_PLAIN,
      { { "maxims/a.md", "---\nauthor: 包拯\nid: same\n---\n清心\n" },
        { "maxims/b.md", "---\nauthor: 海瑞\nid: same\n---\n直道\n" } } },
    { { MSG_SRC_WEIGHT_NOT_INT, "cases/gift.md", 3, "weight",
        { "\"abc\" is not a whole number; use 1 to 10", "“abc”不是整数；请填写 1 到 10 之间的整数" } },
      SRC_PLAIN, { { "cases/gift.md", "---\ntitle: 收受礼金案\nweight: abc\nlead: 导语\n---\n正文\n" } } },
    { { MSG_WEIGHT_RANGE, "maxims/a.md", 3, "weight",
        { "11 is out of range; use 1 to 10", "11 超出了范围；请填写 1 到 10 之间的整数" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\nweight: 11\n---\n清心\n" } } },
    { { MSG_SRC_IMAGE_UNSAFE, "stories/a.md", 4, "image",
        { "\"../secret.svg\" is not a safe path", "“../secret.svg”不能用作图片路径" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: ../secret.svg\n---\n正文\n" } } },
    { { MSG_SRC_IMAGE_NOT_PICTURE, "stories/a.md", 4, "image",
        { "is not a picture the kiosk shows; use an .svg, .png or .jpg file", "不是屏幕能显示的图片" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/a.gif\n---\n正文\n" } } },
    { { MSG_SRC_IMAGE_NOT_FOUND, "stories/a.md", 4, "image",
        { "file images/nope.svg not found under", "找不到图片 images/nope.svg" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/nope.svg\n---\n正文\n" } } },
    { { MSG_SRC_TOO_LARGE, "cases/a.md", 1, NULL,
        { "file is larger than 4 MiB; split it", "文件超过 4 MiB；请把它拆成几条内容" } },
      SRC_BIG_SOURCE, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\n---\n" } } },
    { { MSG_SRC_BODY_EMPTY_SAYING, "maxims/a.md", 4, NULL,
        { "the body is empty; write the saying", "正文是空的；请在头部结束的“---”下面写上这句廉语" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\n---\n\n  \n" } } },
    { { MSG_SRC_BODY_EMPTY_TEXT, "cases/a.md", 5, NULL,
        { "the body is empty; write the text", "正文是空的；请在头部结束的“---”下面写上正文" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\n---\n" } } },
    { { MSG_SRC_NOT_A_FOLDER, "missing", 0, NULL,
        { "not a folder; give the content folder", "不是文件夹；请给出内容源文件夹" } },
      SRC_NO_FOLDER, { { NULL, NULL } } },
    { { MSG_SRC_NO_ITEMS, "", 0, NULL,
        { "no items; add Markdown files", "没有任何内容；请在 maxims/、cases/ 或 stories/ 文件夹中添加 .md 文件" } },
      SRC_PLAIN, { { "maxims/notes.txt", "not a content file" } } },
    { { MSG_SRC_PICTURE_TOO_LARGE, "images/big.svg", 0, NULL,
        { "file is larger than 64 MiB; use a smaller picture", "图片超过 64 MiB；请换一张小一些的图片" } },
      SRC_BIG_PICTURE, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/big.svg\n---\n正文\n" } } },
    /* the 学后测 section: a case whose quiz starts on line 11 */
    { { MSG_SRC_QUIZ_NOT_CASE, "stories/a.md", 8, "学后测",
        { "only cases have a self-check", "只有警示案例可以带学后测" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/lotus.svg\n---\n正文\n\n## 学后测\n\n" QUIZ_OK } } },
    { { MSG_SRC_QUIZ_NOT_LAST, "cases/a.md", 9, "学后测",
        { "must be the last, but the page \"相关规定\" follows it", "学后测必须放在最后，但后面还有“相关规定”这一页" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE QUIZ_OK "\n## 相关规定\n\n条例。\n" } } },
    { { MSG_SRC_QUIZ_TWICE, "cases/a.md", 17, "学后测",
        { "a second 学后测 section (the first is on line 9)", "出现了第二个学后测（第一个在第 9 行）" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE QUIZ_OK "\n## 学后测\n\n" QUIZ_OK } } },
    { { MSG_SRC_QUIZ_EMPTY, "cases/a.md", 9, "学后测",
        { "the 学后测 section has no questions", "学后测里没有题目" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE } } },
    { { MSG_SRC_QUIZ_TOO_MANY, "cases/a.md", 36, "学后测",
        { "more than 5 questions; keep at most 5", "题目超过了 5 道；请最多保留 5 道" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE QUIZ_OK QUIZ_OK QUIZ_OK QUIZ_OK QUIZ_OK QUIZ_OK } } },
    { { MSG_SRC_QUIZ_HEADING, "cases/a.md", 11, "学后测",
        { "\"#### 小标题\" is not a question heading", "“#### 小标题”不是题目的写法" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "#### 小标题\n" QUIZ_OK } } },
    { { MSG_SRC_QUIZ_STRAY_TEXT, "cases/a.md", 11, "学后测",
        { "this line is not part of a question", "这一行不是题目的组成部分" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "请回答下列问题：\n\n" QUIZ_OK } } },
    { { MSG_SRC_QUIZ_STEM_EMPTY, "cases/a.md", 11, "题目",
        { "the question is empty; write it after \"### \"", "题目是空的" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "###\n- [x] 甲\n- [ ] 乙\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_OPTION_COUNT, "cases/a.md", 11, "选项",
        { "the question has 1 option(s); give 2 to 6", "这道题有 1 个选项；请写 2 到 6 个" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_NO_ANSWER, "cases/a.md", 11, "选项",
        { "no option is marked right", "没有标出正确答案" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [ ] 甲\n- [ ] 乙\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_JUDGE_BOTH, "cases/a.md", 11, "选项",
        { "both 正确 and 错误 are marked", "“正确”和“错误”都标成了答案" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 正确\n- [x] 错误\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_OPTION_EMPTY, "cases/a.md", 13, "选项",
        { "the option is empty", "这个选项是空的" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ]\n- [ ] 丙\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_OPTION_NO_BOX, "cases/a.md", 13, "选项",
        { "the option has no box", "选项前面缺少方框" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- 乙\n- [ ] 丙\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_OPTION_TWICE, "cases/a.md", 13, "选项",
        { "\"甲\" is given twice (first on line 12)", "选项“甲”写了两次（第一次在第 12 行）" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] 甲\n- [ ] 乙\n\n解析：因为。\n" } } },
    { { MSG_SRC_QUIZ_OPTION_LATE, "cases/a.md", 16, "选项",
        { "an option after 解析 or 出处", "选项写在了“解析”或“出处”后面" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] 乙\n\n解析：因为。\n- [ ] 丙\n" } } },
    { { MSG_SRC_QUIZ_NO_EXPLANATION, "cases/a.md", 11, "解析",
        { "the question has no explanation", "这道题缺少解析" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] 乙\n" } } },
    { { MSG_SRC_QUIZ_PART_TWICE, "cases/a.md", 17, "出处",
        { "given twice in this question (first on line 16)", "这道题里写了两次（第一次在第 16 行）" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] 乙\n\n解析：因为。\n出处：《甲》\n出处：《乙》\n" } } },
    { { MSG_SRC_QUIZ_SOURCE_EMPTY, "cases/a.md", 16, "出处",
        { "is empty; write the document's title", "出处是空的" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] 乙\n\n解析：因为。\n出处：\n" } } },
    { { MSG_SRC_QUIZ_TOO_LONG, "cases/a.md", 13, "选项",
        { "is 70 characters long; keep it within 60", "有 70 个字；请精简到 60 个字以内" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题\n- [x] 甲\n- [ ] " TEN TEN TEN TEN TEN TEN TEN "\n\n解析：因为。\n" } } },
    /* pictures in the body: a story's text, a case's page, an explanation, an intro */
    { { MSG_SRC_BODY_IMAGE_REMOTE, "stories/a.md", 8, BODY_IMAGE,
        { "\"https://example.org/lotus.svg\" is a web address, but the kiosk works offline",
          "“https://example.org/lotus.svg”是网上的地址，展示屏离线运行" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/lotus.svg\n---\n正文\n\n"
                                     "![荷花](https://example.org/lotus.svg)\n" } } },
    { { MSG_SRC_BODY_IMAGE_UNSAFE, "cases/a.md", 7, BODY_IMAGE,
        { "\"../secret.svg\" is not a safe path", "“../secret.svg”不能用作图片路径" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\n---\n## 案情\n\n正文![图](../secret.svg)\n" } } },
    { { MSG_SRC_BODY_IMAGE_NOT_PICTURE, "cases/a.md", 16, BODY_IMAGE,
        { "\"images/a.gif\" is not a picture the kiosk shows", "“images/a.gif”不是屏幕能显示的图片" } },
      SRC_PLAIN, { { "cases/a.md", QUIZ_CASE "### 题目\n- [x] 甲\n- [ ] 乙\n\n解析：见图。\n![示意图](images/a.gif)\n" } } },
    { { MSG_SRC_BODY_IMAGE_NOT_FOUND, "stories/a.md", 8, BODY_IMAGE,
        { "file images/nope.svg not found under", "找不到图片 images/nope.svg" } },
      SRC_PLAIN, { { "stories/a.md", "---\ntitle: 窗口\nlead: 导语\nimage: images/lotus.svg\n---\n引言\n\n"
                                     "![荷花](images/nope.svg)\n\n## 一\n\n正文\n" } } },
    { { MSG_NOT_HTTP_URL, "cases/a.md", 4, "url",
        { "\"ftp://example.org/x\" is not an http(s) URL", "“ftp://example.org/x”不是以 https:// 或 http:// 开头的网址" } },
      SRC_PLAIN, { { "cases/a.md", "---\ntitle: 收受礼金案\nlead: 导语\nurl: ftp://example.org/x\n---\n正文\n" } } },
    { { MSG_NOT_HTTP_URL, "feed.ini", 2, "home_page_url",
        { "\"example.org\" is not an http(s) URL", "“example.org”不是以 https:// 或 http:// 开头的网址" } },
      SRC_PLAIN, { { "feed.ini", "[feed]\nhome_page_url = example.org\n" }, { "maxims/a.md", MAXIM_OK } } },
    /* schedules, pinning and screen groups */
    { { MSG_SCHEDULE_DATE_BAD, "maxims/a.md", 3, "valid_from",
        { "\"2027-1-20\" is not a date; write it as YYYY-MM-DD", "“2027-1-20”不是有效的日期" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\nvalid_from: 2027-1-20\n---\n清心\n" } } },
    { { MSG_SCHEDULE_UNTIL_BEFORE_FROM, "maxims/a.md", 4, "valid_until",
        { "the last day 2027-02-10 is before the first day 2027-02-20", "结束日期 2027-02-10 早于开始日期 2027-02-20" } },
      SRC_PLAIN,
      { { "maxims/a.md", "---\nauthor: 包拯\nvalid_from: 2027-02-20\nvalid_until: 2027-02-10\n---\n清心\n" } } },
    { { MSG_SCHEDULE_DAYS_BAD, "maxims/a.md", 3, "days",
        { "\"工作日\" is not a set of weekdays", "“工作日”不是星期的写法；请写成 mon-fri" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\ndays: 工作日\n---\n清心\n" } } },
    { { MSG_SCHEDULE_HOURS_BAD, "maxims/a.md", 3, "hours",
        { "\"上午\" is not a list of hour ranges", "“上午”不是时段的写法" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\nhours: 上午\n---\n清心\n" } } },
    { { MSG_SRC_PINNED_BAD, "maxims/a.md", 3, "pinned",
        { "\"maybe\" is neither yes nor no", "“maybe”既不是 yes 也不是 no" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\npinned: maybe\n---\n清心\n" } } },
    { { MSG_GROUP_NAME_BAD, "maxims/a.md", 3, "groups",
        { "\"三楼\" is not a group name", "“三楼”不能用作屏幕分组名" } },
      SRC_PLAIN, { { "maxims/a.md", "---\nauthor: 包拯\ngroups: lobby, 三楼\n---\n清心\n" } } },
    { { MSG_KIND_UNKNOWN, "stories/a.md", 2, "kind",
        { "\"novel\" is not a known kind; use maxim, case or story", "“novel”不是可用的类别" } },
      SRC_PLAIN, { { "stories/a.md", "---\nkind: novel\ntitle: 窗口\nlead: 导语\nimage: images/lotus.svg\n---\n正文\n" } } },
};

/* Writes the fixture's files, with padding for the "too large" ones. */
static void write_source(const char *src, const struct src_fixture *f)
{
    write_file(src, "images/lotus.svg", lotus_svg, strlen(lotus_svg));
    for (size_t i = 0; i < sizeof f->files / sizeof f->files[0] && f->files[i].rel; i++) {
        const char *text = f->files[i].text;
        size_t len = strlen(text), total = len;
        char *buf;

        if (i == 0 && f->special == SRC_BIG_SOURCE)
            total = FEED_SOURCE_MAX_BYTES + 16;
        buf = malloc(total);
        assert_non_null(buf);
        memcpy(buf, text, len);
        memset(buf + len, 'x', total - len);
        write_file(src, f->files[i].rel, buf, total);
        free(buf);
    }
    if (f->special == SRC_BIG_INI) {
        size_t total = 65 * 1024;
        char *buf = malloc(total);
        assert_non_null(buf);
        memset(buf, ';', total);
        write_file(src, "feed.ini", buf, total);
        free(buf);
    }
    if (f->special == SRC_BIG_PICTURE)
        write_sparse(src, "images/big.svg", (off_t)FEED_MAX_BYTES * 4 + 1);
}

static void test_source_messages_name_file_line_field(void **state)
{
    size_t n = sizeof src_fixtures / sizeof src_fixtures[0];

    for (size_t i = 0; i < n; i++) {
        const struct src_fixture *f = &src_fixtures[i];
        char tmp[64], src[128], out[128];

        make_tmp(tmp, sizeof tmp);
        snprintf(src, sizeof src, "%s/content", tmp);
        snprintf(out, sizeof out, "%s/feed", tmp);
        if (f->special != SRC_NO_FOLDER) {
            assert_int_equal(mkdir(src, 0755), 0);
            write_source(src, f);
        }
        for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
            struct diag errs = { .lang = (enum msg_lang)lang };
            const char *dir = src;
            char missing[160];
            struct expect e = f->e;

            if (e.field && strcmp(e.field, BODY_IMAGE) == 0)
                e.field = msg_fmt((enum msg_lang)lang, MSG_FIELD_BODY_IMAGE);

            if (f->special == SRC_NO_FOLDER) {
                snprintf(missing, sizeof missing, "%s/missing", src);
                assert_int_equal(feed_build(missing, out, NULL, &errs), -1);
                dir = src;
            } else {
                assert_int_equal(feed_build(src, out, NULL, &errs), -1);
            }
            check_message(&errs, dir, &e, 0);
            diag_free(&errs);
        }
        remove_tree(tmp);
    }
}

/* ---- feed.json fixtures -------------------------------------------------------------- */

/* A valid feed; the line numbers matter. The asset's size and hash are
 * not checked by the parser. */
static const char good_feed[] =
    "{\n"                                                             /* 1 */
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"          /* 2 */
    "  \"title\": \"清风 内容\",\n"                                   /* 3 */
    "  \"language\": \"zh-CN\",\n"                                    /* 4 */
    "  \"_qingfeng\": {\"format\": 1, \"generated_by\": \"qingfeng-feed\",\n" /* 5 */
    "    \"assets\": [{\"path\": \"images/lotus.svg\", \"size\": 42, \"sha256\": \"2f4b1a7d7c2a3f2d8e1c0b9a8f7e6d5c4b3a29181706f5e4d3c2b1a0f9e8d7c6\"}]},\n" /* 6 */
    "  \"items\": [\n"                                                /* 7 */
    "    {\"id\": \"maxim-baozheng\", \"content_text\": \"清心为治本，直道是身谋。\",\n" /* 8 */
    "     \"tags\": [\"清廉\", \"包拯\"],\n"                          /* 9 */
    "     \"_qingfeng\": {\"kind\": \"maxim\", \"author\": \"包拯\", \"source\": \"《书端州郡斋壁》\", \"weight\": 3}},\n" /* 10 */
    "    {\"id\": \"case-gift\", \"title\": \"收受礼金案\", \"summary\": \"一次“小意思”\",\n" /* 11 */
    "     \"content_text\": \"intro\\n\\n## 案情\\n\\nA\\n\", \"url\": \"https://example.org/case\",\n" /* 12 */
    "     \"_qingfeng\": {\"kind\": \"case\", \"markdown\": \"intro\\n\\n## 案情\\n\\nA\\n\", \"intro\": \"intro\",\n" /* 13 */
    "       \"pages\": [{\"title\": \"案情\", \"markdown\": \"A\"}, {\"title\": \"警示\", \"markdown\": \"B\"}]}},\n" /* 14 */
    "    {\"id\": \"story-window\", \"title\": \"窗口\", \"summary\": \"s\", \"content_text\": \"body\",\n" /* 15 */
    "     \"image\": \"images/lotus.svg\", \"_qingfeng\": {\"kind\": \"story\"}}\n" /* 16 */
    "  ]\n"                                                           /* 17 */
    "}\n";

#define ASSET "{\"path\": \"images/lotus.svg\", \"size\": 42, \"sha256\": \"2f4b1a7d7c2a3f2d8e1c0b9a8f7e6d5c4b3a29181706f5e4d3c2b1a0f9e8d7c6\"}"
#define SMALL_HEAD "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\",\n"
#define SMALL_ITEM "[{\"id\": \"a\", \"content_text\": \"x\"}]"

/* A valid feed whose case has three questions; the line numbers matter. */
static const char quiz_feed[] =
    "{\n"                                                                       /* 1 */
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"                    /* 2 */
    "  \"title\": \"清风 内容\",\n"                                             /* 3 */
    "  \"items\": [\n"                                                          /* 4 */
    "    {\"id\": \"case-hongbao\", \"title\": \"电子红包案\", \"content_text\": \"正文\",\n" /* 5 */
    "     \"_qingfeng\": {\"kind\": \"case\", \"questions\": [\n"                 /* 6 */
    "       {\"kind\": \"single\", \"stem\": \"收到电子红包，正确的做法是？\",\n"      /* 7 */
    "        \"options\": [\"收下\", \"一律不收，及时报告\", \"转给工会\"],\n"        /* 8 */
    "        \"answer\": [1],\n"                                                  /* 9 */
    "        \"explanation\": \"管理服务对象的红包一律不收。\", \"source\": \"《中国共产党廉洁自律准则》\"},\n" /* 10 */
    "       {\"kind\": \"multi\", \"stem\": \"哪些属于礼金？\",\n"                  /* 11 */
    "        \"options\": [\"电子红包\", \"购物卡\", \"工作餐\"],\n"                  /* 12 */
    "        \"answer\": [0, 1],\n"                                               /* 13 */
    "        \"explanation\": \"都是礼金。\"},\n"                                  /* 14 */
    "       {\"kind\": \"judge\", \"stem\": \"小额红包可以收。\",\n"                 /* 15 */
    "        \"options\": [\"正确\", \"错误\"],\n"                                  /* 16 */
    "        \"answer\": [1],\n"                                                  /* 17 */
    "        \"explanation\": \"不论金额大小。\"}]}}\n"                            /* 18 */
    "  ]\n"                                                                      /* 19 */
    "}\n";

#define JUDGE_Q "{\"kind\": \"judge\", \"stem\": \"s\", \"options\": [\"正确\", \"错误\"], \"answer\": [0], \"explanation\": \"e\"}"
#define Q(i) "items[0]._qingfeng.questions[" #i "]"

/* `from` -> `to` in a good feed; with `from` NULL, `to` is the whole text. */
struct feed_fixture {
    struct expect e; /* e.file is the name given to the parser; e.field the path */
    const char *from, *to;
};

static const struct feed_fixture feed_fixtures[] = {
    { { MSG_FEED_NOT_STRING, "feed.json", 3, "title", { "is a whole number, not a string", "这里是整数，不是字符串" } },
      "\"title\": \"清风 内容\"", "\"title\": 5" },
    { { MSG_FEED_TAGS_NOT_LIST, "feed.json", 9, "items[0].tags", { "is a string, not a list", "这里是字符串，不是列表" } },
      "\"tags\": [\"清廉\", \"包拯\"]", "\"tags\": \"清廉\"" },
    { { MSG_FEED_TAG_NOT_STRING, "feed.json", 9, "items[0].tags[1]",
        { "is a whole number, not a string; write each tag", "这里是整数，不是字符串；每个标签" } },
      "\"tags\": [\"清廉\", \"包拯\"]", "\"tags\": [\"清廉\", 5]" },
    { { MSG_FEED_PAGES_NOT_LIST, "feed.json", 14, "items[1]._qingfeng.pages", { "not a list; write pages", "不是列表；分页请写成" } },
      "[{\"title\": \"案情\", \"markdown\": \"A\"}, {\"title\": \"警示\", \"markdown\": \"B\"}]", "\"案情\"" },
    { { MSG_FEED_PAGE_NOT_OBJECT, "feed.json", 14, "items[1]._qingfeng.pages[0]",
        { "is a whole number, not an object", "这里是整数，不是对象" } },
      "[{\"title\": \"案情\", \"markdown\": \"A\"},", "[1," },
    { { MSG_FEED_PAGE_NO_TITLE, "feed.json", 14, "items[1]._qingfeng.pages[1].title",
        { "missing or empty; give every page a title", "请给每一页写上标题" } },
      "{\"title\": \"警示\", \"markdown\": \"B\"}", "{\"markdown\": \"B\"}" },
    { { MSG_FEED_PAGE_NO_MARKDOWN, "feed.json", 14, "items[1]._qingfeng.pages[1].markdown",
        { "missing; add the page text", "缺少这一页的正文" } },
      "{\"title\": \"警示\", \"markdown\": \"B\"}", "{\"title\": \"警示\"}" },
    { { MSG_FEED_ID_MISSING, "feed.json", 15, "items[2].id", { "missing; give every item a unique", "缺少编号" } },
      "{\"id\": \"story-window\", ", "{" },
    { { MSG_FEED_ID_NOT_STRING, "feed.json", 15, "items[2].id", { "is true/false, not a string", "这里是真假值 true/false，不是字符串" } },
      "\"id\": \"story-window\"", "\"id\": true" },
    { { MSG_FEED_ID_EMPTY, "feed.json", 15, "items[2].id", { "is empty; give every item", "编号是空的" } },
      "\"id\": \"story-window\"", "\"id\": \"\"" },
    { { MSG_FEED_ID_DUPLICATE, "feed.json", 15, "items[2].id",
        { "\"maxim-baozheng\" is already used by items[0]", "编号“maxim-baozheng”已经被 items[0] 使用" } },
      "\"story-window\"", "\"maxim-baozheng\"" },
    { { MSG_FEED_ITEM_NOT_OBJECT, "feed.json", 8, "items[0]", { "is a whole number, not an object", "这里是整数，不是对象" } },
      "  \"items\": [\n", "  \"items\": [\n5,\n" },
    { { MSG_FEED_ITEM_QF_NOT_OBJECT, "feed.json", 16, "items[2]._qingfeng",
        { "is a string, not an object; write it as {\"kind\"", "这里是字符串，不是对象；请写成 {\"kind\"" } },
      "\"_qingfeng\": {\"kind\": \"story\"}", "\"_qingfeng\": \"story\"" },
    { { MSG_FEED_KIND_NOT_STRING, "feed.json", 16, "items[2]._qingfeng.kind", { "is null, not a string", "这里是空值 null，不是字符串" } },
      "{\"kind\": \"story\"}", "{\"kind\": null}" },
    { { MSG_KIND_UNKNOWN, "feed.json", 16, "items[2]._qingfeng.kind", { "\"foo\" is not a known kind", "“foo”不是可用的类别" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"foo\"}" },
    { { MSG_FEED_WEIGHT_NOT_INT, "feed.json", 10, "items[0]._qingfeng.weight",
        { "is a decimal number, not a whole number", "这里是小数，不是整数" } },
      "\"weight\": 3", "\"weight\": 2.5" },
    { { MSG_WEIGHT_RANGE, "feed.json", 10, "items[0]._qingfeng.weight", { "11 is out of range", "11 超出了范围" } },
      "\"weight\": 3", "\"weight\": 11" },
    { { MSG_FEED_NO_TEXT, "feed.json", 15, "items[2]", { "has neither content_text nor content_html", "既没有 content_text 也没有 content_html" } },
      "\"content_text\": \"body\",", "" },
    { { MSG_FEED_MAXIM_NO_TEXT, "feed.json", 8, "items[0].content_text",
        { "missing or empty for a maxim", "廉语缺少正文或正文是空的" } },
      "\"content_text\": \"清心为治本，直道是身谋。\"", "\"content_text\": \"\"" },
    { { MSG_FEED_NO_TITLE, "feed.json", 11, "items[1].title", { "missing or empty for a case", "警示案例缺少标题或标题是空的" } },
      "\"title\": \"收受礼金案\", ", "" },
    { { MSG_FEED_PATH_UNSAFE, "feed.json", 16, "items[2].image",
        { "\"../secret.png\" is not a safe relative path", "“../secret.png”不是安全的相对路径" } },
      "\"image\": \"images/lotus.svg\"", "\"image\": \"../secret.png\"" },
    { { MSG_FEED_IMAGE_NOT_LISTED, "feed.json", 16, "items[2].image",
        { "\"images/other.svg\" is not listed in _qingfeng.assets", "“images/other.svg”没有登记在 _qingfeng.assets 中" } },
      "\"image\": \"images/lotus.svg\"", "\"image\": \"images/other.svg\"" },
    { { MSG_FEED_BODY_IMAGE_UNSAFE, "feed.json", 15, "items[2].content_text",
        { "item \"story-window\" shows the picture \"https://example.org/x.svg\", which is not a file in the feed folder",
          "条目“story-window”的正文引用了图片“https://example.org/x.svg”，它不是内容包文件夹里的文件" } },
      "\"content_text\": \"body\"", "\"content_text\": \"![图](https://example.org/x.svg)\"" },
    { { MSG_FEED_BODY_IMAGE_NOT_LISTED, "feed.json", 14, "items[1]._qingfeng.pages[1].markdown",
        { "item \"case-gift\" shows the picture \"images/other.svg\", which is not listed in _qingfeng.assets",
          "条目“case-gift”的正文引用了图片“images/other.svg”，但它没有登记在 _qingfeng.assets 中" } },
      "\"markdown\": \"B\"", "\"markdown\": \"B\\n\\n![图](images/other.svg)\"" },
    { { MSG_NOT_HTTP_URL, "feed.json", 12, "items[1].url",
        { "\"javascript:alert(1)\" is not an http(s) URL", "“javascript:alert(1)”不是以 https:// 或 http:// 开头的网址" } },
      "\"url\": \"https://example.org/case\"", "\"url\": \"javascript:alert(1)\"" },
    { { MSG_FEED_ASSET_NOT_OBJECT, "feed.json", 6, "_qingfeng.assets[0]", { "is a string, not an object", "这里是字符串，不是对象" } },
      "\"assets\": [{", "\"assets\": [\"images/lotus.svg\", {" },
    { { MSG_FEED_ASSET_PATH_MISSING, "feed.json", 6, "_qingfeng.assets[0].path", { "missing; add the file's path", "缺少路径" } },
      "{\"path\": \"images/lotus.svg\", \"size\"", "{\"size\"" },
    { { MSG_FEED_ASSET_SIZE_MISSING, "feed.json", 6, "_qingfeng.assets[0].size", { "missing; add the file's size", "缺少文件大小" } },
      "\"size\": 42, ", "" },
    { { MSG_FEED_ASSET_SIZE_BAD, "feed.json", 6, "_qingfeng.assets[0].size", { "is not a whole number of bytes", "不是字节数" } },
      "\"size\": 42", "\"size\": -1" },
    { { MSG_FEED_ASSET_SHA_MISSING, "feed.json", 6, "_qingfeng.assets[0].sha256", { "missing; add the file's SHA-256", "缺少校验值" } },
      ", \"sha256\": \"2f4b1a7d7c2a3f2d8e1c0b9a8f7e6d5c4b3a29181706f5e4d3c2b1a0f9e8d7c6\"", "" },
    { { MSG_FEED_ASSET_SHA_BAD, "feed.json", 6, "_qingfeng.assets[0].sha256",
        { "is not 64 lower-case hex digits", "不是 64 位小写十六进制数字" } },
      "\"sha256\": \"2f", "\"sha256\": \"X" },
    { { MSG_FEED_ASSET_DUPLICATE, "feed.json", 6, "_qingfeng.assets[1].path",
        { "\"images/lotus.svg\" is already listed as _qingfeng.assets[0]", "“images/lotus.svg”已经登记为 _qingfeng.assets[0]" } },
      "\"assets\": [" ASSET, "\"assets\": [" ASSET ", " ASSET },
    /* the quiz bank: "_qingfeng.quiz" after the assets, on line 6 */
    { { MSG_FEED_QUIZ_NOT_OBJECT, "feed.json", 6, "_qingfeng.quiz",
        { "is a whole number, not an object", "这里是整数，不是对象" } },
      "c6\"}]},", "c6\"}], \"quiz\": 5}," },
    { { MSG_FEED_QUIZ_BANK_MISSING, "feed.json", 6, "_qingfeng.quiz.bank",
        { "missing; name the question bank file", "缺少题库文件" } },
      "c6\"}]},", "c6\"}], \"quiz\": {\"questions\": 3}}," },
    { { MSG_FEED_QUIZ_BANK_NOT_LISTED, "feed.json", 6, "_qingfeng.quiz.bank",
        { "\"quiz/bank.json\" is not listed in _qingfeng.assets", "“quiz/bank.json”没有列在 _qingfeng.assets 中" } },
      "c6\"}]},", "c6\"}], \"quiz\": {\"bank\": \"quiz/bank.json\", \"questions\": 3}}," },
    { { MSG_FEED_QUIZ_QUESTIONS_BAD, "feed.json", 6, "_qingfeng.quiz.questions",
        { "is not a number of questions from 1 to 10000", "不是 1 到 10000 之间的题目数" } },
      "c6\"}]},", "c6\"}], \"quiz\": {\"bank\": \"images/lotus.svg\", \"questions\": 0}}," },
    /* schedules, pinning and screen groups of the story on line 16 */
    { { MSG_FEED_SCHEDULE_NOT_OBJECT, "feed.json", 16, "items[2]._qingfeng.schedule",
        { "is a string, not an object; write it as {\"from\"", "这里是字符串，不是对象；请写成 {\"from\"" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"schedule\": \"mon-fri\"}" },
    { { MSG_SCHEDULE_DATE_BAD, "feed.json", 16, "items[2]._qingfeng.schedule.until",
        { "\"2027-02-30\" is not a date; write it as YYYY-MM-DD", "“2027-02-30”不是有效的日期" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"schedule\": {\"until\": \"2027-02-30\"}}" },
    { { MSG_SCHEDULE_UNTIL_BEFORE_FROM, "feed.json", 16, "items[2]._qingfeng.schedule.until",
        { "the last day 2027-01-31 is before the first day 2027-02-01", "结束日期 2027-01-31 早于开始日期 2027-02-01" } },
      "{\"kind\": \"story\"}",
      "{\"kind\": \"story\", \"schedule\": {\"from\": \"2027-02-01\", \"until\": \"2027-01-31\"}}" },
    { { MSG_SCHEDULE_DAYS_BAD, "feed.json", 16, "items[2]._qingfeng.schedule.days",
        { "\"weekdays\" is not a set of weekdays", "“weekdays”不是星期的写法" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"schedule\": {\"days\": \"weekdays\"}}" },
    { { MSG_SCHEDULE_HOURS_BAD, "feed.json", 16, "items[2]._qingfeng.schedule.hours",
        { "\"8:00-12:00\" is not a list of hour ranges; use HH:MM-HH:MM", "“8:00-12:00”不是时段的写法" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"schedule\": {\"hours\": \"8:00-12:00\"}}" },
    { { MSG_FEED_PINNED_NOT_BOOL, "feed.json", 16, "items[2]._qingfeng.pinned",
        { "is a string, not true/false", "这里是字符串，不是真假值" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"pinned\": \"yes\"}" },
    { { MSG_FEED_GROUPS_NOT_LIST, "feed.json", 16, "items[2]._qingfeng.groups",
        { "is a string, not a list; write the groups as", "这里是字符串，不是列表；分组请写成" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"groups\": \"lobby\"}" },
    { { MSG_GROUP_NAME_BAD, "feed.json", 16, "items[2]._qingfeng.groups[1]",
        { "\"大厅\" is not a group name", "“大厅”不能用作屏幕分组名" } },
      "{\"kind\": \"story\"}", "{\"kind\": \"story\", \"groups\": [\"lobby\", \"大厅\"]}" },
    { { MSG_GROUPS_TOO_MANY, "feed.json", 16, "items[2]._qingfeng.groups",
        { "names 17 groups; name at most 16", "写了 17 个分组；请最多写 16 个" } },
      "{\"kind\": \"story\"}",
      "{\"kind\": \"story\", \"groups\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", "
      "\"i\", \"j\", \"k\", \"l\", \"m\", \"n\", \"o\", \"p\", \"q\"]}" },
    { { MSG_FEED_ROOT_NOT_OBJECT, "feed.json", 1, NULL, { "is an array, not an object", "这里是列表 […]，不是对象" } },
      NULL, "[1, 2]" },
    { { MSG_FEED_VERSION_MISSING, "feed.json", 1, "version", { "missing; add \"version\"", "缺少版本号" } },
      "\"version\"", "\"versio\"" },
    { { MSG_FEED_VERSION_UNKNOWN, "feed.json", 2, "version",
        { "\"https://jsonfeed.org/version/2\" is not a JSON Feed version", "不是 JSON Feed 的版本号" } },
      "version/1.1\"", "version/2\"" },
    { { MSG_FEED_TITLE_MISSING, "feed.json", 1, "title", { "missing; add a \"title\" for the feed", "缺少标题；请给内容包加上 \"title\"" } },
      "\"title\": \"清风 内容\"", "\"titel\": \"清风 内容\"" },
    { { MSG_FEED_QF_NOT_OBJECT, "feed.json", 2, "_qingfeng", { "is a whole number, not an object", "这里是整数，不是对象" } },
      NULL, SMALL_HEAD " \"_qingfeng\": 1,\n \"items\": " SMALL_ITEM "}" },
    { { MSG_FEED_FORMAT_BAD, "feed.json", 5, "_qingfeng.format", { "is not a format number; use 1", "不是格式编号；请写 1" } },
      "\"format\": 1", "\"format\": \"1\"" },
    { { MSG_FEED_FORMAT_NEWER, "feed.json", 5, "_qingfeng.format",
        { "2 is newer than this reader understands", "格式 2 比本程序能读懂的更新；请升级屏幕上的清风软件" } },
      "\"format\": 1", "\"format\": 2" },
    { { MSG_FEED_ASSETS_NOT_LIST, "feed.json", 2, "_qingfeng.assets", { "is an object, not a list", "这里是对象 {…}，不是列表" } },
      NULL, SMALL_HEAD " \"_qingfeng\": {\"assets\": {}},\n \"items\": " SMALL_ITEM "}" },
    { { MSG_FEED_ITEMS_MISSING, "feed.json", 1, "items", { "missing; add \"items\"", "缺少内容列表" } },
      "\"items\"", "\"itemz\"" },
    { { MSG_FEED_ITEMS_NOT_LIST, "feed.json", 2, "items", { "is an object, not a list", "这里是对象 {…}，不是列表" } },
      NULL, SMALL_HEAD " \"items\": {}}" },
    { { MSG_FEED_ITEMS_EMPTY, "feed.json", 3, "items", { "no items; the kiosk needs", "没有任何内容；屏幕至少需要一条内容" } },
      NULL, SMALL_HEAD "\n \"items\": []}" },
    { { MSG_FEED_SYNTAX, "feed.json", 10, "syntax", { "(column ", "（第 " } }, "\"包拯\"],\n", "\"包拯\"]\n" },
    { { MSG_FEED_NOT_UTF8, "feed.json", 9, "syntax", { "not UTF-8 text (byte 0xe6", "不是 UTF-8 编码的文本（字节 0xe6" } },
      "\"包拯\"", "\"包\xe6\"" },
    { { MSG_FEED_SYNTAX, "feed.json", 4, "syntax", { "duplicate object key near '\"title\"' (column", "duplicate object key near '\"title\"'（第" } },
      "\"language\": \"zh-CN\"", "\"title\": \"again\"" },
};

/* Edits of quiz_feed: the questions of a case. */
static const struct feed_fixture quiz_fixtures[] = {
    { { MSG_FEED_QUESTIONS_NOT_LIST, "feed.json", 6, "items[0]._qingfeng.questions",
        { "is a string, not a list; write questions as", "这里是字符串，不是列表；题目请写成" } },
      "\"questions\": [", "\"questions\": \"none\", \"unused\": [" },
    { { MSG_FEED_QUESTIONS_NOT_CASE, "feed.json", 6, "items[0]._qingfeng.questions",
        { "a story cannot have questions", "身边典型不能带学后测题目" } },
      "{\"kind\": \"case\", \"questions\"", "{\"kind\": \"story\", \"questions\"" },
    { { MSG_FEED_QUESTIONS_TOO_MANY, "feed.json", 6, "items[0]._qingfeng.questions",
        { "has 6 questions, more than 5; keep at most 5", "有 6 道题，超过了 5 道；请最多保留 5 道" } },
      "\"questions\": [", "\"questions\": [" JUDGE_Q ", " JUDGE_Q ", " JUDGE_Q ", " },
    { { MSG_FEED_QUESTION_NOT_OBJECT, "feed.json", 6, Q(0), { "is a whole number, not an object", "这里是整数，不是对象" } },
      "\"questions\": [", "\"questions\": [7, " },
    { { MSG_FEED_QUESTION_KIND_MISSING, "feed.json", 7, Q(0) ".kind",
        { "missing; add \"kind\": \"single\"", "缺少题型" } },
      "{\"kind\": \"single\", ", "{" },
    { { MSG_FEED_QUESTION_KIND_UNKNOWN, "feed.json", 7, Q(0) ".kind",
        { "\"essay\" is not a known question kind", "“essay”不是可用的题型" } },
      "\"kind\": \"single\"", "\"kind\": \"essay\"" },
    { { MSG_FEED_QUESTION_NO_STEM, "feed.json", 11, Q(1) ".stem",
        { "missing or empty; write the question as \"stem\"", "缺少题目或题目是空的" } },
      "\"stem\": \"哪些属于礼金？\"", "\"stem\": \" \"" },
    { { MSG_FEED_OPTIONS_NOT_LIST, "feed.json", 12, Q(1) ".options",
        { "is a string, not a list; write options as", "这里是字符串，不是列表；选项请写成" } },
      "[\"电子红包\", \"购物卡\", \"工作餐\"]", "\"电子红包\"" },
    { { MSG_FEED_OPTIONS_COUNT, "feed.json", 12, Q(1) ".options",
        { "has 1 option(s); give 2 to 6", "有 1 个选项；请写 2 到 6 个" } },
      "[\"电子红包\", \"购物卡\", \"工作餐\"]", "[\"电子红包\"]" },
    { { MSG_FEED_OPTION_EMPTY, "feed.json", 12, Q(1) ".options[1]", { "is empty; write the option's text", "选项是空的" } },
      "\"购物卡\"", "\"\"" },
    { { MSG_FEED_OPTION_DUPLICATE, "feed.json", 12, Q(1) ".options[2]",
        { "\"购物卡\" is the same as options[1]", "“购物卡”与 options[1] 相同" } },
      "\"工作餐\"]", "\"购物卡\"]" },
    { { MSG_FEED_ANSWER_MISSING, "feed.json", 11, Q(1) ".answer",
        { "missing; list the right options by number", "缺少答案" } },
      "\"answer\": [0, 1],", "" },
    { { MSG_FEED_ANSWER_NOT_LIST, "feed.json", 9, Q(0) ".answer",
        { "is a whole number, not a list; write the answer as [1]", "这里是整数，不是列表；答案请写成 [1]" } },
      "\"answer\": [1],\n        \"explanation\": \"管理", "\"answer\": 1,\n        \"explanation\": \"管理" },
    { { MSG_FEED_ANSWER_EMPTY, "feed.json", 9, Q(0) ".answer", { "is empty; list at least one right option", "答案是空的" } },
      "\"answer\": [1],\n        \"explanation\": \"管理", "\"answer\": [],\n        \"explanation\": \"管理" },
    { { MSG_FEED_ANSWER_NOT_INT, "feed.json", 9, Q(0) ".answer[0]",
        { "is a string, not an option number; use a whole number from 0 to 2", "这里是字符串，不是选项序号；请填写 0 到 2 之间的整数" } },
      "\"answer\": [1],\n        \"explanation\": \"管理", "\"answer\": [\"B\"],\n        \"explanation\": \"管理" },
    { { MSG_FEED_ANSWER_RANGE, "feed.json", 9, Q(0) ".answer[0]",
        { "3 is not an option number; use 0 to 2", "3 不是选项序号；请填写 0 到 2 之间的整数" } },
      "\"answer\": [1],\n        \"explanation\": \"管理", "\"answer\": [3],\n        \"explanation\": \"管理" },
    { { MSG_FEED_ANSWER_DUPLICATE, "feed.json", 13, Q(1) ".answer[1]", { "0 is listed twice", "0 重复出现" } },
      "\"answer\": [0, 1]", "\"answer\": [0, 0]" },
    { { MSG_FEED_ANSWER_NOT_ONE, "feed.json", 9, Q(0) ".answer",
        { "a single-choice question has 2 answers", "单选题有 2 个答案" } },
      "\"answer\": [1],\n        \"explanation\": \"管理", "\"answer\": [0, 1],\n        \"explanation\": \"管理" },
    { { MSG_FEED_ANSWER_MULTI_ONE, "feed.json", 13, Q(1) ".answer",
        { "a multiple-choice question has only one answer", "多选题只有一个答案" } },
      "\"answer\": [0, 1]", "\"answer\": [0]" },
    { { MSG_FEED_JUDGE_OPTIONS, "feed.json", 16, Q(2) ".options",
        { "a judge question has exactly the options", "判断题的选项必须是" } },
      "[\"正确\", \"错误\"]", "[\"错误\", \"正确\"]" },
    { { MSG_FEED_JUDGE_ANSWER, "feed.json", 17, Q(2) ".answer",
        { "a judge question has 2 answers", "判断题有 2 个答案" } },
      "\"answer\": [1],\n        \"explanation\": \"不论", "\"answer\": [0, 1],\n        \"explanation\": \"不论" },
    { { MSG_FEED_QUESTION_NO_EXPLANATION, "feed.json", 14, Q(1) ".explanation",
        { "missing or empty; every answer needs an \"explanation\"", "缺少解析或解析是空的" } },
      "\"explanation\": \"都是礼金。\"", "\"explanation\": \"\"" },
    { { MSG_FEED_TEXT_TOO_LONG, "feed.json", 15, Q(2) ".stem",
        { "is 160 characters long, over the limit of 150", "有 160 个字，超过了 150 个字的上限" } },
      "\"stem\": \"小额红包可以收。\"",
      "\"stem\": \"" TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN TEN "\"" },
};

/* The words that stand for the paths "feed" and "syntax" in each language. */
static const char *path_word(const char *path, enum msg_lang lang)
{
    if (!path)
        return msg_fmt(lang, MSG_PATH_WHOLE_FEED);
    if (strcmp(path, "syntax") == 0)
        return msg_fmt(lang, MSG_PATH_SYNTAX);
    return path;
}

/* Runs the fixtures of one table, each an edit of `base`. */
static void run_feed_fixtures(const struct feed_fixture *fixtures, size_t n, const char *base)
{
    struct diag good = { 0 };
    struct feed *feed = feed_parse_diag(base, strlen(base), "feed.json", &good);

    if (!feed) { /* the edits start from a good feed */
        print_diag(&good);
        fail_msg("the base feed was refused");
    }
    feed_free(feed);
    diag_free(&good);
    for (size_t i = 0; i < n; i++) {
        const struct feed_fixture *f = &fixtures[i];
        char *text;

        if (f->from) {
            const char *at = strstr(base, f->from);
            if (!at)
                fail_msg("%s: fixture does not contain \"%s\"", msg_name(f->e.id), f->from);
            text = malloc(strlen(base) + strlen(f->to) + 1);
            assert_non_null(text);
            memcpy(text, base, (size_t)(at - base));
            strcpy(text + (at - base), f->to);
            strcat(text, at + strlen(f->from));
        } else {
            text = strdup(f->to);
            assert_non_null(text);
        }
        for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
            struct diag errs = { .lang = (enum msg_lang)lang };
            struct expect e = f->e;

            feed = feed_parse_diag(text, strlen(text), "build/feed/feed.json", &errs);
            if (feed) {
                feed_free(feed);
                fail_msg("%s: the edited feed was accepted", msg_name(f->e.id));
            }
            assert_int_equal(errs.n, 1); /* the parser stops at the first problem */
            e.field = path_word(f->e.field, (enum msg_lang)lang);
            check_message(&errs, "build/feed", &e, 1);
            diag_free(&errs);
        }
        free(text);
    }
}

static void test_feed_messages_name_file_line_field(void **state)
{
    run_feed_fixtures(feed_fixtures, sizeof feed_fixtures / sizeof feed_fixtures[0], good_feed);
}

static void test_question_messages_name_file_line_field(void **state)
{
    run_feed_fixtures(quiz_fixtures, sizeof quiz_fixtures / sizeof quiz_fixtures[0], quiz_feed);
}

/* A feed.json over the limit: by length (nothing is read) and on disk. */
static void test_feed_size_messages(void **state)
{
    char tmp[64], path[128];

    make_tmp(tmp, sizeof tmp);
    write_sparse(tmp, "feed.json", (off_t)FEED_MAX_BYTES + 1);
    snprintf(path, sizeof path, "%s/feed.json", tmp);
    for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
        struct diag errs = { .lang = (enum msg_lang)lang };
        struct expect big = { MSG_FEED_TOO_BIG, "feed.json", 1, path_word(NULL, (enum msg_lang)lang),
                              { "is 16777217 bytes, over the 16 MiB limit", "有 16777217 字节，超过了 16 MiB 的上限" } };
        struct expect file = { MSG_FEED_FILE_TOO_BIG, "feed.json", 1, path_word(NULL, (enum msg_lang)lang),
                               { "file is over the 16 MiB limit", "文件超过了 16 MiB 的上限" } };
        struct expect unread = { MSG_FEED_CANNOT_READ, "missing/feed.json", 0, NULL,
                                 { "cannot read: No such file or directory; check the path",
                                   "无法读取：文件或文件夹不存在；请检查路径，或先用 qingfeng-feed build 生成内容包" } };
        char missing[128];

        assert_null(feed_parse_diag("{}", (size_t)FEED_MAX_BYTES + 1, "build/feed/feed.json", &errs));
        check_message(&errs, "build/feed", &big, 1);
        diag_free(&errs);

        assert_null(feed_load_dir_diag(tmp, &errs));
        check_message(&errs, tmp, &file, 1);
        diag_free(&errs);

        snprintf(missing, sizeof missing, "%s/missing", tmp);
        assert_null(feed_load_dir_diag(missing, &errs));
        check_message(&errs, tmp, &unread, 0);
        diag_free(&errs);
    }
    remove_tree(tmp);
}

/* ---- asset fixtures ------------------------------------------------------------------ */

enum damage { DAMAGE_REMOVE, DAMAGE_FOLDER, DAMAGE_SHORTER, DAMAGE_SAME_SIZE };

struct asset_fixture {
    struct expect e;
    enum damage damage;
};

static const struct asset_fixture asset_fixtures[] = {
    { { MSG_ASSET_MISSING, "images/lotus.svg", 0, NULL,
        { "file is missing (No such file or directory)", "找不到这个文件（文件或文件夹不存在）；请把它复制回内容包文件夹" } },
      DAMAGE_REMOVE },
    { { MSG_ASSET_NOT_REGULAR, "images/lotus.svg", 0, NULL, { "is not a regular file", "不是普通文件" } }, DAMAGE_FOLDER },
    { { MSG_ASSET_SIZE_DIFFERS, "images/lotus.svg", 0, NULL,
        { "size is 6 bytes but feed.json pins 42", "文件大小是 6 字节，但 feed.json 中记录的是 42 字节" } },
      DAMAGE_SHORTER },
    { { MSG_ASSET_SHA_DIFFERS, "images/lotus.svg", 0, NULL,
        { "but feed.json pins", "但 feed.json 中记录的是" } },
      DAMAGE_SAME_SIZE },
};

/* Writes a good feed folder: the good feed with the real size and hash. */
static void write_feed_folder(const char *dir)
{
    char hex[SHA256_HEX_LEN + 1], *text, *at;

    assert_int_equal(strlen(lotus_svg), 42);
    assert_int_equal(sha256_hex_buffer(lotus_svg, strlen(lotus_svg), hex), 0);
    text = strdup(good_feed);
    assert_non_null(text);
    at = strstr(text, "2f4b1a7d");
    memcpy(at, hex, SHA256_HEX_LEN);
    write_file(dir, "feed.json", text, strlen(text));
    write_file(dir, "images/lotus.svg", lotus_svg, strlen(lotus_svg));
    free(text);
}

static void test_asset_messages_name_the_file(void **state)
{
    size_t n = sizeof asset_fixtures / sizeof asset_fixtures[0];

    for (size_t i = 0; i < n; i++) {
        const struct asset_fixture *f = &asset_fixtures[i];
        char tmp[64], path[128], same[sizeof lotus_svg];
        struct diag check = { 0 };
        struct feed *feed;

        make_tmp(tmp, sizeof tmp);
        write_feed_folder(tmp);
        feed = feed_load_dir_diag(tmp, &check); /* the folder is good before the damage */
        if (!feed) {
            print_diag(&check);
            fail_msg("the good feed folder was refused");
        }
        feed_free(feed);
        snprintf(path, sizeof path, "%s/images/lotus.svg", tmp);
        switch (f->damage) {
        case DAMAGE_REMOVE:
            assert_int_equal(unlink(path), 0);
            break;
        case DAMAGE_FOLDER:
            assert_int_equal(unlink(path), 0);
            assert_int_equal(mkdir(path, 0755), 0);
            break;
        case DAMAGE_SHORTER:
            write_file(tmp, "images/lotus.svg", "<svg/>", 6);
            break;
        case DAMAGE_SAME_SIZE:
            memcpy(same, lotus_svg, sizeof lotus_svg);
            same[1] = 'S';
            write_file(tmp, "images/lotus.svg", same, strlen(same));
            break;
        }
        for (int lang = 0; lang < MSG_LANG_COUNT; lang++) {
            struct diag errs = { .lang = (enum msg_lang)lang };
            assert_null(feed_load_dir_diag(tmp, &errs));
            assert_int_equal(errs.n, 1);
            check_message(&errs, tmp, &f->e, 0);
            diag_free(&errs);
        }
        remove_tree(tmp);
    }
}

/* ---- coverage ------------------------------------------------------------------------- */

static void test_every_editor_message_has_a_fixture(void **state)
{
    static const enum msg_id extra[] = { MSG_FEED_TOO_BIG, MSG_FEED_FILE_TOO_BIG, MSG_FEED_CANNOT_READ };
    int seen[MSG_COUNT] = { 0 }, missing = 0;

    for (size_t i = 0; i < sizeof src_fixtures / sizeof src_fixtures[0]; i++)
        seen[src_fixtures[i].e.id] = 1;
    for (size_t i = 0; i < sizeof feed_fixtures / sizeof feed_fixtures[0]; i++)
        seen[feed_fixtures[i].e.id] = 1;
    for (size_t i = 0; i < sizeof quiz_fixtures / sizeof quiz_fixtures[0]; i++)
        seen[quiz_fixtures[i].e.id] = 1;
    for (size_t i = 0; i < sizeof asset_fixtures / sizeof asset_fixtures[0]; i++)
        seen[asset_fixtures[i].e.id] = 1;
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        seen[extra[i]] = 1;
    /* the signature messages have their own cases: test_minisign.c, test_feed_sig.c */
    for (int id = MSG_SIG_FIRST; id <= MSG_SIG_LAST; id++)
        seen[id] = 1;
    /* so have the question bank's: test_qbank.c */
    for (int id = MSG_QBANK_FIRST; id <= MSG_QBANK_LAST; id++)
        seen[id] = 1;
    for (int id = 0; id < MSG_COUNT; id++) {
        if (msg_class_of((enum msg_id)id) == MSG_CLASS_EDITOR && !seen[id]) {
            print_message("    no fixture for %s\n", msg_name((enum msg_id)id));
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

/* The kiosk's entry points stay English whatever the tool would choose. */
static void test_kiosk_entry_points_are_english(void **state)
{
    char err[512];
    struct feed *feed = feed_parse("{\"version\": 1}", 14, "feed.json", err, sizeof err);

    assert_null(feed);
    assert_string_equal(err, "feed.json:1: version: is a whole number, not a string; write the value in double quotes");
    assert_null(feed_load_dir("/nonexistent-qf", err, sizeof err));
    assert_string_equal(err, "/nonexistent-qf/feed.json: cannot read: No such file or directory; check the path or "
                             "build the feed with qingfeng-feed build");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_editor_message_has_a_fixture),
        cmocka_unit_test(test_source_messages_name_file_line_field),
        cmocka_unit_test(test_feed_messages_name_file_line_field),
        cmocka_unit_test(test_question_messages_name_file_line_field),
        cmocka_unit_test(test_feed_size_messages),
        cmocka_unit_test(test_asset_messages_name_the_file),
        cmocka_unit_test(test_kiosk_entry_points_are_english),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
