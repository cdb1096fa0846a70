/* Config and theme files: defaults, every key, and errors with file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/admin_gesture.h"
#include "core/config.h"

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/qf-config-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void defaults_are_sane(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    assert_true(c.fullscreen);
    assert_int_equal(c.dwell_ms, 8000);
    assert_string_equal(c.transition, "mixed");
    assert_string_equal(c.font_kai, "AR PL UKai CN");
    assert_string_equal(c.font_sans, "Noto Sans CJK SC");
    assert_int_equal(c.theme.red.r, 0xB7);
    assert_true(c.dpi == 0 && c.diagonal_in == 0);
    assert_int_equal(c.idle_timeout_ms, 90000);
    assert_int_equal(c.idle_countdown_ms, 10000);
    assert_float_equal(c.large_print_scale, 1.35f, 1e-6);
    assert_string_equal(c.pin_hash, "");
    assert_int_equal(c.admin_taps, 5);
    assert_int_equal(c.admin_window_ms, 3000);
    assert_int_equal(c.admin_corner, ADMIN_CORNER_TOP_LEFT);
    assert_int_equal(c.pin_lock_tries, 5);
    assert_int_equal(c.pin_lock_ms, 300000);
    assert_string_equal(c.exit_key, "");
    assert_string_equal(c.feed_url, "");
    assert_string_equal(c.public_key, "");
    assert_int_equal(c.sync_interval_ms, 300000);
    assert_string_equal(c.state_dir, "/var/lib/qingfeng");
    assert_string_equal(c.ca_file, "");
    assert_string_equal(c.proxy, "");
    assert_int_equal(c.max_feed_bytes, 16 * 1024 * 1024);
    assert_int_equal(c.max_asset_bytes, 32 * 1024 * 1024);
    assert_int_equal(c.max_image_pixels, 40000000);
    assert_string_equal(c.allow_hosts, "");
    assert_int_equal(c.quiz_questions, 10);
    assert_int_equal(c.quiz_seconds, 20);
    assert_int_equal(c.quiz_points, 10);
    assert_int_equal(c.quiz_auto_next_s, 8);
    assert_int_equal(c.quiz_shares[0], 40);
    assert_int_equal(c.quiz_shares[2], 20);
    assert_string_equal(c.departments, "");
    assert_string_equal(c.export_dir, "");
    assert_string_equal(c.report_url, "");
    assert_string_equal(c.screen_id, "");
    assert_int_equal(c.heartbeat_ms, 300000);
    assert_false(c.heartbeat_screenshot);
}

static void loads_the_quiz_and_report_keys(void **state)
{
    (void)state;
    char *path = write_temp("[quiz]\nquestions = 12\nseconds_per_question = 30\npoints = 5\nauto_next_s = 0\n"
                            "difficulty = 30 / 50 / 20\ndepartments = 办公室, 组织部 ,宣传部,,\n"
                            "export_dir = /media/usb\n[report]\nurl = http://127.0.0.1:8080/reports\n"
                            "screen_id = lobby-3F_1\nheartbeat_minutes = 1440\nheartbeat_screenshot = yes\n");
    struct config c;
    config_defaults(&c);
    char err[512] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_int_equal(c.quiz_questions, 12);
    assert_int_equal(c.quiz_seconds, 30);
    assert_int_equal(c.quiz_points, 5);
    assert_int_equal(c.quiz_auto_next_s, 0);
    assert_int_equal(c.quiz_shares[0], 30);
    assert_int_equal(c.quiz_shares[1], 50);
    assert_int_equal(c.quiz_shares[2], 20);
    assert_string_equal(c.departments, "办公室,组织部,宣传部");
    assert_string_equal(c.export_dir, "/media/usb");
    assert_string_equal(c.report_url, "http://127.0.0.1:8080/reports");
    assert_string_equal(c.screen_id, "lobby-3F_1");
    assert_int_equal(c.heartbeat_ms, 1440u * 60000u);
    assert_true(c.heartbeat_screenshot);
}

static void loads_every_key(void **state)
{
    (void)state;
    char *path = write_temp("; kiosk settings\n"
                            "[display]\nfullscreen = false\nsize = 1080x1920\n"
                            "[attract]\ndwell_ms = 12000\ntransition_ms = 600\ntransition = fade\n"
                            "[content]\nfeed_dir = /var/lib/qingfeng/feed\n"
                            "[fonts]\nkai = /usr/share/fonts/x.ttf\nsans = Noto Sans CJK SC\n"
                            "[theme]\nfile = /etc/qingfeng/theme.ini\n");
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_false(c.fullscreen);
    assert_int_equal(c.width, 1080);
    assert_int_equal(c.height, 1920);
    assert_int_equal(c.dwell_ms, 12000);
    assert_int_equal(c.transition_ms, 600);
    assert_string_equal(c.transition, "fade");
    assert_string_equal(c.feed_dir, "/var/lib/qingfeng/feed");
    assert_string_equal(c.font_kai, "/usr/share/fonts/x.ttf");
    assert_string_equal(c.theme_file, "/etc/qingfeng/theme.ini");
}

/* A hash of "2468" from the reference argon2 tool; '=' and ',' inside the
 * value must survive the INI reader. */
