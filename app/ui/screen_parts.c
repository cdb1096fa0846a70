/* Parts every interactive screen is built from: the paper frame, touch
 * targets, the navigation bar, buttons and page dots. */
#include <stdlib.h>
#include <string.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"

struct screen *screen_new(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->key = *k;
    s->frame = slide_background(c, 0.0f);
    if (!s->frame) {
        free(s);
        return NULL;
    }
    SDL_SetSurfaceBlendMode(s->frame, SDL_BLENDMODE_NONE);
    return s;
}

void screen_add_hit(struct screen *s, SDL_Rect r, enum hit_action act, int arg, bool in_body)
{
    if (s->n_hits >= SCREEN_HITS)
        return;
    s->hits[s->n_hits++] = (struct hit){r, act, arg, in_body};
}

int screen_bar_height(const struct geom *g)
{
    /* Tall enough that its buttons (about 60% of it) stay comfortable
     * targets even on small screens. */
    return SDL_max(geom_px(g, 11.0f), 88);
}

/* Size of a button label and its icon for a button of height h. */
static int label_px(const struct geom *g, int h)
{
    int px = (int)(h * 0.36f);
    return SDL_max(geom_px(g, 1.8f), SDL_min(px, geom_px(g, 3.2f)));
}

static int content_width(struct slide_ctx *c, int px, const char *label, enum kit_icon icon)
{
    int w = label && *label ? text_line_width(&c->fonts.bold, px, label, px / 8) : 0;
    if (icon != ICON_NONE)
        w += px + (w ? px / 2 : 0);
    return w;
}

int kit_button_width(struct slide_ctx *c, int h, const char *label, enum kit_icon icon)
{
    int px = label_px(&c->g, h);
    int pad = SDL_max(px, h / 4);
    return SDL_max(h, content_width(c, px, label, icon) + 2 * pad);
}

static void draw_icon(SDL_Surface *d, enum kit_icon icon, float cx, float cy, int px, struct rgba fg)
{
    float t = SDL_max(1.5f, px * 0.1f);
    switch (icon) {
    case ICON_BACK:
    case ICON_PREV:
        kit_chevron(d, cx, cy, px * 0.72f, -1, t, fg);
        break;
    case ICON_NEXT:
        kit_chevron(d, cx, cy, px * 0.72f, 1, t, fg);
        break;
    case ICON_HOME:
        kit_house(d, cx, cy, px * 0.74f, t, fg);
        break;
    case ICON_CLOSE:
        kit_cross(d, cx, cy, px * 0.56f, t, fg);
        break;
    case ICON_NONE:
        break;
    }
}

