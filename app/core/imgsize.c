#include "core/imgsize.h"

#include <string.h>

static uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static int png(const uint8_t *d, size_t len, uint32_t *w, uint32_t *h)
{
    /* signature, then the IHDR chunk: length 13, "IHDR", width, height */
    if (len < 24 || memcmp(d + 12, "IHDR", 4) != 0)
        return -1;
    *w = be32(d + 16);
    *h = be32(d + 20);
    return *w && *h ? 0 : -1;
}

static int jpeg(const uint8_t *d, size_t len, uint32_t *w, uint32_t *h)
{
    size_t i = 2;
    while (i + 4 <= len) {
        if (d[i] != 0xFF)
            return -1;
        uint8_t m = d[i + 1];
        if (m == 0xFF) { /* fill byte */
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* markers without a length */
            i += 2;
            continue;
        }
        uint32_t seg = be16(d + i + 2);
        if (seg < 2)
            return -1;
        /* SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8), DAC (CC). */
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (i + 9 > len)
                return -1;
            *h = be16(d + i + 5);
            *w = be16(d + i + 7);
            return *w && *h ? 0 : -1;
        }
        i += 2 + seg;
    }
    return -1;
}

static int gif(const uint8_t *d, size_t len, uint32_t *w, uint32_t *h)
{
    if (len < 10)
        return -1;
    *w = (uint32_t)d[6] | (uint32_t)d[7] << 8;
    *h = (uint32_t)d[8] | (uint32_t)d[9] << 8;
    return *w && *h ? 0 : -1;
}

static int looks_like_svg(const uint8_t *d, size_t len)
{
    size_t i = 0;
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        i = 3; /* UTF-8 byte-order mark */
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    return (len - i >= 5 && memcmp(d + i, "<?xml", 5) == 0) || (len - i >= 4 && memcmp(d + i, "<svg", 4) == 0) ||
           (len - i >= 4 && memcmp(d + i, "<!--", 4) == 0);
}

int img_probe(const uint8_t *data, size_t len, enum img_type *type, uint32_t *w, uint32_t *h)
{
    *type = IMG_TYPE_UNKNOWN;
    *w = *h = 0;
    if (!data)
        return -1;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) {
        *type = IMG_TYPE_PNG;
        return png(data, len, w, h);
    }
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        *type = IMG_TYPE_JPEG;
        return jpeg(data, len, w, h);
    }
    if (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0)) {
        *type = IMG_TYPE_GIF;
        return gif(data, len, w, h);
    }
    if (looks_like_svg(data, len)) {
        *type = IMG_TYPE_SVG;
        return 0;
    }
    return -1;
}
