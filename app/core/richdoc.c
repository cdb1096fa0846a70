/* CommonMark to the flat block model of richdoc.h. cmark's iterator walks
 * the tree without recursion, so deeply nested input cannot exhaust the
 * stack; containers (quotes, lists) live on an explicit stack of our own. */
#include "core/richdoc.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/* ---- Growing text with style spans --------------------------------------- */

struct textbuf {
    char *s;
    size_t len, cap;
    struct richdoc_span *spans;
    size_t n_spans, cap_spans;
    bool soft;  /* a soft line break waits for the next character */
    bool oom;
};

static void textbuf_reset(struct textbuf *t)
{
    free(t->s);
    free(t->spans);
    memset(t, 0, sizeof *t);
}

static bool reserve(struct textbuf *t, size_t more)
{
    if (t->len + more + 1 <= t->cap)
        return true;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < t->len + more + 1)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) {
        t->oom = true;
        return false;
    }
    t->s = s;
    t->cap = cap;
    return true;
}

/* Adds len bytes of style to the last span, or opens a new one. */
static void add_span(struct textbuf *t, size_t len, unsigned style)
{
    if (t->n_spans > 0) {
        struct richdoc_span *last = &t->spans[t->n_spans - 1];
        if (last->style == style && last->start + last->len == t->len) {
            last->len += len;
            return;
        }
    }
    if (t->n_spans == t->cap_spans) {
        size_t cap = t->cap_spans ? t->cap_spans * 2 : 8;
        struct richdoc_span *v = realloc(t->spans, cap * sizeof *v);
        if (!v) {
            t->oom = true;
            return;
        }
        t->spans = v;
        t->cap_spans = cap;
    }
    t->spans[t->n_spans++] = (struct richdoc_span){.start = t->len, .len = len, .style = style};
}

/* Appends bytes that are already clean. */
static void put_raw(struct textbuf *t, const char *s, size_t len, unsigned style)
{
    if (len == 0 || !reserve(t, len))
        return;
    add_span(t, len, style);
    memcpy(t->s + t->len, s, len);
    t->len += len;
    t->s[t->len] = 0;
}

/* Wide characters of East Asian scripts that are written without spaces
 * between words: a soft line break next to them joins the lines directly. */
static bool joins_without_space(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x2014 || cp == 0x2026 ||
           (cp >= 0x2018 && cp <= 0x201D);
}

static uint32_t last_cp(const struct textbuf *t)
{
    size_t i = t->len;
    while (i > 0 && ((unsigned char)t->s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    uint32_t cp = 0;
    utf8_decode(t->s + i, t->len - i, &cp);
    return cp;
}

/* Settles a waiting soft break now that the next character is known. */
static void settle_soft(struct textbuf *t, uint32_t next, unsigned style)
{
    if (!t->soft)
        return;
    t->soft = false;
    if (t->len == 0)
        return;
    uint32_t prev = last_cp(t);
    if (prev == ' ' || prev == '\n' || next == ' ' || next == '\n')
        return;
    if (joins_without_space(prev) || joins_without_space(next))
        return;
    put_raw(t, " ", 1, style);
}

/* Appends text from the document: control characters are dropped, tabs
 * become spaces (tab_width of them in code blocks, else one). */
static void put_text(struct textbuf *t, const char *s, unsigned style, int tab_width, bool keep_newlines)
{
    if (!s)
        return;
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        uint32_t cp = 0;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k <= 0)
            k = 1; /* cannot happen: the input was validated */
        if (cp == '\t') {
            settle_soft(t, ' ', style);
            for (int j = 0; j < tab_width; j++)
                put_raw(t, " ", 1, style);
        } else if (cp == '\n' && keep_newlines) {
            put_raw(t, "\n", 1, style);
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            /* dropped */
        } else {
            settle_soft(t, cp, style);
            put_raw(t, s + i, (size_t)k, style);
        }
        i += (size_t)k;
    }
}

/* Removes leading and trailing spaces and line ends, keeping spans in step. */
static void textbuf_trim(struct textbuf *t)
{
    size_t a = 0, b = t->len;
    while (a < b && (t->s[a] == ' ' || t->s[a] == '\n'))
        a++;
    while (b > a && (t->s[b - 1] == ' ' || t->s[b - 1] == '\n'))
        b--;
    if (a == 0 && b == t->len)
        return;
    size_t k = 0;
    for (size_t i = 0; i < t->n_spans; i++) {
        struct richdoc_span sp = t->spans[i];
        size_t s0 = sp.start < a ? a : sp.start, s1 = sp.start + sp.len > b ? b : sp.start + sp.len;
        if (s1 <= s0)
            continue;
        t->spans[k++] = (struct richdoc_span){.start = s0 - a, .len = s1 - s0, .style = sp.style};
    }
    t->n_spans = k;
    memmove(t->s, t->s + a, b - a);
    t->len = b - a;
    t->s[t->len] = 0;
}

