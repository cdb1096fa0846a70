/* feed.json: the JSON Feed reader and validator, in both languages. */
#include "core/feed.h"
#include "core/msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag errs = {0};
    errs.lang = size && (data[0] & 1) ? MSG_LANG_ZH : MSG_LANG_EN;
    struct feed *feed = feed_parse_diag((const char *)data, size, "feed.json", &errs);
    feed_free(feed);
    diag_free(&errs);
    return 0;
}
