/* checkrun.c: `tptriage check`, the command: its options, and its steps in
 * order (load, the static checks of kbcheck.c, the case files, coverage, the
 * safety verification or the mutation report); and tp_check_strict, the
 * same steps as `:reload` and serve's SIGHUP require them. kbcheck.c is the
 * library of checks this file and the mutation report share. */
#include "checkrun.h"
#include "floor.h"
#include "kbcheck.h"
#include "mutants.h"
#include "verify.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CASE_FILE_MAX (1u << 20)
#define MAX_CASE_DIRS 16

/* What `check` was asked to do. */
typedef struct {
    const char *kb_dir;                   /* --kb, or NULL */
    const char *case_dirs[MAX_CASE_DIRS]; /* --cases folders */
    int ncase_dirs;                       /* how many */
    int coverage;                         /* --coverage */
    int mutants;                          /* --mutants */
    long mutant_budget;                   /* --mutant-combinations */
    tp_verify_opts verify;                /* --combinations, -j */
} check_opts;

/* What the case run found, for the summary and for coverage. */
typedef struct {
    int files;        /* case files with expectations */
    int passed;       /* of those, all expectations met */
    int differences;  /* expectations not met */
    int bad;          /* files that could not be read, parsed or judged */
    int skipped;      /* files without expectations */
    tp_strset seen;   /* "kind id" of every conclusion produced */
    tp_strset rules;  /* the rule slot of every conclusion produced */
    tp_strset unsure; /* "kind id" of conclusions resting on an unsure answer */
    int failing;      /* files with a difference */
    int *missing;     /* per question: files with a difference that leave it out */
    int *answered;    /* per question: files that answer it */
} case_run;

/* ---- case files ---------------------------------------------------------------- */

static void remember(case_run *cr, const char *kind, const char *id)
{
    char key[256];
    snprintf(key, sizeof key, "%s %s", kind, id);
    tp_strset_add(&cr->seen, key);
}

static int was_seen(const case_run *cr, const char *kind, const char *id)
{
    char key[256];
    snprintf(key, sizeof key, "%s %s", kind, id);
    return tp_strset_has(&cr->seen, key);
}

static void run_case_file(tp_triage *t, const char *path, case_run *cr, tp_buf *out)
{
    const tp_kb *kb = tp_triage_kb(t);
    tp_error err = {{0}};
    size_t len;
    char *text = tp_read_file(path, CASE_FILE_MAX, &len, &err);
    tp_case c;
    tp_case_init(&c, path);
    tp_result r;
    if (!text || tp_symfile_parse(&c, kb, path, text, len, &err) != 0) {
        tp_buf_printf(out, "%s\n", err.msg);
        cr->bad++;
    } else if (c.nexpects == 0) {
        cr->skipped++;
    } else if (tp_triage_case(t, &c, &r, &err) != 0) {
        tp_buf_printf(out, "%s: %s\n", path, err.msg);
        cr->bad++;
    } else {
        cr->files++;
        if (!cr->answered)
            cr->answered = calloc((size_t)kb->nquestions, sizeof *cr->answered);
        for (int q = 0; cr->answered && q < kb->nquestions; q++)
            cr->answered[q] += tp_case_find(&c, q) != NULL;
        int d = tp_result_check(kb, &c, &r, out);
        cr->differences += d;
        cr->passed += d == 0;
        if (d > 0) {
            cr->failing++;
            if (!cr->missing)
                cr->missing = calloc((size_t)kb->nquestions, sizeof *cr->missing);
            for (int q = 0; cr->missing && q < kb->nquestions; q++)
                cr->missing[q] += tp_case_find(&c, q) == NULL;
        }
        if (r.level)
            remember(cr, "level", r.level->id);
        for (int i = 0; i < r.nitems; i++) {
            remember(cr, r.items[i].kind, r.items[i].id);
            tp_strset_add(&cr->rules, r.items[i].rule);
            for (int k = 0; k < r.items[i].nbecause; k++)
                if (strcmp(r.items[i].because[k].answer, "unsure") == 0) {
                    char key[256];
                    snprintf(key, sizeof key, "%s %s", r.items[i].kind, r.items[i].id);
                    tp_strset_add(&cr->unsure, key);
                }
        }
    }
    tp_case_free(&c);
    free(text);
}

