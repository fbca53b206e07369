/* test_limits.c: every limit on input gives a clear error naming file and
 * line, never a crash; text a person typed never reaches the rule engine as
 * code; knowledge bases that loop, recurse or reach outside are stopped.
 * (That a failed save never clobbers the file that was there is tested in
 * test_safewrite.c.) */
#include "testutil.h"

#include "jsonl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static tu_world w; /* the fixture knowledge base, opened for each test */

static void setup(void)
{
    tu_world_open(&w, NULL);
}

static void teardown(void)
{
    tu_world_close(&w);
}

/* Parses symptom-file text of length len; returns the error ("" if none). */
static const char *sym(const char *text, size_t len)
{
    static tp_error err;
    tp_case c;
    err.msg[0] = 0;
    tp_case_init(&c, "f.sym");
    int rv = tp_symfile_parse(&c, w.kb, "f.sym", text, len, &err);
    ck_assert_int_eq(rv, err.msg[0] ? -1 : 0);
    tp_case_free(&c);
    return err.msg;
}

static const char *sym_s(const char *text)
{
    return sym(text, strlen(text));
}

/* Parses one JSON line as line 3 of stdin; returns the error ("" if none). */
static const char *json(const char *text, size_t len)
{
    static tp_error err;
    tp_case c;
    err.msg[0] = 0;
    tp_case_init(&c, "");
    int rv = tp_jsonl_parse(&c, w.kb, "stdin", 3, text, len, &err);
    ck_assert_int_eq(rv, err.msg[0] ? -1 : 0);
    tp_case_free(&c);
    return err.msg;
}

static const char *json_s(const char *text)
{
    return json(text, strlen(text));
}

#define ck_assert_has(hay, needle) ck_assert_msg(strstr(hay, needle) != NULL, "got: %s", hay)

/* A line of exactly TP_LINE_MAX bytes is read; one byte more is refused. */
START_TEST(line_length)
{
    char *t = malloc(TP_LINE_MAX + 64);
    strcpy(t, "gamma = no\n#");
    size_t head = strlen(t);
    memset(t + head, 'x', TP_LINE_MAX - 1);
    t[head + TP_LINE_MAX - 1] = 0;
    ck_assert_str_eq(sym_s(t), "");
    strcat(t, "x\n");
    ck_assert_str_eq(sym_s(t), "f.sym:2: line longer than 4096 bytes");
    free(t);
}
END_TEST

/* A file over TP_SYMFILE_MAX is refused whole, before any line is read,
 * both by the parser and by the reader. */
START_TEST(file_size)
{
    size_t n = TP_SYMFILE_MAX + 1;
    char *t = malloc(n);
    memset(t, '\n', n);
    ck_assert_has(sym(t, n), "f.sym: larger than the limit of 1048576 bytes");
    ck_assert_str_eq(sym(t, n - 1), "");
    char path[] = "/tmp/tptriage-limit-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, t, n), (ssize_t)n);
    close(fd);
    size_t len;
    tp_error err = {{0}};
    ck_assert_ptr_null(tp_read_file(path, TP_SYMFILE_MAX, &len, &err));
    ck_assert_has(err.msg, "larger than the limit of 1048576 bytes");
    unlink(path);
    free(t);
}
END_TEST

/* A case holds at most one answer per question: every question answered,
 * then one more, is refused naming the first line. */
