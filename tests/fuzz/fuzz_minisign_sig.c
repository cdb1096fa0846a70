/* minisign signatures (.minisig text) of a fixed message under a fixed key:
 * every line, the base64, the lengths, the key id and both signatures. */
#include "core/minisign.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/unit/data/minisign/a.pub */
static const char KEY[] = "RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd";
/* tests/unit/data/minisign/msg.txt, which the seeds sign */
static const char MESSAGE[] = "清心为治本，\n直道是身谋。\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct minisign_key key;
    static int have_key;
    char err[512], comment[256];
    if (!have_key) {
        if (minisign_key_parse(KEY, &key, err, sizeof err) != 0)
            abort();
        have_key = 1;
    }
    minisign_verify(&key, MESSAGE, sizeof MESSAGE - 1, (const char *)data, size, comment, sizeof comment, err,
                    sizeof err);
    return 0;
}
