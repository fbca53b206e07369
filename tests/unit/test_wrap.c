/* test_wrap.c: text wrapped to a width: lines that fit untouched, breaks
 * between words only, hanging indents under list items, colour taking no
 * columns, and the stream that wraps whole lines. */
#include "testutil.h"

#include "wrap.h"

#include <stdlib.h>
#include <string.h>

static char *wrapped(const char *line, int width)
{
    tp_buf b = {0};
    tp_wrap_line(line, strlen(line), width, &b);
    return b.data;
}

/* Every line of text is at most width columns, unless it is one word. */
static void fits(const char *text, int width)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)n, p);
        const char *t = line + strspn(line, " ");
        ck_assert_msg(tp_wrap_columns(line, n) <= width || !strchr(t, ' '), "too long: '%s'", line);
        p += n + (nl ? 1 : 0);
    }
}

START_TEST(fits_untouched)
{
    char *w = wrapped("  1 Yes  2 No  3 Not sure   ", 80);
    ck_assert_str_eq(w, "  1 Yes  2 No  3 Not sure   \n");
    free(w);
    w = wrapped("", 80);
    ck_assert_str_eq(w, "\n");
    free(w);
}
END_TEST

START_TEST(between_words)
{
    const char *text = "Since this pain began, have you had new trouble starting or stopping "
                       "urine, leaking, not feeling a full bladder?";
    char *w = wrapped(text, 40);
    fits(w, 40);
    ck_assert_str_eq(w, "Since this pain began, have you had new\n"
                        "trouble starting or stopping urine,\n"
                        "leaking, not feeling a full bladder?\n");
    /* no word is split: joining the lines gives the words back */
    for (char *p = w; *p; p++)
        if (*p == '\n')
            *p = ' ';
    ck_assert_ptr_nonnull(strstr(w, "starting or stopping urine,"));
    free(w);
    /* a word longer than the width stays whole */
    w = wrapped("see /a/very/long/path/that/does/not/fit/anywhere ok", 20);
    ck_assert_str_eq(w, "see\n/a/very/long/path/that/does/not/fit/anywhere\nok\n");
    free(w);
}
END_TEST

START_TEST(hanging_indents)
{
    char *w = wrapped("  - Numbness or tingling in the saddle area (between the legs)", 30);
    ck_assert_str_eq(w, "  - Numbness or tingling in\n"
                        "    the saddle area (between\n"
                        "    the legs)\n");
    free(w);
    w = wrapped("  12 Deep in the middle of the buttock, near the bone", 30);
    ck_assert_str_eq(w, "  12 Deep in the middle of the\n"
                        "     buttock, near the bone\n");
    free(w);
    w = wrapped("   3  Pain, numbness or weakness in both legs", 30);
    ck_assert_str_eq(w, "   3  Pain, numbness or\n"
                        "      weakness in both legs\n");
    free(w);
    w = wrapped("!! Possible emergency: call now and do not drive", 24);
    ck_assert_str_eq(w, "!! Possible emergency:\n"
                        "   call now and do not\n"
                        "   drive\n");
    free(w);
    w = wrapped("  :why   why this question now, and what each answer leads to", 36);
    ck_assert_str_eq(w, "  :why   why this question now, and\n"
                        "         what each answer leads to\n");
    free(w);
    w = wrapped("      plain indented text that goes on and on", 24);
    ck_assert_str_eq(w, "      plain indented\n"
                        "      text that goes on\n"
                        "      and on\n");
    free(w);
}
END_TEST

START_TEST(colour_and_utf8)
{
    ck_assert_int_eq(tp_wrap_columns("\033[1;31mab\033[0m", 13), 2);
    ck_assert_int_eq(tp_wrap_columns("caf\xc3\xa9", 5), 4);
    /* 10 visible columns: fits in 10 though it is 21 bytes */
    char *w = wrapped("\033[1mhello\033[0m world", 11);
    ck_assert_str_eq(w, "\033[1mhello\033[0m world\n");
    free(w);
}
END_TEST

START_TEST(stream)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *to = open_memstream(&mem, &len);
    int width = 12;
    FILE *f = tp_wrap_stream(to, &width);
    fprintf(f, "one two three four\nfive");
    fprintf(f, " six\n");
    width = 80;
    fprintf(f, "one two three four\npartial");
    fclose(f);
    fclose(to);
    ck_assert_str_eq(mem, "one two\nthree four\nfive six\none two three four\npartial");
    free(mem);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wrap");
    TCase *lines = tcase_create("lines"), *streams = tcase_create("stream");
    tcase_add_test(lines, fits_untouched);
    tcase_add_test(lines, between_words);
    tcase_add_test(lines, hanging_indents);
    tcase_add_test(lines, colour_and_utf8);
    suite_add_tcase(s, lines);
    tcase_add_test(streams, stream);
    suite_add_tcase(s, streams);
    return tu_run(s) ? 1 : 0;
}
