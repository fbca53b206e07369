/* mutants.c: mutation testing of the knowledge base. Each mutant is the
 * loaded source text with one small edit (a rule blanked out, a flag-level
 * fact's level lowered one step, "unsure" removed from a safety answer
 * pattern), loaded into a fresh engine and judged by the static checks, the
 * case files and the safety verifier, in that order, until one kills it.
 * Worker processes take whole mutants and write their verdicts into shared
 * memory; the parent prints the report in mutant order. */
#include "mutants.h"

#include "kbcheck.h"
#include "triage.h"
#include "verify.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define CASE_FILE_MAX (1u << 20)

typedef enum { M_RULE, M_LEVEL, M_UNSURE, M_NKINDS } mkind;

static const char *const kind_names[M_NKINDS] = {"rule deleted", "flag level lowered",
                                                 "unsure dropped"};

/* One mutant: bytes [start, end) of file replaced by with. */
typedef struct {
    mkind kind;     /* what sort of edit */
    char name[600]; /* "file:line: what changed" */
    int file;       /* file edited (index in kb->files) */
    size_t start;   /* first byte replaced */
    size_t end;     /* one past the last */
    char *with;     /* replacement text */
} mutant;

typedef struct {
    mutant *v;  /* the mutants */
    int n, cap; /* count and capacity */
} mutant_list;

/* What killed a mutant, written by a worker into shared memory. */
typedef enum { K_NONE, K_LOAD, K_STATIC, K_CASES, K_VERIFIER, K_NKILLERS } killer;

static const char *const killer_names[K_NKILLERS] = {"nothing", "loading", "static checks",
                                                     "case files", "the verifier"};

typedef struct {
    int done;      /* judged */
    killer by;     /* what killed it */
    char why[300]; /* the first message of the killer */
} verdict;

/* The case files, parsed once against the unmutated kb. */
typedef struct {
    tp_case *v; /* cases with expectations */
    int n;      /* how many */
} case_set;

/* ---- building mutants ------------------------------------------------------------ */

static mutant *add_mutant(mutant_list *l, mkind kind, int file, size_t start, size_t end,
                          const char *with)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = tp_xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    mutant *m = &l->v[l->n++];
    memset(m, 0, sizeof *m);
    m->kind = kind;
    m->file = file;
    m->start = start;
    m->end = end;
    m->with = tp_xstrdup(with);
    return m;
}

static int line_of(const char *text, size_t at)
{
    int line = 1;
    for (size_t k = 0; k < at; k++)
        line += text[k] == '\n';
    return line;
}

static size_t offset_of_line(const char *text, int line)
{
    size_t k = 0;
    for (int l = 1; l < line && text[k]; k++)
        l += text[k] == '\n';
    return k;
}

static int file_index(const tp_kb *kb, const char *path)
{
    for (int f = 0; f < kb->nfiles; f++)
        if (kb->files[f].path == path || strcmp(kb->files[f].path, path) == 0)
            return f;
    return -1;
}

/* The span of rule r's defrule in its file; -1 when not found. */
static int rule_span(const tp_kb *kb, const tp_rule_desc *r, int *file, size_t *s, size_t *e)
{
    if (!r->file || (*file = file_index(kb, r->file)) < 0)
        return -1;
    const char *text = kb->files[*file].text;
    const char *p =
        strstr(text + offset_of_line(text, r->line), r->row ? "(flag-trigger" : "(defrule");
    if (!p || !(*e = tp_sexp_end(text, (size_t)(p - text))))
        return -1;
    *s = (size_t)(p - text);
    return 0;
}

/* Deleting a rule: its text blanked out, newlines kept (lines stay put). */
static void delete_rule(const tp_kb *kb, const tp_rule_desc *r, int f, size_t s, size_t e,
                        mutant_list *l)
{
    char *blank = tp_xmalloc(e - s + 1);
    for (size_t k = s; k < e; k++)
        blank[k - s] = kb->files[f].text[k] == '\n' ? '\n' : ' ';
    blank[e - s] = 0;
    mutant *m = add_mutant(l, M_RULE, f, s, e, blank);
    snprintf(m->name, sizeof m->name, "%s:%d: rule %s::%s deleted", kb->files[f].path, r->line,
             r->module, r->name);
    free(blank);
}

