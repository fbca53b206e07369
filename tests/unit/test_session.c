/* test_session.c: the session core driven line by line, with no terminal;
 * and the engine's rule introspection it relies on. */
#include "output.h"
#include "session.h"
#include "session_int.h"
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A session writing into a memory stream. */
typedef struct {
    tp_session *s; /* the session */
    FILE *out;     /* its output */
    char *text;    /* what it wrote */
    size_t len;    /* how much */
} fixture;

static const char *g_diary; /* the diary file the next session opens, or NULL */

/* A session for a person (show_ids 0: plain explanations) or a clinician. */
static void open_with(fixture *f, const char *kbdir, int show_ids)
{
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    o.one_at_a_time = 1; /* one answer per line, as written (test_groups.c tests checklists) */
    o.kbdir = kbdir ? kbdir : TP_FIXTURE_KB;
    o.diary = g_diary;
    o.show_ids = show_ids;
    f->text = NULL;
    f->len = 0;
    f->out = open_memstream(&f->text, &f->len);
    ck_assert_ptr_nonnull(f->out);
    tp_error err = {{0}};
    f->s = tp_session_new(&o, f->out, &err);
    ck_assert_msg(f->s != NULL, "session did not open: %s", err.msg);
    tp_session_begin(f->s);
}

static void open_session(fixture *f, const char *kbdir)
{
    open_with(f, kbdir, 1);
}

static void close_session(fixture *f)
{
    tp_session_free(f->s);
    fclose(f->out);
    free(f->text);
}

/* Output written since the mark, as a string (valid until the next write). */
static const char *since(fixture *f, size_t mark)
{
    fflush(f->out);
    return f->text + mark;
}

static size_t mark(fixture *f)
{
    fflush(f->out);
    return f->len;
}

static const char *current_id(fixture *f)
{
    const tp_question *q = tp_session_current(f->s);
    return q ? q->id : "(none)";
}

/* Answers the current question, which must be qid. */
static void say(fixture *f, const char *qid, const char *value)
{
    ck_assert_str_eq(current_id(f), qid);
    tp_session_line(f->s, value);
}

static const char *level_id(fixture *f)
{
    const tp_result *r = tp_session_result(f->s);
    return r->level ? r->level->id : "none";
}

/* Answers "no" to the urgent screen (alpha, beta). */
static void clear_emergency_screen(fixture *f)
{
    static const char *const ids[] = {"alpha", "beta"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        say(f, ids[i], "no");
}

START_TEST(rules_choose_the_next_question)
{
    fixture f;
    open_session(&f, NULL);
    ck_assert_str_eq(current_id(&f), "alpha");
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "[alpha] "));
    clear_emergency_screen(&f);
    ck_assert_str_eq(current_id(&f), "gamma");
    /* better is conditional: asked only after three days */
    say(&f, "gamma", "no");
    say(&f, "delta", "not-tried");
    say(&f, "days", "2");
    ck_assert_str_eq(current_id(&f), "temp");
    tp_session_line(f.s, ":change days 5");
    ck_assert_str_eq(current_id(&f), "better");
    close_session(&f);
}
END_TEST

START_TEST(answers_are_validated)
{
    fixture f;
    open_session(&f, NULL);
    size_t m = mark(&f);
    tp_session_line(f.s, "perhaps");
    ck_assert_str_eq(current_id(&f), "alpha");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "'perhaps' is not allowed for alpha"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "yes, no or unsure"));
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 0);
    /* a unique start is enough; an ambiguous one is refused */
    tp_session_line(f.s, "n");
    ck_assert_str_eq(current_id(&f), "beta");
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 1);
    say(&f, "beta", "no");
    say(&f, "gamma", "no");
    m = mark(&f);
    tp_session_line(f.s, "n"); /* delta: no or not-tried: ambiguous */
    ck_assert_str_eq(current_id(&f), "delta");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "'n' is not allowed"));
    tp_session_line(f.s, "no"); /* no, not-tried -> no is exact */
    m = mark(&f);
    tp_session_line(f.s, "400");
    ck_assert_str_eq(current_id(&f), "days");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "a whole number from 0 to 365"));
    /* commands never clash with answers */
    m = mark(&f);
    tp_session_line(f.s, ":answers");
    ck_assert_str_eq(current_id(&f), "days");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "alpha"));
    m = mark(&f);
    tp_session_line(f.s, "?");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "Count the days"));
    close_session(&f);
}
END_TEST

/* Answers as people type them, and commands typed without their ':'. */
START_TEST(typed_answers_and_bare_commands)
{
    fixture f;
    open_session(&f, NULL);
    size_t m = mark(&f);
    tp_session_line(f.s, "back");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "'back' is not an answer here: commands start "
                                               "with ':' (type :back)."));
    tp_session_line(f.s, "Quit");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "(type :quit)"));
    ck_assert_str_eq(current_id(&f), "alpha");
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 0);
    tp_session_line(f.s, "NO");
    ck_assert_str_eq(current_id(&f), "beta");
    tp_session_line(f.s, "No.");
    ck_assert_str_eq(current_id(&f), "gamma");
    tp_session_line(f.s, "2"); /* the second value: no */
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 3);
    ck_assert_str_eq(tp_session_case(f.s)->answers[2].vals[0].sym, "no");
    close_session(&f);
}
END_TEST

START_TEST(change_retracts_what_rested_on_the_answer)
{
    fixture f;
    open_session(&f, NULL);
    clear_emergency_screen(&f);
    say(&f, "gamma", "yes");
    ck_assert_str_eq(level_id(&f), "soon");
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "red-flag", "gamma"));
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "restriction", "no-warmth"));
    size_t m = mark(&f);
    tp_session_line(f.s, ":change gamma");
    ck_assert_str_eq(current_id(&f), "gamma");
    tp_session_line(f.s, "no");
    ck_assert_ptr_null(tp_result_find(tp_session_result(f.s), "red-flag", "gamma"));
    ck_assert_ptr_null(tp_result_find(tp_session_result(f.s), "restriction", "no-warmth"));
    /* safety questions are still open: at best soon, as batch says */
    ck_assert_str_eq(level_id(&f), "soon");
    ck_assert(tp_session_provisional(f.s));
    const char *out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "What changed:"));
    ck_assert_ptr_null(strstr(out, "level:"));
    ck_assert_ptr_nonnull(strstr(out, "- red-flag gamma"));
    ck_assert_ptr_nonnull(strstr(out, "- restriction no-warmth"));
    /* the dialogue goes on where it was */
    ck_assert_str_eq(current_id(&f), "delta");
    close_session(&f);
}
END_TEST

