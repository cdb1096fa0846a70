/* Tests for handing surfaces across threads (gfx_detach): a surface drawn
 * only with the gfx_ functions crosses as it is; one an SDL blit drew into
 * from a source that is still alive crosses as a copy with the same pixels,
 * which can be freed while the source goes on being blitted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/gfx.h"

static SDL_Surface *opaque(int w, int h, Uint32 colour)
{
    SDL_Surface *s = gfx_surface(w, h);
    assert_non_null(s);
    assert_int_equal(SDL_FillRect(s, NULL, colour), 0);
    return s;
}

static void test_drawn_with_gfx_crosses_as_it_is(void **state)
{
    (void)state;
    SDL_Surface *s = opaque(64, 32, 0xFFF6F0E1u), *art = opaque(8, 8, 0x80102030u);
    gfx_fill_rect(s, 3.5f, 2.0f, 20.0f, 9.0f, (struct rgba){200, 10, 10, 128});
    gfx_blit(s, art, 4, 4, 200);
    assert_ptr_equal(gfx_detach(s), s);
    SDL_FreeSurface(s);
    SDL_FreeSurface(art);
}

static void test_sdl_blit_destination_is_copied(void **state)
{
    (void)state;
    SDL_Surface *src = opaque(16, 16, 0xFF336699u), *s = opaque(64, 32, 0xFFF6F0E1u);
    SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_NONE);
    SDL_Rect at = {10, 5, 16, 16};
    assert_int_equal(SDL_BlitSurface(src, NULL, s, &at), 0);
    uintptr_t was = (uintptr_t)s;
    SDL_Surface *copy = gfx_detach(s); /* s is freed */
    assert_non_null(copy);
    assert_true((uintptr_t)copy != was);
    const Uint32 *row = (const Uint32 *)((const Uint8 *)copy->pixels + (size_t)8 * copy->pitch);
    assert_int_equal(row[12], 0xFF336699u);
    assert_int_equal(row[40], 0xFFF6F0E1u);
    /* the copy has no links: freeing it leaves the source's map alone */
    SDL_FreeSurface(copy);
    SDL_Surface *other = opaque(32, 32, 0);
    assert_int_equal(SDL_BlitSurface(src, NULL, other, NULL), 0);
    SDL_FreeSurface(other);
    SDL_FreeSurface(src);
}

static void test_source_gone_crosses_as_it_is(void **state)
{
    (void)state;
    SDL_Surface *src = opaque(16, 16, 0xFF336699u), *s = opaque(64, 32, 0xFFF6F0E1u);
    assert_int_equal(SDL_BlitSurface(src, NULL, s, NULL), 0);
    SDL_FreeSurface(src); /* its map lets go of s */
    assert_ptr_equal(gfx_detach(s), s);
    SDL_FreeSurface(s);
    assert_null(gfx_detach(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drawn_with_gfx_crosses_as_it_is),
        cmocka_unit_test(test_sdl_blit_destination_is_copied),
        cmocka_unit_test(test_source_gone_crosses_as_it_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
