/* Text cut to a few lines for tiles and table cells. Unlike text_fit this
 * logs nothing: a tile shows the start of a title or lead by design, and the
 * reading screen shows the whole text. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screen_kit.h"

/* Marks that should not stand just before the "…". */
static bool drop_before_ellipsis(Uint32 cp)
{
    return cp == ' ' || cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A || cp == ',' ||
           cp == '.' || cp == ';' || cp == ':' || cp == 0x2014;
}

static size_t back_one(const char *s, size_t len)
{
    size_t b = len - 1;
    while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
        b--;
    return b;
}

/* s[0..len) + "…" no wider than width, as a new string. */
static char *with_ellipsis(struct font *f, int px, const char *s, size_t len, int width)
{
    char *out = malloc(len + 4);
    if (!out)
        return NULL;
    memcpy(out, s, len);
    for (;;) {
        while (len > 0) {
            size_t b = back_one(out, len);
            Uint32 cp;
            utf8_next(out + b, len - b, &cp);
            if (!drop_before_ellipsis(cp))
                break;
            len = b;
        }
        memcpy(out + len, "\xE2\x80\xA6", 4);
        if (len == 0 || font_measure(f, px, out, len + 3) <= width)
            return out;
        len = back_one(out, len);
    }
}

int kit_clamp(struct text_block *b, struct font *f, const char *text, int width, int px, float spacing,
              size_t max_lines)
{
    memset(b, 0, sizeof *b);
    b->font = f;
    b->text = text ? text : "";
    b->box_w = width;
    struct layout_font_ops ops = font_layout_ops(f);
    if (width <= 0 || px <= 0 || layout_lines(&ops, b->text, width, px, &b->r) != 0) {
        memset(&b->r, 0, sizeof b->r);
        return -1;
    }
    b->ok = true;
    b->r.line_advance = (int)lroundf(px * spacing);
    b->n_lines = b->r.n_lines;
    if (max_lines > 0 && b->n_lines > max_lines) {
        b->n_lines = max_lines;
        const struct layout_line *ln = &b->r.lines[max_lines - 1];
        b->last_line = with_ellipsis(f, px, b->text + ln->start, ln->len, width);
    }
    return 0;
}

int kit_fit(struct text_block *b, struct font *f, const char *text, const struct layout_box *box)
{
    memset(b, 0, sizeof *b);
    b->font = f;
    b->text = text ? text : "";
    b->box_w = box->width;
    struct layout_font_ops ops = font_layout_ops(f);
    if (box->width <= 0 || box->height <= 0 || layout_text(&ops, b->text, box, &b->r) != 0) {
        memset(&b->r, 0, sizeof b->r);
        return -1;
    }
    b->ok = true;
    b->n_lines = b->r.n_lines;
    size_t keep = b->r.lines_per_page ? b->r.lines_per_page : 1;
    if ((b->r.overflow || b->r.n_pages > 1) && keep < b->n_lines) {
        b->n_lines = keep;
        const struct layout_line *ln = &b->r.lines[keep - 1];
        b->last_line = with_ellipsis(f, b->r.px_size, b->text + ln->start, ln->len, box->width);
    }
    return 0;
}

void kit_ellipsize(struct font *f, int px, const char *text, int width, char *out, size_t len)
{
    if (!len)
        return;
    size_t n = strlen(text);
    if (font_measure(f, px, text, n) <= width) {
        SDL_strlcpy(out, text, len);
        return;
    }
    char *s = with_ellipsis(f, px, text, n, width);
    SDL_strlcpy(out, s ? s : "", len);
    free(s);
}