/* ---- The builder ---------------------------------------------------------- */

struct container {
    bool quote;
    unsigned id;
    /* lists */
    bool ordered, tight, paren;
    long long number; /* of the next item */
};

struct pending_image {
    char *src, *alt;
    int line;
};

struct builder {
    struct richdoc *doc;
    size_t cap_blocks;
    struct container *stack;
    size_t depth, cap_stack;
    int list_depth, quote_depth, bullet_depth;
    unsigned next_id;

    /* the paragraph or heading being built */
    bool in_block;
    enum richdoc_kind kind;
    int level;
    struct textbuf text;
    int strong, emph, link;

    /* images met inside it */
    int in_image;
    struct textbuf alt;
    char *image_src;
    int image_line;   /* cmark's line of the image: that of its closing "]" */
    int image_breaks; /* line breaks in its alt text so far */
    struct pending_image *images;
    size_t n_images, cap_images;

    /* the marker of a list item whose first paragraph has not come yet */
    bool marker_pending;
    char marker[24];
    bool marker_ordered;

    bool oom;
};

static unsigned cur_style(const struct builder *b)
{
    return (b->strong ? RICHDOC_STRONG : 0u) | (b->emph ? RICHDOC_EMPH : 0u) | (b->link ? RICHDOC_LINK : 0u);
}

static char *dup_str(struct builder *b, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        b->oom = true;
    return d;
}

/* A new block at the end of the document, with the current containers. */
static struct richdoc_block *new_block(struct builder *b, enum richdoc_kind kind)
{
    struct richdoc *d = b->doc;
    if (d->n_blocks == b->cap_blocks) {
        size_t cap = b->cap_blocks ? b->cap_blocks * 2 : 16;
        struct richdoc_block *v = realloc(d->blocks, cap * sizeof *v);
        if (!v) {
            b->oom = true;
            return NULL;
        }
        d->blocks = v;
        b->cap_blocks = cap;
    }
    struct richdoc_block *blk = &d->blocks[d->n_blocks];
    memset(blk, 0, sizeof *blk);
    blk->kind = kind;
    blk->list_depth = b->list_depth;
    blk->quote_depth = b->quote_depth;
    blk->n_nest = b->depth < RICHDOC_NEST_MAX ? b->depth : RICHDOC_NEST_MAX;
    for (size_t i = 0; i < blk->n_nest; i++)
        blk->nest[i] = (struct richdoc_nest){.quote = b->stack[i].quote, .id = b->stack[i].id};
    for (size_t i = b->depth; i-- > 0;) {
        if (!b->stack[i].quote) {
            blk->tight = b->stack[i].tight;
            break;
        }
    }
    blk->text = dup_str(b, "");
    if (!blk->text)
        return NULL;
    d->n_blocks++;
    return blk;
}

/* Gives the block the text (and spans) of t; t is left empty. */
static void take_text(struct richdoc_block *blk, struct textbuf *t)
{
    if (t->s) {
        free(blk->text);
        blk->text = t->s;
        blk->spans = t->spans;
        blk->n_spans = t->n_spans;
    }
    memset(t, 0, sizeof *t);
}

static void start_item_block(struct builder *b, struct richdoc_block *blk)
{
    blk->kind = RICHDOC_ITEM;
    blk->ordered = b->marker_ordered;
    memcpy(blk->marker, b->marker, sizeof blk->marker);
    b->marker_pending = false;
}

/* A list item whose first content is not a paragraph shows its marker on a
 * line of its own. */
static void flush_marker(struct builder *b)
{
    if (!b->marker_pending)
        return;
    struct richdoc_block *blk = new_block(b, RICHDOC_ITEM);
    if (blk)
        start_item_block(b, blk);
    b->marker_pending = false;
}

static struct container *innermost_list(struct builder *b)
{
    for (size_t i = b->depth; i-- > 0;)
        if (!b->stack[i].quote)
            return &b->stack[i];
    return NULL;
}

static void push_container(struct builder *b, struct container c)
{
    if (b->depth == b->cap_stack) {
        size_t cap = b->cap_stack ? b->cap_stack * 2 : 8;
        struct container *v = realloc(b->stack, cap * sizeof *v);
        if (!v) {
            b->oom = true;
            return;
        }
        b->stack = v;
        b->cap_stack = cap;
    }
    c.id = b->next_id++;
    b->stack[b->depth++] = c;
}

static void pop_container(struct builder *b)
{
    if (b->depth > 0)
        b->depth--;
}

