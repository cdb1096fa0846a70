#include "ui/geom.h"

#include <math.h>

void geom_init(struct geom *g, int w, int h)
{
    g->w = w;
    g->h = h;
    g->u = (float)(w < h ? w : h) / 100.0f;
    g->portrait = h > w;
    float aspect = (float)w / (float)h;
    /* Wider screens get proportionally wider side margins. */
    g->mx = geom_px(g, g->portrait ? 6.0f : (aspect > 1.7f ? 7.0f : 6.0f));
    int hh = geom_px(g, g->portrait ? 9.0f : 10.0f);
    int fh = geom_px(g, g->portrait ? 8.0f : 8.5f);
    g->header = (SDL_Rect){0, 0, w, hh};
    g->footer = (SDL_Rect){0, h - fh, w, fh};
    int gap = geom_px(g, 4.0f);
    g->content = (SDL_Rect){g->mx, hh + gap, w - 2 * g->mx, h - hh - fh - 2 * gap};
}

int geom_px(const struct geom *g, float n)
{
    int v = (int)lroundf(n * g->u);
    return v < 1 ? 1 : v;
}
