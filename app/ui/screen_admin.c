/* The hidden maintenance screens: the PIN pad and the panel behind it. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/screen.h"
#include "ui/screen_kit.h"
#include "ui/sysinfo.h"

#define CLOSE_LABEL "\xE5\x85\xB3\xE9\x97\xAD" /* 关闭 */

struct screen *screen_pin(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    int mh = (int)(g->h * (g->portrait ? 0.12f : 0.18f));
    slide_draw_art(c, d, "mountains", (SDL_Rect){0, g->h - mh, g->w, mh}, 0, 1, 30);

    /* Keys sized from the screen, never under the touch minimum. */
    int kh = SDL_max(c->min_target, geom_px(g, g->portrait ? 10.5f : 8.6f));
    int kw = SDL_max(c->min_target, kh * 3 / 2), gap = geom_px(g, 1.5f);
    int pad = geom_px(g, 4.0f);
    int tpx = geom_px(g, 3.6f), spx = geom_px(g, 2.0f);
    int dots_h = geom_px(g, 6.0f), msg_h = SDL_max(geom_px(g, 3.6f), 24);
    int close_h = SDL_max(c->min_target, geom_px(g, 6.5f));
    int pad_w = 3 * kw + 2 * gap, pad_h = 4 * kh + 3 * gap;
    int inner_h = tpx + geom_px(g, 1.6f) + spx + geom_px(g, 3.0f) + dots_h + msg_h + geom_px(g, 1.2f) + pad_h +
                  geom_px(g, 2.6f) + close_h;
    SDL_Rect p = {(g->w - pad_w) / 2 - pad, (g->h - inner_h) / 2 - pad, pad_w + 2 * pad, inner_h + 2 * pad};
    kit_card(c, d, p, th->red);

    int cx = g->w / 2, x0 = p.x + pad, y = p.y + pad;
    const char *title = "\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98\xE9\xAA\x8C\xE8\xAF\x81"; /* 管理员验证 */
    text_line(d, &c->fonts.bold, tpx, title, cx, y + tpx / 2, ALIGN_CENTER, geom_px(g, 0.3f), rgba_of(th->ink, 255));
    y += tpx + geom_px(g, 1.6f);
    const char *sub = "\xE8\xAF\xB7\xE8\xBE\x93\xE5\x85\xA5\xE7\xBB\xB4\xE6\x8A\xA4\xE5\xAF\x86\xE7\xA0\x81"; /* 请输入维护密码 */
    text_line(d, &c->fonts.sans, spx, sub, cx, y + spx / 2, ALIGN_CENTER, 0, rgba_of(th->ink, 150));
    y += spx + geom_px(g, 3.0f);

    /* The field the UI fills with one dot per digit, then its status line. */
    s->pin_dots = (SDL_Rect){x0, y, pad_w, dots_h};
    struct rgb field = rgb_mix(th->paper, th->gold, 0.08f);
    gfx_fill_round_rect(d, (float)x0, (float)y, (float)pad_w, (float)dots_h, (float)geom_px(g, 0.8f),
                        rgba_of(field, 255));
    gfx_fill_rect(d, (float)x0 + geom_px(g, 3), (float)(y + dots_h) - SDL_max(1.0f, g->u * 0.14f),
                  (float)(pad_w - 2 * geom_px(g, 3)), SDL_max(1.0f, g->u * 0.14f), rgba_of(th->gold, 220));
    y += dots_h;
    s->pin_message = (SDL_Rect){x0, y, pad_w, msg_h};
    y += msg_h + geom_px(g, 1.2f);

    for (int i = 0; i < 12; i++) {
        SDL_Rect r = {x0 + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        if (i == 9) {
            kit_button(c, s, r, "\xE5\x88\xA0\xE9\x99\xA4", ICON_NONE, BUTTON_QUIET, HIT_PIN_DELETE, 0); /* 删除 */
        } else if (i == 11) {
            kit_button(c, s, r, "\xE7\xA1\xAE\xE5\xAE\x9A", ICON_NONE, BUTTON_PRIMARY, HIT_PIN_ENTER, 0); /* 确定 */
        } else {
            /* Digits: paper keys with a gold edge and a large numeral. */
            int digit = i == 10 ? 0 : i + 1;
            char label[2] = {(char)('0' + digit), 0};
            float rad = (float)geom_px(g, 0.8f);
            struct rgb mat = rgb_mix(th->paper, (struct rgb){255, 255, 255}, 0.7f);
            gfx_fill_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad, rgba_of(mat, 255));
            gfx_stroke_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad,
                                  SDL_max(1.0f, g->u * 0.12f), rgba_of(th->gold, 200));
            text_line(d, &c->fonts.bold, (int)(kh * 0.42f), label, r.x + r.w / 2, r.y + r.h / 2, ALIGN_CENTER, 0,
                      rgba_of(th->ink, 250));
            screen_add_hit(s, r, HIT_PIN_DIGIT, digit, false);
        }
    }
    y += pad_h + geom_px(g, 2.6f);
    kit_button(c, s, (SDL_Rect){x0, y, pad_w, close_h}, CLOSE_LABEL, ICON_CLOSE, BUTTON_QUIET, HIT_CLOSE, 0);
    return s;
}

