/* test_check.c: the clinician's tools: firing counts, rule descriptions,
 * refused functions, load errors at file:line, static checks, safety
 * verification on the fixture and on a broken knowledge base, the graph. */
#include "graph.h"
#include "kbcheck.h"
#include "testutil.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *home_case = "alpha = no\nbeta = no\ngamma = no\ndelta = no\ndays = 0\n"
                               "temp = 35\nepsilon = no\nspot = upper\nfirmness = medium\n"
                               "first = no\nkit = roller\nfloor = yes\nsits = no\n";

/* Reads a file of a kb copy into a malloc'd string. */
static char *slurp(const char *dir, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    tp_error err = {{0}};
    size_t len;
    char *text = tp_read_file(path, 1u << 22, &len, &err);
    ck_assert_msg(text != NULL, "%s", err.msg);
    return text;
}

/* Removes the construct starting with head (up to the next blank line). */
static void drop_construct(const char *dir, const char *rel, const char *head)
{
    char *text = slurp(dir, rel);
    char *start = strstr(text, head);
    ck_assert_ptr_nonnull(start);
    char *end = strstr(start, "\n\n");
    ck_assert_ptr_nonnull(end);
    memmove(start, end + 2, strlen(end + 2) + 1);
    tu_write(dir, rel, text);
    free(text);
}

START_TEST(firings_are_counted_per_rule)
{
    tp_kb kb;
    tp_engine *e;
    tu_open_kb(&kb, &e);
    tp_judge *j = tp_judge_new(&kb, e);
    tp_case c;
    tu_case(&c, &kb, home_case);
    tp_result r;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_engine_firings(e, "technique-roller"), 0);
    tp_engine_count_firings(e, 1);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_str_eq(r.level->id, "home");
    ck_assert_int_eq(tp_engine_firings(e, "home-when-no-flag"), 1);
    ck_assert_int_eq(tp_engine_firings(e, "technique-roller"), 1);
    ck_assert_int_eq(tp_engine_firings(e, "red-flag-gamma"), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    /* the same answers stay in the engine: nothing is derived again */
    ck_assert_int_eq(tp_engine_firings(e, "technique-roller"), 1);
    /* one answer changed: only what rests on it is derived again */
    tp_case_forget(&c, tp_kb_question_index(&kb, "firmness"));
    ck_assert_int_eq(tp_case_answer_text(&c, &kb, "firmness", "soft", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_ptr_null(tp_result_find(&r, "technique", "roller"));
    tp_case_forget(&c, tp_kb_question_index(&kb, "firmness"));
    ck_assert_int_eq(tp_case_answer_text(&c, &kb, "firmness", "medium", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_int_eq(tp_engine_firings(e, "technique-roller"), 2);
    ck_assert_int_eq(tp_engine_firings(e, "home-when-no-flag"), 1);
    tp_engine_count_firings(e, 0);
    tp_case_forget(&c, tp_kb_question_index(&kb, "firmness"));
    ck_assert_int_eq(tp_case_answer_text(&c, &kb, "firmness", "soft", 0, &err), 0);
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_int_eq(tp_engine_firings(e, "technique-roller"), 2);
    tp_case_free(&c);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

static const tp_rule_desc *find_rule(const tp_rule_set *rs, const char *name)
{
    for (int i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i].name, name) == 0)
            return &rs->rules[i];
    return NULL;
}

START_TEST(rules_are_described_from_their_text)
{
    tp_kb kb;
    tp_engine *e;
    tu_open_kb(&kb, &e);
    tp_rule_set rs;
    tp_rules_describe(&kb, e, &rs);
    ck_assert_int_gt(rs.n, 30);
    const tp_rule_desc *r = find_rule(&rs, "red-flag-slow");
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->module, "TRIAGE");
    ck_assert_ptr_nonnull(r->comment);
    ck_assert_int_eq(r->nreads, 2);
    ck_assert(tp_strs_has(r->reads, r->nreads, "days"));
    ck_assert(tp_strs_has(r->reads, r->nreads, "better"));
    ck_assert_int_eq(r->nmakes, 1);
    ck_assert_str_eq(r->makes[0].kind, "red-flag");
    ck_assert_str_eq(r->makes[0].id, "flag-slow");
    ck_assert_str_eq(r->makes[0].rule, "red-flag-slow");
    ck_assert_str_eq(r->makes[0].source, "src-b");
    ck_assert(r->makes[0].has_reason);
    ck_assert_ptr_nonnull(strstr(r->file, "rules/10-triage.clp"));
    /* its line in the file holds its defrule */
    char *text = slurp(kb.dir, "rules/10-triage.clp");
    const char *p = text;
    for (int line = 1; line < r->line; line++)
        p = strchr(p, '\n') + 1;
    ck_assert(strncmp(p, "(defrule TRIAGE::red-flag-slow", 30) == 0);
    free(text);
    /* a rule blocked by restrictions needs them absent */
    r = find_rule(&rs, "technique-knuckle");
    ck_assert_ptr_nonnull(r);
    int blocked = 0;
    for (int i = 0; i < r->nneeds; i++)
        blocked += r->needs[i].negated && strcmp(r->needs[i].id, "no-deep") == 0;
    ck_assert_int_eq(blocked, 1);
    ck_assert(tp_strs_has(r->gates, r->ngates, "home"));
    /* the interview rule asks every question asked always */
    r = find_rule(&rs, "ask-while-it-can-change-the-outcome");
    ck_assert_ptr_nonnull(r);
    ck_assert(tp_rule_asks(r, tp_kb_question(&kb, "gamma")));
    ck_assert(!tp_rule_asks(r, tp_kb_question(&kb, "better")));
    tp_rules_free(&rs);
    tp_engine_free(e);
    tp_kb_close(&kb);
}
END_TEST

START_TEST(refused_functions_are_found_at_their_line)
{
    tp_buf out = {0};
    const char *text = ";; (system \"in a comment\")\n"
                       "(defrule TRIAGE::x \"c\"\n"
                       "   (answer (question gamma) (value yes))\n"
                       "   =>\n"
                       "   (printout t \"(system in a string)\")\n"
                       "   (system \"ls\")\n"
                       "   ( eval \"(+ 1 2)\"))\n";
    ck_assert_int_eq(tp_check_scan("r.clp", text, &out), 3);
    ck_assert_ptr_nonnull(strstr(out.data, "r.clp:5: uses 'printout'"));
    ck_assert_ptr_null(strstr(out.data, "r.clp:1:"));
    ck_assert_ptr_nonnull(strstr(out.data, "r.clp:6: uses 'system'"));
    ck_assert_ptr_nonnull(strstr(out.data, "r.clp:7: uses 'eval'"));
    tp_buf_free(&out);
    ck_assert_int_eq(tp_check_scan("r.clp", "(defrule a \"b\" (answer) => (assert (x)))", &out), 0);
    tp_buf_free(&out);
    /* the same list the engine's sandbox refuses: loops and recursion too */
    ck_assert_int_eq(
        tp_check_scan("r.clp", "(deffunction f () (f))\n(defrule a (x) => (while TRUE))", &out), 2);
    ck_assert_ptr_nonnull(strstr(out.data, "r.clp:1: uses 'deffunction'"));
    ck_assert_ptr_nonnull(strstr(out.data, "r.clp:2: uses 'while'"));
    tp_buf_free(&out);
}
END_TEST

START_TEST(syntax_error_names_the_exact_line)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/15-broken.clp",
             ";;; a broken rule\n"
             "\n"
             "(defrule TRIAGE::broken\n"
             "   \"Concludes with a slot the template does not have.\"\n"
             "   (answer (question gamma) (value yes))\n"
             "   =>\n"
             "   (assert (conclusion (kind red-flag) (colour blue))))\n");
    tp_kb kb;
    tp_engine *e = NULL;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_kb_open(&kb, dir, &e, &err), -1);
    ck_assert_msg(strstr(err.msg, "rules/15-broken.clp:7: ") != NULL, "got: %s", err.msg);
    ck_assert_msg(strstr(err.msg, "colour") != NULL, "CLIPS names the slot: %s", err.msg);
}
END_TEST

