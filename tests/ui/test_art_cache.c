/* Tests for the disk cache of rasterised art: a saved picture reads back
 * pixel for pixel (the folder and its parent made on the way); another box,
 * a changed source, a truncated, damaged or foreign file, and no folder at
 * all are misses, never crashes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui/art_cache.h"

struct fixture {
    char root[64], dir[128], src[128];
    SDL_Surface *pic;
};

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    static struct fixture fx;
    memset(&fx, 0, sizeof fx);
    snprintf(fx.root, sizeof fx.root, "/tmp/qf-art-cache-XXXXXX");
    if (!mkdtemp(fx.root))
        return -1;
    snprintf(fx.dir, sizeof fx.dir, "%s/state/art-cache", fx.root);
    snprintf(fx.src, sizeof fx.src, "%s/hills.svg", fx.root);
    write_file(fx.src, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 5'/>");
    fx.pic = SDL_CreateRGBSurfaceWithFormat(0, 37, 19, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!fx.pic)
        return -1;
    for (int y = 0; y < fx.pic->h; y++)
        for (int x = 0; x < fx.pic->w; x++)
            ((Uint32 *)((Uint8 *)fx.pic->pixels + (size_t)y * fx.pic->pitch))[x] =
                (Uint32)(x * 7 + y * 13) << 24 | (Uint32)(x * 5) << 16 | (Uint32)(y * 11) << 8 | (Uint32)(x ^ y);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    SDL_FreeSurface(fx->pic);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->root);
    return system(cmd) == 0 ? 0 : -1;
}

/* The one entry in the cache folder. */
static void entry(const struct fixture *fx, char *out, size_t len)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls '%s'/*.px", fx->dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(out, (int)len, p));
    out[strcspn(out, "\n")] = 0;
    pclose(p);
}

static void assert_same(const SDL_Surface *a, const SDL_Surface *b)
{
    assert_int_equal(a->w, b->w);
    assert_int_equal(a->h, b->h);
    for (int y = 0; y < a->h; y++)
        assert_memory_equal((const Uint8 *)a->pixels + (size_t)y * a->pitch,
                            (const Uint8 *)b->pixels + (size_t)y * b->pitch, (size_t)a->w * 4);
}

static void test_round_trip(void **state)
{
    struct fixture *fx = *state;
    assert_null(art_cache_load(fx->dir, fx->src, 40, 20)); /* nothing yet */
    assert_int_equal(art_cache_save(fx->dir, fx->src, 40, 20, fx->pic), 0);
    SDL_Surface *back = art_cache_load(fx->dir, fx->src, 40, 20);
    assert_non_null(back);
    assert_int_equal(back->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_same(fx->pic, back);
    SDL_FreeSurface(back);
    /* another box is another picture */
    assert_null(art_cache_load(fx->dir, fx->src, 40, 21));
}

static void test_changed_source_is_a_miss(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(art_cache_save(fx->dir, fx->src, 40, 20, fx->pic), 0);
    write_file(fx->src, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 6'/>"); /* one byte more */
    assert_null(art_cache_load(fx->dir, fx->src, 40, 20));
    /* saved again, it is found again */
    assert_int_equal(art_cache_save(fx->dir, fx->src, 40, 20, fx->pic), 0);
    SDL_Surface *back = art_cache_load(fx->dir, fx->src, 40, 20);
    assert_non_null(back);
    SDL_FreeSurface(back);
}

static void test_truncated_file_is_a_miss(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(art_cache_save(fx->dir, fx->src, 40, 20, fx->pic), 0);
    char path[512];
    entry(fx, path, sizeof path);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    off_t sizes[] = {st.st_size - 1, st.st_size / 2, 20, 0};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        assert_int_equal(truncate(path, sizes[i]), 0);
        assert_null(art_cache_load(fx->dir, fx->src, 40, 20));
    }
}

static void test_damaged_or_foreign_file_is_a_miss(void **state)
{
    struct fixture *fx = *state;
    assert_int_equal(art_cache_save(fx->dir, fx->src, 40, 20, fx->pic), 0);
    char path[512];
    entry(fx, path, sizeof path);
    /* one pixel byte flipped near the end */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, -5, SEEK_END), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, -5, SEEK_END), 0);
    fputc(c ^ 0x40, f);
    assert_int_equal(fclose(f), 0);
    assert_null(art_cache_load(fx->dir, fx->src, 40, 20));
    /* huge sides in the header of a foreign file */
    f = fopen(path, "wb");
    assert_non_null(f);
    uint32_t junk[16];
    memset(junk, 0xFF, sizeof junk);
    assert_int_equal(fwrite(junk, sizeof junk, 1, f), 1);
    assert_int_equal(fclose(f), 0);
    assert_null(art_cache_load(fx->dir, fx->src, 40, 20));
}

static void test_no_folder_no_cache(void **state)
{
    struct fixture *fx = *state;
    assert_null(art_cache_load("", fx->src, 40, 20));
    assert_null(art_cache_load(NULL, fx->src, 40, 20));
    assert_int_equal(art_cache_save("", fx->src, 40, 20, fx->pic), -1);
    /* a folder that cannot be made: its parent is a file */
    char bad[160];
    snprintf(bad, sizeof bad, "%s/cache", fx->src);
    assert_int_equal(art_cache_save(bad, fx->src, 40, 20, fx->pic), -1);
    assert_null(art_cache_load(bad, fx->src, 40, 20));
    /* a source that is gone */
    char gone[160];
    snprintf(gone, sizeof gone, "%s/gone.svg", fx->root);
    assert_int_equal(art_cache_save(fx->dir, gone, 40, 20, fx->pic), -1);
    assert_null(art_cache_load(fx->dir, gone, 40, 20));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_source_is_a_miss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_file_is_a_miss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_or_foreign_file_is_a_miss, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_folder_no_cache, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