/* --- the panel --- */

struct row {
    const char *label;
    char value[512];
};

static void fill_rows(const struct screen_key *k, struct row *rows, size_t *n)
{
    const struct admin_status *st = &k->status;
    const char *unknown = "\xE6\x9C\xAA\xE7\x9F\xA5"; /* 未知 */
    size_t i = 0;
#define ROW(lbl, ...)                                                                                                 \
    do {                                                                                                              \
        rows[i].label = lbl;                                                                                          \
        snprintf(rows[i].value, sizeof rows[i].value, __VA_ARGS__);                                                   \
        if (!rows[i].value[0])                                                                                        \
            snprintf(rows[i].value, sizeof rows[i].value, "%s", unknown);                                             \
        i++;                                                                                                          \
    } while (0)
    ROW("\xE7\xA8\x8B\xE5\xBA\x8F\xE7\x89\x88\xE6\x9C\xAC", "%s", st->app_version);     /* 程序版本 */
    ROW("\xE5\x86\x85\xE5\xAE\xB9", "%s", st->content);                                 /* 内容 */
    ROW("\xE5\x86\x85\xE5\xAE\xB9\xE7\x89\x88\xE6\x9C\xAC", "%s", st->content_version); /* 内容版本 */
    ROW("\xE5\x86\x85\xE5\xAE\xB9\xE6\x97\xA5\xE6\x9C\x9F", "%s", st->content_date);    /* 内容日期 */
    ROW("\xE6\x9C\x80\xE8\xBF\x91\xE5\x90\x8C\xE6\xAD\xA5", "%s", st->last_sync);       /* 最近同步 */
    if (st->syncing) {
        const char *none = "\xE6\x97\xA0"; /* 无 */
        ROW("\xE6\x9C\x80\xE8\xBF\x91\xE6\x88\x90\xE5\x8A\x9F", "%s", st->last_success[0] ? st->last_success : none); /* 最近成功 */
        ROW("\xE6\x9C\x80\xE8\xBF\x91\xE9\x94\x99\xE8\xAF\xAF", "%s", st->last_error[0] ? st->last_error : none);     /* 最近错误 */
    }

    char buf[512];
    if (sysinfo_addresses(buf, sizeof buf, 3) == 0)
        snprintf(buf, sizeof buf, "\xE6\x9C\xAA\xE8\xBF\x9E\xE6\x8E\xA5\xE7\xBD\x91\xE7\xBB\x9C"); /* 未连接网络 */
    ROW("\xE7\xBD\x91\xE7\xBB\x9C\xE5\x9C\xB0\xE5\x9D\x80", "%s", buf); /* 网络地址 */
    char disk[32];
    if (sysinfo_disk_free(st->state_dir, disk, sizeof disk) == 0)
        ROW("\xE5\x89\xA9\xE4\xBD\x99\xE7\xA3\x81\xE7\x9B\x98", "%s  (%s)", disk, st->state_dir); /* 剩余磁盘 */
    else
        ROW("\xE5\x89\xA9\xE4\xBD\x99\xE7\xA3\x81\xE7\x9B\x98", "%s", unknown);
    buf[0] = 0;
    if (st->started > 0 && st->now >= st->started)
        sysinfo_duration((long)(st->now - st->started), buf, sizeof buf);
    ROW("\xE8\xBF\x90\xE8\xA1\x8C\xE6\x97\xB6\xE9\x97\xB4", "%s", buf); /* 运行时间 */
    long up = sysinfo_uptime();
    buf[0] = 0;
    if (up >= 0)
        sysinfo_duration(up, buf, sizeof buf);
    ROW("\xE5\xBC\x80\xE6\x9C\xBA\xE6\x97\xB6\xE9\x95\xBF", "%s", buf);            /* 开机时长 */
    ROW("\xE5\xB1\x8F\xE5\xB9\x95\xE7\xBC\x96\xE5\x8F\xB7", "%s", st->screen_id); /* 屏幕编号 */
    if (st->width > 0 && st->height > 0)
        ROW("\xE5\x88\x86\xE8\xBE\xA8\xE7\x8E\x87", "%d \xC3\x97 %d", st->width, st->height); /* 分辨率 w × h */
    else
        ROW("\xE5\x88\x86\xE8\xBE\xA8\xE7\x8E\x87", "%s", unknown);
    ROW("\xE5\xB1\x8F\xE5\xB9\x95\xE4\xBC\x91\xE7\x9C\xA0", "%s", st->sleep); /* 屏幕休眠 */
#undef ROW
    *n = i;
}

