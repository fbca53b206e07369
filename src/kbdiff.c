/* kbdiff.c: judging the same cases with two knowledge bases and listing
 * what changes: what a reviewer reads before accepting an edit. */
#include "kbdiff.h"

#include "kbcheck.h"
#include "compare.h"
#include "kbpolicy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DIFF_FILE_MAX (1u << 20)

/* One side of the comparison. */
typedef struct {
    const char *dir; /* knowledge-base folder */
    tp_kb kb;        /* loaded */
    tp_engine *e;    /* its engine */
    tp_judge *j;     /* its judge */
    tp_case c;       /* the case parsed against this kb */
} side;

/* Totals for the summary and exit code. */
typedef struct {
    int cases;   /* judged with both */
    int changed; /* with a difference */
    int levels;  /* with a different level */
    int bad;     /* not read, parsed or judged */
} totals;

static int open_side(side *s)
{
    tp_error err = {{0}};
    if (tp_kb_open(&s->kb, s->dir, &s->e, &err) != 0) {
        tp_report("%s", err.msg);
        return -1;
    }
    s->j = tp_judge_new(&s->kb, s->e);
    tp_case_init(&s->c, "");
    return 0;
}

static void close_side(side *s)
{
    if (!s->j)
        return;
    tp_case_free(&s->c);
    tp_judge_free(s->j);
    tp_engine_free(s->e);
    tp_kb_close(&s->kb);
}

/* Parses and judges text with one side. */
static int judge_side(side *s, const char *path, const char *text, size_t len, tp_result *r)
{
    tp_error err = {{0}};
    tp_case_reset(&s->c, path);
    if (tp_symfile_parse(&s->c, &s->kb, path, text, len, &err) != 0 ||
        tp_judge_case(s->j, &s->c, r, &err) != 0) {
        tp_report("%s (with %s)", err.msg, s->dir);
        return -1;
    }
    return 0;
}

static void diff_file(side *sides, const char *path, totals *t)
{
    tp_error err = {{0}};
    size_t len;
    char *text = tp_read_file(path, DIFF_FILE_MAX, &len, &err);
    tp_result r0, r1;
    if (!text) {
        tp_report("%s", err.msg);
        t->bad++;
        return;
    }
    if (judge_side(&sides[0], path, text, len, &r0) != 0 ||
        judge_side(&sides[1], path, text, len, &r1) != 0) {
        t->bad++;
        free(text);
        return;
    }
    t->cases++;
    tp_buf out = {0};
    if (tp_compare_results(&r0, &r1, "  ", 0, &out) > 0) {
        printf("%s:\n%s", path, out.data);
        t->changed++;
        t->levels += r0.level != NULL && r1.level != NULL && strcmp(r0.level->id, r1.level->id);
    }
    tp_buf_free(&out);
    free(text);
}

static void diff_path(side *sides, const char *path, totals *t)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        char **paths;
        int n;
        if (tp_sym_list(path, &paths, &n) != 0) {
            tp_report("%s: cannot open folder", path);
            t->bad++;
            return;
        }
        for (int i = 0; i < n; i++)
            diff_file(sides, paths[i], t);
        tp_sym_list_free(paths, n);
        return;
    }
    diff_file(sides, path, t);
}

static int level_rank(const tp_kb *kb, const char *id)
{
    const tp_level *l = tp_kb_level(kb, id);
    return l ? l->rank : 0;
}

/* Prints every change to the safety floor, first and loudly; returns how
 * many floors were lowered or removed (*other: raised or added). */