START_TEST(back_undoes_the_last_answer)
{
    fixture f;
    open_session(&f, NULL);
    say(&f, "alpha", "no");
    say(&f, "beta", "yes");
    /* urgent: said at once, and the summary follows */
    ck_assert_str_eq(level_id(&f), "urgent");
    ck_assert(tp_session_done(f.s));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "!! Go now"));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "Stop and go to the urgent desk now."));
    size_t m = mark(&f);
    tp_session_line(f.s, ":how urgent");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "because: beta = yes"));
    tp_session_line(f.s, ":back");
    ck_assert(!tp_session_done(f.s));
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 1);
    ck_assert_str_eq(current_id(&f), "beta");
    ck_assert_str_eq(level_id(&f), "soon");
    ck_assert(tp_session_provisional(f.s));
    tp_session_line(f.s, ":back");
    ck_assert_str_eq(current_id(&f), "alpha");
    m = mark(&f);
    tp_session_line(f.s, ":back");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "no answer to take back"));
    close_session(&f);
}
END_TEST

/* What a command line prints. */
static const char *command(fixture *f, const char *line)
{
    size_t m = mark(f);
    tp_session_line(f->s, line);
    return since(f, m);
}

/* What :why says about the first question. */
static const char *why_first(fixture *f)
{
    const char *out = command(f, ":why");
    ck_assert_ptr_nonnull(strstr(out, "\"Yes\" or \"Not sure\" -> red flag"));
    return out;
}

START_TEST(why_and_whynot_cite_the_rules)
{
    fixture f;
    open_session(&f, NULL);
    const char *out = why_first(&f);
    ck_assert_ptr_nonnull(strstr(out, "rule red-flag-alpha; source: \""));
    ck_assert_ptr_nonnull(
        strstr(out, "why: Sign alpha is urgent.")); /* the comment, for clinicians */
    ck_assert_ptr_nonnull(strstr(out, "\"No\" -> nothing follows"));
    /* a safety question's note is the knowledge base's wording */
    ck_assert_ptr_nonnull(strstr(out, "Left unanswered, it cannot be ruled out: the level is at "
                                      "best \"See someone soon\"."));
    clear_emergency_screen(&f);
    say(&f, "gamma", "no");
    say(&f, "delta", "no");
    say(&f, "days", "0");
    say(&f, "temp", "35");
    say(&f, "epsilon", "no");
    say(&f, "spot", "upper, middle");
    say(&f, "firmness", "medium");
    say(&f, "first", "no");
    say(&f, "kit", "ball");
    say(&f, "floor", "yes");
    say(&f, "sits", "no");
    ck_assert(tp_session_done(f.s));
    ck_assert_str_eq(level_id(&f), "home");
    out = command(&f, ":whynot floor-press");
    ck_assert_ptr_nonnull(strstr(out, "rule technique-floor-press: "));
    ck_assert_ptr_nonnull(strstr(out, "fails (4 of 6): (answer (question firmness) (value hard))"));
    ck_assert_ptr_nonnull(strstr(out, "It needs the answer \"Hard is fine\" to \""));
    ck_assert_ptr_nonnull(strstr(out, "; you answered \"Medium\"."));
    ck_assert_ptr_nonnull(strstr(command(&f, ":how upper-part"), "because: spot = upper, middle"));
    close_session(&f);
}
END_TEST

/* For a person (no --show-ids or --verbose): the questions' own words and
 * the reasons; no rule name, no pattern and no rule comment (the author's
 * note, for clinicians). */
START_TEST(plain_explanations_for_a_person)
{
    fixture f;
    open_with(&f, NULL, 0);
    const char *out = why_first(&f);
    ck_assert_ptr_null(strstr(out, "why: Sign alpha is urgent."));
    ck_assert_ptr_nonnull(strstr(out, "Sign alpha"));
    ck_assert_ptr_null(strstr(out, "rule red-flag-alpha"));
    ck_assert_ptr_null(strstr(out, "(answer"));
    say(&f, "alpha", "no");
    say(&f, "beta", "no");
    out = command(&f, ":whynot urgent");
    ck_assert_ptr_nonnull(strstr(out, "none was answered yes"));
    /* a flag that calls for the level, in its own words, with the answer */
    ck_assert_ptr_nonnull(strstr(out, "  - Sign beta\n      \"Is sign beta present?\": you "
                                      "answered \"No\""));
    /* another way there, by its first failing condition (no comment) */
    ck_assert_ptr_null(strstr(out, "The rule: Gamma and delta together are urgent."));
    ck_assert_ptr_nonnull(strstr(out, "to \"Is sign gamma present?\""));
    ck_assert_ptr_null(strstr(out, "(answer"));
    ck_assert_ptr_null(strstr(out, "urgent-gamma-with-delta"));
    out = command(&f, ":how soon");
    ck_assert_ptr_nonnull(strstr(out, "was not answered"));
    ck_assert_ptr_null(strstr(out, "rule soon-when-safety-unanswered"));
    close_session(&f);
}
END_TEST

/* For a person, no id: the summary numbers its items and :how N, :why N
 * and :whynot N take the number, as :change N takes the number :answers
 * gives; the questions not answered are in words. Ids still work. */
