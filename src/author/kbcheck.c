/* kbcheck.c: `tptriage check`: scan, load, static checks, case files,
 * coverage, then safety verification (verify.c). */
#include "kbcheck.h"

#include "citecheck.h"
#include "floor.h"
#include "groupcheck.h"
#include "result.h"
#include "triage.h"
#include "unsurecheck.h"
#include "verify.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- refused functions ------------------------------------------------------ */

/* Whether a word names a function or construct the engine's sandbox
 * refuses (one list, kept by the engine). */
static int is_refused(const char *word)
{
    const char *const *lists[] = {tp_triage_denied_functions(), tp_triage_denied_constructs()};
    for (size_t l = 0; l < 2; l++)
        for (const char *const *f = lists[l]; *f; f++)
            if (strcmp(*f, word) == 0)
                return 1;
    return 0;
}

struct scan {
    const char *path; /* the file */
    tp_buf *out;      /* the messages */
    int found;        /* how many */
};

static void scan_head(void *ud, const char *word, int line)
{
    struct scan *sc = ud;
    if (!is_refused(word))
        return;
    tp_buf_printf(sc->out,
                  "%s:%d: uses '%s', which a knowledge base may not use: it reaches files, the "
                  "system or the rule parser, or can loop without end\n",
                  sc->path, line, word);
    sc->found++;
}

int tp_check_scan(const char *path, const char *text, tp_buf *out)
{
    struct scan sc = {path, out, 0};
    tp_clips_heads(text, scan_head, &sc);
    return sc.found;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's files ending in ext, sorted, as full paths. */
static int list_ext(const char *dir, const char *ext, char ***paths, int *n)
{
    *paths = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *de;
    size_t elen = strlen(ext);
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= elen || strcmp(de->d_name + len - elen, ext) != 0)
            continue;
        char full[PATH_MAX + 256];
        snprintf(full, sizeof full, "%s/%s", dir, de->d_name);
        *paths = tp_xrealloc(*paths, (size_t)(*n + 1) * sizeof **paths);
        (*paths)[(*n)++] = tp_xstrdup(full);
    }
    closedir(d);
    if (*n) /* qsort of no elements: a NULL base is undefined */
        qsort(*paths, (size_t)*n, sizeof **paths, by_name);
    return 0;
}

int tp_sym_list(const char *dir, char ***paths, int *n)
{
    return list_ext(dir, ".sym", paths, n);
}

void tp_sym_list_free(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

/* Scans rules/ and facts/ of dir before anything is loaded. */
int tp_check_scan_kb(const char *dir, tp_buf *out)
{
    static const char *const subs[] = {"rules", "facts"};
    int found = 0;
    for (int s = 0; s < 2; s++) {
        char sub[PATH_MAX];
        snprintf(sub, sizeof sub, "%s/%s", dir, subs[s]);
        char **paths;
        int n;
        if (list_ext(sub, ".clp", &paths, &n) != 0)
            continue; /* loading reports the missing folder */
        for (int i = 0; i < n; i++) {
            tp_error err = {{0}};
            size_t len;
            char *text = tp_read_file(paths[i], 4u << 20, &len, &err);
            if (text)
                found += tp_check_scan(paths[i], text, out);
            free(text);
        }
        tp_sym_list_free(paths, n);
    }
    return found;
}

/* ---- static checks --------------------------------------------------------- */

/* Where a fact is written: the first file and line holding needle. */
static void where(const tp_kb *kb, const char *needle, char *out, size_t outlen)
{
    for (int f = 0; f < kb->nfiles; f++) {
        const char *hit = strstr(kb->files[f].text, needle);
        if (!hit)
            continue;
        int line = 1;
        for (const char *q = kb->files[f].text; q < hit; q++)
            line += *q == '\n';
        snprintf(out, outlen, "%s:%d", kb->files[f].path, line);
        return;
    }
    snprintf(out, outlen, "%s", kb->dir);
}

void tp_check_rule_where(const tp_rule_desc *r, const tp_kb *kb, char *out, size_t outlen)
{
    if (r->file)
        snprintf(out, outlen, "%s:%d", r->file, r->line);
    else
        snprintf(out, outlen, "%s", kb->dir);
}

/* ---- "did you mean" -------------------------------------------------------- */

/* Edit distance between a and b (insert, delete, substitute, swap), capped. */
static int distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 63 || m > 63)
        return 99;
    int d[64][64];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < c)
                c = d[i - 2][j - 2] + 1;
            d[i][j] = c;
        }
    return d[n][m];
}

/* The candidates a misspelt id is compared with. */
typedef struct {
    const char *best; /* the nearest so far */
    int dist;         /* its distance */
    const char *word; /* the word looked up */
} near;

static void near_try(near *nr, const char *cand)
{
    if (!cand || !*cand)
        return;
    int d = distance(nr->word, cand);
    size_t len = strlen(nr->word);
    int limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    if (d > 0 && d <= limit && (!nr->best || d < nr->dist)) {
        nr->best = cand;
        nr->dist = d;
    }
}

/* "; did you mean X?" or "" (buffer out). */
static const char *near_words(const near *nr, char *out, size_t outlen)
{
    if (nr->best)
        snprintf(out, outlen, "; did you mean %s?", nr->best);
    else
        out[0] = 0;
    return out;
}

enum { NEAR_QUESTION, NEAR_LEVEL, NEAR_SOURCE, NEAR_KIND };

/* The nearest id of one sort: question, level, source or kind. */
static const char *mean(const tp_kb *kb, int sort, const char *word, char *out, size_t outlen)
{
    near nr = {NULL, 0, word};
    if (sort == NEAR_QUESTION)
        for (int i = 0; i < kb->nquestions; i++)
            near_try(&nr, kb->questions[i].id);
    if (sort == NEAR_LEVEL)
        for (int i = 0; i < kb->nlevels; i++)
            near_try(&nr, kb->levels[i].id);
    if (sort == NEAR_SOURCE)
        for (int i = 0; i < kb->nsources; i++)
            near_try(&nr, kb->sources[i].id);
    if (sort == NEAR_KIND)
        for (int i = 0; i < kb->nkinds; i++)
            near_try(&nr, kb->kinds[i].id);
    return near_words(&nr, out, outlen);
}

/* The nearest text id of a kind, or the nearest value of a question. */
static const char *mean_text(const tp_kb *kb, const char *kind, const char *word, char *out,
                             size_t outlen)
{
    near nr = {NULL, 0, word};
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].kind, kind) == 0)
            near_try(&nr, kb->texts[i].id);
    return near_words(&nr, out, outlen);
}

