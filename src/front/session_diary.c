/* session_diary.c: the check-in diary in the session (see diary.h). A
 * later session greets with the last check-in, asks today's pain score and
 * fills the questions the knowledge base's diary-fill facts name (each
 * shown with a note, changeable with :change); at the end it offers to keep
 * a check-in. Which questions, and how they are filled, is data: nothing
 * here knows a question. */
#include "session_int.h"

#include "choices.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define DIARY_PAIN 1    /* step: today's pain score, before the interview */
#define DIARY_CONSENT 2 /* step: keep a check-in? */
#define DIARY_KEEP 3    /* step: the pain score, then keep */
#define EPISODE_GAP 14  /* days, when no diary-fill fact says */

/* Prints the diary text id after indent, with {key} replaced by value (up
 * to two). */
static void say_at(tp_session *s, const char *indent, const char *id, const char *k1,
                   const char *v1, const char *k2, const char *v2)
{
    const tp_text *t = tp_kb_text(s->kb, "diary", id);
    if (!t)
        return;
    fputs(indent, s->out);
    const char *keys[2] = {k1, k2}, *vals[2] = {v1, v2};
    for (const char *p = t->text; *p;) {
        int hit = 0;
        for (int k = 0; k < 2 && !hit; k++) {
            size_t n = keys[k] ? strlen(keys[k]) : 0;
            if (n && p[0] == '{' && strncmp(p + 1, keys[k], n) == 0 && p[n + 1] == '}') {
                fputs(vals[k], s->out);
                p += n + 2;
                hit = 1;
            }
        }
        if (!hit)
            fputc(*p++, s->out);
    }
    fputc('\n', s->out);
}

static void say(tp_session *s, const char *id, const char *k1, const char *v1, const char *k2,
                const char *v2)
{
    say_at(s, "", id, k1, v1, k2, v2);
}

/* ---- the diary-fill facts --------------------------------------------------------- */

struct fill_find {
    tp_triage *t;         /* read from */
    const char *question; /* the question looked for; NULL: any (for the gap) */
    tp_diary_fill f;      /* the fact found */
    int found;            /* 1 once found */
    int gap;              /* its episode gap */
};

static int find_fill(void *ud, tp_fact *fact)
{
    struct fill_find *w = ud;
    const char *q = tp_triage_fact_str(w->t, fact, "question");
    if (w->question && (!q || strcmp(q, w->question) != 0))
        return 0;
    long long n;
    w->f.question = q;
    w->f.from = tp_triage_fact_str(w->t, fact, "from");
    w->f.compare_first = strcmp(tp_triage_fact_str(w->t, fact, "compare-with"), "first") == 0;
    w->f.min_drop = tp_triage_fact_int(w->t, fact, "min-drop", &n) == 0 ? (int)n : 1;
    w->f.if_lower = tp_triage_fact_str(w->t, fact, "if-lower");
    w->f.otherwise = tp_triage_fact_str(w->t, fact, "otherwise");
    w->gap = tp_triage_fact_int(w->t, fact, "episode-gap", &n) == 0 ? (int)n : EPISODE_GAP;
    w->found = 1;
    return 1;
}

static struct fill_find fill_for(tp_session *s, const char *question)
{
    struct fill_find w;
    memset(&w, 0, sizeof w);
    w.t = s->t;
    w.question = question;
    w.gap = EPISODE_GAP;
    tp_triage_each(s->t, "diary-fill", find_fill, &w);
    return w;
}

/* A diary-fill fact the session cannot use: an unknown question, a way of
 * filling that does not suit it, or an answer it does not allow. Said at
 * the start (never fatal: that question is then asked). */
