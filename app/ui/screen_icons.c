/* Line icons for the screens: drawn from a distance field so strokes are
 * antialiased at any size without image assets. */
#include <math.h>

#include "ui/screen_kit.h"

static float seg_dist(float px, float py, float ax, float ay, float bx, float by)
{
    float vx = bx - ax, vy = by - ay, wx = px - ax, wy = py - ay;
    float l2 = vx * vx + vy * vy;
    float t = l2 > 0 ? (wx * vx + wy * vy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float dx = wx - t * vx, dy = wy - t * vy;
    return sqrtf(dx * dx + dy * dy);
}

void kit_polyline(SDL_Surface *dst, const float *xy, int n, float thickness, struct rgba c)
{
    if (n < 2)
        return;
    float half = thickness / 2;
    float x0 = xy[0], y0 = xy[1], x1 = xy[0], y1 = xy[1];
    for (int i = 1; i < n; i++) {
        x0 = fminf(x0, xy[2 * i]);
        x1 = fmaxf(x1, xy[2 * i]);
        y0 = fminf(y0, xy[2 * i + 1]);
        y1 = fmaxf(y1, xy[2 * i + 1]);
    }
    int ix0 = SDL_max(0, (int)floorf(x0 - half - 1)), iy0 = SDL_max(0, (int)floorf(y0 - half - 1));
    int ix1 = SDL_min(dst->w, (int)ceilf(x1 + half + 1)), iy1 = SDL_min(dst->h, (int)ceilf(y1 + half + 1));
    for (int py = iy0; py < iy1; py++) {
        for (int px = ix0; px < ix1; px++) {
            float d = 1e9f;
            for (int i = 0; i + 1 < n; i++)
                d = fminf(d, seg_dist(px + 0.5f, py + 0.5f, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2], xy[2 * i + 3]));
            float cov = half + 0.5f - d;
            if (cov <= 0)
                continue;
            struct rgba p = c;
            p.a = (Uint8)lroundf(c.a * (cov > 1 ? 1 : cov));
            gfx_fill_rect(dst, (float)px, (float)py, 1, 1, p);
        }
    }
}

void kit_chevron(SDL_Surface *dst, float cx, float cy, float size, int dir, float thickness, struct rgba c)
{
    float h = size / 2, w = size * 0.28f * (dir < 0 ? -1 : 1);
    float pts[6] = {cx - w, cy - h, cx + w, cy, cx - w, cy + h};
    kit_polyline(dst, pts, 3, thickness, c);
}

void kit_house(SDL_Surface *dst, float cx, float cy, float size, float thickness, struct rgba c)
{
    float h = size / 2, w = size * 0.5f;
    float roof[6] = {cx - w, cy - h * 0.05f, cx, cy - h, cx + w, cy - h * 0.05f};
    float body[8] = {cx - w * 0.72f, cy - h * 0.2f, cx - w * 0.72f, cy + h, cx + w * 0.72f, cy + h,
                     cx + w * 0.72f, cy - h * 0.2f};
    kit_polyline(dst, roof, 3, thickness, c);
    kit_polyline(dst, body, 4, thickness, c);
}

void kit_cross(SDL_Surface *dst, float cx, float cy, float size, float thickness, struct rgba c)
{
    float h = size / 2;
    float a[4] = {cx - h, cy - h, cx + h, cy + h}, b[4] = {cx - h, cy + h, cx + h, cy - h};
    kit_polyline(dst, a, 2, thickness, c);
    kit_polyline(dst, b, 2, thickness, c);
}
