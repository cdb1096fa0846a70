/* Text layout: UAX #14 break opportunities from libunibreak (lang "zh"),
 * a kinsoku guard on top of them, greedy line filling over unbreakable
 * segments, emergency breaking by code point, and auto-fit by binary search
 * over the font size.
 *
 * How widths are measured: the text is cut once into segments, each running
 * from one break opportunity to the next (UAX #14 keeps spaces at the end of
 * the segment before a break). Each distinct segment text is measured once
 * per font size, without its trailing spaces; spaces are measured once per
 * size as " " times their count. A line's width is the sum of its segments'
 * widths: kerning across a break opportunity is ignored. */
#include "core/layout.h"

#include <limits.h>
#include <linebreak.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- Character classes for the kinsoku guard ---------------------------- */

/* Characters that must not begin a line (行首禁则): closing brackets and
 * quotes, sentence and pause punctuation, ellipsis, middle dots, small kana,
 * iteration marks and postfix units. */
static bool no_line_start(uint32_t cp)
{
    switch (cp) {
    case '!': case ')': case ',': case '.': case ':': case ';': case '?': case ']': case '}':
    case 0x00B0: /* ° */
    case 0x00B7: /* · */
    case 0x2019: /* ’ */
    case 0x201D: /* ” */
    case 0x2025: /* ‥ */
    case 0x2026: /* … */
    case 0x2027: /* ‧ */
    case 0x2030: /* ‰ */
    case 0x2032: /* ′ */
    case 0x2033: /* ″ */
    case 0x2103: /* ℃ */
    case 0x3001: /* 、 */
    case 0x3002: /* 。 */
    case 0x3005: /* 々 */
    case 0x3009: /* 〉 */
    case 0x300B: /* 》 */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x3015: /* 〕 */
    case 0x3017: /* 〗 */
    case 0x3019: /* 〙 */
    case 0x301B: /* 〛 */
    case 0x301E: /* 〞 */
    case 0x301F: /* 〟 */
    case 0x303B: /* 〻 */
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: /* small hiragana */
    case 0x3063: case 0x3083: case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:
    case 0x309D: case 0x309E: /* ゝゞ */
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: /* small katakana */
    case 0x30C3: case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
    case 0x30FB: /* ・ */
    case 0x30FC: /* ー */
    case 0x30FD: case 0x30FE: /* ヽヾ */
    case 0xFE10: case 0xFE11: case 0xFE12: case 0xFE13: case 0xFE14: case 0xFE15: case 0xFE16:
    case 0xFE18: case 0xFE19: /* vertical forms */
    case 0xFE50: case 0xFE51: case 0xFE52: case 0xFE54: case 0xFE55: case 0xFE56: case 0xFE57:
    case 0xFE5A: case 0xFE5C: case 0xFE5E: /* small forms */
    case 0xFF01: /* ！ */
    case 0xFF05: /* ％ */
    case 0xFF09: /* ） */
    case 0xFF0C: /* ， */
    case 0xFF0E: /* ． */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF1F: /* ？ */
    case 0xFF3D: /* ］ */
    case 0xFF5D: /* ｝ */
    case 0xFF61: /* ｡ */
    case 0xFF63: /* ｣ */
    case 0xFF64: /* ､ */
    case 0xFF65: /* ･ */
        return true;
    default:
        return false;
    }
}

/* Characters that must not end a line (行尾禁则): opening brackets and quotes.
 * In Chinese text “ and ‘ always open and ” and ’ always close. */
static bool no_line_end(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{':
    case 0x2018: /* ‘ */
    case 0x201C: /* “ */
    case 0x3008: /* 〈 */
    case 0x300A: /* 《 */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0x3014: /* 〔 */
    case 0x3016: /* 〖 */
    case 0x3018: /* 〘 */
    case 0x301A: /* 〚 */
    case 0x301D: /* 〝 */
    case 0xFE59: case 0xFE5B: case 0xFE5D: /* small forms */
    case 0xFF08: /* （ */
    case 0xFF3B: /* ［ */
    case 0xFF5B: /* ｛ */
    case 0xFF62: /* ｢ */
        return true;
    default:
        return false;
    }
}

/* Marks that attach to the previous character: an emergency break never
 * separates them from it. */
static bool is_attached_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           cp == 0x200D || cp == 0x3099 || cp == 0x309A ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Code points that draw nothing and so need no glyph: controls, white space
 * and invisible format characters. */
