/* quiz/bank.json as a feed carries it, read by the kiosk. */
#include "core/qbank.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct qbank bank = {0};
    struct diag errs = {0};
    qbank_parse_json(&bank, (const char *)data, size, "bank.json", &errs);
    qbank_free(&bank);
    diag_free(&errs);
    return 0;
}
