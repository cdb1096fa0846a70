/* The config checker: every problem with its exact line, suggestions, a
 * clean file; and the shipped kiosk.conf against the key table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config_check.h"
#include "core/config_keys.h"
#include "core/edit_distance.h"

static char path[64];

static void write_temp(const char *text)
{
    snprintf(path, sizeof path, "/tmp/qf-check-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* The report with the temporary path replaced by "F". */
struct report {
    char text[8192];
};

static void collect(void *ctx, const char *line)
{
    struct report *r = ctx;
    size_t n = strlen(path);
    assert_memory_equal(line, path, n);
    size_t used = strlen(r->text);
    snprintf(r->text + used, sizeof r->text - used, "F%s\n", line + n);
}

/* Checks text and compares the whole report with want. */
static void expect_report(const char *text, int problems, const char *want)
{
    struct report r = {.text = ""};
    write_temp(text);
    int n = config_check(path, collect, &r);
    unlink(path);
    assert_string_equal(r.text, want);
    assert_int_equal(n, problems);
}

static void a_clean_file_has_no_problems(void **state)
{
    (void)state;
    expect_report("; comment\n# another\n\n[display]\nfullscreen = false\nsize = 1920x1080\n"
                  "[attract]\ndwell_ms = 9000 ; inline comment\n[quiz]\ndepartments = 办公室, 组织部\n",
                  0, "");
    char line[256];
    config_check_summary("kiosk.conf", 0, line, sizeof line);
    assert_string_equal(line, "kiosk.conf: ok");
    config_check_summary("kiosk.conf", 1, line, sizeof line);
    assert_string_equal(line, "kiosk.conf: 1 problem");
    config_check_summary("kiosk.conf", 3, line, sizeof line);
    assert_string_equal(line, "kiosk.conf: 3 problems");
}

static void each_kind_of_problem(void **state)
{
    (void)state;
    expect_report("[displya]\nsize = 1920x1080\n", 1, "F:1: [displya]: unknown section; did you mean [display]?\n");
    expect_report("[extras]\n", 1,
                  "F:1: [extras]: unknown section; the sections are [display], [attract], [content], [fonts], "
                  "[theme], [navigation], [sleep], [admin], [sync], [quiz], [report], [schedule]\n");
    expect_report("[navigation]\nidle_timeout = 90\n", 1,
                  "F:2: [navigation] idle_timeout: unknown key; did you mean idle_timeout_s?\n");
    expect_report("[attract]\nspeed = 3\n", 1,
                  "F:2: [attract] speed: unknown key; [attract] has dwell_ms, transition_ms, transition\n");
    expect_report("[display]\ndwell_ms = 9000\n", 1,
                  "F:2: [display] dwell_ms: unknown key in [display]; dwell_ms belongs under [attract]\n");
    expect_report("dwell_ms = 9000\n", 1, "F:1: dwell_ms: comes before any [section] line; put it under [attract]\n");
    expect_report("[display]\nfullscreen = maybe\n", 1, "F:2: [display] fullscreen: \"maybe\" is not true or false\n");
    expect_report("[navigation]\nidle_timeout_s = ninety\n", 1,
                  "F:2: [navigation] idle_timeout_s: \"ninety\" must be seconds from 10 to 3600\n");
    expect_report("[navigation]\nidle_timeout_s = 9\n", 1,
                  "F:2: [navigation] idle_timeout_s: \"9\" must be seconds from 10 to 3600\n");
    expect_report("[sync]\nstate_dir = var/lib\n", 1,
                  "F:2: [sync] state_dir: \"var/lib\" must be an absolute path such as /var/lib/qingfeng\n");
    expect_report("[attract]\ndwell_ms = 9000\n\ndwell_ms = 7000\n", 1,
                  "F:4: [attract] dwell_ms: given again (also on line 2); the last one wins, so delete the other\n");
    expect_report("[display]\nno equals sign here\n", 1,
                  "F:2: syntax error: \"no equals sign here\" is not key = value; write key = value, or start a "
                  "comment with ;\n");
    expect_report("[display\n", 1, "F:1: syntax error: \"[display\" has no closing ]; write [section]\n");
    expect_report("[attract]\ndwell_ms = 9000\n  transition = fade\n", 1,
                  "F:3: syntax error: \"transition = fade\" is indented, so it is read as more of the value of "
                  "[attract] dwell_ms; remove the indentation\n");
}

static void a_long_line_keeps_the_line_numbers(void **state)
{
    (void)state;
    char text[600];
    snprintf(text, sizeof text, "[quiz]\ndepartments = %0250d\npoints = 0\n", 0);
    expect_report(text, 2,
                  "F:2: line is 264 bytes long, longer than the 198 a line may have; shorten it\n"
                  "F:3: [quiz] points: \"0\" must be points from 1 to 100\n");
}

