/* test_diary.c: the check-in diary: dates, reading (damaged lines skipped
 * and named), adding (atomic, 0600, earlier lines kept as they were). */
#include "testutil.h"

#include "diary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

START_TEST(dates)
{
    char d[11];
    ck_assert_int_eq(tp_date_parse("1970-01-01"), 0);
    ck_assert_int_eq(tp_date_parse("2026-11-28") - tp_date_parse("2026-11-25"), 3);
    ck_assert_int_eq(tp_date_parse("2024-03-01") - tp_date_parse("2024-02-28"), 2);
    ck_assert_int_eq(tp_date_parse("2026-02-30"), -1);
    ck_assert_int_eq(tp_date_parse("2026-1-5"), -1);
    ck_assert_int_eq(tp_date_parse("2026-11-28x"), -1);
    ck_assert_int_eq(tp_date_parse(NULL), -1);
    for (long day = -1000; day < 40000; day += 37) {
        tp_date_text(day, d);
        ck_assert_int_eq(tp_date_parse(d), day);
    }
    setenv("TPTRIAGE_TODAY", "2026-12-01", 1);
    ck_assert_int_eq(tp_date_today(), tp_date_parse("2026-12-01"));
    unsetenv("TPTRIAGE_TODAY");
}
END_TEST

START_TEST(add_and_read)
{
    char dir[] = "/tmp/tp-diary-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/diary.jsonl", dir);
    tp_diary d;
    tp_buf warn = {0};
    tp_error err = {{0}};
    ck_assert_int_eq(tp_diary_read(path, &d, &warn, &err), 0); /* none yet: empty */
    ck_assert_int_eq(d.n, 0);
    tp_checkin c = {tp_date_parse("2026-11-20"), 6, "self-care", "abc", "{\"age\":30}"};
    ck_assert_msg(tp_diary_add(path, &c, &err) == 0, "%s", err.msg);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    /* a damaged line stays in the file and is skipped with a warning */
    FILE *f = fopen(path, "a");
    fputs("{\"date\": broken\n", f);
    fclose(f);
    tp_checkin e = {tp_date_parse("2026-11-23"), TP_PAIN_NONE, "see-clinician", "abc", "{}"};
    ck_assert_msg(tp_diary_add(path, &e, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(tp_diary_read(path, &d, &warn, &err), 0);
    ck_assert_int_eq(d.n, 2);
    ck_assert_int_eq(d.v[0].pain, 6);
    ck_assert_str_eq(d.v[0].answers, "{\"age\":30}");
    ck_assert_int_eq(d.v[1].pain, TP_PAIN_NONE);
    ck_assert_str_eq(d.v[1].level, "see-clinician");
    ck_assert_int_eq(d.v[1].day - d.v[0].day, 3);
    ck_assert_ptr_nonnull(
        strstr(warn.data, "diary.jsonl:2: not a JSON object; this line is skipped"));
    tp_diary_free(&d);
    tp_buf_free(&warn);
    /* a pain score out of range, a missing level: named, skipped */
    f = fopen(path, "w");
    fputs("{\"date\":\"2026-11-20\",\"pain\":11,\"level\":\"x\",\"answers\":{}}\n"
          "{\"date\":\"2026-11-20\",\"pain\":1,\"answers\":{}}\n",
          f);
    fclose(f);
    warn = (tp_buf){0};
    ck_assert_int_eq(tp_diary_read(path, &d, &warn, &err), 0);
    ck_assert_int_eq(d.n, 0);
    ck_assert_ptr_nonnull(strstr(warn.data, ":1: \"pain\" is not a whole number from 0 to 10"));
    ck_assert_ptr_nonnull(strstr(warn.data, ":2: no \"level\""));
    tp_diary_free(&d);
    tp_buf_free(&warn);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static tp_checkin checkin(const char *date, int pain, const char *answers)
{
    return (tp_checkin){tp_date_parse(date), pain, "self-care", "", (char *)answers};
}

/* The episode is the run of check-ins at most gap days apart that reaches
 * today; the fill facts turn it into answers. */
START_TEST(episode_and_fill)
{
    tp_checkin v[] = {checkin("2026-10-01", 8, "{}"), checkin("2026-11-20", 6, "{\"days\":2}"),
                      checkin("2026-11-23", 5, "{}")};
    tp_diary d = {v, 3, 3};
    long today = tp_date_parse("2026-11-26");
    tp_episode e = tp_diary_episode(&d, today, 14);
    ck_assert_int_eq(e.n, 2); /* October is another episode */
    ck_assert_ptr_eq(e.first, &v[1]);
    ck_assert_ptr_eq(e.previous, &v[2]);
    ck_assert_int_eq(tp_diary_episode(&d, tp_date_parse("2026-12-08"), 14).n, 0);
    ck_assert_int_eq(tp_diary_episode(&d, tp_date_parse("2026-11-01"), 14).n, 0); /* the past */
    char out[32];
    tp_diary_fill days = {"days", "days-since-first", 1, 1, "yes", "no"};
    ck_assert_int_eq(tp_diary_fill_answer(&days, &e, today, 4, out, sizeof out), 1);
    ck_assert_str_eq(out, "8"); /* 6 days since the first, which said 2 */
    tp_diary_fill better = {"better", "pain-lower", 1, 2, "yes", "no"};
    ck_assert_int_eq(tp_diary_fill_answer(&better, &e, today, 4, out, sizeof out), 1);
    ck_assert_str_eq(out, "yes"); /* 6 -> 4 */
    ck_assert_int_eq(tp_diary_fill_answer(&better, &e, today, 5, out, sizeof out), 1);
    ck_assert_str_eq(out, "no"); /* 6 -> 5: not clearly */
    better.compare_first = 0;
    better.min_drop = 1;
    ck_assert_int_eq(tp_diary_fill_answer(&better, &e, today, 4, out, sizeof out), 1);
    ck_assert_str_eq(out, "yes"); /* the previous, 5 -> 4 */
    ck_assert_int_eq(tp_diary_fill_answer(&better, &e, today, TP_PAIN_NONE, out, sizeof out), 0);
    tp_episode none = {0, NULL, NULL};
    /* issue 23, kind 8: fill only what the scores decide */
    tp_checkin low[] = {checkin("2026-11-20", 1, "{}"), checkin("2026-11-20", 0, "{}")};
    tp_diary_fill two = {"better", "pain-lower", 1, 2, "yes", "no"};
    tp_episode from1 = {1, &low[0], &low[0]}, from0 = {1, &low[1], &low[1]};
    ck_assert_int_eq(tp_diary_fill_answer(&two, &e, today, 0, out, sizeof out), 1);
    ck_assert_str_eq(out, "yes"); /* 6 -> 0: gone */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &e, today, 7, out, sizeof out), 1);
    ck_assert_str_eq(out, "no"); /* 6 -> 7: worse */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &from1, today, 0, out, sizeof out), 1);
    ck_assert_str_eq(out, "yes"); /* 1 -> 0: gone, though not 2 points lower */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &from1, today, 1, out, sizeof out), 0); /* ask */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &from1, today, 3, out, sizeof out), 1);
    ck_assert_str_eq(out, "no"); /* 1 -> 3: worse */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &from0, today, 0, out, sizeof out), 0); /* ask */
    ck_assert_int_eq(tp_diary_fill_answer(&two, &from0, today, 2, out, sizeof out), 1);
    ck_assert_str_eq(out, "no"); /* 0 -> 2: worse */
    ck_assert_int_eq(tp_diary_fill_answer(&days, &none, today, 4, out, sizeof out), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("diary");
    TCase *t = tcase_create("diary");
    tcase_add_test(t, dates);
    tcase_add_test(t, add_and_read);
    tcase_add_test(t, episode_and_fill);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
