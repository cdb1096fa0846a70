/* The message catalogue (app/core/msg.c): every entry in both languages
 * with the same printf conversions, the language chosen from the
 * environment, struct diag, and qingfeng-feed speaking the chosen language.
 *
 * Run from the repository root (make unit does). The tool test runs
 * <build>/qingfeng-feed, found next to this binary's folder
 * (<build>/tests/test_msg); it is skipped when the tool is not built or
 * is older than <build>/libqfcore.a (make check builds it first). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/msg.h"

static char tool_path[1024], core_path[1024];

/* ---- printf conversions ----------------------------------------------------- */

/* Writes the conversions of a printf format, one per line, as written
 * ("%02x", "%zu", "%s"), into out. "%%" is not a conversion. Returns -1 on a
 * format this project does not use (positional "%1$s", "%n", "*" widths or
 * an unknown conversion). */
static int conversions(const char *fmt, char *out, size_t outlen)
{
    size_t n = 0;

    out[0] = '\0';
    for (const char *p = fmt; *p; p++) {
        const char *start = p;
        size_t len;

        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        p++;
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '$' || *p == '*')
            return -1;
        if (*p == '.') {
            p++;
            if (*p == '*')
                return -1;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        while (*p && strchr("hljztL", *p))
            p++;
        if (!*p || !strchr("sdiuxXc", *p))
            return -1;
        len = (size_t)(p - start) + 1;
        if (n + len + 2 > outlen)
            return -1;
        memcpy(out + n, start, len);
        n += len;
        out[n++] = '\n';
        out[n] = '\0';
    }
    return 0;
}

