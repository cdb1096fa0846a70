/* 学后测: a case's self-check questions, one at a time. */
#include "ui/screen.h"

struct screen *screen_check(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (s)
        screen_nav_bar(c, s, "", true, k->large);
    return s;
}
