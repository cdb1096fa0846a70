/* Drawing a laid-out rich document: tints and bars first, then marks and
 * pictures, then the text runs, each at the position the layout measured
 * it at (so justified lines and mixed faces land exactly). */
#include "ui/richdoc_draw.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/feed.h"
#include "core/log.h"
#include "core/richdoc.h"
#include "ui/gfx.h"
#include "ui/image.h"
#include "ui/paths.h"

/* ---- Pictures --------------------------------------------------------------- */

/* Decoded pictures are kept (already shrunk to the largest box they can get)
 * for the first few; later ones are decoded again when drawn. */
#define PIC_KEEP 6

struct pic {
    char *src;
    char path[QF_PATH_MAX];
    bool ok, svg;
    int w, h;            /* the size the layout was told */
    SDL_Surface *s;      /* NULL when not kept */
};

struct compose {
    const struct richdoc_style *st;
    const struct richdoc_env *env;
    int max_image_h;
    double kai_scale; /* Kai runs are set this much larger than their line's size */
    struct pic *pics;
    size_t n_pics, cap_pics, n_kept;
};

static struct font *font_of(const struct compose *c, enum richdoc_face face)
{
    struct font_set *f = c->env->fonts;
    return face == RICHDOC_FACE_BOLD ? &f->bold : face == RICHDOC_FACE_KAI ? &f->kai : &f->sans;
}

