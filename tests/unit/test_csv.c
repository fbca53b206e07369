/* test_csv.c: the CSV reader (a header row of question ids, one case per
 * record), where a record ends, and the summary counts batch writes. */
#include "testutil.h"

#include "csv.h"
#include "summary.h"

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

/* Reads header and one record (line 2 of c.csv) into c, initialised here;
 * returns the error ("" if none). */
static const char *row(tp_case *c, const char *header, const char *record)
{
    static tp_error err;
    tp_csv_header h;
    err.msg[0] = 0;
    tp_case_init(c, "");
    if (tp_csv_header_parse(&h, w.kb, "c.csv", header, strlen(header), &err) != 0)
        return err.msg;
    int rv = tp_csv_parse(c, w.kb, &h, "c.csv", 2, record, strlen(record), &err);
    ck_assert_int_eq(rv, err.msg[0] ? -1 : 0);
    return err.msg;
}

/* The value texts of c's answer to qid ("upper,edge"), or "-". */
static const char *answer(const tp_case *c, const char *qid)
{
    static char out[512];
    const tp_answer *a = tp_case_find(c, tp_kb_question_index(w.kb, qid));
    if (!a)
        return "-";
    out[0] = 0;
    for (int i = 0; i < a->nvals; i++) {
        char v[64];
        if (a->vals[i].sym)
            snprintf(v, sizeof v, "%s%s", i ? "," : "", a->vals[i].sym);
        else
            snprintf(v, sizeof v, "%s%lld", i ? "," : "", a->vals[i].num);
        strcat(out, v);
    }
    return out;
}

#define HEAD "id,gamma,temp,spot,first"

START_TEST(cells_as_a_data_frame_writes_them)
{
    tp_case c;
    ck_assert_str_eq(row(&c, HEAD, "c1,no,42,\"upper, edge\",yes"), "");
    ck_assert_str_eq(c.name, "c1");
    ck_assert_str_eq(answer(&c, "gamma"), "no");
    ck_assert_str_eq(answer(&c, "temp"), "42");
    ck_assert_str_eq(answer(&c, "spot"), "upper,edge");
    ck_assert_int_eq(c.answers[0].line, 2);
    tp_case_free(&c);
    /* ';' lists, 42.0, TRUE/False, spaces, an empty cell, CR LF, quotes */
    ck_assert_str_eq(row(&c, HEAD "\r", "\"c\"\"2\", TRUE ,42.00,upper;middle,\r"), "");
    ck_assert_str_eq(c.name, "c\"2");
    ck_assert_str_eq(answer(&c, "gamma"), "yes");
    ck_assert_str_eq(answer(&c, "temp"), "42");
    ck_assert_str_eq(answer(&c, "spot"), "upper,middle");
    ck_assert_str_eq(answer(&c, "first"), "-");
    tp_case_free(&c);
    /* a list over lines of one cell; without a name column, FILE:LINE */
    ck_assert_str_eq(row(&c, "spot,first", "\"upper,\nedge\nlower\",False"), "");
    ck_assert_str_eq(c.name, "c.csv:2");
    ck_assert_str_eq(answer(&c, "spot"), "upper,edge,lower");
    ck_assert_str_eq(answer(&c, "first"), "no");
    tp_case_free(&c);
    /* "case" names the case too; an empty name keeps FILE:LINE */
    ck_assert_str_eq(row(&c, "gamma,case", "no,"), "");
    ck_assert_str_eq(c.name, "c.csv:2");
    tp_case_free(&c);
}
END_TEST

