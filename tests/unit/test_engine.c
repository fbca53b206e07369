/* test_engine.c: the engine host and its CLIPS 6.30 pitfalls. */
#include "compare.h"
#include "output.h"
#include "testutil.h"

#include <glob.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const all_clear =
    "alpha = no\nbeta = no\ngamma = no\ndelta = no\ndays = 0\nepsilon = no\n"
    "spot = middle\nfirmness = medium\nfirst = no\nkit = roller\nsits = no\n";

/* all_clear plus extra lines */
static void clear_case(tp_case *c, const tp_kb *kb, const char *extra)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", all_clear, extra);
    tu_case(c, kb, text);
}

START_TEST(loads_fixture_kb)
{
    tp_kb kb;
    tp_engine *e;
    tu_open_kb(&kb, &e);
    ck_assert_int_eq(kb.nquestions, 14);
    ck_assert_int_eq(kb.nlevels, 4);
    ck_assert_str_eq(kb.levels[0].id, "urgent");
    ck_assert_int_eq((int)strlen(kb.hash), 16);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

/* Only the Env* API exists: two environments live side by side and do not
 * see each other's facts. */
START_TEST(two_engines_are_independent)
{
    tp_kb kb1, kb2;
    tp_engine *e1, *e2;
    tu_open_kb(&kb1, &e1);
    tu_open_kb(&kb2, &e2);
    tp_judge *j1 = tp_judge_new(&kb1, e1), *j2 = tp_judge_new(&kb2, e2);
    tp_case a, b;
    clear_case(&b, &kb2, "temp = 35\n");
    tu_case(&a, &kb1, "alpha = yes\n");
    tp_result r1, r2;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_judge_start(j1, &a, &err), 0);
    ck_assert_int_eq(tp_judge_case(j2, &b, &r2, &err), 0);
    ck_assert_int_eq(tp_judge_finish(j1, &err), 0);
    tp_judge_collect(j1, &r1);
    ck_assert_str_eq(r1.level->id, "urgent");
    ck_assert_str_eq(r2.level->id, "home");
    tp_case_free(&a);
    tp_case_free(&b);
    tp_judge_free(j1);
    tp_judge_free(j2);
    tp_engine_free(e1);
    tp_engine_free(e2);
    tp_kb_close(&kb1);
    tp_kb_close(&kb2);
}
END_TEST

/* A syntax error is reported at the file and line where CLIPS found it. */
START_TEST(broken_rule_names_file_and_line)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/99-broken.clp",
             "; line 1\n"
             "(defrule TRIAGE::fine \"fine\"\n"
             "   (answer (question gamma) (value yes))\n"
             "   =>)\n"
             "\n"
             "(defrule TRIAGE::broken \"broken\"\n"
             "   (answer (question gamma) (value yes))\n"
             "   =>\n"
             "   (no-such-function 1))\n");
    tp_kb kb;
    tp_engine *e = NULL;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_kb_open(&kb, dir, &e, &err), -1);
    ck_assert_ptr_null(e);
    char want[512];
    snprintf(want, sizeof want, "%s/rules/99-broken.clp:9: ", dir);
    ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "got: %s", err.msg);
    ck_assert_msg(strstr(err.msg, "no-such-function") != NULL, "got: %s", err.msg);
}
END_TEST

/* An unclosed construct is reported too, and nothing is half loaded. */
START_TEST(partly_broken_kb_is_refused)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/15-unclosed.clp",
             "(defrule TRIAGE::unclosed \"unclosed\"\n"
             "   (answer (question gamma) (value yes))\n"
             "   =>\n");
    tp_kb kb;
    tp_engine *e = NULL;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_kb_open(&kb, dir, &e, &err), -1);
    ck_assert_ptr_null(e);
    ck_assert_msg(strstr(err.msg, "15-unclosed.clp:") != NULL, "got: %s", err.msg);
    ck_assert_ptr_null(kb.questions);
}
END_TEST

