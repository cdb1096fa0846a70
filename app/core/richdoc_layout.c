/* Layout of a parsed rich document: blocks stacked top to bottom, text
 * broken by layout_lines and cut into runs, one per face and per break
 * segment, so the drawer can place each run exactly where its width was
 * counted.
 *
 * Why runs follow segments: layout_lines adds up a line's width segment by
 * segment (the text between two break opportunities, without its trailing
 * spaces) plus the spaces between them. Measuring the same pieces here, in
 * the same faces, gives run positions whose widths add up to exactly what
 * the line breaking saw, so no line ends up wider than its column. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/layout.h"
#include "core/richdoc.h"
#include "core/utf8.h"

/* Sizes relative to the body text, and spacing in body ems. */
#define LINE_SPACING_BODY 1.75
#define LINE_SPACING_HEADING 1.4
#define LINE_SPACING_CODE 1.5
#define LINE_SPACING_CAPTION 1.5

enum richdoc_face richdoc_face_of(const struct richdoc_block *b, unsigned style)
{
    if ((style & RICHDOC_CODE) || b->kind == RICHDOC_CODE_BLOCK || b->kind == RICHDOC_IMAGE)
        return RICHDOC_FACE_SANS;
    if (b->kind == RICHDOC_HEADING || (style & RICHDOC_STRONG))
        return RICHDOC_FACE_BOLD;
    if ((style & RICHDOC_EMPH) || b->quote_depth > 0)
        return RICHDOC_FACE_KAI;
    return RICHDOC_FACE_SANS;
}

/* CJK and other wide characters: justification may add space next to them. */
static bool is_wide(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x2014 || cp == 0x2026 ||
           (cp >= 0x2018 && cp <= 0x201D);
}

/* Code points that draw nothing and so need no glyph (as in layout.c). */
static bool is_invisible(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x00AD || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

static uint32_t first_cp(const char *s, size_t len)
{
    uint32_t cp = 0;
    utf8_decode(s, len, &cp);
    return cp;
}

static uint32_t final_cp(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    return first_cp(s + i, len - i);
}

/* ---- State ---------------------------------------------------------------- */

struct lay {
    const struct richdoc *doc;
    const struct richdoc_metrics *m;
    const struct richdoc_params *p;
    struct richdoc_layout *out;
    size_t cap_lines, cap_runs, cap_marks;
    double unit;      /* base_px * scale */
    int em;           /* body text size */
    int limit;        /* no content below this y */
    int *list_indent; /* by container id */
    bool *brk;        /* scratch: break opportunities of one block */
    size_t cap_brk;
    bool *gap;        /* scratch: justification gap before each run of a line */
    size_t cap_gap;
    bool oom;
};

static int px_of(const struct lay *L, double factor)
{
    double v = round(L->unit * factor);
    return v < 1 ? 1 : v > 100000 ? 100000 : (int)v;
}

/* Spacing in body ems (may be 0). */
static int ems(const struct lay *L, double f)
{
    double v = round(L->em * f);
    return v < 0 ? 0 : v > 1000000 ? 1000000 : (int)v;
}

/* Makes room for entry n of *v (entries of size bytes, *cap of them). */
static bool grow(struct lay *L, void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c <= n)
        c *= 2;
    void *nv = realloc(*v, c * size);
    if (!nv) {
        L->oom = true;
        return false;
    }
    *v = nv;
    *cap = c;
    return true;
}

static struct richdoc_mark *push_mark(struct lay *L, enum richdoc_mark_kind kind, size_t block, int x, int y, int w,
                                      int h)
{
    struct richdoc_layout *o = L->out;
    if (!grow(L, (void **)&o->marks, &L->cap_marks, o->n_marks, sizeof *o->marks))
        return NULL;
    struct richdoc_mark *mk = &o->marks[o->n_marks++];
    *mk = (struct richdoc_mark){.kind = kind, .block = block, .x = x, .y = y, .w = w < 0 ? 0 : w, .h = h < 0 ? 0 : h};
    return mk;
}