static void run_case_dir(tp_triage *t, const char *dir, int optional, case_run *cr, tp_buf *out)
{
    char **paths;
    int n;
    if (tp_sym_list(dir, &paths, &n) != 0) {
        if (optional)
            return;
        tp_buf_printf(out, "%s: cannot open the case folder\n", dir);
        cr->bad++;
        return;
    }
    for (int i = 0; i < n; i++)
        run_case_file(t, paths[i], cr, out);
    tp_sym_list_free(paths, n);
}

/* ---- cases required --------------------------------------------------------------- */

/* Every flag (a red flag or contraindication with a flag-level fact, or one
 * a rule or row raises) is raised by at least one case file, and every flag
 * that some rule or row raises from an unsure answer is raised so by one:
 * otherwise an edit can drop it, or drop its unsure, with no case noticing.
 * Returns the number missing; says each with what to add. */
static int cases_required(tp_triage *t, const case_run *cr, tp_buf *out)
{
    const tp_kb *kb = tp_triage_kb(t);
    const tp_rule_set *rs = tp_triage_rules(t);
    tp_policy p;
    tp_triage_policy(t, &p);
    tp_strset said = {0};
    int missing = 0;
    char key[300], at[PATH_MAX + 32];
    for (int i = 0; i < p.nflags; i++) {
        const tp_flag *f = &p.flags[i];
        if (!tp_policy_flag_kind(&p, f->kind) || was_seen(cr, f->kind, f->id))
            continue;
        snprintf(key, sizeof key, "%s %s", f->kind, f->id);
        tp_strset_add(&said, key);
        tp_fact_where(kb, "flag-level", f->kind, f->id, at, sizeof at);
        tp_buf_printf(out,
                      "%s: no case file raises %s %s: add one (facts/cases/%s-%s.sym) whose "
                      "answers raise it, with 'expect %s = %s' and its level\n",
                      at, f->kind, f->id, f->kind, f->id, f->kind, f->id);
        missing++;
    }
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        const tp_rule_make *m = tp_rule_concludes(r);
        if (!m || !tp_policy_flag_kind(&p, m->kind))
            continue;
        snprintf(key, sizeof key, "%s %s", m->kind, m->id);
        const char *q = NULL;
        for (int k = 0; k < r->nconds && !q; k++) {
            const tp_rule_cond *c = &r->conds[k];
            const tp_question *qq = c->question ? tp_kb_question(kb, c->question) : NULL;
            if (qq && !c->negated && c->value && tp_kb_value(qq, "unsure") &&
                tp_constraint_admits(c->value, "unsure") == 1)
                q = qq->id;
        }
        if (!q || tp_strset_has(&cr->unsure, key) || tp_strset_has(&said, key))
            continue;
        tp_strset_add(&said, key);
        char rat[PATH_MAX + 32];
        tp_check_rule_where(r, kb, rat, sizeof rat);
        tp_buf_printf(out,
                      "%s: no case file raises %s %s from an unsure answer, though rule %s "
                      "reads %s = unsure as raising it: add a case answering %s = unsure, with "
                      "'expect %s = %s'\n",
                      rat, m->kind, m->id, r->name, q, q, m->kind, m->id);
        missing++;
    }
    tp_strset_free(&said);
    tp_policy_free(&p);
    return missing;
}

/* ---- coverage --------------------------------------------------------------------- */