static void every_problem_of_a_file_in_line_order(void **state)
{
    (void)state;
    expect_report("; kiosk\n"
                  "[display]\n"
                  "fulscreen = true\n"
                  "size = big\n"
                  "[attract]\n"
                  "dwell_ms = 5\n"
                  "transition = spin\n"
                  "oops\n"
                  "[report]\n"
                  "url = ftp://x\n"
                  "[sync]\n"
                  "interval_s = 300\n"
                  "interval_s = 600\n",
                  7,
                  "F:3: [display] fulscreen: unknown key; did you mean fullscreen?\n"
                  "F:4: [display] size: \"big\" is not a size like 1920x1080\n"
                  "F:6: [attract] dwell_ms: \"5\" must be milliseconds from 1000 to 600000\n"
                  "F:7: [attract] transition: \"spin\" is not fade, slide or mixed\n"
                  "F:8: syntax error: \"oops\" is not key = value; write key = value, or start a comment with ;\n"
                  "F:10: [report] url: \"ftp://x\" must be an http:// or https:// URL (or empty)\n"
                  "F:13: [sync] interval_s: given again (also on line 12); the last one wins, so delete the "
                  "other\n");
}

static void a_missing_file_is_one_problem(void **state)
{
    (void)state;
    struct report r = {.text = ""};
    snprintf(path, sizeof path, "/tmp/qf-check-missing");
    assert_int_equal(config_check(path, collect, &r), 1);
    assert_string_equal(r.text, "F: cannot open: No such file or directory\n");
}

static void edit_distances(void **state)
{
    (void)state;
    assert_int_equal(edit_distance("idle_timeout_s", "idle_timeout_s"), 0);
    assert_int_equal(edit_distance("idle_timout_s", "idle_timeout_s"), 1);
    assert_int_equal(edit_distance("Fullscreen", "fullscreen"), 0);
    assert_int_equal(edit_distance("kitten", "sitting"), 3);
    assert_int_equal(edit_distance("", "abc"), 3);
}

/* Keys of kiosk.conf: "key = value" lines, or ";key = value" for a key
 * left at its default (a comment has a space after the ;). */
struct conf_keys {
    int line[128];
    char sk[128][160]; /* "section key" */
    int n;
};

static void read_kiosk_conf(struct conf_keys *k)
{
    FILE *f = fopen("kiosk.conf", "r");
    assert_non_null(f);
    char text[512], section[64] = "", name[64];
    int line = 0;
    k->n = 0;
    while (fgets(text, sizeof text, f)) {
        line++;
        const char *s = text[0] == ';' ? text + 1 : text;
        if (sscanf(text, "[%63[^]]]", section) == 1)
            continue;
        int end = 0;
        if (sscanf(s, "%63[a-z_] =%n", name, &end) == 1 && end) {
            assert_true(k->n < 128);
            snprintf(k->sk[k->n], sizeof k->sk[0], "%s %s", section, name);
            k->line[k->n++] = line;
        }
    }
    fclose(f);
}

static void kiosk_conf_lists_every_key(void **state)
{
    (void)state;
    struct conf_keys *k = calloc(1, sizeof *k);
    read_kiosk_conf(k);
    char missing[2048] = "", unknown[2048] = "";
    const char *section, *key;
    for (size_t i = 0; config_key_at(i, &section, &key); i++) {
        char sk[160];
        snprintf(sk, sizeof sk, "%s %s", section, key);
        int found = 0;
        for (int j = 0; j < k->n; j++)
            found |= !strcmp(k->sk[j], sk);
        if (!found)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " [%s] %s", section, key);
    }
    for (int j = 0; j < k->n; j++) {
        char s[64], name[64];
        assert_int_equal(sscanf(k->sk[j], "%63s %63s", s, name), 2);
        if (config_key_index(s, name) < 0)
            snprintf(unknown + strlen(unknown), sizeof unknown - strlen(unknown), " kiosk.conf:%d [%s] %s",
                     k->line[j], s, name);
    }
    free(k);
    if (missing[0] || unknown[0])
        fail_msg("keys missing from kiosk.conf:%s; keys of kiosk.conf the parser does not know:%s",
                 missing[0] ? missing : " none", unknown[0] ? unknown : " none");
}

static void kiosk_conf_checks_clean(void **state)
{
    (void)state;
    struct report r = {.text = ""};
    snprintf(path, sizeof path, "kiosk.conf");
    int n = config_check(path, collect, &r);
    if (n)
        fail_msg("kiosk.conf has problems:\n%s", r.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_clean_file_has_no_problems),
        cmocka_unit_test(each_kind_of_problem),
        cmocka_unit_test(a_long_line_keeps_the_line_numbers),
        cmocka_unit_test(every_problem_of_a_file_in_line_order),
        cmocka_unit_test(a_missing_file_is_one_problem),
        cmocka_unit_test(edit_distances),
        cmocka_unit_test(kiosk_conf_lists_every_key),
        cmocka_unit_test(kiosk_conf_checks_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
