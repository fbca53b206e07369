/* floor.c: the approved safety policy (see floor.h and docs/rules.md,
 * "The approved floor"). Each approved thing is one entry, a line of text
 * made from the facts by slot name only:
 *   floor KIND ID LEVEL
 *   combination ID LEVEL when Q = a|b and one of Q2|Q3 = a|b
 *   row RULE: KIND ID when Q = a|b [and Q2 = LO..HI]
 * sorted; the record keeps them with their hash, who approved and when. */
#include "floor.h"

#include "kbpolicy.h"
#include "triage.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APPROVAL_FILE "facts/floor-approval.clp"

/* A sorted list of entries. */
typedef struct {
    char **v; /* the lines */
    int n;    /* how many */
} entries;

static void add_entry(entries *l, const char *s)
{
    l->v = tp_xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
    l->v[l->n++] = tp_xstrdup(s);
}

static void free_entries(entries *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void cond_text(tp_buf *b, const tp_cond *c)
{
    if (c->nvalues == 0) {
        tp_buf_printf(b, "%s = %lld..%lld", c->question, c->lo, c->hi);
        return;
    }
    tp_buf_printf(b, "%s = ", c->question);
    for (int i = 0; i < c->nvalues; i++)
        tp_buf_printf(b, "%s%s", i ? "|" : "", c->values[i]);
}

/* The entries of the policy as it is now. */
static void current(const tp_policy *p, entries *out)
{
    tp_buf b = {0};
    for (int i = 0; i < p->nfloors; i++) {
        b.len = 0;
        tp_buf_printf(&b, "floor %s %s %s", p->floors[i].kind, p->floors[i].id, p->floors[i].level);
        add_entry(out, b.data);
    }
    for (int i = 0; i < p->ncombos; i++) {
        const tp_trigger *t = &p->combos[i];
        b.len = 0;
        tp_buf_printf(&b, "combination %s %s when ", t->id, t->level);
        cond_text(&b, &t->first);
        tp_buf_puts(&b, " and one of ");
        for (int k = 0; k < t->nalts; k++)
            tp_buf_printf(&b, "%s%s", k ? "|" : "", t->alts[k].question);
        tp_buf_puts(&b, " = ");
        for (int k = 0; t->nalts && k < t->alts[0].nvalues; k++)
            tp_buf_printf(&b, "%s%s", k ? "|" : "", t->alts[0].values[k]);
        add_entry(out, b.data);
    }
    for (int i = 0; i < p->nrows; i++) {
        const tp_trigger *t = &p->rows[i];
        b.len = 0;
        tp_buf_printf(&b, "row %s: %s %s when ", t->rule, t->kind, t->id);
        cond_text(&b, &t->first);
        for (int k = 0; k < t->nalts; k++) {
            tp_buf_puts(&b, " and ");
            cond_text(&b, &t->alts[k]);
        }
        add_entry(out, b.data);
    }
    tp_buf_free(&b);
    if (out->n)
        qsort(out->v, (size_t)out->n, sizeof *out->v, by_text);
}

static uint64_t entries_hash(const entries *l)
{
    uint64_t h = TP_HASH_INIT;
    for (int i = 0; i < l->n; i++)
        h = tp_hash(h, l->v[i], strlen(l->v[i]) + 1);
    return h;
}

/* The approval record of a reset engine. */
typedef struct {
    tp_triage *t;     /* read from */
    int found;        /* a record is there */
    char by[256];     /* who approved */
    char date[32];    /* when */
    char hash[32];    /* the hash it states */
    entries approved; /* what it approved, sorted */
} record;

static int read_record(void *ud, tp_fact *f)
{
    record *r = ud;
    tp_triage *t = r->t;
    const char *by = tp_triage_fact_str(t, f, "by"), *date = tp_triage_fact_str(t, f, "date");
    const char *hash = tp_triage_fact_str(t, f, "hash");
    r->found++;
    snprintf(r->by, sizeof r->by, "%s", by ? by : "");
    snprintf(r->date, sizeof r->date, "%s", date ? date : "");
    snprintf(r->hash, sizeof r->hash, "%s", hash ? hash : "");
    tp_value vals[1024];
    int n = tp_triage_fact_values(t, f, "entries", vals, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (vals[i].sym)
            add_entry(&r->approved, vals[i].sym);
    if (r->approved.n)
        qsort(r->approved.v, (size_t)r->approved.n, sizeof *r->approved.v, by_text);
    return 0;
}

/* The key of an entry: its first two words ("floor red-flag x" keeps three). */
static void entry_key(const char *s, char *out, size_t outlen)
{
    int words = strncmp(s, "floor ", 6) == 0 ? 3 : 2;
    size_t n = 0;
    for (int w = 0; s[n] && w < words; n++)
        if (s[n] == ' ' && ++w == words)
            break;
    snprintf(out, outlen, "%.*s", (int)n, s);
}

static const char *find_key(const entries *l, const char *key)
{
    char k[512];
    for (int i = 0; i < l->n; i++) {
        entry_key(l->v[i], k, sizeof k);
        if (strcmp(k, key) == 0)
            return l->v[i];
    }
    return NULL;
}

/* The level word of a floor or combination entry (its 4th or 3rd word). */
static int entry_rank(const tp_kb *kb, const char *s)
{
    char w[5][128] = {{0}};
    sscanf(s, "%127s %127s %127s %127s", w[0], w[1], w[2], w[3]);
    const tp_level *l = tp_kb_level(kb, strcmp(w[0], "floor") == 0 ? w[3] : w[2]);
    return l ? l->rank : 0;
}

int tp_floor_check(tp_triage *t, tp_buf *out, int *worse_out)
{
    const tp_kb *kb = tp_triage_kb(t);
    tp_policy p;
    tp_triage_policy(t, &p);
    entries now = {0};
    current(&p, &now);
    tp_policy_free(&p);
    record rd, *r = &rd;
    memset(&rd, 0, sizeof rd);
    rd.t = t;
    tp_triage_each(t, "floor-approval", read_record, &rd);
    tp_buf lines = {0};
    int worse = 0, other = 0;
    char key[512], hash[32];
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)entries_hash(&r->approved));
    if (r->found != 1) {
        tp_buf_printf(&lines, "  %s\n",
                      r->found ? "more than one approval record"
                               : "no approval record: nothing of it has been approved");
        worse++;
    } else if (strcmp(hash, r->hash) != 0) {
        tp_buf_printf(&lines,
                      "  EDITED BY HAND: the record's entries do not match its hash %s (they "
                      "hash to %s)\n",
                      r->hash, hash);
        worse++;
    }
    for (int i = 0; i < r->approved.n; i++) {
        const char *a = r->approved.v[i];
        entry_key(a, key, sizeof key);
        const char *b = find_key(&now, key);
        if (!b) {
            tp_buf_printf(&lines, "  REMOVED %s\n", a);
            worse++;
        } else if (strcmp(a, b) != 0) {
            int ra = entry_rank(kb, a), rb = entry_rank(kb, b);
            const char *wa = strstr(a, " when "), *wb = strstr(b, " when ");
            int same_when = (!wa && !wb) || (wa && wb && strcmp(wa, wb) == 0);
            int lower = strncmp(a, "row ", 4) == 0 || !same_when || !ra || !rb || rb > ra;
            tp_buf_printf(&lines, "  %s %s\n    approved: %s\n    now:      %s\n",
                          lower ? "LOWERED OR CHANGED" : "raised", key, a, b);
            worse += lower;
            other += !lower;
        }
    }
    for (int i = 0; i < now.n; i++) {
        entry_key(now.v[i], key, sizeof key);
        if (!find_key(&r->approved, key)) {
            tp_buf_printf(&lines, "  added %s\n", now.v[i]);
            other++;
        }
    }
    if (lines.len) {
        tp_buf_printf(out,
                      "!!! SAFETY FLOOR DIFFERS FROM ITS APPROVAL (%s/%s%s%s%s%s): %d lowered, "
                      "removed or changed, %d raised or added; the clinical lead must approve "
                      "it: tptriage floor approve --by NAME !!!\n%s",
                      kb->dir, APPROVAL_FILE, *r->by ? ", approved by " : "", r->by,
                      *r->date ? " on " : "", r->date, worse, other, lines.data);
    }
    tp_buf_free(&lines);
    free_entries(&now);
    free_entries(&r->approved);
    if (worse_out)
        *worse_out = worse;
    return worse + other;
}

