#include "core/feed_build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>
#include <jansson.h>

#include "core/feed.h"
#include "core/feed_build_quiz.h"
#include "core/feed_build_schedule.h"
#include "core/sha256.h"
#include "core/utf8.h"

#define PATH_LEN 4096
#define ID_MAX 100

/* The title of the last section of a case that holds its self-check
 * questions, and the "fields" its messages name: the words an editor sees
 * in the file. */
#define QUIZ_TITLE "学后测"
#define QUIZ_FIELD_SECTION "学后测"
#define QUIZ_FIELD_STEM "题目"
#define QUIZ_FIELD_OPTION "选项"
#define QUIZ_FIELD_EXPLANATION "解析"
#define QUIZ_FIELD_SOURCE "出处"

static const char *const source_keys[] = { "id", "title", "lead", "author", "source", "image",
                                           "tags", "weight", "url", "kind", SRC_SCHEDULE_KEYS, NULL };

/* The folders that hold each kind, in output order. */
static const struct {
    enum item_kind kind;
    const char *folder;
    const char *prefix;
} kind_folders[] = {
    { ITEM_MAXIM, "maxims", "maxim-" },
    { ITEM_CASE, "cases", "case-" },
    { ITEM_STORY, "stories", "story-" },
};

/* A picture the body shows: ![说明](images/x.svg). */
struct body_image {
    char *src;  /* as written */
    int line;   /* of its "![" in the file */
    int ok;     /* a picture file under the content folder: pinned and copied */
};

struct src_item {
    enum item_kind kind;
    char *file;     /* as shown in messages: "content/cases/gift.md" */
    char *filename; /* "gift.md", the sort key within a kind */
    char *id;
    int id_line;
    char *title, *lead, *author, *source, *image, *url;
    char **tags;
    size_t n_tags;
    int weight;
    struct src_schedule schedule; /* valid_from .. groups: feed_build_schedule.c */
    char *body;  /* trimmed Markdown (maxim: the saying) */
    char *intro; /* text before the first "## ", or NULL */
    struct feed_page *pages;
    size_t n_pages;
    struct feed_question *questions; /* from the "## 学后测" section */
    size_t n_questions;
    struct body_image *images; /* every picture of the body, intro, pages and explanations */
    size_t n_images;
};

struct feed_meta {
    char *title, *home_page_url, *language, *description;
};

/* State of one build: the source directory, what was read, the messages. */
struct build {
    char src[PATH_LEN]; /* without trailing slashes */
    struct src_item *items;
    size_t n_items;
    struct feed_meta meta;
    struct feed_quiz quiz; /* content/quiz/: feed_build_quiz.c */
    struct diag *errs;
};

/* ---- helpers ------------------------------------------------------------- */

static int oom(struct build *b)
{
    diag_field(b->errs, b->src, 0, NULL, MSG_SYS_OUT_OF_MEMORY);
    return -1;
}

/* Joins folder and name into out[PATH_LEN]. Returns 0, or -1 when too long. */
static int join(char *out, const char *dir, const char *name)
{
    int n = snprintf(out, PATH_LEN, "%s/%s", dir, name);
    return n < 0 || n >= PATH_LEN ? -1 : 0;
}

static char *dup_range(const char *b, size_t n)
{
    char *s = malloc(n + 1);

    if (s) {
        memcpy(s, b, n);
        s[n] = '\0';
    }
    return s;
}

/* A copy of `text` without leading blank lines and trailing white space.
 * When `dropped` is not NULL it receives the number of lines dropped at the
 * start. */
static char *trim_block(const char *text, size_t n, int *dropped)
{
    const char *b = text, *e = text + n, *p = text;
    int lines = 0;

    /* drop whole blank lines at the start */
    while (p < e) {
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        if (q < e && *q == '\n') {
            p = b = q + 1;
            lines++;
        } else {
            break;
        }
    }
    if (dropped)
        *dropped = lines;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        e--;
    return dup_range(b, (size_t)(e - b));
}

/* A maxim's saying: each line trimmed (also of U+3000), blank lines
 * dropped, lines joined with "\n". Returns a new string. */
static char *maxim_lines(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    const char *p = text;
    size_t n = 0;

    if (!out)
        return NULL;
    while (*p) {
        const char *e = strchr(p, '\n'), *b = p;
        if (!e)
            e = p + strlen(p);
        p = *e ? e + 1 : e;
        for (;;) {
            if (b < e && (*b == ' ' || *b == '\t'))
                b++;
            else if (e - b >= 3 && memcmp(b, "\xe3\x80\x80", 3) == 0)
                b += 3;
            else
                break;
        }
        for (;;) {
            if (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
                e--;
            else if (e - b >= 3 && memcmp(e - 3, "\xe3\x80\x80", 3) == 0)
                e -= 3;
            else
                break;
        }
        if (b == e)
            continue;
        if (n)
            out[n++] = '\n';
        memcpy(out + n, b, (size_t)(e - b));
        n += (size_t)(e - b);
    }
    out[n] = '\0';
    return out;
}

static int id_is_valid(const char *id)
{
    size_t n = strlen(id);

    if (n == 0 || n > ID_MAX || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '_' || id[i] == '-'))
            return 0;
    return 1;
}

static int is_http_url(const char *s)
{
    return (strncmp(s, "http://", 7) == 0 && s[7]) || (strncmp(s, "https://", 8) == 0 && s[8]);
}

static int has_image_extension(const char *path)
{
    static const char *const exts[] = { ".svg", ".png", ".jpg", ".jpeg" };
    size_t n = strlen(path);

    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t el = strlen(exts[i]);
        if (n > el && strcasecmp(path + n - el, exts[i]) == 0)
            return 1;
    }
    return 0;
}

/* "//host/x", or an address with a scheme ("https:", "data:"): the scheme
 * has two characters or more, so "C:" (a drive) is not one. */
static int is_remote(const char *s)
{
    size_t n = 0;

    if (s[0] == '/' && s[1] == '/')
        return 1;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
           (n > 0 && ((s[n] >= '0' && s[n] <= '9') || s[n] == '+' || s[n] == '-' || s[n] == '.')))
        n++;
    return n >= 2 && s[n] == ':';
}

enum picture_problem { PICTURE_OK, PICTURE_REMOTE, PICTURE_UNSAFE, PICTURE_NOT_PICTURE, PICTURE_NOT_FOUND };

/* What is wrong with a picture path, relative to the content folder, the
 * way the header's image: and the body's ![...](...) are both read. */
static enum picture_problem picture_problem(const struct build *b, const char *rel)
{
    char path[PATH_LEN];
    struct stat st;

