/* test_session.c: the session core driven line by line, with no terminal;
 * and the engine's rule introspection it relies on. */
#include "session.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A session writing into a memory stream. */
typedef struct {
    tp_session *s; /* the session */
    FILE *out;     /* its output */
    char *text;    /* what it wrote */
    size_t len;    /* how much */
} fixture;

static void open_session(fixture *f, const char *kbdir)
{
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    o.kbdir = kbdir ? kbdir : TP_SOURCE_DIR;
    o.show_ids = 1;
    f->text = NULL;
    f->len = 0;
    f->out = open_memstream(&f->text, &f->len);
    ck_assert_ptr_nonnull(f->out);
    tp_error err = {{0}};
    f->s = tp_session_new(&o, f->out, &err);
    ck_assert_msg(f->s != NULL, "session did not open: %s", err.msg);
    tp_session_begin(f->s);
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

/* Answers "no" to the emergency screen. */
static void clear_emergency_screen(fixture *f)
{
    static const char *const ids[] = {"saddle-numbness", "bladder-bowel-change", "both-legs",
                                      "major-trauma", "chest-pain-or-breathless"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        say(f, ids[i], "no");
}

START_TEST(rules_choose_the_next_question)
{
    fixture f;
    open_session(&f, NULL);
    ck_assert_str_eq(current_id(&f), "saddle-numbness");
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "[saddle-numbness] "));
    clear_emergency_screen(&f);
    ck_assert_str_eq(current_id(&f), "pain-below-knee");
    /* improving is conditional: asked only after three days of self-care */
    say(&f, "pain-below-knee", "no");
    say(&f, "numbness", "no");
    say(&f, "tingling", "no");
    say(&f, "weakness", "no");
    say(&f, "worse-after-release", "not-tried");
    say(&f, "sharp-pain-on-pressure", "not-tried");
    say(&f, "days-of-self-care", "2");
    ck_assert_str_eq(current_id(&f), "cancer-history");
    tp_session_line(f.s, ":change days-of-self-care 5");
    ck_assert_str_eq(current_id(&f), "improving");
    close_session(&f);
}
END_TEST

START_TEST(answers_are_validated)
{
    fixture f;
    open_session(&f, NULL);
    size_t m = mark(&f);
    tp_session_line(f.s, "perhaps");
    ck_assert_str_eq(current_id(&f), "saddle-numbness");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "'perhaps' is not allowed for saddle-numbness"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "yes, no or unsure"));
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 0);
    /* a unique start is enough; an ambiguous one is refused */
    tp_session_line(f.s, "n");
    ck_assert_str_eq(current_id(&f), "bladder-bowel-change");
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 1);
    say(&f, "bladder-bowel-change", "no");
    say(&f, "both-legs", "no");
    say(&f, "major-trauma", "no");
    say(&f, "chest-pain-or-breathless", "no");
    say(&f, "pain-below-knee", "no");
    say(&f, "numbness", "no");
    say(&f, "tingling", "no");
    say(&f, "weakness", "no");
    m = mark(&f);
    tp_session_line(f.s, "no"); /* worse-after-release: no, not-tried -> no is exact */
    ck_assert_str_eq(current_id(&f), "sharp-pain-on-pressure");
    tp_session_line(f.s, "n"); /* no or not-tried: ambiguous */
    ck_assert_str_eq(current_id(&f), "sharp-pain-on-pressure");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "'n' is not allowed"));
    tp_session_line(f.s, "no");
    m = mark(&f);
    tp_session_line(f.s, "400");
    ck_assert_str_eq(current_id(&f), "days-of-self-care");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "a whole number from 0 to 365"));
    /* commands never clash with answers */
    m = mark(&f);
    tp_session_line(f.s, ":answers");
    ck_assert_str_eq(current_id(&f), "days-of-self-care");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "saddle-numbness"));
    m = mark(&f);
    tp_session_line(f.s, "?");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "Count the days"));
    close_session(&f);
}
END_TEST

