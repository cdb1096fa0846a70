/* Finds where a value sits in JSON text, so validation messages can name a
 * line. Works on text that a real parser (jansson) has already accepted: it
 * only tokenizes enough to skip strings, nested objects and arrays. */
#ifndef QF_JSON_LOCATE_H
#define QF_JSON_LOCATE_H

#include <stddef.h>

/* Returns the 1-based line where the value at `path` starts in `json`.
 * A path is a chain of object keys and array indices written the way the
 * validator prints it: "items[3]._qingfeng.kind", "_qingfeng.assets[0]",
 * "" for the root. Keys may not contain '.' or '['.
 * When part of the path does not exist, returns the line of the deepest
 * value that does (a missing field points at the object that lacks it).
 * Returns 1 when even the root cannot be found (empty text). */
int json_locate_line(const char *json, size_t len, const char *path);

#endif