START_TEST(answers_per_case)
{
    tp_buf b = {0};
    for (int i = 0; i < w.kb->nquestions; i++) {
        const tp_question *q = &w.kb->questions[i];
        if (q->kind == TP_Q_NUMBER)
            tp_buf_printf(&b, "%s = %lld\n", q->id, q->min);
        else
            tp_buf_printf(&b, "%s = %s\n", q->id, q->values[0]);
    }
    ck_assert_str_eq(sym(b.data, b.len), "");
    tp_buf_printf(&b, "%s = %s\n", "gamma", "no");
    char want[128];
    snprintf(want, sizeof want, "f.sym:%d: gamma is answered twice (first on line ",
             w.kb->nquestions + 1);
    ck_assert_has(sym(b.data, b.len), want);
    tp_buf_free(&b);
    /* the same in JSON: a key given twice is refused by the parser */
    ck_assert_has(json_s("{\"answers\":{\"gamma\":\"no\",\"gamma\":\"no\"}}"),
                  "stdin:3: not valid JSON: duplicate object key");
}
END_TEST

/* A multi-choice answer has at most TP_MAX_VALUES values, each once. */
START_TEST(values_per_answer)
{
    tp_buf b = {0};
    tp_buf_puts(&b, "spot = ");
    for (int i = 0; i <= TP_MAX_VALUES; i++)
        tp_buf_puts(&b, i ? ",upper" : "upper");
    ck_assert_str_eq(sym(b.data, b.len), "f.sym:1: spot has more than 16 values");
    b.len = 0;
    tp_buf_puts(&b, "{\"answers\":{\"spot\":[");
    for (int i = 0; i <= TP_MAX_VALUES; i++)
        tp_buf_puts(&b, i ? ",\"upper\"" : "\"upper\"");
    tp_buf_puts(&b, "]}}");
    ck_assert_str_eq(json(b.data, b.len), "stdin:3: spot has 17 values; at most 16 are "
                                          "allowed");
    tp_buf_free(&b);
    ck_assert_str_eq(sym_s("spot = upper, upper\n"), "f.sym:1: spot lists 'upper' twice");
    ck_assert_has(sym_s("spot = upper,,edge\n"), "empty value between commas");
    ck_assert_has(sym_s("gamma = yes, no\n"), "gamma takes one value, not 2");
    ck_assert_has(json_s("{\"answers\":{\"spot\":[]}}"), "spot has no value");
}
END_TEST

/* Numbers: digits only, at most TP_NUMBER_DIGITS of them, in range. */
START_TEST(numbers)
{
    static const char *const bad[] = {
        "-1",   "+5",  "0x10",       "1e3",
        "12.5", "121", "1000000000", "99999999999999999999999999999999",
        "",     "4 2", "٣",          "0012345678901",
    };
    ck_assert_str_eq(sym_s("temp = 120\n"), "");
    ck_assert_str_eq(sym_s("temp = 0\n"), "");
    ck_assert_str_eq(sym_s("temp = 007\n"), "");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char line[128];
        snprintf(line, sizeof line, "temp = %s\n", bad[i]);
        const char *e = sym_s(line);
        ck_assert_msg(strncmp(e, "f.sym:1: ", 9) == 0, "%s -> %s", bad[i], e);
    }
    ck_assert_has(json_s("{\"answers\":{\"temp\":-5}}"), "'-5' is not allowed for temp");
    ck_assert_has(json_s("{\"answers\":{\"temp\":9223372036854775807}}"), "not allowed for temp");
    ck_assert_has(json_s("{\"answers\":{\"temp\":99999999999999999999999}}"),
                  "stdin:3: not valid JSON: too big integer");
    ck_assert_str_eq(json_s("{\"answers\":{\"temp\":62.0}}"), "");
    ck_assert_has(json_s("{\"answers\":{\"temp\":62.5}}"), "temp: the value must be");
    ck_assert_has(json_s("{\"answers\":{\"temp\":1e300}}"), "temp: the value must be");
    ck_assert_has(json_s("{\"answers\":{\"temp\":true}}"), "temp is not a yes/no question");
    ck_assert_str_eq(json_s("{\"answers\":{\"temp\":null}}"), "");
    ck_assert_str_eq(json_s("{\"answers\":{\"temp\":\"62\"}}"), "");
}
END_TEST

/* JSON lines: longer than TP_JSON_LINE_MAX, nested deeper than the parser
 * allows, or not an object: each a one-line error naming the line. */
