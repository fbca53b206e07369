/* session.c: the session core: the dialogue, one table of commands, and
 * changing answers. Output goes to one FILE*, input comes one line at a
 * time, so tests drive it with no terminal (see session_tty.c for that). */
#include "session_int.h"

#include "explain.h"

#include "choices.h"
#include "compare.h"
#include "checkrun.h"

#include <ctype.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#define RELOAD_COMBINATIONS 3000 /* the quick safety verification of :reload */
#define WRITE_SAVE 1             /* confirm.kind: :save */
#define WRITE_REPORT 2           /* confirm.kind: :report */
#define CHOICES_ONE_LINE 64      /* choices longer than this go one a line */

typedef struct {
    const char *name; /* command word, typed after ':' or '.' */
    const char *args; /* its arguments, for help */
    const char *help; /* one line */
    tp_session_status (*run)(tp_session *s, const char *arg);
} ss_command;

static tp_session_status cmd_help(tp_session *s, const char *arg);

/* ---- judging ------------------------------------------------------------------ */

/* Runs the rules on the answers so far: finds the next question and the
 * level so far, then marks the questions left unanswered, exactly as batch
 * does for a file without them, and collects that result: what the session
 * shows is always what batch gives on the same answers. */
static int judge_now(tp_session *s)
{
    tp_error err = {{0}};
    int flags = s->opts.one_at_a_time ? 0 : TP_STEP_GROUPED;
    const tp_question *first = s->forced >= 0 ? &s->kb->questions[s->forced] : NULL;
    s->so_far = NULL;
    if (tp_triage_step(s->t, &s->answers, flags, first, &s->step, &err) != 0) {
        fprintf(s->out, "The rules could not be run: %s\n", err.msg);
        s->cur = NULL;
        s->group.n = 0;
        return -1;
    }
    s->cur = s->step.next;
    if (!first || s->cur != first)
        s->forced = -1;
    s->so_far = s->step.reached;
    s->pending = s->step.pending;
    s->group.n = s->step.nitems;
    memcpy(s->group.q, s->step.items, (size_t)s->step.nitems * sizeof *s->group.q);
    s->result = s->step.result;
    return 0;
}

/* "yes, no or unsure" / "one or more of ..." / "a whole number ..." */
static void allowed_text(const tp_question *q, char *out, size_t len)
{
    size_t used = 0;
    if (q->kind == TP_Q_NUMBER) {
        snprintf(out, len, "a whole number from %lld to %lld", q->min, q->max);
        return;
    }
    if (q->kind == TP_Q_MULTI)
        used = (size_t)snprintf(out, len, "one or more of ");
    for (int i = 0; i < q->nvalues && used < len; i++) {
        const char *sep = i == 0                                          ? ""
                          : i == q->nvalues - 1 && q->kind == TP_Q_CHOICE ? " or "
                                                                          : ", ";
        used += (size_t)snprintf(out + used, len - used, "%s%s", sep, q->values[i]);
    }
    if (q->kind == TP_Q_MULTI && used < len)
        snprintf(out + used, len - used, " (separated by commas)");
}

/* The value's plain label (its id when it has none). */
static const char *label_of(const tp_question *q, int i)
{
    return q->labels[i] && q->labels[i][0] ? q->labels[i] : q->values[i];
}

/* The numbered choices, "  1 Yes  2 No  3 Not sure" on one line when they
 * are short, else one a line; the ids too with --show-ids. */
static void show_choices(tp_session *s, const tp_question *q)
{
    char line[1024];
    size_t used = 0;
    int one_line = 1;
    for (int i = 0; i < q->nvalues && one_line; i++) {
        int n = snprintf(line + used, sizeof line - used, "  %d %s", i + 1, label_of(q, i));
        if (s->opts.show_ids && n > 0 && used + (size_t)n < sizeof line)
            n += snprintf(line + used + (size_t)n, sizeof line - used - (size_t)n, " (%s)",
                          q->values[i]);
        used += n > 0 ? (size_t)n : 0;
        one_line = used < CHOICES_ONE_LINE;
    }
    if (one_line)
        fprintf(s->out, "%s\n", line);
    else
        for (int i = 0; i < q->nvalues; i++) {
            fprintf(s->out, "  %d %s", i + 1, label_of(q, i));
            if (s->opts.show_ids)
                fprintf(s->out, " (%s)", q->values[i]);
            fputc('\n', s->out);
        }
    if (q->kind == TP_Q_MULTI)
        fprintf(s->out, "  Type one or more numbers or words, separated by commas.\n");
}

/* The question, its numbered choices and the progress line. The command
 * hint and the disclaimer are said once, at the start and in the result. */
