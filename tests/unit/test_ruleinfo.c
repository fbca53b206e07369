/* test_ruleinfo.c: the one reader of CLIPS source text on a small fixture of
 * rule texts: names, comments, conditions counted as the engine counts them,
 * what each condition reads, what a rule concludes and asks, constraints,
 * and the heads of lists with their lines. Needs no knowledge base. */
#include "ruleinfo.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fixture_text =
    "(defmodule MAIN (export ?ALL))\n"
    "(deftemplate MAIN::answer (slot question) (multislot value))\n"
    "(deftemplate MAIN::conclusion (slot kind) (slot id) (slot rule) (slot reason) (slot "
    "source))\n"
    "(deftemplate MAIN::disposition (slot level))\n"
    "(deftemplate MAIN::ask (slot question))\n"
    "(defmodule T (import MAIN ?ALL))\n"
    "(defrule T::flag-a \"A says why; with \\\"quotes\\\".\"\n"
    "   (logical (answer (question a) (value yes|unsure))\n"
    "            (answer (question n) (value ?d&:(integerp ?d)&:(>= ?d 3)))\n"
    "            (test (> 1 0))\n"
    "            (not (conclusion (kind restriction) (id no-a|no-b))))\n"
    "   =>\n"
    "   (assert (conclusion (kind red-flag) (id a) (rule flag-a) (reason \"r\") (source s1))))\n"
    "(defrule T::advice\n"
    "   (declare (salience 5))\n"
    "   (disposition (level self-care|gentle))\n"
    "   (answer (question kit) (value $? ball|roller $?))\n"
    "   (not (and (conclusion (kind level) (id ?l)) (disposition (level ?l))))\n"
    "   =>\n"
    "   (assert (ask (question b))))\n";

static void open_fixture(tp_engine **e, tp_rule_set *rs)
{
    char err[512];
    static tp_kb kb; /* no files: rules are not located */
    *e = tp_engine_new();
    ck_assert_ptr_nonnull(*e);
    ck_assert_msg(tp_engine_load(*e, "fixture.clp", fixture_text, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(tp_rules_describe(&kb, *e, rs), 0);
}

START_TEST(conditions_are_counted_as_the_engine_counts_them)
{
    tp_engine *e;
    tp_rule_set rs;
    open_fixture(&e, &rs);
    const tp_rule_desc *a = tp_rules_find(&rs, "flag-a"), *b = tp_rules_find(&rs, "advice");
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(tp_rules_find(&rs, "none"));
    ck_assert_str_eq(a->module, "T");
    /* the patterns inside (logical ...) one by one, the test not at all */
    ck_assert_int_eq(a->nconds, 3);
    int sat = 0, total = 0;
    ck_assert_int_eq(tp_engine_rule_progress(e, "flag-a", &sat, &total), 0);
    ck_assert_int_eq(total, a->nconds);
    ck_assert_str_eq(a->conds[0].tmpl, "answer");
    ck_assert_str_eq(a->conds[0].question, "a");
    ck_assert_str_eq(a->conds[0].value, "yes|unsure");
    ck_assert_str_eq(a->conds[0].text, "(answer (question a) (value yes|unsure))");
    ck_assert_str_eq(a->conds[1].value, "?d&:(integerp ?d)&:(>= ?d 3)");
    ck_assert(a->conds[2].negated);
    ck_assert_str_eq(a->conds[2].tmpl, "conclusion");
    ck_assert_str_eq(a->conds[2].kind, "restriction");
    ck_assert_str_eq(a->conds[2].id, "no-a|no-b");
    /* what it concludes */
    const tp_rule_make *m = tp_rule_concludes(a);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->kind, "red-flag");
    ck_assert_str_eq(m->id, "a");
    ck_assert_str_eq(m->source, "s1");
    ck_assert_int_eq(a->nreads, 2);
    ck_assert_ptr_nonnull(strstr(a->comment, "A says why"));
    /* declare is no condition; a (not (and ...)) is one */
    ck_assert_int_eq(tp_engine_rule_progress(e, "advice", &sat, &total), 0);
    ck_assert_int_eq(b->nconds, 3);
    ck_assert_int_eq(total, b->nconds);
    ck_assert_str_eq(b->conds[0].tmpl, "disposition");
    ck_assert_str_eq(b->conds[0].level, "self-care|gentle");
    ck_assert_str_eq(b->conds[1].value, "$? ball|roller $?");
    ck_assert(b->conds[2].negated);
    ck_assert_ptr_null(b->conds[2].tmpl);
    ck_assert_ptr_null(tp_rule_concludes(b));
    ck_assert_int_eq(b->nasks, 1);
    ck_assert_str_eq(b->asks[0], "b");
    ck_assert_ptr_null(b->file); /* not found in any file of the kb */
    tp_rules_free(&rs);
    tp_engine_free(e);
}
END_TEST

START_TEST(constraints_admit_values)
{
    ck_assert_int_eq(tp_constraint_admits("yes|unsure", "unsure"), 1);
    ck_assert_int_eq(tp_constraint_admits("yes|unsure", "no"), 0);
    ck_assert_int_eq(tp_constraint_admits("~moderate&~tolerates-deep", "gentle"), 1);
    ck_assert_int_eq(tp_constraint_admits("~moderate&~tolerates-deep", "moderate"), 0);
    ck_assert_int_eq(tp_constraint_admits("$? ball|roller $?", "roller"), 1);
    ck_assert_int_eq(tp_constraint_admits("?d&:(>= ?d 3)", "x"), -1);
    ck_assert_int_eq(tp_constraint_admits("?x", "anything"), 1);
}
END_TEST

struct heads {
    char words[16][32]; /* the heads */
    int lines[16];      /* their lines */
    int n;              /* how many */
};

static void head(void *ud, const char *word, int line)
{
    struct heads *h = ud;
    if (h->n < 16) {
        snprintf(h->words[h->n], sizeof h->words[h->n], "%s", word);
        h->lines[h->n++] = line;
    }
}

START_TEST(heads_skip_comments_and_strings)
{
    struct heads h = {0};
    tp_clips_heads("; (system x)\n(defrule r \"(eval\n it)\"\n  ( x;y\n)\n (z))", head, &h);
    ck_assert_int_eq(h.n, 3);
    ck_assert_str_eq(h.words[0], "defrule");
    ck_assert_int_eq(h.lines[0], 2);
    ck_assert_str_eq(h.words[1], "x");
    ck_assert_int_eq(h.lines[1], 4);
    ck_assert_str_eq(h.words[2], "z");
    ck_assert_int_eq(h.lines[2], 6);
}
END_TEST

int main(void)
{
    const TTest *const tests[] = {conditions_are_counted_as_the_engine_counts_them,
                                  constraints_admit_values, heads_skip_comments_and_strings};
    Suite *s = suite_create("ruleinfo");
    TCase *t = tcase_create("ruleinfo");
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
        tcase_add_test(t, tests[i]);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
