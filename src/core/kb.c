/* kb.c: finding, loading and describing the knowledge base. */
#include "kb.h"
#include "engine.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define KB_FILE_MAX (4u << 20)

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_kb(const char *dir)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s/rules", dir) >= (int)sizeof p)
        return 0;
    return is_dir(p);
}

const char *tp_kb_locate(const char *explicit_dir)
{
    static char found[PATH_MAX];
    if (explicit_dir)
        return explicit_dir;
    const char *env = getenv("TPTRIAGE_KB");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char rel[PATH_MAX + 32];
            snprintf(rel, sizeof rel, "%s/../share/tptriage", exe);
            if (has_kb(rel) && realpath(rel, found))
                return found;
        }
    }
    if (has_kb(TP_SOURCE_KB))
        return TP_SOURCE_KB;
    return TP_INSTALL_KB;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir/sub/ *.clp in name order into names (malloc'd). */
static int list_clp(const char *dir, const char *sub, char ***names, int *n, tp_error *err)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, sub) >= (int)sizeof path) {
        tp_error_set(err, "%s: path too long", dir);
        return -1;
    }
    DIR *d = opendir(path);
    if (!d) {
        tp_error_set(err,
                     "%s: cannot open the knowledge-base folder (give --kb DIR or set "
                     "TPTRIAGE_KB to a folder holding rules/ and facts/)",
                     path);
        return -1;
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".clp") != 0 || de->d_name[0] == '.')
            continue;
        *names = tp_xrealloc(*names, (size_t)(*n + 1) * sizeof **names);
        char full[PATH_MAX + 256];
        snprintf(full, sizeof full, "%s/%s", path, de->d_name);
        (*names)[(*n)++] = tp_xstrdup(full);
    }
    closedir(d);
    return 0;
}

static int read_files(tp_kb *kb, const char *dir, tp_error *err)
{
    static const char *const subs[] = {"rules", "facts"};
    uint64_t h = TP_HASH_INIT;
    for (int s = 0; s < 2; s++) {
        char **names = NULL;
        int n = 0;
        if (list_clp(dir, subs[s], &names, &n, err) != 0)
            return -1;
        qsort(names, (size_t)n, sizeof *names, by_name);
        for (int i = 0; i < n; i++) {
            size_t len;
            char *text = tp_read_file(names[i], KB_FILE_MAX, &len, err);
            if (!text || memchr(text, 0, len)) {
                if (text)
                    tp_error_set(err, "%s: contains a NUL byte", names[i]);
                free(text);
                for (int j = i; j < n; j++)
                    free(names[j]);
                free(names);
                return -1;
            }
            const char *base = names[i] + strlen(dir);
            h = tp_hash(h, base, strlen(base) + 1);
            h = tp_hash(h, text, len);
            kb->files = tp_xrealloc(kb->files, (size_t)(kb->nfiles + 1) * sizeof *kb->files);
            kb->files[kb->nfiles].path = names[i];
            kb->files[kb->nfiles].text = text;
            kb->nfiles++;
        }
        free(names);
    }
    snprintf(kb->hash, sizeof kb->hash, "%016llx", (unsigned long long)h);
    return 0;
}

/* ---- copying facts into C --------------------------------------------------- */

struct reader {
    tp_kb *kb;     /* being filled */
    tp_engine *e;  /* read from */
    tp_error *err; /* first problem */
    int bad;       /* set on a problem */
};

static char *slot_dup(struct reader *r, tp_fact *f, const char *slot)
{
    const char *s = tp_fact_str(r->e, f, slot);
    return tp_xstrdup(s ? s : "");
}

/* Copies at most max symbols of multislot slot of fact f into out (each
 * malloc'd); more than max is an error naming what and id. Returns the
 * count kept. */
static int read_symbols(struct reader *r, tp_fact *f, const char *slot, char **out, int max,
                        const char *what, const char *id)
{
    tp_value vals[TP_MAX_VALUES > TP_LOCALE_REGIONS ? TP_MAX_VALUES : TP_LOCALE_REGIONS];
    int n = tp_fact_values(r->e, f, slot, vals, max);
    if (n > max) {
        tp_error_set(r->err, "%s %s has more than %d %s", what, id, max, slot);
        r->bad = 1;
        n = max;
    }
    for (int i = 0; i < n; i++)
        out[i] = tp_xstrdup(vals[i].sym ? vals[i].sym : "?");
    return n;
}

static int read_question(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->questions =
        tp_xrealloc(kb->questions, (size_t)(kb->nquestions + 1) * sizeof *kb->questions);
    tp_question *q = &kb->questions[kb->nquestions++];
    memset(q, 0, sizeof *q);
    q->id = slot_dup(r, f, "id");
    q->text = slot_dup(r, f, "text");
    q->help = slot_dup(r, f, "help");
    q->unsure = slot_dup(r, f, "unsure");
    q->ask_below = slot_dup(r, f, "ask-below");
    const char *kind = tp_fact_str(r->e, f, "kind");
    q->kind = strcmp(kind, "multi") == 0    ? TP_Q_MULTI
              : strcmp(kind, "number") == 0 ? TP_Q_NUMBER
                                            : TP_Q_CHOICE;
    const char *safety = tp_fact_str(r->e, f, "safety");
    q->safety = safety && strcmp(safety, "yes") == 0;
    const char *when = tp_fact_str(r->e, f, "when");
    q->conditional = when && strcmp(when, "conditional") == 0;
    long long v;
    if (tp_fact_int(r->e, f, "min", &v) == 0)
        q->min = v;
    if (tp_fact_int(r->e, f, "max", &v) == 0)
        q->max = v;
    if (tp_fact_int(r->e, f, "order", &v) == 0)
        q->order = (int)v;
    q->nvalues = read_symbols(r, f, "values", q->values, TP_MAX_VALUES, "question", q->id);
    return 0;
}