    if (is_remote(rel))
        return PICTURE_REMOTE;
    if (!feed_path_is_safe(rel))
        return PICTURE_UNSAFE;
    if (!has_image_extension(rel))
        return PICTURE_NOT_PICTURE;
    if (join(path, b->src, rel) < 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return PICTURE_NOT_FOUND;
    return PICTURE_OK;
}

/* Copies `s` into out[outlen] for a message, cut at a character boundary
 * with "…" when longer than 120 bytes (a data: address can be huge). */
static const char *shorten(char *out, size_t outlen, const char *s)
{
    size_t n = strlen(s);

    if (n <= 120) {
        snprintf(out, outlen, "%s", s);
        return out;
    }
    n = 120;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    snprintf(out, outlen, "%.*s\xe2\x80\xa6", (int)n, s);
    return out;
}

/* ---- feed.ini -------------------------------------------------------------- */

static char **meta_slot(struct feed_meta *m, const char *key)
{
    if (strcmp(key, "title") == 0)
        return &m->title;
    if (strcmp(key, "home_page_url") == 0)
        return &m->home_page_url;
    if (strcmp(key, "language") == 0)
        return &m->language;
    if (strcmp(key, "description") == 0)
        return &m->description;
    return NULL;
}

/* Reads the optional feed.ini: "[feed]" then "key = value" lines; ";" and
 * "#" start comments. */
static void read_feed_ini(struct build *b)
{
    char path[PATH_LEN], *text = NULL;
    size_t len = 0, bad;
    int rc, line = 0, in_feed = 1;
    const char *p, *end;

    if (join(path, b->src, "feed.ini") < 0)
        return;
    rc = feed_read_file(path, 65536, &text, &len);
    if (rc == -1 && errno == ENOENT)
        return;
    if (rc == -2) {
        diag_field(b->errs, path, 1, NULL, MSG_SRC_INI_TOO_LARGE);
        goto out;
    }
    if (rc < 0) {
        diag_field(b->errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(b->errs->lang, errno));
        goto out;
    }
    if (!utf8_is_valid(text, len, &bad)) {
        int bad_line = 1;
        for (size_t i = 0; i < bad; i++)
            bad_line += text[i] == '\n';
        diag_field(b->errs, path, bad_line, NULL, MSG_SRC_BAD_UTF8, (unsigned)(unsigned char)text[bad]);
        goto out;
    }
    p = text;
    end = text + len;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *s = p, *e, *eq;
        if (!eol)
            eol = end;
        e = eol;
        p = eol < end ? eol + 1 : end;
        line++;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (s == e || *s == ';' || *s == '#')
            continue;
        if (*s == '[') {
            in_feed = e - s == 6 && memcmp(s, "[feed]", 6) == 0;
            if (!in_feed) {
                char section[128];
                snprintf(section, sizeof section, "%.*s", (int)(e - s), s);
                diag_field(b->errs, path, line, NULL, MSG_SRC_INI_UNKNOWN_SECTION, section);
            }
            continue;
        }
        eq = s;
        while (eq < e && *eq != '=' && *eq != ':')
            eq++;
        if (eq == e) {
            diag_field(b->errs, path, line, NULL, MSG_SRC_INI_NOT_KEY_VALUE);
            continue;
        }
        if (!in_feed)
            continue; /* already reported the section */
        {
            const char *ke = eq, *vs = eq + 1, *ve = e;
            char *key, *value, **slot;
            while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
                ke--;
            while (vs < ve && (*vs == ' ' || *vs == '\t'))
                vs++;
            if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
                vs++;
                ve--;
            }
            key = dup_range(s, (size_t)(ke - s));
            if (!key) {
                oom(b);
                goto out;
            }
            slot = meta_slot(&b->meta, key);
            if (!slot) {
                diag_field(b->errs, path, line, key, MSG_SRC_INI_UNKNOWN_SETTING);
            } else if (*slot) {
                diag_field(b->errs, path, line, key, MSG_SRC_INI_TWICE);
            } else if (!(value = dup_range(vs, (size_t)(ve - vs)))) {
                free(key);
                oom(b);
                goto out;
            } else {
                *slot = value;
                if (slot == &b->meta.home_page_url && *value && !is_http_url(value))
                    diag_field(b->errs, path, line, "home_page_url", MSG_NOT_HTTP_URL, value);
            }
            free(key);
        }
    }
out:
    free(text);
}

/* ---- pictures in the body --------------------------------------------------- */

struct image_scan {
    struct build *b;
    struct src_item *it;
    int first_line; /* the line of the file the text starts on */
    int oom;
};

/* One picture of a Markdown text: checked and added to the item, once per
 * src and line (the whole body and its pages show the same pictures). */
static int scan_image(void *ctx, const char *src, int line)
{
    struct image_scan *sc = ctx;
    struct build *b = sc->b;
    struct src_item *it = sc->it;
    const char *field = msg_fmt(b->errs->lang, MSG_FIELD_BODY_IMAGE);
    struct body_image *grown, *img;
    char shown[160];

    line += sc->first_line - 1;
    for (size_t i = 0; i < it->n_images; i++)
        if (it->images[i].line == line && strcmp(it->images[i].src, src) == 0)
            return 0;
    grown = realloc(it->images, (it->n_images + 1) * sizeof *grown);
    if (!grown) {
        sc->oom = 1;
        return 1;
    }
    it->images = grown;
    img = &it->images[it->n_images];
    *img = (struct body_image){ strdup(src), line, 0 };
    if (!img->src) {
        sc->oom = 1;
        return 1;
    }
    it->n_images++;
    shorten(shown, sizeof shown, src);
    switch (picture_problem(b, src)) {
    case PICTURE_OK:
        img->ok = 1;
        break;
    case PICTURE_REMOTE:
        diag_field(b->errs, it->file, line, field, MSG_SRC_BODY_IMAGE_REMOTE, shown, b->src);
        break;
    case PICTURE_UNSAFE:
        diag_field(b->errs, it->file, line, field, MSG_SRC_BODY_IMAGE_UNSAFE, shown, b->src);
        break;
    case PICTURE_NOT_PICTURE:
        diag_field(b->errs, it->file, line, field, MSG_SRC_BODY_IMAGE_NOT_PICTURE, shown);
        break;
    case PICTURE_NOT_FOUND:
        diag_field(b->errs, it->file, line, field, MSG_SRC_BODY_IMAGE_NOT_FOUND, shown, b->src);
        break;
    }
    return 0;
}

/* Checks the pictures of a Markdown text of the item that starts on line
 * `first_line` of its file; `explanation` for a question's 解析. The
 * screen's own parser decides what a picture is (feed_markdown_images).
 * Returns -1 when out of memory. */
static int scan_images(struct build *b, struct src_item *it, const char *markdown, int first_line)
{
    struct image_scan sc = { b, it, first_line, 0 };

    if (feed_markdown_images(markdown, scan_image, &sc) < 0 || sc.oom)
        return oom(b);
    return 0;
}

/* ---- pages ------------------------------------------------------------------- */

/* Tells whether the line [s, e) opens or closes a fenced code block; sets
 * the fence character and length. */
static int fence_of(const char *s, const char *e, char *ch, size_t *n)
{
    int indent = 0;

    while (s < e && *s == ' ' && indent < 4) {
        s++;
        indent++;
    }
    if (indent > 3 || s >= e || (*s != '`' && *s != '~'))
        return 0;
    *ch = *s;
    *n = 0;
    while (s < e && *s == *ch) {
        s++;
        (*n)++;
    }
    return *n >= 3;
}

/* When [s, e) is an ATX heading ("## title", "### question"), returns its
 * level (1 to 6) and its text range in *ts, *te; otherwise 0. */
static int heading_level(const char *s, const char *e, const char **ts, const char **te)
{
    int indent = 0, level = 0;

    while (s < e && *s == ' ' && indent < 4) {
        s++;
        indent++;
    }
    if (indent > 3)
        return 0;
    while (s < e && *s == '#' && level < 7) {
        s++;
        level++;
    }
    if (level == 0 || level > 6 || (s < e && *s != ' ' && *s != '\t'))
        return 0;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    /* optional closing sequence of #s, preceded by a space */
    {
        const char *c = e;
        while (c > s && c[-1] == '#')
            c--;
        if (c == s || c[-1] == ' ' || c[-1] == '\t') {
            e = c;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
        }
    }
    *ts = s;
    *te = e;
    return level;
}

/* When [s, e) is an ATX level-2 heading ("## title"), returns its text
 * range in *ts, *te and 1. */
static int heading2(const char *s, const char *e, const char **ts, const char **te)
{
    return heading_level(s, e, ts, te) == 2;
}

struct page_span {
    const char *start; /* the heading line */
    const char *title, *title_end;
    const char *text, *text_end;
    int line;
};

/* ---- the 学后测 section ---------------------------------------------------- */