START_TEST(numbers_not_ids_for_a_person)
{
    fixture f;
    open_with(&f, NULL, 0);
    say(&f, "alpha", "no");
    say(&f, "beta", "yes");
    ck_assert(tp_session_done(f.s));
    const char *out = since(&f, 0);
    ck_assert_ptr_nonnull(strstr(out, "\n  1. "));
    ck_assert_ptr_nonnull(strstr(out, "(:how shows why.)"));
    ck_assert_ptr_null(strstr(out, "[beta]"));
    ck_assert_ptr_null(strstr(out, "[urgent]"));
    /* :how 1 is :how on the first item's id */
    const tp_result *r = tp_session_result(f.s);
    const char *first = NULL;
    for (int i = 0; i < r->nitems && !first; i++)
        if (strcmp(r->items[i].kind, "level") != 0)
            first = r->items[i].id;
    ck_assert_ptr_nonnull(first);
    char by_id[4096], cmd[256];
    snprintf(cmd, sizeof cmd, ":how %s", first);
    snprintf(by_id, sizeof by_id, "%s", command(&f, cmd));
    ck_assert_str_eq(command(&f, ":how 1"), by_id);
    ck_assert_str_eq(command(&f, ":why 1"), by_id);
    ck_assert_ptr_nonnull(strstr(command(&f, ":whynot 1"), "was given"));
    ck_assert_ptr_nonnull(strstr(command(&f, ":how 99"), "There is no item 99"));
    out = command(&f, ":answers");
    ck_assert_ptr_nonnull(strstr(out, "  1. Is sign alpha present? No\n"));
    ck_assert_ptr_null(strstr(out, "  alpha "));
    /* :change 2 (beta) back to no: the urgent level goes, in words */
    out = command(&f, ":change 2 no");
    ck_assert_ptr_nonnull(strstr(out, "The advice: "));
    ck_assert_ptr_null(strstr(out, "level: urgent"));
    ck_assert_str_ne(level_id(&f), "urgent");
    tp_session_end(f.s);
    out = since(&f, 0);
    ck_assert_ptr_nonnull(strstr(out, "Not answered:\n  - "));
    ck_assert_ptr_null(strstr(out, "Not answered: gamma"));
    close_session(&f);
}
END_TEST

START_TEST(end_of_input_gives_the_summary_so_far)
{
    fixture f;
    open_session(&f, NULL);
    clear_emergency_screen(&f);
    tp_session_end(f.s);
    ck_assert(tp_session_done(f.s));
    /* every pending safety question became unanswered: at best soon */
    ck_assert_str_eq(level_id(&f), "soon");
    ck_assert_int_gt(tp_session_result(f.s)->nunanswered, 0);
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "Not answered: gamma"));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "Fixture text for tests, not advice."));
    close_session(&f);
}
END_TEST

