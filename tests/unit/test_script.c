/* The scripted-input language: every command, comments, and errors with lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/script.h"

static void parses_every_command(void **state)
{
    (void)state;
    const char *text = "# attract loop tour\n"
                       "\n"
                       "wait 3600000   # an hour\n"
                       "tap 0.5 0.25\n"
                       "swipe left\n"
                       "drag 0.1 0.2 0.9 0.8 350\n"
                       "shot home-1\n"
                       "key escape\n"
                       "sync\n"
                       "uploads\n"
                       "heartbeat\n"
                       "quit\n";
    struct script s;
    char err[256] = "";
    assert_int_equal(script_parse(text, "tour.txt", &s, err, sizeof err), 0);
    assert_int_equal(s.n_cmds, 10);
    assert_int_equal(s.cmds[0].op, SCRIPT_WAIT);
    assert_int_equal(s.cmds[0].ms, 3600000);
    assert_int_equal(s.cmds[0].line, 3);
    assert_int_equal(s.cmds[1].op, SCRIPT_TAP);
    assert_true(s.cmds[1].x1 == 0.5 && s.cmds[1].y1 == 0.25);
    assert_int_equal(s.cmds[2].op, SCRIPT_SWIPE);
    assert_int_equal(s.cmds[2].dir, SCRIPT_LEFT);
    assert_int_equal(s.cmds[3].op, SCRIPT_DRAG);
    assert_true(s.cmds[3].x2 == 0.9 && s.cmds[3].y2 == 0.8);
    assert_int_equal(s.cmds[3].ms, 350);
    assert_int_equal(s.cmds[4].op, SCRIPT_SHOT);
    assert_string_equal(s.cmds[4].name, "home-1");
    assert_int_equal(s.cmds[5].op, SCRIPT_KEY);
    assert_string_equal(s.cmds[5].name, "escape");
    assert_int_equal(s.cmds[6].op, SCRIPT_SYNC);
    assert_int_equal(s.cmds[7].op, SCRIPT_UPLOADS);
    assert_int_equal(s.cmds[8].op, SCRIPT_HEARTBEAT);
    assert_int_equal(s.cmds[9].op, SCRIPT_QUIT);
    assert_int_equal(s.cmds[9].line, 12);
    script_free(&s);
}

static void expect_error(const char *text, const char *fragment)
{
    struct script s;
    char err[256] = "";
    assert_int_equal(script_parse(text, "bad.txt", &s, err, sizeof err), -1);
    if (!strstr(err, fragment))
        fail_msg("error \"%s\" does not contain \"%s\"", err, fragment);
    assert_null(s.cmds);
}

static void errors_name_file_and_line(void **state)
{
    (void)state;
    expect_error("wait 10\nfly 1 2\n", "bad.txt:2: unknown command \"fly\"");
    expect_error("tap 0.5\n", "bad.txt:1: \"tap\" takes 2 arguments");
    expect_error("tap 1.5 0.5\n", "coordinates must be numbers from 0 to 1");
    expect_error("\n\nswipe sideways\n", "bad.txt:3: swipe: \"sideways\" is not a direction");
    expect_error("wait -5\n", "must be whole milliseconds");
    expect_error("wait 10s\n", "must be whole milliseconds");
    expect_error("shot ../etc/passwd\n", "may use only letters");
    expect_error("drag 0 0 1 1\n", "\"drag\" takes 5 arguments");
    expect_error("quit now\n", "\"quit\" takes 0 arguments");
    expect_error("sync 5\n", "\"sync\" takes 0 arguments");
    expect_error("uploads now\n", "\"uploads\" takes 0 arguments");
    expect_error("heartbeat 5\n", "\"heartbeat\" takes 0 arguments");
    expect_error("tap 0 0 0 0 0 0 0 0\n", "too many arguments");
}

static void show_takes_one_item_id(void **state)
{
    (void)state;
    const char *text = "show maxim-qing-bai\n"
                       "shot maxim-maxim-qing-bai   # the shot right after\n"
                       "show 42\n";
    struct script s;
    char err[256] = "";
    assert_int_equal(script_parse(text, "preview.txt", &s, err, sizeof err), 0);
    assert_int_equal(s.n_cmds, 3);
    assert_int_equal(s.cmds[0].op, SCRIPT_SHOW);
    assert_string_equal(s.cmds[0].name, "maxim-qing-bai");
    assert_int_equal(s.cmds[0].line, 1);
    assert_int_equal(s.cmds[1].op, SCRIPT_SHOT);
    assert_int_equal(s.cmds[2].op, SCRIPT_SHOW);
    assert_string_equal(s.cmds[2].name, "42");
    assert_int_equal(s.cmds[2].line, 3);
    script_free(&s);

    /* The longest id the feed builder makes fits, in show and in a shot name. */
    char id[101], line[300];
    memset(id, 'a', 100);
    id[100] = '\0';
    snprintf(line, sizeof line, "show %s\nshot story-%s\n", id, id);
    assert_int_equal(script_parse(line, "long.txt", &s, err, sizeof err), 0);
    assert_string_equal(s.cmds[0].name, id);
    script_free(&s);

    expect_error("show\n", "bad.txt:1: \"show\" takes 1 argument: show ID");
    expect_error("wait 1\nshow a b\n", "bad.txt:2: \"show\" takes 1 argument");
    char huge[200];
    memset(huge, 'x', sizeof huge);
    memcpy(huge, "show ", 5);
    huge[sizeof huge - 2] = '\n';
    huge[sizeof huge - 1] = '\0';
    expect_error(huge, "bad.txt:1: show: id \"xxxx");
    expect_error(huge, "is too long (max 127 bytes)");
}