/* Trims ASCII blanks and U+3000 from both ends of [*b, *e). */
static void trim_text(const char **b, const char **e)
{
    for (;;) {
        if (*b < *e && (**b == ' ' || **b == '\t'))
            (*b)++;
        else if (*e - *b >= 3 && memcmp(*b, "\xe3\x80\x80", 3) == 0)
            *b += 3;
        else
            break;
    }
    for (;;) {
        if (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
            (*e)--;
        else if (*e - *b >= 3 && memcmp(*e - 3, "\xe3\x80\x80", 3) == 0)
            *e -= 3;
        else
            break;
    }
}

static int is_blank_line(const char *s, const char *e)
{
    trim_text(&s, &e);
    return s == e;
}

static size_t char_count(const char *s)
{
    size_t n = utf8_count(s, strlen(s));
    return n == UTF8_INVALID ? strlen(s) : n;
}

enum quiz_line { QL_OTHER, QL_ITEM_NO_BOX, QL_OPTION };

/* Classifies [s, e) as a task-list option ("- [ ] text", "- [x] text"; "*"
 * and "+" bullets too), a list item without a box, or something else. For
 * an option, sets *checked and its trimmed text in [*ts, *te). */
static enum quiz_line option_line(const char *s, const char *e, int *checked, const char **ts, const char **te)
{
    int indent = 0;

    while (s < e && *s == ' ' && indent < 4) {
        s++;
        indent++;
    }
    if (indent > 3 || s >= e || (*s != '-' && *s != '*' && *s != '+'))
        return QL_OTHER;
    s++;
    if (s < e && *s != ' ' && *s != '\t')
        return QL_OTHER;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (e - s < 3 || s[0] != '[' || s[2] != ']' || (s[1] != ' ' && s[1] != 'x' && s[1] != 'X') ||
        (e - s > 3 && s[3] != ' ' && s[3] != '\t'))
        return QL_ITEM_NO_BOX;
    *checked = s[1] != ' ';
    s += 3;
    trim_text(&s, &e);
    *ts = s;
    *te = e;
    return QL_OPTION;
}

/* When [s, e) starts with `label` and a colon ("解析：", "解析:"), returns
 * where the text after it starts (blanks skipped); otherwise NULL. */
static const char *after_label(const char *s, const char *e, const char *label)
{
    size_t n = strlen(label);

    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if ((size_t)(e - s) < n || memcmp(s, label, n) != 0)
        return NULL;
    s += n;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    if (e - s >= 3 && memcmp(s, "\xef\xbc\x9a", 3) == 0) /* ： */
        s += 3;
    else if (s < e && *s == ':')
        s++;
    else
        return NULL;
    trim_text(&s, &e);
    return s;
}

struct quiz_option {
    char *text;
    int line;
    int checked;
};

/* Where the reader is inside a question. */
enum quiz_state {
    QS_OPTIONS,     /* after "### ": options expected */
    QS_EXPLANATION, /* after "解析：": everything is explanation */
    QS_SOURCE,      /* after "出处：" */
};

/* The question being read from a 学后测 section. */
struct quiz_reader {
    struct build *b;
    struct src_item *it;
    int open; /* a question is being read */
    int line; /* its "### " line */
    char *stem;
    struct quiz_option *opts;
    size_t n_opts, cap_opts;
    enum quiz_state st;
    int expl_line; /* 0 when there is no "解析：" yet */
    const char *expl_b, *expl_e;
    int src_line; /* 0 when there is no "出处：" yet */
    char *source;
};

static void quiz_reader_reset(struct quiz_reader *r)
{
    free(r->stem);
    r->stem = NULL;
    for (size_t i = 0; i < r->n_opts; i++)
        free(r->opts[i].text);
    r->n_opts = 0;
    free(r->source);
    r->source = NULL;
    r->open = 0;
    r->expl_line = r->src_line = 0;
    r->expl_b = r->expl_e = NULL;
}

/* Checks the question just read and appends it to the item. Problems are
 * reported; the question is kept either way (nothing is written when there
 * are problems). Returns -1 when out of memory. */
static int quiz_finish(struct quiz_reader *r)
{
    struct diag *errs = r->b->errs;
    struct src_item *it = r->it;
    struct feed_question q = { 0 }, *grown;
    size_t n_marked = 0, i;
    int judge, swap;

    if (!r->open)
        return 0;
    if (!*r->stem)
        diag_field(errs, it->file, r->line, QUIZ_FIELD_STEM, MSG_SRC_QUIZ_STEM_EMPTY);
    else if (char_count(r->stem) > FEED_STEM_MAX_CHARS)
        diag_field(errs, it->file, r->line, QUIZ_FIELD_STEM, MSG_SRC_QUIZ_TOO_LONG, char_count(r->stem),
                   FEED_STEM_MAX_CHARS);
    if (r->n_opts < FEED_OPTIONS_MIN || r->n_opts > FEED_OPTIONS_MAX)
        diag_field(errs, it->file, r->line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_COUNT, r->n_opts, FEED_OPTIONS_MIN,
                   FEED_OPTIONS_MAX);
    for (i = 0; i < r->n_opts; i++)
        n_marked += r->opts[i].checked != 0;
    if (r->n_opts > 0 && n_marked == 0)
        diag_field(errs, it->file, r->line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_NO_ANSWER);
    judge = r->n_opts == 2 && ((strcmp(r->opts[0].text, "正确") == 0 && strcmp(r->opts[1].text, "错误") == 0) ||
                               (strcmp(r->opts[0].text, "错误") == 0 && strcmp(r->opts[1].text, "正确") == 0));
    if (judge && n_marked == 2)
        diag_field(errs, it->file, r->line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_JUDGE_BOTH);

    if (r->expl_line) {
        int dropped = 0;
        q.explanation = trim_block(r->expl_b, (size_t)(r->expl_e - r->expl_b), &dropped);
        if (!q.explanation)
            return oom(r->b);
        if (utf8_is_blank(q.explanation))
            diag_field(errs, it->file, r->expl_line, QUIZ_FIELD_EXPLANATION, MSG_SRC_QUIZ_NO_EXPLANATION);
        else if (char_count(q.explanation) > FEED_EXPLANATION_MAX_CHARS)
            diag_field(errs, it->file, r->expl_line, QUIZ_FIELD_EXPLANATION, MSG_SRC_QUIZ_TOO_LONG,
                       char_count(q.explanation), FEED_EXPLANATION_MAX_CHARS);
        /* the explanation is Markdown: its pictures are shipped too */
        if (scan_images(r->b, it, q.explanation, r->expl_line + dropped) < 0) {
            feed_question_clear(&q);
            return -1;
        }
    } else {
        diag_field(errs, it->file, r->line, QUIZ_FIELD_EXPLANATION, MSG_SRC_QUIZ_NO_EXPLANATION);
    }

    /* the question as the feed has it: 正确 always first in a judgement */
    q.options = calloc(r->n_opts ? r->n_opts : 1, sizeof *q.options);
    grown = realloc(it->questions, (it->n_questions + 1) * sizeof *it->questions);
    if (grown)
        it->questions = grown;
    if (!q.options || !grown) {
        feed_question_clear(&q);
        return oom(r->b);
    }
    swap = judge && strcmp(r->opts[0].text, "错误") == 0;
    for (i = 0; i < r->n_opts; i++) {
        size_t to = swap ? 1 - i : i;
        q.options[to] = r->opts[i].text;
        r->opts[i].text = NULL;
        if (r->opts[i].checked && to < 32)
            q.answer_mask |= 1u << to;
    }
    q.n_options = r->n_opts;
    q.kind = judge ? QUESTION_JUDGE : n_marked > 1 ? QUESTION_MULTI : QUESTION_SINGLE;
    q.stem = r->stem;
    r->stem = NULL;
    q.source = r->source;
    r->source = NULL;
    it->questions[it->n_questions++] = q;
    quiz_reader_reset(r);
    return 0;
}

static int quiz_add_option(struct quiz_reader *r, const char *ts, const char *te, int checked, int line)
{
    struct diag *errs = r->b->errs;
    struct quiz_option *o;

    if (r->n_opts == r->cap_opts) {
        size_t cap = r->cap_opts ? r->cap_opts * 2 : 8;
        struct quiz_option *grown = realloc(r->opts, cap * sizeof *grown);
        if (!grown)
            return oom(r->b);
        r->opts = grown;
        r->cap_opts = cap;
    }
    o = &r->opts[r->n_opts];
    o->text = dup_range(ts, (size_t)(te - ts));
    if (!o->text)
        return oom(r->b);
    o->line = line;
    o->checked = checked;
    r->n_opts++;
    if (!*o->text) {
        diag_field(errs, r->it->file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_EMPTY);
        return 0;
    }
    if (char_count(o->text) > FEED_OPTION_MAX_CHARS)
        diag_field(errs, r->it->file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_TOO_LONG, char_count(o->text),
                   FEED_OPTION_MAX_CHARS);
    for (size_t i = 0; i + 1 < r->n_opts; i++) {
        if (strcmp(r->opts[i].text, o->text) == 0) {
            diag_field(errs, r->it->file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_TWICE, o->text, r->opts[i].line);
            break;
        }
    }
    return 0;
}

static int quiz_take_source(struct quiz_reader *r, const char *text, const char *eol, int line)
{
    struct diag *errs = r->b->errs;

    r->st = QS_SOURCE;
    if (r->src_line) {
        diag_field(errs, r->it->file, line, QUIZ_FIELD_SOURCE, MSG_SRC_QUIZ_PART_TWICE, r->src_line);
        return 0;
    }
    r->src_line = line;
    r->source = dup_range(text, (size_t)(eol - text));
    if (!r->source)
        return oom(r->b);
    if (!*r->source)
        diag_field(errs, r->it->file, line, QUIZ_FIELD_SOURCE, MSG_SRC_QUIZ_SOURCE_EMPTY);
    else if (char_count(r->source) > FEED_QUESTION_SOURCE_MAX_CHARS)
        diag_field(errs, r->it->file, line, QUIZ_FIELD_SOURCE, MSG_SRC_QUIZ_TOO_LONG, char_count(r->source),
                   FEED_QUESTION_SOURCE_MAX_CHARS);
    return 0;
}

static void quiz_start_explanation(struct quiz_reader *r, const char *text, const char *eol, int line)
{
    r->st = QS_EXPLANATION;
    r->expl_line = line;
    r->expl_b = text;
    r->expl_e = eol;
}

/* One non-blank line [s, eol) inside a question that is not a heading.
 * Sets *stray when the line is not part of a question (reported once per
 * run of such lines: `was_stray` says the previous line was one). */
static int quiz_line(struct quiz_reader *r, const char *s, const char *eol, int line, int was_stray, int *stray)
{
    struct diag *errs = r->b->errs;
    const char *file = r->it->file, *ts = NULL, *te = NULL;
    const char *expl = after_label(s, eol, "解析"), *src = after_label(s, eol, "出处");
    int checked = 0;
    enum quiz_line kind = option_line(s, eol, &checked, &ts, &te);

    switch (r->st) {
    case QS_OPTIONS:
        if (kind == QL_OPTION)
            return quiz_add_option(r, ts, te, checked, line);
        if (kind == QL_ITEM_NO_BOX)
            diag_field(errs, file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_NO_BOX);
        else if (expl)
            quiz_start_explanation(r, expl, eol, line);
        else if (src)
            return quiz_take_source(r, src, eol, line);
        else
            *stray = 1;
        break;
    case QS_EXPLANATION:
        if (kind == QL_OPTION)
            diag_field(errs, file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_LATE);
        else if (expl)
            diag_field(errs, file, line, QUIZ_FIELD_EXPLANATION, MSG_SRC_QUIZ_PART_TWICE, r->expl_line);
        else if (src)
            return quiz_take_source(r, src, eol, line);
        else
            r->expl_e = eol; /* more explanation */
        break;
    case QS_SOURCE:
        if (kind == QL_OPTION)
            diag_field(errs, file, line, QUIZ_FIELD_OPTION, MSG_SRC_QUIZ_OPTION_LATE);
        else if (expl && r->expl_line)
            diag_field(errs, file, line, QUIZ_FIELD_EXPLANATION, MSG_SRC_QUIZ_PART_TWICE, r->expl_line);
        else if (expl)
            quiz_start_explanation(r, expl, eol, line);
        else if (src)
            diag_field(errs, file, line, QUIZ_FIELD_SOURCE, MSG_SRC_QUIZ_PART_TWICE, r->src_line);
        else
            *stray = 1;
        break;
    }
    if (*stray && !was_stray)
        diag_field(errs, file, line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_STRAY_TEXT);
    return 0;
}

/* Reads the questions of a "## 学后测" section: the text [s, e), which
 * starts on line `line`; `heading_line` is the line of the heading.
 *
 *   ### question
 *   - [ ] wrong option
 *   - [x] right option
 *
 *   解析：why (one or more paragraphs)
 *   出处：《document》 (optional)
 *
 * Adds the questions to it->questions and a message per problem.
 * Returns -1 when out of memory. */
static int parse_quiz(struct build *b, struct src_item *it, const char *s, const char *e, int line, int heading_line)
{
    struct quiz_reader r = { .b = b, .it = it };
    const char *p = s;
    size_t n_questions = 0;
    int stray = 0, rc = -1;

    while (p < e) {
        const char *eol = memchr(p, '\n', (size_t)(e - p)), *ts, *te;
        int was_stray = stray, level;

        if (!eol)
            eol = e;
        stray = 0;
        level = heading_level(p, eol, &ts, &te);
        if (level == 3) {
            if (quiz_finish(&r) < 0)
                goto out;
            if (++n_questions == FEED_QUESTIONS_MAX + 1)
                diag_field(b->errs, it->file, line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_TOO_MANY, FEED_QUESTIONS_MAX,
                           FEED_QUESTIONS_MAX);
            trim_text(&ts, &te);
            r.stem = dup_range(ts, (size_t)(te - ts));
            if (!r.stem) {
                oom(b);
                goto out;
            }
            r.open = 1;
            r.line = line;
            r.st = QS_OPTIONS;
        } else if (level) {
            const char *hs = p, *he = eol;
            char shown[128];
            trim_text(&hs, &he);
            if (he - hs > 120) { /* cut long lines, at a character boundary */
                he = hs + 120;
                while (he > hs && ((unsigned char)*he & 0xc0) == 0x80)
                    he--;
            }
            snprintf(shown, sizeof shown, "%.*s", (int)(he - hs), hs);
            diag_field(b->errs, it->file, line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_HEADING, shown);
        } else if (is_blank_line(p, eol)) {
            /* blank lines separate options and paragraphs */
        } else if (!r.open) {
            if (!was_stray)
                diag_field(b->errs, it->file, line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_STRAY_TEXT);
            stray = 1;
        } else if (quiz_line(&r, p, eol, line, was_stray, &stray) < 0) {
            goto out;
        }
        p = eol < e ? eol + 1 : e;
        line++;
    }
    if (quiz_finish(&r) < 0)
        goto out;
    if (n_questions == 0)
        diag_field(b->errs, it->file, heading_line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_EMPTY);
    rc = 0;
out:
    quiz_reader_reset(&r);
    free(r.opts);
    return rc;
}

static int is_quiz_span(const struct page_span *sp)
{
    return (size_t)(sp->title_end - sp->title) == strlen(QUIZ_TITLE) &&
           memcmp(sp->title, QUIZ_TITLE, strlen(QUIZ_TITLE)) == 0;
}

/* Handles the "## 学后测" sections among the n spans: reports a second one,
 * one outside a case and one that is not last, and reads the questions of
 * the first. Returns the number of such sections, or -1 when out of
 * memory. */
static long take_quiz(struct build *b, struct src_item *it, const struct page_span *spans, size_t n)
{
    size_t quiz = n, count = 0, i;

    for (i = 0; i < n; i++) {
        if (!is_quiz_span(&spans[i]))
            continue;
        count++;
        if (quiz == n)
            quiz = i;
        else
            diag_field(b->errs, it->file, spans[i].line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_TWICE, spans[quiz].line);
    }
    if (quiz == n)
        return 0;
    if (it->kind != ITEM_CASE) {
        diag_field(b->errs, it->file, spans[quiz].line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_NOT_CASE);
        return (long)count;
    }
    for (i = quiz + 1; i < n; i++) {
        if (!is_quiz_span(&spans[i])) {
            const char *te = spans[i].title_end;
            char title[128];
            if (te - spans[i].title > 120) { /* cut long titles, at a character boundary */
                te = spans[i].title + 120;
                while (te > spans[i].title && ((unsigned char)*te & 0xc0) == 0x80)
                    te--;
            }
            snprintf(title, sizeof title, "%.*s", (int)(te - spans[i].title), spans[i].title);
            diag_field(b->errs, it->file, spans[quiz].line, QUIZ_FIELD_SECTION, MSG_SRC_QUIZ_NOT_LAST, title);
            break;
        }
    }
    if (parse_quiz(b, it, spans[quiz].text, spans[quiz].text_end, spans[quiz].line + 1, spans[quiz].line) < 0)
        return -1;
    return (long)count;
}

/* The body without its 学后测 sections, trimmed. Returns a new string. */
static char *body_without_quiz(const char *body, const struct page_span *spans, size_t n)
{
    size_t len = strlen(body), k = 0;
    char *out = malloc(len + 1), *trimmed;
    const char *p = body;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (!is_quiz_span(&spans[i]))
            continue;
        memcpy(out + k, p, (size_t)(spans[i].start - p));
        k += (size_t)(spans[i].start - p);
        p = spans[i].text_end;
    }
    memcpy(out + k, p, (size_t)(body + len - p));
    k += (size_t)(body + len - p);
    trimmed = trim_block(out, k, NULL);
    free(out);
    return trimmed;
}