#define MAX_ROWS 16

/* The status table in a card at r. With d NULL only measures: returns the
 * height the table wants at its most generous row spacing. */
static int status_table(struct slide_ctx *c, SDL_Surface *d, const struct screen_key *k, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    struct row rows[MAX_ROWS];
    size_t n = 0;
    fill_rows(k, rows, &n);

    int pad = geom_px(g, 2.6f);
    int lpx = geom_px(g, g->portrait ? 2.1f : 1.9f), vpx = geom_px(g, g->portrait ? 2.3f : 2.05f);
    int label_w = text_line_width(&c->fonts.sans, lpx, "\xE5\x89\xA9\xE4\xBD\x99\xE7\xA3\x81\xE7\x9B\x98", 0) +
                  geom_px(g, 3.0f); /* 剩余磁盘, the widest label */
    int vx = r.x + pad + label_w, vw = r.x + r.w - pad - vx;
    struct text_block tb[MAX_ROWS];
    int lines = 0;
    for (size_t i = 0; i < n; i++) {
        kit_clamp(&tb[i], &c->fonts.sans, rows[i].value, vw, vpx, 1.45f, 4);
        lines += (int)SDL_max((size_t)1, tb[i].n_lines);
    }
    /* Rows share the height; multi-line values (addresses) take more. */
    int line_h = (int)(vpx * 1.45f);
    int most = geom_px(g, 2.6f), least = geom_px(g, 0.8f);
    int natural = 2 * pad + lines * line_h + most * (int)n;
    if (!d) {
        for (size_t i = 0; i < n; i++)
            text_block_free(&tb[i]);
        return natural;
    }
    kit_card(c, d, r, th->gold);
    int avail = r.h - 2 * pad;
    int extra = SDL_max(least, SDL_min(most, (avail - lines * line_h) / (int)n));
    int y = r.y + pad + SDL_max(0, (avail - (lines * line_h + extra * (int)n)) / 2);
    for (size_t i = 0; i < n; i++) {
        int rh = (int)SDL_max((size_t)1, tb[i].n_lines) * line_h + extra;
        int ty = y + extra / 2 + (line_h - vpx) / 2;
        text_line(d, &c->fonts.sans, lpx, rows[i].label, r.x + pad, ty + vpx / 2, ALIGN_LEFT, 0,
                  rgba_of(th->ink, 150));
        text_draw(d, &tb[i], vx, ty, ALIGN_LEFT, false, rgba_of(th->ink, 245));
        if (i + 1 < n)
            gfx_fill_rect(d, (float)(r.x + pad), (float)(y + rh), (float)(r.w - 2 * pad), SDL_max(1.0f, g->u * 0.08f),
                          rgba_of(th->gold, 90));
        y += rh;
        text_block_free(&tb[i]);
    }
    return natural;
}

