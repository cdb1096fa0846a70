/* The admin PIN (app/core/pin.c): format, argon2id hashing and
 * verification, refusal of bad hash strings, and the lockout guard. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "core/pin.h"

/* "2468" hashed by the reference implementation (Debian's argon2 tool:
 * echo -n 2468 | argon2 qingfengsalt01 -id -t 1 -k 8 -p 1 -l 32 -e), at
 * the smallest cost so the lockout tests stay quick. */
static const char known[] = "$argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0";

static void pin_format(void **state)
{
    (void)state;
    assert_true(pin_is_valid("1234"));
    assert_true(pin_is_valid("0000"));
    assert_true(pin_is_valid("123456789012"));
    assert_false(pin_is_valid("123"));
    assert_false(pin_is_valid("1234567890123"));
    assert_false(pin_is_valid("12a4"));
    assert_false(pin_is_valid(" 1234"));
    assert_false(pin_is_valid("1234\n"));
    assert_false(pin_is_valid("-1234"));
    assert_false(pin_is_valid("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94")); /* full-width １２３４ */
    assert_false(pin_is_valid(""));
    assert_false(pin_is_valid(NULL));
}

static void new_hash_verifies(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX];
    assert_int_equal(pin_hash_new("2580", h, sizeof h), 0);
    assert_int_equal(strncmp(h, "$argon2id$v=19$m=16384,t=2,p=1$", 31), 0);
    assert_true(pin_hash_is_usable(h));
    assert_true(pin_verify(h, "2580"));
    assert_false(pin_verify(h, "2581"));
}

static void new_hash_refuses_bad_input(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX], small[PIN_HASH_MAX - 1];
    strcpy(h, "junk");
    assert_int_equal(pin_hash_new("12", h, sizeof h), -1);
    assert_string_equal(h, "");
    assert_int_equal(pin_hash_new("12ab", h, sizeof h), -1);
    assert_int_equal(pin_hash_new("1234", small, sizeof small), -1);
    assert_int_equal(pin_hash_new("1234", NULL, 0), -1);
}

static void known_hash_verifies(void **state)
{
    (void)state;
    assert_true(pin_hash_is_usable(known));
    assert_true(pin_verify(known, "2468"));
    assert_false(pin_verify(known, "2469"));
    assert_false(pin_verify(known, "24680"));
    assert_false(pin_verify(known, "246"));
}