static void count_missing(struct lay *L, enum richdoc_face face, const char *s, size_t len)
{
    if (!L->m->has_glyph)
        return;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        if (!is_invisible(cp) && !L->m->has_glyph(L->m->ctx, face, cp)) {
            if (L->out->n_missing++ == 0) {
                L->out->first_missing = cp;
                L->out->first_missing_face = face;
            }
        }
        i += (size_t)n;
    }
}

/* ---- Measuring styled text ------------------------------------------------ */

struct styled {
    struct lay *L;
    const struct richdoc_block *b;
    size_t len;
};

static int measure_face(struct lay *L, enum richdoc_face face, int px, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    int w = L->m->measure(L->m->ctx, face, px, s, len);
    return w < 0 ? 0 : w;
}

/* First span that ends after byte at. */
static size_t span_at(const struct richdoc_block *b, size_t at)
{
    size_t lo = 0, hi = b->n_spans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->spans[mid].start + b->spans[mid].len <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Receives the pieces of a byte range, one per style. */
struct piece_sink {
    void (*piece)(struct piece_sink *sink, enum richdoc_face face, unsigned style, size_t from, size_t to);
};

/* Calls sink->piece for the parts of [a, e) in one style each, in order;
 * text outside every span counts as style 0. */
static void for_pieces(const struct richdoc_block *b, size_t a, size_t e, struct piece_sink *sink)
{
    size_t i = span_at(b, a);
    size_t at = a;
    while (at < e) {
        unsigned style = 0;
        size_t to = e;
        if (i < b->n_spans && b->spans[i].start <= at) {
            style = b->spans[i].style;
            size_t end = b->spans[i].start + b->spans[i].len;
            if (end < to)
                to = end;
            i++;
        } else if (i < b->n_spans && b->spans[i].start < to) {
            to = b->spans[i].start;
        }
        sink->piece(sink, richdoc_face_of(b, style), style, at, to);
        at = to;
    }
}

struct width_sink {
    struct piece_sink sink;
    struct lay *L;
    const char *text;
    int px;
    long long w;
};

static void add_width(struct piece_sink *sink, enum richdoc_face face, unsigned style, size_t from, size_t to)
{
    (void)style;
    struct width_sink *ws = (struct width_sink *)sink;
    ws->w += measure_face(ws->L, face, ws->px, ws->text + from, to - from);
}

/* layout_font_ops.measure over a block's styled text. */
static int styled_measure(void *ctx, int px, const char *s, size_t len)
{
    struct styled *st = ctx;
    uintptr_t p = (uintptr_t)s, t0 = (uintptr_t)st->b->text;
    if (p < t0 || p + len > t0 + st->len) /* the lone " " layout measures spaces with */
        return measure_face(st->L, richdoc_face_of(st->b, 0), px, s, len);
    size_t a = (size_t)(p - t0);
    struct width_sink ws = {.sink.piece = add_width, .L = st->L, .text = st->b->text, .px = px};
    for_pieces(st->b, a, a + len, &ws.sink);
    return ws.w > INT_MAX ? INT_MAX : (int)ws.w;
}

static int em_line_height(void *ctx, int px)
{
    (void)ctx;
    return px;
}

/* ---- Lines and runs ------------------------------------------------------- */

struct run_sink {
    struct piece_sink sink;
    struct lay *L;
    const char *text;
    int px;
    long long x;  /* pen, relative to the line's start */
    bool gap;     /* the next run may take justification space before it */
};

static void add_run(struct piece_sink *sink, enum richdoc_face face, unsigned style, size_t from, size_t to)
{
    struct run_sink *rs = (struct run_sink *)sink;
    struct lay *L = rs->L;
    struct richdoc_layout *o = L->out;
    if (!grow(L, (void **)&o->runs, &L->cap_runs, o->n_runs, sizeof *o->runs))
        return;
    int w = measure_face(L, face, rs->px, rs->text + from, to - from);
    o->runs[o->n_runs++] = (struct richdoc_run){
        .start = from, .len = to - from, .x = (int)(rs->x > INT_MAX ? INT_MAX : rs->x), .w = w, .face = face,
        .style = style};
    count_missing(L, face, rs->text + from, to - from);
    rs->x += w;
}

static bool line_gap(const char *t, const struct richdoc_run *prev, const struct richdoc_run *cur, bool spaced)
{
    return spaced || is_wide(final_cp(t + prev->start, prev->len)) || is_wide(first_cp(t + cur->start, cur->len));
}

/* Spreads extra pixels over the gaps of runs[0..n) (text.c's rule: only when
 * it would not open gaps wider than half an em). */
static void justify(struct richdoc_run *runs, size_t n, const bool *gap, int extra, int px)
{
    size_t gaps = 0;
    for (size_t i = 1; i < n; i++)
        gaps += gap[i];
    if (gaps == 0 || extra <= 0 || (long long)extra > (long long)gaps * px / 2)
        return;
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        k += gap[i];
        runs[i].x += (int)((long long)extra * (long long)k / (long long)gaps);
    }
}