static bool is_invisible(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x00AD || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

/* Line terminators that UAX #14 treats as mandatory breaks (BK, CR, LF, NL). */
static bool is_newline(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

/* Decodes the code point ending at byte end (exclusive) of valid UTF-8. */
static uint32_t cp_before(const char *s, size_t start, size_t end, size_t *cp_start)
{
    size_t i = end;
    while (i > start && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > start)
        i--;
    uint32_t cp = 0xFFFD;
    utf8_decode(s + i, end - i, &cp);
    if (cp_start)
        *cp_start = i;
    return cp;
}

static uint32_t cp_at(const char *s, size_t i, size_t len)
{
    uint32_t cp = 0xFFFD;
    utf8_decode(s + i, len - i, &cp);
    return cp;
}

/* ---- libunibreak -------------------------------------------------------- */

static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

/* libunibreak's tables need one initialisation per process; pthread_once
 * makes that safe when layouts run on several threads. */
static void linebreak_init_once(void) { pthread_once(&linebreak_once, init_linebreak); }

/* ---- Preparation: segments (size independent) --------------------------- */

#define NO_UNIQ SIZE_MAX

struct seg {
    size_t start;       /* first byte */
    size_t content_end; /* end of the visible part: before trailing spaces and newline */
    size_t end;         /* first byte of the next segment */
    size_t n_spaces;    /* trailing U+0020 spaces that count only if the line goes on */
    size_t uniq;        /* index of this segment's text in prep.uniq, NO_UNIQ if empty */
    bool hard;          /* ends with a newline: mandatory break, paragraph end */
};

struct prep {
    const char *text;
    size_t len;
    struct seg *segs;
    size_t n_segs;
    size_t *uniq; /* segment index of the first segment with each distinct text */
    size_t n_uniq;
    size_t n_missing;
    uint32_t first_missing;
};

static void prep_free(struct prep *p)
{
    free(p->segs);
    free(p->uniq);
    memset(p, 0, sizeof *p);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Gives each segment the index of its distinct text, so each distinct text is
 * measured once per size. Returns 0, or -1 when out of memory. */
static int prep_dedupe(struct prep *p, bool in_place)
{
    size_t cap = 16;
    while (cap < p->n_segs * 2)
        cap *= 2;
    size_t *table = malloc(cap * sizeof *table); /* holds uniq indices */
    p->uniq = malloc((p->n_segs ? p->n_segs : 1) * sizeof *p->uniq);
    if (!table || !p->uniq) {
        free(table);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        table[i] = NO_UNIQ;
    for (size_t i = 0; i < p->n_segs; i++) {
        struct seg *sg = &p->segs[i];
        size_t n = sg->content_end - sg->start;
        if (n == 0) {
            sg->uniq = NO_UNIQ;
            continue;
        }
        if (in_place) {
            /* Styled text: equal bytes may differ in width. */
            p->uniq[p->n_uniq] = i;
            sg->uniq = p->n_uniq++;
            continue;
        }
        const char *s = p->text + sg->start;
        size_t slot = (size_t)hash_bytes(s, n) & (cap - 1);
        for (;;) {
            size_t u = table[slot];
            if (u == NO_UNIQ) {
                table[slot] = p->n_uniq;
                p->uniq[p->n_uniq] = i;
                sg->uniq = p->n_uniq++;
                break;
            }
            const struct seg *o = &p->segs[p->uniq[u]];
            if (o->content_end - o->start == n && memcmp(p->text + o->start, s, n) == 0) {
                sg->uniq = u;
                break;
            }
            slot = (slot + 1) & (cap - 1);
        }
    }
    free(table);
    return 0;
}

/* Removes break opportunities that would start a line with a closing mark or
 * end one with an opening mark. Mandatory breaks are kept. */
static void kinsoku_guard(const char *s, size_t len, char *brks)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        if (i > 0 && brks[i - 1] == LINEBREAK_ALLOWBREAK && (no_line_start(cp) || no_line_end(prev)))
            brks[i - 1] = LINEBREAK_NOBREAK;
        prev = cp;
        i += (size_t)n;
    }
}

/* Punctuation that closes a phrase: a line may end after it in phrase mode. */
static bool ends_phrase(uint32_t cp)
{
    switch (cp) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01: /* ，。、；：？！ */
    case ',': case '.': case ';': case ':': case '?': case '!': case ' ':
    case 0x2026: /* … */
        return true;
    default:
        return false;
    }
}

/* Closing quotes and brackets that may follow a phrase's punctuation. */
static bool is_closing_mark(uint32_t cp)
{
    switch (cp) {
    case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09: case 0x300B: case 0x3009: case 0x3011:
    case ')': case '"': case '\'':
        return true;
    default:
        return false;
    }
}

/* Opening marks that start a new phrase: a book title or an aside. */
static bool starts_phrase(uint32_t cp)
{
    return cp == 0x300A || cp == 0xFF08 || cp == '('; /* 《 （ ( */
}

/* Phrase mode: keeps only the break opportunities that follow the end of a
 * phrase (its punctuation, possibly followed by closing marks) or come
 * before the start of one. */
static void phrase_guard(const char *s, size_t len, char *brks)
{
    bool after_phrase = false; /* the text so far ends a phrase */
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0, next = 0;
        int n = utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        size_t last = i + (size_t)n - 1;
        if (last + 1 < len)
            utf8_decode(s + last + 1, len - last - 1, &next);
        after_phrase = ends_phrase(cp) || (after_phrase && is_closing_mark(cp));
        if (brks[last] == LINEBREAK_ALLOWBREAK && !after_phrase && !starts_phrase(next))
            brks[last] = LINEBREAK_NOBREAK;
        i += (size_t)n;
    }
}