static int check_fill(void *ud, tp_fact *fact)
{
    tp_session *s = ud;
    const char *qid = tp_triage_fact_str(s->t, fact, "question");
    const char *from = tp_triage_fact_str(s->t, fact, "from");
    int qi = qid ? tp_kb_question_index(s->kb, qid) : -1;
    const tp_question *q = qi >= 0 ? &s->kb->questions[qi] : NULL;
    const char *bad = NULL, *what = "";
    if (!q) {
        bad = "names no question of this knowledge base";
    } else if (from && strcmp(from, "days-since-first") == 0) {
        if (q->kind != TP_Q_NUMBER)
            bad = "fills days into a question that takes no number";
    } else if (from && strcmp(from, "last-answer") == 0) {
        if (q->safety)
            bad = "repeats an old answer to a safety question, which is always asked";
    } else {
        const char *vals[2] = {tp_triage_fact_str(s->t, fact, "if-lower"),
                               tp_triage_fact_str(s->t, fact, "otherwise")};
        for (int k = 0; k < 2 && !bad; k++)
            if (!vals[k] || !tp_kb_value(q, vals[k])) {
                bad = "gives an answer the question does not allow:";
                what = vals[k] ? vals[k] : "";
            }
    }
    if (bad)
        fprintf(s->out, "facts: the diary-fill for %s %s%s%s (it is asked instead).\n",
                qid ? qid : "?", bad, *what ? " " : "", what);
    return 0;
}

/* ---- the start -------------------------------------------------------------------- */

int tp_ss_diary_begin(tp_session *s)
{
    s->diary.pain = TP_PAIN_NONE;
    if (!s->opts.diary)
        return 0;
    tp_buf warnings = {0};
    tp_error err = {{0}};
    if (tp_diary_read(s->opts.diary, &s->diary.d, &warnings, &err) != 0)
        fprintf(s->out, "Could not read your diary: %s\n", err.msg);
    if (warnings.len) /* damaged lines are said and skipped */
        fputs(warnings.data, s->out);
    tp_buf_free(&warnings);
    tp_triage_each(s->t, "diary-fill", check_fill, s);
    long today = tp_date_today();
    s->diary.ep = tp_diary_episode(&s->diary.d, today, fill_for(s, NULL).gap);
    if (s->diary.ep.n == 0)
        return 0;
    char ago[32], date[11];
    tp_diary_ago(today - s->diary.ep.previous->day, ago, sizeof ago);
    tp_date_text(s->diary.ep.previous->day, date);
    fputc('\n', s->out);
    say(s, "greeting", "ago", ago, "date", date);
    say(s, "pain", NULL, NULL, NULL, NULL);
    s->diary.step = DIARY_PAIN;
    return 1;
}

/* A pain score typed: 0..10, TP_PAIN_NONE for an empty line, -2 for
 * anything else. */