/* Cuts line [s, e) of block b into runs at break segments and style changes,
 * placed from x0; returns the natural width. */
static long long line_runs(struct lay *L, const struct richdoc_block *b, const bool *brk, size_t s, size_t e, int px,
                           size_t first_run)
{
    const char *t = b->text;
    struct run_sink rs = {.sink.piece = add_run, .L = L, .text = t, .px = px};
    int space_w = measure_face(L, richdoc_face_of(b, 0), px, " ", 1);
    size_t p = s;
    bool spaced = false;
    while (p < e && !L->oom) {
        size_t q = p;
        while (q < e && !brk[q])
            q++;
        size_t seg_end = q < e ? q + 1 : e;
        size_t ce = seg_end, nsp = 0;
        if (q < e) {
            while (ce > p && t[ce - 1] == ' ') {
                ce--;
                nsp++;
            }
        }
        size_t before = L->out->n_runs;
        for_pieces(b, p, ce, &rs.sink);
        size_t after = L->out->n_runs;
        if (after > before && grow(L, (void **)&L->gap, &L->cap_gap, after - first_run, sizeof *L->gap)) {
            const struct richdoc_run *runs = L->out->runs;
            /* Justification may widen the boundary between segments, never
             * a style change inside one (a Latin word half in bold). */
            for (size_t i = before; i < after; i++)
                L->gap[i - first_run] = i == before && i > first_run && line_gap(t, &runs[i - 1], &runs[i], spaced);
            spaced = false;
        }
        rs.x += (long long)nsp * space_w;
        spaced |= nsp > 0;
        p = seg_end;
    }
    long long natural = 0;
    if (L->out->n_runs > first_run) {
        const struct richdoc_run *last = &L->out->runs[L->out->n_runs - 1];
        natural = (long long)last->x + last->w;
    }
    return natural;
}

struct text_style {
    int px;
    double spacing;
    bool justify;
    bool centered;
};

/* A paragraph's last line holding at most two code points (a character and
 * its full stop): a widow. */
static bool ends_in_widow(const char *text, const struct layout_result *r)
{
    if (r->n_lines < 2)
        return false;
    const struct layout_line *ln = &r->lines[r->n_lines - 1];
    size_t n = 0;
    for (size_t i = 0; i < ln->len; i++)
        n += ((unsigned char)text[ln->start + i] & 0xC0) != 0x80;
    return n <= 2;
}

/* Justified text whose last line would be a widow is broken a little
 * narrower (same number of lines, by up to two ems) so that line gets a few
 * characters more; the lines are still justified to the full width. Keeps
 * *r when nothing better is found. */
