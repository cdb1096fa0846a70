/* QR codes for links shown on screen (an item's "read more" page): crisp
 * square modules on the theme's paper, for a phone camera to read. */
#ifndef QF_UI_QR_H
#define QF_UI_QR_H

#include <SDL.h>

#include "core/config.h"

/* Encodes text (UTF-8 bytes, 8-bit mode, error correction level M) into a
 * new opaque ARGB8888 surface of size_px x size_px filled with paper. The
 * symbol and its 4-module quiet zone are drawn with the largest whole
 * number of pixels per module that fits, centred, so no module is blurred
 * by scaling. Returns NULL with a log line naming the text when it is NULL
 * or empty, cannot be encoded (too long for a QR code), size_px is too
 * small for one pixel per module, or memory runs out. */
SDL_Surface *qr_compose(const char *text, int size_px, struct rgb ink, struct rgb paper);

#endif
