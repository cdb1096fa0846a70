/* Text files from Excel and WPS on Chinese Windows come as UTF-8 (with or
 * without a byte order mark) or in the local code page, GBK, which
 * GB18030 contains. The encoding is told from the bytes, never from the
 * file name:
 *
 *   - a UTF-16 byte order mark (Excel's "Unicode text"): refused, so the
 *     message can say how to save as CSV instead;
 *   - a UTF-8 byte order mark: UTF-8, and the rest must be valid UTF-8;
 *   - valid UTF-8: UTF-8;
 *   - mostly valid UTF-8 with a few bad bytes: a damaged UTF-8 file, not
 *     GB18030 (which would read it as nonsense without complaint);
 *   - otherwise GB18030, converted with iconv; bytes GB18030 cannot read
 *     are refused.
 * A NUL byte is never text. */
#ifndef QF_TEXT_ENCODING_H
#define QF_TEXT_ENCODING_H

#include <stddef.h>

enum text_encoding { TEXT_UTF8, TEXT_UTF8_BOM, TEXT_GB18030 };

enum text_problem {
    TEXT_OK,
    TEXT_BAD_BYTES, /* neither UTF-8 nor GB18030: bad_offset, bad_byte, bad_line say where */
    TEXT_UTF16,     /* starts with a UTF-16 byte order mark */
    TEXT_NO_MEMORY,
};

struct text_utf8 {
    char *text;              /* new, NUL-terminated UTF-8 without a byte order mark */
    size_t len;
    enum text_encoding from; /* what the bytes were */
    size_t bad_offset;       /* TEXT_BAD_BYTES: offset of the first byte that cannot be read */
    unsigned char bad_byte;
    int bad_line;            /* the line (from 1) that byte is on */
};

/* Converts in[0..len) to UTF-8 as described above. Returns TEXT_OK with
 * out->text (free it) set, or a problem with out->text NULL. */
enum text_problem text_to_utf8(const char *in, size_t len, struct text_utf8 *out);

/* "UTF-8", "UTF-8 with BOM" or "GB18030". */
const char *text_encoding_name(enum text_encoding e);

#endif
