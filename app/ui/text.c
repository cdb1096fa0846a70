#include "ui/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

int utf8_next(const char *s, size_t len, Uint32 *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) {
        *cp = 0;
        return 1;
    }
    int n = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3 : (u[0] & 0xF8) == 0xF0 ? 4 : 1;
    if ((size_t)n > len)
        n = 1;
    Uint32 c = n == 1 ? u[0] : n == 2 ? (u[0] & 0x1Fu) : n == 3 ? (u[0] & 0x0Fu) : (u[0] & 0x07u);
    for (int i = 1; i < n; i++)
        c = (c << 6) | (u[i] & 0x3Fu);
    *cp = c;
    return n;
}

static bool is_wide(Uint32 cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x2014 || cp == 0x2026 ||
           (cp >= 0x2018 && cp <= 0x201D);
}

static bool is_opening_bracket(Uint32 cp)
{
    return cp == 0x3010 || cp == 0x300C || cp == 0x300E || cp == 0x300A || cp == 0xFF08 || cp == 0x3008 ||
           cp == 0x201C || cp == 0x2018 || cp == 0x3014 || cp == 0x3016;
}

static bool is_closing_punct(Uint32 cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A || cp == ',' || cp == '.' ||
           cp == ';' || cp == ':';
}

int text_fit(struct text_block *b, struct font *font, const char *text, const struct layout_box *box,
             const char *item_id, const char *field, struct warn_set *warns)
{
    memset(b, 0, sizeof *b);
    b->font = font;
    b->text = text ? text : "";
    b->box_w = box->width;
    struct layout_font_ops ops = font_layout_ops(font);
    if (layout_text(&ops, b->text, box, &b->r) != 0) {
        char key[300];
        snprintf(key, sizeof key, "layout-fail %s %s", item_id, field);
        if (warn_once(warns, key))
            log_warn("layout: item=%s field=%s cannot be laid out (invalid text or box %dx%d)", item_id, field,
                     box->width, box->height);
        memset(&b->r, 0, sizeof b->r);
        return -1;
    }
    b->ok = true;
    b->n_lines = b->r.n_lines;
    char key[300];
    if (b->r.n_missing > 0) {
        snprintf(key, sizeof key, "glyph %s %s", item_id, field);
        if (warn_once(warns, key)) {
            if (b->r.n_missing > 1)
                log_warn("glyph: item=%s field=%s missing U+%04X in %s (%zu characters in all)", item_id, field,
                         (unsigned)b->r.first_missing, font->face->name, b->r.n_missing);
            else
                log_warn("glyph: item=%s field=%s missing U+%04X in %s", item_id, field,
                         (unsigned)b->r.first_missing, font->face->name);
        }
    }
    if (b->r.overflow || b->r.n_pages > 1) {
        snprintf(key, sizeof key, "overflow %s %s", item_id, field);
        if (warn_once(warns, key))
            log_warn("layout: item=%s field=%s overflow: needs %zu pages at %dpx", item_id, field, b->r.n_pages,
                     b->r.px_size);
        size_t keep = b->r.lines_per_page;
        if (keep == 0)
            keep = 1;
        if (keep < b->r.n_lines) {
            b->n_lines = keep;
            /* The last kept line, shortened until it and "…" fit. */
            const struct layout_line *ln = &b->r.lines[keep - 1];
            size_t len = ln->len;
            char *s = malloc(len + 4);
            if (s) {
                memcpy(s, b->text + ln->start, len);
                for (;;) {
                    /* drop trailing spaces and closing punctuation before the ellipsis */
                    while (len > 0) {
                        size_t back = len - 1;
                        while (back > 0 && ((unsigned char)s[back] & 0xC0) == 0x80)
                            back--;
                        Uint32 cp;
                        utf8_next(s + back, len - back, &cp);
                        if (cp == ' ' || is_closing_punct(cp))
                            len = back;
                        else
                            break;
                    }
                    memcpy(s + len, "\xE2\x80\xA6", 4);
                    if (len == 0 || font_measure(font, b->r.px_size, s, len + 3) <= box->width)
                        break;
                    size_t back = len - 1;
                    while (back > 0 && ((unsigned char)s[back] & 0xC0) == 0x80)
                        back--;
                    len = back;
                }
                b->last_line = s;
            }
        }
    }
    return 0;
}

/* True when a line may end after cp without splitting a phrase. */
static bool good_break_after(Uint32 cp)
{
    return !is_wide(cp) || is_closing_punct(cp) || cp == 0x3011 || cp == 0x300D || cp == 0x300F || cp == 0x300B ||
           cp == 0xFF09 || cp == 0x201D || cp == 0x2019 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x3015;
}