static void press_names_a_target_and_an_optional_number(void **state)
{
    (void)state;
    struct script s;
    char err[256] = "";
    assert_int_equal(script_parse("press back\npress item 3\npress step -1\n", "t", &s, err, sizeof err), 0);
    assert_int_equal(s.n_cmds, 3);
    assert_int_equal(s.cmds[0].op, SCRIPT_PRESS);
    assert_string_equal(s.cmds[0].name, "back");
    assert_false(s.cmds[0].has_arg);
    assert_string_equal(s.cmds[1].name, "item");
    assert_true(s.cmds[1].has_arg);
    assert_int_equal(s.cmds[1].arg, 3);
    assert_int_equal(s.cmds[2].arg, -1);
    script_free(&s);
    expect_error("press\n", "bad.txt:1: \"press\" takes a target");
    expect_error("press item x\n", "bad.txt:1: press: \"x\" is not a whole number");
    expect_error("press a b c\n", "bad.txt:1: \"press\" takes a target");
    expect_error("press it/em\n", "bad.txt:1: press: target");
}

static void repeat_blocks_pair_with_their_end(void **state)
{
    (void)state;
    const char *text = "repeat 500      # outer\n"
                       "  swap build/soak/feed-b\n"
                       "  repeat 10\n"
                       "    wait 8900\n"
                       "    frame\n"
                       "  end\n"
                       "  memory\n"
                       "end\n";
    struct script s;
    char err[256] = "";
    assert_int_equal(script_parse(text, "soak.txt", &s, err, sizeof err), 0);
    assert_int_equal(s.n_cmds, 8);
    assert_int_equal(s.cmds[0].op, SCRIPT_REPEAT);
    assert_int_equal(s.cmds[0].count, 500);
    assert_int_equal(s.cmds[0].jump, 7);
    assert_int_equal(s.cmds[7].op, SCRIPT_END);
    assert_int_equal(s.cmds[7].jump, 0);
    assert_int_equal(s.cmds[1].op, SCRIPT_SWAP);
    assert_string_equal(s.cmds[1].name, "build/soak/feed-b");
    assert_int_equal(s.cmds[2].count, 10);
    assert_int_equal(s.cmds[2].jump, 5);
    assert_int_equal(s.cmds[5].jump, 2);
    assert_int_equal(s.cmds[4].op, SCRIPT_FRAME);
    assert_int_equal(s.cmds[6].op, SCRIPT_MEMORY);
    script_free(&s);

    expect_error("repeat 3\nwait 1\n", "bad.txt:1: repeat without an end");
    expect_error("wait 1\nend\n", "bad.txt:2: end without a repeat before it");
    expect_error("repeat 2\nend\nend\n", "bad.txt:3: end without a repeat");
    expect_error("repeat 0\nend\n", "bad.txt:1: repeat: \"0\" must be a whole number from 1 to 10000000");
    expect_error("repeat -2\nend\n", "must be a whole number");
    expect_error("repeat 10000001\nend\n", "must be a whole number");
    expect_error("repeat\nend\n", "\"repeat\" takes 1 argument");
    expect_error("frame now\n", "\"frame\" takes 0 arguments");
    expect_error("memory 1\n", "\"memory\" takes 0 arguments");
    expect_error("swap\n", "\"swap\" takes 1 argument");
    char deep[200] = "";
    for (int i = 0; i < SCRIPT_REPEAT_DEPTH + 1; i++)
        strcat(deep, "repeat 2\n");
    expect_error(deep, "bad.txt:9: repeat: blocks nest deeper than 8");
}

static void empty_script_is_valid(void **state)
{
    (void)state;
    struct script s;
    char err[64];
    assert_int_equal(script_parse("# nothing\n\n   \n", "x", &s, err, sizeof err), 0);
    assert_int_equal(s.n_cmds, 0);
    script_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_every_command),
        cmocka_unit_test(errors_name_file_and_line),
        cmocka_unit_test(show_takes_one_item_id),
        cmocka_unit_test(press_names_a_target_and_an_optional_number),
        cmocka_unit_test(repeat_blocks_pair_with_their_end),
        cmocka_unit_test(empty_script_is_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