static bool is_svg(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

static void warn_picture(struct compose *c, const char *path, const char *why)
{
    char key[QF_PATH_MAX + 16];
    snprintf(key, sizeof key, "image %s", path);
    if (warn_once(c->env->warns, key))
        log_warn("image: item=%s %s: %s; showing a placeholder", c->env->item_id, path, why);
}

/* The size a picture fits into at most, as the layout fits it. */
static void fit(int nw, int nh, int bw, int bh, int *w, int *h)
{
    double k = fmin(1.0, fmin((double)bw / nw, (double)bh / nh));
    *w = SDL_max(1, (int)(nw * k));
    *h = SDL_max(1, (int)(nh * k));
}

/* Loads the picture once: its size for the layout, and a copy shrunk to the
 * widest box it can get. */
static void pic_load(struct compose *c, struct pic *p)
{
    char err[256] = "";
    if (!feed_path_is_safe(p->src)) {
        snprintf(p->path, sizeof p->path, "%s", p->src);
        warn_picture(c, p->path, "unsafe path refused");
        return;
    }
    if (path_join(p->path, sizeof p->path, c->env->feed_dir ? c->env->feed_dir : ".", p->src) != 0) {
        snprintf(p->path, sizeof p->path, "%s", p->src);
        warn_picture(c, p->path, "path too long");
        return;
    }
    p->svg = is_svg(p->path);
    SDL_Surface *s = NULL;
    if (p->svg) {
        /* Vector art has no natural size: any box with its aspect will do. */
        s = image_load_contain(p->path, c->st->width, c->max_image_h, err, sizeof err);
        if (s) {
            p->w = s->w;
            p->h = s->h;
        }
    } else {
        SDL_Surface *raw = IMG_Load(p->path);
        if (!raw) {
            snprintf(err, sizeof err, "cannot decode: %s", IMG_GetError());
        } else if (raw->w < 1 || raw->h < 1 || raw->w > 16384 || raw->h > 16384) {
            snprintf(err, sizeof err, "unsupported size %dx%d", raw->w, raw->h);
        } else {
            p->w = raw->w;
            p->h = raw->h;
            int w, h;
            fit(raw->w, raw->h, c->st->width, c->max_image_h, &w, &h);
            SDL_Surface *argb = gfx_to_argb(raw);
            s = argb && (w != argb->w || h != argb->h) ? gfx_scale(argb, w, h) : argb;
            if (s != argb && argb)
                SDL_FreeSurface(argb);
            if (!s)
                snprintf(err, sizeof err, "%s", SDL_GetError());
        }
        if (raw)
            SDL_FreeSurface(raw);
    }
    if (!s) {
        warn_picture(c, p->path, err);
        return;
    }
    p->ok = true;
    if (c->n_kept < PIC_KEEP) {
        p->s = s;
        c->n_kept++;
    } else {
        SDL_FreeSurface(s);
    }
}

static struct pic *pic_find(struct compose *c, const char *src)
{
    for (size_t i = 0; i < c->n_pics; i++)
        if (!strcmp(c->pics[i].src, src))
            return &c->pics[i];
    if (c->n_pics == c->cap_pics) {
        size_t cap = c->cap_pics ? c->cap_pics * 2 : 4;
        struct pic *v = realloc(c->pics, cap * sizeof *v);
        if (!v)
            return NULL;
        c->pics = v;
        c->cap_pics = cap;
    }
    struct pic *p = &c->pics[c->n_pics];
    memset(p, 0, sizeof *p);
    p->src = strdup(src);
    if (!p->src)
        return NULL;
    c->n_pics++;
    pic_load(c, p);
    return p;
}

/* The picture at exactly w x h, or NULL. */
static SDL_Surface *pic_at(struct compose *c, struct pic *p, int w, int h, bool *owned)
{
    *owned = false;
    if (p->s && p->s->w == w && p->s->h == h)
        return p->s;
    char err[256] = "";
    SDL_Surface *s;
    if (p->s && !p->svg)
        s = gfx_scale(p->s, w, h);
    else
        s = image_load_contain(p->path, w, h, err, sizeof err);
    if (s && (s->w != w || s->h != h)) {
        SDL_Surface *t = gfx_scale(s, w, h);
        SDL_FreeSurface(s);
        s = t;
    }
    if (!s)
        warn_picture(c, p->path, err[0] ? err : SDL_GetError());
    *owned = s != NULL;
    return s;
}

static void pics_free(struct compose *c)
{
    for (size_t i = 0; i < c->n_pics; i++) {
        free(c->pics[i].src);
        if (c->pics[i].s)
            SDL_FreeSurface(c->pics[i].s);
    }
    free(c->pics);
}

/* ---- Metrics for the layout ------------------------------------------------- */

static int ink_height(struct font *f)
{
    TTF_Font *t = font_at(f, 96);
    int minx, maxx, miny, maxy, adv;
    if (!t || !TTF_GlyphIsProvided32(t, 0x56FD) || TTF_GlyphMetrics32(t, 0x56FD, &minx, &maxx, &miny, &maxy, &adv) != 0)
        return 0;
    return maxy - miny;
}

/* Kai faces draw their ideographs smaller inside the em than the sans
 * (AR PL UKai's 国 is about a tenth shorter than Noto Sans CJK's): Kai runs
 * are set larger by that ratio, so quotes and emphasis read at the size of
 * the body around them. */
static double kai_scale_of(struct compose *c)
{
    int sans = ink_height(font_of(c, RICHDOC_FACE_SANS)), kai = ink_height(font_of(c, RICHDOC_FACE_KAI));
    if (sans <= 0 || kai <= 0)
        return 1.0;
    double k = (double)sans / kai;
    return k < 1.0 ? 1.0 : k > 1.2 ? 1.2 : k;
}

/* The font size a run of face is drawn at on a line of size px. */
static int face_px(const struct compose *c, enum richdoc_face face, int px)
{
    return face == RICHDOC_FACE_KAI ? (int)lround(px * c->kai_scale) : px;
}

static int m_measure(void *ctx, enum richdoc_face face, int px, const char *utf8, size_t len)
{
    return font_measure(font_of(ctx, face), face_px(ctx, face, px), utf8, len);
}

static bool m_has_glyph(void *ctx, enum richdoc_face face, uint32_t cp)
{
    return font_has_glyph(font_of(ctx, face), cp);
}

static bool m_image_size(void *ctx, const char *src, int *w, int *h)
{
    struct pic *p = pic_find(ctx, src);
    if (!p || !p->ok)
        return false;
    *w = p->w;
    *h = p->h;
    return true;
}

/* ---- Drawing ---------------------------------------------------------------- */

static void draw_text(SDL_Surface *dst, struct font *f, int px, const char *s, size_t len, int x, int top,
                      struct rgba c)
{
    TTF_Font *ttf = font_at(f, px);
    if (!ttf || len == 0)
        return;
    char stackbuf[256];
    char *buf = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!buf)
        return;
    memcpy(buf, s, len);
    buf[len] = 0;
    SDL_Surface *r = TTF_RenderUTF8_Blended(ttf, buf, (SDL_Color){255, 255, 255, 255});
    if (r) {
        SDL_Surface *argb = r->format->format == SDL_PIXELFORMAT_ARGB8888 ? r : gfx_to_argb(r);
        if (argb) {
            gfx_blit_tinted(dst, argb, x, top, c);
            if (argb != r)
                SDL_FreeSurface(argb);
        }
        SDL_FreeSurface(r);
    }
    if (buf != stackbuf)
        free(buf);
}