/* The body with each 学后测 section reduced to its line ends: what the
 * body shows, on the lines of the file. Returns a new string. */
static char *body_lines_without_quiz(const char *body, const struct page_span *spans, size_t n)
{
    size_t len = strlen(body), k = 0;
    char *out = malloc(len + 1);
    const char *p = body;

    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (!is_quiz_span(&spans[i]))
            continue;
        memcpy(out + k, p, (size_t)(spans[i].start - p));
        k += (size_t)(spans[i].start - p);
        for (p = spans[i].start; p < spans[i].text_end; p++)
            if (*p == '\n')
                out[k++] = '\n';
    }
    memcpy(out + k, p, (size_t)(body + len - p));
    k += (size_t)(body + len - p);
    out[k] = '\0';
    return out;
}

/* Splits the body at "## " headings (outside fenced code) into the intro
 * and the pages. A "## 学后测" section is not a page: its questions are
 * read (cases only), and it is taken out of the body, so the reading text
 * never shows the answers. */
static int split_pages(struct build *b, struct src_item *it, int body_line)
{
    const char *p = it->body, *end = it->body + strlen(it->body);
    struct page_span *spans = NULL;
    char *whole = NULL;
    size_t n = 0, i;
    long n_quiz;
    int line = body_line, in_fence = 0, rc = -1;
    char fch = 0;
    size_t flen = 0;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *ts, *te;
        char ch;
        size_t cn;
        if (!eol)
            eol = end;
        if (fence_of(p, eol, &ch, &cn)) {
            if (!in_fence) {
                in_fence = 1;
                fch = ch;
                flen = cn;
            } else if (ch == fch && cn >= flen) {
                in_fence = 0;
            }
        } else if (!in_fence && heading2(p, eol, &ts, &te)) {
            struct page_span *grown = realloc(spans, (n + 1) * sizeof *spans);
            if (!grown) {
                oom(b);
                goto out;
            }
            spans = grown;
            if (n > 0)
                spans[n - 1].text_end = p;
            spans[n++] = (struct page_span){ p, ts, te, eol < end ? eol + 1 : end, end, line };
        }
        p = eol < end ? eol + 1 : end;
        line++;
    }
    if (n == 0) {
        rc = scan_images(b, it, it->body, body_line);
        goto out;
    }
    n_quiz = take_quiz(b, it, spans, n);
    if (n_quiz < 0)
        goto out;
    if ((size_t)n_quiz < n) {
        int dropped = 0;
        it->intro = trim_block(it->body, (size_t)(spans[0].start - it->body), &dropped);
        it->pages = calloc(n - (size_t)n_quiz, sizeof *it->pages);
        if (!it->intro || !it->pages) {
            oom(b);
            goto out;
        }
        if (!*it->intro) {
            free(it->intro);
            it->intro = NULL;
        } else if (scan_images(b, it, it->intro, body_line + dropped) < 0) {
            goto out;
        }
    }
    for (i = 0; i < n; i++) {
        struct feed_page *pg;
        int dropped = 0;
        if (is_quiz_span(&spans[i]))
            continue;
        pg = &it->pages[it->n_pages++];
        pg->title = dup_range(spans[i].title, (size_t)(spans[i].title_end - spans[i].title));
        pg->markdown = trim_block(spans[i].text, (size_t)(spans[i].text_end - spans[i].text), &dropped);
        if (!pg->title || !pg->markdown) {
            oom(b);
            goto out;
        }
        if (!*pg->title)
            diag_field(b->errs, it->file, spans[i].line, NULL, MSG_SRC_PAGE_HEADING_EMPTY);
        else if (!*pg->markdown)
            diag_field(b->errs, it->file, spans[i].line, NULL, MSG_SRC_PAGE_EMPTY, pg->title);
        if (scan_images(b, it, pg->markdown, spans[i].line + 1 + dropped) < 0)
            goto out;
    }
    /* the whole body is read too (_qingfeng.markdown); its 学后测 is left
     * out, with its line ends kept so every later line keeps its number */
    whole = body_lines_without_quiz(it->body, spans, n);
    if (!whole) {
        oom(b);
        goto out;
    }
    if (scan_images(b, it, whole, body_line) < 0)
        goto out;
    if (n_quiz > 0) {
        char *body = body_without_quiz(it->body, spans, n);
        if (!body) {
            oom(b);
            goto out;
        }
        free(it->body);
        it->body = body;
        if (!*body)
            diag_field(b->errs, it->file, body_line, NULL, MSG_SRC_BODY_EMPTY_TEXT);
    }
    rc = 0;
