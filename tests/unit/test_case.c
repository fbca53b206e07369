/* test_case.c: the symptom-file parser and answer validation. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

static tu_world w; /* the fixture knowledge base, opened for each test */

static void setup(void)
{
    tu_world_open(&w, NULL);
}

static void teardown(void)
{
    tu_world_close(&w);
}

/* Parses text; returns the error message ("" when it parsed). */
static const char *parse(tp_case *c, const char *text)
{
    static tp_error err;
    err.msg[0] = 0;
    tp_case_init(c, "f.sym");
    tp_symfile_parse(c, w.kb, "f.sym", text, strlen(text), &err);
    return err.msg;
}

START_TEST(comments_blank_lines_and_spacing)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "# a case\n\n  gamma   =  yes   # inline\r\n\ttemp=42\n"), "");
    ck_assert_int_eq(c.nanswers, 2);
    ck_assert_str_eq(w.kb->questions[c.answers[0].q].id, "gamma");
    ck_assert_str_eq(c.answers[0].vals[0].sym, "yes");
    ck_assert_int_eq(c.answers[0].line, 3);
    ck_assert_ptr_null(c.answers[1].vals[0].sym);
    ck_assert_int_eq((int)c.answers[1].vals[0].num, 42);
    tp_case_free(&c);
}
END_TEST

START_TEST(multi_choice_values)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "spot = upper, middle,edge\n"), "");
    ck_assert_int_eq(c.answers[0].nvals, 3);
    ck_assert_str_eq(c.answers[0].vals[2].sym, "edge");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "spot = upper, , edge\n"),
                     "f.sym:1: spot has an empty value between commas");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "gamma = yes, no\n"),
                     "f.sym:1: gamma takes one value, not 2: give yes, no or unsure");
    tp_case_free(&c);
}
END_TEST

START_TEST(bad_lines_name_file_and_line)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "gamma = yes\ngamma = no\n"),
                     "f.sym:2: gamma is answered twice (first on line 1)");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "\nnope = yes\n"),
                     "f.sym:2: unknown question 'nope' (tptriage questions lists them)");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "gamma yes\n"), "f.sym:1: expected 'question-id = value'");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, " = yes\n"), "f.sym:1: missing question id before '='");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "gamma =\n"), "f.sym:1: gamma has an empty value");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "firmness = unsure\n"),
                     "f.sym:1: 'unsure' is not allowed for firmness: give soft, medium "
                     "or hard");
    tp_case_free(&c);
}
END_TEST

START_TEST(numbers_in_range_only)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "temp = 0\ndays = 365\n"), "");
    tp_case_free(&c);
    const char *bad[] = {"temp = -1\n",   "temp = 121\n",  "temp = 4.5\n",
                         "temp = 1e3\n",  "temp = 0x10\n", "temp = 99999999999999999999\n",
                         "temp = forty\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *msg = parse(&c, bad[i]);
        ck_assert_msg(strstr(msg, "is not allowed for temp: give a whole number from 0 to 120"),
                      "%s -> %s", bad[i], msg);
        tp_case_free(&c);
    }
}
END_TEST

START_TEST(values_are_the_kb_own_symbols)
{
    /* nothing typed reaches the engine as text: values point into the kb */
    tp_case c;
    ck_assert_str_eq(parse(&c, "beta = unsure\n"), "");
    const tp_question *q = tp_kb_question(w.kb, "beta");
    int found = 0;
    for (int i = 0; i < q->nvalues; i++)
        found |= c.answers[0].vals[0].sym == q->values[i];
    ck_assert(found);
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "beta = yes) (assert (x))\n"),
                     "f.sym:1: 'yes) (assert (x))' is not allowed for beta: give yes, no or "
                     "unsure");
    tp_case_free(&c);
}
END_TEST

START_TEST(expect_lines)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "expect disposition >= soon\nexpect red-flag = beta\n"
                               "expect technique != wall\nexpect stop-pressing = no\n"),
                     "");
    ck_assert_int_eq(c.nexpects, 4);
    ck_assert_int_eq(c.expects[0].op, TP_EXPECT_GE);
    ck_assert_int_eq(c.expects[2].op, TP_EXPECT_NE);
    ck_assert_int_eq(c.expects[3].line, 4);
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "expect technique = ball-walll\n"),
                     "f.sym:1: 'ball-walll' is not a known technique id");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "expect red-flag >= beta\n"),
                     "f.sym:1: operator '>=' does not apply to red-flag");
    tp_case_free(&c);
    ck_assert(strstr(parse(&c, "expect colour = red\n"), "unknown expect field 'colour'"));
    tp_case_free(&c);
}
END_TEST

START_TEST(utf8_bom_and_limits)
{
    tp_case c;
    ck_assert_str_eq(parse(&c, "\xef\xbb\xbfgamma = no\n"), "");
    tp_case_free(&c);
    ck_assert_str_eq(parse(&c, "gamma = no\n# caf\xe9\n"), "f.sym:2: not UTF-8 text");
    tp_case_free(&c);
    char longline[TP_LINE_MAX + 20];
    memset(longline, '#', sizeof longline - 1);
    longline[sizeof longline - 1] = 0;
    ck_assert_str_eq(parse(&c, longline), "f.sym:1: line longer than 4096 bytes");
    tp_case_free(&c);
    char nul[] = "gamma = no\ntemp = 3\0 0\n";
    tp_error err = {{0}};
    tp_case_init(&c, "f.sym");
    ck_assert_int_eq(tp_symfile_parse(&c, w.kb, "f.sym", nul, sizeof nul - 1, &err), -1);
    ck_assert_str_eq(err.msg, "f.sym:2: not UTF-8 text");
    tp_case_free(&c);
}
END_TEST

START_TEST(write_then_parse)
{
    tp_case c, d;
    ck_assert_str_eq(parse(&c, "spot = edge, upper\ntemp = 7\ngamma = unsure\n"), "");
    tp_buf out = {0};
    tp_symfile_write(&c, w.kb, &out);
    ck_assert_str_eq(out.data, "spot = edge, upper\ntemp = 7\ngamma = unsure\n");
    ck_assert_str_eq(parse(&d, out.data), "");
    ck_assert_int_eq(d.nanswers, 3);
    tp_buf_free(&out);
    tp_case_free(&c);
    tp_case_free(&d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("case");
    TCase *t = tcase_create("parser");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, comments_blank_lines_and_spacing);
    tcase_add_test(t, multi_choice_values);
    tcase_add_test(t, bad_lines_name_file_and_line);
    tcase_add_test(t, numbers_in_range_only);
    tcase_add_test(t, values_are_the_kb_own_symbols);
    tcase_add_test(t, expect_lines);
    tcase_add_test(t, utf8_bom_and_limits);
    tcase_add_test(t, write_then_parse);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