static void avoid_widow(const struct layout_font_ops *ops, const char *text, int avail, int px,
                        struct layout_result *r)
{
    int step = px / 4 > 1 ? px / 4 : 1;
    for (int w = avail - step; w >= avail - 2 * px && w > 0 && ends_in_widow(text, r); w -= step) {
        struct layout_result t;
        if (layout_lines(ops, text, w, px, &t) != 0)
            return;
        if (t.n_lines != r->n_lines) {
            layout_result_free(&t);
            return;
        }
        layout_result_free(r);
        *r = t;
    }
}

/* Lays out the text of block bi in [x0, x0 + avail) with its first em box
 * top at y. Sets *bottom to the bottom of the last em box (y when there is
 * no text). Returns the number of lines. */
static size_t text_lines(struct lay *L, size_t bi, int x0, int avail, int y, const struct text_style *ts, int *bottom)
{
    const struct richdoc_block *b = &L->doc->blocks[bi];
    *bottom = y;
    size_t len = strlen(b->text);
    if (len == 0)
        return 0;
    if (avail < 1)
        avail = 1;
    struct styled st = {.L = L, .b = b, .len = len};
    struct layout_font_ops ops = {
        .ctx = &st, .measure = styled_measure, .line_height = em_line_height, .measure_in_place = true};
    struct layout_result r;
    if (!grow(L, (void **)&L->brk, &L->cap_brk, len, sizeof *L->brk) || layout_breaks(b->text, len, L->brk) != 0 ||
        layout_lines(&ops, b->text, avail, ts->px, &r) != 0) {
        L->oom = true;
        return 0;
    }
    if (ts->justify)
        avoid_widow(&ops, b->text, avail, ts->px, &r);
    double a = round(ts->px * ts->spacing);
    int adv = a < 1 ? 1 : a > 1000000 ? 1000000 : (int)a;
    for (size_t i = 0; i < r.n_lines && !L->oom; i++) {
        const struct layout_line *ln = &r.lines[i];
        struct richdoc_layout *o = L->out;
        if (!grow(L, (void **)&o->lines, &L->cap_lines, o->n_lines, sizeof *o->lines))
            break;
        size_t first = o->n_runs;
        long long natural = line_runs(L, b, L->brk, ln->start, ln->start + ln->len, ts->px, first);
        size_t n = o->n_runs - first;
        long long shift = x0;
        if (ts->centered && natural < avail)
            shift += (avail - natural) / 2;
        else if (ts->justify && !ln->ends_paragraph && n > 1)
            justify(o->runs + first, n, L->gap, (int)(avail - natural), ts->px);
        for (size_t k = first; k < o->n_runs; k++)
            o->runs[k].x += (int)shift;
        int ly = y + (int)i * adv;
        int lx = n ? o->runs[first].x : (int)shift;
        int right = n ? o->runs[o->n_runs - 1].x + o->runs[o->n_runs - 1].w : lx;
        o->lines[o->n_lines++] = (struct richdoc_line){
            .block = bi, .x = lx, .y = ly, .w = right - lx, .px = ts->px, .first_run = first, .n_runs = n,
            .centered = ts->centered};
        *bottom = ly + ts->px;
    }
    size_t n = r.n_lines;
    layout_result_free(&r);
    return n;
}

/* ---- Blocks --------------------------------------------------------------- */

/* Horizontal geometry of a block from its containers. */
struct indent {
    int x;              /* left edge of the block's content */
    int right;          /* space kept free at the right: text stays off a quote's tinted edge */
    int level_x[RICHDOC_NEST_MAX]; /* left edge of each container */
    int marker_x, marker_w;        /* item: the hanging area of its list */
};

static int list_indent_of(const struct lay *L, unsigned id)
{
    if (L->list_indent && id < L->doc->n_ids && L->list_indent[id] > 0)
        return L->list_indent[id];
    return ems(L, 1.6);
}

