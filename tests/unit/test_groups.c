/* test_groups.c: asking questions together as a checklist: what a typed
 * line expands to (the same yes, no and unsure answers as one at a time),
 * and the session asking a group and showing an emergency at once. */
#include "testutil.h"

#include "groups.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tp_kb kb;
static int items[TP_GROUP_MAX];
static int nitems;
static char dir[256];

/* The fixture knowledge base (which has the group templates but no group)
 * with its three yes/no signs and a fourth question in one checklist (a copy
 * in a new folder). */
static const char groups[] =
    "(deffacts MAIN::groups\n"
    "   (question-group (id signs) (order 1) (title \"Signs\") (prompt \"Any of these?\")\n"
    "      (members alpha beta gamma epsilon))\n"
    "   (group-item (question alpha) (label \"Sign alpha\")))\n";

static const char *make_kb(void)
{
    snprintf(dir, sizeof dir, "/tmp/tp-groups-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char cmd[800];
    snprintf(cmd, sizeof cmd, "cp -r '%s/rules' '%s/facts' '%s/'", TP_FIXTURE_KB, TP_FIXTURE_KB,
             dir);
    ck_assert_int_eq(system(cmd), 0);
    tu_write(dir, "facts/zz-groups.clp", groups);
    return dir;
}

static void remove_kb(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void open_kb(void)
{
    tp_error err = {{0}};
    ck_assert_msg(tp_kb_open(&kb, make_kb(), NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_gt(kb.ngroups, 0);
    nitems = kb.groups[0].nmembers; /* the first group: every member, in order */
    memcpy(items, kb.groups[0].members, (size_t)nitems * sizeof *items);
    ck_assert_int_ge(nitems, 4);
}

/* Expands line; returns the values as one string "yes no unsure ...". */
static int expand(const char *line, char *out, size_t len, int *help)
{
    tp_group_pick picks[TP_GROUP_MAX];
    tp_error err = {{0}};
    int rv = tp_group_expand(&kb, items, nitems, line, picks, help, &err);
    out[0] = 0;
    if (rv == 0)
        for (int i = 0; i < nitems; i++) {
            ck_assert_int_eq(picks[i].q, items[i]);
            snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "", picks[i].value);
        }
    else if (rv < 0)
        snprintf(out, len, "%.400s", err.msg);
    return rv;
}

START_TEST(test_expand_numbers)
{
    open_kb();
    char v[512], want[512];
    int help = -1;
    ck_assert_int_eq(expand("1 3 ?2", v, sizeof v, &help), 0);
    snprintf(want, sizeof want, "yes unsure yes");
    for (int i = 3; i < nitems; i++)
        strcat(want, " no");
    ck_assert_str_eq(v, want);
    ck_assert_int_eq(expand("3, unsure 2,1", v, sizeof v, &help), 0);
    ck_assert_str_eq(v, want);
    ck_assert_int_eq(expand("1 and 3 and ? 2", v, sizeof v, &help), 0);
    ck_assert_str_eq(v, want);
    /* none: every item no */
    const char *none[] = {"0", "none", "No", " None of these "};
    for (size_t k = 0; k < sizeof none / sizeof *none; k++) {
        ck_assert_int_eq(expand(none[k], v, sizeof v, &help), 0);
        ck_assert_ptr_null(strstr(v, "yes"));
        ck_assert_ptr_null(strstr(v, "unsure"));
    }
    tp_kb_close(&kb);
    remove_kb();
}
END_TEST

START_TEST(test_expand_help_and_errors)
{
    open_kb();
    char v[512];
    int help = -1;
    ck_assert_int_eq(expand("? 2", v, sizeof v, &help), 1);
    ck_assert_int_eq(help, 1);
    ck_assert_int_eq(expand("?4", v, sizeof v, &help), 1);
    ck_assert_int_eq(help, 3);
    ck_assert_int_eq(expand("unsure 2", v, sizeof v, &help), 0); /* not help: unsure */
    ck_assert_int_eq(expand("99", v, sizeof v, &help), -1);
    ck_assert_ptr_nonnull(strstr(v, "not a number of this list"));
    ck_assert_int_eq(expand("0 1", v, sizeof v, &help), -1);
    ck_assert_ptr_nonnull(strstr(v, "0 means none"));
    ck_assert_int_eq(expand("1 ?1", v, sizeof v, &help), -1);
    ck_assert_int_eq(expand("yes", v, sizeof v, &help), -1);
    ck_assert_int_eq(expand("1x", v, sizeof v, &help), -1);
    ck_assert_int_eq(expand("unsure", v, sizeof v, &help), -1);
    ck_assert_int_eq(expand("? 99", v, sizeof v, &help), -1);
    ck_assert_int_eq(expand(",", v, sizeof v, &help), -1);
    tp_kb_close(&kb);
    remove_kb();
}
END_TEST

/* The session: the first prompt is the checklist; choosing the most urgent
 * sign shows its banner at once and asks nothing more; the answers are the
 * same facts as one at a time. */
START_TEST(test_session_group_emergency)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    tp_session_opts o;
    memset(&o, 0, sizeof o);
    o.kbdir = make_kb();
    tp_error err = {{0}};
    tp_session *s = tp_session_new(&o, out, &err);
    ck_assert_msg(s != NULL, "%s", err.msg);
    tp_session_begin(s);
    tp_session_line(s, "? 1");
    tp_session_line(s, "12");
    ck_assert_int_eq(tp_session_done(s), 0);
    tp_session_line(s, "1");
    fflush(out);
    ck_assert_int_eq(tp_session_done(s), 1);
    ck_assert_ptr_nonnull(strstr(text, "Any of these?"));
    ck_assert_ptr_nonnull(strstr(text, " 1  Sign alpha"));
    ck_assert_ptr_nonnull(strstr(text, "not a number of this list"));
    ck_assert_ptr_nonnull(strstr(text, "!! "));
    const tp_case *c = tp_session_case(s);
    const tp_kb *k = tp_session_kb(s);
    ck_assert_int_eq(c->nanswers, k->groups[0].nmembers);
    for (int i = 0; i < c->nanswers; i++) {
        char v[64];
        tp_answer_format(&c->answers[i], v, sizeof v);
        ck_assert_str_eq(v, i == 0 ? "yes" : "no");
    }
    ck_assert_str_eq(tp_session_result(s)->level->id, "urgent");
    tp_session_free(s);
    remove_kb();
    fclose(out);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("groups");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_expand_numbers);
    tcase_add_test(tc, test_expand_help_and_errors);
    tcase_add_test(tc, test_session_group_emergency);
    suite_add_tcase(s, tc);
    return tu_run(s);
}