out:
    free(whole);
    free(spans);
    return rc;
}

/* ---- one source file -------------------------------------------------------- */

static void src_item_free(struct src_item *it)
{
    free(it->file);
    free(it->filename);
    free(it->id);
    free(it->title);
    free(it->lead);
    free(it->author);
    free(it->source);
    free(it->image);
    free(it->url);
    frontmatter_free_list(it->tags, it->n_tags);
    src_schedule_free(&it->schedule);
    free(it->body);
    free(it->intro);
    for (size_t i = 0; i < it->n_pages; i++) {
        free(it->pages[i].title);
        free(it->pages[i].markdown);
    }
    free(it->pages);
    for (size_t i = 0; i < it->n_questions; i++)
        feed_question_clear(&it->questions[i]);
    free(it->questions);
    for (size_t i = 0; i < it->n_images; i++)
        free(it->images[i].src);
    free(it->images);
}

/* Copies a non-empty field value into *out. Returns -1 when out of memory. */
static int take(struct build *b, const struct frontmatter *fm, const char *key, char **out)
{
    const struct fm_field *f = frontmatter_get(fm, key);

    if (!f || !*f->value)
        return 0;
    *out = strdup(f->value);
    return *out ? 0 : oom(b);
}

static int field_line(const struct frontmatter *fm, const char *key)
{
    const struct fm_field *f = frontmatter_get(fm, key);
    return f ? f->line : 1;
}

/* A required field that is missing is reported on line 1. */
static void require(struct build *b, const struct src_item *it, const char *value, const char *key, enum msg_id id)
{
    if (!value)
        diag_field(b->errs, it->file, 1, key, id);
}

/* Checks the fields of a parsed file and fills `it`. Problems go to b->errs. */
static int interpret(struct build *b, const struct frontmatter *fm, size_t folder, const char *stem,
                     struct src_item *it)
{
    const struct fm_field *f;

    if ((f = frontmatter_get(fm, "kind")) && *f->value) {
        if (item_kind_from_name(f->value, &it->kind) < 0)
            diag_field(b->errs, it->file, f->line, "kind", MSG_KIND_UNKNOWN, f->value);
    }
    if (take(b, fm, "title", &it->title) < 0 || take(b, fm, "lead", &it->lead) < 0 ||
        take(b, fm, "author", &it->author) < 0 || take(b, fm, "source", &it->source) < 0 ||
        take(b, fm, "image", &it->image) < 0 || take(b, fm, "url", &it->url) < 0 || take(b, fm, "id", &it->id) < 0)
        return -1;

    it->id_line = field_line(fm, "id");
    if (it->id) {
        if (!id_is_valid(it->id))
            diag_field(b->errs, it->file, it->id_line, "id", MSG_SRC_ID_INVALID, it->id, ID_MAX);
    } else {
        size_t n = strlen(kind_folders[folder].prefix) + strlen(stem) + 1;
        it->id = malloc(n);
        if (!it->id)
            return oom(b);
        snprintf(it->id, n, "%s%s", kind_folders[folder].prefix, stem);
        if (!id_is_valid(it->id))
            diag_field(b->errs, it->file, 1, "id", MSG_SRC_ID_FROM_FILE, stem);
    }

