#include "ui/input.h"

#include <math.h>
#include <string.h>

#define TAP_MAX_MS 900

void input_init(struct input *in, int w, int h, bool windowed)
{
    memset(in, 0, sizeof *in);
    in->w = w;
    in->h = h;
    in->windowed = windowed;
}

static struct input_action act(enum input_kind k, float x, float y) { return (struct input_action){k, x, y}; }

static struct input_action press(struct input *in, float x, float y, uint64_t now)
{
    in->down = true;
    in->x0 = in->x = x;
    in->y0 = in->y = y;
    in->t0 = now;
    return act(INPUT_PRESS, x, y);
}

static struct input_action release(struct input *in, float x, float y, uint64_t now)
{
    in->down = false;
    float dx = x - in->x0, dy = y - in->y0;
    float unit = (float)(in->w < in->h ? in->w : in->h) / 100.0f;
    float travel = sqrtf(dx * dx + dy * dy);
    if (fabsf(dx) > in->w * 0.08f && fabsf(dx) > 1.5f * fabsf(dy))
        return act(dx < 0 ? INPUT_NEXT : INPUT_PREV, x, y);
    if (travel < unit * 3.5f && now - in->t0 <= TAP_MAX_MS)
        return act(INPUT_TAP, in->x0, in->y0);
    return act(INPUT_NONE, x, y);
}

struct input_action input_event(struct input *in, const SDL_Event *ev, uint64_t now)
{
    switch (ev->type) {
    case SDL_QUIT:
        return act(INPUT_QUIT, 0, 0);
    case SDL_KEYDOWN:
        if (ev->key.repeat)
            break;
        switch (ev->key.keysym.sym) {
        case SDLK_ESCAPE:
            if (in->windowed)
                return act(INPUT_QUIT, 0, 0);
            break;
        case SDLK_RIGHT:
        case SDLK_SPACE:
        case SDLK_PAGEDOWN:
            return act(INPUT_NEXT, 0, 0);
        case SDLK_LEFT:
        case SDLK_PAGEUP:
            return act(INPUT_PREV, 0, 0);
        default:
            break;
        }
        break;
    case SDL_FINGERDOWN:
        if (in->down)
            break; /* one finger drives gestures; others are ignored */
        in->finger = true;
        in->finger_id = ev->tfinger.fingerId;
        return press(in, ev->tfinger.x * in->w, ev->tfinger.y * in->h, now);
    case SDL_FINGERMOTION:
        if (in->down && in->finger && ev->tfinger.fingerId == in->finger_id) {
            in->x = ev->tfinger.x * in->w;
            in->y = ev->tfinger.y * in->h;
        }
        break;
    case SDL_FINGERUP:
        if (in->down && in->finger && ev->tfinger.fingerId == in->finger_id)
            return release(in, ev->tfinger.x * in->w, ev->tfinger.y * in->h, now);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT || in->down)
            break; /* touch already arrives as finger events */
        in->finger = false;
        return press(in, (float)ev->button.x, (float)ev->button.y, now);
    case SDL_MOUSEMOTION:
        if (in->down && !in->finger && ev->motion.which != SDL_TOUCH_MOUSEID) {
            in->x = (float)ev->motion.x;
            in->y = (float)ev->motion.y;
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (in->down && !in->finger && ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            return release(in, (float)ev->button.x, (float)ev->button.y, now);
        break;
    default:
        break;
    }
    return act(INPUT_NONE, 0, 0);
}