START_TEST(mid_session_results_are_provisional)
{
    fixture f;
    char dir[] = "/tmp/tptriage-session-XXXXXX", report[256], cmd[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(report, sizeof report, "%s/r.md", dir);
    open_session(&f, NULL);
    /* before any answer: batch on an empty file, every question open */
    ck_assert(tp_session_provisional(f.s));
    ck_assert_str_eq(level_id(&f), "soon");
    clear_emergency_screen(&f);
    /* no warning sign so far, but safety questions are open: never home */
    ck_assert_str_eq(level_id(&f), "soon");
    size_t m = mark(&f);
    tp_session_line(f.s, ":how soon");
    const char *out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "Provisional: "));
    ck_assert_ptr_nonnull(strstr(out, "rule soon-when-safety-unanswered"));
    ck_assert_ptr_nonnull(strstr(out, "because: gamma = unanswered"));
    m = mark(&f);
    tp_session_line(f.s, ":how home");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "home is not among the conclusions now"));
    snprintf(cmd, sizeof cmd, ":report %s", report);
    tp_session_line(f.s, cmd);
    tp_error err = {{0}};
    size_t len;
    char *md = tp_read_file(report, 1 << 20, &len, &err);
    ck_assert_msg(md != NULL, "%s", err.msg);
    ck_assert_ptr_nonnull(strstr(md, "- Status: **Provisional**: the interview was not finished"));
    ck_assert_ptr_nonnull(strstr(md, "- Level: **See someone soon** (`soon`)"));
    ck_assert_ptr_nonnull(strstr(md, "| `gamma` | (not answered) |"));
    free(md);
    /* end of input: the summary so far, marked */
    m = mark(&f);
    tp_session_end(f.s);
    out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "==== See someone soon (provisional) ===="));
    ck_assert_ptr_nonnull(strstr(out, "Provisional: "));
    ck_assert_ptr_nonnull(strstr(out, "count as unanswered (as tptriage batch counts them)"));
    close_session(&f);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(save_load_and_report)
{
    fixture f;
    char dir[] = "/tmp/tptriage-session-XXXXXX", path[256], report[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.sym", dir);
    snprintf(report, sizeof report, "%s/r.md", dir);
    open_session(&f, NULL);
    clear_emergency_screen(&f);
    say(&f, "gamma", "yes");
    char cmd[512];
    snprintf(cmd, sizeof cmd, ":save %s", path);
    tp_session_line(f.s, cmd);
    snprintf(cmd, sizeof cmd, ":report %s", report);
    tp_session_line(f.s, cmd);
    close_session(&f);

    tp_error err = {{0}};
    size_t len;
    char *md = tp_read_file(report, 1 << 20, &len, &err);
    ck_assert_msg(md != NULL, "%s", err.msg);
    ck_assert_ptr_nonnull(strstr(md, "# Fixture self-assessment\n"));
    ck_assert_ptr_nonnull(strstr(md, "| --- | --- |"));
    ck_assert_ptr_nonnull(strstr(md, "(`gamma`) | yes |"));
    ck_assert_ptr_nonnull(strstr(md, "## Red flags"));
    ck_assert_ptr_nonnull(strstr(md, "- Knowledge base: `"));
    free(md);

    open_session(&f, NULL);
    snprintf(cmd, sizeof cmd, ":load %s", path);
    tp_session_line(f.s, cmd);
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 3);
    ck_assert_str_eq(level_id(&f), "soon");
    ck_assert_str_eq(current_id(&f), "delta");
    close_session(&f);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(reload_keeps_the_running_kb_on_error)
{
    const char *dir = tu_copy_kb();
    fixture f;
    open_session(&f, dir);
    say(&f, "alpha", "no");
    tu_write(dir, "rules/99-broken.clp", "(defrule MAIN::broken\n  (answer (question\n");
    size_t m = mark(&f);
    tp_session_line(f.s, ":reload");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "keeping the one running"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "99-broken.clp:"));
    ck_assert_str_eq(current_id(&f), "beta");
    /* one that loads but that check refuses (here a rule reading a question
     * that does not exist, so a red flag can never be raised; the case
     * files change too): kept out, with the reason */
    tu_write(dir, "rules/99-broken.clp",
             "(defrule TRIAGE::extra \"test\"\n"
             "   (logical (answer (question alphaa) (value no)))\n"
             "   =>\n"
             "   (assert (conclusion (kind red-flag) (id beta) (rule extra) (reason \"t\") "
             "(source src-a))))\n");
    m = mark(&f);
    tp_session_line(f.s, ":reload");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "fails"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "keeping the one running"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "reads question alphaa, which is not defined"));
    ck_assert_ptr_null(strstr(since(&f, m), "Reloaded"));
    ck_assert_str_eq(current_id(&f), "beta");
    /* a good change: the session goes on with the new knowledge base */
    tu_write(dir, "rules/99-broken.clp", "; nothing here now\n");
    m = mark(&f);
    tp_session_line(f.s, ":reload");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "Reloaded the knowledge base"));
    ck_assert_str_eq(current_id(&f), "beta");
    close_session(&f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(completion_offers_answers_and_commands)
{
    fixture f;
    open_session(&f, NULL);
    char *c = tp_session_complete(f.s, "u", 0, "u", 0);
    ck_assert_str_eq(c, "unsure");
    free(c);
    ck_assert_ptr_null(tp_session_complete(f.s, "u", 0, "u", 1));
    c = tp_session_complete(f.s, ":wh", 0, ":wh", 0);
    ck_assert_str_eq(c, ":why");
    free(c);
    c = tp_session_complete(f.s, ":wh", 0, ":wh", 1);
    ck_assert_str_eq(c, ":whynot");
    free(c);
    say(&f, "alpha", "no");
    c = tp_session_complete(f.s, ".change al", 8, "al", 0);
    ck_assert_str_eq(c, "alpha");
    free(c);
    close_session(&f);
}
END_TEST

/* ---- session = batch, over random answer prefixes ------------------------------- */

/* A small generator with a fixed seed per run, so a failure can be replayed. */
static unsigned pick(uint64_t *st, unsigned n)
{
    *st ^= *st << 13;
    *st ^= *st >> 7;
    *st ^= *st << 17;
    return (unsigned)(*st % n);
}

/* Numbers worth trying: every integer in the rules' text and one either
 * side (temp 99, 100, 101; days 2, 3, 4; ...). */
typedef struct {
    long long v[256]; /* the numbers */
    int n;            /* how many */
} numbers;

static void add_number(numbers *ns, long long v)
{
    for (int i = 0; i < ns->n; i++)
        if (ns->v[i] == v)
            return;
    if (ns->n < (int)(sizeof ns->v / sizeof *ns->v))
        ns->v[ns->n++] = v;
}

static int rule_numbers(void *ud, const tp_rule_info *r)
{
    numbers *ns = ud;
    for (const char *p = r->ppform; *p; p++)
        if ((*p >= '0' && *p <= '9') && (p == r->ppform || p[-1] == ' ')) {
            char *end;
            long long v = strtoll(p, &end, 10);
            if (*end == ')' || *end == ' ')
                for (long long d = -1; d <= 1; d++)
                    add_number(ns, v + d);
            p = end - 1;
        }
    return 0;
}

/* A random answer to q as typed: valid (a value, a unique start, a set of
 * values, a number), or odd (refused). */
static void random_answer(uint64_t *st, const tp_question *q, const numbers *ns, char *out,
                          size_t len)
{
    /* most people have no warning sign: "no" half the time, to reach the
     * home care levels (see also calm_answer) */
    if (tp_kb_value(q, "no") && pick(st, 2) == 0) {
        snprintf(out, len, "no");
        return;
    }
    static const char *const odd[] = {"maybe", "-1", "99999999999", "yes no",    ",",
                                      "x,y",   "  ", "0x10",        "unsure, no"};
    if (pick(st, 10) == 0) {
        snprintf(out, len, "%s", odd[pick(st, sizeof odd / sizeof *odd)]);
        return;
    }
    if (q->kind == TP_Q_NUMBER) {
        long long v = q->min + (long long)pick(st, (unsigned)(q->max - q->min + 1));
        if (pick(st, 2) && ns->n)
            v = ns->v[pick(st, (unsigned)ns->n)];
        snprintf(out, len, " %lld ", v);
        return;
    }
    if (q->kind == TP_Q_MULTI) {
        size_t used = 0;
        out[0] = 0;
        for (int i = 0; i < q->nvalues; i++)
            if (pick(st, 3) == 0)
                used += (size_t)snprintf(out + used, len - used, "%s%s", used ? ", " : "",
                                         q->values[i]);
        if (!used)
            snprintf(out, len, "%s", q->values[pick(st, (unsigned)q->nvalues)]);
        return;
    }
    const char *v = q->values[pick(st, (unsigned)q->nvalues)];
    /* a unique start is enough ("u" for unsure) */
    size_t n = strlen(v);
    if (pick(st, 4) == 0) {
        for (size_t k = 1; k < n; k++) {
            int hits = 0;
            for (int i = 0; i < q->nvalues; i++)
                hits += strncmp(q->values[i], v, k) == 0;
            if (hits == 1) {
                n = k;
                break;
            }
        }
    }
    snprintf(out, len, "%.*s", (int)n, v);
}

/* An answer that raises no warning sign ("no" where that is allowed) with
 * probability calm out of 100, else a random one. */
static void calm_answer(uint64_t *st, unsigned calm, const tp_question *q, const numbers *ns,
                        char *out, size_t len)
{
    if (pick(st, 100) >= calm)
        random_answer(st, q, ns, out, len);
    /* the calm answer of "is it getting better" is yes (improving: the same
     * question in the clinical knowledge base, for TP_PROPERTY_KB runs) */
    else if (strcmp(q->id, "better") == 0 || strcmp(q->id, "improving") == 0)
        snprintf(out, len, "yes");
    else if (tp_kb_value(q, "no"))
        snprintf(out, len, "no");
    else if (q->kind == TP_Q_NUMBER) /* an adult, or a few days */
        snprintf(out, len, "%lld", q->max >= 100 ? 21 + (long long)pick(st, 29) : pick(st, 7));
    else
        random_answer(st, q, ns, out, len);
}

/* What batch uses: a judge with its own engine on the session's knowledge
 * base, as each batch worker has (one knowledge base, so that results are
 * written with the same output pieces). */
typedef struct {
    const tp_kb *kb; /* the session's knowledge base */
    tp_engine *e;    /* an engine of batch's own */
    tp_judge *j;     /* batch's judge on e */
    int open_rank;   /* rank of the level with nothing answered: the least urgent
                        level a case with a safety question open may get */
} batcher;

/* What batch gives on a symptom file holding the session's answers: the case
 * is written as :save writes it and read back as batch reads a file. */
static void batch_result(batcher *w, const tp_case *answers, const tp_kb *skb, tp_case *c,
                         tp_result *r)
{
    tp_buf sym = {0};
    tp_error err = {{0}};
    tp_symfile_write(answers, skb, &sym);
    tu_case(c, w->kb, sym.data ? sym.data : "");
    tp_buf_free(&sym);
    ck_assert_msg(tp_judge_case(w->j, c, r, &err) == 0, "batch failed: %s", err.msg);
}

/* The lines fed so far, to replay a failure. */
typedef struct {
    char text[16384]; /* the lines, one per line */
    size_t len;       /* how much */
    unsigned seed;    /* the run */
} transcript;

/* Fails the test when cond is false; the details (extra text, then the
 * lines fed) go to stderr, since Check cannot carry a long message. */
#define PROP_CHECK(t, cond, extra, ...)                                                            \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s\nafter these lines:\n%s", (extra), (t)->text);                     \
            ck_abort_msg(__VA_ARGS__);                                                             \
        }                                                                                          \
    } while (0)

