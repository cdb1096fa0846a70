/* Font files read with pread(2): an SDL_RWops for FreeType (through
 * SDL_ttf) that keeps no buffer and no mapping. FreeType seeks before
 * nearly every read when it loads a glyph; stdio turns each of those into
 * an lseek and a 4 KiB read, and a mapping would keep every font page it
 * touched resident. Here a seek is only a number and a read one pread. */
#ifndef QF_UI_FONT_FILE_H
#define QF_UI_FONT_FILE_H

#include <SDL_rwops.h>

/* Opens path read-only; NULL with the reason in SDL_GetError() when it
 * cannot be opened. Closing the RWops closes the file. */
SDL_RWops *font_file_open(const char *path);

#endif