static void test_conversion_parser(void **state)
{
    char out[128];

    assert_int_equal(conversions("%s:%d: 100%% of %zu, 0x%02x %llu", out, sizeof out), 0);
    assert_string_equal(out, "%s\n%d\n%zu\n%02x\n%llu\n");
    assert_int_equal(conversions("%1$s", out, sizeof out), -1);
    assert_int_equal(conversions("%n", out, sizeof out), -1);
    assert_int_equal(conversions("%.*s", out, sizeof out), -1);
    assert_int_equal(conversions("no conversions", out, sizeof out), 0);
    assert_string_equal(out, "");
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* Every id has a name, an English and a Chinese text; the Chinese is a
 * translation (not a copy of the English); messages about a problem say
 * what to do in both languages. */
static void test_every_entry_has_both_languages(void **state)
{
    int bad = 0;

    for (int i = 0; i < MSG_COUNT; i++) {
        enum msg_id id = (enum msg_id)i;
        const char *en = msg_fmt(MSG_LANG_EN, id), *zh = msg_fmt(MSG_LANG_ZH, id);
        enum msg_class cls = msg_class_of(id);

        if (strcmp(msg_name(id), "?") == 0 || strncmp(msg_name(id), "MSG_", 4) != 0) {
            print_message("    id %d has no catalogue entry\n", i);
            bad++;
            continue;
        }
        if (!*en || !*zh) {
            print_message("    %s: missing %s text\n", msg_name(id), *en ? "Chinese" : "English");
            bad++;
        } else if (strcmp(en, zh) == 0 || !has_non_ascii(zh)) {
            print_message("    %s: the Chinese text is not a translation: \"%s\"\n", msg_name(id), zh);
            bad++;
        }
        if ((cls == MSG_CLASS_EDITOR || cls == MSG_CLASS_SYSTEM) && (!strstr(en, "; ") || !strstr(zh, "；"))) {
            print_message("    %s: no \"what to do\" half (\"; \" / \"；\")\n", msg_name(id));
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_string_equal(msg_name(MSG_COUNT), "?");
    assert_string_equal(msg_fmt(MSG_LANG_ZH, MSG_NONE), "");
}

/* Both texts of an entry take the same arguments, so formatting a message
 * in either language with the same arguments can neither crash nor
 * misformat. */
static void test_both_languages_take_the_same_arguments(void **state)
{
    int bad = 0;

    for (int i = 0; i < MSG_COUNT; i++) {
        enum msg_id id = (enum msg_id)i;
        char ce[256], cz[256];
        int re = conversions(msg_fmt(MSG_LANG_EN, id), ce, sizeof ce);
        int rz = conversions(msg_fmt(MSG_LANG_ZH, id), cz, sizeof cz);

        if (re < 0 || rz < 0) {
            print_message("    %s: a conversion this project does not use\n", msg_name(id));
            bad++;
        } else if (strcmp(ce, cz) != 0) {
            print_message("    %s: English takes\n%s    but Chinese takes\n%s", msg_name(id), ce, cz);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* The conversion check itself can fail. */
static void test_conversion_mismatch_is_caught(void **state)
{
    char a[64], b[64];

    assert_int_equal(conversions("\"%s\" is already used by items[%zu]", a, sizeof a), 0);
    assert_int_equal(conversions("编号“%s”已经被 items[%d] 使用", b, sizeof b), 0);
    assert_string_not_equal(a, b);
    assert_int_equal(conversions("%s then %d", a, sizeof a), 0);
    assert_int_equal(conversions("%d then %s", b, sizeof b), 0);
    assert_string_not_equal(a, b);
}

/* ---- the language ------------------------------------------------------------- */

static void test_lang_from_env(void **state)
{
    static const struct {
        const char *lc_all, *lc_messages, *lang;
        enum msg_lang want;
    } cases[] = {
        { NULL, NULL, NULL, MSG_LANG_EN },
        { NULL, NULL, "zh_CN.UTF-8", MSG_LANG_ZH },
        { NULL, NULL, "zh_TW.UTF-8", MSG_LANG_ZH },
        { NULL, NULL, "zh", MSG_LANG_ZH },
        { NULL, NULL, "C", MSG_LANG_EN },
        { NULL, NULL, "C.UTF-8", MSG_LANG_EN },
        { NULL, NULL, "en_US.UTF-8", MSG_LANG_EN },
        { "", "", "zh_CN.UTF-8", MSG_LANG_ZH },        /* empty means unset */
        { "C", NULL, "zh_CN.UTF-8", MSG_LANG_EN },      /* LC_ALL wins */
        { "zh_CN.UTF-8", "C", "C", MSG_LANG_ZH },
        { NULL, "zh_CN.GB18030", "en_US.UTF-8", MSG_LANG_ZH }, /* LC_MESSAGES before LANG */
        { NULL, "POSIX", "zh_CN.UTF-8", MSG_LANG_EN },
        { NULL, NULL, "Zh_CN", MSG_LANG_EN },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum msg_lang got = msg_lang_from_env(cases[i].lc_all, cases[i].lc_messages, cases[i].lang);
        if (got != cases[i].want)
            fail_msg("LC_ALL=%s LC_MESSAGES=%s LANG=%s: got %d, want %d", cases[i].lc_all ? cases[i].lc_all : "(unset)",
                     cases[i].lc_messages ? cases[i].lc_messages : "(unset)", cases[i].lang ? cases[i].lang : "(unset)",
                     got, cases[i].want);
    }
}

static void test_strerror(void **state)
{
    assert_string_equal(msg_strerror(MSG_LANG_EN, ENOENT), strerror(ENOENT));
    assert_string_equal(msg_strerror(MSG_LANG_ZH, ENOENT), "文件或文件夹不存在");
    assert_string_equal(msg_strerror(MSG_LANG_ZH, EACCES), "没有访问权限");
    assert_string_equal(msg_strerror(MSG_LANG_ZH, EIO), strerror(EIO)); /* not translated: the system's words */
}

/* ---- struct diag ------------------------------------------------------------------ */

static void test_diag_shapes(void **state)
{
    struct diag en = { 0 }, zh = { .lang = MSG_LANG_ZH };

    assert_int_equal(diag_field(&en, "content/cases/gift.md", 3, "weight", MSG_SRC_WEIGHT_NOT_INT, "abc"), 0);
    assert_int_equal(diag_field(&zh, "content/cases/gift.md", 3, "weight", MSG_SRC_WEIGHT_NOT_INT, "abc"), 0);
    assert_string_equal(en.lines[0], "content/cases/gift.md:3: field \"weight\": \"abc\" is not a whole number; use 1 to 10");
    assert_string_equal(zh.lines[0], "content/cases/gift.md:3: 字段 \"weight\"：“abc”不是整数；请填写 1 到 10 之间的整数");

    diag_field(&zh, "content/stories/open.md", 1, NULL, MSG_SRC_HEADER_NOT_CLOSED);
    assert_string_equal(zh.lines[1], "content/stories/open.md:1: 头部没有结束；请在最后一个字段的下一行加一行“---”");
    diag_field(&zh, "content", 0, NULL, MSG_SRC_NO_ITEMS);
    assert_string_equal(zh.lines[2], "content: 没有任何内容；请在 maxims/、cases/ 或 stories/ 文件夹中添加 .md 文件");
    diag_path(&zh, "feed.json", 42, "items[3]._qingfeng.kind", MSG_KIND_UNKNOWN, "foo");
    assert_string_equal(zh.lines[3], "feed.json:42: items[3]._qingfeng.kind：“foo”不是可用的类别；"
                                     "请填写 maxim（廉语）、case（警示案例）或 story（身边典型）");
    diag_path(&en, "feed.json", 42, "items[3]._qingfeng.kind", MSG_KIND_UNKNOWN, "foo");
    assert_string_equal(en.lines[1], "feed.json:42: items[3]._qingfeng.kind: \"foo\" is not a known kind; use maxim, case or story");
    diag_add(&en, "%s: free text %d", "x", 7);
    assert_string_equal(en.lines[2], "x: free text 7");

    assert_int_equal(en.n, 3);
    assert_int_equal(en.ids[0], MSG_SRC_WEIGHT_NOT_INT);
    assert_int_equal(en.ids[1], MSG_KIND_UNKNOWN);
    assert_int_equal(en.ids[2], MSG_NONE);
    assert_int_equal(diag_find(&zh, MSG_SRC_NO_ITEMS), 2);
    assert_int_equal(diag_find(&zh, MSG_SRC_NO_HEADER), -1);
    assert_int_equal(diag_copy(&zh, &en, 2), 0);
    assert_string_equal(zh.lines[4], "x: free text 7");
    assert_int_equal(zh.ids[4], MSG_NONE);
    diag_free(&en);
    diag_free(&zh);
    assert_int_equal(zh.n, 0);
    assert_null(zh.lines);
    assert_int_equal(zh.lang, MSG_LANG_ZH); /* the caller's choice survives a reset */
}

/* ---- the tool ------------------------------------------------------------------------ */

/* True when the tool is older than the core library this test was linked
 * with (<build>/libqfcore.a): `make unit` alone does not rebuild the tool,
 * and an old tool would test old code. */
static int tool_is_stale(const struct stat *tool)
{
    struct stat core;

    if (!core_path[0] || stat(core_path, &core) != 0)
        return 0;
    if (tool->st_mtim.tv_sec != core.st_mtim.tv_sec)
        return tool->st_mtim.tv_sec < core.st_mtim.tv_sec;
    return tool->st_mtim.tv_nsec < core.st_mtim.tv_nsec;
}

/* Runs `env tool args` and returns its standard output and error. */
static char *run_tool(const char *env, const char *args, int *status)
{
    char cmd[4096], *out = NULL;
    size_t n = 0, cap = 0;
    FILE *p;

    snprintf(cmd, sizeof cmd, "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE %s '%s' %s 2>&1", env, tool_path, args);
    p = popen(cmd, "r");
    assert_non_null(p);
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            out = realloc(out, cap);
            assert_non_null(out);
        }
        size_t got = fread(out + n, 1, cap - n - 1, p);
        if (got == 0)
            break;
        n += got;
    }
    out[n] = '\0';
    *status = pclose(p);
    return out;
}

#define assert_has(s, sub)                                                              \
    do {                                                                                \
        if (!strstr((s), (sub)))                                                        \
            fail_msg("expected \"%s\" in the output:\n%s", (sub), (s));                 \
    } while (0)
#define assert_lacks(s, sub)                                                            \
    do {                                                                                \
        if (strstr((s), (sub)))                                                         \
            fail_msg("did not expect \"%s\" in the output:\n%s", (sub), (s));           \
    } while (0)

static void test_tool_speaks_the_chosen_language(void **state)
{
    static const char bad[] = "build tests/unit/data/content-bad -o /tmp/qf-test-msg-never-written";
    struct stat st;
    int status;
    char *out;

    if (!tool_path[0] || stat(tool_path, &st) != 0) {
        print_message("    %s is not built; skipped\n", tool_path[0] ? tool_path : "qingfeng-feed");
        skip();
    }
    if (tool_is_stale(&st)) {
        print_message("    %s is older than %s; skipped (make all builds it)\n", tool_path, core_path);
        skip();
    }

    out = run_tool("LANG=zh_CN.UTF-8", bad, &status);
    assert_int_not_equal(status, 0);
    assert_has(out, "tests/unit/data/content-bad/maxims/bad-weight.md:3: 字段 \"weight\"：“abc”不是整数；请填写 1 到 10 之间的整数");
    assert_has(out, "tests/unit/data/content-bad/stories/window.md:1: 字段 \"title\"：缺少标题；请在头部加一行“title: 标题”");
    assert_has(out, "tests/unit/data/content-bad/cases/c-quiz.md:9: 字段 \"选项\"：没有标出正确答案；请把正确选项前的“- [ ]”改成“- [x]”");
    assert_has(out, "发现 22 处问题，没有写入任何文件");
    assert_lacks(out, "field \"");
    assert_lacks(out, "problem(s)");
    free(out);

    out = run_tool("LANG=C", bad, &status);
    assert_int_not_equal(status, 0);
    assert_has(out, "tests/unit/data/content-bad/maxims/bad-weight.md:3: field \"weight\": \"abc\" is not a whole number; use 1 to 10");
    assert_has(out, "22 problem(s) found; nothing was written");
    assert_lacks(out, "字段");
    free(out);

    /* LC_ALL overrides LANG, both ways */
    out = run_tool("LANG=C LC_ALL=zh_CN.UTF-8", bad, &status);
    assert_has(out, "字段 \"weight\"：");
    free(out);
    out = run_tool("LANG=zh_CN.UTF-8 LC_ALL=C", bad, &status);
    assert_has(out, "field \"weight\": ");
    free(out);

    /* check: the validator's and the asset check's words too */
    out = run_tool("LANG=zh_CN.UTF-8", "check /nonexistent-qf", &status);
    assert_int_not_equal(status, 0);
    assert_has(out, "/nonexistent-qf/feed.json: 无法读取：文件或文件夹不存在；");
    assert_has(out, "发现 1 处问题：/nonexistent-qf");
    free(out);
    out = run_tool("LANG=C", "check /nonexistent-qf", &status);
    assert_has(out, "/nonexistent-qf/feed.json: cannot read: No such file or directory; ");
    free(out);

    /* usage errors */
    out = run_tool("LANG=zh_CN.UTF-8", "frobnicate", &status);
    assert_has(out, "qingfeng-feed：没有“frobnicate”这个命令");
    free(out);
    assert_int_not_equal(stat("/tmp/qf-test-msg-never-written/feed.json", &st), 0);

    /* a quiz bank: its file and question count, in each language, then check loads it */
    {
        char dir[] = "/tmp/qf-test-msg-quiz-XXXXXX", args[256], want[256];
        assert_non_null(mkdtemp(dir));
        snprintf(args, sizeof args, "build tests/unit/data/content-quiz -o %s/feed", dir);
        out = run_tool("LANG=zh_CN.UTF-8", args, &status);
        assert_int_equal(status, 0);
        snprintf(want, sizeof want, "已生成 %s/feed/quiz/bank.json：知识挑战赛题库共 2 道题", dir);
        assert_has(out, want);
        free(out);
        out = run_tool("LANG=C", args, &status);
        assert_int_equal(status, 0);
        snprintf(want, sizeof want, "wrote %s/feed/quiz/bank.json: 2 quiz questions", dir);
        assert_has(out, want);
        free(out);
        snprintf(args, sizeof args, "check %s/feed", dir);
        out = run_tool("LANG=C", args, &status);
        assert_int_equal(status, 0);
        assert_has(out, "ok: quiz bank quiz/bank.json, 2 questions");
        free(out);
        snprintf(args, sizeof args, "rm -rf '%s'", dir);
        assert_int_equal(system(args), 0);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conversion_parser),
        cmocka_unit_test(test_every_entry_has_both_languages),
        cmocka_unit_test(test_both_languages_take_the_same_arguments),
        cmocka_unit_test(test_conversion_mismatch_is_caught),
        cmocka_unit_test(test_lang_from_env),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_diag_shapes),
        cmocka_unit_test(test_tool_speaks_the_chosen_language),
    };
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;

    /* <build>/tests/test_msg -> <build>/qingfeng-feed */
    if (slash) {
        int n = snprintf(tool_path, sizeof tool_path, "%.*s/../qingfeng-feed", (int)(slash - argv[0]), argv[0]);
        if (n < 0 || (size_t)n >= sizeof tool_path)
            tool_path[0] = '\0';
        n = snprintf(core_path, sizeof core_path, "%.*s/../libqfcore.a", (int)(slash - argv[0]), argv[0]);
        if (n < 0 || (size_t)n >= sizeof core_path)
            core_path[0] = '\0';
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