static void feed(fixture *f, transcript *t, const char *line)
{
    if (t->len < sizeof t->text - 1)
        t->len += (size_t)snprintf(t->text + t->len, sizeof t->text - t->len, "%s\n", line);
    tp_session_line(f->s, line);
}

/* Whether the text holds s. */
static int holds(const char *text, const char *s)
{
    return strstr(text, s) != NULL;
}

/* The session shows what batch gives on the same answers, marks it
 * provisional exactly when questions are left, and gives no home care while
 * a safety question is open. Returns batch's result in r (valid until the
 * next judgement with w). */
static void check_same_as_batch(fixture *f, batcher *w, const transcript *t, tp_result *r)
{
    const tp_kb *skb = tp_session_kb(f->s);
    const tp_result *sr = tp_session_result(f->s);
    tp_case c;
    batch_result(w, tp_session_case(f->s), skb, &c, r);
    tp_buf a = {0}, b = {0};
    tp_output_case(TP_FMT_JSON, skb, "case", sr, &a);
    tp_output_case(TP_FMT_JSON, w->kb, "case", r, &b);
    int same = strcmp(a.data, b.data) == 0;
    tp_buf_printf(&a, "is what the session shows; batch gives\n%s", b.data);
    PROP_CHECK(t, same, a.data, "seed %u: the session's result differs from batch's", t->seed);
    tp_buf_free(&a);
    tp_buf_free(&b);
    PROP_CHECK(t, tp_session_provisional(f->s) == (r->nunanswered > 0), "",
               "seed %u: provisional is %d with %d questions unanswered", t->seed,
               tp_session_provisional(f->s), r->nunanswered);
    /* the report (what :report writes): batch's level, its open questions, the marking */
    tp_buf md = {0};
    char want[256];
    tp_ss_report(f->s, &md);
    snprintf(want, sizeof want, "** (`%s`)\n", r->level ? r->level->id : "none");
    PROP_CHECK(t, holds(md.data, want), md.data, "seed %u: the report's level is not %s", t->seed,
               want);
    PROP_CHECK(t, holds(md.data, "- Status: **Provisional**") == (r->nunanswered > 0), md.data,
               "seed %u: the report is marked provisional wrongly", t->seed);
    for (int i = 0; i < r->nunanswered; i++) {
        snprintf(want, sizeof want, "| `%s` | (not answered) |", r->unanswered[i]->id);
        PROP_CHECK(t, holds(md.data, want), md.data, "seed %u: the report lacks %s", t->seed, want);
    }
    tp_buf_free(&md);
    for (int i = 0; i < r->nunanswered; i++)
        PROP_CHECK(t, !r->unanswered[i]->safety || (r->level && r->level->rank <= w->open_rank), "",
                   "seed %u: level %s while safety question %s is open", t->seed,
                   r->level ? r->level->id : "none", r->unanswered[i]->id);
    tp_case_free(&c);
}

/* The safety-net block of a text ("Safety net:" and its "  - " lines), into
 * out; "" when there is none. */
static void safety_net_block(const char *text, char *out, size_t len)
{
    const char *p = strstr(text, "Safety net:\n");
    size_t n = 0;
    if (p) {
        const char *e = p + strlen("Safety net:\n");
        while (strncmp(e, "  - ", 4) == 0)
            e = strchr(e, '\n') ? strchr(e, '\n') + 1 : e + strlen(e);
        n = (size_t)(e - p);
    }
    snprintf(out, len, "%.*s", (int)n, p ? p : "");
}