START_TEST(static_checks_find_missing_parts)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/15-incomplete.clp",
             "(defrule TRIAGE::no-comment\n"
             "   (answer (question gamma) (value yes))\n"
             "   =>\n"
             "   (assert (conclusion (kind red-flag) (id made-up) (rule other-name)\n"
             "      (reason \"r\") (source no-such-source))))\n");
    tu_world w;
    tu_world_open(&w, dir);
    tp_buf errors = {0}, notes = {0};
    int bad = tp_check_static(w.t, &errors, &notes);
    ck_assert_int_eq(bad, 6);
    ck_assert_ptr_nonnull(
        strstr(errors.data, "15-incomplete.clp:1: rule no-comment has no comment"));
    /* a red flag needs a flag-level fact and a safety floor */
    ck_assert_ptr_nonnull(strstr(errors.data, "15-incomplete.clp:1: rule no-comment concludes "
                                              "red-flag made-up, which has no flag-level fact"));
    ck_assert_ptr_nonnull(strstr(errors.data, "red-flag made-up, which has no safety floor"));
    ck_assert_ptr_nonnull(strstr(errors.data, "(rule other-name); it must name the rule itself"));
    ck_assert_ptr_nonnull(strstr(errors.data, "cites source no-such-source"));
    ck_assert_ptr_nonnull(strstr(errors.data, "concludes red-flag made-up, which has no text"));
    tp_buf_free(&errors);
    tp_buf_free(&notes);
    tu_world_close(&w);
}
END_TEST