static const char *mean_value(const tp_question *q, const char *word, char *out, size_t outlen)
{
    near nr = {NULL, 0, word};
    for (int i = 0; q && i < q->nvalues; i++)
        near_try(&nr, q->values[i]);
    return near_words(&nr, out, outlen);
}

static int check_make(const tp_kb *kb, const tp_rule_desc *r, const tp_rule_make *m, const char *at,
                      tp_buf *errors)
{
    char dym[300];
    int bad = 0;
    const char *what = m->id ? m->id : "(variable id)";
    if (!r->table && (!m->rule || strcmp(m->rule, r->name) != 0)) {
        tp_buf_printf(errors,
                      "%s: rule %s asserts %s with (rule %s); it must name the rule itself\n", at,
                      r->name, what, m->rule ? m->rule : "missing");
        bad++;
    }
    if (!m->has_reason) {
        tp_buf_printf(errors, "%s: rule %s asserts %s without a (reason ...)\n", at, r->name, what);
        bad++;
    }
    if (!m->has_source) {
        tp_buf_printf(errors, "%s: rule %s asserts %s without a (source ...)\n", at, r->name, what);
        bad++;
    } else if (m->source && !tp_kb_source(kb, m->source)) {
        tp_buf_printf(errors, "%s: rule %s cites source %s, which facts/ does not define%s\n", at,
                      r->name, m->source, mean(kb, NEAR_SOURCE, m->source, dym, sizeof dym));
        bad++;
    }
    if (!m->kind || !m->id)
        return bad;
    if (strcmp(m->kind, "level") == 0) {
        if (!tp_kb_level(kb, m->id)) {
            tp_buf_printf(errors,
                          "%s: rule %s concludes level %s, which is not a defined level%s\n", at,
                          r->name, m->id, mean(kb, NEAR_LEVEL, m->id, dym, sizeof dym));
            bad++;
        }
    } else if (!tp_kb_text(kb, m->kind, m->id)) {
        tp_buf_printf(errors, "%s: rule %s concludes %s %s, which has no text fact%s\n", at,
                      r->name, m->kind, m->id, mean_text(kb, m->kind, m->id, dym, sizeof dym));
        bad++;
    }
    return bad;
}

/* Every level symbol a rule's level tests (disposition, open-below) and
 * conclusion patterns name is a defined level. */
static int check_level_symbols(const tp_kb *kb, const tp_rule_desc *r, const char *at,
                               tp_buf *errors)
{
    int bad = 0;
    char dym[300];
    for (int i = 0; i < r->nconds; i++) {
        const tp_rule_cond *c = &r->conds[i];
        const char *text = c->level;
        if (!text && c->kind && c->id && tp_constraint_admits(c->kind, "level") == 1 &&
            !strchr(c->kind, '?'))
            text = c->id;
        if (!text)
            continue;
        char buf[512];
        snprintf(buf, sizeof buf, "%s", text);
        for (char *save = NULL, *t = strtok_r(buf, "|&~ ", &save); t;
             t = strtok_r(NULL, "|&~ ", &save)) {
            if (*t == '?' || *t == '$' || *t == ':' || *t == '=' || *t == '(' || tp_kb_level(kb, t))
                continue;
            tp_buf_printf(errors,
                          "%s: rule %s tests the level %s, which is not a defined level%s\n", at,
                          r->name, t, mean(kb, NEAR_LEVEL, t, dym, sizeof dym));
            bad++;
        }
    }
    return bad;
}

/* A rule's level test may not admit a level more urgent than the from-level
 * of a kind it concludes: the conclusion could stand where the kind may not
 * (a technique given with a red flag). */
static int check_level_test(const tp_kb *kb, const tp_policy *p, const tp_rule_desc *r,
                            tp_buf *errors)
{
    int bad = 0;
    for (int i = 0; i < r->nmakes; i++) {
        const tp_rule_make *m = &r->makes[i];
        const tp_kind *k = m->kind ? tp_kb_kind(kb, m->kind) : NULL;
        const tp_level *from = k ? p->from[k - kb->kinds] : NULL;
        if (!from || strcmp(m->kind, "level") == 0)
            continue;
        for (int c = 0; c < r->nconds; c++) {
            const tp_rule_cond *cd = &r->conds[c];
            if (!cd->tmpl || strcmp(cd->tmpl, "disposition") != 0 || cd->negated || !cd->level)
                continue;
            for (int l = 0; l < kb->nlevels; l++) {
                const tp_level *lv = &kb->levels[l];
                if (lv->rank >= from->rank || tp_constraint_admits(cd->level, lv->id) != 1)
                    continue;
                char at[PATH_MAX + 32];
                tp_check_rule_where(r, kb, at, sizeof at);
                tp_buf_printf(errors,
                              "%s: rule %s concludes %s %s, which may stand only from %s on "
                              "(the from-level of kind %s, facts/output.clp), but its level "
                              "test (disposition (level %s)) admits %s, more urgent: limit "
                              "the test to %s or less urgent levels\n",
                              at, r->name, m->kind, m->id ? m->id : "(variable id)", from->id,
                              m->kind, cd->level, lv->id, from->id);
                bad++;
                break;
            }
        }
    }
    return bad;
}

static int check_rule(const tp_kb *kb, const tp_rule_desc *r, tp_buf *errors)
{
    char at[PATH_MAX + 32], dym[300];
    tp_check_rule_where(r, kb, at, sizeof at);
    int bad = check_level_symbols(kb, r, at, errors);
    if (!r->comment || !*r->comment) {
        tp_buf_printf(errors, "%s: rule %s has no comment string saying why it exists\n", at,
                      r->name);
        bad++;
    }
    for (int i = 0; i < r->nreads; i++)
        if (!tp_kb_question(kb, r->reads[i])) {
            tp_buf_printf(errors, "%s: rule %s reads question %s, which is not defined%s\n", at,
                          r->name, r->reads[i],
                          mean(kb, NEAR_QUESTION, r->reads[i], dym, sizeof dym));
            bad++;
        }
    for (int i = 0; i < r->nasks; i++)
        if (!tp_kb_question(kb, r->asks[i])) {
            tp_buf_printf(errors, "%s: rule %s asks question %s, which is not defined%s\n", at,
                          r->name, r->asks[i],
                          mean(kb, NEAR_QUESTION, r->asks[i], dym, sizeof dym));
            bad++;
        }
    for (int i = 0; i < r->nmakes; i++)
        bad += check_make(kb, r, &r->makes[i], at, errors);
    return bad;
}

/* A rule that asks a question once another is answered (a follow-up) must
 * not outlive its gate: the question it reads has to be asked for as long as
 * the follow-up is, or a level reached early stops the gate being asked and
 * the follow-up, with the flag it may raise, is never reached. And the
 * follow-up's own ask-below says the same as the rule's open-below. */