static struct indent block_indent(const struct lay *L, const struct richdoc_block *b)
{
    struct indent in = {0};
    int step[RICHDOC_NEST_MAX];
    long long total = 0;
    for (size_t k = 0; k < b->n_nest; k++) {
        step[k] = b->nest[k].quote ? ems(L, 1.2) : list_indent_of(L, b->nest[k].id);
        total += step[k];
    }
    /* Deep nesting in a narrow column: squeeze the indents into half of it. */
    double squeeze = total > L->p->width / 2 ? (double)(L->p->width / 2) / (double)total : 1.0;
    double x = 0;
    int list_level = -1;
    for (size_t k = 0; k < b->n_nest; k++) {
        in.level_x[k] = (int)x;
        x += step[k] * squeeze;
        if (!b->nest[k].quote)
            list_level = (int)k;
        else
            in.right = (int)(ems(L, 0.6) * squeeze);
    }
    in.x = (int)x;
    if (list_level >= 0) {
        int lx = in.level_x[list_level];
        int lw = (list_level + 1 < (int)b->n_nest ? in.level_x[list_level + 1] : in.x) - lx;
        in.marker_x = lx;
        in.marker_w = lw - ems(L, 0.45);
        if (in.marker_w < 0)
            in.marker_w = 0;
    }
    return in;
}

static int avail_of(const struct lay *L, const struct indent *in)
{
    int a = L->p->width - in->x - in->right;
    return a < 1 ? 1 : a;
}

static int heading_px(const struct lay *L, int level)
{
    static const double f[] = {1.5, 1.3, 1.12};
    return px_of(L, level >= 1 && level <= 3 ? f[level - 1] : 1.0);
}

static int text_block(struct lay *L, size_t bi, const struct indent *in, int y)
{
    const struct richdoc_block *b = &L->doc->blocks[bi];
    int x0 = in->x, avail = avail_of(L, in), bottom = y;
    struct text_style ts = {.px = L->em, .spacing = LINE_SPACING_BODY, .justify = true};

    if (b->kind == RICHDOC_HEADING) {
        ts = (struct text_style){.px = heading_px(L, b->level), .spacing = LINE_SPACING_HEADING};
        if (b->level == 2) {
            /* A red square before the heading, in a hanging indent of its own. */
            int side = (int)round(ts.px * 0.34), hang = (int)round(ts.px * 0.8);
            if (hang < avail / 2) {
                push_mark(L, RICHDOC_MARK_HEADING, bi, x0, y + (ts.px - side) / 2, side, side);
                x0 += hang;
                avail -= hang;
            }
        }
        text_lines(L, bi, x0, avail, y, &ts, &bottom);
        if (b->level == 1) {
            int gap = (int)round(ts.px * 0.35), h = (int)round(ts.px * 0.09);
            int w = (int)round(ts.px * 2.2);
            struct richdoc_mark *mk = push_mark(L, RICHDOC_MARK_HEADING, bi, x0, bottom + gap, w < avail ? w : avail,
                                                h < 2 ? 2 : h);
            if (mk)
                bottom = mk->y + mk->h;
        }
        return bottom;
    }
    if (b->kind == RICHDOC_CODE_BLOCK) {
        ts = (struct text_style){.px = px_of(L, 0.88), .spacing = LINE_SPACING_CODE};
        int padx = ems(L, 0.7), pady = ems(L, 0.55);
        if (2 * padx >= avail)
            padx = 0;
        struct richdoc_mark *mk = push_mark(L, RICHDOC_MARK_CODE, bi, x0, y, avail, 0);
        size_t at = mk ? (size_t)(mk - L->out->marks) : 0;
        text_lines(L, bi, x0 + padx, avail - 2 * padx, y + pady, &ts, &bottom);
        bottom += pady;
        if (mk) {
            L->out->marks[at].h = bottom - y;
            L->out->marks[at].px = ts.px;
        }
        return bottom;
    }
    /* Paragraphs and items. */
    if (b->kind == RICHDOC_ITEM) {
        struct richdoc_mark *mk = push_mark(L, b->ordered ? RICHDOC_MARK_NUMBER : RICHDOC_MARK_BULLET, bi,
                                            in->marker_x, y, in->marker_w, ts.px);
        if (mk) {
            mk->px = ts.px;
            mk->depth = b->list_depth;
        }
    }
    text_lines(L, bi, x0, avail, y, &ts, &bottom);
    if (b->kind == RICHDOC_ITEM && bottom < y + ts.px)
        bottom = y + ts.px; /* an item without text still shows its marker */
    return bottom;
}