/* After an evaluation error CLIPS keeps its error and halt flags set and
 * silently stops firing; the host clears them and the next case works. */
START_TEST(recovers_after_evaluation_error)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/99-divide.clp",
             "(defrule TRIAGE::divide-by-temp \"fails for temp 40\"\n"
             "   (logical (answer (question temp) (value ?a&:(integerp ?a))))\n"
             "   =>\n"
             "   (assert (conclusion (kind level) (id home) (rule divide-by-temp)\n"
             "      (reason (str-cat (div 100 (- ?a 40)))) (source src-a))))\n");
    tu_world w;
    tu_world_open(&w, dir);
    tp_judge *j = w.j;
    tp_error err = {{0}};
    tp_case c;
    tp_result r;
    clear_case(&c, w.kb, "temp = 40\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), -1);
    ck_assert_msg(strstr(err.msg, "rule failed") != NULL, "got: %s", err.msg);
    tp_case_free(&c);
    clear_case(&c, w.kb, "temp = 35\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_ptr_nonnull(r.level);
    ck_assert_str_eq(r.level->id, "home");
    ck_assert_ptr_nonnull(tp_result_find(&r, "technique", "knuckle"));
    tp_case_free(&c);
    tu_case(&c, w.kb, "beta = yes\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_str_eq(r.level->id, "urgent");
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* Strings from facts die with the next reset; results hold copies. */
START_TEST(result_strings_survive_reset)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_engine *e = w.e;
    tp_judge *j = w.j;
    tp_case c;
    tp_result r, kept;
    tp_arena arena = {0};
    tp_error err = {{0}};
    clear_case(&c, w.kb, "temp = 35\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    tp_result_copy(&r, &kept, &arena);
    const tp_conclusion *k = tp_result_find(&r, "technique", "knuckle");
    ck_assert_ptr_nonnull(k);
    char rule[128];
    snprintf(rule, sizeof rule, "%s", k->rule);
    tp_engine_clear_case(e);
    tp_engine_reset(e);
    tp_engine_run(e, 1000, err.msg, sizeof err.msg);
    ck_assert_str_eq(k->rule, rule);
    ck_assert_ptr_nonnull(tp_result_find(&kept, "technique", "knuckle"));
    ck_assert_str_eq(tp_result_find(&kept, "technique", "knuckle")->rule, rule);
    tp_arena_free(&arena);
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* Conclusions carry the answers they rest on through (logical ...), and
 * withdrawing the answer withdraws them. */
START_TEST(because_follows_logical_support)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_judge *j = w.j;
    tp_case c;
    tp_result r;
    tp_error err = {{0}};
    clear_case(&c, w.kb, "temp = 35\n");
    tp_case_forget(&c, tp_kb_question_index(w.kb, "gamma"));
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "gamma", "yes", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    const tp_conclusion *f = tp_result_find(&r, "red-flag", "gamma");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->nbecause, 1);
    ck_assert_str_eq(f->because[0].question, "gamma");
    ck_assert_str_eq(f->because[0].answer, "yes");
    ck_assert_str_eq(f->rule, "red-flag-gamma");
    ck_assert_ptr_nonnull(f->source);
    ck_assert_str_eq(r.level->id, "soon");
    ck_assert_ptr_null(tp_result_find(&r, "technique", "knuckle"));
    /* change the answer: the flag and what rested on it go */
    tp_case_forget(&c, tp_kb_question_index(w.kb, "gamma"));
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "gamma", "no", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_ptr_null(tp_result_find(&r, "red-flag", "gamma"));
    ck_assert_str_eq(r.level->id, "home");
    ck_assert_ptr_nonnull(tp_result_find(&r, "technique", "knuckle"));
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* save-facts would lose logical support, so only answers are persisted:
 * written and read back, they judge to the same result. */
START_TEST(answers_round_trip_to_same_result)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_judge *j = w.j;
    tp_case c, back;
    tp_result r1, r2;
    tp_arena arena = {0};
    tp_error err = {{0}};
    clear_case(&c, w.kb, "temp = 62\nbetter = unsure\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r1, &err), 0);
    tp_result kept;
    tp_result_copy(&r1, &kept, &arena);
    tp_buf out = {0};
    tp_symfile_write(&c, w.kb, &out);
    tp_case_init(&back, "saved");
    ck_assert_int_eq(tp_symfile_parse(&back, w.kb, "saved", out.data, out.len, &err), 0);
    ck_assert_int_eq(back.nanswers, c.nanswers);
    ck_assert_int_eq(tp_judge_case(j, &back, &r2, &err), 0);
    ck_assert_str_eq(kept.level->id, r2.level->id);
    ck_assert_int_eq(kept.nitems, r2.nitems);
    for (int i = 0; i < r2.nitems; i++) {
        ck_assert_str_eq(kept.items[i].id, r2.items[i].id);
        ck_assert_str_eq(kept.items[i].rule, r2.items[i].rule);
    }
    tp_buf_free(&out);
    tp_arena_free(&arena);
    tp_case_free(&c);
    tp_case_free(&back);
    tu_world_close(&w);
}
END_TEST

/* A rule that never comes to rest is stopped and named. */
START_TEST(firing_limit_names_the_rule)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/99-loop.clp",
             "(deftemplate MAIN::counter (slot n))\n"
             "(defrule TRIAGE::count-forever \"never stops\"\n"
             "   (answer (question temp))\n"
             "   ?c <- (counter (n ?n))\n"
             "   =>\n"
             "   (modify ?c (n (+ ?n 1))))\n"
             "(deffacts MAIN::counter-start (counter (n 0)))\n");
    tu_world w;
    tu_world_open(&w, dir);
    tp_judge *j = w.j;
    tp_error err = {{0}};
    tp_case c;
    tp_result r;
    tu_case(&c, w.kb, "temp = 30\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), -1);
    ck_assert_msg(strstr(err.msg, "count-forever") != NULL, "got: %s", err.msg);
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* Rules cannot reach the file system or run commands. */
START_TEST(rules_cannot_call_the_system)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/99-system.clp",
             "(defrule TRIAGE::escape \"tries to run a command\"\n"
             "   (answer (question temp))\n"
             "   =>\n"
             "   (system \"touch /tmp/tptriage-pwned\"))\n");
    tp_kb kb;
    tp_engine *e = NULL;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_kb_open(&kb, dir, &e, &err), -1);
    ck_assert_msg(strstr(err.msg, "99-system.clp:4:") != NULL, "got: %s", err.msg);
}
END_TEST

