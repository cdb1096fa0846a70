/* The one start-up line an operator looks for in the journal: what runs,
 * with which config, on which display, showing which content. */
#include <SDL.h>

#include "core/log.h"
#include "ui/app.h"
#include "ui/version.h"

void app_log_start(struct app *a)
{
    SDL_RendererInfo info = {.name = "?"};
    if (SDL_GetRendererInfo(a->ren, &info) != 0)
        info.name = "?";
    const char *drv = SDL_GetCurrentVideoDriver();
    char hash[13];
    app_content_hash(a->feed_dir, hash);
    log_info("start: qingfeng %s, config %s, video %s, renderer %s, %dx%d, content %s %s", QF_VERSION,
             a->config_file[0] ? a->config_file : "none", drv ? drv : "?", info.name, a->w, a->h, a->feed_dir, hash);
}