    it->weight = 1;
    if ((f = frontmatter_get(fm, "weight")) && *f->value) {
        const char *v = f->value;
        size_t digits = strspn(v, "0123456789");
        if (digits == 0 || v[digits] != '\0' || digits > 3)
            diag_field(b->errs, it->file, f->line, "weight", MSG_SRC_WEIGHT_NOT_INT, v);
        else if (atoi(v) < 1 || atoi(v) > 10)
            diag_field(b->errs, it->file, f->line, "weight", MSG_WEIGHT_RANGE, v);
        else
            it->weight = atoi(v);
    }
    if ((f = frontmatter_get(fm, "tags")) &&
        frontmatter_split_list(f->raw, &it->tags, &it->n_tags) < 0)
        return oom(b);
    if (src_schedule_read(fm, it->file, &it->schedule, b->errs) < 0)
        return oom(b);
    if (it->url && !is_http_url(it->url))
        diag_field(b->errs, it->file, field_line(fm, "url"), "url", MSG_NOT_HTTP_URL, it->url);

    if (it->image) {
        int line = field_line(fm, "image");
        switch (picture_problem(b, it->image)) {
        case PICTURE_OK:
            break;
        case PICTURE_REMOTE: /* the message says "no URL" */
        case PICTURE_UNSAFE:
            diag_field(b->errs, it->file, line, "image", MSG_SRC_IMAGE_UNSAFE, it->image, b->src);
            break;
        case PICTURE_NOT_PICTURE:
            diag_field(b->errs, it->file, line, "image", MSG_SRC_IMAGE_NOT_PICTURE, it->image);
            break;
        case PICTURE_NOT_FOUND:
            diag_field(b->errs, it->file, line, "image", MSG_SRC_IMAGE_NOT_FOUND, it->image, b->src);
            break;
        }
    }

    switch (it->kind) {
    case ITEM_MAXIM:
        require(b, it, it->author, "author", MSG_SRC_MISSING_AUTHOR);
        break;
    case ITEM_CASE:
        require(b, it, it->title, "title", MSG_SRC_MISSING_TITLE);
        require(b, it, it->lead, "lead", MSG_SRC_MISSING_LEAD);
        break;
    case ITEM_STORY:
        require(b, it, it->title, "title", MSG_SRC_MISSING_TITLE);
        require(b, it, it->lead, "lead", MSG_SRC_MISSING_LEAD);
        require(b, it, it->image, "image", MSG_SRC_MISSING_IMAGE);
        break;
    }
    return 0;
}

/* The line number in a message "<file>:<line>: ...", or 0. */
static long message_line(const char *msg, size_t file_len)
{
    return msg[file_len] == ':' ? strtol(msg + file_len + 1, NULL, 10) : 0;
}

/* Orders the messages of one file (from index `from` on) by line, keeping
 * the order of messages on the same line. */
static void sort_file_messages(struct diag *d, size_t from, const char *file)
{
    size_t fl = strlen(file);

    for (size_t i = from + 1; i < d->n; i++) {
        char *m = d->lines[i];
        enum msg_id id = d->ids[i];
        long line = message_line(m, fl);
        size_t j = i;
        while (j > from && message_line(d->lines[j - 1], fl) > line) {
            d->lines[j] = d->lines[j - 1];
            d->ids[j] = d->ids[j - 1];
            j--;
        }
        d->lines[j] = m;
        d->ids[j] = id;
    }
}

/* Reads, parses and checks one Markdown file. Adds the item to the build
 * even when it has problems (so ids can still be compared). */
static int read_source(struct build *b, size_t folder, const char *name)
{
    char path[PATH_LEN], rel[PATH_LEN];
    struct frontmatter fm = { 0 };
    struct src_item *it;
    struct src_item *grown;
    char *text = NULL, *stem = NULL;
    size_t len = 0, first_msg = b->errs->n;
    int rc = -1, r, dropped = 0;

    if (join(rel, kind_folders[folder].folder, name) < 0 || join(path, b->src, rel) < 0) {
        char shown[PATH_LEN];
        if (snprintf(shown, sizeof shown, "%s/%s/%s", b->src, kind_folders[folder].folder, name) < 0)
            shown[0] = '\0';
        diag_field(b->errs, shown, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return 0;
    }
    grown = realloc(b->items, (b->n_items + 1) * sizeof *b->items);
    if (!grown)
        return oom(b);
    b->items = grown;
    it = &b->items[b->n_items++];
    memset(it, 0, sizeof *it);
    it->kind = kind_folders[folder].kind;
    it->file = strdup(path);
    it->filename = strdup(name);
    stem = dup_range(name, strlen(name) - 3); /* without ".md" */
    if (!it->file || !it->filename || !stem) {
        oom(b);
        goto out;
    }
    r = feed_read_file(path, FEED_SOURCE_MAX_BYTES, &text, &len);
    if (r == -2) {
        diag_field(b->errs, path, 1, NULL, MSG_SRC_TOO_LARGE, FEED_SOURCE_MAX_BYTES / (1024u * 1024u));
        rc = 0;
        goto out;
    }
    if (r < 0) {
        diag_field(b->errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(b->errs->lang, errno));
        rc = 0;
        goto out;
    }
    if (frontmatter_parse(text, len, path, source_keys, &fm, b->errs) < 0 && !fm.body) {
        rc = b->errs->out_of_memory ? -1 : 0;
        goto out;
    }
    if (interpret(b, &fm, folder, stem, it) < 0)
        goto out;
    if (it->kind == ITEM_MAXIM)
        it->body = maxim_lines(fm.body);
    else
        it->body = trim_block(fm.body, strlen(fm.body), &dropped);
    if (!it->body) {
        oom(b);
        goto out;
    }
    if (!*it->body) {
        diag_field(b->errs, path, fm.body_line, NULL,
                   it->kind == ITEM_MAXIM ? MSG_SRC_BODY_EMPTY_SAYING : MSG_SRC_BODY_EMPTY_TEXT);
    } else if (it->kind != ITEM_MAXIM) {
        if (split_pages(b, it, fm.body_line + dropped) < 0)
            goto out;
    }
    rc = 0;
out:
    sort_file_messages(b->errs, first_msg, path);
    frontmatter_free(&fm);
    free(text);
    free(stem);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads every *.md file of one kind folder, in byte order of the names. */
static int read_folder(struct build *b, size_t folder)
{
    char path[PATH_LEN];
    char **names = NULL;
    size_t n = 0, i;
    DIR *d = NULL;
    struct dirent *de;
    int rc = -1;

    if (join(path, b->src, kind_folders[folder].folder) < 0)
        return 0;
    d = opendir(path);
    if (!d) {
        if (errno == ENOENT)
            return 0;
        diag_field(b->errs, path, 0, NULL, MSG_SYS_CANNOT_OPEN_FOLDER, msg_strerror(b->errs->lang, errno));
        return 0;
    }
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        char **grown;
        if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
            continue;
        grown = realloc(names, (n + 1) * sizeof *names);
        if (!grown) {
            oom(b);
            goto out;
        }
        names = grown;
        names[n] = strdup(de->d_name);
        if (!names[n]) {
            oom(b);
            goto out;
        }
        n++;
    }
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++) {
        char file[PATH_LEN];
        struct stat st;
        if (join(file, path, names[i]) == 0 && stat(file, &st) == 0 && !S_ISREG(st.st_mode))
            continue;
        if (read_source(b, folder, names[i]) < 0)
            goto out;
    }
    rc = 0;
out:
    if (d)
        closedir(d);
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* ---- the whole tree ----------------------------------------------------------- */

static int item_order(const void *a, const void *b)
{
    const struct src_item *x = a, *y = b;
    int c;

    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    c = strcmp(x->filename, y->filename);
    return c ? c : strcmp(x->file, y->file);
}

static void check_unique_ids(struct build *b)
{
    /* items are few (hundreds); a quadratic pass keeps the message order
     * the same as the file order */
    for (size_t i = 1; i < b->n_items; i++) {
        for (size_t j = 0; j < i; j++) {
            if (b->items[i].id && b->items[j].id && strcmp(b->items[i].id, b->items[j].id) == 0) {
                diag_field(b->errs, b->items[i].file, b->items[i].id_line, "id", MSG_SRC_ID_DUPLICATE, b->items[i].id,
                           b->items[j].file);
                break;
            }
        }
    }
}

/* ---- JSON --------------------------------------------------------------------- */

static int set_str(json_t *obj, const char *key, const char *value)
{
    return value ? json_object_set_new(obj, key, json_string(value)) : 0;
}

/* "<p>saying<br />\nsecond line</p>\n" with HTML escaped. */
static char *maxim_html(const char *text)
{
    size_t cap = strlen(text) * 6 + 32, n = 0;
    char *out = malloc(cap);

    if (!out)
        return NULL;
    n += (size_t)snprintf(out, cap, "<p>");
    for (const char *p = text; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\n': rep = "<br />\n"; break;
        default: break;
        }
        if (rep) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *p;
        }
    }
    memcpy(out + n, "</p>\n", 6);
    return out;
}