static int read_level(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->levels = tp_xrealloc(kb->levels, (size_t)(kb->nlevels + 1) * sizeof *kb->levels);
    tp_level *l = &kb->levels[kb->nlevels++];
    l->id = slot_dup(r, f, "id");
    l->title = slot_dup(r, f, "title");
    l->todo = slot_dup(r, f, "todo");
    long long rank = 0;
    tp_fact_int(r->e, f, "rank", &rank);
    l->rank = (int)rank;
    const char *alert = tp_fact_str(r->e, f, "alert");
    l->alert = alert && strcmp(alert, "yes") == 0;
    const char *tone = tp_fact_str(r->e, f, "tone");
    l->tone = tone && strcmp(tone, "urgent") == 0    ? TP_TONE_URGENT
              : tone && strcmp(tone, "caution") == 0 ? TP_TONE_CAUTION
                                                     : TP_TONE_CALM;
    return 0;
}

static int read_wording(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->wordings = tp_xrealloc(kb->wordings, (size_t)(kb->nwordings + 1) * sizeof *kb->wordings);
    tp_wording *w = &kb->wordings[kb->nwordings++];
    w->id = slot_dup(r, f, "id");
    w->text = slot_dup(r, f, "text");
    return 0;
}

static int read_locale(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->locales = tp_xrealloc(kb->locales, (size_t)(kb->nlocales + 1) * sizeof *kb->locales);
    tp_locale *l = &kb->locales[kb->nlocales++];
    memset(l, 0, sizeof *l);
    l->id = slot_dup(r, f, "id");
    l->name = slot_dup(r, f, "name");
    const char *def = tp_fact_str(r->e, f, "default");
    l->is_default = def && strcmp(def, "yes") == 0;
    l->nregions = read_symbols(r, f, "regions", l->regions, TP_LOCALE_REGIONS, "locale", l->id);
    return 0;
}

static int read_call(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->calls = tp_xrealloc(kb->calls, (size_t)(kb->ncalls + 1) * sizeof *kb->calls);
    tp_locale_call *c = &kb->calls[kb->ncalls++];
    c->locale = slot_dup(r, f, "locale");
    c->level = slot_dup(r, f, "level");
    c->number = slot_dup(r, f, "number");
    c->label = slot_dup(r, f, "label");
    c->where = slot_dup(r, f, "where");
    return 0;
}

static int read_text(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->texts = tp_xrealloc(kb->texts, (size_t)(kb->ntexts + 1) * sizeof *kb->texts);
    tp_text *t = &kb->texts[kb->ntexts++];
    t->kind = slot_dup(r, f, "kind");
    t->id = slot_dup(r, f, "id");
    t->text = slot_dup(r, f, "text");
    t->dose = slot_dup(r, f, "dose");
    t->from_level = slot_dup(r, f, "from-level");
    return 0;
}

static int read_source(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->sources = tp_xrealloc(kb->sources, (size_t)(kb->nsources + 1) * sizeof *kb->sources);
    tp_source *s = &kb->sources[kb->nsources++];
    s->id = slot_dup(r, f, "id");
    s->title = slot_dup(r, f, "title");
    s->section = slot_dup(r, f, "section");
    s->url = slot_dup(r, f, "url");
    s->citation = slot_dup(r, f, "citation");
    s->reviewed = slot_dup(r, f, "reviewed");
    return 0;
}

static int read_review(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    long long days = 0;
    if (tp_fact_int(r->e, f, "period-days", &days) == 0 && days > 0)
        r->kb->review_days = (long)days;
    return 0;
}

static int read_kind(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->kinds = tp_xrealloc(kb->kinds, (size_t)(kb->nkinds + 1) * sizeof *kb->kinds);
    tp_kind *k = &kb->kinds[kb->nkinds++];
    k->id = slot_dup(r, f, "id");
    k->field = slot_dup(r, f, "field");
    if (strcmp(k->field, "none") == 0)
        k->field[0] = 0;
    k->heading = slot_dup(r, f, "heading");
    k->summary = slot_dup(r, f, "summary");
    k->role = slot_dup(r, f, "role");
    const char *w = tp_fact_str(r->e, f, "with-reasons");
    k->reasons = w && strcmp(w, "yes") == 0;
    long long order = 0;
    tp_fact_int(r->e, f, "order", &order);
    k->order = (int)order;
    return 0;
}

static int read_phases(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_value vals[8];
    int n = tp_fact_values(r->e, f, "modules", vals, 8);
    for (int i = 0; i < n && i < 8; i++)
        r->kb->phases[i] = tp_xstrdup(vals[i].sym ? vals[i].sym : "?");
    r->kb->nphases = n < 8 ? n : 8;
    return 1;
}

static void index_questions(tp_kb *kb);

/* ---- groups ------------------------------------------------------------------- */

/* Whether text[i..] starts word w, with no symbol character on either side. */
static int word_at(const char *text, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(text + i, w, n) != 0)
        return 0;
    char before = i ? text[i - 1] : ' ', after = text[i + n];
    return strchr(" \t\r\n()", before) && strchr(" \t\r\n()", after);
}