/* Top of a line of face f at px whose em box starts at y. */
static int text_top(struct font *f, int px, int y)
{
    return y + px / 2 - font_center(f, px);
}

struct colours {
    struct rgba ink, heading, quote, code_ink, caption, code_bg, quote_tint, red, gold, dim_gold;
};

static struct colours colours_of(const struct theme *th)
{
    return (struct colours){
        .ink = rgba_of(th->ink, 235),
        .heading = rgba_of(th->ink, 255),
        .quote = rgba_of(rgb_mix(th->ink, th->red, 0.12f), 235),
        .code_ink = rgba_of(rgb_mix(th->ink, th->gold, 0.25f), 235),
        .caption = rgba_of(th->ink, 150),
        .code_bg = rgba_of(th->ink, 14),
        .quote_tint = rgba_of(th->gold, 26),
        .red = rgba_of(th->red, 255),
        .gold = rgba_of(th->gold, 255),
        .dim_gold = rgba_of(th->gold, 140),
    };
}

static struct rgba run_colour(const struct colours *k, const struct richdoc_block *b, const struct richdoc_run *r)
{
    if (b->kind == RICHDOC_IMAGE)
        return k->caption;
    if (b->kind == RICHDOC_HEADING)
        return k->heading;
    if (b->kind == RICHDOC_CODE_BLOCK || (r->style & RICHDOC_CODE))
        return k->code_ink;
    if (r->style & RICHDOC_STRONG)
        return k->heading;
    if (b->quote_depth > 0)
        return k->quote;
    return k->ink;
}

/* A faint rounded tint behind each stretch of code spans on a line. */
static void draw_code_spans(SDL_Surface *dst, const struct richdoc *d, const struct richdoc_layout *lo,
                            const struct colours *k)
{
    for (size_t i = 0; i < lo->n_lines; i++) {
        const struct richdoc_line *ln = &lo->lines[i];
        if (d->blocks[ln->block].kind == RICHDOC_CODE_BLOCK)
            continue;
        for (size_t j = 0; j < ln->n_runs;) {
            const struct richdoc_run *r = &lo->runs[ln->first_run + j];
            if (!(r->style & RICHDOC_CODE)) {
                j++;
                continue;
            }
            size_t e = j;
            while (e + 1 < ln->n_runs && (lo->runs[ln->first_run + e + 1].style & RICHDOC_CODE))
                e++;
            const struct richdoc_run *last = &lo->runs[ln->first_run + e];
            float pad = ln->px * 0.18f;
            gfx_fill_round_rect(dst, r->x - pad, ln->y - ln->px * 0.12f, (float)(last->x + last->w - r->x) + 2 * pad,
                                ln->px * 1.24f, ln->px * 0.22f, k->code_bg);
            j = e + 1;
        }
    }
}

static void draw_rule(SDL_Surface *dst, const struct richdoc_mark *m, const struct colours *k)
{
    float cx = m->x + m->w / 2.0f, cy = m->y + m->h / 2.0f;
    float t = SDL_max(1.0f, m->h * 0.05f), r = SDL_max(2.0f, m->h * 0.11f), gap = r * 3.2f;
    gfx_fill_rect(dst, (float)m->x, cy - t / 2, m->w / 2.0f - gap, t, k->dim_gold);
    gfx_fill_rect(dst, cx + gap, cy - t / 2, m->w / 2.0f - gap, t, k->dim_gold);
    gfx_fill_circle(dst, cx, cy, r, k->red);
}