/* ---- the command ------------------------------------------------------------------ */

/* clang-format off */
static const tp_opt floor_options[] = {
    {'k', 0, "kb", "DIR", "the knowledge base in DIR (also $TPTRIAGE_KB)"},
    {'b', 0, "by", "NAME", "who approves (the clinical lead), written in the record"},
    {0, 0, NULL, NULL, NULL},
};
/* clang-format on */

const tp_optspec tp_floor_spec = {
    "floor approve",
    "--by NAME",
    "approve the safety floor, combination floors and flag table as they are now",
    "Writes facts/floor-approval.clp (atomically): the safety floors, the combination\n"
    "floors and the flag table's rows as they are now, their hash, NAME and today's date.\n"
    "`check`, `:reload` and `diff` fail or warn while the knowledge base differs from its\n"
    "approval; the differences are printed first. Only the clinical lead approves.\n",
    0,
    floor_options};

static void quote(tp_buf *b, const char *s)
{
    tp_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            tp_buf_puts(b, "\\");
        tp_buf_add(b, s, 1);
    }
    tp_buf_puts(b, "\"");
}

int tp_floor_main(int argc, char **argv)
{
    int approve = argc >= 2 && strcmp(argv[1], "approve") == 0, key;
    const char *kbdir = NULL, *by = NULL;
    tp_opts p;
    tp_opts_init(&p, &tp_floor_spec, argc - approve, argv + approve);
    while ((key = tp_opts_next(&p)) > 0) {
        if (key == 'k')
            kbdir = p.value;
        else if (key == 'b')
            by = p.value;
    }
    if (key != TP_OPTS_END)
        return tp_opts_exit(key);
    if (!approve || p.noperands)
        return tp_usage_error("floor", "say 'floor approve --by NAME'");
    if (!by || !*by || strchr(by, '\n'))
        return tp_usage_error("floor", "approve needs --by NAME (who approves, one line)");
    tp_error err = {{0}};
    tp_triage *t = tp_triage_open(kbdir, &err);
    if (!t) {
        tp_report("%s", err.msg);
        return TP_EXIT_KB;
    }
    const tp_kb *kb = tp_triage_kb(t);
    tp_buf diff = {0};
    int n = tp_floor_check(t, &diff, NULL);
    if (n)
        fputs(diff.data, stdout);
    tp_policy pol;
    tp_triage_policy(t, &pol);
    entries now = {0};
    current(&pol, &now);
    tp_policy_free(&pol);
    char today[11];
    tp_date_text(tp_date_today(), today);
    tp_buf b = {0};
    tp_buf_puts(&b, ";;; floor-approval.clp: the clinical lead's approval of the safety floors,\n"
                    ";;; the combination floors (facts/safety-floor.clp) and the flag table's\n"
                    ";;; rows (facts/flags.clp). Written by `tptriage floor approve --by NAME`;\n"
                    ";;; do not edit by hand: `tptriage check` fails while the knowledge base\n"
                    ";;; differs from it, and names what was lowered, removed or changed.\n\n"
                    "(deffacts MAIN::floor-approval\n   (floor-approval (by ");
    quote(&b, by);
    tp_buf_printf(&b, ") (date \"%s\") (hash \"%016llx\")\n      (entries", today,
                  (unsigned long long)entries_hash(&now));
    for (int i = 0; i < now.n; i++) {
        tp_buf_puts(&b, "\n         ");
        quote(&b, now.v[i]);
    }
    tp_buf_puts(&b, ")))\n");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", kb->dir, APPROVAL_FILE);
    int rc = TP_EXIT_OK;
    if (tp_write_file(path, b.data, b.len, TP_MODE_KEEP, &err) != 0) {
        tp_report("%s", err.msg);
        rc = TP_EXIT_BAD_INPUT;
    } else {
        printf("floor: %s approved %d entries (%d floors and rows changed since the last "
               "approval) on %s: %s\n",
               by, now.n, n, today, path);
    }
    tp_buf_free(&b);
    tp_buf_free(&diff);
    free_entries(&now);
    tp_triage_close(t);
    return rc;
}