void tp_kb_fact_where(const tp_kb *kb, const char *tmpl, const char *id, const char *word,
                      char *out, size_t len)
{
    char head[160], idslot[160];
    snprintf(head, sizeof head, "(%s", tmpl);
    snprintf(idslot, sizeof idslot, "(id %s)", id);
    for (int f = 0; f < kb->nfiles; f++) {
        const char *t = kb->files[f].text;
        for (const char *h = strstr(t, head); h; h = strstr(h + 1, head)) {
            if (!word_at(t, (size_t)(h + 1 - t), tmpl))
                continue;
            const char *s = h + strlen(head);
            while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
                s++;
            if (*s != '(')
                continue; /* a slot of that name, as (question q) in a row: no fact */
            const char *next = strstr(h + 1, head);
            const char *at = strstr(h, idslot);
            if (!at || (next && at > next))
                continue;
            size_t i = (size_t)(at - t);
            while (word && t[i] && !(next && t + i >= next) && !word_at(t, i, word))
                i++;
            if (!word || !t[i] || (next && t + i >= next))
                i = (size_t)(h - t);
            int line = 1;
            for (size_t k = 0; k < i; k++)
                line += t[k] == '\n';
            snprintf(out, len, "%s:%d", kb->files[f].path, line);
            return;
        }
    }
    snprintf(out, len, "%s/facts", kb->dir);
}

static int read_group(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    tp_kb *kb = r->kb;
    kb->groups = tp_xrealloc(kb->groups, (size_t)(kb->ngroups + 1) * sizeof *kb->groups);
    tp_group *g = &kb->groups[kb->ngroups++];
    memset(g, 0, sizeof *g);
    g->id = slot_dup(r, f, "id");
    g->title = slot_dup(r, f, "title");
    g->prompt = slot_dup(r, f, "prompt");
    g->help = slot_dup(r, f, "help");
    long long order = 0;
    tp_fact_int(r->e, f, "order", &order);
    g->order = (int)order;
    tp_value vals[TP_GROUP_MAX + 1];
    int n = tp_fact_values(r->e, f, "members", vals, TP_GROUP_MAX + 1);
    char where[PATH_MAX + 32];
    if (n > TP_GROUP_MAX) {
        tp_kb_fact_where(kb, "question-group", g->id, NULL, where, sizeof where);
        tp_error_set(r->err, "%s: group %s has more than %d members: split it in two", where, g->id,
                     TP_GROUP_MAX);
        r->bad = 1;
        return 1;
    }
    for (int i = 0; i < n; i++) {
        const char *m = vals[i].sym ? vals[i].sym : "?";
        int q = tp_kb_question_index(kb, m);
        tp_kb_fact_where(kb, "question-group", g->id, m, where, sizeof where);
        if (q < 0) {
            tp_error_set(r->err,
                         "%s: group %s names %s, which is not a question (members are "
                         "question ids from facts/questions.clp)",
                         where, g->id, m);
            r->bad = 1;
            return 1;
        }
        if (kb->group_of[q] >= 0) {
            tp_error_set(r->err,
                         "%s: %s is in group %s and in group %s: a question may be in one "
                         "group only",
                         where, m, kb->groups[kb->group_of[q]].id, g->id);
            r->bad = 1;
            return 1;
        }
        kb->group_of[q] = kb->ngroups - 1;
        g->members[g->nmembers] = q;
        g->items[g->nmembers++] = tp_xstrdup("");
    }
    return 0;
}

static int read_group_item(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    int q = qid ? tp_kb_question_index(r->kb, qid) : -1;
    const tp_group *g = q >= 0 ? tp_kb_group_of(r->kb, q) : NULL;
    if (q >= 0 && !g)
        return 0; /* a line kept for a question taken out of its group */
    if (!g) {
        tp_error_set(r->err,
                     "facts: a group-item names %s, which is not a question (group-item facts "
                     "give the checklist line of a group's member)",
                     qid ? qid : "nothing");
        r->bad = 1;
        return 1;
    }
    for (int i = 0; i < g->nmembers; i++)
        if (g->members[i] == q) {
            free(g->items[i]);
            ((tp_group *)g)->items[i] = slot_dup(r, f, "label");
        }
    return 0;
}

static int read_alone(void *ud, tp_fact *f)
{
    struct reader *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    int q = qid ? tp_kb_question_index(r->kb, qid) : -1;
    if (q < 0 || r->kb->group_of[q] >= 0) {
        tp_error_set(r->err, "facts: ask-alone names %s, which is %s", qid ? qid : "nothing",
                     q < 0 ? "not a question" : "in a group");
        r->bad = 1;
        return 1;
    }
    r->kb->group_of[q] = -2;
    free(r->kb->alone_why[q]);
    r->kb->alone_why[q] = slot_dup(r, f, "reason");
    return 0;
}

static int by_group_order(const void *a, const void *b)
{
    const tp_group *x = a, *y = b;
    return x->order - y->order;
}

#define PART_MAX 256 /* longest word of an answer kept */
#define ANY "any"    /* a choice fact for every question with that value */

/* ---- choices: labels, other words and units of answers (facts/choices.clp)
 * ---- read into the questions; the normaliser (choices.c) uses them.
 * -------------------------------------------------------- */

struct reading {
    tp_kb *kb;     /* the questions being given words */
    tp_engine *e;  /* read from */
    tp_error *err; /* the first problem */
    int bad;       /* set on a problem */
    int any;       /* this pass reads "any" facts (else the others) */
};

static int value_index(const tp_question *q, const char *v)
{
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], v) == 0)
            return i;
    return -1;
}

/* Adds word w (folded) for value v (-1: a unit) to q, unless q has it for
 * the same value. A word for another value is refused, unless `quiet` (an
 * "any" word yields to a question's own). */