/* Break opportunities of text[0..len) (len > 0) in libunibreak's codes: UAX #14
 * (lang "zh"), the kinsoku guard, the phrase guard in phrase mode, and a
 * mandatory break after the last byte. */
static void find_breaks(const char *text, size_t len, bool phrases, char *brks)
{
    linebreak_init_once();
    set_linebreaks_utf8((const utf8_t *)text, len, "zh", brks);
    kinsoku_guard(text, len, brks);
    if (phrases)
        phrase_guard(text, len, brks);
    brks[len - 1] = LINEBREAK_MUSTBREAK; /* end of text, whatever the library says */
}

/* Splits valid UTF-8 text into segments and counts missing glyphs; in phrase
 * mode a segment is a whole phrase. Returns 0, or -1 when out of memory. */
static int prep_init(struct prep *p, const struct layout_font_ops *ops, const char *text, bool phrases)
{
    memset(p, 0, sizeof *p);
    p->text = text;
    const size_t len = strlen(text);
    p->len = len;
    if (len == 0)
        return 0;

    char *brks = malloc(len);
    p->segs = malloc(len * sizeof *p->segs); /* at most one segment per byte */
    if (!brks || !p->segs) {
        free(brks);
        prep_free(p);
        return -1;
    }
    find_breaks(text, len, phrases, brks);

    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (brks[i] != LINEBREAK_MUSTBREAK && brks[i] != LINEBREAK_ALLOWBREAK)
            continue;
        struct seg *sg = &p->segs[p->n_segs++];
        sg->start = start;
        sg->end = i + 1;
        sg->hard = false;
        size_t e = sg->end;
        while (e > start) {
            size_t cs;
            uint32_t cp = cp_before(text, start, e, &cs);
            if (!is_newline(cp))
                break;
            sg->hard = true;
            e = cs;
        }
        size_t spaces = 0;
        while (e > start && text[e - 1] == ' ') {
            e--;
            spaces++;
        }
        sg->content_end = e;
        sg->n_spaces = spaces;
        start = i + 1;
    }
    free(brks);

    if (ops->has_glyph) {
        for (size_t i = 0; i < len;) {
            uint32_t cp = 0;
            int n = utf8_decode(text + i, len - i, &cp);
            if (n <= 0)
                n = 1;
            if (!is_invisible(cp) && !ops->has_glyph(ops->ctx, cp)) {
                if (p->n_missing++ == 0)
                    p->first_missing = cp;
            }
            i += (size_t)n;
        }
    }

    if (prep_dedupe(p, ops->measure_in_place) != 0) {
        prep_free(p);
        return -1;
    }
    return 0;
}

/* ---- Line filling at one size ------------------------------------------- */

struct lines_buf {
    struct layout_line *v;
    size_t n, cap;
};

static int lines_push(struct lines_buf *b, size_t start, size_t end, long long width, bool para)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        struct layout_line *v = realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = (struct layout_line){
        .start = start,
        .len = end - start,
        .width = width > INT_MAX ? INT_MAX : (int)width,
        .ends_paragraph = para,
    };
    return 0;
}

