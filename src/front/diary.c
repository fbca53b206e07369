/* diary.c: the check-in diary (see diary.h): dates, reading and adding
 * check-ins, and `tptriage diary`, which lists them with a small chart of
 * the pain scores. */
#include "diary.h"

#include "kb.h"
#include "statedir.h"
#include "triage.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define DIARY_MAX (16u << 20) /* largest diary read */
#define BAR_WIDTH 20          /* characters of a pain score of 10 */

char *tp_diary_path(tp_error *err)
{
    err->msg[0] = 0;
    const char *off = getenv("TPTRIAGE_DIARY");
    if (off && strcmp(off, "off") == 0)
        return NULL;
    return tp_xdg_file("XDG_DATA_HOME", ".local/share", "diary.jsonl", err);
}

/* ---- reading and adding ------------------------------------------------------- */

/* One line as a check-in; NULL when it is one, else what is wrong. */
static const char *parse_line(const char *line, size_t n, tp_checkin *c)
{
    json_error_t jerr;
    json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(o)) {
        json_decref(o);
        return "not a JSON object";
    }
    const char *date = json_string_value(json_object_get(o, "date"));
    json_t *pain = json_object_get(o, "pain");
    const char *level = json_string_value(json_object_get(o, "level"));
    const char *kb = json_string_value(json_object_get(o, "kb"));
    json_t *answers = json_object_get(o, "answers");
    const char *bad = NULL;
    if ((c->day = tp_date_parse(date)) < 0)
        bad = "no \"date\" as YYYY-MM-DD";
    else if (!json_is_null(pain) && pain &&
             (!json_is_integer(pain) || json_integer_value(pain) < 0 ||
              json_integer_value(pain) > 10))
        bad = "\"pain\" is not a whole number from 0 to 10";
    else if (!level)
        bad = "no \"level\"";
    else if (!json_is_object(answers))
        bad = "no \"answers\" object";
    if (!bad) {
        c->pain = json_is_integer(pain) ? (int)json_integer_value(pain) : TP_PAIN_NONE;
        c->level = tp_xstrdup(level);
        c->kb = tp_xstrdup(kb ? kb : "");
        c->answers = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    }
    json_decref(o);
    return bad;
}

int tp_diary_read(const char *path, tp_diary *d, tp_buf *warnings, tp_error *err)
{
    memset(d, 0, sizeof *d);
    size_t len;
    char *text = tp_read_regular(path, DIARY_MAX, &len, err);
    if (!text)
        return errno == ENOENT ? 0 : -1;
    int line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        line++;
        if (n > 0) {
            tp_checkin c = {0};
            const char *bad = parse_line(text + pos, n, &c);
            if (bad) {
                tp_buf_printf(warnings, "tptriage: %s:%d: %s; this line is skipped\n", path, line,
                              bad);
            } else {
                if (d->n == d->cap) {
                    d->cap = d->cap ? 2 * d->cap : 16;
                    d->v = tp_xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
                }
                d->v[d->n++] = c;
            }
        }
        pos += n + (nl ? 1 : 0);
    }
    free(text);
    return 0;
}

/* Takes the diary's lock (PATH.lock, waiting for another session's):
 * the descriptor, or -1 with err. */
