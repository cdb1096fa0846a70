/* Picture dimensions read from the first bytes of a file, without decoding
 * it: the sync worker refuses a picture whose pixel count could exhaust
 * memory when decoded (a "decompression bomb") before anything decodes it. */
#ifndef QF_IMGSIZE_H
#define QF_IMGSIZE_H

#include <stddef.h>
#include <stdint.h>

enum img_type { IMG_TYPE_UNKNOWN, IMG_TYPE_PNG, IMG_TYPE_JPEG, IMG_TYPE_GIF, IMG_TYPE_SVG };

/* The type from the bytes (SVG: an XML or <svg start), and for PNG, JPEG and
 * GIF the width and height in pixels. Returns 0; -1 when the bytes are not
 * a picture of a known type or its header is cut short or malformed. For
 * SVG, w and h are 0: it is drawn at the size the screen needs. */
int img_probe(const uint8_t *data, size_t len, enum img_type *type, uint32_t *w, uint32_t *h);

#endif