/* A power symbol for the exit action: a ring open at the top and a stem. */
static void power_icon(SDL_Surface *d, float cx, float cy, float size, float t, struct rgba col)
{
    float pts[2 * 17], r = size / 2;
    for (int i = 0; i < 17; i++) {
        float a = (40.0f + 280.0f * (float)i / 16.0f) * (float)M_PI / 180.0f; /* clockwise from the top */
        pts[2 * i] = cx + r * sinf(a);
        pts[2 * i + 1] = cy - r * cosf(a);
    }
    kit_polyline(d, pts, 17, t, col);
    float stem[4] = {cx, cy - r * 1.15f, cx, cy - r * 0.2f};
    kit_polyline(d, stem, 2, t, col);
}

/* Exit is kept apart and drawn in deep red on paper: a deliberate action. */
static void exit_button(struct slide_ctx *c, struct screen *s, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    struct rgb deep = rgb_mix(th->red, th->ink, 0.3f);
    float rad = SDL_min(r.h / 2.0f, (float)geom_px(g, 0.8f));
    gfx_fill_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad,
                        rgba_of(rgb_mix(th->paper, th->red, 0.07f), 255));
    gfx_stroke_round_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)r.h, rad, SDL_max(2.0f, g->u * 0.24f),
                          rgba_of(deep, 255));
    const char *label = "\xE9\x80\x80\xE5\x87\xBA\xE7\xA8\x8B\xE5\xBA\x8F"; /* 退出程序 */
    int px = SDL_min(geom_px(g, 2.4f), (int)(r.h * 0.36f));
    int lw = text_line_width(&c->fonts.bold, px, label, px / 8);
    int x = r.x + (r.w - (lw + px + px / 2)) / 2, cy = r.y + r.h / 2;
    power_icon(d, x + px / 2.0f, (float)cy + px * 0.06f, px * 0.8f, SDL_max(1.5f, px * 0.1f), rgba_of(deep, 255));
    text_line(d, &c->fonts.bold, px, label, x + px + px / 2, cy, ALIGN_LEFT, px / 8, rgba_of(deep, 255));
    screen_add_hit(s, r, HIT_ADMIN_EXIT, 0, false);
}

/* The panel's own bar: title on the left, 关闭 on the right. */
static void admin_bar(struct slide_ctx *c, struct screen *s)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    float rule = SDL_max(1.0f, g->u * 0.14f);
    int bar = screen_bar_height(g), cy = (int)((bar - rule) / 2);
    int bh = SDL_max(c->min_target, (int)(bar * 0.6f));
    if (cy - bh / 2 < 0) /* a touch minimum beyond the bar: keep the button on screen */
        cy = bh / 2;
    int tpx = geom_px(g, 3.3f);
    const char *title = "\xE7\xBB\xB4\xE6\x8A\xA4\xE9\x9D\xA2\xE6\x9D\xBF"; /* 维护面板 */
    int w = slide_chip(c, s->frame, g->mx, cy, "\xE7\xAE\xA1\xE7\x90\x86\xE5\x91\x98", th->red, KIT_CREAM,
                       geom_px(g, 1.7f)); /* 管理员 */
    text_line(s->frame, &c->fonts.bold, tpx, title, g->mx + w + geom_px(g, 1.8f), cy, ALIGN_LEFT, geom_px(g, 0.3f),
              rgba_of(th->ink, 245));
    int cw = kit_button_width(c, bh, CLOSE_LABEL, ICON_CLOSE);
    kit_button(c, s, (SDL_Rect){g->w - g->mx - cw, cy - bh / 2, cw, bh}, CLOSE_LABEL, ICON_CLOSE, BUTTON_QUIET,
               HIT_CLOSE, 0);
    gfx_fill_rect(s->frame, (float)g->mx, bar - rule, (float)(g->w - 2 * g->mx), rule, rgba_of(th->gold, 230));
}