static int check_gate(const tp_kb *kb, const tp_rule_desc *r, tp_buf *errors)
{
    const tp_level *open = NULL;
    for (int i = 0; i < r->nconds; i++)
        if (r->conds[i].tmpl && strcmp(r->conds[i].tmpl, "open-below") == 0 &&
            !r->conds[i].negated && r->conds[i].level)
            open = tp_kb_level(kb, r->conds[i].level);
    if (!open || r->nasks == 0)
        return 0;
    char at[PATH_MAX + 32];
    tp_check_rule_where(r, kb, at, sizeof at);
    int bad = 0;
    for (int i = 0; i < r->nconds; i++) {
        const tp_rule_cond *c = &r->conds[i];
        const tp_question *gate =
            c->question && !c->negated ? tp_kb_question(kb, c->question) : NULL;
        const tp_level *gl = tp_kb_ask_below(kb, gate);
        if (!gl || gl->rank <= open->rank)
            continue;
        tp_buf_printf(errors,
                      "%s: rule %s asks %s while the level is below %s, but %s, which it needs "
                      "answered, is asked only below %s: once %s is reached %s is not asked and "
                      "neither is %s; give %s (ask-below %s) so that it is asked for as long "
                      "as %s is\n",
                      at, r->name, r->asks[0], open->id, gate->id, gl->id, gl->id, gate->id,
                      r->asks[0], gate->id, open->id, r->asks[0]);
        bad++;
    }
    for (int i = 0; i < r->nasks; i++) {
        const tp_question *q = tp_kb_question(kb, r->asks[i]);
        const tp_level *ql = tp_kb_ask_below(kb, q);
        if (!ql || ql == open)
            continue;
        tp_buf_printf(errors,
                      "%s: rule %s asks %s while the level is below %s, but %s says "
                      "(ask-below %s); make the two the same\n",
                      at, r->name, q->id, open->id, q->id, ql->id);
        bad++;
    }
    return bad;
}

static int has_value(const tp_question *q, const char *v)
{
    return tp_kb_value(q, v) != NULL;
}

static int check_question(const tp_kb *kb, const tp_question *q, tp_buf *errors)
{
    char needle[256], at[PATH_MAX + 32];
    snprintf(needle, sizeof needle, "(question (id %s)", q->id);
    where(kb, needle, at, sizeof at);
    int bad = 0;
    const char *missing = !*q->text                                   ? "text"
                          : !*q->help                                 ? "help"
                          : q->kind != TP_Q_NUMBER && q->nvalues == 0 ? "allowed values"
                          : (has_value(q, "unsure") || q->kind == TP_Q_NUMBER) && !*q->unsure
                              ? "unsure text (how an unsure answer is treated)"
                              : NULL;
    if (missing) {
        tp_buf_printf(errors, "%s: question %s has no %s\n", at, q->id, missing);
        bad++;
    }
    if (q->kind == TP_Q_NUMBER && q->min > q->max) {
        tp_buf_printf(errors, "%s: question %s allows no number (min %lld > max %lld)\n", at, q->id,
                      q->min, q->max);
        bad++;
    }
    if (*q->ask_below && !tp_kb_level(kb, q->ask_below)) {
        char dym[300];
        tp_buf_printf(errors, "%s: question %s has ask-below %s, which is not a level%s\n", at,
                      q->id, q->ask_below, mean(kb, NEAR_LEVEL, q->ask_below, dym, sizeof dym));
        bad++;
    }
    return bad;
}

static int check_flag(const tp_kb *kb, const tp_flag *f, const char *tmpl, tp_buf *errors)
{
    char at[PATH_MAX + 32], dym[300];
    tp_fact_where(kb, tmpl, f->kind, f->id, at, sizeof at);
    int bad = 0;
    /* made from its row's level: said once, of the row */
    int derived = tp_fact_derived(kb, tmpl, f->kind, f->id, NULL, NULL, NULL);
    if (derived && strcmp(tmpl, "safety-floor") == 0 &&
        tp_fact_derived(kb, "flag-level", f->kind, f->id, NULL, NULL, NULL))
        return 0;
    if (derived)
        tmpl = "the flag table's row of";
    if (!tp_kb_level(kb, f->level)) {
        tp_buf_printf(errors, "%s: %s %s %s calls for level %s, which is not defined%s\n", at, tmpl,
                      f->kind, f->id, f->level, mean(kb, NEAR_LEVEL, f->level, dym, sizeof dym));
        bad++;
    }
    if (!tp_kb_source(kb, f->source)) {
        tp_buf_printf(errors, "%s: %s %s %s cites source %s, which is not defined%s\n", at, tmpl,
                      f->kind, f->id, f->source, mean(kb, NEAR_SOURCE, f->source, dym, sizeof dym));
        bad++;
    }
    if (!tp_kb_text(kb, f->kind, f->id)) {
        tp_buf_printf(errors, "%s: %s %s %s has no text fact%s\n", at, tmpl, f->kind, f->id,
                      mean_text(kb, f->kind, f->id, dym, sizeof dym));
        bad++;
    }
    return bad;
}

/* A flag's level against its safety floor, and a flag without a floor. */
static int check_floor(const tp_kb *kb, const tp_policy *p, const tp_flag *f, tp_buf *errors)
{
    char at[PATH_MAX + 32], fat[PATH_MAX + 32];
    tp_fact_where(kb, "flag-level", f->kind, f->id, at, sizeof at);
    const tp_flag *floor = tp_policy_floor(p, f->kind, f->id);
    if (!floor) {
        tp_buf_printf(errors,
                      "%s: %s %s has no safety floor: add (safety-floor (kind %s) (id %s) "
                      "(level LEVEL) (source SOURCE)) to facts/safety-floor.clp, from the "
                      "clinical brief\n",
                      at, f->kind, f->id, f->kind, f->id);
        return 1;
    }
    const tp_level *l = tp_kb_level(kb, f->level), *min = tp_kb_level(kb, floor->level);
    if (!l || !min || l->rank <= min->rank)
        return 0;
    tp_fact_where(kb, "safety-floor", f->kind, f->id, fat, sizeof fat);
    tp_buf_printf(errors, "%s: flag-level %s %s is %s, less urgent than its safety floor %s (%s)\n",
                  at, f->kind, f->id, f->level, floor->level, fat);
    return 1;
}

/* Every conclusion of a flag kind a rule asserts needs a flag-level fact
 * and a safety floor. */