/* Lowering a flag level one step: the symbol after "(level" in the fact. */
static void level_mutants(const tp_kb *kb, const tp_policy *p, mutant_list *l)
{
    for (int i = 0; i < p->nflags; i++) {
        const tp_flag *fl = &p->flags[i];
        int li = -1;
        for (int k = 0; k < kb->nlevels; k++)
            if (strcmp(kb->levels[k].id, fl->level) == 0)
                li = k;
        int f;
        size_t s, e;
        if (li < 0 || li + 1 >= kb->nlevels ||
            tp_fact_span(kb, "flag-level", fl->kind, fl->id, &f, &s, &e) != 0)
            continue;
        const char *text = kb->files[f].text;
        const char *lv = strstr(text + s, "(level");
        if (!lv || (size_t)(lv - text) >= e)
            continue;
        const char *v = lv + 6;
        while (*v == ' ' || *v == '\t' || *v == '\n')
            v++;
        size_t vl = strcspn(v, " \t\n()");
        const char *next = kb->levels[li + 1].id;
        mutant *m = add_mutant(l, M_LEVEL, f, (size_t)(v - text), (size_t)(v - text) + vl, next);
        snprintf(m->name, sizeof m->name, "%s:%d: flag-level %s %s lowered from %s to %s",
                 kb->files[f].path, line_of(text, s), fl->kind, fl->id, fl->level, next);
    }
}

/* Whether an answer pattern's question constraint names a safety question
 * (an alternative of "a|b", "?q&a|b"). */
static int names_safety_question(const tp_kb *kb, const char *tok, size_t n)
{
    char buf[512];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, tok, n);
    buf[n] = 0;
    char *save = NULL;
    for (char *part = strtok_r(buf, "&|", &save); part; part = strtok_r(NULL, "&|", &save)) {
        const tp_question *q = tp_kb_question(kb, part);
        if (q && q->safety)
            return 1;
    }
    return 0;
}

/* The value token of slot name inside [s, e): its start and length. */
static const char *slot_token(const char *s, const char *e, const char *name, size_t *n)
{
    size_t nl = strlen(name);
    for (const char *p = s; p < e; p++) {
        if (*p != '(' || strncmp(p + 1, name, nl) != 0 || !isspace((unsigned char)p[1 + nl]))
            continue;
        const char *v = p + 1 + nl;
        while (v < e && isspace((unsigned char)*v))
            v++;
        *n = strcspn(v, " \t\n()");
        return v;
    }
    return NULL;
}

/* Dropping "unsure" from an answer pattern on a safety question: one mutant
 * per pattern whose value constraint lists unsure among other answers. */
static void drop_unsure(const tp_kb *kb, const tp_rule_desc *r, int f, size_t s, size_t e,
                        mutant_list *l)
{
    const char *text = kb->files[f].text;
    for (const char *p = text + s; (p = strstr(p, "(answer")) && (size_t)(p - text) < e; p++) {
        size_t pe = tp_sexp_end(text, (size_t)(p - text));
        size_t qn = 0, vn = 0;
        const char *q = slot_token(p, text + pe, "question", &qn);
        const char *v = slot_token(p, text + pe, "value", &vn);
        if (!pe || !q || !v || !names_safety_question(kb, q, qn))
            continue;
        /* find "unsure" as a whole alternative inside the value token */
        for (const char *u = v; (u = strstr(u, "unsure")) && u + 6 <= v + vn; u++) {
            int before = u > v && (u[-1] == '|'), after = u[6] == '|';
            int whole = (u == v || u[-1] == '|' || u[-1] == '&') &&
                        (u + 6 == v + vn || u[6] == '|' || u[6] == '&');
            if (!whole || !(before || after))
                continue;
            size_t ms = (size_t)(before ? u - 1 - text : u - text);
            size_t me = (size_t)(u - text) + 6 + (before ? 0 : 1);
            mutant *m = add_mutant(l, M_UNSURE, f, ms, me, "");
            snprintf(m->name, sizeof m->name,
                     "%s:%d: rule %s: unsure dropped from (question %.*s) (value %.*s)",
                     kb->files[f].path, line_of(text, (size_t)(p - text)), r->name, (int)qn, q,
                     (int)vn, v);
            break;
        }
    }
}

/* Dropping "unsure" from a row of the flag table: one mutant per values
 * slot of a safety question that lists unsure among other answers. */
static void drop_unsure_row(const tp_kb *kb, const tp_rule_desc *r, int f, size_t s, size_t e,
                            mutant_list *l)
{
    const char *text = kb->files[f].text;
    static const char *const slots[2] = {"(values ", "(and-values "};
    for (int k = 0; k < 2 && k < r->nconds; k++) {
        const char *v = strstr(text + s, slots[k]);
        const tp_question *q = tp_kb_question(kb, r->conds[k].question);
        if (!v || (size_t)(v - text) >= e || !q || !q->safety)
            continue;
        size_t vn = strcspn(v, ")");
        for (const char *u = v + strlen(slots[k]); (u = strstr(u, "unsure")) && u + 6 <= v + vn;
             u++) {
            if (u[-1] != ' ' || (u[6] != ' ' && u[6] != ')'))
                continue;
            if (u[-2] == 's' && u[6] == ')') /* the only value: nothing left to raise it */
                break;
            size_t ms = (size_t)(u - 1 - text), me = (size_t)(u - text) + 6;
            mutant *m = add_mutant(l, M_UNSURE, f, ms, me, "");
            snprintf(m->name, sizeof m->name, "%s:%d: rule %s: unsure dropped from %.*s)",
                     kb->files[f].path, line_of(text, (size_t)(v - text)), r->name, (int)vn, v);
            break;
        }
    }
}

