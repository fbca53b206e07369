/* test_opts.c: the option parser and usage printer (src/util/opts.c): long
 * and short options, "=" and joined values, a missing value, an unknown
 * option, "--", operands kept in order, options first, and the usage and
 * the option list printed from the same table. */
#include "testutil.h"

#include "opts.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const tp_opt table[] = {
    {'f', 'f', "format", "text|json", "the output"},
    {'c', 'c', "check", NULL, "compare"},
    {'j', 'j', "jobs", "N", "workers"},
    {'s', 's', "summary", NULL, "counts"},
    {'S', 0, "summary-json", "FILE", "counts as JSON"},
    {'k', 0, "kb", "DIR", "the knowledge base"},
    {0, 0, NULL, NULL, NULL},
};
static const tp_optspec spec = {"demo", "PATH...", "a demo command", NULL, 0, table};
static const tp_optspec first = {"demo", "PATH...", "a demo command", NULL, 1, table};
static const tp_optspec none = {"demo", "", "a demo command", "About the demo.\n", 0, table};

/* What parsing argv (NULL-terminated, argv[0] the command) gives: each
 * option as "key=value " (or "key "), then "| " and the operands, or the
 * error and its message. Static buffer. */
static const char *parse(const tp_optspec *sp, const char **words)
{
    static char out[1024];
    static char err[512];
    char *argv[32];
    int argc = 0;
    for (; words[argc]; argc++)
        argv[argc] = (char *)words[argc];
    argv[argc] = NULL;
    fflush(stderr);
    FILE *cap = tmpfile();
    int saved = dup(2);
    dup2(fileno(cap), 2);
    tp_opts p;
    tp_opts_init(&p, sp, argc, argv);
    int key, len = 0;
    out[0] = '\0';
    while ((key = tp_opts_next(&p)) > 0)
        len += snprintf(out + len, sizeof out - (size_t)len, "%c%s%s ", key, p.value ? "=" : "",
                        p.value ? p.value : "");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(cap);
    size_t n = fread(err, 1, sizeof err - 1, cap);
    err[n] = '\0';
    fclose(cap);
    if (key == TP_OPTS_ERROR) {
        snprintf(out, sizeof out, "error: %s", err);
        ck_assert_int_eq(tp_opts_exit(key), TP_EXIT_USAGE);
        return out;
    }
    ck_assert_int_eq(key, TP_OPTS_END);
    len += snprintf(out + len, sizeof out - (size_t)len, "|");
    for (int i = 0; i < p.noperands; i++)
        len += snprintf(out + len, sizeof out - (size_t)len, " %s", p.operands[i]);
    return out;
}

#define PARSE(sp, ...) parse(sp, (const char *[]){"demo", __VA_ARGS__, NULL})

START_TEST(long_options)
{
    ck_assert_str_eq(PARSE(&spec, "--format", "json", "--check", "a"), "f=json c | a");
    ck_assert_str_eq(PARSE(&spec, "--format=json", "--kb=", "a"), "f=json k= | a");
    ck_assert_str_eq(PARSE(&spec, "--jobs", "-3", "a"), "j=-3 | a"); /* a value may look so */
    /* an unambiguous prefix, as getopt_long takes it */
    ck_assert_str_eq(PARSE(&spec, "--form", "text", "--summary-j", "x", "a"), "f=text S=x | a");
    ck_assert_str_eq(PARSE(&spec, "--summary", "a"), "s | a"); /* exact beats prefix */
}
END_TEST

START_TEST(short_options)
{
    ck_assert_str_eq(PARSE(&spec, "-j", "4", "a"), "j=4 | a");
    ck_assert_str_eq(PARSE(&spec, "-j4", "a"), "j=4 | a");
    ck_assert_str_eq(PARSE(&spec, "-cs", "a"), "c s | a");
    ck_assert_str_eq(PARSE(&spec, "-csj2", "a"), "c s j=2 | a");
    ck_assert_str_eq(PARSE(&spec, "-cj", "2", "a"), "c j=2 | a");
}
END_TEST