static void bad_hash_strings_are_refused(void **state)
{
    (void)state;
    char buf[300];
    static const char *const bad[] = {
        "",
        "2468",
        "$argon2id$",
        "$2y$10$abcdefghijklmnopqrstuuS8FBSvVqPmvk0cm9Fsc/VPcz3g2n2Ba", /* bcrypt */
        "$argon2d$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        "$argon2id$v=16$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        "$argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZ", /* truncated */
        "$argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE",
        "$argon2id$v=19$m=8,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0 ",
        "$argon2id$v=19$m=8,t=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        "$argon2id$v=19$m=x,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        /* a cost that would stall the screen: 4 GiB, or 1000 passes */
        "$argon2id$v=19$m=4194304,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        "$argon2id$v=19$m=8,t=1000,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
        "$argon2id$v=19$m=99999999999999999999,t=1,p=1$cWluZ2ZlbmdzYWx0MDE$1RGFRYll0EZy1QW9UHraWdA0wkKGOOPZLuvgCqBdLE0",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (pin_hash_is_usable(bad[i]))
            fail_msg("usable: %s", bad[i]);
        assert_false(pin_verify(bad[i], "2468"));
    }
    /* Too long for any real hash. */
    memset(buf, 'A', sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    memcpy(buf, known, strlen(known));
    assert_false(pin_hash_is_usable(buf));
    assert_false(pin_verify(buf, "2468"));
    assert_false(pin_hash_is_usable(NULL));
    assert_false(pin_verify(NULL, "2468"));
    /* Well formed but altered: verification itself says no. */
    strcpy(buf, known);
    buf[strlen(buf) - 3] = buf[strlen(buf) - 3] == 'A' ? 'B' : 'A';
    assert_true(pin_hash_is_usable(buf));
    assert_false(pin_verify(buf, "2468"));
}

static void five_wrong_lock_for_five_minutes(void **state)
{
    (void)state;
    struct pin_guard g;
    pin_guard_init(&g, PIN_DEFAULT_TRIES, PIN_DEFAULT_LOCK_MS);
    uint64_t t = 1000000;
    for (int left = 4; left >= 1; left--) {
        struct pin_result r = pin_guard_try(&g, known, "1111", t += 2000);
        assert_int_equal(r.status, PIN_WRONG);
        assert_int_equal(r.tries_left, left);
    }
    assert_int_equal(pin_guard_locked_ms(&g, t), 0);
    /* The 5th wrong try is the one that locks. */
    struct pin_result r = pin_guard_try(&g, known, "1111", t += 2000);
    assert_int_equal(r.status, PIN_LOCKED);
    assert_true(r.locked_now);
    assert_int_equal(r.ms_left, 300000);
    uint64_t lock_start = t;
    /* Refused unchecked while locked, even the right PIN, and the lock
     * does not grow. */
    r = pin_guard_try(&g, known, "2468", lock_start + 1000);
    assert_int_equal(r.status, PIN_LOCKED);
    assert_false(r.locked_now);
    assert_int_equal(r.ms_left, 299000);
    for (int i = 0; i < 20; i++)
        assert_int_equal(pin_guard_try(&g, known, "9999", lock_start + 2000 + (uint64_t)i).status, PIN_LOCKED);
    r = pin_guard_try(&g, known, "2468", lock_start + 299999);
    assert_int_equal(r.status, PIN_LOCKED);
    assert_int_equal(r.ms_left, 1);
    assert_int_equal(pin_guard_locked_ms(&g, lock_start + 299999), 1);
    /* Unchecked indeed: a lock stands even with no usable hash. */
    assert_int_equal(pin_guard_try(&g, "", "2468", lock_start + 5000).status, PIN_LOCKED);
    /* At the end of the lock, tries are checked again, with a fresh count. */
    assert_int_equal(pin_guard_locked_ms(&g, lock_start + 300000), 0);
    r = pin_guard_try(&g, known, "1111", lock_start + 300000);
    assert_int_equal(r.status, PIN_WRONG);
    assert_int_equal(r.tries_left, 4);
    assert_int_equal(pin_guard_try(&g, known, "2468", lock_start + 300001).status, PIN_OK);
}

static void right_pin_resets_the_count(void **state)
{
    (void)state;
    struct pin_guard g;
    pin_guard_init(&g, 5, 300000);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pin_guard_try(&g, known, "0000", 10 + (uint64_t)i).status, PIN_WRONG);
    assert_int_equal(pin_guard_try(&g, known, "2468", 20).status, PIN_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pin_guard_try(&g, known, "0000", 30 + (uint64_t)i).tries_left, 4 - i);
    assert_int_equal(pin_guard_try(&g, known, "0000", 40).status, PIN_LOCKED);
}

static void limits_are_configurable(void **state)
{
    (void)state;
    struct pin_guard g;
    pin_guard_init(&g, 3, 60000);
    assert_int_equal(pin_guard_try(&g, known, "1357", 0).tries_left, 2);
    assert_int_equal(pin_guard_try(&g, known, "12", 1).tries_left, 1); /* not even a PIN: wrong too */
    struct pin_result r = pin_guard_try(&g, known, "1357", 2);
    assert_true(r.status == PIN_LOCKED && r.locked_now && r.ms_left == 60000);
    assert_int_equal(pin_guard_try(&g, known, "2468", 60001).status, PIN_LOCKED);
    assert_int_equal(pin_guard_try(&g, known, "2468", 60002).status, PIN_OK);
    /* A silly limit still locks after one. */
    pin_guard_init(&g, 0, 1000);
    assert_int_equal(pin_guard_try(&g, known, "1111", 0).status, PIN_LOCKED);
}

static void no_hash_no_panel(void **state)
{
    (void)state;
    struct pin_guard g;
    pin_guard_init(&g, 5, 300000);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(pin_guard_try(&g, "", "2468", (uint64_t)i).status, PIN_UNSET);
        assert_int_equal(pin_guard_try(&g, "$argon2id$broken", "2468", (uint64_t)i).status, PIN_UNSET);
    }
    /* Those did not count. */
    assert_int_equal(pin_guard_try(&g, known, "1111", 100).tries_left, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pin_format),
        cmocka_unit_test(new_hash_verifies),
        cmocka_unit_test(new_hash_refuses_bad_input),
        cmocka_unit_test(known_hash_verifies),
        cmocka_unit_test(bad_hash_strings_are_refused),
        cmocka_unit_test(five_wrong_lock_for_five_minutes),
        cmocka_unit_test(right_pin_resets_the_count),
        cmocka_unit_test(limits_are_configurable),
        cmocka_unit_test(no_hash_no_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