static int measure(const struct layout_font_ops *ops, int px, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    int w = ops->measure(ops->ctx, px, s, n);
    return w < 0 ? 0 : w;
}

/* Code point boundaries of text[from..to), decoded only as far as needed. */
struct bounds {
    const char *text;
    size_t to;
    size_t *v; /* v[k] = byte offset after k code points; v[0] = from */
    size_t n;  /* entries in v */
    size_t cap;
    bool at_end;
};

/* Makes v[0..k] available if the text has k code points. Returns the largest
 * available index <= k, or SIZE_MAX when out of memory. */
static size_t bounds_upto(struct bounds *b, size_t k)
{
    while (b->n <= k && !b->at_end) {
        size_t last = b->v[b->n - 1];
        if (last >= b->to) {
            b->at_end = true;
            break;
        }
        if (b->n == b->cap) {
            size_t cap = b->cap * 2;
            size_t *v = realloc(b->v, cap * sizeof *v);
            if (!v)
                return SIZE_MAX;
            b->v = v;
            b->cap = cap;
        }
        int n = utf8_decode(b->text + last, b->to - last, NULL);
        b->v[b->n++] = last + (size_t)(n > 0 ? n : 1);
    }
    return b->n - 1 < k ? b->n - 1 : k;
}

/* Finds how much of text[from..to) goes on a line of width pixels that starts
 * with it: the longest prefix of whole code points that fits (at least one
 * code point). If that is not all of it, the cut is moved back where possible
 * so that it does not start the next line with a closing mark or a space,
 * end this one with an opening mark, or detach a combining mark. Sets *whole when all of
 * it fits, *w to the prefix width. Returns the prefix length in bytes, or
 * SIZE_MAX when out of memory.
 *
 * Galloping search (1, 2, 4, ... code points, then bisection) keeps the
 * measured bytes proportional to the line, not to the rest of the text, so a
 * huge run without break opportunities costs linear time. */
static size_t fit_prefix(const struct layout_font_ops *ops, int px, int width, const char *text,
                         size_t from, size_t to, int *w, bool *whole)
{
    *w = 0;
    *whole = true;
    if (from >= to)
        return 0;
    struct bounds b = {.text = text, .to = to, .n = 1, .cap = 16};
    b.v = malloc(b.cap * sizeof *b.v);
    if (!b.v)
        return SIZE_MAX;
    b.v[0] = from;

    size_t lo = 0, hi = 0; /* prefix lo fits (0 trivially); prefix hi does not (0: none found) */
    int lo_w = 0;
    for (size_t probe = 1;; probe *= 2) {
        size_t k = bounds_upto(&b, probe);
        if (k == SIZE_MAX)
            goto oom;
        if (k <= lo)
            break; /* the whole text fits */
        int mw = measure(ops, px, text + from, b.v[k] - from);
        if (mw > width) {
            hi = k;
            break;
        }
        lo = k, lo_w = mw;
        if (k < probe)
            break; /* that was all of it */
    }
    if (hi == 0) {
        *w = lo_w;
        free(b.v);
        return to - from;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        int mw = measure(ops, px, text + from, b.v[mid] - from);
        if (mw <= width)
            lo = mid, lo_w = mw;
        else
            hi = mid;
    }
    if (lo == 0) {
        /* Not even one code point fits: it goes alone on the line. */
        lo = 1;
        lo_w = measure(ops, px, text + from, b.v[1] - from);
        if (b.v[1] >= to) {
            *w = lo_w;
            free(b.v);
            return to - from;
        }
    }

    size_t k = lo;
    for (size_t c = lo; c >= 1; c--) {
        uint32_t next = cp_at(text, b.v[c], to);
        uint32_t last = cp_before(text, from, b.v[c], NULL);
        if (!no_line_start(next) && !no_line_end(last) && !is_attached_mark(next) && next != ' ') {
            k = c;
            break;
        }
    }
    if (k != lo)
        lo_w = measure(ops, px, text + from, b.v[k] - from);
    size_t cut = b.v[k] - from;
    free(b.v);
    *w = lo_w;
    *whole = false;
    return cut;
oom:
    free(b.v);
    return SIZE_MAX;
}

/* Fills lines of at most width pixels at size px into out, counting in
 * *n_cut the segments that had to be cut by an emergency break. Returns 0,
 * or -1 when out of memory. */