START_TEST(operands_in_order)
{
    ck_assert_str_eq(PARSE(&spec, "a", "-c", "b", "--jobs", "2", "-", "c"), "c j=2 | a b - c");
    ck_assert_str_eq(PARSE(&spec, "-c", "--", "-j", "--x", "b"), "c | -j --x b");
    ck_assert_str_eq(PARSE(&spec, "--check"), "c |");
    /* options first: the first operand ends the options */
    ck_assert_str_eq(PARSE(&first, "-c", "a", "-j", "2"), "c | a -j 2");
}
END_TEST

START_TEST(mistakes)
{
    ck_assert_str_eq(PARSE(&spec, "--bogus", "a"),
                     "error: tptriage: demo: unknown option '--bogus' (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "--bogus=3"),
                     "error: tptriage: demo: unknown option '--bogus=3' (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "-x"),
                     "error: tptriage: demo: unknown option '-x' (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "-cx"),
                     "error: tptriage: demo: unknown option '-x' (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "a", "--format"),
                     "error: tptriage: demo: --format needs a value (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "a", "-j"),
                     "error: tptriage: demo: -j needs a value (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "--check=yes"),
                     "error: tptriage: demo: --check takes no value (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&spec, "--s"),
                     "error: tptriage: demo: ambiguous option '--s' (tptriage demo --help)\n");
    ck_assert_str_eq(PARSE(&none, "-c", "a"),
                     "error: tptriage: demo: unexpected argument 'a' (tptriage demo --help)\n");
}
END_TEST

/* What f(spec, out) prints, in a static buffer. */
static const char *printed(const tp_optspec *sp, int list)
{
    static char text[4096];
    FILE *f = tmpfile();
    if (list)
        tp_opts_list(sp, "demo", f);
    else
        tp_opts_usage(sp, f);
    rewind(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

START_TEST(usage_and_list_from_the_table)
{
    ck_assert_str_eq(printed(&none, 0),
                     "usage: tptriage demo [--format text|json] [--check] [--jobs N] [--summary]\n"
                     "                     [--summary-json FILE] [--kb DIR]\n"
                     "About the demo.\n"
                     "options:\n"
                     "  -f, --format text|json  the output\n"
                     "  -c, --check             compare\n"
                     "  -j, --jobs N            workers\n"
                     "  -s, --summary           counts\n"
                     "      --summary-json FILE\n"
                     "                          counts as JSON\n"
                     "      --kb DIR            the knowledge base\n"
                     "  -h, --help              show this help\n");
    ck_assert_str_eq(printed(&spec, 1), "demo --format text|json\ndemo -f text|json\n"
                                        "demo --check\ndemo -c\ndemo --jobs N\ndemo -j N\n"
                                        "demo --summary\ndemo -s\ndemo --summary-json FILE\n"
                                        "demo --kb DIR\ndemo --help\ndemo -h\n");
    char syn[256];
    tp_opts_synopsis(&spec, syn, sizeof syn);
    ck_assert_str_eq(syn, "[--format text|json] [--check] [--jobs N] [--summary] "
                          "[--summary-json FILE] [--kb DIR] PATH...");
}
END_TEST

START_TEST(help)
{
    char *argv[] = {"demo", "-c", "--help", NULL};
    tp_opts p;
    tp_opts_init(&p, &spec, 3, argv);
    FILE *saved = stdout;
    stdout = tmpfile();
    ck_assert_int_eq(tp_opts_next(&p), 'c');
    ck_assert_int_eq(tp_opts_next(&p), TP_OPTS_HELP);
    fclose(stdout);
    stdout = saved;
    ck_assert_int_eq(tp_opts_exit(TP_OPTS_HELP), TP_EXIT_OK);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("opts");
    TCase *t = tcase_create("opts");
    tcase_add_test(t, long_options);
    tcase_add_test(t, short_options);
    tcase_add_test(t, operands_in_order);
    tcase_add_test(t, mistakes);
    tcase_add_test(t, usage_and_list_from_the_table);
    tcase_add_test(t, help);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
