#include "core/metrics.h"

#include <math.h>

#define MM_PER_INCH 25.4f

static int known(float v) { return isfinite(v) && v > 0.0f; }

float metrics_px_per_mm(float dpi, float diagonal_in, int w, int h)
{
    if (known(dpi))
        return dpi / MM_PER_INCH;
    if (known(diagonal_in) && w > 0 && h > 0)
        return (float)(hypot((double)w, (double)h) / ((double)diagonal_in * MM_PER_INCH));
    return METRICS_DEFAULT_DPI / MM_PER_INCH;
}

int metrics_min_target_px(float px_per_mm)
{
    if (!known(px_per_mm))
        px_per_mm = METRICS_DEFAULT_DPI / MM_PER_INCH;
    /* Clamp before converting: a silly px_per_mm must not overflow int. */
    double px = round((double)METRICS_MIN_TARGET_MM * px_per_mm);
    if (px < METRICS_MIN_TARGET_PX)
        return METRICS_MIN_TARGET_PX;
    return px > 100000.0 ? 100000 : (int)px;
}