/* The mutants of one kind made from each rule's text. */
static void rule_mutants(const tp_kb *kb, const tp_rule_set *rs, mkind kind, mutant_list *l)
{
    for (int i = 0; i < rs->n; i++) {
        int f;
        size_t s, e;
        if (rule_span(kb, &rs->rules[i], &f, &s, &e) != 0)
            continue;
        if (kind == M_RULE)
            delete_rule(kb, &rs->rules[i], f, s, e, l);
        else if (rs->rules[i].row)
            drop_unsure_row(kb, &rs->rules[i], f, s, e, l);
        else
            drop_unsure(kb, &rs->rules[i], f, s, e, l);
    }
}

/* ---- judging a mutant --------------------------------------------------------------- */

static void first_line(const char *s, char *out, size_t outlen)
{
    size_t n = s ? strcspn(s, "\n") : 0;
    snprintf(out, outlen, "%.*s", (int)(n < outlen ? n : outlen - 1), s ? s : "");
}

/* Judges kb (already mutated, or not at all) with every check in turn. */
static killer judge_kb(const tp_kb *kb, const case_set *cs, const tp_mutant_opts *o, char *why,
                       size_t whylen)
{
    tp_error err = {{0}};
    tp_triage *t = tp_triage_borrow(kb, &err);
    if (!t) {
        first_line(err.msg, why, whylen);
        return K_LOAD;
    }
    tp_buf errors = {0}, notes = {0};
    int bad = tp_check_static(t, &errors, &notes);
    tp_buf_free(&notes);
    if (bad) {
        first_line(errors.data, why, whylen);
        tp_buf_free(&errors);
        tp_triage_close(t);
        return K_STATIC;
    }
    tp_buf_free(&errors);
    tp_buf out = {0};
    int diffs = 0;
    for (int i = 0; i < cs->n && !diffs; i++) {
        tp_result r;
        if (tp_triage_case(t, &cs->v[i], &r, &err) != 0) {
            tp_buf_printf(&out, "%s: %s\n", cs->v[i].name, err.msg);
            diffs++;
        } else {
            diffs += tp_result_check(kb, &cs->v[i], &r, &out);
        }
    }
    tp_triage_close(t);
    if (diffs) {
        first_line(out.data, why, whylen);
        tp_buf_free(&out);
        return K_CASES;
    }
    tp_buf_free(&out);
    if (o->budget <= 0)
        return K_NONE;
    tp_verify_opts vo = {o->budget, 1, 1, 1, 0};
    tp_verify_stats st;
    int rv = tp_verify_safety(kb, &vo, &st, &out, &err);
    const char *v = out.data ? strstr(out.data, "violation: ") : NULL;
    first_line(rv < 0 ? err.msg : v ? v + 11 : "", why, whylen);
    tp_buf_free(&out);
    return rv != 0 ? K_VERIFIER : K_NONE;
}

static killer judge_mutant(const tp_kb *kb, const mutant *m, const case_set *cs,
                           const tp_mutant_opts *o, char *why, size_t whylen)
{
    tp_kb mk = *kb;
    mk.files = tp_xmalloc((size_t)kb->nfiles * sizeof *mk.files);
    memcpy(mk.files, kb->files, (size_t)kb->nfiles * sizeof *mk.files);
    const char *text = kb->files[m->file].text;
    tp_buf edited = {0};
    tp_buf_add(&edited, text, m->start);
    tp_buf_puts(&edited, m->with);
    tp_buf_puts(&edited, text + m->end);
    mk.files[m->file].text = edited.data;
    killer k = judge_kb(&mk, cs, o, why, whylen);
    tp_buf_free(&edited);
    free(mk.files);
    return k;
}

/* ---- cases ------------------------------------------------------------------------------- */

static void load_cases(const tp_kb *kb, const tp_mutant_opts *o, case_set *cs)
{
    memset(cs, 0, sizeof *cs);
    for (int d = 0; d < o->ncase_dirs; d++) {
        char **paths;
        int n;
        if (tp_sym_list(o->case_dirs[d], &paths, &n) != 0)
            continue; /* the case step has reported it */
        for (int i = 0; i < n; i++) {
            tp_error err = {{0}};
            size_t len;
            char *text = tp_read_file(paths[i], CASE_FILE_MAX, &len, &err);
            cs->v = tp_xrealloc(cs->v, (size_t)(cs->n + 1) * sizeof *cs->v);
            tp_case *c = &cs->v[cs->n];
            tp_case_init(c, paths[i]);
            if (text && tp_symfile_parse(c, kb, paths[i], text, len, &err) == 0 && c->nexpects)
                cs->n++;
            else
                tp_case_free(c);
            free(text);
        }
        tp_sym_list_free(paths, n);
    }
}

