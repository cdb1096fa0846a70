/* An RFC 4180 CSV reader over text in memory: cells separated by commas,
 * records by CRLF, LF or a lone CR (old Mac Excel); a cell in double quotes
 * may hold commas, line breaks and doubled quotes (""). A line break inside
 * quotes is returned as "\n".
 *
 * Each record carries the physical line (from 1) it starts on, so messages
 * can point at the row an editor sees in a text editor. Limits keep a
 * damaged file from costing unbounded memory: CSV_CELLS_MAX cells a record,
 * CSV_CELL_MAX_BYTES bytes a cell (its terminating NUL included). The
 * first syntax error stops the reader
 * (after an unclosed quote nothing that follows can be trusted).
 *
 *   struct csv c;
 *   struct csv_record r;
 *   csv_init(&c, text, len);
 *   while ((rc = csv_next(&c, &r)) > 0)
 *       use r.cells[0 .. r.n), r.line;
 *   if (rc < 0) report c.error at c.error_line, cell c.error_cell;
 *   csv_free(&c); */
#ifndef QF_CSV_H
#define QF_CSV_H

#include <stddef.h>

#define CSV_CELLS_MAX 64
#define CSV_CELL_MAX_BYTES (64u * 1024u)

enum csv_error {
    CSV_OK,
    CSV_QUOTE_UNCLOSED,   /* a quoted cell runs to the end of the text */
    CSV_TEXT_AFTER_QUOTE, /* "abc"x: text between the closing quote and the next comma */
    CSV_TOO_MANY_CELLS,   /* more than CSV_CELLS_MAX cells in a record */
    CSV_CELL_TOO_LONG,    /* a cell over CSV_CELL_MAX_BYTES bytes */
    CSV_NO_MEMORY,
};

struct csv_record {
    char **cells; /* n NUL-terminated cells, valid until the next csv_next or csv_free */
    size_t n;     /* >= 1: an empty line is one empty cell */
    int line;     /* the physical line the record starts on */
};

struct csv {
    const char *p, *end;
    int line;                   /* the line p is on */
    char *buf;                  /* the cells of the current record, one after another */
    size_t len, cap;
    size_t start[CSV_CELLS_MAX]; /* offset of each cell in buf */
    char *cells[CSV_CELLS_MAX];
    enum csv_error error;
    int error_line;             /* where the problem is (an unclosed quote: where it opens) */
    size_t error_cell;          /* index of the cell it is in */
};

/* Starts reading text[0..len). The text is not copied: it must outlive
 * the reader. */
void csv_init(struct csv *c, const char *text, size_t len);

/* Reads the next record into *rec. Returns 1, 0 at the end of the text,
 * or -1 on an error (c->error, c->error_line, c->error_cell say which);
 * after an error every call returns -1. */
int csv_next(struct csv *c, struct csv_record *rec);

void csv_free(struct csv *c);

#endif
