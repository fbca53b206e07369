/* test_choices.c: the answer normaliser (what people type -> answer ids) and
 * the reading of choice and number-unit facts, on a small fixture knowledge
 * base of its own, so that a change of the clinical one breaks nothing here. */
#include "testutil.h"

#include "choices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The fixture: the host's schema, three questions, their words. */
static const char fixture[] =
    "(deffacts MAIN::fixture\n"
    "   (level (id stop) (rank 1) (title \"Stop\") (todo \"t\"))\n"
    "   (level (id go) (rank 2) (title \"Go\") (todo \"t\"))\n"
    "   (question (id sign) (order 1) (kind choice) (values yes no unsure not-tried) (safety yes)\n"
    "      (when always) (text \"A sign?\") (help \"h\"))\n"
    "   (question (id kit) (order 2) (kind multi) (values small-ball big-ball roller none)\n"
    "      (safety no) (when always) (text \"What kit?\") (help \"h\"))\n"
    "   (question (id days) (order 3) (kind number) (min 0) (max 365) (safety no)\n"
    "      (when always) (text \"How many days?\") (help \"h\")))\n"
    "(deftemplate MAIN::choice (slot question) (slot value) (slot label (default \"\"))\n"
    "   (multislot words))\n"
    "(deftemplate MAIN::number-unit (slot question) (slot word) (slot factor (default 1)))\n"
    "(deffacts MAIN::words\n"
    "   (choice (question any) (value yes) (label \"Yes\") (words \"y\" \"yeah\"))\n"
    "   (choice (question any) (value no) (label \"No\") (words \"n\" \"nope\"))\n"
    "   (choice (question any) (value unsure) (label \"Not sure\") (words \"dont know\"))\n"
    "   (choice (question any) (value not-tried) (label \"Not tried yet\") (words \"not tried\"))\n"
    "   (choice (question kit) (value small-ball) (label \"A small ball\") (words \"tennis "
    "ball\"))\n"
    "   (choice (question kit) (value big-ball) (label \"A big ball\"))\n"
    "   (choice (question kit) (value roller) (label \"A foam roller\") (words \"foam\"))\n"
    "   (choice (question kit) (value none) (label \"None of these\") (words \"nothing\"))\n"
    "   (number-unit (question days) (word \"days\"))\n"
    "   (number-unit (question days) (word \"week\") (factor 7))\n"
    "   (number-unit (question days) (word \"weeks\") (factor 7)))\n";

static char dir[256];
static tu_world w;

