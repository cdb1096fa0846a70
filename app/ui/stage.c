#include "ui/stage.h"

#include <math.h>
#include <string.h>

#include "core/log.h"

void stage_init(struct stage *st, SDL_Renderer *ren)
{
    memset(st, 0, sizeof *st);
    st->ren = ren;
    SDL_RendererInfo info;
    /* The software renderer reports no limit; GL ones often 8192 or 16384. */
    st->max_tex_h = 4096;
    if (SDL_GetRendererInfo(ren, &info) == 0 && info.max_texture_height > 0 && info.max_texture_height < 4096)
        st->max_tex_h = info.max_texture_height;
}

static void drop(struct stage_entry *e)
{
    if (e->frame)
        SDL_DestroyTexture(e->frame);
    for (int i = 0; i < e->n_tiles; i++)
        if (e->tiles[i])
            SDL_DestroyTexture(e->tiles[i]);
    memset(e, 0, sizeof *e);
}

void stage_clear(struct stage *st)
{
    for (int i = 0; i < STAGE_SLOTS; i++)
        drop(&st->slot[i]);
}

struct stage_entry *stage_find(struct stage *st, const struct screen_key *key)
{
    for (int i = 0; i < STAGE_SLOTS; i++)
        if (st->slot[i].used && screen_key_equal(&st->slot[i].key, key)) {
            st->slot[i].last = ++st->tick;
            return &st->slot[i];
        }
    return NULL;
}

static bool kept(const struct stage_entry *e, const struct screen_key *keep, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (screen_key_equal(&e->key, &keep[i]))
            return true;
    return false;
}

static int upload_body(struct stage *st, struct stage_entry *e, SDL_Surface *body)
{
    e->tile_h = st->max_tex_h;
    int n = (body->h + e->tile_h - 1) / e->tile_h;
    if (n > STAGE_TILES) {
        log_warn("screen: body of %d px is taller than %d tiles; cutting it", body->h, STAGE_TILES);
        n = STAGE_TILES;
    }
    for (int i = 0; i < n; i++) {
        int h = SDL_min(e->tile_h, body->h - i * e->tile_h);
        SDL_Surface *part = SDL_CreateRGBSurfaceWithFormatFrom(
            (Uint8 *)body->pixels + (size_t)i * (size_t)e->tile_h * (size_t)body->pitch, body->w, h, 32,
            body->pitch, body->format->format);
        if (!part)
            return -1;
        e->tiles[i] = SDL_CreateTextureFromSurface(st->ren, part);
        SDL_FreeSurface(part);
        if (!e->tiles[i])
            return -1;
        SDL_SetTextureBlendMode(e->tiles[i], SDL_BLENDMODE_BLEND);
        e->n_tiles = i + 1;
    }
    e->body_h = SDL_min(body->h, n * e->tile_h);
    return 0;
}

struct stage_entry *stage_put(struct stage *st, struct screen *s, const struct screen_key *keep, size_t n_keep)
{
    struct stage_entry *victim = NULL;
    for (int i = 0; i < STAGE_SLOTS; i++) {
        struct stage_entry *e = &st->slot[i];
        if (e->used && screen_key_equal(&e->key, &s->key)) {
            victim = e;
            break;
        }
        if (e->used && kept(e, keep, n_keep))
            continue;
        if (!victim || !e->used || (victim->used && e->last < victim->last))
            victim = e;
    }
    if (!victim) {
        screen_free(s);
        return NULL;
    }
    drop(victim);
    victim->key = s->key;
    victim->body_view = s->body_view;
    memcpy(victim->hits, s->hits, sizeof s->hits);
    victim->n_hits = s->n_hits;
    victim->pin_dots = s->pin_dots;
    victim->pin_message = s->pin_message;
    victim->quiz_ring = s->quiz_ring;
    victim->frame = s->frame ? SDL_CreateTextureFromSurface(st->ren, s->frame) : NULL;
    bool ok = victim->frame != NULL;
    if (ok && s->body && s->body->h > 0)
        ok = upload_body(st, victim, s->body) == 0;
    screen_free(s);
    if (!ok) {
        log_err("screen: cannot upload a screen: %s", SDL_GetError());
        drop(victim);
        return NULL;
    }
    victim->used = true;
    victim->last = ++st->tick;
    return victim;
}

float stage_scroll_max(const struct stage_entry *e)
{
    return e->body_h > e->body_view.h ? (float)(e->body_h - e->body_view.h) : 0.0f;
}

void stage_draw(struct stage *st, struct stage_entry *e, float scroll_y)
{
    SDL_RenderCopy(st->ren, e->frame, NULL, NULL);
    if (!e->n_tiles)
        return;
    SDL_RenderSetClipRect(st->ren, &e->body_view);
    int y0 = e->body_view.y - (int)lroundf(scroll_y);
    for (int i = 0; i < e->n_tiles; i++) {
        int w, h;
        SDL_QueryTexture(e->tiles[i], NULL, NULL, &w, &h);
        SDL_Rect d = {e->body_view.x, y0 + i * e->tile_h, w, h};
        if (d.y + d.h <= e->body_view.y || d.y >= e->body_view.y + e->body_view.h)
            continue;
        SDL_RenderCopy(st->ren, e->tiles[i], NULL, &d);
    }
    SDL_RenderSetClipRect(st->ren, NULL);
}

SDL_Rect stage_hit_rect(const struct stage_entry *e, const struct hit *h, float scroll_y)
{
    SDL_Rect r = h->r;
    if (h->in_body) {
        r.x += e->body_view.x;
        r.y += e->body_view.y - (int)lroundf(scroll_y);
    }
    return r;
}

const struct hit *stage_hit_at(const struct stage_entry *e, float x, float y, float scroll_y)
{
    SDL_Point p = {(int)x, (int)y};
    for (size_t i = e->n_hits; i-- > 0;) {
        const struct hit *h = &e->hits[i];
        if (h->in_body && !SDL_PointInRect(&p, &e->body_view))
            continue;
        SDL_Rect r = stage_hit_rect(e, h, scroll_y);
        if (SDL_PointInRect(&p, &r))
            return h;
    }
    return NULL;
}
