#include "ui/input.h"

#include <string.h>

#include "core/rotation.h"

void input_init(struct input *in, int w, int h, bool windowed, float px_per_mm, SDL_Keycode exit_key)
{
    memset(in, 0, sizeof *in);
    in->w = w;
    in->h = h;
    in->windowed = windowed;
    in->exit_key = exit_key;
    struct gesture_params p = gesture_params_default(px_per_mm);
    gesture_init(&in->gest, &p);
}

void input_set_rotation(struct input *in, int rotate, int win_w, int win_h)
{
    in->rotate = win_w > 0 && win_h > 0 ? rotate : 0;
    in->win_w = win_w;
    in->win_h = win_h;
}

/* A touch, normalized over the panel -> pixels of the upright picture. */
static void touch_point(const struct input *in, float nx, float ny, float *x, float *y)
{
    float lx = nx, ly = ny;
    rotation_from_panel(in->rotate, nx, ny, &lx, &ly);
    *x = lx * (float)in->w;
    *y = ly * (float)in->h;
}

/* A mouse position in window units -> pixels of the upright picture. */
static void mouse_point(const struct input *in, int mx, int my, float *x, float *y)
{
    if (!in->rotate) {
        *x = (float)mx;
        *y = (float)my;
        return;
    }
    touch_point(in, ((float)mx + 0.5f) / (float)in->win_w, ((float)my + 0.5f) / (float)in->win_h, x, y);
}

static struct input_action act(enum input_kind k) { return (struct input_action){.kind = k}; }

/* Gesture events to intents. */
static int translate(const struct gesture_event *ev, int n, struct input_action out[INPUT_MAX_ACTIONS])
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        const struct gesture_event *g = &ev[i];
        struct input_action a = {.x = g->x, .y = g->y, .x0 = g->start_x, .y0 = g->start_y};
        switch (g->kind) {
        case GESTURE_PRESS:
            a.kind = INPUT_PRESS;
            break;
        case GESTURE_TAP:
            a.kind = INPUT_TAP;
            a.x = g->start_x; /* where the finger went down is what it aimed at */
            a.y = g->start_y;
            break;
        case GESTURE_DRAG:
            a.kind = INPUT_DRAG;
            a.dx = g->dx;
            a.dy = g->dy;
            break;
        case GESTURE_DRAG_END:
            a.kind = INPUT_DRAG_END;
            a.vx = g->vx;
            a.vy = g->vy;
            break;
        case GESTURE_SWIPE:
            if (g->dir == GESTURE_LEFT)
                a.kind = INPUT_NEXT;
            else if (g->dir == GESTURE_RIGHT)
                a.kind = INPUT_PREV;
            else
                continue; /* vertical strokes scroll through DRAG and DRAG_END */
            break;
        case GESTURE_CANCEL:
            a.kind = INPUT_CANCEL;
            break;
        case GESTURE_RELEASE:
            /* A long press that was lifted still aimed at something: treat it as a tap. */
            a.kind = INPUT_TAP;
            a.x = g->start_x;
            a.y = g->start_y;
            break;
        default:
            continue;
        }
        out[m++] = a;
    }
    return m;
}

static int key(struct input *in, const SDL_KeyboardEvent *k, struct input_action out[INPUT_MAX_ACTIONS])
{
    if (k->repeat && k->keysym.sym != SDLK_UP && k->keysym.sym != SDLK_DOWN)
        return 0;
    if (in->exit_key != SDLK_UNKNOWN && k->keysym.sym == in->exit_key) {
        out[0] = act(INPUT_QUIT);
        return 1;
    }
    struct input_action a = act(INPUT_NONE);
    float line = (float)(in->h < in->w ? in->h : in->w) / 12.0f;
    switch (k->keysym.sym) {
    case SDLK_RIGHT:
    case SDLK_SPACE:
    case SDLK_PAGEDOWN:
        a.kind = INPUT_NEXT;
        break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
        a.kind = INPUT_PREV;
        break;
    case SDLK_UP:
    case SDLK_DOWN:
        a.kind = INPUT_SCROLL;
        a.dy = k->keysym.sym == SDLK_UP ? -line : line;
        break;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
        a.kind = INPUT_BACK;
        break;
    case SDLK_HOME:
        a.kind = INPUT_HOME;
        break;
    default:
        return 0;
    }
    out[0] = a;
    return 1;
}

int input_event(struct input *in, const SDL_Event *ev, uint64_t now, struct input_action out[INPUT_MAX_ACTIONS])
{
    struct gesture_event g[GESTURE_MAX_EVENTS];
    int n = 0;
    switch (ev->type) {
    case SDL_QUIT:
        out[0] = act(INPUT_QUIT);
        return 1;
    case SDL_WINDOWEVENT:
        /* Closing the window ends a development run; a fullscreen kiosk has
         * no window to close, and ignores window managers' requests. */
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE && in->windowed) {
            out[0] = act(INPUT_QUIT);
            return 1;
        }
        if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST)
            return translate(g, gesture_reset(&in->gest, now, g), out);
        return 0;
    case SDL_KEYDOWN:
        return key(in, &ev->key, out);
    case SDL_MOUSEWHEEL:
        if (ev->wheel.y == 0)
            return 0;
        out[0] = act(INPUT_SCROLL);
        out[0].dy = (float)-ev->wheel.y * (float)(in->h < in->w ? in->h : in->w) / 12.0f;
        return 1;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        float x, y;
        int64_t id = (int64_t)ev->tfinger.fingerId;
        touch_point(in, ev->tfinger.x, ev->tfinger.y, &x, &y);
        if (ev->type == SDL_FINGERDOWN)
            n = gesture_down(&in->gest, id, x, y, now, g);
        else if (ev->type == SDL_FINGERMOTION)
            n = gesture_move(&in->gest, id, x, y, now, g);
        else
            n = gesture_up(&in->gest, id, x, y, now, g);
        break;
    }
    /* Touches also arrive as synthesized mouse events (which ==
     * SDL_TOUCH_MOUSEID): drop those, or a touch would count twice. */
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return 0;
        float x, y;
        mouse_point(in, ev->button.x, ev->button.y, &x, &y);
        if (ev->type == SDL_MOUSEBUTTONDOWN)
            n = gesture_down(&in->gest, GESTURE_MOUSE_ID, x, y, now, g);
        else
            n = gesture_up(&in->gest, GESTURE_MOUSE_ID, x, y, now, g);
        break;
    }
    case SDL_MOUSEMOTION: {
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
            return 0;
        float x, y;
        mouse_point(in, ev->motion.x, ev->motion.y, &x, &y);
        n = gesture_move(&in->gest, GESTURE_MOUSE_ID, x, y, now, g);
        break;
    }
    default:
        return 0;
    }
    return translate(g, n, out);
}

int input_tick(struct input *in, uint64_t now, struct input_action out[INPUT_MAX_ACTIONS])
{
    struct gesture_event g[GESTURE_MAX_EVENTS];
    return translate(g, gesture_tick(&in->gest, now, g), out);
}

uint64_t input_next_deadline(const struct input *in) { return gesture_next_deadline(&in->gest); }
