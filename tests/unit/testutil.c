/* testutil.c: helpers shared by the Check suites. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tu_open_kb(tp_kb *kb, tp_engine **e)
{
    tp_error err = {{0}};
    int rv = tp_kb_open(kb, TP_FIXTURE_KB, e, &err);
    ck_assert_msg(rv == 0, "knowledge base failed to load: %s", err.msg);
}

static char copies[16][256]; /* knowledge-base copies made by this process */
static int ncopies;          /* how many */

static void remove_copies(void)
{
    for (int i = 0; i < ncopies; i++) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", copies[i]);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", copies[i]);
    }
    ncopies = 0;
}

void tu_world_open(tu_world *w, const char *dir)
{
    tp_error err = {{0}};
    w->t = tp_triage_open(dir ? dir : TP_FIXTURE_KB, &err);
    ck_assert_msg(w->t != NULL, "knowledge base failed to load: %s", err.msg);
    w->kb = tp_triage_kb(w->t);
    w->e = tp_triage_engine(w->t);
    w->j = tp_triage_judge(w->t);
}

void tu_world_close(tu_world *w)
{
    tp_triage_close(w->t);
}

const char *tu_copy_kb(void)
{
    static char dir[256];
    snprintf(dir, sizeof dir, "/tmp/tptriage-test-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp -r '%s/rules' '%s/facts' '%s/'", TP_FIXTURE_KB, TP_FIXTURE_KB,
             dir);
    ck_assert_int_eq(system(cmd), 0);
    if (ncopies == 0)
        atexit(remove_copies);
    if (ncopies < 16)
        snprintf(copies[ncopies++], sizeof copies[0], "%s", dir);
    return dir;
}

void tu_write(const char *dir, const char *rel, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

void tu_case(tp_case *c, const tp_kb *kb, const char *text)
{
    tp_error err = {{0}};
    tp_case_init(c, "test");
    int rv = tp_symfile_parse(c, kb, "test", text, strlen(text), &err);
    ck_assert_msg(rv == 0, "case did not parse: %s", err.msg);
}

int tu_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed;
}