START_TEST(json_lines)
{
    size_t n = TP_JSON_LINE_MAX + 1;
    char *t = malloc(n);
    memset(t, ' ', n);
    ck_assert_str_eq(json(t, n), "stdin:3: line longer than 1048576 bytes");
    size_t depth = 100000;
    for (size_t i = 0; i < depth; i++)
        t[i] = '[';
    ck_assert_has(json(t, depth), "stdin:3: not valid JSON: maximum parsing depth reached");
    free(t);
    ck_assert_has(json_s("[]"), "stdin:3: expected an object");
    ck_assert_has(json_s("{\"answers\":{}, \"x\":1}"), "stdin:3: unknown key \"x\"");
    ck_assert_has(json_s("{\"id\":{\"a\":1},\"answers\":{}}"), "\"id\" must be a string");
    ck_assert_has(json_s("{\"answers\":[]}"), "\"answers\" must be an object");
    ck_assert_has(json_s("{\"answers\":{\"gamma\":\"no\"}} {}"), "not valid JSON");
    char longid[400];
    snprintf(longid, sizeof longid, "{\"id\":\"%0300d\",\"answers\":{}}", 7);
    ck_assert_has(json_s(longid), "at most 255 bytes");
    ck_assert_has(json("{\"answers\":{\"a\0b\":\"no\"}}", 24), "not valid JSON");
    ck_assert_has(json_s("{\"answers\":{\"a\\u0000b\":\"no\"}}"), "not valid JSON");
}
END_TEST

/* The answers of two cases are the same: questions, values, lines. */
static void ck_same_answers(const tp_case *a, const tp_case *b, const char *what)
{
    ck_assert_msg(a->nanswers == b->nanswers, "%s: %d answers vs %d", what, a->nanswers,
                  b->nanswers);
    for (int i = 0; i < a->nanswers; i++) {
        const tp_answer *x = &a->answers[i], *y = &b->answers[i];
        ck_assert_msg(x->q == y->q && x->nvals == y->nvals && x->line == y->line,
                      "%s: answer %d differs", what, i);
        for (int k = 0; k < x->nvals; k++)
            ck_assert_msg(x->vals[k].sym == y->vals[k].sym && x->vals[k].num == y->vals[k].num,
                          "%s: answer %d value %d differs", what, i, k);
    }
}

/* tp_jsonl_parse (fast path for plain lines) and jansson alone give the same
 * return value, error, case name and answers; returns the return value. */
static int ck_agrees(const char *text, size_t len)
{
    tp_case a, b;
    tp_error ea = {{0}}, eb = {{0}};
    char what[200];
    snprintf(what, sizeof what, "line [%.*s]", (int)(len < 150 ? len : 150), text);
    tp_case_init(&a, "");
    tp_case_init(&b, "");
    int ra = tp_jsonl_parse(&a, w.kb, "stdin", 3, text, len, &ea);
    int rb = tp_jsonl_parse_jansson(&b, w.kb, "stdin", 3, text, len, &eb);
    ck_assert_msg(ra == rb, "%s: returns %d, jansson %d", what, ra, rb);
    ck_assert_msg(strcmp(ea.msg, eb.msg) == 0, "%s: error [%s], jansson [%s]", what, ea.msg,
                  eb.msg);
    ck_assert_msg(strcmp(a.name, b.name) == 0, "%s: name [%s], jansson [%s]", what, a.name, b.name);
    ck_same_answers(&a, &b, what);
    tp_case_free(&a);
    tp_case_free(&b);
    return ra;
}

static int ck_agrees_s(const char *text)
{
    return ck_agrees(text, strlen(text));
}

/* The fast path for plain JSON lines reads them exactly as jansson does: the
 * same answers, names and errors (from the case, or jansson's own for lines
 * it leaves to jansson), also for every prefix and one-byte change of a line. */