/* A change that keeps a conclusion but withdraws one of its reasons shows
 * when reasons are asked for, and not otherwise. */
START_TEST(compare_shows_withdrawn_reasons)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_judge *j = w.j;
    tp_case c;
    tp_result r;
    tp_result before;
    tp_arena arena = {0};
    tp_error err = {{0}};
    clear_case(&c, w.kb, "temp = 35\nfloor = yes\n");
    tp_case_forget(&c, tp_kb_question_index(w.kb, "spot"));
    tp_case_forget(&c, tp_kb_question_index(w.kb, "kit"));
    tp_case_forget(&c, tp_kb_question_index(w.kb, "first"));
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "spot", "edge", 0, &err), 0);
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "kit", "ball", 0, &err), 0);
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "first", "yes", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    tp_result_copy(&r, &before, &arena);
    tp_case_forget(&c, tp_kb_question_index(w.kb, "first"));
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "first", "no", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    tp_buf out = {0};
    ck_assert_int_eq(tp_compare_results(&before, &r, "", 0, &out), 0);
    ck_assert_int_eq(tp_compare_results(&before, &r, "", 1, &out), 1);
    ck_assert_str_eq(out.data, "~ technique wall now rests on technique-wall-for-edge, "
                               "technique-wall-when-medium (was technique-wall-for-edge, "
                               "technique-wall-when-first-time, technique-wall-when-medium)\n");
    tp_buf_free(&out);
    tp_arena_free(&arena);
    tp_case_free(&c);
    tu_world_close(&w);
}
END_TEST