SDL_Rect kit_button(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *label, enum kit_icon icon,
                    enum button_style style, enum hit_action act, int arg)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    int min = SDL_max(c->min_target, 48);
    if (r.w < min) {
        r.x -= (min - r.w) / 2;
        r.w = min;
    }
    if (r.h < min) {
        r.y -= (min - r.h) / 2;
        r.h = min;
    }
    SDL_Surface *d = s->frame;
    float x = (float)r.x, y = (float)r.y, w = (float)r.w, h = (float)r.h;
    float rad = SDL_min(h / 2, (float)geom_px(g, 0.8f));
    float line = SDL_max(1.5f, g->u * 0.18f);
    struct rgb mat = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.55f);
    struct rgba fg;
    switch (style) {
    case BUTTON_PRIMARY:
        gfx_shadow(d, r.x, r.y + geom_px(g, 0.3f), r.w, r.h, geom_px(g, 0.9f), 46);
        gfx_fill_round_rect(d, x, y, w, h, rad, rgba_of(th->red, 255));
        fg = rgba_of(KIT_CREAM, 255);
        break;
    case BUTTON_SECONDARY:
        gfx_fill_round_rect(d, x, y, w, h, rad, rgba_of(mat, 255));
        gfx_stroke_round_rect(d, x, y, w, h, rad, line, rgba_of(th->red, 230));
        fg = rgba_of(th->red, 255);
        break;
    case BUTTON_QUIET:
        gfx_fill_round_rect(d, x, y, w, h, rad, rgba_of(th->ink, 16));
        fg = rgba_of(th->ink, 235);
        break;
    case BUTTON_DISABLED:
    default:
        gfx_stroke_round_rect(d, x, y, w, h, rad, SDL_max(1.0f, line * 0.7f), rgba_of(th->ink, 40));
        fg = rgba_of(th->ink, 80);
        break;
    }

    /* The label shrinks a little, then is cut, to stay inside. */
    int px = label_px(g, r.h), min_px = geom_px(g, 1.6f);
    int pad = SDL_max(px * 3 / 4, r.h / 5);
    while (px > min_px && content_width(c, px, label, icon) > r.w - 2 * pad)
        px--;
    char text[160] = "";
    if (label && *label) {
        int room = r.w - 2 * pad - (icon != ICON_NONE ? px + px / 2 : 0);
        if (content_width(c, px, label, icon) > r.w - 2 * pad)
            kit_ellipsize(&c->fonts.bold, px, label, room, text, sizeof text);
        else
            SDL_strlcpy(text, label, sizeof text);
    }
    int sp = px / 8;
    int cw = content_width(c, px, text, icon);
    int cx = r.x + (r.w - cw) / 2, cy = r.y + r.h / 2;
    /* Icons lead the label, except the forward chevron, which follows it. */
    bool after = icon == ICON_NEXT;
    if (icon != ICON_NONE && !after) {
        draw_icon(d, icon, cx + px / 2.0f, (float)cy, px, fg);
        cx += px + (text[0] ? px / 2 : 0);
    }
    if (text[0])
        cx += text_line(d, &c->fonts.bold, px, text, cx, cy, ALIGN_LEFT, sp, fg) + px / 2;
    if (icon != ICON_NONE && after)
        draw_icon(d, icon, cx + px / 2.0f, (float)cy, px, fg);
    if (style != BUTTON_DISABLED)
        screen_add_hit(s, r, act, arg, false);
    return r;
}

SDL_Rect screen_button(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *label, enum button_style style,
                       enum hit_action act, int arg)
{
    return kit_button(c, s, r, label, ICON_NONE, style, act, arg);
}

/* The 大字 toggle: the word and a small switch, red and thrown right when on. */
static SDL_Rect large_toggle(struct slide_ctx *c, struct screen *s, int right, int cy, int h, bool on)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    const char *label = "\xE5\xA4\xA7\xE5\xAD\x97"; /* 大字 */
    int px = label_px(g, h), pad = SDL_max(px * 3 / 4, h / 5);
    int tw = text_line_width(&c->fonts.bold, px, label, px / 8);
    int th_ = (int)(px * 0.95f), tr_w = (int)(th_ * 1.8f), gap = px / 2;
    int w = SDL_max(c->min_target, pad + tw + gap + tr_w + pad);
    SDL_Rect r = {right - w, cy - h / 2, w, h};
    SDL_Surface *d = s->frame;
    float rad = SDL_min(h / 2.0f, (float)geom_px(g, 0.8f));
    if (on) {
        gfx_fill_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad,
                            rgba_of(rgb_mix(th->paper, th->red, 0.12f), 255));
        gfx_stroke_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad, SDL_max(1.5f, g->u * 0.18f),
                              rgba_of(th->red, 230));
    } else {
        gfx_fill_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad, rgba_of(th->ink, 16));
    }
    int x = r.x + (r.w - (tw + gap + tr_w)) / 2;
    text_line(d, &c->fonts.bold, px, label, x, cy, ALIGN_LEFT, px / 8, rgba_of(on ? th->red : th->ink, 235));
    float tx = (float)(x + tw + gap), ty = cy - th_ / 2.0f;
    gfx_fill_round_rect(d, tx, ty, (float)tr_w, (float)th_, th_ / 2.0f,
                        on ? rgba_of(th->red, 255) : rgba_of(th->ink, 56));
    float kr = th_ / 2.0f - SDL_max(2.0f, th_ * 0.12f);
    float kx = on ? tx + tr_w - th_ / 2.0f : tx + th_ / 2.0f;
    gfx_fill_circle(d, kx, (float)cy, kr, rgba_of(KIT_CREAM, 255));
    screen_add_hit(s, r, HIT_LARGE, on ? 0 : 1, false);
    return r;
}