static void free_cases(case_set *cs)
{
    for (int i = 0; i < cs->n; i++)
        tp_case_free(&cs->v[i]);
    free(cs->v);
}

/* ---- running them all -------------------------------------------------------------------- */

static void run_workers(const tp_kb *kb, const mutant_list *l, const case_set *cs,
                        const tp_mutant_opts *o, verdict *res)
{
    int n = o->workers < 1 ? 1 : o->workers;
    pid_t *pids = tp_xmalloc((size_t)n * sizeof *pids);
    int started = 0;
    for (int k = 0; k < n; k++) {
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0)
            break;
        if (pid == 0) {
            for (int i = k; i < l->n; i += n) {
                res[i].by = judge_mutant(kb, &l->v[i], cs, o, res[i].why, sizeof res[i].why);
                res[i].done = 1;
            }
            _exit(0);
        }
        pids[started++] = pid;
    }
    for (int k = 0; k < started; k++) {
        int status;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
    }
    /* whatever a worker could not do (fork failed, it crashed) is done here */
    for (int i = 0; i < l->n; i++)
        if (!res[i].done) {
            res[i].by = judge_mutant(kb, &l->v[i], cs, o, res[i].why, sizeof res[i].why);
            res[i].done = 1;
        }
    free(pids);
}

static void report(const mutant_list *l, const verdict *res, double seconds, int workers)
{
    int built[M_NKINDS] = {0}, by[M_NKINDS][K_NKILLERS];
    memset(by, 0, sizeof by);
    for (int i = 0; i < l->n; i++) {
        built[l->v[i].kind]++;
        by[l->v[i].kind][res[i].by]++;
    }
    int survivors = 0;
    for (int k = 0; k < M_NKINDS; k++) {
        printf("mutants: %-18s %3d built, %3d killed (%d by loading, %d by static checks, %d by "
               "case files, %d by the verifier), %d survived\n",
               kind_names[k], built[k], built[k] - by[k][K_NONE], by[k][K_LOAD], by[k][K_STATIC],
               by[k][K_CASES], by[k][K_VERIFIER], by[k][K_NONE]);
        survivors += by[k][K_NONE];
    }
    for (int i = 0; i < l->n; i++)
        if (res[i].by == K_NONE)
            printf("survivor: %s\n", l->v[i].name);
    printf("mutants: %d built, %d killed, %d survived, %d worker%s, %.1f s\n", l->n,
           l->n - survivors, survivors, workers, workers == 1 ? "" : "s", seconds);
}

int tp_mutants_run(const tp_kb *kb, const tp_mutant_opts *o)
{
    double t0 = tp_now();
    tp_error err = {{0}};
    tp_triage *t = tp_triage_borrow(kb, &err);
    if (!t) {
        printf("mutants: the knowledge base does not load: %s\n", err.msg);
        return -1;
    }
    const tp_rule_set *rs = tp_triage_rules(t);
    tp_policy p;
    tp_triage_policy(t, &p);
    mutant_list l = {0};
    rule_mutants(kb, rs, M_RULE, &l);
    level_mutants(kb, &p, &l);
    rule_mutants(kb, rs, M_UNSURE, &l);
    tp_policy_free(&p);
    tp_triage_close(t);
    case_set cs;
    load_cases(kb, o, &cs);
    char why[300];
    killer base = judge_kb(kb, &cs, o, why, sizeof why);
    int rv = -1;
    if (base != K_NONE) {
        printf("mutants: not run: the unmutated knowledge base fails its %s: %s\n",
               killer_names[base], why);
    } else {
        verdict *res = mmap(NULL, (size_t)(l.n ? l.n : 1) * sizeof *res, PROT_READ | PROT_WRITE,
                            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (res == MAP_FAILED) {
            printf("mutants: cannot share memory: %s\n", strerror(errno));
        } else {
            memset(res, 0, (size_t)(l.n ? l.n : 1) * sizeof *res);
            run_workers(kb, &l, &cs, o, res);
            report(&l, res, tp_now() - t0, o->workers < 1 ? 1 : o->workers);
            rv = 0;
            for (int i = 0; i < l.n; i++)
                rv += res[i].by == K_NONE;
            munmap(res, (size_t)(l.n ? l.n : 1) * sizeof *res);
        }
    }
    for (int i = 0; i < l.n; i++)
        free(l.v[i].with);
    free(l.v);
    free_cases(&cs);
    return rv;
}
