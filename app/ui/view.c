#include "ui/view.h"

#include <math.h>
#include <string.h>

#include "core/log.h"

void view_init(struct view *v, SDL_Renderer *ren, int w, int h)
{
    memset(v, 0, sizeof *v);
    v->ren = ren;
    v->w = w;
    v->h = h;
}

void view_clear(struct view *v)
{
    for (int i = 0; i < VIEW_SLOTS; i++) {
        if (v->slot[i].tex)
            SDL_DestroyTexture(v->slot[i].tex);
        memset(&v->slot[i], 0, sizeof v->slot[i]);
    }
}

static struct view_slot *find(struct view *v, size_t item)
{
    for (int i = 0; i < VIEW_SLOTS; i++)
        if (v->slot[i].used && v->slot[i].item == item)
            return &v->slot[i];
    return NULL;
}

bool view_has(const struct view *v, size_t item)
{
    return find((struct view *)v, item) != NULL;
}

bool view_put(struct view *v, size_t item, SDL_Surface *surface, const size_t *keep, size_t n_keep)
{
    struct view_slot *s = find(v, item);
    if (!s) {
        for (int i = 0; i < VIEW_SLOTS; i++) {
            struct view_slot *c = &v->slot[i];
            bool kept = false;
            for (size_t k = 0; c->used && k < n_keep; k++)
                kept |= keep[k] == c->item;
            if (kept)
                continue;
            if (!s || !c->used || (s->used && c->last < s->last))
                s = c;
        }
        if (!s)
            return false;
    }
    if (s->tex)
        SDL_DestroyTexture(s->tex);
    s->tex = NULL;
    if (surface) {
        s->tex = SDL_CreateTextureFromSurface(v->ren, surface);
        if (!s->tex)
            log_err("SDL_CreateTextureFromSurface() failed: %s", SDL_GetError());
    }
    s->used = true;
    s->item = item;
    s->last = ++v->tick;
    return true;
}

void view_retain(struct view *v, const size_t *keep, size_t n_keep)
{
    for (int i = 0; i < VIEW_SLOTS; i++) {
        struct view_slot *s = &v->slot[i];
        bool kept = false;
        for (size_t k = 0; s->used && k < n_keep; k++)
            kept |= keep[k] == s->item;
        if (!s->used || kept)
            continue;
        if (s->tex)
            SDL_DestroyTexture(s->tex);
        memset(s, 0, sizeof *s);
    }
}

SDL_Texture *view_take(struct view *v, size_t item)
{
    struct view_slot *s = find(v, item);
    if (!s)
        return NULL;
    SDL_Texture *t = s->tex;
    memset(s, 0, sizeof *s);
    return t;
}

static void draw_slide(struct view *v, size_t item, float x, Uint8 alpha, struct rgb paper)
{
    struct view_slot *s = find(v, item);
    SDL_FRect dst = {x, 0, (float)v->w, (float)v->h};
    if (s)
        s->last = ++v->tick;
    if (s && s->tex) {
        SDL_SetTextureBlendMode(s->tex, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(s->tex, alpha);
        SDL_RenderCopyF(v->ren, s->tex, NULL, &dst);
    } else {
        /* Not ready (or failed): plain paper, never a black hole. */
        SDL_SetRenderDrawBlendMode(v->ren, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(v->ren, paper.r, paper.g, paper.b, alpha);
        SDL_RenderFillRectF(v->ren, &dst);
    }
}

void view_draw_alpha(struct view *v, size_t item, float alpha, struct rgb paper)
{
    draw_slide(v, item, 0, (Uint8)lroundf((alpha < 0 ? 0 : alpha > 1 ? 1 : alpha) * 255.0f), paper);
}

void view_draw(struct view *v, const struct attract_frame *f, struct rgb paper)
{
    int dir = f->direction;
    if (!f->transitioning) {
        draw_slide(v, f->item, 0, 255, paper);
        return;
    }
    float p = f->progress < 0 ? 0 : f->progress > 1 ? 1 : f->progress;
    if (f->kind == TRANSITION_SLIDE) {
        float off = roundf(p * (float)v->w) * (dir < 0 ? -1.0f : 1.0f);
        draw_slide(v, f->item, -off, 255, paper);
        draw_slide(v, f->next_item, (dir < 0 ? -(float)v->w : (float)v->w) - off, 255, paper);
    } else {
        draw_slide(v, f->item, 0, 255, paper);
        draw_slide(v, f->next_item, 0, (Uint8)lroundf(p * 255.0f), paper);
    }
}