static int pain_score(const char *line)
{
    char *end;
    while (isspace((unsigned char)*line))
        line++;
    if (!*line)
        return TP_PAIN_NONE;
    long v = strtol(line, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    /* "6/10" and "6 out of 10" are 6 */
    if (end != line &&
        (strcmp(end, "/10") == 0 || strcmp(end, "/ 10") == 0 || strcmp(end, "out of 10") == 0))
        end += strlen(end);
    return end != line && *end == 0 && v >= 0 && v <= 10 ? (int)v : -2;
}

/* ---- keeping a check-in --------------------------------------------------------------- */

static void keep(tp_session *s)
{
    json_t *o = json_object();
    for (int i = 0; i < s->answers.nanswers; i++) {
        const tp_answer *a = &s->answers.answers[i];
        const tp_question *q = &s->kb->questions[a->q];
        char v[1024];
        tp_answer_format(a, v, sizeof v);
        json_object_set_new(
            o, q->id, q->kind == TP_Q_NUMBER ? json_integer(strtoll(v, NULL, 10)) : json_string(v));
    }
    char *answers = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    const tp_level *l = s->result.level;
    tp_checkin c = {tp_date_today(), s->diary.pain, (char *)(l ? l->id : "none"),
                    (char *)s->kb->hash, answers};
    tp_error err = {{0}};
    if (tp_diary_add(s->opts.diary, &c, &err) != 0)
        fprintf(s->out, "Could not keep the check-in: %s\n", err.msg);
    else
        say(s, "kept", "path", s->opts.diary, NULL, NULL);
    free(answers);
}

void tp_ss_diary_offer(tp_session *s)
{
    /* after a level that needs help now, the diary is no concern */
    if (!s->opts.diary || s->diary.offered || (s->result.level && s->result.level->alert))
        return;
    s->diary.offered = 1;
    fputc('\n', s->out);
    say(s, "consent", NULL, NULL, NULL, NULL);
    s->diary.step = DIARY_CONSENT;
}

void tp_ss_diary_line(tp_session *s, const char *line)
{
    int step = s->diary.step;
    if (step == DIARY_CONSENT) {
        char f[16];
        tp_fold(line, f, sizeof f);
        s->diary.step = 0;
        if (strcmp(f, "y") != 0 && strcmp(f, "yes") != 0) {
            say(s, "not-kept", NULL, NULL, NULL, NULL);
        } else if (s->diary.pain == TP_PAIN_NONE) {
            say(s, "pain", NULL, NULL, NULL, NULL);
            s->diary.step = DIARY_KEEP;
        } else {
            keep(s);
        }
        return;
    }
    int p = pain_score(line);
    if (p == -2) { /* why, and what is taken (the knowledge base's words), else the question */
        if (tp_kb_text(s->kb, "diary", "pain-refused"))
            say(s, "pain-refused", "typed", line, NULL, NULL);
        else
            say(s, "pain", NULL, NULL, NULL, NULL);
        return;
    }
    s->diary.pain = p;
    s->diary.step = 0;
    if (step == DIARY_KEEP)
        keep(s);
    else
        s->settle = 1; /* session.c judges again and asks what is next */
}

void tp_ss_diary_cancel(tp_session *s)
{
    int step = s->diary.step;
    s->diary.step = 0;
    if (step == DIARY_PAIN) /* the interview starts without the score */
        s->settle = 1;      /* session.c judges again and asks what is next */
}

const char *tp_ss_diary_prompt(const tp_session *s)
{
    return s->diary.step == DIARY_CONSENT ? "y/N> " : s->diary.step ? "0-10> " : NULL;
}

/* ---- filling ------------------------------------------------------------------------ */

int tp_ss_diary_fill(tp_session *s)
{
    const tp_question *q = s->cur;
    int qi = (int)(q - s->kb->questions);
    if (!s->opts.diary || s->diary.ep.n == 0 || s->forced == qi)
        return 0;
    if (!s->diary.filled)
        s->diary.filled = calloc((size_t)s->kb->nquestions, 1);
    if (!s->diary.filled || s->diary.filled[qi])
        return 0;
    struct fill_find w = fill_for(s, q->id);
    char v[256];
    if (!w.found ||
        !tp_diary_fill_answer(&w.f, &s->diary.ep, tp_date_today(), s->diary.pain, v, sizeof v))
        return 0;
    s->diary.filled[qi] = 1; /* once: taken back, it is asked */
    tp_error err = {{0}};
    if (tp_case_answer_text(&s->answers, s->kb, q->id, v, 0, &err) != 0)
        return 0;
    /* explanations say it came from the diary while the answer is still it */
    if (!s->diary.given) {
        s->diary.given = calloc((size_t)s->kb->nquestions, sizeof *s->diary.given);
        s->diary.ngiven = s->diary.given ? s->kb->nquestions : 0;
    }
    if (s->diary.given) {
        const tp_answer *a = tp_case_find(&s->answers, qi);
        char text[512];
        if (a)
            tp_answer_format(a, text, sizeof text);
        free(s->diary.given[qi]);
        s->diary.given[qi] = a ? strdup(text) : NULL;
    }
    char shown[512]; /* each value by its label */
    tp_ss_answer_words(q, v, shown, sizeof shown);
    fputc('\n', s->out);
    say(s, "filled", NULL, NULL, NULL, NULL);
    fprintf(s->out, "  %s %s%s%s\n", q->text, tp_ss_sgr(s, SS_BOLD), shown, tp_ss_sgr(s, SS_OFF));
    char number[16]; /* a person changes it by its number in :answers (the last) */
    snprintf(number, sizeof number, "%d", s->answers.nanswers);
    say_at(s, "  ", "change", "id", tp_ss_clinician(s) ? q->id : number, NULL, NULL);
    return 1;
}

void tp_ss_diary_taken(tp_session *s, int q)
{
    if (s->diary.given && q >= 0 && q < s->diary.ngiven) {
        free(s->diary.given[q]);
        s->diary.given[q] = NULL;
    }
}

void tp_ss_diary_forget(tp_session *s)
{
    for (int i = 0; s->diary.given && i < s->diary.ngiven; i++)
        free(s->diary.given[i]);
    free(s->diary.given);
    s->diary.given = NULL;
    s->diary.ngiven = 0;
    free(s->diary.filled);
    s->diary.filled = NULL;
}

void tp_ss_diary_free(tp_session *s)
{
    tp_diary_free(&s->diary.d);
    tp_ss_diary_forget(s);
}