/* The summary shows the safety net batch's text output shows. */
static void check_summary_net(const batcher *w, const transcript *t, const char *summary,
                              const tp_result *r)
{
    tp_buf b = {0};
    char mine[4096], theirs[4096];
    tp_output_case(TP_FMT_TEXT, w->kb, "case", r, &b);
    safety_net_block(summary, mine, sizeof mine);
    safety_net_block(b.data, theirs, sizeof theirs);
    PROP_CHECK(t, strcmp(mine, theirs) == 0, summary,
               "seed %u: the summary's safety net is not batch's", t->seed);
    tp_buf_free(&b);
}

/* One random step: mostly answers, then :back, :change, explanations. */
static void random_step(fixture *f, transcript *t, uint64_t *st, const numbers *ns)
{
    const tp_kb *kb = tp_session_kb(f->s);
    const tp_case *c = tp_session_case(f->s);
    const tp_question *q = tp_session_current(f->s);
    char line[1024], value[512];
    unsigned what = pick(st, 20);
    if (q && what < 13) {
        random_answer(st, q, ns, line, sizeof line);
        feed(f, t, line);
    } else if (what < 15) {
        feed(f, t, pick(st, 2) ? ":back" : ".back");
    } else if (what < 18 && c->nanswers > 0) {
        const tp_question *cq = &kb->questions[c->answers[pick(st, (unsigned)c->nanswers)].q];
        value[0] = 0;
        if (pick(st, 3))
            random_answer(st, cq, ns, value, sizeof value);
        snprintf(line, sizeof line, ":change %s %s", cq->id, value);
        feed(f, t, line);
    } else {
        static const char *const cmds[] = {"?",       ":why",    ":answers", ":how", ":whynot wall",
                                           ":report", ":restart"};
        feed(f, t, cmds[pick(st, sizeof cmds / sizeof *cmds)]);
    }
}

/* :how of every conclusion batch gives shows its rule and the answers it
 * rests on, and the marking. */
static void check_how(fixture *f, const transcript *t, const tp_result *r)
{
    for (int i = 0; i < r->nitems; i++) {
        const tp_conclusion *c = &r->items[i];
        char line[256];
        size_t m = mark(f);
        snprintf(line, sizeof line, ":how %s", c->id);
        tp_session_line(f->s, line);
        const char *out = since(f, m);
        snprintf(line, sizeof line, "  rule %s", c->rule);
        PROP_CHECK(t, holds(out, line), out, "seed %u: :how %s lacks %s", t->seed, c->id, line);
        for (int k = 0; k < c->nbecause; k++) {
            /* one answer a line, or several on one line (the same rule again) */
            static const char *const ends[] = {"\n", ",", " ("};
            int found = 0;
            for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
                snprintf(line, sizeof line, " %s = %s%s", c->because[k].question,
                         c->because[k].answer, ends[e]);
                found |= holds(out, line);
            }
            PROP_CHECK(t, found, out, "seed %u: :how %s lacks %s = %s", t->seed, c->id,
                       c->because[k].question, c->because[k].answer);
        }
        PROP_CHECK(t, holds(out, c->reason), out, "seed %u: :how %s lacks the reason %s", t->seed,
                   c->id, c->reason);
        PROP_CHECK(t, holds(out, "Provisional") == tp_session_provisional(f->s), out,
                   "seed %u: :how %s is marked provisional wrongly", t->seed, c->id);
    }
}

#define TU_MAX_QUESTIONS 256 /* questions a knowledge base may have, for this test */

/* The answers of a case and one more, as batch reads them. */
static void case_plus(const batcher *w, const tp_case *base, const tp_question *q,
                      const char *value, tp_case *c)
{
    tp_buf sym = {0};
    tp_symfile_write(base, w->kb, &sym);
    tp_buf_printf(&sym, "%s = %s\n", q->id, value);
    tu_case(c, w->kb, sym.data);
    tp_buf_free(&sym);
}

/* Whether the rules would ask q now but for the level: q is asked always
 * (by its band), or every condition of a rule that asks it holds up to its
 * band condition (open-below), which rules put last. A conditional question
 * whose own condition fails (better before three days) is out of scope. */
static int withheld_by_level(batcher *w, const tp_rule_set *rs, const tp_question *q)
{
    if (!q->conditional)
        return 1;
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        if (!tp_strs_has(r->asks, r->nasks, q->id))
            continue;
        int band = 0, sat = 0, total = 0;
        while (band < r->nconds && !strstr(r->conds[band].text, "(open-below"))
            band++;
        ck_assert_int_eq(tp_engine_rule_progress(w->e, r->name, &sat, &total), 0);
        if (sat >= band)
            return 1;
    }
    return 0;
}

/* Defect kind 6: once the rules ask nothing more, no answer to a question
 * they did not ask may take away anything shown (advice, a restriction, a
 * warning): a question that could do that must still be asked. Each value
 * of each question left out is tried on its own, the same way batch and the
 * session judge the answers given (questions it opens stay pending). */
static void check_nothing_left_could_remove(batcher *w, const transcript *t, const tp_case *done,
                                            const numbers *ns)
{
    tp_case base;
    tp_result r0, r;
    tp_arena arena = {0};
    tp_error err = {{0}};
    tp_buf sym = {0};
    tp_symfile_write(done, w->kb, &sym);
    tu_case(&base, w->kb, sym.data ? sym.data : "");
    tp_buf_free(&sym);
    ck_assert_int_eq(tp_judge_case(w->j, &base, &r, &err), 0);
    tp_result_copy(&r, &r0, &arena);
    int in_scope[TU_MAX_QUESTIONS] = {0};
    tp_rule_set rules;
    tp_rules_describe(w->kb, w->e, &rules);
    for (int qi = 0; qi < w->kb->nquestions && qi < TU_MAX_QUESTIONS; qi++)
        in_scope[qi] =
            !tp_case_find(&base, qi) && withheld_by_level(w, &rules, &w->kb->questions[qi]);
    tp_rules_free(&rules);
    for (int qi = 0; qi < w->kb->nquestions && qi < TU_MAX_QUESTIONS; qi++) {
        const tp_question *q = &w->kb->questions[qi];
        if (!in_scope[qi])
            continue;
        int nv = q->kind == TP_Q_NUMBER ? ns->n + 2 : q->nvalues;
        for (int v = 0; v < nv; v++) {
            char value[64];
            long long num = v == ns->n ? q->min : v == ns->n + 1 ? q->max : 0;
            if (q->kind != TP_Q_NUMBER)
                snprintf(value, sizeof value, "%s", q->values[v]);
            else if (v < ns->n && (ns->v[v] < q->min || ns->v[v] > q->max))
                continue;
            else
                snprintf(value, sizeof value, "%lld", v < ns->n ? ns->v[v] : num);
            tp_case c;
            case_plus(w, &base, q, value, &c);
            ck_assert_int_eq(tp_judge_start(w->j, &c, &err), 0);
            tp_judge_collect(w->j, &r);
            for (int i = 0; i < r0.nitems; i++) {
                const tp_conclusion *x = &r0.items[i];
                char extra[512];
                snprintf(extra, sizeof extra, "%s = %s takes away %s %s (at level %s)", q->id,
                         value, x->kind, x->id, r0.level ? r0.level->id : "none");
                PROP_CHECK(t, strcmp(x->kind, "level") == 0 || tp_result_find(&r, x->kind, x->id),
                           extra, "seed %u: %s, a question not asked, could remove %s %s", t->seed,
                           q->id, x->kind, x->id);
            }
            tp_case_free(&c);
        }
    }
    tp_case_free(&base);
    tp_arena_free(&arena);
}