/* Answers stay in the engine between cases; the output must not depend on
 * what was judged before: every case file, judged after all the others in
 * two orders, gives exactly the output of a fresh engine. */
START_TEST(output_does_not_depend_on_history)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_judge *j = w.j;
    glob_t g;
    char pattern[512];
    snprintf(pattern, sizeof pattern, "%s/facts/cases/*.sym", TP_FIXTURE_KB);
    ck_assert_int_eq(glob(pattern, 0, NULL, &g), 0);
    ck_assert_int_ge((int)g.gl_pathc, 10);
    int n = (int)g.gl_pathc;
    tp_case *cases = calloc((size_t)n, sizeof *cases);
    char **fresh = calloc((size_t)n, sizeof *fresh);
    tp_error err = {{0}};
    for (int i = 0; i < n; i++) {
        size_t len;
        char *text = tp_read_file(g.gl_pathv[i], 1 << 20, &len, &err);
        ck_assert_ptr_nonnull(text);
        tp_case_init(&cases[i], g.gl_pathv[i]);
        ck_assert_int_eq(tp_symfile_parse(&cases[i], w.kb, g.gl_pathv[i], text, len, &err), 0);
        free(text);
        /* a fresh engine for the reference */
        tp_kb kb2;
        tp_engine *e2;
        tu_open_kb(&kb2, &e2);
        tp_judge *j2 = tp_judge_new(&kb2, e2);
        tp_case c2;
        tp_case_init(&c2, g.gl_pathv[i]);
        text = tp_read_file(g.gl_pathv[i], 1 << 20, &len, &err);
        ck_assert_int_eq(tp_symfile_parse(&c2, &kb2, g.gl_pathv[i], text, len, &err), 0);
        free(text);
        tp_result r;
        ck_assert_int_eq(tp_judge_case(j2, &c2, &r, &err), 0);
        tp_buf out = {0};
        tp_output_case(TP_FMT_JSON, &kb2, c2.name, &r, &out);
        fresh[i] = out.data;
        tp_case_free(&c2);
        tp_judge_free(j2);
        tp_engine_free(e2);
        tp_kb_close(&kb2);
    }
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < n; k++) {
            int i = pass == 0 ? k : n - 1 - k;
            tp_result r;
            ck_assert_int_eq(tp_judge_case(j, &cases[i], &r, &err), 0);
            tp_buf out = {0};
            tp_output_case(TP_FMT_JSON, w.kb, cases[i].name, &r, &out);
            ck_assert_msg(strcmp(out.data, fresh[i]) == 0, "%s differs after other cases",
                          cases[i].name);
            tp_buf_free(&out);
        }
    for (int i = 0; i < n; i++) {
        tp_case_free(&cases[i]);
        free(fresh[i]);
    }
    free(cases);
    free(fresh);
    globfree(&g);
    tu_world_close(&w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("engine");
    TCase *t = tcase_create("engine");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, loads_fixture_kb);
    tcase_add_test(t, two_engines_are_independent);
    tcase_add_test(t, broken_rule_names_file_and_line);
    tcase_add_test(t, partly_broken_kb_is_refused);
    tcase_add_test(t, recovers_after_evaluation_error);
    tcase_add_test(t, result_strings_survive_reset);
    tcase_add_test(t, because_follows_logical_support);
    tcase_add_test(t, answers_round_trip_to_same_result);
    tcase_add_test(t, firing_limit_names_the_rule);
    tcase_add_test(t, rules_cannot_call_the_system);
    tcase_add_test(t, compare_shows_withdrawn_reasons);
    tcase_add_test(t, output_does_not_depend_on_history);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
