/* The scripted-input language of the headless mode. */
#include "core/script.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    struct script s;
    char err[512];
    if (script_parse(text, "fuzz.script", &s, err, sizeof err) == 0)
        script_free(&s);
    free(text);
    return 0;
}