START_TEST(json_fast_path_agrees_with_jansson)
{
    static const char *const good[] = {
        "{\"id\": \"c1\", \"answers\": {\"gamma\": \"no\", \"days\": 6, "
        "\"spot\": [\"middle\",\"upper\"], \"temp\": 40}}",
        " { \"answers\" : { \"temp\" : -0 , \"kit\" : [ \"none\" , \"ball\" ] } , "
        "\"id\" : -12 }\t\r\n",
        "{\"id\":123456789012345678,\"answers\":{\"gamma\":\"yes\"}}",
        "{\"id\":-0,\"answers\":{}}",
        "{\"id\":\"\",\"answers\":{\"temp\":[40]}}",
        "{\"answers\":{\"temp\":\"62\"}}",
        "{\"answers\":{\"temp\":1e2}}",
        "{\"id\":\"t\",\"answers\":{\"gamma\":true,\"beta\":false,\"temp\":null,"
        "\"spot\":\"upper, edge\",\"kit\":[\"none\"],\"sits\":null}}",
        "{\"answers\":{\"temp\":42.0,\"days\":-0.0,\"first\":true}}",
    };
    static const char *const refused[] = {
        "{}",
        "{\"id\":\"x\"}",
        "{\"answers\":{\"gamma\":\"maybe\"},\"id\":\"late\"}",
        "{\"answers\":{\"gamma\":\"no\",\"nope\":\"no\"},\"id\":7}",
        "{\"answers\":{\"temp\":-5}}",
        "{\"answers\":{\"temp\":121}}",
        "{\"answers\":{\"spot\":[]}}",
        "{\"answers\":{\"spot\":[\"upper\",\"upper\"]}}",
        "{\"answers\":{\"gamma\":[\"no\",\"yes\"]}}",
        "{\"answers\":{\"\":\"no\"}}",
        "{\"answers\":{\"gamma\":\"no\",\"gamma\":\"no\"}}",
        "{\"id\":\"a\",\"id\":\"a\",\"answers\":{}}",
        "{\"answers\":{},\"answers\":{}}",
        "{\"answers\":{\"temp\":1234567890123456789}}",
        "{\"answers\":{\"temp\":-9223372036854775808}}",
        "{\"answers\":{\"temp\":99999999999999999999}}",
        "{\"answers\":{\"temp\":007}}",
        "{\"answers\":{\"temp\":42.5}}",
        "{\"answers\":{\"spot\":[\"upper\",null]}}",
        "{\"answers\":{\"spot\":[true]}}",
        "{\"answers\":{\"firmness\":false}}",
        "{\"answers\":{\"spot\":\"upper,,edge\"}}",
        "{\"answers\":{\"nope\":null}}",
        "{\"answers\":{\"gamma\":nul}}",
        "{\"answers\":{\"gamma\":truex}}",
        "{\"answers\":{\"gamma\":\"no\",}}",
        "{\"answers\":{\"spot\":[\"upper\",]}}",
        "{\"answers\":{}} {}",
        "{\"answers\":{}}\f",
        "{\"answers\":[]}",
        "{\"answers\":\"x\"}",
        "{\"id\":null,\"answers\":{}}",
        "{\"x\":1,\"answers\":{}}",
        "[]",
        "",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        ck_assert_msg(ck_agrees_s(good[i]) == 0, "refused: %s", good[i]);
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        ck_assert_msg(ck_agrees_s(refused[i]) == -1, "accepted: %s", refused[i]);
    /* strings and keys of 255 bytes and more; arrays of 16 values and more */
    tp_buf b = {0};
    for (int n = 254; n <= 257; n++) {
        b.len = 0;
        tp_buf_printf(&b, "{\"id\":\"%0*d\",\"answers\":{\"%0*d\":\"no\"}}", n, 1, n, 2);
        ck_agrees(b.data, b.len);
        b.len = 0;
        tp_buf_printf(&b, "{\"answers\":{\"gamma\":\"%0*d\"}}", n, 3);
        ck_agrees(b.data, b.len);
    }
    for (int n = 15; n <= 17; n++) {
        b.len = 0;
        tp_buf_puts(&b, "{\"answers\":{\"kit\":[");
        for (int i = 0; i < n; i++)
            tp_buf_puts(&b, i ? ",\"none\"" : "\"none\"");
        tp_buf_puts(&b, "]}}");
        ck_agrees(b.data, b.len);
    }
    tp_buf_free(&b);
    /* every prefix, and every byte replaced by each of these */
    static const char subs[] = " \t\r\f\"\\,:{}[]01-a.e\x7f\xc3\x00";
    for (size_t g = 0; g < sizeof good / sizeof *good; g++) {
        char t[512];
        size_t n = strlen(good[g]);
        ck_assert_uint_lt(n, sizeof t);
        memcpy(t, good[g], n);
        for (size_t i = 0; i <= n; i++)
            ck_agrees(t, i);
        for (size_t i = 0; i < n; i++) {
            for (size_t s = 0; s < sizeof subs; s++) {
                char keep = t[i];
                t[i] = subs[s];
                ck_agrees(t, n);
                t[i] = keep;
            }
        }
    }
}
END_TEST

/* A case written plainly, with escapes or with odd spacing is the same case:
 * the lines the fast path leaves to jansson still parse. */
START_TEST(json_escapes_and_spacing_read_the_same)
{
    static const char plain[] = "{\"id\":\"c7\",\"answers\":{\"gamma\":\"no\",\"temp\":0,"
                                "\"spot\":[\"upper\",\"edge\"]}}";
    static const char *const same[] = {
        "{\"id\":\"c\\u0037\",\"answers\":{\"g\\u0061mma\":\"n\\u006f\",\"temp\":0,"
        "\"spot\":[\"upper\",\"edg\\u0065\"]}}",
        "\n{ \"answers\" :\t{ \"gamma\":\"no\" , \"temp\" : -0 ,\"spot\" :"
        "[ \"upper\" ,\r\"edge\" ] } , \"id\" : \"c7\" } \n",
        "{\"id\":\"c7\",\"answers\":{\"gamma\":\"no\",\"temp\":\"0\","
        "\"spot\":[\"upper\",\"edge\"]}}",
    };
    tp_case want;
    tp_error err = {{0}};
    tp_case_init(&want, "");
    ck_assert_int_eq(tp_jsonl_parse(&want, w.kb, "stdin", 3, plain, strlen(plain), &err), 0);
    ck_assert_str_eq(want.name, "c7");
    ck_assert_int_eq(want.nanswers, 3);
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        tp_case c;
        tp_case_init(&c, "");
        ck_assert_msg(tp_jsonl_parse(&c, w.kb, "stdin", 3, same[i], strlen(same[i]), &err) == 0,
                      "%s: %s", same[i], err.msg);
        ck_assert_str_eq(c.name, "c7");
        ck_same_answers(&c, &want, same[i]);
        ck_agrees_s(same[i]);
        tp_case_free(&c);
    }
    tp_case_free(&want);
}
END_TEST