/* "questions": [{"kind", "stem", "options", "answer", "explanation", "source"}] */
static json_t *questions_json(const struct src_item *it)
{
    json_t *arr = json_array();
    int bad = !arr;

    for (size_t i = 0; !bad && i < it->n_questions; i++) {
        const struct feed_question *fq = &it->questions[i];
        json_t *o = json_object(), *options = json_array(), *answer = json_array();

        bad |= !o || !options || !answer;
        for (size_t k = 0; !bad && k < fq->n_options; k++) {
            bad |= json_array_append_new(options, json_string(fq->options[k]));
            if (k < 32 && (fq->answer_mask & (1u << k)))
                bad |= json_array_append_new(answer, json_integer((json_int_t)k));
        }
        if (!bad) {
            bad |= set_str(o, "kind", question_kind_name(fq->kind));
            bad |= set_str(o, "stem", fq->stem);
            bad |= json_object_set_new(o, "options", options);
            bad |= json_object_set_new(o, "answer", answer);
            bad |= set_str(o, "explanation", fq->explanation);
            bad |= set_str(o, "source", fq->source);
            bad |= json_array_append_new(arr, o);
        } else {
            json_decref(o);
            json_decref(options);
            json_decref(answer);
        }
    }
    if (bad) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

static json_t *item_json(const struct src_item *it)
{
    json_t *o = json_object(), *q = json_object(), *tags = NULL, *pages = NULL;
    char *html = NULL;
    int bad = 0;

    if (!o || !q)
        goto fail;
    if (it->kind == ITEM_MAXIM)
        html = maxim_html(it->body);
    else
        html = cmark_markdown_to_html(it->body, strlen(it->body), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
    if (!html)
        goto fail;
    bad |= set_str(o, "id", it->id);
    bad |= set_str(o, "title", it->title);
    bad |= set_str(o, "summary", it->lead);
    bad |= set_str(o, "content_text", it->body);
    bad |= set_str(o, "content_html", html);
    bad |= set_str(o, "image", it->image);
    if (it->n_tags) {
        tags = json_array();
        if (!tags)
            goto fail;
        for (size_t i = 0; i < it->n_tags; i++)
            bad |= json_array_append_new(tags, json_string(it->tags[i]));
        bad |= json_object_set_new(o, "tags", tags);
    }
    bad |= set_str(o, "url", it->url);
    bad |= set_str(q, "kind", item_kind_name(it->kind));
    bad |= set_str(q, "author", it->author);
    bad |= set_str(q, "source", it->source);
    bad |= json_object_set_new(q, "weight", json_integer(it->weight));
    bad |= src_schedule_json(&it->schedule, q);
    if (it->kind != ITEM_MAXIM) {
        bad |= set_str(q, "markdown", it->body);
        bad |= set_str(q, "intro", it->intro);
    }
    if (it->n_pages) {
        pages = json_array();
        if (!pages)
            goto fail;
        for (size_t i = 0; i < it->n_pages; i++) {
            json_t *pg = json_object();
            bad |= set_str(pg, "title", it->pages[i].title);
            bad |= set_str(pg, "markdown", it->pages[i].markdown);
            bad |= json_array_append_new(pages, pg);
        }
        bad |= json_object_set_new(q, "pages", pages);
    }
    if (it->n_questions) {
        json_t *questions = questions_json(it);
        if (!questions)
            goto fail;
        bad |= json_object_set_new(q, "questions", questions);
    }
    bad |= json_object_set_new(o, "_qingfeng", q);
    q = NULL;
    if (bad)
        goto fail;
    free(html);
    return o;
fail:
    free(html);
    json_decref(q);
    json_decref(o);
    return NULL;
}

/* Collects the distinct picture paths (header images and the pictures of
 * the bodies), sorted, with size and SHA-256. */
static json_t *assets_json(struct build *b, size_t *n_assets)
{
    const char **paths = NULL;
    size_t n = 0, i;
    json_t *arr = json_array(), *result = NULL;

    if (!arr)
        goto out;
    for (i = 0; i < b->n_items; i++)
        n += 1 + b->items[i].n_images;
    if (n) {
        paths = malloc(n * sizeof *paths);
        if (!paths)
            goto out;
    }
    n = 0;
    for (i = 0; i < b->n_items; i++) {
        if (b->items[i].image)
            paths[n++] = b->items[i].image;
        for (size_t k = 0; k < b->items[i].n_images; k++)
            if (b->items[i].images[k].ok)
                paths[n++] = b->items[i].images[k].src;
    }
    if (n)
        qsort(paths, n, sizeof *paths, name_cmp);
    *n_assets = 0;
    for (i = 0; i < n; i++) {
        char path[PATH_LEN], hex[SHA256_HEX_LEN + 1];
        uint64_t size = 0;
        json_t *a;
        if (i > 0 && strcmp(paths[i], paths[i - 1]) == 0)
            continue;
        if (join(path, b->src, paths[i]) < 0 || sha256_hex_file(path, hex, &size) < 0) {
            diag_field(b->errs, path, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(b->errs->lang, errno));
            continue;
        }
        a = json_pack("{s:s, s:I, s:s}", "path", paths[i], "size", (json_int_t)size, "sha256", hex);
        if (!a || json_array_append_new(arr, a) < 0)
            goto out;
        (*n_assets)++;
    }
    result = arr;
    arr = NULL;
out:
    json_decref(arr);
    free(paths);
    return result;
}

static json_t *feed_json(struct build *b, size_t *n_assets)
{
    json_t *root = json_object(), *items = json_array(), *q = NULL, *assets;
    int bad = 0;

    if (!root || !items)
        goto fail;
    assets = assets_json(b, n_assets);
    if (!assets)
        goto fail;
    q = json_pack("{s:i, s:s, s:o}", "format", 1, "generated_by", "qingfeng-feed", "assets", assets);
    if (!q || feed_quiz_add_json(&b->quiz, q) < 0)
        goto fail;
    bad |= set_str(root, "version", "https://jsonfeed.org/version/1.1");
    bad |= set_str(root, "title", b->meta.title && *b->meta.title ? b->meta.title : "清风 内容");
    bad |= set_str(root, "home_page_url", b->meta.home_page_url && *b->meta.home_page_url ? b->meta.home_page_url : NULL);
    bad |= set_str(root, "description", b->meta.description && *b->meta.description ? b->meta.description : NULL);
    bad |= set_str(root, "language", b->meta.language && *b->meta.language ? b->meta.language : "zh-CN");
    bad |= json_object_set_new(root, "_qingfeng", q);
    q = NULL;
    for (size_t i = 0; i < b->n_items; i++) {
        json_t *it = item_json(&b->items[i]);
        if (!it || json_array_append_new(items, it) < 0)
            goto fail;
    }
    bad |= json_object_set_new(root, "items", items);
    items = NULL;
    if (bad)
        goto fail;
    return root;
fail:
    json_decref(q);
    json_decref(items);
    json_decref(root);
    return NULL;
}

static void build_free(struct build *b)
{
    for (size_t i = 0; i < b->n_items; i++)
        src_item_free(&b->items[i]);
    free(b->items);
    free(b->meta.title);
    free(b->meta.home_page_url);
    free(b->meta.language);
    free(b->meta.description);
    feed_quiz_free(&b->quiz);
}

/* feed_build_json, handing the quiz bank (to be written next to feed.json)
 * to `quiz` when it is not NULL. */
static int build_json(const char *src, char **json, size_t *len, struct feed_build_stats *stats, struct diag *errs,
                      struct feed_quiz *quiz)
{
    struct build b = { .errs = errs };
    size_t before = errs->n, n_assets = 0, slen;
    json_t *root = NULL;
    char *text = NULL;
    struct diag self = { .lang = errs->lang };
    struct feed *check = NULL;
    struct stat st;
    int rc = -1;

    slen = strlen(src);
    while (slen > 1 && src[slen - 1] == '/')
        slen--;
    if (slen >= sizeof b.src) {
        diag_field(errs, src, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        goto out;
    }
    memcpy(b.src, src, slen);
    b.src[slen] = '\0';
    if (stat(b.src, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_field(errs, b.src, 0, NULL, MSG_SRC_NOT_A_FOLDER);
        goto out;
    }
    read_feed_ini(&b);
    for (size_t f = 0; f < sizeof kind_folders / sizeof kind_folders[0]; f++)
        if (read_folder(&b, f) < 0)
            goto out;
    check_unique_ids(&b);
    feed_quiz_read(b.src, &b.quiz, errs);
    if (b.n_items == 0 && errs->n == before)
        diag_field(errs, b.src, 0, NULL, MSG_SRC_NO_ITEMS);
    if (errs->n != before || errs->out_of_memory)
        goto out;
    if (b.n_items)
        qsort(b.items, b.n_items, sizeof *b.items, item_order);
    root = feed_json(&b, &n_assets);
    if (!root) {
        if (errs->n == before)
            oom(&b);
        goto out;
    }
    if (errs->n != before)
        goto out;
    text = json_dumps(root, JSON_INDENT(2));
    if (!text) {
        oom(&b);
        goto out;
    }
    {
        size_t tl = strlen(text);
        char *grown = realloc(text, tl + 2);
        if (!grown) {
            oom(&b);
            goto out;
        }
        text = grown;
        memcpy(text + tl, "\n", 2);
    }
    /* one validator: what we write must be what the kiosk accepts */
    check = feed_parse_diag(text, strlen(text), "feed.json", &self);
    if (!check) {
        diag_field(errs, b.src, 0, NULL, MSG_SYS_SELF_CHECK, self.n ? self.lines[0] : "?");
        goto out;
    }
    if (stats) {
        stats->n_items = check->n_items;
        stats->n_maxims = feed_count_kind(check, ITEM_MAXIM);
        stats->n_cases = feed_count_kind(check, ITEM_CASE);
        stats->n_stories = feed_count_kind(check, ITEM_STORY);
        stats->n_assets = check->n_assets;
        stats->n_questions = check->quiz_questions;
    }
    *len = strlen(text);
    *json = text;
    text = NULL;
    if (quiz) {
        *quiz = b.quiz;
        memset(&b.quiz, 0, sizeof b.quiz);
    }
    rc = 0;
out:
    diag_free(&self);
    feed_free(check);
    free(text);
    json_decref(root);
    build_free(&b);
    return rc;
}

int feed_build_json(const char *src, char **json, size_t *len, struct feed_build_stats *stats, struct diag *errs)
{
    return build_json(src, json, len, stats, errs, NULL);
}

/* ---- writing ------------------------------------------------------------------- */

/* Creates `dir` and its parents (like mkdir -p). */
static int make_dirs(const char *dir)
{
    char path[PATH_LEN];
    size_t n = strlen(dir);

    if (n >= sizeof path)
        return -1;
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] == '/' || path[i] == '\0') {
            char c = path[i];
            path[i] = '\0';
            if (mkdir(path, 0755) != 0 && errno != EEXIST)
                return -1;
            path[i] = c;
        }
    }
    return 0;
}

/* Writes `len` bytes to `path` through "<path>.tmp" and rename(2). */
static int write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[PATH_LEN];
    int fd = -1, rc = -1, saved;
    size_t done = 0;

    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        goto out;
    while (done < len) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto out;
        }
        done += (size_t)w;
    }
    if (fsync(fd) != 0)
        goto out;
    if (close(fd) != 0) {
        fd = -1;
        goto out;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto out;
    rc = 0;
out:
    saved = errno;
    if (fd >= 0)
        close(fd);
    if (rc != 0)
        unlink(tmp);
    errno = saved;
    return rc;
}

