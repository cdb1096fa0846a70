#include "core/qbank.h"

#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"

static const char *const type_names[] = { "single", "multi", "judge" };
static const char *const level_names[] = { "easy", "medium", "hard" };

const char *qbank_type_name(enum qbank_type t)
{
    return (unsigned)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "unknown";
}

const char *qbank_level_name(enum qbank_level l)
{
    return (unsigned)l < sizeof level_names / sizeof level_names[0] ? level_names[l] : "unknown";
}

int qbank_stem_id(const char *stem, char id[17])
{
    char hex[SHA256_HEX_LEN + 1];

    if (sha256_hex_buffer(stem, strlen(stem), hex) < 0)
        return -1;
    memcpy(id, hex, 16);
    id[16] = '\0';
    return 0;
}

void qbank_question_clear(struct qbank_question *q)
{
    free(q->stem);
    for (int k = 0; k < QBANK_OPTIONS_MAX; k++)
        free(q->options[k]);
    free(q->explanation);
    free(q->source);
    free(q->category);
    free(q->file);
    memset(q, 0, sizeof *q);
}

void qbank_free(struct qbank *b)
{
    for (size_t i = 0; i < b->n; i++)
        qbank_question_clear(&b->q[i]);
    free(b->q);
    b->q = NULL;
    b->n = 0;
}
