/* Physical size on screen: pixels per millimetre from the configured dpi or
 * diagonal, and the smallest touch target worth drawing. */
#ifndef QF_METRICS_H
#define QF_METRICS_H

/* Assumed when the screen's size is unknown (the CSS reference pixel). */
#define METRICS_DEFAULT_DPI 96.0f

/* Smallest touch target: 9 mm, and never under 48 px. */
#define METRICS_MIN_TARGET_MM 9.0f
#define METRICS_MIN_TARGET_PX 48

/* Pixels per millimetre. dpi > 0 wins; else diagonal_in > 0 with a w x h
 * pixel screen gives hypot(w, h) / diagonal; else METRICS_DEFAULT_DPI.
 * Values <= 0, not finite, or a size <= 0 count as unknown. */
float metrics_px_per_mm(float dpi, float diagonal_in, int w, int h);

/* Side of the smallest touch target in pixels:
 * max(METRICS_MIN_TARGET_PX, round(9 mm)). */
int metrics_min_target_px(float px_per_mm);

#endif