static void coverage(tp_triage *t, const case_run *cr)
{
    const tp_kb *kb = tp_triage_kb(t);
    const tp_rule_set *rs = tp_triage_rules(t);
    int unfired = 0, unseen = 0;
    printf("coverage: rules the case files never fired:\n");
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        if (r->row ? tp_strset_has(&cr->rules, r->name) : tp_triage_firings(t, r->name) > 0)
            continue;
        char at[PATH_MAX + 32];
        tp_check_rule_where(r, kb, at, sizeof at);
        printf("  %s: %s\n", at, r->name);
        unfired++;
    }
    printf("  %d of %d rules never fired\n", unfired, rs->n);
    printf("coverage: conclusions the case files never produced:\n");
    for (int i = 0; i < kb->nlevels; i++)
        if (!was_seen(cr, "level", kb->levels[i].id)) {
            printf("  level %s\n", kb->levels[i].id);
            unseen++;
        }
    int total = kb->nlevels;
    for (int i = 0; i < kb->ntexts; i++) {
        const tp_text *t = &kb->texts[i];
        if (!tp_check_kind_concluded(rs, t->kind, NULL))
            continue;
        total++;
        if (!was_seen(cr, t->kind, t->id)) {
            printf("  %s %s\n", t->kind, t->id);
            unseen++;
        }
    }
    printf("  %d of %d conclusions never produced\n", unseen, total);
}

/* ---- the command ------------------------------------------------------------------- */