static int fill_lines(const struct prep *p, const struct layout_font_ops *ops, int px, int width,
                      int *uniq_w, struct lines_buf *out, size_t *n_cut)
{
    out->n = 0;
    *n_cut = 0;
    for (size_t u = 0; u < p->n_uniq; u++) {
        const struct seg *sg = &p->segs[p->uniq[u]];
        uniq_w[u] = measure(ops, px, p->text + sg->start, sg->content_end - sg->start);
    }
    int space_w = measure(ops, px, " ", 1);
    const char *t = p->text;

    size_t i = 0;                                  /* segment the line starts in */
    size_t off = p->n_segs ? p->segs[0].start : 0; /* byte the line starts at */
    while (i < p->n_segs) {
        size_t line_start = off, line_end = off;
        long long cur = 0; /* width including the previous segments' trailing spaces */
        long long line_w = 0;
        bool para = false, first = true;
        size_t j = i;
        while (j < p->n_segs) {
            const struct seg *sg = &p->segs[j];
            size_t from = (j == i) ? off : sg->start;
            /* from > start: the rest of a segment cut by an emergency break. */
            bool partial = from != sg->start;
            long long w = partial || sg->uniq == NO_UNIQ ? 0 : uniq_w[sg->uniq];
            if (first && (partial || w > width)) {
                int cw = 0;
                bool whole = true;
                size_t cut = fit_prefix(ops, px, width, t, from, sg->content_end, &cw, &whole);
                if (cut == SIZE_MAX)
                    return -1;
                if (!whole) {
                    (*n_cut)++;
                    line_end = from + cut;
                    line_w = cw;
                    off = line_end;
                    break; /* the rest of segment j starts the next line */
                }
                w = cw;
            } else if (!first && cur + w > width) {
                break;
            }
            line_w = cur + w;
            line_end = sg->content_end;
            cur = line_w + (long long)sg->n_spaces * space_w;
            first = false;
            j++;
            off = j < p->n_segs ? p->segs[j].start : p->len;
            if (sg->hard || j == p->n_segs) {
                para = true;
                break;
            }
        }
        if (lines_push(out, line_start, line_end, line_w, para) != 0)
            return -1;
        i = j;
    }
    return 0;
}

/* ---- Public API --------------------------------------------------------- */

static bool ops_ok(const struct layout_font_ops *ops)
{
    return ops && ops->measure && ops->line_height;
}

static int line_height_of(const struct layout_font_ops *ops, int px)
{
    int h = ops->line_height(ops->ctx, px);
    return h < 1 ? 1 : h;
}

/* Lines that fit in height when the first line takes line_height and each
 * further one line_advance: 1 + floor((height - lh) / adv), at least 1. */
static size_t lines_per_box(int height, int lh, int adv)
{
    if (lh > height)
        return 1;
    return 1 + (size_t)((height - lh) / adv);
}

static bool fits(size_t n_lines, int height, int lh, int adv)
{
    if (n_lines == 0)
        return true;
    return lh <= height && n_lines <= lines_per_box(height, lh, adv);
}

void layout_result_free(struct layout_result *r)
{
    if (!r)
        return;
    free(r->lines);
    memset(r, 0, sizeof *r);
}

static void result_set(struct layout_result *out, const struct prep *p, struct lines_buf *b, int px,
                       int adv, size_t per_page, bool overflow)
{
    out->px_size = px;
    out->line_advance = adv;
    out->lines = b->v;
    out->n_lines = b->n;
    b->v = NULL;
    b->n = b->cap = 0;
    out->lines_per_page = per_page;
    out->n_pages = out->n_lines ? (out->n_lines + per_page - 1) / per_page : 1;
    out->overflow = overflow;
    out->n_missing = p->n_missing;
    out->first_missing = p->first_missing;
}

int layout_breaks(const char *utf8, size_t len, bool *brk)
{
    if (!utf8 || !brk || !utf8_valid(utf8, len))
        return -1;
    if (len == 0)
        return 0;
    char *brks = malloc(len);
    if (!brks)
        return -1;
    find_breaks(utf8, len, false, brks);
    for (size_t i = 0; i < len; i++)
        brk[i] = brks[i] == LINEBREAK_MUSTBREAK || brks[i] == LINEBREAK_ALLOWBREAK;
    free(brks);
    return 0;
}