static void show_question(tp_session *s)
{
    const tp_question *q = s->cur;
    fputc('\n', s->out);
    if (s->opts.show_ids)
        fprintf(s->out, "[%s] ", q->id);
    fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_BOLD), q->text, tp_ss_sgr(s, SS_OFF));
    if (q->kind == TP_Q_NUMBER) {
        char allowed[1024];
        allowed_text(q, allowed, sizeof allowed);
        fprintf(s->out, "  Answer %s.\n", allowed);
    } else {
        show_choices(s, q);
    }
    int u = -1;
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], "unsure") == 0)
            u = i;
    if (u >= 0 && q->unsure && q->unsure[0])
        fprintf(s->out, "  \"%s\": %s\n", label_of(q, u), q->unsure);
    tp_ss_progress(s);
}

/* What changed between two results, in words: the advice, stop pressing,
 * the items given and no longer given (the ids and rules, with --show-ids,
 * come from tp_compare_results). Returns how many lines. */
static int changes_in_words(tp_session *s, const tp_result *a, const tp_result *b, tp_buf *out)
{
    int n = 0;
    if (a->level != b->level && (!a->level || !b->level || strcmp(a->level->id, b->level->id))) {
        tp_buf_printf(out, "  The advice: %s -> %s\n", a->level ? a->level->title : "none",
                      b->level ? b->level->title : "none");
        n++;
    }
    const tp_text *stop = tp_kb_text(s->kb, "stop-pressing", "stop_pressing");
    if (a->stop_pressing != b->stop_pressing && stop) {
        tp_buf_printf(out, "  %s %s\n", b->stop_pressing ? "Now:" : "No longer:", stop->text);
        n++;
    }
    for (int side = 0; side < 2; side++) { /* 0: no longer given, 1: now given */
        const tp_result *from = side ? b : a, *other = side ? a : b;
        for (int i = 0; i < from->nitems; i++) {
            const tp_conclusion *c = &from->items[i];
            if (strcmp(c->kind, "level") == 0 || tp_result_find(other, c->kind, c->id) ||
                (i > 0 && strcmp(from->items[i - 1].kind, c->kind) == 0 &&
                 strcmp(from->items[i - 1].id, c->id) == 0))
                continue;
            tp_buf_printf(out, "  %s %s\n", side ? "Now given:" : "No longer given:",
                          c->text ? c->text->text : c->id);
            n++;
        }
    }
    return n;
}

/* Prints what changed since the snapshot taken before a change. */
static void show_changes(tp_session *s)
{
    tp_buf b = {0};
    int n = tp_ss_clinician(s) ? tp_compare_results(&s->before, &s->result, "  ", 1, &b)
                               : changes_in_words(s, &s->before, &s->result, &b);
    fprintf(s->out, "%s\n", n ? "What changed:" : "Nothing else changed.");
    if (n)
        fputs(b.data, s->out);
    tp_buf_free(&b);
    tp_arena_free(&s->before_arena);
    s->comparing = 0;
}

static void snapshot(tp_session *s)
{
    if (s->comparing)
        tp_arena_free(&s->before_arena);
    tp_result_copy(&s->result, &s->before, &s->before_arena);
    s->comparing = 1;
}

/* After any change of answers: judge, announce an urgent level at once, then
 * ask the next question the rules want, or finish with the summary. */
static void advance(tp_session *s)
{
    s->done = 0;
    if (judge_now(s) != 0)
        return;
    while (s->cur && tp_ss_diary_fill(s)) /* answers the diary gives, each said */
        if (judge_now(s) != 0)
            return;
    if (s->comparing && (!s->cur || (int)(s->cur - s->kb->questions) != s->forced))
        show_changes(s);
    /* stop pressing is said the moment an answer raises it */
    if (s->step.stop && !s->stop_said && !s->comparing)
        fprintf(s->out, "\n%s%s%s\n", tp_ss_sgr(s, SS_RED), s->step.stop->text,
                tp_ss_sgr(s, SS_OFF));
    s->stop_said = s->step.stop_pressing;
    /* alerts follow the answers given, not the questions left open */
    const tp_level *l = s->so_far;
    if (l && l->alert && l->rank < s->alerted_rank) {
        tp_ss_alert(s, l);
        s->alerted_rank = l->rank;
    } else if (!l || !l->alert) {
        s->alerted_rank = 99;
    }
    if (s->cur) {
        if (!tp_ss_group_begin(s))
            show_question(s);
        return;
    }
    tp_ss_summary(s);
    tp_ss_plan(s); /* the last screen holds the plan */
    s->done = 1;
    tp_ss_diary_offer(s);
}

/* After a part of the session (a checklist, the diary) changed the answers:
 * judge again and ask what is next. */
static void settle(tp_session *s)
{
    if (s->settle) {
        s->settle = 0;
        advance(s);
    }
}

/* ---- answers ------------------------------------------------------------------ */

