/* The answer parts shared by 学后测 (screen_check.c) and 知识挑战赛
 * (screen_quiz_question.c): option cards coloured by their state and the
 * verdict box with the explanation and its source. Worker thread only. */
#ifndef QF_UI_SCREEN_ANSWER_H
#define QF_UI_SCREEN_ANSWER_H

#include <stdbool.h>

#include "ui/screen_reading.h"

/* Jade green: a right answer. */
#define ANSWER_RIGHT ((struct rgb){46, 125, 91})

struct answer_option {
    const char *text;
    const char *badge;   /* "A"…, or ✓ / ✗ for 判断 */
    bool ticked;         /* chosen (before the answer: ticked) */
    bool right;          /* one of the right options (coloured once revealed) */
};

/* One option: a rounded card with its badge and text. Before the answer a
 * ticked card is red-edged; after it, right options turn green and a wrong
 * pick stays red. */
SDL_Surface *answer_option_card(struct slide_ctx *c, const struct answer_option *o, bool revealed, int w, bool large,
                                const char *item_id);

/* The verdict box: the verdict line (green when good, else red), then the
 * parts in body (which it takes; lay them out answer_box_pad() narrower on
 * each side than w), on a gold tint with a coloured edge. */
SDL_Surface *answer_box(struct slide_ctx *c, const char *verdict, bool good, struct stack *body, int w, bool large,
                        const char *item_id);
int answer_box_pad(const struct slide_ctx *c);

/* "正确答案：" letters (or the 判断 word) of the right options, into out. */
void answer_letters(const struct answer_option *opts, int n, bool judge, char *out, size_t len);

#endif