static int check_flag_makes(const tp_kb *kb, const tp_policy *p, const tp_rule_desc *r,
                            tp_buf *errors)
{
    char at[PATH_MAX + 32];
    int bad = 0;
    for (int i = 0; i < r->nmakes; i++) {
        const tp_rule_make *m = &r->makes[i];
        if (!m->kind || !tp_policy_flag_kind(p, m->kind))
            continue;
        tp_check_rule_where(r, kb, at, sizeof at);
        if (!m->id) {
            tp_buf_printf(errors,
                          "%s: rule %s concludes a %s whose id is not written out, so check "
                          "cannot find its flag-level fact and floor: name the id\n",
                          at, r->name, m->kind);
            bad++;
            continue;
        }
        if (!tp_policy_flag(p, m->kind, m->id)) {
            tp_buf_printf(errors,
                          "%s: rule %s concludes %s %s, which has no flag-level fact: every %s "
                          "needs one (facts/levels.clp) naming the least urgent level it "
                          "calls for%s\n",
                          at, r->name, m->kind, m->id, m->kind,
                          r->row ? ", or a (level LEVEL) in its row" : "");
            bad++;
        }
        if (!tp_policy_floor(p, m->kind, m->id) && !tp_policy_flag(p, m->kind, m->id)) {
            tp_buf_printf(errors,
                          "%s: rule %s concludes %s %s, which has no safety floor "
                          "(facts/safety-floor.clp)\n",
                          at, r->name, m->kind, m->id);
            bad++;
        }
    }
    return bad;
}

/* When each rule can first fire and what its conclusions keep out, as
 * level ranks (1 the most urgent). A rule fires from the most urgent level
 * its disposition patterns admit (any, without one) and no earlier than the
 * conclusions it reads; a conclusion can be shown from its kind's from-level
 * and no earlier than a rule making it fires. */
typedef struct {
    int *first;        /* per rule: the rank from which it can fire */
    int *keep;         /* per rule: the most urgent rank at which something its
                          conclusions keep out (a forbids fact, directly or through
                          the rules that read them) can be shown; 0: nothing */
    const char **kept; /* per rule: the kind kept out there */
} reach;

static int makes_match(const tp_rule_desc *r, const char *kind, const char *id)
{
    for (int j = 0; j < r->nmakes; j++) {
        const tp_rule_make *m = &r->makes[j];
        if (m->kind && strcmp(m->kind, kind) == 0 &&
            (!id || !m->id || strcmp(id, "any") == 0 || strcmp(m->id, id) == 0))
            return 1;
    }
    return 0;
}

/* The rank from which some rule makes kind/id (1 when none does: a fact). */
static int first_made(const tp_rule_set *rs, const reach *ra, const char *kind, const char *id)
{
    int best = 0;
    for (int i = 0; i < rs->n; i++)
        if (makes_match(&rs->rules[i], kind, id) && (!best || ra->first[i] < best))
            best = ra->first[i];
    return best ? best : 1;
}

/* The rank from which kind/id can be shown; 0 when its kind has no
 * from-level (shown at every level: no level is named). */
static int shown_from(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs, const reach *ra,
                      const char *kind, const char *id)
{
    const tp_kind *k = tp_kb_kind(kb, kind);
    const tp_level *from = k ? p->from[k - kb->kinds] : NULL;
    if (!from)
        return 0;
    int made = first_made(rs, ra, kind, id);
    return made > from->rank ? made : from->rank;
}

static const tp_level *level_ranked(const tp_kb *kb, int rank)
{
    for (int i = 0; i < kb->nlevels; i++)
        if (kb->levels[i].rank == rank)
            return &kb->levels[i];
    return NULL;
}

static void reach_compute(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs, reach *ra)
{
    size_t n = (size_t)(rs->n ? rs->n : 1);
    ra->first = tp_xmalloc(n * sizeof *ra->first);
    ra->keep = tp_xmalloc(n * sizeof *ra->keep);
    ra->kept = tp_xmalloc(n * sizeof *ra->kept);
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        int g = 0; /* each gate is one level id (ruleinfo splits a|b) */
        for (int k = 0; k < r->ngates && !r->gate_negated; k++) {
            const tp_level *x = tp_kb_level(kb, r->gates[k]);
            if (x && (!g || x->rank < g))
                g = x->rank;
        }
        ra->first[i] = g ? g : 1;
        ra->keep[i] = 0;
        ra->kept[i] = NULL;
    }
    for (int changed = 1, round = 0; changed && round <= rs->n; round++) {
        changed = 0;
        for (int i = 0; i < rs->n; i++)
            for (int k = 0; k < rs->rules[i].nneeds; k++) {
                const tp_rule_need *nd = &rs->rules[i].needs[k];
                int f = nd->negated || !nd->kind ? 1 : first_made(rs, ra, nd->kind, nd->id);
                if (f > ra->first[i])
                    ra->first[i] = f, changed = 1;
            }
    }
    for (int i = 0; i < rs->n; i++)
        for (int k = 0; k < p->nforbids; k++) {
            const tp_forbid *fb = &p->forbids[k];
            if (!makes_match(&rs->rules[i], fb->kind, fb->id))
                continue;
            int from = shown_from(kb, p, rs, ra, fb->other_kind, fb->other_id);
            if (from && (!ra->keep[i] || from < ra->keep[i]))
                ra->keep[i] = from, ra->kept[i] = fb->other_kind;
        }
    for (int changed = 1, round = 0; changed && round <= rs->n; round++) {
        changed = 0;
        for (int i = 0; i < rs->n; i++)
            for (int j = 0; j < rs->n; j++) {
                if (!ra->keep[j] || (ra->keep[i] && ra->keep[i] <= ra->keep[j]))
                    continue;
                int feeds = 0; /* rule j reads what rule i concludes */
                for (int k = 0; k < rs->rules[j].nneeds && !feeds; k++) {
                    const tp_rule_need *nd = &rs->rules[j].needs[k];
                    feeds =
                        !nd->negated && nd->kind && makes_match(&rs->rules[i], nd->kind, nd->id);
                }
                if (feeds)
                    ra->keep[i] = ra->keep[j], ra->kept[i] = ra->kept[j], changed = 1;
            }
    }
}

static void reach_free(reach *ra)
{
    free(ra->first);
    free(ra->keep);
    free(ra->kept);
}

/* A question whose answer can make a level must be asked for as long as
 * that level is not reached: a rule that concludes level L (or a flag
 * calling for L) from an answer to Q needs Q asked while the level is below
 * L, so Q's ask-below must be L or more urgent. Otherwise a person already
 * at a less urgent level is not asked Q, and is told less than their
 * answers call for. */