#define PROPERTY_RUNS 80 /* random sessions per test run (TP_PROPERTY_RUNS overrides) */

START_TEST(session_equals_batch_after_any_prefix)
{
    fixture f;
    batcher w;
    /* TP_PROPERTY_KB: another knowledge base to try (a rule author's copy) */
    open_session(&f, getenv("TP_PROPERTY_KB"));
    tp_error err = {{0}};
    w.kb = tp_session_kb(f.s);
    w.e = tp_kb_engine(w.kb, &err);
    ck_assert_msg(w.e != NULL, "%s", err.msg);
    w.j = tp_judge_new(w.kb, w.e);
    tp_case none;
    tp_result r0;
    tu_case(&none, w.kb, "");
    ck_assert_msg(tp_judge_case(w.j, &none, &r0, &err) == 0, "%s", err.msg);
    ck_assert_ptr_nonnull(r0.level);
    w.open_rank = r0.level->rank;
    tp_case_free(&none);
    numbers ns = {{0}, 0};
    tp_engine_rules(w.e, rule_numbers, &ns);
    const char *env = getenv("TP_PROPERTY_RUNS");
    int runs = env ? atoi(env) : PROPERTY_RUNS;
    static transcript t;
    for (int run = 0; run < runs; run++) {
        uint64_t st = 0x9E3779B97F4A7C15ull * (uint64_t)(run + 1);
        t.seed = (unsigned)run;
        t.len = 0;
        t.text[0] = 0;
        feed(&f, &t, ":restart");
        tp_result r;
        int steps = 1 + (int)pick(&st, 70);
        for (int k = 0; k < steps; k++) {
            random_step(&f, &t, &st, &ns);
            check_same_as_batch(&f, &w, &t, &r);
        }
        if (pick(&st, 4) == 0)
            check_how(&f, &t, &r);
        if (pick(&st, 3) == 0) {
            /* answer to the end: batch and the session ask the same next question */
            static const unsigned calms[] = {90, 97, 99, 100};
            unsigned calm = calms[pick(&st, 4)];
            size_t m0 = mark(&f);
            for (int k = 0; k < 200 && tp_session_current(f.s); k++) {
                char line[512];
                calm_answer(&st, calm, tp_session_current(f.s), &ns, line, sizeof line);
                feed(&f, &t, line);
                check_same_as_batch(&f, &w, &t, &r);
                const tp_question *next = tp_session_current(f.s);
                PROP_CHECK(
                    &t, !next || (r.nunanswered > 0 && strcmp(r.unanswered[0]->id, next->id) == 0),
                    "", "seed %u: the session asks %s, batch would ask %s first", t.seed,
                    next ? next->id : "nothing", r.nunanswered ? r.unanswered[0]->id : "nothing");
            }
            ck_assert(tp_session_done(f.s));
            if (holds(since(&f, m0), "===="))
                check_summary_net(&w, &t, strstr(since(&f, m0), "===="), &r);
            if (getenv("TP_PROPERTY_VERBOSE"))
                fprintf(stderr, "run %d: done at %s\n", run, r.level ? r.level->id : "none");
            check_nothing_left_could_remove(&w, &t, tp_session_case(f.s), &ns);
        }
        /* end of input: the summary so far is batch's result, marked when provisional */
        int left = tp_session_current(f.s) != NULL;
        size_t m = mark(&f);
        tp_session_end(f.s);
        check_same_as_batch(&f, &w, &t, &r);
        const char *out = since(&f, m);
        PROP_CHECK(&t, holds(out, "Provisional") == (r.nunanswered > 0), out,
                   "seed %u: the summary is marked provisional wrongly", t.seed);
        if (holds(out, "===="))
            check_summary_net(&w, &t, out, &r);
        ck_assert(!left || r.nunanswered > 0);
    }
    tp_judge_free(w.j);
    tp_engine_free(w.e);
    close_session(&f);
}
END_TEST

/* ---- the engine's rule introspection ---------------------------------------------- */

struct count {
    int rules;      /* rules seen */
    int modules[4]; /* TRIAGE, ADVICE, INTERVIEW, other */
};

static int count_rule(void *ud, const tp_rule_info *r)
{
    struct count *c = ud;
    c->rules++;
    int m = strcmp(r->module, "TRIAGE") == 0      ? 0
            : strcmp(r->module, "ADVICE") == 0    ? 1
            : strcmp(r->module, "INTERVIEW") == 0 ? 2
                                                  : 3;
    c->modules[m]++;
    ck_assert_ptr_nonnull(strstr(r->ppform, r->name));
    return 0;
}