int layout_lines(const struct layout_font_ops *ops, const char *utf8, int width, int px_size,
                 struct layout_result *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!ops_ok(ops) || !utf8 || !out || width <= 0 || px_size <= 0)
        return -1;
    if (!utf8_valid(utf8, strlen(utf8)))
        return -1;

    struct prep p;
    if (prep_init(&p, ops, utf8, false) != 0)
        return -1;
    int rc = -1;
    struct lines_buf b = {0};
    size_t n_cut;
    int *uniq_w = malloc((p.n_uniq ? p.n_uniq : 1) * sizeof *uniq_w);
    if (uniq_w && fill_lines(&p, ops, px_size, width, uniq_w, &b, &n_cut) == 0) {
        int lh = line_height_of(ops, px_size);
        result_set(out, &p, &b, px_size, lh, b.n ? b.n : 1, false);
        rc = 0;
    }
    free(b.v);
    free(uniq_w);
    prep_free(&p);
    return rc;
}

/* Lays the text out at px into *b and reports whether it fits the box (in
 * phrase mode, also without cutting any phrase). */
static int try_size(const struct prep *p, const struct layout_font_ops *ops,
                    const struct layout_box *box, int px, int *uniq_w, struct lines_buf *b,
                    int *lh, int *adv, bool *ok)
{
    size_t n_cut;
    if (fill_lines(p, ops, px, box->width, uniq_w, b, &n_cut) != 0)
        return -1;
    *lh = line_height_of(ops, px);
    double a = round((double)*lh * (double)box->line_spacing);
    *adv = a < 1 ? 1 : a > INT_MAX ? INT_MAX : (int)a;
    *ok = fits(b->n, box->height, *lh, *adv) && !(box->keep_phrases && n_cut > 0);
    return 0;
}

static int fit_text(const struct layout_font_ops *ops, const char *utf8, const struct layout_box *box,
                    struct layout_result *out)
{
    struct prep p;
    if (prep_init(&p, ops, utf8, box->keep_phrases) != 0)
        return -1;
    int rc = -1;
    struct lines_buf best = {0}, scratch = {0};
    int *uniq_w = malloc((p.n_uniq ? p.n_uniq : 1) * sizeof *uniq_w);
    if (!uniq_w)
        goto done;

    int lh, adv, best_lh, best_adv, best_px;
    bool ok;
    /* Largest size first: short texts fit at once. */
    if (try_size(&p, ops, box, box->max_px, uniq_w, &best, &best_lh, &best_adv, &ok) != 0)
        goto done;
    best_px = box->max_px;
    if (!ok && box->min_px < box->max_px) {
        if (try_size(&p, ops, box, box->min_px, uniq_w, &best, &best_lh, &best_adv, &ok) != 0)
            goto done;
        best_px = box->min_px;
        if (ok) {
            /* Invariant: lo fits (its lines are in best), hi does not. Only a
             * size that was laid out and found to fit is ever kept. */
            int lo = box->min_px, hi = box->max_px;
            while (hi - lo > 1) {
                int mid = lo + (hi - lo) / 2;
                if (try_size(&p, ops, box, mid, uniq_w, &scratch, &lh, &adv, &ok) != 0)
                    goto done;
                if (ok) {
                    struct lines_buf tmp = best; /* keep the old buffer for reuse */
                    best = scratch;
                    scratch = tmp;
                    lo = mid, best_lh = lh, best_adv = adv;
                } else {
                    hi = mid;
                }
            }
            best_px = lo;
            ok = true;
        }
    }
    result_set(out, &p, &best, best_px, best_adv, lines_per_box(box->height, best_lh, best_adv), !ok);
    rc = 0;
done:
    free(best.v);
    free(scratch.v);
    free(uniq_w);
    prep_free(&p);
    return rc;
}

int layout_text(const struct layout_font_ops *ops, const char *utf8, const struct layout_box *box,
                struct layout_result *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!ops_ok(ops) || !utf8 || !box || !out)
        return -1;
    if (box->width <= 0 || box->height <= 0 || box->min_px <= 0 || box->min_px > box->max_px ||
        !(box->line_spacing > 0) || !isfinite(box->line_spacing))
        return -1;
    if (!utf8_valid(utf8, strlen(utf8)))
        return -1;
    if (fit_text(ops, utf8, box, out) != 0)
        return -1;
    if (box->keep_phrases && out->overflow) {
        /* Some phrase is too long for the box: break it the ordinary way. */
        struct layout_box plain = *box;
        plain.keep_phrases = false;
        layout_result_free(out);
        return fit_text(ops, utf8, &plain, out);
    }
    return 0;
}