/* Values that look like CLIPS code, or like anything but an allowed symbol,
 * are refused as data in every field; nothing reaches the engine. */
START_TEST(injection_is_refused_as_data)
{
    static const char *const evil[] = {
        "yes) (assert (answer (question gamma) (value no)))",
        "(system \"touch /tmp/tptriage-pwned\")",
        "\"",
        ";",
        "?x",
        "$?",
        "no)",
        "(no)",
        "no ; comment",
        "yes\" \"no",
        "<fact-1>",
        "[instance]",
        "~no",
        "no|yes",
        "no&yes",
        "=(system \"id\")",
    };
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
        tp_case c;
        tp_error err = {{0}};
        const char *one[] = {evil[i]};
        tp_case_init(&c, "x");
        /* as a value, as a question id, and as a value of a multi answer */
        ck_assert_int_eq(tp_case_answer(&c, w.kb, "gamma", one, 1, 1, &err), -1);
        ck_assert_has(err.msg, "is not allowed for gamma");
        ck_assert_int_eq(tp_case_answer(&c, w.kb, evil[i], one, 1, 1, &err), -1);
        ck_assert_has(err.msg, "unknown question");
        ck_assert_int_eq(tp_case_answer(&c, w.kb, "spot", one, 1, 1, &err), -1);
        ck_assert_int_eq(tp_case_answer(&c, w.kb, "temp", one, 1, 1, &err), -1);
        ck_assert_int_eq(c.nanswers, 0);
        tp_case_free(&c);
    }
    /* very long symbols: refused, and the message stays short */
    char big[TP_LINE_MAX];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = 0;
    tp_case c;
    tp_error err = {{0}};
    tp_case_init(&c, "x");
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, "gamma", big, 1, &err), -1);
    ck_assert_int_lt((int)strlen(err.msg), 300);
    ck_assert_int_eq(tp_case_answer_text(&c, w.kb, big, "no", 1, &err), -1);
    ck_assert_int_lt((int)strlen(err.msg), 300);
    tp_case_free(&c);
    /* control characters in a refused value are shown escaped */
    ck_assert_has(sym_s("gamma = no\x1b[2J\n"), "'no\\x1b[2J' is not allowed");
}
END_TEST