static int check_asked_long_enough(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs,
                                   const reach *ra, int ri, tp_buf *errors)
{
    const tp_rule_desc *r = &rs->rules[ri];
    /* what it keeps out matters where that is shown and the rule can fire */
    int keep = ra->keep[ri] && ra->first[ri] > ra->keep[ri] ? ra->first[ri] : ra->keep[ri];
    const tp_level *kept = keep ? level_ranked(kb, keep) : NULL;
    const tp_level *makes = NULL;
    for (int i = 0; i < r->nmakes; i++) {
        const tp_rule_make *m = &r->makes[i];
        if (!m->kind || !m->id)
            continue;
        const tp_flag *f = tp_policy_flag(p, m->kind, m->id);
        const tp_level *l = f                               ? tp_kb_level(kb, f->level)
                            : strcmp(m->kind, "level") == 0 ? tp_kb_level(kb, m->id)
                                                            : NULL;
        if (l && (!makes || l->rank < makes->rank))
            makes = l;
    }
    if (!makes && !kept)
        return 0;
    char at[PATH_MAX + 32];
    int bad = 0;
    for (int i = 0; i < r->nreads; i++) { /* every question its answer patterns name */
        const tp_question *q = tp_kb_question(kb, r->reads[i]);
        const tp_level *below = tp_kb_ask_below(kb, q);
        if (!below)
            continue;
        tp_check_rule_where(r, kb, at, sizeof at);
        if (makes && below->rank > makes->rank) {
            tp_buf_printf(errors,
                          "%s: rule %s can make it %s from the answer to %s, but %s is "
                          "asked only below %s: a person already at %s is not asked it and "
                          "is told less than the answer calls for; give %s (ask-below %s)\n",
                          at, r->name, makes->id, q->id, q->id, below->id, below->id, q->id,
                          makes->id);
            bad++;
        } else if (kept && below->rank >= kept->rank) {
            tp_buf_printf(errors,
                          "%s: rule %s concludes from the answer to %s what keeps a %s out "
                          "(a forbids fact), and a %s can be shown from %s; but %s is asked "
                          "only below %s, so there it is not asked and nothing is kept out; "
                          "give %s an ask-below more urgent than %s\n",
                          at, r->name, q->id, ra->kept[ri], ra->kept[ri], kept->id, q->id,
                          below->id, q->id, kept->id);
            bad++;
        }
    }
    return bad;
}

/* Question q must be asked at level l (its ask-below more urgent than l),
 * because fact tmpl says what it brings there; else an error at q. */
static int asked_at(const tp_kb *kb, const char *qid, const tp_level *l, const char *tmpl,
                    const char *what, tp_buf *errors)
{
    const tp_question *q = tp_kb_question(kb, qid);
    const tp_level *below = tp_kb_ask_below(kb, q);
    if (!l || !below || below->rank < l->rank)
        return 0;
    char at[PATH_MAX + 32];
    tp_kb_fact_where(kb, "question", q->id, NULL, at, sizeof at);
    tp_buf_printf(errors,
                  "%s: question %s is asked only below %s, but %s at %s, where it is no longer "
                  "asked (a %s fact); give it an ask-below more urgent than %s\n",
                  at, q->id, below->id, what, l->id, tmpl, l->id);
    return 1;
}

/* A useful fact says question Q's answer brings advice at level L, and a
 * requires fact that a conclusion shown from level L needs Q's answer: Q
 * must then be asked at L. */
static int check_useful_asked(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs,
                              const reach *ra, tp_buf *errors)
{
    int bad = 0;
    char what[300];
    for (int i = 0; i < p->nuseful; i++) {
        const tp_rule_fact *u = &p->useful[i];
        snprintf(what, sizeof what, "its answer brings %s advice", u->kind);
        bad += asked_at(kb, u->question, tp_kb_level(kb, u->level), "useful", what, errors);
    }
    for (int i = 0; i < p->nneeds; i++) {
        const tp_rule_fact *n = &p->needs[i];
        const tp_level *from = level_ranked(kb, shown_from(kb, p, rs, ra, n->kind, n->id));
        snprintf(what, sizeof what, "%s %s needs its answer, and %s is shown", n->kind, n->id,
                 n->kind);
        bad += asked_at(kb, n->question, from, "requires", what, errors);
    }
    return bad;
}

/* A question and values named by a requires or useful fact. */
static int check_answer_ref(const tp_kb *kb, const char *tmpl, const tp_rule_fact *f,
                            const char *at, tp_buf *errors)
{
    char dym[300];
    const tp_question *q = tp_kb_question(kb, f->question);
    if (!q) {
        tp_buf_printf(errors, "%s: %s fact names question %s, which is not defined%s\n", at, tmpl,
                      f->question, mean(kb, NEAR_QUESTION, f->question, dym, sizeof dym));
        return 1;
    }
    int bad = 0;
    for (int i = 0; i < f->nvalues; i++)
        if (!tp_kb_value(q, f->values[i])) {
            tp_buf_printf(errors,
                          "%s: %s fact names value %s, which question %s does not allow%s\n", at,
                          tmpl, f->values[i], q->id, mean_value(q, f->values[i], dym, sizeof dym));
            bad++;
        }
    return bad;
}

static int check_kind_ref(const tp_kb *kb, const char *tmpl, const char *kind, const char *at,
                          tp_buf *errors)
{
    char dym[300];
    if (tp_kb_kind(kb, kind))
        return 0;
    tp_buf_printf(errors, "%s: %s fact names kind %s, which facts/output.clp does not define%s\n",
                  at, tmpl, kind, mean(kb, NEAR_KIND, kind, dym, sizeof dym));
    return 1;
}

/* The requires, forbids and useful facts and the from-levels name things
 * that exist. */
