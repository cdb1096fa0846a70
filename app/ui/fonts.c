#include "ui/fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/font_file.h"

/* FreeType's FT_Library (inside SDL_ttf) is shared by all fonts: opening and
 * closing faces must not run concurrently. Rendering with distinct faces may. */
static SDL_SpinLock open_lock;

static void not_found(char *err, size_t errlen, const char *spec, const char *pkg, const char *key)
{
    snprintf(err, errlen,
             "font: \"%s\" not found; install the Debian package %s (apt-get install %s) or set %s in the [fonts] section of the config",
             spec, pkg, pkg, key);
}

static bool looks_like_path(const char *spec)
{
    return strchr(spec, '/') != NULL;
}

int font_face_find(struct font_face *out, const char *spec, bool bold, const char *pkg, const char *key, char *err,
                   size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (looks_like_path(spec)) {
        if (!path_is_file(spec)) {
            not_found(err, errlen, spec, pkg, key);
            return -1;
        }
        const char *base = strrchr(spec, '/');
        snprintf(out->name, sizeof out->name, "%s", base ? base + 1 : spec);
        snprintf(out->file, sizeof out->file, "%s", spec);
        out->synth_bold = bold;
        return 0;
    }

    FcPattern *pat = FcNameParse((const FcChar8 *)spec);
    if (!pat) {
        not_found(err, errlen, spec, pkg, key);
        return -1;
    }
    FcChar8 *want = NULL;
    char want_family[128] = "";
    if (FcPatternGetString(pat, FC_FAMILY, 0, &want) == FcResultMatch)
        snprintf(want_family, sizeof want_family, "%s", (const char *)want);
    if (bold) {
        FcPatternDel(pat, FC_WEIGHT);
        FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_BOLD);
    }
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    if (!m) {
        not_found(err, errlen, spec, pkg, key);
        return -1;
    }
    /* fontconfig always returns something: accept it only if one of its
     * family names is the one asked for. */
    bool same = want_family[0] == 0;
    FcChar8 *fam;
    for (int i = 0; !same && FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
        same = strcasecmp((const char *)fam, want_family) == 0;
    FcChar8 *file = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR;
    if (!same || FcPatternGetString(m, FC_FILE, 0, &file) != FcResultMatch) {
        FcPatternDestroy(m);
        not_found(err, errlen, want_family[0] ? want_family : spec, pkg, key);
        return -1;
    }
    FcPatternGetInteger(m, FC_INDEX, 0, &index);
    FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
    snprintf(out->name, sizeof out->name, "%s", want_family);
    snprintf(out->file, sizeof out->file, "%s", (const char *)file);
    out->index = index;
    out->synth_bold = bold && weight < FC_WEIGHT_DEMIBOLD;
    FcPatternDestroy(m);
    return 0;
}

static TTF_Font *open_face(const struct font_face *face, int px)
{
    SDL_RWops *rw = font_file_open(face->file);
    if (!rw)
        return NULL;
    SDL_AtomicLock(&open_lock);
    TTF_Font *f = TTF_OpenFontIndexRW(rw, 1, px, face->index);
    SDL_AtomicUnlock(&open_lock);
    if (f) {
        if (face->synth_bold)
            TTF_SetFontStyle(f, TTF_STYLE_BOLD);
        TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    }
    return f;
}

int font_open(struct font *f, const struct font_face *face, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->face = face;
    f->px = 32;
    f->ttf = open_face(face, f->px);
    if (!f->ttf) {
        snprintf(err, errlen, "font: cannot open %s (%s): %s", face->file, face->name, TTF_GetError());
        return -1;
    }
    /* Without it widths are measured every time: slower, not wrong. */
    f->widths = calloc(FONT_WIDTHS, sizeof *f->widths);
    return 0;
}

void font_close(struct font *f)
{
    if (f->ttf) {
        SDL_AtomicLock(&open_lock);
        TTF_CloseFont(f->ttf);
        SDL_AtomicUnlock(&open_lock);
    }
    free(f->widths);
    memset(f, 0, sizeof *f);
}

/* Resizes the face to px (which empties SDL_ttf's glyph cache). */
static TTF_Font *sized(struct font *f, int px)
{
    if (!f->ttf)
        return NULL;
    if (px < 4)
        px = 4;
    if (f->px != px) {
        if (TTF_SetFontSize(f->ttf, px) != 0)
            return NULL;
        f->px = px;
    }
    return f->ttf;
}

TTF_Font *font_at(struct font *f, int px)
{
    return sized(f, px);
}