/* The result of the last action, on a pale gold strip; returns its height. */
static int message_strip(struct slide_ctx *c, SDL_Surface *d, const char *msg, SDL_Rect r)
{
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    if (!msg[0])
        return 0;
    int px = geom_px(g, 2.1f), pad = geom_px(g, 1.6f);
    struct text_block tb;
    kit_clamp(&tb, &c->fonts.sans, msg, r.w - 2 * pad - geom_px(g, 3), px, 1.45f, 2);
    int h = text_height(&tb) + 2 * pad;
    gfx_fill_rect(d, (float)r.x, (float)r.y, (float)r.w, (float)h, rgba_of(rgb_mix(th->paper, th->gold, 0.2f), 255));
    gfx_fill_rect(d, (float)r.x, (float)r.y, (float)geom_px(g, 0.5f), (float)h, rgba_of(th->gold, 255));
    text_draw(d, &tb, r.x + pad + geom_px(g, 1), r.y + pad, ALIGN_LEFT, false, rgba_of(th->ink, 245));
    text_block_free(&tb);
    return h;
}

/* An action button with a one-line note under it; returns the bottom. */
static int action(struct slide_ctx *c, struct screen *s, SDL_Rect r, const char *label, const char *note,
                  enum button_style style, enum hit_action act)
{
    const struct geom *g = &c->g;
    SDL_Rect b = kit_button(c, s, r, label, ICON_NONE, style, act, 0);
    int px = geom_px(g, 1.7f);
    char cut[160];
    kit_ellipsize(&c->fonts.sans, px, note, r.w, cut, sizeof cut);
    int y = b.y + b.h + geom_px(g, 1.0f) + px / 2;
    text_line(s->frame, &c->fonts.sans, px, cut, b.x + b.w / 2, y, ALIGN_CENTER, 0, rgba_of(c->theme->ink, 140));
    return y + px / 2;
}

struct screen *screen_admin(struct slide_ctx *c, const struct screen_key *k)
{
    struct screen *s = screen_new(c, k);
    if (!s)
        return NULL;
    const struct geom *g = &c->g;
    const struct theme *th = c->theme;
    SDL_Surface *d = s->frame;
    admin_bar(c, s);

    int top = screen_bar_height(g) + geom_px(g, 3.0f), bottom = g->h - geom_px(g, 4.0f);
    int cw = g->w - 2 * g->mx, gap = geom_px(g, 3.0f);
    int mh = message_strip(c, d, k->status.message, (SDL_Rect){g->mx, top, cw, 0});
    if (mh)
        top += mh + geom_px(g, 2.4f);