static int add_word(struct reading *r, tp_question *q, const char *w, int v, long long factor,
                    int quiet)
{
    char f[PART_MAX];
    tp_fold(w, f, sizeof f);
    if (!*f)
        return 0;
    int other = -2;
    for (int i = 0; i < q->nwords; i++)
        if (strcmp(q->words[i].text, f) == 0)
            other = q->words[i].value;
    for (int i = 0; i < q->nvalues && other == -2; i++)
        if (strcmp(q->values[i], f) == 0)
            other = i;
    if (other == v)
        return 0;
    if (other != -2) {
        if (quiet)
            return 0;
        tp_error_set(r->err,
                     "facts: the word \"%s\" would mean both %s and %s for question %s: give it "
                     "to one value only",
                     w, other >= 0 ? q->values[other] : "a unit", v >= 0 ? q->values[v] : "a unit",
                     q->id);
        r->bad = 1;
        return 1;
    }
    q->words = tp_xrealloc(q->words, (size_t)(q->nwords + 1) * sizeof *q->words);
    q->words[q->nwords++] = (tp_word){tp_xstrdup(f), v, factor};
    return 0;
}

/* One choice fact, for one question. */
static int give_choice(struct reading *r, tp_question *q, int v, tp_fact *f)
{
    const char *label = tp_fact_str(r->e, f, "label");
    const char *alone = tp_fact_str(r->e, f, "exclusive");
    if (alone && strcmp(alone, "yes") == 0)
        q->exclusive[v] = 1;
    if (label && *label && (!r->any || !q->labels[v] || !*q->labels[v])) {
        free(q->labels[v]);
        q->labels[v] = tp_xstrdup(label);
    }
    tp_value words[64];
    int n = tp_fact_values(r->e, f, "words", words, 64);
    for (int i = 0; i < n && i < 64; i++)
        if (words[i].sym && add_word(r, q, words[i].sym, v, 1, r->any))
            return 1;
    return 0;
}

static int read_choice(void *ud, tp_fact *f)
{
    struct reading *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    const char *val = tp_fact_str(r->e, f, "value");
    if (!qid || !val)
        return 0;
    if (strcmp(qid, ANY) == 0) {
        if (!r->any)
            return 0;
        for (int i = 0; i < r->kb->nquestions; i++) {
            tp_question *q = &r->kb->questions[i];
            int v = value_index(q, val);
            if (v >= 0 && q->kind != TP_Q_NUMBER && give_choice(r, q, v, f))
                return 1;
        }
        return 0;
    }
    if (r->any)
        return 0;
    int qi = tp_kb_question_index(r->kb, qid);
    tp_question *q = qi >= 0 ? &r->kb->questions[qi] : NULL;
    int v = q ? value_index(q, val) : -1;
    if (v < 0) {
        tp_error_set(r->err,
                     "facts: a choice names %s %s, which %s (choice facts take a "
                     "question id and one of its values)",
                     q ? "the value" : "the question", q ? val : qid,
                     q ? "that question does not have" : "is not a question");
        r->bad = 1;
        return 1;
    }
    return give_choice(r, q, v, f);
}

static int read_unit(void *ud, tp_fact *f)
{
    struct reading *r = ud;
    const char *qid = tp_fact_str(r->e, f, "question");
    const char *word = tp_fact_str(r->e, f, "word");
    int qi = qid ? tp_kb_question_index(r->kb, qid) : -1;
    if (qi < 0 || r->kb->questions[qi].kind != TP_Q_NUMBER) {
        tp_error_set(r->err,
                     "facts: a number-unit names %s, which is not a question answered by "
                     "a number",
                     qid ? qid : "nothing");
        r->bad = 1;
        return 1;
    }
    long long factor = 1;
    tp_fact_int(r->e, f, "factor", &factor);
    if (factor < 1)
        factor = 1;
    return word ? add_word(r, &r->kb->questions[qi], word, -1, factor, 0) : 0;
}

static int read_choices(tp_kb *kb, tp_engine *e, tp_error *err)
{
    struct reading r = {kb, e, err, 0, 0};
    tp_engine_each(e, "choice", read_choice, &r);
    r.any = 1;
    if (!r.bad)
        tp_engine_each(e, "choice", read_choice, &r);
    if (!r.bad)
        tp_engine_each(e, "number-unit", read_unit, &r);
    for (int i = 0; i < kb->nquestions; i++)
        for (int v = 0; v < kb->questions[i].nvalues; v++)
            if (!kb->questions[i].labels[v])
                kb->questions[i].labels[v] = tp_xstrdup("");
    return r.bad ? -1 : 0;
}

static void free_choices(tp_question *q)
{
    for (int v = 0; v < TP_MAX_VALUES; v++)
        free(q->labels[v]);
    for (int i = 0; i < q->nwords; i++)
        free(q->words[i].text);
    free(q->words);
}

/* Reads the groups once the questions are sorted and indexed. */
static int read_groups(tp_kb *kb, tp_engine *e, tp_error *err)
{
    struct reader r = {kb, e, err, 0};
    kb->group_of = tp_xmalloc((size_t)kb->nquestions * sizeof *kb->group_of);
    kb->alone_why = tp_xmalloc((size_t)kb->nquestions * sizeof *kb->alone_why);
    for (int q = 0; q < kb->nquestions; q++) {
        kb->group_of[q] = -1;
        kb->alone_why[q] = NULL;
    }
    tp_engine_each(e, "question-group", read_group, &r);
    if (r.bad)
        return -1;
    if (kb->ngroups > 1) {
        qsort(kb->groups, (size_t)kb->ngroups, sizeof *kb->groups, by_group_order);
        for (int g = 0; g < kb->ngroups; g++)
            for (int i = 0; i < kb->groups[g].nmembers; i++)
                kb->group_of[kb->groups[g].members[i]] = g;
    }
    tp_engine_each(e, "group-item", read_group_item, &r);
    if (!r.bad)
        tp_engine_each(e, "ask-alone", read_alone, &r);
    return r.bad ? -1 : 0;
}

