/* Item bodies: CommonMark -> blocks and spans -> positioned lines, with
 * made-up metrics (CJK full width, ASCII half) and pictures that exist when
 * their name starts with a letter, at two widths and both text scales. */
#include "core/richdoc.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int measure(void *ctx, enum richdoc_face face, int px, const char *utf8, size_t len)
{
    (void)ctx;
    int w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)utf8[i];
        if (c < 0x80)
            w += px / 2 + (face == RICHDOC_FACE_BOLD);
        else if (c >= 0xc0)
            w += px;
    }
    return w;
}

static bool has_glyph(void *ctx, enum richdoc_face face, uint32_t cp)
{
    (void)ctx;
    return !(face == RICHDOC_FACE_KAI && cp >= 0x1f000); /* Kai has no emoji */
}

static bool image_size(void *ctx, const char *src, int *w, int *h)
{
    (void)ctx;
    if (!src[0] || !((src[0] | 0x20) >= 'a' && (src[0] | 0x20) <= 'z'))
        return false;
    *w = 64 + (int)(unsigned char)src[0] * 7;
    *h = 32 + (int)strlen(src) * 13;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0; /* bodies are limited long before this */
    char *md = fuzz_string(data, size);
    if (!md)
        return 0;
    struct richdoc doc;
    if (richdoc_parse(md, &doc) == 0) {
        struct richdoc_metrics m = {.measure = measure, .has_glyph = has_glyph, .image_size = image_size};
        const struct richdoc_params params[] = {
            {.width = 640, .base_px = 28, .scale = 1.0f},
            {.width = 97, .base_px = 40, .scale = 1.35f, .max_image_h = 50, .max_height = 600},
        };
        for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
            struct richdoc_layout lo;
            if (richdoc_layout(&doc, &m, &params[i], &lo) == 0)
                richdoc_layout_free(&lo);
        }
        richdoc_free(&doc);
    }
    free(md);
    return 0;
}
