/* The heartbeat's small screenshot: a frame shrunk to 480 px wide in
 * proportion (portrait too), a narrow one kept, encoded as a PNG that
 * decodes again with the picture's colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL_image.h>

#include "ui/shots.h"

/* Left half red, right half blue. */
static SDL_Surface *frame(int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    assert_non_null(s);
    SDL_Rect left = {0, 0, w / 2, h}, right = {w / 2, 0, w - w / 2, h};
    SDL_FillRect(s, &left, SDL_MapRGB(s->format, 200, 16, 32));
    SDL_FillRect(s, &right, SDL_MapRGB(s->format, 16, 32, 200));
    return s;
}

static SDL_Surface *decoded(int w, int h, int width)
{
    SDL_Surface *f = frame(w, h);
    void *png = NULL;
    size_t len = 0;
    char err[256] = "";
    if (shot_png_small(f, width, &png, &len, err, sizeof err) != 0)
        fail_msg("%s", err);
    SDL_FreeSurface(f);
    assert_true(len > 8);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    SDL_RWops *rw = SDL_RWFromConstMem(png, (int)len);
    SDL_Surface *s = IMG_LoadPNG_RW(rw);
    SDL_RWclose(rw);
    free(png);
    assert_non_null(s);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB888, 0);
    SDL_FreeSurface(s);
    assert_non_null(rgb);
    return rgb;
}

static void colour_at(SDL_Surface *s, int x, int y, Uint8 *r, Uint8 *g, Uint8 *b)
{
    Uint32 px = ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
    SDL_GetRGB(px, s->format, r, g, b);
}

static void landscape_to_480(void **state)
{
    (void)state;
    SDL_Surface *s = decoded(1920, 1080, 480);
    assert_int_equal(s->w, 480);
    assert_int_equal(s->h, 270);
    Uint8 r, g, b;
    colour_at(s, 10, 135, &r, &g, &b);
    assert_true(r == 200 && g == 16 && b == 32);
    colour_at(s, 470, 135, &r, &g, &b);
    assert_true(r == 16 && g == 32 && b == 200);
    SDL_FreeSurface(s);
}

static void portrait_in_proportion(void **state)
{
    (void)state;
    SDL_Surface *s = decoded(1080, 1920, 480);
    assert_int_equal(s->w, 480);
    assert_int_equal(s->h, 853);
    SDL_FreeSurface(s);
}

static void narrow_frame_kept(void **state)
{
    (void)state;
    SDL_Surface *s = decoded(320, 200, 480);
    assert_int_equal(s->w, 320);
    assert_int_equal(s->h, 200);
    SDL_FreeSurface(s);
}

static int sdl_up(void **state)
{
    (void)state;
    return SDL_Init(0) != 0 || IMG_Init(IMG_INIT_PNG) == 0;
}

static int sdl_down(void **state)
{
    (void)state;
    IMG_Quit();
    SDL_Quit();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(landscape_to_480),
        cmocka_unit_test(portrait_in_proportion),
        cmocka_unit_test(narrow_frame_kept),
    };
    return cmocka_run_group_tests(tests, sdl_up, sdl_down);
}
