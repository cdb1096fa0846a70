/* Screen rotation for panels mounted on their side or upside down. The
 * kiosk draws an upright "logical" picture and the panel shows it turned by
 * 0, 90, 180 or 270 degrees clockwise. These functions convert sizes and
 * points between the panel's frame and the logical one; normalized points
 * run from 0 to 1 across the frame, as SDL's touch coordinates do. */
#ifndef QF_CORE_ROTATION_H
#define QF_CORE_ROTATION_H

#include <stdbool.h>
#include <stdint.h>

/* true for 0, 90, 180 and 270. */
bool rotation_valid(int degrees);

/* "0", "90", "180", "270" -> *degrees; -1 for anything else. */
int rotation_parse(const char *s, int *degrees);

/* The logical (upright) size of a panel_w x panel_h panel turned by degrees:
 * 90 and 270 swap the sides. */
void rotation_logical_size(int degrees, int panel_w, int panel_h, int *w, int *h);

/* A normalized point on the panel -> the same point of the logical picture
 * (what a touch on the panel aims at). */
void rotation_from_panel(int degrees, float px, float py, float *lx, float *ly);

/* A normalized point of the logical picture -> where the panel shows it. */
void rotation_to_panel(int degrees, float lx, float ly, float *px, float *py);

/* Copies a w x h picture of 32-bit pixels (rows src_pitch pixels apart)
 * onto the panel's pixels turned by degrees clockwise: dst is h x w for 90
 * and 270, w x h otherwise (rows dst_pitch pixels apart). For renderers
 * that turn textures slowly (SDL's software renderer). */
void rotation_turn_pixels(int degrees, const uint32_t *src, int w, int h, int src_pitch, uint32_t *dst,
                          int dst_pitch);

#endif
