/* Fonts: fontconfig lookup of the Kai and sans faces, and per-thread sets of
 * SDL_ttf fonts with a small cache of opened pixel sizes. A `struct font` is
 * owned by one thread (the slide worker or the UI thread); opening and closing
 * are serialised internally because FreeType's library object is shared. */
#ifndef QF_UI_FONTS_H
#define QF_UI_FONTS_H

#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/layout.h"
#include "ui/paths.h"

struct font_face {
    char name[128];          /* family (or file name) for messages */
    char file[QF_PATH_MAX];
    long index;              /* face index inside a .ttc collection */
    bool synth_bold;         /* no real bold face: embolden */
};

/* Resolves spec (a font file path, or a fontconfig family/pattern such as
 * "Noto Sans CJK SC") to a face; bold asks for the bold weight. Checks that
 * fontconfig's match really is the requested family. pkg and key name the
 * Debian package and config key for the error message. Returns 0, or -1 with
 * "font: \"X\" not found; install ... or set KEY in the [fonts] section of
 * the config" in err. */
int font_face_find(struct font_face *out, const char *spec, bool bold, const char *pkg, const char *key, char *err,
                   size_t errlen);

/* Em-box centres kept per size (the auto-fit tries about seven sizes). */
#define FONT_SIZES 12

/* Widths remembered per (size, text), direct-mapped by hash. */
#define FONT_WIDTHS 4096

/* One face per font file and thread, resized with TTF_SetFontSize: each
 * FreeType face holds its own copy of the CJK tables (over 1 MiB for Noto
 * Sans CJK), so a face per size would cost that much per size. */
struct font {
    const struct font_face *face;
    TTF_Font *ttf;
    int px;                  /* its size now */
    struct font_size {
        int px;              /* 0: unused */
        int center;          /* surface-top to the centre of the em box */
        unsigned used;
    } size[FONT_SIZES];
    unsigned tick;
    struct font_width {
        uint64_t key;        /* hash of size and text */
        int32_t w;
        uint16_t px, len;    /* len 0: unused */
    } *widths;               /* FONT_WIDTHS of them */
};

/* Opens the face. Returns 0, or -1 with a message in err. */
int font_open(struct font *f, const struct font_face *face, char *err, size_t errlen);
void font_close(struct font *f);

/* The face set to px pixels (em size); NULL on error. It stays at px only
 * until the next call on f with another size: use it at once. */
TTF_Font *font_at(struct font *f, int px);

/* Pixels from the top of a line rendered at px to the vertical centre of its
 * ideographic em box (aligns mixed sizes and faces optically). */
int font_center(struct font *f, int px);

bool font_has_glyph(struct font *f, Uint32 cp);

/* Width in pixels of utf8[0..len) at px. */
int font_measure(struct font *f, int px, const char *utf8, size_t len);

/* layout_font_ops over this font; line height is the em size. */
struct layout_font_ops font_layout_ops(struct font *f);

/* The three faces of a thread: Kai, sans regular and sans bold. */
struct font_set {
    struct font kai, sans, bold;
};

struct font_faces {
    struct font_face kai, sans, bold;
};

int font_faces_find(struct font_faces *faces, const char *kai_spec, const char *sans_spec, char *err, size_t errlen);
int font_set_open(struct font_set *s, const struct font_faces *faces, char *err, size_t errlen);
void font_set_close(struct font_set *s);

#endif
