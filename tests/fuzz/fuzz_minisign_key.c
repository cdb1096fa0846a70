/* minisign public keys: the bare key line or a .pub file's text. */
#include "core/minisign.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    struct minisign_key key;
    char err[512];
    minisign_key_parse(text, &key, err, sizeof err);
    free(text);
    return 0;
}