static void draw_bullet(SDL_Surface *dst, const struct richdoc_mark *m, const struct colours *k)
{
    float r = m->px * 0.13f, cy = m->y + m->px / 2.0f, cx = m->x + m->w - r - m->px * 0.05f;
    if (m->depth <= 1)
        gfx_fill_circle(dst, cx, cy, r, k->red);
    else if (m->depth == 2)
        gfx_stroke_circle(dst, cx, cy, r, SDL_max(1.0f, r * 0.45f), k->gold);
    else
        gfx_fill_rect(dst, cx - r * 0.8f, cy - r * 0.8f, r * 1.6f, r * 1.6f, k->gold);
}

static void draw_number(struct compose *c, SDL_Surface *dst, const struct richdoc_block *b,
                        const struct richdoc_mark *m, const struct colours *k)
{
    struct font *f = font_of(c, RICHDOC_FACE_SANS);
    int w = font_measure(f, m->px, b->marker, strlen(b->marker));
    draw_text(dst, f, m->px, b->marker, strlen(b->marker), m->x + m->w - w, text_top(f, m->px, m->y), k->red);
}

static void draw_picture(struct compose *c, SDL_Surface *dst, const struct richdoc_block *b,
                         const struct richdoc_mark *m, const struct colours *k)
{
    if (!m->missing) {
        struct pic *p = pic_find(c, b->src ? b->src : "");
        bool owned;
        SDL_Surface *s = p && p->ok ? pic_at(c, p, m->w, m->h, &owned) : NULL;
        if (s) {
            gfx_blit(dst, s, m->x, m->y, 255);
            if (owned)
                SDL_FreeSurface(s);
            return;
        }
    }
    /* Placeholder: a quiet frame; the alt text is drawn inside as lines. */
    float r = m->px * 0.4f;
    struct rgb gold = c->st->theme->gold;
    gfx_fill_round_rect(dst, (float)m->x, (float)m->y, (float)m->w, (float)m->h, r, rgba_of(gold, 16));
    gfx_stroke_round_rect(dst, (float)m->x, (float)m->y, (float)m->w, (float)m->h, r, SDL_max(1.0f, m->px * 0.05f),
                          rgba_of(gold, 90));
    if (!*b->text) {
        /* No words to show: a small mountain-and-sun pictogram. */
        float u = SDL_min(m->w, m->h) * 0.12f, cx = m->x + m->w / 2.0f, cy = m->y + m->h / 2.0f;
        gfx_stroke_round_rect(dst, cx - 1.6f * u, cy - 1.1f * u, 3.2f * u, 2.2f * u, u * 0.25f,
                              SDL_max(1.0f, u * 0.12f), k->dim_gold);
        gfx_fill_circle(dst, cx + 0.7f * u, cy - 0.4f * u, u * 0.28f, k->dim_gold);
    }
}

static void draw_marks(struct compose *c, SDL_Surface *dst, const struct richdoc *d, const struct richdoc_layout *lo,
                       const struct colours *k)
{
    /* Tints under everything, then the marks on top. */
    for (size_t i = 0; i < lo->n_marks; i++) {
        const struct richdoc_mark *m = &lo->marks[i];
        if (m->kind == RICHDOC_MARK_QUOTE) {
            int bar = SDL_max(2, (int)lroundf(m->px * 0.16f));
            gfx_fill_rect(dst, (float)(m->x + bar), (float)m->y, (float)(m->w - bar), (float)m->h, k->quote_tint);
            gfx_fill_rect(dst, (float)m->x, (float)m->y, (float)bar, (float)m->h, m->depth <= 1 ? k->red : k->gold);
        } else if (m->kind == RICHDOC_MARK_CODE) {
            gfx_fill_round_rect(dst, (float)m->x, (float)m->y, (float)m->w, (float)m->h, m->px * 0.35f, k->code_bg);
        }
    }
    for (size_t i = 0; i < lo->n_marks; i++) {
        const struct richdoc_mark *m = &lo->marks[i];
        const struct richdoc_block *b = &d->blocks[m->block];
        switch (m->kind) {
        case RICHDOC_MARK_BULLET:
            draw_bullet(dst, m, k);
            break;
        case RICHDOC_MARK_NUMBER:
            draw_number(c, dst, b, m, k);
            break;
        case RICHDOC_MARK_HEADING:
            gfx_fill_rect(dst, (float)m->x, (float)m->y, (float)m->w, (float)m->h, k->red);
            break;
        case RICHDOC_MARK_RULE:
            draw_rule(dst, m, k);
            break;
        case RICHDOC_MARK_IMAGE:
            draw_picture(c, dst, b, m, k);
            break;
        default:
            break;
        }
    }
}

