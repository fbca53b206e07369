/* test_autosave.c: the session's answers kept on disk (src/front/autosave.c):
 * the state folder is made private and refused when others can write to it;
 * a save after answers and a restore in a new session give the same
 * answers in the same order and the same next question; a finished session
 * removes the file; a file this session did not write is left alone
 * (--fresh); one that no longer fits the knowledge base is kept aside as
 * .old; two sessions at once each keep their own file, and a running
 * session's file is never offered to another. */
#include "autosave.h"
#include "session.h"
#include "statedir.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char state[64]; /* $XDG_STATE_HOME for each test */

static void setup(void)
{
    snprintf(state, sizeof state, "/tmp/tptriage-autosave-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(state));
    setenv("XDG_STATE_HOME", state, 1);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", state);
    ck_assert_int_eq(system(cmd), 0);
}

/* A session writing to /dev/null, begun, with some lines typed. */
static tp_session *session_with(const char *const *lines)
{
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    o.one_at_a_time = 1; /* one answer per line, as written (test_groups.c tests checklists) */
    o.kbdir = TP_FIXTURE_KB;
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    tp_error err = {{0}};
    tp_session *s = tp_session_new(&o, null, &err);
    ck_assert_msg(s != NULL, "%s", err.msg);
    for (int i = 0; lines && lines[i]; i++) {
        if (i == 0)
            tp_session_begin(s);
        tp_session_line(s, lines[i]);
    }
    return s;
}

/* The autosave of $XDG_STATE_HOME, as a session opens it. */
static tp_autosave *open_autosave(void)
{
    tp_error err = {{0}};
    char *base = tp_state_file("autosave", &err);
    ck_assert_msg(base != NULL, "%s", err.msg);
    tp_autosave *a = tp_autosave_open(base);
    free(base);
    return a;
}

/* Saves what session s holds now. */
static int save(tp_autosave *a, tp_session *s, tp_error *err)
{
    return tp_autosave_update(a, tp_session_case(s), tp_session_kb(s), tp_session_done(s), err);
}

/* Resumes r from the file a found: the number of answers, or -1. */
static int restore(tp_autosave *a, tp_session *r, tp_error *err)
{
    tp_case c;
    int n = tp_autosave_restore(a, tp_session_kb(r), &c, err);
    tp_session_resume(r, &c);
    tp_case_free(&c);
    return n;
}

static const char *five[] = {"no", "no", "no", "no", "0", NULL}; /* five answers */

START_TEST(state_folder_is_private)
{
    tp_error err = {{0}};
    char *path = tp_state_file("autosave.sym", &err);
    char want[128];
    snprintf(want, sizeof want, "%s/tptriage/autosave.sym", state);
    ck_assert_str_eq(path, want);
    free(path);
    struct stat st;
    snprintf(want, sizeof want, "%s/tptriage", state);
    ck_assert_int_eq(stat(want, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0700);
    /* no state folder without $XDG_STATE_HOME or $HOME */
    unsetenv("XDG_STATE_HOME");
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    unsetenv("HOME");
    ck_assert_ptr_null(tp_state_file("autosave", &err));
    ck_assert_str_eq(err.msg, "");
    if (home)
        setenv("HOME", home, 1);
    free(home);
    /* a folder others can write to is refused, saying how to fix it */
    setenv("XDG_STATE_HOME", state, 1);
    ck_assert_int_eq(chmod(want, 0777), 0);
    ck_assert_ptr_null(tp_state_file("autosave", &err));
    ck_assert_msg(strstr(err.msg, "others can write to it (mode 0777)") &&
                      strstr(err.msg, "chmod 700"),
                  "%s", err.msg);
}
END_TEST

START_TEST(age_in_words)
{
    char b[64];
    tp_autosave_age_text(5, b, sizeof b);
    ck_assert_str_eq(b, "just now");
    tp_autosave_age_text(600, b, sizeof b);
    ck_assert_str_eq(b, "10 minutes ago");
    tp_autosave_age_text(60, b, sizeof b);
    ck_assert_str_eq(b, "1 minute ago");
    tp_autosave_age_text(3 * 3600 + 5, b, sizeof b);
    ck_assert_str_eq(b, "3 hours ago");
    tp_autosave_age_text(2 * 86400, b, sizeof b);
    ck_assert_str_eq(b, "2 days ago");
}
END_TEST

START_TEST(save_and_restore_give_the_same_session)
{
    tp_autosave *a = open_autosave();
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(tp_autosave_age(a), -1);
    tp_session *s = session_with(five);
    tp_error err = {{0}};
    ck_assert_int_eq(save(a, s, &err), 0);
    ck_assert_int_ge(tp_autosave_age(a), 0);
    struct stat st;
    ck_assert_int_eq(stat(tp_autosave_path(a), &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);

    tp_autosave_free(a); /* the first session has ended */
    a = NULL;
    tp_autosave *b = open_autosave();
    ck_assert_int_ge(tp_autosave_find(b), 0);
    tp_session *r = session_with(NULL);
    ck_assert_int_eq(restore(b, r, &err), 5);
    tp_session_begin(r);
    const tp_case *c1 = tp_session_case(s), *c2 = tp_session_case(r);
    ck_assert_int_eq(c1->nanswers, c2->nanswers);
    for (int i = 0; i < c1->nanswers; i++)
        ck_assert_int_eq(c1->answers[i].q, c2->answers[i].q);
    ck_assert_ptr_nonnull(tp_session_current(r));
    ck_assert_str_eq(tp_session_current(r)->id, tp_session_current(s)->id);

    /* the resumed session owns the file: when it finishes, the file goes */
    tp_session_line(r, ":quit");
    ck_assert_int_eq(save(b, r, &err), 0);
    ck_assert_int_eq(tp_autosave_age(b), -1);
    tp_session_free(r);
    tp_session_free(s);
    tp_autosave_free(a);
    tp_autosave_free(b);
}
END_TEST

/* --fresh: a session that did not write or resume the file leaves it until
 * it has answers of its own. */
START_TEST(a_file_not_ours_is_left_alone)
{
    tp_autosave *a = open_autosave();
    tp_session *s = session_with(five);
    tp_error err = {{0}};
    ck_assert_int_eq(save(a, s, &err), 0);

    char *first = tp_xstrdup(tp_autosave_path(a));
    tp_autosave_free(a); /* that session has ended, its file left */
    a = NULL;
    tp_autosave *b = open_autosave();
    tp_session *f = session_with((const char *const[]){"?", NULL});
    ck_assert_int_eq(save(b, f, &err), 0);
    ck_assert_int_eq(access(first, F_OK), 0); /* no answers: left alone */
    tp_session_line(f, ":quit");
    ck_assert_int_eq(save(b, f, &err), 0);
    ck_assert_int_eq(access(first, F_OK), 0); /* quit, but the file was not its own */
    ck_assert_int_ge(tp_autosave_find(b), 0); /* offered */
    tp_autosave_discard(b);                   /* declined: removed */
    ck_assert_int_eq(tp_autosave_age(b), -1);
    ck_assert_int_ne(access(first, F_OK), 0);
    free(first);
    tp_session_free(f);
    tp_session_free(s);
    tp_autosave_free(a);
    tp_autosave_free(b);
}
END_TEST

START_TEST(a_file_that_no_longer_fits_is_kept_aside)
{
    tp_autosave *a = open_autosave();
    FILE *f = fopen(tp_autosave_path(a), "w");
    ck_assert_ptr_nonnull(f);
    fputs("alpha = no\nquestion-removed-since = yes\n", f);
    fclose(f);
    tp_session *s = session_with(NULL);
    tp_error err = {{0}};
    ck_assert_int_ge(tp_autosave_find(a), 0);
    ck_assert_int_eq(restore(a, s, &err), -1);
    ck_assert_msg(strstr(err.msg, ":2: unknown question 'question-removed-since'"), "%s", err.msg);
    ck_assert_int_eq(tp_session_case(s)->nanswers, 0);
    ck_assert_int_eq(tp_autosave_age(a), -1);
    char old[256];
    snprintf(old, sizeof old, "%s.old", tp_autosave_path(a));
    ck_assert_int_eq(access(old, F_OK), 0);
    tp_session_free(s);
    tp_autosave_free(a);
}
END_TEST

/* Two sessions at once: each its own file; neither is offered the other's
 * while both run; one quitting leaves the other's answers; once a session
 * has gone, its file is offered. */
START_TEST(two_sessions_keep_their_own)
{
    tp_error err = {{0}};
    tp_autosave *a = open_autosave(), *b = open_autosave();
    tp_session *s = session_with(five);
    tp_session *t = session_with((const char *const[]){"no", "no", NULL});
    ck_assert_int_eq(save(a, s, &err), 0);
    ck_assert_int_eq(save(b, t, &err), 0);
    ck_assert_str_ne(tp_autosave_path(a), tp_autosave_path(b));
    ck_assert(tp_autosave_saved(a) && tp_autosave_saved(b));
    tp_autosave *c = open_autosave();
    ck_assert_int_eq(tp_autosave_find(c), -1); /* both are running */
    tp_session_line(t, ":quit");
    ck_assert_int_eq(save(b, t, &err), 0); /* t quits: its file goes, a's stays */
    ck_assert_int_ne(access(tp_autosave_path(b), F_OK), 0);
    ck_assert_int_eq(access(tp_autosave_path(a), F_OK), 0);
    ck_assert(tp_autosave_saved(a));
    char *path = tp_xstrdup(tp_autosave_path(a));
    tp_autosave_free(a); /* s stopped: its answers stay, now offered */
    ck_assert_int_ge(tp_autosave_find(c), 0);
    ck_assert_str_eq(tp_autosave_path(c), path);
    tp_session *r = session_with(NULL);
    ck_assert_int_eq(restore(c, r, &err), 5);
    free(path);
    tp_session_free(r);
    tp_session_free(s);
    tp_session_free(t);
    tp_autosave_free(b);
    tp_autosave_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("autosave");
    TCase *t = tcase_create("autosave");
    tcase_set_timeout(t, 60);
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, state_folder_is_private);
    tcase_add_test(t, age_in_words);
    tcase_add_test(t, save_and_restore_give_the_same_session);
    tcase_add_test(t, a_file_not_ours_is_left_alone);
    tcase_add_test(t, a_file_that_no_longer_fits_is_kept_aside);
    tcase_add_test(t, two_sessions_keep_their_own);
    suite_add_tcase(s, t);
    return tu_run(s) ? 1 : 0;
}