static int check_policy_facts(const tp_kb *kb, const tp_policy *p, tp_buf *errors)
{
    char at[PATH_MAX + 32], dym[300];
    int bad = 0;
    for (int i = 0; i < p->nneeds; i++) {
        const tp_rule_fact *f = &p->needs[i];
        const char *const slots[] = {"kind", "id", "question", NULL};
        const char *const vals[] = {f->kind, f->id, f->question};
        tp_fact_where_slots(kb, "requires", slots, vals, at, sizeof at);
        bad += check_kind_ref(kb, "requires", f->kind, at, errors);
        bad += check_answer_ref(kb, "requires", f, at, errors);
    }
    for (int i = 0; i < p->nuseful; i++) {
        const tp_rule_fact *f = &p->useful[i];
        const char *const slots[] = {"level", "question", "kind", NULL};
        const char *const vals[] = {f->level, f->question, f->kind};
        tp_fact_where_slots(kb, "useful", slots, vals, at, sizeof at);
        bad += check_kind_ref(kb, "useful", f->kind, at, errors);
        bad += check_answer_ref(kb, "useful", f, at, errors);
        if (!tp_kb_level(kb, f->level)) {
            tp_buf_printf(errors, "%s: useful fact names level %s, which is not defined%s\n", at,
                          f->level, mean(kb, NEAR_LEVEL, f->level, dym, sizeof dym));
            bad++;
        }
    }
    for (int i = 0; i < p->nforbids; i++) {
        const tp_forbid *f = &p->forbids[i];
        const char *const slots[] = {"kind", "id", "other-kind", "other-id", NULL};
        const char *const vals[] = {f->kind, f->id, f->other_kind, f->other_id};
        tp_fact_where_slots(kb, "forbids", slots, vals, at, sizeof at);
        if (strcmp(f->kind, "level") != 0)
            bad += check_kind_ref(kb, "forbids", f->kind, at, errors);
        if (strcmp(f->other_kind, "level") != 0)
            bad += check_kind_ref(kb, "forbids", f->other_kind, at, errors);
    }
    for (int k = 0; k < kb->nkinds; k++)
        if (p->from_bad[k]) {
            tp_fact_where(kb, "output-kind", NULL, kb->kinds[k].id, at, sizeof at);
            tp_buf_printf(errors, "%s: output-kind %s has from-level %s, which is not a level%s\n",
                          at, kb->kinds[k].id, p->from_bad[k],
                          mean(kb, NEAR_LEVEL, p->from_bad[k], dym, sizeof dym));
            bad++;
        }
    for (int i = 0; i < p->text_bad.n; i++) {
        char kind[256], id[256], from[256];
        if (sscanf(p->text_bad.v[i], "%255s %255s %255s", kind, id, from) != 3)
            continue;
        tp_fact_where(kb, "text", kind, id, at, sizeof at);
        tp_buf_printf(errors, "%s: text %s %s has from-level %s, which is not a level%s\n", at,
                      kind, id, from, mean(kb, NEAR_LEVEL, from, dym, sizeof dym));
        bad++;
    }
    return bad;
}

static int question_asked(const tp_rule_set *rs, const tp_question *q)
{
    for (int i = 0; i < rs->n; i++)
        if (tp_rule_asks(&rs->rules[i], q))
            return 1;
    return 0;
}

static int question_read(const tp_rule_set *rs, const tp_question *q)
{
    for (int i = 0; i < rs->n; i++)
        if (tp_strs_has(rs->rules[i].reads, rs->rules[i].nreads, q->id))
            return 1;
    return 0;
}

/* Whether some rule asserts conclusions of this kind (with any id). */
int tp_check_kind_concluded(const tp_rule_set *rs, const char *kind, const char *id)
{
    for (int i = 0; i < rs->n; i++)
        for (int k = 0; k < rs->rules[i].nmakes; k++) {
            const tp_rule_make *m = &rs->rules[i].makes[k];
            if (m->kind && strcmp(m->kind, kind) == 0 && (!id || !m->id || strcmp(m->id, id) == 0))
                return 1;
        }
    return 0;
}

static void notes_for(const tp_kb *kb, const tp_rule_set *rs, tp_buf *notes)
{
    char needle[256], at[PATH_MAX + 32];
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        snprintf(needle, sizeof needle, "(question (id %s)", q->id);
        where(kb, needle, at, sizeof at);
        if (!question_asked(rs, q))
            tp_buf_printf(notes, "%s: question %s is never asked by any rule\n", at, q->id);
        else if (!question_read(rs, q))
            tp_buf_printf(notes, "%s: question %s is asked but no rule reads its answer\n", at,
                          q->id);
    }
    for (int i = 0; i < kb->ntexts; i++) {
        const tp_text *t = &kb->texts[i];
        if (!tp_check_kind_concluded(rs, t->kind, NULL) ||
            tp_check_kind_concluded(rs, t->kind, t->id))
            continue; /* notes of kinds no rule concludes are shown by the host */
        snprintf(needle, sizeof needle, "(kind %s) (id %s)", t->kind, t->id);
        where(kb, needle, at, sizeof at);
        tp_buf_printf(notes, "%s: no rule can reach %s %s\n", at, t->kind, t->id);
    }
}

/* Whether a rule or a flag-level or safety-floor fact cites source id. */
static int source_cited(const tp_policy *p, const tp_rule_set *rs, const char *id)
{
    for (int i = 0; i < rs->n; i++)
        for (int m = 0; m < rs->rules[i].nmakes; m++)
            if (rs->rules[i].makes[m].source && strcmp(rs->rules[i].makes[m].source, id) == 0)
                return 1;
    for (int i = 0; i < p->nflags; i++)
        if (strcmp(p->flags[i].source, id) == 0)
            return 1;
    for (int i = 0; i < p->nfloors; i++)
        if (strcmp(p->floors[i].source, id) == 0)
            return 1;
    return 0;
}

/* Every source says where it is (URL or citation) and when it was last
 * reviewed (a problem when not); a review older than the kb's period and a
 * source nothing cites are notes. */
static int check_sources(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs, tp_buf *errors,
                         tp_buf *notes)
{
    int bad = 0;
    long today = tp_date_today();
    char needle[256], at[PATH_MAX + 32];
    for (int i = 0; i < kb->nsources; i++) {
        const tp_source *s = &kb->sources[i];
        snprintf(needle, sizeof needle, "(source (id %s)", s->id);
        where(kb, needle, at, sizeof at);
        if (!*s->url && !*s->citation) {
            tp_buf_printf(errors,
                          "%s: source %s has neither a (url ...) nor a (citation ...): say where "
                          "a reviewer finds it\n",
                          at, s->id);
            bad++;
        }
        long day = tp_date_parse(s->reviewed);
        if (day < 0) {
            tp_buf_printf(errors,
                          "%s: source %s has no (reviewed \"YYYY-MM-DD\"): the date the "
                          "knowledge base was last checked against it%s%s\n",
                          at, s->id, *s->reviewed ? "; got " : "", s->reviewed);
            bad++;
        } else if (kb->review_days > 0 && today - day > kb->review_days) {
            tp_buf_printf(notes,
                          "%s: source %s was last reviewed on %s, %ld days ago (the review period "
                          "is %ld days): check the rules citing it against its current version\n",
                          at, s->id, s->reviewed, today - day, kb->review_days);
        }
        if (!source_cited(p, rs, s->id))
            tp_buf_printf(notes, "%s: source %s is cited by no rule and no flag level\n", at,
                          s->id);
    }
    return bad;
}

/* ---- the flag table ---------------------------------------------------------------- */