static int parse_long(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* clang-format off */
static const tp_opt check_options[] = {
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {'c', 0, "cases", "DIR...", "also run the case files of DIR (repeatable)"},
    {'v', 0, "coverage", NULL, "list the rules and answers no case reaches"},
    {'n', 0, "combinations", "N", "verify about N answer combinations (0 skips)"},
    {'j', 'j', NULL, "N", "verify with N worker processes (default 2)"},
    {'m', 0, "mutants", NULL, "the mutation report instead of the verification"},
    {'M', 0, "mutant-combinations", "N", "combinations per mutant (default 3000)"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_check_spec = {
    "check",
    "",
    "check a knowledge base: loading, completeness, case files, safety",
    "Checks a knowledge base: refused functions, loading, static checks, the case files\n"
    "with expect lines (facts/cases and each --cases DIR), and safety verification over\n"
    "about N answer combinations (default 200000; 0 skips it) with N worker processes.\n"
    "With --mutants, instead of that verification: the mutation report (every rule\n"
    "deleted, every flag level lowered one step, every unsure dropped from a safety\n"
    "pattern, each judged by the static checks, the cases and the verifier over about N\n"
    "combinations, default 3000) and the survivors.\n"
    "Exit 0 clean, 1 a check failed or a mutant survived, 3 the knowledge base was\n"
    "refused, 64 usage.\n",
    0,
    check_options};

/* Reads the options into o. Returns 0, or what tp_opts_next returned for
 * help or a mistake. */
static int parse_opts(int argc, char **argv, check_opts *o)
{
    memset(o, 0, sizeof *o);
    o->verify.budget = 200000; /* about 196,000 with the shipped kb */
    o->verify.grow = 1;        /* a default: raised to cross every emergency flag */
    o->verify.workers = 2;
    o->verify.max_examples = 3;
    o->mutant_budget = 3000;
    tp_opts p;
    tp_opts_init(&p, &tp_check_spec, argc, argv);
    int key;
    while ((key = tp_opts_next(&p)) > 0) {
        long n = 0;
        if ((key == 'n' || key == 'j' || key == 'M') &&
            (parse_long(p.value, &n) != 0 || (key == 'j' && (n < 1 || n > 64)))) {
            tp_usage_error("check", "%s takes a whole number%s, not '%s'", p.arg,
                           key == 'j' ? " from 1 to 64" : "", p.value);
            return TP_OPTS_ERROR;
        }
        switch (key) {
        case 'k':
            o->kb_dir = p.value;
            break;
        case 'c':
            if (o->ncase_dirs == MAX_CASE_DIRS) {
                tp_usage_error("check", "at most %d --cases folders", MAX_CASE_DIRS);
                return TP_OPTS_ERROR;
            }
            o->case_dirs[o->ncase_dirs++] = p.value;
            break;
        case 'v':
            o->coverage = 1;
            break;
        case 'n':
            o->verify.budget = n;
            o->verify.grow = 0;
            break;
        case 'j':
            o->verify.workers = (int)n;
            break;
        case 'm':
            o->mutants = 1;
            break;
        case 'M':
            o->mutant_budget = n;
            break;
        }
    }
    return key;
}

/* Loads the kb, after the scan for refused functions. Returns an exit code. */
static int load(const check_opts *o, const char *dir, tp_triage **t)
{
    tp_buf out = {0};
    int refused_calls = tp_check_scan_kb(dir, &out);
    if (refused_calls) {
        fputs(out.data, stdout);
        tp_report("%s: refused: %d call%s to functions rules may not use", dir, refused_calls,
                  refused_calls == 1 ? "" : "s");
        tp_buf_free(&out);
        return TP_EXIT_KB;
    }
    tp_buf_free(&out);
    tp_error err = {{0}};
    if (!(*t = tp_triage_open(dir, &err))) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    (void)o;
    return TP_EXIT_OK;
}

static int static_step(tp_triage *t)
{
    const tp_kb *kb = tp_triage_kb(t);
    const tp_rule_set *rs = tp_triage_rules(t);
    tp_buf errors = {0}, notes = {0};
    int bad = tp_check_static(t, &errors, &notes);
    printf("static: %d rules, %d questions: %d problem%s\n", rs->n, kb->nquestions, bad,
           bad == 1 ? "" : "s");
    if (errors.len)
        fputs(errors.data, stdout);
    if (notes.len) {
        printf("notes (do not fail the check):\n");
        fputs(notes.data, stdout);
    }
    tp_buf_free(&errors);
    tp_buf_free(&notes);
    return bad;
}

static int cases_step(const check_opts *o, tp_triage *t, case_run *cr)
{
    const tp_kb *kb = tp_triage_kb(t);
    tp_buf out = {0};
    tp_triage_count_firings(t, 1);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/facts/cases", kb->dir);
    run_case_dir(t, dir, 1, cr, &out);
    for (int i = 0; i < o->ncase_dirs; i++)
        run_case_dir(t, o->case_dirs[i], 0, cr, &out);
    tp_triage_count_firings(t, 0);
    printf("cases: %d files with expectations, %d pass, %d difference%s, %d unreadable, "
           "%d without expectations\n",
           cr->files, cr->passed, cr->differences, cr->differences == 1 ? "" : "s", cr->bad,
           cr->skipped);
    if (out.len)
        fputs(out.data, stdout);
    /* Many failing files, and a question that no case file answers: most
     * likely it was just added. */
    for (int q = 0; cr->missing && cr->answered && cr->failing >= 3 && q < kb->nquestions; q++)
        if (cr->answered[q] == 0 && cr->missing[q] * 5 >= cr->failing * 4)
            printf("hint: %d of the %d failing case files do not answer %s; if it is a new "
                   "question, 'tptriage cases add %s=VALUE' adds its answer to every case file "
                   "that lacks it (docs/rules.md, \"Adding a question\")\n",
                   cr->missing[q], cr->failing, kb->questions[q].id, kb->questions[q].id);
    free(cr->missing);
    free(cr->answered);
    cr->missing = cr->answered = NULL;
    tp_buf_free(&out);
    return cr->differences + cr->bad;
}

static int safety_step(const check_opts *o, const tp_kb *kb)
{
    if (o->verify.budget == 0) {
        printf("safety: skipped (--combinations 0)\n");
        return 0;
    }
    tp_verify_stats st;
    tp_buf out = {0};
    tp_error err = {{0}};
    int rv = tp_verify_safety(kb, &o->verify, &st, &out, &err);
    if (out.len)
        fputs(out.data, stdout);
    tp_buf_free(&out);
    if (rv < 0) {
        tp_report("safety verification failed: %s", err.msg);
        return 1;
    }
    printf("safety: %ld combinations (every value of %d questions: %ld, x %d covering rows) "
           "+ %ld extra judgements, %ld violation%s, %.1f s\n",
           st.combinations, st.exhaustive, st.space, st.rows, st.extra, st.violations,
           st.violations == 1 ? "" : "s", st.seconds);
    printf("safety: %ld rule-directed witnesses (each advice rule's answers met, with each "
           "level's flags and each flag raised); %ld combinations judged again with one safety "
           "answer made unsure\n",
           st.witnesses, st.unsure);
    if (kb->ngroups && o->verify.budget > 0) {
        printf("groups: %d checklists; on every combination a person answering so, asked by "
               "checklists and one question at a time, gets the same level and the same "
               "conclusions: %ld compared, %ld of them listing conclusions the level reached "
               "makes moot (asked in one interview before the level was reached, not in the "
               "other), %ld not comparable (a checklist item left unanswered)\n",
               kb->ngroups, st.grouped, st.grouped_moot, st.ungrouped);
        printf("groups: %ld interview steps run, %ld taken from people who answered alike\n",
               st.steps_walked, st.steps_reused);
    }
    return rv;
}

static int mutants_step(const check_opts *o, const tp_kb *kb)
{
    const char *dirs[MAX_CASE_DIRS + 1];
    char own[PATH_MAX];
    snprintf(own, sizeof own, "%s/facts/cases", kb->dir);
    dirs[0] = own;
    for (int i = 0; i < o->ncase_dirs; i++)
        dirs[i + 1] = o->case_dirs[i];
    tp_mutant_opts mo = {dirs, o->ncase_dirs + 1, o->mutant_budget, o->verify.workers};
    return tp_mutants_run(kb, &mo) != 0;
}

int tp_check_strict(tp_triage *t, long budget, tp_buf *why)
{
    const tp_kb *kb = tp_triage_kb(t);
    int problems = 0;
    for (int i = 0; i < kb->nfiles; i++)
        problems += tp_check_scan(kb->files[i].path, kb->files[i].text, why);
    tp_buf notes = {0};
    problems += tp_check_static(t, why, &notes);
    tp_buf_free(&notes);
    if (problems)
        return problems;
    case_run cr;
    memset(&cr, 0, sizeof cr);
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/facts/cases", kb->dir);
    run_case_dir(t, dir, 1, &cr, why);
    problems += cases_required(t, &cr, why);
    tp_strset_free(&cr.unsure);
    tp_strset_free(&cr.seen);
    tp_strset_free(&cr.rules);
    free(cr.missing);
    free(cr.answered);
    problems += cr.differences + cr.bad;
    if (problems || budget <= 0)
        return problems;
    tp_verify_opts vo = {budget, 1, 1, 0, 0};
    tp_verify_stats st;
    tp_error err = {{0}};
    int rv = tp_verify_safety(kb, &vo, &st, why, &err);
    if (rv < 0) {
        tp_buf_printf(why, "safety verification could not run: %s\n", err.msg);
        return problems + 1;
    }
    return problems + (rv != 0 ? (int)(st.violations ? st.violations : 1) : 0);
}

int tp_check_main(int argc, char **argv)
{
    check_opts o;
    int rv = parse_opts(argc, argv, &o);
    if (rv != TP_OPTS_END)
        return tp_opts_exit(rv);
    const char *dir = tp_kb_locate(o.kb_dir);
    tp_triage *t = NULL;
    rv = load(&o, dir, &t);
    if (rv != TP_EXIT_OK)
        return rv;
    const tp_kb *kb = tp_triage_kb(t);
    printf("load: %s: %d files, knowledge base %s\n", kb->dir, kb->nfiles, kb->hash);
    int failed = static_step(t) != 0;
    case_run cr;
    memset(&cr, 0, sizeof cr);
    failed |= cases_step(&o, t, &cr) != 0;
    tp_buf need = {0};
    int unraised = cases_required(t, &cr, &need);
    if (unraised) {
        printf("cases: %d flag%s no case file raises (every red flag and contraindication "
               "needs one, and one answering unsure where unsure raises it):\n%s",
               unraised, unraised == 1 ? "" : "s", need.data);
        failed = 1;
    }
    tp_buf_free(&need);
    if (o.coverage)
        coverage(t, &cr);
    if (o.mutants)
        failed |= mutants_step(&o, kb) != 0;
    else
        failed |= safety_step(&o, kb) != 0;
    printf("%s\n", failed ? "check FAILED" : "check ok");
    tp_strset_free(&cr.seen);
    tp_strset_free(&cr.rules);
    tp_strset_free(&cr.unsure);
    tp_triage_close(t);
    return failed ? TP_EXIT_EXPECT : TP_EXIT_OK;
}