static const char *bare_command(const char *line);

/* Why an answer was refused: the message of case.c for clinicians (it
 * names the question's id and values); for a person, without them (the
 * choices in words follow). */
static const char *refusal(tp_session *s, const tp_question *q, const char *line,
                           const char *expanded, const tp_error *err)
{
    static char msg[TP_LINE_MAX + 128];
    if (tp_ss_clinician(s))
        return err->msg;
    char *end;
    long long n = strtoll(expanded, &end, 10);
    int number = end != expanded && *end == 0;
    if (q->kind == TP_Q_NUMBER && number && (n < q->min || n > q->max)) /* why, in numbers */
        snprintf(msg, sizeof msg,
                 "'%.200s' is not an answer to this question: it is too %s (%lld to %lld).", line,
                 n > q->max ? "high" : "low", q->min, q->max);
    else if (q->kind == TP_Q_NUMBER)
        snprintf(msg, sizeof msg,
                 "'%.200s' is not an answer to this question: it is not a whole number.", line);
    else
        snprintf(msg, sizeof msg,
                 "'%.200s' is not an answer to this question: it is none of the choices.", line);
    return msg;
}

/* After an answer taken from other words than its label, number or id
 * ("nope", "2 weeks", "ten"): what was understood, so a wrong guess is
 * seen at once (and :back takes it back). */
static void understood(tp_session *s, const tp_question *q, const char *line, const char *expanded)
{
    char typed[TP_LINE_MAX], v[TP_LINE_MAX], words[1024], fw[1024];
    tp_fold(line, typed, sizeof typed);
    tp_fold(expanded, v, sizeof v);
    if (strcmp(typed, v) == 0 || strspn(line, "0123456789 ,") == strlen(line))
        return; /* the id or a number, as typed */
    tp_ss_answer_words(q, expanded, words, sizeof words);
    tp_fold(words, fw, sizeof fw);
    if (strcmp(typed, fw) == 0)
        return; /* the label, as typed */
    fprintf(s->out, "%s(Understood: %s.)%s\n", tp_ss_sgr(s, SS_DIM), words, tp_ss_sgr(s, SS_OFF));
}

static void answer(tp_session *s, const char *line)
{
    const tp_question *q = s->cur;
    char expanded[TP_LINE_MAX];
    tp_error err = {{0}};
    tp_answer_normalise(q, line, expanded, sizeof expanded);
    if (tp_case_answer_text(&s->answers, s->kb, q->id, expanded, 0, &err) != 0) {
        char allowed[1024];
        allowed_text(q, allowed, sizeof allowed);
        const char *cmd = bare_command(line);
        if (cmd) /* "back", "help", "quit": a command typed without its ':' */
            fprintf(s->out, "%s'%s' is not an answer here: commands start with ':' (type :%s).%s\n",
                    tp_ss_sgr(s, SS_YELLOW), cmd, cmd, tp_ss_sgr(s, SS_OFF));
        else
            fprintf(s->out, "%s%s%s\n", tp_ss_sgr(s, SS_YELLOW),
                    refusal(s, q, line, expanded, &err), tp_ss_sgr(s, SS_OFF));
        if (q->kind == TP_Q_NUMBER) {
            fprintf(s->out, "Please answer %s (or ? for help).\n", allowed);
        } else {
            fprintf(s->out, "Please answer with a number or the words (or ? for help):\n");
            show_choices(s, q);
        }
        return;
    }
    understood(s, q, line, expanded);
    s->forced = -1;
    advance(s);
}

/* ---- commands ------------------------------------------------------------------- */

