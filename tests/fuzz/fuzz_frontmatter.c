/* The editor's source files: front matter and Markdown body. */
#include "core/frontmatter.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = {"id", "title", "lead", "author", "source", "image", "tags", "weight", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct frontmatter fm = {0};
    struct diag errs = {0};
    frontmatter_parse((const char *)data, size, "item.md", keys, &fm, &errs);
    const struct fm_field *tags = frontmatter_get(&fm, "tags");
    if (tags && tags->raw) {
        char **items;
        size_t n;
        if (frontmatter_split_list(tags->raw, &items, &n) == 0)
            frontmatter_free_list(items, n);
    }
    frontmatter_free(&fm);
    diag_free(&errs);
    return 0;
}
