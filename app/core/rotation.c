#include "core/rotation.h"

#include <string.h>

bool rotation_valid(int degrees)
{
    return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

int rotation_parse(const char *s, int *degrees)
{
    static const char *const names[] = {"0", "90", "180", "270"};
    for (int i = 0; i < 4; i++) {
        if (s && !strcmp(s, names[i])) {
            *degrees = i * 90;
            return 0;
        }
    }
    return -1;
}

void rotation_logical_size(int degrees, int panel_w, int panel_h, int *w, int *h)
{
    bool swap = degrees == 90 || degrees == 270;
    *w = swap ? panel_h : panel_w;
    *h = swap ? panel_w : panel_h;
}

/* Turning the picture clockwise by 90 degrees puts its top-left corner at
 * the panel's top-right: logical (x, y) shows at panel (1 - y, x). */
void rotation_to_panel(int degrees, float lx, float ly, float *px, float *py)
{
    switch (degrees) {
    case 90:
        *px = 1.0f - ly;
        *py = lx;
        break;
    case 180:
        *px = 1.0f - lx;
        *py = 1.0f - ly;
        break;
    case 270:
        *px = ly;
        *py = 1.0f - lx;
        break;
    default:
        *px = lx;
        *py = ly;
        break;
    }
}

void rotation_from_panel(int degrees, float px, float py, float *lx, float *ly)
{
    switch (degrees) {
    case 90:
        *lx = py;
        *ly = 1.0f - px;
        break;
    case 180:
        *lx = 1.0f - px;
        *ly = 1.0f - py;
        break;
    case 270:
        *lx = 1.0f - py;
        *ly = px;
        break;
    default:
        *lx = px;
        *ly = py;
        break;
    }
}