const tp_group *tp_kb_group_of(const tp_kb *kb, int q)
{
    if (!kb->group_of || q < 0 || q >= kb->nquestions || kb->group_of[q] < 0)
        return NULL;
    return &kb->groups[kb->group_of[q]];
}

static int by_order(const void *a, const void *b)
{
    const tp_question *x = a, *y = b;
    return x->order - y->order;
}

static int by_kind_order(const void *a, const void *b)
{
    const tp_kind *x = a, *y = b;
    return x->order - y->order;
}

static int by_rank(const void *a, const void *b)
{
    const tp_level *x = a, *y = b;
    return x->rank - y->rank;
}

static int describe(tp_kb *kb, tp_engine *e, tp_error *err)
{
    struct reader r = {kb, e, err, 0};
    tp_engine_each(e, "question", read_question, &r);
    tp_engine_each(e, "level", read_level, &r);
    tp_engine_each(e, "text", read_text, &r);
    tp_engine_each(e, "source", read_source, &r);
    tp_engine_each(e, "source-review", read_review, &r);
    tp_engine_each(e, "wording", read_wording, &r);
    tp_engine_each(e, "phases", read_phases, &r);
    tp_engine_each(e, "output-kind", read_kind, &r);
    tp_engine_each(e, "locale", read_locale, &r);
    tp_engine_each(e, "locale-call", read_call, &r);
    if (r.bad)
        return -1;
    if (kb->nquestions == 0 || kb->nlevels == 0 || kb->nphases == 0) {
        tp_error_set(err, "%s: the knowledge base defines no %s", kb->dir,
                     kb->nquestions == 0 ? "questions"
                     : kb->nlevels == 0  ? "levels"
                                         : "phases");
        return -1;
    }
    qsort(kb->questions, (size_t)kb->nquestions, sizeof *kb->questions, by_order);
    qsort(kb->levels, (size_t)kb->nlevels, sizeof *kb->levels, by_rank);
    if (kb->nkinds) /* a knowledge base may define no output kinds */
        qsort(kb->kinds, (size_t)kb->nkinds, sizeof *kb->kinds, by_kind_order);
    index_questions(kb);
    if (read_groups(kb, e, err) != 0)
        return -1;
    return read_choices(kb, e, err);
}

/* ---- the rules' binary image ---------------------------------------------------- */

/* Where the image of the rules with this hash is kept: in $TPTRIAGE_CACHE
 * ("off": nowhere), else $XDG_CACHE_HOME/tptriage, else
 * $HOME/.cache/tptriage; folders are made (0700) when missing. NULL when
 * there is none. */
static char *image_path(const char *hash)
{
    const char *env = getenv("TPTRIAGE_CACHE");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char dir[PATH_MAX];
    int n;
    if (env && strcmp(env, "off") == 0)
        return NULL;
    if (env && *env)
        n = snprintf(dir, sizeof dir, "%s", env);
    else if (xdg && xdg[0] == '/')
        n = snprintf(dir, sizeof dir, "%s/tptriage", xdg);
    else if (home && home[0] == '/')
        n = snprintf(dir, sizeof dir, "%s/.cache/tptriage", home);
    else
        return NULL;
    if (n <= 0 || (size_t)n + 32 >= sizeof dir)
        return NULL;
    if (!is_dir(dir)) {
        /* make the folder and any missing folder above it */
        for (char *p = dir + 1; *p; p++)
            if (*p == '/') {
                *p = 0;
                mkdir(dir, 0700);
                *p = '/';
            }
        if (mkdir(dir, 0700) != 0 && !is_dir(dir))
            return NULL;
    }
    size_t len = strlen(dir) + strlen(hash) + 6;
    char *path = tp_xmalloc(len);
    memcpy(path, dir, (size_t)n);
    snprintf(path + n, len - (size_t)n, "/%s.bin", hash);
    return path;
}

/* The hash of the files' names and texts as they are now (a tool may have
 * changed the texts since open). */