    int bh = SDL_max(c->min_target, geom_px(g, 7.0f));
    int cap_px = geom_px(g, 1.7f);
    const char *sync = "\xE7\xAB\x8B\xE5\x8D\xB3\xE5\x90\x8C\xE6\xAD\xA5";                     /* 立即同步 */
    const char *reload = "\xE9\x87\x8D\xE6\x96\xB0\xE8\xBD\xBD\xE5\x85\xA5\xE5\x86\x85\xE5\xAE\xB9"; /* 重新载入内容 */
    const char *sync_note = "\xE4\xBB\x8E\xE5\x86\x85\xE5\xAE\xB9\xE6\xBA\x90\xE6\xA3\x80\xE6\x9F\xA5\xE5\xB9\xB6"
                            "\xE4\xB8\x8B\xE8\xBD\xBD\xE6\x9B\xB4\xE6\x96\xB0"; /* 从内容源检查并下载更新 */
    const char *reload_note = "\xE9\x87\x8D\xE6\x96\xB0\xE8\xAF\xBB\xE5\x8F\x96\xE5\x86\x85\xE5\xAE\xB9\xE7\x9B"
                              "\xAE\xE5\xBD\x95\xEF\xBC\x8C\xE5\x88\xB7\xE6\x96\xB0\xE5\xB1\x95\xE7\xA4\xBA"; /* 重新读取内容目录，刷新展示 */
    const char *export = "\xE5\xAF\xBC\xE5\x87\xBA\xE6\x88\x90\xE7\xBB\xA9"; /* 导出成绩 */
    const char *export_note = "\xE5\x86\x99\xE5\x85\xA5\xE5\xAF\xBC\xE5\x87\xBA\xE7\x9B\xAE\xE5\xBD\x95"
                              "\xEF\xBC\x88\x43\x53\x56\xEF\xBC\x89"; /* 写入导出目录（CSV） */
    const char *caption = "\xE4\xBD\x9C\xE4\xB8\xBA\xE7\xB3\xBB\xE7\xBB\x9F\xE6\x9C\x8D\xE5\x8A\xA1\xE8\xBF\x90\xE8"
                          "\xA1\x8C\xE6\x97\xB6\xEF\xBC\x8C\xE9\x80\x80\xE5\x87\xBA\xE5\x90\x8E\xE4\xBC\x9A\xE8\x87"
                          "\xAA\xE5\x8A\xA8\xE9\x87\x8D\xE6\x96\xB0\xE5\x90\xAF\xE5\x8A\xA8"; /* 作为系统服务运行时，退出后会自动重新启动 */
    struct text_block cap;
    if (!g->portrait) {
        /* The table on the left; the actions in a column on the right. */
        int aw = SDL_max(geom_px(g, 34), cw * 3 / 10);
        status_table(c, d, k, (SDL_Rect){g->mx, top, cw - aw - gap, bottom - top});
        int ax = g->mx + cw - aw;
        int y = action(c, s, (SDL_Rect){ax, top, aw, bh}, sync, sync_note, BUTTON_PRIMARY, HIT_ADMIN_SYNC);
        y = action(c, s, (SDL_Rect){ax, y + geom_px(g, 3.0f), aw, bh}, reload, reload_note, BUTTON_SECONDARY,
                   HIT_ADMIN_RELOAD);
        action(c, s, (SDL_Rect){ax, y + geom_px(g, 3.0f), aw, bh}, export, export_note, BUTTON_SECONDARY,
               HIT_ADMIN_EXPORT);
        SDL_Rect ex = {ax, bottom - bh, aw, bh};
        kit_clamp(&cap, &c->fonts.sans, caption, aw, cap_px, 1.45f, 3);
        int cy = ex.y - geom_px(g, 1.4f) - text_height(&cap);
        gfx_fill_rect(d, (float)ax, (float)(cy - geom_px(g, 2.4f)), (float)aw, SDL_max(1.0f, g->u * 0.1f),
                      rgba_of(th->gold, 140));
        text_draw(d, &cap, ax, cy, ALIGN_CENTER, false, rgba_of(th->ink, 150));
        exit_button(c, s, ex);
    } else {
        /* The table above, sync and reload side by side under it, exit
         * apart at the foot of the screen. */
        int bw = (cw - gap) / 2, ey = bottom - bh;
        kit_clamp(&cap, &c->fonts.sans, caption, cw, cap_px, 1.45f, 2);
        int cap_y = ey - geom_px(g, 1.4f) - text_height(&cap);
        int actions_h = 2 * (bh + geom_px(g, 2.0f) + cap_px) + geom_px(g, 3.0f);
        int room = cap_y - geom_px(g, 6.0f) - actions_h - geom_px(g, 4.0f) - top;
        int th_ = SDL_min(room, status_table(c, NULL, k, (SDL_Rect){g->mx, top, cw, 0}));
        status_table(c, d, k, (SDL_Rect){g->mx, top, cw, th_});
        int ay = top + th_ + geom_px(g, 4.0f);
        action(c, s, (SDL_Rect){g->mx, ay, bw, bh}, sync, sync_note, BUTTON_PRIMARY, HIT_ADMIN_SYNC);
        int y2 = action(c, s, (SDL_Rect){g->mx + bw + gap, ay, bw, bh}, reload, reload_note, BUTTON_SECONDARY,
                        HIT_ADMIN_RELOAD);
        action(c, s, (SDL_Rect){g->mx, y2 + geom_px(g, 3.0f), bw, bh}, export, export_note, BUTTON_SECONDARY,
               HIT_ADMIN_EXPORT);
        gfx_fill_rect(d, (float)g->mx, (float)(cap_y - geom_px(g, 2.4f)), (float)cw, SDL_max(1.0f, g->u * 0.1f),
                      rgba_of(th->gold, 140));
        text_draw(d, &cap, g->mx, cap_y, ALIGN_CENTER, false, rgba_of(th->ink, 150));
        exit_button(c, s, (SDL_Rect){g->mx, ey, cw, bh});
    }
    text_block_free(&cap);
    return s;
}