START_TEST(fixture_kb_is_clean_and_unreached_text_is_noted)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_buf errors = {0}, notes = {0};
    ck_assert_msg(tp_check_static(w.t, &errors, &notes) == 0, "%s", errors.data);
    tp_buf_free(&errors);
    tp_buf_free(&notes);
    tu_world_close(&w);

    const char *dir = tu_copy_kb();
    drop_construct(dir, "rules/10-triage.clp", "(defrule TRIAGE::red-flag-beta");
    tu_world_open(&w, dir);
    tp_check_static(w.t, &errors, &notes);
    ck_assert_ptr_nonnull(notes.data);
    ck_assert_ptr_nonnull(strstr(notes.data, "no rule can reach red-flag beta"));
    ck_assert_ptr_nonnull(strstr(notes.data, "question beta is asked but no rule reads"));
    tp_buf_free(&errors);
    tp_buf_free(&notes);
    tu_world_close(&w);
}
END_TEST

START_TEST(safety_holds_on_the_fixture_kb)
{
    tp_kb kb;
    tu_open_kb(&kb, NULL);
    tp_verify_opts o = {2000, 2, 3, 0, 0};
    tp_verify_stats st;
    tp_buf out = {0};
    tp_error err = {{0}};
    int rv = tp_verify_safety(&kb, &o, &st, &out, &err);
    ck_assert_msg(rv == 0, "%s %s", err.msg, out.data ? out.data : "");
    ck_assert_int_eq(st.violations, 0);
    ck_assert_int_ge(st.exhaustive, 1);
    ck_assert_int_eq(st.combinations, st.space * st.rows);
    ck_assert_int_gt(st.extra, 0);
    tp_buf_free(&out);
    tp_kb_close(&kb);
}
END_TEST

START_TEST(removed_red_flag_rule_gives_a_counterexample)
{
    const char *dir = tu_copy_kb();
    drop_construct(dir, "rules/10-triage.clp", "(defrule TRIAGE::red-flag-gamma");
    tp_kb kb;
    tp_error err = {{0}};
    ck_assert_msg(tp_kb_open(&kb, dir, NULL, &err) == 0, "%s", err.msg);
    tp_verify_opts o = {2000, 1, 2, 0, 0};
    tp_verify_stats st;
    tp_buf out = {0};
    ck_assert_int_eq(tp_verify_safety(&kb, &o, &st, &out, &err), 1);
    ck_assert_int_gt(st.violations, 0);
    ck_assert_ptr_nonnull(strstr(out.data, "gamma = "));
    ck_assert_ptr_nonnull(strstr(out.data, "calls for level soon or more urgent"));
    /* the counterexample is a symptom file that fails its expectation */
    const char *body = strstr(out.data, "---\n") + 4;
    const char *end = strstr(body, "--- end");
    tp_case c;
    tp_case_init(&c, "counterexample");
    ck_assert_int_eq(tp_symfile_parse(&c, &kb, "cx", body, (size_t)(end - body), &err), 0);
    ck_assert_int_ge(c.nexpects, 1);
    tp_engine *e = tp_kb_engine(&kb, &err);
    tp_judge *j = tp_judge_new(&kb, e);
    tp_result r;
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    tp_buf diff = {0};
    ck_assert_int_ge(tp_result_check(&kb, &c, &r, &diff), 1);
    tp_buf_free(&diff);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_case_free(&c);
    tp_buf_free(&out);
    tp_kb_close(&kb);
}
END_TEST

START_TEST(graph_links_questions_rules_and_conclusions)
{
    tu_world w;
    tu_world_open(&w, NULL);
    tp_buf out = {0};
    tp_graph_dot(w.t, &out);
    ck_assert_ptr_nonnull(strstr(out.data, "digraph kb {"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"q:gamma\" -> \"r:red-flag-gamma\";"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"r:red-flag-gamma\" -> \"c:red-flag:gamma\";"));
    ck_assert_ptr_nonnull(strstr(out.data, "\"c:red-flag:gamma\" -> \"c:level:soon\""));
    int open = 0;
    for (const char *p = out.data; *p; p++)
        open += (*p == '{') - (*p == '}');
    ck_assert_int_eq(open, 0);
    tp_buf_free(&out);
    tu_world_close(&w);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("check");
    TCase *t = tcase_create("check");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, firings_are_counted_per_rule);
    tcase_add_test(t, rules_are_described_from_their_text);
    tcase_add_test(t, refused_functions_are_found_at_their_line);
    tcase_add_test(t, syntax_error_names_the_exact_line);
    tcase_add_test(t, static_checks_find_missing_parts);
    tcase_add_test(t, fixture_kb_is_clean_and_unreached_text_is_noted);
    tcase_add_test(t, safety_holds_on_the_fixture_kb);
    tcase_add_test(t, removed_red_flag_rule_gives_a_counterexample);
    tcase_add_test(t, graph_links_questions_rules_and_conclusions);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return tu_run(suite()) ? 1 : 0;
}