/* An accepted value is the knowledge base's own symbol, never the text
 * given: the engine only ever sees the kb's strings. */
START_TEST(accepted_values_are_kb_symbols)
{
    tp_case c;
    tp_error err = {{0}};
    char typed[] = "upper";
    const char *one[] = {typed};
    tp_case_init(&c, "x");
    ck_assert_int_eq(tp_case_answer(&c, w.kb, "spot", one, 1, 1, &err), 0);
    const tp_question *q = tp_kb_question(w.kb, "spot");
    int found = 0;
    for (int i = 0; i < q->nvalues; i++)
        found |= c.answers[0].vals[0].sym == q->values[i];
    ck_assert_int_eq(found, 1);
    ck_assert_ptr_ne(c.answers[0].vals[0].sym, typed);
    tp_case_free(&c);
}
END_TEST

/* Opens a copy of the kb with one more rules file, then removes the copy;
 * returns tp_kb_open's result and leaves the error in err. */
static int open_with(const char *rules, tp_kb *k, tp_engine **e, tp_error *err)
{
    const char *dir = tu_copy_kb();
    tu_write(dir, "rules/99-extra.clp", rules);
    int rv = tp_kb_open(k, dir, e, err);
    /* the kb keeps its texts in memory: the copy can go */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    return rv;
}

/* A rule that fires forever, replacing its fact each time, is stopped by
 * the firing limit with its name; the engine judges the next case. */