START_TEST(change_retracts_what_rested_on_the_answer)
{
    fixture f;
    open_session(&f, NULL);
    clear_emergency_screen(&f);
    say(&f, "pain-below-knee", "no");
    say(&f, "numbness", "yes");
    ck_assert_str_eq(level_id(&f), "see-clinician");
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "red-flag", "numbness"));
    ck_assert_ptr_nonnull(tp_result_find(tp_session_result(f.s), "restriction", "no-moist-heat"));
    size_t m = mark(&f);
    tp_session_line(f.s, ":change numbness");
    ck_assert_str_eq(current_id(&f), "numbness");
    tp_session_line(f.s, "no");
    ck_assert_ptr_null(tp_result_find(tp_session_result(f.s), "red-flag", "numbness"));
    ck_assert_ptr_null(tp_result_find(tp_session_result(f.s), "restriction", "no-moist-heat"));
    ck_assert_str_eq(level_id(&f), "self-care");
    const char *out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "What changed:"));
    ck_assert_ptr_nonnull(strstr(out, "level: see-clinician -> self-care"));
    ck_assert_ptr_nonnull(strstr(out, "- red-flag numbness"));
    /* the dialogue goes on where it was */
    ck_assert_str_eq(current_id(&f), "tingling");
    close_session(&f);
}
END_TEST

START_TEST(back_undoes_the_last_answer)
{
    fixture f;
    open_session(&f, NULL);
    say(&f, "saddle-numbness", "no");
    say(&f, "bladder-bowel-change", "yes");
    /* emergency: said at once, and the summary follows */
    ck_assert_str_eq(level_id(&f), "emergency");
    ck_assert(tp_session_done(f.s));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "!! Possible emergency"));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "Call your local emergency number"));
    size_t m = mark(&f);
    tp_session_line(f.s, ":how emergency");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "because: bladder-bowel-change = yes"));
    tp_session_line(f.s, ":back");
    ck_assert(!tp_session_done(f.s));
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 1);
    ck_assert_str_eq(current_id(&f), "bladder-bowel-change");
    ck_assert_str_eq(level_id(&f), "self-care");
    tp_session_line(f.s, ":back");
    ck_assert_str_eq(current_id(&f), "saddle-numbness");
    m = mark(&f);
    tp_session_line(f.s, ":back");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "no answer to take back"));
    close_session(&f);
}
END_TEST