static void draw_lines(struct compose *c, SDL_Surface *dst, const struct richdoc *d, const struct richdoc_layout *lo,
                       const struct colours *k)
{
    for (size_t i = 0; i < lo->n_lines; i++) {
        const struct richdoc_line *ln = &lo->lines[i];
        const struct richdoc_block *b = &d->blocks[ln->block];
        for (size_t j = 0; j < ln->n_runs; j++) {
            const struct richdoc_run *r = &lo->runs[ln->first_run + j];
            struct font *f = font_of(c, r->face);
            int px = face_px(c, r->face, ln->px);
            /* centred on the line's em box, whatever size the face is set at */
            draw_text(dst, f, px, b->text + r->start, r->len, r->x, text_top(f, px, ln->y + (ln->px - px) / 2),
                      run_colour(k, b, r));
        }
    }
}

/* The note at the end of a document cut at the height limit. */
static void draw_note(struct compose *c, SDL_Surface *dst, const struct richdoc_layout *lo, const struct colours *k)
{
    static const char note[] = "\xEF\xBC\x88\xE7\xAF\x87\xE5\xB9\x85\xE8\xBE\x83\xE9\x95\xBF\xEF\xBC\x8C"
                               "\xE4\xBB\xA5\xE4\xB8\x8B\xE5\x86\x85\xE5\xAE\xB9\xE4\xBB\x8E\xE7\x95\xA5\xEF\xBC\x89";
    /* （篇幅较长，以下内容从略） */
    struct font *f = font_of(c, RICHDOC_FACE_KAI);
    int px = SDL_max(8, lo->note_h * 10 / 22);
    int w = font_measure(f, px, note, strlen(note));
    int y = lo->note_y + (lo->note_h - px) / 2;
    draw_text(dst, f, px, note, strlen(note), (c->st->width - w) / 2, text_top(f, px, y), k->caption);
}

/* ---- Compose ---------------------------------------------------------------- */

static void log_glyphs(const struct compose *c, const struct richdoc_layout *lo)
{
    if (lo->n_missing == 0)
        return;
    char key[300];
    snprintf(key, sizeof key, "glyph %s body", c->env->item_id);
    if (!warn_once(c->env->warns, key))
        return;
    const char *font = font_of(c, lo->first_missing_face)->face->name;
    if (lo->n_missing > 1)
        log_warn("glyph: item=%s field=body missing U+%04X in %s (%zu characters in all)", c->env->item_id,
                 (unsigned)lo->first_missing, font, lo->n_missing);
    else
        log_warn("glyph: item=%s field=body missing U+%04X in %s", c->env->item_id, (unsigned)lo->first_missing, font);
}

static int fill_info(struct richdoc_info *info, const struct richdoc *d, const struct richdoc_layout *lo)
{
    info->height = lo->height;
    info->truncated = lo->truncated;
    size_t n = 0;
    for (size_t i = 0; i < lo->n_lines; i++)
        n += d->blocks[lo->lines[i].block].kind == RICHDOC_HEADING &&
             (i == 0 || lo->lines[i - 1].block != lo->lines[i].block);
    if (n == 0)
        return 0;
    info->headings = calloc(n, sizeof *info->headings);
    if (!info->headings)
        return -1;
    for (size_t i = 0; i < lo->n_lines; i++) {
        const struct richdoc_line *ln = &lo->lines[i];
        const struct richdoc_block *b = &d->blocks[ln->block];
        if (b->kind != RICHDOC_HEADING || (i > 0 && lo->lines[i - 1].block == ln->block))
            continue;
        struct richdoc_heading *h = &info->headings[info->n_headings];
        h->title = strdup(b->text);
        if (!h->title)
            return -1;
        h->y = ln->y;
        h->level = b->level;
        info->n_headings++;
    }
    return 0;
}