static void item_enter(struct builder *b)
{
    flush_marker(b);
    struct container *l = innermost_list(b);
    if (!l)
        return;
    if (l->ordered) {
        snprintf(b->marker, sizeof b->marker, "%lld%c", l->number, l->paren ? ')' : '.');
        l->number++;
    } else {
        static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"}; /* • ◦ ▪ */
        int d = b->bullet_depth < 1 ? 1 : b->bullet_depth > 3 ? 3 : b->bullet_depth;
        snprintf(b->marker, sizeof b->marker, "%s", bullets[d - 1]);
    }
    b->marker_ordered = l->ordered;
    b->marker_pending = true;
}

static void text_block_enter(struct builder *b, enum richdoc_kind kind, int level)
{
    if (kind == RICHDOC_HEADING)
        flush_marker(b);
    textbuf_reset(&b->text);
    b->in_block = true;
    b->kind = kind;
    b->level = level;
    b->strong = b->emph = b->link = 0;
    b->in_image = 0;
}

static void add_image_blocks(struct builder *b)
{
    for (size_t i = 0; i < b->n_images; i++) {
        struct pending_image *im = &b->images[i];
        struct richdoc_block *blk = new_block(b, RICHDOC_IMAGE);
        if (blk) {
            free(blk->text);
            blk->text = im->alt;
            blk->src = im->src;
            blk->line = im->line;
            if (*blk->text) {
                blk->spans = malloc(sizeof *blk->spans);
                if (blk->spans) {
                    blk->spans[0] = (struct richdoc_span){.start = 0, .len = strlen(blk->text), .style = 0};
                    blk->n_spans = 1;
                } else {
                    b->oom = true;
                }
            }
        } else {
            free(im->alt);
            free(im->src);
        }
    }
    b->n_images = 0;
}

static void text_block_exit(struct builder *b)
{
    b->in_block = false;
    b->oom |= b->text.oom;
    textbuf_trim(&b->text);
    bool empty = b->text.len == 0;
    if (!empty || (b->marker_pending && b->kind == RICHDOC_PARAGRAPH)) {
        struct richdoc_block *blk = new_block(b, b->kind);
        if (blk) {
            blk->level = b->level;
            if (b->kind == RICHDOC_PARAGRAPH && b->marker_pending)
                start_item_block(b, blk);
            take_text(blk, &b->text);
        }
    }
    textbuf_reset(&b->text);
    add_image_blocks(b);
}

static void image_enter(struct builder *b, cmark_node *node)
{
    if (b->in_image++ > 0)
        return; /* an image inside alt text adds only its words */
    textbuf_reset(&b->alt);
    free(b->image_src);
    b->image_src = dup_str(b, cmark_node_get_url(node));
    b->image_line = cmark_node_get_start_line(node);
    b->image_breaks = 0;
}

static void image_exit(struct builder *b)
{
    if (--b->in_image > 0)
        return;
    b->oom |= b->alt.oom;
    textbuf_trim(&b->alt);
    char *alt = b->alt.s ? b->alt.s : dup_str(b, "");
    free(b->alt.spans);
    memset(&b->alt, 0, sizeof b->alt);
    char *src = b->image_src;
    b->image_src = NULL;
    if (!alt || !src) {
        free(alt);
        free(src);
        return;
    }
    if (b->n_images == b->cap_images) {
        size_t cap = b->cap_images ? b->cap_images * 2 : 4;
        struct pending_image *v = realloc(b->images, cap * sizeof *v);
        if (!v) {
            b->oom = true;
            free(alt);
            free(src);
            return;
        }
        b->images = v;
        b->cap_images = cap;
    }
    /* cmark gives an image the line of its closing "]": step back over the
     * line breaks of a description that spans lines */
    int line = b->image_line - b->image_breaks;
    b->images[b->n_images++] = (struct pending_image){.src = src, .alt = alt, .line = line < 1 ? 1 : line};
}

/* The buffer inline text goes to: the alt text inside an image. */
static struct textbuf *target(struct builder *b)
{
    return b->in_image ? &b->alt : &b->text;
}

static void code_block(struct builder *b, cmark_node *node)
{
    flush_marker(b);
    struct textbuf t = {0};
    put_text(&t, cmark_node_get_literal(node), RICHDOC_CODE, 4, true);
    /* Only line ends at the end go: leading spaces are the code's indent. */
    while (t.len > 0 && (t.s[t.len - 1] == '\n' || t.s[t.len - 1] == ' ')) {
        t.len--;
        t.s[t.len] = 0;
    }
    if (t.n_spans > 0)
        t.spans[t.n_spans - 1].len = t.len - t.spans[t.n_spans - 1].start;
    b->oom |= t.oom;
    if (t.len > 0) {
        struct richdoc_block *blk = new_block(b, RICHDOC_CODE_BLOCK);
        if (blk) {
            take_text(blk, &t);
            return;
        }
    }
    textbuf_reset(&t);
}

