/* The organisation-wide leaderboard a feed may carry (quiz/leaderboard.json,
 * written by `qingfeng-feed report --leaderboard`, format in
 * docs/quiz-results.md): every screen shows its newest week next to its own
 * boards. Only that week and the all-time departments are read. */
#ifndef QF_ORG_BOARD_H
#define QF_ORG_BOARD_H

#include <stddef.h>
#include <stdint.h>

#define ORG_BOARD_ROWS 10
#define ORG_BOARD_MAX_BYTES (1u << 20)

struct org_board_round {
    char department[64];  /* "" = anonymous */
    char screen_id[64];
    int score, correct, total, duration_ms;
};

struct org_board_dept {
    char department[64];
    double avg_score;
    int participants;
};

struct org_board {
    char week[16];        /* the newest week's Monday, "2025-06-02"; "" when there is no week */
    int64_t generated_at;
    int n_top;
    struct org_board_round top[ORG_BOARD_ROWS];
    int n_depts;          /* all time */
    struct org_board_dept depts[ORG_BOARD_ROWS];
};

/* Parses the document text (len bytes). Returns 0, or -1 with the field
 * and what is wrong in err, e.g. "weeks[0].top[2].score: not a number". */
int org_board_parse(const char *text, size_t len, struct org_board *b, char *err, size_t errlen);

/* Reads and parses the file; err starts with the path. */
int org_board_load(const char *path, struct org_board *b, char *err, size_t errlen);

#endif