/* Copies one asset into the output folder. */
static int copy_asset(const char *src, const char *out, const char *rel, struct diag *errs)
{
    char from[PATH_LEN], to[PATH_LEN], dir[PATH_LEN];
    char *data = NULL, *slash;
    size_t len = 0;
    int rc = -1;

    if (join(from, src, rel) < 0 || join(to, out, rel) < 0) {
        char shown[PATH_LEN];
        if (snprintf(shown, sizeof shown, "%s/%s", out, rel) < 0)
            shown[0] = '\0';
        diag_field(errs, shown, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        goto out;
    }
    switch (feed_read_file(from, FEED_MAX_BYTES * 4u, &data, &len)) {
    case 0:
        break;
    case -2:
        diag_field(errs, from, 0, NULL, MSG_SRC_PICTURE_TOO_LARGE, FEED_MAX_BYTES * 4u / (1024u * 1024u));
        goto out;
    default:
        diag_field(errs, from, 0, NULL, MSG_SYS_CANNOT_READ, msg_strerror(errs->lang, errno));
        goto out;
    }
    memcpy(dir, to, sizeof dir);
    slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    if (make_dirs(dir) != 0 || write_atomic(to, data, len) != 0) {
        diag_field(errs, to, 0, NULL, MSG_SYS_CANNOT_WRITE, msg_strerror(errs->lang, errno));
        goto out;
    }
    rc = 0;
out:
    free(data);
    return rc;
}

/* Writes out/quiz/bank.json, which the build made rather than copied. */
static int write_bank(const char *out, const struct feed_quiz *quiz, struct diag *errs)
{
    char to[PATH_LEN], dir[PATH_LEN];

    if (join(to, out, FEED_QUIZ_BANK_PATH) < 0 || join(dir, out, FEED_QUIZ_FOLDER) < 0) {
        diag_field(errs, out, 0, NULL, MSG_SYS_PATH_TOO_LONG);
        return -1;
    }
    if (make_dirs(dir) != 0 || write_atomic(to, quiz->json, quiz->len) != 0) {
        diag_field(errs, to, 0, NULL, MSG_SYS_CANNOT_WRITE, msg_strerror(errs->lang, errno));
        return -1;
    }
    if (!quiz->board)
        return 0;
    if (join(to, out, FEED_QUIZ_BOARD_PATH) < 0 || write_atomic(to, quiz->board, quiz->board_len) != 0) {
        diag_field(errs, to, 0, NULL, MSG_SYS_CANNOT_WRITE, msg_strerror(errs->lang, errno));
        return -1;
    }
    return 0;
}

int feed_build(const char *src, const char *out, struct feed_build_stats *stats, struct diag *errs)
{
    char *json = NULL, path[PATH_LEN];
    size_t len = 0, before = errs->n;
    struct feed *feed = NULL;
    struct feed_quiz quiz = { 0 };
    json_t *root = NULL;
    int rc = -1;

    if (build_json(src, &json, &len, stats, errs, &quiz) < 0)
        goto out;
    if (make_dirs(out) != 0) {
        diag_field(errs, out, 0, NULL, MSG_SYS_CANNOT_CREATE_FOLDER, msg_strerror(errs->lang, errno));
        goto out;
    }
    /* copy the assets the JSON lists, then switch feed.json last */
    root = json_loadb(json, len, 0, NULL);
    {
        json_t *assets = json_object_get(json_object_get(root, "_qingfeng"), "assets");
        for (size_t i = 0; i < json_array_size(assets); i++) {
            const char *rel = json_string_value(json_object_get(json_array_get(assets, i), "path"));
            if (!quiz.json || (strcmp(rel, FEED_QUIZ_BANK_PATH) != 0 && strcmp(rel, FEED_QUIZ_BOARD_PATH) != 0))
                copy_asset(src, out, rel, errs);
        }
    }
    if (quiz.json)
        write_bank(out, &quiz, errs);
    if (errs->n != before)
        goto out;
    if (join(path, out, "feed.json") < 0 || write_atomic(path, json, len) != 0) {
        char shown[PATH_LEN];
        if (snprintf(shown, sizeof shown, "%s/feed.json", out) < 0)
            shown[0] = '\0';
        diag_field(errs, shown, 0, NULL, MSG_SYS_CANNOT_WRITE, msg_strerror(errs->lang, errno));
        goto out;
    }
    feed = feed_load_dir_diag(out, errs);
    if (!feed)
        goto out;
    rc = 0;
out:
    feed_free(feed);
    feed_quiz_free(&quiz);
    json_decref(root);
    free(json);
    return rc;
}
