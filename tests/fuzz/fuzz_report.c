/* What the report tool reads from the server: uploaded result documents
 * and the organisation leaderboard a feed carries. */
#include "core/org_board.h"
#include "core/report_agg.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    struct report_agg *agg = report_agg_new();
    if (agg) {
        report_agg_add(agg, (const char *)data, size, err, sizeof err);
        report_agg_add(agg, (const char *)data, size, err, sizeof err); /* the same id twice */
        report_agg_free(agg);
    }
    struct org_board board;
    org_board_parse((const char *)data, size, &board, err, sizeof err);
    return 0;
}