static tp_session_status cmd_why(tp_session *s, const char *arg)
{
    tp_ss_why(s, arg);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_how(tp_session *s, const char *arg)
{
    tp_ss_how(s, arg);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_whynot(tp_session *s, const char *arg)
{
    if (!*arg && tp_ss_clinician(s))
        fprintf(s->out, "Say which conclusion, e.g. :whynot ball-floor-press-hold\n");
    else if (!*arg)
        fprintf(s->out,
                "Say which: the number of an item of the summary, or an advice, e.g. "
                ":whynot %s\n",
                s->kb->nlevels ? s->kb->levels[0].title : "1");
    else
        tp_ss_whynot(s, arg);
    return TP_SESSION_MORE;
}

/* Answer i in words: "question words: answer label". */
static void answer_line(tp_session *s, const tp_answer *a, char *out, size_t len)
{
    char v[1024], w[1024];
    tp_answer_format(a, v, sizeof v);
    tp_ss_answer_words(&s->kb->questions[a->q], v, w, sizeof w);
    const char *q = tp_ss_question_words(s, a->q);
    int n = (int)strlen(q);
    if (n && q[n - 1] == '.') /* "Where is the pain? Give one or more.: " */
        n--;
    snprintf(out, len, "%.*s%s %s", n, q, n && q[n - 1] == '?' ? "" : ":", w);
}

/* The answers so far: numbered, in words (":change N" takes the number);
 * with --show-ids "id  value", as in a symptom file. */
static tp_session_status cmd_summary(tp_session *s, const char *arg)
{
    (void)arg;
    if (!tp_kb_wording(s->kb, "plan-heading"))
        tp_ss_summary(s);
    else
        tp_ss_plan(s);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_answers(tp_session *s, const char *arg)
{
    (void)arg;
    if (s->answers.nanswers == 0)
        fprintf(s->out, "No answers yet.\n");
    for (int i = 0; i < s->answers.nanswers; i++) {
        const tp_answer *a = &s->answers.answers[i];
        char v[2048];
        if (tp_ss_clinician(s)) {
            tp_answer_format(a, v, sizeof v);
            fprintf(s->out, "  %-26s %s\n", s->kb->questions[a->q].id, v);
        } else {
            answer_line(s, a, v, sizeof v);
            fprintf(s->out, "  %d. %s\n", i + 1, v);
        }
    }
    if (s->answers.nanswers && !tp_ss_clinician(s))
        fprintf(s->out, "(:change N changes answer N.)\n");
    return TP_SESSION_MORE;
}

static tp_session_status cmd_back(tp_session *s, const char *arg)
{
    (void)arg;
    if (s->answers.nanswers == 0) {
        fprintf(s->out, "There is no answer to take back.\n");
        return TP_SESSION_MORE;
    }
    if (tp_ss_group_back(s)) {
        settle(s);
        return TP_SESSION_MORE;
    }
    const tp_answer *a = &s->answers.answers[s->answers.nanswers - 1];
    int q = a->q;
    char v[2048];
    if (tp_ss_clinician(s)) {
        tp_answer_format(a, v, sizeof v);
        fprintf(s->out, "Took back %s = %s.\n", s->kb->questions[q].id, v);
    } else {
        answer_line(s, a, v, sizeof v);
        fprintf(s->out, "Took back \"%s\".\n", v);
    }
    snapshot(s);
    tp_case_forget(&s->answers, q);
    tp_ss_diary_taken(s, q);
    s->forced = q;
    advance(s);
    return TP_SESSION_MORE;
}

/* Splits "QUESTION [VALUE...]" into the id and the rest. */
static const char *split_arg(const char *arg, char *word, size_t len)
{
    size_t n = strcspn(arg, " \t");
    snprintf(word, len, "%.*s", (int)n, arg);
    arg += n;
    while (isspace((unsigned char)*arg))
        arg++;
    return arg;
}

/* :change QUESTION [ANSWER]: QUESTION is its id or its number in :answers. */
static tp_session_status cmd_change(tp_session *s, const char *arg)
{
    char qid[128];
    const char *value = split_arg(arg, qid, sizeof qid);
    int q = tp_kb_question_index(s->kb, qid);
    size_t digits = strspn(qid, "0123456789");
    if (q < 0 && digits && !qid[digits] && atoi(qid) >= 1 && atoi(qid) <= s->answers.nanswers) {
        q = s->answers.answers[atoi(qid) - 1].q;
        snprintf(qid, sizeof qid, "%s", s->kb->questions[q].id);
    }
    if (q < 0) {
        if (tp_ss_clinician(s))
            fprintf(s->out, "Say which answer to change, e.g. :change %s (:answers lists them).\n",
                    s->answers.nanswers ? s->kb->questions[s->answers.answers[0].q].id
                                        : s->kb->questions[0].id);
        else
            fprintf(s->out, "Say which answer to change by its number in :answers, e.g. :change "
                            "2 (or :change 2 and the new answer).\n");
        return TP_SESSION_MORE;
    }
    if (!tp_case_find(&s->answers, q)) {
        if (tp_ss_clinician(s))
            fprintf(s->out, "%s has not been answered yet.\n", qid);
        else
            fprintf(s->out, "\"%s\" has not been answered yet.\n", tp_ss_question_words(s, q));
        return TP_SESSION_MORE;
    }
    snapshot(s);
    tp_case_forget(&s->answers, q);
    tp_ss_diary_taken(s, q);
    s->forced = q;
    if (*value) {
        char expanded[TP_LINE_MAX];
        tp_error err = {{0}};
        tp_answer_normalise(&s->kb->questions[q], value, expanded, sizeof expanded);
        if (tp_case_answer_text(&s->answers, s->kb, qid, expanded, 0, &err) != 0) {
            fprintf(s->out, "%s\n", refusal(s, &s->kb->questions[q], value, expanded, &err));
        } else {
            s->forced = -1;
            advance(s);
            return TP_SESSION_MORE;
        }
    }
    judge_now(s);
    if (s->cur != &s->kb->questions[q]) {
        fprintf(s->out, "%s no longer matters to the outcome; its answer is withdrawn.\n",
                tp_ss_clinician(s) ? qid : tp_ss_question_words(s, q));
        s->forced = -1;
    }
    advance(s);
    return TP_SESSION_MORE;
}

/* ---- files a person names ------------------------------------------------------ */

/* A file name as the person meant it: "~" and "~/..." are in the home folder. */
static void expand_path(const char *arg, char *out, size_t len)
{
    const char *home = getenv("HOME");
    if (arg[0] == '~' && (arg[1] == '/' || arg[1] == 0) && home && *home)
        snprintf(out, len, "%s%s", home, arg + 1);
    else
        snprintf(out, len, "%s", arg);
}

/* The absolute path of a file just written, for saying where it went. */
static void absolute_path(const char *path, char *out, size_t len)
{
    char *r = realpath(path, NULL);
    snprintf(out, len, "%s", r ? r : path);
    free(r);
}

/* The text :save (WRITE_SAVE) or :report (WRITE_REPORT) writes. */
static void write_text(tp_session *s, int kind, tp_buf *b)
{
    if (kind == WRITE_REPORT) {
        tp_ss_report(s, b);
        return;
    }
    tp_buf_printf(b, "# tptriage answers (knowledge base %s)\n", s->kb->hash);
    tp_symfile_write(&s->answers, s->kb, b);
}

/* Writes what :save or :report writes to the file the person named. An
 * existing file is replaced only when they say so: they are asked, and may
 * give another name instead (see confirm_line). */
static void write_named(tp_session *s, int kind, const char *arg, int replace)
{
    char path[PATH_MAX], abs[PATH_MAX];
    expand_path(arg, path, sizeof path);
    struct stat st;
    if (!replace && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        absolute_path(path, abs, sizeof abs);
        fprintf(s->out,
                "%s already exists. Type y to replace it, or another file name "
                "(Enter: leave it as it is).\n",
                abs);
        s->confirm.kind = kind;
        snprintf(s->confirm.path, sizeof s->confirm.path, "%s", path);
        return;
    }
    tp_buf b = {0};
    write_text(s, kind, &b);
    tp_error err = {{0}};
    if (tp_write_file(path, b.data, b.len, TP_MODE_PRIVATE, &err) != 0) {
        fprintf(s->out, "Could not %s: %s\n", kind == WRITE_REPORT ? "write the report" : "save",
                err.msg);
    } else {
        absolute_path(path, abs, sizeof abs);
        if (kind == WRITE_REPORT)
            fprintf(s->out, "Wrote the report to %s.\n", abs);
        else
            fprintf(s->out, "Saved %d answers to %s (tptriage batch judges them the same way).\n",
                    s->answers.nanswers, abs);
    }
    tp_buf_free(&b);
}

/* The reply to "already exists": y replaces, Enter or n leaves it, anything
 * else is another file name. */
static void confirm_line(tp_session *s, const char *line)
{
    int kind = s->confirm.kind;
    char path[PATH_MAX], f[16];
    snprintf(path, sizeof path, "%s", s->confirm.path);
    s->confirm.kind = 0;
    tp_fold(line, f, sizeof f);
    if (strcmp(f, "y") == 0 || strcmp(f, "yes") == 0)
        write_named(s, kind, path, 1);
    else if (!*f || strcmp(f, "n") == 0 || strcmp(f, "no") == 0)
        fprintf(s->out, "Nothing written; %s is as it was.\n", path);
    else
        write_named(s, kind, line, 0);
}

static tp_session_status cmd_save(tp_session *s, const char *arg)
{
    if (!*arg)
        fprintf(s->out, "Say where, e.g. :save my-answers.sym\n");
    else
        write_named(s, WRITE_SAVE, arg, 0);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_load(tp_session *s, const char *arg)
{
    size_t len;
    tp_error err = {{0}};
    char path[PATH_MAX];
    expand_path(arg, path, sizeof path);
    char *text = *arg ? tp_read_file(path, TP_SYMFILE_MAX, &len, &err) : NULL;
    if (!text) {
        fprintf(s->out, "Could not load: %s\n", *arg ? err.msg : "say which file");
        return TP_SESSION_MORE;
    }
    tp_case c;
    tp_case_init(&c, arg);
    if (tp_symfile_parse(&c, s->kb, arg, text, len, &err) != 0) {
        fprintf(s->out, "Could not load: %s\n", err.msg);
        tp_case_free(&c);
    } else {
        tp_case_free(&s->answers);
        s->answers = c;
        s->forced = -1;
        for (int q = 0; q < s->kb->nquestions; q++) /* the file's answers, not the diary's */
            tp_ss_diary_taken(s, q);
        fprintf(s->out, "Loaded %d answers from %s.\n", c.nanswers, arg);
        advance(s);
    }
    free(text);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_report(tp_session *s, const char *arg)
{
    if (!*arg)
        fprintf(s->out, "Say where, e.g. :report for-my-physio.md\n");
    else
        write_named(s, WRITE_REPORT, arg, 0);
    return TP_SESSION_MORE;
}

/* Opens the knowledge base again; keeps the running one on any error. */
static tp_session_status cmd_reload(tp_session *s, const char *arg)
{
    (void)arg;
    tp_error err = {{0}};
    tp_triage *t = tp_triage_open(s->kb->dir, &err);
    if (!t) {
        fprintf(s->out, "The knowledge base did not load; keeping the one running.\n%s\n", err.msg);
        return TP_SESSION_MORE;
    }
    const tp_kb *kb = tp_triage_kb(t);
    /* as strict as `tptriage check`: static checks, the safety floor, the
     * case files and a quick safety verification */
    tp_buf why = {0};
    int problems = tp_check_strict(t, RELOAD_COMBINATIONS, &why);
    if (problems) {
        fprintf(s->out,
                "The knowledge base in %s fails %d check%s; keeping the one running "
                "(tptriage check --kb %s shows all):\n%s",
                kb->dir, problems, problems == 1 ? "" : "s", kb->dir, why.data ? why.data : "");
        tp_buf_free(&why);
        tp_triage_close(t);
        return TP_SESSION_MORE;
    }
    tp_buf_free(&why);
    tp_buf sym = {0};
    tp_symfile_write(&s->answers, s->kb, &sym);
    tp_case c;
    tp_case_init(&c, s->answers.name);
    if (tp_symfile_parse(&c, kb, "answers", sym.data ? sym.data : "", sym.len, &err) != 0) {
        fprintf(s->out,
                "The answers do not fit the new knowledge base; keeping the one "
                "running.\n%s\n",
                err.msg);
        tp_case_free(&c);
        tp_buf_free(&sym);
        tp_triage_close(t);
        return TP_SESSION_MORE;
    }
    tp_buf_free(&sym);
    /* the old result stays valid while the old kb and judge live */
    snapshot(s);
    tp_triage *old = s->t;
    const char *old_hash = s->kb->hash;
    tp_case_free(&s->answers);
    s->answers = c;
    s->t = t;
    s->kb = kb;
    s->rules = tp_triage_rules(t);
    tp_ss_diary_forget(s); /* by question index, which the new kb may change */
    s->forced = -1;
    fprintf(s->out, "Reloaded the knowledge base %s (was %s).\n", s->kb->hash, old_hash);
    judge_now(s);
    show_changes(s);
    tp_triage_close(old);
    advance(s);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_restart(tp_session *s, const char *arg)
{
    (void)arg;
    tp_case_reset(&s->answers, "session");
    s->forced = -1;
    s->alerted_rank = 99;
    tp_ss_diary_forget(s); /* the diary fills again */
    if (s->comparing) {
        tp_arena_free(&s->before_arena);
        s->comparing = 0;
    }
    fprintf(s->out, "Starting again.\n");
    advance(s);
    return TP_SESSION_MORE;
}

static tp_session_status cmd_quit(tp_session *s, const char *arg)
{
    (void)arg;
    tp_session_end(s);
    return TP_SESSION_QUIT;
}

static const ss_command commands[] = {
    {"why", "[N]", "why this question now, and what each answer would lead to; N: as how N",
     cmd_why},
    {"how", "N|ID", "how item N of the summary (or ID) was reached: answers, rule, source",
     cmd_how},
    {"explain", "[N|ID]", "the same as how; without N or ID, the level", cmd_how},
    {"whynot", "N|ID", "why a conclusion was not reached: the first condition that failed",
     cmd_whynot},
    {"back", "", "take back the last answer", cmd_back},
    {"change", "N|QUESTION [ANSWER]", "revise answer N of :answers and show what changed",
     cmd_change},
    {"summary", "", "show the short plan again (level, what to do, when to stop)", cmd_summary},
    {"answers", "", "list the answers so far", cmd_answers},
    {"save", "FILE", "save the answers as a symptom file (tptriage batch FILE)", cmd_save},
    {"load", "FILE", "load answers from a symptom file and go on", cmd_load},
    {"report", "FILE", "write a Markdown summary to hand to a physiotherapist", cmd_report},
    {"disagree", "[DIR]",
     "clinicians: say what the result should have been; writes a case for check --cases DIR",
     tp_ss_disagree},
    {"reload", "", "load the knowledge base again and show what changed", cmd_reload},
    {"restart", "", "forget every answer and start again", cmd_restart},
    {"quit", "", "stop, showing the summary so far", cmd_quit},
    {"help", "", "list these commands", cmd_help},
};
static const size_t ncommands = sizeof commands / sizeof *commands;

/* The command whose name line is, typed without ':' ("back", "Help "), or
 * NULL. Only asked when line is no valid answer. */
static const char *bare_command(const char *line)
{
    char f[64];
    tp_fold(line, f, sizeof f);
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(f, commands[i].name) == 0)
            return commands[i].name;
    return NULL;
}

static tp_session_status cmd_help(tp_session *s, const char *arg)
{
    (void)arg;
    int width = 0;
    for (size_t i = 0; i < ncommands; i++) {
        int w = (int)(strlen(commands[i].name) + strlen(commands[i].args)) + 2;
        width = w > width ? w : width;
    }
    fprintf(s->out,
            "Answer the question with the number of a choice, its words or its id (a "
            "unique start such as \"y\" is enough).\n"
            "  %-*s  explain the current question and how \"unsure\" counts\n",
            width, "?");
    for (size_t i = 0; i < ncommands; i++) {
        char left[64];
        snprintf(left, sizeof left, ":%s %s", commands[i].name, commands[i].args);
        fprintf(s->out, "  %-*s  %s\n", width, left, commands[i].help);
    }
    fprintf(s->out, "Commands start with ':' or '.', so they never clash with answers.\n");
    return TP_SESSION_MORE;
}

static tp_session_status run_command(tp_session *s, const char *text)
{
    char word[64];
    const char *arg = split_arg(text, word, sizeof word);
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(word, commands[i].name) == 0)
            return commands[i].run(s, arg);
    fprintf(s->out, "Unknown command :%s (:help lists them).\n", word);
    return TP_SESSION_MORE;
}

static void question_help(tp_session *s)
{
    const tp_question *q = s->cur;
    if (!q) {
        fprintf(s->out, "There is no question now. :help lists the commands.\n");
        return;
    }
    fprintf(s->out, "%s\n", q->help && q->help[0] ? q->help : q->text);
    if (tp_kb_value(q, "unsure"))
        fprintf(s->out, "\"unsure\": %s\n",
                q->unsure && q->unsure[0] ? q->unsure : "it is treated with caution.");
    else if (q->unsure && q->unsure[0])
        fprintf(s->out, "%s\n", q->unsure);
    const char *note = q->safety ? tp_kb_wording(s->kb, "safety-question-note") : NULL;
    if (note)
        fprintf(s->out, "%s\n", note);
}

/* ---- the public interface ------------------------------------------------------- */

tp_session *tp_session_new(const tp_session_opts *o, FILE *out, tp_error *err)
{
    tp_session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->opts = *o;
    s->out = out;
    if (!(s->t = tp_triage_open(o->kbdir, err))) {
        free(s);
        return NULL;
    }
    s->kb = tp_triage_kb(s->t);
    tp_case_init(&s->answers, "session");
    s->forced = -1;
    s->alerted_rank = 99;
    s->rules = tp_triage_rules(s->t);
    return s;
}

void tp_session_free(tp_session *s)
{
    if (!s)
        return;
    tp_arena_free(&s->before_arena);
    tp_ss_diary_free(s);
    tp_strset_free(&s->comp);
    tp_case_free(&s->answers);
    tp_triage_close(s->t);
    free(s);
}

void tp_session_begin(tp_session *s)
{
    int first = 1;
    for (int i = 0; i < s->kb->ntexts; i++) {
        if (strcmp(s->kb->texts[i].kind, "welcome") != 0)
            continue;
        if (first)
            fprintf(s->out, "%stptriage%s: ", tp_ss_sgr(s, SS_BOLD), tp_ss_sgr(s, SS_OFF));
        fprintf(s->out, "%s%s", s->kb->texts[i].text, first ? "\n" : " ");
        first = 0;
    }
    fprintf(s->out, "Answer each question, or type ? for help and :help for commands.\n");
    tp_ss_disclaimer(s);
    if (!tp_ss_diary_begin(s))
        advance(s);
}

const char *tp_session_prompt(const tp_session *s)
{
    if (s->confirm.kind)
        return "replace? ";
    if (tp_ss_diary_prompt(s))
        return tp_ss_diary_prompt(s);
    return s->done ? "command> " : "> ";
}

tp_session_status tp_session_line(tp_session *s, const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    char text[TP_LINE_MAX];
    snprintf(text, sizeof text, "%s", line);
    size_t n = strlen(text);
    while (n && isspace((unsigned char)text[n - 1]))
        text[--n] = 0;
    if (s->opts.echo)
        fprintf(s->out, "%s\n", text);
    if (n == 0 && s->review.step) { /* Enter: keep it as it is */
        tp_ss_disagree_line(s, "");
        return TP_SESSION_MORE;
    }
    if (n == 0)
        return TP_SESSION_MORE;
    if (s->diary.step && n > 0 && text[0] != ':' && text[0] != '.') {
        tp_ss_diary_line(s, text);
        settle(s);
        return TP_SESSION_MORE;
    }
    if (n == 0 && s->diary.step) { /* Enter: no score, or no check-in kept */
        tp_ss_diary_line(s, "");
        settle(s);
        return TP_SESSION_MORE;
    }
    if (n == 0 && s->confirm.kind) { /* Enter: leave the file as it is */
        confirm_line(s, "");
        return TP_SESSION_MORE;
    }
    if (text[0] == ':' || text[0] == '.') {
        s->review.step = 0;    /* a command ends a :disagree dialogue */
        s->confirm.kind = 0;   /* and a question about replacing a file */
        tp_ss_diary_cancel(s); /* and what the diary asks */
        settle(s);
        return run_command(s, text + 1);
    }
    if (s->review.step) {
        tp_ss_disagree_line(s, text);
        return TP_SESSION_MORE;
    }
    if (s->confirm.kind) {
        confirm_line(s, text);
        return TP_SESSION_MORE;
    }
    if (tp_ss_group_line(s, text)) {
        settle(s);
        return TP_SESSION_MORE;
    }
    if (strcmp(text, "?") == 0) {
        question_help(s);
        return TP_SESSION_MORE;
    }
    if (s->cur) {
        answer(s, text);
        return TP_SESSION_MORE;
    }
    fprintf(s->out, "There is no question left. Type :help for commands, :quit to stop.\n");
    return TP_SESSION_MORE;
}

void tp_session_end(tp_session *s)
{
    if (s->done)
        return;
    if (s->diary.step) { /* input ended at the diary's question: judge what there is */
        s->diary.step = 0;
        judge_now(s);
    }
    /* the result shown already counts the questions left as unanswered */
    if (s->cur)
        fprintf(s->out, "\nEnd of the questions: those left count as unanswered.\n");
    s->cur = NULL;
    tp_ss_summary(s);
    tp_ss_plan(s);
    s->done = 1;
}

const tp_question *tp_session_current(const tp_session *s)
{
    return s->cur;
}

const tp_result *tp_session_result(const tp_session *s)
{
    return &s->result;
}

const tp_case *tp_session_case(const tp_session *s)
{
    return &s->answers;
}

void tp_session_resume(tp_session *s, tp_case *c)
{
    tp_case_free(&s->answers);
    s->answers = *c;
    tp_case_init(c, "session");
    s->forced = -1;
}

const tp_kb *tp_session_kb(const tp_session *s)
{
    return s->kb;
}

int tp_session_done(const tp_session *s)
{
    return s->done;
}

/* ---- completion ---------------------------------------------------------------- */

static void offer(tp_session *s, const char *prefix, const char *word, const char *text)
{
    size_t n = strlen(text);
    char cand[256];
    snprintf(cand, sizeof cand, "%s%s", prefix, word);
    if (strncmp(cand, text, n) == 0)
        tp_strset_add(&s->comp, cand);
}

/* Fills the candidates for the word at start of line. */
static void candidates(tp_session *s, const char *line, int start, const char *text)
{
    tp_strset_clear(&s->comp);
    while (*line == ' ')
        line++, start--;
    if (start <= 0 && (text[0] == ':' || text[0] == '.')) {
        char p[2] = {text[0], 0};
        for (size_t i = 0; i < ncommands; i++)
            offer(s, p, commands[i].name, text);
        return;
    }
    if (line[0] == ':' || line[0] == '.') {
        if (strncmp(line + 1, "change ", 7) == 0) {
            for (int i = 0; i < s->answers.nanswers; i++)
                offer(s, "", s->kb->questions[s->answers.answers[i].q].id, text);
        } else if (strncmp(line + 1, "how ", 4) == 0 || strncmp(line + 1, "explain ", 8) == 0) {
            for (int i = 0; i < s->result.nitems; i++)
                offer(s, "", s->result.items[i].id, text);
        } else if (strncmp(line + 1, "whynot ", 7) == 0) {
            for (int i = 0; i < s->kb->ntexts; i++)
                offer(s, "", s->kb->texts[i].id, text);
            for (int i = 0; i < s->kb->nlevels; i++)
                offer(s, "", s->kb->levels[i].id, text);
        }
        return;
    }
    if (s->cur)
        for (int i = 0; i < s->cur->nvalues; i++)
            offer(s, "", s->cur->values[i], text);
}

char *tp_session_complete(tp_session *s, const char *line, int start, const char *text, int state)
{
    if (state == 0)
        candidates(s, line, start, text);
    return state < s->comp.n ? tp_xstrdup(s->comp.v[state]) : NULL;
}