static void visit(struct builder *b, cmark_event_type ev, cmark_node *node)
{
    bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
        if (enter) {
            push_container(b, (struct container){.quote = true});
            b->quote_depth++;
        } else {
            pop_container(b);
            b->quote_depth--;
        }
        break;
    case CMARK_NODE_LIST:
        if (enter) {
            flush_marker(b); /* "- - x": the outer item's marker stands alone, outside the new list */
            struct container c = {
                .ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                .tight = cmark_node_get_list_tight(node) != 0,
                .paren = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM,
                .number = cmark_node_get_list_start(node),
            };
            push_container(b, c);
            b->list_depth++;
            b->bullet_depth += !c.ordered;
        } else {
            flush_marker(b);
            struct container *l = innermost_list(b);
            b->bullet_depth -= l && !l->ordered;
            pop_container(b);
            b->list_depth--;
        }
        break;
    case CMARK_NODE_ITEM:
        if (enter)
            item_enter(b);
        else
            flush_marker(b);
        break;
    case CMARK_NODE_PARAGRAPH:
        if (enter)
            text_block_enter(b, RICHDOC_PARAGRAPH, 0);
        else
            text_block_exit(b);
        break;
    case CMARK_NODE_HEADING:
        if (enter)
            text_block_enter(b, RICHDOC_HEADING, cmark_node_get_heading_level(node));
        else
            text_block_exit(b);
        break;
    case CMARK_NODE_CODE_BLOCK:
        code_block(b, node);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        flush_marker(b);
        new_block(b, RICHDOC_RULE);
        break;
    case CMARK_NODE_TEXT:
        if (b->in_block)
            put_text(target(b), cmark_node_get_literal(node), cur_style(b), 1, false);
        break;
    case CMARK_NODE_CODE:
        if (b->in_block)
            put_text(target(b), cmark_node_get_literal(node), cur_style(b) | RICHDOC_CODE, 1, false);
        break;
    case CMARK_NODE_SOFTBREAK:
        if (b->in_block)
            target(b)->soft = true;
        b->image_breaks += b->in_image > 0;
        break;
    case CMARK_NODE_LINEBREAK:
        b->image_breaks += b->in_image > 0;
        if (b->in_block) {
            struct textbuf *t = target(b);
            t->soft = false;
            if (b->in_image)
                put_raw(t, " ", 1, 0);
            else
                put_raw(t, "\n", 1, cur_style(b));
        }
        break;
    case CMARK_NODE_STRONG:
        b->strong += enter ? 1 : -1;
        break;
    case CMARK_NODE_EMPH:
        b->emph += enter ? 1 : -1;
        break;
    case CMARK_NODE_LINK:
        b->link += enter ? 1 : -1;
        break;
    case CMARK_NODE_IMAGE:
        if (!b->in_block)
            break;
        if (enter)
            image_enter(b, node);
        else
            image_exit(b);
        break;
    default: /* HTML blocks and inline HTML are not shown; the document node */
        break;
    }
}

static void builder_free(struct builder *b)
{
    free(b->stack);
    textbuf_reset(&b->text);
    textbuf_reset(&b->alt);
    free(b->image_src);
    for (size_t i = 0; i < b->n_images; i++) {
        free(b->images[i].src);
        free(b->images[i].alt);
    }
    free(b->images);
}

void richdoc_free(struct richdoc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        free(doc->blocks[i].text);
        free(doc->blocks[i].spans);
        free(doc->blocks[i].src);
    }
    free(doc->blocks);
    memset(doc, 0, sizeof *doc);
}

int richdoc_parse(const char *markdown, struct richdoc *out)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!markdown || !out)
        return -1;
    size_t len = strlen(markdown);
    if (len > RICHDOC_INPUT_MAX || !utf8_valid(markdown, len))
        return -1;
    /* SOURCEPOS changes no structure, only keeps the lines of inline nodes
     * right after a code span or inline HTML that spans lines */
    cmark_node *root = cmark_parse_document(markdown, len, CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS);
    if (!root)
        return -1;
    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        cmark_node_free(root);
        return -1;
    }
    struct builder b = {.doc = out};
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && !b.oom)
        visit(&b, ev, cmark_iter_get_node(it));
    cmark_iter_free(it);
    cmark_node_free(root);
    out->n_ids = b.next_id;
    builder_free(&b);
    if (b.oom) {
        richdoc_free(out);
        return -1;
    }
    return 0;
}
