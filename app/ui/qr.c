#include "ui/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/gfx.h"

#define QUIET_ZONE 4 /* modules of paper around the symbol, as ISO/IEC 18004 asks */

/* The text for a log line: at most 80 bytes, control characters shown as '?'. */
static void quote_text(char *dst, size_t n, const char *text)
{
    if (!text) {
        snprintf(dst, n, "(null)");
        return;
    }
    size_t len = strlen(text), keep = len > 80 ? 80 : len;
    while (keep > 0 && keep < len && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--; /* do not cut a character */
    size_t j = 0;
    for (size_t i = 0; i < keep && j + 1 < n; i++)
        dst[j++] = (unsigned char)text[i] < 0x20 || text[i] == 0x7F ? '?' : text[i];
    dst[j] = 0;
    if (keep < len && j + 4 < n)
        memcpy(dst + j, "...", 4);
}

static Uint32 pixel(struct rgb c) { return 0xFF000000u | (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b; }

SDL_Surface *qr_compose(const char *text, int size_px, struct rgb ink, struct rgb paper)
{
    char shown[96];
    quote_text(shown, sizeof shown, text);
    if (!text || !*text) {
        log_warn("qr: cannot encode \"%s\": empty text", shown);
        return NULL;
    }
    errno = 0;
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) {
        log_warn("qr: cannot encode \"%s\": %s", shown,
                 errno == ERANGE ? "too long for a QR code" : errno ? strerror(errno) : "unknown error");
        return NULL;
    }
    int modules = q->width + 2 * QUIET_ZONE;
    int m = size_px > 0 ? size_px / modules : 0;
    if (m < 1) {
        log_warn("qr: cannot encode \"%s\": needs %d px at least, has %d", shown, modules, size_px);
        QRcode_free(q);
        return NULL;
    }
    SDL_Surface *s = gfx_surface(size_px, size_px);
    if (!s) {
        log_err("qr: \"%s\": SDL_CreateRGBSurfaceWithFormat failed: %s", shown, SDL_GetError());
        QRcode_free(q);
        return NULL;
    }
    SDL_FillRect(s, NULL, pixel(paper));
    int origin = (size_px - m * modules) / 2 + QUIET_ZONE * m;
    Uint32 dark = pixel(ink);
    for (int y = 0; y < q->width; y++) {
        for (int x = 0; x < q->width; x++) {
            if (q->data[y * q->width + x] & 1) { /* bit 0: dark module */
                SDL_Rect r = {origin + x * m, origin + y * m, m, m};
                SDL_FillRect(s, &r, dark);
            }
        }
    }
    QRcode_free(q);
    return s;
}