START_TEST(bad_records_name_file_and_line)
{
    static const char *const bad[][2] = {
        {"c1,maybe,1,,", "c.csv:2: 'maybe' is not allowed for gamma: give yes, no or unsure"},
        {"c1,no,1.5,,",
         "c.csv:2: '1.5' is not allowed for temp: give a whole number from 0 to 120"},
        {"c1,no,1,,true", ""},
        {"c1,no,1,,", ""},
        {"c1,no,1,", "c.csv:2: 4 fields, but the header has 5 columns"},
        {"c1,no,1,,,", "c.csv:2: 6 fields, but the header has 5 columns"},
        {"c1,no,\"1\"x,,", "c.csv:2: column 3: text after a closing quote"},
        {"c1,n\"o,1,,", "c.csv:2: column 2: a quote inside an unquoted field"},
        {"c1,no,\"1,,", "c.csv:2: column 3: a quoted field has no closing quote"},
        {"c1,yes;no,1,,", "c.csv:2: 'yes;no' is not allowed for gamma"},
        {"c1,\"yes,no\",1,,", "c.csv:2: gamma takes one value, not 2"},
        {"c1,,,upper;;edge,", "c.csv:2: spot has an empty value between commas"},
        {"c1,no,(assert (x)),,", "c.csv:2: '(assert (x))' is not allowed for temp"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        tp_case c;
        const char *e = row(&c, HEAD, bad[i][0]);
        if (!*bad[i][1])
            ck_assert_msg(!*e, "%s: %s", bad[i][0], e);
        else
            ck_assert_msg(strncmp(e, bad[i][1], strlen(bad[i][1])) == 0, "%s: got %s", bad[i][0],
                          e);
        tp_case_free(&c);
    }
}
END_TEST

START_TEST(headers)
{
    tp_case c;
    ck_assert_str_eq(row(&c, "id,numbnes", "a,no"),
                     "c.csv:1: column 2: unknown question 'numbnes' (tptriage questions lists "
                     "them); the header row holds question ids, and id or case for the column "
                     "naming the case");
    tp_case_free(&c);
    ck_assert_str_eq(row(&c, "gamma, temp ,gamma", "no,1,no"),
                     "c.csv:1: column 3: 'gamma' is column 1 already");
    tp_case_free(&c);
    ck_assert_str_eq(row(&c, "id,gamma,case", "a,no,b"),
                     "c.csv:1: column 3: a second column naming the case (id or case)");
    tp_case_free(&c);
    ck_assert_str_eq(row(&c, "\"num\"\"bness\"", "no"),
                     "c.csv:1: column 1: unknown question 'num\"bness' (tptriage questions lists "
                     "them); the header row holds question ids, and id or case for the column "
                     "naming the case");
    tp_case_free(&c);
    tp_buf b = {0};
    for (int i = 0; i <= TP_CSV_MAX_COLUMNS; i++)
        tp_buf_puts(&b, i ? ",x" : "x");
    tp_csv_header h;
    tp_error err = {{0}};
    ck_assert_int_eq(tp_csv_header_parse(&h, w.kb, "c.csv", b.data, b.len, &err), -1);
    ck_assert_str_eq(err.msg, "c.csv:1: more than 256 columns");
    tp_buf_free(&b);
}
END_TEST

/* A record goes on while a quoted field is open, whatever quotes an
 * unquoted field holds. */
START_TEST(where_a_record_ends)
{
    static const struct {
        const char *line;
        int open;
    } lines[] = {
        {"a,b,c", 0},       {"a,\"b", 1},       {"a,\"b\"", 0},    {"a,\"b\"\"", 1},
        {"a,\"b\"\"\"", 0}, {"a,b\"c,d", 0},    {"\"", 1},         {"\"\"", 0},
        {"a,\"b,c", 1},     {"a,\"b\",\"c", 1}, {"a,\"b\"x\"", 0}, {"", 0},
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        ck_assert_msg((tp_csv_scan(0, lines[i].line, strlen(lines[i].line)) == TP_CSV_OPEN) ==
                          lines[i].open,
                      "%s", lines[i].line);
    /* the next line of an open record continues the quoted field */
    int st = tp_csv_scan(0, "a,\"b", 4);
    ck_assert_int_eq(tp_csv_scan(st, "\nstill, \"\"in", 12), TP_CSV_OPEN);
    ck_assert_int_ne(tp_csv_scan(st, "\nout\",c", 7), TP_CSV_OPEN);
}
END_TEST

/* Counts by key, and the summary: levels by urgency, JSON with every level. */
START_TEST(summary_counts)
{
    tp_counts c = {0};
    char key[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "error kind %d", i % 300);
        tp_counts_add(&c, key, strlen(key));
    }
    tp_counts_add(&c, "level home", 10);
    tp_counts_add(&c, "level urgent", 12);
    tp_counts_add(&c, "level home", 10);
    ck_assert_int_eq(c.n, 302);
    ck_assert_int_eq(tp_counts_get(&c, "error kind 7"), 4);
    ck_assert_int_eq(tp_counts_get(&c, "error kind 299"), 3);
    ck_assert_int_eq(tp_counts_get(&c, "level home"), 2);
    ck_assert_int_eq(tp_counts_get(&c, "nothing"), 0);
    tp_buf b = {0};
    tp_totals t = {1002, 1000, 0};
    tp_summary_json(w.kb, &c, &t, &b);
    static const char want[] = "{\"cases\":1002,\"bad_input\":1000,\"failed_expectations\":0,"
                               "\"levels\":{\"urgent\":1,\"soon\":0,\"careful\":0,"
                               "\"home\":2},\"red_flags\":{},"
                               "\"techniques\":{},\"errors\":{\"kind 0\":4,";
    ck_assert_msg(strncmp(b.data, want, strlen(want)) == 0, "%.300s", b.data);
    ck_assert_ptr_nonnull(strstr(b.data, ",\"kind 299\":3}}\n"));
    tp_buf_free(&b);
    tp_counts_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *t = tcase_create("csv");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, cells_as_a_data_frame_writes_them);
    tcase_add_test(t, bad_records_name_file_and_line);
    tcase_add_test(t, headers);
    tcase_add_test(t, where_a_record_ends);
    tcase_add_test(t, summary_counts);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