static int image_block(struct lay *L, size_t bi, const struct indent *in, int y)
{
    const struct richdoc_block *b = &L->doc->blocks[bi];
    int x0 = in->x, avail = avail_of(L, in);
    int max_h = L->p->max_image_h > 0 ? L->p->max_image_h : L->p->width * 3 / 4;
    if (max_h < 1)
        max_h = 1;
    struct text_style cap = {.px = px_of(L, 0.85), .spacing = LINE_SPACING_CAPTION, .centered = true};
    int nw = 0, nh = 0;
    bool ok = L->m->image_size && L->m->image_size(L->m->ctx, b->src ? b->src : "", &nw, &nh) && nw > 0 && nh > 0;
    struct richdoc_mark *mk = push_mark(L, RICHDOC_MARK_IMAGE, bi, x0, y, avail, 0);
    size_t at = mk ? (size_t)(mk - L->out->marks) : 0;
    int bottom = y;
    if (ok) {
        double k = fmin(1.0, fmin((double)avail / nw, (double)max_h / nh));
        int w = (int)(nw * k), h = (int)(nh * k);
        w = w < 1 ? 1 : w > avail ? avail : w;
        h = h < 1 ? 1 : h;
        if (mk)
            L->out->marks[at] = (struct richdoc_mark){.kind = RICHDOC_MARK_IMAGE, .block = bi, .x = x0 + (avail - w) / 2,
                                                      .y = y, .w = w, .h = h, .px = cap.px};
        bottom = y + h;
        if (*b->text) {
            int cb;
            if (text_lines(L, bi, x0, avail, bottom + ems(L, 0.5), &cap, &cb) > 0)
                bottom = cb;
        }
        return bottom;
    }
    /* Placeholder: the alt text centred in a quiet box. */
    int pad = ems(L, 0.9);
    int base_h = avail / 8 > 3 * cap.px ? avail / 8 : 3 * cap.px;
    if (base_h > max_h)
        base_h = max_h;
    size_t first = L->out->n_lines;
    int text_bottom = y + pad, h = base_h;
    if (*b->text && text_lines(L, bi, x0 + pad, avail - 2 * pad, y + pad, &cap, &text_bottom) > 0) {
        int text_h = text_bottom - (y + pad);
        if (text_h + 2 * pad > h)
            h = text_h + 2 * pad;
        int shift = (h - text_h) / 2 - pad;
        for (size_t i = first; i < L->out->n_lines; i++)
            L->out->lines[i].y += shift;
    }
    if (mk)
        L->out->marks[at] = (struct richdoc_mark){.kind = RICHDOC_MARK_IMAGE, .block = bi, .x = x0, .y = y,
                                                  .w = avail, .h = h, .px = cap.px, .missing = true};
    return y + h;
}

static int rule_block(struct lay *L, size_t bi, const struct indent *in, int y)
{
    int avail = avail_of(L, in), h = ems(L, 1.2), w = ems(L, 8);
    if (w > avail)
        w = avail;
    push_mark(L, RICHDOC_MARK_RULE, bi, in->x + (avail - w) / 2, y, w, h);
    return y + h;
}

/* ---- Stacking ------------------------------------------------------------- */

static bool in_tight_list(const struct richdoc_block *b)
{
    return b->list_depth > 0 && b->tight && b->kind != RICHDOC_IMAGE;
}