#define HASH "$argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0"

static void loads_navigation_and_admin_keys(void **state)
{
    (void)state;
    char *path = write_temp("[display]\ndpi = 96.5\ndiagonal_in = 43\n"
                            "[navigation]\nidle_timeout_s = 120\nidle_countdown_s = 15\nlarge_print_scale = 1.6\n"
                            "[admin]\npin_hash = " HASH "\ngesture_taps = 7\ngesture_window_ms = 4500\n"
                            "gesture_corner = bottom-right\nlock_tries = 3\nlock_minutes = 10\nexit_key = F12\n");
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_float_equal(c.dpi, 96.5f, 1e-6);
    assert_float_equal(c.diagonal_in, 43.0f, 1e-6);
    assert_int_equal(c.idle_timeout_ms, 120000);
    assert_int_equal(c.idle_countdown_ms, 15000);
    assert_float_equal(c.large_print_scale, 1.6f, 1e-6);
    assert_string_equal(c.pin_hash, HASH);
    assert_int_equal(c.admin_taps, 7);
    assert_int_equal(c.admin_window_ms, 4500);
    assert_int_equal(c.admin_corner, ADMIN_CORNER_BOTTOM_RIGHT);
    assert_int_equal(c.pin_lock_tries, 3);
    assert_int_equal(c.pin_lock_ms, 600000);
    assert_string_equal(c.exit_key, "F12");

    /* The ends of every range, and empty values where empty means "none". */
    path = write_temp("[display]\ndpi = 0\ndiagonal_in = 150.0\n"
                      "[navigation]\nidle_timeout_s = 3600\nidle_countdown_s = 3\nlarge_print_scale = 1.1\n"
                      "[admin]\npin_hash =\ngesture_taps = 3\ngesture_window_ms = 10000\n"
                      "gesture_corner = top-right\nlock_tries = 20\nlock_minutes = 120\nexit_key =\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_true(c.dpi == 0);
    assert_float_equal(c.diagonal_in, 150.0f, 1e-6);
    assert_int_equal(c.idle_timeout_ms, 3600000);
    assert_int_equal(c.idle_countdown_ms, 3000);
    assert_float_equal(c.large_print_scale, 1.1f, 1e-6);
    assert_string_equal(c.pin_hash, "");
    assert_int_equal(c.admin_corner, ADMIN_CORNER_TOP_RIGHT);
    assert_int_equal(c.pin_lock_ms, 7200000);
    assert_string_equal(c.exit_key, "");
}

/* A public key as minisign -G prints it (the example in minisign's documentation). */
#define PUBKEY "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"

static void loads_sync_keys(void **state)
{
    (void)state;
    char *path = write_temp("[sync]\nfeed_url = https://content.example.gov.cn/qingfeng/feed.json\n"
                            "public_key = " PUBKEY "\ninterval_s = 600\nstate_dir = /srv/qingfeng\n"
                            "ca_file = /etc/qingfeng/ca.pem\nproxy = http://proxy.example:3128\n"
                            "max_feed_mb = 4\nmax_asset_mb = 100\nmax_image_px = 16000000\n"
                            "allow_hosts = CDN.example.com, img.example.net ,10.1.2.3\n");
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    if (config_load(&c, path, err, sizeof err))
        fail_msg("%s", err);
    unlink(path);
    assert_string_equal(c.feed_url, "https://content.example.gov.cn/qingfeng/feed.json");
    assert_string_equal(c.public_key, PUBKEY);
    assert_int_equal(c.sync_interval_ms, 600000);
    assert_string_equal(c.state_dir, "/srv/qingfeng");
    assert_string_equal(c.ca_file, "/etc/qingfeng/ca.pem");
    assert_string_equal(c.proxy, "http://proxy.example:3128");
    assert_int_equal(c.max_feed_bytes, 4 * 1024 * 1024);
    assert_int_equal(c.max_asset_bytes, 100 * 1024 * 1024);
    assert_int_equal(c.max_image_pixels, 16000000);
    assert_string_equal(c.allow_hosts, "cdn.example.com,img.example.net,10.1.2.3");

    /* The ends of every range; a key file; a plain-http URL; a proxy
     * without a scheme; empty values where empty means "none". */
    path = write_temp("[sync]\nfeed_url = HTTP://192.168.1.10:8080/feed.json\npublic_key = /etc/qingfeng/feed.pub\n"
                      "interval_s = 30\nproxy = proxy.example:3128\nmax_feed_mb = 64\nmax_asset_mb = 1\n"
                      "max_image_px = 200000000\nallow_hosts =\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_string_equal(c.feed_url, "HTTP://192.168.1.10:8080/feed.json");
    assert_string_equal(c.public_key, "/etc/qingfeng/feed.pub");
    assert_int_equal(c.sync_interval_ms, 30000);
    assert_string_equal(c.proxy, "proxy.example:3128");
    assert_int_equal(c.max_feed_bytes, 64 * 1024 * 1024);
    assert_int_equal(c.max_asset_bytes, 1024 * 1024);
    assert_int_equal(c.max_image_pixels, 200000000);
    assert_string_equal(c.allow_hosts, "");

    path = write_temp("[sync]\nfeed_url =\npublic_key =\ninterval_s = 86400\nca_file =\nproxy =\n"
                      "max_feed_mb = 1\nmax_asset_mb = 512\nmax_image_px = 1000000\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_string_equal(c.feed_url, "");
    assert_string_equal(c.public_key, "");
    assert_int_equal(c.sync_interval_ms, 86400000);
    assert_string_equal(c.ca_file, "");
    assert_string_equal(c.proxy, "");
    assert_int_equal(c.max_feed_bytes, 1024 * 1024);
    assert_int_equal(c.max_asset_bytes, 512u * 1024 * 1024);
    assert_int_equal(c.max_image_pixels, 1000000);
}

static void expect_config_error(const char *text, const char *fragment)
{
    char *path = write_temp(text);
    struct config c;
    config_defaults(&c);
    char err[512] = "";
    int rc = config_load(&c, path, err, sizeof err);
    unlink(path);
    if (rc != -1)
        fail_msg("accepted: %s", text);
    if (!strstr(err, path) || !strstr(err, fragment))
        fail_msg("error \"%s\" lacks the path or \"%s\"", err, fragment);
}

static void config_errors_name_line_and_key(void **state)
{
    (void)state;
    expect_config_error("[display]\nfullscreen = maybe\n", ":2: [display] fullscreen: \"maybe\" is not true or false");
    expect_config_error("[attract]\n\ndwell_ms = 5\n", ":3: [attract] dwell_ms: \"5\" must be milliseconds");
    expect_config_error("[attract]\ntransition = spin\n", ":2: [attract] transition: \"spin\" is not fade");
    expect_config_error("[display]\nsize = big\n", "is not a size like 1920x1080");
    expect_config_error("[display]\ncolour = red\n", ":2: [display] colour: unknown key");
    expect_config_error("[display]\nthis line has no equals sign\n", ":2: syntax error");
}

static void navigation_and_admin_errors(void **state)
{
    (void)state;
    expect_config_error("[display]\ndpi = 49\n", ":2: [display] dpi: \"49\" must be 0 (unknown) or dots per inch from 50 to 600");
    expect_config_error("[display]\ndpi = 600.5\n", "[display] dpi: \"600.5\" must be");
    expect_config_error("[display]\ndpi = high\n", "[display] dpi: \"high\" must be");
    expect_config_error("[display]\ndiagonal_in = 4.9\n", "[display] diagonal_in: \"4.9\" must be 0 (unknown) or inches from 5 to 150");
    expect_config_error("[display]\ndiagonal_in = -43\n", "[display] diagonal_in: \"-43\" must be");
    expect_config_error("[navigation]\nidle_timeout_s = 9\n", ":2: [navigation] idle_timeout_s: \"9\" must be seconds from 10 to 3600");
    expect_config_error("[navigation]\nidle_timeout_s = 3601\n", "idle_timeout_s: \"3601\" must be seconds");
    expect_config_error("[navigation]\nidle_timeout_s = 1.5\n", "idle_timeout_s: \"1.5\" must be seconds");
    expect_config_error("[navigation]\nidle_countdown_s = 2\n", "idle_countdown_s: \"2\" must be seconds from 3 to 60");
    expect_config_error("[navigation]\nidle_countdown_s = 61\n", "idle_countdown_s: \"61\" must be seconds");
    expect_config_error("[navigation]\nlarge_print_scale = 1.09\n", "large_print_scale: \"1.09\" must be a number from 1.1 to 2.0");
    expect_config_error("[navigation]\nlarge_print_scale = 2.01\n", "large_print_scale: \"2.01\" must be");
    expect_config_error("[navigation]\nidle_minutes = 2\n", ":2: [navigation] idle_minutes: unknown key");
    expect_config_error("[admin]\npin_hash = 2468\n", ":2: [admin] pin_hash: must start with $argon2; make one with qingfeng --hash-pin");
    expect_config_error("[admin]\npin_hash = $argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy\n",
                        "[admin] pin_hash: is not a complete hash");
    expect_config_error("[admin]\ngesture_taps = 2\n", "[admin] gesture_taps: \"2\" must be a number of taps from 3 to 10");
    expect_config_error("[admin]\ngesture_taps = 11\n", "gesture_taps: \"11\" must be");
    expect_config_error("[admin]\ngesture_window_ms = 999\n", "gesture_window_ms: \"999\" must be milliseconds from 1000 to 10000");
    expect_config_error("[admin]\ngesture_window_ms = 10001\n", "gesture_window_ms: \"10001\" must be");
    expect_config_error("[admin]\ngesture_corner = centre\n",
                        "[admin] gesture_corner: \"centre\" is not top-left, top-right, bottom-left or bottom-right");
    expect_config_error("[admin]\nlock_tries = 2\n", "[admin] lock_tries: \"2\" must be a number of tries from 3 to 20");
    expect_config_error("[admin]\nlock_tries = 21\n", "lock_tries: \"21\" must be");
    expect_config_error("[admin]\nlock_minutes = 0\n", "[admin] lock_minutes: \"0\" must be minutes from 1 to 120");
    expect_config_error("[admin]\nlock_minutes = 121\n", "lock_minutes: \"121\" must be");
    expect_config_error("[admin]\nexit_key = ThisKeyNameIsFarTooLongToBeAnyKey\n", "[admin] exit_key: key name is too long");
    expect_config_error("[admin]\npin = 1234\n", "[admin] pin: unknown key");
}

static void sync_errors(void **state)
{
    (void)state;
    expect_config_error("[sync]\nfeed_url = ftp://example.com/feed.json\n",
                        ":2: [sync] feed_url: \"ftp://example.com/feed.json\" must be an http:// or https:// URL "
                        "(or empty: no sync)");
    expect_config_error("[sync]\nfeed_url = example.com/feed.json\n", "feed_url: \"example.com/feed.json\" must be");
    expect_config_error("[sync]\nfeed_url = https://\n", "feed_url: \"https://\" must be");
    expect_config_error("[sync]\nfeed_url = https:///feed.json\n", "feed_url: \"https:///feed.json\" must be");
    expect_config_error("[sync]\nfeed_url = https://example.com/my feed.json\n", "[sync] feed_url: ");
    expect_config_error("[sync]\npublic_key = RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO\n",
                        "[sync] public_key: must be a minisign public key (56 characters starting with RW) or "
                        "the absolute path of a .pub file");
    expect_config_error("[sync]\npublic_key = keys/feed.pub\n", "[sync] public_key: must be a minisign public key");
    expect_config_error("[sync]\npublic_key = untrusted comment: minisign public key 1234\n",
                        "[sync] public_key: must be");
    expect_config_error("[sync]\ninterval_s = 29\n", ":2: [sync] interval_s: \"29\" must be seconds from 30 to 86400");
    expect_config_error("[sync]\ninterval_s = 86401\n", "interval_s: \"86401\" must be seconds");
    expect_config_error("[sync]\ninterval_s = 5m\n", "interval_s: \"5m\" must be seconds");
    expect_config_error("[sync]\nstate_dir = var/lib/qingfeng\n",
                        "[sync] state_dir: \"var/lib/qingfeng\" must be an absolute path such as /var/lib/qingfeng");
    expect_config_error("[sync]\nstate_dir =\n", "[sync] state_dir: \"\" must be an absolute path");
    expect_config_error("[sync]\nca_file = ca.pem\n", "[sync] ca_file: \"ca.pem\" must be an absolute path");
    expect_config_error("[sync]\nproxy = ftp://proxy.example:21\n",
                        "[sync] proxy: \"ftp://proxy.example:21\" must be a proxy such as http://proxy.example:3128");
    expect_config_error("[sync]\nproxy = http://proxy example\n", "[sync] proxy: ");
    expect_config_error("[sync]\nmax_feed_mb = 0\n", "[sync] max_feed_mb: \"0\" must be megabytes from 1 to 64");
    expect_config_error("[sync]\nmax_feed_mb = 65\n", "max_feed_mb: \"65\" must be");
    expect_config_error("[sync]\nmax_asset_mb = 513\n", "[sync] max_asset_mb: \"513\" must be megabytes from 1 to 512");
    expect_config_error("[sync]\nmax_asset_mb = -1\n", "max_asset_mb: \"-1\" must be");
    expect_config_error("[sync]\nmax_image_px = 999999\n",
                        "[sync] max_image_px: \"999999\" must be a number of pixels from 1000000 to 200000000");
    expect_config_error("[sync]\nmax_image_px = 200000001\n", "max_image_px: \"200000001\" must be");
    expect_config_error("[sync]\nmax_image_px = 4e7\n", "max_image_px: \"4e7\" must be");
    expect_config_error("[sync]\nallow_hosts = cdn.example.com, https://img.example.net\n",
                        "[sync] allow_hosts: \"https://img.example.net\" is not a host name; list host names "
                        "separated by commas");
    expect_config_error("[sync]\nallow_hosts = cdn.example.com img.example.net\n",
                        "allow_hosts: \"cdn.example.com img.example.net\" is not a host name");
    expect_config_error("[sync]\nurl = https://example.com/feed.json\n", ":2: [sync] url: unknown key");
}

static void departments_from_a_file(void **state)
{
    (void)state;
    /* 25 names of five characters: longer than an INI line may be. */
    char names[2048] = "# 本单位各部门\n";
    for (int i = 0; i < 25; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "第%02d党支部\n", i + 1);
    char list_path[64];
    snprintf(list_path, sizeof list_path, "%s", write_temp(names));
    char text[256];
    snprintf(text, sizeof text, "[quiz]\ndepartments_file = %s\n", list_path);
    char *path = write_temp(text);
    struct config c;
    config_defaults(&c);
    char err[512] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    char out[64];
    assert_true(config_list_item(c.departments, 0, out, sizeof out));
    assert_string_equal(out, "第01党支部");
    assert_true(config_list_item(c.departments, 24, out, sizeof out));
    assert_string_equal(out, "第25党支部");
    assert_false(config_list_item(c.departments, 25, out, sizeof out));
    unlink(list_path);
    /* the list is read when the config is: a missing file is a config error */
    assert_int_equal(config_load(&c, path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2: [quiz] departments_file: cannot read "));
    assert_non_null(strstr(err, "(No such file or directory); check the path"));
    unlink(path);
    expect_config_error("[quiz]\ndepartments_file = departments.txt\n",
                        "[quiz] departments_file: \"departments.txt\" must be an absolute path");
}

static void list_items_by_position(void **state)
{
    (void)state;
    char out[64];
    assert_true(config_list_item("办公室,组织部,宣传部", 0, out, sizeof out));
    assert_string_equal(out, "办公室");
    assert_true(config_list_item("办公室,组织部,宣传部", 2, out, sizeof out));
    assert_string_equal(out, "宣传部");
    assert_false(config_list_item("办公室,组织部,宣传部", 3, out, sizeof out));
    assert_false(config_list_item("", 0, out, sizeof out));
}

static void quiz_errors(void **state)
{
    (void)state;
    expect_config_error("[quiz]\nquestions = 2\n", ":2: [quiz] questions: \"2\" must be a number of questions from 3 to 50");
    expect_config_error("[quiz]\nquestions = 51\n", "questions: \"51\" must be");
    expect_config_error("[quiz]\nseconds_per_question = 4\n", "[quiz] seconds_per_question: \"4\" must be seconds from 5");
    expect_config_error("[quiz]\npoints = 0\n", "[quiz] points: \"0\" must be points from 1 to 100");
    expect_config_error("[quiz]\nauto_next_s = 61\n", "[quiz] auto_next_s: \"61\" must be seconds from 0");
    expect_config_error("[quiz]\ndifficulty = 40/40/40\n",
                        "[quiz] difficulty: \"40/40/40\" must be percent of easy/medium/hard adding up to 100");
    expect_config_error("[quiz]\ndifficulty = 50/50\n", "[quiz] difficulty: \"50/50\" must be");
    expect_config_error("[quiz]\nexport_dir = usb\n", "[quiz] export_dir: \"usb\" must be an absolute path");
    expect_config_error("[report]\nurl = ftp://example.com/r\n", "[report] url: \"ftp://example.com/r\" must be an http://");
    expect_config_error("[report]\nscreen_id = 大厅 1\n", "[report] screen_id: \"大厅 1\" may use only letters");
    expect_config_error("[report]\nheartbeat_minutes = 1441\n", "[report] heartbeat_minutes: \"1441\" must be minutes from 1 to 1440");
    expect_config_error("[report]\nheartbeat_screenshot = maybe\n", "[report] heartbeat_screenshot: \"maybe\" must be true or false");
    expect_config_error("[quiz]\nrounds = 3\n", ":2: [quiz] rounds: unknown key");
}

static void schedule_groups_key(void **state)
{
    (void)state;
    char *path = write_temp("[schedule]\ngroups = lobby, 3F\n");
    struct config c;
    config_defaults(&c);
    assert_string_equal(c.screen_groups, "");
    char err[512] = "";
    assert_int_equal(config_load(&c, path, err, sizeof err), 0);
    unlink(path);
    assert_string_equal(c.screen_groups, "lobby, 3F");
    expect_config_error("[schedule]\ngroups = lobby,三楼\n",
                        ":2: [schedule] groups: \"lobby,三楼\" must be group names separated by commas");
    expect_config_error("[schedule]\ngroups = a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n", "(at most 16, each 1 to 32");
}

/* Decimals are read the same whatever the locale, and nothing but plain
 * decimals is taken. */
static void decimals_are_plain(void **state)
{
    (void)state;
    static const char *const good[] = {"1.35", "2", "2.0", "1.100", "01.5"};
    static const float values[] = {1.35f, 2.0f, 2.0f, 1.1f, 1.5f};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "[navigation]\nlarge_print_scale = %s\n", good[i]);
        char *path = write_temp(text);
        struct config c;
        config_defaults(&c);
        char err[256] = "";
        if (config_load(&c, path, err, sizeof err))
            fail_msg("%s: %s", good[i], err);
        unlink(path);
        assert_float_equal(c.large_print_scale, values[i], 1e-6);
    }
    static const char *const bad[] = {"1,35", "1.", ".5", "1e0", "nan", "inf", "+1.5", "1.5.1", "1..5", "0x1p0", "1.5x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "[navigation]\nlarge_print_scale = %s\n", bad[i]);
        expect_config_error(text, "large_print_scale:");
    }
}

/* The commented default config in the repository shows every key with its
 * default: loading it changes nothing. Run from the repository root. */
static void shipped_config_is_the_defaults(void **state)
{
    (void)state;
    struct config c, d;
    config_defaults(&c);
    config_defaults(&d);
    char err[256] = "";
    if (config_load(&c, "kiosk.conf", err, sizeof err))
        fail_msg("%s", err);
    assert_true(c.fullscreen == d.fullscreen && c.dwell_ms == d.dwell_ms && c.transition_ms == d.transition_ms);
    assert_string_equal(c.transition, d.transition);
    assert_string_equal(c.font_kai, d.font_kai);
    assert_string_equal(c.font_sans, d.font_sans);
    assert_true(c.dpi == d.dpi && c.diagonal_in == d.diagonal_in);
    assert_true(c.idle_timeout_ms == d.idle_timeout_ms && c.idle_countdown_ms == d.idle_countdown_ms);
    assert_true(c.large_print_scale == d.large_print_scale);
    assert_string_equal(c.pin_hash, d.pin_hash);
    assert_true(c.admin_taps == d.admin_taps && c.admin_window_ms == d.admin_window_ms);
    assert_true(c.admin_corner == d.admin_corner);
    assert_true(c.pin_lock_tries == d.pin_lock_tries && c.pin_lock_ms == d.pin_lock_ms);
    assert_string_equal(c.exit_key, d.exit_key);
    assert_string_equal(c.feed_url, d.feed_url);
    assert_string_equal(c.public_key, d.public_key);
    assert_true(c.sync_interval_ms == d.sync_interval_ms);
    assert_string_equal(c.state_dir, d.state_dir);
    assert_string_equal(c.ca_file, d.ca_file);
    assert_string_equal(c.proxy, d.proxy);
    assert_true(c.max_feed_bytes == d.max_feed_bytes && c.max_asset_bytes == d.max_asset_bytes);
    assert_true(c.max_image_pixels == d.max_image_pixels);
    assert_string_equal(c.allow_hosts, d.allow_hosts);
    assert_true(c.heartbeat_ms == d.heartbeat_ms && c.heartbeat_screenshot == d.heartbeat_screenshot);
    assert_memory_equal(&c.sleep, &d.sleep, sizeof c.sleep);
}

static void missing_file_is_named(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    char err[256] = "";
    assert_int_equal(config_load(&c, "/nonexistent/kiosk.conf", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/kiosk.conf: cannot open"));
}

static void theme_file(void **state)
{
    (void)state;
    char *path = write_temp("[theme]\norg_name = 某某局机关党委\nslogan = 清风正气\nlogo = /x/logo.png\n"
                            "paper = #FFFFF0\nred = #C00000\n");
    struct theme t;
    theme_defaults(&t);
    char err[256] = "";
    assert_int_equal(theme_load(&t, path, err, sizeof err), 0);
    unlink(path);
    assert_string_equal(t.org_name, "某某局机关党委");
    assert_string_equal(t.slogan, "清风正气");
    assert_int_equal(t.paper.b, 0xF0);
    assert_int_equal(t.red.r, 0xC0);
    assert_int_equal(t.gold.r, 0xC5); /* untouched keys keep defaults */

    path = write_temp("[theme]\nred = crimson\n");
    assert_int_equal(theme_load(&t, path, err, sizeof err), -1);
    unlink(path);
    assert_non_null(strstr(err, ":2: [theme] red: \"crimson\" is not a colour"));
}

static void rgb_and_size_parsers(void **state)
{
    (void)state;
    struct rgb c;
    assert_int_equal(parse_rgb("#0a0B0c", &c), 0);
    assert_true(c.r == 10 && c.g == 11 && c.b == 12);
    assert_int_equal(parse_rgb("0a0b0c", &c), -1);
    assert_int_equal(parse_rgb("#0a0b0", &c), -1);
    assert_int_equal(parse_rgb("#0a0b0g", &c), -1);
    int w, h;
    assert_int_equal(parse_size("3840x2160", &w, &h), 0);
    assert_true(w == 3840 && h == 2160);
    assert_int_equal(parse_size("10x10", &w, &h), -1);
    assert_int_equal(parse_size("1920x1080x", &w, &h), -1);
    assert_int_equal(parse_size("1920", &w, &h), -1);
}

static void sleep_keys_and_their_errors(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    assert_false(sleep_schedule_set(&c.sleep));
    assert_int_equal(c.sleep.wake_minutes, 5);
    char *path = write_temp("[sleep]\nhours = 20:00-07:30, 12:00-13:00\ndays = 周六,周日\nwake_minutes = 0\n");
    char err[512] = "";
    int rc = config_load(&c, path, err, sizeof err);
    unlink(path);
    if (rc)
        fail_msg("%s", err);
    assert_int_equal(c.sleep.n_hours, 2);
    assert_int_equal(c.sleep.hours[0].start, 20 * 60);
    assert_int_equal(c.sleep.hours[0].end, 7 * 60 + 30);
    assert_int_equal(c.sleep.hours[1].start, 12 * 60);
    assert_int_equal(c.sleep.days, 0x60u);
    assert_int_equal(c.sleep.wake_minutes, 0);
    /* Empty values switch the schedule off again. */
    path = write_temp("[sleep]\nhours =\ndays =\n");
    rc = config_load(&c, path, err, sizeof err);
    unlink(path);
    assert_int_equal(rc, 0);
    assert_false(sleep_schedule_set(&c.sleep));

    expect_config_error("[sleep]\nhours = 20-7\n", ":2: [sleep] hours: \"20-7\" must be hour ranges such as 20:00-07:30");
    expect_config_error("[sleep]\nhours = 08:00-08:00\n", "[sleep] hours: \"08:00-08:00\" must be hour ranges");
    expect_config_error("[sleep]\ndays = weekend\n", ":2: [sleep] days: \"weekend\" must be weekdays such as sat,sun");
    expect_config_error("[sleep]\nwake_minutes = 721\n", "[sleep] wake_minutes: \"721\" must be minutes from 0");
    expect_config_error("[sleep]\nwake = 5\n", "[sleep] wake: unknown key");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_are_sane),  cmocka_unit_test(loads_every_key),
        cmocka_unit_test(config_errors_name_line_and_key), cmocka_unit_test(missing_file_is_named),
        cmocka_unit_test(loads_navigation_and_admin_keys), cmocka_unit_test(navigation_and_admin_errors),
        cmocka_unit_test(decimals_are_plain),     cmocka_unit_test(shipped_config_is_the_defaults),
        cmocka_unit_test(theme_file),         cmocka_unit_test(rgb_and_size_parsers),
        cmocka_unit_test(loads_sync_keys),    cmocka_unit_test(sync_errors),
        cmocka_unit_test(loads_the_quiz_and_report_keys), cmocka_unit_test(quiz_errors),
        cmocka_unit_test(schedule_groups_key),
        cmocka_unit_test(list_items_by_position), cmocka_unit_test(departments_from_a_file),
        cmocka_unit_test(sleep_keys_and_their_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