void richdoc_info_free(struct richdoc_info *info)
{
    if (!info)
        return;
    for (size_t i = 0; i < info->n_headings; i++)
        free(info->headings[i].title);
    free(info->headings);
    memset(info, 0, sizeof *info);
}

static bool style_ok(const struct richdoc_style *st)
{
    return st && st->theme && st->width > 0 && st->width <= 16384 && st->base_px >= 8 && st->base_px <= 400 &&
           st->scale >= 0.5f && st->scale <= 4.0f && st->max_image_h >= 0 && st->max_height >= 0;
}

SDL_Surface *richdoc_compose(const char *markdown, const struct richdoc_style *st, const struct richdoc_env *env,
                             struct richdoc_info *info)
{
    if (info)
        memset(info, 0, sizeof *info);
    const char *id = env && env->item_id ? env->item_id : "?";
    if (!env || !env->fonts || !env->warns || !style_ok(st)) {
        log_err("richdoc: item=%s cannot compose: bad style or environment", id);
        return NULL;
    }
    struct richdoc doc;
    if (richdoc_parse(markdown, &doc) != 0) {
        char key[300];
        snprintf(key, sizeof key, "richdoc-parse %s", id);
        if (warn_once(env->warns, key))
            log_warn("richdoc: item=%s body is not valid UTF-8 Markdown of at most %u bytes; not shown", id,
                     (unsigned)RICHDOC_INPUT_MAX);
        return NULL;
    }
    int max_height = st->max_height > 0 ? st->max_height : RICHDOC_DRAW_MAX_HEIGHT;
    int max_image_h = st->max_image_h > 0 ? st->max_image_h : SDL_max(1, st->width * 3 / 4);
    struct compose c = {.st = st, .env = env, .max_image_h = SDL_min(max_image_h, max_height)};
    c.kai_scale = kai_scale_of(&c);
    struct richdoc_metrics m = {.ctx = &c, .measure = m_measure, .has_glyph = m_has_glyph, .image_size = m_image_size};
    struct richdoc_params p = {.width = st->width, .base_px = st->base_px, .scale = st->scale,
                               .max_image_h = c.max_image_h, .max_height = max_height};
    struct richdoc_layout lo;
    SDL_Surface *s = NULL;
    if (richdoc_layout(&doc, &m, &p, &lo) != 0) {
        log_err("richdoc: item=%s cannot lay out the body (out of memory)", id);
        goto done;
    }
    log_glyphs(&c, &lo);
    if (lo.truncated) {
        char key[300];
        snprintf(key, sizeof key, "richdoc-tall %s", id);
        if (warn_once(env->warns, key))
            log_warn("richdoc: item=%s body is taller than %d px; cut with a note", id, max_height);
    }
    s = gfx_surface(st->width, SDL_max(1, lo.height));
    if (!s) {
        log_err("richdoc: item=%s SDL_CreateRGBSurfaceWithFormat(%dx%d) failed: %s", id, st->width, lo.height,
                SDL_GetError());
    } else {
        struct colours k = colours_of(st->theme);
        draw_marks(&c, s, &doc, &lo, &k);
        draw_code_spans(s, &doc, &lo, &k);
        draw_lines(&c, s, &doc, &lo, &k);
        if (lo.truncated)
            draw_note(&c, s, &lo, &k);
        if (info && fill_info(info, &doc, &lo) != 0) {
            richdoc_info_free(info);
            SDL_FreeSurface(s);
            s = NULL;
            log_err("richdoc: item=%s out of memory", id);
        }
    }
    richdoc_layout_free(&lo);
done:
    pics_free(&c);
    richdoc_free(&doc);
    return s;
}