START_TEST(rules_of_every_module_are_listed)
{
    tp_kb kb;
    tp_engine *e;
    tu_open_kb(&kb, &e);
    struct count c = {0, {0}};
    tp_engine_rules(e, count_rule, &c);
    ck_assert_int_gt(c.modules[0], 10);
    ck_assert_int_gt(c.modules[1], 5);
    ck_assert_int_gt(c.modules[2], 2);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

static void progress(tp_engine *e, const char *rule, int want_sat, int want_total)
{
    int sat = -1, total = -1;
    ck_assert_int_eq(tp_engine_rule_progress(e, rule, &sat, &total), 0);
    ck_assert_msg(sat == want_sat && total == want_total, "%s: %d/%d, expected %d/%d", rule, sat,
                  total, want_sat, want_total);
}

START_TEST(rule_progress_names_the_first_failed_condition)
{
    tp_kb kb;
    tp_engine *e;
    tu_open_kb(&kb, &e);
    tp_judge *j = tp_judge_new(&kb, e);
    tp_case c;
    tu_case(&c, &kb, "alpha = no\nkit = ball\nfirmness = medium\nfirst = no\n");
    tp_error err = {{0}};
    ck_assert_int_eq(tp_judge_start(j, &c, &err), 0);
    /* positive first pattern that fails */
    progress(e, "red-flag-alpha", 0, 1);
    progress(e, "red-flag-slow", 0, 2);
    /* fails at the third condition (floor not answered) */
    progress(e, "technique-floor-press", 2, 6);
    /* a lone (not ...) that holds, then one that fails */
    progress(e, "home-when-no-flag", 1, 1);
    /* (not (and ...)) counts as one condition */
    progress(e, "disposition-most-urgent", 3, 3);
    progress(e, "ask-floor-when-there-is-kit", 2, 2);
    ck_assert_int_eq(tp_engine_rule_progress(e, "no-such-rule", &(int){0}, &(int){0}), -1);
    tp_case_free(&c);
    tu_case(&c, &kb, "alpha = yes\n");
    ck_assert_int_eq(tp_judge_start(j, &c, &err), 0);
    progress(e, "red-flag-alpha", 1, 1);
    progress(e, "home-when-no-flag", 0, 1);
    tp_case_free(&c);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

/* A later session: greeted, asked the pain score, days and better filled
 * from the diary (as the fixture's facts/diary.clp says), so the
 * red-flag-slow rule fires from real dates; the filled answer stays
 * changeable. */
START_TEST(diary_fills_from_real_dates)
{
    char dir[] = "/tmp/tp-sdiary-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/diary.jsonl", dir);
    FILE *d = fopen(path, "w");
    fputs("{\"date\":\"2026-11-26\",\"pain\":6,\"level\":\"self-care\",\"kb\":\"\","
          "\"answers\":{\"days\":1}}\n",
          d);
    fclose(d);
    setenv("TPTRIAGE_TODAY", "2026-11-29", 1);
    fixture f;
    g_diary = path;
    open_session(&f, NULL);
    g_diary = NULL;
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "last check-in was 3 days ago (2026-11-26)"));
    ck_assert_str_eq(current_id(&f), "(none)"); /* the pain score comes first */
    ck_assert_str_eq(tp_session_prompt(f.s), "0-10> ");
    tp_session_line(f.s, "eleven");
    ck_assert_str_eq(tp_session_prompt(f.s), "0-10> ");
    tp_session_line(f.s, "6");
    clear_emergency_screen(&f);
    say(&f, "gamma", "2");
    size_t m = mark(&f);
    say(&f, "delta", "2");
    const char *out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "(:change days corrects it.)"));
    ck_assert_ptr_nonnull(strstr(out, "(:change better corrects it.)"));
    const tp_case *c = tp_session_case(f.s);
    const tp_answer *days = tp_case_find(c, tp_kb_question_index(tp_session_kb(f.s), "days"));
    ck_assert_ptr_nonnull(days);
    ck_assert_int_eq(days->vals[0].num, 4); /* 3 days since, plus the 1 it said then */
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "red-flag", "flag-slow"));
    /* the explanation says the answers came from the diary, not from the
     * person (issue 23, kind 6) */
    m = mark(&f);
    tp_session_line(f.s, ":how flag-slow");
    out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "from your diary: \""));
    ck_assert_ptr_null(strstr(out, "you answered"));
    tp_session_line(f.s, ":change better yes");
    ck_assert_ptr_null(tp_result_find(tp_session_result(f.s), "red-flag", "flag-slow"));
    /* answered by the person, it is theirs */
    tp_session_line(f.s, ":change better no");
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "red-flag", "flag-slow"));
    m = mark(&f);
    tp_session_line(f.s, ":how flag-slow");
    out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "you answered"));
    close_session(&f);
    unsetenv("TPTRIAGE_TODAY");
    unlink(path);
    rmdir(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rules_choose_the_next_question);
    tcase_add_test(tc, answers_are_validated);
    tcase_add_test(tc, typed_answers_and_bare_commands);
    tcase_add_test(tc, change_retracts_what_rested_on_the_answer);
    tcase_add_test(tc, back_undoes_the_last_answer);
    tcase_add_test(tc, why_and_whynot_cite_the_rules);
    tcase_add_test(tc, plain_explanations_for_a_person);
    tcase_add_test(tc, numbers_not_ids_for_a_person);
    tcase_add_test(tc, end_of_input_gives_the_summary_so_far);
    tcase_add_test(tc, mid_session_results_are_provisional);
    tcase_add_test(tc, save_load_and_report);
    tcase_add_test(tc, reload_keeps_the_running_kb_on_error);
    tcase_add_test(tc, completion_offers_answers_and_commands);
    tcase_add_test(tc, diary_fills_from_real_dates);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("property");
    tcase_set_timeout(tp, 120);
    tcase_add_test(tp, session_equals_batch_after_any_prefix);
    suite_add_tcase(s, tp);
    TCase *te = tcase_create("engine");
    tcase_add_test(te, rules_of_every_module_are_listed);
    tcase_add_test(te, rule_progress_names_the_first_failed_condition);
    suite_add_tcase(s, te);
    return tu_run(s) ? 1 : 0;
}