/* One condition of a row against its question: the values it allows, a
 * number's range, and unsure read as the answer it stands for. */
static int check_row_cond(const tp_kb *kb, const tp_rule_desc *r, const tp_cond *c, const char *at,
                          tp_buf *errors)
{
    const tp_question *q = tp_kb_question(kb, c->question);
    char dym[300];
    if (!q)
        return 0; /* check_rule said so */
    int bad = 0;
    if (q->kind == TP_Q_NUMBER) {
        if (c->nvalues || c->lo > c->hi || c->lo < q->min || c->hi > q->max) {
            tp_buf_printf(errors,
                          "%s: row %s reads the number question %s: give no values and a range "
                          "(min %lld) (max %lld) within the question's %lld to %lld\n",
                          at, r->name, q->id, c->lo, c->hi, q->min, q->max);
            bad++;
        }
        return bad;
    }
    if (c->nvalues == 0) {
        tp_buf_printf(errors, "%s: row %s reads %s but lists no values that raise the flag\n", at,
                      r->name, q->id);
        return 1;
    }
    int unsure = 0;
    for (int i = 0; i < c->nvalues; i++) {
        unsure |= strcmp(c->values[i], "unsure") == 0;
        if (!tp_kb_value(q, c->values[i])) {
            tp_buf_printf(errors, "%s: row %s names value %s, which question %s does not allow%s\n",
                          at, r->name, c->values[i], q->id,
                          mean_value(q, c->values[i], dym, sizeof dym));
            bad++;
        }
    }
    if (tp_kb_value(q, "unsure") && !unsure) {
        tp_buf_printf(errors,
                      "%s: row %s raises %s %s on %s but not on unsure, so an unsure answer "
                      "raises nothing; the question says: \"%s\"; add unsure to its values\n",
                      at, r->name, r->makes[0].kind, r->makes[0].id, q->id, q->unsure);
        bad++;
    }
    return bad;
}

/* The numbers a constraint on a number question admits, as a range within
 * q's: the tests (>= ?x N), (> ?x N), (<= ?x N), (< ?x N) it holds. */
static void number_range(const tp_question *q, const tp_rule_cond *c, long long *lo, long long *hi)
{
    *lo = q->min;
    *hi = q->max;
    if (c->ranged) {
        *lo = c->lo;
        *hi = c->hi;
        return;
    }
    for (const char *p = c->value ? strstr(c->value, ":(") : NULL; p; p = strstr(p + 1, ":(")) {
        char op[4], var[32];
        long long n;
        if (sscanf(p + 2, "%3s %31s %lld", op, var, &n) != 3)
            continue;
        if (strcmp(op, ">=") == 0 && n > *lo)
            *lo = n;
        else if (strcmp(op, ">") == 0 && n + 1 > *lo)
            *lo = n + 1;
        else if (strcmp(op, "<=") == 0 && n < *hi)
            *hi = n;
        else if (strcmp(op, "<") == 0 && n - 1 < *hi)
            *hi = n - 1;
    }
}

/* Whether rule r reads question id with a condition that admits only what
 * the constraint of an ask rule admits (a number: a range within its range). */
static int reads_within(const tp_kb *kb, const tp_rule_desc *r, const tp_rule_cond *gate)
{
    const tp_question *gq = tp_kb_question(kb, gate->question);
    for (int i = 0; i < r->nconds; i++) {
        const tp_rule_cond *c = &r->conds[i];
        if (!c->question || c->negated || strcmp(c->question, gate->question) != 0)
            continue;
        if (gq && gq->kind == TP_Q_NUMBER) {
            long long lo, hi, glo, ghi;
            number_range(gq, c, &lo, &hi);
            number_range(gq, gate, &glo, &ghi);
            if (lo >= glo && hi <= ghi)
                return 1;
            continue;
        }
        if (!gq || !c->value || !gate->value)
            return 1;
        int within = 1;
        for (int v = 0; v < gq->nvalues; v++)
            if (tp_constraint_admits(c->value, gq->values[v]) == 1 &&
                tp_constraint_admits(gate->value, gq->values[v]) == 0)
                within = 0;
        if (within)
            return 1;
    }
    return 0;
}

/* A rule that makes a flag or a level from a follow-up (a question asked
 * only when a rule asks it) must read it under the same condition as a rule
 * that asks it, or an answer given where the interview would not ask it
 * counts in a batch file and the two disagree; and a follow-up no rule asks
 * is never reached in a session. */
static int check_follow_ups(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs,
                            const tp_rule_desc *r, tp_buf *errors)
{
    int makes = 0;
    for (int i = 0; i < r->nmakes; i++)
        makes |= r->makes[i].kind && (strcmp(r->makes[i].kind, "level") == 0 ||
                                      tp_policy_flag_kind(p, r->makes[i].kind));
    if (!makes)
        return 0;
    char at[PATH_MAX + 32];
    tp_check_rule_where(r, kb, at, sizeof at);
    int bad = 0;
    for (int i = 0; i < r->nreads; i++) {
        const tp_question *q = tp_kb_question(kb, r->reads[i]);
        if (!q || (!q->conditional && question_asked(rs, q)))
            continue;
        const tp_rule_desc *asker = NULL, *gated = NULL;
        for (int k = 0; k < rs->n && !gated; k++) {
            const tp_rule_desc *a = &rs->rules[k];
            if (a == r || !tp_rule_asks(a, q))
                continue;
            asker = a;
            int all = 1;
            for (int c = 0; c < a->nconds; c++) {
                const tp_rule_cond *g = &a->conds[c];
                if (g->tmpl && strcmp(g->tmpl, "answer") == 0 && g->question && !g->negated &&
                    strcmp(g->question, q->id) != 0 && !reads_within(kb, r, g))
                    all = 0;
            }
            if (all)
                gated = a;
        }
        if (!asker && q->safety) {
            tp_buf_printf(errors,
                          "%s: rule %s reads the safety question %s, which no rule asks: a "
                          "person is never asked it, so what it raises is never reached; add "
                          "an ask rule (rules/30-interview.clp)\n",
                          at, r->name, q->id);
            bad++;
        } else if (asker && !gated) {
            const tp_rule_cond *g = NULL;
            for (int c = 0; c < asker->nconds && !g; c++)
                if (asker->conds[c].tmpl && strcmp(asker->conds[c].tmpl, "answer") == 0 &&
                    asker->conds[c].question && strcmp(asker->conds[c].question, q->id) != 0)
                    g = &asker->conds[c];
            tp_buf_printf(errors,
                          "%s: rule %s reads the follow-up %s without the condition under which "
                          "rule %s asks it (%s): an answer given where the interview does not "
                          "ask it would still count; read %s the same way too%s\n",
                          at, r->name, q->id, asker->name, g ? g->text : "?",
                          g ? g->question : "it", r->row ? " (and-question in the row)" : "");
            bad++;
        }
    }
    return bad;
}