START_TEST(looping_kb_is_stopped)
{
    tp_kb k;
    tp_engine *e;
    tp_error err = {{0}};
    ck_assert_int_eq(open_with("(deftemplate MAIN::tick (slot n))\n"
                               "(defrule TRIAGE::tick-forever \"replaces its fact each time\"\n"
                               "   (answer (question gamma) (value yes))\n"
                               "   ?t <- (tick (n ?n))\n"
                               "   =>\n"
                               "   (retract ?t)\n"
                               "   (assert (tick (n (+ ?n 1)))))\n"
                               "(deffacts MAIN::tick-start (tick (n 0)))\n",
                               &k, &e, &err),
                     0);
    tp_judge *j = tp_judge_new(&k, e);
    tp_case c;
    tp_result r;
    tu_case(&c, &k, "gamma = yes\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), -1);
    ck_assert_has(err.msg, "rule tick-forever keeps firing");
    ck_assert_has(err.msg, "100000");
    tp_case_free(&c);
    tu_case(&c, &k, "gamma = no\n");
    ck_assert_int_eq(tp_judge_case(j, &c, &r, &err), 0);
    ck_assert_ptr_nonnull(r.level);
    tp_case_free(&c);
    tp_judge_free(j);
    tp_engine_free(e);
    tp_kb_close(&k);
}
END_TEST

/* Loops inside one firing and functions that could call themselves are
 * refused when the kb loads, naming file and line. */
START_TEST(loops_and_recursion_are_refused_at_load)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"\n(defrule TRIAGE::spin (answer (question temp)) =>\n   (while TRUE do (bind ?i 1)))\n",
         "99-extra.clp:3: "},
        {"(defrule TRIAGE::count (answer (question temp)) =>\n\n"
         "   (loop-for-count (?i 1 1000000000) do (bind ?x ?i)))\n",
         "99-extra.clp:3: "},
        {";; comment\n(deffunction MAIN::down (?n) (down (+ ?n 1)))\n",
         "99-extra.clp:2: deffunction is not allowed"},
        {"( defgeneric MAIN::g)\n", "99-extra.clp:1: defgeneric is not allowed"},
        {"(defmethod MAIN::g ((?n INTEGER)) (g ?n))\n", "99-extra.clp:1: defmethod is not allowed"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tp_kb k;
        tp_engine *e = NULL;
        tp_error err = {{0}};
        ck_assert_int_eq(open_with(cases[i].text, &k, &e, &err), -1);
        ck_assert_has(err.msg, cases[i].want);
    }
}
END_TEST

/* Rules cannot reach files or run commands: each such call is refused when
 * the kb loads, naming file and line, and nothing is created. */
START_TEST(rules_cannot_reach_outside)
{
    static const char *const calls[] = {
        "(system \"touch /tmp/tptriage-pwned\")",
        "(open \"/tmp/tptriage-pwned\" f \"w\")",
        "(eval \"(system \\\"touch /tmp/tptriage-pwned\\\")\")",
        "(build \"(defrule x =>)\")",
        "(load-facts \"/etc/passwd\")",
        "(save-facts \"/tmp/tptriage-pwned\")",
        "(remove \"/tmp/tptriage-pwned\")",
        "(printout t \"hi\")",
        "(batch* \"/tmp/tptriage-pwned\")",
        "(exit 3)",
    };
    unlink("/tmp/tptriage-pwned");
    for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "(defrule TRIAGE::escape \"reaches outside\"\n"
                 "   (answer (question temp))\n"
                 "   =>\n"
                 "   %s)\n",
                 calls[i]);
        tp_kb k;
        tp_engine *e = NULL;
        tp_error err = {{0}};
        ck_assert_int_eq(open_with(text, &k, &e, &err), -1);
        ck_assert_msg(strstr(err.msg, "99-extra.clp:4:") != NULL, "%s: %s", calls[i], err.msg);
    }
    struct stat st;
    ck_assert_int_ne(stat("/tmp/tptriage-pwned", &st), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *t = tcase_create("limits");
    tcase_set_timeout(t, 120);
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, line_length);
    tcase_add_test(t, file_size);
    tcase_add_test(t, answers_per_case);
    tcase_add_test(t, values_per_answer);
    tcase_add_test(t, numbers);
    tcase_add_test(t, json_lines);
    tcase_add_test(t, json_fast_path_agrees_with_jansson);
    tcase_add_test(t, json_escapes_and_spacing_read_the_same);
    tcase_add_test(t, injection_is_refused_as_data);
    tcase_add_test(t, accepted_values_are_kb_symbols);
    tcase_add_test(t, looping_kb_is_stopped);
    tcase_add_test(t, loops_and_recursion_are_refused_at_load);
    tcase_add_test(t, rules_cannot_reach_outside);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
