/* Reading an item: a maxim, a story, or one page of a case module. */
#include "ui/screen.h"

struct screen *screen_detail(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (s)
        screen_nav_bar(c, s, "", true, k->large);
    return s;
}
