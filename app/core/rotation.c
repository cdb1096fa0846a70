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

/* Undoing a turn is turning the rest of the way round. */
void rotation_from_panel(int degrees, float px, float py, float *lx, float *ly)
{
    rotation_to_panel((360 - degrees) % 360, px, py, lx, ly);
}

/* In tiles, so that both pictures stay in the cache while columns become
 * rows. */
#define TILE 32

void rotation_turn_pixels(int degrees, const uint32_t *src, int w, int h, int src_pitch, uint32_t *dst,
                          int dst_pitch)
{
    if (degrees == 0 || degrees == 180) {
        for (int y = 0; y < h; y++) {
            const uint32_t *s = src + (size_t)y * src_pitch;
            if (degrees == 0) {
                memcpy(dst + (size_t)y * dst_pitch, s, (size_t)w * sizeof *s);
                continue;
            }
            uint32_t *d = dst + (size_t)(h - 1 - y) * dst_pitch + (w - 1);
            for (int x = 0; x < w; x++)
                *d-- = s[x];
        }
        return;
    }
    for (int ty = 0; ty < h; ty += TILE) {
        for (int tx = 0; tx < w; tx += TILE) {
            int ey = ty + TILE < h ? ty + TILE : h, ex = tx + TILE < w ? tx + TILE : w;
            for (int y = ty; y < ey; y++) {
                const uint32_t *s = src + (size_t)y * src_pitch;
                for (int x = tx; x < ex; x++) {
                    /* 90: (x, y) -> (h - 1 - y, x); 270: (x, y) -> (y, w - 1 - x). */
                    if (degrees == 90)
                        dst[(size_t)x * dst_pitch + (h - 1 - y)] = s[x];
                    else
                        dst[(size_t)(w - 1 - x) * dst_pitch + y] = s[x];
                }
            }
        }
    }
}