START_TEST(why_and_whynot_cite_the_rules)
{
    fixture f;
    open_session(&f, NULL);
    size_t m = mark(&f);
    tp_session_line(f.s, ":why");
    const char *out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "yes or unsure -> red flag"));
    ck_assert_ptr_nonnull(strstr(out, "rule red-flag-saddle-numbness; source: \""));
    ck_assert_ptr_nonnull(strstr(out, "no -> nothing follows"));
    clear_emergency_screen(&f);
    say(&f, "pain-below-knee", "no");
    say(&f, "numbness", "no");
    say(&f, "tingling", "no");
    say(&f, "weakness", "no");
    say(&f, "worse-after-release", "no");
    say(&f, "sharp-pain-on-pressure", "no");
    say(&f, "days-of-self-care", "0");
    static const char *const flags[] = {"cancer-history", "fever",         "weight-loss",
                                        "night-pain",     "calf-swelling", "back-lump",
                                        "infection-risk"};
    static const char *const contra[] = {"blood-thinners", "clot-treatment", "osteoporosis",
                                         "recent-injury",  "recent-surgery", "hot-swollen",
                                         "broken-skin",    "pregnant"};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        say(&f, flags[i], "no");
    say(&f, "age", "35");
    for (size_t i = 0; i < sizeof contra / sizeof *contra; i++)
        say(&f, contra[i], "no");
    say(&f, "pain-location", "hip-crest, deep-center");
    say(&f, "sensitivity", "moderate");
    say(&f, "first-time", "no");
    say(&f, "equipment", "tennis-ball");
    say(&f, "can-get-to-floor", "yes");
    say(&f, "sits-long", "no");
    ck_assert(tp_session_done(f.s));
    ck_assert_str_eq(level_id(&f), "self-care");
    m = mark(&f);
    tp_session_line(f.s, ":whynot ball-floor-press-hold");
    out = since(&f, m);
    ck_assert_ptr_nonnull(strstr(out, "Rule technique-ball-floor-press-hold"));
    ck_assert_ptr_nonnull(
        strstr(out, "fails (4 of 6): (answer (question sensitivity) (value tolerates-deep))"));
    ck_assert_ptr_nonnull(strstr(out, "Your answer to sensitivity: moderate"));
    m = mark(&f);
    tp_session_line(f.s, ":how gluteus-medius");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "because: pain-location = hip-crest, deep-center"));
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
    /* every pending safety question became unanswered: at best see-clinician */
    ck_assert_str_eq(level_id(&f), "see-clinician");
    ck_assert_int_gt(tp_session_result(f.s)->nunanswered, 0);
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "Not answered: pain-below-knee"));
    ck_assert_ptr_nonnull(strstr(since(&f, 0), "General information, not a diagnosis"));
    close_session(&f);
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
    say(&f, "pain-below-knee", "yes");
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
    ck_assert_ptr_nonnull(strstr(md, "| --- | --- |"));
    ck_assert_ptr_nonnull(strstr(md, "(`pain-below-knee`) | yes |"));
    ck_assert_ptr_nonnull(strstr(md, "## Red flags"));
    ck_assert_ptr_nonnull(strstr(md, "- Knowledge base: `"));
    free(md);

    open_session(&f, NULL);
    snprintf(cmd, sizeof cmd, ":load %s", path);
    tp_session_line(f.s, cmd);
    ck_assert_int_eq(tp_session_case(f.s)->nanswers, 6);
    ck_assert_str_eq(level_id(&f), "see-clinician");
    ck_assert_str_eq(current_id(&f), "numbness");
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
    say(&f, "saddle-numbness", "no");
    tu_write(dir, "rules/99-broken.clp", "(defrule MAIN::broken\n  (answer (question\n");
    size_t m = mark(&f);
    tp_session_line(f.s, ":reload");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "keeping the one running"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "99-broken.clp:"));
    ck_assert_str_eq(current_id(&f), "bladder-bowel-change");
    /* a good change: the session goes on with the new rules */
    tu_write(dir, "rules/99-broken.clp",
             "(defrule TRIAGE::extra \"test\"\n"
             "   (logical (answer (question saddle-numbness) (value no)))\n"
             "   =>\n"
             "   (assert (conclusion (kind red-flag) (id fever) (rule extra) (reason \"t\") "
             "(source glos))))\n");
    m = mark(&f);
    tp_session_line(f.s, ":reload");
    ck_assert_ptr_nonnull(strstr(since(&f, m), "Reloaded the knowledge base"));
    ck_assert_ptr_nonnull(strstr(since(&f, m), "+ red-flag fever"));
    ck_assert_str_eq(level_id(&f), "urgent");
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
    say(&f, "saddle-numbness", "no");
    c = tp_session_complete(f.s, ".change sa", 8, "sa", 0);
    ck_assert_str_eq(c, "saddle-numbness");
    free(c);
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
    tu_case(&c, &kb,
            "saddle-numbness = no\nequipment = tennis-ball\nsensitivity = moderate\n"
            "first-time = no\n");
    tp_error err = {{0}};
    ck_assert_int_eq(tp_judge_start(j, &c, &err), 0);
    /* positive first pattern that fails */
    progress(e, "red-flag-saddle-numbness", 0, 1);
    progress(e, "red-flag-no-improvement", 0, 2);
    /* fails at the third condition (can-get-to-floor not answered) */
    progress(e, "technique-ball-floor-press-hold", 2, 6);
    /* a lone (not ...) that holds, then one that fails */
    progress(e, "self-care-when-no-flag", 1, 1);
    /* (not (and ...)) counts as one condition */
    progress(e, "disposition-most-urgent", 3, 3);
    progress(e, "ask-floor-when-there-is-a-ball", 2, 2);
    ck_assert_int_eq(tp_engine_rule_progress(e, "no-such-rule", &(int){0}, &(int){0}), -1);
    tp_case_free(&c);
    tu_case(&c, &kb, "saddle-numbness = yes\n");
    ck_assert_int_eq(tp_judge_start(j, &c, &err), 0);
    progress(e, "red-flag-saddle-numbness", 1, 1);
    progress(e, "self-care-when-no-flag", 0, 1);
    tp_case_free(&c);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, rules_choose_the_next_question);
    tcase_add_test(tc, answers_are_validated);
    tcase_add_test(tc, change_retracts_what_rested_on_the_answer);
    tcase_add_test(tc, back_undoes_the_last_answer);
    tcase_add_test(tc, why_and_whynot_cite_the_rules);
    tcase_add_test(tc, end_of_input_gives_the_summary_so_far);
    tcase_add_test(tc, save_load_and_report);
    tcase_add_test(tc, reload_keeps_the_running_kb_on_error);
    tcase_add_test(tc, completion_offers_answers_and_commands);
    suite_add_tcase(s, tc);
    TCase *te = tcase_create("engine");
    tcase_add_test(te, rules_of_every_module_are_listed);
    tcase_add_test(te, rule_progress_names_the_first_failed_condition);
    suite_add_tcase(s, te);
    return tu_run(s) ? 1 : 0;
}