/* The rows of the flag table, and every flag with a level that nothing
 * raises. */
static int check_table(const tp_kb *kb, const tp_policy *p, const tp_rule_set *rs, tp_buf *errors)
{
    int bad = 0;
    char at[PATH_MAX + 32];
    for (int i = 0; i < rs->n; i++) {
        const tp_rule_desc *r = &rs->rules[i];
        if (!r->row || r->row > p->nrows)
            continue;
        const tp_trigger *t = &p->rows[r->row - 1];
        tp_check_rule_where(r, kb, at, sizeof at);
        if (!tp_policy_flag_kind(p, t->kind)) {
            tp_buf_printf(errors,
                          "%s: row %s raises kind %s, which is no flag kind (red flags and "
                          "contraindications: a kind with a flag-level fact or role warning)\n",
                          at, r->name, t->kind);
            bad++;
        }
        const tp_flag *fl = t->level ? tp_policy_flag(p, t->kind, t->id) : NULL;
        if (fl && strcmp(fl->level, t->level) != 0) { /* its level said twice, two ways */
            char fat[PATH_MAX + 32];
            tp_fact_where(kb, "flag-level", t->kind, t->id, fat, sizeof fat);
            tp_buf_printf(errors,
                          "%s: row %s says (level %s), but %s %s calls for %s (%s): say the "
                          "flag's level once, in its row or in a flag-level fact\n",
                          at, r->name, t->level, t->kind, t->id, fl->level, fat);
            bad++;
        }
        bad += check_row_cond(kb, r, &t->first, at, errors);
        for (int k = 0; k < t->nalts; k++)
            bad += check_row_cond(kb, r, &t->alts[k], at, errors);
        for (int k = 0; k < i; k++)
            if (strcmp(rs->rules[k].name, r->name) == 0) {
                tp_buf_printf(errors, "%s: row %s has the name of another rule or row\n", at,
                              r->name);
                bad++;
            }
    }
    for (int i = 0; i < p->ncombos; i++) { /* combination floors name what exists */
        const tp_trigger *t = &p->combos[i];
        char dym[300];
        tp_fact_where(kb, "combination-floor", NULL, t->id, at, sizeof at);
        if (!tp_kb_level(kb, t->level)) {
            tp_buf_printf(errors, "%s: combination-floor %s has level %s, which is not a level%s\n",
                          at, t->id, t->level, mean(kb, NEAR_LEVEL, t->level, dym, sizeof dym));
            bad++;
        }
        if (!tp_kb_source(kb, t->source)) {
            tp_buf_printf(errors,
                          "%s: combination-floor %s cites source %s, which is not defined%s\n", at,
                          t->id, t->source, mean(kb, NEAR_SOURCE, t->source, dym, sizeof dym));
            bad++;
        }
        for (int k = -1; k < t->nalts; k++) {
            const tp_cond *c = k < 0 ? &t->first : &t->alts[k];
            const tp_question *q = tp_kb_question(kb, c->question);
            if (!q) {
                tp_buf_printf(errors,
                              "%s: combination-floor %s names question %s, which is not "
                              "defined%s\n",
                              at, t->id, c->question,
                              mean(kb, NEAR_QUESTION, c->question, dym, sizeof dym));
                bad++;
                continue;
            }
            for (int v = 0; v < c->nvalues; v++)
                if (!tp_kb_value(q, c->values[v])) {
                    tp_buf_printf(errors,
                                  "%s: combination-floor %s names value %s, which question %s "
                                  "does not allow%s\n",
                                  at, t->id, c->values[v], q->id,
                                  mean_value(q, c->values[v], dym, sizeof dym));
                    bad++;
                }
        }
    }
    for (int i = 0; i < p->nflags; i++) {
        const tp_flag *f = &p->flags[i];
        if (!tp_policy_flag_kind(p, f->kind) || tp_check_kind_concluded(rs, f->kind, f->id))
            continue;
        tp_fact_where(kb, "flag-level", f->kind, f->id, at, sizeof at);
        tp_buf_printf(errors,
                      "%s: %s %s has a flag-level%s but no rule and no row of the flag table "
                      "(facts/flags.clp) raises it: the answers that called for it no longer "
                      "do; restore its row\n",
                      at, f->kind, f->id, tp_policy_floor(p, f->kind, f->id) ? " and a floor" : "");
        bad++;
    }
    return bad;
}

int tp_check_static(tp_triage *t, tp_buf *errors, tp_buf *notes)
{
    const tp_kb *kb = tp_triage_kb(t);
    const tp_rule_set *rs = tp_triage_rules(t);
    int bad = 0;
    tp_policy p;
    tp_triage_policy(t, &p);
    reach ra;
    reach_compute(kb, &p, rs, &ra);
    for (int i = 0; i < rs->n; i++) {
        bad += check_rule(kb, &rs->rules[i], errors);
        bad += check_flag_makes(kb, &p, &rs->rules[i], errors);
        bad += check_gate(kb, &rs->rules[i], errors);
        bad += check_asked_long_enough(kb, &p, rs, &ra, i, errors);
        bad += check_level_test(kb, &p, &rs->rules[i], errors);
        bad += check_follow_ups(kb, &p, rs, &rs->rules[i], errors);
    }
    bad += check_table(kb, &p, rs, errors);
    for (int i = 0; i < kb->nquestions; i++)
        bad += check_question(kb, &kb->questions[i], errors);
    for (int i = 0; i < p.nflags; i++) {
        bad += check_flag(kb, &p.flags[i], "flag-level", errors);
        if (tp_policy_flag_kind(&p, p.flags[i].kind))
            bad += check_floor(kb, &p, &p.flags[i], errors);
    }
    for (int i = 0; i < p.nfloors; i++)
        bad += check_flag(kb, &p.floors[i], "safety-floor", errors);
    bad += check_policy_facts(kb, &p, errors);
    bad += check_useful_asked(kb, &p, rs, &ra, errors);
    reach_free(&ra);
    bad += tp_groups_static(kb, errors, notes);
    bad += tp_groups_key_terms(t, errors);
    bad += check_sources(kb, &p, rs, errors, notes);
    bad += tp_check_citations(t, errors);
    bad += tp_check_unsure_reasons(kb, rs, errors, notes);
    bad += tp_floor_check(t, errors, NULL);
    tp_policy_free(&p);
    notes_for(kb, rs, notes);
    return bad;
}
