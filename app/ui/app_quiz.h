/* 知识挑战赛 on the screen: the round in play, the views it shows, the
 * department picked, and the results store's thread (app_quiz.c). */
#ifndef QF_UI_APP_QUIZ_H
#define QF_UI_APP_QUIZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/org_board.h"
#include "core/qbank.h"
#include "core/quiz.h"
#include "core/results.h"
#include "ui/quiz_view.h"
#include "ui/results_worker.h"

struct outbox;

struct app_quiz {
    struct qbank bank;             /* the feed's bank; n = 0 when none is published */
    struct org_board org;          /* the feed's organisation leaderboard */
    bool has_org;
    struct quiz_config cfg;
    struct quiz_round round;
    bool playing;                  /* a round is asking or showing feedback */
    struct quiz_view view;         /* what the quiz screen shows */
    char department[RESULT_TEXT_MAX];
    char result_id[RESULT_ID_LEN + 1]; /* the round on the result screen */
    unsigned rounds;               /* played since start: seeds scripted rounds */
    unsigned long saved;           /* rounds committed since start (the uploader delivers as many) */
    int64_t round_wall_start;      /* wall clock at the round's start */
    struct results_worker *store;  /* NULL: results cannot be saved (logged) */
    struct outbox *outbox;         /* NULL: no report_url */
    char screen_id[RESULT_TEXT_MAX];
    int ring_shown;                /* the ring as last drawn (app_quiz_ring's key); -1 = none */
    bool configured;               /* cfg and screen_id set */
    bool store_tried;              /* the store was opened (or failed to) once */
};

#endif