static int diff_floor(side *sides, int *other)
{
    tp_policy p[2];
    for (int k = 0; k < 2; k++)
        tp_policy_read(&p[k], &sides[k].kb, sides[k].e);
    tp_buf out = {0};
    int worse = 0;
    *other = 0;
    for (int i = 0; i < p[0].nfloors; i++) {
        const tp_flag *a = &p[0].floors[i], *b = tp_policy_floor(&p[1], a->kind, a->id);
        if (!b) {
            tp_buf_printf(&out, "  REMOVED %s %s (was %s)\n", a->kind, a->id, a->level);
            worse++;
        } else if (strcmp(a->level, b->level) != 0) {
            int lower = level_rank(&sides[1].kb, b->level) > level_rank(&sides[0].kb, a->level);
            tp_buf_printf(&out, "  %s %s %s: %s -> %s\n", lower ? "LOWERED" : "raised", a->kind,
                          a->id, a->level, b->level);
            worse += lower;
            *other += !lower;
        }
    }
    for (int i = 0; i < p[1].nfloors; i++) {
        const tp_flag *b = &p[1].floors[i];
        if (!tp_policy_floor(&p[0], b->kind, b->id)) {
            tp_buf_printf(&out, "  added %s %s: %s\n", b->kind, b->id, b->level);
            (*other)++;
        }
    }
    if (out.len) {
        printf("!!! SAFETY FLOOR CHANGED (facts/safety-floor.clp): %d lowered or removed, %d "
               "raised or added; the clinical lead must approve this !!!\n%s",
               worse, *other, out.data);
        tp_report("the safety floor changed: %d lowered or removed, %d raised or added", worse,
                  *other);
    }
    tp_buf_free(&out);
    tp_policy_free(&p[0]);
    tp_policy_free(&p[1]);
    return worse;
}

static int usage(int nkb)
{
    if (nkb != 2)
        return tp_usage_error("diff", "give two knowledge bases: --kb OLD --kb NEW PATH...");
    return tp_usage_error("diff", "give the cases to judge: --kb OLD --kb NEW PATH...");
}

int tp_diff_main(int argc, char **argv)
{
    side sides[2];
    memset(sides, 0, sizeof sides);
    int nkb = 0, first_path = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("usage: tptriage diff --kb OLD --kb NEW PATH...\n"
                   "Judges each symptom file (or each .sym file of a folder) with both knowledge\n"
                   "bases and lists every case whose level or conclusions change. Any change\n"
                   "to the safety floor (facts/safety-floor.clp) is printed first.\n"
                   "Exit 0 no change, 1 some change (or a floor change), 2 a case could not be "
                   "judged, 3 a "
                   "knowledge base\nfailed to load, 64 usage.\n");
            return TP_EXIT_OK;
        }
        if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc && nkb < 2) {
            sides[nkb++].dir = argv[++i];
        } else if (strcmp(argv[i], "--kb") == 0 && nkb == 2) {
            return tp_usage_error("diff", "--kb given more than twice");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return tp_bad_option("diff", argv[i], (const char *const[]){"--kb", NULL});
        } else if (!first_path) {
            first_path = i;
        }
    }
    if (nkb != 2 || !first_path)
        return usage(nkb);
    if (open_side(&sides[0]) != 0 || open_side(&sides[1]) != 0) {
        close_side(&sides[0]);
        return TP_EXIT_KB;
    }
    int floor_other, floor_worse = diff_floor(sides, &floor_other);
    totals t = {0, 0, 0, 0};
    for (int i = first_path; i < argc; i++)
        if (strcmp(argv[i], "--kb") == 0)
            i++;
        else
            diff_path(sides, argv[i], &t);
    printf("diff: %d case%s judged with both, %d changed (%d in level), %d could not be "
           "judged%s\n",
           t.cases, t.cases == 1 ? "" : "s", t.changed, t.levels, t.bad,
           floor_worse + floor_other ? "; THE SAFETY FLOOR CHANGED (see the top)" : "");
    close_side(&sides[0]);
    close_side(&sides[1]);
    if (t.bad)
        return TP_EXIT_BAD_INPUT;
    return t.changed || floor_worse || floor_other ? TP_EXIT_EXPECT : TP_EXIT_OK;
}
