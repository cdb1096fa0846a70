/* Picture headers (PNG, JPEG, GIF, SVG) the sync worker probes for their
 * size before a picture is decoded. */
#include "core/imgsize.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum img_type type;
    uint32_t w, h;
    if (img_probe(data, size, &type, &w, &h) == 0 && type != IMG_TYPE_SVG && (w == 0 || h == 0))
        abort(); /* only SVG is probed without a size */
    return 0;
}