/* Space between two blocks, in pixels. */
static int block_gap(const struct lay *L, const struct richdoc_block *prev, const struct richdoc_block *cur)
{
    if (cur->kind == RICHDOC_HEADING)
        return ems(L, cur->level <= 2 ? 1.7 : 1.3);
    if (prev->kind == RICHDOC_HEADING)
        return ems(L, prev->level <= 1 ? 0.9 : 0.6);
    /* Tight items sit a line's leading apart; paragraphs clearly more. */
    if (in_tight_list(prev) && in_tight_list(cur))
        return ems(L, LINE_SPACING_BODY - 1.0);
    if (cur->kind == RICHDOC_IMAGE || prev->kind == RICHDOC_IMAGE || cur->kind == RICHDOC_RULE ||
        prev->kind == RICHDOC_RULE)
        return ems(L, 1.0);
    return ems(L, 1.2);
}

/* How many containers, from the outside, two blocks share. */
static size_t shared_nest(const struct richdoc_block *a, const struct richdoc_block *b)
{
    size_t k = 0;
    while (k < a->n_nest && k < b->n_nest && a->nest[k].quote == b->nest[k].quote && a->nest[k].id == b->nest[k].id)
        k++;
    return k;
}

/* Width of the hanging area each list needs: ordered lists fit their widest number. */
static int measure_lists(struct lay *L)
{
    const struct richdoc *d = L->doc;
    if (d->n_ids == 0)
        return 0;
    L->list_indent = calloc(d->n_ids, sizeof *L->list_indent);
    if (!L->list_indent)
        return -1;
    for (size_t i = 0; i < d->n_blocks; i++) {
        const struct richdoc_block *b = &d->blocks[i];
        if (b->kind != RICHDOC_ITEM)
            continue;
        size_t k = b->n_nest;
        while (k > 0 && b->nest[k - 1].quote)
            k--;
        if (k == 0 || b->nest[k - 1].id >= d->n_ids)
            continue;
        int need = ems(L, 1.6);
        if (b->ordered) {
            int w = measure_face(L, RICHDOC_FACE_SANS, L->em, b->marker, strlen(b->marker)) + ems(L, 0.6);
            if (w > need)
                need = w;
        }
        int *slot = &L->list_indent[b->nest[k - 1].id];
        if (need > *slot)
            *slot = need;
    }
    return 0;
}

struct open_quote {
    size_t level;
    int top, x, depth;
    size_t block;
};

/* Closes the quotes open at nesting level >= keep, innermost first, below
 * *bottom; each adds a little padding. */
static void close_quotes(struct lay *L, struct open_quote *q, size_t *n, size_t keep, int *bottom, int pad)
{
    while (*n > 0 && q[*n - 1].level >= keep) {
        struct open_quote *oq = &q[--*n];
        *bottom += pad;
        struct richdoc_mark *mk =
            push_mark(L, RICHDOC_MARK_QUOTE, oq->block, oq->x, oq->top, L->p->width - oq->x, *bottom - oq->top);
        if (mk) {
            mk->depth = oq->depth;
            mk->px = L->em;
        }
    }
}

/* Drops lines, runs and marks added since the given counts. */
static void roll_back(struct lay *L, size_t n_lines, size_t n_runs, size_t n_marks)
{
    L->out->n_lines = n_lines;
    L->out->n_runs = n_runs;
    L->out->n_marks = n_marks;
}

/* Keeps what of the block just laid out fits above the limit: the lines of
 * a paragraph or item that fit (with its marker), else nothing. Returns the
 * new bottom, or -1 when nothing of the block stays. */