static int lock_diary(const char *path, tp_error *err)
{
    tp_buf name = {0};
    tp_buf_printf(&name, "%s.lock", path);
    int fd = tp_open_regular(name.data, O_RDWR | O_CREAT, err);
    tp_buf_free(&name);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        tp_error_set(err, "%s: cannot lock: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int tp_diary_add(const char *path, const tp_checkin *c, tp_error *err)
{
    tp_buf out = {0};
    int lock = lock_diary(path, err);
    if (lock < 0)
        return -1;
    /* read again under the lock: what others added since is kept */
    size_t len;
    char *text = tp_read_regular(path, DIARY_MAX, &len, err);
    if (!text && errno != ENOENT) {
        close(lock);
        return -1;
    }
    if (text) {
        tp_buf_add(&out, text, len);
        if (len && text[len - 1] != '\n')
            tp_buf_puts(&out, "\n");
        free(text);
    }
    json_t *answers = json_loads(c->answers ? c->answers : "{}", 0, NULL);
    if (!json_is_object(answers)) {
        json_decref(answers);
        tp_buf_free(&out);
        close(lock);
        tp_error_set(err, "%s: the answers to keep are not a JSON object", path);
        return -1;
    }
    char date[11];
    tp_date_text(c->day, date);
    json_t *o = json_pack("{s:s, s:o, s:s, s:s, s:o}", "date", date, "pain",
                          c->pain == TP_PAIN_NONE ? json_null() : json_integer(c->pain), "level",
                          c->level, "kb", c->kb ? c->kb : "", "answers", answers);
    char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
    tp_buf_printf(&out, "%s\n", line);
    free(line);
    json_decref(o);
    int rv = tp_write_file(path, out.data, out.len, TP_MODE_PRIVATE, err);
    close(lock); /* the lock goes with it, after the rename */
    tp_buf_free(&out);
    return rv;
}

void tp_diary_free(tp_diary *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->v[i].level);
        free(d->v[i].kb);
        free(d->v[i].answers);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

void tp_diary_ago(long days, char *out, size_t len)
{
    snprintf(out, len, days == 0 ? "today" : days == 1 ? "yesterday" : "%ld days ago", days);
}

/* ---- a later session ---------------------------------------------------------- */

tp_episode tp_diary_episode(const tp_diary *d, long today, int gap)
{
    tp_episode e = {0, NULL, NULL};
    if (d->n == 0 || today - d->v[d->n - 1].day > gap || today < d->v[d->n - 1].day)
        return e;
    int i = d->n - 1;
    while (i > 0 && d->v[i].day - d->v[i - 1].day <= gap && d->v[i].day >= d->v[i - 1].day)
        i--;
    e.n = d->n - i;
    e.first = &d->v[i];
    e.previous = &d->v[d->n - 1];
    return e;
}

/* The whole number check-in c gave for question qid, or 0. */
static long long answered_number(const tp_checkin *c, const char *qid)
{
    json_t *o = json_loads(c->answers ? c->answers : "{}", 0, NULL);
    json_t *v = json_object_get(o, qid);
    long long n = 0;
    if (json_is_integer(v))
        n = json_integer_value(v);
    else if (json_is_string(v))
        n = strtoll(json_string_value(v), NULL, 10);
    json_decref(o);
    return n > 0 ? n : 0;
}

/* The answer check-in c gave for question qid, as answer text ("a, b" for
 * several), into out; 0 when it gave none. */
static int answered_text(const tp_checkin *c, const char *qid, char *out, size_t len)
{
    json_t *o = json_loads(c->answers ? c->answers : "{}", 0, NULL);
    json_t *v = json_object_get(o, qid);
    int ok = 1;
    if (json_is_string(v) && strcmp(json_string_value(v), "unanswered") != 0) {
        snprintf(out, len, "%s", json_string_value(v));
    } else if (json_is_integer(v)) {
        snprintf(out, len, "%lld", (long long)json_integer_value(v));
    } else if (json_is_array(v) && json_array_size(v) > 0) {
        size_t i, n = 0;
        json_t *x;
        out[0] = 0;
        json_array_foreach(v, i, x)
        {
            if (!json_is_string(x) || n + strlen(json_string_value(x)) + 3 >= len) {
                ok = 0;
                break;
            }
            n += (size_t)snprintf(out + n, len - n, "%s%s", i ? ", " : "", json_string_value(x));
        }
    } else {
        ok = 0;
    }
    json_decref(o);
    return ok;
}

/* pain-lower: what two scores decide, or NULL when they do not. At least
 * min_drop points lower, or 0 today after pain (gone): if_lower. Higher
 * today, or not that much lower from a score that could have dropped that
 * far: otherwise. From a score below min_drop (0 or 1 for 2 points) the drop
 * cannot be met, so only gone or higher decide; else NULL. */
static const char *pain_lower_answer(const tp_diary_fill *f, int was, int now)
{
    if (was - now >= f->min_drop || (now == 0 && was > 0))
        return f->if_lower;
    if (now > was || was >= f->min_drop)
        return f->otherwise;
    return NULL;
}

int tp_diary_fill_answer(const tp_diary_fill *f, const tp_episode *e, long today, int pain,
                         char *out, size_t len)
{
    if (e->n == 0)
        return 0;
    if (strcmp(f->from, "last-answer") == 0)
        return answered_text(e->previous, f->question, out, len);
    if (strcmp(f->from, "days-since-first") == 0) {
        snprintf(out, len, "%lld",
                 (long long)(today - e->first->day) + answered_number(e->first, f->question));
        return 1;
    }
    if (strcmp(f->from, "pain-lower") == 0) {
        const tp_checkin *was = f->compare_first ? e->first : e->previous;
        if (pain == TP_PAIN_NONE || was->pain == TP_PAIN_NONE)
            return 0;
        const char *said = pain_lower_answer(f, was->pain, pain);
        if (!said)
            return 0; /* the scores do not decide it: the question is asked */
        snprintf(out, len, "%s", said);
        return 1;
    }
    return 0;
}

/* ---- tptriage diary -------------------------------------------------------------- */

static const tp_opt diary_options[] = {
    {'d', 0, "delete", NULL, "delete the diary"},
    {'k', 0, "kb", "DIR", "the knowledge base in DIR, for the levels' titles"},
    {0, 0, NULL, NULL, NULL},
};

const tp_optspec tp_diary_spec = {
    "diary",
    "",
    "list the check-ins kept at the end of sessions, with a pain chart",
    "Lists the check-ins kept at the end of sessions (date, pain score, level) with a\n"
    "chart of the pain scores. The diary is $XDG_DATA_HOME/tptriage/diary.jsonl\n"
    "(~/.local/share/tptriage/diary.jsonl); TPTRIAGE_DIARY=off turns it off.\n",
    0,
    diary_options};

/* The level's title in the knowledge base, or its id. */
static const char *level_title(const tp_kb *kb, const char *id)
{
    const tp_level *l = kb ? tp_kb_level(kb, id) : NULL;
    return l ? l->title : id;
}

static void show(const tp_diary *d, const tp_kb *kb, const char *path)
{
    printf("%d check-in%s, in %s:\n", d->n, d->n == 1 ? "" : "s", path);
    long today = tp_date_today();
    for (int i = 0; i < d->n; i++) {
        const tp_checkin *c = &d->v[i];
        char date[11], pain[8], ago[32];
        tp_date_text(c->day, date);
        if (c->pain == TP_PAIN_NONE)
            snprintf(pain, sizeof pain, "%s", "-");
        else
            snprintf(pain, sizeof pain, "%d", c->pain);
        tp_diary_ago(today - c->day, ago, sizeof ago);
        printf("  %s  %-13s pain %-2s  %s\n", date, ago, pain, level_title(kb, c->level));
    }
    printf("\npain (0 none, 10 worst):\n");
    for (int i = 0; i < d->n; i++) {
        const tp_checkin *c = &d->v[i];
        char date[11], bar[BAR_WIDTH + 1];
        tp_date_text(c->day, date);
        int w = c->pain == TP_PAIN_NONE ? 0 : c->pain * BAR_WIDTH / 10;
        memset(bar, '#', (size_t)w);
        bar[w] = 0;
        if (c->pain == TP_PAIN_NONE)
            printf("  %s |%-*s  (no score)\n", date, BAR_WIDTH, "");
        else
            printf("  %s |%-*s %2d\n", date, BAR_WIDTH, bar, c->pain);
    }
}

int tp_diary_main(int argc, char **argv)
{
    int del = 0, key;
    const char *kbdir = NULL;
    tp_opts p;
    tp_opts_init(&p, &tp_diary_spec, argc, argv);
    while ((key = tp_opts_next(&p)) > 0) {
        if (key == 'd')
            del = 1;
        else if (key == 'k')
            kbdir = p.value;
    }
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    tp_error perr = {{0}};
    char *path = tp_diary_path(&perr);
    if (!path && perr.msg[0]) {
        tp_report("%s", perr.msg);
        return TP_EXIT_BAD_INPUT;
    }
    if (!path) {
        printf("The diary is turned off (TPTRIAGE_DIARY=off) or there is no home folder.\n");
        return TP_EXIT_OK;
    }
    tp_diary d;
    tp_buf warnings = {0};
    tp_error err = {{0}};
    int rc = TP_EXIT_OK;
    if (tp_diary_read(path, &d, &warnings, &err) != 0) {
        tp_report("%s", err.msg);
        rc = TP_EXIT_BAD_INPUT;
    } else if (del) {
        if (unlink(path) != 0 && errno != ENOENT) {
            tp_report("%s: %s", path, strerror(errno));
            rc = TP_EXIT_BAD_INPUT;
        } else {
            printf("Deleted the diary (%d check-in%s) at %s.\n", d.n, d.n == 1 ? "" : "s", path);
        }
    } else if (d.n == 0) {
        printf("No check-ins yet.\n");
    } else {
        tp_triage *tri = NULL;
        const tp_kb *kb = NULL;
        if ((tri = tp_triage_open(kbdir, &err)) != NULL)
            kb = tp_triage_kb(tri);
        show(&d, kb, path);
        tp_triage_close(tri);
    }
    if (warnings.len) /* damaged lines are said, never fatal */
        fputs(warnings.data, stderr);
    tp_buf_free(&warnings);
    tp_diary_free(&d);
    free(path);
    return rc;
}
