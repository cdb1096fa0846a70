/* What a 知识挑战赛 screen shows: a snapshot the UI thread takes of the
 * round, the saving of its result and the leaderboards, copied into the
 * screen key so the worker thread composes from it alone. */
#ifndef QF_UI_QUIZ_VIEW_H
#define QF_UI_QUIZ_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/qbank.h"
#include "core/results.h"

enum quiz_view_kind {
    QV_INTRO,      /* rules, 开始挑战, 排行榜, the department picked */
    QV_QUESTION,   /* a question; revealed: the verdict, 解析 and 出处 */
    QV_RESULT,     /* score, right answers, time, rank today, 再来一次 / 返回首页 */
    QV_DEPARTMENT, /* the configured 部门 to count for, or anonymous */
    QV_BOARD,      /* leaderboards: today, week, all time, departments */
};

enum quiz_save { QS_SAVING, QS_SAVED, QS_FAILED };

enum quiz_board { BOARD_TODAY, BOARD_WEEK, BOARD_ALL, BOARD_DEPARTMENTS, BOARD_ORG, BOARD_KINDS };

#define QV_BOARD_ROWS 10

struct quiz_view {
    enum quiz_view_kind kind;
    char department[RESULT_TEXT_MAX]; /* "" = anonymous */
    int round_questions, seconds;     /* intro: the rules */
    /* QV_QUESTION */
    int index, total;
    size_t question;                  /* bank index */
    int order[QBANK_OPTIONS_MAX];     /* order[shown] = bank option */
    unsigned ticked;                  /* shown bits chosen (or ticked, before the answer) */
    bool revealed, timed_out, correct;
    int score;
    /* QV_RESULT */
    int right, time_used_s, rank, of;
    enum quiz_save save;
    /* QV_DEPARTMENT */
    int dept_page;
    /* QV_BOARD */
    enum quiz_board board;
    bool has_org;                     /* the feed carries an organisation leaderboard: its tab shows */
    char org_week[16];                /* BOARD_ORG: the week's Monday */
    bool board_ready;
    int n_rows;
    struct results_best best[QV_BOARD_ROWS];
    struct results_dept dept[QV_BOARD_ROWS];
};

#endif