static void text_hash(const tp_kb *kb, char out[17])
{
    uint64_t h = TP_HASH_INIT;
    size_t dl = strlen(kb->dir);
    for (int i = 0; i < kb->nfiles; i++) {
        const char *base = kb->files[i].path + dl;
        h = tp_hash(h, base, strlen(base) + 1);
        h = tp_hash(h, kb->files[i].text, strlen(kb->files[i].text));
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static tp_engine *sandboxed(tp_error *err)
{
    tp_engine *e = tp_engine_new();
    if (!e) {
        tp_error_set(err, "cannot create a rule engine");
        return NULL;
    }
    tp_engine_sandbox(e);
    return e;
}

/* The engine loaded from the image at path, or NULL with why. */
static tp_engine *from_image(const tp_kb *kb, const char *path, char *why, size_t whylen)
{
    tp_error err = {{0}};
    tp_engine *e = sandboxed(&err);
    if (!e) {
        snprintf(why, whylen, "%.100s", err.msg);
        return NULL;
    }
    if (tp_engine_image_load(e, path, kb->hash, why, whylen) != 0) {
        tp_engine_free(e);
        return NULL;
    }
    return e;
}

/* ---- levels written in the flag table's rows ---------------------------------- */

/* A row of the flag table (flag-trigger) may carry the level its flag
 * calls for in its level slot; the flag's flag-level fact and safety floor
 * are then made from it (with the row's source), unless the knowledge base
 * writes them itself. They are loaded as one more deffacts, so every reader
 * (the rules, the policy, the approved floor, the image) sees them as
 * written facts. */
struct row_levels {
    tp_engine *e;
    tp_strset level, floor; /* "kind id" of the flag-level and safety-floor facts */
    tp_buf out;             /* the facts made */
    int floors;             /* safety-floor is a template */
};

static void note_fact(struct row_levels *w, tp_strset *set, tp_fact *f)
{
    const char *kind = tp_fact_str(w->e, f, "kind"), *id = tp_fact_str(w->e, f, "id");
    char key[512];
    snprintf(key, sizeof key, "%s %s", kind ? kind : "", id ? id : "");
    tp_strset_add(set, key);
}

static int note_level(void *ud, tp_fact *f)
{
    struct row_levels *w = ud;
    note_fact(w, &w->level, f);
    return 0;
}

static int note_floor(void *ud, tp_fact *f)
{
    struct row_levels *w = ud;
    note_fact(w, &w->floor, f);
    return 0;
}

/* A row with a level: its flag-level and floor, where none is written (the
 * first row of a flag that gives a level decides). */
static int row_level(void *ud, tp_fact *f)
{
    struct row_levels *w = ud;
    const char *kind = tp_fact_str(w->e, f, "kind"), *id = tp_fact_str(w->e, f, "id");
    const char *level = tp_fact_str(w->e, f, "level"), *src = tp_fact_str(w->e, f, "source");
    if (!kind || !id || !level || !*level || strcmp(level, "none") == 0)
        return 0;
    char key[512], fact[1200];
    snprintf(key, sizeof key, "%s %s", kind, id);
    snprintf(fact, sizeof fact, "(kind %s) (id %s) (level %s) (source %s))", kind, id, level,
             src && *src ? src : "nil");
    if (tp_strset_add(&w->level, key))
        tp_buf_printf(&w->out, "   (flag-level %s\n", fact);
    if (w->floors && tp_strset_add(&w->floor, key))
        tp_buf_printf(&w->out, "   (safety-floor %s\n", fact);
    return 0;
}

/* Loads the flag-level and safety-floor facts the rows' levels make.
 * Returns 0, or -1 with the reason in err. */
static int derive_row_levels(tp_engine *e, tp_error *err)
{
    if (!tp_engine_has_template(e, "flag-trigger") || !tp_engine_has_template(e, "flag-level"))
        return 0;
    struct row_levels w = {.e = e, .floors = tp_engine_has_template(e, "safety-floor")};
    tp_engine_reset(e);
    tp_engine_each(e, "flag-level", note_level, &w);
    if (w.floors)
        tp_engine_each(e, "safety-floor", note_floor, &w);
    tp_engine_each(e, "flag-trigger", row_level, &w);
    int rc = 0;
    if (w.out.len) {
        tp_buf text = {0};
        tp_buf_printf(&text, "(deffacts MAIN::flag-table-levels\n%s)\n", w.out.data);
        rc = tp_engine_load(e, "(the levels of the flag table's rows)", text.data, err->msg,
                            sizeof err->msg);
        tp_buf_free(&text);
    }
    tp_buf_free(&w.out);
    tp_strset_free(&w.level);
    tp_strset_free(&w.floor);
    return rc;
}

static tp_engine *from_source(const tp_kb *kb, tp_error *err)
{
    tp_engine *e = sandboxed(err);
    if (!e)
        return NULL;
    for (int i = 0; i < kb->nfiles; i++) {
        if (tp_engine_load(e, kb->files[i].path, kb->files[i].text, err->msg, sizeof err->msg) !=
            0) {
            tp_engine_free(e);
            return NULL;
        }
    }
    if (derive_row_levels(e, err) != 0) {
        tp_engine_free(e);
        return NULL;
    }
    /* reasons are read by the host from the rules, not hashed with every fact */
    tp_engine_detach(e, "conclusion", "reason");
    return e;
}

static tp_engine *ready(const tp_kb *kb, tp_engine *e, tp_error *err)
{
    tp_engine_reset(e);
    if (kb->nphases && tp_engine_set_phases(e, (const char *const *)kb->phases, kb->nphases,
                                            err->msg, sizeof err->msg) != 0) {
        tp_engine_free(e);
        return NULL;
    }
    return e;
}

tp_engine *tp_kb_engine(const tp_kb *kb, tp_error *err)
{
    tp_engine *e = NULL;
    if (kb->image) {
        char now[17], why[160];
        text_hash(kb, now);
        if (strcmp(now, kb->hash) == 0)
            e = from_image(kb, kb->image, why, sizeof why);
    }
    if (!e && !(e = from_source(kb, err)))
        return NULL;
    return ready(kb, e, err);
}

tp_engine *tp_kb_source_engine(const tp_kb *kb, tp_error *err)
{
    tp_engine *e = from_source(kb, err);
    return e ? ready(kb, e, err) : NULL;
}

/* The engine for open: from the image in the cache when it is good, else
 * from source, writing the image for the next start. */
static tp_engine *open_engine(tp_kb *kb, tp_error *err)
{
    char *path = image_path(kb->hash);
    if (!path) {
        const char *env = getenv("TPTRIAGE_CACHE");
        snprintf(kb->image_note, sizeof kb->image_note, "%s",
                 env && strcmp(env, "off") == 0 ? "off" : "no cache folder");
        tp_engine *e = from_source(kb, err);
        return e ? ready(kb, e, err) : NULL;
    }
    char why[160] = "";
    tp_engine *e = access(path, F_OK) == 0 ? from_image(kb, path, why, sizeof why) : NULL;
    if (e) {
        snprintf(kb->image_note, sizeof kb->image_note, "used");
    } else {
        if (!(e = from_source(kb, err))) {
            free(path);
            return NULL;
        }
        char werr[600];
        if (tp_engine_image_save(e, path, kb->hash, werr, sizeof werr) == 0) {
            snprintf(kb->image_note, sizeof kb->image_note, "written%s%.100s%s",
                     why[0] ? " (was " : "", why, why[0] ? ")" : "");
        } else {
            snprintf(kb->image_note, sizeof kb->image_note, "not written: %.120s", werr);
            free(path);
            path = NULL;
        }
    }
    kb->image = path;
    return ready(kb, e, err);
}

int tp_kb_open(tp_kb *kb, const char *dir, tp_engine **engine, tp_error *err)
{
    memset(kb, 0, sizeof *kb);
    kb->dir = tp_xstrdup(dir);
    tp_engine *e = NULL;
    if (read_files(kb, dir, err) != 0 || !(e = open_engine(kb, err)) || describe(kb, e, err) != 0 ||
        tp_engine_set_phases(e, (const char *const *)kb->phases, kb->nphases, err->msg,
                             sizeof err->msg) != 0) {
        tp_engine_free(e);
        tp_kb_close(kb);
        return -1;
    }
    if (engine)
        *engine = e;
    else
        tp_engine_free(e);
    return 0;
}

void tp_kb_close(tp_kb *kb)
{
    free(kb->image);
    free(kb->qindex);
    for (int i = 0; i < kb->nfiles; i++) {
        free(kb->files[i].path);
        free(kb->files[i].text);
    }
    for (int i = 0; i < kb->nquestions; i++) {
        tp_question *q = &kb->questions[i];
        free(q->id);
        free(q->text);
        free(q->help);
        free(q->unsure);
        free(q->ask_below);
        for (int j = 0; j < q->nvalues; j++)
            free(q->values[j]);
        free_choices(q);
    }
    for (int i = 0; i < kb->nlevels; i++) {
        free(kb->levels[i].id);
        free(kb->levels[i].title);
        free(kb->levels[i].todo);
    }
    for (int i = 0; i < kb->nwordings; i++) {
        free(kb->wordings[i].id);
        free(kb->wordings[i].text);
    }
    for (int i = 0; i < kb->ntexts; i++) {
        free(kb->texts[i].kind);
        free(kb->texts[i].id);
        free(kb->texts[i].text);
        free(kb->texts[i].dose);
        free(kb->texts[i].from_level);
    }
    for (int i = 0; i < kb->nsources; i++) {
        free(kb->sources[i].id);
        free(kb->sources[i].title);
        free(kb->sources[i].section);
        free(kb->sources[i].url);
        free(kb->sources[i].citation);
        free(kb->sources[i].reviewed);
    }
    for (int i = 0; i < kb->nphases; i++)
        free(kb->phases[i]);
    for (int g = 0; g < kb->ngroups; g++) {
        free(kb->groups[g].id);
        free(kb->groups[g].title);
        free(kb->groups[g].prompt);
        free(kb->groups[g].help);
        for (int i = 0; i < kb->groups[g].nmembers; i++)
            free(kb->groups[g].items[i]);
    }
    free(kb->groups);
    if (kb->alone_why)
        for (int q = 0; q < kb->nquestions; q++)
            free(kb->alone_why[q]);
    free(kb->alone_why);
    free(kb->group_of);
    for (int i = 0; i < kb->nkinds; i++) {
        free(kb->kinds[i].id);
        free(kb->kinds[i].field);
        free(kb->kinds[i].heading);
        free(kb->kinds[i].summary);
        free(kb->kinds[i].role);
    }
    free(kb->kinds);
    for (int i = 0; i < kb->nlocales; i++) {
        free(kb->locales[i].id);
        free(kb->locales[i].name);
        for (int j = 0; j < kb->locales[i].nregions; j++)
            free(kb->locales[i].regions[j]);
    }
    free(kb->locales);
    for (int i = 0; i < kb->ncalls; i++) {
        free(kb->calls[i].locale);
        free(kb->calls[i].level);
        free(kb->calls[i].number);
        free(kb->calls[i].label);
        free(kb->calls[i].where);
    }
    free(kb->calls);
    free(kb->files);
    free(kb->questions);
    free(kb->levels);
    free(kb->wordings);
    free(kb->texts);
    free(kb->sources);
    free(kb->dir);
    memset(kb, 0, sizeof *kb);
}

/* The first slot of id in the question index (a power of two in size). */
static size_t qslot(const tp_kb *kb, const char *id)
{
    return (size_t)tp_hash(TP_HASH_INIT, id, strlen(id)) & (kb->qindex_size - 1);
}

/* Builds the index of questions by id: open addressing, at most half full. */
static void index_questions(tp_kb *kb)
{
    kb->qindex_size = 16;
    while (kb->qindex_size < 2 * (size_t)kb->nquestions)
        kb->qindex_size *= 2;
    kb->qindex = tp_xmalloc(kb->qindex_size * sizeof *kb->qindex);
    for (size_t i = 0; i < kb->qindex_size; i++)
        kb->qindex[i] = -1;
    for (int q = 0; q < kb->nquestions; q++) {
        size_t i = qslot(kb, kb->questions[q].id);
        while (kb->qindex[i] >= 0)
            i = (i + 1) & (kb->qindex_size - 1);
        kb->qindex[i] = q;
    }
}

int tp_kb_question_index(const tp_kb *kb, const char *id)
{
    if (kb->qindex) {
        for (size_t i = qslot(kb, id); kb->qindex[i] >= 0; i = (i + 1) & (kb->qindex_size - 1))
            if (strcmp(kb->questions[kb->qindex[i]].id, id) == 0)
                return kb->qindex[i];
        return -1;
    }
    for (int i = 0; i < kb->nquestions; i++)
        if (strcmp(kb->questions[i].id, id) == 0)
            return i;
    return -1;
}

const tp_question *tp_kb_question(const tp_kb *kb, const char *id)
{
    int i = tp_kb_question_index(kb, id);
    return i < 0 ? NULL : &kb->questions[i];
}

/* The locale want names exactly (its id or a region, any case), or NULL.
 * A name as in LANG ("en_GB.UTF-8") is read for its region. */
static const tp_locale *locale_named(const tp_kb *kb, const char *want)
{
    char region[16] = "";
    if (!want || !*want)
        return NULL;
    const char *u = strchr(want, '_');
    if (!u)
        u = strchr(want, '-'); /* en-GB, as browsers say it */
    if (u) {                   /* language_REGION.charset@modifier */
        size_t n = strcspn(u + 1, ".@");
        if (n >= sizeof region)
            return NULL;
        memcpy(region, u + 1, n);
        region[n] = 0;
    }
    for (int i = 0; i < kb->nlocales; i++) {
        const tp_locale *l = &kb->locales[i];
        if (!u && strcasecmp(l->id, want) == 0)
            return l;
        for (int j = 0; j < l->nregions; j++)
            if (strcasecmp(l->regions[j], u ? region : want) == 0)
                return l;
    }
    return NULL;
}

int tp_kb_locale_known(const tp_kb *kb, const char *want)
{
    return locale_named(kb, want) != NULL;
}

const tp_locale *tp_kb_locale(const tp_kb *kb, const char *want)
{
    const tp_locale *l = locale_named(kb, want);
    if (l)
        return l;
    for (int i = 0; i < kb->nlocales; i++)
        if (kb->locales[i].is_default)
            return &kb->locales[i];
    return kb->nlocales ? &kb->locales[0] : NULL;
}

const tp_locale *tp_kb_locale_pick(const tp_kb *kb, const char *opt)
{
    if (opt && *opt)
        return tp_kb_locale(kb, opt);
    const char *env = getenv("TPTRIAGE_LOCALE");
    if (env && *env)
        return tp_kb_locale(kb, env);
    const char *lang = getenv("LANG");
    /* only the region of LANG: "C" or "POSIX" name none */
    return tp_kb_locale(kb, lang && strchr(lang, '_') ? lang : NULL);
}

const tp_locale_call *tp_kb_call(const tp_kb *kb, const tp_locale *loc, const tp_level *l)
{
    if (!loc || !l)
        return NULL;
    for (int i = 0; i < kb->ncalls; i++)
        if (strcmp(kb->calls[i].locale, loc->id) == 0 && strcmp(kb->calls[i].level, l->id) == 0)
            return &kb->calls[i];
    return NULL;
}

const char *tp_kb_wording(const tp_kb *kb, const char *id)
{
    for (int i = 0; i < kb->nwordings; i++)
        if (strcmp(kb->wordings[i].id, id) == 0)
            return kb->wordings[i].text;
    return NULL;
}

const tp_level *tp_kb_level(const tp_kb *kb, const char *id)
{
    for (int i = 0; i < kb->nlevels; i++)
        if (strcmp(kb->levels[i].id, id) == 0)
            return &kb->levels[i];
    return NULL;
}

const tp_level *tp_kb_ask_below(const tp_kb *kb, const tp_question *q)
{
    return q && q->ask_below ? tp_kb_level(kb, q->ask_below) : NULL;
}

int tp_kb_text_shown(const tp_kb *kb, const tp_text *t, const tp_level *l)
{
    const tp_level *from = tp_kb_level(kb, t->from_level);
    return !l || !from || l->rank >= from->rank;
}

const tp_text *tp_kb_text(const tp_kb *kb, const char *kind, const char *id)
{
    for (int i = 0; i < kb->ntexts; i++)
        if (strcmp(kb->texts[i].id, id) == 0 && strcmp(kb->texts[i].kind, kind) == 0)
            return &kb->texts[i];
    return NULL;
}

const tp_source *tp_kb_source(const tp_kb *kb, const char *id)
{
    for (int i = 0; i < kb->nsources; i++)
        if (strcmp(kb->sources[i].id, id) == 0)
            return &kb->sources[i];
    return NULL;
}

const tp_kind *tp_kb_kind(const tp_kb *kb, const char *id)
{
    for (int i = 0; i < kb->nkinds; i++)
        if (strcmp(kb->kinds[i].id, id) == 0)
            return &kb->kinds[i];
    return NULL;
}

const tp_kind *tp_kb_kind_role(const tp_kb *kb, const char *role)
{
    for (int i = 0; i < kb->nkinds; i++)
        if (strcmp(kb->kinds[i].role, role) == 0)
            return &kb->kinds[i];
    return NULL;
}

const char *tp_kb_value(const tp_question *q, const char *s)
{
    for (int i = 0; i < q->nvalues; i++)
        if (strcmp(q->values[i], s) == 0)
            return q->values[i];
    return NULL;
}

void tp_kb_example(const tp_kb *kb, int with_number, char *out, size_t len)
{
    const tp_question *choice = NULL, *number = NULL;
    for (int i = 0; i < kb->nquestions; i++) {
        const tp_question *q = &kb->questions[i];
        if (!choice && q->kind == TP_Q_CHOICE)
            choice = q;
        if (!number && q->kind == TP_Q_NUMBER)
            number = q;
    }
    size_t used = (size_t)snprintf(out, len, "{");
    if (choice && used < len) {
        const char *v = tp_kb_value(choice, "no") ? "no" : choice->values[0];
        used += (size_t)snprintf(out + used, len - used, "\"%s\": \"%s\"", choice->id, v);
    }
    if (with_number && number && used < len) {
        long long n = 42 < number->min ? number->min : 42 > number->max ? number->max : 42;
        used += (size_t)snprintf(out + used, len - used, "%s\"%s\": %lld", choice ? ", " : "",
                                 number->id, n);
    }
    if (used < len)
        snprintf(out + used, len - used, "}");
}