int font_center(struct font *f, int px)
{
    if (px < 4)
        px = 4;
    struct font_size *victim = &f->size[0];
    for (int i = 0; i < FONT_SIZES; i++) {
        struct font_size *s = &f->size[i];
        if (s->px == px) {
            s->used = ++f->tick;
            return s->center;
        }
        if (!s->px || (victim->px && s->used < victim->used))
            victim = s;
    }
    TTF_Font *t = sized(f, px);
    if (!t)
        return px / 2;
    /* Centre of the em box: from a representative ideograph's ink box when
     * the face has one, else from ascent/descent. */
    int minx, maxx, miny, maxy, adv, center;
    if (TTF_GlyphIsProvided32(t, 0x56FD) && TTF_GlyphMetrics32(t, 0x56FD, &minx, &maxx, &miny, &maxy, &adv) == 0)
        center = TTF_FontAscent(t) - (miny + maxy) / 2;
    else
        center = TTF_FontAscent(t) - (TTF_FontAscent(t) + TTF_FontDescent(t)) / 2;
    *victim = (struct font_size){.px = px, .center = center, .used = ++f->tick};
    return center;
}

bool font_has_glyph(struct font *f, Uint32 cp)
{
    if (cp == '\n' || cp == '\r' || cp == '\t')
        return true;
    /* The character map does not depend on the size. */
    return f->ttf && TTF_GlyphIsProvided32(f->ttf, cp);
}

/* FNV-1a over the text, then the size: the key of a remembered width. */
static uint64_t width_key(int px, const char *utf8, size_t len)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)utf8[i]) * 1099511628211u;
    return (h ^ (uint64_t)px) * 1099511628211u;
}

int font_measure(struct font *f, int px, const char *utf8, size_t len)
{
    if (len == 0 || !f->ttf)
        return 0;
    /* Layout measures the same short segments at each size it tries, and
     * each resize empties SDL_ttf's glyph cache: remember the widths. */
    uint64_t key = width_key(px, utf8, len);
    struct font_width *slot = f->widths ? &f->widths[key & (FONT_WIDTHS - 1)] : NULL;
    if (slot && slot->key == key && slot->px == px && slot->len == len)
        return slot->w;
    TTF_Font *t = sized(f, px);
    if (!t)
        return 0;
    char stackbuf[512];
    char *buf = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!buf)
        return 0;
    memcpy(buf, utf8, len);
    buf[len] = 0;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(t, buf, &w, &h) != 0)
        w = 0;
    if (buf != stackbuf)
        free(buf);
    if (slot && w > 0 && px <= UINT16_MAX && len <= UINT16_MAX)
        *slot = (struct font_width){.key = key, .w = w, .px = (uint16_t)px, .len = (uint16_t)len};
    return w;
}

static int ops_measure(void *ctx, int px, const char *utf8, size_t len) { return font_measure(ctx, px, utf8, len); }
static int ops_line_height(void *ctx, int px) { (void)ctx; return px; }
static bool ops_has_glyph(void *ctx, uint32_t cp) { return font_has_glyph(ctx, cp); }

struct layout_font_ops font_layout_ops(struct font *f)
{
    return (struct layout_font_ops){.ctx = f, .measure = ops_measure, .line_height = ops_line_height,
                                    .has_glyph = ops_has_glyph};
}

int font_faces_find(struct font_faces *faces, const char *kai_spec, const char *sans_spec, char *err, size_t errlen)
{
    if (!kai_spec || !*kai_spec)
        kai_spec = "AR PL UKai CN";
    if (!sans_spec || !*sans_spec)
        sans_spec = "Noto Sans CJK SC";
    if (font_face_find(&faces->kai, kai_spec, false, "fonts-arphic-ukai", "kai", err, errlen))
        return -1;
    if (font_face_find(&faces->sans, sans_spec, false, "fonts-noto-cjk", "sans", err, errlen))
        return -1;
    if (font_face_find(&faces->bold, sans_spec, true, "fonts-noto-cjk", "sans", err, errlen))
        return -1;
    return 0;
}

int font_set_open(struct font_set *s, const struct font_faces *faces, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (font_open(&s->kai, &faces->kai, err, errlen) || font_open(&s->sans, &faces->sans, err, errlen) ||
        font_open(&s->bold, &faces->bold, err, errlen)) {
        font_set_close(s);
        return -1;
    }
    return 0;
}

void font_set_close(struct font_set *s)
{
    font_close(&s->kai);
    font_close(&s->sans);
    font_close(&s->bold);
}