static int cut_block(struct lay *L, const struct richdoc_block *b, size_t n_lines, size_t n_runs, size_t n_marks)
{
    struct richdoc_layout *o = L->out;
    if (b->kind == RICHDOC_PARAGRAPH || b->kind == RICHDOC_ITEM) {
        size_t keep = n_lines;
        while (keep < o->n_lines && o->lines[keep].y + o->lines[keep].px <= L->limit)
            keep++;
        if (keep > n_lines) {
            const struct richdoc_line *last = &o->lines[keep - 1];
            o->n_runs = last->first_run + last->n_runs;
            o->n_lines = keep;
            return last->y + last->px;
        }
    }
    roll_back(L, n_lines, n_runs, n_marks);
    return -1;
}

static int stack_blocks(struct lay *L)
{
    const struct richdoc *d = L->doc;
    struct open_quote q[RICHDOC_NEST_MAX];
    size_t nq = 0;
    int qpad = ems(L, 0.55);
    int top = ems(L, 0.25); /* room for ink above the first em box */
    int bottom = top;
    const struct richdoc_block *prev = NULL;
    for (size_t i = 0; i < d->n_blocks && !L->oom; i++) {
        const struct richdoc_block *b = &d->blocks[i];
        size_t keep = prev ? shared_nest(prev, b) : 0;
        int closed = bottom;
        close_quotes(L, q, &nq, keep, &closed, qpad);
        int y = closed + (prev ? block_gap(L, prev, b) : 0);
        struct indent in = block_indent(L, b);
        size_t n_lines = L->out->n_lines, n_runs = L->out->n_runs, n_marks = L->out->n_marks;
        size_t nq_before = nq;
        int depth = 0;
        for (size_t k = 0; k < b->n_nest; k++) {
            depth += b->nest[k].quote;
            if (k >= keep && b->nest[k].quote) {
                q[nq++] = (struct open_quote){.level = k, .top = y, .x = in.level_x[k], .depth = depth, .block = i};
                y += qpad;
            }
        }
        int end;
        if (b->kind == RICHDOC_IMAGE)
            end = image_block(L, i, &in, y);
        else if (b->kind == RICHDOC_RULE)
            end = rule_block(L, i, &in, y);
        else
            end = text_block(L, i, &in, y);
        if (end > L->limit) {
            L->out->truncated = true;
            end = cut_block(L, b, n_lines, n_runs, n_marks);
            if (end < 0) {
                nq = nq_before; /* the quotes this block opened show nothing */
                end = closed;
            }
            bottom = end;
            break;
        }
        bottom = end;
        prev = b;
    }
    close_quotes(L, q, &nq, 0, &bottom, qpad);
    if (L->out->truncated) {
        L->out->note_y = bottom + ems(L, 0.6);
        L->out->note_h = ems(L, 2.2);
        bottom = L->out->note_y + L->out->note_h;
    }
    L->out->height = bottom + top;
    return L->oom ? -1 : 0;
}

void richdoc_layout_free(struct richdoc_layout *lo)
{
    if (!lo)
        return;
    free(lo->lines);
    free(lo->runs);
    free(lo->marks);
    memset(lo, 0, sizeof *lo);
}

int richdoc_layout(const struct richdoc *doc, const struct richdoc_metrics *m, const struct richdoc_params *p,
                   struct richdoc_layout *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!doc || !m || !m->measure || !p || !out || p->width <= 0 || p->base_px <= 0 || !(p->scale > 0) ||
        !isfinite(p->scale) || (doc->n_blocks > 0 && !doc->blocks))
        return -1;
    struct lay L = {.doc = doc, .m = m, .p = p, .out = out, .unit = (double)p->base_px * p->scale};
    L.em = px_of(&L, 1.0);
    L.limit = INT_MAX / 2;
    if (p->max_height > 0) {
        int reserve = ems(&L, 0.6) + ems(&L, 2.2) + ems(&L, 0.25);
        L.limit = p->max_height - reserve;
    }
    int rc = measure_lists(&L);
    if (rc == 0)
        rc = stack_blocks(&L);
    free(L.list_indent);
    free(L.brk);
    free(L.gap);
    if (rc != 0)
        richdoc_layout_free(out);
    return rc;
}