/* A fixture knowledge base in a new folder, with extra facts appended. */
static const char *make_kb(const char *extra)
{
    snprintf(dir, sizeof dir, "/tmp/tp-choices-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char sub[600];
    snprintf(sub, sizeof sub, "mkdir '%s/rules' '%s/facts'", dir, dir);
    ck_assert_int_eq(system(sub), 0);
    size_t len;
    tp_error err = {{0}};
    char *schema = tp_read_file(TP_FIXTURE_KB "/rules/00-schema.clp", 1 << 20, &len, &err);
    ck_assert_msg(schema != NULL, "%s", err.msg);
    tu_write(dir, "rules/00-schema.clp", schema);
    free(schema);
    char facts[sizeof fixture + 1024];
    snprintf(facts, sizeof facts, "%s%s", fixture, extra);
    tu_write(dir, "facts/fixture.clp", facts);
    return dir;
}

static void setup(void)
{
    tu_world_open(&w, make_kb(""));
}

static void teardown(void)
{
    tu_world_close(&w);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* What typed becomes for question id. */
static const char *norm(const char *id, const char *typed)
{
    static char out[512];
    const tp_question *q = tp_kb_question(w.kb, id);
    ck_assert_ptr_nonnull(q);
    tp_answer_normalise(q, typed, out, sizeof out);
    return out;
}

START_TEST(fold)
{
    char out[64];
    tp_fold("  Tennis  BALL. ", out, sizeof out);
    ck_assert_str_eq(out, "tennis-ball");
    tp_fold("not_tried!", out, sizeof out);
    ck_assert_str_eq(out, "not-tried");
    tp_fold("--a - b--", out, sizeof out);
    ck_assert_str_eq(out, "a-b");
    tp_fold("", out, sizeof out);
    ck_assert_str_eq(out, "");
    tp_fold("abcdef", out, 4);
    ck_assert_str_eq(out, "abc");
}
END_TEST

START_TEST(case_space_and_hyphen)
{
    ck_assert_str_eq(norm("sign", "No"), "no");
    ck_assert_str_eq(norm("sign", "NO"), "no");
    ck_assert_str_eq(norm("sign", " yes "), "yes");
    ck_assert_str_eq(norm("sign", "not tried"), "not-tried");
    ck_assert_str_eq(norm("sign", "Not-Tried"), "not-tried");
    ck_assert_str_eq(norm("kit", "Small Ball"), "small-ball");
}
END_TEST

START_TEST(numbers_labels_words_prefixes)
{
    ck_assert_str_eq(norm("sign", "1"), "yes");
    ck_assert_str_eq(norm("sign", "3"), "unsure");
    ck_assert_str_eq(norm("sign", "Not sure"), "unsure");  /* label */
    ck_assert_str_eq(norm("sign", "dont know"), "unsure"); /* an "any" word */
    ck_assert_str_eq(norm("sign", "n"), "no");
    ck_assert_str_eq(norm("sign", "ye"), "yes"); /* the start of one id */
    ck_assert_str_eq(norm("kit", "tennis ball"), "small-ball");
    ck_assert_str_eq(norm("kit", "a foam roller"), "roller"); /* label */
    ck_assert_str_eq(norm("kit", "nothing"), "none");
}
END_TEST

START_TEST(multi_answers)
{
    ck_assert_str_eq(norm("kit", "1, 3"), "small-ball, roller");
    ck_assert_str_eq(norm("kit", "1 3"), "small-ball, roller");
    ck_assert_str_eq(norm("kit", "tennis ball and foam"), "small-ball, roller");
    ck_assert_str_eq(norm("kit", "Big Ball; roller / 1"), "big-ball, roller, small-ball");
    ck_assert_str_eq(norm("kit", "1, 1, small ball"), "small-ball");
}
END_TEST

/* What matches nothing is kept, so that the reader names it; nothing
 * ambiguous or out of range is guessed. */
START_TEST(no_guessing)
{
    ck_assert_str_eq(norm("sign", "maybe so"), "maybe so");
    ck_assert_str_eq(norm("sign", "not"), "not"); /* not-tried or Not sure */
    ck_assert_str_eq(norm("sign", "5"), "5");
    ck_assert_str_eq(norm("sign", "0"), "0");
    ck_assert_str_eq(norm("sign", ""), "");
    ck_assert_str_eq(norm("kit", "ball"), "ball"); /* neither id starts so; both labels hold it */
    ck_assert_str_eq(norm("kit", "small-ball, kettlebell"), "small-ball, kettlebell");
}
END_TEST

START_TEST(numbers_with_units)
{
    ck_assert_str_eq(norm("days", "7"), "7");
    ck_assert_str_eq(norm("days", "7 days"), "7");
    ck_assert_str_eq(norm("days", "7 Days"), "7");
    ck_assert_str_eq(norm("days", "2 weeks"), "14");
    ck_assert_str_eq(norm("days", "1 week"), "7");
    ck_assert_str_eq(norm("days", "7 fortnights"), "7 fortnights");
    ck_assert_str_eq(norm("days", "-3"), "-3");
    ck_assert_str_eq(norm("days", "seven"), "seven");
    ck_assert_str_eq(norm("days", "99999999999 weeks"), "99999999999 weeks");
}
END_TEST

/* Every normalised answer is one the case reader takes. */
START_TEST(reader_takes_the_result)
{
    const char *typed[][2] = {{"sign", "Nope"},       {"sign", "Not Tried"}, {"kit", "1 2 3"},
                              {"kit", "tennis ball"}, {"days", "3 weeks"},   {"sign", "Y"}};
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        tp_case c;
        tp_error err = {{0}};
        tp_case_init(&c, "t");
        ck_assert_msg(tp_case_answer_text(&c, w.kb, typed[i][0], norm(typed[i][0], typed[i][1]), 0,
                                          &err) == 0,
                      "%s: %s", typed[i][1], err.msg);
        tp_case_free(&c);
    }
}
END_TEST

START_TEST(labels_are_read)
{
    const tp_question *q = tp_kb_question(w.kb, "kit");
    ck_assert_str_eq(q->labels[0], "A small ball");
    ck_assert_str_eq(q->labels[3], "None of these");
    q = tp_kb_question(w.kb, "sign");
    ck_assert_str_eq(q->labels[2], "Not sure");
}
END_TEST

/* Facts that would make an answer mean two things, or name what is not
 * there, refuse the knowledge base with a message that says so. */
static void refused(const char *extra, const char *want)
{
    tp_kb kb;
    tp_engine *e = NULL;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_kb_open(&kb, make_kb(extra), &e, &err), -1);
    ck_assert_msg(strstr(err.msg, want) != NULL, "got: %s", err.msg);
    char cmd[320];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(bad_facts_refused)
{
    refused("(deffacts MAIN::bad (choice (question kit) (value big-ball) (words \"foam\")))",
            "the word \"foam\" would mean both roller and big-ball for question kit");
    refused("(deffacts MAIN::bad (choice (question kat) (value none)))",
            "a choice names the question kat, which is not a question");
    refused("(deffacts MAIN::bad (choice (question kit) (value yes)))",
            "a choice names the value yes, which that question does not have");
    refused("(deffacts MAIN::bad (number-unit (question kit) (word \"x\")))",
            "a number-unit names kit, which is not a question answered by a number");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("choices");
    TCase *t = tcase_create("normaliser");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, fold);
    tcase_add_test(t, case_space_and_hyphen);
    tcase_add_test(t, numbers_labels_words_prefixes);
    tcase_add_test(t, multi_answers);
    tcase_add_test(t, no_guessing);
    tcase_add_test(t, numbers_with_units);
    tcase_add_test(t, reader_takes_the_result);
    tcase_add_test(t, labels_are_read);
    tcase_add_test(t, bad_facts_refused);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