/* The bar's title between left and right: centred on the screen when it
 * fits so, else centred in the space it has; a long title shrinks, then
 * takes two lines, and is cut only after that. */
static void bar_title(struct slide_ctx *c, SDL_Surface *d, const char *title, int left, int right, int cy)
{
    const struct geom *g = &c->g;
    struct rgba ink = rgba_of(c->theme->ink, 245);
    int half = SDL_min(g->w / 2 - left, right - g->w / 2);
    int px = geom_px(g, 3.3f), min_px = geom_px(g, 2.6f), sp = geom_px(g, 0.3f);
    for (; px >= min_px; px--) {
        int w = text_line_width(&c->fonts.bold, px, title, sp);
        if (w <= 2 * half) {
            text_line(d, &c->fonts.bold, px, title, g->w / 2, cy, ALIGN_CENTER, sp, ink);
            return;
        }
        if (w <= right - left) {
            text_line(d, &c->fonts.bold, px, title, (left + right) / 2, cy, ALIGN_CENTER, sp, ink);
            return;
        }
    }
    struct text_block tb;
    if (right > left && kit_clamp(&tb, &c->fonts.bold, title, right - left, geom_px(g, 2.2f), 1.3f, 2) == 0) {
        text_balance(&tb);
        text_draw(d, &tb, left, cy - text_height(&tb) / 2, ALIGN_CENTER, false, ink);
    }
    text_block_free(&tb);
}

void screen_nav_bar(struct slide_ctx *c, struct screen *s, const char *title, bool with_large, bool large_on)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    float rule = SDL_max(1.0f, g->u * 0.14f);
    int bar = screen_bar_height(g);
    int cy = (int)((bar - rule) / 2);
    int bh = SDL_max(c->min_target, (int)(bar * 0.6f));
    int gap = geom_px(g, 1.2f);
    if (cy - bh / 2 < 0) /* a touch minimum beyond the bar: keep the buttons on screen */
        cy = bh / 2;

    const char *back = "\xE8\xBF\x94\xE5\x9B\x9E", *home = "\xE9\xA6\x96\xE9\xA1\xB5"; /* 返回, 首页 */
    int bw = kit_button_width(c, bh, back, ICON_BACK);
    SDL_Rect b = kit_button(c, s, (SDL_Rect){g->mx, cy - bh / 2, bw, bh}, back, ICON_BACK, BUTTON_QUIET, HIT_BACK, 0);
    int hw = kit_button_width(c, bh, home, ICON_HOME);
    SDL_Rect h = kit_button(c, s, (SDL_Rect){g->w - g->mx - hw, cy - bh / 2, hw, bh}, home, ICON_HOME, BUTTON_QUIET,
                            HIT_HOME, 0);
    int right_edge = h.x;
    if (with_large)
        right_edge = large_toggle(c, s, h.x - gap, cy, bh, large_on).x;

    if (title && *title)
        bar_title(c, s->frame, title, b.x + b.w + geom_px(g, 2), right_edge - geom_px(g, 2), cy);
    gfx_fill_rect(s->frame, (float)g->mx, bar - rule, (float)(g->w - 2 * g->mx), rule, rgba_of(th->gold, 230));
}

void screen_page_dots(struct slide_ctx *c, SDL_Surface *dst, int cx, int cy, size_t page, size_t n)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (n < 2)
        return;
    /* As the attract loop's dots: ink dots, the current one a gold pill. */
    float r = g->u * 0.42f, half = g->u * 1.2f;
    float step = SDL_min(g->u * 2.3f, g->u * 40.0f / (float)n);
    float x0 = cx - step * (float)(n - 1) / 2;
    for (size_t i = 0; i < n; i++)
        if (i != page)
            gfx_fill_circle(dst, x0 + step * (float)i, (float)cy, SDL_min(r, step * 0.3f), rgba_of(th->ink, 60));
    float ax = x0 + step * (float)page;
    gfx_fill_round_rect(dst, ax - half, cy - r * 1.05f, 2 * half, 2 * r * 1.05f, r * 1.05f, rgba_of(th->gold, 255));
}
