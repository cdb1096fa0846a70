/* Hourly usage documents uploaded by the screens, read by the report tool:
 * the parser, the round trip through the writer, and the report tables. */
#include <stdio.h>

#include "core/playstats_doc.h"
#include "core/usage_report.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    struct ps_doc doc = {0};
    if (playstats_doc_parse((const char *)data, size, &doc, err, sizeof err) == 0) {
        /* What was accepted writes out again, and reads back the same. */
        char *json = playstats_doc_json(doc.screen_id, doc.hour, doc.c, doc.n);
        if (json) {
            struct ps_doc back = {0};
            if (playstats_doc_parse(json, strlen(json), &back, err, sizeof err) != 0 || back.n > doc.n)
                abort();
            playstats_doc_free(&back);
            free(json);
        }
        playstats_doc_free(&doc);
    }
    struct usage_report *u = usage_report_new();
    if (u) {
        usage_report_add(u, (const char *)data, size, err, sizeof err);
        usage_report_add(u, (const char *)data, size, err, sizeof err); /* the same hour twice */
        usage_report_free(u);
    }
    return 0;
}
