/* Layout speed on the real fonts for `make bench`: the core's text layout
 * (app/core/layout.c, auto-fit with line breaking, as a maxim slide does
 * it) and the rich document layout (app/core/richdoc*.c, parse and lay out
 * a case's body, as its reading screen does), measured with the bundled
 * feed's own texts through SDL_ttf, as the slide worker does.
 *
 *   layout_bench FEED_DIR RUNS
 *
 * Prints one line:
 *   bench: maxim_kchars=.. maxim_cold_ms_per_kchar=.. maxim_ms_per_kchar=..
 *          doc_kchars=.. doc_cold_ms_per_kchar=.. doc_ms_per_kchar=..
 * "cold" is the first pass (faces just opened, no width remembered yet);
 * the other figure is the median of RUNS passes after it (mostly widths
 * the fonts remember, as when a maxim comes round again).
 * Characters are code points of the text laid out. Exit status 0, or 1
 * when the feed, the fonts or a layout fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "core/feed.h"
#include "core/layout.h"
#include "core/richdoc.h"
#include "ui/fonts.h"

/* A maxim's box on a 1920x1080 slide (see app/ui/slide_maxim.c). */
static const struct layout_box MAXIM_BOX = {
    .width = 1344, .height = 460, .max_px = 108, .min_px = 39, .line_spacing = 1.45f, .keep_phrases = true};
/* A case body on the 1920x1080 reading screen. */
static const struct richdoc_params DOC_PARAMS = {.width = 1100, .base_px = 30, .scale = 1.0f};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static struct font *face_font(struct font_set *f, enum richdoc_face face)
{
    return face == RICHDOC_FACE_BOLD ? &f->bold : face == RICHDOC_FACE_KAI ? &f->kai : &f->sans;
}

static int doc_measure(void *ctx, enum richdoc_face face, int px, const char *utf8, size_t len)
{
    return font_measure(face_font(ctx, face), px, utf8, len);
}

static bool doc_has_glyph(void *ctx, enum richdoc_face face, uint32_t cp)
{
    return font_has_glyph(face_font(ctx, face), cp);
}

/* One pass over every maxim; returns its milliseconds, or -1. */
static double maxims_pass(const struct feed *feed, struct font_set *fonts)
{
    struct layout_font_ops ops = font_layout_ops(&fonts->kai);
    double t0 = now_ms();
    for (size_t i = 0; i < feed->n_items; i++) {
        const struct feed_item *it = &feed->items[i];
        if (it->kind != ITEM_MAXIM || !it->text)
            continue;
        struct layout_result r;
        if (layout_text(&ops, it->text, &MAXIM_BOX, &r) != 0) {
            fprintf(stderr, "layout_bench: maxim %s: layout failed\n", it->id);
            return -1;
        }
        layout_result_free(&r);
    }
    return now_ms() - t0;
}

/* One pass over every case and story body; returns its milliseconds, or -1. */
static double docs_pass(const struct feed *feed, struct font_set *fonts)
{
    struct richdoc_metrics m = {.ctx = fonts, .measure = doc_measure, .has_glyph = doc_has_glyph};
    double t0 = now_ms();
    for (size_t i = 0; i < feed->n_items; i++) {
        const struct feed_item *it = &feed->items[i];
        if (it->kind == ITEM_MAXIM || !it->markdown)
            continue;
        struct richdoc doc;
        struct richdoc_layout lo;
        if (richdoc_parse(it->markdown, &doc) != 0) {
            fprintf(stderr, "layout_bench: %s: markdown not parsed\n", it->id);
            return -1;
        }
        int rc = richdoc_layout(&doc, &m, &DOC_PARAMS, &lo);
        richdoc_free(&doc);
        if (rc != 0) {
            fprintf(stderr, "layout_bench: %s: layout failed\n", it->id);
            return -1;
        }
        richdoc_layout_free(&lo);
    }
    return now_ms() - t0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Cold pass, then the median of runs passes, in ms per 1,000 characters. */
static int measure(double (*pass)(const struct feed *, struct font_set *), const struct feed *feed,
                   struct font_set *fonts, int runs, double kchars, double *cold, double *median)
{
    double *t = malloc((size_t)runs * sizeof *t);
    if (!t)
        return -1;
    *cold = pass(feed, fonts) / kchars;
    for (int i = 0; i < runs; i++) {
        double ms = pass(feed, fonts);
        if (ms < 0 || *cold < 0) {
            free(t);
            return -1;
        }
        t[i] = ms / kchars;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    *median = t[runs / 2];
    free(t);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 || atoi(argv[2]) < 1) {
        fprintf(stderr, "usage: layout_bench FEED_DIR RUNS\n");
        return 1;
    }
    int runs = atoi(argv[2]);
    char err[512];
    struct feed *feed = feed_load_dir(argv[1], err, sizeof err);
    if (!feed) {
        fprintf(stderr, "layout_bench: %s\n", err);
        return 1;
    }
    struct font_faces faces;
    struct font_set fonts;
    if (TTF_Init() != 0 || font_faces_find(&faces, NULL, NULL, err, sizeof err) != 0 ||
        font_set_open(&fonts, &faces, err, sizeof err) != 0) {
        fprintf(stderr, "layout_bench: %s\n", TTF_WasInit() ? err : TTF_GetError());
        feed_free(feed);
        return 1;
    }
    size_t maxim_chars = 0, doc_chars = 0;
    for (size_t i = 0; i < feed->n_items; i++) {
        const struct feed_item *it = &feed->items[i];
        if (it->kind == ITEM_MAXIM && it->text)
            maxim_chars += code_points(it->text);
        else if (it->kind != ITEM_MAXIM && it->markdown)
            doc_chars += code_points(it->markdown);
    }
    double mc = 0, mm = 0, dc = 0, dm = 0;
    int rc = 0;
    if (!maxim_chars || !doc_chars) {
        fprintf(stderr, "layout_bench: %s has no maxims or no case and story bodies\n", argv[1]);
        rc = 1;
    } else if (measure(maxims_pass, feed, &fonts, runs, (double)maxim_chars / 1000, &mc, &mm) != 0 ||
               measure(docs_pass, feed, &fonts, runs, (double)doc_chars / 1000, &dc, &dm) != 0) {
        rc = 1;
    } else {
        printf("bench: maxim_kchars=%.2f maxim_cold_ms_per_kchar=%.3f maxim_ms_per_kchar=%.3f doc_kchars=%.2f "
               "doc_cold_ms_per_kchar=%.3f doc_ms_per_kchar=%.3f\n",
               (double)maxim_chars / 1000, mc, mm, (double)doc_chars / 1000, dc, dm);
    }
    font_set_close(&fonts);
    TTF_Quit();
    FcFini(); /* as the kiosk does at exit: fontconfig's caches are not leaks */
    feed_free(feed);
    return rc;
}
