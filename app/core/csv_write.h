/* Writing CSV for Excel and WPS: RFC 4180 quoting. The callers add the
 * UTF-8 byte order mark and CRLF line ends. */
#ifndef QF_CSV_WRITE_H
#define QF_CSV_WRITE_H

#include <stdio.h>

/* The bytes of a UTF-8 byte order mark: without it Excel reads a CSV file
 * in the local code page. */
#define CSV_UTF8_BOM "\xEF\xBB\xBF"

/* Writes s as one field, in double quotes (doubled inside) when it holds a
 * comma, a double quote or a line end. */
void csv_put_field(FILE *f, const char *s);

#endif