/* Lower is better: lines split inside a phrase, then unevenness. */
static double balance_cost(const char *text, const struct layout_result *r)
{
    int widest = 1;
    for (size_t i = 0; i < r->n_lines; i++)
        widest = SDL_max(widest, r->lines[i].width);
    double cost = 0;
    for (size_t i = 0; i < r->n_lines; i++) {
        const struct layout_line *ln = &r->lines[i];
        double slack = (double)(widest - ln->width) / widest;
        cost += slack * slack;
        if (i + 1 < r->n_lines && ln->len > 0 && !ln->ends_paragraph) {
            size_t back = ln->start + ln->len - 1;
            while (back > ln->start && ((unsigned char)text[back] & 0xC0) == 0x80)
                back--;
            Uint32 cp;
            utf8_next(text + back, ln->start + ln->len - back, &cp);
            if (!good_break_after(cp))
                cost += 0.6;
        }
    }
    return cost;
}

void text_balance(struct text_block *b)
{
    if (!b->ok || b->last_line || b->r.n_lines < 2)
        return;
    size_t n = b->r.n_lines;
    struct layout_font_ops ops = font_layout_ops(b->font);
    /* The narrowest width that keeps n lines... */
    int lo = b->box_w / (int)n, hi = b->box_w;
    while (hi - lo > 2) {
        int mid = lo + (hi - lo) / 2;
        struct layout_result r;
        if (layout_lines(&ops, b->text, mid, b->r.px_size, &r) != 0)
            return;
        if (r.n_lines <= n)
            hi = mid;
        else
            lo = mid;
        layout_result_free(&r);
    }
    /* ...then, between it and the full width, the breaks that split no
     * phrase and read most evenly. */
    struct layout_result best = b->r;
    double best_cost = balance_cost(b->text, &b->r);
    bool replaced = false;
    const int steps = 12;
    for (int k = 0; k <= steps; k++) {
        int w = hi + (b->box_w - hi) * k / steps;
        struct layout_result r;
        if (layout_lines(&ops, b->text, w, b->r.px_size, &r) != 0)
            break;
        double cost = r.n_lines == n ? balance_cost(b->text, &r) : 1e9;
        if (cost < best_cost - 1e-6) {
            if (replaced)
                layout_result_free(&best);
            best = r;
            best_cost = cost;
            replaced = true;
        } else {
            layout_result_free(&r);
        }
    }
    if (!replaced)
        return;
    /* Keep the fitted size, spacing and diagnostics; take the new breaks. */
    free(b->r.lines);
    b->r.lines = best.lines;
    b->r.n_lines = best.n_lines;
    b->n_lines = best.n_lines;
}

