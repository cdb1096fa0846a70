/* Question banks as organisers save them from Excel or WPS: CSV in UTF-8
 * (with or without BOM) or GB18030, checked row by row, then published as
 * JSON and read back as the kiosk reads it. */
#include "core/qbank.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".csv");
    if (!path)
        return 0;
    struct qbank bank = {0};
    struct diag errs = {0};
    if (qbank_read_csv(&bank, path, &errs) > 0) {
        /* A bank the builder accepts must be one the kiosk accepts. */
        char *json = qbank_to_json(&bank);
        if (json) {
            struct qbank back = {0};
            struct diag errs2 = {0};
            if (qbank_parse_json(&back, json, strlen(json), "bank.json", &errs2) != 0 || back.n != bank.n)
                abort();
            qbank_free(&back);
            diag_free(&errs2);
            free(json);
        }
    }
    qbank_free(&bank);
    diag_free(&errs);
    return 0;
}