static size_t count_cps(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

void text_avoid_widow(struct text_block *b)
{
    if (!b->ok || b->last_line || b->r.n_lines < 2)
        return;
    const struct layout_line *last = &b->r.lines[b->r.n_lines - 1];
    if (count_cps(b->text + last->start, last->len) > 3)
        return;
    struct layout_font_ops ops = font_layout_ops(b->font);
    /* Narrow by up to about two characters' width, a few pixels at a time. */
    int step = SDL_max(2, b->r.px_size / 4);
    for (int w = b->box_w - step; w >= b->box_w - 2 * b->r.px_size - step; w -= step) {
        struct layout_result r;
        if (layout_lines(&ops, b->text, w, b->r.px_size, &r) != 0)
            return;
        if (r.n_lines != b->r.n_lines) {
            layout_result_free(&r);
            return;
        }
        const struct layout_line *l = &r.lines[r.n_lines - 1];
        if (count_cps(b->text + l->start, l->len) > 3) {
            free(b->r.lines);
            b->r.lines = r.lines;
            return;
        }
        layout_result_free(&r);
    }
}

void text_block_free(struct text_block *b)
{
    if (b->ok)
        layout_result_free(&b->r);
    free(b->last_line);
    memset(b, 0, sizeof *b);
}

int text_height(const struct text_block *b)
{
    if (!b->ok || b->n_lines == 0)
        return 0;
    return (int)(b->n_lines - 1) * b->r.line_advance + b->r.px_size;
}

static int line_width(const struct text_block *b, size_t i)
{
    if (i + 1 == b->n_lines && b->last_line)
        return font_measure(b->font, b->r.px_size, b->last_line, strlen(b->last_line));
    return b->r.lines[i].width;
}

int text_width(const struct text_block *b)
{
    int w = 0;
    for (size_t i = 0; b->ok && i < b->n_lines; i++)
        if (line_width(b, i) > w)
            w = line_width(b, i);
    return w;
}

/* Renders utf8[0..len) white and blends it tinted at (x, top). */
static int draw_run(SDL_Surface *dst, TTF_Font *ttf, const char *utf8, size_t len, int x, int top, struct rgba c)
{
    if (len == 0)
        return 0;
    char stackbuf[512];
    char *buf = len < sizeof stackbuf ? stackbuf : malloc(len + 1);
    if (!buf)
        return 0;
    memcpy(buf, utf8, len);
    buf[len] = 0;
    int w = 0;
    SDL_Surface *s = TTF_RenderUTF8_Blended(ttf, buf, (SDL_Color){255, 255, 255, 255});
    if (s) {
        SDL_Surface *conv = s->format->format == SDL_PIXELFORMAT_ARGB8888 ? s : gfx_to_argb(s);
        if (conv) {
            gfx_blit_tinted(dst, conv, x, top, c);
            w = conv->w;
            if (conv != s)
                SDL_FreeSurface(conv);
        }
        SDL_FreeSurface(s);
    }
    if (buf != stackbuf)
        free(buf);
    return w;
}

/* Draws one line; when extra > 0 spreads it over the gaps next to wide (CJK)
 * characters and spaces. */
static void draw_spread(SDL_Surface *dst, struct font *f, int px, const char *s, size_t len, int x, int top,
                        int extra, struct rgba c)
{
    TTF_Font *ttf = font_at(f, px);
    if (!ttf)
        return;
    if (extra <= 0) {
        draw_run(dst, ttf, s, len, x, top, c);
        return;
    }
    /* Count the gaps first. */
    int gaps = 0;
    Uint32 prev = 0;
    for (size_t i = 0; i < len;) {
        Uint32 cp;
        i += (size_t)utf8_next(s + i, len - i, &cp);
        if (prev && (is_wide(prev) || is_wide(cp) || prev == ' ' || cp == ' '))
            gaps++;
        prev = cp;
    }
    if (gaps == 0 || extra > gaps * px / 2) {
        draw_run(dst, ttf, s, len, x, top, c);
        return;
    }
    double pen = x, step = (double)extra / gaps;
    size_t seg = 0;
    prev = 0;
    for (size_t i = 0; i < len;) {
        Uint32 cp;
        size_t at = i;
        i += (size_t)utf8_next(s + i, len - i, &cp);
        if (prev && (is_wide(prev) || is_wide(cp) || prev == ' ' || cp == ' ')) {
            draw_run(dst, ttf, s + seg, at - seg, (int)(pen + 0.5), top, c);
            pen += font_measure(f, px, s + seg, at - seg) + step;
            seg = at;
        }
        prev = cp;
    }
    draw_run(dst, ttf, s + seg, len - seg, (int)(pen + 0.5), top, c);
}

void text_draw(SDL_Surface *dst, const struct text_block *b, int x, int y, enum text_align align, bool justify,
               struct rgba color)
{
    if (!b->ok)
        return;
    int px = b->r.px_size;
    int center = font_center(b->font, px);
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct layout_line *ln = &b->r.lines[i];
        bool last = i + 1 == b->n_lines;
        const char *s = (last && b->last_line) ? b->last_line : b->text + ln->start;
        size_t len = (last && b->last_line) ? strlen(b->last_line) : ln->len;
        int w = line_width(b, i);
        int cy = y + px / 2 + (int)i * b->r.line_advance;
        int top = cy - center;
        int extra = 0, lx = x;
        /* An opening bracket at the start of a left-aligned line sits on the
         * right half of its em box: hang that blank half into the margin. */
        Uint32 first;
        utf8_next(s, len, &first);
        if (align == ALIGN_LEFT && is_opening_bracket(first)) {
            lx -= px / 2;
            w -= px / 2;
        }
        if (justify && !ln->ends_paragraph && !(last && b->last_line) && w < b->box_w)
            extra = b->box_w - w;
        if (extra == 0) {
            if (align == ALIGN_CENTER)
                lx = x + (b->box_w - w) / 2;
            else if (align == ALIGN_RIGHT)
                lx = x + b->box_w - w;
        }
        draw_spread(dst, b->font, px, s, len, lx, top, extra, color);
    }
}

int text_line_width(struct font *f, int px, const char *utf8, int spacing)
{
    size_t len = strlen(utf8);
    if (spacing == 0)
        return font_measure(f, px, utf8, len);
    int w = 0, n = 0;
    for (size_t i = 0; i < len;) {
        Uint32 cp;
        int k = utf8_next(utf8 + i, len - i, &cp);
        w += font_measure(f, px, utf8 + i, (size_t)k);
        i += (size_t)k;
        n++;
    }
    return w + (n > 1 ? (n - 1) * spacing : 0);
}

int text_line(SDL_Surface *dst, struct font *f, int px, const char *utf8, int x, int cy, enum text_align align,
              int spacing, struct rgba color)
{
    TTF_Font *ttf = font_at(f, px);
    if (!ttf || !utf8 || !*utf8)
        return 0;
    int w = text_line_width(f, px, utf8, spacing);
    if (align == ALIGN_CENTER)
        x -= w / 2;
    else if (align == ALIGN_RIGHT)
        x -= w;
    int top = cy - font_center(f, px);
    size_t len = strlen(utf8);
    if (spacing == 0) {
        draw_run(dst, ttf, utf8, len, x, top, color);
        return w;
    }
    int pen = x;
    for (size_t i = 0; i < len;) {
        Uint32 cp;
        int k = utf8_next(utf8 + i, len - i, &cp);
        draw_run(dst, ttf, utf8 + i, (size_t)k, pen, top, color);
        pen += font_measure(f, px, utf8 + i, (size_t)k) + spacing;
        i += (size_t)k;
    }
    return w;
}
